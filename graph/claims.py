"""Claims against data: a figure an article states, compared with the graph's observations.

A claim (indicator, country, partner, year, value, currency) is compared with every observation
of the same measure, dyad, year and currency:

- `IndicatorObservation`s of the same indicator and orientation, and their mirror: the
  partner's balance with the country (sign flipped: Japan's surplus with the US is the US
  deficit with Japan), or the partner's imports for the country's exports (and back);
- for goods exports and imports, the all-goods `TradeFlow`s that go the same way (any reporter).

Claims themselves (`bi:Claim`) and the facts of the claim's own source are never compared
with. The verdict is "agrees (within 2%)" when the closest observation is within 2% of the claim,
"differs by N%" (N relative to the closest observation) otherwise, and "no data" when nothing
is comparable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from bilateral.graph import iri
from bilateral.graph.rdf import literal
from bilateral.graph.store import OxigraphStore
from bilateral.loaders.records import Claim
from bilateral.ontology.vocab import NS

__all__ = [
    "AGREES",
    "NO_DATA",
    "TOLERANCE_PCT",
    "ClaimCheck",
    "Observation",
    "check_claims",
    "check_figure",
    "verdict_of",
]

TOLERANCE_PCT = Decimal(2)
AGREES = "agrees (within 2%)"
NO_DATA = "no data"
PREFIX = f"PREFIX bi: <{NS}>\n"

# indicator -> the indicator that measures the same thing from the partner's side, and the sign
_MIRROR = {
    "goods_balance": ("goods_balance", -1),
    "goods_exports": ("goods_imports", 1),
    "goods_imports": ("goods_exports", 1),
    "trade_exports": ("trade_imports", 1),
    "trade_imports": ("trade_exports", 1),
}

_INDICATORS = (
    PREFIX
    + """
SELECT ?o ?g ?country ?partner ?value ?currency ?reporter WHERE {
  GRAPH ?g { ?o a bi:IndicatorObservation ; bi:indicator ?indicator ; bi:year ?year ;
                bi:country ?country ; bi:partner ?partner ; bi:value ?value .
             OPTIONAL { ?o bi:currency ?currency }
             OPTIONAL { ?o bi:reporter ?reporter } }
  FILTER NOT EXISTS { ?o a bi:Claim }
}"""
)

_FLOWS = (
    PREFIX
    + """
SELECT ?o ?g ?value ?currency ?reporter ?sector ?notation WHERE {
  GRAPH ?g { ?o a bi:TradeFlow ; bi:exporter ?exporter ; bi:importer ?importer ; bi:year ?year ;
                bi:value ?value ; bi:sector ?sector .
             OPTIONAL { ?o bi:currency ?currency }
             OPTIONAL { ?o bi:reporter ?reporter } }
  OPTIONAL { ?sector bi:notation ?notation }
}"""
)


@dataclass(frozen=True)
class Observation:
    """One figure of the graph a claim was compared with."""

    iri: str
    value: Decimal  # as comparable with the claim (a mirror's sign turned)
    stored_value: Decimal
    currency: str
    source: str  # the graph (source) that asserts it
    kind: str  # "indicator", "mirror indicator" or "trade flow"
    reporter: str | None = None


@dataclass(frozen=True)
class ClaimCheck:
    verdict: str
    compared: tuple[Observation, ...]  # closest first
    difference_pct: Decimal | None = None  # relative to the closest observation

    @property
    def checked_against(self) -> tuple[str, ...]:
        return tuple(o.iri for o in self.compared)

    @property
    def closest(self) -> Observation | None:
        return self.compared[0] if self.compared else None


def _pct(claim: Decimal, observed: Decimal) -> Decimal:
    if observed == 0:
        return Decimal(0) if claim == 0 else Decimal("Infinity")
    return abs(claim - observed) / abs(observed) * 100


def verdict_of(value: Decimal, observations: Iterable[Observation]) -> ClaimCheck:
    """The verdict of a claimed value against observations (closest first in the result)."""
    ranked = sorted(observations, key=lambda o: (_pct(value, o.value), o.source, o.iri))
    if not ranked:
        return ClaimCheck(NO_DATA, ())
    pct = _pct(value, ranked[0].value)
    if pct <= TOLERANCE_PCT:
        return ClaimCheck(AGREES, tuple(ranked), pct)
    shown = "more than 1000" if pct > 1000 else f"{pct:.1f}"
    return ClaimCheck(f"differs by {shown}%", tuple(ranked), pct)


def _code(node: object) -> str:
    return str(node).rsplit("/", 1)[-1].upper()


def check_figure(
    store: OxigraphStore,
    *,
    indicator: str,
    country: str,
    partner: str,
    year: int,
    value: Decimal,
    currency: str | None,
    exclude_graphs: Iterable[str] = (),
) -> ClaimCheck:
    """Compare one claimed figure with the store's observations (see the module docstring)."""
    if not currency:
        return ClaimCheck(NO_DATA, ())
    excluded = set(exclude_graphs)
    wanted = currency.upper()
    found: dict[str, Observation] = {}
    country, partner = country.upper(), partner.upper()

    def keep(o: object, g: object, v: object, cur: object, rep: object, comparable: Decimal, kind: str) -> None:
        if str(g) in excluded or not isinstance(v, Decimal) or str(cur or "").upper() != wanted:
            return
        found.setdefault(str(o), Observation(str(o), comparable, v, wanted, str(g), kind, _code(rep) if rep else None))

    mirror, sign = _MIRROR.get(indicator, (None, 1))
    for name, orientation in ((indicator, (country, partner)), (mirror, (partner, country))):
        if name is None:
            continue
        rows = store.select(_INDICATORS, {"indicator": literal(name), "year": literal(year)}).rows
        for o, g, c, p, v, cur, rep in rows:
            if (_code(c), _code(p)) != orientation:
                continue
            same = name == indicator and orientation == (country, partner)
            if not isinstance(v, Decimal):
                continue
            keep(o, g, v, cur, rep, v if same else v * sign, "indicator" if same else "mirror indicator")
    if indicator in ("goods_exports", "goods_imports"):
        exporter, importer = (country, partner) if indicator == "goods_exports" else (partner, country)
        rows = store.select(
            _FLOWS,
            {
                "exporter": ox.NamedNode(iri.country_iri(exporter)),
                "importer": ox.NamedNode(iri.country_iri(importer)),
                "year": literal(year),
            },
        ).rows
        for o, g, v, cur, rep, sector, notation in rows:
            all_goods = str(notation or "").casefold() == "total" or str(sector).rsplit("/", 1)[-1] == "total"
            if all_goods and isinstance(v, Decimal):
                keep(o, g, v, cur, rep, v, "trade flow")
    return verdict_of(value, found.values())


def check_claims(store: OxigraphStore, claims: Iterable[Claim]) -> list[Claim]:
    """The claims with their verdict and the IRIs they were checked against filled in; the
    facts of each claim's own source are left out of its comparison."""
    out = []
    for claim in claims:
        result = check_figure(
            store,
            indicator=claim.indicator,
            country=claim.country,
            partner=claim.partner,
            year=claim.year,
            value=claim.value,
            currency=claim.currency,
            exclude_graphs=[iri.source_iri(claim.source)],
        )
        out.append(dataclasses.replace(claim, verdict=result.verdict, checked_against=result.checked_against))
    return out
