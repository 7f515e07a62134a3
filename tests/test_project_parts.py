"""A first sync reads the store in parts (graph/mapping.py `project_parts`): the parts' size does
not grow with the store, and together they are exactly the projection of the whole store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.graph.mapping import Node, Projection, project_parts, project_store, source_id
from tests.integration.test_neo4j_projection import EXAMPLE

BI = "https://w3id.org/bilateral/ontology#"


def joined(parts: list[Projection]) -> Projection:
    """The parts as one projection, sorted; no node or relationship may be in two parts."""
    out = Projection()
    for part in parts:
        assert not set(part.nodes) & set(out.nodes)
        assert not set(part.relationships) & set(out.relationships)
        out.nodes.update(part.nodes)
        out.relationships.update(part.relationships)
    return Projection(dict(sorted(out.nodes.items())), dict(sorted(out.relationships.items())))


def test_parts_are_bounded_and_make_the_whole(tmp_path: Path) -> None:
    from bench.generate_baci import generate

    data, _ = generate(3_000, 1, tmp_path / "baci")
    # A node that is only ever an object (no fact of its own), pointed at from two graphs, and a
    # subject described in two graphs: each must be one node with both sources.
    extra = tmp_path / "extra.trig"
    extra.write_text(
        "@prefix bi: <https://w3id.org/bilateral/ontology#> .\n"
        "<https://w3id.org/bilateral/id/source/zz-extra> {\n"
        '  <https://w3id.org/bilateral/id/country/JPN> bi:name "Nippon" ;'
        " bi:member <https://w3id.org/bilateral/id/org/bare-club> .\n}\n"
        "<https://w3id.org/bilateral/id/source/aa-extra> {\n"
        "  <https://w3id.org/bilateral/id/country/USA> bi:member <https://w3id.org/bilateral/id/org/bare-club> .\n}\n",
        encoding="utf-8",
    )
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.load([data, EXAMPLE])
        kg.store.add(ox.parse(path=str(extra), format=ox.RdfFormat.TRIG))
        whole = project_store(kg.store)
        parts = list(project_parts(kg.store, subjects=500))
        assert len(kg.store.graphs()) > 3
    bare = "https://w3id.org/bilateral/id/org/bare-club"
    assert whole.nodes[bare].sources == ("aa-extra", "zz-extra")
    assert "zz-extra" in whole.nodes["https://w3id.org/bilateral/id/country/JPN"].sources
    # bounded: no part holds more than 500 subjects' nodes (and the few bare ones)
    assert len(parts) > len(whole.nodes) // 500
    assert max(len(part.nodes) for part in parts) <= 500 + 1
    assert joined(parts) == whole
    assert source_id("https://w3id.org/bilateral/id/source/zz-extra") == "zz-extra"


def test_parts_made_ahead_keep_their_order_and_errors() -> None:
    """The sync projects each part in a thread while the one before is written: the parts come
    in order, an error in the thread reaches the caller, and a caller that stops stops it."""
    from contextlib import closing

    from bilateral.graph.neo4j import _ahead

    made: list[int] = []

    def parts(n: int, fail: bool = False) -> Iterator[Projection]:
        for i in range(n):
            made.append(i)
            yield Projection({f"urn:x:{i}": Node((), {}, ("s",))})
        if fail:
            raise ValueError("the store failed")

    assert [next(iter(p.nodes)) for p in _ahead(parts(5))] == [f"urn:x:{i}" for i in range(5)]
    with pytest.raises(ValueError, match="the store failed"):
        list(_ahead(parts(2, fail=True)))
    made.clear()
    with closing(_ahead(parts(1000))) as ahead:
        next(ahead)
    assert len(made) <= 3  # the one given, the one waiting, the one being handed
    assert not [t for t in threading.enumerate() if t.name == "bilateral-projection"]
