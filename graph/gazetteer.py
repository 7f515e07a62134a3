"""The gazetteer of the article loader, read from the store: the people the graph knows (names,
aliases, birth years, tenures), its sectors and topics, and its meetings.

People keep the `name` and `birth year` their IRI was minted from, so an article's statements
refer to the very same node (`PersonRef(name, birth_year)`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import unquote

from bilateral.graph import iri
from bilateral.graph.store import OxigraphStore
from bilateral.loaders.article import Gazetteer, KnownMeeting, KnownPerson, KnownTenure, KnownTopic
from bilateral.loaders.records import PersonRef
from bilateral.ontology.vocab import NS

__all__ = ["Gazetteer", "build_gazetteer"]

PREFIX = f"PREFIX bi: <{NS}>\n"

_PEOPLE = (
    PREFIX
    + """
SELECT ?p ?name ?birth ?alias WHERE {
  ?p a bi:Person ; bi:name ?name .
  OPTIONAL { ?p bi:birthYear ?birth }
  OPTIONAL { ?p bi:alias ?alias }
}"""
)

_TENURES = (
    PREFIX
    + """
SELECT ?t ?p ?c ?iso ?office ?role ?start ?end ?attested WHERE {
  ?t a bi:Tenure ; bi:holder ?p ; bi:country ?c ; bi:office ?office .
  OPTIONAL { ?c bi:iso3 ?iso }
  OPTIONAL { ?t bi:role ?role }
  OPTIONAL { ?t bi:startDate ?start }
  OPTIONAL { ?t bi:endDate ?end }
  OPTIONAL { ?t bi:attestedDate ?attested }
}"""
)

_TOPICS = (
    PREFIX
    + """
SELECT ?t ?scheme ?notation ?name ?alias WHERE {
  { ?t a bi:Topic } UNION { ?t a bi:Sector }
  ?t bi:name ?name .
  OPTIONAL { ?t bi:scheme ?scheme }
  OPTIONAL { ?t bi:notation ?notation }
  OPTIONAL { ?t bi:alias ?alias }
}"""
)

_MEETINGS = (
    PREFIX
    + """
SELECT ?m ?date ?kind ?place ?c ?iso ?p WHERE {
  ?m a bi:Meeting ; bi:date ?date ; bi:kind ?kind ; bi:dyad ?d .
  ?d bi:member ?c .
  OPTIONAL { ?c bi:iso3 ?iso }
  OPTIONAL { ?m bi:place ?place }
  OPTIONAL { ?p bi:participatedIn ?m }
}"""
)


def _iso(country_iri: str, iso: object) -> str:
    return str(iso) if iso else country_iri.rsplit("/", 1)[-1]


def _person_key(node: str, names: set[str], births: set[int]) -> tuple[str, int | None]:
    """The (name, birth year) the node's IRI was minted from, else the first name."""
    for name in sorted(names):
        for birth in sorted(births):
            if iri.person_iri(name, birth) == node:
                return name, birth
        if iri.person_iri(name) == node:
            return name, None
    return sorted(names)[0], (min(births) if births else None)


def build_gazetteer(store: OxigraphStore) -> Gazetteer:
    """Everything the article loader may recognise by name, as the store has it now."""
    names: dict[str, set[str]] = defaultdict(set)
    births: dict[str, set[int]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for node, name, birth, alias in store.select(_PEOPLE).rows:
        key = str(node)
        names[key].add(str(name))
        if isinstance(birth, int):
            births[key].add(birth)
        if alias:
            aliases[key].add(str(alias))

    tenure_rows: dict[str, dict[str, object]] = {}
    roles: dict[str, set[str]] = defaultdict(set)
    for t, p, c, iso, office, role, start, end, attested in store.select(_TENURES).rows:
        key = str(t)
        tenure_rows.setdefault(
            key,
            {
                "person": str(p),
                "country": _iso(str(c), iso),
                "office": str(office),
                "start": start,
                "end": end,
                "attested": attested,
            },
        )
        if role:
            roles[key].add(str(role))
    tenures: dict[str, list[KnownTenure]] = defaultdict(list)
    for key, row in sorted(tenure_rows.items()):
        tenures[str(row["person"])].append(
            KnownTenure(
                country=str(row["country"]),
                office=str(row["office"]),
                roles=tuple(sorted(roles[key])),
                start=_date(row["start"]),
                end=_date(row["end"]),
                attested=_date(row["attested"]),
            )
        )

    people: list[KnownPerson] = []
    refs: dict[str, PersonRef] = {}
    for node in sorted(names):
        name, birth = _person_key(node, names[node], births[node])
        others = (names[node] - {name}) | aliases[node]
        people.append(
            KnownPerson(
                name=name,
                birth_year=birth,
                aliases=tuple(sorted(others)),
                tenures=tuple(tenures.get(node, ())),
                iri=node,
            )
        )
        refs[node] = PersonRef(name, birth)

    topic_names: dict[str, str] = {}
    topic_aliases: dict[str, set[str]] = defaultdict(set)
    schemes: dict[str, str] = {}
    notations: dict[str, str] = {}
    for t, scheme, notation, name, alias in store.select(_TOPICS).rows:
        key = str(t)
        topic_names.setdefault(key, str(name))
        if str(name) != topic_names[key]:
            topic_aliases[key].add(str(name))
        if alias:
            topic_aliases[key].add(str(alias))
        if scheme:
            schemes.setdefault(key, str(scheme))
        if notation:
            notations.setdefault(key, str(notation))
    topics: list[KnownTopic] = []
    for node, name in sorted(topic_names.items()):
        scheme = schemes.get(node, "topic")
        key = (
            notations[node]
            if scheme == "HS" and node in notations
            else unquote(node.rsplit("/", 1)[-1].replace("_", " "))
        )
        if iri.topic_iri(key, scheme) != node:
            continue  # not minted by this project: an article could not refer to it by key
        topics.append(KnownTopic(key=key, scheme=scheme, name=name, aliases=tuple(sorted(topic_aliases[node]))))

    facts: dict[str, tuple[object, str, object]] = {}  # meeting -> (date, kind, place)
    members: dict[str, set[str]] = defaultdict(set)
    attendees: dict[str, set[PersonRef]] = defaultdict(set)
    for m, date, kind, place, c, iso, p in store.select(_MEETINGS).rows:
        facts.setdefault(str(m), (date, str(kind), place))
        members[str(m)].add(_iso(str(c), iso))
        if p and str(p) in refs:
            attendees[str(m)].add(refs[str(p)])
    known_meetings: list[KnownMeeting] = []
    for node, (when, kind, where) in sorted(facts.items()):
        codes = sorted(members[node])
        day = _date(when)
        if len(codes) != 2 or day is None:
            continue
        known_meetings.append(
            KnownMeeting(
                date=day,
                countries=(codes[0], codes[1]),
                kind=kind,
                place=str(where) if where else None,
                participants=tuple(sorted(attendees[node], key=lambda ref: ref.name)),
                iri=node,
            )
        )
    return Gazetteer(people=tuple(people), topics=tuple(topics), meetings=tuple(known_meetings))


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
