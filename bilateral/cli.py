"""The `bilateral` command: a thin layer over `bilateral.KnowledgeGraph`.

Library errors become `Error: ...` on stderr with exit code 1, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from bilateral import output
from bilateral.api import EXPORT_FORMATS, INPUT_FORMATS, KnowledgeGraph, Progress, Rows
from bilateral.core.errors import BilateralError, QueryError
from bilateral.core.settings import default_store, store_location

F = TypeVar("F", bound=Callable[..., Any])

err_console = Console(stderr=True)
_NOTES = "bilateral.notes"  # ctx.meta key: lines for stderr once a command has answered


class _Group(click.Group):
    """Turns every BilateralError into `Error: ...` and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
        except BilateralError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        for note in ctx.meta.get(_NOTES, []):  # after the answer, and only when there was one
            click.echo(note, err=True)
        return result


def store_option(func: F) -> F:
    return click.option(
        "--store",
        "store",
        type=_StoreType(),
        default=None,
        help="The store folder, or a SPARQL server's URL (http://host:3030/dataset; credentials in "
        "BILATERAL_STORE_USER, BILATERAL_STORE_PASSWORD) (default: $BILATERAL_STORE or ./bilateral-data).",
    )(func)


class _StoreType(click.ParamType):
    """A folder (Path) or a server URL (kept as text: a Path would fold its `//`)."""

    name = "store"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return store_location(value)


def format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(output.FORMATS),
        default="table",
        show_default=True,
        help="How rows are printed; json is an array of objects keyed by column.",
    )(func)


def iris_option(func: F) -> F:
    return click.option(
        "--iris", is_flag=True, help="Show IRIs, not names (JSON always has both: `<column>_iri` beside the name)."
    )(func)


def echo_named(kg: KnowledgeGraph, rows: Rows, fmt: str, iris: bool) -> None:
    """Names, not IRIs, in tables and CSV (IRIs with --iris); JSON has both."""
    if iris and fmt != "json":
        echo_rows(rows.columns, rows.rows, fmt)
        return
    named = kg.named(rows)
    if fmt != "json":
        width = len(rows.columns)
        named = Rows(named.columns[:width], [row[:width] for row in named.rows])
    echo_rows(named.columns, named.rows, fmt)


def echo_rows(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str, title: str | None = None) -> None:
    console = Console() if sys.stdout.isatty() else None
    click.echo(output.render(columns, rows, fmt, title=title, console=console))


def _open(store: Path | None, read_only: bool = False) -> KnowledgeGraph:
    """Read commands open the store read-only: they answer while a load runs, create nothing."""
    kg = KnowledgeGraph.open(store or default_store(), read_only=read_only)
    if read_only and kg.is_empty():  # every answer will be empty: say why, once
        notes = click.get_current_context().meta.setdefault(_NOTES, [])
        notes.append(
            f"Note: the store {str(kg.store.path)!r} is empty: run bilateral demo (the US-Japan "
            "example) or bilateral load PATH to fill it."
        )
    return kg


def _bars() -> AbstractContextManager[Progress | None]:
    """Progress bars on stderr while the work inside runs, or None unless stderr is a terminal.
    They end before a command prints what it did, so no bar is drawn over its answer."""
    return output.progress_bars(err_console)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bilateral")
