"""The name index resolve looks names up in: a match key beside every name, however the name got
into the store (tables, RDF files, BACI's bulk path, a snapshot restore, a store written before
there were keys), and gone with the name when its source is replaced."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import NameResolutionError
from bilateral.graph.snapshot import create_snapshot, restore_snapshot

from .conftest import DATA, EXAMPLE, needs_fuseki, run_cli

BI = "https://w3id.org/bilateral/ontology#"
MATCH_KEY = ox.NamedNode(BI + "matchKey")
SOURCE = "https://w3id.org/bilateral/id/source/test-name-index"
PERSON = "https://w3id.org/bilateral/id/person/test-name-index"


def _trig(path: Path, name: str) -> Path:
    """A described source holding one person, as a plain RDF file (no loader of ours made it)."""
    path.write_text(
        "@prefix bi: <https://w3id.org/bilateral/ontology#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        f"<{SOURCE}> {{\n"
        f'  <{SOURCE}> a bi:Source , prov:Entity ; bi:name "test-name-index" ;\n'
        '      bi:title "Made-up person for the name index tests" ; bi:reliability "synthetic" .\n'
        f'  <{PERSON}> a bi:Person ; bi:name "{name}" .\n'
        "}\n",
        encoding="utf-8",
    )
    return path


def _keys(kg: KnowledgeGraph, subject: str) -> set[tuple[str, str]]:
    """(key, graph) of every match key of `subject`."""
    return {
        (q.object.value, q.graph_name.value)  # type: ignore[union-attr]
        for q in kg.store.pattern(ox.NamedNode(subject), MATCH_KEY, None, None)  # type: ignore[attr-defined]
    }


def test_a_name_from_a_plain_rdf_file_gets_its_key_and_resolves_accented_or_dashed(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    kg.load([_trig(tmp_path / "person.trig", "Jos\u00e9 M\u00fcller\u2013Sm\u00edth")])
    assert _keys(kg, PERSON) == {("jose muller-smith", SOURCE)}
    assert kg.resolve("jose muller-smith", "person") == PERSON
    assert kg.resolve("JOS\u00c9 M\u00dcLLER\u2014SMITH") == PERSON
    assert kg.resolve("Muller-Smith", "person") == PERSON  # the surname


def test_replace_takes_the_old_names_keys_with_it(kg: KnowledgeGraph, tmp_path: Path) -> None:
    kg.load([_trig(tmp_path / "person.trig", "Anna Old\u2010Name")])
    assert kg.resolve("anna old-name") == PERSON
    kg.load([_trig(tmp_path / "person.trig", "Anna New\u2010Name")], replace=True)
    assert _keys(kg, PERSON) == {("anna new-name", SOURCE)}
    assert kg.resolve("Anna New-Name", "person") == PERSON
    with pytest.raises(NameResolutionError, match="no person is named 'Anna Old-Name'"):
        kg.resolve("Anna Old-Name", "person")


def test_baci_sectors_on_the_bulk_path_resolve_by_notation_and_name(kg: KnowledgeGraph) -> None:
    kg.load([DATA / "public" / "synthetic-BACI_HS92_Y2022_V000000.csv"])
    sector = kg.resolve("870323", "topic")
    assert sector.endswith("/topic/hs/870323")
    assert "870323" in {key for key, _ in _keys(kg, sector)}
    assert kg.resolve("HS 870323", "topic") == sector


def test_a_snapshot_restore_keeps_the_keys(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    ishiba = example_kg.resolve("Shigeru Ishiba")
    keys = _keys(example_kg, ishiba)
    assert ("shigeru ishiba", next(g for _, g in keys)) in keys
    snapshot = create_snapshot(example_kg.store, tmp_path / "snapshots")  # type: ignore[arg-type]
    example_kg.store.remove_graph(ox.NamedNode(next(g for _, g in keys)))
    restore_snapshot(example_kg.store, snapshot.path)  # type: ignore[arg-type]
    assert _keys(example_kg, ishiba) == keys
    assert example_kg.resolve("shigeru ishiba") == ishiba


def test_a_store_written_without_keys_is_indexed_when_next_opened(tmp_path: Path) -> None:
    """A store an older version wrote (no keys): names still resolve, read-only too."""
    with KnowledgeGraph.open(tmp_path / "new") as kg:
        kg.load([EXAMPLE])
        quads = [q for q in kg.store.quads() if q.predicate != MATCH_KEY]
    old = tmp_path / "old"
    raw = ox.Store(str(old))
    raw.extend(quads)
    raw.flush()
    del raw
    with KnowledgeGraph.open(old, read_only=True) as kg:
        assert kg.resolve("Ishiba").endswith("/person/shigeru_ishiba")
        assert kg.resolve("automobiles", "topic").endswith("/automobiles")
    result = run_cli("query", "sources-of", "-p", "entity=Shigeru Ishiba", "--store", str(old))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_name_lists_close_names_unless_asked_not_to(example_kg: KnowledgeGraph) -> None:
    """The web search asks without suggestions (it has its own, from its index): finding close
    names reads every name of the store, 0.6 s a search at 1M flows."""
    with pytest.raises(NameResolutionError, match="did you mean 'Shigeru Ishiba'"):
        example_kg.resolve("Shigeru Ishbia")
    with pytest.raises(NameResolutionError) as err:
        example_kg.resolve("Shigeru Ishbia", suggest=False)
    assert "no entity is named 'Shigeru Ishbia'" in str(err.value) and "did you mean" not in str(err.value)


@needs_fuseki
@pytest.mark.fuseki
def test_on_a_sparql_server_names_get_keys_and_resolve(fuseki: str, tmp_path: Path) -> None:
    with KnowledgeGraph.open(fuseki) as kg:
        kg.load([EXAMPLE, _trig(tmp_path / "person.trig", "Jos\u00e9 M\u00fcller\u2013Sm\u00edth")])
        assert _keys(kg, PERSON) == {("jose muller-smith", SOURCE)}
        assert kg.resolve("jose muller-smith") == PERSON
        assert kg.resolve("Ishiba").endswith("/person/shigeru_ishiba")
        assert kg.resolve("steel", "topic").endswith("/topic/analyst/steel")
    result = run_cli("query", "sources-of", "-p", "entity=Shigeru Ishiba", "--store", fuseki, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "kantei-2025-02-08" in result.stdout
