"""News articles to draft facts, each with the character offsets and exact words it came from.

`parse_article(text, published=..., gazetteer=...)` reads plain text (`read_article` turns HTML
into text first) and finds, by deterministic rules and without any network or model:

- countries: ISO names, the press's short names and abbreviations (U.S., America, Britain) and
  demonyms (Japanese, Canadian);
- people: those the gazetteer knows (full name, alias, surname with or without a title, "Mr.
  Ishiba", and "the president" / "Japan's prime minister" resolved through the tenures valid on
  the publication date) and people it does not know, kept as new candidates under the name as
  written (never merged with a known person by guess);
- quotations with their speaker (attribution before or after the quote, split quotes, "he said"
  resolved to the subject of the closest earlier sentence that names a person it can refer to);
- the meeting: kind, place, date (absolute, or relative to the publication date), participants;
- figures: amounts with currency and scale, their metric (deficit, surplus, exports, imports,
  investment), period, dyad and, when a person states them, the speaker;
- sectors and topics, mapped to the sector scheme.

Offsets are Python string indices into `text` (Web Annotation TextPositionSelector: `start` is
the first character, `end` is just past the last); `text[start:end]` is always the exact text.

Confidence (0..1) is a product of simple, fixed factors:

==================================  =====  ==================================================
how a person is named               conf.  notes
==================================  =====  ==================================================
known person, full name or alias    0.95
known person, title + surname       0.85   the title matches a tenure valid on the date
known person, surname only          0.70   also "Mr. Ishiba"; surname unique or seen in full
role ("the president")              0.70   one tenure valid on the date fits; 0.55 if recency
                                           decided between several
new candidate with title/apposition 0.60   "Prime Minister Mark Carney", "Jane Doe, an economist"
new candidate next to a verb        0.50   "Jane Doe said"
pronoun ("he said")                 0.50
==================================  =====  ==================================================

Countries: 0.95 for a name or abbreviation, 0.85 for a demonym. Topics: 0.8 for a keyword,
0.9 for a topic's own name in the graph. A quote's confidence is its speaker's, times 0.9 when
the attribution verb is separated from the quote by other words, 0.6 for a colon introduction,
0.45 for a continuation quote (a quote with no attribution that follows the same speaker's quote).
A figure starts at 0.9, times 0.8 when a country of its dyad comes from the article rather than
its sentence, times 0.5 when its period is not stated (the last full year is assumed).
A meeting is 0.8 with its date stated (0.7 relative), 0.6 with the date of the graph's meeting
of the same dyad in the month before publication, 0.5 with the day the article says its people
spoke ("said Monday ... after the call"), 0.3 with the publication date as a guess.

The meeting: the first sentence (outside quotes) with a meeting word (summit, talks, meeting,
met, visit, hosted, phone call...) and two people, or a venue, or one person with a strong
word; later meeting sentences complete it. Participants are the people named in those sentences
up to the end of the clause after the meeting word (the first sentence: anyone; the others:
people with an office), plus, for a side of the dyad that no one represents, its most named
leader. The dyad is the participants' countries, then the host's (White House: USA; "in Tokyo":
JPN), then the most named. The kind is the one the text names (state / official / working
visit, call, summit); otherwise a "summit" when a head of state or government of each side took
part, else "talks". A meeting of the graph on the same day and dyad (or, when the article gives
no day, in the month before publication) is taken to be the same event, and lends its kind
unless the article names another.

Dates: see `parse_dates`. A quote is dated by a date in its sentence; else by the meeting's day
when its sentence (or the one before) speaks of the meeting; else by the day the article says
its people spoke; else by the meeting's day for a participant; else by the publication date.

Sign rule for balances: a deficit or surplus is the balance *of the country named as having it*
(the one before the word: "the U.S. trade deficit", "Japan's surplus"; or the first in "the
deficit between the U.S. and Japan") *with the partner* ("with Japan"): a deficit is negative, a
surplus positive, as `indicator=goods_balance, country=holder, partner=other`.
Exports are `goods_exports` of the exporter (country) to the importer (partner); imports
`goods_imports` of the importer from the exporter; an investment stock is `fdi_stock` with the
host as country and the investor as partner. Pledges and forecasts ("will invest $1 trillion",
"could reach") are figures but not claims: nothing in the data can confirm a promise.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol, TypeVar

from bilateral.errors import InputError, Problem
from bilateral.graph.iri import normalise_key
from bilateral.loaders.article_lexicon import (
    AMBIGUOUS_COUNTRY_NAMES,
    ATTRIBUTION_VERBS,
    CAPITALS,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    CURRENCY_WORDS_NEEDING_SCALE,
    GENDER_OF_HONORIFIC,
    MONTHS,
    NON_NAME_WORDS,
    NUMBER_WORDS,
    ORG_WORDS,
    ROLE_WORDS,
    SCALES,
    TOPIC_KEYWORDS,
    VENUES,
    WEEKDAYS,
    country_surface_forms,
    office_roles,
)
from bilateral.loaders.records import PersonRef, TopicRef

__all__ = [
    "ArticleText",
    "DateHit",
    "Extraction",
    "FigureHit",
    "Gazetteer",
    "KnownMeeting",
    "KnownPerson",
    "KnownTenure",
    "KnownTopic",
    "MeetingHit",
    "MentionHit",
    "PersonHit",
    "QuoteHit",
    "TopicHit",
    "decode_article",
    "parse_amounts",
    "parse_article",
    "parse_dates",
    "read_article",
]

_T = TypeVar("_T")


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...

# ============================================================== what the graph knows (input)


@dataclass(frozen=True)
class KnownTenure:
    """An office a known person holds, as the graph has it."""

    country: str
    office: str
    roles: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    attested: dt.date | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        """In office on `day` (no day: still in office). An attested-only tenure counts within a
        year of the day it is attested, unless it has ended."""
        if day is None:
            return self.end is None
        if self.end is not None and day > self.end:
            return False
        if self.start is not None:
            return self.start <= day
        if self.attested is not None:
            return abs((day - self.attested).days) <= 366
        return False


@dataclass(frozen=True)
class KnownPerson:
    """A person of the graph: `name` and `birth_year` exactly as the graph has them."""

    name: str
    birth_year: int | None = None
    aliases: tuple[str, ...] = ()
    tenures: tuple[KnownTenure, ...] = ()
    iri: str | None = None

    @property
    def ref(self) -> PersonRef:
        return PersonRef(self.name, self.birth_year)


@dataclass(frozen=True)
class KnownTopic:
    """A sector or topic of the graph: `key` is its id (the HS notation for HS)."""

    key: str
    scheme: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def ref(self) -> TopicRef:
        return TopicRef(self.scheme, self.key)


@dataclass(frozen=True)
class KnownMeeting:
    """A meeting of the graph, to recognise the same event in an article."""

    date: dt.date
    countries: tuple[str, str]
    kind: str
    place: str | None = None
    participants: tuple[PersonRef, ...] = ()
    iri: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    """What the extractor may recognise by name: built from a store by graph.gazetteer."""

    people: tuple[KnownPerson, ...] = ()
    topics: tuple[KnownTopic, ...] = ()
    meetings: tuple[KnownMeeting, ...] = ()


# ============================================================== what an article gives (output)


@dataclass(frozen=True)
class MentionHit:
    """The text names a country, person or topic at [start, end)."""

    kind: str  # "country", "person" or "topic"
    start: int
    end: int
    exact: str
    confidence: float
    how: str
    country: str | None = None
    person: PersonRef | None = None
    topic: TopicRef | None = None


@dataclass(frozen=True)
class PersonHit:
    """A person the article names: known to the graph, or a new candidate."""

    ref: PersonRef
    known: bool
    written: str  # the fullest form the article writes (the text at start:end)
    start: int
    end: int
    confidence: float
    office: str | None = None
    country: str | None = None
    mentions: int = 1

    @property
    def exact(self) -> str:
        return self.written


@dataclass(frozen=True)
class TopicHit:
    ref: TopicRef
    name: str
    known: bool  # the graph has it; otherwise it comes with the article
    start: int
    end: int
    exact: str
    confidence: float
    mentions: int = 1
    maps_to: tuple[TopicRef, ...] = ()
    broader: TopicRef | None = None


@dataclass(frozen=True)
class QuoteHit:
    """A quotation: [start, end) is the quoted words, without the quotation marks."""

    start: int
    end: int
    exact: str
    speaker: PersonRef | None
    confidence: float
    how: str  # e.g. "after: Trump stated", "pronoun: he said", "continuation"
    said_on: dt.date | None = None
    topics: tuple[TopicRef, ...] = ()


@dataclass(frozen=True)
class FigureHit:
    """An amount of money, and what the sentence says it measures."""

    start: int
    end: int
    exact: str
    amount: Decimal  # as written, in full units, unsigned
    currency: str
    metric: str | None  # deficit, surplus, exports, imports, investment, trade
    indicator: str | None  # goods_balance, goods_exports, goods_imports, fdi_stock, ...
    value: Decimal  # signed by the balance rule (a deficit is negative)
    country: str | None
    partner: str | None
    year: int | None
    confidence: float
    approximate: bool = False
    speaker: PersonRef | None = None
    claimable: bool = False  # enough to check against the data
    sector: TopicRef | None = None
    note: str = ""
    sentence: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class MeetingHit:
    """The meeting the article reports; [start, end) is the words that name it."""

    start: int
    end: int
    exact: str
    kind: str
    date: dt.date | None
    countries: tuple[str, str] | None
    participants: tuple[PersonRef, ...]
    confidence: float
    place: str | None = None
    host: str | None = None
    date_how: str = ""
    kind_how: str = ""


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    exact: str
    date: dt.date
    how: str  # "absolute", "weekday", "relative"


@dataclass(frozen=True)
class Extraction:
    """Everything found in one article."""

    text: str
    published: dt.date | None
    people: tuple[PersonHit, ...]
    countries: tuple[MentionHit, ...]  # one per country: the first mention (count in `mentions`)
    mentions: tuple[MentionHit, ...]  # every mention of a country, person or topic
    quotes: tuple[QuoteHit, ...]
    figures: tuple[FigureHit, ...]
    meeting: MeetingHit | None
    dyad: tuple[str, str] | None
    topics: tuple[TopicHit, ...]

    def country_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.kind == "country" and m.country:
                counts[m.country] = counts.get(m.country, 0) + 1
        return counts


# ============================================================== reading files


@dataclass(frozen=True)
class ArticleText:
    """An article's text (offsets refer to it) and what an HTML page says about itself."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    html: bool = False


