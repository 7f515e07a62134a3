"""`parse_article`: every finder in turn, over one text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bilateral.loaders.article.countries import find_countries
from bilateral.loaders.article.dates import parse_dates
from bilateral.loaders.article.figures import find_figures
from bilateral.loaders.article.meeting import find_meeting
from bilateral.loaders.article.model import Extraction, Gazetteer, MentionHit, PersonHit, QuoteHit
from bilateral.loaders.article.names import Site, find_person_sites, find_tokens
from bilateral.loaders.article.people import People, PersonMention, merge_short_candidates, name_key, role_of_candidate
from bilateral.loaders.article.quotes import Speakers, reported_day, statement_day
from bilateral.loaders.article.text import (
    Index,
    Quote,
    Spans,
    find_paragraphs,
    find_quotes,
    find_sentences,
    starting_in,
)
from bilateral.loaders.article.topics import find_topics
from bilateral.loaders.records import PersonRef

__all__ = [
    "parse_article",
]


def parse_article(text: str, *, published: dt.date | None, gazetteer: Gazetteer) -> Extraction:
    """Find countries, people, quotes with speakers, the meeting, figures and topics in `text`.

    Pure: reads nothing but its arguments. `published` anchors relative dates and picks the
    tenures through which "the president" is resolved."""
    paragraphs = find_paragraphs(text)
    quotes = find_quotes(text, paragraphs)
    sentences = find_sentences(text, paragraphs, quotes)
    index = Index(sentences, paragraphs)
    in_quote = Spans([(q.start, q.end) for q in quotes])

    def quoted(pos: int) -> bool:
        return pos in in_quote

    country_mentions = find_countries(text)
    topic_mentions, topic_hits = find_topics(text, gazetteer)

    # -- people
    people = People(gazetteer, published)
    people.article_countries = {m.country for m in country_mentions if m.country}
    toks = find_tokens(text)
    sites = find_person_sites(text, toks, quotes)
    person_mentions = _person_mentions(sites, people, country_mentions, index, quoted)
    person_mentions = merge_short_candidates(people, person_mentions)
    # offices and countries of new candidates, as the article states them
    for cand in people.candidates.values():
        office, country = people.offices.get(cand.ref, (cand.office, cand.country))
        cand.office = cand.office or office
        cand.country = cand.country or country

    # -- quotes and their speakers
    speakers = Speakers(text, quotes, person_mentions, index, people)
    quote_hits: list[QuoteHit] = []
    previous: list[tuple[Quote, PersonRef | None]] = []
    for q in quotes:
        words = len(text[q.start : q.end].split())
        ref, conf, how = speakers.find(q, previous)
        if ref is None and words < 4:
            continue  # a scare quote or a title ("America First")
        if ref is not None and words < 3 and not how.startswith("after"):
            continue
        previous.append((q, ref))
        s_start, s_end = index.sentences[index.sentence_of(q.open)]
        window_end = min(s_end, q.close + 200)
        said = [
            d
            for d in parse_dates(text, published, s_start, window_end)
            if not quoted(d.start) and (published is None or d.date <= published)
        ]
        topics = tuple(
            dict.fromkeys(m.topic for m in starting_in(topic_mentions, q.start, q.end) if m.topic is not None)
        )
        quote_hits.append(
            QuoteHit(
                q.start, q.end, text[q.start : q.end], ref, round(conf, 3), how, said[0].date if said else None, topics
            )
        )

    # -- the meeting
    meeting = find_meeting(text, index, quotes, person_mentions, country_mentions, people, published, gazetteer, quoted)

    # -- the article's dyad: the meeting's, else its two most named countries
    counts: dict[str, int] = {}
    first_at: dict[str, int] = {}
    for m in country_mentions:
        assert m.country is not None
        counts[m.country] = counts.get(m.country, 0) + 1
        first_at.setdefault(m.country, m.start)
    if meeting and meeting.countries:
        dyad: tuple[str, str] | None = meeting.countries
    else:
        ranked = sorted(counts, key=lambda c: (-counts[c], first_at[c]))
        dyad = (ranked[0], ranked[1]) if len(ranked) >= 2 else None

    # statement dates (see statement_day)
    reported_on = reported_day(text, published, quoted)
    dated: list[QuoteHit] = []
    for qh in quote_hits:
        day = statement_day(qh, text, index, meeting, reported_on, quoted)
        dated.append(
            QuoteHit(qh.start, qh.end, qh.exact, qh.speaker, qh.confidence, qh.how, day or published, qh.topics)
        )

    # (for figures, the more named side first: a figure whose sentence names no side is held by it)
    figure_dyad: tuple[str, str] | None = None
    if dyad:
        a, b = sorted(dyad, key=lambda c: (-counts.get(c, 0), first_at.get(c, len(text))))
        figure_dyad = (a, b)
    figures = find_figures(
        text, index, quotes, dated, person_mentions, country_mentions, topic_mentions, figure_dyad, published, people
    )

    # -- people hits
    person_hits: list[PersonHit] = []
    by_ref: dict[PersonRef, list[PersonMention]] = {}
    for pm in person_mentions:
        by_ref.setdefault(pm.ref, []).append(pm)
    known_refs = {p.ref for p in gazetteer.people}
    for ref, ms in by_ref.items():
        office, country = people.office_of(ref)
        written = people.written.get(ref) or text[ms[0].start : ms[0].end]
        # the offsets of the fullest form, where the text writes it; else of the first mention
        first = next((m for m in ms if text[m.start : m.end] == written), ms[0])
        written = text[first.start : first.end]
        person_hits.append(
            PersonHit(
                ref,
                ref in known_refs,
                written,
                first.start,
                first.end,
                max(m.confidence for m in ms),
                office,
                country,
                len(ms),
            )
        )
    person_hits.sort(key=lambda h: h.start)
    all_mentions: list[MentionHit] = list(country_mentions)
    all_mentions += [
        MentionHit("person", m.start, m.end, text[m.start : m.end], m.confidence, m.how, person=m.ref)
        for m in person_mentions
    ]
    all_mentions += topic_mentions
    all_mentions.sort(key=lambda m: (m.start, m.kind))
    firsts: dict[str, MentionHit] = {}
    for m in country_mentions:
        assert m.country is not None
        firsts.setdefault(m.country, m)
    return Extraction(
        text=text,
        published=published,
        people=tuple(person_hits),
        countries=tuple(sorted(firsts.values(), key=lambda m: m.start)),
        mentions=tuple(all_mentions),
        quotes=tuple(dated),
        figures=tuple(figures),
        meeting=meeting,
        dyad=dyad,
        topics=tuple(topic_hits),
    )


def _person_mentions(
    sites: list[Site], people: People, country_mentions: list[MentionHit], index: Index, quoted: Callable[[int], bool]
) -> list[PersonMention]:
    """Every site that names a person, resolved in text order; then the surnames written before
    their full name ("Carney says ..." in a headline) and the full names written once with no
    title or verb ("Joe Biden" over a transcript) of people the article names by surname."""
    country_spans = Spans([(m.start, m.end) for m in country_mentions])
    person_mentions: list[PersonMention] = []
    later: list[Site] = []
    bare: list[Site] = []
    for site in sites:
        country = country_spans.around(site.start)
        if not site.role and country is not None and site.end <= country[1]:
            continue
        resolved = people.resolve(site)
        if resolved is None and site.role and site.role != "leader":
            resolved = role_of_candidate(site, people, person_mentions, index)
        if resolved is None:
            if not site.role:
                (later if len(site.name.split()) == 1 else bare).append(site)
            continue
        ref, how, conf = resolved
        people.note(site.start, ref, site)
        person_mentions.append(PersonMention(site.start, site.end, ref, how, conf, quoted(site.start)))
    surnames = {name_key(c.ref.name) for c in people.candidates.values() if len(c.ref.name.split()) == 1}
    for site in bare:
        if name_key(site.name.split()[-1]) in surnames:
            ref = people.add_candidate(site, 0.5)
            people.note(site.start, ref, site)
            person_mentions.append(PersonMention(site.start, site.end, ref, "new", 0.5, quoted(site.start)))
    for site in later:
        resolved = people.resolve(site)
        if resolved is not None and resolved[1] == "surname":
            people.note(site.start, resolved[0], site)
            person_mentions.append(
                PersonMention(site.start, site.end, resolved[0], "surname", resolved[2], quoted(site.start))
            )
    person_mentions.sort(key=lambda m: m.start)
    return person_mentions
