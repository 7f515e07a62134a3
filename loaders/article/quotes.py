"""Quotations and their speakers, and the day each was said."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from bilateral.loaders.article.dates import ATTRIBUTED_DAY, parse_dates
from bilateral.loaders.article.meeting import MEETING_RE
from bilateral.loaders.article.model import MeetingHit, QuoteHit
from bilateral.loaders.article.names import TITLE_APPOSITION
from bilateral.loaders.article.people import People, PersonMention
from bilateral.loaders.article.text import VERB_RE, VERBS, Index, Quote
from bilateral.loaders.records import PersonRef

__all__ = [
    "Speakers",
    "reported_day",
    "statement_day",
]

_PRONOUN_RE = re.compile(r"\b(?P<p>[Hh]e|[Ss]he)\b")
# an adverb between a speaker and the verb: "he also said", "Trump later told"
_ADVERB = r"(?:\w+ly|also|then|later|again|further|too|still)"
# an auxiliary and adverbs between a subject and its verb: "has said", "has repeatedly told"
# wire copy's day between them: "Trump on Friday said", "Berg yesterday told"
_WHEN = r"(?:(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|last\s+(?:week|month))\s+"
_AUX_ADVERB = r"(?:" + _WHEN + r")?(?:(?:has|have|had|will|would|did|does)\s+)?(?:" + _ADVERB + r"\s+){0,2}"
_SAID_AFTER = re.compile(r"[\s,—–-]*(?:(?P<adv>" + _ADVERB + r")\s+)?(?P<verb>" + VERBS + r")\s+")
# "Erik Holm of the Norwegian Seafood Council said": the institution a speaker is of
_OF_INSTITUTION = r"(?:\s+(?:of|at|from)\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+(?:of\s+|for\s+)?){0,4}[A-Z][\w.&'’-]*)"
_SPEAKER_VERB = re.compile(
    r"(?:\s*,[^,“”\"]{1,120}?,|" + _OF_INSTITUTION + r")?\s*(?:" + _ADVERB + r"\s+)?(?P<verb>" + VERBS + r")\b"
)
_VERB_BEFORE_QUOTE = re.compile(
    r"(?P<verb>\b(?:" + VERBS + r"))\b"
    r"(?P<tail>(?:[\s,;]+(?:(?:[A-Z]\.)+|[^\s“”\"«».!?,;]+)){0,25}?)"
    r"\s*[:,]?\s*(?:that\s+)?$"
)
_NON_PERSON_AFTER = re.compile(r"[\s,—–-]*(?:(?:[\w.'’-]+)\s+){0,5}?(?:" + VERBS + r")\b")
_VERB_COLON = re.compile(r"\b(?:" + VERBS + r")\s*:\s*$")
_PRONOUN_SUBJECT = re.compile(r"\s*(?:(?:But|And|Then|So)\s+)?(?P<p>[Hh]e|[Ss]he)\b")
# "..., Trump said." ending the quote's sentence, after other words; the words after the verb may
# say when, where or to whom ("Modi said after the talks", "Trump told reporters at the briefing")
# but hold no clause of their own
_SAID_AT_END = re.compile(
    r"\s+(?:" + _ADVERB + r"\s+)?(?:" + VERBS + r")"
    r"(?:\s+(?:reporters|journalists|the press|the media))?"
    r"(?:\s+(?:after|at|on|in|during|before|following|while|from|via|with)\b[^“”\"]*?)?"
    r"\s*[.!?]?\s*$"
)
# an opening participle or prepositional phrase names no subject: "Speaking alongside Modi, "
_OPENING_PHRASE = re.compile(
    r"\s*(?:[A-Z][a-z]+ing|After|Following|Before|During|Asked|Alongside|Beside|With|At|In)\b[^,;“”\"]{0,100},\s+"
)
_QUOTED_PASSIVE = re.compile(r"\s+(?:was|were|is)\s+(?:also\s+)?quoted\s+(?:as\s+)?(?:saying|telling)\b")
# what the subject wants or plans to do, in their words: "Soto wants to “double copper sales”"
_INTENT_TO = re.compile(
    r"\b(?:wants?|wanted|hopes?|hoped|plans?|planned|aims?|aimed|seeks?|sought|intends?|intended)\s+to\s*$"
)
# "in Soto's words, “...”", "in the words of Soto, “...”"
_IN_WORDS = re.compile(
    r"\bin\s+(?:the\s+(?:words|view)\s+of\s+[^,“”\"]{1,60}|[^,“”\"]{1,60}(?:’s|'s)\s+(?:words|view|opinion))\s*,?\s*$"
)
_TO_SAY = re.compile(r"\bto\s+(?:say|write|add|declare|post|tell\s+\w+)\b[\s,:]*$")
_QUOTED_AS_SAYING = re.compile(r"[\s,—–-]*(?:[\w.'’-]+\s+){0,4}?quoted\s+")
# a list item opening with a verb in the past or present: "– Praised ...", "• Says ..."
_LIST_ITEM = re.compile(r"\s*[–—•*-]\s*(?:[A-Z][a-z]+(?:ed|s)|Said|Told|Wrote|Spoke|Took|Made|Gave)\b")
_DOCUMENT = r"\b(?:letter|message|note|memo|card|post)\b"
_SIGNED_BY = re.compile(_DOCUMENT + r"[^.“”\"‘’]{0,40}?\b(?:signed|written|sent)\s+by\s+(?:[A-Z][\w.]*\s+){0,3}$")
_IT_SAID = re.compile(r"[\s,—–-]*it\s+(?:" + _ADVERB + r"\s+)?(?:" + VERBS + r")\b")
_SAYS_NEXT = re.compile(r"\s+(?:says|said)\b")
_WAS_HOW = re.compile(r"[\s,]*was\s+how\s+")
_PRONOUN_AFTER_PHRASE = re.compile(
    r"\s+(?:in|at|on|about|of|for)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+,?\s+(?P<p>he|she)\s+(?P<verb>" + VERBS + r")\b"
)


class Speakers:
    """Finds the speaker of each quotation from the words around it."""

    def __init__(
        self, text: str, quotes: list[Quote], mentions: list[PersonMention], index: Index, people: People
    ) -> None:
        self.text = text
        self.quotes = quotes
        self.mentions = [m for m in mentions if not m.in_quote]  # sorted, and they do not overlap
        self.starts = [m.start for m in self.mentions]
        self.index = index
        self.people = people
        self.signer: tuple[PersonRef, int] | None = None  # a letter's signer and where named
        self.quote_opens = [q.open for q in quotes]
        self.quote_closes = [q.close for q in quotes]
        # for "he" and "she": (end, sentence, person) of the mentions whose gender (where known) fits
        self.fitting: dict[str, list[tuple[int, int, PersonRef]]] = {
            gender: [
                (m.end, index.sentence_of(m.start), m.ref)
                for m in self.mentions
                if people.gender.get(m.ref, gender) == gender
            ]
            for gender in "fm"
        }
        self.sure: dict[str, list[tuple[int, int, PersonRef]]] = {
            gender: [f for f in self.fitting[gender] if people.gender.get(f[2]) == gender] for gender in "fm"
        }

    def _within(self, lo: int, hi: int) -> list[PersonMention]:
        """The mentions that start in [lo, hi)."""
        return self.mentions[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    def _mention_at(self, pos: int) -> PersonMention | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.mentions[i].start == pos:
            return self.mentions[i]
        return None

    def _pronoun(self, pos: int, word: str, before: int) -> PersonMention | None:
        gender = "f" if word.lower() == "she" else "m"
        ref = self.antecedent(before, gender)
        if ref is None:
            return None
        return PersonMention(pos, pos + len(word), ref, "pronoun", 0.5, False)

    def antecedent(self, before: int, gender: str) -> PersonRef | None:
        """The person "he"/"she" refers to: the subject (first person named) of the closest
        sentence before `before` that names one whose gender, where known from Mr./Ms., fits."""
        # "she": a woman (Ms., Mrs., Dame) named in the last five sentences, before anyone of unknown
        # gender (the people of these articles are mostly men; "he" keeps the nearest subject)
        sure = self.sure[gender]
        k = bisect_right(sure, before, key=lambda f: f[0])
        if gender == "f" and k and self.index.sentence_of(before) - sure[k - 1][1] <= 5:
            while k > 1 and sure[k - 2][1] == sure[k - 1][1]:  # the first of that sentence
                k -= 1
            return sure[k - 1][2]
        fitting = self.fitting[gender]
        i = bisect_right(fitting, before, key=lambda f: f[0])  # the mentions that end before it
        if i == 0:
            return None
        number = fitting[i - 1][1]
        while i > 1 and fitting[i - 2][1] == number:  # the first of that sentence
            i -= 1
        s0 = self.index.sentences[number][0]
        subject = _PRONOUN_SUBJECT.match(self.text, s0)
        # "He then described the prime minister as ...": that sentence's subject is "he" again
        if subject and ("f" if subject.group("p").lower() == "she" else "m") == gender and s0 < before:
            return self.antecedent(s0, gender) or fitting[i - 1][2]
        # "At a news conference with X after the talks, Y described ...": the subject is Y
        opening = _OPENING_PHRASE.match(self.text, s0)
        if opening:
            after = [f for f in fitting[i - 1 :] if f[1] == number and opening.end() < f[0] <= before]
            if after:
                return after[0][2]
        return fitting[i - 1][2]

    def _speaker_at(self, pos: int, limit: int, quote_start: int) -> PersonMention | None:
        """A person mention (or he/she) starting at `pos` (after spaces)."""
        while pos < limit and self.text[pos] in " \u00a0":
            pos += 1
        m = self._mention_at(pos)
        if m:
            return m
        # a title, honorific or demonym before the name: "Mr. Tremblay", "Japanese Prime Minister X"
        i = bisect_right(self.starts, pos)
        if i < len(self.mentions):
            nxt = self.mentions[i]
            if nxt.start - pos <= 60 and re.fullmatch(
                r"(?:(?:[A-Z][\w.'’-]*|of|the|for)\s+)+", self.text[pos : nxt.start]
            ):
                return nxt
        p = _PRONOUN_RE.match(self.text, pos)
        if p and p.start() == pos:
            return self._pronoun(pos, p.group("p"), quote_start)
        return None

    def find(self, q: Quote, previous: list[tuple[Quote, PersonRef | None]]) -> tuple[PersonRef | None, float, str]:
        text = self.text
        p0, p1 = self.index.paragraphs[q.paragraph]
        i = bisect_left(self.quote_opens, q.close)  # the next quote
        next_open = self.quote_opens[i] if i < len(self.quotes) else p1
        limit = min(p1, next_open, q.close + 200)
        after = text[q.close : limit]
        cut = re.search(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!U\.S)[.!?](?=\s|$)", after)
        if cut:
            after = after[: cut.start()]
        # 1. after the quote: ", said Trump" / ", the president said" / ", he said" / ", according to X"
        found = self._after(q, after, limit)
        if found:
            return found
        s0, s1 = self.index.sentences[self.index.sentence_of(q.open)]
        who = self._said_at_end(q, s1)
        if who:
            return who.ref, who.confidence * 0.9, f"end of sentence: {text[who.start : who.end]}"
        # 2. before the quote, in the same sentence: "Trump said: “...”", "He added that “...”"
        i = bisect_right(self.quote_closes, q.open)  # the quotes closed before this one opens
        prev_close = self.quote_closes[i - 1] if i else p0
        b0 = max(s0, prev_close, p0)
        before = text[b0 : q.open]
        listed = self._list_subject(q)
        if listed:
            return listed.ref, listed.confidence * 0.8, f"list item of: {text[listed.start : listed.end]}"
        said = self._verb_before(q, b0, s0)
        if said:
            return said
        intent = _INTENT_TO.search(before)
        if intent:
            who = self._subject_before(b0 + intent.start(), b0, q.open)
            if who:
                return who.ref, who.confidence * 0.9, f"before: {text[who.start : who.end]} {intent.group().strip()}"
        in_words = _IN_WORDS.search(before)
        if in_words:
            named = self._within(b0 + in_words.start(), q.open)
            if named:
                return named[0].ref, named[0].confidence, f"before: in {text[named[0].start : named[0].end]}'s words"
        # "Trump took to social media to say, “...”": the clause's subject
        to_say = _TO_SAY.search(before)
        if to_say:
            who = self._clause_subject(s0, b0 + to_say.start())
            if who:
                return who.ref, who.confidence * 0.9, f"before: {text[who.start : who.end]} ... to say"
        if (
            previous
            and b0 == prev_close
            and previous[-1][0].close == prev_close
            and previous[-1][1] is not None
            and re.fullmatch(r"\s*,?\s*(?:and|or|but)\s+(?:that\s+)?", before)
        ):
            return previous[-1][1], 0.45, "continuation: and that"
        # "... and that “...”", or a dash explaining the phrase before it: "the “same goals” – “to ...”"
        if (
            i
            and b0 == prev_close
            and re.search(r"^(?:[^“”\"]*\b(?:and|but)\s+(?:that\b[^“”\".;]*)?|\s*[–—-])\s*$", before)
        ):
            said = self._phrase_before(q, i, s0, p0)
            if said:
                return said
        acc = re.search(r"\baccording to\s+", before, re.I)  # "According to X, ..." opens sentences
        if acc:
            who = self._speaker_at(b0 + acc.end(), q.open, q.open)
            if who:
                return who.ref, who.confidence, f"before: according to {text[who.start : who.end]}"
        if before.rstrip().endswith(":"):
            subject = [mm for mm in self._within(b0, q.open) if mm.end <= q.open]
            if subject:
                return subject[0].ref, subject[0].confidence * 0.6, f"colon: {text[subject[0].start : subject[0].end]}"
            p = _PRONOUN_RE.search(before)
            if p:
                who = self._pronoun(b0 + p.start(), p.group("p"), b0)
                if who:
                    return who.ref, who.confidence * 0.6, f"colon: {p.group('p')}"
        # an attribution to no person ("the ministry said", "the White House said:"): no speaker
        if _NON_PERSON_AFTER.match(after) or _VERB_COLON.search(before):
            return None, 0.0, "attributed to no person"
        # 3. a continuation: a quote with nothing but space (or a new paragraph) after the same speaker's quote
        ref = self._continuation(q, previous, p0)
        if ref is not None:
            return ref, 0.45, "continuation"
        who = self._headline_speaker(q, p0, p1)
        if who:
            return who.ref, 0.5, f"headline: {text[who.start : who.end]} says"
        who = self._lead_in(q, s0, s1)
        if who:
            return who.ref, 0.4, f"lead-in: {text[who.start : who.end]}"
        return None, 0.0, "no attribution found"

    def _after(self, q: Quote, after: str, limit: int) -> tuple[PersonRef, float, str] | None:
        """The speaker named after the quote: ", said Trump", ", the president said", ", he
        said", ", according to X", ", state radio quoted X as saying", "– Albanese"."""
        text = self.text
        if re.search(r"[.]\W*$", text[q.open : q.close]) and re.match(r"\s+[A-Z]", after):
            return None  # "“... on all sides.” He said he wants ...": the quote ended its sentence
        # "“...” in Egypt, he said": a short phrase, then the pronoun and its verb
        p = _PRONOUN_AFTER_PHRASE.match(after)
        if p:
            who = self._pronoun(q.close + p.start("p"), p.group("p"), q.open)
            if who:
                return who.ref, who.confidence, f"after: {p.group('p')} {p.group('verb')}"
        m = _SAID_AFTER.match(after)
        if m and not m.group("verb").endswith("ing"):  # "..., saying he had": a new clause, not an attribution
            who = self._speaker_at(q.close + m.end(), limit, q.open)
            if who:
                return who.ref, who.confidence, f"after: {m.group('verb')} {text[who.start : who.end]}"
        # ", state radio quoted Sharif as saying": the one quoted, not the outlet
        m = _QUOTED_AS_SAYING.match(after)
        if m:
            who = self._speaker_at(q.close + m.end(), limit, q.open)
            if who and re.match(r"\s+as\s+(?:saying|telling)\b", text[who.end : limit]):
                return who.ref, who.confidence, f"after: quoted {text[who.start : who.end]} as saying"
        # "“...,” was how Soto described it"
        m = _WAS_HOW.match(after)
        if m:
            who = self._speaker_at(q.close + m.end(), limit, q.open)
            if who and _SPEAKER_VERB.match(text, who.end, limit):
                return who.ref, who.confidence, f"after: was how {text[who.start : who.end]}"
        # "..., it added" after a letter's words: the letter's signer
        if self.signer is not None and _IT_SAID.match(after) and 0 <= q.open - self.signer[1] <= 800:
            return self.signer[0], 0.5, "after: it (a letter) said"
        m = re.match(r"[\s,—–-]*according to\s+", after)
        if m:
            who = self._speaker_at(q.close + m.end(), limit, q.open)
            if who:
                return who.ref, who.confidence, f"after: according to {text[who.start : who.end]}"
        lead = re.match(r"[\s,—–-]*", after)
        at = q.close + (lead.end() if lead else 0)
        title = TITLE_APPOSITION.match(text, at, limit)  # "“...,” the foreign minister, Wang Yi, told"
        who = self._speaker_at(title.end() if title else at, limit, q.open)
        if who:
            tail = text[who.end : limit]
            if title:
                tail = re.sub(r"^,", "", tail)  # the apposition's closing comma
            v = _SPEAKER_VERB.match(tail)
            if v and not re.match(r"\s+that\b", tail[v.end() :]):  # "“...,” X reiterated that ...": new words
                return who.ref, who.confidence, f"after: {text[who.start : who.end]} {v.group('verb')}"
            if _QUOTED_PASSIVE.match(tail):  # "“...,” Albanese was quoted as saying"
                return who.ref, who.confidence, f"after: {text[who.start : who.end]} was quoted"
            if lead and re.search(r"[—–-]", lead.group()) and not tail.strip(" .\n"):  # "“...” – Albanese."
                return who.ref, who.confidence * 0.9, f"after a dash: {text[who.start : who.end]}"
        return None

    def _phrase_before(self, q: Quote, i: int, s0: int, p0: int) -> tuple[PersonRef, float, str] | None:
        """'... wrote that he had a “very fruitful” exchange and that “...”': the verb before the
        short phrase (quote `i - 1`, no quote of its own: too short) speaks for this one too."""
        earlier = self.quotes[i - 1]
        if self.index.sentence_of(earlier.open) != self.index.sentence_of(q.open):
            return None
        e0 = max(s0, p0, self.quote_closes[i - 2] if i >= 2 else p0)
        said = self._verb_before(earlier, e0, s0)
        return (said[0], said[1] * 0.8, f"continuation of a phrase: {said[2]}") if said else None

    def _verb_before(self, q: Quote, b0: int, s0: int) -> tuple[PersonRef, float, str] | None:
        """ "Trump said: “...”", "He added that “...”", "Modi ..., suggesting, “...”": the verb
        nearest the quote in [b0, q.open) and its subject."""
        text = self.text
        before = text[b0 : q.open]
        m = None
        for verb in reversed(list(VERB_RE.finditer(before))):
            m = _VERB_BEFORE_QUOTE.match(before, verb.start())
            if m:
                break
        if not m:
            return None
        verb_at = b0 + m.start("verb")
        found = self._subject_before(verb_at, b0, q.open) or self._signer(b0, verb_at)
        if found is None and (m.group("verb").endswith("ing") or re.search(r"\band\s+(?:\w+\s+)?$", text[b0:verb_at])):
            found = self._clause_subject(s0, verb_at)
        if found is None:
            return None
        tail_words = len(m.group("tail").split())
        # a phrase quoted at the end of long reported speech ("X said her government had ... “for
        # the good of both.”") is still the subject's, with less confidence
        factor = 1.0 if tail_words <= 3 else 0.9 if tail_words <= 8 else 0.8 if tail_words <= 15 else 0.7
        return found.ref, found.confidence * factor, f"before: {text[found.start : found.end]} {m.group('verb')}"

    def _list_subject(self, q: Quote) -> PersonMention | None:
        """A list item that opens with a verb ("– Praised Sir Keir as ...") after a line ending
        with a colon ("But instead the US president:"): the person that line names."""
        p0, p1 = self.index.paragraphs[q.paragraph]
        item = _LIST_ITEM.match(self.text, p0, p1)
        if item is None:
            return None
        k = q.paragraph - 1
        while k >= 0 and _LIST_ITEM.match(self.text, *self.index.paragraphs[k]):
            k -= 1
        if k < 0:
            return None
        i0, i1 = self.index.paragraphs[k]
        if not self.text[i0:i1].rstrip().endswith(":"):
            return None
        named = self._within(i0, i1)
        return named[0] if named else None

    def _signer(self, b0: int, verb_at: int) -> PersonMention | None:
        """ "The letter, signed by Charles, said ...": the signer speaks for the letter (and for
        its next words, "..., it added")."""
        for m in self._within(b0, verb_at):
            if _SIGNED_BY.search(self.text, b0, m.start) and re.fullmatch(r"[\s,]*", self.text[m.end : verb_at]):
                self.signer = (m.ref, m.start)
                return m
        return None

    def _continuation(self, q: Quote, previous: list[tuple[Quote, PersonRef | None]], p0: int) -> PersonRef | None:
        """The previous quote's speaker, for a quote with nothing but space (or a new paragraph
        naming no one else) after it."""
        if not previous:
            return None
        text = self.text
        last_q, last_ref = previous[-1]
        if last_ref is None or len(text[q.start : q.end].split()) < 3:
            return None
        between = text[last_q.close : q.open]
        # the people of the previous quote's own sentence ("..., Trump told Ishiba.") speak no new words
        after_it = max(last_q.close, self.index.sentences[self.index.sentence_of(last_q.open)][1])
        others = {mm.ref for mm in self._within(after_it, q.open)} - {last_ref}
        same_para = last_q.paragraph == q.paragraph and (
            not re.search(r"[A-Za-z]", between)
            or (re.search(r"[.!?]\s*$", between) and not (others and VERB_RE.search(between) is None))
        )
        next_para = q.paragraph - last_q.paragraph == 1 and text[p0 : q.open].strip() == "" and not others
        return last_ref if same_para or next_para else None

    def _clause_subject(self, s0: int, verb_at: int) -> PersonMention | None:
        """The subject of the clause: the sentence's opening "he"/"she", or the first person it
        names before the verb."""
        opening = _OPENING_PHRASE.match(self.text, s0, verb_at)  # "Speaking alongside Modi, Trump said"
        p = _PRONOUN_SUBJECT.match(self.text, opening.end() if opening else s0, verb_at)
        if p:  # "He ...", "Speaking in Delhi, he ..."
            return self._pronoun(p.start("p"), p.group("p"), s0)
        if opening:
            s0 = opening.end()
        firsts = [m for m in self._within(s0, verb_at) if m.end <= verb_at]
        return firsts[0] if firsts else None

    def _lead_in(self, q: Quote, s0: int, s1: int) -> PersonMention | None:
        """A quote that is a whole sentence after a sentence about someone, in one paragraph
        ("... the U.S. president was complimentary. “We're going to be friends ...”"): its subject."""
        n = self.index.sentence_of(q.open)
        if n == 0 or self.text[s0 : q.open].strip() or self.text[q.close : s1].strip(" .,"):
            return None
        b0, b1 = self.index.sentences[n - 1]
        if any(b0 <= o < b1 for o in self.quote_opens):
            return None
        if self.index.paragraph_of(b0) == q.paragraph:
            return self._clause_subject(b0, b1)
        # a quote that is its own paragraph after "In his speech, Sharif said that ...": Sharif's
        p1 = self.index.paragraphs[q.paragraph][1]
        verb = VERB_RE.search(self.text, b0, b1)
        if verb is None or self.index.paragraph_of(b0) != q.paragraph - 1 or self.text[q.close : p1].strip(" .,"):
            return None
        return self._clause_subject(b0, verb.start())

    def _said_at_end(self, q: Quote, s1: int) -> PersonMention | None:
        """'Xi will work “very hard ...” of fentanyl, ..., Trump said.': the person and verb that
        end the quote's sentence, with no other quote between."""
        i = bisect_left(self.quote_opens, q.close)
        while i < len(self.quotes) and self.quote_opens[i] < s1:
            # a phrase too short to be a quote of its own ("and to “act fast” on ...") hides no one
            if len(self.text[self.quote_opens[i] : self.quote_closes[i]].split()) >= 3:
                return None
            i += 1
        for m in reversed(self._within(q.close, s1)):
            if _SAID_AT_END.match(self.text, m.end, s1):
                return m
        return None

    def _headline_speaker(self, q: Quote, p0: int, p1: int) -> PersonMention | None:
        """A quote that is its whole paragraph (a headline), then "Carney says ..." opening the
        next paragraph."""
        if self.text[p0 : q.open].strip() or self.text[q.close : p1].strip(" .,"):
            return None
        if q.paragraph + 1 >= len(self.index.paragraphs):
            return None
        n0, n1 = self.index.paragraphs[q.paragraph + 1]
        first = self._within(n0, min(n1, n0 + 80))
        if first and _SAYS_NEXT.match(self.text, first[0].end):
            return first[0]
        return None

    def _subject_before(self, verb_at: int, b0: int, quote_open: int) -> PersonMention | None:
        """The person (or he/she) right before the verb, allowing an apposition and an adverb."""
        # "Berg, who stressed that ...": a relative clause's verb is the person's too
        gap_re = re.compile(
            r"(?P<app>\s*,[^“”\"]{1,120}?,)?" + _OF_INSTITUTION + r"?(?:\s*,?\s*who)?\s*" + _AUX_ADVERB + r"$"
        )
        options: list[tuple[PersonMention, bool]] = []
        for m in self._within(b0, verb_at):
            if m.end <= verb_at:
                g = gap_re.fullmatch(self.text[m.end : verb_at])
                # "Norway's negotiator, Kari Nordmann, said": the name is the apposition
                if (
                    g is None
                    and re.fullmatch(r",\s*", self.text[m.end : verb_at])
                    and self.text[: m.start].endswith(", ")
                ):
                    g = gap_re.fullmatch("")
                # an apposition holds no clause of speech: ", Trump said India would buy ...," is none
                if g and not (g.group("app") and VERB_RE.search(g.group("app"))):
                    options.append((m, bool(g.group("app"))))
        for p in _PRONOUN_RE.finditer(self.text, b0, verb_at):
            if re.fullmatch(r"\s*" + _AUX_ADVERB, self.text[p.end() : verb_at]):
                who = self._pronoun(p.start(), p.group("p"), b0)
                if who:
                    options.append((who, False))
        if not options:
            return None
        appositive = [m for m, app in options if app]
        if appositive:
            first = min(appositive, key=lambda m: m.start)
            return first
        return max(options, key=lambda o: o[0].end)[0]


