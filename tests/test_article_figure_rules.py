"""Figure facts (an amount's metric, dyad and year): rules found as classes of error on the real
development half (tests/gold, `--half dev`, round 7) and tested here on sentences written for the
test, not copied from any article. Pure: no store, an empty gazetteer."""

from __future__ import annotations

import datetime as dt

from bilateral.loaders.article import Extraction, Gazetteer, parse_amounts, parse_article

Fact = tuple[str | None, str | None, str | None, int | None]


def _parse(text: str, published: dt.date | None = dt.date(2025, 3, 10)) -> Extraction:
    return parse_article(text, published=published, gazetteer=Gazetteer())


def _facts(text: str, published: dt.date | None = dt.date(2025, 3, 10)) -> dict[str, Fact]:
    return {f.exact: (f.metric, f.country, f.partner, f.year) for f in _parse(text, published).figures}


# -- years -------------------------------------------------------------------------------------


def test_last_year_on_an_undated_page_is_the_latest_year_it_reports() -> None:
    # no date: the page reports full years up to 2024, so its "last year" is 2024, not 2023
    text = (
        "Peru and Kenya\n\nPeru’s exports to Kenya were $40 million in 2022 and rose again in 2024.\n"
        "Kenya’s deficit with Peru reached $35 million last year.\n"
    )
    assert _facts(text, None)["$35 million"] == ("balance", "KEN", "PER", 2024)
    assert _facts(text)["$35 million"][3] == 2024  # published 2025-03-10: the same year


def test_a_year_in_a_forecasts_clause_or_given_up_is_not_the_undated_pages_present() -> None:
    # "this year" on an undated page is the latest year it reports (2023), not 2026 or 2027: years
    # something will happen in, or instead of
    text = (
        "Ruto sees trade with Peru at $100 million in 2023\n\nIn 2022, trade between Kenya and Peru was "
        "$80 million, and Kenya’s minister said it will reach $150 million in 2027.\n"
        "Kenya’s minister said trade with Peru will top $120 million this year instead of 2026.\n"
    )
    assert _facts(text, None)["$120 million"] == ("trade", "KEN", "PER", 2023)


def test_that_year_is_the_year_written_before_it() -> None:
    text = (
        "Kenya and India\n\nIn 2022, Kenya’s tea exports to India fell.\n"
        "That year, Kenya’s imports from India stood at $2 billion.\n"
    )
    assert _facts(text)["$2 billion"] == ("imports", "KEN", "IND", 2022)


def test_a_balance_with_no_period_takes_its_neighbours_year_before_the_last_full_year() -> None:
    text = (
        "Kenya and India\n\nKenya’s exports to India were $1 billion in 2022, while its imports from India "
        "were $3 billion.\nThe trade gap was $2 billion in India’s favour.\n"
    )
    assert _facts(text)["$2 billion"] == ("balance", "IND", "KEN", 2022)


def test_the_last_fiscal_year_is_a_stated_period_not_the_neighbours() -> None:
    text = (
        "Kenya and India\n\nKenyan exports to India were $2 billion in the last fiscal year.\n"
        "This year, trade between Kenya and India has reached $9 billion.\n"
    )
    assert _facts(text, dt.date(2024, 7, 12))["$2 billion"] == ("exports", "KEN", "IND", 2023)


def test_a_deadline_in_the_amounts_clause_beats_another_year_of_the_sentence() -> None:
    text = (
        "Kenya and India\n\nAt a March 2025 summit, Kenya and India agreed to lift bilateral trade to $10 "
        "billion by 2030.\nThey will also seal a pact by the autumn of 2026 and raise two-way trade to $12 "
        "billion.\n"
    )
    facts = _facts(text)
    assert facts["$10 billion"] == ("trade", "KEN", "IND", None)
    assert facts["$12 billion"] == ("trade", "KEN", "IND", None)


def test_a_year_of_another_predicate_is_not_a_goals() -> None:
    text = (
        "Egypt and Turkey\n\nEgypt and Turkey signed 18 agreements in 2024 and aim to lift trade to $15 billion.\n"
        "In 2026, trade between Egypt and Turkey is expected to reach $12 billion.\n"
    )
    facts = _facts(text)
    assert facts["$15 billion"] == ("trade", "EGY", "TUR", None)
    assert facts["$12 billion"] == ("trade", "EGY", "TUR", 2026)  # the goal's own year


