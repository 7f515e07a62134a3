"""Exports of the store, for other tools: RDF (TriG, N-Quads, Turtle, JSON-LD) and the property
graph of docs/neo4j-mapping.md (GraphML, GEXF, neo4j-admin CSV, a Cypher script).

What streams and what holds memory:

- `trig`, `nquads`: streamed by Oxigraph's own serializer, straight from the store's indexes.
  Filtered exports stream graph by graph; `dyad` first collects the dyad's subjects (a set of
  IRIs, not of facts).
- `turtle`: the union of the graphs, written subject by subject so that a triple asserted by
  several sources appears once; holds the list of subjects and one subject's triples at a time.
  With `source` it streams that one graph. Turtle has no graphs: which source said what is lost.
- `jsonld`: one named graph at a time (rdflib compacts it with ontology/context.jsonld); the
  document around them is written as it goes.
- `graphml`, `gexf`, `csv`, `cypher`: the property-graph projection, which holds every node and
  relationship in memory (a node can only be written once every fact about it, from every graph,
  is known); graphml/gexf also build networkx's graph and XML tree.

Filters: `source` keeps the quads of that source's graph (its description included). `dyad`
keeps the quads whose subject is the dyad itself or anything with `bi:dyad` that dyad (meetings,
trade flows, indicators, commitments, treaties...), in whatever graph they sit, plus the
self-description (subject = graph IRI) of every graph those quads come from, so each exported
fact keeps its source. People and countries are not expanded: they are reached through the
exported facts' IRIs. Both filters together: the dyad's quads within that one graph.

Every file is written to a temporary name beside it and renamed when complete, so a failed
export leaves no half-written file; `-` writes to stdout; a `.gz` name is gzip-compressed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import os
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, Any, LiteralString, cast

import networkx as nx
import pyoxigraph as ox

from bilateral.core.errors import BilateralError, NameResolutionError
from bilateral.graph import iri
from bilateral.graph.mapping import Projection, PropertyValue, check_label, check_rel_type, project
from bilateral.graph.networkx import to_networkx
from bilateral.graph.resolve import resolve
from bilateral.graph.store import OxigraphStore, Rows
from bilateral.ontology.vocab import BI, NS

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportReport",
    "Selection",
    "cypher_literal",
    "export",
    "file_graph",
    "read_context",
    "run_cypher_script",
    "select",
]

FORMATS = ("trig", "nquads", "turtle", "jsonld", "graphml", "gexf", "csv", "cypher")
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {
    "bi": NS, "xsd": XSD, "prov": "http://www.w3.org/ns/prov#", "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
GENERIC_LABEL = check_label("Resource")  # as graph/neo4j.py: every projected node has it
CSV_README = "README.txt"
CSV_MARKER = "bilateral csv export"
_BATCH = 200  # rows per :param in the Cypher script (one line each)


class ExportError(BilateralError):
    """An export that cannot be written: bad format or target."""


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    format: str
    output: str  # the path written, or "-" for stdout
    files: tuple[str, ...]  # the files written (several for csv)
    quads: int | None = None  # RDF formats (triples for turtle)
    nodes: int | None = None  # property-graph formats
    relationships: int | None = None

    def rows(self) -> Rows:
        items: list[tuple[Any, ...]] = [("format", self.format), ("output", self.output)]
        for name in ("quads", "nodes", "relationships"):
            if getattr(self, name) is not None:
                items.append((name, getattr(self, name)))
        items += [("file", f) for f in self.files]
        return Rows(["what", "value"], items)


# -- what is exported ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """The quads an export holds: the whole store, one source's graph, one dyad's facts."""

    store: OxigraphStore
    graphs: tuple[ox.NamedNode, ...]  # the graphs exported from, sorted
    source: ox.NamedNode | None = None
    dyad: ox.NamedNode | None = None
    subjects: frozenset[ox.NamedNode | ox.BlankNode] = frozenset()  # with `dyad`: its subjects

    @property
    def whole(self) -> bool:
        return self.source is None and self.dyad is None

    def keep(self, quad: ox.Quad) -> bool:
        """Whether a quad of one of `graphs` is exported."""
        if self.dyad is None:
            return True
        return quad.subject in self.subjects or quad.subject == quad.graph_name

    def quads(self) -> Iterator[ox.Quad]:
        """The selected quads, graph by graph (the default graph first, for the whole store)."""
        raw = self.store
        if self.whole:
            yield from raw.pattern(None, None, None, ox.DefaultGraph())
        for graph in self.graphs:
            for quad in raw.pattern(None, None, None, graph):
                if self.keep(quad):
                    yield quad

    def triples(self) -> Iterator[ox.Triple]:
        """The union of the selected graphs as triples, each once, subject by subject."""
        raw = self.store
        if self.source is not None and self.dyad is None:
            for quad in raw.pattern(None, None, None, self.source):
                yield quad.triple  # one graph holds no duplicates
            return
        if self.whole:
            subjects: list[Any] = list(raw.subjects())
        else:
            subjects = sorted(self.subjects | set(self.graphs), key=str)
        graphs = set(self.graphs)
        for subject in subjects:
            seen: set[ox.Triple] = set()
            for quad in raw.pattern(subject, None, None, None):
                if not self.whole and (quad.graph_name not in graphs or not self.keep(quad)):
                    continue
                triple = quad.triple
                if triple not in seen:
                    seen.add(triple)
                    yield triple


def _source_graph(store: OxigraphStore, source: str) -> ox.NamedNode:
    text = source.strip()
    try:
        node = ox.NamedNode(text if "://" in text else iri.source_iri(text))
    except ValueError as err:
        raise NameResolutionError(f"{source!r} is neither a source id nor a source IRI") from err
    if node not in store.graphs():
        raise NameResolutionError(
            f"no source {source!r} in the store (no graph {node.value}); `bilateral stats` lists the sources")
    return node


def _country_code(store: OxigraphStore, text: str) -> str | None:
    try:
        return resolve(store, text, "country").rstrip("/").rsplit("/", 1)[-1]
    except BilateralError:
        return None


def _dyad_node(store: OxigraphStore, dyad: str) -> ox.NamedNode:
    """`JPN-USA`, `USA-JPN`, `Japan-United States`, or a dyad IRI."""
    text = dyad.strip()
    if "://" in text:
        candidates = {text}
    else:
        candidates = set()
        for at in [m.start() for m in re.finditer("-", text)]:
            a, b = _country_code(store, text[:at]), _country_code(store, text[at + 1:])
            if a and b and a != b:
                candidates.add(iri.dyad_iri(a, b))
    if len(candidates) != 1:
        what = "names two dyads" if candidates else "is not a dyad"
        raise NameResolutionError(f"{dyad!r} {what}: give two countries as A-B (JPN-USA, Japan-USA)")
    try:
        node = ox.NamedNode(candidates.pop())
    except ValueError as err:
        raise NameResolutionError(f"{dyad!r} is not a dyad IRI ({err})") from err
    raw = store
    if next(iter(raw.pattern(node, None, None, None)), None) is None:
        raise NameResolutionError(f"the store holds nothing about the dyad {dyad!r} ({node.value})")
    return node


def select(store: OxigraphStore, source: str | None = None, dyad: str | None = None) -> Selection:
    """What `export` writes for these filters (see the module docstring for the rule)."""
    graphs = tuple(store.graphs())
    source_node = _source_graph(store, source) if source else None
    if source_node is not None:
        graphs = (source_node,)
    if not dyad:
        return Selection(store, graphs, source=source_node)
    node = _dyad_node(store, dyad)
    raw = store
    subjects: set[ox.NamedNode | ox.BlankNode] = {node}
    subjects |= {q.subject for q in raw.pattern(None, ox.NamedNode(BI.dyad), node, None)}
    wanted = set(graphs)
    contributing: set[ox.NamedNode] = set()
    for subject in subjects:
        for quad in raw.pattern(subject, None, None, None):
            if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name in wanted:
                contributing.add(quad.graph_name)
    return Selection(store, tuple(sorted(contributing, key=lambda g: g.value)), source=source_node,
                     dyad=node, subjects=frozenset(subjects))


# -- output targets -----------------------------------------------------------------------------

class _Counting:
    """Counts what passes through an iterator."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            self.count += 1
            yield item


