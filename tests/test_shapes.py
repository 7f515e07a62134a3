"""SHACL rejects each kind of bad data the shapes promise to catch, and accepts good data."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.graph.iri import source_iri
from bilateral.ontology.vocab import BI

from .conftest import DATA

ID = "https://w3id.org/bilateral/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GRAPH = source_iri("shape-test")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: str, kind: str = "string") -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + kind))


def _facts(triples: list[tuple[str, str, ox.NamedNode | ox.Literal]]) -> list[ox.Quad]:
    graph = _n(GRAPH)
    base = [
        (GRAPH, TYPE, _n(BI.Source)),
        (GRAPH, BI.title, _lit("Made-up shape test")),
        (GRAPH, BI.reliability, _lit("synthetic")),
        (ID + "person/a", TYPE, _n(BI.Person)),
        (ID + "person/a", BI.name, _lit("A")),
        (ID + "country/USA", TYPE, _n(BI.Country)),
        (ID + "country/USA", BI.iso3, _lit("USA")),
        (ID + "country/JPN", TYPE, _n(BI.Country)),
        (ID + "country/JPN", BI.iso3, _lit("JPN")),
        (ID + "topic/hs/TOTAL", TYPE, _n(BI.Sector)),
    ]
    return [ox.Quad(_n(s), _n(p), o, graph) for s, p, o in base + triples]


def _flow(**change: ox.NamedNode | ox.Literal | None) -> list[tuple[str, str, ox.NamedNode | ox.Literal]]:
    flow = ID + "tradeflow/x"
    props: dict[str, ox.NamedNode | ox.Literal | None] = {
        BI.exporter: _n(ID + "country/USA"),
        BI.importer: _n(ID + "country/JPN"),
        BI.year: _lit("2024", "integer"),
        BI.value: _lit("100.0", "decimal"),
        BI.currency: _lit("USD"),
        BI.unit: _lit("current prices"),
        BI.reporter: _n(ID + "country/USA"),
        BI.sector: _n(ID + "topic/hs/TOTAL"),
    }
    props.update({getattr(BI, k): v for k, v in change.items()})
    return [(flow, TYPE, _n(BI.TradeFlow))] + [(flow, p, o) for p, o in props.items() if o is not None]


def _tenure(**change: ox.NamedNode | ox.Literal | None) -> list[tuple[str, str, ox.NamedNode | ox.Literal]]:
    tenure = ID + "tenure/x"
    props: dict[str, ox.NamedNode | ox.Literal | None] = {
        BI.holder: _n(ID + "person/a"),
        BI.office: _lit("Prime Minister"),
        BI.country: _n(ID + "country/JPN"),
        BI.startDate: _lit("2024-10-01", "date"),
        BI.endDate: _lit("2025-10-21", "date"),
    }
    props.update({getattr(BI, k): v for k, v in change.items()})
    return [(tenure, TYPE, _n(BI.Tenure))] + [(tenure, p, o) for p, o in props.items() if o is not None]


def _statement(**change: ox.NamedNode | ox.Literal | None) -> list[tuple[str, str, ox.NamedNode | ox.Literal]]:
    node = ID + "statement/x"
    props: dict[str, ox.NamedNode | ox.Literal | None] = {BI.speaker: _n(ID + "person/a"), BI.text: _lit("Words.")}
    props.update({getattr(BI, k): v for k, v in change.items()})
    return [(node, TYPE, _n(BI.Statement))] + [(node, p, o) for p, o in props.items() if o is not None]


def _violations(kg: KnowledgeGraph, triples: list) -> list:  # type: ignore[type-arg]
    kg.store.add(_facts(triples))
    return kg.validate()


def test_good_data_is_accepted(kg: KnowledgeGraph) -> None:
    assert _violations(kg, _flow() + _tenure() + _statement()) == []


BAD = {
    "tenure with two holders": lambda: [*_tenure(), (ID + "tenure/x", BI.holder, _n(ID + "country/USA"))],
    "tenure without office": lambda: _tenure(office=None),
    "tenure without country": lambda: _tenure(country=None),
    "tenure starting after its end": lambda: _tenure(startDate=_lit("2026-01-01", "date")),
    "tenure without start or attested day": lambda: _tenure(startDate=None),
    "flow whose exporter is its importer": lambda: _flow(importer=_n(ID + "country/USA")),
    "flow without period": lambda: _flow(year=None),
    "flow with a negative value": lambda: _flow(value=_lit("-1.0", "decimal")),
    "flow without currency": lambda: _flow(currency=None),
    "flow without unit": lambda: _flow(unit=None),
    "flow without reporter": lambda: _flow(reporter=None),
    "statement without speaker": lambda: _statement(speaker=None),
    "statement without text": lambda: _statement(text=None),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_data_is_rejected_with_its_source(kg: KnowledgeGraph, case: str) -> None:
    violations = _violations(kg, BAD[case]())
    assert violations, f"SHACL accepted a {case}"
    assert all(GRAPH in v.sources.split() for v in violations), violations


def test_facts_outside_a_described_source_are_reported(kg: KnowledgeGraph) -> None:
    kg.load([DATA / "rdf" / "undescribed-graph.trig"])
    violations = kg.validate()
    assert [v.focus for v in violations] == ["https://example.org/graph/nobody"]
    assert "not a described Source" in violations[0].message
