"""The recognisers one by one, on the expressions of the genre that give them trouble."""

from __future__ import annotations

import pytest
from extracted import mentions, spans

from lawgraph.extract import extract
from lawgraph.extract.dates import find_dates, norm, nth_observance_years
from lawgraph.extract.laws import find_laws
from lawgraph.extract.numerals import chinese_to_int, number_value
from lawgraph.extract.page import Page
from lawgraph.extract.quantities import find_quantities


@pytest.mark.parametrize(
    ("numeral", "value"), [("一百五十", 150), ("千", 1000), ("两千三百", 2300), ("十二", 12)]
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_to_int(numeral) == value


def test_numbers_with_multipliers() -> None:
    assert number_value("6.5", "万") == 65000
    assert number_value("1,788") == 1788


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年12月9日，", "2019-12-09"),
        ("12月1日至7日，", "2020-12-01/2020-12-07"),
        ("12月1日-12月7日", "2020-12-01/2020-12-07"),
        ("2021—2025年", "2021/2025"),
        ("2020年1至6月", "2020-01/2020-06"),
        ("发布时间：2021-03-29 10:20", "2021-03-29"),
        ("截止5月末", "2020-05"),
    ],
)
def test_dates(text: str, expected: str) -> None:
    (d,) = find_dates(text)
    assert norm(d, 2020) == expected


