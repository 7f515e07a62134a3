"""Figures: an amount, its metric, dyad, period and speaker, and whether it is a checkable claim."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise
from typing import TypeVar

from bilateral.loaders.article.amounts import Amount, find_amounts
from bilateral.loaders.article.model import FigureHit, MentionHit, QuoteHit
from bilateral.loaders.article.people import People, PersonMention
from bilateral.loaders.article.text import VERBS, Index, Quote, start_of, starting_in
from bilateral.loaders.article_lexicon import (
    MONTHS,
    NUMBER_WORDS,
    TOPIC_KEYWORDS,
)
from bilateral.loaders.records import PersonRef, TopicRef

__all__ = [
    "find_figures",
]

_T = TypeVar("_T")

_METRIC_RE = re.compile(
    r"\b(?P<balance>deficits?|surplus(?:es)?|trade gap)\b|"
    r"\b(?P<exports>exports?|exported|exporting|sold|selling|shipped|shipments?|supplied|sales(?=\s+to\b))\b|"
    r"\b(?P<imports>imports?|imported|importing|bought|buying|purchased|purchases|purchasing)\b|"
    r"\b(?P<investment>invest(?:ment|ments|ed|s|ing|ors?)?|FDI)\b|"
    # "commerce" as "trade": "two-way commerce", "commerce between"
    r"\b(?P<trade>(?:two-way|bilateral|total|goods|merchandise) (?:trade|commerce)|"
    r"(?:trade|commerce) (?:volume |turnover |exchange )?(?:between|with|in goods)|traded|"
    # a verb of the level right after the word: "trade reached", "trade turnover amounted", "trade worth"
    r"(?:trade|commerce)\s+(?:volume\s+|turnover\s+|exchanges?\s+)?(?:to|of|at|from|reached|reaching|stood|stands|"
    r"totall?ed|totall?ing|hit|rose|grew|fell|was|is|were|will|would|could|may|might|worth|amounted|valued|crossed|topped|exceeded|"
    r"surpassed|increased|jumped|climbed|declined|dropped)\b|"
    r"(?<![\w.])(?-i:[A-Z][\w.]*-[A-Z][\w.]*)\s+trade)\b",  # "US-Japan trade"
    re.I,
)
_RECEIVED = re.compile(r"\b(?:received|receives|attracted|attracts|drew|draws|secured|secures)\b")
_YEAR_RE = re.compile(
    r"(?<![\d$¥€£.,])(?P<year>(?:19|20)\d\d)(?!\d|,\d|\s?(?:billion|million|trillion)|-\d\d-\d\d)"  # (not "2023-11-20")
)
_PLEDGE_RE = re.compile(
    r"\b(pledg\w*|promis\w*|commit\w*|vow\w*|will|would|could|may|might|plans?|planned|"
    r"planning|intends?|aims?|announc\w*|target\w*|goal|seeks?|expected to|forecast\w*|"
    r"projected|project|offer\w*|propos\w*)\b",
    re.I,
)
# "in Gujarat, India", "in Hunan province, China": the country after a place is "in" too
_IN_PLACE_BEFORE = re.compile(
    r"\b(?P<prep>in|into)\s+(?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+"
    r"(?:\s+(?:province|state|region|prefecture|county|district|city))?,\s+$"
)
_HOLDER_GAP = re.compile(r"(?:’s|'s|’|')?\s*(?:[\w$¥€£.,()-]+\s+){0,7}")  # ("the US’ deficit")
# the words of a noun phrase between a holder and its metric ("Japan's 9 trillion yen ($62 billion)
# trade surplus", "the U.S. goods deficit"); any other word (a verb: "Germany account for half of
# the deficit") means the country is no holder
_NOUN_PHRASE_WORDS = frozenset(
    "a an the its their his her our of trade goods merchandise services bilateral annual yearly monthly "
    "record total overall global worldwide current account combined estimated net two-way commercial foreign "
    "external "
    "massive huge large larger largest big bigger biggest growing widening narrowing persistent chronic "
    "full-year latest "
    "about around nearly almost roughly some over more than billion million trillion bn tn yen dollars "
    "dollar euros pounds won rupees yuan "
    # a holder's verbs: "the U.S. recorded a $30 billion surplus", "Canada posted a deficit"
    "ran runs run recorded records posted posts reported reports registered logged booked had has saw".split()
)


# a holder with no country code: "the European Union's trade surplus"
_BLOC_HOLDER = re.compile(r"\b(?:European Union|EU|bloc)(?:’s|'s)?\s+(?:[\w$¥€£.,()-]+\s+){0,4}$")


# a holder's verb and its object's article: any adjectives may follow ("Vietnam ran a robust trade surplus")
_HOLDER_VERB_OBJECT = re.compile(
    r"\s*(?:ran|runs|run|recorded|records|posted|posts|reported|reports|registered|logged|booked|had|has|saw)"
    r"\s+(?:a|an)\s+(?:[a-z-]+\s+){0,3}"
)
# "its trade deficit with China": the country named before it holds it
_ITS_BEFORE = re.compile(r"\bits\s+(?:[\w-]+\s+){0,3}$")
# prepositions that make a country the other side, not the one before the metric's word
_PARTNER_PREPS = ("with", "against", "vis-à-vis", "between", "in", "into")


def _noun_phrase_gap(gap: str) -> bool:
    """Whether `gap` holds only amounts, names and noun-phrase words (see _NOUN_PHRASE_WORDS),
    or a holder's verb and its object's first words."""
    if _HOLDER_VERB_OBJECT.fullmatch(gap):
        return True
    for token in re.sub(r"^(?:’s|'s|’|')", "", gap).split():
        word = token.removesuffix("’s").removesuffix("'s").strip("()$¥€£.,’'-")
        if word and not (re.search(r"\d", word) or word[0].isupper() or word.lower() in _NOUN_PHRASE_WORDS):
            return False
    return True


_GLOBAL_BEFORE = re.compile(r"\b(?P<word>global|overall|worldwide|total)\s+(?:\w+\s+)?$", re.I)
_PREP_BEFORE = re.compile(r"\b(?P<prep>with|against|to|into|from|in|between|and|by|of|vis-à-vis)\s+(?:the\s+)?$", re.I)


# a metric's noun right after an amount ("$380 billion in imports", "$5 billion in trade volume",
# "$3 billion of Kenyan exports"): that amount's own metric
_METRIC_NOUN = (
    r"(?:(?P<balance>deficits?|surplus(?:es)?|trade gap)|(?P<exports>exports?)|(?P<imports>imports?)|"
    r"(?P<investment>investments?|FDI)|(?P<trade>trade|commerce)(?!\s+(?:deficit|surplus|gap)))\b"
)
_METRIC_NOUN_RE = re.compile(_METRIC_NOUN, re.I)
_METRIC_AFTER = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?(?:dollars?\s+)?(?:in|of)\s+"
    r"(?:(?!(?:and|or|but|with|while|from|to|by)\b)[a-z][\w-]*\s+){0,2}?" + _METRIC_NOUN,
    re.I,
)


def _metric_after(sentence: str, end: int) -> re.Match[str] | None:
    """The metric noun written right after the amount ending at `end` (see _METRIC_AFTER)."""
    after = _METRIC_AFTER.match(sentence, end)
    return _METRIC_NOUN_RE.match(sentence, after.start(after.lastgroup)) if after and after.lastgroup else None


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _respective(sentence: str, rel: int, others: list[tuple[int, int]], items: list[_T]) -> _T | None:
    """ "exports and imports were $94 billion and $63 billion, respectively", "... in 2024 and
    2023, respectively": the item (metric word or year) in the amount's place among the amounts
    before "respectively", when there are as many of each (two or more)."""
    r = _RESPECTIVELY.search(sentence)
    if r is None or rel > r.start():
        return None
    amounts = sorted(a for a in [rel, *(a for a, _ in others)] if a < r.start())
    return items[amounts.index(rel)] if len(items) == len(amounts) >= 2 else None


def _metric_of(sentence: str, rel: int, rel_end: int, others: list[tuple[int, int]]) -> re.Match[str] | None:
    """The metric of the amount at `rel`: the noun written right after it; else the metric word
    nearest it (words before it preferred; "trade" only when no balance, export, import or
    investment word is in the clause; not a word in brackets, which defines another, nor the
    noun right after another amount)."""
    best: tuple[float, re.Match[str]] | None = None
    respective = _respective(sentence, rel, others, list(_METRIC_RE.finditer(sentence, 0, rel)))
    if respective is not None:
        return respective
    own = _metric_after(sentence, rel_end)
    theirs = [m.start() for _, end in others if (m := _metric_after(sentence, end))]
    brackets = [b.span() for b in re.finditer(r"\([^()]*\)", sentence) if not b.start() <= rel < b.end()]
    found = [m for m in _METRIC_RE.finditer(sentence) if m.start() not in theirs]
    outside = [m for m in found if not any(lo < m.start() < hi for lo, hi in brackets)]
    found = outside or found

    def same_clause(m: re.Match[str]) -> bool:
        lo, hi = sorted((m.end(), rel))
        return not re.search(r"[,;]\s", sentence[lo:hi])

    if own and not (own.group("trade") and any(m.group("balance") and same_clause(m) for m in found)):
        return own  # (but "a surplus of $60 billion in goods trade" is the balance)
    # (a word of another clause, "..., with Norway exporting $4.8 billion", does not count)
    if any(not m.group("trade") and same_clause(m) for m in found):
        found = [m for m in found if not m.group("trade")]
    for m in found:
        if m.start() < rel:
            d = float(rel - m.end())
        else:
            d = (m.start() - rel) * 1.5 + 5
        if best is None or d < best[0]:
            best = (d, m)
    return best[1] if best else None


@dataclass(frozen=True)
class _CountryInSentence:
    code: str
    start: int
    end: int
    prep: str  # the preposition before it ("with", "to", "from", "in", "between", "and") or ""
    possessive: bool
    demonym: bool = False  # "Chinese", not "China"


def _figure_dyad(
    metric: str, metric_start: int, metric_end: int, countries: list[_CountryInSentence], sentence: str
) -> tuple[str | None, str | None, str]:
    """(country, partner, how) for the metric, from the countries of the sentence."""
    before = [c for c in countries if c.end <= metric_start]
    after = [c for c in countries if c.start >= metric_end]
    holder: str | None = None
    other: str | None = None
    how = "sentence"
    # "between A and B": A holds the balance (or exports), B is the partner
    betw = [c for c in countries if c.prep == "between"]
    if betw:
        first = betw[0]
        second = next((c for c in countries if c.start > first.end and c.prep == "and"), None)
        # of the metric of its own clause: not "trade between A and B was $X, with B exporting $Y"
        lo, hi = sorted((second.end if second else first.end, metric_start))
        if second and not re.search(r"[,;]\s", sentence[lo:hi]):
            holder, other = first.code, second.code
    # "the U.S.-China trade deficit": the first of the pair holds it, the second is the partner
    for a, b in pairwise(before):
        gap = sentence[b.end : metric_start]
        if (
            holder is None
            and metric in ("balance", "trade")
            and sentence[a.end : b.start] in ("-", "–")
            and _HOLDER_GAP.fullmatch(gap)
            and _noun_phrase_gap(gap)
        ):
            holder, other = a.code, b.code
    if holder is None:
        adj = None
        for c in reversed(before):
            gap = sentence[c.end : metric_start]
            # "Japan's ¥9tn ($62bn) surplus": a few words between, no clause break
            # "with Norway exporting $4.8 billion": the subject of the verb, whatever comes before it
            subject_of_verb = (
                c.prep == "with" and not gap.strip() and re.search(r"(?:ed|ing)$", sentence[metric_start:metric_end])
            )
            # "$3 billion of Kenyan exports": a demonym right before the word, whatever precedes it
            demonym_of_word = c.demonym and c.prep not in _PARTNER_PREPS and _noun_phrase_gap(gap)
            if (
                (c.prep in ("", "and") or c.possessive or subject_of_verb or demonym_of_word)
                and _HOLDER_GAP.fullmatch(gap)
                # a balance's holder is in its noun phrase; an investor or exporter is the
                # subject of a verb ("Japan pledged $550 billion in investment")
                and (metric not in ("balance", "trade") or _noun_phrase_gap(gap))
                and not re.search(r"\b(?:with|from|and|or)\b|,\s", gap)
            ):
                adj = c
                break
        its = _ITS_BEFORE.search(sentence, 0, metric_start)
        if adj is None and its and _noun_phrase_gap(sentence[its.end() : metric_start]):
            # the subject before it ("Turkey is Egypt's partner, and its exports"), else a possessor
            named = [c for c in before if c.end <= its.start() and not c.demonym]
            adj = next((c for c in named if c.prep == "" and not c.possessive), None) or next(
                (c for c in reversed(named) if c.possessive), None
            )
        if metric == "balance":
            partner = next((c for c in countries if c.prep in ("with", "against", "vis-à-vis") and c is not adj), None)
            holder = adj.code if adj else None
            other = partner.code if partner else None
        elif metric == "exports":
            exporter = adj or next((c for c in after if c.prep == "from"), None)
            importer = next((c for c in after if c.prep in ("to", "into")), None)
            holder = exporter.code if exporter else None
            other = importer.code if importer else None
        elif metric == "imports":
            # "Chinese imports" are imports from China; "China's imports", "Japanese imports of
            # beef" are the country's own
            of_goods = re.match(r"\s+of\b", sentence[metric_end:])
            noun = sentence[metric_start:metric_end].lower() in ("import", "imports")  # not "Americans bought"
            # ("Norwegian imports from Chile": with a source named, the demonym is the importer)
            named_source = any(c.prep == "from" for c in after)
            source = (
                adj
                if adj is not None and adj.demonym and not adj.possessive and not of_goods and noun and not named_source
                else None
            )
            importer = (None if source else adj) or next((c for c in after if c.prep in ("into", "in")), None)
            # "bought $12.8 billion of US soybeans": the goods' country is the exporter
            exporter = source or next((c for c in after if c.prep in ("from", "of")), None)
            holder = importer.code if importer else None
            other = exporter.code if exporter else None
        elif metric == "investment":
            investor = adj or next((c for c in after if c.prep == "from"), None)
            host = next((c for c in after if c.prep in ("in", "into")), None)
            # "Chile received $1 billion in Norwegian investment": the receiver is the host, the
            # country named after the verb the investor
            received = _RECEIVED.search(sentence, 0, metric_start)
            if host is None and received and adj is not None and adj.end <= received.start():
                host = adj
                investor = next((c for c in before if c.start > received.end()), None) or next(
                    (c for c in after if c.prep == "from"), None
                )
            # "Japan is Vietnam's largest investor": the possessor is the host, the subject the investor
            if adj is not None and adj.possessive and sentence[metric_start:metric_end].lower().startswith("investor"):
                host, investor = adj, next((c for c in before if c is not adj and c.prep == ""), None)
            # fdi_stock: the host is the country, the investor the partner
            holder = host.code if host else None
            other = investor.code if investor else None
    if holder == other:
        other = None
    if holder is None and other is None:
        distinct = list(dict.fromkeys(c.code for c in countries))
        if len(distinct) >= 2:
            # the first named is the subject: the holder, exporter, importer, or the investor
            # (an investment's country is its host)
            holder, other = (distinct[1], distinct[0]) if metric == "investment" else (distinct[0], distinct[1])
            how = "sentence order"
    return holder, other, how


_SPEAKER_BEFORE = re.compile(r"(?:\s*,[^,]{1,80},)?\s*(?:\w+ly\s+)?(?:" + VERBS + r")\b")
# a deadline's part of a year: "by the end of 2025", "by fall of 2025", "by mid-2026"
_DEADLINE_PART = (
    r"(?:by|until|before)\s+(?:the\s+)?(?:end|fall|autumn|spring|summer|winter|middle|mid|start|beginning)(?:\s+of|-)"
)
_NOT_THE_PERIOD = re.compile(
    r"\b(?:since|by|until|till|through|before|after|from|over|" + _DEADLINE_PART + r")\s*$",
    re.I,
)
# a forecast, pledge or goal: a modal or a verb of intent in the amount's clause before it ("Japan
# will invest", "aims to reach", "is expected to hit", "agreed to raise"), or a deadline after it
# ("by 2030", "within five years"); with no period of its own it is of no year (not the last full one)
_FORECAST_BEFORE = re.compile(
    r"(?:\b(?:will|would|shall|should|could|might)|’ll|'ll|\b(?i:aim(?:s|ed|ing)?|plan(?:s|ned|ning)?|"
    r"intend(?:s|ed|ing)?|seek(?:s|ing)?|hop(?:e|es|ed|ing)|expected|set|projected|forecast|poised|likely|"
    r"agreed|want(?:s|ed)?)\s+to|\b(?i:target(?:s|ed|ing)?|goal|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|"
    r"vow(?:s|ed)?|commit(?:s|ted)?))\b[^;:]*$"
)
# a deadline in the amount's own clause ("$10 billion by 2030"): a target, whatever other year its sentence writes
_DEADLINE_IN_CLAUSE = re.compile(
    r"[^;.,]{0,40}?\b(?:(?:by|until|till|before)\s+(?:the\s+end\s+of\s+|end-)?(?:19|20)\d\d|"
    + _DEADLINE_PART
    + r"\s*(?:(?:19|20)\d\d|the\s+decade))",
    re.I,
)
# "last year" as the period, not as what it is compared with ("the same month last year", "than last year")
_LAST_YEAR_PERIOD = re.compile(
    r"(?<!same month )(?<!same period )(?<!same time )(?<!same quarter )(?<!than )(?<!compared to )"
    r"(?<!compared with )\blast (?:fiscal |financial )?year\b",
    re.I,
)
# "That year, exports were ...": the year written before it
_THAT_YEAR = re.compile(r"\b(?:that|the same|that same)\s+year\b", re.I)
_DEADLINE_AFTER = re.compile(
    r"[^;.]{0,60}?\b(?:(?:by|until|till|before)\s+(?:the\s+end\s+of\s+|end-)?(?:19|20)\d\d|"
    r"within\s+(?:the\s+next\s+)?\w+\s+(?:years?|decades?)|(?:in|over)\s+the\s+(?:next|coming)\s+\w+)\b",
    re.I,
)
# the year a figure is compared with is not its period: "a 12% rise from the same period in 2024",
# "compared with 2024's $1.1 billion", "more than in 2023", "up 20% on 2023"
_COMPARED_BEFORE = re.compile(
    r"\b(?:same\s+(?:period|time|month|months|quarter|half)\s+(?:of|in|last)|compared\s+(?:with|to)|"
    r"than(?:\s+in)?|versus|vs\.?|(?:%|per\s?cent|percent)\s+(?:on|over|against))\s+$",
    re.I,
)
# another amount it is compared with comes right after it: "$12.9bn, compared to $14.8bn in 2022"
_COMPARED_AFTER = re.compile(
    r"\s*,?\s*(?:compared\s+(?:to|with)|versus|vs\.?|against)\s+(?:[A-Z]{0,3}\s?[$€£¥]|[A-Z]{3}\s|Rs\.?\s?)?\d", re.I
)
# a level reached, told in the present perfect, is the level now: "has nearly tripled in the past
# two years to around $65 billion", "has reached almost €400 billion"
_PERFECT_LEVEL = re.compile(
    r"\bha(?:s|ve)\s+(?:\w+ly\s+|also\s+)?(?:risen|grown|climbed|increased|doubled|tripled|trebled|"
    r"quadrupled|surged|jumped|soared|expanded|reached|hit|topped|fallen|dropped|declined|shrunk|narrowed|"
    r"widened)\b(?:[^.;:\d$€£¥]{0,60}?\bto)?\s+(?:(?:about|around|nearly|almost|some|over|roughly|"
    r"approximately|more than|a record)\s+)?$",
    re.I,
)
_SECTOR_KEYS = frozenset(kw.key for kw in TOPIC_KEYWORDS if kw.scheme == "analyst")
Sides = tuple[str | None, str | None]  # (country, partner)


def find_figures(
    text: str,
    index: Index,
    quotes: list[Quote],
    quote_hits: list[QuoteHit],
    person_mentions: list[PersonMention],
    country_mentions: list[MentionHit],
    topic_mentions: list[MentionHit],
    dyad: tuple[str, str] | None,
    published: dt.date | None,
    people: People,
) -> list[FigureHit]:
    """Every amount of money, with what its sentence says it measures (see the package's notes)."""
    out: list[FigureHit] = []
    previous_in_sentence: dict[int, tuple[str, str | None, str | None]] = {}
    last_sides: dict[str, tuple[str, str]] = {}
    amounts = find_amounts(text)
    now = published or _latest_year(text)  # a page with no date: "today" from the years it writes
    for amount in amounts:
        sid = index.sentence_of(amount.start)
        s0, s1 = index.sentences[sid]
        sentence = text[s0:s1]
        rel = amount.start - s0
        others = [(a.start - s0, a.end - s0) for a in starting_in(amounts, s0, s1) if a is not amount]
        metric_m = _metric_of(sentence, rel, amount.end - s0, others)
        metric = None
        if metric_m:
            metric = next(k for k in ("balance", "exports", "imports", "investment", "trade") if metric_m.group(k))
        speaker = _speaker(text, s0, amount, quote_hits, person_mentions)
        # "a $1.2 trillion deficit, including $295 billion with China": past a clause break, the
        # countries after a later amount are that amount's; a total "including" a part is with the world
        later = next(iter(starting_in(amounts, amount.end, s1)), None)
        gap = text[amount.end : later.start] if later else ""
        own_end = later.start if later and re.search(r"[,;]\s", gap) else s1
        in_sentence = starting_in(amounts, s0, s1)
        cs = _sentence_countries(text, s0, own_end, amount, in_sentence, country_mentions) if metric_m else []
        country, partner, filled = _sides(
            metric, metric_m, sentence, cs, previous_in_sentence.get(sid), speaker, people, dyad, last_sides
        )
        if re.search(r"[,;(]\s*(?:including|of which)\b", gap) and metric in ("balance", "exports", "imports"):
            partner = None
        if partner is not None:  # "the deficit with China and Mexico was $X and $Y, respectively"
            partner = _respective(sentence, rel, others, _listed_partners(cs, partner, sentence)) or partner
        if metric:
            previous_in_sentence[sid] = (metric, country, partner)
        if metric and country and partner:
            last_sides[metric] = (country, partner)
        conf = 0.9
        notes: list[str] = []
        if country is None or partner is None:
            notes.append("the countries it concerns are not stated")
        if filled:
            conf *= 0.8
            notes.append("a country of the dyad comes from the article, not the sentence")
        that = _THAT_YEAR.search(sentence)
        that_year = _last_year_in(text, index.sentences[max(0, sid - 2)][0], s0 + that.start()) if that else None
        year, assumed = _year(
            sentence, rel, amount.end - s0, now, metric, others, estimated=published is None, that_year=that_year
        )
        if assumed:
            conf *= 0.5
            notes.append(_ASSUMED)
        sector = _sector(text, s0, len(sentence), metric_m, topic_mentions) if metric_m else None
        indicator, value = _indicator(metric, metric_m, sentence, amount.amount)
        window = sentence[
            min(metric_m.start(), rel) if metric_m else rel : max(metric_m.end(), rel) if metric_m else rel
        ]
        pledge = bool(_PLEDGE_RE.search(window)) or (metric == "investment" and bool(_PLEDGE_RE.search(sentence)))
        if pledge:
            notes.append("a pledge or forecast, not a statistic: not checked")
        if sector is not None:
            notes.append(f"about one sector ({sector.key}): a claim has no sector field, so it is not checked")
        claimable = bool(
            indicator
            and not pledge
            and sector is None
            and country
            and partner
            and country != partner
            and year is not None
        )
        if metric is None:
            notes.append("no metric word in the sentence")
        out.append(
            FigureHit(
                amount.start,
                amount.end,
                text[amount.start : amount.end],
                amount.amount,
                amount.currency,
                metric,
                indicator,
                value,
                country,
                partner,
                year,
                round(conf, 3),
                amount.approximate,
                speaker,
                claimable,
                sector,
                "; ".join(notes),
                (s0, s1),
            )
        )
    out = _bracketed_partner(out, text, country_mentions)
    return _carried_over(_year_of_neighbours(_same_figure_same_year(out), text, index), text, index)


def _listed_partners(cs: list[_CountryInSentence], partner: str, sentence: str) -> list[str]:
    """The partner and the countries listed after it ("with China and Mexico", "to Canada,
    Mexico and Japan")."""
    first = next((c for c in cs if c.code == partner and c.prep in ("with", "to", "into", "from")), None)
    if first is None:
        return []
    listed = [first]
    for c in cs:
        if c.start > listed[-1].end and re.fullmatch(r"\s*(?:,|,?\s*and)\s*", sentence[listed[-1].end : c.start]):
            listed.append(c)
    return [c.code for c in listed]


def _bracketed_partner(figures: list[FigureHit], text: str, country_mentions: list[MentionHit]) -> list[FigureHit]:
    """ "ahead of Mexico ($172 billion) and Vietnam ($123 billion)": an amount in brackets right
    after a country is that country's, as the partner of the sentence's holder."""
    ends = {cm.end: cm.country for cm in country_mentions}
    out = []
    for f in figures:
        before = re.search(r"\s*\(\s*$", text[max(0, f.start - 4) : f.start])
        code = ends.get(f.start - len(before.group())) if before else None
        if code and f.metric in ("balance", "exports", "imports") and f.country and code != f.country:
            f = replace(f, partner=code, note=f.note + "; the partner is the country before the bracket")
        out.append(f)
    return out


# a list item up to its amount: "- Crude oil: ", "• Cars: "
_LIST_ITEM = re.compile(r"\s*(?:[-–—•*]\s*)?[^\n:.]{1,60}:\s*(?:about\s+|around\s+)?")
_REFERS_BACK = re.compile(r"\b(?:it|that figure|the figure)\b", re.I)


def _carried_over(figures: list[FigureHit], text: str, index: Index) -> list[FigureHit]:
    """An amount with no metric word that continues the figure before it: an item of a list the
    figure's sentence introduces ("The largest categories were:" then "- Cars: $40.1bn"), or the
    next sentence's "it" ("By 2024 it had fallen to $63 billion"), with its own year if it has one."""
    out: list[FigureHit] = []
    last: FigureHit | None = None
    for f in figures:
        if f.metric is None and last is not None:
            n, ln = index.sentence_of(f.start), index.sentence_of(last.start)
            s0 = index.sentences[n][0]
            k = index.paragraph_of(f.start)
            p0 = index.paragraphs[k][0]
            item = _LIST_ITEM.fullmatch(text, p0, f.start) and _list_intro(text, index, k, last)
            again = n - ln == 1 and index.paragraph_of(last.start) == k and _REFERS_BACK.search(text, s0, f.start)
            if item or again:
                own = _YEAR_RE.search(text, s0, f.start) if again else None
                value = -f.amount if last.value < 0 else f.amount
                f = replace(
                    f,
                    metric=last.metric,
                    indicator=last.indicator,
                    value=value,
                    country=last.country,
                    partner=last.partner,
                    year=int(own.group("year")) if own else last.year,
                    note=f.note + "; the metric and countries of the figure before it",
                )
        if f.metric:
            last = f
        out.append(f)
    return out


def _list_intro(text: str, index: Index, k: int, last: FigureHit) -> bool:
    """Whether paragraph k is in a list whose introducing paragraph ends with a colon, and the
    figure `last` is in that paragraph or the list."""
    j = k - 1
    while j >= 0 and _LIST_ITEM.match(text, *index.paragraphs[j]):
        j -= 1
    if j < 0:
        return False
    i0, i1 = index.paragraphs[j]
    return text[i0:i1].rstrip().endswith(":") and last.start >= i0


def _same_figure_same_year(figures: list[FigureHit]) -> list[FigureHit]:
    """A figure with no period (a headline's "$295 Billion") takes the year of the same amount,
    metric and countries stated elsewhere in the article."""
    stated: dict[tuple[object, ...], int] = {
        (f.amount, f.currency, f.metric, f.country, f.partner): f.year
        for f in figures
        if f.year is not None and f.metric
    }
    out = []
    for f in figures:
        year = stated.get((f.amount, f.currency, f.metric, f.country, f.partner)) if f.year is None else None
        out.append(
            replace(f, year=year, note=f.note + "; the year of the same figure stated elsewhere")
            if year is not None
            else f
        )
    return out


_ANY_PERIOD = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:today|now|this year|last (?:fiscal |financial )?year|a year earlier|cumulative|"
    r"accumulated|(?:past|last)\s+(?:\w+\s+)?(?:years|decades?))\b",
    re.I,
)


