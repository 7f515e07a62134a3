"""The cypher and csv exports, loaded into a real Neo4j, give what `bilateral neo4j sync` gives.

Run with a server::

    eval "$(scripts/neo4j-local start)"
    pytest -m neo4j tests/integration/test_export_neo4j.py

Skipped when NEO4J_URI is unset. Each test clears the projection before and after. The
neo4j-admin test runs the import command the csv README gives, offline, into a throwaway
Neo4j home (the jars of scripts/neo4j-local, in .neo4j/lib), then starts that home on a free
port with a copy of scripts/neo4j-local, and stops it at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.settings import Neo4jSettings
from bilateral.graph.export import export
from bilateral.graph.export.cypher_script import cypher_literal
from bilateral.graph.mapping import check_label, check_rel_type, project_store
from bilateral.graph.neo4j import GENERIC_LABEL, Neo4jProjector, plain_value
from tests.cypher_shell import run_cypher_script
from tests.integration.conftest import neo4j_settings_or_skip
from tests.test_export import expected_property_graph, read_admin_csv

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-japan-2025"
EXTRA = ROOT / "tests" / "data" / "rdf" / "extra-source.trig"

Content = tuple[dict[str, tuple[tuple[str, ...], dict[str, Any]]], dict[tuple[str, str, str], dict[str, Any]]]


@pytest.fixture()
def driver(settings: Neo4jSettings) -> Iterator[neo4j.Driver]:
    with neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as drv:
        yield drv


@pytest.fixture()
def kg(tmp_path: Path) -> Iterator[KnowledgeGraph]:
    """The example plus a source with awkward text (quotes, backslash, tab, newline, emoji)."""
    with KnowledgeGraph.open(tmp_path / "store") as graph:
        graph.load([EXAMPLE, EXTRA])
        yield graph


def content(neo: Neo4jProjector) -> Content:
    """Every projected node (labels, properties) and relationship (properties) in Neo4j."""
    nodes = {}
    for uri, labels, props in neo.run(f"MATCH (n:{GENERIC_LABEL}) RETURN n.uri, labels(n), properties(n)").rows:
        nodes[str(uri)] = (tuple(sorted(labels)), dict(props))  # type: ignore[call-overload, arg-type]
    rels: dict[tuple[str, str, str], dict[str, Any]] = {}
    for a, kind, b, props in neo.run(
        f"MATCH (a:{GENERIC_LABEL})-[r]->(b:{GENERIC_LABEL}) RETURN a.uri, type(r), b.uri, properties(r)"
    ).rows:
        key = (str(a), str(kind), str(b))
        assert key not in rels, f"duplicate relationship {key}"
        rels[key] = dict(props)  # type: ignore[call-overload]
    return nodes, rels


def synced(neo: Neo4jProjector, kg: KnowledgeGraph) -> tuple[Content, tuple[dict[str, int], dict[str, int]]]:
    """What `bilateral neo4j sync` writes, and its counts; Neo4j is cleared again after."""
    neo.clear()
    neo.sync(kg.store)
    got = content(neo), neo.counts()
    neo.clear()
    return got


def test_cypher_script_gives_what_sync_gives(
    neo: Neo4jProjector, driver: neo4j.Driver, settings: Neo4jSettings, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    expected, counts = synced(neo, kg)
    export(kg.store, "cypher", tmp_path / "g.cypher")
    ran = run_cypher_script(driver, (tmp_path / "g.cypher").read_text(encoding="utf-8"), database=settings.database)
    assert ran > 2
    assert content(neo) == expected
    assert neo.counts() == counts
    projection = project_store(kg.store)
    print(
        f"cypher script: {counts[0][GENERIC_LABEL]} nodes, {sum(counts[1].values())} relationships; "
        f"projection: {len(projection.nodes)} nodes, {len(projection.relationships)} relationships"
    )
    assert counts[0][GENERIC_LABEL] == len(projection.nodes)
    assert sum(counts[1].values()) == len(projection.relationships)
    # running it again changes nothing (MERGE on uri)
    run_cypher_script(driver, (tmp_path / "g.cypher").read_text(encoding="utf-8"), database=settings.database)
    assert content(neo) == expected


def test_cypher_literals_evaluate_to_their_values(driver: neo4j.Driver, settings: Neo4jSettings) -> None:
    tz = dt.timezone(dt.timedelta(hours=9))
    values: list[Any] = [
        "quote \" apostrophe ' backslash \\ tab \t newline \n cr \r nul-ish \x01 ls \u2028 emoji 😀 日本",
        "",
        0,
        -7,
        2**62,
        6.85e10,
        1.5e-7,
        -0.25,
        1e300,
        True,
        False,
        dt.date(1960, 1, 19),
        dt.datetime(2025, 2, 7, 12, 30, tzinfo=tz),
        dt.datetime(2025, 2, 7, 12, 30),
        ["a;b", "c"],
        [dt.date(2025, 1, 1), dt.date(2025, 1, 2)],
        {"plain": 1, "odd key": "v", "x`y": [1.5, 2.5], "match": None},
    ]
    with driver.session(database=settings.database) as session:
        for value in values:
            got = session.run("RETURN " + cypher_literal(value) + " AS v").single(strict=True)["v"]  # type: ignore[arg-type]
            got = plain_value(got)
            if isinstance(value, dt.datetime) and value.tzinfo is not None:
                assert got == value and got.utcoffset() == value.utcoffset()
            else:
                assert got == value and type(got) is type(value), (value, got)


def load_csv_with_the_driver(folder: Path, driver: neo4j.Driver, database: str | None) -> None:
    """The csv files as neo4j-admin reads them (header types, arrays), written with UNWIND."""
    nodes, rels, _ = read_admin_csv(folder)
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for uri, (labels, props) in nodes.items():
        by_labels.setdefault(labels, []).append({"uri": uri, "props": props})
    by_type: dict[str, list[dict[str, Any]]] = {}
    for (start, kind, end), props in rels.items():
        by_type.setdefault(kind, []).append({"start": start, "end": end, "props": props})
    with driver.session(database=database) as session:
        for labels, rows in by_labels.items():
            names = ":".join(check_label(label) for label in labels)
            session.run(f"UNWIND $rows AS row CREATE (n:{names}) SET n = row.props", rows=rows).consume()  # type: ignore[arg-type]
        for kind, rows in by_type.items():
            session.run(
                f"UNWIND $rows AS row MATCH (a:{GENERIC_LABEL} {{uri: row.start}}) "  # type: ignore[arg-type]
                f"MATCH (b:{GENERIC_LABEL} {{uri: row.end}}) CREATE (a)-[r:{check_rel_type(kind)}]->(b) "
                "SET r = row.props",
                rows=rows,
            ).consume()


def test_csv_files_give_what_sync_gives(
    neo: Neo4jProjector, driver: neo4j.Driver, settings: Neo4jSettings, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    expected, counts = synced(neo, kg)
    export(kg.store, "csv", tmp_path / "csv")
    assert read_admin_csv(tmp_path / "csv")[:2] == expected_property_graph(project_store(kg.store))
    load_csv_with_the_driver(tmp_path / "csv", driver, settings.database)
    assert content(neo) == expected
    assert neo.counts() == counts


# -- the real neo4j-admin import ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def throwaway_root(tmp_path: Path) -> Iterator[Path]:
    """A copy of the repo's scripts/neo4j-local with its own .neo4j state (the jars linked)."""
    neo4j_settings_or_skip()  # like every neo4j test: only when a server is meant to be available
    lib = ROOT / ".neo4j" / "lib"
    if not (lib.is_dir() and (ROOT / ".neo4j" / "lib.stamp").is_file() and shutil.which("java")):
        pytest.skip("no Neo4j jars in .neo4j/lib (run scripts/neo4j-local start once) or no java")
    root = tmp_path / "n4j"
    (root / "scripts" / "neo4j").mkdir(parents=True)
    (root / ".neo4j").mkdir()
    shutil.copy2(ROOT / "scripts" / "neo4j-local", root / "scripts" / "neo4j-local")
    shutil.copy2(ROOT / "scripts" / "neo4j" / "pom.xml", root / "scripts" / "neo4j" / "pom.xml")
    shutil.copy2(ROOT / ".neo4j" / "lib.stamp", root / ".neo4j" / "lib.stamp")
    (root / ".neo4j" / "lib").symlink_to(lib)
    if (ROOT / ".venv").exists():
        (root / ".venv").symlink_to(ROOT / ".venv")
    yield root
    subprocess.run([str(root / "scripts" / "neo4j-local"), "stop"], capture_output=True, timeout=120)


