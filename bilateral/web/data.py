"""What the pages show, asked of the API (KnowledgeGraph and the catalog); no pipeline of its own."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from bilateral import queries
from bilateral.api import KnowledgeGraph
from bilateral.core.errors import BilateralError
from bilateral.graph.store import Rows
from bilateral.ontology.vocab import NS

__all__ = ["Fact", "LabelIndex", "dyad", "entity_facts", "label", "label_index", "labels", "neighbourhood", "search"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
QUERY_DIR = Path(__file__).parent / "queries"  # the pages' own SPARQL, one file a question
_BATCH = 500  # nodes named in one query (a VALUES block stays small)


@cache
def sparql(name: str) -> str:
    """The text of queries/NAME.rq."""
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def ask(kg: KnowledgeGraph, name: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Rows:
    """A page's query (queries/NAME.rq), its parameters given as bindings."""
    return kg.select(sparql(name), bindings)


def _for_nodes(text: str, nodes: Iterable[str]) -> str:
    """The query with ?s bound to each of `nodes`: a VALUES block of IRIs written by pyoxigraph
    (escaped), never text pasted in (a binding gives one value; this gives many at once)."""
    terms = " ".join(str(ox.NamedNode(n)) for n in nodes)
    return text.replace("WHERE {", f"WHERE {{ VALUES ?s {{ {terms} }}", 1)


@dataclass(frozen=True)
class Fact:
    predicate: str
    value: Any
    is_node: bool
    sources: tuple[str, ...]
    incoming: bool = False


def local(term: str) -> str:
    """A term of the ontology by its local name; any other by its last segment."""
    if term.startswith(NS):
        return term.removeprefix(NS)
    return term.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class LabelIndex:
    """Every name, alias and code of the entities search finds: asked once per state of the store."""

    rows: list[tuple[str, str, str, str]]  # node, class, label, the label casefolded
    keys: dict[str, list[tuple[str, str, str]]]  # a whole label and each of its words -> node, class, label


def label_index(kg: KnowledgeGraph) -> LabelIndex:
    kinds: dict[str, list[str]] = {}
    for node, cls in ask(kg, "searchable").rows:
        kinds.setdefault(str(node), []).append(local(str(cls)))
    rows = sorted(
        {
            (str(node), cls, str(text), str(text).casefold())
            for node, text in ask(kg, "labels").rows
            for cls in kinds.get(str(node), ())
        }
    )
    keys: dict[str, list[tuple[str, str, str]]] = {}
    for node, cls, text, folded in rows:
        for key in {folded, *folded.split()}:  # each word too: a typo in a surname ("Ishbia")
            keys.setdefault(key, []).append((node, cls, text))
    return LabelIndex(rows, keys)


