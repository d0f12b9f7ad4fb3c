"""Date expressions (12月4日, 2019年12月9日, 12月1日至7日, 2021/03/29) and the report's year.

Years come only from the text: a page date, 第N个国家宪法日 (2013+N), 第N个宪法宣传周 (2017+N), or
the latest explicit year. A month and day without a year take the year last stated in the same
block (去年 and 今年 count, relative to the report's year), else the report's year, else ``XXXX``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgraph.extract.numerals import chinese_to_int

_SEP = r"\s*(?:至|到|—+|－|-|–|~|～)\s*"

_DATE = re.compile(
    r"(?=\d)(?:"
    # 2019年12月1日至2019年12月7日, 2019年12月1日至12月7日, 2019年12月1日至7日, 2019年12月9日
    r"(?:(?P<y1>(?:19|20)\d{2})\s*年\s*)?(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号]"
    rf"(?:{_SEP}(?:(?:(?P<y2>(?:19|20)\d{{2}})\s*年\s*)?(?P<m2>\d{{1,2}})\s*月\s*)?"
    r"(?P<d2>\d{1,2})\s*[日号])?"
    # 2020年1-6月, 1至6月, 2023年5月至7月
    r"|(?:(?P<ry>(?:19|20)\d{2})\s*年\s*)?(?<![\d.])(?P<rm1>\d{1,2})(?:\s*月)?"
    rf"{_SEP}(?P<rm2>\d{{1,2}})\s*月(?![\d日号])"
    # 2021—2025年, 2021年至2025年
    rf"|(?P<yy1>(?:19|20)\d{{2}})(?:\s*年)?{_SEP}(?P<yy2>(?:19|20)\d{{2}})\s*年"
    # 2020年6月, 2020年
    r"|(?P<y>(?:19|20)\d{2})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?![\d日号]))?"
    # 2021/03/29, 2021-03-29, 2021.03.29
    r"|(?<![\d.])(?P<py>(?:19|20)\d{2})(?P<ps>[-/.])(?P<pm>\d{1,2})(?P=ps)(?P<pd>\d{1,2})(?![\d.])"
    # 6月 (a month alone)
    r"|(?<![\d.])(?P<mo>\d{1,2})\s*月(?![\d日号])"
    r")"
)

_RELATIVE = re.compile(r"(去年|今年|前年|明年|上年|本年)|(同年)")
_COMPARED = re.compile(r"(?:较|比|同比|相比|对比)$")
_NTH_DAY = re.compile(
    r"第\s*([\d一二三四五六七八九十]{1,3})\s*个\s*[“\"]?(?:12[.．·]4|4[.．·]15)?[”\"]?\s*(国家宪法日|宪法宣传周|(?:全民)?国家安全教育日)"
)


@dataclass(frozen=True)
class RawDate:
    start: int
    end: int
    y1: int | None
    m1: int | None
    d1: int | None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    year_range: bool = False
    page: bool = False

    @property
    def has_year(self) -> bool:
        return self.y1 is not None


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def find_dates(text: str) -> list[RawDate]:
    """Every date expression of ``text`` (offsets into it), unresolved."""
    out: list[RawDate] = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        s, e = m.span()
        if g["d1"] is not None:
            y1, mo1, d1 = _int(g["y1"]), _int(g["m1"]), _int(g["d1"])
            if g["d2"] is not None:
                y2, mo2 = _int(g["y2"]) or y1, _int(g["m2"]) or mo1
                out.append(RawDate(s, e, y1, mo1, d1, y2, mo2, _int(g["d2"])))
            else:
                out.append(RawDate(s, e, y1, mo1, d1))
        elif g["rm1"] is not None:
            y = _int(g["ry"])
            out.append(RawDate(s, e, y, _int(g["rm1"]), None, y, _int(g["rm2"]), None))
        elif g["yy1"] is not None:
            out.append(RawDate(s, e, _int(g["yy1"]), None, None, _int(g["yy2"]), None, None, True))
        elif g["y"] is not None:
            out.append(RawDate(s, e, _int(g["y"]), _int(g["m"]), None))
        elif g["py"] is not None:
            out.append(RawDate(s, e, _int(g["py"]), _int(g["pm"]), _int(g["pd"]), page=True))
        elif g["mo"] is not None:
            out.append(RawDate(s, e, None, _int(g["mo"]), None))
    out = [d for d in out if _valid(d)]
    return sorted(out + _days_of_month_before(text, out), key=lambda d: d.start)


# 15日下午，检查组召开反馈会: a day alone opening a paragraph or sentence, in the month of the
# date before it (6月13日 … 14日 … 15日; 6月28日至29日举行 … 29日下午)
_BARE_DAY = re.compile(r"(?:^|(?<=[。；\n]))\s*(\d{1,2})\s*日(?=上午|下午|晚上|当天|，)")


def _days_of_month_before(text: str, dates: list[RawDate]) -> list[RawDate]:
    out = []
    for m in _BARE_DAY.finditer(text):
        before = [d for d in dates if d.end <= m.start() and d.m1 is not None and d.d1 is not None]
        if not before:
            continue
        last = before[-1]
        month, day = last.m2 or last.m1, int(m.group(1))
        if (last.d1 or 0) < day <= 31:  # a later day, or one of the range just given (28日至29日)
            out.append(RawDate(m.start(1), m.end(), last.y2 or last.y1, month, day))
    return out


def _valid(d: RawDate) -> bool:
    for mo in (d.m1, d.m2):
        if mo is not None and not 1 <= mo <= 12:
            return False
    for day in (d.d1, d.d2):
        if day is not None and not 1 <= day <= 31:
            return False
    return not (d.m1 is None and d.y1 is None)


def nth_observance_years(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, year)`` of every 第N个国家宪法日 (2013+N), 第N个宪法宣传周 (2017+N) and
    第N个全民国家安全教育日 (2015+N)."""
    out = []
    for m in _NTH_DAY.finditer(text):
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else chinese_to_int(raw)
        if not n:
            continue
        base = {"国家宪法日": 2013, "宪法宣传周": 2017}.get(m.group(2), 2015)
        out.append((m.start(), m.end(), base + n))
    return out


