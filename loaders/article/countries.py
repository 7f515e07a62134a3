"""Countries the text names: ISO names, the press's short names and abbreviations, demonyms."""

from __future__ import annotations

import re

from bilateral.loaders.article.model import MentionHit
from bilateral.loaders.article.text import alternation
from bilateral.loaders.article_lexicon import (
    AMBIGUOUS_COUNTRY_NAMES,
    TERRITORIES,
    country_surface_forms,
)

__all__ = [
    "COUNTRY_FORM",
    "find_countries",
]

_WORD = r"(?<![\w.\-])"
_END = r"(?![\w])"
_COUNTRY_RE = re.compile(_WORD + "(" + alternation(country_surface_forms()) + ")" + _END)
COUNTRY_FORM = alternation(f for f in country_surface_forms() if f[0].isupper())
# the second of a hyphenated pair, which the first pattern leaves ("U.S.-China", "India-US"), and
# the third of a chain ("Canada-U.S.-Mexico")
_PAIR_SECOND = re.compile(r"(?:" + COUNTRY_FORM + r")-(" + COUNTRY_FORM + r")" + _END)
_CHAIN_THIRD = re.compile(r"(?:" + COUNTRY_FORM + r")-(?:" + COUNTRY_FORM + r")-(" + COUNTRY_FORM + r")" + _END)
# an outlet's name: "China Daily", "the Japan Times", "Pakistan Point News"
_OUTLET_AFTER = re.compile(
    r"(?:\s[A-Z][a-z]+)?\s(?:Daily|Times|Today|Herald|Post|News|Observer|Tribune|Gazette|Telegraph|Journal|"
    r"Radio|Television|TV|Broadcasting)\b"  # not "Press" ("US Press Secretary")
)


def find_countries(text: str) -> list[MentionHit]:
    forms = country_surface_forms()
    out: list[MentionHit] = []
    matches = list(_COUNTRY_RE.finditer(text))
    starts = {m.start(1) for m in matches}
    matches += [m for m in _PAIR_SECOND.finditer(text) if m.start(1) not in starts]
    starts = {m.start(1) for m in matches}
    matches += [m for m in _CHAIN_THIRD.finditer(text) if m.start(1) not in starts]
    for match in sorted(matches, key=lambda m: m.start(1)):
        form = match.group(1)
        code, how = forms[form]
        if code in TERRITORIES:
            continue  # "a Hong Kong activist": a territory, not a side
        if how != "demonym" and _OUTLET_AFTER.match(text, match.end(1)):
            continue  # "the Japan Times reported": an outlet
        before = text[max(0, match.start(1) - 9) : match.start(1)]
        after = text[match.end(1) : match.end(1) + 8]
        if form in ("America", "American", "Americans") and re.search(r"(Latin|South|North|Central)[\s-]$", before):
            continue
        if form in ("Indian",) and after.startswith(" Ocean"):
            continue
        if form == "Mexico" and before.endswith("New "):
            continue
        if form in AMBIGUOUS_COUNTRY_NAMES and (
            (re.search(r"[A-Z][\w]*\s$", before) and not re.search(r"[.!?]\s$|^\s*$", before))
            or re.match(r"\s[A-Z]", after)
        ):
            continue
        if form == "US" and re.match(r"[-\s]?\$", after):
            continue  # "US $5 billion" is a currency marker
        conf = 0.85 if how == "demonym" else 0.95
        out.append(MentionHit("country", match.start(1), match.end(1), form, conf, how, country=code))
    return out
