"""Store faults: --replace of shared graphs, kill -9 during bulk loads and replaces, disk full,
leftovers of killed loads, and read commands while a load runs. Real stores, real processes."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.generate_baci import generate
from bilateral.api import KnowledgeGraph
from bilateral.core.errors import StoreError
from bilateral.graph import iri
from bilateral.ontology.countries import ISO_SOURCE_ID

from ..conftest import EXAMPLE, run_cli

ISO_GRAPH = ox.NamedNode(iri.source_iri(ISO_SOURCE_ID))
BACI_NAME = "synthetic-BACI_HS92_Y2022_V000000.csv"
BACI_GRAPH = ox.NamedNode(iri.source_iri("synthetic-baci-hs92-y2022-v000000"))


def baci(folder: Path, rows: int, seed: int) -> Path:
    """A synthetic (made-up) BACI file of `rows` rows, by the benchmark's seeded generator."""
    data, _codes = generate(rows, seed, folder)
    assert data.name == BACI_NAME
    return data


def fingerprint(store_path: Path, graph: ox.NamedNode) -> tuple[int, str]:
    """Quad count and sha256 of the sorted quads of one graph (opened read-only)."""
    store = ox.Store.read_only(str(store_path))
    lines = sorted(str(q) for q in store.quads_for_pattern(None, None, None, graph))
    del store
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


def graph_names(store_path: Path) -> set[str]:
    store = ox.Store.read_only(str(store_path))
    names = {g.value for g in store.named_graphs()}
    del store
    return names


def leftovers(store_path: Path, tmp: Path) -> list[str]:
    """Files a killed load may leave: bulk SSTs and staging in the store, temp folders in TMPDIR."""
    found = [p.name for p in store_path.glob("bulk-*.sst")]
    found += [p.name for p in (store_path / ".bilateral-staging").glob("*")]
    found += [p.name for p in tmp.glob("bilateral-bulk-*")]
    return found


# -- item 1: --replace never replaces a graph that other sources rely on ---------------------


def test_replace_keeps_the_shared_iso_graph(tmp_path: Path) -> None:
    data = baci(tmp_path / "baci", 2000, seed=1)
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.load([EXAMPLE])
        kg.load([data])
        iso_before = sorted(map(str, kg.store.quads(ISO_GRAPH)))
        assert len({q.split(" ")[0] for q in iso_before}) > 100  # the BACI countries are there
        kg.load([EXAMPLE], replace=True)
        assert sorted(map(str, kg.store.quads(ISO_GRAPH))) == iso_before
        assert kg.validate() == []


# -- item 13: read commands while a load runs; a read never creates a store ------------------


