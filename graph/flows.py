"""Trade flows of a BACI file as N-Quads, generated column-wise for the store's bulk loader.

The loader (loaders/baci.py) reads and checks the file chunk by chunk; this module writes each
checked chunk as N-Quads lines, one predicate at a time over whole columns. The lines are exactly
what graph/rdf.py gives the same flows as records (tests/test_public_loaders.py proves it quad
for quad): IRIs are minted by graph/iri.py itself, and the source, sectors, dyads and ISO
countries are written by graph/rdf.py's own emitter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd
from pyoxigraph import NamedNode

from bilateral.core.progress import Meter, Progress
from bilateral.graph import iri, keys, rdf
from bilateral.loaders import records as r
from bilateral.loaders.baci import CHUNK, CheckedChunk, read_baci_chunks
from bilateral.loaders.public import Skipped
from bilateral.ontology.countries import ISO_SOURCE_ID
from bilateral.ontology.vocab import BI

__all__ = ["BulkStats", "bulk_nquads", "check_baci"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_Cache = dict[Callable[[str], str], dict[str, str]]


@dataclass(frozen=True)
class BulkStats:
    """What `bulk_nquads` wrote."""

    source: str  # the id of the file's Source; its graph holds every flow
    rows: int
    flows: int
    quads: int  # lines written (the store drops duplicates)
    graphs: tuple[str, ...]  # the graphs written: the source's, and the shared ISO 3166 graph
    skipped: list[Skipped]
    # What the source's graph holds once loaded alone (no other quads in it), for `counts`;
    # None when two rows give the same flow (the lines are then not all distinct quads).
    source_quads: int | None = None
    dyad_flows: dict[str, int] = field(default_factory=dict)  # flows by dyad name (JPN-USA)


class Writer(Protocol):
    """Where N-Quads go: a binary file, or graph/bulk.py's PartFiles."""

    def write(self, data: bytes, /) -> int: ...


def bulk_nquads(
    path: Path,
    out: Writer,
    country_codes: Path | None = None,
    *,
    skip_unknown: bool = False,
    chunksize: int = CHUNK,
    progress: Progress | None = None,
) -> BulkStats:
    """Stream a BACI file in chunks into N-Quads on `out`, generated column-wise.

    Problems are collected over the whole file and raised together at the end (InputError) - then
    what was written to `out` must be thrown away, never loaded. `progress` is told the bytes of
    the file read, and the rows checked after every chunk.
    """
    reader = read_baci_chunks(path, country_codes, skip_unknown=skip_unknown, chunksize=chunksize)
    source = reader.source
    flows = quads = 0
    cache: _Cache = {}
    pairs: Counter[str] = Counter()  # flows by ordered pair
    flow_hashes: list[np.ndarray] = []  # a 64-bit hash of each flow's key, to tell whether two rows share one
    rows = Meter(progress, "rows checked", None, "rows", every=1)
    rows.add(0)  # shown from the start: the first chunk is read whole before it is checked
    for checked in reader.chunks(progress):
        flows += len(checked.k6)
        if len(checked.k6) and not reader.refused:  # a refused file need not be written further
            for lines in _flow_lines(checked, source.id, cache):
                out.write(("\n".join(lines) + "\n").encode("utf-8"))
                quads += len(lines)
            pair = checked.exporter + "-" + checked.importer
            pairs.update(pair.value_counts().to_dict())
            flow_hashes.append(
                pd.util.hash_array((pair + " " + checked.year + " " + checked.k6).to_numpy(dtype=object))
            )
        rows.add(reader.checker.rows - rows.done)
    rows.finish()
    skipped = reader.finish()
    checker = reader.checker
    dimension = list(_dimension_quads(source, reader.sectors(), checker.dyads, checker.countries))
    out.write(("\n".join(dimension) + "\n").encode("utf-8"))
    graph = iri.source_iri(source.id)
    graphs = (graph, *((iri.source_iri(ISO_SOURCE_ID),) if checker.countries else ()))
    distinct = not flow_hashes or len(np.unique(np.concatenate(flow_hashes))) == flows
    dyad_flows: Counter[str] = Counter()
    for pair, n in pairs.items():
        dyad_flows["-".join(iri.dyad_codes(*pair.split("-")))] += n
    in_graph = len({line for line in dimension if line.endswith(f"<{graph}> .")})
    return BulkStats(
        source=source.id,
        rows=checker.rows,
        flows=flows,
        quads=quads + len(dimension),
        graphs=graphs,
        skipped=skipped,
        source_quads=quads + in_graph if distinct else None,
        dyad_flows=dict(dyad_flows),
    )