_BLOCK = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
                    "article", "section", "tr", "header", "footer", "figcaption", "ul", "ol",
                    "table", "main", "aside", "hr", "dd", "dt", "pre"})
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "form",
                   "button", "iframe", "select", "footer", "aside"})


class _TextOfHtml(HTMLParser):
    """Text of the page's <article> (or <body>), one line per block; title and meta kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article_parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.in_article = 0
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop")
            if key and values.get("content"):
                self.meta.setdefault(key.lower(), values["content"])
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("canonical", values["href"])
        if tag == "title":
            self.in_title = True
        if tag in _SKIP and tag != "head":
            self.skip += 1
        if tag == "article":
            self.in_article += 1
        if tag in _BLOCK:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP and tag != "head" and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self._add("\n")
        if tag == "article" and self.in_article:
            self.in_article -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skip:
            return
        self._add(re.sub(r"\s+", " ", data))

    def _add(self, piece: str) -> None:
        self.parts.append(piece)
        if self.in_article:
            self.article_parts.append(piece)


def _clean_lines(raw: str) -> str:
    lines = (line.strip() for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def _meta_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", text)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def html_to_text(markup: str) -> ArticleText:
    """The text of an HTML page (its <article> if it has one), one paragraph per line."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    body = _clean_lines("".join(parser.article_parts)) or _clean_lines("".join(parser.parts))
    meta = parser.meta
    title = meta.get("og:title") or html.unescape(parser.title).strip() or None
    return ArticleText(
        text=body, title=title,
        published=_meta_date(meta.get("article:published_time") or meta.get("datepublished")
                             or meta.get("date")),
        url=meta.get("og:url") or meta.get("canonical"), publisher=meta.get("og:site_name"),
        html=True)


# C0 and C1 control characters other than tab, newlines, vertical tab and form feed
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01  # an article has next to none; binary data read as text has many


def decode_article(data: bytes, name: str) -> str:
    """The text of an article file's bytes: UTF-8 (a byte order mark dropped), universal
    newlines. Binary data is refused (an InputError naming the file, the line and what is wrong):
    a NUL byte, bytes that are not UTF-8, or more than 1% control characters."""
    def refuse(line: int, value: str, what: str) -> InputError:
        return InputError([Problem(name, None, None, value, f"not a text file: {what} on line {line}")])

    nul = data.find(b"\x00")
    if nul >= 0:
        raise refuse(data.count(b"\n", 0, nul) + 1, "0x00", f"a NUL byte at byte {nul}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start:err.start + 1]
        raise refuse(data.count(b"\n", 0, err.start) + 1, f"0x{bad.hex().upper()}",
                     f"not UTF-8 (byte 0x{bad.hex().upper()} at byte {err.start})") from None
    controls = _CONTROL.findall(text)
    if len(controls) > _MAX_CONTROL_SHARE * len(text):
        first = _CONTROL.search(text)
        assert first is not None
        raise refuse(text.count("\n", 0, first.start()) + 1, repr(first.group()),
                     f"{len(controls) / len(text):.0%} control characters, the first")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(path: str | Path) -> ArticleText:
    """Read an article file: HTML (by suffix or content) is stripped to text with the stdlib
    parser; plain text is read as UTF-8 with universal newlines. Offsets refer to `.text`.
    Binary data is refused (see `decode_article`)."""
    path = Path(path)
    raw = decode_article(path.read_bytes(), str(path))
    looks_html = path.suffix.lower() in (".html", ".htm", ".xhtml") or bool(
        re.match(r"\s*(<!doctype html|<html|<article|<body|<p[\s>])", raw, re.I))
    if looks_html:
        return html_to_text(raw)
    return ArticleText(text=raw)


# ============================================================== text structure

_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“"}
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "prof", "inc", "corp", "ltd", "co", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "no", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    "e.u", "d.c", "u.s.a", "u.a.e", "approx", "est", "fig", "mt", "ft"})


@dataclass(frozen=True)
class _Quote:
    open: int  # index of the opening mark
    close: int  # index just past the closing mark (or the paragraph's end)
    start: int  # the quoted words
    end: int
    paragraph: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            out.append((match.start(), match.end()))
    return out


def _quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[_Quote]:
    """Quotations, paired within a paragraph: curly, guillemets and straight double quotes."""
    out: list[_Quote] = []
    for number, (p0, p1) in enumerate(paragraphs):
        i = p0
        while i < p1:
            ch = text[i]
            if ch in _OPEN_QUOTES:
                close_mark = _OPEN_QUOTES[ch]
                j = text.find(close_mark, i + 1, p1)
                j = p1 if j < 0 else j
            elif ch == '"':
                j = text.find('"', i + 1, p1)
                j = p1 if j < 0 else j
            else:
                i += 1
                continue
            s, e = i + 1, j
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(_Quote(i, min(j + 1, p1), s, e, number))
            i = j + 1
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the '.' at `dot` ends an abbreviation or an initial, not a sentence."""
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and text[k].isupper())


def _sentences(text: str, paragraphs: list[tuple[int, int]], quotes: list[_Quote]) -> list[tuple[int, int]]:
    """Sentence spans: a terminator ends a sentence unless it ends an abbreviation or sits
    inside a quotation (a quote and its attribution stay one sentence)."""
    inner = _Spans([(q.start, q.end) for q in quotes])
    out: list[tuple[int, int]] = []
    for p0, p1 in paragraphs:
        start = p0
        for match in re.finditer(r"[.!?]+[\"”»’)]*(?=\s+[\"“«(A-Z0-9]|\s*$)", text[p0:p1]):
            end = p0 + match.end()
            dot = p0 + match.start()
            if text[dot] == "." and match.end() - match.start() == 1 and _is_abbreviation(text, dot):
                continue
            quote = inner.around(dot)
            if quote is not None and dot < quote[1] - 1:  # inside a quote, not at its end
                continue
            if quote is not None and not re.match(r"[\"”»]", text[end - 1]):
                continue
            if text[start:end].strip():
                out.append((start, end))
            start = end
            while start < p1 and text[start].isspace():
                start += 1
        if start < p1 and text[start:p1].strip():
            out.append((start, p1))
    return out


class _Spans:
    """Sorted spans that do not overlap, looked up by offset (a bisection, not a scan)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def around(self, pos: int) -> tuple[int, int] | None:
        """The span [start, end) holding `pos`, if any."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return self.spans[i]
        return None

    def __contains__(self, pos: int) -> bool:
        return self.around(pos) is not None


class _Taken:
    """Spans already taken, that do not overlap: an overlap check is a bisection, not a scan."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)  # the spans that start before `end`; the last ends last
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def _start(item: _HasStart) -> int:
    return item.start


def _between(items: list[_T], key: Callable[[_T], int], lo: int, hi: int) -> list[_T]:
    """The items (sorted by `key`) whose key is in [lo, hi)."""
    return items[bisect_left(items, lo, key=key):bisect_left(items, hi, key=key)]


class _Index:
    """Sentence and paragraph lookup by offset."""

    def __init__(self, sentences: list[tuple[int, int]], paragraphs: list[tuple[int, int]]) -> None:
        self.sentences = sentences
        self.paragraphs = paragraphs
        self._s_starts = [s for s, _ in sentences]
        self._p_starts = [s for s, _ in paragraphs]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self._s_starts, pos) - 1)

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self._p_starts, pos) - 1)


# ============================================================== countries

_WORD = r"(?<![\w.\-])"
_END = r"(?![\w])"


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


_COUNTRY_RE = re.compile(_WORD + "(" + _alternation(country_surface_forms()) + ")" + _END)
_COUNTRY_FORM = _alternation(f for f in country_surface_forms() if f[0].isupper())


def _countries(text: str) -> list[MentionHit]:
    forms = country_surface_forms()
    out: list[MentionHit] = []
    for match in _COUNTRY_RE.finditer(text):
        form = match.group(1)
        code, how = forms[form]
        before = text[max(0, match.start() - 9):match.start()]
        after = text[match.end():match.end() + 8]
        if form in ("America", "American", "Americans") and re.search(
                r"(Latin|South|North|Central)[\s-]$", before):
            continue
        if form in ("Indian",) and after.startswith(" Ocean"):
            continue
        if form == "Mexico" and before.endswith("New "):
            continue
        if form in AMBIGUOUS_COUNTRY_NAMES and (
                (re.search(r"[A-Z][\w]*\s$", before) and not re.search(r"[.!?]\s$|^\s*$", before))
                or re.match(r"\s[A-Z]", after)):
            continue
        if form == "US" and re.match(r"[-\s]?\$", after):
            continue  # "US $5 billion" is a currency marker
        conf = 0.85 if how == "demonym" else 0.95
        out.append(MentionHit("country", match.start(), match.end(), form, conf, how, country=code))
    return out


# ============================================================== dates

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
_DATE_RES = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
               + r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"),
    re.compile(r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"),
)
_WEEKDAY_RE = re.compile(
    r"\b(?:(?P<mod>last|this past|next|this|on|on last)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b")
_RELATIVE_RE = re.compile(r"\b(?P<rel>yesterday|today|tomorrow|last week|next week)\b", re.I)
_FUTURE_CUE = re.compile(r"\b(will|shall|is set to|are set to|is scheduled|are scheduled|is expected|"
                         r"are expected|plans? to|is due|are due|next|upcoming|ahead of)\b", re.I)


def _year_for(month: int, day: int, published: dt.date | None) -> dt.date | None:
    """A day written without a year: the year that puts it closest to the publication date."""
    if published is None:
        return None
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - published).days)) if options else None


def _weekday(wd: int, published: dt.date, future: bool, strictly: bool) -> dt.date:
    """The weekday nearest the publication date: "on Thursday" in a report is the most recent
    Thursday on or before the publication date (the publication day itself when it is a
    Thursday); "last Thursday" the most recent one strictly before; in a sentence about what
    will happen ("will meet on Thursday", "next Thursday"), the first one on or after it."""
    if future:
        delta = (wd - published.weekday()) % 7
        return published + dt.timedelta(days=delta or (7 if strictly else 0))
    delta = (published.weekday() - wd) % 7
    if strictly and delta == 0:
        delta = 7
    return published - dt.timedelta(days=delta)


