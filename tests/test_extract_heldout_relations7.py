"""Rules added after scoring the seventh held-out round (tests/data/heldout7): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from extracted import quantities, rels

from lawgraph.extract import extract

TITLE = "桃源县司法局开展消防安全普法宣传活动\n"
LEAD = "5月8日至10日，桃源县司法局联合县消防大队，深入社区、学校开展系列普法宣传活动。\n"


def test_the_lead_restates_the_title_activity_as_a_series() -> None:
    x = extract(TITLE + LEAD)
    event = "消防安全普法宣传活动"
    assert ("桃源县司法局", event) in {(o, s) for s, o in rels(x, "organizedBy")}
    assert ("县消防大队", event) in {(o, s) for s, o in rels(x, "organizedBy")}
    assert {s for s, _o in rels(x, "date")} == {event}


def test_counts_over_the_activity_period_are_the_title_activity() -> None:
    x = extract(
        TITLE + LEAD + "\n据统计，活动期间全县共发放宣传资料5000余份，受教育群众3000余人。\n"
    )
    assert quantities(x) == dict.fromkeys(["5000余份", "3000余人"], "消防安全普法宣传活动")
    # without the activity's period, the jurisdiction's total stays the jurisdiction's
    whole = extract(TITLE + LEAD + "\n据统计，今年全县共发放宣传资料5000余份。\n")
    assert quantities(whole)["5000余份"] != "消防安全普法宣传活动"


def test_a_headed_paragraph_without_an_activity_is_a_part_of_the_title_activity() -> None:
    x = extract(
        TITLE + LEAD + "\n社区里的普法课\n"
        "5月8日，普法志愿者在社区广场设立咨询台，向居民讲解《中华人民共和国消防法》。\n"
    )
    assert ("消防安全普法宣传活动", "中华人民共和国消防法") in rels(x, "promotes")
    # a paragraph without a heading of its own is not taken for a part of it
    plain = extract(
        TITLE + LEAD + "\n5月8日，普法志愿者在社区广场设立咨询台，"
        "向居民讲解《中华人民共和国消防法》。\n"
    )
    assert ("消防安全普法宣传活动", "中华人民共和国消防法") not in rels(plain, "promotes")


def test_places_after_fu_and_places_opening_a_clause_are_venues() -> None:
    x = extract(
        "6月3日至5日，市人大常委会检查组分赴河西区、东山县开展消防法执法检查。\n"
        "6月3日，市人大常委会在市行政中心召开消防法执法检查汇报会。"
        "在青石镇，检查组察看了消防站建设。\n"
    )
    held = rels(x, "heldAt")
    assert {("消防法执法检查", "河西区"), ("消防法执法检查", "东山县")} <= held
    assert ("消防法执法检查汇报会", "青石镇") in held


def test_a_bare_activity_is_the_event_named_last_when_the_title_names_none() -> None:
    x = extract(
        "关于2023年桃源县“宪法宣传周”系列活动开展情况的通报\n"
        "12月1日至7日，县委依法治县办在全县组织开展“宪法宣传周”系列活动。\n"
        "12月4日晚，“宪法伴我行”法治文艺晚会在县文化广场举行。\n"
        "活动现场还向群众发放《中华人民共和国民法典》宣传资料2000余份。\n"
    )
    assert quantities(x)["2000余份"] == "“宪法伴我行”法治文艺晚会"
    assert ("“宪法伴我行”法治文艺晚会", "中华人民共和国民法典") in rels(x, "promotes")


def test_the_audience_of_a_show_counts_for_it() -> None:
    x = extract(
        "关于2023年桃源县“宪法宣传周”系列活动开展情况的通报\n"
        "12月1日至7日，县委依法治县办在全县组织开展“宪法宣传周”系列活动。\n"
        "12月4日晚，“宪法伴我行”法治文艺晚会在县文化广场举行。\n"
        "演出在快板《宪法在身边》中拉开帷幕，8个节目轮番上演，现场观众800余人。\n"
    )
    assert quantities(x)["800余人"] == "“宪法伴我行”法治文艺晚会"


def test_a_team_named_by_its_work_counts_for_that_event() -> None:
    x = extract(
        "桃源县人大常委会开展消防法执法检查\n"
        "6月3日至5日，县人大常委会开展消防法执法检查。\n"
        "随后，检查组深入一线。两天里，检查组共实地检查企业15家，召开座谈会2场。\n"
    )
    assert quantities(x) == dict.fromkeys(["15家", "2场"], "消防法执法检查")


def test_where_the_team_of_an_event_goes_is_its_venue() -> None:
    x = extract(
        "桃源县人大常委会开展消防法执法检查\n"
        "6月3日至5日，县人大常委会开展消防法执法检查。\n"
        "随后，检查组深入一线。在漳江街道，检查组抽查了建筑工地；"
        "检查组还走进桃源县人民医院，察看了消防通道。\n"
    )
    held = rels(x, "heldAt")
    assert {("消防法执法检查", "漳江街道"), ("消防法执法检查", "桃源县人民医院")} <= held


def test_officials_who_go_out_to_an_inspection_attend_it() -> None:
    x = extract(
        "6月3日至5日，县人大常委会副主任张明带队，县人大常委会秘书长李强，"
        "以及部分县人大代表共12人，分赴河西区、东山县开展消防法执法检查。\n"
    )
    assert {("李强", "消防法执法检查")} <= rels(x, "attended")


def test_a_session_cited_for_an_appointment_is_not_the_ceremony() -> None:
    x = extract(
        "本报讯 3月5日，市人大常委会举行宪法宣誓仪式，仪式由市人大常委会秘书长周建华主持。"
        "经市十八届人大常委会第九次会议任命的市发展和改革委员会主任李强、市司法局局长王芳"
        "2名国家工作人员依次进行宪法宣誓。市人大常委会副主任张明监誓。\n"
    )
    assert ("张明", "宪法宣誓仪式") in rels(x, "attended")
    assert quantities(x)["2名"] == "宪法宣誓仪式"


def test_those_who_swear_attend_the_ceremony() -> None:
    x = extract(
        "3月5日，县人大常委会举行宪法宣誓仪式，仪式由县人大常委会副主任张明主持。"
        "县司法局局长李强，县教育局局长王芳，依次进行宪法宣誓。\n"
    )
    assert {("李强", "宪法宣誓仪式"), ("王芳", "宪法宣誓仪式")} <= rels(x, "attended")


def test_this_tour_counts_for_the_tour_named_before() -> None:
    x = extract(
        "3月4日至15日，桃源县人民检察院在全县开展“守护未来”法治巡回宣讲活动。\n"
        "3月15日，县检察院副检察长张明在桃源县第一中学作“远离校园欺凌”专题讲座。\n"
        "据统计，此次巡回宣讲活动共开展专题讲座5场，覆盖师生3000余人次。\n"
    )
    counted = quantities(x)
    # the tour (its span, with or without 活动, is the recognisers' business), not the lecture
    assert {counted["5场"], counted["3000余人次"]} <= {
        "“守护未来”法治巡回宣讲",
        "“守护未来”法治巡回宣讲活动",
    }


def test_a_programme_the_title_names_holds_the_body_events() -> None:
    x = extract(
        "检察官走进校园 护航少年成长\n"
        "——桃源县人民检察院开展“守护未来”法治巡回宣讲活动\n"
        "3月4日至15日，桃源县人民检察院在全县开展“守护未来”法治巡回宣讲活动。\n"
        "3月4日上午，巡回宣讲首场报告会在县第二中学举行。\n"
    )
    parents = {o for s, o in rels(x, "partOf") if s == "巡回宣讲首场报告会"}
    assert parents & {"“守护未来”法治巡回宣讲", "“守护未来”法治巡回宣讲活动"}


def test_a_site_the_sentence_opens_with_and_measures_has_its_counts() -> None:
    x = extract(
        "12月4日，桃源县司法局在县城举办桃源县法治文化公园开园仪式。\n"
        "桃源县法治文化公园占地约2万平方米，设置宪法长廊等8个主题展区。\n"
    )
    counted = quantities(x)
    assert counted["约2万平方米"] == counted["8个"] != "法治文化公园开园仪式"
    assert counted["8个"].endswith("法治文化公园")


def test_units_mobilised_for_an_event_are_counted_for_it() -> None:
    x = extract(
        "4月15日是第十个全民国家安全教育日。"
        "当天，桃源县司法局联合县公安局，组织全县12个司法所和普法志愿者，"
        "深入乡村开展国家安全普法宣传活动。\n"
    )
    assert quantities(x)["12个"] == "国家安全普法宣传活动"


def test_each_host_of_a_list_before_its_role_organises() -> None:
    x = extract(
        "12月4日，桃源县法治文艺晚会在县文化广场举行。"
        "活动由县委宣传部主办，县司法局、县文化馆承办。\n"
    )
    hosts = {o for s, o in rels(x, "organizedBy") if s == "桃源县法治文艺晚会"}
    assert {"县委宣传部", "县司法局", "县文化馆"} <= hosts


def test_a_round_is_part_of_its_contest_and_the_contest_of_the_series() -> None:
    x = extract(
        "关于2023年桃源县“宪法宣传周”系列活动开展情况的通报\n"
        "12月1日至7日，县委依法治县办在全县组织开展“宪法宣传周”系列活动。\n"
        "一、“宪法在身边”法治知识竞赛圆满结束\n"
        "本次竞赛分初赛、决赛两个阶段。12月3日，知识竞赛决赛在县委党校举行。\n"
    )
    parts = rels(x, "partOf")
    assert ("知识竞赛决赛", "“宪法在身边”法治知识竞赛") in parts
    assert ("知识竞赛决赛", "2023年桃源县“宪法宣传周”系列活动") not in parts
    assert ("“宪法在身边”法治知识竞赛", "2023年桃源县“宪法宣传周”系列活动") in parts


def test_units_that_win_a_prize_are_counted_for_the_contest() -> None:
    x = extract(
        "12月3日，桃源县司法局在县委党校举办“宪法在身边”法治知识竞赛。\n"
        "经过三轮角逐，漳江街道获一等奖，另有4个单位获优秀组织奖。\n"
    )
    assert quantities(x)["4个"] == "“宪法在身边”法治知识竞赛"


def test_an_event_held_at_a_sitting_is_part_of_it_and_not_dated_apart() -> None:
    x = extract(
        "常德市人大常委会开展消防法执法检查\n"
        "6月3日，检查组召开座谈会。据悉，市人大常委会将在9月召开的市七届人大常委会第十二次会议上"
        "听取和审议执法检查报告，并开展专题询问。\n"
    )
    assert ("专题询问", "市七届人大常委会第十二次会议") in rels(x, "partOf")
    assert "专题询问" not in {s for s, _o in rels(x, "date")}


def test_laws_a_programme_is_held_to_carry_out_are_its_own() -> None:
    x = extract(
        "为深入贯彻《中华人民共和国未成年人保护法》，落实上级部署，3月4日至15日，"
        "桃源县人民检察院在全县开展“守护未来”法治巡回宣讲活动，先后走进5所学校。\n"
    )
    promoted = {s for s, o in rels(x, "promotes") if o == "中华人民共和国未成年人保护法"}
    assert promoted & {"“守护未来”法治巡回宣讲", "“守护未来”法治巡回宣讲活动"}


def test_a_count_of_all_kinds_of_things_is_the_programme_s() -> None:
    x = extract(
        "据介绍，今年以来，县应急管理局牵头开展安全生产“清源”专项行动，"
        "累计检查企业800余家，排查整改各类隐患3000余项。\n"
    )
    assert quantities(x)["3000余项"] == "安全生产“清源”专项行动"


def test_an_official_who_encourages_after_the_ceremony_speaks_at_it() -> None:
    x = extract(
        "3月5日，县人大常委会举行宪法宣誓仪式，仪式由县人大常委会秘书长张志明主持，"
        "县人大常委会主任刘建国监誓。\n宣誓结束后，刘建国勉励新任职干部忠于宪法。\n"
    )
    assert ("刘建国", "宪法宣誓仪式") in rels(x, "spokeAt")
