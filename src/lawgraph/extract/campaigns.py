"""Campaigns: named programmes and observances.

Observance days, weeks and months (宪法宣传周, “12·4”国家宪法日, 全民国家安全教育日, 民法典宣传月),
the five-year 普法 plans (“八五”普法), 法律七进, and quoted programme names with a programme head
(“防控疫情 法治同行”专项法治宣传活动, “社会治理 法治先行”宣传年活动, “奋斗百年路·起航新征程”法治巡演).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lawgraph.extract.chunks import QUOTES, left_boundary
from lawgraph.extract.places import find_divisions

_NUM_PREFIX = r"(?:[“\"]?\s*\d{1,2}\s*[.·．•・]\s*\d{1,2}\s*[”\"]?)"
_OBSERVANCE_HEAD = (
    r"宣传周|(?<=宪法)周(?!年)|宣传月|(?<!集中)宣传日|宣传年(?!画)|学习月|学习周|教育日|宪法日|禁毒日|权益日|读书日|科普日|减灾日|安全日|纪念日|"
    r"知识产权日|活动月|活动周|服务月|主题月|宣传季|服务周|法治日|安全月|生产月|宣传活动周|宣传教育月|咨询日"
)
_OBSERVANCE = re.compile(rf"(?:{_OBSERVANCE_HEAD})")
_PUFA = re.compile(r"[“\"]?([一二三四五六七八九])五[”\"]?\s*(?=普法)普法")
_QIJIN = re.compile(r"法律[一二三四五六七八九十]进")
_QUOTED_PROGRAMME = re.compile(
    r"“([^“”\n]{2,24})”\s*"
    r"((?:(?:专项|系列)(?:法治|普法|法律)?(?:宣传|教育|宣讲|服务|实践)*活动)|实践活动|"
    r"(?:(?:专项|主题|系列|集中|大型)?(?:法治|普法|法律)?(?:宣传|教育|宣讲|服务|实践|培养|培育)*"
    r"(?:宣传年|宣传季|行动|巡演(?:活动)?|巡讲(?:活动)?|巡回宣讲(?:活动)?|大讲堂|讲堂|大篷车|进万家|工程|系列节目|节目|栏目))|"
    r"(?:培养|培育)工作|"
    r"[\u4e00-\u9fff]{0,8}巡回[\u4e00-\u9fff]{0,4}活动|"  # “…”法治副校长巡回宣讲活动: a tour
    r"(?:(?![，。；、的和与])[\u4e00-\u9fff]){0,16}?行动)"  # “…”服务农民工公益法律服务行动
)
# “法治进校园”活动26场: a quoted activity counted in sessions is a programme
_COUNTED_SERIES = re.compile(
    r"“([^“”\n]{2,16})”(?:主题|系列|专题)?(?:宣传|教育|普法)?活动"
    r"((?:共|累计|共计|达)?[\d一二三四五六七八九十百千]+(?:余|多)?(?:场次|场|次|期|轮))"
)
_MOVED_TO = re.compile(r"(?:搬|开|送|带|延伸)(?:到|进|至)")
# 示范创建活动, 民法典“七进”活动, 民法典“进社区、进楼栋、进家庭”活动: drives of many activities
_DRIVE = re.compile(
    r"(?:示范)?创建活动|[“\"]?(?:法律)?[一二三四五六七八九十]进[”\"]?活动|“进[^“”、\n]{1,4}(?:、进[^“”、\n]{1,4})+”活动"
)
# “民法典进乡村”宣传 / “法治进校园”活动: a quoted activity, a programme when it tours or counts
_QUOTED_ACTIVITY = re.compile(
    r"“([^“”\n]{2,16})”(?:(?:主题|系列|专题)?(?:宣传|教育|普法)?活动|(?:宣传|宣讲)(?![\u4e00-\u9fff]))"
)
# the kinds of place a 进 drive goes into (法治进校园, 送法进工地, 民法典进万家)
_VISITED = (
    "校园|学校|村居|村|社区|乡村|农村|企业|机关|家庭|单位|军营|网络|网格|景区|园区|楼宇|"
    "工地|市场|商圈|寺庙|万家|千家万户"
)
# 今年以来，…开展“涉外法律服务进企业”活动: a quoted drive of visits to a kind of place, run over
# a period (以来) and at no one site (在…, 走进…: one visit, an event), is a programme
_SINCE = re.compile(r"以来|年来")
_AT_SITE = re.compile(r"在|走进|来到|深入|前往|联合")
_VISITS = re.compile(rf"进(?:{_VISITED})$")
_TOUR = re.compile(
    r"巡回|[\d一二三四五六七八九十百千]+(?:余|多)?场(?![所地景])|"
    r"[\d一二三四五六七八九十]+个(?:乡镇|街道|村|社区|县)"
)
# 开展安全生产“百日攻坚”专项行动: a field written between the verb and the quotes is the
# programme's (a scope word of its name)
_SCOPE_BEFORE = re.compile(r"(?:开展|启动|实施|部署)((?![全各本我该在了])[\u4e00-\u9fff]{2,4})$")
# 持续深化“法治进校园”活动: a quoted activity carried on is a programme
_CARRIED_ON = re.compile(
    r"(?:深化|(?:持续|常态化|深入|广泛|扎实|全面|大力)开展|持续推进|深入推进)$"
)
_TOUR_BEFORE = re.compile(
    r"(?:(?:先后|分别|陆续)(?:走进|深入|来到|前往)[^。；]*、[^。；]*等"
    r"|(?:走进|深入|来到|前往)[^。；，、]{2,8}、[^。；，、]{2,8}、[^。；，]{2,12}?)[^。；，]{0,8}$"
)


@dataclass(frozen=True)
class RawCampaign:
    start: int
    end: int
    name: str  # canonical: no quotes, no 第N个, no 12·4
    annual: bool
    facts_only: bool = False  # a programme the facts file records and the interchange does not


RESPONSIBILITY = "谁执法谁普法"
"""The 普法 responsibility system's slogan: its name in the interchange format (a Campaign, as
every blind annotator of the held-out rounds marked it), each mention the slogan's characters."""
RESPONSIBILITY_SYSTEM = RESPONSIBILITY + "普法责任制"
"""The system's name in the facts file, also when 普法责任制 is written alone."""
_RESPONSIBILITY = re.compile(
    rf"[“\"]?{RESPONSIBILITY}[”\"]?(?:普法)?(?:责任制)?|(?<![“\"])普法责任制"
)
_JIN_LIST = re.compile(
    r"((?:宪法|法律|民法典|普法)进[\u4e00-\u9fa5]{1,3})(?:、(?:(?:宪法|法律|民法典|普法)?进[\u4e00-\u9fa5]{1,3})){2,}"
)
_CN = "零一二三四五六七八九十"
# 法治进校园活动, 律师进村（社区）: a 进 programme, unquoted, known by its （社区）, or by its
# 活动 when it is counted, tours or is what something serves (…活动的主阵地)
_JIN_PROGRAMME = re.compile(
    r"(?<![“\"])(?:法治|法律|宪法|民法典|普法|律师|法官|检察官)进"
    rf"(?:{_VISITED})"
    r"(?:（社区）|活动|(?=[，。；]|工作))"
)
# 深化“法治进校园”，…; 介绍了“法治进校园”“法治进网格”工作情况: a quoted 进 programme that stands
# bare (before punctuation, another quoted name, 工作 or 等) is the programme the quotes hold;
# before a head (“民法典进乡村”宣讲活动) it is a word of that name, and names listed before
# 活动 (开展“法律进社区”“法律进乡村”等活动) are the activities', not programmes
_QUOTED_JIN = re.compile(
    r"“((?:法治|法律|宪法|民法典|普法)进[\u4e00-\u9fff]{1,4})”(?=[“，。；、]|工作|等)"
)
_LISTED_ACTIVITIES = re.compile(r"(?:“[^“”\n]{1,16}”)*等?(?:系列|主题|专项)?活动")

