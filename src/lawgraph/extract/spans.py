"""Candidate spans and the longest-span-wins rule that turns them into mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Lower wins when two candidates have the same span.
PRIORITY = {
    "Block": 0,
    "Law": 1,
    "Official": 2,
    "Campaign": 3,
    "Event": 4,
    "Agency": 5,
    "Place": 6,
    "Date": 7,
    "Quantity": 8,
}


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    data: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def resolve(candidates: list[Candidate], size: int) -> list[Candidate]:
    """Keep the longest candidates that do not overlap (ties: by type priority, then position)."""
    taken = bytearray(size + 1)
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-c.length, PRIORITY[c.type], c.start)):
        if c.start >= c.end or any(taken[c.start : c.end]):
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept


def mark(blocked: bytearray, start: int, end: int) -> None:
    blocked[start:end] = b"\x01" * (end - start)