def test_a_by_year_told_in_the_past_perfect_is_the_period() -> None:
    text = (
        "Egypt and Turkey\n\nBy the end of 2024, Turkish investment in Egypt had reached $3 billion.\n"
        "In 2023, trade between Egypt and Turkey was $7 billion; by 2024 it had grown to $8.8 billion.\n"
    )
    facts = _facts(text)
    assert facts["$3 billion"] == ("investment", "EGY", "TUR", 2024)
    assert facts["$8.8 billion"] == ("trade", "EGY", "TUR", 2024)
    # the simple past in the amount's clause too; not a goal in another clause
    text = (
        "Kazakhstan and China\n\nChina’s investment in Kazakhstan reached $26 billion by the end of 2024.\n"
        "Trade was $10 billion in 2023, up from $5 billion, and the leaders want $20 billion by 2030.\n"
    )
    facts = _facts(text)
    assert facts["$26 billion"] == ("investment", "KAZ", "CHN", 2024)
    assert facts["$20 billion"] == ("trade", "KAZ", "CHN", None)
    # (a goal stays a goal: "had agreed to raise ... by 2030")
    text = "Egypt and Turkey\n\nBy 2024 Egypt and Turkey had agreed to raise trade to $15 billion by 2030.\n"
    assert _facts(text)["$15 billion"] == ("trade", "EGY", "TUR", None)


def test_the_fiscal_year_ended_in_a_month_is_of_the_year_it_began() -> None:
    # as "2023-24" is of 2023 (the annotation's decision)
    text = "India and Russia\n\nIndia’s imports from Russia were $61 billion in the fiscal year ended March 2024.\n"
    assert _facts(text)["$61 billion"] == ("imports", "IND", "RUS", 2023)


def test_a_twelve_month_period_ending_in_a_month_is_of_the_year_it_began() -> None:
    # a period across two calendar years is of its first year (the annotators' decision), fiscal or not
    for period in ("the year ending March 2024", "the year to March 2024", "the 12 months to March 2024"):
        text = f"India and Russia\n\nIndia’s imports from Russia were $61 billion in {period}.\n"
        assert _facts(text)["$61 billion"] == ("imports", "IND", "RUS", 2023), period
    text = "India and Russia\n\nIndia’s imports from Russia were $61 billion in the year to December 2024.\n"
    assert _facts(text)["$61 billion"][3] == 2024


def test_a_part_of_a_year_is_the_latest_whose_last_month_had_begun_by_the_page_date() -> None:
    # published in March: January-September, the first nine months, the first half of this year
    # have not ended yet, so they are last year's; the first two months and March itself have begun
    text = (
        "Egypt and Turkey\n\nBetween January and September, Turkey’s exports to Egypt were $2 billion.\n"
        "In the first nine months, Egypt’s exports to Turkey were $3 billion.\n"
        "In the first half, Egypt’s imports from Turkey were $4 billion.\n"
        "From January to February, Egypt’s imports from Turkey were $5 billion.\n"
        "In the first two months, Turkey’s imports from Egypt were $6 billion.\n"
        "In March, Turkey’s imports from Egypt were $7 billion.\n"
    )
    years = {k: v[3] for k, v in _facts(text, dt.date(2025, 3, 10)).items()}
    assert years == {
        "$2 billion": 2024,
        "$3 billion": 2024,
        "$4 billion": 2024,
        "$5 billion": 2025,
        "$6 billion": 2025,
        "$7 billion": 2025,
    }


def test_a_period_to_a_month_with_no_year_is_the_latest_that_had_ended() -> None:
    # published in May 2025: the year through March is April 2024 to March 2025 (of 2024); the
    # three months to March are of 2025
    text = (
        "India and Japan\n\nIndia’s trade deficit with Japan widened to $11 billion in the year through March.\n"
        "India’s exports to Japan were $8 billion in the three months to March.\n"
    )
    facts = _facts(text, dt.date(2025, 5, 20))
    assert facts["$11 billion"][3] == 2024
    assert facts["$8 billion"][3] == 2025


