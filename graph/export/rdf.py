"""TriG, N-Quads and Turtle: the RDF formats Oxigraph serializes itself."""

from __future__ import annotations

from typing import IO, ClassVar, cast

import pyoxigraph as ox

from bilateral.core.progress import Meter
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
            if sel.progress is None:
                sel.store.dump(out, self.rdf_format, prefixes=prefixes)
            else:  # Oxigraph writes: what it writes is counted (quads are lines in N-Quads)
                lines = self.rdf_format == ox.RdfFormat.N_QUADS
                meter = sel.meter() if lines else Meter(sel.progress, "exporting", None, "bytes")
                sel.store.dump(cast(IO[bytes], _Metered(out, meter, lines)), self.rdf_format, prefixes=prefixes)
                meter.finish()
            return len(sel.store)
        items = Counting(sel.triples() if self.rdf_format == ox.RdfFormat.TURTLE else sel.quads())
        ox.serialize(items, out, self.rdf_format, prefixes=prefixes)
        return items.count


class _Metered:
    """`out`, counting on a meter the lines (or bytes) written through it."""

    def __init__(self, out: IO[bytes], meter: Meter, lines: bool) -> None:
        self.out, self.meter, self.lines = out, meter, lines

    def write(self, data: bytes) -> int:
        self.meter.add(data.count(b"\n") if self.lines else len(data))
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


class TriG(_OxigraphWriter):
    """Every graph, streamed from the store's indexes."""

    rdf_format = ox.RdfFormat.TRIG


class NQuads(_OxigraphWriter):
    """Every graph, one quad a line, streamed from the store's indexes."""

    rdf_format = ox.RdfFormat.N_QUADS


class Turtle(_OxigraphWriter):
    """The union of the graphs, each triple once, subject by subject: which source said what is lost."""

    rdf_format = ox.RdfFormat.TURTLE
