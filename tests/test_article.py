"""The article loader: news text to facts with offsets, claims checked against the example graph.

Real files, a real on-disk store holding the US-Japan example; no mocks. The gold annotations
are in tests/gold (the seed article and synthetic articles written for these tests).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.api import KnowledgeGraph
from bilateral.core.errors import BilateralError
from bilateral.graph import iri
from bilateral.graph.claims import AGREES, NO_DATA, check_figure
from bilateral.graph.extraction import ROW_COLUMNS, extract_text, load_report, to_rdf
from bilateral.graph.gazetteer import build_gazetteer
from bilateral.loaders import records as r
from bilateral.loaders.article import (
    Gazetteer,
    KnownPerson,
    KnownTenure,
    parse_amounts,
    parse_article,
    parse_dates,
    read_article,
)

from .conftest import ROOT, needs_corenlp, test_corenlp_url
from .score_extraction import Score, gold_files, load_gold, published_of, run, split_of, totals

ARTICLES = Path(__file__).parent / "data" / "articles"
SEED = ARTICLES / "seed-trump-ishiba-article.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "trump-ishiba-article.txt"
PREFIX = "PREFIX bi: <https://w3id.org/bilateral/ontology#>\n"
TRUMP = r.PersonRef("Donald Trump")
ISHIBA = r.PersonRef("Shigeru Ishiba")


@pytest.fixture
def seed_report(example_kg: KnowledgeGraph):  # type: ignore[no-untyped-def]
    return example_kg.extract(SEED, published=dt.date(2025, 2, 8))


def test_the_seed_copy_is_the_shared_seed() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("the shared seed folder is not next to the repository")
    assert SEED.read_text(encoding="utf-8") == SHARED_SEED.read_text(encoding="utf-8")


def test_seed_people_countries_and_meeting(example_kg: KnowledgeGraph, seed_report) -> None:  # type: ignore[no-untyped-def]
    ex = seed_report.extraction
    assert {(p.ref, p.known) for p in ex.people} == {(TRUMP, True), (ISHIBA, True)}
    assert {c.country for c in ex.countries} == {"USA", "JPN"}
    m = ex.meeting
    assert m is not None
    assert (m.kind, m.date, m.countries, m.place) == ("summit", dt.date(2025, 2, 7), ("JPN", "USA"), "White House")
    assert set(m.participants) == {TRUMP, ISHIBA}
    # the same meeting as the graph's: the same IRI, minted from date, dyad and kind
    node = ox.NamedNode(iri.meeting_iri("2025-02-07", ("USA", "JPN"), "summit"))
    assert example_kg.store.ask(PREFIX + "ASK { ?m a bi:Meeting }", {"m": node})


def test_every_seed_quote_has_the_right_speaker(seed_report) -> None:  # type: ignore[no-untyped-def]
    gold = load_gold(Path(__file__).parent / "gold" / "seed-trump-ishiba-article.json")
    found = {(q.start, q.end): q for q in seed_report.extraction.quotes}
    text = seed_report.extraction.text
    for q in gold["quotes"]:  # type: ignore[union-attr]
        hit = found[(q["start"], q["end"])]
        assert hit.exact == q["text"] == text[hit.start : hit.end]
        assert hit.speaker is not None and hit.speaker.name == q["speaker"], q
    assert len(found) == len(gold["quotes"])  # type: ignore[arg-type]


def test_the_2024_deficit_is_found_and_checked_against_the_example(seed_report) -> None:  # type: ignore[no-untyped-def]
    pairs = list(zip(seed_report.extraction.figures, seed_report.checks, strict=True))
    [(figure, check)] = [(f, c) for f, c in pairs if f.exact == "$68 billion"]
    assert (figure.indicator, figure.country, figure.partner, figure.year) == ("goods_balance", "USA", "JPN", 2024)
    assert figure.value == Decimal("-68000000000") and figure.currency == "USD"
    assert check is not None and check.verdict == AGREES
    japan_times = iri.indicator_iri("goods_balance", "USA", "JPN", 2024, "USD", "japantimes-2025-04-08")
    japan_mof = iri.indicator_iri("goods_balance", "JPN", "USA", 2024, "USD", "usfijitimes-zero-balance")
    assert japan_times in check.checked_against  # the US figure, -68.5 bn
    assert japan_mof in check.checked_against  # Japan's surplus, its sign turned
    claims = [rec for rec in seed_report.records() if isinstance(rec, r.Claim)]
    assert [(c.exact, c.verdict) for c in claims] == [("$68 billion", AGREES)]
    assert seed_report.extraction.text[claims[0].text_start : claims[0].text_end] == "$68 billion"


def test_review_rows_show_everything_the_issue_asks_for(seed_report) -> None:  # type: ignore[no-untyped-def]
    rows = seed_report.rows()
    assert all(set(ROW_COLUMNS) == set(row) for row in rows)
    text = seed_report.extraction.text
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["text"], row  # type: ignore[call-overload]
        assert 0 < float(row["confidence"]) <= 1  # type: ignore[arg-type]
    kinds = [row["kind"] for row in rows]
    assert kinds.count("person") == 2 and kinds.count("country") == 2 and kinds.count("meeting") == 1
    assert kinds.count("statement") == 3
    [figure] = [row for row in rows if row["kind"] == "figure"]
    assert figure["verdict"] == AGREES and figure["value"] == "-68000000000 USD"
    assert '"TextPositionSelector"' in seed_report.as_json()


def test_the_seed_article_stays_fully_right(example_kg: KnowledgeGraph) -> None:
    results = run(gold_files("seed"), example_kg)
    assert list(results) == ["seed-trump-ishiba-article"]
    failures = [
        (kind, s.misses) for scores in results.values() for kind, s in scores.items() if s.precision < 1 or s.recall < 1
    ]
    assert failures == []
    assert set(results["seed-trump-ishiba-article"]) >= {
        "quotes",
        "attribution",
        "participants",
        "figure_facts",
        "people",
        "claims",
        "verdicts",
    }


def test_the_tuned_synthetic_texts_are_a_set_of_their_own(example_kg: KnowledgeGraph) -> None:
    # written while the rules were tuned: their scores show fit, not skill; kept as a
    # regression check with a margin, and reported apart in README.md
    paths = gold_files("tuned")
    assert paths and all(load_gold(p).get("synthetic") for p in paths)
    pooled = totals(run(paths, example_kg))
    low = {kind: round(s.f1, 2) for kind, s in pooled.items() if s.f1 < 0.95}
    assert low == {}


# what the final rules measure on the real test half (never read while tuning): a floor each,
# at the measured value rounded down (tests/gold/README.md); issue 14's targets where they are
# reached. Round 7: the test half is batch 6 (35 pages found and annotated by annotators who
# change no rule, scored with round 7's rules once; the first test half is dev from round 7 on)
TEST_HALF_FLOORS = {
    ("quotes", "precision"): 0.98,
    ("quotes", "recall"): 0.95,
    ("attribution", "precision"): 0.98,  # target 0.90: reached (measured 1.000, 49 of 49; one miss allowed)
    ("attribution", "recall"): 0.83,  # target 0.90: not reached (measured 0.831, 49 of 59)
    ("participants", "precision"): 0.85,  # target 0.95: not reached (measured 0.855, 47 of 55)
    ("participants", "recall"): 0.71,
    ("figures", "f1"): 0.90,
    ("figure_facts", "f1"): 0.53,  # target 0.85: not reached (measured 0.537, 33 of 57 found, 66 in the gold)
    ("people", "precision"): 0.88,
    ("people", "recall"): 0.82,
    ("meeting", "f1"): 0.79,
}


def test_the_real_test_half_holds_its_floors(example_kg: KnowledgeGraph) -> None:
    paths = gold_files("real-test")
    assert len(paths) == 35
    assert _below(totals(run(paths, example_kg)), TEST_HALF_FLOORS) == {}


def _below(pooled: dict[str, Score], floors: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """The measures under their floor, with what they measure."""
    return {
        (kind, measure): round(getattr(pooled[kind], measure), 3)
        for (kind, measure), floor in floors.items()
        if getattr(pooled[kind], measure) < floor
    }


# `bilateral extract --corenlp` (round 8, an opt-in): CoreNLP's speaker where the rules find none,
# scored once on the test half (10:38, tests/gold/README.md): 0.98 / 0.92, 54 of 55 and of 59
CORENLP_FLOORS = {
    ("attribution", "precision"): 0.96,  # target 0.90: reached (measured 0.982; one miss allowed)
    ("attribution", "recall"): 0.91,  # target 0.90: reached (measured 0.915)
}


@pytest.mark.corenlp
@needs_corenlp
def test_the_real_test_half_with_corenlp_holds_its_attribution_floors(example_kg: KnowledgeGraph) -> None:
    assert _below(totals(run(gold_files("real-test"), example_kg, corenlp=test_corenlp_url())), CORENLP_FLOORS) == {}


def test_the_real_set_is_split_by_the_written_rule() -> None:
    golds = [load_gold(p) for p in gold_files("real")]
    assert len(golds) >= 24
    for batch in {g["batch"] for g in golds} - {6, 7, 8}:
        ordered = sorted(
            (g for g in golds if g["batch"] == batch), key=lambda g: hashlib.sha256(str(g["url"]).encode()).hexdigest()
        )
        assert [split_of(g) for g in ordered] == ["dev", "test"] * (len(ordered) // 2)
    # batch 6 is the whole test half, batch 7 the whole validation half, batch 8 more dev pages; the
    # first test half is dev
    assert {g["half"] for g in golds if g["batch"] == 6} <= {"test"}
    assert {g["half"] for g in golds if g["batch"] == 7} <= {"validation"}
    assert {g["half"] for g in golds if g["batch"] == 8} <= {"dev"}
    assert all(g["half"] == "dev" for g in golds if g["batch"] not in (6, 7))
    assert len({g["url"] for g in golds}) == len(golds)
    for g in golds:
        assert str(g["url"]).startswith("http") and g["outlet"] and g["licence"] and g["date_note"]
        assert (ROOT / str(g["article"])).exists()
    assert len({g["outlet"] for g in golds}) >= 10
    assert any("readout" in str(g["style"]) for g in golds) and any("transcript" in str(g["style"]) for g in golds)


def test_every_offset_points_at_its_exact_text(example_kg: KnowledgeGraph) -> None:
    for path in gold_files():
        gold = load_gold(path)
        report = example_kg.extract(ROOT / str(gold["article"]))
        ex = report.extraction
        items = [*ex.mentions, *ex.quotes, *ex.figures, *ex.topics, *ex.people, *ex.countries]
        assert items
        for row in report.rows():
            assert ex.text[int(row["start"]) : int(row["end"])] == row["text"], row  # type: ignore[call-overload]
        for item in items:
            assert ex.text[item.start : item.end] == item.exact, (path.name, item)


def test_relative_and_absolute_dates() -> None:
    saturday = dt.date(2025, 2, 8)

    def day(text: str, published: dt.date = saturday) -> dt.date:
        hits = parse_dates(text, published)
        assert len(hits) == 1, hits
        assert text[hits[0].start : hits[0].end] == hits[0].exact
        return hits[0].date

    assert day("The leaders met on Thursday.") == dt.date(2025, 2, 6)
    assert day("They met on Saturday.") == saturday  # the publication day itself
    assert day("They met last Saturday.") == dt.date(2025, 2, 1)
    assert day("Trump said Friday that") == dt.date(2025, 2, 7)
    assert day("They will meet on Monday.") == dt.date(2025, 2, 10)
    assert day("It happened yesterday.") == dt.date(2025, 2, 7)
    assert parse_dates("It happened last week.", saturday) == []  # a week, no day (the gold's rule)
    assert day("They met on February 7 in Washington.") == dt.date(2025, 2, 7)
    assert day("They met on 7 February 2025.") == dt.date(2025, 2, 7)
    assert day("They met on Feb. 7.") == dt.date(2025, 2, 7)
    assert day("They met on Dec. 30.", dt.date(2025, 1, 3)) == dt.date(2024, 12, 30)
    assert parse_dates("They met on Thursday.", None) == []  # nothing to count back from


def test_amounts_with_currency_and_scale() -> None:
    def one(text: str) -> tuple[str, Decimal, str]:
        [(s, e, value, currency)] = parse_amounts(text)
        return text[s:e], value, currency

    assert one("a deficit of $68 billion") == ("$68 billion", Decimal("68000000000"), "USD")
    assert one("exports of ¥21.3 trillion") == ("¥21.3 trillion", Decimal("21300000000000"), "JPY")
    assert one("a $102.9 million program") == ("$102.9 million", Decimal("102900000"), "USD")
    assert one("investment of $1 trillion") == ("$1 trillion", Decimal("1000000000000"), "USD")
    assert one("worth US$5bn") == ("US$5bn", Decimal("5000000000"), "USD")
    assert one("a €3.5 bn surplus") == ("€3.5 bn", Decimal("3500000000"), "EUR")
    assert one("a £2m grant") == ("£2m", Decimal("2000000"), "GBP")
    assert one("worth C$594.5 billion") == ("C$594.5 billion", Decimal("594500000000"), "CAD")
    assert one("some 8.6 trillion yen") == ("8.6 trillion yen", Decimal("8600000000000"), "JPY")
    assert one("one trillion dollars of investment") == ("one trillion dollars", Decimal("1000000000000"), "USD")
    assert one("68.5 billion U.S. dollars")[1:] == (Decimal("68500000000"), "USD")
    assert parse_amounts("In 2024, 25% of cars; he won the election by 5 points.") == []


def test_html_is_read_as_text_with_its_own_metadata() -> None:
    article = read_article(ARTICLES / "synthetic-germany-call.html")
    assert article.html and article.published == dt.date(2025, 3, 14)
    assert article.title and "Albrecht" in article.title and article.publisher == "Synthetic Daily"
    for hidden in ("ignore this", "menu text", "newsdesk", "color: black", "&ldquo;"):
        assert hidden not in article.text
    assert "“We had a long and open conversation" in article.text  # entities decoded


def test_unknown_people_are_new_candidates_never_merged(example_kg: KnowledgeGraph) -> None:
    report = example_kg.extract(ARTICLES / "synthetic-canada-white-house.txt", published=dt.date(2025, 5, 8))
    people = {p.ref: p for p in report.extraction.people}
    pm = people[r.PersonRef("Jean-Luc Tremblay")]
    assert not pm.known and (pm.office, pm.country) == ("Prime Minister", "CAN")
    assert pm.mentions >= 3  # "Mr. Tremblay", "the prime minister", "Tremblay"
    records = report.records()
    assert r.Person("Jean-Luc Tremblay", report.source.id) in records
    assert any(
        isinstance(t, r.Tenure)
        and t.person == pm.ref
        and t.country == "CAN"
        and t.roles == ("head_of_government",)
        and t.attested == dt.date(2025, 5, 8)
        for t in records
    )
    assert not any(isinstance(p, r.Person) and p.name == "Donald Trump" for p in records)
    # a known surname in a new full name is a new person, not the known one
    gaz = build_gazetteer(example_kg.store)
    ex = parse_article('Lara Trump, a television host, said: "The talks went well."', published=None, gazetteer=gaz)
    assert [(p.ref.name, p.known) for p in ex.people] == [("Lara Trump", False)]
    assert ex.quotes[0].speaker == r.PersonRef("Lara Trump")


def test_parse_article_is_pure_and_resolves_roles_through_tenures() -> None:
    gaz = Gazetteer(
        people=(
            KnownPerson(
                "Ana Ruiz",
                1970,
                tenures=(KnownTenure("ESP", "Prime Minister", ("head_of_government",), start=dt.date(2020, 1, 1)),),
            ),
            KnownPerson(
                "Old Leader",
                tenures=(
                    KnownTenure(
                        "ESP",
                        "Prime Minister",
                        ("head_of_government",),
                        start=dt.date(2010, 1, 1),
                        end=dt.date(2019, 12, 31),
                    ),
                ),
            ),
        )
    )
    text = (
        "The Spanish prime minister spoke with Portugal's Prime Minister Rui Costa in Lisbon on Tuesday. "
        "“We agreed on energy,” the Spanish prime minister said. Mr. Costa thanked her. “It was useful,” he said."
    )
    ex = parse_article(text, published=dt.date(2025, 3, 6), gazetteer=gaz)
    assert [q.speaker for q in ex.quotes] == [r.PersonRef("Ana Ruiz", 1970), r.PersonRef("Rui Costa")]
    assert ex.meeting is not None and ex.meeting.date == dt.date(2025, 3, 4)
    assert ex.meeting.countries == ("ESP", "PRT") and ex.meeting.place == "Lisbon" and ex.meeting.host == "PRT"
    # in 2015 the prime minister was someone else
    ex = parse_article(text, published=dt.date(2015, 3, 6), gazetteer=gaz)
    assert ex.quotes[0].speaker == r.PersonRef("Old Leader")


def test_pronouns_skip_people_of_the_other_gender() -> None:
    text = (
        "Ms. Keiko Tanaka met Mr. Paul Novak in Tokyo. Mr. Novak thanked Ms. Tanaka for the talks. "
        "“We made progress,” she said. “So did we,” he said."
    )
    ex = parse_article(text, published=None, gazetteer=Gazetteer())
    assert [q.speaker.name for q in ex.quotes if q.speaker] == ["Keiko Tanaka", "Paul Novak"]


def test_claims_compare_with_the_mirror_and_ignore_their_own_source(example_kg: KnowledgeGraph) -> None:
    store = example_kg.store
    # Japan's 2024 surplus by Japan's figures (60.5 bn USD) is the US deficit seen from Japan
    check = check_figure(
        store,
        indicator="goods_balance",
        country="USA",
        partner="JPN",
        year=2024,
        value=Decimal("-60500000000"),
        currency="USD",
    )
    assert check.verdict == AGREES and check.closest is not None and check.closest.kind == "mirror indicator"
    far = check_figure(
        store,
        indicator="goods_balance",
        country="USA",
        partner="JPN",
        year=2024,
        value=Decimal("-80000000000"),
        currency="USD",
    )
    assert far.verdict == "differs by 16.8%"  # against -68.5 bn, the closest
    seed_source = iri.source_iri("seed-article")
    without_seed = check_figure(
        store,
        indicator="goods_balance",
        country="USA",
        partner="JPN",
        year=2024,
        value=Decimal("-68000000000"),
        currency="USD",
        exclude_graphs=[seed_source],
    )
    assert all(o.source != seed_source for o in without_seed.compared)
    assert (
        check_figure(
            store,
            indicator="goods_balance",
            country="USA",
            partner="CAN",
            year=2024,
            value=Decimal("-63300000000"),
            currency="USD",
        ).verdict
        == NO_DATA
    )
    assert (
        check_figure(
            store,
            indicator="goods_balance",
            country="USA",
            partner="JPN",
            year=2024,
            value=Decimal("-68000000000"),
            currency="EUR",
        ).verdict
        == NO_DATA
    )


def test_load_writes_the_article_in_its_graph_once(example_kg: KnowledgeGraph, seed_report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records = seed_report.records()
    source = records[0]
    assert isinstance(source, r.Source) and source.reliability == "secondary"
    out = tmp_path / "seed.trig"
    count = to_rdf(records, out)
    parsed = list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))
    assert count == len(parsed) > 0
    added = load_report(example_kg.store, seed_report)
    assert added > 0 and load_report(example_kg.store, seed_report) == 0
    assert example_kg.validate() == []
    graph = ox.NamedNode(iri.source_iri(source.id))
    rows = example_kg.select(
        PREFIX
        + """
        SELECT ?name ?text ?start ?conf ?m WHERE { GRAPH ?g {
          ?s a bi:Statement ; bi:speaker ?p ; bi:text ?text ; bi:textStart ?start ; bi:confidence ?conf ;
             bi:occasion ?m } ?p bi:name ?name }""",
        {"g": graph},
    ).rows
    assert sorted((n, s) for n, _, s, _, _ in rows) == [
        ("Donald Trump", 838),
        ("Donald Trump", 2304),
        ("Shigeru Ishiba", 1424),
    ]
    assert {str(m) for *_, m in rows} == {iri.meeting_iri("2025-02-07", ("USA", "JPN"), "summit")}
    # the same statements as the example's seed-article rows: one node each, two sources
    both = example_kg.select(
        PREFIX
        + """
        SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a bi:Statement }
          GRAPH ?h { ?s a bi:Statement } FILTER(?g != ?h) }"""
    ).rows
    assert both[0][0] == 3
    claim = example_kg.select(
        PREFIX
        + """
        SELECT ?verdict (COUNT(?o) AS ?n) WHERE { GRAPH ?g { ?c a bi:Claim ; bi:verdict ?verdict ;
          bi:checkedAgainst ?o ; bi:exactText "$68 billion" } } GROUP BY ?verdict""",
        {"g": graph},
    ).rows
    assert claim == [(AGREES, 3)]


def test_every_gold_article_loads_into_a_valid_graph(example_kg: KnowledgeGraph) -> None:
    for path in gold_files():
        gold = load_gold(path)
        report = example_kg.extract(ROOT / str(gold["article"]), published=published_of(gold))
        assert load_report(example_kg.store, report) > 0
    assert example_kg.validate() == []
    # the candidates the articles name are people of the graph now, in their articles' graphs
    rows = example_kg.select(
        PREFIX
        + """
        SELECT ?name ?office WHERE { ?t a bi:Tenure ; bi:holder ?p ; bi:office ?office . ?p bi:name ?name }"""
    ).rows
    assert ("Jean-Luc Tremblay", "Prime Minister") in rows and ("Markus Albrecht", "Chancellor") in rows


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "President",
                "Donald Trump",
                "Mr.",
                "Ishiba",
                "said",
                "“",
                "”",
                '"',
                ",",
                ".",
                " ",
                "\n",
                "$68 billion",
                "¥21.3 trillion",
                "deficit",
                "with Japan",
                "in 2024",
                "on Thursday",
                "the president",
                "he said",
                "met",
                "at the White House",
                "Japanese",
                "U.S.",
                "exports to",
                "told reporters",
                "Ms. Jane Roe",
                "she added:",
            ]
        ),
        max_size=40,
    )
)
def test_offsets_hold_for_any_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    gaz = Gazetteer(
        people=(
            KnownPerson(
                "Donald Trump",
                tenures=(KnownTenure("USA", "President", ("head_of_state",), start=dt.date(2025, 1, 20)),),
            ),
        )
    )
    ex = parse_article(text, published=dt.date(2025, 2, 8), gazetteer=gaz)
    for item in [*ex.mentions, *ex.quotes, *ex.figures, *ex.topics]:
        assert text[item.start : item.end] == item.exact
    if ex.meeting:
        assert text[ex.meeting.start : ex.meeting.end] == ex.meeting.exact


def test_load_refuses_to_overwrite_a_curated_source(example_kg: KnowledgeGraph) -> None:
    report = example_kg.extract(SEED, published=dt.date(2025, 2, 8), source_id="seed-article")
    with pytest.raises(BilateralError, match="seed-article"):
        load_report(example_kg.store, report)


def test_extract_text_without_a_store_match(kg: KnowledgeGraph) -> None:
    # an empty store: no one is known, so everyone is a new candidate and no figure has data
    report = extract_text(kg.store, SEED.read_text(encoding="utf-8"), published=dt.date(2025, 2, 8))
    assert {(p.ref.name, p.known) for p in report.extraction.people} == {
        ("Donald Trump", False),
        ("Shigeru Ishiba", False),
    }
    assert [c.verdict for c in report.checks if c] == [NO_DATA]


def test_the_scorer_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.score_extraction", str(gold_files()[0])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "attribution" in done.stdout and "precision" in done.stdout


def test_loaded_mentions_keep_their_exact_words_and_offsets(example_kg: KnowledgeGraph, seed_report) -> None:  # type: ignore[no-untyped-def]
    load_report(example_kg.store, seed_report)
    text = SEED.read_text(encoding="utf-8")
    rows = example_kg.select(
        "PREFIX bi: <https://w3id.org/bilateral/ontology#> "
        "SELECT ?exact ?start ?end ?who WHERE { GRAPH ?g { ?m a bi:Mention ; bi:exactText ?exact ; "
        "bi:textStart ?start ; bi:textEnd ?end ; bi:refersTo ?who } }"
    ).rows
    assert rows
    for exact, start, end, _ in rows:
        assert text[start:end] == exact
    who = {str(w).rsplit("/", 1)[-1] for *_, w in rows}
    assert {"shigeru_ishiba", "donald_trump", "JPN", "USA"} <= who


def test_extract_cli_lists_the_seed_facts(tmp_path: Path) -> None:
    from .conftest import EXAMPLE, run_cli

    store = str(tmp_path / "s")
    run_cli("load", str(EXAMPLE), "--store", store)
    result = run_cli("extract", str(SEED), "--published", "2025-02-08", "--format", "json", "--store", store)
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads(result.stdout)
    kinds = {row["kind"] for row in data["rows"]}
    assert {"country", "person", "meeting", "statement", "figure"} <= kinds
    speakers = {row["speaker"] for row in data["rows"] if row["kind"] == "statement"}
    assert speakers == {"Donald Trump", "Shigeru Ishiba"}
    figure = next(row for row in data["rows"] if row["kind"] == "figure")
    assert figure["verdict"].startswith("agrees")


def test_the_api_extracts_writes_rdf_and_loads(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "seed.nq"
    report = example_kg.extract(SEED, published=dt.date(2025, 2, 8), output=out, load=True)
    assert report.written is not None and report.written == len(out.read_text(encoding="utf-8").splitlines())
    assert report.added is not None and report.added > 0
    assert not report.empty_store
    again = example_kg.extract(SEED, published=dt.date(2025, 2, 8), load=True)
    # the same source id, so its graph is replaced (people drafted the first time are now known
    # to the graph, so fewer facts are new): the store does not grow again
    assert again.added is not None and again.added <= 0 and again.written is None
    assert example_kg.extract(SEED, published=dt.date(2025, 2, 8)).added is None  # writes nothing


def test_the_article_loader_imports_no_graph() -> None:
    """Layers: loaders give records; minting IRIs and RDF terms is graph's (issue 13). Read from
    the modules' imports (importing `bilateral` itself loads the API, and with it every layer)."""
    import ast

    modules = [*sorted((ROOT / "loaders" / "article").glob("*.py")), ROOT / "loaders" / "article_lexicon.py"]
    imported = set()
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
    assert len(modules) > 10
    assert {m for m in imported if m.startswith(("bilateral.graph", "pyoxigraph", "rdflib", "bilateral.api"))} == set()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_the_loaders_name_key_and_digest_are_the_graphs(text: str) -> None:
    from bilateral.loaders.article.records import _digest
    from bilateral.loaders.article.text import normalise_key

    assert normalise_key(text) == iri.normalise_key(text)
    assert _digest(text)[:16] == iri.text_hash(text)