# 持续深化法治进校园，…: a bare 进 programme is the object of a verb of programmes
_PROGRAMME_VERB = re.compile(r"(?:深化|推进|推动|开展|实施|落实)$")
# 党史学习教育: a national education campaign
_STUDY_CAMPAIGN = re.compile(r"(?:党史|四史)学习教育")
# “百名法学家百场报告会”: a quoted lecture series that counts its sessions
_LECTURE_SERIES = re.compile(
    r"“([^“”\n]{0,12}[百千万\d]+场[^“”\n]{0,8}(?:报告会|讲座|宣讲|巡讲|讲堂))”"
)
# 依托“青少年普法直通车”项目: a quoted project is a programme, named by what the quotes hold
_PROJECT = re.compile(r"“([^“”\n，。；]{2,16})”(?:工作|服务|普法|宣传|公益)?项目")
# 乡村“法治大讲堂”: a quoted lecture series, with the scope written before its quotes
_NAMED_SERIES = re.compile(
    r"(?:乡村|农村|田间|社区|校园|村居|院坝|网上|线上|云端|空中|指尖|企业|机关|百姓|群众)?"
    r"“[^“”\n]{1,10}(?:大讲堂|讲堂|大课堂|课堂|学堂|夜校)”"
)
# 以民主法治示范村创建为抓手, 深化民主法治示范村（社区）创建，: a drive of model-building,
# unquoted, standing bare (not 示范创建活动, nor an event's words: …创建评审会)
_MODEL_DRIVE = re.compile(r"示范(?:村|社区|县|市|区)?(?:（社区）)?创建(?=[，。；、]|为|工作)")
_NUMBERED = re.compile(
    r"\s*(?:\d{1,2}[.．、]|[一二三四五六七八九十]{1,2}[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）])"
)
_DRIVE_VERB = re.compile(r"深化|推进|推动|开展|实施|落实|加强|抓好|做好|以|要")
# 法律明白人培养工程, 打击整治养老诈骗专项行动: unquoted, after a verb of programmes (and the
# time it runs, before a name of its own: 开展了为期一个月的安全生产隐患大排查大整治专项行动)
_TRAINING_PROGRAMME = re.compile(
    r"(?:推进|实施|开展|深化|落实)(了?为期[^，。；的]{1,6}的)?"
    r"([\u4e00-\u9fff]{2,8}培养工程|(?:(?![的了和与])[\u4e00-\u9fff]){2,14}专项行动)"
)


