"""Progress on long work (issue 15, item 8): shown on a terminal, nothing extra when piped.

The CLI runs as a subprocess with its stderr on a pseudo-terminal and its stdout on a pipe: the
progress must appear on the terminal, and stdout must be byte for byte what a fully piped run
prints. Counts (rows, bytes, quads) are checked through the API's callback, which is what the
bars draw; no test looks at the clock.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from bench.generate_baci import generate
from bilateral.api import KnowledgeGraph

from .conftest import EXAMPLE, run_cli, test_neo4j_uri

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def _environment() -> dict[str, str]:
    """A plain xterm: nothing that forces or forbids Rich's terminal handling (the hash seed is
    left as it comes: exports are the same bytes whatever it is)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS")}
    return {**env, "TERM": "xterm"}


def on_terminal(*args: str) -> tuple[int, bytes, str]:
    """Run the CLI with stderr on a pseudo-terminal (120 columns) and stdout on a pipe:
    (exit code, stdout bytes, the terminal's text with escape sequences removed)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen: list[bytes] = []

    def read_terminal() -> None:
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the follower side closed: the process ended
                return
            if not data:
                return
            seen.append(data)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "bilateral.cli", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,
            env=_environment(),
        )
    finally:
        os.close(follower)
    out, _ = process.communicate(timeout=600)
    reader.join(timeout=60)
    os.close(leader)
    text = b"".join(seen).decode("utf-8", "replace")
    return process.returncode, out, _ANSI.sub("", text).replace("\r", "\n")


def piped(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bilateral.cli", *args], capture_output=True, env=_environment(), timeout=600
    )


@pytest.fixture(scope="module")
def baci(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A made-up BACI file of 40,000 rows (about 1.3 MB: several reads of the file)."""
    folder = tmp_path_factory.mktemp("baci")
    data, _ = generate(40_000, 7, folder)
    return data


def test_load_of_the_example_shows_files_and_records_on_a_terminal(tmp_path: Path) -> None:
    code, out, terminal = on_terminal("load", str(EXAMPLE), "--store", str(tmp_path / "t"))
    assert code == 0, terminal
    loaded = re.search(rb"Loaded (\d+) file", out)
    assert loaded, out
    files = int(loaded.group(1))
    assert re.search(rf"{files}/{files} files", terminal), terminal
    assert re.search(r"[\d,]+ records", terminal) and re.search(r"[\d,]+/[\d,]+ quads", terminal), terminal
    assert "Traceback" not in terminal

    quiet = piped("load", str(EXAMPLE), "--store", str(tmp_path / "p"))
    assert quiet.returncode == 0
    assert quiet.stderr == b""  # no bar, no spinner, no escape sequence
    assert quiet.stdout == out.replace(str(tmp_path / "t").encode(), str(tmp_path / "p").encode())


def test_load_of_a_big_baci_file_shows_bytes_and_rows_on_a_terminal(tmp_path: Path, baci: Path) -> None:
    code, out, terminal = on_terminal("load", str(baci), "--store", str(tmp_path / "t"))
    assert code == 0, terminal
    assert f"reading {baci.name}" in terminal and "100%" in terminal, terminal
    assert re.search(r"40,000 rows", terminal), terminal
    assert re.search(r"[\d.]+/[\d.]+ MB", terminal), terminal  # bytes, where rows are not known in advance
    assert "writing into the store" in terminal and "indexing" in terminal, terminal

    quiet = piped("load", str(baci), "--store", str(tmp_path / "p"))
    assert quiet.returncode == 0 and quiet.stderr == b""
    assert quiet.stdout == out