def main() -> None:
    """A knowledge graph of bilateral relations between countries.

    Facts (leaders, meetings, statements, trade flows, treaties...) are kept in an embedded
    on-disk RDF store, each in the named graph of the source that asserts it.

    Example: bilateral demo
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="The input format, when it cannot be told from the file.",
)
@click.option(
    "--skip-unknown", is_flag=True, help="Leave out (and report) rows of public data sets with unknown country codes."
)
@click.option(
    "--graph", "graph", metavar="IRI", help="The named graph for RDF triples outside any graph (Turtle, N-Triples)."
)
@click.option("--replace", is_flag=True, help="Empty the graph of every source the input asserts before writing it.")
@click.option(
    "--neo4j",
    "to_neo4j",
    is_flag=True,
    help="Then project what changed into Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD).",
)
@click.option(
    "--sha256",
    "sha256",
    metavar="HASH",
    help="The hash a citation gives for the snapshot loaded: refused unless its data has it.",
)
@store_option
def load(
    paths: tuple[Path, ...],
    fmt: str | None,
    skip_unknown: bool,
    graph: str | None,
    replace: bool,
    to_neo4j: bool,
    sha256: str | None,
    store: Path | None,
) -> None:
    """Load files or folders (curated tables, dossiers, RDF) into the store.

    All inputs are checked first; any problem refuses the whole load and lists every bad row.

    Example: bilateral load examples/us-japan-2025
    """
    with _open(store) as kg:
        with _bars() as progress:
            report = kg.load(
                paths,
                format=fmt,
                replace=replace,
                skip_unknown=skip_unknown,
                graph=graph,
                progress=progress,
                sha256=sha256,
            )
        total = kg.size()  # from a bulk-loaded graph's counts: counting the store takes seconds
        for skip in report.skipped:
            click.echo(f"Skipped: {skip}", err=True)
        for reason, count in sorted(report.omitted.items()):
            click.echo(f"Left out {count} row(s): {reason}", err=True)
        for summary in report.summaries:
            click.echo(summary, err=True)
        change = (
            f"{report.added:+d} quads, {total} in the store"
            if report.added or not report.quads
            else f"+0 quads: already loaded, the store is unchanged ({total} quads)"
        )
        click.echo(
            f"Loaded {len(report.files)} file(s): {report.records} records, "
            f"{report.quads} quads in {len(report.sources)} source graph(s); {change}."
        )
        if to_neo4j:
            with _bars() as progress:
                synced = kg.neo4j_sync(progress=progress)
            click.echo(f"Neo4j: {_sync_summary(synced)}")


@main.command()
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the query from a file.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let SERVICE clauses query other servers (refused by default: a read of the "
    "store makes no request elsewhere).",
)
@store_option
@format_option
def sparql(query: str | None, file: Path | None, allow_service: bool, store: Path | None, fmt: str) -> None:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT) against the store.

    The default graph is the union of all source graphs; GRAPH ?g names the source. SERVICE is
    refused unless --allow-service.

    Example: bilateral sparql "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    """
    if (query is None) == (file is None):
        raise QueryError("give a query, or -f FILE (not both)")
    text = file.read_text(encoding="utf-8") if file else str(query)
    with _open(store, read_only=True) as kg:
        rows = kg.store.run(text, allow_service=allow_service)
    echo_rows(rows.columns, rows.rows, fmt)


@main.command()
@store_option
@format_option
@iris_option
def stats(store: Path | None, fmt: str, iris: bool) -> None:
    """Counts: quads, entities by class, facts by source, entities by dyad.

    Example: bilateral stats --format json
    """
    with _open(store, read_only=True) as kg:
        echo_named(kg, kg.stats(), fmt, iris)


@main.command()
@store_option
@format_option
def validate(store: Path | None, fmt: str) -> None:
    """Check the store against the SHACL shapes and integrity rules; exit 1 on violations.

    Example: bilateral validate
    """
    with _open(store, read_only=True) as kg:
        violations = kg.validate()
    if violations:
        echo_rows(violations[0].COLUMNS, [v.row() for v in violations], fmt)
        click.echo(f"{len(violations)} violation(s).", err=True)
        sys.exit(1)
    if fmt == "json":
        click.echo("[]")
    click.echo("The store is valid: no violations.", err=True)


@main.group()
def neo4j() -> None:
    """The Neo4j projection: sync the store into Neo4j, compare counts.

    The server is named by NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD (scripts/neo4j-local start
    prints them for a local server; a cluster or Aura works the same way).
    """


@neo4j.command(name="sync")
@click.option("--full", is_flag=True, help="Project everything again, not only changed sources.")
@store_option
def neo4j_sync(full: bool, store: Path | None) -> None:
    """Project the store into Neo4j, idempotently and incrementally by source.

    Example: bilateral neo4j sync
    """
    with _open(store) as kg, _bars() as progress:
        report = kg.neo4j_sync(full=full, progress=progress)
    click.echo(_sync_summary(report))


