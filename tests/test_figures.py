"""The figure key (bi:figure): one term shared by every source's value of the same figure, so that
conflicting-figures over the whole store groups on it instead of comparing every figure."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from bilateral.api import KnowledgeGraph
from bilateral.examples import example_path
from bilateral.graph.rdf import to_quads
from bilateral.graph.store import KEYED
from bilateral.loaders import records as r
from bilateral.ontology.vocab import BI

FLOW = r.TradeFlow(
    exporter="JPN",
    importer="USA",
    year=2024,
    sector=r.TopicRef("HS", "870323"),
    value=Decimal("1000"),
    currency="USD",
    unit="current prices",
    reporter="USA",
    source="one",
)
OBSERVATION = r.Indicator(
    indicator="goods_balance",
    country="USA",
    partner="JPN",
    year=2024,
    value=Decimal("-68000000000"),
    unit="current prices",
    currency="USD",
    source="one",
)


def _figures(*records: r.Record) -> list[Literal | None]:
    """The bi:figure of each record (None where it has none), in order."""
    out = []
    for rec in records:
        found = [q.object for q in to_quads([rec]) if q.predicate == NamedNode(BI.figure)]
        assert len(found) <= 1
        out.append(found[0] if found else None)  # type: ignore[arg-type]
    return out


def test_two_sources_values_of_one_flow_share_its_figure_key() -> None:
    other = dataclasses.replace(FLOW, source="two", value=Decimal("2000"), reporter="JPN")
    mine, theirs = _figures(FLOW, other)
    assert mine is not None and mine == theirs


def test_a_flow_of_another_sector_year_direction_or_currency_has_another_key() -> None:
    variants = [
        dataclasses.replace(FLOW, sector=r.TopicRef("HS", "870324")),
        dataclasses.replace(FLOW, year=2023),
        dataclasses.replace(FLOW, exporter="USA", importer="JPN", reporter="JPN"),
        dataclasses.replace(FLOW, currency="EUR"),
    ]
    keys = _figures(FLOW, *variants)
    assert None not in keys and len(set(keys)) == len(keys)


def test_observations_share_keys_by_indicator_countries_year_and_currency() -> None:
    same = dataclasses.replace(OBSERVATION, source="two", value=Decimal("-70000000000"))
    others = [
        dataclasses.replace(OBSERVATION, indicator="exports"),
        dataclasses.replace(OBSERVATION, country="JPN", partner="USA"),
        dataclasses.replace(OBSERVATION, year=2023),
    ]
    mine, theirs, *rest = _figures(OBSERVATION, same, *others)
    assert mine is not None and mine == theirs
    assert len({mine, *rest}) == 1 + len(rest)
    # a flow is never the same figure as an observation, and a figure without currency has no key
    assert _figures(FLOW)[0] != mine
    assert _figures(dataclasses.replace(OBSERVATION, currency=None)) == [None]


def test_conflicting_figures_over_the_whole_store_finds_a_new_conflict(tmp_path: Path) -> None:
    """Two sources giving the same flow different values conflict; the same value does not."""
    sources = [
        r.Source(id=name, title=name, publisher="test", reliability="secondary") for name in ("one", "two", "three")
    ]
    flows = [
        FLOW,
        dataclasses.replace(FLOW, source="two", value=Decimal("2000")),
        dataclasses.replace(FLOW, source="three", sector=r.TopicRef("HS", "870324")),
        dataclasses.replace(FLOW, source="two", sector=r.TopicRef("HS", "870324")),
    ]
    sectors = [r.Topic(r.TopicRef("HS", k), f"HS {k}", "one", notation=k) for k in ("870323", "870324")]
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.store.add(list(to_quads([*sources, *sectors, *flows])))
        whole = kg.query_rows("conflicting-figures")
        pair = kg.query_rows("conflicting-figures", {"a": "JPN", "b": "USA"})
    assert whole.rows == pair.rows
    assert {(row[0], row[5], row[7]) for row in whole.rows} == {
        ("exports:870323", Decimal("1000"), "one"),
        ("exports:870323", Decimal("2000"), "two"),
    }


EXAMPLE = example_path()
BACI = Path(__file__).resolve().parent / "data" / "public" / "synthetic-BACI_HS92_Y2022_V000000.csv"
# a row of BACI above: USA (842) exports HS 870323 to Japan (392) in 2022, 50000.125 thousand USD
BACI_ROW = "2022,842,392,870323,50000.125,NA"


def _baci(folder: Path, release: str, row: str = BACI_ROW) -> Path:
    """The test BACI file as release `release` (another source) with its row BACI_ROW given as `row`."""
    folder.mkdir(parents=True, exist_ok=True)
    codes = BACI.with_name("synthetic-country_codes_V000000.csv")
    (folder / f"synthetic-country_codes_V{release}.csv").write_bytes(codes.read_bytes())
    text = BACI.read_text(encoding="utf-8")
    assert BACI_ROW in text
    path = folder / f"synthetic-BACI_HS92_Y2022_V{release}.csv"
    path.write_text(text.replace(BACI_ROW, row), encoding="utf-8")
    return path


def _whole_and_by_pair(kg: KnowledgeGraph) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    """conflicting-figures over the whole store, and the union of its answers pair by pair (the
    pairs it names, and USA-JPN): the whole-store question must be that union."""
    whole = kg.query_rows("conflicting-figures")
    pairs = {tuple(sorted((row[1], row[2]))) for row in whole.rows} | {("JPN", "USA")}
    by_pair = {row for a, b in pairs for row in kg.query_rows("conflicting-figures", {"a": a, "b": b}).rows}
    return set(whole.rows), by_pair


def _sides(rows: set[tuple[object, ...]]) -> set[tuple[object, ...]]:
    """(metric, value, source) of each row."""
    return {(row[0], row[5], row[7]) for row in rows}


def test_whole_store_finds_a_flow_given_two_values_by_one_source(tmp_path: Path) -> None:
    """One source giving one flow two values (a file loaded again, changed, without --replace) is a
    conflict, as it is for the pair: the whole store's answer is the union of the pairs'."""
    source = r.Source(id="one", title="one", publisher="test", reliability="secondary")
    sector = r.Topic(r.TopicRef("HS", "870323"), "HS 870323", "one", notation="870323")
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.store.add(list(to_quads([source, sector, FLOW])))
        kg.store.add(list(to_quads([dataclasses.replace(FLOW, value=Decimal("2000"))])))
        whole, by_pair = _whole_and_by_pair(kg)
    assert whole == by_pair
    assert _sides(whole) == {("exports:870323", Decimal("1000"), "one"), ("exports:870323", Decimal("2000"), "one")}


def test_whole_store_finds_a_bulk_loaded_flow_changed_by_a_reload_without_replace(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.load([_baci(tmp_path / "a", "000000")])
        kg.load([_baci(tmp_path / "b", "000000", BACI_ROW.replace("50000.125", "7"))])
        whole, by_pair = _whole_and_by_pair(kg)
    assert whole == by_pair
    assert {value for _, value, _ in _sides(whole)} == {Decimal("50000125"), Decimal("7000")}


def test_whole_store_finds_conflicts_with_and_between_bulk_loaded_sources(tmp_path: Path) -> None:
    """A bulk-loaded source gives each figure once (its conflicts are with other sources): a small
    source against it, and two bulk-loaded sources against each other, are found."""
    small = r.Source(id="small", title="small", publisher="test", reliability="secondary")
    flow = dataclasses.replace(FLOW, exporter="USA", importer="JPN", year=2022, value=Decimal("1"), source="small")
    with KnowledgeGraph.open(tmp_path / "s") as kg:
        kg.load([_baci(tmp_path / "a", "000000")])
        kg.store.add(list(to_quads([small, flow])))
        whole, by_pair = _whole_and_by_pair(kg)
        assert whole == by_pair
        assert _sides(whole) == {
            ("exports:870323", Decimal("50000125"), "synthetic-baci-hs92-y2022-v000000"),
            ("exports:870323", Decimal("1"), "small"),
        }
        kg.load([_baci(tmp_path / "b", "000002", BACI_ROW.replace("50000.125", "7"))])  # the same year, again
        kg.load([_baci(tmp_path / "c", "000003")])  # once more, agreeing with the first
        whole, by_pair = _whole_and_by_pair(kg)
    assert whole == by_pair
    assert _sides(whole) == {
        ("exports:870323", Decimal("50000125"), "synthetic-baci-hs92-y2022-v000000"),
        ("exports:870323", Decimal("50000125"), "synthetic-baci-hs92-y2022-v000003"),
        ("exports:870323", Decimal("7000"), "synthetic-baci-hs92-y2022-v000002"),
        ("exports:870323", Decimal("1"), "small"),
    }


def test_an_old_store_without_figure_keys_gets_them_when_opened(tmp_path: Path) -> None:
    """A store written before bi:figure (and before bulk-loaded graphs' counts) gets the keys its
    flows and observations would be given now, the first time it is opened: the whole-store
    question then finds its conflicts without a reload."""
    store = tmp_path / "s"
    small = r.Source(id="small", title="small", publisher="test", reliability="secondary")
    flow = dataclasses.replace(FLOW, exporter="USA", importer="JPN", year=2022, value=Decimal("1"), source="small")
    with KnowledgeGraph.open(store) as kg:
        kg.load([EXAMPLE, _baci(tmp_path / "a", "000000")])
        kg.store.add(list(to_quads([small, flow])))
        figures = set(kg.store.pattern(None, NamedNode(BI.figure), None, None))  # type: ignore[attr-defined]
        answer = kg.query_rows("conflicting-figures").rows
        graphs = {q.graph_name.value.rsplit("/", 1)[-1] for q in figures}  # type: ignore[union-attr]
        assert {"small", "synthetic-baci-hs92-y2022-v000000", "usimportdata-us-japan-2025"} <= graphs
        assert {"small", "usimportdata-us-japan-2025"} <= {row[7] for row in answer}
        # as a store was before the figure keys and the counts: neither, and keyed by version 1
        for predicate in (BI.figure, BI.quadCount, BI.flowCount):
            kg.store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?s <{predicate}> ?o }} }}")  # type: ignore[attr-defined]
    (store / KEYED).write_text("1", encoding="ascii")
    with KnowledgeGraph.open(store, read_only=True) as kg:  # a reader: the first writer keys it
        assert set(kg.store.pattern(None, NamedNode(BI.figure), None, None)) == figures  # type: ignore[attr-defined]
        assert kg.query_rows("conflicting-figures").rows == answer
