"""The analysts' web app: server-rendered pages over the API, and the read-only /sparql endpoint."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shlex
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bilateral import charts, output, queries
from bilateral.api import KnowledgeGraph
from bilateral.core.errors import BilateralError, QueryError
from bilateral.graph.remote import is_url
from bilateral.graph.snapshot import default_snapshot_dir, diff_snapshots, list_snapshots
from bilateral.graph.store import Rows
from bilateral.web import data
from bilateral.web.endpoint import GRAPH_TYPES, RESULT_TYPES, QueryTimeout, RemoteWorker, Worker, is_update

__all__ = ["create_app", "render_dyad"]

T = TypeVar("T")

STATIC = Path(__file__).parent / "static"
_env = Environment(loader=PackageLoader("bilateral.web", "templates"), autoescape=select_autoescape(default=True))


def _show(value: object) -> str:
    """A value exactly as stored, as text: what a download (CSV) holds."""
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


_env.filters["show"] = output.human  # as the CLI's table shows it (145,000,000,000), escaped by the page
_env.filters["local"] = data.local
_env.globals["urlencode"] = urlencode
_env.globals["base"] = ""  # where links to the app's pages start (see _value.html's `link`)


class Graph:
    """The store, opened read-only; an embedded one is opened again when a writer (a `load`) has
    changed it, a server (a URL) is asked afresh by every query.

    Pages run in Starlette's thread pool (sync endpoints), so a slow page does not hold the others."""

    def __init__(self, location: Path | str) -> None:
        self.location = location
        self.remote = is_url(location)
        self._lock = threading.Lock()
        self._kg: KnowledgeGraph | None = None
        self._stamp = -1.0

    @property
    def stamp(self) -> float | None:
        """Which state of the store the pages show (changes when a writer has changed it); None on
        a server, whose data others change without telling: nothing is kept from one page to the next."""
        return None if self.remote else self._stamp

    @contextmanager
    def open(self) -> Iterator[KnowledgeGraph]:
        with self._lock:
            if self.remote:
                if self._kg is None:
                    self._kg = KnowledgeGraph.open(self.location, read_only=True)
            else:
                path = Path(self.location)
                stamp = path.stat().st_mtime if path.exists() else -1.0
                if self._kg is None or stamp != self._stamp:
                    # The old one is left to pages still reading it (it closes when no longer used).
                    self._kg, self._stamp = KnowledgeGraph.open(path, read_only=True), stamp
            kg = self._kg
        yield kg


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(template).render(**context), status_code=status)


