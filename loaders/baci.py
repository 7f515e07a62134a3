"""CEPII BACI (`BACI_HS92_Y{year}_V{release}.csv`: t,i,j,k,v,q) into trade flows.

- i (exporter) and j (importer) are BACI's numeric codes, mapped through the release's own
  `country_codes_V{release}.csv` (its ISO column is `iso_3digit_alpha` in old releases,
  `country_iso3` since V2025); the ISO code must be an ISO 3166-1 country (the crosswalk).
- k is the HS6 product, read as text and zero-padded to 6 (BACI writes 010121 as 10121); each HS6
  becomes a sector concept under its heading and chapter.
- v is in thousands of current USD: the flow's value is v*1000 USD. q (metric tons, may be "NA")
  is checked but not loaded: a trade flow has no quantity field yet.

**Reporter.** BACI is neither side's report: CEPII reconciles the exporter's and the importer's
declarations into one figure. A trade flow must name a reporting country, so BACI flows name the
importer, by convention: mirror-statistics work takes the import declaration as the reference
side (imports are recorded for duty), so "importer" is the least wrong single answer. It is a
convention, not a claim: the Source's note says so, and the flows sit in BACI's own graph, apart
from both countries' reports, so nothing is overwritten. (A `reconciled` marker or an optional
reporter would say it better: see the loaders' report.)

Two paths give the same quads (tests/test_public_loaders.py proves it on the fixtures):
`read_baci` gives records, for files that fit in memory; `read_baci_chunks` streams a file of any
size in checked chunks, which graph/flows.py writes as N-Quads generated column-wise, for the
store's bulk loader (graph/bulk.py).
Both check the same way, chunk by chunk, and refuse a file that does not end with a line break (a
cut file: its last figure may be cut short yet still valid). Not checked: that (t, i, j, k) is unique - BACI has one
row per key, and a check would have to hold every key of a million-row file in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from bilateral.core.errors import InputError, Problem
from bilateral.core.progress import Progress, metered_file
from bilateral.loaders import records as r
from bilateral.loaders.public import (
    Collector,
    PublicLoad,
    RawRow,
    Skipped,
    csv_header,
    csv_rows,
    hs_topics,
    is_synthetic,
    scaled,
    source_id,
)
from bilateral.ontology.crosswalk import to_iso3

__all__ = [
    "BACI_COLUMNS",
    "BaciChunks",
    "CheckedChunk",
    "baci_source",
    "country_codes_path",
    "is_baci_file",
    "parse_baci",
    "read_baci",
    "read_baci_chunks",
    "read_country_codes",
]

BACI_COLUMNS = ("t", "i", "j", "k", "v", "q")
_NAME = re.compile(
    r"(?:synthetic-)?BACI_(?P<hs>HS[0-9]{2})_(?:Y(?P<year>[0-9]{4})_)?V(?P<release>[0-9A-Za-z]+)"
    r"\.csv",
    re.IGNORECASE,
)
_ISO3_COLUMNS = ("country_iso3", "iso_3digit_alpha")  # V2025 / V202001 spellings
CHUNK = 100_000


def is_baci_file(path: Path) -> bool:
    return _NAME.fullmatch(path.name) is not None


def country_codes_path(path: Path) -> Path:
    """The release's country codes file, next to the data file."""
    match = _NAME.fullmatch(path.name)
    release = match["release"] if match else "?"
    prefix = "synthetic-" if is_synthetic(path) else ""
    return path.with_name(f"{prefix}country_codes_V{release}.csv")


