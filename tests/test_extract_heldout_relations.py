"""Rules added after scoring the held-out reports (tests/data/heldout): events, campaigns and
the relations between them, each pinned on short sentences of its own."""

from __future__ import annotations

from extracted import name, quantities, rels, spans

from lawgraph.extract import extract
from lawgraph.extract.model import Entity


def test_joined_title_names_two_events_when_each_is_reported_on_its_own() -> None:
    text = (
        "某县举行法官任职宣誓仪式暨法律援助集中宣传活动\n"
        "3月1日，县人民法院在审委会会议室举行法官任职宣誓仪式。\n"
        "3月5日，县司法局在人民广场开展“法律援助”集中宣传活动。\n"
    )
    x = extract(text)
    assert "法官任职宣誓仪式暨法律援助集中宣传活动" not in spans(x, "Event")
    assert spans(x, "Event").count("法官任职宣誓仪式") == 2
    # one name with two parts stays one event
    one = extract("某县召开政法委员会第二次会议暨全县政法工作会议。会议由县委书记主持。")
    assert spans(one, "Event") == ["政法委员会第二次会议暨全县政法工作会议"]


def test_observance_name_stops_at_a_conjunction_or_a_date() -> None:
    x = extract(
        "2023年12月1日至7日宪法宣传周期间，某县开展普法活动。某县举行宣誓仪式暨宪法宣传周启动仪式。"
    )
    assert "宪法宣传周" in spans(x, "Campaign")
    assert all("暨" not in c and "日" not in c for c in spans(x, "Campaign"))


def test_many_activities_name_no_event_without_a_series() -> None:
    plain = extract("宣传周期间，某县组织开展了形式多样的民法典学习宣传活动。")
    assert spans(plain, "Event") == []
    series = extract(
        "某县开展2022年“宪法宣传周”系列活动\n宣传周期间，各部门开展了丰富多彩的宪法宣传活动。"
    )
    [ent] = [e for e in series.entities if e.type == "Event"]
    assert [m.surface for m in ent.mentions] == ["2022年“宪法宣传周”系列活动", "宪法宣传活动"]


def test_generic_name_held_on_a_day_at_a_venue_is_an_event() -> None:
    x = extract("6月3日，县普法讲师团在西街社区广场开展集中宣传，发放资料200余份。")
    assert spans(x, "Event") == ["集中宣传"]
    assert spans(extract("全年组织开展宪法、民法典集中宣传。"), "Event") == []


def test_programme_verbs_are_not_part_of_a_name() -> None:
    x = extract("县法院持续深化“法治进企业”活动，已开展法治讲座约20场，覆盖职工3000余人。")
    assert spans(x, "Event") == []
    assert spans(x, "Campaign") == ["“法治进企业”活动"]


def test_programmes_with_unusual_heads() -> None:
    x = extract("为深入推进“乡村法治带头人”培育工程，某镇开展培训。")
    assert spans(x, "Campaign") == ["“乡村法治带头人”培育工程"]
    tour = extract("宣讲队先后走进东村、西村、南村等村开展“宪法进农家”宣传，发放资料。")
    assert spans(tour, "Campaign") == ["“宪法进农家”宣传"]
    # a quoted team is no programme
    assert spans(extract("组建“宪法进农家”宣讲团。"), "Campaign") == []


def test_guidance_and_teaching_roles() -> None:
    x = extract("3月2日，某镇“调解员”培训班在镇政府二楼会议室开班。县司法局副局长张明到会指导。")
    assert rels(x, "attended") == {("张明", "某镇“调解员”培训班")}
    assert rels(x, "heldAt") == {("某镇“调解员”培训班", "镇政府二楼会议室")}
    lesson = extract("活动中，县法院副院长李芳为同学们上了一堂生动实用的婚姻家庭法治课。")
    assert rels(lesson, "spokeAt") == {("李芳", "婚姻家庭法治课")}


def test_what_follows_a_sub_event_belongs_to_the_whole() -> None:
    x = extract(
        "4月15日，县法院走进县第一中学开展国家安全教育日法治进校园活动。"
        "活动中，法官王强为同学们作国家安全专题讲座。\n"
        "讲座结束后，干警们向师生发放宣传资料300余份。\n"
    )
    assert quantities(x)["300余份"] == "国家安全教育日法治进校园活动"


