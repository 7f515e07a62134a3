"""Snapshots: citable, content-hashed copies of the whole store, and what changed between two.

A snapshot is a folder `YYYYMMDDTHHMMSSZ[-label]/` holding

- `data.nq`: every quad in canonical N-Quads (RDF 1.2 canonical N-Triples terms, blank nodes
  relabelled from their content, lines sorted by their UTF-8 bytes, deduplicated, LF endings),
  so the same graph gives the same bytes, hence the same sha256, on any machine;
- `manifest.json`: when it was made, its label, the sha256 and size of data.nq, counts per class
  and per source, every source with its URL and licence, the ontology and tool versions.

Sorting is external (sorted runs spilled to temporary files, then merged), so a snapshot of a
large store holds one run of lines in memory, not the store; quads with blank nodes are the
exception (they are held to be relabelled; the loaders create none). A diff walks two sorted
files side by side and holds only the differences. `bilateral load SNAPSHOT` restores one
(loaders/rdf_files.py checks the sha256 first and refuses a snapshot changed since).

Snapshots live, by default, in a `snapshots/` folder beside the store folder (the store folder
itself belongs to RocksDB; deleting a store to rebuild it should not delete its citations).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from bilateral.core import package_version
from bilateral.core.errors import BilateralError, InputError, Problem
from bilateral.core.progress import Meter, Progress
from bilateral.graph.mapping import source_id
from bilateral.graph.store import OxigraphStore, Rows
from bilateral.loaders.rdf_files import SNAPSHOT_DATA, SNAPSHOT_MANIFEST, is_snapshot_dir, verify_snapshot
from bilateral.ontology.vocab import BI, INDEX_PROPERTIES

__all__ = [
    "FORMAT",
    "Change",
    "Snapshot",
    "SnapshotDiff",
    "SnapshotError",
    "canonical_line",
    "create_snapshot",
    "default_snapshot_dir",
    "diff_snapshots",
    "list_snapshots",
    "ontology_version",
    "resolve_snapshot",
    "restore_snapshot",
    "scan_snapshots",
    "snapshot_rows",
    "verify",
    "write_canonical_nquads",
]

FORMAT = "bilateral-snapshot/1"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL = "http://www.w3.org/2002/07/owl#"
RUN_LINES = 500_000  # lines sorted in memory at a time


class SnapshotError(BilateralError):
    """A snapshot that cannot be made, found or compared."""


# -- canonical N-Quads ----------------------------------------------------------------------------

_ECHAR = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(text: str) -> str:
    """RDF 1.2 canonical N-Triples: ECHAR for \\b \\t \\n \\f \\r \" \\\\, UCHAR (upper-case hex)
    for the other control characters and DEL, everything else as is."""
    out = []
    for ch in text:
        if ch in _ECHAR:
            out.append(_ECHAR[ch])
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _term(term: Any, blanks: dict[str, str]) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return "_:" + blanks.get(term.value, term.value)
    if isinstance(term, ox.Literal):
        text = f'"{_escape(term.value)}"'
        if term.language:
            return f"{text}@{term.language.lower()}"
        datatype = term.datatype.value
        return text if datatype == XSD_STRING else f"{text}^^<{datatype}>"
    if isinstance(term, ox.Triple):  # RDF-star quoted triple
        return f"<< {_term(term.subject, blanks)} {_term(term.predicate, blanks)} {_term(term.object, blanks)} >>"
    raise TypeError(f"not an RDF term: {term!r}")


def canonical_line(quad: ox.Quad, blanks: dict[str, str] | None = None) -> str:
    """One quad as a canonical N-Quads line (with its `\\n`); `blanks` relabels blank nodes."""
    names = blanks or {}
    parts = [_term(quad.subject, names), _term(quad.predicate, names), _term(quad.object, names)]
    if not isinstance(quad.graph_name, ox.DefaultGraph):
        parts.append(_term(quad.graph_name, names))
    return " ".join(parts) + " .\n"


def _has_blank(quad: ox.Quad) -> bool:
    return any(isinstance(t, ox.BlankNode) for t in (quad.subject, quad.object, quad.graph_name))


def _blank_labels(quads: list[ox.Quad]) -> dict[str, str]:
    """Labels for blank nodes from their content, whatever the store called them.

    Colour refinement: a node's colour is the hash of its quads (itself as `_:a`, other blank
    nodes by their current colour), repeated until the colours stop splitting. Nodes that stay
    alike are interchangeable in all but pathological graphs; their ties are broken in order.
    """
    nodes = sorted({t.value for q in quads for t in (q.subject, q.object, q.graph_name) if isinstance(t, ox.BlankNode)})
    if not nodes:
        return {}
    touching: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        for name in {t.value for t in (quad.subject, quad.object, quad.graph_name) if isinstance(t, ox.BlankNode)}:
            touching[name].append(quad)
    colour = dict.fromkeys(nodes, "")
    classes = 1
    for _ in range(len(nodes) + 1):
        new = {}
        for name in nodes:
            view = {other: ("a" if other == name else "z" + colour[other]) for other in nodes}
            lines = sorted(canonical_line(q, view) for q in touching[name])
            new[name] = hashlib.sha256((colour[name] + "|" + "".join(lines)).encode("utf-8")).hexdigest()
        colour = new
        count = len(set(colour.values()))
        if count == classes:
            break
        classes = count
    labels: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for name in sorted(nodes, key=lambda n: (colour[n], n)):
        seen[colour[name]] += 1
        suffix = "" if seen[colour[name]] == 1 else f"x{seen[colour[name]]}"
        labels[name] = "c" + colour[name][:32] + suffix
    return labels


def _runs(lines: Iterable[bytes], workdir: Path) -> Iterator[bytes]:
    """`lines` sorted and deduplicated: sorted runs spilled to files, then merged."""
    files: list[IO[bytes]] = []
    run: list[bytes] = []
    try:
        for line in lines:
            run.append(line)
            if len(run) >= RUN_LINES:
                spilled: IO[bytes] = tempfile.TemporaryFile(dir=workdir)
                spilled.writelines(sorted(run))
                spilled.seek(0)
                files.append(spilled)
                run = []
        run.sort()
        merged: Iterable[bytes] = heapq.merge(run, *files) if files else run
        last = None
        for line in merged:
            if line != last:
                yield line
                last = line
    finally:
        for spill in files:
            spill.close()


def write_canonical_nquads(
    store: OxigraphStore, out: IO[bytes], workdir: Path, progress: Progress | None = None
) -> tuple[str, int, int]:
    """Write the store's canonical N-Quads to `out`: (sha256, lines, bytes). `progress` is told the
    quads read (and sorted), then the lines written."""
    blank: list[ox.Quad] = []
    total = len(store)
    reading = Meter(progress, "reading the store", total, "quads")

    def lines() -> Iterator[bytes]:
        for quad in reading.items(store.pattern()):
            if _has_blank(quad):
                blank.append(quad)
            else:
                yield canonical_line(quad).encode("utf-8")
        labels = _blank_labels(blank)
        for quad in blank:
            yield canonical_line(quad, labels).encode("utf-8")
        reading.finish()

    writing = Meter(progress, "writing the snapshot", total, "quads")
    digest, count, size = hashlib.sha256(), 0, 0
    for line in writing.items(_runs(lines(), workdir)):
        out.write(line)
        digest.update(line)
        count += 1
        size += len(line)
    writing.finish()
    return digest.hexdigest(), count, size


# -- the manifest ---------------------------------------------------------------------------------


def ontology_version() -> dict[str, str | None]:
    """The ontology's IRI and owl:versionInfo, read from ontology/bilateral.ttl."""
    data = resources.files("bilateral.ontology").joinpath("bilateral.ttl").read_bytes()
    triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    ontologies = {
        t.subject for t in triples if t.predicate.value == RDF_TYPE and t.object == ox.NamedNode(OWL + "Ontology")
    }
    for t in triples:
        if t.subject in ontologies and t.predicate.value == OWL + "versionInfo":
            return {"iri": t.subject.value, "version": t.object.value}
    return {"iri": next((o.value for o in ontologies), None), "version": None}


