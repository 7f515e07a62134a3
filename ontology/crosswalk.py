"""One country crosswalk across the code schemes public data sets use.

Three generated tables (`python -m bilateral.ontology.generate_crosswalk` writes them from maintained
sources; each file's header names its sources and their versions):

- `crosswalk.csv`: one row per ISO 3166-1 country with its code in every scheme that lists it.
- `cow_states.csv`: the Correlates of War state list with its membership spells, and the ISO
  country each state is (empty for a state that has none, such as the GDR or Czechoslovakia), so
  that a COW code is read as the state of the date in question.
- `other_codes.csv`: codes a source lists that name no ISO 3166-1 country (Comtrade aggregates and
  former areas, CAMEO regions): loaders leave such rows out by design, they are not unknown.

A code in none of them is unknown: loaders refuse the row (or skip and report it with
--skip-unknown), they never guess.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "COW_STATES_FILE",
    "CROSSWALK_FILE",
    "OTHER_CODES_FILE",
    "SCHEMES",
    "CowState",
    "CrosswalkRow",
    "cow_state",
    "crosswalk_rows",
    "normalise_code",
    "other_code",
    "row_of",
    "to_iso3",
]

CROSSWALK_FILE = Path(__file__).with_name("crosswalk.csv")
COW_STATES_FILE = Path(__file__).with_name("cow_states.csv")
OTHER_CODES_FILE = Path(__file__).with_name("other_codes.csv")

# scheme -> (column, what the code is, for messages)
SCHEMES: dict[str, tuple[str, str]] = {
    "iso3": ("iso3", "ISO 3166-1 alpha-3 code"),
    "iso_numeric": ("iso_numeric", "ISO 3166-1 numeric code"),
    "m49": ("m49", "UN M49 code"),
    "comtrade": ("comtrade", "UN Comtrade area code"),
    "cow": ("cow_code", "Correlates of War state code"),
    "cow_abb": ("cow_abb", "Correlates of War state abbreviation"),
    "fips": ("fips", "FIPS 10-4 country code"),
    "census": ("census_cty", "US Census CTY_CODE"),
    "cameo": ("cameo", "CAMEO country code"),
}
_WIDTH = {"iso_numeric": 3, "m49": 3, "comtrade": 3, "census": 4}  # zero-padded numeric codes


@dataclass(frozen=True)
class CrosswalkRow:
    iso3: str
    iso_numeric: str
    m49: str
    comtrade: str
    cow_code: str
    cow_abb: str
    fips: str
    census_cty: str
    cameo: str
    name: str
    note: str


@dataclass(frozen=True)
class CowState:
    """One membership spell of a COW state, and the ISO 3166-1 country the state is ("" if none)."""

    ccode: str
    abb: str
    name: str
    start: dt.date
    end: dt.date
    iso3: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@cache
def crosswalk_rows() -> tuple[CrosswalkRow, ...]:
    return tuple(CrosswalkRow(**row) for row in _rows(CROSSWALK_FILE))


@cache
def cow_states() -> tuple[CowState, ...]:
    return tuple(
        CowState(
            row["ccode"],
            row["stateabb"],
            row["statenme"],
            dt.date.fromisoformat(row["start"]),
            dt.date.fromisoformat(row["end"]),
            row["iso3"],
        )
        for row in _rows(COW_STATES_FILE)
    )


def normalise_code(scheme: str, code: str) -> str:
    """The code as the crosswalk spells it: numeric codes zero-padded ("56" -> "056"), COW codes
    without padding ("002" -> "2"), letter codes upper-case."""
    text = code.strip()
    if scheme == "cow":
        return str(int(text)) if text.isdigit() else text
    if scheme in _WIDTH:
        return text.zfill(_WIDTH[scheme]) if text.isdigit() else text
    return text.upper()


@cache
def _index(scheme: str) -> dict[str, str]:
    column = SCHEMES[scheme][0]
    index = {getattr(row, column): row.iso3 for row in crosswalk_rows() if getattr(row, column)}
    if scheme in ("cow", "cow_abb"):  # former codes of today's countries (260 GFR -> DEU)
        for code, isos in _cow_isos(scheme).items():
            if len(isos) == 1 and "" not in isos:
                index.setdefault(code, isos.pop())
    if scheme == "cameo":  # CAMEO codes are ISO alpha-3 codes; GDELT's lookup predates some (SSD, 2011)
        for row in crosswalk_rows():
            if row.iso3 not in _other("cameo"):
                index.setdefault(row.iso3, row.iso3)
    return index


def _cow_isos(scheme: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for state in cow_states():
        out.setdefault(state.ccode if scheme == "cow" else state.abb, set()).add(state.iso3)
    return out


def to_iso3(scheme: str, code: str) -> str | None:
    """The ISO alpha-3 code a `scheme` code stands for, or None when the crosswalk has no such code.

    Schemes: iso3, iso_numeric, m49, comtrade, cow, cow_abb, fips, census, cameo. A COW code of a
    state that is no ISO country (265, the GDR) gives None: use `cow_state` to tell it from unknown.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown code scheme {scheme!r}: expected one of {', '.join(SCHEMES)}")
    return _index(scheme).get(normalise_code(scheme, code))


def cow_state(code: str, start: dt.date, end: dt.date | None = None) -> CowState | None:
    """The COW state `code` names from `start` to `end` (a day when `end` is None): its membership
    spell overlapping those dates, else its spell nearest to them (a code is one state, whatever
    the date); None when COW's state list has no such code."""
    code = normalise_code("cow", code)
    spells = [s for s in cow_states() if s.ccode == code]
    if not spells:
        return None
    until = end or start
    overlapping = [s for s in spells if s.start <= until and start <= s.end]
    if overlapping:
        return overlapping[0]
    return min(spells, key=lambda s: min(abs((s.start - until).days), abs((start - s.end).days)))


@cache
def _other(scheme: str) -> dict[str, str]:
    return {
        normalise_code(scheme, row["code"]): row["label"] for row in _rows(OTHER_CODES_FILE) if row["scheme"] == scheme
    }


def other_code(scheme: str, code: str) -> str | None:
    """The source's label for a code that names no ISO 3166-1 country (an aggregate such as
    Comtrade's "EU27", a CAMEO region such as "Middle East"); None for any other code."""
    return _other(scheme).get(normalise_code(scheme, code))


def row_of(iso3: str) -> CrosswalkRow | None:
    """Every code of one country."""
    return next((row for row in crosswalk_rows() if row.iso3 == iso3.strip().upper()), None)
