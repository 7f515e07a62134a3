"""Where the text may name a person: runs of capitalised words with their titles, honorifics
and the words around them, and role references ("the president", "Japan's prime minister")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bilateral.loaders.article.countries import COUNTRY_FORM
from bilateral.loaders.article.text import ABBREVIATIONS, VERBS, Quote, alternation
from bilateral.loaders.article_lexicon import (
    CAPITALS,
    HONORIFICS,
    NON_NAME_WORDS,
    ORG_WORDS,
    ROLE_WORDS,
    VENUES,
    country_surface_forms,
)

__all__ = [
    "PARTICLES",
    "TITLE_APPOSITION",
    "Site",
    "find_person_sites",
    "find_tokens",
]

_TITLE_HEADS = frozenset(
    {
        "President",
        "Minister",
        "Secretary",
        "Secretary-General",
        "Director-General",
        "Chancellor",
        "President-elect",
        "Undersecretary",
        "Under-Secretary",
        "Lady",  # "First Lady"
        "Premier",
        "Representative",
        "Ambassador",
        "King",
        "Queen",
        "Emperor",
        "Prince",
        "Princess",
        "Emir",
        "Sultan",
        "Governor",
        "Senator",
        "Speaker",
        "General",
        "Gen.",
        "Sen.",
        "Rep.",
        "Gov.",
        "Taoiseach",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Commissioner",
        "Envoy",
        "Mayor",
        "Pope",
        "Treasurer",
        "PM",  # "Australian PM Anthony Albanese": the prime minister
        "Advisor",
        "Adviser",
        "Director",
        "Spokesperson",
        "Spokesman",
        "Spokeswoman",
        "CEO",  # "Acme CEO Jane Roe": the company's words are no part of the name
        "Founder",
    }
)
_TITLE_PREFIXES = frozenset(
    {
        "Vice",
        "Deputy",
        "Acting",
        "Former",
        "Prime",
        "Foreign",
        "Finance",
        "Trade",
        "Defence",
        "Defense",
        "Economy",
        "Economic",
        "Commerce",
        "Treasury",
        "Chief",
        "Cabinet",
        "Crown",
        "Interior",
        "Energy",
        "Agriculture",
        "Industry",
        "Home",
        "State",
        "Senior",
        "First",
        "Special",
        "U.S.",
        "Revitalization",
        "External",
        "Affairs",
        "Justice",
        "Health",
        "Transport",
        "Labor",
        "Labour",
        "Education",
        "Environment",
        "Climate",
        "Digital",
        "Security",
        "National",
        "Under",
        "Union",  # "Union Minister Piyush Goyal": a minister of India's union government
    }
)
_TITLE_COMPLEMENTS = (
    "National Intelligence",
    "State",
    "Commerce",
    "Defense",
    "Defence",
    "the Treasury",
    "Treasury",
    "Foreign Affairs",
    "Finance",
    "Trade",
    "Economy",
    "Energy",
    "Agriculture",
    "Homeland Security",
    "International Trade",
    "External Affairs",
    "Home Affairs",
    "Industry",
    "Industry and Trade",
    "Trade and Industry",
    "Economy and Finance",
    "Foreign Trade",
    "Investment",
    "Health",
    "Interior",
    "Justice",
    "Education",
    "Labour",
    "Transport",
    "Environment",
    "Tourism",
    "Mines",
)
# portfolio words a long title's run may start with, beyond the title prefixes
_PORTFOLIO_WORDS = frozenset({"Commerce", "Industry", "Trade", "Investment", "Planning", "Resources", "Development"})
# the words an office is written with, joined by "and" in an office of two parts
_TITLE_WORDS = _TITLE_HEADS | _TITLE_PREFIXES | _PORTFOLIO_WORDS
PARTICLES = frozenset(
    {
        "de",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "bint",
        "al",
        "el",
        "dos",
        "das",
        "del",
        "ibn",
        "ter",
        "y",
    }
)
# a hyphen inside a word may be U+2010 or the non-breaking U+2011 ("Wi Sung‑lac")
_TOKEN_RE = re.compile(r"[^\W\d_](?:\w|[-\u2010\u2011'’.](?=[^\W_]))*\.?")
_LOW_ROLE = (
    r"(?:vice[- ]president|prime minister|president|chancellor|premier|foreign minister|crown prince|"
    r"foreign secretary|secretary of state|(?-i:minister (?:of|for) [a-z]+(?: and [a-z]+)?)|"  # lower case only
    r"(?:[a-z]+ and )?[a-z]+ minister|(?:[a-z]+ and )?[a-z]+ secretary|"
    r"trade representative|(?:[a-z]+ )?[a-z]+ advis[eo]r|"  # "national security adviser"
    r"king|queen|emperor|leader|ambassador|governor)"
)
# a title in apposition before a name: "the foreign minister, Wang Yi, told", "Chile's finance
# minister, Pablo Ruiz, said"
TITLE_APPOSITION = re.compile(
    r"(?:the\s+|(?:" + COUNTRY_FORM + r")(?:’s|'s)\s+)(?:[A-Z][\w-]*\s+)?(?i:" + _LOW_ROLE + r"),\s+"
)
_POSSESSIVE_BEFORE = re.compile(r"(" + COUNTRY_FORM + r")(?:’s|'s)\s+$")
_ROLE_BEFORE = re.compile(
    r"(?:(?P<c>" + COUNTRY_FORM + r")(?:’s|'s)?\s+)?\b(?P<role>(?i:" + _LOW_ROLE + r"))"
    r"(?:\s+to\s+(?:the\s+)?(?:" + COUNTRY_FORM + r"))?(?:\s+|,\s+)$"  # "ambassador to Chile, Per Lund"
)  # a whole word: "Prime minister", never "rime minister"
# "the Prime Minister of India, Narendra Modi"
_ROLE_OF_BEFORE = re.compile(r"\b(?P<role>(?i:" + _LOW_ROLE + r"))\s+of\s+(?:the\s+)?(?P<c>" + COUNTRY_FORM + r"),\s+$")
# "his Chinese counterpart Wang Yi", "Japan's counterpart, Iwaya": a person of that country
_COUNTERPART_BEFORE = re.compile(r"(?P<c>" + COUNTRY_FORM + r")(?:’s|'s)?\s+counterparts?,?\s+$")
_OF_COUNTRY_AFTER = re.compile(r"\s+of\s+(?:the\s+)?(" + COUNTRY_FORM + r")\b")
_DESCRIBED_ROLE = (
    r"(?:economist|analyst|professor|spokesperson|spokesman|spokeswoman|adviser|advisor|official|researcher|"
    r"director|fellow|expert|strategist|lawmaker|negotiator|counterpart|predecessor|successor|leader|diplomat|envoy)"
)
# the generic nouns in lower case only: ", Expert Analysis" in a menu line is no apposition
_APPOSITION_AFTER = re.compile(
    r",\s+(?i:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:(?P<c>"
    + COUNTRY_FORM
    + r")(?:’s|'s)?\s+)?(?P<role>(?i:"
    + _LOW_ROLE
    + r"|(?:senior\s+|chief\s+)?[a-z]+ (?:at|of|with|for)\b)|"
    r"(?:(?:chief|senior|top|lead|former|opposition)\s+)?" + _DESCRIBED_ROLE + r")\b",
)
# "Chile's top diplomat, Luis Vera,": a described person in apposition after the description
_DESCRIBED_APPOSITION_BEFORE = re.compile(
    r"(?:\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)|(?:" + COUNTRY_FORM + r")(?:’s|'s))\s+"
    r"(?:(?:[a-z]+|" + COUNTRY_FORM + r")\s+){0,2}" + _DESCRIBED_ROLE + r",\s+$"
)
# only a person takes "who", and has a government, a ministry, a spouse: "Rosa Lagos, who heads",
# "Kari Dahl's ministry"
_PERSON_AFTER = re.compile(
    r",\s+who\b|(?:’s|'s)\s+(?:government|administration|cabinet|ministry|office|party|spokes(?:man|woman|person)|"
    r"wife|husband|visit|trip|remarks|comments)\b"
)
# the names after "leaders including" or "such as": "leaders including Ana Soto, Ola Berg and X"
_PEOPLE_LISTED_BEFORE = re.compile(
    r"\b(?:leaders|presidents|prime ministers|ministers|officials|politicians|lawmakers)\s+"
    r"(?:including|such as|like)\s+"
    r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*(?:,\s+|,?\s+and\s+))*$"
)
# a portfolio of several words: "Minister of Industry and Commerce", "Minister of Economy, Trade
# and Industry" (a run of capitalised words breaks at the comma and at "and")
_PORTFOLIO = r"(?:the\s+)?[A-Z][\w-]+(?:(?:,\s+|\s+(?:and|&)\s+|\s+)[A-Z][\w-]+)*"
_LONG_TITLE = r"(?:(?:Deputy|Vice|Union|Federal|State)\s+)?(?:Minister|Secretary)\s+(?:of|for)\s+" + _PORTFOLIO
_LONG_TITLE_AFTER = re.compile(
    r",\s+(?:(?:the\s+)?(?P<c>" + COUNTRY_FORM + r")(?:’s|'s)?\s+)?(?P<title>" + _LONG_TITLE + r")(?=[,.;]|\s+[a-z]|$)"
)
# the title's last portfolio word is the start of the run: "Minister of Economy, Trade and | Industry Yoji Muto"
_LONG_TITLE_BEFORE = re.compile(
    r"(?P<title>(?:(?:Deputy|Vice|Union|Federal|State)\s+)?(?:Minister|Secretary)\s+(?:of|for)\s+"
    r"(?:the\s+)?(?:[A-Z][\w-]+(?:,\s+|\s+))*[A-Z][\w-]+(?:,\s+|\s+)(?:and|&)\s+)$"
)
_DESCRIPTIONS = (
    r"billionaire|entrepreneur|businessman|businesswoman|economist|analyst|spokesperson|spokesman|"
    r"spokeswoman|lawmaker|adviser|advisor|executive|CEO|founder|chairman|official|envoy|negotiator|"
    # occupations: "political scientist Jane Roe", "trade lawyer John Doe"
    r"scientist|professor|researcher|lawyer|historian|strategist|consultant|diplomat|journalist|"
    r"activist|commentator|scholar|expert|director|fellow|"
    # a person named by relation to another: "his counterpart Penny Roe", "her predecessor John Doe"
    r"counterpart|predecessor|successor"
)
_DESCRIBED_BEFORE = re.compile(r"\b(?:" + _DESCRIPTIONS + r")\s+$")
# the same word capitalised, opening a sentence: "Economist Juan Perez said ..."
_DESCRIPTION_WORD = re.compile(r"(?i:" + _DESCRIPTIONS + r")")
_AGENT_BEFORE = re.compile(r"\b(?:signed|written|sent)\s+by\s+$")
_CREDIT_BEFORE = re.compile(r"\b(?:[Pp]hoto(?:graph)?s?|[Pp]ictures?|[Ii]mages?)\s+by\s+$")
_VERB_AFTER = re.compile(
    # (an apposition of up to three parts: "X, Secretary, Overseas Indian Affairs, in the MEA, said")
    r"(?:(?:,(?![^,]*\band\b)[^,“”\".]{1,60}){1,3},|,[^,“”\"]{1,120},|\s+(?:of|at|from)\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+(?:of\s+|for\s+)?){1,5}?|,)?"
    r"\s*(?:\w+ly\s+)?(?:" + VERBS + r")\b"
)
_VERB_BEFORE = re.compile(r"\b(?:" + VERBS + r")\s+$")
# a verb of meeting is as good a sign of a person as a verb of speech: "met Norway's Ola Berg",
# "Ana Soto and Ola Berg met" (not "visited Kuala Lumpur": a capital or venue is no person)
_MET_BEFORE = re.compile(
    r"\b(?:met|meets|met with|meets with|hosted|hosts|welcomed|welcomes|received|receives|phoned|spoke with|"
    r"talked with|held talks with|talks with|"
    # "the talks were led by Per Lund and Rosa Lagos": the agents of a meeting
    r"(?:led|chaired|headed|attended|accompanied|joined|hosted|welcomed|received)\s+by"
    r"(?:\s+(?:[A-Z][\w.'’-]*\s+){1,3}and)?)\s+(?:(?:" + COUNTRY_FORM + r")(?:’s|'s)\s+)?$"
)
_MEETS_AFTER = re.compile(
    r"(?:\s+and\s+(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)?,?\s*(?:\w+ly\s+)?"
    r"(?:met|meets|hosted|hosts|welcomed|welcomes|received|receives|(?:held|holds|hold)\s+talks)\b"
)
_DOUBLE_TITLE_BEFORE = re.compile(r"(?P<c>" + COUNTRY_FORM + r")\s+(?P<t>(?:[A-Z][\w-]*\s+){1,4})and\s+$")
# "Prime Ministers Ana Soto and Ola Berg": the second name's title
_PLURAL_TITLE_BEFORE = re.compile(
    r"\b(?P<title>(?:[A-Z][a-z]+\s+)?(?:Presidents|Ministers|Premiers|Chancellors))\s+(?:[A-Z][\w.'’-]*\s+){1,4}and\s+$"
)


@dataclass
class _Tok:
    start: int
    end: int  # past the token (without a possessive)
    text: str
    possessive: bool


# a transcript's speaker label in capitals: "PRIME MINISTER BERG: Thank you."
_SPEAKER_LABEL = re.compile(r"(?m)^[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,5}(?=:)")


def find_tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    labels = [(m.start(), m.end()) for m in _SPEAKER_LABEL.finditer(text)]
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        s, e = m.start(), m.end()
        if any(a <= s < b for a, b in labels):
            word = word.capitalize()  # read "PRIME MINISTER BERG" as "Prime Minister Berg"
        possessive = False
        for poss in (
            "’s",
            "'s",
            "’",
        ):
            if word.endswith(poss) and len(word) > len(poss) + 1:
                word = word[: -len(poss)]
                e -= len(poss)
                possessive = True
                break
        if word.endswith(".") and not (
            word[:-1].lower() in ABBREVIATIONS or len(word) <= 2 or "." in word[:-1] or word[:-1] in HONORIFICS
        ):
            word = word[:-1]
            e -= 1
        out.append(_Tok(s, e, word, possessive))
    return out


def _particles_then_name(text: str, toks: list[_Tok], i: int) -> bool:
    """Whether the particles from token `i` on, single-spaced, end at a capitalised word."""
    j = i
    while j + 1 < len(toks) and re.fullmatch(" ", text[toks[j].end : toks[j + 1].start] or "x"):
        j += 1
        if toks[j].text[0].isupper():
            return True
        if toks[j].text not in PARTICLES:
            return False
    return False


_ARTICLE_PREFIXED = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)-[A-Z][\w'’-]*")


def _runs(text: str, toks: list[_Tok]) -> Iterator[list[_Tok]]:
    """Runs of capitalised words (with name particles and title complements inside), separated
    by single spaces only: the raw material of names and titles."""
    run: list[_Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        cap = tok.text[0].isupper()
        gap_ok = (
            bool(run)
            and re.fullmatch(r" |\u00a0", text[run[-1].end : tok.start] or "x") is not None
            and not run[-1].possessive
        )
        if (
            run
            and run[-1].text in _TITLE_HEADS
            and i + 1 < len(toks)
            and toks[i + 1].text[0].isupper()
            and re.fullmatch(r" \([A-Z]{2,6}\) ", text[run[-1].end : toks[i + 1].start])
        ):
            # "Trade Representative (USTR) Jamieson Greer": the title's acronym, then the name
            run.append(toks[i + 1])
            i += 2
            continue
        if cap and (not run or gap_ok):
            run.append(tok)
        elif (
            run
            and gap_ok
            and tok.text in PARTICLES
            and _particles_then_name(text, toks, i)  # "von der Leyen": particles, then a name
        ):
            run.append(tok)
        elif run and gap_ok and _ARTICLE_PREFIXED.fullmatch(tok.text):
            run.append(tok)  # "Mishal al-Ahmad": an Arabic article joined to the next name
        elif run and gap_ok and tok.text in ("of", "for") and run[-1].text in ("Secretary", "Minister", "Director"):
            run.append(tok)
        elif (
            run
            and gap_ok
            and tok.text in ("and", "&")
            and run[-1].text in _TITLE_WORDS
            and i + 1 < len(toks)
            and toks[i + 1].text in _TITLE_WORDS | {"Chief"}
            # the second part ends in a title's head: "and Industry Minister", not "and Industry Yoji Muto"
            and any(t.text in _TITLE_HEADS | {"Chief"} for t in toks[i + 1 : i + 4])
        ):
            # "President and CEO John Smith", "Commerce and Industry Minister X", "Deputy Prime
            # Minister and Foreign Minister X": one office of two parts
            run.append(tok)
        elif run and gap_ok and tok.text == "the" and run[-1].text in ("of", "for"):
            run.append(tok)
        else:
            if run:
                yield run
            run = [tok] if cap else []
        i += 1
    if run:
        yield run


@dataclass
class Site:
    """Where the text may name a person, before resolution."""

    start: int  # of the name (or role words)
    end: int
    name: str  # the name as written ("" for a role reference)
    title: str | None = None
    honorific: str | None = None
    country: str | None = None  # from the words around: Japanese, Canada's, of Canada
    evidence: str = ""  # why a new candidate may be created ("title", "apposition", "verb", "agent"); "credit" never
    role: str | None = None  # for a role reference: "president", "prime minister", "leader"...
    role_country: str | None = None


def _peel_countries(run: list[_Tok]) -> tuple[list[_Tok], str | None]:
    forms = country_surface_forms()
    country = None
    while run:
        for n in (3, 2, 1):
            if len(run) > n or (n == 1 and len(run) >= 1):
                phrase = " ".join(t.text for t in run[:n])
                if phrase in forms and len(run) > n:
                    country = forms[phrase][0]
                    run = run[n:]
                    break
        else:
            break
    return run, country


# "the PM" is the prime minister; "the Union Minister" the one so titled before
_ROLE_WORDS = alternation((*ROLE_WORDS, "union minister", "PM"))
# the press's epithets before a role: "the 79-year-old president", "Norway's centrist prime
# minister" (never "former", "late" or "then": another person than the one in office)
_EPITHETS = (
    r"(?:(?:\d+-year-old|[a-z]+-wing|[a-z]+ist|veteran|embattled|outspoken|conservative|liberal|hardline)\s+){0,2}"
)
_THE_ROLE = re.compile(
    r"\b(?P<the>[Tt]he)\s+(?:(?P<mod>"
    + COUNTRY_FORM
    + r")\s+)?"
    + _EPITHETS
    + r"(?:Federal\s+)?"  # "the Federal Chancellor": the country's own qualifier
    + r"(?P<role>(?i:"
    + _ROLE_WORDS
    + r"))\b(?!\s+[A-Z][a-z])(?!-)"
)
_COUNTRYS_ROLE = re.compile(
    r"(?<![\w.])(?P<mod>"
    + COUNTRY_FORM
    + r")(?:’s|'s)\s+"
    + _EPITHETS
    + r"(?P<role>(?i:"
    + _ROLE_WORDS
    + r"))\b(?!\s+[A-Z][a-z])(?!-)"
)


# a demonym as a singular noun, the subject of a verb of speech: "the Norwegian told reporters"
# (not "the Chinese said", "the U.S. said": a side or a country, no person)
_SINGULAR_DEMONYMS = alternation(
    f for f, (_, how) in country_surface_forms().items() if how == "demonym" and f.endswith("an")
)
_THE_DEMONYM = re.compile(
    r"\b[Tt]he\s+(?P<mod>" + _SINGULAR_DEMONYMS + r")(?=\s+(?:\w+ly\s+|also\s+|later\s+)?(?:" + VERBS + r")\b)"
)


# a headline drops its articles: "Carney tells Trump ..., president praises PM as ..."
_HEADLINE_ROLE = re.compile(
    r"(?:^|[,;:]\s+)(?P<role>(?i:president|prime minister|premier|chancellor))\s+(?=(?:" + VERBS + r")\b)"
)


def find_person_sites(text: str, toks: list[_Tok], quotes: list[Quote]) -> list[Site]:
    """Every place the text may name a person: capitalised runs (with their titles) and role
    references ("the president", "Japan's prime minister"); the longer of two that overlap."""
    sites = [site for run in _runs(text, toks) if (site := _name_site(text, run)) is not None]
    sites += _role_sites(text)
    sites.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Site] = []
    last_end = -1
    for site in sites:
        if site.start < last_end:
            continue
        out.append(site)
        last_end = site.end
    return out


def _name_site(text: str, run: list[_Tok]) -> Site | None:
    """The name in a run of capitalised words, with its title, honorific and country, if it may
    be a person's."""
    # drop sentence openers and other words that begin no name (but "top leader To Lam": a short
    # word after a role, before another capitalised word, is a given name)
    role_before = _ROLE_BEFORE.search(text[max(0, run[0].start - 40) : run[0].start])
    while (
        run
        and not (role_before and _short_given_name(run))
        and (
            _begins_no_name(run)
            and run[0].text not in _TITLE_HEADS
            and run[0].text not in HONORIFICS
            and run[0].text not in _TITLE_PREFIXES
        )
    ):
        run = run[1:]
    if not run:
        return None
    described = (
        len(run) > 2
        and _DESCRIPTION_WORD.fullmatch(run[0].text) is not None
        and run[0].text not in _TITLE_HEADS
        and run[1].text not in ("of", "for")  # "Director of National Intelligence Tulsi Gabbard": a title
    )
    if described:
        run = run[1:]
    run, country = _peel_countries(run)
    if not run:
        return None
    long_title = _LONG_TITLE_BEFORE.search(text[max(0, run[0].start - 80) : run[0].start])
    # (the word right after the title's "and" is its last portfolio word, whatever the portfolio)
    if long_title and len(run) > 2:
        site = _name_site(text, run[1:])
        if site is not None:
            site.title = long_title.group("title") + run[0].text
            site.evidence = "title"
        return site
    titled = _split_title(run)
    if titled is None:
        return None
    title, honorific, name_toks = titled
    # "Prime Minister of India": the office, and the country it is of
    of_country = re.fullmatch(r"(.+?) (?:of|for) (.+)", title or "")
    if of_country and of_country.group(2) in country_surface_forms():
        title, country = of_country.group(1), country or country_surface_forms()[of_country.group(2)][0]
    # trailing weekday / month words ("met Ishiba Thursday")
    while name_toks and (name_toks[-1].text in NON_NAME_WORDS or name_toks[-1].text in ("of", "for", "the")):
        name_toks = name_toks[:-1]
    # "Vice Premier He Lifeng", "General Secretary To Lam": after a title, a short word is a name
    surname_he = bool(title or role_before) and _short_given_name(name_toks)
    if not (_may_be_a_name(name_toks[1:]) if surname_he else _may_be_a_name(name_toks)):
        return None
    start, end = name_toks[0].start, name_toks[-1].end
    name = text[start:end]
    if name.isupper():  # a transcript's speaker label, read in title case ("BERG" is Berg)
        name = " ".join(t.text for t in name_toks)
    elif any(len(t.text) > 2 and t.text.isupper() for t in name_toks):
        # a surname in capitals, as some governments write it ("KISHIDA Fumio"): in title case
        name = " ".join(t.text.title() if len(t.text) > 2 and t.text.isupper() else t.text for t in name_toks)
    site = Site(start, end, name, title=title, honorific=honorific, country=country)
    if title or honorific:
        site.evidence = "title"
    elif described:
        site.evidence = "apposition"
    _read_around(text, site, text[max(0, run[0].start - 60) : run[0].start], text[end : end + 140])
    return site


