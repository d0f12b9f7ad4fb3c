"""Officials: named people with their title chains (市委常委、宣传部长、…组长戴小梅).

A name is a surname and one or two more characters, found right after a title word (书记, 主任,
局长, 教授 …) and followed by a boundary (、，出席 主持 等 …), or between an organ and a title
word (市委来鹤书记, …法学院徐海静教授). The titles before it, separated by 、 or ，, are its posts;
each post's organ is the title less its title word (市委政法委书记 → 市委政法委), inherited from
the post before it when it has none (市人大党组副书记、副主任).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgraph.extract.chunks import PUNCT

_TITLE_WORDS = [
    "党组书记",
    "党组副书记",
    "党委书记",
    "党委副书记",
    "党工委书记",
    "党组成员",
    "党委委员",
    "副书记",
    "书记",
    "常务副主任",
    "副主任",
    "主任",
    "副局长",
    "局长",
    "副厅长",
    "厅长",
    "副部长",
    "部长",
    "副处长",
    "处长",
    "副科长",
    "科长",
    "常务副市长",
    "副市长",
    "市长",
    "副区长",
    "区长",
    "副县长",
    "县长",
    "副镇长",
    "镇长",
    "副乡长",
    "乡长",
    "副省长",
    "省长",
    "副州长",
    "州长",
    "副主席",
    "主席",
    "副秘书长",
    "秘书长",
    "副院长",
    "院长",
    "副检察长",
    "检察长",
    "副庭长",
    "庭长",
    "副所长",
    "所长",
    "副组长",
    "组长",
    "副校长",
    "校长",
    "副会长",
    "会长",
    "副理事长",
    "理事长",
    "社长",
    "站长",
    "馆长",
    "大队长",
    "队长",
    "政委",
    "政法委员",
    "常委",
    "委员",
    "成员",
    "巡视员",
    "调研员",
    "督察长",
    "审判员",
    "检察官",
    "法官",
    "律师",
    "法律顾问",
    "顾问",
    "副教授",
    "教授",
    "博士生导师",
    "硕士生导师",
    "人大代表",
    "讲师",
    "研究员",
    "专家",
    "博士",
    "法治副校长",
    "法治辅导员",
    "指导员",
    "辅导员",
    "宣讲员",
    "法律明白人",
    "检察官助理",
    "法官助理",
    "总经理",
    "董事长",
    "主任委员",
    "审判长",
    "警官",
    "社区民警",
    "民警",
    "辅警",
    "常务理事",
    "理事",
    "主持人",
    "主讲人",
    "新闻发言人",
    "发言人",
    "负责人",
    "二级巡视员",
    "一级调研员",
    "二级调研员",
    "三级调研员",
    "四级调研员",
    "一级主任科员",
    "二级主任科员",
    "主任科员",
    "合伙人",
    "调解员",
    "陪审员",
    "公证员",
    "仲裁员",
    "网格员",
]
TITLE_RE = re.compile("|".join(sorted(map(re.escape, _TITLE_WORDS), key=len, reverse=True)))
_TITLE_END = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _TITLE_WORDS), key=len, reverse=True)) + ")$"
)

_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳"
    "甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解"
    "牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边"
    "卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗"
    "燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索"
    "宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危"
    "玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
_COMPOUND_SURNAMES = [
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "慕容",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "令狐",
    "长孙",
    "宇文",
    "夏侯",
    "端木",
    "司徒",
    "西门",
    "南宫",
    "独孤",
    "呼延",
]
# Characters that do not occur in given names of this genre's officials, but do in the words
# that follow a title (单位, 以上, 班子, 同志, 主持 …).
_BAD_GIVEN = set(
    "的了在是和与及等们会为对各个这那其该之于以把被将从向由也都就还又而并或即所着过上下中里内外"
    "员位部门局委办院厅处科室组队站党府县区省镇乡村律纪检监督察宣传培训活动工作议"
    "领导参出席主持加讲话致辞带头率行亲自分别全体要求指调表示读任职单以班代副务级名人"
    "我市们起到作做出进展开举召邀请联共这些每年月日号次届期项场份"
)
# Characters _BAD_GIVEN holds as function words that are common in given names too: allowed in
# the middle of a three-character name a boundary follows (副县长李向东出席, 王和平, 李为民)
_NAME_MIDDLE = set("向和为中开进全长")
_NOT_GIVEN = {
    "群众",
    "同志",
    "代表",
    "干部",
    "职工",
    "居民",
    "村民",
    "学生",
    "师生",
    "党员",
    "委员",
}
_NOT_NAMES = {
    "单位",
    "全体",
    "干部",
    "同志",
    "群众",
    "人员",
    "代表",
    "主要",
    "分管",
    "相关",
    "有关",
    "全覆盖",
    "班子",
}
# Verbs and adverbs that open with a surname's character, after a role named as a bare subject
_WORDS_AFTER_SUBJECT = frozenset({"张贴", "高度", "严格", "常态", "常年", "方便", "全程", "全面"})
_AFTER_NAME = re.compile(
    r"[、，,。；;：:（(）)\s“”]|的|等|同志|出席|主持|参加|讲话|致辞|作|做|就|在|为|对|向|带领|带队|率|一行|"
    r"宣读|介绍|指出|强调|表示|要求|说|围绕|以|到|深入|走进|前往|莅临|和|与|及|分别|先后|共同|一同|"
    r"担任|现场|亲自|首先|代表|结合|从|讲授|授课|解读|宣讲|上|进行|同|应邀|受邀|专程|也|还|则|"
    r"充分|高度|对此|传达|通报|汇报|部署|总结|回顾|带来|主讲|围绕|结合|用|通过|领誓|领学|领读|宣誓|"
    r"副教授|教授|研究员|博士|律师|法官|检察官|宣布|监誓|见证|颁发|为|带|陪|看望|慰问|调研|关于|"
    r"任(?=副?组长|常务副|副?主任|成员|委员)|[0-9０-９](?=[0-9０-９]*[名位人])|$"
)
_REPORT_VERB = re.compile(r"汇报|通报|报告|介绍|宣读|传达")
# Characters of transliterated (Mongolian, Tibetan, Uyghur …) names, which have no Han surname:
# 常务理事其木格以…, 政法委书记次仁多吉出席 (the second line: Tibetan syllables)
_TRANSLITERATION = set(
    "巴特尔其木格乌云那仁斯琴图雅日勒额敦毕力苏和朝鲁孟达赖扎西卓玛次旺央金买提艾阿依古丽热"
    "合曼吾娜布赫哈森宝音德吉夫拉吐汗克穆萨莉帕米罗桑嘎措"
    "多瓦曲珍堆尼边洛丹增顿珠旦嘉益群培琼普索朗姆平白宗贡觉泽杰毛昂却饶赤赞贝降强加"
)
# A transliterated name written with a middle dot between its parts (吐尔洪·艾买提): any
# characters, the dot is the sign
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}[·・•‧][\u4e00-\u9fff]{1,6}")
# A two-character name padded to the width of three, as name lists and pasted documents write
# them (王　强, 李  明); its norm is the name without the spaces
_PAD = "[ \u3000\u00a0]"
_PADDED_NAME = re.compile(rf"[\u4e00-\u9fff]{_PAD}{{1,2}}[\u4e00-\u9fff]")
_GAP = re.compile(rf"{_PAD}{{0,2}}")
_CHAIN_SEP = "、，,"
# Words before a title word that grade the post, not name an organ (员额检察官, 资深律师)
_RANK = re.compile(
    r"(?:员额|资深|首席|高级|特邀|特聘|专职|兼职|青年|骨干|优秀|执业|主审|知名|著名|常务)+$"
)
_TRAILING = re.compile(r"副教授|教授|研究员|副研究员|博士|律师|法官|检察官")
# 以法治副校长身份: a capacity the name acts in; 走进城南小学: the school where it is held
_CAPACITY = re.compile(r"以([\u4e00-\u9fff]{2,10}?)身份")
_VISITED_SCHOOL = re.compile(r"(?:走进|来到|深入|到)([^，。；、\s]{2,20}?(?:小学|中学|学校))")
_TITLE_LEFT_STOP = re.compile(
    r"(?:由|邀请了?|特邀|请|在|和|与|及|以及|同|是|有|为|向|对|陪同|包括|听取了?|会见|看望|慰问|"
    r"了|的|等|主持人|主讲人|嘉宾)$"
)
_ORGAN_TAIL = re.compile(
    r"(?:委|院|局|部|办|厅|学|大学|学院|政府|人大|政协|中心|所|会|组|队|团|站|处)$"
)


@dataclass(frozen=True)
class RawPost:
    start: int
    end: int
    title: str  # as written, with its organ (市委政法委书记)
    organ: str  # the organ part (市委政法委), "" when the title has none
    title_word: str
    ref: str = ""  # 该校, 本院: the organ is one named before


@dataclass(frozen=True)
class RawOfficial:
    start: int
    end: int
    name: str
    posts: tuple[RawPost, ...]
    spans: tuple[tuple[int, int], ...]  # title strings to keep free of other mentions


def _surname_ok(name: str) -> bool:
    if name[:2] in _COMPOUND_SURNAMES:
        return len(name) >= 3
    return name[0] in _SURNAMES


def _name_at(text: str, pos: int) -> int | None:
    """The end of a personal name starting at ``pos`` (None if there is none)."""
    dotted = _DOTTED_NAME.match(text, pos)
    if dotted and _AFTER_NAME.match(text, dotted.end()):
        return dotted.end()
    padded = _PADDED_NAME.match(text, pos)
    if (
        padded
        and _surname_ok(padded.group(0))
        and padded.group(0)[-1] not in _BAD_GIVEN
        and _AFTER_NAME.match(text, padded.end())
    ):
        return padded.end()
    for length in (4, 3):
        name = text[pos : pos + length]
        if (
            len(name) == length
            and all(ch in _TRANSLITERATION for ch in name)
            and not _surname_ok(name)
            and _AFTER_NAME.match(text, pos + length)
        ):
            return pos + length
    for length in (2, 3, 4):
        name = text[pos : pos + length]
        if len(name) < length or not _surname_ok(name):
            continue
        if length == 4 and name[:2] not in _COMPOUND_SURNAMES:
            continue
        given = name[2:] if name[:2] in _COMPOUND_SURNAMES else name[1:]
        if any(
            (ch in _BAD_GIVEN and not (length == 3 and i == 0 and ch in _NAME_MIDDLE))
            or ch in PUNCT
            or not "\u4e00" <= ch <= "\u9fff"
            for i, ch in enumerate(given)
        ):
            continue
        if name in _NOT_NAMES or given in _NOT_GIVEN:
            continue
        if name[0] == "和" and TITLE_RE.match(text, pos + length):
            continue  # 法律顾问和公益律师: 和 joins two titles, it is no surname
        after = _AFTER_NAME.match(text, pos + length)
        if after and not (after.group(0) == "的" and length == 2):
            return pos + length  # 的 after two characters: a word (局长信箱的), not a name
    return None


def _unpadded(text: str, start: int, end: int) -> str:
    return re.sub(_PAD, "", text[start:end])


def _post(text: str, start: int, end: int) -> RawPost | None:
    seg = text[start:end]
    m = _TITLE_END.search(seg)
    if m is None:
        return None
    ref = ""
    d = re.match(r"(?:该|本|此)(校|院|局|所|单位|中心)", seg)
    if d and m.start() >= d.end():
        ref = d.group(1)
        start += d.end()
        seg = seg[d.end() :]
        m = _TITLE_END.search(seg)
        if m is None:
            return None
    organ = _RANK.sub("", seg[: m.start()])
    word = m.group(0)
    if word == "人大代表":  # a deputy belongs to the congress itself: 省人大代表 → 省人大
        organ, word = seg[: m.start() + 2], "代表"
    if _VILLAGE.fullmatch(organ) and organ == seg[: m.start()] and not _LEADS.search(word):
        # 方巾牛村法律顾问, 王家窝堡村法律明白人: a village is where the post is held, no organ; its
        # name stays a Place mention (the title's span starts after it). Not a leader's post
        # (村主任, 社区书记: the village's committee)
        return RawPost(start + len(organ), end, seg, "", word, ref)
    return RawPost(start, end, seg, organ, word, ref)


_VILLAGE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:村|社区|嘎查)")
_LEADS = re.compile(r"书记|主任|长$|委员")


def _segment_start(text: str, end: int, floor: int) -> int:
    i = end
    while i > floor:
        ch = text[i - 1]
        if ch == "”":  # 金凤区“法律明白人”讲师团成员: a quoted part of the organ's name
            j = text.rfind("“", max(floor, i - 12), i - 1)
            if j > floor and not any(c in PUNCT for c in text[j + 1 : i - 1]):
                i = j
                continue
        if ch in PUNCT or ch in "“”":
            break
        stop = _TITLE_LEFT_STOP.search(text, max(floor, i - 4), i)
        if stop and not (
            stop.group(0) in "和与"
            and _inside_organ(text, i - 1)
            and not TITLE_RE.fullmatch(text, i, end)  # 杨某和副市长罗某: a bare title after 和
        ):
            break
        i -= 1
    return i


def _inside_organ(text: str, pos: int) -> bool:
    """Whether the 和/与 at ``pos`` joins two words of one organ's name (…普法与依法治理处,
    发展和改革委员会), not two people, titles or organs: the words before it are no name after a
    title, no title word and no organ."""
    return not (
        _name_before(text, pos)
        or _TITLE_END.search(text, max(0, pos - 12), pos)
        or _ORGAN_TAIL.search(text, max(0, pos - 3), pos)
    )


def find_officials(text: str, blocked: list[bool]) -> list[RawOfficial]:
    """Officials named with titles: title chains before the name, or organ + name + title."""
    out: list[RawOfficial] = []
    taken_until = -1
    for m in TITLE_RE.finditer(text):
        te = m.end()
        if te <= taken_until or blocked[m.start()]:
            continue
        if text[te : te + 1] == "会" and m.group(0).endswith("委员"):
            continue
        ns = te + len(_GAP.match(text, te).group(0))  # 政法委书记 王强 (a caption's spacing)
        name_end = _name_at(text, ns)
        opening = _chain_opening(text, te)
        if name_end is None and opening is not None:
            name_end = _bare_name_at(text, ns)
        if name_end is not None:
            # a chain of titles ending here, not reaching into an earlier official's
            # (…局长沈某任组长，副局长钱某任副组长) nor past the clause it opens
            posts: list[RawPost] = []
            seg_end = te
            floor = max(0, m.start() - 60, taken_until, opening or 0)
            while True:
                seg_start = _segment_start(text, seg_end, floor)
                if seg_start == taken_until:
                    break  # …赵某任组长，副局长孙某: what follows a name is none of its titles
                post = _post(text, seg_start, seg_end)
                if post is None or seg_start == seg_end:
                    break
                posts.insert(0, post)
                if seg_start > 0 and text[seg_start - 1] in _CHAIN_SEP:
                    prev_end = seg_start - 1
                    if _TITLE_END.search(text, max(0, prev_end - 12), prev_end) is None:
                        break
                    if _name_before(text, prev_end):
                        break
                    seg_end = prev_end
                    continue
                break
            if not posts:
                continue
            trail = _TRAILING.match(text, name_end)
            if trail:  # 院长苗连营教授: a second title after the name, same organ
                organ = posts[-1].organ
                posts.append(
                    RawPost(trail.start(), trail.end(), trail.group(0), organ, trail.group(0))
                )
            capacity = _CAPACITY.match(text, name_end)
            if capacity and TITLE_RE.search(capacity.group(1)):
                # 法官吴某以法治副校长身份走进城南小学: a post held there, at the school it visits
                school = _VISITED_SCHOOL.match(text, capacity.end())
                posts.append(
                    RawPost(
                        capacity.start(1),
                        capacity.end(1),
                        capacity.group(1),
                        school.group(1) if school else "",
                        TITLE_RE.search(capacity.group(1)).group(0),
                    )
                )
            spans = tuple((p.start, p.end) for p in posts)
            out.append(
                RawOfficial(ns, name_end, _unpadded(text, ns, name_end), tuple(posts), spans)
            )
            taken_until = trail.end() if trail else name_end
            if trail is None:  # 副市长覃丽娟、莫振宇、邓凯: names that share the titles
                for s, e in _names_after(text, name_end):
                    out.append(RawOfficial(s, e, _unpadded(text, s, e), tuple(posts), ()))
                    taken_until = e
            continue
        # organ + name + title word (市委来鹤书记, 法学院徐海静教授)
        for length in (2, 3):
            ns = m.start() - length
            if ns <= 0 or blocked[ns]:
                continue
            name = text[ns : m.start()]
            if not _surname_ok(name) or name in _NOT_NAMES:
                continue
            if any(ch in _BAD_GIVEN or not "\u4e00" <= ch <= "\u9fff" for ch in name[1:]):
                continue  # 干部和“法律明白人”: no name holds a quote
            if not _ORGAN_TAIL.search(text, max(0, ns - 3), ns):
                continue
            organ_start = _segment_start(text, ns, max(0, ns - 30))
            organ = text[organ_start:ns]
            if len(organ) < 2:
                continue
            title = organ + m.group(0) if len(organ) <= 4 else m.group(0)
            post = RawPost(organ_start, te, title, organ, m.group(0))
            out.append(
                RawOfficial(ns, m.start(), name, (post,), ((organ_start, ns), (m.start(), te)))
            )
            taken_until = te
            break
    return out


def _names_after(text: str, end: int) -> list[tuple[int, int]]:
    """The names listed with 、 right after an official's name that has no title of its own
    (副市长覃丽娟、莫振宇、邓凯，…: all three are 副市长)."""
    out = []
    while text[end : end + 1] == "、":
        name_end = _name_at(text, end + 1)
        if name_end is None:
            break
        # a title of its own right after it (…、B局长): not one of the list (a title past a
        # comma is the next person's: 副主任A、B，秘书长C)
        after = text[name_end : name_end + 4]
        cut = next((k for k, ch in enumerate(after) if ch in PUNCT), len(after))
        if TITLE_RE.search(text, end + 1, name_end + cut):
            break
        out.append((end + 1, name_end))
        end = name_end
    return out


def _chain_opening(text: str, end: int) -> int | None:
    """Where the titles ending at ``end`` start when they open their sentence (区委副书记、区长
    陈文彬切实履行…) or, two or more of them, a clause (…，某律师事务所律师、某村法律顾问魏某
    每月…): then the name after them needs no boundary word. None when they do not."""
    i = end
    floor = max(0, end - 40)
    clause = None  # the start of the clause the titles open, if the sentence's is not found
    while i > floor:
        start = _segment_start(text, i, floor)
        if _TITLE_END.search(text, start, i) is None or start == i:
            return clause
        if start == 0 or text[start - 1] in "。！？；\n":
            return start
        if text[start - 1] == "，" and i < end and clause is None:
            clause = start
        if text[start - 1] not in _CHAIN_SEP:
            return clause
        i = start - 1
    return clause


def _bare_name_at(text: str, pos: int) -> int | None:
    """The end of a name of three (else two) characters at ``pos``, followed by more words
    (two when a reporting verb follows them: 局长周敏汇报了…)."""
    for length in (3, 2):
        if length == 3 and _REPORT_VERB.match(text, pos + 2):
            continue
        name = text[pos : pos + length]
        if len(name) < length or not _surname_ok(name) or name in _NOT_NAMES:
            continue
        if name[:2] in _WORDS_AFTER_SUBJECT:
            continue  # 法律明白人张贴宣传画, 辅导员高度重视: a bare subject and its verb
        if any(ch in _BAD_GIVEN or not "\u4e00" <= ch <= "\u9fff" for ch in name[1:]):
            continue
        nxt = text[pos + length : pos + length + 1]
        if "\u4e00" <= nxt <= "\u9fff" and nxt != "的":  # 律师费用的问题: no name
            return pos + length
    return None


def _name_before(text: str, end: int) -> bool:
    """Whether a personal name ends at ``end`` (the segment before is a whole official)."""
    for length in (2, 3):
        s = end - length
        if s < 0:
            continue
        if _surname_ok(text[s:end]) and _TITLE_END.search(text, max(0, s - 12), s):
            given = text[s + 1 : end]
            if not any(ch in _BAD_GIVEN for ch in given):
                return True
    return False
