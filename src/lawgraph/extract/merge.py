"""Merging a fresh extraction into a facts file a person has corrected (``--merge``).

The rule (docs/extraction.md): **the person's file wins.** Every record of the existing file is
kept as it is, in its place. A freshly extracted record is added only when the existing file has
no record of the same identity in the same section:

* entities (places, agencies, officials, laws, documents, campaigns, events): the same name or
  title, or a mention span shared with an existing record;
* posts: the same official and title; participations: the same event and participant;
  promotions: the same source and law; measures: the same evidence span, or the same subject,
  value and unit.

Keys of added records that point at a record the person already has are rewritten to the
person's key. The report section is the person's, with ``sha256`` brought up to date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lawgraph.errors import FactsError, Problem
from lawgraph.facts import ENTITY_SECTIONS, _Loader

RELATION_SECTIONS = ("posts", "participations", "promotions", "measures")
_NAME = {
    "places": "name",
    "agencies": "name",
    "officials": "name",
    "laws": "title",
    "documents": "title",
    "campaigns": "name",
    "events": "name",
}
_REF_FIELDS = {
    "places": ("within",),
    "agencies": ("parent",),
    "documents": ("issuer",),
    "campaigns": ("parent", "organizers"),
    "events": ("campaigns", "organizers", "venue", "parent"),
    "posts": ("official", "agency"),
    "participations": ("event", "participant"),
    "promotions": ("by", "law"),
    "measures": ("of",),
}


def load_existing(path: Path) -> dict[str, Any]:
    """The person's facts file as plain data (not validated: it may predate a text change)."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FactsError([Problem(str(path), None, "", f"cannot read: {exc.strerror}")]) from None
    except UnicodeDecodeError as exc:
        raise FactsError([Problem(str(path), None, "", f"not UTF-8 ({exc.reason})")]) from None
    try:
        data = yaml.load(source, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise FactsError([Problem(str(path), None, "", f"not valid YAML: {exc}")]) from None
    if not isinstance(data, dict) or not isinstance(data.get("report"), dict):
        raise FactsError([Problem(str(path), 1, "", "not a facts file (no report section)")])
    return data


def _spans(rec: dict[str, Any], field: str) -> set[tuple[int, int]]:
    out = set()
    value = rec.get(field) or []
    if value and isinstance(value[0], int):
        value = [value]
    for span in value:
        if isinstance(span, list) and len(span) >= 2:
            out.add((span[0], span[1]))
    return out


def merge(existing: dict[str, Any], fresh: dict[str, Any]) -> dict[str, Any]:
    """The existing file with the fresh records it lacks (see the module docstring)."""
    out: dict[str, Any] = {"format": existing.get("format", fresh["format"])}
    report = dict(existing["report"])
    report["sha256"] = fresh["report"]["sha256"]
    out["report"] = report
    rename: dict[str, str] = {}
    used = {
        rec.get("key")
        for section in ENTITY_SECTIONS
        for rec in existing.get(section) or []
        if isinstance(rec, dict)
    }
    added: dict[str, list[dict[str, Any]]] = {}
    for section in ENTITY_SECTIONS:
        old = [r for r in existing.get(section) or [] if isinstance(r, dict)]
        name_field = _NAME[section]
        by_name = {r.get(name_field): r for r in old}
        spans = {s: r for r in old for s in _spans(r, "mentions")}
        for rec in fresh.get(section) or []:
            match = by_name.get(rec.get(name_field))
            if match is None:
                for s in _spans(rec, "mentions"):
                    if s in spans:
                        match = spans[s]
                        break
            if match is not None:
                rename[rec["key"]] = match["key"]
                continue
            key = rec["key"]
            n = 2
            while key in used:
                key = f"{rec['key']}-{n}"
                n += 1
            used.add(key)
            if key != rec["key"]:
                rename[rec["key"]] = key
            added.setdefault(section, []).append(dict(rec, key=key))
    for section in ENTITY_SECTIONS:
        records = list(existing.get(section) or [])
        records += [_rekey(section, r, rename) for r in added.get(section, [])]
        if records:
            out[section] = records
    for section in RELATION_SECTIONS:
        old = list(existing.get(section) or [])
        ids = {_identity(section, r) for r in old if isinstance(r, dict)}
        ev = {s for r in old if isinstance(r, dict) for s in _spans(r, "evidence")}
        records = list(old)
        for rec in fresh.get(section) or []:
            rec = _rekey(section, rec, rename)
            if _identity(section, rec) in ids:
                continue
            if section == "measures" and _spans(rec, "evidence") & ev:
                continue
            records.append(rec)
            ids.add(_identity(section, rec))
        if records:
            out[section] = records
    for k, v in existing.items():
        if k not in out:
            out[k] = v
    return out


def _rekey(section: str, rec: dict[str, Any], rename: dict[str, str]) -> dict[str, Any]:
    rec = dict(rec)
    for field in _REF_FIELDS.get(section, ()):
        value = rec.get(field)
        if isinstance(value, list):
            rec[field] = [rename.get(v, v) for v in value]
        elif isinstance(value, str):
            rec[field] = rename.get(value, value)
    return rec


def _identity(section: str, rec: dict[str, Any]) -> tuple[Any, ...]:
    if section == "posts":
        return (rec.get("official"), rec.get("title"))
    if section == "participations":
        return (rec.get("event"), rec.get("participant"))
    if section == "promotions":
        return (rec.get("by"), rec.get("law"))
    return (rec.get("of"), rec.get("value"), rec.get("unit"))