@neo4j.command(name="status")
@store_option
@format_option
def neo4j_status(store: Path | None, fmt: str) -> None:
    """Counts on both sides by label and relationship type, and whether they agree.

    Example: bilateral neo4j status
    """
    with _open(store, read_only=True) as kg:
        rows = kg.neo4j_status()
    echo_rows(rows.columns, rows.rows, fmt)
    if not all(row[-1] for row in rows.rows):
        click.echo("Neo4j is not in step with the store: run bilateral neo4j sync.", err=True)
        sys.exit(1)


def _sync_summary(report: Any) -> str:
    if not report.changed:
        return f"nothing to do: Neo4j already holds the {report.sources_unchanged} source(s) as they are."
    return (
        f"{'full' if report.full else 'incremental'} sync: nodes +{report.nodes_created} "
        f"~{report.nodes_updated} -{report.nodes_deleted}, relationships +{report.relationships_created} "
        f"~{report.relationships_updated} -{report.relationships_deleted}; "
        f"{len(report.sources_changed)} source(s) changed, {len(report.sources_removed)} removed, "
        f"{report.sources_unchanged} unchanged."
    )


def _cypher_params(pairs: Sequence[str]) -> dict[str, object]:
    """-p key=value; a value that reads as JSON (a number, true, a list) is passed as such."""
    out: dict[str, object] = {}
    for key, text in _params(pairs).items():
        try:
            out[key] = json.loads(text)
        except ValueError:
            out[key] = text
    return out


@main.command()
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the query from a file.",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter, $KEY in the query (numbers and lists as JSON).",
)
@click.option("--write", is_flag=True, help="Allow the query to write (read-only by default).")
@store_option
@format_option
def cypher(
    query: str | None, file: Path | None, params: tuple[str, ...], write: bool, store: Path | None, fmt: str
) -> None:
    """Run Cypher against Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD).

    Example: bilateral cypher "MATCH (m:Meeting)<-[:PARTICIPATED_IN]-(p) RETURN p.name"
    """
    if (query is None) == (file is None):
        raise QueryError("give a query, or -f FILE (not both)")
    text = file.read_text(encoding="utf-8") if file else str(query)
    from bilateral.api import run_cypher

    rows = run_cypher(text, _cypher_params(params), write=write)
    echo_rows(rows.columns, rows.rows, fmt)


def _params(pairs: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"-p takes key=value, not {pair!r}")
        out[key.strip()] = value
    return out


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--published", metavar="DATE", help="Publication date (ISO); relative dates count from it.")
@click.option("--source-url", help="Where the article can be read.")
@click.option("--publisher", help="Who published it.")
@click.option("--title", help="The article's title.")
@click.option("--source-id", help="The id of the article's source (default: from the file name and text).")
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the extracted facts as RDF (TriG; N-Quads for .nq).",
)
@click.option("--load", "to_store", is_flag=True, help="Add the article as a source and its facts to the store.")
@click.option(
    "--corenlp",
    metavar="URL",
    envvar="BILATERAL_CORENLP",
    help="A Stanford CoreNLP server (scripts/corenlp-local): its speaker for quotes the rules leave without one "
    "[env BILATERAL_CORENLP].",
)
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def extract(
    article: Path,
    published: str | None,
    source_url: str | None,
    publisher: str | None,
    title: str | None,
    source_id: str | None,
    out: Path | None,
    to_store: bool,
    corenlp: str | None,
    store: Path | None,
    fmt: str,
) -> None:
    """Article text (or HTML) to draft facts, each with the exact words and offsets it came from.

    Finds countries, people (resolved through the tenures valid on the publication date),
    the meeting, each quotation with its speaker, figures with their metric and period (each
    checked against the graph's observations), and topics. Nothing needs a network or a model,
    unless --corenlp names a CoreNLP server for the speakers the rules do not find.

    \b
    --format json prints one JSON object:
      {"source": {"id", "iri", "title", "url", "publisher", "published", "reliability"},
       "dyad": [A, B] or null, "rows": [row], "mentions": [{"kind", "exact", "selector",
       "confidence", "how", "refers_to"}]}; a selector is {"type": "TextPositionSelector",
       "start", "end"}.

    Example: bilateral extract article.txt --published 2025-02-08
    """
    day = _iso_day(published)
    with _open(store) as kg:
        report = kg.extract(
            article,
            published=day,
            source_url=source_url,
            publisher=publisher,
            title=title,
            source_id=source_id,
            output=out,
            load=to_store,
            corenlp=corenlp,
        )
    if report.empty_store:
        click.echo(
            "Note: the store is empty, so every person is a new candidate and every "
            "figure has no data to be checked against (bilateral demo fills it).",
            err=True,
        )
    if fmt == "json":
        click.echo(report.as_json())
    else:
        rows = report.rows()
        columns = list(rows[0]) if rows else ["kind", "text"]
        echo_rows(
            columns,
            [tuple(r[c] for c in columns) for r in rows],
            "table",
            title=f"Extracted from {article} (source {report.source.id})",
        )
    if report.written is not None:
        click.echo(f"Wrote {report.written} quads to {out}.", err=True)
    if report.added is not None:
        click.echo(f"Loaded the article as source {report.source.id}: {report.added:+d} quads.", err=True)