# -- issue 14: failures found on real news text, each in a text written for the test --------


def _example_parse(text: str, published: dt.date):  # type: ignore[no-untyped-def]
    gaz = Gazetteer(
        people=(
            KnownPerson(
                "Donald Trump",
                tenures=(
                    KnownTenure(
                        "USA", "President", ("head_of_state", "head_of_government"), start=dt.date(2025, 1, 20)
                    ),
                ),
            ),
        )
    )
    return parse_article(text, published=published, gazetteer=gaz)


def _speakers(ex) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {q.exact: q.speaker.name if q.speaker else None for q in ex.quotes}


def test_quotes_introduced_inside_a_sentence_have_their_clause_subject_as_speaker() -> None:
    text = (
        "President Donald Trump hosted Indian Prime Minister Narendra Modi at the White House on Thursday. "
        "Modi praised Trump and adapted his campaign slogan, suggesting, “Make India Great Again.” "
        "Trump pressed on tariffs. He promised a tit-for-tat approach, asserting, “whatever you charge, "
        "we charge,” in the Oval Office.\n"
    )
    said = _speakers(_example_parse(text, dt.date(2025, 2, 14)))
    assert said["Make India Great Again."] == "Narendra Modi"
    assert said["whatever you charge, we charge,"] == "Donald Trump"


