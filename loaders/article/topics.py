"""Sectors and topics: lexicon keywords and the graph's own topic names."""

from __future__ import annotations

import re

from bilateral.loaders.article.model import Gazetteer, MentionHit, TopicHit
from bilateral.loaders.article.text import alternation
from bilateral.loaders.article_lexicon import (
    TOPIC_KEYWORDS,
)
from bilateral.loaders.records import TopicRef

__all__ = [
    "find_topics",
]


def _topic_patterns(gazetteer: Gazetteer) -> list[tuple[re.Pattern[str], str, float]]:
    """(regex, topic key, confidence): keywords, then the graph's own topic names."""
    out: list[tuple[re.Pattern[str], str, float]] = []
    for kw in TOPIC_KEYWORDS:
        if kw.words:
            out.append((re.compile(r"\b(?:" + alternation(kw.words) + r")\b", re.I), kw.key, 0.8))
        if kw.exact_words:
            out.append((re.compile(r"\b(?:" + alternation(kw.exact_words) + r")\b"), kw.key, 0.8))
    for topic in gazetteer.topics:
        if topic.scheme == "HS":
            continue
        names = [n for n in (topic.name, *topic.aliases) if n and len(n) > 2]
        if names:
            out.append((re.compile(r"\b(?:" + alternation(names) + r")\b", re.I), topic.key, 0.9))
    return out


_NAME_BEFORE = re.compile(r"\b([A-Z][\w&’'-]*)\s+$")
_NOT_A_NAME = frozenset({"The", "A", "An", "And", "Of", "In", "On", "For", "To"})


def _in_a_name(text: str, start: int) -> bool:
    """A capitalised keyword after a capitalised word is part of a name ("Micron Technology",
    "Applied Materials"), not the topic."""
    if not text[start].isupper():
        return False
    prev = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return prev is not None and prev.group(1) not in _NOT_A_NAME


def find_topics(text: str, gazetteer: Gazetteer) -> tuple[list[MentionHit], list[TopicHit]]:
    known = {t.key: t for t in gazetteer.topics if t.scheme != "HS"}
    hs = {t.key: t for t in gazetteer.topics if t.scheme == "HS"}
    lexicon = {kw.key: kw for kw in TOPIC_KEYWORDS}
    spans: list[tuple[int, int, str, float]] = []
    for regex, key, conf in _topic_patterns(gazetteer):
        for found in regex.finditer(text):
            if not _in_a_name(text, found.start()):
                spans.append((found.start(), found.end(), key, conf))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    mentions: list[MentionHit] = []
    last_end = -1
    for s, e, key, conf in spans:
        if s < last_end:
            continue
        last_end = e
        ref = known[key].ref if key in known else TopicRef(lexicon[key].scheme, key)
        mentions.append(MentionHit("topic", s, e, text[s:e], conf, "name" if conf > 0.85 else "keyword", topic=ref))
    hits: dict[str, TopicHit] = {}
    for m in mentions:
        assert m.topic is not None
        key = m.topic.key
        if key in hits:
            h = hits[key]
            hits[key] = TopicHit(
                h.ref,
                h.name,
                h.known,
                h.start,
                h.end,
                h.exact,
                max(h.confidence, m.confidence),
                h.mentions + 1,
                h.maps_to,
                h.broader,
            )
            continue
        if key in known:
            hits[key] = TopicHit(m.topic, known[key].name, True, m.start, m.end, m.exact, m.confidence)
        else:
            kw = lexicon[key]
            maps = tuple(hs[code].ref for code in kw.hs if code in hs)
            broader = None
            if kw.broader:
                broader = (
                    known[kw.broader].ref if kw.broader in known else TopicRef(lexicon[kw.broader].scheme, kw.broader)
                )
            hits[key] = TopicHit(m.topic, kw.name, False, m.start, m.end, m.exact, m.confidence, 1, maps, broader)
    topics = sorted(hits.values(), key=lambda h: h.start)
    # a broader topic that is not mentioned itself must still be described: add it, unmentioned
    for h in list(topics):
        if h.broader and h.broader.key not in hits and not h.known and h.broader.key in lexicon:
            kw = lexicon[h.broader.key]
            maps = tuple(hs[code].ref for code in kw.hs if code in hs)
            hits[kw.key] = TopicHit(h.broader, kw.name, False, h.start, h.end, h.exact, 0.5, 0, maps)
            topics.append(hits[kw.key])
    return mentions, topics
