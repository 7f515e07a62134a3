"""What the pages show, asked of the API (KnowledgeGraph and the catalog); no pipeline of its own."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from bilateral import queries
from bilateral.api import KnowledgeGraph
from bilateral.core.errors import BilateralError
from bilateral.ontology.vocab import BI, NS

__all__ = ["Fact", "dyad", "entity_facts", "label", "neighbourhood", "search"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CLASSES = (
    "Country",
    "Person",
    "Meeting",
    "Statement",
    "Treaty",
    "Sector",
    "Topic",
    "Source",
    "Commitment",
    "Alliance",
)
_LABELS = (
    "SELECT DISTINCT ?s ?class ?label WHERE { VALUES ?class { "
    + " ".join(f"<{NS}{c}>" for c in _CLASSES)
    + f" }} ?s a ?class . {{ ?s <{BI.name}> ?label }} UNION {{ ?s <{BI.alias}> ?label }}"
    + f" UNION {{ ?s <{BI.notation}> ?label }} }}"
)


@dataclass(frozen=True)
class Fact:
    predicate: str
    value: Any
    is_node: bool
    sources: tuple[str, ...]
    incoming: bool = False


def local(term: str) -> str:
    """A term of the ontology by its local name; any other by its last segment."""
    if term.startswith(NS):
        return term.removeprefix(NS)
    return term.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def search(kg: KnowledgeGraph, text: str, limit: int = 30) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Entities whose name, alias or code contains `text`; then close matches for a typo."""
    wanted = text.strip().casefold()
    if not wanted:
        return [], []
    rows = kg.select(_LABELS).rows
    found: dict[str, dict[str, str]] = {}
    labels: dict[str, list[tuple[str, str, str]]] = {}
    for node, cls, text_label in rows:
        label_text = str(text_label)
        # a whole label and each of its words (a typo in a surname: "Ishbia")
        for key in {label_text.casefold(), *label_text.casefold().split()}:
            labels.setdefault(key, []).append((str(node), local(str(cls)), label_text))
        if wanted in label_text.casefold() and str(node) not in found:
            found[str(node)] = {"iri": str(node), "class": local(str(cls)), "label": label_text}
    try:  # what the CLI would resolve it to (a code, a surname, "the 1960 treaty" by date)
        hit = kg.resolve(text)
        if hit not in found:
            found[hit] = {"iri": hit, "class": ", ".join(classes(kg, hit)), "label": label(kg, hit)}
    except BilateralError:
        pass
    close: list[dict[str, str]] = []
    if not found:
        seen: set[str] = set()
        for key in difflib.get_close_matches(wanted, list(labels), n=8, cutoff=0.6):
            for node, cls, text_label in labels[key]:
                if node not in seen:
                    seen.add(node)
                    close.append({"iri": node, "class": cls, "label": text_label})
    ordered = sorted(found.values(), key=lambda h: (h["label"].casefold() != wanted, h["label"]))
    return ordered[:limit], close


def label(kg: KnowledgeGraph, node: str) -> str:
    """Its name; else what a nameless node is known by (a statement's text, a tenure's office)."""
    for predicate in (BI.name, BI.text, BI.office, BI.date):
        rows = kg.select(
            "SELECT ?n WHERE { ?s ?p ?n } ORDER BY ?n LIMIT 1", {"s": ox.NamedNode(node), "p": ox.NamedNode(predicate)}
        ).rows
        if rows:
            text = data_text(rows[0][0])
            return text if len(text) <= 80 else text[:79] + "…"
    return local(node)


def data_text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def classes(kg: KnowledgeGraph, node: str) -> list[str]:
    rows = kg.select("SELECT DISTINCT ?c WHERE { ?s a ?c }", {"s": ox.NamedNode(node)}).rows
    return sorted(local(str(c)) for (c,) in rows)


def entity_facts(kg: KnowledgeGraph, node: str, limit: int = 500) -> tuple[list[Fact], list[Fact]]:
    """Every fact about `node` (outgoing, then incoming), each with the sources asserting it."""
    subject = ox.NamedNode(node)
    outgoing = kg.store.select(
        "SELECT ?p ?o (GROUP_CONCAT(DISTINCT STR(?g); separator=' ') AS ?gs) "
        "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p ?o ORDER BY ?p STR(?o) LIMIT " + str(limit),
        {"s": subject},
    )
    incoming = kg.store.select(
        "SELECT ?p ?x (GROUP_CONCAT(DISTINCT STR(?g); separator=' ') AS ?gs) "
        "WHERE { GRAPH ?g { ?x ?p ?s } } GROUP BY ?p ?x ORDER BY ?p STR(?x) LIMIT " + str(limit),
        {"s": subject},
    )
    node_values = _nodes([row[1] for row in outgoing.rows])
    out = [Fact(str(p), o, str(o) in node_values, tuple(str(g).split())) for p, o, g in outgoing.rows]
    inc = [Fact(str(p), x, True, tuple(str(g).split()), incoming=True) for p, x, g in incoming.rows]
    return out, inc


def _nodes(values: list[object]) -> set[str]:
    """Which values are IRIs (shown as links); literals that look like IRIs are rare in this graph."""
    return {v for v in values if isinstance(v, str) and v.startswith(("http://", "https://", "urn:"))}


