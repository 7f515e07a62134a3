"""Exports: every RDF format round-trips into a fresh store, an independent parser reads each,
graphml/gexf read back into networkx, the csv files carry the whole projection, filters select
what they say. Real on-disk stores, no mocks."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from bilateral.api import KnowledgeGraph
from bilateral.cli import main
from bilateral.core.errors import InputError, NameResolutionError
from bilateral.graph import iri
from bilateral.graph.cypher import GENERIC_LABEL, node_batches, rel_batches, uri_constraint
from bilateral.graph.export import FORMATS, ExportError, export, select
from bilateral.graph.export.base import Writer
from bilateral.graph.export.cypher_script import cypher_literal
from bilateral.graph.export.graphml import file_graph
from bilateral.graph.export.jsonld import read_context
from bilateral.graph.export.neo4j_csv import CSV_README
from bilateral.graph.export.registry import WRITERS, writer
from bilateral.graph.mapping import Projection, project, project_store
from bilateral.graph.snapshot import canonical_line
from bilateral.graph.store import OxigraphStore
from bilateral.loaders.rdf_files import read_rdf
from bilateral.ontology.vocab import BI

from .conftest import DATA, EXAMPLE, run_cli

EXTRA = DATA / "rdf" / "extra-source.trig"
BLANKS = DATA / "rdf" / "blank-nodes.trig"
DYAD = iri.dyad_iri("JPN", "USA")
JAPANTIMES = "japantimes-2025-04-08"


@pytest.fixture
def full_kg(tmp_path: Path) -> Iterator[KnowledgeGraph]:
    """The example, plus a source with awkward text and one with blank nodes."""
    with KnowledgeGraph.open(tmp_path / "store") as graph:
        graph.load([EXAMPLE, EXTRA, BLANKS])
        yield graph


# -- helpers -------------------------------------------------------------------------------------


def lines(quads: Iterator[ox.Quad] | list[ox.Quad]) -> set[str]:
    return {canonical_line(q) for q in quads}


def fresh_store(path: Path, quads: list[ox.Quad]) -> OxigraphStore:
    store = OxigraphStore(path)
    store.add(quads)
    return store


def to_rdflib(term: Any) -> Any:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)


def rdflib_dataset(quads: Iterator[ox.Quad] | list[ox.Quad]) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    for q in quads:
        ds.graph(rdflib.URIRef(q.graph_name.value)).add(
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
        )
    return ds


def graphs_of(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    out: dict[str, rdflib.Graph] = {}
    for g in ds.graphs():
        if len(g):
            plain = rdflib.Graph()
            for t in g:
                plain.add(_plain_triple(t))
            out[str(g.identifier)] = plain
    return out


def _plain(term: Any) -> Any:
    """xsd:string literals as simple literals: RDF 1.1 says they are the same term."""
    if isinstance(term, rdflib.Literal) and term.datatype == rdflib.XSD.string:
        return rdflib.Literal(str(term))
    return term


def _plain_triple(t: tuple[Any, Any, Any]) -> tuple[Any, Any, Any]:
    return (_plain(t[0]), _plain(t[1]), _plain(t[2]))


def assert_isomorphic_datasets(a: rdflib.Dataset, b: rdflib.Dataset) -> None:
    ga, gb = graphs_of(a), graphs_of(b)
    assert sorted(ga) == sorted(gb)
    for name in ga:
        assert isomorphic(ga[name], gb[name]), name


# -- RDF round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["out.trig", "out.nq", "out.jsonld", "out.trig.gz", "out.nq.gz", "out.jsonld.gz"])
def test_rdf_export_loads_back_into_the_same_dataset(full_kg: KnowledgeGraph, tmp_path: Path, name: str) -> None:
    fmt = {"trig": "trig", "nq": "nquads", "jsonld": "jsonld"}[name.split(".")[1]]
    report = export(full_kg.store, fmt, tmp_path / name)
    assert report.quads == len(full_kg.store)
    if name.endswith(".gz"):
        assert (tmp_path / name).read_bytes()[:2] == b"\x1f\x8b"
    back = read_rdf(tmp_path / name)
    fresh = fresh_store(tmp_path / "fresh", back)
    assert len(fresh) == len(full_kg.store)
    # exact terms for everything but blank nodes, isomorphic graphs with them
    no_blanks = [
        q
        for q in full_kg.store.quads()
        if not isinstance(q.object, ox.BlankNode) and not isinstance(q.subject, ox.BlankNode)
    ]
    assert lines(no_blanks) <= lines(fresh.quads())
    assert_isomorphic_datasets(rdflib_dataset(full_kg.store.quads()), rdflib_dataset(fresh.quads()))


def test_gz_exports_load_like_any_rdf_file(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    export(example_kg.store, "trig", tmp_path / "all.trig.gz")
    with KnowledgeGraph.open(tmp_path / "fresh") as kg:
        report = kg.load([tmp_path / "all.trig.gz"])
        assert report.files == [tmp_path / "all.trig.gz"]
        assert lines(kg.store.quads()) == lines(example_kg.store.quads())


def test_the_example_exported_as_trig_gives_identical_stats(tmp_path: Path) -> None:
    store, fresh = str(tmp_path / "store"), str(tmp_path / "fresh")
    with KnowledgeGraph.open(store) as kg:
        kg.load([EXAMPLE])
        export(kg.store, "trig", tmp_path / "all.trig")
    assert run_cli("load", str(tmp_path / "all.trig"), "--store", fresh).returncode == 0
    before = run_cli("stats", "--store", store, "--format", "json")
    after = run_cli("stats", "--store", fresh, "--format", "json")
    assert before.returncode == after.returncode == 0
    assert json.loads(before.stdout) == json.loads(after.stdout)


def test_turtle_is_the_union_of_the_graphs(full_kg: KnowledgeGraph, tmp_path: Path) -> None:
    report = export(full_kg.store, "turtle", tmp_path / "all.ttl")
    union = rdflib.Graph()
    for q in full_kg.store.quads():
        union.add(_plain_triple((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))))
    assert report.quads == len(union)  # a triple several sources assert is written once
    parsed = rdflib.Graph().parse(tmp_path / "all.ttl", format="turtle")
    assert isomorphic(rdflib.Graph().__iadd__([_plain_triple(t) for t in parsed]), union)
    # it has no graphs: it loads only into a graph the caller names
    with pytest.raises(InputError, match="outside any named graph"):
        read_rdf(tmp_path / "all.ttl")
    into = iri.source_iri("turtle-import")
    quads = read_rdf(tmp_path / "all.ttl", graph=into)
    assert {q.graph_name.value for q in quads} == {into}
    assert len(quads) == len(union)


def test_turtle_of_one_source_is_that_graph(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    export(example_kg.store, "turtle", tmp_path / "one.ttl", source=JAPANTIMES)
    graph = ox.NamedNode(iri.source_iri(JAPANTIMES))
    back = read_rdf(tmp_path / "one.ttl", graph=graph.value)
    assert lines(back) == lines(example_kg.store.quads(graph))


def test_rdflib_reads_what_oxigraph_wrote(full_kg: KnowledgeGraph, tmp_path: Path) -> None:
    expected = rdflib_dataset(full_kg.store.quads())
    for fmt, name, rdflib_format in (("trig", "a.trig", "trig"), ("nquads", "a.nq", "nquads")):
        export(full_kg.store, fmt, tmp_path / name)
        parsed = rdflib.Dataset()
        parsed.parse(tmp_path / name, format=rdflib_format)
        assert_isomorphic_datasets(parsed, expected)


def test_pyoxigraph_reads_what_rdflib_wrote(full_kg: KnowledgeGraph, tmp_path: Path) -> None:
    export(full_kg.store, "jsonld", tmp_path / "a.jsonld")
    doc = json.loads((tmp_path / "a.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == read_context()  # the project's context, inline (no network)
    assert {g["@id"] for g in doc["@graph"]} == {g.value for g in full_kg.store.graphs()}
    # compacted with the context: terms, not IRIs
    statement = next(n for g in doc["@graph"] for n in g["@graph"] if n.get("@type") == "Statement")
    assert "speaker" in statement and "text" in statement
    oxigraph = list(ox.parse(path=str(tmp_path / "a.jsonld"), format=ox.RdfFormat.JSON_LD))
    assert_isomorphic_datasets(rdflib_dataset(oxigraph), rdflib_dataset(full_kg.store.quads()))
    # and rdflib reads its own output the same way
    parsed = rdflib.Dataset()
    parsed.parse(tmp_path / "a.jsonld", format="json-ld")
    assert_isomorphic_datasets(parsed, rdflib_dataset(full_kg.store.quads()))


def test_stdout(example_kg: KnowledgeGraph, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    export(example_kg.store, "nquads", "-", source=JAPANTIMES)
    out = capsysbinary.readouterr().out
    graph = ox.NamedNode(iri.source_iri(JAPANTIMES))
    assert lines(ox.parse(out, format=ox.RdfFormat.N_QUADS)) == lines(example_kg.store.quads(graph))


def test_gzip_output_is_reproducible(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    export(example_kg.store, "nquads", tmp_path / "a.nq.gz")
    export(example_kg.store, "nquads", tmp_path / "b.nq.gz")
    assert (tmp_path / "a.nq.gz").read_bytes() == (tmp_path / "b.nq.gz").read_bytes()
    assert gzip.decompress((tmp_path / "a.nq.gz").read_bytes()).count(b"\n") == len(example_kg.store)


# -- filters -------------------------------------------------------------------------------------


def dyad_rule(store: OxigraphStore, dyad: str) -> set[str]:
    """The documented rule, computed plainly from all quads."""
    quads = list(store.quads())
    node = ox.NamedNode(dyad)
    subjects = {node} | {q.subject for q in quads if q.predicate.value == BI.dyad and q.object == node}
    kept = [q for q in quads if q.subject in subjects]
    graphs = {q.graph_name for q in kept}
    kept += [q for q in quads if q.graph_name in graphs and q.subject == q.graph_name]
    return lines(kept)


def test_source_filter_is_exactly_that_graph(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    graph = ox.NamedNode(iri.source_iri(JAPANTIMES))
    for source in (JAPANTIMES, graph.value):
        export(example_kg.store, "trig", tmp_path / "one.trig", source=source, force=True)
        assert lines(read_rdf(tmp_path / "one.trig")) == lines(example_kg.store.quads(graph))


def test_dyad_filter_follows_the_rule(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    expected = dyad_rule(example_kg.store, DYAD)
    for name in ("JPN-USA", "USA-JPN", "Japan-USA", DYAD):
        report = export(example_kg.store, "nquads", tmp_path / "d.nq", dyad=name, force=True)
        got = lines(read_rdf(tmp_path / "d.nq"))
        assert got == expected, name
        assert report.quads == len(expected)
    text = "".join(expected)
    meeting = next(q.subject for q in example_kg.store.quads() if q.object == ox.NamedNode(BI.Meeting))
    assert f"{meeting} <{BI.dyad}>" in text  # the meeting and its facts
    assert f"<{iri.person_iri('Shigeru Ishiba')}> <{BI.name}>" not in text  # people are not expanded
    # every graph a fact comes from has its description
    graphs = {line.rsplit(" ", 2)[-2] for line in expected}
    for graph in graphs:
        assert f"{graph} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BI.Source}> {graph} .\n" in expected


def test_dyad_and_source_together(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    graph = iri.source_iri("wsb-ustr-post")
    export(example_kg.store, "nquads", tmp_path / "d.nq", dyad="JPN-USA", source="wsb-ustr-post")
    expected = {line for line in dyad_rule(example_kg.store, DYAD) if line.endswith(f"<{graph}> .\n")}
    assert expected and lines(read_rdf(tmp_path / "d.nq")) == expected


def test_filtered_projection_formats(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    graph = ox.NamedNode(iri.source_iri(JAPANTIMES))
    expected = project(example_kg.store.quads(graph))
    report = export(example_kg.store, "graphml", tmp_path / "one.graphml", source=JAPANTIMES)
    assert (report.nodes, report.relationships) == (len(expected.nodes), len(expected.relationships))
    back = nx.read_graphml(tmp_path / "one.graphml")
    assert set(back.nodes) == set(expected.nodes)


def test_unknown_filters_and_formats_are_refused(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(NameResolutionError, match="no source"):
        export(example_kg.store, "trig", tmp_path / "x.trig", source="no-such-source")
    with pytest.raises(NameResolutionError, match="dyad"):
        export(example_kg.store, "trig", tmp_path / "x.trig", dyad="JPN-FRA")
    with pytest.raises(NameResolutionError, match="not a dyad"):
        export(example_kg.store, "trig", tmp_path / "x.trig", dyad="JPN")
    with pytest.raises(ExportError, match="unknown export format"):
        export(example_kg.store, "xml", tmp_path / "x.xml")
    with pytest.raises(ExportError, match="folder"):
        export(example_kg.store, "csv", "-")
    assert not list(tmp_path.glob("x.*")) and not list(tmp_path.glob(".*partial*"))


# -- graphml / gexf ------------------------------------------------------------------------------


def edges(graph: nx.MultiDiGraph, drop: tuple[str, ...] = ()) -> set[tuple[Any, ...]]:
    return {
        (u, v, k, tuple(sorted((a, b) for a, b in d.items() if a not in drop)))
        for u, v, k, d in graph.edges(keys=True, data=True)
    }


def test_graphml_reads_back_the_same_graph(full_kg: KnowledgeGraph, tmp_path: Path) -> None:
    projection = project_store(full_kg.store)
    export(full_kg.store, "graphml", tmp_path / "g.graphml")
    written = file_graph(projection, "graphml")
    back = nx.read_graphml(tmp_path / "g.graphml", edge_key_type=str)
    assert dict(back.nodes(data=True)) == dict(written.nodes(data=True))
    assert edges(back) == edges(written)
    # the same nodes and relationships as the projection (and Neo4j)
    assert set(back.nodes) == set(projection.nodes)
    assert {(u, d["type"], v) for u, v, d in back.edges(data=True)} == set(projection.relationships)
    # typed attributes survive: ints, floats, booleans
    kinds = {type(v) for _, d in back.nodes(data=True) for v in d.values()}
    assert {int, float, bool, str} <= kinds


def test_gexf_reads_back_the_same_graph(full_kg: KnowledgeGraph, tmp_path: Path) -> None:
    projection = project_store(full_kg.store)
    export(full_kg.store, "gexf", tmp_path / "g.gexf")
    written = file_graph(projection, "gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert dict(back.nodes(data=True)) == dict(written.nodes(data=True))
    assert edges(back, drop=("id",)) == edges(written)
    assert {(u, d["label"], v) for u, v, d in back.edges(data=True)} == set(projection.relationships)


def test_graph_files_have_one_type_per_attribute(full_kg: KnowledgeGraph, tmp_path: Path) -> None:
    export(full_kg.store, "graphml", tmp_path / "g.graphml")
    keys = re.findall(
        r'<key id="[^"]+" for="(\w+)" attr.name="([^"]+)" attr.type="(\w+)"',
        (tmp_path / "g.graphml").read_text(encoding="utf-8"),
    )
    names = [(scope, name) for scope, name, _ in keys]
    assert len(names) == len(set(names))
    edge_ids = re.findall(r'<edge [^>]*id="([^"]+)"', (tmp_path / "g.graphml").read_text(encoding="utf-8"))
    assert len(edge_ids) == len(set(edge_ids))  # Gephi drops edges whose id repeats


# -- csv (neo4j-admin import format) --------------------------------------------------------------


def _fields(text: str) -> Iterator[list[str | None]]:
    """neo4j-admin's CSV reading: "" inside quotes is a quote; an empty unquoted field is no
    value (None), a quoted empty one the empty string; quoted fields may span lines."""
    row: list[str | None] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            j, buf = i + 1, []
            while True:
                k = text.index('"', j)
                buf.append(text[j:k])
                if text.startswith('""', k):
                    buf.append('"')
                    j = k + 2
                    continue
                i = k + 1
                break
            row.append("".join(buf))
        else:
            m = re.compile(r"[^,\n]*").match(text, i)
            assert m is not None
            row.append(m.group() or None)
            i = m.end()
        if i >= n or text[i] == "\n":
            yield row
            row = []
        i += 1


def _typed(kind: str, text: str, delimiter: str) -> Any:
    if kind.endswith("[]"):
        return [_typed(kind[:-2], part, delimiter) for part in text.split(delimiter)]
    if kind == "long":
        return int(text)
    if kind == "double":
        return float(text)
    if kind == "boolean":
        return text == "true"
    if kind == "date":
        return dt.date.fromisoformat(text)
    if kind in ("datetime", "localdatetime"):
        return dt.datetime.fromisoformat(text)
    assert kind == "string", kind
    return text


def read_admin_csv(
    folder: Path,
) -> tuple[dict[str, tuple[tuple[str, ...], dict[str, Any]]], dict[tuple[str, str, str], dict[str, Any]], list[str]]:
    """What `neo4j-admin database import` makes of the folder, following its README command:
    (nodes by uri: (sorted labels, properties)), (relationships: properties), the command."""
    readme = (folder / CSV_README).read_text(encoding="utf-8")
    command = shlex.split(next(line for line in readme.splitlines() if line.startswith("neo4j-admin ")))
    options = dict(arg[2:].split("=", 1) for arg in command if arg.startswith("--") and "=" in arg)
    delimiter = options["array-delimiter"]
    delimiter = chr(int(delimiter[2:], 16)) if delimiter.startswith("U+") else delimiter
    nodes: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {}
    for arg in command:
        if arg.startswith("--nodes="):
            header, *rows = _fields((folder / arg.split("=", 1)[1]).read_text(encoding="utf-8"))
            for row in rows:
                props: dict[str, Any] = {}
                labels: tuple[str, ...] = ()
                uri = ""
                for column, cell in zip(header, row, strict=True):
                    assert column is not None
                    name, _, kind = column.rpartition(":")
                    if kind == "ID":
                        uri = str(cell)
                        props[name] = uri
                    elif kind == "LABEL":
                        labels = tuple(sorted(str(cell).split(delimiter)))
                    elif cell is not None:
                        props[name] = _typed(kind, cell, delimiter)
                assert uri not in nodes
                nodes[uri] = (labels, props)
    rels: dict[tuple[str, str, str], dict[str, Any]] = {}
    files = [a.split("=", 1)[1] for a in command if a.startswith("--relationships=")]
    for name in files:
        header, *rows = _fields((folder / name).read_text(encoding="utf-8"))
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        for row in rows:
            props = {}
            for column, cell in zip(header[3:], row[3:], strict=True):
                assert column is not None
                key, _, kind = column.rpartition(":")
                if cell is not None:
                    props[key] = _typed(kind, cell, delimiter)
            rels[(str(row[0]), str(row[2]), str(row[1]))] = props
    return nodes, rels, command


def expected_property_graph(
    projection: Projection,
) -> tuple[dict[str, tuple[tuple[str, ...], dict[str, Any]]], dict[tuple[str, str, str], dict[str, Any]]]:
    """What `bilateral neo4j sync` writes for a projection: labels (with Resource), properties."""
    nodes = {
        uri: (tuple(sorted(("Resource", *node.labels))), node.as_properties(uri))
        for uri, node in projection.nodes.items()
    }
    rels = {key: {"sources": list(rel.sources)} for key, rel in projection.relationships.items()}
    return nodes, rels


def test_csv_files_carry_the_whole_projection(full_kg: KnowledgeGraph, tmp_path: Path) -> None:
    report = export(full_kg.store, "csv", tmp_path / "csv")
    projection = project_store(full_kg.store)
    nodes, rels, command = read_admin_csv(tmp_path / "csv")
    assert (nodes, rels) == expected_property_graph(projection)
    assert (report.nodes, report.relationships) == (len(nodes), len(rels))
    assert command[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    header = (tmp_path / "csv" / "nodes_Statement.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith('"uri:ID",":LABEL","sources:string[]"')
    assert '"date:date"' in header and '"textStart:long"' in header and '"confidence:double"' in header
    # exporting again into the same folder replaces it; a foreign folder is refused
    export(full_kg.store, "csv", tmp_path / "csv", source=JAPANTIMES, force=True)
    assert (
        read_admin_csv(tmp_path / "csv")[0].keys()
        == project(full_kg.store.quads(ox.NamedNode(iri.source_iri(JAPANTIMES)))).nodes.keys()
    )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "mine.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not empty"):
        export(full_kg.store, "csv", tmp_path / "other")
    assert (tmp_path / "other" / "mine.txt").read_text() == "keep me"


# -- cypher --------------------------------------------------------------------------------------


def test_cypher_literals() -> None:
    assert cypher_literal('a "b" \\ c\nd\te\u2028') == '"a \\"b\\" \\\\ c\\nd\\te\\u2028"'
    assert cypher_literal(6.85e10) == "68500000000.0"
    assert cypher_literal(1e22) == "1e22" and cypher_literal(1.5e-7) == "1.5e-7"
    assert cypher_literal(dt.date(2025, 2, 7)) == "date('2025-02-07')"
    tz = dt.timezone(dt.timedelta(hours=-5))
    assert cypher_literal(dt.datetime(2025, 2, 7, 12, 0, tzinfo=tz)) == "datetime('2025-02-07T12:00:00-05:00')"
    assert (
        cypher_literal({"plain": 1, "odd key": [True, None], "x`y": "z"})
        == '{plain: 1, `odd key`: [true, null], `x``y`: "z"}'
    )


def test_cypher_script_is_parameters_and_fixed_statements(full_kg: KnowledgeGraph, tmp_path: Path) -> None:
    export(full_kg.store, "cypher", tmp_path / "g.cypher")
    text = (tmp_path / "g.cypher").read_text(encoding="utf-8")
    statements = [line for line in text.splitlines() if line and not line.startswith(("//", ":param rows => "))]
    # statements carry no values: at most one per label set / relationship type (one batch each here)
    assert all("$rows" in s or s.startswith("CREATE CONSTRAINT") for s in statements)
    assert '"' not in "".join(statements) and "'" not in "".join(statements)
    assert all(line.startswith(":param rows => [") for line in text.splitlines() if line.startswith(":"))
    projection = project_store(full_kg.store)
    assert text.count(" MERGE (n:Resource ") == len({n.labels for n in projection.nodes.values()})


def test_select_is_what_is_exported(example_kg: KnowledgeGraph) -> None:
    sel = select(example_kg.store, dyad="JPN-USA")
    assert lines(sel.quads()) == dyad_rule(example_kg.store, DYAD)
    assert sel.graphs == tuple(sorted({q.graph_name for q in sel.quads()}, key=lambda g: g.value))


def test_the_cypher_script_runs_the_statements_of_the_sync(full_kg: KnowledgeGraph, tmp_path: Path) -> None:
    """One builder (graph/cypher.py): the script's statements are its plain form, and the sync's
    incremental form writes nodes and relationships with the very same MERGE ... SET."""
    export(full_kg.store, "cypher", tmp_path / "g.cypher")
    text = (tmp_path / "g.cypher").read_text(encoding="utf-8")
    script = [line for line in text.splitlines() if line and not line.startswith(("//", ":param"))]
    projection = project_store(full_kg.store)
    plain = [*node_batches(projection, 200, incremental=False), *rel_batches(projection, 200, incremental=False)]
    synced = [*node_batches(projection, 200, incremental=True), *rel_batches(projection, 200, incremental=True)]
    assert script == [uri_constraint(GENERIC_LABEL) + ";", *(b.statement + ";" for b in plain)]
    assert len(plain) == len(synced) > 2
    for ours, theirs in zip(plain, synced, strict=True):
        merge = ours.statement[ours.statement.index("MERGE") :]
        assert merge in theirs.statement and theirs.statement.startswith("UNWIND $rows AS row ")
        assert [{k: v for k, v in row.items() if k != "labels"} for row in theirs.rows] == ours.rows


# -- the registry of formats ---------------------------------------------------------------------


def test_format_choices_are_the_registry(example_kg: KnowledgeGraph) -> None:
    assert FORMATS == tuple(WRITERS) == ("trig", "nquads", "turtle", "jsonld", "graphml", "gexf", "csv", "cypher")
    assert all(isinstance(writer(name), Writer) for name in FORMATS)
    done = CliRunner().invoke(main, ["export", "--format", "dot", "-o", "x.dot", "--store", str(example_kg.store.path)])
    assert done.exit_code == 2 and "'dot' is not one of " + ", ".join(f"'{n}'" for n in FORMATS) in done.output


def test_importing_the_export_package_loads_no_format_library() -> None:
    """A format's libraries (networkx, rdflib) load with that format, from the registry."""
    code = "import sys, bilateral.graph.export; print(sorted(m for m in ('networkx', 'rdflib') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
