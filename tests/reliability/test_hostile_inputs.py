"""Hostile and unlucky input files (issue 17, items 4 and 5): each is refused with an InputError that
names the file, row, column and value, and nothing of it is loaded. Every file is generated here."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from bilateral.api import KnowledgeGraph
from bilateral.errors import InputError, Problem
from bilateral.loaders.baci import read_baci
from bilateral.loaders.detect import read_inputs
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
    return any(Path(p.file).name == file and p.row == row and p.column == column and str(p.value) == value
               for p in problems)


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

@pytest.mark.parametrize("value", ["1e400", "-1e400", "1e-400", "1E25", "NaN", "Infinity", "-inf",
                                   "1" + "0" * 30, "0." + "0" * 20 + "1"])
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
    assert any(p.row == rows and p.column and str(p.value) == last for p in caught.value.problems), \
        caught.value.problems


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
