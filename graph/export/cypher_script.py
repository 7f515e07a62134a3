"""A Cypher script for an empty Neo4j 5 database, run with cypher-shell: the statements of the
sync (graph/cypher.py) with their rows as `:param` literals."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import IO, Any

from bilateral.graph.cypher import GENERIC_LABEL, node_batches, rel_batches, uri_constraint
from bilateral.graph.export.base import GraphWriter
from bilateral.graph.export.selection import Selection
from bilateral.graph.mapping import Projection

__all__ = ["CypherScript", "cypher_literal"]

_BATCH = 200  # rows per :param in the script (one line each)


class CypherScript(GraphWriter):
    def write(self, projection: Projection, sel: Selection, out: IO[bytes]) -> None:
        _write_cypher(projection, sel, out)


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _cypher_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\x7f\x85\u2028\u2029":  # no raw line breaks: :param is one line
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _cypher_float(value: float) -> str:
    if math.isnan(value):
        return "toFloat('NaN')"
    if math.isinf(value):
        return "toFloat('Infinity')" if value > 0 else "toFloat('-Infinity')"
    text = repr(value)
    if "e" in text:  # Cypher's exponent takes no '+': 6.85e+10 -> 6.85e10
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a property value: strings escaped, dates as `date('...')`, map keys
    backticked unless plain identifiers. (For script parameters; queries take `$params`.)"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _cypher_float(value)
    if isinstance(value, dt.datetime):
        kind = "datetime" if value.tzinfo is not None else "localdatetime"
        return f"{kind}('{value.isoformat()}')"
    if isinstance(value, dt.date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, str):
        return _cypher_string(value)
    if isinstance(value, Mapping):
        items = []
        for key, item in value.items():
            name = key if _KEY.fullmatch(key) else "`" + key.replace("`", "``") + "`"
            items.append(f"{name}: {cypher_literal(item)}")
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def _write_cypher(projection: Projection, sel: Selection, out: IO[bytes]) -> None:
    def line(text: str) -> None:
        out.write(text.encode("utf-8") + b"\n")

    what = (
        "the whole store"
        if sel.whole
        else ", ".join(
            x
            for x in (f"source {sel.source.value}" if sel.source else "", f"dyad {sel.dyad.value}" if sel.dyad else "")
            if x
        )
    )
    line("// bilateral: the property graph of docs/neo4j-mapping.md, for an empty Neo4j 5 database.")
    line(f"// Holds {what}: {len(projection.nodes)} nodes, {len(projection.relationships)} relationships.")
    line("// Run it with cypher-shell: cypher-shell -a bolt://HOST:7687 -u neo4j -f THIS_FILE")
    line("// Values are parameters (:param rows => [...]), never part of the statements; MERGE on uri")
    line("// makes running it twice harmless.")
    line(f"{uri_constraint(GENERIC_LABEL)};")
    for batch in [
        *node_batches(projection, _BATCH, incremental=False),
        *rel_batches(projection, _BATCH, incremental=False),
    ]:
        line(":param rows => " + cypher_literal(batch.rows))
        line(f"{batch.statement};")
