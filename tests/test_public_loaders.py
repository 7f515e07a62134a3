"""Public data sets (Comtrade, BACI, Census, COW, ATOP, GDELT): fixtures in their exact shapes load
into a real store and validate; unknown codes are refused with the row, or skipped and reported;
the BACI bulk path gives the same quads as the record path."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import InputError, StoreError
from bilateral.graph import iri
from bilateral.graph.bulk import bulk_load_nquads
from bilateral.graph.flows import bulk_nquads
from bilateral.graph.keys import with_keys
from bilateral.graph.rdf import to_quads
from bilateral.loaders import records as r
from bilateral.loaders.baci import read_baci
from bilateral.loaders.census import read_census
from bilateral.loaders.comtrade import COMTRADE_COLUMNS, read_comtrade
from bilateral.loaders.cow import COW_COLUMNS, read_cow_alliances
from bilateral.loaders.detect import detect, read_inputs
from bilateral.loaders.gdelt import GDELT_COLUMNS, read_gdelt
from bilateral.loaders.public import plain_decimal
from bilateral.loaders.public_formats import read_public
from bilateral.ontology.vocab import BI

from .conftest import DATA

PUBLIC = DATA / "public"
BAD = PUBLIC / "bad"
ROOT = Path(__file__).resolve().parents[1]

FIXTURES = {
    "synthetic-TradeData_1_1_2025_0_0_0.csv": "comtrade",
    "synthetic-BACI_HS92_Y2022_V000000.csv": "baci",
    "synthetic-BACI_HS92_Y2019_V000001.csv": "baci",
    "synthetic-country.csv": "census",
    "synthetic-alliance_v4.1_by_dyad.csv": "cow-alliances",
    "synthetic-atop5_1ddyr.csv": "atop",
    "synthetic-20250207120000.export.CSV": "gdelt",
}


def _without_counts(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    """The quads but a bulk load's counts (written by `load` beside the file's quads)."""
    counts = {ox.NamedNode(BI.quadCount), ox.NamedNode(BI.flowCount)}
    return {q for q in quads if q.predicate not in counts}


def _of(records: list[r.Record], kind: type) -> list:  # type: ignore[type-arg]
    return [rec for rec in records if isinstance(rec, kind)]


def _where(err: InputError) -> set[tuple[str, int | None, str | None, str]]:
    return {(Path(p.file).name, p.row, p.column, str(p.value)) for p in err.problems}


# ------------------------------------------------------------------ every fixture, into a store


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_each_fixture_is_detected_loads_into_a_store_and_validates(name: str, kg: KnowledgeGraph) -> None:
    path = PUBLIC / name
    assert detect(path) == FIXTURES[name]
    report = kg.load([path])
    assert report.records > 0 and report.added > 0
    assert kg.validate() == []
    again = kg.load([path])  # identity is deterministic: a second load changes nothing
    assert again.added == 0


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_a_renamed_file_is_detected_by_its_header(name: str, tmp_path: Path) -> None:
    renamed = tmp_path / "download.csv"
    shutil.copy(PUBLIC / name, renamed)
    assert detect(renamed) == FIXTURES[name]


def test_the_whole_folder_loads_and_every_source_is_synthetic(kg: KnowledgeGraph) -> None:
    inputs = read_inputs([PUBLIC])
    assert sorted(p.name for p in inputs.files) == sorted(FIXTURES)  # codes files are not inputs
    sources = _of(inputs.records, r.Source)
    assert sources and all(s.reliability == "synthetic" and s.id.startswith("synthetic-") for s in sources)
    kg.load([PUBLIC])
    assert kg.validate() == []


# ------------------------------------------------------------------ BACI


def test_baci_pads_hs_codes_scales_values_and_names_the_importer_as_reporter() -> None:
    load = read_baci(PUBLIC / "synthetic-BACI_HS92_Y2022_V000000.csv")
    flows = {(f.exporter, f.importer, f.sector.key): f for f in _of(load.records, r.TradeFlow)}
    horse = flows[("USA", "JPN", "010121")]  # k 10121: the leading zero restored
    assert horse.value == Decimal("1234567") and horse.currency == "USD" and horse.unit == "current prices"
    assert horse.reporter == "JPN" and horse.year == 2022
    assert flows[("FRA", "IND", "220421")].value == Decimal("12300")  # q empty: fine
    assert flows[("USA", "JPN", "870323")].value == Decimal("50000125")  # q NA: fine
    topics = {t.ref.key: t for t in _of(load.records, r.Topic)}
    assert topics["010121"].broader == r.TopicRef("HS", "0101")
    assert topics["0101"].broader == r.TopicRef("HS", "01")
    assert topics["01"].broader is None and topics["01"].name == "01"  # no invented labels
    source = _of(load.records, r.Source)[0]
    assert source.id == "synthetic-baci-hs92-y2022-v000000" and source.url is None and "thousands" in source.note


def test_baci_reads_both_spellings_of_the_country_codes_file() -> None:
    old = read_baci(PUBLIC / "synthetic-BACI_HS92_Y2019_V000001.csv")  # iso_3digit_alpha
    assert {(f.exporter, f.importer, f.sector.key) for f in _of(old.records, r.TradeFlow)} == {
        ("JPN", "USA", "080610"),
        ("USA", "JPN", "080610"),
    }
    new = read_baci(PUBLIC / "synthetic-BACI_HS92_Y2022_V000000.csv")  # country_iso3
    assert len(_of(new.records, r.TradeFlow)) == 6


@pytest.mark.parametrize("name", ["synthetic-BACI_HS92_Y2022_V000000.csv", "synthetic-BACI_HS92_Y2019_V000001.csv"])
def test_baci_bulk_path_gives_the_same_quads_as_the_record_path(name: str) -> None:
    path = PUBLIC / name
    by_records = set(with_keys(to_quads(read_baci(path).records)))  # the store adds the keys
    out = io.BytesIO()
    stats = bulk_nquads(path, out, chunksize=2)  # several chunks, to cross their borders
    by_bulk = set(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS))
    assert by_bulk == by_records
    assert stats.flows == stats.rows == len(read_baci(path).records) - 1 - len(_of(read_baci(path).records, r.Topic))


def test_baci_bulk_path_refuses_the_same_cells_as_the_record_path() -> None:
    path = BAD / "synthetic-BACI_HS92_Y2022_V000002.csv"
    with pytest.raises(InputError) as records:
        read_baci(path)
    with pytest.raises(InputError) as bulk:
        bulk_nquads(path, io.BytesIO(), chunksize=3)
    assert (
        _where(records.value)
        == _where(bulk.value)
        == {
            (path.name, 3, "i", "555"),
            (path.name, 4, "j", "999"),
            (path.name, 5, "j", "555"),
            (path.name, 6, "k", "121"),
            (path.name, 7, "v", "-5"),
            (path.name, 8, "j", "842"),
        }
    )


def test_a_bulk_load_into_the_store_matches_a_record_load(tmp_path: Path) -> None:
    path = PUBLIC / "synthetic-BACI_HS92_Y2022_V000000.csv"
    nquads = tmp_path / "baci.nq"
    with nquads.open("wb") as out:
        stats = bulk_nquads(path, out)
    with KnowledgeGraph.open(tmp_path / "bulk") as kg:
        added = bulk_load_nquads(kg.store, nquads)
        assert kg.validate() == []
        bulk = set(kg.store.quads())
    with KnowledgeGraph.open(tmp_path / "records") as kg:
        kg.load([path])
        # `load` also writes the graph's counts (bi:quadCount, bi:flowCount: what `stats` reads)
        assert _without_counts(kg.store.quads()) == bulk and added == len(bulk)
    assert iri.source_iri(stats.source) in stats.graphs


def test_a_failed_bulk_load_leaves_nothing_of_the_file(tmp_path: Path) -> None:
    path = PUBLIC / "synthetic-BACI_HS92_Y2022_V000000.csv"
    nquads = tmp_path / "broken.nq"
    buffer = io.BytesIO()
    stats = bulk_nquads(path, buffer)
    nquads.write_bytes(buffer.getvalue() + b'<https://x.example/s> <https://x.example/p> "unterminated .\n')
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        with pytest.raises(StoreError, match="removed"):
            bulk_load_nquads(kg.store, nquads)
        assert ox.NamedNode(iri.source_iri(stats.source)) not in kg.store.graphs()


def test_the_generator_is_seeded_and_its_output_bulk_loads(tmp_path: Path) -> None:
    def generate(out: Path) -> bytes:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate_baci.py"),
                "--rows",
                "300",
                "--seed",
                "7",
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        return (out / "synthetic-BACI_HS92_Y2022_V000000.csv").read_bytes()

    assert generate(tmp_path / "a") == generate(tmp_path / "b")
    data = tmp_path / "a" / "synthetic-BACI_HS92_Y2022_V000000.csv"
    out = io.BytesIO()
    stats = bulk_nquads(data, out)
    assert stats.flows == 300
    assert set(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS)) == set(
        with_keys(to_quads(read_baci(data).records))
    )


# ------------------------------------------------------------------ Comtrade


def test_comtrade_keeps_each_reporters_view_and_leaves_out_aggregates() -> None:
    load = read_comtrade(PUBLIC / "synthetic-TradeData_1_1_2025_0_0_0.csv")
    flows = {(f.exporter, f.importer, f.sector.key, f.reporter): f.value for f in _of(load.records, r.TradeFlow)}
    assert flows == {
        ("USA", "JPN", "TOTAL", "JPN"): Decimal("150000000000.5"),  # Japan's imports (M)
        ("USA", "JPN", "TOTAL", "USA"): Decimal("148000000000"),  # the US's exports (X): its mirror
        ("IND", "FRA", "0101", "IND"): Decimal("2500000"),  # India is 699, France 251
        ("FRA", "IND", "010121", "FRA"): Decimal("1200000.25"),  # cmdCode 10121 at level 6
        ("USA", "JPN", "870323", "JPN"): Decimal("3100000000"),
    }
    assert load.omitted == {
        "a breakdown by second partner, customs procedure or mode of transport": 1,
        "flowCode RX: only imports (M) and exports (X) are loaded": 1,
        "partner World (partnerCode 0): an aggregate": 1,
    }
    names = {t.ref.key: t.name for t in _of(load.records, r.Topic)}
    assert names["870323"] == "Synthetic label 870323" and names["8703"] == "8703"  # the file's own label


def test_comtrade_header_has_47_columns() -> None:
    assert len(COMTRADE_COLUMNS) == 47 and len(set(COMTRADE_COLUMNS)) == 47
    header = (PUBLIC / "synthetic-TradeData_1_1_2025_0_0_0.csv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == COMTRADE_COLUMNS


# ------------------------------------------------------------------ Census


def test_census_gives_annual_flows_reported_by_the_usa() -> None:
    load = read_census(PUBLIC / "synthetic-country.csv")
    flows = {(f.exporter, f.importer, f.year): f for f in _of(load.records, r.TradeFlow)}
    assert set(flows) == {
        ("CAN", "USA", 2024),
        ("USA", "CAN", 2024),
        ("CHN", "USA", 2024),
        ("USA", "CHN", 2024),
        ("MEX", "USA", 2024),
        ("USA", "MEX", 2024),
    }
    assert flows[("CHN", "USA", 2024)].value == Decimal("433200000")  # IYR 433.2 millions
    assert flows[("USA", "CAN", 2024)].value == Decimal("354000000")  # EYR
    assert {f.reporter for f in flows.values()} == {"USA"}
    assert {f.sector for f in flows.values()} == {r.TopicRef("HS", "TOTAL")}
    assert load.omitted == {
        "a partial year (monthly cells missing: the annual columns are a year to date)": 1,
        "an aggregate (World, a continent or a grouping)": 1,
    }


def test_thousands_separators_are_read() -> None:
    assert plain_decimal("3,267,460.6") == Decimal("3267460.6")
    assert plain_decimal("3,26,0") is None and plain_decimal("-1") is None and plain_decimal("1e3") is None


# ------------------------------------------------------------------ COW and ATOP


def test_cow_dyad_spells_become_treaties_with_censoring() -> None:
    load = read_cow_alliances(PUBLIC / "synthetic-alliance_v4.1_by_dyad.csv")
    treaties = {t.name: t for t in _of(load.records, r.Treaty)}
    us_ca = treaties["COW alliance 901: CAN-USA from 1950-03-01"]
    assert us_ca.parties == ("CAN", "USA") and us_ca.signed == us_ca.in_force == dt.date(1950, 3, 1)
    assert us_ca.ended is None and us_ca.alliance_types == ("defence", "nonaggression", "entente")
    uk_fr = treaties["COW alliance 902: FRA-GBR from 1816-01-01"]
    assert uk_fr.signed is None and uk_fr.ended == dt.date(1900, 6, 15) and "left-censored" in uk_fr.citation
    assert treaties["COW alliance 903: JPN-USA from 1960-10-10"].ended is None  # right-censored
    assert treaties["COW alliance 903: IND-JPN from 1970-05-05"].ended == dt.date(1980, 4, 4)
    assert {c.iso3: c.cow for c in _of(load.records, r.Country)}["GBR"] == "200"
    header = (PUBLIC / "synthetic-alliance_v4.1_by_dyad.csv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == COW_COLUMNS and len(COW_COLUMNS) == 18


def test_atop_dyad_years_become_year_level_spells() -> None:
    load = read_public(PUBLIC / "synthetic-atop5_1ddyr.csv", "atop")
    treaties = {t.name: t for t in _of(load.records, r.Treaty)}
    assert set(treaties) == {
        "ATOP JPN-USA consultation+defence, 1990-1992 (year-level)",  # the same both ways: one record
        "ATOP USA to CAN defence, 1990-1990 (year-level)",  # one-sided: each direction its own
        "ATOP CAN to USA consultation, 1990-1990 (year-level)",
        "ATOP FRA-GBR consultation, 1990-1990 (year-level)",  # a gap in 1991: two spells
        "ATOP FRA-GBR consultation, 1992-1992 (year-level)",
    }
    us_jp = treaties["ATOP JPN-USA consultation+defence, 1990-1992 (year-level)"]
    assert us_jp.in_force == dt.date(1990, 1, 1) and us_jp.ended is None and us_jp.signed is None
    assert "year-level" in us_jp.citation
    assert treaties["ATOP FRA-GBR consultation, 1990-1990 (year-level)"].ended == dt.date(1990, 12, 31)
    assert load.omitted == {"a dyad-year with no obligation (no alliance that year)": 2}


# ------------------------------------------------------------------ GDELT


def test_gdelt_consultations_between_states_become_meetings_with_their_sources() -> None:
    load = read_gdelt(PUBLIC / "synthetic-20250207120000.export.CSV")
    meetings = {(m.countries, m.kind, m.source): m for m in _of(load.records, r.Meeting)}
    assert set(meetings) == {
        (("JPN", "USA"), "official visit", "synthetic-gdelt-900000001"),  # 042: Japan visits the US
        (("JPN", "USA"), "official visit", "synthetic-gdelt-900000002"),  # 043: the US hosts Japan
        (("IND", "USA"), "call", "synthetic-gdelt-900000003"),  # 041: by telephone
        (("FRA", "GBR"), "talks", "synthetic-gdelt-900000004"),  # 046: negotiation
    }
    visit = meetings[(("JPN", "USA"), "official visit", "synthetic-gdelt-900000001")]
    assert visit.host == "USA" and visit.date == dt.date(2025, 2, 7) and visit.place.startswith("Washington")
    assert meetings[(("JPN", "USA"), "official visit", "synthetic-gdelt-900000002")].host == "USA"
    assert len({m.ref for m in meetings.values()}) == 3  # two events, one meeting
    source = {s.id: s for s in _of(load.records, r.Source)}["synthetic-gdelt-900000001"]
    assert source.url == "https://example.org/synthetic/gdelt/900000001"
    assert source.note.startswith("GDELT GoldsteinScale 1.9; EventCode 042")
    assert source.title == "GDELT event 900000001" and source.reliability == "synthetic"
    assert sum(load.omitted.values()) == 4


def test_gdelt_reads_61_tab_separated_columns_plain_or_zipped(tmp_path: Path) -> None:
    plain = PUBLIC / "synthetic-20250207120000.export.CSV"
    assert len(GDELT_COLUMNS) == 61
    assert {len(line.split("\t")) for line in plain.read_text(encoding="utf-8").splitlines()} == {61}
    zipped = tmp_path / "synthetic-20250207120000.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(plain, plain.name)
    assert detect(zipped) == "gdelt"
    assert read_gdelt(zipped).records == read_gdelt(plain).records


# ------------------------------------------------------------------ unknown codes

BAD_CELLS = {
    "synthetic-TradeData_9_9_2025_0_0_0.csv": {
        (3, "reporterCode", "999", True),
        (4, "primaryValue", "lots", False),
        (5, "reporterISO", "FRA", False),
        (6, "freqCode", "M", False),
    },
    "synthetic-BACI_HS92_Y2022_V000002.csv": {
        (3, "i", "555", True),
        (4, "j", "999", True),
        (5, "j", "555", True),
        (6, "k", "121", False),
        (7, "v", "-5", False),
        (8, "j", "842", False),
    },
    "synthetic-country.csv": {(3, "CTY_CODE", "5880", True)},
    # 340 is Serbia's Gleditsch-Ward code, not a COW state; XKX (Kosovo's user-assigned code) is no CAMEO code
    "synthetic-alliance_v4.1_by_dyad.csv": {(3, "ccode2", "340", True), (4, "dyad_st_year", "31/2/1920", False)},
    "synthetic-atop5_1ddyr.csv": {(4, "stateB", "340", True), (5, "year", "19x1", False), (5, "consul", "2", False)},
    "synthetic-20250207121500.export.CSV": {
        (2, "Actor2CountryCode", "XKX", True),
        (3, "GoldsteinScale", "eleven", False),
        (4, "Actor2CountryCode", "XKX", True),
        (5, None, "57", False),
    },
}


@pytest.mark.parametrize("name", sorted(BAD_CELLS))
def test_a_file_with_an_unknown_code_is_refused_naming_the_row(name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_inputs([BAD / name])
    assert _where(caught.value) == {(name, row, column, value) for row, column, value, _ in BAD_CELLS[name]}
    unknown = [p for p in caught.value.problems if "unknown country code" in p.message or "not an ISO" in p.message]
    assert {(p.row, p.column) for p in unknown} == {(row, col) for row, col, _, u in BAD_CELLS[name] if u}


@pytest.mark.parametrize("name", sorted(BAD_CELLS))
def test_skip_unknown_leaves_only_the_other_problems(name: str) -> None:
    others = {(name, row, column, value) for row, column, value, unknown in BAD_CELLS[name] if not unknown}
    if not others:
        read_inputs([BAD / name], skip_unknown=True)
        return
    with pytest.raises(InputError) as caught:
        read_inputs([BAD / name], skip_unknown=True)
    assert _where(caught.value) == others


def test_skip_unknown_reports_what_it_skipped(tmp_path: Path, kg: KnowledgeGraph) -> None:
    inputs = read_inputs([BAD / "synthetic-country.csv"], skip_unknown=True)
    assert [(s.column, s.value, s.rows, s.first_row) for s in inputs.skipped] == [("CTY_CODE", "5880", 1, 3)]
    assert "unknown country code" in str(inputs.skipped[0]) and "row 3" in str(inputs.skipped[0])
    assert {f.exporter for f in _of(inputs.records, r.TradeFlow)} == {"CAN", "CHN", "USA"}

    # BACI: rows with unknown codes are counted per code, in the record and the bulk path alike
    folder = tmp_path / "baci"
    folder.mkdir()
    data = folder / "synthetic-BACI_HS92_Y2022_V000000.csv"
    shutil.copy(PUBLIC / "synthetic-country_codes_V000000.csv", folder)
    good = (PUBLIC / data.name).read_text(encoding="utf-8")
    data.write_text(
        good + "2022,555,392,10121,1,NA\n2022,842,555,10121,2,NA\n2022,555,251,10121,3,NA\n", encoding="utf-8"
    )
    load = read_baci(data, skip_unknown=True)
    expected = [("i", "555", 2, 8), ("j", "555", 1, 9)]
    assert [(s.column, s.value, s.rows, s.first_row) for s in load.skipped] == expected
    assert len(_of(load.records, r.TradeFlow)) == 6
    stats = bulk_nquads(data, io.BytesIO(), skip_unknown=True, chunksize=4)
    assert [(s.column, s.value, s.rows, s.first_row) for s in stats.skipped] == expected
    kg.load([PUBLIC / "synthetic-country.csv"])
    assert kg.validate() == []


# -- `bilateral load` on public files: BACI takes the bulk path, the rest the record path ------


def test_load_puts_baci_through_the_bulk_path_with_the_same_quads(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "bulk") as kg:
        report = kg.load([PUBLIC])
        via_load = sorted(map(str, _without_counts(kg.store.quads())))
        assert report.skipped == [] and report.added == len(list(kg.store.quads()))
        assert kg.validate() == []
    records = read_inputs([PUBLIC]).records  # every file, BACI included, as records
    with KnowledgeGraph.open(tmp_path / "records") as kg:
        kg.store.add(to_quads(records))
        assert sorted(map(str, kg.store.quads())) == via_load


def test_a_bad_baci_file_is_reported_with_the_others_and_nothing_is_written(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "s") as kg, pytest.raises(InputError) as caught:
        kg.load([PUBLIC / "bad"])
    files = {Path(p.file).name for p in caught.value.problems}
    assert "synthetic-BACI_HS92_Y2022_V000002.csv" in files and len(files) > 1
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        assert len(kg.store) == 0


def test_gdelt_meetings_keep_their_goldstein_score_and_event_code(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.load([PUBLIC / "synthetic-20250207120000.export.CSV"])
        rows = kg.select(
            "PREFIX bi: <https://w3id.org/bilateral/ontology#> "
            "SELECT ?code ?score WHERE { ?m a bi:Meeting ; bi:eventCode ?code ; "
            "bi:goldsteinScale ?score }"
        ).rows
    assert rows and all(str(code).startswith("04") and -10 <= score <= 10 for code, score in rows)
