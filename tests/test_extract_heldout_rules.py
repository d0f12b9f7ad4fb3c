"""Rules added after scoring the held-out reports (tests/data/heldout), pinned on short
sentences of their own: the page, names and mentions."""

from __future__ import annotations

from extracted import mentions, name, rels, spans

from lawgraph.extract import extract
from lawgraph.extract.interchange import to_dict
from lawgraph.extract.model import Extraction
from lawgraph.extract.page import Page


def norms(x: Extraction, type_: str) -> set[object]:
    return {e.norm for e in x.entities if e.type == type_ and not e.implicit}


def noisy(text: str) -> list[str]:
    page = Page(text)
    return [text[ln.start : ln.end] for ln in page.lines if ln.noise and ln.end > ln.start]


BODY = (
    "3月8日，县司法局在县文化广场开展普法宣传活动，向群众发放资料，解答法律咨询。\n"
    "活动现场设立咨询台，工作人员耐心解答群众提出的婚姻家庭、劳动争议等法律问题。\n"
    "下一步，县司法局将持续开展法治宣传教育，推动普法工作常态化，营造良好法治氛围。\n"
)


def test_a_link_list_heading_before_links_is_noise() -> None:
    text = BODY + "\n推荐阅读：\n某县召开普法工作会议\n某镇开展法治宣传进村活动\n"
    assert noisy(text) == ["推荐阅读：", "某县召开普法工作会议", "某镇开展法治宣传进村活动"]


def test_a_link_list_heading_before_paragraphs_is_body() -> None:
    text = (
        BODY
        + "\n相关新闻：全县普法工作会议召开\n\n"
        + "4月2日，全县普法工作会议在县政府会议室召开。副县长王建国出席会议并讲话。\n"
    )
    assert noisy(text) == []
    x = extract(text)
    assert "王建国" in norms(x, "Official")
    assert "全县普法工作会议" in mentions(x, "Event")


def test_the_organisation_a_page_credits_is_an_agency() -> None:
    text = (
        "某县开展宪法宣传\n来源：安平县司法局　发布时间：2022-12-05　作者：张三\n\n"
        + BODY
        + "（安平县人民法院供稿）\n供稿：安平县司法局\n编辑：李四\n安平县人民政府 版权所有\n"
    )
    x = extract(text)
    assert sorted(mentions(x, "Agency")) == sorted(
        ["安平县司法局", "县司法局", "县司法局", "安平县人民法院", "安平县司法局", "安平县人民政府"]
    )
    # the rest of those lines is still noise: no person, no other place
    assert norms(x, "Official") == set()
    assert norms(x, "Place") == {"县文化广场"}


def test_wechat_header_and_footer() -> None:
    text = (
        "普法进村入户\n原创 安平司法所 安平普法 2023-05-29 17:46 发表于河北\n\n"
        + BODY
        + "\n安平普法 | 欢迎关注\n"
    )
    x = extract(text)
    assert mentions(x, "Agency")[0] == "安平司法所"
    assert mentions(x, "Place")[0] == "河北"  # the province the post was sent from
    assert noisy(text)[-1] == "安平普法 | 欢迎关注"
    assert "2023-05-29" in norms(x, "Date")


def posts(x: Extraction) -> list[tuple[str, str, str | None]]:
    return [
        (r.subject.norm, r.attrs["title"], r.attrs["agency_norm"])
        for r in x.relations
        if r.type == "holdsPosition"
    ]


def test_a_title_chain_opening_a_sentence_needs_no_word_after_the_name() -> None:
    x = extract("2022年，丰县加强法治建设。县委副书记、县长李文华切实履行第一责任人职责。")
    assert norms(x, "Official") == {"李文华"}
    assert posts(x) == [("李文华", "县委副书记", "丰县委"), ("李文华", "县长", "丰县政府")]
    assert mentions(x, "Agency") == []  # 县委 is inside the title string


def test_a_name_inside_a_sentence_still_needs_a_boundary() -> None:
    x = extract("会议要求，县长李文华切实履行第一责任人职责。")
    assert norms(x, "Official") == set()


def test_invited_lawyers_and_counsels_are_officials() -> None:
    x = extract("3月5日，东关镇举办培训班，邀请正义律师事务所律师、东关镇法律顾问周丽华授课。")
    assert norms(x, "Official") == {"周丽华"}
    assert posts(x) == [
        ("周丽华", "正义律师事务所律师", "正义律师事务所"),
        ("周丽华", "东关镇法律顾问", "东关镇政府"),  # a town as organ: its government
    ]
    assert mentions(x, "Agency") == []


def test_zhengfa_weiyuan_is_one_title() -> None:
    x = extract("丰县东关镇召开会议。镇党委副书记、政法委员钱永明主持会议。")
    assert [a for *_, a in posts(x)] == ["东关镇党委", "东关镇党委"]


def test_abbreviated_organs_take_the_full_name_the_text_gives() -> None:
    x = extract(
        "4月15日，襄阳市中级人民法院走进襄阳市第五中学开展法治宣传。"
        "襄阳中院党组成员、副院长王红出席。襄阳中院民事审判第一庭庭长、襄阳市五中法治副校长"
        "刘芳授课。襄阳中院将继续开展普法。"
    )
    assert "襄阳中院" not in norms(x, "Agency")
    assert "襄阳市中级人民法院" in norms(x, "Agency")
    assert posts(x) == [
        ("王红", "襄阳中院党组成员", "襄阳市中级人民法院"),
        ("王红", "副院长", "襄阳市中级人民法院"),
        ("刘芳", "襄阳中院民事审判第一庭庭长", "襄阳市中级人民法院民事审判第一庭"),
        ("刘芳", "襄阳市五中法治副校长", "襄阳市第五中学"),
    ]


def test_an_organ_written_in_full_in_a_title_stays_as_written() -> None:
    x = extract("丰县人民法院开展宣传。县法院党组书记、院长赵红出席。")
    assert posts(x)[0] == ("赵红", "县法院党组书记", "丰县法院")


def test_slogans_and_stock_phrases_are_no_places() -> None:
    x = extract("丰县组织干部走村入户宣传法律，实现“小事不出村、大事不出镇”。")
    assert norms(x, "Place") == {"丰县"}


def test_a_town_written_after_its_divisions_is_one_place() -> None:
    x = extract("5月以来，徐州市丰县华山镇开展普法宣传。当月，华山镇共举办讲座3场。")
    places = [e for e in x.entities if e.type == "Place" and e.mentions]
    assert [(e.norm, [m.surface for m in e.mentions]) for e in places] == [
        ("徐州市丰县华山镇", ["徐州市丰县华山镇", "华山镇"])
    ]


def test_a_venue_written_with_a_level_word_is_the_one_written_in_full() -> None:
    x = extract(
        "会议地点：丰县行政中心第一会议室。\n6月24日，全县普法工作会议在县行政中心第一会议室召开。"
    )
    places = [e for e in x.entities if e.type == "Place" and "会议室" in e.norm]
    assert [(e.norm, len(e.mentions)) for e in places] == [("丰县行政中心第一会议室", 2)]


def test_a_street_office_keeps_its_street_name() -> None:
    x = extract("丰县普法办联合主办，凤城街道办事处承办。")
    assert "凤城街道办事处" in mentions(x, "Agency")


def test_a_division_name_with_he_opens_an_agency() -> None:
    # 和 inside 南和区 is no conjunction
    x = extract("邢台市信都区司法局、南和区委依法治区办分别作了交流发言。")
    assert mentions(x, "Agency") == ["邢台市信都区司法局", "南和区委依法治区办"]


