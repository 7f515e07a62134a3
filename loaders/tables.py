"""Curated tables: a folder of CSV files, one per kind (docs/tables.md), into records.

Every cell is read as text first (codes keep their leading zeros), then typed and checked. A
table's columns are the fields of its record (loaders/records.py): a cell is parsed by its field's
type, and a controlled vocabulary's cell checked against the ontology's enum. All
problems of all files are collected, then raised together as one InputError: a file with any bad
row gives no records at all.

Checked for every table, before a cell is typed: no control characters (tab and line break only
in the free-text columns of MULTILINE). An `id` names one thing: a second row with the same id is
refused when it names something else (a reference to that id is then refused as ambiguous) or
repeats the same source; rows of different sources about the same thing may share it. Numbers
stay within what a real figure can be: see `signed_amount` and `integer`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar, Union, get_args, get_origin, get_type_hints

import pandas as pd
import pycountry

from bilateral.core.errors import InputError, Problem
from bilateral.loaders import records as r
from bilateral.ontology import vocab as v
from bilateral.ontology.countries import iso_country

__all__ = [
    "TABLE_ORDER",
    "Column",
    "Context",
    "RowParser",
    "folder_context",
    "is_table_file",
    "parse_rows",
    "read_csv_rows",
    "read_tables",
]

_QID = re.compile(r"^Q[1-9][0-9]*$")
# Free-text columns: the only ones where a tab or a line break may stand.
MULTILINE = frozenset({"text", "description", "note"})
# Control characters (C0, DEL, C1) and the two XML 1.0 excludes; tab and line feed are checked apart.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_BREAK = re.compile("[\t\n]")
# A figure's magnitude is below 10**24 (a trillion trillion: above any GDP or trade figure in any
# currency's smallest unit) and has at most 12 decimal places; beyond that a cell is a typo or an
# attack (`1e400` would be a 401-digit number, `inf` in a float).
MAX_EXPONENT = 24
MAX_DECIMALS = 12
MAX_INTEGER_DIGITS = 18
_HS = re.compile(r"^([0-9]{2}|[0-9]{4}|[0-9]{6}|TOTAL|[IVXL]+)$")


class CellError(ValueError):
    """A cell that cannot be typed; the message says what was expected."""


class _Dependent(CellError):
    """A reference to a row refused for its own problem: counted there, not reported again."""

    def __init__(self, key: tuple[str, str]) -> None:
        super().__init__(f"refers to {key[0]} id {key[1]!r}, a row refused for its own problem")
        self.key = key


@dataclass
class Context:
    """What rows may refer to: ids defined by the dataset's own tables, and sources in the store."""

    sources: set[str] = field(default_factory=set)
    people: dict[str, r.PersonRef] = field(default_factory=dict)
    meetings: dict[str, r.MeetingRef] = field(default_factory=dict)
    topics: dict[str, r.TopicRef] = field(default_factory=dict)
    # table -> ids that several of its rows define: a reference to one of them is ambiguous
    duplicates: dict[str, set[str]] = field(default_factory=dict)
    # (table, id) of a row refused for a bad cell -> its first problem, and how many rows refer to
    # it: one root cause is one error that says what depends on it, not one error per reference.
    refused: dict[tuple[str, str], Problem] = field(default_factory=dict)
    dependents: dict[tuple[str, str], int] = field(default_factory=dict)

    def check_refused(self, table: str, value: str) -> None:
        if (table, value) in self.refused:
            raise _Dependent((table, value))

    def root_causes(self) -> list[tuple[Problem, Problem]]:
        """(root problem, the same with how many rows depend on it) for every refused row referred to."""
        out = []
        for (table, key), count in sorted(self.dependents.items()):
            root = self.refused[(table, key)]
            more = f"; {count} row(s) of other tables refer to {table} id {key!r} and were left out with it"
            out.append((root, replace(root, message=root.message + more)))
        return out

    def check_unique(self, table: str, value: str) -> None:
        if value in self.duplicates.get(table, ()):
            raise CellError(f"ambiguous: {table}.csv defines this id on more than one row")


# ------------------------------------------------------------------ cell parsers


def text(value: str, ctx: Context) -> str:
    return value


def date(value: str, ctx: Context) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CellError("not an ISO 8601 date (YYYY-MM-DD)") from None


