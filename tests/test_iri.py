"""IRI minting: stable, collision-free on distinct keys, valid for any Unicode name."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.graph import iri

names = st.text(min_size=1, max_size=40).filter(lambda s: iri.normalise_key(s) != "")


@given(names)
def test_minting_is_stable_and_valid(name: str) -> None:
    first = iri.person_iri(name)
    assert first == iri.person_iri(name)
    ox.NamedNode(first)  # Oxigraph validates IRIs strictly: raises on an invalid one
    assert rdflib.URIRef(first).n3().startswith("<")
    assert " " not in first and "\n" not in first


@settings(max_examples=500)
@given(names, names)
def test_distinct_keys_give_distinct_iris(a: str, b: str) -> None:
    if iri.normalise_key(a) != iri.normalise_key(b):
        assert iri.person_iri(a) != iri.person_iri(b)
    else:
        assert iri.person_iri(a) == iri.person_iri(b)


@given(names, st.one_of(st.none(), st.integers(1800, 2020)), names, st.one_of(st.none(), st.integers(1800, 2020)))
def test_person_with_and_without_birth_year_do_not_collide(a: str, ya: int | None, b: str, yb: int | None) -> None:
    if (iri.normalise_key(a), ya) != (iri.normalise_key(b), yb):
        assert iri.person_iri(a, ya) != iri.person_iri(b, yb)


def test_known_shapes() -> None:
    base = "https://w3id.org/bilateral/id/"
    assert iri.country_iri("jpn") == base + "country/JPN"
    assert iri.dyad_iri("USA", "JPN") == iri.dyad_iri("JPN", "USA") == base + "dyad/JPN-USA"
    assert iri.person_iri("Shigeru  Ishiba") == base + "person/shigeru_ishiba"
    assert iri.person_iri("石破 茂") == base + "person/石破_茂"
    assert iri.person_iri("A_B") != iri.person_iri("A B")
    assert iri.meeting_iri("2025-02-07", ["USA", "JPN"], "summit") == base + "meeting/2025-02-07/JPN-USA/summit"


def test_base_iri_is_configurable(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BILATERAL_BASE_IRI", "https://example.org/kg")
    assert iri.country_iri("JPN") == "https://example.org/kg/country/JPN"