def test_named_teams_and_their_short_names() -> None:
    x = extract(
        "丰县司法所联合镇妇联、镇派出所组成“法律宣讲小分队”，深入各村宣讲。"
        "5月24日，宣讲小分队在广场开展宣传。县法院组建了“青年法官宣讲团”。"
    )
    teams = {e.norm: [m.surface for m in e.mentions] for e in x.entities if e.type == "Agency"}
    assert teams["法律宣讲小分队"] == ["法律宣讲小分队", "宣讲小分队"]
    assert "青年法官宣讲团" in teams
    assert "镇派出所" in mentions(x, "Agency")


def test_a_section_of_a_bureau_is_one_agency() -> None:
    x = extract("联系人：丰县司法局普法与依法治理科 王某。")
    assert mentions(x, "Agency") == ["丰县司法局普法与依法治理科"]


def test_an_office_and_its_abbreviation_are_one_agency() -> None:
    x = extract(
        "徐州市委全面依法治市委员会办公室牵头开展宣传。市依法治市办组织各部门参加。"
        "徐州市委全面依法治市委员会守法普法协调小组召开会议，市县两级守法普法协调小组成员单位参加。"
    )
    agencies = {e.norm: len(e.mentions) for e in x.entities if e.type == "Agency" and e.mentions}
    assert agencies == {
        "徐州市委全面依法治市委员会办公室": 2,
        "徐州市委全面依法治市委员会守法普法协调小组": 1,  # 两级…小组 is a collective
    }


# Round 2 (tests/data/heldout2): campaigns, events and their years.


def test_an_education_month_is_a_campaign() -> None:
    x = extract("下一步，县司法局将以法治宣传教育月为契机，持续推进普法工作。")
    assert mentions(x, "Campaign") == ["法治宣传教育月"]


def test_a_verb_before_an_ordinal_observance_is_no_part_of_it() -> None:
    x = extract("2021年，要认真筹备好第八个国家宪法日和宪法宣传周系列活动。")
    assert "第八个国家宪法日" in mentions(x, "Campaign")
    assert "国家宪法日(2021)" in norms(x, "Campaign")


def test_an_unquoted_jin_programme_is_a_campaign_when_bracketed_or_counted() -> None:
    x = extract("县司法局深入推进法官进村（社区），今年已开展法治进校园活动30余场。")
    assert mentions(x, "Campaign") == ["法官进村（社区）", "法治进校园活动"]
    held = extract("3月5日，城东街道、城西街道同步开展宪法进社区活动。")
    assert mentions(held, "Campaign") == []


def test_a_study_campaign_and_a_quoted_practice_are_two_campaigns() -> None:
    x = extract("县法院以党史学习教育“我为群众办实事”实践活动为抓手，推进诉讼服务。")
    assert mentions(x, "Campaign") == ["党史学习教育", "“我为群众办实事”实践活动"]
    assert mentions(x, "Event") == []


def test_a_quoted_lecture_series_is_a_campaign_and_its_session_an_event() -> None:
    x = extract(
        "“千名律师千场讲座”走进青山县。"
        "由市法学会主办的“千名律师千场讲座”青山县专场在县文化中心举行，县司法局局长王建国出席。"
    )
    assert mentions(x, "Campaign") == ["千名律师千场讲座"]
    assert mentions(x, "Event") == ["“千名律师千场讲座”青山县专场"]


def test_event_heads_of_round_two() -> None:
    x = extract("5月9日，李教授为全镇80余名村干部作专题辅导报告。")
    assert mentions(x, "Event") == ["专题辅导报告"]
    x = extract("6月1日，学生们在法庭开展了一场以盗窃为案例的模拟庭审，法官现场点评。")
    assert mentions(x, "Event") == ["模拟庭审"]
    x = extract("12月8日，县普法办召开2023年度普法履职报告评议会，县司法局局长王建国主持会议。")
    assert mentions(x, "Event") == ["2023年度普法履职报告评议会"]


def test_a_bracketed_community_is_part_of_a_name() -> None:
    x = extract("12月6日，区普法办组织召开2022年度民主法治示范村（社区）创建评审会。")
    assert mentions(x, "Event") == ["2022年度民主法治示范村（社区）创建评审会"]
    assert mentions(x, "Date") == ["12月6日"]


def test_who_attends_a_meeting_is_no_event() -> None:
    x = extract("区法院、区检察院负责同志，各镇街党（工）委书记列席会议。")
    assert mentions(x, "Event") == []


def test_the_nth_security_day_gives_its_year() -> None:
    x = extract("4月15日第九个全民国家安全教育日，县司法局在广场开展集中宣传。")
    assert norms(x, "Campaign") == {"全民国家安全教育日(2024)"}


def test_a_summary_published_the_next_january_is_the_titled_year() -> None:
    text = (
        "青山县司法局2023年普法工作总结\n发布日期：2024-01-10\n"
        "12月1日至7日宪法宣传周期间，县司法局开展宣传活动30余场。\n"
    )
    x = extract(text)
    assert x.doc_year == 2023
    assert norms(x, "Campaign") == {"宪法宣传周(2023)"}


def test_place_names_stop_at_verbs_and_skip_generic_words() -> None:
    x = extract("经过集中评审，最终确定青石镇红光村为示范村。")
    assert mentions(x, "Place") == ["青石镇红光村"]
    x = extract("律师与各村（社区）结对，担任村（社区）法律顾问，筑牢社区平安防线。")
    assert mentions(x, "Place") == []
    x = extract("宣讲团深入青石镇等地的嘎查村，用群众听得懂的语言宣讲民法典。")
    assert mentions(x, "Place") == ["青石镇"]


def test_a_venue_is_named_without_its_locator_and_not_as_a_form() -> None:
    x = extract("宪法宣传周期间，县司法局在县城人民公园举办宪法宣传周启动仪式。")
    assert "人民公园" in mentions(x, "Place")
    x = extract("基地通过展板、VR互动、情景剧场等形式，系统展示法律知识。")
    assert mentions(x, "Place") == []
    x = extract("4月15日，红星社区组织网格员在社区文化广场开展国家安全宣传。")
    assert "社区文化广场" in mentions(x, "Place")


def test_opening_a_hall_is_no_agency_and_an_account_name_no_place() -> None:
    x = extract("福田区青少年法治教育基地在华富街道正式开馆。\n福田检察  2021-06-28\n")
    assert mentions(x, "Agency") == []
    assert "华富街道" in mentions(x, "Place")
    assert "福田" not in mentions(x, "Place")


def test_a_reporting_verb_after_a_two_character_name() -> None:
    x = extract("区司法局党委书记、局长王强汇报了普法工作情况。")
    assert mentions(x, "Official") == ["王强"]


def test_a_community_police_officer_and_a_transliterated_name() -> None:
    x = extract("随后，城南派出所社区民警赵立新结合案例讲解防骗知识。")
    assert mentions(x, "Official") == ["赵立新"]
    assert mentions(x, "Agency") == []
    x = extract("自治区法学会常务理事巴特尔以《民法典与生活》为题作专题讲座。")
    assert mentions(x, "Official") == ["巴特尔"]


def test_agencies_of_round_two() -> None:
    x = extract("会议由区司法局主持，区民政局、县市场监管局负责同志参加。")
    assert mentions(x, "Agency") == ["区司法局", "区民政局", "县市场监管局"]
    x = extract("红光村被司法部、民政部命名为全国民主法治示范村。")
    assert mentions(x, "Agency") == ["司法部", "民政部"]
    x = extract("王教授走进中共青山市委党校授课，学员在7月前完成集中学习。")
    assert mentions(x, "Agency") == ["中共青山市委党校"]