def datetime(value: str, ctx: Context) -> dt.datetime:
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CellError("not an ISO 8601 date-time") from None
    if stamp.tzinfo is None:
        raise CellError("a date-time needs its time zone offset (2025-02-07T11:55:00-05:00)")
    return stamp


def integer(value: str, ctx: Context) -> int:
    if not re.fullmatch(r"-?[0-9]+", value):
        raise CellError("not a whole number")
    if len(value.lstrip("-").lstrip("0")) > MAX_INTEGER_DIGITS:
        raise CellError(f"a whole number of more than {MAX_INTEGER_DIGITS} digits")
    return int(value)


def year(value: str, ctx: Context) -> int:
    if not re.fullmatch(r"[12][0-9]{3}", value):
        raise CellError("not a four-digit year")
    return int(value)


def amount(value: str, ctx: Context) -> Decimal:
    """A non-negative decimal in full units."""
    number = signed_amount(value, ctx)
    if number < 0:
        raise CellError("a negative amount (only a balance may be negative)")
    return number


def signed_amount(value: str, ctx: Context) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise CellError("not a number (write plain digits in full units: 68500000000)") from None
    if not number.is_finite():
        raise CellError("not a finite number")
    if number and number.adjusted() >= MAX_EXPONENT:
        raise CellError(f"a number out of range: a figure is below 10^{MAX_EXPONENT} in absolute value")
    if number and -number.normalize().as_tuple().exponent > MAX_DECIMALS:  # type: ignore[operator]
        raise CellError(f"a number with more than {MAX_DECIMALS} decimal places")
    return number


def boolean(value: str, ctx: Context) -> bool:
    if value.lower() in ("true", "yes", "1"):
        return True
    if value.lower() in ("false", "no", "0"):
        return False
    raise CellError("not true or false")


def country(value: str, ctx: Context) -> str:
    if not re.fullmatch(r"[A-Z]{3}", value) or iso_country(value) is None:
        raise CellError("unknown country code: not an ISO 3166-1 alpha-3 code (USA, JPN)")
    return value


def currency(value: str, ctx: Context) -> str:
    if not re.fullmatch(r"[A-Z]{3}", value) or pycountry.currencies.get(alpha_3=value) is None:
        raise CellError("not an ISO 4217 currency code (USD, JPY)")
    return value


def qid(value: str, ctx: Context) -> str:
    if not _QID.fullmatch(value):
        raise CellError("not a Wikidata QID (Q17)")
    return value


def one_of(*choices: str) -> Callable[[str, Context], str]:
    def parse(value: str, ctx: Context) -> str:
        if value not in choices:
            raise CellError("expected one of " + ", ".join(choices))
        return value

    return parse


def source_ref(value: str, ctx: Context) -> str:
    ctx.check_unique("sources", value)
    if value not in ctx.sources:
        raise CellError("unknown source id: not in sources.csv nor in the store")
    return value


def person_ref(value: str, ctx: Context) -> r.PersonRef:
    ctx.check_unique("people", value)
    if value not in ctx.people:
        ctx.check_refused("people", value)
        raise CellError("unknown person: not an id in people.csv")
    return ctx.people[value]


def meeting_ref(value: str, ctx: Context) -> r.MeetingRef:
    ctx.check_unique("meetings", value)
    if value not in ctx.meetings:
        ctx.check_refused("meetings", value)
        raise CellError("unknown meeting: not an id in meetings.csv")
    return ctx.meetings[value]


def topic_ref(value: str, ctx: Context) -> r.TopicRef:
    ctx.check_unique("sectors", value)
    if value not in ctx.topics:
        ctx.check_refused("sectors", value)
        raise CellError("unknown sector or topic: not an id in sectors.csv")
    return ctx.topics[value]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


# ------------------------------------------------------------------ table specs


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str, Context], object]
    required: bool = False


Row = dict[str, object]  # column -> typed value (absent when the cell is empty)
R = TypeVar("R", bound=r.Record)
Bad = list[tuple[str, object, str]]  # (column, value, message) of each cross-column problem

# How a cell becomes a value of a record field, by the field's type or its Annotated mark.
_BY_TYPE: dict[object, Callable[[str, Context], object]] = {
    str: text,
    int: integer,
    bool: boolean,
    Decimal: amount,
    dt.date: date,
    dt.datetime: datetime,
    r.PersonRef: person_ref,
    r.MeetingRef: meeting_ref,
    r.TopicRef: topic_ref,
}
_BY_MARK: dict[r.Checked, Callable[[str, Context], object]] = {
    r.COUNTRY: country,
    r.CURRENCY: currency,
    r.QID: qid,
    r.SOURCE: source_ref,
    r.YEAR: year,
    r.SIGNED: signed_amount,
}