def _split_title(run: list[_Tok]) -> tuple[str | None, str | None, list[_Tok]] | None:
    """(title, honorific, the name's words) of a run: "Mr. Ishiba", "Prime Minister Shigeru
    Ishiba", "Secretary of State Marco Rubio"; None for a title with nobody after it."""
    # a plural title is each name's: "Presidents Lula and Xi"
    words = [t.text[:-1] if t.text[:-1] in _TITLE_HEADS and t.text.endswith("s") else t.text for t in run]
    if words[0] in HONORIFICS:
        n = 1
        while n < len(words) - 1 and words[n] in HONORIFICS:  # "H.E. Mr. Emmanuel Macron"
            n += 1
        return None, words[0], run[n:]
    # a head that ends the run is a surname ("Madeleine King"), not a title
    heads = [i for i, w in enumerate(words) if w in _TITLE_HEADS and i < len(words) - 1]
    if not heads:
        return None, None, run
    h = heads[-1]
    t0 = h
    while t0 > 0 and (
        words[t0 - 1] in _TITLE_PREFIXES
        or words[t0 - 1] in _TITLE_HEADS
        or (t0 > 1 and words[t0 - 1] in ("and", "&") and words[t0 - 2] in _TITLE_WORDS)
    ):
        t0 -= 1
    # a portfolio the prefixes do not list, opening the run: "Resources Minister Madeleine King"
    portfolio = t0 == 1 and h == 1 and words[1] in ("Minister", "Secretary") and words[0] not in NON_NAME_WORDS
    t0 = 0 if portfolio else t0
    if t0 > 0 and h + 1 < len(words) and words[h + 1] not in ("of", "for"):
        # a title-case headline: "News Conference With Prime Minister Fumio Kishida"
        run, words, h = run[t0:], words[t0:], h - t0
    if not portfolio and not all(w in _TITLE_WORDS or w in ("and", "&") for w in words[:h]):
        return None, None, run
    j = h + 1
    if j < len(words) and words[j] in ("of", "for"):
        rest = " ".join(words[j:])[len(words[j]) + 1 :]
        complements = (*_TITLE_COMPLEMENTS, *country_surface_forms())  # "Prime Minister of India Narendra Modi"
        ordered = sorted(complements, key=len, reverse=True)
        comp = next((c for c in ordered if (rest + " ").startswith(c + " ")), None)
        if comp is None:
            return None
        j += 1 + len(comp.split())
        # "Minister of Industry and Commerce": a second portfolio joined by "and"
        rest = " ".join(words[j:])
        more = next((c for c in ordered if rest.startswith("and ") and (rest[4:] + " ").startswith(c + " ")), None)
        if more is not None:
            j += 1 + len(more.split())
    title = " ".join(words[:j]).replace("PM", "Prime Minister")
    # "Prime Minister Sir Keir Starmer", "Minister Dr S Jaishankar": an honorific after the title
    honorific = words[j] if j < len(words) - 1 and words[j] in HONORIFICS else None
    if honorific:
        j += 1
        while j < len(words) - 1 and words[j] in HONORIFICS:  # "President H.E. Mr. X"
            j += 1
    if not run[j:]:
        return None
    return title, honorific, run[j:]


