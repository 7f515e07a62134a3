"""`bilateral serve --store http://...`: the pages and /sparql answered by a real Apache Jena Fuseki
(scripts/fuseki-local; FUSEKI_URL and the credentials in the environment). The time limit is shown
on a real HTTP server on this machine that answers too slowly (a slow query on Fuseki would keep
its CPU busy long after the test)."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from bilateral.api import KnowledgeGraph
from bilateral.graph.remote import SparqlStore
from bilateral.web import create_app
from tests.conftest import EXAMPLE, needs_fuseki, test_fuseki_url

JSON = "application/sparql-results+json"
NAMES = (
    "SELECT ?name WHERE { ?s a <https://w3id.org/bilateral/ontology#Person> ; "
    "<https://w3id.org/bilateral/ontology#name> ?name } ORDER BY ?name"
)

pytestmark = [needs_fuseki, pytest.mark.fuseki]


@pytest.fixture(scope="module")
def fuseki_example() -> str:
    """The Fuseki dataset emptied, then holding the US-Japan example."""
    url = test_fuseki_url()
    assert url
    store = SparqlStore(url)
    store.update("DROP ALL")
    store.close()
    with KnowledgeGraph.open(url) as kg:
        kg.load([EXAMPLE])
    return url


@pytest.fixture(scope="module")
def remote(fuseki_example: str) -> Iterator[TestClient]:
    with TestClient(create_app(fuseki_example, timeout=20.0)) as client:
        yield client


def test_search_on_the_server_finds_a_person_by_surname(remote: TestClient) -> None:
    page = remote.get("/", params={"q": "Ishiba"})
    assert page.status_code == 200
    assert "Shigeru Ishiba" in page.text and "Person" in page.text
    assert "Did you mean" in remote.get("/", params={"q": "Ishbia"}).text


def test_dyad_page_on_the_server_has_the_timeline_and_the_chart(remote: TestClient) -> None:
    page = remote.get("/dyad/USA-JPN")
    assert page.status_code == 200
    assert "United States – Japan" in page.text and 'id="timeline"' in page.text
    assert "Trump-Ishiba summit" in page.text
    assert 'src="/dyad/USA-JPN/chart/balance.svg"' in page.text
    chart = remote.get("/dyad/USA-JPN/chart/balance.svg")  # the balance chart, drawn from the server's rows
    assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in chart.text


def test_entity_meeting_and_sources_pages_on_the_server(remote: TestClient) -> None:
    entity = remote.get("/entity", params={"iri": "Ishiba"})
    assert entity.status_code == 200 and "kiddle-shigeru-ishiba" in entity.text
    assert remote.get("/meeting", params={"iri": "2025-02-07"}).status_code == 200
    sources = remote.get("/sources")
    assert sources.status_code == 200 and "kiddle-shigeru-ishiba" in sources.text


def test_sparql_on_the_server_answers_json_csv_and_turtle(remote: TestClient) -> None:
    got = remote.get("/sparql", params={"query": NAMES}, headers={"Accept": JSON})
    assert got.status_code == 200 and got.headers["content-type"].startswith(JSON)
    names = [b["name"]["value"] for b in json.loads(got.content)["results"]["bindings"]]
    assert "Shigeru Ishiba" in names and "Donald Trump" in names
    posted = remote.post("/sparql", data={"query": NAMES}, headers={"Accept": "text/csv"})
    assert posted.status_code == 200 and posted.headers["content-type"].startswith("text/csv")
    assert "Shigeru Ishiba" in posted.text
    construct = (
        "CONSTRUCT { ?s <https://w3id.org/bilateral/ontology#name> ?n } WHERE { ?s a "
        "<https://w3id.org/bilateral/ontology#Country> ; <https://w3id.org/bilateral/ontology#name> ?n }"
    )
    turtle = remote.get("/sparql", params={"query": construct}, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert "<https://w3id.org/bilateral/id/country/JPN>" in turtle.text
    ask = remote.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON})
    assert ask.json()["boolean"] is True


def test_sparql_on_the_server_keeps_the_endpoints_rules(remote: TestClient) -> None:
    update = remote.post("/sparql", data={"update": "DROP ALL"})
    assert update.status_code == 403 and "read-only" in update.text
    sneaked = remote.post("/sparql", data={"query": "# x\nDELETE WHERE { ?s ?p ?o }"})
    assert sneaked.status_code == 403
    service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    refused = remote.get("/sparql", params={"query": service}, headers={"Accept": JSON})
    assert refused.status_code == 400 and "SERVICE" in refused.text
    assert remote.get("/sparql", params={"query": NAMES}, headers={"Accept": "image/png"}).status_code == 406
    bad = remote.get("/sparql", params={"query": "SELEKT nothing"}, headers={"Accept": JSON})
    assert bad.status_code == 400
    still = remote.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON})
    assert still.json()["boolean"] is True  # nothing was dropped


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def slow_server() -> Iterator[str]:
    """A real SPARQL-speaking HTTP server that answers an ASK at once and anything else after 30 s."""

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            if "ASK" not in body:
                time.sleep(30)
            answer = b'{"head": {}, "boolean": true}'
            self.send_response(200)
            self.send_header("Content-Type", JSON)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/slow"
    finally:
        server.shutdown()
        server.server_close()


def test_a_query_the_server_answers_too_late_is_a_503(slow_server: str) -> None:
    with TestClient(create_app(slow_server, timeout=1.0)) as client:
        got = client.get("/sparql", params={"query": NAMES}, headers={"Accept": JSON})
        # the server would answer 200 after 30 s: the 503 is the limit's
        assert got.status_code == 503 and "time limit of 1 s" in got.text


@pytest.fixture
def failing_server() -> Iterator[str]:
    """A real HTTP server that answers an ASK (the check at start), then fails every query (HTTP 500)."""

    class Failing(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            ok = "ASK" in body and "%7B%7D" in body  # the store's own check: ASK {}
            answer = b'{"head": {}, "boolean": true}' if ok else b"java.lang.OutOfMemoryError"
            self.send_response(200 if ok else 500)
            self.send_header("Content-Type", JSON if ok else "text/plain")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/broken"
    finally:
        server.shutdown()
        server.server_close()


def test_a_failing_server_gives_a_page_with_its_error_not_a_traceback(failing_server: str) -> None:
    with TestClient(create_app(failing_server, timeout=5.0), raise_server_exceptions=False) as client:
        page = client.get("/", params={"q": "Ishiba"})
        assert page.status_code == 502 and "OutOfMemoryError" in page.text and "Traceback" not in page.text
        assert failing_server in page.text  # names the server
        got = client.get("/sparql", params={"query": NAMES}, headers={"Accept": JSON})
        assert got.status_code == 502 and "OutOfMemoryError" in got.text


def test_bilateral_serve_on_the_server_url(fuseki_example: str) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bilateral.cli", "serve", "--store", fuseki_example, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = ""
        for _ in range(240):
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/dyad/USA-JPN", timeout=30) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        assert "United States – Japan" in page
    finally:
        server.terminate()
        server.wait(30)
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")
