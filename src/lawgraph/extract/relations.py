"""Relations between the entities of a report, read sentence by sentence within each block.

A block (a paragraph with its headings) keeps its *current* event or campaign: the last one named.
A sentence that names none but refers to one (会议, 报告会, 此次活动, an official who 出席 …) is
about the current one. What ties an event to the rest:

* date — the date in its sentence before it;
* organizedBy — agencies before it that 召开/举办/组织/开展/联合… it, and an organ that opens its name;
* chaired / attended / spokeAt — the role verb after an official's name (主持; 讲话, 致辞, 作报告;
  出席, 参加), the strongest per official and event;
* heldAt — 在 + a place or agency before it;
* promotes — laws in its sentence, or in a later sentence of its block that 宣传/学习/解读… them;
* partOf — campaigns named in it, in its sentence, or leading its block; the observance whose day
  it is held on; the plan a programme follows; what the report's lead frames its work with;
* quantity — the team the members form, the plan whose totals 五年来 gives, the event or campaign
  in the count's sentence, else the one referred to, else the agency that opens a clause, else
  the block's current one, else the department whose own report it is, else the report's place.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from lawgraph.extract import agencies as ag
from lawgraph.extract.campaigns import RESPONSIBILITY, RESPONSIBILITY_SYSTEM
from lawgraph.extract.model import Entity, Mention, Relation
from lawgraph.extract.page import Page

if TYPE_CHECKING:
    from lawgraph.extract.pipeline import _Builder

_SENT = re.compile(r"[。！？!?]+|\n")
_ORGANISE = re.compile(
    r"召开|举办|举行|组织|开展|主办|承办|协办|联合|牵头|邀请|启动|发起|推出|组建|成立|印发|部署|筹办|"
    r"设立|设置|搭建"
)
_NOT_ORGANISER_BEFORE = re.compile(
    r"(?:按照|根据|依据|在|向|对|邀请了?|被|经|受|为|给|到|赴|走进|深入|参加|出席|会同)$"
)
_ROLE = re.compile(
    r"(?P<chaired>主持|任(?:总)?组长(?=[，,。；;、]))"
    r"|(?P<spoke>讲话|致辞|致欢迎辞|(?<!工)[作做][^，。；]{0,8}报告|(?<!工)[作做][^，。；]{0,6}讲话|勉励|"
    r"解读|授课|讲授|宣讲|讲解|辅导|答疑|发言|述职|介绍了[^，。；]{0,40}(?:做法|经验|情况)|谈了[^，。；]{0,6}(?:打算|体会|想法)|讲课|点评|讲座|宣读|传达|通报|汇报|领学|作说明|领誓|主讲|宣布|上了?(?:一堂|一节|一次)?[^，。；]{0,12}课|进行了?部署|(?<!工)[作做]了?[^，。；]{0,4}部署)"
    r"|(?P<attended>任副(?:总)?组长(?=[，,。；;、])|出席|参加|分赴|(?:进行|依次)(?:宪法)?宣誓|参会|列席|到场|到会|带领|带队|率队|率领|到[^，。；]{0,6}?现场|现场指导|现场(?=[为向给])|为[^，。；]{1,8}?现场(?=解答|答疑|提供)|观摩|观看|参与|陪同|莅临|监誓|座谈|交流|见证)"
)
_ROLE_RANK = {"chaired": 3, "spoke": 2, "attended": 1}
_ROLE_REL = {"chaired": "chaired", "spoke": "spokeAt", "attended": "attended"}
_REFERS = re.compile(
    r"此次|本次|这次|该次|会上|会议|报告会|讲座|仪式|活动|培训|座谈|参加|出席|主持|期间|现场|当天|当日"
)
_STRONG_REF = re.compile(
    r"此次|本次|这次|该次|会上|会议上|活动中|活动上|活动现场|现场(?=[为向给])|当天|当日|与会|参会|"
    r"(?:参加|出席)了?(?:本次|此次)?(?:会议|活动|报告会|讲座|培训|仪式|座谈会)"
)
# 开展了为期一个月的…专项行动: how long it runs stands between the verb and what it holds
_DURATION = r"(?:为期[^，。；“”]{1,5}的)?"
_ACTIVITY_BEFORE = re.compile(
    r"(?:开展|举办|举行|组织|召开|启动|部署|推出|开设|打造|制作|创办|实施|深化)[了好]?"
    + _DURATION
    + r"\s*[“\"]?$"
)
_PROMOTE = re.compile(
    r"宣传|学习|普及|解读|讲解|宣讲|学法|讲授|发放|培训|教育|围绕|宣讲|讲述|阐释|普法|宣誓|编[进入成]|融入"
)

_LEADING_ORGANS = {
    "市长": "市政府",
    "区长": "区政府",
    "县长": "县政府",
    "省长": "省政府",
    "镇长": "镇政府",
    "乡长": "乡政府",
    "州长": "州政府",
    "旗长": "旗政府",
}
_HEAD_CHAR = {
    "部长": "部",
    "局长": "局",
    "厅长": "厅",
    "处长": "处",
    "科长": "科",
    "院长": "院",
    "所长": "所",
    "校长": "校",
    "庭长": "庭",
    "站长": "站",
    "馆长": "馆",
    "社长": "社",
    "队长": "队",
    "组长": "组",
    "检察长": "检察院",
}
# An organ written as a bare town, street or division: its government.
_BARE_PLACE = re.compile(r"[\u4e00-\u9fff]{1,10}(?:镇|乡|街道|(?<!社)[省市县区旗州])")
_ANCHORED = re.compile(
    r"^(?:中共|中国共产党|共青团|中央|国务院|全国|国家|最高|林区|街道|[省市区县旗州镇乡])"
)


class _Rels:
    def __init__(self) -> None:
        self.items: list[Relation] = []
        self._seen: dict[tuple[Any, ...], Relation] = {}

    def add(
        self,
        type_: str,
        subject: Entity,
        obj: Entity | None,
        evidence: list[Mention],
        **attrs: Any,
    ) -> Relation | None:
        if subject is obj:
            return None
        rel = Relation(type_, subject, obj, evidence, attrs)
        key = rel.key()
        if key in self._seen:
            return self._seen[key]
        self._seen[key] = rel
        self.items.append(rel)
        return rel


def relate(text: str, page: Page, builder: _Builder) -> list[Relation]:
    rels = _Rels()
    reporter = _reporter(page, builder)
    _positions(rels, builder, reporter)
    _appointed(rels, text, builder)
    entities = [e for e in builder.order if e.mentions]
    index = sorted(
        ((m.start, m.end, e) for e in entities for m in e.mentions),
        key=lambda x: (x[0], x[1]),
    )
    starts = [x[0] for x in index]
    place_ent = _report_place(entities, builder)
    town_ent = _town_place(builder)
    whole = _title_event(page, builder)  # the activity the report is about, if its title names one
    main = whole or _title_event(page, builder, activity=False)  # …夏令营圆满结营: any one event
    series = None if main is not None else _title_event(page, builder, series=True)
    apart = False  # the block opens on a day of its own and names no event (7月26日，营员们走进…)
    lead_line = next((ln for ln in page.lines if not ln.noise and not ln.heading), None)
    lead_block = page.block(lead_line.start) if lead_line is not None else -1

    town_report = town_ent is not None and len(re.findall(r"[全我本](?:镇|乡|街道)", text)) > len(
        re.findall(r"[全我本][县区市旗]", text)
    )

    def whole_place(text: str, ss: int, pos: int) -> Entity | None:
        """The jurisdiction a count is for: the town in 全镇…, else the report's place."""
        if town_ent is not None and re.search(r"[全我本](?:镇|乡|街道)", text[ss:pos]):
            return town_ent
        if town_report:
            return town_ent
        return place_ent

    roles: dict[tuple[int, int], tuple[int, Relation]] = {}
    spoke_at: dict[int, Entity] = {}  # an official → the event he last chaired or spoke at

    bounds = [0] + [m.end() for m in _SENT.finditer(text)] + [len(text)]
    current: Entity | None = None
    lead_campaign: Entity | None = None
    block_frame: Entity | None = None
    block_events: list[Entity] = []
    lead: Entity | None = None
    last_event: Entity | None = None
    last_date: Entity | None = None
    last_event_date: Entity | None = None
    last_date_end = -1  # the end of the sentence that stated the last date
    scene: tuple[Entity, Entity] | None = None  # a dated sentence set at a place, naming no event
    snapshot: Entity | None = None  # what that scene is a snapshot of (这是X的一个缩影)
    first_sentence = opening = True
    held_first = False  # the sentence after a heading that names nothing (its programme leads)
    block_no = -1
    event_date: dict[int, bool] = {}
    day_of: dict[int, Entity] = {}  # a date stated as an observance's day → the observance
    day_event: dict[int, Entity] = {}  # a date → the first event held on it
    block_plan: Entity | None = None
    block_subject: Entity | None = None  # the agency that opened the block's last sentence
    block_whole = False
    act: tuple[int, int, Entity] | None = None  # a dated sentence that names no event
    stated: tuple[int, Entity] | None = None  # a sentence that only says what day a date is
    headed: Entity | None = None  # the programme the sentence before opened its paragraph with
    words: Entity | None = None  # the meeting whose words the block tells (会议指出，…)
    last_meeting: Entity | None = None
    for ss, se in pairwise(bounds):
        if ss >= se or (page.is_noise(min(ss, len(text) - 1)) and not text[ss:se].strip()):
            continue
        first = ss
        while first < se and text[first].isspace():
            first += 1
        if first >= se or page.is_noise(first):
            continue
        b = page.block(first)
        # 宪法宣誓彰显法治权威。12月4日，…举行…仪式: after a headline that opens the paragraph,
        # the next sentence still opens it (its activity leads the paragraph)
        headline = (
            (b != block_no or opening)
            and bool(_HEADLINE.fullmatch(text, first, se))
            and text[se : se + 1] not in ("", "\n")
        )
        if b != block_no:
            block_no = b
            current = None
            lead_campaign = None
            lead = None
            block_plan = None
            first_sentence = opening = True
            held_first = False
            bs, be = page.blocks[b]
            # the paragraph's own opening, after any heading the block starts with
            block_frame = _frame_campaign(text, page.line_at(max(bs, be - 1)).start, builder)
            if block_frame is not None:
                lead_campaign = block_frame
            lo, hi = bisect_left(starts, bs), bisect_left(starts, be)
            in_block = [e for _s, _e, e in index[lo:hi] if e.type in ("Event", "Campaign")]
            block_events = [e for e in in_block if e.type == "Event"]
            if (
                main is not None
                and last_event in (None, main)
                and not in_block
                and page.line_at(bs).heading
            ):
                # a paragraph under a heading of its own that names no activity, before the body
                # has named any but the title's, tells of a part of the title's (集市上的“双语”
                # 普法课 / 4月15日，…在市场入口设立咨询台，讲解《…法》)
                current = main
            block_subject = None
            block_whole = False  # the paragraph tells of the whole jurisdiction (全市…)
            words = None
            act = None
            headed = None
        i = bisect_left(starts, ss)
        ments: list[tuple[int, int, Entity]] = []
        while i < len(index) and index[i][0] < se:
            ments.append(index[i])
            i += 1
        all_events = [x for x in ments if x[2].type == "Event"]
        if not all_events and b == lead_block and (main or series) is not None:
            # …开展法治宣传教育工作执法检查 (title); 6月13日至14日，…开展执法检查: the lead
            # tells of the title's event by its bare head (no mention of its own); …开展2022年
            # “宪法宣传周”系列活动 (title); …联合A、B，…开展了一系列宪法宣传活动: its series
            again = _restated(text, ss, se, main) if main is not None else None
            many = _MANY_HELD.search(text, ss, se) if main is None else None
            if many is not None and series is not None:
                again = (many.start(1), many.end(1), series)
            if again is not None:
                all_events = [again]
                ments = sorted([*ments, again], key=lambda t: (t[0], t[1]))
        events = [x for x in all_events if not x[2].attrs.get("reference")]
        systems = [x for x in ments if x[2].type == "Campaign" and x[2].attrs.get("facts_only")]
        camps = [x for x in ments if x[2].type == "Campaign" and not x[2].attrs.get("facts_only")]
        focus = events + camps
        focus.sort(key=lambda x: x[0])
        outside = _outside(text, ss, se, ments)
        if re.match(r"\s*(?:随后|此后|之后|接着)", text[first:se]) and re.search(
            r"开展|举办|举行|召开|组织", text[first:se]
        ):
            current = None  # 随后，…开展…: another activity, not the one before
            fresh = True
        else:
            fresh = False
        refers = bool(_REFERS.search(outside))
        strong = bool(_STRONG_REF.search(outside)) or bool(
            re.match(
                r"\s*(?:(?:讲座|活动|比赛|竞赛|仪式|报告会|座谈会|培训)(?!指出|强调|要求|认为)|会上|现场(?![的，,]?指导)"
                r"|课后[，,])",
                text[first:se],
            )
        )
        target_of_ref = current if refers else None
        # 出席会议, 参会: the last meeting, not an activity named since (…组织好系列宣传活动)
        recent = last_meeting if last_meeting is not None and _MEETING_REF.search(outside) else None
        here = last_event if any(last_event is e for e in block_events) else None
        # 据统计，此次活动共发放…, 活动期间全县共…: in a paragraph of its own, the activity the
        # title names (its counts, not the jurisdiction's)
        whole_ref = (main or series) if here is None and _WHOLE_REF.search(outside) else None
        if whole_ref is None and here is None and _DAY_REF.match(text, first, se):
            # 据统计，当天共发放…: the event held on the day last stated (6月26日，…活动在…举行)
            whole_ref = day_event.get(id(last_event_date))
        if target_of_ref is None and (strong or whole_ref is not None):
            target_of_ref = whole_ref or recent or last_event
            strong = True
        named_ref = _head_anaphor(text[first:se], builder, first, whole, here)
        ended = named_ref[0] if named_ref is not None else (target_of_ref or current)
        parent = _parent_event(rels, ended) if ended is not None else None
        then = re.match(r"\s*(?:[^，。]{1,8}?结束后|随后|之后|此后|接着)", text[first:se])
        if then and parent is None and here is not None:
            parent = _parent_event(rels, here)  # …举行了宣誓仪式。A介绍了“…”工作。随后，…
        if parent is not None and then:
            # 讲座结束后，…: no longer the lecture but the activity it was part of
            named_ref = (parent, False)
            current = parent
        if named_ref is not None:
            target_of_ref, refers, strong = named_ref[0], True, True
        # the meeting whose sitting the sentence tells of (会前，市政府常务会议开展学法活动; 会上，
        # 8家单位作了述职: the meeting, not an event named since)
        opens = re.match(r"\s*(?:会[前上后]|会议期间)[，,]", text[first:se])
        sitting = last_meeting if opens else None
        if sitting is not None and named_ref is None:
            target_of_ref, refers, strong = sitting, True, True
        if re.match(r"\s*会议(?:还|并|同时)?(?:指出|强调|要求|认为|提出)", text[first:se]):
            words = last_meeting  # 会议指出，…: the block tells the meeting's words
        if not ments:  # nothing to tie: only the reference may carry over
            if target_of_ref is not None and strong:
                current = target_of_ref
            # a heading that names nothing does not open the paragraph for the programme it holds
            # (三、创新宣传形式 / …组织开展法律援助宣传月系列活动: the month leads the paragraph)
            held_first = (first_sentence or held_first) and page.line_at(first).heading
            # a caption (（图为培训现场）) does not open the paragraph after it
            first_sentence = first_sentence and bool(re.match(r"[（(]图", text[first:se]))
            # nor, for the activity leading it, does a heading (示范创建严把关 基层法治再提升)
            opening = opening and (first_sentence or headline or page.line_at(first).heading)
            continue
        if named_ref is not None and named_ref[1]:
            # 启动仪式上，…作了…讲座: the new events are parts of it
            for f in events:
                if f[2] is not named_ref[0]:
                    rels.add("partOf", f[2], named_ref[0], [_span(text, f[0], f[1])])

        # officials' roles (an official with a role verb refers to the current event)
        officials = [x for x in ments if x[2].type == "Official"]
        official_roles = _official_roles(text, ss, se, officials)
        # A强调，要…: A's words at the event he chaired or spoke at are about that event
        speech = (
            spoke_at.get(id(ments[0][2]))
            if ments[0][2].type == "Official" and _SPEECH.match(text, ments[0][1])
            else None
        )
        if speech is not None:
            current = speech
        if first_sentence:
            apart = not events and any(re.search(r"-\d\d$", str(y[2].norm)) for y in ments)
        reviewer = None
        if official_roles:
            refers = True
            if fresh:
                target_of_ref = None
            elif current is not None and current.type == "Event":
                target_of_ref = current
            elif apart and main is not None:
                target_of_ref = main  # 7月26日，营员们走进法院…。庭长A…讲解了…: the camp's day
            else:
                target_of_ref = recent or last_event  # 会议总结“七五”普法…。A出席会议: the meeting

        # 党史学习教育“我为群众办实事”实践活动: a programme named right after another is part of it
        for a, c in pairwise(camps):
            if a[1] == c[0] and text[c[0] : c[0] + 1] in ("“", '"'):
                rels.add("partOf", c[2], a[2], [_span(text, a[0], c[1])])
        # 作为全民禁毒宣传月的重要内容，…开展“…”巡回宣讲活动: what the sentence holds is part of it
        whole_of = next(
            (
                f
                for f in focus
                if _AS_PART.fullmatch(text, first, f[0]) and _PART_OF.match(text, f[1])
            ),
            None,
        )
        for f in focus if whole_of is not None else []:
            if f[0] > whole_of[1]:
                rels.add("partOf", f[2], whole_of[2], [_span(text, whole_of[0], f[1])])
        # a block framed by a campaign (宣传月期间，…): its campaigns are part of it
        if block_frame is not None:
            for c in camps:
                if c[2] is not block_frame:
                    rels.add("partOf", c[2], block_frame, [_span(text, c[0], c[1])])
        # 11月28日至12月4日第五个“宪法宣传周”期间，…开展“学宪法 讲宪法”系列活动: so is a
        # programme held after the observance that frames its sentence
        for a, c in pairwise(camps):
            if (
                a[2].attrs.get("year")
                and not c[2].attrs.get("year")
                and re.match(r"[”\"]?\s*期间[，,]", text[a[1] : a[1] + 4])
                and not re.search(r"[。；;]", text[a[1] : c[0]])
            ):
                rels.add("partOf", c[2], a[2], [_span(text, a[0], c[1])])

        # campaigns that lead the block
        for x in ments:
            if (
                lead_campaign is None
                and x[2].type == "Campaign"
                and first_sentence
                and (
                    _ACTIVITY_BEFORE.search(text[max(ss, x[0] - 10) : x[0]])
                    or (x[0] == first and not _PLAN.search(str(x[2].norm)))
                )
            ) or (
                lead_campaign is None
                and x[2].type == "Campaign"
                and held_first
                and _ACTIVITY_BEFORE.search(text[max(ss, x[0] - 10) : x[0]])
                and not _PLAN.search(str(x[2].norm))
            ):
                lead_campaign = x[2]
            if lead_campaign is None and x[2].type == "Event" and first_sentence:
                parts = builder.event_parts.get(id(x[2]), {})
                if parts.get("Campaign"):
                    lead_campaign = parts["Campaign"][0]

        # dates
        dates_here = [x for x in ments if x[2].type == "Date"]
        # 12月4日是第九个国家宪法日。当天下午，…: the observance's day, else the last dated event's
        day = (
            last_date
            if last_date is not None and id(last_date) in day_of and last_date_end == ss
            else None
        )
        day = day or last_event_date or last_date
        # 第十个国家宪法日当天，…: the observance's own day, not the last date stated
        own_day = any(re.match(r"[”\"]?\s*(?:当天|当日)", text[c[1] : c[1] + 3]) for c in camps)
        if (
            not dates_here
            and day is not None
            and not own_day
            and re.search(r"当天|当日|当晚|同日|同一天", outside)
        ):
            for f in events:
                if not event_date.get(id(f[2])):
                    rels.add("date", f[2], day, [_span(text, f[0], f[1])])
                    event_date[id(f[2])] = True
                    last_event_date = day
                    if scene is not None and scene[0] is day:
                        # 5月17日晚，在X村，…。…当晚的…宣讲会: held where the day's scene is set,
                        # part of what the scene was a snapshot of (这是X的一个缩影)
                        rels.add("heldAt", f[2], scene[1], [_span(text, f[0], f[1])])
                        if snapshot is not None:
                            rels.add("partOf", f[2], snapshot, [_span(text, f[0], f[1])])
                if id(day) in day_of and last_date_end == ss:  # 4月15日是…教育日。当天上午，…
                    rels.add("partOf", f[2], day_of[id(day)], [_span(text, f[0], f[1])])
                break
        elif (
            not dates_here
            and stated is not None
            and stated[0] == ss
            and events
            and not event_date.get(id(events[0][2]))
        ):  # 4月18日是首阳镇的集日。…在…开展…活动: the day the sentence before names
            rels.add("date", events[0][2], stated[1], [_span(text, events[0][0], events[0][1])])
            event_date[id(events[0][2])] = True
            last_event_date = stated[1]
        stated = (
            (se, dates_here[0][2])
            if dates_here
            and not events
            and dates_here[0][0] == first
            and re.fullmatch(r"[\dX]{4}-\d{2}-\d{2}", str(dates_here[0][2].norm))
            and re.match(r"(?:是|为)[^，,。]*[。！]?$", text[dates_here[0][1] : se].strip())
            else None
        )
        if dates_here:
            last_date = dates_here[-1][2]
            last_date_end = se
        for x in ments:
            if x[2].type != "Date":
                continue
            d = x[2]
            if "-" not in d.norm and x[0] - ss > 2:
                continue  # a bare year mid-sentence dates no event
            span_of = [
                c
                for c in camps
                if _ORDINAL_GAP.fullmatch(text, x[1], c[0])
                and re.match(r"[”\"]?\s*期间", text[c[1] : c[1] + 4])
            ]
            if span_of and "-" in d.norm:  # 12月1日至7日宪法宣传周期间: the week's dates
                rels.add("date", span_of[0][2], d, [Mention(x[0], x[1], text[x[0] : x[1]])])
                continue
            for c in camps:  # 4月15日第八个全民国家安全教育日，…开展集中宣传: the day's date too
                if (
                    _ORDINAL_GAP.fullmatch(text, x[1], c[0])
                    and c[2].attrs.get("year")
                    and "-" in d.norm
                    and (text[c[1] : c[1] + 1] in ("，", ",") or "第" in text[x[1] : c[1]])
                ):
                    rels.add("date", c[2], d, [_span(text, x[0], c[1])])
                    day_of[id(d)] = c[2]
            for f in all_events:  # 5月28日(，)经…会议表决通过: the cited meeting's date
                if (
                    f[2].attrs.get("reference")
                    and f[0] >= x[1]
                    and re.fullmatch(r"[，,]?经?", text[x[1] : f[0]])
                ):
                    rels.add("date", f[2], d, [_span(text, x[0], f[1])])
            is_day = next(
                (c for c in camps if re.fullmatch(r"[，,]?(?:是|为)", text[x[1] : c[0]])), None
            )
            if is_day is not None and events and "-" in d.norm:
                # 6月26日是国际禁毒日，当天，…举办…演出: the day's date, and the event's after it
                rels.add("date", is_day[2], d, [_span(text, x[0], is_day[1])])
                day_of[id(d)] = is_day[2]
            after = [f for f in focus if f[0] >= x[1] and f[2].type == "Event"]
            later_dates = [y for y in ments if y[2].type == "Date" and y[0] > x[1]]
            if later_dates:
                after = [f for f in after if f[0] < later_dates[0][0]]
            target = after[0][2] if after else None
            if target is None and "-" in d.norm:
                held = [
                    f
                    for f in camps
                    if f[0] >= x[1]
                    # 于12月1日至7日集中开展宪法宣传周系列活动: an observance's days held
                    and (not f[2].attrs.get("year") or "/" in str(d.norm))
                    and _framed(text, f)
                ]
                if held and not event_date.get(id(held[0][2])):
                    rels.add("date", held[0][2], d, [Mention(x[0], x[1], text[x[0] : x[1]])])
                    event_date[id(held[0][2])] = True
            for f in after[1:]:
                if not event_date.get(id(f[2])) and _at_meeting(text, ss, f, events) is None:
                    rels.add("date", f[2], d, [Mention(x[0], x[1], text[x[0] : x[1]])])
                    event_date[id(f[2])] = True
            if target is None and not events:
                named = [c for c in camps if c[0] >= x[1]]  # A是第五个宣传周，B是第九个宪法日
                if (
                    named
                    and "-" in d.norm
                    and re.search(r"^\s*(?:是|为|，是|，为|起|,)", text[x[1] : x[1] + 3])
                ):
                    target = named[0][2]
                    day_of[id(d)] = target
                elif target_of_ref is not None and target_of_ref.type == "Event":
                    target = target_of_ref
            if target is not None and not event_date.get(id(target)):
                rels.add("date", target, d, [Mention(x[0], x[1], text[x[0] : x[1]])])
                event_date[id(target)] = True
                if target.type == "Event":
                    last_event_date = d
                    day_event.setdefault(id(d), target)

        # 以第八个全民国家安全教育日为契机，4月15日在…举办…; 3月15日，…举办“3·15”国际消费者权益日
        # 主题宣传活动: a date of the sentence that is the day of an observance it names is its date
        observed = [(c[2], c[0]) for c in camps] + [
            (c, f[0])
            for f in events
            for c in builder.event_parts.get(id(f[2]), {}).get("Campaign", [])
        ]
        for c, at in observed:
            if c.implicit:
                continue  # named only inside the event's name: no date of its own
            md = _observance_day(c, text[at : at + 16])
            days = [(y[2], [_span(text, y[0], y[1])]) for y in dates_here]
            if last_event_date is not None and _COINCIDES.search(text, max(ss, at - 3), at):
                # 活动恰逢第36个“6·26”国际禁毒日: the day last stated for an event, if it is its day
                named = next((m for m in c.mentions if m.start == at), None)
                days += [(last_event_date, [named])] if named is not None else []
            for d, evidence in days if md else []:
                if str(d.norm) == f"{c.attrs.get('year')}-{md}":
                    rels.add("date", c, d, evidence)
        # 6月25日上午，…基地正式开馆。…出席开馆仪式: the ceremony of the act the block dated
        for f in events:
            m = re.search(r"(\w{2})仪式$", str(f[2].norm))
            if (
                m
                and act is not None
                and m.group(1) in text[act[0] : act[1]]
                and not event_date.get(id(f[2]))
            ):
                rels.add("date", f[2], act[2], [_span(text, f[0], f[1])])
                event_date[id(f[2])] = True
        dated = [y for y in dates_here if "-" in y[2].norm]
        if dated and not events:
            act = (ss, se, dated[0][2])
        elif events:
            act = None

        # 开展2023年民法典宣传月活动，5月以来，…: a series runs from the month it started
        for f in events:
            since = [
                y
                for y in dates_here
                if y[0] >= f[1]
                and text.startswith("以来", y[1])
                and re.fullmatch(r"\d{4}-\d{2}", y[2].norm)
            ]
            if since and _SERIES.search(f[2].norm) and not event_date.get(id(f[2])):
                rels.add("date", f[2], since[0][2], [_span(text, since[0][0], since[0][1])])
                event_date[id(f[2])] = True

        # organisers
        for f in sorted(focus + [x for x in all_events if x not in events], key=lambda t: t[0]):
            if f[2].type == "Campaign" and (
                f[2].attrs.get("year") or _PLAN.fullmatch(str(f[2].norm)) or _OVER.match(text, f[1])
            ):
                continue  # an annual observance, a five-year plan or one over is nobody's here
            for x in ments:
                if x[2].type != "Agency" or x[1] > f[0]:
                    continue
                if not _organises(text, x, f, ments):
                    continue
                if _NOT_ORGANISER_BEFORE.search(text, max(ss, x[0] - 3), x[0]):
                    continue
                if _venue_before(text, x, ss):
                    continue
                rels.add("organizedBy", f[2], x[2], [_span(text, x[0], f[1])])
            for x in ments:
                if x[2].type != "Agency" or x[1] > f[0]:
                    continue
                partner = _invited_partner(text, ss, x, ments) or _subject_of(text, ss, x, f, ments)
                if partner and (
                    re.search(
                        r"(?:开展|举办|举行|组织|召开|启动|深化|推进|实施)[了好]?[^，。；]{0,6}$",
                        text[ss : f[0]],
                    )
                    or re.search(r"邀请", text[x[1] : f[0]])
                ):
                    rels.add("organizedBy", f[2], x[2], [_span(text, x[0], f[1])])
            before_f = [x for x in ments if x[2].type == "Agency" and x[1] <= f[0]]
            for x in before_f:  # 由A、B主办，C承办的…活动在…举行: each host named before it
                end = _list_end(text, x, before_f)
                host = _HOSTED.match(text, end, f[0])
                if host and "由" in text[ss : x[0]]:
                    rels.add("organizedBy", f[2], x[2], [_span(text, x[0], f[1])])
            after_f = [x for x in ments if x[2].type == "Agency" and x[0] >= f[1]]
            for x in after_f:
                end = _list_end(text, x, after_f)  # 仪式由A、B主办: each of the list
                if any(g[0] >= end and _HOSTED.match(text, end, g[0]) for g in focus):
                    continue  # 为巩固…成果，由A主办的…活动: the hosts of the later event
                if re.match(
                    r"\s*(?:共同|联合)?(?:主办|承办|协办|举办|牵头|组织|召集)", text[end : end + 6]
                ) and re.search(r"由", text[f[1] : x[0]]):
                    rels.add("organizedBy", f[2], x[2], [_span(text, f[0], x[1])])
        for f in events:  # …同步开展“宪法晨读”活动，区教体局组织86所学校…: who organises it
            nxt = re.match(r"[^，。；]{0,4}[，,]", text[f[1] : se])
            if nxt is None or events[-1] is not f:
                continue
            opener = next((x for x in ments if x[0] == f[1] + nxt.end()), None)
            if (
                opener is not None
                and opener[2].type == "Agency"
                and re.match(r"(?:统一)?(?:组织|牵头)", text[opener[1] : se])
            ):
                rels.add("organizedBy", f[2], opener[2], [_span(text, opener[0], opener[1] + 2)])
        if not events and target_of_ref is not None and target_of_ref.type == "Event":
            agencies = [x for x in ments if x[2].type == "Agency"]
            for k, x in enumerate(agencies):
                after = text[x[1] : min(se, x[1] + 8)]
                # not what the verb makes a modifier of (区司法局组织的律师志愿者), nor a
                # programme its clause names (活动期间，区安委会组织开展了…专项行动)
                clause_end = re.compile(r"[，,；;]").search(text, x[1], se)
                if re.match(
                    r"^\s*(?:和|与|、)?[^，。]{0,12}?(?:召开|举办|举行|组织|主办|承办|邀请|召集)(?!的)",
                    after,
                ) and not any(
                    c[0] > x[1] and (clause_end is None or c[0] < clause_end.start()) for c in camps
                ):
                    if not _NOT_ORGANISER_BEFORE.search(text, max(ss, x[0] - 3), x[0]):
                        # 由A、B承办: each of the list
                        joined = [x]
                        for y in agencies[k + 1 :]:
                            if text[joined[-1][1] : y[0]] not in ("、", "和", "与", "及"):
                                break
                            joined.append(y)
                        for y in joined:
                            rels.add("organizedBy", target_of_ref, y[2], [_span(text, y[0], y[1])])
                    break
            for x in agencies:  # 培训由A、B主办，C、D承办: each host of the lists
                end = _list_end(text, x, agencies)
                if re.match(r"(?:主办|承办|协办)", text[end : end + 2]) and "由" in text[ss : x[0]]:
                    rels.add("organizedBy", target_of_ref, x[2], [_span(text, x[0], end + 2)])
        for f in all_events:
            parts = builder.event_parts.get(id(f[2]), {})
            for a in parts.get("Agency", []):
                rels.add("organizedBy", f[2], a, [_span(text, f[0], f[1])])
        for f in focus if reporter is not None else []:
            # 6月13日，在南浔古镇启动…活动; 局机关举行宪法宣誓仪式; 联合市司法局…开展“…”活动: in a
            # bureau's own report, what it holds with no organiser named before (but partners) is
            # its own too
            partners = [
                x[2]
                for x in ments
                if x[2].type == "Agency" and _invited_partner(text, ss, x, ments)
            ]
            if f[2].type == "Campaign" and (
                not partners or f[2].attrs.get("year") or _PLAN.fullmatch(str(f[2].norm))
            ):
                continue  # of programmes, only one carried out with partners it joins
            if (
                _ACTIVITY_BEFORE.search(text, max(ss, f[0] - 10), f[0])
                and not any(
                    x[2].type == "Agency" and x[0] < f[0] and x[2] not in partners for x in ments
                )
                and not any(
                    r.type == "organizedBy" and r.subject is f[2] and r.object not in partners
                    for r in rels.items
                )
            ):
                rels.add("organizedBy", f[2], reporter, [_span(text, f[0], f[1])])
        for f in events:  # 检查组召开座谈会: the one team so named
            start = _clause_start(text, ss, f[0])
            team = _named_by_head(text, start, builder)
            if (
                team is not None
                and team.type == "Agency"
                and _CONVENES.fullmatch(text, start, f[0])
            ):
                rels.add("organizedBy", f[2], team, [_span(text, start, f[1])])

        for x, role, verb_end in official_roles:
            said = _SAYS.search(text, verb_end, se)
            # A在讲话中指出，要…开展…活动: the events A talks of are not where he speaks
            after_events = [f for f in events if x[1] <= f[0] < (said.start() if said else se)]
            before_events = [f for f in events if f[1] <= x[0]]
            if after_events:
                target = after_events[0][2]
            elif before_events:
                target = before_events[-1][2]
            elif (
                target_of_ref is not None
                and target_of_ref.type == "Event"
                # 联合…开展“法律进企业”活动，由处长A带领…: A leads the programme held here, not an
                # event told of before
                and not (
                    not strong
                    and any(
                        _framed(text, c) and not c[2].attrs.get("year") and c[1] <= x[0]
                        for c in camps
                    )
                )
            ):
                target = target_of_ref
            else:
                target = None
            if target is None:
                continue
            key = (id(x[2]), id(target))
            rank = _ROLE_RANK[role]
            prev = roles.get(key)
            if prev is not None and prev[0] >= rank:
                continue
            if prev is not None:
                rels.items.remove(prev[1])
                rels._seen.pop(prev[1].key(), None)
            rel = rels.add(_ROLE_REL[role], x[2], target, [_span(text, x[0], verb_end)])
            if rel is not None:
                roles[key] = (rank, rel)
            if role != "attended" and target.type == "Event":
                spoke_at[id(x[2])] = target
                if x is ments[0] and speech is None and _SPEECH.match(text, x[1]):
                    speech = target  # A在致辞中介绍，…: A's words at this event
                if re.search(r"[通汇]报$", text[x[1] : verb_end]):
                    reviewer = target  # A通报了…工作情况: the meeting reviews that work

        # venues
        venue_end = -1
        list_team: Entity | None = None  # the team whose visits the list of venues tells
        for x in ments:
            if x[2].type not in ("Place", "Agency"):
                continue
            listed = text[venue_end : x[0]] in ("、", "和", "及")
            if not _venue_before(text, x, ss) and not listed:
                continue  # 分别在A、B和C举行: each of the list is a venue
            if re.match(r"的[^，。；]{0,6}下", text[x[1] : x[1] + 8]):
                continue  # 在…办公室的统筹指导下: a guide, not a venue
            venue_end = x[1]
            last = x[1]  # the end of the list of venues x opens
            for y in ments:
                if y[0] > x[0] and text[last : y[0]] in ("、", "和", "及"):
                    last = y[1]
            after = [f for f in events if f[0] >= x[1]]
            before = [f for f in events if f[1] <= x[0]]
            # 在A村、B村，志愿者走进农户家中…: places that open the sentence frame what it tells
            fronted = text[_clause_start(text, ss, x[0]) : x[0]].strip() == "在" and text[
                last : last + 1
            ] in ("，", ",")
            frame_at = not events and fronted
            when = next(
                (
                    d
                    for d in dates_here
                    if re.fullmatch(r"(?:晚|上午|下午|晚上|早上)?[，,]\s*在", text[d[1] : x[0]])
                ),
                None,
            )
            if frame_at and x[2].type == "Place" and when is not None:
                scene = (when[2], x[2])  # 5月17日晚，在X村，…: a day's scene, naming no event
            held = re.match(
                r"\s*(?:隆重|顺利|成功)?(?:召开|举行|举办|开展|开幕|开班|开讲|启动)", text[last:se]
            )
            if after:
                target = after[0][2]
            elif held and before:
                target = before[-1][2]
            elif (
                (refers or frame_at)
                and current is not None
                and current.type == "Event"
                # 同日，龙岐社区在…市场门口设立咨询点: something else held that day, not at the event
                and not re.match(r"\s*(?:同日|同一天)", text[first:se])
            ):
                target = current
            else:
                target = None
            # 在A区，检查组走进B公司和C园: where the team of an event (…执法检查) goes is its venue
            team = (
                _team_at(text, last + 1, builder)
                if frame_at
                else _team_at(text, _clause_start(text, ss, x[0]), builder)
                if text[max(ss, x[0] - 2) : x[0]] in ("走进", "来到")
                # 检查组兵分多路，先后赴A区、B市等地…: the team an earlier clause opens with
                else _team_opening(text, ss, x[0], builder)
                if text[x[0] - 1 : x[0]] == "赴"
                else list_team
                if listed
                else None
            )
            list_team = team
            if target is None and team is not None:
                target = team
            if (
                target is not None
                and (
                    fronted  # 在A广场，B正在给村民们上…讲座: a venue set before the clause holds it
                    or team is not None
                    or re.search(
                        r"召开|举行|举办|开展|组织|进行|上演|开幕|开班|开讲|启动|参加|出席|参与|设立|设置|搭建|"
                        r"观摩|观看",
                        text[x[1] : se],
                    )
                    or (after and text[max(ss, x[0] - 2) : x[0]] in ("走进", "来到"))
                    or text[max(ss, x[0] - 4) : x[0]] == "会场设在"
                )
            ):  # 走进…党校，…作专题辅导报告: the visit's place holds the event after it;
                # 主会场设在…中学: the current event's venue
                rels.add("heldAt", target, x[2], [_span(text, x[0] - 1, x[1])])

        # 鹭江街道、中华街道同步开展宪法进社区活动: local places that hold an event
        for k, x in enumerate(ments):
            if x[2].type != "Place" or not re.search(r"(?:街道|社区|村|镇|乡)$", str(x[2].norm)):
                continue
            if text[_clause_start(text, ss, x[0]) : x[0]].strip():
                continue
            j = k
            while j + 1 < len(ments) and text[ments[j][1] : ments[j + 1][0]] in ("、", "和", "与"):
                j += 1
            nxt = ments[j + 1] if j + 1 < len(ments) else None
            hosts = target_of_ref or current
            if (
                hosts is not None
                and hosts.type == "Event"
                and _SUB_VENUES.match(text, ments[j][1], se)
            ):  # 同日，A镇、B镇等15个乡镇同步设立分会场: venues of the event referred to
                for y in ments[k : j + 1]:
                    if y[2].type == "Place":
                        rels.add("heldAt", hosts, y[2], [_span(text, y[0], ments[j][1])])
                continue
            if (
                nxt is not None
                and nxt[2].type == "Event"
                and re.fullmatch(
                    r"(?:等地)?(?:同步|同时|也|均|分别|相继)?(?:开展|举办|举行|组织)了?",
                    text[ments[j][1] : nxt[0]],
                )
                and (j > k or re.match(r"(?:等地)?[同也均分相]", text[ments[j][1] :]))
            ):  # several places, or one that also holds it: not a town that organises it
                for y in ments[k : j + 1]:
                    if y[2].type == "Place":
                        rels.add("heldAt", nxt[2], y[2], [_span(text, y[0], nxt[1])])

        # laws promoted
        laws = [x for x in ments if x[2].type == "Law"]
        if laws:
            if (
                words is not None
                and not focus
                and re.search(r"要|必须|应当", text[ss : laws[0][0]])
                and _PROMOTE.search(text, _clause_start(text, ss, laws[0][0]), laws[0][0])
            ):
                # 会议指出，…。各级各部门要把学习贯彻行政复议法作为…: what the meeting asks to learn
                targets = [words]
            elif speech is not None and not focus:
                targets = [speech]  # A强调，要结合宪法…的贯彻实施: the meeting's subject
            elif sitting is not None and not focus and _PROMOTE.search(outside):
                targets = [
                    sitting
                ]  # 会上，…对《…法》进行了专题解读: the meeting's, not the action before
            elif (
                speech is not None
                and focus[0][0] < laws[0][0]
                and all(
                    re.match(r"[”\"]?为契机", text[f[1] : f[1] + 4])
                    for f in focus
                    if f[0] < laws[0][0]
                )
            ):  # A在讲话中指出，要以本次国家宪法日为契机，…学习宣传宪法: an occasion, not what is held
                targets = [speech]
            elif (
                focus
                and focus[0][2].type == "Campaign"
                and not _PLAN.fullmatch(str(focus[0][2].norm))
                and "，" in text[laws[-1][1] : focus[0][0]]
            ):
                # 要宣传宪法、民法典，深化“…”培养工程: the laws are not the later programme's, but
                # the current event's (活动现场，…宣传《…法》…，讲解了…教育日的由来)
                here = current or (target_of_ref if strong else None)
                targets = [here] if here is not None and _PROMOTE.search(outside) else []
                if _PURPOSE_BEFORE.search(text[ss : laws[0][0]]) and _framed(text, focus[0]):
                    # 为深入贯彻《…法》，…开展“…”巡回宣讲活动: the purpose of the programme held
                    targets = [focus[0][2]]
            elif (
                focus
                and focus[0][2].type == "Campaign"
                and "，" in text[laws[-1][1] : focus[0][0]]
                and not _PROMOTE.search(
                    text, _clause_start(text, ss, laws[0][0]), text.index("，", laws[-1][1])
                )
            ):
                targets = []  # 贯彻《…条例》，…开展“八五”普法中期评估: the law is not publicised
            elif focus:
                # 为推进“…”工程，开展…活动，…民法典: what is held, not the purpose it serves
                # 结合“民法典宣传月”等重要节点，…开展乡村“法律大讲堂”: the occasions are not what is held
                held = [
                    f
                    for f in focus
                    if not _PURPOSE_BEFORE.search(text[ss : f[0]])
                    and not text.startswith("结合", _clause_start(text, ss, f[0]))
                    and f[2] is not sitting  # 会前，市政府常务会议开展学法活动: what it holds
                ] or focus
                # 深化“法治进校园”；…举办…活动，发放《…法》: the laws' own clause holds their target
                held = [f for f in held if f[0] > text.rfind("；", ss, laws[0][0])] or held
                # 4月15日第八个全民国家安全教育日，…开展集中宣传，发放《…法》: the event held
                day = held[0][2].type == "Campaign" and held[0][2].attrs.get("year")
                ev = next((f for f in held if f[2].type == "Event" and f[0] > held[0][1]), None)
                target = ev if day and ev is not None else held[0]
                targets = [target[2]]
                # …，贯彻实施宪法；…完成《…条例》的立法任务；深化…示范创建: not across a ；
                laws = [
                    x for x in laws if "；" not in text[min(x[0], target[0]) : max(x[1], target[1])]
                ]
            elif named_ref is not None:
                targets = [named_ref[0]]
            elif (
                current is not None
                and _PROMOTE.search(outside)
                # 各执法单位…重点宣传…法，全年开展…210余场: a year's work, not the event's
                and not (current.type == "Event" and _YEARLY.search(outside))
                # 深入实施“…”培养工程…。漳州市全年新建…，《…条例》…推送解读: a sentence with a subject
                # of its own tells of other work than the programme's
                and not (
                    current.type == "Campaign"
                    and ments[0][0] == first
                    and ments[0][2].type in ("Place", "Agency")
                )
                # 各镇（街道）同步行动：…向居民讲解《…条例》: every unit's own work, not the event's
                and not _EACH_UNIT.match(text, first, se)
            ):
                targets = [current]
            elif (
                strong
                and _WHOLE_REF.search(outside)
                and target_of_ref is not None
                and target_of_ref.type == "Event"
                and _PROMOTE.search(outside)
            ):
                targets = [target_of_ref]  # 据统计，本次活动共发放《宪法》单行本…: that activity
            elif (
                any(role == "spoke" for _x, role, _e in official_roles)
                and target_of_ref is not None
                and (target_of_ref is main or any(target_of_ref is e for e in block_events))
                and _PROMOTE.search(outside)
            ):
                targets = [target_of_ref]  # 庭长A为营员们讲解了《…法》: where A speaks
            elif (
                current is None
                and (team := _opener_team(text, ss, laws[0][0], builder)) is not None
                and (work := _team_programme(text, team, index)) is not None
                and _PROMOTE.search(outside)
            ):  # 宣讲团…把宪法和…法讲清楚: the programme the team was named doing
                targets = [work]
            elif block_frame is not None and _PROMOTE.search(outside):
                # 行动中，工作人员还…发放《…法》宣传折页: the run the paragraph opens with
                targets = [_local_event(block_frame, block_events, builder) or block_frame]
            elif systems:
                targets = [systems[0][2]]
            else:
                targets = []
            for t in targets:
                for x in laws:
                    if t is words and not _PROMOTE.search(
                        text, _clause_start(text, ss, x[0]), x[0]
                    ):
                        continue  # 会议强调，…要学习宣传宪法，严格执行《…条例》: not the applied one
                    if _PLAN.fullmatch(str(t.norm)) and _only_applied(text, ss, se, x):
                        continue  # “八五”普法…，严格落实《…条例》: a plan publicises only what its
                        # clause says it does (…“八五”普法规划…，要…贯彻实施宪法和民法典: not these)
                    if _inquired(text, ss, se, x[0], x[1]):
                        continue
                    rels.add("promotes", t, x[2], [_span(text, x[0], x[1])])
        for f in focus:
            parts = builder.event_parts.get(id(f[2]), {})
            for law in parts.get("Law", []):
                rels.add("promotes", f[2], law, [_span(text, f[0], f[1])])
        programmes = [c for c in camps if not c[2].attrs.get("year") and _framed(text, c)]
        if events or programmes:
            camp_spans = [(c[0], c[1]) for c in camps]
            for hm, law in builder.hints:
                if (
                    ss <= hm.start < se
                    and not any(a <= hm.start < b for a, b in camp_spans)
                    and not _inquired(text, ss, se, hm.start, hm.end)
                ):
                    inside = [f for f in events if f[0] <= hm.start < f[1]]
                    target = (inside or events or programmes)[0][2]
                    rels.add("promotes", target, law, [hm])

        # 会前，…开展学法活动: held at the meeting's sitting, part of it, on its day
        if sitting is not None:
            day = next(
                (r.object for r in rels.items if r.type == "date" and r.subject is sitting),
                None,
            )
            for f in events:
                if f[2] is sitting:
                    continue
                rels.add("partOf", f[2], sitting, [_span(text, first, f[1])])
                if day is not None and not event_date.get(id(f[2])):
                    rels.add("date", f[2], day, [_span(text, f[0], f[1])])
                    event_date[id(f[2])] = True

        # 这是X法治宣传活动的一个缩影: the scene set before is a part of X
        if scene is not None and re.match(r"\s*这(?:正|只|就)?是", text[first:se]):
            snapshot = next(
                (c[2] for c in focus if re.match(r"[”\"]?的[^，。；]{0,4}缩影", text[c[1] : se])),
                snapshot,
            )
        # 为深入推进“八五”普法，推动《…法》…，A联合B，组织…: the work of the programme just named,
        # told by its purpose (the plan it serves, the law it carries) and its doers
        if (
            current is not None
            and current.type == "Campaign"
            and not current.attrs.get("year")
            and not _PLAN.fullmatch(str(current.norm))
            and focus
            and all(
                _PLAN.fullmatch(str(f[2].norm)) and _PURPOSE_BEFORE.search(text[ss : f[0]])
                for f in focus
            )
        ):
            for f in focus:
                rels.add("partOf", current, f[2], [_span(text, f[0], f[1])])
            for x in ments:
                if x[2].type == "Law" and _PURPOSE_CLAUSE.fullmatch(
                    text, _clause_start(text, ss, x[0]), x[0]
                ):
                    rels.add("promotes", current, x[2], [_span(text, x[0], x[1])])
                if x[2].type == "Agency" and (
                    (
                        _clause_start(text, ss, x[0]) == x[0]
                        and re.match(r"(?:联合|会同|牵头)", text[x[1] : x[1] + 2])
                    )
                    or _invited_partner(text, ss, x, ments)
                ):
                    rels.add("organizedBy", current, x[2], [_span(text, x[0], x[1])])

        # part of a campaign
        for c in camps:
            day = [y for y in dates_here if y[1] <= c[0] and "-" in y[2].norm]
            if day and re.match(r"[”\"]?\s*(?:当天|当日)", text[c[1] : c[1] + 4]):
                rels.add("date", c[2], day[-1][2], [_span(text, day[-1][0], c[1])])
        plans = [c for c in camps if _PLAN.fullmatch(str(c[2].norm))]
        if first_sentence and plans:
            block_plan = plans[0][2]  # 王振东强调，“八五”普法是…: the block is about the plan
        for c in camps:
            if c in plans or c[2].attrs.get("year"):
                continue
            under = [
                p
                for p in plans
                if p[1] <= c[0]
                and re.search(r"(?:围绕|按照|根据|落实|贯彻|结合|推动|推进)$", text[ss : p[0]])
            ]
            if under:  # 围绕“八五”普法规划，持续深化“法治进校园”活动
                rels.add("partOf", c[2], under[0][2], [_span(text, under[0][0], c[1])])
            elif block_plan is not None and re.search(
                r"开展[了好]?\s*[“\"]?$", text[max(ss, c[0] - 6) : c[0]]
            ):  # 要深入开展“法律七进”, in a block about the plan
                rels.add("partOf", c[2], block_plan, [_span(text, c[0], c[1])])
        for f in all_events:
            if f[2].attrs.get("reference"):
                for c in builder.event_parts.get(id(f[2]), {}).get("Campaign", []):
                    rels.add("partOf", f[2], c, [_span(text, f[0], f[1])])
        if (
            not events
            and target_of_ref is not None
            and target_of_ref.type == "Event"
            and re.match(r"\s*(?:此次|本次|该次)?(?:会议|会上)", text[first:se])
        ):
            reviewer = target_of_ref
        reviewed = [c for c in camps if _REVIEWS.search(text[ss : c[0]])]
        if reviewer is not None:
            for c in camps:  # 会议总结“七五”普法工作，安排部署“八五”普法工作; A汇报了“七五”普法…
                if c in reviewed:
                    rels.add("partOf", reviewer, c[2], [_span(text, c[0], c[1])])
        for f in events:
            at = _at_meeting(text, ss, f, events)
            if at is not None:  # 将在7月召开的…会议上听取…，并开展专题询问: held at the sitting
                rels.add("partOf", f[2], at, [_span(text, f[0], f[1])])
            parts = builder.event_parts.get(id(f[2]), {})
            own = parts.get("Campaign", [])
            for c in own:
                rels.add("partOf", f[2], c, [_span(text, f[0], f[1])])
            if own:
                for c in reviewed:  # …推进会，总结“七五”普法…，部署“八五”普法…: the meeting's work
                    if c[0] > f[1]:
                        rels.add("partOf", f[2], c[2], [_span(text, f[0], c[1])])
                for c in camps:  # 在第九个国家宪法日期间/当天/到来之际，…开展“宪法宣传周”系列活动
                    if c[1] <= f[0] and _ON_OBSERVANCE.match(text, c[1], f[0]):
                        rels.add("partOf", f[2], c[2], [_span(text, c[0], f[1])])
                continue
            for c in camps:
                lo, hi = min(f[0], c[0]), max(f[1], c[1])
                if _OVER.match(text, c[1]):
                    continue  # 为巩固“七五”普法成果，…举办…: a programme over, no part of it
                if not re.search(r"[；;]", text[min(f[1], c[1]) : max(f[0], c[0])]):
                    # 二是组织第二期…培训；三是围绕国家宪法日…: items of a list are apart
                    rels.add("partOf", f[2], c[2], [_span(text, lo, hi)])
            if not camps and lead_campaign is not None and lead_campaign is not f[2]:
                rels.add("partOf", f[2], lead_campaign, [_span(text, f[0], f[1])])

        # quantities
        meeting_does = (
            target_of_ref
            if not events
            and target_of_ref is not None
            and target_of_ref.type == "Event"
            and _MEETING_DOES.match(text, first, se)
            else None
        )
        plan = _period_plan(
            text, first, se, index[bisect_left(starts, bs) : bisect_left(starts, ss)]
        )
        counted: Entity | None = None  # what the sentence's last count was for
        for x in ments:
            if x[2].type != "Quantity":
                continue
            subject = (
                plan
                or _stock_of(text, ss, x, ments)
                or _this_named(text, ss, x[0], builder)
                or _site(text, first, ments)
                or _formed_agency(text, x, se, ments)
                # 培养的1100余名法律明白人中开展…培训: the people the programme trained, not the
                # training's (but 40名“法律明白人”跟随…开展…活动: the activity's)
                or (
                    _programme_counted(text, x[1], min(se, x[1] + 12), builder, after=True)
                    if re.search(r"(?:培养|培育|选聘|遴选)的?$", text[ss : x[0]])
                    else None
                )
                or _held_after(text, x, focus)
                or _joined_title_event(text, x, se, main)
            )
            if subject is None and re.match(
                r"其中|其余|(?:覆盖|受众|惠及)(?!面)|(?:实现|做到|确保|达到)?每个",
                text[_clause_start(text, ss, x[0]) :],
            ):
                # 培育“法律明白人”3260名，其中少数民族1400余名: a part of it (其余…: the rest of
                # it: A等10家单位现场述职，其余46家单位书面述职); …活动约320场，覆盖
                # 群众20万人次以上: the audience of what the count before it was for
                opener = re.match(r"其中[，,]?", text[_clause_start(text, ss, x[0]) :])
                own = next(
                    (
                        a[2]
                        for a in ments
                        if opener is not None
                        and a[2].type == "Agency"
                        and a[0] == _clause_start(text, ss, x[0]) + opener.end()
                        and text[a[1] : a[1] + 1] not in ("等", "、", "和", "与", "及")
                    ),
                    None,
                )  # …排查化解纠纷156件，其中东关村调委会调处…47户…: that body's own work
                subject = own or counted
            if (
                subject is None
                and counted is not None
                and counted.type == "Event"
                and _BARE_COUNT.fullmatch(text, _clause_start(text, ss, x[0]), x[0])
            ):  # …参加培训，共举办4期，累计培训1200余人次: a bare verb counts the event told of
                subject = counted
            if (
                subject is None and meeting_does is not None and not _SAYS.search(text, first, x[0])
            ):  # 会议对20个先进集体进行了表彰: whom the meeting honours, not work it hears of
                subject = meeting_does
            if subject is None:
                subject = _yearly_doer(text, ss, x[0], ments)
            if subject is None and not focus:
                subject = _official_organ(rels, text, first, x[0], ments)
            fm = _FRAME_WORD.search(text, ss, x[0])
            framed_camp = (
                next((c[2] for c in camps if c[1] == fm.end() - 2), None)
                or _campaign_named(fm.group(1), builder)
                if fm
                else None
            )
            frame_end = fm.end() if fm else 0
            if framed_camp is None:
                # 4月15日第八个全民国家安全教育日，全市开展…约50场: the day opening the sentence
                day = _opening_observance(text, first, x[0], ments)
                if day is not None:
                    framed_camp, frame_end = day[2], day[1] + 1
            clause = _clause_start(text, ss, x[0])
            # …期间，全市…共组织开展宪法进机关、…等“宪法七进”活动约320场: the programme the
            # clause holds and counts, not the observance framing it
            held_here = [
                c
                for c in camps
                if clause <= c[0]
                and not c[2].attrs.get("year")
                and re.search(r"开展|举办|组织", text[clause : c[0]])
                and re.fullmatch(r"[^，。；、\d]{0,3}", text[c[1] : x[0]])
            ]
            if subject is None and framed_camp is not None and held_here:
                subject = held_here[-1][2]
            if (
                subject is None
                and framed_camp is not None
                and (_WHOLE.match(text, clause, x[0]) or _EACH_UNIT.match(text, clause, x[0]))
            ):
                # 宣传周期间，举办启动仪式，…，全县同步开展…活动150余场: the week's (its series named
                # before, else the campaign), not the ceremony's
                local = _local_event(framed_camp, [], builder)
                subject = local if local is not None and local.first < x[0] else framed_camp
            held_before = [
                f
                for f in focus
                if f[2].type == "Campaign"
                and _framed(text, f)
                and f[1] <= x[0]
                and not re.search(r"[；;]", text[f[1] : x[0]])
                and not re.match(r"[”\"]?\s*(?:期间|当天|当日)", text[f[1] :])
                and not any(g[2].type == "Event" and f[1] <= g[0] < x[0] for g in focus)
            ]
            if subject is None and held_before:
                # …同步开展国家宪法日集中宣传，县司法局推送…15期: a clause of its own subject (of an
                # event held, its clauses stay the event's: …开展“宪法晨读”活动，区教体局组织…)
                subject = _clause_agency(text, held_before[-1][1], x[0], ments)
            framed = [
                f
                for f in focus
                if (
                    f[2].type == "Event"
                    # not an event a later clause tells of (…发放资料1200余份，…并参加“…竞答”)
                    and (f[1] <= x[0] or not re.search(r"[，,；;]", text[x[1] : f[0]]))
                )
                # a programme held frames the counts of its clauses, not those after a ；, nor
                # a count of all kinds of activity (…深化“法治进校园”活动，…开展各类普法活动30场;
                # “七五”普法期间，…开展各类普法活动1.2万余场 is the period's)
                or (
                    _framed(text, f)
                    and f[1] <= x[0]
                    and not re.search(r"[；;]", text[f[1] : x[0]])
                    and (
                        not re.search(
                            r"各类[^，。；\d]{0,8}活动", text[_clause_start(text, ss, x[0]) : x[0]]
                        )
                        or re.match(r"[”\"]?期间", text[f[1] :]) is not None
                    )
                )
                # 在全县7个镇、61个行政村巡回开展乡村“法律大讲堂”: where the programme is held
                or (
                    _framed(text, f)
                    and x[1] <= f[0]
                    and not re.search(r"[，,；;]", text[x[1] : f[0]])
                )
            ]
            if framed and subject is None:
                before = [f for f in framed if f[1] <= x[0]]
                f = before[-1] if before else framed[0]
                # 宣传周期间，区检察院共组织干警深入12所学校: the agency's own work in the week
                subject = (
                    _doer(text, f[1], x[0], ments)
                    if re.match(r"[”\"]?期间", text[f[1] :])
                    else None
                )
                subject = subject or _local_event(f[2], block_events, builder) or f[2]
            if subject is None and framed_camp is not None:
                subject = (
                    _doer(text, frame_end, x[0], ments)
                    or _local_event(framed_camp, block_events, builder)
                    or framed_camp
                )
            if subject is None:
                subject = _team_work(text, ss, x, ments) or _people_doing(text, ss, se, x, focus)
            if subject is None and current is not None and _held_again(text, ss, x[0], current):
                subject = current  # …开展乡村“法律大讲堂”。上半年共举办讲堂86场，受众…
            if subject is None and not events:
                subject = _mobiliser(text, ss, x, ments)
            if subject is None and _audience(text, ss, se, x):
                # 共90余人参加培训, 300多名干部同步收听收看: the people at the event, not a plan
                subject = next(
                    (
                        e
                        for e in (target_of_ref, current, last_event)
                        if e is not None and e.type == "Event"
                    ),
                    None,
                )
            if (
                subject is None
                and official_roles
                and target_of_ref is not None
                and target_of_ref.type == "Event"
                and text.startswith("现场", _clause_start(text, ss, x[0]))
            ):  # A…作了解读，现场解答企业提问20余个: what A did at the event he spoke at
                subject = target_of_ref
            if subject is None:
                subject = _programme_counted(text, _clause_start(text, ss, x[0]), x[0], builder)
            if subject is None:
                subject = _local_whole(text, ss, x[0], ments) or _since(text, x[0], camps)
            if subject is None and whole_ref is not None:
                subject = whole_ref
            if subject is None and block_frame is not None:
                # 行动中，工作人员还…发放资料2600余份: the work of the run the paragraph opens with
                subject = _local_event(block_frame, block_events, builder) or block_frame
            if subject is None and _whole_before(text, ss, x[0]):
                # 市总工会持续推进…，全市已建成站点86个; 全县…；县法律援助中心受理案件54件: a
                # centre, team, court or union opening a clause does its own work across it
                own = _clause_subject(text, ss, x[0], ments)
                subject = (
                    own
                    if own is not None and own.type == "Agency" and _works_itself(own)
                    else whole_place(text, ss, x[0])
                )
            if subject is None:
                subject = _counted_agency(text, ss, x[0], ments)
            if subject is None:
                subject = _bare_head(text, ss, x[0], builder)
            if subject is None:
                subject = _mobilised_for(text, ss, x, events)
            if subject is None and (strong or named_ref is not None):
                subject = target_of_ref
            if subject is None and not (
                lead is not None and lead.type == "Event" and _YEARLY.search(text, ss, x[0])
            ):  # …全年开展各类普法活动210余场: a year's work, not the one event leading the block
                subject = lead
            if subject is None and re.search(r"等$", text[ss : x[0]]):
                # 市法院、市检察院等20余家单位设立咨询台: the units at the event, not the first one
                subject = next(
                    (e for e in (current, last_event) if e is not None and e.type == "Event"), None
                )
                if subject is None:
                    subject = whole_place(text, ss, x[0])
            if subject is None and not any(
                e.type == "Agency" and text[end : x[0]] in ("和", "与", "及", "、")
                for _s, end, e in ments
            ):  # 镇人民调解委员会和23个村调委会…: units counted alongside it, not its work
                subject = _clause_subject(text, ss, x[0], ments)
            if subject is None:
                subject = block_subject  # 法律援助中心…。1—6月，共受理案件164件: its work
            if subject is None and not block_whole:
                # a bureau's own report (…局2022年度履职报告): its work, unless the paragraph
                # has turned to the whole jurisdiction (全市10个镇…。全年受理…412件)
                subject = reporter
            if subject is None:
                subject = whole_place(text, ss, x[0])
            if subject is not None:
                rels.add("quantity", subject, x[2], [_span(text, x[0], x[1])])
                counted = subject
        block_whole = block_whole or bool(_WHOLE.match(text, first))
        opener = _clause_subject(text, ss, first + 1, ments)
        if (
            headed is not None
            and opener is not None
            and opener.type == "Agency"
            and re.match(r"(?:组织|牵头|联合|开展|推进)", text[_opener_end(ments, first) :])
        ):  # 律师进村（社区）实现全覆盖。旗司法局组织…: who carries out the programme
            rels.add("organizedBy", headed, opener, [_span(text, first, se)])
        headed = None
        if opener is not None or events:
            # an organ of government does not take its place's counts (genre set, round 1 b1)
            block_subject = opener if opener is not None and _works_itself(opener) else None

        # agencies that attended (facts file only: the interchange format has no such relation)
        if re.search(r"参加|出席|参会|列席", outside):
            target = (
                events[0][2]
                if events
                else (current if current and current.type == "Event" else None)
            )
            if target is not None:
                for x in ments:
                    if x[2].type != "Agency":
                        continue
                    if ("organizedBy", id(target), id(x[2]), (None, None)) in rels._seen:
                        continue
                    if (
                        _NOT_ORGANISER_BEFORE.search(text, max(ss, x[0] - 3), x[0])
                        or text[max(ss, x[0] - 1) : x[0]] == "由"
                    ):
                        continue
                    rels.add("agencyAttended", target, x[2], [_span(text, x[0], x[1])])

        if not focus and target_of_ref is not None and strong:
            current = target_of_ref
        if systems and not focus:
            current = systems[-1][2]  # 压实普法责任制。…将宪法…纳入: what the system promotes
        if focus:
            current = focus[-1][2]
            if events:
                last_event = events[-1][2]
                last_meeting = next(
                    (f[2] for f in reversed(events) if re.search(r"会议?$", f[2].norm)),
                    last_meeting,
                )
            if opening and lead is None:
                for f in focus:
                    if re.search(
                        r"(?:开展|举办|举行|组织|召开|启动|部署|推出)[了好]?"
                        + _DURATION
                        + r"\s*[“\"]?$",
                        text[max(ss, f[0] - 10) : f[0]],
                    ) or (
                        f[0] == first
                        and f[2].type == "Campaign"
                        and not _PLAN.search(str(f[2].norm))
                    ):
                        # 律师进村（社区）实现全覆盖。…: the programme the paragraph is about
                        lead = f[2]
                        if f[0] == first and f[2].type == "Campaign" and not events:
                            headed = f[2]
                        break
        caption = bool(re.match(r"[（(]图", text[first:se]))  # （图为…现场）: not the paragraph's
        first_sentence = first_sentence and caption
        held_first = False
        opening = opening and (headline or caption or page.line_at(first).heading)
    _umbrellas(rels, text, page, builder)
    _purpose_frame(rels, text, page, builder)
    _lead_observance(rels, text, page, builder)
    _named_programmes(rels, builder)
    _taught_inside(rels)
    _rounds(rels, builder)
    _opening_and_closing(rels, builder)
    # a title naming no activity: the one series its lead paragraph holds (…开展“…”法治进企业系列活动)
    led = None if main or series else _title_programme(page, builder)
    lead_series = None if main or series or led else _lead_series(rels, page, builder)
    _title_activity(
        rels,
        main or series or led or lead_series,
        page,
        builder,
        series=series is not None or lead_series is not None,
    )
    _system_meetings(rels, builder)
    _named_day(rels, whole, builder)
    _section_programme(rels, text, page, builder)
    return rels.items


