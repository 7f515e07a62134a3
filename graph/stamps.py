"""Change stamps of an embedded store's named graphs: what changed, told without reading it.

Every write of `OxigraphStore` gives each graph it wrote a new random stamp; a graph keeps its
stamp while nothing writes it. So a reader that recorded a graph's stamp (the Neo4j sync does)
knows the graph is as it was when the stamp is the same, without hashing its content.

The stamps live in `.bilateral-stamps.json` in the store folder. Before a write the file is marked
`pending`; after it, the written graphs get new stamps and the mark is cleared. A reader takes a
pending file, no file, or a graph without a stamp as "unknown" (and hashes the graph instead);
a crash mid-write leaves the mark, and the next writer forgets every stamp. A write that cannot
name the graphs it touches (a SPARQL update) forgets every stamp too: never a stale one.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from bilateral.core.errors import StoreError

__all__ = ["STAMPS", "Stamps", "noting_graphs"]

STAMPS = ".bilateral-stamps.json"


class Stamps:
    """The stamps of one store folder, as read when the store was opened, and kept by its writer
    (`write`); a reader's `writing` records nothing (its store refuses writes anyway)."""

    def __init__(self, folder: Path, write: bool) -> None:
        self.path = Path(folder) / STAMPS
        self.write = write
        found = read_stamps(folder)
        self.graphs = found or {}
        if write and found is None and self.path.exists():
            self._save(pending=False)  # a write cut off (or an unreadable file): every stamp forgotten

    def current(self) -> dict[str, str]:
        return dict(self.graphs)

    @contextmanager
    def writing(self, known: bool = True) -> Iterator[set[str]]:
        """Around one write: yields a set the caller fills with the graph IRIs it writes; those
        get new stamps afterwards (every stamp is forgotten if not `known`, or if the write fails
        in a way that leaves the graphs in doubt)."""
        touched: set[str] = set()
        if not self.write:
            yield touched
            return
        self._save(pending=True)
        try:
            yield touched
        except BaseException:
            for graph in touched:  # what it had begun to write is in doubt
                self.graphs.pop(graph, None)
            if not known:
                self.graphs.clear()
            try:
                self._save(pending=False)
            except StoreError:
                pass  # the mark stays: the next writer forgets every stamp; the write's error says what failed
            raise
        if not known:
            self.graphs.clear()
        for graph in touched:
            self.graphs[graph] = secrets.token_hex(12)
        self._save(pending=False)

    def _save(self, pending: bool) -> None:
        from bilateral.graph.store import _write_atomically  # here: store imports this module

        data = {"version": 1, "pending": pending, "graphs": dict(sorted(self.graphs.items()))}
        try:
            _write_atomically(self.path, json.dumps(data, indent=0).encode("utf-8"))
        except OSError as err:
            raise StoreError(f"writing the change stamps {str(self.path)!r} failed: {err}") from err


def read_stamps(folder: Path) -> dict[str, str] | None:
    """The stamps of a store folder by graph IRI; None if unknown (no file, a write under way or
    cut off, or an unreadable file)."""
    try:
        data = json.loads((Path(folder) / STAMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != 1 or data.get("pending") is not False:
        return None
    graphs = data.get("graphs")
    if not isinstance(graphs, dict):
        return None
    return {str(g): str(s) for g, s in graphs.items()}


def noting_graphs(quads: Iterable[ox.Quad], seen: set[str]) -> Iterator[ox.Quad]:
    """The quads, unchanged, each one's graph IRI added to `seen` as it passes."""
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            seen.add(quad.graph_name.value)
        yield quad
