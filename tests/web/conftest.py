"""A real on-disk store with the US-Japan example (and one hostile name), served by the app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bilateral.api import KnowledgeGraph
from bilateral.examples import example_path
from bilateral.graph.snapshot import create_snapshot
from bilateral.web import create_app

HOSTILE_NAME = '<script>alert("x")</script> & <b>Bold</b>'
HOSTILE = (
    "@prefix bi: <https://w3id.org/bilateral/ontology#> .\n"
    '<https://w3id.org/bilateral/id/person/hostile_name> a bi:Person ; bi:name """' + HOSTILE_NAME + '""" .\n'
)


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "store"
    hostile = path.parent / "hostile.ttl"
    hostile.write_text(HOSTILE, encoding="utf-8")
    with KnowledgeGraph.open(path) as kg:
        kg.load([example_path()])
        create_snapshot(kg.store, label="example", now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        kg.load([hostile], graph="https://w3id.org/bilateral/id/source/hostile-test")
        create_snapshot(kg.store, label="hostile", now=dt.datetime(2025, 1, 2, tzinfo=dt.UTC))
    return path


@pytest.fixture(scope="session")
def client(web_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_store, timeout=2.0)) as test_client:
        yield test_client
