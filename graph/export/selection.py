"""What an export holds: the whole store, one source's graph, or one dyad's facts (the rule is in
the package docstring, bilateral.graph.export)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from bilateral.core.errors import BilateralError, NameResolutionError
from bilateral.core.progress import Meter, Progress
from bilateral.graph import iri
from bilateral.graph.resolve import resolve
from bilateral.graph.store import OxigraphStore
from bilateral.ontology.vocab import BI

__all__ = ["Selection", "select"]


@dataclass(frozen=True)
class Selection:
    """The quads an export holds: the whole store, one source's graph, one dyad's facts."""

    store: OxigraphStore
    graphs: tuple[ox.NamedNode, ...]  # the graphs exported from, sorted
    source: ox.NamedNode | None = None
    dyad: ox.NamedNode | None = None
    subjects: frozenset[ox.NamedNode | ox.BlankNode] = frozenset()  # with `dyad`: its subjects
    progress: Progress | None = None  # told the quads (triples) read as they stream

    def meter(self, unit: str = "quads") -> Meter:
        """A meter of what is exported (out of the store's size when it is all of it)."""
        return Meter(self.progress, "exporting", len(self.store) if self.whole and unit == "quads" else None, unit)

    @property
    def whole(self) -> bool:
        return self.source is None and self.dyad is None

    def keep(self, quad: ox.Quad) -> bool:
        """Whether a quad of one of `graphs` is exported."""
        if self.dyad is None:
            return True
        return quad.subject in self.subjects or quad.subject == quad.graph_name

    def quads(self) -> Iterator[ox.Quad]:
        """The selected quads, graph by graph (the default graph first, for the whole store)."""
        meter = self.meter()
        yield from meter.items(self._quads())
        meter.finish()

    def _quads(self) -> Iterator[ox.Quad]:
        raw = self.store
        if self.whole:
            yield from raw.pattern(None, None, None, ox.DefaultGraph())
        for graph in self.graphs:
            for quad in raw.pattern(None, None, None, graph):
                if self.keep(quad):
                    yield quad

    def triples(self) -> Iterator[ox.Triple]:
        """The union of the selected graphs as triples, each once, subject by subject."""
        meter = self.meter("triples")
        yield from meter.items(self._triples())
        meter.finish()

    def _triples(self) -> Iterator[ox.Triple]:
        raw = self.store
        if self.source is not None and self.dyad is None:
            for quad in raw.pattern(None, None, None, self.source):
                yield quad.triple  # one graph holds no duplicates
            return
        if self.whole:
            subjects: list[Any] = list(raw.subjects())
        else:
            subjects = sorted(self.subjects | set(self.graphs), key=str)
        graphs = set(self.graphs)
        for subject in subjects:
            seen: set[ox.Triple] = set()
            for quad in raw.pattern(subject, None, None, None):
                if not self.whole and (quad.graph_name not in graphs or not self.keep(quad)):
                    continue
                triple = quad.triple
                if triple not in seen:
                    seen.add(triple)
                    yield triple


def _source_graph(store: OxigraphStore, source: str) -> ox.NamedNode:
    text = source.strip()
    try:
        node = ox.NamedNode(text if "://" in text else iri.source_iri(text))
    except ValueError as err:
        raise NameResolutionError(f"{source!r} is neither a source id nor a source IRI") from err
    if node not in store.graphs():
        raise NameResolutionError(
            f"no source {source!r} in the store (no graph {node.value}); `bilateral stats` lists the sources"
        )
    return node


def _country_code(store: OxigraphStore, text: str) -> str | None:
    try:
        return resolve(store, text, "country").rstrip("/").rsplit("/", 1)[-1]
    except BilateralError:
        return None


def _dyad_node(store: OxigraphStore, dyad: str) -> ox.NamedNode:
    """`JPN-USA`, `USA-JPN`, `Japan-United States`, or a dyad IRI."""
    text = dyad.strip()
    if "://" in text:
        candidates = {text}
    else:
        candidates = set()
        for at in [m.start() for m in re.finditer("-", text)]:
            a, b = _country_code(store, text[:at]), _country_code(store, text[at + 1 :])
            if a and b and a != b:
                candidates.add(iri.dyad_iri(a, b))
    if len(candidates) != 1:
        what = "names two dyads" if candidates else "is not a dyad"
        raise NameResolutionError(f"{dyad!r} {what}: give two countries as A-B (JPN-USA, Japan-USA)")
    try:
        node = ox.NamedNode(candidates.pop())
    except ValueError as err:
        raise NameResolutionError(f"{dyad!r} is not a dyad IRI ({err})") from err
    raw = store
    if next(iter(raw.pattern(node, None, None, None)), None) is None:
        raise NameResolutionError(f"the store holds nothing about the dyad {dyad!r} ({node.value})")
    return node


def select(store: OxigraphStore, source: str | None = None, dyad: str | None = None) -> Selection:
    """What `export` writes for these filters (see the module docstring for the rule)."""
    graphs = tuple(store.graphs())
    source_node = _source_graph(store, source) if source else None
    if source_node is not None:
        graphs = (source_node,)
    if not dyad:
        return Selection(store, graphs, source=source_node)
    node = _dyad_node(store, dyad)
    raw = store
    subjects: set[ox.NamedNode | ox.BlankNode] = {node}
    # (a quoted triple as subject is RDF-star, which no loader writes)
    subjects |= {
        q.subject for q in raw.pattern(None, ox.NamedNode(BI.dyad), node, None) if not isinstance(q.subject, ox.Triple)
    }
    wanted = set(graphs)
    contributing: set[ox.NamedNode] = set()
    for subject in subjects:
        for quad in raw.pattern(subject, None, None, None):
            if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name in wanted:
                contributing.add(quad.graph_name)
    return Selection(
        store,
        tuple(sorted(contributing, key=lambda g: g.value)),
        source=source_node,
        dyad=node,
        subjects=frozenset(subjects),
    )
