"""The extractor on mangled reports: whatever the text, it extracts without failing.

Reports of every annotated set are cut, spliced, and sprinkled with brackets, quotes, digits and
line breaks (a seeded random, so every run tries the same texts). Each defect found so far — a
name made into an unescaped regular expression, a head word looked up past the end of the text
— stopped the extraction of a whole report; this finds their kind in seconds.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from lawgraph.extract import extract

DATA = Path(__file__).resolve().parent / "data"
ROOT = DATA.parents[1]
TEXTS = [
    p.read_text(encoding="utf-8")
    for p in [
        *sorted(DATA.glob("*/*.txt")),
        ROOT / "data" / "reports" / "fushun-2020-rule-of-law.txt",
    ]
]
SPRINKLE = list('()[]{}*+?.^$|\\“”"《》（）【】、，。；：\n 　·-—0123456789年月日第个届次')


def mangled(rng: random.Random) -> str:
    """One report, mangled one of seven ways."""
    text = rng.choice(TEXTS)
    way = rng.randrange(7)
    if way == 0:  # a piece, cut anywhere
        start = rng.randrange(len(text))
        return text[start : start + rng.randrange(1, 400)]
    if way == 6:  # cut before the punctuation that ends a clause: the text ends on a word
        ends = [i for i, c in enumerate(text) if c in "，。；：、\n"]
        return text[: rng.choice(ends)] if ends else text
    if way == 1:  # the head of one report, the tail of another
        other = rng.choice(TEXTS)
        return text[: rng.randrange(len(text))] + other[rng.randrange(len(other)) :]
    chars = list(text)
    if way == 2:  # characters that mean something to patterns and to the genre
        for _ in range(rng.randrange(1, 30)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(SPRINKLE))
    elif way == 3:  # short runs deleted
        for _ in range(rng.randrange(1, 20)):
            at = rng.randrange(len(chars) - 5)
            del chars[at : at + rng.randrange(1, 5)]
    elif way == 4:  # digits replaced by digits and brackets
        chars = [
            rng.choice("0123456789(（") if c.isdigit() and rng.random() < 0.3 else c for c in chars
        ]
    else:  # quotes replaced by brackets, other quotes or nothing
        opening, closing = rng.choice([("(", ")"), ("（", "）"), ("[", "]"), ('"', '"'), ("", "")])
        chars = [opening if c == "“" else closing if c == "”" else c for c in chars]
    return "".join(chars)


@pytest.mark.parametrize("seed", range(4))
def test_mangled_reports_are_extracted_without_failing(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        text = mangled(rng)
        extraction = extract(text, doc_id="mangled")
        for entity in extraction.entities:
            for m in entity.mentions:
                assert text[m.start : m.end] == m.surface, (entity.type, m)
