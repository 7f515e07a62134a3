"""The ontology is the one declaration of the vocabulary: it parses, it is complete, and code and
queries use no term it does not declare."""

from __future__ import annotations

import re

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from bilateral.api import KnowledgeGraph
from bilateral.graph.iri import source_iri
from bilateral.ontology import generate, ontology_graph, shapes_graph, vocab
from bilateral.ontology.vocab import BI, CLASSES, DATATYPE_RANGES, NS, OBJECT_PROPERTIES, VALUE_SCHEMES

from .conftest import ROOT

DESIGN_CLASSES = {
    "Country",
    "Dyad",
    "Person",
    "Tenure",
    "Meeting",
    "Statement",
    "Sector",
    "TradeFlow",
    "IndicatorObservation",
    "Treaty",
    "Alliance",
    "Commitment",
    "Source",
}


def test_ontology_and_shapes_parse() -> None:
    assert len(ontology_graph()) > 100
    assert len(shapes_graph()) > 50


def test_every_class_of_the_design_is_declared() -> None:
    declared = {c.removeprefix(NS) for c in CLASSES}
    assert DESIGN_CLASSES <= declared


def test_every_term_has_label_comment_and_alignment_or_domain() -> None:
    graph = ontology_graph()
    for term in [*CLASSES, *OBJECT_PROPERTIES, *DATATYPE_RANGES]:
        node = rdflib.URIRef(term)
        assert graph.value(node, RDFS.label), f"{term} has no rdfs:label"
        assert graph.value(node, RDFS.comment), f"{term} has no rdfs:comment"
    for prop in OBJECT_PROPERTIES:
        assert graph.value(rdflib.URIRef(prop), RDFS.range), f"{prop} has no range"
    # every class but the hub is aligned with an outside vocabulary or a class of ours
    for cls in CLASSES:
        assert list(graph.objects(rdflib.URIRef(cls), RDFS.subClassOf)), f"{cls} is not aligned"


def test_generated_vocab_context_shapes_and_docs_are_current() -> None:
    generated = set(generate.outputs(ontology_graph()))
    assert {generate.VOCAB_FILE, generate.CONTEXT_FILE, generate.SHAPES_FILE, generate.DOCS_FILE} <= generated
    assert generate.main(check=True) == 0, "run: python -m bilateral.ontology.generate"


# The closed lists of values of the project, each declared once as a SKOS concept scheme.
VOCABULARIES = {
    "MeetingKind": "kind",
    "CommitmentStatus": "status",
    "Reliability": "reliability",
    "Indicator": "indicator",
    "SectorScheme": "scheme",
    "Unit": "unit",
    "Role": "role",
    "AllianceType": "allianceType",
}


def test_each_controlled_vocabulary_is_a_concept_scheme_and_an_enum() -> None:
    graph = ontology_graph()
    for name, prop in VOCABULARIES.items():
        scheme = rdflib.URIRef(NS + name)
        assert (scheme, RDF.type, SKOS.ConceptScheme) in graph, name
        assert graph.value(rdflib.URIRef(NS + prop), rdflib.URIRef(NS + "valueScheme")) == scheme
        listed = list(Collection(graph, graph.value(scheme, rdflib.URIRef(NS + "conceptList"))))
        notations = [str(graph.value(c, SKOS.notation)) for c in listed]
        assert all(graph.value(c, SKOS.prefLabel) for c in listed), name
        enum = getattr(vocab, name)
        assert [member.value for member in enum] == notations
        assert VALUE_SCHEMES[getattr(BI, prop)] is enum


def test_the_shapes_allow_exactly_each_vocabulary() -> None:
    shapes = shapes_graph()
    for prop, enum in VALUE_SCHEMES.items():
        lists = [
            list(Collection(shapes, o))
            for s in shapes.subjects(SH.path, rdflib.URIRef(prop))
            for o in shapes.objects(s, SH["in"])
        ]
        assert [[str(v) for v in values] for values in lists] == [[m.value for m in enum]], prop


