"""Rows to the terminal: a table, CSV or JSON (an array of objects keyed by column)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["FORMATS", "plain", "render"]

FORMATS = ("table", "csv", "json")


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


def render(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str,
           title: str | None = None, console: Console | None = None) -> str:
    """The rows in `fmt`; a table is rendered for the given console (or a wide plain one)."""
    if fmt == "json":
        data = [{c: plain(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(v) for v in row])
        return buf.getvalue().rstrip("\n")
    # Text, not str: Rich would read data as markup (`[b]`, `[/]`) and emoji codes (`:x:`)
    table = Table(title=Text(title) if title is not None else None, show_lines=False,
                  title_justify="left")
    for column in columns:
        table.add_column(Text(column), overflow="fold")
    for row in rows:
        table.add_row(*(Text(_text(v, human=True)) for v in row))
    target = console or Console(width=160, force_terminal=False, color_system=None)
    with target.capture() as capture:
        target.print(table)
    return capture.get().rstrip("\n")
