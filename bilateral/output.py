"""Rows to the terminal: a table, CSV or JSON (an array of objects keyed by column); progress
bars for long work, on a terminal only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Literal

from rich import filesize
from rich import progress as bars
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bilateral.core.progress import Progress

__all__ = ["FORMATS", "human", "plain", "progress_bars", "render"]

FORMATS = ("table", "csv", "json")
_MIN_TEXT = 12  # a text column is never squeezed narrower than this (or its longest cell)
# Control characters but line feed and tab: a terminal would act on them (ESC starts a colour or
# a cursor move, CR overwrites the line) and Rich drops some; a table shows them escaped, `\x1b`.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: object) -> object:
    """A JSON-ready value: exact integers stay integers, dates become ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _text(value: object, human: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, ",f" if human else "f")
    if human and isinstance(value, float):
        return format(value, ",.15g") if abs(value) < 1e15 else repr(value)
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def human(value: object) -> str:
    """A value as the table shows it to a person (thousands separated): the web app's pages too."""
    return _text(value, human=True)


def _numeric(values: Iterable[object]) -> bool:
    """A column of numbers (and blanks), booleans aside."""
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in present)


def _cell(text: str) -> Text:
    """A table cell showing `text` as it is: never read as markup (`[b]`, `[/]`) or emoji codes
    (`:x:`), control characters escaped, tabs as spaces (Rich would break the line at a tab)."""
    shown = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    return Text("\n".join(line.expandtabs(8) for line in shown.split("\n")))


def _json(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An array of objects; a decimal that no float holds exactly is written with all its digits
    (JSON numbers have any precision; `json.loads(text, parse_float=Decimal)` reads them back)."""
    exact: dict[str, str] = {}
    mark = f"\x00decimal-{uuid.uuid4().hex}-"  # a placeholder no value can equal

    def value(item: object) -> object:
        if (
            isinstance(item, Decimal)
            and item.is_finite()
            and item != item.to_integral_value()
            and Decimal(repr(float(item))) != item
        ):
            token = f"{mark}{len(exact)}"
            exact[token] = format(item, "f")
            return token
        return plain(item)

    data = [{c: value(v) for c, v in zip(columns, row, strict=True)} for row in rows]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for token, digits in exact.items():
        text = text.replace(json.dumps(token), digits)
    return text


def render(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    fmt: str,
    title: str | None = None,
    console: Console | None = None,
) -> str:
    """The rows in `fmt`; a table is rendered for the given console (or a wide plain one)."""
    if fmt == "json":
        return _json(columns, rows)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(v) for v in row])
        return buf.getvalue().rstrip("\n")
    table = Table(title=_cell(title) if title is not None else None, show_lines=False, title_justify="left")
    cells = [[_text(v, human=True) for v in row] for row in rows]
    needed = 1  # the table's narrowest width: numbers whole, text at least _MIN_TEXT wide, borders
    for at, column in enumerate(columns):
        width = max((len(row[at]) for row in cells), default=0)
        if _numeric(row[at] for row in rows):  # a number is never broken: `21,300,000,000,00` / `0` misreads
            width = max(width, len(column))
            table.add_column(_cell(column), justify="right", no_wrap=True, min_width=width)
        else:  # text folds at spaces (a long word is broken, never cut)
            width = min(max(width, len(column)), _MIN_TEXT)
            table.add_column(_cell(column), overflow="fold", min_width=width)
        needed += width + 3
    for row in cells:
        table.add_row(*(_cell(text) for text in row))
    target = console or Console(width=160, force_terminal=False, color_system=None)
    if needed > target.width:  # wider than the screen rather than a number cut: the terminal wraps lines
        colour: Literal["auto"] | None = "auto" if target.color_system else None
        target = Console(width=needed, force_terminal=target.is_terminal, color_system=colour)
    with target.capture() as capture:
        target.print(table)
    return capture.get().rstrip("\n")


# -- progress -----------------------------------------------------------------------------------

_EVERY = 0.2  # seconds between two redraws of a step's bar: the work, not the drawing, gets the time


class _Amount(bars.ProgressColumn):
    """`1.2/3.4 MB` for bytes, `1,200/3,400 rows` for counts (`1,200 rows` with no total)."""

    def render(self, task: bars.Task) -> Text:
        unit, done, total = task.fields.get("unit", ""), int(task.completed), task.total
        if not unit and (total is None or total <= 1):  # a step with no count: its bar says enough
            return Text("")
        if unit == "bytes":
            scale, suffix = filesize.pick_unit_and_suffix(
                int(total or done), ["bytes", "kB", "MB", "GB", "TB", "PB"], 1000
            )
            places = 0 if scale == 1 else 1
            shown = f"{done / scale:,.{places}f}"
            if total is not None:
                shown += f"/{total / scale:,.{places}f}"
            return Text(f"{shown} {suffix}", style="progress.download")
        shown = f"{done:,}" if total is None else f"{done:,}/{int(total):,}"
        return Text(f"{shown} {unit}".rstrip(), style="progress.download")


@contextmanager
def progress_bars(console: Console) -> Iterator[Progress | None]:
    """A `Progress` callback drawing one bar per step on `console`, when it is a terminal; None
    otherwise (piped or redirected: nothing is drawn, not even a blank line). A step's bar is
    redrawn at most every _EVERY seconds, and always when it is done."""
    if not console.is_terminal:
        yield None
        return
    columns = (
        bars.SpinnerColumn(),  # moves even while a step has no count to give
        bars.TextColumn("{task.description}"),
        bars.BarColumn(),
        bars.TaskProgressColumn(),
        _Amount(),
        bars.TimeElapsedColumn(),
    )
    # stdout is left alone: it carries the data (`export -o -`), never a bar or a redirected line
    with bars.Progress(*columns, console=console, transient=True, refresh_per_second=5, redirect_stdout=False) as shown:
        tasks: dict[str, bars.TaskID] = {}
        drawn: dict[str, float] = {}

        def report(what: str, done: int, total: int | None, unit: str = "") -> None:
            now = time.monotonic()
            if what in tasks and done != total and now - drawn[what] < _EVERY:
                return
            drawn[what] = now
            if what not in tasks:
                tasks[what] = shown.add_task(what, total=total, unit=unit)
            shown.update(tasks[what], completed=done, total=total)

        yield report
