"""Reach: read commands reach no network and no file they were not asked to, exports never write
into a store, names shaped like IRIs never reach a query's text, and Neo4j failures are one
clean `Error:` line (issue 17, items 6, 7, 8, 10 and 16).

A "listener" is a real TCP socket on 127.0.0.1 that counts the connections made to it: a refused
request must make none. The Neo4j tests (marked `neo4j`) need a server started with
scripts/neo4j-local, whose configuration confines LOAD CSV file URLs to its import folder.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import QueryError
from tests.conftest import EXAMPLE, ROOT, run_cli, test_neo4j_uri


@contextmanager
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP port on 127.0.0.1 and the first bytes of every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    seen.append(conn.recv(200))
                except OSError:
                    seen.append(b"")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], seen
    finally:
        stop.set()
        thread.join(5)
        server.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store holding the example, for the CLI to open."""
    path = tmp_path_factory.mktemp("reach") / "store"
    with KnowledgeGraph.open(path) as kg:
        kg.load([EXAMPLE])
    return path


def assert_clean_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 1, no traceback, stderr is one `Error:` line holding every word; returns that line."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


# -- 6. SPARQL SERVICE --------------------------------------------------------------------------


def test_sparql_service_is_refused_and_makes_no_request(store: Path, tmp_path: Path) -> None:
    with listener() as (port, seen):
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        result = run_cli("sparql", query, "--store", str(store))
        (tmp_path / "q.rq").write_text(query.replace("SERVICE", "# a comment }\n service"), encoding="utf-8")
        from_file = run_cli("sparql", "-f", str(tmp_path / "q.rq"), "--store", str(store))
    assert seen == []
    assert_clean_error(result, "SERVICE", "--allow-service")
    assert_clean_error(from_file, "SERVICE", "--allow-service")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { service <http://127.0.0.1:1/x> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:1/x> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE<http://127.0.0.1:1/x>{ ?s ?p ?o } }",
        "SELECT * WHERE { BIND(<http://127.0.0.1:1/x> AS ?u) SERVICE ?u { ?s ?p ?o } }",
        'SELECT * WHERE { ?s ?p "}#" . SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }',
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:p\\# ?o . SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:p\\' ?o . SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } } #'",
        "ASK { OPTIONAL { SERVICE <file:///etc/passwd> { ?s ?p ?o } } }",
    ],
)
def test_service_is_found_wherever_the_parser_sees_it(example_kg: KnowledgeGraph, query: str) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        example_kg.store.run(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ("SERVICE <http://127.0.0.1:1/x> { }" AS ?t) WHERE { }',
        "SELECT ?service WHERE { BIND(<http://e/SERVICE> AS ?service) } # SERVICE <http://127.0.0.1:1/x>",
        "PREFIX service: <http://e/> SELECT ?s WHERE { ?s service:x ?o . ?s <http://e/p> ?service }",
        "SELECT ?s WHERE { ?s ?p 'SERVICE' }",
    ],
)
def test_service_in_strings_iris_comments_and_names_is_not_refused(example_kg: KnowledgeGraph, query: str) -> None:
    example_kg.store.run(query)  # raises QueryError if refused


@pytest.mark.parametrize("iri", ["http://127.0.0.1:1/x", "file:///etc/passwd"])
def test_allowed_service_that_fails_is_a_clean_error(store: Path, iri: str) -> None:
    result = run_cli(
        "sparql", "--allow-service", f"SELECT * WHERE {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}", "--store", str(store)
    )
    assert_clean_error(result, iri)


def test_allowed_service_reaches_the_service(store: Path) -> None:
    with listener() as (port, seen):
        run_cli(
            "sparql",
            "--allow-service",
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            "--store",
            str(store),
        )
    assert len(seen) == 1 and seen[0].split(b" ")[:2] in ([b"POST", b"/sparql"], [b"GET", b"/sparql"]), seen


# -- 7. Cypher LOAD CSV and procedures that reach out --------------------------------------------


