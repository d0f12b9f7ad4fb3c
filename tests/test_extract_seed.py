"""The extractor on the seed report: what a reader of the report finds, and nothing from its noise."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest

from lawgraph.extract import Extraction, extract, to_dict
from lawgraph.extract.interchange import dumps

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "reports" / "fushun-2020-rule-of-law.txt"


@cache
def seed() -> Extraction:
    return extract(SEED.read_text(encoding="utf-8"), doc_id="fushun-2020-rule-of-law")


def norms(type_: str) -> set[object]:
    return {e.norm for e in seed().entities if e.type == type_ and not e.implicit}


def test_laws_with_and_without_brackets_resolve_to_full_titles() -> None:
    assert norms("Law") == {
        "中华人民共和国宪法",
        "中华人民共和国传染病防治法",
        "中华人民共和国刑法",
        "中华人民共和国治安管理处罚法",
        "中华人民共和国突发事件应对法",
        "中华人民共和国安全生产法",
        "中华人民共和国国家安全法",
        "中华人民共和国反恐怖主义法",
        "中华人民共和国网络安全法",
        "中华人民共和国反间谍法",
        "中华人民共和国核安全法",
    }


def test_constitution_not_taken_from_stock_compounds_or_campaign_names() -> None:
    text = seed().text
    xianfa = next(e for e in seed().entities if e.norm == "中华人民共和国宪法")
    for m in xianfa.mentions:
        after = text[m.end : m.end + 2]
        assert after not in ("精神", "宣传", "进企", "意识"), (m, after)
    # 宪法宣传周 is a campaign, never a law
    assert all(text[m.end : m.end + 3] != "宣传周" for m in xianfa.mentions)


def test_officials_and_their_posts() -> None:
    assert norms("Official") == {"戴小梅", "来鹤", "张连波", "徐海静", "姜群大", "周焕杰", "王文晶"}
    posts = {
        (r.subject.norm, r.attrs["title"], r.attrs["agency_norm"])
        for r in seed().relations
        if r.type == "holdsPosition"
    }
    assert ("戴小梅", "市委常委", "抚顺市委") in posts
    assert ("戴小梅", "宣传部长", "抚顺市委宣传部") in posts
    assert ("戴小梅", "守法普法协调小组组长", "抚顺市委法治建设委员会守法普法协调小组") in posts
    assert ("周焕杰", "副主任", "抚顺市人大常委会") in posts  # inherited from 市人大党组副书记
    assert ("张连波", "研究室主任", "省政协研究室") in posts
    assert ("王文晶", "市政协副主席", "抚顺市政协") in posts


def test_quantities_with_value_unit_and_qualifier() -> None:
    found = {
        (e.mentions[0].surface, e.norm["value"], e.norm["unit"], e.norm["qualifier"])
        for e in seed().entities
        if e.type == "Quantity"
    }
    for expected in [
        ("268场次", 268, "场次", "exact"),
        ("千余条", 1000, "条", "over"),
        ("6.5万份", 65000, "份", "exact"),
        ("近8600余人次", 8600, "人次", "approx"),
        ("近30余万人", 300000, "人", "approx"),
        ("2万余册", 20000, "册", "over"),
        ("178万人次", 1780000, "人次", "exact"),
        ("150余场次", 150, "场次", "over"),
    ]:
        assert expected in found
    assert len(found) == 17


def test_dates_take_their_year_from_the_text() -> None:
    assert seed().doc_year == 2020
    assert norms("Date") >= {"2019-12-09", "2019-12-03", "2019-12-06"}
    dated = {
        (r.subject.norm, r.object.norm)
        for r in seed().relations
        if r.type == "date" and r.object is not None
    }
    assert ("全市领导干部法治报告会", "2019-12-06") in dated
    assert ("党的十九届四中全会精神宣讲报告会", "2019-12-03") in dated  # 去年 → 2019


def test_agencies_expanded_with_the_report_place_and_no_collectives() -> None:
    agencies = norms("Agency")
    assert {"抚顺市司法局", "抚顺市委宣传部", "抚顺市委法治建设办", "抚顺中院"} <= agencies
    assert not any(a.startswith(("各", "县区", "市直")) for a in agencies)  # type: ignore[union-attr]


def test_campaigns_with_years() -> None:
    campaigns = {e.norm for e in seed().entities if e.type == "Campaign"}
    assert "宪法宣传周(2019)" in campaigns
    assert "全民国家安全教育日(2020)" in campaigns


def test_relations_of_the_lecture() -> None:
    rels = {
        (r.type, r.subject.norm, r.object.norm)
        for r in seed().relations
        if r.object is not None and r.object.type != "Quantity"
    }
    assert ("chaired", "来鹤", "党的十九届四中全会精神宣讲报告会") in rels
    assert ("spokeAt", "徐海静", "全市领导干部法治报告会") in rels
    assert ("attended", "姜群大", "全市领导干部法治报告会") in rels
    assert ("organizedBy", "全市领导干部法治报告会", "抚顺市司法局") in rels
    assert ("heldAt", "全市领导干部法治报告会", "市委党校礼堂") in rels


@pytest.mark.parametrize("line", ["全面依法治市工作推进会议", "免责声明", "分享", "投诉", "首页"])
def test_page_noise_yields_no_mentions(line: str) -> None:
    text = seed().text
    noisy = [i for i in range(len(text)) if text.startswith(line, i)]
    assert noisy
    for e in seed().entities:
        for m in e.mentions:
            for i in noisy:
                line_end = text.find("\n", i)
                assert not (i <= m.start < line_end), (line, m)


def test_mentions_quote_the_text_and_do_not_overlap() -> None:
    data = to_dict(seed())
    text = seed().text
    spans = []
    for e in data["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
            spans.append((m["start"], m["end"]))
    spans.sort()
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2


def test_same_input_same_bytes() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert dumps(extract(text, doc_id="x")) == dumps(extract(text, doc_id="x"))
