"""Terms and controlled vocabularies of the bilateral ontology. GENERATED from bilateral.ttl by generate.py: do not edit."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

NS: Final = "https://w3id.org/bilateral/ontology#"


class BI:
    """Every class and property of the ontology, as full IRIs."""

    Alliance: Final = "https://w3id.org/bilateral/ontology#Alliance"
    Claim: Final = "https://w3id.org/bilateral/ontology#Claim"
    Commitment: Final = "https://w3id.org/bilateral/ontology#Commitment"
    Country: Final = "https://w3id.org/bilateral/ontology#Country"
    Dyad: Final = "https://w3id.org/bilateral/ontology#Dyad"
    IndicatorObservation: Final = "https://w3id.org/bilateral/ontology#IndicatorObservation"
    Meeting: Final = "https://w3id.org/bilateral/ontology#Meeting"
    Mention: Final = "https://w3id.org/bilateral/ontology#Mention"
    Person: Final = "https://w3id.org/bilateral/ontology#Person"
    Sector: Final = "https://w3id.org/bilateral/ontology#Sector"
    Source: Final = "https://w3id.org/bilateral/ontology#Source"
    Statement: Final = "https://w3id.org/bilateral/ontology#Statement"
    Tenure: Final = "https://w3id.org/bilateral/ontology#Tenure"
    Topic: Final = "https://w3id.org/bilateral/ontology#Topic"
    TradeFlow: Final = "https://w3id.org/bilateral/ontology#TradeFlow"
    Treaty: Final = "https://w3id.org/bilateral/ontology#Treaty"
    announcedBy: Final = "https://w3id.org/bilateral/ontology#announcedBy"
    broader: Final = "https://w3id.org/bilateral/ontology#broader"
    checkedAgainst: Final = "https://w3id.org/bilateral/ontology#checkedAgainst"
    country: Final = "https://w3id.org/bilateral/ontology#country"
    dyad: Final = "https://w3id.org/bilateral/ontology#dyad"
    exporter: Final = "https://w3id.org/bilateral/ontology#exporter"
    holder: Final = "https://w3id.org/bilateral/ontology#holder"
    host: Final = "https://w3id.org/bilateral/ontology#host"
    importer: Final = "https://w3id.org/bilateral/ontology#importer"
    mapsTo: Final = "https://w3id.org/bilateral/ontology#mapsTo"
    member: Final = "https://w3id.org/bilateral/ontology#member"
    mentions: Final = "https://w3id.org/bilateral/ontology#mentions"
    occasion: Final = "https://w3id.org/bilateral/ontology#occasion"
    participatedIn: Final = "https://w3id.org/bilateral/ontology#participatedIn"
    partner: Final = "https://w3id.org/bilateral/ontology#partner"
    party: Final = "https://w3id.org/bilateral/ontology#party"
    refersTo: Final = "https://w3id.org/bilateral/ontology#refersTo"
    reporter: Final = "https://w3id.org/bilateral/ontology#reporter"
    sector: Final = "https://w3id.org/bilateral/ontology#sector"
    speaker: Final = "https://w3id.org/bilateral/ontology#speaker"
    topic: Final = "https://w3id.org/bilateral/ontology#topic"
    alias: Final = "https://w3id.org/bilateral/ontology#alias"
    allianceType: Final = "https://w3id.org/bilateral/ontology#allianceType"
    approximate: Final = "https://w3id.org/bilateral/ontology#approximate"
    attestedDate: Final = "https://w3id.org/bilateral/ontology#attestedDate"
    birthYear: Final = "https://w3id.org/bilateral/ontology#birthYear"
    citation: Final = "https://w3id.org/bilateral/ontology#citation"
    confidence: Final = "https://w3id.org/bilateral/ontology#confidence"
    cowCode: Final = "https://w3id.org/bilateral/ontology#cowCode"
    currency: Final = "https://w3id.org/bilateral/ontology#currency"
    date: Final = "https://w3id.org/bilateral/ontology#date"
    derivation: Final = "https://w3id.org/bilateral/ontology#derivation"
    description: Final = "https://w3id.org/bilateral/ontology#description"
    durationMinutes: Final = "https://w3id.org/bilateral/ontology#durationMinutes"
    endDate: Final = "https://w3id.org/bilateral/ontology#endDate"
    eventCode: Final = "https://w3id.org/bilateral/ontology#eventCode"
    exactText: Final = "https://w3id.org/bilateral/ontology#exactText"
    figure: Final = "https://w3id.org/bilateral/ontology#figure"
    flowCount: Final = "https://w3id.org/bilateral/ontology#flowCount"
    goldsteinScale: Final = "https://w3id.org/bilateral/ontology#goldsteinScale"
    inForceDate: Final = "https://w3id.org/bilateral/ontology#inForceDate"
    indicator: Final = "https://w3id.org/bilateral/ontology#indicator"
    iso3: Final = "https://w3id.org/bilateral/ontology#iso3"
    isoNumeric: Final = "https://w3id.org/bilateral/ontology#isoNumeric"
    kind: Final = "https://w3id.org/bilateral/ontology#kind"
    licence: Final = "https://w3id.org/bilateral/ontology#licence"
    name: Final = "https://w3id.org/bilateral/ontology#name"
    notation: Final = "https://w3id.org/bilateral/ontology#notation"
    note: Final = "https://w3id.org/bilateral/ontology#note"
    office: Final = "https://w3id.org/bilateral/ontology#office"
    outcomeDocument: Final = "https://w3id.org/bilateral/ontology#outcomeDocument"
    place: Final = "https://w3id.org/bilateral/ontology#place"
    publishedDate: Final = "https://w3id.org/bilateral/ontology#publishedDate"
    publisher: Final = "https://w3id.org/bilateral/ontology#publisher"
    quadCount: Final = "https://w3id.org/bilateral/ontology#quadCount"
    reliability: Final = "https://w3id.org/bilateral/ontology#reliability"
    retrievedDate: Final = "https://w3id.org/bilateral/ontology#retrievedDate"
    role: Final = "https://w3id.org/bilateral/ontology#role"
    scheme: Final = "https://w3id.org/bilateral/ontology#scheme"
    signedDate: Final = "https://w3id.org/bilateral/ontology#signedDate"
    startDate: Final = "https://w3id.org/bilateral/ontology#startDate"
    startTime: Final = "https://w3id.org/bilateral/ontology#startTime"
    status: Final = "https://w3id.org/bilateral/ontology#status"
    text: Final = "https://w3id.org/bilateral/ontology#text"
    textEnd: Final = "https://w3id.org/bilateral/ontology#textEnd"
    textStart: Final = "https://w3id.org/bilateral/ontology#textStart"
    title: Final = "https://w3id.org/bilateral/ontology#title"
    unit: Final = "https://w3id.org/bilateral/ontology#unit"
    url: Final = "https://w3id.org/bilateral/ontology#url"
    value: Final = "https://w3id.org/bilateral/ontology#value"
    verdict: Final = "https://w3id.org/bilateral/ontology#verdict"
    wikidata: Final = "https://w3id.org/bilateral/ontology#wikidata"
    year: Final = "https://w3id.org/bilateral/ontology#year"
    idKey: Final = "https://w3id.org/bilateral/ontology#idKey"
    matchKey: Final = "https://w3id.org/bilateral/ontology#matchKey"


CLASSES: Final = frozenset({
    BI.Alliance,
    BI.Claim,
    BI.Commitment,
    BI.Country,
    BI.Dyad,
    BI.IndicatorObservation,
    BI.Meeting,
    BI.Mention,
    BI.Person,
    BI.Sector,
    BI.Source,
    BI.Statement,
    BI.Tenure,
    BI.Topic,
    BI.TradeFlow,
    BI.Treaty,
})

OBJECT_PROPERTIES: Final = frozenset({
    BI.announcedBy,
    BI.broader,
    BI.checkedAgainst,
    BI.country,
    BI.dyad,
    BI.exporter,
    BI.holder,
    BI.host,
    BI.importer,
    BI.mapsTo,
    BI.member,
    BI.mentions,
    BI.occasion,
    BI.participatedIn,
    BI.partner,
    BI.party,
    BI.refersTo,
    BI.reporter,
    BI.sector,
    BI.speaker,
    BI.topic,
})

# datatype property -> its XSD range
DATATYPE_RANGES: Final = {
    BI.alias: "http://www.w3.org/2001/XMLSchema#string",
    BI.allianceType: "http://www.w3.org/2001/XMLSchema#string",
    BI.approximate: "http://www.w3.org/2001/XMLSchema#boolean",
    BI.attestedDate: "http://www.w3.org/2001/XMLSchema#date",
    BI.birthYear: "http://www.w3.org/2001/XMLSchema#integer",
    BI.citation: "http://www.w3.org/2001/XMLSchema#string",
    BI.confidence: "http://www.w3.org/2001/XMLSchema#decimal",
    BI.cowCode: "http://www.w3.org/2001/XMLSchema#string",
    BI.currency: "http://www.w3.org/2001/XMLSchema#string",
    BI.date: "http://www.w3.org/2001/XMLSchema#date",
    BI.derivation: "http://www.w3.org/2001/XMLSchema#string",
    BI.description: "http://www.w3.org/2001/XMLSchema#string",
    BI.durationMinutes: "http://www.w3.org/2001/XMLSchema#integer",
    BI.endDate: "http://www.w3.org/2001/XMLSchema#date",
    BI.eventCode: "http://www.w3.org/2001/XMLSchema#string",
    BI.exactText: "http://www.w3.org/2001/XMLSchema#string",
    BI.figure: "http://www.w3.org/2001/XMLSchema#string",
    BI.flowCount: "http://www.w3.org/2001/XMLSchema#integer",
    BI.goldsteinScale: "http://www.w3.org/2001/XMLSchema#decimal",
    BI.inForceDate: "http://www.w3.org/2001/XMLSchema#date",
    BI.indicator: "http://www.w3.org/2001/XMLSchema#string",
    BI.iso3: "http://www.w3.org/2001/XMLSchema#string",
    BI.isoNumeric: "http://www.w3.org/2001/XMLSchema#string",
    BI.kind: "http://www.w3.org/2001/XMLSchema#string",
    BI.licence: "http://www.w3.org/2001/XMLSchema#string",
    BI.name: "http://www.w3.org/2001/XMLSchema#string",
    BI.notation: "http://www.w3.org/2001/XMLSchema#string",
    BI.note: "http://www.w3.org/2001/XMLSchema#string",
    BI.office: "http://www.w3.org/2001/XMLSchema#string",
    BI.outcomeDocument: "http://www.w3.org/2001/XMLSchema#string",
    BI.place: "http://www.w3.org/2001/XMLSchema#string",
    BI.publishedDate: "http://www.w3.org/2001/XMLSchema#date",
    BI.publisher: "http://www.w3.org/2001/XMLSchema#string",
    BI.quadCount: "http://www.w3.org/2001/XMLSchema#integer",
    BI.reliability: "http://www.w3.org/2001/XMLSchema#string",
    BI.retrievedDate: "http://www.w3.org/2001/XMLSchema#date",
    BI.role: "http://www.w3.org/2001/XMLSchema#string",
    BI.scheme: "http://www.w3.org/2001/XMLSchema#string",
    BI.signedDate: "http://www.w3.org/2001/XMLSchema#date",
    BI.startDate: "http://www.w3.org/2001/XMLSchema#date",
    BI.startTime: "http://www.w3.org/2001/XMLSchema#dateTime",
    BI.status: "http://www.w3.org/2001/XMLSchema#string",
    BI.text: "http://www.w3.org/2001/XMLSchema#string",
    BI.textEnd: "http://www.w3.org/2001/XMLSchema#integer",
    BI.textStart: "http://www.w3.org/2001/XMLSchema#integer",
    BI.title: "http://www.w3.org/2001/XMLSchema#string",
    BI.unit: "http://www.w3.org/2001/XMLSchema#string",
    BI.url: "http://www.w3.org/2001/XMLSchema#anyURI",
    BI.value: "http://www.w3.org/2001/XMLSchema#decimal",
    BI.verdict: "http://www.w3.org/2001/XMLSchema#string",
    BI.wikidata: "http://www.w3.org/2001/XMLSchema#string",
    BI.year: "http://www.w3.org/2001/XMLSchema#integer",
}

# derived by the store to look names up (bi:index): not projected, not in DATATYPE_RANGES
INDEX_PROPERTIES: Final = frozenset({
    BI.idKey,
    BI.matchKey,
})


class AllianceType(StrEnum):
    """The alliance types."""

    DEFENCE = 'defence'
    OFFENCE = 'offence'
    NEUTRALITY = 'neutrality'
    NONAGGRESSION = 'nonaggression'
    ENTENTE = 'entente'
    CONSULTATION = 'consultation'


class CommitmentStatus(StrEnum):
    """The commitment statuses."""

    ANNOUNCED = 'announced'
    IN_PROGRESS = 'in progress'
    FULFILLED = 'fulfilled'
    ABANDONED = 'abandoned'


class Indicator(StrEnum):
    """The indicators."""

    GOODS_BALANCE = 'goods_balance'
    GOODS_EXPORTS = 'goods_exports'
    GOODS_IMPORTS = 'goods_imports'
    SERVICES_EXPORTS = 'services_exports'
    TRADE_EXPORTS = 'trade_exports'
    TRADE_IMPORTS = 'trade_imports'
    FDI_STOCK = 'fdi_stock'
    AFFILIATE_EMPLOYMENT = 'affiliate_employment'
    TARIFF_RATE = 'tariff_rate'


class MeetingKind(StrEnum):
    """The meeting kinds."""

    SUMMIT = 'summit'
    STATE_VISIT = 'state visit'
    OFFICIAL_VISIT = 'official visit'
    WORKING_VISIT = 'working visit'
    CALL = 'call'
    TALKS = 'talks'


class Reliability(StrEnum):
    """The source reliability levels."""

    PRIMARY = 'primary'
    SECONDARY = 'secondary'
    SYNTHETIC = 'synthetic'


class Role(StrEnum):
    """The roles."""

    HEAD_OF_STATE = 'head_of_state'
    HEAD_OF_GOVERNMENT = 'head_of_government'
    DEPUTY_HEAD_OF_STATE = 'deputy_head_of_state'
    FOREIGN_MINISTER = 'foreign_minister'
    MINISTER = 'minister'


class SectorScheme(StrEnum):
    """The sector schemes."""

    HS = 'HS'
    ANALYST = 'analyst'
    TOPIC = 'topic'


class Unit(StrEnum):
    """The units."""

    CURRENT_PRICES = 'current prices'
    PERSONS = 'persons'
    PERCENT = 'percent'
    TONNES = 'tonnes'


# datatype property -> the controlled vocabulary of its values
VALUE_SCHEMES: Final[dict[str, type[StrEnum]]] = {
    BI.allianceType: AllianceType,
    BI.status: CommitmentStatus,
    BI.indicator: Indicator,
    BI.kind: MeetingKind,
    BI.reliability: Reliability,
    BI.role: Role,
    BI.scheme: SectorScheme,
    BI.unit: Unit,
}
