"""Literals as Python values: SPARQL results and the property graph read every literal alike
(one converter), and an ill-typed literal stays its text. Real on-disk stores."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from bilateral.graph.mapping import project_store
from bilateral.graph.store import OxigraphStore

from .conftest import run_cli

XSD = "http://www.w3.org/2001/XMLSchema#"
NS = "https://w3id.org/bilateral/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
GRAPH = ox.NamedNode("https://w3id.org/bilateral/id/source/literals")
# (datatype property, lexical form, datatype): well-typed and ill-typed
LITERALS = [
    ("value", "12.5", "decimal"),
    ("value", "0.1", "decimal"),
    ("value", "abc", "decimal"),
    ("value", "NaN", "decimal"),
    ("year", "2024", "integer"),
    ("year", "x2024", "integer"),
    ("approximate", "true", "boolean"),
    ("approximate", "0", "boolean"),
    ("approximate", "maybe", "boolean"),
    ("date", "2025-02-07", "date"),
    ("date", "2025-02-30", "date"),
    ("startTime", "2025-02-07T11:55:00Z", "dateTime"),
    ("value", "6.85e10", "double"),
    ("value", "many", "double"),
    ("note", "plain", "string"),
]
EXPECTED = [
    Decimal("12.5"),
    Decimal("0.1"),
    "abc",
    "NaN",
    2024,
    "x2024",
    True,
    False,
    "maybe",
    dt.date(2025, 2, 7),
    "2025-02-30",
    dt.datetime(2025, 2, 7, 11, 55, tzinfo=dt.UTC),
    6.85e10,
    "many",
    "plain",
]


def _store(tmp_path: Path) -> OxigraphStore:
    """One IndicatorObservation per literal, so each is one node property in the projection."""
    store = OxigraphStore(tmp_path / "store")
    quads = []
    for number, (prop, text, datatype) in enumerate(LITERALS):
        subject = ox.NamedNode(f"https://w3id.org/bilateral/id/observation/n{number}")
        quads += [
            ox.Quad(subject, RDF_TYPE, ox.NamedNode(NS + "IndicatorObservation"), GRAPH),
            ox.Quad(subject, ox.NamedNode(NS + prop), ox.Literal(text, datatype=ox.NamedNode(XSD + datatype)), GRAPH),
        ]
    store.add(quads)
    return store


def _selected(store: OxigraphStore) -> list[object]:
    rows = store.select("SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isLiteral(?o)) }")
    by_subject = {str(s): o for s, o in rows.rows}
    return [by_subject[f"https://w3id.org/bilateral/id/observation/n{n}"] for n in range(len(LITERALS))]


def test_sparql_results_give_each_literal_its_value_and_an_ill_typed_one_its_text(tmp_path: Path) -> None:
    store = _store(tmp_path)
    try:
        assert _selected(store) == EXPECTED
    finally:
        store.close()


def test_the_property_graph_reads_every_literal_as_sparql_results_do(tmp_path: Path) -> None:
    """Same value, except what Neo4j cannot hold: a decimal is a float (plus its exact text when the
    float is not exact)."""
    store = _store(tmp_path)
    try:
        selected = _selected(store)
        projection = project_store(store)
    finally:
        store.close()
    for number, ((prop, text, _), value) in enumerate(zip(LITERALS, selected, strict=True)):
        props = projection.nodes[f"https://w3id.org/bilateral/id/observation/n{number}"].properties
        if isinstance(value, Decimal):
            assert props[prop] == float(value), text
            assert props.get(prop + "_text") == (None if Decimal(float(value)) == value else text)
        else:
            assert props[prop] == value and type(props[prop]) is type(value), text


def test_sparql_over_an_ill_typed_decimal_prints_its_text(tmp_path: Path) -> None:
    _store(tmp_path).close()
    done = run_cli(
        "sparql",
        "--store",
        str(tmp_path / "store"),
        "--format",
        "csv",
        f"SELECT ?o WHERE {{ GRAPH ?g {{ ?s <{NS}value> ?o }} }} ORDER BY STR(?o)",
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["o", "0.1", "12.5", "68500000000.0", "NaN", "abc", "many"]
