"""The Neo4j projection against a real server (no mocks).

Run with a server::

    eval "$(scripts/neo4j-local start)"
    pytest -m neo4j tests/integration/test_neo4j_projection.py

Skipped when NEO4J_URI is unset. Every test starts from an empty projection and clears it
after. The crash test kills the server with `scripts/neo4j-local kill` (or the script named by
NEO4J_LOCAL_SCRIPT) and starts it again; it runs only when that script manages the server at
NEO4J_URI.
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import Neo4jError
from bilateral.core.settings import Neo4jSettings
from bilateral.graph import iri
from bilateral.graph.mapping import Projection, project_store
from bilateral.graph.neo4j import GENERIC_LABEL, Neo4jProjector, SyncReport
from bilateral.graph.store import OxigraphStore
from tests.integration.conftest import EXAMPLE, ROOT
from tests.test_mapping import MEETING, sparql_counts

pytestmark = pytest.mark.neo4j

JAPANTIMES = iri.source_iri("japantimes-2025-04-08")
PARTICIPANTS = ["Donald Trump", "JD Vance", "Shigeru Ishiba", "Takeshi Iwaya"]


# -- helpers -------------------------------------------------------------------------------------


def neo4j_content(neo: Neo4jProjector) -> Projection:
    """Everything projected in Neo4j, read back into the mapping's own shape."""
    from bilateral.graph.mapping import Node, Rel

    out = Projection()
    nodes = neo.run(
        f"MATCH (n:{GENERIC_LABEL}) RETURN n.uri AS uri, labels(n) AS labels, properties(n) AS props ORDER BY uri"
    )
    for uri, labels, props in nodes.rows:
        props = dict(props)  # type: ignore[arg-type]
        assert props.pop("uri") == uri
        sources = tuple(props.pop("sources"))
        out.nodes[uri] = Node(
            tuple(sorted(set(labels) - {GENERIC_LABEL})),  # type: ignore[arg-type]
            dict(sorted(props.items())),
            sources,
        )
    rels = neo.run(
        f"MATCH (a:{GENERIC_LABEL})-[r]->(b:{GENERIC_LABEL}) RETURN a.uri, type(r), "
        "b.uri, properties(r) ORDER BY a.uri, type(r), b.uri"
    )
    for start, kind, end, props in rels.rows:
        key = (str(start), str(kind), str(end))
        assert key not in out.relationships, f"duplicate relationship {key}"
        assert set(props) == {"sources"}  # type: ignore[arg-type]
        out.relationships[key] = Rel(tuple(props["sources"]))  # type: ignore[index]
    return out


def assert_in_sync(neo: Neo4jProjector, store: OxigraphStore) -> Projection:
    """Neo4j holds exactly the store's projection, and the counts equal SPARQL's."""
    projection = project_store(store)
    content = neo4j_content(neo)
    assert set(content.nodes) == set(projection.nodes)
    for uri, node in projection.nodes.items():
        assert content.nodes[uri] == node, uri
    assert content.relationships == projection.relationships
    nodes, rels, by_class = sparql_counts(store)
    neo_labels, neo_types = neo.counts()
    assert neo_labels[GENERIC_LABEL] == len(projection.nodes) == nodes
    assert sum(neo_types.values()) == len(projection.relationships) == rels
    assert {k: v for k, v in neo_labels.items() if k != GENERIC_LABEL} == by_class
    assert all(row[-1] for row in neo.status(store).rows), neo.status(store).rows
    return projection


def zero(report: SyncReport) -> bool:
    return not report.changed and report.entities == 0


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def indicator_values(neo: Neo4jProjector, source: str) -> list[Any]:
    rows = neo.run(
        "MATCH (o:IndicatorObservation) WHERE $source IN o.sources RETURN o.value ORDER BY o.value", {"source": source}
    )
    return [row[0] for row in rows.rows]


# -- tests ---------------------------------------------------------------------------------------


def test_sync_projects_the_store(neo: Neo4jProjector, kg: KnowledgeGraph) -> None:
    report = neo.sync(kg.store)
    projection = assert_in_sync(neo, kg.store)
    assert report.full
    assert report.nodes_created == len(projection.nodes)
    assert report.relationships_created == len(projection.relationships)
    assert report.nodes_updated == report.nodes_deleted == report.relationships_deleted == 0
    rows = neo.run("MATCH (m:Meeting)<-[:PARTICIPATED_IN]-(p) RETURN p.name AS name ORDER BY name")
    assert rows.columns == ["name"]
    assert [r[0] for r in rows.rows] == PARTICIPANTS
    treaty = neo.run("MATCH (t:Treaty:Alliance) RETURN t.inForceDate, t.inForceDate_sources")
    dates, sources = treaty.rows[0]
    assert [d.isoformat() for d in dates] == ["1960-05-19", "1960-06-19", "1960-06-23"]  # type: ignore[union-attr]
    assert sources == ["ipfs-wiki-security-treaty", "dbpedia-snapshot-2021-06", "usembassy-jp-alliance-60th"]
    meeting = neo.run("MATCH (m:Meeting {uri: $uri}) RETURN m.date, m.startTime", {"uri": MEETING})
    day, start = meeting.rows[0]
    assert day.isoformat() == "2025-02-07"  # type: ignore[union-attr]
    assert start.isoformat() == "2025-02-07T11:55:00-05:00"  # type: ignore[union-attr]