# 这是鹤庆县“…”法治宣传活动的一个缩影: the scene a report opens with is one of many activities of a
# programme, which the sentence after it names
_SNAPSHOT_OF = re.compile(
    r"(?:这|此|这些|这一幕)(?:正|便|就)?是"
    r"([^，。；：\n]{2,30}?(?:活动|行动|工程|宣讲|巡讲|巡演))的(?:一个|又一个)?(?:生动|真实|鲜活)?缩影"
)
# 巩固扫黑除恶专项斗争成果: a national struggle, unquoted, named after the verbs that carry it on
_CARRY_ON = re.compile(r"(?:持续|深入|纵深|巩固|推进|推动|开展|深化|落实|打好|打赢|决胜|参与)+")


def find_programmes(text: str) -> list[RawCampaign]:
    """Programmes that frame no event, which the facts file records: the “谁执法谁普法”
    responsibility system (:data:`RESPONSIBILITY_SYSTEM`; the interchange format's Campaign
    :data:`RESPONSIBILITY`), and lists like 宪法进企业、宪法进农村… (宪法七进, left out of the
    interchange)."""
    out = []
    for m in _RESPONSIBILITY.finditer(text):
        out.append(RawCampaign(m.start(), m.end(), RESPONSIBILITY_SYSTEM, False, True))
    for m in _JIN_LIST.finditer(text):
        n = m.group(0).count("、") + 1
        head = re.match(r"(宪法|法律|民法典|普法)", m.group(0))
        if head and n <= 10:
            name = f"{head.group(1)}{_CN[n]}进"
            out.append(RawCampaign(m.start(), m.end(), name, False, True))
    return out


def canonical(surface: str) -> str:
    s = re.sub(_NUM_PREFIX, "", surface)
    s = re.sub(r"^第\s*[\d一二三四五六七八九十]{1,3}\s*个", "", s)
    s = "".join(ch for ch in s if ch not in QUOTES)
    s = re.sub(r"\s+", "", s)
    return _OFFICIAL.get(s, s)


# National observances by their official names (a report may drop a word).
_OFFICIAL = {
    "国家安全教育日": "全民国家安全教育日",
    "宪法日": "国家宪法日",
    "宪法周": "宪法宣传周",
    "全国法制宣传日": "国家宪法日",
    "禁毒日": "国际禁毒日",
    "消费者权益日": "国际消费者权益日",
}


