"""Which loader reads a path: detected from the file (or named with --format)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from bilateral.core.errors import InputError, Problem
from bilateral.core.progress import Meter, Progress
from bilateral.loaders import records as r
from bilateral.loaders.dossier import is_dossier_file, read_dossier
from bilateral.loaders.public import Skipped  # public data sets (Comtrade, BACI, Census, COW, ATOP, GDELT)
from bilateral.loaders.public_formats import PUBLIC_FORMATS, detect_public, read_public
from bilateral.loaders.rdf_files import is_rdf_file, is_snapshot_dir, read_rdf, read_snapshot
from bilateral.loaders.tables import is_table_file, read_tables

__all__ = ["FORMATS", "Inputs", "detect", "expand", "read_inputs"]

FORMATS = ("tables", "dossier", "rdf", *PUBLIC_FORMATS)


@dataclass
class Inputs:
    """What a set of paths holds: records from curated files, quads from RDF files."""

    files: list[Path] = field(default_factory=list)
    records: list[r.Record] = field(default_factory=list)
    quads: list[ox.Quad] = field(default_factory=list)
    # public data sets: rows left out for unknown codes (skip_unknown), and by design (aggregates)
    skipped: list[Skipped] = field(default_factory=list)
    omitted: dict[str, int] = field(default_factory=dict)
    summaries: list[str] = field(default_factory=list)  # per public file: rows to facts, left out, unknown


def detect(path: Path) -> str | None:
    if is_table_file(path):
        return "tables"
    if is_dossier_file(path):
        return "dossier"
    if is_rdf_file(path):
        return "rdf"
    return detect_public(path)


def expand(paths: Iterable[Path], fmt: str | None = None) -> list[tuple[Path, str]]:
    """Files to read, with their format; folders give the files they hold that a loader reads."""
    out: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for path in paths:
        if fmt in (None, "rdf") and is_snapshot_dir(path):
            out.append((path, "snapshot"))  # a snapshot folder: its data.nq, hash-checked
            continue
        if path.is_dir():
            for child in sorted(path.iterdir()):
                kind = fmt or detect(child)
                if child.is_file() and kind:
                    out.append((child, kind))
            continue
        if not path.exists():
            problems.append(Problem(str(path), None, None, str(path), "no such file or folder"))
            continue
        kind = fmt or detect(path)
        if kind is None:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    path.name,
                    "unknown format: expected a table named sources.csv, people.csv, ... "
                    "(docs/tables.md), a .yaml dossier, RDF (.trig .nq .nt .ttl .jsonld, or .gz of "
                    "one) or a snapshot folder, or a public data set (Comtrade, BACI, Census, COW, "
                    "ATOP, GDELT); or name it with --format",
                )
            )
            continue
        out.append((path, kind))
    if problems:
        raise InputError(problems)
    return out


def read_inputs(
    paths: Iterable[Path],
    fmt: str | None = None,
    known_sources: Iterable[str] = (),
    graph: str | None = None,
    skip_unknown: bool = False,
    progress: Progress | None = None,
) -> Inputs:
    """Read and check every input; raises one InputError listing the problems of every file.

    `skip_unknown`: rows of public data sets naming unknown country codes are left out and
    reported in `Inputs.skipped`, instead of refusing the file.

    `graph` names the graph that RDF triples outside any named graph go into (Turtle and
    N-Triples have no graphs of their own); without it they are refused.

    `progress` is told the files read of all, the records and quads read so far, and the bytes
    of each RDF file as it is parsed.
    """
    files = expand(paths, fmt)
    known = set(known_sources)
    inputs = Inputs(files=[p for p, _ in files])
    problems: list[Problem] = []
    tables = [p for p, kind in files if kind == "tables"]
    watched = progress if files else None  # no bars for no files (a load of BACI files alone)
    done = Meter(watched, "reading files", len(files), "files", every=1)
    read = Meter(watched, "read", None, "records and quads", every=1)

    def tell(files: int) -> None:
        done.add(files)
        read.add(len(inputs.records) + len(inputs.quads) - read.done)

    try:
        inputs.records.extend(read_tables(tables, known))
    except InputError as err:
        problems.extend(err.problems)
    tell(len(tables))
    for path, kind in files:
        try:
            if kind == "dossier":
                inputs.records.extend(read_dossier(path, known))
            elif kind == "rdf":
                inputs.quads.extend(read_rdf(path, graph, progress))
            elif kind == "snapshot":
                inputs.quads.extend(read_snapshot(path, progress=progress))
            elif kind in PUBLIC_FORMATS:
                loaded = read_public(path, kind, skip_unknown)
                inputs.records.extend(loaded.records)
                inputs.skipped.extend(loaded.skipped)
                inputs.summaries.append(loaded.summary())
                for reason, count in loaded.omitted.items():
                    inputs.omitted[reason] = inputs.omitted.get(reason, 0) + count
        except InputError as err:
            problems.extend(err.problems)
        if kind != "tables":
            tell(1)
    read.finish()
    if problems:
        raise InputError(problems)
    return inputs
