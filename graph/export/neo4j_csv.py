"""The property-graph projection as the header files of `neo4j-admin database import` (a folder:
one nodes file per label set, one relationships file, a README with the command)."""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bilateral.graph.cypher import GENERIC_LABEL, uri_constraint
from bilateral.graph.export.base import ExportError, GraphWriter
from bilateral.graph.export.selection import Selection
from bilateral.graph.mapping import Projection, PropertyValue

__all__ = ["CSV_MARKER", "CSV_README", "Neo4jCsv"]

CSV_README = "README.txt"
CSV_MARKER = "bilateral csv export"


class Neo4jCsv(GraphWriter):
    def refuse_existing(self, path: Path, output: str | Path) -> None:
        if (path / CSV_README).is_file():
            raise ExportError(f"the folder {str(output)!r} holds an earlier csv export: pass --force to replace it")

    def write_files(self, projection: Projection, sel: Selection, output: str | Path) -> tuple[str, ...]:
        return tuple(str(f) for f in _csv_folder(projection, output))


def _scalar_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dt.datetime):
        return "datetime" if value.tzinfo is not None else "localdatetime"
    if isinstance(value, dt.date):
        return "date"
    return "string"


def _csv_type(value: PropertyValue) -> str:
    if isinstance(value, list):
        return (_scalar_type(value[0]) if value else "string") + "[]"
    return _scalar_type(value)


def _csv_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_cell(value: PropertyValue | None, delimiter: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return delimiter.join(_csv_scalar(v) for v in value)
    return _csv_scalar(value)


def _csv_line(cells: Iterable[str | None]) -> str:
    """Every value quoted (a doubled quote inside), a missing one empty: neo4j-admin reads an
    empty unquoted field as no property and `""` as the empty string."""
    return ",".join("" if c is None else '"' + c.replace('"', '""') + '"' for c in cells) + "\n"


_DELIMITERS = ((";", ";"), ("|", "|"), ("\x1f", "U+001F"))


def _array_delimiter(projection: Projection) -> tuple[str, str]:
    """`;` unless an array element holds one (then `|`, then U+001F): the char and its flag text."""
    texts: set[str] = set()
    for node in projection.nodes.values():
        texts.update(node.labels)
        texts.update(node.sources)
        for value in node.properties.values():
            if isinstance(value, list):
                texts.update(_csv_scalar(v) for v in value)
    for rel in projection.relationships.values():
        texts.update(rel.sources)
    for char, flag in _DELIMITERS:
        if not any(char in t for t in texts):
            return char, flag
    raise ExportError("every array delimiter neo4j-admin could use (; | U+001F) occurs in the data")


def _node_groups(projection: Projection) -> list[tuple[tuple[str, ...], dict[str, str], list[str]]]:
    """Nodes by label set, split further where one property has two types (a file has one
    header): (labels, property -> csv type, node uris)."""
    groups: dict[tuple[str, ...], list[tuple[dict[str, str], list[str]]]] = defaultdict(list)
    for uri, node in projection.nodes.items():
        labels = (GENERIC_LABEL, *node.labels)
        types = {name: _csv_type(value) for name, value in node.as_properties(uri).items() if name != "uri"}
        for known, uris in groups[labels]:
            if all(known.get(name, kind) == kind for name, kind in types.items()):
                known.update(types)
                uris.append(uri)
                break
        else:
            groups[labels].append((dict(types), [uri]))
    return [(labels, types, uris) for labels, parts in sorted(groups.items()) for types, uris in parts]


def _write_csv(projection: Projection, folder: Path) -> list[str]:
    char, flag = _array_delimiter(projection)
    names: list[str] = []
    used: set[str] = set()
    for labels, types, uris in _node_groups(projection):
        stem = "nodes_" + "_".join(labels[1:] or labels)
        name, number = f"{stem}.csv", 2
        while name in used:
            name, number = f"{stem}_{number}.csv", number + 1
        used.add(name)
        columns = sorted(types, key=lambda n: (n != "sources", n))
        with (folder / name).open("w", encoding="utf-8", newline="") as out:
            out.write(_csv_line(["uri:ID", ":LABEL", *(f"{c}:{types[c]}" for c in columns)]))
            for uri in uris:
                props = projection.nodes[uri].as_properties(uri)
                out.write(_csv_line([uri, char.join(labels), *(_csv_cell(props.get(c), char) for c in columns)]))
        names.append(name)
    with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as out:
        out.write(_csv_line([":START_ID", ":END_ID", ":TYPE", "sources:string[]"]))
        for (start, kind, end), rel in projection.relationships.items():
            out.write(_csv_line([start, end, kind, char.join(rel.sources)]))
    # the database name first: --nodes and --relationships take several values each
    command = " ".join(
        [
            "neo4j-admin database import full neo4j --overwrite-destination=true",
            f"--array-delimiter='{flag}'",
            "--multiline-fields=true",
            *(f"--nodes={n}" for n in names),
            "--relationships=relationships.csv",
        ]
    )
    (folder / CSV_README).write_text(
        f"{CSV_MARKER}: the property graph of docs/neo4j-mapping.md, in the header format of\n"
        "`neo4j-admin database import` (arrays split on the delimiter below; every node also has\n"
        f"the label {GENERIC_LABEL}, as `bilateral neo4j sync` gives it).\n\n"
        "Import into a stopped (or new) database, from this folder:\n\n"
        f"{command}\n\n"
        "The import creates no constraints; before writing more to it (e.g. `bilateral neo4j sync`):\n\n"
        f"{uri_constraint(GENERIC_LABEL)};\n",
        encoding="utf-8",
    )
    return [*names, "relationships.csv", CSV_README]


def _csv_folder(projection: Projection, output: str | Path) -> list[Path]:
    if str(output) == "-" or str(output).lower().endswith(".gz"):
        raise ExportError("csv writes several files: give a folder with -o (not - and not .gz)")
    folder = Path(output)
    if folder.exists():
        if not folder.is_dir():
            raise ExportError(f"{str(folder)!r} is a file: csv writes into a folder")
        ours = (folder / CSV_README).is_file() and (folder / CSV_README).read_text(
            encoding="utf-8", errors="replace"
        ).startswith(CSV_MARKER)
        if any(folder.iterdir()) and not ours:
            raise ExportError(f"the folder {str(folder)!r} is not empty (and not an earlier csv export)")
    tmp = folder.with_name(f".{folder.name}.partial-{os.getpid()}")
    old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        names = _write_csv(projection, tmp)
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportError(f"cannot write the csv folder {str(folder)!r}: {err}") from err
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [folder / n for n in names]
