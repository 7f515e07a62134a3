"""The Neo4j projection: the store, mapped by `graph.mapping`, written into Neo4j over Bolt.

Nothing else writes to Neo4j, so Cypher answers from the same facts as SPARQL. `sync` is
idempotent and incremental by source: what each source graph was when last synced is kept in
Neo4j (one `:_SyncState` node per graph: the graph's change stamp from the embedded store,
graph/stamps.py, and/or a content hash), and only the entities a changed, new or removed graph
touches are projected again. A graph whose stamp is the one recorded is not read at all; one
without a stamp (an older store, a remote one) is hashed. A small graph's state also lists the
entities it touches, so that finding them again needs no scan of Neo4j. A sync cut short (server
killed, Ctrl-C) is completed by the next one: writes MERGE on `uri`, and a graph's state is
recorded only once everything it touches is written.

Values reach Cypher only as parameters (`UNWIND $rows AS row`). Labels and relationship types
cannot be parameters; they are written into the query text only from the ontology-derived names
of `graph.mapping`, each checked against a strict pattern there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import queue
import re
import threading
import zoneinfo
from collections import defaultdict
from collections.abc import Generator, Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, fields
from types import TracebackType
from typing import Any, LiteralString

import neo4j
import neo4j.exceptions as neo4j_exc
import neo4j.graph
import neo4j.spatial
import neo4j.time
import pyoxigraph as ox

from bilateral.core.errors import Neo4jError, QueryError
from bilateral.core.progress import Meter, Progress
from bilateral.core.settings import Neo4jSettings, neo4j_settings
from bilateral.graph.cypher import (
    ALL_LABELS,
    GENERIC_LABEL,
    Batch,
    batches,
    create_rels,
    node_batches,
    rel_batches,
    uri_constraint,
)
from bilateral.graph.cypher import checked as _q
from bilateral.graph.mapping import (
    LABELS,
    PART_SUBJECTS,
    PROPERTY_NAMES,
    REL_TYPES,
    Projection,
    project_entities,
    project_parts,
    project_store,
    source_id,
)
from bilateral.graph.store import GraphStore, Rows
from bilateral.ontology.vocab import BI

__all__ = ["GENERIC_LABEL", "Neo4jProjector", "SyncReport", "plain_value", "reach_of", "source_hashes"]

_STATE = "`_SyncState`"  # bookkeeping, not a projected node: no Resource label, never counted
_FULL_PENDING = "bilateral:full-sync-pending"  # a state key no graph IRI can equal
_SCHEMA_NAME = re.compile(r"CREATE (?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS")
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# Indexes for the catalog queries' lookups: (class, datatype property) from the ontology terms.
_INDEXED = (
    (BI.Person, BI.name),
    (BI.Country, BI.iso3),
    (BI.Country, BI.name),
    (BI.Meeting, BI.date),
    (BI.Statement, BI.date),
    (BI.Tenure, BI.startDate),
    (BI.TradeFlow, BI.year),
    (BI.IndicatorObservation, BI.indicator),
    (BI.IndicatorObservation, BI.year),
    (BI.Treaty, BI.name),
    (BI.Sector, BI.notation),
    (BI.Source, BI.name),
)

# The driver logs every retry of a managed transaction as a warning, and a dropped connection as
# an error (`[#B890] _: <CONNECTION> error: ...`), printed on stderr by logging's last resort when
# nothing is configured; our errors say enough. An application that configures logging still
# gets the records.
logging.getLogger("neo4j").setLevel(logging.ERROR)
logging.getLogger("neo4j").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class SyncReport:
    """What one sync changed in Neo4j (the `_SyncState` bookkeeping excluded)."""

    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_deleted: int = 0
    sources_changed: tuple[str, ...] = ()  # graph IRIs whose content changed or appeared
    sources_removed: tuple[str, ...] = ()  # graph IRIs no longer in the store
    sources_unchanged: int = 0
    entities: int = 0  # IRIs projected again
    full: bool = False  # everything was projected again (first sync, or asked for)

    @property
    def changed(self) -> bool:
        """Whether Neo4j was changed at all (a second sync in a row says False)."""
        return any(
            (
                self.nodes_created,
                self.nodes_updated,
                self.nodes_deleted,
                self.relationships_created,
                self.relationships_updated,
                self.relationships_deleted,
            )
        )

    def rows(self) -> Rows:
        """The report as (what, count) rows, for `bilateral neo4j sync --format ...`."""
        items: list[tuple[Any, ...]] = []
        for f in fields(self):
            value = getattr(self, f.name)
            items.append((f.name, len(value) if isinstance(value, tuple) else value))
        return Rows(["what", "count"], items)


CREATE_BATCH = 20_000  # rows per CREATE statement on a first sync (one transaction each)
SMALL_GRAPH = 50_000  # quads: a stamped graph this small is hashed on a full sync too (cheap)
ENTITY_LIST = 20_000  # a graph's entities are kept in its sync state up to this many


@dataclass(frozen=True)
class _Mark:
    """What a graph is: its content hash and its change stamp, either unknown (None)."""

    hash: str | None
    stamp: str | None

    def same(self, old: _Mark | None) -> bool:
        """Whether a graph recorded as `old` still is as it was."""
        if old is None:
            return False
        return (self.stamp is not None and self.stamp == old.stamp) or (self.hash is not None and self.hash == old.hash)


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, prefix: str, records: Iterable[Mapping[str, Any]]) -> None:
        for record in records:
            self.counts[f"{prefix}_{record['change']}"] += int(record["n"])


def source_hashes(
    store: GraphStore, progress: Progress | None = None, graphs: Iterable[str] | None = None
) -> dict[str, str]:
    """SHA-256 of each named graph's content (its sorted N-Quads lines), by graph IRI, for every
    graph or those of `graphs` (`progress` is told the quads read)."""
    out: dict[str, str] = {}
    chosen = store.graphs() if graphs is None else [ox.NamedNode(g) for g in graphs]
    if not chosen:
        return out
    meter = Meter(progress, "hashing the sources", len(store) if progress else None, "quads")
    for graph in chosen:
        lines = sorted(str(q) for q in meter.items(store.quads(graph)))
        digest = hashlib.sha256()
        for line in lines:
            digest.update(line.encode("utf-8"))
            digest.update(b"\n")
        out[graph.value] = digest.hexdigest()
    meter.finish()
    return out


def plain_value(value: Any) -> Any:
    """A driver value as plain Python: Date -> date, DateTime -> datetime, Node -> dict of its
    properties, Relationship -> its properties plus `_type`, `_start`, `_end` (node uris),
    Path -> a list of those, Duration -> ISO 8601 text."""
    if isinstance(value, neo4j.graph.Node):
        return {k: plain_value(v) for k, v in value.items()}
    if isinstance(value, neo4j.graph.Relationship):
        out = {k: plain_value(v) for k, v in value.items()}
        out["_type"] = value.type
        for key, node in (("_start", value.start_node), ("_end", value.end_node)):
            out[key] = node.get("uri", node.element_id) if node is not None else None
        return out
    if isinstance(value, neo4j.graph.Path):
        steps: list[Any] = [plain_value(value.start_node)]
        for rel in value.relationships:
            steps += [plain_value(rel), plain_value(rel.end_node)]
        return steps
    if isinstance(value, neo4j.time.DateTime | neo4j.time.Time):
        native = value.to_native()
        return native.replace(tzinfo=_plain_tz(native)) if native.tzinfo is not None else native
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, neo4j.time.Duration):
        return value.iso_format()
    if isinstance(value, neo4j.spatial.Point):
        return list(value)
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    return value


def _plain_tz(value: dt.datetime | dt.time) -> dt.tzinfo:
    """The standard library's tzinfo for the driver's (pytz) one: a zone by name, else the offset."""
    name = getattr(value.tzinfo, "zone", None)
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    offset = value.utcoffset()
    return dt.timezone(offset) if offset is not None else dt.UTC


def _one_line(text: object) -> str:
    """A driver message on one line (`Error: ...` is one line; the driver's span several)."""
    return " ".join(str(text).split())


class Neo4jProjector:
    """A connection to Neo4j that projects the store into it.

    >>> with Neo4jProjector() as neo:            # doctest: +SKIP
    ...     report = neo.sync(kg.store)
    """

    def __init__(
        self,
        settings: Neo4jSettings | None = None,
        *,
        batch_size: int = 1000,
        max_retry_time: float = 30.0,
        connection_timeout: float = 10.0,
    ) -> None:
        """Connect and check the server answers with these credentials (Neo4jError if not)."""
        self.settings = settings or neo4j_settings()
        self.batch_size = batch_size
        self._schema_done = False
        uri = self.settings.uri
        if uri.split("://", 1)[0].lower() not in _SCHEMES:
            raise Neo4jError(
                f"cannot use the Neo4j URI {uri!r} (NEO4J_URI): expected a Bolt URI, "
                "bolt://host:7687 or neo4j://host:7687 (+s or +ssc for TLS)"
            )
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(self.settings.user, self.settings.password),
                max_transaction_retry_time=max_retry_time,
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout + 5,
            )
        except (neo4j_exc.ConfigurationError, ValueError) as err:
            raise Neo4jError(f"cannot use the Neo4j URI {uri!r} (NEO4J_URI): {err}") from err
        try:
            with self._errors("connecting"):
                self._driver.verify_connectivity()
                with self._session() as session:  # the database exists and is usable
                    session.run("RETURN 1").consume()
        except BaseException:
            self._driver.close()
            raise

    # -- connection -----------------------------------------------------------------------------

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jProjector:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def _session(self, read: bool = False) -> neo4j.Session:
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.settings.database, default_access_mode=mode)

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Driver and server failures as Neo4jError naming the server and what failed."""
        uri = self.settings.uri
        try:
            yield
        except neo4j_exc.AuthError as err:
            raise Neo4jError(
                f"Neo4j at {uri} refused the credentials of user {self.settings.user!r} "
                f"({_one_line(err.message or err)}); check NEO4J_USER and NEO4J_PASSWORD"
            ) from err
        except (neo4j_exc.ServiceUnavailable, neo4j_exc.SessionExpired) as err:
            raise Neo4jError(
                f"Neo4j at {uri} is unreachable while {doing}: {_one_line(err)}; is the server running "
                "(scripts/neo4j-local start) and NEO4J_URI right?"
            ) from err
        except neo4j_exc.Neo4jError as err:
            raise Neo4jError(
                f"Neo4j at {uri} failed while {doing}: {err.code or ''} {_one_line(err.message or err)}".strip()
            ) from err
        except neo4j_exc.DriverError as err:
            raise Neo4jError(f"Neo4j at {uri}: the driver failed while {doing}: {_one_line(err)}") from err

    def _write(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        """One managed write transaction (retried by the driver on transient errors)."""

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, params)]

        with self._session() as session:
            return session.execute_write(work)

    def _read(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, params)]

        with self._session(read=True) as session:
            return session.execute_read(work)

    # -- schema ---------------------------------------------------------------------------------

    def ensure_schema(self, *, generic_only: bool = False) -> None:
        """Unique `uri` on every ontology label and on Resource, catalog lookup indexes; with
        `generic_only`, unique `uri` on Resource only (the rest is done by a later call)."""
        statements = [uri_constraint(GENERIC_LABEL)]
        statements.append(
            f"CREATE CONSTRAINT bilateral_syncstate_source IF NOT EXISTS FOR (n:{_STATE}) REQUIRE n.source IS UNIQUE"
        )
        if generic_only:
            self._ensure(statements)
            return
        statements += [uri_constraint(label) for label in ALL_LABELS]
        for cls, prop in _INDEXED:
            label, name = LABELS[cls], PROPERTY_NAMES[prop]
            statements.append(
                f"CREATE INDEX bilateral_{label.lower()}_{name.lower()} IF NOT EXISTS FOR (n:{label}) ON (n.{name})"
            )
        self._ensure(statements)
        self._schema_done = True

    def _ensure(self, statements: list[str]) -> None:
        """Run the schema statements whose constraint or index is not there yet."""
        with self._errors("creating the schema"):
            there = self._schema_names()
            missing = [st for st in statements if _schema_name(st) not in there]
            for statement in missing:
                self._write(_q(statement))
            if missing:
                with self._session() as session:
                    session.run("CALL db.awaitIndexes(300)").consume()

    def _schema_names(self) -> set[str]:
        """Names of the constraints and indexes there (none if the user may not list them: then
        every statement runs, each a no-op if its name exists)."""
        try:
            constraints = self._read(_q("SHOW CONSTRAINTS YIELD name RETURN name"))
            indexes = self._read(_q("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name"))
        except neo4j_exc.ClientError:
            return set()
        return {row["name"] for row in constraints + indexes}

    # -- sync -----------------------------------------------------------------------------------

    def _state(self) -> dict[str, _Mark]:
        rows = self._read(_q(f"MATCH (s:{_STATE}) RETURN s.source AS source, s.hash AS hash, s.stamp AS stamp"))
        return {row["source"]: _Mark(row["hash"], row["stamp"]) for row in rows}

    def _entity_lists(self, graphs: list[str]) -> dict[str, list[str] | None]:
        """The entities each graph touched when last synced, as its state lists them (None: not
        listed, too many or cut short)."""
        rows = self._read(
            _q(f"MATCH (s:{_STATE}) WHERE s.source IN $graphs RETURN s.source AS source, s.entities AS entities"),
            graphs=graphs,
        )
        return {row["source"]: row["entities"] for row in rows}

    def _touched(self, ids: list[str]) -> set[str]:
        """Uris of the nodes and relationship ends whose `sources` name one of `ids` (a scan of
        every node). A relationship's start names every source of the relationship (the start
        node's sources are those of all its facts), so relationships are looked up from there."""
        if not ids:
            return set()
        nodes = {
            r["uri"]
            for r in self._read(
                _q(f"MATCH (n:{GENERIC_LABEL}) WHERE any(s IN n.sources WHERE s IN $ids) RETURN n.uri AS uri"), ids=ids
            )
        }
        ends = self._read(
            _q(
                f"UNWIND $uris AS uri MATCH (a:{GENERIC_LABEL} {{uri: uri}})-[r]->(b:{GENERIC_LABEL}) "
                "WHERE any(s IN r.sources WHERE s IN $ids) RETURN DISTINCT b.uri AS b"
            ),
            uris=sorted(nodes),
            ids=ids,
        )
        return nodes | {r["b"] for r in ends}

    def _any_node(self) -> bool:
        return bool(self._read(_q(f"MATCH (n:{GENERIC_LABEL}) RETURN 1 AS one LIMIT 1")))

    def _all_uris(self) -> set[str]:
        return {r["uri"] for r in self._read(_q(f"MATCH (n:{GENERIC_LABEL}) RETURN n.uri AS uri"))}

    def sync(self, store: GraphStore, progress: Progress | None = None, *, full: bool = False) -> SyncReport:
        """Make Neo4j hold exactly the projection of `store`; report what changed.

        Only the entities of sources that changed, appeared or disappeared are projected again,
        unless `full` (or on the first sync, or after a full sync was cut short).
        """
        with self._errors("syncing"):
            state = self._state()
            if not self._schema_done:
                # Into an empty database, the label constraints and lookup indexes are made after
                # the data (populated in bulk: measured a quarter off a first sync at 100k rows);
                # Resource's unique uri comes first, so that uris stay unique whatever happens.
                self.ensure_schema(generic_only=not state and not self._any_node())
            full = full or not state or _FULL_PENDING in state
            marks = _marks(store, state, full, progress)
            changed = sorted(g for g, mark in marks.items() if not mark.same(state.get(g)))
            removed = sorted(g for g in state if g not in marks and g != _FULL_PENDING)
            unchanged = len(marks) - len(changed)
            if not full and not changed and not removed:
                # the same content under a new stamp (written again unchanged): the stamp, so
                # that the next sync need not hash it again
                self._set_state({g: m for g, m in marks.items() if m != state.get(g)})
                return SyncReport(sources_unchanged=unchanged)

            lists = {} if full else self._entity_lists(changed + removed)
            # Record the intent first: until the end, these graphs do not count as in sync, and
            # their entity lists are dropped (a sync cut short may have written more).
            if full:
                self._set_state({_FULL_PENDING: _Mark(None, None)})
            self._set_state(dict.fromkeys(changed, _Mark(None, None)), entities=dict.fromkeys(changed))

            if full and not self._any_node():
                # An empty database: nothing to compare with or remove; written part by part.
                tally, entities = self._create(store, marks, progress)
                affected = set()
            elif full:
                projection = project_store(store, progress)
                affected = set(projection.nodes) | self._all_uris()
                entities = _entities_by_graph(projection, marks)
                tally = self._apply(projection, affected, progress)
            else:
                scan: list[str] = []
                affected = set()
                for graph in changed + removed:
                    listed = lists.get(graph)
                    if listed is None:
                        scan.append(source_id(graph))
                    else:
                        affected.update(listed)
                affected |= self._touched(sorted(set(scan)))
                entities = {}
                for graph in changed:
                    own = _entities_of(store, graph)
                    affected |= own
                    entities[graph] = sorted(own) if len(own) <= ENTITY_LIST else None
                projection = project_entities(store, affected)
                tally = self._apply(projection, affected, progress)
            if not self._schema_done:
                self.ensure_schema()

            self._set_state(
                {g: m for g, m in marks.items() if full or g in entities or m != state.get(g)}, entities=entities
            )
            self._drop_state(removed + ([_FULL_PENDING] if full else []))
            if full:  # graphs recorded once but no longer in the store
                self._drop_state([g for g in state if g not in marks])
        c = tally.counts
        return SyncReport(
            nodes_created=c["nodes_created"],
            nodes_updated=c["nodes_updated"],
            nodes_deleted=c["nodes_deleted"],
            relationships_created=c["rels_created"],
            relationships_updated=c["rels_updated"],
            relationships_deleted=c["rels_deleted"],
            sources_changed=tuple(changed),
            sources_removed=tuple(removed),
            sources_unchanged=unchanged,
            entities=len(affected) or c["nodes_created"],
            full=full,
        )

    def _set_state(self, marks: Mapping[str, _Mark], entities: Mapping[str, list[str] | None] | None = None) -> None:
        """Record graphs' marks and, for those in `entities`, their entity lists (None: unlisted)."""
        if marks:
            lists = entities or {}
            rows = [
                {"source": g, "hash": m.hash, "stamp": m.stamp, "listed": g in lists, "entities": lists.get(g)}
                for g, m in marks.items()
            ]
            self._write(
                _q(
                    f"UNWIND $rows AS row MERGE (s:{_STATE} {{source: row.source}}) "
                    "SET s.hash = row.hash, s.stamp = row.stamp "
                    "FOREACH (_ IN CASE WHEN row.listed THEN [1] ELSE [] END | SET s.entities = row.entities)"
                ),
                rows=rows,
            )

    def _drop_state(self, graphs: list[str]) -> None:
        if graphs:
            self._write(_q(f"MATCH (s:{_STATE}) WHERE s.source IN $graphs DELETE s"), graphs=graphs)

    def _create(
        self, store: GraphStore, marks: Mapping[str, _Mark], progress: Progress | None
    ) -> tuple[_Tally, dict[str, list[str] | None]]:
        """Write the store's projection into a database holding none, part by part
        (`project_parts`: memory does not grow with the store). Nodes are MERGEd on uri: a
        relationship written before its end's part makes the end a bare node, which that part
        fills. Relationships are CREATEd (each is in one part), many per statement; returns the
        tally and the graphs' entity lists."""
        tally, lists = _Tally(), _EntityLists()
        done = {"nodes": 0, "relationships": 0}
        progress = _locked(progress)

        def write(what: str, statement: LiteralString, rows: list[Any], **params: Any) -> None:
            self._write(statement, rows=rows, **params)
            done[what] += len(rows)
            if progress:
                progress(what, done[what], None)

        with closing(_ahead(project_parts(store, PART_SUBJECTS, progress))) as parts:
            for part in parts:
                lists.add(part)
                for batch in node_batches(part, CREATE_BATCH, incremental=False):
                    write("nodes", batch.statement, batch.rows)
                for (kind, sources), pairs in sorted(_rel_groups(part).items()):
                    for rows in batches(pairs, CREATE_BATCH):
                        write("relationships", create_rels(kind), rows, sources=list(sources))
        if progress:  # the totals are known only now
            for what, n in done.items():
                progress(what, n, n)
        tally.counts["nodes_created"] = done["nodes"]
        tally.counts["rels_created"] = done["relationships"]
        return tally, lists.of(marks)

    def _apply(self, projection: Projection, affected: set[str], progress: Progress | None) -> _Tally:
        """Write `projection` (complete for `affected`); delete what of `affected` it lacks."""
        tally = _Tally()
        size = self.batch_size

        def step(what: str, done: int, total: int) -> None:
            if progress:
                progress(what, done, total)

        def write_all(what: str, kind: str, groups: list[Batch]) -> None:
            """Every batch, counting progress as `what`."""
            total, done = sum(len(batch.rows) for batch in groups), 0
            step(what, 0, total)
            for batch in groups:
                tally.add(kind, self._write(batch.statement, rows=batch.rows))
                done += len(batch.rows)
                step(what, done, total)

        # 1. Nodes, grouped by label set.
        write_all("nodes", "nodes", node_batches(projection, size, incremental=True))

        # 2. Relationships: first those of the affected nodes no longer asserted, then the rest.
        keep: dict[str, list[str]] = {uri: [] for uri in sorted(affected)}
        for start, kind, end in projection.relationships:
            keep[start].append(f"{kind} {end}")
        stale = [{"uri": uri, "keep": kinds} for uri, kinds in keep.items()]
        total, done = len(stale), 0
        step("stale relationships", 0, total)
        for batch in batches(stale, size):
            tally.add(
                "rels",
                self._write(
                    _q(
                        f"UNWIND $rows AS row MATCH (a:{GENERIC_LABEL} {{uri: row.uri}})-[r]->"
                        f"(b:{GENERIC_LABEL}) WHERE NOT (type(r) + ' ' + b.uri) IN row.keep "
                        "DELETE r RETURN 'deleted' AS change, count(*) AS n"
                    ),
                    rows=batch,
                ),
            )
            done += len(batch)
            step("stale relationships", done, total)
        write_all("relationships", "rels", rel_batches(projection, size, incremental=True))

        # 3. Nodes no longer asserted at all.
        gone = sorted(affected - set(projection.nodes))
        total, done = len(gone), 0
        step("deleted nodes", 0, total)
        for batch in batches(gone, size):
            for row in self._write(
                _q(
                    f"UNWIND $uris AS uri MATCH (n:{GENERIC_LABEL} {{uri: uri}}) "
                    "WITH n, COUNT { (n)-[]-() } AS degree DETACH DELETE n "
                    "RETURN count(n) AS nodes, sum(degree) AS rels"
                ),
                uris=batch,
            ):
                tally.counts["nodes_deleted"] += row["nodes"]
                tally.counts["rels_deleted"] += row["rels"] or 0
            done += len(batch)
            step("deleted nodes", done, total)
        return tally

    # -- status, queries, clear -----------------------------------------------------------------

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Projected nodes by label (Resource = all) and relationships by type, in Neo4j."""
        with self._errors("counting"):
            labels = self._read(_q(f"MATCH (n:{GENERIC_LABEL}) UNWIND labels(n) AS label RETURN label, count(*) AS n"))
            types = self._read(
                _q(f"MATCH (:{GENERIC_LABEL})-[r]->(:{GENERIC_LABEL}) RETURN type(r) AS type, count(*) AS n")
            )
        return ({r["label"]: r["n"] for r in labels}, {r["type"]: r["n"] for r in types})

    def status(self, store: GraphStore) -> Rows:
        """Counts on both sides by label and type, and whether they agree; and how many source
        graphs Neo4j holds at their current content (`sources in sync`)."""
        # Counted part by part: memory does not grow with the store.
        rdf_labels: dict[str, int] = defaultdict(int)
        rdf_types: dict[str, int] = defaultdict(int)
        for part in project_parts(store, PART_SUBJECTS):
            rdf_labels[GENERIC_LABEL] += len(part.nodes)
            for name, n in part.label_counts().items():
                rdf_labels[name] += n
            for name, n in part.type_counts().items():
                rdf_types[name] += n
        neo_labels, neo_types = self.counts()
        rows: list[tuple[Any, ...]] = [
            ("nodes", "all", rdf_labels[GENERIC_LABEL], neo_labels.get(GENERIC_LABEL, 0)),
            ("relationships", "all", sum(rdf_types.values()), sum(neo_types.values())),
        ]
        for name in sorted((set(rdf_labels) | set(neo_labels)) - {GENERIC_LABEL}):
            rows.append(("label", name, rdf_labels.get(name, 0), neo_labels.get(name, 0)))
        for name in sorted(set(rdf_types) | set(neo_types)):
            rows.append(("type", name, rdf_types.get(name, 0), neo_types.get(name, 0)))
        table = [(*row, row[2] == row[3]) for row in rows]
        # Equal counts can hide different content: say how many graphs are synced as they are.
        with self._errors("reading the sync state"):
            state = self._state()
        marks = _marks(store, state, False, None)
        in_sync = sum(1 for g, m in marks.items() if m.same(state.get(g)))
        agree = in_sync == len(marks) and set(state) <= set(marks)
        table.append(("sources", "in sync", len(marks), in_sync, agree))
        return Rows(["kind", "name", "rdf", "neo4j", "agree"], table)

    def run(self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False) -> Rows:
        """Run Cypher; read-only unless `write` (the server refuses writes in a read transaction).

        Returns `Rows(columns, rows)` of plain Python values (see `plain_value`).
        """
        parameters = dict(params or {})
        if not write and (reach := reach_of(cypher)):
            raise QueryError(
                f"the query uses {reach}, which reads files or calls other servers; Cypher runs "
                "read-only by default and refuses it; pass --write (write=True) to allow it"
            )

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[tuple[Any, ...]]]:
            result = tx.run(_q(cypher), parameters)
            rows = [tuple(plain_value(v) for v in record.values()) for record in result]
            return list(result.keys()), rows

        with self._errors("running the query"), self._session(read=not write) as session:
            try:
                columns, rows = session.execute_write(work) if write else session.execute_read(work)
            except neo4j_exc.ClientError as err:
                if not write and _is_read_only_refusal(err):
                    raise Neo4jError(
                        "the query writes to the graph, but Cypher runs read-only by default "
                        f"({err.message}); pass --write (write=True) to allow writes"
                    ) from err
                if (err.code or "").startswith("Neo.ClientError.Statement."):
                    raise QueryError(f"Cypher query failed: {err.message or err}") from err
                raise
        return Rows(columns, rows)

    def clear(self) -> None:
        """Delete every projected node and the sync state (the schema stays)."""
        with self._errors("clearing"):
            while self._write(_q(f"MATCH (n:{GENERIC_LABEL}) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n"))[
                0
            ]["n"]:
                pass
            self._write(_q(f"MATCH (s:{_STATE}) DELETE s"))


# -- what a read-only query may not reach ----------------------------------------------------------

# Procedures and functions that read files, call other servers, or run query text (where a
# LOAD CSV could hide), by lower-case name prefix; `dbms.` administers the server and shows its
# configuration, so only the informational ones below stay allowed.
_REACHING = (
    "apoc.load.",
    "apoc.import.",
    "apoc.export.",
    "apoc.cypher.",
    "apoc.periodic.",
    "apoc.bolt.",
    "apoc.log.",
    "apoc.systemdb.",
    "apoc.custom.",
    "apoc.trigger.",
    "apoc.util.s3",
    "apoc.es.",
    "apoc.mongo",
    "apoc.couchbase.",
    "apoc.redis.",
    "apoc.static.",
    "apoc.dv.",
    "apoc.gephi.",
    "apoc.model.",
    "apoc.spatial.geocode",
    "gds.graph.export",
    "gds.beta.graph.export",
    "dbms.",
)
_DBMS_ALLOWED = ("dbms.components", "dbms.info", "dbms.showcurrentuser", "dbms.listcapabilities")
_CYPHER_LEXEMES = re.compile(
    r"""//[^\n]*|/\*.*?(?:\*/|\Z)|'(?:\\.|[^'\\])*'?|"(?:\\.|[^"\\])*"?|`((?:``|[^`])*)`?""", re.DOTALL
)
_LOAD_CSV = re.compile(r"(?<![\w$])LOAD\s+CSV(?!\w)", re.IGNORECASE)
_QUALIFIED = re.compile(r"(?<![\w$])[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)+")


