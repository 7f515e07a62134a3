"""Smoke test of the local Neo4j server started by ``scripts/neo4j-local``.

Run with a server::

    eval "$(scripts/neo4j-local start)"
    pytest -m neo4j tests/integration/test_neo4j_local.py

Skipped when NEO4J_URI is unset.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.conftest import test_neo4j_uri

pytestmark = pytest.mark.neo4j

neo4j = pytest.importorskip("neo4j")


def _settings() -> tuple[str, str, str]:
    uri = test_neo4j_uri()
    if not uri:
        pytest.skip('NEO4J_URI is not set (start a server with: eval "$(scripts/neo4j-local start)")')
    return uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")


@pytest.fixture()
def driver() -> Iterator[neo4j.Driver]:
    uri, user, password = _settings()
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as drv:
        yield drv


def test_return_one(driver: neo4j.Driver) -> None:
    records, _, _ = driver.execute_query("RETURN 1 AS x")
    assert len(records) == 1
    assert records[0]["x"] == 1


def test_wrong_password_is_rejected() -> None:
    uri, user, password = _settings()
    wrong = password + "-wrong" if password else "definitely-not-the-password"
    with (
        neo4j.GraphDatabase.driver(uri, auth=(user, wrong)) as drv,
        pytest.raises(neo4j.exceptions.AuthError),
    ):
        drv.verify_connectivity()
