"""From a report's text to its entities and relations: the recognisers, then longest span wins,
then grouping mentions into entities with their normalised values, then relations."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from lawgraph.extract import agencies as ag
from lawgraph.extract import dates as dt
from lawgraph.extract.campaigns import RawCampaign, find_campaigns, find_programmes
from lawgraph.extract.chunks import PUNCT, QUOTES
from lawgraph.extract.events import RawEvent, event_key, find_events
from lawgraph.extract.jurisdiction import Jurisdiction, build, infer_place
from lawgraph.extract.laws import RawLaw, find_laws
from lawgraph.extract.model import Entity, Extraction, Mention
from lawgraph.extract.officials import _AFTER_NAME, RawOfficial, find_officials
from lawgraph.extract.page import Page
from lawgraph.extract.places import (
    ACCOUNT_WORD,
    RawDivision,
    RawLocal,
    find_divisions,
    find_locals,
    find_short_names,
    short_names,
)
from lawgraph.extract.quantities import RawQuantity, find_quantities
from lawgraph.extract.relations import relate
from lawgraph.extract.spans import Candidate, mark, resolve
from lawgraph.extract.themes import SLOGAN_NOUNS, SLOGAN_PREFIXES, find_themes
from lawgraph.gazetteer import Division, divisions

# 市县两级…, 各级党委（党组）理论学习中心组: the organs of all levels, not this one
_COLLECTIVE_BEFORE = re.compile(
    r"(?:[两三四五各多]级|各)(?:[^，。；、\s（）()]{1,4}[（(][^）)]{1,4}[）)])?$"
)
_SOURCE = re.compile(r"^\s*(?:来源|来源于|信息来源|文章来源|发布机构)\s*[:：]\s*(\S+)")


@dataclass
class Years:
    """Which year a month-and-day date, or an annual campaign, belongs to."""

    page: Page
    markers: list[tuple[int, int]]  # (position, year), sorted
    doc_year: int | None

    def at(self, pos: int) -> int | None:
        """The year in force at ``pos``: one stated in its sentence, else the last one stated
        before it, else the report's year."""
        s, e = self.page.sentence(pos)
        here = [(abs(p - pos), y) for p, y in self.markers if s <= p < e]
        if here:
            return min(here)[1]
        i = bisect_left(self.markers, (pos, -1))
        if i > 0:
            return self.markers[i - 1][1]
        return self.doc_year

    def in_block(self, pos: int) -> int | None:
        """The year of an annual campaign: stated in its sentence or earlier in its block, else
        the report's year (a campaign in a later section is this year's)."""
        s, e = self.page.sentence(pos)
        here = [(abs(p - pos), y) for p, y in self.markers if s <= p < e]
        if here:
            return min(here)[1]
        block = self.page.block(pos)
        i = bisect_left(self.markers, (pos, -1))
        if i > 0 and self.page.block(self.markers[i - 1][0]) == block:
            return self.markers[i - 1][1]
        return self.doc_year


_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def extract(text: str, doc_id: str = "report", place: Division | None = None) -> Extraction:
    """Everything the extractor finds in one report.

    ``place`` is the reporting jurisdiction when the text does not state it. Full-width digits
    (２０２２年１２月６日, as some sites' editors type them) are read as ASCII ones; offsets and
    quoted surfaces are the text's own.
    """
    plain = text.translate(_ASCII_DIGITS)
    x = _extract(plain, doc_id, place)
    if plain != text:

        def own(value: Any) -> Any:  # a span (or a list of spans) quoting the text itself
            if isinstance(value, Mention):
                return Mention(value.start, value.end, text[value.start : value.end])
            return [own(v) for v in value] if isinstance(value, list) else value

        for item in (*x.entities, *x.relations):
            item.attrs = {k: own(v) for k, v in item.attrs.items()}
        for e in x.entities:
            e.mentions = own(e.mentions)
        for r in x.relations:
            r.evidence = own(r.evidence)
        x.text = text
    return x