def _cypher_code(cypher: str) -> str:
    """The query with strings and comments blanked and backtick-quoted names unquoted: what the
    parser reads as clauses and names."""

    def code(m: re.Match[str]) -> str:
        return m.group(1).replace("``", "`") if m.group(0).startswith("`") else " "

    return _CYPHER_LEXEMES.sub(code, cypher)


def reach_of(cypher: str) -> str | None:
    """What in the query reads a file or the network (`LOAD CSV`, `apoc.load.json`...), or None."""
    code = _cypher_code(cypher)
    if _LOAD_CSV.search(code):
        return "LOAD CSV"
    for found in _QUALIFIED.finditer(code):
        before = code[: found.start()].rstrip()
        called = re.match(r"\s*\(", code[found.end() :]) or re.fullmatch(
            r"(?:.*[^\w$])?CALL", before[-5:], re.IGNORECASE | re.DOTALL
        )
        name = re.sub(r"\s+", "", found.group(0))
        lower = name.lower()
        if called and lower.startswith(_REACHING) and lower not in _DBMS_ALLOWED:
            return name
    return None


def _entities_of(store: GraphStore, graph: str) -> set[str]:
    """IRIs a graph says something about: its subjects and the objects of its object properties."""

    out: set[str] = set()
    for quad in store.quads(ox.NamedNode(graph)):
        if isinstance(quad.subject, ox.NamedNode):
            out.add(quad.subject.value)
        if quad.predicate.value in REL_TYPES and isinstance(quad.object, ox.NamedNode):
            out.add(quad.object.value)
    return out


