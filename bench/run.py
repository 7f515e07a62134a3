"""The benchmark: one command, one run, the same synthetic data for every step.

    python -m bench.run --rows 100000 [--seed 1] [--neo4j] [--out bench/results] [--name latest]

Measures our BACI load into the embedded store beside the store's own bulk load of the same
N-Quads (the floor) and beside rdflib parsing them; our Neo4j sync beside rdflib-neo4j loading the
same RDF into the same server; catalog query latency on both backends; export throughput. Writes
`NAME.json` (every number, the machine, the command) and `NAME.md` (the targets and the details)
into --out, and prints the Markdown. bench/README.md says what each row means.

Every measured step runs in its own child process (`--child`), on a fresh store directory in a
temporary folder, so a step's peak RSS is its own: the kernel's ru_maxrss of that child, read by
the parent with os.wait4 (interpreter and imports included). Wall time is measured in the child
around the work only (interpreter start and imports excluded). Targets are reported as measured
values, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "bench" / "results"
CASES = ROOT / "tests" / "queries" / "cases.yaml"
STATS = "stats"  # not a catalog query: KnowledgeGraph.stats(), timed like one
README = ROOT / "bench" / "README.md"
BACI_YEAR = "2022"  # the year bench/generate_baci.py writes
TARGET_ROWS = 1_000_000  # the size the memory and latency targets are stated for

Args = dict[str, Any]
Result = dict[str, Any]

# The targets: key -> (wording, threshold). Reported as measured ratios, never asserted.
TARGETS: dict[str, tuple[str, float]] = {
    "load_vs_floor": ("our load within 1.2x of the store's bulk-load floor (time ratio, lower is better)", 1.2),
    "load_vs_rdflib": ("our load at least 5x faster than rdflib parsing the same N-Quads", 5.0),
    "sync_vs_rdflib_neo4j": ("Neo4j first sync at least 4x faster than rdflib-neo4j loading the same RDF", 4.0),
    "peak_memory": ("peak memory of our load at most 1.5 GB at any row count", 1.5e9 / 2**20),  # 1,431 MiB
    "catalog_p95": ("catalog queries p95 at most 100 ms at 1M rows on the embedded store (every query)", 100.0),
    "whole_store": (
        "whole-store questions (conflicting-figures without parameters, stats) at most 1 s at 1M rows",
        1000.0,
    ),
}
WHOLE_STORE = ("conflicting-figures (whole store)", STATS)  # labels of the calls with the 1 s target


# ---------------------------------------------------------------------------- child steps
# Each runs in its own process; imports are local so a step loads only what it measures.


def _seconds_since(start: float) -> float:
    return time.perf_counter() - start


def _generate(a: Args) -> Result:
    """The synthetic data, and the busiest exporter-importer pair (the BACI-touching queries ask
    about it, since the US-Japan cases touch no BACI flow)."""
    import pandas as pd

    from bench.generate_baci import generate

    start = time.perf_counter()
    data, codes = generate(a["rows"], a["seed"], Path(a["dir"]))
    seconds = _seconds_since(start)
    pairs = pd.read_csv(data, usecols=["i", "j"]).value_counts()
    (i, j), flows = pairs.index[0], int(pairs.iloc[0])
    iso = pd.read_csv(codes).set_index("country_code")["country_iso3"]
    return {
        "seconds": seconds,
        "data": str(data),
        "codes": str(codes),
        "bytes": data.stat().st_size,
        "pair": [str(iso[i]), str(iso[j])],
        "pair_flows": flows,
    }


def _nquads(a: Args) -> Result:
    """The N-Quads our loader stages, written once to a file: the floor's and rdflib's input."""
    from bilateral.graph.flows import bulk_nquads

    start = time.perf_counter()
    with open(a["out"], "wb") as out:
        stats = bulk_nquads(Path(a["data"]), out)
    return {
        "seconds": _seconds_since(start),
        "quads": stats.quads,
        "flows": stats.flows,
        "bytes": Path(a["out"]).stat().st_size,
    }


def _ours(a: Args) -> Result:
    """The full user path: open, check + N-Quads + bulk load, close (flush)."""
    from bilateral.api import KnowledgeGraph

    start = time.perf_counter()
    with KnowledgeGraph.open(a["store"]) as kg:
        report = kg.load([Path(a["data"])])
    seconds = _seconds_since(start)
    with KnowledgeGraph.open(a["store"], read_only=True) as kg:  # counted after the clock: seconds at 1M
        size = len(kg.store)
    return {
        "seconds": seconds,
        "records": report.records,
        "quads": report.quads,
        "added": report.added,
        "store_quads": size,
    }


def _floor(a: Args) -> Result:
    """Oxigraph's bulk loader alone on the pre-generated N-Quads: open, load, flush."""
    import pyoxigraph as ox

    start = time.perf_counter()
    store = ox.Store(a["store"])
    store.bulk_load(path=a["nquads"], format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = _seconds_since(start)
    return {"seconds": seconds, "store_quads": len(store)}


def _rdflib(a: Args) -> Result:
    """What a user would do by hand: rdflib's in-memory Dataset parsing the N-Quads."""
    import rdflib

    start = time.perf_counter()
    dataset = rdflib.Dataset()
    dataset.parse(a["nquads"], format="nquads")
    return {"seconds": _seconds_since(start)}


def _ntriples(a: Args) -> Result:
    """rdflib-neo4j's input: the same statements as N-Triples (it ignores graphs), in the store's
    subject order, which its streaming buffers need (they flush when the subject changes)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(a["store"])
    with open(a["out"], "wb") as out:
        ox.serialize((quad.triple for quad in store), out, ox.RdfFormat.N_TRIPLES)
    return {"bytes": Path(a["out"]).stat().st_size}


def _example(a: Args) -> Result:
    """The US-Japan example added to the big store, so that the catalog cases have answers."""
    from bilateral.api import KnowledgeGraph
    from bilateral.examples import example_path

    start = time.perf_counter()
    with KnowledgeGraph.open(a["store"]) as kg:
        report = kg.load([example_path()])
    return {"seconds": _seconds_since(start), "quads": report.quads, "added": report.added}


def _sync(a: Args) -> Result:
    """Our Neo4j projection of the store (a first, full sync into an empty database, or an
    incremental one), connection included."""
    from bilateral.graph.neo4j import Neo4jProjector
    from bilateral.graph.store import OxigraphStore

    store = OxigraphStore(Path(a["store"]), read_only=True)
    start = time.perf_counter()
    with Neo4jProjector() as neo:
        report = neo.sync(store)
    return {
        "seconds": _seconds_since(start),
        "full": report.full,
        "entities": report.entities,
        "nodes_created": report.nodes_created,
        "relationships_created": report.relationships_created,
    }


def _sync_parts(a: Args) -> Result:
    """The Python side of a first sync, timed apart: telling what each source graph is (its change
    stamp; hashed if small or unstamped), then projecting the store part by part, as the sync
    does (here with nothing written in between)."""
    from bilateral.graph.mapping import project_parts
    from bilateral.graph.neo4j import _marks
    from bilateral.graph.store import OxigraphStore

    store = OxigraphStore(Path(a["store"]), read_only=True)
    start = time.perf_counter()
    _marks(store, {}, True, None)
    hashing = _seconds_since(start)
    start = time.perf_counter()
    nodes = relationships = parts = biggest = 0
    for part in project_parts(store):
        parts += 1
        nodes += len(part.nodes)
        relationships += len(part.relationships)
        biggest = max(biggest, len(part.nodes) + len(part.relationships))
    return {
        "hashing_seconds": hashing,
        "projecting_seconds": _seconds_since(start),
        "nodes": nodes,
        "relationships": relationships,
        "parts": parts,
        "biggest_part": biggest,
    }


def _rdflib_neo4j(a: Args) -> Result:
    """The Neo4j Labs RDF loader, as its README shows it: a Graph on a Neo4jStore, batching on
    (its default batch of 5000), `parse`, `close(True)`. IGNORE keeps local names as labels,
    properties and types, as our mapping does (its default, SHORTEN, needs every namespace declared)."""
    from rdflib import Graph
    from rdflib_neo4j import HANDLE_VOCAB_URI_STRATEGY, Neo4jStore, Neo4jStoreConfig

    from bilateral.core.settings import neo4j_settings

    s = neo4j_settings()
    config = Neo4jStoreConfig(
        auth_data={"uri": s.uri, "database": s.database or "neo4j", "user": s.user, "pwd": s.password},
        handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE,
        batching=True,
    )
    start = time.perf_counter()
    graph = Graph(store=Neo4jStore(config=config))
    graph.parse(a["ntriples"], format="nt")
    graph.close(True)
    return {"seconds": _seconds_since(start), "batch_size": config.batch_size}


def _percentile(samples: list[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(samples)
    at = (len(ordered) - 1) * q
    lo, hi = math.floor(at), math.ceil(at)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (at - lo)


def _beat(path: Path, mode: str | None) -> None:
    """Tell the parent which call runs since when (None: between calls), so that it can stop a
    call running past --query-timeout; written outside the timed region."""
    path.with_suffix(".tmp").write_text(json.dumps({"mode": mode, "since": time.time()}), encoding="utf-8")
    path.with_suffix(".tmp").replace(path)


def _timed_calls(call: Callable[[], int], repeat: int, budget: float, beat: Callable[[bool], None]) -> Result:
    """One warm-up, then up to `repeat` timed calls, stopping once `budget` seconds are spent.

    A warm-up longer than the budget is the only sample (a second call would cost as much).
    """

    def timed() -> tuple[int, float]:
        beat(True)
        start = time.perf_counter()
        rows = call()
        seconds = _seconds_since(start)
        beat(False)
        return rows, seconds

    rows, warmup = timed()
    samples: list[float] = []
    if warmup > budget:
        samples = [warmup]
    while len(samples) < repeat and sum(samples) < budget:
        samples.append(timed()[1])
    return {
        "rows": rows,
        "n": len(samples),
        "warmup_ms": warmup * 1000,
        "p50_ms": _percentile(samples, 0.5) * 1000,
        "p95_ms": _percentile(samples, 0.95) * 1000,
        "samples_ms": [round(x * 1000, 3) for x in samples],
    }


def _query(a: Args) -> Result:
    """One catalog call, timed on each asked mode. The result file is rewritten after each mode,
    and a heartbeat file names the call running, so that the parent can stop a call past the
    timeout and keep what was measured before it.

    Modes: `rdf` (the embedded store); `neo4j` as the API runs it (KnowledgeGraph.query_rows opens
    a connection per call); `neo4j-session` (the same Cypher on a connection kept open). Names
    are resolved on the store in every mode, as the API does.
    """
    from bilateral import queries
    from bilateral.api import KnowledgeGraph
    from bilateral.graph.neo4j import Neo4jProjector

    name, params = a["query"], a["params"]
    heartbeat = Path(a["heartbeat"])
    out: Result = {}
    with KnowledgeGraph.open(a["store"], read_only=True) as kg:
        binds = []  # resolving the names (on the store, for every backend), timed alone
        for _ in range(3 if name != STATS else 0):
            start = time.perf_counter()
            queries.get(name).bind(params, kg.resolve)
            binds.append(_seconds_since(start) * 1000)
        out["resolve_ms"] = _percentile(binds, 0.5) if binds else 0.0
        Path(a["partial"]).write_text(json.dumps(out), encoding="utf-8")
        for mode in a["modes"]:

            def beat(running: bool, mode: str = mode) -> None:
                _beat(heartbeat, mode if running else None)

            if name == STATS:
                if mode == "rdf":
                    out[mode] = _timed_calls(lambda: len(kg.stats().rows), a["repeat"], a["budget"], beat)
                continue
            if mode == "neo4j-session":
                query = queries.get(name)
                with Neo4jProjector() as neo:

                    def call(neo: Neo4jProjector = neo, query: queries.CatalogQuery = query) -> int:
                        values = query.bind(params, kg.resolve)
                        return len(neo.run(query.cypher or "", values).rows)

                    out[mode] = _timed_calls(call, a["repeat"], a["budget"], beat)
            else:
                backend = "rdf" if mode == "rdf" else "neo4j"
                out[mode] = _timed_calls(
                    lambda backend=backend: len(kg.query_rows(name, params, backend).rows),
                    a["repeat"],
                    a["budget"],
                    beat,
                )
            Path(a["partial"]).write_text(json.dumps(out), encoding="utf-8")
    return out


def _export(a: Args) -> Result:
    """One export of the whole store (read-only), as `bilateral export` writes it."""
    from bilateral.graph.export import export
    from bilateral.graph.store import OxigraphStore

    store = OxigraphStore(Path(a["store"]), read_only=True)
    start = time.perf_counter()
    report = export(store, a["format"], a["output"], force=True)  # its own scratch file, rewritten each round
    seconds = _seconds_since(start)
    size = Path(a["output"]).stat().st_size
    Path(a["output"]).unlink()
    return {
        "seconds": seconds,
        "quads": report.quads,
        "nodes": report.nodes,
        "relationships": report.relationships,
        "bytes": size,
    }


STEPS: dict[str, Callable[[Args], Result]] = {
    "generate": _generate,
    "nquads": _nquads,
    "ours": _ours,
    "floor": _floor,
    "rdflib": _rdflib,
    "ntriples": _ntriples,
    "example": _example,
    "sync": _sync,
    "sync_parts": _sync_parts,
    "rdflib_neo4j": _rdflib_neo4j,
    "query": _query,
    "export": _export,
}


def _child(name: str, args_path: str, result_path: str) -> None:
    result = STEPS[name](json.loads(Path(args_path).read_text(encoding="utf-8")))
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")


# ---------------------------------------------------------------------------- the parent


@dataclass
class Runner:
    """Runs steps in child processes and reads each one's own peak RSS with os.wait4."""

    tmp: Path
    count: int = 0

    def run(
        self,
        name: str,
        args: Args,
        timeout: float | None = None,
        label: str | None = None,
        watch: Callable[[], bool] | None = None,
    ) -> Result:
        """Run step `name` in a child; stop it after `timeout` seconds, or when `watch()` says so."""
        self.count += 1
        stem = self.tmp / f"{self.count:03d}-{name}"
        args_path, result_path, log_path = (stem.with_suffix(s) for s in (".args.json", ".json", ".log"))
        args_path.write_text(json.dumps(args), encoding="utf-8")
        what = label or name
        print(f"bench: {what} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "bench.run", "--child", name, str(args_path), str(result_path)],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            timed_out = False
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if (timeout is not None and time.perf_counter() - started > timeout) or (watch and watch()):
                    proc.kill()
                    pid, status, usage = os.wait4(proc.pid, 0)
                    timed_out = True
                    break
                time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        partial = args.get("partial")
        source = result_path if result_path.exists() else Path(partial) if partial else None
        out: Result = json.loads(source.read_text(encoding="utf-8")) if source and source.exists() else {}
        out["peak_rss_mib"] = round(usage.ru_maxrss / 1024, 1)  # KiB on Linux
        out["wall_seconds"] = round(time.perf_counter() - started, 3)
        if timed_out:
            out["status"] = "timeout"
            out["timeout_seconds"] = timeout
        elif proc.returncode != 0:
            out["status"] = "failed"
            out["error"] = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        else:
            out["status"] = "ok"
        shown = f"{out['seconds']:.2f} s" if "seconds" in out else f"{out['wall_seconds']:.1f} s wall"
        print(
            f"bench: {what}: {out['status']}, {shown}, peak {out['peak_rss_mib']:.0f} MiB", file=sys.stderr, flush=True
        )
        return out


# -- Neo4j ------------------------------------------------------------------------------------


def _neo4j_env(args: argparse.Namespace) -> tuple[str | None, bool]:
    """Whether the Neo4j parts run: (None, started_here) if they do, else (why not, False).

    NEO4J_URI set: that server, if it is on this machine (the benchmark empties its database; as
    the tests, it leaves other servers alone unless told). Else with --neo4j: scripts/neo4j-local's
    server, started (and stopped at the end) if it is not running.
    """
    if args.no_neo4j:
        return "not run (--no-neo4j)", False
    uri = os.environ.get("NEO4J_URI")
    if uri:
        host = urlsplit(uri).hostname or ""
        if host not in ("localhost", "127.0.0.1", "::1") and not args.wipe_neo4j:
            return (
                f"not run: the benchmark empties the database, and {host} is not this machine "
                "(pass --wipe-neo4j if it is a scratch server)"
            ), False
        return None, False
    if not args.neo4j:
        return "not run (NEO4J_URI is not set; pass --neo4j or set it)", False
    script = ROOT / "scripts" / "neo4j-local"
    running = subprocess.run([str(script), "status"], capture_output=True).returncode == 0
    done = subprocess.run([str(script), "start"], capture_output=True, text=True)
    if done.returncode != 0:
        return f"not run (scripts/neo4j-local start failed: {done.stderr.strip()[-300:]})", False
    for line in done.stdout.splitlines():
        found = re.fullmatch(r"export (NEO4J_[A-Z]+)=(.*)", line.strip())
        if found:
            os.environ[found[1]] = found[2]
    return None, not running


class Neo4jAdmin:
    """The parent's own connection: emptying the database between runs, counting, the version."""

    def __init__(self) -> None:
        import neo4j

        from bilateral.core.settings import neo4j_settings

        s = neo4j_settings()
        self.database = s.database
        self.driver = neo4j.GraphDatabase.driver(s.uri, auth=(s.user, s.password))

    def rows(self, cypher: str) -> list[dict[str, Any]]:
        records = self.driver.execute_query(cypher, database_=self.database).records
        return [record.data() for record in records]

    def foreign_nodes(self) -> int:
        """Nodes that are neither a bilateral projection nor an rdflib-neo4j load (no :Resource)."""
        return int(self.rows("MATCH (n) WHERE NOT n:Resource AND NOT n:`_SyncState` RETURN count(n) AS n")[0]["n"])

    def wipe(self) -> float:
        """Every relationship, node, constraint and index gone (the lookup indexes stay), in
        batches small enough for a 1 GB heap; returns the seconds it took."""
        start = time.perf_counter()
        while self.rows("MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS n")[0]["n"]:
            pass
        while self.rows("MATCH (n) WITH n LIMIT 20000 DELETE n RETURN count(*) AS n")[0]["n"]:
            pass
        for row in self.rows("SHOW CONSTRAINTS YIELD name RETURN name"):
            self.rows(f"DROP CONSTRAINT `{row['name']}` IF EXISTS")
        for row in self.rows("SHOW INDEXES YIELD name, type RETURN name, type"):
            if row["type"] != "LOOKUP":
                self.rows(f"DROP INDEX `{row['name']}` IF EXISTS")
        return _seconds_since(start)

    def counts(self) -> dict[str, int]:
        return {
            "nodes": int(self.rows("MATCH (n:Resource) RETURN count(n) AS n")[0]["n"]),
            "relationships": int(self.rows("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]),
        }

    def version(self) -> str:
        row = self.rows("CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition")[
            0
        ]
        return f"{row['version']} {row['edition']}"

    def close(self) -> None:
        self.driver.close()


# -- the run ----------------------------------------------------------------------------------


@dataclass
class Run:
    """One benchmark run: what it measured, step by step."""

    args: argparse.Namespace
    tmp: Path
    runner: Runner
    steps: dict[str, Result] = field(default_factory=dict)
    queries: list[Result] = field(default_factory=list)
    data: Result = field(default_factory=dict)
    neo4j: Result = field(default_factory=dict)

    def not_run(self, key: str, why: str) -> None:
        self.steps[key] = {"status": why}

    def execute(self) -> None:
        a, tmp, run = self.args, self.tmp, self.runner.run
        gen = run(
            "generate",
            {"rows": a.rows, "seed": a.seed, "dir": str(tmp / "data")},
            label=f"generating {a.rows:,} synthetic rows",
        )
        self.steps["generate"] = gen
        if gen["status"] != "ok":
            raise SystemExit(f"bench: generating the data failed:\n{gen.get('error', '')}")
        nq = tmp / "baci.nq"
        prep = run("nquads", {"data": gen["data"], "out": str(nq)}, label="pre-generating the N-Quads (not timed)")
        self.steps["nquads"] = prep
        self.data = {
            "rows": a.rows,
            "seed": a.seed,
            "synthetic": True,
            "generator": "bench/generate_baci.py",
            "file": Path(gen["data"]).name,
            "csv_bytes": gen["bytes"],
            "quads": prep.get("quads"),
            "flows": prep.get("flows"),
            "nquads_bytes": prep.get("bytes"),
            "pair": gen["pair"],
            "pair_flows": gen["pair_flows"],
            "year": int(BACI_YEAR),
        }
        ours = tmp / "ours"
        self.steps["ours"] = run("ours", {"store": str(ours), "data": gen["data"]}, label="our load")
        floor = tmp / "floor"
        self.steps["floor"] = run("floor", {"store": str(floor), "nquads": str(nq)}, label="floor: bulk_load")

        why, started_here = _neo4j_env(a)
        self.neo4j = {"started_here": started_here, "status": why or "run"}
        admin: Neo4jAdmin | None = None
        if why is None:
            admin = Neo4jAdmin()
            self.neo4j["server"] = admin.version()
            foreign = admin.foreign_nodes()
            if foreign and not a.wipe_neo4j:
                self.neo4j["status"] = (
                    f"not run: the database holds {foreign} nodes that are not a bilateral "
                    "projection (pass --wipe-neo4j to empty it anyway)"
                )
                admin.close()
                admin = None
        nt = tmp / "same.nt"
        if admin is not None:
            self.steps["ntriples"] = run(
                "ntriples", {"store": str(floor), "out": str(nt)}, label="rdflib-neo4j's input as N-Triples (not timed)"
            )
        shutil.rmtree(floor, ignore_errors=True)

        self._rdflib(nq)
        nq.unlink(missing_ok=True)

        if admin is not None:
            # rdflib-neo4j and our sync back to back: the machine's other work skews both alike
            admin.wipe()
            self.neo4j["rdflib_neo4j_load_average"] = round(os.getloadavg()[0], 2)
            self.steps["rdflib_neo4j"] = run(
                "rdflib_neo4j",
                {"ntriples": str(nt)},
                timeout=a.rdflib_timeout,
                label="rdflib-neo4j loading the same RDF",
            )
            self.neo4j["rdflib_neo4j_counts"] = admin.counts()
            nt.unlink(missing_ok=True)
            self.neo4j["wipe_seconds"] = admin.wipe()
            self.neo4j["sync_load_average"] = round(os.getloadavg()[0], 2)
            self.steps["sync"] = run("sync", {"store": str(ours)}, label="Neo4j sync (full)")
            self.neo4j["ours_counts"] = admin.counts()
            self.steps["sync_parts"] = run("sync_parts", {"store": str(ours)}, label="sync's Python side, timed apart")
        else:
            for key in ("sync", "sync_parts", "rdflib_neo4j", "sync_incremental"):
                self.not_run(key, self.neo4j["status"])

        self.steps["example"] = run("example", {"store": str(ours)}, label="adding the US-Japan example")
        if admin is not None:
            self.steps["sync_incremental"] = run(
                "sync", {"store": str(ours)}, label="Neo4j sync (incremental: the example added)"
            )
        self._queries(ours, neo4j=admin is not None)
        self._exports(ours)

        if admin is not None:
            admin.wipe()  # the database is left empty: a projection is re-made by `bilateral neo4j sync`
            admin.close()
        nt.unlink(missing_ok=True)

    def _rdflib(self, nq: Path) -> None:
        a = self.args
        if a.skip_rdflib:
            self.not_run("rdflib", "not run (--skip-rdflib)")
            return
        source, prefix_rows = nq, None
        if a.rows > a.rdflib_rows:  # a prefix, extrapolated linearly by quads
            lines = math.ceil(self.data["quads"] * a.rdflib_rows / a.rows)
            source = self.tmp / "prefix.nq"
            with nq.open("rb") as full, source.open("wb") as part:
                for _, line in zip(range(lines), full, strict=False):
                    part.write(line)
            prefix_rows = a.rdflib_rows
        label = "rdflib Dataset.parse" + (f" ({prefix_rows:,}-row prefix)" if prefix_rows else "")
        result = self.runner.run("rdflib", {"nquads": str(source)}, timeout=a.rdflib_timeout, label=label)
        if prefix_rows and "seconds" in result:
            result["measured_seconds"] = result["seconds"]
            result["measured_rows"] = prefix_rows
            result["seconds"] = result["seconds"] * a.rows / prefix_rows
            result["extrapolated_from_rows"] = prefix_rows
        self.steps["rdflib"] = result
        if source != nq:
            source.unlink(missing_ok=True)

    def _calls(self) -> list[tuple[str, str, dict[str, str], str]]:
        """(label, query, parameters, note): every catalog case, then BACI-touching calls."""
        import yaml

        cases: dict[str, dict[str, Any]] = yaml.safe_load(CASES.read_text(encoding="utf-8"))
        calls = [
            (name, name, {k: str(v) for k, v in params.items()}, "US-Japan case") for name, params in cases.items()
        ]
        x, m = self.data["pair"]
        calls += [
            (
                "top-sectors (BACI pair)",
                "top-sectors",
                {"exporter": x, "importer": m, "year": BACI_YEAR, "n": "5"},
                "BACI flows",
            ),
            ("mirror-asymmetry (BACI pair)", "mirror-asymmetry", {"a": x, "b": m, "year": BACI_YEAR}, "BACI flows"),
            (
                "trade-balance (BACI pair)",
                "trade-balance",
                {"a": x, "b": m, "years": BACI_YEAR},
                "BACI flows (no TOTAL sector in BACI: scans, answers nothing)",
            ),
            ("conflicting-figures (whole store)", "conflicting-figures", {}, "whole store: target 1 s"),
            ("stats", STATS, {}, "KnowledgeGraph.stats(): whole store, target 1 s"),
        ]
        return calls

    def _queries(self, store: Path, *, neo4j: bool) -> None:
        """Each call in a child per backend; a call running past --query-timeout is stopped, and
        the modes after it get a fresh child."""
        a = self.args
        for label, name, params, note in self._calls():
            out: Result = {"label": label, "query": name, "params": params, "note": note, "resolve_ms": None}
            for group in (["rdf"], ["neo4j", "neo4j-session"] if neo4j and name != STATS else []):
                while group:
                    stem = self.tmp / f"query-{self.runner.count + 1:03d}"
                    partial, heartbeat = stem.with_suffix(".partial.json"), stem.with_suffix(".beat.json")

                    def overdue(heartbeat: Path = heartbeat) -> bool:
                        try:
                            beat = json.loads(heartbeat.read_text(encoding="utf-8"))
                        except (OSError, ValueError):
                            return False
                        return beat["mode"] is not None and time.time() - beat["since"] > a.query_timeout

                    result = self.runner.run(
                        "query",
                        {
                            "store": str(store),
                            "query": name,
                            "params": params,
                            "modes": group,
                            "repeat": a.repeat,
                            "budget": a.query_budget,
                            "partial": str(partial),
                            "heartbeat": str(heartbeat),
                        },
                        timeout=a.query_timeout * 4 + 120,
                        watch=overdue,
                        label=f"query {label} on {'/'.join(group)}",
                    )
                    if result.get("resolve_ms") is not None:
                        out["resolve_ms"] = result["resolve_ms"]
                    done = [mode for mode in group if mode in result]
                    for mode in done:
                        out[mode] = {**result[mode], "status": "ok"}
                    group = group[len(done) :]
                    if group:  # the first mode left was stopped (or failed): record it, go on with the rest
                        out[group[0]] = {
                            "status": result["status"],
                            "timeout_seconds": a.query_timeout,
                            "error": result.get("error", ""),
                        }
                        group = group[1:]
            self.queries.append(out)

    def _exports(self, store: Path) -> None:
        a = self.args
        for fmt in ("nquads", "trig", "graphml"):
            key = f"export_{fmt}"
            if a.skip_exports:
                self.not_run(key, "not run (--skip-exports)")
                continue
            if fmt == "graphml" and a.rows > a.graphml_rows:
                self.not_run(
                    key,
                    f"not run (graphml holds the whole projection in memory; only up to "
                    f"--graphml-rows {a.graphml_rows:,})",
                )
                continue
            output = self.tmp / f"export.{fmt}"
            self.steps[key] = self.runner.run(
                "export", {"store": str(store), "format": fmt, "output": str(output)}, label=f"export {fmt}"
            )


# -- results ----------------------------------------------------------------------------------


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _machine() -> Result:
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    found = re.search(r"MemTotal:\s+(\d+) kB", meminfo)
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": model[1].strip() if model else platform.processor() or None,
        "memory_gib": round(int(found[1]) / 1024 / 1024, 1) if found else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in ("bilateral", "pyoxigraph", "rdflib", "rdflib-neo4j", "neo4j", "pandas")},
        "git_commit": commit.stdout.strip() or None,
    }


def _ratio(numerator: Result, denominator: Result) -> float | None:
    if numerator.get("status") != "ok" or denominator.get("status") != "ok":
        return None
    return numerator["seconds"] / denominator["seconds"]


def _targets(steps: dict[str, Result], queries: list[Result], rows: int) -> dict[str, Result]:
    """Each target: the measured value, whether it is met, at which size; None when not measured."""
    s = steps
    out: dict[str, Result] = {}
    ratio = _ratio(s["ours"], s["floor"])
    out["load_vs_floor"] = {
        "value": ratio,
        "unit": "x the floor's time",
        "met": None if ratio is None else ratio <= TARGETS["load_vs_floor"][1],
    }
    ratio = _ratio(s["rdflib"], s["ours"])
    out["load_vs_rdflib"] = {
        "value": ratio,
        "unit": "x faster",
        "met": None if ratio is None else ratio >= 5,
        "extrapolated_from_rows": s["rdflib"].get("extrapolated_from_rows"),
    }
    ratio = _ratio(s["rdflib_neo4j"], s["sync"])
    out["sync_vs_rdflib_neo4j"] = {
        "value": ratio,
        "unit": "x faster",
        "met": None if ratio is None else ratio >= TARGETS["sync_vs_rdflib_neo4j"][1],
    }
    peak = s["ours"].get("peak_rss_mib") if s["ours"].get("status") == "ok" else None
    limit = TARGETS["peak_memory"][1]
    out["peak_memory"] = {
        "value": peak,
        "unit": "MiB",
        "met": None if peak is None else peak < limit,
        "at_target_size": rows >= TARGET_ROWS,
    }
    whole = [q for q in queries if q["label"] in WHOLE_STORE]
    queries = [q for q in queries if q["label"] not in WHOLE_STORE]
    slowest = max(
        (q["rdf"].get("p95_ms", math.inf) if q["rdf"].get("status") == "ok" else math.inf for q in whole), default=None
    )
    out["whole_store"] = {
        "value": None if slowest is None or math.isinf(slowest) else slowest,
        "unit": "ms (slowest p95)",
        "met": None if slowest is None else slowest <= TARGETS["whole_store"][1],
        "each": {q["label"]: q["rdf"].get("p95_ms") for q in whole},
        "at_target_size": rows >= TARGET_ROWS,
    }
    rdf = [q["rdf"] for q in queries]
    worst = max((q.get("p95_ms", math.inf) if q.get("status") == "ok" else math.inf for q in rdf), default=None)
    under = sum(1 for q in rdf if q.get("status") == "ok" and q["p95_ms"] <= TARGETS["catalog_p95"][1])
    out["catalog_p95"] = {
        "value": None if worst is None or math.isinf(worst) else worst,
        "unit": "ms (slowest query's p95)",
        "met": None if worst is None else worst <= TARGETS["catalog_p95"][1],
        "queries_under": under,
        "queries": len(rdf),
        "timed_out": [q["label"] for q in queries if q["rdf"].get("status") == "timeout"],
        "at_target_size": rows >= TARGET_ROWS,
    }
    for key, result in out.items():
        result["target"], result["threshold"] = TARGETS[key]
    return out


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _times(value: float | None, digits: int) -> str:
    return "not measured" if value is None else f"{value:,.{digits}f}x"


def _rate(count: float | None, step: Result) -> str:
    if count is None or step.get("status") != "ok" or not step.get("seconds"):
        return "–"
    return f"{count / step['seconds']:,.0f}"


def _met(result: Result, rows: int) -> str:
    if result["met"] is None:
        return "not measured"
    word = "**yes**" if result["met"] else "**no**"
    if result.get("at_target_size") is False:
        word += f" at {rows:,} rows (the target is stated for {TARGET_ROWS:,})"
    return word


def _step_row(name: str, what: str, step: Result, rows: int | None, quads: int | None, note: str = "") -> str:
    status = step.get("status", "not run")
    if status != "ok":
        note = (status if not step.get("timeout_seconds") else f"timed out after {step['timeout_seconds']:.0f} s") + (
            f"; {note}" if note else ""
        )
    peak = _num(step.get("peak_rss_mib"), 0) if "peak_rss_mib" in step else "–"
    return (
        f"| {name} | {what} | {_num(step.get('seconds'), 2) if status == 'ok' else '–'} | {_rate(rows, step)} "
        f"| {_rate(quads, step)} | {peak} | {note} |"
    )


def _load_note(load: float | None) -> str:
    """The 1-minute load average when a step began (run right after each other: compare them)."""
    return f"; load average {load} at its start" if load is not None else ""


def markdown(result: Result) -> str:
    """The targets table, then the details: steps, queries, notes."""
    m, d, s, t = result["machine"], result["data"], result["steps"], result["targets"]
    rows, quads = d["rows"], d["quads"]
    pk = m["packages"]
    lines = [
        f"# bilateral benchmark: {rows:,} rows of synthetic BACI-shaped data (seed {d['seed']})",
        "",
        f"{result['date']}, `{result['command']}` (took {result['total_seconds'] / 60:.1f} min), "
        f"commit {m['git_commit']}. "
        f"Machine: **{m['cpu_count']} cores** ({m['cpu_model']}), {m['memory_gib']} GiB RAM, {m['platform']}, "
        f"load average {m['load_average_before'][0]:.1f} before the run and {m['load_average_after'][0]:.1f} after; "
        f"Python {m['python']}, pyoxigraph {pk['pyoxigraph']}, rdflib {pk['rdflib']}, "
        f"rdflib-neo4j {pk['rdflib-neo4j']}, neo4j driver {pk['neo4j']}; "
        f"Neo4j server: {result['neo4j'].get('server', result['neo4j']['status'])}.",
        "",
        f"Data: `{d['file']}` (made up by {d['generator']}, seed {d['seed']}): {rows:,} rows, "
        f"{_num(quads, 0)} N-Quads lines ({_num((d['nquads_bytes'] or 0) / 2**20, 0)} MiB).",
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    ours, floor, rdf = s["ours"], s["floor"], s["rdflib"]
    sync, rn = s["sync"], s["rdflib_neo4j"]

    def secs(step: Result) -> str:
        return f"{step['seconds']:.1f} s" if step.get("status") == "ok" else step.get("status", "not run")

    extra = t["load_vs_rdflib"].get("extrapolated_from_rows")
    cat = t["catalog_p95"]
    measured = {
        "load_vs_floor": f"{_times(t['load_vs_floor']['value'], 2)} (ours {secs(ours)}, floor {secs(floor)})",
        "load_vs_rdflib": f"{_times(t['load_vs_rdflib']['value'], 1)} (rdflib {secs(rdf)}"
        + (f", extrapolated from {extra:,} rows" if extra else "")
        + f", ours {secs(ours)})",
        "sync_vs_rdflib_neo4j": f"{_times(t['sync_vs_rdflib_neo4j']['value'], 2)} "
        f"(rdflib-neo4j {secs(rn)}, our sync {secs(sync)})"
        if sync.get("status") == "ok" or rn.get("status") == "ok"
        else sync.get("status", "–"),
        "peak_memory": "–"
        if t["peak_memory"]["value"] is None
        else f"{t['peak_memory']['value']:,.0f} MiB = {t['peak_memory']['value'] * 2**20 / 1e9:.2f} GB = "
        f"{t['peak_memory']['value'] / 1024:.2f} GiB at {rows:,} rows",
        "catalog_p95": "slowest p95 "
        + (
            f"{cat['value']:,.0f} ms"
            if cat["value"] is not None
            else f"> {result['settings']['query_timeout']:g} s (stopped)"
        )
        + f"; {cat['queries_under']} of {cat['queries']} queries at most 100 ms"
        + (f"; timed out: {', '.join(cat['timed_out'])}" if cat["timed_out"] else ""),
        "whole_store": "; ".join(
            f"{label} p95 {_num(ms, 0)} ms" if ms is not None else f"{label} stopped"
            for label, ms in t["whole_store"]["each"].items()
        )
        or "not measured",
    }
    for key, (wording, _) in TARGETS.items():
        lines.append(f"| {wording} | {measured[key]} | {_met(t[key], rows)} |")
    lines += [
        "",
        "## Steps",
        "",
        "Each step in its own process; time measured around the work only, peak RSS of the whole process "
        "(interpreter and imports included). Rates divide the data's rows and N-Quads lines by the time.",
        "",
        "| step | what | seconds | rows/s | quads/s | peak RSS MiB | notes |",
        "|---|---|---|---|---|---|---|",
        _step_row("ours", "KnowledgeGraph.load of the BACI CSV: check, N-Quads, bulk load", ours, rows, quads),
        _step_row("floor", "pyoxigraph bulk_load of the same N-Quads, pre-generated", floor, rows, quads),
        _step_row(
            "rdflib",
            "rdflib Dataset.parse of the same N-Quads",
            rdf,
            rows,
            quads,
            f"extrapolated from {extra:,} rows (measured {rdf['measured_seconds']:.1f} s)" if extra else "",
        ),
        _step_row(
            "N-Quads",
            "bulk_nquads to a file alone (the floor's input; part of ours)",
            s["nquads"],
            rows,
            quads,
            "not in any ratio",
        ),
    ]
    oc, rc = result["neo4j"].get("ours_counts"), result["neo4j"].get("rdflib_neo4j_counts")
    parts = s.get("sync_parts", {})
    lines += [
        _step_row(
            "Neo4j sync",
            "Neo4jProjector.sync into an empty database (first, full sync)",
            sync,
            rows,
            quads,
            (f"{oc['nodes']:,} nodes, {oc['relationships']:,} relationships; " if oc else "")
            + (
                f"of which stamps and hashing {parts['hashing_seconds']:.1f} s and projecting "
                f"{parts['projecting_seconds']:.1f} s in Python (timed apart; {parts.get('parts', 1)} parts "
                f"of at most {parts.get('biggest_part', 0):,} nodes and relationships, projected while "
                "the one before is written)"
                if parts.get("status") == "ok"
                else ""
            )
            + _load_note(result["neo4j"].get("sync_load_average")),
        ),
        _step_row(
            "rdflib-neo4j",
            "Neo4j Labs loader: the same statements as N-Triples into the same server",
            rn,
            rows,
            quads,
            (f"{rc['nodes']:,} nodes, {rc['relationships']:,} relationships; " if rc else "")
            + (f"batch {rn['batch_size']}, IGNORE (local names)" if rn.get("status") == "ok" else "")
            + _load_note(result["neo4j"].get("rdflib_neo4j_load_average")),
        ),
        _step_row(
            "sync, incremental",
            "sync again after adding the US-Japan example",
            s["sync_incremental"],
            None,
            None,
            "only the changed sources (the example's, and the shared ISO 3166 graph)"
            if s["sync_incremental"].get("status") == "ok"
            else "",
        ),
        _step_row(
            "example",
            "KnowledgeGraph.load of the US-Japan example into the big store",
            s["example"],
            None,
            None,
            "so the catalog cases have answers",
        ),
    ]
    for fmt in ("nquads", "trig", "graphml"):
        step = s[f"export_{fmt}"]
        count = step.get("quads") if fmt != "graphml" else step.get("nodes")
        notes = (
            [f"{count:,} {'quads' if fmt != 'graphml' else 'nodes'}, {step['bytes'] / 2**20:,.1f} MiB"]
            if step.get("status") == "ok"
            else []
        )
        if fmt == "graphml" and step.get("status") == "ok":
            notes += ["quads/s column is nodes/s", "holds the whole projection and networkx graph in memory"]
        lines.append(_step_row(f"export {fmt}", f"export(store, {fmt!r}, file)", step, None, count, "; ".join(notes)))
    neo = any("neo4j" in q for q in result["queries"])
    lines += [
        "",
        f"## Catalog queries (ms; 1 warm-up, then up to {result['settings']['repeat']} calls within "
        f"{result['settings']['query_budget']:g} s; a call past {result['settings']['query_timeout']:g} s is stopped)",
        "",
        "The US-Japan cases of tests/queries/cases.yaml run on the big store with the example added: their "
        "parameters do not touch BACI data, but the queries still scan it, which is what is measured. "
        "Every call resolves its names (Trump, steel, JPN) on the embedded store first, whatever the backend: "
        "`names resolved` is that part alone (median of 3). "
        f"The BACI pair is {d['pair'][0]}-{d['pair'][1]} ({d['pair_flows']:,} flows in {d['year']}).",
        "",
    ]
    head = "| query | rows | names resolved | rdf p50 | rdf p95 | n |"
    rule = "|---|---|---|---|---|---|"
    if neo:
        head += " neo4j p50 | neo4j p95 | n | neo4j open session p50 | p95 |"
        rule += "---|---|---|---|---|"
    lines += [head, rule]

    def cells(r: Result | None, n: bool = True) -> str:
        if not r:
            return " – | – |" + (" – |" if n else "")
        if r.get("status", "ok") != "ok":
            status = r.get("status", "?")
            why = (
                f"> {r['timeout_seconds']:g} s"
                if status == "timeout"
                else "not measured"
                if status.startswith("not measured")
                else status
            )
            return f" {why} | {why} |" + (" – |" if n else "")
        return f" {r['p50_ms']:,.1f} | {r['p95_ms']:,.1f} |" + (f" {r['n']} |" if n else "")

    for q in result["queries"]:
        rows_out = next((q[m]["rows"] for m in ("rdf", "neo4j", "neo4j-session") if "rows" in q.get(m, {})), "–")
        line = f"| {q['label']} | {rows_out} | {_num(q.get('resolve_ms'))} |" + cells(q["rdf"])
        if neo:
            line += cells(q.get("neo4j")) + cells(q.get("neo4j-session"), n=False)
        lines.append(line)
    pooled = result["query_overall"]
    line = "| **all calls pooled** | | |" + cells(pooled["rdf"])
    if neo:
        line += cells(pooled["neo4j"]) + cells(pooled["neo4j-session"], n=False)
    lines.append(line)
    lines += ["", "## Notes", ""] + [f"- {n}" for n in result["notes"]]
    return "\n".join(lines) + "\n"


def _pooled(queries: list[Result]) -> dict[str, Result]:
    """p50/p95 over every timed call of every query, per mode (timed-out calls left out)."""
    out: dict[str, Result] = {}
    for mode in ("rdf", "neo4j", "neo4j-session"):
        samples = [x for q in queries if q.get(mode, {}).get("status") == "ok" for x in q[mode]["samples_ms"]]
        out[mode] = (
            {"n": len(samples), "p50_ms": _percentile(samples, 0.5), "p95_ms": _percentile(samples, 0.95)}
            if samples
            else {}
        )
    return out


def _notes(run: Run, targets: dict[str, Result]) -> list[str]:
    s, a = run.steps, run.args
    notes = [
        "The data is synthetic (bench/generate_baci.py, named `synthetic-BACI_...`): BACI-shaped, "
        "real ISO country codes, made-up products and values; never real trade figures."
    ]
    if s["rdflib"].get("extrapolated_from_rows"):
        notes.append(
            f"rdflib was measured on the first {s['rdflib']['extrapolated_from_rows']:,} rows' worth of "
            f"N-Quads and extrapolated linearly to {a.rows:,} rows (its peak RSS is the prefix's)."
        )
    if s["rdflib_neo4j"].get("status") == "ok":
        notes.append(
            "rdflib-neo4j is given the same statements as N-Triples in the store's subject order: it "
            "keeps no graphs, and rdflib 7's N-Quads parser refuses its store (not graph-aware). Our sync "
            "does more per node (sources lists, change detection, stale-relationship pass, hashes)."
        )
    if run.neo4j.get("status") == "run":
        notes.append(
            "Neo4j query latency: `neo4j` is KnowledgeGraph.query_rows(..., backend='neo4j'), which "
            "opens a driver per call; `open session` runs the same Cypher on a connection kept open."
        )
    timed_out = targets["catalog_p95"]["timed_out"]
    if timed_out:
        notes.append(f"Timed out on the embedded store (> {a.query_timeout:g} s per call): {', '.join(timed_out)}.")
    if a.rows < TARGET_ROWS:
        notes.append(
            f"The memory and query-latency targets are stated for {TARGET_ROWS:,} rows; this run has {a.rows:,}."
        )
    return notes


def _refresh_readme(md: str) -> None:
    """The README shows the latest results between its markers."""
    if not README.exists():
        return
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- latest results: start -->", "<!-- latest results: end -->"
    if start in text and end in text:
        body = md.split("\n", 1)[1].replace("\n## ", "\n### ")
        head, rest = text.split(start, 1)
        README.write_text(f"{head}{start}\n{body}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of synthetic BACI data (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for NAME.json and NAME.md")
    parser.add_argument("--name", default="latest", help="file stem of the results (default latest)")
    parser.add_argument(
        "--neo4j",
        action="store_true",
        help="run the Neo4j parts (NEO4J_URI, else scripts/neo4j-local, started if needed)",
    )
    parser.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j parts even if NEO4J_URI is set")
    parser.add_argument(
        "--wipe-neo4j",
        action="store_true",
        help="empty the Neo4j database even if it is not on this machine or holds nodes that are "
        "not a bilateral projection",
    )
    parser.add_argument("--skip-rdflib", action="store_true", help="do not measure rdflib")
    parser.add_argument(
        "--skip-exports", action="store_true", help="do not measure the exports (at 1M rows: 17 min of the run)"
    )
    parser.add_argument(
        "--rdflib-rows",
        type=int,
        default=200_000,
        help="above this many rows, rdflib parses a prefix of this many rows, extrapolated",
    )
    parser.add_argument("--rdflib-timeout", type=float, default=1800, help="seconds for rdflib and rdflib-neo4j")
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per catalog query (after 1 warm-up)")
    parser.add_argument(
        "--query-budget",
        type=float,
        default=5,
        help="stop repeating a query once its timed calls took this many seconds",
    )
    parser.add_argument(
        "--query-timeout",
        type=float,
        default=10,
        help="seconds before one query's calls are stopped (default 10: 100x the 100 ms target)",
    )
    parser.add_argument("--graphml-rows", type=int, default=100_000, help="graphml export only up to this many rows")
    parser.add_argument("--workdir", type=Path, default=None, help="where the temporary folder goes")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "ARGS", "RESULT"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        _child(*args.child)
        return
    command = "python -m bench.run " + shlex.join(sys.argv[1:] if argv is None else argv)
    tmp = Path(tempfile.mkdtemp(prefix="bilateral-bench-", dir=args.workdir))
    run = Run(args, tmp, Runner(tmp))
    load_before = os.getloadavg()  # other work on the machine skews every time: say how busy it was
    started = time.perf_counter()
    try:
        run.execute()
    finally:
        if run.neo4j.get("started_here"):
            subprocess.run([str(ROOT / "scripts" / "neo4j-local"), "stop"], capture_output=True)
        if args.keep:
            print(f"bench: kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    targets = _targets(run.steps, run.queries, args.rows)
    result: Result = {
        "benchmark": "bilateral bench/run.py",
        "command": command,
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "total_seconds": round(time.perf_counter() - started, 1),
        "machine": {
            **_machine(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "child"},
        "data": run.data,
        "neo4j": run.neo4j,
        "targets": targets,
        "steps": run.steps,
        "queries": run.queries,
        "query_overall": _pooled(run.queries),
        "notes": _notes(run, targets),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    md = markdown(result)
    (args.out / f"{args.name}.md").write_text(md, encoding="utf-8")
    if args.out.resolve() == DEFAULT_OUT.resolve() and args.name == "latest":
        _refresh_readme(md)
    print(md)


if __name__ == "__main__":
    main()
