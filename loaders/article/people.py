"""People: name sites resolved, in text order, to people the gazetteer knows or to new candidates."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bilateral.loaders.article.model import Gazetteer, KnownPerson, KnownTenure
from bilateral.loaders.article.names import PARTICLES, Site
from bilateral.loaders.article.text import Index, normalise_key, starting_in
from bilateral.loaders.article_lexicon import (
    GENDER_OF_HONORIFIC,
    country_surface_forms,
    office_roles,
)
from bilateral.loaders.records import PersonRef

__all__ = [
    "People",
    "PersonMention",
    "merge_short_candidates",
    "name_key",
    "role_of_candidate",
]


@dataclass
class _Candidate:
    ref: PersonRef
    written: str
    office: str | None
    country: str | None
    start: int
    end: int
    confidence: float


@lru_cache(maxsize=1 << 16)  # called for every candidate at every name: the same few names
def name_key(name: str) -> str:
    return normalise_key(name.replace(".", "").replace("’", "'"))


_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _token_at(name: str, position: int | None, wanted: str) -> bool:
    """Whether the name's token at `position` (any token but particles and suffixes when None)
    is `wanted`; a suffix (Jr.) does not count as the last token."""
    tokens = [name_key(t) for t in name.split() if name_key(t) not in _SUFFIXES]
    if len(tokens) < 2:
        return False
    if position is None:
        return wanted in [t for t in tokens if t not in PARTICLES]
    return tokens[position] == wanted


def _is_part(key: str, full: str) -> bool:
    """Whether the words of `key` are a run of the words of `full` (and not all of them)."""
    a, b = key.split(), full.split()
    return len(a) < len(b) and any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _without_initials(name: str) -> str:
    parts = [p for p in name.replace(".", " ").split() if len(p) > 1 or p.islower()]
    return " ".join(parts)


class People:
    """Resolves person sites, in text order, to known people and new candidates."""

    def __init__(self, gazetteer: Gazetteer, day: dt.date | None) -> None:
        self.day = day
        self.known = gazetteer.people
        self.by_name: dict[str, list[KnownPerson]] = {}
        self.by_surname: dict[str, list[KnownPerson]] = {}
        for person in self.known:
            for form in (person.name, *person.aliases):
                for variant in {form, _without_initials(form)}:
                    if variant:
                        self.by_name.setdefault(name_key(variant), []).append(person)
            parts = person.name.split()
            if len(parts) >= 2:
                self.by_surname.setdefault(name_key(parts[-1]), []).append(person)
        self.candidates: dict[str, _Candidate] = {}
        # person -> (offset, order noted) of each resolved mention, sorted: the latest one
        # before an offset is a bisection away, however long the article
        self.seen: dict[PersonRef, list[tuple[int, int]]] = {}
        self._noted = 0
        self.gender: dict[PersonRef, str] = {}
        self.written: dict[PersonRef, str] = {}
        self.offices: dict[PersonRef, tuple[str | None, str | None]] = {}
        # people titled with no country ("President Donald Trump" beside "Chinese President Xi
        # Jinping"): the press qualifies the other side's leader, not its own
        self.unqualified: set[PersonRef] = set()
        self.article_countries: set[str] = set()  # every country the article names

    # -- facts about people -----------------------------------------------------------------

    def tenures_on(self, person: KnownPerson) -> list[KnownTenure]:
        valid = [t for t in person.tenures if t.valid_on(self.day)]
        return sorted(valid, key=lambda t: (not ({"head_of_state", "head_of_government"} & set(t.roles)), t.office))

    def office_of(self, ref: PersonRef) -> tuple[str | None, str | None]:
        """(office, country) of a person on the day: the tenure valid then, or the article's title."""
        for person in self.known:
            if person.ref == ref:
                tenures = self.tenures_on(person)
                if tenures:
                    return tenures[0].office, tenures[0].country
                if person.tenures:
                    return None, person.tenures[0].country
        cand = self.candidates.get(name_key(ref.name))
        if cand:
            return cand.office, cand.country
        return self.offices.get(ref, (None, None))

    # -- resolution -------------------------------------------------------------------------

    def _recent(self, refs: Iterable[PersonRef], before: int) -> PersonRef | None:
        """Of `refs`, the one mentioned last before `before` (the later noted on a tie)."""
        latest: tuple[int, int] | None = None
        found = None
        for ref in set(refs):
            marks = self.seen.get(ref, [])
            i = bisect_left(marks, (before,))
            if i and (latest is None or marks[i - 1] > latest):
                latest, found = marks[i - 1], ref
        return found

    def rename(self, mapping: dict[PersonRef, PersonRef]) -> None:
        """Mentions of the keys are now mentions of their values."""
        merged: dict[PersonRef, list[tuple[int, int]]] = {}
        for ref, marks in self.seen.items():
            merged.setdefault(mapping.get(ref, ref), []).extend(marks)
        self.seen = {ref: sorted(marks) for ref, marks in merged.items()}

    def _fits_title(self, person: KnownPerson, title: str | None) -> bool:
        if not title:
            return False
        office = _office_of_title(title).casefold()
        return any(t.office.casefold() == office for t in self.tenures_on(person)) or any(
            t.office.casefold() == office for t in person.tenures
        )

    def resolve(self, site: Site) -> tuple[PersonRef, str, float] | None:
        if site.role:
            return self._resolve_role(site)
        name = site.name.strip()
        key = name_key(name)
        known = self.by_name.get(key) or self.by_name.get(name_key(_without_initials(name)))
        if known:
            person = self._pick(known, site)
            return person.ref, "name", 0.95
        parts = name.split()
        if len(parts) == 1:
            surname = name_key(parts[0])
            local = []
            # the last name first; then the first (Lee Jae-myung, Xi Jinping); then any (Lula)
            for position in (-1, 0, None):
                local = [c.ref for c in self.candidates.values() if _token_at(c.ref.name, position, surname)]
                if local:
                    break
            knowns = self.by_surname.get(surname, [])
            recent = self._recent([*local, *(p.ref for p in knowns)], site.start)
            if recent is not None:
                person_k = next((p for p in knowns if p.ref == recent), None)
                conf = 0.85 if person_k and self._fits_title(person_k, site.title) else 0.7
                return recent, "surname", conf
            if len(knowns) >= 1:
                fitting = [p for p in knowns if self.tenures_on(p)] or knowns
                if site.title:
                    fitting = [p for p in fitting if self._fits_title(p, site.title)] or fitting
                if len(fitting) == 1:
                    conf = 0.85 if self._fits_title(fitting[0], site.title) else 0.7
                    return fitting[0].ref, "surname", conf
                return None
            if len(local) == 1:
                return local[0], "surname", 0.7
            if site.title or site.honorific or site.evidence == "agent":
                return self._candidate(site, 0.5), "new", 0.5
            return None
        if key in self.candidates:
            return self.candidates[key].ref, "name", self.candidates[key].confidence
        # a capitalised word before a name seen already: "“Met Nooruddin Azizi ...”" opening a quote
        # (the rest a full name: "Ebrahim Raisi" after "President Raisi" is no such case)
        rest = name_key(" ".join(parts[1:])) if len(parts) > 2 else ""
        if rest in self.candidates:
            return self.candidates[rest].ref, "name", self.candidates[rest].confidence
        if rest in self.by_name:
            return self._pick(self.by_name[rest], site).ref, "name", 0.9
        # part of a longer name seen before ("da Silva", "Marcos Jr." after "Ferdinand Marcos Jr.")
        within = [c.ref for c in self.candidates.values() if _is_part(key, name_key(c.ref.name))]
        within += [p.ref for p in self.known if _is_part(key, name_key(p.name))]
        if len(set(within)) == 1:
            return within[0], "surname", 0.7
        if not site.evidence or site.evidence == "credit":
            return None  # a byline or a photo credit names no person of the article
        conf = 0.5 if site.evidence == "verb" else 0.6
        return self._candidate(site, conf), "new", conf

    def _pick(self, people: list[KnownPerson], site: Site) -> KnownPerson:
        if len(people) == 1:
            return people[0]
        valid = [p for p in people if self.tenures_on(p)]
        if site.title:
            valid = [p for p in valid if self._fits_title(p, site.title)] or valid
        return (valid or people)[0]

    def add_candidate(self, site: Site, conf: float) -> PersonRef:
        """A new candidate named at `site` (or the one of that name already)."""
        return self._candidate(site, conf)

    def _candidate(self, site: Site, conf: float) -> PersonRef:
        key = name_key(site.name)
        if key in self.candidates:
            return self.candidates[key].ref
        office = _office_of_title(site.title) if site.title else None
        ref = PersonRef(site.name.strip())
        self.candidates[key] = _Candidate(ref, site.name.strip(), office, site.country, site.start, site.end, conf)
        return ref

    def _resolve_role(self, site: Site) -> tuple[PersonRef, str, float] | None:
        assert site.role is not None
        role = site.role.casefold()
        options: list[tuple[PersonRef, str]] = []  # (person, country)
        for person in self.known:
            for t in self.tenures_on(person):
                if _role_fits(role, t.office, t.roles):
                    options.append((person.ref, t.country))
        for cand in self.candidates.values():
            if cand.office and _role_fits(role, cand.office, office_roles(cand.office)) and cand.start < site.start:
                options.append((cand.ref, cand.country or ""))
        # a new candidate of no stated country may be any side's ("Prime Minister Mark Carney")
        wanted = {site.role_country} if site.role_country else {c for c in self.article_countries if c}
        # ... or one the article named before, though it names no country of theirs ("President
        # Donald Trump" at "the White House", then "the president said")
        options = [
            o
            for o in options
            if o[1] in wanted or o[1] == "" or (not site.role_country and self._recent([o[0]], site.start))
        ]
        # "the US president": one of that country named before, rather than a new one of no stated
        # country (and never one the article does not name, when it names one of no country)
        exact = [o for o in options if o[1] == site.role_country and self._recent([o[0]], site.start)]
        if site.role_country and exact:
            options = exact
        refs = list(dict.fromkeys(ref for ref, _ in options))
        if len(refs) > 1 and not site.role_country:
            own = [ref for ref in refs if ref in self.unqualified]
            refs = own if len(own) == 1 else refs
        if len(refs) > 1:
            recent = self._recent(refs, site.start)
            refs = [recent] if recent else []
        if not refs:
            return None
        known = self.candidates.get(name_key(refs[0].name))
        if known is not None and known.country is None and site.role_country:
            known.country = site.role_country  # "Canada's prime minister": now we know
        return refs[0], "role", 0.7 if len(options) == 1 else 0.55

    def note(self, pos: int, ref: PersonRef, site: Site) -> None:
        self._noted += 1
        insort(self.seen.setdefault(ref, []), (pos, self._noted))
        if site.honorific:
            gender = GENDER_OF_HONORIFIC.get(site.honorific.rstrip("."))
            if gender:
                self.gender.setdefault(ref, gender)
        if site.name and len(site.name.split()) > len(self.written.get(ref, "").split()):
            self.written[ref] = site.name
        if site.title and ref not in self.offices:
            self.offices[ref] = (_office_of_title(site.title), site.country)
        if site.title and not site.country and not site.role:
            self.unqualified.add(ref)


