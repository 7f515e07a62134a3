"""Rules of the article extractor that generalise, each found as a kind of error on the real
development half (tests/gold, `--half dev`) and tested here on sentences written for the test,
not copied from any article. Pure: no store, a gazetteer built in the test."""

from __future__ import annotations

import datetime as dt

from bilateral.loaders.article import Extraction, Gazetteer, KnownPerson, KnownTenure, parse_article

LEADERS = ("head_of_state", "head_of_government")


def _parse(text: str, published: dt.date | None = dt.date(2025, 3, 10)) -> Extraction:
    gaz = Gazetteer(
        people=(
            KnownPerson(
                "Donald Trump", tenures=(KnownTenure("USA", "President", LEADERS, start=dt.date(2025, 1, 20)),)
            ),
        )
    )
    return parse_article(text, published=published, gazetteer=gaz)


def _speakers(ex: Extraction) -> dict[str, str | None]:
    return {q.exact: q.speaker.name if q.speaker else None for q in ex.quotes}


def _facts(ex: Extraction) -> dict[str, tuple[str | None, str | None, str | None, int | None]]:
    return {f.exact: (f.metric, f.country, f.partner, f.year) for f in ex.figures}


MEETING = (
    "President Donald Trump met Japanese Prime Minister Shigeru Ishiba at the White House in Washington on Friday.\n"
)


# -- quotes ----------------------------------------------------------------------------------


def test_according_to_opening_a_sentence_names_the_speaker() -> None:
    ex = _parse(MEETING + "According to Ishiba, the two sides agreed “to work toward a fair trade relationship.”\n")
    assert _speakers(ex) == {"to work toward a fair trade relationship.": "Shigeru Ishiba"}


def test_called_and_hailed_introduce_the_subjects_words() -> None:
    ex = _parse(
        MEETING + "Ishiba called the meeting “a very great success” and “a new beginning for our alliance.”\n"
        "Trump hailed the talks as “the start of something big.”\n"
    )
    assert _speakers(ex) == {
        "a very great success": "Shigeru Ishiba",
        "a new beginning for our alliance.": "Shigeru Ishiba",
        "the start of something big.": "Donald Trump",
    }


def test_a_new_person_who_confirmed_is_named() -> None:
    ex = _parse(MEETING + "Japan’s chief negotiator Ryosei Akazawa confirmed “real progress on tariffs.”\n")
    assert _speakers(ex) == {"real progress on tariffs.": "Ryosei Akazawa"}


def test_a_headline_verb_in_the_present_introduces_the_quote() -> None:
    text = "Trump signals ‘very good chance’ of trade deal with Japan\n\n" + MEETING
    assert _speakers(_parse(text)) == {"very good chance": "Donald Trump"}


def test_the_president_is_the_one_the_text_titles_without_a_country() -> None:
    text = (
        "President Donald Trump met Chinese President Xi Jinping in Busan, South Korea, on Thursday, as the "
        "United States and China sought a truce.\n“We have agreed on fentanyl,” the president said.\n"
    )
    assert _speakers(_parse(text, dt.date(2025, 10, 31))) == {"We have agreed on fentanyl,": "Donald Trump"}


# -- people ------------------------------------------------------------------------------------


def test_titles_with_an_honorific_and_short_forms_name_their_people() -> None:
    text = (
        "Headline\n\nPrime Minister Sir Keir Starmer met President Donald Trump at the White House on "
        "Thursday. Australian PM Anthony Albanese and Treasurer Jim Chalmers were in Washington too, "
        "and the United States and Britain talked trade.\n"
    )
    offices = {p.ref.name: p.office for p in _parse(text).people}
    assert offices["Keir Starmer"] == "Prime Minister"
    assert offices["Anthony Albanese"] == "Prime Minister"
    assert offices["Jim Chalmers"] == "Treasurer"


def test_the_prime_minister_is_the_one_new_person_of_no_office_before_it() -> None:
    text = (
        "Headline\n\nDonald Trump and Sir Keir Starmer agreed to work on a trade deal after the Prime Minister "
        "offered a state visit, as the United States and Britain met at the White House.\n"
    )
    offices = {p.ref.name: p.office for p in _parse(text, dt.date(2025, 2, 28)).people}
    assert offices["Keir Starmer"] == "Prime Minister"


# -- figures: the year -------------------------------------------------------------------------


def test_a_year_right_after_an_amount_is_that_amounts() -> None:
    ex = _parse(
        "U.S. trade with Vietnam\n\nThe U.S. goods deficit with Vietnam reached $123.5 billion in 2024, up from "
        "$104.6 billion in 2023.\nImports of Chinese goods dropped to $427 billion in 2023 from $536 billion in 2022.\n"
    )
    facts = _facts(ex)
    assert facts["$123.5 billion"][3] == 2024
    assert facts["$104.6 billion"][3] == 2023
    assert facts["$427 billion"][3] == 2023
    assert facts["$536 billion"][3] == 2022


def test_a_year_that_belongs_to_another_amount_is_not_taken() -> None:
    ex = _parse(
        "U.S. trade with China\n\nSince tariffs in 2018, the U.S. goods deficit with China has fallen from a "
        "record $418 billion in 2018 to $295 billion this year.\n",
        published=dt.date(2025, 3, 10),
    )
    facts = _facts(ex)
    assert facts["$418 billion"][3] == 2018
    assert facts["$295 billion"][3] == 2025


# -- figures: the dyad -------------------------------------------------------------------------


def test_a_country_that_is_the_subject_of_a_verb_holds_no_balance() -> None:
    text = (
        "U.S. deficits\n\nThe U.S. goods deficit with China was $295 billion in 2024.\n"
        "Ireland and Germany account for nearly half of the deficit with the European Union, which was "
        "$235 billion in 2024.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$235 billion"] == ("balance", "USA", None, 2024)


def test_bilateral_trade_of_the_two_countries_is_the_articles_dyad() -> None:
    text = (
        "President Donald Trump met Indian Prime Minister Narendra Modi at the White House on Thursday.\n"
        "Bilateral trade between the two countries was $129 billion in 2024.\n"
    )
    metric, country, partner, year = _facts(_parse(text, dt.date(2025, 2, 14)))["$129 billion"]
    assert (metric, sorted((str(country), str(partner))), year) == ("trade", ["IND", "USA"], 2024)


# -- the meeting's participants ------------------------------------------------------------------


def test_people_at_the_event_are_participants_and_a_commentator_is_not() -> None:
    text = (
        "President Donald Trump hosted German Chancellor Friedrich Merz at the White House on Thursday.\n"
        "Vice President JD Vance and Secretary of State Marco Rubio were at the meeting.\n"
        "White House press secretary Karoline Leavitt said the talks were productive.\n"
        "Finance Minister Lars Klingbeil, who joined the talks, said Germany would respond.\n"
    )
    ex = _parse(text, dt.date(2025, 6, 6))
    assert ex.meeting is not None
    assert {p.name for p in ex.meeting.participants} == {
        "Donald Trump",
        "Friedrich Merz",
        "JD Vance",
        "Marco Rubio",
        "Lars Klingbeil",
    }


def test_a_former_leader_or_another_events_host_is_no_participant() -> None:
    text = (
        "President Donald Trump met Indian Prime Minister Narendra Modi at the White House on Thursday.\n"
        "Former President Joe Biden had hosted Modi for a state visit in June 2023.\n"
    )
    ex = _parse(text, dt.date(2025, 2, 14))
    assert ex.meeting is not None
    assert {p.name for p in ex.meeting.participants} == {"Donald Trump", "Narendra Modi"}
    assert ex.meeting.kind != "state visit"


def test_a_third_countrys_leader_who_comments_is_no_participant() -> None:
    text = (
        "Indian Prime Minister Narendra Modi held talks with President Donald Trump at the White House on "
        "Thursday, the first meeting since Trump's inauguration. Pakistan's Prime Minister Shehbaz Sharif "
        "criticised the visit.\n"
    )
    ex = _parse(text, dt.date(2025, 2, 14))
    assert ex.meeting is not None
    assert {p.name for p in ex.meeting.participants} == {"Donald Trump", "Narendra Modi"}


def test_the_subject_of_invest_is_the_investor() -> None:
    text = (
        "President Donald Trump met Indian Prime Minister Narendra Modi at the White House on Thursday.\n"
        "Australia has agreed to invest $1 billion in US critical minerals projects.\n"
        "Under the deal, Japan will invest $550 billion in the United States.\n"
    )
    facts = _facts(_parse(text, dt.date(2025, 2, 14)))
    assert facts["$1 billion"][:3] == ("investment", "USA", "AUS")
    assert facts["$550 billion"][:3] == ("investment", "USA", "JPN")
    pledge = text.replace("Under the deal, Japan will invest", "Japan pledged").replace(
        "$550 billion in the", "$550 billion in investment in the"
    )
    assert _facts(_parse(pledge, dt.date(2025, 2, 14)))["$550 billion"][:3] == ("investment", "USA", "JPN")


def test_goods_trade_and_traded_are_the_trade_metric() -> None:
    text = (
        "U.S. trade\n\nThe US is India's largest trading partner, with goods trade of $129.2 billion in 2024.\n"
        "The US and China traded goods worth $690 billion in 2022.\n"
    )
    facts = {exact: (m, *sorted(str(c) for c in (a, b)), y) for exact, (m, a, b, y) in _facts(_parse(text)).items()}
    assert facts["$129.2 billion"] == ("trade", "IND", "USA", 2024)  # trade has no direction
    assert facts["$690 billion"] == ("trade", "CHN", "USA", 2022)


def test_a_blocs_balance_has_no_country_holder() -> None:
    text = (
        "President Donald Trump met Indian Prime Minister Narendra Modi at the White House on Thursday.\n"
        "The European Union's trade surplus with the US was €198 billion in 2024.\n"
    )
    facts = _facts(_parse(text, dt.date(2025, 2, 14)))
    assert facts["€198 billion"] == ("balance", None, "USA", 2024)


def test_a_figure_with_no_period_takes_the_year_of_the_same_dyads_next_figures() -> None:
    text = (
        "Japan's surplus\n\nOfficials in Washington have taken issue with Japan's 9 trillion yen trade surplus "
        "with the U.S., but options for eliminating it are few.\nJapan exported 21.6 trillion yen in goods to "
        "the U.S. in fiscal 2024 and imported 12.6 trillion yen's worth.\n"
    )
    facts = _facts(_parse(text, published=None))
    assert facts["9 trillion yen"] == ("balance", "JPN", "USA", 2024)


def test_people_who_were_at_the_event_are_participants() -> None:
    text = (
        "President Donald Trump hosted German Chancellor Friedrich Merz at the White House on Thursday.\n"
        "Tariffs were not raised, even though Vice President JD Vance and Secretary of State Marco Rubio "
        "were at the event.\n"
    )
    ex = _parse(text, dt.date(2025, 6, 6))
    assert ex.meeting is not None
    assert {p.name for p in ex.meeting.participants} == {"Donald Trump", "Friedrich Merz", "JD Vance", "Marco Rubio"}


def test_local_time_after_the_day_is_no_dateline() -> None:
    text = (
        "Modi in Washington\n\nIndian Prime Minister Narendra Modi, on a two-day visit to Washington, held talks "
        "with President Donald Trump on Thursday (local time). The United States and India discussed trade.\n"
    )
    ex = _parse(text, dt.date(2025, 2, 14))
    assert ex.meeting is not None
    assert ex.meeting.date == dt.date(2025, 2, 13)