def _extract(text: str, doc_id: str, place: Division | None) -> Extraction:
    page = Page(text)
    n = len(text)
    noise = bytearray(n + 1)
    for ln in page.lines:
        if ln.noise:
            mark(noise, ln.start, ln.end)
    blocked = bytearray(noise)

    # 《》 titles: laws are mentions, other titles hide their words
    raw_laws, raw_titles, law_hints = find_laws(text)
    for t in raw_titles:
        mark(blocked, max(0, t.start - 1), t.end + 1)
    themes = find_themes(text)
    for s, e in themes:
        mark(blocked, s, e)

    # dates and the report's year
    raw_dates = dt.find_dates(text)
    page_dates = [
        d for d in raw_dates if page.is_meta(d.start) and d.d1 is not None and d.y1 is not None
    ]
    body_dates = [d for d in raw_dates if not blocked[d.start]]
    nth = [x for x in dt.nth_observance_years(text) if not blocked[x[0]]]
    titled = [d for d in raw_dates if blocked[d.start] and not noise[d.start]]  # 《2023年…要点》
    doc_year, year_basis = dt.infer_doc_year(body_dates + titled, nth, page_dates, page.title)
    markers = [
        (d.start, d.y1)
        for d in body_dates
        if d.y1 is not None
        and not d.year_range
        and not dt.takes_effect(text, d)
        and not (doc_year and d.y1 < doc_year and dt.labels_a_period(text, d))
    ]
    markers += [(s, y) for s, _, y in nth]
    if doc_year is not None:
        markers += [(p, doc_year + off) for p, off in dt.relative_years(text) if not blocked[p]]
    markers.sort()
    years = Years(page, [(p, y) for p, y in markers if y is not None], doc_year)

    cands: list[Candidate] = []
    for d in raw_dates:
        if d in page_dates or not blocked[d.start]:
            cands.append(Candidate(d.start, d.end, "Date", d))
    for law in raw_laws:
        if not blocked[law.start]:
            cands.append(Candidate(law.start, law.end, "Law", law))

    # officials and their title strings
    officials = [o for o in find_officials(text, blocked) if not blocked[o.start]]
    blocked2 = bytearray(blocked)
    for o in officials:
        cands.append(Candidate(o.start, o.end, "Official", o))
        for s, e in o.spans:
            cands.append(Candidate(s, e, "Block"))
            mark(blocked2, s, e)
        mark(blocked2, o.start, o.end)

    # divisions, the report's place, and the jurisdiction prefixes
    all_divs = _join_nested(find_divisions(text))
    provinces = {_province(r.candidates[0]) for r in all_divs if r.end - r.start > 2}
    raw_divs = [r for r in all_divs if _plausible(text, r, provinces)]
    hint_divs = [r for r in raw_divs if not noise[r.start] or page.is_meta(r.start)]
    inferred = infer_place(text, hint_divs)
    report_place = inferred or place
    named_codes = {r.candidates[0].code for r in raw_divs if len(r.candidates) == 1}
    named_codes |= {a.code for r in raw_divs for a in _written_parents(text, r)}
    named_codes |= {d.code for r in raw_divs if len(r.candidates) > 1 for d in r.candidates[:0]}
    allowed_short: dict[str, Division] = {}
    g = divisions()
    for code in sorted(named_codes):
        d = g.by_code[code]
        # a named division's short name, and its city's (榆林 in a report of 榆林's 市保密局 whose
        # only division named in full is its 神木市保密局)
        above = g.parent(d)
        for e in (d, above) if above is not None and above.level == "prefecture" else (d,):
            if e.short_name and len(e.short_name) >= 2:
                allowed_short.setdefault(e.short_name, e)
    if report_place is not None and report_place.short_name:
        allowed_short[report_place.short_name] = report_place
        # the short names of the place's own subdivisions (郑州, 洛阳 in a Henan report)
        for short, ds in _children(report_place.code).items():
            if len(ds) == 1:
                allowed_short.setdefault(short, ds[0])
    short_divs = find_short_names(text, allowed_short)
    for r in short_divs:
        named_codes.add(r.candidates[0].code)
    if inferred is not None and short_divs:
        # 宝鸡 named without 市 in a report whose 市委 is its only other name of the city: the
        # city is the place, not the province the text names in full (陕西省…条例)
        hint_short = [r for r in short_divs if not noise[r.start] or page.is_meta(r.start)]
        report_place = infer_place(text, [*hint_divs, *hint_short]) or report_place
    all_locals = find_locals(text)
    # a street or community a page credits as a whole word (来源：宝湖社区; 原创 黄河东路街道 …)
    credited_words = {
        (s + w.start(), s + w.end())
        for s, e in page.credits
        for w in re.finditer(r"\S+", text[s:e])
    }
    locals_ = [
        loc
        for loc in all_locals
        if (not any(blocked2[loc.start : loc.end]) and not _inside_quotes(text, loc.start))
        or (loc.start, loc.end) in credited_words
    ]
    towns = {strip_division(text[loc.start : loc.end]) for loc in locals_ if loc.kind == "division"}
    juris = build(report_place, named_codes, text, towns)
    anchors: set[int] = set()
    for r in [*raw_divs, *short_divs]:
        if blocked2[r.start]:
            continue
        anchors.add(r.start)
        if text[max(0, r.start - 2) : r.start] in SLOGAN_PREFIXES:
            cands.append(Candidate(r.start - 2, r.end, "Block"))
            continue
        slogan = SLOGAN_NOUNS.match(text, r.end) if r.short else None
        if slogan:  # 谱写…的宝鸡篇章: the place's short name in a slogan names nothing
            cands.append(Candidate(r.start, slogan.end(), "Block"))
            continue
        if r.short and _inside_quotes(text, r.start):
            continue  # “武侯普法”: the name of something else
        cands.append(Candidate(r.start, r.end, "Place", r))

    for s, e in page.ip_places:
        provinces_named = [d for d in short_names().get(text[s:e], ()) if d.level == "province"]
        if provinces_named:
            cands.append(Candidate(s, e, "Place", RawDivision(s, e, (provinces_named[0],), True)))
    for s, e in page.addresses:
        cands.append(Candidate(s, e, "Place", RawLocal(s, e, "address")))
    anchors |= {loc.start for loc in locals_ if loc.kind == "division"}
    # 昆区公安分局: a long division name abbreviated to its first character and level word
    for r in raw_divs:
        d = r.candidates[0]
        if len(r.candidates) == 1 and len(d.name) >= 4 and d.name[-1] in "区县旗":
            abbr = d.name[0] + d.name[-1]
            anchors |= {m.start() for m in re.finditer(abbr, text)}  # find_agencies skips taken
    for town in towns:  # 高桥镇 anchors 高桥镇人民政府 too
        anchors |= {m.start() for m in re.finditer(re.escape(town), text)}
    venues = {
        (loc.start, loc.end)
        for loc in locals_
        if loc.kind == "venue" and text[max(0, loc.start - 1) : loc.start] in ("在", "于")
    }
    # the organisation a noise line credits (来源：X) is the one agency named there
    credited = bytearray(blocked2)
    for s, e in page.credits:
        credited[s:e] = bytes(e - s)
        anchors |= {r.start for r in [*raw_divs, *short_divs] if s <= r.start < e}
        anchors |= {
            loc.start for loc in all_locals if loc.kind == "division" and s <= loc.start < e
        }
    found_agencies = ag.find_agencies(text, anchors, credited)
    # a venue (在X举行) is a place, unless the text names it elsewhere as an organisation (X承办)
    organs = {
        agency_key(juris.expand(a.name)) for a in found_agencies if (a.start, a.end) not in venues
    }
    # 讲解新修订公司法: a law's name that goes on past the organ's head word (公司|法) holds it
    law_spans = [(c.start, c.end) for c in cands if c.type == "Law"]
    for a in found_agencies:
        if any(a.start < ls < a.end < le for ls, le in law_spans):
            continue
        if (a.start, a.end) not in venues or agency_key(juris.expand(a.name)) in organs:
            cands.append(Candidate(a.start, a.end, "Agency", a))
    for loc in locals_:
        cands.append(Candidate(loc.start, loc.end, "Place", loc))
    # 大民屯镇 … 在大民屯蔚然成风: a town of three characters or more is also named without 镇/乡
    for town in sorted(t for t in towns if len(t) >= 4 and t[-1] in "镇乡"):
        for m in re.finditer(re.escape(town[:-1]), text):
            if not (
                text[m.end() : m.end() + 1] in _TOWN_GOES_ON
                or ACCOUNT_WORD.match(text, m.end())
                or any(blocked2[m.start() : m.end()])
            ):
                cands.append(
                    Candidate(m.start(), m.end(), "Place", RawLocal(m.start(), m.end(), "town"))
                )
    raw_campaigns = [c for c in find_campaigns(text) if not any(blocked2[c.start : c.end])]
    programmes_only = [
        c
        for c in find_programmes(text)
        if not any(noise[c.start : c.end]) and (not blocked2[c.start] or _in_theme(c, themes))
    ]
    # 推动民法典进农村、进社区…: the law that goes is named; the list (a facts-only programme) is
    # what follows it
    named = {law.start: law.end for law in raw_laws if not law.bracketed}
    programmes_only = [
        replace(c, start=named[c.start]) if c.facts_only and c.start in named else c
        for c in programmes_only
    ]
    raw_campaigns += programmes_only
    for c in raw_campaigns:
        cands.append(Candidate(c.start, c.end, "Campaign", c))
    programmes = [c for c in raw_campaigns if not c.annual]
    blocked3 = bytearray(blocked2)
    for s, e in themes:
        if text[s : s + 1] == "“":
            blocked3[s:e] = noise[s:e]  # an event's name may carry its quoted theme
    found_events = find_events(text, blocked3)
    raw_events = [
        ev
        for ev in found_events
        if not _is_programme(text, ev, programmes)
        and (not ev.plural or any(_is_series(text, x) and x.end <= ev.start for x in found_events))
        and not (ev.head == "全会" and (_inside_quotes(text, ev.start) or blocked2[ev.start]))
        and not _observance_activities(text, ev, page.title)
        and not _headline_topic(text, page, ev)
        and not _column_tag(text, page, ev)
    ]
    for ev in raw_events:
        cands.append(Candidate(ev.start, ev.end, "Event", ev))
    for q in find_quantities(text):
        if not any(blocked2[q.start : q.end]) and not _inside_quotes(text, q.start):
            cands.append(Candidate(q.start, q.end, "Quantity", q))

    kept = resolve(cands, n)
    taken = bytearray(blocked2)
    for c in kept:
        mark(taken, c.start, c.end)

    # the text a place's fuller name may be read from: not inside a law's or a document's title
    # (甘肃 stays 甘肃 beside 《甘肃省人民调解条例》)
    outside_titles = list(text)
    for s, e in [(c.start, c.end) for c in kept if c.type == "Law"] + [
        (t.start, t.end) for t in raw_titles
    ]:
        outside_titles[s:e] = "□" * (e - s)
    builder = _Builder(text, page, juris, years, report_place, "".join(outside_titles))
    for c in kept:
        builder.add(c)
    for t in raw_titles:
        if not noise[t.start]:
            builder.document(t.title, Mention(t.start, t.end, text[t.start : t.end]))
    builder.more_mentions(taken)
    builder.sections(officials, taken)
    builder.implicit(kept, cands)
    builder.merge_agency_tails()
    builder.observance_links()
    builder.title_restated()
    for h in law_hints:
        in_campaign = any(c.start <= h.start < c.end for c in raw_campaigns)
        if not blocked2[h.start] and not in_campaign and not _inside_quotes(text, h.start):
            builder.law_hint(h)
    relations = relate(text, page, builder)
    entities = builder.entities()
    title = page.title
    issuer = builder.issuer()
    published = None
    if page_dates:
        published = dt.norm(page_dates[0], None)
    return Extraction(
        text=text,
        doc_id=doc_id,
        entities=entities,
        relations=relations,
        doc_year=doc_year,
        year_basis=year_basis,
        place=report_place,
        published=published,
        title=title,
        issuer=issuer,
        juris=juris,
        years=years,
    )