_ASSUMED = "period not stated: the last full year is assumed"


def _year_of_neighbours(figures: list[FigureHit], text: str, index: Index) -> list[FigureHit]:
    """A statistic whose sentence states no period at all ("Japan's 9 trillion yen surplus")
    takes the year of the figures of the same two countries within two sentences of it, when
    they give one year (rather than the last full year assumed)."""
    dated = [
        (index.sentence_of(f.start), f) for f in figures if f.year is not None and f.metric and _ASSUMED not in f.note
    ]
    out = []
    for f in figures:
        n = index.sentence_of(f.start)
        assumed = _ASSUMED in f.note
        if (
            (f.year is None or assumed)
            and f.metric in ("balance", "exports", "imports", "trade")
            and f.country
            and f.partner
            and not _ANY_PERIOD.search(text, *f.sentence)
        ):
            sides = {f.country, f.partner}
            years = {g.year for m, g in dated if m != n and abs(m - n) <= 2 and {g.country, g.partner} == sides}
            if len(years) == 1:
                note = "; ".join(n for n in f.note.split("; ") if n != _ASSUMED)
                f = replace(
                    f,
                    year=years.pop(),
                    confidence=round(f.confidence / 0.5, 3) if assumed else f.confidence,  # (undo the assumption's)
                    note=note + "; the year of the same countries' figures next to it",
                )
        out.append(f)
    return out