def test_chinese_imports_are_imports_from_china() -> None:
    text = (
        "President Donald Trump met Chinese President Xi Jinping in Busan on Thursday, as the United States "
        "and China sought a truce.\nAmericans bought $438.9 billion of Chinese imports in 2024.\n"
    )
    facts = _facts(_parse(text, dt.date(2025, 10, 31)))
    assert facts["$438.9 billion"] == ("imports", "USA", "CHN", 2024)


def test_talks_elsewhere_or_earlier_lend_no_participants() -> None:
    text = (
        "President Donald Trump met Chinese President Xi Jinping in Busan on Thursday, as the United States "
        "and China sought a truce.\nThe meeting followed talks in Kuala Lumpur between Treasury Secretary "
        "Scott Bessent and Vice Premier He Lifeng.\nDuring his first term, Trump also met Premier Li Qiang.\n"
    )
    ex = _parse(text, dt.date(2025, 10, 31))
    assert ex.meeting is not None
    assert {p.name for p in ex.meeting.participants} == {"Donald Trump", "Xi Jinping"}


def test_a_minister_accompanying_a_leader_is_a_participant() -> None:
    text = (
        "President Donald Trump met Indian Prime Minister Narendra Modi at the White House on Thursday.\n"
        "Modi was accompanied by External Affairs Minister Subrahmanyam Jaishankar.\n"
    )
    ex = _parse(text, dt.date(2025, 2, 14))
    assert ex.meeting is not None
    assert {p.name for p in ex.meeting.participants} == {"Donald Trump", "Narendra Modi", "Subrahmanyam Jaishankar"}


def test_a_next_paragraph_quote_continues_after_told_someone() -> None:
    text = (
        MEETING + "“I value our conversation. We must understand each other clearly,” Trump told Ishiba.\n"
        "“We have to ensure that competition does not veer into conflict.”\n"
    )
    assert _speakers(_parse(text))["We have to ensure that competition does not veer into conflict."] == "Donald Trump"


def test_exporting_is_exports_and_a_change_over_a_year_is_not_of_that_year() -> None:
    text = (
        "U.S.-China trade\n\nThe U.S. imported goods worth $438.9 billion from China in 2024, while exporting "
        "$143.5 billion.\nThe U.S. goods deficit with China was $295.4 billion in 2024, a 5.8% increase "
        "($16.3 billion) over 2023.\n"
    )
    facts = _facts(_parse(text, published=None))
    assert facts["$143.5 billion"] == ("exports", "USA", "CHN", 2024)
    assert facts["$16.3 billion"][3] == 2024


def test_a_later_sentence_saying_the_first_since_a_year_is_the_same_meeting() -> None:
    text = (
        "Trump and Xi meet\n\nPresident Donald Trump met Chinese President Xi Jinping, as the United States "
        "and China sought a truce.\nThe meeting in Busan on Thursday was their first since 2019.\n"
    )
    ex = _parse(text, dt.date(2025, 10, 31))
    assert ex.meeting is not None
    assert ex.meeting.date == dt.date(2025, 10, 30)


def test_people_of_an_introductory_phrase_are_no_participants() -> None:
    for opening in (
        "Following his meeting with Elon Musk",
        "Like Israeli Prime Minister Benjamin Netanyahu before him",
    ):
        text = (
            f"Headline\n\n{opening}, Indian Prime Minister Narendra Modi held talks with President Donald Trump "
            "at the White House on Thursday. The United States and India discussed trade.\n"
        )
        ex = _parse(text, dt.date(2025, 2, 14))
        assert ex.meeting is not None
        assert ({p.name for p in ex.meeting.participants}, ex.meeting.countries) == (
            {"Donald Trump", "Narendra Modi"},
            ("IND", "USA"),
        )


# -- round 3: the known dev misses and batch 3's dev half ------------------------------------


def test_a_capitalised_menu_line_is_no_person() -> None:
    text = (
        "Premium access. Insightful Columns, Expert Analysis and Member Benefits\n"
        "President Donald Trump met Japanese Prime Minister Shigeru Ishiba at the White House on Friday.\n"
    )
    ex = _parse(text)
    assert "Insightful Columns" not in {p.ref.name for p in ex.people}
    assert ex.meeting is not None and "Insightful Columns" not in {p.name for p in ex.meeting.participants}


def test_a_verb_opening_a_quote_is_not_part_of_the_name_after_it() -> None:
    text = (
        "Commerce Minister Piyush Goyal met Nooruddin Azizi, Afghanistan’s trade minister, in New Delhi on Monday.\n"
        "Goyal wrote, “Met Nooruddin Azizi, Afghan trade minister, today.”\n"
        "“We are exploring trade and investment together,” Azizi said.\n"
    )
    ex = _parse(text)
    assert "Met Nooruddin Azizi" not in {p.ref.name for p in ex.people}
    assert _speakers(ex)["We are exploring trade and investment together,"] == "Nooruddin Azizi"


def test_titles_joined_by_and_and_a_union_minister_are_whole_offices() -> None:
    text = (
        "Union Minister Piyush Goyal met Nooruddin Azizi, Afghanistan’s Minister of Industry and Commerce, "
        "in New Delhi on Monday.\nJapan’s Minister of Economy, Trade and Industry Yoji Muto also spoke.\n"
    )
    offices = {p.ref.name: p.office for p in _parse(text).people}
    assert offices["Piyush Goyal"] == "Union Minister"
    assert offices["Nooruddin Azizi"] == "Minister of Industry and Commerce"
    assert offices["Yoji Muto"] == "Minister of Economy, Trade and Industry"


def test_quoted_someone_as_saying_names_the_speaker() -> None:
    text = (
        "Iranian President Ebrahim Raisi met Prime Minister Shehbaz Sharif in Islamabad on Monday.\n"
        "“The whole nation welcomes our guest from Tehran,” state radio quoted Sharif as saying.\n"
    )
    assert _speakers(_parse(text)) == {"The whole nation welcomes our guest from Tehran,": "Shehbaz Sharif"}


def test_a_quote_paragraph_after_someone_said_that_is_theirs() -> None:
    text = (
        "Iranian President Ebrahim Raisi met Prime Minister Shehbaz Sharif in Islamabad on Monday.\n\n"
        "In his speech, Sharif said that the two sides discussed border security.\n\n"
        "“This is a chance to make our friendship a lasting one.”\n"
    )
    assert _speakers(_parse(text)) == {"This is a chance to make our friendship a lasting one.": "Shehbaz Sharif"}


def test_a_phrase_quoted_at_the_end_of_long_reported_speech_is_the_speakers() -> None:
    text = (
        "Mexican President Claudia Sheinbaum spoke with President Donald Trump by phone on Thursday.\n"
        "Sheinbaum said her government had proposed looking for ways for the two neighbours to sell and buy "
        "much more from each other “for the good of both nations.”\n"
    )
    assert _speakers(_parse(text)) == {"for the good of both nations.": "Claudia Sheinbaum"}


def test_trade_between_our_two_countries_is_the_articles_dyad() -> None:
    text = (
        "Iranian President Ebrahim Raisi met Pakistani Prime Minister Shehbaz Sharif in Islamabad on Monday.\n"
        "“We will raise trade between our two countries to $10 billion,” Raisi said.\n"
    )
    metric, country, partner, _ = _facts(_parse(text))["$10 billion"]
    assert (metric, sorted((str(country), str(partner)))) == ("trade", ["IRN", "PAK"])


def test_he_as_a_name_is_no_pronoun() -> None:
    text = (
        "President Donald Trump met Chinese Vice Premier He Lifeng in Washington on Monday.\n"
        "“Both sides made real progress on tariffs,” He Lifeng told reporters.\n"
        "He Lifeng said: “We hope for a stable relationship with the United States.”\n"
    )
    assert _speakers(_parse(text)) == {
        "Both sides made real progress on tariffs,": "He Lifeng",
        "We hope for a stable relationship with the United States.": "He Lifeng",
    }


def test_a_bare_president_in_a_headline_is_the_president() -> None:
    text = (
        "Ishiba tells Trump tariffs must go, president calls him a ‘very tough negotiator’\n"
        "Japanese Prime Minister Shigeru Ishiba met U.S. President Donald Trump at the White House on Friday.\n"
    )
    assert _speakers(_parse(text)) == {"very tough negotiator": "Donald Trump"}


def test_a_letters_words_are_its_signers() -> None:
    text = (
        "Headline\n\nPresident Donald Trump met Japanese Prime Minister Shigeru Ishiba at the White House.\n"
        "The letter, signed by Ishiba, said that ‘our two nations stand together’.\n"
        "‘I would welcome a chance to discuss our trade relationship in person,’ it added.\n"
    )
    assert _speakers(_parse(text)) == {
        "our two nations stand together": "Shigeru Ishiba",
        "I would welcome a chance to discuss our trade relationship in person,": "Shigeru Ishiba",
    }


def test_list_items_speak_for_the_subject_before_the_colon() -> None:
    text = (
        "Headline\n\nPresident Donald Trump met Japanese Prime Minister Shigeru Ishiba at the White House.\n"
        "Instead the US president:\n"
        "– Praised Ishiba as a ‘great leader’, saying ‘we will do a very big deal together’.\n"
        "– Said of Japan: ‘They have been very good partners to us.’\n"
    )
    assert _speakers(_parse(text)) == {
        "we will do a very big deal together": "Donald Trump",
        "They have been very good partners to us.": "Donald Trump",
    }


def test_photo_credits_and_an_all_caps_byline_name_no_person() -> None:
    # a credit names no person of the article (tests/gold/README.md, the annotators' decision)
    text = (
        "Cars at a dealership in the U.S. (Photo by Keiko Sato)\n\nTARO YAMADA\n\n"
        "TOKYO -- President Donald Trump met Japanese Prime Minister Shigeru Ishiba on Friday.\n"
    )
    ex = _parse(text)
    assert {p.ref.name for p in ex.people} == {"Donald Trump", "Shigeru Ishiba"}
    assert ex.meeting is not None and {p.name for p in ex.meeting.participants} == {"Donald Trump", "Shigeru Ishiba"}


def test_having_spoken_with_a_counterpart_is_a_call() -> None:
    text = (
        "Mexico and US to keep talking\n\nMexican President Claudia Sheinbaum said that she had spoken with "
        "her US counterpart Donald Trump, and that they agreed to keep working on trade.\n"
    )
    ex = _parse(text, dt.date(2025, 5, 2))
    assert ex.meeting is not None
    assert {p.name for p in ex.meeting.participants} == {"Claudia Sheinbaum", "Donald Trump"}
    assert ex.meeting.countries == ("MEX", "USA")


def test_the_pm_and_the_union_minister_are_the_people_so_titled() -> None:
    text = (
        "Union Minister Piyush Goyal met Prime Minister Shehbaz Sharif in Islamabad on Monday.\n"
        "“Our talks were frank and useful,” the Union Minister said.\n"
        "“The whole nation welcomes the visit,” state radio quoted the PM as saying.\n"
    )
    assert _speakers(_parse(text)) == {
        "Our talks were frank and useful,": "Piyush Goyal",
        "The whole nation welcomes the visit,": "Shehbaz Sharif",
    }


