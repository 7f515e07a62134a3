"""The figure key (bi:figure): one term shared by every source's value of the same figure, so that
conflicting-figures over the whole store groups on it instead of comparing every figure."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from bilateral.api import KnowledgeGraph
from bilateral.graph.rdf import to_quads
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
