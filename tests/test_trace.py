"""Tracing over the networkx projection: readable paths with sources; day and type filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import QueryError

from .conftest import EXAMPLE, run_cli


def test_ishiba_reaches_the_united_states_through_the_summit(example_kg: KnowledgeGraph) -> None:
    paths = example_kg.trace("Shigeru Ishiba", "United States")
    assert 1 <= len(paths) <= 3
    first = paths[0]
    assert first["hops"] == 2
    assert [s["relationship"] for s in first["steps"]] == ["PARTICIPATED_IN", "HOST"]
    assert first["steps"][0]["sources"] == ("tribune-2025-02-10",)
    assert "Trump-Ishiba summit (2025-02-07)" in str(first["text"])
    hops = [p["hops"] for p in paths]
    assert hops == sorted(hops)


def test_via_limits_the_relationship_types(example_kg: KnowledgeGraph) -> None:
    paths = example_kg.trace("Ishiba", "automobiles", via=["PARTICIPATED_IN", "TOPIC"])
    assert paths
    for path in paths:
        assert {s["relationship"] for s in path["steps"]} <= {"PARTICIPATED_IN", "TOPIC"}
    with pytest.raises(QueryError, match="unknown relationship type"):
        example_kg.trace("Ishiba", "Japan", via=["LIKES"])


def test_as_of_ignores_what_had_not_happened(example_kg: KnowledgeGraph) -> None:
    before = example_kg.trace("Shigeru Ishiba", "Donald Trump", as_of="2025-01-01", max_hops=4)
    after = example_kg.trace("Shigeru Ishiba", "Donald Trump", as_of="2025-02-08", max_hops=4)
    assert after and "summit" in str(after[0]["text"])
    for path in before:
        assert "summit" not in str(path["text"])
        assert "2025-02-07" not in str(path["text"])


def test_neighbors_by_depth(example_kg: KnowledgeGraph) -> None:
    one = example_kg.neighbors("Shigeru Ishiba", 1)
    two = example_kg.neighbors("Shigeru Ishiba", 2)
    assert {r[0] for r in one.rows} == {1}
    assert {r[0] for r in two.rows} == {1, 2}
    names = {r[2] for r in one.rows}
    assert "Trump-Ishiba summit (2025-02-07)" in names
    assert len(two.rows) > len(one.rows)


def test_trace_cli(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    run_cli("load", str(EXAMPLE), "--store", store)
    result = run_cli("trace", "Shigeru Ishiba", "United States", "--store", store)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1. (2 steps) Shigeru Ishiba -participated in-> [tribune-2025-02-10]")
    as_json = json.loads(run_cli("trace", "Ishiba", "JPN", "--format", "json", "--store", store).stdout)
    assert as_json and all("steps" in p for p in as_json)