def test_the_trade_volume_between_two_countries_is_trade() -> None:
    text = (
        "Iranian President Ebrahim Raisi met Pakistani Prime Minister Shehbaz Sharif in Islamabad on Monday.\n"
        "Raisi said the aim was to raise the trade volume between the two countries to $10 billion.\n"
    )
    metric, country, partner, _ = _facts(_parse(text))["$10 billion"]
    assert (metric, sorted((str(country), str(partner)))) == ("trade", ["IRN", "PAK"])


def test_a_countrys_president_is_not_a_new_president_of_no_stated_country() -> None:
    text = (
        "Headline\n\nPrime Minister Keir Starmer met President Donald Trump at the White House on Thursday.\n"
        "Trump had lately criticised Ukraine, calling its president Volodymyr Zelensky a dictator.\n"
        "But the US president said: “We will get a deal done with the UK.”\n"
    )
    ex = _parse(text, dt.date(2025, 2, 28))
    assert _speakers(ex) == {"We will get a deal done with the UK.": "Donald Trump"}


def test_a_country_that_ran_or_recorded_a_balance_holds_it() -> None:
    text = (
        "Trade figures\n\nThe U.S. recorded a $30.2 billion trade surplus with Australia in 2024.\n"
        "Canada posted a goods deficit of C$5.4 billion with Mexico in 2023.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$30.2 billion"] == ("balance", "USA", "AUS", 2024)
    assert facts["C$5.4 billion"] == ("balance", "CAN", "MEX", 2023)


def test_bought_and_sold_are_imports_and_exports() -> None:
    text = (
        "Trade figures\n\nChina bought $12.8 billion of US soybeans in 2024.\n"
        "Brazil sold $40 billion of goods to the United States in 2023.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$12.8 billion"] == ("imports", "CHN", "USA", 2024)
    assert facts["$40 billion"] == ("exports", "BRA", "USA", 2023)


def test_a_title_head_that_ends_a_name_is_a_surname() -> None:
    text = (
        "Headline\n\nPresident Donald Trump met Australian Prime Minister Anthony Albanese on Monday.\n"
        "Resources Minister Madeleine King said the deal would “unlock investment in our mines.”\n"
    )
    ex = _parse(text)
    assert {p.ref.name: p.office for p in ex.people}["Madeleine King"] == "Resources Minister"
    assert _speakers(ex)["unlock investment in our mines."] == "Madeleine King"


def test_advisers_directors_and_described_people_are_named() -> None:
    text = (
        "Headline\n\nIndian Prime Minister Narendra Modi met President Donald Trump at the White House on Thursday.\n"
        "Modi also met National Security Advisor Mike Waltz and billionaire Elon Musk.\n"
        "“The talks went well,” said Director of National Intelligence Tulsi Gabbard.\n"
    )
    ex = _parse(text, dt.date(2025, 2, 14))
    offices = {p.ref.name: p.office for p in ex.people}
    assert offices["Mike Waltz"] == "National Security Advisor"
    assert offices["Elon Musk"] is None
    assert _speakers(ex) == {"The talks went well,": "Tulsi Gabbard"}


def test_both_countries_of_a_hyphenated_pair_are_named() -> None:
    text = (
        "Trade\n\nThe U.S.-China trade deficit fell to $295 billion in 2024.\n"
        "US-Japan trade totalled $230 billion in 2023.\n"
    )
    ex = _parse(text)
    assert {c.country for c in ex.countries} == {"USA", "CHN", "JPN"}
    facts = _facts(ex)
    assert facts["$295 billion"] == ("balance", "USA", "CHN", 2024)
    metric, a, b, year = facts["$230 billion"]
    assert (metric, sorted((str(a), str(b))), year) == ("trade", ["JPN", "USA"], 2023)


def test_indian_amounts_in_crore_and_lakh_crore() -> None:
    text = (
        "Trade\n\nThe plant will cost Rs 22,516 crore, and the state will add ₹1.2 lakh crore in support.\n"
        "The two sides aim to more than double trade to USD 500 billion by 2030.\n"
    )
    ex = _parse(text)
    amounts = {f.exact: f.amount for f in ex.figures}
    assert amounts["Rs 22,516 crore"] == 225_160_000_000
    assert amounts["₹1.2 lakh crore"] == 1_200_000_000_000
    assert _facts(ex)["USD 500 billion"][0] == "trade"


def test_was_quoted_as_saying_to_say_and_a_dash_name_the_speaker() -> None:
    text = (
        "Headline\n\nPresident Donald Trump met Australian Prime Minister Anthony Albanese at the White House.\n"
        "“It is a good day for both of our countries,” Albanese was quoted as saying.\n"
        "Trump took to social media to say, “Australia is a great partner of ours.”\n"
        "“This will be a very good relationship” – Albanese.\n"
    )
    assert _speakers(_parse(text)) == {
        "It is a good day for both of our countries,": "Anthony Albanese",
        "Australia is a great partner of ours.": "Donald Trump",
        "This will be a very good relationship": "Anthony Albanese",
    }


def test_and_that_after_a_short_quoted_phrase_continues_its_speaker() -> None:
    text = (
        "Headline\n\nPresident Donald Trump met Japanese Prime Minister Shigeru Ishiba at the White House.\n"
        "In a post on X, Ishiba wrote that he had a “very fruitful” exchange and that “our two countries "
        "will lead the world.”\n"
    )
    assert _speakers(_parse(text)) == {"our two countries will lead the world.": "Shigeru Ishiba"}


def test_a_meeting_in_a_where_clause_and_an_earlier_one_elsewhere() -> None:
    text = (
        "Headline\n\nAustralian Prime Minister Anthony Albanese visited Washington, where he met President "
        "Donald Trump on Monday.\nHe had earlier met Canadian Prime Minister Mark Carney in Ottawa.\n"
    )
    ex = _parse(text, dt.date(2025, 10, 21))
    assert ex.meeting is not None
    assert ex.meeting.countries == ("AUS", "USA")
    assert {p.name for p in ex.meeting.participants} == {"Anthony Albanese", "Donald Trump"}


def test_list_items_and_a_pronoun_take_the_figure_before_them() -> None:
    text = (
        "Trade\n\nIn 2023, Canada exported $420 billion of goods to the US. The largest categories were:\n"
        "- Crude oil: $98.2bn\n- Cars: $40.1bn\n"
        "The U.S. goods deficit with Canada peaked at $77 billion in 2022. By 2024 it had fallen to $63 billion.\n"
    )
    facts = _facts(_parse(text, published=None))
    assert facts["$98.2bn"] == ("exports", "CAN", "USA", 2023)
    assert facts["$40.1bn"] == ("exports", "CAN", "USA", 2023)
    assert facts["$63 billion"] == ("balance", "USA", "CAN", 2024)


def test_an_amount_in_brackets_after_a_country_is_that_countrys() -> None:
    text = (
        "Trade\n\nThe largest U.S. goods deficit in 2024 was with China, ahead of Mexico ($172 billion) and "
        "Vietnam ($123 billion).\n"
    )
    facts = _facts(_parse(text, published=None))
    assert facts["$172 billion"] == ("balance", "USA", "MEX", 2024)
    assert facts["$123 billion"] == ("balance", "USA", "VNM", 2024)


def test_a_company_title_before_a_name_is_no_part_of_it() -> None:
    text = (
        "Headline\n\nIndian Prime Minister Narendra Modi met President Donald Trump at the White House on Thursday.\n"
        "“We are excited to build in India,” said Acme CEO Jane Roe.\n"
        "Globex President and CEO John Smith said the plant would “create thousands of jobs.”\n"
    )
    ex = _parse(text)
    assert {"Jane Roe", "John Smith"} <= {p.ref.name for p in ex.people}
    assert _speakers(ex) == {
        "We are excited to build in India,": "Jane Roe",
        "create thousands of jobs.": "John Smith",
    }


def test_the_us_president_is_the_one_the_article_names() -> None:
    text = (
        "Headline\n\nPresident Joe Biden met Chinese President Xi Jinping in Woodside on Wednesday.\n"
        "“We’re going to work together,” the U.S. president told reporters.\n"
    )
    ex = _parse(text)
    assert _speakers(ex) == {"We’re going to work together,": "Joe Biden"}
    assert ex.meeting is not None and "Donald Trump" not in {p.name for p in ex.meeting.participants}


def test_talks_with_one_person_and_no_place_are_no_meeting() -> None:
    text = (
        "Japan reports a $63 billion trade surplus with the US as it talks with Trump on tariffs\n\n"
        "TOKYO — Japan’s exports to the U.S. rose 3.1% to 21.3 trillion yen in the fiscal year to March.\n"
    )
    assert _parse(text).meeting is None


def test_a_lower_case_office_with_and_is_whole() -> None:
    text = (
        "Headline\n\nIndian Prime Minister Narendra Modi met President Donald Trump at the White House on Thursday.\n"
        "Piyush Goyal, India’s commerce and industry minister, said: “We are in no hurry.”\n"
    )
    offices = {p.ref.name: p.office for p in _parse(text).people}
    assert offices["Piyush Goyal"] == "Commerce and Industry Minister"


def test_more_verbs_of_speech_and_as_someone_put_it() -> None:
    text = (
        "Headline\n\nCanadian Prime Minister Mark Carney met President Donald Trump at the White House on Tuesday.\n"
        "“I’m a very good person,” Trump mused, before turning to tariffs.\n"
        "Carney fired back that Canada “will never be for sale.”\n"
        "As Trump put it, “Never say never.”\n"
        "“We have a lot of work to do together,” Carney recounted.\n"
    )
    assert _speakers(_parse(text)) == {
        "I’m a very good person,": "Donald Trump",
        "will never be for sale.": "Mark Carney",
        "Never say never.": "Donald Trump",
        "We have a lot of work to do together,": "Mark Carney",
    }


def test_an_opening_phrase_holds_no_subject_and_that_clauses_continue() -> None:
    text = (
        "Headline\n\nIndian Prime Minister Narendra Modi met President Donald Trump at the White House on Thursday.\n"
        "Speaking alongside Modi, Trump said India would buy more American oil and gas, adding, "
        "“We are going to sell them a lot.”\n"
        "Modi said in a post on X that the talks were “excellent” and that India and the US would "
        "“work together for a prosperous future.”\n"
    )
    assert _speakers(_parse(text)) == {
        "We are going to sell them a lot.": "Donald Trump",
        "work together for a prosperous future.": "Narendra Modi",
    }


# -- round 4: error classes of the dev half, batch 4 added --------------------------------------

OSLO_MEETING = "Norwegian Prime Minister Ola Berg met President Donald Trump at the White House on Tuesday.\n"


def test_the_speaker_after_the_quote_may_be_followed_by_when_or_where() -> None:
    # "“...” in the talks, X said after the meeting.": the words after the verb say when, not what
    text = (
        "Headline\n\n" + OSLO_MEETING + "The visit “opened a new chapter” in the partnership, Berg said after the "
        "lunch with the president.\n"
        "“We will build on it,” in his view, Trump said at a later briefing.\n"
    )
    assert _speakers(_parse(text)) == {
        "opened a new chapter": "Ola Berg",
        "We will build on it,": "Donald Trump",
    }


def test_a_short_phrase_between_the_quote_and_the_sentences_speaker_does_not_hide_him() -> None:
    # the two-word phrase is no quote of its own, so the sentence's closing "X said" speaks for both
    text = (
        "Headline\n\n" + OSLO_MEETING + "“We expect both sides to keep their word” and to “act fast” on the "
        "fisheries rules, Mr Berg said.\n"
    )
    assert _speakers(_parse(text)) == {"We expect both sides to keep their word": "Ola Berg"}


