"""The one property-graph mapping of the RDF store (docs/neo4j-mapping.md).

Neo4j and networkx are both projections of the store made here, so Cypher, tracing and the
graph exports see the same nodes, labels, relationships and properties as SPARQL. Every name
comes from the ontology terms (`bilateral.ontology.vocab`): class -> label, object property ->
relationship type, datatype property -> property. Nothing here knows about Neo4j or a store
implementation beyond the `GraphStore` interface.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import pyoxigraph as ox

from bilateral.core.progress import Meter, Progress
from bilateral.graph.literal import XSD, literal_value
from bilateral.ontology.vocab import CLASSES, DATATYPE_RANGES, OBJECT_PROPERTIES

if TYPE_CHECKING:
    from bilateral.graph.store import GraphStore

__all__ = [
    "LABELS",
    "PROPERTY_NAMES",
    "REL_TYPES",
    "RESERVED_PROPERTIES",
    "Node",
    "Projection",
    "PropertyValue",
    "Rel",
    "RelKey",
    "check_label",
    "check_rel_type",
    "local_name",
    "project",
    "project_entities",
    "project_parts",
    "project_store",
    "source_id",
    "upper_snake",
]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SOURCE_SEGMENT = "/source/"
INT64 = (-(2**63), 2**63 - 1)

Scalar = str | int | float | bool | dt.date | dt.datetime
PropertyValue = Scalar | list[Scalar] | list[str]
RelKey = tuple[str, str, str]  # (start uri, relationship type, end uri)

# Names that reach Cypher unquoted must match these: they come from the ontology, and are
# checked again wherever a query text is built from them.
_LABEL_RE: Final = re.compile(r"[A-Z][A-Za-z0-9]*")
_REL_TYPE_RE: Final = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
_PROPERTY_RE: Final = re.compile(r"[a-z][A-Za-z0-9]*")


def local_name(iri: str) -> str:
    """The part of an ontology IRI after `#` (or the last `/`)."""
    return re.split(r"[#/]", iri)[-1]


def upper_snake(name: str) -> str:
    """`participatedIn` -> `PARTICIPATED_IN`: the Neo4j convention for relationship types."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def check_label(name: str) -> str:
    """`name` if it is safe to write into Cypher as a label, else ValueError."""
    if not _LABEL_RE.fullmatch(name):
        raise ValueError(f"not a safe Neo4j label: {name!r}")
    return name


def check_rel_type(name: str) -> str:
    """`name` if it is safe to write into Cypher as a relationship type, else ValueError."""
    if not _REL_TYPE_RE.fullmatch(name):
        raise ValueError(f"not a safe Neo4j relationship type: {name!r}")
    return name


def _build_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    labels = {iri: check_label(local_name(iri)) for iri in sorted(CLASSES)}
    types = {iri: check_rel_type(upper_snake(local_name(iri))) for iri in sorted(OBJECT_PROPERTIES)}
    names = {iri: local_name(iri) for iri in sorted(DATATYPE_RANGES)}
    for what, table in (("label", labels), ("relationship type", types), ("property", names)):
        if len(set(table.values())) != len(table):
            raise ValueError(f"two ontology terms map to the same {what}: {sorted(table.values())}")
    derived = set()
    for name in names.values():
        if not _PROPERTY_RE.fullmatch(name):
            raise ValueError(f"not a safe property name: {name!r}")
        derived |= {name + "_sources", name + "_text"}
    plain = set(names.values())
    clash = ((plain | derived) & set(RESERVED_PROPERTIES)) or (plain & derived)
    if clash:
        raise ValueError(f"ontology property names clash with the mapping's own: {sorted(clash)}")
    return labels, types, names


RESERVED_PROPERTIES: Final = ("uri", "sources")
LABELS, REL_TYPES, PROPERTY_NAMES = _build_tables()
"""class IRI -> label; object property IRI -> relationship type; datatype property IRI -> name."""


@dataclass(frozen=True)
class Node:
    """One projected IRI: its labels, datatype properties and the sources that assert it.

    `sources`: the ids of the graphs holding its projected facts (its classes, datatype
    properties and outgoing relationships); for an IRI with no facts of its own, the graphs
    whose relationships point at it. So every node names a source, and a source's removal
    finds every node it made.
    """

    labels: tuple[str, ...]
    properties: dict[str, PropertyValue]
    sources: tuple[str, ...]

    def as_properties(self, uri: str) -> dict[str, PropertyValue]:
        """Every property the node carries in a property graph, `uri` and `sources` included."""
        return {"uri": uri, "sources": list(self.sources), **self.properties}