# a numbered section's heading: 一、, （五）, 3.
_NUMBERED = re.compile(
    r"\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))"
)


def _section_programme(rels: _Rels, text: str, page: Page, builder: _Builder) -> None:
    """A numbered section whose heading names one programme (一、强化统筹谋划，“八五”普法开好局;
    （五）深入推进“八五”普法。8月25日，…举办…培训班) puts the events it tells of under it."""
    for bs, be in page.blocks:
        heads = []
        for ln in page.lines:
            if ln.noise or ln.end <= bs or ln.start >= be or not _NUMBERED.match(text, ln.start):
                continue
            if ln.heading:
                heads.append((ln.start, ln.end))
            else:  # （五）深入推进“八五”普法。…: the paragraph's numbered first sentence
                stop = text.find("。", ln.start, min(ln.end, ln.start + 30))
                if stop > 0:
                    heads.append((ln.start, stop))
        named = {
            id(c): c
            for c in builder.order
            if c.type == "Campaign"
            and not c.attrs.get("facts_only")
            and any(s <= m.start and m.end <= e for m in c.mentions for s, e in heads)
        }
        if len(named) != 1:
            continue
        programme = next(iter(named.values()))
        for e in _held_events(builder, bs, be):
            rels.add("partOf", e, programme, [e.mentions[0]])


