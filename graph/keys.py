"""The name index: keys the store writes beside names, so that a name is looked up, not scanned.

Each key is derived from one quad alone and written in that quad's graph: `bi:matchKey` beside a
name, alias, notation or date (the text as people type it: `match_key`), `bi:idKey` beside a topic's
or sector's class (the last segment of its IRI). So every write path derives them the same way
(the stores' `add`, BACI's bulk N-Quads), and a key comes and goes with its fact's graph
(`--replace`, a snapshot restore). Keys an input carries are dropped and derived again: an export
loaded back holds the same keys, and a key can never disagree with its name.

A store written before a version of these keys is keyed again when it is opened (graph/store.py);
version 2 also gives the flows and observations of a store written before the figure key
(bi:figure, graph/rdf.py) the key their load would give them now (`missing_figures`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import unquote

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions

from bilateral.graph import iri
from bilateral.graph.rdf import flow_figure, indicator_figure
from bilateral.ontology.vocab import BI, INDEX_PROPERTIES, SectorScheme

__all__ = ["VERSION", "all_keys", "id_key", "match_key", "missing_figures", "with_keys"]

# Of the keys' derivation: a store keyed by another version is keyed again. 2: figure keys too.
VERSION = "2"

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NAMED = (BI.name, BI.alias, BI.notation, BI.date)  # what resolve matches a name against
TOPIC_CLASSES = (BI.Topic, BI.Sector)  # also known by their id
_MATCH_KEY = NamedNode(BI.matchKey)
_ID_KEY = NamedNode(BI.idKey)
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")  # hyphens, en and em dashes, minus


def match_key(text: str) -> str:
    """A name as people type it: case, accents and the kind of dash do not matter."""
    decomposed = unicodedata.normalize("NFKD", _DASHES.sub("-", text))
    return iri.normalise_key("".join(c for c in decomposed if not unicodedata.combining(c)))


def id_key(subject: str) -> str:
    """The id a topic was loaded with: the last segment of its IRI."""
    return subject.rsplit("/", 1)[-1]


def _keys(quad: Quad) -> Iterator[Quad]:
    predicate, obj = quad.predicate.value, quad.object
    if predicate in NAMED and isinstance(obj, Literal):
        key = match_key(obj.value)
        if key:
            yield Quad(quad.subject, _MATCH_KEY, Literal(key), quad.graph_name)
    elif (
        predicate == RDF_TYPE
        and isinstance(quad.subject, NamedNode)
        and isinstance(obj, NamedNode)
        and obj.value in TOPIC_CLASSES
    ):
        yield Quad(quad.subject, _ID_KEY, Literal(id_key(quad.subject.value)), quad.graph_name)


def with_keys(quads: Iterable[Quad]) -> Iterator[Quad]:
    """The quads, any key among them left out, each followed by the keys derived from it."""
    for quad in quads:
        if quad.predicate.value not in INDEX_PROPERTIES:
            yield quad
            yield from _keys(quad)


Pattern = Callable[[None, NamedNode, NamedNode | None, None], Iterable[Quad]]


def all_keys(pattern: Pattern) -> Iterator[Quad]:
    """Every key of a store, from its `quads_for_pattern`: to key a store written without them."""
    for predicate in NAMED:
        for quad in pattern(None, NamedNode(predicate), None, None):
            yield from _keys(quad)
    for cls in TOPIC_CLASSES:
        for quad in pattern(None, NamedNode(RDF_TYPE), NamedNode(cls), None):
            yield from _keys(quad)


_FLOWS = f"""SELECT ?g ?o ?x ?m ?y ?c ?s ?notation WHERE {{ GRAPH ?g {{
  ?o a <{BI.TradeFlow}> ; <{BI.exporter}> ?x ; <{BI.importer}> ?m ; <{BI.year}> ?y ; <{BI.currency}> ?c ;
     <{BI.sector}> ?s FILTER NOT EXISTS {{ ?o <{BI.figure}> ?figure }} }}
  OPTIONAL {{ GRAPH ?h {{ ?s <{BI.notation}> ?notation }} }} }}"""
_OBSERVATIONS = f"""SELECT ?g ?o ?x ?m ?y ?c ?i WHERE {{ GRAPH ?g {{
  ?o a <{BI.IndicatorObservation}> ; <{BI.country}> ?x ; <{BI.partner}> ?m ; <{BI.year}> ?y ;
     <{BI.currency}> ?c ; <{BI.indicator}> ?i FILTER NOT EXISTS {{ ?o <{BI.figure}> ?figure }} }} }}"""
_SCHEMES = {iri.segment(s.value): s.value for s in SectorScheme}  # as a sector's IRI has them
_FIGURE = NamedNode(BI.figure)

Query = Callable[[str, NamedNode], QuerySolutions]


def missing_figures(query: Query, graph: NamedNode) -> Iterator[Quad]:
    """The figure keys (bi:figure) the graph's flows and observations lack, as graph/rdf.py gives
    them at load, from what the store holds: for a store written before them. `query(sparql, g)`
    runs a SELECT with ?g bound to the graph."""

    def code(country: object) -> str:  # a country IRI ends with its code
        return str(getattr(country, "value", country)).rsplit("/", 1)[-1]

    for row in query(_FLOWS, graph):
        # an HS sector's key is its notation (its IRI has it case-folded), another's its id
        scheme_segment, key = str(row["s"].value).split("/topic/", 1)[-1].split("/", 1)
        scheme = _SCHEMES.get(scheme_segment, scheme_segment)
        notation = row["notation"]
        sector = f"{scheme}/{notation.value if scheme == SectorScheme.HS and notation else unquote(key)}"
        figure = flow_figure(sector, code(row["x"]), code(row["m"]), row["y"].value, row["c"].value)
        if figure is not None:
            yield Quad(row["o"], _FIGURE, Literal(figure), graph)
    for row in query(_OBSERVATIONS, graph):
        figure = indicator_figure(row["i"].value, code(row["x"]), code(row["m"]), row["y"].value, row["c"].value)
        if figure is not None:
            yield Quad(row["o"], _FIGURE, Literal(figure), graph)
