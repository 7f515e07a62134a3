"""Shared fixtures: real on-disk stores in temporary folders (no mocks of the store)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bilateral.api import KnowledgeGraph
from bilateral.examples import example_path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
EXAMPLE = example_path()


@pytest.fixture
def kg(tmp_path: Path) -> Iterator[KnowledgeGraph]:
    """An empty store on disk."""
    with KnowledgeGraph.open(tmp_path / "store") as graph:
        yield graph


@pytest.fixture
def example_kg(tmp_path: Path) -> Iterator[KnowledgeGraph]:
    """A store holding the US-Japan 2025 example."""
    with KnowledgeGraph.open(tmp_path / "store") as graph:
        graph.load([EXAMPLE])
        yield graph


def _local_server(variable: str, anywhere: str) -> str | None:
    """The URL in the environment's `variable` when it names a server on this machine; a server
    elsewhere only when `anywhere`=1 says it is a scratch one (the tests empty or feed it)."""
    url = os.environ.get(variable)
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    if host in ("localhost", "127.0.0.1", "::1") or os.environ.get(anywhere) == "1":
        return url
    return None


def test_neo4j_uri() -> str | None:
    """NEO4J_URI when the tests may use that server. They empty its database, so a server that is
    not on this machine is only used when BILATERAL_TEST_ANY_NEO4J=1 says it is a scratch one."""
    return _local_server("NEO4J_URI", "BILATERAL_TEST_ANY_NEO4J")


test_neo4j_uri.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real `bilateral` command in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "bilateral.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        input=stdin,
        timeout=300,
    )


def empty_store(path: Path) -> str:
    """A new, empty store (read commands never create one)."""
    from bilateral.api import KnowledgeGraph

    KnowledgeGraph.open(path).close()
    return str(path)


def test_fuseki_url() -> str | None:
    """FUSEKI_URL (scripts/fuseki-local start exports it) when the tests may use that server: they
    empty its dataset, so one not on this machine needs BILATERAL_TEST_ANY_FUSEKI=1."""
    return _local_server("FUSEKI_URL", "BILATERAL_TEST_ANY_FUSEKI")


test_fuseki_url.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test

needs_fuseki = pytest.mark.skipif(
    not test_fuseki_url(),
    reason='no FUSEKI_URL of a local server (eval "$(scripts/fuseki-local start)"; the tests empty it)',
)


def test_corenlp_url() -> str | None:
    """CORENLP_URL (scripts/corenlp-local start exports it) when it names a server on this machine:
    the tests send it their texts, so a remote one only with BILATERAL_TEST_ANY_CORENLP=1."""
    return _local_server("CORENLP_URL", "BILATERAL_TEST_ANY_CORENLP")


test_corenlp_url.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test

needs_corenlp = pytest.mark.skipif(
    not test_corenlp_url(),
    reason='no CORENLP_URL of a local server (eval "$(scripts/corenlp-local start)")',
)


@pytest.fixture
def fuseki() -> str:
    """The URL of the real Fuseki server (scripts/fuseki-local), its dataset emptied."""
    from bilateral.graph.remote import SparqlStore

    url = test_fuseki_url()
    assert url
    store = SparqlStore(url)
    store.update("DROP ALL")
    store.close()
    return url