def find_campaigns(text: str) -> list[RawCampaign]:
    out: list[RawCampaign] = []
    for m in _OBSERVANCE.finditer(text):
        end = m.end()
        start = _observance_start(text, m.start())
        if start is None:
            continue
        surface = text[start:end]
        name = canonical(surface)
        if len(name) < 4:
            continue
        out.append(RawCampaign(start, end, name, annual=not name.endswith("宣传年")))
    # 白龙街道宪法宣传周启动仪式, 西宁市职工民法典宣传月: the observance the text also names alone
    # (one week, one month), whoever holds it
    alone = sorted({c.name for c in out}, key=lambda a: (-len(a), a))
    out = [
        replace(c, name=next((a for a in alone if c.name.endswith(a) and a != c.name), c.name))
        for c in out
    ]
    for m in _PUFA.finditer(text):
        s, e = m.span()
        if text[s] in QUOTES and text[e - 3 : e - 2] not in QUOTES:
            s += 1
        out.append(RawCampaign(s, e, f"{m.group(1)}五普法", annual=False))
    for m in _QIJIN.finditer(text):
        out.append(RawCampaign(m.start(), m.end(), m.group(0), annual=False))
    for m in _COUNTED_SERIES.finditer(text):
        if not _OBSERVANCE.search(m.group(1)):
            out.append(
                RawCampaign(
                    m.start(),
                    m.end() - len(m.group(2)),
                    canonical(m.group(0)[: -len(m.group(2))]),
                    annual=False,
                )
            )
    for m in _JIN_PROGRAMME.finditer(text):
        rest = text[m.end() : _clause_end(text, m.end())]
        if not m.group(0).endswith(("）", "活动")):
            if _PROGRAMME_VERB.search(text, max(0, m.start() - 2), m.start()):
                out.append(RawCampaign(m.start(), m.end(), m.group(0), annual=False))
        elif m.group(0).endswith("）") or rest.startswith("的") or _TOUR.search(rest):
            out.append(RawCampaign(m.start(), m.end(), m.group(0), annual=False))
    for m in _QUOTED_JIN.finditer(text):
        if _LISTED_ACTIVITIES.match(text, m.end()):
            continue
        out.append(RawCampaign(m.start(1), m.end(1), m.group(1), annual=False))
    for m in _STUDY_CAMPAIGN.finditer(text):
        out.append(RawCampaign(m.start(), m.end(), m.group(0), annual=False))
    for m in _TRAINING_PROGRAMME.finditer(text):
        if m.group(1) and len(m.group(2)) < 8:
            continue  # 开展为期三个月的整治专项行动: a drive, named by no more than its work
        out.append(RawCampaign(m.start(2), m.end(2), m.group(2), annual=False))
    for m in re.finditer("专项斗争", text):
        start = left_boundary(text, m.start(), 12)
        verbs = _CARRY_ON.match(text, start, m.start())
        start = verbs.end() if verbs else start
        if m.start() - start >= 2:
            out.append(RawCampaign(start, m.end(), text[start : m.end()], annual=False))
    for m in _MODEL_DRIVE.finditer(text):
        start = left_boundary(text, m.start(), 12)
        verbs = list(_DRIVE_VERB.finditer(text, start, m.start()))
        if verbs:  # 县司法局持续深化…创建: the name follows the verb
            start = verbs[-1].end()
        begin = max(text.rfind(ch, 0, start) for ch in "。；\n") + 1
        if _NUMBERED.match(text, begin):
            continue  # 3.推进民主法治示范创建。: a numbered item's topic, the work, not a programme
        if m.start() - start >= 2:
            name = canonical(text[start : m.end()]).replace("（社区）", "")
            out.append(RawCampaign(start, m.end(), name, annual=False))
    for m in _SNAPSHOT_OF.finditer(text):
        name = canonical(m.group(1))
        cut = next((d.end for d in find_divisions(name[:12]) if d.start == 0), 0)
        out.append(RawCampaign(m.start(1), m.end(1), name[cut:], annual=False))
    for m in _PROJECT.finditer(text):
        out.append(RawCampaign(m.start(1), m.end(1), m.group(1), annual=False))
    for m in _LECTURE_SERIES.finditer(text):
        out.append(RawCampaign(m.start(1), m.end(1), m.group(1), annual=False))
    for m in _NAMED_SERIES.finditer(text):
        s, e = m.span()
        if text[s - 1 : s] == "把" and _MOVED_TO.match(text, e):
            continue  # 把“法治课堂”搬到采茶一线: a figure of speech, no programme
        if text[s] in QUOTES:  # no scope word: the name is what the quotes hold
            s, e = s + 1, e - 1
        out.append(RawCampaign(s, e, canonical(text[s:e]), annual=False))
    for m in _DRIVE.finditer(text):
        start = left_boundary(text, m.start(), 16)
        if m.start() - start >= 2 or m.group(0).startswith(("“", "法律")):
            name = canonical(text[start : m.end()])
            if _QIJIN.fullmatch(name[:-2]):
                name = name[:-2]  # “法律七进”活动: the programme 法律七进
            out.append(RawCampaign(start, m.end(), name, annual=False))
    for m in _QUOTED_ACTIVITY.finditer(text):
        if _OBSERVANCE.search(m.group(1)):
            continue
        rest = text[m.end() : _clause_end(text, m.end())]
        begin = max(text.rfind(ch, 0, m.start()) for ch in "。；\n") + 1
        if _TOUR.search(rest) or _TOUR_BEFORE.search(text, begin, m.start()):
            out.append(RawCampaign(m.start(), m.end(), canonical(m.group(0)), annual=False))
        elif _CARRIED_ON.search(text, max(0, m.start() - 5), m.start()):
            out.append(RawCampaign(m.start(), m.end(), canonical(m.group(1)), annual=False))
        elif (
            _VISITS.search(m.group(1))
            and m.group(0).endswith("活动")
            and _SINCE.search(text, begin, m.start())
            and not _AT_SITE.search(text, begin, m.start())
        ):
            # the programme's name is the programme wherever it is written (the headline too)
            for again in re.finditer(re.escape(m.group(0)), text):
                out.append(RawCampaign(again.start(), again.end(), canonical(m.group(0)), False))
    for m in _QUOTED_PROGRAMME.finditer(text):
        inner = m.group(1)
        if re.search(r"[，。；！？]", inner) or _OBSERVANCE.search(inner):
            continue
        scope = _SCOPE_BEFORE.search(text, max(0, m.start() - 8), m.start())
        start = scope.start(1) if scope else m.start()
        out.append(RawCampaign(start, m.end(), canonical(text[start : m.end()]), annual=False))
    return out