def _each(single: Callable[[str, Context], object]) -> Callable[[str, Context], tuple[object, ...]]:
    """A `;`-separated list, each part parsed by `single`."""
    return lambda value, ctx: tuple(single(part, ctx) for part in _split(value))


def cell_parser(hint: object) -> Callable[[str, Context], object]:
    """The parser of a cell for a record field of this type (as `get_type_hints` gives it)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        mark = args[1]
        if isinstance(mark, type) and issubclass(mark, StrEnum):
            return one_of(*mark)
        return _BY_MARK[mark]
    if origin in (Union, types.UnionType):  # X | None: the empty cell is the None
        return cell_parser(next(a for a in args if a is not type(None)))
    if origin is tuple:  # tuple[X, ...] or a pair: a `;`-separated list (a pair is checked after)
        return _each(cell_parser(args[0]))
    return _BY_TYPE[hint]


@dataclass(frozen=True)
class RowParser(Generic[R]):
    """A table: its columns, how a typed row becomes a record, and cross-record checks."""

    columns: tuple[Column, ...]
    build: Callable[[Row], R]
    check: Callable[[R], Bad] = lambda rec: []
    # a reference table registers the ids its rows define, for the tables loaded after it
    register: Callable[[Row, R, Context], None] | None = None


def field_column(record: type[R] | type[r.TopicRef], name: str) -> Column:
    """The column of a record field: parsed by the field's type, required without a default."""
    spec = next(f for f in dataclasses.fields(record) if f.name == name)
    required = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
    return Column(name, cell_parser(get_type_hints(record, include_extras=True)[name]), required)


def table(
    record: type[R],
    columns: Iterable[str | Column],
    *,
    build: Callable[[Row], R] | None = None,
    check: Callable[[R], Bad] = lambda rec: [],
    register: Callable[[Row, R, Context], None] | None = None,
) -> RowParser[R]:
    """The spec of a table whose columns are the record's fields, in the CSV's order: a name takes
    its parser from the field's type and is required when the field has no default; a Column is
    a column the record has no field for, or one parsed otherwise."""
    fields = {f.name for f in dataclasses.fields(record)}
    specs = tuple(c if isinstance(c, Column) else field_column(record, c) for c in columns)
    constructor: Callable[..., R] = record

    def from_fields(row: Row) -> R:
        return constructor(**{k: val for k, val in row.items() if k in fields})

    return RowParser(specs, build or from_fields, check, register)


_ID = Column("id", text, True)  # the key other tables refer to the row by; no field of its record


def _text_of(row: Row, key: str) -> str | None:
    value = row.get(key)
    return None if value is None else str(value)


def _topic_of(row: Row) -> r.TopicRef:
    scheme = str(row["scheme"])
    key = str(row["notation"]) if scheme == v.SectorScheme.HS else str(row["id"])
    return r.TopicRef(scheme, key)


def _cow(value: str, ctx: Context) -> str:
    """A COW number, kept as the text of the whole number (007 is 7)."""
    return str(integer(value, ctx))


def _check_source(rec: r.Source) -> Bad:
    if rec.url or rec.note:
        return []
    return [("url", "", "a source needs a URL, or a note saying where its text is")]


def _check_tenure(rec: r.Tenure) -> Bad:
    bad: Bad = []
    if rec.start is None and rec.attested is None:
        bad.append(("start", "", "a tenure needs a start date, or an attested date"))
    if rec.start is not None and rec.end is not None and rec.start > rec.end:
        bad.append(("end", rec.end, f"the tenure ends before it starts ({rec.start})"))
    return bad


def _check_meeting(rec: r.Meeting) -> Bad:
    pair: tuple[str, ...] = rec.countries
    if len(pair) != 2 or pair[0] == pair[1]:
        return [("countries", ";".join(pair), "a meeting's dyad is two different countries")]
    return []


def _check_flow(rec: r.TradeFlow) -> Bad:
    if rec.exporter == rec.importer:
        return [("importer", rec.importer, "the importer is the exporter")]
    return []