# a paragraph's headline: one or two short phrases without digits, then 。 (法治课堂护航青少年成长。
# 书声琅琅，宪法精神进校园。), and more of the paragraph after it
_HEADLINE = re.compile(r"[^，,。；;：:\d\n]{4,14}(?:[，,][^，,。；;：:\d\n]{4,14})?。")
# what may stand between a date and the observance it dates: its ordinal, an opening quote
# (11月28日至12月4日第五个“宪法宣传周”期间; 围绕12月4日第十一个国家宪法日)
_ORDINAL_GAP = re.compile(r"\s*(?:第[一二三四五六七八九十\d]{1,3}个)?[“\"]?")
_PURPOSE_BEFORE = re.compile(r"(?:^|[，。；])\s*为了?[^，。；]{0,6}$")
_PURPOSE_CLAUSE = re.compile(
    r"为了?[^，。；]*|(?:深入|扎实|全面|持续|进一步|认真)*(?:推进|推动|落实|贯彻|开展|做好)[^，。；]*"
)


def _purpose_frame(rels: _Rels, text: str, page: Page, builder: _Builder) -> None:
    """为深入推进“法律明白人”培养工程，扎实开展2023年民法典宣传月活动，5月以来，…: what the
    report's lead says its work serves holds the later events that are part of nothing else."""
    lead = next((ln for ln in page.lines if not ln.noise and not ln.heading), None)
    if lead is None or not text.startswith("为", lead.start):
        return
    end = lead.start
    while m := _PURPOSE_CLAUSE.match(text, end, lead.end):
        end = m.end()
        if text[end : end + 1] not in "，,":
            break
        end += 1
    frames = [
        e
        for e in builder.order
        if e.type in ("Event", "Campaign")
        and not e.attrs.get("facts_only")
        and not e.attrs.get("reference")  # 为学习贯彻党的二十大精神: a cited meeting frames nothing
        and any(
            lead.start <= m.start
            and m.end <= end
            # 为巩固“七五”普法成果: a programme whose results are kept is over, it frames nothing
            and not _OVER.match(text, m.end)
            for m in e.mentions
        )
    ]
    held = {id(r.subject) for r in rels.items if r.type == "partOf"}
    for e in builder.order:
        if e.type != "Event" or not e.mentions or e.attrs.get("reference") or id(e) in held:
            continue
        if e.first < lead.end:
            continue
        for f in frames:
            rels.add("partOf", e, f, [e.mentions[0]])


