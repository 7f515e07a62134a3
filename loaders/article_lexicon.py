"""The word lists the article loader reads news text with: general knowledge, not data facts.

Country names come from ISO 3166-1 (pycountry, through `bilateral.ontology.countries`); what ISO
does not spell the way the press does (U.S., America, Britain, South Korea...) and the demonyms
(Japanese, Canadian...) are listed here. Also: titles of office and the role each implies,
attribution verbs, currencies and scales, well-known venues and capitals (with their country),
and the keywords of the analyst sectors and topics (with the HS chapters a sector maps to).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry

from bilateral.ontology.countries import iso_country

__all__ = [
    "AMBIGUOUS_COUNTRY_NAMES",
    "ATTRIBUTION_VERBS",
    "CAPITALS",
    "COUNTRY_ALIASES",
    "CURRENCY_PREFIXES",
    "CURRENCY_WORDS",
    "DEMONYMS",
    "HONORIFICS",
    "MONTHS",
    "NON_NAME_WORDS",
    "ORG_WORDS",
    "SCALES",
    "TOPIC_KEYWORDS",
    "VENUES",
    "WEEKDAYS",
    "TopicKeyword",
    "country_surface_forms",
    "office_roles",
]

# Short names, abbreviations and older names the press uses, beyond ISO's names.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "USA", "US": "USA", "U.S.A.": "USA", "USA": "USA", "America": "USA",
    "United States": "USA", "United States of America": "USA",
    "UK": "GBR", "U.K.": "GBR", "Britain": "GBR", "Great Britain": "GBR", "United Kingdom": "GBR",
    "South Korea": "KOR", "Republic of Korea": "KOR", "ROK": "KOR", "Korea": "KOR",
    "North Korea": "PRK", "DPRK": "PRK",
    "Russia": "RUS", "China": "CHN", "PRC": "CHN", "mainland China": "CHN",
    "Taiwan": "TWN", "Iran": "IRN", "Syria": "SYR", "Vietnam": "VNM", "Viet Nam": "VNM",
    "Laos": "LAO", "Bolivia": "BOL", "Venezuela": "VEN", "Tanzania": "TZA", "Moldova": "MDA",
    "Czech Republic": "CZE", "Czechia": "CZE", "Turkey": "TUR", "Türkiye": "TUR", "Turkiye": "TUR",
    "UAE": "ARE", "U.A.E.": "ARE", "Emirates": "ARE", "Holland": "NLD", "the Netherlands": "NLD",
    "Ivory Coast": "CIV", "Côte d'Ivoire": "CIV", "Cote d'Ivoire": "CIV", "Burma": "MMR",
    "Myanmar": "MMR", "Brunei": "BRN", "Palestine": "PSE", "Vatican": "VAT", "Macedonia": "MKD",
    "North Macedonia": "MKD", "Cape Verde": "CPV", "Swaziland": "SWZ", "Eswatini": "SWZ",
    "East Timor": "TLS", "Timor-Leste": "TLS", "Micronesia": "FSM", "Kyrgyzstan": "KGZ",
    "Saudi Arabia": "SAU", "New Zealand": "NZL", "South Africa": "ZAF",
}

# Demonyms and adjectives of common countries (and the plural for the people, where it differs).
DEMONYMS: dict[str, str] = {
    "American": "USA", "Americans": "USA", "Japanese": "JPN", "Canadian": "CAN", "Canadians": "CAN",
    "Mexican": "MEX", "Mexicans": "MEX", "Chinese": "CHN", "British": "GBR", "Briton": "GBR",
    "Britons": "GBR", "French": "FRA", "German": "DEU", "Germans": "DEU", "Italian": "ITA",
    "Italians": "ITA", "Spanish": "ESP", "Portuguese": "PRT", "Dutch": "NLD", "Belgian": "BEL",
    "Swiss": "CHE", "Austrian": "AUT", "Swedish": "SWE", "Norwegian": "NOR", "Danish": "DNK",
    "Finnish": "FIN", "Icelandic": "ISL", "Irish": "IRL", "Greek": "GRC", "Polish": "POL",
    "Czech": "CZE", "Slovak": "SVK", "Hungarian": "HUN", "Romanian": "ROU", "Bulgarian": "BGR",
    "Serbian": "SRB", "Croatian": "HRV", "Slovenian": "SVN", "Ukrainian": "UKR", "Ukrainians": "UKR",
    "Russian": "RUS", "Russians": "RUS", "Belarusian": "BLR", "Lithuanian": "LTU", "Latvian": "LVA",
    "Estonian": "EST", "Turkish": "TUR", "Israeli": "ISR", "Israelis": "ISR", "Palestinian": "PSE",
    "Egyptian": "EGY", "Saudi": "SAU", "Saudis": "SAU", "Emirati": "ARE", "Qatari": "QAT",
    "Kuwaiti": "KWT", "Bahraini": "BHR", "Omani": "OMN", "Jordanian": "JOR", "Lebanese": "LBN",
    "Syrian": "SYR", "Iraqi": "IRQ", "Iranian": "IRN", "Afghan": "AFG", "Pakistani": "PAK",
    "Indian": "IND", "Indians": "IND", "Bangladeshi": "BGD", "Sri Lankan": "LKA", "Nepali": "NPL",
    "Nepalese": "NPL", "South Korean": "KOR", "South Koreans": "KOR", "Korean": "KOR",
    "North Korean": "PRK", "Taiwanese": "TWN", "Mongolian": "MNG", "Vietnamese": "VNM",
    "Thai": "THA", "Cambodian": "KHM", "Laotian": "LAO", "Burmese": "MMR", "Malaysian": "MYS",
    "Singaporean": "SGP", "Indonesian": "IDN", "Filipino": "PHL", "Philippine": "PHL",
    "Australian": "AUS", "Australians": "AUS", "New Zealander": "NZL", "Kazakh": "KAZ",
    "Uzbek": "UZB", "Georgian": "GEO", "Armenian": "ARM", "Azerbaijani": "AZE",
    "Brazilian": "BRA", "Argentine": "ARG", "Argentinian": "ARG", "Chilean": "CHL",
    "Colombian": "COL", "Peruvian": "PER", "Venezuelan": "VEN", "Ecuadorian": "ECU",
    "Bolivian": "BOL", "Uruguayan": "URY", "Paraguayan": "PRY", "Cuban": "CUB", "Panamanian": "PAN",
    "Costa Rican": "CRI", "Guatemalan": "GTM", "Honduran": "HND", "Salvadoran": "SLV",
    "Nicaraguan": "NIC", "Jamaican": "JAM", "Haitian": "HTI", "Dominican": "DOM",
    "South African": "ZAF", "Nigerian": "NGA", "Kenyan": "KEN", "Ethiopian": "ETH",
    "Ghanaian": "GHA", "Moroccan": "MAR", "Algerian": "DZA", "Tunisian": "TUN", "Libyan": "LBY",
    "Sudanese": "SDN", "Angolan": "AGO", "Senegalese": "SEN", "Tanzanian": "TZA", "Ugandan": "UGA",
    "Zimbabwean": "ZWE", "Zambian": "ZMB", "Mozambican": "MOZ", "Congolese": "COD",
    "Luxembourgish": "LUX", "Maltese": "MLT", "Cypriot": "CYP", "Albanian": "ALB",
    "Bosnian": "BIH", "Montenegrin": "MNE", "Macedonian": "MKD", "Moldovan": "MDA",
}

# Names that are often something else (a first name, a US state, a bird): a country only where
# no capitalised word stands next to them.
AMBIGUOUS_COUNTRY_NAMES = frozenset({"Chad", "Jordan", "Georgia", "Turkey", "Guinea", "Niger",
                                     "Korea", "Korean", "Dominican", "Georgian"})

# Surface forms that are not the country they look like.
NOT_COUNTRY_PREFIXES = ("Latin ", "South ", "North ", "Central ", "Indian Ocean", "New Mexico")


@cache
def country_surface_forms() -> dict[str, tuple[str, str]]:
    """Every surface form -> (alpha-3, how: "name", "alias" or "demonym")."""
    forms: dict[str, tuple[str, str]] = {}
    for entry in pycountry.countries:
        iso = iso_country(entry.alpha_3)
        if iso is None:
            continue
        for name in (iso.name, iso.common_name, iso.official_name):
            if name and "," not in name and "(" not in name and not name.startswith("the "):
                forms.setdefault(name, (iso.iso3, "name"))
    for form, code in COUNTRY_ALIASES.items():
        forms[form] = (code, "alias")
    for form, code in DEMONYMS.items():
        forms[form] = (code, "demonym")
    return forms


HONORIFICS = ("Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Prof.")
GENDER_OF_HONORIFIC = {"Mr": "m", "Sir": "m", "Mrs": "f", "Ms": "f", "Dame": "f"}


def office_roles(office: str) -> tuple[str, ...]:
    """The roles (as tenures.csv names them) an office title implies; () when none applies."""
    low = office.casefold()
    if low.startswith(("vice president", "vice-president")):
        return ("deputy_head_of_state",)
    if low in ("president", "king", "queen", "emperor", "emir", "sultan", "monarch"):
        return ("head_of_state",)
    if low in ("prime minister", "premier", "chancellor", "taoiseach"):
        return ("head_of_government",)
    if low in ("foreign minister", "minister of foreign affairs", "foreign secretary",
               "secretary of state", "minister for foreign affairs", "external affairs minister"):
        return ("foreign_minister",)
    if low.endswith(("minister", "secretary")) or low.startswith(("minister ", "secretary ")) \
            or low == "trade representative":
        return ("minister",)
    return ()


# Role words that, after "the" (and a country or demonym), refer to a person by office.
ROLE_WORDS = ("vice president", "prime minister", "president", "chancellor", "premier",
              "foreign minister", "finance minister", "trade minister", "defence minister",
              "defense minister", "secretary of state", "king", "queen", "emperor", "leader",
              "crown prince", "emir", "sultan")

ATTRIBUTION_VERBS = (
    "said", "says", "stated", "states", "commented", "comments", "added", "adds", "told", "tells",
    "noted", "notes", "remarked", "declared", "explained", "insisted", "argued", "argues",
    "warned", "warns", "stressed", "emphasized", "emphasised", "asserted", "wrote", "writes",
    "tweeted", "posted", "replied", "responded", "continued", "concluded", "acknowledged",
    "announced", "observed", "claimed", "recalled", "joked", "quipped", "predicted", "vowed",
    "promised", "admitted", "conceded", "cautioned", "urged", "suggested", "maintained",
    "countered", "affirmed", "reiterated", "underscored", "highlighted", "pledged", "boasted",
    "lamented", "complained", "pointed out", "went on", "asked", "answered", "retorted", "described",
    "praised", "praises",
    # participles: their speaker is the subject of the clause ("Modi ..., suggesting, “...”")
    "saying", "adding", "asserting", "suggesting", "stating", "claiming", "insisting", "noting",
    "telling", "warning", "declaring", "arguing", "stressing", "explaining", "calling", "describing",
)

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}

# Currency markers written before the number, longest first when matched.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD",
    "A$": "AUD", "AU$": "AUD", "AUD": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "$": "USD",
    "JP¥": "JPY", "¥": "JPY", "JPY": "JPY", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "₩": "KRW", "KRW": "KRW", "₹": "INR", "INR": "INR", "Rs.": "INR", "CN¥": "CNY", "RMB": "CNY",
    "CNY": "CNY", "CHF": "CHF", "R$": "BRL",
}
# Currency words written after the number.
CURRENCY_WORDS: dict[str, str] = {
    "u.s. dollars": "USD", "us dollars": "USD", "american dollars": "USD", "canadian dollars": "CAD",
    "australian dollars": "AUD", "new zealand dollars": "NZD", "hong kong dollars": "HKD",
    "singapore dollars": "SGD", "dollars": "USD", "dollar": "USD", "yen": "JPY", "euros": "EUR",
    "euro": "EUR", "pounds sterling": "GBP", "pounds": "GBP", "pound": "GBP", "yuan": "CNY",
    "renminbi": "CNY", "won": "KRW", "rupees": "INR", "swiss francs": "CHF", "francs": "CHF",
}
# Currency words that are also ordinary words: an amount in them needs a scale (5 billion won).
CURRENCY_WORDS_NEEDING_SCALE = frozenset({"won", "pounds", "pound"})

SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "mln": 10**6, "mn": 10**6, "m": 10**6,
    "billion": 10**9, "bln": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
    "trn": 10**12, "tr": 10**12,
}
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
                "half a": 0.5}


# Venues and their country: where leaders meet.
VENUES: dict[str, str] = {
    "White House": "USA", "Oval Office": "USA", "East Room": "USA", "Cabinet Room": "USA",
    "Camp David": "USA", "Mar-a-Lago": "USA", "Rose Garden": "USA", "Blair House": "USA",
    "Kantei": "JPN", "Akasaka Palace": "JPN", "Imperial Palace": "JPN",
    "Élysée Palace": "FRA", "Elysee Palace": "FRA", "Élysée": "FRA", "Elysee": "FRA",
    "Downing Street": "GBR", "10 Downing Street": "GBR", "Chequers": "GBR",
    "Buckingham Palace": "GBR", "Kremlin": "RUS", "Great Hall of the People": "CHN",
    "Zhongnanhai": "CHN", "Diaoyutai State Guesthouse": "CHN", "Blue House": "KOR",
    "Cheong Wa Dae": "KOR", "Parliament Hill": "CAN", "Rideau Hall": "CAN",
    "Chancellery": "DEU", "Federal Chancellery": "DEU", "Hyderabad House": "IND",
    "Rashtrapati Bhavan": "IND", "Palazzo Chigi": "ITA", "Quirinale": "ITA",
    "Moncloa Palace": "ESP", "Planalto Palace": "BRA", "Casa Rosada": "ARG",
    "Malacañang Palace": "PHL", "Malacanang Palace": "PHL", "National Palace": "MEX",
    "Los Pinos": "MEX", "Istana": "SGP", "The Lodge": "AUS", "Parliament House": "AUS",
    "Mariinsky Palace": "UKR", "Bellevue Palace": "DEU",
}

CAPITALS: dict[str, str] = {
    "Washington": "USA", "Washington, D.C.": "USA", "Tokyo": "JPN", "Ottawa": "CAN",
    "Mexico City": "MEX", "Beijing": "CHN", "Seoul": "KOR", "Pyongyang": "PRK", "Taipei": "TWN",
    "London": "GBR", "Paris": "FRA", "Berlin": "DEU", "Rome": "ITA", "Madrid": "ESP",
    "Lisbon": "PRT", "Amsterdam": "NLD", "The Hague": "NLD", "Brussels": "BEL", "Bern": "CHE",
    "Vienna": "AUT", "Stockholm": "SWE", "Oslo": "NOR", "Copenhagen": "DNK", "Helsinki": "FIN",
    "Reykjavik": "ISL", "Dublin": "IRL", "Athens": "GRC", "Warsaw": "POL", "Prague": "CZE",
    "Bratislava": "SVK", "Budapest": "HUN", "Bucharest": "ROU", "Sofia": "BGR",
    "Belgrade": "SRB", "Zagreb": "HRV", "Ljubljana": "SVN", "Kyiv": "UKR", "Kiev": "UKR",
    "Moscow": "RUS", "Minsk": "BLR", "Vilnius": "LTU", "Riga": "LVA", "Tallinn": "EST",
    "Ankara": "TUR", "Cairo": "EGY", "Riyadh": "SAU", "Abu Dhabi": "ARE", "Doha": "QAT",
    "Kuwait City": "KWT", "Manama": "BHR", "Muscat": "OMN", "Amman": "JOR", "Beirut": "LBN",
    "Damascus": "SYR", "Baghdad": "IRQ", "Tehran": "IRN", "Kabul": "AFG", "Islamabad": "PAK",
    "New Delhi": "IND", "Dhaka": "BGD", "Colombo": "LKA", "Kathmandu": "NPL",
    "Ulaanbaatar": "MNG", "Hanoi": "VNM", "Bangkok": "THA", "Phnom Penh": "KHM",
    "Vientiane": "LAO", "Naypyidaw": "MMR", "Kuala Lumpur": "MYS", "Singapore": "SGP",
    "Jakarta": "IDN", "Manila": "PHL", "Canberra": "AUS", "Wellington": "NZL", "Astana": "KAZ",
    "Tashkent": "UZB", "Tbilisi": "GEO", "Yerevan": "ARM", "Baku": "AZE", "Brasília": "BRA",
    "Brasilia": "BRA", "Buenos Aires": "ARG", "Santiago": "CHL", "Bogotá": "COL", "Bogota": "COL",
    "Lima": "PER", "Caracas": "VEN", "Quito": "ECU", "Havana": "CUB", "Pretoria": "ZAF",
    "Abuja": "NGA", "Nairobi": "KEN", "Addis Ababa": "ETH", "Accra": "GHA", "Rabat": "MAR",
    "Algiers": "DZA", "Tunis": "TUN", "Luanda": "AGO", "Dakar": "SEN",
}

# Capitalised words that begin no person's name: sentence openers, months, days, org heads.
NON_NAME_WORDS = frozenset({
    "The", "A", "An", "And", "But", "Or", "So", "Yet", "Also", "Meanwhile", "However", "When",
    "While", "Whilst", "Then", "Later", "Earlier", "Still", "After", "Before", "Asked", "Speaking",
    "Today", "Yesterday", "Tomorrow", "On", "In", "At", "To", "For", "From", "With", "By", "Of",
    "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "You", "His",
    "Her", "Their", "Our", "My", "Your", "As", "If", "Although", "Though", "Both", "Since",
    "Under", "Over", "During", "Despite", "Amid", "Among", "Regardless", "Observers",
    "Economists", "Analysts", "Officials", "Experts", "Critics", "Trade", "Prime", "President",
    "Minister", "Chancellor", "Secretary", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Not",
    "Neither", "Either", "Each", "Every", "All", "Some", "Many", "Most", "Several", "Other",
    "Another", "One", "Two", "Three", "There", "Here", "What", "Who", "Why", "How", "Where",
    "Which", "Whether", "Now", "Last", "Next", "First", "Second", "Third", "New", "Federal",
    "National", "State", "Government", "Ministry", "Department", "Office", "House", "Senate",
    "Congress", "Parliament", "Administration", "Summit", "Talks", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Free", "Open", "Indo-Pacific", "Pacific", "Atlantic", "Asia", "Europe", "Africa",
    "Tariffs", "Tariff", "Investment", "Energy", "Steel", "Japan-U.S.", "U.S.-Japan",
})

# Words that make a run of capitalised words an organisation or a place, not a person.
ORG_WORDS = frozenset({
    "House", "Office", "Room", "Garden", "Ministry", "Department", "Government", "Administration",
    "Bank", "Fund", "Council", "Commission", "Union", "Party", "Parliament", "Congress", "Senate",
    "Agency", "Bureau", "Institute", "University", "Times", "Post", "News", "Press", "Journal",
    "Reuters", "Associated", "Corporation", "Corp", "Inc", "Ltd", "Group", "Motors", "Steel",
    "Airlines", "Forum", "Organization", "Organisation", "Association", "Chamber", "Committee",
    "Palace", "Street", "Hall", "Kremlin", "Pentagon", "Treasury", "Reserve", "Exchange",
    "Summit", "Treaty", "Agreement", "Alliance", "Economics", "Capital", "Partners", "Company",
    "Service", "Security", "Strait", "Sea", "Islands", "Island", "Ocean", "Gulf", "Peninsula",
    "Region", "Province", "State", "States", "Republic", "Kingdom", "Federation", "Nations",
    "Statement", "Declaration", "Act", "Law", "Initiative", "Policy", "Strategy", "Plan",
    "Conference", "Center", "Centre", "Foundation", "Network", "Channel", "Television",
    "Radio", "Daily", "Herald", "Tribune", "Gazette", "Broadcasting", "Media", "Airport",
    "Station", "Club", "Court", "Cabinet", "Ministry's", "Representatives", "Guard", "Forces",
    "Army", "Navy", "Command", "Council's", "Base", "Port", "Works", "Industries", "Holdings",
    "Energy", "Oil", "Gas", "Electric", "Technologies", "Systems", "Pharma", "Mobility",
})


@dataclass(frozen=True)
class TopicKeyword:
    """An analyst sector or topic, the words that name it, and the HS chapters it maps to."""

    key: str
    name: str
    scheme: str  # "analyst" (a sector) or "topic"
    words: tuple[str, ...]  # matched case-blind, whole words, plural forms listed
    exact_words: tuple[str, ...] = ()  # matched case-sensitively (abbreviations: LNG, AI)
    hs: tuple[str, ...] = ()  # HS notations the sector maps to
    broader: str | None = None


TOPIC_KEYWORDS: tuple[TopicKeyword, ...] = (
    TopicKeyword("automobiles", "Automobiles", "analyst",
                 ("automobile", "automobiles", "auto", "autos", "automotive", "car", "cars",
                  "automaker", "automakers", "carmaker", "carmakers", "vehicle", "vehicles",
                  "auto parts"), hs=("87",)),
    TopicKeyword("steel", "Steel", "analyst", ("steel", "steelmaker", "steelmakers"),
                 hs=("72", "73")),
    TopicKeyword("aluminium", "Aluminium", "analyst", ("aluminium", "aluminum"), hs=("76",)),
    TopicKeyword("lng", "Liquefied natural gas", "analyst", ("liquefied natural gas",),
                 exact_words=("LNG",), hs=("2711",), broader="energy"),
    TopicKeyword("energy", "Energy", "analyst",
                 ("energy", "oil", "natural gas", "crude", "fossil fuels", "oil and gas"),
                 hs=("27",)),
    TopicKeyword("semiconductors", "Semiconductors", "analyst",
                 ("semiconductor", "semiconductors", "chip", "chips", "chipmaker", "chipmakers",
                  "microchips"), hs=("8542",)),
    TopicKeyword("technology", "Technology", "analyst",
                 ("technology", "technologies", "tech", "high-tech")),
    TopicKeyword("pharmaceuticals", "Pharmaceuticals", "analyst",
                 ("pharmaceutical", "pharmaceuticals", "medicines", "drugmakers"), hs=("30",)),
    TopicKeyword("agriculture", "Agriculture", "analyst",
                 ("agriculture", "agricultural", "farm goods", "farm products", "farmers",
                  "beef", "rice", "soybeans", "dairy")),
    TopicKeyword("lumber", "Lumber", "analyst", ("lumber", "softwood", "timber"), hs=("44",)),
    TopicKeyword("critical-minerals", "Critical minerals", "analyst",
                 ("critical minerals", "rare earths", "rare earth")),
    TopicKeyword("shipbuilding", "Shipbuilding", "analyst", ("shipbuilding", "shipyards"),
                 hs=("89",)),
    TopicKeyword("tariffs", "Tariffs", "topic", ("tariff", "tariffs", "duties", "levies")),
    TopicKeyword("investment", "Investment", "topic",
                 ("investment", "investments", "investor", "investors", "foreign direct investment"),
                 exact_words=("FDI",)),
    TopicKeyword("alliance", "Security alliance", "topic",
                 ("alliance", "security treaty", "mutual defense", "mutual defence")),
    TopicKeyword("trade-balance", "Trade balance", "topic",
                 ("trade deficit", "trade deficits", "trade surplus", "trade surpluses",
                  "trade imbalance", "trade imbalances", "trade balance", "trade gap",
                  "goods deficit", "economic imbalances")),
    TopicKeyword("ai", "Artificial intelligence", "topic", ("artificial intelligence",),
                 exact_words=("AI",)),
    TopicKeyword("defence", "Defence", "topic",
                 ("defence", "defense", "military", "troops", "defence spending",
                  "defense spending")),
    TopicKeyword("indo-pacific", "Indo-Pacific", "topic", ("indo-pacific",)),
    TopicKeyword("taiwan-strait", "Taiwan Strait", "topic", ("taiwan strait",)),
    TopicKeyword("senkaku-islands", "Senkaku Islands", "topic", ("senkaku islands", "senkakus")),
    TopicKeyword("climate", "Climate", "topic", ("climate", "emissions", "clean energy")),
    TopicKeyword("migration", "Migration", "topic",
                 ("migration", "migrants", "immigration", "border security")),
    TopicKeyword("fentanyl", "Fentanyl", "topic", ("fentanyl",)),
)
