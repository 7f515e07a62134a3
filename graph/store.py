"""The store: the system of record, behind one small interface.

`OxigraphStore` is the embedded default (Oxigraph on disk). A remote SPARQL 1.1 store (Fuseki,
GraphDB) would be a second implementation of `GraphStore`, not a rewrite of its callers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox

from bilateral.core.errors import QueryError, StoreError, StoreInUseError
from bilateral.graph.literal import PyValue, python_value  # re-exported: callers import it from here

__all__ = ["GraphStore", "OxigraphStore", "Rows", "Term", "open_store", "python_value"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Rows:
    """A SELECT result: column names and rows of plain Python values."""

    columns: list[str]
    rows: list[tuple[PyValue, ...]]

    def dicts(self) -> list[dict[str, PyValue]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class GraphStore(Protocol):
    """What the rest of the project needs from a quad store."""

    def __len__(self) -> int: ...
    def add(self, quads: Iterable[ox.Quad], replace_graphs: Iterable[ox.NamedNode] = ()) -> None: ...
    def bulk_add(self, quads: Iterable[ox.Quad]) -> None: ...
    def select(self, sparql: str, bindings: Mapping[str, Term | None] | None = None) -> Rows: ...
    def ask(self, sparql: str, bindings: Mapping[str, Term | None] | None = None) -> bool: ...
    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]: ...
    def graphs(self) -> list[ox.NamedNode]: ...
    def remove_graph(self, graph: ox.NamedNode) -> None: ...
    def dump(self, output: IO[bytes], format: ox.RdfFormat) -> None: ...
    def close(self) -> None: ...


class OxigraphStore:
    """Oxigraph on disk. One process writes at a time; a second one gets StoreInUseError."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreInUseError(
                    f"the store {str(self.path)!r} is in use by another process; wait for it to "
                    "finish, or use another --store"
                ) from err
            raise StoreError(f"cannot open the store {str(self.path)!r}: {err}") from err

    def __len__(self) -> int:
        return len(self._store)

    def add(self, quads: Iterable[ox.Quad], replace_graphs: Iterable[ox.NamedNode] = ()) -> None:
        """Add quads in one transaction; first empty `replace_graphs`, in the same transaction."""
        replace = list(replace_graphs)
        try:
            if not replace:
                self._store.extend(quads)
                return
            # One SPARQL update is one transaction: the drops and the inserts land together.
            data = "\n".join(str(q) + " ." for q in quads)
            drops = "".join(f"DROP SILENT GRAPH {g} ;\n" for g in replace)
            self._store.update(f"{drops}INSERT DATA {{\n{_as_graph_blocks(data)}\n}}")
        except OSError as err:
            raise StoreError(f"writing to the store {str(self.path)!r} failed: {err}") from err

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """Fast, not transactional: for large generated inputs (the caller cleans up on failure)."""
        self._store.bulk_extend(quads)

    def _query(self, sparql: str, bindings: Mapping[str, Term | None] | None, *,
               allow_service: bool = True) -> object:
        if not allow_service:
            refuse_service(sparql)
        try:
            return self._store.query(with_values(sparql, bindings or {}),
                                     use_default_graph_as_union=True)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from err
        except (OSError, ValueError, RuntimeError) as err:
            raise _failed(err, sparql) from err

    def select(self, sparql: str, bindings: Mapping[str, Term | None] | None = None) -> Rows:
        result = self._query(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return _solutions(result, sparql)

    def ask(self, sparql: str, bindings: Mapping[str, Term | None] | None = None) -> bool:
        result = self._query(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, sparql: str, bindings: Mapping[str, Term | None] | None = None) -> list[ox.Triple]:
        result = self._query(sparql, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        with _evaluating(sparql):
            return list(result)

    def run(self, sparql: str, bindings: Mapping[str, Term | None] | None = None, *,
            allow_service: bool = False) -> Rows:
        """Any query form as rows: SELECT as is, ASK as one `answer`, CONSTRUCT as triples.

        Meant for queries a user writes: SERVICE (a request to another server, or a file read)
        is refused unless `allow_service`.
        """
        result = self._query(sparql, bindings, allow_service=allow_service)
        if isinstance(result, ox.QuerySolutions):
            return _solutions(result, sparql)
        if isinstance(result, ox.QueryBoolean):
            return Rows(["answer"], [(bool(result),)])
        with _evaluating(sparql):
            triples = [(python_value(t.subject), python_value(t.predicate), python_value(t.object))
                       for t in result]  # type: ignore[attr-defined]
        return Rows(["subject", "predicate", "object"], triples)

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, graph))

    def pattern(self, subject: ox.NamedNode | ox.BlankNode | None = None,
                predicate: ox.NamedNode | None = None, obj: Term | None = None,
                graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None) -> Iterator[ox.Quad]:
        """Quads matching a pattern (None matches anything; DefaultGraph() the default graph)."""
        return iter(self._store.quads_for_pattern(subject, predicate, obj, graph))

    def subjects(self) -> list[ox.NamedNode | ox.BlankNode]:
        """Every distinct subject of every graph (the default one included), as terms."""
        found = self._store.query("SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return [row[0] for row in found]  # type: ignore[union-attr]

    def bulk_load_file(self, path: Path, format: ox.RdfFormat) -> None:
        """Oxigraph's bulk loader on a file: fast, flat in memory, not transactional."""
        self._store.bulk_load(path=str(path), format=format)

    def graphs(self) -> list[ox.NamedNode]:
        return sorted((g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)),
                      key=lambda g: g.value)

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self._store.update(f"DROP SILENT GRAPH {graph}")

    def dump(self, output: IO[bytes], format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """Oxigraph's own streaming serialiser over the whole store."""
        self._store.dump(output, format=format, prefixes=prefixes)

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        # pyoxigraph releases the RocksDB lock when the object is collected.
        if not self.read_only:
            self._store.flush()
        del self._store


# IRIREF of the SPARQL grammar; one with \u escapes is left as code (stricter, never laxer).
_IRIREF = re.compile(r"<[^\x00-\x20<>\"{}|^`\\]*>")
# The SERVICE keyword, not part of a name (?service, ex:service, service:x, _:service, @service).
_SERVICE = re.compile(r"(?<![\w?$:@\\-])SERVICE(?![\w:-])", re.IGNORECASE)


def _code(sparql: str) -> str:
    """The query with its IRIs, strings and comments blanked out (same length): what is left is
    what the parser reads as keywords, names and punctuation."""
    out = list(sparql)
    i, n = 0, len(sparql)
    while i < n:
        ch, end = sparql[i], i + 1
        if ch == "#":
            end = sparql.find("\n", i)
            end = n if end < 0 else end
        elif ch == "<" and (iri := _IRIREF.match(sparql, i)):
            end = iri.end()
        elif ch in "\"'":
            quote = sparql[i : i + 3] if sparql[i : i + 3] in ('"""', "'''") else ch
            end = i + len(quote)
            while end < n and not sparql.startswith(quote, end):
                end += 2 if sparql[end] == "\\" else 1
            end = min(end + len(quote), n)
        elif ch == "\\":  # an escape in a prefixed name (ex:a\#b, ex:a\'b): no comment, no string
            i += 2
            continue
        else:
            i += 1
            continue
        out[i:end] = " " * (end - i)
        i = end
    return "".join(out)


def services(sparql: str) -> list[str]:
    """What the query's SERVICE clauses call (`<http://...>`, `?var`, `ex:name`), in order."""
    out = []
    for found in _SERVICE.finditer(_code(sparql)):
        target = re.match(r"\s*(?:SILENT\s+)?(<[^>]*>|\S+?)(?=[\s{]|$)", sparql[found.end():], re.IGNORECASE)
        out.append(target.group(1) if target else "?")
    return out


def refuse_service(sparql: str) -> None:
    """QueryError if the query has a SERVICE clause: a request to another server (or a file
    read) from what reads as a query of the local store."""
    if services(sparql):
        raise QueryError("the query calls SERVICE, a request to another server or a file read; "
                         "it is refused unless allowed (--allow-service)")


def _where_brace(sparql: str) -> int:
    """Index of the `{` that opens the query's WHERE group (skipping IRIs, strings, comments)."""
    at = _code(sparql).find("{")
    if at < 0:
        raise QueryError("the query has no WHERE group { ... } to bind parameters in")
    return at


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())


