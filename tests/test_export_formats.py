"""Every format, written from the seed and read back by a reader that is not lawgraph's.

No PyPI package ships the GEXF 1.3 XSD for offline use (gexfpy, graphology-gexf and the networkx
sources were checked), so GEXF files are checked against the schema's rules by
:func:`check_gexf_13` below, and read back by networkx.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx
import pytest
import rdflib
from seed import SEED_REPORT, seed_store, select

from lawgraph.export import FORMATS, export, get_format
from lawgraph.export.scopes import select as select_scope

RDFS_LABEL = rdflib.RDFS.label


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return select_scope(seed_store(), "all").entity_graph()


def written(fmt: str, scope: str = "all", **options: str) -> bytes:
    return b"".join(export(seed_store(), scope, fmt, **options).chunks)  # type: ignore[arg-type]


def to_file(tmp_path: Path, fmt: str, scope: str = "all") -> Path:
    result = export(seed_store(), scope, fmt)
    path = tmp_path / result.filename
    with path.open("wb") as f:
        for chunk in result.chunks:
            f.write(chunk)
    return path


def edge_triples(graph: nx.MultiDiGraph, attr: str = "relation") -> Counter[tuple[str, str, str]]:
    return Counter((str(u), str(w), str(d[attr])) for u, w, d in graph.edges(data=True))


def node_labels(graph: nx.MultiDiGraph) -> dict[str, str]:
    return {str(n): str(d["label"]) for n, d in graph.nodes(data=True)}


def test_every_format_has_a_media_type_and_file_name() -> None:
    for form in FORMATS:
        if form.family == "picture":
            continue
        result = export(seed_store(), "report:fushun-2020-rule-of-law", form.name)
        assert result.media_type == form.media_type
        assert result.filename == f"lawgraph-report-fushun-2020-rule-of-law{form.extension}"
        assert "filename*=UTF-8''lawgraph-report-" in result.content_disposition
        result.chunks.close()  # type: ignore[attr-defined]
    assert get_format("GraphML").name == "graphml" and get_format("ttl").name == "turtle"


# --- networks ------------------------------------------------------------------------------------


def test_graphml_reads_back_the_same_graph(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(to_file(tmp_path, "graphml"), force_multigraph=True)
    assert set(back) == set(graph)
    assert node_labels(back) == node_labels(graph)
    assert edge_triples(back) == edge_triples(graph)
    officials = [d for _, d in back.nodes(data=True) if d["type"] == "Official"]
    assert len(officials) == 7 and "戴小梅" in {d["label"] for d in officials}
    laws = [d for _, d in back.nodes(data=True) if d["type"] == "Law"]
    assert len(laws) == 11 and "中华人民共和国宪法" in {d["label"] for d in laws}
    some = next(n for n, d in graph.nodes(data=True) if d["evidence_count"] > 1)
    assert back.nodes[some]["evidence_count"] == graph.nodes[some]["evidence_count"]  # typed int


def test_graphml_is_well_formed_with_unique_edge_ids(tmp_path: Path) -> None:
    root = ET.parse(to_file(tmp_path, "graphml")).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = [e.get("id") for e in root.iterfind(".//g:edge", ns)]
    assert len(ids) == len(set(ids))
    keys = {k.get("id") for k in root.iterfind("g:key", ns)}
    assert {d.get("key") for d in root.iterfind(".//g:data", ns)} <= keys


def check_gexf_13(path: Path) -> ET.Element:
    """Check a file against the rules of the GEXF 1.3 schema (gexf.xsd, data.xsd, dynamics.xsd,
    viz.xsd) that a writer can get wrong; returns the root."""
    gexf, viz = "{http://gexf.net/1.3}", "{http://gexf.net/1.3/viz}"
    xsi = "{http://www.w3.org/2001/XMLSchema-instance}"
    date = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    root = ET.parse(path).getroot()
    assert root.tag == gexf + "gexf" and root.get("version") == "1.3"
    assert root.get(xsi + "schemaLocation") == "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
    assert set(root.attrib) <= {"version", "variant", xsi + "schemaLocation"}
    children = [c.tag for c in root]
    assert children in ([gexf + "meta", gexf + "graph"], [gexf + "graph"])
    meta = root.find(gexf + "meta")
    if meta is not None:
        assert date.match(meta.get("lastmodifieddate", ""))
        assert {c.tag for c in meta} <= {gexf + t for t in ("creator", "keywords", "description")}
    graph = root.find(gexf + "graph")
    assert graph is not None
    allowed = {"timeformat", "timerepresentation", "timezone", "start", "end"}
    assert set(graph.attrib) <= allowed | {"defaultedgetype", "idtype", "mode"}
    assert graph.get("defaultedgetype", "undirected") in ("directed", "undirected", "mutual")
    assert graph.get("mode", "static") in ("static", "dynamic")
    assert graph.get("timeformat", "double") in ("integer", "double", "date", "dateTime")
    order = [c.tag.removeprefix(gexf) for c in graph]
    assert order == ["attributes"] * (len(order) - 2) + ["nodes", "edges"]
    types = {"integer", "long", "double", "float", "boolean", "string", "liststring", "anyURI"}
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for attributes in graph.iterfind(gexf + "attributes"):
        cls = attributes.get("class")
        assert cls in declared and attributes.get("mode", "static") in ("static", "dynamic")
        for a in attributes:
            assert a.tag == gexf + "attribute" and a.get("title")
            assert a.get("type") in types and a.get("id") not in declared[cls]
            declared[cls][a.get("id", "")] = a.get("type", "")

    def times(e: ET.Element) -> None:
        start, end = e.get("start"), e.get("end")
        for value in (start, end):
            assert value is None or (graph.get("timeformat") == "date" and date.match(value))
        assert start is None or end is None or start <= end

    def values(e: ET.Element, cls: str) -> None:
        for block in e.iterfind(gexf + "attvalues"):
            for av in block:
                assert av.tag == gexf + "attvalue"
                kind = declared[cls][av.get("for", "")]
                value = av.get("value")
                assert value is not None
                if kind in ("integer", "long"):
                    int(value)
                elif kind in ("double", "float"):
                    float(value)
                elif kind == "boolean":
                    assert value in ("true", "false")

    node_ids: set[str] = set()
    node_children = {gexf + t for t in ("attvalues", "spells", "nodes", "edges", "parents")}
    node_children |= {viz + t for t in ("color", "position", "size", "shape")}
    for node in graph.iterfind(f"{gexf}nodes/{gexf}node"):
        assert set(node.attrib) <= {"id", "label", "pid", "start", "end"}
        assert node.get("id") and node.get("id") not in node_ids
        node_ids.add(node.get("id", ""))
        assert {c.tag for c in node} <= node_children
        times(node)
        values(node, "node")
        for colour in node.iterfind(viz + "color"):
            assert all(0 <= int(colour.get(c, "-1")) <= 255 for c in "rgb")
    edge_ids: set[str] = set()
    for edge in graph.iterfind(f"{gexf}edges/{gexf}edge"):
        allowed = {"id", "source", "target", "label", "type", "kind", "weight", "start", "end"}
        assert set(edge.attrib) <= allowed
        assert edge.get("id") and edge.get("id") not in edge_ids
        edge_ids.add(edge.get("id", ""))
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
        assert edge.get("type", "directed") in ("directed", "undirected", "mutual")
        if edge.get("weight") is not None:
            float(edge.get("weight", ""))
        assert {c.tag for c in edge} <= {gexf + "attvalues", gexf + "spells"} | {
            viz + t for t in ("color", "thickness", "shape")
        }
        times(edge)
        values(edge, "edge")
    return root


def test_gexf_follows_the_1_3_schema_and_reads_back(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    path = to_file(tmp_path, "gexf")
    root = check_gexf_13(path)
    element = root.find("{http://gexf.net/1.3}graph")
    assert element is not None
    assert (element.get("mode"), element.get("timeformat")) == ("dynamic", "date")
    back = nx.read_gexf(path, version="1.3")
    assert set(back) == set(graph)
    assert node_labels(back) == node_labels(graph)
    assert edge_triples(back) == edge_triples(graph)
    # dates for Gephi's timeline: events start on their date, chairing on the event's
    dated = {n: d["start"] for n, d in back.nodes(data=True) if "start" in d}
    assert dated and all(re.match(r"^\d{4}-\d{2}-\d{2}$", s) for s in dated.values())
    assert all("start" in d for *_, d in back.edges(data=True) if d["relation"] == "chaired")


def test_cytoscape_json_reads_back(graph: nx.MultiDiGraph) -> None:
    data = json.loads(written("cytoscape"))
    assert {"nodes", "edges"} == set(data["elements"])
    back = nx.cytoscape_graph(data)
    assert set(back) == set(graph)
    assert node_labels(back) == node_labels(graph)
    assert edge_triples(back) == edge_triples(graph)
    ids = [e["data"]["id"] for e in data["elements"]["edges"]]
    assert len(ids) == len(set(ids))


def test_node_link_json_reads_back(graph: nx.MultiDiGraph) -> None:
    back = nx.node_link_graph(json.loads(written("node-link")), edges="edges")
    assert back.is_multigraph() and back.is_directed()
    assert set(back) == set(graph)
    assert node_labels(back) == node_labels(graph)
    assert edge_triples(back) == edge_triples(graph)
    assert {(u, w, k) for u, w, k in back.edges(keys=True)} == set(graph.edges(keys=True))


def test_csv_node_and_edge_lists(graph: nx.MultiDiGraph) -> None:
    with zipfile.ZipFile(io.BytesIO(written("csv"))) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == ["lawgraph-all.nodes.csv", "lawgraph-all.edges.csv"]
        nodes = list(csv.DictReader(io.TextIOWrapper(archive.open(names[0]), encoding="utf-8")))
        edges = list(csv.DictReader(io.TextIOWrapper(archive.open(names[1]), encoding="utf-8")))
    assert {r["id"]: r["label"] for r in nodes} == node_labels(graph)
    assert list(nodes[0])[:4] == ["id", "type", "label", "label_zh"]
    assert Counter((r["source"], r["target"], r["relation"]) for r in edges) == edge_triples(graph)
    alone = list(csv.DictReader(io.StringIO(written("csv-edges").decode("utf-8"))))
    assert alone == edges
    alone_nodes = list(csv.DictReader(io.StringIO(written("csv-nodes").decode("utf-8"))))
    assert alone_nodes == nodes


def test_dot_reads_back_with_pydot(graph: nx.MultiDiGraph) -> None:
    pydot = pytest.importorskip("pydot")
    (dot,) = pydot.graph_from_dot_data(written("dot").decode("utf-8"))
    nodes = {
        n.get_name().strip('"'): n
        for n in dot.get_nodes()
        if n.get_name() not in ("node", "edge", "graph")
    }
    assert set(nodes) == set(graph)
    labels = {n: str(v.get_attributes()["label"]).strip('"') for n, v in nodes.items()}
    assert labels == node_labels(graph)
    relations = Counter(
        (
            e.get_source().strip('"'),
            e.get_destination().strip('"'),
            str(e.get_attributes()["relation"]).strip('"'),
        )
        for e in dot.get_edges()
    )
    assert relations == edge_triples(graph)


# --- RDF ------------------------------------------------------------------------------------------


def distinct_triples() -> int:
    rows = select(seed_store(), "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")
    return int(rows[0]["n"])


def test_turtle_holds_every_triple_once() -> None:
    parsed = rdflib.Graph().parse(data=written("turtle"), format="turtle")
    assert len(parsed) == distinct_triples()
    dai = rdflib.URIRef(select(seed_store(), 'SELECT ?s { ?s rdfs:label "戴小梅"@zh }')[0]["s"])
    assert (dai, RDFS_LABEL, rdflib.Literal("戴小梅", lang="zh")) in parsed


@pytest.mark.parametrize(
    "fmt, parser", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")]
)
def test_quad_formats_keep_the_report_graph(fmt: str, parser: str) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=written(fmt), format=parser)
    report = dataset.graph(rdflib.URIRef(SEED_REPORT))
    assert len(report) == len(list(seed_store().quads(SEED_REPORT)))
    laws = set(report.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/lawgraph/ns#Law")))
    assert len(laws) == 11
    titles = {str(report.value(law, RDFS_LABEL)) for law in laws}
    assert "中华人民共和国宪法" in titles


def test_construct_answers_dump_as_triples() -> None:
    query = "construct:CONSTRUCT { ?l rdfs:label ?t } WHERE { ?l a lg:Law ; rdfs:label ?t }"
    parsed = rdflib.Graph().parse(data=written("turtle", query), format="turtle")
    assert len(parsed) == 11
    quads = rdflib.Dataset().parse(data=written("nquads", query), format="nquads")
    assert len(list(quads.quads())) == 11


# --- streaming -------------------------------------------------------------------------------------


def test_rdf_chunks_can_be_pulled_from_any_thread() -> None:
    whole = written("nquads")
    chunks = export(seed_store(), "all", "nquads").chunks
    pieces = []
    with ThreadPoolExecutor(max_workers=3) as pool:  # as a web server pulls a streamed body
        while (piece := pool.submit(next, chunks, None).result()) is not None:
            pieces.append(piece)
    assert len(pieces) > 3 and b"".join(pieces) == whole


def test_a_stream_closed_early_stops_its_producer() -> None:
    chunks = export(seed_store(), "all", "nquads").chunks
    assert next(chunks)
    chunks.close()  # type: ignore[attr-defined]
    for thread in threading.enumerate():
        if thread.name == "lawgraph-export":
            thread.join(timeout=5)
            assert not thread.is_alive()


def test_network_formats_stream_in_chunks(graph: nx.MultiDiGraph) -> None:
    result = export(seed_store(), "all", "graphml")
    assert (result.nodes, result.edges) == (graph.number_of_nodes(), graph.number_of_edges())
    chunks = list(result.chunks)
    assert len(chunks) > 1 and all(len(c) <= 2 * 65536 for c in chunks)


def test_a_producer_error_reaches_the_consumer() -> None:
    from lawgraph.export.streams import threaded

    def produce(out: object) -> None:
        out.write(b"x" * 100_000)  # type: ignore[attr-defined]
        raise ValueError("the store went away")

    chunks = threaded(produce, size=1000)
    with pytest.raises(ValueError, match="the store went away"):
        for _ in chunks:
            pass