def test_observance_ordinals_give_years() -> None:
    assert [y for *_, y in nth_observance_years("第八个国家宪法日，第五个“宪法宣传周”")] == [
        2021,
        2022,
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("发放资料6.5万份", 65000, "份", "exact"),
        ("悬挂条幅千余条", 1000, "条", "over"),
        ("接受咨询近8600余人次", 8600, "人次", "approx"),
        ("开展宣讲一百五十余场次", 150, "场次", "over"),
        ("不少于3000场", 3000, "场", "over"),
        ("追回欠薪860余万元", 8600000, "元", "over"),
        ("约5.6万人次", 56000, "人次", "approx"),
    ],
)
def test_quantities(text: str, value: float, unit: str, qualifier: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "围绕七个主题",
        "第一次会议",
        "一次集中宣传",
        "数万人",
        "4个方面",
        "12月4日",
        "坚持“三位一体”工作格局",
        "修订后共7章52条",
        "全法共十章八十条",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_laws_refer_or_modify() -> None:
    text = "学习宪法精神，宣传宪法和法律，《宪法》，宪法宣传周，学习民法典，民法典宣讲，宣传教育法治，《婚姻法》以及婚姻法"
    found, _titles, hints = find_laws(text)
    assert [(text[x.start : x.end], x.title) for x in found] == [
        ("宪法", "中华人民共和国宪法"),
        ("宪法", "中华人民共和国宪法"),
        ("民法典", "中华人民共和国民法典"),
        ("婚姻法", "中华人民共和国婚姻法"),
        ("婚姻法", "中华人民共和国婚姻法"),
    ]
    # topics (宪法宣传…, 民法典宣讲); the pipeline drops the one inside the campaign's name
    assert [text[h.start : h.end] for h in hints] == ["宪法", "民法典"]


def test_a_list_of_short_names_is_a_list_of_laws() -> None:
    text = "新法施行后，收养法、担保法、民法通则同时废止。干部要带头学法、守法、用法，总结好方法、做法、办法。"
    found, _titles, _ = find_laws(text)
    assert [(text[x.start : x.end], x.title) for x in found] == [
        ("收养法", "中华人民共和国收养法"),
        ("担保法", "中华人民共和国担保法"),
        ("民法通则", "中华人民共和国民法通则"),
    ]


def test_policy_titles_are_documents() -> None:
    found, titles, _ = find_laws(
        "印发《2020年全市普法依法治理工作要点》和《辽宁省法治宣传教育条例》"
    )
    assert [t.title for t in titles] == ["2020年全市普法依法治理工作要点"]
    assert [(f.title, f.listed) for f in found] == [("辽宁省法治宣传教育条例", False)]


def test_captions_titles_and_furniture_are_noise() -> None:
    text = "标题\n\n正文第一段。\n\n现场(1)\n\n现场(2)\n\n点击蓝字 关注我们\n来源 | 某某\n分享\n"
    page = Page(text)
    noisy = {text[ln.start : ln.end] for ln in page.lines if ln.noise and ln.end > ln.start}
    assert noisy == {"现场(1)", "现场(2)", "点击蓝字 关注我们", "来源 | 某某", "分享"}


def norms(text: str, type_: str) -> set[object]:
    return {e.norm for e in extract(text).entities if e.type == type_ and not e.implicit}


def test_agencies_take_the_named_jurisdiction() -> None:
    text = (
        "平江县2020年普法工作总结。4月16日，县司法局联合县妇联在天岳广场开展宣传活动。各部门参加。"
    )
    assert norms(text, "Agency") == {"平江县司法局", "平江县妇联"}
    # a city never named keeps its level word
    assert norms("12月4日，市司法局举办宪法宣传活动。", "Agency") == {"市司法局"}


def test_title_chains_split_into_posts() -> None:
    x = extract("抚顺市委常委、宣传部长、守法普法协调小组组长戴小梅出席会议并讲话。")
    posts = [
        (r.attrs["title"], r.attrs["agency_norm"]) for r in x.relations if r.type == "holdsPosition"
    ]
    assert posts[:2] == [("抚顺市委常委", "抚顺市委"), ("宣传部长", "抚顺市委宣传部")]
    assert [e.norm for e in x.entities if e.type == "Official"] == ["戴小梅"]


def test_campaign_norms() -> None:
    text = "2021年12月4日是第八个国家宪法日，也是第四个“宪法宣传周”。全面启动“八五”普法。"
    assert norms(text, "Campaign") == {"国家宪法日(2021)", "宪法宣传周(2021)", "八五普法"}


def test_slogans_and_themes_name_nothing() -> None:
    text = "2021年，灵川县以“宪法伴我行，法治进万家”为主题，建设法治灵川。"
    assert norms(text, "Place") == {"灵川县"}
    assert norms(text, "Law") == set()


def test_deputies_are_people_not_their_congress() -> None:
    text = "平江县法院举办开放日，邀请县人大代表、政协委员和群众代表参加。县人大代表周丽华发言。"
    assert norms(text, "Agency") == {"平江县法院"}
    assert norms(text, "Official") == {"周丽华"}
    # the deputies' suggestions are the congress's business: there it is named
    assert norms("平江县政府办理县人大代表建议30件。", "Agency") == {"平江县政府", "平江县人大"}


def test_academic_titles_and_given_names_with_zi() -> None:
    text = "湖南大学法学院教授、博士生导师陈雅琴作报告，由县司法局副局长刘子航主持。"
    assert norms(text, "Official") == {"陈雅琴", "刘子航"}


def test_padded_names_and_a_space_after_the_title() -> None:
    """Two-character names padded to three (王　强, 李  明), as pasted documents and name lists
    write them, and a caption's space between title and name: the norm has no spaces, the
    mention is the text's own."""
    text = "市委常委、政法委书记王　强出席并讲话，县司法局局长李  明主持。图为副县长 赵雪梅 致辞。"
    x = extract(text)
    officials = {
        e.norm: [m.surface for m in e.mentions] for e in x.entities if e.type == "Official"
    }
    assert officials == {"王强": ["王　强"], "李明": ["李  明"], "赵雪梅": ["赵雪梅"]}
    titles = {(r.subject.norm, r.attrs["title"]) for r in x.relations if r.type == "holdsPosition"}
    assert titles >= {("王强", "政法委书记"), ("李明", "县司法局局长"), ("赵雪梅", "副县长")}
    # a padded pair that is no name (no surname), and a space before a word that is none
    assert norms("县长　会见了来访群众，局长 一行到场。", "Official") == set()


def test_the_city_named_short_is_the_place_over_a_county_named_in_full() -> None:
    """A city's report that writes the city only short (榆林, in its title and account) and
    names one of its county-level cities in full: the city is the place, and 市保密局 its."""
    text = (
        "榆林召开保密法宣传教育推进会\n榆林保密  2024-05-10 18:30\n"
        "5月9日，市保密局召开全市保密法宣传教育推进会，神木市保密局获一等奖。"
        "会议部署了下一步工作，紧紧围绕“平安榆林”建设总体部署推进。"
    )
    x = extract(text)
    assert x.place is not None and x.place.name == "榆林市"
    assert norms(text, "Agency") == {"榆林市保密局", "神木市保密局"}


def test_a_declared_short_name_is_the_organ_it_stands_for() -> None:
    """（以下简称“区应急局”）: the short name's mentions and the posts it names are the organ's,
    though the short name is no abbreviation the rules know (应急局 for 应急管理局); the post keeps
    its title's form (a title holds no mention)."""
    x = extract(
        "路北区安全生产月启动\n唐山市路北区应急管理局（以下简称“区应急局”）6月1日启动安全生产月。"
        "区应急局局长张立军讲话。随后区应急局组织了培训。"
    )
    agencies = [e for e in x.entities if e.type == "Agency"]
    assert [(e.norm, [m.surface for m in e.mentions]) for e in agencies] == [
        ("唐山市路北区应急管理局", ["唐山市路北区应急管理局", "区应急局", "区应急局"])
    ]
    (post,) = [r for r in x.relations if r.type == "holdsPosition"]
    assert post.attrs["agency"] is agencies[0] and post.attrs["agency_norm"] == "路北区应急局"


def test_a_district_whose_name_opens_with_a_level_word() -> None:
    """市南区, 市中区, 镇海区: their 市/镇 is no level word to prefix with the report's city."""
    text = "青岛市市南区司法局举办座谈会。市南区司法局局长王强主持。"
    x = extract(text)
    assert norms(text, "Agency") == {"青岛市市南区司法局"}
    (post,) = [r for r in x.relations if r.type == "holdsPosition"]
    assert post.attrs["agency_norm"] == "青岛市市南区司法局"
    assert x.juris.facts_name("市南区司法局")[0] == "青岛市市南区司法局"
    assert x.juris.facts_name("市司法局")[0] == "青岛市司法局"
    # written only so, its norm is as written: no prefix to add to a name opening with no level word
    text = "青岛市市南区司法局报道。市南区律师协会召开座谈会，区司法局局长王强出席。"
    assert norms(text, "Agency") == {"青岛市市南区司法局", "市南区律师协会"}


def test_titles_of_the_professions_and_names_with_a_function_word_inside() -> None:
    """A partner or a mediator is titled (高级合伙人, 人民调解员); 向/和/为 inside a name of three
    (李向东, 王和平) are name characters; a grade word ends no organ (禁毒办专职副主任 → 禁毒办)."""
    text = (
        "县政府副县长、县公安局局长李向东出席。某律师事务所高级合伙人陈思远作解读，"
        "人民调解员王和平介绍经验，县禁毒办专职副主任赵雪梅主持。"
    )
    x = extract(text)
    posts = {
        (r.subject.norm, r.attrs["title"], r.attrs["agency_norm"])
        for r in x.relations
        if r.type == "holdsPosition"
    }
    assert {o for o, _t, _a in posts} == {"李向东", "陈思远", "王和平", "赵雪梅"}
    assert ("陈思远", "某律师事务所高级合伙人", "某律师事务所") in posts
    assert ("赵雪梅", "县禁毒办专职副主任", "县禁毒办") in posts
    # a function word inside a run of characters that no boundary closes is still no name
    assert norms("局长李向群众讲解法律。", "Official") == set()


def test_names_sharing_titles_before_the_next_persons_title() -> None:
    text = "市人大常委会副主任林振华、周晓燕，秘书长吴国庆出席。"
    x = extract(text)
    posts = {(r.subject.norm, r.attrs["title"]) for r in x.relations if r.type == "holdsPosition"}
    assert posts == {
        ("林振华", "市人大常委会副主任"),
        ("周晓燕", "市人大常委会副主任"),
        ("吴国庆", "秘书长"),
    }
    # a name with a title of its own after it is no part of the list
    assert norms("副市长覃丽娟、莫振宇局长出席。", "Official") == {"覃丽娟"}


def test_a_quoted_activity_carried_on_in_depth_is_a_programme() -> None:
    text = "市南区深入开展“涉外法律服务进企业”活动，共走访企业56家。"
    assert norms(text, "Campaign") == {"涉外法律服务进企业"}
    assert norms(text, "Event") == set()
    # held once, at a school: an event
    text = "12月4日，县司法局在城关小学开展“宪法进校园”活动。"
    assert norms(text, "Campaign") == set()


def test_tibetan_names_after_their_titles() -> None:
    text = "市委常委、政法委书记次仁多吉出席并讲话，市司法局局长达瓦次仁主持。"
    assert norms(text, "Official") == {"次仁多吉", "达瓦次仁"}
    # the syllables of those names in Chinese words after a title are no name
    assert norms("市委书记强调，要加强平安建设。局长多次强调依法行政。", "Official") == set()


def test_an_autonomous_prefectures_organs_by_its_level_word() -> None:
    text = "延边朝鲜族自治州司法局开展普法活动。州司法局联合州普法讲师团深入边境村屯宣讲。"
    assert norms(text, "Agency") == {"延边朝鲜族自治州司法局", "延边朝鲜族自治州普法讲师团"}


def test_an_event_named_with_its_year_after_a_comma() -> None:
    text = "3月5日，2024年全县人民调解工作会议在县委党校召开。"
    assert norms(text, "Event") == {"2024年全县人民调解工作会议"}


def test_full_width_digits_read_as_ascii_ones() -> None:
    x = extract(
        "发布时间：２０２２年１２月６日\n１２月４日，县司法局开展宪法宣传活动，发放资料６.５万份。"
    )
    assert norms(x.text, "Date") >= {"2022-12-06", "2022-12-04"}
    assert x.doc_year == 2022
    assert {m.surface for e in x.entities for m in e.mentions if e.type == "Date"} >= {"１２月４日"}


def test_a_year_since_inside_a_clause_sets_no_year() -> None:
    text = (
        "平江县2023年上半年普法工作总结\n\n县司法局对2019年以来命名的示范村开展复核。"
        "5月6日，县司法局举办培训班。"
    )
    assert "2023-05-06" in norms(text, "Date")


def test_figures_of_speech_and_fixed_terms_are_no_counts() -> None:
    text = "开展法律进万家活动，县四套班子领导出席，全县56个人民调解委员会、万余名调解员参加，发放资料2万份。"
    assert [(q.value, q.unit, q.qualifier) for q in find_quantities(text)] == [
        (56, "个", "exact"),
        (10000, "名", "over"),
        (20000, "份", "exact"),
    ]


def test_a_joining_verb_is_no_county_and_a_towns_he_is_no_and() -> None:
    text = "平江县司法局会同县民政局开展复核。5月6日，法律服务队走进安和镇白沙村。"
    assert norms(text, "Agency") >= {"平江县司法局", "平江县民政局"}
    assert norms(text, "Place") >= {"安和镇白沙村"}
    assert "会同县" not in {str(n)[-3:] for n in norms(text, "Place")}
    assert "湖南省怀化市会同县" in norms("湖南省怀化市会同县司法局开展宣传。", "Place")


def test_a_quoted_lecture_series_is_a_campaign() -> None:
    text = "平江县司法局以田间“普法大讲堂”为载体，在12个村巡回开展“普法大讲堂”。"
    camps = [e for e in extract(text).entities if e.type == "Campaign"]
    spans = [text[m.start : m.end] for c in camps for m in c.mentions]
    assert sorted(spans) == ["普法大讲堂", "田间“普法大讲堂”"]
    assert not [e for e in extract(text).entities if e.type == "Event"]


def test_what_the_law_fights_and_arrangements_are_no_events() -> None:
    text = (
        "12月3日，县司法局在县委党校举办国家安全专题讲座，提醒群众警惕境外间谍情报活动和电信诈骗活动。"
        "县法院结合宪法宣传周活动安排，举办公众开放日活动。"
    )
    names = {
        text[m.start : m.end]
        for e in extract(text).entities
        if e.type == "Event"
        for m in e.mentions
    }
    assert names == {"国家安全专题讲座", "公众开放日活动"}


def test_a_theme_named_as_this_theme_names_nothing() -> None:
    text = "平江县司法局围绕“学习宪法 尊崇宪法”这一主题，向群众宣传宪法。"
    spans = [
        text[m.start : m.end] for e in extract(text).entities if e.type == "Law" for m in e.mentions
    ]
    assert spans == ["宪法"]
    assert [m.start for e in extract(text).entities if e.type == "Law" for m in e.mentions] == [
        text.rindex("宪法")
    ]


def test_a_numbered_group_study_is_a_meeting() -> None:
    text = "5月6日，平江县委理论学习中心组开展2022年第三次集体学习，专题学习民法典。"
    ents = extract(text).entities
    assert [text[m.start : m.end] for e in ents if e.type == "Event" for m in e.mentions] == [
        "2022年第三次集体学习"
    ]
    assert "2022" not in norms(text, "Date")


def test_a_schools_own_committee_and_a_numbered_courtroom() -> None:
    text = "育才中学团委开展宣讲。随后，大家来到第二法庭旁听庭审。"
    assert norms(text, "Agency") == {"育才中学团委"}
    assert "第二法庭" in norms(text, "Place")


def test_the_ju_of_shuju_is_no_boundary() -> None:
    text = "据了解，平江县大数据中心联合县司法局上线普法平台。"
    assert norms(text, "Agency") == {"平江县大数据中心", "平江县司法局"}


def test_an_annual_campaigns_year_is_no_pattern_in_the_count_rules() -> None:
    """A count whose frame is an annual campaign (民法典宣传月(2023), its year in parentheses)
    once made a regular expression of the campaign's name and stopped the whole extraction."""
    text = (
        "原创 幸福街道 2023-05-26 18:02\n为做好第三个“民法典宣传月”各项工作，扎实推进专项行动，"
        "幸福社区开展了“学法用法 乐享晚年”民法典宣传暨防诈骗主题活动。社区书记主持活动，"
        "60余名老年居民参加。\n本次活动共发放宣传手册200余册、折页300余份。"
    )
    x = extract(text, doc_id="t")
    assert norms(text, "Campaign") == {"民法典宣传月(2023)"}
    assert sorted(m.surface for e in x.entities if e.type == "Quantity" for m in e.mentions) == [
        "200余册",
        "300余份",
        "60余名",
    ]


def test_the_responsibility_system_is_a_campaign_by_its_slogan_in_the_interchange() -> None:
    """The facts file keeps the programme 谁执法谁普法普法责任制; the interchange format gives the
    Campaign 谁执法谁普法, each mention the slogan's words, and no relations."""
    from lawgraph.extract.interchange import to_dict

    text = "会议要求，落实“谁执法谁普法”普法责任制，健全普法责任制清单。市司法局开展谁执法谁普法履职评议。"
    x = extract(text, doc_id="t")
    campaigns = [e for e in to_dict(x)["entities"] if e["type"] == "Campaign"]
    assert campaigns == [
        {
            "id": campaigns[0]["id"],
            "type": "Campaign",
            "norm": "谁执法谁普法",
            "mentions": [
                {
                    "text": "谁执法谁普法",
                    "start": text.index("谁执法"),
                    "end": text.index("谁执法") + 6,
                },
                {
                    "text": "谁执法谁普法",
                    "start": text.rindex("谁执法"),
                    "end": text.rindex("谁执法") + 6,
                },
            ],
        }
    ]
    assert not [
        r for r in to_dict(x)["relations"] if campaigns[0]["id"] in (r["subject"], r.get("object"))
    ]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("县司法局召开2024年全县普法工作会议", ["2024年全县普法工作会议"]),
        ("4.办好2024年国家宪法日和宪法宣传周系列活动", ["宪法宣传周系列活动"]),
        ("开展普法活动", []),  # a generic name: no event, and no failure either
    ],
)
def test_a_text_that_ends_with_an_event_head(text: str, events: list[str]) -> None:
    """The head of an event may be the text's last word (a search for a longer head ran past the
    end of the text and stopped the extraction)."""
    assert [e.norm for e in extract(text).entities if e.type == "Event"] == events


