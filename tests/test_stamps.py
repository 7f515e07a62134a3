"""Change stamps of the embedded store's graphs (graph/stamps.py): every write gives the graphs
it wrote a new stamp, a graph nothing wrote keeps its own, and whatever leaves a stamp in doubt
(a SPARQL update, a write cut off) forgets it. Real on-disk stores, no mocks."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from bilateral.api import KnowledgeGraph
from bilateral.graph import iri
from bilateral.graph.stamps import STAMPS
from bilateral.graph.store import OxigraphStore
from bilateral.ontology.countries import ISO_SOURCE_ID

G1, G2 = "https://example.org/g1", "https://example.org/g2"


def quad(n: int, graph: str) -> ox.Quad:
    return ox.Quad(
        ox.NamedNode(f"https://example.org/s{n}"),
        ox.NamedNode("https://example.org/p"),
        ox.Literal(str(n)),
        ox.NamedNode(graph),
    )


def test_a_write_stamps_only_the_graphs_it_wrote(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.add([quad(1, G1), quad(2, G2)])
    first = store.stamps()
    assert set(first) == {G1, G2}
    store.add([quad(3, G1)])
    second = store.stamps()
    assert second[G1] != first[G1] and second[G2] == first[G2]
    store.bulk_add([quad(4, G2)])
    third = store.stamps()
    assert third[G2] != second[G2] and third[G1] == second[G1]
    store.remove_graph(ox.NamedNode(G1))
    assert store.stamps()[G1] != third[G1] and store.stamps()[G2] == third[G2]
    store.close()
    assert OxigraphStore(tmp_path / "store", read_only=True).stamps() == store.stamps()


def test_an_update_forgets_every_stamp(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.add([quad(1, G1), quad(2, G2)])
    store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <https://example.org/x> <https://example.org/p> 1 }} }}")
    assert store.stamps() == {}
    store.close()


def test_a_write_cut_off_leaves_every_graph_unknown(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.add([quad(1, G1)])
    store.close()
    path = tmp_path / "store" / STAMPS
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "pending": True}), encoding="utf-8")  # as a crash mid-write leaves it
    assert OxigraphStore(tmp_path / "store", read_only=True).stamps() == {}
    writer = OxigraphStore(tmp_path / "store")  # the next writer forgets them for good
    assert writer.stamps() == {}
    writer.add([quad(2, G2)])
    assert set(writer.stamps()) == {G2}
    writer.close()


def test_a_reader_never_sees_a_stamp_newer_than_its_snapshot(tmp_path: Path) -> None:
    writer = OxigraphStore(tmp_path / "store")
    writer.add([quad(1, G1)])
    before = writer.stamps()
    reader = OxigraphStore(tmp_path / "store", read_only=True)
    writer.add([quad(2, G1)])  # written after the reader opened: it neither sees it nor its stamp
    assert writer.stamps()[G1] != before[G1]
    assert reader.stamps() == before
    assert len(list(reader.quads(ox.NamedNode(G1)))) == 1
    writer.close()


def test_a_bulk_loaded_baci_file_stamps_its_graphs(tmp_path: Path) -> None:
    from bench.generate_baci import generate

    data, _ = generate(300, 1, tmp_path / "baci")
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.load([data])
        stamps = kg.store.stamps()  # type: ignore[attr-defined]
        graphs = {g.value for g in kg.store.graphs()}
    assert graphs == set(stamps)
    assert iri.source_iri("iso-3166-1") in stamps and len(stamps) == 2


def test_a_streamed_load_stamps_every_graph_it_wrote(tmp_path: Path) -> None:
    """A BACI file for a new source is loaded while it is written (graph/bulk.py stream_parts):
    it adds to the shared ISO 3166 graph too, whose stamp must change, or the sync skips it."""
    baci = Path(__file__).parent / "data" / "public" / "synthetic-BACI_HS92_Y2022_V000000.csv"
    shared = iri.source_iri(ISO_SOURCE_ID)
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.store.add([quad(1, shared)])
        before = kg.store.stamps()
        kg.load([baci])
        after = kg.store.stamps()
        source = next(g for g in after if g not in before)
        assert kg.store.ask(f"ASK {{ GRAPH <{source}> {{ ?s ?p ?o }} }}")
    assert after[shared] != before[shared]
