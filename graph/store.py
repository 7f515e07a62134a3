"""The store: the system of record, behind one small interface.

`OxigraphStore` is the embedded default (Oxigraph on disk); `graph/remote.py` has the remote SPARQL
1.1 store. Both give the query forms through `QueryForms`, each with its own `_results`.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox

from bilateral.core.errors import QueryError, StoreError, StoreInUseError
from bilateral.core.progress import Progress, metered_file
from bilateral.graph import keys
from bilateral.graph.literal import XSD, PyValue, python_value  # python_value re-exported: callers import it from here
from bilateral.graph.stamps import Stamps, noting_graphs
from bilateral.ontology.vocab import NS

__all__ = ["GraphStore", "OxigraphStore", "QueryForms", "Results", "Rows", "Term", "open_store", "python_value"]

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


Results = ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]


class QueryForms:
    """SELECT, ASK, CONSTRUCT and any query a user writes, over one `_results` per store: the
    checks and conversions are the same on the embedded and the remote store."""

    def _results(self, sparql: str, bindings: Mapping[str, Term | None] | None) -> Results:
        raise NotImplementedError

    def select(self, sparql: str, bindings: Mapping[str, Term | None] | None = None) -> Rows:
        result = self._results(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return _solutions(result, sparql)

    def ask(self, sparql: str, bindings: Mapping[str, Term | None] | None = None) -> bool:
        result = self._results(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, sparql: str, bindings: Mapping[str, Term | None] | None = None) -> list[ox.Triple]:
        result = self._results(sparql, bindings)
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        with _evaluating(sparql):
            return list(result)

    def run(
        self, sparql: str, bindings: Mapping[str, Term | None] | None = None, *, allow_service: bool = False
    ) -> Rows:
        """Any query form as rows: SELECT as is, ASK as one `answer`, CONSTRUCT as triples.

        Meant for queries a user writes: SERVICE (a request to another server, or a file read)
        is refused unless `allow_service`.
        """
        if not allow_service:
            refuse_service(sparql)
        result = self._results(sparql, bindings)
        if isinstance(result, ox.QuerySolutions):
            return _solutions(result, sparql)
        if isinstance(result, ox.QueryBoolean):
            return Rows(["answer"], [(bool(result),)])
        with _evaluating(sparql):
            triples: list[tuple[PyValue, ...]] = [
                (python_value(t.subject), python_value(t.predicate), python_value(t.object)) for t in result
            ]
        return Rows(["subject", "predicate", "object"], triples)


STAGING = ".bilateral-staging"  # inside the store: staged bulk files, found by the next writer
JOURNAL = ".bilateral-journal.json"  # a bulk write under way: what to finish after a crash
KEYED = ".bilateral-keys"  # the version of graph/keys.py whose keys every name of the store has


class OxigraphStore(QueryForms):
    """Oxigraph on disk. One process writes at a time; a second one gets StoreInUseError.

    Readers open it read-only (no lock) and see the store as it was when they opened it, while a
    writer works. A bulk write is journaled: the writer that opens the store after a crash finishes
    it from the staged file (roll forward), and removes what killed loads left behind.
    """

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only:
            self._open_read_only()
            return
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(self.path))
        except OSError as err:
            raise self._open_error(err) from err
        try:
            self._stamps = Stamps(self.path, write=True)
            self._recover()
            self._key_names()
        except BaseException:
            del self._store
            raise

    def _open_error(self, err: OSError) -> StoreError:
        if "lock" in str(err).lower():
            return StoreInUseError(
                f"the store {str(self.path)!r} is in use by another process; wait "
                "for it to finish, or use another --store"
            )
        return StoreError(f"cannot open the store {str(self.path)!r}: {err}")

    def _open_read_only(self) -> None:
        if not (self.path / "CURRENT").is_file():
            raise StoreError(
                f"there is no store in {str(self.path)!r}: load something into it first "
                "(bilateral load, bilateral demo), or name another one with --store"
            )
        if (self.path / JOURNAL).exists() or not _keyed(self.path):
            # A bulk write is under way, or was cut off: its graphs may be half-written. A free lock
            # means it was cut off; opening for writing finishes it (and keys the names of a store
            # written before graph/keys.py).
            OxigraphStore(self.path).close()
        # Read before the snapshot is opened: a stamp never names content newer than the snapshot.
        self._stamps = Stamps(self.path, write=False)
        try:
            self._store = ox.Store.read_only(str(self.path))
        except OSError as err:
            raise self._open_error(err) from err
        if (self.path / JOURNAL).exists():  # it began while we opened
            del self._store
            raise StoreInUseError(
                f"the store {str(self.path)!r} is being written by another "
                "process (a bulk load); try again when it finishes"
            )

    # -- journaled bulk writes -------------------------------------------------------------

    def staging(self) -> Path:
        """A folder in the store for staged bulk files (removed by the next writer if left)."""
        folder = self.path / STAGING
        folder.mkdir(exist_ok=True)
        return folder

    def apply_bulk(
        self,
        nquads: Path | Sequence[Path],
        replace: Iterable[ox.NamedNode] = (),
        progress: Progress | None = None,
        graphs: Iterable[str] | None = None,
    ) -> None:
        """Empty the `replace` graphs, then bulk-load the staged N-Quads file `nquads` (or its
        parts, in order: the bulk loader's memory grows with what one call is given); `progress`
        is told the bytes of them written.

        Neither step is a transaction (both are far too big for one), so the intent is journaled
        first: if the process dies, the next writer does it again from the staged files, which is
        idempotent. The store then holds the new graphs, never a half of them. `graphs`: every
        graph the files write, for their change stamps (unknown if None: every stamp is dropped).
        """
        parts = [nquads] if isinstance(nquads, str | Path) else list(nquads)
        replace = list(replace)
        journal: dict[str, object] = {"nquads": [Path(p).name for p in parts], "replace": [g.value for g in replace]}
        with self._stamps.writing(known=graphs is not None) as touched:
            touched.update(g.value for g in replace)
            touched.update(graphs or ())
            _write_atomically(self.path / JOURNAL, json.dumps(journal).encode("utf-8"))
            self._finish(journal, progress)

    def begin_stream(self, graphs: Iterable[ox.NamedNode]) -> None:
        """Begin a bulk write whose parts are loaded (`load_part`) while the next ones are still
        being written, into `graphs` that the store does not hold yet. Journaled to be undone: if
        the process dies before `apply_bulk` takes over with the last parts, the next writer
        empties `graphs`, and the store is as it was."""
        journal = {"nquads": [], "replace": [], "undo": [g.value for g in graphs]}
        _write_atomically(self.path / JOURNAL, json.dumps(journal).encode("utf-8"))

    @contextmanager
    def stamping(self, graphs: Iterable[str]) -> Iterator[None]:
        """Around a write made part by part (graph/bulk.py stream_parts): `graphs` get new change
        stamps after it, and are unknown if it fails or is cut off."""
        with self._stamps.writing() as touched:
            touched.update(graphs)
            yield

    def load_part(self, part: Path, progress: Progress | None = None) -> None:
        """Bulk-load one staged part of a streamed write (`begin_stream`), then remove it."""
        self._load_part(part, progress, "writing into the store")
        part.unlink(missing_ok=True)

    def undo_stream(self, graphs: Iterable[ox.NamedNode]) -> None:
        """Undo a streamed write that failed: empty its graphs; forget the journal."""
        for graph in graphs:
            self._store.clear_graph(graph)
            self._store.remove_graph(graph)
        self._store.flush()
        self.end_bulk()

    def _load_part(self, part: Path, progress: Progress | None, what: str) -> None:
        if progress is None:
            self._store.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS)
            return
        # read through Python to count the bytes: measured as fast as by path (1M quads); once
        # a part is read, the loader still sorts and indexes it (most of the time)
        with metered_file(part, progress, what, then="indexing") as data:
            self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        progress("indexing", 1, 1)

    def _finish(self, journal: dict[str, object], progress: Progress | None = None) -> None:
        """Do what the journal says (again); SyntaxError, ValueError or OSError leave it in place."""
        if journal.get("undo"):  # a streamed write cut off: undone
            self.undo_stream([ox.NamedNode(g) for g in journal["undo"]])  # type: ignore[attr-defined]
            return
        for graph in journal["replace"]:  # type: ignore[attr-defined]
            # clear_graph is the fastest way to empty a graph here (measured: graph/bulk.py)
            self._store.clear_graph(ox.NamedNode(graph))
            self._store.remove_graph(ox.NamedNode(graph))
        parts = _journal_parts(journal)
        for number, name in enumerate(parts, start=1):
            what = "writing into the store" + (f" (part {number} of {len(parts)})" if len(parts) > 1 else "")
            self._load_part(self.staging() / name, progress, what)
        self._store.flush()
        self.end_bulk()

    def end_bulk(self) -> None:
        """Forget the journaled bulk write and its staged files (done, or given up)."""
        journal = self.path / JOURNAL
        if journal.exists():
            names = _journal_parts(json.loads(journal.read_text(encoding="utf-8")))
            journal.unlink()
            _sync_folder(self.path)
            for name in names:
                (self.path / STAGING / name).unlink(missing_ok=True)

    def _recover(self) -> None:
        """Finish a journaled bulk write cut off by a crash; remove what killed loads left."""
        journal_path = self.path / JOURNAL
        if journal_path.exists():
            try:
                journal = json.loads(journal_path.read_text(encoding="utf-8"))
            except ValueError:  # cut off while being written: nothing was applied yet
                journal_path.unlink()
            else:
                try:
                    self._finish(journal)
                except (OSError, SyntaxError, ValueError) as err:
                    raise StoreError(
                        f"{str(self.path)!r} holds a bulk load cut off by a crash, and finishing it failed: {err}"
                    ) from err
        shutil.rmtree(self.path / STAGING, ignore_errors=True)
        (self.path / (JOURNAL + ".part")).unlink(missing_ok=True)
        for orphan in self.path.glob("bulk-*.sst"):  # the bulk loader's files; we hold the lock
            orphan.unlink(missing_ok=True)

    def _key_names(self) -> None:
        """Key every name of a store written without keys, or with another version of them."""
        if _keyed(self.path):
            return
        with self._stamps.writing(known=False):
            self._key_all()
        _write_atomically(self.path / KEYED, keys.VERSION.encode("ascii"))

    def _key_all(self) -> None:
        for predicate in keys.INDEX_PROPERTIES:
            self._store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?s <{predicate}> ?key }} }}")
        self._store.extend(list(keys.all_keys(self._store.quads_for_pattern)))
        # Figure keys: a graph with its counts (bi:quadCount) was bulk-loaded by a version that
        # writes them (the counts came after the keys), so only the other graphs are looked at.
        counted = {q.graph_name for q in self._store.quads_for_pattern(None, ox.NamedNode(NS + "quadCount"), None)}
        for graph in self._store.named_graphs():
            if isinstance(graph, ox.NamedNode) and graph not in counted:
                figures = keys.missing_figures(self._figure_rows, graph)
                while batch := list(itertools.islice(figures, 100_000)):  # a transaction's memory
                    self._store.extend(batch)
        self._store.flush()

    def _figure_rows(self, sparql: str, graph: ox.NamedNode) -> ox.QuerySolutions:
        return self._store.query(sparql, substitutions={ox.Variable("g"): graph})  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._store)

    def add(self, quads: Iterable[ox.Quad], replace_graphs: Iterable[ox.NamedNode] = ()) -> None:
        """Add quads in one transaction; first empty `replace_graphs`, in the same transaction."""
        replace = list(replace_graphs)
        with self._stamps.writing() as touched:
            touched.update(g.value for g in replace)
            self._add(noting_graphs(keys.with_keys(quads), touched), replace)

    def _add(self, quads: Iterable[ox.Quad], replace: list[ox.NamedNode]) -> None:
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

    def update(self, sparql: str) -> None:
        """A SPARQL update, in one transaction (for the project's own small edits)."""
        try:
            with self._stamps.writing(known=False):
                self._store.update(sparql)
        except OSError as err:
            raise StoreError(f"writing to the store {str(self.path)!r} failed: {err}") from err

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """Fast, not transactional: for large generated inputs (the caller cleans up on failure)."""
        with self._stamps.writing() as touched:
            self._store.bulk_extend(noting_graphs(keys.with_keys(quads), touched))

    def _results(self, sparql: str, bindings: Mapping[str, Term | None] | None) -> Results:
        try:
            return self._store.query(
                with_values(sparql, bindings or {}), prefixes=PREFIXES, use_default_graph_as_union=True
            )
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error {syntax_words(str(err))}") from err
        except (OSError, ValueError, RuntimeError) as err:
            raise _failed(err, sparql) from err

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, graph))

    def pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | None = None,
        predicate: ox.NamedNode | None = None,
        obj: Term | None = None,
        graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads matching a pattern (None matches anything; DefaultGraph() the default graph)."""
        return iter(self._store.quads_for_pattern(subject, predicate, obj, graph))

    def subjects(self) -> list[ox.NamedNode | ox.BlankNode]:
        """Every distinct subject of every graph (the default one included), as terms."""
        found = self._store.query("SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return [row[0] for row in found]  # type: ignore[union-attr]

    def bulk_load_file(self, path: Path, format: ox.RdfFormat) -> None:
        """Oxigraph's bulk loader on a file: fast, flat in memory, not transactional."""
        with self._stamps.writing(known=False):
            self._store.bulk_load(path=str(path), format=format)

    def graphs(self) -> list[ox.NamedNode]:
        return sorted((g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)

    def remove_graph(self, graph: ox.NamedNode) -> None:
        with self._stamps.writing() as touched:
            touched.add(graph.value)
            self._store.update(f"DROP SILENT GRAPH {graph}")

    def stamps(self) -> dict[str, str]:
        """The change stamps of the graphs (graph/stamps.py), by IRI; a graph missing is unknown."""
        return self._stamps.current()

    def dump(self, output: IO[bytes], format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """Oxigraph's own streaming serialiser over the whole store."""
        self._store.dump(output, format=format, prefixes=prefixes)

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        # pyoxigraph releases the RocksDB lock when the object is collected.
        if not hasattr(self, "_store"):
            return
        try:
            if not self.read_only:
                self._store.flush()
        except OSError as err:
            raise StoreError(f"writing to the store {str(self.path)!r} failed: {err}") from err
        finally:
            del self._store


def _keyed(store: Path) -> bool:
    """Whether the store's names have the keys of this version of graph/keys.py."""
    try:
        return (store / KEYED).read_text(encoding="ascii") == keys.VERSION
    except OSError:
        return False


def _journal_parts(journal: dict[str, object]) -> list[str]:
    """The staged files a journal names, in order (one name in journals before parts)."""
    names = journal["nquads"]
    return [names] if isinstance(names, str) else [str(n) for n in names]  # type: ignore[attr-defined]


def _write_atomically(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all, durably (a journal must survive a crash)."""
    part = path.with_name(path.name + ".part")
    with part.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


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
        target = re.match(r"\s*(?:SILENT\s+)?(<[^>]*>|\S+?)(?=[\s{]|$)", sparql[found.end() :], re.IGNORECASE)
        out.append(target.group(1) if target else "?")
    return out


def refuse_service(sparql: str) -> None:
    """QueryError if the query has a SERVICE clause: a request to another server (or a file
    read) from what reads as a query of the local store."""
    if services(sparql):
        raise QueryError(
            "the query calls SERVICE, a request to another server or a file read; "
            "it is refused unless allowed (--allow-service)"
        )


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
    if _SELECT_STAR.search(sparql):  # in the order they appear in the query, as people read it
        at = {c: m.start() if (m := re.search(rf"[?$]{re.escape(c)}\b", sparql)) else len(sparql) for c in columns}
        columns.sort(key=lambda c: at[c])
    with _evaluating(sparql):
        return Rows(columns, [tuple(python_value(sol[c]) for c in columns) for sol in result])


# Predefined for every query (a query's own PREFIX lines take precedence).
PREFIXES = {
    "bi": NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
}
_SELECT_STAR = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", re.I)
_EXPECTED_WORDS = {
    "?": "a variable",
    "$": "a variable",
    "<": "an IRI",
    '"': "a literal",
    "'": "a literal",
    "_:": "a blank node",
    "[": "[",
    "(": "(",
    "{": "{",
    "}": "}",
    ".": ".",
    "*": "*",
}


def syntax_words(message: str) -> str:
    """Oxigraph's `error at 1:24: expected one of "$", ['0'..='9' | ...]` as one line in words:
    `at line 1, column 24: expected a variable, an IRI, a literal, a name or a number`."""
    text = " ".join(message.split())
    where = re.match(r"error at (\d+):(\d+):\s*", text)
    head = f"at line {where.group(1)}, column {where.group(2)}" if where else ""
    rest = text[where.end() :] if where else text
    if "Prefix not found" in rest:
        rest = "a prefix that is not declared (predefined: " + ", ".join(f"{p}:" for p in PREFIXES) + ")"
        return f"{head}: {rest}" if head else rest
    if not rest.startswith("expected"):
        return f"{head}: {rest}" if head else rest
    tokens = re.findall(r'"((?:[^"\\]|\\.)*)"|\[([^\]]*)\]|\b([A-Z]{2,})\b', rest)
    words: list[str] = []
    for quoted, bracket, keyword in tokens:
        if quoted:
            word = _EXPECTED_WORDS.get(quoted.replace('\\"', '"')[:2], _EXPECTED_WORDS.get(quoted[:1], ""))
        elif bracket:
            word = "a number" if "'0'" in bracket and "'A'" not in bracket else "a name"
        else:
            word = keyword
        if word and word not in words:
            words.append(word)
    expected = ", ".join(words[:-1]) + (" or " if len(words) > 1 else "") + words[-1] if words else "something else"
    return f"{head}: expected {expected}" if head else f"expected {expected}"


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


def open_store(location: str | Path, *, read_only: bool = False) -> GraphStore:
    """The embedded store in a folder, or a SPARQL 1.1 server named by its http(s) URL."""
    from bilateral.graph.remote import SparqlStore, is_url  # it builds on this module

    if is_url(location):
        return SparqlStore(str(location), read_only=read_only)
    return OxigraphStore(Path(location), read_only=read_only)
