"""The scorer measures one annotation against another (tests/gold/README.md, "Agreement: a
second annotation") with the same `score()` it scores the extractor with."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .score_extraction import GOLD, SECOND, agreement, gold_files, load_gold, report_of, score

SAMPLE = (
    "dpa-merz-trump",
    "miragenews-eu-china-summit",
    "urdupoint-ishiba-trump-call",
    "indy100-starmer-trump",
    "latestnewsx-lee-xi",
    "jabil-us-china-deficit",
    "truthintl-trump-lee",
    "etvbharat-modi-albanese",
    "expressandstar-macron-xi",
    "reuters-lurer-trump-xi",
)


@pytest.mark.parametrize("path", gold_files("real"), ids=lambda p: p.stem)
def test_a_gold_file_against_itself_agrees_on_every_kind(path: Path) -> None:
    gold = load_gold(path)
    scores = score(gold, report_of(gold))
    assert {"quotes", "attribution", "participants", "figures", "figure_facts", "people", "offices"} <= set(scores)
    for kind, s in scores.items():
        assert (s.fp, s.fn, s.misses) == (0, 0, []), kind
        assert s.precision == s.recall == 1.0, kind


def test_a_changed_speaker_loses_exactly_that_attribution() -> None:
    gold = load_gold(GOLD / "real-dpa-merz-trump.json")
    second = copy.deepcopy(gold)
    quotes = second["quotes"]
    assert isinstance(quotes, list)
    attributed = [q for q in quotes if q["speaker"]]
    assert len(attributed) >= 2
    changed = attributed[0]
    changed["speaker"] = "Somebody Else"
    scores = score(gold, report_of(second))
    a = scores["attribution"]
    assert (a.tp, a.fp, a.fn) == (len(attributed) - 1, 1, 1)
    assert a.misses == [
        f"attribution: missed ({changed['start']}, '{gold_speaker(gold, changed['start'])}')",
        f"attribution: spurious ({changed['start']}, 'Somebody Else')",
    ]
    for kind, s in scores.items():
        if kind != "attribution":
            assert (s.fp, s.fn) == (0, 0), kind


def gold_speaker(gold: dict[str, object], start: int) -> str:
    quotes = gold["quotes"]
    assert isinstance(quotes, list)
    return str(next(q["speaker"] for q in quotes if q["start"] == start))


def test_the_second_annotation_covers_the_fixed_sample_with_checked_offsets() -> None:
    assert sorted(p.stem for p in SECOND.glob("*.json")) == sorted(f"real-{s}" for s in SAMPLE)
    for path in SECOND.glob("*.json"):
        second = load_gold(path)
        text = (ROOT / str(second["article"])).read_text(encoding="utf-8")
        for span in [*second["quotes"], *second["figures"]]:  # type: ignore[misc]
            assert text[span["start"] : span["end"]] == span["text"], (path.name, span)
        # the header fields copied from the gold, nothing else of it
        gold = load_gold(GOLD / path.name)
        for key in ("url", "outlet", "published", "page_date", "article"):
            assert second[key] == gold[key], (path.name, key)


def test_agreement_pools_the_ten_pages_and_differs_somewhere() -> None:
    results = agreement()
    assert sorted(results) == sorted(f"real-{s}" for s in SAMPLE)
    # two people annotating independently: not a copy (some kind disagrees on some page)
    assert any(s.fp or s.fn for scores in results.values() for s in scores.values())


def test_the_agreement_flag_prints_the_pooled_table_and_the_differences() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.score_extraction", "--agreement"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    pooled = done.stdout.split("ALL (10 articles)", 1)[1]
    for kind in ("quotes", "attribution", "participants", "figure_facts", "people", "offices", "countries", "meeting"):
        assert f" {kind} " in pooled
    assert "differences:" in done.stdout


def test_only_a_real_annotation_reads_as_an_extraction() -> None:
    seed = json.loads((GOLD / "seed-trump-ishiba-article.json").read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="real-set"):
        report_of(seed)
