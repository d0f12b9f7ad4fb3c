"""The canned questions on a store of two reports of two cities (the Fushun seed and a short
Anshan report in ``tests/data/``): totals, grouping by city, evidence from distinct reports —
asked of the embedded store (substitutions), of the same store through query text only (a
``VALUES`` block), and of a real Oxigraph server over HTTP; hostile values change nothing."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from backends import start_oxigraph
from seed import SEED_FACTS, SEED_REPORT
from test_catalog import HOSTILE, TextOnly

from lawgraph.catalog import (
    BadParameter,
    Binding,
    CannedQuery,
    Catalog,
    Page,
    SolutionList,
    arun,
    load_catalog,
    run,
)
from lawgraph.loader import load_paths
from lawgraph.store import EmbeddedStore

DATA = Path(__file__).resolve().parent / "data"
ANSHAN_FACTS = DATA / "facts" / "anshan-2020-constitution-week.yaml"
ANSHAN_REPORT = "https://w3id.org/lawgraph/id/report/anshan-2020-constitution-week"
ID = "https://w3id.org/lawgraph/id/"
FUSHUN, ANSHAN, TIEDONG = ID + "place/210400", ID + "place/210300", ID + "place/210302"
XIANFA = ID + "law/xianfa-5fe5eea4"
PRC = "中华人民共和国"


@cache
def two_reports() -> EmbeddedStore:
    """An in-memory store with both reports (shared: do not write to it)."""
    store = EmbeddedStore()
    load_paths(store, [SEED_FACTS, ANSHAN_FACTS])  # with the SHACL check
    return store


@cache
def catalog() -> Catalog:
    return load_catalog()


def ask(name: str, store: Any = None, **params: str) -> list[dict[str, Any]]:
    page = run(store or two_reports(), catalog().get(name), params, limit=1000)
    assert page.total == len(page.rows)
    return page.records()


def find(label: str, kind: str) -> str:
    [row] = [r for r in ask("search", text=label, type=f"lg:{kind}") if r["label"] == label]
    return str(row["entity"])


# --- what two reports say ------------------------------------------------------------------------


def test_both_reports_are_loaded_as_two_graphs() -> None:
    assert two_reports().graphs() == [ANSHAN_REPORT, SEED_REPORT]


def test_campaigns_promoting_the_constitution_in_two_cities() -> None:
    rows = ask("campaigns-by-law", law=XIANFA)
    assert [(r["cityLabel"], r["year"], r["campaignLabel"]) for r in rows] == [
        ("抚顺市", "", "谁执法谁普法普法责任制"),
        ("抚顺市", "2019", "宪法七进(2019)"),
        ("抚顺市", "2019", "宪法宣传周(2019)"),
        ("抚顺市", "2020", "全民国家安全教育日(2020)"),
        ("鞍山市", "2020", "宪法宣传周(2020)"),
    ]
    anshan = rows[-1]
    assert anshan["events"] == 2  # the square and the campus (the ceremony promoted nothing)
    assert (anshan["reports"], anshan["reportCount"]) == (ANSHAN_REPORT, 1)
    assert {r["campaignLabel"] for r in ask("campaigns-by-law", city=ANSHAN)} == {
        "宪法宣传周(2020)"
    }
    assert {r["lawLabel"] for r in ask("campaigns-by-law", city=ANSHAN)} == {
        PRC + "宪法",
        PRC + "民法典",
    }
    assert [r["cityLabel"] for r in ask("campaigns-by-law", law=XIANFA, year="2020")] == [
        "抚顺市",
        "鞍山市",
    ]


def test_a_county_event_counts_for_its_city_and_its_county() -> None:
    campus = ask("events", place=TIEDONG)
    assert [r["eventLabel"] for r in campus] == ["铁东区宪法进校园主题活动"]
    assert campus[0]["divisionLabel"] == "铁东区"
    anshan = ask("events", place=ANSHAN)
    assert [(r["date"], r["eventLabel"]) for r in anshan] == [
        ("2020-12-04", "胜利广场宪法集中宣传活动"),
        ("2020-12-04", "鞍山市2020年宪法宣传周启动仪式"),
        ("2020-12-07", "铁东区宪法进校园主题活动"),
    ]
    sfj = ask("events", agency=find("鞍山市司法局", "Agency"), to="2020-12-31")
    assert [r["eventLabel"] for r in sfj] == [
        "胜利广场宪法集中宣传活动",
        "鞍山市2020年宪法宣传周启动仪式",
    ]
    assert len(ask("events")) == 11


def test_law_mentions_are_counted_per_city() -> None:
    rows = ask("law-mentions")
    assert len(rows) == 13
    constitution = [
        (r["cityLabel"], r["mentions"], r["reports"]) for r in rows if r["law"] == XIANFA
    ]
    assert sorted(constitution) == [("抚顺市", 3, 1), ("鞍山市", 3, 1)]
    assert [(r["lawLabel"], r["mentions"]) for r in ask("law-mentions", city=ANSHAN)] == [
        (PRC + "宪法", 3),
        (PRC + "民法典", 1),
    ]


def test_evidence_comes_from_each_report_that_states_it() -> None:
    rows = ask("evidence", entity=XIANFA)
    assert {r["report"] for r in rows} == {SEED_REPORT, ANSHAN_REPORT}
    anshan = [r for r in rows if r["report"] == ANSHAN_REPORT]
    assert [r["sentenceStart"] for r in anshan] == sorted(r["sentenceStart"] for r in anshan)
    assert any("讲解宪法和民法典相关知识" in r["sentence"] for r in anshan)
    assert any(r["published"] == "2020-12" for r in anshan)
    shared = ask("evidence", entity=find("辽宁省司法厅", "Agency"))
    assert {r["report"] for r in shared} == {SEED_REPORT, ANSHAN_REPORT}


def test_networks_and_people_of_both_cities() -> None:
    pairs = {frozenset((r["agency1Label"], r["agency2Label"])) for r in ask("co-organisers")}
    assert frozenset(("鞍山市司法局", "鞍山市委全面依法治市委员会办公室")) in pairs
    assert frozenset(("鞍山市铁东区司法局", "鞍山师范学院")) in pairs
    assert len(pairs) == 6
    liu = find("刘建国", "Official")
    assert [r["official2Label"] for r in ask("co-attendance", official=liu)] == ["陈晓燕"]
    assert [(r["date"], r["role"]) for r in ask("official-events", official=liu)] == [
        ("2020-12-04", "spoke"),
        ("2020-12-07", "attended"),
    ]
    assert [r["title"] for r in ask("official-posts", official=liu)] == [
        "市委常委",
        "市委政法委书记",
    ]
    assert len(ask("official-posts")) == 15


def test_the_same_short_name_finds_the_agency_of_each_city() -> None:
    rows = ask("search", text="市司法局")
    assert [(r["label"], r["score"]) for r in rows] == [("抚顺市司法局", 0), ("鞍山市司法局", 0)]
    assert [r["label"] for r in ask("search", text="liujianguo")] == ["刘建国"]


def test_anshan_measures_keep_campaign_totals_apart_from_event_counts() -> None:
    week = find("宪法宣传周(2020)", "Campaign")
    rows = {(r["scope"], r["unit"]): r for r in ask("campaign-measures", campaign=week)}
    assert rows["campaign", "场次"]["asWritten"] == "136场次"
    assert rows["campaign", "份"]["asWritten"] == "45000份"
    assert (rows["campaign", "人"]["asWritten"], rows["campaign", "人"]["markers"]) == (
        "约80000人",
        "约",
    )
    assert (rows["parts", "份"]["asWritten"], rows["parts", "份"]["qualifier"]) == (
        "12000余份",
        "over",
    )
    assert (rows["parts", "名"]["asWritten"], rows["parts", "名"]["markers"]) == ("约1000名", "近")
    assert {r["period"] for r in rows.values()} == {"2020"}
    assert {r["reports"] for r in rows.values()} == {ANSHAN_REPORT}


# --- paging, and the two ways of binding ---------------------------------------------------------

CASES: list[tuple[str, dict[str, str]]] = [
    ("laws-by-campaign", {}),
    ("laws-by-campaign", {"year": "2020"}),
    ("campaigns-by-law", {"law": XIANFA}),
    ("campaigns-by-law", {"city": ANSHAN, "year": "2020"}),
    ("events", {}),
    ("events", {"place": ANSHAN, "from": "2020-12-05"}),
    ("events", {"from": "2019-12-04", "to": "2019-12-31"}),
    ("event-participants", {}),
    ("event-participants", {"role": "chaired"}),
    ("official-events", {"role": "attended"}),
    ("official-posts", {}),
    ("co-organisers", {}),
    ("co-attendance", {}),
    ("law-mentions", {}),
    ("law-mentions", {"city": ANSHAN}),
    ("law-mentions", {"law": XIANFA, "year": "2020"}),
    ("campaign-measures", {}),
    ("campaign-measures", {"kind": "materials"}),
    ("evidence", {"entity": XIANFA}),
    ("search", {"text": "司法"}),
    ("search", {"text": "宪法", "type": "lg:Law"}),
]

_SEPARATORS = re.compile(r"[ ；、\n]")


def comparable(page: Page) -> list[tuple[Any, ...]]:
    """Rows with each concatenated cell sorted (GROUP_CONCAT's order is not defined)."""
    return [
        tuple(tuple(sorted(_SEPARATORS.split(v))) if isinstance(v, str) else v for v in r.values())
        for r in page.records()
    ]


@pytest.mark.parametrize(("name", "params"), CASES)
def test_substitutions_and_a_values_block_give_the_same_pages(
    name: str, params: dict[str, str]
) -> None:
    query = catalog().get(name)
    whole = run(two_reports(), query, params, limit=1000, binding="substitutions")
    assert whole.total > 0, (name, params)
    text = run(TextOnly(two_reports()), query, params, limit=1000)
    assert comparable(text) == comparable(whole) and text.columns == whole.columns
    rows: list[tuple[Any, ...]] = []
    offset: int | None = 0
    while offset is not None:
        page = run(TextOnly(two_reports()), query, params, limit=3, offset=offset)
        assert page.total == whole.total
        rows.extend(comparable(page))
        offset = page.next_offset
    assert rows == comparable(whole)


def test_totals_count_the_whole_answer_not_the_page() -> None:
    query = catalog().get("law-mentions")
    for binding in ("values", "substitutions"):
        page = run(two_reports(), query, {}, limit=5, offset=5, binding=binding)
        assert (len(page.rows), page.total, page.next_offset) == (5, 13, 10)
        last = run(two_reports(), query, {}, limit=5, offset=10, binding=binding)
        assert (len(last.rows), last.total, last.next_offset) == (3, 13, None)


# --- a remote endpoint: a real Oxigraph server, over HTTP ----------------------------------------


class HttpEndpoint:
    """A SPARQL endpoint reached over HTTP: text only, SPARQL JSON results."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.client = httpx.Client(timeout=30)

    def query(self, sparql: str, **options: object) -> ox.QuerySolutions:
        assert not options, options
        response = self.client.post(
            self.url, data={"query": sparql}, headers={"Accept": "application/sparql-results+json"}
        )
        if response.status_code == 400:
            raise SyntaxError(response.text)
        response.raise_for_status()
        result = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
        assert isinstance(result, ox.QuerySolutions)
        return result

    async def select(self, sparql: str) -> SolutionList:
        return await asyncio.to_thread(lambda: SolutionList.of(self.query(sparql)))

    def size(self) -> int:
        [row] = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(row["n"].value)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpEndpoint]:
    """``oxigraph serve`` with the union default graph, holding the two reports."""
    server = start_oxigraph(
        tmp_path_factory.mktemp("oxigraph"), location=False, extra_args=["--union-default-graph"]
    )
    try:
        dump = two_reports().oxigraph.dump(format=ox.RdfFormat.N_QUADS)
        loaded = httpx.post(
            server.gsp_url or "", content=dump, headers={"Content-Type": "application/n-quads"}
        )
        assert loaded.status_code in (200, 201, 204), loaded.text
        endpoint = HttpEndpoint(server.query_url)
        yield endpoint
        endpoint.client.close()
    finally:
        server.stop()


@pytest.mark.parametrize(("name", "params"), CASES)
def test_a_remote_endpoint_gives_the_embedded_answers(
    oxigraph_server: HttpEndpoint, name: str, params: dict[str, str]
) -> None:
    query = catalog().get(name)
    local = run(two_reports(), query, params, limit=4)
    remote = run(oxigraph_server, query, params, limit=4)
    assert (remote.total, remote.next_offset) == (local.total, local.next_offset)
    assert comparable(remote) == comparable(local)
    awaited = asyncio.run(arun(oxigraph_server.select, query, params, limit=4))
    assert comparable(awaited) == comparable(local) and awaited.total == local.total


# --- injection: hostile values stay values ------------------------------------------------------


def _targets(server: HttpEndpoint) -> list[tuple[Any, Binding]]:
    """The embedded store both ways, and the Oxigraph server over HTTP."""
    return [(two_reports(), "substitutions"), (two_reports(), "values"), (server, "values")]


@pytest.mark.parametrize("text", [t for t in HOSTILE if t.strip()])
def test_hostile_search_text_is_searched_for_and_changes_nothing(
    oxigraph_server: HttpEndpoint, text: str
) -> None:
    query = catalog().get("search")
    before = (len(two_reports()), oxigraph_server.size())
    for target, binding in _targets(oxigraph_server):
        page = run(target, query, {"text": text}, binding=binding)
        assert page.rows == () and page.total == 0, (target, text)
    assert (len(two_reports()), oxigraph_server.size()) == before


@pytest.mark.parametrize(
    "value",
    [
        f"{XIANFA}> }} ; DROP ALL ; SELECT * WHERE {{ ?s ?p ?o",
        f'{XIANFA}" ; DROP ALL',
        "宪法",
        "lg:Law }",
        f"{XIANFA}\n}}",
        "javascript:alert(1)",
    ],
)
def test_hostile_iris_are_refused_or_matched_as_iris(
    oxigraph_server: HttpEndpoint, value: str
) -> None:
    query = catalog().get("campaigns-by-law")
    for target, binding in _targets(oxigraph_server):
        with pytest.raises(BadParameter) as err:
            run(target, query, {"law": value}, binding=binding)
        assert err.value.param == "law"
    assert ask("campaigns-by-law", law=XIANFA)  # nothing was dropped


def test_a_label_made_of_sparql_is_found_exactly() -> None:
    evil = "O'Brien \"} ; DROP ALL # \\u0022 \\"
    store = EmbeddedStore()
    load_paths(store, [SEED_FACTS], shacl=False)
    node = ox.NamedNode("https://example.org/evil")
    graph = ox.NamedNode("https://example.org/graph/evil")
    store.oxigraph.extend(
        [
            ox.Quad(
                node,
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode("https://w3id.org/lawgraph/ns#Agency"),
                graph,
            ),
            ox.Quad(
                node,
                ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                ox.Literal(evil, language="zh"),
                graph,
            ),
        ]
    )
    store.add_search_keys([graph.value])  # as the loader does for an RDF file's labels
    query: CannedQuery = catalog().get("search")
    size = len(store)
    for binding in ("values", "substitutions"):
        for text in (evil, '"} ; DROP ALL', "\\u0022", "O'Brien"):
            rows = run(store, query, {"text": text}, binding=binding).records()
            assert [r["entity"] for r in rows] == ["https://example.org/evil"], text
            assert rows[0]["label"] == evil
    assert len(store) == size
