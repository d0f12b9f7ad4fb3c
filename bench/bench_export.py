"""Entity-graph export to GraphML at scale, beside rdflib's networkx bridge on the same graph.

A small deterministic generator makes lawgraph-shaped quads — one named graph per synthetic
report, with the loader's predicates: officials, agencies, laws, campaigns, events with dates,
tenures, participations with roles, promotions, measures, and an evidence node (quote, offsets,
sentence) behind every entity and fact — until ``--triples`` quads. They go into an in-memory
store (lawgraph's ``EmbeddedStore``), then:

- lawgraph: ``export(store, "all", "graphml")`` written to a file — the entity graph (n-ary facts
  collapsed, evidence folded into counts) and its streamed GraphML;
- rdflib: the same triples parsed into an ``rdflib.Graph`` (timed apart, not counted), then
  ``rdflib_to_networkx_multidigraph`` and ``networkx.write_graphml`` — a graph of raw triples,
  literals as nodes.

    .venv/bin/python bench/bench_export.py [--triples 1000000] [--skip-rdflib] [--synth]

``--synth`` uses the colleague's generator (``bench/synth.py``, the real loader's quads: slower to
make) instead of this file's. Each side runs in a child process of its own, from the same
N-Quads file, so the peak memory printed for each (``VmHWM``: its store or graph included) is its
own. Prints figures; asserts nothing; not a timed test.
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))  # bench/: helpers of the benchmarks
from memory import baseline, isolated, mib  # noqa: E402

ID = "https://w3id.org/lawgraph/id/"
LG = "https://w3id.org/lawgraph/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
T = TypeVar("T")

_N = ox.NamedNode
RDF_TYPE = _N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = _N("http://www.w3.org/2000/01/rdf-schema#label")
PREF = _N("http://www.w3.org/2004/02/skos/core#prefLabel")
ALT = _N("http://www.w3.org/2004/02/skos/core#altLabel")
HIDDEN = _N("http://www.w3.org/2004/02/skos/core#hiddenLabel")
MEMBER_OF = _N("http://www.w3.org/ns/org#memberOf")
ATTENDEE = _N("https://schema.org/attendee")
S_ORGANIZER = _N("https://schema.org/organizer")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国海波宁春雪梅兰凤洁琳颖"
CITIES = [
    "抚顺",
    "沈阳",
    "大连",
    "鞍山",
    "本溪",
    "丹东",
    "锦州",
    "营口",
    "阜新",
    "辽阳",
    "盘锦",
    "铁岭",
    "朝阳",
    "葫芦岛",
    "长春",
    "吉林",
]
AGENCIES = [
    "市委",
    "市政府",
    "市人大常委会",
    "市政协",
    "市委宣传部",
    "市委政法委",
    "市司法局",
    "市教育局",
    "市公安局",
    "市中级人民法院",
    "市人民检察院",
    "市普法办",
]
TITLES = ["书记", "市长", "副市长", "常委", "部长", "局长", "院长", "检察长", "主任", "副主任"]
ROLES = ("Chaired", "Attended", "Spoke", "Organised", "CoOrganised")
KINDS = ("Party", "Government", "Congress", "Cppcc", "Court", "Procuratorate", "Coordination")
EVENTS = [
    "法治报告会",
    "普法宣传活动",
    "宪法宣传周活动",
    "专题会议",
    "常务会议",
    "法治培训班",
    "座谈会",
]
CAMPAIGNS = ["宪法宣传周", "谁执法谁普法", "法治宣传月", "民法典宣传月", "国家安全教育日"]


def lg(name: str) -> ox.NamedNode:
    return _N(LG + name)


def zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_N(XSD + "integer"))


class Generator:
    """Lawgraph-shaped quads, report by report, deterministic for a seed."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.laws = [
            f"中华人民共和国{a}{b}法"
            for a in "国民刑行经社文教卫环"
            for b in "一二三四五六七八九十"
        ]
        self.officials = {
            c: [self.rng.choice(SURNAMES) + self.rng.choice(GIVEN) + self.rng.choice(GIVEN) for _ in range(40)]
            for c in CITIES
        }  # fmt: skip

    def quads(self, limit: int) -> Iterator[ox.Quad]:
        made = 0
        index = 0
        while made < limit:
            for quad in self.report(index):
                yield quad
                made += 1
            index += 1

    def report(self, index: int) -> Iterator[ox.Quad]:
        rng = self.rng
        city = CITIES[index % len(CITIES)]
        rid = f"synth-{index:06d}"
        g = _N(f"{ID}report/{rid}")
        year = 2015 + index % 8
        text_at = [0]

        def q(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> ox.Quad:
            return ox.Quad(s, p, o, g)

        def evidence(node: ox.NamedNode, quote: str) -> Iterator[ox.Quad]:
            start = text_at[0]
            end = start + len(quote)
            text_at[0] = end + 7
            ev = _N(f"{ID}report/{rid}/evidence/{start}-{end}")
            yield q(node, lg("evidence"), ev)
            yield q(ev, RDF_TYPE, lg("Evidence"))
            yield q(ev, lg("fromReport"), g)
            yield q(ev, lg("quote"), ox.Literal(quote))
            yield q(ev, lg("charStart"), integer(start))
            yield q(ev, lg("charEnd"), integer(end))
            yield q(ev, lg("sentence"), ox.Literal(f"{city}市{quote}，取得良好成效。"))
            yield q(ev, lg("sentenceStart"), integer(max(0, start - 3)))

        def entity(kind: str, key: str, cls: str, name: str) -> Iterator[ox.Quad]:
            node = _N(f"{ID}{kind}/{key}")
            yield q(node, RDF_TYPE, lg(cls))
            yield q(node, LABEL, zh(name))
            yield q(node, PREF, zh(name))
            yield q(node, HIDDEN, ox.Literal(key, language="zh-latn-pinyin"))
            yield q(g, lg("mentions"), node)
            yield from evidence(node, name)

        division = _N(f"{ID}place/{210000 + CITIES.index(city) * 100}")
        yield q(g, RDF_TYPE, lg("Report"))
        yield q(g, LABEL, zh(f"{city}市{year}年法治政府建设工作报告"))
        yield q(g, lg("published"), ox.Literal(f"{year + 1}-03", datatype=_N(XSD + "gYearMonth")))
        yield q(g, lg("jurisdiction"), division)
        yield q(g, lg("curatedBy"), ox.Literal("synthetic"))
        yield q(division, RDF_TYPE, lg("Division"))
        yield q(division, LABEL, zh(city + "市"))

        agencies = rng.sample(range(len(AGENCIES)), 6)
        agency_nodes = []
        for a in agencies:
            key = f"{city}-agency-{a}"
            yield from entity("agency", key, "Agency", city + AGENCIES[a])
            node = _N(f"{ID}agency/{key}")
            agency_nodes.append(node)
            yield q(node, lg("agencyKind"), lg(KINDS[a % len(KINDS)]))
            yield q(node, lg("jurisdiction"), division)
        people = rng.sample(range(40), 5)
        official_nodes = []
        for p in people:
            key = f"{city}-official-{p}"
            yield from entity("official", key, "Official", self.officials[city][p])
            node = _N(f"{ID}official/{key}")
            official_nodes.append(node)
            yield q(node, lg("jurisdiction"), division)
        law_nodes = []
        for law in rng.sample(range(len(self.laws)), 4):
            key = f"law-{law}"
            yield from entity("law", key, "Law", self.laws[law])
            law_nodes.append(_N(f"{ID}law/{key}"))
        c = index % len(CAMPAIGNS)
        campaign = _N(f"{ID}campaign/{city}-{c}-{year}")
        yield from entity("campaign", f"{city}-{c}-{year}", "Campaign", f"{CAMPAIGNS[c]}({year})")
        yield q(campaign, lg("year"), ox.Literal(str(year), datatype=_N(XSD + "gYear")))
        yield q(campaign, lg("organizer"), agency_nodes[0])
        event_nodes = []
        for e in range(4):
            name = f"{city}市{year}年{EVENTS[(index + e) % len(EVENTS)]}"
            key = f"{rid}-event-{e}"
            yield from entity("event", key, "Meeting" if e % 2 else "Event", name)
            node = _N(f"{ID}event/{key}")
            event_nodes.append(node)
            if e % 2:
                yield q(node, RDF_TYPE, lg("Event"))
            date = f"{year}-{1 + (index + e) % 12:02d}-{1 + (index * 7 + e) % 28:02d}"
            yield q(node, lg("date"), ox.Literal(date, datatype=_N(XSD + "date")))
            yield q(node, lg("partOfCampaign"), campaign)
            yield q(node, lg("organizer"), agency_nodes[e % len(agency_nodes)])
            yield q(node, S_ORGANIZER, agency_nodes[e % len(agency_nodes)])
        for i, official in enumerate(official_nodes):
            agency = agency_nodes[i % len(agency_nodes)]
            tenure = _N(f"{ID}tenure/{rid}-{i}")
            yield q(tenure, RDF_TYPE, lg("Tenure"))
            yield q(tenure, lg("tenureOf"), official)
            yield q(tenure, lg("inAgency"), agency)
            yield q(tenure, lg("title"), zh(TITLES[(index + i) % len(TITLES)]))
            yield q(official, MEMBER_OF, agency)
            yield from evidence(tenure, TITLES[(index + i) % len(TITLES)])
        for i in range(12):
            event = event_nodes[i % 4]
            who = official_nodes[i % 5] if i < 9 else agency_nodes[i % 6]
            role = ROLES[i % 3] if i < 9 else ROLES[3 + i % 2]
            part = _N(f"{ID}participation/{rid}-{i}")
            yield q(part, RDF_TYPE, lg("Participation"))
            yield q(part, lg("inEvent"), event)
            yield q(part, lg("participant"), who)
            yield q(part, lg("role"), lg(role))
            yield q(event, lg("participation"), part)
            yield q(event, ATTENDEE if i < 9 else lg("organizer"), who)
            yield from evidence(part, role)
        for i, law in enumerate(law_nodes):
            by = campaign if i % 2 else event_nodes[i]
            promo = _N(f"{ID}promotion/{rid}-{i}")
            yield q(promo, RDF_TYPE, lg("Promotion"))
            yield q(promo, lg("promoter"), by)
            yield q(promo, lg("promotedLaw"), law)
            yield q(by, lg("promotesLaw"), law)
            yield from evidence(promo, "宣传")
        for i in range(3):
            measure = _N(f"{ID}report/{rid}/measure/{i}")
            yield q(measure, RDF_TYPE, lg("Measure"))
            yield q(measure, lg("measureOf"), event_nodes[i])
            value = ox.Literal(str(100 * (i + 1) + index % 97), datatype=_N(XSD + "decimal"))
            yield q(measure, lg("value"), value)
            yield q(measure, lg("unit"), zh("人次"))
            yield q(measure, lg("qualifier"), lg("Over"))
            yield q(measure, lg("counted"), zh("参加人员"))
            yield from evidence(measure, "余人次")


def timed(what: str, fn: Callable[[], T]) -> tuple[T, float]:
    gc.collect()
    start = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - start
    print(f"  {what:<52} {seconds:8.2f} s", flush=True)
    return out, seconds


def lawgraph_side(nquads: str, out: str) -> dict[str, float]:
    """In a child process of its own: the quads into lawgraph's in-memory store (not counted),
    then ``export(store, "all", "graphml")`` written to ``out``."""
    from lawgraph.export import export
    from lawgraph.export.scopes import select
    from lawgraph.store import EmbeddedStore

    store = EmbeddedStore()
    store.oxigraph.bulk_extend(ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS))
    figures: dict[str, float] = {"quads": len(store), "graphs": len(store.graphs())}

    def graphml() -> None:
        result = export(store, "all", "graphml")
        size = 0
        with open(out, "wb") as f:
            for chunk in result.chunks:
                f.write(chunk)
                size += len(chunk)
        figures.update(nodes=result.nodes or 0, edges=result.edges or 0, size=size)

    _, figures["export"] = timed("export all → GraphML (store → file)", graphml)
    _, figures["graph"] = timed(
        "  of which: the entity graph", lambda: select(store, "all").entity_graph()
    )
    return figures


