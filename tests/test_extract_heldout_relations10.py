"""Rules added after scoring the tenth held-out round (tests/data/heldout10): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from extracted import quantities, rels

from lawgraph.extract import extract


def test_a_departments_report_on_a_year_with_about_counts_its_own_work() -> None:
    body = (
        "一、加强队伍建设\n"
        "5月10日，县司法局举办业务培训班，全县司法所所长共60余人参加培训。"
        "全年组织案卷评查5次，评查案卷200余卷。\n"
    )
    x = extract("汝阳县司法局关于2023年法律援助工作情况的报告\n" + body)
    assert quantities(x)["5次"] == quantities(x)["200余卷"] == "汝阳县司法局"
    # a government's report counts for its place
    y = extract("汝阳县人民政府关于2023年法治政府建设情况的报告\n" + body)
    assert quantities(y)["5次"] == "汝阳县"


TITLE = "汝阳县司法局2023年普法工作总结\n今年以来，县司法局扎实推进普法工作。\n"


def test_a_programme_held_after_a_heading_leads_its_paragraph() -> None:
    event = "5月8日，县司法局在县城人民广场举办法治宣传活动，现场发放宣传资料800余份。\n"
    x = extract(
        TITLE + "三、创新宣传形式\n县司法局联合县妇联组织开展民法典宣传月系列活动。" + event
    )
    assert ("法治宣传活动", "民法典宣传月") in rels(x, "partOf")
    # a plan started after a heading leads nothing (全面启动“八五”普法。…)
    y = extract(TITLE + "三、创新宣传形式\n全面启动“八五”普法。" + event)
    assert not {o for s, o in rels(y, "partOf") if s == "法治宣传活动"}


SQUARE = (
    "宜阳县举办国家安全教育日集中宣传活动\n"
    "4月15日，县委国安办在县城人民广场举办国家安全教育日集中宣传活动，现场发放宣传资料3000余份。"
)


def test_every_unit_opening_a_sentence_does_its_own_work() -> None:
    # 各乡镇（街道）同步开展…: the county's counts, not those of the event leading the paragraph
    x = extract(SQUARE + "各乡镇（街道）同步开展宣传，累计覆盖群众约5万人。\n")
    assert quantities(x)["约5万人"] == "宜阳县"
    assert quantities(x)["3000余份"] == "国家安全教育日集中宣传活动"
    # and the laws they explain are not the event's
    y = extract(SQUARE + "各乡镇（街道）同步行动：白杨镇组织网格员入户走访，讲解《国家安全法》。\n")
    assert not rels(y, "promotes")
    # a market's stalls (各市场) are no unit of the county
    z = extract(SQUARE + "各市场主体积极参与，累计覆盖群众约5万人。\n")
    assert quantities(z)["约5万人"] == "国家安全教育日集中宣传活动"


def test_what_a_sentence_holds_as_part_of_a_campaign_is_part_of_it() -> None:
    x = extract(
        "作为宪法宣传周的重要内容，12月2日，县司法局联合县教育局开展“宪法进校园”巡回宣讲活动，"
        "走进8所中小学。\n"
    )
    # (the tour's span, with or without its 活动, is the entity rules' business)
    assert {o for s, o in rels(x, "partOf") if "宪法进校园" in s} == {"宪法宣传周"}
    # a task made of the campaign's work (把…作为…的首要任务) holds nothing
    y = extract("各部门要把学习宪法作为宪法宣传周的首要任务，开展“宪法进校园”巡回宣讲活动。\n")
    assert not rels(y, "partOf")


def test_hosts_that_hold_it_together_after_the_event_organise_it() -> None:
    x = extract(
        "5月17日，白杨镇反诈专题宣讲会由白杨司法所、县公安局白杨派出所共同举办。\n"
        "6月3日，宜阳县“安全生产月”启动仪式在县城人民广场举行。"
        "仪式由县安委会主办、宜阳县应急管理局（以下简称“县应急局”）承办。\n"
    )
    organised = {(s, o) for s, o in rels(x, "organizedBy")}
    assert {
        ("白杨镇反诈专题宣讲会", "白杨司法所"),
        ("白杨镇反诈专题宣讲会", "县公安局白杨派出所"),
    } <= organised
    assert ("宜阳县“安全生产月”启动仪式", "宜阳县应急管理局") in organised


def test_an_agency_organises_the_event_referred_to_only_as_the_subject_of_its_verb() -> None:
    x = extract(
        "5月6日，县禁毒办在县城人民广场举办禁毒宣传活动。"
        "活动现场，民警向群众讲解毒品危害；县司法局组织的律师志愿者现场解答群众法律咨询。\n"
        "活动期间，县应急局组织实施安全隐患排查整治专项行动，共检查企业80家。\n"
    )
    assert rels(x, "organizedBy") == {
        ("禁毒宣传活动", "县禁毒办"),
        ("安全隐患排查整治专项行动", "县应急局"),
    }


def test_a_programme_held_for_a_span_of_time_frames_and_leads_its_counts() -> None:
    x = extract(
        "宜阳县推进安全生产月各项工作\n今年6月是全国“安全生产月”。\n三、排查整治\n"
        "6月，县应急局组织开展了为期一个月的“安全隐患大排查”专项行动，成立8个检查组，重点检查燃气等领域。"
        "共检查企业326家，发现隐患1180处。\n"
    )
    action = "“安全隐患大排查”专项行动"
    assert quantities(x) == dict.fromkeys(["8个", "326家", "1180处"], action)


def test_an_observance_whose_day_opens_the_sentence_frames_its_counts() -> None:
    x = extract(
        "宜阳县开展全民国家安全教育日宣传\n"
        "2023年4月15日上午，县委国安办在县城人民广场举办国家安全知识讲座。\n"
        "4月15日第八个全民国家安全教育日当天，各乡镇同步开展宣传活动50余场。\n"
    )
    assert quantities(x)["50余场"] == "全民国家安全教育日"


def test_the_units_whose_people_attend_and_a_bare_verbs_counts_are_the_events() -> None:
    x = extract(
        "宜阳县推进安全生产月各项工作\n今年6月是全国“安全生产月”。\n二、以训促学\n"
        "6月12日，县应急局在县委党校举办安全生产法专题培训班。"
        "全县近300家企业的主要负责人参加培训，共举办3期，累计培训900余人次。\n"
        "三、以训促学\n6月20日，县司法局在县委党校举办法律明白人培训班。"
        "全县18个村的法律明白人共60余人参加培训。\n"
    )
    q = quantities(x)
    assert q["近300家"] == q["3期"] == q["900余人次"] == "安全生产法专题培训班"
    # when the people are counted, the units are where they come from
    assert (q["18个"], q["60余人"]) == ("宜阳县", "法律明白人培训班")


def test_those_who_enter_a_final_are_its_participants() -> None:
    x = extract(
        "宜阳县：以赛促学见实效\n"
        "5月6日，由县司法局主办的“宪法在我心中”知识竞赛决赛在县委党校举行。此前，竞赛以线上答题方式"
        "进行初赛，吸引全县1.2万余人次参与，最终来自全县的12支代表队、36名选手进入决赛。\n"
    )
    final = "“宪法在我心中”知识竞赛决赛"
    assert quantities(x) == dict.fromkeys(["1.2万余人次", "12支", "36名"], final)


def test_where_a_team_goes_in_a_later_clause_is_its_events_venue() -> None:
    x = extract(
        "宜昌市人大常委会开展安全生产法执法检查\n5月10日，市人大常委会召开执法检查动员会。\n"
        "动员会后，检查组兵分多路，先后赴西陵区、伍家岗区、夷陵区等地，深入企业开展实地检查。\n"
    )
    assert rels(x, "heldAt") == {
        ("安全生产法执法检查", "西陵区"),
        ("安全生产法执法检查", "伍家岗区"),
        ("安全生产法执法检查", "夷陵区"),
    }


def test_an_observance_the_title_names_alone_holds_the_bodys_events() -> None:
    lead = (
        "今年6月是第23个全国“安全生产月”。2024年6月1日至30日，县应急局统筹全县各部门，"
        "扎实开展了一系列宣传教育和隐患排查工作。\n二、以训促学\n"
        "6月12日，县应急局在县委党校举办安全生产法专题培训班。\n"
    )
    x = extract("宜阳县：多措并举推进“安全生产月”各项工作落地见效\n" + lead)
    assert ("安全生产法专题培训班", "安全生产月") in rels(x, "partOf")
    # a title that names something else besides holds nothing by the observance
    y = extract("宜阳县：安全生产月里的“法治课堂”专项行动\n" + lead)
    assert ("安全生产法专题培训班", "安全生产月") not in rels(y, "partOf")


def test_units_counted_that_join_the_title_event_by_its_head_are_its() -> None:
    x = extract(
        "宜昌市人大常委会开展安全生产法执法检查\n5月10日，市人大常委会召开执法检查动员会。\n"
        "动员会后，检查组兵分多路，先后赴西陵区、夷陵区等地开展实地检查。检查期间，检查组共召开座谈会6场。"
        "同时委托8个县（市、区）人大常委会同步开展检查，实现市县两级联动。\n"
    )
    assert quantities(x)["8个"] == "安全生产法执法检查"


def test_an_event_named_that_evening_takes_the_day_and_place_of_the_scene_set_before() -> None:
    scene = "宜阳县：反诈宣传进村寨\n5月17日晚，在宜阳县白杨镇新华村，村民们围坐在村委会前听身边的诈骗案例。\n"
    x = extract(
        scene + "这是宜阳县反诈宣传的一个缩影。\n当晚的白杨镇反诈专题宣讲会由白杨司法所举办。\n"
    )
    assert rels(x, "date") == {("白杨镇反诈专题宣讲会", "5月17日")}
    assert rels(x, "heldAt") == {("白杨镇反诈专题宣讲会", "宜阳县白杨镇新华村")}
    # an event named with no reference to that day is not dated by it
    y = extract(scene + "白杨镇反诈专题宣讲会由白杨司法所举办。\n")
    assert not rels(y, "date") and not rels(y, "heldAt")


def test_the_people_a_programme_trained_are_its_count_not_the_training_held_for_them() -> None:
    x = extract(
        "宜阳县：反诈宣传进村寨\n下一步，县司法局将依托“法律明白人”培养工程，"
        "在全县120个村培养的900余名法律明白人中开展反诈知识专题培训。\n"
    )
    assert quantities(x)["900余名"] == "“法律明白人”培养工程"
    # people who hold an activity are the activity's
    y = extract(
        "宜阳县：反诈宣传进村寨\n宜阳县深入实施“法律明白人”培养工程。"
        "6月5日，40名法律明白人在白杨镇集市开展反诈集中宣传活动。\n"
    )
    assert quantities(y)["40名"] == "反诈集中宣传活动"


def test_the_leader_of_an_event_chairs_it_and_the_deputies_attend() -> None:
    x = extract(
        "宜昌市人大常委会开展安全生产法执法检查\n5月上旬，市人大常委会组织开展安全生产法执法检查。"
        "此次执法检查由市人大常委会副主任张明任组长，市人大法制委主任委员李强任副组长。\n"
    )
    assert rels(x, "chaired") == {("张明", "安全生产法执法检查")}
    assert rels(x, "attended") == {("李强", "安全生产法执法检查")}
    # a leading group's posts are no roles at an event
    y = extract(
        "宜昌市司法局2023年普法工作总结\n"
        "年初调整市司法局普法工作领导小组，由局长张明任组长，副局长李强任副组长。\n"
    )
    assert not rels(y, "chaired") and not rels(y, "attended")


SNAPSHOT = (
    "宜阳县：反诈宣传进村寨\n"
    "5月17日晚，在宜阳县白杨镇新华村，村民们围坐在村委会前听身边的诈骗案例。\n"
    "这是宜阳县“反诈进万家”法治宣传活动的一个缩影。今年以来，为深入推进“八五”普法，"
    "推动《中华人民共和国反电信网络诈骗法》在农村落地见效，宜阳县司法局联合县公安局，"
    "组织宣讲团深入村组开展宣传。\n"
    "当晚的白杨镇反诈专题宣讲会由白杨司法所举办。\n"
)


def test_a_programme_a_scene_is_a_snapshot_of_holds_the_scenes_event_and_its_purpose() -> None:
    x = extract(SNAPSHOT)
    programme = "宜阳县“反诈进万家”法治宣传活动"
    assert rels(x, "partOf") == {
        ("白杨镇反诈专题宣讲会", programme),
        (programme, "“八五”普法"),
    }
    assert {(s, o) for s, o in rels(x, "organizedBy") if s == programme} == {
        (programme, "宜阳县司法局"),
        (programme, "县公安局"),
    }
    assert rels(x, "promotes") == {(programme, "中华人民共和国反电信网络诈骗法")}
    # with no programme named before, the purpose's plan holds nothing and organises nothing
    y = extract(SNAPSHOT.replace("这是宜阳县“反诈进万家”法治宣传活动的一个缩影。", ""))
    assert not {s for s, _o in rels(y, "organizedBy")} - {"白杨镇反诈专题宣讲会"}
