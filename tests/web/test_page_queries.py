"""The pages' own SPARQL lives in bilateral/web/queries/*.rq, values given as bindings."""

from __future__ import annotations

import ast
from pathlib import Path

import pyoxigraph as ox
import pytest

from bilateral.web import data

WEB = Path(data.__file__).parent
FILES = sorted(data.QUERY_DIR.glob("*.rq"))


def test_no_page_builds_sparql_in_python() -> None:
    for module in ("app.py", "data.py"):
        tree = ast.parse((WEB / module).read_text(encoding="utf-8"))
        texts = [
            node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
        built = [t for t in texts if any(word in t for word in ("SELECT", "CONSTRUCT", "GRAPH ?", "OPTIONAL", "<http"))]
        assert built == [], (module, built)
        assert "BI." not in (WEB / module).read_text(encoding="utf-8")  # no vocabulary pasted into a query


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_page_query_is_standard_sparql(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert ox.Store().query(text) is not None  # parses (and runs) on an empty store
    assert "WHERE {" in text


def test_labels_of_many_nodes_in_one_call(example_kg) -> None:  # type: ignore[no-untyped-def]
    ishiba = "https://w3id.org/bilateral/id/person/shigeru_ishiba"
    japan = "https://w3id.org/bilateral/id/country/JPN"
    nowhere = "https://w3id.org/bilateral/id/person/no_one"
    assert data.labels(example_kg, [ishiba, japan, nowhere]) == {
        ishiba: "Shigeru Ishiba",
        japan: "Japan",
        nowhere: "no_one",
    }
