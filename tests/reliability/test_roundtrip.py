"""Values come back exactly as written: through the printed table, CSV and JSON output, and through
every export format read back with its own reader (issue 17, item 3 and the round trip)."""

from __future__ import annotations

import json

from bilateral import output
from tests.conftest import run_cli

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
    store = str(tmp_path / "s")
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
