"""TriG, N-Quads and Turtle: the RDF formats Oxigraph serializes itself."""

from __future__ import annotations

from typing import IO, ClassVar

import pyoxigraph as ox

from bilateral.graph.export.base import Counting, QuadWriter
from bilateral.graph.export.selection import Selection
from bilateral.graph.literal import XSD
from bilateral.ontology.vocab import NS

__all__ = ["PREFIXES", "NQuads", "TriG", "Turtle"]

PREFIXES = {
    "bi": NS,
    "xsd": XSD,
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


class _OxigraphWriter(QuadWriter):
    """Written by Oxigraph's own serializer."""

    rdf_format: ClassVar[ox.RdfFormat]

    def write(self, sel: Selection, out: IO[bytes]) -> int:
        prefixes = None if self.rdf_format == ox.RdfFormat.N_QUADS else PREFIXES
        if self.rdf_format != ox.RdfFormat.TURTLE and sel.whole:
            sel.store.dump(out, self.rdf_format, prefixes=prefixes)
            return len(sel.store)
        items = Counting(sel.triples() if self.rdf_format == ox.RdfFormat.TURTLE else sel.quads())
        ox.serialize(items, out, self.rdf_format, prefixes=prefixes)
        return items.count


class TriG(_OxigraphWriter):
    """Every graph, streamed from the store's indexes."""

    rdf_format = ox.RdfFormat.TRIG


class NQuads(_OxigraphWriter):
    """Every graph, one quad a line, streamed from the store's indexes."""

    rdf_format = ox.RdfFormat.N_QUADS


class Turtle(_OxigraphWriter):
    """The union of the graphs, each triple once, subject by subject: which source said what is lost."""

    rdf_format = ox.RdfFormat.TURTLE