def parse_dates(text: str, published: dt.date | None, start: int = 0, end: int | None = None) -> list[DateHit]:
    """Dates in text[start:end]: "February 7", "7 February 2025", "Feb. 7", "2025-02-07",
    "on Thursday", "last week", "yesterday", "today" (relative ones need `published`).
    A weekday is in the past unless its clause speaks of the future ("will meet on Thursday")."""
    end = len(text) if end is None else end
    segment = text[start:end]
    hits: list[DateHit] = []
    taken = _Taken()

    def add(s: int, e: int, day: dt.date | None, how: str) -> None:
        if day is None or taken.overlaps(s, e):
            return
        taken.add(s, e)
        hits.append(DateHit(start + s, start + e, segment[s:e], day, how))

    for regex in _DATE_RES:
        for m in regex.finditer(segment):
            if m.groupdict().get("iso"):
                try:
                    add(m.start(), m.end(), dt.date.fromisoformat(m.group("iso")), "absolute")
                except ValueError:
                    pass
                continue
            month = MONTHS[m.group("month").rstrip(".").lower()]
            day_n = int(m.group("day"))
            if not 1 <= day_n <= 31:
                continue
            if m.group("year"):
                try:
                    add(m.start(), m.end(), dt.date(int(m.group("year")), month, day_n), "absolute")
                except ValueError:
                    pass
            else:
                add(m.start(), m.end(), _year_for(month, day_n, published), "absolute")
    if published is not None:
        for m in _WEEKDAY_RE.finditer(segment):
            mod = (m.group("mod") or "").lower()
            wd = WEEKDAYS[m.group("wd").lower()]
            s = m.start("wd") if mod in ("on", "this") else m.start()
            lead = text[max(0, start + m.start() - 100):start + m.start()]
            lead = re.split(r"[.!?;]\s", lead)[-1]
            future = bool(_FUTURE_CUE.search(lead))
            is_future = mod == "next" or (future and mod not in ("last", "this past", "on last"))
            add(s, m.end(), _weekday(wd, published, is_future, strictly=mod in ("last", "next", "on last",
                                                                              "this past")), "weekday")
        for m in _RELATIVE_RE.finditer(segment):
            rel = m.group("rel").lower()
            delta = {"yesterday": -1, "today": 0, "tomorrow": 1, "last week": -7, "next week": 7}[rel]
            add(m.start(), m.end(), published + dt.timedelta(days=delta), "relative")
    return sorted(hits, key=lambda h: h.start)


# ============================================================== amounts

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?P<scale>thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn)"
_TIGHT_SCALE = r"(?P<tscale>[mMbBkK]|tr)"
_PREFIX = "(?P<pre>" + _alternation(CURRENCY_PREFIXES) + ")"
_SUFFIX = "(?P<suf>" + "|".join(re.escape(w) for w in sorted(CURRENCY_WORDS, key=len, reverse=True)) + ")"
_NUMWORD = "(?P<word>" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_AMOUNT_RES = (
    re.compile(r"(?<![\w$¥€£₩₹])" + _PREFIX + r"\s?" + _NUM
               + r"(?:\s?" + _SCALE + r"\b|" + _TIGHT_SCALE + r"\b)?"
               + r"(?:\s+(?P<suf2>" + "|".join(re.escape(w) for w in CURRENCY_WORDS if " " not in w) + r")\b)?"),
    re.compile(r"(?<![\w.,])" + _NUM + r"(?:\s" + _SCALE + r")?\s+" + _SUFFIX + r"\b", re.I),
    re.compile(r"\b" + _NUMWORD + r"\s+" + _SCALE + r"\s+" + _SUFFIX + r"\b", re.I),
    re.compile(r"(?<![\w$¥€£₩₹])" + _PREFIX + r"\s?" + _NUMWORD + r"\s+" + _SCALE + r"\b"),
)
_APPROX_RE = re.compile(r"\b(about|around|nearly|almost|roughly|some|approximately|close to|more than|"
                        r"over|under|less than|at least|an estimated|up to|just over|just under)\s+$", re.I)


@dataclass(frozen=True)
class _Amount:
    start: int
    end: int
    amount: Decimal
    currency: str
    approximate: bool


def _full_units(number: Decimal, scale: int) -> Decimal:
    value = number * scale
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def parse_amounts(text: str) -> list[tuple[int, int, Decimal, str]]:
    """Amounts of money: (start, end, value in full units, ISO 4217 currency).

    $68 billion, US$5bn, ¥21.3 trillion, €3.5 bn, £2m, 102.9 million dollars, 8.6 trillion yen,
    one trillion dollars, $1 trillion."""
    return [(a.start, a.end, a.amount, a.currency) for a in _amounts(text)]


def _amounts(text: str) -> list[_Amount]:
    out: list[_Amount] = []
    taken = _Taken()
    for regex in _AMOUNT_RES:
        for m in regex.finditer(text):
            s, e = m.start(), m.end()
            if taken.overlaps(s, e):
                continue
            groups = m.groupdict()
            scale_word = (groups.get("scale") or "").lower()
            tight = groups.get("tscale") or ""
            if groups.get("num"):
                number = Decimal(groups["num"].replace(",", ""))
            else:
                number = Decimal(str(NUMBER_WORDS[groups["word"].lower()]))
            scale = SCALES.get(scale_word, 1) if scale_word else SCALES.get(tight.lower(), 1)
            if tight.lower() == "k":
                scale = 1000
            suffix = (groups.get("suf") or groups.get("suf2") or "").lower()
            prefix = groups.get("pre")
            if prefix:
                currency = CURRENCY_PREFIXES[prefix]
                if prefix == "$" and suffix in CURRENCY_WORDS:
                    currency = CURRENCY_WORDS[suffix]
                elif suffix and CURRENCY_WORDS.get(suffix) != currency:
                    e = m.start("suf2")
                    e = len(text[:e].rstrip())
            else:
                if suffix in CURRENCY_WORDS_NEEDING_SCALE and not scale_word:
                    continue
                currency = CURRENCY_WORDS[suffix]
                if suffix in ("dollars", "dollar"):
                    demonym = re.search(r"(Canadian|Australian|Singapore|Hong Kong|New Zealand|U\.S\.|US)\s+$",
                                        text[max(0, m.start("suf") - 14):m.start("suf")])
                    if demonym:
                        currency = {"Canadian": "CAD", "Australian": "AUD", "Singapore": "SGD",
                                    "Hong Kong": "HKD", "New Zealand": "NZD"}.get(demonym.group(1), "USD")
            taken.add(s, e)
            approx = bool(_APPROX_RE.search(text[max(0, s - 20):s]))
            out.append(_Amount(s, e, _full_units(number, scale), currency, approx))
    return sorted(out, key=lambda a: a.start)


# ============================================================== topics


def _topic_patterns(gazetteer: Gazetteer) -> list[tuple[re.Pattern[str], str, float]]:
    """(regex, topic key, confidence): keywords, then the graph's own topic names."""
    out: list[tuple[re.Pattern[str], str, float]] = []
    for kw in TOPIC_KEYWORDS:
        if kw.words:
            out.append((re.compile(r"\b(?:" + _alternation(kw.words) + r")\b", re.I), kw.key, 0.8))
        if kw.exact_words:
            out.append((re.compile(r"\b(?:" + _alternation(kw.exact_words) + r")\b"), kw.key, 0.8))
    for topic in gazetteer.topics:
        if topic.scheme == "HS":
            continue
        names = [n for n in (topic.name, *topic.aliases) if n and len(n) > 2]
        if names:
            out.append((re.compile(r"\b(?:" + _alternation(names) + r")\b", re.I), topic.key, 0.9))
    return out


def _topics(text: str, gazetteer: Gazetteer) -> tuple[list[MentionHit], list[TopicHit]]:
    known = {t.key: t for t in gazetteer.topics if t.scheme != "HS"}
    hs = {t.key: t for t in gazetteer.topics if t.scheme == "HS"}
    lexicon = {kw.key: kw for kw in TOPIC_KEYWORDS}
    spans: list[tuple[int, int, str, float]] = []
    for regex, key, conf in _topic_patterns(gazetteer):
        for found in regex.finditer(text):
            spans.append((found.start(), found.end(), key, conf))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    mentions: list[MentionHit] = []
    last_end = -1
    for s, e, key, conf in spans:
        if s < last_end:
            continue
        last_end = e
        ref = known[key].ref if key in known else TopicRef(lexicon[key].scheme, key)
        mentions.append(MentionHit("topic", s, e, text[s:e], conf, "name" if conf > 0.85 else "keyword",
                                   topic=ref))
    hits: dict[str, TopicHit] = {}
    for m in mentions:
        assert m.topic is not None
        key = m.topic.key
        if key in hits:
            h = hits[key]
            hits[key] = TopicHit(h.ref, h.name, h.known, h.start, h.end, h.exact, max(h.confidence, m.confidence),
                                 h.mentions + 1, h.maps_to, h.broader)
            continue
        if key in known:
            hits[key] = TopicHit(m.topic, known[key].name, True, m.start, m.end, m.exact, m.confidence)
        else:
            kw = lexicon[key]
            maps = tuple(hs[code].ref for code in kw.hs if code in hs)
            broader = None
            if kw.broader:
                broader = known[kw.broader].ref if kw.broader in known else TopicRef(
                    lexicon[kw.broader].scheme, kw.broader)
            hits[key] = TopicHit(m.topic, kw.name, False, m.start, m.end, m.exact, m.confidence, 1, maps,
                                 broader)
    topics = sorted(hits.values(), key=lambda h: h.start)
    # a broader topic that is not mentioned itself must still be described: add it, unmentioned
    for h in list(topics):
        if h.broader and h.broader.key not in hits and not h.known and h.broader.key in lexicon:
            kw = lexicon[h.broader.key]
            maps = tuple(hs[code].ref for code in kw.hs if code in hs)
            hits[kw.key] = TopicHit(h.broader, kw.name, False, h.start, h.end, h.exact, 0.5, 0, maps)
            topics.append(hits[kw.key])
    return mentions, topics


# ============================================================== people

_TITLE_HEADS = frozenset({
    "President", "Minister", "Secretary", "Chancellor", "Premier", "Representative", "Ambassador",
    "King", "Queen", "Emperor", "Prince", "Princess", "Sheikh", "Emir", "Sultan", "Governor",
    "Senator", "Speaker", "General", "Gen.", "Sen.", "Rep.", "Gov.", "Taoiseach", "Chairman",
    "Chairwoman", "Chair", "Commissioner", "Envoy", "Mayor", "Pope"})