def test_a_sum_over_years_is_of_no_year() -> None:
    # an accumulated amount has year null (the annotators' decision); a year of its own still counts
    text = (
        "India and Japan\n\nJapan’s cumulative investment in India since 2000 has reached $43 billion.\n"
        "India’s exports to Japan totalled $8 billion over the past five years.\n"
        "Since 2014, Japan has invested $35 billion in India.\n"
        "Japan’s investment in India over the past decade was $30 billion, and $4 billion in 2024 alone.\n"
        "Last year, India’s exports to Japan reached $9 billion, the highest since 2015.\n"
        "Trade between India and Russia has doubled in the past two years to about $6 billion.\n"
    )
    years = {k: v[3] for k, v in _facts(text, dt.date(2025, 5, 20)).items()}
    assert years == {
        "$43 billion": None,
        "$8 billion": None,
        "$35 billion": None,
        "$30 billion": None,
        "$4 billion": 2024,
        "$9 billion": 2024,
        "$6 billion": 2025,  # not a sum: the level reached, as of the page's year
    }


def test_a_month_opening_the_sentence_is_a_part_of_this_year() -> None:
    text = (
        "Egypt and Turkey\n\nIn March, Egypt’s exports to Turkey were $1 billion.\n"
        "Between January and April, Turkey’s exports to Egypt were $2 billion.\n"
    )
    facts = _facts(text, dt.date(2025, 6, 15))
    assert facts["$1 billion"] == ("exports", "EGY", "TUR", 2025)
    assert facts["$2 billion"] == ("exports", "TUR", "EGY", 2025)


def test_respectively_pairs_amounts_with_their_metrics_partners_and_years() -> None:
    text = (
        "Brazil and China\n\nBrazil’s exports to China and imports from China were $94 billion and $63 "
        "billion, respectively, in 2024.\n"
        "Brazil’s exports to China were $90 billion and $60 billion in 2023 and 2022, respectively.\n"
        "Brazil’s deficit with Japan and Korea was $1 billion and $2 billion, respectively, in 2024.\n"
    )
    facts = _facts(text)
    assert facts["$94 billion"] == ("exports", "BRA", "CHN", 2024)
    assert facts["$63 billion"] == ("imports", "BRA", "CHN", 2024)
    assert facts["$90 billion"] == ("exports", "BRA", "CHN", 2023)
    assert facts["$60 billion"] == ("exports", "BRA", "CHN", 2022)
    assert facts["$1 billion"] == ("balance", "BRA", "JPN", 2024)
    assert facts["$2 billion"] == ("balance", "BRA", "KOR", 2024)


# -- metrics -----------------------------------------------------------------------------------


def test_the_metric_written_after_in_is_the_amounts_own() -> None:
    text = (
        "Thailand and Japan\n\nThailand posted a trade surplus of $20 billion in 2024, driven by $280 billion "
        "in exports and $260 billion in imports.\n"
        "The prime ministers backed more investment and a target of $5 billion dollars in trade volume.\n"
    )
    facts = _facts(text)
    assert facts["$280 billion"][0] == "exports"
    assert facts["$260 billion"][0] == "imports"
    assert facts["$5 billion"][0] == "trade"
    # a balance before the amount in its clause keeps it: "a surplus of $X in goods trade"
    text = "Thailand and Japan\n\nThailand posted a surplus of $7 billion in goods trade with Japan in 2024.\n"
    assert _facts(text)["$7 billion"] == ("balance", "THA", "JPN", 2024)


def test_a_verb_of_the_level_after_trade_makes_it_the_metric() -> None:
    text = (
        "Vietnam and Australia\n\nAustralia is a big partner of Vietnam, with trade worth $15 billion last year.\n"
        "Trade turnover amounted to $16 billion in 2023, while trade reaching $17 billion in 2022 came with "
        "exports of $9 billion.\n"
    )
    facts = _facts(text)
    assert facts["$15 billion"] == ("trade", "AUS", "VNM", 2024)
    assert facts["$16 billion"][0] == "trade"
    assert facts["$9 billion"][0] == "exports"  # not the noun "in 2022 and exports" of the amount before
    text = "Vietnam and Australia\n\nTrade will reach $20 billion in 2026, the ministers said.\n"
    assert _facts(text)["$20 billion"] == ("trade", "VNM", "AUS", 2026)


def test_trade_exchange_is_trade() -> None:
    text = (
        "Egypt and Turkey\n\nTrade exchange between Egypt and Turkey amounted to $8.8 billion in 2024.\n"
        "The volume of trade exchange rose to $9 billion in the first half of 2025.\n"
    )
    facts = _facts(text)
    assert facts["$8.8 billion"] == ("trade", "EGY", "TUR", 2024)
    assert facts["$9 billion"] == ("trade", "EGY", "TUR", 2025)


