"""SHACL and integrity checks over the store; each violation names its source graph."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from bilateral.graph.store import OxigraphStore
from bilateral.ontology import ontology_graph, shapes_graph
from bilateral.ontology.vocab import BI

__all__ = ["Violation", "validate_store"]


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str
    sources: str  # the graphs that assert the focus node's offending facts

    COLUMNS = ("focus", "path", "message", "value", "sources")

    def row(self) -> tuple[str, ...]:
        return (self.focus, self.path, self.message, self.value, self.sources)


def _union_graph(store: OxigraphStore) -> rdflib.Graph:
    """All facts of all graphs as one rdflib graph, the data graph SHACL sees."""
    graph = rdflib.Graph()
    data = "\n".join(str(ox.Triple(q.subject, q.predicate, q.object)) + " ." for q in store.quads())
    if data:
        graph.parse(data=data, format="nt")
    return graph


def _graphs_of(store: OxigraphStore, focus: str, path: str) -> str:
    node = ox.NamedNode(focus) if not focus.startswith("_:") else None
    if node is None:
        return ""
    bindings: dict[str, ox.NamedNode] = {"s": node}
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    if path:
        bindings["p"] = ox.NamedNode(path)
    rows = store.select(query, bindings).rows
    if not rows and path:
        rows = store.select(query, {"s": node}).rows
    return " ".join(sorted(str(row[0]) for row in rows))


def validate_store(store: OxigraphStore) -> list[Violation]:
    """SHACL violations, then facts outside a described Source's graph."""
    data = _union_graph(store)
    violations: list[Violation] = []
    if len(data):
        _, report, _ = shacl_validate(
            data,
            shacl_graph=shapes_graph(),
            ont_graph=ontology_graph(),
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
        for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
            focus = str(report.value(result, SH.focusNode))
            path = report.value(result, SH.resultPath)
            message = report.value(result, SH.resultMessage)
            value = report.value(result, SH.value)
            path_text = str(path) if isinstance(path, rdflib.URIRef) else ""
            violations.append(
                Violation(
                    focus=focus,
                    path=path_text,
                    message=str(message or "SHACL violation"),
                    value="" if value is None else str(value),
                    sources=_graphs_of(store, focus, path_text),
                )
            )
    # A fact's graph must be the described Source that asserts it (SHACL cannot see graphs).
    undescribed = store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER NOT EXISTS { GRAPH ?g { ?g a ?source } } } GROUP BY ?g",
        {"source": ox.NamedNode(BI.Source)},
    )
    for graph, count in undescribed.rows:
        violations.append(
            Violation(
                focus=str(graph),
                path="",
                value=f"{count} facts",
                message="facts in a graph that is not a described Source",
                sources=str(graph),
            )
        )
    return sorted(violations, key=lambda v: (v.sources, v.focus, v.path, v.message))
