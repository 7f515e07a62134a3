"""Generate from `bilateral.ttl`: `vocab.py` (Python terms and enums), `context.jsonld`, the
generated part of `shapes.ttl` (sh:in of every controlled vocabulary) and the lists of allowed
values in docs/tables.md.

Run `python -m bilateral.ontology.generate` after editing the ontology; a test fails while the
generated files are stale, so code never drifts from the one declaration of the vocabulary.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

BI = "https://w3id.org/bilateral/ontology#"
HERE = Path(__file__).parent
VOCAB_FILE = HERE / "vocab.py"
CONTEXT_FILE = HERE / "context.jsonld"
SHAPES_FILE = HERE / "shapes.ttl"
DOCS_FILE = HERE.parent / "docs" / "tables.md"  # absent from an installed package: then skipped
SHAPES_MARK = "# ---------------------------------------------------------------- GENERATED"
DOCS_BEGIN = "<!-- BEGIN GENERATED from ontology/bilateral.ttl by ontology/generate.py: do not edit -->"
DOCS_END = "<!-- END GENERATED -->"


@dataclass(frozen=True)
class Concept:
    notation: str
    label: str
    definition: str | None


@dataclass(frozen=True)
class Scheme:
    """A controlled vocabulary: a SKOS concept scheme and the datatype properties it constrains."""

    name: str  # local name of the scheme, also the name of its Python enum
    label: str
    concepts: tuple[Concept, ...]
    properties: tuple[str, ...]  # local names


def schemes(graph: rdflib.Graph) -> list[Scheme]:
    """Every concept scheme of the ontology, its concepts in their declared order."""
    out = []
    for node in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        listed = graph.value(node, rdflib.URIRef(BI + "conceptList"))
        members = list(Collection(graph, listed)) if listed is not None else []
        if not members or set(members) != set(graph.subjects(SKOS.inScheme, node)):
            raise ValueError(f"{node}: bi:conceptList must list every concept in the scheme")
        concepts = tuple(
            Concept(
                str(graph.value(c, SKOS.notation)),
                str(graph.value(c, SKOS.prefLabel)),
                _optional(graph.value(c, SKOS.definition)),
            )
            for c in members
        )
        props = tuple(sorted(str(p)[len(BI) :] for p in graph.subjects(rdflib.URIRef(BI + "valueScheme"), node)))
        out.append(Scheme(str(node)[len(BI) :], str(graph.value(node, SKOS.prefLabel)), concepts, props))
    return out


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def _member(notation: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", notation).upper()


def _terms(graph: rdflib.Graph, kind: rdflib.URIRef) -> list[str]:
    return sorted(
        str(s)[len(BI) :]
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, rdflib.URIRef) and str(s).startswith(BI)
    )


def _index_terms(graph: rdflib.Graph) -> list[str]:
    """The datatype properties marked `bi:index true`: derived by the store, not data of a source."""
    marked = {
        str(s)[len(BI) :]
        for s, o in graph.subject_objects(rdflib.URIRef(BI + "index"))
        if isinstance(o, rdflib.Literal) and o.toPython() is True
    }
    return [t for t in _terms(graph, OWL.DatatypeProperty) if t in marked]


def _range(graph: rdflib.Graph, local: str) -> str:
    value = graph.value(rdflib.URIRef(BI + local), RDFS.range)
    return str(value) if value is not None else str(XSD.string)


def render_vocab(graph: rdflib.Graph) -> str:
    classes = _terms(graph, OWL.Class)
    objects = _terms(graph, OWL.ObjectProperty)
    index = _index_terms(graph)
    datas = [d for d in _terms(graph, OWL.DatatypeProperty) if d not in index]
    lines = [
        '"""Terms and controlled vocabularies of the bilateral ontology. GENERATED from bilateral.ttl by '
        'generate.py: do not edit."""',
        "",
        "from __future__ import annotations",
        "",
        "from enum import StrEnum",
        "from typing import Final",
        "",
        f'NS: Final = "{BI}"',
        "",
        "",
        "class BI:",
        '    """Every class and property of the ontology, as full IRIs."""',
        "",
    ]
    for name in classes + objects + datas + index:
        lines.append(f'    {name}: Final = "{BI}{name}"')
    lines += ["", "", "CLASSES: Final = frozenset({"]
    lines += [f"    BI.{n}," for n in classes]
    lines += ["})", "", "OBJECT_PROPERTIES: Final = frozenset({"]
    lines += [f"    BI.{n}," for n in objects]
    lines += ["})", "", "# datatype property -> its XSD range", "DATATYPE_RANGES: Final = {"]
    lines += [f'    BI.{n}: "{_range(graph, n)}",' for n in datas]
    lines += ["}", "", "# derived by the store to look names up (bi:index): not projected, not in DATATYPE_RANGES"]
    lines += ["INDEX_PROPERTIES: Final = frozenset({", *(f"    BI.{n}," for n in index), "})", ""]
    vocabularies = schemes(graph)
    for scheme in vocabularies:
        lines += ["", f"class {scheme.name}(StrEnum):", f'    """The {scheme.label}."""', ""]
        lines += [f"    {_member(c.notation)} = {c.notation!r}" for c in scheme.concepts]
        lines += [""]
    lines += [
        "",
        "# datatype property -> the controlled vocabulary of its values",
        "VALUE_SCHEMES: Final[dict[str, type[StrEnum]]] = {",
    ]
    lines += [f"    BI.{p}: {s.name}," for s in vocabularies for p in s.properties]
    lines += ["}", ""]
    return "\n".join(lines)