def _iso_day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"--published {text!r} is not an ISO date (2025-02-08)") from None


@main.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="trig, nquads, turtle, jsonld: RDF; graphml, gexf: for Gephi and yEd; csv: neo4j-admin "
    "import files (a folder); cypher: a script for an empty Neo4j.",
)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    metavar="PATH",
    help="Where to write: a file (.gz compresses it), a folder for csv, or - for stdout.",
)
@click.option("--source", metavar="ID", help="Only what this source asserts.")
@click.option("--dyad", metavar="A-B", help="Only the facts about this pair of countries (JPN-USA).")
@click.option("--force", is_flag=True, help="Overwrite an existing file (or an earlier csv export).")
@store_option
def export_command(fmt: str, out: str, source: str | None, dyad: str | None, force: bool, store: Path | None) -> None:
    """Export the graph (or one source's or one dyad's part of it) for other tools.

    RDF formats stream from the store; graphml, gexf, csv and cypher are built from the same
    projection Neo4j gets (docs/neo4j-mapping.md).

    Example: bilateral export --format trig -o graph.trig.gz
    """
    with _open(store, read_only=True) as kg, _bars() as progress:
        report = kg.export(fmt, out, source=source, dyad=dyad, progress=progress, force=force)
    # With -o -, the export is on stdout: the report goes to stderr.
    what = (
        f"{report.quads} quads"
        if report.quads is not None
        else f"{report.nodes} nodes and {report.relationships} relationships"
    )
    files = f" in {len(report.files)} files" if len(report.files) > 1 else ""
    if report.format == "turtle" and source is None:  # Turtle has no graphs: say what that cost
        what = (
            f"{report.quads} triples (Turtle has no named graphs: the sources' graphs were merged "
            "into one, a fact several sources assert written once, which source said what left out)"
        )
    click.echo(f"Exported {what} as {report.format} to {report.output}{files}.", err=True)


@main.group()
def snapshot() -> None:
    """Citable, content-hashed snapshots of the graph, and what changed between two.

    Snapshots live in a `snapshots/` folder beside the store (or --snapshots DIR, or
    $BILATERAL_SNAPSHOTS). `bilateral load SNAPSHOT` adds one back (its hash is checked).
    """


def snapshots_option(func: F) -> F:
    return click.option(
        "--snapshots",
        "snapshots",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="BILATERAL_SNAPSHOTS",
        default=None,
        help="The snapshots folder (default: snapshots/ beside the store).",
    )(func)


def _snapshot_dir(snapshots: Path | None, store: Path | None) -> Path:
    from bilateral.api import default_snapshot_dir

    return snapshots or default_snapshot_dir(store or default_store())