class _Site:
    """The pages and the endpoint over one store."""

    def __init__(self, store: Path | str, timeout: float, row_limit: int) -> None:
        self.store, self.timeout, self.row_limit = store, timeout, row_limit
        self.graph = Graph(store)
        self.worker: Worker | RemoteWorker = (
            RemoteWorker(str(store), timeout) if self.graph.remote else Worker(Path(store), timeout)
        )
        self._kept: dict[tuple[str, ...], Any] = {}  # what pages computed, for the store as it is
        self._kept_stamp: float | None = None
        self._kept_lock = threading.Lock()

    def keep(self, key: tuple[str, ...], make: Callable[[], T]) -> T:
        """`make()`, computed once while the embedded store stays as it is (call it inside
        `graph.open()`). A server's data changes without telling: asked afresh every time."""
        stamp = self.graph.stamp
        if stamp is None:
            return make()
        with self._kept_lock:
            if self._kept_stamp != stamp:
                self._kept, self._kept_stamp = {}, stamp
            if key in self._kept:
                return cast(T, self._kept[key])
        value = make()
        with self._kept_lock:
            if self._kept_stamp == stamp:
                if len(self._kept) > 200:
                    self._kept.clear()
                self._kept[key] = value
        return value

    def error_page(self, err: BilateralError, status: int = 400) -> HTMLResponse:
        return page("error.html", status, message=str(err))

    def home(self, request: Request) -> Response:
        q = request.query_params.get("q", "")
        hits: list[dict[str, str]] = []
        close: list[dict[str, str]] = []
        if q:
            with self.graph.open() as kg:
                hits, close = data.search(kg, q, self.keep(("labels",), lambda: data.label_index(kg)))
        template = "_hits.html" if request.headers.get("HX-Request") else "search.html"
        return page(template, q=q, hits=hits, close=close)

    def entity(self, request: Request) -> Response:
        node = request.query_params.get("iri", "")
        with self.graph.open() as kg:
            try:
                node = kg.resolve(node)
            except BilateralError as err:
                return self.error_page(err, 404)
            out, inc = data.entity_facts(kg, node)
            kinds = data.classes(kg, node)
            return page(
                "entity.html",
                iri=node,
                name=data.label(kg, node),
                kinds=kinds,
                facts=out,
                incoming=inc,
                conflicts=data.conflicts(out),
                labels=_labels(kg, out, inc),
            )

    def dyad_page(self, request: Request) -> Response:
        pair = request.path_params["pair"]
        a, _, b = pair.partition("-")
        year = request.query_params.get("year")
        with self.graph.open() as kg:

            def make() -> str:  # seven catalog queries; the charts are drawn at their own URLs
                context = data.dyad(kg, a, b, int(year) if year and year.isdigit() else None)
                return _env.get_template("dyad.html").render(**context, charts=_chart_images(context), standalone=False)

            try:
                return HTMLResponse(self.keep(("dyad", pair, year or ""), make))
            except BilateralError as err:
                return self.error_page(err, 404)

    def dyad_chart(self, request: Request) -> Response:
        """One chart of a dyad page as SVG (the page's <img>), kept until the store changes; a
        browser asking again with its ETag gets a 304."""
        pair, name = request.path_params["pair"], request.path_params["name"]
        a, _, b = pair.partition("-")
        year = request.query_params.get("year", "")
        with self.graph.open() as kg:

            def make() -> tuple[str, str]:
                for code in (a, b):
                    kg.resolve(code, "country")  # an unknown country: its error, as the page's
                if name == "balance":
                    kind, result = "trade-balance", data.dyad_balance(kg, a, b)
                else:
                    pairs = {f"sectors-{x}-{y}": (x, y) for x, y in ((a, b), (b, a))}
                    if name not in pairs:
                        raise QueryError(f"the dyad page has no chart {name!r}: balance, {', '.join(pairs)}")
                    shown = int(year) if year.isdigit() else data.dyad_year(data.dyad_balance(kg, a, b))
                    kind, result = "top-sectors", data.top_sectors(kg, *pairs[name], shown)
                if result["error"]:
                    raise QueryError(result["error"])
                svg = charts.to_svg(charts.chart(kind, Rows(list(result["columns"]), list(result["rows"]))))
                return svg, '"' + hashlib.sha256(svg.encode()).hexdigest()[:32] + '"'

            try:
                svg, etag = self.keep(("chart", pair, name, year), make)
            except BilateralError as err:
                return PlainTextResponse(str(err), 404)
        headers = {"ETag": etag, "Cache-Control": "no-cache"}  # the browser keeps it, and asks if it changed
        if etag in [tag.strip() for tag in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        return Response(svg, media_type="image/svg+xml", headers=headers)

    def meeting(self, request: Request) -> Response:
        text = request.query_params.get("iri", "")
        with self.graph.open() as kg:
            try:
                node = kg.resolve(text, "meeting")
            except BilateralError as err:
                return self.error_page(err, 404)
            return page(
                "meeting.html",
                iri=node,
                name=data.label(kg, node),
                context=data.rows_of(kg, "event-context", {"meeting": node}),
                participants=data.rows_of(kg, "meeting-participants", {"meeting": node}),
            )

    def catalog_page(self, request: Request) -> Response:
        return page("catalog.html", catalog=data.catalog())

    def _run(self, name: str, params: dict[str, str]) -> tuple[queries.CatalogQuery, dict[str, Any] | None]:
        query = queries.get(name)
        if not params and any(not p.optional for p in query.params):
            return query, None  # the form only
        with self.graph.open() as kg:
            return query, data.rows_of(kg, name, params)

    def catalog_query(self, request: Request) -> Response:
        name, fmt = request.path_params["name"], request.path_params.get("fmt", "")
        params = {k: v for k, v in request.query_params.items() if v != ""}
        try:
            query, result = self._run(name, params)
        except QueryError as err:
            return self.error_page(err, 404)
        if fmt and result is not None and result["error"] is None:
            return _download(name, fmt, result["columns"], result["rows"])
        if fmt:
            return PlainTextResponse(result["error"] if result else "give the query's parameters", 400)
        rows = result["rows"] if result else []
        command = "bilateral query " + " ".join(
            [shlex.quote(name)] + [f"-p {shlex.quote(f'{k}={v}')}" for k, v in params.items()]
        )
        return page(
            "query.html",
            query=query,
            params=params,
            result=result,
            rows=rows[: self.row_limit],
            cut=max(0, len(rows) - self.row_limit),
            command=command,
            qs=urlencode(params),
        )

    def editor(self, request: Request) -> Response:
        return page("editor.html", timeout=self.timeout)

    async def sparql(self, request: Request) -> Response:
        text, refused = await _sparql_text(request)
        if refused:
            return PlainTextResponse(refused, 403)
        if text is None:
            if "text/html" in request.headers.get("accept", ""):
                return RedirectResponse("/editor")
            return PlainTextResponse("give a query: GET ?query=, or POST a form or application/sparql-query", 400)
        if is_update(text):
            return PlainTextResponse("this endpoint is read-only: SPARQL Update is refused", 403)
        accept = request.headers.get("accept", "*/*")
        result_type = _negotiate(accept, list(RESULT_TYPES))
        graph_type = _negotiate(accept, list(GRAPH_TYPES))
        if result_type is None and graph_type is None:
            return PlainTextResponse(
                "no result format fits the Accept header; offered: " + ", ".join([*RESULT_TYPES, *GRAPH_TYPES]), 406
            )
        try:
            answer = await run_in_threadpool(
                self.worker.run, text, result_type or "application/sparql-results+json", graph_type or "text/turtle"
            )
        except QueryTimeout as err:
            return PlainTextResponse(str(err), 503)
        except QueryError as err:
            return PlainTextResponse(str(err), 400)
        except BilateralError as err:  # the store's server cannot be reached, or failed
            return PlainTextResponse(str(err), 502)
        wanted = result_type if answer.kind == "results" else graph_type
        if wanted is None:  # the Accept header fits the other kind of result only
            return PlainTextResponse(
                f"this query gives {'RDF' if answer.kind == 'graph' else 'results'}, "
                "and no format of it fits the Accept header",
                406,
            )
        return Response(answer.body, media_type=answer.media_type)

    def graph_page(self, request: Request) -> Response:
        text = request.query_params.get("iri", "")
        with self.graph.open() as kg:
            try:
                node = kg.resolve(text)
            except BilateralError as err:
                return self.error_page(err, 404)
            return page("graph.html", iri=node, name=data.label(kg, node))

    def expand(self, request: Request) -> Response:
        with self.graph.open() as kg:
            try:
                node = kg.resolve(request.query_params.get("iri", ""))
            except BilateralError as err:
                return JSONResponse({"error": str(err)}, 404)
            return JSONResponse(data.neighbourhood(kg, node))

    def sources(self, request: Request) -> Response:
        count = request.query_params.get("count") == "1"
        with self.graph.open() as kg:

            def make() -> tuple[list[tuple[Any, ...]], dict[str, str]]:
                # Counting facts by graph reads the whole store (seconds at 1M flows): only when asked.
                rows = data.ask(kg, "source-counts" if count else "sources").rows
                return rows, data.labels(kg, [str(row[0]) for row in rows])

            rows, names = self.keep(("sources", str(count)), make)
        return page("sources.html", rows=rows, names=names, count=count)

    def snapshots(self, request: Request) -> Response:
        folder = default_snapshot_dir(self.store)
        found = list_snapshots(folder) if folder.exists() else []
        a, b = request.query_params.get("a"), request.query_params.get("b")
        diff, problem = None, None
        if a and b:
            try:
                diff = diff_snapshots(a, b, folder)
            except BilateralError as err:
                problem = str(err)
        return page("snapshots.html", snapshots=found, diff=diff, problem=problem, a=a or "", b=b or "")


def create_app(store: Path | str, *, timeout: float = 30.0, row_limit: int = 1000) -> Starlette:
    """The web app over the store at `store`, a folder (opened read-only) or a SPARQL server's URL."""
    site = _Site(store, timeout, row_limit)
    app = Starlette(
        routes=[
            Route("/", site.home),
            Route("/entity", site.entity),
            Route("/dyad/{pair}", site.dyad_page),
            Route("/dyad/{pair}/chart/{name}.svg", site.dyad_chart),
            Route("/meeting", site.meeting),
            Route("/catalog", site.catalog_page),
            Route("/catalog/{name}.{fmt:str}", site.catalog_query),
            Route("/catalog/{name}", site.catalog_query),
            Route("/editor", site.editor),
            Route("/sparql", site.sparql, methods=["GET", "POST"]),
            Route("/graph", site.graph_page),
            Route("/graph/expand", site.expand),
            Route("/sources", site.sources),
            Route("/snapshots", site.snapshots),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        lifespan=_lifespan(site.worker),
        exception_handlers={BilateralError: _failed},
    )
    return app


async def _failed(request: Request, err: Exception) -> Response:
    """A store error while a page was made (the store's server went away): one message, no traceback."""
    return page("error.html", 502, message=str(err))


def _lifespan(worker: Worker | RemoteWorker) -> Any:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(worker.start)
        yield
        worker.stop()  # the query process goes with the server

    return lifespan


async def _sparql_text(request: Request) -> tuple[str | None, str | None]:
    """The query text of a Protocol request, or why it is refused (an update)."""
    if request.method == "GET":
        if "update" in request.query_params:
            return None, "this endpoint is read-only: SPARQL Update is refused"
        return request.query_params.get("query"), None
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/sparql-update":
        return None, "this endpoint is read-only: SPARQL Update is refused"
    if kind == "application/sparql-query":
        return (await request.body()).decode("utf-8", errors="replace"), None
    form = await request.form()
    if "update" in form:
        return None, "this endpoint is read-only: SPARQL Update is refused"
    value = form.get("query")
    return (value if isinstance(value, str) else None), None


def _negotiate(accept: str, offered: list[str]) -> str | None:
    """The offered media type the Accept header likes best (q values; */* and type/* count)."""
    best: tuple[float, int, str] | None = None
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        for kind in offered:
            if media in (kind, "*/*") or (media.endswith("/*") and kind.startswith(media[:-1])):
                choice = (q, -order - (0 if media == kind else 1000), kind)
                if best is None or choice > best:
                    best = choice
                break
    return best[2] if best else None


def _cell(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _download(name: str, fmt: str, columns: list[str], rows: list[tuple[Any, ...]]) -> Response:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([_show(v) for v in row] for row in rows)
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    if fmt == "json":
        body = json.dumps(
            [{c: _cell(v) for c, v in zip(columns, row, strict=True)} for row in rows], ensure_ascii=False, indent=1
        )
        return Response(
            body, media_type="application/json", headers={"Content-Disposition": f'attachment; filename="{name}.json"'}
        )
    return PlainTextResponse(f"no download format {fmt!r}: csv or json", 404)


def _labels(kg: KnowledgeGraph, *lists: list[data.Fact]) -> dict[str, str]:
    nodes = {str(f.value) for facts in lists for f in facts if f.is_node}
    return data.labels(kg, sorted(nodes))


def _wanted(context: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any], str]]:
    """The dyad page's charts: the template's key -> (the chart's name in its URL, kind, the query
    result it draws, what it shows, for those who cannot see it)."""
    a, b, year = context["a"], context["b"], context["year"]
    return {
        "balance": ("balance", "trade-balance", context["balance"], f"Chart: goods balance of {a} and {b} by year"),
        "top0": (f"sectors-{a}-{b}", "top-sectors", context["top"][0], f"Chart: top sectors, {a} to {b}, {year}"),
        "top1": (f"sectors-{b}-{a}", "top-sectors", context["top"][1], f"Chart: top sectors, {b} to {a}, {year}"),
    }


def _drawable(result: dict[str, Any]) -> Rows | None:
    if result["error"] or not result["rows"]:
        return None  # the table says why
    return Rows(list(result["columns"]), list(result["rows"]))


def _charts(context: dict[str, Any]) -> dict[str, Markup]:
    """The dyad page's charts as inline SVG (the report: one file, no server behind it), drawn by
    bilateral.charts (the CLI's `chart`).

    The SVG is a document matplotlib writes (it escapes the text it draws), not a stored value:
    it is the one thing a page inserts unescaped."""
    drawn: dict[str, Markup] = {}
    for key, (_, kind, result, _) in _wanted(context).items():
        rows = _drawable(result)
        try:
            if rows is not None:
                drawn[key] = Markup(_svg_body(charts.to_svg(charts.chart(kind, rows))))
        except BilateralError:
            continue  # nothing to draw (no balance figures): the table says so
    return drawn


def _chart_images(context: dict[str, Any]) -> dict[str, Markup]:
    """The dyad page's charts as <img> of their URLs: the page does not wait for matplotlib, and
    works without JavaScript. Only charts with something to draw (checked without drawing)."""
    pair = quote(context["a"], safe="") + "-" + quote(context["b"], safe="")
    shown: dict[str, Markup] = {}
    for key, (name, kind, result, alt) in _wanted(context).items():
        rows = _drawable(result)
        if rows is None:
            continue
        try:
            charts.check(kind, rows)
        except BilateralError:
            continue  # nothing to draw: no image (it would be a broken one), the table says so
        src = f"/dyad/{pair}/chart/{quote(name, safe='')}.svg" + (
            "" if key == "balance" else f"?year={context['year']}"
        )
        shown[key] = Markup('<img src="{}" alt="{}">').format(src, alt)
    return shown


def _svg_body(svg: str) -> str:
    """The <svg> element alone (no XML declaration or doctype inside HTML)."""
    return svg[svg.index("<svg") :]


def render_dyad(kg: KnowledgeGraph, a: str, b: str, base_url: str | None = None) -> str:
    """The dyad page as one standalone HTML file (styles inline, no scripts), for `bilateral report`.

    Mailed, it has no server behind it: its items link to `base_url`'s pages (the address of a
    `bilateral serve` the reader can reach), or without one show as text; the contents link to
    the file's own sections."""
    if base_url is not None and not base_url.lower().startswith(("http://", "https://")):
        raise QueryError(f"--base-url {base_url!r} is not a web address (http://host:8000)")
    context = data.dyad(kg, a, b)
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    return _env.get_template("dyad.html").render(
        **context,
        charts=_charts(context),
        standalone=True,
        inline_css=css,
        base=base_url.rstrip("/") if base_url is not None else None,
    )