def render_shapes(graph: rdflib.Graph, current: str) -> str:
    """shapes.ttl: its hand-written part, then one sh:in shape per controlled property."""
    hand = current.split(SHAPES_MARK, 1)[0].rstrip("\n")
    lines = [
        hand,
        "",
        SHAPES_MARK,
        "# from the concept schemes of bilateral.ttl by generate.py: do not edit below.",
        "",
    ]
    for scheme in schemes(graph):
        for prop in scheme.properties:
            values = " ".join(json.dumps(c.notation) for c in scheme.concepts)
            allowed = ", ".join(c.notation for c in scheme.concepts)
            lines += [
                f"bis:{prop}Values a sh:NodeShape ;",
                f"    sh:targetSubjectsOf bi:{prop} ;",
                f"    sh:property [ sh:path bi:{prop} ; sh:in ( {values} ) ;",
                f'                  sh:message "{prop} is one of the {scheme.label}: {allowed}" ] .',
                "",
            ]
    return "\n".join(lines)


def render_docs(graph: rdflib.Graph, current: str) -> str:
    """docs/tables.md with its lists of allowed values rewritten between the markers."""
    if DOCS_BEGIN not in current or DOCS_END not in current:
        raise ValueError(f"{DOCS_FILE.name}: the markers of the generated part are missing")
    head, rest = current.split(DOCS_BEGIN, 1)
    tail = rest.split(DOCS_END, 1)[1]
    lines = [
        DOCS_BEGIN,
        "## Allowed values",
        "",
        "Columns that take a value from a closed list; the lists are declared once in the ontology.",
        "",
    ]
    for scheme in schemes(graph):
        lines += [f"### {scheme.label[0].upper()}{scheme.label[1:]}", ""]
        for concept in scheme.concepts:
            meaning = f": {concept.definition}" if concept.definition else ""
            lines.append(f"- `{concept.notation}`{meaning}")
        lines.append("")
    lines.append(DOCS_END)
    return head + "\n".join(lines) + tail


def render_context(graph: rdflib.Graph) -> str:
    context: dict[str, object] = {
        "@version": 1.1,
        "bi": BI,
        "xsd": str(XSD),
        "prov": "http://www.w3.org/ns/prov#",
        "owl": str(OWL),
    }
    for name in _terms(graph, OWL.Class):
        context[name] = f"bi:{name}"
    for name in _terms(graph, OWL.ObjectProperty):
        context[name] = {"@id": f"bi:{name}", "@type": "@id"}
    for name in _terms(graph, OWL.DatatypeProperty):
        rng = _range(graph, name)
        entry: dict[str, str] = {"@id": f"bi:{name}"}
        if rng != str(XSD.string):
            entry["@type"] = "xsd:" + rng.rsplit("#", 1)[1]
        context[name] = entry
    return json.dumps({"@context": context}, indent=2, ensure_ascii=False) + "\n"


def outputs(graph: rdflib.Graph) -> dict[Path, str]:
    """Every generated file and the text it should hold."""
    out = {
        VOCAB_FILE: render_vocab(graph),
        CONTEXT_FILE: render_context(graph),
        SHAPES_FILE: render_shapes(graph, SHAPES_FILE.read_text(encoding="utf-8")),
    }
    if DOCS_FILE.exists():
        out[DOCS_FILE] = render_docs(graph, DOCS_FILE.read_text(encoding="utf-8"))
    return out


def main(check: bool = False) -> int:
    graph = rdflib.Graph().parse(HERE / "bilateral.ttl", format="turtle")
    wanted = outputs(graph)
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if check:
        for path in stale:
            print(f"stale: {path.name} (run python -m bilateral.ontology.generate)")
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv))
