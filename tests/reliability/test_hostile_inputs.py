"""Hostile and unlucky input files (issue 17, items 4 and 5): each is refused with an InputError that
names the file, row, column and value, and nothing of it is loaded. Every file is generated here."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import InputError, Problem
from bilateral.loaders.baci import read_baci
from bilateral.loaders.detect import read_inputs
from bilateral.loaders.dossier import parse_dossier
from bilateral.loaders.tables import Context, folder_context
from tests.conftest import DATA, EXAMPLE, run_cli

PUBLIC = DATA / "public"


def _example(tmp_path: Path) -> Path:
    folder = tmp_path / "ds"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("*.md"))
    return folder


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        # every cell quoted: Python's csv leaves a lone \r unquoted, and any reader takes that for a line end
        csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)


def _set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Cell (CSV row number, header is row 1) of `column` set to `value`."""
    rows = _rows(path)
    rows[row - 1][rows[0].index(column)] = value
    _write(path, rows)


def _problems(*paths: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_inputs(list(paths))
    return caught.value.problems


def _named(problems: list[Problem], file: str, row: int, column: str, value: str) -> bool:
    return any(
        Path(p.file).name == file and p.row == row and p.column == column and str(p.value) == value for p in problems
    )


# ------------------------------------------------------------------ duplicate ids


def test_a_duplicate_person_id_is_refused_by_the_cli_and_nothing_is_loaded(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    people = folder / "people.csv"
    rows = _rows(people)
    rows.append(["ishiba", "Ishiba Impostor", "", "", "", "kiddle-shigeru-ishiba"])
    _write(people, rows)
    store = tmp_path / "store"
    result = run_cli("load", str(folder), "--store", str(store))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ")
    assert f"people.csv, row {len(rows)}, column 'id'" in result.stderr and "'ishiba'" in result.stderr
    with KnowledgeGraph.open(store) as kg:
        assert len(kg.store) == 0


# every curated table whose rows have an `id`
ID_TABLES = ("sources", "people", "sectors", "meetings", "statements", "commitments", "treaties")


@pytest.mark.parametrize("table", ID_TABLES)
def test_a_duplicate_id_in_any_curated_table_is_refused(tmp_path: Path, table: str) -> None:
    folder = _example(tmp_path)
    path = folder / f"{table}.csv"
    rows = _rows(path)
    twin = list(rows[1])
    rows.append(twin)
    _write(path, rows)
    problems = _problems(folder)
    assert _named(problems, path.name, len(rows), "id", twin[rows[0].index("id")]), problems


def test_a_reference_to_a_duplicated_person_is_refused_when_only_statements_load(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    people = folder / "people.csv"
    rows = _rows(people)
    rows.append(["ishiba", "Ishiba Impostor", "", "", "", "kiddle-shigeru-ishiba"])
    _write(people, rows)
    statements = _rows(folder / "statements.csv")
    line = next(n for n, row in enumerate(statements, start=1) if row[1] == "ishiba")
    problems = _problems(folder / "statements.csv")
    assert _named(problems, "statements.csv", line, "person", "ishiba"), problems


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    "value", ["1e400", "-1e400", "1e-400", "1E25", "NaN", "Infinity", "-inf", "1" + "0" * 30, "0." + "0" * 20 + "1"]
)
def test_a_number_no_real_figure_has_is_refused(tmp_path: Path, value: str) -> None:
    folder = _example(tmp_path)
    _set_cell(folder / "indicators.csv", 2, "value", value)
    _set_cell(folder / "trade_flows.csv", 2, "value", value.lstrip("-"))
    problems = _problems(folder)
    assert _named(problems, "indicators.csv", 2, "value", value), problems
    assert _named(problems, "trade_flows.csv", 2, "value", value.lstrip("-")), problems


@pytest.mark.parametrize("value", ["999999999999999999999999", "-68500000000", "0.000001", "12.5"])
def test_large_and_small_figures_within_the_bound_load(tmp_path: Path, value: str) -> None:
    folder = _example(tmp_path)
    _set_cell(folder / "indicators.csv", 2, "value", value)
    read_inputs([folder])


# ------------------------------------------------------------------ control characters


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\r", "\x0b", "\t", "\n", "\ufffe"])
def test_a_control_character_in_a_name_is_refused(tmp_path: Path, char: str) -> None:
    folder = _example(tmp_path)
    value = f"Shigeru{char}Ishiba"
    _set_cell(folder / "people.csv", 3, "name", value)
    problems = _problems(folder)
    assert _named(problems, "people.csv", 3, "name", value), problems


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x9b", "\r"])
def test_a_control_character_in_any_text_cell_is_refused(tmp_path: Path, char: str) -> None:
    folder = _example(tmp_path)
    value = f"They will{char} invest"
    _set_cell(folder / "statements.csv", 2, "text", value)
    _set_cell(folder / "sources.csv", 2, "note", value)
    problems = _problems(folder)
    assert _named(problems, "statements.csv", 2, "text", value), problems
    assert _named(problems, "sources.csv", 2, "note", value), problems


def test_tabs_and_line_breaks_are_kept_in_a_free_text_cell(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    value = "first line\n\tsecond line"
    _set_cell(folder / "statements.csv", 2, "text", value)
    texts = {getattr(rec, "text", None) for rec in read_inputs([folder]).records}
    assert value in texts


# ------------------------------------------------------------------ a BACI file cut short


def _baci_copy(tmp_path: Path, cut: int) -> Path:
    """The BACI fixture (and its country codes) with the last `cut` bytes gone."""
    name = "synthetic-BACI_HS92_Y2022_V000000.csv"
    shutil.copy(PUBLIC / "synthetic-country_codes_V000000.csv", tmp_path)
    data = (PUBLIC / name).read_bytes()
    assert data.endswith(b"\n")
    (tmp_path / name).write_bytes(data[:-cut])
    return tmp_path / name


@pytest.mark.parametrize("cut", [2, 4, 6, 10, 14, 20])  # inside q, at its start, inside v, inside k
def test_a_baci_file_cut_inside_its_last_row_is_refused(tmp_path: Path, cut: int) -> None:
    path = _baci_copy(tmp_path, cut)
    rows = path.read_bytes().count(b"\n") + 1  # the header is row 1; the cut row has no line break
    with pytest.raises(InputError) as caught:
        read_baci(path)
    last = path.read_text(encoding="utf-8").rsplit("\n", 1)[-1]
    assert any(p.row == rows and p.column and str(p.value) == last for p in caught.value.problems), (
        caught.value.problems
    )


def test_a_whole_baci_file_still_loads() -> None:
    assert read_baci(PUBLIC / "synthetic-BACI_HS92_Y2022_V000000.csv").records


def test_the_cli_refuses_a_cut_baci_file_and_loads_nothing(tmp_path: Path) -> None:
    path = _baci_copy(tmp_path, 4)
    store = tmp_path / "store"
    result = run_cli("load", str(path), "--store", str(store))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert path.name in result.stderr
    with KnowledgeGraph.open(store) as kg:
        assert len(kg.store) == 0


def test_one_id_may_name_the_same_person_for_two_sources_but_not_another_person(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    people = folder / "people.csv"
    rows = _rows(people)
    rows.append(["ishiba", "Shigeru Ishiba", "", "", "", "wikidata-q22686"])
    _write(people, rows)
    read_inputs([folder])  # the same person, from a second source: fine
    rows.append(["ishiba", "Ishiba Impostor", "", "", "", "seed-article"])
    _write(people, rows)
    assert _named(_problems(folder), "people.csv", len(rows), "id", "ishiba")


def test_a_huge_whole_number_is_refused_not_a_traceback(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    _set_cell(folder / "meetings.csv", 2, "duration_minutes", "9" * 5000)
    assert _named(_problems(folder), "meetings.csv", 2, "duration_minutes", "9" * 5000)


# ------------------------------------------------------------------ YAML dossiers


def _laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels + 1):
        refs = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    lines.append(
        f"source: seed-article\nmeeting: {{id: m, date: 2025-03-01, kind: call, countries: [USA, JPN], "
        f"name: *a{levels}}}"
    )
    return "\n".join(lines) + "\n"


BASE = "source: seed-article\nmeeting: {id: m, date: 2025-03-01, kind: call, countries: [USA, JPN]"

# name -> (dossier text, words of the problem's message)
HOSTILE_DOSSIERS = {
    "billion-laughs": (_laughs(), "aliases"),
    "one-alias": (
        "source: &s seed-article\nmeeting: {id: m, date: 2025-03-01, kind: call, countries: [USA, JPN]}\n"
        "statements:\n  - {id: s1, person: trump, text: hi, source: *s}\n",
        "aliases",
    ),
    "deep-list": ("source: seed-article\nmeeting: " + "[" * 20_000 + "]" * 20_000 + "\n", "nested deeper"),
    "deep-block-list": (
        "source: seed-article\nmeeting:\n" + "".join("  " * n + "-\n" for n in range(3000)),
        "nested deeper",
    ),
    "deep-mapping": ("source: seed-article\nmeeting: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n", "nested deeper"),
    "huge": (BASE + ', name: "' + "x" * (11 * 2**20) + '"}\n', "too big"),
    "nested-mapping-cell": (BASE + ", name: {a: b}}\n", "expected text"),
    "nested-list-cell": (BASE.replace("[USA, JPN]", "[USA, [JPN]]") + "}\n", "a list inside a list"),
    "int-key-beside-str-key": (BASE + ", 1: one, other: two}\n", "unknown field"),
    "tagged-int-key": (BASE + ", !!int 1: one, other: two}\n", "a key must be text"),
    "int-key-in-a-statement": (
        BASE + "}\nstatements:\n  - {id: s1, person: trump, 2: two, other: 3, text: hi}\n",
        "unknown field",
    ),
    "unknown-section": (BASE + "}\n1: one\nnotes: two\n", "unknown section"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_DOSSIERS))
def test_a_hostile_dossier_is_refused_by_the_cli_with_one_error_line(tmp_path: Path, name: str) -> None:
    folder = _example(tmp_path)
    path = folder / f"{name}.yaml"
    path.write_text(HOSTILE_DOSSIERS[name][0], encoding="utf-8")
    store = tmp_path / "store"
    # the timeout is a hang guard (a billion laughs never ends unrefused), not a speed check
    result = subprocess.run(
        [sys.executable, "-m", "bilateral.cli", "load", str(path), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("Error: "), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert path.name in result.stderr
    with KnowledgeGraph.open(store) as kg:
        assert len(kg.store) == 0


# the billion laughs only in a subprocess above: its timeout guards against a hang
@pytest.mark.parametrize("name", sorted(set(HOSTILE_DOSSIERS) - {"billion-laughs"}))
def test_a_hostile_dossier_is_an_input_error_naming_the_file(name: str) -> None:
    text, words = HOSTILE_DOSSIERS[name]
    with pytest.raises(InputError) as caught:
        parse_dossier(text, "hostile.yaml", _dossier_context())
    assert all(p.file == "hostile.yaml" for p in caught.value.problems)
    assert any(words in p.message for p in caught.value.problems), caught.value.problems


def _dossier_context() -> Context:
    return folder_context(EXAMPLE)


def test_the_base_of_the_hostile_dossiers_loads() -> None:
    """So each hostile dossier above is refused for its hostile part, not for something else."""
    records = parse_dossier(
        BASE + "}\nstatements:\n  - {id: s1, person: trump, text: hi}\n", "base.yaml", _dossier_context()
    )
    assert any(getattr(rec, "text", None) == "hi" for rec in records)


# ------------------------------------------------------------------ broken CSV files

BROKEN_CSV = {
    "empty": b"",
    "header-only-garbage": b"\x00\x01\x02\xff\xfe",
    "latin-1": "id,name,aliases,birth_year,wikidata,source\nx,Jos\xe9,,,,seed-article\n".encode("latin-1"),
    "ragged-long": b"id,name,aliases,birth_year,wikidata,source\nx,Name,,,,seed-article,extra,more\n",
    "duplicate-header": b"id,id,name,aliases,birth_year,wikidata,source\nx,y,Name,,,,seed-article\n",
    "unclosed-quote": b'id,name,aliases,birth_year,wikidata,source\nx,"Name,,,,seed-article\n',
    "nul-in-file": b"id,name,aliases,birth_year,wikidata,source\nx,Na\x00me,,,,seed-article\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN_CSV))
def test_a_broken_csv_file_is_refused_naming_the_file(tmp_path: Path, name: str) -> None:
    folder = _example(tmp_path)
    (folder / "people.csv").write_bytes(BROKEN_CSV[name])
    problems = _problems(folder / "people.csv")
    assert any(Path(p.file).name == "people.csv" for p in problems), problems