def test_units_listed_before_a_count_are_not_its_owner() -> None:
    x = extract(
        "12月4日，由县司法局主办的宪法宣传活动在人民广场举行。县法院、县检察院、县公安局等15家单位"
        "设立咨询台，现场解答法律咨询。"
    )
    assert quantities(x)["15家"] == "宪法宣传活动"


def test_totals_of_an_observance_are_not_its_single_event() -> None:
    x = extract(
        "12月4日，由县司法局主办的“宪法宣传周”集中宣传活动在县文化广场举行。\n"
        "此外，县司法局开展送法下乡。宣传周期间，全县共开展各类宪法宣传活动约40场。\n"
    )
    assert quantities(x)["约40场"] == "宪法宣传周"


def test_a_meeting_that_reviews_a_plan() -> None:
    x = extract(
        "5月8日上午，全县普法工作会议在县行政中心召开。会议总结“七五”普法工作，部署“八五”普法工作。"
        "县委常委、政法委书记王刚出席会议并讲话。\n"
        "会议通报了全县“七五”普法情况。五年来，全县累计开展法治宣传活动3000余场次。\n"
        "王刚指出，“八五”普法是新的五年。要学习宣传宪法、民法典，深化“法治乡村”示范工程。\n"
    )
    assert rels(x, "spokeAt") == {("王刚", "全县普法工作会议")}
    assert rels(x, "partOf") >= {
        ("全县普法工作会议", "“七五”普法"),
        ("全县普法工作会议", "“八五”普法"),
    }
    assert quantities(x)["3000余场次"] == "“七五”普法"
    promoted = {(a, b) for a, b in rels(x, "promotes")}
    assert ("“八五”普法", "宪法") in promoted
    assert not any(a == "“法治乡村”示范工程" for a, _ in promoted)


def test_events_and_programmes_under_campaigns() -> None:
    x = extract(
        "3月15日是国际消费者权益日。当天上午，县市场监管局在人民广场开展消费维权宣传活动。\n"
        "2022年12月4日，在第九个国家宪法日当天，县司法局在步行街举办“宪法宣传周”集中宣传活动。"
        "东关街道、西关街道同步开展宪法进社区活动。\n"
        "今年以来，县法院按照“八五”普法规划，持续深化“法治进企业”活动，开展讲座约20场。\n"
    )
    part = rels(x, "partOf")
    assert ("消费维权宣传活动", "国际消费者权益日") in part
    assert ("“宪法宣传周”集中宣传活动", "第九个国家宪法日") in part
    assert ("“法治进企业”活动", "“八五”普法") in part
    assert ("第九个国家宪法日", "2022年12月4日") in rels(x, "date")
    assert {("宪法进社区活动", "东关街道"), ("宪法进社区活动", "西关街道")} <= rels(x, "heldAt")


def test_programmes_in_a_block_about_the_plan() -> None:
    x = extract(
        "县委书记李明强调，“八五”普法是新的五年规划。要深入开展“法律七进”，推动法治宣传进乡村。\n"
        "4月1日，县法院走进县一中开展“护苗成长 法治同行”主题法治进校园活动。\n"
        "今年以来，县法院持续深化“法治进校园”活动，开展讲座约20场。\n"
    )
    part = rels(x, "partOf")
    assert ("法律七进", "“八五”普法") in part
    assert ("“护苗成长 法治同行”主题法治进校园活动", "“法治进校园”活动") in part
    assert quantities(x)["约20场"] == "“法治进校园”活动"


def test_lead_purpose_and_observance_span() -> None:
    x = extract(
        "某镇：培育调解员\n"
        "为深入推进“人民调解员”培养工程，扎实开展2023年宪法宣传月活动，3月以来，某镇开展培训。\n"
        "3月6日，由镇司法所主办的某镇2023年“调解员”培训班在镇政府会议室开班。\n"
        "（图为培训现场）\n"
        "培训结束后，镇司法所先后走进东村、西村等村开展“宪法进村组”宣传。"
        "3月20日，宣讲队在东村广场开展集中宣传，发放资料100余份。\n"
        "2023年3月1日至31日宪法宣传月期间，全镇共开展宣传活动12场。\n"
    )
    part = rels(x, "partOf")
    assert ("某镇2023年“调解员”培训班", "“人民调解员”培养工程") in part
    assert ("某镇2023年“调解员”培训班", "2023年宪法宣传月活动") in part
    assert ("集中宣传", "“宪法进村组”宣传") in part  # the caption does not open the paragraph
    assert ("宪法宣传月", "2023年3月1日至31日") in rels(x, "date")


