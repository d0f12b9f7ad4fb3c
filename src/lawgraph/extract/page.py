"""The page around the report: lines, blocks, sentences, and the noise that yields no facts.

Web pages of the genre carry image captions (the title repeated with a number: ``…(3)``),
repeated titles, disclaimers (免责声明…), lists of links (相关新闻, 往期推荐), bylines and navigation
words (分享 投诉 首页). Such lines are *noise*: no mention may start in them. Metadata lines
(发布时间 …, 来源：…, a WeChat post's header) are noise too, except for the page date they state,
which is a Date mention, and the organisation they credit (来源：X, 供稿：X, （X供稿）, 主办单位：X,
X 版权所有), which is an Agency mention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

_CAPTION_TAIL = re.compile(
    r"\s*[(（]\s*(?:图|组图|图片)?\s*\d{1,3}\s*[)）]\s*$|\s*(?:图|组图)\s*\d{1,3}\s*$"
)
_NAV_WORDS = re.compile(
    r"^(?:[\s|│·•【】\[\]<>《》:：,，。]|分享到?|投诉|首页|打印(?:本页)?|关闭(?:窗口)?|返回(?:顶部|列表)?|"
    r"收藏|顶部|上一篇|下一篇|微信|微博|朋友圈|QQ空间|扫一扫|字[体号]|[大中小]|默认|"
    r"相关(?:链接|阅读|新闻)|点击[数量]?|浏览(?:次数)?|阅读(?:量|数)?|\d+)*$"
)
_META = re.compile(
    r"^\s*(?:来源|来源于|信息来源|发布时间|发布日期|发布机构|时间|日期|作者|文章来源|"
    r"责任编辑|编辑|记者|通讯员|审核|校对|供稿|撰稿|摄影|图片|编审|终审|初审|访问量|浏览次数)"
    r"\s*[:：|丨｜]"
)
# （记者 张三 摄）; not a photo's caption that credits its photographer, （图为…现场。摄影：…）
_BYLINE = re.compile(
    r"^\s*[(（](?!\s*图\s*[为：:\d])[^()（）]{0,40}(?:供稿|来源|摄影|撰稿|通讯员|记者|编辑|作者)[^()（）]{0,20}[)）]\s*$"
)
# A notice's document number on its own line: 璧山委法办〔2024〕12号
_DOC_NUMBER_LINE = re.compile(r"^\S{2,16}[〔［\[]\s*(?:19|20)\d{2}\s*[〕］\]]\s*\d{1,4}\s*号$")
_DISCLAIMER = re.compile(r"^\s*(?:免责声明|版权声明|版权所有|声明[:：]|Copyright|©)")
# A list of links to other pages: noise only when short titles follow, not full paragraphs.
_LINK_LIST = re.compile(
    r"^\s*[▼▲■●]?\s*(?:往期推荐|往期回顾|相关阅读|推荐阅读|延伸阅读|相关新闻|相关链接|更多阅读)"
)
# a site's path to the page (当前位置：首页 > 政务公开 > 工作动态): navigation, never the title
_BREADCRUMB = re.compile(r"^\s*(?:当前位置\s*[:：]?\s*)?(?:网站)?首页\s*[>＞»›]")
_FURNITURE = re.compile(r"^\s*(?:[▲▼△▽↑↓◆◇■□●○★☆]|点击(?:上方)?蓝字|长按(?:识别)?二维码|END\s*$)")
_FOLLOW_US = re.compile(r"欢迎关注|关注我们|如需转载|转载请注明")  # in a short line: a page footer
# A WeChat post's header: 原创 ACCOUNT NAME 2023-05-29 17:46 发表于PROVINCE
_WECHAT_HEADER = re.compile(r"^\s*(?:原创\s|.{0,40}\d{1,2}:\d{2}\s*发表于)")
# The organisation a page credits: 来源：X, 供稿：X, 主办(单位)：X, 版权所有：X; （X供稿）; X 版权所有;
# the author and account of a WeChat post (原创 AUTHOR ACCOUNT 2023-05-26 …; ACCOUNT 2022-11-18 17:06
# 发表于…)
_CREDIT = re.compile(
    r"(?:来源|来源于|信息来源|文章来源|发布机构|供稿|供稿单位|主办单位|承办单位|主办|承办|版权所有|"
    r"技术支持)"
    r"\s*[:：|丨｜]\s*([^\s:：|丨｜]+(?:[ 　](?![\s\d])[^\s:：|丨｜]+(?![^\s]*[:：]))*)"
    r"|^\s*[(（]\s*([^()（）\s]+?)\s*供稿\s*[)）]\s*$"
    r"|^\s*([^\s:：|丨｜]+)\s*版权所有"
    r"|^\s*原创\s+(\S+(?:[ \t　]+(?!\d)\S+)*)"
    r"|^\s*([^\s\d]\S*)[ \t　]+(?:19|20)\d{2}-\d{1,2}-\d{1,2}[ \t　]+\d{1,2}:\d{2}[ \t　]*发表于",
    re.MULTILINE,
)
# a page footer's address (地址：湖北省宜昌市西陵区沿江大道): one place, up to the next field
_ADDRESS = re.compile(r"(?<![^\s|丨｜])地址\s*[:：]\s*([^\s:：|丨｜，,。；]{4,40})")
_IP_PLACE = re.compile(
    r"\d{1,2}:\d{2}[ \t　]*(?:发表于)?[ \t　]*([\u4e00-\u9fff]{2,3})[ \t　]*$", re.M
)
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))"
)
_SENTENCE_END = re.compile(r"[。！？!?；;]+|\n")


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # excluding the newline
    noise: bool
    meta: bool  # a metadata line: noise except for its dates and the organisation it credits
    heading: bool


class Page:
    """A report's text cut into lines, blocks and sentences, with its noise marked."""

    def __init__(self, text: str) -> None:
        self.text = text
        raw: list[tuple[int, int]] = []
        pos = 0
        for part in text.split("\n"):
            raw.append((pos, pos + len(part)))
            pos += len(part) + 1
        keys = [_caption_key(text[s:e]) for s, e in raw]
        counts = Counter(k for k in keys if k)
        first = next(
            (
                k
                for k, (s, e) in zip(keys, raw, strict=True)
                if k and not _BREADCRUMB.match(text[s:e])
            ),
            "",
        )
        self.title = first
        lines: list[Line] = []
        tail_noise = False
        for i, ((s, e), key) in enumerate(zip(raw, keys, strict=True)):
            content = text[s:e].strip()
            if not tail_noise and s > len(text) * 0.4:
                if _DISCLAIMER.match(content):
                    tail_noise = True
                elif _LINK_LIST.match(content):
                    tail_noise = not _paragraph_follows(text, raw, i)
            meta = bool(_META.match(content)) or bool(_BYLINE.match(content))
            meta = meta or bool(_FURNITURE.match(content)) or bool(_WECHAT_HEADER.match(content))
            meta = meta or (len(content) <= 40 and bool(_FOLLOW_US.search(content)))
            noise = (
                tail_noise
                or meta
                or not content
                or (counts[key] > 1 and len(key) < 80)
                or (len(content) <= 40 and bool(_NAV_WORDS.match(content)))
                or bool(_BREADCRUMB.match(content))
                or bool(_DOC_NUMBER_LINE.match(content))
            )
            heading = (
                not noise
                and len(content) <= 60
                and (bool(_HEADING.match(content)) or "。" not in content)
            )
            lines.append(Line(s, e, noise, meta, heading))
        self.lines = lines
        self._starts = [ln.start for ln in lines]
        self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.blocks = self._blocks()
        self._block_starts = [b[0] for b in self.blocks]
        self.credits = [c for ln in lines for c in _credits(text, ln)]
        self.addresses = [
            m.span(1) for ln in lines for m in _ADDRESS.finditer(text, ln.start, ln.end)
        ]
        # the province a post's page header names after its time (17:42 发表于甘肃, 17:32　内蒙古)
        self.ip_places = [
            m.span(1)
            for ln in lines
            if ln.noise
            for m in _IP_PLACE.finditer(text, ln.start, ln.end)
        ]

    def line_at(self, pos: int) -> Line:
        return self.lines[bisect_right(self._starts, pos) - 1]

    def is_noise(self, start: int) -> bool:
        return self.line_at(start).noise

    def is_meta(self, start: int) -> bool:
        return self.line_at(start).meta

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos`` (split at 。！？； and line breaks)."""
        i = bisect_right(self._sentence_ends, pos)
        start = self._sentence_ends[i - 1] if i else 0
        end = self._sentence_ends[i] if i < len(self._sentence_ends) else len(self.text)
        return start, end

    def block(self, pos: int) -> int:
        """The index of the block around ``pos``: a paragraph with the headings just before it."""
        return bisect_right(self._block_starts, pos) - 1

    def _blocks(self) -> list[tuple[int, int]]:
        blocks: list[tuple[int, int]] = []
        start: int | None = None
        for ln in self.lines:
            if ln.noise:
                continue
            if start is None:
                start = ln.start
            if not ln.heading:
                blocks.append((start, ln.end))
                start = None
        if start is not None:
            blocks.append((start, len(self.text)))
        if not blocks:
            blocks.append((0, len(self.text)))
        return blocks


def _paragraph_follows(text: str, raw: list[tuple[int, int]], i: int) -> bool:
    """Whether the first line with text after line ``i`` is a paragraph (sentences), not a
    link's title: then a heading such as 相关新闻：… introduces more body text."""
    for s, e in raw[i + 1 :]:
        content = text[s:e].strip()
        if content:
            return len(content) >= 30 and "。" in content
    return False


def _credits(text: str, ln: Line) -> list[tuple[int, int]]:
    """The spans naming the organisation a noise line credits (来源：X …)."""
    if not ln.noise:
        return []
    out = []
    for m in _CREDIT.finditer(text, ln.start, ln.end):
        g = next(k for k in (1, 2, 3, 4, 5) if m.group(k))
        out.append((m.start(g), m.end(g)))
    return out


def _caption_key(line: str) -> str:
    content = line.strip()
    return _CAPTION_TAIL.sub("", content).strip()