def test_a_banner_abbreviation_is_the_banner() -> None:
    x = extract("土右旗司法局：普法进万家\n土默特右旗司法局组织律师开展法律咨询。")
    assert norms(x, "Agency") == {"土默特右旗司法局"}
    assert mentions(x, "Agency") == ["土右旗司法局", "土默特右旗司法局"]


def test_an_effective_date_and_a_reported_year_set_no_year() -> None:
    text = (
        "某区召开普法工作会议\n发布时间：2020-06-12\n"
        "局长王强通报了2019年全区普法工作情况。"
        "民法典5月28日表决通过，将于2021年1月1日起施行。要在7月底前完成集中学习。"
    )
    x = extract(text)
    assert {"2020-05-28", "2020-07"} <= norms(x, "Date")


def test_a_month_range_is_one_date() -> None:
    x = extract("2023年5月至7月，县普法办对全县各单位开展评估。")
    assert mentions(x, "Date") == ["2023年5月至7月"]
    assert norms(x, "Date") == {"2023-05/2023-07"}


def test_counts_after_an_agreement_and_before_a_themed_hall() -> None:
    x = extract("律师审查合同、村规民约180余份，基地设有5个主题展区。会议共有四项议程。")
    qs = {(e.norm["value"], e.norm["qualifier"]) for e in x.entities if e.type == "Quantity"}
    assert qs == {(180, "over"), (5, "exact")}
    assert mentions(x, "Quantity") == ["180余份", "5个"]


def test_an_app_a_first_session_and_a_title_bar() -> None:
    x = extract("网格员协助居民安装“国家反诈中心”APP，覆盖辖区内15栋居民楼。")
    assert mentions(x, "Agency") == []
    assert mentions(x, "Quantity") == ["15栋"]
    x = extract("7月12日，副旗长李明出席首场报告会并致辞。")
    assert mentions(x, "Event") == []
    x = extract("守护平安｜红星社区开展国家安全宣传\n")
    assert "红星社区" in mentions(x, "Place")


def test_the_youth_league_committee_and_its_abbreviation() -> None:
    text = (
        "雁塔区举办青少年普法讲座\n原创　雁塔共青团　2023-08-02 09:10\n"
        "8月1日，共青团西安市雁塔区委员会举办普法讲座。团区委书记张华出席。\n"
        "来源：雁塔共青团\n"
    )
    x = extract(text)
    assert norms(x, "Agency") == {"共青团西安市雁塔区委员会"}
    assert mentions(x, "Agency") == [
        "雁塔共青团",
        "共青团西安市雁塔区委员会",
        "雁塔共青团",
    ]
    agencies = {r.attrs["agency_norm"] for r in x.relations if r.type == "holdsPosition"}
    assert agencies == {"共青团西安市雁塔区委员会"}


def test_an_autonomous_county_a_village_after_its_town_and_a_party_service_centre() -> None:
    text = (
        "石林县：普法进村寨\n石林彝族自治县司法局走进彝族、白族村寨开展宣传。"
        "鹿阜街道新华村是民主法治村。新华村村民参加活动。"
        "6月3日，司法所在新华村党群服务中心举办讲座。"
    )
    x = extract(text)
    assert norms(x, "Place") >= {"石林彝族自治县", "鹿阜街道新华村", "新华村党群服务中心"}
    assert mentions(x, "Place")[0] == "石林县"
    assert "鹿阜街道新华村" in mentions(x, "Place")
    assert not any("村寨" in m or m == "白族村" for m in mentions(x, "Place"))
    village = next(e for e in x.entities if e.norm == "鹿阜街道新华村")
    assert [m.surface for m in village.mentions] == ["鹿阜街道新华村", "新华村"]


def test_names_that_share_a_title_and_a_name_before_de() -> None:
    x = extract(
        "副县长李红、周建国、马丽，县政府办主任王刚出席会议。在院长陈立新的带领下，陈立新宣誓。"
    )
    posts = {(r.subject.norm, r.attrs["title"]) for r in x.relations if r.type == "holdsPosition"}
    assert posts == {
        ("李红", "副县长"),
        ("周建国", "副县长"),
        ("马丽", "副县长"),
        ("王刚", "县政府办主任"),
        ("陈立新", "院长"),
    }
    assert mentions(x, "Official")[-2:] == ["陈立新", "陈立新"]
    x = extract("群众可通过局长信箱的方式反映问题。律师费用的问题由律所说明。")
    assert mentions(x, "Official") == []


def test_a_street_office_with_its_justice_office_is_no_statute() -> None:
    x = extract("5月8日，成都市武侯区玉林街道办事处联合街道司法所举办讲座。")
    assert mentions(x, "Law") == []
    assert mentions(x, "Agency") == ["成都市武侯区玉林街道办事处", "街道司法所"]
    assert norms(x, "Agency") == {"成都市武侯区玉林街道办事处", "玉林街道司法所"}


def test_a_provincial_regulation_by_its_short_name() -> None:
    x = extract(
        "检查组依照《湖南省法治宣传教育条例》开展检查，认为法治宣传教育条例的落实仍有差距。"
    )
    assert mentions(x, "Law") == ["湖南省法治宣传教育条例", "法治宣传教育条例"]
    assert norms(x, "Law") == {"湖南省法治宣传教育条例"}


def test_camps_inspections_and_a_meeting_after_tiqing() -> None:
    text = (
        "雁塔区2023年青少年法治夏令营开营\n"
        "7月10日，区人大常委会开展未成年人保护工作执法检查。检查组将形成执法检查报告，"
        "提请区人大常委会第十次会议审议。夏令营共开设法治课堂6堂。"
        "营员扫码参加“宪法知识有奖竞答”，学校还推出直播课、线上竞答等系列活动。"
    )
    x = extract(text)
    assert mentions(x, "Event") == [
        "雁塔区2023年青少年法治夏令营",
        "未成年人保护工作执法检查",
        "区人大常委会第十次会议",
        "宪法知识有奖竞答",
    ]


def test_an_organ_by_its_name_without_divisions_and_no_count_in_qianjia_wanhu() -> None:
    text = (
        "6月2日，成都市武侯区玉林街道办事处举办讲座，推动民法典走进千家万户。"
        "检查组来到成都市第十二中学。在第十二中学，检查组观看了表演。发放资料千余份。\n"
        "来源：玉林街道办事处\n"
    )
    x = extract(text)
    assert norms(x, "Agency") == {"成都市武侯区玉林街道办事处", "成都市第十二中学"}
    assert mentions(x, "Quantity") == ["千余份"]


def test_a_quoted_lecture_team_a_school_named_zhongxuexiao_and_a_footer_organiser() -> None:
    text = (
        "区司法局组建“藏汉双语”法治宣讲队，邀请西北师范大学附属中学校师生参加。"
        "实验中学校长王明出席。\n"
        "版权所有：彭水苗族土家族自治县人民政府　　主办：彭水苗族土家族自治县人民政府办公室\n"
    )
    x = extract(text)
    assert mentions(x, "Agency") == [
        "区司法局",
        "“藏汉双语”法治宣讲队",
        "西北师范大学附属中学校",
        "彭水苗族土家族自治县人民政府",
        "彭水苗族土家族自治县人民政府办公室",
    ]


def test_an_organ_in_a_meeting_name_without_its_term() -> None:
    x = extract("检查组形成报告，提请市十五届人大常委会第三次会议审议。会议由市人大常委会召集。")
    organisers = {(name(r.subject), r.object.norm) for r in x.relations if r.type == "organizedBy"}
    assert organisers == {("市十五届人大常委会第三次会议", "市人大常委会")}
    assert [e.norm for e in x.entities if e.type == "Agency"] == ["市人大常委会"]