def test_an_activity_teaches_what_its_lecture_teaches() -> None:
    x = extract(
        "4月15日，县法院走进县一中开展国家安全教育日法治进校园活动。"
        "活动中，法官王强为学生上了一堂国家安全法治课，围绕《中华人民共和国反间谍法》等法律进行讲解。"
    )
    promoted = {(name(r.subject), r.object.norm) for r in x.relations if r.type == "promotes"}
    assert ("国家安全教育日法治进校园活动", "中华人民共和国反间谍法") in promoted
    assert ("国家安全法治课", "中华人民共和国反间谍法") in promoted


def test_members_count_for_the_team_they_form() -> None:
    x = extract(
        "今年以来，县司法局深化“法治进乡村”活动，组建了由15名律师组成的县普法讲师团，开展讲座40场。"
    )
    counts = quantities(x)
    assert counts["15名"] == "县普法讲师团"
    assert counts["40场"] == "“法治进乡村”活动"


def test_a_later_tour_is_part_of_the_observance_the_lead_frames() -> None:
    x = extract(
        "某县开展宪法宣传周活动\n"
        "2023年12月1日至7日宪法宣传周期间，某县组织开展了形式多样的宪法学习宣传活动。\n"
        "12月4日，县司法局在人民广场举办宪法宣传活动。\n"
        "此外，县司法局组织宣讲队深入东村、西村等地开展“宪法进乡村”巡回宣讲。\n"
    )
    assert ("“宪法进乡村”巡回宣讲", "宪法宣传周") in rels(x, "partOf")


def test_a_plan_is_nobodys_and_promotes_only_what_is_publicised() -> None:
    x = extract(
        "2024年，县政府将继续认真贯彻《优化营商环境条例》，扎实开展“八五”普法总结验收。\n"
        "县委书记王刚要求，扎实抓好宪法、民法典的学习宣传，大力推进“八五”普法。\n"
    )
    assert rels(x, "organizedBy") == set()
    promoted = {(name(r.subject), r.object.norm) for r in x.relations if r.type == "promotes"}
    assert promoted == {
        ("“八五”普法", "中华人民共和国宪法"),
        ("“八五”普法", "中华人民共和国民法典"),
    }


def test_laws_go_to_what_is_held_not_to_the_purpose() -> None:
    x = extract(
        "为深入推进“法治带头人”培养工程，扎实开展2023年宪法宣传月活动，把宪法送到群众身边。"
    )
    promoted = {(name(r.subject), r.object.norm) for r in x.relations if r.type == "promotes"}
    assert promoted == {("2023年宪法宣传月活动", "中华人民共和国宪法")}


def test_a_team_touring_villages_organises_the_tour() -> None:
    x = extract("此外，县司法局组织“法治宣讲小分队”深入东村、西村等地开展“宪法进乡村”巡回宣讲。")
    assert ("“宪法进乡村”巡回宣讲", "法治宣讲小分队") in rels(x, "organizedBy")


def test_a_series_runs_from_the_month_it_started() -> None:
    x = extract("为扎实开展2023年民法典宣传月活动，5月以来，某镇组织干部走村入户，宣传民法典。")
    assert rels(x, "date") == {("2023年民法典宣传月活动", "5月")}


# --- round 2 (tests/data/heldout2) -----------------------------------------------------------------


def test_interchange_holds_only_the_formats_relation_types() -> None:
    from lawgraph.extract.interchange import RELATION_TYPES, to_dict

    x = extract("3月2日，某县召开普法工作会议。县委书记张三主持会议，县法院、县检察院参加会议。")
    # the extractor knows the agencies at the meeting …
    assert {r.type for r in x.relations} >= {"agencyAttended", "chaired", "date"}
    # … (the facts file's participations); the interchange format has no relation for them
    types = {r["type"] for r in to_dict(x)["relations"]}
    assert types <= set(RELATION_TYPES)
    assert types == {"holdsPosition", "chaired", "date"}


def test_counts_of_a_formed_team_are_its_work() -> None:
    x = extract(
        "某县司法局组建了由15名熟悉政策的律师和基层干部组成的普法宣讲团，深入各村，"
        "累计开展宣讲30场，发放资料5000余份。"
    )
    assert quantities(x) == {"15名": "普法宣讲团", "30场": "普法宣讲团", "5000余份": "普法宣讲团"}