# a month's short form is written before a day or a year ("Jan 15", "Sept 2024"); followed by a
# capitalised word it is a given name ("Trade Minister Jan Holm")
_SHORT_MONTHS = frozenset({"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"})


def _short_given_name(toks: list[_Tok]) -> bool:
    """A two-letter capitalised word opening a name of two or more words ("He Lifeng", "To Lam")."""
    return len(toks) >= 2 and len(toks[0].text) == 2 and toks[0].text.istitle() and toks[1].text[:1].isupper()


def _begins_no_name(toks: list[_Tok]) -> bool:
    """The first word of `toks` begins no name (a sentence opener, a weekday, a month...)."""
    word = toks[0].text
    return word in NON_NAME_WORDS and not (word in _SHORT_MONTHS and len(toks) > 1)


def _may_be_a_name(name_toks: list[_Tok]) -> bool:
    """Not an organisation or place, not a title or country, at most five words."""
    if not name_toks or not (name_toks[0].text[:1].isupper() or name_toks[0].text in PARTICLES):
        return False  # "The President and Chancellor held ...": the "and" of two titles is no name
    if any(t.text in ORG_WORDS for t in name_toks):
        return False  # an organisation or a place ("White House", "Capital Economics")
    if _begins_no_name(name_toks) or name_toks[0].text in _TITLE_HEADS:
        return False
    if " ".join(t.text for t in name_toks) in CAPITALS:
        return False  # "in Santiago, Chilean President Ana Soto ...": a city, not a person described
    forms = country_surface_forms()
    return not (any(t.text in forms for t in name_toks) or len([t for t in name_toks if t.text not in PARTICLES]) > 5)


