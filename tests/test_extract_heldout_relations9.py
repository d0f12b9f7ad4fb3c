"""Rules added after scoring the ninth held-out round (tests/data/heldout9): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from extracted import rels

from lawgraph.extract import extract

CRUMBS = "首页 > 工作动态 > 基层动态\n"
SERIES_TITLE = "青山街道开展2023年“宪法宣传周”系列活动\n"
SERIES_BODY = (
    "今年12月1日至7日是第六个“宪法宣传周”。青山街道联合区司法局，走进社区开展了一系列"
    "宪法宣传活动。\n"
    "12月2日，青山街道在街道会议室举行宪法宣誓仪式。\n"
    "12月5日，“宪法进万家”法律讲座在东湖社区文化室开讲。\n"
)


def test_a_breadcrumb_is_no_title() -> None:
    x = extract(CRUMBS + SERIES_TITLE + SERIES_BODY)
    series = "2023年“宪法宣传周”系列活动"
    assert {("宪法宣誓仪式", series), ("“宪法进万家”法律讲座", series)} <= rels(x, "partOf")
    assert rels(x, "partOf") == rels(extract(SERIES_TITLE + SERIES_BODY), "partOf")


def test_a_series_of_activities_is_the_series_named_before() -> None:
    x = extract(SERIES_TITLE + SERIES_BODY)
    series = "2023年“宪法宣传周”系列活动"
    assert ("区司法局", series) in {(o, s) for s, o in rels(x, "organizedBy")}
    assert not [e for e in x.entities if e.type == "Event" and e.norm.startswith("一系列")]
    # with no series named, 一系列…活动 names no event
    alone = extract("青山街道走进社区开展了一系列宪法宣传活动。\n")
    assert not [e for e in alone.entities if e.type == "Event"]


def test_a_ceremony_in_the_title_holds_no_event_held_apart() -> None:
    x = extract(
        "美好生活 青山县举行民法典宣传月启动仪式\n"
        "5月6日上午，青山县民法典宣传月启动仪式在县人民广场举行。\n"
        "当天下午，县法院在县行政中心举办民法典专题宣讲会。\n"
    )
    assert not {s for s, o in rels(x, "partOf") if o.endswith("启动仪式")}
