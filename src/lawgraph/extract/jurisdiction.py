"""The report's jurisdiction: which division it is about, and how abbreviated names expand.

A name that starts with a level word (市司法局, 县委, 区法院) belongs to the division of that level
the report is about, if the text names it: 市司法局 in a Fushun report → 抚顺市司法局. A division
never named in the text adds no prefix.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from lawgraph.extract.places import RawDivision, autonomy_abbreviations, banner_abbreviation
from lawgraph.gazetteer import Division, divisions

_LEVEL_HINTS = {
    "province": re.compile(r"[全我本]省|省委|省政府"),
    "prefecture": re.compile(r"[全我本]市|市委|市政府"),
    "county": re.compile(r"[全我本][县区旗]|[县区旗]委|[县区旗]政府"),
}
LEVEL_WORDS = ("林区", "街道", "省", "市", "区", "县", "旗", "州", "镇", "乡")


@cache
def _level_led() -> dict[str, tuple[Division, ...]]:
    """Divisions whose own name opens with a level word (市南区, 市中区, 镇海区, 乡宁县), by name."""
    out: dict[str, list[Division]] = {}
    for d in divisions().by_code.values():
        if d.name.startswith(LEVEL_WORDS) and d.name not in LEVEL_WORDS:
            out.setdefault(d.name, []).append(d)
    return {k: tuple(v) for k, v in out.items()}


def _opening_division(name: str) -> tuple[Division, ...]:
    """The divisions whose name, opening with a level word, opens ``name`` (市南区司法局 → 市南区
    of 青岛市): there the level word is no level word of the report's place."""
    return next((ds for n, ds in _level_led().items() if name.startswith(n)), ())


@dataclass
class Jurisdiction:
    """The divisions a report names, and the one it is about."""

    place: Division | None
    named: set[str] = field(default_factory=set)  # codes of divisions named in the text
    prefixes: dict[str, str] = field(default_factory=dict)  # level word → prefix (抚顺)
    town: str | None = None
    # every level of the report's place, named in the text or not: for the facts file's names
    full_prefixes: dict[str, Division] = field(default_factory=dict)

    def expand(self, name: str) -> str:
        """Add the jurisdiction prefix to a name that starts with a level word; spell out a
        banner's abbreviation (土左旗司法局 → 土默特左旗司法局)."""
        for word, prefix in self.prefixes.items():
            abbr = banner_abbreviation(prefix + word)
            if abbr and name.startswith(abbr):
                return prefix + word + name[len(abbr) :]
        opening = _opening_division(name)
        if opening:  # 市南区律师协会: a district's name, not a level word: as written
            return name
        for word in LEVEL_WORDS:
            if name.startswith(word):
                prefix = self.prefixes.get(word)
                if prefix is not None:
                    return prefix + name
                return name
        return name

    def unabbreviate(self, name: str) -> str:
        """The name with an autonomous division of the report's place spelled out: 察布查尔县司法局,
        察县司法局 → 察布查尔锡伯自治县司法局 (the key that joins them to 县司法局; the norm of a name
        written only so stays as written)."""
        for d in self.full_prefixes.values():
            for abbr in autonomy_abbreviations(d):
                if name.startswith(abbr) and len(name) > len(abbr):
                    return d.name + name[len(abbr) :]
        return name

    def facts_name(self, name: str) -> tuple[str, Division | None]:
        """The full name for the facts file and the division it belongs to.

        Level words take the report place's own divisions, named in the text or not (省委 in a
        Fushun report → 辽宁省委); short standard forms are spelled out (市人大 → 市人大常委会,
        抚顺中院 → 抚顺市中级人民法院, 市检察院 → 市人民检察院).
        """
        division = None
        opening = _opening_division(name)
        above = [p for d in opening if (p := divisions().parent(d)) in self.full_prefixes.values()]
        if len(above) == 1:  # 市南区司法局 in a 青岛市 report: 青岛市市南区司法局
            name = above[0].name + name
        for word in () if opening else LEVEL_WORDS:
            if name.startswith(word):
                d = self.full_prefixes.get(word)
                if d is not None:
                    division = d
                    name = d.name[: -len(word)] + name
                break
        else:
            for d in self.full_prefixes.values():
                if name.startswith(d.name):
                    division = d
                    break
        name = re.sub(r"人大$", "人大常委会", name)
        name = re.sub(r"人民政府$", "政府", name)
        m = re.match(r"^(.{2,4}?)中院$", name)
        if m:
            name = m.group(1) + "市中级人民法院"
        m = re.match(r"^(.{2,8}市)(?:中级)?法院$", name)
        if m and (division is None or division.level == "prefecture"):
            name = m.group(1) + "中级人民法院"
        name = re.sub(r"(?<![民级])法院$", "人民法院", name)
        name = re.sub(r"(?<!人民)检察院$", "人民检察院", name)
        return name, division

    def resolve_division(self, raw: RawDivision) -> Division | None:
        if len(raw.candidates) == 1:
            return raw.candidates[0]
        return _disambiguate(raw.candidates, self.named, self.place)