def test_a_centre_keeps_its_counts_in_the_next_sentence_an_organ_does_not() -> None:
    x = extract("长宁县法律援助中心开通绿色通道。1—9月，共受理法律援助案件230件。")
    assert quantities(x) == {"230件": "长宁县法律援助中心"}
    organ = extract("长宁县司法局狠抓普法宣传。全年共印发资料3000份。")
    assert quantities(organ)["3000份"] == "长宁县"


def test_units_counted_take_part_in_what_their_clause_holds() -> None:
    x = extract(
        "长宁县东街街道、西街街道等8个街道同步开展“法治进社区”活动，累计开展宣传约40场，"
        "受众近3000人次。"
    )
    assert quantities(x)["8个"] == "“法治进社区”活动"


def test_whole_jurisdiction_count_in_an_observance_is_not_its_ceremony() -> None:
    x = extract(
        "12月4日至10日宪法宣传周期间，某县在人民广场举办宪法宣传周启动仪式，"
        "全县同步开展宪法宣传活动120余场。"
    )
    assert quantities(x)["120余场"] == "宪法宣传周"


def test_a_local_place_opening_the_clause_takes_its_counts() -> None:
    x = extract("某县司法局负责人表示，下一步，青石社区将依托6个网格开展入户走访。")
    assert quantities(x)["6个"] == "青石社区"


def test_meetings_cited_or_adopting_a_law_are_not_held_here() -> None:
    x = extract(
        "3月5日，某县召开普法工作会议。会议传达了省委依法治省委员会第二次会议和市委依法治市"
        "委员会第一次会议精神。县委常委、政法委书记张三通报了全县普法工作情况。"
    )
    assert rels(x, "spokeAt") == {("张三", "普法工作会议")}
    law = extract("县长李四指出，民法典3月1日经十四届全国人大一次会议表决通过，要学习宣传民法典。")
    [meeting] = [e for e in law.entities if e.type == "Event"]
    assert meeting.attrs.get("reference")
    assert rels(law, "date") == {("十四届全国人大一次会议", "3月1日")}
    assert rels(law, "promotes") == set()


def test_reports_to_a_meeting_review_its_programmes() -> None:
    x = extract(
        "4月2日，某县召开全面依法治县委员会会议。县委书记王五主持会议。"
        "县司法局局长赵小六汇报了“七五”普法总结验收情况。"
    )
    assert ("赵小六", "全面依法治县委员会会议") in rels(x, "spokeAt")
    assert rels(x, "partOf") == {("全面依法治县委员会会议", "“七五”普法")}


def test_a_chairs_words_are_about_his_meeting() -> None:
    x = extract(
        "4月2日，某县召开全面依法治县委员会会议。县委书记王五主持会议并讲话。\n"
        "王五强调，各级干部要带头学习宪法、民法典，把法治要求落到实处。"
    )
    assert rels(x, "promotes") == {
        ("全面依法治县委员会会议", "宪法"),
        ("全面依法治县委员会会议", "民法典"),
    }


def test_what_an_official_says_is_not_what_he_does() -> None:
    x = extract(
        "5月4日，长宁县青石社区在文化广场开展普法宣传活动。\n"
        "社区党委书记、居委会主任钱小七表示，下一步，青石社区将常态化开展“法律明白人”入户宣讲。"
    )
    assert rels(x, "spokeAt") == set()


def test_laws_at_the_event_before_an_observance_named_as_topic() -> None:
    x = extract(
        "4月15日，某县青石社区在文化广场开展国家安全宣传活动。\n"
        "活动现场，工作人员向居民宣传国家安全法、反间谍法等法律，讲解了全民国家安全教育日的由来。"
    )
    assert rels(x, "promotes") == {
        ("国家安全宣传活动", "国家安全法"),
        ("国家安全宣传活动", "反间谍法"),
    }


def test_every_venue_of_a_list_holds_the_event() -> None:
    x = extract("7月2日至4日，长宁县普法报告会分别在县行政中心会议室、东坝镇和西河乡举行。")
    assert rels(x, "heldAt") == {
        ("长宁县普法报告会", "县行政中心会议室"),
        ("长宁县普法报告会", "东坝镇"),
        ("长宁县普法报告会", "西河乡"),
    }


