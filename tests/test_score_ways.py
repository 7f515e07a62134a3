"""The ways the validation half chooses among (tests/gold/README.md, "Batch 7"): each is the
extractor's output turned into what another way would have given."""

from __future__ import annotations

from .score_extraction import WAYS
from .test_article_rules import MEETING, _parse


def _speakers(way: str, text: str) -> dict[str, str | None]:
    return {q.exact: q.speaker.name if q.speaker else None for q in WAYS[way](_parse(text)).quotes}


def test_rules_drop_only_the_fallbacks_speakers() -> None:
    text = MEETING + "“The talks were honest and good,” Ishiba said.\n\nTariffs came up. “We will keep on talking.”\n"
    assert _speakers("extractor", text) == {
        "The talks were honest and good,": "Shigeru Ishiba",
        "We will keep on talking.": "Shigeru Ishiba",
    }
    assert _speakers("rules", text) == {
        "The talks were honest and good,": "Shigeru Ishiba",
        "We will keep on talking.": None,
    }


def test_principals_keep_the_first_participant_of_each_country() -> None:
    text = (
        "President Donald Trump met Indian Prime Minister Narendra Modi at the White House on Thursday.\n"
        "Modi was accompanied by External Affairs Minister Subrahmanyam Jaishankar.\n"
    )
    ex = _parse(text)
    assert ex.meeting is not None
    assert [p.name for p in ex.meeting.participants] == ["Donald Trump", "Narendra Modi", "Subrahmanyam Jaishankar"]
    principals = WAYS["principals"](ex).meeting
    assert principals is not None
    assert [p.name for p in principals.participants] == ["Donald Trump", "Narendra Modi"]
