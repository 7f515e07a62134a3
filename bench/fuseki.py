"""Load and the query catalog on a Fuseki server beside the embedded Oxigraph store, as ratios.

Made-up data: the seeded synthetic BACI generator (bench/generate_baci.py) plus the US-Japan
example, loaded into a new Oxigraph store and into the Fuseki dataset named by FUSEKI_URL (EMPTIED
first: use scripts/fuseki-local's), then every catalog query with its test case, a few times each.
Nothing is asserted; the numbers go to bench/results/fuseki.md.

    eval "$(scripts/fuseki-local start)"
    python bench/fuseki.py --rows 100000
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bilateral.api import KnowledgeGraph
from bilateral.examples import example_path

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "queries" / "cases.yaml").read_text(encoding="utf-8"))


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _queries(kg: KnowledgeGraph, repeat: int) -> dict[str, float]:
    """The median of `repeat` runs of each catalog query (after one warm-up run)."""
    out = {}
    for name, params in sorted(CASES.items()):
        text = {k: str(v) for k, v in params.items()}
        kg.query_rows(name, text)
        run = lambda name=name, text=text: kg.query_rows(name, text)  # noqa: E731
        out[name] = statistics.median(_timed(run) for _ in range(repeat))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "fuseki.md")
    args = parser.parse_args()
    url = os.environ.get("FUSEKI_URL")
    if not url:
        sys.exit('FUSEKI_URL is not set: eval "$(scripts/fuseki-local start)" first')

    with tempfile.TemporaryDirectory() as work:
        baci = Path(work) / "baci"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate_baci.py"),
                "--rows",
                str(args.rows),
                "--seed",
                "1",
                "--out",
                str(baci),
            ],
            check=True,
            capture_output=True,
        )
        inputs = [example_path(), baci]
        load: dict[str, float] = {}
        catalog: dict[str, dict[str, float]] = {}
        quads: dict[str, int] = {}
        for name, where in (("oxigraph", str(Path(work) / "store")), ("fuseki", url)):
            with KnowledgeGraph.open(where) as kg:
                if name == "fuseki":
                    kg.store.update("DROP ALL")  # type: ignore[attr-defined]
                load[name] = _timed(lambda kg=kg: kg.load(inputs))
                quads[name] = len(kg.store)
                catalog[name] = _queries(kg, args.repeat)

    lines = [
        "# Fuseki beside Oxigraph: load and the query catalog",
        "",
        f"Made-up data: {args.rows:,} synthetic BACI rows (bench/generate_baci.py, seed 1) plus the US-Japan",
        f"example, {quads['oxigraph']:,} quads (Fuseki holds {quads['fuseki']:,}). One run of `python bench/fuseki.py",
        f"--rows {args.rows}`; queries: the median of {args.repeat} runs after a warm-up, each catalog query with its",
        "test case (tests/queries/cases.yaml). Not asserted anywhere.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; Fuseki 5.6.0",
        "(TDB2 on disk, scripts/fuseki-local, over HTTP on 127.0.0.1) and pyoxigraph in-process.",
        "",
        "| what | Oxigraph (s) | Fuseki (s) | Fuseki / Oxigraph |",
        "|---|---:|---:|---:|",
        f"| load | {load['oxigraph']:.2f} | {load['fuseki']:.2f} | {load['fuseki'] / load['oxigraph']:.2f} |",
    ]
    for name in sorted(catalog["oxigraph"]):
        a, b = catalog["oxigraph"][name], catalog["fuseki"][name]
        lines.append(f"| query {name} | {a:.4f} | {b:.4f} | {b / a:.2f} |")
    total_a, total_b = sum(catalog["oxigraph"].values()), sum(catalog["fuseki"].values())
    lines.append(f"| the whole catalog | {total_a:.3f} | {total_b:.3f} | {total_b / total_a:.2f} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
