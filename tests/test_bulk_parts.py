"""A BACI load in parts: the bulk loader's memory grows with what one call is given, so the staged
N-Quads are cut into parts, loaded in turn, and journaled together (a crash rolls all forward)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import StoreError
from bilateral.graph import iri
from bilateral.graph.bulk import AHEAD, LOADERS, PartFiles, bulk_load_nquads, graphs_in, stream_parts
from bilateral.graph.flows import bulk_nquads
from bilateral.graph.store import JOURNAL, OxigraphStore
from bilateral.ontology.vocab import BI

from .conftest import DATA

BACI = DATA / "public" / "synthetic-BACI_HS92_Y2022_V000000.csv"


def test_parts_hold_whole_lines_and_load_as_the_whole_file(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    with PartFiles(tmp_path / "parts", "baci", part_quads=5) as out:
        bulk_nquads(BACI, out, chunksize=2)
    assert len(out.paths) > 2
    assert all(p.read_bytes().endswith(b"\n") for p in out.paths)
    lines = [line for p in out.paths for line in p.read_bytes().splitlines()]
    whole = bytearray()
    bulk_nquads(BACI, _Sink(whole), chunksize=2)
    assert lines == bytes(whole).splitlines()


class _Sink:
    def __init__(self, buffer: bytearray) -> None:
        self.buffer = buffer

    def write(self, data: bytes) -> int:
        self.buffer.extend(data)
        return len(data)


def test_a_load_in_parts_gives_the_quads_of_a_record_load(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    with PartFiles(tmp_path / "parts", "baci", part_quads=7) as out:
        bulk_nquads(BACI, out, chunksize=3)
    assert len(out.paths) > 1
    with KnowledgeGraph.open(tmp_path / "bulk") as kg:
        added = bulk_load_nquads(kg.store, out.paths)
        in_parts = set(kg.store.quads())
    with KnowledgeGraph.open(tmp_path / "records") as kg:
        kg.load([BACI])
        counts = {ox.NamedNode(BI.quadCount), ox.NamedNode(BI.flowCount)}  # what `load` adds for `stats`
        assert {q for q in kg.store.quads() if q.predicate not in counts} == in_parts and added == len(in_parts)
    assert not list((tmp_path / "bulk" / ".bilateral-staging").glob("*.nq"))  # the parts are gone


def test_a_journal_of_several_parts_is_rolled_forward_whole(tmp_path: Path) -> None:
    """As a crash after the journal was written leaves it: the next writer loads every part."""
    store_path = tmp_path / "store"
    OxigraphStore(store_path).close()
    staging = store_path / ".bilateral-staging"
    staging.mkdir()
    with PartFiles(staging, "baci", part_quads=10) as out:
        bulk_nquads(BACI, out, chunksize=2)
    assert len(out.paths) > 1
    (store_path / JOURNAL).write_text(json.dumps({"nquads": [p.name for p in out.paths], "replace": []}))
    with KnowledgeGraph.open(tmp_path / "records") as kg:
        kg.load([BACI])
        expected = {q for q in kg.store.quads() if q.predicate.value not in (BI.quadCount, BI.flowCount)}
    store = OxigraphStore(store_path)  # recovers
    try:
        assert set(store.quads()) == expected
        assert not (store_path / JOURNAL).exists() and not staging.exists()
    finally:
        store.close()


def _parts(store: OxigraphStore) -> list[Path]:
    """The test BACI file's N-Quads in parts of 10 lines in the open store's staging folder."""
    with PartFiles(store.staging(), "baci", part_quads=10) as out:
        bulk_nquads(BACI, out, chunksize=2)
    return out.paths


def test_a_streamed_load_cut_off_is_undone_by_the_next_writer(tmp_path: Path) -> None:
    """As a crash leaves a load whose parts were loaded while the rest were written: some parts in
    the store, the journal saying to undo. The next writer empties the graph: the store is as before."""
    store_path = tmp_path / "store"
    graph = iri.source_iri("synthetic-baci-hs92-y2022-v000000")
    store = OxigraphStore(store_path)
    parts = _parts(store)
    store.begin_stream([ox.NamedNode(graph)])
    for part in parts[:2]:
        store.load_part(part)
    assert any(True for _ in store.quads(ox.NamedNode(graph)))
    del store._store  # the process dies: no flush, no end of the journal
    store = OxigraphStore(store_path)  # recovers
    try:
        assert list(store.quads(ox.NamedNode(graph))) == []
        assert not (store_path / JOURNAL).exists()
    finally:
        store.close()


def test_a_baci_load_into_a_new_graph_is_loaded_while_written_and_equals_the_staged_load(tmp_path: Path) -> None:
    """A file for a source the store lacks is checked whole, then each part loaded as it is
    written: the same quads (and counts) as when every part is written first (--replace)."""
    with KnowledgeGraph.open(tmp_path / "streamed") as kg:
        kg.load([BACI])
        streamed = set(kg.store.quads())
    with KnowledgeGraph.open(tmp_path / "staged") as kg:
        kg.load([BACI], replace=True)
        staged = set(kg.store.quads())
    assert streamed == staged and any(q.predicate.value == BI.quadCount for q in streamed)
    assert not (tmp_path / "streamed" / JOURNAL).exists()


def test_a_streamed_load_that_fails_leaves_nothing(tmp_path: Path) -> None:
    """A part the store refuses (here: not N-Quads) stops the writing and empties the graph again."""
    store_path = tmp_path / "store"
    graph = iri.source_iri("synthetic-baci-hs92-y2022-v000000")
    store = OxigraphStore(store_path)
    try:
        parts = _parts(store)

        def write(out: PartFiles) -> None:
            for part in parts:
                out.write(part.read_bytes())
            out.write(b"this is not N-Quads\n")

        with pytest.raises(StoreError, match="what it had written was removed"):
            stream_parts(store, store_path / ".bilateral-staging", "bad", write, [graph], None, part_quads=10)
        assert list(store.quads(ox.NamedNode(graph))) == []
        assert not (store_path / JOURNAL).exists()
    finally:
        store.close()


def test_parts_loaded_at_once_give_the_quads_of_the_whole_file_in_one_call(tmp_path: Path) -> None:
    """Several parts in the store's bulk loader at once (LOADERS): nothing lost, nothing doubled."""
    whole = bytearray()
    bulk_nquads(BACI, _Sink(whole), chunksize=3)
    (tmp_path / "whole.nq").write_bytes(whole)
    reference = ox.Store(str(tmp_path / "reference"))
    reference.bulk_load(path=str(tmp_path / "whole.nq"), format=ox.RdfFormat.N_QUADS)
    graphs = sorted(graphs_in(tmp_path / "whole.nq"))
    store = OxigraphStore(tmp_path / "store")
    try:
        stats = stream_parts(
            store, store.staging(), "baci", lambda out: bulk_nquads(BACI, out, chunksize=3), graphs, None, part_quads=7
        )
        store.end_bulk()
        assert stats.quads > 7 * LOADERS * 3  # many more parts than loaders
        for graph in graphs:
            ours = set(store.quads(ox.NamedNode(graph)))
            assert ours and ours == set(reference.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    finally:
        store.close()


def test_a_streamed_load_writes_only_a_few_parts_ahead_of_the_store(tmp_path: Path) -> None:
    """The writer waits for the store: the staging folder holds a few parts, never the whole
    file (at 11M rows the whole file is about 31 GB of N-Quads)."""
    store_path = tmp_path / "store"
    graph = iri.source_iri("synthetic-baci-hs92-y2022-v000000")
    folder = store_path / ".bilateral-staging"
    store = OxigraphStore(store_path)
    seen: list[int] = []
    try:
        line = f"<https://example.org/s> <https://example.org/p> <https://example.org/o> <{graph}> .\n".encode()

        def write(out: PartFiles) -> None:
            for _ in range(60):
                seen.append(len(list(folder.glob("*.nq"))))
                out.write(line * 2)

        folder.mkdir(parents=True, exist_ok=True)
        stream_parts(store, folder, "ahead", write, [graph], None, part_quads=2)
        store.end_bulk()
        assert len(list(store.quads(ox.NamedNode(graph)))) == 1
    finally:
        store.close()
    assert max(seen) <= AHEAD + LOADERS + 1  # waiting in the queue, being loaded, being written
