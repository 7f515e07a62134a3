"""Values come back exactly as written: through the printed table, CSV and JSON output, and through
every export format read back with its own reader (issue 17, item 3 and the round trip)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from bilateral import output
from tests.conftest import EXAMPLE, empty_store, run_cli

MARKUP = "They [the Japanese] will invest heavily :x:"


def test_a_table_prints_markup_and_emoji_codes_as_written() -> None:
    text = output.render(["quote [b]"], [[MARKUP]], "table", title="said by [red]X[/red] :smile:")
    assert MARKUP in text
    assert "quote [b]" in text
    assert "said by [red]X[/red] :smile:" in text


def test_a_closing_tag_in_a_value_is_printed_not_parsed() -> None:
    text = output.render(["t"], [["closing [/] tag"]], "table")
    assert "closing [/] tag" in text


def test_sparql_prints_a_closing_tag_literal(tmp_path) -> None:
    store = empty_store(tmp_path / "s")
    result = run_cli("sparql", 'SELECT ("closing [/] tag" AS ?t) WHERE {}', "--store", store)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "closing [/] tag" in result.stdout
    as_json = run_cli("sparql", 'SELECT ("closing [/] tag" AS ?t) WHERE {}', "--format", "json", "--store", store)
    assert json.loads(as_json.stdout) == [{"t": "closing [/] tag"}]


def test_a_table_shows_tabs_as_spaces_and_control_characters_escaped() -> None:
    text = output.render(["t"], [["a\tb"], ["esc\x1b[31mred"], ["cr\roverwrite"]], "table")
    assert "a       b" in text
    assert "esc\\x1b[31mred" in text and "\x1b" not in text
    assert "cr\\roverwrite" in text and "\r" not in text


# ------------------------------------------------------------------ through the store and out again

# Statement texts (free text: line breaks and tabs allowed) and a name and a title (one line).
TEXTS = [
    MARKUP,
    "closing [/] tag, [b]bold[/b], [link=https://x.example]link[/link] and [[double]]",
    'quotes " and \'single\' and `back` and ""doubled""',
    "back\\slash, \\n not a line break, \\u0041 not an A, \\\\ two, ends with \\",
    "line one\nline two\n\tindented by a tab",
    "unicode: é ß 日本 🇯🇵 ‏עברית‎ \u2028 line separator, \u00a0 no-break space, zero\u200bwidth",
    "<b>html</b> &amp; &lt; <![CDATA[x]]> <!-- comment --> </text>",
    "{{template}} ${x} $x %s %(x)s {0} #{x} `cmd`",
    '=HYPERLINK("http://x.example") and +1 and -1 and @SUM(A1)',
    "=1+1",
    "@import",
    "semi;colon|pipe,comma\x1fno",
    "NaN",
    "null",
    " ",  # below: a cell is trimmed, so this is not among the statements
]
TEXTS = [t for t in TEXTS if t.strip() and "\x1f" not in t] + ["semi;colon|pipe,comma"]
FIGURE = "-123456789012345678.123456789012"  # more digits than a float holds, within the bound
NAME = 'Tricky [b]Name[/b] :x: "Q" <i> {{n}} $n \\ é =1'
TITLE = 'Title [red]not red[/red] :smile: <b> ${x} \\ "q"'


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _append(path: Path, rows: list[list[str]]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        old = list(csv.reader(handle))
    _write(path, old + rows)


@pytest.fixture(scope="module")
def tricky_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the example plus a person, source and statements with tricky text."""
    base = tmp_path_factory.mktemp("tricky")
    folder = base / "ds"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("*.md"))
    _append(folder / "sources.csv", [["tricky-src", "", TITLE, "", "", "", "", "synthetic", "made up for a test"]])
    _append(folder / "people.csv", [["tricky", NAME, "", "", "", "tricky-src"]])
    _append(
        folder / "statements.csv",
        [[f"tricky-{n}", "tricky", "2025-02-07", "", text, "", "tricky-src"] for n, text in enumerate(TEXTS)],
    )
    _append(
        folder / "indicators.csv",
        [["goods_balance", "USA", "JPN", "2030", FIGURE, "USD", "current prices", "", "", "", "tricky-src", ""]],
    )
    store = base / "store"
    result = run_cli("load", str(folder), "--store", str(store))
    assert result.returncode == 0, result.stderr
    return store