def _sentence_countries(
    text: str, s0: int, s1: int, amount: Amount, amounts: list[Amount], country_mentions: list[MentionHit]
) -> list[_CountryInSentence]:
    """The countries of the sentence, outside its amounts ("US$" names a currency, not a side),
    with the preposition before each."""
    cs: list[_CountryInSentence] = []
    source = re.compile(r"\baccording to\b", re.I).search(text, amount.end, s1)
    s1 = source.start() if source else s1  # "... according to the Japanese Ministry of Finance": no side
    for cm in starting_in(country_mentions, s0, s1):
        if not any(a.start <= cm.start < a.end for a in amounts):
            assert cm.country is not None
            prep = _PREP_BEFORE.search(text[max(s0, cm.start - 16) : cm.start]) or _IN_PLACE_BEFORE.search(
                text[max(s0, cm.start - 40) : cm.start]
            )
            # "Japan's", and the bare mark after an s: "the US’ deficit", "the Philippines' exports"
            poss = text[cm.end : cm.end + 2] in ("’s", "'s") or (
                text[cm.end - 1 : cm.end] in ("s", "S") and re.match(r"[’']\s", text[cm.end : cm.end + 2]) is not None
            )
            cs.append(
                _CountryInSentence(
                    cm.country,
                    cm.start - s0,
                    cm.end - s0,
                    prep.group("prep").lower() if prep else "",
                    poss,
                    cm.how == "demonym",
                )
            )
    return cs


