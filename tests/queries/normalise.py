"""Rows from either backend in one comparable form: every value as text, numbers rounded to
cents, dates ISO, lists sorted; rows sorted. Run as `python -m tests.queries.normalise` to
(re)write expected/NAME.json from the RDF backend, then review the diff by hand."""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))


def value(v: object) -> object:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float | Decimal):
        number = Decimal(str(v)).quantize(Decimal("0.01"))
        return format(number.normalize(), "f") if number != 0 else "0"
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    if isinstance(v, list | tuple):
        return "; ".join(sorted(str(value(x)) for x in v))
    # GROUP_CONCAT and Cypher's list joins promise no order: compare "; "-joined parts as a set
    return "; ".join(sorted(str(v).split("; ")))


def rows(columns: list[str], data: list[tuple[object, ...]]) -> list[dict[str, object]]:
    out = [{c: value(v) for c, v in zip(columns, row, strict=True)} for row in data]
    return sorted(out, key=lambda r: json.dumps(r, sort_keys=True))


def main() -> int:
    from bilateral.api import KnowledgeGraph
    from bilateral.examples import example_path

    with tempfile.TemporaryDirectory() as tmp, KnowledgeGraph.open(Path(tmp) / "s") as kg:
        kg.load([example_path()])
        for name, params in CASES.items():
            result = kg.query_rows(name, {k: str(v) for k, v in params.items()})
            path = HERE / "expected" / f"{name}.json"
            path.parent.mkdir(exist_ok=True)
            path.write_text(
                json.dumps(rows(result.columns, result.rows), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            print(f"{name}: {len(result.rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
