"""The export formats by name: name -> (module, class), imported on first use, the way rdflib's
plugin registry maps serializer names. A new format is a `base.Writer` subclass in a module of
this package and one line here; `bilateral export --format` offers exactly these names."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from bilateral.graph.export.base import Writer

__all__ = ["FORMATS", "WRITERS", "writer"]

_PACKAGE = "bilateral.graph.export"
WRITERS: Final[dict[str, tuple[str, str]]] = {
    "trig": (f"{_PACKAGE}.rdf", "TriG"),
    "nquads": (f"{_PACKAGE}.rdf", "NQuads"),
    "turtle": (f"{_PACKAGE}.rdf", "Turtle"),
    "jsonld": (f"{_PACKAGE}.jsonld", "JsonLd"),
    "graphml": (f"{_PACKAGE}.graphml", "GraphML"),
    "gexf": (f"{_PACKAGE}.graphml", "GEXF"),
    "csv": (f"{_PACKAGE}.neo4j_csv", "Neo4jCsv"),
    "cypher": (f"{_PACKAGE}.cypher_script", "CypherScript"),
}
FORMATS: Final = tuple(WRITERS)


def writer(name: str) -> Writer:
    """The writer registered as `name` (KeyError if none is)."""
    module, cls = WRITERS[name]
    made: Writer = getattr(importlib.import_module(module), cls)()
    return made
