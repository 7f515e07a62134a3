"""The meeting an article reports: its kind, place, date, participants and dyad."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from bilateral.loaders.article.countries import COUNTRY_FORM
from bilateral.loaders.article.dates import ATTRIBUTED_DAY, parse_dates
from bilateral.loaders.article.model import Gazetteer, KnownMeeting, MeetingHit, MentionHit
from bilateral.loaders.article.people import People, PersonMention, name_key
from bilateral.loaders.article.text import VERBS, Index, Quote, alternation, starting_in
from bilateral.loaders.article_lexicon import (
    CAPITALS,
    ORGANISATIONS,
    ROLE_WORDS,
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
    r"received|discussions|face-to-face|sat down|arrived at|arrives at|arrived in|arrives in|"
    r"spoke (?:today |yesterday |again |also )?with|"
    r"spoken with|spoken to|spoke to|talked with|held talks|(?:news|press) conference with|"
    r"(?:was|were)\s+(?:also\s+)?(?:at|present at|present for|in attendance at)\s+the\s+event|attended|"
    r"accompanied by|joined by|delegation included|(?:also\s+)?present\s+were|signed)\b",
    re.I,
)
# the end of the meeting's clause: another clause ("The meeting came as X negotiated with Y") speaks of others
# (a relative clause, "talks that X described as frank", and a purpose, "to discuss a deal made by
# Y", name what was said or discussed, not who was there)
_CLAUSE_BREAK = re.compile(
    r",\s|;|\s(?:since|after|when|while|because|amid|following|before|where|which|who|that)\b|"
    r"\sas\s(?!well\s+as\b)|\s(?:in\s+order\s+)?to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)[a-z]+\b"
)
# a role noun that a name in apposition may follow: "his Norwegian counterpart, Per Lund,"
_ROLE_END = re.compile(r"\b(?:counterparts?|envoy|" + alternation(ROLE_WORDS) + r")\s*$", re.I)
# "Karoline Leavitt said the talks were ...": a person who speaks of the meeting, not at it
_SPEAKS_OF_IT = re.compile(r"(?P<app>\s*,[^,]{1,80},)?\s*(?:\w+ly\s+)?(?:" + VERBS + r")\b")
# "Vance and Rubio were at the event": who was there, a meeting word only beside two people
_PRESENT = re.compile(
    r"(?:was|were)\s.*\sevent|attended|accompanied by|joined by|delegation included|(?:also\s+)?present\s+were", re.I
)
# "April 25 (Kyodo) --", "Feb 14 (Reuters) -": an agency after a dateline's day (not "(local time)")
_AGENCY_AFTER = re.compile(r"\s*\([A-Z][\w .&-]*\)\s*(?:-|–|—|:)")
# an introductory phrase before the main clause: its people are not the meeting's
_INTRO = re.compile(
    r"(?:(?:Days|Weeks|Hours|Months|Shortly|Soon|Just)\s+)?"
    r"(?:After|Following|Before|During|Like|Unlike|Ahead of|Since|While|When|As|In|At)\b[^,;]{0,150},\s+",
    re.I,
)
# an organisation as one side of the meeting: "EU leaders met", "the ASEAN-Norway summit", "the
# European Union and China held" (not the venue: "on the sidelines of the G20 summit")
_ORG = alternation(ORGANISATIONS)
_ORG_SIDE = re.compile(
    r"(?<![\w-])(?:(?:" + _ORG + r")(?:\s+(?:leaders|officials|chiefs|heads|delegation|ministers|envoys)\b|"
    r"\s*[-–]\s*[A-Z]|\s+and\s+[A-Z])|[A-Z][\w.]*\s*[-–]\s*(?:" + _ORG + r")(?![\w-])|"
    r"\band\s+(?:the\s+)?(?:" + _ORG + r")(?![\w-]))"
)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]*(?:,\s*[A-Z][A-Za-z .]*)?,\s*$")
# words that name a meeting only when two people (or a venue) are in the same sentence
_WEAK_TRIGGERS = frozenset(
    {
        "visit",
        "visited",
        "visiting",
        "received",
        "arrived at",
        "arrives at",
        "arrived in",
        "arrives in",
        "spoke with",
        "spoken with",
        "spoken to",
        "spoke to",
        "talked with",
        "meet",
        "meets",
        "discussions",
    }
)


def _weak(word: str) -> bool:
    """A weak trigger ("spoke today with" is "spoke with")."""
    return re.sub(r" (?:today|yesterday|again|also)(?= with$)", "", word.lower()) in _WEAK_TRIGGERS


_FUTURE_MARKER = re.compile(
    r"\b(?:will|(?:is|are|was|were) (?:also )?(?:expected|set|scheduled|due|to be)|plans? to|planned to|intends? to|"
    r"invit\w*)\b",
    re.I,
)
_FUTURE_MEETING = re.compile(
    r"\b(upcoming|next|future|will|would|planned|plans? to|set to|expected to|"
    r"scheduled to|due to|ahead of|invit\w*|invitation|"
    # a meeting asked for, hoped for or possible is none held: "called for talks", "open to a meeting"
    r"call(?:ed|s|ing)? for|urg\w*|sought|seek\w*|open to|push\w* for|propos\w*|hop\w* (?:for|to)|"
    r"wants? to|ready (?:for|to)|(?:eager|keen) to|could|may|might|possible|potential)\s+(?:[\w’'-]+\s+){0,5}$",
    re.I,
)


# the meeting's own clause says it is to come: "meets Berg next month in Oslo", "visits ... later this year"
_LATER_AFTER = re.compile(
    r"[^.;,]{0,60}?\b(?:next\s+(?:week|month|year|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)|"
    r"later\s+this\s+(?:week|month|year)|tomorrow|in\s+the\s+coming\s+(?:days|weeks|months))\b",
    re.I,
)


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


_VENUE_RE = re.compile(r"\b(" + alternation(VENUES) + r")\b")
_CAPITAL_RE = re.compile(r"\b(?:in|to|at)\s+(" + alternation(CAPITALS) + r")\b")
_VISIT_RE = re.compile(r"\b(?:visit(?:ed|ing)?|trip|travell?ed)\s+(?:to\s+)?(?:the\s+)?(" + COUNTRY_FORM + r")\b")
_KIND_WORDS = {
    "state": "state visit",
    "official": "official visit",
    "working": "working visit",
    "call": "call",
    "summit": "summit",
    "talks": "talks",
}
_LEADER_ROLES = frozenset({"head_of_state", "head_of_government"})
Trigger = tuple[int, re.Match[str]]  # (sentence number, the meeting word)
Dated = tuple[dt.date | None, str, float]  # (day, how it was found, confidence)


@dataclass(frozen=True)
class _Article:
    """What every step of the meeting search reads."""

    text: str
    index: Index
    quoted: Callable[[int], bool]
    people: People
    published: dt.date | None

    def sentence(self, n: int) -> tuple[int, int]:
        return self.index.sentences[n]


def find_meeting(
    text: str,
    index: Index,
    quotes: list[Quote],
    person_mentions: list[PersonMention],
    country_mentions: list[MentionHit],
    people: People,
    published: dt.date | None,
    gazetteer: Gazetteer,
    quoted: Callable[[int], bool],
) -> MeetingHit | None:
    """The one meeting the article reports: the first sentence (outside quotes) that names a
    meeting and a person or place; kind, place, date and participants from every such sentence."""
    art = _Article(text, index, quoted, people, published)
    triggers = _triggers(art, person_mentions)
    main_id = _main_sentence(art, triggers, person_mentions)
    visit_id = _visit_sentence(art, triggers, person_mentions, country_mentions)
    main_id = main_id if main_id is not None else visit_id
    if main_id is None:
        return None
    used = sorted({n for n, _ in triggers if n == main_id or (n > main_id and not _other_event(art, n, main_id))})[:6]
    if all(_quotes_setting(art, n, m) for n, m in triggers if n in used):
        return None  # the meeting is only where someone said something quoted: not what is reported
    spans = [(m.start(), m.end()) for n, m in triggers if n in used]
    words = [_KIND_WORDS[next(k for k in _KIND_WORDS if m.group(k))] for n, m in triggers if n in used]
    main_words = [w for (a, _), w in zip(spans, words, strict=True) if index.sentence_of(a) == main_id]
    kind_words = main_words or words
    is_call = _meeting_kind(kind_words, False)[0] == "call"
    place, host = (None, None) if is_call else _place(art, used)
    if _SIDELINES.search(text, *index.sentences[main_id]):
        host = None  # "on the sidelines of the summit in Lima": the summit's host is no side
    participants = _named_participants(art, used, spans, main_id, person_mentions)
    _add_missing_sides(art, participants, person_mentions, host)
    if _organisation_side(art, main_id, participants):
        return None
    countries = _countries(art, participants, host, country_mentions)
    if countries:  # a bilateral meeting: someone of a third country only spoke of it
        participants = [ref for ref in participants if people.office_of(ref)[1] in (None, *countries)]
    _place_new_leaders(art.people, participants, countries)
    if len(participants) < 2 and place is None and (visit_id is None or countries is None):
        return None  # "as it talks with Trump on tariffs": one person at no place is no meeting
    if host is None and countries:
        host = _visited(text, countries)
    leaders = countries is not None and set(countries) <= _leader_countries(people, participants, countries)
    kind, kind_how = _meeting_kind(kind_words, leaders)
    day, date_how, conf = _stated_day(art, used, spans)
    named_kind = any(w != "talks" for w in kind_words)
    known = _known_meeting(art, gazetteer, countries, kind if named_kind else None, day, participants)
    if known is not None and day is None:
        day, date_how, conf = (
            known.date,
            "not stated: the graph's meeting of this dyad in the month before publication",
            0.6,
        )
    if day is None:
        day, date_how, conf = _reported_day(art, used)
    if day is None:
        day, date_how, conf = _day_beside_both(art, person_mentions, participants)
    if day is None and published is not None and not _VAGUE_PAST.search(text, *art.index.sentences[main_id]):
        day, date_how, conf = published, "not stated: the publication date (a guess)", 0.3
    if known is not None and known.kind != kind:
        kind_how = f"the graph's meeting of that day is a {known.kind} (the article: {kind}: {kind_how})"
        kind = known.kind
    start, end = _words_naming(art, main_id, spans, place)
    return MeetingHit(
        start,
        end,
        text[start:end],
        kind,
        day,
        countries,
        tuple(participants),
        conf,
        place,
        host,
        date_how,
        kind_how,
        known is not None,
    )


# "In response to a question during a press conference with X, Y said, “...”": an opening phrase
# that only sets the scene of a quote
_QUOTES_SETTING = re.compile(
    r"\s*(?P<phrase>(?:In response to|Asked|Answering|Responding to|Speaking (?:at|during|after))\b[^“”\"]{0,200}?),\s+"
    r"(?:[A-Z][\w.'’-]*\s+){1,6}(?:" + VERBS + r")\b[\s,:]*[“\"]"
)


def _quotes_setting(art: _Article, n: int, m: re.Match[str]) -> bool:
    """Whether the meeting word `m` (of sentence `n`) is inside a phrase that only sets a quote's scene."""
    s0, s1 = art.index.sentences[n]
    setting = _QUOTES_SETTING.match(art.text, s0, s1)
    return setting is not None and m.end() <= setting.end("phrase")


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SIDELINES = re.compile(r"\bon the (?:sidelines|margins)\b", re.I)
# a period before the publication day that names no day: the meeting was not on that day either
_VAGUE_PAST = re.compile(
    r"\b(?:last (?:week|month)|(?:earlier )?this (?:week|month)|earlier this year|recently)\b", re.I
)
_FORMER_BEFORE = re.compile(r"(?i:\bformer\b|\bex-)[^.,;:]{0,30}$")


