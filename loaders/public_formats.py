"""Which public data set a file is, by its name or its first line, and its reader.

Detection reads at most the first line: a million-row file is not opened further to be named.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bilateral.core.errors import InputError
from bilateral.loaders.atop import ATOP_COLUMNS, read_atop
from bilateral.loaders.baci import BACI_COLUMNS, is_baci_file, read_baci
from bilateral.loaders.census import CENSUS_COLUMNS, read_census
from bilateral.loaders.comtrade import COMTRADE_COLUMNS, is_comtrade_name, read_comtrade
from bilateral.loaders.cow import COW_COLUMNS, read_cow_alliances
from bilateral.loaders.gdelt import GDELT_COLUMNS, is_gdelt_name, read_gdelt
from bilateral.loaders.public import PublicLoad, csv_header

__all__ = ["PUBLIC_FORMATS", "PUBLIC_READERS", "detect_public", "read_public"]

Reader = Callable[[Path, bool], PublicLoad]
PUBLIC_READERS: dict[str, Reader] = {
    "comtrade": read_comtrade,
    "baci": lambda path, skip: read_baci(path, skip_unknown=skip),
    "census": read_census,
    "cow-alliances": read_cow_alliances,
    "atop": read_atop,
    "gdelt": read_gdelt,
}
PUBLIC_FORMATS = tuple(PUBLIC_READERS)
_TEXT = (".csv", ".tsv", ".txt")


def detect_public(path: Path) -> str | None:
    """The public format of a file, or None: BACI_*.csv, TradeData*.csv, *.export.CSV[.zip] by
    name; otherwise a CSV's header (or GDELT's 61 tab-separated cells)."""
    if is_baci_file(path):
        return "baci"
    if is_comtrade_name(path):
        return "comtrade"
    if is_gdelt_name(path):
        return "gdelt"
    if path.suffix.lower() not in _TEXT or not path.is_file():
        return None
    try:
        tabbed = csv_header(path, "\t")  # GDELT's place names hold commas: try tabs first
        if len(tabbed) == len(GDELT_COLUMNS) and tabbed[0].isdigit():
            return "gdelt"
        header = csv_header(path)
    except InputError:
        return None
    have = set(header)
    if tuple(header) == BACI_COLUMNS:
        return "baci"
    if set(COMTRADE_COLUMNS) <= have:
        return "comtrade"
    if tuple(header[:3]) == CENSUS_COLUMNS[:3] and set(CENSUS_COLUMNS) <= have:
        return "census"
    if set(COW_COLUMNS) <= have:
        return "cow-alliances"
    if set(ATOP_COLUMNS) <= have:
        return "atop"
    return None


def read_public(path: Path, kind: str, skip_unknown: bool = False) -> PublicLoad:
    """The records of one public file (InputError with every problem when it has any)."""
    return PUBLIC_READERS[kind](path, skip_unknown)