def _office_of_title(title: str) -> str:
    words = [w for w in title.split() if w not in ("Former", "former", "Acting", "then") and not w.startswith("then-")]
    words = [w for w in words if w not in country_surface_forms()]
    return " ".join(words) or title


def _role_fits(role: str, office: str, roles: tuple[str, ...]) -> bool:
    office_l = office.casefold()
    if role == "person":  # "the Norwegian": anyone of the country, with an office
        return True
    if role == "leader":
        return bool({"head_of_state", "head_of_government"} & set(roles))
    if role in ("foreign minister", "secretary of state", "foreign secretary"):
        return "foreign_minister" in roles or office_l == role
    if role in ("vice president", "vice-president"):
        return office_l.replace("-", " ") == "vice president"
    if role == "premier":  # the press's word for a prime minister too ("the British premier")
        return office_l in ("premier", "prime minister")
    if role in ("minister", "secretary"):  # any of that office but the head of government
        words = office_l.split()
        return role in words and office_l != "prime minister"
    return office_l == role


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    ref: PersonRef
    how: str
    confidence: float
    in_quote: bool


def merge_short_candidates(people: People, mentions: list[PersonMention]) -> list[PersonMention]:
    """A one-word candidate ("Mr. Carney" before the article gives the full name) is the one
    candidate whose full name has that word ("Mark Carney"), when there is exactly one."""
    mapping: dict[PersonRef, PersonRef] = {}
    for key, short in list(people.candidates.items()):
        if len(short.ref.name.split()) != 1:
            continue
        word = name_key(short.ref.name)
        fuller = [
            c
            for c in people.candidates.values()
            if len(c.ref.name.split()) > 1 and word in name_key(c.ref.name).split()
        ]
        if len(fuller) != 1:
            continue
        target = fuller[0]
        target.office = target.office or short.office
        target.country = target.country or short.country
        mapping[short.ref] = target.ref
        del people.candidates[key]
        if short.ref in people.gender:
            people.gender.setdefault(target.ref, people.gender.pop(short.ref))
        if short.ref in people.offices:
            people.offices.setdefault(target.ref, people.offices.pop(short.ref))
    if not mapping:
        return mentions
    people.rename(mapping)
    return [PersonMention(m.start, m.end, mapping.get(m.ref, m.ref), m.how, m.confidence, m.in_quote) for m in mentions]


