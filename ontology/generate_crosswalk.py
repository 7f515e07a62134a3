"""Writes the country crosswalk (`crosswalk.csv`, `cow_states.csv`, `other_codes.csv`) from maintained tables.

A development tool, run when a source changes: `python -m bilateral.ontology.generate_crosswalk`
(needs the `generate` extra: `pip install -e '.[generate]'`). Its inputs:

- ISO 3166-1 (alpha-3, numeric, names): pycountry (Debian iso-codes), the project's runtime source.
- M49, COW numeric and letter codes, FIPS 10-4 and each country's English name pattern: Arel-Bundock's
  codelist as shipped by the `countrycode` package (GPL-3.0-or-later), read here only, never at run time.
- ontology/sources/: Comtrade's partner areas, COW's state list with its membership spells, GDELT's
  CAMEO country codes (each with its provenance in sources/README.md) and `reviewed.csv`, the few
  joins no rule can make, each with its reason.

Nothing is guessed: a code the sources do not give stays empty, and a Comtrade area or CAMEO code
that matches no country, or several, stops the run until it is resolved in `reviewed.csv`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

import pycountry

__all__ = ["generate", "main"]

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUTPUTS = ("crosswalk.csv", "cow_states.csv", "other_codes.csv")
# US Census CTY_CODE: only the codes formats.md E6 confirms; no maintained table of them is read.
_CENSUS = {"CHN": "5700", "MEX": "2010", "CAN": "1220"}


class GenerateError(Exception):
    """A source that the rules cannot join: fix the source or add a line to sources/reviewed.csv."""


def _read(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _codelist() -> list[dict[str, object]]:
    """countrycode's codelist as rows (columns -> values), only the columns used here."""
    from countrycode import codelist  # the generate extra (GPL-3.0-or-later)

    columns = ("iso3c", "un", "cown", "cowc", "cow.name", "fips", "country.name.en", "country.name.en.regex")
    return [dict(zip(columns, values, strict=True)) for values in zip(*(codelist[c] for c in columns), strict=True)]


def _reviewed(scheme: str) -> dict[str, tuple[str, str]]:
    """iso3 -> (code, comment) for Comtrade and CAMEO; code -> (iso3, comment) for COW."""
    rows = [r for r in _read("reviewed.csv") if r["scheme"] == scheme]
    if scheme == "cow":
        return {r["code"]: (r["iso3"], r["comment"]) for r in rows}
    return {r["iso3"]: (r["code"], r["comment"]) for r in rows}


