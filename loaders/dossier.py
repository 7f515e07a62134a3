"""Meeting dossiers: one meeting with its participants, statements and commitments in one YAML
file (docs/tables.md). Rows are checked by the same table specs as the CSV tables.

A dossier is read as plain data: every scalar is text, typed later by the table specs (so `1_000`,
`0x1F`, `no` or `0.1234567890123456789` stay as written); anchors and aliases are refused (a
"billion laughs" of nested aliases expands without end), as are nesting deeper than MAX_DEPTH,
files above MAX_BYTES, keys that are not text and cells that are neither text nor a list of text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from bilateral.core.errors import InputError, Problem
from bilateral.loaders import records as r
from bilateral.loaders.tables import TABLES, Context, folder_context, parse_rows

__all__ = ["is_dossier_file", "parse_dossier", "read_dossier"]

_LINE = "__line__"
MAX_BYTES = 10 * 2**20  # a dossier holds one meeting: a few KB; 10 MiB is far above any real one
MAX_DEPTH = 16  # document > section > entry > list of values is 4 deep
# dossier key -> table, in the order ids must be known
_SECTIONS = (
    "sources",
    "people",
    "sectors",
    "meeting",
    "tenures",
    "participants",
    "statements",
    "commitments",
    "trade_flows",
    "indicators",
    "treaties",
)


class _Refused(yaml.YAMLError):
    """A dossier refused while it is read: where, what and why."""

    def __init__(self, mark: Any, value: object, message: str) -> None:
        super().__init__(message)
        self.line = mark.line + 1 if mark is not None else None
        self.value, self.message = value, message


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping, so problems can name it; refuses aliases, anchors, deep
    nesting and keys that are not text before they can cost memory or a RecursionError."""

    # No implicit types: every plain scalar is text, checked by the table specs (PyYAML would
    # crash on the date 2025-13-01, and turn 1_000 into 1000 or 0.1234567890123456789 into a float).
    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 (PyYAML's class attribute)

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                event.start_mark,
                "&" + str(event.anchor) if not isinstance(event, yaml.AliasEvent) else "*" + str(event.anchor),
                "YAML anchors and aliases (&name, *name) are not accepted in a dossier: write each value out",
            )
        if self._depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, "", f"nested deeper than {MAX_DEPTH} levels: not a dossier")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        for key in mapping:
            if not isinstance(key, str):
                raise _Refused(node.start_mark, key, "a key must be text (a column name)")
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


class _CellError(ValueError):
    """A dossier value that is not a cell: a mapping, a nested list, a float..."""


def _cell(value: object, nested: bool = False) -> str:
    """A cell's text: text as written, a list of text joined with `;` (explicit tags such as
    `!!bool` or `!!int` give their value's text)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list) and not nested:
        return ";".join(_cell(v, nested=True) for v in value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise _CellError("expected text or a list of text" + (" (a list inside a list)" if nested else ""))


def is_dossier_file(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def parse_dossier(text: str, file: str, ctx: Context) -> list[r.Record]:
    """Records of a dossier's text; pure. Raises InputError with every problem found."""
    if len(text) > MAX_BYTES:
        raise InputError(
            [Problem(file, None, None, f"{len(text)} characters", f"too big for a dossier (at most {MAX_BYTES} bytes)")]
        )
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except _Refused as err:
        raise InputError([Problem(file, err.line, None, err.value, err.message)]) from None
    except RecursionError:  # a guard: MAX_DEPTH stops nesting well before the limit
        raise InputError([Problem(file, None, None, "", "nested too deep: not a dossier")]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise InputError([Problem(file, line, None, "", f"not valid YAML: {err}")]) from err
    if not isinstance(doc, dict) or not isinstance(doc.get("meeting"), dict):
        raise InputError([Problem(file, None, "meeting", "", "a dossier needs a `meeting:` mapping")])
    problems: list[Problem] = []
    for key in doc:
        if key not in (_LINE, "source", *_SECTIONS):
            problems.append(
                Problem(file, None, key, "", "unknown section; expected " + ", ".join(("source", *_SECTIONS)))
            )

    def cell(value: object, line: int | None, column: str) -> str:
        try:
            return _cell(value)
        except _CellError as err:
            problems.append(Problem(file, line, column, value, str(err)))
            return ""

    default_source = cell(doc.get("source"), None, "source")
    meeting = doc["meeting"]
    meeting_id = cell(meeting.get("id"), meeting.get(_LINE), "id") or "meeting"
    meeting.setdefault("id", meeting_id)
    records: list[r.Record] = []
    for section in _SECTIONS:
        entries = doc.get(section)
        if entries is None or entries == "":
            continue
        if section == "meeting":
            entries = [entries]
        if not isinstance(entries, list):
            problems.append(Problem(file, doc.get(_LINE), section, "", "expected a list"))
            continue
        rows = []
        for entry in entries:
            if section == "participants" and not isinstance(entry, dict):
                entry = {"person": entry}
            if not isinstance(entry, dict):
                problems.append(Problem(file, None, section, entry, "expected a mapping"))
                continue
            line = entry.pop(_LINE, None) or 0
            if section not in ("sources",):
                entry.setdefault("source", default_source)
            if section in ("participants", "statements", "commitments"):
                entry.setdefault("meeting", meeting_id)
            if section in ("statements", "commitments"):
                entry.setdefault("date", meeting.get("date"))
            table = "meetings" if section == "meeting" else section
            known = {c.name for c in TABLES[table].columns}
            for key in sorted(set(entry) - known):
                problems.append(
                    Problem(
                        file, line, key, entry[key], f"unknown field of {section}; expected " + ", ".join(sorted(known))
                    )
                )
            rows.append((line, {k: cell(v, line, k) for k, v in entry.items() if k in known}))
        table = "meetings" if section == "meeting" else section
        records.extend(parse_rows(table, rows, file, ctx, problems))
    if problems:
        raise InputError(problems)
    return records


def read_dossier(path: Path, known_sources: set[str] | frozenset[str] = frozenset()) -> list[r.Record]:
    """Records of a dossier file; ids may refer to the tables of its folder."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            [Problem(str(path), None, None, f"{size} bytes", f"too big for a dossier (at most {MAX_BYTES} bytes)")]
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError([Problem(str(path), None, None, "", "not UTF-8 text")]) from err
    return parse_dossier(text, str(path), folder_context(path.parent, known_sources))