_EARLIER = re.compile(
    r"\b(?:first term|earlier this year|last year|previously|(?:previous|recent) (?:meeting|visit|summit|talks|trip)|"
    r"(?:months|years) ago|had (?:\w+ )?(?:met|visited|hosted|held talks)|earlier)\b",
    re.I,
)
# "Berg also met the Speaker": the visitor's other meeting
_ANOTHER = re.compile(r"\b(?:also|separately|later)\s+(?:met|meets|held talks|spoke with|visited|hosted)\b", re.I)
_IN_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][a-z]+(?:\s[A-Z][a-z]+)*)")


def _event_years(text: str, lo: int, hi: int) -> list[int]:
    """The years written in [lo, hi), but those after "since" ("their first meeting since 2019")."""
    return [int(y.group()) for y in _YEAR.finditer(text, lo, hi) if not re.search(r"\bsince\s+$", text[lo : y.start()])]


def _other_event(art: _Article, n: int, main_id: int) -> bool:
    """Whether a later meeting sentence speaks of another event: an earlier one ("during his
    first term", a year more than one before the meeting's: "hosted Modi in 2023" in 2025; a
    meeting in last December may still be reported in January), or one in another city than
    the one the main sentence names ("talks in Kuala Lumpur" after "met in Busan")."""
    m0, m1 = art.sentence(main_id)
    s0, s1 = art.sentence(n)
    if _EARLIER.search(art.text, s0, s1) or _ANOTHER.search(art.text, s0, s1):
        return True
    years = _event_years(art.text, m0, m1)
    if art.published is not None:
        years.append(art.published.year)
    if years and any(y < min(years) - 1 for y in _event_years(art.text, s0, s1)):
        return True
    # the cities of a later sentence against the main sentence's place (its country, if known)
    cities = [c.group(1) for c in _CAPITAL_RE.finditer(art.text, s0, s1)]
    if not cities:
        return False
    hosts = [VENUES[v.group(1)] for v in _VENUE_RE.finditer(art.text, m0, m1)]
    hosts += [CAPITALS[c.group(1)] for c in _CAPITAL_RE.finditer(art.text, m0, m1)]
    if hosts:
        return any(CAPITALS[c] not in hosts for c in cities)
    here = " ".join(p.group(1) for p in _IN_PLACE.finditer(art.text, m0, m1))
    return bool(here) and all(c not in here for c in cities)