def test_a_headline_quote_takes_the_speaker_named_after_it() -> None:
    text = (
        "‘It won’t be for sale — ever.’\n"
        "Carney says he told Trump that Canada will never join the United States.\n"
        "Prime Minister Mark Carney met President Donald Trump at the White House on Tuesday.\n"
    )
    said = _speakers(_example_parse(text, dt.date(2025, 5, 6)))
    assert said["It won’t be for sale — ever."] == "Mark Carney"


def test_a_third_quote_after_adding_that_is_the_same_speakers_on_the_same_day() -> None:
    text = (
        "President Donald Trump met Indian Prime Minister Narendra Modi at the White House on Thursday.\n"
        "Modi said that “India and the US will work together” and that “we are a mega partnership,” adding "
        "that “this mega spirit brings new scale to our goals.” He also said “the trade deal will come "
        "this fall.”\n"
    )
    ex = _example_parse(text, dt.date(2025, 2, 14))
    assert _speakers(ex) == {
        q: "Narendra Modi"
        for q in (
            "India and the US will work together",
            "we are a mega partnership,",
            "this mega spirit brings new scale to our goals.",
            "the trade deal will come this fall.",
        )
    }
    assert {q.said_on for q in ex.quotes} == {dt.date(2025, 2, 13)}


def test_a_former_leader_mentioned_in_passing_is_no_participant_and_keeps_his_title() -> None:
    text = (
        "President Donald Trump met Indian Prime Minister Narendra Modi at the White House on Thursday.\n"
        "The two leaders later held a press conference, only the third time Modi has taken questions. The "
        "first took place in London with UK Prime minister David Cameron in November 2015 and then with US "
        "President Joe Biden in Washington in June 2023.\n"
    )
    ex = _example_parse(text, dt.date(2025, 2, 14))
    assert ex.meeting is not None
    assert {p.name for p in ex.meeting.participants} == {"Donald Trump", "Narendra Modi"}
    offices = {p.ref.name: p.office for p in ex.people}
    assert offices["David Cameron"] == "Prime Minister"
    assert offices["Joe Biden"] == "President"


