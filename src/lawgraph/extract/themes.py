"""Text that names nothing: themes and slogans (主题为“…”, 以“…”为主题), construction slogans
(法治抚顺, 平安辽宁) — their words are not mentions."""

from __future__ import annotations

import re

_QUOTED_THEME = re.compile(
    r"(?:主题(?:是|为|词)|口号(?:是|为))\s*[:：]?\s*(“[^“”\n]{1,80}”)"
    r"|(“[^“”\n]{1,80}”)\s*(?:[一二三四五六七八九十\d]+个)?\s*(?:这一|这个)?(?:为主题|为题|主题|的主题|为口号|口号)"
)
_UNQUOTED_THEME = re.compile(
    r"(?:主题(?:是|为)|以)\s*[:：]?\s*([^“”，。；\n]{2,40}?)\s*为(?:主题|题)"
)
SLOGAN_PREFIXES = ("法治", "平安", "美丽", "幸福", "健康", "数字", "智慧", "文明", "诚信", "魅力")
# Nouns a place's short name qualifies in a slogan (谱写…的宝鸡篇章, 讲好郑州故事)
SLOGAN_NOUNS = re.compile(r"篇章|故事|样板|经验|模式|答卷|名片|声音|方案|力量")


def find_themes(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _QUOTED_THEME.finditer(text):
        g = 1 if m.group(1) else 2
        out.append((m.start(g), m.end(g)))
    for m in _UNQUOTED_THEME.finditer(text):
        out.append((m.start(1), m.end(1)))
    return out
