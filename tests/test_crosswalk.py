"""The country crosswalk: generated from maintained tables, every code its sources list, COW states
read with their dates, and public files in their real shapes with every code loaded."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.loaders import records as r
from bilateral.loaders.detect import detect
from bilateral.loaders.public_formats import read_public
from bilateral.ontology import generate_crosswalk
from bilateral.ontology.crosswalk import (
    COW_STATES_FILE,
    CROSSWALK_FILE,
    OTHER_CODES_FILE,
    SCHEMES,
    cow_state,
    crosswalk_rows,
    other_code,
    to_iso3,
)

from .conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "ontology" / "sources"
CODEBOOK = DATA / "public" / "codebook"


def _source(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------ the table


def test_every_scheme_reads_its_codes() -> None:
    assert [to_iso3("comtrade", c) for c in ("842", "251", "699", "757", "579", "381", "392")] == [
        "USA",
        "FRA",
        "IND",
        "CHE",
        "NOR",
        "ITA",
        "JPN",
    ]
    assert to_iso3("comtrade", "356") is None and other_code("comtrade", "356") == "India, excl. Sikkim"
    assert [to_iso3("cow", c) for c in ("2", "002", "255", "260", "365", "316", "679", "740")] == [
        "USA",
        "USA",
        "DEU",
        "DEU",
        "RUS",
        "CZE",
        "YEM",
        "JPN",
    ]
    assert to_iso3("cow", "265") is None and to_iso3("cow", "340") is None  # the GDR; 340 is Gleditsch-Ward's
    assert to_iso3("cow_abb", "GFR") == to_iso3("cow_abb", "GMY") == "DEU"
    assert [to_iso3("fips", c) for c in ("GM", "JA", "UK", "RS", "EZ")] == ["DEU", "JPN", "GBR", "RUS", "CZE"]
    assert [to_iso3("cameo", c) for c in ("ROM", "TMP", "MTN", "IMY", "usa")] == ["ROU", "TLS", "MNE", "IMN", "USA"]
    assert to_iso3("cameo", "EUR") is None and other_code("cameo", "EUR") == "Europe"
    assert to_iso3("cameo", "SSD") == "SSD"  # an ISO code newer than GDELT's lookup (South Sudan, 2011)
    assert to_iso3("m49", "56") == "BEL" and to_iso3("census", "5700") == "CHN"
    with pytest.raises(ValueError):
        to_iso3("gw", "740")


def test_one_row_per_iso_country_each_code_once_and_no_unverified_comtrade_code() -> None:
    rows = crosswalk_rows()
    assert [row.iso3 for row in rows] == sorted(c.alpha_3 for c in pycountry.countries)
    for column, _ in SCHEMES.values():
        codes = [getattr(row, column) for row in rows if getattr(row, column)]
        assert len(codes) == len(set(codes)), column
    assert not [row.iso3 for row in rows if "unverified" in row.note]
    filled = {column: sum(1 for row in rows if getattr(row, column)) for column, _ in SCHEMES.values()}
    assert filled["cow_code"] >= 190 and filled["fips"] >= 240 and filled["cameo"] >= 225 and filled["comtrade"] >= 235


def test_every_comtrade_area_is_a_country_or_listed_as_no_country() -> None:
    """No area Comtrade reports is left to chance: it is a crosswalk row's code or an other code."""
    joined = {row.comtrade for row in crosswalk_rows() if row.comtrade}
    for area in _source("comtrade-partnerAreas.csv"):
        if area["id"].isdigit():
            code = area["id"].zfill(3)
            assert (code in joined) != (other_code("comtrade", code) is not None), area


def test_every_cow_state_and_cameo_code_is_known() -> None:
    for state in _source("cow-states2016.csv"):
        start = dt.date(int(state["styear"]), int(state["stmonth"]), int(state["stday"]))
        found = cow_state(state["ccode"], start)
        assert found is not None and found.start == start and found.abb == state["stateabb"]
    for code in _source("gdelt-cameo-country.csv"):
        assert (to_iso3("cameo", code["code"]) is None) == (other_code("cameo", code["code"]) is not None)


@pytest.mark.parametrize(
    ("code", "day", "state", "iso3"),
    [
        ("260", dt.date(1960, 6, 1), "German Federal Republic", "DEU"),
        ("265", dt.date(1960, 6, 1), "German Democratic Republic", ""),
        ("255", dt.date(1995, 1, 1), "Germany", "DEU"),
        ("315", dt.date(1960, 6, 1), "Czechoslovakia", ""),
        ("316", dt.date(1995, 1, 1), "Czech Republic", "CZE"),
        ("678", dt.date(1960, 6, 1), "Yemen Arab Republic", ""),
        ("680", dt.date(1970, 6, 1), "Yemen People's Republic", ""),
        ("679", dt.date(1995, 1, 1), "Yemen", "YEM"),
        ("345", dt.date(1960, 6, 1), "Yugoslavia", ""),
        ("365", dt.date(1960, 6, 1), "Russia", "RUS"),
    ],
)
def test_a_cow_code_is_the_state_of_its_date(code: str, day: dt.date, state: str, iso3: str) -> None:
    found = cow_state(code, day)
    assert found is not None and (found.name, found.iso3) == (state, iso3)
    assert found.start <= day <= found.end


