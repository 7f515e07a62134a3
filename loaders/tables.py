"""Curated tables: a folder of CSV files, one per kind (docs/tables.md), into records.

Every cell is read as text first (codes keep their leading zeros), then typed and checked. All
problems of all files are collected, then raised together as one InputError: a file with any bad
row gives no records at all.

Checked for every table, before a cell is typed: no control characters (tab and line break only
in the free-text columns of MULTILINE). An `id` names one thing: a second row with the same id is
refused when it names something else (a reference to that id is then refused as ambiguous) or
repeats the same source; rows of different sources about the same thing may share it. Numbers
stay within what a real figure can be: see `signed_amount` and `integer`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd
import pycountry

from bilateral.errors import InputError, Problem
from bilateral.loaders import records as r
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

ROLES = ("head_of_state", "head_of_government", "deputy_head_of_state", "foreign_minister",
         "minister")
MEETING_KINDS = ("summit", "state visit", "official visit", "working visit", "call", "talks")
RELIABILITY = ("primary", "secondary", "synthetic")
SCHEMES = ("HS", "analyst", "topic")
STATUSES = ("announced", "in progress", "fulfilled", "abandoned")
UNITS = ("current prices", "persons", "percent", "tonnes")
INDICATORS = ("goods_balance", "goods_exports", "goods_imports", "services_exports",
              "trade_exports", "trade_imports", "fdi_stock", "affiliate_employment", "tariff_rate")
ALLIANCE_TYPES = ("defence", "offence", "neutrality", "nonaggression", "entente", "consultation")
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


@dataclass
class Context:
    """What rows may refer to: ids defined by the dataset's own tables, and sources in the store."""

    sources: set[str] = field(default_factory=set)
    people: dict[str, r.PersonRef] = field(default_factory=dict)
    meetings: dict[str, r.MeetingRef] = field(default_factory=dict)
    topics: dict[str, r.TopicRef] = field(default_factory=dict)
    # table -> ids that several of its rows define: a reference to one of them is ambiguous
    duplicates: dict[str, set[str]] = field(default_factory=dict)

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


def countries(value: str, ctx: Context) -> tuple[str, ...]:
    return tuple(country(v, ctx) for v in _split(value))


def currency(value: str, ctx: Context) -> str:
    if not re.fullmatch(r"[A-Z]{3}", value) or pycountry.currencies.get(alpha_3=value) is None:
        raise CellError("not an ISO 4217 currency code (USD, JPY)")
    return value


def qid(value: str, ctx: Context) -> str:
    if not _QID.fullmatch(value):
        raise CellError("not a Wikidata QID (Q17)")
    return value


def listing(value: str, ctx: Context) -> tuple[str, ...]:
    return tuple(_split(value))


def one_of(*choices: str) -> Callable[[str, Context], str]:
    def parse(value: str, ctx: Context) -> str:
        if value not in choices:
            raise CellError("expected one of " + ", ".join(choices))
        return value
    return parse


def some_of(*choices: str) -> Callable[[str, Context], tuple[str, ...]]:
    single = one_of(*choices)
    return lambda value, ctx: tuple(single(v, ctx) for v in _split(value))


def source_ref(value: str, ctx: Context) -> str:
    ctx.check_unique("sources", value)
    if value not in ctx.sources:
        raise CellError("unknown source id: not in sources.csv nor in the store")
    return value


def person_ref(value: str, ctx: Context) -> r.PersonRef:
    ctx.check_unique("people", value)
    if value not in ctx.people:
        raise CellError("unknown person: not an id in people.csv")
    return ctx.people[value]


def meeting_ref(value: str, ctx: Context) -> r.MeetingRef:
    ctx.check_unique("meetings", value)
    if value not in ctx.meetings:
        raise CellError("unknown meeting: not an id in meetings.csv")
    return ctx.meetings[value]


def topic_ref(value: str, ctx: Context) -> r.TopicRef:
    ctx.check_unique("sectors", value)
    if value not in ctx.topics:
        raise CellError("unknown sector or topic: not an id in sectors.csv")
    return ctx.topics[value]


