"""The `bilateral` command: a thin layer over `bilateral.KnowledgeGraph`.

Library errors become `Error: ...` on stderr with exit code 1, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn

from bilateral import output
from bilateral.api import KnowledgeGraph
from bilateral.core.errors import BilateralError, QueryError
from bilateral.core.settings import default_store, store_location
from bilateral.graph.export import FORMATS as EXPORT_FORMATS
from bilateral.loaders.detect import FORMATS as INPUT_FORMATS

F = TypeVar("F", bound=Callable[..., Any])

err_console = Console(stderr=True)


class _Group(click.Group):
    """Turns every BilateralError into `Error: ...` and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BilateralError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


def store_option(func: F) -> F:
    return click.option(
        "--store", "store", type=_StoreType(), default=None,
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
        "--format", "fmt", type=click.Choice(output.FORMATS), default="table", show_default=True,
        help="How rows are printed; json is an array of objects keyed by column.",
    )(func)


def echo_rows(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str,
              title: str | None = None) -> None:
    console = Console() if sys.stdout.isatty() else None
    click.echo(output.render(columns, rows, fmt, title=title, console=console))


def _open(store: Path | None, read_only: bool = False) -> KnowledgeGraph:
    """Read commands open the store read-only: they answer while a load runs, create nothing."""
    return KnowledgeGraph.open(store or default_store(), read_only=read_only)


