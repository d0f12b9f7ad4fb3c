"""Agencies: organs, offices, courts, schools and named teams, found by their head word (局, 委员会,
领导小组, 司法所, 大学, 宣讲团 …) and scanned left to where their name starts: a division name, a
level word (市, 县, 省 …), 中共/共青团, or — for universities, schools and firms — the nearest
boundary. Generic collectives (各部门, 县区, 市直机关) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lawgraph.extract.chunks import PUNCT, left_boundary

_HEAD = re.compile(
    r"(?:委员会|常委会|专委会|领导小组|工作小组|协调小组|工作专班|小组|办公室|工作组|中心组|"
    r"人民政府|政府|人大常委会|人大|政协|党委|党组|党工委|纪委|监委|工委|"
    r"中级人民法院|人民法院|法院|中院|人民法庭|法庭|人民检察院|检察院|"
    r"司法所|派出所|律师事务所|公证处|事务所|"
    r"工作室|研究室|研究院|研究中心|服务中心|指挥中心|中心|少年宫|青少年宫|大学|学院|党校|学校|[中小]学校(?![长园区内外友训史门风刊报歌徽庆车医服规名方领级舍])|中学(?![习生])|小学(?!生)|幼儿园|医院|"
    r"有限公司|公司|集团|银行|支行|分行|日报社|晚报社|日报|晚报|"
    r"联合会|协会|学会|商会|总工会|工会|妇联|工商联|团委|共青团|科协|文联|残联|侨联|"
    r"宣讲团|讲师团|服务团|艺术团|志愿服务队|服务队|志愿队|工作队|宣传队|宣讲队|小分队|分队|大队|支队|中队|"
    r"办事处|管委会|居委会|村委会|调委会|"
    r"局(?![面部势限长级])|厅(?![堂级])|(?<![举承主协创兴开督查申代包合买])办(?![理法公事学好实]|成(?!员))|(?<![干东南西北中内外全局])部(?![门署分长队位署落级])|(?<![部签布])署(?![名])|"
    r"(?<![调地])处(?![理置罚长于在级])|科(?![学技长普目级])|院(?![长士校落内])|所(?![长有以在属谓需得])|"
    r"站(?![长点])|委(?![员托屈婉])|社(?![会区长团])|(?<![平舞讲擂阳出])台(?![账阶上下前商])|庭(?![审长院])|"
    r"(?<![开闭建])馆(?![长])|队(?![伍员长])|团(?![结体队员长])|组(?![织成建长员])"
    r")"
)
_ANCHOR = re.compile(
    r"中共|中国共产党|共青团|团(?=[省市县区])|中央|国务院|全国|国家|最高人民|司法部|公安部|教育部|"
    r"民政部|财政部|商务部|外交部|国防部|科技部|水利部|审计署|农业农村部|生态环境部|自然资源部|"
    r"应急管理部|交通运输部|退役军人事务部|文化和旅游部|工业和信息化部|人力资源和社会保障部|"
    r"住房和城乡建设部|"
    r"林区|省|市|区|县|旗|州|镇|乡|街道|全面依法治|依法治[国省市县区]"
)
_FREE_HEADS = (
    "大学",
    "学院",
    "学校",
    "中学",
    "小学",
    "中学校",
    "小学校",
    "幼儿园",
    "医院",
    "有限公司",
    "公司",
    "集团",
    "银行",
    "支行",
    "分行",
    "日报社",
    "晚报社",
    "日报",
    "晚报",
    "律师事务所",
    "事务所",
    "研究院",
    "党校",
    "司法所",
    "派出所",
    "人民法庭",
    "法学会",
    "居委会",
    "村委会",
    # named teams (“民法典宣讲小分队”, 青少年法治宣讲团)
    "宣讲团",
    "讲师团",
    "服务团",
    "艺术团",
    "志愿服务队",
    "服务队",
    "宣传队",
    "宣讲队",
    "小分队",
)
_GENERIC = re.compile(
    r"^(?:县区|区县|市县|县市(?!场)|乡镇|镇乡|省市(?!场)|市区|省区|市直|省直|区直|县直|市属|省属|区属|县属|镇街|县区|区县|市县|乡镇|"
    r"[市区县省镇乡](?:级|直|属|内|外|场|民(?!政|族|宗)|委员|长|区|域|容|值|井|面|政(?![府协法])|中心)|"
    r"[市区县省](?:有关|相关|各)|区域|县域|省域|市域|国家[机工公干]|全国[各人]|中央[和与]|"
    r"国家和|国有|镇村|乡村|村居|社区|省会)"
)
_GENERIC_WHOLE = re.compile(
    r"^(?:.{0,3}(?:部门|单位|机关|系统|组织|机构)|.{0,2}中心组|小组|工作组|"
    r"办公室|政府|法院|检察院|司法所|学校|中学|小学|大学|医院|.*法治政府|.*法治社会)$"
)
_PARTY_DEPTS = (
    "宣传部",
    "组织部",
    "统战部",
    "政法委",
    "纪委",
    "政研室",
    "办公室",
    "编办",
    "网信办",
)


@dataclass(frozen=True)
class RawAgency:
    start: int
    end: int
    name: str


@lru_cache(maxsize=8192)
def kind_of(name: str) -> str:
    """The facts file's agency kind for a name."""
    if re.search(r"法院|中院|法庭", name):
        return "court"
    if "检察院" in name:
        return "procuratorate"
    if re.search(
        r"领导小组|协调小组|依法治|法治建设|普法办|委员会(?!.*局)|工作小组|专班|联席", name
    ):
        return "coordination"
    if re.search(r"人大", name):
        return "congress"
    if "政协" in name:
        return "cppcc"
    if re.search(r"大学|学院$", name):
        return "university"
    if re.search(r"学校|中学|小学|幼儿园", name):
        return "school"
    if re.search(r"团$|队$", name):
        return "team"
    if re.search(r"公司|集团|银行|支行|分行", name):
        return "enterprise"
    if re.search(
        r"[市县区省镇乡旗]委|党委|党组|党工委|纪委|宣传部|组织部|统战部|政法委|中共|党校", name
    ):
        return "party"
    if re.search(r"政府|局|厅|办|司法所|派出所|署|委$|部$", name):
        return "government"
    if re.search(r"中心|所$|站$|馆$|社$|台$|协会|学会|联合会|工会|妇联|工商联|团委|科协", name):
        return "institution"
    return "other"


