"""Charts of catalog query results: one specification for the CLI and the web app.

The public API is small and stable:

- `KINDS`: the chart kinds, each named after the catalog query whose rows it draws.
- `chart(kind, rows, title=None) -> Figure`: a matplotlib Figure (no pyplot, no global state).
- `check(kind, rows)`: whether `chart` would draw something, without drawing (cheap): the
  QueryError `chart` would raise, or nothing.
- `to_svg(figure) -> str`: the SVG text, deterministic (no dates, fixed ids and fonts), for
  inline use in HTML.
- `save(figure, path) -> Path`: SVG or PNG, chosen by the path's suffix.

Every chart names its sources in a caption under the plot.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bilateral.core.errors import QueryError
from bilateral.graph.store import Rows

__all__ = ["KINDS", "SUFFIXES", "QueryError", "chart", "check", "save", "to_svg"]

KINDS = ("trade-balance", "top-sectors")
SUFFIXES = (".svg", ".png")

# Fixed so that the same rows give the same file on every machine: matplotlib's bundled font
# named (text stays text), a fixed salt for the SVG's ids, no date in the metadata.
_STYLE: dict[Any, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "none",  # text stays text: searchable, accessible, small inline
    "svg.hashsalt": "bilateral",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}
_SVG_METADATA = {"Date": None, "Creator": "bilateral"}
_PNG_METADATA = {"Software": "bilateral"}
_WIDTH = 8.0  # inches


# rc_context sets matplotlib's global rcParams: the web app draws in several threads, so one
# chart is drawn at a time (else one thread's exit restores the defaults under another's drawing).
_DRAWING = threading.RLock()


@contextmanager
def _style() -> Iterator[None]:
    with _DRAWING, matplotlib.rc_context(_STYLE):
        yield


def chart(kind: str, rows: Rows, *, title: str | None = None) -> Figure:
    """The chart of `kind` for rows of the catalog query of that name (QueryError if none to draw)."""
    records = _records(kind, rows)
    with _style():
        if kind == "trade-balance":
            return _trade_balance(_balance_series(records), title)
        return _top_sectors(_sector_bars(records), title)


def check(kind: str, rows: Rows) -> None:
    """Raise the QueryError `chart(kind, rows)` would raise (nothing to draw), without drawing."""
    records = _records(kind, rows)
    if kind == "trade-balance":
        _balance_series(records)
    else:
        _sector_bars(records)


def _records(kind: str, rows: Rows) -> list[dict[str, Any]]:
    if kind not in KINDS:
        raise QueryError(f"no chart is named {kind!r}; the charts are: {', '.join(KINDS)}")
    missing = [c for c in _COLUMNS[kind] if c not in rows.columns]
    if missing:
        raise QueryError(f"a {kind} chart needs the column(s) {', '.join(missing)}")
    return rows.dicts()


def to_svg(figure: Figure) -> str:
    """The figure as SVG text, the same for the same rows (inline in HTML as it is)."""
    buf = io.StringIO()
    with _style():
        figure.savefig(buf, format="svg", metadata=_SVG_METADATA)
    return buf.getvalue()


def save(figure: Figure, path: str | Path) -> Path:
    """Write the figure as SVG or PNG, as the suffix of `path` says."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise QueryError(f"{str(target)!r}: a chart is written as .svg or .png, not {suffix or 'no suffix'!r}")
    if suffix == ".svg":
        target.write_text(to_svg(figure), encoding="utf-8")
    else:
        with _style():
            figure.savefig(target, format="png", dpi=150, metadata=_PNG_METADATA)
    return target


_COLUMNS = {
    "trade-balance": ("year", "source", "currency", "balance_computed", "balance_reported"),
    "top-sectors": ("sector", "name", "value", "currency", "source"),
}


def _number(value: object) -> float | None:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return float(value)
    return None


def _amount(value: float, _pos: object = None) -> str:
    """68,500,000,000 as `68.5 bn`: axis labels a person reads at a glance."""
    for size, unit in ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if abs(value) >= size:
            return f"{value / size:.4g}{unit}"
    return f"{value:.4g}"


