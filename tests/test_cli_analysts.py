"""Issue 15: the CLI as analysts use it (each test runs the real command in a subprocess)."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, empty_store, run_cli, test_neo4j_uri


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("analysts") / "store")
    assert run_cli("load", str(EXAMPLE), "--store", path).returncode == 0
    return path


def _clean(result: object) -> None:
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]


# 1. An empty store says so and what to run (a missing one is already refused).
def test_a_read_command_on_an_empty_store_says_what_to_run(tmp_path: Path) -> None:
    result = run_cli("stats", "--store", empty_store(tmp_path / "s"))
    assert "the store" in result.stderr and "is empty" in result.stderr
    assert "bilateral demo" in result.stderr and "bilateral load" in result.stderr
    missing = run_cli("validate", "--store", str(tmp_path / "typo"))
    assert missing.returncode == 1 and missing.stderr.startswith("Error: there is no store in")
    assert not (tmp_path / "typo").exists()
    _clean(result)


# 2. An empty answer says why, on stderr.
def test_an_empty_answer_says_why(store: str) -> None:
    same = run_cli("query", "trade-balance", "-p", "a=USA", "-p", "b=USA", "--store", store)
    assert same.returncode == 0
    assert "same country" in same.stderr
    france = run_cli("query", "leader-on", "-p", "country=France", "-p", "date=2025-02-07", "--store", store)
    assert "No rows:" in france.stderr and "FRA" in france.stderr
    year = run_cli("query", "trade-balance", "-p", "a=USA", "-p", "b=JPN", "-p", "years=1990", "--store", store)
    assert "No rows:" in year.stderr and "2024" in year.stderr  # the years the graph has for the pair
    _clean(year)


# 3. Names, not IRIs: top-sectors' sector and stats' sources and classes.
def test_names_not_iris_by_default_and_iris_in_json(store: str) -> None:
    args = ("query", "top-sectors", "-p", "exporter=JPN", "-p", "importer=USA", "-p", "year=2024", "-p", "n=3")
    table = run_cli(*args, "--store", store).stdout
    assert "automobiles" in table.lower() and "https://" not in table
    rows = json.loads(run_cli(*args, "--format", "json", "--store", store).stdout)
    assert rows[0]["sector_iri"].startswith("https://w3id.org/bilateral/id/")
    assert "https://" in run_cli(*args, "--iris", "--store", store).stdout
    stats = run_cli("stats", "--store", store).stdout
    assert "prov#Entity" not in stats and "https://w3id.org/bilateral/id/source/" not in stats
    assert "prov:Entity" in stats and "wsb-ustr-post" in stats


# 4. Lists and suggestions; names as people type them.
def test_list_shows_what_there_is(store: str) -> None:
    topics = run_cli("list", "topics", "--store", store)
    assert topics.returncode == 0, topics.stderr
    assert "Investment" in topics.stdout and "https://" not in topics.stdout
    assert "Automobiles" in run_cli("list", "sectors", "--store", store).stdout
    people = json.loads(run_cli("list", "people", "--format", "json", "--store", store).stdout)
    assert {"Donald Trump", "Shigeru Ishiba"} <= {p["name"] for p in people}
    bad = run_cli("list", "sectorz", "--store", store)
    assert bad.returncode != 0 and "sectors" in bad.stderr


def test_unknown_names_get_suggestions(store: str) -> None:
    topic = run_cli("query", "statements-by", "-p", "person=Trump", "-p", "topic=investmnt", "--store", store)
    assert topic.returncode == 1 and "did you mean 'Investment'" in topic.stderr
    assert "bilateral list topics" in topic.stderr
    name = run_cli("query", "leader-onn", "--store", store)
    assert name.returncode == 1 and "leader-on" in name.stderr and "did you mean" in name.stderr.lower()
    param = run_cli("query", "leader-on", "-p", "contry=JPN", "-p", "date=2025-02-07", "--store", store)
    assert param.returncode == 1 and "country" in param.stderr and "did you mean" in param.stderr.lower()
    _clean(param)


def test_names_match_as_people_type_them(store: str) -> None:
    for meeting in ("Trump\u2013Ishiba summit", "trump-ishiba SUMMIT"):
        result = run_cli("query", "meeting-participants", "-p", f"meeting={meeting}", "--store", store)
        assert result.returncode == 0, result.stderr
        assert "Shigeru Ishiba" in result.stdout
    first = run_cli("query", "statements-by", "-p", "person=shigeru", "--store", store)
    assert first.returncode == 0, first.stderr
    accents = run_cli("query", "statements-by", "-p", "person=Shígeru Ishíba", "--store", store)
    assert accents.returncode == 0, accents.stderr


# 5. JSON shapes are documented; numbers keep their type.
def test_json_shapes_are_documented_in_help() -> None:
    assert "JSON" in run_cli("snapshot", "diff", "--help").stdout
    assert "JSON" in run_cli("extract", "--help").stdout


# 6. Numbers never wrap; cut text is marked.
def test_numbers_never_wrap_in_a_narrow_table(store: str) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    out = run_cli("query", "trade-balance", "-p", "a=USA", "-p", "b=JPN", "--store", store, env=env).stdout
    assert "21,300,000,000,000" in out
    assert "12,650,000,000,000" in out


# 7. SPARQL: predefined prefixes, a readable syntax error, SELECT * in order.
def test_sparql_prefixes_errors_and_select_star(store: str) -> None:
    people = run_cli("sparql", "SELECT ?p WHERE { ?p a bi:Person }", "--format", "json", "--store", store)
    assert people.returncode == 0, people.stderr
    assert len(json.loads(people.stdout)) == 4
    bad = run_cli("sparql", "SELECT ?p WHERE { ?p a ", "--store", store)
    assert bad.returncode == 1
    assert len(bad.stderr.strip().splitlines()) == 1
    assert "\\u{" not in bad.stderr and "line 1, column 24: expected a variable" in bad.stderr
    star = run_cli(
        "sparql",
        "SELECT * WHERE { ?zeta bi:name ?alpha . ?zeta a bi:Country } LIMIT 1",
        "--format",
        "csv",
        "--store",
        store,
    )
    assert star.stdout.splitlines()[0] == "zeta,alpha"


# 10. Arrows read from the row's entity.
def test_neighbors_arrows_read_from_the_rows_entity(store: str) -> None:
    rows = json.loads(run_cli("neighbors", "Shigeru Ishiba", "--format", "json", "--store", store).stdout)
    meeting = next(r for r in rows if "Meeting" in r["labels"])
    assert meeting["via"].startswith("<-participated in- Shigeru Ishiba"), meeting["via"]


# 12. Export and load say what they did in words.
def test_export_turtle_says_it_merges_and_load_says_already_loaded(store: str, tmp_path: Path) -> None:
    out = run_cli("export", "--format", "turtle", "-o", str(tmp_path / "g.ttl"), "--store", store)
    assert out.returncode == 0, out.stderr
    assert "merg" in out.stderr and "triples" in out.stderr
    again = run_cli("load", str(EXAMPLE), "--store", store)
    assert "already loaded" in again.stdout


@pytest.mark.skipif(not shutil.which("script"), reason="needs script(1) for a terminal")
def test_numbers_never_wrap_on_a_terminal(store: str) -> None:
    """On a terminal narrower than the table, Rich squeezes every column: numbers must not break."""
    command = " ".join(
        shlex.quote(a)
        for a in (
            sys.executable,
            "-m",
            "bilateral.cli",
            "query",
            "trade-balance",
            "-p",
            "a=USA",
            "-p",
            "b=JPN",
            "--store",
            store,
        )
    )
    env = {**os.environ, "COLUMNS": "100", "LINES": "50", "TERM": "dumb"}
    result = subprocess.run(
        ["script", "-qec", command, "/dev/null"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stdout
    assert "21,300,000,000,000" in result.stdout and "12,650,000,000,000" in result.stdout


def test_a_cut_name_is_marked(store: str) -> None:
    rows = json.loads(run_cli("neighbors", "Trump-Ishiba summit", "--format", "json", "--store", store).stdout)
    commitments = [r["name"] for r in rows if "Commitment" in r["labels"]]
    assert commitments and all(len(n) < 90 for n in commitments)
    assert any(n.endswith("…") for n in commitments), commitments


@pytest.mark.neo4j
@pytest.mark.skipif(not test_neo4j_uri(), reason="no NEO4J_URI of a local server (the tests empty it)")
def test_numbers_keep_their_type_on_the_neo4j_backend(store: str) -> None:
    from bilateral.graph.neo4j import Neo4jProjector

    with Neo4jProjector() as neo:
        neo.clear()
    assert run_cli("neo4j", "sync", "--store", store).returncode == 0
    args = (
        "query",
        "top-sectors",
        "-p",
        "exporter=JPN",
        "-p",
        "importer=USA",
        "-p",
        "year=2024",
        "-p",
        "n=3",
        "--format",
        "json",
        "--store",
        store,
    )
    on_rdf = json.loads(run_cli(*args).stdout)
    result = run_cli(*args, "--backend", "neo4j")
    assert result.returncode == 0, result.stderr
    assert '"value": 7200000000000,' in result.stdout
    assert json.loads(result.stdout) == on_rdf


# 9. One bad meeting row is one error, which says how many rows depend on it.
def test_one_bad_meeting_row_is_one_error(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE, folder)
    meetings = folder / "meetings.csv"
    meetings.write_text(
        meetings.read_text(encoding="utf-8").replace(",2025-02-07,", ",2025-02-30,", 1), encoding="utf-8"
    )
    result = run_cli("load", str(folder), "--store", str(tmp_path / "s"))
    assert result.returncode == 1
    assert "unknown meeting" not in result.stderr
    assert result.stderr.count("meetings.csv, row 2, column 'date'") == 1
    assert "row(s) of other tables refer to meetings id '2025-02-07-washington'" in result.stderr
    assert not (tmp_path / "s").exists() or "Traceback" not in result.stderr
    _clean(result)


# 8. Progress on a terminal, quiet when piped.
@pytest.mark.skipif(not shutil.which("script"), reason="needs script(1) for a terminal")
def test_snapshot_shows_progress_on_a_terminal_only(store: str, tmp_path: Path) -> None:
    args = (
        sys.executable,
        "-m",
        "bilateral.cli",
        "snapshot",
        "create",
        "--store",
        store,
        "--snapshots",
        str(tmp_path / "snaps"),
    )
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    on_terminal = subprocess.run(
        ["script", "-qec", " ".join(shlex.quote(a) for a in args), "/dev/null"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert on_terminal.returncode == 0, on_terminal.stdout
    assert "writing the snapshot" in on_terminal.stdout
    piped = run_cli(*args[3:], "--label", "piped")
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == "" and "writing the snapshot" not in piped.stdout
