"""One error hierarchy: every user-facing failure is a BilateralError with a message that names
the bad value, where it was, and what was expected. The CLI prints it as `Error: ...`, exit 1."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BilateralError",
    "InputError",
    "NameResolutionError",
    "Neo4jError",
    "Problem",
    "QueryError",
    "StoreError",
    "StoreInUseError",
]


class BilateralError(Exception):
    """Base of every error the library raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One bad cell (or line) of an input file."""

    file: str
    row: int | None  # 1-based row or line number (a CSV's header is row 1)
    column: str | None
    value: object
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        value = self.value if isinstance(self.value, str) else str(self.value)
        return f"{where}: {self.message} (value {value!r})"


class InputError(BilateralError):
    """A file that cannot be loaded; lists every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        files = sorted({p.file for p in problems})
        head = f"{len(problems)} problem(s) in {', '.join(files)}; nothing was loaded"
        super().__init__(head + "\n" + "\n".join(f"  {p}" for p in problems))


class StoreError(BilateralError):
    """The store cannot be opened or written."""


class StoreInUseError(StoreError):
    """Another process holds the store."""


class QueryError(BilateralError):
    """A query that cannot run: syntax, unknown name, bad or missing parameters."""


class NameResolutionError(BilateralError):
    """A name on the command line that matches no entity, or several."""


class Neo4jError(BilateralError):
    """Neo4j is unreachable, refuses the credentials, or fails a write."""


class ServiceError(BilateralError):
    """A helper service the command was pointed at (a CoreNLP server) is unreachable or fails."""
