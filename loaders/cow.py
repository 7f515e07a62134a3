"""Correlates of War Formal Alliances by dyad (`alliance_v4.1_by_dyad.csv`, 18 columns) into treaties.

A row is one dyad's spell in one alliance (`version4id`): the two states, the day the dyad entered
the alliance and the day it left, the alliance's types. Each row becomes one Treaty record, named
"COW alliance {version4id}: {A}-{B} from {start}" so that the dyads of a multilateral alliance,
and a dyad's later spells, stay separate facts with their own dates:

- signed and in force: the dyad's start day (COW counts the alliance in effect from it; a later
  member's start is its accession). Left-censored spells (begun before the data) get no signed date.
- ended: the dyad's end day; none when the spell is right-censored (still in effect at the end of
  the data; a missing end date means the same).
- types: defense, neutrality, nonaggression and entente flags -> defence, neutrality, nonaggression,
  entente.

States are COW codes, read through the crosswalk as the state of the dyad's start day (COW's state
list with its membership spells: 260 in 1960 is the German Federal Republic, DEU). A row naming a
state that is no ISO 3166-1 country (265, the GDR; 315, Czechoslovakia) is left out and counted.
"""

from __future__ import annotations

import datetime as dt
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

__all__ = ["COW_COLUMNS", "cow_source", "parse_cow_alliances", "read_cow_alliances"]

COW_COLUMNS = (
    "version4id",
    "ccode1",
    "state_name1",
    "ccode2",
    "state_name2",
    "dyad_st_day",
    "dyad_st_month",
    "dyad_st_year",
    "dyad_end_day",
    "dyad_end_month",
    "dyad_end_year",
    "left_censor",
    "right_censor",
    "defense",
    "neutrality",
    "nonaggression",
    "entente",
    "version",
)
TYPES = {"defense": "defence", "neutrality": "neutrality", "nonaggression": "nonaggression", "entente": "entente"}
_MISSING = ("", "NA", ".")


def cow_source(path: Path) -> r.Source:
    what = f"one Treaty per dyad spell in an alliance; file {path.name}."
    if is_synthetic(path):
        return r.Source(
            id=source_id(path, "cow"),
            title="Synthetic COW-shaped alliance dyads",
            reliability="synthetic",
            note=f"Made-up rows in the COW alliance-by-dyad shape; {what}",
        )
    return r.Source(
        id=source_id(path, "cow"),
        title="Correlates of War Formal Alliances, by dyad",
        reliability="primary",
        publisher="Correlates of War Project",
        note=f"COW Formal Alliances (dyadic): {what} No home-page URL is sourced in formats.md. "
        "peacesciencer deprecated its COW alliance function at the maintainer's request.",
    )


def _day(cell: dict[str, str], prefix: str) -> dt.date | str | None:
    """The day of `prefix`_day/_month/_year: a date, None when all three are missing, else the bad text."""
    parts = [cell[f"{prefix}_{p}"] for p in ("day", "month", "year")]
    if all(p in _MISSING for p in parts):
        return None
    try:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return "/".join(parts)


def parse_cow_alliances(
    header: Sequence[str], rows: Iterable[RawRow], file: str, source: r.Source, *, skip_unknown: bool = False
) -> PublicLoad:
    """Records of COW alliance dyad rows (row number, column -> text); pure. Raises InputError with
    every problem; with `skip_unknown`, rows with unknown COW codes are left out and reported."""
    col = Collector(file, skip_unknown)
    if missing_columns(header, COW_COLUMNS, col):
        return col.finish([])
    treaties: list[r.Record] = []
    countries: dict[str, str] = {}
    first: dict[str, int] = {}
    for line, raw in rows:
        col.rows += 1
        if bad_width(line, raw, len(header), col):
            continue
        cell = {c: (raw.get(c) or "").strip() for c in COW_COLUMNS}
        bad = len(col.problems)
        if not cell["version4id"].isdigit():
            col.problem(line, "version4id", cell["version4id"], "not an alliance id (a whole number)")
        flags = {}
        for column in ("left_censor", "right_censor", *TYPES):
            if cell[column] not in ("0", "1"):
                col.problem(line, column, cell[column], "not 0 or 1")
            flags[column] = cell[column] == "1"
        start, end = _day(cell, "dyad_st"), _day(cell, "dyad_end")
        if not isinstance(start, dt.date):
            col.problem(line, "dyad_st_year", start or "", "the dyad's start is not a valid day/month/year")
        if isinstance(end, str):
            col.problem(line, "dyad_end_year", end, "the dyad's end is not a valid day/month/year")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            col.problem(line, "dyad_end_year", end.isoformat(), f"the dyad's spell ends before it starts ({start})")
        if not isinstance(start, dt.date):
            continue
        # each state as it was on the dyad's start: 260 in 1960 is the German Federal Republic
        a = col.country(line, "ccode1", "cow", cell["ccode1"], start)
        b = col.country(line, "ccode2", "cow", cell["ccode2"], start)
        if a and a == b:
            col.problem(line, "ccode2", cell["ccode2"], "the dyad is one state twice")
        if len(col.problems) > bad or a is None or b is None:
            continue
        if not (a and b):
            col.omit(NO_COUNTRY["cow"])
            continue
        x, y = sorted((a, b))
        name = f"COW alliance {cell['version4id']}: {x}-{y} from {start.isoformat()}"
        if name in first:
            col.problem(
                line, "version4id", cell["version4id"], f"the same dyad spell again (first at row {first[name]})"
            )
            continue
        first[name] = line
        countries[a], countries[b] = cell["ccode1"].lstrip("0"), cell["ccode2"].lstrip("0")
        ended = None if flags["right_censor"] else end
        notes = [
            f"COW Formal Alliances {cell['version'] or ''}".rstrip() + f", version4id {cell['version4id']}",
            f"dyad {cell['state_name1']} ({cell['ccode1']}) - {cell['state_name2']} ({cell['ccode2']})",
            f"dyad start {start.isoformat()}",
        ]
        if flags["left_censor"]:
            notes.append("left-censored: the dyad's alliance began before the data, the start is the data's")
        if flags["right_censor"] or end is None:
            notes.append("right-censored: still in effect at the end of the data")
        treaties.append(
            r.Treaty(
                name=name,
                parties=(x, y),
                source=source.id,
                alliance_types=tuple(kind for column, kind in TYPES.items() if flags[column]),
                signed=None if flags["left_censor"] else start,
                in_force=start,
                ended=ended,  # type: ignore[arg-type]
                citation="; ".join(notes),
            )
        )
    found = [r.Country(iso3=iso3, source=source.id, cow=code) for iso3, code in sorted(countries.items())]
    return col.finish([source, *found, *treaties])


def read_cow_alliances(path: Path, skip_unknown: bool = False) -> PublicLoad:
    """Records of a COW alliance-by-dyad file: its Source, the states' COW codes, one Treaty a row."""
    header, rows = csv_rows(path)
    return parse_cow_alliances(header, rows, str(path), cow_source(path), skip_unknown=skip_unknown)