@contextmanager
def _target(output: str | Path) -> Iterator[IO[bytes]]:
    """A binary stream to `output`: stdout for `-`, gzip for `.gz`, else a file renamed into
    place only once complete."""
    if str(output) == "-":
        out = sys.stdout.buffer
        yield out
        out.flush()
        return
    path = Path(output)
    if path.is_dir():
        raise ExportError(f"{str(path)!r} is a folder: give a file name (or - for stdout)")
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as raw:
            if path.suffix.lower() == ".gz":
                # no name, mtime=0: the same export gives the same bytes
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
                    yield cast(IO[bytes], packed)
            else:
                yield raw
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {str(path)!r}: {err}") from err
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# -- RDF ----------------------------------------------------------------------------------------

_RDF = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE}


def _write_rdf(sel: Selection, fmt: str, out: IO[bytes]) -> int:
    rdf_format = _RDF[fmt]
    prefixes = None if rdf_format == ox.RdfFormat.N_QUADS else PREFIXES
    if fmt != "turtle" and sel.whole:
        sel.store.dump(out, rdf_format, prefixes=prefixes)
        return len(sel.store)
    items = _Counting(sel.triples() if fmt == "turtle" else sel.quads())
    ox.serialize(items, out, rdf_format, prefixes=prefixes)
    return items.count


