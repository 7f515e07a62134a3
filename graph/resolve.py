"""Entities named the way analysts name them: `JPN`, `Japan`, `"Shigeru Ishiba"`, `Ishiba`, a
meeting's date, a sector's id or HS code, or a full IRI. An ambiguous name is an error that lists
the candidates."""

from __future__ import annotations

import re

import pyoxigraph as ox

from bilateral.core.errors import NameResolutionError
from bilateral.graph import iri
from bilateral.graph.store import OxigraphStore
from bilateral.ontology.countries import find_countries
from bilateral.ontology.vocab import BI

__all__ = ["KINDS", "resolve"]

KINDS = ("country", "person", "meeting", "topic", "treaty", "source", "entity")
_CLASSES = {
    "person": (BI.Person,), "meeting": (BI.Meeting,), "topic": (BI.Topic, BI.Sector),
    "treaty": (BI.Treaty,), "source": (BI.Source,), "country": (BI.Country,),
}
_NAMES = """
SELECT DISTINCT ?s ?label WHERE {
  ?s a ?class .
  { ?s ?name ?label } UNION { ?s ?alias ?label } UNION { ?s ?notation ?label }
  UNION { ?s ?date ?d BIND(STR(?d) AS ?label) }
}"""


def _exists(store: OxigraphStore, node: str) -> bool:
    return store.ask("ASK { ?s ?p ?o }", {"s": ox.NamedNode(node)})


def _by_label(store: OxigraphStore, text: str, kind: str) -> list[tuple[str, str]]:
    classes = _CLASSES[kind] if kind in _CLASSES else sorted({c for cs in _CLASSES.values() for c in cs})
    wanted = iri.normalise_key(text)
    hits: dict[str, str] = {}
    for cls in classes:
        rows = store.select(_NAMES, {
            "class": ox.NamedNode(cls), "name": ox.NamedNode(BI.name),
            "alias": ox.NamedNode(BI.alias), "notation": ox.NamedNode(BI.notation),
            "date": ox.NamedNode(BI.date)})
        for node, label in rows.rows:
            if iri.normalise_key(str(label)) == wanted:
                hits.setdefault(str(node), str(label))
    # Topics are also known by the id they were loaded with (the IRI's last segment).
    if kind in ("topic", "entity") and not hits:
        for cls in _CLASSES["topic"]:
            for (subject,) in store.select("SELECT DISTINCT ?s WHERE { ?s a ?c }", {"c": ox.NamedNode(cls)}).rows:
                if str(subject).rsplit("/", 1)[-1] == iri.segment(text):
                    hits[str(subject)] = text
    return sorted(hits.items())


def _by_surname(store: OxigraphStore, text: str) -> list[tuple[str, str]]:
    """People whose name ends with `text` (Ishiba, Mr. Ishiba): how articles and analysts
    name them after the first mention."""
    wanted = iri.normalise_key(re.sub(r"^(mr|mrs|ms|dr|president|prime minister)\.?\s+", "",
                                      text.strip(), flags=re.I))
    rows = store.select("SELECT DISTINCT ?s ?n WHERE { ?s a ?c ; ?name ?n }",
                        {"c": ox.NamedNode(BI.Person), "name": ox.NamedNode(BI.name)})
    return sorted({(str(s), str(n)) for s, n in rows.rows
                   if iri.normalise_key(str(n)).split(" ")[-1] == wanted})


def resolve(store: OxigraphStore, text: str, kind: str = "entity") -> str:
    """The IRI `text` names, of the given kind; raises NameResolutionError if none or several."""
    text = text.strip()
    if not text:
        raise NameResolutionError(f"an empty name cannot name a {kind}")
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        try:
            ox.NamedNode(text)
        except ValueError as err:  # checked here, so the text never reaches a query
            raise NameResolutionError(f"{text!r} is not a valid IRI ({err})") from err
        if not _exists(store, text):
            raise NameResolutionError(f"nothing in the store has the IRI {text!r}")
        return text
    if kind in ("country", "entity"):
        countries = find_countries(text)
        if len(countries) == 1:
            return iri.country_iri(countries[0].iso3)
        if kind == "country" and not countries:
            hits = _by_label(store, text, "country")
            if len(hits) == 1:
                return hits[0][0]
            raise NameResolutionError(
                f"{text!r} is not a country: give an ISO alpha-3 code (JPN) or a name (Japan)")
    hits = _by_label(store, text, kind)
    hs = re.fullmatch(r"hs[-\s]?([0-9]{2,6}|TOTAL)", text, re.I)
    if not hits and hs and kind in ("topic", "entity"):
        hits = _by_label(store, hs.group(1), "topic")  # "HS 87", "hs-87": the HS code
    if not hits and kind in ("person", "entity"):
        hits = _by_surname(store, text)
    if not hits:
        raise NameResolutionError(f"no {'entity' if kind == 'entity' else kind} is named {text!r}")
    if len(hits) > 1:
        listing = "\n".join(f"  {label}  <{node}>" for node, label in hits)
        raise NameResolutionError(
            f"{text!r} is ambiguous: it names {len(hits)} entities; give one of these IRIs:\n"
            + listing)
    return hits[0][0]