def role_of_candidate(
    site: Site, people: People, mentions: list[PersonMention], index: Index
) -> tuple[PersonRef, str, float] | None:
    """ "The prime minister" that fits no tenure, in a sentence that names exactly one new
    candidate of unknown office before it ("Sir Keir Starmer ..., as the prime minister
    sought ..."): that candidate, who takes the office."""
    if site.role not in ("prime minister", "premier", "chancellor", "president"):
        return None
    n = index.sentence_of(site.start)
    s0 = index.sentences[n][0]
    before = [m for m in starting_in(mentions, s0, site.start) if not m.in_quote]
    # the new candidates of no office named before it ("Donald Trump and Sir Keir Starmer ...")
    unknown = {
        key: people.candidates[key]
        for m in before
        if (key := name_key(m.ref.name)) in people.candidates and people.candidates[key].office is None
    }
    if not before and n > 0 and site.start - s0 <= 1:
        # "The PM also called for ..." opening a sentence: the subject of the sentence before
        previous = [m for m in starting_in(mentions, index.sentences[n - 1][0], s0) if not m.in_quote]
        key = name_key(previous[0].ref.name) if previous else ""
        if key in people.candidates and people.candidates[key].office is None:
            unknown = {key: people.candidates[key]}
    if len(unknown) != 1:
        return None
    [cand] = unknown.values()
    assert site.role is not None
    cand.office = site.role.title().replace("Of", "of")
    cand.country = cand.country or site.role_country
    return cand.ref, "role", 0.5