def _clause_end(text: str, pos: int) -> int:
    """The end of the sentence that goes on at ``pos``."""
    end = text.find("。", pos)
    return end if end >= 0 else len(text)


def _observance_start(text: str, head_start: int) -> int | None:
    """Where an observance name starts: its quoted date (“12·4”), a quote, or a word boundary."""
    i = head_start
    # a quoted name: “宪法宣传周” → the span is inside the quotes
    if i > 0 and text[i - 1] not in QUOTES:
        j = left_boundary(text, i, 12)
        # keep a 12·4 / “4.15” prefix
        seg = text[j:i]
        k = seg.rfind("“")
        if k > 0 and "”" not in seg[k:]:
            j = j + k
        # 围绕“3·15”国际消费者权益日: a quoted date opens the name, whatever the scan took before it
        num = re.search(rf"[“\"]{_NUM_PREFIX}", seg)
        if num and num.start() > 0:
            j += num.start()
        # a conjunction or a date ends the name: …宣誓仪式暨宪法宣传周, 12月1日至7日宪法宣传周,
        # 5月民法典宣传月
        cut = list(re.finditer(r"暨|\d{1,2}[日月](?:至\d{1,2}[日月])?", text[j:i]))
        if j > 0 and text[j - 1].isdigit() and text[j] in "日月":
            j += 1  # the scan stopped inside a date (。5月民法典宣传月): the date ends there
        # 谋划好第七个国家宪法日: the ordinal starts the name, a verb before it is no part of it
        ordinal = list(re.finditer(r"第\s*[\d一二三四五六七八九十]{1,3}\s*个", text[j:i]))
        if ordinal and ordinal[-1].start() > 0 and not cut:
            j += ordinal[-1].start()
        if cut:
            j += cut[-1].end()
        start = j
    else:
        start = i
    # extend over a quoted number prefix before it (“12.4”国家宪法日)
    m = re.search(rf"{_NUM_PREFIX}\s*$", text[max(0, start - 10) : start])
    if m:
        start = start - (len(m.group(0)))
    # a name written in quotes: “宪法宣传周” → drop the opening quote
    if text[start : start + 1] in QUOTES and not re.match(_NUM_PREFIX, text[start:]):
        start += 1
    while text[start : start + 1] in ("暨", "和", "及") and start < head_start:
        start += 1  # “宪法宣传周”暨第八个国家宪法日: a conjunction is no part of the name
    own = re.match(r"(?:本|各|该)(?:单位|部门|系统|地区|辖区|行业)", text[start:head_start])
    if own:
        start += own.end()  # 将本单位宪法宣传周活动开展情况报送…: whose week, not its name
    # 第八个国家宪法日: the ordinal is part of the mention
    m = re.search(r"第\s*[\d一二三四五六七八九十]{1,3}\s*个\s*$", text[max(0, start - 8) : start])
    if m:
        start -= len(m.group(0))
    name = text[start:head_start]
    bare = re.sub(r"^第\s*[\d一二三四五六七八九十]{1,3}\s*个", "", name)
    if re.search(r"[\d]", bare) and not re.match(_NUM_PREFIX, bare):
        return None
    if not bare or any(ch in "，。、；" for ch in name):
        return None
    if (
        bare.startswith(("第", "个"))
        or re.match(r"^(?:主题|专题|集中|系列|活动|开展|期间)", bare)
        or "总结" in bare  # 总结宣传月工作: the verb, then the month named bare (an anaphor)
    ):
        return None
    return start