def _is_read_only_refusal(err: neo4j_exc.Neo4jError) -> bool:
    code = err.code or ""
    return code.endswith(("AccessMode", "ForbiddenOnReadOnlyDatabase")) or (
        "read access mode" in (err.message or "").lower()
    )


def _schema_name(statement: str) -> str | None:
    found = _SCHEMA_NAME.match(statement)
    return found[1] if found else None


def _stamps(store: GraphStore) -> dict[str, str]:
    """The store's change stamps by graph IRI (graph/stamps.py); none for a store without them."""
    stamps = getattr(store, "stamps", None)
    return dict(stamps()) if callable(stamps) else {}


def _small(store: GraphStore, graph: str) -> bool:
    """Whether a graph holds at most SMALL_GRAPH quads (counted up to one more, no more)."""
    rows = store.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT ?s WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }} "
        f"LIMIT {SMALL_GRAPH + 1} }} }}"
    )
    return int(rows.rows[0][0] or 0) <= SMALL_GRAPH  # type: ignore[arg-type]


def _marks(store: GraphStore, state: Mapping[str, _Mark], full: bool, progress: Progress | None) -> dict[str, _Mark]:
    """What each graph of the store is now. A graph whose stamp is the one recorded is not read;
    a stamped graph that a full sync projects anyway is not hashed unless it is small (hashed,
    a new stamp on the same content is told apart later without a new projection); any other
    graph is hashed."""
    stamps = _stamps(store)
    marks: dict[str, _Mark] = {}
    to_hash: list[str] = []
    for node in store.graphs():
        graph, stamp = node.value, stamps.get(node.value)
        old = state.get(graph)
        if stamp is not None and old is not None and old.stamp == stamp:
            marks[graph] = _Mark(old.hash, stamp)
        elif stamp is not None and full and not _small(store, graph):
            marks[graph] = _Mark(None, stamp)
        else:
            to_hash.append(graph)
    for graph, digest in source_hashes(store, progress, to_hash).items():
        marks[graph] = _Mark(digest, stamps.get(graph))
    return dict(sorted(marks.items()))


