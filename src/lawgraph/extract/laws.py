"""Laws: names the law gazetteer knows, with or without 《》, and statutes in 《》 it does not.

A short form is a Law only when it refers to the statute, not when it modifies a noun in a stock
compound (宪法精神, 宪法意识, 宪法宣传, 宪法法律 …) or sits inside a campaign name (宪法宣传周),
which is a longer span and wins anyway. 《》 titles that are not statutes (plans, notices, books)
are Documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lawgraph.gazetteer import Law, laws

_PRC = "中华人民共和国"
# Words after a law's name that make it an attributive modifier, not a reference.
_ATTRIBUTIVE = re.compile(
    r"精神|意识|权威|知识|宣传|宣誓|学习|法律|教育|素养|至上|文化|主题|读本|竞赛|宣讲|普法|讲座|"
    r"进|日|周|月|广场|公园|长廊|主题|专题|理念|思维|观念|信仰|修改|修正|颁布|誓词|漫画|"
    r"小屋|墙|角|展|课|书|知识|精髓|要义|基本原则|赋予|确立|之|相关|集中|晨读|晨诵|诵读|朗读|"
    r"故事|公开课|快闪|征文|演讲|手抄报|绘画|书法|微视频|动漫|宣讲团|讲师团|解读|公益|普及"
)
_TAUGHT = re.compile(
    r"公开课|晨读|集中|宣传|宣讲|讲座|专题|知识|学习|普法|讲堂|课|进|主题|读本|辅导|报告|培训|解读"
)
# Characters after 法 that make it part of a longer word (法治, 法律, 法规, 法院, 法条 …).
_CONTINUES = set("治律规院庭官制理学典条人务援")
# …but the articles of a law are the law's: 法律援助法条文释义, 宪法条款; and what it provides:
# 未成年人保护法规定的“六大保护” (the law is the subject of 规定, a referring use)
_ARTICLES = ("条文", "条款", "规定")
_STATUTE_TITLE = re.compile(r"(?:法|法典|条例|规定|办法|细则|规则|规程|决定（[^）]*）|守则)$")
# (an assessment's rules are a policy too: 《…普法责任制考核评价办法》)
_POLICY = re.compile(
    r"纲要|规划|意见|通知|方案|要点|计划|清单|报告|指南|手册|读本|汇编|问答|\d+问|知识|"
    r"(?:考核|考评|评价|评分|评估)(?:评价|评分|实施)?(?:办法|细则|规则)$"
)
_BARE_STATUTE = re.compile(
    r"(?:中华人民共和国|[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市))[^，。、；：“”《》\s\d]{2,18}?"
    r"(?:条例|法(?![治律规院庭官制理学典条人务援普所局厅])|实施办法|办法|规定)"
)
_TITLE = re.compile(r"《([^《》\n]{1,80})》")
# A 、-list of three or more short names: 婚姻法、继承法、民法通则 — statutes the gazetteer may lack
# (repealed, renamed). A word ending in 法 after a verb (学法、守法、用法, 以案释法) is not one.
_LIST = re.compile(r"(?<![\u4e00-\u9fa5])(?:[\u4e00-\u9fa5]{2,12}、){2,}[\u4e00-\u9fa5]{2,16}")
_LAW_NAME = re.compile(r"[\u4e00-\u9fa5]{1,9}?(?:法|通则|总则)")
_VERB_LAW = re.compile(r"[普释找靠依学守执立违懂知讲说看想做办方手写用]法$")
_LIST_LEAD = re.compile(
    r"^(?:学习|宣传|宣讲|解读|讲解|讲授|普及|围绕|结合|包括|涉及|以及|及|和|与|对|将|把|了)+"
)
# 推动民法典进农村、进社区; a headline 民法典进工地 法律服务暖人心: the law that goes somewhere
# is named (not 开展宪法进机关活动, a programme's name, nor a numbered heading 二、宪法进机关)
_GOES_INTO = re.compile(r"(?:推动|推进|促进|^|\n)$")
_NAME_STOP = re.compile(r"[的和与及等在对为是将了、]")


@dataclass(frozen=True)
class RawLaw:
    start: int
    end: int
    title: str  # gazetteer title, or the name as written for an unlisted statute
    listed: bool
    category: str | None
    bracketed: bool


@dataclass(frozen=True)
class RawTitle:
    """A 《》 title that is not a statute."""

    start: int
    end: int
    title: str


@cache
def _forms_by_last() -> tuple[dict[str, Law], dict[str, tuple[int, ...]]]:
    forms = {f: law for f, law in laws().forms().items() if len(f) >= 2}
    lengths: dict[str, set[int]] = {}
    for f in forms:
        lengths.setdefault(f[-1], set()).add(len(f))
    return forms, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


@cache
def _shapes() -> frozenset[tuple[str, int, str]]:
    """(last character, length, first character) of every form: a cheap test before a lookup."""
    forms, _ = _forms_by_last()
    return frozenset((f[-1], len(f), f[0]) for f in forms)


@cache
def _end_chars() -> re.Pattern[str]:
    """The last characters of every law's name (法, 例, 定 …): where a name can end."""
    _, lengths = _forms_by_last()
    return re.compile("[" + re.escape("".join(sorted(lengths))) + "]")