def find_agencies(text: str, anchors: set[int], blocked: list[bool]) -> list[RawAgency]:
    """Agency names in ``text``.

    ``anchors`` are start offsets of division names (抚顺市, 沈阳); ``blocked`` marks characters
    already taken by longer spans, which an agency may not cross.
    """
    found: list[RawAgency] = []
    starts = set(anchors) | {
        m.start() for m in _ANCHOR_AT.finditer(text) if not _inside_word(text, m.start())
    }
    for m in _HEAD.finditer(text):
        end = m.end()
        head = m.group(0)
        if blocked[m.start()] or blocked[end - 1]:
            continue
        floor = left_boundary(text, m.start(), 26)
        # a division name the boundary cut (南和区: 和 read as "and") opens the name
        floor = next(
            (
                a
                for a in range(max(0, floor - 3), floor)
                if a in anchors and _joined(text, a, floor)
            ),
            floor,
        )
        if floor == m.start() and head not in ("中院",):
            # nothing before the head word: only a bare free head can stand (rare), skip
            continue
        start = None
        for a in range(floor, m.start()):
            if a in starts and not blocked[a]:
                if a > 0 and text[a - 1] in "全各" and a - 1 >= floor:
                    continue
                start = a
                break
        start = (
            _after_breaker(text, start, m.start(), anchors, blocked) if start is not None else None
        )
        if (
            start is not None
            and start not in anchors
            and text[start] in "乡镇"
            and 2 <= start - floor <= 3
            and _joined(text, floor, start)
            and (floor == 0 or text[floor - 1] in PUNCT)
        ):
            start = floor  # 、蕉山乡人民调解委员会: a listed town the gazetteer lacks opens the organ's name
        if start is None and _INNER_ORGAN.match(head) and text[floor : m.start()].endswith(_HOSTS):
            start = floor  # 南武中学团委: a school's (a firm's) own committee
        if start is None and head == "工作室" and text[floor - 1 : floor] == "“":
            start = floor  # “老杨调解工作室”: a studio the quotes name (not 检察工作室, a room)
        if start is None and head in _FREE_HEADS:
            start = floor
            specific = text[start : m.start()]
            if len(specific) < 2 or specific[0] in "进到在各全本该我其每" or specific[-1] == "进":
                continue
            if re.search(r"(?:中小学|大中小学|中小学校)$", text[start:end]):
                continue
        if start is None or _LEVELS.search(text, start, end):
            continue
        if any(blocked[i] for i in range(start, end)):
            continue
        name = text[start:end]
        if _GENERIC.match(name) or _GENERIC_WHOLE.match(name) or len(name) < 2:
            continue
        if name.endswith("常委"):
            continue
        count = _COUNT_IN.search(name)
        if count and not (count.start() == 0 and start in anchors):
            continue  # 有43所学校, 出台地方性法规2部: a count (五家渠市司法局: a division's name)
        if _APP_AFTER.match(text, end):
            continue  # “国家反诈中心”APP: an app's name
        if _DOC_NUMBER.match(text, end):
            continue  # 璧山委法办〔2024〕12号: a document's number, not the organ
        if _MEMBER_AFTER.match(text, end) and re.search(r"(?:人大|政协)$", name):
            continue  # 市人大代表、政协委员: a person's role, not the organ (but 人大代表建议 is its)
        found.append(RawAgency(start, end, name))
    # 路北区安全生产委员会（以下简称“区安委会”）: the short name the text declares is the organ's
    # wherever it is written, though its last character heads no name (会); not a word as short
    # as 中心 or 协会, which other names and words hold
    for a in list(found):
        short = SHORT_FOR.match(text, a.end)
        if short is None or len(short.group(1)) < 3:
            continue
        for m in re.finditer(re.escape(short.group(1)), text):
            if not any(blocked[m.start() : m.end()]):
                found.append(RawAgency(m.start(), m.end(), m.group(0)))
    # longest first, no overlaps
    found.sort(key=lambda a: (-(a.end - a.start), a.start))
    taken: list[RawAgency] = []
    for a in found:
        if all(a.end <= b.start or b.end <= a.start for b in taken):
            taken.append(a)
    taken.sort(key=lambda a: a.start)
    return taken