@pytest.mark.parametrize(
    "cypher",
    [
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "load  csv with headers from 'http://127.0.0.1:1/x.csv' AS row RETURN row",
        "LOAD/* a comment */CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "RETURN 1 AS x // a comment\nUNION LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line AS x",
        "CALL { LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l } RETURN l",
        "CALL apoc.load.json('file:///etc/passwd')",
        "CALL apoc . import . csv([], [], {})",
        "CALL `apoc`.`export`.csv.all('/tmp/x.csv', {})",
        "RETURN apoc.cypher.runFirstColumnSingle('LOAD CSV FROM \"file:///etc/passwd\" AS l RETURN l', {})",
        "CALL apoc.periodic.iterate('RETURN 1', 'RETURN 1', {})",
        "CALL dbms.listConfig()",
        "CALL DBMS.queryJmx('*:*')",
    ],
)
def test_cypher_that_reaches_files_or_the_network_is_named(cypher: str) -> None:
    from bilateral.graph.neo4j import reach_of

    assert reach_of(cypher) is not None


@pytest.mark.parametrize(
    "cypher",
    [
        "RETURN 'LOAD CSV FROM \"file:///etc/passwd\"' AS text",
        "// LOAD CSV FROM 'file:///etc/passwd'\nRETURN 1",
        "/* CALL apoc.load.json('x') */ MATCH (n:Resource) RETURN n.uri LIMIT 1",
        "MATCH (load:Resource) WITH load AS csv RETURN csv.uri LIMIT 1",
        "CALL db.labels()",
        "CALL dbms.components()",
        "RETURN `apoc.load.json` AS x",
    ],
)
def test_harmless_cypher_is_not_named(cypher: str) -> None:
    from bilateral.graph.neo4j import reach_of

    assert reach_of(cypher) is None


def _neo4j_env() -> dict[str, str]:
    if not test_neo4j_uri():
        pytest.skip('no NEO4J_URI of a local server (eval "$(scripts/neo4j-local start)")')
    return dict(os.environ)