def baci_source(path: Path, codes_file: Path) -> r.Source:
    match = _NAME.fullmatch(path.name)
    hs, year, release = (match["hs"].upper(), match["year"], match["release"]) if match else ("", None, "")
    what = f"{hs}, {year}, release V{release}" if year else f"{hs}, release V{release}"
    units = (
        "v is in thousands of current USD (loaded as v*1000 USD); q is in metric tons (not "
        "loaded). Reporter: BACI reconciles both declarations; flows name the importer as "
        "reporter by convention, not because the importer reported this figure."
    )
    if is_synthetic(path):
        return r.Source(
            id=source_id(path, "baci"),
            title=f"Synthetic BACI-shaped trade flows ({what})",
            reliability="synthetic",
            note=f"Made-up data in the shape of CEPII BACI (bench/generate_baci.py); file "
            f"{path.name}, country codes {codes_file.name}. {units}",
        )
    return r.Source(
        id=source_id(path, "baci"),
        title=f"CEPII BACI bilateral trade flows ({what})",
        reliability="primary",
        publisher="CEPII",
        note=f"CEPII BACI, {what}: file {path.name}, country codes {codes_file.name}. "
        f"No home-page URL is sourced (formats.md cites rdrr.io and GitHub pages "
        f"only). {units}",
    )


def read_country_codes(path: Path) -> dict[str, str]:
    """BACI code (without leading zeros) -> the ISO alpha-3 text the file gives for it."""
    if not path.exists():
        raise InputError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    path.name,
                    "the BACI country codes file is missing (expected next to the data "
                    "file, or named with country_codes=)",
                )
            ]
        )
    header, rows = csv_rows(path)
    col = Collector(str(path))
    iso_column = next((c for c in _ISO3_COLUMNS if c in header), None)
    if "country_code" not in header or iso_column is None:
        col.problem(
            1,
            "country_code" if "country_code" not in header else "country_iso3",
            "",
            "required column is missing: a BACI country codes file has country_code and "
            "country_iso3 (or iso_3digit_alpha)",
        )
        col.finish([])
    codes: dict[str, str] = {}
    first: dict[str, int] = {}
    for line, raw in rows:
        code = (raw.get("country_code") or "").strip()
        if not code.isdigit():
            col.problem(line, "country_code", code, "not a numeric country code")
            continue
        key = code.lstrip("0") or "0"
        if key in codes:
            col.problem(line, "country_code", code, f"duplicate country code (also row {first[key]})")
            continue
        codes[key], first[key] = (raw.get(iso_column) or "").strip().upper(), line  # type: ignore[arg-type]
    col.finish([])
    return codes


@dataclass
class CheckedChunk:
    """The good rows of a chunk, typed as text: what both paths build from."""

    exporter: pd.Series
    importer: pd.Series
    year: pd.Series
    k6: pd.Series
    v: pd.Series