def test_a_quote_after_a_dash_explains_the_phrase_before_it() -> None:
    text = (
        "Headline\n\n" + OSLO_MEETING + "On energy, Berg said the two countries share the “same aims” – “to keep "
        "prices low and supplies steady for our industries”.\n"
    )
    assert _speakers(_parse(text)) == {"to keep prices low and supplies steady for our industries": "Ola Berg"}


def test_speech_acts_appeal_thank_and_refer_to_as_introduce_the_subjects_words() -> None:
    text = (
        "Headline\n\n" + OSLO_MEETING + "Last year, Berg appealed to the president to “keep the tariffs off our "
        "fish”, without success.\n"
        "Berg thanked Trump for agreeing to a return visit to Oslo “early next spring.”\n"
        "Trump also referred to the salmon deal as “a very big win for both.”\n"
    )
    assert _speakers(_parse(text)) == {
        "keep the tariffs off our fish": "Ola Berg",
        "early next spring.": "Ola Berg",
        "a very big win for both.": "Donald Trump",
    }


def test_the_president_is_the_one_named_before_even_when_his_country_is_not() -> None:
    # the text names no United States, but it named President Donald Trump before "the president"
    text = "Headline\n\n" + OSLO_MEETING + "“Norway is a great country,” the president said.\n"
    assert _speakers(_parse(text)) == {"Norway is a great country,": "Donald Trump"}


def test_the_premier_is_the_prime_minister() -> None:
    text = "Headline\n\n" + OSLO_MEETING + "“Our fish are the best in the world,” the Norwegian premier said.\n"
    assert _speakers(_parse(text)) == {"Our fish are the best in the world,": "Ola Berg"}


def test_trade_from_the_current_amount_is_trade_of_both_countries_this_year() -> None:
    text = (
        "Headline\n\nNorway and Canada signed a fisheries pact on Monday.\n"
        "The two countries plan to double their trade from the current $12 billion.\n"
    )
    metric, country, partner, year = _facts(_parse(text))["$12 billion"]
    assert (metric, {country, partner}, year) == ("trade", {"CAN", "NOR"}, 2025)


def test_people_someone_is_yet_to_meet_are_no_participants() -> None:
    text = (
        "Headline\n\nCanadian Prime Minister Mark Carney met Norwegian Trade Minister Erik Holm in Oslo on Sunday.\n"
        "Carney is expected to tour a shipyard in Bergen on Monday before flying back to the capital to meet "
        "Prime Minister Ola Berg.\n"
    )
    meeting = _parse(text, published=dt.date(2025, 3, 9)).meeting
    assert meeting is not None
    assert {p.name for p in meeting.participants} == {"Mark Carney", "Erik Holm"}


def test_a_leader_named_only_as_one_to_meet_later_is_no_side_of_the_meeting() -> None:
    text = (
        "Headline\n\nOSLO Canadian Prime Minister Mark Carney arrived in Norway on Sunday for a visit focusing on "
        "trade. Carney is also expected to tour a shipyard in Bergen during his three-day visit, before heading to "
        "the capital Oslo to meet King Harald and Prime Minister Ola Berg.\n"
    )
    meeting = _parse(text, published=dt.date(2025, 3, 9)).meeting
    assert meeting is None or [p.name for p in meeting.participants] == ["Mark Carney"]


def test_a_visit_to_a_country_by_one_named_person_is_still_a_visit() -> None:
    # the visitor is the one person named at it; the country visited makes it bilateral
    text = (
        "Headline\n\nCanadian Prime Minister Mark Carney arrived in Norway on Sunday for a visit focusing on "
        "fish and gas.\n"
    )
    meeting = _parse(text, published=dt.date(2025, 3, 9)).meeting
    assert meeting is not None and meeting.countries == ("CAN", "NOR")
    assert [p.name for p in meeting.participants] == ["Mark Carney"]


def test_people_of_an_as_clause_or_of_a_separate_meeting_are_no_participants() -> None:
    for later in (
        "The meeting came as Norwegian Trade Minister Erik Holm negotiated in Geneva with Commerce Secretary "
        "Howard Lutnick.\n",
        "Berg also met House Speaker Mike Johnson on Capitol Hill.\n",
    ):
        meeting = _parse("Headline\n\n" + OSLO_MEETING + later).meeting
        assert meeting is not None
        assert {p.name for p in meeting.participants} == {"Ola Berg", "Donald Trump"}, later


def test_a_demonym_as_a_noun_before_a_verb_of_speech_is_that_countrys_person() -> None:
    text = "Headline\n\n" + OSLO_MEETING + "“We never rule anything out,” the Norwegian told reporters.\n"
    assert _speakers(_parse(text)) == {"We never rule anything out,": "Ola Berg"}


def test_trade_of_a_sentence_naming_no_country_is_the_articles_dyad() -> None:
    text = (
        "Headline\n\nCanadian Prime Minister Mark Carney met Norwegian Prime Minister Ola Berg in Oslo on Monday.\n"
        "Trade between the countries totalled $5 billion last year.\n"
        "Trade reached $6 billion in 2022, before falling.\n"
        "Global trade is worth far more, at $30 trillion in 2024.\n"
    )
    facts = _facts(_parse(text))
    for amount, year in (("$5 billion", 2024), ("$6 billion", 2022)):
        metric, country, partner, when = facts[amount]
        assert (metric, {country, partner}, when) == ("trade", {"CAN", "NOR"}, year), amount
    assert facts["$30 trillion"][1:3] == (None, None)


def test_a_by_line_of_two_names_and_a_name_slash_agency_credit_name_no_person() -> None:
    text = (
        "Berg and Trump shake hands before talks at the White House. Kari Lund/Pool via AFP\n\n"
        "By Nils Dahl and Sara Moe\n\n"
        "Ivar Strand / The Oslo Daily\n\nPer Moen | Reuters\n\n" + OSLO_MEETING
    )
    names = {p.ref.name for p in _parse(text).people}
    assert names & {"Kari Lund", "Nils Dahl", "Sara Moe", "Ivar Strand", "Per Moen"} == set()
    assert "Ola Berg" in names


def test_a_full_date_beside_both_participants_dates_a_meeting_whose_sentences_give_none() -> None:
    text = (
        "Carney and Berg attend a fisheries forum on March 5, 2025, in Oslo. Kari Lund/Pool via AFP\n\n"
        "Canadian Prime Minister Mark Carney held talks with Norwegian Prime Minister Ola Berg in Oslo.\n"
    )
    meeting = _parse(text, published=dt.date(2025, 3, 6)).meeting
    assert meeting is not None and meeting.date == dt.date(2025, 3, 5)


def test_a_title_of_a_country_before_a_name_is_the_office_of_that_country() -> None:
    text = "Headline\n\nPrime Minister of Norway Ola Berg met President Donald Trump at the White House on Tuesday.\n"
    people = {p.ref.name: (p.office, p.country) for p in _parse(text).people}
    assert people["Ola Berg"] == ("Prime Minister", "NOR")


def test_between_a_and_b_is_of_its_own_clause_and_with_a_country_exporting_is_the_exporter() -> None:
    text = (
        "Headline\n\nCanadian Prime Minister Mark Carney met Norwegian Prime Minister Ola Berg in Oslo on Monday.\n"
        "Goods trade between Canada and Norway was $6.6 billion in 2024, with Norway exporting $4.8 billion.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$4.8 billion"] == ("exports", "NOR", "CAN", 2024)
    assert facts["$6.6 billion"][0] == "trade" and set(facts["$6.6 billion"][1:3]) == {"CAN", "NOR"}


def test_a_year_earlier_after_another_amount_is_the_year_before_that_amounts() -> None:
    text = (
        "Headline\n\nCanadian Prime Minister Mark Carney met Norwegian Prime Minister Ola Berg in Oslo on Monday.\n"
        "Canada’s deficit with Norway narrowed to $1.8 billion in 2022 from $2.1 billion a year earlier.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$1.8 billion"] == ("balance", "CAN", "NOR", 2022)
    assert facts["$2.1 billion"] == ("balance", "CAN", "NOR", 2021)


def test_she_is_a_woman_named_before_rather_than_a_nearer_man_of_unknown_gender() -> None:
    text = (
        "Headline\n\nPresident Donald Trump met Norwegian Prime Minister Ola Berg at the White House on Tuesday.\n"
        "Ms Berg had come to talk about fish.\n"
        "Trump called the talks good.\n"
        "“We will sell you more salmon,” she said.\n"
    )
    assert _speakers(_parse(text)) == {"We will sell you more salmon,": "Ola Berg"}


def test_talks_called_for_hoped_for_or_last_held_years_ago_are_no_meeting() -> None:
    for text in (
        "China imposed tariffs on $2 billion of Norwegian salmon on Saturday. Norwegian Prime Minister Ola Berg "
        "said the move was unfair and called for talks with Chinese President Xi Jinping.\n",
        "Canadian Prime Minister Mark Carney has said he is open to a meeting with Chinese Premier Li Qiang.\n",
        "Chinese President Xi Jinping and President Donald Trump last met in 2019 in Osaka.\n",
    ):
        assert _parse("Headline\n\n" + text).meeting is None, text


def test_names_with_two_particles_and_people_described_by_their_trade_or_their_institution() -> None:
    text = (
        "Headline\n\n" + OSLO_MEETING + "“It’s a big step,” Ursula von der Leyen, president of the European "
        "Commission, said.\n"
        "Political scientist Jane Roe said the visit was “a big step for both.”\n"
        "Erik Holm of the Norwegian Seafood Council said the deal was “good for our fishermen.”\n"
    )
    assert _speakers(_parse(text)) == {
        "It’s a big step,": "Ursula von der Leyen",
        "a big step for both.": "Jane Roe",
        "good for our fishermen.": "Erik Holm",
    }


def test_a_hyphenated_title_and_a_name_set_off_by_commas_before_said_are_people() -> None:
    text = (
        "Headline\n\n" + OSLO_MEETING + "UN Secretary-General Ana Lima welcomed the talks.\n"
        "Norway’s top fisheries negotiator, Kari Nordmann, said the talks were “long but useful.”\n"
    )
    ex = _parse(text)
    assert {"Ana Lima", "Kari Nordmann"} <= {p.ref.name for p in ex.people}
    assert _speakers(ex) == {"long but useful.": "Kari Nordmann"}


# -- round 5 ---------------------------------------------------------------------------------

SANTIAGO_MEETING = "Chilean President Ana Soto met Norwegian Prime Minister Ola Berg in Santiago on Monday.\n"


def test_a_scale_or_currency_joined_by_a_hyphen_is_part_of_the_amount() -> None:
    # "a US$3-billion fund", "a 900‑billion‑yen swap" (U+2011, the non-breaking hyphen)
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Norway pledged a US$3-billion fund for Chilean ports, and the central "
        "banks renewed a 900\u2011billion\u2011yen swap line.\n"
    )
    amounts = {f.exact: (f.amount, f.currency) for f in _parse(text).figures}
    assert amounts == {"US$3-billion": (3 * 10**9, "USD"), "900\u2011billion\u2011yen": (900 * 10**9, "JPY")}


def test_a_name_with_a_non_breaking_hyphen_is_one_name() -> None:
    text = (
        "Headline\n\n"
        + SANTIAGO_MEETING
        + "Norway’s envoy Erik Sol\u2011berg said the talks were “a full restoration”.\n"
    )
    assert _speakers(_parse(text)) == {"a full restoration": "Erik Sol\u2011berg"}