@cache
def _children(code: str) -> dict[str, list[Division]]:
    """The subdivisions of a division, by short name."""
    out: dict[str, list[Division]] = {}
    for d in divisions().by_code.values():
        if d.parent_code == code and d.short_name and len(d.short_name) >= 2:
            out.setdefault(d.short_name, []).append(d)
    return out


@lru_cache(maxsize=8192)
def agency_key(norm: str) -> str:
    """One key for the spellings of one organ: 江苏省人民政府 = 江苏省政府, 雁塔区法院 =
    雁塔区人民法院 = 西安市雁塔区人民法院, 中共漳州市委… = 漳州市委…."""
    key = re.sub(r"人民政府$", "政府", re.sub(r"^中共(?=.+[省市县区旗]委)", "", norm))
    key = re.sub(r"(?<![民级])法院$", "人民法院", key)
    key = re.sub(r"(?<!人民)检察院$", "人民检察院", key)
    key = key.replace("市场监督管理局", "市场监管局")  # the short standard form
    key = re.sub(r"(日报|晚报)社$", r"\1", key)  # 宝鸡日报 = 宝鸡日报社
    key = ag.unabbreviate(key)
    # 共青团西安市灞桥区委员会 = 团区委 = 灞桥共青团 (its account): the league's committee of a
    # level (one per report)
    key = re.sub(r"^共青团.*?([省市县区旗])委员会$", r"团\1委", key)
    league = re.fullmatch(r"(.{2,4})共青团", key)
    if league:
        levels = {d.name[-1] for d in short_names().get(league.group(1), ())}
        if len(levels) == 1:
            key = f"团{levels.pop()}委"
    # 西宁工会 (an account) = 西宁市总工会: a place's trade unions are its 总工会
    union = re.fullmatch(r"(.{2,4})工会", key)
    if union:
        places = short_names().get(union.group(1), ())
        if len(places) == 1:
            key = places[0].name + "总工会"
    # 市委全面依法治市委员会办公室 = 市依法治市办 = 市委依法治市办
    key = re.sub(r"委?(?:全面)?依法治(.)(?:委员会办公室|委员会办|办公室|办)$", r"依法治\1办", key)
    # 市守法普法协调小组办公室 = 市普法领导小组办公室 = 市普法办: the genre's short name
    key = re.sub(r"(?:守法)?普法(?:依法治理)?(?:工作)?(?:协调|领导)?小组办公室$", "普法办", key)
    divs = find_divisions(key)
    if len(divs) >= 2 and divs[0].start == 0 and divs[1].start == divs[0].end:
        key = key[divs[0].end :]
    return key


