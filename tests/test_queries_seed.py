"""Every canned question, asked of the bundled seed report (Fushun, 2020): real rows."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from seed import SEED_REPORT, seed_store

from lawgraph.catalog import BadParameter, Catalog, load_catalog, run

PRC = "中华人民共和国"


@cache
def catalog() -> Catalog:
    return load_catalog()


def ask(name: str, **params: str) -> list[dict[str, Any]]:
    """Every row of a canned query on the seed (as JSON-ready dicts)."""
    page = run(seed_store(), catalog().get(name), params, limit=1000)
    assert page.total == len(page.rows)
    return page.records()


def find(label: str, kind: str | None = None) -> str:
    """The IRI of the entity whose name is ``label`` (through the search question)."""
    params = {"text": label} | ({"type": f"lg:{kind}"} if kind else {})
    exact = [r for r in ask("search", **params) if r["label"] == label]
    assert len(exact) == 1, (label, exact)
    return exact[0]["entity"]


def test_every_question_answers_on_the_seed() -> None:
    required = {"evidence": {"entity": find("戴小梅")}, "search": {"text": "抚顺"}}
    for q in catalog():
        rows = ask(q.name, **required.get(q.name, {}))
        assert rows, f"{q.name} has no rows on the seed"
        assert set(rows[0]) == set(q.columns)


# --- laws and campaigns ------------------------------------------------------------------------


def test_the_2019_constitution_week_promoted_the_constitution() -> None:
    rows = ask("laws-by-campaign", campaign=find("宪法宣传周(2019)", "Campaign"))
    assert [(r["campaignLabel"], r["year"], r["lawLabel"]) for r in rows] == [
        ("宪法宣传周(2019)", "2019", PRC + "宪法")
    ]
    assert rows[0]["events"] == 1  # 抚顺市2019年宪法宣传周活动
    assert rows[0]["reports"] == SEED_REPORT and rows[0]["reportCount"] == 1


def test_the_15_april_campaign_promoted_five_security_laws_and_the_constitution() -> None:
    rows = ask("laws-by-campaign", campaign=find("全民国家安全教育日(2020)", "Campaign"))
    laws = {r["lawLabel"] for r in rows}
    assert laws == {
        PRC + short
        for short in ["宪法", "国家安全法", "反恐怖主义法", "网络安全法", "反间谍法", "核安全法"]
    }
    assert {r["events"] for r in rows} == {0}  # promoted by the campaign itself


def test_laws_by_campaign_of_a_year_and_of_every_campaign() -> None:
    by_year = ask("laws-by-campaign", year="2019")
    assert {r["campaignLabel"] for r in by_year} == {"宪法宣传周(2019)", "宪法七进(2019)"}
    every = ask("laws-by-campaign")
    assert {r["campaignLabel"] for r in every} >= {
        "宪法宣传周(2019)",
        "全民国家安全教育日(2020)",
        "两会期间法治宣传(2020)",
        "谁执法谁普法普法责任制",
    }
    no_year = [r for r in every if r["campaignLabel"] == "谁执法谁普法普法责任制"]
    assert {r["year"] for r in no_year} == {""}
    assert len({r["lawLabel"] for r in no_year}) == 6


def test_campaigns_that_promoted_the_constitution_by_city_and_year() -> None:
    xianfa = find(PRC + "宪法", "Law")
    rows = ask("campaigns-by-law", law=xianfa)
    assert {(r["cityLabel"], r["year"], r["campaignLabel"]) for r in rows} == {
        ("抚顺市", "2019", "宪法宣传周(2019)"),
        ("抚顺市", "2019", "宪法七进(2019)"),
        ("抚顺市", "2020", "全民国家安全教育日(2020)"),
        ("抚顺市", "", "谁执法谁普法普法责任制"),
    }
    assert [r["campaignLabel"] for r in ask("campaigns-by-law", law=xianfa, year="2020")] == [
        "全民国家安全教育日(2020)"
    ]
    fushun = next(r["city"] for r in rows)
    assert fushun == "https://w3id.org/lawgraph/id/place/210400"
    assert len(ask("campaigns-by-law", law=xianfa, city=fushun)) == 4


def test_a_campaign_iri_is_not_a_law() -> None:
    with pytest.raises(BadParameter, match=r"^law: <.*> is not a lg:Law in the store"):
        ask("campaigns-by-law", law=find("宪法宣传周(2019)", "Campaign"))


def test_law_mention_counts_by_city_and_year() -> None:
    rows = ask("law-mentions")
    assert len(rows) == 11
    top = rows[0]
    assert (top["lawLabel"], top["cityLabel"], top["year"], top["mentions"], top["reports"]) == (
        PRC + "宪法",
        "抚顺市",
        "2020",
        3,
        1,
    )
    counts = {r["lawLabel"].removeprefix(PRC): r["mentions"] for r in rows}
    assert counts["刑法"] == 2 and counts["治安管理处罚法"] == 2 and counts["核安全法"] == 1
    assert ask("law-mentions", year="2019") == []


# --- events and people ---------------------------------------------------------------------------


def test_events_of_an_agency_include_its_sub_organisations_in_date_order() -> None:
    rows = ask("events", agency=find("抚顺市委", "Agency"))
    assert [(r["date"], r["eventLabel"]) for r in rows] == [
        ("2019-12-03", "党的十九届四中全会精神宣讲报告会"),  # 市委宣传部
        ("2019-12-06", "全市领导干部法治报告会"),  # 市委法治建设委员会办公室
        ("2019-12-09", "抚顺市委法治建设委员会守法普法协调小组第一次会议"),
    ]
    sfj = ask("events", agency=find("抚顺市司法局", "Agency"))
    assert [r["eventLabel"] for r in sfj] == ["全市领导干部法治报告会"]
    assert sfj[0]["organizers"] in (
        "抚顺市司法局、抚顺市委法治建设委员会办公室",
        "抚顺市委法治建设委员会办公室、抚顺市司法局",
    )


def test_events_in_a_date_range_overlap_it_whatever_their_precision() -> None:
    rows = ask("events", **{"from": "2019-12-04", "to": "2019-12-31"})
    assert [(r["date"], r["eventLabel"]) for r in rows] == [
        ("2019", "党的十九届四中全会"),  # dated to the year: overlaps
        ("2019-12", "抚顺市2019年宪法宣传周活动"),  # dated to the month: overlaps
        ("2019-12-06", "全市领导干部法治报告会"),
        ("2019-12-09", "抚顺市委法治建设委员会守法普法协调小组第一次会议"),
    ]
    assert "from" not in rows[0]  # a filter-only parameter is not a column
    narrow = ask("events", **{"from": "2019-12-05", "to": "2019-12-08"})
    assert [r["eventLabel"] for r in narrow] == [
        "党的十九届四中全会",
        "抚顺市2019年宪法宣传周活动",
        "全市领导干部法治报告会",
    ]
    assert ask("events", **{"from": "2020-01-01"}) == []
    every = ask("events")
    assert len(every) == 8
    dates = [r["date"] for r in every]
    assert dates[:5] == ["2019", "2019-12", "2019-12-03", "2019-12-06", "2019-12-09"]
    assert dates[5:] == [None, None, None]  # undated events come last


def test_events_of_a_place_or_a_division() -> None:
    venue = ask("events", place=find("抚顺市委党校礼堂", "Place"))
    assert [r["eventLabel"] for r in venue] == ["全市领导干部法治报告会"]
    xinfu = ask("events", place="https://w3id.org/lawgraph/id/place/210402")  # 新抚区
    assert [r["eventLabel"] for r in xinfu] == ["新抚区大官小学法治教育课"]
    liaoning = ask("events", place="https://w3id.org/lawgraph/id/place/210000")
    assert len(liaoning) == 7  # all but the national plenum


def test_lai_he_chaired_the_12_03_report_session() -> None:
    event = find("党的十九届四中全会精神宣讲报告会", "Event")
    rows = ask("event-participants", event=event)
    roles = {(r["participantLabel"], r["role"]) for r in rows}
    assert ("来鹤", "chaired") in roles and ("张连波", "spoke") in roles
    assert ("抚顺市委宣传部", "organised") in roles
    assert ("抚顺市人大常委会", "attended") in roles
    chaired = ask("event-participants", event=event, role="chaired")
    assert [(r["participantLabel"], r["roleLabel"], r["participantType"]) for r in chaired] == [
        ("来鹤", "主持", "official")
    ]
    assert "报告会由抚顺市委书记来鹤主持" in chaired[0]["quotes"]


def test_the_events_an_official_took_part_in_with_the_role() -> None:
    rows = ask("official-events", official=find("来鹤", "Official"))
    assert [(r["date"], r["eventLabel"], r["role"]) for r in rows] == [
        ("2019-12-03", "党的十九届四中全会精神宣讲报告会", "chaired")
    ]
    dai = ask("official-events", official=find("戴小梅", "Official"))
    assert [(r["eventLabel"], r["roleLabel"]) for r in dai] == [
        ("抚顺市委法治建设委员会守法普法协调小组第一次会议", "讲话")
    ]
    attended = ask("official-events", role="attended")
    assert {r["officialLabel"] for r in attended} == {"姜群大", "周焕杰", "王文晶"}


def test_dai_xiaomei_holds_three_posts_as_reported() -> None:
    rows = ask("official-posts", official=find("戴小梅", "Official"))
    assert [(r["title"], r["agencyLabel"]) for r in rows] == [
        ("市委常委", "抚顺市委"),
        ("宣传部长", "抚顺市委宣传部"),
        ("守法普法协调小组组长", "抚顺市委法治建设委员会守法普法协调小组"),
    ]
    for row in rows:
        assert row["report"] == SEED_REPORT
        assert row["reportTitle"] == "全面依法治市工作推进会议(抚顺强化法治引领)"
        assert row["published"] == "2020-06"
        assert row["quotes"] == row["title"]
        assert "戴小梅出席会议并做重要讲话" in row["sentences"]


def test_co_organising_agencies_with_counts() -> None:
    rows = ask("co-organisers")
    pairs = {frozenset((r["agency1Label"], r["agency2Label"])): r for r in rows}
    sfj = pairs[frozenset(("抚顺市司法局", "抚顺市委法治建设委员会办公室"))]
    assert (sfj["together"], sfj["events"], sfj["campaigns"]) == (2, 1, 1)
    assert rows[0] is sfj  # the strongest tie first
    assert frozenset(("抚顺市中级人民法院", "沈阳工学院")) in pairs
    court = ask("co-organisers", agency=find("抚顺市中级人民法院", "Agency"))
    assert [(r["agency1Label"], r["agency2Label"], r["events"]) for r in court] == [
        ("抚顺市中级人民法院", "沈阳工学院", 1)
    ]


def test_officials_at_the_same_events() -> None:
    rows = ask("co-attendance")
    pairs = {frozenset((r["official1Label"], r["official2Label"])) for r in rows}
    assert frozenset(("来鹤", "张连波")) in pairs
    assert len(pairs) == 7  # 1 pair on 12-03, 6 among the four on 12-06; 戴小梅 was alone
    jiang = ask("co-attendance", official=find("姜群大", "Official"))
    assert {r["official2Label"] for r in jiang} == {"徐海静", "周焕杰", "王文晶"}
    assert {r["official1Label"] for r in jiang} == {"姜群大"}
    assert {r["eventLabels"] for r in jiang} == {"全市领导干部法治报告会"}


# --- measures, evidence, search ------------------------------------------------------------------


def test_campaign_measures_summed_with_their_qualifiers() -> None:
    week = find("宪法宣传周(2019)", "Campaign")
    rows = {(r["kind"], r["unit"]): r for r in ask("campaign-measures", campaign=week)}
    assert (rows["events", "场次"]["total"], rows["events", "场次"]["qualifier"]) == (268, "exact")
    assert (rows["materials", "份"]["total"], rows["materials", "份"]["asWritten"]) == (
        65000,
        "65000份",
    )
    assert rows["materials", "条"]["asWritten"] == "1000余条"
    assert rows["materials", "条"]["markers"] == "余"
    consults = rows["people", "人次"]
    assert (consults["total"], consults["qualifier"], consults["markers"]) == (
        8600,
        "approx",
        "近…余",
    )
    people = rows["people", "人"]  # 近30余万 受教育群众 + 500余 at the 12-06 report session
    assert (people["total"], people["qualifier"], people["measures"]) == (300500, "approx", 2)
    assert {r["period"] for r in rows.values()} == {"2019"}
    assert {r["scope"] for r in rows.values()} == {"parts"}  # stated for its events
    year = ask("campaign-measures", campaign=find("社会治理 法治先行宣传年(2020)", "Campaign"))
    slogans = next(r for r in year if r["unit"] == "条")
    assert (slogans["total"], slogans["asWritten"], slogans["measures"], slogans["scope"]) == (
        6300,
        "6300余条",
        2,
        "campaign",
    )
    people_only = ask("campaign-measures", kind="people")
    assert {r["kind"] for r in people_only} == {"people"} and len(people_only) == 4


def test_the_evidence_behind_an_official_is_every_sentence_naming_him() -> None:
    rows = ask("evidence", entity=find("来鹤", "Official"))
    assert len(rows) == 2
    assert [r["sentenceStart"] for r in rows] == sorted(r["sentenceStart"] for r in rows)
    first, second = rows
    assert "市委来鹤书记" in first["sentence"] and set(first["facts"].split()) == {
        "mention",
        "post",
    }
    assert "报告会由抚顺市委书记来鹤主持" in second["sentence"]
    assert set(second["facts"].split()) == {"mention", "post", "participation"}
    assert {r["report"] for r in rows} == {SEED_REPORT}


def test_the_evidence_behind_a_law_includes_its_promotions() -> None:
    rows = ask("evidence", entity=find(PRC + "核安全法", "Law"))
    assert len(rows) == 1
    assert "核安全法" in rows[0]["sentence"]
    assert set(rows[0]["facts"].split()) == {"mention", "promotion"}


def test_search_matches_pinyin_short_names_and_full_names() -> None:
    by_pinyin = ask("search", text="daixiaomei")
    assert [(r["label"], r["score"], r["types"]) for r in by_pinyin] == [("戴小梅", 0, "Official")]
    assert ask("search", text="Dai Xiaomei")[0]["label"] == "戴小梅"
    short = ask("search", text="市司法局")
    assert (short[0]["label"], short[0]["score"]) == ("抚顺市司法局", 0)
    assert "市司法局" in short[0]["matched"].split("；")
    assert ask("search", text="抚顺中院")[0]["label"] == "抚顺市中级人民法院"
    laws = ask("search", text="安全", type="lg:Law")
    assert {r["label"] for r in laws} == {
        PRC + s for s in ["国家安全法", "网络安全法", "核安全法", "安全生产法"]
    }
    assert ask("search", text="no such thing") == []