@dataclass
class _Checker:
    """Checks chunks of a BACI file column-wise; problems and unknown codes go to the collector."""

    codes: dict[str, str]
    codes_file: str
    col: Collector
    topics: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    dyads: set[tuple[str, str]] = field(default_factory=set)
    rows: int = 0

    def __post_init__(self) -> None:
        self.iso = {code: iso for code, iso in self.codes.items() if to_iso3("iso3", iso) == iso}

    def _cells(self, mask: pd.Series, lines: np.ndarray, values: pd.Series, column: str, message: str) -> None:
        for line, value in zip(lines[mask.to_numpy()], values[mask], strict=True):
            self.col.problem(int(line), column, value, message)

    def _unknown(self, mask: pd.Series, lines: np.ndarray, values: pd.Series, column: str) -> None:
        if not mask.any():
            return
        bad = pd.DataFrame({"line": lines[mask.to_numpy()], "code": values[mask].to_numpy()})
        for code, group in bad.groupby("code", sort=True):
            key = str(code).lstrip("0") or "0"
            message = (
                f"country code {key} is {self.codes[key]!r} in {self.codes_file}, not an ISO 3166-1 country"
                if key in self.codes
                else f"unknown country code: not in {self.codes_file}"
            )
            if self.col.skip_unknown:
                self.col.unknown(int(group["line"].min()), column, str(code), message, rows=len(group))
            else:
                for line in group["line"]:
                    self.col.unknown(int(line), column, str(code), message)

    def check(self, frame: pd.DataFrame, first_line: int) -> CheckedChunk:
        frame = frame.fillna("")
        self.rows += len(frame)
        lines = np.arange(first_line, first_line + len(frame))
        bad = pd.Series(False, index=frame.index)

        def cells(column: str, pattern: str, message: str) -> pd.Series:
            wrong = ~frame[column].str.fullmatch(pattern)
            self._cells(wrong, lines, frame[column], column, message)
            return wrong

        bad |= cells("t", r"[12][0-9]{3}", "not a four-digit year")
        bad |= cells("k", r"[0-9]{5,6}", "not an HS6 product code (6 digits; 5 when a leading zero was dropped)")
        bad |= cells("v", r"[0-9]+(\.[0-9]+)?", "not a non-negative number (thousands of USD)")
        bad |= cells("q", r"([0-9]+(\.[0-9]+)?|NA|)", "not a quantity in tonnes, NA or empty")
        ends = {}
        for column in ("i", "j"):
            numeric = frame[column].str.fullmatch(r"[0-9]+")
            self._cells(~numeric, lines, frame[column], column, "not a numeric BACI country code")
            iso = frame[column].str.lstrip("0").map(self.iso)
            unknown = numeric & iso.isna()
            self._unknown(unknown, lines, frame[column], column)
            bad |= ~numeric | unknown
            ends[column] = iso
        same = ~bad & (ends["i"] == ends["j"])
        self._cells(same, lines, frame["j"], "j", "the importer is the exporter")
        good = ~(bad | same)
        out = CheckedChunk(
            ends["i"][good].astype(str),
            ends["j"][good].astype(str),
            frame["t"][good],
            frame["k"][good].str.zfill(6),
            frame["v"][good],
        )
        self.topics.update(out.k6.unique())
        self.countries.update(out.exporter.unique())
        self.countries.update(out.importer.unique())
        pairs = pd.DataFrame({"e": out.exporter, "i": out.importer}).drop_duplicates()
        self.dyads.update(zip(pairs["e"].tolist(), pairs["i"].tolist(), strict=True))
        return out


def _header_ok(header: list[str], col: Collector) -> bool:
    missing = [c for c in BACI_COLUMNS if c not in header]
    for name in missing:
        col.problem(1, name, "", "required column is missing: a BACI file has the columns t,i,j,k,v,q")
    return not missing


def _flows(checked: CheckedChunk, source: str) -> Iterator[r.TradeFlow]:
    for exporter, importer, year, k6, v in zip(
        checked.exporter, checked.importer, checked.year, checked.k6, checked.v, strict=True
    ):
        yield r.TradeFlow(
            exporter=exporter,
            importer=importer,
            year=int(year),
            sector=r.TopicRef("HS", k6),
            value=scaled(Decimal(v), 1000),
            currency="USD",
            unit="current prices",
            reporter=importer,
            source=source,
        )


def parse_baci(
    rows: Iterable[RawRow],
    file: str,
    codes: dict[str, str],
    source: r.Source,
    *,
    codes_file: str = "the country codes file",
    skip_unknown: bool = False,
) -> PublicLoad:
    """Records of BACI rows (row number, column -> text); pure. Raises InputError listing every
    problem; with `skip_unknown`, rows with unknown country codes are left out and reported."""
    col = Collector(file, skip_unknown)
    checker = _Checker(codes, codes_file, col)
    flows: list[r.Record] = []
    batch: list[RawRow] = []

    def run() -> None:
        frame = pd.DataFrame([dict(raw) for _, raw in batch], columns=list(BACI_COLUMNS), dtype=str)
        flows.extend(_flows(checker.check(frame, batch[0][0]), source.id))
        batch.clear()

    for line, raw in rows:
        if batch and line != batch[-1][0] + 1:  # a chunk's rows are numbered consecutively
            run()
        batch.append((line, raw))
        if len(batch) >= CHUNK:
            run()
    if batch:
        run()
    topics = hs_topics(sorted(checker.topics), source.id)
    return col.finish([source, *topics, *flows])