@cache
def strip_division(name: str) -> str:
    """A local name without the divisions written before it (安吉县递铺街道 → 递铺街道,
    遵义市湄潭县永兴镇 → 永兴镇)."""
    cut = 0
    for d in find_divisions(name):
        if d.start == cut and len(name) - d.end >= 2:
            cut = d.end
    return name[cut:]


def _plausible(text: str, r: RawDivision, provinces: set[str]) -> bool:
    """A two-character division name (理县, 和县) after a character it could end a word with
    (办理县…) is a place only in the province of the report's other places."""
    if r.end - r.start > 2 or r.start == 0:
        return True
    before = text[r.start - 1]
    if before in PUNCT or before in QUOTES or not "\u4e00" <= before <= "\u9fff":
        return True
    return any(_province(d) in provinces for d in r.candidates)


def _province(d: Division) -> str:
    """The code of a division's province."""
    return d.code[:2]


def _join_nested(raws: tuple[RawDivision, ...]) -> list[RawDivision]:
    """南京市鼓楼区: a division written right after its parent is one place."""
    out: list[RawDivision] = []
    for r in raws:
        if out and out[-1].end == r.start and len(out[-1].candidates) == 1:
            parent = out[-1].candidates[0]
            children = tuple(d for d in r.candidates if d.parent_code == parent.code)
            if children:
                out[-1] = RawDivision(out[-1].start, r.end, children, False)
                continue
        out.append(r)
    return out


_CAPTION = re.compile(r"\s*[（(]?图\s*[为：:\d]")


def _column_tag(text: str, page: Page, ev: RawEvent) -> bool:
    """Whether an event's name is the column tag a title opens with and then repeats in full
    (法治夏令营｜观山湖区2022年青少年法治夏令营圆满结营): the column, no mention."""
    ln = page.line_at(ev.start)
    name = text[ev.start : ev.end]
    return (
        text[ln.start : ln.end].strip() == page.title
        and not text[ln.start : ev.start].strip()
        and text[ev.end : ev.end + 1] in ("｜", "丨", "|")
        and name in text[ev.end + 1 : ln.end]
    )


def _headline_topic(text: str, page: Page, ev: RawEvent) -> bool:
    """Whether an event is the topic a subheading opens with (亲子竞赛寓教于乐, above the
    paragraph that names the contest in full): an unnumbered heading that is not the page's title,
    the bare name, unquoted and undated, at its start and a phrase after it."""
    ln = page.line_at(ev.start)
    line = text[ln.start : ln.end]
    return (
        ln.heading
        and not ln.noise
        and line.strip() != page.title
        and not text[ln.start : ev.start].strip()
        and bool(text[ev.end : ln.end].strip())
        and not re.search(r"[\d“”\"年月日]", text[ev.start : ev.end])
        and not re.search(r"[，。；：、]", line)
    )


def _written_parents(text: str, r: RawDivision) -> list[Division]:
    """The divisions written before a division in one name (芜湖市 of 芜湖市镜湖区): named too."""
    if len(r.candidates) != 1:
        return []
    written = text[r.start : r.end - len(r.candidates[0].name)]
    out = []
    p = divisions().parent(r.candidates[0])
    while p is not None and written:
        if p.name in written:
            out.append(p)
        p = divisions().parent(p)
    return out


def _in_theme(c: RawCampaign, themes: list[tuple[int, int]]) -> bool:
    return any(s <= c.start and c.end <= e for s, e in themes)


