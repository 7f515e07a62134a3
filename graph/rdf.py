"""Records to quads: every fact in the named graph of the source that asserts it.

The graph of a source is named by the source's own IRI, and holds the source's PROV-O
description too, so a source and everything it asserts come and go together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, ClassVar

from pyoxigraph import Literal, NamedNode, Quad

from bilateral.graph import iri
from bilateral.loaders import records as r
from bilateral.ontology.countries import ISO_SOURCE, ISO_SOURCE_ID, iso_country
from bilateral.ontology.vocab import BI

__all__ = [
    "RDF_TYPE",
    "flow_figure",
    "indicator_figure",
    "literal",
    "meeting_node",
    "person_node",
    "to_quads",
    "topic_node",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OWL_SAME_AS = NamedNode("http://www.w3.org/2002/07/owl#sameAs")
PROV_ENTITY = NamedNode("http://www.w3.org/ns/prov#Entity")
WIKIDATA = "http://www.wikidata.org/entity/"

Value = str | int | bool | Decimal | dt.date | dt.datetime
Object = NamedNode | Literal | Value | None  # None: the fact is absent, nothing is written


def literal(value: Value) -> Literal:
    """A typed literal whose datatype is the XSD type of the Python value."""
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, Decimal):
        text = format(value, "f")
        return Literal(text if "." in text else text + ".0", datatype=NamedNode(XSD + "decimal"))
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "date"))
    return Literal(value)


def person_node(ref: r.PersonRef) -> NamedNode:
    return NamedNode(iri.person_iri(ref.name, ref.birth_year))


def meeting_node(ref: r.MeetingRef) -> NamedNode:
    return NamedNode(iri.meeting_iri(ref.date.isoformat(), ref.countries, ref.kind))


def topic_node(ref: r.TopicRef) -> NamedNode:
    return NamedNode(iri.topic_iri(ref.key, ref.scheme))


def flow_figure(sector: str, exporter: str, importer: str, year: int | str, currency: str | None) -> str | None:
    """The figure key of a trade flow (sector as `scheme/key`): the same for every source's value
    of the exports of that sector between the countries in that year and currency, so that
    conflicting-figures groups on this one term. None without a currency (never compared).
    graph/flows.py builds the same text column-wise."""
    if currency is None:
        return None
    return f"exports {sector} {exporter.upper()} {importer.upper()} {year} {currency}"


def indicator_figure(indicator: str, country: str, partner: str, year: int, currency: str | None) -> str | None:
    """The figure key of an indicator observation (or a claim, which is one): see flow_figure."""
    if currency is None:
        return None
    return f"indicator {indicator} {country.upper()} {partner.upper()} {year} {currency}"


def _country(code: str) -> NamedNode:
    return NamedNode(iri.country_iri(code))


class _Emitter:
    """Collects the quads of one batch of records, each in its source's graph."""

    _writers: ClassVar[dict[type, Callable[[_Emitter, Any, NamedNode], Iterator[Quad]]]]

    def __init__(self) -> None:
        self.countries: set[str] = set()

    def country(self, code: str) -> NamedNode:
        self.countries.add(code.upper())
        return _country(code)

    def dyad(self, graph: NamedNode, a: str, b: str) -> Iterator[Quad]:
        x, y = iri.dyad_codes(a, b)
        node = NamedNode(iri.dyad_iri(x, y))
        yield Quad(node, RDF_TYPE, NamedNode(BI.Dyad), graph)
        yield Quad(node, NamedNode(BI.name), literal(f"{x}-{y}"), graph)
        yield Quad(node, NamedNode(BI.member), self.country(x), graph)
        yield Quad(node, NamedNode(BI.member), self.country(y), graph)

    def record(self, rec: r.Record) -> Iterator[Quad]:
        graph = NamedNode(iri.source_iri(rec.id if isinstance(rec, r.Source) else rec.source))
        yield from self._writers[type(rec)](self, rec, graph)

    @staticmethod
    def facts(
        node: NamedNode, classes: Iterable[str], values: Iterable[tuple[str, Object]], graph: NamedNode
    ) -> Iterator[Quad]:
        """The node's classes, then each (property, value) whose value is not None, in order."""
        for cls in classes:
            yield Quad(node, RDF_TYPE, NamedNode(cls), graph)
        for p, o in values:
            if o is not None:
                yield Quad(node, NamedNode(p), o if isinstance(o, NamedNode | Literal) else literal(o), graph)

    def in_dyad(self, node: NamedNode, graph: NamedNode, a: str, b: str) -> Iterator[Quad]:
        """The dyad of a and b described, and the node linked to it."""
        yield from self.dyad(graph, a, b)
        yield Quad(node, NamedNode(BI.dyad), NamedNode(iri.dyad_iri(a, b)), graph)

    def source(self, rec: r.Source, graph: NamedNode) -> Iterator[Quad]:
        yield Quad(graph, RDF_TYPE, NamedNode(BI.Source), graph)
        yield Quad(graph, RDF_TYPE, PROV_ENTITY, graph)
        url = Literal(rec.url, datatype=NamedNode(XSD + "anyURI")) if rec.url else None
        yield from self.facts(
            graph,
            (),
            [
                (BI.name, rec.id),
                (BI.title, rec.title),
                (BI.url, url),
                (BI.publisher, rec.publisher),
                (BI.publishedDate, rec.published),
                (BI.retrievedDate, rec.retrieved),
                (BI.licence, rec.licence),
                (BI.reliability, rec.reliability),
                (BI.note, rec.note),
            ],
            graph,
        )

    def country_record(self, rec: r.Country, graph: NamedNode) -> Iterator[Quad]:
        node = self.country(rec.iso3)
        yield from self.facts(
            node,
            [BI.Country],
            [
                (BI.iso3, rec.iso3.upper()),
                (BI.name, rec.name),
                *((BI.alias, a) for a in rec.aliases),
                (BI.cowCode, rec.cow),
                *_wikidata(rec.wikidata),
            ],
            graph,
        )

    def person(self, rec: r.Person, graph: NamedNode) -> Iterator[Quad]:
        yield from self.facts(
            person_node(rec.ref),
            [BI.Person],
            [
                (BI.name, rec.name),
                *((BI.alias, a) for a in rec.aliases),
                (BI.birthYear, rec.birth_year),
                *_wikidata(rec.wikidata),
            ],
            graph,
        )

    def tenure(self, rec: r.Tenure, graph: NamedNode) -> Iterator[Quad]:
        person = person_node(rec.person)
        day = rec.start or rec.attested
        assert day is not None, "loaders guarantee a start or an attested day"
        node = NamedNode(iri.tenure_iri(person.value, rec.country, rec.office, day.isoformat()))
        yield from self.facts(
            node,
            [BI.Tenure],
            [
                (BI.holder, person),
                (BI.country, self.country(rec.country)),
                (BI.office, rec.office),
                *((BI.role, role) for role in rec.roles),
                (BI.startDate, rec.start),
                (BI.endDate, rec.end),
                (BI.attestedDate, rec.attested),
            ],
            graph,
        )

    def meeting(self, rec: r.Meeting, graph: NamedNode) -> Iterator[Quad]:
        node = meeting_node(rec.ref)
        yield from self.facts(
            node,
            [BI.Meeting],
            [
                (BI.date, rec.date),
                (BI.kind, rec.kind),
                (BI.name, rec.name),
                (BI.place, rec.place),
                (BI.startTime, rec.start_time),
                (BI.durationMinutes, rec.duration_minutes),
                (BI.goldsteinScale, rec.goldstein),
                (BI.eventCode, rec.event_code),
                (BI.host, self.country(rec.host) if rec.host else None),
                *((BI.outcomeDocument, title) for title in rec.outcome_documents),
                *((BI.topic, topic_node(topic)) for topic in rec.topics),
            ],
            graph,
        )
        yield from self.in_dyad(node, graph, *rec.countries)

    def participation(self, rec: r.Participation, graph: NamedNode) -> Iterator[Quad]:
        yield from self.facts(person_node(rec.person), (), [(BI.participatedIn, meeting_node(rec.meeting))], graph)

    def statement(self, rec: r.Statement, graph: NamedNode) -> Iterator[Quad]:
        person = person_node(rec.person)
        node = NamedNode(iri.statement_iri(person.value, rec.date.isoformat(), rec.text))
        yield from self.facts(
            node,
            [BI.Statement],
            [
                (BI.speaker, person),
                (BI.date, rec.date),
                (BI.text, rec.text),
                (BI.occasion, meeting_node(rec.meeting) if rec.meeting else None),
                *((BI.topic, topic_node(topic)) for topic in rec.topics),
                (BI.textStart, rec.text_start),
                (BI.textEnd, rec.text_end),
                (BI.confidence, _decimal(rec.confidence)),
            ],
            graph,
        )

    def commitment(self, rec: r.Commitment, graph: NamedNode) -> Iterator[Quad]:
        node = NamedNode(iri.commitment_iri(rec.party, rec.date.isoformat(), rec.description))
        yield from self.facts(
            node,
            [BI.Commitment],
            [
                (BI.party, self.country(rec.party)),
                (BI.date, rec.date),
                (BI.description, rec.description),
                (BI.status, rec.status),
                (BI.value, rec.value),
                (BI.currency, rec.currency),
                (BI.occasion, meeting_node(rec.meeting) if rec.meeting else None),
                (BI.announcedBy, person_node(rec.announced_by) if rec.announced_by else None),
                (BI.sector, topic_node(rec.sector) if rec.sector else None),
                *((BI.topic, topic_node(topic)) for topic in rec.topics),
            ],
            graph,
        )
        yield from self.in_dyad(node, graph, rec.party, rec.counterpart)

    def topic(self, rec: r.Topic, graph: NamedNode) -> Iterator[Quad]:
        is_sector = rec.ref.scheme in ("HS", "analyst")
        yield from self.facts(
            topic_node(rec.ref),
            [BI.Sector if is_sector else BI.Topic],
            [
                (BI.name, rec.name),
                (BI.scheme, rec.ref.scheme),
                (BI.notation, rec.notation),
                (BI.broader, topic_node(rec.broader) if rec.broader else None),
                *((BI.mapsTo, topic_node(target)) for target in rec.maps_to),
            ],
            graph,
        )

    def trade_flow(self, rec: r.TradeFlow, graph: NamedNode) -> Iterator[Quad]:
        node = NamedNode(
            iri.trade_flow_iri(
                rec.exporter,
                rec.importer,
                rec.year,
                f"{rec.sector.scheme}/{rec.sector.key}",
                rec.reporter,
                rec.currency,
                rec.source,
            )
        )
        yield from self.facts(
            node,
            [BI.TradeFlow],
            [
                (BI.exporter, self.country(rec.exporter)),
                (BI.importer, self.country(rec.importer)),
                (BI.reporter, self.country(rec.reporter)),
                (BI.year, rec.year),
                (BI.sector, topic_node(rec.sector)),
                (BI.value, rec.value),
                (BI.currency, rec.currency),
                (BI.unit, rec.unit),
                (BI.approximate, True if rec.approximate else None),
                (BI.note, rec.note),
                (
                    BI.figure,
                    flow_figure(
                        f"{rec.sector.scheme}/{rec.sector.key}", rec.exporter, rec.importer, rec.year, rec.currency
                    ),
                ),
            ],
            graph,
        )
        yield from self.in_dyad(node, graph, rec.exporter, rec.importer)

    def indicator(self, rec: r.Indicator, graph: NamedNode) -> Iterator[Quad]:
        node = NamedNode(
            iri.indicator_iri(rec.indicator, rec.country, rec.partner, rec.year, rec.currency or rec.unit, rec.source)
        )
        yield from self.facts(
            node,
            [BI.IndicatorObservation],
            [
                (BI.indicator, rec.indicator),
                (BI.country, self.country(rec.country)),
                (BI.partner, self.country(rec.partner)),
                (BI.year, rec.year),
                (BI.value, rec.value),
                (BI.currency, rec.currency),
                (BI.unit, rec.unit),
                (BI.approximate, True if rec.approximate else None),
                (BI.reporter, self.country(rec.reporter) if rec.reporter else None),
                (BI.derivation, rec.derivation),
                (BI.note, rec.note),
                (BI.figure, indicator_figure(rec.indicator, rec.country, rec.partner, rec.year, rec.currency)),
            ],
            graph,
        )
        yield from self.in_dyad(node, graph, rec.country, rec.partner)

    def treaty(self, rec: r.Treaty, graph: NamedNode) -> Iterator[Quad]:
        node = NamedNode(iri.treaty_iri(rec.name))
        yield from self.facts(
            node,
            [BI.Treaty, *([BI.Alliance] if rec.alliance_types else [])],
            [
                (BI.name, rec.name),
                *((BI.party, self.country(party)) for party in rec.parties),
                *((BI.allianceType, kind) for kind in rec.alliance_types),
                (BI.signedDate, rec.signed),
                (BI.inForceDate, rec.in_force),
                (BI.endDate, rec.ended),
                (BI.place, rec.place),
                (BI.citation, rec.citation),
            ],
            graph,
        )
        if len(rec.parties) == 2:
            yield from self.in_dyad(node, graph, *rec.parties)

    def claim(self, rec: r.Claim, graph: NamedNode) -> Iterator[Quad]:
        node = NamedNode(iri.mint("claim", rec.source, str(rec.text_start), str(rec.text_end)))
        yield from self.facts(
            node,
            [BI.Claim, BI.IndicatorObservation],
            [
                (BI.indicator, rec.indicator),
                (BI.country, self.country(rec.country)),
                (BI.partner, self.country(rec.partner)),
                (BI.year, rec.year),
                (BI.value, rec.value),
                (BI.currency, rec.currency),
                (BI.unit, rec.unit),
                (BI.exactText, rec.exact),
                (BI.textStart, rec.text_start),
                (BI.textEnd, rec.text_end),
                (BI.verdict, rec.verdict),
                (BI.confidence, _decimal(rec.confidence)),
                (BI.dyad, NamedNode(iri.dyad_iri(rec.country, rec.partner))),
                *((BI.checkedAgainst, NamedNode(target)) for target in rec.checked_against),
                (BI.figure, indicator_figure(rec.indicator, rec.country, rec.partner, rec.year, rec.currency)),
            ],
            graph,
        )
        yield from self.dyad(graph, rec.country, rec.partner)

    def mention(self, rec: r.Mention, graph: NamedNode) -> Iterator[Quad]:
        if rec.country:
            target = self.country(rec.country)
        elif rec.person:
            target = person_node(rec.person)
        elif rec.topic:
            target = topic_node(rec.topic)
        else:
            return
        yield Quad(graph, NamedNode(BI.mentions), target, graph)
        # The words themselves, where they stand in the text (Web Annotation TextPositionSelector)
        node = NamedNode(iri.mint("mention", rec.source, str(rec.text_start), str(rec.text_end)))
        yield Quad(node, RDF_TYPE, NamedNode(BI.Mention), graph)
        yield Quad(node, NamedNode(BI.refersTo), target, graph)
        yield Quad(node, NamedNode(BI.exactText), literal(rec.exact), graph)
        yield Quad(node, NamedNode(BI.textStart), literal(rec.text_start), graph)
        yield Quad(node, NamedNode(BI.textEnd), literal(rec.text_end), graph)

    def iso_countries(self) -> Iterator[Quad]:
        """ISO 3166-1 names and codes of every country referred to, in the ISO source's graph."""
        if not self.countries:
            return
        source = r.Source(**ISO_SOURCE)  # type: ignore[arg-type]
        yield from self.record(source)
        graph = NamedNode(iri.source_iri(ISO_SOURCE_ID))
        for code in sorted(self.countries):
            entry = iso_country(code)
            if entry is None:
                continue
            node = _country(code)
            yield Quad(node, RDF_TYPE, NamedNode(BI.Country), graph)
            yield Quad(node, NamedNode(BI.iso3), literal(entry.iso3), graph)
            yield Quad(node, NamedNode(BI.isoNumeric), literal(entry.numeric), graph)
            yield Quad(node, NamedNode(BI.name), literal(entry.name), graph)
            for other in (entry.official_name, entry.common_name):
                if other and other != entry.name:
                    yield Quad(node, NamedNode(BI.alias), literal(other), graph)