def search(
    kg: KnowledgeGraph, text: str, index: LabelIndex | None = None, limit: int = 30
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Entities whose name, alias or code contains `text`; then close matches for a typo."""
    wanted = text.strip().casefold()
    if not wanted:
        return [], []
    index = index or label_index(kg)
    found: dict[str, dict[str, str]] = {}
    for node, cls, label_text, folded in index.rows:
        if wanted in folded and node not in found:
            found[node] = {"iri": node, "class": cls, "label": label_text}
    try:  # what the CLI would resolve it to (a meeting by its date, an IRI), unless the text is a
        # name or a word of one, whose entities are hits already; close names come from the index
        # below, not from the resolver's error (which reads every name again: 0.6 s at 1M flows)
        hit = kg.resolve(text, suggest=False) if wanted not in index.keys else None
        if hit is not None and hit not in found:
            found[hit] = {"iri": hit, "class": ", ".join(classes(kg, hit)), "label": label(kg, hit)}
    except BilateralError:
        pass
    close: list[dict[str, str]] = []
    if not found:
        seen: set[str] = set()
        for key in difflib.get_close_matches(wanted, list(index.keys), n=8, cutoff=0.6):
            for node, cls, text_label in index.keys[key]:
                if node not in seen:
                    seen.add(node)
                    close.append({"iri": node, "class": cls, "label": text_label})
    ordered = sorted(found.values(), key=lambda h: (h["label"].casefold() != wanted, h["label"]))
    return ordered[:limit], close


def label(kg: KnowledgeGraph, node: str) -> str:
    """Its name; else what a nameless node is known by (a statement's text, a tenure's office)."""
    return labels(kg, [node])[node]


def labels(kg: KnowledgeGraph, nodes: Iterable[str]) -> dict[str, str]:
    """The label of each node (as `label`), asked of the store a batch of nodes at a time."""
    wanted = list(dict.fromkeys(nodes))
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), _BATCH):
        for node, rank, value in kg.select(_for_nodes(sparql("label"), wanted[start : start + _BATCH])).rows:
            key, order = str(node), int(str(rank))
            if key not in found or order < found[key][0]:
                found[key] = (order, data_text(value))
    shown = {n: found[n][1] if n in found else local(n) for n in wanted}
    return {n: text if len(text) <= 80 else text[:79] + "…" for n, text in shown.items()}


def data_text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def classes(kg: KnowledgeGraph, node: str) -> list[str]:
    rows = ask(kg, "classes", {"s": ox.NamedNode(node)}).rows
    return sorted(local(str(c)) for (c,) in rows)


def entity_facts(kg: KnowledgeGraph, node: str) -> tuple[list[Fact], list[Fact]]:
    """Every fact about `node` (outgoing, then incoming; at most 500 each), each with the sources
    asserting it."""
    subject = {"s": ox.NamedNode(node)}
    outgoing, incoming = ask(kg, "facts-out", subject), ask(kg, "facts-in", subject)
    node_values = _nodes([row[1] for row in outgoing.rows])
    out = [Fact(str(p), o, str(o) in node_values, tuple(str(g).split())) for p, o, g in outgoing.rows]
    inc = [Fact(str(p), x, True, tuple(str(g).split()), incoming=True) for p, x, g in incoming.rows]
    return out, inc


def _nodes(values: list[object]) -> set[str]:
    """Which values are IRIs (shown as links); literals that look like IRIs are rare in this graph."""
    return {v for v in values if isinstance(v, str) and v.startswith(("http://", "https://", "urn:"))}


def conflicts(facts: list[Fact]) -> set[str]:
    """Predicates with more than one value from different sources (shown side by side)."""
    by_p: dict[str, set[str]] = {}
    for fact in facts:
        if not fact.incoming and fact.predicate != RDF_TYPE:
            by_p.setdefault(fact.predicate, set()).add(str(fact.value))
    return {p for p, values in by_p.items() if len(values) > 1}


def rows_of(kg: KnowledgeGraph, name: str, params: dict[str, str]) -> dict[str, Any]:
    """A catalog query's rows, or the error it gave (a page shows it instead of failing)."""
    try:
        rows = kg.query_rows(name, params)
        return {"columns": rows.columns, "rows": rows.rows, "error": None, "name": name, "params": params}
    except BilateralError as err:
        return {"columns": [], "rows": [], "error": str(err), "name": name, "params": params}


def leaders(kg: KnowledgeGraph, country: str) -> list[tuple[Any, ...]]:
    """Who held which office of a country, from when to when, by which source."""
    return ask(kg, "tenures", {"c": ox.NamedNode(country)}).rows


def dyad(kg: KnowledgeGraph, a: str, b: str, year: int | None = None) -> dict[str, Any]:
    """Everything the dyad page shows, each part from the catalog."""
    a_iri, b_iri = kg.resolve(a, "country"), kg.resolve(b, "country")
    balance = dyad_balance(kg, a, b)
    year = year or dyad_year(balance)
    return {
        "a": a,
        "b": b,
        "a_name": label(kg, a_iri),
        "b_name": label(kg, b_iri),
        "a_iri": a_iri,
        "b_iri": b_iri,
        "year": year,
        "leaders": {a: leaders(kg, a_iri), b: leaders(kg, b_iri)},
        "timeline": rows_of(kg, "dyad-timeline", {"a": a, "b": b}),
        "balance": balance,
        "top": [top_sectors(kg, a, b, year), top_sectors(kg, b, a, year)],
        "mirror": rows_of(kg, "mirror-asymmetry", {"a": a, "b": b, "year": str(year)}),
        "treaties": rows_of(kg, "alliances-in-force", {"a": a, "b": b, "date": dt.date.today().isoformat()}),
        "meetings": rows_of(kg, "meetings-between", {"a": a, "b": b}),
    }


def dyad_balance(kg: KnowledgeGraph, a: str, b: str) -> dict[str, Any]:
    """The goods balance of a and b by year and source (the dyad page's balance, and its chart's)."""
    return rows_of(kg, "trade-balance", {"a": a, "b": b})


def dyad_year(balance: dict[str, Any]) -> int:
    """The year a dyad page shows figures for when none is asked: the latest with a balance."""
    years = sorted({int(r[0]) for r in balance["rows"] if r[0] is not None})
    return years[-1] if years else dt.date.today().year - 1


def top_sectors(kg: KnowledgeGraph, exporter: str, importer: str, year: int) -> dict[str, Any]:
    """The five largest sectors of what `exporter` sells `importer` in `year`."""
    return rows_of(kg, "top-sectors", {"exporter": exporter, "importer": importer, "year": str(year), "n": "5"})


def neighbourhood(kg: KnowledgeGraph, node: str, cap: int = 25) -> dict[str, Any]:
    """An entity and its neighbours as cytoscape elements, at most `cap` of them ("and N more").

    Asked of the store directly (one step, capped), so a hub with thousands of trade flows
    costs a capped query, not a projection of the whole graph."""
    subject = {"s": ox.NamedNode(node)}
    rows = ask(kg, "neighbours", subject).rows
    total = ask(kg, "neighbour-count", subject).rows[0][0]
    shown: list[tuple[str, str, bool]] = []
    seen = {node}
    for other, predicate, out in rows:
        if str(other) in seen:
            continue
        if len(shown) >= cap:
            break
        seen.add(str(other))
        shown.append((str(other), str(predicate), bool(out)))
    names = labels(kg, [node] + [other for other, _, _ in shown])
    nodes = [
        {"data": {"id": n, "label": names[n], "classes": " ".join(classes(kg, n))}}
        for n in [node] + [other for other, _, _ in shown]
    ]
    edges: list[dict[str, Any]] = []
    for other, predicate, out in shown:
        ends = (node, other) if out else (other, node)
        edges.append(
            {
                "data": {
                    "id": f"{ends[0]} {predicate} {ends[1]}",
                    "source": ends[0],
                    "target": ends[1],
                    "label": local(predicate),
                }
            }
        )
    total = int(str(total)) - (1 if any(str(r[0]) == node for r in rows) else 0)
    return {"elements": nodes + edges, "more": max(0, total - len(edges)), "total": total}


def catalog() -> list[queries.CatalogQuery]:
    return list(queries.catalog().values())