def _unlisted_title(name: str) -> str:
    """The full title of a national law the gazetteer lacks (婚姻法 → 中华人民共和国婚姻法)."""
    if (
        name.endswith(("法", "通则", "总则"))
        and not name.startswith(_PRC)
        and not re.search(r"[省市县区州]", name)
    ):
        return _PRC + name
    return name


def find_laws(text: str) -> tuple[list[RawLaw], list[RawTitle], list[RawLaw]]:
    """Laws, other 《》 titles, and *hints*: a law's name as the topic of a lecture or a
    publicity drive (宪法宣讲, 民法典专题讲座) — not a mention, but what the event promotes."""
    forms, lengths = _forms_by_last()
    shapes = _shapes()
    found: list[RawLaw] = []
    titles: list[RawTitle] = []
    covered: list[tuple[int, int]] = []
    extra: dict[str, tuple[str, str | None]] = {}
    for m in _TITLE.finditer(text):
        name = m.group(1).strip()
        s, e = m.start(1), m.end(1)
        covered.append((m.start(), m.end()))
        law = laws().resolve(name)
        if law is not None and law.category in (
            "宪法",
            "法律",
            "行政法规",
            "地方性法规",
            "部门规章",
        ):
            found.append(RawLaw(s, e, law.title, True, law.category, True))
        elif _STATUTE_TITLE.search(name) and not _POLICY.search(name) and "关于" not in name:
            title = _unlisted_title(name)
            category = "法律" if title.startswith(_PRC) else _category(name)
            found.append(RawLaw(s, e, title, False, category, True))
            extra[name] = (title, category)
        else:
            titles.append(RawTitle(s, e, name))
    bare: list[RawLaw] = []
    hints: list[RawLaw] = []
    from lawgraph.extract.places import find_divisions

    starts = [d.start for d in find_divisions(text) if d.candidates[0].level != "county"]
    starts += [m.start() for m in re.finditer(_PRC, text)]
    for st in sorted(set(starts)):
        m = _BARE_STATUTE.match(text, st)
        if m is None:
            continue
        name = m.group(0)
        if any(s <= m.start() < e for s, e in covered) or laws().resolve(name) is not None:
            continue
        if (
            _POLICY.search(name)
            or "关于" in name
            or re.search(r"[局委院厅办部](?=规定|办法|条例)", name)
        ):
            continue
        if re.search(r"委员会|领导小组|办事处|联合|会同|[委局厅]", name[3:-1]):
            continue
        if name.startswith(_PRC) or _starts_with_division(name):
            extra.setdefault(
                name, (_unlisted_title(name), "法律" if name.startswith(_PRC) else _category(name))
            )
    for name in _listed_names(text):
        if laws().resolve(name) is None:
            extra.setdefault(name, (_unlisted_title(name), "法律"))
    for name, known in list(extra.items()):
        # 法治宣传教育条例 after 《河北省法治宣传教育条例》: the regulation without its division
        short = _without_division(name)
        if len(short) >= 5 and short.endswith(("条例", "办法", "规定")):
            extra.setdefault(short, known)
    ci = 0
    covered.sort()
    extra_at: dict[int, tuple[int, str, str | None]] = {}
    for name, (title, category) in extra.items():
        i = text.find(name)
        while i >= 0:
            extra_at.setdefault(i + len(name), (i, title, category))
            i = text.find(name, i + 1)
    ends = {m.end() for m in _end_chars().finditer(text)} | set(extra_at)
    for end in sorted(ends):
        ch = text[end - 1]
        if ch == "法" and _continues(text, end) and end not in extra_at:
            continue  # 法治, 法律, 法院 …: not the end of a law's name
        while ci < len(covered) and covered[ci][1] <= end - 1:
            ci += 1
        if ci < len(covered) and covered[ci][0] < end:
            continue
        match = None
        for length in lengths.get(ch, ()):
            start = end - length
            if start < 0 or (ch, length, text[start]) not in shapes:
                continue
            form = text[start:end]
            if form in forms:
                match = (start, forms[form].title, True, forms[form].category)
                break
        if end in extra_at and (
            match is None
            or (extra_at[end][0] < match[0] and _only_divisions(text[extra_at[end][0] : match[0]]))
        ):
            # 山西省法律援助条例: a province's statute named like a national one is the longer name
            s0, title0, category0 = extra_at[end]
            match = (s0, title0, False, category0)
        if match is None:
            continue
        start, title, listed, category = match
        if category not in ("宪法", "法律", "行政法规", "地方性法规", "部门规章"):
            continue
        if ci < len(covered) and covered[ci][0] < end and start < covered[ci][1]:
            continue
        nxt = text[end : end + 4]
        if ch == "法" and _continues(text, end):
            continue
        if (
            _ATTRIBUTIVE.match(nxt)
            and not nxt.startswith(("的", "和", "与"))
            and not (nxt.startswith("进") and _GOES_INTO.search(text, max(0, start - 2), start))
            and not (nxt.startswith("宣誓") and text[start - 1 : start] == "向")
        ):  # 向宪法宣誓: the constitution one swears to is named (宪法宣誓 is the ceremony's word)
            if _TAUGHT.match(nxt):
                hints.append(RawLaw(start, end, title, listed, category, False))
            continue
        if _in_longer_quote(text, start, end):
            continue  # “宪法小卫士”: a word of a quoted name, not the law
        if bare and bare[-1].end > start:
            if bare[-1].end - bare[-1].start >= end - start:
                continue
            bare.pop()
        bare.append(RawLaw(start, end, title, listed, category, False))
    for i in range(len(bare) - 1, -1, -1):
        law = bare[i]
        joiner = text[law.end : law.end + 1]
        nxt = [h for h in hints if h.start == law.end + 1] if joiner in "、和与及" else []
        if nxt:
            hints.append(law)
            del bare[i]
    found.extend(bare)
    found.sort(key=lambda r: r.start)
    return found, titles, hints


