"""Deterministic IRIs minted from stable keys.

The same key gives the same IRI on any machine, and two different keys never give the same IRI:
a key is normalised (Unicode NFC, case-folded, white space collapsed), then written into one path
segment by an injective encoding (letters, digits, `-` and `.` stay; a space becomes `_`; anything
else, `_` and `/` included, is percent-encoded as UTF-8). `/` joins the parts of a composite key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from bilateral.core.settings import base_iri

__all__ = [
    "commitment_iri",
    "country_iri",
    "dyad_codes",
    "dyad_iri",
    "dyad_name",
    "indicator_iri",
    "meeting_iri",
    "mint",
    "normalise_key",
    "person_iri",
    "segment",
    "source_iri",
    "statement_iri",
    "tenure_iri",
    "text_hash",
    "topic_iri",
    "trade_flow_iri",
    "treaty_iri",
]

_SPACE = re.compile(r"\s+")
# Code points an IRI may carry unescaped (RFC 3987 ucschar), beyond ASCII.
_UCSCHAR = (
    (0xA0, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    (0x10000, 0x1FFFD),
    (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD),
    (0xE1000, 0xEFFFD),
)


def normalise_key(key: str) -> str:
    """What identity means for a name: NFC, case-folded, single spaces, no edge spaces."""
    text = unicodedata.normalize("NFC", key).casefold()
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text).strip())


def _keep(char: str) -> bool:
    if char.isascii():
        return char.isalnum() or char in "-."
    code = ord(char)
    in_ucs = any(lo <= code <= hi for lo, hi in _UCSCHAR)
    return in_ucs and unicodedata.category(char)[0] in "LMN"


def segment(key: str) -> str:
    """One IRI path segment for a key (injective on normalised keys)."""
    text = normalise_key(key)
    if not text:
        raise ValueError(f"cannot mint an IRI from an empty key {key!r}")
    out: list[str] = []
    for char in text:
        if char == " ":
            out.append("_")
        elif _keep(char):
            out.append(char)
        else:
            out.append("".join(f"%{b:02X}" for b in char.encode("utf-8")))
    result = "".join(out)
    return "%2E" * len(result) if set(result) == {"."} else result  # "." alone is a path step


def mint(kind: str, *parts: str) -> str:
    """`{base}{kind}/{part}/{part}...`; every part is a key encoded by `segment`."""
    return f"{base_iri()}{kind}/" + "/".join(segment(p) for p in parts)


def _tail(person: str) -> str:
    """The key part of a person IRI, to build the keys of what hangs off that person."""
    return person.split("/person/", 1)[1]


def text_hash(text: str) -> str:
    """A short stable hash of a normalised text, for keys made of long free text."""
    return hashlib.sha256(normalise_key(text).encode("utf-8")).hexdigest()[:16]


def country_iri(iso3: str) -> str:
    return f"{base_iri()}country/{iso3.upper()}"


def dyad_codes(a: str, b: str) -> tuple[str, str]:
    """The unordered pair as a sorted tuple of upper-case alpha-3 codes."""
    x, y = sorted((a.upper(), b.upper()))
    return x, y


def dyad_iri(a: str, b: str) -> str:
    x, y = dyad_codes(a, b)
    return f"{base_iri()}dyad/{x}-{y}"


def dyad_name(dyad: str) -> str:
    """A dyad's name ("JPN-USA", its bi:name) from its IRI, which is minted from that name."""
    return dyad.rsplit("/dyad/", 1)[1]


def person_iri(name: str, birth_year: int | None = None) -> str:
    return mint("person", name, str(birth_year)) if birth_year else mint("person", name)


def tenure_iri(person: str, country: str, office: str, start: str) -> str:
    """`person` is the person's IRI; `start` the first (or attested) day."""
    return f"{base_iri()}tenure/{_tail(person)}/" + "/".join(segment(p) for p in (country.upper(), office, start))


def meeting_iri(date: str, countries: Iterable[str], kind: str) -> str:
    a, b = list(countries)
    x, y = dyad_codes(a, b)
    return f"{base_iri()}meeting/{segment(date)}/{x}-{y}/{segment(kind)}"


def statement_iri(person: str, date: str, text: str) -> str:
    """`person` is the speaker's IRI."""
    return f"{base_iri()}statement/{_tail(person)}/{segment(date)}/{text_hash(text)}"


def commitment_iri(party: str, date: str, description: str) -> str:
    return mint("commitment", party.upper(), date, text_hash(description))


def topic_iri(key: str, scheme: str) -> str:
    """HS concepts are keyed by notation (`topic/hs/87`), others by their id."""
    return mint("topic", scheme, key)


def trade_flow_iri(
    exporter: str, importer: str, year: int, sector: str, reporter: str, currency: str, source: str
) -> str:
    flow = f"{exporter.upper()}-{importer.upper()}"
    return mint("tradeflow", flow, str(year), sector, reporter.upper(), currency.upper(), source)


def indicator_iri(indicator: str, country: str, partner: str, year: int, measure: str, source: str) -> str:
    """`measure` is the currency of a monetary figure, else its unit."""
    pair = f"{country.upper()}-{partner.upper()}"
    return mint("observation", indicator, pair, str(year), measure, source)


def treaty_iri(name: str) -> str:
    return mint("treaty", name)


def source_iri(source_id: str) -> str:
    return mint("source", source_id)
