"""The public Python API. The CLI only wraps it; it never prints."""

from __future__ import annotations

import datetime as dt
import math
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyoxigraph as ox

from bilateral import queries
from bilateral.core.errors import InputError, Problem, QueryError, StoreError
from bilateral.core.progress import Meter, Progress
from bilateral.core.settings import Neo4jSettings, default_store, store_location
from bilateral.graph import iri, rdf
from bilateral.graph.bulk import PartFiles, bulk_load_nquads, count_quads, drop_counts, stream_parts
from bilateral.graph.export import ExportReport
from bilateral.graph.export import export as export_store
from bilateral.graph.export.registry import FORMATS as EXPORT_FORMATS
from bilateral.graph.flows import BulkStats, bulk_nquads, check_baci
from bilateral.graph.neo4j import Neo4jProjector, SyncReport
from bilateral.graph.resolve import names, resolve
from bilateral.graph.snapshot import (
    Snapshot,
    create_snapshot,
    default_snapshot_dir,
    diff_snapshots,
    scan_snapshots,
    snapshot_rows,
)
from bilateral.graph.store import PREFIXES, OxigraphStore, Rows, open_store
from bilateral.graph.trace import neighbors, trace
from bilateral.graph.validate import Violation, validate_store
from bilateral.loaders.detect import FORMATS as INPUT_FORMATS
from bilateral.loaders.detect import expand, read_inputs
from bilateral.loaders.public import Skipped
from bilateral.loaders.rdf_files import verify_snapshot
from bilateral.ontology.countries import ISO_SOURCE_ID
from bilateral.ontology.vocab import BI, CLASSES, NS

if TYPE_CHECKING:
    from bilateral.graph.extraction import ExtractionReport

__all__ = [
    "EXPORT_FORMATS",
    "INPUT_FORMATS",
    "KnowledgeGraph",
    "LoadReport",
    "Progress",
    "Rows",
    "default_snapshot_dir",
    "diff_snapshots",
    "run_cypher",
    "scan_snapshots",
    "snapshot_rows",
]


@dataclass(frozen=True)
class LoadReport:
    files: list[Path]
    records: int
    quads: int  # quads in the input (duplicates and facts already in the store included)
    added: int  # how many the store grew by
    sources: list[str]  # the source graphs written
    skipped: list[Skipped] = field(default_factory=list)  # rows with unknown codes (skip_unknown)
    omitted: dict[str, int] = field(default_factory=dict)  # rows left out by design (aggregates)
    summaries: list[str] = field(default_factory=list)  # per public file: rows to facts, left out, unknown