def test_the_year_a_figure_is_compared_with_is_not_its_year() -> None:
    # published 2025-03-10: "this year" is 2025; "the same period in 2024" is the comparison
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "This year, trade between Norway and Chile has kept growing, reaching "
        "$3.1 billion in the first two months, a 12% rise from the same period in 2024.\n"
        "Their trade came to $1.4 billion in January, compared with 2024's $1.1 billion.\n"
        "Norway bought $2 billion of Chilean copper last year, up 20% on 2023.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$2 billion"] == ("imports", "NOR", "CHL", 2024)
    assert facts["$3.1 billion"] == ("trade", "NOR", "CHL", 2025)
    assert facts["$1.4 billion"][3] == 2025  # only a month: the January before publication, not 2024


def test_a_level_reached_in_the_present_perfect_is_of_the_publication_year() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Trade between Norway and Chile has nearly doubled in three years to "
        "about $8 billion as Chile buys more salmon.\n"
        "Norwegian exports to Chile reached $2.4 billion in 2023.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$8 billion"] == ("trade", "NOR", "CHL", 2025)
    assert facts["$2.4 billion"] == ("exports", "NOR", "CHL", 2023)


def test_jan_before_a_surname_is_a_given_name_not_january() -> None:
    # a month's short form is written before a day or a year; before a capitalised word it is a name
    text = (
        "Headline\n\nChilean President Ana Soto met Norwegian Prime Minister Ola Berg in Santiago on Jan 15.\n"
        "Trade Minister Jan Holm said the talks were “a big step for both”.\n"
        "Jan Holm also met Chilean business leaders.\n"
    )
    ex = _parse(text)
    assert _speakers(ex) == {"a big step for both": "Jan Holm"}
    assert ("Jan Holm", "Trade Minister") in {(p.ref.name, p.office) for p in ex.people}
    assert ex.meeting is not None and ex.meeting.date == dt.date(2025, 1, 15)


def test_a_counterpart_or_predecessor_named_is_a_person() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Earlier, Chile's foreign minister Luis Vera travelled to Oslo; his "
        "counterpart Kari Dahl visited Santiago in March, and her predecessor Per Lund in 2023.\n"
    )
    assert {"Kari Dahl", "Per Lund"} <= {p.ref.name for p in _parse(text).people}


def test_he_or_she_refers_to_the_subject_after_an_opening_phrase() -> None:
    # the subject of "At a news conference with X after the talks, Y described ..." is Y, not X
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "At a news conference with Council President Marco Neri after the talks, "
        "Commissioner Kari Dahl described the visit as useful.\n"
        "She said “the hard work on fish starts now.”\n"
    )
    assert _speakers(_parse(text)) == {"the hard work on fish starts now.": "Kari Dahl"}


def test_a_capitalised_occupation_opening_a_sentence_is_no_part_of_the_name() -> None:
    text = "Headline\n\n" + SANTIAGO_MEETING + "Economist Juan Perez said the visit was “long overdue for both”.\n"
    ex = _parse(text)
    assert _speakers(ex) == {"long overdue for both": "Juan Perez"}
    assert "Juan Perez" in {p.ref.name for p in ex.people}


def test_commerce_shipments_supplies_and_purchases_are_trade_words() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Commerce between Chile and Norway totaled $5 billion in 2024.\n"
        "Norway's shipments to Chile rose to $3 billion in 2024, while Chile's purchases from Norway fell to "
        "$1 billion.\n"
        "Chile supplied $4 billion of copper to Norway in 2023.\n"
    )
    assert _facts(_parse(text)) == {
        "$5 billion": ("trade", "CHL", "NOR", 2024),
        "$3 billion": ("exports", "NOR", "CHL", 2024),
        "$1 billion": ("imports", "CHL", "NOR", 2024),
        "$4 billion": ("exports", "CHL", "NOR", 2023),
    }


def test_the_pm_opening_a_sentence_is_the_subject_of_the_sentence_before() -> None:
    # no tenure fits "the PM" and no one is titled so: the person the sentence before is about
    text = (
        "Headline\n\nOSLO - Sir Erik Berg has met President Ana Soto at the summit.\n"
        "Sir Erik raised the case of the jailed Chilean writer, Luis Vera, saying he was worried about his health. "
        "The PM also called for “more trade in fish and wine”.\n"
    )
    ex = _parse(text)
    assert _speakers(ex) == {"more trade in fish and wine": "Erik Berg"}
    assert {p.ref.name: p.office for p in ex.people}["Erik Berg"] == "Prime Minister"


def test_who_after_a_name_introduces_that_persons_words() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Fish was a focus for Berg, who stressed that both sides “must keep their "
        "markets open”.\n"
        "The talks were welcomed by Soto, who said the visit “opens a new page for us”.\n"
    )
    assert _speakers(_parse(text)) == {
        "must keep their markets open": "Ola Berg",
        "opens a new page for us": "Ana Soto",
    }


def test_an_adviser_in_apposition_holds_that_office() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Luis Vera, Chile’s National Security Adviser, said the talks went well.\n"
        "Kari Dahl, the Norwegian prime minister’s economic adviser, agreed.\n"
    )
    offices = {p.ref.name: p.office for p in _parse(text).people}
    assert offices["Luis Vera"] == "National Security Adviser"


def test_a_meeting_whose_own_clause_says_next_month_is_still_to_come() -> None:
    for text in (
        "Chilean President Ana Soto meets Norwegian Prime Minister Ola Berg next month in Oslo.\n",
        "When Chilean President Ana Soto visits Norwegian Prime Minister Ola Berg later this year, she should press "
        "for lower tariffs.\n",
    ):
        assert _parse("Headline\n\n" + text).meeting is None, text
    held = (
        "Chilean President Ana Soto met Norwegian Prime Minister Ola Berg on Monday and will see him again next year.\n"
    )
    assert _parse("Headline\n\n" + held).meeting is not None


def test_sheikh_and_his_excellency_are_honorifics_and_al_joins_a_name() -> None:
    text = (
        "Headline\n\nKuwait’s Emir Sheikh Mishal al-Ahmad met Qatari Emir Sheikh Tamim bin Hamad in Doha on Monday.\n"
        "On Tuesday, H.E. Ferdinand R. Marcos met the two leaders.\n"
    )
    offices = {p.ref.name: p.office for p in _parse(text).people}
    assert offices == {"Mishal al-Ahmad": "Emir", "Tamim bin Hamad": "Emir", "Ferdinand R. Marcos": None}


# -- round 6 ----------------------------------------------------------------------------------


def test_a_forecast_or_target_has_no_year_of_its_own() -> None:
    # published 2025-03-10; a target year ("by the end of 2035", "until 2040") is when a goal falls
    # due, and a pledge or forecast with no period stated is of no year (not the last full year)
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Chile aims to lift its exports to Norway to $5 billion within five "
        "years.\n"
        "Norway’s imports from Chile are expected to reach $4 billion by the end of 2035.\n"
        "The deal should raise Chile's exports to Norway by $1 billion until 2040, officials said.\n"
        "Chilean exports to Norway were $2.2 billion in 2024.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$5 billion"] == ("exports", "CHL", "NOR", None)
    assert facts["$4 billion"] == ("imports", "NOR", "CHL", None)
    assert facts["$1 billion"] == ("exports", "CHL", "NOR", None)
    assert facts["$2.2 billion"] == ("exports", "CHL", "NOR", 2024)


def test_an_organisation_as_a_side_makes_no_meeting_of_two_countries() -> None:
    # a summit of the EU (or ASEAN, the African Union) and one country is not a bilateral meeting
    text = (
        "Headline\n\nASEAN leaders met Norwegian Prime Minister Ola Berg in Jakarta on Monday for the first "
        "ASEAN-Norway summit.\nBerg said the talks were “a step toward a free trade deal”.\n"
    )
    assert _parse(text).meeting is None
    # a summit as the venue of a meeting of two countries' leaders is still that meeting
    venue = (
        "Headline\n\nChilean President Ana Soto met Norwegian Prime Minister Ola Berg on Monday on the sidelines "
        "of the ASEAN summit in Jakarta.\n"
    )
    meeting = _parse(venue).meeting
    assert meeting is not None and meeting.countries == ("CHL", "NOR")


def test_a_territory_named_as_such_is_not_a_country() -> None:
    # Hong Kong and Macau are special administrative regions of China: not countries of a dyad
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Soto raised the case of a jailed Hong Kong publisher and the "
        "licences of Macau casinos owned by Chilean firms.\n"
    )
    assert {c.country for c in _parse(text).countries} == {"CHL", "NOR"}
    # Taiwan stays a country: a side of dyads analysts study, with its own customs figures
    taiwan = "Headline\n\n" + SANTIAGO_MEETING + "Soto then flew on to Taiwan.\n"
    assert {c.country for c in _parse(taiwan).countries} == {"CHL", "NOR", "TWN"}


def test_a_counterpart_of_a_country_is_of_that_country_and_a_side_of_the_meeting() -> None:
    # "his Norwegian counterpart Kari Dahl" is Norway's: the meeting has both sides, and the leader
    # of an earlier call named in the same sentence is no participant
    text = (
        "Headline\n\nChile’s Foreign Minister Luis Vera met his Norwegian counterpart Kari Dahl in Oslo on Tuesday, "
        "a week after President Soto spoke with Prime Minister Berg.\n"
    )
    meeting = _parse(text).meeting
    assert meeting is not None and meeting.countries == ("CHL", "NOR")
    assert [p.name for p in meeting.participants] == ["Luis Vera", "Kari Dahl"]


def test_a_meeting_word_at_a_capital_is_the_meeting_and_the_next_sentence_names_its_people() -> None:
    # published Monday 2025-03-10: the meeting is the Friday before, in Oslo; the sentence after,
    # which names the people, is a later one (no date of its own)
    text = (
        "Headline\n\nThe leaders of Chile and Norway met in Oslo on Friday.\n"
        "Prime Minister Ola Berg welcomed Ana Soto, saying the visit opened a new chapter.\n"
    )
    meeting = _parse(text).meeting
    assert meeting is not None
    assert (meeting.date, meeting.place, meeting.countries) == (dt.date(2025, 3, 7), "Oslo", ("CHL", "NOR"))
    assert {p.name for p in meeting.participants} == {"Ola Berg", "Ana Soto"}


def test_people_of_a_relative_or_purpose_clause_after_the_meeting_are_no_participants() -> None:
    # "in talks that X described as ...": X speaks of the talks; "to discuss a loan arranged by Y":
    # Y is what they discussed, not who sat at the table
    for text in (
        "Chilean President Ana Soto met Norwegian Prime Minister Ola Berg in Oslo on Friday, in talks that "
        "Foreign Minister Kari Dahl described as frank.\n",
        "Chilean President Ana Soto met Norwegian Prime Minister Ola Berg in Oslo on Friday to discuss a salmon "
        "deal negotiated by Trade Minister Kari Dahl.\n",
    ):
        meeting = _parse("Headline\n\n" + text).meeting
        assert meeting is not None and [p.name for p in meeting.participants] == ["Ana Soto", "Ola Berg"], text


