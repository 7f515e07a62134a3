"""Every page of the web app, over a real store holding the US-Japan example."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from starlette.testclient import TestClient

from tests.conftest import run_cli
from tests.web.conftest import HOSTILE_NAME

ISHIBA = "https://w3id.org/bilateral/id/person/shigeru_ishiba"


def test_search_finds_a_person_by_surname_with_their_class(client: TestClient) -> None:
    page = client.get("/", params={"q": "Ishiba"})
    assert page.status_code == 200
    assert "Shigeru Ishiba" in page.text and "Person" in page.text
    assert "/entity?iri=https%3A//w3id.org/bilateral/id/person/shigeru_ishiba" in page.text


def test_search_finds_a_country_by_code_and_name(client: TestClient) -> None:
    for text in ("JPN", "japan"):
        page = client.get("/", params={"q": text})
        assert "Japan" in page.text and "Country" in page.text, text


def test_search_offers_close_matches_for_a_typo(client: TestClient) -> None:
    page = client.get("/", params={"q": "Ishbia"})
    assert "Did you mean" in page.text
    assert "Shigeru Ishiba" in page.text


def test_search_finds_what_only_the_resolver_knows(client: TestClient) -> None:
    # no name holds a meeting's date or an IRI: the resolver finds them, as the CLI does
    page = client.get("/", params={"q": "2025-02-07"})
    assert "Meeting" in page.text and "Trump-Ishiba summit" in page.text
    page = client.get("/", params={"q": ISHIBA})
    assert "Shigeru Ishiba" in page.text and "Person" in page.text


def test_search_says_when_nothing_matches(client: TestClient) -> None:
    page = client.get("/", params={"q": "zzqqxx"})
    assert "Nothing is named" in page.text


def test_search_as_htmx_returns_only_the_hits(client: TestClient) -> None:
    page = client.get("/", params={"q": "Ishiba"}, headers={"HX-Request": "true"})
    assert page.text.lstrip().startswith('<div id="hits">')
    assert "<nav" not in page.text


def test_entity_page_lists_facts_with_their_sources(client: TestClient) -> None:
    page = client.get("/entity", params={"iri": ISHIBA})
    assert page.status_code == 200
    assert "Shigeru Ishiba" in page.text
    assert "participatedIn" in page.text and "Trump-Ishiba summit" in page.text
    assert "kiddle-shigeru-ishiba" in page.text  # the source of his name
    assert "holder" in page.text  # what points at him: his tenure


def test_entity_page_puts_conflicting_values_side_by_side(client: TestClient) -> None:
    # the security treaty's in-force date differs between sources
    page = client.get("/entity", params={"iri": "the 1960 treaty"})
    if page.status_code == 404:  # not a name the resolver knows: find the treaty by search
        hits = client.get("/", params={"q": "Treaty of Mutual Cooperation"}).text
        iri = re.search(r'/entity\?iri=([^"]+treaty[^"]*)"', hits)
        assert iri, hits
        page = client.get("/entity?iri=" + iri.group(1))
    assert page.status_code == 200
    assert 'class="conflict"' in page.text
    assert "1960-06-19" in page.text and "1960-06-23" in page.text


def test_unknown_entity_is_a_404_with_the_reason(client: TestClient) -> None:
    page = client.get("/entity", params={"iri": "Nobody Atall"})
    assert page.status_code == 404
    assert "no entity is named" in page.text


def test_values_are_shown_as_stored_never_as_markup(client: TestClient) -> None:
    page = client.get("/entity", params={"iri": "https://w3id.org/bilateral/id/person/hostile_name"})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt;" in page.text
    hits = client.get("/", params={"q": "alert"}).text
    assert "<script>alert" not in hits and "&lt;script&gt;" in hits
    assert HOSTILE_NAME not in hits


def test_dyad_page_shows_leaders_timeline_balance_sectors_mirror_treaties(client: TestClient) -> None:
    page = client.get("/dyad/USA-JPN")
    assert page.status_code == 200
    text = page.text
    for section in ("leaders", "timeline", "balance", "sectors", "mirror", "treaties", "meetings"):
        assert f'id="{section}"' in text, section
    assert "Donald Trump" in text and "Shigeru Ishiba" in text  # leaders of both sides
    assert "2025-02-07" in text and "summit" in text  # the timeline
    assert "-68,500,000,000" in text and "wsb-ustr-post" in text  # the balance, by source
    assert "Automobiles" in text  # top sectors
    assert "Treaty of Mutual Cooperation and Security" in text
    assert "/meeting?iri=" in text  # meetings link to their page


def test_dyad_page_with_an_unknown_country_is_a_404(client: TestClient) -> None:
    page = client.get("/dyad/USA-XXQ")
    assert page.status_code == 404
    assert "is not a country" in page.text


def test_dyad_page_embeds_its_charts_by_url_not_inline(client: TestClient) -> None:
    # the page does not wait for matplotlib: each chart is an <img> the browser asks for apart
    page = client.get("/dyad/USA-JPN").text
    assert "<svg" not in page
    srcs = re.findall(r'<img[^>]+src="([^"]+)"', page)
    assert "/dyad/USA-JPN/chart/balance.svg" in srcs
    assert "/dyad/USA-JPN/chart/sectors-JPN-USA.svg?year=2024" in srcs  # what Japan sells the US
    assert not any("sectors-USA-JPN" in src for src in srcs)  # the example has none the other way: no broken image
    for src in srcs:
        assert client.get(src).status_code == 200, src  # no broken image: only charts with something to draw


def test_dyad_chart_urls_answer_the_chart_as_svg(client: TestClient) -> None:
    balance = client.get("/dyad/USA-JPN/chart/balance.svg")
    assert balance.status_code == 200
    assert balance.headers["content-type"].startswith("image/svg+xml")
    assert balance.text.startswith("<?xml") and "<svg" in balance.text
    assert "Goods trade balance by source" in balance.text and "wsb-ustr-post" in balance.text  # title, sources
    sectors = client.get("/dyad/USA-JPN/chart/sectors-JPN-USA.svg", params={"year": "2024"})
    assert sectors.headers["content-type"].startswith("image/svg+xml")
    assert "Top sectors by source" in sectors.text and "Automobiles" in sectors.text
    # kept until the store changes, like the page: a browser asking again with the ETag gets a 304
    again = client.get("/dyad/USA-JPN/chart/balance.svg", headers={"If-None-Match": balance.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_dyad_chart_url_of_an_unknown_chart_or_dyad_is_a_404(client: TestClient) -> None:
    for url in (
        "/dyad/USA-JPN/chart/pie.svg",
        "/dyad/USA-JPN/chart/sectors-USA-CHN.svg",
        "/dyad/USA-JPN/chart/sectors-USA-JPN.svg",  # a chart of the page, with nothing to draw
        "/dyad/USA-XXQ/chart/balance.svg",
        "/dyad/XXQ-JPN/chart/sectors-XXQ-JPN.svg",
    ):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert "image/svg+xml" not in answer.headers["content-type"], url
    assert "is not a country" in client.get("/dyad/USA-XXQ/chart/balance.svg").text


def test_meeting_page_shows_participants_and_context(client: TestClient) -> None:
    page = client.get("/meeting", params={"iri": "2025-02-07"})
    assert page.status_code == 200
    for expected in ("Takeshi Iwaya", "Foreign Minister", "commitment", "statement", "Indo-Pacific"):
        assert expected in page.text, expected


def test_catalog_lists_every_query(client: TestClient) -> None:
    from bilateral import queries

    page = client.get("/catalog")
    for name in queries.catalog():
        assert f'href="/catalog/{name}"' in page.text


def test_catalog_query_without_parameters_shows_its_form_and_text(client: TestClient) -> None:
    page = client.get("/catalog/trade-balance")
    assert page.status_code == 200
    assert 'name="a"' in page.text and 'name="years"' in page.text
    assert "SELECT" in page.text and "MATCH" in page.text  # SPARQL and Cypher
    assert "<table" not in page.text


def test_catalog_query_runs_and_shows_command_and_downloads(client: TestClient) -> None:
    page = client.get("/catalog/trade-balance", params={"a": "USA", "b": "JPN", "years": "2024"})
    assert page.status_code == 200
    assert "bilateral query trade-balance -p a=USA -p b=JPN -p years=2024" in page.text
    assert "/catalog/trade-balance.csv?a=USA&amp;b=JPN&amp;years=2024" in page.text
    assert "wsb-ustr-post" in page.text


def test_catalog_csv_and_json_downloads(client: TestClient) -> None:
    params = {"a": "USA", "b": "JPN", "years": "2024"}
    got = client.get("/catalog/trade-balance.csv", params=params)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert {"year", "source", "balance_reported"} <= set(rows[0])
    assert any(r["source"] == "wsb-ustr-post" and r["balance_computed"] == "-68500000000" for r in rows)
    as_json = json.loads(client.get("/catalog/trade-balance.json", params=params).text)
    assert len(as_json) == len(rows)
    assert client.get("/catalog/trade-balance.xlsx", params=params).status_code == 404


def test_catalog_bad_parameters_are_shown_not_a_crash(client: TestClient) -> None:
    page = client.get("/catalog/leader-on", params={"country": "Atlantis", "date": "2025-02-07"})
    assert page.status_code == 200
    assert "is not a country" in page.text
    assert client.get("/catalog/leader-on.csv", params={"country": "Atlantis", "date": "x"}).status_code == 400
    assert client.get("/catalog/no-such-query").status_code == 404


def test_editor_page_uses_the_vendored_yasgui(client: TestClient) -> None:
    page = client.get("/editor")
    assert '<script src="/static/vendor/yasgui.min.js">' in page.text
    assert client.get("/static/vendor/yasgui.min.js").status_code == 200
    assert client.get("/static/vendor/yasgui.LICENSE").status_code == 200


def test_no_page_loads_anything_from_another_host(client: TestClient) -> None:
    for url in ("/", "/editor", "/graph?iri=JPN", "/dyad/USA-JPN"):
        text = client.get(url).text
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', text), url


def test_graph_page_and_expand_cap_with_and_n_more(client: TestClient) -> None:
    assert "cytoscape.min.js" in client.get("/graph", params={"iri": "JPN"}).text
    got = client.get("/graph/expand", params={"iri": "JPN"}).json()
    nodes = [e for e in got["elements"] if "source" not in e["data"]]
    edges = [e for e in got["elements"] if "source" in e["data"]]
    assert len(nodes) <= 26 and len(edges) == len(nodes) - 1
    assert got["total"] > 25 and got["more"] == got["total"] - len(edges)
    assert client.get("/graph/expand", params={"iri": "Atlantis"}).status_code == 404


def test_sources_page_lists_every_source_graph(client: TestClient) -> None:
    page = client.get("/sources")
    assert "https://w3id.org/bilateral/id/source/wsb-ustr-post" in page.text
    assert "hostile-test" in page.text


def test_sources_page_counts_facts_only_when_asked(client: TestClient) -> None:
    # a count of every quad by graph reads the whole store (seconds at 1M flows): not on every visit
    page = client.get("/sources")
    assert "?count=1" in page.text and "<th>quads</th>" not in page.text
    counted = client.get("/sources", params={"count": "1"})
    assert "<th>quads</th>" in counted.text
    cells = re.findall(r"<td>([0-9][0-9,]*)</td>", counted.text)
    assert cells and all(int(c.replace(",", "")) > 0 for c in cells)


def test_snapshots_page_lists_them_and_diffs_two(client: TestClient) -> None:
    page = client.get("/snapshots")
    assert "20250101T000000Z-example" in page.text and "20250102T000000Z-hostile" in page.text
    diff = client.get("/snapshots", params={"a": "20250101T000000Z-example", "b": "20250102T000000Z-hostile"})
    assert "What changed" in diff.text and "hostile-test" in diff.text
    bad = client.get("/snapshots", params={"a": "nope", "b": "latest"})
    assert 'class="error"' in bad.text


def _cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_numbers_are_shown_as_the_cli_table_shows_them(client: TestClient, web_store: Path) -> None:
    params = {"a": "USA", "b": "JPN"}
    shown = _cells(client.get("/catalog/trade-balance", params=params).text)
    table = run_cli("query", "trade-balance", "-p", "a=USA", "-p", "b=JPN", "--store", str(web_store)).stdout
    for figure in ("145,000,000,000", "-68,500,000,000", "21,300,000,000,000"):
        assert figure in table and figure in shown, figure  # the CLI's rule: thousands separated
    assert "145000000000" not in shown and "2024" in shown  # a year is an integer, shown as it is
    dyad = _cells(client.get("/dyad/USA-JPN").text)
    assert "145,000,000,000" in dyad and "145000000000" not in dyad
    download = client.get("/catalog/trade-balance.csv", params=params).text
    assert "145000000000" in download and "145,000,000,000" not in download  # a file for programs stays plain
