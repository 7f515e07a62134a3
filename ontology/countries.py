"""The country crosswalk: ISO 3166-1 (alpha-3, numeric, names) from Debian's iso-codes via
pycountry, so every code the project accepts has a published source."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry

__all__ = ["ISO_SOURCE_ID", "IsoCountry", "find_countries", "iso_country"]

ISO_SOURCE_ID = "iso-3166-1"
ISO_SOURCE = {
    "id": ISO_SOURCE_ID,
    "title": "ISO 3166-1 country codes (Debian iso-codes, read through pycountry)",
    "url": "https://www.iso.org/iso-3166-country-codes.html",
    "publisher": "International Organization for Standardization",
    "reliability": "primary",
    "note": f"pycountry {getattr(pycountry, '__version__', '')}".strip(),
}


@dataclass(frozen=True)
class IsoCountry:
    iso3: str
    numeric: str
    name: str
    official_name: str | None
    common_name: str | None


@cache
def _by_alpha3() -> dict[str, IsoCountry]:
    table = {}
    for c in pycountry.countries:
        table[c.alpha_3] = IsoCountry(
            iso3=c.alpha_3,
            numeric=c.numeric,
            name=c.name,
            official_name=getattr(c, "official_name", None),
            common_name=getattr(c, "common_name", None),
        )
    return table


def iso_country(code: str) -> IsoCountry | None:
    """The ISO entry for an alpha-3 code (any case), or None when ISO has no such code."""
    return _by_alpha3().get(code.strip().upper())


def find_countries(text: str) -> list[IsoCountry]:
    """Countries an analyst may mean by `text`: an alpha-3 code or a name (exact, case-blind)."""
    hit = iso_country(text) if len(text.strip()) == 3 else None
    if hit:
        return [hit]
    wanted = text.strip().casefold()
    return [
        c
        for c in _by_alpha3().values()
        if wanted in {n.casefold() for n in (c.name, c.official_name, c.common_name) if n}
    ]
