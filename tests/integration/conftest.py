"""Fixtures for the tests that talk to a real Neo4j server over Bolt (NEO4J_URI; CI starts one
with scripts/neo4j-local). Without NEO4J_URI they are skipped."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.settings import Neo4jSettings
from bilateral.graph.neo4j import Neo4jProjector
from tests.conftest import test_neo4j_uri

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-japan-2025"


@pytest.fixture()
def example(tmp_path: Path) -> Path:
    """A copy of the example that a test may edit."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "example"))


@pytest.fixture()
def kg(tmp_path: Path, example: Path) -> Iterator[KnowledgeGraph]:
    """A store with the example (the copy) loaded."""
    with KnowledgeGraph.open(tmp_path / "store") as graph:
        graph.load([example])
        yield graph


def neo4j_settings_or_skip() -> Neo4jSettings:
    uri = test_neo4j_uri()
    if not uri:
        pytest.skip(
            'no NEO4J_URI of a local server (start one with: eval "$(scripts/neo4j-local start)"); '
            "the tests empty its database"
        )
    return Neo4jSettings(
        uri=uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )


@pytest.fixture()
def settings() -> Neo4jSettings:
    return neo4j_settings_or_skip()


@pytest.fixture()
def neo(settings: Neo4jSettings) -> Iterator[Neo4jProjector]:
    """A projector on an empty database, emptied again afterwards."""
    with Neo4jProjector(settings, max_retry_time=5) as projector:
        projector.clear()
        yield projector
        projector.clear()