def _organisation_side(art: _Article, main_id: int, participants: list[PersonRef]) -> bool:
    """The main sentence names an organisation as a side and the participants are of fewer than
    two countries: a summit of the EU (ASEAN...) and one country, no meeting of two countries."""
    s0, s1 = art.sentence(main_id)
    side = any(not art.quoted(m.start()) for m in _ORG_SIDE.finditer(art.text, s0, s1))
    own = {art.people.office_of(ref)[1] for ref in participants} - {None}
    return side and len(own) < 2


def _place_new_leaders(people: People, participants: list[PersonRef], countries: tuple[str, str] | None) -> None:
    """A new leader of no stated country who took part leads the side no one else represents."""
    if countries is None:
        return
    unplaced = [
        c
        for ref in participants
        if (c := people.candidates.get(name_key(ref.name))) is not None
        and c.country is None
        and c.office
        and _LEADER_ROLES & set(office_roles(c.office))
    ]
    left = set(countries) - {people.office_of(ref)[1] for ref in participants}
    if len(unplaced) == 1 and len(left) == 1:
        unplaced[0].country = left.pop()


# "Soto, who met Paz in Lima last week, hosted Berg": a relative clause of an earlier time
_EARLIER_RELATIVE = re.compile(
    r",\s+who\s+(?:had\s+)?[^,;]{0,150}?\b(?:last\s+(?:week|month|year)|earlier|ago|previously|in\s+(?:19|20)\d\d)\b"
    r"[^,;]{0,60},"
)