def test_fixed_words_with_a_function_character_stay_in_event_names() -> None:
    # 以 of 以案释法 and 对 of 对接 are no boundary; the preposition 以/对 still is
    text = "5月8日，县检察院在县委党校举办以案释法专题讲座。6月3日，县法院与县总工会举行诉调对接工作签约仪式。"
    assert norms(text, "Event") == {"以案释法专题讲座", "诉调对接工作签约仪式"}
    assert norms("5月8日，县检察院以视频方式举办法治讲座，对村干部开展法律培训班。", "Event") == {
        "法律培训班"
    }


def test_the_federation_of_industry_and_commerce_is_an_agency() -> None:
    text = "平江县2023年法治工作总结。县法院联合县工商联开展送法活动。"
    assert norms(text, "Agency") == {"平江县法院", "平江县工商联"}


def test_a_place_after_laizi_is_named() -> None:
    # 来自 (coming from) is no part of the name that follows it
    text = "平江县2023年法治工作总结。来自城关街道、天岳街道的群众参加活动。"
    assert norms(text, "Place") == {"平江县", "城关街道", "天岳街道"}


def test_a_breadcrumb_is_not_the_title() -> None:
    text = (
        "首页 > 政务公开 > 年度报告\n平江县人民政府关于2022年度法治政府建设情况的报告\n"
        "发布时间：2023-02-10 09:00\n12月4日，县司法局开展宪法宣传活动。\n"
    )
    assert Page(text).title == "平江县人民政府关于2022年度法治政府建设情况的报告"
    assert extract(text).doc_year == 2022  # the title's year, not the page date's