def test_a_date_outside_every_spell_takes_the_nearest_spell_of_the_same_state() -> None:
    between = cow_state("255", dt.date(1960, 1, 1))  # Germany was no member from 1945 to 1990
    assert between is not None and between.end == dt.date(1945, 5, 8) and between.iso3 == "DEU"
    assert cow_state("999", dt.date(1960, 1, 1)) is None


# ------------------------------------------------------------------ the generator


def test_the_checked_in_tables_are_what_the_generator_writes(tmp_path: Path) -> None:
    generate_crosswalk.main(tmp_path)
    for path in (CROSSWALK_FILE, COW_STATES_FILE, OTHER_CODES_FILE):
        assert (tmp_path / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name
    header = CROSSWALK_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert "countrycode 0.6.0" in header and "pycountry" in header


def test_the_generator_stops_on_an_area_no_rule_can_join(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    with (sources / "comtrade-partnerAreas.csv").open("a", encoding="utf-8") as handle:
        handle.write("9999,France (overseas)\n")  # France's area is 251, not ISO's 250: now two candidates
    monkeypatch.setattr(generate_crosswalk, "SOURCES", sources)
    with pytest.raises(generate_crosswalk.GenerateError, match="FRA cannot be joined by rule"):
        generate_crosswalk.generate()


def test_the_generator_runs_as_a_module(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bilateral.ontology.generate_crosswalk", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["crosswalk.csv", "cow_states.csv", "other_codes.csv"]
    )


# ------------------------------------------------------------------ files with every code


def _load(name: str):  # type: ignore[no-untyped-def]
    path = CODEBOOK / name
    return read_public(path, detect(path) or "")


def test_a_cow_file_with_every_state_from_1816_to_2012_leaves_no_state_unknown() -> None:
    load = _load("synthetic-codebook-alliance_v4.1_by_dyad.csv")
    codes = {s["ccode"] for s in _source("cow-states2016.csv")}
    with (CODEBOOK / "synthetic-codebook-alliance_v4.1_by_dyad.csv").open(encoding="utf-8") as handle:
        assert {row["ccode1"] for row in csv.DictReader(handle)} == codes  # every state of the list
    former = sum(
        1
        for s in _source("cow-states2016.csv")
        if cow_state(s["ccode"], dt.date(int(s["styear"]), int(s["stmonth"]), int(s["stday"]))).iso3 == ""
    )  # type: ignore[union-attr]
    assert (load.rows, load.unknown, sum(load.omitted.values())) == (243, 0, former)
    assert load.facts == 243 - former == len([t for t in load.records if isinstance(t, r.Treaty)])
    assert "243 row(s): 219 became facts, 24 left out by design, 0 unknown" in load.summary()
    parties = {t.name.split(": ")[1]: t.parties for t in load.records if isinstance(t, r.Treaty)}
    assert parties["DEU-USA from 1955-05-05"] == ("DEU", "USA")  # 260, the German Federal Republic
    assert not any("1954-03-25" in name for name in parties)  # 265, the GDR: left out, not on DEU


def test_an_atop_file_with_every_state_leaves_no_state_unknown() -> None:
    load = _load("synthetic-codebook-atop5_1ddyr.csv")
    assert (load.rows, load.unknown, load.facts) == (486, 0, 438)


def test_a_gdelt_day_with_every_cameo_code_counts_facts_and_what_it_left_out() -> None:
    load = _load("synthetic-20250301000000.export.CSV")
    regions = sum(1 for c in _source("gdelt-cameo-country.csv") if other_code("cameo", c["code"]))
    assert (load.rows, load.unknown, load.facts) == (261, 0, 259 - regions)
    assert load.omitted == {
        "an actor that is not the state (type other than none or GOV)": 1,
        "an actor whose CAMEO code is a region or a territory, not an ISO 3166-1 country": regions,
        "not a consultation (EventRootCode other than 04)": 1,
    }
    meetings = [m for m in load.records if isinstance(m, r.Meeting)]
    assert {"ROU", "TLS", "MNE", "IMN"} <= {c for m in meetings for c in m.countries}


def test_a_comtrade_file_with_every_partner_area_leaves_none_unknown() -> None:
    load = _load("synthetic-codebook-TradeData_1_1_2025_0_0_0.csv")
    assert (load.rows, load.unknown) == (301, 0)
    assert load.omitted["partner World (partnerCode 0): an aggregate"] == 1
    flows = {f.exporter for f in load.records if isinstance(f, r.TradeFlow)}
    assert {"IND", "FRA", "CHE", "NOR", "ITA"} <= flows and load.facts == len(flows) == 239


def test_bilateral_load_prints_each_files_summary(tmp_path: Path) -> None:
    files = [
        CODEBOOK / name
        for name in (
            "synthetic-codebook-alliance_v4.1_by_dyad.csv",
            "synthetic-20250301000000.export.CSV",
            "synthetic-codebook-atop5_1ddyr.csv",
        )
    ]
    done = subprocess.run(
        [sys.executable, "-m", "bilateral.cli", "load", "--store", str(tmp_path / "s"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (
        "synthetic-codebook-alliance_v4.1_by_dyad.csv: 243 row(s): 219 became facts, 24 left out by "
        "design, 0 unknown" in done.stderr
    )
    assert (
        "synthetic-20250301000000.export.CSV: 261 row(s): 230 became facts, 31 left out by design, "
        "0 unknown" in done.stderr
    )
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        assert kg.validate() == []
