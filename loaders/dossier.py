"""Meeting dossiers: one meeting with its participants, statements and commitments in one YAML
file (docs/tables.md). Rows are checked by the same table specs as the CSV tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from bilateral.errors import InputError, Problem
from bilateral.loaders import records as r
from bilateral.loaders.tables import TABLES, Context, folder_context, parse_rows

__all__ = ["is_dossier_file", "parse_dossier", "read_dossier"]

_LINE = "__line__"
# dossier key -> table, in the order ids must be known
_SECTIONS = ("sources", "people", "sectors", "meeting", "tenures", "participants", "statements",
             "commitments", "trade_flows", "indicators", "treaties")


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping, so problems can name it."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        return mapping


# Dates stay text, to be checked by the table specs (PyYAML would crash on 2025-13-01).
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def is_dossier_file(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def parse_dossier(text: str, file: str, ctx: Context) -> list[r.Record]:
    """Records of a dossier's text; pure. Raises InputError with every problem found."""
    try:
        doc = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise InputError([Problem(file, line, None, "", f"not valid YAML: {err}")]) from err
    if not isinstance(doc, dict) or not isinstance(doc.get("meeting"), dict):
        raise InputError([Problem(file, None, "meeting", "", "a dossier needs a `meeting:` mapping")])
    problems: list[Problem] = []
    default_source = _cell(doc.get("source"))
    meeting = doc["meeting"]
    meeting_id = _cell(meeting.get("id")) or "meeting"
    meeting.setdefault("id", meeting_id)
    records: list[r.Record] = []
    for section in _SECTIONS:
        entries = doc.get(section)
        if entries is None:
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
                problems.append(Problem(file, line, key, entry[key], f"unknown field of {section}; expected "
                                        + ", ".join(sorted(known))))
            rows.append((line, {k: _cell(v) for k, v in entry.items() if k in known}))
        table = "meetings" if section == "meeting" else section
        records.extend(parse_rows(table, rows, file, ctx, problems))
    if problems:
        raise InputError(problems)
    return records


def read_dossier(path: Path, known_sources: set[str] | frozenset[str] = frozenset()) -> list[r.Record]:
    """Records of a dossier file; ids may refer to the tables of its folder."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError([Problem(str(path), None, None, "", "not UTF-8 text")]) from err
    return parse_dossier(text, str(path), folder_context(path.parent, known_sources))