@pytest.mark.neo4j
def test_cypher_load_csv_is_refused_read_only() -> None:
    env = _neo4j_env()
    with listener() as (port, seen):
        web = run_cli("cypher", f"LOAD CSV FROM 'http://127.0.0.1:{port}/x.csv' AS row RETURN row", env=env)
        local = run_cli("cypher", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", env=env)
    assert seen == []
    assert_clean_error(web, "LOAD CSV", "--write")
    assert_clean_error(local, "LOAD CSV", "--write")
    assert "root" not in local.stdout


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///../../../../../../etc/passwd",
        "file:///%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_the_local_server_confines_file_urls_to_its_import_folder(url: str) -> None:
    env = _neo4j_env()
    result = run_cli("cypher", "--write", f"LOAD CSV FROM '{url}' AS line RETURN line", env=env)
    assert_clean_error(result)
    assert "root:" not in result.stdout


@pytest.mark.neo4j
def test_the_local_server_reads_csv_from_its_import_folder() -> None:
    env = _neo4j_env()
    port = (ROOT / ".neo4j" / "port").read_text().strip() if (ROOT / ".neo4j" / "port").exists() else ""
    if not env.get("NEO4J_URI", "").endswith(f":{port}"):
        pytest.skip("NEO4J_URI is not the server scripts/neo4j-local started from this checkout")
    folder = ROOT / ".neo4j" / "home" / "import"
    assert folder.is_dir()
    (folder / "reach-test.csv").write_text("a,b\nconfined,yes\n", encoding="utf-8")
    try:
        result = run_cli(
            "cypher",
            "--write",
            "--format",
            "json",
            "LOAD CSV WITH HEADERS FROM 'file:///reach-test.csv' AS row RETURN row.a AS a",
            env=env,
        )
    finally:
        (folder / "reach-test.csv").unlink()
    assert result.returncode == 0, result.stderr
    assert '"confined"' in result.stdout


# -- 8. export never writes into a store, never overwrites unasked -------------------------------


def test_export_refuses_to_overwrite_without_force(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.nq"
    target.write_text("precious\n", encoding="utf-8")
    result = run_cli("export", "--format", "nquads", "-o", str(target), "--store", str(store))
    assert_clean_error(result, str(target), "--force")
    assert target.read_text(encoding="utf-8") == "precious\n"
    forced = run_cli("export", "--format", "nquads", "-o", str(target), "--force", "--store", str(store))
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("<")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nq"]  # no temporary file left


def test_csv_export_refuses_to_replace_an_earlier_one_without_force(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    assert run_cli("export", "--format", "csv", "-o", str(folder), "--store", str(store)).returncode == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "relationships.csv").write_text("mine\n", encoding="utf-8")
    again = run_cli("export", "--format", "csv", "-o", str(folder), "--store", str(store))
    assert_clean_error(again, "--force")
    assert (folder / "relationships.csv").read_text(encoding="utf-8") == "mine\n"
    forced = run_cli("export", "--format", "csv", "-o", str(folder), "--force", "--store", str(store))
    assert forced.returncode == 0, forced.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.parametrize("inside", ["CURRENT", "new.nq", "sub/new.nq", "."])
def test_export_refuses_to_write_into_the_store(tmp_path: Path, inside: str) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.load([EXAMPLE])
        quads = len(kg.store)
    files = sorted(p.name for p in store.iterdir())
    for extra in ([], ["--force"]):
        result = run_cli("export", "--format", "nquads", "-o", str(store / inside), *extra, "--store", str(store))
        assert_clean_error(result, "store")
    assert sorted(p.name for p in store.iterdir()) == files
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert len(kg.store) == quads


def test_export_refuses_to_write_into_another_store(store: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    KnowledgeGraph.open(other).close()
    for fmt, name in (("trig", "x.trig"), ("csv", "csv")):
        result = run_cli("export", "--format", fmt, "-o", str(other / name), "--force", "--store", str(store))
        assert_clean_error(result, str(other))
    csv = run_cli("export", "--format", "csv", "-o", str(other), "--force", "--store", str(store))
    assert_clean_error(csv, str(other))
    assert not (other / "x.trig").exists() and not (other / "csv").exists()


# -- 10. names shaped like IRIs ------------------------------------------------------------------


def test_query_parameter_shaped_like_an_iri_is_a_clean_error(store: Path) -> None:
    value = "http://x> } UNION { ?s ?p ?o }#"
    result = run_cli("query", "leader-on", "-p", f"country={value}", "-p", "date=2025-02-07", "--store", str(store))
    assert_clean_error(result, "country", repr(value))


def test_string_parameter_shaped_like_an_iri_matches_nothing(store: Path) -> None:
    result = run_cli(
        "query",
        "leader-on",
        "-p",
        "country=JPN",
        "-p",
        "date=2025-02-07",
        "-p",
        "office=http://x> } UNION { ?s ?p ?o }#",
        "--format",
        "json",
        "--store",
        str(store),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [
        ["trace", "http://a> b", "JPN"],
        ["trace", "JPN", "http://a> b"],
        ["neighbors", "http://a> b"],
        ["export", "--format", "trig", "-o", "-", "--dyad", "http://a> b"],
        ["export", "--format", "trig", "-o", "-", "--source", "http://a> b"],
    ],
)
def test_entity_shaped_like_an_iri_is_a_clean_error(store: Path, args: list[str]) -> None:
    result = run_cli(*args, "--store", str(store))
    assert_clean_error(result, repr("http://a> b"))


# -- 16. Neo4j failures: one Error line, no driver log --------------------------------------------


@contextmanager
def cutting_proxy(target: tuple[str, int], limit: int) -> Iterator[int]:
    """A TCP proxy to `target` that cuts every connection once clients have sent `limit` bytes."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    sent = [0]
    stop = threading.Event()

    def pipe(src: socket.socket, dst: socket.socket, count: bool) -> None:
        try:
            while data := src.recv(65536):
                if count:
                    sent[0] += len(data)
                    if sent[0] > limit:
                        break
                dst.sendall(data)
        except OSError:
            pass
        for sock in (src, dst):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except OSError:
                continue
            upstream = socket.create_connection(target)
            threading.Thread(target=pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=pipe, args=(upstream, client, False), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        server.close()


def test_neo4j_unreachable_is_one_error_line(store: Path) -> None:
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    env = {**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "x"}
    for args in (["neo4j", "sync"], ["neo4j", "status"]):
        assert_clean_error(run_cli(*args, "--store", str(store), env=env), f"127.0.0.1:{port}")


@pytest.mark.neo4j
def test_neo4j_cut_mid_sync_is_one_error_line(store: Path, tmp_path: Path) -> None:
    env = _neo4j_env()
    from urllib.parse import urlsplit

    uri = urlsplit(env["NEO4J_URI"])
    with cutting_proxy((uri.hostname or "127.0.0.1", uri.port or 7687), limit=5000) as port:
        env["NEO4J_URI"] = f"bolt://127.0.0.1:{port}"
        result = run_cli("neo4j", "sync", "--full", "--store", str(store), env=env)
    line = assert_clean_error(result, "while syncing")
    assert "<CONNECTION>" not in result.stderr and "[#" not in result.stderr, line
