"""What the loaders of public data sets share: their result, problem collection, source ids, HS.

A public file is refused as a whole when any row has a problem (file, row, column, value), like a
curated table. Unknown country codes are the one kind of problem a user may choose to skip
(`skip_unknown`): the rows are then left out and reported, grouped by code, so a million-row file
gives a short report. Rows a loader leaves out by design (aggregates such as "World", breakdowns
that would double count) are counted in `omitted`, by reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from bilateral.core.errors import InputError, Problem
from bilateral.loaders import records as r
from bilateral.ontology.crosswalk import SCHEMES, cow_state, other_code, to_iso3

__all__ = [
    "NO_COUNTRY",
    "Collector",
    "PublicLoad",
    "RawRow",
    "Skipped",
    "bad_width",
    "csv_header",
    "csv_rows",
    "hs_chain",
    "hs_topics",
    "is_synthetic",
    "missing_columns",
    "open_text",
    "plain_decimal",
    "scaled",
    "source_id",
    "ymd",
]

# Why a row naming a code that its source lists, but that is no ISO 3166-1 country, is left out
NO_COUNTRY = {
    "cow": "a state that is no ISO 3166-1 country (COW's state list: a former state such as the GDR, "
    "Czechoslovakia or Yugoslavia)",
    "comtrade": "an area that is no ISO 3166-1 country (Comtrade's partner areas: an aggregate or a former area)",
    "cameo": "an actor whose CAMEO code is a region or a territory, not an ISO 3166-1 country",
}
RawRow = tuple[int, Mapping[str, str]]  # (row number, the header row being row 1; column -> text)
_PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
_THOUSANDS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")


@dataclass(frozen=True)
class Skipped:
    """Rows left out because of one unknown code (with `skip_unknown`)."""

    file: str
    column: str
    value: str
    message: str
    rows: int
    first_row: int

    def __str__(self) -> str:
        return (
            f"{self.file}, column {self.column!r}: skipped {self.rows} row(s) with {self.value!r} "
            f"(first at row {self.first_row}): {self.message}"
        )


@dataclass
class PublicLoad:
    """The records of one public file, what was skipped (unknown codes) and omitted (by design)."""

    records: list[r.Record]
    skipped: list[Skipped] = field(default_factory=list)
    omitted: dict[str, int] = field(default_factory=dict)
    rows: int = 0  # the data rows read
    unknown: int = 0  # the rows skipped for an unknown code (one row may name two)
    file: str = ""

    @property
    def facts(self) -> int:
        """The rows that became facts: neither left out by design nor skipped as unknown."""
        return self.rows - sum(self.omitted.values()) - self.unknown

    def summary(self) -> str:
        return (
            f"{self.file}: {self.rows} row(s): {self.facts} became facts, {sum(self.omitted.values())} "
            f"left out by design, {self.unknown} unknown"
        )


class Collector:
    """Collects the problems, skips and omissions of one file; `finish` raises or returns."""

    def __init__(self, file: str, skip_unknown: bool = False) -> None:
        self.file = file
        self.skip_unknown = skip_unknown
        self.problems: list[Problem] = []
        self._skipped: dict[tuple[str, str, str], list[int]] = {}
        self.omitted: Counter[str] = Counter()
        self.rows = 0  # data rows read; the loader counts them
        self._unknown_rows: dict[int, int] = {}  # row -> how many rows it stands for

    def problem(self, row: int | None, column: str | None, value: object, message: str) -> None:
        self.problems.append(Problem(self.file, row, column, value, message))

    def unknown(self, row: int, column: str, value: str, message: str, rows: int = 1) -> None:
        """An unknown code: a problem, or (with skip_unknown) `rows` skipped rows."""
        if not self.skip_unknown:
            self.problem(row, column, value, message)
            return
        self._unknown_rows[row] = rows
        seen = self._skipped.setdefault((column, value, message), [0, row])
        seen[0] += rows
        seen[1] = min(seen[1], row)

    def omit(self, reason: str, rows: int = 1) -> None:
        self.omitted[reason] += rows

    def country(
        self, row: int, column: str, scheme: str, code: str, day: dt.date | None = None, until: dt.date | None = None
    ) -> str | None:
        """The ISO alpha-3 code of a `scheme` code; "" when the code's source lists it as no ISO
        country (the caller leaves the row out: NO_COUNTRY); None (and a problem or a skip) when
        unknown. A COW code is read as the state of `day` (to `until`)."""
        if not code.strip():
            self.problem(row, column, code, "required value is empty")
            return None
        if scheme == "cow" and day is not None:
            state = cow_state(code, day, until)
            iso3 = state.iso3 if state else None
        else:
            iso3 = to_iso3(scheme, code)
            if iso3 is None and other_code(scheme, code) is not None:
                iso3 = ""
        if iso3 is None:
            self.unknown(
                row,
                column,
                code.strip(),
                f"unknown country code: no {SCHEMES[scheme][1]} "
                f"{code.strip()!r} in the country crosswalk (ontology/crosswalk.csv)",
            )
        return iso3

    @property
    def skipped(self) -> list[Skipped]:
        return [
            Skipped(self.file, column, value, message, n, first)
            for (column, value, message), (n, first) in sorted(self._skipped.items())
        ]

    def finish(self, records: list[r.Record]) -> PublicLoad:
        if self.problems:  # in row order, whatever order the checks ran in
            raise InputError(sorted(self.problems, key=lambda p: p.row or 0))
        return PublicLoad(
            records,
            self.skipped,
            dict(sorted(self.omitted.items())),
            self.rows,
            sum(self._unknown_rows.values()),
            self.file,
        )


# ------------------------------------------------------------------ reading


def open_text(path: Path) -> IO[str]:
    """A UTF-8 text file, or the single file inside a .zip (GDELT ships zipped exports)."""
    if path.suffix.lower() != ".zip":
        return path.open(encoding="utf-8-sig", newline="")
    try:
        with zipfile.ZipFile(path) as archive:  # the member stays readable after the archive closes
            names = [n for n in archive.namelist() if not n.endswith("/")]
            if len(names) != 1:
                raise InputError(
                    [
                        Problem(
                            str(path),
                            None,
                            None,
                            path.name,
                            f"expected one file in the zip archive, found {len(names)}",
                        )
                    ]
                )
            return io.TextIOWrapper(archive.open(names[0]), encoding="utf-8-sig", newline="")
    except zipfile.BadZipFile as err:
        raise InputError([Problem(str(path), None, None, path.name, f"not a zip archive: {err}")]) from err


def _reader(handle: IO[str], delimiter: str) -> Iterator[list[str]]:
    """CSV rows; tab-separated files (GDELT) have no quoting: a quote is just a character."""
    if delimiter == "\t":
        return csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    return csv.reader(handle, delimiter=delimiter)


def csv_header(path: Path, delimiter: str = ",") -> list[str]:
    """The first row of a CSV (a header, or GDELT's first event), without reading further."""
    try:
        with open_text(path) as handle:
            return [c.strip() for c in next(_reader(handle, delimiter), [])]
    except (UnicodeDecodeError, csv.Error) as err:
        raise InputError([Problem(str(path), 1, None, "", f"not a readable UTF-8 CSV: {err}")]) from err


def csv_rows(path: Path, delimiter: str = ",", header: list[str] | None = None) -> tuple[list[str], Iterator[RawRow]]:
    """The header and a stream of rows of a CSV, every cell as text (codes keep leading zeros).

    With `header` given the file has none and rows are numbered from 1 (GDELT); otherwise the
    header is row 1. A row with the wrong number of cells comes as `{"": count}`, for the
    caller to report (`bad_width`).
    """
    handle = open_text(path)
    reader = _reader(handle, delimiter)
    first = 1
    try:
        if header is None:
            header = [c.strip() for c in next(reader, [])]
            first = 2
    except (UnicodeDecodeError, csv.Error) as err:
        handle.close()
        raise InputError([Problem(str(path), 1, None, "", f"not a readable UTF-8 CSV: {err}")]) from err
    names = list(header)

    def rows() -> Iterator[RawRow]:
        line = first - 1
        try:
            for line, cells in enumerate(reader, start=first):
                if not cells:
                    continue
                if len(cells) != len(names):
                    yield line, {"": str(len(cells))}
                    continue
                yield line, dict(zip(names, cells, strict=True))
        except (UnicodeDecodeError, csv.Error) as err:
            raise InputError([Problem(str(path), line + 1, None, "", f"not a readable UTF-8 CSV: {err}")]) from err
        finally:
            handle.close()

    return names, rows()


def missing_columns(header: Iterable[str], required: Iterable[str], col: Collector) -> bool:
    """Reports every required column the header lacks; True when any is missing."""
    have = set(header)
    missing = [c for c in required if c not in have]
    for name in missing:
        col.problem(1, name, "", "required column is missing")
    return bool(missing)


def bad_width(line: int, raw: Mapping[str, str], width: int, col: Collector) -> bool:
    if "" in raw and len(raw) == 1:
        col.problem(line, None, raw[""], f"the row has {raw['']} cells; the header has {width}")
        return True
    return False


# ------------------------------------------------------------------ cells


def plain_decimal(text: str) -> Decimal | None:
    """A non-negative decimal written plainly ("1234.5"; "1,234.5" with thousands separators)."""
    text = text.strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _PLAIN_DECIMAL.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def scaled(value: Decimal, factor: int) -> Decimal:
    """`value * factor` without exponent or trailing zeros (1.230 * 1000 -> 1230), so the same
    figure always gives the same literal."""
    out = value * factor
    return out.quantize(Decimal(1)) if out == out.to_integral_value() else out.normalize()


def ymd(text: str) -> dt.date | None:
    """A YYYYMMDD day (GDELT)."""
    if not re.fullmatch(r"[0-9]{8}", text.strip()):
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


# ------------------------------------------------------------------ sources


def is_synthetic(path: Path) -> bool:
    """Made-up data says so in its file name."""
    return path.name.lower().startswith("synthetic-")


def source_id(path: Path, prefix: str) -> str:
    """A stable source id from the file name: `BACI_HS92_Y2022_V202501.csv` ->
    `baci-hs92-y2022-v202501`; made-up files keep their `synthetic-` mark in front."""
    name = path.name
    for ext in (".zip", ".csv", ".tsv", ".txt"):
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
    synthetic = name.lower().startswith("synthetic-")
    if synthetic:
        name = name[len("synthetic-") :]
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug.startswith(prefix):
        slug = f"{prefix}-{slug}"
    return f"synthetic-{slug}" if synthetic else slug


# ------------------------------------------------------------------ HS sectors


def hs_chain(code: str) -> list[str]:
    """The code and the codes above it: 010121 -> [010121, 0101, 01] (TOTAL stands alone)."""
    if code.isdigit() and len(code) in (2, 4, 6):
        return [code[:n] for n in (6, 4, 2) if n <= len(code)]
    return [code]


def hs_topics(codes: Iterable[str], source: str, names: Mapping[str, str] | None = None) -> list[r.Topic]:
    """SKOS sector concepts for HS codes and every heading and chapter above them.

    HS codes stay strings (leading zeros matter). A concept is named by the label the file itself
    gives (Comtrade's cmdDesc) or else by its code: we ship no HS labels without a source. HS
    sections are not built: we have no sourced chapter-to-section table.
    """
    names = names or {}
    seen: dict[str, r.Topic] = {}
    for code in codes:
        for notation in hs_chain(code):
            if notation in seen:
                continue
            broader = r.TopicRef("HS", notation[:-2]) if len(notation) in (4, 6) and notation.isdigit() else None
            seen[notation] = r.Topic(
                ref=r.TopicRef("HS", notation),
                name=names.get(notation, notation),
                source=source,
                notation=notation,
                broader=broader,
            )
    return [seen[k] for k in sorted(seen)]
