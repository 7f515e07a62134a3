"""The scale run of issue #11: a full BACI year's rows loaded as a user loads them, then the catalog.

    python -m bench.scale --rows 11000000 --dir /work/scale-run --name 11m

Made-up data (bench/generate_baci.py, named `synthetic-...`). Steps, each a child process timed
around the whole process, with its peak RSS (`os.wait4`): `bilateral load` of the BACI file into an
empty store in DIR/store, `bilateral load` of the US-Japan example beside it, then
`python -m bench.catalog_on_store DIR` (1 warm-up, up to 20 calls within 5 s). Writes
bench/results/NAME.md and NAME.jsonl (the catalog's raw lines). Never part of CI or of a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.generate_baci import generate

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BILATERAL = [sys.executable, "-m", "bilateral.cli"]


def _run(argv: list[str], stdout: Path) -> tuple[float, float, int]:
    """Seconds, peak RSS in MiB and exit code of a child process, its stdout to a file."""
    start = time.perf_counter()
    with stdout.open("wb") as out:
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, cwd=ROOT)
        assert child.stderr is not None
        err = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode:
        sys.stderr.write(err.decode(errors="replace"))
    return seconds, usage.ru_maxrss / 1024, child.returncode


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _load_avg() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=11_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, required=True, help="work folder (data and store; kept)")
    parser.add_argument("--name", default="11m", help="file stem in bench/results (default 11m)")
    args = parser.parse_args(argv)

    data = args.dir
    baci = data / "synthetic-BACI_HS92_Y2022_V000000.csv"
    if not baci.exists():
        generate(args.rows, args.seed, data)
    store = data / "store"
    shutil.rmtree(store, ignore_errors=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    before = _load_avg()

    free = shutil.disk_usage(data).free
    load_s, load_mib, rc = _run([*BILATERAL, "load", str(baci), "--store", str(store)], data / "load.out")
    if rc:
        raise SystemExit(f"the BACI load failed (exit {rc})")
    after_load = _load_avg()
    store_bytes = _size(store)
    example_s, _, rc = _run(
        [*BILATERAL, "load", str(ROOT / "examples" / "us-japan-2025"), "--store", str(store)], data / "example.out"
    )
    if rc:
        raise SystemExit(f"the example load failed (exit {rc})")
    raw = RESULTS / f"{args.name}.jsonl"
    catalog_s, _, rc = _run([sys.executable, "-m", "bench.catalog_on_store", str(data)], raw)
    if rc:
        raise SystemExit(f"the catalog run failed (exit {rc})")
    lines = [json.loads(line) for line in raw.read_text(encoding="utf-8").splitlines()]

    head = lines[0]
    calls = [line for line in lines if "p95_ms" in line]
    stats = next((line["ms"] for line in lines if line.get("label") == "stats"), None)
    bound = [c for c in calls if c["label"] != "conflicting-figures (whole store)"]
    slowest = max(bound, key=lambda c: c["p95_ms"])
    within = sum(c["p95_ms"] <= 100 for c in bound)
    load_min = load_s / 60
    on_disk = f"store on disk after it: {store_bytes / 2**30:.1f} GiB"
    table = "\n".join(
        f"| {c['label']} | {c['rows']:,} | {c['names_ms']} | {c['p50_ms']:,} | {c['p95_ms']:,} | {c['n']} |"
        for c in calls
    )
    report = f"""# Scale run: {args.rows:,} rows of synthetic BACI-shaped data (seed {args.seed})

Made-up data (bench/generate_baci.py: real ISO country codes, made-up products and values). {started},
`python -m bench.scale --rows {args.rows} --dir DIR --name {args.name}`, commit {commit.stdout.strip()}.
Machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}; load average
{before} before, {after_load} after the load, {_load_avg()} at the end. Disk free before: {free / 2**30:.0f} GiB.
Raw catalog lines: {args.name}.jsonl. Not asserted anywhere.

## Load (`bilateral load FILE --store DIR`, the whole process, as a user runs it)

| step | seconds | minutes | peak RSS MiB | notes |
|---|---:|---:|---:|---|
| BACI file, into an empty store | {load_s:,.1f} | {load_min:.1f} | {load_mib:,.0f} | {on_disk} |
| US-Japan example beside it | {example_s:,.1f} | | | |

Targets: load <= 20 min: **{"yes" if load_min <= 20 else "no"}** ({load_min:.1f} min); peak memory
<= 1.5 GB: **{"yes" if load_mib * 2**20 <= 1.5e9 else "no"}** ({load_mib:,.0f} MiB).

## Catalog (ms; 1 warm-up, then up to 20 calls within 5 s; {catalog_s:.0f} s in all)

The BACI pair is {head["pair"][0]}-{head["pair"][1]}, the busiest of the file ({head["flows"]:,} flows).

| query | rows | names resolved | p50 | p95 | calls |
|---|---:|---:|---:|---:|---:|
{table}

`stats`: {stats if stats is None else f"{stats:,.0f}"} ms. Pair-, person-, meeting- or entity-bound
cases within 100 ms p95: **{within} of {len(bound)}** (slowest: {slowest["label"]}, {slowest["p95_ms"]:,} ms).
"""
    (RESULTS / f"{args.name}.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