def _earlier_relative(art: _Article, pos: int) -> bool:
    """Whether `pos` is in a relative clause of an earlier time (see _EARLIER_RELATIVE)."""
    s0, s1 = art.sentence(art.index.sentence_of(pos))
    return any(r.start() <= pos < r.end() for r in _EARLIER_RELATIVE.finditer(art.text, s0, s1))


def _triggers(art: _Article, person_mentions: list[PersonMention]) -> list[Trigger]:
    """Every meeting word outside quotes, that does not speak of a meeting still to come."""
    text = art.text
    triggers: list[Trigger] = []
    for number, (s0, s1) in enumerate(art.index.sentences):
        for m in MEETING_RE.finditer(text, s0, s1):
            if art.quoted(m.start()) or _earlier_relative(art, m.start()):
                continue
            if m.group().lower() == "signed" and not _joint_subject(art, person_mentions, s0, m.start()):
                continue  # "X signed an order": one person signing meets no one
            if _FUTURE_MEETING.search(text[max(s0, m.start() - 80) : m.start()]):
                continue
            clause = re.split(r"\s(?:and|but)\s", text[m.end() : s1], maxsplit=1)[0]
            if _LATER_AFTER.match(clause):
                continue
            if re.search(r"\blast\s+$", text[max(s0, m.start() - 6) : m.start()]):
                continue  # "last met in 2019": an earlier meeting
            if re.search(r"\bpreviously\b(?![^,]*,\s*who\b)", text[max(s0, m.start() - 100) : m.start()]):
                continue  # "X and Y previously discussed it during a meeting in Lima": an earlier one
            if re.search(r"\bto\s+$", text[max(s0, m.start() - 4) : m.start()]) and _FUTURE_MARKER.search(
                text, s0, m.start()
            ):
                continue  # "is expected to tour ..., before flying on to Beijing to meet Xi": still to come
            if (
                m.group("call") == m.group()
                and m.group().lower() == "call"
                and not (
                    re.search(r"\b(?:a|the|their|his|her|phone|video)\s+$", text[max(s0, m.start() - 8) : m.start()])
                    or re.match(r"\s+with\b", text[m.end() : m.end() + 6])
                )
            ):
                continue  # "call for", "calls on": no phone call
            triggers.append((number, m))
    return triggers