def _chunks(
    path: Path, col: Collector, chunksize: int, progress: Progress | None = None
) -> Iterator[tuple[int, pd.DataFrame]]:
    """(first row number, chunk) of a BACI file, every cell as text; the header is checked first.
    `progress` is told the bytes read (the rows of a file are not known before it is read)."""
    if not _header_ok(csv_header(path), col):
        col.finish([])
    line = 2
    try:
        with (
            metered_file(path, progress, f"reading {path.name}") as data,
            pd.read_csv(
                data,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                encoding="utf-8-sig",
                chunksize=chunksize,
                usecols=list(BACI_COLUMNS),
            ) as reader,
        ):
            for chunk in reader:
                yield line, chunk
                line += len(chunk)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as err:
        col.problem(None, None, "", f"not a readable BACI CSV: {err}")
        col.finish([])
    last = _cut_row(path)
    if last is not None:
        col.problem(
            line - 1,
            csv_header(path)[-1],
            last,
            "the file ends inside this row (no line break after it): cut short in a copy or "
            "download? Its last figure may be cut too; fetch the file again",
        )
        col.finish([])


def _cut_row(path: Path) -> str | None:
    """The text of the last row when the file does not end with a line break, as a cut file does
    (CEPII's files end with one; a cut inside the last field would leave a shorter, valid figure)."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        if size == 0:
            return None
        handle.seek(max(0, size - 4096))
        tail = handle.read()
    if tail.endswith((b"\n", b"\r")):
        return None
    return tail.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")


def read_baci(
    path: Path, country_codes: Path | None = None, skip_unknown: bool = False, *, chunksize: int = CHUNK
) -> PublicLoad:
    """Records of a BACI file (one TradeFlow per row, plus its Source and HS sectors).

    For files too big for records in memory, use `read_baci_chunks` (graph/flows.py writes them).
    """
    codes_file = country_codes or country_codes_path(path)
    codes = read_country_codes(codes_file)
    source = baci_source(path, codes_file)
    col = Collector(str(path), skip_unknown)
    checker = _Checker(codes, codes_file.name, col)
    flows: list[r.Record] = []
    for first, chunk in _chunks(path, col, chunksize):
        flows.extend(_flows(checker.check(chunk, first), source.id))
    return col.finish([source, *hs_topics(sorted(checker.topics), source.id), *flows])


# ------------------------------------------------------------------ streaming (the bulk path)


@dataclass
class BaciChunks:
    """A BACI file read chunk by chunk, each chunk checked: what graph/flows.py turns into N-Quads
    for files of any size. Memory stays flat: one chunk at a time, plus the sets of distinct
    products, countries and dyads. Problems are collected over the whole file and raised together
    by `finish` (InputError): what was written from the chunks must then be thrown away."""

    path: Path
    source: r.Source
    checker: _Checker
    chunksize: int = CHUNK

    @property
    def refused(self) -> bool:
        """Whether a problem was found already (the rest need not be written)."""
        return bool(self.checker.col.problems)

    def chunks(self, progress: Progress | None = None) -> Iterator[CheckedChunk]:
        """The checked chunks; `progress` is told the bytes of the file read so far."""
        for first, chunk in _chunks(self.path, self.checker.col, self.chunksize, progress):
            yield self.checker.check(chunk, first)

    def finish(self) -> list[Skipped]:
        """Raises InputError if any row was bad; else the rows skipped for unknown codes."""
        self.checker.col.finish([])
        return self.checker.col.skipped

    def sectors(self) -> list[r.Topic]:
        return hs_topics(sorted(self.checker.topics), self.source.id)


def read_baci_chunks(
    path: Path, country_codes: Path | None = None, *, skip_unknown: bool = False, chunksize: int = CHUNK
) -> BaciChunks:
    """A BACI file to be read chunk by chunk (`BaciChunks`): for files too big for records."""
    codes_file = country_codes or country_codes_path(path)
    codes = read_country_codes(codes_file)
    checker = _Checker(codes, codes_file.name, Collector(str(path), skip_unknown))
    return BaciChunks(path, baci_source(path, codes_file), checker, chunksize)