def test_a_date_before_an_observance_dates_it_and_the_event() -> None:
    x = extract("2024年4月15日第九个全民国家安全教育日，长宁县司法局在人民广场开展集中宣传活动。")
    assert rels(x, "date") == {
        ("第九个全民国家安全教育日", "2024年4月15日"),
        ("集中宣传活动", "2024年4月15日"),
    }


def test_a_ceremony_takes_the_date_of_its_act() -> None:
    x = extract(
        "6月3日上午，长宁县法治文化公园在东坝镇正式开园。县委副书记孙八出席开园仪式并致辞。"
    )
    assert rels(x, "date") == {("开园仪式", "6月3日")}


def test_events_an_official_talks_of_are_not_where_he_speaks() -> None:
    x = extract(
        "6月1日，长宁县法治教育基地举行开馆仪式。县委常委、政法委书记周大明出席开馆仪式。"
        "周大明在讲话中指出，要把基地建成全县开展法治进校园活动的主阵地。"
    )
    assert rels(x, "spokeAt") == {("周大明", "开馆仪式")}


def test_a_cited_meeting_in_the_purpose_frames_nothing() -> None:
    x = extract(
        "为深入学习贯彻党的二十大精神，长宁县开展普法宣传活动。\n"
        "12月2日，县司法局在人民广场举办宪法宣誓仪式。"
    )
    assert rels(x, "partOf") == set()


def test_the_day_after_an_observance_is_named_is_its_day() -> None:
    x = extract(
        "12月2日，长宁县人大常委会举行宪法宣誓仪式。\n"
        "12月4日是第九个国家宪法日。当天下午，县委党校举办宪法专题讲座。"
    )
    assert ("宪法专题讲座", "12月4日") in rels(x, "date")
    assert ("宪法专题讲座", "12月2日") not in rels(x, "date")


def test_a_place_takes_counts_of_its_own_clause_only() -> None:
    x = extract("青石社区被评为全国民主法治示范社区，新增网格员120名。")
    assert quantities(x).get("120名") != "青石社区"


def test_a_programme_frames_counts_up_to_a_semicolon() -> None:
    x = extract(
        "据了解，今年以来，长宁县检察院已开展“法治进校园”活动50场；"
        "上半年共办理涉未成年人案件120余件。"
    )
    assert quantities(x) == {"50场": "“法治进校园”活动", "120余件": "长宁县检察院"}


def test_a_programme_heading_its_paragraph_takes_its_counts_and_events() -> None:
    x = extract(
        "民法典宣传月实现全覆盖。长宁县司法局组织20名律师与30个村结对，开展讲座40场。"
        "6月5日，县司法局在东坝村举办“民法典进家门”集中服务活动。"
    )
    assert set(quantities(x).values()) == {"民法典宣传月"}
    assert rels(x, "partOf") == {("“民法典进家门”集中服务活动", "民法典宣传月")}


def test_counted_sessions_refer_to_the_event() -> None:
    x = extract(
        "7月2日至4日，由县司法局主办的长宁县普法报告会分别在县行政中心会议室、东坝镇和西河乡举行。\n"
        "下一步，县司法局将继续深化普法。三场报告会共有600余人次参加。"
    )
    assert quantities(x) == {"三场": "长宁县普法报告会", "600余人次": "长宁县普法报告会"}


def test_laws_of_an_observance_day_go_to_the_event_held_on_it() -> None:
    x = extract(
        "2024年4月15日第九个全民国家安全教育日，长宁县司法局在人民广场开展集中宣传，"
        "发放《中华人民共和国国家安全法》宣传资料500余份。"
    )
    assert rels(x, "promotes") == {("集中宣传", "中华人民共和国国家安全法")}


def test_a_stall_set_up_is_held_and_organised() -> None:
    x = extract(
        "12月4日，长宁县司法局联合县法院在人民广场设立“宪法进万家”法律咨询集中宣传活动现场。"
    )
    ev = "“宪法进万家”法律咨询集中宣传活动"
    assert rels(x, "heldAt") == {(ev, "人民广场")}
    assert rels(x, "organizedBy") == {(ev, "长宁县司法局"), (ev, "县法院")}


def test_the_place_visited_holds_the_event_after_it() -> None:
    x = extract("12月4日下午，西北政法大学教授赵明轩走进长宁县委党校，为全县干部作宪法专题讲座。")
    assert {o for _s, o in rels(x, "heldAt")} == {"长宁县委党校"}


