"""Server time of each web page on a store of N synthetic BACI rows plus the US-Japan example.

    python -m bench.web_pages --rows 1000000 [--store DIR] [--repeat 5] [--only TEXT]

Each page is asked in-process (Starlette's test client, no network), `--repeat` times; the first
request (cold: opening the store, first use of a query) is reported apart from the median of the
others. The dyad page and its charts (at their own URLs) are kept until the store changes, so their
warm time is the cache's: both are shown. Writes bench/results/web-pages.md; with `--only TEXT`,
only prints the pages whose URL holds TEXT. Not asserted anywhere: the issue's bar is 300 ms a page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from starlette.testclient import TestClient

from bench.generate_baci import generate
from bilateral.api import KnowledgeGraph
from bilateral.examples import example_path
from bilateral.web import create_app

RESULTS = Path(__file__).parent / "results"


def pages(pair: str, a: str) -> list[tuple[str, dict[str, str]]]:
    """Every page type: search, entity, dyad, meeting, catalog, graph, sources, snapshots, /sparql."""
    return [
        ("/", {"q": "Ishiba"}),
        ("/", {"q": "Ishbia"}),
        ("/entity", {"iri": "JPN"}),
        ("/entity", {"iri": "https://w3id.org/bilateral/id/person/shigeru_ishiba"}),  # as the app links
        ("/entity", {"iri": "Ishiba"}),  # a name typed in: resolved first
        ("/dyad/USA-JPN", {}),  # its charts are drawn apart, at their own URLs (the page's <img>):
        ("/dyad/USA-JPN/chart/balance.svg", {}),
        ("/dyad/USA-JPN/chart/sectors-JPN-USA.svg", {"year": "2024"}),
        (f"/dyad/{pair}", {}),
        ("/meeting", {"iri": "2025-02-07"}),
        ("/catalog", {}),
        ("/catalog/trade-balance", {"a": "USA", "b": "JPN"}),
        ("/catalog/top-sectors", {"exporter": a, "importer": pair.split("-")[1], "year": "2022", "n": "10"}),
        ("/graph", {"iri": "JPN"}),
        ("/graph/expand", {"iri": "JPN"}),
        ("/sources", {}),
        ("/snapshots", {}),
        ("/sparql", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--store", type=Path, help="the store to use: used as it is if it exists, else built there and kept"
    )
    parser.add_argument("--only", help="only the pages whose URL holds this text; printed, not written")
    args = parser.parse_args()
    work = args.store.parent if args.store else Path(tempfile.mkdtemp(prefix="bench-web-"))
    store = args.store or work / "store"
    baci = work / f"baci-{args.rows}"  # kept beside a kept store: the pair to ask about comes from it
    codes = baci / "synthetic-country_codes_V000000.csv"
    data = baci / "synthetic-BACI_HS92_Y2022_V000000.csv"
    if not (data.exists() and codes.exists()):
        data, codes = generate(args.rows, 7, baci)
    if not store.exists():
        started = time.perf_counter()
        with KnowledgeGraph.open(store) as kg:
            kg.load([example_path()])
            kg.load([data])  # the country codes file beside it is read by the BACI loader
            quads = len(kg.store)
        print(f"built a store of {quads} quads in {time.perf_counter() - started:.0f} s")
    countries = pd.read_csv(codes)["country_iso3"].tolist()
    pair = f"{countries[0]}-{countries[1]}"
    command = "python -m bench.web_pages " + " ".join(sys.argv[1:])
    lines = [
        f"# Web pages: server time on {args.rows:,} synthetic BACI rows plus the US-Japan example",
        "",
        f"`{command}` on {dt.date.today().isoformat()}, {os.cpu_count()} cores, load average before "
        f"{os.getloadavg()[0]:.1f} (a shared machine: other work skews the times).",
        "",
        "| page | first (ms) | median of the rest (ms) | status |",
        "|---|---:|---:|---:|",
    ]
    with TestClient(create_app(store, timeout=120)) as client:
        for url, params in pages(pair, countries[0]):
            if args.only and args.only not in url:
                continue
            times, status = [], 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(url, params=params, headers={"Accept": "text/html, */*;q=0.1"})
                times.append((time.perf_counter() - started) * 1000)
                status = response.status_code
            shown = url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
            lines.append(f"| `{shown}` | {times[0]:.0f} | {statistics.median(times[1:]):.0f} | {status} |")
            print(lines[-1], flush=True)
    lines += ["", f"Load average after: {os.getloadavg()[0]:.1f}."]
    if args.only:
        print(lines[-1])
        return
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "web-pages.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