def _speaker(
    text: str, s0: int, amount: Amount, quote_hits: list[QuoteHit], person_mentions: list[PersonMention]
) -> PersonRef | None:
    """Who states the amount: the speaker of the quote around it, or "X said (that) ..." before
    it in the sentence (the last such person)."""
    around = bisect_right(quote_hits, amount.start, key=start_of) - 1  # the quote around it, if any
    if around >= 0 and amount.start < quote_hits[around].end and quote_hits[around].speaker is not None:
        return quote_hits[around].speaker
    speaker = None
    for pm in starting_in(person_mentions, s0, amount.start):
        if not pm.in_quote and (
            _SPEAKER_BEFORE.match(text[pm.end : amount.start])
            or re.search(r"according to\s+$", text[max(s0, pm.start - 14) : pm.start])
        ):
            speaker = pm.ref
    return speaker


# a partner with no country code: "the deficit with the European Union", "with the rest of the world"
_BLOC_PARTNER = re.compile(
    r"\bwith\s+(?:the\s+)?(?:\d+-(?:nation|member)\s+)?(?:European Union|EU|bloc|rest of the world|world)\b"
)
# trade of both sides: "bilateral trade", "between our two ...", "the two countries would double their trade"
_BOTH_SIDES = re.compile(
    r"\b(?:bilateral|two-way)\b|\bbetween (?:the|our|their) two\b|\bbetween (?:the|both) (?:countries|nations)\b|"
    r"\b(?:the|our) two (?:countries|nations|economies|sides)\b|\bboth (?:countries|nations|sides)\b",
    re.I,
)


