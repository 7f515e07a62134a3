"""An article's extraction as records: the article as a `Source`, its facts as records of that
source (mentions, new candidate people and their offices, topics new to the graph, the meeting
and its participants, statements, and claims with the verdicts graph.claims gave them).

Records only: no RDF terms and no IRIs; graph/ mints those when it writes the records."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from bilateral.core.errors import BilateralError
from bilateral.loaders import records as r
from bilateral.loaders.article.model import Extraction, MeetingHit, MentionHit
from bilateral.loaders.article.reading import ArticleText
from bilateral.loaders.article.text import normalise_key
from bilateral.loaders.article_lexicon import office_roles
from bilateral.ontology.vocab import Reliability, Unit

__all__ = ["EXTRACTION_NOTE", "UNIT", "Verdict", "article_source", "extraction_records"]

EXTRACTION_NOTE = "drafted by bilateral extract"  # begins the note of every source extract makes
UNIT = Unit.CURRENT_PRICES.value


class Verdict(Protocol):
    """What a claim check gives a figure (graph.claims.ClaimCheck)."""

    @property
    def verdict(self) -> str: ...

    @property
    def checked_against(self) -> tuple[str, ...]: ...


def _digest(text: str) -> str:
    """The sha256 of the normalised text (the same digest as graph.iri.text_hash, in full)."""
    return hashlib.sha256(normalise_key(text).encode("utf-8")).hexdigest()


def article_source(
    article: ArticleText,
    *,
    path: Path | None = None,
    published: dt.date | None = None,
    source_url: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
    source_id: str | None = None,
    reliability: str = "secondary",
) -> r.Source:
    """The article as a source. Its id defaults to `article-<file name>-<hash of the text>`, so
    the same text gets the same id; the note says it was drafted by extract, from which text."""
    if reliability not in {level.value for level in Reliability}:
        raise BilateralError(
            f"reliability must be one of {', '.join(level.value for level in Reliability)}, not {reliability!r}"
        )
    digest = _digest(article.text)
    sid = source_id or f"article-{_slug(path.stem if path else 'text')}-{digest[:8]}"
    note = (
        f"{EXTRACTION_NOTE} from {path.name if path else 'a text'} (sha256 {digest[:16]}); "
        "every fact is a draft with its text offsets and a confidence"
    )
    return r.Source(
        id=sid,
        title=title or _default_title(article, path),
        reliability=reliability,
        url=source_url or article.url,
        publisher=publisher or article.publisher,
        published=published or article.published,
        note=note,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "article"


def _default_title(article: ArticleText, path: Path | None) -> str:
    if article.title:
        return article.title
    first = article.text.strip().split("\n", 1)[0].strip()
    if first and len(first) <= 150 and not first.endswith((".", "”", '"')):
        return first
    return f"News article {path.name}" if path else "News article"


def _short_name(ref: r.PersonRef, mentions: Sequence[MentionHit]) -> str:
    """What the text calls a person for short: its commonest one-word mention that is a word of
    the name ("Xi" for Xi Jinping: a family name may come first), else the name's last word."""
    words = ref.name.split()
    shorts = Counter(m.exact for m in mentions if m.kind == "person" and m.person == ref and m.exact in words)
    return shorts.most_common(1)[0][0] if shorts else words[-1]


def _meeting_name(hit: MeetingHit, mentions: Sequence[MentionHit]) -> str:
    """ "Trump-Modi summit": the participants' short names (the first two), else the dyad's codes."""
    assert hit.countries is not None
    if len(hit.participants) >= 2:
        sides = [_short_name(p, mentions) for p in hit.participants[:2]]
    else:
        sides = list(hit.countries)
    return f"{'-'.join(sides)} {hit.kind}"


def extraction_records(source: r.Source, ex: Extraction, checks: Sequence[Verdict | None]) -> list[r.Record]:
    """The source and its facts as records; `checks` has one verdict per figure (None where the
    figure is not a claim)."""
    sid = source.id
    out: list[r.Record] = [source]
    for t in ex.topics:
        if not t.known:
            out.append(r.Topic(t.ref, t.name, sid, broader=t.broader, maps_to=t.maps_to))
    # the day the article speaks for: its date, else the meeting's
    day = source.published or ex.published or (ex.meeting.date if ex.meeting else None)
    for p in ex.people:
        if p.known:
            continue
        out.append(r.Person(p.ref.name, sid))
        roles = office_roles(p.office) if p.office else ()
        if p.office and p.country and roles and day:
            # an office the article gives: attested on its day, in the article's own graph
            out.append(r.Tenure(p.ref, p.country, p.office, roles, sid, attested=day))
    for m in ex.mentions:
        out.append(r.Mention(sid, m.exact, m.start, m.end, country=m.country, person=m.person, topic=m.topic))
    meeting_ref = None
    participants: tuple[r.PersonRef, ...] = ()
    hit = ex.meeting
    if hit and hit.date and hit.countries:
        topics = tuple(t.ref for t in ex.topics if t.mentions)
        # a meeting new to the graph is named as curated ones are ("Trump-Ishiba summit"); a known
        # one keeps its curated name
        name = None if hit.known else _meeting_name(hit, ex.mentions)
        meeting = r.Meeting(
            hit.date, hit.countries, hit.kind, sid, name=name, place=hit.place, host=hit.host, topics=topics
        )
        out.append(meeting)
        meeting_ref = meeting.ref
        participants = hit.participants
        out += [r.Participation(meeting_ref, p, sid) for p in participants]
    for q in ex.quotes:
        if q.speaker is None or q.said_on is None:
            continue
        occasion = meeting_ref if q.speaker in participants else None
        out.append(
            r.Statement(
                q.speaker,
                q.said_on,
                q.exact,
                sid,
                meeting=occasion,
                topics=q.topics,
                text_start=q.start,
                text_end=q.end,
                confidence=q.confidence,
            )
        )
    for f, check in zip(ex.figures, checks, strict=True):
        if check is None or not f.indicator or not f.country or not f.partner or f.year is None:
            continue
        out.append(
            r.Claim(
                f.indicator,
                f.country,
                f.partner,
                f.year,
                f.value,
                UNIT,
                sid,
                f.exact,
                f.start,
                f.end,
                currency=f.currency,
                confidence=f.confidence,
                verdict=check.verdict,
                checked_against=check.checked_against,
                speaker=f.speaker,
            )
        )
    return out