TEXTS_QUERY = (
    "PREFIX bi: <https://w3id.org/bilateral/ontology#> SELECT ?text WHERE { "
    '?s bi:speaker ?p ; bi:text ?text . ?p bi:name ?name . FILTER(STRSTARTS(?name, "Tricky")) } '
    "ORDER BY ?text"
)
NAME_QUERY = (
    "PREFIX bi: <https://w3id.org/bilateral/ontology#> SELECT ?name ?title WHERE { "
    '?p a bi:Person ; bi:name ?name . FILTER(STRSTARTS(?name, "Tricky")) '
    'GRAPH ?g { ?g bi:title ?title } FILTER(STRENDS(STR(?g), "/tricky-src")) }'
)


def _sparql(store: Path, query: str, fmt: str) -> str:
    result = run_cli("sparql", query, "--format", fmt, "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_sparql_gives_the_values_back_byte_for_byte(tricky_store: Path, fmt: str) -> None:
    texts = _column(_sparql(tricky_store, TEXTS_QUERY, fmt), fmt, "text")
    assert sorted(texts) == sorted(TEXTS)
    assert _column(_sparql(tricky_store, NAME_QUERY, fmt), fmt, "name") == [NAME]
    assert _column(_sparql(tricky_store, NAME_QUERY, fmt), fmt, "title") == [TITLE]


def _column(out: str, fmt: str, name: str) -> list[str]:
    if fmt == "json":
        return [row[name] for row in json.loads(out)]
    return [row[name] for row in csv.DictReader(io.StringIO(out))]


def _shown(text: str) -> list[str]:
    """The lines a table shows for a value: tabs as spaces (output.py expands them)."""
    return [line.expandtabs(8) for line in text.split("\n") if line]


def test_sparql_shows_every_value_as_written_in_a_table(tricky_store: Path) -> None:
    out = _sparql(tricky_store, TEXTS_QUERY, "table")
    for text in TEXTS:
        for line in _shown(text):
            assert line in out, line
    out = _sparql(tricky_store, NAME_QUERY, "table")
    assert NAME in out and TITLE in out


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_a_catalog_query_gives_the_values_back(tricky_store: Path, fmt: str) -> None:
    result = run_cli("query", "statements-by", "-p", f"person={NAME}", "--format", fmt, "--store", str(tricky_store))
    assert result.returncode == 0, result.stderr
    if fmt == "table":
        for text in TEXTS:
            for line in _shown(text):
                assert line in result.stdout, line
    else:
        assert sorted(_column(result.stdout, fmt, "text")) == sorted(TEXTS)


def _export(store: Path, fmt: str, out: Path) -> Path:
    result = run_cli("export", "--format", fmt, "-o", str(out), "--store", str(store))
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("trig", "trig"), ("nquads", "nquads"), ("turtle", "turtle"), ("jsonld", "json-ld")]
)
def test_rdf_exports_give_the_values_back(tricky_store: Path, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    path = _export(tricky_store, fmt, tmp_path / f"out.{fmt}")
    data = rdflib.Dataset()
    data.parse(path, format=rdflib_format)
    literals = {str(o) for _, _, o, _ in data.quads((None, None, None, None)) if isinstance(o, rdflib.Literal)}
    assert set(TEXTS) <= literals
    assert NAME in literals and TITLE in literals


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_property_graph_files_give_the_values_back(tricky_store: Path, tmp_path: Path, fmt: str) -> None:
    path = _export(tricky_store, fmt, tmp_path / f"out.{fmt}")
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    values = {v for _, data in graph.nodes(data=True) for v in data.values() if isinstance(v, str)}
    assert set(TEXTS) <= values
    assert NAME in values and TITLE in values


def test_csv_export_gives_the_values_back(tricky_store: Path, tmp_path: Path) -> None:
    folder = _export(tricky_store, "csv", tmp_path / "csv")
    values: set[str] = set()
    for path in folder.glob("nodes_*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                values.update(row)
    assert set(TEXTS) <= values
    assert NAME in values and TITLE in values


FIGURE_QUERY = (
    "PREFIX bi: <https://w3id.org/bilateral/ontology#> SELECT ?value WHERE { "
    '?s bi:value ?value FILTER(CONTAINS(STR(?s), "/2030/")) }'
)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_figure_with_more_digits_than_a_float_comes_back_exactly(tricky_store: Path, fmt: str) -> None:
    out = _sparql(tricky_store, FIGURE_QUERY, fmt)
    if fmt == "json":
        [row] = json.loads(out, parse_float=Decimal)
        assert Decimal(str(row["value"])) == Decimal(FIGURE)
    else:
        assert _column(out, fmt, "value") == [FIGURE]