def test_programmes_a_bare_jin_programme_a_quoted_jin_list_and_a_training_work() -> None:
    text = (
        "区法院将持续推进法治进校园，护航青少年成长。两个街道同步开展宪法进社区活动。"
        "区司法局持续开展宪法“进学校、进企业、进村组”活动，并检查“法律明白人”培养工作。"
    )
    x = extract(text)
    assert mentions(x, "Campaign") == [
        "法治进校园",
        "宪法“进学校、进企业、进村组”活动",
        "“法律明白人”培养工作",
    ]
    assert norms(x, "Campaign") == {
        "法治进校园",
        "宪法进学校、进企业、进村组活动",
        "法律明白人培养工作",
    }


def test_a_bare_head_convened_for_the_first_time_is_an_event() -> None:
    x = extract("6月3日，调研组召开座谈会，听取汇报。座谈会由组长李明主持。会上，王强发言。")
    assert mentions(x, "Event") == ["座谈会"]
    x = extract("6月3日，调研组召开会议，听取汇报。")
    assert mentions(x, "Event") == []
    x = extract("一、隆重举行启动仪式\n12月4日，市司法局举行2023年“宪法宣传周”启动仪式。")
    assert mentions(x, "Event") == ["2023年“宪法宣传周”启动仪式"]


def test_a_standing_meeting_named_again_after_its_sitting() -> None:
    text = (
        "3月8日，市政府召开十六届市人民政府第12次常务会议。"
        "会前，市政府常务会议开展学法活动。全年市政府常务会议学法10次。"
    )
    x = extract(text)
    sitting = next(e for e in x.entities if e.type == "Event" and "第12次" in str(e.norm))
    assert [m.surface for m in sitting.mentions] == [
        "十六届市人民政府第12次常务会议",
        "市政府常务会议",
    ]
    assert mentions(x, "Agency") == ["市政府", "市政府"]  # 召开…, 全年市政府常务会议…


def test_an_organiser_named_again_as_a_venue_and_a_law_before_jiedu() -> None:
    text = (
        "由区司法局主办、雁塔区青少年活动中心承办的法治讲座在区青少年活动中心举行。"
        "社区推送民法典解读文章20篇。"
    )
    x = extract(text)
    assert norms(x, "Agency") == {"雁塔区司法局", "雁塔区青少年活动中心"}
    assert mentions(x, "Agency")[-2:] == ["雁塔区青少年活动中心", "区青少年活动中心"]
    assert mentions(x, "Place") == []
    assert mentions(x, "Law") == []


def test_a_rank_before_a_title_word_is_no_organ() -> None:
    x = extract("员额检察官李建国担任评委，资深律师王芳作点评。")
    posts = {(r.subject.norm, r.attrs["title"], r.attrs["agency_norm"]) for r in x.relations}
    assert posts == {("李建国", "员额检察官", None), ("王芳", "资深律师", None)}


def test_an_inspection_team_is_no_inspection() -> None:
    x = extract("6月5日，副主任赵立新带领民法典执法检查组来到学校，检查组召开了座谈会。")
    assert mentions(x, "Event") == ["座谈会"]


def test_a_count_before_an_organ_head_is_no_organ() -> None:
    text = (
        "全县共有25所学校的900名学生参加，来自12所学校的选手同台，80名小学生观摩，"
        "宣讲团深入二十余所学校宣讲。某市全年出台地方性法规3部。"
    )
    x = extract(text)
    assert mentions(x, "Agency") == []
    assert mentions(x, "Quantity") == ["25所", "900名", "12所", "80名", "二十余所", "3部"]
    x = extract("五家渠市司法局开展宣传，共有8所学校参加。")  # a division's name holds a 五家
    assert mentions(x, "Agency") == ["五家渠市司法局"]


def test_a_spokesman_and_a_report_about() -> None:
    x = extract(
        "县法院新闻发言人马文华主持发布会。会议听取了县司法局局长朱立新关于全年普法工作的汇报。"
    )
    assert set(posts(x)) == {
        ("马文华", "县法院新闻发言人", "县法院"),
        ("朱立新", "县司法局局长", "县司法局"),
    }
    assert mentions(x, "Agency") == []


def test_event_names_end_at_their_head_and_start_after_their_verb() -> None:
    text = (
        "3月2日，“学习宪法 推进依法治县”法治宣传周启动仪式在县广场举行。"
        "县委党校举办全县村干部法治专题培训班。会上，县委全面依法治县委员会集体学习了民法典。"
        "要结合宪法日策划好系列宣传活动。全县学生同上一堂法治课。"
        "活动通过知识竞答、小品表演等形式进行。4月9日，“法润童心”讲故事比赛市级决赛在第三中学举行。"
        "\n巡回审判进社区。6月1日，县法院在张庄村开展巡回审判，审理一起纠纷。"
    )
    x = extract(text)
    assert mentions(x, "Event") == [
        "“学习宪法 推进依法治县”法治宣传周启动仪式",
        "全县村干部法治专题培训班",
        "“法润童心”讲故事比赛市级决赛",
        "巡回审判",
    ]
    assert "县委全面依法治县委员会" in mentions(x, "Agency")
    x = extract("5月3日，县司法局召开群众座谈会了解需求。县文化馆举办线上节目展演。")
    assert mentions(x, "Event") == ["群众座谈会", "线上节目展演"]


def test_organ_names_an_office_of_members_a_zone_and_a_district_abbreviated() -> None:
    text = (
        "来源：沙依巴克区教育局　团区委　　2022年3月1日\n\n"
        "3月1日，市委依法治市办成员单位负责人参加会议。天山区、宝山经济技术开发区设分会场。"
        "沙依巴克区司法局、沙区公安分局联合开展活动。"
    )
    x = extract(text)
    assert mentions(x, "Agency") == [
        "沙依巴克区教育局",
        "团区委",
        "市委依法治市办",
        "沙依巴克区司法局",
        "沙区公安分局",
    ]
    assert "宝山经济技术开发区" in mentions(x, "Place")


def test_a_places_fuller_name_inside_a_laws_title_is_not_its_name() -> None:
    text = "来源：某区教育局　　2022年12月09日 17:32　　宁夏\n\n区教育局宣传《宁夏回族自治区禁毒条例》。"
    x = extract(text)
    assert norms(x, "Place") == {"宁夏"}


def test_the_province_after_a_posts_time_is_a_place() -> None:
    text = "来源：某区教育局　　2022年12月09日 17:32　　宁夏\n\n12月4日，区教育局开展宪法晨读活动。"
    x = extract(text)
    assert mentions(x, "Place") == ["宁夏"]
    x = extract("来源：某区教育局　　2022年12月09日 17:32　　阅读\n\n12月4日，区教育局开展活动。")
    assert mentions(x, "Place") == []


def test_programmes_after_a_date_a_verb_or_before_xiangmu() -> None:
    text = (
        "全年发放资料2万份。4月民法典宣传月期间，县司法局开展宣讲。"
        "团县委依托“护苗行动普法车”项目，开展宣讲12场。"
        "下一步，将持续深化法治进校园工作。"
    )
    x = extract(text)
    assert mentions(x, "Campaign") == ["民法典宣传月", "护苗行动普法车", "法治进校园"]
    assert "4月" in mentions(x, "Date")


