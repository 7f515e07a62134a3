"""What every export format shares: the report, the error, the target a file is written to (and
the checks on it), and the two kinds of writer, of quads and of the property graph."""

from __future__ import annotations

import gzip
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from bilateral.core.errors import BilateralError
from bilateral.graph.export.selection import Selection
from bilateral.graph.mapping import Projection, project
from bilateral.graph.store import OxigraphStore, Rows

__all__ = ["Counting", "ExportError", "ExportReport", "GraphWriter", "QuadWriter", "Writer", "check_target", "target"]


class ExportError(BilateralError):
    """An export that cannot be written: bad format or target."""


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    format: str
    output: str  # the path written, or "-" for stdout
    files: tuple[str, ...]  # the files written (several for csv)
    quads: int | None = None  # RDF formats (triples for turtle)
    nodes: int | None = None  # property-graph formats
    relationships: int | None = None

    def rows(self) -> Rows:
        items: list[tuple[Any, ...]] = [("format", self.format), ("output", self.output)]
        for name in ("quads", "nodes", "relationships"):
            if getattr(self, name) is not None:
                items.append((name, getattr(self, name)))
        items += [("file", f) for f in self.files]
        return Rows(["what", "value"], items)


# -- output targets -----------------------------------------------------------------------------


class Counting:
    """Counts what passes through an iterator."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            self.count += 1
            yield item


@contextmanager
def target(output: str | Path) -> Iterator[IO[bytes]]:
    """A binary stream to `output`: stdout for `-`, gzip for `.gz`, else a file renamed into
    place only once complete."""
    if str(output) == "-":
        out = sys.stdout.buffer
        yield out
        out.flush()
        return
    path = Path(output)
    if path.is_dir():
        raise ExportError(f"{str(path)!r} is a folder: give a file name (or - for stdout)")
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as raw:
            if path.suffix.lower() == ".gz":
                # no name, mtime=0: the same export gives the same bytes
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
                    yield cast(IO[bytes], packed)
            else:
                yield raw
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {str(path)!r}: {err}") from err
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _files(output: str | Path) -> tuple[str, ...]:
    """The files a one-file export wrote: none named for stdout."""
    return () if str(output) == "-" else (str(output),)


# -- where an export may write --------------------------------------------------------------------


def _is_store(folder: Path) -> bool:
    """An Oxigraph (RocksDB) store folder: its CURRENT file names a MANIFEST-* beside it."""
    return (folder / "CURRENT").is_file() and any(folder.glob("MANIFEST-*"))


def check_target(store: OxigraphStore, output: str | Path, writer: Writer, force: bool) -> None:
    """Refuse a target inside a store (the one exported, or any other), and an existing file or
    earlier csv export unless `force`: an export never writes over what it was not asked to."""
    if str(output) == "-":
        return
    path = Path(output).absolute()
    real = path.resolve()  # through symbolic links, and `..`
    own = Path(store.path).resolve()
    for folder in dict.fromkeys([real, *real.parents, path, *path.parents]):
        if folder == own or _is_store(folder):
            raise ExportError(
                f"{str(output)!r} is inside the store {str(folder)!r}: an export never "
                "writes into a store folder (RocksDB owns every file there); write it elsewhere"
            )
    if not force:
        writer.refuse_existing(path, output)


# -- the writers ----------------------------------------------------------------------------------


class Writer:
    """One export format, registered by name in `registry.py`."""

    def refuse_existing(self, path: Path, output: str | Path) -> None:
        """ExportError if writing to `path` would replace something (checked unless --force)."""
        if path.exists() and not path.is_dir():
            raise ExportError(f"{str(output)!r} already exists: pass --force to overwrite it")

    def export(self, sel: Selection, fmt: str, output: str | Path) -> ExportReport:
        raise NotImplementedError


class QuadWriter(Writer):
    """An RDF format, written as the quads stream: the report counts quads (triples for turtle)."""

    def export(self, sel: Selection, fmt: str, output: str | Path) -> ExportReport:
        with target(output) as out:
            count = self.write(sel, out)
        return ExportReport(fmt, str(output), _files(output), quads=count)

    def write(self, sel: Selection, out: IO[bytes]) -> int:
        raise NotImplementedError


class GraphWriter(Writer):
    """A format of the property-graph projection (docs/neo4j-mapping.md), which is held in memory:
    the report counts nodes and relationships."""

    def export(self, sel: Selection, fmt: str, output: str | Path) -> ExportReport:
        projection = project(sel.quads())
        step = f"writing {fmt}"  # the projection is written whole: a step with no count to give
        if sel.progress:
            sel.progress(step, 0, None)
        files = self.write_files(projection, sel, output)
        if sel.progress:
            sel.progress(step, 1, 1)
        return ExportReport(
            fmt, str(output), files, nodes=len(projection.nodes), relationships=len(projection.relationships)
        )

    def write_files(self, projection: Projection, sel: Selection, output: str | Path) -> tuple[str, ...]:
        """Write one file (or stdout); returns the files written."""
        with target(output) as out:
            self.write(projection, sel, out)
        return _files(output)

    def write(self, projection: Projection, sel: Selection, out: IO[bytes]) -> None:
        raise NotImplementedError
