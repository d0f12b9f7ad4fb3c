"""Counts: a numeral, 万/千/亿, a qualifier (余 多 以上 近 约 左右 不足 …) and a measure word.

``6.5万份`` → 65000 份 exact; ``千余条`` → 1000 条 over; ``近8600余人次`` → 8600 人次 approx;
``一百五十余场次`` → 150 场次 over. Not counts: ordinals (第一次), dates, vague numbers (数万),
structure (4个方面, a law's 6章65条), fixed phrases (五位一体), the article 一 (一次, 一批, 一起).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgraph.extract.numerals import number_value

UNITS = [
    "卷",
    "人次",
    "场次",
    "件次",
    "期次",
    "批次",
    "户次",
    "车次",
    "条次",
    "个次",
    "课时",
    "小时",
    "学时",
    "平方米",
    "公里",
    "千米",
    "万元",
    "名",
    "人",
    "场",
    "份",
    "册",
    "本",
    "条",
    "件",
    "个",
    "次",
    "期",
    "家",
    "所",
    "幅",
    "块",
    "张",
    "篇",
    "户",
    "起",
    "项",
    "处",
    "座",
    "栋",
    "套",
    "部",
    "台",
    "辆",
    "支",
    "批",
    "堂",
    "节",
    "元",
    "种",
    "类",
    "位",
    "间",
    "片",
    "袋",
    "盒",
    "组",
    "队",
    "款",
    "集",
    "封",
    "首",
    "枚",
    "棵",
    "株",
    "把",
    "道",
    "门",
    "单",
    "宗",
    "例",
    "余",
]
_UNIT_RE = "|".join(sorted((u for u in UNITS if u != "余"), key=len, reverse=True))
_PREFIX_Q = r"不少于|不低于|至少|近|约|大约|将近|接近|超过|逾|超|不足|不到|不超过|多达|最高"
_NUM = r"\d+(?:[.,，]\d+)*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+"

_QUANTITY = re.compile(
    r"(?=[近约大将接超逾不至多最\d零〇一二两三四五六七八九十百千万亿])"
    rf"(?P<pre>{_PREFIX_Q})?"
    rf"(?P<num>{_NUM})?"
    r"(?P<q1>余|多)?"
    r"(?P<mul>千万|百万|万|亿)?"
    r"(?P<q2>余|多|以上|左右|以下)?"
    rf"(?P<unit>{_UNIT_RE})"
    r"(?P<q3>以上|左右|以下|余)?"
)
_STRUCTURE_AFTER = re.compile(
    r"[“\"「]|百分点|方面|部分|环节|重点|主题(?![展馆园])|议程|议题|要点|问题|层面|阶段|目标|任务|原则|坚持|字|篇章|专题|"
    r"板块|模块|步骤|维度|领域|注重|着力|必须|突出|聚焦|强化|提升|统筹|结合|抓手|一体|全面|"
    r"载体|机制|平台|体系|工程|行动|服务|作用|意识|能力|到位|覆盖|率|%|倍|届|年|月|日|岁"
)
_BAD_UNIT_AFTER = {
    "部": "门署分",
    "期": "间待望末初限",
    "人": "民员士大",
    "家": "庭属长乡园",
    "个": "人体性别案",
    "本": "地级部单人市县区次着",
    "项": "目",
    "条": "例款件",
    "门": "户",
    "处": "理置罚",
    "道": "路德",
    "集": "中体",
    "名": "义单称录",
    "类": "型别",
    "种": "类",
    "起": "来到草诉点步",
    "单": "位",
    "队": "伍",
    "组": "织成建",
    "节": "目日约点",
    "台": "账",
    "位": "置于",
    "座": "谈",
    "批": "准评复",
    "场": "所景合地馆",
    "次": "会",
    "间": "隔",
    "套": "班",  # 四套班子: the four leading bodies, a fixed term
    "篇": "章",
}
_AGREEMENT_BEFORE = set("民公条契规")  # 村规民约, 公约, 条约, 契约, 规约
_VAGUE_BEFORE = set("数几上成若每第多周约近逾超星礼")
_QUALIFIER = {
    "余": "over",
    "多": "over",
    "以上": "over",
    "超过": "over",
    "逾": "over",
    "超": "over",
    "多达": "exact",
    "最高": "exact",
    "近": "approx",
    "约": "approx",
    "大约": "approx",
    "将近": "approx",
    "接近": "approx",
    "左右": "approx",
    "不足": "under",
    "不少于": "over",
    "不低于": "over",
    "至少": "over",
    "不超过": "under",
    "不到": "under",
    "以下": "under",
}
_COUNT_VERBS = re.compile(
    r"(?:发放|分发|赠送|印制|印发|制作|悬挂|张贴|摆放|设置|接受|解答|举办|举行|开展|组织|召开|"
    r"参加|参与|覆盖|受教育|教育|培训|走访|播放|发布|推送|刊播|刊发|报送|整理|调处|化解|受理|办理|"
    r"提供|出动|派出|深入|达到|达|共计|共|累计|总计|合计|吸引|涉及|惠及|服务|成立|建成|建立|组建|"
    r"创建|新建|打造|为|向|给|有|现场)"
)
_CLAUSE_STOP = "，。；、：,;:！？\n（）()“”"


@dataclass(frozen=True)
class RawQuantity:
    start: int
    end: int
    value: float
    unit: str
    qualifier: str
    marker: str | None
    counted: str


_CHAPTERS_BEFORE = re.compile(r"(?:\d+|[一二三四五六七八九十]+)章$")
_WITHIN_AFTER = re.compile(r"(?:之|以)?内|后|值|在线|服务热线|不间断")
_RATE_BEFORE = re.compile(r"每(?:月|周|季度|年|天|日|半年|学期)[^，。；、\d]*$")


def find_quantities(text: str) -> list[RawQuantity]:
    """Every count in ``text`` (offsets into it)."""
    out: list[RawQuantity] = []
    for m in _QUANTITY.finditer(text):
        num, mul, unit = m.group("num"), m.group("mul"), m.group("unit")
        if not num and not (mul and (m.group("q1") or m.group("q2"))):
            continue  # a bare 万/千 is a figure of speech (进万家, 万人), not a count (万余人 is)
        if num and not num[0].isdigit() and num in ("一", "〇", "零", "两", "二"):
            continue  # 一次, 一批, 一起: articles, not counts
        if num in ("百", "千") and not (m.group("pre") or m.group("q1") or m.group("q2")):
            continue  # 千家万户, 百姓: a bare 百/千 is a figure of speech too (千余条 counts)
        s, e = m.span()
        pre = m.group("pre")
        if pre == "约" and text[s - 1 : s] in _AGREEMENT_BEFORE:
            s, pre = s + 1, None  # 村规民约210余份: the 约 ends a word, it qualifies nothing
        before = text[s - 1] if s else ""
        if (
            before in _VAGUE_BEFORE
            and not pre
            and before != "约"
            and not (before == "成" and text[s - 2 : s - 1] in ("组", "分", "编", "结"))
        ):  # 组成4个督察组, 分成8个小分队: 成 ends the verb; 上千, 数十, 成百 are vague
            continue
        if before and (
            before.isdigit() or before in ".．" or (before.isascii() and before.isalpha())
        ):
            continue
        if _RATE_BEFORE.search(text, max(0, s - 12), s):
            continue  # 每月至少开展1次, 力争每年接待…不少于1万人次: a rate or a target, not a count
        after = text[e : e + 4]
        if (
            unit in _BAD_UNIT_AFTER
            and after[:1]
            and after[0] in _BAD_UNIT_AFTER[unit]
            and not (unit == "个" and after.startswith("人民"))  # 127个人民调解委员会
        ):
            continue
        if (
            unit in ("个", "项", "类", "种", "部", "条", "大")
            and _STRUCTURE_AFTER.match(after)
            and not (num and num[0].isdigit() and after[:1] in '“"「')
        ):
            continue  # 三个“一批”, 4个方面, 4.1个百分点: structure (20个“金牌调解室”: a count)
        if unit == "小时" and (num in ("24", "二十四") or _WITHIN_AFTER.match(after)):
            continue  # 24小时值守, 2小时内: a service's hours or a deadline, not hours given
        if unit == "名" and after[:1] in ("列", "次"):
            continue
        if (unit == "位" and after.startswith("一体")) or (
            unit == "条" and _CHAPTERS_BEFORE.search(text, max(0, s - 6), s)
        ):
            continue  # 五位一体: a fixed phrase; 共6章65条: a law's structure, not a count
        value = number_value(num or "", mul or "")
        if value is None or value <= 0:
            continue
        if num and num[-1] in "百千" and mul and not num[0].isdigit():
            pass
        quals = [q for q in (pre, m.group("q1"), m.group("q2"), m.group("q3")) if q]
        marker = "…".join(quals) if quals else None
        qualifier = _QUALIFIER[quals[0]] if quals else "exact"
        if unit == "万元":
            unit = "元"
            value *= 10_000
        if value == int(value):
            value = float(int(value))
        counted = _counted(text, s, e) or unit
        out.append(RawQuantity(s, e, value, unit, qualifier, marker, counted))
    return out


def _counted(text: str, start: int, end: int) -> str:
    """What was counted: the noun after the count (800余个社区) or before it (资料6.5万份)."""
    j = end
    while j < len(text) and j - end < 10 and text[j] not in _CLAUSE_STOP:
        j += 1
    after = text[end:j]
    m = _COUNT_VERBS.search(after)
    if m:
        after = after[: m.start()]
    after = after.strip("的等")
    if len(after) >= 2:
        return after
    i = start
    while i > 0 and start - i < 16 and text[i - 1] not in _CLAUSE_STOP:
        i -= 1
    before = text[i:start]
    last = None
    for m in _COUNT_VERBS.finditer(before):
        last = m
    if last:
        before = before[last.end() :]
    before = re.sub(r"^(?:了|各类|各种|各项|多种|共|累计|达|近|约|等|总计)+", "", before)
    before = re.sub(r"(?:共|累计|达到?|总计|合计|等)+$", "", before)
    return before if len(before) >= 2 else ""
