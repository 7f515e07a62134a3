"""The scorer measures one annotation against another (tests/gold/README.md, "Agreement: a
second annotation") with the same `score()` it scores the extractor with."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .score_extraction import GOLD, SECOND, agreement, gold_files, load_gold, report_of, score, split_of

DEV_SAMPLE = (
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
TEST_SAMPLE = (
    "newser-albanese-trump",
    "turkicworld-putin-xi",
    "ap-biden-xi-takeaways",
    "thewire-trump-modi",
    "newsaz-trump-milei",
    "ibc-goyal-lutnick",
    "couriermail-xi-albanese",
    "malaymail-anwar-beijing",
    "vietnamnews-chinh-sharif",
    "fsx-trump-xi",
)
SAMPLE = DEV_SAMPLE + TEST_SAMPLE


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


def first_ten_by_url_hash(half: str) -> list[str]:
    """The sampling rule of tests/gold/README.md: a half's ten pages first by SHA-256 of the URL,
    drawn when the set was batches 1-5."""
    golds = [(g, p) for p in gold_files("real") if split_of(g := load_gold(p)) == half and int(g["batch"]) <= 5]
    ranked = sorted(golds, key=lambda gp: hashlib.sha256(str(gp[0]["url"]).encode()).hexdigest())
    return [p.stem.removeprefix("real-") for _, p in ranked[:10]]


@pytest.mark.parametrize(("half", "sample"), [("dev", DEV_SAMPLE), ("test", TEST_SAMPLE)])
def test_each_sample_is_the_one_the_rule_fixes(half: str, sample: tuple[str, ...]) -> None:
    assert first_ten_by_url_hash(half) == list(sample)


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
        expected = "test" if path.stem.removeprefix("real-") in TEST_SAMPLE else "dev"
        assert split_of(gold) == second["half"] == expected, path.name


def test_agreement_scores_both_samples_and_differs_somewhere() -> None:
    results = agreement()
    assert sorted(results) == sorted(f"real-{s}" for s in SAMPLE)
    # two people annotating independently: not a copy (some kind disagrees on some page)
    assert any(s.fp or s.fn for scores in results.values() for s in scores.values())


def agreement_output(*flags: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tests.score_extraction", "--agreement", *flags],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def test_the_agreement_flag_prints_a_pooled_table_per_half_and_the_dev_differences() -> None:
    out = agreement_output()
    dev, test = out.split("== real-dev", 1)[1].split("== real-test", 1)
    for pooled in (dev.split("ALL (10 articles)", 1)[1], test.split("ALL (10 articles)", 1)[1]):
        for kind in (
            "quotes",
            "attribution",
            "participants",
            "figure_facts",
            "people",
            "offices",
            "countries",
            "meeting",
        ):
            assert f" {kind} " in pooled
    assert "differences:" in dev
    # booleans, so that a failing assertion does not print the test half's differences
    test_differences_printed = "differences:" in test
    assert not test_differences_printed


@pytest.mark.parametrize("flags", [(), ("--totals",)])
def test_the_agreement_flag_never_names_a_test_page(flags: tuple[str, ...]) -> None:
    # the test half's differences reach no one who changes rules (tests/gold/README.md)
    out = agreement_output(*flags)
    # counts and booleans, so that a failing assertion does not print what it guards
    test_pages_named = sum(stem in out for stem in TEST_SAMPLE)
    assert test_pages_named == 0
    test_table_printed = "== real-test" in out
    assert test_table_printed
    test_differences_printed = "difference" in out.split("== real-test", 1)[1]
    assert not test_differences_printed


def test_only_a_real_annotation_reads_as_an_extraction() -> None:
    seed = json.loads((GOLD / "seed-trump-ishiba-article.json").read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="real-set"):
        report_of(seed)