def check_baci(path: Path, *, skip_unknown: bool = False, progress: Progress | None = None) -> str:
    """Read and check a whole BACI file, writing nothing (InputError naming every bad row): done
    before its N-Quads are written and loaded part by part (graph/bulk.py stream_parts), which
    must not meet a bad row half-way. Returns the id of its Source. About a tenth of the time of
    `bulk_nquads` (measured at 100,000 rows)."""
    reader = read_baci_chunks(path, skip_unknown=skip_unknown)
    rows = Meter(progress, "rows checked", None, "rows", every=1)  # as bulk_nquads shows them
    rows.add(0)
    for _ in reader.chunks(progress):
        rows.add(reader.checker.rows - rows.done)
    rows.finish()
    reader.finish()
    return reader.source.id


def _iri(value: str) -> str:
    return f"<{value}>"


def _mapped(values: pd.Series, make: Callable[[str], str], cache: _Cache) -> np.ndarray:
    """`make` applied once per distinct value of the whole file (cached across chunks), spread
    over the column: IRIs are minted by graph/iri.py itself, so both paths agree by construction."""
    table = cache.setdefault(make, {})
    for value in values.unique():
        if value not in table:
            table[value] = make(value)
    return values.map(table).to_numpy(dtype=object)


def _country_iri(code: str) -> str:
    return _iri(iri.country_iri(code))


def _sector_segment(k6: str) -> str:
    return iri.segment(f"HS/{k6}")


def _sector_iri(k6: str) -> str:
    return _iri(iri.topic_iri(k6, "HS"))


def _dyad_iri(pair: str) -> str:
    return _iri(iri.dyad_iri(*pair.split("-")))


def _thousands(v: pd.Series) -> np.ndarray:
    """v * 1000 as decimal text, by moving the point three places (exact, no floats): the same
    text `graph.rdf.literal(scaled(Decimal(v), 1000))` gives."""
    parts = v.str.partition(".")
    frac = parts[2].str.ljust(3, "0")
    whole = (parts[0] + frac.str.slice(0, 3)).str.lstrip("0").replace("", "0")
    rest = frac.str.slice(3).str.rstrip("0").replace("", "0")
    return (whole + "." + rest).to_numpy(dtype=object)


def _flow_lines(checked: CheckedChunk, source: str, cache: _Cache) -> Iterator[np.ndarray]:
    """The N-Quads lines of the flows, one predicate at a time (what graph/rdf.py gives a TradeFlow)."""
    graph = f" <{iri.source_iri(source)}> ."
    base = iri.mint("tradeflow", "x")[: -len("x")]
    tail = "/" + "/".join(iri.segment(p) for p in ("USD", source))
    pair = checked.exporter + "-" + checked.importer
    node = (
        base
        + _mapped(pair, iri.segment, cache)
        + "/"
        + _mapped(checked.year, iri.segment, cache)
        + "/"
        + _mapped(checked.k6, _sector_segment, cache)
        + "/"
        + _mapped(checked.importer, iri.segment, cache)
        + tail
    )
    subject = "<" + node + "> "
    importer = _mapped(checked.importer, _country_iri, cache)
    objects: list[tuple[str, np.ndarray | str]] = [
        (rdf.RDF_TYPE.value, _iri(BI.TradeFlow)),
        (BI.exporter, _mapped(checked.exporter, _country_iri, cache)),
        (BI.importer, importer),
        (BI.reporter, importer),
        (BI.year, '"' + checked.year.to_numpy(dtype=object) + f'"^^<{_XSD}integer>'),
        (BI.sector, _mapped(checked.k6, _sector_iri, cache)),
        (BI.value, '"' + _thousands(checked.v) + f'"^^<{_XSD}decimal>'),
        (BI.currency, '"USD"'),
        (BI.unit, '"current prices"'),
        (BI.dyad, _mapped(pair, _dyad_iri, cache)),
        # rdf.flow_figure's text, column-wise (the countries are ISO codes already)
        (
            BI.figure,
            '"exports HS/'
            + checked.k6.to_numpy(dtype=object)
            + " "
            + checked.exporter.to_numpy(dtype=object)
            + " "
            + checked.importer.to_numpy(dtype=object)
            + " "
            + checked.year.to_numpy(dtype=object)
            + ' USD"',
        ),
    ]
    for predicate, obj in objects:
        yield subject + f"<{predicate}> " + obj + graph


def _dimension_quads(
    source: r.Source, sectors: Iterable[r.Topic], dyads: Iterable[tuple[str, str]], countries: Iterable[str]
) -> Iterator[str]:
    """The source, sectors, dyads and ISO country descriptions, by graph/rdf.py's own emitter, with
    their keys (graph/keys.py): few, and exactly what the record path gives for them."""
    emitter = rdf._Emitter()  # the public `to_quads` has no entry for dyads or ISO countries alone
    graph = NamedNode(iri.source_iri(source.id))
    quads = [*emitter.record(source)]
    for topic in sectors:
        quads.extend(emitter.record(topic))
    for exporter, importer in sorted(dyads):
        quads.extend(emitter.dyad(graph, exporter, importer))
    emitter.countries.update(countries)
    quads.extend(emitter.iso_countries())
    for quad in keys.with_keys(quads):  # the name index: what the stores' `add` writes beside them
        yield f"{quad} ."
