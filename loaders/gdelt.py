"""GDELT 2.0 events (`YYYYMMDDHHMMSS.export.CSV[.zip]`: 61 tab-separated columns, no header) into meetings.

Kept: CONSULT events (CAMEO root 04) between two different states. CAMEO codes and our kinds:
040 consult, 044 meet at a third location, 045 mediate, 046 negotiate -> "talks"; 041 discuss by
telephone -> "call"; 042 make a visit, 043 host a visit -> "official visit" (GDELT does not say
whether it was a state, official or working visit), with the host: Actor2 for 042 (Actor1 travels to
it), Actor1 for 043. The day is `Day` (BigQuery's SQLDATE), the place ActionGeo_FullName.

A state actor: Actor*CountryCode set (CAMEO's country code, read through the crosswalk: the ISO
alpha-3 code, but ROM is Romania, TMP Timor-Leste, MTN Montenegro, IMY the Isle of Man) and a
type of none (the state itself) or GOV; media, business, rebels and the like are not the state.
Other rows are left out and counted, and so are rows whose CAMEO code is a region or a territory
(AFR, MEA, WSB: GDELT's CAMEO country lookup lists them, they are no ISO 3166-1 country). A code
the lookup does not list is unknown: refused, or skipped and reported with `skip_unknown`.

Every event is its own source: "gdelt-{GlobalEventID}" with the article's SOURCEURL, reliability
"secondary" (machine-coded from news), and the Goldstein score and CAMEO code in its note, since a
meeting has no field for them yet. Several events of one day, dyad and kind are one meeting,
attested by each of their sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from bilateral.loaders import records as r
from bilateral.loaders.public import (
    NO_COUNTRY,
    Collector,
    PublicLoad,
    RawRow,
    csv_rows,
    is_synthetic,
    ymd,
)

__all__ = ["GDELT_COLUMNS", "KINDS", "is_gdelt_name", "parse_gdelt", "read_gdelt"]

GDELT_COLUMNS = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)
KINDS = {
    "040": "talks",
    "041": "call",
    "042": "official visit",
    "043": "official visit",
    "044": "talks",
    "045": "talks",
    "046": "talks",
}
STATE_TYPES = ("", "GOV")
_NAME = re.compile(r"(synthetic-)?[0-9]{14}\.export\.csv(\.zip)?", re.IGNORECASE)
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def is_gdelt_name(path: Path) -> bool:
    return _NAME.fullmatch(path.name) is not None


def parse_gdelt(
    rows: Iterable[RawRow], file: str, *, synthetic: bool = False, skip_unknown: bool = False
) -> PublicLoad:
    """Records of GDELT 2.0 event rows (line, column -> text); pure. Raises InputError with every
    problem; with `skip_unknown`, events naming an unknown country code are left out and reported."""
    col = Collector(file, skip_unknown)
    out: list[r.Record] = []
    first: dict[str, int] = {}
    name = re.sub(r"\.zip$", "", Path(file).name, flags=re.IGNORECASE)  # zipped or not, the same export
    for line, raw in rows:
        col.rows += 1
        if "" in raw and len(raw) == 1:
            width = raw[""]
            hint = " (a GDELT 1.0 file? it has 57 or 58)" if width in ("57", "58") else ""
            col.problem(
                line, None, width, f"the line has {width} tab-separated columns; GDELT 2.0 events have 61{hint}"
            )
            continue
        cell = {c: raw[c].strip() for c in GDELT_COLUMNS}
        if cell["EventRootCode"].zfill(2) != "04":
            col.omit("not a consultation (EventRootCode other than 04)")
            continue
        ends = [(cell[f"Actor{n}CountryCode"], cell[f"Actor{n}Type1Code"]) for n in (1, 2)]
        if any(not country for country, _ in ends):
            col.omit("an actor without a country")
            continue
        if any(kind not in STATE_TYPES for _, kind in ends):
            col.omit("an actor that is not the state (type other than none or GOV)")
            continue
        if ends[0][0] == ends[1][0]:
            col.omit("both actors of the same country")
            continue
        bad = len(col.problems)
        event = cell["GlobalEventID"]
        if not event.isdigit():
            col.problem(line, "GlobalEventID", event, "not an event id (a whole number)")
        elif event in first:
            col.problem(line, "GlobalEventID", event, f"the same event again (first at line {first[event]})")
        code = cell["EventCode"].zfill(3)
        if code not in KINDS:
            col.problem(line, "EventCode", cell["EventCode"], "not a CAMEO consultation code (040 to 046)")
        day = ymd(cell["Day"])
        if day is None:
            col.problem(line, "Day", cell["Day"], "not a day (YYYYMMDD)")
        goldstein = cell["GoldsteinScale"]
        if not (_NUMBER.fullmatch(goldstein) and -10 <= float(goldstein) <= 10):
            col.problem(line, "GoldsteinScale", goldstein, "not a Goldstein score (-10 to 10)")
        a = col.country(line, "Actor1CountryCode", "cameo", ends[0][0])
        b = col.country(line, "Actor2CountryCode", "cameo", ends[1][0])
        if len(col.problems) > bad or a is None or b is None or day is None:
            continue
        if not (a and b):
            col.omit(NO_COUNTRY["cameo"])
            continue
        first[event] = line
        url = cell["SOURCEURL"]
        web = url if re.match(r"https?://", url) else None
        source = r.Source(
            id=f"{'synthetic-' if synthetic else ''}gdelt-{event}",
            title=f"GDELT event {event}",
            reliability="synthetic" if synthetic else "secondary",
            url=web,
            publisher="The GDELT Project (machine-coded from the news article at the URL)",
            note=(
                f"GDELT GoldsteinScale {goldstein}; EventCode {code}; from {name}, line {line}"
                + ("" if web else f"; SOURCEURL {url or '(empty)'}")
            ),
        )
        host = {"042": b, "043": a}.get(code)
        out.append(source)
        x, y = sorted((a, b))  # a dyad is unordered: the events of one meeting give one ref
        out.append(
            r.Meeting(
                date=day,
                countries=(x, y),
                kind=KINDS[code],
                source=source.id,
                place=cell["ActionGeo_FullName"] or None,
                host=host,
                goldstein=Decimal(goldstein),
                event_code=code,
            )
        )
    return col.finish(out)


def read_gdelt(path: Path, skip_unknown: bool = False) -> PublicLoad:
    """Records of a GDELT 2.0 export (plain or zipped): a Source and a Meeting per kept event."""
    _, rows = csv_rows(path, delimiter="\t", header=list(GDELT_COLUMNS))
    return parse_gdelt(rows, str(path), synthetic=is_synthetic(path), skip_unknown=skip_unknown)
