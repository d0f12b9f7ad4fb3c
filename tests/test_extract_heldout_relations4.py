"""Rules added after scoring the fourth held-out round (tests/data/heldout4): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from extracted import quantities, rels

from lawgraph.extract import extract


def test_a_meeting_that_votes_a_law_through_is_only_cited() -> None:
    x = extract(
        "2022年3月1日，十四届全国人大一次会议表决通过《中华人民共和国慈善法》。"
        "3月20日，某县司法局在县文化广场举办慈善法宣传活动，县司法局局长王明讲话。"
    )
    meeting = next(e for e in x.entities if e.norm == "十四届全国人大一次会议")
    assert meeting.attrs.get("reference")
    assert ("十四届全国人大一次会议", "2022年3月1日") in rels(x, "date")
    # it promotes nothing, no one speaks at it, and it is part of nothing held here
    assert {s for s, _ in rels(x, "promotes")} == {"慈善法宣传活动"}
    assert rels(x, "spokeAt") == {("王明", "慈善法宣传活动")}
    assert not {s for s, _ in rels(x, "partOf")} & {"十四届全国人大一次会议"}


def test_a_day_named_before_the_event_held_on_it_dates_both() -> None:
    x = extract("4月15日是全民国家安全教育日，当天，某县司法局在人民广场举办国家安全法宣传活动。")
    assert rels(x, "date") == {
        ("全民国家安全教育日", "4月15日"),
        ("国家安全法宣传活动", "4月15日"),
    }


def test_officials_who_come_to_watch_attend() -> None:
    x = extract(
        "5月20日，某县司法局在县文化广场举办法治文艺演出。"
        "县委常委、政法委书记张明，县司法局局长李芳到现场观看演出。"
    )
    assert rels(x, "attended") == {("张明", "法治文艺演出"), ("李芳", "法治文艺演出")}


def test_an_agency_working_in_an_observance_week_takes_its_counts() -> None:
    x = extract(
        "据统计，宪法宣传周期间，县人民检察院共组织干警深入15所中小学开展法治宣讲，"
        "发放宣传资料2000余份。"
    )
    assert quantities(x) == {"15所": "县人民检察院", "2000余份": "县人民检察院"}
    # with no agency doing the work, the week's
    week = extract("宪法宣传周期间，共发放宣传资料2000余份。")
    assert quantities(week) == {"2000余份": "宪法宣传周"}


def test_totals_since_a_programme_began_are_the_programmes() -> None:
    x = extract(
        "县司法局局长王明汇报说，“八五”普法实施以来，全县建成法治文化阵地32个；"
        "累计开展普法活动1200余场次。"
    )
    assert quantities(x) == {"32个": "“八五”普法", "1200余场次": "“八五”普法"}
    # a total since a date stays the jurisdiction's
    since = extract("平江县2021年以来，全县建成法治文化阵地32个。")
    assert quantities(since) == {"32个": "平江县"}


def test_a_count_of_the_whole_village_is_the_village_named_before() -> None:
    x = extract("平江县司法局介绍，青石镇白沙村是一个民族聚居村，全村412户，人口不足1800人。")
    assert quantities(x) == {"412户": "青石镇白沙村", "不足1800人": "青石镇白沙村"}
    # the village the sentence is about, not one it compares it to
    like = extract("青石镇白沙村和青石镇黄土村一样是民族聚居村，全村412户。")
    assert quantities(like) == {"412户": "青石镇白沙村"}


def test_a_meeting_promotes_the_law_its_words_ask_to_learn() -> None:
    x = extract(
        "3月8日，某县召开全面依法治县委员会会议。\n"
        "会议指出，依法行政是政府工作的生命线。各部门要把学习宣传民法典作为重要任务。"
        "要严格执行《某省行政程序规定》。\n"
        "会议指出，2022年，全县发放《中华人民共和国宪法》单行本1.2万册。\n"
    )
    # asked to learn: promoted; applied, or a past year's work the meeting recalls: not
    assert rels(x, "promotes") == {("全面依法治县委员会会议", "民法典")}


def test_an_event_before_or_at_a_meeting_is_part_of_it_on_its_day() -> None:
    x = extract(
        "5月9日，某县召开全面依法治县委员会会议，县委书记张明主持会议。\n"
        "会前，与会人员开展学法活动，县司法局局长李芳作专题解读。\n"
    )
    assert ("学法活动", "全面依法治县委员会会议") in rels(x, "partOf")
    assert ("学法活动", "5月9日") in rels(x, "date")
    assert ("李芳", "学法活动") in rels(x, "spokeAt")


def test_a_prosecutors_or_judges_rank_is_no_organ() -> None:
    x = extract(
        "平江县人民检察院第一检察部主任、员额检察官李建国，县人民法院四级高级法官王芳出席。"
    )
    posts = {
        (r.subject.norm, r.attrs["title"]): r.attrs["agency_norm"]
        for r in x.relations
        if r.type == "holdsPosition"
    }
    assert posts[("李建国", "员额检察官")] == "平江县人民检察院"
    assert posts[("王芳", "县人民法院四级高级法官")] == "平江县人民法院"


def test_a_team_named_again_by_its_head_word_takes_the_counts() -> None:
    x = extract(
        "县司法局组建平江县法治宣讲队，用方言讲法律。"
        "截至目前，宣讲队已深入全县16个乡镇开展宣讲约180场，受众2.6万余人次。"
    )
    assert set(quantities(x).values()) == {"平江县法治宣讲队"}


def test_an_agency_and_its_partner_carry_on_a_programme() -> None:
    x = extract(
        "团县委相关负责人表示，下一步将联合县司法局继续深化“法治进校园”活动，"
        "把青少年法治教育做细做实。"
    )
    assert rels(x, "organizedBy") == {
        ("“法治进校园”活动", "团县委"),
        ("“法治进校园”活动", "县司法局"),
    }


def test_a_show_promotes_the_laws_woven_into_it() -> None:
    x = extract(
        "5月20日，县司法局在县文化广场举办法治文艺演出。"
        "演员们把《中华人民共和国禁毒法》中的条文编进唱词，吸引群众300余人观看。"
    )
    assert rels(x, "promotes") == {("法治文艺演出", "中华人民共和国禁毒法")}


def test_a_bodys_meeting_holding_an_event_is_no_organiser() -> None:
    for text in (
        "会前，县政府常务会议开展学法活动，县司法局局长李芳作专题解读。",
        "10月12日上午，县政府常务会议开展学法活动。",
    ):
        assert rels(extract(text), "organizedBy") == set(), text


def test_the_titles_activity_named_again_in_the_body_is_one_event() -> None:
    x = extract(
        "平江县司法局开展“宪法进乡村”宣讲活动\n"
        "5月6日，县司法局在县文化广场举办“宪法进乡村”专题宣讲会，80余人参加。\n"
    )
    [event] = [e for e in x.entities if e.type == "Event"]
    assert [m.surface for m in event.mentions] == ["“宪法进乡村”宣讲活动", "“宪法进乡村”专题宣讲会"]
    assert rels(x, "partOf") == set()
    # a campaign's series and its launch are two events
    week = extract(
        "平江县开展2023年“宪法宣传周”活动\n"
        "12月1日，县司法局在县文化广场举办“宪法宣传周”启动仪式。\n"
    )
    assert len([e for e in week.entities if e.type == "Event"]) == 2
    # the first event the lead tells of: the title's activity by another name, or a part of it
    for lead, one in (
        ("4月15日，县司法局在人民广场开展“国家安全进社区”集中宣传活动。", True),
        ("4月15日，县司法局在人民广场举办国家安全法专题讲座。", False),
    ):
        x = extract(f"平江县开展全民国家安全教育日宣传活动\n{lead}\n")
        assert (len([e for e in x.entities if e.type == "Event"]) == 1) is one, lead


def test_the_event_a_title_names_holds_the_bodys_events() -> None:
    x = extract(
        "平江县2022年人民调解员培训班圆满结业\n"
        "5月6日至8日，县司法局主办的2022年人民调解员培训班在县委党校举行。\n"
        "5月6日上午，培训班开班仪式在县委党校举行。\n"
        "5月8日下午举行结业仪式，县司法局局长张明讲话。\n"
        "5月20日，平江县十八届人大常委会第五次会议在县人大会议室召开。\n"
    )
    # not a body's numbered session, which is its own
    assert rels(x, "partOf") == {
        ("培训班开班仪式", "平江县2022年人民调解员培训班"),
        ("结业仪式", "平江县2022年人民调解员培训班"),
    }
    # the first event the lead tells of is the title's, by another name: not a part
    study = extract(
        "平江县委理论学习中心组举行民法典专题讲座\n"
        "6月17日，平江县委理论学习中心组开展2021年第六次集体学习，专题学习民法典。\n"
    )
    assert rels(study, "partOf") == set()
    [lecture] = [e for e in study.entities if e.type == "Event"]
    assert [m.surface for m in lecture.mentions] == ["民法典专题讲座", "2021年第六次集体学习"]


def test_what_is_held_at_a_meetings_sitting_promotes_its_laws() -> None:
    x = extract(
        "5月9日，某县召开全面依法治县委员会会议。"
        "会前，全面依法治县委员会会议开展学法活动，县司法局局长李芳解读了《中华人民共和国行政复议法》。"
    )
    assert ("学法活动", "中华人民共和国行政复议法") in rels(x, "promotes")


def test_a_count_of_part_of_a_count_is_for_the_same_thing() -> None:
    x = extract(
        "平江县深入推进“法律明白人”培养工程，全县新培养法律明白人1260名，其中少数民族400余名。"
    )
    assert quantities(x) == {"1260名": "“法律明白人”培养工程", "400余名": "“法律明白人”培养工程"}


def test_a_count_of_all_kinds_of_activity_is_not_the_programmes() -> None:
    x = extract(
        "团县委相关负责人表示，下一步将继续深化“法治进校园”活动，"
        "全年计划开展各类青少年普法活动不少于30场。"
    )
    assert quantities(x) == {"不少于30场": "团县委"}
    # a programme's period frames them all the same
    period = extract("“七五”普法期间，全县各部门累计开展各类普法活动1.2万余场。")
    assert quantities(period) == {"1.2万余场": "“七五”普法"}


def test_an_event_named_again_by_its_head_word_takes_the_counts() -> None:
    x = extract(
        "5月6日至8日，平江县2022年人民调解员培训班在县委党校举行。\n"
        "3天里，培训班共开设课程8堂，组织案例研讨6场，发放资料300余册。\n"
    )
    assert set(quantities(x).values()) == {"平江县2022年人民调解员培训班"}


def test_an_event_a_later_clause_tells_of_takes_no_earlier_count() -> None:
    x = extract(
        "5月6日，县司法局在县文化广场举办宪法宣传活动。"
        "活动现场，县普法办组织15名志愿者设立咨询台，发放资料1200余份，"
        "并组织群众参加宪法知识竞赛，参赛群众近300人。"
    )
    assert quantities(x) == {
        "15名": "宪法宣传活动",
        "1200余份": "宪法宣传活动",
        "近300人": "宪法知识竞赛",
    }


def test_a_paragraph_opening_with_a_lecture_s_head_word_is_about_it() -> None:
    x = extract(
        "平江县司法局开展“宪法进乡村”宣讲活动\n"
        "5月6日，县司法局在县文化广场举办“宪法进乡村”专题宣讲会，80余人参加。\n"
        "宣讲会由县司法局局长张明主持。律师李芳围绕婚姻家庭问题，对民法典的主要内容进行了解读。\n"
    )
    assert rels(x, "promotes") == {("“宪法进乡村”宣讲活动", "民法典")}


def test_a_day_of_its_own_in_a_titled_event_is_that_events() -> None:
    x = extract(
        "平江县2022年人民调解员培训班圆满结业\n"
        "5月6日至8日，县司法局主办的2022年人民调解员培训班在县委党校举行。\n"
        "5月6日上午，培训班开班仪式在县委党校举行，县司法局局长张明出席并讲话。\n"
        "5月7日，学员们走进平江县人民法院旁听庭审。"
        "县人民法院庭长李芳为学员们讲解了《中华人民共和国人民调解法》。\n"
    )
    # not the opening of the day before
    assert ("李芳", "平江县2022年人民调解员培训班") in rels(x, "spokeAt")
    assert rels(x, "promotes") == {("平江县2022年人民调解员培训班", "中华人民共和国人民调解法")}


def test_the_lead_holding_the_titles_event_by_its_head_tells_of_it() -> None:
    x = extract(
        "平江县举办2022年青少年法治知识竞赛\n"
        "来源：平江县司法局　发布时间：2022-05-09\n"
        "为深入推进“八五”普法，推动《中华人民共和国未成年人保护法》贯彻落实，5月6日，"
        "县司法局在县文化中心举办知识竞赛。\n"
    )
    event = "2022年青少年法治知识竞赛"
    assert rels(x, "date") == {(event, "5月6日")}
    assert rels(x, "promotes") == {(event, "中华人民共和国未成年人保护法")}
    assert rels(x, "partOf") == {(event, "“八五”普法")}
    # it is no mention
    assert [m.surface for e in x.entities if e.type == "Event" for m in e.mentions] == [event]


def test_an_official_leading_a_group_to_the_event_attends_it() -> None:
    for text in (
        "5月6日，县司法局在县文化中心举办法治知识竞赛，县人大常委会副主任张明带领检查组。",
        "5月6日，县司法局在县文化中心举办法治知识竞赛。县司法局局长张明带队。",
    ):
        assert rels(extract(text), "attended") == {("张明", "法治知识竞赛")}, text


def test_the_people_a_programmes_work_trains_are_its_count() -> None:
    x = extract(
        "平江县扎实推进“法律明白人”培养工作。"
        "截至目前，全县已培育“法律明白人”2600余名，其中女性800余名。"
    )
    assert quantities(x) == {
        "2600余名": "“法律明白人”培养工作",
        "800余名": "“法律明白人”培养工作",
    }


def test_an_event_watched_at_a_venue_is_held_there() -> None:
    x = extract("5月6日，在平江县第一中学，县人大常委会调研组观摩了学生模拟法庭。")
    assert rels(x, "heldAt") == {("学生模拟法庭", "平江县第一中学")}


def test_laws_in_the_state_of_things_asked_about_are_not_promoted() -> None:
    for text in (
        "5月6日，调研组在县第一中学观摩学生模拟法庭，详细询问了宪法和民法典进课堂等情况。",
        "5月6日，调研组在县第一中学观摩学生模拟法庭，详细了解了《中华人民共和国未成年人保护法》"
        "落实情况。",
    ):
        assert rels(extract(text), "promotes") == set(), text
    taught = extract("5月6日，县司法局在县第一中学举办法治讲座，讲解了未成年人保护法。")
    assert rels(taught, "promotes") == {("法治讲座", "未成年人保护法")}


def test_a_bare_heads_post_is_at_the_one_organ_of_its_kind_the_titles_name() -> None:
    x = extract(
        "5月6日，县检察院副检察长王芳为学生上了一堂法治课。"
        "活动最后，在检察长李建明的带领下，师生举行宪法宣誓仪式。"
    )
    posts = {
        (r.subject.norm, r.attrs["title"]): r.attrs["agency_norm"]
        for r in x.relations
        if r.type == "holdsPosition"
    }
    assert posts[("李建明", "检察长")] == posts[("王芳", "县检察院副检察长")] == "县检察院"


def test_a_team_named_again_by_its_head_word_convenes_the_event() -> None:
    x = extract(
        "6月13日，平江县人大常委会检查组开展执法检查。6月14日下午，检查组召开座谈会，听取汇报。"
    )
    assert ("座谈会", "平江县人大常委会检查组") in rels(x, "organizedBy")


def test_laws_people_come_to_know_at_an_event_are_promoted() -> None:
    x = extract("5月6日，县司法局在县文化广场举办法治宣传活动，让群众了解宪法的基本情况。")
    assert rels(x, "promotes") == {("法治宣传活动", "宪法")}


def test_at_a_meeting_means_the_meeting_not_the_event_named_since() -> None:
    x = extract(
        "3月17日，平江县召开全面依法治县委员会会议。会前，与会人员开展学法活动。"
        "会上，县法院、县检察院等8家单位作了述职。"
    )
    assert quantities(x) == {"8家": "全面依法治县委员会会议"}
    talk = extract("5月6日，平江县司法局召开普法工作推进会。会上，县司法局局长张明作了讲话。")
    assert rels(talk, "spokeAt") == {("张明", "普法工作推进会")}


def test_a_meetings_words_promote_only_the_laws_they_ask_to_learn() -> None:
    x = extract(
        "3月17日，平江县召开全面依法治县委员会会议。\n"
        "会议强调，各级各部门要把学习宣传宪法作为重要任务，严格执行《湖南省行政程序规定》。\n"
    )
    assert rels(x, "promotes") == {("全面依法治县委员会会议", "宪法")}


def test_telling_a_meeting_how_the_work_stands_is_speaking() -> None:
    x = extract(
        "12月5日，平江县人民法院召开座谈会。座谈会上，副院长刘燕介绍了法院开展普法工作的情况。"
    )
    assert rels(x, "spokeAt") == {("刘燕", "座谈会")}