def test_the_currencies_of_other_dyads_are_read() -> None:
    # pages of new dyads give amounts in their own currencies: symbols, codes and words
    from bilateral.loaders.article import parse_amounts

    text = (
        "Exports rose to RM45.2 billion, imports to Rp120 trillion and 3.5 billion ringgit of palm oil. "
        "Trade hit 900 billion roubles, 12 billion lira, R$20 billion and 15 billion reais. "
        "South Africa sold R3.2 billion of citrus and 40 billion rand of platinum; Mexico 200 billion Mexican "
        "pesos; Pakistan 50 billion Pakistani rupees; Vietnam 30 trillion dong; Thailand 90 billion baht."
    )
    found = {text[s:e]: (str(v), c) for s, e, v, c in parse_amounts(text)}
    assert found == {
        "RM45.2 billion": ("45200000000", "MYR"),
        "Rp120 trillion": ("120000000000000", "IDR"),
        "3.5 billion ringgit": ("3500000000", "MYR"),
        "900 billion roubles": ("900000000000", "RUB"),
        "12 billion lira": ("12000000000", "TRY"),
        "R$20 billion": ("20000000000", "BRL"),
        "15 billion reais": ("15000000000", "BRL"),
        "R3.2 billion": ("3200000000", "ZAR"),
        "40 billion rand": ("40000000000", "ZAR"),
        "200 billion Mexican pesos": ("200000000000", "MXN"),
        "50 billion Pakistani rupees": ("50000000000", "PKR"),
        "30 trillion dong": ("30000000000000", "VND"),
        "90 billion baht": ("90000000000", "THB"),
    }


def test_a_partner_after_a_later_amount_is_that_amounts_and_a_demonym_importer_is_the_holder() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Norway had a $20 billion goods trade deficit in 2024, including "
        "$3 billion with Chile.\n"
        "Norwegian imports from Chile were $3.5 billion in 2023.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$20 billion"] == ("balance", "NOR", None, 2024)
    assert facts["$3 billion"] == ("balance", "NOR", "CHL", 2024)
    assert facts["$3.5 billion"] == ("imports", "NOR", "CHL", 2023)


def test_a_short_function_word_after_a_title_begins_a_name() -> None:
    # "General Secretary To Lam", "top leader To Lam": after a title, a capitalised two-letter word
    # followed by another capitalised word is a given name (as "Vice Premier He Lifeng")
    text = (
        "Headline\n\nVietnam’s top leader To Lam spoke by phone with Chilean President Ana Soto on Tuesday.\n"
        "General Secretary To Lam said the call was “warm and useful”.\n"
    )
    ex = _parse(text)
    assert _speakers(ex) == {"warm and useful": "To Lam"}
    assert ex.meeting is not None and {p.name for p in ex.meeting.participants} == {"To Lam", "Ana Soto"}


def test_once_the_hosts_leader_takes_part_the_other_sides_leader_does_too() -> None:
    # "their meeting in Oslo": the host's leader first, then the visitor's
    text = (
        "Headline\n\nNorwegian Prime Minister Ola Berg and Chilean President Ana Soto signed a fisheries pact on "
        "Thursday.\nThe pact follows their meeting in Oslo in October.\n"
    )
    meeting = _parse(text).meeting
    assert meeting is not None and {p.name for p in meeting.participants} == {"Ana Soto", "Ola Berg"}


def test_a_long_portfolio_ends_before_the_name() -> None:
    # the word after "and" ends the portfolio, whatever the portfolio
    text = (
        "Headline\n\nChile’s Minister of Mining, Energy and Environment Rosa Vidal met Norway’s Minister of "
        "Trade, Industry and Fisheries Kari Dahl in Oslo on Monday.\n"
    )
    offices = {p.ref.name: p.office for p in _parse(text).people}
    assert offices == {
        "Rosa Vidal": "Minister of Mining, Energy and Environment",
        "Kari Dahl": "Minister of Trade, Industry and Fisheries",
    }


def test_the_object_of_a_meeting_verb_an_ambassador_to_and_a_minister_of_are_people() -> None:
    # "met Ola Berg": the one met is a person; "Norway's ambassador to Chile, Per Lund,"; "Kari Dahl,
    # Norway's minister of fisheries,"
    text = (
        "Headline\n\nChilean President Ana Soto met Ola Berg in Oslo on Monday.\n"
        "Norway’s ambassador to Chile, Per Lund, welcomed the visit.\n"
        "Kari Dahl, Norway’s minister of fisheries, said little.\n"
    )
    offices = {p.ref.name: p.office for p in _parse(text).people}
    assert offices == {
        "Ana Soto": "President",
        "Ola Berg": None,
        "Per Lund": "Ambassador",
        "Kari Dahl": "Minister of Fisheries",
    }


def test_an_outlets_name_names_no_country_and_a_chain_of_three_names_each() -> None:
    # "(Chile Daily News)", "the Norway Post" are outlets; "the Chile-Norway-Peru pact" names three
    text = (
        "Headline\n\nOSLO (Chile Daily News) - " + SANTIAGO_MEETING + "They spoke of the Chile-Norway-Peru fishing "
        "pact, the Norway Post reported.\n"
    )
    assert {c.country for c in _parse(text).countries} == {"CHL", "NOR", "PER"}
    outlet_only = "Headline\n\nAs the Chile Times reported, Norway wants more copper.\n"
    assert {c.country for c in _parse(outlet_only).countries} == {"NOR"}


def test_a_blocs_figure_with_one_country_in_its_sentence_is_with_that_country() -> None:
    # the EU (or ASEAN) has no country code: its balance's partner is the one country beside it
    text = (
        "Headline\n\nThe EU and Chile are major partners, but the EU’s trade deficit reached €30 billion in 2024.\n"
        "Chile and Norway agreed on fish, while the EU’s deficit with Norway was €20 billion in 2024.\n"
    )
    facts = _facts(_parse(text))
    assert facts["€30 billion"] == ("balance", None, "CHL", 2024)
    assert facts["€20 billion"] == ("balance", None, "NOR", 2024)


def test_on_a_page_with_no_date_now_is_the_latest_year_it_writes_and_years_ago_count_back() -> None:
    # no publication date: "today" is at least the latest year the page reports (2024 here, not
    # the target 2030); "20 years ago" counts back from it; with a date, from the date's year
    text = (
        "Headline\n\nNorway’s trade deficit with Chile was $3 billion in 2022 and $2.5 billion in 2024, and it "
        "aims to close it by 2030.\n"
        "The deficit with Chile is $2 billion today, against $1 billion 20 years ago.\n"
    )
    undated = _facts(_parse(text, None))
    assert undated["$2 billion"] == ("balance", "NOR", "CHL", 2024)
    assert undated["$1 billion"] == ("balance", "NOR", "CHL", 2004)
    assert _facts(_parse(text))["$1 billion"][3] == 2005  # published 2025-03-10


def test_a_range_of_days_is_dated_by_its_first_day_and_the_year_written_after_it() -> None:
    for span in ("from April 12 to 15, 2023", "on April 12-15, 2023", "from 12 to 15 April 2023"):
        text = (
            f"Headline\n\nChilean President Ana Soto paid a state visit to Norway {span}, meeting Prime Minister "
            "Ola Berg.\n"
        )
        meeting = _parse(text).meeting
        assert meeting is not None and meeting.date == dt.date(2023, 4, 12), span


def test_a_meeting_in_a_relative_clause_of_an_earlier_time_is_not_the_meeting() -> None:
    # "Soto, who met X in Lima last week, hosted Y ... on Monday": the meeting is Monday's
    text = (
        "Headline\n\nChilean President Ana Soto, who met Peruvian President Luis Paz in Lima last week, hosted "
        "Norwegian Prime Minister Ola Berg in Santiago on Monday.\n"
    )
    meeting = _parse(text).meeting
    assert meeting is not None
    assert (meeting.countries, meeting.date) == (("CHL", "NOR"), dt.date(2025, 3, 10))
    assert [p.name for p in meeting.participants] == ["Ana Soto", "Ola Berg"]


def test_the_minister_or_the_secretary_is_the_one_of_that_office_named_before() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Norway’s trade minister Kari Dahl also spoke. “Fish is our oil now,” "
        "the minister said.\nChile’s Mining Secretary Rosa Vidal agreed: the secretary called copper "
        "“our bridge to the future”.\n"
    )
    speakers = _speakers(_parse(text))
    assert speakers == {"Fish is our oil now,": "Kari Dahl", "our bridge to the future": "Rosa Vidal"}


def test_a_year_earlier_counts_back_from_the_sentences_year_and_a_surplus_in_a_countrys_favour_is_its() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "In 2023, trade between Chile and Norway grew to $2 billion from $1.7 "
        "billion a year earlier.\n"
        "The trade surplus in Chile’s favour reached $400 million in 2024.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$1.7 billion"] == ("trade", "CHL", "NOR", 2022)
    assert facts["$400 million"] == ("balance", "CHL", "NOR", 2024)


# -- round 6: common forms of attribution in wire copy, written from no page --------------------
# (a challenge set of attribution forms was written from journalistic style, not from any page;
# these are the forms it found missing)


def test_a_title_in_apposition_before_the_name_after_the_quote() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "“We will answer every tariff in kind,” the foreign minister, Rosa Lagos, "
        "told reporters.\n“Our exports are worth defending,” Chile’s finance minister, Pablo Ruiz, said.\n"
        "“The talks were long,” the Norwegian trade minister, Kari Dahl, told the press.\n"
    )
    assert _speakers(_parse(text)) == {
        "We will answer every tariff in kind,": "Rosa Lagos",
        "Our exports are worth defending,": "Pablo Ruiz",
        "The talks were long,": "Kari Dahl",
    }


def test_a_speech_verb_after_an_auxiliary_has_the_subjects_words() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Soto has said she wants to “open every market to Chilean copper.”\n"
        "Berg has repeatedly told his voters that Norway would “never trade away its fisheries.”\n"
    )
    assert _speakers(_parse(text)) == {
        "open every market to Chilean copper.": "Ana Soto",
        "never trade away its fisheries.": "Ola Berg",
    }


def test_a_role_with_an_epithet_refers_to_the_person_in_that_office() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "“We came to sell copper, not to argue,” the 59-year-old president said.\n"
        "“Fish is our future,” Norway’s centrist prime minister said.\n"
        "“Trade will decide it,” the former president said.\n"
    )
    assert _speakers(_parse(text)) == {
        "We came to sell copper, not to argue,": "Ana Soto",
        "Fish is our future,": "Ola Berg",
        "Trade will decide it,": None,  # a former president is not the one in office
    }


def test_what_a_person_wants_or_plans_to_do_in_quotes_is_their_words() -> None:
    text = (
        "Headline\n\n"
        + SANTIAGO_MEETING
        + "Soto wants to “double copper sales within five years” and Berg plans to “buy more of it.”\n"
    )
    assert _speakers(_parse(text)) == {
        "double copper sales within five years": "Ana Soto",
        "buy more of it.": "Ola Berg",
    }


def test_in_someones_words_names_the_speaker() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "The deal will, in Soto’s words, “change the price of copper for good.”\n"
    )
    assert _speakers(_parse(text)) == {"change the price of copper for good.": "Ana Soto"}


def _meeting_of(text: str) -> tuple[str | None, tuple[str, ...] | None, list[str]]:
    m = _parse("Headline\n\n" + text + "\n", dt.date(2025, 3, 12)).meeting  # a Wednesday
    if m is None:
        return (None, None, [])
    return (m.date.isoformat() if m.date else None, m.countries, sorted(p.name for p in m.participants))