def _check_indicator(rec: r.Indicator) -> Bad:
    bad: Bad = []
    if rec.country == rec.partner:
        bad.append(("partner", rec.partner, "the partner is the country itself"))
    if rec.unit == v.Unit.CURRENT_PRICES and rec.currency is None:
        bad.append(("currency", "", "a money figure needs its currency"))
    if rec.value < 0 and rec.indicator != v.Indicator.GOODS_BALANCE:
        bad.append(("value", rec.value, "a negative value (only a balance may be negative)"))
    return bad


def _check_commitment(rec: r.Commitment) -> Bad:
    bad: Bad = []
    if rec.value is not None and rec.currency is None:
        bad.append(("currency", "", "an amount needs its currency"))
    if rec.party == rec.counterpart:
        bad.append(("counterpart", rec.counterpart, "the counterpart is the party itself"))
    return bad


def _check_topic(rec: r.Topic) -> Bad:
    if rec.ref.scheme == v.SectorScheme.HS:
        if rec.notation is None:
            return [("notation", "", "an HS sector needs its HS code")]
        if not _HS.fullmatch(rec.notation):
            return [("notation", rec.notation, "not an HS code (2, 4 or 6 digits, a section, TOTAL)")]
    return []


def _check_treaty(rec: r.Treaty) -> Bad:
    if rec.signed is not None and rec.ended is not None and rec.signed > rec.ended:
        return [("ended", rec.ended, f"the treaty ends before it was signed ({rec.signed})")]
    return []


def _register_source(row: Row, rec: r.Source, ctx: Context) -> None:
    ctx.sources.add(rec.id)


def _register_person(row: Row, rec: r.Person, ctx: Context) -> None:
    ctx.people[str(row["id"])] = rec.ref


def _register_meeting(row: Row, rec: r.Meeting, ctx: Context) -> None:
    ctx.meetings[str(row["id"])] = rec.ref


def _register_topic(row: Row, rec: r.Topic, ctx: Context) -> None:
    ctx.topics[str(row["id"])] = rec.ref


TABLES: dict[str, RowParser[Any]] = {
    "sources": table(
        r.Source,
        ("id", "url", "title", "publisher", "published", "retrieved", "licence", "reliability", "note"),
        check=_check_source,
        register=_register_source,
    ),
    "countries": table(r.Country, ("iso3", "name", "aliases", "wikidata", Column("cow", _cow), "source")),
    "people": table(r.Person, (_ID, "name", "aliases", "birth_year", "wikidata", "source"), register=_register_person),
    "sectors": table(
        # the scheme and the notation or id make the topic's key; broader and maps_to name other
        # rows of the table, resolved once all are read (_topic_links)
        r.Topic,
        (
            _ID,
            "name",
            field_column(r.TopicRef, "scheme"),
            "notation",
            Column("broader", text),
            Column("maps_to", _each(text)),
            "source",
        ),
        build=lambda row: r.Topic(
            ref=_topic_of(row), name=str(row["name"]), source=str(row["source"]), notation=_text_of(row, "notation")
        ),
        check=_check_topic,
        register=_register_topic,
    ),
    "meetings": table(
        r.Meeting,
        (
            _ID,
            "date",
            "start_time",
            "duration_minutes",
            "kind",
            "name",
            "place",
            "host",
            "countries",
            "outcome_documents",
            "topics",
            "source",
        ),
        check=_check_meeting,
        register=_register_meeting,
    ),
    "tenures": table(
        r.Tenure, ("person", "country", "office", "roles", "start", "end", "attested", "source"), check=_check_tenure
    ),
    "participants": table(r.Participation, ("meeting", "person", "source")),
    "statements": table(r.Statement, (_ID, "person", "date", "meeting", "text", "topics", "source")),
    "commitments": table(
        r.Commitment,
        (
            _ID,
            "meeting",
            "party",
            "counterpart",
            "announced_by",
            "date",
            "description",
            "value",
            "currency",
            "sector",
            "topics",
            "status",
            "source",
        ),
        check=_check_commitment,
    ),
    "trade_flows": table(
        r.TradeFlow,
        (
            "exporter",
            "importer",
            "year",
            "sector",
            "value",
            "currency",
            "unit",
            "approximate",
            "reporter",
            "source",
            "note",
        ),
        check=_check_flow,
    ),
    "indicators": table(
        r.Indicator,
        (
            "indicator",
            "country",
            "partner",
            "year",
            "value",
            "currency",
            "unit",
            "approximate",
            "reporter",
            "derivation",
            "source",
            "note",
        ),
        check=_check_indicator,
    ),
    "treaties": table(
        r.Treaty,
        (_ID, "name", "parties", "alliance_types", "signed", "in_force", "ended", "place", "citation", "source"),
        check=_check_treaty,
    ),
}