def _inside_quotes(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("“") > before.count("”")


def _is_programme(text: str, ev: RawEvent, programmes: list[RawCampaign]) -> bool:
    """Whether an event candidate is only a programme's name (全市“…”宣传年活动)."""
    for c in programmes:
        if c.start >= ev.start and c.end <= ev.end:
            before = text[ev.start : c.start]
            after = text[c.end : ev.end]
            if any(o.start == ev.start and o.end == c.start for o in programmes):
                before = ""  # 党史学习教育“我为群众办实事”实践活动: two programmes
            if (
                re.fullmatch(r"(?:全市|全县|全区|全省|我市|我县|我区|我省)?", before)
                or _division_only(before)  # 市南区“…进企业”活动: the place is no part of it
            ) and after in ("", "活动"):
                return True
    return False


def _division_only(s: str) -> bool:
    """Whether ``s`` is one division's name and nothing else (市南区, 青岛市市南区)."""
    ds = find_divisions(s) if s else ()
    return (
        bool(ds)
        and ds[0].start == 0
        and ds[-1].end == len(s)
        and all(a.end == b.start for a, b in pairwise(ds))
    )


# a meeting cited for its spirit, alone or with another (X会议和Y会议精神), and one that adopted a
# law or appointed an official (经X会议表决通过, 经X会议任命的…; X会议表决通过: a vote is a
# legislature's) are not reported as held
_CITED = re.compile(r"(?:[和、及与][^，。；]{2,30}?)?精神")
_ADOPTED = re.compile(r"[^，。；]{0,6}?(?:通过|任命)")
_STANDING_TAIL = re.compile(r"次?(常务会议|常委会议|党组会议|办公会议|常委会会议)$")
_SERIES_NAME = re.compile(r"(?:系列|[”\"](?:主题)?)活动$")


def _is_series(text: str, ev: RawEvent) -> bool:
    """A series of activities by its name (2021年“宪法宣传周”系列活动, “宪法宣传周”活动)."""
    return not ev.plural and bool(_SERIES_NAME.search(text[ev.start : ev.end]))


# a bureau's section (政策法规处, 普法与依法治理科), not an organ of a division (镇政府办公室)
_SECTION = re.compile(r"^[^省市县区镇乡旗州局]\S*[处科股]$")
_TOWN_GOES_ON = set("镇乡村街社区")
_CITY_COURT = re.compile(r"(.{2,8}市)人民法院")
_OBSERVANCE_SERIES = re.compile(
    r"(?:第[\d一二三四五六七八九十]{1,3}个|(?:19|20)\d{2}年)?(\S{2,8}?(?:宣传周|宣传月))系列活动"
)


def _observance_activities(text: str, ev: RawEvent, title: str) -> bool:
    """Whether an event candidate is only the activities of an observance (开展宪法宣传周系列活动:
    the week itself, a Campaign) — unless the report is about that series (its title names
    2023年“宪法宣传周”系列活动: the body's 第六个宪法宣传周系列活动 is the title's event), or the
    series is named after two observances (国家宪法日和宪法宣传周系列活动: the annotated sets
    disagree on it, and it stays as it was)."""
    m = _OBSERVANCE_SERIES.fullmatch(text[ev.start : ev.end])
    if m is None or re.search(r"日[和及、与]$", text[max(0, ev.start - 2) : ev.start]):
        return False
    bare_title = "".join(ch for ch in title if ch not in QUOTES)
    return m.group(1) + "系列活动" not in bare_title


# the town in an organ's norm (蓬溪县赤城镇司法所 → 赤城镇), and what joins two organs named together
_TOWN_OF = re.compile(
    r"^(?:.{1,8}?[省市县区旗])?((?![省市县区旗镇乡])[^\W\d_和与及]{1,4}?(?:镇|(?<!城)乡))(?![村镇])(?=.)"
)
_JOINED_ORGANS = re.compile(r"联合|会同|和|与|及|、|同")


class _Builder:
    """Groups mentions into entities and keeps the lookups the relations need."""

    def __init__(
        self,
        text: str,
        page: Page,
        juris: Jurisdiction,
        years: Years,
        place: Division | None,
        outside_titles: str,
    ) -> None:
        self.text = text
        self.outside_titles = outside_titles
        self.page = page
        self.juris = juris
        self.years = years
        self.place = place
        self.by_key: dict[tuple[str, str], Entity] = {}
        self.order: list[Entity] = []
        self.posts: list[tuple[Entity, RawOfficial]] = []
        self.event_parts: dict[int, dict[str, list[Entity]]] = {}
        self._aliases: dict[str, str] = {}
        self._agency_aliases: dict[str, str] = {}  # 区应急局 → 路北区应急管理局 (以下简称…)
        self.hints: list[tuple[Mention, Entity]] = []
        self._std: dict[str, Entity] = {}  # agencies by standard form (市人大 → 市人大常委会)
        self._std_seen = 0
        self._last_agency: tuple[int, str] = (-1, "")  # where the last organ named ends, its norm

    # -- entities -------------------------------------------------------------------------------

    def _get(self, type_: str, key: str, norm: object, **attrs: object) -> Entity:
        k = (type_, key)
        ent = self.by_key.get(k)
        if ent is None:
            ent = Entity(type=type_, norm=norm, attrs=dict(attrs))
            self.by_key[k] = ent
            self.order.append(ent)
        return ent

    def add(self, c: Candidate) -> Entity | None:
        text = self.text
        m = Mention(c.start, c.end, text[c.start : c.end])
        ent: Entity | None = None
        if c.type == "Block":
            return None
        if c.type == "Date":
            d: dt.RawDate = c.data
            year = None if d.has_year else self.years.at(c.start)
            norm = dt.norm(d, year)
            line = text[text.rfind("\n", 0, c.start) + 1 : c.start]
            if not d.has_year and _CAPTION.match(line):
                # （图为12月4日…现场）: the photo shows a day the body reported, in its year
                norm = next(
                    (
                        str(e.norm)
                        for e in self.order
                        if e.type == "Date" and str(e.norm)[4:] == norm[4:] and "/" not in norm
                    ),
                    norm,
                )
            ent = self._get("Date", norm, norm)
        elif c.type == "Law":
            law: RawLaw = c.data
            ent = self._get("Law", law.title, law.title, listed=law.listed, category=law.category)
        elif c.type == "Official":
            o: RawOfficial = c.data
            ent = self._get("Official", o.name, o.name)
            self.posts.append((ent, o))
        elif c.type == "Agency":
            a: ag.RawAgency = c.data
            norm = self.juris.expand(ag.without_term(a.name))
            town = _TOWN_OF.match(self._last_agency[1])
            if (
                norm[:1] in ("镇", "乡")
                and town
                and _JOINED_ORGANS.fullmatch(text, self._last_agency[0], c.start)
            ):  # 赤城镇司法所联合镇综治中心: the town of the organ it is joined to
                norm = town.group(1) + norm[1:]
            self._last_agency = (c.end, norm)
            key = self._agency_key(norm)
            ent = self._get("Agency", key, norm, kind=ag.kind_of(a.name))
            if len(norm) > len(ent.norm):
                ent.norm = norm
            short = ag.SHORT_FOR.match(text, c.end)
            if short:  # 路北区应急管理局（以下简称“区应急局”）: the short name is the organ's
                self._agency_aliases[self._agency_key(self.juris.expand(short.group(1)))] = key
        elif c.type == "Place":
            ent = self._place(c)
        elif c.type == "Campaign":
            camp: RawCampaign = c.data
            norm = self.campaign_norm(camp, c.start)
            ent = self._get("Campaign", norm, norm, name=camp.name, year=_year_of(norm))
            if camp.facts_only:
                ent.attrs["facts_only"] = True
        elif c.type == "Event":
            ev: RawEvent = c.data
            if ev.standing:  # 市政府常务会议: the numbered sitting named before
                tail = _STANDING_TAIL.search(m.surface)
                sittings = [
                    e
                    for e in self.order
                    if e.type == "Event" and tail and str(e.norm).endswith(tail.group(0))
                ]
                if sittings:
                    sitting = sittings[-1]
                    key = next(k for (t, k), e in self.by_key.items() if e is sitting)
                    self._aliases[event_key(m.surface)] = key
                    sitting.mentions.append(m)
                    return sitting
            own = event_key(m.surface)
            key = self._event_key(own)
            line = text[text.rfind("\n", 0, c.start) + 1 : c.start]
            if len(own) < 6 and key != own and not _CAPTION.match(line):
                # 夏令营开营仪式…主持开营仪式: a shortened repeat of the event named before refers
                # to it; no mention of its own (§2), but its sentence's roles are that event's (a
                # photo's caption names what it shows: （图为座谈会现场）)
                self._get("Event", key, m.surface).attrs.setdefault("anaphors", []).append(m)
            series = self._series() if ev.plural else None
            if series is not None:
                series.mentions.append(m)
                self._aliases[key] = self._event_key(event_key(series.norm))
                return series
            ent = self._get("Event", key, m.surface, kind=ev.kind)
            if len(m.surface) > len(ent.norm):
                ent.norm = m.surface
            adopted = (
                text[c.start - 1 : c.start] == "经" and _ADOPTED.match(text, c.end)
            ) or text.startswith("表决通过", c.end)
            if ev.head == "全会" or _CITED.match(text, c.end) or adopted:
                # cited (X会议和Y会议精神) or the body that adopted a law (经X会议表决通过,
                # X会议表决通过《…法》), not reported as held here
                ent.attrs["reference"] = True
        elif c.type == "Quantity":
            q: RawQuantity = c.data
            norm = {
                "value": q.value,
                "unit": q.unit,
                "qualifier": q.qualifier,
                "counted": q.counted,
            }
            ent = Entity(type="Quantity", norm=norm, attrs={"marker": q.marker})
            self.order.append(ent)
        if ent is not None:
            ent.mentions.append(m)
        return ent

    def _series(self) -> Entity | None:
        """The series of activities named before (2021年“宪法宣传周”系列活动): what a plural
        mention (形式多样的宪法宣传活动) refers to. Without one it names no event."""
        for ent in self.order:
            if ent.type == "Event" and _SERIES_NAME.search(ent.norm):
                return ent
        return None

    def _event_key(self, key: str) -> str:
        """Two event names are one event when one ends the other (…电视电话会议)."""
        for type_, k in self.by_key:
            if type_ != "Event" or k == key:
                continue
            short, long_ = (k, key) if len(k) < len(key) else (key, k)
            # a name of 4 or 5 characters that repeats the end of one named before is its anaphor
            if (len(short) >= 6 or (short == key and len(short) >= 4)) and long_.endswith(short):
                if len(key) > len(k):
                    ent = self.by_key.pop(("Event", k))
                    self.by_key[("Event", key)] = ent
                    self._aliases[k] = key
                    return key
                return k
        return self._aliases.get(key, key)

    def event_entity(self, surface: str) -> Entity:
        key = event_key(surface)
        key = self._aliases.get(key, key)
        found = self.by_key.get(("Event", key))
        if found is None:
            found = self.by_key[("Event", self._event_key(key))]
        return found

    def _agency_key(self, norm: str) -> str:
        key = agency_key(self.juris.unabbreviate(norm))
        return self._agency_aliases.get(key, key)

    def document(self, title: str, mention: Mention) -> None:
        """A 《》 title that is not a law; a short title (《要点》) is the longer one it ends."""
        for ent in self.order:
            if ent.type == "Document" and (ent.norm == title or ent.norm.endswith(title)):
                ent.mentions.append(mention)
                return
        ent = Entity(type="Document", norm=title, mentions=[mention])
        self.by_key[("Document", title)] = ent
        self.order.append(ent)

    def _place(self, c: Candidate) -> Entity:
        surface = self.text[c.start : c.end]
        if isinstance(c.data, RawDivision):
            d = self.juris.resolve_division(c.data)
            if d is not None:
                ent = self._get("Place", d.code, surface, kind="division", division=d)
                if len(surface) > len(ent.norm):
                    ent.norm = surface
                if d.name in self.outside_titles and len(d.name) > len(ent.norm):
                    ent.norm = d.name  # 郑州 → 郑州市, written in 郑州市紫荆山公园
                return ent
            return self._get("Place", surface, surface, kind="division")
        if c.data.kind == "address":  # a footer's address is a place of its own
            return self._get("Place", surface, surface, kind="address")
        key = strip_division(surface)
        full = self.juris.expand(surface)
        if full != surface and full in self.text:
            key = strip_division(full)  # 市行政中心 = 天水市行政中心, written in full elsewhere
        if c.data.kind == "community":  # 转龙镇大松树村 = 大松树村: a village after its town
            key = re.sub(r"^.{1,6}?(?:镇|乡|街道)(?=.{2,}(?:村|社区)$)", "", key)
        kind = c.data.kind
        if kind == "town":  # the town's short name: the town written in full
            key = next((k for k in (key + "镇", key + "乡") if k in self.text), key)
            surface, kind = key, "division"
        ent = self._get("Place", key, surface, kind=kind)
        if len(surface) > len(ent.norm):
            ent.norm = surface
        return ent

    def campaign_norm(
        self, camp: RawCampaign, start: int, within: tuple[int, int] | None = None
    ) -> str:
        if not camp.annual:
            return camp.name
        year = None
        for _s, _e, y in dt.nth_observance_years(self.text[camp.start : camp.end + 2]):
            year = y
        if year is None:
            lo = within[0] if within else max(0, start - 8)
            m = re.search(r"((?:19|20)\d{2})\s*年度?\s*[“\"]?\s*$", self.text[lo:start])
            if m:
                year = int(m.group(1))
        if year is None:
            year = self.years.in_block(start)
        return f"{camp.name}({year})" if year else camp.name

    def more_mentions(self, taken: bytearray) -> None:
        """Later mentions of agencies by the tail of their name, and of officials by name."""
        for ent in list(self.order):
            if ent.type == "Agency":
                surface = ent.mentions[0].surface
                tails = set()
                for m in ag._HEAD.finditer(surface):
                    tail = surface[m.end() :]
                    if len(tail) >= 4 and ag._HEAD.search(tail[-3:]):
                        tails.add(tail)
                for tail in sorted(tails, key=len, reverse=True):
                    self._search(ent, tail, taken)
            elif ent.type == "Official":
                self._search(ent, ent.norm, taken, official=True)
        for ent in self.order:
            ent.mentions.sort()

    def sections(self, officials: list[RawOfficial], taken: bytearray) -> None:
        """A section the titles name (政策法规处处长姚某) is an agency where the text names it bare
        (…，政策法规处牵头抓总): a section has no division or level word the agency scan needs."""
        for organ in sorted({p.organ for o in officials for p in o.posts}):
            if len(organ) < 4 or not _SECTION.search(organ):
                continue
            free = [
                m
                for m in re.finditer(re.escape(organ), self.text)
                if not any(taken[m.start() : m.end()])
            ]
            if free:
                ent = self._get("Agency", self._agency_key(organ), organ, kind=ag.kind_of(organ))
                for m in free:
                    ent.mentions.append(Mention(m.start(), m.end(), organ))
                    mark(taken, m.start(), m.end())
                ent.mentions.sort()

    def _search(self, ent: Entity, needle: str, taken: bytearray, official: bool = False) -> None:
        text = self.text
        i = text.find(needle)
        while i >= 0:
            j = i + len(needle)
            if official:  # a full name of three opens its clause (…后，陈某勉励…) whatever follows
                ok = bool(_AFTER_NAME.match(text, j)) or (
                    len(needle) >= 3 and (i == 0 or text[i - 1] in "，。；：！？\n")
                )
            else:  # 市县两级守法普法协调小组: the groups of all levels, not this one
                ok = not _COLLECTIVE_BEFORE.search(text, max(0, i - 12), i)
                # “国家反诈中心”APP: a word of a longer quoted name, not the organ's tail
                ok = ok and not (_inside_quotes(text, i) and text[i - 1] not in QUOTES)
            if not any(taken[i:j]) and ok:
                ent.mentions.append(Mention(i, j, needle))
                mark(taken, i, j)
            i = text.find(needle, j)

    def implicit(self, kept: list[Candidate], cands: list[Candidate]) -> None:
        """Campaigns, agencies and laws named only inside an event's name."""
        kept_ids = {id(c) for c in kept}
        events = [c for c in kept if c.type == "Event"]
        inner = sorted(
            (c for c in cands if id(c) not in kept_ids and c.type in ("Campaign", "Agency", "Law")),
            key=lambda c: c.start,
        )
        event_year: dict[int, int] = {}
        for ev in events:
            ent = self.event_entity(self.text[ev.start : ev.end])
            m = re.search(r"((?:19|20)\d{2})\s*年", self.text[ev.start : ev.end])
            if m:
                event_year[id(ent)] = int(m.group(1))
        for ev in events:
            ent = self.event_entity(self.text[ev.start : ev.end])
            parts = self.event_parts.setdefault(id(ent), {"Campaign": [], "Agency": [], "Law": []})
            for c in inner:
                if c.start < ev.start or c.end > ev.end:
                    continue
                if c.type == "Campaign":
                    norm = self.campaign_norm(c.data, c.start, (ev.start, c.start))
                    if id(ent) in event_year and c.data.annual:
                        norm = f"{c.data.name}({event_year[id(ent)]})"
                    e = self._implicit("Campaign", norm, name=c.data.name, year=_year_of(norm))
                elif c.type == "Agency":
                    if c.start != ev.start and not ag.TERM.fullmatch(self.text[ev.start : c.start]):
                        continue  # not the organ that opens the name (十四届全国人大常委会第五次会议 is)
                    norm = self.juris.expand(ag.without_term(c.data.name))
                    e = self.agency(norm, kind=ag.kind_of(c.data.name))
                else:
                    if self.text[ev.start : c.start].count("“") > self.text[
                        ev.start : c.start
                    ].count("”"):
                        continue  # “宪法伴我行”…比赛: a theme
                    e = self._implicit(
                        "Law", c.data.title, listed=c.data.listed, category=c.data.category
                    )
                if e.implicit:
                    spans = e.attrs.setdefault("inner", [])
                    mention = Mention(c.start, c.end, self.text[c.start : c.end])
                    if mention not in spans:
                        spans.append(mention)
                if e not in parts[c.type]:
                    parts[c.type].append(e)

    def merge_agency_tails(self) -> None:
        """县人民法院递铺人民法庭 and 递铺人民法庭 are one agency: a name that ends a longer one
        after one of its head words, or after the divisions that open it (石家庄市第二十七中学 and
        第二十七中学), names the same organ."""
        agencies = [e for e in self.order if e.type == "Agency" and e.mentions]
        for short in agencies:
            s = short.mentions[0].surface
            for long_ in agencies:
                if long_ is short or not long_.mentions:
                    continue
                full = long_.mentions[0].surface
                # 盐城市中级人民法院 … 市法院: a city's court is its intermediate court
                court = _CITY_COURT.fullmatch(agency_key(short.norm))
                same_court = (
                    court is not None and agency_key(long_.norm) == court.group(1) + "中级人民法院"
                )
                if not same_court:
                    if len(full) <= len(s) or not full.endswith(s) or len(s) < 4:
                        continue
                    cut = len(full) - len(s)
                    team = short.attrs.get("kind") == "team"  # 宣讲小分队 = 民法典宣讲小分队
                    if (
                        not team
                        and not any(m.end() == cut for m in ag._HEAD.finditer(full))
                        and strip_division(full) != s
                    ):
                        continue
                long_.mentions.extend(short.mentions)
                long_.mentions.sort()
                short.mentions = []
                break
        self.order = [e for e in self.order if e.type != "Agency" or e.mentions or e.implicit]

    def observance_links(self) -> None:
        """An event named for an observance without naming it (主题宣传月活动) belongs to the
        report's one campaign of that kind (民法典宣传月)."""
        camps = [e for e in self.order if e.type == "Campaign" and not e.implicit]
        for ev in self.order:
            if ev.type != "Event":
                continue
            parts = self.event_parts.setdefault(id(ev), {"Campaign": [], "Agency": [], "Law": []})
            if parts["Campaign"]:
                continue
            for head in ("宣传月", "宣传周", "宣传日", "宪法日", "教育日"):
                if head in ev.norm:
                    fits = [c for c in camps if str(c.attrs.get("name", "")).endswith(head)]
                    if len({id(c) for c in fits}) == 1:
                        parts["Campaign"].append(fits[0])
                    break

    def title_restated(self) -> None:
        """The title's event told of again in the body by another name is one event: the body's
        event of the same quoted name under another head (…开展“民法典进社区”宣讲活动; 举办“民法典进社区”
        专题宣讲会), when that name is no campaign's, and the first event the lead tells of (…举行
        民法典专题讲座; 6月17日，…开展2021年第六次集体学习), when the title's is no campaign's series
        (2023年“宪法宣传周”活动 and its launch ceremony are two) and, if the title's is an activity,
        that one is an activity too (a lecture is a part of the title's …法治进社区活动)."""
        title = next((ln for ln in self.page.lines if not ln.noise), None)
        lead = next((ln for ln in self.page.lines if not ln.noise and not ln.heading), None)
        if title is None or lead is None or not title.heading:
            return
        events = [
            e
            for e in self.order
            if e.type == "Event" and e.mentions and not e.attrs.get("reference")
        ]
        tops = [e for e in events if title.start <= e.first < title.end]
        if len(tops) != 1:
            return
        top = tops[0]
        later = [e for e in events if e.first >= title.end]
        camps = self.event_parts.get(id(top), {}).get("Campaign", [])
        same = []
        if not camps:
            cores = re.findall(r"“([^”]{2,})”", top.norm)
            same = [
                e
                for e in later
                if not self.event_parts.get(id(e), {}).get("Campaign")
                and any(f"“{q}”" in e.norm for q in cores)
            ]
        bare = re.sub(r"[“”\"]|(?:19|20)\d{2}年", "", top.norm)
        series = bare.endswith("系列活动") or any(
            bare == f"{c.attrs.get('name')}活动" for c in camps
        )
        told = [e for e in later if lead.start <= e.first < lead.end]
        kind = told and (not top.norm.endswith("活动") or told[0].norm.endswith("活动"))
        # …会议于6月28日至29日举行…，会议举行宪法宣誓仪式: a lead that names the title's event itself
        # tells of it there; the first event it names is another (the session it is held in)
        named_in_lead = any(lead.start <= m.start < lead.end for m in top.mentions)
        if kind and not series and told[0] not in same and not named_in_lead:
            same.append(told[0])
        for e in same:
            top.mentions = sorted(top.mentions + e.mentions)
            e.mentions = []
            for type_, found in self.event_parts.pop(id(e), {}).items():
                own = self.event_parts.setdefault(
                    id(top), {"Campaign": [], "Agency": [], "Law": []}
                )
                own[type_] += [x for x in found if x not in own[type_]]

    def law_hint(self, h: RawLaw) -> None:
        """A law named as the topic of a lecture or a drive: what an event there promotes."""
        ent = self.by_key.get(("Law", h.title))
        if ent is None:
            ent = self._implicit("Law", h.title, listed=h.listed, category=h.category)
        mention = Mention(h.start, h.end, self.text[h.start : h.end])
        if ent.implicit:
            ent.attrs.setdefault("inner", []).append(mention)
        self.hints.append((mention, ent))

    def _implicit(self, type_: str, norm: str, **attrs: object) -> Entity:
        k = (type_, norm)
        ent = self.by_key.get(k)
        if ent is None:
            ent = Entity(type=type_, norm=norm, attrs=dict(attrs), implicit=True)
            self.by_key[k] = ent
            self.order.append(ent)
        return ent

    def agency(self, norm: str, **attrs: object) -> Entity:
        """The agency entity with this norm (made implicit when the text has no mention of it);
        for a short name the text declared (以下简称…), the organ it stands for."""
        declared = self._agency_aliases.get(agency_key(self.juris.unabbreviate(norm)))
        found = self.by_key.get(("Agency", declared or norm))
        if found is not None:
            return found
        for ent in self.order[self._std_seen :]:
            if ent.type == "Agency":
                self._std.setdefault(ag.standard_form(ent.norm), ent)
        self._std_seen = len(self.order)
        found = self._std.get(ag.standard_form(norm))
        if found is not None:
            return found
        return self._implicit("Agency", norm, **attrs)

    def canonical_agency(self, norm: str) -> str:
        """An abbreviated organ spelled as the text writes it in full: 宜昌中院 → 宜昌市中级人民法院,
        also as the parent of a unit (宜昌中院刑事审判第一庭 → 宜昌市中级人民法院刑事审判第一庭);
        ``norm`` itself when the text never writes the full name."""
        for end in sorted({len(norm)} | {m.end() for m in ag._HEAD.finditer(norm)}, reverse=True):
            prefix = norm[:end]
            if ag.unabbreviate(prefix) == prefix:
                continue
            ent = self.by_key.get(("Agency", agency_key(prefix)))
            if ent is not None and ent.mentions and ag.unabbreviate(ent.norm) == ent.norm:
                return ent.norm + norm[len(prefix) :]
        return norm

    def fuller_agency(self, norm: str) -> str:
        """The fullest form the text writes of an organ named with a level word (区司法局 →
        市南区司法局 → 青岛市市南区司法局, where the page credits 青岛市市南区司法局)."""
        ent = self.by_key.get(("Agency", self._agency_key(norm)))
        if ent is not None and ent.mentions and str(ent.norm).endswith(norm):
            return str(ent.norm)
        return norm

    def resolve_organ(self, organ: str) -> Entity | None:
        """A document agency whose name ends with ``organ`` (守法普法协调小组 → the full name)."""
        best = None
        for ent in self.order:
            if ent.type != "Agency" or ent.implicit:
                continue
            if ent.norm.endswith(organ) and (best is None or len(ent.norm) < len(best.norm)):
                best = ent
        return best

    def issuer(self) -> Entity | None:
        for ln in self.page.lines:
            m = _SOURCE.match(self.text[ln.start : ln.end])
            if m:
                name = self.juris.expand(m.group(1))
                for ent in self.order:
                    if ent.type == "Agency" and not ent.implicit and ent.norm == name:
                        return ent
        return None

    def entities(self) -> list[Entity]:
        ents = [e for e in self.order if e.mentions or e.implicit]
        ents.sort(key=lambda e: (e.implicit, e.first, e.type, str(e.norm)))
        counters: dict[str, int] = {}
        prefix = {
            "Law": "L",
            "Document": "D",
            "Official": "O",
            "Agency": "A",
            "Place": "P",
            "Event": "E",
            "Campaign": "C",
            "Quantity": "Q",
            "Date": "T",
        }
        for e in ents:
            p = prefix[e.type]
            counters[p] = counters.get(p, 0) + 1
            e.id = f"{p}{counters[p]}"
        return ents


def _year_of(norm: str) -> int | None:
    m = re.search(r"\((\d{4})\)$", norm)
    return int(m.group(1)) if m else None
