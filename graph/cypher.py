"""The Cypher text that writes a property-graph projection (graph/mapping.py) into Neo4j, for its
two writers: the sync (graph/neo4j.py, over Bolt) and the cypher export (a cypher-shell script).

Values travel only as parameters (`UNWIND $rows AS row`). Labels and relationship types cannot
be parameters: they are written into the text only from the ontology-derived names of
graph/mapping.py, each checked against its strict pattern here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, LiteralString

from bilateral.graph.mapping import LABELS, Projection, check_label, check_rel_type

__all__ = [
    "ALL_LABELS",
    "GENERIC_LABEL",
    "Batch",
    "batches",
    "checked",
    "create_rels",
    "node_batches",
    "rel_batches",
    "uri_constraint",
]

GENERIC_LABEL = check_label("Resource")
"""Every projected node has it (unique `uri`), so MERGE by uri works whatever its other labels."""
ALL_LABELS = tuple(sorted(LABELS.values()))


def checked(text: str) -> LiteralString:
    """Query text built from checked ontology names only (the driver asks for a LiteralString:
    our texts are literals plus names from graph.mapping, each checked by pattern)."""
    return text  # type: ignore[return-value,unused-ignore]


def uri_constraint(label: str) -> LiteralString:
    """The unique `uri` constraint of a label (MERGE by uri needs it to be fast and single)."""
    label = check_label(label)
    return checked(
        f"CREATE CONSTRAINT bilateral_{label.lower()}_uri IF NOT EXISTS FOR (n:{label}) REQUIRE n.uri IS UNIQUE"
    )


def merge_nodes(labels: tuple[str, ...], *, incremental: bool) -> LiteralString:
    """Upsert `rows` ({uri, props}) as nodes with these labels. `incremental` (the sync, onto a
    database holding an earlier projection): rows also carry `labels`; labels the node no longer
    has are removed, unchanged nodes skipped, and the query returns (change, n) per kind of change."""
    wanted = [check_label(label) for label in labels]
    merge = f"MERGE (n:{GENERIC_LABEL} {{uri: row.uri}}) SET n = row.props SET n:{':'.join(wanted)}"
    if not incremental:
        return checked(f"UNWIND $rows AS row {merge}")
    others = [label for label in ALL_LABELS if label not in wanted]
    remove = f" REMOVE n:{':'.join(others)}" if others else ""
    return checked(
        f"UNWIND $rows AS row OPTIONAL MATCH (old:{GENERIC_LABEL} {{uri: row.uri}}) "
        "WITH row, old, CASE WHEN old IS NULL THEN 'created' "
        "WHEN properties(old) = row.props AND size(labels(old)) = size(row.labels) "
        "AND all(l IN labels(old) WHERE l IN row.labels) THEN 'same' ELSE 'updated' END AS change "
        f"WHERE change <> 'same' {merge}{remove} RETURN change, count(*) AS n"
    )


def merge_rels(kind: str, *, incremental: bool) -> LiteralString:
    """Upsert `rows` ({start, end, props}) as relationships of one type between existing nodes;
    `incremental`: skip the unchanged and return (change, n)."""
    kind = check_rel_type(kind)
    match = (
        f"UNWIND $rows AS row MATCH (a:{GENERIC_LABEL} {{uri: row.start}}) MATCH (b:{GENERIC_LABEL} {{uri: row.end}})"
    )
    merge = f"MERGE (a)-[r:{kind}]->(b) SET r = row.props"
    if not incremental:
        return checked(f"{match} {merge}")
    return checked(
        f"{match} OPTIONAL MATCH (a)-[old:{kind}]->(b) "
        "WITH a, b, row, CASE WHEN old IS NULL THEN 'created' WHEN properties(old) = row.props "
        f"THEN 'same' ELSE 'updated' END AS change WHERE change <> 'same' {merge} RETURN change, count(*) AS n"
    )


@dataclass(frozen=True)
class Batch:
    """One statement and the rows it takes as `$rows`."""

    statement: LiteralString
    rows: list[dict[str, Any]]


def create_rels(kind: str) -> LiteralString:
    """Create `rows` ([start uri, end uri]) as relationships of one type with the statement's
    `$sources`, on a first sync: the start exists (its part wrote it), the end may come in a later
    part, so it is MERGEd bare and filled then."""
    return checked(
        f"UNWIND $rows AS row MATCH (a:{GENERIC_LABEL} {{uri: row[0]}}) "
        f"MERGE (b:{GENERIC_LABEL} {{uri: row[1]}}) "
        f"CREATE (a)-[r:{check_rel_type(kind)}]->(b) SET r.sources = $sources"
    )


def batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for at in range(0, len(rows), size):
        yield rows[at : at + size]


def node_batches(projection: Projection, size: int, *, incremental: bool) -> list[Batch]:
    """Every node, grouped by label set (labels cannot be parameters), `size` rows a batch."""
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for uri, node in projection.nodes.items():
        labels = (GENERIC_LABEL, *node.labels)
        row: dict[str, Any] = {"uri": uri, "labels": list(labels)} if incremental else {"uri": uri}
        row["props"] = node.as_properties(uri)
        by_labels[labels].append(row)
    return [
        Batch(merge_nodes(labels, incremental=incremental), batch)
        for labels, rows in sorted(by_labels.items())
        for batch in batches(rows, size)
    ]


def rel_batches(projection: Projection, size: int, *, incremental: bool) -> list[Batch]:
    """Every relationship, grouped by type, `size` rows a batch."""
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (start, kind, end), rel in projection.relationships.items():
        by_type[kind].append({"start": start, "end": end, "props": {"sources": list(rel.sources)}})
    return [
        Batch(merge_rels(kind, incremental=incremental), batch)
        for kind, rows in sorted(by_type.items())
        for batch in batches(rows, size)
    ]
