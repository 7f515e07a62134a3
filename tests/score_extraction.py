"""Score the article extractor against the hand annotations in tests/gold/*.json.

    python -m tests.score_extraction                       # every set, totals per set and half
    python -m tests.score_extraction --set real --half dev # one half, with its differences
    python -m tests.score_extraction --half test --totals  # the test half: totals only
    python -m tests.score_extraction --half validation --totals  # the validation half: totals only
    python -m tests.score_extraction --half dev --corenlp URL   # as `bilateral extract --corenlp URL` extracts
    python -m tests.score_extraction --markdown            # the table for README.md
    python -m tests.score_extraction FILE.json ...         # some files, with their differences
    python -m tests.score_extraction --agreement           # the second annotation against the gold, per half
                                                           # (the test half: totals only)

Three sets are reported apart (tests/gold/README.md): the seed article, the tuned synthetic
texts, and the real articles in a development, a validation and a test half. Per kind of fact, precision,
recall and F1 pooled over the articles (see the README for what a match is).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from bilateral.api import KnowledgeGraph
from bilateral.examples import example_path
from bilateral.graph.extraction import ExtractionReport
from bilateral.loaders.article import read_article
from bilateral.loaders.article.model import Extraction, FigureHit, MeetingHit, MentionHit, PersonHit, QuoteHit
from bilateral.loaders.records import PersonRef, Source

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).parent / "gold"
SECOND = GOLD / "second"  # a second, blind annotation of ten dev pages (tests/gold/README.md)
KINDS = (
    "quotes",
    "attribution",
    "participants",
    "figures",
    "figure_facts",
    "people",
    "offices",
    "countries",
    "meeting",
    "claims",
    "verdicts",
    "topics",
    # of the amounts found at a gold amount's place: how many agree with it on each part of a figure fact
    "fact_metric",
    "fact_dyad",
    "fact_year",
)
# the kinds issue 14 sets targets for, first in every table
MAIN_KINDS = ("quotes", "attribution", "participants", "figure_facts", "people")
_METRIC_OF_INDICATOR = {
    "goods_balance": "balance",
    "goods_exports": "exports",
    "goods_imports": "imports",
    "fdi_stock": "investment",
}

__all__ = [
    "GOLD",
    "KINDS",
    "MAIN_KINDS",
    "SECOND",
    "Score",
    "agreement",
    "gold_files",
    "group_of",
    "load_gold",
    "main",
    "report_of",
    "run",
    "score",
    "totals",
]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)  # what went wrong, for a human to read

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses


def _sets(kind: str, gold: Iterable[object], found: Iterable[object]) -> Score:
    g, f = set(gold), set(found)
    s = Score(len(g & f), len(f - g), len(g - f))
    s.misses += [f"{kind}: missed {x}" for x in sorted(map(str, g - f))]
    s.misses += [f"{kind}: spurious {x}" for x in sorted(map(str, f - g))]
    return s


def load_gold(path: Path) -> dict[str, object]:
    gold: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return gold


def group_of(gold: dict[str, object]) -> str:
    """The set and half an annotation belongs to: "seed", "tuned", "real-dev", "real-validation" or
    "real-test"."""
    if gold.get("set") == "real":
        return f"real-{gold['half']}"
    return "tuned" if gold.get("synthetic") else "seed"


def split_of(gold: dict[str, object]) -> str:
    """The half a real page was split into: the first test half joined the dev half when batch 6
    became the test half, and its gold keeps the split as `first_half` (tests/gold/README.md)."""
    return str(gold.get("first_half", gold["half"]))


def gold_files(group: str | None = None) -> list[Path]:
    """The gold files, all or of one group ("seed", "tuned", "real", "real-dev", "real-validation",
    "real-test")."""
    paths = sorted(GOLD.glob("*.json"))
    if group is None:
        return paths
    return [p for p in paths if group_of(load_gold(p)).startswith(group)]


def published_of(gold: dict[str, object]) -> dt.date | None:
    """The date to pass to the extractor: None when the gold says the page gives its own, or
    the page shows none."""
    if gold.get("published_from") or not gold.get("published"):
        return None
    return dt.date.fromisoformat(str(gold["published"]))


def _dyad(metric: str | None, country: str | None, partner: str | None) -> tuple[str | None, str | None]:
    if metric == "trade" and country and partner:  # trade between two countries has no direction
        a, b = sorted((country, partner))
        return a, b
    return country, partner


def _figure_facts(gold: dict[str, object], report: ExtractionReport) -> Score:
    """Amounts with a metric: the metric, dyad and year. A real annotation says "metric" for
    every amount (null: none); the older ones only for their claims."""
    figures_g: list[dict[str, object]] = gold["figures"]  # type: ignore[assignment]
    facts_g = set()
    unknown_starts = set()
    for f in figures_g:
        metric = f["metric"] if "metric" in f else _METRIC_OF_INDICATOR.get(str(f.get("indicator")))
        if "metric" not in f and not f.get("claim"):
            unknown_starts.add(f["start"])
        elif metric is not None:
            country, partner = _dyad(metric, f["country"], f["partner"])  # type: ignore[arg-type]
            facts_g.add((f["start"], metric, country, partner, f["year"]))
    facts_f = {
        (f.start, f.metric, *_dyad(f.metric, f.country, f.partner), f.year)
        for f in report.extraction.figures
        if f.metric and f.start not in unknown_starts
    }
    return _sets("figure fact", facts_g, facts_f)


def _fact_parts(gold: dict[str, object], report: ExtractionReport) -> dict[str, Score]:
    """Each part of a figure fact (metric, dyad, year) on the amounts found where the gold has
    one: an agreement counts as found, a difference as both spurious and missed."""
    found = {f.start: f for f in report.extraction.figures}
    parts = {"fact_metric": Score(), "fact_dyad": Score(), "fact_year": Score()}
    for g in gold["figures"]:  # type: ignore[attr-defined]
        f = found.get(g["start"])
        if f is None or "metric" not in g:
            continue
        agree = {
            "fact_metric": f.metric == g["metric"],
            "fact_dyad": _dyad(f.metric, f.country, f.partner) == _dyad(g["metric"], g["country"], g["partner"]),
            "fact_year": f.year == g["year"],
        }
        for kind, same in agree.items():
            parts[kind].add(Score(1, 0, 0) if same else Score(0, 1, 1, [f"{kind}: differs at {g['start']}"]))
    return parts


def score(gold: dict[str, object], report: ExtractionReport) -> dict[str, Score]:
    """Scores per kind of one article's extraction against its gold annotation; a kind the
    annotation does not cover is left out."""
    ex = report.extraction
    text = ex.text
    real = gold.get("set") == "real"
    out: dict[str, Score] = {}
    people: list[dict[str, object]] = gold["people"]  # type: ignore[assignment]
    if real:
        out["people"] = _sets("person", {p["name"] for p in people}, {p.ref.name for p in ex.people})
        out["offices"] = _sets(
            "office",
            {(p["name"], p["office"]) for p in people if p["office"]},
            {(p.ref.name, p.office) for p in ex.people if p.office},
        )
    else:
        out["people"] = _sets(
            "person", {(p["name"], p["known"]) for p in people}, {(p.ref.name, p.known) for p in ex.people}
        )
    out["countries"] = _sets("country", gold["countries"], {c.country for c in ex.countries})  # type: ignore[arg-type]
    if gold.get("topics") is not None:
        out["topics"] = _sets("topic", gold["topics"], {t.ref.key for t in ex.topics if t.mentions})  # type: ignore[arg-type]
    gm = gold.get("meeting")
    m = ex.meeting

    def meeting_key(date: str | None, kind: str, countries: tuple[str, ...] | None, place: str | None) -> tuple:  # type: ignore[type-arg]
        return (date, countries) if real else (date, kind, countries, place)

    meeting_g = set()
    if isinstance(gm, dict):
        meeting_g.add(meeting_key(gm["date"], gm.get("kind", ""), tuple(sorted(gm["countries"])), gm.get("place")))
    meeting_f = set()
    if m is not None:
        meeting_f.add(
            meeting_key(
                m.date.isoformat() if m.date else None,
                m.kind,
                tuple(sorted(m.countries)) if m.countries else None,
                m.place,
            )
        )
    out["meeting"] = _sets("meeting", meeting_g, meeting_f)
    out["participants"] = _sets(
        "participant", gm["participants"] if isinstance(gm, dict) else [], [p.name for p in m.participants] if m else []
    )

    quotes_g: list[dict[str, object]] = gold["quotes"]  # type: ignore[assignment]
    for q in quotes_g:
        assert text[q["start"] : q["end"]] == q["text"], f"gold offsets do not match the text: {q}"  # type: ignore[misc]
    out["quotes"] = _sets("quote", {(q["start"], q["end"]) for q in quotes_g}, {(q.start, q.end) for q in ex.quotes})
    # attribution: the right start and the right speaker; quotes of an institution are not counted
    speakers = {q["start"]: q["speaker"] for q in quotes_g}
    attributed_g = {(q["start"], q["speaker"]) for q in quotes_g if q["speaker"]}
    attributed_f = {
        (q.start, q.speaker.name) for q in ex.quotes if q.speaker and (q.start not in speakers or speakers[q.start])
    }
    out["attribution"] = _sets("attribution", attributed_g, attributed_f)

    figures_g: list[dict[str, object]] = gold["figures"]  # type: ignore[assignment]
    for f in figures_g:
        assert text[f["start"] : f["end"]] == f["text"], f"gold offsets do not match the text: {f}"  # type: ignore[misc]

    def amount(f: dict[str, object]) -> Decimal:
        return abs(Decimal(str(f["value"])))

    out["figures"] = _sets(
        "figure",
        {(f["start"], f["end"], amount(f), f["currency"]) for f in figures_g},
        {(f.start, f.end, f.amount, f.currency) for f in ex.figures},
    )
    out["figure_facts"] = _figure_facts(gold, report)
    if real:
        out.update(_fact_parts(gold, report))
    if not real:
        claims_g = {
            (f["start"], f["end"], f["indicator"], f["country"], f["partner"], f["year"], Decimal(str(f["value"])))
            for f in figures_g
            if f.get("claim")
        }
        claims_f = {
            (f.start, f.end, f.indicator, f.country, f.partner, f.year, f.value)
            for f, check in zip(ex.figures, report.checks, strict=True)
            if check is not None
        }
        out["claims"] = _sets("claim", claims_g, claims_f)
        verdicts_g = {(f["start"], f["end"], f["verdict"]) for f in figures_g if f.get("claim")}
        verdicts_f = {
            (f.start, f.end, check.verdict)
            for f, check in zip(ex.figures, report.checks, strict=True)
            if check is not None
        }
        out["verdicts"] = _sets("verdict", verdicts_g, verdicts_f)
    return out


def report_of(annotation: dict[str, object]) -> ExtractionReport:
    """A real-set annotation as if the extractor had found exactly it, so that `score` can
    measure one annotator against another with the same definitions of a match."""
    if annotation.get("set") != "real":
        raise ValueError("only a real-set annotation can be read as an extraction (no claims)")
    text = read_article(ROOT / str(annotation["article"])).text
    people: list[dict[str, str | None]] = annotation["people"]  # type: ignore[assignment]
    codes: list[str] = annotation["countries"]  # type: ignore[assignment]
    quotes: list[dict[str, object]] = annotation["quotes"]  # type: ignore[assignment]
    figures: list[dict[str, object]] = annotation["figures"]  # type: ignore[assignment]
    gm = annotation.get("meeting")
    meeting = None
    if isinstance(gm, dict):
        meeting = MeetingHit(
            start=0,
            end=0,
            exact="",
            kind="",
            date=dt.date.fromisoformat(gm["date"]) if gm["date"] else None,
            # an EU side has no code: the annotation may list one country (the scorer sorts a tuple)
            countries=tuple(gm["countries"]) if gm["countries"] else None,  # type: ignore[arg-type]
            participants=tuple(PersonRef(n) for n in gm["participants"]),
            confidence=1.0,
            place=gm.get("place"),
        )
    extraction = Extraction(
        text=text,
        published=dt.date.fromisoformat(str(annotation["published"])) if annotation.get("published") else None,
        people=tuple(
            PersonHit(PersonRef(str(p["name"])), False, str(p["name"]), 0, 0, 1.0, office=p["office"]) for p in people
        ),
        countries=tuple(MentionHit("country", 0, 0, "", 1.0, "annotation", country=c) for c in codes),
        mentions=(),
        quotes=tuple(
            QuoteHit(
                int(q["start"]),  # type: ignore[call-overload]
                int(q["end"]),  # type: ignore[call-overload]
                str(q["text"]),
                PersonRef(str(q["speaker"])) if q["speaker"] else None,
                1.0,
                "annotation",
            )
            for q in quotes
        ),
        figures=tuple(_figure_hit(f) for f in figures),
        meeting=meeting,
        dyad=None,
        topics=(),
    )
    source = Source(id="annotation", title=str(annotation.get("url", "")), reliability="secondary")
    return ExtractionReport(None, source, extraction, checks=(None,) * len(figures))


def _figure_hit(f: dict[str, object]) -> FigureHit:
    value = Decimal(str(f["value"]))
    return FigureHit(
        start=int(f["start"]),  # type: ignore[call-overload]
        end=int(f["end"]),  # type: ignore[call-overload]
        exact=str(f["text"]),
        amount=abs(value),
        currency=str(f["currency"]),
        metric=f["metric"],  # type: ignore[arg-type]
        indicator=None,
        value=value,
        country=f["country"],  # type: ignore[arg-type]
        partner=f["partner"],  # type: ignore[arg-type]
        year=f["year"],  # type: ignore[arg-type]
        confidence=1.0,
    )


def agreement(paths: Iterable[Path] | None = None) -> dict[str, dict[str, Score]]:
    """Each second annotation scored against the gold file of the same name: the gold is the
    reference (recall: how much of the gold the second annotator marked too)."""
    paths = list(paths) if paths is not None else sorted(SECOND.glob("*.json"))
    return {p.stem: score(load_gold(GOLD / p.name), report_of(load_gold(p))) for p in paths}


def agreement_tables(results: dict[str, dict[str, Score]], *, details: bool = True) -> str:
    """The agreement per half, each pooled apart; the test half's differences are never printed
    (tests/gold/README.md: its texts and errors reach no one who changes the rules)."""
    halves: dict[str, dict[str, dict[str, Score]]] = {"dev": {}, "test": {}}
    for name, scores in results.items():
        halves[split_of(load_gold(GOLD / f"{name}.json"))][name] = scores
    return "\n\n".join(
        f"== real-{half}\n" + table(scores, details=details and half == "dev")
        for half, scores in halves.items()
        if scores
    )


def run(
    paths: Iterable[Path] | None = None, kg: KnowledgeGraph | None = None, corenlp: str | None = None
) -> dict[str, dict[str, Score]]:
    """Extract every gold file's article and score it; a store with the example is made when
    none is given. `corenlp`: a CoreNLP server's URL, as `bilateral extract --corenlp` takes."""
    paths = list(paths) if paths is not None else gold_files()
    if kg is None:
        with tempfile.TemporaryDirectory() as tmp, KnowledgeGraph.open(Path(tmp) / "store") as graph:
            graph.load([example_path()])
            return run(paths, graph, corenlp)
    results: dict[str, dict[str, Score]] = {}
    for path in paths:
        gold = load_gold(path)
        report = kg.extract(ROOT / str(gold["article"]), published=published_of(gold), corenlp=corenlp)
        results[path.stem] = score(gold, report)
    return results