_TAKES_EFFECT = re.compile(r"\s*起?(?:正式)?(?:施行|实施|生效)")


def takes_effect(text: str, d: RawDate) -> bool:
    """Whether a date is the day a law takes effect (将于2021年1月1日起施行): it states when
    the law applies, not when the text's events happen, so it sets no year for later dates."""
    return bool(_TAKES_EFFECT.match(text, d.end))


def labels_a_period(text: str, d: RawDate) -> bool:
    """Whether a bare year inside a clause qualifies a noun (通报了2019年全区法治建设工作情况): it
    names the period reported on, not the time of what follows (as 2019年，… 2019年是… or
    2019年以来 opening a clause do; inside one, 对2019年以来命名的示范村, it qualifies a noun)."""
    if d.m1 is not None or d.y1 is None:
        return False
    prev, nxt = text[d.start - 1 : d.start], text[d.end : d.end + 1]
    if not "\u4e00" <= prev <= "\u9fff" or prev in "自从":
        return False
    if text.startswith("以来", d.end):
        return not re.match(r"[，,、]", text[d.end + 2 : d.end + 3])
    return "\u4e00" <= nxt <= "\u9fff" and nxt not in "月以至起初底末上下中前后内来"


def relative_years(text: str) -> list[tuple[int, int]]:
    """``(position, offset)`` of 去年 (-1), 今年 (0), 前年 (-2), 明年 (+1)."""
    offsets = {"去年": -1, "上年": -1, "今年": 0, "本年": 0, "前年": -2, "明年": 1}
    return [
        (m.start(), offsets[m.group(1)])
        for m in _RELATIVE.finditer(text)
        if m.group(1)
        # 去年以来: a span reaching to now, no year for what the text tells after it
        and not (offsets[m.group(1)] < 0 and text.startswith("以来", m.end()))
        # 较上年增长18.6%, 同比去年: the year compared with, not the year of what follows
        and not _COMPARED.search(text, max(0, m.start() - 2), m.start())
    ]


def infer_doc_year(
    dates: list[RawDate],
    nth: list[tuple[int, int, int]],
    page_dates: list[RawDate],
    title: str = "",
) -> tuple[int | None, str | None]:
    """The year the report was written, and what it rests on (None when the text does not say).

    A summary titled with its year (2023年普法工作总结) and published early the next year is
    that year's report."""
    stated = {int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年度?", title)}
    if page_dates and len(stated) == 1 and re.search(r"总结|报告|回顾|综述", title):
        (year,) = stated
        if page_dates[0].y1 == year + 1:
            return year, "title year"
    if page_dates:
        return page_dates[0].y1, "page date"
    years = [d.y1 for d in dates if d.y1 is not None and 1990 <= d.y1 <= 2100]
    nth_years = [y for _, _, y in nth]
    if years and (not nth_years or max(years) >= max(nth_years)):
        return max(years), "latest explicit year"
    if nth_years:
        return max(nth_years), "第N个国家宪法日/宪法宣传周"
    return None, None


def norm(d: RawDate, year: int | None) -> str:
    """The ISO form: ``2024-12-04``, ``2024-12-01/2024-12-07``, ``2020``, ``XXXX-12-04``."""
    y1 = d.y1 if d.y1 is not None else year
    if d.year_range:
        return f"{d.y1}/{d.y2}"
    first = _iso(y1, d.m1, d.d1)
    if d.m2 is None and d.d2 is None:
        return first
    y2 = d.y2 if d.y2 is not None else y1
    second = _iso(y2, d.m2, d.d2)
    return f"{first}/{second}"


def _iso(y: int | None, m: int | None, d: int | None) -> str:
    out = f"{y:04d}" if y is not None else "XXXX"
    if m is not None:
        out += f"-{m:02d}"
        if d is not None:
            out += f"-{d:02d}"
    return out