def _ahead(parts: Iterator[Projection]) -> Generator[Projection, None, None]:
    """`parts`, each made in a thread while the one before is written: Python projects while the
    server writes (each waits on the other otherwise). One part waits at most, so memory stays
    that of two or three parts; an error in the thread is raised here, and the thread stops
    when the caller does."""
    ready: queue.Queue[tuple[Projection | None, BaseException | None]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def hand(item: tuple[Projection | None, BaseException | None]) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.2)
                return True
            except queue.Full:
                pass
        return False

    def make() -> None:
        try:
            for part in parts:
                if not hand((part, None)):
                    return
            hand((None, None))
        except BaseException as err:  # handed to the caller, raised there
            hand((None, err))

    thread = threading.Thread(target=make, name="bilateral-projection", daemon=True)
    thread.start()
    try:
        while True:
            part, err = ready.get()
            if err is not None:
                raise err
            if part is None:
                return
            yield part
    finally:
        stop.set()
        thread.join()


def _locked(progress: Progress | None) -> Progress | None:
    """`progress`, called under a lock (the projection reports from its thread)."""
    if progress is None:
        return None
    lock = threading.Lock()

    def call(what: str, done: int, total: int | None, unit: str = "") -> None:
        with lock:
            progress(what, done, total, unit)

    return call