def test_a_law_name_running_past_an_organ_head_is_the_law() -> None:
    # 公司 heads an organ, but 公司法 goes on past it: the statute, not a firm
    x = extract("县法院为企业讲解新修订公司法的有关规定。")
    assert [(e.type, e.norm) for e in x.entities] == [
        ("Agency", "县法院"),
        ("Law", "中华人民共和国公司法"),
    ]


def test_words_that_only_look_like_names() -> None:
    # 县处级 is a grade, not an organ 县处; 全年会前学法 is the whole year, not a 年会;
    # 法治宣传年画 are New-Year prints, not a publicity year; 了解 is a verb, not 了 + a name
    x = extract(
        "平江县2023年法治工作总结。县委党校组织县处级干部80人旁听庭审。县政府全年会前学法12次。"
        "县司法局向群众发放法治宣传年画200份。县长到各展位详细了解宣传活动开展情况。"
    )
    found = {(e.type, e.norm) for e in x.entities if e.type in ("Agency", "Event", "Campaign")}
    assert found == {
        ("Agency", "平江县委党校"),
        ("Agency", "平江县政府"),
        ("Agency", "平江县司法局"),
    }


def test_investment_zones_and_market_grounds_are_places() -> None:
    text = (
        "平江县2023年法治工作总结。平江台商投资区负责人参加会议。6月5日，县司法局在城关圩场开展宣传活动。"
        "6月8日，县法院在市民之家举办民法典宣讲会。"
    )
    assert norms(text, "Place") == {"平江县", "平江台商投资区", "城关圩场", "市民之家"}
    assert norms(text, "Agency") == {"平江县司法局", "平江县法院"}


