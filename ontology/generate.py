"""Generate `vocab.py` (Python terms) and `context.jsonld` from `bilateral.ttl`.

Run `python -m bilateral.ontology.generate` after editing the ontology; a test fails while the
generated files are stale, so code never drifts from the one declaration of the vocabulary.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, XSD

BI = "https://w3id.org/bilateral/ontology#"
HERE = Path(__file__).parent
VOCAB_FILE = HERE / "vocab.py"
CONTEXT_FILE = HERE / "context.jsonld"


def _terms(graph: rdflib.Graph, kind: rdflib.URIRef) -> list[str]:
    return sorted(
        str(s)[len(BI):] for s in graph.subjects(RDF.type, kind)
        if isinstance(s, rdflib.URIRef) and str(s).startswith(BI)
    )


def _range(graph: rdflib.Graph, local: str) -> str:
    value = graph.value(rdflib.URIRef(BI + local), RDFS.range)
    return str(value) if value is not None else str(XSD.string)


def render_vocab(graph: rdflib.Graph) -> str:
    classes = _terms(graph, OWL.Class)
    objects = _terms(graph, OWL.ObjectProperty)
    datas = _terms(graph, OWL.DatatypeProperty)
    lines = [
        '"""Terms of the bilateral ontology. GENERATED from bilateral.ttl by generate.py: do not edit."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        f'NS: Final = "{BI}"',
        "",
        "",
        "class BI:",
        '    """Every class and property of the ontology, as full IRIs."""',
        "",
    ]
    for name in classes + objects + datas:
        lines.append(f'    {name}: Final = "{BI}{name}"')
    lines += ["", "", "CLASSES: Final = frozenset({"]
    lines += [f'    BI.{n},' for n in classes]
    lines += ["})", "", "OBJECT_PROPERTIES: Final = frozenset({"]
    lines += [f'    BI.{n},' for n in objects]
    lines += ["})", "", "# datatype property -> its XSD range", "DATATYPE_RANGES: Final = {"]
    lines += [f'    BI.{n}: "{_range(graph, n)}",' for n in datas]
    lines += ["}", ""]
    return "\n".join(lines)


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


def main(check: bool = False) -> int:
    graph = rdflib.Graph().parse(HERE / "bilateral.ttl", format="turtle")
    outputs = {VOCAB_FILE: render_vocab(graph), CONTEXT_FILE: render_context(graph)}
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text() != text]
    if check:
        for path in stale:
            print(f"stale: {path.name} (run python -m bilateral.ontology.generate)")
        return 1 if stale else 0
    for path in stale:
        path.write_text(outputs[path])
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv))