class KnowledgeGraph:
    """A bilateral knowledge graph in an on-disk store.

    >>> with KnowledgeGraph.open("bilateral-data") as kg:   # doctest: +SKIP
    ...     kg.load(["examples/us-japan-2025"])
    ...     kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    """

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False) -> KnowledgeGraph:
        """A store folder, or the http(s) URL of a SPARQL 1.1 server (graph/remote.py)."""
        location = store_location(path) if path else default_store()
        return cls(open_store(location, read_only=read_only))  # type: ignore[arg-type]  # same face

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        try:
            self.close()
        except StoreError:
            if err is None:  # else the error that is already on its way says what went wrong
                raise

    def is_empty(self) -> bool:
        """Whether the store holds no fact at all (a cheap check: it stops at the first quad)."""
        return not self.store.ask("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")

    # -- loading ---------------------------------------------------------------------------

    def source_ids(self) -> list[str]:
        rows = self.store.select(
            "SELECT DISTINCT ?id WHERE { GRAPH ?g { ?g a ?source ; ?name ?id } }",
            {"source": ox.NamedNode(BI.Source), "name": ox.NamedNode(BI.name)},
        )
        return sorted(str(row[0]) for row in rows.rows)

    def load(
        self,
        paths: Iterable[str | Path],
        *,
        format: str | None = None,
        replace: bool = False,
        skip_unknown: bool = False,
        graph: str | None = None,
        progress: Progress | None = None,
        sha256: str | None = None,
    ) -> LoadReport:
        """Check every input, then write all of it in one transaction (or nothing).

        With `replace`, the graph of every source the input describes is emptied first (in the
        same transaction), so facts a source no longer asserts are gone; the shared ISO 3166
        graph is only ever added to. With `skip_unknown`,
        rows of public data sets naming unknown country codes are left out and reported.
        `graph` names the graph for RDF triples outside any (Turtle, N-Triples).

        BACI files (millions of rows) take the bulk path: streamed in chunks into N-Quads, every
        row checked first, then the store's bulk loader; if that fails, their graphs are dropped.

        `sha256` is the hash a citation gives for a snapshot: the snapshot's data must have it
        (its own manifest could have been edited along with the data).
        """
        found = expand([Path(p) for p in paths], format)
        if sha256 is not None:
            snapshots = [p for p, kind in found if kind == "snapshot"]
            if not snapshots:
                raise InputError(
                    [
                        Problem(
                            ", ".join(str(p) for p, _ in found) or "(no input)",
                            None,
                            None,
                            sha256,
                            "--sha256 checks a snapshot folder, and none was given",
                        )
                    ]
                )
            for path in snapshots:
                verify_snapshot(path, sha256)
        bulk = [p for p, kind in found if kind == "baci"]
        rest = [p for p, kind in found if kind != "baci"]
        problems: list[Problem] = []
        try:
            inputs = read_inputs(
                rest, format, self.source_ids(), graph=graph, skip_unknown=skip_unknown, progress=progress
            )
        except InputError as err:
            problems.extend(err.problems)
        # Staged inside the store, where the next writer finds (and removes) what a killed load left.
        staging = Path(tempfile.mkdtemp(prefix="load-", dir=self.store.staging()))
        try:
            staged = []
            streamed: dict[Path, str] = {}  # source by file: checked whole now, loaded part by part below
            for path in bulk:  # checked (and staged) before anything is written
                try:
                    if source := self._streams(path, streamed, replace, skip_unknown, progress):
                        streamed[path] = source
                    else:
                        staged.append(self._stage_baci(path, staging, skip_unknown, progress))
                except InputError as err:
                    problems.extend(err.problems)
            if problems:
                raise InputError(problems)
            quads = list(rdf.to_quads(inputs.records)) + inputs.quads
            graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)})
            # How many quads the load adds, from the sizes of the graphs it writes: a bulk-loaded
            # graph's from its counts, the others counted (counting the whole store takes seconds).
            touched = sorted(
                {
                    *graphs,
                    *(g for _, s in staged for g in s.graphs),
                    *(
                        g
                        for source in streamed.values()
                        for g in (iri.source_iri(source), iri.source_iri(ISO_SOURCE_ID))
                    ),
                }
            )
            embedded = isinstance(self.store, OxigraphStore)
            before = sum(self._graph_sizes(touched).values()) if embedded else len(self.store)
            if quads:
                drop_counts(self.store, graphs)  # a bulk-loaded graph's counts would be stale
                writing = Meter(progress, "writing", len(quads), "quads")
                self.store.add(writing.items(quads), replace_graphs=_described_sources(quads) if replace else ())
                writing.finish()
            skipped = list(inputs.skipped)
            for path, source in streamed.items():
                stats = self._stream_baci(path, source, staging, skip_unknown, progress)
                staged.append(([], stats))  # in the report below
                graphs = sorted({*graphs, *stats.graphs})
                skipped.extend(stats.skipped)
            for nquads, stats in staged[: len(staged) - len(streamed)]:
                graph = iri.source_iri(stats.source)
                alone = replace or not self.store.ask(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
                counted = alone and stats.source_quads is not None  # on a server too: the same quads
                parts = list(nquads)
                if counted and stats.source_quads is not None:  # its counts, loaded (and journaled) with it
                    parts.append(staging / f"{graph.rsplit('/', 1)[-1]}-counts.nq")
                    counts = count_quads(graph, stats.source_quads, stats.dyad_flows)
                    parts[-1].write_text("".join(f"{q} .\n" for q in counts), encoding="utf-8")
                # added to what the graph held: its counts would be stale (and are put back if not)
                dropped = [] if alone else drop_counts(self.store, [graph])
                grew = bulk_load_nquads(
                    self.store,
                    parts,
                    stats.graphs,
                    replace=[graph] if replace else (),
                    progress=progress,
                    count=not counted,
                )
                if dropped and not grew:
                    self.store.add(dropped)
                graphs = sorted({*graphs, *stats.graphs})
                skipped.extend(stats.skipped)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return LoadReport(
            files=inputs.files + bulk,
            records=len(inputs.records) + sum(s.flows for _, s in staged),
            quads=len(quads) + sum(s.quads for _, s in staged),
            added=(sum(self._graph_sizes(touched).values()) if embedded else len(self.store)) - before,
            sources=graphs,
            skipped=skipped,
            omitted=dict(inputs.omitted),
            summaries=list(inputs.summaries),
        )

    def _streams(
        self, path: Path, streamed: dict[Path, str], replace: bool, skip_unknown: bool, progress: Progress | None
    ) -> str | None:
        """The source of a BACI file to be written and loaded part by part at once
        (`_stream_baci`), else None: into the embedded store, without --replace, for a source the
        store does not hold yet (nor another file of this load). Such a file is checked whole here
        first (InputError)."""
        if replace or not isinstance(self.store, OxigraphStore):
            return None
        source = check_baci(path, skip_unknown=skip_unknown, progress=progress)
        graph = iri.source_iri(source)
        if source in streamed.values() or self.store.ask(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
            return None
        return source

    def _stream_baci(
        self, path: Path, source: str, staging: Path, skip_unknown: bool, progress: Progress | None
    ) -> BulkStats:
        """A checked BACI file written as N-Quads part by part while the store loads each part
        (graph/bulk.py stream_parts), then its counts: the last step, journaled to be finished."""
        graph = iri.source_iri(source)
        stats = stream_parts(
            self.store,  # an OxigraphStore (_streams)
            staging,
            path.name,
            # the file's reading was shown as it was checked; the parts' loading shows now
            lambda out: bulk_nquads(path, out, skip_unknown=skip_unknown),
            [graph],
            progress,
        )
        if stats.source_quads is None:  # two rows give one flow: not counted
            self.store.flush()
            self.store.end_bulk()
            return stats
        counts = staging / f"{graph.rsplit('/', 1)[-1]}-counts.nq"
        counts.write_text(
            "".join(f"{q} .\n" for q in count_quads(graph, stats.source_quads, stats.dyad_flows)), encoding="utf-8"
        )
        bulk_load_nquads(self.store, [counts], [graph], count=False)
        return stats

    @staticmethod
    def _stage_baci(
        path: Path, folder: Path, skip_unknown: bool, progress: Progress | None
    ) -> tuple[list[Path], BulkStats]:
        """A BACI file checked and written as N-Quads in parts in `folder` (raises InputError,
        writing nothing)."""
        try:
            with PartFiles(folder, path.name) as out:
                stats = bulk_nquads(path, out, skip_unknown=skip_unknown, progress=progress)
        except OSError as err:  # the disk is full, most likely: nothing was written to the store
            raise StoreError(f"staging {str(path)!r} in {str(folder)!r} failed: {err}; the store is unchanged") from err
        return out.paths, stats

    # -- reading ---------------------------------------------------------------------------

    def select(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Rows:
        """A SPARQL SELECT as rows of Python values (the default graph is the union of all)."""
        return self.store.select(sparql, bindings)

    def sparql(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> pd.DataFrame:
        """A SPARQL SELECT as a DataFrame, for notebooks."""
        rows = self.select(sparql, bindings)
        return pd.DataFrame(rows.rows, columns=rows.columns)

    def stats(self) -> Rows:
        """Counts: quads in all, entities by class, facts by source, entities by dyad.

        A bulk-loaded graph's counts are read from what its load wrote beside it (bi:quadCount,
        bi:flowCount: counting millions of flows takes seconds); every other graph is counted
        here, graph by graph (they are small). A flow's IRI names its source, so a bulk-loaded
        graph's flows are no other graph's.
        """
        if not isinstance(self.store, OxigraphStore):  # a server: counted by the server
            return self._counted_stats()
        counted = self._bulk_counts()
        graphs = [g.value for g in self.store.graphs()]
        small = [g for g in graphs if g not in counted]
        in_small = "VALUES ?g { " + " ".join(f"<{g}>" for g in small) + " }"
        by_source = {
            g: counted[g]
            if g in counted
            else self._number(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
            for g in graphs
        }
        total = sum(by_source.values()) + sum(1 for _ in self.store.pattern(graph=ox.DefaultGraph()))
        # classes: those of the small graphs, and those the bulk-loaded graphs hold (asked, not listed)
        classes = {
            str(row[0])
            for row in self.store.select(f"SELECT DISTINCT ?c WHERE {{ {in_small} GRAPH ?g {{ ?s a ?c }} }}").rows
        }
        candidates = sorted({*CLASSES, PROV_ENTITY, SKOS_CONCEPT} - classes)
        for graph in counted:
            classes |= {c for c in candidates if self.store.ask(f"ASK {{ GRAPH <{graph}> {{ ?s a <{c}> }} }}")}
        by_class: dict[str, int] = {}
        for cls in sorted(classes):
            if cls == BI.TradeFlow and counted:
                flows = self._number(
                    f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {in_small} GRAPH ?g {{ ?s a <{cls}> }} }}"
                )
                by_class[cls] = flows + sum(self._flow_counts(counted).values())
            else:
                by_class[cls] = self._number(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{cls}> }}")
        by_dyad: dict[str, int] = dict(self._dyad_flow_counts(counted))
        live = self.store.select(
            f"SELECT ?name (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {in_small} GRAPH ?g {{ ?s <{BI.dyad}> ?d }} "
            f"?d <{BI.name}> ?name }} GROUP BY ?name"
        )
        for name, n in live.rows:
            by_dyad[str(name)] = by_dyad.get(str(name), 0) + _count(n)
        rows: list[tuple[object, ...]] = [("total", "quads", total)]
        rows += [("class", _local(c), n) for c, n in sorted(by_class.items())]
        rows += [("source", g, n) for g, n in sorted(by_source.items())]
        rows += [("dyad", d, n) for d, n in sorted(by_dyad.items())]
        return Rows(["kind", "key", "count"], rows)  # type: ignore[arg-type]

    def size(self) -> int:
        """Quads in the store: a bulk-loaded graph's from its counts (counting a store of millions
        of quads takes seconds), the other graphs and the default graph counted; a server's counted
        by the server."""
        if not isinstance(self.store, OxigraphStore):
            return len(self.store)
        named = sum(self._graph_sizes(g.value for g in self.store.graphs()).values())
        return named + sum(1 for _ in self.store.pattern(graph=ox.DefaultGraph()))

    def _graph_sizes(self, graphs: Iterable[str]) -> dict[str, int]:
        """Quads by graph: a bulk-loaded graph's from its counts, any other counted."""
        counted = self._bulk_counts()
        return {
            g: counted[g]
            if g in counted
            else self._number(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
            for g in graphs
        }

    def _number(self, sparql: str) -> int:
        return _count(self.store.select(sparql).rows[0][0])

    def _bulk_counts(self) -> dict[str, int]:
        """The graphs whose load wrote their counts (exactly one bi:quadCount): quads by graph."""
        rows = self.store.select(f"SELECT ?g ?n WHERE {{ GRAPH ?g {{ ?g <{BI.quadCount}> ?n }} }}").rows
        found: dict[str, list[int]] = {}
        for graph, n in rows:
            found.setdefault(str(graph), []).append(_count(n))
        return {g: ns[0] for g, ns in found.items() if len(ns) == 1}

    def _flow_counts(self, counted: Mapping[str, int]) -> dict[str, int]:
        """Flows by bulk-loaded graph, as their loads counted them."""
        out: dict[str, int] = {}
        for graph in counted:
            rows = self.store.select(f"SELECT ?n WHERE {{ GRAPH <{graph}> {{ <{graph}> <{BI.flowCount}> ?n }} }}").rows
            out[graph] = sum(_count(n) for (n,) in rows)
        return out

    def _dyad_flow_counts(self, counted: Mapping[str, int]) -> dict[str, int]:
        """Flows by dyad name over the bulk-loaded graphs, as their loads counted them. The name
        is read from the dyad's IRI (minted from it): joining each dyad to its bi:name took 0.4-0.9
        s of `stats`' 1 s at 1M rows (7,140 dyads)."""
        out: dict[str, int] = {}
        flow_count = ox.NamedNode(BI.flowCount)
        for graph in counted:
            for quad in self.store.pattern(None, flow_count, None, ox.NamedNode(graph)):
                dyad, n = quad.subject, quad.object
                if isinstance(dyad, ox.NamedNode) and isinstance(n, ox.Literal) and dyad.value != graph:
                    name = iri.dyad_name(dyad.value)
                    out[name] = out.get(name, 0) + _count(n.value)
        return out

    def _counted_stats(self) -> Rows:
        """Every count by one query over the whole store."""
        total = [("total", "quads", len(self.store))]
        by_class = self.store.select(
            "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class"
        )
        by_source = self.store.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        )
        by_dyad = self.store.select(
            "SELECT ?name (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?dyadp ?d . ?d ?namep ?name } "
            "GROUP BY ?name ORDER BY ?name",
            {"dyadp": ox.NamedNode(BI.dyad), "namep": ox.NamedNode(BI.name)},
        )
        rows: list[tuple[object, ...]] = list(total)
        rows += [("class", _local(str(c)), n) for c, n in by_class.rows]
        rows += [("source", str(g), n) for g, n in by_source.rows]
        rows += [("dyad", str(d), n) for d, n in by_dyad.rows]
        return Rows(["kind", "key", "count"], rows)  # type: ignore[arg-type]

    def resolve(self, name: str, kind: str = "entity", *, suggest: bool = True) -> str:
        """The IRI an analyst's name stands for (`JPN`, `Japan`, `Ishiba`, an IRI). An unknown name's
        error lists close names unless `suggest` is false (finding them reads every name)."""
        return resolve(self.store, name, kind, suggest=suggest)

    def names(self, what: str) -> Rows:
        """What there is of a kind (`topics`, `sectors`, `people`, `countries`, `meetings`, `sources`,
        `treaties`): name and IRI, sorted by name."""
        return Rows(["name", "iri"], list(names(self.store, what)))

    def named(self, rows: Rows) -> Rows:
        """The rows with names where they hold IRIs: an entity's name (a source's id), another
        vocabulary's term as `prov:Entity`. Each such column keeps its IRIs in a `<column>_iri`
        column added at the end, so nothing is lost."""
        at = [i for i, c in enumerate(rows.columns) if any(_is_iri(row[i]) for row in rows.rows)]
        if not at:
            return rows
        shown = self._names({str(row[i]) for row in rows.rows for i in at if _is_iri(row[i])})
        named = [
            tuple(shown.get(str(v), v) if i in at and _is_iri(v) else v for i, v in enumerate(row))
            + tuple(row[i] if _is_iri(row[i]) else None for i in at)
            for row in rows.rows
        ]
        return Rows(rows.columns + [f"{rows.columns[i]}_iri" for i in at], named)

    def _names(self, iris: set[str]) -> dict[str, str]:
        """IRI -> how a person names it: bi:name, else bi:notation, else a short form."""
        found = {term: _short(term) for term in iris}
        ours = sorted(t for t in iris if t.startswith(iri.base_iri()))
        for start in range(0, len(ours), 500):  # VALUES in batches: a query stays small
            values = " ".join(f"<{t}>" for t in ours[start : start + 500])
            query = (
                f"PREFIX bi: <{NS}> SELECT ?s (MIN(STR(?n)) AS ?name) (MIN(STR(?c)) AS ?code) "
                f"WHERE {{ VALUES ?s {{ {values} }} "
                "OPTIONAL { ?s bi:name ?n } OPTIONAL { ?s bi:notation ?c } } GROUP BY ?s"
            )
            for term, name, code in self.store.select(query).rows:
                if name is not None or code is not None:
                    found[str(term)] = str(name if name is not None else code)
        return found

    def query_rows(self, name: str, params: dict[str, str] | None = None, backend: str = "rdf") -> Rows:
        """Run a catalog query; parameters are given as text, as on the command line."""
        query = queries.get(name)
        values = query.bind(params or {}, lambda text, kind: self.resolve(text, kind))
        if backend == "rdf":
            bindings = {k: queries.sparql_term(v) for k, v in values.items()}
            return _in_columns(query, queries.finish(query, self.store.select(query.text(values), bindings), values))
        if backend == "neo4j":
            return self._neo4j_query(query, values)
        raise QueryError(f"unknown backend {backend!r}: expected rdf or neo4j")

    def why_empty(self, name: str, params: dict[str, str] | None = None) -> str:
        """One line on why a catalog query has no rows: the same country on both sides, or what
        the graph does have for the countries it asks about (which years, which sources)."""
        query = queries.get(name)
        values = query.bind(params or {}, lambda text, kind: self.resolve(text, kind))
        countries = [str(values[p.name]) for p in query.params if p.type == "country" and values[p.name]]
        codes = [c.rsplit("/", 1)[-1] for c in countries]
        if len(countries) == 2 and countries[0] == countries[1]:
            return f"both sides are the same country ({codes[0]}): a country has no bilateral relations with itself."
        if not countries:
            return "nothing in the graph matches these parameters."
        pattern = " ".join(f"?x ?p{i} <{c}> ." for i, c in enumerate(countries))
        rows = self.store.select(
            f"PREFIX bi: <{NS}> SELECT DISTINCT ?g ?year WHERE {{ GRAPH ?g {{ {pattern} "
            "OPTIONAL { ?x bi:year ?y } OPTIONAL { ?x bi:date ?d } } "
            f"FILTER(?g != <{iri.source_iri(ISO_SOURCE_ID)}>) "
            "BIND(COALESCE(?y, YEAR(?d)) AS ?year) }"
        ).rows
        about = " and ".join(codes)
        if not rows:
            return f"the graph has no facts about {about} (beyond the list of countries): see bilateral list countries."
        sources = sorted({str(g).rsplit("/", 1)[-1] for g, _ in rows})
        years = sorted({int(y) for _, y in rows if isinstance(y, int | Decimal)})
        runs = [[y] for y in years[:1]]
        for year in years[1:]:  # 2019-2022, 2024
            if year == runs[-1][-1] + 1:
                runs[-1].append(year)
            else:
                runs.append([year])
        spans = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
        when = f"for {spans}" if years else "without years"
        shown = ", ".join(sources[:4]) + (f" and {len(sources) - 4} more" if len(sources) > 4 else "")
        return f"the graph has facts about {about} {when}, from {len(sources)} source(s): {shown}."

    def _neo4j_query(self, query: queries.CatalogQuery, values: dict[str, object]) -> Rows:
        if query.cypher is None:
            raise QueryError(f"{query.name} has no Cypher twin ({query.name}.cypher)")
        with self.neo4j() as neo:
            rows = _in_columns(query, neo.run(query.cypher, values))
        # Neo4j stores an xsd:decimal as a float: give it back as the decimal the RDF backend gives
        # (so 7200000000000 stays an integer in JSON, not 7200000000000.0).
        return Rows(rows.columns, [tuple(_decimal(v) for v in row) for row in rows.rows])

    # -- Neo4j -----------------------------------------------------------------------------

    def neo4j(self, settings: Neo4jSettings | None = None) -> Neo4jProjector:
        """A connection to Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD unless `settings`)."""
        return Neo4jProjector(settings)

    def neo4j_sync(self, *, full: bool = False, progress: Progress | None = None) -> SyncReport:
        """Project the store into Neo4j: idempotent, and incremental by source."""
        with self.neo4j() as neo:
            return neo.sync(self.store, progress, full=full)

    def neo4j_status(self) -> Rows:
        """Counts by label and relationship type on both sides, and whether they agree."""
        with self.neo4j() as neo:
            return neo.status(self.store)

    def cypher_rows(self, cypher: str, params: dict[str, object] | None = None, *, write: bool = False) -> Rows:
        """Cypher against Neo4j, read-only unless `write`."""
        return run_cypher(cypher, params, write=write)

    def cypher(self, cypher: str, params: dict[str, object] | None = None, *, write: bool = False) -> pd.DataFrame:
        """Cypher against Neo4j as a DataFrame, for notebooks."""
        rows = self.cypher_rows(cypher, params, write=write)
        return pd.DataFrame(rows.rows, columns=rows.columns)

    def query(self, name: str, backend: str = "rdf", **params: object) -> pd.DataFrame:
        """A catalog query as a DataFrame: `kg.query("leader-on", country="JPN", date="2025-02-07")`."""
        rows = self.query_rows(name, {k: str(v) for k, v in params.items()}, backend)
        return pd.DataFrame(rows.rows, columns=rows.columns)

    def trace(
        self,
        a: str,
        b: str,
        *,
        k: int = 3,
        max_hops: int = 6,
        as_of: str | dt.date | None = None,
        via: Iterable[str] = (),
    ) -> list[dict[str, object]]:
        """The k shortest paths between two entities (named as analysts name them), as data.

        Each path is `{"text": ..., "hops": n, "steps": [{"start", "relationship", "words",
        "forward", "end", "start_name", "end_name", "sources"}, ...]}`.
        """
        paths, names = trace(
            self.store, self.resolve(a), self.resolve(b), k=k, max_hops=max_hops, as_of=_day(as_of), via=via
        )
        return [
            {
                "text": path.text(names),
                "hops": len(path.steps),
                "steps": [
                    {**asdict(step), "start_name": names[step.start], "end_name": names[step.end]}
                    for step in path.steps
                ],
            }
            for path in paths
        ]

    def neighbors(self, x: str, depth: int = 1, *, as_of: str | dt.date | None = None, via: Iterable[str] = ()) -> Rows:
        """Everything within `depth` steps of an entity: distance, node, name, labels, via, sources."""
        rows = neighbors(self.store, self.resolve(x), depth, as_of=_day(as_of), via=via)
        return Rows(["distance", "node", "name", "labels", "via", "sources"], rows)  # type: ignore[arg-type]

    def validate(self) -> list[Violation]:
        """SHACL shapes and integrity checks; an empty list means the store is valid."""
        return validate_store(self.store)

    # -- articles --------------------------------------------------------------------------

    def extract(
        self,
        article: str | Path,
        *,
        published: dt.date | None = None,
        source_url: str | None = None,
        publisher: str | None = None,
        title: str | None = None,
        source_id: str | None = None,
        reliability: str = "secondary",
        output: str | Path | None = None,
        load: bool = False,
        corenlp: str | None = None,
    ) -> ExtractionReport:
        """Draft the facts of an article file (text or HTML), checked against this graph.

        Every fact keeps the exact words and offsets it came from; figures are checked against
        the graph's observations. With `output`, the facts are written as RDF (TriG; N-Quads for
        .nq) and `report.written` says how many quads; with `load`, the article is added as a
        source with its facts (an earlier extraction of it replaced) and `report.added` says how
        many quads the store grew by. Otherwise nothing is written. Binary input is refused.
        With `corenlp` (a CoreNLP server's URL), a quote the rules leave without a speaker takes
        CoreNLP's, where it names a person the article names (opt-in: see graph.corenlp)."""
        from bilateral.graph.corenlp import CoreNLP
        from bilateral.graph.extraction import extract_file, load_report, to_rdf  # loads the article lexicon

        report = extract_file(
            self.store,
            article,
            published=published,
            source_url=source_url,
            publisher=publisher,
            title=title,
            source_id=source_id,
            reliability=reliability,
            corenlp=CoreNLP(corenlp) if corenlp else None,
        )
        if output is not None:
            report = replace(report, written=to_rdf(report.records(), output))
        if load:
            report = replace(report, added=load_report(self.store, report))
        return report

    def export(
        self,
        fmt: str,
        out: str | Path,
        *,
        source: str | None = None,
        dyad: str | None = None,
        force: bool = False,
        progress: Progress | None = None,
    ) -> ExportReport:
        """The graph (or one source's or one dyad's part of it) in `fmt` (EXPORT_FORMATS) at `out`."""
        return export_store(self.store, fmt, out, source=source, dyad=dyad, progress=progress, force=force)

    def snapshot(
        self, snapshot_dir: str | Path | None = None, *, label: str | None = None, progress: Progress | None = None
    ) -> Snapshot:
        """A content-hashed snapshot of the whole store (canonical N-Quads and a manifest)."""
        return create_snapshot(self.store, snapshot_dir, label=label, progress=progress)


def run_cypher(
    cypher: str, params: dict[str, object] | None = None, *, write: bool = False, settings: Neo4jSettings | None = None
) -> Rows:
    """Cypher against Neo4j (no store needed), read-only unless `write`."""
    with Neo4jProjector(settings) as neo:
        return neo.run(cypher, params or {}, write=write)


def _described_sources(quads: list[ox.Quad]) -> list[ox.NamedNode]:
    """The graphs `--replace` may empty: those of the sources the input itself describes (the
    source node typed bi:Source in its own graph), never the shared ISO 3166 graph, which every
    source adds its countries to (emptying it would take the other sources' countries with it)."""
    source, shared = ox.NamedNode(BI.Source), iri.source_iri(ISO_SOURCE_ID)
    return sorted(
        {
            q.graph_name
            for q in quads
            if q.predicate == rdf.RDF_TYPE
            and q.object == source
            and q.subject == q.graph_name
            and isinstance(q.graph_name, ox.NamedNode)
            and q.graph_name.value != shared
        },
        key=lambda g: g.value,
    )


def _day(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{value!r} is not an ISO date (2025-02-07)") from None


def _in_columns(query: queries.CatalogQuery, rows: Rows) -> Rows:
    """Rows in the order of the columns the query's header promises."""
    missing = [c for c in query.columns if c not in rows.columns]
    if missing:
        raise QueryError(f"{query.name}: the query gives no column(s) {', '.join(missing)} that its header promises")
    at = [rows.columns.index(c) for c in query.columns]
    return Rows(list(query.columns), [tuple(row[i] for i in at) for row in rows.rows])


PROV_ENTITY = "http://www.w3.org/ns/prov#Entity"
SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"


def _count(value: object) -> int:
    """A count from a query's row (an xsd:integer)."""
    if not isinstance(value, int | Decimal | str):
        raise QueryError(f"expected a count, got {value!r}")
    return int(value)


def _local(term: str) -> str:
    """A class of the ontology by its local name (Meeting); any other class by its full IRI."""
    return term.removeprefix(NS) if term.startswith(NS) else term


def _is_iri(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _short(term: str) -> str:
    """`prov:Entity` for a term of a known vocabulary, a source's id, or the IRI as it is."""
    for prefix, namespace in PREFIXES.items():
        if term.startswith(namespace) and term != namespace:
            return f"{prefix}:{term[len(namespace) :]}"
    if term.startswith(iri.base_iri()):
        return term.removeprefix(iri.base_iri()).split("/", 1)[-1]  # the part after /id/<kind>/
    return term


def _decimal(value: Any) -> Any:
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(repr(value))
    if isinstance(value, list):
        return [_decimal(v) for v in value]
    return value
