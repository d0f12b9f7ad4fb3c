"""How entity types look: one colour per type, shared by the GEXF colours and the drawings."""

from __future__ import annotations

from lawgraph.export import vocabulary as v

TYPE_COLORS: dict[str, str] = {
    "Official": "#d62728",
    "Agency": "#1f77b4",
    "Law": "#2ca02c",
    "Document": "#98df8a",
    "Campaign": "#ff7f0e",
    "Event": "#9467bd",
    "Meeting": "#c5b0d5",
    "Place": "#8c564b",
    "Division": "#c49c94",
    "Report": "#7f7f7f",
    "Tenure": "#e377c2",
    "Participation": "#f7b6d2",
    "Promotion": "#bcbd22",
    "Measure": "#17becf",
}
OTHER_COLOR = "#aec7e8"


def color(kind: str) -> str:
    """The colour of an entity type (``#rrggbb``)."""
    return TYPE_COLORS.get(kind, OTHER_COLOR)


def rgb(kind: str) -> tuple[int, int, int]:
    """The colour of an entity type as 0–255 red, green, blue.

    >>> rgb("Law")
    (44, 160, 44)
    """
    code = color(kind).lstrip("#")
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)


def type_label(kind: str, lang: str = "zh") -> str:
    """The ontology's name of an entity type in ``lang`` (``Law`` → 法律法规)."""
    labels = v.labels(v.lg(kind))
    return labels.zh if lang == "zh" else labels.en
