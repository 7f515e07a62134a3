"""Bulk loading of large generated N-Quads files (BACI-sized: millions of quads) into the store.

Oxigraph's bulk loader writes straight to disk without a transaction: fast, and flat in memory,
but a failure half-way leaves part of the file in the store. So on failure every graph the file
writes is dropped, and the store holds nothing of it - except the shared ISO 3166 graph, whose
country descriptions are the same whoever writes them (dropping it would take other sources'
countries with it). A failed reload of a source therefore removes that source: load it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from bilateral.core.errors import StoreError
from bilateral.graph import iri
from bilateral.graph.store import OxigraphStore
from bilateral.ontology.countries import ISO_SOURCE_ID

__all__ = ["bulk_load_nquads", "graphs_in"]

_GRAPH = re.compile(rb"<([^<>\s]*)>\s*\.\s*$")


def graphs_in(nquads_path: Path) -> set[str]:
    """The graph IRIs an N-Quads file names (the last IRI of each line), read leniently: used when
    the file may be the reason a load failed."""
    found: set[str] = set()
    with Path(nquads_path).open("rb") as handle:
        for line in handle:
            match = _GRAPH.search(line)
            if match:
                found.add(match.group(1).decode("utf-8", "replace"))
    return found


def bulk_load_nquads(store: OxigraphStore, nquads_path: Path, graphs: Iterable[str] | None = None) -> int:
    """Bulk-load an N-Quads file; returns how many quads the store grew by.

    Not transactional: on failure the graphs the file writes (`graphs`, else read from the file)
    are dropped before the error is raised, the shared ISO 3166 graph excepted.
    """
    before = len(store)
    try:
        store.bulk_load_file(nquads_path, ox.RdfFormat.N_QUADS)
    except (SyntaxError, OSError, ValueError) as err:
        shared = iri.source_iri(ISO_SOURCE_ID)
        for graph in sorted(set(graphs) if graphs is not None else graphs_in(nquads_path)):
            if graph != shared:
                store.remove_graph(ox.NamedNode(graph))
        raise StoreError(f"bulk loading {str(nquads_path)!r} failed, and what it had written was "
                         f"removed: {err}") from err
    return len(store) - before
