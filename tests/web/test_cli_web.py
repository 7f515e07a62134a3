"""`bilateral serve` and `bilateral report` as a user runs them."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from starlette.testclient import TestClient

from bilateral.api import KnowledgeGraph
from bilateral.web import create_app
from tests.conftest import run_cli


def test_report_writes_the_dyad_page_as_one_standalone_file(web_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    done = run_cli("report", "USA", "JPN", "-o", str(out), "--store", str(web_store))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<style>" in html and "<script" not in html  # styles inline, nothing to fetch or run
    assert not re.search(r"<link[^>]+href=", html)
    assert "United States – Japan" in html and 'id="timeline"' in html
    assert "<svg" in html  # the balance chart, inline


class _Links(HTMLParser):
    """Every href and src of a page, and the ids its fragment links may point at."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_report_without_a_base_url_has_no_link_that_breaks_in_a_mailed_file(web_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    done = run_cli("report", "USA", "JPN", "-o", str(out), "--store", str(web_store))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    found = _links(html)
    for link in found.links:  # only links inside the file: fragments of ids it has
        assert link.startswith("#") and link[1:] in found.ids, link
    assert "#timeline" in found.links  # the contents point at the sections
    assert "Shigeru Ishiba" in html and "kiddle-shigeru-ishiba" in html  # names and sources stay, as text


def test_report_with_a_base_url_links_every_item_to_the_server(web_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    base = "http://analysts.example:8000"
    done = run_cli("report", "USA", "JPN", "-o", str(out), "--base-url", base + "/", "--store", str(web_store))
    assert done.returncode == 0, done.stderr
    found = _links(out.read_text(encoding="utf-8"))
    outside = [link for link in found.links if not link.startswith("#")]
    assert outside and all(link.startswith(base + "/") for link in outside), outside
    assert base + "/entity?iri=https%3A//w3id.org/bilateral/id/person/shigeru_ishiba" in outside


def test_report_with_a_base_url_that_is_not_http_is_one_error_line(web_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    done = run_cli("report", "USA", "JPN", "-o", str(out), "--base-url", "host:8000", "--store", str(web_store))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("Error: ") and "host:8000" in done.stderr
    assert not out.exists()


def test_report_with_an_unknown_country_is_one_error_line(web_store: Path, tmp_path: Path) -> None:
    done = run_cli("report", "USA", "Atlantis", "-o", str(tmp_path / "x.html"), "--store", str(web_store))
    assert done.returncode == 1
    assert done.stderr.startswith("Error: ") and "Traceback" not in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_serve_without_a_store_is_one_error_line(tmp_path: Path) -> None:
    done = run_cli("serve", "--store", str(tmp_path / "none"), "--port", "1")
    assert done.returncode == 1
    assert "Error: there is no store" in done.stderr and "Traceback" not in done.stderr


def test_a_load_while_serving_works_and_the_app_shows_the_new_facts(web_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(web_store, store)
    new = tmp_path / "new.ttl"
    new.write_text(
        "@prefix bi: <https://w3id.org/bilateral/ontology#> .\n"
        '<https://w3id.org/bilateral/id/person/zora_newname> a bi:Person ; bi:name "Zora Newname" .\n'
        "<https://w3id.org/bilateral/id/tenure/zora_newname> a bi:Tenure ; "
        "bi:holder <https://w3id.org/bilateral/id/person/zora_newname> ; "
        "bi:country <https://w3id.org/bilateral/id/country/JPN> ; bi:office 'Minister of Tests' .\n",
        encoding="utf-8",
    )
    with TestClient(create_app(store, timeout=10)) as client:
        assert "Nothing is named" in client.get("/", params={"q": "Newname"}).text
        assert "Minister of Tests" not in client.get("/dyad/USA-JPN").text  # the page is kept (cached) ...
        loaded = run_cli(
            "load", str(new), "--graph", "https://w3id.org/bilateral/id/source/new-test", "--store", str(store)
        )
        assert loaded.returncode == 0, loaded.stderr
        assert "Zora Newname" in client.get("/", params={"q": "Newname"}).text
        assert "Minister of Tests" in client.get("/dyad/USA-JPN").text  # ... until the store changes
        query = "ASK { ?s <https://w3id.org/bilateral/ontology#name> 'Zora Newname' }"
        assert client.get("/sparql", params={"query": query}).json()["boolean"] is True


def test_the_cli_reads_the_store_while_the_server_holds_it(web_store: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "bilateral.cli", "serve", "--store", str(web_store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/catalog", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        done = run_cli("query", "leader-on", "-p", "country=JPN", "-p", "date=2025-02-07", "--store", str(web_store))
        assert done.returncode == 0, done.stderr
        assert "Shigeru Ishiba" in done.stdout
        with KnowledgeGraph.open(web_store, read_only=True) as kg:
            assert kg.resolve("Ishiba").endswith("shigeru_ishiba")
    finally:
        server.terminate()
        server.wait(30)
