"""One country crosswalk across the code schemes public data sets use (`crosswalk.csv`).

The CSV is the single table: one row per ISO 3166-1 country, with only the codes that have a
source (its header comment names the source of every column). A code that is not in it is
unknown: loaders refuse the row (or skip and report it with --skip-unknown), they never guess.
`python -m bilateral.ontology.crosswalk` rewrites the CSV from pycountry and the sourced
overrides below, so the ISO columns can be regenerated when iso-codes changes.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

import pycountry

__all__ = ["CROSSWALK_FILE", "SCHEMES", "CrosswalkRow", "crosswalk_rows", "normalise_code", "row_of",
           "to_iso3", "write_csv"]

CROSSWALK_FILE = Path(__file__).with_name("crosswalk.csv")

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
}
_WIDTH = {"iso_numeric": 3, "m49": 3, "comtrade": 3, "census": 4}  # zero-padded numeric codes

# Sourced codes (formats.md, section E); every other cell of these columns stays empty.
_COMTRADE = {"IND": "699", "FRA": "251", "USA": "842", "JPN": "392"}  # E1: [C], [C2], [C2], [C2]
_COW = {"USA": ("2", "USA"), "CAN": ("20", "CAN"), "GBR": ("200", "UKG"), "FRA": ("220", "FRN"),
        "JPN": ("740", "JPN"), "IND": ("750", "IND")}  # E5
_FIPS = {"JPN": "JA", "IND": "IN", "GBR": "UK", "FRA": "FR", "CAN": "CA", "USA": "US"}  # E3
_CENSUS = {"CHN": "5700", "MEX": "2010", "CAN": "1220"}  # E6, only the codes marked [C]

_HEADER = """\
# The country crosswalk: one row per ISO 3166-1 country. Sources of the columns:
#   iso3, iso_numeric, name: ISO 3166-1 via pycountry (Debian iso-codes).
#   m49: UN M49 uses the ISO 3166-1 numeric code for countries, so m49 = iso_numeric.
#   comtrade: UN Comtrade's own area codes where formats.md E1 gives them (IND 699, FRA 251,
#     USA 842, JPN 392); else the ISO numeric code, Comtrade's documented default, UNVERIFIED for
#     that country and flagged in `note`.
#   cow_code, cow_abb: Correlates of War state codes, only those in formats.md E5.
#   fips: FIPS 10-4 (GDELT *Geo_CountryCode), only those in formats.md E3.
#   census_cty: US Census CTY_CODE, only those marked [C] in formats.md E6.
#   Empty cell = no sourced code: a loader meeting that code reports it as unknown.
"""


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
    name: str
    note: str


def _generate() -> list[CrosswalkRow]:
    """The rows, from pycountry and the sourced overrides above."""
    out = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso3 = c.alpha_3
        comtrade = _COMTRADE.get(iso3, c.numeric)
        note = ("comtrade code: formats.md E1" if iso3 in _COMTRADE
                else "comtrade code = ISO numeric by default (unverified)")
        cow, abb = _COW.get(iso3, ("", ""))
        out.append(CrosswalkRow(iso3, c.numeric, c.numeric, comtrade, cow, abb, _FIPS.get(iso3, ""),
                                _CENSUS.get(iso3, ""), c.name, note))
    return out


def write_csv(path: Path = CROSSWALK_FILE) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(_HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([f.name for f in fields(CrosswalkRow)])
        for row in _generate():
            writer.writerow([getattr(row, f.name) for f in fields(CrosswalkRow)])


@cache
def crosswalk_rows() -> tuple[CrosswalkRow, ...]:
    with CROSSWALK_FILE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return tuple(CrosswalkRow(**row) for row in csv.DictReader(lines))


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
    return {getattr(row, column): row.iso3 for row in crosswalk_rows() if getattr(row, column)}


def to_iso3(scheme: str, code: str) -> str | None:
    """The ISO alpha-3 code a `scheme` code stands for, or None when the crosswalk has no such code.

    Schemes: iso3, iso_numeric, m49, comtrade, cow, cow_abb, fips, census.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown code scheme {scheme!r}: expected one of {', '.join(SCHEMES)}")
    return _index(scheme).get(normalise_code(scheme, code))


def row_of(iso3: str) -> CrosswalkRow | None:
    """Every code of one country."""
    return next((row for row in crosswalk_rows() if row.iso3 == iso3.strip().upper()), None)


if __name__ == "__main__":
    write_csv(Path(sys.argv[1]) if len(sys.argv) > 1 else CROSSWALK_FILE)
