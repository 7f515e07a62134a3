"""RDF terms as Python values: the one converter, for SPARQL results (graph/store.py) and the
property graph (graph/mapping.py).

A typed literal becomes the matching Python value; one that is ill-typed (`"abc"^^xsd:integer`,
`"maybe"^^xsd:boolean`) stays the text it is, as does any datatype not listed here. Each caller
narrows further what it cannot hold (the property graph has no Decimal and 64-bit integers).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

__all__ = ["XSD", "LiteralValue", "PyValue", "literal_value", "python_value"]

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = frozenset(
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
    )
)
LiteralValue = str | int | float | bool | Decimal | dt.date | dt.datetime
PyValue = LiteralValue | None


def literal_value(lit: ox.Literal) -> LiteralValue:
    """The Python value of a literal: int, Decimal (xsd:decimal, exact), float, bool, date,
    datetime; else, or when ill-typed, its text."""
    text, datatype = lit.value, lit.datatype.value
    try:
        if datatype in INTEGERS:
            return int(text)
        if datatype == XSD + "decimal":
            exact = Decimal(text)
            return exact if exact.is_finite() else text  # xsd:decimal has no NaN or INF
        if datatype in (XSD + "double", XSD + "float"):
            return float(text)
        if datatype == XSD + "boolean":
            if text in ("true", "1", "false", "0"):
                return text in ("true", "1")
            return text
        if datatype == XSD + "date":
            return dt.date.fromisoformat(text)
        if datatype == XSD + "dateTime":
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, InvalidOperation):
        return text  # an ill-typed literal stays the text it is
    return text


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph | None) -> PyValue:
    """IRIs as strings, blank nodes as `_:id`, typed literals as the matching Python value; a
    quoted triple (RDF-star, which a user's CONSTRUCT may return) as its N-Triples text."""
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.Triple):
        return str(term)
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return literal_value(term)
