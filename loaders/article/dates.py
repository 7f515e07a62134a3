"""Dates in text, absolute or relative to the publication date."""

from __future__ import annotations

import datetime as dt
import re

from bilateral.loaders.article.model import DateHit
from bilateral.loaders.article.text import VERBS, Taken
from bilateral.loaders.article_lexicon import (
    MONTHS,
    WEEKDAYS,
)

__all__ = [
    "ATTRIBUTED_DAY",
    "parse_dates",
]

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_TO_DAY = r"\s*(?:-|–|to)\s*\d{1,2}(?:st|nd|rd|th)?"
_DATE_RES = (
    # a range of days shares the month and the year written after it: "April 12 to 15, 2023", "12-15 April 2023"
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?" + _TO_DAY + r"\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?" + _TO_DAY + r"\s+" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
    ),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"),
    re.compile(r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"),
)
_WEEKDAY_RE = re.compile(
    r"\b(?:(?P<mod>last|this past|next|this|on|on last)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b"
)
# "last week" and "next week" give no day (the annotation's rule: no day the text does not give)
_RELATIVE_RE = re.compile(r"\b(?P<rel>yesterday|today|tomorrow)\b", re.I)
_FUTURE_CUE = re.compile(
    r"\b(will|shall|is set to|are set to|is scheduled|are scheduled|is expected|"
    r"are expected|plans? to|is due|are due|next|upcoming|ahead of)\b",
    re.I,
)


def _year_for(month: int, day: int, published: dt.date | None) -> dt.date | None:
    """A day written without a year: the year that puts it closest to the publication date."""
    if published is None:
        return None
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - published).days)) if options else None


def _weekday(wd: int, published: dt.date, future: bool, strictly: bool) -> dt.date:
    """The weekday nearest the publication date: "on Thursday" in a report is the most recent
    Thursday on or before the publication date (the publication day itself when it is a
    Thursday); "last Thursday" the most recent one strictly before; in a sentence about what
    will happen ("will meet on Thursday", "next Thursday"), the first one on or after it."""
    if future:
        delta = (wd - published.weekday()) % 7
        return published + dt.timedelta(days=delta or (7 if strictly else 0))
    delta = (published.weekday() - wd) % 7
    if strictly and delta == 0:
        delta = 7
    return published - dt.timedelta(days=delta)


def parse_dates(text: str, published: dt.date | None, start: int = 0, end: int | None = None) -> list[DateHit]:
    """Dates in text[start:end]: "February 7", "7 February 2025", "Feb. 7", "2025-02-07",
    "on Thursday", "last week", "yesterday", "today" (relative ones need `published`).
    A weekday is in the past unless its clause speaks of the future ("will meet on Thursday")."""
    end = len(text) if end is None else end
    segment = text[start:end]
    hits: list[DateHit] = []
    taken = Taken()

    def add(s: int, e: int, day: dt.date | None, how: str) -> None:
        if day is None or taken.overlaps(s, e):
            return
        taken.add(s, e)
        hits.append(DateHit(start + s, start + e, segment[s:e], day, how))

    for regex in _DATE_RES:
        for m in regex.finditer(segment):
            if m.groupdict().get("iso"):
                try:
                    add(m.start(), m.end(), dt.date.fromisoformat(m.group("iso")), "absolute")
                except ValueError:
                    pass
                continue
            month = MONTHS[m.group("month").rstrip(".").lower()]
            day_n = int(m.group("day"))
            if not 1 <= day_n <= 31:
                continue
            if m.group("year"):
                try:
                    add(m.start(), m.end(), dt.date(int(m.group("year")), month, day_n), "absolute")
                except ValueError:
                    pass
            else:
                add(m.start(), m.end(), _year_for(month, day_n, published), "absolute")
    if published is not None:
        for m in _WEEKDAY_RE.finditer(segment):
            mod = (m.group("mod") or "").lower()
            wd = WEEKDAYS[m.group("wd").lower()]
            s = m.start("wd") if mod in ("on", "this") else m.start()
            lead = text[max(0, start + m.start() - 100) : start + m.start()]
            lead = re.split(r"[.!?;]\s", lead)[-1]
            future = bool(_FUTURE_CUE.search(lead))
            is_future = mod == "next" or (future and mod not in ("last", "this past", "on last"))
            add(
                s,
                m.end(),
                _weekday(wd, published, is_future, strictly=mod in ("last", "next", "on last", "this past")),
                "weekday",
            )
        for m in _RELATIVE_RE.finditer(segment):
            rel = m.group("rel").lower()
            delta = {"yesterday": -1, "today": 0, "tomorrow": 1}[rel]
            add(m.start(), m.end(), published + dt.timedelta(days=delta), "relative")
    return sorted(hits, key=lambda h: h.start)


ATTRIBUTED_DAY = re.compile(r"\b(?:" + VERBS + r")(?:\s+\w+){0,2}?\s+(?:on\s+|last\s+)?$")