def test_second_sync_changes_nothing(neo: Neo4jProjector, kg: KnowledgeGraph) -> None:
    assert neo.sync(kg.store).changed
    again = neo.sync(kg.store)
    assert zero(again), again
    assert again.sources_unchanged == len(kg.store.graphs())
    full = neo.sync(kg.store, full=True)  # everything projected again, nothing different
    assert not full.changed, full
    # Loading the same files again changes no hash, so nothing either.
    kg.load([EXAMPLE], replace=True)
    assert zero(neo.sync(kg.store))
    assert_in_sync(neo, kg.store)


def test_changed_source_is_reflected(neo: Neo4jProjector, kg: KnowledgeGraph, example: Path) -> None:
    neo.sync(kg.store)
    assert indicator_values(neo, "japantimes-2025-04-08") == [-68_500_000_000.0]
    edit(example / "indicators.csv", "2024,-68500000000,USD", "2024,-68400000000,USD")
    kg.load([example], replace=True)
    report = neo.sync(kg.store)
    assert report.sources_changed == (JAPANTIMES,) and not report.full
    assert report.nodes_updated == 1 and report.nodes_created == report.nodes_deleted == 0
    assert report.relationships_created == report.relationships_deleted == 0
    assert indicator_values(neo, "japantimes-2025-04-08") == [-68_400_000_000.0]
    stale = neo.run("MATCH (n) WHERE n.value = -68500000000.0 RETURN count(n)")
    assert stale.rows == [(0,)]
    assert_in_sync(neo, kg.store)
    assert zero(neo.sync(kg.store))


def test_relationship_no_longer_asserted_is_deleted(neo: Neo4jProjector, kg: KnowledgeGraph, example: Path) -> None:
    neo.sync(kg.store)
    edit(example / "participants.csv", "2025-02-07-washington,vance,japangov-kizuna-2025-03\n", "")
    kg.load([example], replace=True)
    report = neo.sync(kg.store)
    assert report.relationships_deleted == 1 and report.nodes_deleted == 0
    rows = neo.run("MATCH (m:Meeting)<-[:PARTICIPATED_IN]-(p) RETURN p.name ORDER BY p.name")
    assert [r[0] for r in rows.rows] == ["Donald Trump", "Shigeru Ishiba", "Takeshi Iwaya"]
    assert neo.run("MATCH (p:Person {name: 'JD Vance'}) RETURN count(p)").rows == [(1,)]
    assert_in_sync(neo, kg.store)


def test_removed_source_is_removed(neo: Neo4jProjector, kg: KnowledgeGraph) -> None:
    neo.sync(kg.store)
    before = project_store(kg.store)
    kg.store.remove_graph(ox.NamedNode(JAPANTIMES))
    after = project_store(kg.store)
    report = neo.sync(kg.store)
    assert report.sources_removed == (JAPANTIMES,) and report.sources_changed == ()
    gone = set(before.nodes) - set(after.nodes)
    assert JAPANTIMES in gone and len(gone) >= 2  # the source, the indicator only it asserts...
    assert report.nodes_deleted == len(gone)
    assert report.relationships_deleted == len(set(before.relationships) - set(after.relationships))
    left = neo.run("MATCH (n) WHERE 'japantimes-2025-04-08' IN n.sources RETURN count(n)")
    assert left.rows == [(0,)]
    rels = neo.run("MATCH ()-[r]->() WHERE 'japantimes-2025-04-08' IN r.sources RETURN count(r)")
    assert rels.rows == [(0,)]
    assert neo.run("MATCH (s:Source {uri: $uri}) RETURN s", {"uri": JAPANTIMES}).rows == []
    assert_in_sync(neo, kg.store)
    assert zero(neo.sync(kg.store))


class Interrupt(Exception):
    pass


def _interrupt_after_first_batch() -> Any:
    def progress(what: str, done: int, total: int | None, unit: str = "") -> None:
        if done > 0 and not unit:  # a batch written (reading the store first counts quads)
            raise Interrupt(f"{what} {done}/{total}")

    return progress


def test_interrupted_first_sync_completes_next_time(settings: Neo4jSettings, kg: KnowledgeGraph) -> None:
    with Neo4jProjector(settings, batch_size=10) as neo:
        neo.clear()
        try:
            with pytest.raises(Interrupt):
                neo.sync(kg.store, progress=_interrupt_after_first_batch())
            assert 0 < neo.counts()[0].get(GENERIC_LABEL, 0) < len(project_store(kg.store).nodes)
            report = neo.sync(kg.store)
            assert report.full
            assert_in_sync(neo, kg.store)
            assert zero(neo.sync(kg.store))
        finally:
            neo.clear()


