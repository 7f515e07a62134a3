"""The embedded store: real Oxigraph on disk; atomic writes; one writer at a time."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import InputError, StoreError, StoreInUseError
from bilateral.graph.store import OxigraphStore, with_values

from .conftest import DATA, EXAMPLE, run_cli


def test_store_is_on_disk_and_persists(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.load([EXAMPLE])
        count = len(kg.store)
    assert count > 500
    assert any((tmp_path / "s").iterdir())  # RocksDB files
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        assert len(kg.store) == count


def test_a_write_failing_half_way_leaves_the_store_unchanged(example_kg: KnowledgeGraph) -> None:
    before = sorted(map(str, example_kg.store.quads()))
    graph = ox.NamedNode("https://w3id.org/bilateral/id/source/half-way")

    def quads() -> Iterator[ox.Quad]:
        for i in range(1000):
            yield ox.Quad(
                ox.NamedNode(f"https://example.org/s{i}"),
                ox.NamedNode("https://example.org/p"),
                ox.Literal(str(i)),
                graph,
            )
        raise OSError("disk went away half-way")

    with pytest.raises(StoreError, match="half-way"):
        example_kg.store.add(quads())
    assert sorted(map(str, example_kg.store.quads())) == before


def test_a_replace_failing_half_way_leaves_the_store_unchanged(example_kg: KnowledgeGraph) -> None:
    before = len(example_kg.store)
    graphs = example_kg.store.graphs()

    def quads() -> Iterator[ox.Quad]:
        yield ox.Quad(
            ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("x"), graphs[0]
        )
        raise OSError("interrupted")

    with pytest.raises(StoreError, match="interrupted"):
        example_kg.store.add(quads(), replace_graphs=graphs)
    assert len(example_kg.store) == before


def test_a_bad_file_among_good_ones_writes_nothing(kg: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        kg.load([EXAMPLE, DATA / "bad-tables"])
    assert len(kg.store) == 0


def test_a_second_process_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "busy"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from bilateral.graph.store import OxigraphStore
            s = OxigraphStore({str(path)!r})
            print("open", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreInUseError, match="in use by another process"):
            OxigraphStore(path)
        result = run_cli("load", str(EXAMPLE), "--store", str(path))  # a writer (readers may read)
        assert result.returncode == 1
        assert result.stderr.startswith("Error: the store")
        assert "Traceback" not in result.stderr
    finally:
        holder.communicate("")
    OxigraphStore(path).close()  # free again once the holder is gone


def test_parameters_are_bound_as_values_not_pasted() -> None:
    nasty = ox.Literal('x" } ; DROP ALL ; #')
    query = with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": nasty, "p": None})
    assert 'VALUES (?o ?p) { ("x\\" } ; DROP ALL ; #" UNDEF) }' in query
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), nasty))
    assert len(list(store.query(query))) == 1


def test_a_construct_of_quoted_triples_is_shown_as_text(tmp_path: Path) -> None:
    """RDF 1.2 lets a user's CONSTRUCT return a triple as an object: `sparql` shows it as its
    N-Triples text instead of failing on it (before, an AttributeError and a traceback)."""
    store = OxigraphStore(tmp_path / "store")
    store.add([ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://p"), ox.Literal("x"), ox.NamedNode("http://g"))])
    rows = store.run("CONSTRUCT { <http://a> <http://q> <<( ?s ?p ?o )>> } WHERE { ?s ?p ?o }")
    assert rows.rows == [("http://a", "http://q", '<http://a> <http://p> "x"')]
