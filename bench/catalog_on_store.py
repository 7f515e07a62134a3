"""Catalog latency on a store already loaded, as bench/run.py measures it (1 warm-up, then up to 20
calls within 5 s), without loading again: for iterating on the queries at 1M rows and beyond.

    python -m bench.catalog_on_store DIR [--skip LABEL ...] > results.jsonl

DIR holds bench/generate_baci.py's two CSV files and `store/`, the store they were loaded into with
the US-Japan example beside. One JSON line per call, then `stats` once, and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import yaml

from bilateral import queries
from bilateral.api import KnowledgeGraph

CASES = Path(__file__).resolve().parent.parent / "tests" / "queries" / "cases.yaml"
BACI_YEAR = "2022"


def _percentile(samples: list[float], q: float) -> float:
    s = sorted(samples)
    k = (len(s) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def _busiest_pair(folder: Path) -> tuple[str, str, int]:
    data = next(folder.glob("synthetic-BACI*.csv"))
    codes = next(folder.glob("synthetic-country*.csv"))
    pairs = pd.read_csv(data, usecols=["i", "j"]).value_counts()
    (i, j), flows = pairs.index[0], int(pairs.iloc[0])
    iso = pd.read_csv(codes).set_index("country_code")["country_iso3"]
    return str(iso[i]), str(iso[j]), flows


def _timed(call: Callable[[], object]) -> tuple[list[float], object]:
    start = time.perf_counter()
    result = call()
    warm = (time.perf_counter() - start) * 1000
    samples: list[float] = []
    while len(samples) < 20 and sum(samples) < 5000 and warm < 5000:
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples or [warm], result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--skip", nargs="*", default=[], help="labels of calls not to make")
    args = parser.parse_args()
    x, m, flows = _busiest_pair(args.dir)
    cases: dict[str, dict[str, object]] = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    calls = [(name, name, {k: str(v) for k, v in params.items()}) for name, params in cases.items()]
    calls += [
        ("top-sectors (BACI pair)", "top-sectors", {"exporter": x, "importer": m, "year": BACI_YEAR, "n": "5"}),
        ("mirror-asymmetry (BACI pair)", "mirror-asymmetry", {"a": x, "b": m, "year": BACI_YEAR}),
        ("trade-balance (BACI pair)", "trade-balance", {"a": x, "b": m, "years": BACI_YEAR}),
        ("conflicting-figures (whole store)", "conflicting-figures", {}),
    ]
    print(json.dumps({"pair": [x, m], "flows": flows, "load_before": os.getloadavg()}), flush=True)
    with KnowledgeGraph.open(args.dir / "store", read_only=True) as kg:
        for label, name, params in calls:
            if label in args.skip:
                continue
            samples, rows = _timed(lambda name=name, params=params: kg.query_rows(name, params))
            start = time.perf_counter()
            queries.get(name).bind(params, kg.resolve)
            names = (time.perf_counter() - start) * 1000
            print(
                json.dumps(
                    {
                        "label": label,
                        "rows": len(rows.rows),
                        "names_ms": round(names, 1),  # type: ignore[attr-defined]
                        "p50_ms": round(_percentile(samples, 0.5), 1),
                        "p95_ms": round(_percentile(samples, 0.95), 1),
                        "n": len(samples),
                    }
                ),
                flush=True,
            )
        start = time.perf_counter()
        kg.stats()
        print(json.dumps({"label": "stats", "ms": round((time.perf_counter() - start) * 1000, 1)}), flush=True)
    print(json.dumps({"load_after": os.getloadavg()}), flush=True)


if __name__ == "__main__":
    main()