def test_a_verb_of_deployment_is_no_part_of_a_programme() -> None:
    text = "平江县2023年法治工作总结。县委常委会研究部署法治政府建设示范创建工作。"
    assert norms(text, "Campaign") == {"法治政府建设示范创建"}


def test_giving_people_a_lecture_is_no_part_of_its_name() -> None:
    x = extract("7月5日晚，律师王某在村文化广场给村民们上“田间课堂”专题法治讲座。")
    assert [
        x.text[m.start : m.end] for e in x.entities if e.type == "Event" for m in e.mentions
    ] == ["“田间课堂”专题法治讲座"]


def test_a_footer_address_is_one_place_and_technical_support_is_credited() -> None:
    text = (
        "平江县2023年法治工作总结\n县司法局开展宪法宣传活动。\n"
        "版权所有：平江县司法局　地址：湖南省岳阳市平江县城关镇　技术支持：岳阳市大数据中心\n"
    )
    x = extract(text)
    spans = {(e.type, x.text[m.start : m.end]) for e in x.entities for m in e.mentions}
    assert ("Place", "湖南省岳阳市平江县城关镇") in spans
    assert ("Agency", "岳阳市大数据中心") in spans
    assert ("Place", "湖南省岳阳市平江县") not in spans


def test_a_count_after_zucheng_is_counted() -> None:
    found = find_quantities("县委依法治县办组成3个督察组，分赴各乡镇。")
    assert [(q.value, q.unit, q.counted) for q in found] == [(3.0, "个", "督察组")]
    assert find_quantities("现场成百上千的群众。") == []