@snapshot.command(name="create")
@click.option("--label", help="A label to remember it by (also part of its id).")
@store_option
@snapshots_option
def snapshot_create(label: str | None, store: Path | None, snapshots: Path | None) -> None:
    """Write canonical, sorted N-Quads of the store and a manifest with its sha256.

    Example: bilateral snapshot create --label before-summit
    """
    with _open(store, read_only=True) as kg, _bars() as progress:
        made = kg.snapshot(_snapshot_dir(snapshots, store), label=label, progress=progress)
    click.echo(f"Snapshot {made.id}: {made.quads} quads, sha256 {made.sha256} ({made.path})")


@snapshot.command(name="list")
@store_option
@snapshots_option
@format_option
def snapshot_list(store: Path | None, snapshots: Path | None, fmt: str) -> None:
    """List the snapshots, oldest first.

    Example: bilateral snapshot list
    """
    from bilateral.api import scan_snapshots, snapshot_rows

    found, unreadable = scan_snapshots(_snapshot_dir(snapshots, store))
    rows = snapshot_rows(found)
    echo_rows(rows.columns, rows.rows, fmt)
    for _, err in unreadable:
        click.echo(f"Unreadable: {err}", err=True)


@snapshot.command(name="diff")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["entity", "source"]), default="entity", show_default=True)
@click.option("--summary", is_flag=True, help="Counts per entity or source instead of every fact.")
@store_option
@snapshots_option
@format_option
def snapshot_diff(a: str, b: str, by: str, summary: bool, store: Path | None, snapshots: Path | None, fmt: str) -> None:
    """Facts added and removed between snapshots A and B (ids, labels, paths or `latest`).

    \b
    --format json prints one JSON object (with --summary, an array of rows):
      {"a": {"id", "sha256"}, "b": {"id", "sha256"}, "added": N, "removed": N,
       "by_entity": {IRI: {"added": [fact], "removed": [fact]}}, "by_source": {...}}

    Example: bilateral snapshot diff before-summit latest --by source
    """
    from bilateral.api import diff_snapshots

    diff = diff_snapshots(a, b, _snapshot_dir(snapshots, store))
    if fmt == "json" and not summary:
        click.echo(json.dumps(diff.as_json(), ensure_ascii=False, indent=2, default=output.plain))
        return
    rows = diff.summary_rows(by) if summary else diff.rows(by)
    echo_rows(rows.columns, rows.rows, fmt)
    click.echo(f"{len(diff.added)} fact(s) added, {len(diff.removed)} removed.", err=True)


@main.command(name="queries")
@format_option
def list_queries(fmt: str) -> None:
    """List the query catalog: each query's name, parameters and what it answers.

    Example: bilateral queries
    """
    from bilateral import queries as catalog

    rows = [
        (
            q.name,
            " ".join(f"{p.name}={p.type}{'?' if p.optional else ''}" for p in q.params),
            "yes" if q.cypher else "no",
            q.answers,
        )
        for q in catalog.catalog().values()
    ]
    echo_rows(["name", "parameters", "cypher", "answers"], rows, fmt)


@main.command()
@click.argument("name")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter (repeat for several); see `bilateral queries`.",
)
@click.option("--backend", type=click.Choice(["rdf", "neo4j"]), default="rdf", show_default=True)
@store_option
@format_option
@iris_option
def query(name: str, params: tuple[str, ...], backend: str, store: Path | None, fmt: str, iris: bool) -> None:
    """Run a catalog query by name, with parameters as analysts write them.

    Example: bilateral query leader-on -p country=JPN -p date=2025-02-07
    """
    with _open(store, read_only=True) as kg:
        rows = kg.query_rows(name, _params(params), backend=backend)
        echo_named(kg, rows, fmt, iris)
        if not rows.rows:  # an empty table alone reads as "broken": say why
            click.echo(f"No rows: {kg.why_empty(name, _params(params))}", err=True)


# -- list ---------------------------------------------------------------------------------