def _figure(panels: int, title: str, sources: Sequence[str], height: float) -> tuple[Figure, list[Axes]]:
    figure = Figure(figsize=(_WIDTH, height * panels + 1.2), layout="constrained")
    axes = list(figure.subplots(panels, 1, squeeze=False)[:, 0])
    figure.suptitle(title, fontsize=11, fontweight="bold")
    caption = "Source" + ("s" if len(sources) != 1 else "") + ": " + ", ".join(sources)
    figure.supxlabel("\n".join(textwrap.wrap(caption, 110, break_on_hyphens=False)), fontsize=8, color="0.35")
    return figure, axes


_Series = dict[str, dict[str, list[tuple[int, float]]]]  # currency -> source -> (year, balance)
_Bars = dict[str, list[tuple[float, str, str]]]  # currency -> (value, sector name, source)


def _balance_series(records: list[dict[str, Any]]) -> _Series:
    """Each source's balance by year (the one it reports, else the one its flows give), by currency."""
    series: _Series = {}
    for row in records:
        value = _number(row["balance_reported"])
        value = _number(row["balance_computed"]) if value is None else value
        year = row["year"]
        if value is None or not isinstance(year, int):
            continue
        series.setdefault(str(row["currency"]), {}).setdefault(str(row["source"]), []).append((year, value))
    if not series:
        raise QueryError("no trade balance to chart: no source gives a balance or both flows for these years")
    return series


def _trade_balance(series: _Series, title: str | None) -> Figure:
    """One line per source over the years; one panel per currency, since a yen and a dollar
    balance share no axis."""
    sources = sorted({s for by_source in series.values() for s in by_source})
    figure, axes = _figure(len(series), title or "Goods trade balance by source", sources, 3.2)
    for ax, currency in zip(axes, sorted(series), strict=True):
        for source, points in sorted(series[currency].items()):
            points.sort()
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=source)
        ax.axhline(0, color="0.5", linewidth=0.8)
        ax.set_ylabel(f"balance ({currency})")
        ax.yaxis.set_major_formatter(FuncFormatter(_amount))
        years = sorted({p[0] for points in series[currency].values() for p in points})
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
        if len(years) <= 15:  # else the default locator's integer ticks
            ax.set_xticks(years, [str(y) for y in years])
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(fontsize=7, loc="best")
    return figure


def _sector_bars(records: list[dict[str, Any]]) -> _Bars:
    """Each sector's value, name and source, by currency."""
    bars: _Bars = {}
    for row in records:
        value = _number(row["value"])
        if value is None:
            continue
        name = str(row["name"] or row["sector"])
        bars.setdefault(str(row["currency"]), []).append((value, name, str(row["source"])))
    if not bars:
        raise QueryError("no sectors to chart: no source gives a sector's flow for this pair and year")
    return bars


def _top_sectors(bars: _Bars, title: str | None) -> Figure:
    """Bars: each sector's value, largest on top, labelled with its source; a panel per currency."""
    sources = sorted({b[2] for values in bars.values() for b in values})
    height = max(1.6, 0.35 * max(len(v) for v in bars.values()) + 0.8)
    figure, axes = _figure(len(bars), title or "Top sectors by source", sources, height)
    colours = {source: f"C{i % 10}" for i, source in enumerate(sources)}
    for ax, currency in zip(axes, sorted(bars), strict=True):
        values = sorted(bars[currency], key=lambda b: (b[0], b[1], b[2]))
        labels = [f"{name} ({source})" if len(sources) > 1 else name for _, name, source in values]
        ax.barh(range(len(values)), [b[0] for b in values], height=0.6, color=[colours[b[2]] for b in values])
        ax.set_yticks(range(len(values)), labels)
        ax.set_xlabel(f"value ({currency})")
        ax.xaxis.set_major_formatter(FuncFormatter(_amount))
        ax.grid(axis="y", visible=False)
    return figure