def rdflib_side(nquads: str, work: str) -> dict[str, float]:
    """In a child process of its own: the triples parsed into an ``rdflib.Graph`` (not counted),
    then rdflib's networkx bridge and ``networkx.write_graphml``."""
    import networkx as nx
    import rdflib
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    nt = Path(work) / "triples.nt"
    triples = (q.triple for q in ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS))
    ox.serialize(triples, str(nt), ox.RdfFormat.N_TRIPLES)
    g, parse = timed(
        "parse N-Triples into rdflib.Graph (not counted)",
        lambda: rdflib.Graph().parse(nt, format="nt"),
    )
    print(f"  rdflib graph: {len(g):,} triples")
    nxg, convert = timed(
        "rdflib_to_networkx_multidigraph", lambda: rdflib_to_networkx_multidigraph(g)
    )
    print(f"  → {nxg.number_of_nodes():,} nodes, {nxg.number_of_edges():,} edges")
    _, write = timed(
        "networkx.write_graphml", lambda: nx.write_graphml(nxg, Path(work) / "rdflib.graphml")
    )
    return {"parse": parse, "convert": convert, "write": write}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, default=1_000_000, help="quads to make")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-rdflib", action="store_true", help="time lawgraph only")
    parser.add_argument("--synth", action="store_true", help="use bench/synth.py's generator")
    parser.add_argument("--keep", action="store_true", help="keep the files written")
    args = parser.parse_args(argv)
    if args.synth:
        from synth import iter_quads

        quads: Iterator[ox.Quad] = iter_quads(args.triples, args.seed)
    else:
        quads = Generator(args.seed).quads(args.triples)
    work = Path(tempfile.mkdtemp(prefix="lawgraph-bench-export-"))
    print(f"lawgraph export benchmark: {args.triples:,} quads, files in {work}")
    try:
        return run(args, quads, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, quads: Iterator[ox.Quad], work: Path) -> int:
    """Write the quads once, then time lawgraph's export and rdflib's bridge on them, each in a
    child process of its own (so that each one's peak memory is its own)."""
    nquads = work / "data.nq"
    timed("generate → N-Quads file", lambda: ox.serialize(quads, str(nquads), ox.RdfFormat.N_QUADS))
    floor = baseline()
    print("lawgraph (entity graph, n-ary facts collapsed):")
    ours, ours_peak = isolated(lawgraph_side, str(nquads), str(work / "lawgraph.graphml"))
    print(
        f"  store: {ours['quads']:,.0f} quads in {ours['graphs']:,.0f} report graphs\n"
        f"  → {ours['nodes']:,.0f} nodes, {ours['edges']:,.0f} edges, "
        f"{ours['size'] / 2**20:,.1f} MiB\n"
        f"  peak memory (its own process, the store included): {mib(ours_peak)}"
    )
    if args.skip_rdflib:
        return 0
    print("rdflib (triples as they are, literals as nodes):")
    theirs, theirs_peak = isolated(rdflib_side, str(nquads), str(work))
    print(f"  peak memory (its own process, the graph included): {mib(theirs_peak)}")
    rdflib_s = theirs["convert"] + theirs["write"]
    print()
    print(f"{'':36} {'seconds':>8} {'peak memory':>12}")
    print(f"{'lawgraph export → GraphML':36} {ours['export']:8.2f} {mib(ours_peak):>12}")
    print(f"{'rdflib → networkx → GraphML':36} {rdflib_s:8.2f} {mib(theirs_peak):>12}")
    print(f"(rdflib's parse, not counted: {theirs['parse']:.2f} s; a bare child: {mib(floor)})")
    print(
        f"lawgraph is {rdflib_s / ours['export']:.1f}× faster "
        f"({(rdflib_s + theirs['parse']) / ours['export']:.1f}× counting rdflib's parse) "
        f"in {ours_peak / theirs_peak:.2f}× the memory"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