def totals(results: dict[str, dict[str, Score]]) -> dict[str, Score]:
    """Scores pooled over articles, per kind (only kinds some article was scored on)."""
    out: dict[str, Score] = {}
    for scores in results.values():
        for kind, s in scores.items():
            out.setdefault(kind, Score()).add(s)
    return {k: out[k] for k in KINDS if k in out}


def table(results: dict[str, dict[str, Score]], *, details: bool = True) -> str:
    head = f"{'kind':13} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7} {'F1':>5}"
    lines = []
    if details:
        lines.append(f"{'article':40} {head}")
        for name, scores in results.items():
            for kind, s in scores.items():
                lines.append(
                    f"{name[:40]:40} {kind:13} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:9.2f} "
                    f"{s.recall:7.2f} {s.f1:5.2f}"
                )
        lines.append("")
    lines.append(f"{'ALL (' + str(len(results)) + ' articles)':40} {head}")
    for kind, s in totals(results).items():
        lines.append(f"{'':40} {kind:13} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:9.2f} {s.recall:7.2f} {s.f1:5.2f}")
    if details:
        misses = [f"  {name}: {m}" for name, scores in results.items() for s in scores.values() for m in s.misses]
        if misses:
            lines += ["", "differences:", *misses]
    return "\n".join(lines)