def _joined(text: str, a: int, b: int) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text[a:b])


_BREAKERS = re.compile(
    r"文件|转发|印发|下发|名义|要求|精神|通知|情况|以及|同志|领导|干部|人员|群众|负责人|会议|活动|"
    r"期间|开展|推进|召开|举办|联合|邀请|组织开展|号召|带领|指导下|支持下|\d+年|地处|位于|"
    r"重视|高度|坚持|加强|深入|落实|贯彻|审议|听取|建立|完善|实现|领导下|"
    r"支持|负责|印发|会同|参加|出席|提请|制定|修改|办理|接受|清理|推动|督促|部署|通过|覆盖|走进|深入|"
    r"审查|审核|提出|受理|办结|收到|作出|发布|建成|组建|运行|执行|修订|颁布|签订|审批|评为"
)


_WORD_BEFORE_LEVEL = {
    "区": set("辖地社园小城景片山校街郊矿林警院厂"),
    "市": set("城超都门股夜集"),
    "县": set("郡"),
    "州": set("神"),
}


# the short name a text declares for what it has just named: （以下简称“区应急局”）, (简称市司法局)
SHORT_FOR = re.compile(r"[（(](?:以下)?简称[:：]?[“\"]?([\u4e00-\u9fff]{2,12}?)[”\"]?[）)]")
_COUNT_IN = re.compile(r"(?:\d|[一二两三四五六七八九十百千万])[余多]?(?:所|名|个|家|位|部|支|座)")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,4}[〔［\[]\s*(?:19|20)\d{2}\s*[〕］\]]")
_APP_AFTER = re.compile(r"[”\"]?\s*(?:APP|App|app|客户端|小程序|公众号)")
_INNER_ORGAN = re.compile(r"团委|党委|党总支|党支部|工会")
_HOSTS = ("中学", "小学", "学校", "大学", "学院", "医院", "公司")
_MEMBER_AFTER = re.compile(r"(?:代表|委员)(?!会|建议|提案|议案)")
_ANCHOR_AT = re.compile(f"(?=(?:{_ANCHOR.pattern}))")
_LEVELS = re.compile(r"[两三四五各多]级")