# One writer per kind of record (a table, not a chain of cases: each writer reads in one sitting).
_Emitter._writers = {
    r.Source: _Emitter.source,
    r.Country: _Emitter.country_record,
    r.Person: _Emitter.person,
    r.Tenure: _Emitter.tenure,
    r.Meeting: _Emitter.meeting,
    r.Participation: _Emitter.participation,
    r.Statement: _Emitter.statement,
    r.Commitment: _Emitter.commitment,
    r.Topic: _Emitter.topic,
    r.TradeFlow: _Emitter.trade_flow,
    r.Indicator: _Emitter.indicator,
    r.Claim: _Emitter.claim,
    r.Mention: _Emitter.mention,
    r.Treaty: _Emitter.treaty,
}


def _wikidata(qid: str | None) -> list[tuple[str, Object]]:
    """The QID as a value, and owl:sameAs the Wikidata entity."""
    if not qid:
        return []
    return [(BI.wikidata, qid), (OWL_SAME_AS.value, NamedNode(WIKIDATA + qid))]


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def to_quads(records: Iterable[r.Record]) -> Iterator[Quad]:
    """The quads of `records`, plus the ISO description of every country they name."""
    emitter = _Emitter()
    for rec in records:
        yield from emitter.record(rec)
    yield from emitter.iso_countries()