def test_places_a_market_a_numbered_village_and_no_verbs() -> None:
    text = (
        "送戏下乡进万家\n县城全年新建法治文化广场5个。来自全县的法律明白人参加培训。"
        "五里墩村村民到场。工作人员在城南农贸市场开展宣传。"
    )
    x = extract(text)
    assert mentions(x, "Place") == ["五里墩村", "城南农贸市场"]
    x = extract("工作组走进新建村开展宣传。")  # a village named 新建
    assert mentions(x, "Place") == ["新建村"]


def test_a_law_inside_a_short_quoted_name_or_before_gongyi_is_no_mention() -> None:
    x = extract("评选出“民法典小达人”30名，滚动播放宪法公益广告。讲解了“宪法是国家的根本法”。")
    laws = [m.start for e in x.entities if e.type == "Law" for m in e.mentions]
    assert laws == [30]  # the quoted sentence's 宪法 only


def test_a_youth_palace_is_an_organ_and_zhonggong_spells_the_same_committee() -> None:
    text = "市委依法治市办在市少年宫举办模拟法庭活动。\n中共长沙市委全面依法治市委员会办公室\n"
    x = extract(text)
    agencies = [[m.surface for m in e.mentions] for e in x.entities if e.type == "Agency"]
    assert agencies == [["市委依法治市办", "中共长沙市委全面依法治市委员会办公室"], ["市少年宫"]]


# Round 6 (tests/data/heldout6): names of programmes, officials, places and events.


def test_a_quoted_date_opens_an_observance_after_any_verb() -> None:
    x = extract("市场监管局围绕“3·15”国际消费者权益日开展宣传。")
    assert mentions(x, "Campaign") == ["“3·15”国际消费者权益日"]
    assert norms(x, "Campaign") == {"国际消费者权益日"}


def test_a_quoted_jin_programme_standing_bare_is_a_campaign() -> None:
    text = (
        "区长介绍了本区“法治进校园”“法治进网格”工作情况。"
        "下一步，将依托“法治进社区”等工作，深化“法律进企业”，开展“宪法进家庭”宣讲活动。"
    )
    x = extract(text)
    assert spans(x, "Campaign") == ["法律进企业", "法治进校园", "法治进社区", "法治进网格"]
    listed = extract("要深入开展“法律进社区”“法律进乡村”等活动。")  # the activities' names
    assert mentions(listed, "Campaign") == []


def test_laws_go_to_the_event_of_their_own_clause() -> None:
    text = "县司法局深化“法治进校园”；4月15日在县城广场举办国家安全集中宣传活动，宣传国家安全法。"
    x = extract(text)
    assert rels(x, "promotes") == {("国家安全集中宣传活动", "国家安全法")}


def test_a_name_before_ren_zuzhang_and_the_next_chain_stops_at_it() -> None:
    x = extract("成立普法领导小组，由局党组书记、局长赵立新任组长，副局长孙海燕任副组长。")
    assert mentions(x, "Official") == ["赵立新", "孙海燕"]
    assert ("孙海燕", "副局长", "局") in posts(x)
    assert not any(title.startswith("局长") for who, title, _ in posts(x) if who == "孙海燕")


def test_titles_that_open_a_clause_need_no_word_after_the_name() -> None:
    x = extract("各村聘请律师担任法律顾问，某某律师事务所律师、东山村法律顾问吴明远每周到村坐班。")
    assert mentions(x, "Official") == ["吴明远"]
    assert {title for _, title, _ in posts(x)} == {"某某律师事务所律师", "东山村法律顾问"}
    assert mentions(x, "Agency") == []


def test_a_quoted_part_of_an_organ_in_a_title_is_no_mention() -> None:
    x = extract("活动中，县“法律明白人”讲师团成员周丽华为居民讲解民法典。")
    assert mentions(x, "Official") == ["周丽华"]
    assert [title for _, title, _ in posts(x)] == ["县“法律明白人”讲师团成员"]


def test_a_care_centre_is_a_venue_and_some_towns_or_village_rules_are_no_places() -> None:
    text = "社区在老年人日间照料中心开展宣传。律师为群众审查村规民约20份。部分乡镇审查能力偏弱。"
    x = extract(text)
    assert mentions(x, "Place") == ["老年人日间照料中心"]


def test_a_law_before_puji_is_a_modifier_but_a_bracketed_one_is_named() -> None:
    x = extract("三是抓好宪法普及。向群众发放《民法典》普及读本500册。")
    assert mentions(x, "Law") == ["民法典"]


def test_a_law_title_right_before_an_event_head_is_in_the_event_name() -> None:
    x = extract("11月3日，县司法局举办新《行政处罚法》专题培训会，各乡镇参加。")
    assert mentions(x, "Event") == ["新《行政处罚法》专题培训会"]
    assert mentions(x, "Law") == []
    assert rels(x, "promotes") == {("新《行政处罚法》专题培训会", "中华人民共和国行政处罚法")}


def test_an_activity_against_fraud_is_held_but_the_fraud_is_no_activity() -> None:
    x = extract("5月20日，社区在文化广场开展“守护钱袋子”防范电信诈骗主题活动，60余名居民参加。")
    assert mentions(x, "Event") == ["“守护钱袋子”防范电信诈骗主题活动"]
    fought = extract("民警揭露了电信诈骗活动的常见手段。")
    assert mentions(fought, "Event") == []


def test_an_unquoted_special_action_after_a_verb_is_a_campaign() -> None:
    x = extract("街道扎实推进打击治理电信网络诈骗专项行动，开展为期三个月的整治专项行动。")
    assert mentions(x, "Campaign") == ["打击治理电信网络诈骗专项行动"]


def test_a_wechat_account_is_credited_and_a_credited_street_is_a_place() -> None:
    text = (
        "社区普法\n原创 东风街道 某区东风街道办事处 2023-05-29 17:46 发表于河北\n\n"
        + BODY
        + "来源：红旗社区\n编辑：李四\n"
    )
    x = extract(text)
    assert "某区东风街道办事处" in mentions(x, "Agency")
    assert {"东风街道", "红旗社区"} <= set(mentions(x, "Place"))
    assert norms(x, "Official") == set()


def test_a_title_bar_separates_names() -> None:
    x = extract(
        "普法进社区丨红旗社区开展民法典宣传活动\n5月20日，红旗社区在文化广场开展民法典宣传活动。"
    )
    assert mentions(x, "Place")[:2] == ["红旗社区", "红旗社区"]


def test_an_observance_series_is_the_observance_unless_the_title_names_it() -> None:
    body = "12月1日至7日，全区集中开展宪法宣传周系列活动，发放资料3000余份。"
    x = extract("某区召开普法工作会议\n" + body)
    assert mentions(x, "Campaign") == ["宪法宣传周"]
    assert mentions(x, "Event") == ["普法工作会议"]
    titled = extract("某区开展2024年“宪法宣传周”系列活动\n" + body)
    assert mentions(titled, "Event") == ["2024年“宪法宣传周”系列活动", "宪法宣传周系列活动"]


def test_an_unquoted_model_building_drive_is_a_campaign() -> None:
    text = (
        "镇里以民主法治示范村创建为抓手，县司法局持续深化民主法治示范村（社区）创建，"
        "召开示范村创建评审会。\n2.推进民主法治示范创建。"
    )
    x = extract(text)
    assert mentions(x, "Campaign") == ["民主法治示范村创建", "民主法治示范村（社区）创建"]
    assert norms(x, "Campaign") == {"民主法治示范村创建"}