def test_a_special_inspection_is_an_event() -> None:
    text = "平江县2023年法治工作总结。9月，县委依法治县办对各乡镇开展法治政府建设专项督察，反馈问题12项。"
    assert norms(text, "Event") == {"法治政府建设专项督察"}


def test_x_linked_with_y_is_one_name() -> None:
    # 与 before a linking verb (对接, 衔接) joins two parts of one name; between organs it is "and"
    text = "6月3日，县法院与县总工会举行劳动争议调解与诉讼对接工作机制签约仪式。"
    assert norms(text, "Event") == {"劳动争议调解与诉讼对接工作机制签约仪式"}
    assert norms(text, "Agency") == {"县法院", "县总工会"}


def test_an_organ_of_a_bare_town_joined_to_a_named_towns_organ_takes_that_town() -> None:
    text = "平江县宪法宣传周。12月5日，城关镇司法所联合镇综治中心开展宣传。县住房和城乡建设局和镇政府参加。"
    assert norms(text, "Agency") == {
        "城关镇司法所",
        "城关镇综治中心",
        "平江县住房和城乡建设局",
        "镇政府",
    }


def test_a_he_with_nothing_to_join_opens_the_name() -> None:
    # after a preposition or a joining verb, 和 has no left conjunct: it is a name's first character
    text = "5月3日，仁和社区在和顺社区党群服务中心举行宣讲，镇司法所联合和顺社区居委会参加。"
    assert norms(text, "Place") >= {"和顺社区党群服务中心"}
    assert "和顺社区居委会" in norms(text, "Agency")
    # between two names it is still "and"
    assert norms("县司法局和平安社区居委会开展宣传。", "Agency") == {"县司法局", "平安社区居委会"}


def test_activity_rooms_avenues_and_markets_where_things_happen_are_venues() -> None:
    text = (
        "讲座在青山社区文化活动室开讲。仪式在古城北大街举行。同日，社区在东关市场门口设立咨询点。"
        "规范金融市场秩序，走遍大街小巷。"
    )
    assert norms(text, "Place") == {"青山社区文化活动室", "古城北大街", "东关市场"}


def test_a_lesson_taught_starts_after_its_verb_and_a_series_of_activities_names_none() -> None:
    text = (
        "12月2日，法官走进城南小学，为四年级300余名学生讲授“守法从我做起”主题法治课。"
        "镇司法所走进辖区社区、学校开展了一系列普法宣传活动。"
    )
    x = extract(text)
    assert [e.mentions[0].surface for e in x.entities if e.type == "Event"] == [
        "“守法从我做起”主题法治课"
    ]
    assert 300 in {e.norm["value"] for e in x.entities if e.type == "Quantity"}
    assert norms(text, "Place") == set()


def test_the_teams_a_group_splits_into_are_counted() -> None:
    counts = find_quantities("志愿者40余人分成8个小分队入户，每个县至少建成1个公园。")
    assert [(q.value, q.unit) for q in counts] == [(40, "人"), (8, "个")]


def test_a_city_written_before_its_district_is_named() -> None:
    # 芜湖市 of 芜湖市镜湖区 names the city: 市委 takes it as in a report that writes it alone
    text = (
        "芜湖市镜湖区人民政府关于法治政府建设的报告\n区政府在市委、市政府和区委的领导下开展工作。"
    )
    assert norms(text, "Agency") >= {"芜湖市委", "芜湖市政府", "镜湖区委"}


def test_a_provinces_statute_named_like_a_national_one_is_the_longer_name() -> None:
    found, _, _ = find_laws("重点宣讲民法典和湖南省法律援助条例，并学习法律援助条例。")
    assert [(f.title, f.category) for f in found] == [
        ("中华人民共和国民法典", "法律"),
        ("湖南省法律援助条例", "地方性法规"),
        ("法律援助条例", "行政法规"),
    ]


def test_the_constitution_week_by_its_short_name_and_summing_up_is_no_name() -> None:
    text = (
        "2022年宪法宣传周。讲座点亮“宪法周”。镇司法所总结宣传月工作，总结推广东坪镇经验。"
        "宪法颁布40周年。"
    )
    x = extract(text)
    camps = {m.surface: e.norm for e in x.entities if e.type == "Campaign" for m in e.mentions}
    assert camps["宪法周"] == "宪法宣传周(2022)"
    assert not [s for s in camps if "总结" in s]
    assert norms(text, "Place") == {"东坪镇"}
    # a summing-up meeting keeps its whole name
    event = "全县普法工作总结表彰大会"
    assert spans(extract(f"3月5日，县司法局召开{event}。"), "Event") == [event]


