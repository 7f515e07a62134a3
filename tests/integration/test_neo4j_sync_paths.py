"""The sync's paths give the same projection, and an incremental sync reads only what changed.

A first sync into an empty database writes the store part by part (nodes MERGEd on uri,
relationships CREATEd); any other full sync MERGEs and compares: both must leave exactly the
store's projection. An incremental sync finds
the changed graphs by their change stamps (graph/stamps.py) without reading the others, falls back
to hashing for a store without stamps, and finds what a changed small graph touched from its sync
state's entity list instead of a scan of Neo4j. Real server, real store, no mocks (the spies below
only record the arguments of the sync's own functions).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.api import KnowledgeGraph
from bilateral.graph import neo4j as neo4j_module
from bilateral.graph.mapping import Projection
from bilateral.graph.neo4j import Neo4jProjector
from bilateral.graph.stamps import STAMPS
from bilateral.graph.store import OxigraphStore
from tests.integration.test_neo4j_projection import EXAMPLE, JAPANTIMES, assert_in_sync, edit, neo4j_content, zero

pytestmark = pytest.mark.neo4j

DUMMY = "urn:bilateral-test:left-over"


@pytest.fixture()
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The graphs each sync hashed (a spy on source_hashes: the real function runs)."""
    calls: list[list[str]] = []
    real = neo4j_module.source_hashes

    def spy(store, progress=None, graphs=None):  # type: ignore[no-untyped-def]
        chosen = [g.value for g in store.graphs()] if graphs is None else list(graphs)
        calls.append(sorted(chosen))
        return real(store, progress, chosen)

    monkeypatch.setattr(neo4j_module, "source_hashes", spy)
    return calls


def change_one_figure(example: Path) -> None:
    """The Japan Times' figure edited: one small source changed."""
    edit(example / "indicators.csv", "2024,-68500000000,USD", "2024,-68400000000,USD")


def both_paths(neo: Neo4jProjector, store: OxigraphStore) -> tuple[Projection, Projection]:
    """Neo4j's content after a first sync (in parts), and after a full sync over a database holding
    a left-over node (MERGE and compare; the left-over removed)."""
    report = neo.sync(store)
    assert report.full and report.nodes_created > 0 and report.nodes_updated == 0
    created = neo4j_content(neo)
    assert_in_sync(neo, store)
    neo.clear()
    neo.run(f"CREATE (:Resource {{uri: '{DUMMY}', sources: ['nobody']}})", write=True)
    report = neo.sync(store)
    assert report.full and report.nodes_deleted == 1
    merged = neo4j_content(neo)
    assert_in_sync(neo, store)
    return created, merged


def test_first_sync_equals_the_merge_path_on_the_example(neo: Neo4jProjector, kg: KnowledgeGraph) -> None:
    created, merged = both_paths(neo, kg.store)  # type: ignore[arg-type]
    assert created == merged and DUMMY not in merged.nodes


def test_first_sync_equals_the_merge_path_on_synthetic_baci(neo: Neo4jProjector, tmp_path: Path) -> None:
    from bench.generate_baci import generate

    data, _ = generate(20_000, 1, tmp_path / "baci")
    with KnowledgeGraph.open(tmp_path / "baci-store") as graph:
        graph.load([data, EXAMPLE])
        created, merged = both_paths(neo, graph.store)  # type: ignore[arg-type]
    assert created == merged
    assert len(created.relationships) > 50_000


def test_graphs_not_written_since_are_not_read(
    neo: Neo4jProjector, tmp_path: Path, example: Path, hashed: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench.generate_baci import generate

    monkeypatch.setattr(neo4j_module, "SMALL_GRAPH", 100)  # the BACI graph counts as big here
    data, _ = generate(300, 1, tmp_path / "baci")
    with KnowledgeGraph.open(tmp_path / "store") as graph:
        graph.load([data, example])
        stamped = graph.store.stamps()  # type: ignore[attr-defined]
        baci = next(g for g in stamped if "baci" in g)
        assert stamped.keys() == {g.value for g in graph.store.graphs()}
        neo.sync(graph.store)
        assert baci not in hashed[-1]  # a first sync projects it anyway: its stamp is enough
        assert zero(neo.sync(graph.store))
        assert hashed[-1] == []  # nothing written since: nothing read
        change_one_figure(example)
        graph.load([example], replace=True)
        report = neo.sync(graph.store)
        assert baci not in hashed[-1] and hashed[-1]  # only the graphs the load wrote are hashed
        assert baci not in report.sources_changed
        assert_in_sync(neo, graph.store)  # type: ignore[arg-type]


def test_a_changed_small_source_is_found_without_a_scan(
    neo: Neo4jProjector, kg: KnowledgeGraph, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanned: list[list[str]] = []
    real = Neo4jProjector._touched

    def spy(self: Neo4jProjector, ids: list[str]) -> set[str]:
        scanned.append(list(ids))
        return real(self, ids)

    monkeypatch.setattr(Neo4jProjector, "_touched", spy)
    neo.sync(kg.store)
    change_one_figure(example)
    kg.load([example], replace=True)
    report = neo.sync(kg.store)
    assert JAPANTIMES in report.sources_changed
    assert scanned == [[]]  # the entity lists of the sync state said it all
    assert_in_sync(neo, kg.store)  # type: ignore[arg-type]


@pytest.mark.parametrize("stamps", ["missing", "pending"])
def test_a_store_without_stamps_still_syncs(
    neo: Neo4jProjector, tmp_path: Path, example: Path, stamps: str, hashed: list[list[str]]
) -> None:
    with KnowledgeGraph.open(tmp_path / "store") as graph:
        graph.load([example])
    store = OxigraphStore(tmp_path / "store", read_only=True)
    neo.sync(store)
    change_one_figure(example)
    with KnowledgeGraph.open(tmp_path / "store") as graph:
        graph.load([example], replace=True)
    path = tmp_path / "store" / STAMPS
    if stamps == "missing":  # a store written before stamps
        path.unlink()
    else:  # a write cut off: its stamps are in doubt
        path.write_text(path.read_text(encoding="utf-8").replace('"pending": false', '"pending": true'))
    store = OxigraphStore(tmp_path / "store", read_only=True)
    report = neo.sync(store)
    assert len(hashed[-1]) == len(store.graphs())  # every graph hashed
    assert JAPANTIMES in report.sources_changed
    assert_in_sync(neo, store)
    assert zero(neo.sync(store))


def test_status_counts_the_store_part_by_part(
    neo: Neo4jProjector, kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """status holds no whole projection (at 1M rows it took GBs): it counts the parts, and the
    counts are the whole projection's."""
    from bilateral.graph.mapping import project_store

    whole = project_store(kg.store)

    def refused(*args: object, **kwargs: object) -> Projection:
        raise AssertionError("status made the whole projection")

    monkeypatch.setattr(neo4j_module, "project_store", refused)
    monkeypatch.setattr(neo4j_module, "PART_SUBJECTS", 50)  # many parts on the example
    neo.sync(kg.store)
    rows = {(r[0], r[1]): r[2:] for r in neo.status(kg.store).rows}
    assert rows[("nodes", "all")] == (len(whole.nodes), len(whole.nodes), True)
    assert rows[("relationships", "all")] == (len(whole.relationships), len(whole.relationships), True)
    for label, n in whole.label_counts().items():
        assert rows[("label", label)] == (n, n, True)
    for kind, n in whole.type_counts().items():
        assert rows[("type", kind)] == (n, n, True)