def _lead_observance(rels: _Rels, text: str, page: Page, builder: _Builder) -> None:
    """The observance the lead paragraph frames the report with (宪法宣传周期间，…; 扎实开展
    2023年民法典宣传月活动) holds the programmes named later that are part of nothing else
    (a “宪法进乡村”巡回宣讲 in a later paragraph)."""
    lead = next((ln for ln in page.lines if not ln.noise and not ln.heading), None)
    if lead is None:
        return
    frames: list[Entity] = []
    for e in builder.order:
        for m in e.mentions if e.type in ("Campaign", "Event") else []:
            if not lead.start <= m.start < lead.end:
                continue
            if e.type == "Campaign" and e.attrs.get("year") and text.startswith("期间", m.end):
                frames.append(e)
            elif e.type == "Event" and _ACTIVITY_BEFORE.search(text, max(0, m.start - 6), m.start):
                # “宪法宣传周”暨法治宣传教育月系列活动: the first observance the series is named for
                parts = builder.event_parts.get(id(e), {}).get("Campaign", [])
                frames += [c for c in parts if c.attrs.get("year")][:1]
    if len({id(f) for f in frames}) != 1:
        return
    held = {id(r.subject) for r in rels.items if r.type == "partOf"}
    for c in builder.order:
        if (
            c.type == "Campaign"
            and c.mentions
            and c.first >= lead.end
            and id(c) not in held
            and not c.attrs.get("year")
            and not c.attrs.get("facts_only")
            and not _PLAN.fullmatch(str(c.norm))
        ):
            rels.add("partOf", c, frames[0], [c.mentions[0]])


