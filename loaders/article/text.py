"""Text structure and offsets: paragraphs, quotation marks, sentences, and lookups over sorted
spans by bisection (so that every step stays linear in the length of the text)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from bilateral.loaders.article_lexicon import (
    ATTRIBUTION_VERBS,
)

__all__ = [
    "ABBREVIATIONS",
    "VERBS",
    "VERB_RE",
    "Index",
    "Quote",
    "Spans",
    "Taken",
    "alternation",
    "find_paragraphs",
    "find_quotes",
    "find_sentences",
    "normalise_key",
    "start_of",
    "starting_in",
]


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...


_S = TypeVar("_S", bound=_HasStart)

_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“"}
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "prof",
        "inc",
        "corp",
        "ltd",
        "co",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "h.e",  # His (Her) Excellency, in readouts
        "smt",
        "a.m",
        "p.m",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "u.s.a",
        "u.a.e",
        "approx",
        "est",
        "fig",
        "mt",
        "ft",
    }
)


@dataclass(frozen=True)
class Quote:
    open: int  # index of the opening mark
    close: int  # index just past the closing mark (or the paragraph's end)
    start: int  # the quoted words
    end: int
    paragraph: int


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            out.append((match.start(), match.end()))
    return out


def _closing(text: str, i: int, p1: int) -> int:
    """Where the quotation opened at `i` closes: its own closing mark, or (outlets mix them) a
    straight double quote for a curly one and the reverse; else the paragraph's end."""
    ch = text[i]
    marks = (_OPEN_QUOTES[ch],) if ch in ("«", "„") else ("”", '"')
    found = [j for j in (text.find(m, i + 1, p1) for m in marks) if j >= 0]
    return min(found) if found else p1


# single quotation marks, told from apostrophes: one opens before a word ("'Trump", not "Trump's")
# and closes after one, before a space, punctuation or the line's end ("chance'", not "won't")
_SINGLE_OPEN = re.compile(r"(?<![\w’'])[‘'](?=[A-Za-z0-9(\[])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?)\]])[’'](?![\w’'])")


def _single_quotes(text: str, lo: int, hi: int, number: int) -> list[Quote]:
    """Quotations in single marks in [lo, hi) (some outlets quote speech so: 'we could...')."""
    out: list[Quote] = []
    pos = lo
    while True:
        o = _SINGLE_OPEN.search(text, pos, hi)
        if o is None:
            return out
        c = _SINGLE_CLOSE.search(text, o.end(), hi)
        if c is None:
            return out
        if {text[o.start()], text[c.start()]} in ({"‘", "'"}, {"'", "’"}):
            pos = o.end()  # mixed single marks: an apostrophe, not a quotation
            continue
        out.append(Quote(o.start(), c.end(), o.end(), c.start(), number))
        pos = c.end()


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Quotations, paired within a paragraph: curly, guillemets and straight double quotes, and
    single quotes outside them."""
    out: list[Quote] = []
    for number, (p0, p1) in enumerate(paragraphs):
        i = p0
        gap = p0  # the start of the text outside double quotes, for single quotes
        while i < p1:
            ch = text[i]
            if ch not in _OPEN_QUOTES and ch != '"':
                i += 1
                continue
            j = _closing(text, i, p1)
            out += _single_quotes(text, gap, i, number)
            s, e = i + 1, j
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Quote(i, min(j + 1, p1), s, e, number))
            i = gap = j + 1
        out += _single_quotes(text, gap, p1, number)
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the '.' at `dot` ends an abbreviation or an initial, not a sentence."""
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot].lower()
    return word in ABBREVIATIONS or (len(word) == 1 and text[k].isupper())


def find_sentences(text: str, paragraphs: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int]]:
    """Sentence spans: a terminator ends a sentence unless it ends an abbreviation or sits
    inside a quotation (a quote and its attribution stay one sentence)."""
    inner = Spans([(q.start, q.end) for q in quotes])
    out: list[tuple[int, int]] = []
    for p0, p1 in paragraphs:
        start = p0
        for match in re.finditer(r"[.!?]+[\"”»’')]*(?=\s+[\"“«‘'(A-Z0-9]|\s*$)", text[p0:p1]):
            end = p0 + match.end()
            dot = p0 + match.start()
            if text[dot] == "." and match.end() - match.start() == 1 and _is_abbreviation(text, dot):
                continue
            quote = inner.around(dot)
            if quote is not None and dot < quote[1] - 1:  # inside a quote, not at its end
                continue
            if quote is not None and not re.match(r"[\"”»’']", text[end - 1]):
                continue
            if text[start:end].strip():
                out.append((start, end))
            start = end
            while start < p1 and text[start].isspace():
                start += 1
        if start < p1 and text[start:p1].strip():
            out.append((start, p1))
    return out


class Spans:
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


class Taken:
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


def start_of(item: _HasStart) -> int:
    return item.start


def starting_in(items: list[_S], lo: int, hi: int) -> list[_S]:
    """The items (sorted by start) that start in [lo, hi)."""
    return items[bisect_left(items, lo, key=start_of) : bisect_left(items, hi, key=start_of)]


class Index:
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


_SPACE = re.compile(r"\s+")


def normalise_key(key: str) -> str:
    """What identity means for a name: NFC, case-folded, single spaces, no edge spaces. The same
    rule as graph.iri.normalise_key, which mints keys from names (a loader does not import graph)."""
    text = unicodedata.normalize("NFC", key).casefold()
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text).strip())


def alternation(forms: Iterable[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


# more verbs of speech: "X confirmed “...”"; a judgement in the subject's words: "X called the talks “a success”"
_JUDGEMENT_VERBS = (
    "confirmed",
    "confirms",
    "called",
    "calls",
    "termed",
    "terms",
    "hailed",
    "hails",
    "dubbed",
    "labelled",
    "labeled",
    "branded",
)
# a headline's present tense: "Trump signals ‘very good chance’ of trade deal"
_HEADLINE_VERBS = ("signals", "signalled", "signaled", "vows", "urges", "insists", "touts", "admits", "claims", "slams")
# and the press's livelier ones: "Trump mused", "Carney fired back that ...", "as Trump put it"
_LIVELY_VERBS = (
    "mused",
    "quipped",
    "shot back",
    "fired back",
    "hit back",
    "pushed back",
    "interjected",
    "recounted",
    "reflected",
    "elaborated",
    "repeated",
    "echoed",
    "bragged",
    "gushed",
    "proclaimed",
    "assured",
    "teased",
    "scoffed",
    "put it",
)
# speech acts that carry the subject's words: "X appealed to Y to “...”", "X thanked Y for “...”",
# "X referred to the deal as “...”"
_SPEECH_ACT_VERBS = ("appealed", "pleaded", "thanked", "congratulated", "referred")
VERBS = alternation(ATTRIBUTION_VERBS + _JUDGEMENT_VERBS + _HEADLINE_VERBS + _LIVELY_VERBS + _SPEECH_ACT_VERBS)
VERB_RE = re.compile(r"\b(?:" + VERBS + r")\b")