def test_a_baci_load_reports_bytes_read_and_written_several_times(tmp_path: Path, baci: Path) -> None:
    """The callback the bars draw: the file's bytes as they are read, its rows, then the store's
    bulk write, each counting up to its total several times along the way."""
    calls: list[tuple[str, int, int | None, str]] = []

    def progress(what: str, done: int, total: int | None, unit: str = "") -> None:
        calls.append((what, done, total, unit))

    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.load([baci], progress=progress)
    size = baci.stat().st_size
    read = [(done, total) for what, done, total, unit in calls if what == f"reading {baci.name}" and unit == "bytes"]
    assert len(read) >= 4 and read[-1] == (size, size)
    assert [d for d, _ in read] == sorted(d for d, _ in read)
    rows = [done for what, done, _, unit in calls if unit == "rows"]
    assert rows and rows[-1] == 40_000
    written = [(done, total) for what, done, total, unit in calls if what.startswith("writing") and unit == "bytes"]
    assert len(written) >= 2 and written[-1][0] == written[-1][1]


def test_export_shows_quads_written_on_a_terminal_and_stdout_stays_the_data(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    assert run_cli("load", str(EXAMPLE), "--store", store).returncode == 0
    quads = int(run_cli("stats", "--format", "csv", "--store", store).stdout.splitlines()[1].rsplit(",", 1)[1])
    for fmt in ("nquads", "turtle", "jsonld", "graphml"):
        code, out, terminal = on_terminal("export", "--format", fmt, "-o", "-", "--store", store)
        assert code == 0, terminal
        assert "exporting" in terminal and "100%" in terminal, (fmt, terminal)
        if fmt in ("nquads", "jsonld", "graphml"):
            assert f"{quads:,}/{quads:,} quads" in terminal, (fmt, terminal)
        else:
            assert re.search(r"[\d,]+/[\d,]+ triples", terminal), (fmt, terminal)
        quiet = piped("export", "--format", fmt, "-o", "-", "--store", store)
        assert quiet.returncode == 0
        assert quiet.stdout == out  # the data on stdout, whatever stderr is
        assert b"exporting" not in quiet.stderr and b"\x1b" not in quiet.stderr


def test_snapshot_create_and_restore_show_quads_on_a_terminal(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    assert run_cli("load", str(EXAMPLE), "--store", store).returncode == 0
    code, out, terminal = on_terminal("snapshot", "create", "--label", "a", "--store", store)
    assert code == 0, terminal
    assert re.search(r"([\d,]+)/\1 quads", terminal), terminal
    snapshot = Path(out.decode().rsplit("(", 1)[1].rstrip(")\n"))
    code, _, terminal = on_terminal("load", str(snapshot), "--store", str(tmp_path / "restored"))
    assert code == 0, terminal
    assert "checking data.nq" in terminal and "reading data.nq" in terminal, terminal

    quiet = piped("snapshot", "create", "--label", "b", "--store", store)
    assert quiet.returncode == 0 and b"quads" not in quiet.stderr and b"\x1b" not in quiet.stderr


@pytest.mark.neo4j
@pytest.mark.skipif(not test_neo4j_uri(), reason="no NEO4J_URI of a local server (the tests empty it)")
def test_neo4j_sync_shows_batches_on_a_terminal(tmp_path: Path) -> None:
    from bilateral.graph.neo4j import Neo4jProjector

    store = str(tmp_path / "s")
    assert run_cli("load", str(EXAMPLE), "--store", store).returncode == 0
    with Neo4jProjector() as neo:
        neo.clear()
    code, out, terminal = on_terminal("neo4j", "sync", "--store", store)
    assert code == 0, terminal
    assert re.search(r"nodes .*100%.*([\d,]+)/\1", terminal), terminal
    assert re.search(r"relationships .*100%.*([\d,]+)/\1", terminal), terminal
    # before the first batch, the store is read twice (the sources' hashes, the projection): not in silence
    assert re.search(r"hashing the sources .*100%.*([\d,]+)/\1 quads", terminal), terminal
    assert re.search(r"projecting .*100%.*([\d,]+)/\1 quads", terminal), terminal

    with Neo4jProjector() as neo:
        neo.clear()
    quiet = piped("neo4j", "sync", "--store", store)
    assert quiet.returncode == 0 and quiet.stderr == b"", quiet.stderr
    assert quiet.stdout == out and b"full sync" in out
