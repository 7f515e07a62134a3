"""Score the article extractor against the hand annotations in tests/gold/*.json.

    python -m tests.score_extraction            # every gold file, against the US-Japan example graph
    python -m tests.score_extraction FILE.json  # some of them

Precision and recall per kind of fact:

- people: the names (as the graph has them, or as written for new candidates) and whether the
  graph knows them; countries: ISO alpha-3 codes; topics: topic ids;
- meeting: date, kind, dyad and place together; participants: their names;
- quotes: the span of the quoted words (offsets must match exactly); attribution: the span and
  the speaker (a quote with no speaker found counts as a false negative, not a false positive);
- figures: the span of the amount and its value and currency; claims: a figure with its
  indicator, country, partner, year and signed value; verdicts: a claim with its verdict.
"""

from __future__ import annotations

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

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).parent / "gold"
KINDS = ("people", "countries", "meeting", "participants", "quotes", "attribution", "figures", "claims",
         "verdicts", "topics")

__all__ = ["GOLD", "KINDS", "Score", "gold_files", "load_gold", "main", "run", "score"]


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


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def load_gold(path: Path) -> dict[str, object]:
    gold: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return gold


def published_of(gold: dict[str, object]) -> dt.date | None:
    """The date to pass to the extractor: None when the gold says the page gives its own."""
    if gold.get("published_from") or not gold.get("published"):
        return None
    return dt.date.fromisoformat(str(gold["published"]))


def score(gold: dict[str, object], report: ExtractionReport) -> dict[str, Score]:
    """Scores per kind of one article's extraction against its gold annotation."""
    ex = report.extraction
    text = ex.text
    out: dict[str, Score] = {}
    people_g = {(p["name"], p["known"]) for p in gold["people"]}  # type: ignore[index, union-attr, attr-defined]
    out["people"] = _sets("person", people_g, {(p.ref.name, p.known) for p in ex.people})
    out["countries"] = _sets("country", gold["countries"], {c.country for c in ex.countries})  # type: ignore[arg-type]
    out["topics"] = _sets("topic", gold["topics"], {t.ref.key for t in ex.topics if t.mentions})  # type: ignore[arg-type]
    gm = gold.get("meeting")
    m = ex.meeting
    meeting_g = set()
    meeting_f = set()
    if isinstance(gm, dict):
        meeting_g.add((gm["date"], gm["kind"], tuple(sorted(gm["countries"])), gm.get("place")))
    if m is not None:
        meeting_f.add((m.date.isoformat() if m.date else None, m.kind,
                       tuple(sorted(m.countries)) if m.countries else None, m.place))
    out["meeting"] = _sets("meeting", meeting_g, meeting_f)
    out["participants"] = _sets("participant", gm["participants"] if isinstance(gm, dict) else [],
                                [p.name for p in m.participants] if m else [])

    quotes_g = gold["quotes"]
    assert isinstance(quotes_g, list)
    for q in quotes_g:
        assert text[q["start"]:q["end"]] == q["text"], f"gold offsets do not match the text: {q}"
    out["quotes"] = _sets("quote", {(q["start"], q["end"]) for q in quotes_g}, {(q.start, q.end) for q in ex.quotes})
    attributed_g = {(q["start"], q["end"], q["speaker"]) for q in quotes_g}
    attributed_f = {(q.start, q.end, q.speaker.name) for q in ex.quotes if q.speaker}
    attr = _sets("attribution", attributed_g, attributed_f)
    out["attribution"] = attr

    figures_g = gold["figures"]
    assert isinstance(figures_g, list)
    for f in figures_g:
        assert text[f["start"]:f["end"]] == f["text"], f"gold offsets do not match the text: {f}"
    found_figures = ex.figures

    def amount(f: dict[str, object]) -> Decimal:
        return abs(Decimal(str(f["value"])))

    out["figures"] = _sets("figure", {(f["start"], f["end"], amount(f), f["currency"]) for f in figures_g},
                           {(f.start, f.end, f.amount, f.currency) for f in found_figures})
    claims_g = {(f["start"], f["end"], f["indicator"], f["country"], f["partner"], f["year"], Decimal(f["value"]))
                for f in figures_g if f.get("claim")}
    claims_f = {(f.start, f.end, f.indicator, f.country, f.partner, f.year, f.value)
                for f, check in zip(found_figures, report.checks, strict=True) if check is not None}
    out["claims"] = _sets("claim", claims_g, claims_f)
    verdicts_g = {(f["start"], f["end"], f["verdict"]) for f in figures_g if f.get("claim")}
    verdicts_f = {(f.start, f.end, check.verdict)
                  for f, check in zip(found_figures, report.checks, strict=True) if check is not None}
    out["verdicts"] = _sets("verdict", verdicts_g, verdicts_f)
    return out


def run(paths: Iterable[Path] | None = None, kg: KnowledgeGraph | None = None) -> dict[str, dict[str, Score]]:
    """Extract every gold file's article and score it; a store with the example is made when
    none is given."""
    paths = list(paths) if paths is not None else gold_files()
    if kg is None:
        with tempfile.TemporaryDirectory() as tmp, KnowledgeGraph.open(Path(tmp) / "store") as graph:
            graph.load([example_path()])
            return run(paths, graph)
    results: dict[str, dict[str, Score]] = {}
    for path in paths:
        gold = load_gold(path)
        report = kg.extract(ROOT / str(gold["article"]), published=published_of(gold))
        results[path.stem] = score(gold, report)
    return results


def table(results: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'article':36} {'kind':12} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
    totals = {k: Score() for k in KINDS}
    for name, scores in results.items():
        for kind in KINDS:
            s = scores[kind]
            totals[kind].add(s)
            lines.append(f"{name[:36]:36} {kind:12} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:9.2f} {s.recall:7.2f}")
    lines.append("")
    for kind in KINDS:
        s = totals[kind]
        lines.append(f"{'ALL':36} {kind:12} {s.tp:4} {s.fp:4} {s.fn:4} {s.precision:9.2f} {s.recall:7.2f}")
    misses = [f"  {name}: {m}" for name, scores in results.items() for k in KINDS for m in scores[k].misses]
    if misses:
        lines += ["", "differences:", *misses]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or None
    print(table(run(paths)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