def test_a_citys_court_and_market_regulator_spelled_two_ways_are_one_agency() -> None:
    text = (
        "泰州市市场监督管理局与泰州市中级人民法院联合开展宣传。"
        "市法院、市检察院、市市场监管局等单位参加。"
    )
    x = extract(text)
    agencies = {e.norm: len(e.mentions) for e in x.entities if e.type == "Agency"}
    assert agencies == {"泰州市市场监督管理局": 2, "泰州市中级人民法院": 2, "泰州市检察院": 1}


def test_a_lesson_given_is_no_named_event() -> None:
    x = extract("全年开展专题学法4次，班子成员带头讲法治课6堂。县司法局举办法治讲座。")
    assert mentions(x, "Event") == []
    named = extract("11月3日，县司法局举办宪法专题讲座。")
    assert mentions(named, "Event") == ["宪法专题讲座"]


def test_a_section_the_titles_name_is_an_agency_where_named_bare() -> None:
    text = "办公室统筹，法制宣传科牵头抓总。法制宣传科科长吴海涛带队走进企业。"
    x = extract(text)
    sections = [e for e in x.entities if e.type == "Agency" and e.norm == "法制宣传科"]
    assert [m.surface for e in sections for m in e.mentions] == ["法制宣传科"]
    assert ("吴海涛", "法制宣传科科长", "法制宣传科") in posts(x)


def test_a_long_town_name_is_also_written_without_zhen() -> None:
    text = "西柳河镇司法所在西柳河集贸市场开展宣传。让尊法守法在西柳河蔚然成风。"
    x = extract(text)
    towns = [e for e in x.entities if e.type == "Place" and e.norm == "西柳河镇"]
    assert [m.surface for e in towns for m in e.mentions] == ["西柳河"]
    short = extract("永兴镇开展宣传，永兴人民踊跃参与。")  # two characters: too common a word
    assert mentions(short, "Place") == ["永兴镇"]


def test_a_rate_or_a_target_is_no_count() -> None:
    x = extract("社区每月至少开展2次法治讲座，力争每年接待群众不少于5000人次。今年已开展讲座12场。")
    assert mentions(x, "Quantity") == ["12场"]


def test_a_programme_takes_no_law_across_a_semicolon() -> None:
    text = "会议要求，要深入贯彻实施宪法和民法典；要持续深化民主法治示范村创建，全面推行公示制度。"
    x = extract(text)
    assert mentions(x, "Campaign") == ["民主法治示范村创建"]
    assert not {obj for subj, obj in rels(x, "promotes") if subj == "民主法治示范村创建"}


def test_a_quoted_activity_carried_to_three_listed_places_is_a_programme() -> None:
    x = extract("县司法局深入东城区、西城区、南湖县开展“法律进企业”活动，为120家企业提供指导。")
    assert mentions(x, "Campaign") == ["“法律进企业”活动"]
    assert mentions(x, "Event") == []
    once = extract("5月8日，县司法局走进东城社区开展“法律进社区”活动。")
    assert mentions(once, "Event") == ["“法律进社区”活动"]


def test_a_dotted_transliterated_name_is_an_official() -> None:
    x = extract("4月2日，县委常委、统战部部长买买提·吐尔逊，县司法局局长马林到现场指导。")
    assert norms(x, "Official") == {"买买提·吐尔逊", "马林"}
    assert ("买买提·吐尔逊", "统战部部长", "县委统战部") in posts(x)
    assert mentions(x, "Agency") == []  # 县委 is inside the title string


def test_a_count_right_after_a_name_ends_it() -> None:
    x = extract("市司法局局长周红、市人民检察院副检察长郑凯2名新任人员进行宣誓。")
    assert norms(x, "Official") == {"周红", "郑凯"}
    assert mentions(x, "Agency") == []


def test_assistants_are_titles() -> None:
    x = extract("员额检察官吴芳和检察官助理钱一凡先后走进3所学校。")
    assert norms(x, "Official") == {"吴芳", "钱一凡"}


def test_he_and_yu_inside_an_organ_name_stay_in_the_title() -> None:
    x = extract("会上，省司法局普法与依法治理处处长陆平，市发展和改革委员会主任范伟作交流发言。")
    assert posts(x) == [
        ("陆平", "省司法局普法与依法治理处处长", "省司法局普法与依法治理处"),
        ("范伟", "市发展和改革委员会主任", "市发展和改革委员会"),
    ]
    assert mentions(x, "Agency") == []


def test_a_title_does_not_reach_back_over_de() -> None:
    x = extract("经县人大常委会会议任命的县教育局局长孔明进行宪法宣誓。")
    assert posts(x) == [("孔明", "县教育局局长", "县教育局")]


def test_a_known_full_name_opening_a_clause_is_a_mention() -> None:
    x = extract("3月1日，县长丁海峰出席会议并讲话。会后，丁海峰勉励干部依法履职。")
    assert mentions(x, "Official") == ["丁海峰", "丁海峰"]


def test_a_city_named_without_shi_resolves_the_shi_organs() -> None:
    x = extract(
        "来源：汉中日报\n3月2日，市委理论学习中心组举行集体学习，学习《陕西省优化营商环境条例》。"
        "市委书记方华主持会议。会议要求，为谱写中国式现代化建设的汉中篇章提供法治保障。"
    )
    assert "汉中市委理论学习中心组" in norms(x, "Agency")
    assert posts(x) == [("方华", "市委书记", "汉中市委")]
    assert "汉中" not in mentions(x, "Place")  # 汉中篇章: a slogan


def test_an_autonomous_county_is_written_short() -> None:
    text = (
        "4月3日，察布查尔县司法局联合县公安局在全县开展宣传，"
        "察县司法局干部走进察布查尔县第二中学授课。"
        "县司法局发放资料200份。"
    )
    x = extract(text)
    assert "察布查尔锡伯自治县司法局" in norms(x, "Agency")
    bureau = [e for e in x.entities if e.norm == "察布查尔锡伯自治县司法局"]
    assert [m.surface for m in bureau[0].mentions] == ["察布查尔县司法局", "察县司法局", "县司法局"]
    assert "察布查尔县第二中学" in norms(x, "Agency")  # written once so: the norm as written


def test_places_after_a_date_and_villages_after_their_towns() -> None:
    x = extract(
        "5月8日正值新城镇集贸市场赶集日，志愿者设摊宣传。随后在大青沟镇上游沟村、"
        "红旗满族乡下营子村，为培训村组干部讲课。检查组在市会议中心召开汇报会，"
        "又在白沙市东湖化工园察看安全生产。"
    )
    assert spans(x, "Place") == sorted(
        [
            "新城镇集贸市场",
            "大青沟镇上游沟村",
            "红旗满族乡下营子村",
            "市会议中心",
            "白沙市东湖化工园",
        ]
    )
    assert mentions(x, "Agency") == []  # 市会议中心 where a meeting is held: a venue


def test_names_that_open_with_a_numeral_and_counts_of_places() -> None:
    x = extract(
        "4月9日，红河街道、六塘镇、万达广场和三江坝区物流园设点宣传，覆盖全区5个镇、20个社区。"
    )
    assert spans(x, "Place") == sorted(["红河街道", "六塘镇", "万达广场", "三江坝区物流园"])


def test_tiaochu_is_a_verb_not_an_organ_head() -> None:
    x = extract("今年以来，平安县东城镇司法所调处矛盾纠纷80余件。")
    assert mentions(x, "Agency") == ["平安县东城镇司法所"]


def test_a_town_short_name_in_an_account_name_is_no_place() -> None:
    x = extract("3月2日，大民屯镇开展普法宣传，在大民屯蔚然成风。\n\n关注我们\n大民屯司法行政\n")
    assert mentions(x, "Place") == ["大民屯镇", "大民屯"]


