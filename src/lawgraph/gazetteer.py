"""Gazetteers: PRC law titles and administrative divisions, bundled under ``data/gazetteers/``.

Sources (kept in ``data/gazetteers/README.md``): law titles from LawRefBook/Laws@2f4c5c237162,
divisions from modood/Administrative-divisions-of-China@57a0aa9cef47 (2023 codes).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lawgraph.resources import data_dir

_PRC = "中华人民共和国"


@dataclass(frozen=True)
class Law:
    """One statute of the gazetteer."""

    title: str
    short_title: str
    category: str
    year: int | None
    status: str


@dataclass(frozen=True)
class Division:
    """One administrative division (province, prefecture or county)."""

    code: str
    name: str
    level: str
    parent_code: str
    short_name: str
    full_name: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


class LawGazetteer:
    """Resolves a law's surface form (full title, short title, with or without 中华人民共和国)."""

    def __init__(self, laws: list[Law]) -> None:
        self.by_title = {law.title: law for law in laws}
        self._forms: dict[str, Law] = {law.title: law for law in laws}
        # Short forms after full titles, current laws before repealed ones, so a short form
        # never shadows a full title and names the law in force.
        for law in sorted(laws, key=lambda law: law.status != "current"):
            for form in (law.short_title, law.title.removeprefix(_PRC)):
                if form:
                    self._forms.setdefault(form, law)

    def resolve(self, surface: str) -> Law | None:
        """The law a surface form names, or None.

        >>> laws().resolve("宪法").title
        '中华人民共和国宪法'
        >>> laws().resolve("《中华人民共和国反间谍法》").title
        '中华人民共和国反间谍法'
        """
        form = surface.strip().strip("《》")
        return self._forms.get(form)

    def forms(self) -> dict[str, Law]:
        """Every surface form the gazetteer knows, mapped to its law."""
        return dict(self._forms)


NATION = Division(
    code="100000",
    name="中华人民共和国",
    level="country",
    parent_code="",
    short_name="全国",
    full_name="中华人民共和国",
)
"""The country itself, the jurisdiction of central bodies (中央…, 国务院…) and national events.
Not in the statistical source; 100000 is its code in GB/T 2260."""


class DivisionGazetteer:
    """Resolves a division's name, full name or code (全国 and 中央 name the nation)."""

    def __init__(self, divisions: list[Division]) -> None:
        self.by_code = {d.code: d for d in divisions}
        self._names: dict[str, list[Division]] = {}
        for d in divisions:
            for form in {d.name, d.full_name}:
                self._names.setdefault(form, []).append(d)
        for form in ("全国", "中央"):
            self._names[form] = [NATION]

    def resolve(self, name_or_code: str) -> Division | None:
        """The division with this code, name or full name, if exactly one has it.

        >>> divisions().resolve("抚顺市").code
        '210400'
        >>> divisions().resolve("210400").name
        '抚顺市'
        """
        key = name_or_code.strip()
        if key in self.by_code:
            return self.by_code[key]
        found = self._names.get(key, [])
        return found[0] if len(found) == 1 else None

    def candidates(self, name: str) -> list[Division]:
        """Every division with this name or full name (more than one when it is ambiguous)."""
        return list(self._names.get(name.strip(), []))

    def parent(self, division: Division) -> Division | None:
        """The division above (the nation for a province; None for the nation)."""
        if division.level == "province":
            return NATION
        return self.by_code.get(division.parent_code)


@cache
def laws() -> LawGazetteer:
    """The bundled law gazetteer (loaded once)."""
    rows = _rows(data_dir() / "gazetteers" / "prc-laws.tsv")
    return LawGazetteer(
        [
            Law(
                title=r["title"],
                short_title=r["short_title"],
                category=r["category"],
                year=int(r["year"]) if r["year"].isdigit() else None,
                status=r["status"],
            )
            for r in rows
        ]
    )


@cache
def divisions() -> DivisionGazetteer:
    """The bundled division gazetteer (loaded once)."""
    rows = _rows(data_dir() / "gazetteers" / "admin-divisions.tsv")
    return DivisionGazetteer(
        [NATION]
        + [
            Division(
                code=r["code"],
                name=r["name"],
                level=r["level"],
                parent_code=r["parent_code"],
                short_name=r["short_name"],
                full_name=r["full_name"],
            )
            for r in rows
        ]
    )