@dataclass(frozen=True)
class Rel:
    """One (subject, object property, object) triple, whatever the number of graphs it sits in."""

    sources: tuple[str, ...]


@dataclass
class Projection:
    """Nodes by uri and relationships by (start, type, end), both sorted."""

    nodes: dict[str, Node] = field(default_factory=dict)
    relationships: dict[RelKey, Rel] = field(default_factory=dict)

    def label_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for node in self.nodes.values():
            for label in node.labels:
                counts[label] += 1
        return dict(sorted(counts.items()))

    def type_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for _, kind, _ in self.relationships:
            counts[kind] += 1
        return dict(sorted(counts.items()))


def source_id(graph: str) -> str:
    """The id of a source from its graph IRI: the segment after `/source/`, else the whole IRI."""
    _, sep, rest = graph.rpartition(SOURCE_SEGMENT)
    return rest if sep and rest and "/" not in rest else graph


# -- literal values ----------------------------------------------------------------------------


def _convert(lit: ox.Literal) -> tuple[Scalar, str | None]:
    """A literal as the Python value the property graph stores (`literal_value`, narrowed to what
    Neo4j holds), and its exact text when a float cannot carry it (xsd:decimal)."""
    value = literal_value(lit)
    if isinstance(value, Decimal):
        number = float(value)
        return number, (None if Decimal(number) == value else lit.value)
    if isinstance(value, int) and not INT64[0] <= value <= INT64[1]:
        return lit.value, None  # beyond Neo4j's 64-bit integers: the text
    return value, None


def _kind(value: Scalar) -> str:
    """The Neo4j value type: a list must hold one kind (DateTime and LocalDateTime differ)."""
    if isinstance(value, dt.datetime):
        return "datetime" if value.tzinfo is not None else "localdatetime"
    return type(value).__name__


def _sort_key(value: Scalar) -> tuple[object, ...]:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return (value.timestamp(), value.isoformat())
    return (value,)


@dataclass
class _Values:
    """The distinct values of one datatype property of one node, each with its sources."""

    by_value: dict[tuple[str, str], tuple[Scalar, str | None, set[str]]] = field(default_factory=dict)

    def add(self, lit: ox.Literal, source: str) -> None:
        value, text = _convert(lit)
        if isinstance(value, float):
            key_text = str(Decimal(text).normalize()) if text is not None else repr(value)
        elif isinstance(value, dt.date):
            key_text = value.isoformat()
        else:
            key_text = repr(value)
        key = (_kind(value), key_text)
        if key not in self.by_value:
            self.by_value[key] = (value, text, set())
        self.by_value[key][2].add(source)

    def emit(self, name: str, out: dict[str, PropertyValue], node_sources: set[str]) -> None:
        entries = list(self.by_value.values())
        if len({_kind(v) for v, _, _ in entries}) > 1:
            # Mixed types cannot share a Neo4j list: fall back to the literals' text.
            entries = [(_as_text(v, t), None, s) for v, t, s in entries]
        entries.sort(key=lambda e: (_sort_key(e[0]), e[1] or ""))
        if len(entries) == 1:
            value, text, sources = entries[0]
            out[name] = value
            if text is not None:
                out[name + "_text"] = text
            if sources != node_sources:  # not every source of the node asserts this value
                out[name + "_sources"] = " ".join(sorted(sources))
            return
        out[name] = [v for v, _, _ in entries]
        out[name + "_sources"] = [" ".join(sorted(s)) for _, _, s in entries]
        if any(t is not None for _, t, _ in entries):
            out[name + "_text"] = [t if t is not None else _as_text(v, None) for v, t, _ in entries]


def _as_text(value: Scalar, text: str | None) -> str:
    if text is not None:
        return text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# -- the projection ------------------------------------------------------------------------------


