"""Builds the codebook files in this folder from the code lists in ontology/sources/ (run it when they change).

Each file is in its data set's exact shape and names every code its codebook lists; what the rows
say (alliances, events, trade) is made up, hence the `synthetic-` names.

- COW alliances: one dyad a membership spell of every state of COW's state list (States 2016),
  with the USA (the UK for the USA itself), starting the day the spell starts and cut at the end of
  the alliance data (31 December 2012).
- ATOP: the same dyads, both directions, in the first year of each spell (up to 2012).
- GDELT: a day of events: one consultation between the USA and every CAMEO country code of GDELT's
  lookup (Canada for the USA itself), plus a business actor and a non-consultation event.
- Comtrade: the USA's imports from every partner area of Comtrade's reference table.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE.parents[3] / "ontology" / "sources"
END = dt.date(2012, 12, 31)  # the last day of COW's alliance data v4.1


def _read(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _spells() -> list[dict[str, object]]:
    out = []
    for s in _read("cow-states2016.csv"):
        start = dt.date(int(s["styear"]), int(s["stmonth"]), int(s["stday"]))
        end = dt.date(int(s["endyear"]), int(s["endmonth"]), int(s["endday"]))
        if start <= END:
            out.append({"ccode": s["ccode"], "name": s["statenme"], "start": start, "end": end})
    return out


def cow() -> None:
    header = [
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
    ]
    rows = []
    for n, s in enumerate(_spells(), start=1):
        partner = ("200", "United Kingdom") if s["ccode"] == "2" else ("2", "United States of America")
        start, end = s["start"], s["end"]
        censored = end > END  # still in effect at the end of the data: no end date
        ended = ["", "", ""] if censored else [str(end.day), str(end.month), str(end.year)]  # type: ignore[attr-defined]
        rows.append(
            [
                str(n),
                s["ccode"],
                s["name"],
                *partner,
                str(start.day),
                str(start.month),  # type: ignore[attr-defined]
                str(start.year),
                *ended,
                "1" if start == dt.date(1816, 1, 1) else "0",  # type: ignore[attr-defined]
                "1" if censored else "0",
                "0",
                "0",
                "0",
                "1",
                "4.1",
            ]
        )
    _write("synthetic-codebook-alliance_v4.1_by_dyad.csv", [header, *rows])


def atop() -> None:
    rows = [["stateA", "stateB", "year", "defense", "offense", "neutral", "nonagg", "consul"]]
    for s in _spells():
        partner = "200" if s["ccode"] == "2" else "2"
        year = str(s["start"].year)  # type: ignore[attr-defined]
        for a, b in ((s["ccode"], partner), (partner, s["ccode"])):
            rows.append([str(a), str(b), year, "0", "0", "0", "0", "1"])
    _write("synthetic-codebook-atop5_1ddyr.csv", rows)


def gdelt() -> None:
    def event(n: int, a: str, a_type: str, b: str, code: str) -> list[str]:
        cells = [""] * 61
        cells[0:5] = [str(800000000 + n), "20250301", "202503", "2025", "2025.1616"]
        cells[5:8] = [a + a_type, f"ACTOR {a}", a]
        cells[12] = a_type
        cells[15:18] = [b + "GOV", f"ACTOR {b}", b]
        cells[22] = "GOV"
        cells[25:35] = ["1", code, code, code[:2], "1", "1.9", "2", "1", "2", "0.5"]
        cells[51:53] = ["1", "United States"]
        cells[53] = "US"
        cells[59:61] = ["20250301000000", f"https://example.org/synthetic/gdelt/{800000000 + n}"]
        return cells

    codes = [r["code"] for r in _read("gdelt-cameo-country.csv")]
    rows = [event(n, "USA", "GOV", "CAN" if c == "USA" else c, "042") for n, c in enumerate(codes, start=1)]
    rows.append(event(len(rows) + 1, "USA", "BUS", "JPN", "040"))  # a business, not the state
    rows.append(event(len(rows) + 1, "USA", "GOV", "JPN", "190"))  # not a consultation
    with (HERE / "synthetic-20250301000000.export.CSV").open("w", encoding="utf-8", newline="") as handle:
        for row in rows:
            handle.write("\t".join(row) + "\n")


def comtrade() -> None:
    template = (HERE.parent / "synthetic-TradeData_1_1_2025_0_0_0.csv").read_text(encoding="utf-8").splitlines()
    header = template[0].split(",")
    base = dict(zip(header, template[1].split(","), strict=True))
    rows = [header]
    for area in _read("comtrade-partnerAreas.csv"):
        if not area["id"].isdigit() or area["id"] == "842":
            continue
        row = {
            **base,
            "reporterCode": "842",
            "reporterISO": "",
            "reporterDesc": "USA",
            "partnerCode": area["id"],
            "partnerISO": "",
            "partnerDesc": area["text"],
            "primaryValue": "1000",
            "cifvalue": "1000",
            "fobvalue": "",
        }
        rows.append([row[c] for c in header])
    _write("synthetic-codebook-TradeData_1_1_2025_0_0_0.csv", rows)


def _write(name: str, rows: list[list[str]]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


if __name__ == "__main__":
    cow()
    atop()
    gdelt()
    comtrade()
