"""Rules added after scoring the ninth held-out round (tests/data/heldout9): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from extracted import quantities, rels

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


DAY = (
    "青山县举行禁毒宣传日活动\n"
    "2023年6月26日上午，由县禁毒办主办的禁毒宣传日活动在县城中心广场举行。"
    "现场还举行了禁毒征文比赛颁奖仪式。\n"
)


def test_the_days_totals_are_the_event_held_that_day() -> None:
    x = extract(DAY + "\n据统计，当天共发放宣传资料3000余份，接受群众咨询约200人次。\n")
    assert quantities(x) == dict.fromkeys(["3000余份", "约200人次"], "禁毒宣传日活动")
    # without the day, a total of the county stays the county's
    other = extract(DAY + "\n据统计，全年全县共发放宣传资料3000余份。\n")
    assert quantities(other).get("3000余份") != "禁毒宣传日活动"


def test_towns_setting_up_sub_venues_are_venues_of_the_day() -> None:
    x = extract(DAY + "\n同日，青石镇、白水镇等8个乡镇同步设立分会场，组织群众参加。\n")
    assert {("禁毒宣传日活动", "青石镇"), ("禁毒宣传日活动", "白水镇")} <= rels(x, "heldAt")


def test_an_observance_the_activity_falls_on_takes_its_day() -> None:
    x = extract(DAY + "活动恰逢第36个“6·26”国际禁毒日，县公安局同步开展禁毒宣传。\n")
    assert ("第36个“6·26”国际禁毒日", "2023年6月26日") in rels(x, "date")
    # a day that is not the observance's dates nothing
    y = extract(DAY.replace("6月26日", "6月27日") + "活动恰逢第36个“6·26”国际禁毒日。\n")
    assert "第36个“6·26”国际禁毒日" not in {s for s, _o in rels(y, "date")}


def test_an_event_on_the_occasion_of_an_observance_is_part_of_it() -> None:
    x = extract(
        "在第九个国家宪法日到来之际，县司法局在中心广场举办“宪法宣传周”集中宣传活动。\n"
        "12月4日是第九个国家宪法日，当天，县法院在法院广场举办“宪法宣传周”法治讲座。\n"
    )
    part = rels(x, "partOf")
    assert ("“宪法宣传周”集中宣传活动", "第九个国家宪法日") in part
    assert ("“宪法宣传周”法治讲座", "第九个国家宪法日") in part


def test_a_centre_opening_a_clause_counts_its_own_work_across_the_county() -> None:
    x = extract(
        "桃源县2022年法治建设情况\n"
        "近年来，县总工会持续推进法律服务体系建设，全县已建成职工法律服务站点40个。\n"
        "据统计，全县共开展宣传活动20场；县法律援助中心受理法律援助案件30件。\n"
    )
    q = quantities(x)
    assert q["40个"] == "县总工会"
    assert q["30件"] == "县法律援助中心"
    assert q["20场"] == "桃源县"  # the county's, as a 全县 count is


def test_a_numbered_section_naming_a_programme_holds_its_events() -> None:
    x = extract(
        "青山县司法局2022年工作总结\n"
        "一、扎实推进“八五”普法\n"
        "3月6日，县司法局召开全县普法工作会议。\n"
        "二、加强人民调解\n"
        "5月8日，县司法局举办全县人民调解员培训班。\n"
    )
    part = rels(x, "partOf")
    assert ("全县普法工作会议", "“八五”普法") in part
    assert ("全县人民调解员培训班", "“八五”普法") not in part
    # a numbered paragraph whose first sentence names it
    y = extract("（三）深入推进“八五”普法。8月2日，县政府举办领导干部法治专题培训班。\n")
    assert ("领导干部法治专题培训班", "“八五”普法") in rels(y, "partOf")


def test_a_years_work_is_not_the_event_leading_the_paragraph() -> None:
    x = extract(
        "11月8日，县司法局召开普法责任制履职评议会。"
        "各执法单位重点宣传《中华人民共和国安全生产法》，全年开展各类普法活动80余场。\n"
    )
    assert "普法责任制履职评议会" not in {s for s, _o in rels(x, "promotes")}
    assert quantities(x).get("80余场") != "普法责任制履职评议会"


def test_hosts_named_before_the_event_organise_it() -> None:
    x = extract(
        "6月2日，由县委政法委、县司法局主办，县法院、县检察院等10家单位共同参与的"
        "“平安进万家”集中宣传活动在中心广场举行。\n"
    )
    organisers = {o for _s, o in rels(x, "organizedBy")}
    assert {"县委政法委", "县司法局"} <= organisers
    assert "县法院" not in organisers  # who takes part does not organise it


def test_a_programme_whose_results_are_kept_is_over() -> None:
    x = extract(
        "为巩固“法律明白人”培养工程成果，6月2日，由县司法局主办的“平安进万家”集中宣传活动"
        "在中心广场举行。\n\n6月3日，县司法局在县委党校举办民法典专题讲座。\n"
    )
    assert not {s for s, o in rels(x, "partOf") if o == "“法律明白人”培养工程"}
    assert ("“平安进万家”集中宣传活动", "县司法局") in rels(x, "organizedBy")
    assert "“法律明白人”培养工程" not in {s for s, _o in rels(x, "organizedBy")}


def test_something_else_the_same_day_is_not_at_the_event() -> None:
    x = extract(
        "12月6日，县司法局在东湖社区文化广场举办民法典专题讲座。"
        "同日，西湖社区在西湖农贸市场门口设立咨询点，司法所工作人员现场解答咨询50余人次。\n"
    )
    assert {o for s, o in rels(x, "heldAt") if s == "民法典专题讲座"} == {"东湖社区文化广场"}


def test_the_title_activity_holds_no_event_outside_its_run() -> None:
    x = extract(
        "县总工会开展2023年“民法典宣传月”职工普法活动\n"
        "今年5月是第四个民法典宣传月。5月8日，县总工会在中心广场举行民法典宣传月启动仪式。\n\n"
        "今年4月26日，县总工会在县法院召开劳动争议诉调对接工作座谈会。\n"
    )
    part = rels(x, "partOf")
    title = "2023年“民法典宣传月”职工普法活动"
    assert ("民法典宣传月启动仪式", title) in part
    assert ("劳动争议诉调对接工作座谈会", title) not in part


def test_hosts_before_an_event_are_not_the_hosts_of_a_programme_before_them() -> None:
    x = extract(
        "为深入推进“法律明白人”培养工程，由县司法局主办的“平安进万家”集中宣传活动在中心广场举行。\n"
    )
    organised = rels(x, "organizedBy")
    assert ("“平安进万家”集中宣传活动", "县司法局") in organised
    assert ("“法律明白人”培养工程", "县司法局") not in organised


def test_an_activity_takes_the_laws_of_its_lectures_not_of_its_ceremony() -> None:
    title = "县总工会开展2023年“民法典宣传月”职工普法活动\n"
    lead = "今年5月是第四个民法典宣传月。"
    ceremony = extract(
        title + lead + "5月8日，县总工会举行民法典宣传月启动仪式。"
        "启动仪式上，律师赵某作专题宣讲，解读了《中华人民共和国劳动合同法》。\n"
    )
    whole = "2023年“民法典宣传月”职工普法活动"
    assert ("民法典宣传月启动仪式", whole) in rels(ceremony, "partOf")
    assert (whole, "中华人民共和国劳动合同法") not in rels(ceremony, "promotes")
    lecture = extract(
        title + lead + "5月8日，县总工会举办民法典宣传月专题讲座，"
        "律师赵某解读了《中华人民共和国劳动合同法》。\n"
    )
    assert ("民法典宣传月专题讲座", whole) in rels(lecture, "partOf")
    assert (whole, "中华人民共和国劳动合同法") in rels(lecture, "promotes")


def test_the_subject_and_its_partner_carry_on_a_programme() -> None:
    x = extract("韩某表示，市司法局将会同市总工会深化“法律明白人”培养工程。\n")
    assert {o for _s, o in rels(x, "organizedBy")} == {"市司法局", "市总工会"}


def test_lawyers_answering_questions_on_the_spot_attend() -> None:
    x = extract(
        "8月1日，县司法局在中心广场举行人民调解宣传月启动仪式。"
        "律师事务所律师梁某某、法律援助中心律师温某某等10余名律师为群众现场解答法律问题。\n"
    )
    assert {("梁某某", "人民调解宣传月启动仪式"), ("温某某", "人民调解宣传月启动仪式")} <= rels(
        x, "attended"
    )


def test_a_week_total_does_not_turn_the_title_activity_into_a_series() -> None:
    x = extract(
        "桃源县开展2023年“宪法宣传周”活动\n"
        "12月4日，县司法局在中心广场举行宪法宣誓仪式。\n"
        "宪法宣传周期间，全县共开展宣传活动20场。\n"
        "县法院在法院广场开展“法官说法”活动。\n"
    )
    assert ("“法官说法”活动", "2023年“宪法宣传周”活动") in rels(x, "partOf")


def test_this_tour_names_the_tour_activity_named_before() -> None:
    """此次巡回宣讲 refers to the “…”巡回宣讲活动 named before: its totals are the tour's."""
    x = extract(
        "县司法局开展巡回宣讲\n11月7日至17日，县司法局深入各乡镇开展“法润乡村”巡回宣讲活动。\n"
        "据统计，此次巡回宣讲共举办宣讲会12场，受众3000余人次。\n"
    )
    assert quantities(x) == dict.fromkeys(["12场", "3000余人次"], "“法润乡村”巡回宣讲活动")