def conflicts(facts: list[Fact]) -> set[str]:
    """Predicates with more than one value from different sources (shown side by side)."""
    by_p: dict[str, set[str]] = {}
    for fact in facts:
        if not fact.incoming and fact.predicate != RDF_TYPE:
            by_p.setdefault(fact.predicate, set()).add(str(fact.value))
    return {p for p, values in by_p.items() if len(values) > 1}


def rows_of(kg: KnowledgeGraph, name: str, params: dict[str, str]) -> dict[str, Any]:
    """A catalog query's rows, or the error it gave (a page shows it instead of failing)."""
    try:
        rows = kg.query_rows(name, params)
        return {"columns": rows.columns, "rows": rows.rows, "error": None, "name": name, "params": params}
    except BilateralError as err:
        return {"columns": [], "rows": [], "error": str(err), "name": name, "params": params}


def leaders(kg: KnowledgeGraph, country: str) -> list[tuple[Any, ...]]:
    """Who held which office of a country, from when to when, by which source."""
    # Vocabulary IRIs are written into the text: a predicate variable bound by VALUES would
    # leave the OPTIONALs unconstrained (VALUES joins after them). Only the country is bound.
    return kg.store.select(
        f"SELECT ?person ?name ?office ?start ?end ?g WHERE {{ GRAPH ?g {{ ?t a <{BI.Tenure}> ; "
        f"<{BI.holder}> ?person ; <{BI.country}> ?c . OPTIONAL {{ ?t <{BI.office}> ?office }} "
        f"OPTIONAL {{ ?t <{BI.startDate}> ?start }} OPTIONAL {{ ?t <{BI.endDate}> ?end }} }} "
        f"OPTIONAL {{ ?person <{BI.name}> ?name }} }} ORDER BY ?start ?name",
        {"c": ox.NamedNode(country)},
    ).rows


def dyad(kg: KnowledgeGraph, a: str, b: str, year: int | None = None) -> dict[str, Any]:
    """Everything the dyad page shows, each part from the catalog."""
    a_iri, b_iri = kg.resolve(a, "country"), kg.resolve(b, "country")
    balance = rows_of(kg, "trade-balance", {"a": a, "b": b})
    years = sorted({int(r[0]) for r in balance["rows"] if r[0] is not None})
    year = year or (years[-1] if years else dt.date.today().year - 1)
    return {
        "a": a,
        "b": b,
        "a_name": label(kg, a_iri),
        "b_name": label(kg, b_iri),
        "a_iri": a_iri,
        "b_iri": b_iri,
        "year": year,
        "leaders": {a: leaders(kg, a_iri), b: leaders(kg, b_iri)},
        "timeline": rows_of(kg, "dyad-timeline", {"a": a, "b": b}),
        "balance": balance,
        "top": [
            rows_of(kg, "top-sectors", {"exporter": a, "importer": b, "year": str(year), "n": "5"}),
            rows_of(kg, "top-sectors", {"exporter": b, "importer": a, "year": str(year), "n": "5"}),
        ],
        "mirror": rows_of(kg, "mirror-asymmetry", {"a": a, "b": b, "year": str(year)}),
        "treaties": rows_of(kg, "alliances-in-force", {"a": a, "b": b, "date": dt.date.today().isoformat()}),
        "meetings": rows_of(kg, "meetings-between", {"a": a, "b": b}),
    }


_LINKS = f"""
SELECT DISTINCT ?other ?p ?out WHERE {{
  {{ ?s ?p ?other FILTER(isIRI(?other) && ?p != <{RDF_TYPE}>) BIND(true AS ?out) }}
  UNION {{ ?other ?p ?s BIND(false AS ?out) }}
}} ORDER BY ?p ?other LIMIT """


def neighbourhood(kg: KnowledgeGraph, node: str, cap: int = 25) -> dict[str, Any]:
    """An entity and its neighbours as cytoscape elements, at most `cap` of them ("and N more").

    Asked of the store directly (one step, capped), so a hub with thousands of trade flows
    costs a capped query, not a projection of the whole graph."""
    subject = {"s": ox.NamedNode(node)}
    rows = kg.select(_LINKS + str(cap * 4), subject).rows
    total = kg.select(
        "SELECT (COUNT(DISTINCT ?other) AS ?n) WHERE { { ?s ?p ?other FILTER(isIRI(?other) && ?p != <"
        + RDF_TYPE
        + ">) } UNION { ?other ?p ?s } }",
        subject,
    ).rows[0][0]
    nodes = [{"data": {"id": node, "label": label(kg, node), "classes": " ".join(classes(kg, node))}}]
    edges: list[dict[str, Any]] = []
    for other, predicate, out in rows:
        other = str(other)
        if other == node or any(n["data"]["id"] == other for n in nodes):
            continue
        if len(nodes) > cap:
            break
        nodes.append({"data": {"id": other, "label": label(kg, other), "classes": " ".join(classes(kg, other))}})
        ends = (node, other) if out else (other, node)
        edges.append(
            {
                "data": {
                    "id": f"{ends[0]} {predicate} {ends[1]}",
                    "source": ends[0],
                    "target": ends[1],
                    "label": local(str(predicate)),
                }
            }
        )
    total = int(str(total)) - (1 if any(str(r[0]) == node for r in rows) else 0)
    return {"elements": nodes + edges, "more": max(0, total - len(edges)), "total": total}


def catalog() -> list[queries.CatalogQuery]:
    return list(queries.catalog().values())
