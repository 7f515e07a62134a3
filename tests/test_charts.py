"""`bilateral chart` as a user runs it, and the `bilateral.charts` API the web app embeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral import charts
from bilateral.graph.store import Rows

from .conftest import EXAMPLE, run_cli

SOURCES = ("usimportdata-us-japan-2025", "wsb-ustr-post", "usfijitimes-zero-balance")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("charts") / "store")
    assert run_cli("load", str(EXAMPLE), "--store", path).returncode == 0
    return path


def test_trade_balance_as_svg_names_every_source_and_is_the_same_each_time(store: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    for out in (first, second):
        result = run_cli("chart", "trade-balance", "-p", "a=USA", "-p", "b=JPN", "-o", str(out), "--store", store)
        assert result.returncode == 0, result.stderr
        assert f"Wrote the trade-balance chart to {out}" in result.stderr
    svg = first.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert svg == second.read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert "Goods trade balance of USA with JPN" in svg
    for source in SOURCES:  # the legend and the caption
        assert svg.count(source) >= 2, source
    assert "Sources:" in svg


def test_top_sectors_as_png(store: str, tmp_path: Path) -> None:
    out = tmp_path / "sectors.png"
    result = run_cli(
        "chart",
        "top-sectors",
        "-p",
        "exporter=JPN",
        "-p",
        "importer=USA",
        "-p",
        "year=2024",
        "-o",
        str(out),
        "--store",
        store,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_a_chart_with_nothing_to_draw_or_a_bad_suffix_is_an_error(store: str, tmp_path: Path) -> None:
    result = run_cli(
        "chart",
        "trade-balance",
        "-p",
        "a=USA",
        "-p",
        "b=JPN",
        "-p",
        "years=1990",
        "-o",
        str(tmp_path / "x.svg"),
        "--store",
        store,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: no trade balance to chart")
    result = run_cli(
        "chart", "trade-balance", "-p", "a=USA", "-p", "b=JPN", "-o", str(tmp_path / "x.pdf"), "--store", store
    )
    assert result.returncode == 1
    assert "a chart is written as .svg or .png" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.svg").exists() and not (tmp_path / "x.pdf").exists()


def test_the_api_bars_are_deterministic_svg_with_a_caption() -> None:
    rows = Rows(
        ["rank", "sector", "name", "value", "currency", "reporter", "source"],
        [
            (1, "https://example.org/s/1", "Automobiles", 7_200_000_000_000, "JPY", "JPN", "nippon-com"),
            (2, "https://example.org/s/2", None, 900_000_000_000, "JPY", "JPN", "nippon-com"),
        ],
    )
    svg = charts.to_svg(charts.chart("top-sectors", rows, title="Top"))
    assert svg == charts.to_svg(charts.chart("top-sectors", rows, title="Top"))
    assert "Automobiles" in svg and "https://example.org/s/2" in svg  # a sector without a name: its IRI
    assert "Source: nippon-com" in svg
    with pytest.raises(charts.QueryError, match="no chart is named 'pie'"):
        charts.chart("pie", rows)