def test_a_metric_word_in_brackets_defines_another() -> None:
    text = "Kenya and India\n\nThe trade gap (exports minus imports) with India was $2 billion in 2024.\n"
    assert _facts(text)["$2 billion"][0] == "balance"


# -- dyads -------------------------------------------------------------------------------------


def test_a_holders_verb_may_take_an_adjective_before_the_balance() -> None:
    text = (
        "Thailand and Japan\n\nThailand and Japan signed a pact.\n"
        "Vietnam ran a sizeable trade surplus with Japan of $8 billion in 2024.\n"
    )
    assert _facts(text)["$8 billion"] == ("balance", "VNM", "JPN", 2024)


def test_its_balance_is_the_countrys_named_before_it() -> None:
    text = (
        "Thailand and Japan\n\nThailand and Japan signed a pact.\n"
        "While Vietnam sells more abroad each year, its trade deficit with China was $80 billion in 2024.\n"
    )
    assert _facts(text)["$80 billion"] == ("balance", "VNM", "CHN", 2024)
    # the subject, not a possessor named after it
    text = (
        "Egypt and Turkey\n\nEgypt and Turkey signed a pact.\n"
        "Turkey is Egypt’s fifth-largest trading partner, and its exports to Egypt were $4 billion in 2024.\n"
    )
    assert _facts(text)["$4 billion"] == ("exports", "TUR", "EGY", 2024)


def test_a_demonym_right_before_the_metric_holds_it_after_of() -> None:
    text = (
        "India and Kenya\n\nIndia and Kenya ended a dispute that kept $3 billion of Kenyan exports out of "
        "India in 2023.\n"
    )
    assert _facts(text)["$3 billion"] == ("exports", "KEN", "IND", 2023)


def test_a_hyphenated_pair_before_trade_is_its_dyad() -> None:
    text = (
        "Kenya and Tanzania\n\nTrade between Kenya and Tanzania was $1 billion in 2024, while Kenya-India "
        "trade reached $3 billion.\n"
    )
    assert _facts(text)["$3 billion"] == ("trade", "KEN", "IND", 2024)


def test_trade_with_one_side_of_the_article_is_with_the_other_side() -> None:
    text = (
        "Ruto expects trade with India to exceed $5 billion in 2026\n\n"
        "Kenyan President William Ruto met Indian Prime Minister Narendra Modi in New Delhi on Monday.\n"
    )
    assert _facts(text)["$5 billion"][1:] in (("IND", "KEN", 2026), ("KEN", "IND", 2026))


def test_investors_invest_and_a_countrys_investor_invests_in_it() -> None:
    text = (
        "Japan and Vietnam\n\nJapanese investors poured $4.5 billion into Vietnam in 2024.\n"
        "Japan is Vietnam’s third-largest investor, with $78 billion in registered capital.\n"
    )
    facts = _facts(text)
    assert facts["$4.5 billion"] == ("investment", "VNM", "JPN", 2024)
    assert facts["$78 billion"][:3] == ("investment", "VNM", "JPN")


def test_a_currency_sign_names_no_side_of_another_amount() -> None:
    # "US$" in the bracketed amount is a currency, not the United States
    text = (
        "Malaysia and Japan\n\nMalaysian Prime Minister Anwar Ibrahim met Japanese Prime Minister Shigeru "
        "Ishiba in Tokyo on Monday.\nAs of June 2024, the total recorded trade was RM100 billion "
        "(US$21 billion).\n"
    )
    facts = _facts(text)
    assert facts["RM100 billion"][1:3] in (("MYS", "JPN"), ("JPN", "MYS"))
    assert facts["US$21 billion"][1:3] == facts["RM100 billion"][1:3]


def test_a_place_with_its_kind_before_a_country_is_where_money_is_invested() -> None:
    text = (
        "Brazil and China\n\nBrazilian President Lula met Chinese President Xi Jinping in Beijing on Monday.\n"
        "The meat firm is to invest around $80 million in a plant in Hunan province, China.\n"
    )
    assert _facts(text)["$80 million"][:3] == ("investment", "CHN", "BRA")


# -- amounts -----------------------------------------------------------------------------------