def test_tours_carried_on_activities_and_qijin_drives_are_campaigns() -> None:
    x = extract(
        "3月起，县法院在全县开展“法润童心”法官巡回宣讲活动，先后走进5所学校。"
        "下一步，县法院将持续深化“法治进社区”活动，持续开展“法律七进”活动。"
        "请各单位将本单位宪法宣传周活动开展情况于12月10日前报送。"
    )
    assert spans(x, "Campaign") == sorted(
        ["“法润童心”法官巡回宣讲活动", "“法治进社区”活动", "“法律七进”活动", "宪法宣传周"]
    )
    assert {"法润童心法官巡回宣讲活动", "法治进社区", "法律七进"} <= norms(x, "Campaign")
    assert mentions(x, "Event") == []


def test_feedback_meetings_inquiries_and_finals_held_at_a_venue() -> None:
    x = extract(
        "5月9日，市人大常委会执法检查组召开反馈会。下一步，常委会将听取报告，并开展专题询问。"
        "6月2日，演讲比赛决赛在市图书馆报告厅举行。"
        "7月1日，县委中心组举行第三次集体学习暨专题学法会。"
    )
    assert spans(x, "Event") == sorted(
        ["反馈会", "专题询问", "演讲比赛决赛", "第三次集体学习暨专题学法会"]
    )


def test_a_document_number_names_nothing_and_a_newspaper_is_an_agency() -> None:
    text = (
        "来源：汉中日报　　发布时间：2024-03-05\n\n汉中委法办〔2024〕7号\n\n"
        "各县区：\n根据汉委办〔2023〕3号文件要求，市司法局开展宣传。\n\n汉中日报社版权所有\n"
    )
    assert "汉中委法办〔2024〕7号" in noisy(text)
    x = extract(text)
    assert mentions(x, "Agency") == ["汉中日报", "汉中日报社", "市司法局"]
    assert next(e.norm for e in x.entities if e.type == "Agency") == "汉中日报社"


def test_a_field_before_a_quoted_programme_is_part_of_its_name() -> None:
    x = extract(
        "去年以来，市交通局牵头开展道路运输“清源护航”专项行动，又在全市开展全市“春风”行动。"
    )
    assert spans(x, "Campaign") == ["“春风”行动", "道路运输“清源护航”专项行动"]
    assert norms(x, "Campaign") == {"道路运输清源护航专项行动", "春风行动"}


def test_a_title_joining_an_observance_and_a_list_is_one_event() -> None:
    x = extract(
        "县司法局开展“12·4”国家宪法日暨扫黑、反邪普法宣传活动\n12月4日，县司法局在广场设点。"
    )
    assert mentions(x, "Event") == ["“12·4”国家宪法日暨扫黑、反邪普法宣传活动"]


def test_a_lecture_with_a_quoted_theme_after_zuo_and_a_round_of_a_named_contest() -> None:
    x = extract(
        "5月8日，检察官李华在睢宁县第二中学作“网络安全与未成年人保护”专题讲座。"
        "全区开展“法在身边”法治知识竞赛。12月3日，知识竞赛决赛在区委党校报告厅举行。"
    )
    events = mentions(x, "Event")
    assert "“网络安全与未成年人保护”专题讲座" in events
    assert "知识竞赛决赛" in events
    assert "睢宁县第二中学" in mentions(x, "Agency")


def test_a_day_alone_takes_the_month_before_and_qunian_yilai_sets_no_year() -> None:
    x = extract(
        "2023年5月10日，检查组召开汇报会。去年以来，县应急局检查企业300余家。"
        "11日上午，检查组走访企业。7月，常委会将听取报告。"
    )
    assert {"2023-05-11", "2023-07"} <= norms(x, "Date")
    assert mentions(x, "Date")[1] == "11日"


def test_the_study_groups_of_all_levels_are_not_the_city_s() -> None:
    x = extract(
        "推动各级党委（党组）理论学习中心组开展集体学法120次。"
        "3月5日，市委理论学习中心组举办专题学法讲座。"
    )
    assert mentions(x, "Agency") == ["市委理论学习中心组"]


def test_a_kind_of_venue_after_de_is_no_name() -> None:
    x = extract("新建的东湖法治文化公园是全县首个以民法典为主题的法治文化公园。")
    assert mentions(x, "Place") == ["东湖法治文化公园"]


def test_where_a_place_lies_is_no_organ() -> None:
    x = extract("丰县地处徐州市西北部，县城位于省会中心城区以北。要让普法知识真正进学校、进社区。")
    assert mentions(x, "Agency") == []
    assert spans(x, "Place") == ["丰县", "徐州市"]


def test_a_declared_short_name_is_the_organ_s_whole_name() -> None:
    x = extract(
        "丰县安全生产委员会（以下简称“县安委会”）统筹全县工作。6月1日，启动仪式由县安委会主办。"
    )
    organs = [e for e in x.entities if e.type == "Agency"]
    assert [(e.norm, [m.surface for m in e.mentions]) for e in organs] == [
        ("丰县安全生产委员会", ["丰县安全生产委员会", "县安委会", "县安委会"])
    ]


def test_events_a_caption_shows_a_list_holds_and_a_speech_at_a_meeting_are_none() -> None:
    x = extract(
        "3月2日，县委理论学习中心组举行2023年第二次专题学习会。省委党校教授王某作专题辅导报告。"
        "全年开展了一系列普法宣传和矛盾排查活动，抽查了部分校外培训机构。\n"
        "（图为民警在校园开展法治讲座）\n"
    )
    assert mentions(x, "Event") == ["2023年第二次专题学习会"]
    assert ("王某", "2023年第二次专题学习会") in rels(x, "spokeAt")


def test_a_caption_names_the_event_the_body_reports() -> None:
    x = extract("12月4日，县司法局举行宪法宣誓仪式。\n（图为宪法宣誓仪式现场）\n")
    assert mentions(x, "Event") == ["宪法宣誓仪式", "宪法宣誓仪式"]


def test_a_town_listed_after_towns_is_named_though_it_opens_with_a_numeral() -> None:
    x = extract("丰县在华山镇、欢口镇、三河镇等乡镇设立工作站，聘请村里的调解员。")
    assert spans(x, "Place") == ["三河镇", "丰县", "华山镇", "欢口镇"]


def test_an_office_moved_into_a_public_centre_is_two_organs() -> None:
    x = extract("丰县司法局报告。县法律援助中心整体进驻县公共法律服务中心，设立窗口。")
    assert mentions(x, "Agency") == ["丰县司法局", "县法律援助中心", "县公共法律服务中心"]


def test_a_village_s_legal_liaison_is_an_official_and_the_village_a_place() -> None:
    x = extract(
        "丰县司法局报告。东湖村党支部副书记、法律明白人王小林用方言讲解案例。"
        "西岗村法律明白人李秀兰主动调解纠纷。培训村干部和“法律明白人”80余人。"
    )
    assert spans(x, "Official") == ["李秀兰", "王小林"]
    assert spans(x, "Place") == ["西岗村"]
    assert ("李秀兰", "西岗村法律明白人", None) in posts(x)


def test_a_declared_short_name_of_two_characters_is_no_mention_everywhere() -> None:
    x = extract("丰县公共法律服务中心（以下简称“中心”）设有窗口5个。中心全年接待群众2000余人次。")
    assert mentions(x, "Agency") == ["丰县公共法律服务中心"]


def test_a_role_as_a_bare_subject_names_no_one() -> None:
    x = extract("丰县司法局开展培训。法律明白人张贴宣传画200余张。辅导员高度重视，走村入户。")
    assert mentions(x, "Official") == []