_SOURCE_FIELDS = {
    BI.name: "id",
    BI.title: "title",
    BI.url: "url",
    BI.publisher: "publisher",
    BI.publishedDate: "published",
    BI.retrievedDate: "retrieved",
    BI.licence: "licence",
}


def _sources(store: OxigraphStore, quads: dict[str, int]) -> list[dict[str, Any]]:
    """Every graph with its own description (a graph describes the source it is named after)."""
    described: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = store.select("SELECT ?g ?p (STR(?o) AS ?v) WHERE { GRAPH ?g { ?g ?p ?o } }")
    for graph, predicate, value in rows.rows:
        name = _SOURCE_FIELDS.get(str(predicate))
        if name:
            described[str(graph)][name].add(str(value))
    out = []
    for graph in sorted(quads):
        entry: dict[str, Any] = {"graph": graph}
        for name in dict.fromkeys(_SOURCE_FIELDS.values()):
            values = sorted(described[graph].get(name, ()))
            entry[name] = values[0] if len(values) == 1 else (values or None)
        entry["quads"] = quads[graph]
        out.append(entry)
    return out


def _manifest(
    store: OxigraphStore, snapshot_id: str, created: dt.datetime, label: str | None, sha256: str, lines: int, size: int
) -> dict[str, Any]:
    by_class = store.select("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
    by_graph = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    per_source = {str(g): int(n) for g, n in by_graph.rows}  # type: ignore[arg-type]
    return {
        "format": FORMAT,
        "id": snapshot_id,
        "created": created.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),  # the folder name has the second
        "label": label,
        "data": {
            "file": SNAPSHOT_DATA,
            "sha256": sha256,
            "quads": lines,
            "bytes": size,
            "canonicalization": "RDF 1.2 canonical N-Quads; blank nodes labelled by colour "
            "refinement; lines sorted by UTF-8 bytes",
        },
        "counts": {
            "quads": lines,
            "classes": dict(sorted((str(c), int(n)) for c, n in by_class.rows)),  # type: ignore[arg-type]
            "sources": dict(sorted(per_source.items())),
        },
        "sources": _sources(store, per_source),
        "ontology": ontology_version(),
        "tool": {"name": "bilateral", "version": package_version()},
    }


