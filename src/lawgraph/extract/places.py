"""Places: administrative divisions named in the text (from the gazetteer), and the towns,
villages, communities and venues a report names (城关镇, 和平社区, 市委党校礼堂, 人民广场)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from lawgraph.extract.chunks import left_boundary
from lawgraph.gazetteer import Division, divisions

_LEVEL_SUFFIX = "省市区县旗州盟"
_LEVEL_RE = re.compile(f"[{_LEVEL_SUFFIX}]")
# Verbs that join two organs (县司法局会同县民政局) and open a division's name (会同县).
_JOINING_VERBS = ("会同", "联合", "协同", "配合")
_ORGAN_BEFORE = re.compile(r"[局委院办所部厅处队团站社馆]")


# What follows a place's short name in the name of an organ's account (龙华检察, 察布查尔司法行政)
ACCOUNT_WORD = re.compile(r"(?:检察|司法|公安|普法|政法|发布)(?![院局所厅处委机])")


@dataclass(frozen=True)
class RawDivision:
    start: int
    end: int
    candidates: tuple[Division, ...]  # more than one when the name is ambiguous
    short: bool  # written as a short name (抚顺 for 抚顺市)


@cache
def _names() -> tuple[dict[str, tuple[Division, ...]], dict[str, tuple[int, ...]]]:
    g = divisions()
    names: dict[str, list[Division]] = {}
    for d in g.by_code.values():
        abbrs = [a for a in autonomy_abbreviations(d) if len(a) >= 3]  # 察县 only anchors
        for form in {d.name, d.full_name, banner_abbreviation(d.name), *abbrs}:
            if len(form) >= 2:
                names.setdefault(form, []).append(d)
    lengths: dict[str, set[int]] = {}
    for form in names:
        lengths.setdefault(form[-1], set()).add(len(form))
    return (
        {k: tuple(v) for k, v in names.items()},
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
    )


def banner_abbreviation(name: str) -> str:
    """The abbreviation the genre writes for a banner of Inner Mongolia: 土默特左旗 → 土左旗,
    科尔沁右翼前旗 → 科右前旗 ("" when the name is no such banner)."""
    m = re.fullmatch(r"(.).+?([左右])翼([前中后])旗", name) or re.fullmatch(
        r"(.).{2,}?([左右前中后])旗", name
    )
    return "".join(m.groups()) + "旗" if m else ""


def autonomy_abbreviations(d: Division) -> list[str]:
    """The abbreviations the genre writes for an autonomous county, prefecture or banner, longest
    first: its short name, or the start of it, and its level — 禄劝彝族苗族自治县 → 禄劝县,
    察布查尔锡伯自治县 → 察布查尔县 … 察县, 伊犁哈萨克自治州 → 伊犁州 ([] for others)."""
    m = re.search(r"自治([县州旗])$", d.name)
    if not m or not d.short_name:
        return []
    return [d.short_name[:k] + m.group(1) for k in range(len(d.short_name), 0, -1)]


# Districts named by a common noun (阳泉市城区, 铜陵市郊区): bare, they are the noun.
_COMMON_NOUNS = frozenset({"城区", "郊区", "矿区"})


def _parent_named(text: str, d: Division) -> bool:
    parent = divisions().by_code.get(d.parent_code)
    return parent is not None and parent.name in text


@cache
def short_names() -> dict[str, tuple[Division, ...]]:
    out: dict[str, list[Division]] = {}
    for d in divisions().by_code.values():
        if d.short_name and len(d.short_name) >= 2:
            out.setdefault(d.short_name, []).append(d)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=512)
def find_divisions(text: str) -> tuple[RawDivision, ...]:
    """Divisions written by name or full name (抚顺市, 辽宁省抚顺市, 新抚区)."""
    names, lengths = _names()
    out: list[RawDivision] = []
    for m in _LEVEL_RE.finditer(text):
        end = m.end()
        ch = m.group(0)
        for length in lengths.get(ch, ()):
            start = end - length
            if start >= 0 and text[start:end] in names:
                if (
                    length == 2
                    and text[start] in "和与及在对为从向到共同各全本"
                    and not re.match(r"人民|委|政府|人大|政协", text[end : end + 2])
                ):
                    break
                if text[start:end] in _COMMON_NOUNS and not any(
                    _parent_named(text, d) for d in names[text[start:end]]
                ):
                    break  # 中心城区, 郊区: a common noun, unless its city is named (阳泉市 … 城区)
                if text[start : start + 2] in _JOINING_VERBS and _ORGAN_BEFORE.match(
                    text[start - 1 : start]
                ):
                    break  # 县司法局会同县民政局: 会同 joins two organs, 县 opens the second
                if out and out[-1].end > start:
                    if out[-1].end - out[-1].start >= length:
                        break
                    out.pop()
                out.append(RawDivision(start, end, names[text[start:end]], False))
                break
    return tuple(out)


def find_short_names(text: str, allowed: dict[str, Division]) -> list[RawDivision]:
    """Short names (抚顺 for 抚顺市) of the divisions in ``allowed`` (short name → division)."""
    if not allowed:
        return []
    rx = re.compile("|".join(sorted(map(re.escape, allowed), key=len, reverse=True)))
    out = []
    for m in rx.finditer(text):
        nxt = text[m.end() : m.end() + 1]
        if nxt and nxt in _LEVEL_SUFFIX:
            continue  # the full name, found by find_divisions
        if ACCOUNT_WORD.match(text, m.end()):
            continue  # 龙华检察: an organ's account, not the place
        out.append(RawDivision(m.start(), m.end(), (allowed[m.group(0)],), True))
    return out


# Towns, communities, villages and venues. The name runs left from the head to a boundary.
_LOCAL_HEAD = re.compile(
    r"(?:街道|镇(?![长委政党人])|乡(?![长委政党人村镇])|社区(?![矫居服网工戒民委党])|"
    r"村(?![委民长党级寨庄规组里干]|入户)|示范区|开发区|投资区|高新区|经开区|新区|工业园区|广场|公园|礼堂|会议室|报告厅|多功能厅|大厅|剧院|剧场|体育馆|图书馆|"
    r"纪念馆|博物馆|文化馆|文化宫|展览馆|步行街|景区|文化中心|活动中心|照料中心|市民中心|市民之家|会展中心|会议中心|行政中心|金融中心|大厦|服务大厅|党群服务中心|法治长廊|"
    r"物流园|化工园|产业园|"
    r"主题公园|文化广场|法治广场|法治公园|实训基地|教育基地|交易市场|农贸市场|集贸市场|批发市场|圩场|集市|市场(?![监主化经营体秩准]|过程)|鼓楼(?![区坪街])|活动室|大街(?!小巷)|"
    r"(?<=第[一二三四五六七八九十\d])(?:审判庭|法庭))"  # 第一法庭: a numbered courtroom
)
_GENERIC_LOCAL = re.compile(
    r"^(?:各|全|该|本|我|其|多|这|那|辖区|部分|个别|一些|少数|所在|所属|有关|相关|重点|城乡|农村|城市|基层|偏远|周边|每个|嘎查|"
    # a count (20个社区, 三镇), not a name that opens with a numeral (三十里铺村, 八塘镇, 三峡坝区)
    r"[\d一二三四五六七八九十百千万两]+(?:[个所家座处名多余批类级条支户位]|(?=镇|乡|村|社区|街道)))"
)


_SPREAD = re.compile(r"总结|推广|借鉴|复制")
_LOCATIVE = re.compile(r"门口|入口|大门|内|外|旁|周边|附近|一带")
_KIND_ONLY = re.compile(r"(?:法治|文化|主题|宪法|民法典|普法|廉政|红色|国家安全|禁毒|教育)*")
_COUNT_IN_NAME = re.compile(r"[\d一二三四五六七八九十两]+[个所家座]")


@dataclass(frozen=True)
class RawLocal:
    start: int
    end: int
    kind: str  # venue | community | division | other


def find_locals(text: str) -> list[RawLocal]:
    """Towns, streets, villages, communities and venues (the name and its head word)."""
    out: list[RawLocal] = []
    for m in _LOCAL_HEAD.finditer(text):
        head = m.group(0)
        start = left_boundary(text, m.start(), 14)
        if text[start - 1 : start] in ("和", "与") and text[start : start + 1] in ("镇", "乡"):
            # 忠和镇盐池村: the boundary cut a town's name at its 和, read as "and"
            town = left_boundary(text, start - 1, 4)
            if 0 < start - 1 - town <= 3:
                start = town
        if re.match(r"县城|城区|市区|镇区|辖区", text[start : m.start() - 1]):
            start += 2  # 县城双凤公园: the town as a locator is no part of the name
        spread = [v.end() for v in _SPREAD.finditer(text, start, m.start())]
        if spread:
            start = spread[-1]  # 总结推广东泉镇经验: the town whose experience is spread
        name = text[start : m.end()]
        if re.search(
            r"实现|开展|推进|建设|建成|创建|评为|命名|获评|民主法治|每|各|前往|来到|到|在|全年|新[建增](?=..)",
            text[start : m.start()],
        ):
            continue
        bare_venue = (
            (m.start() == start or text[start : m.start()] in ("市", "县", "区", "镇", "乡"))
            and len(head) >= 4
            and text[start - 1 : start] in ("在", "于")
        )
        if (
            (m.start() - start < 2 and not bare_venue)
            or (_GENERIC_LOCAL.match(name) and not _listed_name(text, start, head))
            or "进" in name
        ):
            continue
        if text[start - 1 : start] == "的" and _KIND_ONLY.fullmatch(text, start, m.start()):
            continue  # 以宪法为主题的法治文化公园: what kind of park, no name
        if _COUNT_IN_NAME.search(name):  # 覆盖全区5个镇: a count of towns names none
            continue
        if any(q in name for q in '“”"') or ("示范" in name and head in ("村", "社区")):
            continue
        if re.fullmatch(r"送.{1,3}下乡", name) or (
            text[m.start() - 1] == "全" and head in ("镇", "乡", "街道", "村", "社区")
        ):
            continue  # 送法下乡: a slogan's verb; 来自全镇: the whole town, not a name
        if head in ("集市", "圩场") and text[m.start() - 1 : m.start()] in ("镇", "乡"):
            continue  # 宁固镇集市: the town's market day, the place is the town (湾井圩场 is a name)
        if head == "市场" and not (
            text[start - 1 : start] in ("在", "于") or _LOCATIVE.match(text, m.end())
        ):
            continue  # 在龙岐市场, 龙岐市场门口: a market as a venue, not 金融市场 as a sector
        if re.match(r"等(?:形式|方式|载体|手段)", text[m.end() :]):
            continue  # VR互动、情景剧场等形式: a form of display, not a venue
        if (_LOCAL_HEAD.fullmatch(text[start : m.start()]) and len(head) < 4) or (
            head in ("村", "社区") and text[m.start() - 1] in "农城乡"
        ):
            continue
        if head in (
            "镇",
            "乡",
            "街道",
            "示范区",
            "开发区",
            "投资区",
            "高新区",
            "经开区",
            "新区",
            "工业园区",
        ):
            kind = "division"
            if m.start() - _after_divisions(text, start, m.start()) > 6:
                continue
        elif head in ("社区", "村"):
            kind = "community"
            # 孙扎齐牛录镇乌珠牛录村: a village written after its town is one place
            town = re.match(r".{2,8}?(?:镇|乡|街道)(?=..)", text[start : m.start()])
            if m.start() - (start + town.end() if town else start) > 8:
                continue
        else:
            kind = "venue"
        out.append(RawLocal(start, m.end(), kind))
    return out


def _listed_name(text: str, start: int, head: str) -> bool:
    """Whether the name at ``start`` follows another of its kind in a 、-list (柳泉镇、韩城镇、三乡镇:
    a name, though it opens with a numeral)."""
    return (
        text[start - 1 : start] == "、" and text[max(0, start - 1 - len(head)) : start - 1] == head
    )


def _after_divisions(text: str, start: int, end: int) -> int:
    """Where a town's own name starts after the divisions written before it (遵义市湄潭县永兴镇)."""
    cut = start
    for d in find_divisions(text[start:end]):
        if start + d.start == cut:
            cut = start + d.end
    return cut
