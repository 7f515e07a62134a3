"""/sparql, the SPARQL 1.1 Protocol: methods, content types, Accept, 406, 403, SERVICE, the time limit."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from starlette.testclient import TestClient

NAMES = (
    "SELECT ?name WHERE { ?s a <https://w3id.org/bilateral/ontology#Person> ; "
    "<https://w3id.org/bilateral/ontology#name> ?name } ORDER BY ?name"
)
CONSTRUCT = (
    "CONSTRUCT { ?s <https://w3id.org/bilateral/ontology#name> ?n } WHERE { "
    "?s a <https://w3id.org/bilateral/ontology#Country> ; <https://w3id.org/bilateral/ontology#name> ?n }"
)
JSON = "application/sparql-results+json"


def names(body: bytes) -> list[str]:
    return [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_get_with_query_answers_sparql_json(client: TestClient) -> None:
    got = client.get("/sparql", params={"query": NAMES}, headers={"Accept": JSON})
    assert got.status_code == 200 and got.headers["content-type"].startswith(JSON)
    assert "Shigeru Ishiba" in names(got.content)


def test_post_form_and_post_sparql_query_answer_the_same(client: TestClient) -> None:
    by_form = client.post("/sparql", data={"query": NAMES}, headers={"Accept": JSON})
    direct = client.post(
        "/sparql", content=NAMES.encode(), headers={"Content-Type": "application/sparql-query", "Accept": JSON}
    )
    assert by_form.status_code == direct.status_code == 200
    assert names(by_form.content) == names(direct.content) and "Donald Trump" in names(direct.content)


def test_default_graph_is_the_union_and_graph_names_sources(client: TestClient) -> None:
    query = 'SELECT ?g WHERE { GRAPH ?g { ?s <https://w3id.org/bilateral/ontology#name> "Shigeru Ishiba" } }'
    got = client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    graphs = [b["g"]["value"] for b in got.json()["results"]["bindings"]]
    assert "https://w3id.org/bilateral/id/source/kiddle-shigeru-ishiba" in graphs


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/html;q=0.9, text/csv;q=0.5", "text/csv"),
        ("*/*", JSON),
        ("text/*", "text/csv"),
    ],
)
def test_results_format_follows_accept(client: TestClient, accept: str, media: str) -> None:
    got = client.get("/sparql", params={"query": NAMES}, headers={"Accept": accept})
    assert got.status_code == 200
    assert got.headers["content-type"].startswith(media)
    if media == "text/csv":
        assert "Shigeru Ishiba" in [r["name"] for r in csv.DictReader(io.StringIO(got.text))]
    if media.endswith("xml"):
        assert ET.fromstring(got.content).tag.endswith("sparql")


def test_no_fitting_format_is_406(client: TestClient) -> None:
    got = client.get("/sparql", params={"query": NAMES}, headers={"Accept": "image/png"})
    assert got.status_code == 406
    assert "Accept" in got.text and "text/csv" in got.text
    turtle_only = client.get("/sparql", params={"query": NAMES}, headers={"Accept": "text/turtle"})
    assert turtle_only.status_code == 406


@pytest.mark.parametrize(
    ("accept", "needle"),
    [
        ("text/turtle", "<https://w3id.org/bilateral/id/country/JPN>"),
        (
            "application/n-triples",
            '<https://w3id.org/bilateral/id/country/JPN> <https://w3id.org/bilateral/ontology#name> "Japan" .',
        ),
        ("application/ld+json", '"@id"'),
    ],
)
def test_construct_as_turtle_ntriples_jsonld(client: TestClient, accept: str, needle: str) -> None:
    got = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert got.status_code == 200 and got.headers["content-type"].startswith(accept)
    assert needle in got.text
    if accept == "application/ld+json":
        assert json.loads(got.text)


def test_ask_answers_a_boolean(client: TestClient) -> None:
    got = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON})
    assert got.json()["boolean"] is True


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "GET", "params": {"update": "DROP ALL"}},
        {"method": "POST", "data": {"update": "DROP ALL"}},
        {"method": "POST", "content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
        {"method": "GET", "params": {"query": "PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }"}},
        {"method": "POST", "data": {"query": "# a comment\nDELETE WHERE { ?s ?p ?o }"}},
    ],
)
def test_updates_are_refused_with_403(client: TestClient, request_kwargs: dict) -> None:
    got = client.request(url="/sparql", **request_kwargs)
    assert got.status_code == 403
    assert "read-only" in got.text
    count = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON})
    assert count.json()["boolean"] is True  # nothing was dropped


def test_service_is_refused(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    got = client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    assert got.status_code == 400
    assert "SERVICE" in got.text


def test_syntax_error_and_missing_query_are_400(client: TestClient) -> None:
    bad = client.get("/sparql", params={"query": "SELEKT nothing"}, headers={"Accept": JSON})
    assert bad.status_code == 400 and "syntax error" in bad.text
    assert client.get("/sparql", headers={"Accept": JSON}).status_code == 400
    assert client.get("/sparql", headers={"Accept": "text/html"}, follow_redirects=False).status_code == 307


def test_a_query_past_the_time_limit_is_stopped_with_503(client: TestClient) -> None:
    # a cross product of the whole store with itself, three times: far beyond the 2 s limit
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    got = client.get("/sparql", params={"query": slow}, headers={"Accept": JSON})
    assert got.status_code == 503
    assert "time limit of 2 s" in got.text
    after = client.get("/sparql", params={"query": NAMES}, headers={"Accept": JSON})
    assert after.status_code == 200 and "Shigeru Ishiba" in names(after.content)  # a new worker answers