def _disambiguate(
    candidates: tuple[Division, ...], named: set[str], place: Division | None
) -> Division | None:
    g = divisions()
    best = []
    for d in candidates:
        chain = []
        p = g.parent(d)
        while p is not None:
            chain.append(p.code)
            p = g.parent(p)
        if (
            any(c in named for c in chain)
            or (place is not None and place.code in chain)
            or (place is not None and (d.code == place.code or d.parent_code == place.parent_code))
        ):
            best.append(d)
    return best[0] if len(best) == 1 else None


def infer_place(text: str, raws: list[RawDivision]) -> Division | None:
    """The division a report is about: the most named one, at the level its wording implies."""
    counts: Counter[str] = Counter()
    by_code: dict[str, Division] = {}
    unique = [r for r in raws if len(r.candidates) == 1]
    named = {r.candidates[0].code for r in unique}
    for r in raws:
        d = r.candidates[0] if len(r.candidates) == 1 else _disambiguate(r.candidates, named, None)
        if d is None:
            continue
        counts[d.code] += 1
        by_code[d.code] = d
    if not counts:
        return None
    hints = {level: len(rx.findall(text)) for level, rx in _LEVEL_HINTS.items()}
    order = sorted(hints, key=lambda lv: -hints[lv])
    for level in order:
        if hints[level] == 0:
            break
        fitting = [c for c in counts if _fits(by_code[c], level)]
        if fitting:
            return by_code[max(fitting, key=lambda c: (counts[c], c))]
    return by_code[max(counts, key=lambda c: (counts[c], c))]


def _fits(d: Division, hint: str) -> bool:
    if hint == "prefecture":
        return d.level == "prefecture" or (d.level == "county" and d.name.endswith("市"))
    if hint == "county":
        return d.level == "county" and not d.name.endswith("市")
    return d.level == hint


def build(
    place: Division | None, named_codes: set[str], text: str, towns: set[str] | None = None
) -> Jurisdiction:
    """The prefixes for level words, from the report's place and the divisions the text names."""
    j = Jurisdiction(place=place, named=named_codes)
    if place is None:
        return j
    g = divisions()
    chain = [place]
    p = g.parent(place)
    while p is not None:
        chain.append(p)
        p = g.parent(p)
    for d in chain:
        for word in LEVEL_WORDS:
            if d.name.endswith(word) and len(d.name) > len(word):
                if word == "市" and d.level == "county" and place.code != d.code:
                    continue
                j.full_prefixes.setdefault(word, d)
                break
        if d.code not in named_codes:
            continue
        for word in LEVEL_WORDS:
            if d.name.endswith(word) and len(d.name) > len(word):
                if word == "市" and d.level == "county" and place.code != d.code:
                    continue
                j.prefixes.setdefault(word, d.name[: -len(word)])
                break
    counts = sorted(((text.count(t), t) for t in towns or ()), reverse=True)
    if counts and (len(counts) == 1 or counts[0][0] > max(1, counts[1][0])):
        town = counts[0][1]
        j.town = town
        for word in ("街道", "镇", "乡"):
            if town.endswith(word):
                j.prefixes.setdefault(word, town[: -len(word)])
    return j