def _read_around(text: str, site: Site, before: str, after: str) -> None:
    """The site's country, title and evidence from the words before and after it: "Canada's",
    "the Japanese prime minister", "of Canada", ", an economist at", "said"."""
    forms = country_surface_forms()
    title = site.title
    if site.country is None:
        poss = _POSSESSIVE_BEFORE.search(before)
        if poss:
            site.country = forms[poss.group(1)][0]
    counterpart = _COUNTERPART_BEFORE.search(before)
    if counterpart and site.country is None:
        site.country = forms[counterpart.group("c")][0]
    role_of = _ROLE_OF_BEFORE.search(before)
    if not title and role_of:
        site.title = _title_case(role_of.group("role"))
        site.evidence = "title"
        site.country = site.country or forms[role_of.group("c")][0]
        title = site.title
    low_title = _ROLE_BEFORE.search(before)
    if not title and low_title:
        site.title = _title_case(low_title.group("role")) if low_title.group("role") != "leader" else None
        site.evidence = "title"
        if low_title.group("c") and site.country is None:
            site.country = forms[low_title.group("c")][0]
    of = _OF_COUNTRY_AFTER.match(after)
    if of and site.country is None and title:
        site.country = forms[of.group(1)][0]
    long_title = _LONG_TITLE_AFTER.match(after)
    if long_title and not site.title:
        site.title = long_title.group("title")
        site.evidence = "title"
        if long_title.group("c") and site.country is None:
            site.country = forms[long_title.group("c")][0]
    appos = _APPOSITION_AFTER.match(after)
    if appos:
        site.evidence = site.evidence or "apposition"
        if appos.group("role") and re.fullmatch(_LOW_ROLE, appos.group("role"), re.I) and not site.title:
            role = appos.group("role")
            site.title = _title_case(role) if role.lower() != "leader" else None
        if appos.group("c") and site.country is None:
            site.country = forms[appos.group("c")][0]
    if (
        _PERSON_AFTER.match(after)
        or _PEOPLE_LISTED_BEFORE.search(before)
        or _DESCRIBED_APPOSITION_BEFORE.search(before)
    ):
        site.evidence = site.evidence or "apposition"
    # "billionaire Elon Musk", "economist Jane Doe": a person, with no office
    if _DESCRIBED_BEFORE.search(before[-30:]):
        site.evidence = site.evidence or "apposition"
    # "signed by Charles": the agent of a letter; "(Photo by Keiko Sato)": a credit
    if _AGENT_BEFORE.search(before[-30:]):
        site.evidence = site.evidence or "agent"
    if _CREDIT_BEFORE.search(before[-30:]):
        site.evidence = site.evidence or "credit"
    met = _MET_BEFORE.search(before[-40:]) or _MEETS_AFTER.match(after)
    if met and site.name not in CAPITALS and site.name not in VENUES:
        site.evidence = site.evidence or "verb"
    # "Chilean Deputy Prime Minister and Foreign Minister Rosa Lagos": the demonym before both titles
    double = _DOUBLE_TITLE_BEFORE.search(before)
    if site.country is None and double and all(w in _TITLE_HEADS | _TITLE_PREFIXES for w in double.group("t").split()):
        site.country = forms[double.group("c")][0]
    plural = _PLURAL_TITLE_BEFORE.search(before)
    if not site.title and plural:
        site.title = plural.group("title")[:-1]
        site.evidence = "title"
    if _VERB_AFTER.match(after) or _VERB_BEFORE.search(before[-30:]) or re.search(r"\baccording to\s+$", before[-20:]):
        site.evidence = site.evidence or "verb"
    # a byline ("By Jane Roe and John Doe") and a photographer's credit ("Jane Roe/Pool via AFP",
    # "Jane Roe / The Daily", "Jane Roe | Reuters"): credits, which name no person of the article
    # (tests/gold/README.md)
    if re.search(r"(?:^|\n)By\s+(?:[A-Z][\w.'’-]*\s+){0,3}?(?:and\s+)?$", before) or (
        len(site.name.split()) >= 2 and re.match(r" ?[/|] ?[A-Z]", after)
    ):
        site.evidence = site.evidence or "credit"
    # a byline: a line of two or three words in capitals and nothing else ("TARO YAMADA")
    words = site.name.split()
    if (
        2 <= len(words) <= 3
        and all(w.isupper() and len(w) > 1 for w in words)
        and (before == "" or before.endswith("\n"))
        and (after == "" or after.startswith("\n"))
        and site.name.title() not in CAPITALS
    ):
        site.evidence = site.evidence or "credit"


def _title_case(role: str) -> str:
    """ "commerce and industry minister" as a title: "Commerce and Industry Minister"."""
    return " ".join(w if w in ("and", "of", "the", "for") else w[:1].upper() + w[1:] for w in role.lower().split())


def _role_sites(text: str) -> list[Site]:
    """Role references: "the president", "the Japanese prime minister", "Japan's prime minister"."""
    forms = country_surface_forms()
    sites = []
    for regex in (_THE_ROLE, _COUNTRYS_ROLE):
        for m in regex.finditer(text):
            mod = m.group("mod")
            role = m.group("role").lower().replace("pm", "prime minister")
            sites.append(Site(m.start(), m.end(), "", role=role, role_country=forms[mod][0] if mod else None))
    for m in _THE_DEMONYM.finditer(text):
        country = forms[m.group("mod")][0]
        sites.append(Site(m.start(), m.end(), "", role="person", role_country=country))
    headline = text.split("\n", 1)[0]
    for m in _HEADLINE_ROLE.finditer(headline):
        sites.append(Site(m.start("role"), m.end("role"), "", role=m.group("role").lower()))
    return sites
