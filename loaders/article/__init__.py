"""News articles to draft facts, each with the character offsets and exact words it came from.

`parse_article(text, published=..., gazetteer=...)` reads plain text (`read_article` turns HTML
into text first) and finds, by deterministic rules and without any network or model:

- countries: ISO names, the press's short names and abbreviations (U.S., America, Britain) and
  demonyms (Japanese, Canadian);
- people: those the gazetteer knows (full name, alias, surname with or without a title, "Mr.
  Ishiba", and "the president" / "Japan's prime minister" resolved through the tenures valid on
  the publication date) and people it does not know, kept as new candidates under the name as
  written (never merged with a known person by guess);
- quotations with their speaker (attribution before or after the quote, split quotes, "he said"
  resolved to the subject of the closest earlier sentence that names a person it can refer to);
- the meeting: kind, place, date (absolute, or relative to the publication date), participants;
- figures: amounts with currency and scale, their metric (deficit, surplus, exports, imports,
  investment), period, dyad and, when a person states them, the speaker;
- sectors and topics, mapped to the sector scheme.

Offsets are Python string indices into `text` (Web Annotation TextPositionSelector: `start` is
the first character, `end` is just past the last); `text[start:end]` is always the exact text.

Confidence (0..1) is a product of simple, fixed factors:

==================================  =====  ==================================================
how a person is named               conf.  notes
==================================  =====  ==================================================
known person, full name or alias    0.95
known person, title + surname       0.85   the title matches a tenure valid on the date
known person, surname only          0.70   also "Mr. Ishiba"; surname unique or seen in full
role ("the president")              0.70   one tenure valid on the date fits; 0.55 if recency
                                           decided between several
new candidate with title/apposition 0.60   "Prime Minister Mark Carney", "Jane Doe, an economist"
new candidate next to a verb        0.50   "Jane Doe said"
pronoun ("he said")                 0.50
==================================  =====  ==================================================

Countries: 0.95 for a name or abbreviation, 0.85 for a demonym. Topics: 0.8 for a keyword,
0.9 for a topic's own name in the graph. A quote's confidence is its speaker's, times 0.9 when
the attribution verb is separated from the quote by other words, 0.6 for a colon introduction,
0.45 for a continuation quote (a quote with no attribution that follows the same speaker's quote).
A figure starts at 0.9, times 0.8 when a country of its dyad comes from the article rather than
its sentence, times 0.5 when its period is not stated (the last full year is assumed).
A meeting is 0.8 with its date stated (0.7 relative), 0.6 with the date of the graph's meeting
of the same dyad in the month before publication, 0.5 with the day the article says its people
spoke ("said Monday ... after the call"), 0.3 with the publication date as a guess.

The meeting: the first sentence (outside quotes) with a meeting word (summit, talks, meeting,
met, visit, hosted, phone call...) and two people, or a venue, or one person with a strong
word; later meeting sentences complete it. Participants are the people named in those sentences
up to the end of the clause after the meeting word (the first sentence: anyone but those of an
introductory phrase, "Following his meeting with X, ..."; the others: people with an office who
do not only speak of it, "X said the talks were ..."), and those at the event, accompanying a
leader or in the delegation; not a former leader, nor someone of a third country; a later
sentence about another event (an earlier year, "his first term", talks in another city) lends
no one. For a side of the dyad that no one represents, its most named leader joins. The dyad
is the participants' countries, then the host's (White House: USA; "in Tokyo": JPN), then
the most named. The kind is the one the text names (state / official / working
visit, call, summit); otherwise a "summit" when a head of state or government of each side took
part, else "talks". A meeting of the graph on the same day and dyad (or, when the article gives
no day, in the month before publication) is taken to be the same event, and lends its kind
unless the article names another.

Dates: see `parse_dates`. A quote is dated by a date in its sentence; else by the meeting's day
when its sentence (or the one before) speaks of the meeting; else by the day the article says
its people spoke; else by the meeting's day for a participant; else by the publication date.

Sign rule for balances: a deficit or surplus is the balance *of the country named as having it*
(the one before the word: "the U.S. trade deficit", "Japan's surplus"; or the first in "the
deficit between the U.S. and Japan") *with the partner* ("with Japan"): a deficit is negative, a
surplus positive, as `indicator=goods_balance, country=holder, partner=other`.
A balance's holder is a country in the metric's noun phrase ("Japan's 9 trillion yen surplus"),
not the subject of a verb ("Germany accounts for half of the deficit"); a bloc (the European
Union) is no country, so it leaves its side empty. "Chinese imports" are imports from China. The
year of a figure is the one written right after it ("up from $104.6 billion in 2023"), else the
sentence's nearest (not "since 2020", "over 2023"), else the year of the same countries' figures
next to it when its sentence gives no period. Bilateral trade of "the two countries" is the
article's dyad.
Exports are `goods_exports` of the exporter (country) to the importer (partner); imports
`goods_imports` of the importer from the exporter; an investment stock is `fdi_stock` with the
host as country and the investor as partner. Pledges and forecasts ("will invest $1 trillion",
"could reach") are figures but not claims: nothing in the data can confirm a promise.

The extractor is one module per thing it finds: `reading` (files to text), `text` (paragraphs,
quotation marks, sentences, offsets), `countries`, `dates`, `amounts`, `topics`, `names` (where
a person may be named), `people` (who that is), `quotes` (speakers and days), `meeting`,
`figures`, and `parse` (`parse_article`, all of them in turn). `model` holds what goes in (the
gazetteer) and what comes out (the hits); `records` turns an extraction into records.
"""

from __future__ import annotations

from bilateral.loaders.article.amounts import parse_amounts
from bilateral.loaders.article.dates import parse_dates
from bilateral.loaders.article.model import (
    DateHit,
    Extraction,
    FigureHit,
    Gazetteer,
    KnownMeeting,
    KnownPerson,
    KnownTenure,
    KnownTopic,
    MeetingHit,
    MentionHit,
    PersonHit,
    QuoteHit,
    TopicHit,
)
from bilateral.loaders.article.parse import parse_article
from bilateral.loaders.article.reading import ArticleText, decode_article, html_to_text, read_article

__all__ = [
    "ArticleText",
    "DateHit",
    "Extraction",
    "FigureHit",
    "Gazetteer",
    "KnownMeeting",
    "KnownPerson",
    "KnownTenure",
    "KnownTopic",
    "MeetingHit",
    "MentionHit",
    "PersonHit",
    "QuoteHit",
    "TopicHit",
    "decode_article",
    "html_to_text",
    "parse_amounts",
    "parse_article",
    "parse_dates",
    "read_article",
]