def reported_day(text: str, published: dt.date | None, quoted: Callable[[int], bool]) -> dt.date | None:
    """The day the article says its people spoke ("Ishiba said on Sunday"), if it says one."""
    for d in parse_dates(text, published):
        if quoted(d.start) or (published is not None and d.date > published):
            continue
        if ATTRIBUTED_DAY.search(text[max(0, d.start - 60) : d.start]):
            return d.date
    return None


def statement_day(
    q: QuoteHit,
    text: str,
    index: Index,
    meeting: MeetingHit | None,
    reported_on: dt.date | None,
    quoted: Callable[[int], bool],
) -> dt.date | None:
    """When a quote was said: the day its sentence gives; else the meeting's day when its
    sentence (or the one before, in the paragraph) speaks of the meeting; else the day the
    article says its people spoke; else the meeting's day for a participant; else None (the
    caller then uses the publication date)."""
    if q.said_on is not None:
        return q.said_on
    if meeting is not None and meeting.date is not None:
        n = index.sentence_of(q.start)
        ids = [n]
        if n > 0 and index.paragraph_of(index.sentences[n - 1][0]) == index.paragraph_of(q.start):
            ids.append(n - 1)
        for i in ids:
            s0, s1 = index.sentences[i]
            if any(not quoted(m.start()) for m in MEETING_RE.finditer(text, s0, s1)):
                return meeting.date
    if reported_on is not None:
        return reported_on
    if meeting is not None and meeting.date is not None and q.speaker in meeting.participants:
        return meeting.date
    return None