def test_read_commands_answer_while_another_process_writes(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = example_kg.store.path
    count = len(example_kg.store)
    example_kg.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys
            from bilateral.graph.store import OxigraphStore
            s = OxigraphStore({str(path)!r})
            print("open", flush=True)
            sys.stdin.read()
            s.close()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        store = ["--store", str(path)]
        stats = run_cli("stats", "--format", "csv", *store)
        assert stats.returncode == 0, stats.stderr
        assert f"total,quads,{count}" in stats.stdout
        commands = [
            ("sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
            ("query", "leader-on", "-p", "country=JPN", "-p", "date=2025-02-07"),
            ("trace", "Shigeru Ishiba", "United States"),
            ("neighbors", "JPN"),
            ("validate",),
            ("export", "--format", "nquads", "-o", str(tmp_path / "out.nq")),
            ("snapshot", "create", "--snapshots", str(tmp_path / "snaps")),
        ]
        for args in commands:
            result = run_cli(*args, *store)
            assert result.returncode == 0, (args, result.stderr)
            assert "Traceback" not in result.stderr
        assert "Ishiba" in run_cli("query", "leader-on", "-p", "country=JPN", "-p", "date=2025-02-07", *store).stdout
        assert len((tmp_path / "out.nq").read_text(encoding="utf-8").splitlines()) == count
        # a write command is still refused while the other process writes
        load = run_cli("load", str(EXAMPLE), *store)
        assert load.returncode == 1 and "in use by another process" in load.stderr
    finally:
        holder.communicate("")


@pytest.mark.parametrize("command", [("stats",), ("sparql", "ASK { ?s ?p ?o }"), ("validate",), ("neighbors", "JPN")])
def test_a_read_command_does_not_create_a_store(tmp_path: Path, command: tuple[str, ...]) -> None:
    missing = tmp_path / "no-such-store"
    result = run_cli(*command, "--store", str(missing))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and str(missing) in result.stderr
    assert "Traceback" not in result.stderr
    assert not missing.exists()


# -- items 2 and 12: kill -9 during bulk loads and replaces --------------------------------


def _load_until(store: Path, data: Path, tmp: Path, ready: Callable[[], bool], delay: float, *extra: str) -> int | None:
    """Run `bilateral load`, kill it with SIGKILL once `ready()` holds (+ `delay` s); returns the
    exit code if it finished before that."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bilateral.cli", "load", str(data), "--store", str(store), *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while proc.poll() is None and not ready():
        assert time.monotonic() < deadline, "the load never reached the point to kill it at"
        time.sleep(0.005)
    if proc.poll() is not None:
        return proc.returncode
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    return None


def _writing(store: Path) -> Callable[[], bool]:
    """True once the load writes into the store (journal or bulk SST files present)."""
    return lambda: (store / ".bilateral-journal.json").exists() or any(store.glob("bulk-*.sst"))


def _staging(store: Path) -> Callable[[], bool]:
    """True once the load stages its file in the store."""

    def staged() -> bool:
        try:  # the folder may come and go while we look
            return any(p.is_file() for p in (store / ".bilateral-staging").rglob("*"))
        except OSError:
            return False

    return staged


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two versions of one synthetic BACI file, and each one's graph fingerprint loaded alone."""
    root = tmp_path_factory.mktemp("versions")
    old, new = baci(root / "old", 30_000, seed=1), baci(root / "new", 30_000, seed=2)
    prints = {}
    for name, data in (("old", old), ("new", new)):
        with KnowledgeGraph.open(root / f"ref-{name}") as kg:
            kg.load([data])
        prints[name] = fingerprint(root / f"ref-{name}", BACI_GRAPH)
    assert prints["old"] != prints["new"]
    return {"old": old, "new": new, "prints": prints, "root": root}


def _after_recovery(store: Path, tmp: Path, known: set[str], expected: tuple[tuple[int, str], ...]) -> None:
    """Open the store for writing (the next writer recovers): the graph is one of `expected`, no
    other graph than `known` (no staging graph), nothing left behind."""
    with KnowledgeGraph.open(store):
        pass
    assert fingerprint(store, BACI_GRAPH) in expected
    assert graph_names(store) <= known
    assert leftovers(store, tmp) == []


@pytest.mark.parametrize("point,delay", [("staging", 0.0), ("writing", 0.0), ("writing", 0.4), ("writing", 1.5)])
def test_kill_during_a_replace_leaves_the_old_graph_or_the_new(
    two_versions: dict[str, object], tmp_path: Path, point: str, delay: float
) -> None:
    store, tmp = tmp_path / "store", tmp_path / "tmp"
    tmp.mkdir()
    shutil.copytree(two_versions["root"] / "ref-old", store)  # type: ignore[operator]
    ready = _staging(store) if point == "staging" else _writing(store)
    _load_until(store, two_versions["new"], tmp, ready, delay, "--replace")  # type: ignore[arg-type]
    prints = two_versions["prints"]
    root: Path = two_versions["root"]  # type: ignore[assignment]
    known = graph_names(root / "ref-old") | graph_names(root / "ref-new")
    # a read command first: it finishes a cut-off write (the lock is free) and answers
    stats = run_cli("stats", "--format", "csv", "--iris", "--store", str(store))
    assert stats.returncode == 0 and "Traceback" not in stats.stderr, stats.stderr
    counted = [line for line in stats.stdout.splitlines() if line.startswith(f"source,{BACI_GRAPH.value},")]
    assert len(counted) == 1
    assert int(counted[0].rsplit(",", 1)[1]) in (prints["old"][0], prints["new"][0])  # type: ignore[index]
    _after_recovery(store, tmp, known, (prints["old"], prints["new"]))  # type: ignore[index]
    # a later replace completes, and leaves nothing behind
    result = run_cli("load", str(two_versions["new"]), "--replace", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert fingerprint(store, BACI_GRAPH) == prints["new"]  # type: ignore[index]
    assert leftovers(store, tmp) == []


@pytest.mark.parametrize("delay", [0.0, 0.5])
def test_kill_during_a_first_bulk_load_leaves_nothing_or_everything(
    two_versions: dict[str, object], tmp_path: Path, delay: float
) -> None:
    store, tmp = tmp_path / "store", tmp_path / "tmp"
    tmp.mkdir()
    with KnowledgeGraph.open(store) as kg:
        kg.load([EXAMPLE])
    root: Path = two_versions["root"]  # type: ignore[assignment]
    known = graph_names(root / "ref-old") | graph_names(store)
    _load_until(store, two_versions["old"], tmp, _writing(store), delay)  # type: ignore[arg-type]
    empty = (0, hashlib.sha256(b"").hexdigest())
    _after_recovery(store, tmp, known, (empty, two_versions["prints"]["old"]))  # type: ignore[index]


# -- item 11: disk full ----------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A 40 MB tmpfs, where the machine lets us mount one (root); else the test is skipped."""
    mount = tmp_path / "small"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.strip() or 'not root'}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


# 200,000 rows fill 40 MB while the file is staged (4 kB of N-Quads a row); 7,000 rows are
# staged (28 MB), then fill the disk while the bulk loader writes its files.
@pytest.mark.parametrize("rows,where", [(200_000, "staging"), (7_000, "bulk loading")])
def test_disk_full_during_a_load_is_one_clean_error(small_disk: Path, tmp_path: Path, rows: int, where: str) -> None:
    store = small_disk / "store"
    assert run_cli("load", str(EXAMPLE), "--store", str(store)).returncode == 0
    before = fingerprint(store, ISO_GRAPH), len(list(ox.Store.read_only(str(store))))
    big = baci(tmp_path / "big", rows, seed=3)
    result = run_cli("load", str(big), "--store", str(store))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {where}") and "Traceback" not in result.stderr
    assert result.stderr.count("Error") == 1 and len(result.stderr.splitlines()) == 1
    after = fingerprint(store, ISO_GRAPH), len(list(ox.Store.read_only(str(store))))
    assert after == before


def _fill(folder: Path) -> Path:
    """Fill the filesystem of `folder` to the last byte; returns the filler file."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    out.write(b"\0" * size)
            except OSError:
                pass
    return filler


def test_disk_full_while_the_store_is_open_raises_the_store_error_alone(small_disk: Path) -> None:
    store = small_disk / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.load([EXAMPLE])
        before = sorted(map(str, kg.store.quads()))
    extra = small_disk / "extra.nq"
    graph = ox.NamedNode(iri.source_iri("disk-full-probe"))
    extra.write_text(
        "".join(
            f'<https://example.org/s{i}> <https://example.org/p> "{"v" * 200}{i}" {graph} .\n' for i in range(20_000)
        ),
        encoding="utf-8",
    )
    # Closing the store flushes it, which fails too on a full disk: that must not replace (or
    # pile onto) the error that says what went wrong.
    with pytest.raises(StoreError, match="No space left") as caught:
        with KnowledgeGraph.open(store) as kg:
            filler = _fill(small_disk)
            kg.load([extra])
    assert "flush" not in str(caught.value)
    filler.unlink()
    with KnowledgeGraph.open(store) as kg:
        assert sorted(map(str, kg.store.quads())) == before
