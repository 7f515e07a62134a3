"""Records to quads: every fact in the named graph of the source that asserts it.

The graph of a source is named by the source's own IRI, and holds the source's PROV-O
description too, so a source and everything it asserts come and go together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from bilateral.graph import iri
from bilateral.loaders import records as r
from bilateral.ontology.countries import ISO_SOURCE, ISO_SOURCE_ID, iso_country
from bilateral.ontology.vocab import BI

__all__ = ["RDF_TYPE", "literal", "meeting_node", "person_node", "to_quads", "topic_node"]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OWL_SAME_AS = NamedNode("http://www.w3.org/2002/07/owl#sameAs")
PROV_ENTITY = NamedNode("http://www.w3.org/ns/prov#Entity")
WIKIDATA = "http://www.wikidata.org/entity/"

Value = str | int | bool | Decimal | dt.date | dt.datetime


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


def _country(code: str) -> NamedNode:
    return NamedNode(iri.country_iri(code))


class _Emitter:
    """Collects the quads of one batch of records, each in its source's graph."""

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

        def q(s: NamedNode, p: str, o: NamedNode | Value | None) -> Iterator[Quad]:
            if o is None:
                return
            obj = o if isinstance(o, NamedNode) else literal(o)
            yield Quad(s, NamedNode(p), obj, graph)

        def typed(s: NamedNode, *classes: str) -> Iterator[Quad]:
            for cls in classes:
                yield Quad(s, RDF_TYPE, NamedNode(cls), graph)

        match rec:
            case r.Source():
                yield from typed(graph, BI.Source)
                yield Quad(graph, RDF_TYPE, PROV_ENTITY, graph)
                yield from q(graph, BI.name, rec.id)
                yield from q(graph, BI.title, rec.title)
                if rec.url:
                    yield Quad(graph, NamedNode(BI.url),
                               Literal(rec.url, datatype=NamedNode(XSD + "anyURI")), graph)
                yield from q(graph, BI.publisher, rec.publisher)
                yield from q(graph, BI.publishedDate, rec.published)
                yield from q(graph, BI.retrievedDate, rec.retrieved)
                yield from q(graph, BI.licence, rec.licence)
                yield from q(graph, BI.reliability, rec.reliability)
                yield from q(graph, BI.note, rec.note)

            case r.Country():
                node = self.country(rec.iso3)
                yield from typed(node, BI.Country)
                yield from q(node, BI.iso3, rec.iso3.upper())
                yield from q(node, BI.name, rec.name)
                for alias in rec.aliases:
                    yield from q(node, BI.alias, alias)
                yield from q(node, BI.cowCode, rec.cow)
                if rec.wikidata:
                    yield from q(node, BI.wikidata, rec.wikidata)
                    yield Quad(node, OWL_SAME_AS, NamedNode(WIKIDATA + rec.wikidata), graph)

            case r.Person():
                node = person_node(rec.ref)
                yield from typed(node, BI.Person)
                yield from q(node, BI.name, rec.name)
                for alias in rec.aliases:
                    yield from q(node, BI.alias, alias)
                yield from q(node, BI.birthYear, rec.birth_year)
                if rec.wikidata:
                    yield from q(node, BI.wikidata, rec.wikidata)
                    yield Quad(node, OWL_SAME_AS, NamedNode(WIKIDATA + rec.wikidata), graph)

            case r.Tenure():
                person = person_node(rec.person)
                day = rec.start or rec.attested
                assert day is not None, "loaders guarantee a start or an attested day"
                node = NamedNode(iri.tenure_iri(person.value, rec.country, rec.office,
                                                day.isoformat()))
                yield from typed(node, BI.Tenure)
                yield from q(node, BI.holder, person)
                yield from q(node, BI.country, self.country(rec.country))
                yield from q(node, BI.office, rec.office)
                for role in rec.roles:
                    yield from q(node, BI.role, role)
                yield from q(node, BI.startDate, rec.start)
                yield from q(node, BI.endDate, rec.end)
                yield from q(node, BI.attestedDate, rec.attested)

            case r.Meeting():
                node = meeting_node(rec.ref)
                yield from typed(node, BI.Meeting)
                yield from q(node, BI.date, rec.date)
                yield from q(node, BI.kind, rec.kind)
                yield from q(node, BI.name, rec.name)
                yield from q(node, BI.place, rec.place)
                yield from q(node, BI.startTime, rec.start_time)
                yield from q(node, BI.durationMinutes, rec.duration_minutes)
                yield from q(node, BI.goldsteinScale, rec.goldstein)
                yield from q(node, BI.eventCode, rec.event_code)
                if rec.host:
                    yield from q(node, BI.host, self.country(rec.host))
                for title in rec.outcome_documents:
                    yield from q(node, BI.outcomeDocument, title)
                for topic in rec.topics:
                    yield from q(node, BI.topic, topic_node(topic))
                yield from self.dyad(graph, *rec.countries)
                yield from q(node, BI.dyad, NamedNode(iri.dyad_iri(*rec.countries)))

            case r.Participation():
                yield from q(person_node(rec.person), BI.participatedIn, meeting_node(rec.meeting))

            case r.Statement():
                person = person_node(rec.person)
                node = NamedNode(iri.statement_iri(person.value, rec.date.isoformat(), rec.text))
                yield from typed(node, BI.Statement)
                yield from q(node, BI.speaker, person)
                yield from q(node, BI.date, rec.date)
                yield from q(node, BI.text, rec.text)
                if rec.meeting:
                    yield from q(node, BI.occasion, meeting_node(rec.meeting))
                for topic in rec.topics:
                    yield from q(node, BI.topic, topic_node(topic))
                yield from q(node, BI.textStart, rec.text_start)
                yield from q(node, BI.textEnd, rec.text_end)
                if rec.confidence is not None:
                    yield from q(node, BI.confidence, Decimal(str(rec.confidence)))

            case r.Commitment():
                node = NamedNode(iri.commitment_iri(rec.party, rec.date.isoformat(),
                                                    rec.description))
                yield from typed(node, BI.Commitment)
                yield from q(node, BI.party, self.country(rec.party))
                yield from q(node, BI.date, rec.date)
                yield from q(node, BI.description, rec.description)
                yield from q(node, BI.status, rec.status)
                yield from q(node, BI.value, rec.value)
                yield from q(node, BI.currency, rec.currency)
                if rec.meeting:
                    yield from q(node, BI.occasion, meeting_node(rec.meeting))
                if rec.announced_by:
                    yield from q(node, BI.announcedBy, person_node(rec.announced_by))
                if rec.sector:
                    yield from q(node, BI.sector, topic_node(rec.sector))
                for topic in rec.topics:
                    yield from q(node, BI.topic, topic_node(topic))
                yield from self.dyad(graph, rec.party, rec.counterpart)
                yield from q(node, BI.dyad, NamedNode(iri.dyad_iri(rec.party, rec.counterpart)))

            case r.Topic():
                node = topic_node(rec.ref)
                is_sector = rec.ref.scheme in ("HS", "analyst")
                yield from typed(node, BI.Sector if is_sector else BI.Topic)
                yield from q(node, BI.name, rec.name)
                yield from q(node, BI.scheme, rec.ref.scheme)
                yield from q(node, BI.notation, rec.notation)
                if rec.broader:
                    yield from q(node, BI.broader, topic_node(rec.broader))
                for target in rec.maps_to:
                    yield from q(node, BI.mapsTo, topic_node(target))

            case r.TradeFlow():
                node = NamedNode(iri.trade_flow_iri(
                    rec.exporter, rec.importer, rec.year, f"{rec.sector.scheme}/{rec.sector.key}",
                    rec.reporter, rec.currency, rec.source))
                yield from typed(node, BI.TradeFlow)
                yield from q(node, BI.exporter, self.country(rec.exporter))
                yield from q(node, BI.importer, self.country(rec.importer))
                yield from q(node, BI.reporter, self.country(rec.reporter))
                yield from q(node, BI.year, rec.year)
                yield from q(node, BI.sector, topic_node(rec.sector))
                yield from q(node, BI.value, rec.value)
                yield from q(node, BI.currency, rec.currency)
                yield from q(node, BI.unit, rec.unit)
                if rec.approximate:
                    yield from q(node, BI.approximate, True)
                yield from q(node, BI.note, rec.note)
                yield from self.dyad(graph, rec.exporter, rec.importer)
                yield from q(node, BI.dyad, NamedNode(iri.dyad_iri(rec.exporter, rec.importer)))

            case r.Indicator():
                node = NamedNode(iri.indicator_iri(
                    rec.indicator, rec.country, rec.partner, rec.year,
                    rec.currency or rec.unit, rec.source))
                yield from typed(node, BI.IndicatorObservation)
                yield from q(node, BI.indicator, rec.indicator)
                yield from q(node, BI.country, self.country(rec.country))
                yield from q(node, BI.partner, self.country(rec.partner))
                yield from q(node, BI.year, rec.year)
                yield from q(node, BI.value, rec.value)
                yield from q(node, BI.currency, rec.currency)
                yield from q(node, BI.unit, rec.unit)
                if rec.approximate:
                    yield from q(node, BI.approximate, True)
                if rec.reporter:
                    yield from q(node, BI.reporter, self.country(rec.reporter))
                yield from q(node, BI.derivation, rec.derivation)
                yield from q(node, BI.note, rec.note)
                yield from self.dyad(graph, rec.country, rec.partner)
                yield from q(node, BI.dyad, NamedNode(iri.dyad_iri(rec.country, rec.partner)))

            case r.Claim():
                yield from self.claim(rec, graph)

            case r.Mention():
                yield from self.mention(rec, graph)

            case r.Treaty():
                node = NamedNode(iri.treaty_iri(rec.name))
                yield from typed(node, BI.Treaty)
                if rec.alliance_types:
                    yield from typed(node, BI.Alliance)
                yield from q(node, BI.name, rec.name)
                for party in rec.parties:
                    yield from q(node, BI.party, self.country(party))
                for kind in rec.alliance_types:
                    yield from q(node, BI.allianceType, kind)
                yield from q(node, BI.signedDate, rec.signed)
                yield from q(node, BI.inForceDate, rec.in_force)
                yield from q(node, BI.endDate, rec.ended)
                yield from q(node, BI.place, rec.place)
                yield from q(node, BI.citation, rec.citation)
                if len(rec.parties) == 2:
                    yield from self.dyad(graph, *rec.parties)
                    yield from q(node, BI.dyad, NamedNode(iri.dyad_iri(*rec.parties)))

    def claim(self, rec: r.Claim, graph: NamedNode) -> Iterator[Quad]:
        node = NamedNode(iri.mint("claim", rec.source, str(rec.text_start), str(rec.text_end)))
        for cls in (BI.Claim, BI.IndicatorObservation):
            yield Quad(node, RDF_TYPE, NamedNode(cls), graph)
        values: list[tuple[str, NamedNode | Value | None]] = [
            (BI.indicator, rec.indicator), (BI.country, self.country(rec.country)),
            (BI.partner, self.country(rec.partner)), (BI.year, rec.year), (BI.value, rec.value),
            (BI.currency, rec.currency), (BI.unit, rec.unit), (BI.exactText, rec.exact),
            (BI.textStart, rec.text_start), (BI.textEnd, rec.text_end), (BI.verdict, rec.verdict),
            (BI.confidence, None if rec.confidence is None else Decimal(str(rec.confidence))),
            (BI.dyad, NamedNode(iri.dyad_iri(rec.country, rec.partner))),
        ]
        for target in rec.checked_against:
            values.append((BI.checkedAgainst, NamedNode(target)))
        for p, o in values:
            if o is not None:
                yield Quad(node, NamedNode(p), o if isinstance(o, NamedNode) else literal(o), graph)
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


def to_quads(records: Iterable[r.Record]) -> Iterator[Quad]:
    """The quads of `records`, plus the ISO description of every country they name."""
    emitter = _Emitter()
    for rec in records:
        yield from emitter.record(rec)
    yield from emitter.iso_countries()