# "the climate summit", "the G20 summit": a gathering of many, where one person named met no one yet
_MULTILATERAL_BEFORE = re.compile(
    r"(?:\b(?:climate|regional|annual|global|world|multilateral|leaders[’']?)|(?<![\w-])(?:" + _ORG + r")|\bCOP\d*|"
    r"\bits\s+\d+(?:st|nd|rd|th))"  # a bloc's "its 65th summit"
    r"\s+(?:\w+\s+)?$"
)


def _multilateral(art: _Article, m: re.Match[str]) -> bool:
    """Whether the meeting word is a summit of many ("the G20 summit", "the climate summit", a
    bloc's "its 65th summit"), or "the summit" after one was named."""
    if m.group().lower() != "summit":
        return False
    if _MULTILATERAL_BEFORE.search(art.text, max(0, m.start() - 40), m.start()):
        return True
    earlier = [e for e in re.finditer(r"\bsummit\b", art.text[: m.start()], re.I)]
    return (
        bool(earlier)
        and re.search(r"\bthe\s+$", art.text[max(0, m.start() - 5) : m.start()]) is not None
        and _MULTILATERAL_BEFORE.search(art.text, max(0, earlier[-1].start() - 40), earlier[-1].start()) is not None
    )


def _joint_subject(art: _Article, person_mentions: list[PersonMention], s0: int, verb_at: int) -> bool:
    """Whether two people joined by "and" are the subject of the verb at `verb_at`: "X and Y signed"."""
    named = [pm for pm in starting_in(person_mentions, s0, verb_at) if not pm.in_quote]
    return (
        len({pm.ref for pm in named}) >= 2
        and re.search(r"\band\b", art.text[named[0].end : named[-1].start]) is not None
    )


def _main_sentence(art: _Article, triggers: list[Trigger], person_mentions: list[PersonMention]) -> int | None:
    """The first meeting sentence with a venue, two people, or one person and a strong word."""
    found_in: dict[int, list[re.Match[str]]] = {}
    for n, m in triggers:
        found_in.setdefault(n, []).append(m)
    for n in sorted(found_in):
        s0, s1 = art.sentence(n)
        persons = {pm.ref for pm in starting_in(person_mentions, s0, s1) if not pm.in_quote}
        venue = _VENUE_RE.search(art.text, s0, s1)
        strong = any(
            not _weak(m.group()) and not _PRESENT.fullmatch(m.group().lower()) and not _multilateral(art, m)
            for m in found_in[n]
        )
        # "The leaders of India and Australia met in New Delhi": a strong word at a capital
        capital = strong and _CAPITAL_RE.search(art.text, s0, s1)
        if venue or capital or len(persons) >= 2 or (strong and persons):
            return n
    return None


def _visit_sentence(
    art: _Article, triggers: list[Trigger], person_mentions: list[PersonMention], country_mentions: list[MentionHit]
) -> int | None:
    """The first sentence that says a person "arrived in" a country, or speaks of a person's
    "visit to" a country: a visit, though one person is named at it (the other side is the
    country visited)."""
    for n, m in triggers:
        s0 = art.sentence(n)[0]
        word = m.group().lower()
        to = re.match(r"\s+to\s+(?:the\s+)?", art.text[m.end() :]) if word.endswith("visit") else None
        if word not in ("arrived in", "arrives in") and to is None:
            continue
        at = m.end() + (to.end() if to else 1)
        country = next((c for c in country_mentions if c.start == at), None)
        persons = [pm for pm in starting_in(person_mentions, s0, m.start()) if not pm.in_quote]
        if to is not None:  # "Soto’s visit to Norway", "Soto’s first official visit to Norway"
            persons = [
                pm for pm in persons if re.fullmatch(r"[’']s?\s+(?:[\w-]+\s+){0,3}", art.text[pm.end : m.start()])
            ]
        if country is not None and persons:
            return n
    return None


