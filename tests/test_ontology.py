"""The ontology is the one declaration of the vocabulary: it parses, it is complete, and code and
queries use no term it does not declare."""

from __future__ import annotations

import re

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from bilateral.ontology import generate, ontology_graph, shapes_graph
from bilateral.ontology.vocab import BI, CLASSES, DATATYPE_RANGES, NS, OBJECT_PROPERTIES

from .conftest import ROOT

DESIGN_CLASSES = {"Country", "Dyad", "Person", "Tenure", "Meeting", "Statement", "Sector",
                  "TradeFlow", "IndicatorObservation", "Treaty", "Alliance", "Commitment", "Source"}


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


def test_generated_vocab_and_context_are_current() -> None:
    assert generate.main(check=True) == 0, "run: python -m bilateral.ontology.generate"


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
