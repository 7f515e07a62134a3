"""A remote SPARQL 1.1 store (Fuseki, GraphDB, Virtuoso, Neptune, ...), the second `GraphStore`.

It speaks the W3C protocols only: SPARQL 1.1 Query and Update over HTTP (form-encoded POSTs to the
store URL) and the Graph Store HTTP Protocol (`URL?graph=IRI`), so any conforming server answers.
The HTTP client is the standard library's urllib: a handful of POSTs and GETs need no dependency.

Writes are per source graph and safe: a write of up to CHUNK quads is one SPARQL update (one
transaction on the server: drops and inserts land together); a bigger one is one streamed Graph
Store request per graph (PUT to replace, POST to add), which the server applies whole or not at
all, so a load cut short leaves each graph as it was or as it should be.

Credentials come only from BILATERAL_STORE_USER / BILATERAL_STORE_PASSWORD; they never appear in a
URL, a message or a log line.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from bilateral.core.errors import QueryError, StoreError
from bilateral.graph import keys
from bilateral.graph.store import QueryForms, Results, Term, _as_graph_blocks, with_values

__all__ = ["SparqlStore", "is_url"]

CHUNK = 50_000  # quads per request: a write up to this size is one update
RETRIES = 3  # transient failures are tried again after 0.5, 1, 2 s
RESULTS = "application/sparql-results+json"
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
Progress = Callable[[str, int, int], None]


def is_url(location: str | Path) -> bool:
    """True if a --store value names a server (http:// or https://), not a folder."""
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


class _Transient(Exception):
    """A failure worth trying again (connection refused, 502/503/504)."""


class SparqlStore(QueryForms):
    """A SPARQL 1.1 server, named by the URL of its dataset (`http://127.0.0.1:3030/bilateral`).

    Queries go to the URL, updates too, Graph Store requests to `URL?graph=IRI` (Fuseki's dataset
    URL serves all three). Servers that split them take BILATERAL_STORE_UPDATE_URL and
    BILATERAL_STORE_DATA_URL. The default graph must be the union of the named graphs.
    """

    def __init__(self, url: str, *, read_only: bool = False, timeout: float | None = None) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.username or parts.password:
            # Never repeat the URL here: it holds a password.
            raise StoreError(
                "the store URL holds credentials: give them in BILATERAL_STORE_USER and "
                "BILATERAL_STORE_PASSWORD instead, never on the command line"
            )
        if not parts.hostname:
            raise StoreError(f"{url!r} is not a store URL (http://host:port/dataset)")
        self.url = url.rstrip("/")
        self.path = self.url  # what messages name the store by
        self.read_only = read_only
        self.update_url = os.environ.get("BILATERAL_STORE_UPDATE_URL") or self.url
        self.data_url = os.environ.get("BILATERAL_STORE_DATA_URL") or self.url
        self.timeout = timeout or float(os.environ.get("BILATERAL_STORE_TIMEOUT", "300"))
        user = os.environ.get("BILATERAL_STORE_USER")
        password = os.environ.get("BILATERAL_STORE_PASSWORD", "")
        self._auth = ("Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()) if user else None
        self._staging: Path | None = None
        self.ask("ASK {}")  # reachable, and the credentials work, before anything else happens

    # -- HTTP ------------------------------------------------------------------------------

    def _request(
        self,
        url: str,
        *,
        data: bytes | Callable[[], Iterable[bytes]] | None = None,
        method: str = "POST",
        headers: Mapping[str, str] | None = None,
        idempotent: bool = True,
        what: str = "request",
    ) -> tuple[str, bytes]:
        """Send a request (retried with back-off when transient); the answer's type and body."""
        send = dict(headers or {})
        if self._auth:
            send["Authorization"] = self._auth
        for attempt in range(RETRIES + 1):
            try:
                # A streamed body is made afresh for each attempt.
                return self._once(url, data() if callable(data) else data, method, send, idempotent, what)
            except _Transient as err:
                if attempt == RETRIES:
                    raise StoreError(f"{self.url}: {err} (tried {RETRIES + 1} times)") from None
                time.sleep(0.5 * 2**attempt)
        raise AssertionError("unreachable")

    def _once(
        self,
        url: str,
        data: bytes | Iterable[bytes] | None,
        method: str,
        headers: dict[str, str],
        idempotent: bool,
        what: str,
    ) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return answer.headers.get("Content-Type", ""), answer.read()
        except urllib.error.HTTPError as err:
            body = _one_line(err.read().decode("utf-8", "replace"))[:300]
            if err.code in (401, 403):
                raise StoreError(
                    f"{self.url} refused the credentials (HTTP {err.code}): check "
                    "BILATERAL_STORE_USER and BILATERAL_STORE_PASSWORD"
                ) from None
            if err.code == 400:
                raise QueryError(f"{self.url} rejected the {what}: {body}") from None
            if err.code == 404:
                raise StoreError(f"{self.url}: no such dataset or endpoint (HTTP 404)") from None
            if "timeout" in body.lower() or "timed out" in body.lower():
                raise QueryError(f"{self.url} timed out the {what} (HTTP {err.code}): {body}") from None
            if err.code in (502, 503, 504) and idempotent:
                raise _Transient(f"the server answered HTTP {err.code} to the {what}") from None
            raise StoreError(f"{self.url} failed the {what} (HTTP {err.code}): {body}") from None
        except TimeoutError:
            raise StoreError(
                f"{self.url} did not answer the {what} within {self.timeout:g} s (BILATERAL_STORE_TIMEOUT)"
            ) from None
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, TimeoutError):
                raise StoreError(
                    f"{self.url} did not answer the {what} within {self.timeout:g} s (BILATERAL_STORE_TIMEOUT)"
                ) from None
            refused = isinstance(reason, ConnectionRefusedError)
            if refused or (idempotent and isinstance(reason, OSError)):
                # Refused: nothing reached the server, so even a write may be sent again.
                raise _Transient(f"cannot reach the server ({_one_line(reason)})") from None
            raise StoreError(f"cannot reach {self.url} ({_one_line(reason)})") from None
        except (ConnectionError, OSError) as err:
            if idempotent:
                raise _Transient(f"the connection failed ({_one_line(err)})") from None
            raise StoreError(
                f"{self.url}: the connection failed during the {what} ({_one_line(err)}); run it again"
            ) from None

    def _query_raw(self, sparql: str, accept: str) -> tuple[str, bytes]:
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        return self._request(
            self.url,
            data=body,
            what="query",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )

    def update(self, sparql: str) -> None:
        """One SPARQL update: one transaction on the server."""
        if self.read_only:
            raise StoreError(f"{self.url} is open read-only")
        body = urllib.parse.urlencode({"update": sparql}).encode("utf-8")
        # Retried only when the server refused the connection (it did nothing): a server that
        # failed half-way may or may not have applied it, and the caller must know that.
        self._request(
            self.update_url,
            data=body,
            idempotent=False,
            what="update",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def _graph_url(self, graph: ox.NamedNode) -> str:
        return f"{self.data_url}?{urllib.parse.urlencode({'graph': graph.value})}"

    # -- reading ---------------------------------------------------------------------------

    def _results(self, sparql: str, bindings: Mapping[str, Term | None] | None) -> Results:
        kind, body = self._query_raw(with_values(sparql, bindings or {}), f"{RESULTS}, application/n-triples;q=0.9")
        try:
            if kind.startswith("application/n-triples") or kind.startswith("text/plain"):
                return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            return ox.parse_query_results(_oxigraph_decimals(body), format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as err:
            raise StoreError(f"{self.url} answered what is not SPARQL results ({kind}): {err}") from err

    def results(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """Any query form's answer as pyoxigraph terms (the web app's /sparql writes it as asked)."""
        result = self._results(sparql, None)
        return result if isinstance(result, ox.QuerySolutions | ox.QueryBoolean) else list(result)

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows.rows[0][0] or 0)  # type: ignore[arg-type]

    def pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | None = None,
        predicate: ox.NamedNode | None = None,
        obj: Term | None = None,
        graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads matching a pattern. Every fact here is in a named graph (the server's default
        graph is their union), so the default graph holds nothing of its own."""
        if isinstance(graph, ox.DefaultGraph):
            return iter(())
        bindings = {k: v for k, v in (("s", subject), ("p", predicate), ("o", obj), ("g", graph)) if v is not None}
        result = self._results("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", bindings)
        assert isinstance(result, ox.QuerySolutions)
        return iter([ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in result])

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        return self.pattern(graph=graph)

    def subjects(self) -> list[ox.NamedNode | ox.BlankNode]:
        rows = self._results("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", None)
        assert isinstance(rows, ox.QuerySolutions)
        return [row["s"] for row in rows]

    def graphs(self) -> list[ox.NamedNode]:
        result = self._results("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None)
        assert isinstance(result, ox.QuerySolutions)
        found = {row["g"] for row in result}
        return sorted((g for g in found if isinstance(g, ox.NamedNode)), key=lambda g: g.value)

    def dump(self, output: IO[bytes], format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """Every named graph, serialised by pyoxigraph (the same writer as the embedded store)."""
        ox.serialize(self.pattern(), output, format=format, prefixes=prefixes)

    # -- writing ---------------------------------------------------------------------------

    def add(
        self, quads: Iterable[ox.Quad], replace_graphs: Iterable[ox.NamedNode] = (), progress: Progress | None = None
    ) -> None:
        """Add quads, first emptying `replace_graphs`. Up to CHUNK quads: one update, one
        transaction. More: one Graph Store request per graph (PUT replaces it, POST adds to it),
        each one transaction on the server, so each graph is whole or as it was."""
        replace = list(replace_graphs)
        listed = list(keys.with_keys(quads))
        if len(listed) <= CHUNK:
            data = "\n".join(str(q) + " ." for q in listed)
            drops = "".join(f"DROP SILENT GRAPH {g} ;\n" for g in replace)
            if data or drops:
                self.update(f"{drops}INSERT DATA {{\n{_as_graph_blocks(data)}\n}}")
            return
        by_graph: dict[ox.NamedNode, list[str]] = {}
        for quad in listed:
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise StoreError(
                    f"{self.url}: facts outside a named graph cannot be stored here (give one with --graph)"
                )
            line = str(ox.Triple(quad.subject, quad.predicate, quad.object)) + " .\n"
            by_graph.setdefault(quad.graph_name, []).append(line)
        self._write_graphs(
            {g: partial(iter, lines) for g, lines in by_graph.items()},
            {g: len(lines) for g, lines in by_graph.items()},
            replace,
            progress,
        )

    def _write_graphs(
        self,
        lines: Mapping[ox.NamedNode, Callable[[], Iterator[str]]],
        sizes: Mapping[ox.NamedNode, int],
        replace: list[ox.NamedNode],
        progress: Progress | None,
    ) -> None:
        """N-Triples lines per graph, each graph sent as one streamed Graph Store request.

        Measured on Fuseki 5.6 (TDB2, 160,000 triples): one PUT 9.4 s; uploading into a staging
        graph and moving it into place costs that plus ADD 8.5 s and a DROP of the staging graph
        6.8 s. One request per graph is as safe (the server applies a request whole or not at
        all) at a third of the cost."""
        total, done = sum(sizes.values()), 0
        for graph in replace:
            if graph not in lines:
                self.remove_graph(graph)

        for graph, make in lines.items():

            def body(make: Callable[[], Iterator[str]] = make, start: int = done) -> Iterator[bytes]:
                sent, batch = start, []
                for line in make():
                    batch.append(line)
                    if len(batch) == CHUNK:
                        sent += len(batch)
                        yield "".join(batch).encode("utf-8")
                        batch = []
                        if progress:
                            progress(f"writing to {self.url}", sent, total)
                if batch:
                    yield "".join(batch).encode("utf-8")

            self._request(
                self._graph_url(graph),
                data=body,
                method="PUT" if graph in replace else "POST",
                idempotent=False,
                what="upload",
                headers={"Content-Type": "application/n-triples"},
            )
            done += sizes[graph]
            if progress:
                progress(f"writing to {self.url}", done, total)

    def load_nquads(self, nquads: Path, replace: Iterable[ox.NamedNode] = (), progress: Progress | None = None) -> int:
        """A big N-Quads file (a staged BACI load), one request per graph; returns how many quads
        the store grew by."""
        before = len(self)
        folder = Path(tempfile.mkdtemp(prefix="split-", dir=self.staging()))
        try:
            files: dict[ox.NamedNode, Path] = {}
            sizes: dict[ox.NamedNode, int] = {}
            outs: dict[ox.NamedNode, IO[str]] = {}
            try:
                with Path(nquads).open("rb") as handle:
                    for quad in ox.parse(handle, format=ox.RdfFormat.N_QUADS):
                        graph = quad.graph_name
                        if not isinstance(graph, ox.NamedNode):
                            raise StoreError(f"{nquads}: a fact outside a named graph")
                        if graph not in outs:
                            files[graph] = folder / f"{len(files)}.nt"
                            outs[graph] = files[graph].open("w", encoding="utf-8")
                        outs[graph].write(str(ox.Triple(quad.subject, quad.predicate, quad.object)) + " .\n")
                        sizes[graph] = sizes.get(graph, 0) + 1
            finally:
                for out in outs.values():
                    out.close()
            self._write_graphs({g: partial(_lines, f) for g, f in files.items()}, sizes, list(replace), progress)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return len(self) - before

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        self.add(quads)

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH {graph}")

    def staging(self) -> Path:
        """A local folder for files a load prepares (the server has no folder of ours)."""
        if self._staging is None:
            self._staging = Path(tempfile.mkdtemp(prefix="bilateral-remote-"))
        return self._staging

    def flush(self) -> None:
        """Every request is committed by the server when it answers."""

    def close(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None


def _oxigraph_decimals(body: bytes) -> bytes:
    """Decimals in Oxigraph's canonical form. Jena's writes an integral decimal as `5.0`, Oxigraph
    (and every loader here) as `5`: the same value, but a snapshot hashes the lexical form."""
    if DECIMAL.encode() not in body:
        return body
    data = json.loads(body)
    for row in data.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("datatype") == DECIMAL and term.get("value", "").endswith(".0"):
                term["value"] = term["value"][:-2]
    return json.dumps(data).encode("utf-8")


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        yield from handle


def _one_line(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()