def _restated(values: list[str]) -> re.Pattern[str]:
    """Every value of a vocabulary in a row, quoted and separated only by commas and spaces."""
    quoted = [r"[\"']" + re.escape(v) + r"[\"']" for v in values]
    return re.compile(r"[\s,]*".join(quoted))


def test_no_vocabulary_is_restated_outside_the_ontology() -> None:
    patterns = {enum.__name__: _restated([m.value for m in enum]) for enum in set(VALUE_SCHEMES.values())}
    files = [
        p
        for d in ("bilateral", "graph", "loaders", "queries", "ontology")
        for p in (ROOT / d).rglob("*")
        if p.suffix in (".py", ".ttl", ".rq", ".cypher")
    ]
    for path in files:
        name = path.relative_to(ROOT).as_posix()
        if path.name == "vocab.py":
            continue
        text = path.read_text(encoding="utf-8").split(generate.SHAPES_MARK)[0]
        for vocabulary, pattern in patterns.items():
            assert not pattern.search(text), f"{name} restates the {vocabulary} vocabulary"
    docs = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8").split(generate.DOCS_BEGIN)[0]
    for vocabulary, enum in VALUE_SCHEMES.items():
        assert not re.search(r"`[\s,]*`".join(re.escape(m.value) for m in enum), docs), vocabulary


def _declared_locals() -> set[str]:
    graph = ontology_graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s).removeprefix(NS) for k in kinds for s in graph.subjects(RDF.type, k)}


def test_code_uses_only_declared_terms_and_no_scattered_iris() -> None:
    declared = _declared_locals()
    code_dirs = ["bilateral", "graph", "loaders", "queries", "ontology"]
    for folder in code_dirs:
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for term in re.findall(r"\bBI\.([A-Za-z_][A-Za-z0-9_]*)", text):
                assert term in declared, f"{path.name} uses BI.{term}, not in the ontology"
            if path.name not in ("vocab.py", "generate.py"):
                assert NS not in text, f"{path.name} spells the ontology namespace out"


def test_queries_use_only_declared_terms() -> None:
    declared = _declared_locals()
    files = [*(ROOT / "queries").glob("*.rq"), *(ROOT / "queries").glob("*.cypher")]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        for term in re.findall(r"\bbi:([A-Za-z_][A-Za-z0-9_]*)", text):
            assert term in declared, f"{path.name} uses bi:{term}, not in the ontology"


def test_shapes_only_name_declared_terms() -> None:
    declared = _declared_locals()
    for s, p, o in shapes_graph():
        for node in (s, p, o):
            if isinstance(node, rdflib.URIRef) and str(node).startswith(NS):
                assert str(node).removeprefix(NS) in declared, node


def test_vocab_terms_are_full_iris() -> None:
    assert BI.Meeting == NS + "Meeting"
    assert BI.participatedIn in OBJECT_PROPERTIES
    assert DATATYPE_RANGES[BI.startDate].endswith("#date")


def test_validate_rejects_a_value_outside_its_vocabulary(kg: KnowledgeGraph) -> None:
    graph = ox.NamedNode(source_iri("vocab-test"))
    thing = ox.NamedNode("https://w3id.org/bilateral/id/indicatorobservation/x")

    def text(value: str) -> ox.Literal:
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"))

    kg.store.add(
        [
            ox.Quad(s, ox.NamedNode(p), o, graph)
            for s, p, o in [
                (graph, str(RDF.type), ox.NamedNode(BI.Source)),
                (graph, BI.title, text("Made-up vocabulary test")),
                (graph, BI.reliability, text("synthetic")),
                (thing, BI.unit, text("bushels")),
            ]
        ]
    )
    violations = kg.validate()
    assert [(v.focus, v.path, v.value) for v in violations] == [(thing.value, BI.unit, "bushels")]
    assert "current prices, persons, percent, tonnes" in violations[0].message
