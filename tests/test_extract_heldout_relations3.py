"""Rules added after scoring the third held-out round (tests/data/heldout3): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from extracted import name, quantities, rels

from lawgraph.extract import extract


def test_reports_to_a_meeting_are_speaking() -> None:
    x = extract(
        "3月2日，某县召开普法责任制述职评议会。县委副书记张明出席会议，县公安局等6家单位依次述职。"
        "县公安局副局长李强介绍了该局开展以案释法的做法；县司法局局长王芳围绕普法工作谈了下一步打算。"
    )
    assert rels(x, "spokeAt") == {
        ("李强", "普法责任制述职评议会"),
        ("王芳", "普法责任制述职评议会"),
    }
    # the report in a later clause is the units', not the official's who attended
    assert rels(x, "attended") == {("张明", "普法责任制述职评议会")}


def test_the_audience_counts_for_the_event_they_watch() -> None:
    x = extract(
        "5月6日，县司法局在县委党校举办民法典专题讲座。\n"
        "讲座由县司法局局长张明主持。全县15个乡镇设立视频分会场，"
        "全县300多名干部同步收听收看，观看直播达1.2万人次。\n"
    )
    assert quantities(x) == dict.fromkeys(["15个", "300多名", "1.2万人次"], "民法典专题讲座")
    # the places the people come from, or a total since a date, are not the audience
    towns = extract(
        "5月6日，平江县司法局在县委党校举办民法典专题讲座。\n"
        "讲座由县司法局局长张明主持。全县15个乡镇的干部在分会场同步收看。\n"
    )
    assert quantities(towns) == {"15个": "平江县"}
    since = extract(
        "5月6日，县司法局举办宪法宣誓仪式。\n今年以来，县司法局共有40名新任职干部参加宣誓。\n"
    )
    assert quantities(since)["40名"] == "县司法局"


def test_the_activity_of_the_title_holds_the_events_of_the_body() -> None:
    x = extract(
        "某区开展“宪法宣传周”法治进社区活动\n"
        "12月2日，区司法局在青石社区举办宪法专题讲座。\n"
        "12月4日，区人民法院在中心广场举办“宪法知识有奖竞答”活动。\n"
    )
    parents = {s: o for s, o in rels(x, "partOf") if o == "“宪法宣传周”法治进社区活动"}
    assert set(parents) == {"宪法专题讲座", "“宪法知识有奖竞答”活动"}
    # a week's series in the title holds only the events of its own campaign
    series = extract(
        "某区开展2021年“宪法宣传周”系列活动\n12月2日，区委理论学习中心组举行集体学法专题会。\n"
    )
    assert ("集体学法专题会", "2021年“宪法宣传周”系列活动") not in rels(series, "partOf")


def test_a_meeting_named_after_a_system_is_part_of_the_plans_it_reviews() -> None:
    x = extract(
        "11月2日，某县召开“谁执法谁普法”普法责任制推进会，总结“七五”普法工作，部署“八五”普法工作。"
    )
    parts = {o for s, o in rels(x, "partOf") if s.endswith("普法责任制推进会")}
    assert {"“七五”普法", "“八五”普法"} <= parts


def test_an_activity_launched_leads_its_paragraph() -> None:
    x = extract(
        "当天，区司法局还在微信公众号上推出“民法典知识竞答”活动。"
        "截至5月31日，共有3000多名群众参与答题，其中满分260人，评出优秀组织奖8个。"
    )
    assert quantities(x) == dict.fromkeys(["3000多名", "260人", "8个"], "“民法典知识竞答”活动")


def test_a_bare_activity_is_the_one_the_title_names() -> None:
    x = extract(
        "某县法院举办“宪法宣传周”公众开放日活动\n"
        "12月2日，县法院举办公众开放日活动，邀请群众代表走进法院。\n"
        "随后，代表们来到第二法庭参加庭审观摩活动。\n"
        "活动现场，工作人员向代表赠送了宪法单行本30册。\n"
    )
    assert quantities(x) == {"30册": "“宪法宣传周”公众开放日活动"}


def test_a_sentence_opening_with_the_scene_is_the_current_events() -> None:
    x = extract(
        "走上街头，宪法宣传进万家。12月4日上午，县司法局在人民广场举办“宪法进万家”集中宣传活动。"
        "县人民法院副院长李强到现场指导。"
        "现场设置法律咨询台5个，县法院、县检察院等10余家单位的40多名工作人员为群众解答问题，"
        "发放资料8000余份。"
    )
    owner = "“宪法进万家”集中宣传活动"
    assert quantities(x) == dict.fromkeys(["5个", "10余家", "40多名", "8000余份"], owner)


def test_venues_of_a_lecture_that_opens_and_of_a_main_hall() -> None:
    x = extract("4月15日上午，区司法局举办的宪法专题讲座在区青少年活动中心开讲。")
    assert rels(x, "heldAt") == {("宪法专题讲座", "区青少年活动中心")}
    hall = extract(
        "12月5日，全区中小学同步开展“宪法晨读”活动。"
        "主会场设在区实验中学，区司法局局长赵明出席并与师生一同晨读。"
    )
    assert ("“宪法晨读”活动", "区实验中学") in rels(hall, "heldAt")


def test_organisers_online_and_in_a_list() -> None:
    online = extract("当天，区司法局还在微信公众号上推出“民法典知识竞答”活动。")
    assert rels(online, "organizedBy") == {("“民法典知识竞答”活动", "区司法局")}
    joint = extract(
        "6月3日，县委理论学习中心组举行民法典专题讲座。本次学习由县委宣传部、县司法局承办。"
    )
    assert {("民法典专题讲座", "县委宣传部"), ("民法典专题讲座", "县司法局")} <= rels(
        joint, "organizedBy"
    )


def test_the_day_of_the_second_observance_named() -> None:
    x = extract("2022年12月1日至7日是第五个宪法宣传周，今年12月4日是第九个国家宪法日。")
    dates = {name(r.subject): r.object.norm for r in x.relations if r.type == "date"}
    assert dates == {"第五个宪法宣传周": "2022-12-01/2022-12-07", "第九个国家宪法日": "2022-12-04"}


def test_units_listed_before_a_count_in_a_later_paragraph_are_at_the_last_event() -> None:
    x = extract(
        "11月25日，某县召开普法责任制述职评议会。县委副书记张明主持会议。\n"
        "随后，县公安局、县教育局等6家单位负责同志依次述职。\n"
    )
    assert quantities(x) == {"6家": "普法责任制述职评议会"}


def test_items_of_a_list_are_apart() -> None:
    x = extract("下半年，一是组织第二期“法律明白人”培训班；二是围绕“12·4”国家宪法日开展集中宣传。")
    assert ("第二期“法律明白人”培训班", "“12·4”国家宪法日") not in rels(x, "partOf")


def test_the_title_activity_named_after_an_observance_is_held_on_its_day() -> None:
    x = extract(
        "某区开展第六个全民国家安全教育日线上宣传活动\n"
        "2021年4月15日是第六个全民国家安全教育日。区教育局面向全区中小学推出系列活动。\n"
    )
    dates = {name(r.subject): r.object.norm for r in x.relations if r.type == "date"}
    assert dates["第六个全民国家安全教育日线上宣传活动"] == "2021-04-15"


def test_a_plan_does_not_promote_a_law_it_only_applies() -> None:
    x = extract(
        "各单位要对照“八五”普法规划，把宪法、民法典作为普法重点，严格落实《湖南省法治宣传教育条例》。"
    )
    promoted = {o for s, o in rels(x, "promotes") if s == "“八五”普法"}
    assert "宪法" in promoted
    assert "湖南省法治宣传教育条例" not in promoted


def test_the_occasions_an_activity_is_joined_to_are_not_what_is_held() -> None:
    x = extract(
        "结合“民法典宣传月”等重要节点，在全县各村巡回开展乡村“法治小课堂”，"
        "重点宣讲《中华人民共和国民法典》。"
    )
    promoted = rels(x, "promotes")
    assert ("乡村“法治小课堂”", "中华人民共和国民法典") in promoted
    assert not any(s == "民法典宣传月" for s, _o in promoted)


def test_counts_of_a_programme_held_in_places_and_held_again_by_its_head() -> None:
    x = extract(
        "平江县司法局在全县9个镇、80个行政村巡回开展乡村“法治小课堂”。"
        "上半年共举办课堂60场，受众8000余人次，发放资料2万余份。"
    )
    owner = "乡村“法治小课堂”"
    assert quantities(x) == dict.fromkeys(["9个", "80个", "60场", "8000余人次", "2万余份"], owner)


def test_an_event_named_with_a_programmes_quoted_core_is_part_of_it() -> None:
    x = extract(
        "今年，县司法局深入实施“法律明白人”培养工程。\n"
        "4月18日，县司法局在县委党校举办全县“法律明白人”骨干培训班。\n"
    )
    assert ("全县“法律明白人”骨干培训班", "“法律明白人”培养工程") in rels(x, "partOf")


def test_the_leads_many_activities_are_the_titles_series_and_its_organisers() -> None:
    x = extract(
        "某区司法局扎实开展2022年“宪法宣传周”系列活动\n"
        "区司法局在区委依法治区办的统筹指导下，联合区教体局、区人民法院等单位，"
        "精心组织了一系列形式多样、群众喜闻乐见的宪法宣传活动。\n"
    )
    [series] = [e for e in x.entities if e.type == "Event"]
    assert [m.surface for m in series.mentions][-1] == "宪法宣传活动"
    organisers = {o for s, o in rels(x, "organizedBy")}
    assert {"区教体局", "区人民法院"} <= organisers
    assert rels(x, "heldAt") == set()


def test_the_agency_opening_the_next_clause_with_zuzhi_organises_the_event() -> None:
    x = extract("12月5日，全区中小学同步开展“宪法晨读”活动，区教体局组织50所学校的师生诵读宪法。")
    assert rels(x, "organizedBy") == {("“宪法晨读”活动", "区教体局")}


def test_a_count_over_a_special_actions_run_is_the_actions() -> None:
    x = extract(
        "6月1日至30日，某镇司法所在全镇开展“护苗行动”专项行动，走进各村宣讲未成年人保护法。\n"
        "据统计，专项行动期间全镇共排查矛盾纠纷12起，调解成功10起。\n"
    )
    assert quantities(x) == dict.fromkeys(["12起", "10起"], "“护苗行动”专项行动")


def test_a_paragraph_opening_within_the_action_under_a_heading_is_the_actions() -> None:
    x = extract(
        "6月1日至30日，某镇司法所在全镇开展“护苗行动”专项行动，走进各村宣讲未成年人保护法。\n"
        "二、普法资料送到家\n"
        "行动中，工作人员向群众发放宣传资料1500余份，走访留守儿童家庭40户。"
        "6月10日，镇司法所在镇中心小学开展防溺水集中宣传活动。\n"
    )
    action = "“护苗行动”专项行动"
    assert quantities(x) == dict.fromkeys(["1500余份", "40户"], action)
    assert ("防溺水集中宣传活动", action) in rels(x, "partOf")


def test_a_count_in_a_sentence_opened_by_the_observances_day_is_the_observances() -> None:
    x = extract(
        "平江县2024年普法工作总结\n"
        "12月4日第十一个国家宪法日，全县开展宪法集中宣传活动约60场。"
        "全县还建成法治文化阵地12个。\n"
    )
    got = quantities(x)
    assert got["约60场"] == "第十一个国家宪法日"
    assert got["12个"] == "平江县"  # the next sentence is not framed by it


def test_a_count_of_every_county_in_the_week_is_the_weeks_not_its_one_event() -> None:
    x = extract(
        "某市2024年普法工作总结\n"
        "12月4日，市司法局在人民广场举行国家宪法日暨宪法宣传周集中宣传活动，发放资料3000余份。"
        "宪法宣传周期间，各县（市、区）共开展各类宣传活动90余场。\n"
    )
    got = quantities(x)
    assert got["3000余份"] == "国家宪法日暨宪法宣传周集中宣传活动"
    assert got["90余场"] == "宪法宣传周"


def test_the_lead_paragraphs_one_series_holds_the_bodys_dated_events() -> None:
    x = extract(
        "某县法院：送法进园区 服务企业发展\n"
        "5月8日至9日，某县人民法院联合县司法局开展“法护企航”法治进园区系列活动。\n"
        "园区座谈\n"
        "5月8日上午，“法治护航民营经济”政企座谈会在县经济开发区召开。\n"
        "5月9日，县人民法院在园区举办“合同风险防范”专题讲座。\n"
    )
    series = "“法护企航”法治进园区系列活动"
    assert {("“法治护航民营经济”政企座谈会", series), ("“合同风险防范”专题讲座", series)} <= rels(
        x, "partOf"
    )


def test_a_frame_after_a_discourse_opener_still_frames_the_paragraph() -> None:
    x = extract(
        "平江县司法局5月工作简报\n"
        "县司法局召开全局干部大会，部署第四个民法典宣传月工作。\n"
        "5月6日，县司法局在县城广场开展普法宣传活动。\n"
        "据悉，宣传月期间，县司法局将组织开展“民法典进社区”系列活动。\n"
    )
    assert ("“民法典进社区”系列活动", "第四个民法典宣传月") in rels(x, "partOf")


def test_every_agency_of_a_list_after_you_host_the_event() -> None:
    x = extract(
        "12月2日上午，某县2024年“宪法宣传周”启动仪式在县政务服务中心广场举行，"
        "仪式由县委依法治县办、县司法局主办。\n"
    )
    assert {o for _s, o in rels(x, "organizedBy")} == {"县委依法治县办", "县司法局"}


def test_an_agency_opening_a_clause_after_a_programme_held_counts_its_own_work() -> None:
    x = extract(
        "平江县司法局开展宪法宣传周活动\n"
        "12月4日，全县15个乡镇同步开展国家宪法日集中宣传，"
        "县司法局在微信公众号推送宪法学习内容10期，参与答题1.5万人次。\n"
    )
    got = quantities(x)
    assert (got["10期"], got["1.5万人次"]) == ("平江县司法局", "平江县司法局")


def test_the_lead_paragraphs_dated_run_of_a_programme_holds_the_bodys_dated_events() -> None:
    text = (
        "夏收时节送法到田头\n"
        "为做好农忙期间纠纷化解工作，6月10日至20日，某镇司法所在全镇开展“法护夏收”专项行动。\n"
        "6月12日，镇司法所在镇政府会议室举办人民调解员培训班。\n"
    )
    assert ("人民调解员培训班", "“法护夏收”专项行动") in rels(extract(text), "partOf")
    # an ongoing programme (2023年以来，…持续开展…) does not hold them
    ongoing = text.replace("6月10日至20日", "2023年以来").replace("开展", "持续开展")
    assert ("人民调解员培训班", "“法护夏收”专项行动") not in rels(extract(ongoing), "partOf")


def test_laws_handed_out_in_a_paragraph_within_the_action_are_the_actions() -> None:
    x = extract(
        "6月1日至30日，某镇司法所在全镇开展“护苗行动”专项行动，走进各村开展普法宣传。\n"
        "行动中，工作人员向群众发放《中华人民共和国未成年人保护法》宣传折页1500余份。\n"
    )
    assert ("“护苗行动”专项行动", "中华人民共和国未成年人保护法") in rels(x, "promotes")


def test_a_venue_set_before_the_clause_holds_its_event() -> None:
    x = extract("6月3日晚，在东坪村文化广场，镇司法所工作人员正为群众带来“田间课堂”普法讲座。")
    [(event, venue)] = rels(x, "heldAt")
    assert event.endswith("“田间课堂”普法讲座")
    assert venue == "东坪村文化广场"


def test_the_years_work_of_an_office_holder_is_his_organs() -> None:
    x = extract(
        "平江县人民政府关于2023年法治政府建设情况的报告\n"
        "县委副书记、县长张明切实履行第一责任人职责，全年主持召开县政府常务会议研究法治工作6次。"
        "县长张明出席会议并讲话，与会人员30名。\n"
    )
    got = quantities(x)
    assert got["6次"] == "平江县人民政府"
    assert got.get("30名") != "平江县人民政府"  # not a year's work


def test_after_class_is_still_the_lessons_work() -> None:
    x = extract(
        "6月3日晚，在东坪村文化广场，平江县司法局律师王强正在给村民们上民法典专题讲座。"
        "他结合身边案例讲解了民法典。镇党委委员李明参加活动，70余名村民前来听课。"
        "课后，王强还为5户村民审查了土地流转合同，修改条款8处。\n"
    )
    got = quantities(x)
    assert (got["5户"], got["8处"]) == ("民法典专题讲座", "民法典专题讲座")
