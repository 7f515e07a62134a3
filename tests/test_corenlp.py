"""The opt-in CoreNLP speakers (graph.corenlp): against a real CoreNLP server (scripts/corenlp-local,
CORENLP_URL; tests marked `corenlp`), and the failures a user meets without one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilateral.api import KnowledgeGraph
from bilateral.graph.corenlp import code_points, locate, name_of

from .conftest import needs_corenlp, run_cli, test_corenlp_url

# two quotes no rule attributes (the verb "rated" introduces no speech; a quote after a sentence
# naming no one), and two the rules do: CoreNLP may fill only the first two
TEXT = (
    "President Donald Trump met Japanese Prime Minister Shigeru Ishiba at the White House in Washington on Friday.\n\n"
    'Trump rated the talks with his guest "twelve out of ten, the very best" on Friday.\n\n'
    "Ishiba spoke to reporters after the lunch. Tariffs dominated the agenda. "
    '"We will keep talking with our American friends until we agree."\n\n'
    '"The alliance is stronger than ever before," Ishiba said. Reporters asked about cars. '
    '"Our companies will invest more in America."\n'
)


def _corenlp_url() -> str:
    url = test_corenlp_url()
    assert url, "needs_corenlp skips without one"
    return url


@pytest.mark.corenlp
@needs_corenlp
def test_corenlp_names_only_the_speakers_the_rules_leave(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    rules = {q.exact: q for q in example_kg.extract(article, published=None).extraction.quotes}
    both = {q.exact: q for q in example_kg.extract(article, corenlp=_corenlp_url()).extraction.quotes}
    assert {k: q.speaker.name if q.speaker else None for k, q in rules.items()} == {
        "twelve out of ten, the very best": None,
        "We will keep talking with our American friends until we agree.": None,
        "The alliance is stronger than ever before,": "Shigeru Ishiba",
        "Our companies will invest more in America.": "Shigeru Ishiba",
    }
    assert {k: q.speaker.name if q.speaker else None for k, q in both.items()} == {
        "twelve out of ten, the very best": "Donald Trump",
        "We will keep talking with our American friends until we agree.": "Shigeru Ishiba",
        "The alliance is stronger than ever before,": "Shigeru Ishiba",
        "Our companies will invest more in America.": "Shigeru Ishiba",
    }
    for exact, q in both.items():
        if rules[exact].speaker is None:
            assert q.how.startswith("CoreNLP: ") and q.confidence == 0.5
        else:
            assert q == rules[exact]  # what a rule found is kept as it was


@pytest.mark.corenlp
@needs_corenlp
def test_the_cli_takes_the_server_from_the_environment(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "BILATERAL_CORENLP": _corenlp_url()}
    result = run_cli("extract", str(article), "--format", "json", "--store", str(tmp_path / "store"), env=env)
    assert result.returncode == 0, result.stderr
    assert '"detail": "CoreNLP: Donald Trump' in result.stdout


def test_an_unreachable_server_is_a_clean_error_and_nothing_is_written(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "facts.trig"
    store = tmp_path / "store"
    result = run_cli(
        "extract",
        str(article),
        "--corenlp",
        "http://127.0.0.1:1",
        "--output",
        str(out),
        "--load",
        "--store",
        str(store),
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: cannot reach CoreNLP at http://127.0.0.1:1 (")
    assert "Traceback" not in result.stderr
    assert not out.exists()
    with KnowledgeGraph.open(store) as kg:
        assert len(kg.store) == 0


def test_a_url_that_is_no_server_url_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = run_cli("extract", str(article), "--corenlp", "localhost:9000", "--store", str(tmp_path / "store"))
    assert result.returncode == 1
    assert result.stderr == "Error: --corenlp 'localhost:9000' is not a CoreNLP server URL (http://127.0.0.1:9000)\n"


def test_corenlps_speaker_is_named_as_the_extractor_names_people() -> None:
    people = ["Donald Trump", "Shigeru Ishiba"]
    assert name_of({"speaker": "Ishiba", "canonicalSpeaker": "Ishiba"}, people) == "Shigeru Ishiba"
    assert name_of({"speaker": "he", "canonicalSpeaker": "Trump"}, people) == "Donald Trump"
    assert name_of({"speaker": "he", "canonicalSpeaker": "Unknown"}, people) is None  # an unresolved pronoun
    assert name_of({"speaker": "the ministry"}, people) == "the ministry"  # no person: with_speakers skips it


def test_corenlp_utf16_offsets_map_to_python_indices() -> None:
    # CoreNLP counts UTF-16 units: an emoji before a quote shifts its offsets by one
    text = "Hi 😀 “a fine deal”"
    at = code_points(text)
    assert text.index("“") == 5  # in Python; in UTF-16 units the emoji is two, so the mark is at 6
    assert text[at[6] :] == "“a fine deal”"
    assert at[len(text.encode("utf-16-le")) // 2] == len(text)
    assert locate(text, at[6], "“a fine deal”") == 5
    assert locate(text, at[6], "“another deal”") is None
