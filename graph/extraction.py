"""An article's draft facts, checked against the store: the review table, its records, RDF,
and the write of the article as a source into the store.

>>> report = extract_file(store, "article.txt", published=date(2025, 2, 8))   # doctest: +SKIP
>>> report.rows()                       # the review table
>>> to_rdf(report.records(), "article.trig")
>>> load_report(store, report)          # the article as a Source, its facts in its graph

The article is read and parsed by `loaders.article` against a gazetteer of the store
(`graph.gazetteer`); every figure that names its measure, dyad and year is checked against the
store's observations (`graph.claims`); `loaders.article.records` turns the result into records,
which this module writes. Nothing is written unless `to_rdf` or `load_report` is called.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from bilateral.core.errors import BilateralError, InputError, Problem
from bilateral.graph import iri
from bilateral.graph.claims import ClaimCheck, check_figure
from bilateral.graph.corenlp import CoreNLP, with_speakers
from bilateral.graph.gazetteer import build_gazetteer
from bilateral.graph.rdf import to_quads
from bilateral.graph.store import OxigraphStore
from bilateral.loaders import records as r
from bilateral.loaders.article import ArticleText, Extraction, FigureHit, parse_article, read_article
from bilateral.loaders.article.records import EXTRACTION_NOTE, article_source, extraction_records
from bilateral.ontology.vocab import BI, NS

__all__ = [
    "EXTRACTION_NOTE",
    "ROW_COLUMNS",
    "ExtractionReport",
    "extract_file",
    "extract_text",
    "load_report",
    "to_rdf",
]

ROW_COLUMNS = ("kind", "text", "value", "speaker", "start", "end", "confidence", "verdict", "detail")


@dataclass(frozen=True)
class ExtractionReport:
    """What `extract` found in one article, ready to review, export or load."""

    path: Path | None
    source: r.Source
    extraction: Extraction
    checks: tuple[ClaimCheck | None, ...]  # one per figure; None where the figure is not a claim
    empty_store: bool = False  # nothing to resolve people against or check figures with
    written: int | None = None  # quads written to an RDF file (KnowledgeGraph.extract's output)
    added: int | None = None  # how many quads the store grew by (KnowledgeGraph.extract's load)

    # -- the review table -------------------------------------------------------------------

    def rows(self) -> list[dict[str, object]]:
        """One row per country, person, meeting, quote, figure and topic, in that order; every
        row gives the exact text and its offsets (a TextPositionSelector) and a confidence."""
        ex = self.extraction
        rows: list[dict[str, object]] = []

        def row(
            kind: str,
            text: str,
            value: object,
            start: int,
            end: int,
            confidence: float,
            speaker: str = "",
            verdict: str = "",
            detail: str = "",
        ) -> None:
            rows.append(
                {
                    "kind": kind,
                    "text": text,
                    "value": value,
                    "speaker": speaker,
                    "start": start,
                    "end": end,
                    "confidence": round(confidence, 2),
                    "verdict": verdict,
                    "detail": detail,
                }
            )

        counts = ex.country_counts()
        for c in ex.countries:
            row(
                "country",
                c.exact,
                c.country,
                c.start,
                c.end,
                c.confidence,
                detail=f"{counts.get(c.country or '', 0)} mention(s); first as {c.how}",
            )
        for p in ex.people:
            where = f"{p.office or 'office not known'}" + (f" ({p.country})" if p.country else "")
            if p.known:
                value = p.ref.name + (f" ({p.ref.birth_year})" if p.ref.birth_year else "")
                detail = f"known to the graph; {where}; {p.mentions} mention(s)"
            else:
                value = f"new candidate: {p.ref.name}"
                detail = f"not in the graph: a new candidate; {where}; {p.mentions} mention(s)"
            row("person", p.written, value, p.start, p.end, p.confidence, detail=detail)
        if ex.meeting:
            m = ex.meeting
            dyad = "-".join(m.countries) if m.countries else "?"
            value = f"{m.kind} {m.date.isoformat() if m.date else '(no date)'} {dyad}"
            parts = []
            if m.place:
                parts.append(f"place: {m.place}" + (f" (host {m.host})" if m.host else ""))
            parts.append("participants: " + (", ".join(p.name for p in m.participants) or "none found"))
            parts.append(f"date: {m.date_how}")
            parts.append(f"kind: {m.kind_how}")
            row("meeting", m.exact, value, m.start, m.end, m.confidence, detail="; ".join(parts))
        for q in ex.quotes:
            detail = q.how + (f"; said on {q.said_on.isoformat()}" if q.said_on else "")
            if q.speaker is None:
                detail += "; no speaker: not a statement"
            row(
                "statement",
                q.exact,
                q.said_on.isoformat() if q.said_on else "",
                q.start,
                q.end,
                q.confidence,
                speaker=q.speaker.name if q.speaker else "",
                detail=detail,
            )
        for f, check in zip(ex.figures, self.checks, strict=True):
            row(
                "figure",
                f.exact,
                f"{_plain(f.value)} {f.currency}",
                f.start,
                f.end,
                f.confidence,
                speaker=f.speaker.name if f.speaker else "",
                verdict=check.verdict if check else "not checked",
                detail=_figure_detail(f, check),
            )
        for t in ex.topics:
            if not t.mentions:
                continue
            row(
                "topic",
                t.exact,
                f"{t.ref.scheme}/{t.ref.key}",
                t.start,
                t.end,
                t.confidence,
                detail=f"{t.name}; {t.mentions} mention(s)" + ("" if t.known else "; new to the graph"),
            )
        return rows

    def as_json(self) -> str:
        """The source, the dyad, the review rows and every mention, as JSON; each row and mention
        carries a Web Annotation TextPositionSelector and its exact text."""
        ex = self.extraction

        def selector(start: int, end: int) -> dict[str, object]:
            return {"type": "TextPositionSelector", "start": start, "end": end}

        rows = []
        for row in self.rows():
            item = dict(row)
            item["selector"] = selector(int(row["start"]), int(row["end"]))  # type: ignore[call-overload]
            rows.append(item)
        mentions = [
            {
                "kind": m.kind,
                "exact": m.exact,
                "selector": selector(m.start, m.end),
                "confidence": m.confidence,
                "how": m.how,
                "refers_to": m.country
                or (m.person.name if m.person else None)
                or (f"{m.topic.scheme}/{m.topic.key}" if m.topic else None),
            }
            for m in ex.mentions
        ]
        src = self.source
        data = {
            "source": {
                "id": src.id,
                "iri": iri.source_iri(src.id),
                "title": src.title,
                "url": src.url,
                "publisher": src.publisher,
                "published": src.published.isoformat() if src.published else None,
                "reliability": src.reliability,
            },
            "dyad": list(ex.dyad) if ex.dyad else None,
            "rows": rows,
            "mentions": mentions,
        }
        return json.dumps(data, ensure_ascii=False, indent=2, default=str)

    def records(self) -> list[r.Record]:
        """The article as a Source and its facts as records of that source: mentions, new
        candidate people (and the offices the article gives them), topics new to the graph,
        the meeting and its participants, statements and claims with their verdicts."""
        return extraction_records(self.source, self.extraction, self.checks)


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _figure_detail(f: FigureHit, check: ClaimCheck | None) -> str:
    parts = []
    if f.indicator:
        parts.append(f"{f.indicator} {f.country or '?'} with {f.partner or '?'}, {f.year or 'year ?'}")
    elif f.metric:
        parts.append(f"metric: {f.metric}")
    if f.approximate:
        parts.append("approximate")
    if check and check.closest:
        c = check.closest
        source = c.source.rsplit("/", 1)[-1]
        parts.append(
            f"compared with {len(check.compared)} observation(s); closest {_plain(c.value)} {c.currency} "
            f"({c.kind}, source {source})"
        )
    if f.note:
        parts.append(f.note)
    return "; ".join(parts)


def extract_text(
    store: OxigraphStore,
    article: ArticleText | str,
    *,
    published: dt.date | None = None,
    source_url: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
    source_id: str | None = None,
    reliability: str = "secondary",
    path: Path | None = None,
    corenlp: CoreNLP | None = None,
) -> ExtractionReport:
    """`extract_file` for a text already read (an `ArticleText`, or plain text)."""
    if isinstance(article, str):
        article = ArticleText(article)
    source = article_source(
        article,
        path=path,
        published=published,
        source_url=source_url,
        publisher=publisher,
        title=title,
        source_id=source_id,
        reliability=reliability,
    )
    extraction = parse_article(article.text, published=source.published, gazetteer=build_gazetteer(store))
    if corenlp is not None:
        extraction = with_speakers(extraction, corenlp)
    checks: list[ClaimCheck | None] = []
    own = iri.source_iri(source.id)
    for f in extraction.figures:
        if not f.claimable or not f.indicator or not f.country or not f.partner or f.year is None:
            checks.append(None)
            continue
        checks.append(
            check_figure(
                store,
                indicator=f.indicator,
                country=f.country,
                partner=f.partner,
                year=f.year,
                value=f.value,
                currency=f.currency,
                exclude_graphs=[own],
            )
        )
    return ExtractionReport(path, source, extraction, tuple(checks), empty_store=len(store) == 0)


def extract_file(
    store: OxigraphStore,
    path: str | Path,
    *,
    published: dt.date | None = None,
    source_url: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
    source_id: str | None = None,
    reliability: str = "secondary",
    corenlp: CoreNLP | None = None,
) -> ExtractionReport:
    """Read an article (plain text or HTML) and draft its facts against the graph in `store`.

    `published` anchors relative dates ("on Thursday") and picks the tenures "the president"
    is resolved through (an HTML page's own date is used when it is not given). The source id
    defaults to `article-<file name>-<hash of the text>`, so the same text gets the same id.
    With `corenlp`, a quote the rules leave without a speaker takes CoreNLP's (graph.corenlp).
    Binary input is refused. Writes nothing."""
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, str(path), "no such file")])
    try:
        article = read_article(path)
    except OSError as err:
        raise InputError([Problem(str(path), None, None, str(path), f"cannot read the article: {err}")]) from err
    if not article.text.strip():
        raise InputError([Problem(str(path), None, None, "", "the article has no text")])
    return extract_text(
        store,
        article,
        published=published,
        source_url=source_url,
        publisher=publisher,
        title=title,
        source_id=source_id,
        reliability=reliability,
        path=path,
        corenlp=corenlp,
    )


def _quads(records: Iterable[r.Record]) -> list[ox.Quad]:
    """The records' quads, each once (every mention of a country asserts the same quad)."""
    return list(dict.fromkeys(to_quads(records)))


def to_rdf(records: Iterable[r.Record], path: str | Path) -> int:
    """Write the records as RDF (TriG; N-Quads for a `.nq` file); returns the number of quads."""
    path = Path(path)
    quads = _quads(records)
    fmt = ox.RdfFormat.N_QUADS if path.suffix.lower() == ".nq" else ox.RdfFormat.TRIG
    prefixes = {"bi": NS, "xsd": "http://www.w3.org/2001/XMLSchema#"}
    tmp = path.with_name(path.name + ".tmp")
    ox.serialize(quads, str(tmp), fmt, prefixes=prefixes if fmt == ox.RdfFormat.TRIG else None)
    tmp.replace(path)
    return len(quads)


def load_report(store: OxigraphStore, report: ExtractionReport) -> int:
    """Add the article and its facts to the store in one transaction; returns how many quads
    the store grew by. An earlier extraction of the same source is replaced; a source id that
    names a source not made by extract is refused."""
    graph = ox.NamedNode(iri.source_iri(report.source.id))
    notes = store.select(
        "SELECT ?note WHERE { GRAPH ?g { ?g ?notep ?note } }", {"g": graph, "notep": ox.NamedNode(BI.note)}
    ).rows
    exists = store.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
    if exists and not any(str(n[0]).startswith(EXTRACTION_NOTE) for n in notes):
        raise BilateralError(
            f"the store already has a source {report.source.id!r} that was not drafted by "
            "extract; give the article another source id"
        )
    before = len(store)
    store.add(_quads(report.records()), replace_graphs=[graph] if exists else ())
    return len(store) - before
