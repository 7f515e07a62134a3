"""The US-Japan 2025 example graph: what issue #3 says an analyst must find in it."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from bilateral.api import KnowledgeGraph

from .conftest import EXAMPLE, ROOT, run_cli

PREFIX = "PREFIX bi: <https://w3id.org/bilateral/ontology#>\n"


def test_loading_twice_changes_nothing(example_kg: KnowledgeGraph) -> None:
    count = len(example_kg.store)
    report = example_kg.load([EXAMPLE])
    assert report.added == 0 and len(example_kg.store) == count


def test_the_example_is_valid(example_kg: KnowledgeGraph) -> None:
    assert example_kg.validate() == []


def test_every_record_cites_a_described_source_with_a_url_or_note() -> None:
    sources = list(csv.DictReader((EXAMPLE / "sources.csv").open(encoding="utf-8")))
    ids = {s["id"] for s in sources}
    for s in sources:
        assert s["url"].startswith("http") or s["note"], s["id"]
    for table in EXAMPLE.glob("*.csv"):
        if table.name == "sources.csv":
            continue
        for row in csv.DictReader(table.open(encoding="utf-8")):
            assert row["source"] in ids, (table.name, row)


def test_the_meeting_on_2025_02_07_has_both_leaders(example_kg: KnowledgeGraph) -> None:
    rows = example_kg.select(
        PREFIX
        + """
        SELECT ?name WHERE {
          ?m a bi:Meeting ; bi:date "2025-02-07"^^<http://www.w3.org/2001/XMLSchema#date> .
          ?p bi:participatedIn ?m ; bi:name ?name .
        } ORDER BY ?name"""
    ).rows
    names = {row[0] for row in rows}
    assert {"Donald Trump", "Shigeru Ishiba"} <= names


def test_two_different_2024_balance_figures_from_different_sources(example_kg: KnowledgeGraph) -> None:
    # the country's iso3 sits in the ISO graph, so it is matched outside GRAPH ?g
    rows = example_kg.select(
        PREFIX
        + """
        SELECT DISTINCT ?g ?value WHERE {
          GRAPH ?g { ?o bi:indicator "goods_balance" ; bi:year 2024 ; bi:currency "USD" ;
                        bi:value ?value ; bi:country ?c . }
          ?c bi:iso3 "USA" . }"""
    ).rows
    by_source = {str(g): v for g, v in rows}
    assert len(by_source) >= 2
    assert len(set(by_source.values())) >= 2
    assert Decimal("-68500000000") in by_source.values()


def test_the_treaty_in_force_date_has_its_source(example_kg: KnowledgeGraph) -> None:
    rows = example_kg.select(
        PREFIX
        + """
        SELECT ?date ?url WHERE {
          GRAPH ?g { ?t a bi:Treaty ; bi:inForceDate ?date . }
          GRAPH ?g { ?g bi:url ?url } } ORDER BY ?date"""
    ).rows
    dates = {str(d): str(u) for d, u in rows}
    assert dates["1960-06-23"] == "https://jp.usembassy.gov/us-japan-alliance-gold-standard-60th-anniv/"
    assert len(dates) >= 2  # the conflicting dates are kept, each with its source


def test_demo_runs_and_answers(tmp_path: Path) -> None:
    result = run_cli("demo", "--store", str(tmp_path / "demo"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in (
        "Shigeru Ishiba",
        "Prime Minister",
        "President",
        "-68,500,000,000",
        "japantimes-2025-04-08",
        "They'll be looking at an investment",
        "Treaty of Mutual Cooperation and Security",
        "1960-06-23",
    ):
        assert expected in out, expected


def test_demo_uses_the_default_store_in_the_working_folder(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "BILATERAL_STORE"}
    result = run_cli("demo", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "bilateral-data").is_dir()
    assert ROOT.exists()