def _start(root: Path) -> int:
    """Start the throwaway root's Neo4j with its own scripts/neo4j-local on a free port."""
    port = _free_port()
    started = subprocess.run(
        [str(root / "scripts" / "neo4j-local"), "start"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NEO4J_LOCAL_PORT": str(port)},
    )
    assert started.returncode == 0, started.stderr[-3000:]
    return port


def test_neo4j_admin_import_gives_what_sync_gives(kg: KnowledgeGraph, tmp_path: Path, throwaway_root: Path) -> None:
    export(kg.store, "csv", tmp_path / "csv")
    readme = (tmp_path / "csv" / "README.txt").read_text(encoding="utf-8")
    command = shlex.split(next(line for line in readme.splitlines() if line.startswith("neo4j-admin ")))
    home = throwaway_root / ".neo4j" / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    imported = subprocess.run(
        [
            "java",
            "-Xmx512m",
            "-cp",
            str(throwaway_root / ".neo4j" / "lib" / "*"),
            "org.neo4j.cli.AdminTool",
            *command[1:],
        ],
        cwd=tmp_path / "csv",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert imported.returncode == 0, imported.stdout[-3000:] + imported.stderr[-3000:]
    port = _start(throwaway_root)
    password = (throwaway_root / ".neo4j" / "password").read_text().strip()
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", user="neo4j", password=password, database=None)
    with Neo4jProjector(settings, max_retry_time=5) as neo:
        imported_content, imported_counts = content(neo), neo.counts()
        expected, counts = synced(neo, kg)
    projection = project_store(kg.store)
    print(
        f"neo4j-admin import: {imported_counts[0][GENERIC_LABEL]} nodes, "
        f"{sum(imported_counts[1].values())} relationships; sync: {counts[0][GENERIC_LABEL]} nodes, "
        f"{sum(counts[1].values())} relationships; projection: {len(projection.nodes)} / "
        f"{len(projection.relationships)}"
    )
    assert imported_counts == counts
    assert imported_content == expected


def test_a_password_that_starts_with_a_dash_is_set(throwaway_root: Path) -> None:
    """neo4j-admin read such a password as an option: one fresh password in 64 failed to start."""
    password = throwaway_root / ".neo4j" / "password"
    password.write_text("-starts-with-a-dash\n", encoding="utf-8")
    password.chmod(0o600)
    port = _start(throwaway_root)
    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", "-starts-with-a-dash")) as driver:
        assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1
