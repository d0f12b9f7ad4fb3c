"""Rules added after scoring the twelfth held-out round (tests/data/heldout12): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from extracted import quantities, rels

from lawgraph.extract import extract


def test_a_list_led_by_its_role_attends() -> None:
    x = extract(
        "5月6日，某县人大常委会举行宪法宣誓仪式。县人大常委会主任张明监誓。"
        "参加宣誓的还有县司法局局长李强、县教育局局长王芳等。"
    )
    attended = {o for o, _e in rels(x, "attended")}
    assert {"李强", "王芳"} <= attended
    # the role of a name's own verb still wins
    own = extract(
        "5月6日，某县召开普法工作会议。出席会议的有县委副书记张明、县司法局局长李强，李强主持会议。"
    )
    assert ("李强", "普法工作会议") in rels(own, "chaired")
    assert ("张明", "普法工作会议") in rels(own, "attended")


def _posts(text: str) -> dict[str, str | None]:
    x = extract(text)
    return {
        r.attrs["title"]: r.attrs["agency_norm"] for r in x.relations if r.type == "holdsPosition"
    }


def test_a_party_department_after_another_is_of_the_same_committee() -> None:
    posts = _posts("5月6日，平江县召开普法工作会议。县委常委、宣传部部长、统战部部长张明出席。")
    assert posts["宣传部部长"] == "平江县委宣传部"
    assert posts["统战部部长"] == "平江县委统战部"


def test_whom_a_meeting_honours_counts_for_the_meeting() -> None:
    x = extract(
        "3月2日，平江县召开全县人民调解工作会议。\n会议指出，全县共调解纠纷2100件。\n"
        "今年1月至2月，各乡镇开展矛盾纠纷“大排查”专项行动，排查纠纷150件。会上，县司法所作交流发言。"
        "会议对12个先进集体和30名优秀调解员进行了表彰。\n"
    )
    counts = quantities(x)
    # not the action the paragraph told of before
    assert counts["12个"] == counts["30名"] == "全县人民调解工作会议"
    assert counts["150件"] == "矛盾纠纷“大排查”专项行动"
    # what the meeting says was done is not the meeting's
    assert counts["2100件"] == "平江县"


def test_the_agency_after_since_a_year_counts_its_work_since() -> None:
    x = extract(
        "5月6日，平江县司法局举行宪法宣誓仪式。\n"
        "据悉，自2018年县司法局实施宪法宣誓制度以来，已累计组织宣誓活动30余场，800多名干部参加宣誓。\n"
    )
    counts = quantities(x)
    assert counts["30余场"] == counts["800多名"] == "平江县司法局"


def test_the_rest_and_the_judges_count_for_the_review_meeting() -> None:
    x = extract(
        "1月9日，平江县普法办召开普法责任制述职评议会议。\n"
        "县公安局、县教育局等8家单位负责同志现场述职，其余30家单位提交书面述职报告，"
        "由人大代表和政协委员组成的15名评议员现场测评打分。\n"
    )
    counts = quantities(x)
    assert counts["8家"] == counts["30家"] == counts["15名"] == "普法责任制述职评议会议"


def test_a_camps_opening_and_closing_are_parts_of_it() -> None:
    x = extract(
        "7月10日至20日，平江县司法局举办2023年平江县青少年法治夏令营。\n"
        "7月10日上午，夏令营开营仪式在县青少年活动中心举行。\n"
        "7月20日下午，结营仪式在县人民法院举行。\n"
    )
    parts = rels(x, "partOf")
    assert ("夏令营开营仪式", "2023年平江县青少年法治夏令营") in parts
    assert ("结营仪式", "2023年平江县青少年法治夏令营") in parts


def test_laws_taught_at_the_sitting_are_the_meetings() -> None:
    x = extract(
        "3月2日，平江县召开全县人民调解工作会议。\n"
        "今年以来，各乡镇开展矛盾纠纷“大排查”专项行动，排查纠纷150件。"
        "会上，县司法局负责人对《中华人民共和国人民调解法》进行了专题解读。\n"
    )
    assert rels(x, "promotes") == {("全县人民调解工作会议", "中华人民共和国人民调解法")}


def test_a_bare_title_closing_a_list_is_of_the_lists_organ() -> None:
    posts = _posts(
        "5月6日，平江县人大常委会举行宪法宣誓仪式。县人大常委会副主任张明、李强，秘书长王芳出席。"
    )
    assert posts["秘书长"] == "平江县人大常委会"
    # not across a clause of its own
    apart = _posts("5月6日，平江县召开普法工作会议。县司法局局长张明主持，会议由秘书长王芳记录。")
    assert apart.get("秘书长") is None


def test_what_a_speaker_does_on_site_counts_for_the_event() -> None:
    x = extract(
        "6月16日，平江县司法局召开涉外法律服务企业家座谈会。\n"
        "县商务局副局长张明通报了有关政策；律师李强对《中华人民共和国外商投资法》作了解读，"
        "现场解答企业提问20余个。\n"
    )
    assert quantities(x)["20余个"] == "涉外法律服务企业家座谈会"


def test_what_a_place_has_is_the_places() -> None:
    x = extract(
        "今年以来，平江县司法局开展“法律服务进企业”活动，累计走访企业150家。"
        "目前，平江县共有外商投资企业300多家。\n"
    )
    counts = quantities(x)
    assert counts["300多家"] == "平江县"
    assert counts["150家"] == "“法律服务进企业”活动"


def test_a_body_opening_a_part_clause_does_its_own_work() -> None:
    x = extract(
        "今年以来，平江县开展矛盾纠纷“大排查”专项行动，排查化解纠纷150件，"
        "其中城关镇司法所成功调处一起涉及40户村民的土地纠纷。\n"
    )
    assert quantities(x)["40户"] == "城关镇司法所"
    # units listed with it are counted, not its own work
    listed = extract(
        "11月18日，平江县召开普法责任制履职报告评议会，38家县直单位书面述职，"
        "其中县公安局等6家单位现场述职。\n"
    )
    assert quantities(listed)["6家"] == "普法责任制履职报告评议会"


def test_a_programme_held_to_push_a_plan_is_part_of_it() -> None:
    x = extract(
        "送法进村寨\n——平江县法治宣讲团深入乡村开展巡回宣讲\n\n平江县司法局　2022-11-18 17:06\n\n"
        "为深入学习宣传贯彻党的二十大精神，推动“八五”普法规划在基层落地见效，11月7日至17日，"
        "平江县法治宣讲团深入城关镇、南江镇等乡镇，开展“石榴花·法润乡村”巡回宣讲活动。\n"
    )
    assert ("“石榴花·法润乡村”巡回宣讲活动", "“八五”普法") in rels(x, "partOf")


def test_the_laws_a_team_teaches_are_its_programmes() -> None:
    x = extract(
        "11月7日至17日，由县司法局组建的平江县法治宣讲团深入各乡镇，开展“法润乡村”巡回宣讲活动。\n\n"
        "针对群众需求，宣讲团专门吸收了懂方言的律师，用方言把宪法和民法典讲清楚、讲明白。\n"
    )
    laws = {law for s, law in rels(x, "promotes") if s == "“法润乡村”巡回宣讲活动"}
    assert laws == {"宪法", "民法典"}
