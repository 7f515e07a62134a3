"""The store on a SPARQL 1.1 server (graph/remote.py), against a real Apache Jena Fuseki.

The server is scripts/fuseki-local's (FUSEKI_URL and the credentials in the environment); the
error tests that need no Fuseki use real sockets and HTTP servers on this machine.
"""

from __future__ import annotations

import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT, needs_fuseki, run_cli


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, **extra}


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _failed(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: "), result.stderr
    return result.stderr


def _sha(result: subprocess.CompletedProcess[str]) -> str:
    found = re.search(r"sha256 ([0-9a-f]{64})", _ok(result))
    assert found, result.stdout
    return found.group(1)


def _snapshot_sha(store: str, where: Path, env: dict[str, str] | None = None) -> str:
    return _sha(run_cli("snapshot", "create", "--store", store, "--snapshots", str(where), env=env))


# -- on the real Fuseki --------------------------------------------------------------------------


@needs_fuseki
@pytest.mark.fuseki
def test_load_and_the_catalog_answer_as_on_the_embedded_store(fuseki: str, tmp_path: Path) -> None:
    embedded = str(tmp_path / "store")
    for store in (embedded, fuseki):
        _ok(run_cli("load", str(EXAMPLE), "--store", store))
    for args in (
        ["query", "trade-balance", "-p", "a=USA", "-p", "b=JPN", "--format", "json"],
        [
            "sparql",
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
            "--format",
            "csv",
        ],
        ["stats", "--format", "csv"],
        ["validate", "--format", "json"],
        ["trace", "Shigeru Ishiba", "United States"],
        ["neighbors", "JPN", "--depth", "2", "--format", "csv"],
    ):
        here, there = run_cli(*args, "--store", embedded), run_cli(*args, "--store", fuseki)
        assert _ok(there) == _ok(here) and there.stdout.strip(), args
    assert "68,500,000,000" in _ok(run_cli("query", "trade-balance", "-p", "a=USA", "-p", "b=JPN", "--store", fuseki))


@needs_fuseki
@pytest.mark.fuseki
def test_a_trig_export_moves_to_the_server_and_back_with_the_same_snapshot_hash(fuseki: str, tmp_path: Path) -> None:
    embedded, back = str(tmp_path / "store"), str(tmp_path / "back")
    _ok(run_cli("load", str(EXAMPLE), "--store", embedded))
    _ok(run_cli("export", "--format", "trig", "-o", str(tmp_path / "out.trig"), "--store", embedded))
    _ok(run_cli("load", str(tmp_path / "out.trig"), "--store", fuseki))
    _ok(run_cli("export", "--format", "trig", "-o", str(tmp_path / "back.trig"), "--store", fuseki))
    _ok(run_cli("load", str(tmp_path / "back.trig"), "--store", back))
    hashes = {_snapshot_sha(s, tmp_path / f"snap-{i}") for i, s in enumerate((embedded, fuseki, back))}
    assert len(hashes) == 1


def _extra_source(folder: Path, person: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "sources.csv").write_text(
        "id,url,title,publisher,published,retrieved,licence,reliability,note\n"
        "made-up,https://example.org/x,Made-up test source,,,,,synthetic,\n",
        encoding="utf-8",
    )
    (folder / "people.csv").write_text(
        f"id,name,aliases,birth_year,wikidata,source\nx,{person},,,,made-up\n", encoding="utf-8"
    )
    return folder


@needs_fuseki
@pytest.mark.fuseki
def test_replace_means_the_same_as_on_the_embedded_store(fuseki: str, tmp_path: Path) -> None:
    """--replace empties only the graphs of the sources the input describes, never the ISO graph."""
    embedded = str(tmp_path / "store")
    for store in (embedded, fuseki):
        _ok(run_cli("load", str(EXAMPLE), "--store", store))
        _ok(run_cli("load", str(_extra_source(tmp_path / "extra", "Jane Roe")), "--store", store))
        _ok(run_cli("load", str(_extra_source(tmp_path / "extra", "John Roe")), "--replace", "--store", store))
    names = run_cli(
        "sparql",
        "SELECT ?n WHERE { ?p <https://w3id.org/bilateral/ontology#name> ?n } ORDER BY ?n",
        "--format",
        "csv",
        "--store",
        fuseki,
    )
    assert "John Roe" in _ok(names) and "Jane Roe" not in names.stdout and "Japan" in names.stdout
    assert _snapshot_sha(embedded, tmp_path / "a") == _snapshot_sha(fuseki, tmp_path / "b")


def _baci(tmp_path: Path, rows: int) -> Path:
    out = tmp_path / "baci"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate_baci.py"),
            "--rows",
            str(rows),
            "--seed",
            "3",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


@needs_fuseki
@pytest.mark.fuseki
def test_a_big_load_goes_graph_by_graph_and_equals_the_embedded_one(fuseki: str, tmp_path: Path) -> None:
    baci = _baci(tmp_path, 4000)  # about 67,000 quads: more than one request's worth (CHUNK)
    embedded = str(tmp_path / "store")
    for store in (embedded, fuseki):
        _ok(run_cli("load", str(EXAMPLE), str(baci), "--store", store))
        _ok(run_cli("load", str(baci), "--replace", "--store", store))  # again: changes nothing
    assert _snapshot_sha(embedded, tmp_path / "a") == _snapshot_sha(fuseki, tmp_path / "b")
    # the whole-store question (it starts from the figures that could conflict: LATERAL)
    whole = ["query", "conflicting-figures", "--format", "csv"]
    here, there = run_cli(*whole, "--store", embedded), run_cli(*whole, "--store", fuseki)
    assert _ok(there) == _ok(here) and "japantimes" in there.stdout


@needs_fuseki
@pytest.mark.fuseki
def test_a_wrong_password_and_a_bad_query_are_clean_errors(fuseki: str) -> None:
    secret = "not-the-password-" + "x" * 8
    bad = run_cli("stats", "--store", fuseki, env=_env(BILATERAL_STORE_PASSWORD=secret))
    assert "refused the credentials" in _failed(bad) and fuseki in bad.stderr and secret not in bad.stderr
    syntax = run_cli("sparql", "SELECT WHERE {", "--store", fuseki)
    assert "rejected the query" in _failed(syntax) and fuseki in syntax.stderr
    assert os.environ["BILATERAL_STORE_PASSWORD"] not in syntax.stderr + syntax.stdout


# -- errors without a Fuseki: real sockets and HTTP servers on this machine -----------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_server_is_a_clean_error_naming_the_url() -> None:
    url = f"http://127.0.0.1:{_free_port()}/bilateral"
    result = run_cli("stats", "--store", url, env=_env(BILATERAL_STORE_PASSWORD="hunter2-secret"))
    assert "cannot reach the server" in _failed(result) and url in result.stderr
    assert "hunter2-secret" not in result.stderr


def test_credentials_in_the_url_are_refused_without_repeating_them() -> None:
    result = run_cli("stats", "--store", "http://me:hunter2-secret@127.0.0.1:9/bilateral")
    assert "BILATERAL_STORE_PASSWORD" in _failed(result) and "hunter2-secret" not in result.stderr


def _answering_503(body: bytes) -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server that answers every request 503 with `body`, counting them."""
    seen: list[str] = []

    class Busy(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append(self.path)
            self.send_response(503)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Busy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/bilateral", seen
    server.shutdown()


@pytest.fixture
def busy_server() -> Iterator[tuple[str, list[str]]]:
    yield from _answering_503(b"busy")


@pytest.fixture
def timing_out_server() -> Iterator[tuple[str, list[str]]]:
    yield from _answering_503(b"Query timed out")  # what Fuseki answers past its --timeout


def test_a_busy_server_is_tried_again_with_back_off_then_a_clean_error(busy_server: tuple[str, list[str]]) -> None:
    from bilateral.core.errors import StoreError
    from bilateral.graph.remote import RETRIES, SparqlStore

    url, seen = busy_server
    with pytest.raises(StoreError, match=re.escape(url) + r".*HTTP 503.*tried 4 times"):
        SparqlStore(url)
    assert len(seen) == RETRIES + 1 == 4


def test_a_query_the_server_times_out_says_so_and_is_not_sent_again(timing_out_server: tuple[str, list[str]]) -> None:
    from bilateral.core.errors import QueryError
    from bilateral.graph.remote import SparqlStore

    url, seen = timing_out_server
    with pytest.raises(QueryError, match=re.escape(url) + r" timed out the query \(HTTP 503\)"):
        SparqlStore(url)
    assert len(seen) == 1


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A real socket that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/bilateral"
    sock.close()


def test_a_server_that_does_not_answer_times_out_cleanly(silent_server: str) -> None:
    result = run_cli("stats", "--store", silent_server, env=_env(BILATERAL_STORE_TIMEOUT="1"))
    assert "did not answer the query within 1 s" in _failed(result) and silent_server in result.stderr


# -- a server killed mid-load --------------------------------------------------------------------


@pytest.fixture
def own_fuseki(tmp_path: Path) -> Iterator[tuple[str, dict[str, str], Path]]:
    """A second Fuseki of our own (its own database, port and password), for killing."""
    home = tmp_path / "fuseki"
    env = _env(FUSEKI_LOCAL_HOME=str(home), FUSEKI_LOCAL_PORT=str(_free_port()))
    script = str(ROOT / "scripts" / "fuseki-local")
    started = subprocess.run([script, "start"], env=env, capture_output=True, text=True, timeout=180)
    assert started.returncode == 0, started.stderr
    exported = dict(re.findall(r"export (\w+)=(\S+)", started.stdout))
    try:
        yield exported["FUSEKI_URL"], {**env, **exported}, home
    finally:
        subprocess.run([script, "stop"], env=env, capture_output=True, timeout=120)


@needs_fuseki
@pytest.mark.fuseki
def test_a_server_killed_mid_load_leaves_no_half_graph_and_the_load_runs_again(
    own_fuseki: tuple[str, dict[str, str], Path], tmp_path: Path
) -> None:
    url, env, home = own_fuseki
    script = str(ROOT / "scripts" / "fuseki-local")
    baci = _baci(tmp_path, 8000)  # about 130,000 quads in the BACI graph: seconds of upload
    embedded = str(tmp_path / "store")
    _ok(run_cli("load", str(EXAMPLE), str(baci), "--store", embedded))
    expected = _snapshot_sha(embedded, tmp_path / "expected")

    log = home / "fuseki.log"
    load = subprocess.Popen(
        [sys.executable, "-m", "bilateral.cli", "load", str(EXAMPLE), str(baci), "--store", url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while "?graph=" not in log.read_text(encoding="utf-8", errors="replace"):  # the BACI upload began
        assert time.monotonic() < deadline and load.poll() is None, "the upload never began"
        time.sleep(0.05)
    time.sleep(0.5)
    subprocess.run([script, "kill"], env=env, check=True, capture_output=True, timeout=60)
    _, stderr = load.communicate(timeout=120)
    assert load.returncode == 1 and stderr.startswith("Error: ") and "Traceback" not in stderr, stderr
    assert url in stderr and env["BILATERAL_STORE_PASSWORD"] not in stderr

    restarted = subprocess.run([script, "start"], env=env, capture_output=True, text=True, timeout=180)
    assert restarted.returncode == 0, restarted.stderr
    # Every graph is as it was (absent) or whole: the BACI graph has all its quads or none.
    counts = run_cli(
        "sparql",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        "--format",
        "csv",
        "--store",
        url,
        env=env,
    )
    whole = run_cli(
        "sparql",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        "--format",
        "csv",
        "--store",
        embedded,
    )
    want = dict(line.rsplit(",", 1) for line in _ok(whole).splitlines()[1:])
    got = dict(line.rsplit(",", 1) for line in _ok(counts).splitlines()[1:])
    baci_graph = next(g for g in want if "baci" in g)
    assert got.get(baci_graph) in (None, want[baci_graph])
    assert all(got[g] == want[g] for g in got if "iso-3166" not in g), (got, want)

    _ok(run_cli("load", str(EXAMPLE), str(baci), "--store", url, env=env))  # again: no duplicate
    assert _snapshot_sha(url, tmp_path / "after", env) == expected
