"""Numerals as written in reports: 268, 6.5万, 1,788, 千, 一百五十, 两千三百, 三十余万."""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}

CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def chinese_to_int(s: str) -> int | None:
    """The value of a Chinese numeral below 10,000 (一百五十 → 150, 十二 → 12, 千 → 1000).

    >>> chinese_to_int("一百五十")
    150
    >>> chinese_to_int("两千三百")
    2300
    """
    if not s:
        return None
    total = 0
    digit: int | None = None
    for ch in s:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                return None  # 一二 is not a numeral of this kind
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (digit if digit is not None else 1) * _UNITS[ch]
            digit = None
        else:
            return None
    if digit:
        total += digit
    return total


def number_value(digits: str, multiplier: str = "") -> float | None:
    """The value of a numeral (Arabic or Chinese) times an optional 万/亿/千 multiplier.

    >>> number_value("6.5", "万")
    65000.0
    >>> number_value("", "千")
    1000.0
    """
    digits = digits.replace(",", "").replace("，", "")
    if not digits:
        base: float | None = 1.0
    elif digits[0].isdigit():
        try:
            base = float(digits)
        except ValueError:
            return None
    else:
        v = chinese_to_int(digits)
        base = float(v) if v is not None else None
    if base is None:
        return None
    factor = 1
    for ch in multiplier:
        factor *= _BIG.get(ch) or _UNITS.get(ch, 1)
    return base * factor