def _rel_groups(part: Projection) -> dict[tuple[str, tuple[str, ...]], list[list[str]]]:
    """A part's relationships as [start, end] pairs by (type, sources): the sources, mostly the
    same for many, travel once per statement."""
    groups: dict[tuple[str, tuple[str, ...]], list[list[str]]] = defaultdict(list)
    for (start, kind, end), rel in part.relationships.items():
        groups[(kind, rel.sources)].append([start, end])
    return groups


class _EntityLists:
    """`_entities_by_graph` gathered part by part: a source's set is dropped once too long."""

    def __init__(self) -> None:
        self.by_id: dict[str, set[str] | None] = {}

    def add(self, part: Projection) -> None:
        for uri, node in part.nodes.items():
            for source in node.sources:
                self._add(source, uri)
        for (_, _, end), rel in part.relationships.items():
            for source in rel.sources:
                self._add(source, end)

    def _add(self, source: str, uri: str) -> None:
        found = self.by_id.setdefault(source, set())
        if found is not None:
            found.add(uri)
            if len(found) > ENTITY_LIST:
                self.by_id[source] = None

    def of(self, graphs: Iterable[str]) -> dict[str, list[str] | None]:
        out: dict[str, list[str] | None] = {}
        for graph in graphs:
            found = self.by_id.get(source_id(graph), set())
            out[graph] = sorted(found) if found is not None else None
        return out


def _entities_by_graph(projection: Projection, graphs: Iterable[str]) -> dict[str, list[str] | None]:
    """For each graph, the uris of the nodes and relationship ends its source id names in the
    projection (what `_touched` finds in Neo4j once it is written); None beyond ENTITY_LIST."""
    by_id: dict[str, set[str]] = defaultdict(set)
    for uri, node in projection.nodes.items():
        for source in node.sources:
            by_id[source].add(uri)
    for (_, _, end), rel in projection.relationships.items():
        for source in rel.sources:
            by_id[source].add(end)
    out: dict[str, list[str] | None] = {}
    for graph in graphs:
        found = by_id.get(source_id(graph), set())
        out[graph] = sorted(found) if len(found) <= ENTITY_LIST else None
    return out
