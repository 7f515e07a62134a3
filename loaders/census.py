"""The US Census country file (`year,CTY_CODE,CTYNAME,IJAN..IDEC,IYR,EJAN..EDEC,EYR`) into flows.

Values are millions of USD; I = US imports from the country, E = US exports to it. Each row gives
two annual trade flows from the annual columns IYR and EYR (x 1,000,000 USD), both reported by the
USA, for all goods (the HS `TOTAL` sector).

Left out by design, and counted: aggregates (World, continents, groupings such as the European
Union). The file marks them only by code; we read a CTY_CODE below 1000 (0000, 0003, ...) or of the
form nXXX (continent totals) as an aggregate - our reading, not a published rule. Also left out:
a row with monthly cells missing, whose annual columns are then a year to date, not a year.
Country codes go through the crosswalk, which holds only the sourced CTY codes (formats.md E6).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from bilateral.loaders import records as r
from bilateral.loaders.public import (
    Collector,
    PublicLoad,
    RawRow,
    bad_width,
    csv_rows,
    hs_topics,
    is_synthetic,
    missing_columns,
    plain_decimal,
    scaled,
    source_id,
)

__all__ = ["CENSUS_COLUMNS", "census_source", "parse_census", "read_census"]

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
CENSUS_COLUMNS = ("year", "CTY_CODE", "CTYNAME", *(f"I{m}" for m in MONTHS), "IYR", *(f"E{m}" for m in MONTHS), "EYR")
_AGGREGATE = re.compile(r"0[0-9]{3}|[0-9]XXX")
_TOTAL = r.TopicRef("HS", "TOTAL")


def census_source(path: Path) -> r.Source:
    what = (
        f"millions of USD (loaded x 1,000,000); annual totals IYR (imports) and EYR (exports); the "
        f"USA reports every flow. File {path.name}."
    )
    if is_synthetic(path):
        return r.Source(
            id=source_id(path, "census"),
            title="Synthetic US Census-shaped trade by country",
            reliability="synthetic",
            note=f"Made-up rows in the Census country-file shape; {what}",
        )
    return r.Source(
        id=source_id(path, "census"),
        title="US Census Bureau: U.S. trade in goods by country",
        reliability="primary",
        publisher="U.S. Census Bureau",
        note=f"Census country file, {what} No home-page URL is sourced in formats.md.",
    )


def parse_census(
    header: Sequence[str], rows: Iterable[RawRow], file: str, source: r.Source, *, skip_unknown: bool = False
) -> PublicLoad:
    """Records of Census country rows (row number, column -> text); pure. Raises InputError with
    every problem; with `skip_unknown`, rows with unknown CTY codes are left out and reported."""
    col = Collector(file, skip_unknown)
    if missing_columns(header, CENSUS_COLUMNS, col):
        return col.finish([])
    flows: list[r.Record] = []
    first: dict[tuple[str, str], int] = {}
    for line, raw in rows:
        col.rows += 1
        if bad_width(line, raw, len(header), col):
            continue
        cell = {c: (raw.get(c) or "").strip() for c in CENSUS_COLUMNS}
        code = cell["CTY_CODE"]
        if _AGGREGATE.fullmatch(code):
            col.omit("an aggregate (World, a continent or a grouping)")
            continue
        if any(not cell[f"{side}{m}"] for side in "IE" for m in MONTHS):
            col.omit("a partial year (monthly cells missing: the annual columns are a year to date)")
            continue
        bad = len(col.problems)
        if not re.fullmatch(r"[12][0-9]{3}", cell["year"]):
            col.problem(line, "year", cell["year"], "not a four-digit year")
        values = {}
        for column in CENSUS_COLUMNS[3:]:
            values[column] = plain_decimal(cell[column])
            if values[column] is None:
                col.problem(line, column, cell[column], "not a non-negative number (millions of USD)")
        partner = col.country(line, "CTY_CODE", "census", code)
        if len(col.problems) > bad or partner is None:
            continue
        if partner == "USA":
            col.problem(line, "CTY_CODE", code, "the partner is the USA itself")
            continue
        key = (cell["year"], partner)
        if key in first:
            col.problem(line, "CTY_CODE", code, f"the same country and year again (first at row {first[key]})")
            continue
        first[key] = line
        year = int(cell["year"])
        for exporter, importer, column in ((partner, "USA", "IYR"), ("USA", partner, "EYR")):
            flows.append(
                r.TradeFlow(
                    exporter=exporter,
                    importer=importer,
                    year=year,
                    sector=_TOTAL,
                    value=scaled(values[column], 1_000_000),  # type: ignore[arg-type]
                    currency="USD",
                    unit="current prices",
                    reporter="USA",
                    source=source.id,
                )
            )
    topics = hs_topics(["TOTAL"], source.id) if flows else []
    return col.finish([source, *topics, *flows])


def read_census(path: Path, skip_unknown: bool = False) -> PublicLoad:
    """Records of a Census country file (CSV): its Source, and two flows per country and year."""
    header, rows = csv_rows(path)
    return parse_census(header, rows, str(path), census_source(path), skip_unknown=skip_unknown)
