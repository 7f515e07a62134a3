"""What the extractor takes (the gazetteer: what the graph knows) and what it gives (hits with
their offsets, and the `Extraction` of one article)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bilateral.loaders.records import PersonRef, TopicRef

__all__ = [
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
]


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
    known: bool = False  # the graph has this meeting (same day, dyad and kind)


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