def test_people_who_meet_are_people_though_no_title_names_them() -> None:
    # a verb of meeting is as good a sign of a person as a verb of speech
    assert _meeting_of("Ana Soto and Ola Berg met in Santiago on Tuesday, the Chilean foreign ministry said.") == (
        "2025-03-11",
        None,
        ["Ana Soto", "Ola Berg"],
    )
    assert _meeting_of("Chile’s Ana Soto met Norway’s Ola Berg in Santiago on Tuesday.") == (
        "2025-03-11",
        ("CHL", "NOR"),
        ["Ana Soto", "Ola Berg"],
    )


def test_a_plural_title_is_each_names_title() -> None:
    text = "Chile and Norway signed five agreements on Tuesday as Prime Ministers Ana Soto and Ola Berg met in Oslo."
    offices = {p.ref.name: p.office for p in _parse("Headline\n\n" + text + "\n").people}
    assert offices == {"Ana Soto": "Prime Minister", "Ola Berg": "Prime Minister"}
    assert _meeting_of(text)[0] == "2025-03-11"
    assert _meeting_of(text)[2] == ["Ana Soto", "Ola Berg"]


def test_last_week_gives_no_day() -> None:
    # the annotation's rule: a date the text does not give is none; "last week" gives no day, and
    # says it was not the day of publication either
    for when in ("last week", "earlier this month", "last month", "recently", "this week"):
        text = f"Chilean President Ana Soto met Norwegian Prime Minister Ola Berg {when} in Oslo."
        assert _meeting_of(text)[0] is None, when


def test_a_demonyms_imports_from_a_named_country_are_its_own() -> None:
    # "Chinese imports" are imports from China, but "Chilean imports from Norway" are Chile's
    text = "Headline\n\n" + SANTIAGO_MEETING + "Chilean imports from Norway grew to $2 billion in 2024.\n"
    assert _facts(_parse(text))["$2 billion"] == ("imports", "CHL", "NOR", 2024)


def test_a_part_of_the_year_with_no_year_is_the_latest_that_has_begun() -> None:
    # published 10 March 2025: January and the first quarter are 2025's; November is 2024's
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Chile’s exports to Norway rose to $2 billion in the first two months.\n"
        "Chile’s imports from Norway were $1 billion in January.\n"
        "Norway’s exports to Chile reached $3 billion in November.\n"
        "Chile’s exports to Norway were $4 billion in the first quarter of last year.\n"
    )
    years = {amount: fact[3] for amount, fact in _facts(_parse(text)).items()}
    assert years == {"$2 billion": 2025, "$1 billion": 2025, "$3 billion": 2024, "$4 billion": 2024}


# -- round 6: government readouts (a challenge set of readout forms, written from no page) ----


def test_honorifics_of_readouts_are_not_part_of_the_name() -> None:
    text = (
        "Headline\n\nThe Prime Minister of Norway, Shri Ola Berg, met the President of Chile, H.E. Mr. Pablo Ruiz, "
        "in Oslo on 3 March 2025.\n"
    )
    m = _parse(text).meeting
    assert m is not None
    assert sorted(p.name for p in m.participants) == ["Ola Berg", "Pablo Ruiz"]
    assert m.date == dt.date(2025, 3, 3)


def test_a_demonym_before_a_double_title_is_the_persons_country() -> None:
    text = "Headline\n\nThe Secretary spoke with Chilean Deputy Prime Minister and Foreign Minister Rosa Lagos.\n"
    people = {p.ref.name: p.country for p in _parse(text).people}
    assert people == {"Rosa Lagos": "CHL"}


def test_spoke_today_with_is_a_call() -> None:
    text = "Headline\n\nSecretary of State Pablo Ruiz spoke today with Norwegian Foreign Minister Ola Berg.\n"
    m = _parse(text).meeting
    assert m is not None and sorted(p.name for p in m.participants) == ["Ola Berg", "Pablo Ruiz"]
    assert m.date == dt.date(2025, 3, 10)


# -- round 6: signs that a name is a person's (a challenge set written from no page) ----------


def test_the_grammar_around_a_name_says_it_is_a_persons() -> None:
    text = (
        "Headline\n\nThe summit drew leaders including Ana Soto, Ola Berg and Pablo Ruiz.\n"
        "Rosa Lagos, who heads the copper commission, welcomed the news.\n"
        "In Oslo, Kari Dahl’s ministry issued a statement.\n"
        "Luis Vera, Chile’s chief negotiator, and Per Lund, his Norwegian counterpart, signed the text.\n"
    )
    assert {p.ref.name for p in _parse(text).people} == {
        "Ana Soto",
        "Ola Berg",
        "Pablo Ruiz",
        "Rosa Lagos",
        "Kari Dahl",
        "Luis Vera",
        "Per Lund",
    }
    # an organisation takes "which", and its possessions are not a person's
    orgs = "Headline\n\nCopper Chile, which exports ore, and Nordic Fish’s board welcomed the news.\n"
    assert {p.ref.name for p in _parse(orgs).people} == set()


def test_buying_sales_to_and_investment_received_have_their_sides() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Norway is Chile’s biggest customer, buying $3 billion of copper in 2024.\n"
        "Chilean salmon sales to Norway reached $6 million in 2024.\n"
        "Chile received $1 billion in Norwegian investment in 2023.\n"
    )
    facts = _facts(_parse(text))
    assert facts["$3 billion"] == ("imports", "NOR", "CHL", 2024)
    assert facts["$6 million"] == ("exports", "CHL", "NOR", 2024)
    assert facts["$1 billion"] == ("investment", "CHL", "NOR", 2023)


# -- round 7: classes seen on the first test half once it joined the dev half (sentences written
# for the tests, not copied from any page) ---------------------------------------------------


def test_a_meeting_clause_after_during_names_who_was_there() -> None:
    # "During his visit, X held talks with Y and Z": the opening phrase is the occasion, the
    # main clause the people; "the recent visit of X" is an earlier event
    text = (
        "Chilean Trade Minister Rosa Lagos returned from Oslo on Saturday after holding talks with her hosts.\n"
        "During her three-day visit, Lagos held talks with Norwegian Trade Minister Per Lund and Norwegian "
        "Fisheries Minister Kari Dahl.\n"
        "During the recent visit of Chilean President Ana Soto to Oslo, the two countries agreed to double trade.\n"
    )
    assert _meeting_of(text)[2] == ["Kari Dahl", "Per Lund", "Rosa Lagos"]


def test_people_who_invite_others_to_visit_were_not_at_the_meeting() -> None:
    text = (
        SANTIAGO_MEETING + "Soto conveyed invitations from Senate President Luis Vera and Interior Minister "
        "Rosa Lagos to the Norwegian leaders to visit Chile.\n"
    )
    assert _meeting_of(text)[2] == ["Ana Soto", "Ola Berg"]


def test_a_meeting_held_before_and_talks_wished_for_are_no_meeting_reported() -> None:
    text = (
        "Chilean President Ana Soto said on Tuesday she would call Norwegian Prime Minister Ola Berg if the "
        "tariff dispute drags on.\n"
        "Soto and Berg previously discussed a deal during a meeting in Lima in October.\n"
        "Soto said Interior Minister Luis Vera and Trade Minister Rosa Lagos are eager to continue discussions.\n"
    )
    assert _meeting_of(text) == (None, None, [])


def test_a_persons_visit_to_a_country_is_the_meeting_with_its_leader() -> None:
    text = (
        "Chilean President Ana Soto and Norwegian Prime Minister Ola Berg pledged to deepen their partnership.\n"
        "During Soto’s visit to Norway, the leaders agreed to expand trade in copper and salmon.\n"
    )
    assert _meeting_of(text)[1:] == (("CHL", "NOR"), ["Ana Soto", "Ola Berg"])


def test_an_acronym_between_a_title_and_a_name_is_the_titles() -> None:
    ex = _parse("Headline\n\nLagos met Trade Representative (TR) Per Lund and Foreign Minister (FM) Kari Dahl.\n")
    assert {(p.ref.name, p.office) for p in ex.people} >= {
        ("Per Lund", "Trade Representative"),
        ("Kari Dahl", "Foreign Minister"),
    }


def test_malay_honorifics_are_not_part_of_the_name() -> None:
    ex = _parse("Headline\n\nPrime Minister Datuk Seri Aziz Rahman met Tengku Hana Ismail in Oslo.\n")
    assert {p.ref.name for p in ex.people} == {"Aziz Rahman", "Hana Ismail"}


def test_ahead_of_a_possessive_visit_is_a_visit_to_come() -> None:
    # "ahead of Chilean President Ana Soto’s visit to Norway": a name's possessive is a word
    text = (
        "Norway’s exports of salmon rose, Berg wrote in an op-ed ahead of Chilean President Ana Soto’s "
        "visit to Norway.\n"
    )
    assert _meeting_of(text) == (None, None, [])


def test_a_quote_that_ends_its_sentence_is_not_the_next_sentences() -> None:
    # "“... on all sides.” He said he wants ...": a new sentence, not an attribution; the verb
    # before the quote names its speaker
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Before the talks, Berg told reporters in Oslo that “the visit has been "
        "well prepared by both sides.” Soto said she wants to discuss copper.\n"
    )
    assert _speakers(_parse(text)) == {"the visit has been well prepared by both sides.": "Ola Berg"}


def test_a_pronoun_and_verb_after_a_short_phrase_name_the_speaker() -> None:
    text = (
        "Headline\n\n"
        + SANTIAGO_MEETING
        + "Berg spoke of the market. “They have prices under control” in Chile, he said.\n"
    )
    assert _speakers(_parse(text)) == {"They have prices under control": "Ola Berg"}


def test_the_pronoun_after_an_opening_phrase_is_the_subject() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Speaking at a copper forum, he praised the two economies, saying, "
        "“Chile mines what Norway cannot.” He also spoke of salmon.\n"
    )
    assert _speakers(_parse(text)) == {"Chile mines what Norway cannot.": "Ana Soto"}


def test_a_title_of_two_portfolios_joined_by_and_is_one_office() -> None:
    ex = _parse(
        "Headline\n\nChile’s Trade and Industry Minister Rosa Lagos met Deputy Prime Minister and Foreign "
        "Minister Per Lund in Oslo.\n"
    )
    assert {(p.ref.name, p.office) for p in ex.people} == {
        ("Rosa Lagos", "Trade and Industry Minister"),
        ("Per Lund", "Deputy Prime Minister and Foreign Minister"),
    }


def test_a_day_between_the_speaker_and_the_verb() -> None:
    # wire copy: "X on Wednesday announced that ... “...”"
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Berg on Wednesday announced via his office that Norway has struck "
        "“a fair salmon deal with Chile,” without giving details.\n"
    )
    assert _speakers(_parse(text)) == {"a fair salmon deal with Chile,": "Ola Berg"}


def test_two_leaders_who_sign_a_deal_at_a_venue_meet() -> None:
    text = (
        "Chilean President Ana Soto and Norwegian Prime Minister Ola Berg signed a copper deal in Santiago on Monday.\n"
    )
    assert _meeting_of(text) == ("2025-03-10", ("CHL", "NOR"), ["Ana Soto", "Ola Berg"])
    # one person signing an order is no meeting
    assert _meeting_of("Chilean President Ana Soto signed an order in Santiago on Monday.\n") == (
        None,
        None,
        [],
    )


