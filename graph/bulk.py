"""Bulk loading of large generated N-Quads files (BACI-sized: millions of quads) into the store.

Oxigraph's bulk loader writes straight to disk without a transaction: fast, and flat in memory,
but a crash half-way leaves part of the file in the store. So the file is staged inside the store
and the write journaled (`OxigraphStore.apply_bulk`): after a crash, the next writer empties the
replaced graphs and loads the staged file again, so the store ends with the new graphs whole.

The file comes in parts of at most `PART_QUADS` lines, `LOADERS` of them given to the bulk loader
at once: its memory grows with what one call is given (measured, pyoxigraph 0.5.13: 1.07M quads in
one call peak at 1,032 MiB, the same in four parts at 300 MiB), so parts keep a load of any size
flat in memory; and one call at a time leaves a core idle while it sorts and writes what it parsed,
so two run at once. The journal names every part; recovery loads them all again.

A load that fails with an error (not a crash) is rolled back when it replaced nothing: every graph
the file writes is dropped, except the shared ISO 3166 graph, whose country descriptions are the
same whoever writes them (dropping it would take other sources' countries with it). A failed
*replace* for lack of disk space keeps its journal: the next writer finishes it.

Why roll forward rather than load beside and switch: a graph's name is part of every key in
Oxigraph, so a switch is a copy. Measured on 300,000 quads in one graph (pyoxigraph 0.5.13, 2 cores):
bulk_extend 3.4 s; emptying the graph with SPARQL DROP 13.1 s, Store.remove_graph 9.2 s,
Store.clear_graph 7.6 s, removing quad by quad 8.7 s; a transactional extend into a second graph
4.2 s; SPARQL MOVE staging TO graph 42.5 s, DROP + ADD + DROP in one update 34.3 s. A switch would
cost 4-5 times the emptying alone; rolling forward costs one clear_graph and one bulk load.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import pyoxigraph as ox

from bilateral.core.errors import StoreError
from bilateral.core.progress import Progress
from bilateral.graph import iri
from bilateral.graph.literal import XSD
from bilateral.graph.remote import SparqlStore
from bilateral.graph.store import GraphStore, OxigraphStore
from bilateral.ontology.countries import ISO_SOURCE_ID
from bilateral.ontology.vocab import BI

__all__ = [
    "AHEAD",
    "LOADERS",
    "PART_QUADS",
    "PartFiles",
    "bulk_load_nquads",
    "count_quads",
    "drop_counts",
    "graphs_in",
    "stream_parts",
]

_GRAPH = re.compile(rb"<([^<>\s]*)>\s*\.\s*$")
PART_QUADS = 350_000  # N-Quads lines per part; two at once: 1,234 MiB peak at 1M rows (500,000: 1,393 MiB)
AHEAD = 2  # parts written and waiting for the store: the staging folder stays a few parts big
# parts loaded at once: one call parses its part, then sorts and writes it, leaving a core idle
# (1M rows, the same 500,000-line parts, pyoxigraph alone: one at a time 165-170 s, two at once
# 126 s, the whole file in one call 121-124 s but 1.9-2.0 GB; bench/results/load-parts.md)
LOADERS = 2


class PartFiles:
    """A binary writer of N-Quads into `folder/NAME-000.nq`, `-001`, ...: a new part is begun at a
    write once the current one holds `part_quads` lines or more. Each write must be whole lines.
    `closed` is called with each part once it is whole (closed)."""

    def __init__(
        self, folder: Path, name: str, part_quads: int = PART_QUADS, closed: Callable[[Path], None] | None = None
    ) -> None:
        self.folder, self.name, self.part_quads = Path(folder), name, part_quads
        self.paths: list[Path] = []
        self._out: IO[bytes] | None = None
        self._lines = 0
        self._closed = closed
        self.stopped = False  # set by another thread: the next write raises (the load failed)

    def write(self, data: bytes) -> int:
        if self.stopped:
            raise _Stopped
        if self._out is None or self._lines >= self.part_quads:
            self._next()
        assert self._out is not None
        self._lines += data.count(b"\n")
        return self._out.write(data)

    def _next(self) -> None:
        self.close()
        path = self.folder / f"{self.name}-{len(self.paths):03d}.nq"
        self._out = path.open("wb")
        self.paths.append(path)
        self._lines = 0

    def close(self, *, whole: bool = True) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
            if whole and self._closed is not None:
                self._closed(self.paths[-1])

    def __enter__(self) -> PartFiles:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.close(whole=kind is None)  # a part cut off by an error is not handed on


class _Stopped(Exception):
    """The parts are no longer wanted (their load failed)."""


Written = TypeVar("Written")


def stream_parts(
    store: OxigraphStore,
    folder: Path,
    name: str,
    write: Callable[[PartFiles], Written],
    graphs: Sequence[str],
    progress: Progress | None = None,
    *,
    part_quads: int = PART_QUADS,
) -> Written:
    """`write` the N-Quads into `parts` (in the store's staging folder) in a thread, while the
    store bulk-loads each part as soon as it is whole, `LOADERS` parts at once (the store's bulk
    loader releases the GIL, so the threads share the cores). Only for `graphs` the store does not
    hold yet, and for input already checked whole (nothing of it may be refused half-way): if the
    writing or the loading fails, or the process dies, the graphs are emptied again (journaled:
    `OxigraphStore.begin_stream`), the shared ISO 3166 graph excepted. Returns what `write` did;
    the journal stays until what follows the parts (their counts) is loaded with `bulk_load_nquads`,
    or `OxigraphStore.end_bulk` says there is nothing more.
    """
    undo = [ox.NamedNode(g) for g in graphs if g != iri.source_iri(ISO_SOURCE_ID)]
    whole: queue.Queue[Path | None] = queue.Queue(maxsize=AHEAD)  # the writer waits for the store
    parts = PartFiles(folder, name, part_quads, closed=whole.put)
    outcome: dict[str, Any] = {}

    def produce() -> None:
        try:
            with parts:
                outcome["written"] = write(parts)
        except _Stopped:
            pass
        except BaseException as err:  # handed to the loading threads, which stop
            if outcome.setdefault("error", err) is err:
                outcome["staging"] = True
        finally:
            for _ in range(LOADERS):  # one end for each loader
                whole.put(None)

    def load(shown: Progress | None) -> None:
        """Load parts until the writer's end; after a failure (here or elsewhere), only take them."""
        try:
            while (part := whole.get()) is not None:
                if "error" not in outcome and not parts.stopped:
                    store.load_part(part, shown)
        except BaseException as err:
            outcome.setdefault("error", err)
            parts.stopped = True
            while whole.get() is not None:  # the writer may wait to hand on a part
                pass

    # the shared ISO 3166 graph is written too: its stamp changes, or is unknown if this fails
    with store.stamping([*graphs, iri.source_iri(ISO_SOURCE_ID)]):
        store.begin_stream(undo)
        producer = threading.Thread(target=produce, name="bilateral-nquads", daemon=True)
        helpers = [
            threading.Thread(target=load, args=(None,), name=f"bilateral-load-{n}", daemon=True)
            for n in range(1, LOADERS)
        ]
        for thread in (producer, *helpers):
            thread.start()
        load(progress)  # the parts this thread loads are the ones shown
        for thread in (*helpers, producer):
            thread.join()
        err = outcome.get("error")
        if err is None:
            return outcome["written"]
        for path in parts.paths:  # room for the undo, on a full disk
            path.unlink(missing_ok=True)
        try:
            store.undo_stream(undo)
        except OSError as again:
            raise StoreError(
                f"bulk loading {parts.name!r} failed ({err}), and removing what it had written "
                f"failed too ({again}): it is removed the next time the store is opened for writing"
            ) from err
        if isinstance(err, OSError) and outcome.get("staging"):
            raise StoreError(f"staging {parts.name!r} failed: {err}; the store is unchanged") from err
        if isinstance(err, OSError | SyntaxError | ValueError):
            raise StoreError(f"bulk loading {parts.name!r} failed, and what it had written was removed: {err}") from err
        raise err


def graphs_in(nquads_path: Path | Sequence[Path]) -> set[str]:
    """The graph IRIs N-Quads files name (the last IRI of each line), read leniently: used when
    a file may be the reason a load failed."""
    found: set[str] = set()
    for path in [nquads_path] if isinstance(nquads_path, Path) else nquads_path:
        with Path(path).open("rb") as handle:
            for line in handle:
                match = _GRAPH.search(line)
                if match:
                    found.add(match.group(1).decode("utf-8", "replace"))
    return found


def bulk_load_nquads(
    store: OxigraphStore,
    nquads_path: Path | Sequence[Path],
    graphs: Iterable[str] | None = None,
    replace: Iterable[str] = (),
    progress: Progress | None = None,
    *,
    count: bool = True,
) -> int:
    """Bulk-load an N-Quads file (or its parts, in order), first emptying the `replace` graphs;
    returns how many quads the store grew by (0 unless `count`: counting reads the whole store,
    seconds at millions of quads, which a caller that knows the answer spares). A crash leaves
    the load to be finished by the next writer (journaled). `progress` is told the bytes written.

    On an error, with nothing replaced, the graphs the file writes (`graphs`, else read from the
    file) are dropped before the error is raised, the shared ISO 3166 graph excepted.
    """
    replaced = [ox.NamedNode(g) for g in replace]
    parts = [Path(nquads_path)] if isinstance(nquads_path, str | Path) else [Path(p) for p in nquads_path]
    if isinstance(store, SparqlStore):  # a server: graph by graph through staging graphs
        return store.load_nquads(_joined(parts), replaced, progress)
    try:
        staged = [_staged(store, part) for part in parts]
    except OSError as err:
        raise StoreError(
            f"staging {str(parts[0])!r} in {str(store.path)!r} failed: {err}; the store is unchanged"
        ) from err
    before = len(store) if count else 0
    try:
        store.apply_bulk(staged, replaced, progress, graphs=graphs)  # the graphs written: their change stamps
    except (SyntaxError, OSError, ValueError) as err:
        if replaced and isinstance(err, OSError):
            raise StoreError(
                f"bulk loading {str(nquads_path)!r} into {str(store.path)!r} failed "
                f"({err}); the replace is finished the next time the store is opened "
                "for writing (bilateral load, once there is room)"
            ) from err
        try:
            shared = iri.source_iri(ISO_SOURCE_ID)
            for graph in sorted(set(graphs) if graphs is not None else graphs_in(staged)):
                if graph != shared:
                    store.remove_graph(ox.NamedNode(graph))
            store.end_bulk()
        except OSError as again:
            raise StoreError(
                f"bulk loading {str(nquads_path)!r} failed ({err}), and removing what "
                f"it had written failed too ({again}): the load is finished the next "
                "time the store is opened for writing"
            ) from err
        raise StoreError(
            f"bulk loading {str(nquads_path)!r} failed, and what it had written was removed: {err}"
        ) from err
    return len(store) - before if count else 0


def count_quads(graph: str, source_quads: int, dyad_flows: Mapping[str, int]) -> list[ox.Quad]:
    """The counts of a bulk-loaded graph that held nothing else (bi:quadCount, bi:flowCount on the
    source and on each dyad), in the graph, so that `stats` reads them instead of counting millions
    of flows. `source_quads` is what the file puts in the graph; these quads are counted too. They
    are loaded with the file, as its last part (journaled with it: a crash keeps them together).
    """
    node = ox.NamedNode(graph)
    integer = ox.NamedNode(XSD + "integer")

    def count(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=integer)

    quads = [
        ox.Quad(ox.NamedNode(iri.dyad_iri(*name.split("-"))), ox.NamedNode(BI.flowCount), count(n), node)
        for name, n in sorted(dyad_flows.items())
    ]
    quads.append(ox.Quad(node, ox.NamedNode(BI.flowCount), count(sum(dyad_flows.values())), node))
    quads.append(ox.Quad(node, ox.NamedNode(BI.quadCount), count(source_quads + len(quads) + 1), node))
    return quads


def drop_counts(store: GraphStore, graphs: Iterable[str]) -> list[ox.Quad]:
    """Remove the counts of these graphs, about to be written otherwise (they would be stale);
    returns what was removed."""
    removed: list[ox.Quad] = []
    for graph in graphs:
        if store.ask(f"ASK {{ GRAPH <{graph}> {{ <{graph}> <{BI.quadCount}> ?n }} }}"):
            node = ox.NamedNode(graph)
            for predicate in (BI.flowCount, BI.quadCount):
                removed += store.pattern(None, ox.NamedNode(predicate), None, node)  # type: ignore[attr-defined]
            store.update(  # type: ignore[attr-defined]
                f"DELETE WHERE {{ GRAPH <{graph}> {{ ?x <{BI.flowCount}> ?n }} }} ; "
                f"DELETE WHERE {{ GRAPH <{graph}> {{ ?x <{BI.quadCount}> ?n }} }}"
            )
    return removed


def _joined(parts: list[Path]) -> Path:
    """One file of the parts (a server takes one), beside the first."""
    if len(parts) == 1:
        return parts[0]
    whole = parts[0].with_name(parts[0].stem + "-all.nq")
    with whole.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out)
    return whole


def _staged(store: OxigraphStore, nquads_path: Path) -> Path:
    """The file in the store's staging folder, where a writer after a crash finds it."""
    folder = store.staging()
    if nquads_path.parent.resolve() == folder.resolve():
        return nquads_path
    target = folder / nquads_path.name
    try:
        os.link(nquads_path, target)
    except OSError:
        shutil.copyfile(nquads_path, target)
    return target