class _Builder:
    """Accumulates quads; `build` applies the mapping once everything about a node is known."""

    def __init__(self) -> None:
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.values: dict[str, dict[str, _Values]] = defaultdict(dict)
        self.subject_sources: dict[str, set[str]] = defaultdict(set)
        self.object_sources: dict[str, set[str]] = defaultdict(set)
        self.rels: dict[RelKey, set[str]] = defaultdict(set)
        self.source_ids: dict[str, str] = {}

    def add(self, quad: ox.Quad) -> None:
        graph = quad.graph_name
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        # Facts outside a named graph have no source, and blank nodes no stable identity.
        if not isinstance(graph, ox.NamedNode) or not isinstance(subject, ox.NamedNode):
            return
        self.add_fact(subject.value, predicate, obj, self._source(graph.value))

    def add_fact(
        self, uri: str, predicate: str, obj: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, source: str
    ) -> None:
        """What `add` does with a quad of a named graph whose subject is the IRI `uri`."""
        if predicate == RDF_TYPE:
            label = LABELS.get(obj.value) if isinstance(obj, ox.NamedNode) else None
            if label is None:
                return
            self.labels[uri].add(label)
        elif (kind := REL_TYPES.get(predicate)) is not None:
            if not isinstance(obj, ox.NamedNode):
                return
            end = obj.value
            self.rels[(uri, kind, end)].add(source)
            self.object_sources[end].add(source)
        elif (name := PROPERTY_NAMES.get(predicate)) is not None:
            if not isinstance(obj, ox.Literal):
                return
            of_node = self.values[uri]
            found = of_node.get(name)
            if found is None:
                found = of_node[name] = _Values()
            found.add(obj, source)
        else:
            return  # owl:sameAs, prov:, anything outside the ontology: not projected
        self.subject_sources[uri].add(source)

    def _source(self, graph: str) -> str:
        source = self.source_ids.get(graph)
        if source is None:
            source = self.source_ids[graph] = source_id(graph)
        return source

    def add_all(self, predicate: str, quads: Iterable[ox.Quad]) -> None:
        """Quads of one predicate, as the embedded store gives them: what `add` does to each, the
        predicate's kind told once (a first sync reads millions)."""
        named, source_of, subject_sources = ox.NamedNode, self._source, self.subject_sources
        if predicate == RDF_TYPE:
            labels = self.labels
            for quad in quads:
                graph, subject, obj = quad.graph_name, quad.subject, quad.object
                if isinstance(graph, named) and isinstance(subject, named) and isinstance(obj, named):
                    label = LABELS.get(obj.value)
                    if label is not None:
                        uri = subject.value
                        labels[uri].add(label)
                        subject_sources[uri].add(source_of(graph.value))
        elif predicate in REL_TYPES:
            kind, rels, object_sources = REL_TYPES[predicate], self.rels, self.object_sources
            for quad in quads:
                graph, subject, obj = quad.graph_name, quad.subject, quad.object
                if isinstance(graph, named) and isinstance(subject, named) and isinstance(obj, named):
                    uri, end, source = subject.value, obj.value, source_of(graph.value)
                    rels[(uri, kind, end)].add(source)
                    object_sources[end].add(source)
                    subject_sources[uri].add(source)
        elif predicate in PROPERTY_NAMES:
            name, values, literal = PROPERTY_NAMES[predicate], self.values, ox.Literal
            for quad in quads:
                graph, subject, obj = quad.graph_name, quad.subject, quad.object
                if isinstance(graph, named) and isinstance(subject, named) and isinstance(obj, literal):
                    uri, source = subject.value, source_of(graph.value)
                    of_node = values[uri]
                    found = of_node.get(name)
                    if found is None:
                        found = of_node[name] = _Values()
                    found.add(obj, source)
                    subject_sources[uri].add(source)
        else:
            for quad in quads:
                self.add(quad)

    def add_reference(self, uri: str, source: str) -> None:
        """`uri` is the object of an object property in `source` (when its quads are not read)."""
        self.object_sources[uri].add(source)

    def build(self, nodes: Iterable[str] | None = None, rel_starts: set[str] | None = None) -> Projection:
        # A node: an IRI with a class, or at either end of an object property (a relationship
        # needs both ends). A subject with datatype properties only is not a node.
        candidates = set(self.labels) | set(self.object_sources) | {s for s, _, _ in self.rels}
        keep = candidates if nodes is None else candidates & set(nodes)
        out = Projection()
        for uri in sorted(keep):
            props: dict[str, PropertyValue] = {}
            sources = self.subject_sources.get(uri) or self.object_sources.get(uri, set())
            for name, values in sorted(self.values.get(uri, {}).items()):
                values.emit(name, props, sources)
            out.nodes[uri] = Node(
                tuple(sorted(self.labels.get(uri, ()))), dict(sorted(props.items())), tuple(sorted(sources))
            )
        for key in sorted(self.rels):
            if rel_starts is None or key[0] in rel_starts:
                out.relationships[key] = Rel(tuple(sorted(self.rels[key])))
        return out


def project(quads: Iterable[ox.Quad]) -> Projection:
    """The property graph of `quads` (all of a store's, typically): see docs/neo4j-mapping.md."""
    builder = _Builder()
    for quad in quads:
        builder.add(quad)
    return builder.build()


