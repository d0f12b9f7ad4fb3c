"""IRIs: minted here and nowhere else.

Every IRI is ASCII: ``https://w3id.org/lawgraph/id/{kind}/{slug}-{hash}``. The slug is the pinyin
of the name, for people reading IRIs; the hash (8 hex digits of SHA-1 over the identity key) keeps
homophones apart. The identity key is what makes two mentions the same entity:

- laws: the full gazetteer title (宪法 and 《中华人民共和国宪法》 are one law);
- agencies, officials, campaigns, places: the division code of their jurisdiction plus the name
  (two 王伟 in two cities are two people); campaigns add their year;
- events: division code, name and date;
- n-ary facts (posts, participations, promotions): the IRIs they connect;
- measures and evidence: the report and the character span that states them.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.seg.simpleseg import seg

BASE = "https://w3id.org/lawgraph/id/"
NS = "https://w3id.org/lawgraph/ns#"

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_PRC = "中华人民共和国"


@lru_cache(maxsize=1 << 16)
def pinyin(text: str) -> str:
    """Toneless pinyin, syllables run together; other characters kept if ASCII letters or digits.

    >>> pinyin("戴小梅")
    'daixiaomei'

    It is pypinyin's ``lazy_pinyin``, which cuts the text into words (:func:`seg`) and reads
    each word on its own; here each word's reading is remembered, since names share most of
    their words (市, 司法局, 人民政府…).
    """
    return "".join(_word_pinyin(word) for word in seg(text)).lower()


@lru_cache(maxsize=1 << 16)
def _word_pinyin(word: str) -> str:
    # a list is read word by word, as given: the same reading the word gets inside a text
    return "".join(lazy_pinyin([word], style=Style.NORMAL, errors=lambda s: list(s)))


def slug(text: str, limit: int = 40) -> str:
    """An ASCII slug of ``text`` (pinyin for Chinese), at most ``limit`` characters.

    >>> slug("抚顺市司法局")
    'fushunshisifaju'
    """
    return _NON_SLUG.sub("-", pinyin(text)).strip("-")[:limit].strip("-") or "x"


def digest(*parts: str) -> str:
    """8 hex digits of SHA-1 over the parts joined by a unit separator."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]


def _mint(kind: str, name: str, *key: str) -> str:
    return f"{BASE}{kind}/{slug(name)}-{digest(kind, *key)}"


def report(report_id: str) -> str:
    """A report, which is also the IRI of its named graph."""
    return f"{BASE}report/{report_id}"


def division(code: str) -> str:
    """An administrative division, by its 6-digit code."""
    return f"{BASE}place/{code}"


def place(division_code: str, name: str) -> str:
    """A place that is not a division (a venue, a community), within a division."""
    return _mint("place", name, division_code, name)


def law(title: str) -> str:
    """A statute, by its full title.

    >>> law("中华人民共和国宪法")
    'https://w3id.org/lawgraph/id/law/xianfa-...'
    """
    return _mint("law", title.removeprefix(_PRC) or title, title)


def document(division_code: str, title: str) -> str:
    return _mint("document", title, division_code, title)


def agency(division_code: str, name: str) -> str:
    return _mint("agency", name, division_code, name)


def official(division_code: str, name: str) -> str:
    return _mint("official", name, division_code, name)


def campaign(division_code: str, name: str, year: str | None) -> str:
    label = f"{name} {year}" if year else name
    return _mint("campaign", label, division_code, name, year or "")


def event(division_code: str, name: str, date: str | None) -> str:
    return _mint("event", name, division_code, name, date or "")


def relation(kind: str, *iris: str) -> str:
    """An n-ary fact (tenure, participation, promotion) identified by what it connects."""
    return f"{BASE}{kind}/{digest(kind, *iris)}"


def measure(report_id: str, start: int, end: int) -> str:
    return f"{BASE}report/{report_id}/measure/{start}-{end}"


def evidence(report_id: str, start: int, end: int) -> str:
    return f"{BASE}report/{report_id}/evidence/{start}-{end}"