def topic_refs(value: str, ctx: Context) -> tuple[r.TopicRef, ...]:
    return tuple(topic_ref(v, ctx) for v in _split(value))


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


# ------------------------------------------------------------------ table specs

@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str, Context], object]
    required: bool = False


Row = dict[str, object]  # column -> typed value (absent when the cell is empty)


@dataclass(frozen=True)
class RowParser:
    """A table: its columns, how a typed row becomes a record, and cross-column checks."""

    columns: tuple[Column, ...]
    build: Callable[[Row], r.Record]
    check: Callable[[Row], list[tuple[str, object, str]]] = lambda row: []
    # a reference table registers the ids its rows define, for the tables loaded after it
    register: Callable[[Row, Context], None] | None = None


def _opt(row: Row, key: str) -> object:
    return row.get(key)


def _register_source(row: Row, ctx: Context) -> None:
    ctx.sources.add(str(row["id"]))


def _register_person(row: Row, ctx: Context) -> None:
    ctx.people[str(row["id"])] = r.PersonRef(str(row["name"]), row.get("birth_year"))  # type: ignore[arg-type]


def _register_meeting(row: Row, ctx: Context) -> None:
    ctx.meetings[str(row["id"])] = r.MeetingRef(
        row["date"], tuple(row["countries"]), str(row["kind"]))  # type: ignore[arg-type]


def _topic_of(row: Row) -> r.TopicRef:
    scheme = str(row["scheme"])
    key = str(row["notation"]) if scheme == "HS" else str(row["id"])
    return r.TopicRef(scheme, key)


def _register_topic(row: Row, ctx: Context) -> None:
    ctx.topics[str(row["id"])] = _topic_of(row)


def _check_tenure(row: Row) -> list[tuple[str, object, str]]:
    bad: list[tuple[str, object, str]] = []
    start, end = row.get("start"), row.get("end")
    if start is None and row.get("attested") is None:
        bad.append(("start", "", "a tenure needs a start date, or an attested date"))
    if start is not None and end is not None and start > end:  # type: ignore[operator]
        bad.append(("end", end, f"the tenure ends before it starts ({start})"))
    return bad


def _check_meeting(row: Row) -> list[tuple[str, object, str]]:
    pair = row.get("countries")
    if pair is not None and (len(pair) != 2 or pair[0] == pair[1]):  # type: ignore[arg-type]
        return [("countries", ";".join(pair), "a meeting's dyad is two different countries")]  # type: ignore[arg-type]
    return []


def _check_flow(row: Row) -> list[tuple[str, object, str]]:
    if row.get("exporter") is not None and row.get("exporter") == row.get("importer"):
        return [("importer", row["importer"], "the importer is the exporter")]
    return []


def _check_indicator(row: Row) -> list[tuple[str, object, str]]:
    bad: list[tuple[str, object, str]] = []
    if row.get("country") is not None and row.get("country") == row.get("partner"):
        bad.append(("partner", row["partner"], "the partner is the country itself"))
    if row.get("unit") == "current prices" and row.get("currency") is None:
        bad.append(("currency", "", "a money figure needs its currency"))
    value = row.get("value")
    if value is not None and value < 0 and row.get("indicator") != "goods_balance":  # type: ignore[operator]
        bad.append(("value", value, "a negative value (only a balance may be negative)"))
    return bad


def _check_commitment(row: Row) -> list[tuple[str, object, str]]:
    bad: list[tuple[str, object, str]] = []
    if row.get("value") is not None and row.get("currency") is None:
        bad.append(("currency", "", "an amount needs its currency"))
    if row.get("party") is not None and row.get("party") == row.get("counterpart"):
        bad.append(("counterpart", row["counterpart"], "the counterpart is the party itself"))
    return bad


def _check_topic(row: Row) -> list[tuple[str, object, str]]:
    notation = row.get("notation")
    if row.get("scheme") == "HS":
        if notation is None:
            return [("notation", "", "an HS sector needs its HS code")]
        if not _HS.fullmatch(str(notation)):
            return [("notation", notation, "not an HS code (2, 4 or 6 digits, a section, TOTAL)")]
    return []