def project_store(store: GraphStore, progress: Progress | None = None) -> Projection:
    """The property graph of the whole store (`progress` is told the quads read)."""
    meter = Meter(progress, "projecting", len(store) if progress else None, "quads")
    pattern = getattr(store, "pattern", None)  # the embedded store: the mapped predicates' quads only
    if pattern is None:
        projection = project(meter.items(store.quads()))
    else:
        builder = _Builder()
        for predicate in (RDF_TYPE, *REL_TYPES, *PROPERTY_NAMES):
            builder.add_all(predicate, meter.items(pattern(None, ox.NamedNode(predicate), None, None)))
        projection = builder.build()
    meter.finish()
    return projection


# -- the whole store in parts, for a first sync ----------------------------------------------------

PART_SUBJECTS = 20_000  # subjects per part: a part's nodes and relationships stay a few tens of MB


def project_parts(
    store: GraphStore, subjects: int = PART_SUBJECTS, progress: Progress | None = None
) -> Iterator[Projection]:
    """The projection of the whole store in parts whose size does not grow with the store: every
    node and relationship of `project_store` is in exactly one part, complete (labels, properties,
    sources; a relationship with all its sources). A part holds the nodes of at most `subjects`
    subjects of one graph, their outgoing relationships, and the nodes that are only ever objects
    (no projected fact of their own) first met as their ends. A relationship's end may be in
    another part, earlier or later.

    The embedded store is read graph by graph in its subject order; a subject also described in
    other graphs is projected with the first graph (by IRI) that describes it, its facts in the
    others read then. A store without `pattern` (a remote one) is projected whole, as one part."""
    pattern = getattr(store, "pattern", None)
    if pattern is None:
        yield project_store(store, progress)
        return
    graphs = [g.value for g in store.graphs()]
    parts = _Parts(store, pattern, {g: i for i, g in enumerate(graphs)})
    meter = Meter(progress, "projecting", len(store) if progress else None, "quads")
    named = ox.NamedNode
    for graph in graphs:
        builder, current, source = _Builder(), "", source_id(graph)
        owned: list[str] = []
        for quad in meter.items(pattern(None, None, None, named(graph))):
            subject = quad.subject
            if type(subject) is not named:
                continue
            uri = subject.value
            if uri != current:  # a graph's quads come subject by subject
                if len(owned) >= subjects:
                    yield parts.part(builder, owned, graph)
                    builder, owned = _Builder(), []
                current = uri
                owned.append(uri)
            builder.add_fact(uri, quad.predicate.value, quad.object, source)
        if owned:
            yield parts.part(builder, owned, graph)
    meter.finish()


class _Parts:
    """What `project_parts` needs to know beyond one part: the graphs' order, the ends found to
    be described (a cache, cleared when large), and the bare nodes already given."""

    def __init__(self, store: GraphStore, pattern: Any, rank: dict[str, int]) -> None:
        self.store, self.pattern, self.rank = store, pattern, rank
        self.described: set[str] = set()
        self.bare_done: set[str] = set()  # nodes with no projected fact of their own: few

    def part(self, builder: _Builder, owned: list[str], graph: str) -> Projection:
        """The part of `owned` (subjects of `graph`, their quads there in `builder`)."""
        keep: set[str] = set()
        elsewhere = _other_graphs(self.store, owned, graph) if len(self.rank) > 1 else {}
        for uri in owned:
            others = elsewhere.get(uri, ())
            if any(self.rank.get(g, -1) < self.rank[graph] for g in others):
                continue  # an earlier graph's part holds it
            for other in sorted(others):
                for quad in self.pattern(ox.NamedNode(uri), None, None, ox.NamedNode(other)):
                    builder.add(quad)
            keep.add(uri)
        starts = {start for start, _, _ in builder.rels if start in keep}
        # Subjects with facts of their own are nodes if they have a class, an outgoing
        # relationship, or something points at them (asked of the store when not seen here).
        described = {u for u in keep if u in builder.subject_sources}
        plain = sorted(u for u in described if u not in builder.labels and u not in starts)
        unseen = [u for u in plain if u not in builder.object_sources]
        for uri, other in _references(self.store, unseen):
            builder.add_reference(uri, source_id(other))
        nodes = {u for u in described if u in builder.labels or u in starts or u in builder.object_sources}
        # Ends with no projected fact anywhere are nodes too, given once, with every graph pointing at them.
        ends = {end for start, _, end in builder.rels if start in keep} - set(builder.subject_sources)
        bare = sorted(e for e in ends - self.described - self.bare_done if not self._described(e))
        for uri, other in _references(self.store, bare):
            builder.add_reference(uri, source_id(other))
        self.bare_done.update(bare)
        return builder.build(nodes=nodes | set(bare), rel_starts=keep)

    def _described(self, uri: str) -> bool:
        """Whether `uri` is the subject of a projected fact in some named graph."""
        probe = _Builder()
        for quad in self.pattern(ox.NamedNode(uri), None, None, None):
            probe.add(quad)
            if probe.subject_sources:
                if len(self.described) >= 4 * PART_SUBJECTS:
                    self.described.clear()  # a cache: bounded
                self.described.add(uri)
                return True
        return False


