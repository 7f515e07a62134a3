"""Quote attribution: ours beside Stanford CoreNLP's (the anchor issue 14 names), on the gold halves.

    python -m bench.quotes_corenlp [--port 9011] [--halves dev validation test] [--out bench/results/quotes-corenlp.md]

CoreNLP 4.5.10 and its English models come from Maven Central (bench/corenlp/pom.xml, copied
into .corenlp/lib, about 480 MB, once); this starts its server on 127.0.0.1, annotates every real
gold article (tokenize, ssplit, pos, lemma, ner, depparse, statistical coref, quote: the quote
attribution of Muzny et al., EACL 2017) and stops it. Java 17 is enough.

Scored as `tests/score_extraction.py` scores attribution (a quote's span start and its speaker;
quotes the gold gives to an institution are not counted), five ways on each half:

- ours: the extractor as it is (its rules, then its fallback where no rule fits);
- our rules: the extractor's speakers from its rules only (the fallback's left out);
- CoreNLP: CoreNLP's own quotes and speakers;
- CoreNLP on our quotes: CoreNLP's speaker for each quote our extractor found;
- our rules, else CoreNLP: our rules' speaker, CoreNLP's where they find none (CoreNLP as the fallback).

CoreNLP names a speaker by a mention ("Xi", "the president"); it is given the fullest name our
extractor found sharing a word with it (the gold's names are the fullest form the text writes),
and a pronoun it could not resolve counts as no speaker. That borrowing favours CoreNLP.
Only totals are printed: the test half's differences are never shown (tests/gold/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bilateral.api import KnowledgeGraph
from bilateral.examples import example_path
from tests.score_extraction import ROOT, Score, _rules_only, _sets, gold_files, load_gold, published_of

POM = ROOT / "bench" / "corenlp" / "pom.xml"
LIB = ROOT / ".corenlp" / "lib"
SERVER = "edu.stanford.nlp.pipeline.StanfordCoreNLPServer"
PROPERTIES = {
    "annotators": "tokenize,ssplit,pos,lemma,ner,depparse,coref,quote",
    "coref.algorithm": "statistical",  # "neural" answers HTTP 500 with the models of this jar
    "outputFormat": "json",
}
PRONOUNS = {"he", "she", "his", "her", "him", "they", "them", "their", "i", "we", "it", "you"}
WAYS = ("ours", "our rules", "CoreNLP", "CoreNLP on our quotes", "our rules, else CoreNLP")


def _fetch_jars() -> None:
    if any(LIB.glob("stanford-corenlp-*-models.jar")):
        return
    subprocess.run(
        ["mvn", "-q", "-f", str(POM), "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies",
         f"-DoutputDirectory={LIB}", "-DincludeScope=runtime"],
        check=True,
    )  # fmt: skip


def _start(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        ["java", "-mx4g", "-cp", f"{LIB}/*", SERVER, "-port", str(port), "-timeout", "600000", "-quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise SystemExit(f"CoreNLP's server did not answer on port {port} within 120 s")


def _annotate(port: int, text: str) -> dict[str, object]:
    url = f"http://127.0.0.1:{port}/?properties=" + urllib.parse.quote(json.dumps(PROPERTIES))
    request = urllib.request.Request(url, data=text.encode("utf-8"), method="POST")
    with urllib.request.urlopen(request, timeout=600) as answer:
        doc: dict[str, object] = json.loads(answer.read())
    return doc


def _name(quote: dict[str, str], people: list[str]) -> str | None:
    """CoreNLP's speaker of a quote as the fullest name our extractor found sharing a word with it."""
    mentions = (quote.get("canonicalSpeaker"), quote.get("speaker"))
    mention = next((m for m in mentions if m and m != "Unknown" and m.lower() not in PRONOUNS), None)
    if mention is None:
        return None
    words = set(mention.replace("’s", "").replace("'s", "").split())
    fits = [p for p in people if words & set(p.split())]
    return max(fits, key=len) if fits else mention


def _code_points(text: str) -> list[int]:
    """For each UTF-16 unit offset of `text` (and its end), the index of its character in Python."""
    at: list[int] = []
    for i, ch in enumerate(text):
        at += [i] * (2 if ord(ch) > 0xFFFF else 1)
    return [*at, len(text)]


def _locate(text: str, guess: int, words: str) -> int | None:
    """Where `words` begin in `text`, within 50 characters of `guess`; None if not there."""
    found = text.find(words, max(0, guess - 50), guess + 50 + len(words))
    return found if found != -1 else None


def score_half(kg: KnowledgeGraph, port: int, half: str) -> tuple[dict[str, Score], float, float, int]:
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
        doc = _annotate(port, ex.text)
        corenlp_s += time.perf_counter() - start
        people = [p.ref.name for p in ex.people]
        # CoreNLP's span includes the quotation marks; it counts UTF-16 units (an emoji is two) and
        # may normalise a character, so each quote is found by its words near its offset
        at = _code_points(ex.text)
        theirs = {
            begin + 1: _name(q, people)
            for q in doc["quotes"]  # type: ignore[attr-defined]
            if (begin := _locate(ex.text, at[min(q["beginIndex"], len(at) - 1)], q["text"])) is not None
        }
        lost += len(doc["quotes"]) - len(theirs)  # type: ignore[arg-type]
        gold_speaker = {q["start"]: q["speaker"] for q in gold["quotes"]}  # type: ignore[attr-defined]
        institution = {s for s, n in gold_speaker.items() if not n}  # the scorer leaves their quotes out
        ours = {(q.start, q.speaker.name) for q in ex.quotes if q.speaker and q.start not in institution}
        by_rules = _rules_only(ex).quotes
        rules = {(q.start, q.speaker.name) for q in by_rules if q.speaker and q.start not in institution}
        found = {
            "ours": ours,
            "our rules": rules,
            "CoreNLP": {(s, n) for s, n in theirs.items() if n and s not in institution},
            "CoreNLP on our quotes": {
                (q.start, theirs[q.start]) for q in ex.quotes if theirs.get(q.start) and q.start not in institution
            },
            "our rules, else CoreNLP": rules
            | {
                (q.start, theirs[q.start])
                for q in by_rules
                if not q.speaker and theirs.get(q.start) and q.start not in institution
            },
        }
        wanted = {(s, n) for s, n in gold_speaker.items() if n}
        for way in WAYS:
            scores[way].add(_sets("attribution", wanted, found[way]))
    return scores, ours_s, corenlp_s, lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=9011)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "quotes-corenlp.md")
    # each scoring of the validation or test half is logged (tests/gold/README.md): choose the halves
    parser.add_argument(
        "--halves", nargs="+", choices=("dev", "validation", "test"), default=["dev", "validation", "test"]
    )
    args = parser.parse_args()
    _fetch_jars()
    server = _start(args.port)
    try:
        with tempfile.TemporaryDirectory() as tmp, KnowledgeGraph.open(Path(tmp) / "store") as kg:
            kg.load([example_path()])
            _annotate(args.port, "Warm-up: the models load on the first call, she said.")
            halves = {half: score_half(kg, args.port, half) for half in args.halves}
    finally:
        server.terminate()
        server.wait(timeout=60)
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
        " The validation half is batch 7, the test half batch 6 (tests/gold/README.md).",
    ]
    report = "\n".join(lines) + "\n"
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