def read_context() -> dict[str, Any]:
    """The project's JSON-LD context (ontology/context.jsonld), as its `@context` value."""
    text = resources.files("bilateral.ontology").joinpath("context.jsonld").read_text(encoding="utf-8")
    return dict(json.loads(text)["@context"])


def _rdflib_term(term: Any) -> Any:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD + "string":
        return rdflib.Literal(term.value)
    # normalize=False: the lexical form is the fact; rdflib must not rewrite it
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)


def _jsonld_nodes(quads: Iterable[ox.Quad], context: dict[str, Any]) -> list[Any]:
    import rdflib

    graph = rdflib.Graph()
    for quad in quads:
        graph.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
    if not len(graph):
        return []
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(doc, dict) and "@graph" in doc:
        return list(doc["@graph"])
    if isinstance(doc, dict):
        doc.pop("@context", None)
        return [doc]
    return list(doc)


def _write_jsonld(sel: Selection, out: IO[bytes]) -> int:
    """`{"@context": ..., "@graph": [{"@id": graph, "@graph": [...]}, ...]}`, one graph at a time."""
    context = read_context()
    count = 0

    def write(text: str) -> None:
        out.write(text.encode("utf-8"))

    write('{\n"@context": ' + json.dumps(context, ensure_ascii=False, indent=1) + ',\n"@graph": [')
    first = True

    def put(obj: Any) -> None:
        nonlocal first
        write(("\n" if first else ",\n") + json.dumps(obj, ensure_ascii=False, indent=1))
        first = False

    if sel.whole:  # facts outside any named graph (loaders refuse them, but a store may hold some)
        default = _Counting(sel.store.pattern(None, None, None, ox.DefaultGraph()))
        for node in _jsonld_nodes(default, context):
            put(node)
        count += default.count
    for graph in sel.graphs:
        quads = _Counting(q for q in sel.store.pattern(None, None, None, graph) if sel.keep(q))
        nodes = _jsonld_nodes(quads, context)
        count += quads.count
        if nodes:
            put({"@id": graph.value, "@graph": nodes})
    write("\n]\n}\n")
    return count


# -- graphml / gexf -----------------------------------------------------------------------------

