"""Snapshots: the same graph gives the same bytes and hash; a diff lists exactly what changed;
a snapshot restores the store it was made from; a changed snapshot is refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from bilateral import __version__
from bilateral.api import KnowledgeGraph
from bilateral.core.errors import InputError
from bilateral.graph import iri, snapshot
from bilateral.graph.export import export
from bilateral.graph.snapshot import (
    SnapshotError,
    canonical_line,
    create_snapshot,
    default_snapshot_dir,
    diff_snapshots,
    list_snapshots,
    resolve_snapshot,
    restore_snapshot,
    snapshot_rows,
)
from bilateral.graph.store import OxigraphStore
from bilateral.loaders.rdf_files import file_sha256, read_rdf
from bilateral.ontology.vocab import BI

from .conftest import DATA, EXAMPLE, run_cli

EXTRA = DATA / "rdf" / "extra-source.trig"
BLANKS = DATA / "rdf" / "blank-nodes.trig"


def test_twice_gives_the_same_hash(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    a = create_snapshot(example_kg.store, tmp_path / "snaps", label="first")
    b = create_snapshot(example_kg.store, tmp_path / "snaps")
    assert a.id != b.id and a.id.endswith("-first")
    assert a.sha256 == b.sha256 == file_sha256(a.data) == file_sha256(b.data)
    assert a.data.read_bytes() == b.data.read_bytes()


def test_data_is_canonical_sorted_nquads(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    snap = create_snapshot(example_kg.store, tmp_path / "snaps")
    raw = snap.data.read_bytes()
    assert b"\r" not in raw and raw.endswith(b" .\n")
    lines = raw.decode("utf-8").splitlines(keepends=True)
    assert lines == sorted(lines, key=lambda line: line.encode("utf-8"))
    # without blank nodes, the canonical lines are Oxigraph's own N-Quads lines
    assert lines == sorted(f"{q} .\n" for q in example_kg.store.quads())
    assert snap.quads == len(lines) == len(example_kg.store)


def test_the_same_graph_loaded_another_way_gives_the_same_hash(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "a") as kg:
        kg.load([EXAMPLE, EXTRA, BLANKS])
        first = create_snapshot(kg.store, tmp_path / "snaps")
        export(kg.store, "jsonld", tmp_path / "all.jsonld")
    # another store, from another format, loaded in another order, with other blank node ids
    quads = list(reversed(read_rdf(tmp_path / "all.jsonld")))
    renamed = [
        ox.Quad(
            *(
                ox.BlankNode("other" + t.value) if isinstance(t, ox.BlankNode) else t
                for t in (q.subject, q.predicate, q.object)
            ),
            q.graph_name,
        )
        for q in quads
    ]
    other = OxigraphStore(tmp_path / "b")
    other.add(renamed)
    second = create_snapshot(other, tmp_path / "snaps")
    assert second.sha256 == first.sha256


def test_blank_nodes_get_content_labels() -> None:
    g = ox.NamedNode(iri.source_iri("test-blank"))
    p, q = ox.NamedNode(BI.note), ox.NamedNode(BI.name)

    def quads(x: str, y: str) -> list[ox.Quad]:
        bx, by = ox.BlankNode(x), ox.BlankNode(y)
        return [
            ox.Quad(g, p, bx, g),
            ox.Quad(g, p, by, g),
            ox.Quad(bx, q, ox.Literal("one"), g),
            ox.Quad(by, q, ox.Literal("two"), g),
        ]

    one = snapshot._blank_labels(quads("a", "b"))
    two = snapshot._blank_labels(quads("zz", "aa"))
    assert sorted(canonical_line(x, one) for x in quads("a", "b")) == sorted(
        canonical_line(x, two) for x in quads("zz", "aa")
    )


def test_external_sort_gives_the_same_file(
    example_kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = create_snapshot(example_kg.store, tmp_path / "snaps")
    monkeypatch.setattr(snapshot, "RUN_LINES", 50)  # spill sorted runs of 50 lines and merge them
    runs = create_snapshot(example_kg.store, tmp_path / "snaps")
    assert runs.data.read_bytes() == whole.data.read_bytes()


def test_manifest(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    snap = create_snapshot(
        example_kg.store,
        tmp_path / "snaps",
        label="US–Japan / Feb 2025",
        now=dt.datetime(2025, 2, 8, 9, 30, 5, tzinfo=dt.UTC),
    )
    assert snap.id == "20250208T093005Z-US-Japan-Feb-2025"
    manifest = json.loads((snap.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["label"] == "US–Japan / Feb 2025"
    assert manifest["created"].startswith("2025-02-08T09:30:05")
    assert manifest["data"]["sha256"] == file_sha256(snap.data)
    assert manifest["ontology"] == {"iri": "https://w3id.org/bilateral/ontology", "version": "0.1.0"}
    assert manifest["tool"] == {"name": "bilateral", "version": __version__}
    stats = {(kind, key): n for kind, key, n in example_kg.stats().rows}
    assert manifest["counts"]["quads"] == stats[("total", "quads")]
    assert manifest["counts"]["classes"][BI.Person] == stats[("class", "Person")]
    assert manifest["counts"]["sources"] == {k: n for (kind, k), n in stats.items() if kind == "source"}
    sources = {s["graph"]: s for s in manifest["sources"]}
    japantimes = sources[iri.source_iri("japantimes-2025-04-08")]
    assert japantimes["id"] == "japantimes-2025-04-08"
    assert japantimes["url"].startswith("https://")
    # and the keys of its 2 names (graph/keys.py), and the figure keys of its 2 figures (bi:figure)
    assert japantimes["quads"] == 35 + 2 + 2
    assert "licence" in japantimes and "title" in japantimes


def test_diff_lists_exactly_the_facts_of_one_more_file(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    before = create_snapshot(example_kg.store, tmp_path / "snaps", label="before")
    example_kg.load([EXTRA])
    after = create_snapshot(example_kg.store, tmp_path / "snaps", label="after")
    diff = diff_snapshots("before", "after", tmp_path / "snaps")
    extra = read_rdf(EXTRA)
    assert {canonical_line(q) for q in diff.added} == {canonical_line(q) for q in extra}
    assert len(diff.added) == len(extra) and diff.removed == []
    source = iri.source_iri("test-extra-note")
    assert list(diff.grouped("source")) == [source]
    by_entity = diff.grouped("entity")
    assert set(by_entity) == {q.subject.value for q in extra}
    assert len(by_entity[iri.person_iri("Shigeru Ishiba")]) == 1  # the one alias
    rows = diff.rows("entity")
    assert rows.columns == ["entity", "change", "predicate", "object", "source"]
    assert {r[4] for r in rows.rows} == {"test-extra-note"} and len(rows.rows) == len(extra)
    assert diff.summary_rows("source").rows == [("test-extra-note", len(extra), 0)]
    doc = json.loads(json.dumps(diff.as_json()))
    assert doc["added"] == len(extra) and doc["removed"] == 0
    assert doc["b"]["sha256"] == after.sha256
    # and the other way round
    back = diff_snapshots(after.path, before.path)
    assert len(back.removed) == len(extra) and back.added == []


def test_restore_by_loading_the_folder(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "a") as kg:
        kg.load([EXAMPLE, EXTRA, BLANKS])
        snap = create_snapshot(kg.store, tmp_path / "snaps")
        original = snap.data.read_bytes()
    with KnowledgeGraph.open(tmp_path / "b") as kg:
        report = kg.load([snap.path])
        assert report.files == [snap.path]
        again = create_snapshot(kg.store, tmp_path / "snaps")
    assert again.data.read_bytes() == original
    # the command line restores the same way
    assert run_cli("load", str(snap.path), "--store", str(tmp_path / "c")).returncode == 0
    with KnowledgeGraph.open(tmp_path / "c") as kg:
        assert create_snapshot(kg.store, tmp_path / "snaps").sha256 == snap.sha256


def test_restore_snapshot_replaces_everything(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    snap = create_snapshot(example_kg.store, tmp_path / "snaps")
    example_kg.load([EXTRA])
    assert restore_snapshot(example_kg.store, snap.id, tmp_path / "snaps") == snap.quads
    assert create_snapshot(example_kg.store, tmp_path / "snaps").sha256 == snap.sha256


def test_a_tampered_snapshot_is_refused(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    snap = create_snapshot(example_kg.store, tmp_path / "snaps")
    clean = create_snapshot(example_kg.store, tmp_path / "snaps")
    text = snap.data.read_text(encoding="utf-8")
    snap.data.write_text(text.replace('"Shigeru Ishiba"', '"Someone Else"', 1), encoding="utf-8")
    with KnowledgeGraph.open(tmp_path / "fresh") as kg:
        with pytest.raises(InputError, match="sha256 does not match") as err:
            kg.load([snap.path])
        assert str(snap.data) in str(err.value)
        assert len(kg.store) == 0
    with pytest.raises(InputError, match="sha256 does not match"):
        diff_snapshots(clean.path, snap.path)
    result = run_cli("load", str(snap.path), "--store", str(tmp_path / "cli"))
    assert result.returncode == 1 and "sha256 does not match" in result.stderr


def test_list_and_resolve(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    folder = tmp_path / "snaps"
    assert list_snapshots(folder) == []
    a = create_snapshot(example_kg.store, folder, label="alpha")
    b = create_snapshot(example_kg.store, folder, label="beta")
    (folder / "not-a-snapshot").mkdir()
    assert [s.id for s in list_snapshots(folder)] == [a.id, b.id]
    rows = snapshot_rows(list_snapshots(folder))
    assert rows.columns[:4] == ["id", "created", "label", "quads"] and rows.rows[0][2] == "alpha"
    assert resolve_snapshot("latest", folder).id == b.id
    assert resolve_snapshot("alpha", folder).id == a.id
    assert resolve_snapshot(a.id, folder).id == a.id
    assert resolve_snapshot(b.path).id == b.id
    with pytest.raises(SnapshotError, match="several"):
        resolve_snapshot(a.id[:8], folder)
    with pytest.raises(SnapshotError, match="no snapshot"):
        resolve_snapshot("gamma", folder)


def test_default_folder_is_beside_the_store(example_kg: KnowledgeGraph) -> None:
    folder = default_snapshot_dir(example_kg.store.path)
    assert folder == example_kg.store.path.absolute().parent / "snapshots"
    snap = create_snapshot(example_kg.store)
    assert snap.path.parent == folder and not (example_kg.store.path / "snapshots").exists()
