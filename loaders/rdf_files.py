"""RDF files (exports, snapshots): quads kept in the graphs they name."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from bilateral.errors import InputError, Problem

__all__ = ["RDF_FORMATS", "is_rdf_file", "read_rdf"]

RDF_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}


def is_rdf_file(path: Path) -> bool:
    return path.suffix.lower() in RDF_FORMATS


def read_rdf(path: Path) -> list[ox.Quad]:
    """Every quad of the file; a triple outside a named graph has no source and is refused."""
    fmt = RDF_FORMATS[path.suffix.lower()]
    try:
        quads = list(ox.parse(path=str(path), format=fmt))
    except SyntaxError as err:
        raise InputError([Problem(str(path), getattr(err, "lineno", None), None, "",
                                  f"not valid {fmt.name}: {err}")]) from err
    except (OSError, ValueError) as err:
        raise InputError([Problem(str(path), None, None, "", f"cannot read: {err}")]) from err
    orphans = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    if orphans:
        raise InputError([Problem(
            str(path), None, None, str(orphans[0].subject),
            f"{len(orphans)} triple(s) outside any named graph: every fact must sit in the graph "
            "of the source that asserts it (use TriG or N-Quads)")])
    return quads