def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _unify_types(items: list[dict[str, Any]]) -> None:
    """One type per attribute name, as GraphML and GEXF declare it once for the whole file:
    ints with floats become floats, any other mix becomes text."""
    kinds: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for name, value in data.items():
            kinds[name].add(type(value))
    for data in items:
        for name, value in data.items():
            found = kinds[name]
            if len(found) > 1:
                data[name] = float(value) if found <= {int, float} else _as_text(value)


def file_graph(projection: Projection, fmt: str) -> nx.MultiDiGraph:
    """The networkx graph written to a GraphML or GEXF file.

    The flat projection (`to_networkx(flat=True)`: lists as JSON text, dates as ISO text, ints,
    floats and booleans typed), with one type per attribute, and edge keys `e0`, `e1`, ...
    (unique, as Gephi needs; the relationship type is the `type` attribute). In GEXF, which
    reserves `type` for directedness, the relationship type is the edge `label`, and a node's
    `label` (what Gephi shows) is its name, else its uri.
    """
    flat = to_networkx(projection, flat=True)
    graph = nx.MultiDiGraph()
    for node, data in flat.nodes(data=True):
        graph.add_node(node, **data)
    for number, (start, end, data) in enumerate(flat.edges(data=True)):
        graph.add_edge(start, end, key=f"e{number}", **data)
    _unify_types([data for _, data in graph.nodes(data=True)])
    _unify_types([data for _, _, data in graph.edges(data=True)])
    if fmt == "gexf":
        for node, data in graph.nodes(data=True):
            name = data.get("name")
            data["label"] = name if isinstance(name, str) and not name.startswith("[") else node
        for _, _, data in graph.edges(data=True):
            data["label"] = data.pop("type")
    return graph


# -- csv (neo4j-admin database import) ----------------------------------------------------------

def _scalar_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dt.datetime):
        return "datetime" if value.tzinfo is not None else "localdatetime"
    if isinstance(value, dt.date):
        return "date"
    return "string"


def _csv_type(value: PropertyValue) -> str:
    if isinstance(value, list):
        return (_scalar_type(value[0]) if value else "string") + "[]"
    return _scalar_type(value)