def _continues(text: str, end: int) -> bool:
    """Whether the 法 that ends at ``end`` runs on into a longer word (法治, 法院, not 法条文)."""
    return text[end : end + 1] in _CONTINUES and not text.startswith(_ARTICLES, end)


def _in_longer_quote(text: str, start: int, end: int) -> bool:
    """Whether the law's name is a word of a short quoted name that holds more (“宪法小卫士”)."""
    q = text.rfind("“", max(0, start - 20), start)
    if q < 0 or "”" in text[q:start] or "\n" in text[q:start]:
        return False
    c = text.find("”", end, end + 20)
    inner = text[q + 1 : c] if c >= 0 else ""
    # a short name, not a quoted sentence (“宪法是国家的根本法” refers to the law)
    return (
        0 < len(inner) <= 8
        and (q + 1, c) != (start, end)
        and not re.search(r"[是的，、和与\s]", inner)
    )


def _listed_names(text: str) -> list[str]:
    """The short statute names of every 、-list made only of them (婚姻法、继承法、民法通则)."""
    names: list[str] = []
    for m in _LIST.finditer(text):
        parts = m.group(0).split("、")
        first = _LIST_LEAD.sub("", parts[0])
        last = next(
            (
                p
                for p in (parts[-1][:n] for n in range(len(parts[-1]), 1, -1))
                if _LAW_NAME.fullmatch(p)
                and not _NAME_STOP.search(p)
                and not (p.endswith("法") and parts[-1][len(p) : len(p) + 1] in _CONTINUES)
            ),
            "",
        )
        items = [first, *parts[1:-1], last]
        if all(_LAW_NAME.fullmatch(i) and not _VERB_LAW.search(i) for i in items):
            names.extend(items)
    return names


def _without_division(name: str) -> str:
    """A local statute's name without the division that opens it ("" when none does)."""
    from lawgraph.extract.places import find_divisions

    cut = next((d.end for d in find_divisions(name[:12]) if d.start == 0), 0)
    return name[cut:] if cut else ""


def _only_divisions(name: str) -> bool:
    """Whether ``name`` is nothing but division names (山西省, 河北省石家庄市)."""
    from lawgraph.extract.places import find_divisions

    cut = 0
    for d in find_divisions(name):
        if d.start == cut:
            cut = d.end
    return 0 < cut == len(name)


def _starts_with_division(name: str) -> bool:
    from lawgraph.extract.places import find_divisions

    return any(d.start == 0 for d in find_divisions(name[:12]))


def _category(name: str) -> str:
    if name.endswith("条例") and re.match(r"^.{2,8}[省市]", name):
        return "地方性法规"
    if name.endswith(("办法", "规定", "细则")):
        return "规章"
    return "法律"