def _sides(
    metric: str | None,
    metric_m: re.Match[str] | None,
    sentence: str,
    cs: list[_CountryInSentence],
    earlier: tuple[str, str | None, str | None] | None,
    speaker: PersonRef | None,
    people: People,
    dyad: tuple[str, str] | None,
    last_sides: dict[str, tuple[str, str]],
) -> tuple[str | None, str | None, bool]:
    """(country, partner, whether a side comes from the article rather than the sentence)."""
    if not (metric and metric_m):
        return None, None, False
    # "Kenya-India trade": the pair the match starts with is before the metric's word
    pair = re.match(r"[A-Z][\w.]*-[A-Z][\w.]*\s+", metric_m.group())
    country, partner, how = _figure_dyad(
        metric, metric_m.start() + (pair.end() if pair else 0), metric_m.end(), cs, sentence
    )
    # "the surplus in India's favour": that country holds it
    favoured = next((c for c in cs if re.match(r"(?:’s|'s)\s+favou?r\b", sentence[c.end :])), None)
    if metric == "balance" and country is None and favoured is not None:
        country, partner = favoured.code, None if partner == favoured.code else partner
    # "U.S. exports to Japan were $X, and imports $Y": the second takes the first's countries
    if country is None and partner is None and earlier and metric in ("exports", "imports"):
        if earlier[0] in ("exports", "imports"):
            country, partner = earlier[1], earlier[2]
    # "our deficit", "we" in a quote: the speaker's country
    if speaker is not None and country is None:
        if re.search(r"\b(our|we|us)\b", sentence[max(0, metric_m.start() - 40) : metric_m.start()], re.I):
            country = people.office_of(speaker)[1]
    if _BLOC_PARTNER.match(sentence, metric_m.end()) or _BLOC_PARTNER.search(
        sentence, metric_m.end(), metric_m.end() + 40
    ):
        # no country is the partner; the holder, if the sentence names none, the one named before
        holder = None if how == "sentence order" else country
        if holder is None and metric in last_sides:
            return last_sides[metric][0], None, True
        return holder, None, False
    world = _GLOBAL_BEFORE.search(sentence[max(0, metric_m.start() - 30) : metric_m.start()])
    # ("the total trade was $X" in a sentence naming no country: the article's two, as below)
    if world and not (metric == "trade" and not cs and world.group("word").lower() == "total"):
        return country, partner, False  # "Japan's global trade deficit": with no partner
    if how != "sentence order" and _BLOC_HOLDER.search(sentence, max(0, metric_m.start() - 60), metric_m.start()):
        # "The EU and China are partners, but the EU's deficit ...": the one country named beside it
        named = {c.code for c in cs}
        return None, partner or (named.pop() if len(named) == 1 else None), False
    # (a speaker's "we" gave one side: the other is the article's other side)
    if metric == "trade" and partner is None and dyad and country in (None, *dyad) and _BOTH_SIDES.search(sentence):
        return dyad[0], dyad[1], True  # "bilateral trade", "trade between the two countries"
    if metric == "trade" and dyad and not cs:
        return dyad[0], dyad[1], True  # "Trade reached $6 billion": a sentence naming no country, the article's two
    named = {c.code for c in cs}
    if metric == "trade" and dyad and country is None and partner is None and len(named) == 1:
        # "trade with India", the one country of its sentence, one side of the article: with the other
        side = next((c.code for c in cs if c.prep == "with" and c.code in dyad), None)
        if side is not None:
            return (dyad[0] if dyad[1] == side else dyad[1]), side, True
    (country, partner), filled = _from_the_article(metric, country, partner, dyad, last_sides)
    return country, partner, filled