# -- snapshots ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """A snapshot folder and its manifest."""

    path: Path
    manifest: dict[str, Any] = field(repr=False)

    @property
    def id(self) -> str:
        return self.path.name

    @property
    def created(self) -> str:
        return str(self.manifest.get("created", ""))

    @property
    def label(self) -> str | None:
        return self.manifest.get("label")

    @property
    def sha256(self) -> str:
        return str(self.manifest["data"]["sha256"])

    @property
    def quads(self) -> int:
        return int(self.manifest["data"].get("quads", 0))

    @property
    def data(self) -> Path:
        return self.path / SNAPSHOT_DATA

    @classmethod
    def read(cls, path: Path) -> Snapshot:
        where = path / SNAPSHOT_MANIFEST
        try:
            manifest = json.loads(where.read_text(encoding="utf-8"))
            data = manifest.get("data") if isinstance(manifest, dict) else None
            if not isinstance(data, dict):
                raise ValueError("no data section")
            sha256 = data.get("sha256")
            if not isinstance(sha256, str) or not re.fullmatch(r"[0-9a-f]{64}", sha256):
                raise ValueError(f"no data.sha256 of 64 hex digits (found {sha256!r})")
            int(data.get("quads", 0))
        except (OSError, ValueError, TypeError) as err:
            raise SnapshotError(
                f"the snapshot {path.name} is unreadable: {str(where)!r} is not a "
                f"snapshot manifest ({' '.join(str(err).split())})"
            ) from err
        return cls(path, manifest)


