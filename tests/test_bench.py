"""The benchmark's machinery at a tiny size: it runs, and its JSON has every target and sane numbers.

No timing is checked against a limit here: the targets are measured and reported, never asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

TARGETS = ("load_vs_floor", "load_vs_rdflib", "sync_vs_rdflib_neo4j", "peak_memory", "catalog_p95")


def test_the_benchmark_runs_at_a_tiny_size_and_reports_every_target(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--rows",
            "200",
            "--no-neo4j",
            "--out",
            str(tmp_path),
            "--name",
            "smoke",
            "--repeat",
            "2",
            "--query-budget",
            "1",
            "--workdir",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads((tmp_path / "smoke.json").read_text(encoding="utf-8"))
    assert (tmp_path / "smoke.md").read_text(encoding="utf-8").startswith("# bilateral benchmark: 200 rows")

    assert set(TARGETS) <= set(result["targets"])
    for key in ("load_vs_floor", "load_vs_rdflib", "peak_memory", "catalog_p95"):
        assert result["targets"][key]["value"] > 0, key
    assert result["targets"]["sync_vs_rdflib_neo4j"]["value"] is None  # Neo4j not run: said so, not faked
    assert result["steps"]["sync"]["status"].startswith("not run")

    assert result["data"]["synthetic"] is True and result["data"]["file"].startswith("synthetic-BACI_")
    assert result["data"]["rows"] == 200 and result["data"]["quads"] > 200
    for step in ("ours", "floor", "rdflib", "export_nquads", "export_trig"):
        assert result["steps"][step]["status"] == "ok", step
        assert result["steps"][step]["seconds"] > 0 and result["steps"][step]["peak_rss_mib"] > 0, step
    assert result["steps"]["ours"]["records"] == 200
    assert result["machine"]["cpu_count"] >= 1 and result["machine"]["memory_gib"] > 0

    queries = {q["label"]: q for q in result["queries"]}
    assert {"top-sectors (BACI pair)", "mirror-asymmetry (BACI pair)"} <= set(queries)
    for q in queries.values():
        assert q["rdf"]["status"] == "ok", q["label"]
        assert 0 < q["rdf"]["p50_ms"] <= q["rdf"]["p95_ms"], q["label"]
    assert queries["leader-on"]["rdf"]["rows"] >= 1  # the example was added: the cases have answers
    assert not list(tmp_path.glob("bilateral-bench-*")), "the temporary folder is removed"
