"""How the article extractor's time grows with the text's length.

    python -m bench.extract_scaling [--sizes 0.5 1 2 4 8] [--out bench/results/extract-scaling.md]

A long article is made by cycling through the seed article and the test articles (each copy
varied: its figures and years shifted, so no two blocks are the same text), up to each size in
MB. Each size is parsed once, against an empty gazetteer (`parse_article`, the text -> records
part; no store), and timed. Writes a Markdown table of seconds and seconds per MB; a linear
extractor has a flat seconds-per-MB column. Times are wall-clock on a shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import time
from itertools import count
from pathlib import Path

from bilateral.loaders.article import Gazetteer, parse_article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [
    ROOT / "tests" / "data" / "articles" / name
    for name in (
        "seed-trump-ishiba-article.txt",
        "synthetic-canada-white-house.txt",
        "synthetic-ishiba-tokyo-yen.txt",
        "synthetic-vance-iwaya-talks.txt",
    )
]
MB = 1_000_000
_NUMBER = re.compile(r"\d+")


def _vary(text: str, n: int) -> str:
    """The text with every number shifted by n (a different but equally shaped article)."""
    return _NUMBER.sub(lambda m: str(int(m.group()) + n), text)


def make_article(size: int) -> str:
    """About `size` characters of article text: varied copies of the seed articles, one per paragraph block."""
    seeds = [p.read_text(encoding="utf-8").strip() for p in SEEDS]
    blocks: list[str] = []
    total = 0
    for n in count():
        block = _vary(seeds[n % len(seeds)], n // len(seeds))
        blocks.append(block)
        total += len(block) + 2
        if total >= size:
            break
    return "\n\n".join(blocks)[:size]


def measure(size_mb: float) -> tuple[int, float, int]:
    """(characters, seconds, statements found) for one article of size_mb."""
    text = make_article(int(size_mb * MB))
    started = time.perf_counter()
    extraction = parse_article(text, published=dt.date(2025, 2, 8), gazetteer=Gazetteer())
    return len(text), time.perf_counter() - started, len(extraction.quotes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4, 8])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "extract-scaling.md")
    parser.add_argument("--label", default="", help="A line saying what was measured (e.g. the commit).")
    args = parser.parse_args(argv)
    lines = [
        "# Article extraction: time against length",
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}. {args.label}".rstrip(),
        "",
        "| size (MB) | characters | quotes | seconds | seconds per MB |",
        "|---:|---:|---:|---:|---:|",
    ]
    print("\n".join(lines), flush=True)
    for size in args.sizes:
        chars, seconds, quotes = measure(size)
        line = f"| {size:g} | {chars:,} | {quotes:,} | {seconds:.1f} | {seconds / (chars / MB):.2f} |"
        lines.append(line)
        print(line, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
