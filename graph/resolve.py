"""Entities named the way analysts name them: `JPN`, `Japan`, `"Shigeru Ishiba"`, `Ishiba`, a
meeting's date, a sector's id or HS code, or a full IRI. An ambiguous name is an error that lists
the candidates.

A name is looked up by its match key (graph/keys.py), which the store writes beside every name,
alias, notation and date, and a topic by its id key: index lookups, however big the store. Only
the surname rule reads every person's name (people are few: 0.2 ms at 100,000 BACI rows), and the
"did you mean" of an unknown name reads every name, on the error path only."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import pyoxigraph as ox

from bilateral.core.errors import NameResolutionError
from bilateral.graph import iri
from bilateral.graph.keys import match_key
from bilateral.graph.store import OxigraphStore
from bilateral.ontology.countries import find_countries
from bilateral.ontology.vocab import BI

__all__ = ["KINDS", "LISTS", "match_key", "names", "resolve"]

KINDS = ("country", "person", "meeting", "topic", "treaty", "source", "entity")
_CLASSES = {
    "person": (BI.Person,),
    "meeting": (BI.Meeting,),
    "topic": (BI.Topic, BI.Sector),
    "treaty": (BI.Treaty,),
    "source": (BI.Source,),
    "country": (BI.Country,),
}
# Two plain patterns, each with its terms bound, so that every engine looks them up in an index
# (measured on Fuseki 5.6 at 100,000 BACI rows: one query joining the key with a UNION of the name
# properties took 10 s there, Jena matching each branch over the whole store; these take ms).
_BY_KEY = "SELECT DISTINCT ?s ?class WHERE { ?s ?matchKey ?key ; a ?class }"
_LABELS = "SELECT ?p (STR(?o) AS ?label) WHERE { ?s ?p ?o }"
_NAMED = (BI.name, BI.alias, BI.notation, BI.date)  # what a name is matched against (graph/keys.py)


# The lists `bilateral list` shows: (plural, classes, kind for resolve).
LISTS = {
    "topics": ((BI.Topic,), "topic"),
    "sectors": ((BI.Sector,), "topic"),
    "people": ((BI.Person,), "person"),
    "countries": ((BI.Country,), "country"),
    "meetings": ((BI.Meeting,), "meeting"),
    "sources": ((BI.Source,), "source"),
    "treaties": ((BI.Treaty,), "treaty"),
}
_PLURAL = {
    "topic": "topics",
    "person": "people",
    "country": "countries",
    "meeting": "meetings",
    "source": "sources",
    "treaty": "treaties",
}


def names(store: OxigraphStore, what: str) -> list[tuple[str, str]]:
    """(name, IRI) of every entity of a list (`topics`, `people`, ...), sorted by name."""
    if what not in LISTS:
        raise NameResolutionError(
            f"there is no list of {what!r}{_suggest(what, LISTS)}; the lists are: {', '.join(LISTS)}"
        )
    found: dict[str, str] = {}
    for cls in LISTS[what][0]:
        rows = store.select(
            "SELECT ?s (MIN(STR(?n)) AS ?name) WHERE { ?s a ?c . OPTIONAL { ?s ?namep ?n } } GROUP BY ?s",
            {"c": ox.NamedNode(cls), "namep": ox.NamedNode(BI.name)},
        )
        for node, name in rows.rows:
            found[str(node)] = str(name) if name is not None else str(node).rsplit("/", 1)[-1]
    return sorted(((name, node) for node, name in found.items()), key=lambda item: (match_key(item[0]), item[1]))


def _suggest(text: str, choices: Iterable[str]) -> str:
    by_key = {match_key(c): c for c in choices}
    close = difflib.get_close_matches(match_key(text), list(by_key), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(by_key[c]) for c in close)}?)" if close else ""


def _exists(store: OxigraphStore, node: str) -> bool:
    return store.ask("ASK { ?s ?p ?o }", {"s": ox.NamedNode(node)})


def _by_label(store: OxigraphStore, text: str, kind: str) -> list[tuple[str, str]]:
    classes = set(_CLASSES[kind] if kind in _CLASSES else (c for cs in _CLASSES.values() for c in cs))
    wanted = match_key(text)
    by_key: dict[str, ox.NamedNode | ox.Literal] = {"matchKey": ox.NamedNode(BI.matchKey), "key": ox.Literal(wanted)}
    labels: dict[str, set[str]] = {}
    for node in sorted({str(node) for node, cls in store.select(_BY_KEY, by_key).rows if str(cls) in classes}):
        for p, label in store.select(_LABELS, {"s": ox.NamedNode(node)}).rows:
            if str(p) in _NAMED and match_key(str(label)) == wanted:
                labels.setdefault(node, set()).add(str(label))
    hits = {node: min(found) for node, found in labels.items()}
    # Topics are also known by the id they were loaded with (the IRI's last segment).
    if kind in ("topic", "entity") and not hits:
        try:
            by_id: dict[str, ox.NamedNode | ox.Literal] = {
                "idKey": ox.NamedNode(BI.idKey),
                "key": ox.Literal(iri.segment(text)),
            }
        except ValueError:  # nothing an IRI could be minted from
            return []
        for (subject,) in store.select("SELECT DISTINCT ?s WHERE { ?s ?idKey ?key }", by_id).rows:
            hits[str(subject)] = text
    return sorted(hits.items())


def _by_surname(store: OxigraphStore, text: str) -> list[tuple[str, str]]:
    """People whose name ends with `text` (Ishiba, Mr. Ishiba): how articles and analysts
    name them after the first mention; else whose name starts with it (Shigeru), when only one does."""
    wanted = match_key(re.sub(r"^(mr|mrs|ms|dr|president|prime minister)\.?\s+", "", text.strip(), flags=re.I))
    rows = store.select(
        "SELECT DISTINCT ?s ?n WHERE { ?s a ?c ; ?name ?n }",
        {"c": ox.NamedNode(BI.Person), "name": ox.NamedNode(BI.name)},
    )
    surname = sorted({(str(s), str(n)) for s, n in rows.rows if match_key(str(n)).split(" ")[-1] == wanted})
    if surname:
        return surname
    first = sorted({(str(s), str(n)) for s, n in rows.rows if match_key(str(n)).split(" ")[0] == wanted})
    return first if len({s for s, _ in first}) == 1 else []


def resolve(store: OxigraphStore, text: str, kind: str = "entity", *, suggest: bool = True) -> str:
    """The IRI `text` names, of the given kind; raises NameResolutionError if none or several
    (with the close names of an unknown one, unless not `suggest`: that reads every name)."""
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
            raise NameResolutionError(f"{text!r} is not a country: give an ISO alpha-3 code (JPN) or a name (Japan)")
    hits = _by_label(store, text, kind)
    hs = re.fullmatch(r"hs[-\s]?([0-9]{2,6}|TOTAL)", text, re.I)
    if not hits and hs and kind in ("topic", "entity"):
        hits = _by_label(store, hs.group(1), "topic")  # "HS 87", "hs-87": the HS code
    if not hits and kind in ("person", "entity"):
        hits = _by_surname(store, text)
    if not hits:
        raise NameResolutionError(
            f"no {'entity' if kind == 'entity' else kind} is named {text!r}"
            + (_unknown_hint(store, text, kind) if suggest else "")
        )
    if len(hits) > 1:
        listing = "\n".join(f"  {label}  <{node}>" for node, label in hits)
        raise NameResolutionError(
            f"{text!r} is ambiguous: it names {len(hits)} entities; give one of these IRIs:\n" + listing
        )
    return hits[0][0]


def _unknown_hint(store: OxigraphStore, text: str, kind: str) -> str:
    """The close names (did you mean) and the command that lists them all."""
    lists = [k for k, (_, of) in LISTS.items() if of == kind] or (list(LISTS) if kind == "entity" else [])
    choices = [name for what in lists for name, _ in names(store, what)]
    where = " or ".join(f"bilateral list {what}" for what in lists[:2])
    return _suggest(text, choices) + (f"; {where} shows them all" if where and kind != "entity" else "")
