"""The Stanford CoreNLP server that ``scripts/corenlp-local`` starts, with the extractor's pipeline.

Run with a server::

    eval "$(scripts/corenlp-local start)"
    pytest -m corenlp tests/integration/test_corenlp_local.py

The tests that talk to the server are skipped when CORENLP_URL is unset; none starts a server
of its own (one takes 4 GB).
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, needs_corenlp, test_corenlp_url

pytestmark = pytest.mark.corenlp

SCRIPT = ROOT / "scripts" / "corenlp-local"
# The pipeline of the extractor's opt-in fallback (and of bench/quotes_corenlp.py).
PROPERTIES = {
    "annotators": "tokenize,ssplit,pos,lemma,ner,depparse,coref,quote",
    "coref.algorithm": "statistical",
    "outputFormat": "json",
}


def _script(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=60)


@needs_corenlp
def test_the_server_attributes_a_quote_to_its_speaker() -> None:
    url = test_corenlp_url()
    assert url
    text = 'Maria Keller arrived in Oslo on Monday. "The harbour talks were useful," Keller said.'
    request = urllib.request.Request(
        f"{url}/?properties=" + urllib.parse.quote(json.dumps(PROPERTIES)), data=text.encode(), method="POST"
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        doc = json.loads(answer.read())
    [quote] = doc["quotes"]
    assert quote["text"] == '"The harbour talks were useful,"'
    assert text[quote["beginIndex"] : quote["endIndex"]] == quote["text"]
    assert quote["speaker"] == "Keller"
    assert quote["canonicalSpeaker"] == "Maria Keller"


@needs_corenlp
def test_status_and_env_name_the_running_server() -> None:
    status = _script("status")
    assert status.returncode == 0, status.stderr
    env = _script("env")
    assert env.returncode == 0, env.stderr
    assert env.stdout == f"export CORENLP_URL={os.environ['CORENLP_URL']}\n"


def test_status_of_an_empty_home_is_not_running(tmp_path: Path) -> None:
    env = {**os.environ, "CORENLP_LOCAL_HOME": str(tmp_path)}
    status = _script("status", env=env)
    assert status.returncode == 3
    assert "not running" in status.stderr
    assert status.stdout == ""
    assert list(tmp_path.iterdir()) == []  # status writes nothing
    missing = _script("env", env=env)
    assert missing.returncode == 3
    assert missing.stdout == ""