def test_an_organs_tail_inside_a_quoted_name_and_a_day_that_names_a_booth() -> None:
    text = (
        "县公安局反诈中心民警指导群众下载“国家反诈中心”APP。"
        "县检察院设立“检察开放日”预约点，县法院举办“法院开放日”活动。"
    )
    x = extract(text)
    assert spans(x, "Agency") == ["县公安局反诈中心", "县检察院", "县法院"]
    assert spans(x, "Event") == ["“法院开放日”活动"]


def test_a_bare_title_after_he_is_no_organ_and_he_before_a_title_no_surname() -> None:
    text = (
        "市委常委、政法委书记周明远出席会议。12月4日，周明远和副市长韩晓雯到现场指导。"
        "区委常委、常务副区长邱立群主持。聘请工会法律顾问和公益律师150余名。"
    )
    x = extract(text)
    assert spans(x, "Official") == ["周明远", "周明远", "邱立群", "韩晓雯"]
    posts = {
        (r.subject.norm, r.attrs["title"], r.attrs["agency"].norm)
        for r in x.relations
        if r.type == "holdsPosition" and r.subject.norm in ("韩晓雯", "邱立群")
    }
    assert posts == {
        ("韩晓雯", "副市长", "市政府"),
        ("邱立群", "区委常委", "区委"),
        ("邱立群", "常务副区长", "区政府"),
    }


def test_quoted_actions_tours_with_their_activity_and_special_struggles() -> None:
    text = (
        "为持续巩固扫黑除恶专项斗争成果，市司法局联合市教育局开展“送法进校园”巡讲活动，"
        "深化“法护民生”服务新就业群体公益法律服务行动。"
    )
    x = extract(text)
    assert spans(x, "Campaign") == [
        "“法护民生”服务新就业群体公益法律服务行动",
        "“送法进校园”巡讲活动",
        "扫黑除恶专项斗争",
    ]


def test_a_captions_day_is_the_one_the_body_reported() -> None:
    text = (
        "县司法局2021年普法工作总结\n发布时间：2022-01-10\n\n"
        "12月4日，县司法局在人民广场举办宪法宣传活动。\n"
        "2022年，县司法局将继续推进普法工作。\n（图为12月4日人民广场宣传现场）\n"
    )
    assert norms(text, "Date") == {"2021", "2022-01-10", "2021-12-04", "2022"}


def test_a_studio_the_quotes_name_is_an_agency_a_room_is_not() -> None:
    text = "总结推广城关镇“老王调解工作室”经验。参观了未成年人检察工作室。"
    x = extract(text)
    assert spans(x, "Agency") == ["老王调解工作室"]


def test_the_topic_a_subheading_opens_with_is_no_event() -> None:
    text = (
        "城关街道开展宪法宣传周系列活动\n\n12月1日，街道举行启动仪式。\n\n"
        "亲子竞赛寓教于乐\n12月3日，街道在文化广场举办“宪法小达人”亲子知识竞赛。\n"
    )
    assert spans(extract(text), "Event") == [
        "“宪法小达人”亲子知识竞赛",
        "启动仪式",
        "宪法宣传周系列活动",
    ]


def test_a_law_that_goes_somewhere_is_named_a_programme_named_for_it_is_not() -> None:
    text = (
        "民法典进农村 普法惠民生\n县司法局推动民法典进农村、进社区、进家庭。"
        "全县同步开展宪法进机关、进乡村、进学校活动。\n二、宪法进机关\n"
    )
    x = extract(text)
    assert spans(x, "Law") == ["民法典", "民法典"]


def test_a_towns_market_day_is_the_town_a_named_market_ground_a_venue() -> None:
    text = "两个司法所分别在城西镇集市、石门圩场开展法律援助进乡村活动。"
    assert norms(text, "Place") == {"城西镇", "石门圩场"}


def test_a_unions_account_named_after_its_city_is_the_citys_federation() -> None:
    text = "民法典宣传月启动\n原创　宝鸡工会　2023-05-09 18:30\n\n5月8日，宝鸡市总工会举办启动仪式。市总工会主席出席。"
    x = extract(text)
    unions = [(e.norm, [m.surface for m in e.mentions]) for e in x.entities if e.type == "Agency"]
    assert unions == [("宝鸡市总工会", ["宝鸡工会", "宝鸡市总工会", "市总工会"])]


def test_an_observance_held_by_a_place_is_the_one_the_text_names_alone() -> None:
    text = (
        "今年5月是第四个民法典宣传月。5月8日，滨江市职工民法典宣传月启动仪式举行。"
        "宣传月期间，滨江街道宪法宣传周活动……12月4日，宪法宣传周集中宣传举行。"
    )
    x = extract(text)
    names = {e.attrs.get("name") for e in x.entities if e.type == "Campaign"}
    assert names == {"民法典宣传月", "宪法宣传周"}


