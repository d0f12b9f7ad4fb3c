"""Events: one meeting, lecture, ceremony, training or publicity activity the report says was held.

Found by the head word (会议, 座谈会, 报告会, 讲座, 培训班, 宣誓仪式, 活动 …) and scanned left to
where the name starts. Bare anaphors (会议, 此次活动), generic series (各类法治宣传活动) and meetings
only cited for their spirit (…会议精神) are left out; a generic name held on a day at a venue
(5月24日，…在…广场开展集中宣传) is kept, and many activities (形式多样的…活动) are flagged plural.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgraph.extract.chunks import QUOTES, left_boundary

_HEADS = {
    "meeting": (
        "会议 大会 座谈会 推进会 部署会 "
        "动员会 研讨会 论证会 听证会 交流会 分享会 发布会 推介会 例会 工作会 现场会 观摩会 评审会 述法会 "
        "汇报会 协调会 调度会 讨论会 恳谈会 见面会 茶话会 表彰会 总结会 启动会 专题会 务虚会 年会 评议会 "
        "反馈会 学法会 学习会 集体学习 "
        "论坛 沙龙"
    ),
    "lecture": (
        "报告会 宣讲会 专题讲座 法治讲座 讲座 法治课 公开课 宣讲活动 讲堂 培训讲座 辅导报告 专场"
    ),
    "training": "培训班 培训会 轮训班 研修班 专题培训 集中培训 岗前培训 培训 夏令营 冬令营 训练营",
    "ceremony": "宣誓仪式 启动仪式 揭牌仪式 签约仪式 颁奖仪式 升旗仪式 开班仪式 仪式 典礼",
    "publicity": (
        "宣传活动 普法活动 主题活动 咨询活动 系列活动 开放日活动 活动 开放日 快闪 展览 展演 "
        "演出 晚会 知识竞赛 演讲比赛 征文比赛 比赛 竞赛 大赛 巡演 文艺汇演 汇演 庭审观摩 模拟法庭 "
        "集中宣传 模拟庭审 咨询摊位 竞答 巡回审判"
    ),
    # a congress's inspection of how a law is applied, its inquiry into it; a special inspection tour
    "other": "执法检查 专题询问 专项督察",
}
_KIND: dict[str, str] = {}
for _kind, _words in _HEADS.items():
    for _w in _words.split():
        _KIND.setdefault(_w, _kind)
_HEAD_RE = re.compile("|".join(sorted(map(re.escape, _KIND), key=len, reverse=True)))

_ANAPHOR_BEFORE = re.compile(
    r"(?:此次|本次|这次|该次|上述|这些|那次|各类|各种|各项|多种|多项|一系列|系列|"
    r"多场|多次|相关|各|类|等|一批|此类|该|此|本)$"
)
# 开展了一系列宣传教育和隐患排查活动: the many activities of a list, each of them generic too
_MANY_JOINED = re.compile(r"(?:一系列|各类|各种|各项|多种|多项)[^，。；“”]{1,10}[和与及、]$")
_GENERIC_NAMES = {
    "法治宣传活动",
    "宣传活动",
    "普法活动",
    "普法宣传活动",
    "法治宣传教育活动",
    "主题活动",
    "系列活动",
    "专项活动",
    "集中宣传",
    "集中宣传活动",
    "宣传教育活动",
    "法律咨询活动",
    "咨询活动",
    "培训",
    "集中培训",
    "专题培训",
    "宣讲活动",
    "志愿服务活动",
    "普法宣传",
    "法治文化活动",
    "文化活动",
    "专门会议",
    "专题会议",
    "会议",
    "实践活动",
    "学习活动",
    "教育活动",
}
_ONLY_GENERIC = re.compile(
    r"(?:系列|各类|专项|集中|主题|大型|宣传|教育|普法|法治|法律|咨询|服务|志愿|实践|学习|文化|培训|"
    r"线上|线下|特色|多种|相关|日常|常态化)*"
    r"(?:活动|宣传活动|培训|讲座|宣讲活动|宣讲|比赛|竞赛|竞答|演出)"
)
_NOT_AFTER = re.compile(
    r"准则|规律|空间|精神|纪要|决定|部署要求|要求|的要求|议题|室|中心|记录|材料|主题|期间|方案|机构|"
    r"制度|机制|经费|场所|阵地|基地|队伍|形式|内容|效果|成果|氛围|次数|场次|人次|安排|报告(?!会)|"
    r"(?:预约|咨询|服务|宣传|报名)点"
)
_STANDING = re.compile(r"(?:常务会议|常委会议|党组会议|办公会议|常委会会议)$")
# 境外间谍情报活动, 电信诈骗活动: what the law fights, not an activity held
# 防范养老诈骗主题活动, 打击非法集资宣传活动: an activity against it is one held
_AGAINST = re.compile(
    r"防范|打击|整治|预防|防止|抵制|远离|识别|反(?=诈|电|邪|恐|洗|间|走)|扫黑|禁毒"
)
_ILLICIT = re.compile(r"间谍|情报|违法|犯罪|诈骗|传销|邪教|恐怖|非法|黑恶|赌博|走私|贩毒|窃密|渗透")


_PLENUM = re.compile(
    r"(?:党的)?[一二三四五六七八九十]{1,3}届[一二三四五六七八九十]中全会|党的[一二三四五六七八九十]{2,3}大(?![会队])"
)


# 形式多样的…活动: many activities, a mention only of a series the report names
_PLURAL_BEFORE = re.compile(
    r"(?:形式多样|丰富多彩|内容丰富|多种形式|各具特色)(?:、[^，。；、]{2,8})?的?$"
)
# 5月24日，…在茅坪村文化广场开展集中宣传: a generic name held once, on a day, at a venue
_HELD_ONCE = re.compile(
    r"\d{1,2}月\d{1,2}日[^。；\n]*在[^，。；\n]{2,24}(?:开展|举行|举办|组织)了?$"
)
# 持续深化“法治进校园”活动, 为学生讲授“…”主题法治课: a verb before the name is no part of it (组织好系列宣传活动: nor its
# complement 好; 同上一堂法治课, 给学生们上“…”讲座: nor 上 a lesson; 带头讲法治课: nor 讲 one)
_VERB_BEFORE_NAME = re.compile(
    r"启动|开展|举办|举行|召开|深化|推进|推动|实施|讲授|(?<=组织|开展|举办|举行|召开|策划|谋划)好|"
    r"上了?(?=[一两][堂节])|(?<=们)上了?|(?<![宣主开听演])讲(?=(?:法治|普法|专题)?课)|"
    r"(?<=[\u4e00-\u9fff])作(?=(?:“[^“”\n]{1,30}”)?(?:专题|主题|法治|普法)?(?:辅导)?(?:报告|讲座|宣讲))"
)
# 新《行政复议法》宣贯培训会: a title right before the name's words (no verb, no 、 between)
_LAW_BEFORE = re.compile(r"《[^《》\n]{1,30}(?:法|典|条例)》$")
# 各镇街党（工）委书记列席会议: who attends a meeting is no part of its name (nor where one sits in
# on a trial: 走进区法院少年法庭旁听模拟庭审)
_ATTEND_BEFORE_NAME = re.compile(r"列席|出席|参加|参会|旁听")
# 模拟庭审: a head that names the event by itself
_NAMING_HEADS = {"模拟庭审", "巡回审判"}


@dataclass(frozen=True)
class RawEvent:
    start: int
    end: int
    kind: str
    head: str
    plural: bool = False  # named as many activities (形式多样的宪法学习宣传活动)
    standing: bool = False  # a standing meeting named again after its numbered sitting


def find_events(text: str, blocked: list[bool]) -> list[RawEvent]:
    out: list[RawEvent] = []
    heads = list(_HEAD_RE.finditer(text))
    for n, m in enumerate(heads):
        head = m.group(0)
        s, e = m.span()
        if head.endswith("会") and text[e : e + 1] == "议":
            e += 1
        e += _longer_head(text, e)  # 专题培训 + 班: the head is 培训班
        if head == "年会" and text[s - 1 : s] in ("全", "今", "去", "每", "当", "本", "明", "半"):
            continue  # 全年会前学法12次: 全年 (the whole year), then 会前; no 年会
        if text[e : e + 1] == "了" and text[e + 1 : e + 2] != "解":
            continue  # 委员会集体学习了…: a verb, not the head of a name
        if _FORM_LIST.match(text, e):
            continue  # 通过知识竞答、情景剧表演等形式: a form of the activity, not one held
        if head.endswith("赛"):
            e += len(_ROUND.match(text, e).group(0))  # 演讲比赛区级决赛
        if n + 1 < len(heads):
            nxt_head = heads[n + 1]
            if nxt_head.start() >= e and nxt_head.start() - e <= 10:
                between = text[e : nxt_head.start()]
                if not re.search(r"[，。、；：\s]", between) and not _boundary_in(between):
                    continue  # 宣传周活动启动仪式: the event ends at the later head
        if blocked[s] or blocked[e - 1]:
            continue
        if text.startswith("精神", e) and e - left_boundary(text, s, 30) >= 8:
            pass  # a meeting cited for its spirit is still a meeting held
        elif _NOT_AFTER.match(text, e + (text[e : e + 1] == "”")) or re.match(
            r"(?:先后|共|累计|共计|达|召开)?(?:不少于|不低于|超过|至少|近|约|逾|超)?"
            r"[\d.一二三四五六七八九十百千]+(?:万|千|亿)?(?:余|多)?"
            r"(?:场|次|期|个|项|家|人|批|轮)",
            text[e : e + 12],
        ):
            continue
        nxt = text[e : e + 1]
        if nxt and nxt in "室场长员人费堂组":  # 法治课堂: no 法治课; 执法检查组: a team
            continue
        start = _over_joined_list(text, left_boundary(text, s, 30))
        law = _LAW_BEFORE.search(text, max(0, start - 40), start)
        if law is not None:  # 举办新《行政复议法》宣贯培训会: the law's title is in the name
            start = left_boundary(text, law.start(), 30)
        if start == s and text[s - 2 : s] in ("启动", "动员", "部署", "推进", "总结", "表彰"):
            start = left_boundary(text, s - 2, 28)  # 宪法宣传周启动活动: the verb is in the name
        # do not start inside a blocked span (a 《》 title, an official's title)
        while start < s and blocked[start]:
            start += 1
        if any(blocked[i] for i in range(start, s)):
            start = max(i for i in range(start, s) if blocked[i]) + 1
        if (
            start < s
            and text[start] in QUOTES
            and text[s - 1] in QUOTES
            and _only_quoted(text, start, s)
        ):
            pass  # “宪法宣传周”活动: the quotes are internal to the name
        verb = None
        for vm in _VERB_BEFORE_NAME.finditer(text, start, e):
            if _in_quotes(text, start, vm.start()):
                continue  # “…推进法治临泉建设”…启动仪式: a verb of the quoted theme
            if vm.end() <= s and not re.match(r"仪式|会|活动|大会", text[vm.end() : vm.end() + 2]):
                verb = vm
        for vm in _ATTEND_BEFORE_NAME.finditer(text, start, s):
            verb = vm
        if verb is not None:
            start = verb.end()  # 河南省启动2023年…活动: the name follows the verb
            if verb.group(0) == "旁听" and start == s:
                continue  # 旁听模拟庭审: sitting in on a trial names no event
        name = text[start:e]
        if name.count("“") > name.count("”"):
            continue  # 讲堂 inside “宪法讲堂”: a quoted name, not the head
        held_once = bool(_HELD_ONCE.search(text, _sentence_start(text, start), start))
        if start == s and head in _NAMING_HEADS and not text[_sentence_start(text, s) : s].strip():
            continue  # 巡回审判进乡村。: a paragraph's topic, not the trial held
        if (
            start == s
            and not (held_once and head == "集中宣传")
            and head not in _NAMING_HEADS
            and not _first_held(text, s, head)
        ):
            continue  # a bare head (会议, 活动): an anaphor
        if re.match(r"^(?:此次|本次|这次|该次|此|该|本|做|作|首场|首次|一系列)", name) and not (
            name.startswith("首场") and _HELD_AFTER.match(text, e)
        ):
            continue  # 首场宣讲会在…举行: the first session of a tour, held, is an event
        if _ILLICIT.search(name) and not _AGAINST.search(name):
            continue
        lead = re.match(r"^(?:一|两|多)(?:堂|场|次|期|节|轮)", name)
        if lead:
            start += lead.end()
            name = text[start:e]
            if start == s:
                continue  # 上一堂法治课: a lesson, not a named event
        standing = _STANDING.search(name)
        if standing and not re.search(r"第[\d一二三四五六七八九十百]+次", name):
            # a standing meeting, not one occurrence; but the one the text reported before by
            # its number when it names it again (第47次常务会议 … 会前，市政府常务会议开展学法活动)
            if not re.search(
                rf"第[\d一二三四五六七八九十百]+次{standing.group(0)}", text[:start]
            ) or re.match(r"[^，。；]*?[\d一二三四五六七八九十]+次", text[e:]):
                continue  # 全年市政府常务会议学法10次: the sittings of a year
            out.append(RawEvent(start, e, _KIND[head], head, standing=True))
            continue
        if _ANAPHOR_BEFORE.search(text, max(0, start - 3), start) or _MANY_JOINED.search(
            text, max(0, start - 16), start
        ):
            continue
        generic = (
            head == "集中宣传"
            or name in _GENERIC_NAMES
            or _strip_generic(name) in _GENERIC_NAMES
            or _ONLY_GENERIC.fullmatch(name)
        )
        if generic and not held_once:
            continue
        if re.match(r"^(?:[\d一二三四五六七八九十百千余多]+(?:场|次|期|个|项)|次|场|期)", name):
            continue
        plural = bool(_PLURAL_BEFORE.search(text, max(0, start - 15), start)) and not any(
            ch in QUOTES for ch in name
        )
        if text[start - 1 : start] == "作" and _meeting_before(text, out, start):
            continue  # 学习会上…韩某作专题辅导报告: the speech at the meeting (spokeAt), no event
        out.extend(_split_joined(text, RawEvent(start, e, _KIND[head], head, plural), heads))
    for m in _PLENUM.finditer(text):
        if not blocked[m.start()]:
            out.append(RawEvent(m.start(), m.end(), "meeting", "全会"))
    for m in _NOTICE_OF.finditer(text):
        s, e = m.span(1)
        if not any(blocked[s:e]) and not any(ev.start < e and s < ev.end for ev in out):
            out.append(RawEvent(s, e, "other", m.group(2)))
    for m in _QUOTED_LESSON.finditer(text):
        s, e = m.span(1)
        if "等" in text[_sentence_start(text, m.start()) : m.start()]:
            continue  # 走进A学校、B学校等中小学校，讲授“开学第一课”: a lesson toured, many of them
        if not any(blocked[s:e]) and not any(ev.start < e and s < ev.end for ev in out):
            out.append(RawEvent(s, e, "lecture", "课"))
    return _shown_in_captions(text, out)


# 关于2023年度全市国家机关普法责任制考核情况的通报: the assessment a notice reports on is an event
_NOTICE_OF = re.compile(
    r"关于([^，。；、\n“”]{2,30}?(考核|考评|评议|评估|检查|督查|督察))(?:工作)?(?:情况|结果)的通报"
)
# 为营员们讲授“法治第一课”, 认真聆听“开学第一课”: a lesson the quotes name, taught or heard
_QUOTED_LESSON = re.compile(r"(?:讲授|讲好|上好|上了|聆听|开讲|主讲)“([^“”\n]{2,12}课)”")
_HELD_AFTER = re.compile(r"[^，。；\n]{0,24}?(?:举行|召开|开讲|开幕)")
# （图为宪法宣誓仪式现场）: a photo's caption
_CAPTION = re.compile(r"\s*[（(]?图\s*[为：:\d]")


def _shown_in_captions(text: str, events: list[RawEvent]) -> list[RawEvent]:
    """A photo shows what the body reports: an event a caption names is of a kind the body names
    too (宪法宣誓仪式 for 2021年宪法宣誓仪式, 专题讲座 for a 讲座, “3·15”宣传活动 for the day's 宣传活动); one of a kind
    the body never names is the photo's scene (图为民警在校园开展禁毒讲座), no event of its own."""

    def in_caption(ev: RawEvent) -> bool:
        return bool(_CAPTION.match(text, text.rfind("\n", 0, ev.start) + 1))

    body = {ev.head[-2:] for ev in events if not in_caption(ev)}  # 专题讲座, 讲座: one kind
    return [ev for ev in events if not in_caption(ev) or ev.head[-2:] in body]


def _meeting_before(text: str, found: list[RawEvent], pos: int) -> bool:
    """Whether a meeting or a training is named before ``pos`` in its paragraph."""
    para = text.rfind("\n", 0, pos) + 1
    return any(ev.kind in ("meeting", "training") and para <= ev.start < pos for ev in found)


# 通过知识竞答、情景剧表演等形式: heads listed as the forms an activity takes
_FORM_LIST = re.compile(r"(?:、[^，。；、\n]{1,12})*等(?:多种|各种)?(?:形式|方式)")
# 演讲比赛区级决赛: the round of a contest is part of its name
_ROUND = re.compile(r"(?:(?:[省市县区镇校]|全[省市县区])级)?(?:半决赛|决赛|复赛|初赛)|")


def _longer_head(text: str, e: int) -> int:
    """How many characters after a head word make a longer head of its own (专题培训|班 → 培训班)."""
    return next(
        (
            j
            for j in (2, 1)
            for k in range(j + 1, 6)
            if e + j <= len(text) and e + j - k >= 0 and text[e + j - k : e + j] in _KIND
        ),
        0,
    )


_JOINED_LIST = re.compile(r"暨(?:[\u4e00-\u9fff]{1,6}、)+$")


def _over_joined_list(text: str, start: int) -> int:
    """Where a name starts when a list of short words joined by 暨 opens it (…安全教育日暨禁毒、
    反电诈普法宣传活动: one title, the 、 inside it): else ``start``."""
    joined = _JOINED_LIST.search(text, max(0, start - 30), start)
    return left_boundary(text, joined.start(), 30) if joined else start


def _in_quotes(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("“") > seg.count("”")


# 检查组召开座谈会: a bare head convened for the first time names a new event, not an anaphor;
# also one held at a venue (知识竞赛决赛在区委党校举行)
_HELD_BEFORE = re.compile(r"(?:召开|举行|举办|开展)了?$")
_HELD_AT_AFTER = re.compile(r"在[^，。；\n]{2,24}?(?:举行|举办|召开)")


def _first_held(text: str, s: int, head: str) -> bool:
    """Whether a bare head word names the event its sentence convenes for the first time: a
    specific head (座谈会, 讲座; not 会议 or 活动) right after 召开/举行/举办, in a sentence that goes
    on (not a heading: 一、隆重举行启动仪式), the first time the text writes it and never with a
    longer name after (…举办2020年“宪法宣传周”启动仪式)."""
    e = s + len(head)
    rounds = len(_ROUND.match(text, e).group(0)) if head.endswith("赛") else 0
    e += rounds
    return (
        len(head) >= 3
        and head not in _GENERIC_NAMES
        and (
            (
                bool(_HELD_BEFORE.search(text, max(0, s - 3), s))
                and text[e : e + 1] in ("，", "。", "；")
            )
            or bool(_HELD_AT_AFTER.match(text, e))
        )
        and (text.find(head) == s or rounds > 0)  # 知识竞赛决赛: a round of the contest named
        and all(
            left_boundary(text, m.start(), 30) == m.start()
            for m in re.compile(re.escape(head)).finditer(text, e)
        )
    )


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in "。；！？\n") + 1


def _split_joined(text: str, ev: RawEvent, heads: list[re.Match[str]]) -> list[RawEvent]:
    """A title joining two events with 暨 names two events when the text reports each again
    on its own (宣誓仪式暨集中宣传活动, then the ceremony on Dec 2 and the activity on Dec 4);
    otherwise it is one event with two names (…第三次会议暨2021年全面依法治县工作会议)."""
    name = text[ev.start : ev.end]
    if name.count("暨") != 1:
        return [ev]
    cut = ev.start + name.index("暨")
    first = [m for m in heads if m.end() == cut]
    if not first:
        return [ev]
    parts = [(ev.start, cut, first[0].group(0)), (cut + 1, ev.end, ev.head)]
    for s, e, _head in parts:
        key = event_key(text[s:e])
        if not any(
            (m.start() < ev.start or m.start() >= ev.end)
            and event_key(text[max(0, m.end() - len(key) - 8) : m.end()]).endswith(key)
            and "暨" not in text[_sentence_start(text, m.start()) : m.end() + 1]
            for m in re.finditer(re.escape(text[e - 2 : e]), text)
        ):
            return [ev]
    return [RawEvent(s, e, _KIND[h], h, ev.plural) for s, e, h in parts]


def _boundary_in(between: str) -> bool:
    """Whether a verb or function word separates two head words (会议在…举行)."""
    return bool(re.search(r"在|于|召开|举行|举办|开展|组织|参加|出席|和|与|及|的", between))


def _strip_generic(name: str) -> str:
    return re.sub(r"^(?:形式多样|丰富多彩|内容丰富|多种形式)的?", "", name)


def _only_quoted(text: str, start: int, end: int) -> bool:
    return text[start] in QUOTES and text[end - 1] in QUOTES


def event_key(name: str) -> str:
    """What makes two mentions one event: the name without years, quotes and 第N届/第N次 counts."""
    s = re.sub(r"(?:19|20)\d{2}\s*年度?", "", name)
    s = re.sub(r"^(?:党的|全市|全县|全区|全省|我市|我县|我区|我省)", "", s)
    s = "".join(ch for ch in s if ch not in QUOTES)
    return re.sub(r"\s+", "", s)
