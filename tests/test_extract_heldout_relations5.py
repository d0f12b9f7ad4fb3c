"""Rules added after scoring the fifth held-out round (tests/data/heldout5): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from extracted import quantities, rels

from lawgraph.extract import extract
from lawgraph.extract.interchange import to_dict

_LECTURE = (
    "5月12日，县司法局在县第一中学举办宪法专题讲座。"
    "县司法局副局长王明结合典型案例，为300余名师生答疑解惑。"
)


def test_a_paragraphs_headline_does_not_end_its_opening() -> None:
    # the lecture the paragraph opens with, after its headline (and a caption), takes the count
    for before in ("法治课堂进校园。", "（图为启动仪式现场）\n法治课堂进校园。"):
        x = extract(f"平江县司法局开展宪法宣传工作\n{before}{_LECTURE}")
        assert quantities(x) == {"300余名": "宪法专题讲座"}
    # a sentence that states something is no headline: the lecture does not open the paragraph
    x = extract(f"平江县司法局开展宪法宣传工作\n全县共有中小学30所。{_LECTURE}")
    assert quantities(x) == {"30所": "平江县", "300余名": "平江县"}


def test_a_weeks_series_holds_the_events_the_body_tells_of() -> None:
    x = extract(
        "平江县开展2023年“宪法宣传周”系列活动\n"
        "12月1日上午，平江县宪法宣传周启动仪式在县人民广场举行。活动现场，县法院、县检察院等"
        "15家单位设置咨询台，发放宣传资料3000余份。\n"
        "12月5日，县司法局在县第一中学开展宪法进校园法治讲座。\n"
        "县文化馆还举办了宪法知识竞赛。\n"
    )
    series = "2023年“宪法宣传周”系列活动"
    assert ("宪法进校园法治讲座", series) in rels(x, "partOf")
    assert ("平江县宪法宣传周启动仪式", series) in rels(x, "partOf")
    # what the body tells of without a day of its own is not said to be one of the week's
    assert ("宪法知识竞赛", series) not in rels(x, "partOf")
    # 活动现场 is the ceremony the paragraph holds (any event is an 活动), not the week's series
    assert quantities(x) == {
        "15家": "平江县宪法宣传周启动仪式",
        "3000余份": "平江县宪法宣传周启动仪式",
    }


def test_attendees_of_a_meeting_go_to_the_meeting_not_an_activity_named_since() -> None:
    x = extract(
        "平江县委全面依法治县委员会召开2024年第一次会议\n"
        "3月5日，平江县委全面依法治县委员会召开2024年第一次会议。\n"
        "会议要求，要围绕国家宪法日开展宪法宣传活动。\n"
        "县人大常委会主任王明，县政协主席李芳出席会议。共200余人参会。\n"
    )
    assert rels(x, "attended") == {("王明", "2024年第一次会议"), ("李芳", "2024年第一次会议")}
    assert quantities(x) == {"200余人": "2024年第一次会议"}


def test_an_agency_counting_its_year_is_not_the_paragraphs_event() -> None:
    x = extract(
        "平江县司法局举办领导干部法治培训班\n"
        "7月12日，县司法局联合县委党校举办全县领导干部法治培训班。"
        "县司法局全年共举办法治培训班8期，培训600余人次。"
    )
    assert quantities(x) == {"8期": "平江县司法局", "600余人次": "平江县司法局"}
    # the class's own count stays the class's
    one = extract(
        "平江县司法局举办领导干部法治培训班\n"
        "7月12日，县司法局联合县委党校举办全县领导干部法治培训班。共120余名干部参加培训。"
    )
    assert quantities(one) == {"120余名": "领导干部法治培训班"}


def test_a_date_dates_the_observance_across_its_ordinal_and_quote() -> None:
    x = extract("11月28日至12月4日第五个“宪法宣传周”期间，县教育局组织全县中小学开展宪法晨读活动。")
    assert rels(x, "date") == {("宪法宣传周", "11月28日至12月4日")}
    day = extract("平江县司法局局长王明强调，要围绕12月4日第十一个国家宪法日和宪法宣传周开展宣传。")
    assert rels(day, "date") == {("第十一个国家宪法日", "12月4日")}


def test_a_plan_promotes_only_the_laws_its_clauses_publicise() -> None:
    x = extract(
        "平江县司法局局长王明强调，今年是实施“八五”普法规划的关键一年，"
        "要深入贯彻实施宪法，要大力宣传民法典。"
    )
    assert rels(x, "promotes") == {("“八五”普法", "民法典")}
    taken = extract("平江县司法局紧扣“八五”普法规划，推动民法典、禁毒法等法律法规走进村寨。")
    assert rels(taken, "promotes") == {("“八五”普法", "民法典"), ("“八五”普法", "禁毒法")}


def test_towns_that_also_hold_an_event_are_its_venues() -> None:
    x = extract("平江县司法局开展宪法宣传。城关镇、石牛镇等地也组织了宪法宣传文艺演出。")
    assert rels(x, "heldAt") == {("宪法宣传文艺演出", "城关镇"), ("宪法宣传文艺演出", "石牛镇")}


def test_the_people_a_sentence_opens_with_hold_its_event() -> None:
    x = extract(
        "平江县司法局开展普法宣传。5月18日是集日。30名“法律明白人”跟随县司法所工作人员，"
        "在县农贸市场开展“送法赶集”集中宣传活动，发放资料500余份。"
    )
    assert quantities(x) == {"30名": "“送法赶集”集中宣传活动", "500余份": "“送法赶集”集中宣传活动"}


def test_every_host_a_sentence_lists_organises_the_event() -> None:
    x = extract(
        "4月17日，平江县在县政府会议室举办“法律明白人”骨干培训班。"
        "培训由县委政法委、县司法局主办，县法律援助中心承办，共120余人参加。"
    )
    assert rels(x, "organizedBy") == {
        ("“法律明白人”骨干培训班", "县委政法委"),
        ("“法律明白人”骨干培训班", "县司法局"),
        ("“法律明白人”骨干培训班", "县法律援助中心"),
    }


def test_a_sentence_with_a_subject_of_its_own_is_not_the_programmes() -> None:
    x = extract(
        "深入实施“法律明白人”培养工程，全县培育“法律明白人”1200名。平江县全年新建法治文化"
        "公园3个，《湖南省法治宣传教育条例》等法规通过微信公众号推送解读。"
    )
    assert not rels(x, "promotes")


def test_a_meeting_named_for_the_responsibility_system_is_part_of_it() -> None:
    d = to_dict(extract("11月8日，平江县司法局召开全县“谁执法谁普法”履职评议座谈会。"))
    by_id = {e["id"]: e for e in d["entities"]}
    parts = {
        (by_id[r["subject"]]["norm"], by_id[r["object"]]["norm"])
        for r in d["relations"]
        if r["type"] == "partOf"
    }
    assert parts == {("全县“谁执法谁普法”履职评议座谈会", "谁执法谁普法")}
    # named only inside the meeting's name: an implicit Campaign, no mention to score
    system = next(e for e in d["entities"] if e["norm"] == "谁执法谁普法")
    assert system["implicit"] and not system["mentions"]


def test_a_teams_work_ends_at_a_semicolon_and_a_project_frames_its_counts() -> None:
    x = extract(
        "平江县司法局开展青少年普法。团县委联合县检察院组建青少年法治宣讲团，深入十余所学校开展"
        "巡回宣讲；依托“青少年普法直通车”项目，在城关镇开展暑期普法宣传9场，覆盖青少年近千人次。"
    )
    assert quantities(x) == {
        "十余所": "青少年法治宣讲团",
        "9场": "青少年普法直通车",
        "近千人次": "青少年普法直通车",
    }


def test_the_official_who_answers_the_audiences_questions_speaks() -> None:
    x = extract(
        "5月18日，县司法局在县工业园区举办民法典进企业法治讲座。"
        "县司法局副局长王明围绕合同纠纷，为30余家企业的负责人答疑解惑。"
    )
    assert rels(x, "spokeAt") == {("王明", "民法典进企业法治讲座")}


def test_this_activity_in_a_paragraph_of_its_own_is_the_reports() -> None:
    x = extract(
        "平江县开展2023年“宪法宣传周”系列活动\n"
        "12月1日上午，平江县宪法宣传周启动仪式在县人民广场举行。\n"
        "12月5日，县司法局在县第一中学开展宪法进校园法治讲座，300余名师生参加。\n"
        "据统计，此次活动共发放宣传资料5000余份，受教育群众2万余人次。\n"
    )
    series = "2023年“宪法宣传周”系列活动"
    assert quantities(x) == {
        "300余名": "宪法进校园法治讲座",
        "5000余份": series,
        "2万余人次": series,
    }
    # a sentence opening with a bare 活动 and its verb is about the activity, not a part of it
    part = extract(
        "平江县司法局举办民法典宣传活动\n"
        "5月20日，平江县司法局在县人民广场举办民法典宣传活动。\n"
        "活动中，县司法局还组织了民法典知识竞答。活动共发放宣传资料800余份。\n"
    )
    assert quantities(part) == {"800余份": "民法典宣传活动"}


def test_a_series_of_publicity_activities_is_a_series_too() -> None:
    x = extract(
        "汝城县开展2024年全民国家安全教育日系列宣传活动\n"
        "4月15日是全民国家安全教育日。汝城县司法局在全县开展全民国家安全教育日系列宣传活动。\n"
        "集中宣传进广场。4月15日上午，县司法局在县文化广场举办国家安全集中宣传活动。活动现场，县公安局、县法院等"
        "18家单位设置咨询台，发放宣传资料6000余份。\n"
    )
    assert quantities(x) == {"18家": "国家安全集中宣传活动", "6000余份": "国家安全集中宣传活动"}
    assert ("国家安全集中宣传活动", "2024年全民国家安全教育日系列宣传活动") in rels(x, "partOf")


def test_a_sentence_that_says_what_day_it_is_dates_the_event_after_it() -> None:
    x = extract(
        "平江县司法局开展普法宣传\n"
        "4月18日是城关镇的集日。县司法局在城关镇农贸市场开展送法赶集集中宣传活动。"
    )
    assert ("送法赶集集中宣传活动", "4月18日") in rels(x, "date")
    # a month is no day: the activity of a month-long observance is not dated by it
    month = extract(
        "平江县司法局开展民法典宣传\n"
        "5月是第三个“民法典宣传月”。今年以来，县司法局在全县开展民法典宣传活动。"
    )
    assert not {s for s, _ in rels(month, "date")} & {"民法典宣传活动"}


def test_a_programme_held_in_an_observances_period_is_part_of_it() -> None:
    x = extract(
        "平江县教育局开展宪法宣传\n"
        "11月28日至12月4日第五个“宪法宣传周”期间，县教育局组织全县中小学开展“学宪法 讲宪法”系列活动。"
    )
    assert ("“学宪法 讲宪法”系列活动", "宪法宣传周") in rels(x, "partOf")
