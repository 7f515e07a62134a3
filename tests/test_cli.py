"""The CLI as a user runs it: exit codes, formats, errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import DATA, EXAMPLE, empty_store, run_cli

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("load", "sparql", "stats", "validate", "demo", "query", "queries"):
        assert command in result.stdout


def test_sparql_json_on_a_new_store(tmp_path: Path) -> None:
    result = run_cli("sparql", COUNT, "--format", "json", "--store", empty_store(tmp_path / "new"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"n": 0}]


def test_formats_agree(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    assert run_cli("load", str(EXAMPLE), "--store", store).returncode == 0
    as_json = json.loads(run_cli("sparql", COUNT, "--format", "json", "--store", store).stdout)
    as_csv = run_cli("sparql", COUNT, "--format", "csv", "--store", store).stdout.splitlines()
    assert as_csv == ["n", str(as_json[0]["n"])]
    assert as_json[0]["n"] > 500
    table = run_cli("sparql", COUNT, "--store", store).stdout
    assert f"{as_json[0]['n']:,}" not in table or "┃" in table


def test_sparql_from_a_file_and_ask(tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    result = run_cli("sparql", "-f", str(query), "--format", "json", "--store", empty_store(tmp_path / "s"))
    assert json.loads(result.stdout) == [{"answer": False}]


def test_a_syntax_error_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = run_cli("sparql", "SELECT WHERE {", "--store", empty_store(tmp_path / "s"))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: SPARQL syntax error")
    assert "Traceback" not in result.stderr


def test_validate_reports_a_violation_with_its_source(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    assert run_cli("load", str(DATA / "rdf" / "bad-tenure.trig"), "--store", store).returncode == 0
    result = run_cli("validate", "--format", "json", "--store", store)
    assert result.returncode == 1
    violations = json.loads(result.stdout)
    assert violations
    assert {v["sources"] for v in violations} == {"https://w3id.org/bilateral/id/source/test-bad"}
    paths = {v["path"].rsplit("#", 1)[-1] for v in violations}
    assert {"holder", "startDate"} <= paths


def test_validate_passes_on_the_example(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    run_cli("load", str(EXAMPLE), "--store", store)
    result = run_cli("validate", "--store", store)
    assert result.returncode == 0, result.stdout
    assert "no violations" in result.stderr


def test_stats_counts_by_class_source_and_dyad(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    run_cli("load", str(EXAMPLE), "--store", store)
    rows = json.loads(run_cli("stats", "--format", "json", "--store", store).stdout)
    kinds = {row["kind"] for row in rows}
    assert kinds == {"total", "class", "source", "dyad"}
    by_class = {row["key"]: row["count"] for row in rows if row["kind"] == "class"}
    assert by_class["Meeting"] == 1 and by_class["Person"] == 4
    assert {row["key"] for row in rows if row["kind"] == "dyad"} == {"JPN-USA"}


def test_triples_outside_a_graph_are_refused(tmp_path: Path) -> None:
    turtle = tmp_path / "loose.ttl"
    turtle.write_text('<https://e.org/s> <https://e.org/p> "o" .\n', encoding="utf-8")
    result = run_cli("load", str(turtle), "--store", str(tmp_path / "s"))
    assert result.returncode == 1
    assert "outside any named graph" in result.stderr