def test_a_concentrated_publicity_day_is_an_event_not_an_observance() -> None:
    text = "6月26日，县委政法委主办的平安建设法治宣传集中宣传日活动在县广场举行。"
    x = extract(text)
    assert [e for e in x.entities if e.type == "Campaign"] == []
    assert spans(x, "Event") == ["平安建设法治宣传集中宣传日活动"]


def test_a_jurisdiction_named_only_inside_names_is_the_fullest_form_written() -> None:
    text = "芜湖市镜湖区人民政府关于2022年法治政府建设情况的报告\n全区行政机关共办理一审行政诉讼案件27件。"
    x = extract(text)
    places = [e.norm for e in x.entities if e.type == "Place"]
    assert places == ["芜湖市镜湖区"]


def test_a_capacity_the_official_acts_in_is_a_post_at_the_school_visited() -> None:
    x = extract("12月2日，县法院法官林晓雨以法治副校长身份走进城南小学，为学生上法治课。")
    posts = {
        (r.attrs["title"], r.attrs["agency"].norm if r.attrs["agency"] else None)
        for r in x.relations
        if r.type == "holdsPosition"
    }
    assert posts == {("县法院法官", "县法院"), ("法治副校长", "城南小学")}


def test_a_law_implemented_or_its_articles_are_the_law() -> None:
    text = "关于2023年反家庭暴力法实施情况的报告。律师围绕反家庭暴力法条文作解读，宣讲宪法条款，旁听法院庭审。"
    found, _, _ = find_laws(text)
    assert [text[x.start : x.end] for x in found] == ["反家庭暴力法", "反家庭暴力法", "宪法"]


def test_the_common_short_name_of_a_statute() -> None:
    text = "全市发放新修订的保密法单行本，干部一起学习保密法。"
    found, _, _ = find_laws(text)
    assert [x.title for x in found] == ["中华人民共和国保守国家秘密法"] * 2


def test_programmes_a_tour_a_consultation_day_and_a_month_long_drive() -> None:
    x = extract(
        "2024年6月，县司法局开展“宪法进乡村”巡回宣讲活动，走进8个村。"
        "6月16日“安全宣传咨询日”当天，各乡镇同步开展咨询。"
        "县安委会组织开展了为期两个月的燃气安全隐患排查整治专项行动。"
    )
    assert {(e.mentions[0].surface, e.norm) for e in x.entities if e.type == "Campaign"} == {
        ("“宪法进乡村”巡回宣讲活动", "宪法进乡村巡回宣讲活动"),
        ("安全宣传咨询日", "安全宣传咨询日(2024)"),
        ("燃气安全隐患排查整治专项行动", "燃气安全隐患排查整治专项行动"),
    }


def test_the_year_compared_with_is_no_year_of_what_follows() -> None:
    x = extract("2023年，县司法局受理案件320件，较上年增长12%。3月5日，县司法局举办集中宣传活动。")
    assert {e.norm for e in x.entities if e.type == "Date"} == {"2023", "2023-03-05"}


def test_the_programme_an_opening_scene_is_a_snapshot_of() -> None:
    x = extract(
        "5月9日晚，在丰县华山镇东湖村，律师王某向村民讲解养老诈骗案例。"
        "这是丰县“守护夕阳红”法治宣传活动的一个缩影。"
    )
    assert [(e.mentions[0].surface, e.norm) for e in x.entities if e.type == "Campaign"] == [
        ("丰县“守护夕阳红”法治宣传活动", "守护夕阳红法治宣传活动")
    ]
    assert mentions(x, "Event") == []


def test_a_law_that_provides_is_named() -> None:
    x = extract("检察官讲解了反家庭暴力法规定的人身安全保护令制度。")
    assert mentions(x, "Law") == ["反家庭暴力法"]


def test_the_constitution_sworn_to_is_named_not_the_oath_s_word() -> None:
    x = extract("新任命的干部向宪法宣誓。县人大常委会举行宪法宣誓仪式。")
    assert mentions(x, "Law") == ["宪法"]


def test_a_title_s_organ_named_with_a_level_word_is_spelled_as_the_page_credits_it() -> None:
    text = "来源：青岛市市南区司法局\n\n5月8日，市南区律师协会召开座谈会，区司法局局长王强出席。"
    x = extract(text)
    agency = {
        r.subject.norm: r.attrs["agency_norm"] for r in x.relations if r.type == "holdsPosition"
    }
    assert agency["王强"] == "青岛市市南区司法局"


def test_an_assessment_s_rules_are_no_law() -> None:
    x = extract(
        "依据《河北省法治宣传教育条例》和《平乡县普法责任制考核评价办法》，县普法办开展考核。"
    )
    assert mentions(x, "Law") == ["河北省法治宣传教育条例"]
