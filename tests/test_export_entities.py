"""The entity graph of the seed report: entities as nodes, facts as labelled edges."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest
from seed import SEED_REPORT, seed_store, select

from lawgraph.export import entity_graph
from lawgraph.export.entities import end_date, start_date

LG = "https://w3id.org/lawgraph/ns#"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return entity_graph(seed_store().quads())


@pytest.fixture(scope="module")
def kept() -> nx.MultiDiGraph:
    return entity_graph(seed_store().quads(), nary="keep")


def labels_in_store(cls: str) -> dict[str, str]:
    rows = select(seed_store(), f"SELECT ?s ?l WHERE {{ ?s a lg:{cls} ; rdfs:label ?l }}")
    return {r["s"]: r["l"] for r in rows}


def of_type(graph: nx.MultiDiGraph, kind: str) -> dict[str, dict[str, object]]:
    return {n: d for n, d in graph.nodes(data=True) if d["type"] == kind}


def by_label(graph: nx.MultiDiGraph, label: str) -> str:
    (node,) = [n for n, d in graph.nodes(data=True) if d.get("label") == label]
    return node


def test_officials_and_laws_with_their_chinese_labels(graph: nx.MultiDiGraph) -> None:
    officials = of_type(graph, "Official")
    laws = of_type(graph, "Law")
    assert len(officials) == 7 and len(laws) == 11
    assert {n: d["label"] for n, d in officials.items()} == labels_in_store("Official")
    assert {n: d["label_zh"] for n, d in laws.items()} == labels_in_store("Law")
    assert "中华人民共和国宪法" in {d["label"] for d in laws.values()}
    assert officials[by_label(graph, "戴小梅")]["pinyin"] == "daixiaomei"


def test_every_entity_and_no_fact_or_evidence_node(graph: nx.MultiDiGraph) -> None:
    types = Counter(d["type"] for _, d in graph.nodes(data=True))
    assert types == {
        "Agency": 23,
        "Law": 11,
        "Campaign": 7,
        "Official": 7,
        "Document": 6,
        "Event": 5,
        "Division": 5,
        "Meeting": 3,
        "Place": 1,
        "Report": 1,
    }
    assert not any("/evidence/" in n or "/tenure/" in n for n in graph)


def test_a_tenure_is_an_edge_with_its_title_and_evidence(graph: nx.MultiDiGraph) -> None:
    dai = by_label(graph, "戴小梅")
    posts = {
        graph.nodes[agency]["label"]: data
        for _, agency, data in graph.out_edges(dai, data=True)
        if data["relation"] == "tenure"
    }
    assert {p: d["title"] for p, d in posts.items()} == {
        "抚顺市委宣传部": "宣传部长",
        "抚顺市委": "市委常委",
        "抚顺市委法治建设委员会守法普法协调小组": "守法普法协调小组组长",
    }
    post = posts["抚顺市委宣传部"]
    assert post["label"] == "任职" and post["label_en"] == "tenure"
    assert post["evidence_count"] >= 1 and "宣传部长" in str(post["quote"])
    assert str(post["fact"]).startswith("https://w3id.org/lawgraph/id/tenure/")
    # org:memberOf, the shortcut beside each tenure, is not repeated as an edge
    assert not any(d["relation"] == "memberOf" for *_, d in graph.edges(data=True))


def test_participations_are_role_edges_dated_by_their_event(graph: nx.MultiDiGraph) -> None:
    roles = Counter(
        d["relation"]
        for *_, d in graph.edges(data=True)
        if str(d.get("fact", "")).startswith("https://w3id.org/lawgraph/id/participation/")
    )
    assert sum(roles.values()) == 22
    assert set(roles) <= {"chaired", "attended", "spoke", "organised", "co-organised", "hosted"}
    chaired = [(u, w, d) for u, w, d in graph.edges(data=True) if d["relation"] == "chaired"]
    assert chaired
    for u, w, d in chaired:
        assert graph.nodes[u]["type"] == "Official"
        assert graph.nodes[w]["type"] in ("Event", "Meeting")
        assert d["label"] == "主持" and d["label_en"] == "chaired"
        if "start" in graph.nodes[w]:
            assert d["start"] == graph.nodes[w]["start"]
    # the schema.org mirrors are never exported
    assert not {"attendee", "organizer"} & {
        d["relation"] for *_, d in graph.edges(data=True) if "schema.org" in d.get("predicate", "")
    }


def test_promotions_replace_their_shortcut(graph: nx.MultiDiGraph) -> None:
    promotions = [d for *_, d in graph.edges(data=True) if d["relation"] == "promotesLaw"]
    assert len(promotions) == 18  # one per lg:Promotion: the shortcut triple adds none
    assert all(d["evidence_count"] >= 1 and d["fact"] for d in promotions)
    assert {d["label"] for d in promotions} == {"宣传法律"}


def test_plain_properties_become_labelled_edges(graph: nx.MultiDiGraph) -> None:
    relations = Counter(d["relation"] for *_, d in graph.edges(data=True))
    assert relations["subOrganizationOf"] == 10
    assert relations["partOfCampaign"] == 5
    edge = next(d for *_, d in graph.edges(data=True) if d["relation"] == "partOfCampaign")
    assert edge["label_zh"] == "属于活动" and edge["label_en"] == "part of campaign"
    assert edge["predicate"] == LG + "partOfCampaign"


def test_literals_concepts_measures_and_dates_are_node_attributes(graph: nx.MultiDiGraph) -> None:
    week = graph.nodes[by_label(graph, "抚顺市2019年宪法宣传周活动")]
    assert week["date"] == "2019-12" and week["start"] == "2019-12-01"
    assert week["eventKind"] == "publicity activity" and week["eventKind_zh"] == "宣传活动"
    assert "各类法治宣传活动：268场次" in week["measures"]
    assert "受教育群众：近300000余人" in week["measures"]
    assert week["evidence_count"] >= 1
    agency = graph.nodes[by_label(graph, "抚顺市司法局")]
    assert agency["agencyKind"] == "government" and agency["agencyKind_zh"] == "政府及其部门"
    report = graph.nodes[SEED_REPORT]
    assert report["type"] == "Report" and report["published"] == "2020-06"
    assert "fullText" not in report
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    for *_, data in graph.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


def test_kept_n_ary_facts_are_nodes(kept: nx.MultiDiGraph) -> None:
    types = Counter(d["type"] for _, d in kept.nodes(data=True))
    assert (types["Tenure"], types["Participation"], types["Promotion"], types["Measure"]) == (
        12,
        22,
        18,
        17,
    )
    tenure = next(n for n, d in kept.nodes(data=True) if d["type"] == "Tenure")
    out = {d["relation"]: w for _, w, d in kept.out_edges(tenure, data=True)}
    assert kept.nodes[out["tenureOf"]]["type"] == "Official"
    assert kept.nodes[out["inAgency"]]["type"] == "Agency"
    assert kept.nodes[tenure]["label"] == kept.nodes[tenure]["title"]
    chaired = [d for _, d in kept.nodes(data=True) if d.get("role") == "chaired"]
    assert chaired and all(d["role_zh"] == "主持" for d in chaired)


def test_english_labels_fall_back_to_chinese() -> None:
    graph = entity_graph(seed_store().quads(), lang="en")
    assert graph.nodes[by_label(graph, "戴小梅")]["type"] == "Official"
    assert {d["label"] for *_, d in graph.edges(data=True) if d["relation"] == "tenure"} == {
        "tenure"
    }


def test_dates_of_any_precision() -> None:
    assert (start_date("2019"), end_date("2019")) == ("2019-01-01", "2019-12-31")
    assert (start_date("2020-02"), end_date("2020-02")) == ("2020-02-01", "2020-02-29")
    assert (start_date("2019-12-06"), end_date("2019-12-06")) == ("2019-12-06", "2019-12-06")
    assert start_date("sometime") is None
