"""The facts file (``lawgraph-facts/1``) an extraction becomes: the same format a person writes.

Records are ordered by their first mention and keyed by the pinyin of their name, so the same
text gives the same bytes, and a person reviewing a re-run reads a small diff. A record the format
requires something for that the text does not give (an agency with no mention, a date without a
year) is left out rather than invented.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from lawgraph.extract import agencies as ag
from lawgraph.extract.chunks import QUOTES
from lawgraph.extract.model import Entity, Extraction, Mention, Relation
from lawgraph.facts import NOT_YAML, check_date
from lawgraph.gazetteer import Division, divisions
from lawgraph.ids import slug

VERSION = "0.1.0"
CURATED_BY = f"lawgraph extract {VERSION}"
_PLACE_KIND = {"division": "division", "venue": "venue", "community": "community"}
_EVENT_KIND = {"meeting", "lecture", "publicity", "training", "ceremony"}


class _Flow(list):  # type: ignore[type-arg]
    """A list written on one line: a span ``[start, end, quote]`` or a list of keys."""


def _span(m: Mention) -> list[Any]:
    return _Flow([m.start, m.end, m.surface])


def _spans(ms: list[Mention]) -> list[list[Any]]:
    seen = []
    for m in sorted(set(ms)):
        seen.append(_span(m))
    return seen


@lru_cache(maxsize=8192)
def _slug(name: str) -> str:
    return slug(name, 30)


class _Keys:
    def __init__(self) -> None:
        self.used: set[str] = set()
        self.of: dict[int, str] = {}

    def make(self, ent: Entity, name: str, prefix: str = "") -> str:
        base = (prefix + _slug(name)).strip("-") or "x"
        key = base
        n = 2
        while key in self.used:
            key = f"{base}-{n}"
            n += 1
        self.used.add(key)
        self.of[id(ent)] = key
        return key


def report_id(path: Path) -> str:
    """An ASCII slug for the report, from its file name."""
    stem = path.stem
    out = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{2,80}", out or ""):
        out = slug(stem, 60)
    if len(out) < 3:
        out = (out + "-report")[:80]
    return out[:80].strip("-")


def build(
    x: Extraction,
    text_path: Path,
    out_path: Path,
    place: Division,
    published: str,
) -> dict[str, Any]:
    """The facts file's data for an extraction (a dict in the file's section order)."""
    keys = _Keys()
    raw = text_path.read_bytes()
    juris = x.juris
    rel_text = os.path.relpath(text_path.resolve(), out_path.parent.resolve())
    doc_year = x.doc_year

    by_type: dict[str, list[Entity]] = {}
    for e in x.entities:
        by_type.setdefault(e.type, []).append(e)

    data: dict[str, Any] = {"format": "lawgraph-facts/1"}
    report: dict[str, Any] = {
        "id": report_id(text_path),
        "title": x.title or text_path.stem,
        "text": rel_text.replace(os.sep, "/"),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "place": _place_name(place),
        "published": published,
    }
    data["report"] = report

    # --- places ---------------------------------------------------------------------------
    places = []
    for e in by_type.get("Place", []):
        kind = _PLACE_KIND.get(e.attrs.get("kind", ""), "other")
        division = e.attrs.get("division")
        mentions = list(e.mentions)
        if division is not None:
            # the gazetteer's division; its short name (抚顺) is not a mention of it
            name = _place_name(division)
            mentions = [m for m in mentions if division.name in m.surface]
            if not mentions:  # 宜都市 written only inside 宜都市司法局: that is where it is named
                inside = _name_inside(x, division.name)
                mentions = [inside] if inside is not None else []
        else:
            name = juris.facts_name(e.norm)[0] if kind == "venue" else e.norm
            if kind == "division":
                kind = "other"  # a town or street: not in the division gazetteer
        if not mentions:
            continue
        rec = {"key": keys.make(e, name), "name": name, "kind": kind}
        rec["mentions"] = _spans(mentions)
        places.append(rec)

    # --- agencies ---------------------------------------------------------------------------
    agencies = []
    names: dict[int, str] = {}
    agency_ents = [e for e in by_type.get("Agency", [])]
    committee_names = {e.norm for e in agency_ents if e.norm.endswith("委员会")}
    by_name: dict[str, dict[str, Any]] = {}
    for e in agency_ents:
        mentions = list(e.mentions) or list(e.attrs.get("inner", [])) or _title_mentions(x, e)
        if not mentions:
            continue
        name, division = juris.facts_name(e.norm)
        stem = e.norm[:-1] if e.norm.endswith("办") and not e.norm.endswith("办公室") else None
        if stem and stem + "委员会" in committee_names:
            name = juris.facts_name(stem + "委员会")[0] + "办公室"
        names[id(e)] = name
        if name in by_name:  # 抚顺中院 and 市法院: one court
            rec = by_name[name]
            keys.of[id(e)] = rec["key"]
            rec["mentions"] = _spans([Mention(a, b, q) for a, b, q in rec["mentions"]] + mentions)
            continue
        rec = {"key": keys.make(e, name), "name": name}
        rec["kind"] = e.attrs.get("kind") or ag.kind_of(e.norm)
        if division is not None and (place is None or division.code != place.code):
            rec["place"] = _place_name(division)
        rec["mentions"] = _spans(mentions)
        agencies.append(rec)
        by_name[name] = rec
    # parents: the longest other agency whose name starts this one's
    for rec in agencies:
        best = None
        for other in agencies:
            if other is rec:
                continue
            longer = len(other["name"]) < len(rec["name"])
            if (
                rec["name"].startswith(other["name"])
                and longer
                and (best is None or len(other["name"]) > len(best["name"]))
            ):
                best = other
        if best is not None:
            rec_items = list(rec.items())
            rec.clear()
            for k, v in rec_items:
                if k == "mentions":
                    rec["parent"] = best["key"]
                rec[k] = v

    # --- officials ------------------------------------------------------------------------------
    officials = []
    official_place: dict[int, str] = {}
    for r in x.relations:
        if r.type == "holdsPosition" and id(r.subject) not in official_place:
            agency = r.attrs.get("agency")
            if agency is not None and id(agency) in keys.of:
                a_rec = next(a for a in agencies if a["key"] == keys.of[id(agency)])
                if "place" in a_rec:
                    official_place[id(r.subject)] = a_rec["place"]
    for e in by_type.get("Official", []):
        rec = {"key": keys.make(e, e.norm), "name": e.norm}
        if id(e) in official_place:
            rec["place"] = official_place[id(e)]
        rec["mentions"] = _spans(e.mentions)
        officials.append(rec)

    # --- laws and documents ------------------------------------------------------------------
    laws = []
    for e in by_type.get("Law", []):
        mentions = list(e.mentions) or list(e.attrs.get("inner", []))
        if not mentions:
            continue
        rec = {"key": keys.make(e, e.norm.removeprefix("中华人民共和国")), "title": e.norm}
        if not e.attrs.get("listed", True):
            rec["unlisted"] = True
            rec["category"] = e.attrs.get("category") or "法律"
        rec["mentions"] = _spans(mentions)
        laws.append(rec)
    documents = []
    for e in by_type.get("Document", []):
        rec = {"key": keys.make(e, e.norm, "doc-"), "title": e.norm, "mentions": _spans(e.mentions)}
        documents.append(rec)

    # --- campaigns ------------------------------------------------------------------------------
    campaigns = []
    for e in by_type.get("Campaign", []):
        mentions = list(e.mentions) or list(e.attrs.get("inner", []))
        if not mentions:
            continue
        name = (
            str(e.attrs["name"])
            if e.attrs.get("facts_only")
            else _campaign_name(mentions[0].surface)
        )
        year = e.attrs.get("year") or _programme_year(e, x)
        rec = {"key": keys.make(e, name + (f"-{year}" if year else "")), "name": name}
        if year:
            rec["year"] = str(year)
        rec["mentions"] = _spans(mentions)
        campaigns.append(rec)

    # --- events ---------------------------------------------------------------------------------
    rels_by: dict[str, list[Relation]] = {}
    for r in x.relations:
        rels_by.setdefault(r.type, []).append(r)

    def key(e: Entity | None) -> str | None:
        return keys.of.get(id(e)) if e is not None else None

    events = []
    for e in by_type.get("Event", []):
        if not e.mentions:
            continue
        name = "".join(ch for ch in e.norm if ch not in QUOTES)
        rec = {"key": keys.make(e, name), "name": name}
        kind = e.attrs.get("kind")
        rec["kind"] = kind if kind in _EVENT_KIND else "other"
        evidence: list[Mention] = []
        date = None
        for r in rels_by.get("date", []):
            if r.subject is e and r.object is not None:
                date = _facts_date(r.object.norm, doc_year)
                if date:
                    evidence += r.evidence
                break
        if date is None:
            m = re.search(r"((?:19|20)\d{2})\s*年", e.norm)
            if m:
                date = _month_of_parts(e, m.group(1), x, rels_by)
        if date is None:
            date = _year_stated_before(e, x)
        if date:
            rec["date"] = date
        camps = [key(r.object) for r in rels_by.get("partOf", []) if r.subject is e]
        camps = [c for c in camps if c and any(c == k["key"] for k in campaigns)]
        if camps:
            rec["campaigns"] = _Flow(sorted(set(camps), key=camps.index))
        orgs = [key(r.object) for r in rels_by.get("organizedBy", []) if r.subject is e]
        orgs = [o for o in orgs if o and any(o == a["key"] for a in agencies)]
        if orgs:
            rec["organizers"] = _Flow(sorted(set(orgs), key=orgs.index))
        for r in rels_by.get("heldAt", []):
            if r.subject is e and key(r.object):
                rec["venue"] = key(r.object)
                evidence += r.evidence
                break
        for r in rels_by.get("partOf", []):
            if (
                r.subject is e
                and r.object is not None
                and r.object.type == "Event"
                and key(r.object)
            ):
                rec["parent"] = key(r.object)
                break
        rec["mentions"] = _spans(e.mentions)
        if evidence:
            rec["evidence"] = _spans(evidence)
        events.append(rec)
    event_keys = {r["key"] for r in events}
    # an event's parent must exist
    for rec in events:
        if rec.get("parent") not in event_keys:
            rec.pop("parent", None)

    # campaign organisers
    # --- posts ----------------------------------------------------------------------------------
    posts: list[dict[str, Any]] = []
    for r in rels_by.get("holdsPosition", []):
        agency = r.attrs.get("agency")
        official_key = key(r.subject)
        agency_key = key(agency)
        if official_key is None or agency_key is None:
            continue
        title = r.attrs["title"]
        merged = False
        for p in posts:
            if (
                p["official"] == official_key
                and p["agency"] == agency_key
                and (_bare_title(p["title"], juris) == _bare_title(title, juris))
            ):
                if len(title) < len(p["title"]):
                    p["title"] = title
                p["evidence"] = _spans(
                    [Mention(s, e_, q) for s, e_, q in p["evidence"]] + r.evidence
                )
                merged = True
                break
        if not merged:
            posts.append(
                {
                    "official": official_key,
                    "title": title,
                    "agency": agency_key,
                    "evidence": _spans(r.evidence),
                }
            )

    # --- participations -------------------------------------------------------------------------
    participations = []
    role_of = {"chaired": "chaired", "attended": "attended", "spokeAt": "spoke"}
    for r in x.relations:
        if r.type in role_of and key(r.subject) and key(r.object) in event_keys:
            participations.append(
                {
                    "event": key(r.object),
                    "participant": key(r.subject),
                    "role": role_of[r.type],
                    "evidence": _spans(r.evidence),
                }
            )
    organisers: dict[int, list[Relation]] = {}
    for r in rels_by.get("organizedBy", []):
        organisers.setdefault(id(r.subject), []).append(r)
    for rs in organisers.values():
        for r in rs:
            if key(r.subject) not in event_keys or key(r.object) is None:
                continue
            if key(r.object) not in {a["key"] for a in agencies}:
                continue
            quote = " ".join(m.surface for m in r.evidence)
            role = "hosted" if "承办" in quote else ("co-organised" if len(rs) > 1 else "organised")
            participations.append(
                {
                    "event": key(r.subject),
                    "participant": key(r.object),
                    "role": role,
                    "evidence": _spans(r.evidence),
                }
            )
    for r in rels_by.get("agencyAttended", []):
        if key(r.subject) in event_keys and key(r.object):
            participations.append(
                {
                    "event": key(r.subject),
                    "participant": key(r.object),
                    "role": "attended",
                    "evidence": _spans(r.evidence),
                }
            )

    # --- promotions and measures ----------------------------------------------------------------
    promotions = []
    part_of: dict[int, list[Entity]] = {}
    for r in rels_by.get("partOf", []):
        if r.object is not None and r.object.type == "Campaign":
            part_of.setdefault(id(r.subject), []).append(r.object)
    extra: list[Relation] = []
    for r in rels_by.get("promotes", []):
        for camp in part_of.get(id(r.subject), []):
            inner = camp.attrs.get("inner", []) + camp.mentions
            named = any(
                m.start <= i.start and i.end <= m.end for m in r.subject.mentions for i in inner
            )
            if named:
                extra.append(Relation("promotes", camp, r.object, r.evidence))
    for r in rels_by.get("promotes", []) + extra:
        by, law = key(r.subject), key(r.object)
        known = by in event_keys or any(c["key"] == by for c in campaigns)
        if by and law and known and not any(p["by"] == by and p["law"] == law for p in promotions):
            promotions.append({"by": by, "law": law, "evidence": _spans(r.evidence)})
    measures = []
    for r in rels_by.get("quantity", []):
        of = key(r.subject)
        q = r.object
        if of is None or q is None:
            continue
        norm = q.norm
        value = norm["value"]
        measures.append(
            {
                "of": of,
                "value": int(value) if float(value).is_integer() else value,
                "unit": norm["unit"],
                "qualifier": norm["qualifier"],
                "marker": q.attrs.get("marker"),
                "counted": norm.get("counted") or norm["unit"],
                "evidence": _spans(q.mentions),
            }
        )

    if x.issuer is not None and key(x.issuer):
        report["issuer"] = key(x.issuer)
    report["curated_by"] = CURATED_BY
    for name, section in (
        ("places", places),
        ("agencies", agencies),
        ("officials", officials),
        ("laws", laws),
        ("documents", documents),
        ("campaigns", campaigns),
        ("events", events),
        ("posts", posts),
        ("participations", participations),
        ("promotions", promotions),
        ("measures", measures),
    ):
        if section:
            data[name] = section
    return data


def _month_of_parts(e: Entity, year: str, x: Extraction, rels_by: dict[str, list[Relation]]) -> str:
    """A series dated by its year only (2019年宪法宣传周活动) takes the month its dated parts
    share (its lecture on 2019-12-06 → 2019-12)."""
    camps = {id(r.object) for r in rels_by.get("partOf", []) if r.subject is e}
    parts = {
        id(r.subject) for r in rels_by.get("partOf", []) if id(r.object) in camps or r.object is e
    }
    months = {
        str(r.object.norm)[:7]
        for r in rels_by.get("date", [])
        if id(r.subject) in parts
        and r.subject is not e
        and r.object is not None
        and str(r.object.norm).startswith(year + "-")
    }
    return months.pop() if len(months) == 1 else year


def _year_stated_before(e: Entity, x: Extraction) -> str | None:
    """A meeting said to be held in a year (去年，…全会胜利召开) is dated by that year."""
    years = getattr(x, "years", None)
    if years is None or not e.mentions:
        return None
    for m in e.mentions:
        s, end = years.page.sentence(m.start)
        if not re.match(r"\s*(?:胜利|隆重|顺利)?(?:召开|举行|闭幕|开幕)", x.text[m.end : end]):
            continue
        before = [(p, y) for p, y in years.markers if s <= p < m.start]
        if before:
            return str(before[-1][1])
    return None


def _programme_year(e: Entity, x: Extraction) -> int | None:
    """The year a one-off programme runs (not a five-year 普法 plan or 法律七进)."""
    name = str(e.attrs.get("name") or e.norm)
    if (
        re.search(r"[一二三四五六七八九]五普法|法律[一二三四五六七八九十]进|责任制", name)
        or not e.mentions
    ):
        return None
    years = getattr(x, "years", None)
    return years.in_block(e.mentions[0].start) if years is not None else x.doc_year


def _name_inside(x: Extraction, name: str) -> Mention | None:
    """The first place outside page noise where ``name`` is written (inside a longer name)."""
    years = getattr(x, "years", None)
    i = x.text.find(name)
    while i >= 0:
        if years is None or not years.page.is_noise(i):
            return Mention(i, i + len(name), name)
        i = x.text.find(name, i + 1)
    return None


def _title_mentions(x: Extraction, e: Entity) -> list[Mention]:
    """Where an agency known only from a post's title is written: its organ inside the title."""
    out = []
    for r in x.relations:
        if r.type != "holdsPosition" or r.attrs.get("agency") is not e:
            continue
        organ = r.attrs.get("organ") or ""
        for m in r.evidence:
            if organ and m.surface.startswith(organ):
                out.append(Mention(m.start, m.start + len(organ), organ))
    return out


