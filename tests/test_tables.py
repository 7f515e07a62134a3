"""Curated tables: typed from text, and bad rows refused with file, row, column and value."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import InputError
from bilateral.loaders import records as r
from bilateral.loaders.detect import read_inputs
from bilateral.loaders.tables import TABLES, Context
from bilateral.ontology.vocab import CommitmentStatus, MeetingKind, Reliability

from .conftest import DATA, EXAMPLE, ROOT, run_cli

BAD = DATA / "bad-tables"

# (file, row, column, value) of every bad cell in tests/data/bad-tables
EXPECTED = {
    ("tenures.csv", 2, "start", "07/02/2025"),
    ("tenures.csv", 3, "end", "2025-01-01"),
    ("statements.csv", 2, "person", "bob"),
    ("trade_flows.csv", 3, "exporter", "XXX"),
    ("trade_flows.csv", 4, "importer", "USA"),
    ("trade_flows.csv", 5, "value", "-5"),
    ("trade_flows.csv", 6, "value", "lots"),
    ("trade_flows.csv", 7, "currency", ""),
    ("trade_flows.csv", 8, "unit", ""),
    ("trade_flows.csv", 9, "source", "no-such-source"),
}


def test_every_bad_row_is_named() -> None:
    with pytest.raises(InputError) as caught:
        read_inputs([BAD])
    found = {(Path(p.file).name, p.row, p.column, str(p.value)) for p in caught.value.problems}
    assert found == EXPECTED


def test_the_cli_refuses_bad_tables_and_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.load([EXAMPLE])
        before = len(kg.store)
    result = run_cli("load", str(BAD), "--store", str(store))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: 10 problem(s)")
    for file, row, column, value in EXPECTED:
        assert f"{file}, row {row}, column {column!r}" in result.stderr
        assert repr(value) in result.stderr
    with KnowledgeGraph.open(store) as kg:
        assert len(kg.store) == before


def test_codes_keep_their_leading_zeros(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    shutil.copy(BAD / "sources.csv", folder)
    (folder / "sectors.csv").write_text(
        "id,name,scheme,notation,broader,maps_to,source\n"
        'hs-01,Live animals,HS,01,,,src-a\nhs-0101,"Live horses, asses, mules",HS,0101,hs-01,,src-a\n',
        encoding="utf-8",
    )
    records = read_inputs([folder]).records
    topics = {rec.notation: rec for rec in records if isinstance(rec, r.Topic)}
    assert set(topics) == {"01", "0101"}
    assert topics["0101"].broader == r.TopicRef("HS", "01")


def test_unknown_columns_and_missing_required_columns_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    shutil.copy(BAD / "sources.csv", folder)
    (folder / "people.csv").write_text("id,nome,source\nx,Someone,src-a\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_inputs([folder / "people.csv"])
    messages = {(p.column, p.message.split(";")[0]) for p in caught.value.problems}
    assert ("nome", "unknown column") in messages
    assert ("name", "required column is missing") in messages


def test_a_file_of_unknown_format_is_refused(tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello", encoding="utf-8")
    result = run_cli("load", str(odd), "--store", str(tmp_path / "s"))
    assert result.returncode == 1
    assert "unknown format" in result.stderr and "notes.txt" in result.stderr


def test_dossier_rows_are_checked_like_tables(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    shutil.copytree(EXAMPLE, folder)
    (folder / "bad.yaml").write_text(
        "source: tribune-2025-02-10\n"
        "meeting:\n  id: m1\n  date: 2025-02-07\n  kind: summit\n  countries: [USA, JPN]\n"
        "participants: [trump, nobody]\n"
        "commitments:\n  - {id: c1, party: JPN, counterpart: USA, description: x, status: announced, colour: red}\n"
        'statements:\n  - {id: s1, person: trump, text: "Hello.", date: 2025-13-01}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_inputs([folder / "bad.yaml"])
    found = {(p.row, p.column, str(p.value)) for p in caught.value.problems}
    assert (None, "person", "nobody") in {(None, c, v) for _, c, v in found}
    assert any(c == "date" and v == "2025-13-01" and row == 11 for row, c, v in found)
    assert any(c == "colour" and v == "red" for _, c, v in found)


def test_a_dossier_loads_with_the_ids_of_its_folder(kg: KnowledgeGraph, tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    shutil.copytree(EXAMPLE, folder)
    shutil.copy(DATA / "dossier" / "synthetic-call.yaml", folder)
    kg.load([folder])
    assert kg.validate() == []
    rows = kg.query_rows("statements-by", {"person": "Ishiba", "meeting": "2025-03-01"}).rows
    assert [(row[1], row[-1]) for row in rows] == [("A made-up sentence for a loader test.", "synthetic-dossier-note")]
    people = kg.query_rows("meeting-participants", {"meeting": "2025-03-01"}).rows
    assert {row[1] for row in people} == {"Donald Trump", "Shigeru Ishiba"}


def test_a_value_outside_a_vocabulary_is_named_with_the_allowed_values(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    shutil.copytree(EXAMPLE, folder)
    lines = (folder / "meetings.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("kind")] = "banquet"
    (folder / "meetings.csv").write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_inputs([folder / "meetings.csv"])
    [problem] = caught.value.problems
    assert (Path(problem.file).name, problem.row, problem.column, problem.value) == (
        "meetings.csv",
        2,
        "kind",
        "banquet",
    )
    assert problem.message == "expected one of " + ", ".join(MeetingKind)
    assert "working visit" in problem.message


def test_the_table_specs_follow_the_record_definitions() -> None:
    columns = {name: {c.name: c for c in spec.columns} for name, spec in TABLES.items()}
    # a field without a default is a required column, one with a default an optional one
    assert columns["trade_flows"]["value"].required and not columns["trade_flows"]["note"].required
    assert columns["indicators"]["reporter"].required is False
    # a field of a controlled vocabulary accepts exactly the ontology's values
    for table, column, enum in [
        ("meetings", "kind", MeetingKind),
        ("commitments", "status", CommitmentStatus),
        ("sources", "reliability", Reliability),
    ]:
        parse = columns[table][column].parse
        for member in enum:
            assert parse(member.value, Context()) == member.value
        with pytest.raises(ValueError, match="expected one of"):
            parse("other", Context())


def test_the_docs_name_every_column_of_every_table_in_order() -> None:
    """docs/tables.md's column tables are written by hand: they follow the specs (an asterisk marks
    a condition the docs explain under the table)."""
    doc = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    documented = {
        m.group(1): [row.split("|")[1:3] for row in m.group(2).splitlines()[2:]]
        for m in re.finditer(r"^## (\w+)\.csv.*?\n((?:\|.*\n)+)", doc, re.M)
    }
    assert set(documented) == set(TABLES)
    for name, spec in TABLES.items():
        rows = [(column.strip(), required.strip()) for column, required in documented[name]]
        assert [column for column, _ in rows] == [c.name for c in spec.columns], name
        for (column, required), col in zip(rows, spec.columns, strict=True):
            if "*" not in required:
                assert required == ("yes" if col.required else "no"), (name, column)
