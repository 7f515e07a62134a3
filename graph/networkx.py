"""The networkx projection: the same mapping as Neo4j (`graph.mapping`), in memory.

Tracing (shortest paths between two entities) and the graphml/gexf exports work on it, so they
see exactly the nodes and relationships Cypher sees.
"""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx

from bilateral.graph.mapping import Projection, PropertyValue

__all__ = ["flat_value", "to_networkx"]


def to_networkx(projection: Projection, *, flat: bool = False) -> nx.MultiDiGraph:
    """A MultiDiGraph: node id = uri, edge key = relationship type.

    Node attributes `labels`, `properties`, `sources`; edge attributes `type`, `sources`.
    With `flat`, every attribute is a scalar (what graphml and gexf writers accept): `labels`
    and `sources` joined by spaces, each property its own attribute (`uri` too), lists as JSON
    text and dates as ISO text.
    """
    graph = nx.MultiDiGraph()
    for uri, node in projection.nodes.items():
        if flat:
            attrs: dict[str, object] = {"uri": uri, "labels": " ".join(node.labels), "sources": " ".join(node.sources)}
            attrs.update({name: flat_value(value) for name, value in node.properties.items()})
            graph.add_node(uri, **attrs)
        else:
            graph.add_node(uri, labels=node.labels, properties=dict(node.properties), sources=node.sources)
    for (start, kind, end), rel in projection.relationships.items():
        sources: object = " ".join(rel.sources) if flat else rel.sources
        graph.add_edge(start, end, key=kind, type=kind, sources=sources)
    return graph


def flat_value(value: PropertyValue) -> str | int | float | bool:
    """A property value as a graphml/gexf scalar (lists as JSON, dates as ISO 8601 text)."""
    if isinstance(value, list):
        return json.dumps([flat_value(v) for v in value], ensure_ascii=False)
    if isinstance(value, dt.date):  # datetime too
        return value.isoformat()
    return value
