"""Rules added after scoring the sixth held-out round (tests/data/heldout6): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from extracted import name, quantities, rels

from lawgraph.extract import extract
from lawgraph.extract.interchange import to_dict

_BUREAU_REPORT = (
    "平江县市场监督管理局2023年度普法工作报告\n"
    "来源：平江县市场监督管理局 发布时间：2024-01-10 09:00\n"
    "2023年，县市场监管局认真落实普法责任制。现将有关情况报告如下。\n"
    "一、健全机制\n"
    "全年开展集中宣传活动36场。局党组书记、局长王明主持召开普法专题会议。\n"
    "二、以案释法\n"
    "全年共查办各类案件860件。5月20日，在县人民广场启动食品安全宣传活动。"
    "联合县司法局深入乡镇开展“法律进企业”活动。\n"
    "三、公共服务\n"
    "全县12个乡镇均设有投诉站。全年受理投诉举报1500余件。\n"
)


def test_a_bureaus_own_report_counts_its_own_work() -> None:
    x = extract(_BUREAU_REPORT)
    bureau = "平江县市场监督管理局"
    q = quantities(x)
    assert q["36场"] == bureau
    assert q["860件"] == bureau
    # a paragraph that has turned to the whole county keeps counting for the county
    assert q["12个"] == "平江县"
    assert q["1500余件"] == "平江县"
    # 局长 in the bureau's own report is the bureau's post, not another 局 the text names
    posts = {
        (r["title"], r["agency"])
        for r in to_dict(x)["relations"]
        if r["type"] == "holdsPosition" and r["title"] == "局长"
    }
    assert posts == {("局长", bureau)}
    # what it holds with no organiser named (but partners it joins) is its own
    organised = rels(x, "organizedBy")
    assert ("食品安全宣传活动", bureau) in organised
    assert ("“法律进企业”活动", bureau) in organised
    assert ("“法律进企业”活动", "县司法局") in organised


def test_a_governments_report_keeps_its_unsubjected_counts_for_its_place() -> None:
    # not a department: a government's report counts for its place (the genre set), but a count
    # whose clause names the government after a span of time is the government's
    x = extract(
        "平江县人民政府关于2023年法治政府建设情况的报告\n"
        "2023年，平江县人民政府扎实推进法治政府建设。现将有关情况报告如下。\n"
        "全年共开展法治培训12期。全年县政府共收到行政复议申请86件，受理80件。\n"
    )
    q = quantities(x)
    assert q["12期"] == "平江县"
    assert q["86件"] == "平江县人民政府"
    assert q["80件"] == "平江县人民政府"


def test_an_agency_gathering_the_people_counted_does_that_work() -> None:
    x = extract(
        "平江县2023年法治工作总结\n"
        "6月5日，县委组织部在县委党校举办领导干部法治培训班，培训干部200余人。"
        "县司法局组织全县1500余名国家工作人员参加年度学法考试。\n"
    )
    q = quantities(x)
    assert q["200余人"] == "领导干部法治培训班"
    assert q["1500余名"] == "县司法局"


def test_an_observances_own_day_is_not_the_last_date() -> None:
    x = extract(
        "平江县2023年法治工作总结\n"
        "6月5日至7日，县委组织部举办领导干部法治培训班。"
        "第十个国家宪法日当天，县人大常委会举行宪法宣誓仪式。\n"
    )
    assert ("宪法宣誓仪式", "6月5日至7日") not in rels(x, "date")
    assert ("领导干部法治培训班", "6月5日至7日") in rels(x, "date")


def test_a_meeting_convened_by_a_body_is_organised_by_it() -> None:
    x = extract(
        "平江县召开2023年全县普法工作会议\n"
        "3月9日，全县普法工作会议在县会议中心召开。会议由县委依法治县办召集。\n"
    )
    assert ("2023年全县普法工作会议", "县委依法治县办") in rels(x, "organizedBy")


def test_an_event_planned_after_the_page_is_no_part_of_the_meeting_reported() -> None:
    x = extract(
        "平江县召开2023年全县普法工作会议\n"
        "发布时间：2023-03-10 17:05\n"
        "3月9日，全县普法工作会议在县会议中心召开。\n"
        "会议要求，4月15日在县人民广场举办国家安全集中宣传活动。\n"
    )
    meeting = "2023年全县普法工作会议"
    assert ("国家安全集中宣传活动", meeting) not in rels(x, "partOf")


def test_after_a_part_of_an_event_the_event_goes_on() -> None:
    x = extract(
        "平江县举行2023年国家宪法日主题活动\n"
        "12月4日，平江县2023年国家宪法日主题活动在县人民广场举行。\n"
        "活动现场举行了宪法宣誓仪式，30名国家工作人员庄严宣誓。"
        "随后，县法院、县检察院等20家单位设置法律咨询台。\n"
    )
    q = quantities(x)
    assert q["30名"] == "宪法宣誓仪式"
    assert q["20家"] == "2023年国家宪法日主题活动"
    # also when a programme is told of between the part and 随后
    x = extract(
        "平江县举行2023年国家宪法日主题活动\n"
        "12月4日，平江县2023年国家宪法日主题活动在县人民广场举行。\n"
        "活动现场举行了宪法宣誓仪式，30名国家工作人员庄严宣誓。"
        "县教育局局长王明介绍了全县“法治进校园”工作情况。"
        "随后，县法院、县检察院等20家单位设置法律咨询台。\n"
    )
    assert quantities(x)["20家"] == "2023年国家宪法日主题活动"


def test_a_programme_held_in_the_observances_count_takes_it() -> None:
    x = extract(
        "平江县开展2023年宪法宣传周活动\n"
        "12月4日，县司法局在县人民广场举办宪法宣传周启动仪式。"
        "宪法宣传周期间，全县各部门共组织开展宪法进机关、进乡村等“宪法进万家”活动约150场，"
        "覆盖群众3万人次以上。\n"
    )
    q = quantities(x)
    assert q["约150场"] == "“宪法进万家”活动"
    assert q["3万人次以上"] == "“宪法进万家”活动"


def test_laws_handed_out_at_this_activity_are_its() -> None:
    x = extract(
        "平江县举行2023年国家宪法日主题活动\n"
        "12月4日，平江县2023年国家宪法日主题活动在县人民广场举行。\n"
        "活动现场举行了宪法宣誓仪式。\n"
        "据统计，本次活动共发放《宪法》单行本、《民法典》读本等宣传资料2000余份。\n"
    )
    event = "2023年国家宪法日主题活动"
    assert {(event, law) for law in ("宪法", "民法典")} <= rels(x, "promotes")
    assert quantities(x)["2000余份"] == event


def test_officials_appointed_to_a_group_hold_its_posts() -> None:
    x = to_dict(
        extract(
            "平江县司法局2023年度普法工作报告\n"
            "年初成立县司法局普法工作领导小组，由局党组书记、局长王明任组长，"
            "副局长李芳任副组长，各科室分工负责。\n"
        )
    )
    names = {e["id"]: e["norm"] for e in x["entities"]}
    posts = {
        (names[r["subject"]], r["title"], r["agency"])
        for r in x["relations"]
        if r["type"] == "holdsPosition"
    }
    group = "平江县司法局普法工作领导小组"
    assert ("王明", "组长", group) in posts
    assert ("李芳", "副组长", group) in posts
    assert ("王明", "局长", "平江县司法局") in posts


def test_a_post_after_a_party_committees_takes_that_committees_jurisdiction() -> None:
    x = to_dict(
        extract(
            "盐城市举行2024年国家宪法日主场活动\n"
            "12月4日，由亭湖区委政法委承办的国家宪法日主场活动在聚龙湖广场举行。"
            "市委常委、政法委书记周建华，亭湖区委副书记、区长何明出席活动。\n"
        )
    )
    names = {e["id"]: e["norm"] for e in x["entities"]}
    posts = {
        (names[r["subject"]], r["title"], r["agency"])
        for r in x["relations"]
        if r["type"] == "holdsPosition"
    }
    # the city committee's 政法委, not the district's named as a host
    assert ("周建华", "政法委书记", "盐城市委政法委") in posts
    # the district's head of government, of the district the party post names
    assert ("何明", "区长", "亭湖区政府") in posts


def test_a_bureaus_programme_with_partners_is_its_own_and_its_leader_no_events() -> None:
    x = extract(
        "平江县市场监督管理局2023年度普法工作报告\n"
        "5月20日，局机关在县人民广场举办食品安全宣传活动。\n"
        "联合县司法局深入甲镇、乙镇、丙镇开展“法律进企业”活动，由科长王明带领律师为120余家企业"
        "提供合规指导。\n"
    )
    programme = "“法律进企业”活动"
    bureau = "平江县市场监督管理局"
    assert {(programme, bureau), (programme, "县司法局")} <= rels(x, "organizedBy")
    # the official leads the programme held in his sentence, not the event told of before
    assert rels(x, "attended") == set()


def test_an_official_acting_on_the_spot_is_at_the_event() -> None:
    x = extract(
        "宝湖社区开展民法典宣传活动\n"
        "5月25日，宝湖社区在社区广场开展民法典宣传活动。\n"
        "平江县司法所所长王明现场为居民解答了赡养纠纷等法律问题10余个。\n"
    )
    assert ("王明", "民法典宣传活动") in rels(x, "attended")
    assert quantities(x)["10余个"] == "民法典宣传活动"


def test_a_share_of_each_unit_is_for_what_the_count_before_was_for() -> None:
    x = extract(
        "新民市大河镇：法治乡村建设见成效\n"
        "镇里把“法律明白人”培养工程作为普法的重要抓手，目前已遴选法律明白人138名，"
        "实现每个村不少于5名。\n"
    )
    q = quantities(x)
    assert q["138名"] == "“法律明白人”培养工程"
    assert q["不少于5名"] == "“法律明白人”培养工程"


def test_units_counted_alongside_an_agency_are_not_its_work() -> None:
    x = extract(
        "新民市大河镇：法治乡村建设见成效\n"
        "全镇23个行政村全部建立调委会。镇人民调解委员会和23个村调委会实行每周排查制度。\n"
    )
    counts = {
        (name(r.subject), r.object.norm["value"]) for r in x.relations if r.type == "quantity"
    }
    assert counts == {("新民市大河镇", 23)}


def test_a_communitys_committee_after_its_party_post() -> None:
    x = to_dict(
        extract(
            "宝湖社区开展民法典宣传活动\n"
            "5月25日，宝湖社区开展民法典宣传活动。社区党委书记、居委会主任李芳主持活动。\n"
        )
    )
    agencies = {r["agency"] for r in x["relations"] if r["type"] == "holdsPosition"}
    assert agencies == {"宝湖社区党委", "宝湖社区居委会"}


def test_a_date_that_is_an_observances_day_is_its_date() -> None:
    x = extract(
        "平江县召开2023年全县普法工作会议\n"
        "会议要求，以第八个全民国家安全教育日为契机，4月15日在县人民广场举办国家安全集中宣传活动。"
        "3月15日，县市场监管局举办“3·15”国际消费者权益日主题宣传活动。\n"
    )
    dates = rels(x, "date")
    assert ("第八个全民国家安全教育日", "4月15日") in dates
    # a day not the observance's own is not its date
    assert ("第八个全民国家安全教育日", "3月15日") not in dates


def test_an_event_named_for_one_of_the_listed_observances_is_part_of_it() -> None:
    x = extract(
        "平江县市场监督管理局2022年度普法工作报告\n"
        "围绕食品安全宣传周、知识产权宣传周等节点开展集中宣传。"
        "6月13日，在县人民广场启动2022年食品安全宣传周活动。\n"
    )
    assert ("2022年食品安全宣传周活动", "食品安全宣传周") in rels(x, "partOf")
    assert ("2022年食品安全宣传周活动", "知识产权宣传周") not in rels(x, "partOf")


def test_the_days_an_observances_series_is_held_are_its_dates() -> None:
    x = extract(
        "平江县举行2023年国家宪法日主题活动\n"
        "12月4日，平江县2023年国家宪法日主题活动在县人民广场举行。\n"
        "全县于12月1日至7日集中开展宪法宣传周系列活动。\n"
    )
    assert ("宪法宣传周", "12月1日至7日") in rels(x, "date")


def test_laws_a_speech_takes_an_observance_as_the_occasion_for_are_the_events() -> None:
    x = extract(
        "平江县举行2023年国家宪法日主题活动\n"
        "12月4日，平江县2023年国家宪法日主题活动在县人民广场举行，县委书记王明出席并讲话。\n"
        "王明在讲话中指出，要以本次国家宪法日为契机，深入学习宣传宪法和民法典。\n"
    )
    event = "2023年国家宪法日主题活动"
    promoted = rels(x, "promotes")
    assert {(event, "宪法"), (event, "民法典")} <= promoted
    assert not {law for subject, law in promoted if subject != event}
