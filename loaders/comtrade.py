"""UN Comtrade goods trade (the 47-column `TradeData_*.csv` download) into trade flows.

Each row is one reporter's view of one flow: M (imports: partner -> reporter) or X (exports:
reporter -> partner), value `primaryValue` in current USD. Mirror statistics stay side by side:
Japan's imports from the US and the US's exports to Japan are two observations, each naming its
reporter (the flow's IRI includes it), never merged.

Countries are Comtrade's own area codes (India 699, France 251, USA 842) read through the
crosswalk; the file's reporterISO/partnerISO must agree with it. Left out by design, and counted:
partner World (code 0, an aggregate), other areas Comtrade lists that are no ISO 3166-1 country
(aggregates such as EU27 or "Areas, nes", former areas such as 810 "Fmr USSR"), flows other
than M and X (re-exports, re-imports), rows broken down by second partner, customs procedure or
mode of transport (they would double count the totals), and goods returned to the reporter
itself. Refused: services, monthly data and non-HS classifications, which this model does not hold.
"""

from __future__ import annotations

import re
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
    hs_topics,
    is_synthetic,
    missing_columns,
    plain_decimal,
    scaled,
    source_id,
)
from bilateral.ontology.crosswalk import to_iso3

__all__ = ["COMTRADE_COLUMNS", "comtrade_source", "is_comtrade_name", "parse_comtrade", "read_comtrade"]

COMTRADE_COLUMNS = (
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "flowDesc",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "partner2ISO",
    "partner2Desc",
    "classificationCode",
    "classificationSearchCode",
    "isOriginalClassification",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "customsDesc",
    "mosCode",
    "motCode",
    "motDesc",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQtyUnitAbbr",
    "altQty",
    "isAltQtyEstimated",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "isGrossWgtEstimated",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
    "isReported",
    "isAggregate",
)
_USED = (
    "typeCode",
    "freqCode",
    "refYear",
    "reporterCode",
    "reporterISO",
    "flowCode",
    "partnerCode",
    "partnerISO",
    "partner2Code",
    "classificationCode",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "customsCode",
    "motCode",
    "primaryValue",
)
_NAME = re.compile(r"(synthetic-)?TradeData[^/]*\.csv", re.IGNORECASE)
_TOTALS = {"partner2Code": ("0", ""), "customsCode": ("C00", ""), "motCode": ("0", "")}


def is_comtrade_name(path: Path) -> bool:
    return _NAME.fullmatch(path.name) is not None


def comtrade_source(path: Path) -> r.Source:
    what = (
        "primaryValue in current USD; each row is its reporter's own view (mirror flows kept "
        f"side by side). File {path.name}."
    )
    if is_synthetic(path):
        return r.Source(
            id=source_id(path, "comtrade"),
            title="Synthetic UN Comtrade-shaped goods trade",
            reliability="synthetic",
            note=f"Made-up rows in the 47-column Comtrade shape; {what}",
        )
    return r.Source(
        id=source_id(path, "comtrade"),
        title=f"UN Comtrade goods trade download ({path.name})",
        reliability="primary",
        publisher="United Nations Statistics Division (UN Comtrade)",
        note=f"UN Comtrade goods trade, HS: {what} No home-page URL is sourced in formats.md.",
    )


def _hs(code: str, level: str) -> str | None:
    """cmdCode as an HS notation: TOTAL, or 2/4/6 digits, zero-padded to aggrLevel when a
    spreadsheet dropped the leading zero (101 at level 4 is 0101)."""
    code = code.strip().upper()
    if code == "TOTAL":
        return code
    if not code.isdigit():
        return None
    width = int(level) if level.strip() in ("2", "4", "6") else len(code) + len(code) % 2
    code = code.zfill(width)
    return code if len(code) in (2, 4, 6) else None


