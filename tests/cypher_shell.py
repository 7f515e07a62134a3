"""cypher-shell, emulated for the tests where it is not installed: runs the scripts
`export(..., "cypher")` writes over a driver session."""

from __future__ import annotations

import re
from typing import Any, LiteralString, cast

__all__ = ["run_cypher_script"]


_PARAM = re.compile(r":param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.*?);?\s*$", re.S)


def run_cypher_script(driver: Any, text: str, *, database: str | None = None) -> int:
    """Run a Cypher script the way cypher-shell does, for where cypher-shell is not installed.

    `// ...` lines are comments; `:param name => expression` evaluates the expression on the
    server (`RETURN expression`, as cypher-shell does) and keeps the value as parameter `name`;
    any other lines, up to one ending with `;`, form a statement run with those parameters.
    Meant for the scripts `export(..., "cypher")` writes. Returns the statements run.
    """
    params: dict[str, Any] = {}
    statements = 0
    pending: list[str] = []
    with driver.session(database=database) as session:
        for raw in text.splitlines():
            stripped = raw.strip()
            if not pending and (not stripped or stripped.startswith("//")):
                continue
            if not pending and stripped.startswith(":"):
                match = _PARAM.fullmatch(stripped)
                if not match:
                    raise ValueError(f"unsupported cypher-shell command: {stripped[:60]!r}")
                name, expression = match.groups()
                query = cast(LiteralString, f"RETURN {expression} AS v")
                params[name] = session.run(query).single(strict=True)["v"]
                continue
            pending.append(raw)
            if stripped.endswith(";"):
                statement = "\n".join(pending).strip()[:-1]
                session.run(cast(LiteralString, statement), params).consume()
                statements += 1
                pending = []
    if any(p.strip() for p in pending):
        raise ValueError("the script ends inside a statement (no closing ';')")
    return statements