def _place(art: _Article, used: list[int]) -> tuple[str | None, str | None]:
    """(place, host country): a venue named in the meeting's sentences, else a capital "in Tokyo"."""
    for regex, hosts in ((_VENUE_RE, VENUES), (_CAPITAL_RE, CAPITALS)):
        for n in used:
            s0, s1 = art.sentence(n)
            found = regex.search(art.text, s0, s1)
            if found and not art.quoted(found.start()):
                return found.group(1), hosts[found.group(1)]
    return None, None


def _named_participants(
    art: _Article, used: list[int], spans: list[tuple[int, int]], main_id: int, person_mentions: list[PersonMention]
) -> list[PersonRef]:
    """The people with an office named in the meeting's sentences, up to the end of the clause
    after the first meeting word (in the main sentence: anyone)."""
    participants: list[PersonRef] = []
    for n in used:
        # "The leaders of India and Australia met in New Delhi. Modi welcomed Albanese ...": when
        # the main sentence names no one, the next meeting sentence names the people
        anyone = n == main_id or (not participants and n == min((k for k in used if k > main_id), default=-1))
        s0, s1 = art.sentence(n)
        intro = _INTRO.match(art.text, s0, s1)
        if intro and any(intro.end() <= a < s1 for a, _ in spans):
            s0 = intro.end()  # "Following his meeting with Elon Musk, Modi held talks with ..."
        first_trigger = min((a for a, _ in spans if s0 <= a < s1), default=s0)
        if n == main_id:
            # "visited Washington, where he met Trump": the clause of its last strong meeting word
            strong = [a for a, b in spans if s0 <= a < s1 and not _weak(art.text[a:b])]
            first_trigger = max(strong, default=first_trigger)
        if n == main_id and intro and not any(intro.end() <= a < s1 for a, _ in spans):
            # "During a meeting at the White House, X and Y agreed ...": the main clause's subject
            first_trigger = intro.end()
        # (a list of who was there, "accompanied by X, Y and Z", runs past its commas)
        listed = any(s0 <= a < s1 and _PRESENT.fullmatch(art.text[a:b]) for a, b in spans)
        clause = None if listed else _CLAUSE_BREAK.search(art.text, first_trigger, s1)
        while clause and clause.group().startswith(",") and _ROLE_END.search(art.text, first_trigger, clause.start()):
            # "met his Norwegian counterpart, Per Lund, in Oslo": the name in apposition is the one met
            named = next(
                (pm for pm in starting_in(person_mentions, clause.end(), s1) if pm.start == clause.end()), None
            )
            if named is None:
                break
            clause = _CLAUSE_BREAK.search(art.text, named.end + 1, s1)
        s1 = clause.start() if clause else s1
        for pm in starting_in(person_mentions, s0, s1):
            if not pm.in_quote and pm.ref not in participants:
                office, _ = art.people.office_of(pm.ref)
                if n != main_id and _speaks_of_it(art.text, pm.end, s1):
                    continue
                if _FORMER_BEFORE.search(art.text, max(s0, pm.start - 40), pm.start):
                    continue  # "former President Joe Biden": not in office, not at the table
                if _earlier_relative(art, pm.start):
                    continue  # "Soto, who met Paz in Lima last week, hosted Berg": not Paz
                if office or anyone:
                    participants.append(pm.ref)
    return participants


def _to_come(art: _Article, pos: int) -> bool:
    """Whether `pos` is in a clause of a meeting still to come: "is expected to ... to meet X"."""
    s0, _ = art.sentence(art.index.sentence_of(pos))
    future = _FUTURE_MARKER.search(art.text, s0, pos)
    return future is not None and MEETING_RE.search(art.text, future.end(), pos) is not None


def _speaks_of_it(text: str, end: int, s1: int) -> bool:
    """Whether the person named just before `end` is the subject of a verb of speech (an
    apposition allowed, unless it says the person was there: ", who joined the talks,")."""
    m = _SPEAKS_OF_IT.match(text, end, s1)
    if m is None:
        return False
    return not (m.group("app") and MEETING_RE.search(m.group("app")))