def test_a_village_leader_s_post_keeps_the_village_as_its_organ() -> None:
    x = extract("丰县司法局开展培训。东湖村主任王小明出席。")
    assert mentions(x, "Place") == []
    assert posts(x) == [("王小明", "东湖村主任", "东湖村")]


def test_a_mediation_committee_s_short_name_and_a_listed_town_s_committee() -> None:
    x = extract(
        "会上，城关镇司法所、青石乡人民调解委员会、红岩乡调委会作交流发言。"
        "其中城关镇西街村调委会调处纠纷12件。"
    )
    assert {"青石乡人民调解委员会", "红岩乡调委会", "城关镇西街村调委会"} <= set(
        mentions(x, "Agency")
    )


def test_a_town_listed_after_a_comma_keeps_its_first_character() -> None:
    x = extract("宣讲团先后走进林溪镇、良口乡、同乐苗族乡等乡镇开展宣讲。")
    assert "同乐苗族乡" in mentions(x, "Place")


def test_hours_counted_a_percentage_point_and_a_count_of_quoted_things() -> None:
    x = extract(
        "志愿者累计服务近600小时，开通24小时服务热线。会议对20个“示范调解室”进行表彰，"
        "案件占比下降4.1个百分点，着力抓好三个“一批”。"
    )
    assert sorted(mentions(x, "Quantity")) == ["20个", "近600小时"]


def test_a_quoted_drive_of_visits_run_over_a_period_is_a_programme() -> None:
    x = extract(
        "南湖区“公证服务进社区”活动成效明显\n\n"
        "今年以来，南湖区司法局开展“公证服务进社区”活动，组建公证服务队，上门服务群众。\n"
        "5月6日，县司法局走进城东社区，开展“法律援助进社区”活动，解答群众咨询。"
    )
    assert mentions(x, "Campaign") == ["“公证服务进社区”活动", "“公证服务进社区”活动"]
    assert "南湖区" in mentions(x, "Place")
    assert "“法律援助进社区”活动" in mentions(x, "Event")  # one visit to one site: an event


def test_a_shortened_repeat_of_an_event_is_its_anaphor_not_a_new_event() -> None:
    x = extract(
        "7月10日上午，读书会开幕仪式在县图书馆举行。县文化局局长张明主持开幕仪式。\n"
        "（图为开幕仪式现场）\n"
    )
    events = [e for e in to_dict(x)["entities"] if e["type"] == "Event"]
    assert len(events) == 1  # the caption's mention is written, the repeat in the body is not
    assert [m["text"] for m in events[0]["mentions"]] == ["读书会开幕仪式", "开幕仪式"]
    assert events[0]["mentions"][1]["start"] > x.text.index("现场") - 10
    assert ("张明", "读书会开幕仪式") in rels(x, "chaired")


def test_a_caption_that_credits_its_photographer_still_names_its_event() -> None:
    text = "12月4日，县人大常委会举行宪法宣誓仪式。\n\n（图为宪法宣誓仪式现场。摄影：王五）\n"
    assert noisy(text) == []
    assert mentions(extract(text), "Event") == ["宪法宣誓仪式", "宪法宣誓仪式"]
    assert noisy("县司法局开展普法宣传。\n（通讯员 王五 摄影）\n") == ["（通讯员 王五 摄影）"]


def test_the_first_session_of_a_tour_held_at_a_venue_is_an_event() -> None:
    x = extract(
        "县司法局组织开展法治巡回宣讲。5月8日上午，首场宣讲会在城关镇文化广场举行，"
        "副县长李明出席并讲话。首场宣讲内容丰富。"
    )
    assert mentions(x, "Event") == ["首场宣讲会"]
    assert ("李明", "首场宣讲会") in rels(x, "spokeAt")


def test_a_day_alone_of_the_range_just_given_is_in_its_month() -> None:
    x = extract("2023年5月10日至11日，县人大常委会举行会议。11日下午，会议举行宪法宣誓仪式。")
    assert "2023-05-11" in norms(x, "Date")


def test_a_quoted_lesson_taught_is_an_event_but_not_one_toured() -> None:
    x = extract(
        "7月5日上午，县法院副院长张华为学员们讲授“法治第一课”，讲解了民法典。\n"
        "民警走进城南小学、城北小学等学校，讲授“开学第一课”，覆盖师生2000余人。"
    )
    assert mentions(x, "Event") == ["法治第一课"]
    assert ("张华", "法治第一课") in rels(x, "spokeAt")


def test_the_account_of_a_wechat_header_without_original_mark_is_credited() -> None:
    text = "县司法局开展普法宣传\n安平县司法局　2022-11-18 17:06　发表于河北\n\n" + BODY
    assert "安平县司法局" in mentions(extract(text), "Agency")


def test_a_tower_or_a_financial_centre_a_meeting_is_held_in_is_a_place() -> None:
    x = extract("5月9日，县律师协会在滨江国际金融中心召开座谈会。6月1日，座谈会在华联大厦举行。")
    assert {"滨江国际金融中心", "华联大厦"} <= set(mentions(x, "Place"))
    assert "滨江国际金融中心" not in mentions(x, "Agency")


def test_sitting_in_on_a_trial_names_the_court_not_an_event() -> None:
    x = extract("营期内，学员们走进平安区人民法院少年法庭旁听模拟庭审，参观法治教育基地。")
    assert "平安区人民法院少年法庭" in mentions(x, "Agency")
    assert mentions(x, "Event") == []


def test_the_assessment_a_notice_reports_on_is_an_event() -> None:
    x = extract(
        "关于2022年度全县依法行政考核情况的通报\n\n"
        "县依法治县办于2023年2月对全县28个单位进行了考核，其中优秀单位6个。"
    )
    assert mentions(x, "Event") == ["2022年度全县依法行政考核"]
    assert "2022" not in norms(x, "Date")


def test_a_classroom_moved_to_the_fields_is_a_figure_of_speech() -> None:
    x = extract("宣讲队走进茶园，把“普法课堂”搬到田间地头。县里还开设了乡村“法治大讲堂”。")
    assert mentions(x, "Campaign") == ["乡村“法治大讲堂”"]


def test_a_drum_tower_is_a_venue_and_a_market_one_expands_into_is_none() -> None:
    x = extract(
        "宣讲队来到高定村，在寨子中的五柱鼓楼前设立咨询台。企业在开拓中亚市场过程中遇到法律风险。"
    )
    places = mentions(x, "Place")
    assert "五柱鼓楼" in places
    assert not any(p.endswith("市场") for p in places)


def test_the_short_name_of_the_law_publicity_office_is_that_office() -> None:
    x = extract("平乡县守法普法协调小组办公室印发通知。县普法办对各单位进行了考核。")
    assert norms(x, "Agency") == {"平乡县守法普法协调小组办公室"}


def test_a_title_s_column_tag_it_repeats_in_full_is_no_event() -> None:
    x = extract(
        "普法夏令营｜平安区2023年青少年普法夏令营开营\n\n7月10日，平安区2023年青少年普法夏令营开营。"
    )
    assert mentions(x, "Event") == ["平安区2023年青少年普法夏令营", "平安区2023年青少年普法夏令营"]


def test_a_lead_that_names_the_title_s_event_keeps_the_session_before_it_apart() -> None:
    x = extract(
        "县人大常委会举行宪法宣誓仪式\n\n"
        "县第十八届人民代表大会常务委员会第九次会议于5月10日至11日举行。11日下午，"
        "县人大常委会举行宪法宣誓仪式，主任王明监誓。\n"
    )
    events = [e for e in x.entities if e.type == "Event" and e.mentions]
    assert len(events) == 2