def _check_treaty(row: Row) -> list[tuple[str, object, str]]:
    signed, ended = row.get("signed"), row.get("ended")
    if signed is not None and ended is not None and signed > ended:  # type: ignore[operator]
        return [("ended", ended, f"the treaty ends before it was signed ({signed})")]
    return []


TABLES: dict[str, RowParser] = {
    "sources": RowParser(
        (Column("id", text, True), Column("url", text), Column("title", text, True),
         Column("publisher", text), Column("published", date), Column("retrieved", date),
         Column("licence", text), Column("reliability", one_of(*RELIABILITY), True),
         Column("note", text)),
        lambda row: r.Source(
            id=str(row["id"]), title=str(row["title"]), reliability=str(row["reliability"]),
            url=_opt(row, "url"), publisher=_opt(row, "publisher"),  # type: ignore[arg-type]
            published=_opt(row, "published"), retrieved=_opt(row, "retrieved"),  # type: ignore[arg-type]
            licence=_opt(row, "licence"), note=_opt(row, "note")),  # type: ignore[arg-type]
        check=lambda row: [] if row.get("url") or row.get("note") else
        [("url", "", "a source needs a URL, or a note saying where its text is")],
        register=_register_source,
    ),
    "countries": RowParser(
        (Column("iso3", country, True), Column("name", text), Column("aliases", listing),
         Column("wikidata", qid), Column("cow", integer), Column("source", source_ref, True)),
        lambda row: r.Country(
            iso3=str(row["iso3"]), source=str(row["source"]), name=_opt(row, "name"),  # type: ignore[arg-type]
            aliases=row.get("aliases", ()), wikidata=_opt(row, "wikidata"),  # type: ignore[arg-type]
            cow=str(row["cow"]) if "cow" in row else None),
    ),
    "people": RowParser(
        (Column("id", text, True), Column("name", text, True), Column("aliases", listing),
         Column("birth_year", year), Column("wikidata", qid), Column("source", source_ref, True)),
        lambda row: r.Person(
            name=str(row["name"]), source=str(row["source"]),
            birth_year=_opt(row, "birth_year"), aliases=row.get("aliases", ()),  # type: ignore[arg-type]
            wikidata=_opt(row, "wikidata")),  # type: ignore[arg-type]
        register=_register_person,
    ),
    "sectors": RowParser(
        (Column("id", text, True), Column("name", text, True),
         Column("scheme", one_of(*SCHEMES), True), Column("notation", text),
         Column("broader", text), Column("maps_to", listing), Column("source", source_ref, True)),
        lambda row: r.Topic(ref=_topic_of(row), name=str(row["name"]), source=str(row["source"]),
                            notation=_opt(row, "notation")),  # type: ignore[arg-type]
        check=_check_topic,
        register=_register_topic,
    ),
    "meetings": RowParser(
        (Column("id", text, True), Column("date", date, True), Column("start_time", datetime),
         Column("duration_minutes", integer), Column("kind", one_of(*MEETING_KINDS), True),
         Column("name", text), Column("place", text), Column("host", country),
         Column("countries", countries, True), Column("outcome_documents", listing),
         Column("topics", topic_refs), Column("source", source_ref, True)),
        lambda row: r.Meeting(
            date=row["date"], countries=tuple(row["countries"]), kind=str(row["kind"]),  # type: ignore[arg-type]
            source=str(row["source"]), name=_opt(row, "name"), place=_opt(row, "place"),  # type: ignore[arg-type]
            host=_opt(row, "host"), start_time=_opt(row, "start_time"),  # type: ignore[arg-type]
            duration_minutes=_opt(row, "duration_minutes"),  # type: ignore[arg-type]
            outcome_documents=row.get("outcome_documents", ()),  # type: ignore[arg-type]
            topics=row.get("topics", ())),  # type: ignore[arg-type]
        check=_check_meeting,
        register=_register_meeting,
    ),
    "tenures": RowParser(
        (Column("person", person_ref, True), Column("country", country, True),
         Column("office", text, True), Column("roles", some_of(*ROLES), True),
         Column("start", date), Column("end", date), Column("attested", date),
         Column("source", source_ref, True)),
        lambda row: r.Tenure(
            person=row["person"], country=str(row["country"]), office=str(row["office"]),  # type: ignore[arg-type]
            roles=row["roles"], source=str(row["source"]), start=_opt(row, "start"),  # type: ignore[arg-type]
            end=_opt(row, "end"), attested=_opt(row, "attested")),  # type: ignore[arg-type]
        check=_check_tenure,
    ),
    "participants": RowParser(
        (Column("meeting", meeting_ref, True), Column("person", person_ref, True),
         Column("source", source_ref, True)),
        lambda row: r.Participation(meeting=row["meeting"], person=row["person"],  # type: ignore[arg-type]
                                    source=str(row["source"])),
    ),
    "statements": RowParser(
        (Column("id", text, True), Column("person", person_ref, True), Column("date", date, True),
         Column("meeting", meeting_ref), Column("text", text, True), Column("topics", topic_refs),
         Column("source", source_ref, True)),
        lambda row: r.Statement(
            person=row["person"], date=row["date"], text=str(row["text"]),  # type: ignore[arg-type]
            source=str(row["source"]), meeting=_opt(row, "meeting"),  # type: ignore[arg-type]
            topics=row.get("topics", ())),  # type: ignore[arg-type]
    ),
    "commitments": RowParser(
        (Column("id", text, True), Column("meeting", meeting_ref), Column("party", country, True),
         Column("counterpart", country, True), Column("announced_by", person_ref),
         Column("date", date, True), Column("description", text, True),
         Column("value", amount), Column("currency", currency), Column("sector", topic_ref),
         Column("topics", topic_refs), Column("status", one_of(*STATUSES), True),
         Column("source", source_ref, True)),
        lambda row: r.Commitment(
            party=str(row["party"]), counterpart=str(row["counterpart"]), date=row["date"],  # type: ignore[arg-type]
            description=str(row["description"]), status=str(row["status"]),
            source=str(row["source"]), meeting=_opt(row, "meeting"),  # type: ignore[arg-type]
            announced_by=_opt(row, "announced_by"), value=_opt(row, "value"),  # type: ignore[arg-type]
            currency=_opt(row, "currency"), sector=_opt(row, "sector"),  # type: ignore[arg-type]
            topics=row.get("topics", ())),  # type: ignore[arg-type]
        check=_check_commitment,
    ),
    "trade_flows": RowParser(
        (Column("exporter", country, True), Column("importer", country, True),
         Column("year", year, True), Column("sector", topic_ref, True),
         Column("value", amount, True), Column("currency", currency, True),
         Column("unit", one_of(*UNITS), True), Column("approximate", boolean),
         Column("reporter", country, True), Column("source", source_ref, True),
         Column("note", text)),
        lambda row: r.TradeFlow(
            exporter=str(row["exporter"]), importer=str(row["importer"]), year=row["year"],  # type: ignore[arg-type]
            sector=row["sector"], value=row["value"], currency=str(row["currency"]),  # type: ignore[arg-type]
            unit=str(row["unit"]), reporter=str(row["reporter"]), source=str(row["source"]),
            approximate=bool(row.get("approximate", False)), note=_opt(row, "note")),  # type: ignore[arg-type]
        check=_check_flow,
    ),
    "indicators": RowParser(
        (Column("indicator", one_of(*INDICATORS), True), Column("country", country, True),
         Column("partner", country, True), Column("year", year, True),
         Column("value", signed_amount, True), Column("currency", currency),
         Column("unit", one_of(*UNITS), True), Column("approximate", boolean),
         Column("reporter", country), Column("derivation", text),
         Column("source", source_ref, True), Column("note", text)),
        lambda row: r.Indicator(
            indicator=str(row["indicator"]), country=str(row["country"]),
            partner=str(row["partner"]), year=row["year"], value=row["value"],  # type: ignore[arg-type]
            unit=str(row["unit"]), source=str(row["source"]), currency=_opt(row, "currency"),  # type: ignore[arg-type]
            approximate=bool(row.get("approximate", False)), reporter=_opt(row, "reporter"),  # type: ignore[arg-type]
            derivation=_opt(row, "derivation"), note=_opt(row, "note")),  # type: ignore[arg-type]
        check=_check_indicator,
    ),
    "treaties": RowParser(
        (Column("id", text, True), Column("name", text, True), Column("parties", countries, True),
         Column("alliance_types", some_of(*ALLIANCE_TYPES)), Column("signed", date),
         Column("in_force", date), Column("ended", date), Column("place", text),
         Column("citation", text), Column("source", source_ref, True)),
        lambda row: r.Treaty(
            name=str(row["name"]), parties=row["parties"], source=str(row["source"]),  # type: ignore[arg-type]
            alliance_types=row.get("alliance_types", ()), signed=_opt(row, "signed"),  # type: ignore[arg-type]
            in_force=_opt(row, "in_force"), ended=_opt(row, "ended"),  # type: ignore[arg-type]
            place=_opt(row, "place"), citation=_opt(row, "citation")),  # type: ignore[arg-type]
        check=_check_treaty,
    ),
}