def _other_graphs(store: GraphStore, uris: list[str], graph: str) -> dict[str, set[str]]:
    """For those of `uris` that are subjects in named graphs other than `graph`, those graphs."""
    out: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(uris):
        rows = store.select(
            "SELECT DISTINCT ?s ?g WHERE { VALUES ?s { " + _iri_list(chunk) + " } "
            f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {ox.NamedNode(graph)}) }}"
        )
        for s, g in rows.rows:
            out[str(s)].add(str(g))
    return out


# -- a subset, for incremental sync ------------------------------------------------------------

_CHUNK = 400


def _iri_list(uris: Iterable[str]) -> str:
    # NamedNode checks the IRI and serialises it escaped: no user text is pasted as is.
    return " ".join(str(ox.NamedNode(u)) for u in uris)


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for at in range(0, len(items), _CHUNK):
        yield items[at : at + _CHUNK]


def _subject_quads(store: GraphStore, uris: Iterable[str]) -> Iterator[ox.Quad]:
    """Every quad (in a named graph) whose subject is one of `uris`, through SPARQL so that any
    `GraphStore` (a remote SPARQL store too) can answer; terms are rebuilt exactly."""
    for chunk in _chunks(sorted(set(uris))):
        rows = store.select(
            "SELECT ?s ?p ?g (STR(?o) AS ?lex) (isIRI(?o) AS ?iri) (DATATYPE(?o) AS ?dt) "
            "(LANG(?o) AS ?lang) WHERE { VALUES ?s { " + _iri_list(chunk) + " } "
            "GRAPH ?g { ?s ?p ?o } FILTER(!isBlank(?o)) }"
        )
        for s, p, g, lex, is_iri, datatype, lang in rows.rows:
            if is_iri:
                obj: ox.NamedNode | ox.Literal = ox.NamedNode(str(lex))
            elif lang:
                obj = ox.Literal(str(lex), language=str(lang))
            else:
                obj = ox.Literal(str(lex), datatype=ox.NamedNode(str(datatype or XSD + "string")))
            yield ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), obj, ox.NamedNode(str(g)))


def _references(store: GraphStore, uris: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(uri, graph) for each graph where one of `uris` is the object of an object property."""
    predicates = _iri_list(sorted(REL_TYPES))
    for chunk in _chunks(sorted(set(uris))):
        rows = store.select(
            "SELECT DISTINCT ?o ?g WHERE { VALUES ?o { " + _iri_list(chunk) + " } "
            "VALUES ?p { " + predicates + " } GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }"
        )
        for o, g in rows.rows:
            yield str(o), str(g)


def project_entities(store: GraphStore, uris: Iterable[str]) -> Projection:
    """The projection of `uris` only, for incremental sync.

    Holds each of `uris` that is still a node, complete (labels, properties, sources), with all
    its outgoing relationships, plus the end nodes of those relationships (complete too), so that
    writing the result never leaves a relationship without its end. An IRI of `uris` missing from
    the result is no longer a node at all.
    """
    wanted = {u for u in uris if _is_iri(u)}
    builder = _Builder()
    for quad in _subject_quads(store, wanted):
        builder.add(quad)
    ends = {end for start, _, end in builder.rels if start in wanted} - wanted
    for quad in _subject_quads(store, ends):
        builder.add(quad)
    # An IRI with neither a class nor an outgoing relationship is a node only if something points
    # at it, and then those graphs may be its only sources: ask the store for all of them.
    scope = wanted | ends
    starts = {start for start, _, _ in builder.rels}
    bare = {u for u in scope if u not in builder.labels and u not in starts}
    for uri, graph in _references(store, bare):
        builder.add_reference(uri, source_id(graph))
    return builder.build(nodes=scope, rel_starts=wanted)


def _is_iri(uri: str) -> bool:
    try:
        ox.NamedNode(uri)
    except ValueError:
        return False
    return True
