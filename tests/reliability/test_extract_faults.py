"""`bilateral extract` against hostile and unlucky inputs: binary files are refused with a clean
`Error:` naming the file and what is wrong (and nothing is written), and a very long article
finishes (the extractor is linear in the text's length) with the same facts in every copy of a
repeated block. Every input is generated in tmp_path; the CLI runs as a subprocess."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from bilateral.api import KnowledgeGraph

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "articles" / "seed-trump-ishiba-article.txt"


def _extract(article: Path, store: Path, *more: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "bilateral.cli",
            "extract",
            str(article),
            "--published",
            "2025-02-08",
            "--store",
            str(store),
            *more,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def _assert_refused(done: subprocess.CompletedProcess[str], article: Path, what: str) -> None:
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, done.stderr
    assert str(article) in done.stderr
    assert what in done.stderr
    assert done.stdout == ""


def _store_is_empty(store: Path) -> bool:
    with KnowledgeGraph.open(store) as kg:
        return len(kg.store) == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_are_refused_and_nothing_is_written(tmp_path: Path, seed: int) -> None:
    article = tmp_path / "noise.txt"
    article.write_bytes(random.Random(seed).randbytes(64_000))
    out = tmp_path / "facts.trig"
    done = _extract(article, tmp_path / "store", "--load", "-o", str(out))
    _assert_refused(done, article, "not a text file")
    assert not out.exists()
    assert _store_is_empty(tmp_path / "store")


def test_a_nul_byte_in_an_article_is_refused_with_its_line(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    article = tmp_path / "nul.txt"
    article.write_bytes(text.encode("utf-8") + b"\nTrump said \x00 again.\n")
    done = _extract(article, tmp_path / "store", "--load")
    _assert_refused(done, article, "NUL byte")
    assert f"line {text.count(chr(10)) + 2}" in done.stderr
    assert _store_is_empty(tmp_path / "store")


def test_text_that_is_not_utf8_is_refused_with_the_byte(tmp_path: Path) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes("Ishiba met Trump.\nThe café said: “It was fine,” he said.\n".encode("cp1252"))
    done = _extract(article, tmp_path / "store")
    _assert_refused(done, article, "not UTF-8")
    assert "line 2" in done.stderr
    assert "0x" in done.stderr


def test_mostly_control_characters_are_refused(tmp_path: Path) -> None:
    rng = random.Random(7)
    noise = "".join(rng.choice("\x01\x02\x03\x1b\x7fabc Trump said ") for _ in range(20_000))
    article = tmp_path / "control.txt"
    article.write_text(noise, encoding="utf-8")
    done = _extract(article, tmp_path / "store")
    _assert_refused(done, article, "control characters")


def test_a_few_form_feeds_and_tabs_are_still_text(tmp_path: Path) -> None:
    article = tmp_path / "tabs.txt"
    article.write_text(SEED.read_text(encoding="utf-8").replace("\n\n", "\n\f\t\n", 1), encoding="utf-8")
    done = _extract(article, tmp_path / "store", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert any(row["kind"] == "statement" for row in json.loads(done.stdout)["rows"])


def test_a_very_long_article_finishes_with_the_same_facts_in_every_block(tmp_path: Path) -> None:
    """About 8.5 MB (2,000 copies of the seed): a quadratic extractor does not finish within the
    hang guard; a linear one does, and finds the same statements, figures and mentions at the
    same offsets in every copy."""
    block = SEED.read_text(encoding="utf-8").strip() + "\n\n"
    copies = 2_000
    article = tmp_path / "long.txt"
    article.write_text(block * copies, encoding="utf-8")
    out = tmp_path / "facts.json"
    with out.open("w", encoding="utf-8") as sink:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bilateral.cli",
                "extract",
                str(article),
                "--published",
                "2025-02-08",
                "--store",
                str(tmp_path / "store"),
                "--format",
                "json",
            ],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            timeout=240,
            cwd=ROOT,
        )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    per_block: dict[int, list[tuple[object, ...]]] = defaultdict(list)
    for row in data["rows"]:
        if row["kind"] in ("statement", "figure"):
            copy, offset = divmod(row["start"], len(block))
            per_block[copy].append(
                (row["kind"], offset, row["end"] - row["start"], row["speaker"], row["value"], row["verdict"])
            )
    for m in data["mentions"]:
        copy, offset = divmod(m["selector"]["start"], len(block))
        per_block[copy].append(("mention", offset, m["exact"], m["refers_to"]))
    first = per_block[0]
    assert any(fact[0] == "statement" for fact in first) and any(fact[0] == "figure" for fact in first)
    assert sorted(per_block) == list(range(copies))
    different = [copy for copy, facts in per_block.items() if facts != first]
    assert different == []
