"""JSON-LD: one named graph at a time, compacted by rdflib with ontology/context.jsonld; the
document around them is written as it goes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from typing import IO, Any

import pyoxigraph as ox

from bilateral.graph.export.base import Counting, QuadWriter
from bilateral.graph.export.selection import Selection
from bilateral.graph.literal import XSD

__all__ = ["JsonLd", "read_context"]


class JsonLd(QuadWriter):
    def write(self, sel: Selection, out: IO[bytes]) -> int:
        return _write_jsonld(sel, out)


def read_context() -> dict[str, Any]:
    """The project's JSON-LD context (ontology/context.jsonld), as its `@context` value."""
    text = resources.files("bilateral.ontology").joinpath("context.jsonld").read_text(encoding="utf-8")
    return dict(json.loads(text)["@context"])


def _rdflib_term(term: Any) -> Any:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD + "string":
        return rdflib.Literal(term.value)
    # normalize=False: the lexical form is the fact; rdflib must not rewrite it
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)


def _jsonld_nodes(quads: Iterable[ox.Quad], context: dict[str, Any]) -> list[Any]:
    import rdflib

    graph = rdflib.Graph()
    for quad in quads:
        graph.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
    if not len(graph):
        return []
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(doc, dict) and "@graph" in doc:
        nodes = list(doc["@graph"])
    elif isinstance(doc, dict):
        doc.pop("@context", None)
        nodes = [doc]
    else:
        nodes = list(doc)
    return sorted((_in_order(node) for node in nodes), key=_sort_key)


def _sort_key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _in_order(value: Any, key: str = "") -> Any:
    """rdflib writes nodes, keys and values in set order, which changes with PYTHONHASHSEED. JSON-LD
    arrays are unordered sets (an `@list` excepted), so sorting them keeps the meaning and makes
    the same graph always the same bytes."""
    if isinstance(value, dict):
        return {k: _in_order(value[k], k) for k in sorted(value)}
    if isinstance(value, list):
        items = [_in_order(item) for item in value]
        return items if key == "@list" else sorted(items, key=_sort_key)
    return value


def _write_jsonld(sel: Selection, out: IO[bytes]) -> int:
    """`{"@context": ..., "@graph": [{"@id": graph, "@graph": [...]}, ...]}`, one graph at a time."""
    context = read_context()
    count = 0

    def write(text: str) -> None:
        out.write(text.encode("utf-8"))

    write('{\n"@context": ' + json.dumps(context, ensure_ascii=False, indent=1) + ',\n"@graph": [')
    first = True

    def put(obj: Any) -> None:
        nonlocal first
        write(("\n" if first else ",\n") + json.dumps(obj, ensure_ascii=False, indent=1))
        first = False

    meter = sel.meter()
    if sel.whole:  # facts outside any named graph (loaders refuse them, but a store may hold some)
        default = Counting(meter.items(sel.store.pattern(None, None, None, ox.DefaultGraph())))
        for node in _jsonld_nodes(default, context):
            put(node)
        count += default.count
    for graph in sel.graphs:
        quads = Counting(meter.items(q for q in sel.store.pattern(None, None, None, graph) if sel.keep(q)))
        nodes = _jsonld_nodes(quads, context)
        count += quads.count
        if nodes:
            put({"@id": graph.value, "@graph": nodes})
    write("\n]\n}\n")
    meter.finish()
    return count
