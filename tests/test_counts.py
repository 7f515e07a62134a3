"""`stats` reads a bulk-loaded graph's counts from what its load wrote (bi:quadCount, bi:flowCount)
instead of counting millions of flows: they must equal what counting gives, be replaced with their
source, and be dropped when anything else writes to the graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from bench.generate_baci import generate
from bilateral.api import KnowledgeGraph
from bilateral.graph import iri
from bilateral.ontology.vocab import BI

from .conftest import DATA, run_cli

BACI = DATA / "public" / "synthetic-BACI_HS92_Y2022_V000000.csv"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "us-japan-2025"


def _counts(kg: KnowledgeGraph) -> list[tuple[object, ...]]:
    """Every quad of the store's counts."""
    return [
        (q.subject.value, q.object.value)  # type: ignore[union-attr]
        for p in (BI.quadCount, BI.flowCount)
        for q in kg.store.pattern(None, ox.NamedNode(p), None, None)  # type: ignore[attr-defined]
    ]


def _graph_quads(kg: KnowledgeGraph, graph: str) -> int:
    return sum(1 for _ in kg.store.quads(ox.NamedNode(graph)))


def test_a_bulk_load_writes_counts_that_equal_counting(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.load([EXAMPLE])
        kg.load([BACI])
        graph = next(g for g in kg.source_ids() if g.startswith("synthetic-baci"))
        written = dict(_counts(kg))
        assert int(written[iri.source_iri(graph)]) > 0  # the graph's quads (or flows) are recorded
        assert kg.stats().rows == kg._counted_stats().rows
        stats = {(kind, key): n for kind, key, n in kg.stats().rows}
        assert stats[("source", iri.source_iri(graph))] == _graph_quads(kg, iri.source_iri(graph))


def test_counts_are_replaced_with_their_source(tmp_path: Path) -> None:
    old, _ = generate(300, 1, tmp_path / "old")
    new, _ = generate(200, 2, tmp_path / "new")
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.load([old])
        before = _counts(kg)
        kg.load([new], replace=True)
        after = _counts(kg)
        assert before != after
        assert kg.stats().rows == kg._counted_stats().rows


def test_counts_are_dropped_when_the_graph_is_written_otherwise(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.load([BACI])
        graph = iri.source_iri(next(g for g in kg.source_ids() if g.startswith("synthetic-baci")))
        assert _counts(kg)
        extra = tmp_path / "extra.nq"
        extra.write_text(f'<https://example.org/x> <{BI.note}> "a note" <{graph}> .\n', encoding="utf-8")
        kg.load([extra])
        assert _counts(kg) == []
        assert kg.stats().rows == kg._counted_stats().rows


def test_counts_stay_through_a_reload_and_go_when_a_load_adds_to_the_graph(tmp_path: Path) -> None:
    """Without --replace, the same file again changes nothing (the counts stay true); another
    version of it adds to what the graph held (the counts are dropped: it is counted instead)."""
    old, _ = generate(300, 1, tmp_path / "old")
    new, _ = generate(200, 2, tmp_path / "new")
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.load([old])
        counts = _counts(kg)
        assert kg.load([old]).added == 0 and _counts(kg) == counts
        kg.load([new])
        assert _counts(kg) == []
        assert kg.stats().rows == kg._counted_stats().rows


def test_load_prints_the_store_s_total_from_the_counts(tmp_path: Path) -> None:
    """`bilateral load` says how many quads the store holds, reading a bulk-loaded graph's size
    from its counts rather than counting the store (seconds at millions of quads): a count set
    1,000 too high shows in the total printed, and it is otherwise the store's size."""
    store = tmp_path / "s"
    first = run_cli("load", str(BACI), "--store", str(store))
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    with KnowledgeGraph.open(store) as kg:
        size = len(kg.store)
        assert f"+{size} quads, {size} in the store." in first.stdout
        graph = iri.source_iri(next(g for g in kg.source_ids() if g.startswith("synthetic-baci")))
        (count,) = kg.store.pattern(ox.NamedNode(graph), ox.NamedNode(BI.quadCount), None, None)  # type: ignore[attr-defined]
        kg.store.update(  # type: ignore[attr-defined]
            f"DELETE DATA {{ GRAPH <{graph}> {{ {count.subject} {count.predicate} {count.object} }} }} ; "
            f'INSERT DATA {{ GRAPH <{graph}> {{ {count.subject} {count.predicate} "{int(count.object.value) + 1000}"'
            f"^^<http://www.w3.org/2001/XMLSchema#integer> }} }}"
        )
    second = run_cli("load", str(EXAMPLE), "--store", str(store))
    assert second.returncode == 0 and "Traceback" not in second.stderr, second.stderr
    with KnowledgeGraph.open(store, read_only=True) as kg:
        grown = len(kg.store) - size
        assert f"+{grown} quads, {size + grown + 1000} in the store." in second.stdout