def _from_the_article(
    metric: str | None,
    country: str | None,
    partner: str | None,
    dyad: tuple[str, str] | None,
    last_sides: dict[str, tuple[str, str]],
) -> tuple[Sides, bool]:
    """The side the sentence leaves out, from the article's dyad (or the sides of the last figure
    of the same metric); and whether one was filled."""
    if not dyad or metric not in ("balance", "exports", "imports", "investment"):
        return (country, partner), False
    if country is None and partner is not None and partner in dyad:
        return (dyad[0] if dyad[1] == partner else dyad[1], partner), True
    if partner is None and country is not None and country in dyad:
        return (country, dyad[0] if dyad[1] == country else dyad[1]), True
    if country is None and partner is None and metric in last_sides:
        return last_sides[metric], True  # "the deficit" again: the one named before
    if country is None and partner is None:
        # "Exports fell to $2 billion" in a text about two countries: the article's two, the one it
        # names more the holder (the annotators give the sides the text implies)
        return dyad, True
    return (country, partner), False


# the period written right after an amount: "$104.6 billion in 2023", "$295 billion (2024)"
_OWN_YEAR = re.compile(r"\s*(?:\)\s*)?,?\s*(?:\(|in\s+|for\s+|during\s+|as of\s+)(?:fiscal\s+|FY\s*)?$")
_CURRENT_BEFORE = re.compile(r"\bcurrent(?:ly)?\s+(?:(?:about|around|nearly|some|over)\s+)?$", re.I)
_OWN_RELATIVE = re.compile(
    r"\s*(?:\)\s*)?,?\s*(?P<when>today|now|this year|so far this year|last year|a year earlier|the previous year|"
    r"(?P<ago>\d+|" + "|".join(w for w in NUMBER_WORDS if w.isalpha()) + r")\s+years?\s+ago)\b",
    re.I,
)


# the months' full names, from the lexicon's (its longest name for each month)
_MONTH = "(?:" + "|".join(max((k for k, v in MONTHS.items() if v == n), key=len).title() for n in range(1, 13)) + ")"
_COUNT = "|".join(w for w in NUMBER_WORDS if w.isalpha() and w != "a")
# a part of a year with no year: "in January", "the first quarter", "the first four months",
# "the January-April period", "year to date"
_PART_OF_YEAR = re.compile(
    # (any case: "In March", "First-quarter" open a sentence)
    r"\b(?P<span>(?i:year|12\s+months|twelve\s+months)|(?:"
    + _COUNT
    + r"|\d+)\s+months)\s+(?i:to|through|(?:that\s+)?end(?:ed|ing|s)(?:\s+in)?)\s+(?P<end>"
    + _MONTH
    + r")\b(?!,?\s+\d)"
    r"|\b(?i:between|from)\s+(?P<first>" + _MONTH + r")\s+(?i:and|to|through|until)\s+(?P<last>" + _MONTH + r")\b"
    r"(?!,?\s+\d)"
    r"|\b(?i:in|during|for|over|through|between)\s+(?:the\s+)?(?:month\s+of\s+)?(?P<month>"
    + _MONTH
    + r")\b(?![-–\s]+\d)"
    r"|\b(?P<ordinal>(?i:first|second|third|fourth))[\s-]+(?P<part>(?i:quarter|half)|(?P<count>"
    + _COUNT
    + r"|\d+)\s+months)\b"
    r"(?!\s+of\s+(?:last|(?:19|20)\d\d))"
    r"|\bQ(?P<q>[1-4])\b(?!\s*(?:of\s+)?(?:19|20)\d\d)"
    r"|\b(?P<range>" + _MONTH + r")[-–](?P<range_end>" + _MONTH + r")\b(?![-–\s]+\d)"
    r"|\b(?P<ytd>year[- ]to[- ]date|so far this year)\b"
)


