"""Typed, frozen records: what loaders produce and `graph.rdf` turns into quads.

Records refer to each other by their stable keys (a person by name and birth year, a meeting by
date, dyad and kind, a topic by scheme and key), never by IRIs: minting is the graph's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from bilateral.ontology import vocab as v

__all__ = [
    "COUNTRY",
    "CURRENCY",
    "QID",
    "SIGNED",
    "SOURCE",
    "YEAR",
    "Checked",
    "Commitment",
    "Country",
    "CountryCode",
    "CurrencyCode",
    "Indicator",
    "Meeting",
    "MeetingRef",
    "Participation",
    "Person",
    "PersonRef",
    "Qid",
    "Record",
    "SignedDecimal",
    "Source",
    "SourceId",
    "Statement",
    "Tenure",
    "Topic",
    "TopicRef",
    "TradeFlow",
    "Treaty",
    "Year",
]


@dataclass(frozen=True)
class Checked:
    """What a field holds where its Python type alone does not say (Annotated metadata): the
    curated tables check each cell by it. A field of a controlled vocabulary is annotated with its
    enum from the ontology instead (Annotated[str, v.MeetingKind])."""

    what: str


COUNTRY = Checked("ISO 3166-1 alpha-3 country code")
CURRENCY = Checked("ISO 4217 currency code")
QID = Checked("Wikidata QID")
SOURCE = Checked("source id")
YEAR = Checked("four-digit year")
SIGNED = Checked("decimal that may be negative")

CountryCode = Annotated[str, COUNTRY]
CurrencyCode = Annotated[str, CURRENCY]
Qid = Annotated[str, QID]
SourceId = Annotated[str, SOURCE]
Year = Annotated[int, YEAR]
SignedDecimal = Annotated[Decimal, SIGNED]


@dataclass(frozen=True)
class PersonRef:
    name: str
    birth_year: int | None = None


@dataclass(frozen=True)
class MeetingRef:
    date: dt.date
    countries: tuple[CountryCode, CountryCode]
    kind: Annotated[str, v.MeetingKind]


@dataclass(frozen=True)
class TopicRef:
    scheme: Annotated[str, v.SectorScheme]
    key: str  # the HS notation for HS, else the topic's id


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    reliability: Annotated[str, v.Reliability]
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    retrieved: dt.date | None = None
    licence: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Country:
    iso3: CountryCode
    source: SourceId
    name: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: Qid | None = None
    cow: str | None = None


@dataclass(frozen=True)
class Person:
    name: str
    source: SourceId
    birth_year: Year | None = None
    aliases: tuple[str, ...] = ()
    wikidata: Qid | None = None

    @property
    def ref(self) -> PersonRef:
        return PersonRef(self.name, self.birth_year)


@dataclass(frozen=True)
class Tenure:
    person: PersonRef
    country: CountryCode
    office: str
    roles: tuple[Annotated[str, v.Role], ...]
    source: SourceId
    start: dt.date | None = None
    end: dt.date | None = None
    attested: dt.date | None = None


@dataclass(frozen=True)
class Meeting:
    date: dt.date
    countries: tuple[CountryCode, CountryCode]
    kind: Annotated[str, v.MeetingKind]
    source: SourceId
    name: str | None = None
    place: str | None = None
    host: CountryCode | None = None
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
    source: SourceId


@dataclass(frozen=True)
class Statement:
    person: PersonRef
    date: dt.date
    text: str
    source: SourceId
    meeting: MeetingRef | None = None
    topics: tuple[TopicRef, ...] = ()
    text_start: int | None = None
    text_end: int | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class Commitment:
    party: CountryCode
    counterpart: CountryCode
    date: dt.date
    description: str
    status: Annotated[str, v.CommitmentStatus]
    source: SourceId
    meeting: MeetingRef | None = None
    announced_by: PersonRef | None = None
    value: Decimal | None = None
    currency: CurrencyCode | None = None
    sector: TopicRef | None = None
    topics: tuple[TopicRef, ...] = ()


@dataclass(frozen=True)
class Topic:
    ref: TopicRef
    name: str
    source: SourceId
    notation: str | None = None
    broader: TopicRef | None = None
    maps_to: tuple[TopicRef, ...] = ()


@dataclass(frozen=True)
class TradeFlow:
    exporter: CountryCode
    importer: CountryCode
    year: Year
    sector: TopicRef
    value: Decimal
    currency: CurrencyCode
    unit: Annotated[str, v.Unit]
    reporter: CountryCode
    source: SourceId
    approximate: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Indicator:
    indicator: Annotated[str, v.Indicator]
    country: CountryCode
    partner: CountryCode
    year: Year
    value: SignedDecimal  # only a balance may be negative
    unit: Annotated[str, v.Unit]
    source: SourceId
    currency: CurrencyCode | None = None
    approximate: bool = False
    reporter: CountryCode | None = None
    derivation: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Treaty:
    name: str
    parties: tuple[CountryCode, ...]
    source: SourceId
    alliance_types: tuple[Annotated[str, v.AllianceType], ...] = ()
    signed: dt.date | None = None
    in_force: dt.date | None = None
    ended: dt.date | None = None
    place: str | None = None
    citation: str | None = None


@dataclass(frozen=True)
class Claim:
    """A figure a text states (extracted from an article), with where it stands in the text."""

    indicator: Annotated[str, v.Indicator]
    country: CountryCode
    partner: CountryCode
    year: Year
    value: SignedDecimal
    unit: Annotated[str, v.Unit]
    source: SourceId
    exact: str
    text_start: int
    text_end: int
    currency: CurrencyCode | None = None
    confidence: float | None = None
    verdict: str | None = None
    checked_against: tuple[str, ...] = ()  # IRIs of the observations it was compared with
    speaker: PersonRef | None = None


@dataclass(frozen=True)
class Mention:
    """A source's text names an entity (a country, person or topic) at these offsets."""

    source: SourceId
    exact: str
    text_start: int
    text_end: int
    country: CountryCode | None = None
    person: PersonRef | None = None
    topic: TopicRef | None = None


Record = (
    Source
    | Country
    | Person
    | Tenure
    | Meeting
    | Participation
    | Statement
    | Commitment
    | Topic
    | TradeFlow
    | Indicator
    | Treaty
    | Claim
    | Mention
)