# Reference tables first: later tables refer to the ids they define.
TABLE_ORDER = (
    "sources",
    "countries",
    "people",
    "sectors",
    "meetings",
    "tenures",
    "participants",
    "statements",
    "commitments",
    "trade_flows",
    "indicators",
    "treaties",
)


def _topic_links(
    rows: list[tuple[Row, r.Record]], ctx: Context, file: str, lines: list[int], problems: list[Problem]
) -> list[r.Record]:
    """Sectors refer to each other (broader, maps_to): resolved once all of them are known."""
    out: list[r.Record] = []
    for (row, rec), line in zip(rows, lines, strict=True):
        assert isinstance(rec, r.Topic)
        broader, maps_to = None, []
        if "broader" in row:
            try:
                broader = topic_ref(str(row["broader"]), ctx)
            except CellError as err:
                problems.append(Problem(file, line, "broader", row["broader"], str(err)))
        targets = row.get("maps_to", ())
        for target in targets if isinstance(targets, tuple) else ():
            try:
                maps_to.append(topic_ref(target, ctx))
            except CellError as err:
                problems.append(Problem(file, line, "maps_to", target, str(err)))
        out.append(r.Topic(rec.ref, rec.name, rec.source, rec.notation, broader, tuple(maps_to)))
    return out


def parse_rows(
    table: str,
    rows: Iterable[tuple[int, Mapping[str, str]]],
    file: str,
    ctx: Context,
    problems: list[Problem],
    *,
    header: Iterable[str] | None = None,
) -> list[r.Record]:
    """Type and check raw rows (line number, column -> text) of one table; pure.

    Appends every problem to `problems`; registers the ids that good rows define in `ctx`.
    """
    spec = TABLES[table]
    known = {c.name for c in spec.columns}
    if header is not None:
        cols = list(header)
        for name in cols:
            if name not in known:
                problems.append(
                    Problem(file, 1, name, name, "unknown column; expected " + ", ".join(c.name for c in spec.columns))
                )
        for col in spec.columns:
            if col.required and col.name not in cols:
                problems.append(Problem(file, 1, col.name, "", "required column is missing"))
        if any(p.file == file and p.row == 1 for p in problems):
            return []
    typed: list[tuple[Row, r.Record]] = []
    lines: list[int] = []
    first_row: dict[str, tuple[int, Row]] = {}  # id -> the first row that defines it
    for line, raw in rows:
        row: Row = {}
        bad = False
        first_problem = len(problems)
        for col in spec.columns:
            written = raw.get(col.name) or ""
            message = _control_problem(col.name, written)
            if message:
                problems.append(Problem(file, line, col.name, written, message))
                bad = True
                continue
            cell = written.strip()
            if not cell:
                if col.required:
                    problems.append(Problem(file, line, col.name, cell, "required value is empty"))
                    bad = True
                continue
            try:
                row[col.name] = col.parse(cell, ctx)
            except _Dependent as err:
                ctx.dependents[err.key] = ctx.dependents.get(err.key, 0) + 1
                bad = True
            except CellError as err:
                problems.append(Problem(file, line, col.name, cell, str(err)))
                bad = True
        if bad:
            raw_id = (raw.get("id") or "").strip()
            if raw_id and len(problems) > first_problem and (table, raw_id) not in ctx.refused:
                ctx.refused[(table, raw_id)] = problems[first_problem]
            continue
        key = row.get("id")
        if isinstance(key, str) and "id" in known:
            if key in first_row:
                line_before, before = first_row[key]
                same = table in _IDENTITY and _IDENTITY[table](row) == _IDENTITY[table](before)
                if not same or row.get("source") == before.get("source"):
                    why = (
                        "for the same source"
                        if same
                        else "as something else"
                        if table in _IDENTITY
                        else f"and an id of {table}.csv is defined once"
                    )
                    problems.append(
                        Problem(file, line, "id", key, f"duplicate id: row {line_before} defines it already, {why}")
                    )
                    if not same:
                        ctx.duplicates.setdefault(table, set()).add(key)
                    continue
            else:
                first_row[key] = (line, row)
        record = spec.build(row)
        cross = spec.check(record)
        for column, value, message in cross:
            problems.append(Problem(file, line, column, value, message))
        if cross:
            continue
        if spec.register:
            spec.register(row, record, ctx)
        typed.append((row, record))
        lines.append(line)
    if table == "sectors":
        return _topic_links(typed, ctx, file, lines, problems)
    return [rec for _, rec in typed]