def default_snapshot_dir(store_path: str | Path) -> Path:
    """`snapshots/` beside the store folder; for a store on a server, in the working folder."""
    if str(store_path).lower().startswith(("http://", "https://")):
        return Path("snapshots").absolute()
    return Path(store_path).absolute().parent / "snapshots"


def _slug(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-.")[:60]


def create_snapshot(
    store: OxigraphStore,
    snapshot_dir: str | Path | None = None,
    label: str | None = None,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Snapshot:
    """Write a snapshot of the whole store; the folder appears only once complete (`progress` is
    told the quads read and written)."""
    folder = Path(snapshot_dir) if snapshot_dir else default_snapshot_dir(store.path)
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    base = created.strftime("%Y%m%dT%H%M%SZ") + (f"-{_slug(label)}" if label and _slug(label) else "")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        snapshot_id, number = base, 2
        while (folder / snapshot_id).exists():
            snapshot_id, number = f"{base}-{number}", number + 1
        tmp = folder / f".{snapshot_id}.partial-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
    except OSError as err:
        raise SnapshotError(f"cannot write snapshots into {str(folder)!r}: {err}") from err
    try:
        with (tmp / SNAPSHOT_DATA).open("wb") as out:
            sha256, lines, size = write_canonical_nquads(store, out, tmp, progress)
        manifest = _manifest(store, snapshot_id, created, label, sha256, lines, size)
        (tmp / SNAPSHOT_MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        tmp.rename(folder / snapshot_id)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise SnapshotError(f"writing the snapshot {snapshot_id} failed: {err}") from err
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Snapshot(folder / snapshot_id, manifest)


def scan_snapshots(snapshot_dir: str | Path) -> tuple[list[Snapshot], list[tuple[Path, SnapshotError]]]:
    """The readable snapshots in a folder, oldest first, and an error for each unreadable one
    (by folder name): one damaged manifest does not hide the others."""
    folder = Path(snapshot_dir)
    if not folder.is_dir():
        return [], []
    found: list[Snapshot] = []
    unreadable: list[tuple[Path, SnapshotError]] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not is_snapshot_dir(path):
            continue
        try:
            found.append(Snapshot.read(path))
        except SnapshotError as err:
            unreadable.append((path, err))
    return sorted(found, key=lambda s: (s.created, s.id)), unreadable


def list_snapshots(snapshot_dir: str | Path) -> list[Snapshot]:
    """The readable snapshots in a folder, oldest first (manifests are read; hashes are not
    checked); `scan_snapshots` also names the unreadable ones."""
    return scan_snapshots(snapshot_dir)[0]


def snapshot_rows(snapshots: Iterable[Snapshot]) -> Rows:
    """Snapshots as rows for `bilateral snapshot list`."""
    rows: list[tuple[Any, ...]] = [
        (s.id, s.created, s.label, s.quads, len(s.manifest.get("sources", [])), s.sha256, str(s.path))
        for s in snapshots
    ]
    return Rows(["id", "created", "label", "quads", "sources", "sha256", "path"], rows)


def resolve_snapshot(ref: str | Path, snapshot_dir: str | Path | None = None) -> Snapshot:
    """A snapshot by path, by id (or a unique start of one), by label, or `latest`."""
    path = Path(ref)
    if is_snapshot_dir(path):
        return Snapshot.read(path)
    known, unreadable = scan_snapshots(snapshot_dir) if snapshot_dir else ([], [])
    text = str(ref)
    if text == "latest" and known:
        return known[-1]
    for match in (
        [s for s in known if s.id == text],
        [s for s in known if s.id.startswith(text)],
        [s for s in known if s.label == text],
    ):
        if len(match) == 1:
            return match[0]
        if len(match) > 1:
            listing = ", ".join(s.id for s in match)
            raise SnapshotError(f"{text!r} names several snapshots: {listing}")
    # An unreadable one has no label to match but its folder name (which ends with the label).
    for path, err in unreadable:
        name = path.name
        if name.startswith(text) or (_slug(text) and name.split("-", 1)[-1] == _slug(text)):
            raise err
    where = f" in {str(snapshot_dir)!r}" if snapshot_dir else ""
    raise SnapshotError(f"no snapshot {text!r}{where}; `bilateral snapshot list` shows them")


def restore_snapshot(store: OxigraphStore, ref: str | Path, snapshot_dir: str | Path | None = None) -> int:
    """Make the store hold exactly the snapshot (checked against its sha256), in one transaction.

    `bilateral load SNAPSHOT` adds a snapshot's facts to what the store holds; this replaces
    everything. Returns the number of quads restored.
    """
    from bilateral.loaders.rdf_files import read_snapshot

    snapshot = resolve_snapshot(ref, snapshot_dir)
    quads = read_snapshot(snapshot.path)
    graphs = {q.graph_name for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    store.add(quads, replace_graphs=sorted(set(store.graphs()) | graphs, key=lambda g: g.value))
    return len(quads)


# -- diff -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One quad added or removed."""

    change: str  # "added" or "removed"
    quad: ox.Quad

    @property
    def entity(self) -> str:
        s = self.quad.subject
        return s.value if isinstance(s, ox.NamedNode) else str(s)

    @property
    def source(self) -> str:
        g = self.quad.graph_name
        return g.value if isinstance(g, ox.NamedNode) else ("" if isinstance(g, ox.DefaultGraph) else str(g))

    def as_dict(self) -> dict[str, Any]:
        o = self.quad.object
        obj = o.value if isinstance(o, ox.NamedNode | ox.Literal) else str(o)
        return {
            "change": self.change,
            "entity": self.entity,
            "predicate": self.quad.predicate.value,
            "object": obj,
            "source": self.source,
            "nquad": canonical_line(self.quad).rstrip("\n"),
        }


@dataclass(frozen=True)
class SnapshotDiff:
    """The facts in `b` that are not in `a` (added) and those in `a` no longer in `b` (removed)."""

    a: Snapshot
    b: Snapshot
    changes: tuple[Change, ...]  # sorted by entity, source, change, predicate, object

    @property
    def added(self) -> list[ox.Quad]:
        return [c.quad for c in self.changes if c.change == "added"]

    @property
    def removed(self) -> list[ox.Quad]:
        return [c.quad for c in self.changes if c.change == "removed"]

    def grouped(self, by: str = "entity") -> dict[str, list[Change]]:
        """Changes by entity (subject IRI) or by source (graph IRI)."""
        if by not in ("entity", "source"):
            raise SnapshotError(f"group by entity or source, not {by!r}")
        groups: dict[str, list[Change]] = defaultdict(list)
        for change in self.changes:
            groups[change.entity if by == "entity" else change.source].append(change)
        return dict(sorted(groups.items()))

    def rows(self, by: str = "entity") -> Rows:
        """One row per fact, grouped (sorted) by entity or by source, for a table."""
        other = "source" if by == "entity" else "entity"
        rows: list[tuple[Any, ...]] = []
        for key, changes in self.grouped(by).items():
            for c in changes:
                d = c.as_dict()
                shown = source_id(d["source"]) if by == "entity" else d["entity"]
                rows.append((source_id(key) if by == "source" else key, c.change, d["predicate"], d["object"], shown))
        return Rows([by, "change", "predicate", "object", other], rows)

    def summary_rows(self, by: str = "entity") -> Rows:
        """Facts added and removed per entity or per source."""
        rows = [
            (
                source_id(k) if by == "source" else k,
                sum(c.change == "added" for c in cs),
                sum(c.change == "removed" for c in cs),
            )
            for k, cs in self.grouped(by).items()
        ]
        return Rows([by, "added", "removed"], rows)  # type: ignore[arg-type]

    def as_json(self) -> dict[str, Any]:
        def group(by: str) -> dict[str, dict[str, list[dict[str, Any]]]]:
            return {
                k: {
                    "added": [c.as_dict() for c in cs if c.change == "added"],
                    "removed": [c.as_dict() for c in cs if c.change == "removed"],
                }
                for k, cs in self.grouped(by).items()
            }

        return {
            "a": {"id": self.a.id, "sha256": self.a.sha256},
            "b": {"id": self.b.id, "sha256": self.b.sha256},
            "added": len(self.added),
            "removed": len(self.removed),
            "by_entity": group("entity"),
            "by_source": group("source"),
        }


class _Lines:
    """A snapshot's sorted lines, hashed as they are read, checked at the end."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot, self.digest = snapshot, hashlib.sha256()

    def __iter__(self) -> Iterator[bytes]:
        last = b""
        path = self.snapshot.data
        with path.open("rb") as data:
            for number, line in enumerate(data, 1):
                self.digest.update(line)
                if line < last:
                    raise InputError(
                        [
                            Problem(
                                str(path),
                                number,
                                None,
                                line.decode("utf-8", "replace")[:80],
                                "lines are not sorted: not a canonical snapshot",
                            )
                        ]
                    )
                last = line
                yield line
        if self.digest.hexdigest() != self.snapshot.sha256:
            raise InputError(
                [
                    Problem(
                        str(path),
                        None,
                        None,
                        self.digest.hexdigest(),
                        f"sha256 does not match the manifest ({self.snapshot.sha256}): the snapshot was "
                        "changed after it was made",
                    )
                ]
            )


def _walk(a: Iterable[bytes], b: Iterable[bytes]) -> Iterator[tuple[str, bytes]]:
    """Merge two sorted line streams: ('removed', line) for a-only, ('added', line) for b-only."""
    end = object()
    ia, ib = iter(a), iter(b)
    x, y = next(ia, end), next(ib, end)
    while x is not end or y is not end:
        if y is end or (x is not end and x < y):  # type: ignore[operator]
            yield "removed", x  # type: ignore[misc]
            x = next(ia, end)
        elif x is end or y < x:  # type: ignore[operator]
            yield "added", y  # type: ignore[misc]
            y = next(ib, end)
        else:
            x, y = next(ia, end), next(ib, end)


def diff_snapshots(a: str | Path, b: str | Path, snapshot_dir: str | Path | None = None) -> SnapshotDiff:
    """What changed from snapshot `a` to snapshot `b` (each a path, an id, a label or `latest`).

    Both files are checked against their manifests' sha256 while they are read.
    """
    first, second = resolve_snapshot(a, snapshot_dir), resolve_snapshot(b, snapshot_dir)
    found: dict[str, list[bytes]] = {"added": [], "removed": []}
    for change, line in _walk(_Lines(first), _Lines(second)):
        found[change].append(line)
    changes = []
    for change, lines in found.items():
        if lines:
            for quad in ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS):
                if quad.predicate.value not in INDEX_PROPERTIES:  # derived from a name listed beside it
                    changes.append(Change(change, quad))
    changes.sort(key=lambda c: (c.entity, c.source, c.change, c.quad.predicate.value, str(c.quad.object)))
    return SnapshotDiff(first, second, tuple(changes))


def verify(ref: str | Path, snapshot_dir: str | Path | None = None) -> Snapshot:
    """The snapshot, once its data is checked against its manifest (InputError if changed)."""
    snapshot = resolve_snapshot(ref, snapshot_dir)
    verify_snapshot(snapshot.path)
    return snapshot