@main.command(name="list")
@click.argument("what", metavar="WHAT")
@click.option("--iris", is_flag=True, help="Show each IRI beside its name.")
@store_option
@format_option
def list_names(what: str, iris: bool, store: Path | None, fmt: str) -> None:
    """What the graph has, by name: topics, sectors, people, countries, meetings, sources or treaties.

    JSON always carries the IRI (key `iri`).

    Example: bilateral list topics
    """
    with _open(store, read_only=True) as kg:
        rows = kg.names(what)
    if iris or fmt == "json":
        echo_rows(rows.columns, rows.rows, fmt)
    else:
        echo_rows(["name"], [(name,) for name, _ in rows.rows], fmt)


# -- chart ---------------------------------------------------------------------------------

_CHART_TITLES = {
    "trade-balance": "Goods trade balance of {a} with {b}",
    "top-sectors": "Top sectors of {exporter}'s exports to {importer}, {year}",
}


@main.command()
@click.argument("kind", type=click.Choice(["trade-balance", "top-sectors"]))
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the catalog query of the same name (see `bilateral queries`).",
)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .svg or .png.",
)
@click.option("--title", help="The chart's title (default: says what and whom it shows).")
@store_option
def chart(kind: str, params: tuple[str, ...], out: Path, title: str | None, store: Path | None) -> None:
    """Draw a catalog query's answer: trade-balance as one line per source over the years,
    top-sectors as bars (n defaults to 10). Every chart names its sources in a caption.

    Example: bilateral chart trade-balance -p a=USA -p b=JPN -o balance.svg
    """
    from bilateral import charts

    values = _params(params)
    if kind == "top-sectors":
        values.setdefault("n", "10")
    with _open(store, read_only=True) as kg:
        rows = kg.query_rows(kind, values)
    try:
        heading = title or _CHART_TITLES[kind].format(**values)
    except KeyError:
        heading = None
    written = charts.save(charts.chart(kind, rows, title=heading), out)
    click.echo(f"Wrote the {kind} chart to {written}.", err=True)


def _as_of_option(func: F) -> F:
    func = click.option(
        "--via",
        multiple=True,
        metavar="TYPE",
        help="Only follow these relationship types (PARTICIPATED_IN, TOPIC, ...).",
    )(func)
    return click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        help="Ignore facts not valid that day (later events, tenures out of office).",
    )(func)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("-k", "k", type=click.IntRange(1, 50), default=3, show_default=True, help="How many paths.")
@click.option("--max-hops", type=click.IntRange(1, 20), default=6, show_default=True)
@_as_of_option
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def trace(
    a: str, b: str, k: int, max_hops: int, as_of: str | None, via: tuple[str, ...], store: Path | None, fmt: str
) -> None:
    """How two entities connect: the k shortest paths, each step in words with its sources.

    Example: bilateral trace "Shigeru Ishiba" "United States"
    """
    with _open(store, read_only=True) as kg:
        paths = kg.trace(a, b, k=k, max_hops=max_hops, as_of=as_of, via=via)
    if fmt == "json":
        click.echo(json.dumps(paths, ensure_ascii=False, indent=2, default=output.plain))
        return
    if not paths:
        click.echo(f"No path of at most {max_hops} steps between {a} and {b}.")
        return
    for number, path in enumerate(paths, 1):
        click.echo(f"{number}. ({path['hops']} steps) {path['text']}")


@main.command()
@click.argument("x")
@click.option("--depth", type=click.IntRange(1, 6), default=1, show_default=True)
@_as_of_option
@store_option
@format_option
def neighbors(x: str, depth: int, as_of: str | None, via: tuple[str, ...], store: Path | None, fmt: str) -> None:
    """An entity's surroundings: everything within --depth steps, and how it is reached.

    Example: bilateral neighbors JPN --depth 2
    """
    with _open(store, read_only=True) as kg:
        rows = kg.neighbors(x, depth, as_of=as_of, via=via)
    echo_rows(rows.columns, rows.rows, fmt)