def with_progress(func: F) -> F:
    """Passes a `progress` callback that draws a bar on stderr (only on a terminal)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not err_console.is_terminal:
            return func(*args, progress=None, **kwargs)
        columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"))
        with Progress(*columns, console=err_console, transient=True) as bar:
            tasks: dict[str, Any] = {}

            def progress(what: str, done: int, total: int) -> None:
                if what not in tasks:
                    tasks[what] = bar.add_task(what, total=total)
                bar.update(tasks[what], completed=done, total=total)

            return func(*args, progress=progress, **kwargs)

    return wrapper  # type: ignore[return-value]


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
@click.option("--format", "fmt", type=click.Choice(INPUT_FORMATS), default=None,
              help="The input format, when it cannot be told from the file.")
@click.option("--skip-unknown", is_flag=True,
              help="Leave out (and report) rows of public data sets with unknown country codes.")
@click.option("--graph", "graph", metavar="IRI",
              help="The named graph for RDF triples outside any graph (Turtle, N-Triples).")
@click.option("--replace", is_flag=True,
              help="Empty the graph of every source the input asserts before writing it.")
@click.option("--neo4j", "to_neo4j", is_flag=True,
              help="Then project what changed into Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD).")
@click.option("--sha256", "sha256", metavar="HASH",
              help="The hash a citation gives for the snapshot loaded: refused unless its data has it.")
@store_option
@with_progress
def load(paths: tuple[Path, ...], fmt: str | None, skip_unknown: bool, graph: str | None, replace: bool,
         to_neo4j: bool, sha256: str | None, store: Path | None, progress: Any) -> None:
    """Load files or folders (curated tables, dossiers, RDF) into the store.

    All inputs are checked first; any problem refuses the whole load and lists every bad row.

    Example: bilateral load examples/us-japan-2025
    """
    with _open(store) as kg:
        report = kg.load(paths, format=fmt, replace=replace, skip_unknown=skip_unknown, graph=graph,
                         progress=progress, sha256=sha256)
        total = len(kg.store)
        for skip in report.skipped:
            click.echo(f"Skipped: {skip}", err=True)
        for reason, count in sorted(report.omitted.items()):
            click.echo(f"Left out {count} row(s): {reason}", err=True)
        for summary in report.summaries:
            click.echo(summary, err=True)
        click.echo(f"Loaded {len(report.files)} file(s): {report.records} records, "
                   f"{report.quads} quads in {len(report.sources)} source graph(s); "
                   f"{report.added:+d} quads, {total} in the store.")
        if to_neo4j:
            synced = kg.neo4j_sync(progress=progress)
            click.echo(f"Neo4j: {_sync_summary(synced)}")


@main.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a file.")
@click.option("--allow-service", is_flag=True,
              help="Let SERVICE clauses query other servers (refused by default: a read of the "
                   "store makes no request elsewhere).")
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
def stats(store: Path | None, fmt: str) -> None:
    """Counts: quads, entities by class, facts by source, entities by dyad.

    Example: bilateral stats --format json
    """
    with _open(store, read_only=True) as kg:
        rows = kg.stats()
    echo_rows(rows.columns, rows.rows, fmt)


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
        from bilateral.graph.validate import Violation

        echo_rows(Violation.COLUMNS, [v.row() for v in violations], fmt)
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
@with_progress
def neo4j_sync(full: bool, store: Path | None, progress: Any) -> None:
    """Project the store into Neo4j, idempotently and incrementally by source.

    Example: bilateral neo4j sync
    """
    with _open(store) as kg:
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
    return (f"{'full' if report.full else 'incremental'} sync: nodes +{report.nodes_created} "
            f"~{report.nodes_updated} -{report.nodes_deleted}, relationships +{report.relationships_created} "
            f"~{report.relationships_updated} -{report.relationships_deleted}; "
            f"{len(report.sources_changed)} source(s) changed, {len(report.sources_removed)} removed, "
            f"{report.sources_unchanged} unchanged.")


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
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a file.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter, $KEY in the query (numbers and lists as JSON).")
@click.option("--write", is_flag=True, help="Allow the query to write (read-only by default).")
@store_option
@format_option
def cypher(query: str | None, file: Path | None, params: tuple[str, ...], write: bool,
           store: Path | None, fmt: str) -> None:
    """Run Cypher against Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD).

    Example: bilateral cypher "MATCH (m:Meeting)<-[:PARTICIPATED_IN]-(p) RETURN p.name"
    """
    if (query is None) == (file is None):
        raise QueryError("give a query, or -f FILE (not both)")
    text = file.read_text(encoding="utf-8") if file else str(query)
    from bilateral.graph.neo4j import Neo4jProjector

    with Neo4jProjector() as neo:
        rows = neo.run(text, _cypher_params(params), write=write)
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
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the extracted facts as RDF (TriG; N-Quads for .nq).")
@click.option("--load", "to_store", is_flag=True, help="Add the article as a source and its facts to the store.")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def extract(article: Path, published: str | None, source_url: str | None, publisher: str | None,
            title: str | None, source_id: str | None, out: Path | None, to_store: bool,
            store: Path | None, fmt: str) -> None:
    """Article text (or HTML) to draft facts, each with the exact words and offsets it came from.

    Finds countries, people (resolved through the tenures valid on the publication date),
    the meeting, each quotation with its speaker, figures with their metric and period (each
    checked against the graph's observations), and topics. Nothing needs a network or a model.

    Example: bilateral extract article.txt --published 2025-02-08
    """
    day = _iso_day(published)
    with _open(store) as kg:
        report = kg.extract(article, published=day, source_url=source_url, publisher=publisher, title=title,
                            source_id=source_id, output=out, load=to_store)
    if report.empty_store:
        click.echo("Note: the store is empty, so every person is a new candidate and every "
                   "figure has no data to be checked against (bilateral demo fills it).", err=True)
    if fmt == "json":
        click.echo(report.as_json())
    else:
        rows = report.rows()
        columns = list(rows[0]) if rows else ["kind", "text"]
        echo_rows(columns, [tuple(r[c] for c in columns) for r in rows], "table",
                  title=f"Extracted from {article} (source {report.source.id})")
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
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="trig, nquads, turtle, jsonld: RDF; graphml, gexf: for Gephi and yEd; csv: neo4j-admin "
                   "import files (a folder); cypher: a script for an empty Neo4j.")
@click.option("-o", "--output", "out", required=True, metavar="PATH",
              help="Where to write: a file (.gz compresses it), a folder for csv, or - for stdout.")
@click.option("--source", metavar="ID", help="Only what this source asserts.")
@click.option("--dyad", metavar="A-B", help="Only the facts about this pair of countries (JPN-USA).")
@click.option("--force", is_flag=True, help="Overwrite an existing file (or an earlier csv export).")
@store_option
@with_progress
def export_command(fmt: str, out: str, source: str | None, dyad: str | None, force: bool,
                   store: Path | None, progress: Any) -> None:
    """Export the graph (or one source's or one dyad's part of it) for other tools.

    RDF formats stream from the store; graphml, gexf, csv and cypher are built from the same
    projection Neo4j gets (docs/neo4j-mapping.md).

    Example: bilateral export --format trig -o graph.trig.gz
    """
    from bilateral.graph.export import export

    with _open(store, read_only=True) as kg:
        report = export(kg.store, fmt, out, source=source, dyad=dyad, progress=progress, force=force)
    # With -o -, the export is on stdout: the report goes to stderr.
    what = (f"{report.quads} quads" if report.quads is not None
            else f"{report.nodes} nodes and {report.relationships} relationships")
    files = f" in {len(report.files)} files" if len(report.files) > 1 else ""
    click.echo(f"Exported {what} as {report.format} to {report.output}{files}.", err=True)


@main.group()
def snapshot() -> None:
    """Citable, content-hashed snapshots of the graph, and what changed between two.

    Snapshots live in a `snapshots/` folder beside the store (or --snapshots DIR, or
    $BILATERAL_SNAPSHOTS). `bilateral load SNAPSHOT` adds one back (its hash is checked).
    """


def snapshots_option(func: F) -> F:
    return click.option("--snapshots", "snapshots", type=click.Path(file_okay=False, path_type=Path),
                        envvar="BILATERAL_SNAPSHOTS", default=None,
                        help="The snapshots folder (default: snapshots/ beside the store).")(func)


def _snapshot_dir(snapshots: Path | None, store: Path | None) -> Path:
    from bilateral.graph.snapshot import default_snapshot_dir

    return snapshots or default_snapshot_dir(store or default_store())


@snapshot.command(name="create")
@click.option("--label", help="A label to remember it by (also part of its id).")
@store_option
@snapshots_option
def snapshot_create(label: str | None, store: Path | None, snapshots: Path | None) -> None:
    """Write canonical, sorted N-Quads of the store and a manifest with its sha256.

    Example: bilateral snapshot create --label before-summit
    """
    from bilateral.graph.snapshot import create_snapshot

    with _open(store, read_only=True) as kg:
        made = create_snapshot(kg.store, _snapshot_dir(snapshots, store), label=label)
    click.echo(f"Snapshot {made.id}: {made.quads} quads, sha256 {made.sha256} ({made.path})")


@snapshot.command(name="list")
@store_option
@snapshots_option
@format_option
def snapshot_list(store: Path | None, snapshots: Path | None, fmt: str) -> None:
    """List the snapshots, oldest first.

    Example: bilateral snapshot list
    """
    from bilateral.graph.snapshot import scan_snapshots, snapshot_rows

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
def snapshot_diff(a: str, b: str, by: str, summary: bool, store: Path | None, snapshots: Path | None,
                  fmt: str) -> None:
    """Facts added and removed between snapshots A and B (ids, labels, paths or `latest`).

    Example: bilateral snapshot diff before-summit latest --by source
    """
    from bilateral.graph.snapshot import diff_snapshots

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

    rows = [(q.name, " ".join(f"{p.name}={p.type}{'?' if p.optional else ''}" for p in q.params),
             "yes" if q.cypher else "no", q.answers) for q in catalog.catalog().values()]
    echo_rows(["name", "parameters", "cypher", "answers"], rows, fmt)


@main.command()
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter (repeat for several); see `bilateral queries`.")
@click.option("--backend", type=click.Choice(["rdf", "neo4j"]), default="rdf", show_default=True)
@store_option
@format_option
def query(name: str, params: tuple[str, ...], backend: str, store: Path | None, fmt: str) -> None:
    """Run a catalog query by name, with parameters as analysts write them.

    Example: bilateral query leader-on -p country=JPN -p date=2025-02-07
    """
    with _open(store, read_only=True) as kg:
        rows = kg.query_rows(name, _params(params), backend=backend)
    echo_rows(rows.columns, rows.rows, fmt)


def _as_of_option(func: F) -> F:
    func = click.option("--via", multiple=True, metavar="TYPE",
                        help="Only follow these relationship types (PARTICIPATED_IN, TOPIC, ...).")(func)
    return click.option("--as-of", "as_of", metavar="DATE",
                        help="Ignore facts not valid that day (later events, tenures out of office).")(func)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("-k", "k", type=click.IntRange(1, 50), default=3, show_default=True, help="How many paths.")
@click.option("--max-hops", type=click.IntRange(1, 20), default=6, show_default=True)
@_as_of_option
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def trace(a: str, b: str, k: int, max_hops: int, as_of: str | None, via: tuple[str, ...],
          store: Path | None, fmt: str) -> None:
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
def neighbors(x: str, depth: int, as_of: str | None, via: tuple[str, ...], store: Path | None,
              fmt: str) -> None:
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
        click.echo(f"Loaded the US-Japan 2025 example into {where}: {report.records} records, "
                   f"{len(kg.store)} quads in {len(report.sources)} source graphs.\n")
        counts = [(k, n) for kind, k, n in kg.stats().rows if kind == "class" and "#" not in str(k)]
        echo_rows(["class", "entities"], counts, "table", title="What the graph holds")
        answers = [
            ("Who met on 2025-02-07, and in what office",
             "meeting-participants", {"meeting": "2025-02-07"}, ("name", "country", "office", "source")),
            ("The 2024 US goods balance with Japan, by source (reported beside computed from flows)",
             "trade-balance", {"a": "USA", "b": "JPN", "years": "2024"},
             ("source", "reporter", "currency", "exports", "imports", "balance_computed",
              "balance_reported")),
            ("What Trump said at the summit",
             "statements-by", {"person": "Donald Trump", "meeting": "2025-02-07"},
             ("text", "source")),
            ("Which US-Japan treaty was in force that day (each source's in-force date)",
             "alliances-in-force", {"a": "USA", "b": "JPN", "date": "2025-02-07"},
             ("name", "in_force", "source")),
        ]
        for title, name, params, columns in answers:
            rows = kg.query_rows(name, params)
            at = [rows.columns.index(c) for c in columns]
            click.echo("")
            echo_rows(columns, [tuple(r[i] for i in at) for r in rows.rows], "table",
                      title=f"{title}  (bilateral query {name})")
    click.echo("\nTry: bilateral queries | bilateral sparql \"SELECT ...\" | bilateral validate")


if __name__ == "__main__":
    main()