def test_a_locator_before_a_venue_keeps_it_a_venue() -> None:
    from lawgraph.extract.relations import _venue_before

    text = "12月1日，在县城双凤公园举办启动仪式。"
    place = Entity(type="Place", norm="双凤公园")
    start = text.index("双凤公园")
    assert _venue_before(text, (start, start + 4, place), 0)
    assert not _venue_before("12月1日，县城双凤公园游人如织。", (8, 12, place), 0)


def test_what_a_speaker_presents_at_the_event_it_promotes() -> None:
    x = extract(
        "6月1日，长宁县法治教育基地举行开馆仪式。县检察院检察长郑小明出席开馆仪式。\n"
        "郑小明在致辞中介绍，基地系统展示了未成年人保护法的主要内容。"
    )
    assert rels(x, "promotes") == {("开馆仪式", "未成年人保护法")}


def test_a_heading_does_not_hide_the_activity_leading_its_paragraph() -> None:
    x = extract(
        "示范创建严把关 基层法治再提升\n"
        "12月6日，长宁县普法办组织召开民主法治示范村创建评审会。"
        "评审组对东坝镇、西河乡等申报的6个村进行了实地核查。"
    )
    assert quantities(x) == {"6个": "民主法治示范村创建评审会"}


def test_a_programme_named_right_after_another_is_part_of_it() -> None:
    x = extract(
        "今年以来，长宁县司法局以党史学习教育“我为群众办实事”实践活动为抓手，推进法律援助。"
    )
    assert rels(x, "partOf") == {("“我为群众办实事”实践活动", "党史学习教育")}


def test_a_community_post_belongs_to_the_community_named() -> None:
    x = extract(
        "青石社区开展国家安全宣传活动\n"
        "4月15日，社区居委会在社区广场开展宣传。社区党委书记、居委会主任王小燕表示，将常态化开展宣传。"
    )
    posts = {
        (r.attrs["title"], r.attrs["agency_norm"]) for r in x.relations if r.type == "holdsPosition"
    }
    assert ("社区党委书记", "青石社区党委") in posts


def test_only_the_sentence_after_an_observance_day_is_held_for_it() -> None:
    x = extract(
        "12月4日是第九个国家宪法日。当天下午，长宁县委党校举办宪法专题讲座。\n"
        "同日，长宁县司法局在人民广场开展“宪法进万家”集中宣传活动。"
    )
    assert rels(x, "partOf") == {("宪法专题讲座", "第九个国家宪法日")}
    assert ("“宪法进万家”集中宣传活动", "12月4日") in rels(x, "date")


def test_the_agency_that_carries_out_a_heading_programme_organises_it() -> None:
    x = extract("民法典宣传月实现全覆盖。长宁县司法局组织20名律师与30个村结对，开展讲座40场。")
    assert rels(x, "organizedBy") == {("民法典宣传月", "长宁县司法局")}
    other = extract("民法典宣传月实现全覆盖。长宁县司法局总结了经验做法。")
    assert rels(other, "organizedBy") == set()


def test_a_joint_series_in_the_lead_frames_later_programmes_with_its_first_observance() -> None:
    x = extract(
        "2022年12月1日至7日，长宁县集中开展“宪法宣传周”暨法治宣传教育月系列活动。\n"
        "东街街道、西街街道等10个街道同步开展“宪法进社区”活动，累计开展宣传约40场。"
    )
    assert ("“宪法进社区”活动", "宪法宣传周") in {
        (name(r.subject), str(r.object.norm).split("(")[0])
        for r in x.relations
        if r.type == "partOf"
    }


def test_a_count_of_a_programmes_people_is_the_programmes() -> None:
    x = extract(
        "长宁县深入实施“法律明白人”培养工程。全年新培养法律明白人260名，全县法律明白人总数达865人。"
    )
    assert quantities(x) == {"260名": "“法律明白人”培养工程", "865人": "“法律明白人”培养工程"}


def test_a_bare_head_word_refers_to_the_one_place_or_agency_so_named() -> None:
    x = extract(
        "6月1日，长宁县青少年法治教育基地正式开馆。县检察院已开展法治讲座50场。\n"
        "基地总面积约1200平方米，设有6个主题展区。基地试运行以来，已接待学生2000余人次。"
    )
    counts = quantities(x)
    assert {counts["约1200平方米"], counts["6个"], counts["2000余人次"]} == {
        "长宁县青少年法治教育基地"
    }
