"""How two entities connect: shortest paths over the networkx projection, told step by step.

The projection is the one Neo4j gets (graph.mapping), so a path found here can be walked in Cypher
too. Paths ignore the direction of relationships (Ishiba -participated in-> summit <-participated
in- Trump is a connection); each step says which way the relationship points.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from bilateral.core.errors import QueryError
from bilateral.graph.mapping import REL_TYPES, Projection, project_store
from bilateral.graph.networkx import to_networkx
from bilateral.graph.store import OxigraphStore
from bilateral.ontology import ontology_graph

__all__ = ["Path", "Step", "describe_node", "neighbors", "relationship_words", "trace"]


@dataclass(frozen=True)
class Step:
    start: str
    relationship: str  # the relationship type, e.g. PARTICIPATED_IN
    words: str  # the relationship in words, e.g. "participated in"
    forward: bool  # True when the relationship points from start to end
    end: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Path:
    nodes: tuple[str, ...]
    steps: tuple[Step, ...]

    def text(self, names: dict[str, str]) -> str:
        parts = [names[self.nodes[0]]]
        for step in self.steps:
            arrow = f"-{step.words}->" if step.forward else f"<-{step.words}-"
            shown = ", ".join(step.sources[:2]) + (f" +{len(step.sources) - 2} more" if len(step.sources) > 2 else "")
            cited = f" [{shown}]" if step.sources else ""
            parts.append(f" {arrow}{cited} {names[step.end]}")
        return "".join(parts)


def relationship_words() -> dict[str, str]:
    """Relationship type -> the rdfs:label of its ontology property ("participated in")."""
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    graph = ontology_graph()
    return {
        kind: str(graph.value(URIRef(prop), RDFS.label) or kind.lower().replace("_", " "))
        for prop, kind in REL_TYPES.items()
    }


def _first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else value


def describe_node(uri: str, labels: Iterable[str], props: dict[str, object]) -> str:
    """A node as an analyst reads it: its name, with its dates where it has some."""
    labels = tuple(labels)
    name = _first(props.get("name")) or _first(props.get("title"))
    if "Tenure" in labels:
        span = f"{props.get('startDate') or props.get('attestedDate') or '?'}..{props.get('endDate') or ''}"
        return f"tenure as {_first(props.get('office'))} ({span})"
    if "Statement" in labels:
        text = str(_first(props.get("text")) or "")
        return f"statement of {props.get('date')}: \u201c{text[:60]}{'…' if len(text) > 60 else ''}\u201d"
    if {"TradeFlow", "IndicatorObservation"} & set(labels):
        what = _first(props.get("indicator")) or "trade flow"
        return f"{what} {props.get('year')}: {_first(props.get('value'))} {_first(props.get('currency')) or ''}".strip()
    if "Meeting" in labels:
        return f"{name or _first(props.get('kind'))} ({_first(props.get('date'))})"
    if "Commitment" in labels:
        what = str(_first(props.get("description")))
        return f"commitment of {_first(props.get('date'))}: {what[:60]}{'…' if len(what) > 60 else ''}"
    if name:
        return str(name)
    return uri.rsplit("/", 1)[-1]


def _valid_on(labels: tuple[str, ...], props: dict[str, object], day: dt.date) -> bool:
    """False for facts that did not hold on `day`: later events, tenures and treaties out of force."""

    def dates(key: str) -> list[dt.date]:
        value = props.get(key)
        values = value if isinstance(value, list) else [value]
        return [v for v in values if isinstance(v, dt.date)]

    if "Tenure" in labels:
        start, end, seen = dates("startDate"), dates("endDate"), dates("attestedDate")
        began = any(s <= day for s in start) or any(a == day for a in seen)
        return began and not any(e < day for e in end)
    if {"Meeting", "Statement", "Commitment"} & set(labels):
        return not any(d > day for d in dates("date"))
    if "Treaty" in labels:
        in_force = dates("inForceDate") or dates("signedDate")
        return any(d <= day for d in in_force) and not any(e < day for e in dates("endDate"))
    if {"TradeFlow", "IndicatorObservation"} & set(labels):
        year = props.get("year")
        return not isinstance(year, int) or year <= day.year
    return True


class Tracer:
    """The projection of a store as an undirected graph, filtered by day and relationship types."""

    def __init__(self, projection: Projection, *, as_of: dt.date | None = None, via: Iterable[str] = ()) -> None:
        self.projection = projection
        self.full = to_networkx(projection)
        allowed = {v.upper().replace(" ", "_") for v in via}
        unknown = allowed - set(REL_TYPES.values())
        if unknown:
            raise QueryError(
                f"unknown relationship type(s) {', '.join(sorted(unknown))}; "
                f"expected some of {', '.join(sorted(REL_TYPES.values()))}"
            )
        keep = [
            u
            for u, data in self.full.nodes(data=True)
            if as_of is None or _valid_on(tuple(data["labels"]), data["properties"], as_of)
        ]
        self.undirected = nx.Graph()
        self.undirected.add_nodes_from(keep)
        for start, end, kind, data in self.full.edges(keys=True, data=True):
            if (allowed and kind not in allowed) or start not in self.undirected or end not in self.undirected:
                continue
            edge = self.undirected.get_edge_data(start, end)
            entry = (start, kind, end, tuple(data["sources"]))
            if edge is None:
                self.undirected.add_edge(start, end, rels=[entry])
            else:
                edge["rels"].append(entry)
        self.words = relationship_words()

    def name(self, uri: str) -> str:
        data = self.full.nodes[uri]
        return describe_node(uri, data["labels"], data["properties"])

    def _steps(self, nodes: list[str]) -> tuple[Step, ...]:
        steps = []
        for a, b in itertools.pairwise(nodes):
            start, kind, _, sources = sorted(self.undirected.edges[a, b]["rels"])[0]
            steps.append(Step(a, kind, self.words.get(kind, kind), start == a, b, sources))
        return tuple(steps)

    def paths(self, a: str, b: str, k: int = 3, max_hops: int = 6) -> list[Path]:
        for node in (a, b):
            if node not in self.undirected:
                raise QueryError(f"{node} is not in the graph on the chosen day / relationship types")
        found: list[Path] = []
        try:
            for nodes in nx.shortest_simple_paths(self.undirected, a, b):
                if len(nodes) - 1 > max_hops or len(found) >= k:
                    break
                found.append(Path(tuple(nodes), self._steps(nodes)))
        except nx.NetworkXNoPath:
            return []
        return found


def trace(
    store: OxigraphStore,
    a: str,
    b: str,
    *,
    k: int = 3,
    max_hops: int = 6,
    as_of: dt.date | None = None,
    via: Iterable[str] = (),
) -> tuple[list[Path], dict[str, str]]:
    """The k shortest paths (at most `max_hops` steps) from IRI `a` to IRI `b`, and node names."""
    tracer = Tracer(project_store(store), as_of=as_of, via=via)
    paths = tracer.paths(a, b, k=k, max_hops=max_hops)
    names = {uri: tracer.name(uri) for path in paths for uri in path.nodes}
    return paths, names


def neighbors(
    store: OxigraphStore, center: str, depth: int = 1, *, as_of: dt.date | None = None, via: Iterable[str] = ()
) -> list[tuple[object, ...]]:
    """Rows (distance, node, name, labels, via, sources) for every node within `depth` steps."""
    tracer = Tracer(project_store(store), as_of=as_of, via=via)
    if center not in tracer.undirected:
        raise QueryError(f"{center} is not in the graph on the chosen day / relationship types")
    rows: list[tuple[object, ...]] = []
    lengths = nx.single_source_shortest_path(tracer.undirected, center, cutoff=depth)
    for uri, nodes in sorted(lengths.items(), key=lambda item: (len(item[1]), item[0])):
        if uri == center:
            continue
        step = tracer._steps(nodes[-2:])[0]
        # Read from the row's entity (the step's end) back to the node it was reached from.
        arrow = f"<-{step.words}-" if step.forward else f"-{step.words}->"
        data = tracer.full.nodes[uri]
        rows.append(
            (
                len(nodes) - 1,
                uri,
                tracer.name(uri),
                " ".join(data["labels"]),
                f"{arrow} {tracer.name(nodes[-2])}",
                " ".join(step.sources),
            )
        )
    return rows
