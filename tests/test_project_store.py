"""The projection of a whole embedded store, read predicate by predicate (graph/mapping.py
`project_store`), equals the mapping applied to every quad of the store in any order."""

from __future__ import annotations

from pathlib import Path

from bilateral.api import KnowledgeGraph
from bilateral.graph.mapping import project, project_store
from tests.integration.test_neo4j_projection import EXAMPLE


def test_read_by_predicate_equals_every_quad(tmp_path: Path) -> None:
    from bench.generate_baci import generate

    data, _ = generate(2_000, 1, tmp_path / "baci")
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.load([data, EXAMPLE])
        by_predicate = project_store(kg.store)
        every_quad = project(kg.store.quads())
    assert len(by_predicate.nodes) > 2_000 and len(by_predicate.relationships) > 10_000
    assert list(by_predicate.nodes.items()) == list(every_quad.nodes.items())
    assert list(by_predicate.relationships.items()) == list(every_quad.relationships.items())
