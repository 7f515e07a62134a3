"""Exports of the store, for other tools: RDF (TriG, N-Quads, Turtle, JSON-LD) and the property
graph of docs/neo4j-mapping.md (GraphML, GEXF, neo4j-admin CSV, a Cypher script).

What streams and what holds memory:

- `trig`, `nquads`: streamed by Oxigraph's own serializer, straight from the store's indexes.
  Filtered exports stream graph by graph; `dyad` first collects the dyad's subjects (a set of
  IRIs, not of facts).
- `turtle`: the union of the graphs, written subject by subject so that a triple asserted by
  several sources appears once; holds the list of subjects and one subject's triples at a time.
  With `source` it streams that one graph. Turtle has no graphs: which source said what is lost.
- `jsonld`: one named graph at a time (rdflib compacts it with ontology/context.jsonld); the
  document around them is written as it goes.
- `graphml`, `gexf`, `csv`, `cypher`: the property-graph projection, which holds every node and
  relationship in memory (a node can only be written once every fact about it, from every graph,
  is known); graphml/gexf also build networkx's graph and XML tree.

Filters: `source` keeps the quads of that source's graph (its description included). `dyad`
keeps the quads whose subject is the dyad itself or anything with `bi:dyad` that dyad (meetings,
trade flows, indicators, commitments, treaties...), in whatever graph they sit, plus the
self-description (subject = graph IRI) of every graph those quads come from, so each exported
fact keeps its source. People and countries are not expanded: they are reached through the
exported facts' IRIs. Both filters together: the dyad's quads within that one graph.

Every file is written to a temporary name beside it and renamed when complete, so a failed
export leaves no half-written file; `-` writes to stdout; a `.gz` name is gzip-compressed.

One module per format, found by name in `registry.py` and imported on first use; what they share
(the report, the target and its checks, the writer classes) is in `base.py`, the filters in
`selection.py`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bilateral.core.progress import Progress
from bilateral.graph.export.base import ExportError, ExportReport, check_target
from bilateral.graph.export.registry import FORMATS, writer
from bilateral.graph.export.selection import Selection, select
from bilateral.graph.store import OxigraphStore

__all__ = ["FORMATS", "ExportError", "ExportReport", "Selection", "export", "select"]


def export(
    store: OxigraphStore,
    fmt: str,
    output: str | Path,
    source: str | None = None,
    dyad: str | None = None,
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> ExportReport:
    """Write the store (or what `source` / `dyad` select) in format `fmt` to `output`.

    `output` is a file path (`.gz` compressed), `-` for stdout, or for `csv` a folder. Formats:
    trig, nquads, turtle, jsonld, graphml, gexf, csv, cypher; see the module docstring for what
    each holds and what streams. Nothing is written inside a store folder; an existing file (or
    earlier csv export) is replaced only with `force`. `progress` is told the quads (triples for
    turtle; bytes for a whole TriG) written as they are.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    chosen = writer(fmt)
    check_target(store, output, chosen, force)
    sel = replace(select(store, source, dyad), progress=progress)
    return chosen.export(sel, fmt, output)
