"""How long work says how far it has got: a callback the caller passes down, and nothing printed.

Every layer reports through `Progress`; only the face (the CLI) draws anything, and only on a
terminal. `Meter` counts and calls the callback every so many items, so a loop pays an addition
per item, not a call; `metered_file` counts the bytes a reader consumes (for files whose rows are
not known in advance: a byte count is the honest measure of how far a read has got).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol, TypeVar

__all__ = ["Meter", "Progress", "metered_file"]

T = TypeVar("T")
_BUFFER = 1 << 18  # bytes a metered file reads at a time: one report per 256 KiB


class Progress(Protocol):
    """`done` of `total` `unit`s of the step `what` (`total` None: not known in advance)."""

    def __call__(self, what: str, done: int, total: int | None, unit: str = "") -> None: ...


class Meter:
    """Counts one step and tells `progress` every `every` units, and once at the end."""

    def __init__(
        self, progress: Progress | None, what: str, total: int | None = None, unit: str = "", every: int = 10_000
    ) -> None:
        self.progress, self.what, self.total, self.unit, self.every = progress, what, total, unit, every
        self.done = 0
        self._next = 0  # the first add reports: the step shows as soon as it starts

    def add(self, n: int = 1) -> None:
        self.done += n
        if self.progress is not None and self.done >= self._next:
            self._next = self.done + self.every
            self.progress(self.what, self.done, self.total, self.unit)

    def items(self, items: Iterable[T]) -> Iterator[T]:
        """`items`, counted one by one as they pass."""
        if self.progress is None:
            yield from items
            return
        for item in items:
            self.done += 1
            if self.done >= self._next:
                self._next = self.done + self.every
                self.progress(self.what, self.done, self.total, self.unit)
            yield item

    def finish(self) -> None:
        """The step is over: `done` is the total (a total known in advance may have been a bound)."""
        if self.progress is not None:
            self.progress(self.what, self.done, self.done, self.unit)


class _Counted(io.RawIOBase):
    """A binary file whose reads are counted on a meter; at the end of the file, the step `then`
    (what the reader does with all it has read) is begun, with no count to give."""

    def __init__(self, raw: io.RawIOBase, meter: Meter, then: str | None) -> None:
        self.raw, self.meter, self.then = raw, meter, then

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]  # io's own signature
        n = self.raw.readinto(buffer) or 0
        self.meter.add(n)
        if n == 0 and len(buffer) and self.then is not None and self.meter.progress is not None:
            self.meter.progress(self.then, 0, None)
            self.then = None
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def metered_file(path: Path, progress: Progress | None, what: str, then: str | None = None) -> io.BufferedReader:
    """`path` opened for binary reading; with `progress`, the bytes read are reported as `what`,
    and once all are read, the step `then` begins (its caller ends it: `progress(then, 1, 1)`)."""
    raw = Path(path).open("rb", buffering=0)
    if progress is None:
        return io.BufferedReader(raw, _BUFFER)
    size = Path(path).stat().st_size
    return io.BufferedReader(_Counted(raw, Meter(progress, what, size, "bytes", every=1), then), _BUFFER)