# What an id names, per table: several rows may share an id only to give the same thing from
# different sources (treaties.csv has one row per source of a treaty); sources.csv ids are unique.
_IDENTITY: dict[str, Callable[[Row], object]] = {
    "people": lambda row: (row.get("name"), row.get("birth_year")),
    "sectors": lambda row: (row.get("scheme"), row.get("notation")),
    "meetings": lambda row: (row.get("date"), row.get("countries"), row.get("kind")),
    "statements": lambda row: (row.get("person"), row.get("date"), row.get("text")),
    "commitments": lambda row: (row.get("party"), row.get("counterpart"), row.get("date"), row.get("description")),
    "treaties": lambda row: row.get("name"),
}


def _control_problem(column: str, cell: str) -> str | None:
    """Why a cell's text is refused, if it is: a control character, or a tab or line break
    outside a free-text column."""
    found = _CONTROL.search(cell) or (None if column in MULTILINE else _LINE_BREAK.search(cell))
    if found is None:
        return None
    where = "" if column in MULTILINE else " (tab and line break only in " + ", ".join(sorted(MULTILINE)) + ")"
    return f"a control character U+{ord(found.group()):04X} at position {found.start() + 1}{where}"


def is_table_file(path: Path) -> bool:
    return path.suffix.lower() == ".csv" and path.stem in TABLES


def read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and rows of a CSV, every cell as text (no NA guessing, leading zeros kept)."""
    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8", skipinitialspace=False
        )
    except UnicodeDecodeError as err:
        raise InputError([Problem(str(path), None, None, err.object[err.start : err.end], "not UTF-8 text")]) from err
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputError([Problem(str(path), None, None, "", f"not a readable CSV: {err}")]) from err
    header = [str(c) for c in frame.columns]
    rows = [
        (i + 2, dict(zip(header, values, strict=True)))
        for i, values in enumerate(frame.itertuples(index=False, name=None))
    ]
    return header, rows


def folder_context(folder: Path, known_sources: Iterable[str] = ()) -> Context:
    """The ids a folder's reference tables define (rows with problems define none)."""
    ctx = Context(sources=set(known_sources))
    for table in TABLE_ORDER:
        path = folder / f"{table}.csv"
        if TABLES[table].register is None or not path.exists():
            continue
        try:
            header, rows = read_csv_rows(path)
        except InputError:
            continue
        parse_rows(table, rows, str(path), ctx, [], header=header)
    return ctx


def read_tables(paths: Iterable[Path], known_sources: Iterable[str] = ()) -> list[r.Record]:
    """Records of the given table files; sibling reference tables resolve ids.

    Each folder is a dataset: a table is checked against the sources, people, meetings and
    sectors defined in its folder (and `known_sources`, the sources already in the store).
    Raises InputError listing every problem of every file; then no record is returned.
    """
    problems: list[Problem] = []
    records: list[r.Record] = []
    by_folder: dict[Path, set[str]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, set()).add(path.stem)
    for folder, wanted in sorted(by_folder.items()):
        ctx = Context(sources=set(known_sources))
        described: list[r.Source] = []
        for table in TABLE_ORDER:
            path = folder / f"{table}.csv"
            if not path.exists():
                continue
            loading = table in wanted
            if not loading and TABLES[table].register is None:
                continue
            try:
                header, rows = read_csv_rows(path)
            except InputError as err:
                problems.extend(err.problems)
                continue
            sink = problems if loading else []  # a reference table only lends its ids
            parsed = parse_rows(table, rows, str(path), ctx, sink, header=header)
            if loading:
                records.extend(parsed)
            elif table == "sources":
                described = [rec for rec in parsed if isinstance(rec, r.Source)]
        for root, told in ctx.root_causes():  # the root problem says what depends on it
            at = next((i for i, p in enumerate(problems) if p is root), None)
            if at is None:  # the refused row is in a reference table not being loaded
                problems.append(told)
            else:
                problems[at] = told
        # A table loaded without its sources.csv still describes the sources its rows cite.
        if "sources" not in wanted:
            cited = {getattr(rec, "source", None) for rec in records}
            records.extend(rec for rec in described if rec.id in cited)
    if problems:
        raise InputError(problems)
    return records