def test_the_participle_of_any_verb_of_speech_introduces_the_subjects_words() -> None:
    # after a first quote, the participle is the only verb left before the second
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Soto announced “a copper deal with Norway,” giving no detail beyond "
        "pledging that “more copper coming.”\nBerg praised “the long friendship,” predicting “a golden decade.”\n"
    )
    assert _speakers(_parse(text)) == {
        "a copper deal with Norway,": "Ana Soto",
        "more copper coming.": "Ana Soto",
        "the long friendship,": "Ola Berg",
        "a golden decade.": "Ola Berg",
    }


def test_the_main_clause_after_an_opening_meeting_phrase_names_the_participants() -> None:
    text = (
        "During a recent meeting in Santiago, Chilean President Ana Soto and Norwegian Prime Minister Ola Berg "
        "showed unity while tariffs loomed.\n"
        "The image was helped by a meeting with Rosa Lagos, highlighting business ties.\n"
    )
    assert _meeting_of(text)[2] == ["Ana Soto", "Ola Berg"]


def test_a_company_named_with_its_trade_is_no_person() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Andes Technology said it would build a plant, and Nordic Materials "
        "announced a smelter, while Fjord Semiconductor told investors it was pleased.\n"
    )
    assert {p.ref.name for p in _parse(text).people} == {"Ana Soto", "Ola Berg"}


def test_in_a_meeting_opening_the_sentence_is_the_occasion_of_its_main_clause() -> None:
    text = (
        "In a bilateral meeting on the sidelines of the summit in Lima, Chilean President Ana Soto "
        "told Norwegian Prime Minister Ola Berg that ties had turned around.\n"
    )
    assert _meeting_of(text)[1:] == (("CHL", "NOR"), ["Ana Soto", "Ola Berg"])


def test_a_participant_of_no_stated_country_may_be_the_other_side() -> None:
    # the leader of one side joins only when no participant could be that side
    text = (
        "Trade Minister Rosa Lagos held talks with Norwegian Trade Minister Per Lund in Oslo on Monday.\n"
        "Chilean President Ana Soto had set the goal at the start of the year.\n"
    )
    assert _meeting_of(text)[2] == ["Per Lund", "Rosa Lagos"]


def test_one_person_at_a_summit_of_many_is_no_bilateral_meeting() -> None:
    text = (
        "Chilean President Ana Soto said she would call Norwegian Prime Minister Ola Berg again.\n"
        "The Chilean president wants to settle the dispute after the climate summit ends.\n"
    )
    assert _meeting_of(text) == (None, None, [])


def test_the_day_of_another_event_named_before_its_noun_is_not_the_meetings() -> None:
    # "said Tuesday as he met X": the day of the words is the meeting's; "the March 30 election"
    # is the election's day
    text = (
        "“We want to help Chile,” Norwegian Prime Minister Ola Berg said Tuesday as he met Chilean President "
        "Ana Soto in Oslo.\n"
        "The Oslo meeting came days before a pivotal March 30 runoff election in Chile.\n"
    )
    assert _meeting_of(text)[0] == "2025-03-11"


def test_amounts_in_iso_codes_and_more_currency_names() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "Chile sold goods worth AED 5 billion, KSh 10 billion, SEK 3 billion "
        "and 20 billion Egyptian pounds, and bought NOK 4 billion of salmon.\n"
    )
    assert {(f.exact, f.currency) for f in _parse(text).figures} == {
        ("AED 5 billion", "AED"),
        ("KSh 10 billion", "KES"),
        ("SEK 3 billion", "SEK"),
        ("20 billion Egyptian pounds", "EGP"),
        ("NOK 4 billion", "NOK"),
    }


def test_a_meeting_on_the_sidelines_of_a_summit_is_not_hosted_by_the_summits_country() -> None:
    text = (
        "On the sidelines of the UN General Assembly in Lima on Monday, Chilean President Ana Soto met "
        "Prime Minister Ola Berg.\n"
    )
    assert _meeting_of(text)[1:] == (None, ["Ana Soto", "Ola Berg"])


def test_in_someones_view_and_was_how_someone_described_it() -> None:
    text = (
        "Headline\n\n" + SANTIAGO_MEETING + "The meeting was, in Berg’s view, “a turning point in our relations.”\n"
        "“A new chapter for copper,” was how Soto described the deal.\n"
    )
    assert _speakers(_parse(text)) == {
        "a turning point in our relations.": "Ola Berg",
        "A new chapter for copper,": "Ana Soto",
    }


def test_more_offices_written_before_a_name() -> None:
    text = (
        "Headline\n\nNorwegian Crown Prince Haakon Olsen and Chilean First Lady Rosa Lagos toured the port.\n"
        "Chilean Economy Minister Luis Vera met Norwegian Minister of Industry Per Lund in Oslo.\n"
        "Lund later met Ola Berg, Norway’s Minister of Industry and Commerce, to discuss copper.\n"
        "Chilean President-elect Pablo Ruiz and Trade Undersecretary Kari Dahl joined them.\n"
    )
    assert {(p.ref.name, p.office) for p in _parse(text).people} == {
        ("Haakon Olsen", "Crown Prince"),
        ("Rosa Lagos", "First Lady"),
        ("Luis Vera", "Economy Minister"),
        ("Per Lund", "Minister of Industry"),
        ("Ola Berg", "Minister of Industry and Commerce"),
        ("Pablo Ruiz", "President-elect"),
        ("Kari Dahl", "Trade Undersecretary"),
    }


def test_a_transcripts_speaker_labels_in_capitals_name_people() -> None:
    text = (
        "Joint press conference, Santiago\n\nPRESIDENT SOTO: Thank you all for coming to Santiago.\n\n"
        "PRIME MINISTER BERG: Thank you. Norway and Chile are old friends.\n\nJOURNALIST: What about salmon?\n"
    )
    assert {(p.ref.name, p.office) for p in _parse(text).people} == {("Soto", "President"), ("Berg", "Prime Minister")}


def test_everyone_listed_as_accompanying_or_present_took_part() -> None:
    text = (
        "Chilean President Ana Soto arrived in Oslo on Monday for talks with Norwegian Prime Minister Ola Berg.\n"
        "Soto is accompanied by Foreign Minister Luis Vera, Trade Minister Rosa Lagos and Mining Minister "
        "Pablo Ruiz.\n"
        "Also present were Norwegian Foreign Minister Per Lund and Norway’s Ambassador to Chile, Kari Dahl.\n"
    )
    assert _meeting_of(text)[2] == [
        "Ana Soto",
        "Kari Dahl",
        "Luis Vera",
        "Ola Berg",
        "Pablo Ruiz",
        "Per Lund",
        "Rosa Lagos",
    ]


def test_agents_of_a_meeting_and_described_people_in_apposition_are_people() -> None:
    text = (
        "Headline\n\nThe talks were led by Per Lund and Rosa Lagos.\n"
        "Kari Dahl, the opposition leader, criticised the deal.\n"
        "Chile’s top diplomat, Luis Vera, arrived in Oslo.\n"
        "Nordic Salmon AS, a fish farmer, and Andes Copper SA welcomed the deal.\n"
    )
    assert {p.ref.name for p in _parse(text).people} == {"Per Lund", "Rosa Lagos", "Kari Dahl", "Luis Vera"}


def test_the_one_met_may_be_named_in_apposition_after_a_role() -> None:
    text = "Chile’s foreign minister, Luis Vera, met his Norwegian counterpart, Per Lund, in Oslo on Monday.\n"
    assert _meeting_of(text)[1:] == (("CHL", "NOR"), ["Luis Vera", "Per Lund"])


def test_less_common_demonyms_and_names_of_countries() -> None:
    text = (
        "Headline\n\nThe Ivorian, Rwandan and Fijian delegations met Kyrgyz and Bhutanese officials, and "
        "envoys of the DRC and Côte d’Ivoire joined them.\n"
    )
    assert {c.country for c in _parse(text).countries} == {"CIV", "RWA", "FJI", "KGZ", "BTN", "COD"}


def test_the_and_between_two_titles_is_no_name() -> None:
    # "The President and Chancellor held ...": two titles, nobody named "and"
    ex = _parse(
        "Kenya and Germany\n\nKenyan President Amani Odhiambo and German Chancellor Lena Vogt met in Berlin.\n"
        "The President and Chancellor held talks at the Chancellery.\n"
    )
    assert sorted(p.ref.name for p in ex.people) == ["Amani Odhiambo", "Lena Vogt"]
    # but a name may open with a particle after its title: "President von der Leyen"
    ex = _parse(
        "The EU and Kenya\n\nKenyan President Amani Odhiambo met Commission President Ursula von der Leyen.\n"
        "“We agreed on a great deal,” said President von der Leyen.\n"
    )
    assert _speakers(ex) == {"We agreed on a great deal,": "Ursula von der Leyen"}


def test_the_federal_chancellor_and_a_long_apposition_and_who_claims_name_the_speaker() -> None:
    # round 9, from batch 8's dev pages: "the Federal Chancellor stressed that “...”" (a role
    # reference with the country's qualifier), "X, Secretary, Overseas Affairs, in the ministry,
    # said, “...”" (an apposition of three parts), "X who claims “...”" (no comma before who) and
    # "X reciprocated, expressing optimism about “...”"
    ex = _parse(
        "Germany and Peru\n\nFederal Chancellor Lena Vogt welcomed Peruvian President Ana Quispe in Berlin. "
        "The Federal Chancellor stressed that “direct dialogue is key, especially now”.\n"
        "Rosa Lagos, Secretary, Overseas Peruvian Affairs, in the ministry, said, “Both sides want more trade.”\n"
        "A tariff was announced by Peruvian minister Jorge Salas who claims “Germany has been very unfair to us”.\n"
        "Quispe reciprocated, expressing optimism about “enhanced collaboration in many areas.”\n"
    )
    assert _speakers(ex) == {
        "direct dialogue is key, especially now": "Lena Vogt",
        "Both sides want more trade.": "Rosa Lagos",
        "Germany has been very unfair to us": "Jorge Salas",
        "enhanced collaboration in many areas.": "Ana Quispe",
    }


def test_a_meeting_that_only_sets_a_quotes_scene_or_a_blocs_summit_is_not_reported() -> None:
    # round 9, from batch 8's dev pages (the annotators: such a meeting is not the one reported)
    setting = _parse(
        "Peru and Chile\n\nPeru’s exports to Chile fell to $2 billion in 2024.\n"
        "In response to a question during a press conference with Chilean President Ana Soto, which he "
        "hosted in Lima on April 24, Peruvian President Jorge Salas said, “Trade with Chile is over.”\n"
    )
    assert setting.meeting is None
    bloc = _parse(
        "Peru and Chile\n\nThe Mercosur bloc opened its 65th summit on Thursday. Peru’s trade with Chile fell.\n"
        "The fall stems from Peruvian President Jorge Salas’s cuts, said Ana Soto, Chile’s ambassador.\n"
        "“We want balance,” Soto explained during an interview about the summit held in Montevideo.\n"
    )
    assert bloc.meeting is None
    # the same press conference, reported as the event: a meeting
    held = _parse(
        "Peru and Chile\n\nPeruvian President Jorge Salas met Chilean President Ana Soto in Lima on April 24.\n"
        "At a press conference with Soto, Salas said, “Trade with Chile is strong.”\n"
    )
    assert held.meeting is not None and held.meeting.countries == ("CHL", "PER")


def test_a_surname_in_capitals_is_written_in_title_case() -> None:
    ex = _parse("Japan and Peru\n\nPrime Minister SATO Kenji held a meeting with Peruvian President Ana Soto.\n")
    assert "Sato Kenji" in {p.ref.name for p in ex.people}
