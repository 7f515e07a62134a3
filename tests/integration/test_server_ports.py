"""The server scripts refuse a port another process holds, before starting anything.

Without the check, Fuseki or Neo4j failed to bind and the script printed the JVM's stack trace;
with a server of another kind answering on the port, the readiness check could ask the wrong one.
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("script", "prefix", "pid_file"),
    [
        ("fuseki-local", "FUSEKI_LOCAL", "fuseki.pid"),
        ("neo4j-local", "NEO4J_LOCAL", "neo4j.pid"),
        ("corenlp-local", "CORENLP_LOCAL", "corenlp.pid"),
    ],
)
def test_start_refuses_a_port_another_process_holds(tmp_path: Path, script: str, prefix: str, pid_file: str) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        env = {**os.environ, f"{prefix}_HOME": str(tmp_path / "home"), f"{prefix}_PORT": str(port)}
        started = subprocess.run(
            [str(ROOT / "scripts" / script), "start"], capture_output=True, text=True, env=env, timeout=120
        )
    assert started.returncode == 1
    assert started.stdout == ""  # no export lines for the caller to eval
    assert f"error: port {port} is taken by another process (set {prefix}_PORT)" in started.stderr
    assert "Exception" not in started.stderr
    assert not (tmp_path / "home" / pid_file).exists()
