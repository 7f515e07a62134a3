"""Amounts of money: number, scale and currency."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bilateral.loaders.article.text import Taken, alternation
from bilateral.loaders.article_lexicon import (
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    CURRENCY_WORDS_NEEDING_SCALE,
    NUMBER_WORDS,
    SCALES,
)

__all__ = [
    "Amount",
    "find_amounts",
    "parse_amounts",
]

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# any case: "$295 Billion" in a headline
_SCALE = r"(?P<scale>(?i:thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn|lakh crore|crore|lakh))"
_TIGHT_SCALE = r"(?P<tscale>[mMbBkK]|tr)"
# Indian amounts: "Rs 22,516 crore", "₹1.2 lakh crore" (a crore is 10^7, a lakh 10^5)
_PREFIXES = {**CURRENCY_PREFIXES, "Rs": "INR"}
_SCALES = {**SCALES, "crore": 10**7, "lakh": 10**5, "lakh crore": 10**12}
_PREFIX = "(?P<pre>" + alternation(_PREFIXES) + ")"
_SUFFIX = "(?P<suf>" + "|".join(re.escape(w) for w in sorted(CURRENCY_WORDS, key=len, reverse=True)) + ")"
_NUMWORD = "(?P<word>" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
# a hyphen may join the number, its scale and its currency word: "US$20-billion", "70‑trillion‑won"
# (U+2010 and the non-breaking U+2011 are hyphens too)
_JOIN = r"(?:\s|[-\u2010\u2011])"
_AMOUNT_RES = (
    re.compile(
        r"(?<![\w$¥€£₩₹₽₺₫฿₱₦₸₪])"
        + _PREFIX
        + r"\s?"
        + _NUM
        + r"(?:"
        + _JOIN
        + r"?"
        + _SCALE
        + r"\b|"
        + _TIGHT_SCALE
        + r"\b)?"
        + r"(?:\s+(?P<suf2>"
        + "|".join(re.escape(w) for w in CURRENCY_WORDS if " " not in w)
        + r")\b)?"
    ),
    re.compile(r"(?<![\w.,])" + _NUM + r"(?:" + _JOIN + _SCALE + r")?(?:\s+|[-\u2010\u2011])" + _SUFFIX + r"\b", re.I),
    re.compile(r"\b" + _NUMWORD + r"\s+" + _SCALE + r"\s+" + _SUFFIX + r"\b", re.I),
    re.compile(r"(?<![\w$¥€£₩₹₽₺₫฿₱₦₸₪])" + _PREFIX + r"\s?" + _NUMWORD + r"\s+" + _SCALE + r"\b"),
)
_APPROX_RE = re.compile(
    r"\b(about|around|nearly|almost|roughly|some|approximately|close to|more than|"
    r"over|under|less than|at least|an estimated|up to|just over|just under)\s+$",
    re.I,
)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    amount: Decimal
    currency: str
    approximate: bool


def _full_units(number: Decimal, scale: int) -> Decimal:
    value = number * scale
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def parse_amounts(text: str) -> list[tuple[int, int, Decimal, str]]:
    """Amounts of money: (start, end, value in full units, ISO 4217 currency).

    $68 billion, US$5bn, ¥21.3 trillion, €3.5 bn, £2m, 102.9 million dollars, 8.6 trillion yen,
    one trillion dollars, $1 trillion."""
    return [(a.start, a.end, a.amount, a.currency) for a in find_amounts(text)]


def find_amounts(text: str) -> list[Amount]:
    out: list[Amount] = []
    taken = Taken()
    for regex in _AMOUNT_RES:
        for m in regex.finditer(text):
            s, e = m.start(), m.end()
            if taken.overlaps(s, e):
                continue
            groups = m.groupdict()
            scale_word = (groups.get("scale") or "").lower()
            tight = groups.get("tscale") or ""
            if groups.get("num"):
                number = Decimal(groups["num"].replace(",", ""))
            else:
                number = Decimal(str(NUMBER_WORDS[groups["word"].lower()]))
            scale = _SCALES.get(scale_word, 1) if scale_word else _SCALES.get(tight.lower(), 1)
            if tight.lower() == "k":
                scale = 1000
            suffix = (groups.get("suf") or groups.get("suf2") or "").lower()
            prefix = groups.get("pre")
            if prefix == "R" and not (groups.get("num") and m.start("num") == m.end("pre")):
                continue  # "R" is the rand only right before its number
            if prefix:
                currency = _PREFIXES[prefix]
                if prefix == "$" and suffix in CURRENCY_WORDS and CURRENCY_WORDS[suffix] != currency:
                    currency = CURRENCY_WORDS[suffix]
                elif suffix:
                    # a word repeating the sign's currency ("$5 billion dollars") or another one
                    # is not part of the amount
                    e = m.start("suf2")
                    e = len(text[:e].rstrip())
            else:
                if suffix in CURRENCY_WORDS_NEEDING_SCALE and not scale_word:
                    continue
                currency = CURRENCY_WORDS[suffix]
                if suffix in ("dollars", "dollar"):
                    demonym = re.search(
                        r"(Canadian|Australian|Singapore|Hong Kong|New Zealand|U\.S\.|US)\s+$",
                        text[max(0, m.start("suf") - 14) : m.start("suf")],
                    )
                    if demonym:
                        currency = {
                            "Canadian": "CAD",
                            "Australian": "AUD",
                            "Singapore": "SGD",
                            "Hong Kong": "HKD",
                            "New Zealand": "NZD",
                        }.get(demonym.group(1), "USD")
            taken.add(s, e)
            approx = bool(_APPROX_RE.search(text[max(0, s - 20) : s]))
            out.append(Amount(s, e, _full_units(number, scale), currency, approx))
    return sorted(out, key=lambda a: a.start)