def _failed(err: BaseException, sparql: str) -> QueryError:
    called = services(sparql)
    also = f" (the query calls SERVICE {', '.join(called)})" if called else ""
    return QueryError(f"SPARQL query failed: {_one_line(err)}{also}")


@contextmanager
def _evaluating(sparql: str) -> Iterator[None]:
    """Results are computed as they are read: failures then (a SERVICE that cannot be reached,
    an unbound service name) are query errors too."""
    try:
        yield
    except (OSError, ValueError, RuntimeError) as err:
        raise _failed(err, sparql) from err


def _solutions(result: ox.QuerySolutions, sparql: str) -> Rows:
    columns = [v.value for v in result.variables]
    with _evaluating(sparql):
        return Rows(columns, [tuple(python_value(sol[c]) for c in columns) for sol in result])


def with_values(sparql: str, bindings: Mapping[str, Term | None]) -> str:
    """Bind parameters with a VALUES block at the start of the WHERE group.

    The values are RDF terms serialised by pyoxigraph (escaped), never user text pasted into
    the query; a VALUES block at the start of the group binds before any aggregation.
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join("UNDEF" if term is None else str(term) for term in bindings.values())
    at = _where_brace(sparql) + 1
    return f"{sparql[:at]} VALUES ({names}) {{ ({terms}) }} {sparql[at:]}"


def _as_graph_blocks(nquads: str) -> str:
    """N-Quads lines as `GRAPH <g> { s p o . }` blocks, which INSERT DATA accepts."""
    blocks: dict[str, list[str]] = {}
    for line in nquads.splitlines():
        body = line[:-2].rstrip()  # drop " ."
        # The graph is the last term of an N-Quads line; ours are always IRIs.
        head, _, graph = body.rpartition(" <")
        blocks.setdefault("<" + graph, []).append(head + " .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in blocks.items())


def open_store(path: Path, *, read_only: bool = False) -> OxigraphStore:
    return OxigraphStore(path, read_only=read_only)