def _part_of_year(sentence: str, published: dt.date) -> int | None:
    """The year of a part of a year the sentence names with no year: the latest whose last month
    had begun by the publication date ("in November" or "the first half", published in March:
    last year's)."""
    m = _PART_OF_YEAR.search(sentence)
    if m is None or re.search(r"\bfiscal\b", sentence, re.I):  # "the fiscal year through March": FY's own rule
        return None
    month = m.group("month") or m.group("last") or m.group("range_end") or m.group("end")
    if month:
        last = MONTHS[month.lower()]
    elif m.group("q"):
        last = 3 * int(m.group("q"))
    elif m.group("ordinal"):
        nth = ("first", "second", "third", "fourth").index(m.group("ordinal").lower()) + 1
        part = m.group("part").lower()
        count = m.group("count")
        months = 3 if part == "quarter" else 6 if part == "half" else int(NUMBER_WORDS.get(count.lower(), 0) or count)
        last = nth * months if count is None else months  # "the first nine months": January to September
    else:
        last = published.month  # year to date
    year = published.year if last <= published.month else published.year - 1
    # "the year to March": twelve months, of the year they began (as "2023-24" is of 2023)
    span = (m.group("span") or "").lower()
    twelve = span == "year" or span.startswith(("12", "twelve"))
    return year - 1 if twelve and last < 12 else year


def _year(
    sentence: str,
    rel: int,
    rel_end: int,
    published: dt.date | None,
    metric: str | None,
    others: list[tuple[int, int]],
    estimated: bool = False,
    that_year: int | None = None,
) -> tuple[int | None, bool]:
    """The period: the year written right after the amount; else its own "today", "last
    year"; else "that year" (`that_year`, the year written before it); else none for a target
    with a deadline in its clause ("$10 billion by 2030"); else the year of the sentence nearest it
    (not "since 2020" or "over 2023"; one written right after another amount, "from $418 billion
    in 2018 to ...", only when there is no other); else "last year", "this year" in the
    sentence; else the last full year for a trade figure (and True: assumed). `estimated`: the
    page has no date and `published` is the latest year it writes."""
    # (the amount's own clause tells it; not a goal's: "they had agreed to raise trade to $15 billion by 2030")
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, rel)), default=0)
    hi = next((m.start() for m in _CLAUSE_BREAK.finditer(sentence, rel_end)), len(sentence))
    told_as_past = bool(_TOLD_AS_PAST.search(sentence, lo, hi)) and not _FORECAST_BEFORE.search(sentence, 0, rel)
    years = [
        (m.start(), _fiscal_start(sentence, m))
        for m in _YEAR_RE.finditer(sentence)
        if not _not_the_period(sentence[max(0, m.start() - 24) : m.start()], told_as_past)
        and not _COMPARED_BEFORE.search(sentence[max(0, m.start() - 40) : m.start()])
        and not (rel <= m.start() < rel_end)
    ]

    def owner(at: int) -> tuple[int, int] | None:
        """The amount the year at `at` is written right after, if any."""
        for a, b in [(rel, rel_end), *others]:
            if b <= at and _OWN_YEAR.fullmatch(sentence[b:at]):
                return a, b
        return None

    last_end = max(b for a, b in [(rel, rel_end), *others])
    respective = _respective(sentence, rel, others, [y for at, y in years if at > last_end])
    if respective is not None:
        return respective, False
    own = [y for at, y in years if owner(at) == (rel, rel_end)]
    if own:
        return own[0], False
    if published is not None and _CURRENT_BEFORE.search(sentence, 0, rel):  # "from the current $56 billion"
        return published.year, False
    relative = _OWN_RELATIVE.match(sentence, rel_end)
    if relative:
        # "to $1.8 billion in 2022 from $2.1 billion a year earlier": the year before the other's
        # (else the sentence's own year: "In 2024, trade grew to $2 billion from $1.7 billion a year earlier")
        before_other = [y for at, y in years if owner(at) not in (None, (rel, rel_end))] or [
            y for at, y in years if owner(at) is None and at < rel
        ]
        return _relative_year(relative, published, before_other, estimated), False
    if (
        _ACCUMULATED.search(sentence, lo, hi) or (_SINCE_OPENING.match(sentence) and _HAS_DONE.search(sentence))
    ) and not _LEVEL_REACHED.search(sentence, 0, rel):
        return None, False  # a sum over years is of no one year (the annotators' decision)
    if that_year is not None and _THAT_YEAR.search(sentence):
        return that_year, False
    if _DEADLINE_IN_CLAUSE.match(sentence, rel_end) and not told_as_past:
        return None, False
    free = [(at, y) for at, y in years if owner(at) is None]
    forecast = _FORECAST_BEFORE.search(sentence, 0, rel)
    if forecast:
        # "signed deals in 2024 and aim to lift trade to $15 billion": a year before the verb of
        # intent is another predicate's (but "In 2026, trade is expected to reach $15 billion")
        free = [(at, y) for at, y in free if at > forecast.start() or _OPENING_YEAR.fullmatch(sentence, 0, at)]
        years = free
    if not free and years and _COMPARED_AFTER.match(sentence, rel_end):
        # "imports totalled $12.9bn, compared to $14.8bn in 2022": the year after the one compared with
        return years[0][1] + 1, False
    if free or years:  # a year of another amount only when the sentence has no other
        return min(free or years, key=lambda y: abs(y[0] - rel))[1], False
    if published is None:
        return None, False
    if _LAST_YEAR_PERIOD.search(sentence):  # (a stated period, not assumed)
        return _last_year(published, estimated), False
    if re.search(r"\ba year earlier\b", sentence, re.I):
        return published.year - 1, False
    if re.search(r"\bthis year\b", sentence, re.I) or _PERFECT_LEVEL.search(sentence, 0, rel):
        return published.year, False
    if _forecast(sentence, rel, rel_end) or estimated:
        return None, False
    part = _part_of_year(sentence, published)
    if part is not None:
        return part, False
    if metric in ("balance", "exports", "imports"):
        return published.year - 1, True
    return None, False