def _add_missing_sides(
    art: _Article, participants: list[PersonRef], person_mentions: list[PersonMention], host: str | None
) -> None:
    """Each side of the dyad: its most named leader joins when the sentences named no one. The
    host country (of the venue) is a side: its leader, when the article names one, took part."""
    people = art.people
    named: dict[PersonRef, int] = {}
    for pm in person_mentions:
        if not pm.in_quote:
            named[pm.ref] = named.get(pm.ref, 0) + 1
    # a leader named only as someone to meet later was not at this meeting
    present = {pm.ref for pm in person_mentions if not pm.in_quote and not _to_come(art, pm.start)}
    named = {ref: count for ref, count in named.items() if ref in present}
    sides = {people.office_of(ref)[1] for ref in participants} - {None}
    # a participant of no stated country may be the other side ("Goyal held talks with Lutnick")
    unplaced = [ref for ref in participants if people.office_of(ref)[1] is None]
    for ref in sorted(named, key=lambda x: -named[x]):
        office, country = people.office_of(ref)
        is_leader = bool(office and _LEADER_ROLES & set(office_roles(office)))
        if not (is_leader and country) or country in sides or len(sides) + len(unplaced) >= 2:
            continue
        if host and host not in sides and country != host and len(sides) == 1:
            continue  # the one place left is the host's (once the host's leader is in, the other side's)
        participants.append(ref)
        sides.add(country)
    # a side still unrepresented: the most named new leader of no stated country
    for ref in sorted(named, key=lambda x: -named[x]):
        if len(sides) + len(unplaced) >= 2:
            break
        office, country = people.office_of(ref)
        if ref not in participants and country is None and office and _LEADER_ROLES & set(office_roles(office)):
            participants.append(ref)
            unplaced.append(ref)


def _countries(
    art: _Article, participants: list[PersonRef], host: str | None, country_mentions: list[MentionHit]
) -> tuple[str, str] | None:
    """The dyad: the participants' countries, then the host's, completed by the most named ones."""
    codes: list[str] = []
    for ref in participants:
        _, country = art.people.office_of(ref)
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
    return (pair[0], pair[1]) if len(pair) == 2 else None


def _visited(text: str, countries: tuple[str, str]) -> str | None:
    """The host, when the article says one side visited the other ("his visit to Japan")."""
    visit = _VISIT_RE.search(text)
    if not visit:
        return None
    code = country_surface_forms()[visit.group(1)][0]
    return code if code in countries else None


def _leader_countries(people: People, participants: list[PersonRef], countries: tuple[str, str] | None) -> set[str]:
    """The countries a participant leads (head of state or government) on the day."""
    leader_countries = set()
    for ref in participants:
        for person in people.known:
            if person.ref == ref:
                for t in people.tenures_on(person):
                    if _LEADER_ROLES & set(t.roles):
                        leader_countries.add(t.country)
        cand = people.candidates.get(name_key(ref.name))
        if cand and cand.office and _LEADER_ROLES & set(office_roles(cand.office)) and cand.country:
            leader_countries.add(cand.country)
    unplaced = [
        ref
        for ref in participants
        if (other := people.candidates.get(name_key(ref.name)))
        and other.office
        and not other.country
        and _LEADER_ROLES & set(office_roles(other.office))
    ]
    if countries and len(unplaced) == 1 and len(set(countries) - leader_countries) == 1:
        leader_countries |= set(countries)  # a new leader of no stated country leads the side left
    return leader_countries


# "said Tuesday as he met X": the day of the words is the meeting's
_DURING_IT = re.compile(r"\s*,?\s+(?:as|while|during|at)\b[^.;]{0,40}?" + MEETING_RE.pattern, re.I)
# "the October 26 midterm election", "a June 30 deadline": the day of another event, named before its noun
_EVENT_AFTER = re.compile(
    r"\s+(?!(?:and|or|to|in|at|on|with|when|after|before|as|for|of|the|a|an|that|this|local|afternoon|morning|"
    r"evening|night|meeting|summit|talks|visit|call)\b)(?:[a-z]+\s+){0,2}?(?:election|vote|poll|runoff|"
    r"deadline|referendum|ballot|midterms?|primary|inauguration|anniversary)\b"
)


