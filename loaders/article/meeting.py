"""The meeting an article reports: its kind, place, date, participants and dyad."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from bilateral.loaders.article.countries import COUNTRY_FORM
from bilateral.loaders.article.dates import ATTRIBUTED_DAY, parse_dates
from bilateral.loaders.article.model import Gazetteer, MeetingHit, MentionHit
from bilateral.loaders.article.people import People, PersonMention, name_key
from bilateral.loaders.article.text import Index, Quote, alternation, starting_in
from bilateral.loaders.article_lexicon import (
    CAPITALS,
    VENUES,
    country_surface_forms,
    office_roles,
)
from bilateral.loaders.records import PersonRef

__all__ = [
    "MEETING_RE",
    "find_meeting",
]


MEETING_RE = re.compile(
    r"\b(?P<state>state visit)\b|\b(?P<official>official visit)\b|\b(?P<working>working visit)\b|"
    r"\b(?P<call>(?:phone|telephone|video) (?:call|conversation|talks)|spoke (?:by|on the) (?:phone|telephone)|"
    r"call)\b|\b(?P<summit>summit)\b|"
    r"\b(?P<talks>talks|meeting|met|meet|meets|visit|visited|visiting|hosted|hosts|welcomed|welcomes|"
    r"received|discussions|face-to-face|sat down|arrived at|arrives at|arrived in|arrives in|spoke with|"
    r"talked with|held talks)\b", re.I)


_CLAUSE_BREAK = re.compile(r",\s|;|\s(?:since|after|when|while|because|amid|following|before|where|which|who)\b")


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]*(?:,\s*[A-Z][A-Za-z .]*)?,\s*$")


# words that name a meeting only when two people (or a venue) are in the same sentence
_WEAK_TRIGGERS = frozenset({"visit", "visited", "visiting", "received", "arrived at", "arrives at", "arrived in",
                            "arrives in", "spoke with", "talked with", "meet", "meets", "discussions"})


_FUTURE_MEETING = re.compile(r"\b(upcoming|next|future|will|would|planned|plans? to|set to|expected to|"
                             r"scheduled to|due to|ahead of|invit\w*|invitation)\s+(?:\w+\s+){0,5}$", re.I)


def _meeting_kind(words: list[str], leaders: bool) -> tuple[str, str]:
    """The kind, in the vocabulary of meetings.csv: a named visit kind or a call as written; an
    in-person meeting of a head of state or government from each side is a "summit" (also when
    the article says "meeting" or "talks"), one below that level is "talks"."""
    for kind in ("state visit", "official visit", "working visit"):
        if kind in words:
            return kind, f"'{kind}' in the text"
    if "call" in words:
        return "call", "a call in the text"
    if "summit" in words:
        return "summit", "'summit' in the text"
    if leaders:
        return "summit", "leaders of both sides met"
    return "talks", "officials met (not both leaders)"


def find_meeting(text: str, index: Index, quotes: list[Quote], person_mentions: list[PersonMention],
                  country_mentions: list[MentionHit], people: People, published: dt.date | None,
                  gazetteer: Gazetteer, quoted: Callable[[int], bool]) -> MeetingHit | None:
    """The one meeting the article reports: the first sentence (outside quotes) that names a
    meeting and a person or place; kind, place, date and participants from every such sentence."""
    in_quote = quoted
    triggers: list[tuple[int, re.Match[str]]] = []
    for number, (s0, s1) in enumerate(index.sentences):
        for m in MEETING_RE.finditer(text, s0, s1):
            if in_quote(m.start()):
                continue
            if _FUTURE_MEETING.search(text[max(s0, m.start() - 80):m.start()]):
                continue
            if m.group("call") == m.group() and m.group().lower() == "call" and not (
                    re.search(r"\b(?:a|the|their|his|her|phone|video)\s+$", text[max(s0, m.start() - 8):m.start()])
                    or re.match(r"\s+with\b", text[m.end():m.end() + 6])):
                continue  # "call for", "calls on": no phone call
            triggers.append((number, m))
    if not triggers:
        return None
    venue_re = re.compile(r"\b(" + alternation(VENUES) + r")\b")
    capital_re = re.compile(r"\b(?:in|to|at)\s+(" + alternation(CAPITALS) + r")\b")
    sentence_ids = sorted({n for n, _ in triggers})
    words_of: dict[int, list[str]] = {}
    for n, m in triggers:
        words_of.setdefault(n, []).append(m.group().lower())
    main_id = None
    for n in sentence_ids:
        s0, s1 = index.sentences[n]
        persons = {pm.ref for pm in starting_in(person_mentions, s0, s1) if not pm.in_quote}
        venue = venue_re.search(text, s0, s1)
        strong = any(w not in _WEAK_TRIGGERS for w in words_of[n])
        if venue or len(persons) >= 2 or (strong and persons):
            main_id = n
            break
    if main_id is None:
        return None
    used = [n for n in sentence_ids if n >= main_id][:6]
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for n, m in triggers:
        if n not in used:
            continue
        for kind in ("state", "official", "working", "call", "summit", "talks"):
            if m.group(kind):
                words.append({"state": "state visit", "official": "official visit",
                              "working": "working visit"}.get(kind, kind))
                spans.append((m.start(), m.end()))
                break
    # place: a venue named in the meeting's sentences, else a capital "in Tokyo"
    main_words = [w for (a, _), w in zip(spans, words, strict=True) if index.sentence_of(a) == main_id]
    kind_words = main_words or words
    is_call = _meeting_kind(kind_words, False)[0] == "call"
    place = host = None
    for n in used:
        s0, s1 = index.sentences[n]
        v = venue_re.search(text, s0, s1)
        if v and not in_quote(v.start()) and not is_call:
            place, host = v.group(1), VENUES[v.group(1)]
            break
    if place is None and not is_call:
        for n in used:
            s0, s1 = index.sentences[n]
            c = capital_re.search(text, s0, s1)
            if c and not in_quote(c.start()):
                place, host = c.group(1), CAPITALS[c.group(1)]
                break
    # participants: people with an office named in the meeting's sentences
    participants: list[PersonRef] = []
    for n in used:
        s0, s1 = index.sentences[n]
        first_trigger = min(a for a, _ in spans if s0 <= a < s1) if any(s0 <= a < s1 for a, _ in spans) else s0
        clause = _CLAUSE_BREAK.search(text, first_trigger, s1)
        s1 = clause.start() if clause else s1
        for pm in person_mentions:
            if s0 <= pm.start < s1 and not pm.in_quote and pm.ref not in participants:
                office, _ = people.office_of(pm.ref)
                if office or n == main_id:
                    participants.append(pm.ref)
    # each side of the dyad: its most named office holder joins when the sentences named no one
    named: dict[PersonRef, int] = {}
    for pm in person_mentions:
        if not pm.in_quote:
            named[pm.ref] = named.get(pm.ref, 0) + 1
    sides = {people.office_of(ref)[1] for ref in participants} - {None}
    # the host country (of the venue) is a side: its leader, when the article names one, took part
    wanted = [host] if host and host not in sides else []
    for ref in sorted(named, key=lambda x: -named[x]):
        office, country = people.office_of(ref)
        is_leader = bool(office and {"head_of_state", "head_of_government"} & set(office_roles(office)))
        if not (is_leader and country) or country in sides or len(sides) >= 2:
            continue
        if wanted and country not in wanted and len(sides) == 1:
            continue  # the one place left is the host's
        participants.append(ref)
        sides.add(country)
    # countries: the participants', completed by the most named ones
    codes: list[str] = []
    for ref in participants:
        office, country = people.office_of(ref)
        if country and country not in codes:
            codes.append(country)
    if host and host not in codes and len(codes) < 2:
        codes.append(host)
    counts: dict[str, int] = {}
    for cm in country_mentions:
        assert cm.country is not None
        counts[cm.country] = counts.get(cm.country, 0) + 1
    for code in sorted(counts, key=lambda c: -counts[c]):
        if len(codes) >= 2:
            break
        if code not in codes:
            codes.append(code)
    pair = sorted(codes[:2])
    countries = (pair[0], pair[1]) if len(pair) == 2 else None
    if host is None and countries:
        visit = re.search(r"\b(?:visit(?:ed|ing)?|trip|travell?ed)\s+(?:to\s+)?(?:the\s+)?(" + COUNTRY_FORM + r")\b",
                          text)
        if visit:
            code = country_surface_forms()[visit.group(1)][0]
            host = code if code in countries else None
    # leaders of both sides?
    leader_countries = set()
    for ref in participants:
        for person in people.known:
            if person.ref == ref:
                for t in people.tenures_on(person):
                    if {"head_of_state", "head_of_government"} & set(t.roles):
                        leader_countries.add(t.country)
        cand = people.candidates.get(name_key(ref.name))
        if cand and cand.office and {"head_of_state", "head_of_government"} & set(office_roles(cand.office)):
            if cand.country:
                leader_countries.add(cand.country)
    unplaced = [ref for ref in participants
                if (other := people.candidates.get(name_key(ref.name))) and other.office and not other.country
                and {"head_of_state", "head_of_government"} & set(office_roles(other.office))]
    if countries and len(unplaced) == 1 and len(set(countries) - leader_countries) == 1:
        leader_countries |= set(countries)
    leaders = countries is not None and set(countries) <= leader_countries
    kind, kind_how = _meeting_kind(kind_words, leaders)
    # date: stated in the meeting's sentences (not inside quotes)
    day = None
    date_how = ""
    conf = 0.8
    for n in used:
        s0, s1 = index.sentences[n]
        anchors = [a for a, _ in spans if s0 <= a < s1] or [s0]
        p0 = index.paragraphs[index.paragraph_of(s0)][0]
        options = []
        for d in parse_dates(text, published, s0, s1):
            if in_quote(d.start) or ATTRIBUTED_DAY.search(text[max(s0, d.start - 60):d.start]):
                continue
            if _DATELINE.match(text[p0:d.start]) or re.match(r"\s*\(", text[d.end:d.end + 3]):
                continue  # "TOKYO, April 25 (Kyodo) --": the dateline, not the meeting's day
            if published and d.date > published and d.how != "absolute":
                continue
            options.append(d)
        if options:
            d = min(options, key=lambda h: min(abs(h.start - a) for a in anchors))
            day = d.date
            date_how = f"stated: '{d.exact}'" if d.how == "absolute" else f"relative: '{d.exact}'"
            conf = 0.8 if d.how == "absolute" else 0.7
            break
    # the graph's meeting of the same dyad (that day, or in the month before publication when the
    # article gives no day) is the same event, unless the article names another kind of meeting
    named_kind = any(w != "talks" for w in kind_words)
    known_meeting = None
    if countries:
        same = [k for k in gazetteer.meetings if tuple(sorted(k.countries)) == countries
                and (not named_kind or k.kind == kind)]
        if day is not None:
            on_day = [k for k in same if k.date == day]
            if len(on_day) == 1:
                known_meeting = on_day[0]
        elif published is not None:
            recent = [k for k in same if 0 <= (published - k.date).days <= 31
                      and (not participants or set(participants) & set(k.participants) or not k.participants)]
            if recent:
                known_meeting = max(recent, key=lambda k: k.date)
                day = known_meeting.date
                date_how = "not stated: the graph's meeting of this dyad in the month before publication"
                conf = 0.6
    if day is None:
        # "Sheinbaum said Monday she had agreed ..., after the two leaders spoke by phone"
        for n in used:
            s0, s1 = index.sentences[n]
            said = [d for d in parse_dates(text, published, s0, s1) if not in_quote(d.start)
                    and ATTRIBUTED_DAY.search(text[max(s0, d.start - 60):d.start])
                    and (published is None or d.date <= published)]
            if said:
                day = said[0].date
                date_how = f"not stated: the day the article reports ('{said[0].exact}')"
                conf = 0.5
                break
    if day is None and published is not None:
        day = published
        date_how = "not stated: the publication date (a guess)"
        conf = 0.3
    if known_meeting is not None and known_meeting.kind != kind:
        kind_how = f"the graph's meeting of that day is a {known_meeting.kind} (the article: {kind}: {kind_how})"
        kind = known_meeting.kind
    s0, s1 = index.sentences[main_id]
    first = next(((a, b) for a, b in spans if s0 <= a < s1), spans[0] if spans else (s0, s1))
    start, end = first
    if place:
        at = text.find(place, s0, s1)
        if at >= 0:
            start, end = min(start, at), max(end, at + len(place))
    return MeetingHit(start, end, text[start:end], kind, day, countries, tuple(participants), conf,
                      place, host, date_how, kind_how)
