"""Typed, frozen records: what loaders produce and `graph.rdf` turns into quads.

Records refer to each other by their stable keys (a person by name and birth year, a meeting by
date, dyad and kind, a topic by scheme and key), never by IRIs: minting is the graph's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "Commitment",
    "Country",
    "Indicator",
    "Meeting",
    "MeetingRef",
    "Participation",
    "Person",
    "PersonRef",
    "Record",
    "Source",
    "Statement",
    "Tenure",
    "Topic",
    "TopicRef",
    "TradeFlow",
    "Treaty",
]


@dataclass(frozen=True)
class PersonRef:
    name: str
    birth_year: int | None = None


@dataclass(frozen=True)
class MeetingRef:
    date: dt.date
    countries: tuple[str, str]
    kind: str


@dataclass(frozen=True)
class TopicRef:
    scheme: str  # "HS", "analyst" or "topic"
    key: str  # the HS notation for HS, else the topic's id


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    reliability: str
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    retrieved: dt.date | None = None
    licence: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Country:
    iso3: str
    source: str
    name: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    cow: str | None = None


@dataclass(frozen=True)
class Person:
    name: str
    source: str
    birth_year: int | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None

    @property
    def ref(self) -> PersonRef:
        return PersonRef(self.name, self.birth_year)


@dataclass(frozen=True)
class Tenure:
    person: PersonRef
    country: str
    office: str
    roles: tuple[str, ...]
    source: str
    start: dt.date | None = None
    end: dt.date | None = None
    attested: dt.date | None = None


@dataclass(frozen=True)
class Meeting:
    date: dt.date
    countries: tuple[str, str]
    kind: str
    source: str
    name: str | None = None
    place: str | None = None
    host: str | None = None
    start_time: dt.datetime | None = None
    duration_minutes: int | None = None
    outcome_documents: tuple[str, ...] = ()
    topics: tuple[TopicRef, ...] = ()
    goldstein: Decimal | None = None  # GDELT's Goldstein score, for coded news events
    event_code: str | None = None  # the CAMEO event code, likewise

    @property
    def ref(self) -> MeetingRef:
        return MeetingRef(self.date, self.countries, self.kind)


@dataclass(frozen=True)
class Participation:
    meeting: MeetingRef
    person: PersonRef
    source: str


@dataclass(frozen=True)
class Statement:
    person: PersonRef
    date: dt.date
    text: str
    source: str
    meeting: MeetingRef | None = None
    topics: tuple[TopicRef, ...] = ()
    text_start: int | None = None
    text_end: int | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class Commitment:
    party: str
    counterpart: str
    date: dt.date
    description: str
    status: str
    source: str
    meeting: MeetingRef | None = None
    announced_by: PersonRef | None = None
    value: Decimal | None = None
    currency: str | None = None
    sector: TopicRef | None = None
    topics: tuple[TopicRef, ...] = ()


@dataclass(frozen=True)
class Topic:
    ref: TopicRef
    name: str
    source: str
    notation: str | None = None
    broader: TopicRef | None = None
    maps_to: tuple[TopicRef, ...] = ()


@dataclass(frozen=True)
class TradeFlow:
    exporter: str
    importer: str
    year: int
    sector: TopicRef
    value: Decimal
    currency: str
    unit: str
    reporter: str
    source: str
    approximate: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Indicator:
    indicator: str
    country: str
    partner: str
    year: int
    value: Decimal
    unit: str
    source: str
    currency: str | None = None
    approximate: bool = False
    reporter: str | None = None
    derivation: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Treaty:
    name: str
    parties: tuple[str, ...]
    source: str
    alliance_types: tuple[str, ...] = ()
    signed: dt.date | None = None
    in_force: dt.date | None = None
    ended: dt.date | None = None
    place: str | None = None
    citation: str | None = None


@dataclass(frozen=True)
class Claim:
    """A figure a text states (extracted from an article), with where it stands in the text."""

    indicator: str
    country: str
    partner: str
    year: int
    value: Decimal
    unit: str
    source: str
    exact: str
    text_start: int
    text_end: int
    currency: str | None = None
    confidence: float | None = None
    verdict: str | None = None
    checked_against: tuple[str, ...] = ()  # IRIs of the observations it was compared with
    speaker: PersonRef | None = None


@dataclass(frozen=True)
class Mention:
    """A source's text names an entity (a country, person or topic) at these offsets."""

    source: str
    exact: str
    text_start: int
    text_end: int
    country: str | None = None
    person: PersonRef | None = None
    topic: TopicRef | None = None


Record = (
    Source | Country | Person | Tenure | Meeting | Participation | Statement | Commitment
    | Topic | TradeFlow | Indicator | Treaty | Claim | Mention
)