_CLAUSE_BREAK = re.compile(r"[,;]\s")
# a sum over several years: "cumulative investment", "over the past five years", "in the last decade"
_ACCUMULATED = re.compile(
    r"\b(?:cumulative(?:ly)?|accumulated|in total since|(?:over|in|during)\s+the\s+(?:past|last)\s+"
    r"(?:(?:\w+|\d+)\s+)?(?:years|decades?))\b",
    re.I,
)
# not a sum but the level a change reached: "has tripled in the past two years to around $65 billion"
_LEVEL_REACHED = re.compile(
    r"\bto\s+(?:(?:about|around|nearly|almost|some|over|roughly|approximately|more than|a record)\s+)?$", re.I
)
# "Since 2014, Japan has invested $35 billion in India"
_SINCE_OPENING = re.compile(r"\s*Since\s+(?:19|20)\d\d\b")
_HAS_DONE = re.compile(r"\bha(?:s|ve)\s+(?:\w+ly\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ne)\b")
# told in the past, a "by" year is when the level stood: "By 2024 it had grown to $8.8 billion",
# "reached $26 billion by the end of 2024"
_TOLD_AS_PAST = re.compile(
    r"\bhad\s+(?:\w+ly\s+)?(?:been|[a-z]+(?:ed|en|wn))\b|\b(?:reached|exceeded|surpassed|topped|stood|totall?ed|"
    r"amounted|hit|was|were|rose|grew|fell|ballooned|surged|jumped|climbed|soared|widened|narrowed|doubled|"
    r"tripled|increased|declined|dropped|shrank|expanded|swelled)\b",
    re.I,
)
# a year opening the sentence: "In 2026, ..."
_OPENING_YEAR = re.compile(r"\s*(?:In|For|During)\s+(?:the\s+year\s+)?")
# "the fiscal year ended March 2024", "the year to March 2024": of the year it began (as "2023-24" is of 2023)
_FISCAL_ENDED = re.compile(
    r"\b(?:(?:fiscal|financial)\s+)?(?:year|12\s+months|twelve\s+months)\s+"
    r"(?:(?:that\s+)?end(?:ed|ing|s)\s+(?:in\s+|on\s+)?|to\s+|through\s+)"
    r"(?P<month>" + _MONTH + r")\s+(?:\d{1,2},?\s+)?$",
    re.I,
)


def _not_the_period(before: str, told_as_past: bool) -> bool:
    """Whether the words `before` a year make it no period (see _NOT_THE_PERIOD), a deadline's
    "by" only when the sentence is not told in the past."""
    m = _NOT_THE_PERIOD.search(before)
    return m is not None and not (told_as_past and m.group().lower().startswith("by"))


def _fiscal_start(sentence: str, m: re.Match[str]) -> int:
    """The year at `m`, or the year its fiscal year began when it is the one it ended in."""
    year = int(m.group("year"))
    ended = _FISCAL_ENDED.search(sentence, 0, m.start())
    return year - 1 if ended and MONTHS[ended.group("month").lower()] < 12 else year


def _relative_year(
    relative: re.Match[str], published: dt.date | None, before_other: list[int], estimated: bool
) -> int | None:
    """The year of "today", "last year", "20 years ago", "a year earlier" written right after an
    amount (`before_other`: the years of the sentence "a year earlier" may count back from)."""
    if published is None:
        return None
    when = relative.group("when").lower()
    if relative.group("ago"):  # "20 years ago"
        ago = relative.group("ago").lower()
        return published.year - int(NUMBER_WORDS.get(ago, 0) or ago)
    if when in ("a year earlier", "the previous year"):
        return before_other[0] - 1 if before_other else published.year - 1
    return _last_year(published, estimated) if when == "last year" else published.year


def _last_year(published: dt.date, estimated: bool) -> int:
    """ "Last year": the year before publication; on a page with no date (`estimated`), the latest
    year it reports, since a page reports last year's full-year figures by year."""
    return published.year if estimated else published.year - 1


# a year not reported as past: a deadline's ("by 2030", "by fall of 2026") or one given up ("instead of 2026")
_NOT_REPORTED = re.compile(
    r"\b(?:by|until|till|before|to|end of|end|instead of|" + _DEADLINE_PART + r")\s*-?\s*$", re.I
)


def _latest_year(text: str) -> dt.date | None:
    """A page with no date is of the latest year it writes, or later: its "today" is at least
    that year (not a target's, "by 2030", nor one in a forecast's clause, "will top $5 billion in 2026")."""
    years = []
    for m in _YEAR_RE.finditer(text):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        if not (
            _NOT_REPORTED.search(text[max(0, m.start() - 24) : m.start()])
            or _FORECAST_BEFORE.search(text, start, m.start())
        ):
            years.append(int(m.group("year")))
    return dt.date(max(years), 12, 31) if years else None


def _last_year_in(text: str, lo: int, hi: int) -> int | None:
    """The last year written in text[lo:hi] that is a reported period (not "by 2030", "since 2020")."""
    found = [
        int(m.group("year"))
        for m in _YEAR_RE.finditer(text, lo, hi)
        if not _NOT_THE_PERIOD.search(text[max(lo, m.start() - 24) : m.start()])
        and not _COMPARED_BEFORE.search(text[max(lo, m.start() - 40) : m.start()])
    ]
    return found[-1] if found else None


def _forecast(sentence: str, rel: int, rel_end: int) -> bool:
    """The amount is a forecast, pledge or goal (see _FORECAST_BEFORE)."""
    return bool(_FORECAST_BEFORE.search(sentence, 0, rel) or _DEADLINE_AFTER.match(sentence, rel_end))


def _sector(
    text: str, s0: int, length: int, metric_m: re.Match[str], topic_mentions: list[MentionHit]
) -> TopicRef | None:
    """The sector of a sector-specific figure ("auto exports", "exports of steel")."""
    sector = None
    lo, hi = max(0, metric_m.start() - 30), min(length, metric_m.end() + 25)
    for tm in starting_in(topic_mentions, s0 + lo, s0 + hi):
        if tm.topic and tm.topic.key in _SECTOR_KEYS:
            near_before = s0 + lo <= tm.start < s0 + metric_m.start() and re.fullmatch(
                r"[\w\s-]{0,20}", text[tm.end : s0 + metric_m.start()]
            )
            near_after = re.match(r"\s+of\s+(?:\w+\s+){0,2}$", text[s0 + metric_m.end() : tm.start])
            if near_before or near_after:
                sector = tm.topic
    return sector


def _indicator(
    metric: str | None, metric_m: re.Match[str] | None, sentence: str, amount: Decimal
) -> tuple[str | None, Decimal]:
    """The indicator the metric word measures, and the value signed by the balance rule."""
    if metric == "balance":
        word = metric_m.group().lower() if metric_m else ""
        return "goods_balance", -amount if re.match(r"deficit|trade gap", word) else amount
    if metric in ("exports", "imports"):
        services = (
            re.search(r"services", sentence[max(0, metric_m.start() - 25) : metric_m.end() + 25]) if metric_m else None
        )
        goods_and = services and re.search(r"goods and services", sentence)
        indicator = ("trade_" if goods_and else "services_" if services else "goods_") + metric
        return (None if indicator == "services_imports" else indicator), amount
    if metric == "investment":
        return "fdi_stock", amount
    return None, amount