# Reference tables first: later tables refer to the ids they define.
TABLE_ORDER = ("sources", "countries", "people", "sectors", "meetings", "tenures", "participants",
               "statements", "commitments", "trade_flows", "indicators", "treaties")


def _topic_links(rows: list[tuple[Row, r.Record]], ctx: Context, file: str,
                 lines: list[int], problems: list[Problem]) -> list[r.Record]:
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
        for target in row.get("maps_to", ()):  # type: ignore[union-attr]
            try:
                maps_to.append(topic_ref(target, ctx))
            except CellError as err:
                problems.append(Problem(file, line, "maps_to", target, str(err)))
        out.append(r.Topic(rec.ref, rec.name, rec.source, rec.notation, broader, tuple(maps_to)))
    return out


def parse_rows(
    table: str, rows: Iterable[tuple[int, Mapping[str, str]]], file: str, ctx: Context,
    problems: list[Problem], *, header: Iterable[str] | None = None,
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
                problems.append(Problem(file, 1, name, name, "unknown column; expected "
                                        + ", ".join(c.name for c in spec.columns)))
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
            except CellError as err:
                problems.append(Problem(file, line, col.name, cell, str(err)))
                bad = True
        if bad:
            continue
        key = row.get("id")
        if isinstance(key, str) and "id" in known:
            if key in first_row:
                line_before, before = first_row[key]
                same = table in _IDENTITY and _IDENTITY[table](row) == _IDENTITY[table](before)
                if not same or row.get("source") == before.get("source"):
                    why = ("for the same source" if same else "as something else" if table in _IDENTITY
                           else f"and an id of {table}.csv is defined once")
                    problems.append(Problem(file, line, "id", key,
                                            f"duplicate id: row {line_before} defines it already, {why}"))
                    if not same:
                        ctx.duplicates.setdefault(table, set()).add(key)
                    continue
            else:
                first_row[key] = (line, row)
        cross = spec.check(row)
        for column, value, message in cross:
            problems.append(Problem(file, line, column, value, message))
        if cross:
            continue
        if spec.register:
            spec.register(row, ctx)
        typed.append((row, spec.build(row)))
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
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                            encoding="utf-8", skipinitialspace=False)
    except UnicodeDecodeError as err:
        raise InputError([Problem(str(path), None, None, err.object[err.start:err.end],
                                  "not UTF-8 text")]) from err
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputError([Problem(str(path), None, None, "", f"not a readable CSV: {err}")]) from err
    header = [str(c) for c in frame.columns]
    rows = [(i + 2, dict(zip(header, values, strict=True)))
            for i, values in enumerate(frame.itertuples(index=False, name=None))]
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
        # A table loaded without its sources.csv still describes the sources its rows cite.
        if "sources" not in wanted:
            cited = {getattr(rec, "source", None) for rec in records}
            records.extend(rec for rec in described if rec.id in cited)
    if problems:
        raise InputError(problems)
    return records
