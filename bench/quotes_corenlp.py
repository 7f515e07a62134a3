"""Quote attribution: ours beside Stanford CoreNLP's (the anchor issue 14 names), on the gold halves.

    python -m bench.quotes_corenlp [--halves dev validation test] [--out bench/results/quotes-corenlp.md]

CoreNLP 4.5.10 and its English models come from Maven Central: the server of CORENLP_URL, else one
started by `scripts/corenlp-local` (and stopped after). Its pipeline is graph.corenlp's: tokenize,
ssplit, pos, lemma, ner, depparse, statistical coref, quote (the quote attribution of Muzny et
al., EACL 2017). Java 17 is enough.

Scored as `tests/score_extraction.py` scores attribution (a quote's span start and its speaker;
quotes the gold gives to an institution are not counted), four ways on each half:

- ours: the extractor as it is (its rules);
- CoreNLP: CoreNLP's own quotes and speakers;
- CoreNLP on our quotes: CoreNLP's speaker for each quote our extractor found;
- ours, else CoreNLP: `bilateral extract --corenlp`: our speaker, CoreNLP's where ours found none
  and it names a person our extractor found (graph.corenlp.fill_speakers).

CoreNLP names a speaker by a mention ("Xi", "the president"); it is given the fullest name our
extractor found sharing a word with it (the gold's names are the fullest form the text writes),
and a pronoun it could not resolve counts as no speaker. That borrowing favours CoreNLP.
Only totals are printed: the differences of the validation and test halves are never shown
(tests/gold/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import tempfile
import time
from pathlib import Path

from bilateral.api import KnowledgeGraph
from bilateral.examples import example_path
from bilateral.graph.corenlp import CoreNLP, fill_speakers
from bilateral.loaders.article.model import QuoteHit
from tests.score_extraction import ROOT, Score, _sets, gold_files, load_gold, published_of

WAYS = ("ours", "CoreNLP", "CoreNLP on our quotes", "ours, else CoreNLP")
SCRIPT = ROOT / "scripts" / "corenlp-local"


def score_half(kg: KnowledgeGraph, corenlp: CoreNLP, half: str) -> tuple[dict[str, Score], float, float, int]:
    """Attribution scores of the four ways on one half, the seconds ours and CoreNLP took, and
    how many of CoreNLP's quotes were not found in the text (left out: counted as not found)."""
    scores = {way: Score() for way in WAYS}
    ours_s = corenlp_s = 0.0
    lost = 0
    for path in gold_files(f"real-{half}"):
        gold = load_gold(path)
        start = time.perf_counter()
        ex = kg.extract(ROOT / str(gold["article"]), published=published_of(gold)).extraction
        ours_s += time.perf_counter() - start
        start = time.perf_counter()
        theirs, missing = corenlp.speakers(ex.text, [p.ref.name for p in ex.people])
        corenlp_s += time.perf_counter() - start
        lost += missing
        gold_speaker = {q["start"]: q["speaker"] for q in gold["quotes"]}  # type: ignore[attr-defined]
        institution = {s for s, n in gold_speaker.items() if not n}  # the scorer leaves their quotes out

        found = {
            "ours": _attributed(ex.quotes, institution),
            "CoreNLP": {(s, n) for s, n in theirs.items() if s not in institution},
            "CoreNLP on our quotes": {
                (q.start, theirs[q.start]) for q in ex.quotes if q.start in theirs and q.start not in institution
            },
            "ours, else CoreNLP": _attributed(fill_speakers(ex, theirs).quotes, institution),
        }
        wanted = {(s, n) for s, n in gold_speaker.items() if n}
        for way in WAYS:
            scores[way].add(_sets("attribution", wanted, found[way]))
    return scores, ours_s, corenlp_s, lost


def _attributed(quotes: tuple[QuoteHit, ...], institution: set[int]) -> set[tuple[int, str]]:
    return {(q.start, q.speaker.name) for q in quotes if q.speaker and q.start not in institution}


def _server() -> tuple[str, bool]:
    """CORENLP_URL's server, else one started by scripts/corenlp-local; and whether it was started."""
    if os.environ.get("CORENLP_URL"):
        return os.environ["CORENLP_URL"], False
    exports = subprocess.run([str(SCRIPT), "start"], check=True, capture_output=True, text=True).stdout
    url = next(line.split("=", 1)[1] for line in exports.splitlines() if line.startswith("export CORENLP_URL="))
    return url.strip("'\""), True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "quotes-corenlp.md")
    # each scoring of the validation or test half is logged (tests/gold/README.md): choose the halves
    parser.add_argument(
        "--halves", nargs="+", choices=("dev", "validation", "test"), default=["dev", "validation", "test"]
    )
    args = parser.parse_args()
    url, started = _server()
    try:
        with tempfile.TemporaryDirectory() as tmp, KnowledgeGraph.open(Path(tmp) / "store") as kg:
            kg.load([example_path()])
            halves = {half: score_half(kg, CoreNLP(url), half) for half in args.halves}
    finally:
        if started:
            subprocess.run([str(SCRIPT), "stop"], check=False)
    lines = [
        "# Quote attribution: ours beside Stanford CoreNLP 4.5.10",
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, `python -m bench.quotes_corenlp`."
        " Attribution as `tests/score_extraction.py` scores it (span start and speaker), P / R / F1 (tp, fp, fn).",
        "",
        "| way | " + " | ".join(f"{half} half" for half in halves) + " |",
        "| --- |" + " --- |" * len(halves),
    ]
    for way in WAYS:
        cells = [
            f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.2f} ({s.tp}, {s.fp}, {s.fn})"
            for s in (halves[h][0][way] for h in halves)
        ]
        lines.append(f"| {way} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Seconds for the whole half (models loaded): "
        + "; ".join(f"{h}: ours {v[1]:.1f} s, CoreNLP {v[2]:.1f} s" for h, v in halves.items())
        + ". CoreNLP's quotes not found in the text near their offsets (left out): "
        + "; ".join(f"{h}: {v[3]}" for h, v in halves.items())
        + ". The dev half is what our rules were tuned on: its 'ours' row shows fit, not skill."
        " The validation half is batch 7, the test half batch 6 (tests/gold/README.md)."
        " 'ours, else CoreNLP' is what `bilateral extract --corenlp URL` gives.",
    ]
    report = "\n".join(lines) + "\n"
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