def _taught_inside(rels: _Rels) -> None:
    """What a lecture inside an activity teaches, the activity teaches (not a whole series)."""
    for r in list(rels.items):
        parent = r.object
        if r.type != "partOf" or parent is None or parent.type != "Event":
            continue
        if _SERIES.search(parent.norm):
            continue
        if r.subject.attrs.get("kind") not in ("lecture", "training"):
            continue  # a ceremony's, a meeting's laws are its own (启动仪式上，…作民法典专题宣讲)
        for x in list(rels.items):
            if x.type == "promotes" and x.subject is r.subject and x.object is not None:
                rels.add("promotes", parent, x.object, r.evidence)


def _named_programmes(rels: _Rels, builder: _Builder) -> None:
    """An event whose name carries a programme the report names on its own (…主题法治进校园活动,
    and “法治进校园”活动 elsewhere) is part of that programme; one whose name holds the name of
    an observance of its year the report names (启动2022年食品安全宣传周活动) is part of it."""
    programmes = [
        c
        for c in builder.order
        if c.type == "Campaign"
        and c.mentions
        and not c.attrs.get("year")
        and not c.attrs.get("facts_only")
        and len(str(c.norm)) >= 4
    ]
    for e in builder.order:
        if e.type != "Event" or not e.mentions or e.attrs.get("reference"):
            continue
        name = "".join(ch for ch in e.norm if ch not in '“”"')
        for c in programmes:
            # …“法律明白人”骨干培训班 and the “法律明白人”培养工程: the quoted core names it too
            cores = {
                q for m in c.mentions for q in re.findall(r"“([^”]{2,12})”[^“”]{2,}", m.surface)
            }
            if str(c.norm) in name or any(f"“{q}”" in e.norm for q in cores):
                rels.add("partOf", e, c, [e.mentions[0]])
        if builder.event_parts.get(id(e), {}).get("Campaign"):
            continue
        # 启动2022年食品安全宣传周活动, the text listing 食品安全宣传周、知识产权宣传周: the one
        # observance of its year whose name the event's holds
        year = re.search(r"(\d{4})年", name)
        held = {
            id(c): c
            for c in builder.order
            if c.type == "Campaign"
            and c.mentions
            and c.attrs.get("year")
            and len(str(c.attrs.get("name", ""))) >= 4
            and str(c.attrs.get("name")) in name
            and (year is None or int(year.group(1)) == c.attrs.get("year"))
        }
        if len(held) == 1:
            rels.add("partOf", e, next(iter(held.values())), [e.mentions[0]])


def _umbrellas(rels: _Rels, text: str, page: Page, builder: _Builder) -> None:
    """A series named at the top (开展2021年“宪法宣传周”系列活动) holds the later events of
    the same campaign (the launch ceremony of that 宪法宣传周)."""
    events = sorted(_held_events(builder), key=lambda e: e.first)
    for camp in [e for e in builder.order if e.type == "Campaign"]:
        holding = [
            e for e in events if camp in builder.event_parts.get(id(e), {}).get("Campaign", [])
        ]
        if len(holding) < 2:
            continue
        top = holding[0]
        if page.block(top.first) > 1 or not top.norm.endswith("活动"):
            continue
        for e in holding[1:]:
            if not _MANY.search(e.norm):
                rels.add("partOf", e, top, [e.mentions[0]])


def _title_event(
    page: Page, builder: _Builder, activity: bool = True, series: bool = False
) -> Entity | None:
    """The one activity the title reports on (海珠区开展…线上宣传教育活动, …举办公众开放日活动),
    or with ``activity`` false the one event (…青少年法治夏令营圆满结营, …开展…执法检查); not a
    series of the week (2021年“宪法宣传周”系列活动), which is the one found with ``series``."""
    title = next((ln for ln in page.lines if not ln.noise), None)
    if title is None or not (activity or title.heading):
        return None  # a first line of sentences is no title (12月4日是…。当天…举办宪法专题讲座。)
    tops = [
        e
        for e in _held_events(builder, title.start, title.end)
        if (e.norm.endswith("活动") or not activity) and bool(_MANY.search(e.norm)) == series
    ]
    return tops[0] if len(tops) == 1 else None


def _held_events(builder: _Builder, start: int = 0, end: float = math.inf) -> list[Entity]:
    """The events the text tells of (not those only cited), first named in [start, end)."""
    return [
        e
        for e in builder.order
        if e.type == "Event"
        and e.mentions
        and not e.attrs.get("reference")
        and start <= e.first < end
    ]


def _lead_series(rels: _Rels, page: Page, builder: _Builder) -> Entity | None:
    """The one series of activities (…系列活动) the lead paragraph holds, when the title names no
    activity, else the one programme it holds for a span of days and names no event (7月15日至
    23日，…开展“…”专项行动; not an ongoing one): it holds the events the body dates one by one as
    a title's series does."""
    lead = next((ln for ln in page.lines if not ln.noise and not ln.heading), None)
    if lead is None:
        return None
    found = _held_events(builder, lead.start, lead.end)
    if found:
        return found[0] if len(found) == 1 and _MANY.search(found[0].norm) else None
    held = {
        id(e): e
        for e in builder.order
        if e.type == "Campaign"
        and not e.attrs.get("year")
        and not e.attrs.get("facts_only")
        and not _PLAN.search(str(e.norm))
        for m in e.mentions
        if lead.start <= m.start < lead.end
        and _ACTIVITY_BEFORE.search(page.text, max(lead.start, m.start - 10), m.start)
    }
    run = {id(r.subject) for r in rels.items if r.type == "date" and "/" in str(r.object.norm)}
    held = {k: e for k, e in held.items() if k in run}
    return next(iter(held.values())) if len(held) == 1 else None


def _title_programme(page: Page, builder: _Builder) -> Entity | None:
    """The one programme the title's lines name when they name no event (——X检察院开展“…”法治副
    校长巡回宣讲活动 under a headline): a tour of lectures holds them as an activity would; so does
    an observance of the year the title names alone (推进“安全生产月”各项工作落地见效)."""
    lines = []
    for ln in page.lines:
        if ln.noise:
            continue
        if not ln.heading:
            break
        lines.append(ln)
    found = {
        id(e): e
        for e in builder.order
        if e.type in ("Event", "Campaign")
        and any(ln.start <= m.start < ln.end for ln in lines for m in e.mentions)
    }
    camps = [
        e
        for e in found.values()
        if e.type == "Campaign" and not e.attrs.get("facts_only") and not _PLAN.search(str(e.norm))
    ]
    return camps[0] if len(camps) == 1 == len(found) else None


def _restated(text: str, ss: int, se: int, top: Entity) -> tuple[int, int, Entity] | None:
    """Where a sentence holds the title's event again by the end of its name (开展执法检查 for
    the title's 法治宣传教育工作执法检查): three characters at least, not 活动 alone."""
    name = re.sub(r"[“”\"]", "", str(top.norm))
    for k in range(min(len(name), 8), 2, -1):
        tail = name[-k:]
        if tail.endswith("活动") and k < 5:
            break
        m = re.compile(rf"(?:开展|举办|举行|召开|组织)了?(?:一?系列)?({re.escape(tail)})").search(
            text, ss, se
        )
        if m:
            return (m.start(1), m.end(1), top)
    return None


# the fixed days of national observances named without their date (“12·4”国家宪法日 writes it)
_OBSERVANCE_DAYS = {
    "国家宪法日": "12-04",
    "全民国家安全教育日": "04-15",
    "国际消费者权益日": "03-15",
}


def _observance_day(campaign: Entity, written: str) -> str | None:
    """The month and day of an annual observance: from its quoted date as written (“3·15”国际…),
    else the fixed day of a national one."""
    if not campaign.attrs.get("year") or not str(campaign.attrs.get("name", "")).endswith("日"):
        return None
    m = re.match(
        r"(?:第[\d一二三四五六七八九十]{1,3}个)?[“\"]?\s*(\d{1,2})\s*[.·．•・]\s*(\d{1,2})\s*[”\"]",
        written,
    )
    if m:
        return f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    return _OBSERVANCE_DAYS.get(str(campaign.attrs.get("name")))


def _published(page: Page, builder: _Builder) -> str | None:
    """The day the page was published: the full date of its metadata (发布时间：2023-03-10)."""
    for e in builder.order:
        if (
            e.type == "Date"
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(e.norm))
            and any(page.is_meta(m.start) for m in e.mentions)
        ):
            return str(e.norm)
    return None


def _title_activity(
    rels: _Rels, top: Entity | None, page: Page, builder: _Builder, series: bool = False
) -> None:
    """The title's event holds the events the body tells of that are part of no other event
    (its lecture, quiz, forum; a camp's opening and closing), but not a body's numbered session
    (提请市十五届人大常委会第三次会议审议), nor another series; the event does not take what its
    parts teach. A week's series (开展2023年“宪法宣传周”系列活动) holds the events the body dates
    one by one (12月2日，…举行宪法宣誓仪式), not a body's study session (中心组集体学法专题会: its
    own sitting) nor what is told of without a day (玉林街道在…举办…绘画比赛)."""
    if top is None:
        return
    inside = {id(r.subject) for r in rels.items if r.type == "partOf" and r.object.type == "Event"}
    dated = {id(r.subject) for r in rels.items if r.type == "date"}
    # a contest whose final is dated is dated by it (本次竞赛分初赛、决赛…。12月3日，知识竞赛决赛…)
    dated |= {
        id(r.object)
        for r in rels.items
        if r.type == "partOf" and r.object.type == "Event" and id(r.subject) in dated
    }
    # 4月15日在…广场举办…活动 in a page of 2023-03-10: a plan, no part of the event reported
    published = _published(page, builder)
    planned = {
        id(r.subject)
        for r in rels.items
        if r.type == "date"
        and published is not None
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(r.object.norm))
        and str(r.object.norm) > published
    }
    sitting = top.attrs.get("kind") in ("meeting", "ceremony")
    period = _run_of(rels, top, builder)
    for e in _held_events(builder, top.mentions[0].end):
        if sitting and not series:
            break  # a ceremony or a meeting holds what is done at it (仪式上，…), nothing held apart
        if period is not None and not _within(_run_of(rels, e, builder), period):
            continue  # 今年4月26日，…召开…座谈会, in a report of May's 民法典宣传月 activity
        if (
            not builder.event_parts.get(id(e), {}).get("Agency")
            and not _MANY.search(e.norm)
            and id(e) not in inside
            and id(e) not in planned
            and not (series and (id(e) not in dated or _STUDY.search(e.norm)))
        ):
            rels.add("partOf", e, top, [e.mentions[0]])


def _run_of(rels: _Rels, e: Entity, builder: _Builder) -> tuple[str, str] | None:
    """The first and last day (or month) an event runs, from its date, else from the date of
    the observance its name holds (…民法典宣传月…活动: the month); None when the year is unknown."""
    sources = [e, *builder.event_parts.get(id(e), {}).get("Campaign", [])]
    for x in sources:
        day = next((r.object for r in rels.items if r.type == "date" and r.subject is x), None)
        if day is not None and "X" not in str(day.norm):
            lo, _, hi = str(day.norm).partition("/")
            return lo, hi or lo
    return None


def _within(run: tuple[str, str] | None, period: tuple[str, str]) -> bool:
    """Whether a run lies inside a period, at the precision both state (2023-04-26 is not in
    2023-05; 2023-05-08 is)."""
    if run is None:
        return True
    lo, hi = period
    n, m = min(len(run[0]), len(lo)), min(len(run[1]), len(hi))
    return run[0][:n] >= lo[:n] and run[1][:m] <= hi[:m]


_STUDY = re.compile(r"集体学[习法]|中心组|学法")
_ROUND = re.compile(r"(.{2,}?)(?:总决赛|半决赛|决赛|复赛|初赛|预赛)$")


def _rounds(rels: _Rels, builder: _Builder) -> None:
    """A round (知识竞赛决赛) is part of the one contest named before whose name ends with what
    the round's name opens with (“宪法在我心中”法治知识竞赛)."""
    events = _held_events(builder)
    for e in events:
        m = _ROUND.match(str(e.norm))
        if m is None:
            continue
        whole = {
            id(c): c
            for c in events
            if c is not e and c.first < e.first and str(c.norm).endswith(m.group(1))
        }
        if len(whole) == 1:
            rels.add("partOf", e, next(iter(whole.values())), [e.mentions[0]])


_OPENS_OR_CLOSES = re.compile(r"(.*?)(?:(开营|结营)|(开班|结业|结班))(?:仪式|典礼)$")


def _opening_and_closing(rels: _Rels, builder: _Builder) -> None:
    """A camp's or a class's opening or closing ceremony (夏令营开营仪式, 结营仪式, 培训班开班仪式) is
    part of the last camp (…营) or class (…班, …培训) named before it, whose name ends with what the
    ceremony's opens with, if it names one."""
    events = _held_events(builder)
    for e in events:
        m = _OPENS_OR_CLOSES.match(str(e.norm))
        if m is None:
            continue
        heads = ("营",) if m.group(2) else ("班", "培训")
        whole = [
            c
            for c in events
            if c is not e
            and c.first < e.first
            and str(c.norm).endswith(heads)
            and str(c.norm).endswith(m.group(1))
            and not _OPENS_OR_CLOSES.match(str(c.norm))
        ]
        if whole:
            rels.add("partOf", e, max(whole, key=lambda c: c.first), [e.mentions[0]])


def _system_meetings(rels: _Rels, builder: _Builder) -> None:
    """An event named for the “谁执法谁普法” responsibility system (全市“谁执法谁普法”履职评议
    座谈会, …普法责任制落实推进会) is part of it: the system the text names, else one implicit."""
    system = None
    for e in builder.order:
        if e.type != "Event" or not e.mentions or e.attrs.get("reference"):
            continue
        m = next((m for m in e.mentions if RESPONSIBILITY in m.surface), None)
        if m is None:
            continue
        system = system or next(
            (
                c
                for c in builder.order
                if c.type == "Campaign"
                and (c.attrs.get("facts_only") or c.implicit)
                and str(c.attrs.get("name", "")).startswith(RESPONSIBILITY)
            ),
            None,
        )
        if system is None:
            name = RESPONSIBILITY_SYSTEM
            system = builder._implicit("Campaign", name, name=name)
        system.attrs["facts_only"] = True  # the system, by its slogan in the interchange
        if system.implicit:
            at = m.start + m.surface.index(RESPONSIBILITY)
            inner = system.attrs.setdefault("inner", [])
            inner.append(Mention(at, at + len(RESPONSIBILITY), RESPONSIBILITY))
        rels.add("partOf", e, system, [m])


