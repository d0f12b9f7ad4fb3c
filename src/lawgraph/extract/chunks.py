"""Where a name starts: scanning left from a name's head word to the nearest boundary.

Chinese has no spaces, so a name (市委法治建设办, 2019年“宪法宣传周”活动) is found from its head word
(办, 活动) leftwards, up to punctuation or a function word or verb that cannot be inside a name
(在, 和, 召开, 举办, 邀请 …).
"""

from __future__ import annotations

import re

PUNCT = set("，。、；：！？,.;:!?()（）[]【】《》<>\n\t 　·—…|｜丨/")
QUOTES = set("“”\"‘’'「」『』")

# Words that end a name when scanning leftwards. Checked as the text just before the position.
_BOUNDARY_WORDS = sorted(
    [
        "与",
        "且",
        "为",
        "也",
        "了",
        "了解",
        "于",
        "从",
        "以",
        "做",
        "共",
        "其",
        "到",
        "即",
        "又",
        "及",
        "各",
        "同",
        "向",
        "和",
        "在",
        "对",
        "将",
        "并",
        "我",
        "或",
        "把",
        "按",
        "据",
        "是",
        "由",
        "的",
        "等",
        "经",
        "给",
        "被",
        "让",
        "该",
        "赴",
        "还",
        "这",
        "那",
        "一同",
        "一起",
        "上午",
        "下午",
        "为了",
        "主办",
        "主持",
        "举办",
        "举行",
        "今年",
        "以及",
        "会同",
        "依托",
        "先后",
        "共同",
        "其中",
        "出席",
        "分别",
        "利用",
        "前往",
        "协办",
        "印制",
        "印发",
        "去年",
        "参与",
        "参加",
        "参观",
        "发放",
        "另外",
        "召开",
        "同志",
        "同时",
        "围绕",
        "带领",
        "并且",
        "广泛",
        "开展",
        "当天",
        "当日",
        "成功",
        "成立",
        "或者",
        "扎实",
        "承办",
        "按照",
        "日前",
        "旨在",
        "晚上",
        "最后",
        "期间",
        "来到",
        "来自",
        "根据",
        "此外",
        "深入",
        "牵头",
        "率队",
        "相继",
        "积极",
        "精心",
        "组织",
        "组成",
        "组建",
        "结合",
        "联合",
        "莅临",
        "观看",
        "认真",
        "设立",
        "走访",
        "走进",
        "近日",
        "近期",
        "通过",
        "确定",
        "研究部署",
        "担任",
        "筑牢",
        "邀请",
        "配合",
        "针对",
        "陪同",
        "隆重",
        "随后",
        "面向",
        "顺利",
        "首先",
        "开启",
        "推出",
        "提请",
        "提交",
        "宣布",
        "发布",
        "本次",
        "此次",
        "这次",
        "该次",
        "本届",
        "正值",
        "正逢",
        "恰逢",
        "设置",
        "进驻",
        "入驻",
    ],
    key=len,
    reverse=True,
)
_BY_LENGTH: dict[int, frozenset[str]] = {
    n: frozenset(w for w in _BOUNDARY_WORDS if len(w) == n)
    for n in {len(w) for w in _BOUNDARY_WORDS}
}
_LENGTHS = sorted(_BY_LENGTH, reverse=True)

# X和Y inside organ names (人力资源和社会保障局, 普法与依法治理科): 和/与 followed by these is
# not a boundary.
_INTERNAL_HE = re.compile(
    r"[和与](?:社会保障|城乡建设|信息化|规划|旅游|体育|农村|改革|计划生育|技术|"
    r"国有资产|应急|老干部|公共|自然|依法治理)"
)

# 商会调解与诉讼对接工作机制, 行政执法与刑事司法衔接: X与Y joined by a linking verb is one name
_LINKED = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:对接|衔接|联动)")


def _word_before(text: str, i: int, lo: int) -> str | None:
    """The boundary word that ends just before ``i`` (None when there is none)."""
    for k in _LENGTHS:
        if i - k >= lo and text[i - k : i] in _BY_LENGTH[k]:
            return text[i - k : i]
    return None


def left_boundary(text: str, end: int, max_len: int, floor: int = 0) -> int:
    """The start of the name that ends at ``end``: just after the nearest boundary to the left.

    Scans at most ``max_len`` characters and never past ``floor``.
    """
    lo = max(floor, end - max_len)
    i = end
    while i > lo:
        ch = text[i - 1]
        if ch == "”":
            # a quoted part of the name: jump to its opening quote
            j = text.rfind("“", max(lo, i - 40), i - 1)
            if j < 0 or "\n" in text[j:i]:
                break
            i = j
            continue
        if ch == "）":
            # 民主法治示范村（社区）创建评审会: a bracketed 社区 is part of the name
            inner = re.search(
                r"[\u4e00-\u9fff](（(?:社区|居|村|嘎查)）)$", text[max(lo, i - 6) : i]
            )
            if inner:
                i -= len(inner.group(1))
                continue
        if ch in PUNCT or ch == "“":
            break  # an opening quote not jumped over: the name is what the quotes hold
        if ch in "日月" and i - 1 > lo and text[i - 2].isdigit():
            break  # 4月15日正值…: a date is no part of a name
        word = _word_before(text, i, lo)
        if word is not None:
            if word in ("和", "与") and (
                _INTERNAL_HE.match(text, i - 1) or _LINKED.match(text, i, end)
            ):
                i -= 1
                continue
            if word in ("同", "和", "与", "及") and text[i - 2 : i - 1] == "、":
                i -= 1
                continue  # 良口乡、同乐苗族乡: a conjunction does not follow 、, the name starts there
            if word == "和" and _word_before(text, i - 1, lo) not in (None, "和", "与"):
                i -= 1
                continue  # 在和平社区, 联合和平社区居委会: a 和 with nothing to join opens the name
            if word == "共" and (
                (text[i - 2 : i - 1] == "中" and text[i - 3 : i - 1] != "其中")
                or text[i - 2 : i - 1] == "公"
                or text[i : i + 2] == "青团"
            ):
                i -= 1
                continue  # 中共长春市委党校, 共青团…委员会, 县公共法律服务中心: 共 of 中共, 共青团, 公共
            if word == "的" and text[i - 2 : i - 1] == "党":
                i -= 1
                continue
            if word == "组织" and text[i : i + 1] == "部":
                i -= 1
                continue
            if word == "经" and (text[i : i + 1] == "济" or text[i : i + 3] == "开区"):
                i -= 1
                continue  # 经济技术开发区, 经开区: 经 of 经济 is no boundary (经…会议通过 is)
            if (word == "以" and re.match(r"案[释说]法", text[i : i + 3])) or (
                word == "对" and text[i : i + 1] in ("接", "口")
            ):
                i -= 1
                continue  # 以案释法专题讲座, 诉调对接机制: 以 of 以案释法, 对 of 对接 is no boundary
            if word == "据" and text[i - 2 : i - 1] == "数":
                i -= 1
                continue  # 大数据中心, 数据资源局: 据 of 数据 is no boundary (据了解 is)
            break
        i -= 1
    return i


def strip_quotes(s: str) -> str:
    return "".join(ch for ch in s if ch not in QUOTES)