def _bare_title(title: str, juris: Any) -> str:
    for d in juris.full_prefixes.values():
        prefix = d.name[:-1]
        if title.startswith(prefix) and len(title) > len(prefix) + 1:
            return title[len(prefix) :]
    return title


def _campaign_name(surface: str) -> str:
    from lawgraph.extract.campaigns import canonical

    s = re.sub(r"^第\s*[\d一二三四五六七八九十]{1,3}\s*个", "", surface)
    s = re.sub(r"^[“\"]?\s*\d{1,2}\s*[.·．•・]\s*\d{1,2}\s*[”\"]?", "", s)
    s = "".join(ch for ch in s if ch not in QUOTES).strip()
    official = canonical(s)
    return official if official != s.replace(" ", "") else s


def _facts_date(norm: str, year: int | None) -> str | None:
    if "XXXX" in norm:
        if year is None:
            return None
        norm = norm.replace("XXXX", f"{year:04d}")
    try:
        return check_date(norm)
    except ValueError:  # a day the calendar lacks (2月30日), a range that ends before it starts
        return None


def _place_name(d: Division) -> str:
    g = divisions()
    if g.resolve(d.name) is not None:
        return d.name
    if g.resolve(d.full_name) is not None:
        return d.full_name
    return d.code


def dump(data: dict[str, Any]) -> str:
    """The facts file's text: YAML in block style, spans and key lists on one line.

    Written by a small emitter of its own (the data is only mappings, lists and scalars): the
    same data gives the same bytes on every machine, and fast. ``yaml.safe_load`` reads it back
    to the same data (tested).
    """
    out = [
        f"# Facts of {_comment(str(data['report']['title']))}, extracted by {CURATED_BY}.",
        "# Offsets are code points into the report text. Review, correct, and re-run with --merge.",
    ]
    for key, value in data.items():
        _emit_entry(out, 0, key, value)
    return "\n".join(out) + "\n"