def markdown(by_group: dict[str, dict[str, dict[str, Score]]]) -> str:
    """P / R / F1 per kind (rows) and group (columns)."""
    groups = list(by_group)
    lines = [
        "| kind | " + " | ".join(f"{g} ({len(by_group[g])}) P / R / F1" for g in groups) + " |",
        "| --- |" + " --- |" * len(groups),
    ]
    pooled = {g: totals(r) for g, r in by_group.items()}
    for kind in KINDS:
        if not any(kind in pooled[g] for g in groups):
            continue
        cells = []
        for g in groups:
            s = pooled[g].get(kind)
            cells.append(f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.2f}" if s else "")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.score_extraction")
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--set", choices=("seed", "tuned", "real"))
    ap.add_argument("--half", choices=("dev", "validation", "test"))
    ap.add_argument("--totals", action="store_true", help="totals only, no article's differences")
    ap.add_argument("--corenlp", metavar="URL", help="CoreNLP's speakers where the rules find none (extract --corenlp)")
    ap.add_argument("--markdown", action="store_true", help="a markdown table per set and half")
    ap.add_argument(
        "--agreement", action="store_true", help="the second annotation (gold/second) scored against the gold"
    )
    args = ap.parse_args(sys.argv[1:] if argv is None else argv)
    if args.agreement:
        print(agreement_tables(agreement(), details=not args.totals))
        return 0
    if args.files:
        print(table(run(args.files, corenlp=args.corenlp), details=not args.totals))
        return 0
    if args.half:
        group = f"real-{args.half}"
        # only the dev half prints its differences (tests/gold/README.md)
        print(table(run(gold_files(group), corenlp=args.corenlp), details=args.half == "dev" and not args.totals))
        return 0
    groups = (
        [args.set]
        if args.set and args.set != "real"
        else (
            ["real-dev", "real-validation", "real-test"]
            if args.set == "real"
            else ["seed", "tuned", "real-dev", "real-validation", "real-test"]
        )
    )
    with tempfile.TemporaryDirectory() as tmp, KnowledgeGraph.open(Path(tmp) / "store") as kg:
        kg.load([example_path()])
        by_group = {g: run(gold_files(g), kg) for g in groups}
    if args.markdown:
        print(markdown(by_group))
    else:
        for g, results in by_group.items():
            print(f"== {g}")
            print(table(results, details=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
