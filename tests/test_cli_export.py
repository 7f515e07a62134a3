"""`bilateral export` and `bilateral snapshot` as a user runs them (the functions have their own tests)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox

from .conftest import DATA, run_cli


def test_snapshot_twice_same_hash_then_diff_lists_exactly_the_new_file(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    assert run_cli("demo", "--store", store).returncode == 0
    first = run_cli("snapshot", "create", "--store", store)
    second = run_cli("snapshot", "create", "--label", "again", "--store", store)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    hash_of = lambda out: out.split("sha256 ")[1].split()[0]  # noqa: E731
    assert hash_of(first.stdout) == hash_of(second.stdout)
    assert run_cli("load", str(DATA / "rdf" / "extra-source.trig"), "--store", store).returncode == 0
    assert run_cli("snapshot", "create", "--label", "extra", "--store", store).returncode == 0
    diff = run_cli("snapshot", "diff", "again", "extra", "--format", "json", "--store", store)
    assert diff.returncode == 0, diff.stderr
    data = json.loads(diff.stdout)
    in_file = list(ox.parse(path=str(DATA / "rdf" / "extra-source.trig"), format=ox.RdfFormat.TRIG))
    added = [c for group in data["by_source"].values() for c in group["added"]]
    removed = [c for group in data["by_source"].values() for c in group["removed"]]
    assert removed == []
    assert len(added) == len(in_file) == 16
    assert {c["entity"] for c in added} == {q.subject.value for q in in_file}
    assert set(data["by_source"]) == {"https://w3id.org/bilateral/id/source/test-extra-note"}
    listing = json.loads(run_cli("snapshot", "list", "--format", "json", "--store", store).stdout)
    assert [s["label"] for s in listing] == [None, "again", "extra"]


def test_export_trig_then_load_gives_identical_stats(tmp_path: Path) -> None:
    store, fresh, out = str(tmp_path / "s"), str(tmp_path / "fresh"), str(tmp_path / "g.trig.gz")
    assert run_cli("demo", "--store", store).returncode == 0
    exported = run_cli("export", "--format", "trig", "-o", out, "--store", store)
    assert exported.returncode == 0, exported.stderr
    assert "Exported" in exported.stderr and exported.stdout == ""
    assert run_cli("load", out, "--store", fresh).returncode == 0
    stats = [json.loads(run_cli("stats", "--format", "json", "--store", s).stdout) for s in (store, fresh)]
    assert stats[0] == stats[1]


def test_export_to_stdout_keeps_stdout_clean(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    run_cli("demo", "--store", store)
    result = run_cli("export", "--format", "nquads", "-o", "-", "--source", "japantimes-2025-04-08", "--store", store)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines and all(
        line.endswith("<https://w3id.org/bilateral/id/source/japantimes-2025-04-08> .") for line in lines
    )


def test_jsonld_export_is_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """rdflib writes nodes and values in set order, which changes with PYTHONHASHSEED: an export
    that differs run to run cannot be diffed or cached."""
    store = str(tmp_path / "s")
    assert run_cli("demo", "--store", store).returncode == 0
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"g{seed}.jsonld"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = run_cli("export", "--format", "jsonld", "-o", str(out), "--store", store, env=env)
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