def _join(
    scheme: str, entries: dict[str, str], iso_code: dict[str, str], patterns: dict[str, re.Pattern[str]]
) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Each ISO country's code in a source listing `entries` (code -> name): the entry whose name
    matches the country's pattern (and no other country's), preferring the one whose code is the
    country's own ISO code; `reviewed.csv` decides the rest. Returns iso3 -> (code, how) and the
    problems left."""
    reviewed = _reviewed(scheme)
    matching: dict[str, list[str]] = {}
    for code, name in entries.items():
        hits = [iso3 for iso3, pattern in patterns.items() if pattern.search(name)]
        if len(hits) == 1:
            matching.setdefault(hits[0], []).append(code)
    out: dict[str, tuple[str, str]] = {}
    problems = []
    for iso3 in sorted(patterns):
        if iso3 in reviewed:
            code, comment = reviewed[iso3]
            if code and code not in entries:
                problems.append(f"{scheme}: reviewed code {code} for {iso3} is not in the source")
            out[iso3] = (code, f"reviewed: {comment}" if code else "")
            continue
        found = matching.get(iso3, [])
        own = [c for c in found if c == iso_code[iso3]]
        if own:
            out[iso3] = (own[0], "code = ISO code, name agrees")
        elif len(found) == 1:
            out[iso3] = (found[0], f"by name ({entries[found[0]]!r})")
        elif found or iso_code[iso3] in entries:
            listed = ", ".join(f"{c} {entries[c]!r}" for c in [*found, iso_code[iso3]] if c in entries)
            problems.append(f"{scheme}: {iso3} cannot be joined by rule (candidates {listed})")
        else:
            out[iso3] = ("", "")
    used: dict[str, str] = {}
    for iso3, (code, _) in out.items():
        if code and code in used:
            problems.append(f"{scheme}: code {code} joined to both {used[code]} and {iso3}")
        used[code] = iso3
    return out, problems


def _date(year: str, month: str, day: str) -> str:
    return dt.date(int(year), int(month), int(day)).isoformat()


def generate() -> dict[str, list[list[str]]]:
    """The rows (header first) of each output file, and its header comment lines first."""
    codelist = _codelist()
    by_iso = {str(row["iso3c"]): row for row in codelist if row["iso3c"]}
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    missing = [c.alpha_3 for c in countries if c.alpha_3 not in by_iso]
    if missing:
        raise GenerateError(f"countrycode's codelist lacks ISO countries {missing}")
    patterns = {
        c.alpha_3: re.compile(str(by_iso[c.alpha_3]["country.name.en.regex"]), re.IGNORECASE) for c in countries
    }

    areas = {r["id"]: r["text"] for r in _read("comtrade-partnerAreas.csv") if r["id"].isdigit()}
    comtrade, problems = _join("comtrade", areas, {c.alpha_3: str(int(c.numeric)) for c in countries}, patterns)
    cameo_codes = {r["code"]: r["label"] for r in _read("gdelt-cameo-country.csv")}
    cameo, more = _join("cameo", cameo_codes, {c.alpha_3: c.alpha_3 for c in countries}, patterns)
    problems += more
    if problems:
        raise GenerateError("\n".join(problems))

    crosswalk = [
        ["iso3", "iso_numeric", "m49", "comtrade", "cow_code", "cow_abb", "fips", "census_cty", "cameo", "name", "note"]
    ]
    for c in countries:
        row = by_iso[c.alpha_3]
        code, how = comtrade[c.alpha_3]
        note = f"comtrade {code}: {how}" if code else "comtrade: Comtrade's partner areas list no area for it"
        crosswalk.append(
            [
                c.alpha_3,
                c.numeric,
                f"{row['un']:03d}" if row["un"] is not None else "",
                code.zfill(3) if code else "",
                str(row["cown"] or ""),
                str(row["cowc"] or ""),
                str(row["fips"] or ""),
                _CENSUS.get(c.alpha_3, ""),
                cameo[c.alpha_3][0],
                c.name,
                note,
            ]
        )

    cow_iso = {str(row["cown"]): str(row["iso3c"] or "") for row in codelist if row["cown"] is not None}
    cow_reviewed = _reviewed("cow")
    states = [["ccode", "stateabb", "statenme", "start", "end", "iso3", "iso3_from"]]
    for s in _read("cow-states2016.csv"):
        code = s["ccode"]
        if code in cow_reviewed:
            iso3, how = cow_reviewed[code][0], f"reviewed: {cow_reviewed[code][1]}"
        elif cow_iso.get(code):
            iso3, how = cow_iso[code], "countrycode"
        else:
            iso3 = ""
            how = (
                "countrycode: no ISO 3166-1 country"
                if code in cow_iso
                else "countrycode lists no such COW code: no ISO 3166-1 country"
            )
        states.append(
            [
                code,
                s["stateabb"],
                s["statenme"],
                _date(s["styear"], s["stmonth"], s["stday"]),
                _date(s["endyear"], s["endmonth"], s["endday"]),
                iso3,
                how,
            ]
        )

    joined = {("comtrade", code) for code, _ in comtrade.values()} | {("cameo", code) for code, _ in cameo.values()}
    other = [["scheme", "code", "label"]]
    other += [
        [scheme, code, name]
        for scheme, entries in (("comtrade", areas), ("cameo", cameo_codes))
        for code, name in sorted(entries.items(), key=lambda kv: (len(kv[0]), kv[0]))
        if (scheme, code) not in joined
    ]
    return {"crosswalk.csv": crosswalk, "cow_states.csv": states, "other_codes.csv": other}


def _header(name: str) -> list[str]:
    versions = f"pycountry {version('pycountry')}, countrycode {version('countrycode')}"
    common = [f"# Generated by ontology/generate_crosswalk.py ({versions}); do not edit by hand."]
    if name == "crosswalk.csv":
        return [
            *common,
            "# One row per ISO 3166-1 country. Sources of the columns:",
            "#   iso3, iso_numeric, name: ISO 3166-1 via pycountry (Debian iso-codes).",
            "#   m49: UN M49, from countrycode's codelist (Arel-Bundock; GPL-3.0-or-later).",
            "#   comtrade: UN Comtrade's partner-area codes (ontology/sources/comtrade-partnerAreas.csv), joined",
            "#     by code and name, or by name through the codelist's country patterns, or in",
            "#     sources/reviewed.csv; `note` says which. Empty: Comtrade lists no area for the country.",
            "#   cow_code, cow_abb: Correlates of War state codes, from countrycode's codelist (the state that",
            "#     is the country today; former states and their dates are in cow_states.csv).",
            "#   fips: FIPS 10-4 (GDELT *Geo_CountryCode), from countrycode's codelist.",
            "#   census_cty: US Census CTY_CODE, only those formats.md E6 confirms (no maintained table read).",
            "#   cameo: CAMEO country code (GDELT Actor*CountryCode), from GDELT's CAMEO country lookup",
            "#     (ontology/sources/gdelt-cameo-country.csv), joined like the Comtrade codes.",
            "#   Empty cell = the source has no code for it: a loader meeting an unlisted code reports it.",
        ]
    if name == "cow_states.csv":
        return [
            *common,
            "# COW state-system membership spells (ontology/sources/cow-states2016.csv, COW States 2016) and",
            "# the ISO 3166-1 country each state is: countrycode's codelist, or sources/reviewed.csv.",
            "# Empty iso3: a state with no ISO 3166-1 country (e.g. the GDR, Czechoslovakia, Yugoslavia).",
        ]
    return [
        *common,
        "# Codes the Comtrade and CAMEO sources list that name no ISO 3166-1 country: aggregates, former",
        "# areas, regions and territories. Loaders leave their rows out by design (and count them).",
    ]


def _write(path: Path, comments: Iterable[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for line in comments:
            handle.write(line + "\n")
        csv.writer(handle, lineterminator="\n").writerows(rows)


def main(folder: Path = HERE) -> None:
    for name, rows in generate().items():
        _write(folder / name, _header(name), rows)


if __name__ == "__main__":
    try:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
    except GenerateError as err:
        sys.exit(f"Error: {err}")