def _stated_day(art: _Article, used: list[int], spans: list[tuple[int, int]]) -> Dated:
    """The date stated in the meeting's sentences (not inside quotes, not a dateline), nearest
    a meeting word."""
    text, published = art.text, art.published
    for n in used:
        s0, s1 = art.sentence(n)
        anchors = [a for a, _ in spans if s0 <= a < s1] or [s0]
        p0 = art.index.paragraphs[art.index.paragraph_of(s0)][0]
        options = []
        for d in parse_dates(text, published, s0, s1):
            attributed = ATTRIBUTED_DAY.search(text[max(s0, d.start - 60) : d.start]) and not _DURING_IT.match(
                text, d.end, s1
            )
            if art.quoted(d.start) or attributed or _earlier_relative(art, d.start) or _EVENT_AFTER.match(text, d.end):
                continue
            if _DATELINE.match(text[p0 : d.start]) or _AGENCY_AFTER.match(text, d.end, d.end + 40):
                continue  # "TOKYO, April 25 (Kyodo) --": the dateline, not the meeting's day
            if published and d.date > published and d.how != "absolute":
                continue
            options.append(d)
        if options:
            d = min(options, key=lambda h: min(abs(h.start - a) for a in anchors))
            if d.how == "absolute":
                return d.date, f"stated: '{d.exact}'", 0.8
            return d.date, f"relative: '{d.exact}'", 0.7
    return None, "", 0.8


def _day_beside_both(art: _Article, person_mentions: list[PersonMention], participants: list[PersonRef]) -> Dated:
    """A full date in a sentence that names two participants ("Starmer and Modi attend the forum
    on October 9, 2025"), within a week before publication: the day they were together."""
    for s0, s1 in art.index.sentences:
        named = {pm.ref for pm in starting_in(person_mentions, s0, s1) if not pm.in_quote}
        if len(named & set(participants)) < 2:
            continue
        for d in parse_dates(art.text, art.published, s0, s1):
            recent = art.published is None or 0 <= (art.published - d.date).days <= 7
            if d.how == "absolute" and not art.quoted(d.start) and recent:
                return d.date, f"stated beside both participants: '{d.exact}'", 0.6
    return None, "", 0.0


def _known_meeting(
    art: _Article,
    gazetteer: Gazetteer,
    countries: tuple[str, str] | None,
    named_kind: str | None,
    day: dt.date | None,
    participants: list[PersonRef],
) -> KnownMeeting | None:
    """The graph's meeting of the same dyad (that day, or in the month before publication when
    the article gives no day) is the same event, unless the article names another kind."""
    if not countries:
        return None
    same = [
        k
        for k in gazetteer.meetings
        if tuple(sorted(k.countries)) == countries and (named_kind is None or k.kind == named_kind)
    ]
    if day is not None:
        on_day = [k for k in same if k.date == day]
        return on_day[0] if len(on_day) == 1 else None
    if art.published is None:
        return None
    published = art.published
    recent = [
        k
        for k in same
        if 0 <= (published - k.date).days <= 31
        and (not participants or set(participants) & set(k.participants) or not k.participants)
    ]
    return max(recent, key=lambda k: k.date) if recent else None


def _reported_day(art: _Article, used: list[int]) -> Dated:
    """ "Sheinbaum said Monday she had agreed ..., after the two leaders spoke by phone": the day
    the article says its people spoke, as the meeting's."""
    text, published = art.text, art.published
    for n in used:
        s0, s1 = art.sentence(n)
        said = [
            d
            for d in parse_dates(text, published, s0, s1)
            if not art.quoted(d.start)
            and ATTRIBUTED_DAY.search(text[max(s0, d.start - 60) : d.start])
            and (published is None or d.date <= published)
        ]
        if said:
            return said[0].date, f"not stated: the day the article reports ('{said[0].exact}')", 0.5
    return None, "", 0.8


def _words_naming(art: _Article, main_id: int, spans: list[tuple[int, int]], place: str | None) -> tuple[int, int]:
    """[start, end) of the words that name the meeting: the main sentence's meeting word, and the place."""
    s0, s1 = art.sentence(main_id)
    start, end = next(((a, b) for a, b in spans if s0 <= a < s1), spans[0] if spans else (s0, s1))
    if place:
        at = art.text.find(place, s0, s1)
        if at >= 0:
            start, end = min(start, at), max(end, at + len(place))
    return start, end