def _named_day(rels: _Rels, top: Entity | None, builder: _Builder) -> None:
    """The activity the title names after an observance (…开展第五个全民国家安全教育日线上宣传
    教育活动) is held on the day the text gives the observance (2020年4月15日是第五个全民国家安全
    教育日), when nothing else dates it."""
    if top is None or any(r.type == "date" and r.subject is top for r in rels.items):
        return
    for c in builder.event_parts.get(id(top), {}).get("Campaign", []):
        day = next(
            (r for r in rels.items if r.type == "date" and r.subject is c and r.object), None
        )
        if day is not None and re.fullmatch(r"[\dX]{4}-\d{2}-\d{2}", str(day.object.norm)):
            rels.add("date", top, day.object, day.evidence)
            return


_STOCK = re.compile(r"\s*(?:共有|现有|已有|拥有)[^，。；、\d]{0,12}$")


def _stock_of(
    text: str, ss: int, x: tuple[int, int, Entity], ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """目前，市南区共有外商投资企业1100多家: what a place opening the clause has is the place's, not
    the work of the activity the paragraph tells of."""
    start = _clause_start(text, ss, x[0])
    for s, e, ent in ments:
        if (
            ent.type == "Place"
            and start <= s
            and e <= x[0]
            and re.fullmatch(r"\s*", text[start:s])
            and _STOCK.match(text, e, x[0])
        ):
            return ent
    return None


def _inquired(text: str, ss: int, se: int, start: int, end: int) -> bool:
    """询问了…宪法和民法典进课堂等情况: a law in the state of things asked about (询问, 了解了,
    听取, 察看, 检查 …情况) is not publicised."""
    clause = _clause_start(text, ss, start)
    return bool(
        re.search(r"询问|了解了|听取|察看|检查|调研", text[clause:start])
        and re.match(r"[^，。；]*情况", text[end:se])
    )


def _only_applied(text: str, ss: int, se: int, law: tuple[int, int, Entity]) -> bool:
    """Whether the law's clause does not publicise it (宣传, 学习, 普法 …; 推动民法典走进村寨): it
    applies it (严格落实《…条例》, 贯彻实施宪法), makes it (完成《…条例》的立法任务) or honours it."""
    start = _clause_start(text, ss, law[0])
    end = re.compile(r"[，,；;]").search(text, law[1], se)
    clause = text[start : law[0]] + text[law[1] : end.start() if end else se]
    return not (_PROMOTE.search(clause) or re.search(r"走[进入]|深入人心", clause))


def _held_again(text: str, ss: int, pos: int, current: Entity) -> bool:
    """Whether the count's sentence holds the current event or programme again by its head word
    (乡村“法律大讲堂”… 。上半年共举办讲堂86场, 受众1.2万余人次), up to a ；."""
    # the name's last two characters, without quotes or the year of an annual instance (…(2023))
    head = re.sub(r"[“”\"]|\(\d{4}\)$", "", str(current.norm))[-2:]
    return len(head) == 2 and bool(
        re.search(rf"(?:举办|开展|举行|组织)了?{re.escape(head)}[^；;]*$", text[ss:pos])
    )


_PLAN = re.compile(r"[一二三四五六七八九]五普法")
_REVIEWS = re.compile(r"(?:总结|部署|通报|汇报|推进|回顾)了?[^，。；]{0,4}$")


def _formed_agency(
    text: str, x: tuple[int, int, Entity], se: int, ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """组建了由12名青年法官组成的“…宣讲团”: the members counted are the team's."""
    m = re.compile(r"[^，。；]{0,16}?组成的?\s*[“\"]?").match(text, x[1], se)
    if m is None:
        return None
    return next((y[2] for y in ments if y[0] == m.end() and y[2].type == "Agency"), None)


def _held_after(
    text: str, x: tuple[int, int, Entity], focus: list[tuple[int, int, Entity]]
) -> Entity | None:
    """A/B等10个街道同步开展“…”活动: the units counted take part in what their clause holds."""
    for f in focus:
        if f[0] >= x[1] and re.fullmatch(
            r"[^，。；\d]{0,6}?(?:同步|分别|同时|共同|相继)?(?:开展|举办|举行|参加|参与)了?\s*[“\"]?",
            text[x[1] : f[0]],
        ):
            return f[2]
    return None


def _joined_title_event(
    text: str, x: tuple[int, int, Entity], se: int, top: Entity | None
) -> Entity | None:
    """委托10个区（县、市）人大常委会同步开展检查: the units counted join the title's event, held
    again by its head (the last two characters of its name, not 活动)."""
    if top is None:
        return None
    head = re.sub(r"[“”\"]", "", str(top.norm))[-2:]
    if len(head) < 2 or head == "活动":
        return None
    m = re.compile(
        r"[^，。；\d]{0,12}?(?:同步|同时|分别|相继)(?:开展|举办|举行|进行)了?" + re.escape(head)
    ).match(text, x[1], se)
    return top if m else None


_FORMS = re.compile(r"(?:组建|成立|组织)了?[^，。；]{0,30}$")


def _team_work(
    text: str, ss: int, x: tuple[int, int, Entity], ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """X组建了…宣讲团，深入…，开展宣讲23场: the team formed earlier in the sentence does the work
    its later clauses count, unless another agency opens one of them."""
    team = None
    semi = max(text.rfind("；", ss, x[0]), text.rfind(";", ss, x[0]))
    for s, e, ent in ments:
        if s >= x[0]:
            break
        if s < semi:
            continue  # …组建…宣讲团，开展巡回宣讲；依托…开展…9场: the team's work ends at the ；
        if ent.type != "Agency":
            continue
        if team is not None and s == _clause_start(text, ss, s):
            team = None
        if (
            e < x[0]
            and _FORMS.search(text, _clause_start(text, ss, s), s)
            and ag.kind_of(str(ent.norm)) == "team"
        ):
            team = ent
    return team


def _people_doing(
    text: str,
    ss: int,
    se: int,
    x: tuple[int, int, Entity],
    focus: list[tuple[int, int, Entity]],
) -> Entity | None:
    """刚刚结业的40名“法律明白人”跟随…，在…开展…集中宣传活动: the people the sentence opens
    with are those who hold the event a later clause of it names (up to a ；)."""
    if x[2].norm.get("unit") not in ("名", "人", "位") or re.search(
        r"[，,；;：:]", text[ss : x[0]]
    ):
        return None
    if any(f[1] <= x[0] for f in focus):
        return None
    after = [f for f in focus if f[0] >= x[1] and f[2].type == "Event"]
    if not after or re.search(r"[；;]", text[x[1] : after[0][0]]):
        return None
    return after[0][2]


def _opener_end(ments: list[tuple[int, int, Entity]], first: int) -> int:
    """The end of the mention that opens the sentence at ``first``."""
    return next((e for s, e, _ent in ments if s == first), first)


def _programme_counted(
    text: str, start: int, pos: int, builder: _Builder, after: bool = False
) -> Entity | None:
    """全年新培养法律明白人1260名: the programme whose people (or things) the clause counts; with
    ``after``, those the count is of, written right after it (1100余名“法律明白人”)."""
    for c in builder.order:
        if c.type != "Campaign" or not c.mentions:
            continue
        if c.attrs.get("year") or c.attrs.get("facts_only") or _PLAN.search(str(c.norm)):
            continue
        core = re.sub(
            r"(?:培养|培育)?(?:工程|活动|行动|计划|工作)$", "", str(c.attrs.get("name", ""))
        )
        if len(core) < 3:
            continue
        if (
            core in text[start:pos]
            if not after
            else re.match(rf"[“\"]?{re.escape(core)}", text[start:pos])
        ):
            return c
    return None


_BARE_HEAD = re.compile(
    r"(?:该|这个|此|这支|该支)?(基地|中心|宣讲团|讲师团|服务团|宣讲队|服务队|宣传队|志愿队|工作队|小分队|"
    r"检查组|调研组|督查组|工作组)"
    r"(?![\u4e00-\u9fff]{0,2}[的之])"
)


_CONVENES = re.compile(r"[^，。；]{2,8}?(?:召开|举办|举行|开展|组织)了?")


def _named_by_head(text: str, start: int, builder: _Builder) -> Entity | None:
    """The one place or agency named before ``start`` with the bare head word written there
    (宣讲队 → “彝苗汉三语”法治宣讲队, 检查组 → 市人大常委会检查组)."""
    m = _BARE_HEAD.match(text, start)
    if m is None:
        return None
    named = {
        id(e): e
        for e in builder.order
        if e.type in ("Agency", "Place")
        and e.mentions
        and e.first < start
        and str(e.norm).endswith(m.group(1))
    }
    return next(iter(named.values())) if len(named) == 1 else None


def _opener_team(text: str, ss: int, pos: int, builder: _Builder) -> Entity | None:
    """The team named before that a clause of the sentence before ``pos`` opens with by its bare
    head (宣讲团专门…, 该宣讲队…)."""
    i = pos
    while True:
        start = _clause_start(text, ss, i)
        found = _named_by_head(text, start, builder)
        if found is not None or start <= ss:
            return found
        i = start - 1


def _team_programme(text: str, team: Entity, index: list[tuple[int, int, Entity]]) -> Entity | None:
    """The programme (a Campaign) a sentence naming ``team`` names after it: the work the team
    was formed for (…组建的…宣讲团，深入…乡镇，开展“…”巡回宣讲活动)."""
    for m in team.mentions:
        after = [
            x[2]
            for x in index
            if x[0] >= m.end
            and x[2].type == "Campaign"
            and not x[2].attrs.get("year")
            and not x[2].attrs.get("facts_only")
            and not _PLAN.fullmatch(str(x[2].norm))
            and not _SENT.search(text, m.end, x[0])
        ]
        if after:
            return after[0]
    return None


def _at_meeting(
    text: str, ss: int, f: tuple[int, int, Entity], events: list[tuple[int, int, Entity]]
) -> Entity | None:
    """The meeting an event of the sentence is held at: 在X会议上…，并开展专题询问 (X before it,
    in a clause that opens with 在, up to a ；)."""
    for g in events:
        if (
            g[1] <= f[0]
            and text.startswith("上", g[1])
            and "在" in text[_clause_start(text, ss, g[0]) : g[0]]
            and not re.search(r"[；;。]", text[g[1] : f[0]])
        ):
            return g[2]
    return None


def _mobilised_for(
    text: str, ss: int, x: tuple[int, int, Entity], events: list[tuple[int, int, Entity]]
) -> Entity | None:
    """…联合…，组织全县13个司法所、志愿者，深入乡村开展系列普法宣传活动: the units a clause
    mobilises are the event's the sentence holds after them, up to a ；."""
    if not re.match(r"(?:组织|动员|发动)", text[_clause_start(text, ss, x[0]) : x[0]]):
        return None
    later = [f for f in events if f[0] >= x[1] and not re.search(r"[；;]", text[x[1] : f[0]])]
    return later[0][2] if later else None


def _site(text: str, first: int, ments: list[tuple[int, int, Entity]]) -> Entity | None:
    """…法治文化公园占地约3.6万平方米，设置…等12个主题展区: the place or body the sentence opens
    with and measures has the sentence's counts."""
    head = ments[0] if ments else None
    if (
        head is not None
        and head[0] == first
        and head[2].type in ("Place", "Agency")
        and re.match(r"(?:总|建筑)?(?:占地|面积)", text[head[1] : head[1] + 4])
    ):
        return head[2]
    return None


_THIS = re.compile(r"(?:此次|本次|这次)([\u4e00-\u9fff]{2,14})")
_THIS_HEAD = re.compile(r"(?:活动|行动|宣讲|培训|竞赛|比赛)$")


def _this_named(text: str, ss: int, pos: int, builder: _Builder) -> Entity | None:
    """据统计，此次巡回宣讲活动共开展讲座6场: the one event or programme named before whose name
    ends with what 此次/本次 names (…法治副校长巡回宣讲活动; 此次巡回宣讲 also names it), not a
    lecture of it named since."""
    m = _THIS.search(text, ss, pos)
    if m is None:
        return None
    for k in range(len(m.group(1)), 3, -1):
        words = m.group(1)[:k]
        if not _THIS_HEAD.search(words):
            continue
        named = {
            id(e): e
            for e in builder.order
            if e.type in ("Event", "Campaign")
            and e.mentions
            and e.first < m.start()
            and re.sub(r"[“”\"]", "", str(e.norm)).removesuffix("活动").endswith(words)
        }
        if len(named) == 1:
            return next(iter(named.values()))
    return None


def _team_at(text: str, start: int, builder: _Builder) -> Entity | None:
    """The event whose team (检查组, 调研组) opens the clause at ``start``, no team so named."""
    head = _BARE_HEAD.match(text, start)
    if head is None or _named_by_head(text, start, builder) is not None:
        return None
    return _team_event(head.group(1), start, builder)


def _team_opening(text: str, ss: int, pos: int, builder: _Builder) -> Entity | None:
    """The event whose team (检查组) opens a clause of the sentence before ``pos``, no team so
    named (动员会后，检查组兵分多路，先后赴A区…)."""
    i = pos
    while True:
        start = _clause_start(text, ss, i)
        found = _team_at(text, start, builder)
        if found is not None or start <= ss:
            return found
        i = start - 1


def _team_event(head: str, start: int, builder: _Builder) -> Entity | None:
    """检查组共实地检查企业12家 with no team so named: the one event named before whose name ends
    with the team's work (…执法检查; 调研组 → …调研)."""
    if not head.endswith("组") or len(head) < 3:
        return None
    events = {id(e): e for e in _held_events(builder, end=start) if e.norm.endswith(head[:-1])}
    return next(iter(events.values())) if len(events) == 1 else None


def _bare_head(text: str, ss: int, pos: int, builder: _Builder) -> Entity | None:
    """基地总面积约1200平方米，设有6个展区: a clause of the sentence that opens with a bare head
    word is about the one place or agency named before with that head; 5天里，夏令营共开设法治课堂
    8堂: or the one event whose name ends with that word of three characters."""
    i = pos
    while True:
        start = _clause_start(text, ss, i)
        word = re.sub(r"^(?:该|此|本次|这次)", "", text[start : start + 5])[:3]
        events = {
            id(e): e
            for e in _held_events(builder, end=start)
            if len(e.norm) > 3 and e.norm.endswith(word)
        }
        if len(word) == 3 and len(events) == 1:
            return next(iter(events.values()))
        head = _BARE_HEAD.match(text, start)
        if head:
            return _named_by_head(text, start, builder) or _team_event(
                head.group(1), start, builder
            )
        if start <= ss:
            return None
        i = start - 1


def _works_itself(agency: Entity) -> bool:
    """A centre, team, court or procuratorate whose counts are its own work."""
    return ag.kind_of(str(agency.norm)) in ("institution", "team", "court", "procuratorate")


def _local_whole(
    text: str, ss: int, pos: int, ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """X村是一个彝族聚居村，全村386户，人口不足1500人: the village (community, town) the sentence
    names before a clause that counts all of it (全村, 全社区 …)."""
    i = pos
    while True:
        start = _clause_start(text, ss, i)
        m = re.match(r"全(村|社区|镇|乡|街道)", text[start:pos])
        if m:
            named = [
                ent
                for s, e, ent in ments
                if e <= start and ent.type == "Place" and text[s:e].endswith(m.group(1))
            ]
            return named[0] if named else None  # the subject: X村是一个…村，全村…
        if start <= ss:
            return None
        i = start - 1


def _since(text: str, pos: int, camps: list[tuple[int, int, Entity]]) -> Entity | None:
    """“八五”普法启动以来，全市建成…326个；…: the programme whose run the sentence's totals are
    counted over, from its clause to the end of the sentence."""
    for _s, e, c in reversed(camps):
        if e <= pos and re.match(r"[”\"]?(?:启动|实施|开展|开始|推进)?以来[，,]", text[e : e + 8]):
            return c
    return None


def _period_plan(
    text: str, first: int, se: int, before: list[tuple[int, int, Entity]]
) -> Entity | None:
    """The five-year 普法 plan whose totals a sentence opening with 五年来 gives: the last plan
    named before it in its block (肯定了“七五”普法工作的成绩。五年来，全市累计开展…)."""
    if not re.match(r"\s*[一二三四五六七八九十\d]+年(?:来|以来)", text[first:se]):
        return None
    plans = [e for _s, _e, e in before if e.type == "Campaign" and _PLAN.fullmatch(str(e.norm))]
    return plans[-1] if plans else None


def _parent_event(rels: _Rels, event: Entity) -> Entity | None:
    return next(
        (
            r.object
            for r in rels.items
            if r.type == "partOf" and r.subject is event and r.object and r.object.type == "Event"
        ),
        None,
    )


_WHOLE_REF = re.compile(r"(?:此次|本次|这次)(?:系列)?活动|(?:^|[，,\s])活动期间")
# 在第九个国家宪法日到来之际，…; 12月4日是第八个国家宪法日，当天，…: held on (or for) its day
_ON_OBSERVANCE = re.compile(r"[”\"]?\s*(?:期间|当天|当日|(?:到来|来临)?之际|[，,]\s*(?:当天|当日))")
_COINCIDES = re.compile(r"(?:恰逢|适逢|正逢|正值|时值)$")
# 、B镇等15个乡镇同步设立分会场: the places are the event's sub-venues
_SUB_VENUES = re.compile(
    r"(?:等(?:地|[\d一二三四五六七八九十]+个[^，。；\d]{1,6}?))?(?:同步|同时|也|均|分别)?"
    r"(?:设立|设置|开设|设)了?(?:视频|线上)?分会场"
)
# 共举办4期, 累计培训: a clause of a bare verb before its count, which names nothing counted
_BARE_COUNT = re.compile(r"(?:共|累计|先后|共计)?(?:举办|举行|开展|组织|培训|宣讲)了?(?:共|累计)?")
# 作为X的重要内容/组成部分，…: what the sentence holds is a part of X
_AS_PART = re.compile(r"\s*作为\s*[“\"]?")
_PART_OF = re.compile(
    r"[”\"]?的(?:重要|主要|一项)?(?:内容|组成部分|部分|举措|环节|活动)(?:之一)?[，,]"
)
# 开展了一系列宪法宣传活动: many activities, the series the title names
_MANY_HELD = re.compile(r"(?:开展|举办|组织)了?(一系列[^，。；、“”\d]{0,12}活动)")
# 巩固“七五”普法成果: the results of a programme that is over
_OVER = re.compile(r"[”\"]?(?:工作)?成果")
# …主办，C、D等单位共同参与的 (before the event): the hosts' role, then what modifies the event
_HOSTED = re.compile(r"(?:联合|共同)?(?:主办|承办|协办|举办)(?:[，,][^。；“”]*?)?的\s*$")
# a span of a year: what a sentence so timed tells is no one event's
_YEARLY = re.compile(r"全年|一年来|今年以来|年内")
# a paragraph opening on the day itself (据统计，当天…; 同日，…), not on a date of its own
_DAY_REF = re.compile(r"\s*(?:据统计|据悉|据了解)?[，,]?\s*(?:当天|当日|同日)")
_MEETING_REF = re.compile(r"会议|会上|参会|与会|会场")
_MEETING_DOES = re.compile(
    r"\s*(?:此次|本次|该次)?(?:会议|会上)[^。；]*?(?:表彰|颁发|颁授|授牌|授予|命名|签约|签订)"
)
_SAYS = re.compile(r"(?:指出|强调|表示|要求|认为|介绍)[：:，,]")
# an official's words at the event he spoke at or chaired (A强调，…); nothing before the name
_SPEECH = re.compile(r"(?:在[^，。；]{0,12}中)?(?:指出|强调|要求|提出|介绍)[：:，,]")


_LISTED_AS = re.compile(
    r"(?:出席|参加|参与|列席)[^，。；：:]{0,10}的(?:领导|嘉宾|人员|同志)?(?:还|主要)?有[：:]?"
)


def _official_roles(
    text: str, ss: int, se: int, officials: list[tuple[int, int, Entity]]
) -> list[tuple[tuple[int, int, Entity], str, int]]:
    """Each official's strongest role verb: after its name, or shared with the next names
    (A、B等领导出席), or leading the list they close the sentence with (参加宣誓的还有A、B等)."""
    out = []
    leads = list(_LISTED_AS.finditer(text, ss, se))
    lead = leads[-1] if leads else None
    for k, x in enumerate(officials):
        listed = lead is not None and lead.end() <= x[0]
        j = k
        # a listed name shares the lead's role, not a later name's verb
        while j < len(officials) and (j == k or not listed):
            seg_start = x[1] if j == k else officials[j][1]
            seg_end = officials[j + 1][0] if j + 1 < len(officials) else se
            said = _SAYS.search(text, seg_start, seg_end)
            if said is not None:  # A表示，下一步…开展宣讲: what A says is not what A does
                seg_end = said.start()
            found = [(mm.lastgroup, mm.end()) for mm in _ROLE.finditer(text, seg_start, seg_end)]
            found = [(g, e) for g, e in found if g]
            if found:  # roles of one clause: A出席会议，B等8家单位述职 — A does not report
                cut = re.search(r"[，,；;]", text[found[0][1] : seg_end])
                if cut is not None:
                    found = [t for t in found if t[1] <= found[0][1] + cut.start()]
                best = max(found, key=lambda t: _ROLE_RANK[t[0]])
                out.append((x, best[0], best[1]))
                break
            j += 1
        else:
            if listed:
                out.append((x, "attended", x[1]))
    return out


def _reporter(page: Page, builder: _Builder) -> Entity | None:
    """The department whose own report of a year the page is (湖州市市场监督管理局2022年度…履职报告,
    X司法局2023年…工作总结, X司法局关于2022年…情况的报告): a department of government (局, 厅, 办 …)
    that opens the title before a year. Not a government or party committee: their reports count for
    their place (genre set)."""
    title = next((ln for ln in page.lines if not ln.noise), None)
    if title is None:
        return None
    start = title.start
    while start < title.end and builder.text[start].isspace():
        start += 1
    for e in builder.order:
        if e.type != "Agency" or e.implicit:
            continue
        m = next((m for m in e.mentions if m.start == start), None)
        if (
            m is not None
            and re.match(r"(?:关于)?\d{4}年", builder.text[m.end : m.end + 7])
            and ag.kind_of(str(e.norm)) == "government"
            and not str(e.norm).endswith("政府")
        ):
            return e
    return None


def _positions(rels: _Rels, builder: _Builder, reporter: Entity | None = None) -> None:
    posts = []
    last: tuple[int, str | None] = (-1, None)  # where the last official's name ends, his organ
    for official, raw in builder.posts:
        prev: str | None = None
        for post in raw.posts:
            norm = _organ(post.organ, post.title_word, prev, builder)
            if (
                norm is None
                and prev is None
                and not post.organ
                and not post.ref
                and builder.text[last[0] : post.start] in ("，", ",", "、")
            ):  # 市人大常委会副主任A、B，秘书长C: the organ of the list's titles
                norm = last[1]
            if (
                reporter is not None
                and post.organ in ("局", "厅", "办")
                and str(reporter.norm).endswith(post.organ)
            ):  # 局党组书记、局长A in a bureau's own report: that bureau
                norm = str(reporter.norm)
            if post.ref and not post.organ:
                norm = _referred_organ(post.ref, post.start, builder) or norm
            elif not post.organ and post.title_word.startswith("法治") and prev is None:
                norm = _referred_organ("校", post.start, builder, near=40) or norm
            if norm is not None and post.organ:
                norm = builder.canonical_agency(norm)
                if post.organ[0] in "省市县区镇乡":  # 区司法局局长: the organ as the text spells it
                    norm = builder.fuller_agency(norm)
            posts.append((official, post, norm))
            prev = norm
        last = (raw.end, prev)
    named = {norm for _o, _p, norm in posts if norm}
    for official, post, norm in posts:
        base = post.title_word.removeprefix("常务").removeprefix("副")
        if norm is None and not post.organ and base in _HEAD_CHAR:
            # 检察长刘志刚 in a text whose titles name one procuratorate (区检察院副检察长王晓燕)
            same = {n for n in named if n.endswith(_HEAD_CHAR[base])}
            norm = same.pop() if len(same) == 1 else None
        agency = builder.agency(norm, kind=ag.kind_of(norm)) if norm is not None else None
        rels.add(
            "holdsPosition",
            official,
            None,
            [Mention(post.start, post.end, builder.text[post.start : post.end])],
            title=post.title,
            agency_norm=norm,
            agency=agency,
            organ=_organ_surface(post.organ, post.title_word),
        )


_APPOINTED = re.compile(r"任(副?(?:组长|主任|召集人))(?=[，,。；;、])")


def _appointed(rels: _Rels, text: str, builder: _Builder) -> None:
    """调整…普法工作领导小组，由局长A任组长，副局长B任副组长: the posts the officials take in the
    group (领导小组, 委员会 …) their sentence names before them."""
    groups = [
        (m.start, m.end, e)
        for e in builder.order
        if e.type == "Agency" and ag.kind_of(str(e.norm)) == "coordination"
        for m in e.mentions
    ]
    for official in (e for e in builder.order if e.type == "Official"):
        for m in official.mentions:
            post = _APPOINTED.match(text, m.end)
            if post is None:
                continue
            start = max(text.rfind(c, 0, m.start) for c in "。！？\n") + 1
            named = [g for g in groups if start <= g[0] and g[1] <= m.start]
            if not named:
                continue
            group = max(named, key=lambda g: g[0])
            rels.add(
                "holdsPosition",
                official,
                None,
                [Mention(post.start(1), post.end(1), post.group(1))],
                title=post.group(1),
                agency_norm=str(group[2].norm),
                agency=group[2],
                organ=text[group[0] : group[1]],
            )


_RANK = re.compile(r"(?:员额|[一二三四五]级|高级|首席|专职)+$")


def _organ(organ: str, word: str, prev: str | None, builder: _Builder) -> str | None:
    party = re.match(r"党委|党工委|党组|党支部|党总支", word)
    if party and (
        organ in ("镇", "乡", "街道", "县", "区", "市", "省", "社区", "村")
        or organ.endswith(("镇", "乡", "街道", "社区", "村"))
    ):
        organ += party.group(0)  # 镇党委书记 → 镇党委
    organ = re.sub(r"(?<=局|院|委|会|厅|大|协|府|所|心|部|办|司|校|学)(?:党组|党委)$", "", organ)
    if _BARE_PLACE.fullmatch(organ):
        organ += "办事处" if organ.endswith("街道") else "政府"  # 永兴镇法律顾问 → 永兴镇政府
    base = word.removeprefix("常务").removeprefix("副")
    if base in _HEAD_CHAR and organ and not organ.endswith(_HEAD_CHAR[base][-1]):
        organ += _HEAD_CHAR[base]
    elif base in _HEAD_CHAR and not organ and base not in ("组长",):
        pass
    if base in ("检察官", "法官"):
        # 员额检察官, 区法院四级高级法官: a rank, not an organ; a prosecutor's or judge's post is
        # the procuratorate's or court's (区检察院第一检察部主任、员额检察官 → 区检察院)
        organ = _RANK.sub("", organ)
        if not organ and prev is not None:
            court = re.match(r".*?(?:检察院|法院|中院|法庭)", prev)
            return court.group(0) if court else prev
    if not organ:
        if base in _LEADING_ORGANS:
            lead = _LEADING_ORGANS[base]
            if prev is not None and prev.endswith(lead[0] + "委") and len(prev) > 2:
                return prev[:-1] + "政府"  # 亭湖区委副书记、区长 → 亭湖区政府
            return builder.juris.expand(lead)
        return prev
    if (
        prev is not None
        and re.search(r"[省市区县旗州]委$", prev)
        and ag.is_party_dept(organ)
        and not _ANCHORED.match(organ)
    ):
        return prev + organ  # 市委常委、政法委书记 → 盐城市委政法委, not another 政法委 named
    sibling = re.fullmatch(r"(.+?[省市区县旗州]委)(.{2,6})", prev or "")
    if (
        sibling
        and ag.is_party_dept(sibling.group(2))
        and ag.is_party_dept(organ)
        and not _ANCHORED.match(organ)
    ):
        return sibling.group(1) + organ  # 县委常委、宣传部部长、统战部部长 → 县委统战部 too
    if not _ANCHORED.match(organ) and not _starts_with_division(organ, builder):
        found = builder.resolve_organ(organ)
        if found is not None:
            return found.norm
        local = re.match(r"(社区|村)(?=党|居|村)", organ)
        if local:  # 社区党委书记 in a report on 墩子塘社区 → 墩子塘社区党委
            named = {
                e.norm
                for e in builder.order
                if e.type == "Place" and e.mentions and str(e.norm).endswith(local.group(1))
            }
            if len(named) == 1:
                return named.pop() + organ[len(local.group(1)) :]
        town = builder.juris.town
        if town and organ in ("办事处", "政府", "人民政府", "人大", "党委", "党工委"):
            return town + ("办事处" if organ == "办事处" else organ)
        local = re.match(r"(.+(?:社区|村))(?:党委|党总支|党支部)$", prev or "")
        if local and re.fullmatch(r"(?:居|村)(?:民)?委员?会", organ):
            return local.group(1) + organ  # 社区党委书记、居委会主任 → that community's 居委会
        if prev is not None and re.search(r"(?:委|政府|人大常委会|政协)$", prev):
            if prev.endswith("委") and not ag.is_party_dept(organ) and not prev.endswith("政法委"):
                # 市委常委、公安局局长: a government department of the same jurisdiction
                base = re.sub(r"[委]$", "", prev)
                return base + organ if base and base[-1] in "省市区县镇乡旗州" else prev + organ
            if prev.endswith("政府"):
                return prev[:-2] + organ  # 副市长、公安局局长 → 宜都市公安局
            return prev + organ
        return organ
    return builder.juris.expand(ag.standard_form(organ))


def _referred_organ(ref: str, pos: int, builder: _Builder, near: int | None = None) -> str | None:
    """The organ 该校 / 本院 points at: the last school (court …) named before ``pos``."""
    kinds = {"校": ("school", "university"), "院": ("court", "procuratorate", "university")}
    want = kinds.get(ref)
    best = None
    for e in builder.order:
        if e.type != "Agency" or not e.mentions:
            continue
        if want and e.attrs.get("kind") not in want:
            continue
        before = [m for m in e.mentions if m.end <= pos and (near is None or pos - m.end <= near)]
        if before and (best is None or before[-1].end > best[0]):
            best = (before[-1].end, e.norm)
    return best[1] if best else None


def _organ_surface(organ: str, word: str) -> str:
    base = word.removeprefix("常务").removeprefix("副")
    if base in ("检察官", "法官"):
        return _RANK.sub("", organ)
    if base in _HEAD_CHAR and organ and not organ.endswith(_HEAD_CHAR[base][-1]):
        return organ + _HEAD_CHAR[base][0]
    return organ


def _starts_with_division(name: str, builder: _Builder) -> bool:
    """Whether a name opens with a division: its name, or the short name of one the text names."""
    from lawgraph.extract.places import find_divisions

    if any(d.start == 0 for d in find_divisions(name)):
        return True
    g = builder.juris.named
    from lawgraph.gazetteer import divisions

    shorts = {divisions().by_code[c].short_name for c in g if c in divisions().by_code}
    return any(s and len(s) >= 2 and name.startswith(s) for s in shorts)


def _town_place(builder: _Builder) -> Entity | None:
    """The Place entity of the town the report is about (高桥镇), if the text names one."""
    town = builder.juris.town
    if not town:
        return None
    for e in builder.order:
        if e.type == "Place" and e.mentions and str(e.norm).endswith(town):
            return e
    return None


def _report_place(entities: list[Entity], builder: _Builder) -> Entity | None:
    if builder.place is None:
        return None
    for e in entities:
        division = e.attrs.get("division") if e.type == "Place" else None
        if division is not None and division.code == builder.place.code and e.mentions:
            return e
    # the jurisdiction is named only inside other names: an implicit place, named by the fullest
    # form written (芜湖市镜湖区 of 芜湖市镜湖区人民政府)
    from lawgraph.gazetteer import divisions

    place = builder.place
    name = place.name
    parent = divisions().parent(place)
    while parent is not None and parent.name + name in builder.text:
        name = parent.name + name
        parent = divisions().parent(parent)
    return builder._implicit("Place", name, kind="division", division=place)


def _outside(text: str, ss: int, se: int, ments: list[tuple[int, int, Entity]]) -> str:
    out = []
    pos = ss
    for s, e, _ in ments:
        if s > pos:
            out.append(text[pos:s])
        pos = max(pos, e)
    out.append(text[pos:se])
    return " ".join(out)


def _venue_before(text: str, x: tuple[int, int, Entity], ss: int) -> bool:
    """在/于/走进/来到 + the place (also 在县城X, 在城区X: a locator before the name)."""
    before = re.sub(r"(?:县城|城区|市区)$", "", text[ss : x[0]])
    return before[-1:] in ("在", "于", "赴") or before[-2:] in ("走进", "来到")


_JOINERS = re.compile(
    r"(?:主要|相关)?负责人(?:表示|介绍|说)|下一步|将|"
    r"在[^，。；、]{1,10}?[上中]$|还|也|和|与|及|、|共同|联合|一起|会同|在|于|分别|先后|近日|日前|今年|去年|上午|下午|，|,|\s|"
    r"深入|走进|来到|前往|等地|等单位|等部门|精心|[“”\"]"
)


def _organises(
    text: str,
    ag_m: tuple[int, int, Entity],
    ev_m: tuple[int, int, Entity],
    ments: list[tuple[int, int, Entity]],
) -> bool:
    """Whether the agency is the subject of an organising verb whose object is the event."""
    if _NOT_ORGANISER_BEFORE.search(text, max(0, ag_m[0] - 3), ag_m[0]):
        return False
    between = text[ag_m[1] : ev_m[0]]
    verbs = list(_ORGANISE.finditer(between))
    verb = verbs[0] if verbs else None
    if verb is None or re.search(r"[。；;]", between):
        return False
    # what stands between the agency and the verb: other agencies, a venue, joiners only
    pos = ag_m[1]
    rest = []
    for s, e, _ent in ments:
        if s < ag_m[1] or s >= ag_m[1] + verb.start():
            continue
        rest.append(text[pos:s])
        pos = e
    rest.append(text[pos : ag_m[1] + verb.start()])
    leftover = _JOINERS.sub("", "".join(rest))
    if len(leftover) > 4 or re.search(r"会议?$", leftover):
        return False  # 市政府常务会议开展学法活动: the meeting does it, not the body alone
    tail_start = ag_m[1] + verbs[-1].end()
    tail = text[tail_start : ev_m[0]]
    for s, e, ent in sorted(ments, key=lambda t: -t[0]):
        if tail_start <= s and e <= ev_m[0] and ent.type == "Event":
            tail = tail[: s - tail_start] + tail[e - tail_start :]  # 召开A会议和B会议
    tail = re.sub(r"^(?:和|及|与|、)+|(?:和|及|与|、)+$", "", tail)
    tail = re.sub(
        r"(?:形式多样|丰富多彩|内容丰富|多种形式)(?:、[^，。；、]{2,8})?|了|的|一系列|一场|一次|一期|首场|首期",
        "",
        tail,
    )
    return len(tail) <= 12 and not re.search(r"[，,、]", tail)


_FRAME_WORD = re.compile(r"(宣传月|宣传周|宣传日|活动月|活动周|专项行动|集中行动)期间")


def _opening_observance(
    text: str, first: int, end: int, ments: list[tuple[int, int, Entity]]
) -> tuple[int, int, Entity] | None:
    """A dated observance a sentence opens with, after its date, before a comma (4月15日第八个
    全民国家安全教育日，全市…; 6月16日“安全宣传咨询日”当天，各街道…): it frames the sentence's
    counts up to ``end``."""
    for m in ments:
        if m[0] < first or m[2].type == "Date":
            continue
        if (
            m[2].type == "Campaign"
            and m[2].attrs.get("year")
            and m[1] < end
            and re.match(r"[”\"]?\s*(?:当天|当日)?[，,]", text[m[1] : m[1] + 5])
            and not re.search(r"[^\s\d年月日]", text[first : m[0]].replace("第", "").strip('“"'))
        ):
            return m
        return None
    return None


def _campaign_named(head: str, builder: _Builder) -> Entity | None:
    """The report's one campaign whose name ends with ``head`` (宣传周 → 宪法宣传周(2022))."""
    fits = [
        e
        for e in builder.order
        if e.type == "Campaign"
        and not e.attrs.get("facts_only")
        and str(e.attrs.get("name", "")).endswith(head)
    ]
    return fits[0] if len({id(e) for e in fits}) == 1 else None


def _frame_campaign(text: str, start: int, builder: _Builder) -> Entity | None:
    """The campaign a block opens with as its time frame (宣传月期间，…)."""
    m = re.match(
        r"\s*(?:(?:据悉|据了解|此外|另外|同时)[，,])?(?:在)?(?:[“\"][^”\"]{1,12}[”\"])?"
        r"(宣传月|宣传周|宣传日|活动月|活动周|专项行动|行动)"
        r"(?:期间|中(?=[，,]))",
        text[start : start + 30],
    )
    if not m:
        return None
    fits = [
        e
        for e in builder.order
        if e.type == "Campaign"
        and not e.implicit
        and str(e.attrs.get("name", "")).endswith(m.group(1))
    ]
    return fits[0] if len({id(e) for e in fits}) == 1 else None


def _invited_partner(
    text: str, ss: int, x: tuple[int, int, Entity], ments: list[tuple[int, int, Entity]]
) -> bool:
    """联合X、Y…: the agencies a verb of partnership governs co-organise what follows."""
    i = x[0]
    while True:
        before = text[max(ss, i - 4) : i]
        if re.search(r"(?:联合|会同|协同|携手|联手)$", before):
            return True
        prev = [m for m in ments if m[1] <= i and m[2].type == "Agency" and m[1] >= i - 1]
        if prev and text[prev[-1][1] : i] in ("、", "和", "与", "及", ""):
            i = prev[-1][0]
            continue
        return False


def _subject_of(
    text: str,
    ss: int,
    x: tuple[int, int, Entity],
    f: tuple[int, int, Entity],
    ments: list[tuple[int, int, Entity]],
) -> bool:
    """The agency opens the sentence and no other agency stands before the event."""
    lead = text[ss : x[0]].strip()
    if lead and not re.fullmatch(r"[^，。；]{0,12}[，,]", lead):
        return False
    if re.search(r"[。；]", text[x[1] : f[0]]) or re.match(
        r"[^，。；]{0,4}会议", text[x[1] : f[0]]
    ):
        return False  # 市政府常务会议开展学法活动: the meeting does it
    return not any(
        m[2].type == "Agency"
        and x[1] <= m[0] < f[0]
        and text[x[1] : m[0]] not in ("、", "和", "与")
        and not _invited_partner(text, ss, m, ments)  # A将会同B深化“…”: B is A's partner
        for m in ments
    )


# a series of activities (…系列活动, …系列宣传活动), not one activity
_MANY = re.compile(r"系列[\u4e00-\u9fff]{0,4}活动$")
# the series of a campaign (2023年“宪法宣传周”活动, 宪法宣传周系列活动), not one activity held for it
_SERIES = re.compile(r"[周月日年”\"](?:系列|主题)?活动$")


def _local_event(subject: Entity, block_events: list[Entity], builder: _Builder) -> Entity | None:
    """The event held for a campaign (the block's, else the report's series of that campaign,
    e.g. 2023年“宪法宣传周”活动): more specific than the campaign itself."""
    if subject.type != "Campaign":
        return None
    for e in block_events:
        if subject in builder.event_parts.get(id(e), {}).get("Campaign", []):
            return e
    series = [
        e
        for e in builder.order
        if e.type == "Event"
        and e.mentions
        and _SERIES.search(e.norm)
        and subject in builder.event_parts.get(id(e), {}).get("Campaign", [])
    ]
    return min(series, key=lambda e: e.first) if series else None


_HEAD_WORDS = [
    "启动仪式",
    "宣誓仪式",
    "仪式",
    "报告会",
    "宣讲会",
    "座谈会",
    "推进会",
    "研讨会",
    "培训会",
    "动员会",
    "发布会",
    "评审会",
    "交流会",
    "述职会",
    "夏令营",
    "开放日",
    "讲座",
    "文艺汇演",
    "汇演",
    "演出",
    "晚会",
    "比赛",
    "竞赛",
    "大赛",
    "培训班",
    "培训",
    "展览",
    "会议",
    "活动",
]
_HEAD_ANAPHOR = re.compile(
    r"\s*(?:(?:上午|下午|晚上)?\d{1,2}(?:时|点)(?:整|许|\d{1,2}分)?，)?"
    r"(?:此次|本次|这次|该次|当天的?|现场的?|[一二两三四五六七八九十\d]+场)?("
    + "|".join(_HEAD_WORDS)
    + r")(上|中|期间|现场|结束后|后|在)?"
)


def _head_anaphor(
    sentence: str,
    builder: _Builder,
    pos: int,
    whole: Entity | None = None,
    here: Entity | None = None,
) -> tuple[Entity, bool] | None:
    """A sentence that opens with an event's head word (报告会由…, 文艺汇演以…, 启动仪式上，…)
    is about the last event so named; with 上/中 it frames events inside that one. A bare 活动
    (活动现场，…) is the activity the title names, if it does (not one of its parts), else the
    event the paragraph holds (``here``: …启动仪式在…举行。活动现场，… — any event is an 活动)."""
    m = _HEAD_ANAPHOR.match(sentence)
    if m is None:
        return None
    head = m.group(1)
    if (
        head in ("会议", "活动")
        and not m.group(2)
        and not re.match(r"[由以在共还]|通过|采[取用]|吸引|累计", sentence[m.end() :])
    ):
        return None
    inside = bool(m.group(2)) and m.group(2) in ("上", "中", "期间", "现场")
    if head == "活动" and whole is not None and whole.first < pos:
        return whole, inside
    if head == "活动" and here is not None and here.type == "Event":
        return here, inside
    best = None
    for e in builder.order:
        if e.type != "Event" or not e.mentions or e.attrs.get("reference"):
            continue
        before = [x for x in e.mentions if x.end <= pos]
        # …宣讲活动 = …宣讲会; with no activity in the title, a bare 活动 is any event named last
        # (…汇演暨…开园仪式在…举行。…活动现场还向群众发放…: the gala, not the week's series)
        named = head in e.norm or any(head in x.surface for x in before) or head == "活动"
        if before and named and (best is None or before[-1].end > best[0]):
            best = (before[-1].end, e)
    if best is None:
        return None
    return best[1], inside


_AUDIENCE = re.compile(
    r"(?:参加|参与|出席|参训|参会|收看|收听|观看|聆听|到场)了?(?:本次|此次)?"
    r"(?:会议|培训|活动|讲座|仪式|报告会|座谈会|学习|宣誓|比赛|竞赛|直播|答题|收看)?"
    r"(?=[，,；;。！\s达共计\d]|$)|会场|现场(?=测评|打分|评议|评审|投票)|观众|听众|获[^，。；]{0,8}奖|(?:进入|晋级)(?:总决赛|半决赛|决赛|复赛)"
)


def _audience(text: str, ss: int, se: int, x: tuple[int, int, Entity]) -> bool:
    """Whether the count is of those who took part in or watched an event, told by its clause
    (共90余人参加培训, 全区112所学校组织师生在线收看, 21个乡镇设立视频分会场): not a total since a
    time (今年以来…共有46名干部参加宣誓), nor the places the people come from (18个村的…参加培训;
    a count of bodies whose people attend, 400家企业的负责人参加培训, is the audience's measure)."""
    start = _clause_start(text, ss, x[0])
    end = re.compile(r"[，,；;]").search(text, x[1], se)
    # 18个村（社区）的56名…参加培训, 15个乡镇的干部…收看: where the people come from, places or
    # people counted after (but 近400家企业的负责人参加培训 measures the audience)
    whose = re.compile(r"([^，。；、\d]{0,6})的([^，。；\d]*\d)?").match(text, x[1], se)
    return not (
        re.search(r"以来|累计", text[ss : x[0]])
        or (whose is not None and (whose.group(2) or _PLACE_UNIT.search(whose.group(1))))
    ) and bool(_AUDIENCE.search(text, start, end.start() if end else se))


_PLACE_UNIT = re.compile(r"(?:村|社区|乡镇|镇|乡|街道|县|区|市)(?:[（(][^）)]*[）)])?$")


# 各县（市、区）共开展…: every unit of the jurisdiction, so the whole of it too
_EACH_UNIT = re.compile(
    r"\s*各(?:县|市|区|乡|镇|街道|乡镇|旗)(?:[（(][^）)]{1,8}[）)])?(?![场直级属委长])"
)
_WHOLE = re.compile(
    r"\s*(?:截[止至][^，]{0,8}，)?(?:全年|今年|年内|当年)?(?:全[市县区省镇乡旗州]|我[市县区省镇乡])"
)


def _whole_before(text: str, ss: int, pos: int) -> bool:
    """Whether a clause of the sentence before ``pos`` counts for the whole jurisdiction
    (全省…, 全年全县…), or the sentence opens with every unit of it (各县（市、区）…)."""
    i = pos
    while True:
        start = _clause_start(text, ss, i)
        if _WHOLE.match(text, start, pos):
            return True
        if start <= ss:
            # 各县（市、区）同步开展宣传，…累计覆盖群众约15万人: every unit, so the whole of it
            return bool(_EACH_UNIT.match(text, start, pos))
        i = start - 1


def _clause_start(text: str, ss: int, pos: int) -> int:
    i = pos
    while i > ss and text[i - 1] not in "，,；;：:":
        i -= 1
    return i


def _framed(text: str, f: tuple[int, int, Entity]) -> bool:
    """A campaign a count can describe: held (开展“…”) or framing the count (在“…”期间)."""
    before = text[max(0, f[0] - 10) : f[0]]
    after = text[f[1] : f[1] + 4]
    plan = bool(re.search(r"[一二三四五六七八九]五普法$", str(f[2].attrs.get("name", ""))))
    return bool(
        (_ACTIVITY_BEFORE.search(before) and not plan)
        or re.search(r"依托[“\"]?$", before)  # 依托“…”项目，开展…9场: the programme it runs on
        or re.match(r"[”\"]?\s*(?:期间|活动中|中(?![期心国央])|以来)", after)
    )


def _counted_agency(
    text: str, ss: int, pos: int, ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """An agency named in the counted phrase itself (召开县委…委员会会议2次)."""
    for _s, e, ent in ments:
        if ent.type == "Agency" and e <= pos and pos - e <= 8:
            between = text[e:pos]
            if re.fullmatch(
                r"[^，。；、\d]{0,8}?(?:会议|会|活动|学法|学习|培训|讲座)[共计达]*", between
            ):
                return ent
    return None


def _yearly_doer(
    text: str, ss: int, pos: int, ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """市依法治市办全年共举办培训班12期，培训1300余人次: the agency that opens the sentence with
    the year's span (全年, 今年以来, 年内) counts its own work over the year, not one event's."""
    found = _clause_subject(text, ss, pos, ments)
    if found is None or found.type != "Agency":
        return None
    end = next(e for s, e, ent in ments if ent is found and s < pos and e <= pos)
    return found if re.match(r"(?:全年|今年以来|今年|年内|本年度|一年来)", text[end:pos]) else None


def _official_organ(
    rels: _Rels, text: str, first: int, pos: int, ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """县长A切实履行…职责，全年主持召开…4次: in a sentence that names no activity, the year's work
    of the official who opens it is that of the organ of the title right before his name."""
    lead = next((m for m in ments if m[2].type == "Official"), None)
    if lead is None or lead[1] > pos or re.search(r"[，,；;：:。]", text[first : lead[0]]):
        return None  # the official opens the sentence, after his titles only
    if not re.search(r"[，,](?:全年|今年以来|年内|一年来)", text[lead[1] : pos]):
        return None  # only the year's work his clauses count (…职责，全年主持召开…4次)
    for r in reversed(rels.items):
        organ = r.attrs.get("agency") if r.type == "holdsPosition" else None
        if (
            r.subject is lead[2]
            and isinstance(organ, Entity)
            and organ.mentions
            and text.endswith(str(r.attrs.get("title", "")), 0, lead[0])
        ):
            return organ
    return None


def _mobiliser(
    text: str, ss: int, x: tuple[int, int, Entity], ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """县司法局组织全县3200余名国家工作人员参加年度学法考试: in a sentence that names no event, the
    agency opening it that gathers the people counted does the work (not the last event named)."""
    found = _clause_subject(text, ss, x[0], ments)
    if found is None or found.type != "Agency" or x[2].norm.get("unit") not in ("名", "人", "人次"):
        return None
    end = next(e for s, e, ent in ments if ent is found and s < x[0] and e <= x[0])
    return (
        found
        if re.fullmatch(r"(?:组织|动员|带领)[^，。；\d]{0,8}", text[end : x[0]])
        and re.match(r"[^，。；]{0,16}?(?:参加|参与)", text[x[1] :])
        else None
    )


def _doer(text: str, start: int, pos: int, ments: list[tuple[int, int, Entity]]) -> Entity | None:
    """The agency opening a clause after a time frame (宣传周期间，区检察院共组织…; …成员深入…):
    whose own work the counts before ``pos`` are."""
    found = _clause_subject(text, start, pos, ments)
    return found if found is not None and found.type == "Agency" else None


def _clause_subject(
    text: str, ss: int, pos: int, ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """The agency, or local place (墩子塘社区将依托8个网格), opening a clause of the sentence
    before ``pos`` (its subject)."""
    best = None
    for s, e, ent in ments:
        if s >= pos:
            break
        if ent.type != "Agency" and not (
            ent.type == "Place"
            and re.search(r"(?:社区|村|镇|乡|街道)$", text[s:e])
            and not re.search(r"[，,；;]", text[e:pos])
        ):
            continue
        k = s
        while k > ss and text[k - 1] in " \u3000":
            k -= 1
        # 全年县政府共收到…: a span of time may stand before the subject
        span = re.search(
            r"(?:全年|今年|年内|今年以来|上半年|下半年|一年来|[自从]\d{4}年(?:\d{1,2}月)?)$",
            text[ss:k],
        )
        if span is not None:
            k -= len(span.group(0))
        if k == ss or text[k - 1] in "，,；;：:":
            best = ent
    return best


def _clause_agency(
    text: str, start: int, pos: int, ments: list[tuple[int, int, Entity]]
) -> Entity | None:
    """The agency opening a clause between ``start`` and ``pos`` (…，县司法局推送…): the subject
    of the clauses after a programme held before it."""
    found = [
        a[2]
        for a in ments
        if a[2].type == "Agency" and start < a[0] < pos and text[a[0] - 1] in "，,"
    ]
    return found[-1] if found else None


def _list_end(
    text: str, x: tuple[int, int, Entity], agencies: list[tuple[int, int, Entity]]
) -> int:
    """Where the list of agencies ``x`` is in ends (A、B和C): the end of its last name, and of the
    short name declared after it (B（以下简称“b”）)."""
    end = _aside_end(text, x[1])
    for y in agencies:
        if y[0] < end:
            continue
        if text[end : y[0]] not in ("、", "和", "与", "及"):
            break
        end = _aside_end(text, y[1])
    return end


def _aside_end(text: str, end: int) -> int:
    """The end of a bracketed aside right after a name (（以下简称“区应急局”）), else ``end``."""
    m = re.compile(r"[（(][^（()）\n]{1,20}[）)]").match(text, end)
    return m.end() if m else end


def _span(text: str, start: int, end: int) -> Mention:
    start = max(0, start)
    end = min(len(text), end)
    return Mention(start, end, text[start:end])