def test_interrupted_incremental_sync_completes(settings: Neo4jSettings, kg: KnowledgeGraph, example: Path) -> None:
    with Neo4jProjector(settings, batch_size=1) as neo:
        neo.clear()
        try:
            neo.sync(kg.store)
            edit(example / "indicators.csv", "2024,-68500000000,USD", "2024,-1,USD")
            edit(example / "participants.csv", "2025-02-07-washington,iwaya,japangov-kizuna-2025-03\n", "")
            kg.load([example], replace=True)
            kg.store.remove_graph(ox.NamedNode(iri.source_iri("usfijitimes-zero-balance")))
            with pytest.raises(Interrupt):
                neo.sync(kg.store, progress=_interrupt_after_first_batch())
            # Undo one edit before the next sync: the half-written source must still be redone.
            edit(example / "indicators.csv", "2024,-1,USD", "2024,-68500000000,USD")
            kg.load([example], replace=True)
            neo.sync(kg.store)
            assert_in_sync(neo, kg.store)
            assert indicator_values(neo, "japantimes-2025-04-08") == [-68_500_000_000.0]
            assert zero(neo.sync(kg.store))
        finally:
            neo.clear()


def _local_script() -> Path:
    return Path(os.environ.get("NEO4J_LOCAL_SCRIPT", ROOT / "scripts" / "neo4j-local"))


def _managed_uri(script: Path) -> str | None:
    if not script.exists():
        return None
    done = subprocess.run([str(script), "env"], capture_output=True, text=True, timeout=60)
    for line in done.stdout.splitlines():
        if line.startswith("export NEO4J_URI="):
            return line.split("=", 1)[1].strip()
    return None


def test_server_killed_mid_sync(settings: Neo4jSettings, kg: KnowledgeGraph, example: Path) -> None:
    script = _local_script()
    if _managed_uri(script) != settings.uri:
        pytest.skip(f"{script} does not manage the server at {settings.uri}")
    port = settings.uri.rsplit(":", 1)[1]
    with Neo4jProjector(settings, max_retry_time=3) as neo:
        neo.clear()
        neo.sync(kg.store)
    edit(example / "indicators.csv", "2024,-68500000000,USD", "2024,-68400000000,USD")
    edit(example / "participants.csv", "2025-02-07-washington,vance,japangov-kizuna-2025-03\n", "")
    kg.load([example], replace=True)
    kg.store.remove_graph(ox.NamedNode(iri.source_iri("seed-article")))
    killed: list[str] = []

    def kill_server(what: str, done: int, total: int | None, unit: str = "") -> None:
        if done > 0 and not unit and not killed:  # a batch written (reading the store counts quads)
            subprocess.run([str(script), "kill"], check=True, capture_output=True, timeout=60)
            killed.append(f"{what} {done}/{total}")

    try:
        with (
            Neo4jProjector(settings, batch_size=1, max_retry_time=3) as neo,
            pytest.raises(Neo4jError, match=settings.uri),
        ):
            neo.sync(kg.store, progress=kill_server)
        assert killed
    finally:
        subprocess.run(
            [str(script), "start"],
            check=True,
            capture_output=True,
            timeout=300,
            env={**os.environ, "NEO4J_LOCAL_PORT": port},
        )
    with Neo4jProjector(settings) as neo:
        try:
            report = neo.sync(kg.store)
            assert report.changed
            assert_in_sync(neo, kg.store)
            assert zero(neo.sync(kg.store))
        finally:
            neo.clear()


def test_status_disagrees_until_synced(neo: Neo4jProjector, kg: KnowledgeGraph) -> None:
    rows = {(r[0], r[1]): r for r in neo.status(kg.store).rows}
    assert rows[("nodes", "all")][2:] == (len(project_store(kg.store).nodes), 0, False)
    assert rows[("sources", "in sync")][-1] is False
    neo.sync(kg.store)
    assert all(r[-1] for r in neo.status(kg.store).rows)


def test_run_is_read_only_unless_write(neo: Neo4jProjector) -> None:
    with pytest.raises(Neo4jError, match="--write"):
        neo.run("CREATE (n:Resource {uri: 'urn:test:x'}) RETURN n")
    assert neo.run("MATCH (n {uri: 'urn:test:x'}) RETURN count(n)").rows == [(0,)]
    out = neo.run(
        "CREATE (n:Resource {uri: $uri, day: date('2025-02-07')}) RETURN n, n.day", {"uri": "urn:test:x"}, write=True
    )
    node, day = out.rows[0]
    assert node == {"uri": "urn:test:x", "day": day}
    assert day.isoformat() == "2025-02-07"  # type: ignore[union-attr]


def test_wrong_password_names_the_uri(settings: Neo4jSettings) -> None:
    wrong = Neo4jSettings(settings.uri, settings.user, settings.password + "-wrong", settings.database)
    with pytest.raises(Neo4jError, match="credentials") as err:
        Neo4jProjector(wrong)
    assert settings.uri in str(err.value)


def test_unreachable_server_names_the_uri(settings: Neo4jSettings) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    with pytest.raises(Neo4jError, match="unreachable") as err:
        Neo4jProjector(Neo4jSettings(uri, settings.user, settings.password, None), connection_timeout=3)
    assert uri in str(err.value)
