"""The query catalog: `NAME.rq` and `NAME.cypher` answer the same question.

Each file starts with a header of comment lines (`#` in SPARQL, `//` in Cypher):

    name: leader-on
    answers: Who held an office of a country on a day.
    param country: country            the country (JPN, Japan or an IRI)
    param office: string?             optional (a trailing ?)
    columns: person, name, office

Parameter values reach a query only as bindings: a SPARQL VALUES block of RDF terms, Cypher
`$parameters`. A parameter of type `years` (2024, or 2023-2024) binds `NAME_from` and `NAME_to`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from bilateral.core.errors import NameResolutionError, QueryError

__all__ = ["PARAM_TYPES", "QUERY_DIR", "CatalogQuery", "Param", "catalog", "get", "parse_header"]

QUERY_DIR = Path(str(resources.files(__name__)))
ENTITY_TYPES = ("country", "person", "meeting", "topic", "treaty", "source", "entity")
PARAM_TYPES = (*ENTITY_TYPES, "date", "year", "years", "integer", "string")
_HEADER = re.compile(r"^\s*(?:#|//)\s?(.*)$")
_PARAM = re.compile(r"^param\s+([a-z_][a-z0-9_]*)\s*:\s*([a-z]+)(\??)\s*(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    doc: str


@dataclass(frozen=True)
class CatalogQuery:
    name: str
    answers: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    sparql: str
    cypher: str | None

    def usage(self) -> str:
        parts = [f"{p.name}={p.type}{'?' if p.optional else ''}" for p in self.params]
        return f"{self.name} " + " ".join(parts)

    def bind(self, given: Mapping[str, str], resolve: Callable[[str, str], str]) -> dict[str, object]:
        """Typed values for every parameter (None for an optional one not given).

        `resolve(text, kind)` turns an analyst's name into an IRI. Unknown, missing or badly
        typed parameters raise QueryError listing this query's parameters.
        """
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        missing = [p.name for p in self.params if not p.optional and p.name not in given]
        if unknown or missing:
            what = (f"unknown parameter(s) {', '.join(unknown)}{_did_you_mean(unknown, known)}" if unknown else
                    f"missing parameter(s) {', '.join(missing)}")
            raise QueryError(f"{self.name}: {what}; its parameters are: {self.usage()}")
        values: dict[str, object] = {}
        for p in self.params:
            text = given.get(p.name)
            if p.type == "years":
                lo, hi = _years(self.name, p.name, text)
                values[f"{p.name}_from"], values[f"{p.name}_to"] = lo, hi
                continue
            values[p.name] = None if text is None else _typed(self.name, p, text, resolve)
        return values


def _years(query: str, name: str, text: str | None) -> tuple[int | None, int | None]:
    if text is None:
        return None, None
    found = re.fullmatch(r"\s*([12][0-9]{3})\s*(?:[-:]\s*([12][0-9]{3})\s*)?", text)
    if not found:
        raise QueryError(f"{query}: {name}={text!r} is not a year (2024) or a range (2023-2024)")
    lo = int(found.group(1))
    hi = int(found.group(2) or lo)
    return min(lo, hi), max(lo, hi)


def _typed(query: str, p: Param, text: str, resolve: Callable[[str, str], str]) -> object:
    if p.type in ENTITY_TYPES:
        try:
            return resolve(text, p.type)
        except NameResolutionError as err:  # name the parameter as well as the value
            raise NameResolutionError(f"{query}: {p.name}={text!r}: {err}") from err
    try:
        if p.type == "date":
            return dt.date.fromisoformat(text)
        if p.type in ("year", "integer"):
            number = int(text)
            if p.type == "year" and not 1000 <= number <= 2999:
                raise ValueError
            return number
        return text
    except ValueError:
        expected = {"date": "an ISO date (2025-02-07)", "year": "a year (2024)",
                    "integer": "a whole number"}.get(p.type, f"a {p.type}")
        raise QueryError(f"{query}: {p.name}={text!r} is not {expected}") from None


def sparql_term(value: object) -> ox.NamedNode | ox.Literal | None:
    """A bound value as an RDF term: IRIs for entities, typed literals for the rest."""
    if value is None:
        return None
    if isinstance(value, str) and re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I):
        try:
            return ox.NamedNode(value)
        except ValueError:  # not an IRI after all (entities are checked IRIs): a plain string
            return ox.Literal(value)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(xsd + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(xsd + "integer"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(xsd + "date"))
    return ox.Literal(str(value))


def parse_header(text: str, file: str) -> dict[str, object]:
    """The header fields of a query file."""
    fields: dict[str, object] = {"params": []}
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.strip():
                break
            continue
        body = m.group(1).strip()
        pm = _PARAM.match(body)
        if pm:
            name, kind, opt, doc = pm.groups()
            if kind not in PARAM_TYPES:
                raise QueryError(f"{file}: parameter {name} has unknown type {kind!r}; "
                                 f"expected one of {', '.join(PARAM_TYPES)}")
            fields["params"].append(Param(name, kind, bool(opt), doc.strip()))  # type: ignore[attr-defined]
        elif ":" in body:
            key, _, value = body.partition(":")
            fields[key.strip()] = value.strip()
    for required in ("name", "answers", "columns"):
        if required not in fields:
            raise QueryError(f"{file}: the header has no {required!r} line")
    return fields


@cache
def catalog() -> dict[str, CatalogQuery]:
    """Every query of the catalog, by name."""
    out: dict[str, CatalogQuery] = {}
    for rq in sorted(QUERY_DIR.glob("*.rq")):
        text = rq.read_text(encoding="utf-8")
        head = parse_header(text, rq.name)
        if head["name"] != rq.stem:
            raise QueryError(f"{rq.name}: header name {head['name']!r} differs from the file name")
        twin = rq.with_suffix(".cypher")
        cypher = twin.read_text(encoding="utf-8") if twin.exists() else None
        out[rq.stem] = CatalogQuery(
            name=rq.stem, answers=str(head["answers"]), params=tuple(head["params"]),  # type: ignore[arg-type]
            columns=tuple(c.strip() for c in str(head["columns"]).split(",")),
            sparql=text, cypher=cypher)
    return out


def get(name: str) -> CatalogQuery:
    queries = catalog()
    if name not in queries:
        raise QueryError(f"no query named {name!r} in the catalog{_did_you_mean([name], queries)}; there are: "
                         + ", ".join(sorted(queries)))
    return queries[name]


def _did_you_mean(wrong: list[str], known: Iterable[str]) -> str:
    """` (did you mean 'leader-on'?)` for the closest known names, or nothing."""
    close = sorted({m for w in wrong for m in difflib.get_close_matches(w, list(known), n=2, cutoff=0.6)})
    return f" (did you mean {' or '.join(repr(m) for m in close)}?)" if close else ""
