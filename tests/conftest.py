"""Shared fixtures: real on-disk stores in temporary folders (no mocks of the store)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real `bilateral` command in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "bilateral.cli", *args], capture_output=True, text=True,
        cwd=cwd, env=env, input=stdin, timeout=300,
    )