def _csv_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_cell(value: PropertyValue | None, delimiter: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return delimiter.join(_csv_scalar(v) for v in value)
    return _csv_scalar(value)


def _csv_line(cells: Iterable[str | None]) -> str:
    """Every value quoted (a doubled quote inside), a missing one empty: neo4j-admin reads an
    empty unquoted field as no property and `""` as the empty string."""
    return ",".join("" if c is None else '"' + c.replace('"', '""') + '"' for c in cells) + "\n"


_DELIMITERS = ((";", ";"), ("|", "|"), ("\x1f", "U+001F"))


def _array_delimiter(projection: Projection) -> tuple[str, str]:
    """`;` unless an array element holds one (then `|`, then U+001F): the char and its flag text."""
    texts: set[str] = set()
    for node in projection.nodes.values():
        texts.update(node.labels)
        texts.update(node.sources)
        for value in node.properties.values():
            if isinstance(value, list):
                texts.update(_csv_scalar(v) for v in value)
    for rel in projection.relationships.values():
        texts.update(rel.sources)
    for char, flag in _DELIMITERS:
        if not any(char in t for t in texts):
            return char, flag
    raise ExportError("every array delimiter neo4j-admin could use (; | U+001F) occurs in the data")


def _node_groups(projection: Projection) -> list[tuple[tuple[str, ...], dict[str, str], list[str]]]:
    """Nodes by label set, split further where one property has two types (a file has one
    header): (labels, property -> csv type, node uris)."""
    groups: dict[tuple[str, ...], list[tuple[dict[str, str], list[str]]]] = defaultdict(list)
    for uri, node in projection.nodes.items():
        labels = (GENERIC_LABEL, *node.labels)
        types = {name: _csv_type(value) for name, value in node.as_properties(uri).items() if name != "uri"}
        for known, uris in groups[labels]:
            if all(known.get(name, kind) == kind for name, kind in types.items()):
                known.update(types)
                uris.append(uri)
                break
        else:
            groups[labels].append((dict(types), [uri]))
    return [(labels, types, uris) for labels, parts in sorted(groups.items()) for types, uris in parts]


def _write_csv(projection: Projection, folder: Path) -> list[str]:
    char, flag = _array_delimiter(projection)
    names: list[str] = []
    used: set[str] = set()
    for labels, types, uris in _node_groups(projection):
        stem = "nodes_" + "_".join(labels[1:] or labels)
        name, number = f"{stem}.csv", 2
        while name in used:
            name, number = f"{stem}_{number}.csv", number + 1
        used.add(name)
        columns = sorted(types, key=lambda n: (n != "sources", n))
        with (folder / name).open("w", encoding="utf-8", newline="") as out:
            out.write(_csv_line(["uri:ID", ":LABEL", *(f"{c}:{types[c]}" for c in columns)]))
            for uri in uris:
                props = projection.nodes[uri].as_properties(uri)
                out.write(_csv_line([uri, char.join(labels), *(_csv_cell(props.get(c), char) for c in columns)]))
        names.append(name)
    with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as out:
        out.write(_csv_line([":START_ID", ":END_ID", ":TYPE", "sources:string[]"]))
        for (start, kind, end), rel in projection.relationships.items():
            out.write(_csv_line([start, end, kind, char.join(rel.sources)]))
    # the database name first: --nodes and --relationships take several values each
    command = " ".join(["neo4j-admin database import full neo4j --overwrite-destination=true",
                        f"--array-delimiter='{flag}'", "--multiline-fields=true",
                        *(f"--nodes={n}" for n in names), "--relationships=relationships.csv"])
    (folder / CSV_README).write_text(
        f"{CSV_MARKER}: the property graph of docs/neo4j-mapping.md, in the header format of\n"
        "`neo4j-admin database import` (arrays split on the delimiter below; every node also has\n"
        f"the label {GENERIC_LABEL}, as `bilateral neo4j sync` gives it).\n\n"
        "Import into a stopped (or new) database, from this folder:\n\n"
        f"{command}\n\n"
        "The import creates no constraints; before writing more to it (e.g. `bilateral neo4j sync`):\n\n"
        f"CREATE CONSTRAINT bilateral_resource_uri IF NOT EXISTS FOR (n:{GENERIC_LABEL}) REQUIRE n.uri IS UNIQUE;\n",
        encoding="utf-8")
    return [*names, "relationships.csv", CSV_README]


def _csv_folder(projection: Projection, output: str | Path) -> list[Path]:
    if str(output) == "-" or str(output).lower().endswith(".gz"):
        raise ExportError("csv writes several files: give a folder with -o (not - and not .gz)")
    folder = Path(output)
    if folder.exists():
        if not folder.is_dir():
            raise ExportError(f"{str(folder)!r} is a file: csv writes into a folder")
        ours = (folder / CSV_README).is_file() and \
            (folder / CSV_README).read_text(encoding="utf-8", errors="replace").startswith(CSV_MARKER)
        if any(folder.iterdir()) and not ours:
            raise ExportError(f"the folder {str(folder)!r} is not empty (and not an earlier csv export)")
    tmp = folder.with_name(f".{folder.name}.partial-{os.getpid()}")
    old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        names = _write_csv(projection, tmp)
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportError(f"cannot write the csv folder {str(folder)!r}: {err}") from err
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [folder / n for n in names]


# -- cypher -------------------------------------------------------------------------------------

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _cypher_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\x7f\x85\u2028\u2029":  # no raw line breaks: :param is one line
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _cypher_float(value: float) -> str:
    if math.isnan(value):
        return "toFloat('NaN')"
    if math.isinf(value):
        return "toFloat('Infinity')" if value > 0 else "toFloat('-Infinity')"
    text = repr(value)
    if "e" in text:  # Cypher's exponent takes no '+': 6.85e+10 -> 6.85e10
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a property value: strings escaped, dates as `date('...')`, map keys
    backticked unless plain identifiers. (For script parameters; queries take `$params`.)"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _cypher_float(value)
    if isinstance(value, dt.datetime):
        kind = "datetime" if value.tzinfo is not None else "localdatetime"
        return f"{kind}('{value.isoformat()}')"
    if isinstance(value, dt.date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, str):
        return _cypher_string(value)
    if isinstance(value, Mapping):
        items = []
        for key, item in value.items():
            name = key if _KEY.fullmatch(key) else "`" + key.replace("`", "``") + "`"
            items.append(f"{name}: {cypher_literal(item)}")
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def _write_cypher(projection: Projection, sel: Selection, out: IO[bytes]) -> None:
    def line(text: str) -> None:
        out.write(text.encode("utf-8") + b"\n")

    what = "the whole store" if sel.whole else ", ".join(
        x for x in (f"source {sel.source.value}" if sel.source else "",
                    f"dyad {sel.dyad.value}" if sel.dyad else "") if x)
    line("// bilateral: the property graph of docs/neo4j-mapping.md, for an empty Neo4j 5 database.")
    line(f"// Holds {what}: {len(projection.nodes)} nodes, {len(projection.relationships)} relationships.")
    line("// Run it with cypher-shell: cypher-shell -a bolt://HOST:7687 -u neo4j -f THIS_FILE")
    line("// Values are parameters (:param rows => [...]), never part of the statements; MERGE on uri")
    line("// makes running it twice harmless.")
    line(f"CREATE CONSTRAINT bilateral_resource_uri IF NOT EXISTS FOR (n:{GENERIC_LABEL}) "
         "REQUIRE n.uri IS UNIQUE;")
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for uri, node in projection.nodes.items():
        labels = tuple(check_label(label) for label in (GENERIC_LABEL, *node.labels))
        by_labels[labels].append({"uri": uri, "props": node.as_properties(uri)})
    for labels, rows in sorted(by_labels.items()):
        statement = (f"UNWIND $rows AS row MERGE (n:{GENERIC_LABEL} {{uri: row.uri}}) "
                     f"SET n = row.props SET n:{':'.join(labels)};")
        for at in range(0, len(rows), _BATCH):
            line(":param rows => " + cypher_literal(rows[at: at + _BATCH]))
            line(statement)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (start, kind, end), rel in projection.relationships.items():
        by_type[check_rel_type(kind)].append({"start": start, "end": end, "props": {"sources": list(rel.sources)}})
    for kind, rows in sorted(by_type.items()):
        statement = (f"UNWIND $rows AS row MATCH (a:{GENERIC_LABEL} {{uri: row.start}}) "
                     f"MATCH (b:{GENERIC_LABEL} {{uri: row.end}}) MERGE (a)-[r:{kind}]->(b) SET r = row.props;")
        for at in range(0, len(rows), _BATCH):
            line(":param rows => " + cypher_literal(rows[at: at + _BATCH]))
            line(statement)


_PARAM = re.compile(r":param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.*?);?\s*$", re.S)


def run_cypher_script(driver: Any, text: str, *, database: str | None = None) -> int:
    """Run a Cypher script the way cypher-shell does, for where cypher-shell is not installed.

    `// ...` lines are comments; `:param name => expression` evaluates the expression on the
    server (`RETURN expression`, as cypher-shell does) and keeps the value as parameter `name`;
    any other lines, up to one ending with `;`, form a statement run with those parameters.
    Meant for the scripts `export(..., "cypher")` writes. Returns the statements run.
    """
    params: dict[str, Any] = {}
    statements = 0
    pending: list[str] = []
    with driver.session(database=database) as session:
        for raw in text.splitlines():
            stripped = raw.strip()
            if not pending and (not stripped or stripped.startswith("//")):
                continue
            if not pending and stripped.startswith(":"):
                match = _PARAM.fullmatch(stripped)
                if not match:
                    raise ExportError(f"unsupported cypher-shell command: {stripped[:60]!r}")
                name, expression = match.groups()
                query = cast(LiteralString, f"RETURN {expression} AS v")
                params[name] = session.run(query).single(strict=True)["v"]
                continue
            pending.append(raw)
            if stripped.endswith(";"):
                statement = "\n".join(pending).strip()[:-1]
                session.run(cast(LiteralString, statement), params).consume()
                statements += 1
                pending = []
    if any(p.strip() for p in pending):
        raise ExportError("the script ends inside a statement (no closing ';')")
    return statements


# -- where an export may write --------------------------------------------------------------------

def _is_store(folder: Path) -> bool:
    """An Oxigraph (RocksDB) store folder: its CURRENT file names a MANIFEST-* beside it."""
    return (folder / "CURRENT").is_file() and any(folder.glob("MANIFEST-*"))


def _check_target(store: OxigraphStore, output: str | Path, fmt: str, force: bool) -> None:
    """Refuse a target inside a store (the one exported, or any other), and an existing file or
    earlier csv export unless `force`: an export never writes over what it was not asked to."""
    if str(output) == "-":
        return
    path = Path(output).absolute()
    real = path.resolve()  # through symbolic links, and `..`
    own = Path(store.path).resolve()
    for folder in dict.fromkeys([real, *real.parents, path, *path.parents]):
        if folder == own or _is_store(folder):
            raise ExportError(f"{str(output)!r} is inside the store {str(folder)!r}: an export never "
                              "writes into a store folder (RocksDB owns every file there); write it elsewhere")
    if fmt == "csv":
        if (path / CSV_README).is_file() and not force:
            raise ExportError(f"the folder {str(output)!r} holds an earlier csv export: pass --force to "
                              "replace it")
    elif path.exists() and not path.is_dir() and not force:
        raise ExportError(f"{str(output)!r} already exists: pass --force to overwrite it")


# -- the entry point ----------------------------------------------------------------------------

def export(store: OxigraphStore, fmt: str, output: str | Path, source: str | None = None,
           dyad: str | None = None, progress: Callable[[str, int, int], None] | None = None,
           *, force: bool = False) -> ExportReport:
    """Write the store (or what `source` / `dyad` select) in format `fmt` to `output`.

    `output` is a file path (`.gz` compressed), `-` for stdout, or for `csv` a folder. Formats:
    trig, nquads, turtle, jsonld, graphml, gexf, csv, cypher; see the module docstring for what
    each holds and what streams. Nothing is written inside a store folder; an existing file (or
    earlier csv export) is replaced only with `force`.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    _check_target(store, output, fmt, force)
    sel = select(store, source, dyad)
    shown = str(output)
    if progress:
        progress("exporting", 0, 1)
    if fmt in _RDF or fmt == "jsonld":
        with _target(output) as out:
            count = _write_jsonld(sel, out) if fmt == "jsonld" else _write_rdf(sel, fmt, out)
        report = ExportReport(fmt, shown, (() if shown == "-" else (shown,)), quads=count)
    else:
        projection = project(sel.quads())
        counts = {"nodes": len(projection.nodes), "relationships": len(projection.relationships)}
        if fmt == "csv":
            files = _csv_folder(projection, output)
            report = ExportReport(fmt, shown, tuple(str(f) for f in files), **counts)
        else:
            with _target(output) as out:
                if fmt == "cypher":
                    _write_cypher(projection, sel, out)
                elif fmt == "graphml":
                    nx.write_graphml(file_graph(projection, fmt), out, encoding="utf-8")
                else:
                    nx.write_gexf(file_graph(projection, fmt), out, encoding="utf-8")
            report = ExportReport(fmt, shown, (() if shown == "-" else (shown,)), **counts)
    if progress:
        progress("exporting", 1, 1)
    return report
