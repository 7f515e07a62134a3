"""GraphML and GEXF (for Gephi and yEd): the property-graph projection as networkx writes it;
holds networkx's graph and XML tree in memory too."""

from __future__ import annotations

from collections import defaultdict
from typing import IO, Any

import networkx as nx

from bilateral.graph.export.base import GraphWriter
from bilateral.graph.export.selection import Selection
from bilateral.graph.mapping import Projection
from bilateral.graph.networkx import to_networkx

__all__ = ["GEXF", "GraphML", "file_graph"]


class GraphML(GraphWriter):
    def write(self, projection: Projection, sel: Selection, out: IO[bytes]) -> None:
        nx.write_graphml(file_graph(projection, "graphml"), out, encoding="utf-8")


class GEXF(GraphWriter):
    def write(self, projection: Projection, sel: Selection, out: IO[bytes]) -> None:
        nx.write_gexf(file_graph(projection, "gexf"), out, encoding="utf-8")


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _unify_types(items: list[dict[str, Any]]) -> None:
    """One type per attribute name, as GraphML and GEXF declare it once for the whole file:
    ints with floats become floats, any other mix becomes text."""
    kinds: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for name, value in data.items():
            kinds[name].add(type(value))
    for data in items:
        for name, value in data.items():
            found = kinds[name]
            if len(found) > 1:
                data[name] = float(value) if found <= {int, float} else _as_text(value)


def file_graph(projection: Projection, fmt: str) -> nx.MultiDiGraph:
    """The networkx graph written to a GraphML or GEXF file.

    The flat projection (`to_networkx(flat=True)`: lists as JSON text, dates as ISO text, ints,
    floats and booleans typed), with one type per attribute, and edge keys `e0`, `e1`, ...
    (unique, as Gephi needs; the relationship type is the `type` attribute). In GEXF, which
    reserves `type` for directedness, the relationship type is the edge `label`, and a node's
    `label` (what Gephi shows) is its name, else its uri.
    """
    flat = to_networkx(projection, flat=True)
    graph = nx.MultiDiGraph()
    for node, data in flat.nodes(data=True):
        graph.add_node(node, **data)
    for number, (start, end, data) in enumerate(flat.edges(data=True)):
        graph.add_edge(start, end, key=f"e{number}", **data)
    _unify_types([data for _, data in graph.nodes(data=True)])
    _unify_types([data for _, _, data in graph.edges(data=True)])
    if fmt == "gexf":
        for node, data in graph.nodes(data=True):
            name = data.get("name")
            data["label"] = name if isinstance(name, str) and not name.startswith("[") else node
        for _, _, data in graph.edges(data=True):
            data["label"] = data.pop("type")
    return graph