_TITLE_PREFIXES = frozenset({"Vice", "Deputy", "Acting", "Former", "Prime", "Foreign", "Finance", "Trade",
                             "Defence", "Defense", "Economy", "Economic", "Commerce", "Treasury", "Chief",
                             "Cabinet", "Crown", "Interior", "Energy", "Agriculture", "Industry", "Home",
                             "State", "Senior", "First", "Special", "U.S.", "Revitalization", "External",
                             "Affairs", "Justice", "Health", "Transport", "Labor", "Labour", "Education",
                             "Environment", "Climate", "Digital", "Security", "National", "Under"})
_TITLE_COMPLEMENTS = ("State", "Commerce", "Defense", "Defence", "the Treasury", "Treasury", "Foreign Affairs",
                      "Finance", "Trade", "Economy", "Energy", "Agriculture", "Homeland Security",
                      "International Trade", "External Affairs", "Home Affairs")
_HONORIFICS = {"Mr": "Mr.", "Mr.": "Mr.", "Mrs": "Mrs.", "Mrs.": "Mrs.", "Ms": "Ms.", "Ms.": "Ms.",
               "Dr": "Dr.", "Dr.": "Dr.", "Sir": "Sir", "Dame": "Dame", "Prof.": "Prof."}
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "bint", "al",
                        "el", "dos", "das", "del", "ibn", "ter", "y"})
_TOKEN_RE = re.compile(r"[^\W\d_](?:\w|[-'’.](?=[^\W_]))*\.?")
_VERBS = _alternation(ATTRIBUTION_VERBS)
_VERB_RE = re.compile(r"\b(?:" + _VERBS + r")\b")
_LOW_ROLE = r"(?:vice[- ]president|prime minister|president|chancellor|premier|foreign minister|crown prince|" \
            r"foreign secretary|secretary of state|[a-z]+ minister|[a-z]+ secretary|trade representative|" \
            r"king|queen|emperor|leader|ambassador|governor)"


_POSSESSIVE_BEFORE = re.compile(r"(" + _COUNTRY_FORM + r")(?:’s|'s)\s+$")
_ROLE_BEFORE = re.compile(r"(?:(?P<c>" + _COUNTRY_FORM + r")(?:’s|'s)?\s+)?(?P<role>" + _LOW_ROLE
                          + r")(?:\s+|,\s+)$")
_OF_COUNTRY_AFTER = re.compile(r"\s+of\s+(?:the\s+)?(" + _COUNTRY_FORM + r")\b")
_APPOSITION_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:(?P<c>" + _COUNTRY_FORM + r")(?:’s|'s)?\s+)?(?P<role>"
    + _LOW_ROLE + r"|(?:senior\s+|chief\s+)?[a-z]+ (?:at|of|with|for)\b|economist|analyst|"
    r"professor|spokesperson|spokesman|spokeswoman|adviser|advisor|official|researcher|"
    r"director|fellow|expert|strategist|lawmaker|negotiator)", re.I)
_VERB_AFTER = re.compile(r"(?:,[^,“”\"]{1,120},)?\s*(?:\w+ly\s+)?(?:" + _VERBS + r")\b")
_VERB_BEFORE = re.compile(r"\b(?:" + _VERBS + r")\s+$")


@dataclass
class _Tok:
    start: int
    end: int  # past the token (without a possessive)
    text: str
    possessive: bool


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        s, e = m.start(), m.end()
        possessive = False
        for poss in ("’s", "'s", "’", ):
            if word.endswith(poss) and len(word) > len(poss) + 1:
                word = word[: -len(poss)]
                e -= len(poss)
                possessive = True
                break
        if word.endswith(".") and not (word[:-1].lower() in _ABBREVIATIONS or len(word) <= 2
                                       or "." in word[:-1] or word[:-1] in _HONORIFICS):
            word = word[:-1]
            e -= 1
        out.append(_Tok(s, e, word, possessive))
    return out


