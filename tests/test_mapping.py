"""The property-graph mapping (docs/neo4j-mapping.md), without a Neo4j server."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.graph import iri
from bilateral.graph.mapping import (
    LABELS,
    PROPERTY_NAMES,
    REL_TYPES,
    Projection,
    check_label,
    check_rel_type,
    project,
    project_entities,
    project_store,
    source_id,
    upper_snake,
)
from bilateral.graph.networkx import to_networkx
from bilateral.graph.store import OxigraphStore
from bilateral.ontology.vocab import BI, CLASSES, DATATYPE_RANGES, OBJECT_PROPERTIES

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "us-japan-2025"
XSD = "http://www.w3.org/2001/XMLSchema#"
TREATY = iri.treaty_iri("Treaty of Mutual Cooperation and Security between Japan and the United States of America")
MEETING = iri.meeting_iri("2025-02-07", ("JPN", "USA"), "summit")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("store"))
    kg.load([EXAMPLE])
    yield kg.store
    kg.close()


@pytest.fixture(scope="module")
def projection(store: OxigraphStore) -> Projection:
    return project_store(store)


def _values(terms: set[str] | frozenset[str]) -> str:
    return " ".join(str(ox.NamedNode(t)) for t in sorted(terms))


def sparql_counts(store: OxigraphStore) -> tuple[int, int, dict[str, int]]:
    """Nodes, relationships and nodes by class, counted by SPARQL as the spec defines them."""
    classes, props = _values(CLASSES), _values(OBJECT_PROPERTIES)
    nodes = store.select(
        "SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE { "
        f"{{ VALUES ?cls {{ {classes} }} GRAPH ?g {{ ?n a ?cls }} }} UNION "
        f"{{ VALUES ?p {{ {props} }} GRAPH ?g {{ ?n ?p ?o }} FILTER(isIRI(?o)) }} UNION "
        f"{{ VALUES ?p {{ {props} }} GRAPH ?g {{ ?s ?p ?n }} FILTER(isIRI(?s)) }} "
        "FILTER(isIRI(?n)) }"
    ).rows[0][0]
    rels = store.select(
        "SELECT (COUNT(*) AS ?c) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
        f"VALUES ?p {{ {props} }} GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?s) && isIRI(?o)) }} }}"
    ).rows[0][0]
    by_class = store.select(
        "SELECT ?cls (COUNT(DISTINCT ?n) AS ?c) WHERE { "
        f"VALUES ?cls {{ {classes} }} GRAPH ?g {{ ?n a ?cls }} FILTER(isIRI(?n)) }} GROUP BY ?cls"
    )
    return int(nodes), int(rels), {str(c).rsplit("#", 1)[1]: int(n) for c, n in by_class.rows}


# -- names come from the ontology ------------------------------------------------------------


def test_names_are_derived_from_the_ontology() -> None:
    assert set(LABELS) == set(CLASSES)
    assert set(REL_TYPES) == set(OBJECT_PROPERTIES)
    assert set(PROPERTY_NAMES) == set(DATATYPE_RANGES)
    assert LABELS[BI.IndicatorObservation] == "IndicatorObservation"
    assert REL_TYPES[BI.participatedIn] == "PARTICIPATED_IN"
    assert REL_TYPES[BI.announcedBy] == "ANNOUNCED_BY"
    assert REL_TYPES[BI.mapsTo] == "MAPS_TO"
    assert REL_TYPES[BI.speaker] == "SPEAKER"
    assert PROPERTY_NAMES[BI.inForceDate] == "inForceDate"
    # The relationship types the spec lists all come out of the ontology.
    listed = {
        "MEMBER",
        "HOLDER",
        "COUNTRY",
        "PARTNER",
        "PARTICIPATED_IN",
        "HOST",
        "DYAD",
        "TOPIC",
        "SPEAKER",
        "OCCASION",
        "EXPORTER",
        "IMPORTER",
        "REPORTER",
        "SECTOR",
        "PARTY",
        "ANNOUNCED_BY",
        "BROADER",
        "MAPS_TO",
    }
    assert listed <= set(REL_TYPES.values())


@pytest.mark.parametrize(
    "name, expected",
    [
        ("participatedIn", "PARTICIPATED_IN"),
        ("member", "MEMBER"),
        ("mapsTo", "MAPS_TO"),
        ("hasISO3Code", "HAS_ISO3_CODE"),
        ("a1b", "A1B"),
    ],
)
def test_upper_snake(name: str, expected: str) -> None:
    assert upper_snake(name) == expected


@pytest.mark.parametrize("bad", ["", "Person:Admin", "Person`", "a b", "Person) DETACH DELETE (n", "_Hidden", "person"])
def test_unsafe_names_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        check_label(bad)
    with pytest.raises(ValueError):
        check_rel_type(bad)


def test_source_id() -> None:
    assert source_id(iri.source_iri("japantimes-2025-04-08")) == "japantimes-2025-04-08"
    assert source_id("https://example.org/graphs/g1") == "https://example.org/graphs/g1"


# -- the example -----------------------------------------------------------------------------


def test_counts_agree_with_sparql(store: OxigraphStore, projection: Projection) -> None:
    nodes, rels, by_class = sparql_counts(store)
    assert len(projection.nodes) == nodes
    assert len(projection.relationships) == rels
    assert projection.label_counts() == by_class
    assert sum(projection.type_counts().values()) == rels
    assert projection.label_counts()["Person"] == 4
    assert projection.label_counts()["Source"] == len(store.graphs())
    assert projection.type_counts()["PARTICIPATED_IN"] == 4


def test_labels_and_relationships(projection: Projection) -> None:
    assert projection.nodes[TREATY].labels == ("Alliance", "Treaty")
    assert projection.nodes[MEETING].labels == ("Meeting",)
    participants = sorted(
        projection.nodes[s].properties["name"]
        for (s, kind, e) in projection.relationships
        if kind == "PARTICIPATED_IN" and e == MEETING
    )
    assert participants == ["Donald Trump", "JD Vance", "Shigeru Ishiba", "Takeshi Iwaya"]
    assert all(kind in REL_TYPES.values() for _, kind, _ in projection.relationships)
    assert all(set(n.labels) <= set(LABELS.values()) for n in projection.nodes.values())
    # One relationship per triple, however many sources assert it: the JPN-USA dyad's members.
    dyad = iri.dyad_iri("JPN", "USA")
    members = [k for k in projection.relationships if k[0] == dyad and k[1] == "MEMBER"]
    assert len(members) == 2
    assert len(projection.relationships[members[0]].sources) > 1


def test_conflicting_values_are_kept_side_by_side(projection: Projection) -> None:
    props = projection.nodes[TREATY].properties
    assert props["inForceDate"] == [dt.date(1960, 5, 19), dt.date(1960, 6, 19), dt.date(1960, 6, 23)]
    assert props["inForceDate_sources"] == [
        "ipfs-wiki-security-treaty",
        "dbpedia-snapshot-2021-06",
        "usembassy-jp-alliance-60th",
    ]
    assert props["signedDate"] == dt.date(1960, 1, 19)  # two sources agree: one value
    # ... and only those two of the treaty's four sources give it
    assert props["signedDate_sources"] == "ipfs-wiki-security-treaty riteme-wiki-93987442"
    assert "name_sources" not in props  # all four name it
    assert projection.nodes[TREATY].sources == (
        "dbpedia-snapshot-2021-06",
        "ipfs-wiki-security-treaty",
        "riteme-wiki-93987442",
        "usembassy-jp-alliance-60th",
    )


def test_value_types(projection: Projection) -> None:
    meeting = projection.nodes[MEETING].properties
    assert type(meeting["date"]) is dt.date
    assert meeting["startTime"] == dt.datetime(2025, 2, 7, 11, 55, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert meeting["durationMinutes"] == 110
    balances = [
        n.properties
        for n in projection.nodes.values()
        if "IndicatorObservation" in n.labels and n.sources == ("japantimes-2025-04-08",)
    ]
    assert len(balances) == 1
    assert balances[0]["value"] == -68_500_000_000.0 and type(balances[0]["value"]) is float
    assert "value_text" not in balances[0]  # the float is exact
    assert balances[0]["year"] == 2024 and type(balances[0]["year"]) is int
    assert any(n.properties.get("approximate") is True for n in projection.nodes.values())


def test_sources_and_unprojected_triples(projection: Projection) -> None:
    source = iri.source_iri("japantimes-2025-04-08")
    assert projection.nodes[source].labels == ("Source",)
    assert projection.nodes[source].sources == ("japantimes-2025-04-08",)
    trump = iri.person_iri("Donald Trump", None)
    assert projection.nodes[trump].properties["wikidata"] == "Q22686"
    assert not any(uri.startswith("http://www.wikidata.org/") for uri in projection.nodes)
    assert all(n.sources for n in projection.nodes.values())


def test_deterministic(store: OxigraphStore, projection: Projection) -> None:
    again = project(reversed(list(store.quads())))
    assert again == projection
    assert list(again.nodes) == sorted(again.nodes)
    assert list(again.relationships) == sorted(again.relationships)


def test_subset_equals_the_whole_restricted(store: OxigraphStore, projection: Projection) -> None:
    rng = random.Random(7)
    uris = list(projection.nodes)
    for size in (1, 5, 30, len(uris)):
        wanted = set(rng.sample(uris, size)) | {"https://example.org/not-in-the-store"}
        part = project_entities(store, wanted)
        ends = {e for s, _, e in projection.relationships if s in wanted}
        assert part.nodes == {u: projection.nodes[u] for u in sorted(wanted | ends) if u in projection.nodes}
        assert part.relationships == {k: r for k, r in projection.relationships.items() if k[0] in wanted}


# -- edge cases, from hand-made quads ---------------------------------------------------------


def _lit(text: str, datatype: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))


def test_edge_cases(tmp_path: Path) -> None:
    g1, g2 = ox.NamedNode(iri.source_iri("s1")), ox.NamedNode(iri.source_iri("s2"))
    a, b, c = (ox.NamedNode(f"https://example.org/{x}") for x in "abc")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

    def p(term: str) -> ox.NamedNode:
        return ox.NamedNode(term)

    quads = [
        ox.Quad(a, rdf_type, p(BI.Commitment), g1),
        ox.Quad(a, p(BI.value), _lit("0.1", "decimal"), g1),  # not exact as a float
        ox.Quad(a, p(BI.date), _lit("2025-02-07", "date"), g1),
        ox.Quad(a, p(BI.date), ox.Literal("early February"), g2),  # mixed types -> text
        ox.Quad(a, p(BI.note), ox.Literal("x"), g1),
        ox.Quad(a, p(BI.note), ox.Literal("x"), g2),  # same value, two sources
        ox.Quad(a, p(BI.party), b, g2),  # b: only pointed at
        ox.Quad(a, p(BI.party), ox.Literal("not an IRI"), g2),  # ill-formed: skipped
        ox.Quad(c, p(BI.name), ox.Literal("no class, no link"), g1),  # not a node
        ox.Quad(ox.BlankNode(), rdf_type, p(BI.Person), g1),  # blank node: not projected
        ox.Quad(a, p("http://www.w3.org/2002/07/owl#sameAs"), c, g1),
    ]
    out = project([*quads, ox.Quad(c, rdf_type, p(BI.Person), ox.DefaultGraph())])
    assert set(out.nodes) == {a.value, b.value}
    node = out.nodes[a.value]
    assert node.properties == {
        "date": ["2025-02-07", "early February"],
        "date_sources": ["s1", "s2"],
        "note": "x",
        "value": 0.1,
        "value_text": "0.1",
        "value_sources": "s1",
    }
    assert node.sources == ("s1", "s2")
    assert out.nodes[b.value].labels == () and out.nodes[b.value].sources == ("s2",)
    assert list(out.relationships) == [(a.value, "PARTY", b.value)]

    store = OxigraphStore(tmp_path / "edge")
    store.add(quads)
    assert project_entities(store, [b.value]).nodes == {b.value: out.nodes[b.value]}
    assert project_entities(store, [c.value]).nodes == {}
    store.close()


def test_multi_valued_decimals() -> None:
    g1, g2 = ox.NamedNode(iri.source_iri("s1")), ox.NamedNode(iri.source_iri("s2"))
    a = ox.NamedNode("https://example.org/a")
    value = ox.NamedNode(BI.value)
    out = project(
        [
            ox.Quad(a, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(BI.TradeFlow), g1),
            ox.Quad(a, value, _lit("2.5", "decimal"), g1),
            ox.Quad(a, value, _lit("0.30", "decimal"), g2),
            ox.Quad(a, ox.NamedNode(BI.startTime), _lit("2025-02-07T11:55:00Z", "dateTime"), g1),
        ]
    )
    props = out.nodes[a.value].properties
    assert props["value"] == [0.3, 2.5]
    assert props["value_text"] == ["0.30", "2.5"]
    assert props["value_sources"] == ["s2", "s1"]
    assert props["startTime"] == dt.datetime(2025, 2, 7, 11, 55, tzinfo=dt.UTC)


# -- networkx -----------------------------------------------------------------------------------


def test_networkx(projection: Projection, tmp_path: Path) -> None:
    graph = to_networkx(projection)
    assert graph.number_of_nodes() == len(projection.nodes)
    assert graph.number_of_edges() == len(projection.relationships)
    assert graph.nodes[TREATY]["labels"] == ("Alliance", "Treaty")
    trump = iri.person_iri("Donald Trump", None)
    assert graph.edges[trump, MEETING, "PARTICIPATED_IN"]["type"] == "PARTICIPATED_IN"
    assert graph.edges[trump, MEETING, "PARTICIPATED_IN"]["sources"] == ("tribune-2025-02-10",)
    flat = to_networkx(projection, flat=True)
    nx.write_graphml(flat, tmp_path / "g.graphml")
    nx.write_gexf(flat, tmp_path / "g.gexf")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == len(projection.nodes)
    assert back.nodes[TREATY]["labels"] == "Alliance Treaty"
    assert back.nodes[MEETING]["date"] == "2025-02-07"
