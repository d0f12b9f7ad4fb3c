"""Build the gold annotations (NAME.json) of the genre reports from their specs (NAME.ann.yaml).

A spec lists each entity as ``[id, type, norm, [mentions…]]`` (add ``implicit`` as a fifth item
for an entity named only inside a longer span) and each relation as ``[type, subject, object]``
or ``[holdsPosition, official, title, agency]``. A mention is its surface text, which must occur
exactly once in the report, or ``text#k`` / ``text#k,m`` for the k-th occurrences (1-based).
Mentions may not overlap. Run from the project root, for this folder or the folders named::

    .venv/bin/python tests/data/genre/build_gold.py [tests/data/heldout ...]
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def build(spec_path: Path) -> dict:
    text = spec_path.with_name(spec_path.name.replace(".ann.yaml", ".txt")).read_text("utf-8")
    spec = yaml.safe_load(spec_path.read_text("utf-8"))
    entities = []
    taken: list[tuple[int, int, str]] = []
    for item in spec["entities"]:
        eid, etype, norm, specs = item[:4]
        if isinstance(norm, datetime.date | int):
            norm = norm.isoformat() if isinstance(norm, datetime.date) else str(norm)
        implicit = len(item) > 4 and item[4] == "implicit"
        mentions = []
        for ms in specs:
            surface, _, which = str(ms).partition("#")
            found = occurrences(text, surface)
            if not found:
                sys.exit(f"{spec_path.name}: {eid}: {surface!r} is not in the text")
            if which:
                picks = [found[int(k) - 1] for k in which.split(",")]
            elif len(found) == 1:
                picks = found
            else:
                sys.exit(f"{spec_path.name}: {eid}: {surface!r} occurs {len(found)} times: add #k")
            for start in picks:
                end = start + len(surface)
                for s, e, other in taken:
                    if start < e and s < end:
                        sys.exit(f"{spec_path.name}: {eid} {surface!r} overlaps {other} at {s}")
                taken.append((start, end, eid))
                mentions.append({"text": surface, "start": start, "end": end})
        mentions.sort(key=lambda m: m["start"])
        ent = {"id": eid, "type": etype, "norm": norm}
        if implicit:
            ent["implicit"] = True
        ent["mentions"] = mentions
        entities.append(ent)
    ids = {e["id"] for e in entities}
    relations = []
    for r in spec.get("relations") or []:
        if r[0] == "holdsPosition":
            rel = {"type": r[0], "subject": r[1], "title": r[2], "agency": r[3]}
            refs = [r[1]]
        else:
            rel = {"type": r[0], "subject": r[1], "object": r[2]}
            refs = [r[1], r[2]]
        for ref in refs:
            if ref not in ids:
                sys.exit(f"{spec_path.name}: relation {r}: no entity {ref}")
        relations.append(rel)
    return {
        "doc_id": spec_path.name.replace(".ann.yaml", ""),
        "doc_year": spec.get("doc_year"),
        "year_basis": spec.get("year_basis"),
        "entities": entities,
        "relations": relations,
    }


def main(folders: list[str]) -> None:
    for spec_path in sorted(p for f in folders or [HERE] for p in Path(f).glob("*.ann.yaml")):
        gold = build(spec_path)
        out = spec_path.with_name(spec_path.name.replace(".ann.yaml", ".json"))
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {len(gold['entities'])} entities, {len(gold['relations'])} relations")


if __name__ == "__main__":
    main(sys.argv[1:])
