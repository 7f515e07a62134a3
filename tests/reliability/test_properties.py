"""Property-based tests (hypothesis, derandomized): random cell text in the curated CSV tables and
random dossier structures either load and come back exactly as written (cells are trimmed, as
docs/tables.md says), or are refused with an InputError whose problems name the file, the row and
the column. Never any other exception."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.core.errors import InputError
from bilateral.loaders import records as r
from bilateral.loaders.detect import read_inputs
from bilateral.loaders.dossier import parse_dossier
from bilateral.loaders.tables import Context

SETTINGS = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TRICKY = [
    "[b]bold[/b]",
    "[/]",
    ":x:",
    "<b>",
    "{{x}}",
    "$x",
    "=1+1",
    "@cmd",
    '"quoted"',
    "a\\b",
    "a;b",
    "line\nbreak",
    "tab\there",
    "\x00",
    "\x1b[31m",
    "\r",
    "\x85",
    "\u2028",
    "\ufeff",
    "é",
    "日本",
    "🇯🇵",
    " padded ",
    ",",
    "'",
    "\\N",
    "NA",
    "null",
    "~",
    "#",
    "--",
    "\ufffe",
]

# text a cell may hold: no control characters, not blank (U+FFFE/U+FFFF are not XML characters)
printable = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"], exclude_characters="\ufffe\uffff"),
    min_size=1,
    max_size=30,
).filter(str.strip)
# mostly text that should load, some with control characters that must be refused
cell_text = st.one_of(
    printable,
    printable,
    printable,
    printable,
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=4).map("".join),
    st.builds(lambda a, b: a + b, st.sampled_from(TRICKY), st.text(st.characters(codec="utf-8"), max_size=8)),
)

SOURCES = ["id", "url", "title", "publisher", "published", "retrieved", "licence", "reliability", "note"]
PEOPLE = ["id", "name", "aliases", "birth_year", "wikidata", "source"]
STATEMENTS = ["id", "person", "date", "meeting", "text", "topics", "source"]


def _write(path: Path, rows: list[list[str]], quoting: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n", quoting=quoting).writerows(rows)


def _assert_names_where(err: InputError, folder: Path, columns: dict[str, list[str]]) -> None:
    assert err.problems
    for problem in err.problems:
        path = Path(problem.file)
        assert path.parent == folder, problem
        assert path.stem in columns, problem
        if problem.row is not None or problem.column is not None:
            assert isinstance(problem.row, int) and problem.row >= 1, problem
            assert problem.column in columns[path.stem], problem
        else:  # a file that is not a CSV at all
            assert "CSV" in problem.message, problem


QUOTING = st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])


@SETTINGS
@given(title=cell_text, note=cell_text, name=cell_text, person_id=cell_text, text=cell_text, quoting=QUOTING)
def test_random_cells_in_curated_tables_load_as_written_or_are_named(
    title: str, note: str, name: str, person_id: str, text: str, quoting: int
) -> None:
    _check_tables(title, note, name, person_id, text, quoting, must_load=False)


@SETTINGS
@given(title=printable, note=printable, name=printable, person_id=printable, text=printable, quoting=QUOTING)
def test_printable_cells_in_curated_tables_load_as_written(
    title: str, note: str, name: str, person_id: str, text: str, quoting: int
) -> None:
    _check_tables(title, note, name, person_id, text, quoting, must_load=True)


def _check_tables(title: str, note: str, name: str, person_id: str, text: str, quoting: int, must_load: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder / "sources.csv", [SOURCES, ["src", "", title, "", "", "", "", "synthetic", note]], quoting)
        _write(folder / "people.csv", [PEOPLE, [person_id, name, "", "", "", "src"]], quoting)
        _write(folder / "statements.csv", [STATEMENTS, ["s1", person_id, "2025-02-07", "", text, "", "src"]], quoting)
        try:
            records = read_inputs([folder]).records
        except InputError as err:
            assert not must_load, err
            _assert_names_where(err, folder, {"sources": SOURCES, "people": PEOPLE, "statements": STATEMENTS})
            return
    source = next(rec for rec in records if isinstance(rec, r.Source))
    person = next(rec for rec in records if isinstance(rec, r.Person))
    statement = next(rec for rec in records if isinstance(rec, r.Statement))
    assert (source.title, source.note) == (title.strip(), note.strip())
    assert person.name == name.strip()
    assert statement.text == text.strip()
    assert statement.person == person.ref


# ------------------------------------------------------------------ dossiers

scalar = st.one_of(
    cell_text, st.integers(-(10**6), 10**6), st.booleans(), st.none(), st.floats(allow_nan=True, allow_infinity=True)
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(cell_text, inner, max_size=3)),
    max_leaves=6,
)
STATEMENT_KEYS = ["id", "person", "date", "meeting", "text", "topics", "source"]


@st.composite
def dossiers(draw: st.DrawFn, cell_text: st.SearchStrategy[str] = cell_text, wild: bool = True) -> dict[str, Any]:
    statement: dict[Any, Any] = {"id": "s1", "person": "trump", "text": draw(cell_text)}
    if wild and draw(st.integers(0, 3)) == 0:  # now and then a value of any shape, under any key
        statement[draw(st.sampled_from(["id", "text", "topics", "date", "junk", 1]))] = draw(value)
    doc: dict[Any, Any] = {
        "source": "src",
        "sources": [{"id": "src", "title": draw(cell_text), "reliability": "synthetic", "note": draw(cell_text)}],
        "meeting": {
            "id": "m",
            "date": "2025-03-01",
            "kind": "call",
            "countries": ["USA", "JPN"],
            "name": draw(st.one_of(cell_text, value) if wild else cell_text),
        },
        "people": [{"id": "trump", "name": draw(cell_text), "source": "src"}],
        "statements": [statement],
    }
    if wild and draw(st.integers(0, 3)) == 0:
        doc[draw(st.sampled_from(["extra", "participants", "meeting", 2]))] = draw(value)
    return doc


def _dump(doc: dict[str, Any]) -> str:
    try:
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:  # keys of mixed types: PyYAML sorts nothing here, so this is rare
        return yaml.safe_dump(doc, allow_unicode=False, sort_keys=False)


def _written(data: object) -> str:
    """What a dossier scalar reads as: its text as the YAML file shows it."""
    return data if isinstance(data, str) else yaml.safe_dump(data).removesuffix("\n...\n").strip()


@SETTINGS
@given(doc=dossiers())
def test_random_dossiers_load_as_written_or_are_named(doc: dict[str, Any]) -> None:
    _check_dossier(doc, must_load=False)


@SETTINGS
@given(doc=dossiers(printable, wild=False))
def test_dossiers_of_printable_text_load_as_written(doc: dict[str, Any]) -> None:
    _check_dossier(doc, must_load=True)


def _check_dossier(doc: dict[str, Any], must_load: bool) -> None:
    text = _dump(doc)
    try:
        records = parse_dossier(text, "random.yaml", Context())
    except InputError as err:
        assert not must_load, err
        assert err.problems
        assert all(p.file == "random.yaml" for p in err.problems)
        return
    source = next(rec for rec in records if isinstance(rec, r.Source))
    person = next(rec for rec in records if isinstance(rec, r.Person))
    meeting = next(rec for rec in records if isinstance(rec, r.Meeting))
    statement = next(rec for rec in records if isinstance(rec, r.Statement))
    assert source.title == doc["sources"][0]["title"].strip()
    assert source.note == (doc["sources"][0]["note"].strip() or None)
    assert person.name == doc["people"][0]["name"].strip()
    assert statement.text == _written(doc["statements"][0]["text"]).strip()
    name = doc["meeting"]["name"]
    assert meeting.name == (_written(name).strip() or None) if name is not None else meeting.name is None
