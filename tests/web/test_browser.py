"""The app in a real browser: Playwright driving Debian's Chromium against `bilateral serve`.

Each test saves a screenshot under tests/web/screenshots/ for a reviewer to look at.
"""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("BILATERAL_CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(__file__).parent / "screenshots"

playwright_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_store: Path) -> Iterator[str]:
    """`bilateral serve` as a user starts it, on a free port."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bilateral.cli", "serve", "--store", str(web_store), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):  # a hang guard: the server starts in a few seconds
            try:
                urllib.request.urlopen(url + "/catalog", timeout=5)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"bilateral serve stopped: {process.stderr.read() if process.stderr else ''}")
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(30)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (scripts/test does it)")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()


def shot(page: object, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    assert path.stat().st_size > 10_000
    return path


def test_search_for_ishiba_and_open_his_page(server: str, page: object) -> None:
    page.goto(server + "/")
    page.fill("input[type=search]", "Ishiba")  # htmx asks as one types
    link = page.locator("#hits a", has_text="Shigeru Ishiba")
    link.wait_for(timeout=15_000)
    assert "Person" in page.locator("#hits").inner_text()
    shot(page, "search-ishiba")
    link.click()
    page.wait_for_url(re.compile(r"/entity\?iri="))
    assert page.locator("h1").inner_text().startswith("Shigeru Ishiba")
    assert page.locator("table.facts").first.is_visible()


def test_dyad_page_shows_the_chart_and_the_timeline(server: str, page: object) -> None:
    page.goto(server + "/dyad/USA-JPN")
    chart = page.locator("#balance-chart img")  # drawn apart, at its own URL
    chart.wait_for(timeout=30_000)
    page.wait_for_function("document.querySelector('#balance-chart img').complete", timeout=30_000)
    assert page.evaluate("document.querySelector('#balance-chart img').naturalWidth") > 300  # loaded, drawn
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200
    assert page.locator("#sectors figure.chart img").count() >= 1
    assert page.evaluate("[...document.querySelectorAll('figure.chart img')].every(i => i.naturalWidth > 0)")
    items = page.locator("ol.timeline li")
    assert items.count() >= 10
    assert "summit" in page.locator("#timeline").inner_text()
    shot(page, "dyad-usa-jpn")


def test_run_a_catalog_query_and_download_its_csv(server: str, page: object) -> None:
    page.goto(server + "/catalog")
    page.click("a[href='/catalog/trade-balance']")
    page.fill("input[name=a]", "USA")
    page.fill("input[name=b]", "JPN")
    page.fill("input[name=years]", "2024")
    page.click("form.params button")
    page.locator("table.rows").wait_for()
    assert "wsb-ustr-post" in page.locator("table.rows").inner_text()
    shot(page, "catalog-trade-balance")
    with page.expect_download() as download_info:
        page.click("text=CSV")
    rows = list(csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8"))))
    assert any(r["source"] == "wsb-ustr-post" and r["balance_computed"] == "-68500000000" for r in rows)


def test_run_a_sparql_query_in_the_editor(server: str, page: object) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(server + "/editor")
    page.locator(".yasqe .CodeMirror").wait_for(timeout=30_000)
    query = (
        "SELECT ?name WHERE { ?s a <https://w3id.org/bilateral/ontology#Person> ; "
        "<https://w3id.org/bilateral/ontology#name> ?name } ORDER BY ?name"
    )
    page.evaluate("q => { window.bilateralYasgui.getTab().setQuery(q); }", query)
    page.click(".yasqe_queryButton")
    page.locator(".yasr", has_text="Shigeru Ishiba").wait_for(timeout=30_000)
    assert "Donald Trump" in page.locator(".yasr").inner_text()
    shot(page, "sparql-editor")
    elsewhere = [url for url in asked if not url.startswith((server, "data:", "blob:"))]
    assert elsewhere == []  # the editor works offline: nothing from a CDN or a prefix service


def test_expand_a_node_in_the_graph(server: str, page: object) -> None:
    page.goto(server + "/graph?iri=JPN")
    page.wait_for_function("document.getElementById('cy').dataset.nodes !== undefined", timeout=30_000)
    before = int(page.locator("#cy").get_attribute("data-nodes") or 0)
    assert before > 1
    assert page.evaluate("window.bilateralGraph.cy.nodes('.more').length") == 1  # "and N more"
    # click, with the mouse, a neighbour that has neighbours of its own: the dyad
    x, y = page.evaluate(
        """() => { const cy = window.bilateralGraph.cy;
                   const n = cy.nodes().filter(n => n.id().includes('/dyad/'))[0];
                   const p = n.renderedPosition(); const r = cy.container().getBoundingClientRect();
                   return [r.left + p.x, r.top + p.y]; }"""
    )
    page.mouse.click(x, y)
    page.wait_for_function(f"Number(document.getElementById('cy').dataset.nodes) > {before}", timeout=30_000)
    assert page.evaluate("window.bilateralGraph.cy.nodes('.expanded').length") == 2
    shot(page, "graph-expanded")
