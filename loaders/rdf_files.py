"""RDF files (exports, snapshots): quads kept in the graphs they name."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox

from bilateral.core.errors import InputError, Problem
from bilateral.core.progress import Progress, metered_file

__all__ = [
    "RDF_FORMATS",
    "SNAPSHOT_DATA",
    "SNAPSHOT_MANIFEST",
    "cited_sha256",
    "file_sha256",
    "is_rdf_file",
    "is_snapshot_dir",
    "rdf_format",
    "read_rdf",
    "read_snapshot",
    "verify_snapshot",
]

RDF_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}


def rdf_format(path: Path) -> ox.RdfFormat | None:
    """The RDF format of a file from its name; `x.trig.gz` is gzip-compressed TriG."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return RDF_FORMATS.get(suffixes[-1]) if suffixes else None


def is_rdf_file(path: Path) -> bool:
    return rdf_format(path) is not None


def read_rdf(path: Path, graph: str | None = None, progress: Progress | None = None) -> list[ox.Quad]:
    """Every quad of the file (`.gz` files are decompressed as they are read); `progress` is told
    the bytes of the file read so far.

    A triple outside a named graph has no source and is refused, unless `graph` names the graph
    it goes into: Turtle and N-Triples have no graphs, so they can be loaded only that way (and
    in TriG, N-Quads and JSON-LD, `graph` takes the triples of the default graph).
    """
    fmt = rdf_format(path)
    if fmt is None:
        raise InputError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    path.name,
                    "not an RDF file name (.trig .nq .nt .ttl .jsonld .rdf, or .gz of one)",
                )
            ]
        )
    target: ox.NamedNode | None = None
    if graph is not None:
        try:
            target = ox.NamedNode(graph)
        except ValueError as err:
            raise InputError(
                [Problem(str(path), None, None, graph, f"the graph to load into is not an IRI: {err}")]
            ) from err
    try:
        with _open(path, progress) as data:
            quads = list(ox.parse(data, format=fmt))
    except SyntaxError as err:
        raise InputError(
            [Problem(str(path), getattr(err, "lineno", None), None, "", f"not valid {fmt.name}: {err}")]
        ) from err
    except (OSError, EOFError, ValueError) as err:
        raise InputError([Problem(str(path), None, None, "", f"cannot read: {err}")]) from err
    if target is not None:
        return [
            ox.Quad(q.subject, q.predicate, q.object, target) if isinstance(q.graph_name, ox.DefaultGraph) else q
            for q in quads
        ]
    orphans = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    if orphans:
        raise InputError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    str(orphans[0].subject),
                    f"{len(orphans)} triple(s) outside any named graph: every fact must sit in the graph "
                    "of the source that asserts it (use TriG or N-Quads, or name the graph to load "
                    "them into)",
                )
            ]
        )
    return quads


@contextmanager
def _open(path: Path, progress: Progress | None = None) -> Iterator[IO[bytes]]:
    """The file's bytes (decompressed for .gz); `progress` counts the bytes of the file itself."""
    with metered_file(path, progress, f"reading {path.name}") as raw:
        if path.suffix.lower() != ".gz":
            yield raw
            return
        with gzip.GzipFile(fileobj=raw, mode="rb") as unpacked:
            yield cast(IO[bytes], unpacked)


# -- snapshot folders (graph/snapshot.py writes them) --------------------------------------------

SNAPSHOT_MANIFEST = "manifest.json"
SNAPSHOT_DATA = "data.nq"


def is_snapshot_dir(path: Path) -> bool:
    """A folder holding a snapshot: a manifest.json and its data.nq."""
    return path.is_dir() and (path / SNAPSHOT_MANIFEST).is_file() and (path / SNAPSHOT_DATA).is_file()


def file_sha256(path: Path, progress: Progress | None = None) -> str:
    digest = hashlib.sha256()
    with metered_file(path, progress, f"checking {path.name}") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def cited_sha256(text: str) -> str:
    """A sha256 as a citation gives it (64 hex digits, either case), in lower case."""
    digest = text.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise InputError([Problem("--sha256", None, None, text, "not a sha256 (64 hex digits)")])
    return digest


def verify_snapshot(path: Path, cited: str | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """The snapshot's manifest, once the sha256 of its data.nq is checked against it, and against
    `cited` (the hash a citation gives) when there is one.

    A snapshot is cited by its hash, so one whose content no longer matches is refused rather
    than loaded as if it were what was cited. The manifest travels with the data: whoever edits
    one can edit the other, so only the cited hash tells the reader it is what was cited.
    """
    manifest_path, data_path = path / SNAPSHOT_MANIFEST, path / SNAPSHOT_DATA
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        expected = manifest["data"]["sha256"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(
            [
                Problem(
                    str(manifest_path),
                    None,
                    None,
                    "",
                    f"not a snapshot manifest (expected JSON with data.sha256): {err}",
                )
            ]
        ) from err
    try:
        actual = file_sha256(data_path, progress)
    except OSError as err:
        raise InputError([Problem(str(data_path), None, None, "", f"cannot read: {err}")]) from err
    if cited is not None and actual != cited_sha256(cited):
        raise InputError(
            [
                Problem(
                    str(data_path),
                    None,
                    None,
                    actual,
                    f"sha256 is not the cited {cited_sha256(cited)}: this is not the snapshot that was cited "
                    "(its manifest says "
                    + (f"{expected})" if isinstance(expected, str) else "nothing)")
                    + "; refusing to load it",
                )
            ]
        )
    if actual != expected:
        raise InputError(
            [
                Problem(
                    str(data_path),
                    None,
                    None,
                    actual,
                    f"sha256 does not match the manifest ({expected}): the snapshot was changed after it "
                    "was made, so it is not the snapshot it claims to be; refusing to load it",
                )
            ]
        )
    return dict(manifest)


def read_snapshot(path: Path, cited: str | None = None, progress: Progress | None = None) -> list[ox.Quad]:
    """The quads of a snapshot folder, checked against its manifest's sha256 (and `cited`) first;
    `progress` is told the bytes checked, then read."""
    verify_snapshot(path, cited, progress)
    return read_rdf(path / SNAPSHOT_DATA, progress=progress)
