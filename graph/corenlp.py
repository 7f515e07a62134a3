"""Stanford CoreNLP's quote attribution (Muzny et al., EACL 2017) as the speaker of the quotes the
extractor's rules leave without one: an opt-in (`bilateral extract --corenlp URL`), over HTTP to
a running CoreNLP server (`scripts/corenlp-local`). On two halves of real pages nobody tuned on,
it lifts attribution recall by about 0.1 and keeps precision over 0.90; on the pages the rules
were read from it does not help (`bench/results/quotes-corenlp.md`)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import replace

from bilateral.core.errors import ServiceError
from bilateral.loaders.article import Extraction

# the pipeline the bench measured: quote attribution needs coreference; "neural" coreference
# answers HTTP 500 with the models of this CoreNLP, so the statistical one
PROPERTIES = {
    "annotators": "tokenize,ssplit,pos,lemma,ner,depparse,coref,quote",
    "coref.algorithm": "statistical",
    "outputFormat": "json",
}
PRONOUNS = {"he", "she", "his", "her", "him", "they", "them", "their", "i", "we", "it", "you"}
CONFIDENCE = 0.5  # about two in three of its speakers for quotes our rules leave were right


class CoreNLP:
    """A running CoreNLP server at `url` (http://host:port)."""

    def __init__(self, url: str, timeout: float = 600.0) -> None:
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ServiceError(f"--corenlp {url!r} is not a CoreNLP server URL (http://127.0.0.1:9000)")
        self.url = url.rstrip("/")
        self.timeout = timeout

    def annotate(self, text: str) -> dict[str, object]:
        """CoreNLP's JSON for `text`, with its quotes and their speakers."""
        url = f"{self.url}/?properties=" + urllib.parse.quote(json.dumps(PROPERTIES))
        request = urllib.request.Request(url, data=text.encode("utf-8"), method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                doc: dict[str, object] = json.loads(answer.read())
        except urllib.error.HTTPError as err:
            body = err.read().decode("utf-8", "replace").strip().splitlines()
            raise ServiceError(f"CoreNLP at {self.url} failed (HTTP {err.code}): {body[0] if body else ''}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise ServiceError(
                f'cannot reach CoreNLP at {self.url} ({reason}); start one with: eval "$(scripts/corenlp-local start)"'
            ) from None
        except ValueError:
            raise ServiceError(f"{self.url} answered something that is not CoreNLP's JSON") from None
        if not isinstance(doc.get("quotes"), list):
            raise ServiceError(f"{self.url} answered without quotes: is it CoreNLP with the quote annotator?")
        return doc

    def speakers(self, text: str, people: Sequence[str]) -> tuple[dict[int, str], int]:
        """CoreNLP's speaker of each quote, by where its words start in `text` (as the extractor
        counts), named as `name_of` names it; and how many of its quotes were not found in
        the text near their offsets."""
        doc = self.annotate(text)
        quotes: list[dict[str, object]] = doc["quotes"]  # type: ignore[assignment]
        at = code_points(text)
        found: dict[int, str] = {}
        lost = 0
        for q in quotes:
            begin = locate(text, at[min(int(q["beginIndex"]), len(at) - 1)], str(q["text"]))  # type: ignore[call-overload]
            if begin is None:
                lost += 1
                continue
            name = name_of(q, people)  # type: ignore[arg-type]
            if name:
                found[begin + 1] = name  # CoreNLP's span includes the opening mark
        return found, lost


def name_of(quote: dict[str, str], people: Sequence[str]) -> str | None:
    """CoreNLP's speaker of a quote (a mention: "Xi", "the president") as the fullest name our
    extractor found sharing a word with it; the mention itself when none does; None for an
    unresolved pronoun or no speaker."""
    mentions = (quote.get("canonicalSpeaker"), quote.get("speaker"))
    mention = next((m for m in mentions if m and m != "Unknown" and m.lower() not in PRONOUNS), None)
    if mention is None:
        return None
    words = set(mention.replace("’s", "").replace("'s", "").split())
    fits = [p for p in people if words & set(p.split())]
    return max(fits, key=len) if fits else mention


def code_points(text: str) -> list[int]:
    """For each UTF-16 unit offset of `text` (and its end), the index of its character in Python:
    CoreNLP counts UTF-16 units (an emoji is two)."""
    at: list[int] = []
    for i, ch in enumerate(text):
        at += [i] * (2 if ord(ch) > 0xFFFF else 1)
    return [*at, len(text)]


def locate(text: str, guess: int, words: str) -> int | None:
    """Where `words` begin in `text`, within 50 characters of `guess`; None if not there (CoreNLP
    may normalise a character)."""
    found = text.find(words, max(0, guess - 50), guess + 50 + len(words))
    return found if found != -1 else None


def with_speakers(extraction: Extraction, corenlp: CoreNLP) -> Extraction:
    """The extraction with CoreNLP's speaker for each quote the rules left without one, where it
    names a person the extractor found."""
    names, _ = corenlp.speakers(extraction.text, [p.ref.name for p in extraction.people])
    return fill_speakers(extraction, names)


def fill_speakers(extraction: Extraction, names: dict[int, str]) -> Extraction:
    """`with_speakers` for names already had (quote start -> name, as `CoreNLP.speakers` gives
    them): a name that is no person the extractor found is left out, not made a new person."""
    people = {p.ref.name: p.ref for p in extraction.people}
    quotes = tuple(
        replace(q, speaker=people[names[q.start]], confidence=CONFIDENCE, how=f"CoreNLP: {names[q.start]}")
        if q.speaker is None and names.get(q.start) in people
        else q
        for q in extraction.quotes
    )
    return replace(extraction, quotes=quotes)
