"""The query catalog: every query has a case with expected rows, and every backend returns them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilateral import queries
from bilateral.api import KnowledgeGraph
from bilateral.core.errors import NameResolutionError, QueryError

from .conftest import EXAMPLE, needs_fuseki, run_cli, test_fuseki_url, test_neo4j_uri
from .queries.normalise import CASES, HERE, rows

NAMES = sorted(queries.catalog())


def _expected(name: str) -> list[dict[str, object]]:
    return json.loads((HERE / "expected" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph.open(tmp_path_factory.mktemp("catalog") / "store") as kg:
        kg.load([EXAMPLE])
        yield kg


def test_every_query_has_a_case_and_expected_rows() -> None:
    assert len(NAMES) >= 12
    assert sorted(CASES) == NAMES
    for name in NAMES:
        assert (HERE / "expected" / f"{name}.json").exists(), name
        assert _expected(name), f"{name}: a case with no expected rows tests nothing"


def test_every_query_has_a_header_and_a_cypher_twin() -> None:
    for query in queries.catalog().values():
        assert query.answers and query.columns, query.name
        assert query.cypher is not None, f"{query.name}.cypher is missing"
        assert f"name: {query.name}" in query.cypher
        for param in query.params:
            assert f"param {param.name}:" in query.cypher, (query.name, param.name)


@pytest.mark.parametrize("name", NAMES)
def test_rdf_backend_returns_the_expected_rows(example: KnowledgeGraph, name: str) -> None:
    result = example.query_rows(name, {k: str(v) for k, v in CASES[name].items()})
    assert result.columns == list(queries.get(name).columns)
    assert rows(result.columns, result.rows) == _expected(name)


def test_missing_and_unknown_parameters_list_the_query_parameters(example: KnowledgeGraph) -> None:
    with pytest.raises(
        QueryError,
        match=r"missing parameter\(s\) date; its parameters are: "
        r"leader-on country=country date=date office=string\?",
    ):
        example.query_rows("leader-on", {"country": "JPN"})
    with pytest.raises(QueryError, match=r"unknown parameter\(s\) colour"):
        example.query_rows("leader-on", {"country": "JPN", "date": "2025-02-07", "colour": "red"})
    with pytest.raises(QueryError, match="is not an ISO date"):
        example.query_rows("leader-on", {"country": "JPN", "date": "7 Feb"})
    with pytest.raises(NameResolutionError, match="is not a country"):
        example.query_rows("leader-on", {"country": "Atlantis", "date": "2025-02-07"})
    with pytest.raises(QueryError, match="no query named"):
        example.query_rows("who-knows", {})


def test_countries_are_named_by_code_name_or_iri(example: KnowledgeGraph) -> None:
    by = [
        example.query_rows("leader-on", {"country": c, "date": "2025-02-07"}).rows
        for c in ("JPN", "Japan", "https://w3id.org/bilateral/id/country/JPN")
    ]
    assert by[0] == by[1] == by[2] and by[0][0][1] == "Shigeru Ishiba"


def test_leader_on_follows_the_tenures(example: KnowledgeGraph) -> None:
    def leaders(country: str, day: str) -> set[object]:
        return {row[1] for row in example.query_rows("leader-on", {"country": country, "date": day}).rows}

    assert leaders("JPN", "2025-02-07") == {"Shigeru Ishiba"}
    assert leaders("JPN", "2024-09-30") == set()  # before Ishiba's start; Kishida is not in the example
    assert leaders("JPN", "2025-10-22") == set()  # after his end
    assert leaders("USA", "2025-02-07") == {"Donald Trump"}


def test_an_ambiguous_name_lists_the_candidates(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "sources.csv").write_text(
        "id,url,title,publisher,published,retrieved,licence,reliability,note\n"
        "made-up,https://example.org/x,Made-up test source,,,,,synthetic,\n",
        encoding="utf-8",
    )
    (extra / "people.csv").write_text(
        "id,name,aliases,birth_year,wikidata,source\nx,Jane Trump,,,,made-up\n", encoding="utf-8"
    )
    example_kg.load([extra])
    with pytest.raises(NameResolutionError) as caught:
        example_kg.resolve("Trump", "person")
    assert "Donald Trump" in str(caught.value) and "Jane Trump" in str(caught.value)


def test_query_cli_formats(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    run_cli("load", str(EXAMPLE), "--store", store)
    result = run_cli(
        "query", "trade-balance", "-p", "a=USA", "-p", "b=JPN", "-p", "years=2024", "--format", "json", "--store", store
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {row["source"] for row in data} >= {"japantimes-2025-04-08", "usfijitimes-zero-balance"}
    listing = run_cli("queries", "--format", "json").stdout
    assert {q["name"] for q in json.loads(listing)} == set(NAMES)
    bad = run_cli("query", "leader-on", "-p", "country=JPN", "--store", store)
    assert bad.returncode == 1 and "its parameters are" in bad.stderr and "Traceback" not in bad.stderr


neo4j = pytest.mark.skipif(not test_neo4j_uri(), reason="no NEO4J_URI of a local server (the tests empty it)")


@pytest.fixture(scope="module")
def synced(example: KnowledgeGraph) -> KnowledgeGraph:
    """The example graph, projected into the real Neo4j server (a clean database)."""
    with example.neo4j() as neo:
        neo.clear()
        neo.sync(example.store)
    return example


@neo4j
@pytest.mark.neo4j
@pytest.mark.parametrize("name", NAMES)
def test_neo4j_backend_returns_the_same_rows(synced: KnowledgeGraph, name: str) -> None:
    result = synced.query_rows(name, {k: str(v) for k, v in CASES[name].items()}, backend="neo4j")
    assert result.columns == list(queries.get(name).columns)
    assert rows(result.columns, result.rows) == _expected(name)


@neo4j
@pytest.mark.neo4j
@pytest.mark.parametrize("params", [{}, {"a": "JPN"}], ids=["whole store", "one country"])
def test_neo4j_conflicting_figures_without_the_pair_equal_the_store(
    synced: KnowledgeGraph, params: dict[str, str]
) -> None:
    """The catalog case names a pair; the Cypher twin's other paths (no country, one country)
    give what the store gives too."""
    ours = synced.query_rows("conflicting-figures", params)
    theirs = synced.query_rows("conflicting-figures", params, backend="neo4j")
    assert ours.rows, "the example holds conflicting figures"
    assert rows(theirs.columns, theirs.rows) == rows(ours.columns, ours.rows)


@pytest.fixture(scope="module")
def on_fuseki() -> Iterator[KnowledgeGraph]:
    """The example graph on the real Fuseki server (scripts/fuseki-local), its dataset emptied."""
    with KnowledgeGraph.open(test_fuseki_url()) as kg:
        kg.store.update("DROP ALL")  # type: ignore[attr-defined]
        kg.load([EXAMPLE])
        yield kg


@needs_fuseki
@pytest.mark.fuseki
@pytest.mark.parametrize("name", NAMES)
def test_fuseki_backend_returns_the_same_rows(on_fuseki: KnowledgeGraph, name: str) -> None:
    """The third backend: the same .rq files on a SPARQL 1.1 server give the rows Oxigraph and
    Neo4j give (all three are compared with the same expected rows)."""
    result = on_fuseki.query_rows(name, {k: str(v) for k, v in CASES[name].items()})
    assert result.columns == list(queries.get(name).columns)
    assert rows(result.columns, result.rows) == _expected(name)


def test_top_sectors_ranks_ties_alike_and_counts_only_larger_values() -> None:
    """The runner's rank is 1 + the flows of larger value in the same source and currency, so
    equal values share a rank and the next rank skips (1, 2, 2, 4), per source."""
    from bilateral.graph.store import Rows

    columns = ["flow", "sector", "name", "value", "currency", "reporter", "source"]
    values = [7, 9, 9, 3, 1]
    found = [(f"f{i}", f"s{i}", f"S{i}", v, "USD", "JPN", "a") for i, v in enumerate(values)]
    found.append(("g", "s9", "S9", 1, "USD", "JPN", "b"))  # another source: ranked on its own
    ranked = queries._top_sectors(Rows(columns, found), {"n": 4})  # type: ignore[arg-type]
    by_sector = {row[1]: row[0] for row in ranked.rows}
    assert by_sector == {"s1": 1, "s2": 1, "s0": 3, "s3": 4, "s9": 1}
