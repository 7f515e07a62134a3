"""ATOP directed dyad-years (`atop5_1ddyr.csv`: stateA, stateB, year, defense, offense, neutral, nonagg,
consul) into treaties.

ATOP's dyad-year file says, for each ordered pair of states and year, which obligations bind them;
it names no treaty and no day. Our mapping: one Treaty record per spell of consecutive years in
which a dyad has the same set of obligations, named by the dyad, the obligations and the years:
"ATOP CAN-USA defence+consultation, 1990-1993 (year-level)".

- Direction: the file is directed (A->B and B->A). When both directions hold the same obligations
  in a year, the dyad gets one record; when they differ (an obligation may bind one side only),
  each direction gets its own record, "ATOP USA to CAN ...", so asymmetry is kept, not averaged.
- Dates are year-level, and the name and citation say so: in force from 1 January of the first
  year, ended 31 December of the last. No signed date: a dyad-year is not a signature. A spell
  that reaches the file's last year is still in force at the end of the data: no end date.
- Obligations: defense, offense, neutral, nonagg, consul -> defence, offence, neutrality,
  nonaggression, consultation. A year with none is no alliance (counted as omitted).

States are COW codes, read through the crosswalk as the states of that year (COW's state list with
its membership spells). A dyad-year naming a state that is no ISO 3166-1 country (265, the GDR) is
left out and counted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from bilateral.loaders import records as r
from bilateral.loaders.public import (
    NO_COUNTRY,
    Collector,
    PublicLoad,
    RawRow,
    bad_width,
    csv_rows,
    is_synthetic,
    missing_columns,
    source_id,
)

__all__ = ["ATOP_COLUMNS", "atop_source", "parse_atop", "read_atop"]

TYPES = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "nonaggression",
    "consul": "consultation",
}
ATOP_COLUMNS = ("stateA", "stateB", "year", *TYPES)

Label = tuple[str, str, frozenset[str], bool]  # (A, B, obligations, the same both ways); sorted if mutual


def atop_source(path: Path) -> r.Source:
    what = f"one Treaty per dyad spell with the same obligations, year-level dates; file {path.name}."
    if is_synthetic(path):
        return r.Source(
            id=source_id(path, "atop"),
            title="Synthetic ATOP-shaped alliance dyad-years",
            reliability="synthetic",
            note=f"Made-up rows in the ATOP dyad-year shape; {what}",
        )
    return r.Source(
        id=source_id(path, "atop"),
        title="ATOP: Alliance Treaty Obligations and Provisions, directed dyad-years",
        reliability="primary",
        publisher="ATOP project",
        note=f"ATOP directed dyad-years: {what} No home-page URL is sourced in formats.md.",
    )


def _spells(years: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        if out and year == out[-1][1] + 1:
            out[-1] = (out[-1][0], year)
        else:
            out.append((year, year))
    return out


def parse_atop(
    header: Sequence[str], rows: Iterable[RawRow], file: str, source: r.Source, *, skip_unknown: bool = False
) -> PublicLoad:
    """Records of ATOP dyad-year rows (row number, column -> text); pure. Raises InputError with
    every problem; with `skip_unknown`, rows with unknown COW codes are left out and reported."""
    col = Collector(file, skip_unknown)
    if missing_columns(header, ATOP_COLUMNS, col):
        return col.finish([])
    # (A, B, year) -> obligations; a repeated dyad-year adds to them
    held: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    codes: dict[str, str] = {}
    last: int | None = None
    for line, raw in rows:
        col.rows += 1
        if bad_width(line, raw, len(header), col):
            continue
        cell = {c: (raw.get(c) or "").strip() for c in ATOP_COLUMNS}
        bad = len(col.problems)
        if not (cell["year"].isdigit() and len(cell["year"]) == 4 and int(cell["year"]) > 0):
            col.problem(line, "year", cell["year"], "not a four-digit year")
        for column in TYPES:
            if cell[column] not in ("0", "1"):
                col.problem(line, column, cell[column], "not 0 or 1")
        if len(col.problems) > bad:
            continue
        year = int(cell["year"])
        # each state as it was in that year (COW's state list with its membership spells)
        a = col.country(line, "stateA", "cow", cell["stateA"], dt.date(year, 1, 1), dt.date(year, 12, 31))
        b = col.country(line, "stateB", "cow", cell["stateB"], dt.date(year, 1, 1), dt.date(year, 12, 31))
        if a and a == b:
            col.problem(line, "stateB", cell["stateB"], "the dyad is one state twice")
        if len(col.problems) > bad or a is None or b is None:
            continue
        if not (a and b):
            col.omit(NO_COUNTRY["cow"])
            continue
        last = max(last or year, year)
        kinds = {kind for column, kind in TYPES.items() if cell[column] == "1"}
        if not kinds:
            col.omit("a dyad-year with no obligation (no alliance that year)")
            continue
        held[(a, b, year)].update(kinds)
        codes[a], codes[b] = cell["stateA"].lstrip("0"), cell["stateB"].lstrip("0")
    years: dict[Label, list[int]] = defaultdict(list)
    for (a, b, year), kinds in held.items():
        mutual = held.get((b, a, year)) == kinds
        if not (mutual and a > b):  # a mutual year is kept once, under the sorted pair
            years[(a, b, frozenset(kinds), mutual)].append(year)
    treaties: list[r.Record] = []
    for (a, b, held_kinds, mutual), found in sorted(
        years.items(), key=lambda kv: (*kv[0][:2], sorted(kv[0][2]), kv[0][3])
    ):
        dyad = f"{a}-{b}" if mutual else f"{a} to {b}"
        text = "+".join(sorted(held_kinds))
        for y0, y1 in _spells(found):
            censored = y1 == last
            treaties.append(
                r.Treaty(
                    name=f"ATOP {dyad} {text}, {y0}-{y1} (year-level)",
                    parties=(a, b),
                    source=source.id,
                    alliance_types=tuple(sorted(held_kinds)),
                    in_force=dt.date(y0, 1, 1),
                    ended=None if censored else dt.date(y1, 12, 31),
                    citation=(
                        f"ATOP directed dyad-years, stateA {codes[a]} stateB {codes[b]}"
                        + (" (and the reverse)" if mutual else " (this direction only)")
                        + f", {y0}-{y1}: year-level dates (in force from 1 January {y0}"
                        + (
                            f"; still in force in {last}, the last year of the file)"
                            if censored
                            else f", ended 31 December {y1})"
                        )
                        + ", not the treaty's own days"
                    ),
                )
            )
    found_countries = [r.Country(iso3=iso3, source=source.id, cow=code) for iso3, code in sorted(codes.items())]
    return col.finish([source, *found_countries, *treaties])


def read_atop(path: Path, skip_unknown: bool = False) -> PublicLoad:
    """Records of an ATOP dyad-year file: its Source, the states' COW codes, one Treaty per spell."""
    header, rows = csv_rows(path)
    return parse_atop(header, rows, str(path), atop_source(path), skip_unknown=skip_unknown)