def _inside_word(text: str, a: int) -> bool:
    """A level word that ends another word (辖区, 城市, 社区) anchors no name."""
    return a > 0 and text[a - 1] in _WORD_BEFORE_LEVEL.get(text[a], ())


def _after_breaker(
    text: str, start: int, head_start: int, anchors: set[int], blocked: Any
) -> int | None:
    """Re-anchor a name that runs over words no organ name contains (…办文件转发省委…办)."""
    last = None
    for m in _BREAKERS.finditer(text, start, head_start):
        if m.group(0) == "活动" and text[m.end() : m.end() + 1] in ("中", "室", "站"):
            continue  # 青少年活动中心: a name, not an activity
        last = m
    if last is None:
        return start
    for a in range(last.end(), head_start):
        if blocked[a]:
            continue
        if a in anchors or (_ANCHOR.match(text, a) and not _inside_word(text, a)):
            return a
    return None


# the term of a congress or a government (十五届), which is no part of the organ's name
TERM = re.compile(r"第?[一二三四五六七八九十]{1,3}届")


@lru_cache(maxsize=8192)
def without_term(name: str) -> str:
    """An organ's name without its term: 市十五届人大常委会 → 市人大常委会, 南宁市十五届市人民政府 →
    南宁市人民政府, 十四届全国人大常委会 → 全国人大常委会."""
    return re.sub(rf"([省市县区州旗]?){TERM.pattern}\1", r"\1", name)


_STANDARD = (
    (re.compile(r"人民代表大会常务委员会$"), "人大常委会"),
    (re.compile(r"人大$"), "人大常委会"),
    (re.compile(r"人民政府$"), "政府"),
    (re.compile(r"政治协商会议(?:.{0,4}委员会)?$"), "政协"),
)


@lru_cache(maxsize=8192)
def standard_form(name: str) -> str:
    """The short standard form of a leading organ (市人大 → 市人大常委会, 市人民政府 → 市政府)."""
    for rx, repl in _STANDARD:
        if rx.search(name):
            return rx.sub(repl, name)
    return name


_ABBREVIATIONS = (
    (re.compile(r"^(.{2,8}?)市?中院$"), r"\1市中级人民法院"),  # 宜昌中院
    (
        re.compile(r"(?<![第一二三四五六七八九十])([一二三四五六七八九十]{1,3})中$"),
        r"第\1中学",
    ),  # 市二中
    (re.compile(r"^团(.{0,8}[省市县区旗])委$"), r"共青团\1委员会"),  # 团区委
)


@lru_cache(maxsize=8192)
def unabbreviate(name: str) -> str:
    """The full form of an organ the genre abbreviates: 宜昌中院 → 宜昌市中级人民法院,
    宜昌市二中 → 宜昌市第二中学, 团区委 → 共青团区委员会."""
    for rx, repl in _ABBREVIATIONS:
        name = rx.sub(repl, name)
    return name


def is_party_dept(name: str) -> bool:
    return name.endswith(_PARTY_DEPTS)