def _runs(text: str, toks: list[_Tok]) -> Iterator[list[_Tok]]:
    """Runs of capitalised words (with name particles and title complements inside), separated
    by single spaces only: the raw material of names and titles."""
    run: list[_Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        cap = tok.text[0].isupper()
        gap_ok = bool(run) and re.fullmatch(r" |\u00a0", text[run[-1].end:tok.start] or "x") is not None \
            and not run[-1].possessive
        if cap and (not run or gap_ok):
            run.append(tok)
        elif run and gap_ok and tok.text in _PARTICLES and i + 1 < len(toks) and toks[i + 1].text[0].isupper() \
                and re.fullmatch(" ", text[tok.end:toks[i + 1].start] or "x"):
            run.append(tok)
        elif run and gap_ok and tok.text in ("of", "for") and run[-1].text in ("Secretary", "Minister"):
            run.append(tok)
        elif run and gap_ok and tok.text == "the" and run[-1].text in ("of", "for"):
            run.append(tok)
        else:
            if run:
                yield run
            run = [tok] if cap else []
        i += 1
    if run:
        yield run


@dataclass
class _Site:
    """Where the text may name a person, before resolution."""

    start: int  # of the name (or role words)
    end: int
    name: str  # the name as written ("" for a role reference)
    title: str | None = None
    honorific: str | None = None
    country: str | None = None  # from the words around: Japanese, Canada's, of Canada
    evidence: str = ""  # why a new candidate may be created: "title", "apposition", "verb"
    role: str | None = None  # for a role reference: "president", "prime minister", "leader"...
    role_country: str | None = None


@dataclass
class _Candidate:
    ref: PersonRef
    written: str
    office: str | None
    country: str | None
    start: int
    end: int
    confidence: float


def _peel_countries(run: list[_Tok]) -> tuple[list[_Tok], str | None]:
    forms = country_surface_forms()
    country = None
    while run:
        for n in (3, 2, 1):
            if len(run) > n or (n == 1 and len(run) >= 1):
                phrase = " ".join(t.text for t in run[:n])
                if phrase in forms and len(run) > n:
                    country = forms[phrase][0]
                    run = run[n:]
                    break
        else:
            break
    return run, country


@lru_cache(maxsize=1 << 16)  # called for every candidate at every name: the same few names
def _name_key(name: str) -> str:
    return normalise_key(name.replace(".", "").replace("’", "'"))


_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _token_at(name: str, position: int | None, wanted: str) -> bool:
    """Whether the name's token at `position` (any token but particles and suffixes when None)
    is `wanted`; a suffix (Jr.) does not count as the last token."""
    tokens = [_name_key(t) for t in name.split() if _name_key(t) not in _SUFFIXES]
    if len(tokens) < 2:
        return False
    if position is None:
        return wanted in [t for t in tokens if t not in _PARTICLES]
    return tokens[position] == wanted


def _is_part(key: str, full: str) -> bool:
    """Whether the words of `key` are a run of the words of `full` (and not all of them)."""
    a, b = key.split(), full.split()
    return len(a) < len(b) and any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _without_initials(name: str) -> str:
    parts = [p for p in name.replace(".", " ").split() if len(p) > 1 or p.islower()]
    return " ".join(parts)


class _People:
    """Resolves person sites, in text order, to known people and new candidates."""

    def __init__(self, gazetteer: Gazetteer, day: dt.date | None) -> None:
        self.day = day
        self.known = gazetteer.people
        self.by_name: dict[str, list[KnownPerson]] = {}
        self.by_surname: dict[str, list[KnownPerson]] = {}
        for person in self.known:
            for form in (person.name, *person.aliases):
                for variant in {form, _without_initials(form)}:
                    if variant:
                        self.by_name.setdefault(_name_key(variant), []).append(person)
            parts = person.name.split()
            if len(parts) >= 2:
                self.by_surname.setdefault(_name_key(parts[-1]), []).append(person)
        self.candidates: dict[str, _Candidate] = {}
        # person -> (offset, order noted) of each resolved mention, sorted: the latest one
        # before an offset is a bisection away, however long the article
        self.seen: dict[PersonRef, list[tuple[int, int]]] = {}
        self._noted = 0
        self.gender: dict[PersonRef, str] = {}
        self.written: dict[PersonRef, str] = {}
        self.offices: dict[PersonRef, tuple[str | None, str | None]] = {}
        self.article_countries: set[str] = set()  # every country the article names

    # -- facts about people -----------------------------------------------------------------

    def tenures_on(self, person: KnownPerson) -> list[KnownTenure]:
        valid = [t for t in person.tenures if t.valid_on(self.day)]
        return sorted(valid, key=lambda t: (not ({"head_of_state", "head_of_government"} & set(t.roles)),
                                            t.office))

    def office_of(self, ref: PersonRef) -> tuple[str | None, str | None]:
        """(office, country) of a person on the day: the tenure valid then, or the article's title."""
        for person in self.known:
            if person.ref == ref:
                tenures = self.tenures_on(person)
                if tenures:
                    return tenures[0].office, tenures[0].country
                if person.tenures:
                    return None, person.tenures[0].country
        cand = self.candidates.get(_name_key(ref.name))
        if cand:
            return cand.office, cand.country
        return self.offices.get(ref, (None, None))

    # -- resolution -------------------------------------------------------------------------

    def _recent(self, refs: Iterable[PersonRef], before: int) -> PersonRef | None:
        """Of `refs`, the one mentioned last before `before` (the later noted on a tie)."""
        latest: tuple[int, int] | None = None
        found = None
        for ref in set(refs):
            marks = self.seen.get(ref, [])
            i = bisect_left(marks, (before,))
            if i and (latest is None or marks[i - 1] > latest):
                latest, found = marks[i - 1], ref
        return found

    def rename(self, mapping: dict[PersonRef, PersonRef]) -> None:
        """Mentions of the keys are now mentions of their values."""
        merged: dict[PersonRef, list[tuple[int, int]]] = {}
        for ref, marks in self.seen.items():
            merged.setdefault(mapping.get(ref, ref), []).extend(marks)
        self.seen = {ref: sorted(marks) for ref, marks in merged.items()}

    def _fits_title(self, person: KnownPerson, title: str | None) -> bool:
        if not title:
            return False
        office = _office_of_title(title).casefold()
        return any(t.office.casefold() == office for t in self.tenures_on(person)) or any(
            t.office.casefold() == office for t in person.tenures)

    def resolve(self, site: _Site) -> tuple[PersonRef, str, float] | None:
        if site.role:
            return self._resolve_role(site)
        name = site.name.strip()
        key = _name_key(name)
        known = self.by_name.get(key) or self.by_name.get(_name_key(_without_initials(name)))
        if known:
            person = self._pick(known, site)
            return person.ref, "name", 0.95
        parts = name.split()
        if len(parts) == 1:
            surname = _name_key(parts[0])
            local = []
            # the last name first; then the first (Lee Jae-myung, Xi Jinping); then any (Lula)
            for position in (-1, 0, None):
                local = [c.ref for c in self.candidates.values() if _token_at(c.ref.name, position, surname)]
                if local:
                    break
            knowns = self.by_surname.get(surname, [])
            recent = self._recent([*local, *(p.ref for p in knowns)], site.start)
            if recent is not None:
                person_k = next((p for p in knowns if p.ref == recent), None)
                conf = 0.85 if person_k and self._fits_title(person_k, site.title) else 0.7
                return recent, "surname", conf
            if len(knowns) >= 1:
                fitting = [p for p in knowns if self.tenures_on(p)] or knowns
                if site.title:
                    fitting = [p for p in fitting if self._fits_title(p, site.title)] or fitting
                if len(fitting) == 1:
                    conf = 0.85 if self._fits_title(fitting[0], site.title) else 0.7
                    return fitting[0].ref, "surname", conf
                return None
            if len(local) == 1:
                return local[0], "surname", 0.7
            if site.title or site.honorific:
                return self._candidate(site, 0.5), "new", 0.5
            return None
        if key in self.candidates:
            return self.candidates[key].ref, "name", self.candidates[key].confidence
        # part of a longer name seen before ("da Silva", "Marcos Jr." after "Ferdinand Marcos Jr.")
        within = [c.ref for c in self.candidates.values() if _is_part(key, _name_key(c.ref.name))]
        within += [p.ref for p in self.known if _is_part(key, _name_key(p.name))]
        if len(set(within)) == 1:
            return within[0], "surname", 0.7
        if not site.evidence:
            return None
        conf = 0.5 if site.evidence == "verb" else 0.6
        return self._candidate(site, conf), "new", conf

    def _pick(self, people: list[KnownPerson], site: _Site) -> KnownPerson:
        if len(people) == 1:
            return people[0]
        valid = [p for p in people if self.tenures_on(p)]
        if site.title:
            valid = [p for p in valid if self._fits_title(p, site.title)] or valid
        return (valid or people)[0]

    def _candidate(self, site: _Site, conf: float) -> PersonRef:
        key = _name_key(site.name)
        if key in self.candidates:
            return self.candidates[key].ref
        office = _office_of_title(site.title) if site.title else None
        ref = PersonRef(site.name.strip())
        self.candidates[key] = _Candidate(ref, site.name.strip(), office, site.country, site.start, site.end, conf)
        return ref

    def _resolve_role(self, site: _Site) -> tuple[PersonRef, str, float] | None:
        assert site.role is not None
        role = site.role.casefold()
        options: list[tuple[PersonRef, str]] = []  # (person, country)
        for person in self.known:
            for t in self.tenures_on(person):
                if _role_fits(role, t.office, t.roles):
                    options.append((person.ref, t.country))
        for cand in self.candidates.values():
            if cand.office and _role_fits(role, cand.office, office_roles(cand.office)) \
                    and cand.start < site.start:
                options.append((cand.ref, cand.country or ""))
        if site.role_country:
            options = [o for o in options if o[1] == site.role_country]
        else:
            near = {c for c in self.article_countries if c}
            options = [o for o in options if o[1] in near]
        refs = list(dict.fromkeys(ref for ref, _ in options))
        if not refs:
            return None
        if len(refs) == 1:
            return refs[0], "role", 0.7
        recent = self._recent(refs, site.start)
        return (recent, "role", 0.55) if recent else None

    def note(self, pos: int, ref: PersonRef, site: _Site) -> None:
        self._noted += 1
        insort(self.seen.setdefault(ref, []), (pos, self._noted))
        if site.honorific:
            gender = GENDER_OF_HONORIFIC.get(site.honorific.rstrip("."))
            if gender:
                self.gender.setdefault(ref, gender)
        if site.name and len(site.name.split()) > len(self.written.get(ref, "").split()):
            self.written[ref] = site.name
        if site.title and ref not in self.offices:
            self.offices[ref] = (_office_of_title(site.title), site.country)


def _office_of_title(title: str) -> str:
    words = [w for w in title.split() if w not in ("Former", "former", "Acting", "then") and not w.startswith("then-")]
    words = [w for w in words if w not in country_surface_forms()]
    return " ".join(words) or title


def _role_fits(role: str, office: str, roles: tuple[str, ...]) -> bool:
    office_l = office.casefold()
    if role == "leader":
        return bool({"head_of_state", "head_of_government"} & set(roles))
    if role in ("foreign minister", "secretary of state", "foreign secretary"):
        return "foreign_minister" in roles or office_l == role
    if role in ("vice president", "vice-president"):
        return office_l.replace("-", " ") == "vice president"
    return office_l == role


def _person_sites(text: str, toks: list[_Tok], quotes: list[_Quote]) -> list[_Site]:
    """Every place the text may name a person: capitalised runs (with their titles) and role
    references ("the president", "Japan's prime minister")."""
    forms = country_surface_forms()
    sites: list[_Site] = []
    for run in _runs(text, toks):
        words = [t.text for t in run]
        # drop sentence openers and other words that begin no name
        while run and (run[0].text in NON_NAME_WORDS and run[0].text not in _TITLE_HEADS
                       and run[0].text not in _HONORIFICS and run[0].text not in _TITLE_PREFIXES):
            run = run[1:]
        if not run:
            continue
        run, country = _peel_countries(run)
        if not run:
            continue
        words = [t.text for t in run]
        title = None
        honorific = None
        name_toks = run
        if words[0] in _HONORIFICS:
            honorific = words[0]
            name_toks = run[1:]
        else:
            heads = [i for i, w in enumerate(words) if w in _TITLE_HEADS]
            if heads:
                h = heads[-1]
                if all(w in _TITLE_PREFIXES or w in _TITLE_HEADS for w in words[:h]):
                    j = h + 1
                    rest = " ".join(words[j:])
                    if j < len(words) and words[j] in ("of", "for"):
                        for comp in sorted(_TITLE_COMPLEMENTS, key=len, reverse=True):
                            if rest[len(words[j]) + 1:].startswith(comp):
                                j += 1 + len(comp.split())
                                break
                        else:
                            continue
                    title = " ".join(words[: j])
                    name_toks = run[j:]
        # trailing weekday / month words ("met Ishiba Thursday")
        while name_toks and (name_toks[-1].text in NON_NAME_WORDS or name_toks[-1].text in ("of", "for", "the")):
            name_toks = name_toks[:-1]
        if title and not name_toks:
            continue
        if any(t.text in ORG_WORDS for t in name_toks):
            continue  # an organisation or a place ("White House", "Capital Economics")
        if not name_toks or any(t.text in NON_NAME_WORDS or t.text in _TITLE_HEADS for t in name_toks[:1]):
            continue
        if any(t.text in forms for t in name_toks) or len([t for t in name_toks if t.text not in _PARTICLES]) > 5:
            continue
        start, end = name_toks[0].start, name_toks[-1].end
        name = text[start:end]
        site = _Site(start, end, name, title=title, honorific=honorific, country=country)
        if title and not honorific:
            site.evidence = "title"
        elif honorific:
            site.evidence = "title"
        before = text[max(0, run[0].start - 60):run[0].start]
        after = text[end:end + 140]
        if site.country is None:
            poss = _POSSESSIVE_BEFORE.search(before)
            if poss:
                site.country = forms[poss.group(1)][0]
        low_title = _ROLE_BEFORE.search(before)
        if not title and low_title:
            site.title = low_title.group("role").title() if low_title.group("role") != "leader" else None
            site.evidence = "title"
            if low_title.group("c") and site.country is None:
                site.country = forms[low_title.group("c")][0]
        of = _OF_COUNTRY_AFTER.match(after)
        if of and site.country is None and title:
            site.country = forms[of.group(1)][0]
        appos = _APPOSITION_AFTER.match(after)
        if appos:
            site.evidence = site.evidence or "apposition"
            if appos.group("role") and re.fullmatch(_LOW_ROLE, appos.group("role"), re.I) and not site.title:
                role = appos.group("role")
                site.title = role.title() if role.lower() != "leader" else None
            if appos.group("c") and site.country is None:
                site.country = forms[appos.group("c")][0]
        if _VERB_AFTER.match(after) or _VERB_BEFORE.search(before[-30:]) \
                or re.search(r"\baccording to\s+$", before[-20:]):
            site.evidence = site.evidence or "verb"
        sites.append(site)
    # role references
    role_words = _alternation(ROLE_WORDS)
    role_re = re.compile(r"\b(?P<the>[Tt]he)\s+(?:(?P<mod>" + _COUNTRY_FORM + r")\s+)?(?P<role>(?i:"
                         + role_words + r"))\b(?!\s+[A-Z][a-z])(?!-)")
    poss_re = re.compile(r"(?<![\w.])(?P<mod>" + _COUNTRY_FORM + r")(?:’s|'s)\s+(?P<role>(?i:" + role_words
                         + r"))\b(?!\s+[A-Z][a-z])(?!-)")
    for regex in (role_re, poss_re):
        for m in regex.finditer(text):
            mod = m.group("mod")
            site = _Site(m.start(), m.end(), "", role=m.group("role").lower(),
                         role_country=forms[mod][0] if mod else None)
            sites.append(site)
    sites.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out: list[_Site] = []
    last_end = -1
    for site in sites:
        if site.start < last_end:
            continue
        out.append(site)
        last_end = site.end
    return out


# ============================================================== quotes and speakers

_PRONOUN_RE = re.compile(r"\b(?P<p>[Hh]e|[Ss]he)\b")
_SAID_AFTER = re.compile(r"[\s,—–-]*(?:(?P<adv>\w+ly)\s+)?(?P<verb>" + _VERBS + r")\s+")
_SPEAKER_VERB = re.compile(r"(?:\s*,[^,“”\"]{1,120}?,)?\s*(?:\w+ly\s+)?(?P<verb>" + _VERBS + r")\b")
_VERB_BEFORE_QUOTE = re.compile(r"(?P<verb>\b(?:" + _VERBS + r"))\b(?P<tail>(?:[\s,;]+[^\s“”\"«».!?,;]+){0,15}?)"
                                r"\s*[:,]?\s*(?:that\s+)?$")
_NON_PERSON_AFTER = re.compile(r"[\s,—–-]*(?:(?:[\w.'’-]+)\s+){0,5}?(?:" + _VERBS + r")\b")
_VERB_COLON = re.compile(r"\b(?:" + _VERBS + r")\s*:\s*$")


@dataclass(frozen=True)
class _PersonMention:
    start: int
    end: int
    ref: PersonRef
    how: str
    confidence: float
    in_quote: bool


class _Speakers:
    """Finds the speaker of each quotation from the words around it."""

    def __init__(self, text: str, quotes: list[_Quote], mentions: list[_PersonMention],
                 index: _Index, people: _People) -> None:
        self.text = text
        self.quotes = quotes
        self.mentions = [m for m in mentions if not m.in_quote]  # sorted, and they do not overlap
        self.starts = [m.start for m in self.mentions]
        self.index = index
        self.people = people
        self.quote_opens = [q.open for q in quotes]
        self.quote_closes = [q.close for q in quotes]
        # for "he" and "she": (end, sentence, person) of the mentions whose gender (where known) fits
        self.fitting: dict[str, list[tuple[int, int, PersonRef]]] = {
            gender: [(m.end, index.sentence_of(m.start), m.ref) for m in self.mentions
                     if people.gender.get(m.ref, gender) == gender] for gender in "fm"}

    def _within(self, lo: int, hi: int) -> list[_PersonMention]:
        """The mentions that start in [lo, hi)."""
        return self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def _mention_at(self, pos: int) -> _PersonMention | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.mentions[i].start == pos:
            return self.mentions[i]
        return None

    def _pronoun(self, pos: int, word: str, before: int) -> _PersonMention | None:
        gender = "f" if word.lower() == "she" else "m"
        ref = self.antecedent(before, gender)
        if ref is None:
            return None
        return _PersonMention(pos, pos + len(word), ref, "pronoun", 0.5, False)

    def antecedent(self, before: int, gender: str) -> PersonRef | None:
        """The person "he"/"she" refers to: the subject (first person named) of the closest
        sentence before `before` that names one whose gender, where known from Mr./Ms., fits."""
        fitting = self.fitting[gender]
        i = bisect_right(fitting, before, key=lambda f: f[0])  # the mentions that end before it
        if i == 0:
            return None
        number = fitting[i - 1][1]
        while i > 1 and fitting[i - 2][1] == number:  # the first of that sentence
            i -= 1
        return fitting[i - 1][2]

    def _speaker_at(self, pos: int, limit: int, quote_start: int) -> _PersonMention | None:
        """A person mention (or he/she) starting at `pos` (after spaces)."""
        while pos < limit and self.text[pos] in " \u00a0":
            pos += 1
        m = self._mention_at(pos)
        if m:
            return m
        # a title, honorific or demonym before the name: "Mr. Tremblay", "Japanese Prime Minister X"
        i = bisect_right(self.starts, pos)
        if i < len(self.mentions):
            nxt = self.mentions[i]
            if nxt.start - pos <= 60 and re.fullmatch(r"(?:(?:[A-Z][\w.'’-]*|of|the|for)\s+)+",
                                                       self.text[pos:nxt.start]):
                return nxt
        p = _PRONOUN_RE.match(self.text, pos)
        if p and p.start() == pos:
            return self._pronoun(pos, p.group("p"), quote_start)
        return None

    def find(self, q: _Quote, previous: list[tuple[_Quote, PersonRef | None]]) -> tuple[PersonRef | None, float, str]:
        text = self.text
        p0, p1 = self.index.paragraphs[q.paragraph]
        i = bisect_left(self.quote_opens, q.close)  # the next quote
        next_open = self.quote_opens[i] if i < len(self.quotes) else p1
        limit = min(p1, next_open, q.close + 200)
        after = text[q.close:limit]
        cut = re.search(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!U\.S)[.!?](?=\s|$)", after)
        if cut:
            after = after[: cut.start()]
        # 1. after the quote: ", said Trump" / ", the president said" / ", he said" / ", according to X"
        m = _SAID_AFTER.match(after)
        if m:
            who = self._speaker_at(q.close + m.end(), limit, q.open)
            if who:
                return who.ref, who.confidence, f"after: {m.group('verb')} {text[who.start:who.end]}"
        m = re.match(r"[\s,—–-]*according to\s+", after)
        if m:
            who = self._speaker_at(q.close + m.end(), limit, q.open)
            if who:
                return who.ref, who.confidence, f"after: according to {text[who.start:who.end]}"
        lead = re.match(r"[\s,—–-]*", after)
        at = q.close + (lead.end() if lead else 0)
        who = self._speaker_at(at, limit, q.open)
        if who:
            tail = text[who.end:limit]
            v = _SPEAKER_VERB.match(tail)
            if v:
                return who.ref, who.confidence, f"after: {text[who.start:who.end]} {v.group('verb')}"
        # 2. before the quote, in the same sentence: "Trump said: “...”", "He added that “...”"
        s0 = self.index.sentences[self.index.sentence_of(q.open)][0]
        i = bisect_right(self.quote_closes, q.open)  # the quotes closed before this one opens
        prev_close = self.quote_closes[i - 1] if i else p0
        b0 = max(s0, prev_close, p0)
        before = text[b0:q.open]
        m = _VERB_BEFORE_QUOTE.search(before)
        if m:
            verb_at = b0 + m.start("verb")
            found = self._subject_before(verb_at, b0, q.open)
            if found:
                tail_words = len(m.group("tail").split())
                factor = 1.0 if tail_words <= 3 else 0.9 if tail_words <= 8 else 0.8
                return found.ref, found.confidence * factor, f"before: {text[found.start:found.end]} {m.group('verb')}"
        acc = re.search(r"\baccording to\s+", before)
        if acc:
            who = self._speaker_at(b0 + acc.end(), q.open, q.open)
            if who:
                return who.ref, who.confidence, f"before: according to {text[who.start:who.end]}"
        if before.rstrip().endswith(":"):
            subject = [mm for mm in self._within(b0, q.open) if mm.end <= q.open]
            if subject:
                return subject[0].ref, subject[0].confidence * 0.6, f"colon: {text[subject[0].start:subject[0].end]}"
            p = _PRONOUN_RE.search(before)
            if p:
                who = self._pronoun(b0 + p.start(), p.group("p"), b0)
                if who:
                    return who.ref, who.confidence * 0.6, f"colon: {p.group('p')}"
        # an attribution to no person ("the ministry said", "the White House said:"): no speaker
        if _NON_PERSON_AFTER.match(after) or _VERB_COLON.search(before):
            return None, 0.0, "attributed to no person"
        # 3. a continuation: a quote with nothing but space (or a new paragraph) after the same speaker's quote
        if previous:
            last_q, last_ref = previous[-1]
            if last_ref is not None and len(text[q.start:q.end].split()) >= 3:
                between = text[last_q.close:q.open]
                others = {mm.ref for mm in self._within(last_q.close, q.open)} - {last_ref}
                same_para = last_q.paragraph == q.paragraph and (
                    not re.search(r"[A-Za-z]", between)
                    or (re.search(r"[.!?]\s*$", between) and not (others and _VERB_RE.search(between) is None)))
                next_para = (q.paragraph - last_q.paragraph == 1 and text[p0:q.open].strip() == ""
                             and not self._within(last_q.close, q.open))
                if same_para or next_para:
                    return last_ref, 0.45, "continuation"
        return None, 0.0, "no attribution found"

    def _subject_before(self, verb_at: int, b0: int, quote_open: int) -> _PersonMention | None:
        """The person (or he/she) right before the verb, allowing an apposition and an adverb."""
        gap_re = re.compile(r"(?P<app>\s*,[^“”\"]{1,120}?,)?\s*(?:\w+ly\s+)?$")
        options: list[tuple[_PersonMention, bool]] = []
        for m in self._within(b0, verb_at):
            if m.end <= verb_at:
                g = gap_re.fullmatch(self.text[m.end:verb_at])
                if g:
                    options.append((m, bool(g.group("app"))))
        for p in _PRONOUN_RE.finditer(self.text, b0, verb_at):
            if re.fullmatch(r"\s*(?:\w+ly\s+)?", self.text[p.end():verb_at]):
                who = self._pronoun(p.start(), p.group("p"), b0)
                if who:
                    options.append((who, False))
        if not options:
            return None
        appositive = [m for m, app in options if app]
        if appositive:
            first = min(appositive, key=lambda m: m.start)
            return first
        return max(options, key=lambda o: o[0].end)[0]


# ============================================================== figures

_METRIC_RE = re.compile(
    r"\b(?P<balance>deficits?|surplus(?:es)?|trade gap)\b|\b(?P<exports>exports?|exported)\b|"
    r"\b(?P<imports>imports?|imported)\b|\b(?P<investment>invest(?:ment|ments|ed|s|ing)?|FDI)\b|"
    r"\b(?P<trade>(?:two-way|bilateral|total) trade|trade (?:between|with))\b", re.I)
_YEAR_RE = re.compile(r"(?<![\d$¥€£.,])(?P<year>(?:19|20)\d\d)(?!\d|,\d|\s?(?:billion|million|trillion))")
_PLEDGE_RE = re.compile(r"\b(pledg\w*|promis\w*|commit\w*|vow\w*|will|would|could|may|might|plans?|planned|"
                        r"planning|intends?|aims?|announc\w*|target\w*|goal|seeks?|expected to|forecast\w*|"
                        r"projected|project|offer\w*|propos\w*)\b", re.I)
_PREP_BEFORE = re.compile(r"(?P<prep>with|against|to|into|from|in|between|and|by|vis-à-vis)\s+(?:the\s+)?$", re.I)


def _metric_of(sentence: str, rel: int) -> re.Match[str] | None:
    """The metric word nearest the amount at `rel` (words before it preferred; "trade" only
    when no balance, export, import or investment word is in the sentence)."""
    best: tuple[float, re.Match[str]] | None = None
    found = list(_METRIC_RE.finditer(sentence))
    if any(not m.group("trade") for m in found):
        found = [m for m in found if not m.group("trade")]
    for m in found:
        if m.start() < rel:
            d = float(rel - m.end())
        else:
            d = (m.start() - rel) * 1.5 + 5
        if best is None or d < best[0]:
            best = (d, m)
    return best[1] if best else None


@dataclass(frozen=True)
class _CountryInSentence:
    code: str
    start: int
    end: int
    prep: str  # the preposition before it ("with", "to", "from", "in", "between", "and") or ""
    possessive: bool


def _figure_dyad(metric: str, metric_start: int, metric_end: int, countries: list[_CountryInSentence],
                 sentence: str) -> tuple[str | None, str | None, str]:
    """(country, partner, how) for the metric, from the countries of the sentence."""
    before = [c for c in countries if c.end <= metric_start]
    after = [c for c in countries if c.start >= metric_end]
    holder: str | None = None
    other: str | None = None
    how = "sentence"
    # "between A and B": A holds the balance (or exports), B is the partner
    betw = [c for c in countries if c.prep == "between"]
    if betw:
        first = betw[0]
        second = next((c for c in countries if c.start > first.end and c.prep == "and"), None)
        if second:
            holder, other = first.code, second.code
    if holder is None:
        adj = None
        for c in reversed(before):
            gap = sentence[c.end:metric_start]
            if c.prep in ("", "and") and re.fullmatch(r"(?:’s|'s)?\s*(?:[\w$¥€£.,-]+\s+){0,5}", gap) \
                    and not re.search(r"\b(?:with|from|and|or)\b", gap):
                adj = c
                break
        if metric == "balance":
            partner = next((c for c in countries if c.prep in ("with", "against", "vis-à-vis")), None)
            holder = adj.code if adj else None
            other = partner.code if partner else None
        elif metric == "exports":
            exporter = adj or next((c for c in after if c.prep == "from"), None)
            importer = next((c for c in after if c.prep in ("to", "into")), None)
            holder = exporter.code if exporter else None
            other = importer.code if importer else None
        elif metric == "imports":
            importer = adj or next((c for c in after if c.prep in ("into", "in")), None)
            exporter = next((c for c in after if c.prep == "from"), None)
            holder = importer.code if importer else None
            other = exporter.code if exporter else None
        elif metric == "investment":
            investor = adj or next((c for c in after if c.prep == "from"), None)
            host = next((c for c in after if c.prep in ("in", "into")), None)
            # fdi_stock: the host is the country, the investor the partner
            holder = host.code if host else None
            other = investor.code if investor else None
    if holder == other:
        other = None
    if holder is None and other is None:
        distinct = list(dict.fromkeys(c.code for c in countries))
        if len(distinct) >= 2:
            holder, other = distinct[0], distinct[1]
            how = "sentence order"
    return holder, other, how


# ============================================================== the meeting

_MEETING_RE = re.compile(
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


# ============================================================== the parser


def parse_article(text: str, *, published: dt.date | None, gazetteer: Gazetteer) -> Extraction:
    """Find countries, people, quotes with speakers, the meeting, figures and topics in `text`.

    Pure: reads nothing but its arguments. `published` anchors relative dates and picks the
    tenures through which "the president" is resolved."""
    paragraphs = _paragraphs(text)
    quotes = _quotes(text, paragraphs)
    sentences = _sentences(text, paragraphs, quotes)
    index = _Index(sentences, paragraphs)
    in_quote = _Spans([(q.start, q.end) for q in quotes])

    def quoted(pos: int) -> bool:
        return pos in in_quote

    country_mentions = _countries(text)
    topic_mentions, topic_hits = _topics(text, gazetteer)

    # -- people
    people = _People(gazetteer, published)
    people.article_countries = {m.country for m in country_mentions if m.country}
    toks = _tokens(text)
    sites = _person_sites(text, toks, quotes)
    country_spans = _Spans([(m.start, m.end) for m in country_mentions])
    person_mentions: list[_PersonMention] = []
    for site in sites:
        country = country_spans.around(site.start)
        if not site.role and country is not None and site.end <= country[1]:
            continue
        resolved = people.resolve(site)
        if resolved is None and site.role and site.role != "leader":
            resolved = _role_of_candidate(site, people, person_mentions, index)
        if resolved is None:
            continue
        ref, how, conf = resolved
        people.note(site.start, ref, site)
        person_mentions.append(_PersonMention(site.start, site.end, ref, how, conf, quoted(site.start)))
    person_mentions = _merge_short_candidates(people, person_mentions)
    # offices and countries of new candidates, as the article states them
    for cand in people.candidates.values():
        office, country = people.offices.get(cand.ref, (cand.office, cand.country))
        cand.office = cand.office or office
        cand.country = cand.country or country

    # -- quotes and their speakers
    speakers = _Speakers(text, quotes, person_mentions, index, people)
    quote_hits: list[QuoteHit] = []
    previous: list[tuple[_Quote, PersonRef | None]] = []
    for q in quotes:
        words = len(text[q.start:q.end].split())
        ref, conf, how = speakers.find(q, previous)
        if ref is None and words < 4:
            continue  # a scare quote or a title ("America First")
        if ref is not None and words < 3 and not how.startswith("after"):
            continue
        previous.append((q, ref))
        s_start, s_end = index.sentences[index.sentence_of(q.open)]
        window_end = min(s_end, q.close + 200)
        said = [d for d in parse_dates(text, published, s_start, window_end)
                if not quoted(d.start) and (published is None or d.date <= published)]
        topics = tuple(dict.fromkeys(m.topic for m in _between(topic_mentions, _start, q.start, q.end)
                                     if m.topic is not None))
        quote_hits.append(QuoteHit(q.start, q.end, text[q.start:q.end], ref, round(conf, 3), how,
                                   said[0].date if said else None, topics))

    # -- the meeting
    meeting = _find_meeting(text, index, quotes, person_mentions, country_mentions, people, published,
                            gazetteer, quoted)

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

    # statement dates (see _statement_day)
    reported_on = _reported_on(text, published, quoted)
    dated: list[QuoteHit] = []
    for qh in quote_hits:
        day = _statement_day(qh, text, index, meeting, reported_on, quoted)
        dated.append(QuoteHit(qh.start, qh.end, qh.exact, qh.speaker, qh.confidence, qh.how,
                              day or published, qh.topics))

    figures = _find_figures(text, index, quotes, dated, person_mentions, country_mentions, topic_mentions,
                            dyad, published, people)

    # -- people hits
    person_hits: list[PersonHit] = []
    by_ref: dict[PersonRef, list[_PersonMention]] = {}
    for pm in person_mentions:
        by_ref.setdefault(pm.ref, []).append(pm)
    known_refs = {p.ref for p in gazetteer.people}
    for ref, ms in by_ref.items():
        office, country = people.office_of(ref)
        written = people.written.get(ref) or text[ms[0].start:ms[0].end]
        # the offsets of the fullest form, where the text writes it; else of the first mention
        first = next((m for m in ms if text[m.start:m.end] == written), ms[0])
        written = text[first.start:first.end]
        person_hits.append(PersonHit(ref, ref in known_refs, written, first.start, first.end,
                                     max(m.confidence for m in ms), office, country, len(ms)))
    person_hits.sort(key=lambda h: h.start)
    all_mentions: list[MentionHit] = list(country_mentions)
    all_mentions += [MentionHit("person", m.start, m.end, text[m.start:m.end], m.confidence, m.how, person=m.ref)
                     for m in person_mentions]
    all_mentions += topic_mentions
    all_mentions.sort(key=lambda m: (m.start, m.kind))
    firsts: dict[str, MentionHit] = {}
    for m in country_mentions:
        assert m.country is not None
        firsts.setdefault(m.country, m)
    return Extraction(text=text, published=published, people=tuple(person_hits),
                      countries=tuple(sorted(firsts.values(), key=lambda m: m.start)),
                      mentions=tuple(all_mentions), quotes=tuple(dated), figures=tuple(figures),
                      meeting=meeting, dyad=dyad, topics=tuple(topic_hits))


_ATTRIBUTED_DAY = re.compile(r"\b(?:" + _VERBS + r")(?:\s+\w+){0,2}?\s+(?:on\s+|last\s+)?$")


def _merge_short_candidates(people: _People, mentions: list[_PersonMention]) -> list[_PersonMention]:
    """A one-word candidate ("Mr. Carney" before the article gives the full name) is the one
    candidate whose full name has that word ("Mark Carney"), when there is exactly one."""
    mapping: dict[PersonRef, PersonRef] = {}
    for key, short in list(people.candidates.items()):
        if len(short.ref.name.split()) != 1:
            continue
        word = _name_key(short.ref.name)
        fuller = [c for c in people.candidates.values()
                  if len(c.ref.name.split()) > 1 and word in _name_key(c.ref.name).split()]
        if len(fuller) != 1:
            continue
        target = fuller[0]
        target.office = target.office or short.office
        target.country = target.country or short.country
        mapping[short.ref] = target.ref
        del people.candidates[key]
        if short.ref in people.gender:
            people.gender.setdefault(target.ref, people.gender.pop(short.ref))
        if short.ref in people.offices:
            people.offices.setdefault(target.ref, people.offices.pop(short.ref))
    if not mapping:
        return mentions
    people.rename(mapping)
    return [_PersonMention(m.start, m.end, mapping.get(m.ref, m.ref), m.how, m.confidence, m.in_quote)
            for m in mentions]


def _role_of_candidate(site: _Site, people: _People, mentions: list[_PersonMention],
                       index: _Index) -> tuple[PersonRef, str, float] | None:
    """"The prime minister" that fits no tenure, in a sentence that names exactly one new
    candidate of unknown office before it ("Sir Keir Starmer ..., as the prime minister
    sought ..."): that candidate, who takes the office."""
    if site.role not in ("prime minister", "premier", "chancellor", "president"):
        return None
    n = index.sentence_of(site.start)
    s0 = index.sentences[n][0]
    before = [m for m in _between(mentions, _start, s0, site.start) if not m.in_quote]
    if not before or _name_key(before[0].ref.name) not in people.candidates:
        return None
    cand = people.candidates[_name_key(before[0].ref.name)]
    if cand.office is not None:
        return None
    assert site.role is not None
    cand.office = site.role.title().replace("Of", "of")
    cand.country = cand.country or site.role_country
    return cand.ref, "role", 0.5


def _reported_on(text: str, published: dt.date | None, quoted: Callable[[int], bool]) -> dt.date | None:
    """The day the article says its people spoke ("Ishiba said on Sunday"), if it says one."""
    for d in parse_dates(text, published):
        if quoted(d.start) or (published is not None and d.date > published):
            continue
        if _ATTRIBUTED_DAY.search(text[max(0, d.start - 60):d.start]):
            return d.date
    return None


def _statement_day(q: QuoteHit, text: str, index: _Index, meeting: MeetingHit | None,
                   reported_on: dt.date | None, quoted: Callable[[int], bool]) -> dt.date | None:
    """When a quote was said: the day its sentence gives; else the meeting's day when its
    sentence (or the one before, in the paragraph) speaks of the meeting; else the day the
    article says its people spoke; else the meeting's day for a participant; else None (the
    caller then uses the publication date)."""
    if q.said_on is not None:
        return q.said_on
    if meeting is not None and meeting.date is not None:
        n = index.sentence_of(q.start)
        ids = [n]
        if n > 0 and index.paragraph_of(index.sentences[n - 1][0]) == index.paragraph_of(q.start):
            ids.append(n - 1)
        for i in ids:
            s0, s1 = index.sentences[i]
            if any(not quoted(m.start()) for m in _MEETING_RE.finditer(text, s0, s1)):
                return meeting.date
    if reported_on is not None:
        return reported_on
    if meeting is not None and meeting.date is not None and q.speaker in meeting.participants:
        return meeting.date
    return None


def _find_meeting(text: str, index: _Index, quotes: list[_Quote], person_mentions: list[_PersonMention],
                  country_mentions: list[MentionHit], people: _People, published: dt.date | None,
                  gazetteer: Gazetteer, quoted: Callable[[int], bool]) -> MeetingHit | None:
    """The one meeting the article reports: the first sentence (outside quotes) that names a
    meeting and a person or place; kind, place, date and participants from every such sentence."""
    in_quote = quoted
    triggers: list[tuple[int, re.Match[str]]] = []
    for number, (s0, s1) in enumerate(index.sentences):
        for m in _MEETING_RE.finditer(text, s0, s1):
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
    venue_re = re.compile(r"\b(" + _alternation(VENUES) + r")\b")
    capital_re = re.compile(r"\b(?:in|to|at)\s+(" + _alternation(CAPITALS) + r")\b")
    sentence_ids = sorted({n for n, _ in triggers})
    words_of: dict[int, list[str]] = {}
    for n, m in triggers:
        words_of.setdefault(n, []).append(m.group().lower())
    main_id = None
    for n in sentence_ids:
        s0, s1 = index.sentences[n]
        persons = {pm.ref for pm in _between(person_mentions, _start, s0, s1) if not pm.in_quote}
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
        visit = re.search(r"\b(?:visit(?:ed|ing)?|trip|travell?ed)\s+(?:to\s+)?(?:the\s+)?(" + _COUNTRY_FORM + r")\b",
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
        cand = people.candidates.get(_name_key(ref.name))
        if cand and cand.office and {"head_of_state", "head_of_government"} & set(office_roles(cand.office)):
            if cand.country:
                leader_countries.add(cand.country)
    unplaced = [ref for ref in participants
                if (other := people.candidates.get(_name_key(ref.name))) and other.office and not other.country
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
            if in_quote(d.start) or _ATTRIBUTED_DAY.search(text[max(s0, d.start - 60):d.start]):
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
                    and _ATTRIBUTED_DAY.search(text[max(s0, d.start - 60):d.start])
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


def _find_figures(text: str, index: _Index, quotes: list[_Quote], quote_hits: list[QuoteHit],
                  person_mentions: list[_PersonMention], country_mentions: list[MentionHit],
                  topic_mentions: list[MentionHit], dyad: tuple[str, str] | None,
                  published: dt.date | None, people: _People) -> list[FigureHit]:
    out: list[FigureHit] = []
    sector_keys = {kw.key for kw in TOPIC_KEYWORDS if kw.scheme == "analyst"}
    previous_in_sentence: dict[int, tuple[str, str | None, str | None]] = {}
    last_sides: dict[str, tuple[str, str]] = {}
    for amount in _amounts(text):
        sid = index.sentence_of(amount.start)
        s0, s1 = index.sentences[sid]
        sentence = text[s0:s1]
        rel = amount.start - s0
        metric_m = _metric_of(sentence, rel)
        metric = None
        if metric_m:
            metric = next(k for k in ("balance", "exports", "imports", "investment", "trade") if metric_m.group(k))
        word = metric_m.group().lower() if metric_m else ""
        # countries of the sentence, outside the amount, with the preposition before each
        cs: list[_CountryInSentence] = []
        for cm in _between(country_mentions, _start, s0, s1):
            if not (amount.start <= cm.start < amount.end):
                assert cm.country is not None
                prep = _PREP_BEFORE.search(text[max(s0, cm.start - 16):cm.start])
                poss = text[cm.end:cm.end + 2] in ("’s", "'s")
                cs.append(_CountryInSentence(cm.country, cm.start - s0, cm.end - s0,
                                             prep.group("prep").lower() if prep else "", poss))
        country = partner = None
        if metric and metric_m:
            country, partner, _ = _figure_dyad(metric, metric_m.start(), metric_m.end(), cs, sentence)
        # "U.S. exports to Japan were $X, and imports $Y": the second takes the first's countries
        earlier = previous_in_sentence.get(sid)
        if country is None and partner is None and earlier and metric in ("exports", "imports") \
                and earlier[0] in ("exports", "imports"):
            country, partner = earlier[1], earlier[2]
        if metric:
            previous_in_sentence[sid] = (metric, country, partner)
        # the speaker: the quote around the amount, or "X said (that) ..." before it in the sentence
        speaker = None
        around = bisect_right(quote_hits, amount.start, key=_start) - 1  # the quote around it, if any
        if around >= 0 and amount.start < quote_hits[around].end:
            speaker = quote_hits[around].speaker
        if speaker is None:
            for pm in _between(person_mentions, _start, s0, amount.start):
                if not pm.in_quote:
                    gap = text[pm.end:amount.start]
                    if re.match(r"(?:\s*,[^,]{1,80},)?\s*(?:\w+ly\s+)?(?:" + _VERBS + r")\b", gap) or \
                            re.search(r"according to\s+$", text[max(s0, pm.start - 14):pm.start]):
                        speaker = pm.ref
        # "our deficit", "we" in a quote: the speaker's country
        if speaker is not None and metric_m and country is None:
            if re.search(r"\b(our|we|us)\b", sentence[max(0, metric_m.start() - 40):metric_m.start()], re.I):
                sc = people.office_of(speaker)[1]
                if sc:
                    country = sc
        conf = 0.9
        notes: list[str] = []
        filled = False
        if dyad and metric in ("balance", "exports", "imports", "investment"):
            if country is None and partner is not None and partner in dyad:
                country = dyad[0] if dyad[1] == partner else dyad[1]
                filled = True
            elif partner is None and country is not None and country in dyad:
                partner = dyad[0] if dyad[1] == country else dyad[1]
                filled = True
            elif country is None and partner is None and metric in last_sides:
                country, partner = last_sides[metric]  # "the deficit" again: the one named before
                filled = True
        if metric and country and partner:
            last_sides[metric] = (country, partner)
        if country is None or partner is None:
            notes.append("the countries it concerns are not stated")
        if filled:
            conf *= 0.8
            notes.append("a country of the dyad comes from the article, not the sentence")
        # period
        year = None
        years = [(m.start(), int(m.group("year"))) for m in _YEAR_RE.finditer(sentence)
                 if not re.search(r"\b(since|by|until|through|before|after|from)\s+$",
                                  sentence[max(0, m.start() - 8):m.start()], re.I)
                 and not (rel <= m.start() < amount.end - s0)]
        if years:
            year = min(years, key=lambda y: abs(y[0] - rel))[1]
        elif published is not None and re.search(r"\blast year\b|\ba year earlier\b", sentence, re.I):
            year = published.year - 1
        elif published is not None and re.search(r"\bthis year\b", sentence, re.I):
            year = published.year
        elif published is not None and metric in ("balance", "exports", "imports"):
            year = published.year - 1
            conf *= 0.5
            notes.append("period not stated: the last full year is assumed")
        # sector-specific figures ("auto exports", "exports of steel")
        sector = None
        if metric_m:
            lo, hi = max(0, metric_m.start() - 30), min(len(sentence), metric_m.end() + 25)
            for tm in _between(topic_mentions, _start, s0 + lo, s0 + hi):
                if tm.topic and tm.topic.key in sector_keys:
                    near_before = s0 + lo <= tm.start < s0 + metric_m.start() and re.fullmatch(
                        r"[\w\s-]{0,20}", text[tm.end:s0 + metric_m.start()])
                    near_after = re.match(r"\s+of\s+(?:\w+\s+){0,2}$", text[s0 + metric_m.end():tm.start])
                    if near_before or near_after:
                        sector = tm.topic
        indicator = None
        value = amount.amount
        claimable = False
        window = sentence[min(metric_m.start(), rel) if metric_m else rel:max(metric_m.end(), rel)
                          if metric_m else rel]
        pledge = bool(_PLEDGE_RE.search(window)) or (metric == "investment" and bool(_PLEDGE_RE.search(sentence)))
        if metric == "balance":
            indicator = "goods_balance"
            if re.match(r"deficit|trade gap", word):
                value = -amount.amount
        elif metric in ("exports", "imports"):
            services = re.search(r"services", sentence[max(0, metric_m.start() - 25):metric_m.end() + 25]) \
                if metric_m else None
            goods_and = services and re.search(r"goods and services", sentence)
            indicator = (("trade_" if goods_and else "services_" if services else "goods_") + metric)
            if indicator == "services_imports":
                indicator = None
        elif metric == "investment":
            indicator = "fdi_stock"
        if pledge:
            notes.append("a pledge or forecast, not a statistic: not checked")
        if sector is not None:
            notes.append(f"about one sector ({sector.key}): a claim has no sector field, so it is not checked")
        if indicator and not pledge and sector is None and country and partner and country != partner \
                and year is not None:
            claimable = True
        if metric is None:
            notes.append("no metric word in the sentence")
        out.append(FigureHit(
            amount.start, amount.end, text[amount.start:amount.end], amount.amount, amount.currency, metric,
            indicator, value, country, partner, year, round(conf, 3), amount.approximate, speaker, claimable,
            sector, "; ".join(notes), (s0, s1)))
    return out