def test_a_company_name_is_no_topic_and_its_investment_has_a_dyad() -> None:
    text = (
        "Indian Prime Minister Narendra Modi met President Donald Trump in Washington on Thursday.\n"
        "Micron Technology confirmed a $825 million investment by Micron in a chip plant in Gujarat, India, "
        "during the visit to the United States.\n"
    )
    ex = _example_parse(text, dt.date(2023, 6, 23))
    assert "technology" not in {t.ref.key for t in ex.topics}
    [figure] = ex.figures
    assert (figure.indicator, figure.country, figure.partner) == ("fdi_stock", "IND", "USA")


NEW_DYAD = """Modi and Trump meet at the White House

President Donald Trump met Prime Minister Narendra Modi at the White House on Thursday to discuss trade
between the United States and India. “We will work together,” Modi said.
"""


def test_an_article_about_a_new_dyad_loads_a_named_meeting_and_a_tenure(
    example_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    article = tmp_path / "modi-trump.txt"
    article.write_text(NEW_DYAD, encoding="utf-8")
    report = example_kg.extract(article, published=dt.date(2025, 2, 14))
    assert load_report(example_kg.store, report) > 0
    assert example_kg.validate() == []
    names = example_kg.select(
        PREFIX
        + """
        SELECT ?name WHERE { ?m a bi:Meeting ; bi:date ?d ; bi:name ?name
          FILTER(STR(?d) = "2025-02-13") }"""
    ).rows
    assert names and all(str(n).strip() for (n,) in names), names
    leaders = example_kg.query_rows("leader-on", {"country": "IND", "date": "2025-02-14"}).rows
    assert [(row[1], row[2]) for row in leaders] == [("Narendra Modi", "Prime Minister")]
    assert str(leaders[0][5]) == report.source.id  # marked as from the article


def test_a_meeting_is_named_by_the_short_names_the_text_uses(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    # a family name first (Xi Jinping) is no reason to name the talks "Macron-Jinping"
    article = tmp_path / "macron-xi.txt"
    article.write_text(
        "Macron hosts Xi\n\nFrench President Emmanuel Macron hosted Chinese President Xi Jinping at the Elysee "
        "Palace in Paris on Monday.\nXi said China was ready to work with France. Macron said trade must be "
        "fair.\n",
        encoding="utf-8",
    )
    report = example_kg.extract(article, published=dt.date(2024, 5, 7))
    assert load_report(example_kg.store, report) > 0
    names = example_kg.select(
        PREFIX + 'SELECT ?name WHERE { ?m a bi:Meeting ; bi:date ?d ; bi:name ?name FILTER(STR(?d) = "2024-05-06") }'
    ).rows
    assert [str(n) for (n,) in names] == ["Macron-Xi summit"]
