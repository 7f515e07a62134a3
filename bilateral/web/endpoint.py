"""The read-only SPARQL 1.1 Protocol endpoint and the workers its queries run in.

pyoxigraph cannot cancel a query, so on the embedded store every query runs in a worker process
that is killed (and started again) when the time limit passes. The worker opens the store
read-only, as the server does. On a store that is a SPARQL server (`--store http://...`), the
query is that server's to run: it is asked from a thread, and the answer is given up on (503)
when the time limit passes; the server's own time limit stops the query there.
"""

from __future__ import annotations

import multiprocessing as mp
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from bilateral.core.errors import QueryError
from bilateral.graph.remote import SparqlStore
from bilateral.graph.store import refuse_service

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "Answer", "QueryTimeout", "RemoteWorker", "Worker", "is_update"]

# media type -> the format a result is written in
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


def is_update(sparql: str) -> bool:
    """Whether the text is a SPARQL Update (the endpoint is read-only)."""
    without_comments = re.sub(r"(?m)#[^\n]*$", "", sparql)
    return bool(_UPDATE.match(without_comments))


class QueryTimeout(Exception):
    """The query ran past the time limit; its worker was stopped."""


def _too_long(timeout: float, ended: str = "was stopped") -> QueryTimeout:
    return QueryTimeout(
        f"the query ran longer than the time limit of {timeout:g} s and {ended}; "
        "narrow it (a LIMIT, fewer OPTIONALs) or ask with a longer --timeout"
    )


@dataclass(frozen=True)
class Answer:
    kind: str  # "results" (SELECT, ASK) or "graph" (CONSTRUCT, DESCRIBE)
    body: bytes
    media_type: str


def _store_stamp(path: Path) -> float:
    """Changes when a writer has added files to the store (a read-only open sees a fixed state)."""
    return path.stat().st_mtime


def _serve(conn: Connection, path: str) -> None:
    """The worker's loop: one request (query, media types) at a time, answered on `conn`."""
    store_path = Path(path)
    stamp = _store_stamp(store_path)
    store = ox.Store.read_only(path)
    conn.send("ready")  # the time limit counts from here: starting a process is not the query's time
    while True:
        try:
            sparql, result_type, graph_type = conn.recv()
        except EOFError:
            return
        try:
            if _store_stamp(store_path) != stamp:
                stamp = _store_stamp(store_path)
                store = ox.Store.read_only(path)
            result = store.query(sparql, use_default_graph_as_union=True)
            if isinstance(result, ox.QueryTriples):
                body = result.serialize(format=GRAPH_TYPES[graph_type])
                conn.send(("graph", body, graph_type))
            else:
                body = result.serialize(format=RESULT_TYPES[result_type])
                conn.send(("results", body, result_type))
        except SyntaxError as err:
            conn.send(("error", f"SPARQL syntax error: {err}", ""))
        except (OSError, ValueError, RuntimeError) as err:
            conn.send(("error", f"the query failed: {err}", ""))


_STARTUP = 60.0  # seconds a new worker may take to import pyoxigraph and open the store


class Worker:
    """One worker process; queries wait their turn. Killed and started again after a timeout."""

    def __init__(self, store_path: Path, timeout: float) -> None:
        self.store_path = store_path
        self.timeout = timeout
        self._lock = threading.Lock()
        self._ctx = mp.get_context("spawn")  # no copy of the server's threads or open store
        self._process: mp.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def _start(self) -> Connection:
        if self._process is None or not self._process.is_alive() or self._conn is None:
            ours, theirs = self._ctx.Pipe()
            self._process = self._ctx.Process(target=_serve, args=(theirs, str(self.store_path)), daemon=True)
            self._process.start()
            theirs.close()
            try:
                ready = ours.poll(_STARTUP) and ours.recv() == "ready"
            except EOFError:  # it died opening the store
                ready = False
            if not ready:
                self.stop()
                raise QueryError(f"the query worker could not open the store {str(self.store_path)!r}")
            self._conn = ours
        return self._conn

    def start(self) -> None:
        """Start the worker now (at server start), so the first query does not wait for it."""
        with self._lock:
            self._start()

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        self._process, self._conn = None, None

    def run(self, sparql: str, result_type: str, graph_type: str) -> Answer:
        """The query's answer, serialized; QueryError for a bad or refused query, QueryTimeout."""
        refuse_service(sparql)
        with self._lock:
            conn = self._start()
            conn.send((sparql, result_type, graph_type))
            if not conn.poll(self.timeout):
                self.stop()
                raise _too_long(self.timeout)
            try:
                kind, body, media_type = conn.recv()
            except EOFError:
                self.stop()
                raise QueryError("the query worker stopped unexpectedly (out of memory?)") from None
        if kind == "error":
            raise QueryError(body)
        return Answer(kind, body, media_type)


def _serialized(
    result: ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple], result_type: str, graph_type: str
) -> Answer:
    """An answer in the media type asked, written by pyoxigraph (as on the embedded store)."""
    if isinstance(result, list):
        return Answer("graph", ox.serialize(result, format=GRAPH_TYPES[graph_type]) or b"", graph_type)
    return Answer("results", result.serialize(format=RESULT_TYPES[result_type]) or b"", result_type)


class RemoteWorker:
    """Queries asked of a SPARQL server (the store is a URL), several at a time, each in a thread."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self._store: SparqlStore | None = None
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sparql")

    def start(self) -> None:
        """Reach the server now (credentials checked), so a wrong URL shows at start."""
        # The socket waits a little longer than the time limit: the limit, not the socket, says 503.
        self._store = SparqlStore(self.url, read_only=True, timeout=self.timeout + 5)

    def stop(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def run(self, sparql: str, result_type: str, graph_type: str) -> Answer:
        """The server's answer, serialized; QueryError for a bad or refused query, QueryTimeout;
        StoreError when the server cannot be reached or fails."""
        refuse_service(sparql)
        if self._store is None:
            self.start()
        assert self._store is not None
        store = self._store
        # Serialized in the thread that parsed it: pyoxigraph's results stay in their thread.
        future = self._pool.submit(lambda: _serialized(store.results(sparql), result_type, graph_type))
        try:
            return future.result(self.timeout)
        except FutureTimeout:
            raise _too_long(self.timeout, "the answer was given up on") from None