def _comment(text: str) -> str:
    """``text`` on one comment line: no line break (YAML 1.1's too) or character YAML refuses."""
    return NOT_YAML.sub(" ", re.sub("[\r\n\x85\u2028\u2029]", " ", text))


def _emit_entry(out: list[str], indent: int, key: str, value: Any, first: str = "") -> None:
    pad = " " * indent
    lead = first or pad
    if isinstance(value, dict):
        out.append(f"{lead}{key}:")
        for k, v in value.items():
            _emit_entry(out, indent + 2, k, v)
    elif isinstance(value, list) and value and all(not isinstance(v, dict | list) for v in value):
        out.append(f"{lead}{key}: {_flow_list(value)}")
    elif isinstance(value, list):
        if not value:
            out.append(f"{lead}{key}: []")
            return
        out.append(f"{lead}{key}:")
        for item in value:
            _emit_item(out, indent + 2, item)
    else:
        out.append(f"{lead}{key}: {_scalar(value)}")


def _emit_item(out: list[str], indent: int, item: Any) -> None:
    pad = " " * indent
    if isinstance(item, dict):
        for n, (k, v) in enumerate(item.items()):
            _emit_entry(out, indent + 2, k, v, first=f"{pad}- " if n == 0 else "")
    elif isinstance(item, list):
        out.append(f"{pad}- {_flow_list(item)}")
    else:
        out.append(f"{pad}- {_scalar(item)}")


def _flow_list(values: list[Any]) -> str:
    return "[" + ", ".join(_scalar(v, flow=True) for v in values) + "]"


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}\n\"']*$")
_SPECIAL = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|"
    r"y|Y|n|N|[-+]?(?:\d[\d_]*)?\.?\d[\d_:.eE+-]*|\.(?:inf|Inf|INF|nan|NaN|NAN)|\d{4}-\d\d?-\d\d?.*)$"
)


def _scalar(value: Any, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return _string(str(value))


@lru_cache(maxsize=65536)
def _string(text: str) -> str:
    if NOT_YAML.search(text) is None:
        if text and text == text.strip() and _PLAIN.match(text) and not _SPECIAL.match(text):
            return text
        return json.dumps(text, ensure_ascii=False)
    # json.dumps escapes only C0 controls: DEL and C1 controls must be escapes too
    return NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))