def test_a_currency_word_repeating_the_sign_is_not_part_of_the_amount() -> None:
    text = "They aim for $5 billion dollars in trade, €3 billion euros in aid and 20 billion dollars in loans."
    assert [(text[s:e], cur) for s, e, _, cur in parse_amounts(text)] == [
        ("$5 billion", "USD"),
        ("€3 billion", "EUR"),
        ("20 billion dollars", "USD"),
    ]


def test_currencies_of_new_dyads_are_amounts() -> None:
    text = (
        "Exports reached AED 20 billion, KSh 50 billion, QAR 3 billion and EGP 7 billion, or 9 billion "
        "Egyptian pounds, 2 billion Saudi riyals and ₸500 billion."
    )
    assert [(text[s:e], cur) for s, e, _, cur in parse_amounts(text)] == [
        ("AED 20 billion", "AED"),
        ("KSh 50 billion", "KES"),
        ("QAR 3 billion", "QAR"),
        ("EGP 7 billion", "EGP"),
        ("9 billion Egyptian pounds", "EGP"),
        ("2 billion Saudi riyals", "SAR"),
        ("₸500 billion", "KZT"),
    ]


# -- round 9: classes of error on batch 8 (new dev pages), on sentences written for the test ----------


def test_a_figure_whose_sentence_names_no_side_takes_the_articles_two_the_more_named_holding_it() -> None:
    text = (
        "Chile and Norway\n\nChile’s salmon exports to Norway keep rising, Chile’s ministry said. Chile "
        "expects more. Norway buys copper too.\nExports rose 9% to $2 billion in 2024.\n"
    )
    assert _facts(text)["$2 billion"] == ("exports", "CHL", "NOR", 2024)
    # a global figure keeps no partner: its sentence names its holder
    text = "Chile and Norway\n\nChile and Norway talk.\nChile’s global trade surplus was $5 billion in 2024.\n"
    assert _facts(text)["$5 billion"] == ("balance", "CHL", None, 2024)


def test_a_holders_noun_phrase_may_say_foreign_and_its_mark_may_stand_alone() -> None:
    text = (
        "Peru and Chile\n\nPeru’s foreign trade surplus with Chile reached $1 billion in 2024.\n"
        "The Philippines’ exports to Chile were $2 billion in 2024.\n"
        "Officials pointed to the US’ $3 billion deficit with Chile in 2024.\n"
    )
    facts = _facts(text)
    assert facts["$1 billion"] == ("balance", "PER", "CHL", 2024)
    assert facts["$2 billion"] == ("exports", "PHL", "CHL", 2024)
    assert facts["$3 billion"] == ("balance", "USA", "CHL", 2024)


def test_a_date_written_as_digits_is_no_period() -> None:
    # a release's date line "2023-11-20" is when it was issued, not what its amounts are of
    text = "Peru’s exports to Chile hit $2 billion 2023-11-20\n\nPeru and Chile trade more.\n"
    assert _facts(text)["$2 billion"] == ("exports", "PER", "CHL", 2024)  # no period stated: the last full year


def test_last_year_as_the_comparison_is_not_the_period() -> None:
    text = (
        "Spain and Chile\n\nIn June alone, Spain’s exports to Chile fell by 40% compared to the same month last "
        "year, totalling only 50 million euros.\n"
    )
    assert _facts(text, dt.date(2025, 8, 19))["50 million euros"] == ("exports", "ESP", "CHL", 2025)


def test_a_by_year_after_a_past_verb_is_when_the_level_stood() -> None:
    text = "Peru and Chile\n\nPeru’s deficit with Chile, $1 billion in 2002, ballooned to $38 billion by 2022.\n"
    assert _facts(text)["$38 billion"] == ("balance", "PER", "CHL", 2022)


def test_an_amount_compared_with_one_of_a_year_is_of_the_year_after() -> None:
    text = (
        "Egypt and Peru\n\nEgypt’s imports from Peru totalled $12.9 billion, compared to $14.8 billion in 2022.\n"
        "Egypt’s exports to Peru were USD 2 billion versus USD 1.5 billion in 2021.\n"
    )
    facts = _facts(text)
    assert facts["$12.9 billion"] == ("imports", "EGY", "PER", 2023)
    assert facts["$14.8 billion"][3] == 2022
    assert facts["USD 2 billion"][3] == 2022
