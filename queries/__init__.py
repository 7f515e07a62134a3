"""The query catalog: `NAME.rq` and `NAME.cypher` answer the same question.

Each file starts with a header of comment lines (`#` in SPARQL, `//` in Cypher):

    name: leader-on
    answers: Who held an office of a country on a day.
    param country: country            the country (JPN, Japan or an IRI)
    param office: string?             optional (a trailing ?)
    columns: person, name, office

Parameter values reach a query only as bindings: a SPARQL VALUES block of RDF terms, Cypher
`$parameters`. A parameter of type `years` (2024, or 2023-2024) binds `NAME_from` and `NAME_to`.
A header line `dyad: a b` also binds `dyad` to the dyad of countries a and b (unbound unless both
are given ISO countries): the store then looks the pair's few nodes up by it instead of scanning.
A body line `#without dyad: PATTERN` is a comment while the dyad is bound, and PATTERN part of the
query when it is not (`CatalogQuery.text`): a whole-store question can then start from a narrower
pattern that would be wasted work when the pair is known.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from bilateral.core.errors import NameResolutionError, QueryError
from bilateral.graph import iri
from bilateral.graph.store import Rows

__all__ = ["PARAM_TYPES", "QUERY_DIR", "CatalogQuery", "Param", "catalog", "finish", "get", "parse_header"]

QUERY_DIR = Path(str(resources.files(__name__)))
ENTITY_TYPES = ("country", "person", "meeting", "topic", "treaty", "source", "entity")
PARAM_TYPES = (*ENTITY_TYPES, "date", "year", "years", "integer", "string")
_HEADER = re.compile(r"^\s*(?:#|//)\s?(.*)$")
_PARAM = re.compile(r"^param\s+([a-z_][a-z0-9_]*)\s*:\s*([a-z]+)(\??)\s*(.*)$")
_WITHOUT_DYAD = re.compile(r"^(\s*)#without dyad:\s?(.*)$", re.MULTILINE)


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
    dyad: tuple[str, ...] = ()  # the two country parameters whose dyad is bound as `dyad`

    def text(self, values: Mapping[str, object]) -> str:
        """The SPARQL to run with these values: `#without dyad:` lines made part of the query when
        the dyad is unbound."""
        if self.dyad and values.get("dyad") is None:
            return _WITHOUT_DYAD.sub(r"\1\2", self.sparql)
        return self.sparql

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
            what = (
                f"unknown parameter(s) {', '.join(unknown)}{_did_you_mean(unknown, known)}"
                if unknown
                else f"missing parameter(s) {', '.join(missing)}"
            )
            raise QueryError(f"{self.name}: {what}; its parameters are: {self.usage()}")
        values: dict[str, object] = {}
        for p in self.params:
            text = given.get(p.name)
            if p.type == "years":
                lo, hi = _years(self.name, p.name, text)
                values[f"{p.name}_from"], values[f"{p.name}_to"] = lo, hi
                continue
            values[p.name] = None if text is None else _typed(self.name, p, text, resolve)
        if self.dyad:
            values["dyad"] = _dyad(*(values[name] for name in self.dyad))
        return values


def _dyad(a: object, b: object) -> str | None:
    """The IRI of the dyad of two ISO countries given by IRI, else None (left unbound)."""
    prefix = iri.country_iri("")
    codes = [str(c).removeprefix(prefix) for c in (a, b) if isinstance(c, str) and c.startswith(prefix)]
    if len(codes) != 2 or codes[0] == codes[1] or not all(re.fullmatch(r"[A-Z]{3}", c) for c in codes):
        return None
    return iri.dyad_iri(*codes)


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
        expected = {"date": "an ISO date (2025-02-07)", "year": "a year (2024)", "integer": "a whole number"}.get(
            p.type, f"a {p.type}"
        )
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
                raise QueryError(
                    f"{file}: parameter {name} has unknown type {kind!r}; expected one of {', '.join(PARAM_TYPES)}"
                )
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
            name=rq.stem,
            answers=str(head["answers"]),
            params=tuple(head["params"]),  # type: ignore[arg-type]
            columns=tuple(c.strip() for c in str(head["columns"]).split(",")),
            sparql=text,
            cypher=cypher,
            dyad=tuple(str(head.get("dyad", "")).split()),
        )
    return out


def get(name: str) -> CatalogQuery:
    queries = catalog()
    if name not in queries:
        raise QueryError(
            f"no query named {name!r} in the catalog{_did_you_mean([name], queries)}; there are: "
            + ", ".join(sorted(queries))
        )
    return queries[name]


def _did_you_mean(wrong: list[str], known: Iterable[str]) -> str:
    """` (did you mean 'leader-on'?)` for the closest known names, or nothing."""
    close = sorted({m for w in wrong for m in difflib.get_close_matches(w, list(known), n=2, cutoff=0.6)})
    return f" (did you mean {' or '.join(repr(m) for m in close)}?)" if close else ""


# -- what the runner does after the SPARQL -------------------------------------------------------
# Ranking inside SPARQL is a self-join (each row against every larger one) that the store answers
# slowly at BACI sizes; the few rows a pair-bound question returns are ranked here instead.


def _top_sectors(rows: Rows, values: Mapping[str, Any]) -> Rows:
    """Rank each flow within its source and currency (1 + the flows of larger value) and keep the
    ranks up to n, one row per sector, value and reporter."""
    found: list[dict[str, Any]] = rows.dicts()
    groups: dict[tuple[Any, Any], list[Any]] = {}
    for row in found:
        groups.setdefault((row["source"], row["currency"]), []).append(row["value"])
    for group in groups.values():  # sorted, so that a rank is a bisection (a pair has ~1,000 flows)
        group.sort()
    n = values["n"]
    out: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in found:
        group = groups[(row["source"], row["currency"])]
        rank = 1 + len(group) - bisect.bisect_right(group, row["value"])
        if rank <= n:
            key = (row["sector"], row["value"], row["currency"], row["reporter"], row["source"])
            out[key] = (rank, row["sector"], row["name"], *key[1:])
    ordered = sorted(out.values(), key=lambda r: (str(r[6]), str(r[4]), r[0], str(r[1])))
    return Rows(["rank", "sector", "name", "value", "currency", "reporter", "source"], ordered)


def _percent(gap: Decimal, base: Decimal) -> Decimal | None:
    """ROUND(10000 * gap / base) / 100 as SPARQL computes it (ties toward positive infinity)."""
    if base == 0:
        return None
    return (Decimal(10000) * gap / base + Decimal("0.5")).to_integral_value(ROUND_FLOOR) / 100


def _unbound_first(row: tuple[Any, ...]) -> tuple[tuple[bool, str], ...]:
    return tuple((v is not None, str(v)) for v in row)


def _mirror_asymmetry(rows: Rows, values: Mapping[str, Any]) -> Rows:
    """For each direction, sector and currency: every figure the exporter reports beside every
    figure the importer reports (None where a side reports none), and the gap between them."""
    sides: dict[tuple[Any, ...], dict[str, set[tuple[Any, Any]]]] = {}
    labels: dict[tuple[Any, ...], set[tuple[Any, Any, Any]]] = {}
    found: list[dict[str, Any]] = rows.dicts()
    for row in found:
        if row["exporter"] is None or row["importer"] is None:
            continue
        key = (row["x"], row["y"], row["s"], row["currency"])
        sides.setdefault(key, {"exporter": set(), "importer": set()})[str(row["side"])].add(
            (row["value"], row["source"])
        )
        labels.setdefault(key, set()).add((row["exporter"], row["importer"], row["sector"]))
    out: set[tuple[Any, ...]] = set()
    for group, side in sides.items():
        for exporter, importer, sector in labels[group]:
            for ev, es in side["exporter"] or {(None, None)}:
                for iv, is_ in side["importer"] or {(None, None)}:
                    gap = None if ev is None or iv is None else Decimal(str(iv)) - Decimal(str(ev))
                    percent = None if gap is None else _percent(gap, Decimal(str(ev)))
                    out.add((exporter, importer, sector, group[3], ev, es, iv, is_, gap, percent))
    columns = [
        "exporter",
        "importer",
        "sector",
        "currency",
        "exporter_reports",
        "exporter_source",
        "importer_reports",
        "importer_source",
        "gap",
        "gap_percent",
    ]
    order = [0, 1, 2, 3, 5, 7]  # ORDER BY exporter importer sector currency exporter_source importer_source
    return Rows(columns, sorted(out, key=lambda r: _unbound_first(tuple(r[i] for i in order))))


def _trade_balance(rows: Rows, values: Mapping[str, Any]) -> Rows:
    """One row per total flow or reported balance of the pair (its year, source, reporter and
    currency) with the exports, imports and reported balance of that source, year and currency."""
    found: list[dict[str, Any]] = rows.dicts()
    figures: dict[tuple[Any, ...], set[Any]] = {}
    for row in found:
        if row["value"] is None:
            continue
        key = (row["source"], row["year"], row["currency"])
        a_side = row["x"] == values["a"]
        if row["kind"] == "flow":
            figures.setdefault(("exports" if a_side else "imports", *key), set()).add(row["value"])
        else:  # a balance reported from b's side is turned to a's
            figures.setdefault(("balance", *key), set()).add(row["value"] if a_side else -row["value"])
    out: set[tuple[Any, ...]] = set()
    for row in found:
        key = (row["source"], row["year"], row["currency"])
        for exports in figures.get(("exports", *key)) or {None}:
            for imports in figures.get(("imports", *key)) or {None}:
                computed = None if exports is None or imports is None else exports - imports
                for balance in figures.get(("balance", *key)) or {None}:
                    out.add(
                        (
                            row["year"],
                            row["source"],
                            row["reporter"],
                            row["currency"],
                            exports,
                            imports,
                            computed,
                            balance,
                        )
                    )
    columns = ["year", "source", "reporter", "currency", "exports", "imports", "balance_computed", "balance_reported"]
    return Rows(columns, sorted(out, key=lambda r: _unbound_first((r[0], r[1], r[3]))))


def _conflicting_figures(rows: Rows, values: Mapping[str, Any]) -> Rows:
    """Every side of each figure (metric, countries, sector, year, currency) given with more than
    one value (distinct RDF terms, as SPARQL's COUNT(DISTINCT) counts them)."""
    found: list[dict[str, Any]] = rows.dicts()
    terms: dict[tuple[Any, ...], set[Any]] = {}
    for row in found:
        key = (row["metric"], row["c"], row["p"], row["s"], row["year"], row["currency"])
        terms.setdefault(key, set()).add(row["term"])
    columns = ["metric", "country", "partner", "year", "currency", "value", "approximate", "source"]
    out = {
        tuple(row[c] for c in columns)
        for row in found
        if len(terms[(row["metric"], row["c"], row["p"], row["s"], row["year"], row["currency"])]) > 1
    }
    return Rows(columns, sorted(out, key=lambda r: _unbound_first((*r[:5], r[7]))))


_FINISH: dict[str, Callable[[Rows, Mapping[str, object]], Rows]] = {
    "conflicting-figures": _conflicting_figures,
    "top-sectors": _top_sectors,
    "mirror-asymmetry": _mirror_asymmetry,
    "trade-balance": _trade_balance,
}


def finish(query: CatalogQuery, rows: Rows, values: Mapping[str, object]) -> Rows:
    """The SPARQL rows of `query` after what the runner does for it (ranking, top-N), if anything."""
    step = _FINISH.get(query.name)
    return step(rows, values) if step else rows
