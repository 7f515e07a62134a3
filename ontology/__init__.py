"""The ontology: the one declaration of the vocabulary, its SHACL shapes and JSON-LD context."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import rdflib

__all__ = ["CONTEXT_FILE", "ONTOLOGY_FILE", "SHAPES_FILE", "ontology_graph", "shapes_graph"]

_HERE = Path(str(resources.files(__name__)))
ONTOLOGY_FILE = _HERE / "bilateral.ttl"
SHAPES_FILE = _HERE / "shapes.ttl"
CONTEXT_FILE = _HERE / "context.jsonld"


@cache
def ontology_graph() -> rdflib.Graph:
    """The parsed ontology (cached: it is read once per process)."""
    import rdflib  # here, not at the top: the generated vocabulary is imported without rdflib

    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


@cache
def shapes_graph() -> rdflib.Graph:
    """The parsed SHACL shapes."""
    import rdflib

    return rdflib.Graph().parse(SHAPES_FILE, format="turtle")