def parse_comtrade(
    header: Sequence[str], rows: Iterable[RawRow], file: str, source: r.Source, *, skip_unknown: bool = False
) -> PublicLoad:
    """Records of Comtrade rows (row number, column -> text); pure. Raises InputError with every
    problem; with `skip_unknown`, rows with unknown area codes are left out and reported."""
    col = Collector(file, skip_unknown)
    if missing_columns(header, _USED, col):
        return col.finish([])
    flows: list[r.Record] = []
    names: dict[str, str] = {}
    first: dict[tuple[str, str, int, str, str], int] = {}
    for line, raw in rows:
        col.rows += 1
        if bad_width(line, raw, len(header), col):
            continue
        cell = {c: (raw.get(c) or "").strip() for c in _USED}
        if cell["partnerCode"] == "0":
            col.omit("partner World (partnerCode 0): an aggregate")
            continue
        if cell["flowCode"] not in ("M", "X"):
            col.omit(f"flowCode {cell['flowCode'] or '(empty)'}: only imports (M) and exports (X) are loaded")
            continue
        if any(cell[c] not in totals for c, totals in _TOTALS.items()):
            col.omit("a breakdown by second partner, customs procedure or mode of transport")
            continue
        bad = len(col.problems)
        for column, expected, message in (
            ("typeCode", ("C",), "only goods (typeCode C) are loaded, not services"),
            ("freqCode", ("A",), "only annual data (freqCode A) is loaded: a trade flow's period is a year"),
        ):
            if cell[column] not in expected:
                col.problem(line, column, cell[column], message)
        if not re.fullmatch(r"H[0-9S]", cell["classificationCode"]):
            col.problem(
                line,
                "classificationCode",
                cell["classificationCode"],
                "not an HS classification (H0 to H6, or HS): only HS goods trade is loaded",
            )
        if not re.fullmatch(r"[12][0-9]{3}", cell["refYear"]):
            col.problem(line, "refYear", cell["refYear"], "not a four-digit year")
        hs = _hs(cell["cmdCode"], cell["aggrLevel"])
        if hs is None:
            col.problem(line, "cmdCode", cell["cmdCode"], "not an HS code (TOTAL, or 2, 4 or 6 digits)")
        value = plain_decimal(cell["primaryValue"])
        if value is None:
            col.problem(line, "primaryValue", cell["primaryValue"], "not a non-negative number (USD)")
        ends: dict[str, str | None] = {}
        for side in ("reporter", "partner"):
            iso3 = col.country(line, f"{side}Code", "comtrade", cell[f"{side}Code"])
            given = cell[f"{side}ISO"]
            if iso3 and given and to_iso3("iso3", given) is not None and given.upper() != iso3:
                col.problem(
                    line, f"{side}ISO", given, f"{side}Code {cell[side + 'Code']} is {iso3} in the country crosswalk"
                )
            ends[side] = iso3
        reporter, partner = ends["reporter"], ends["partner"]
        if len(col.problems) > bad or reporter is None or partner is None or hs is None or value is None:
            continue
        if not (reporter and partner):
            col.omit(NO_COUNTRY["comtrade"])
            continue
        if reporter == partner:
            col.omit("partner is the reporter itself (goods returned)")
            continue
        exporter, importer = (reporter, partner) if cell["flowCode"] == "X" else (partner, reporter)
        year = int(cell["refYear"])
        key = (exporter, importer, year, hs, reporter)
        if key in first:
            col.problem(
                line,
                "cmdCode",
                cell["cmdCode"],
                f"the same flow, year, product and reporter again (first at row {first[key]})",
            )
            continue
        first[key] = line
        if cell["cmdDesc"]:
            names.setdefault(hs, cell["cmdDesc"])
        flows.append(
            r.TradeFlow(
                exporter=exporter,
                importer=importer,
                year=year,
                sector=r.TopicRef("HS", hs),
                value=scaled(value, 1),
                currency="USD",
                unit="current prices",
                reporter=reporter,
                source=source.id,
            )
        )
    topics = hs_topics(sorted({f.sector.key for f in flows if isinstance(f, r.TradeFlow)}), source.id, names)
    return col.finish([source, *topics, *flows])


def read_comtrade(path: Path, skip_unknown: bool = False) -> PublicLoad:
    """Records of a Comtrade download: its Source, the HS sectors it names, one TradeFlow a row."""
    header, rows = csv_rows(path)
    return parse_comtrade(header, rows, str(path), comtrade_source(path), skip_unknown=skip_unknown)