@main.command()
@store_option
def demo(store: Path | None) -> None:
    """Build the US-Japan 2025 example graph and answer a few questions about it.

    Loads the sourced example (the 7 February 2025 Trump-Ishiba summit, both sides' trade
    figures, the 1960 security treaty) into the store, then asks it: who met and in what office,
    the 2024 goods balance by each source, what Trump said, which treaty was in force.

    Example: bilateral demo --store /tmp/demo
    """
    from bilateral.examples import example_path

    with _open(store) as kg:
        report = kg.load([example_path()])
        where = kg.store.path
        click.echo(
            f"Loaded the US-Japan 2025 example into {where}: {report.records} records, "
            f"{kg.size()} quads in {len(report.sources)} source graphs.\n"
        )
        counts = [(k, n) for kind, k, n in kg.stats().rows if kind == "class" and "#" not in str(k)]
        echo_rows(["class", "entities"], counts, "table", title="What the graph holds")
        answers = [
            (
                "Who met on 2025-02-07, and in what office",
                "meeting-participants",
                {"meeting": "2025-02-07"},
                ("name", "country", "office", "source"),
            ),
            (
                "The 2024 US goods balance with Japan, by source (reported beside computed from flows)",
                "trade-balance",
                {"a": "USA", "b": "JPN", "years": "2024"},
                ("source", "reporter", "currency", "exports", "imports", "balance_computed", "balance_reported"),
            ),
            (
                "What Trump said at the summit",
                "statements-by",
                {"person": "Donald Trump", "meeting": "2025-02-07"},
                ("text", "source"),
            ),
            (
                "Which US-Japan treaty was in force that day (each source's in-force date)",
                "alliances-in-force",
                {"a": "USA", "b": "JPN", "date": "2025-02-07"},
                ("name", "in_force", "source"),
            ),
        ]
        for title, name, params, columns in answers:
            rows = kg.query_rows(name, params)
            at = [rows.columns.index(c) for c in columns]
            click.echo("")
            echo_rows(
                columns,
                [tuple(r[i] for i in at) for r in rows.rows],
                "table",
                title=f"{title}  (bilateral query {name})",
            )
    click.echo('\nTry: bilateral queries | bilateral sparql "SELECT ..." | bilateral validate')


# -- the web app (bilateral serve, bilateral report) -----------------------------------------


@main.command()
@store_option
@click.option("--port", default=8000, show_default=True, help="The port to listen on.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="The address to bind (127.0.0.1: this machine only)."
)
@click.option("--timeout", default=30.0, show_default=True, help="Seconds a /sparql query may run.")
def serve(store: Path | None, port: int, host: str, timeout: float) -> None:
    """Serve the web app and a read-only SPARQL endpoint (/sparql) over the store.

    The store is opened read-only: the CLI keeps working beside the server, and a load's new
    facts show on the next page. A store on a SPARQL server (--store http://...) is asked for
    every page; its credentials come from BILATERAL_STORE_USER and BILATERAL_STORE_PASSWORD.

    Example: bilateral serve --port 8000, then open http://127.0.0.1:8000/dyad/USA-JPN
    """
    import uvicorn

    from bilateral.web import create_app

    path = store or default_store()
    # A missing or unreadable store (a server unreachable, a wrong password) is an error here, not per page.
    _open(store, read_only=True).close()
    click.echo(f"Serving {path} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(path, timeout=timeout), host=host, port=port, log_level="warning")


@main.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
@click.option(
    "--base-url",
    default=None,
    help="The address of a `bilateral serve` its readers reach (http://host:8000): names and sources "
    "link to its pages. Without it they are plain text (a mailed file has no server behind it).",
)
@store_option
def report(a: str, b: str, out: Path, base_url: str | None, store: Path | None) -> None:
    """Write the dyad page of A and B as one standalone HTML file (for e-mail, print).

    Example: bilateral report USA JPN -o brief.html --base-url http://analysts.example:8000
    """
    from bilateral.web import render_dyad

    with _open(store, read_only=True) as kg:
        html = render_dyad(kg, a, b, base_url)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as err:
        raise BilateralError(f"cannot write {str(out)!r}: {err.strerror or err}") from err
    click.echo(f"Wrote {out}", err=True)


if __name__ == "__main__":
    main()
