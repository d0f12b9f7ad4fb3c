"""Pictures: Chinese labels drawn with a CJK font, laid out so that they do not overlap."""

from __future__ import annotations

import io
import itertools

import networkx as nx
import pytest
from seed import seed_store

from lawgraph.export import export, select

pytest.importorskip("matplotlib")

from lawgraph.export import drawing

CAMPAIGN_LAWS = (
    "construct:CONSTRUCT { ?c lg:promotesLaw ?l } WHERE { ?c a lg:Campaign ; lg:promotesLaw ?l }"
)


def overlaps(boxes: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    """Pairs of (x, y, width, height) boxes, centred on (x, y), that overlap."""
    return [
        (i, j)
        for i, (x1, y1, w1, h1) in enumerate(boxes)
        for j, (x2, y2, w2, h2) in enumerate(boxes)
        if i < j and abs(x1 - x2) < (w1 + w2) / 2 - 1e-6 and abs(y1 - y2) < (h1 + h2) / 2 - 1e-6
    ]


def test_a_cjk_font_is_found() -> None:
    from matplotlib.ft2font import FT2Font

    font = FT2Font(drawing.cjk_font())
    assert all(font.get_char_index(ord(c)) for c in "中华人民共和国宪法戴小梅")


def test_the_campaign_law_network_as_png() -> None:
    from PIL import Image

    result = export(seed_store(), CAMPAIGN_LAWS, "png")
    assert result.media_type == "image/png" and result.filename == "lawgraph-construct.png"
    image = Image.open(io.BytesIO(b"".join(result.chunks))).convert("L")
    width, height = image.size
    assert width >= 800 and height >= 400
    histogram = image.histogram()
    dark = sum(histogram[:100]) / (width * height)
    assert 0.002 < dark < 0.2  # text and lines drawn, not an empty or a black page


def test_columns_keep_labels_apart() -> None:
    graph = select(seed_store(), CAMPAIGN_LAWS).entity_graph()
    columns = drawing._columns(graph)
    assert columns is not None and [len(c) for c in columns] == [5, 11]
    assert {graph.nodes[n]["type"] for n in columns[0]} == {"Campaign"}
    labels = {n: str(d["label"]) for n, d in graph.nodes(data=True)}
    pos, (width, height), sides = drawing._column_layout(graph, columns, labels)
    row = drawing._FONT_SIZE * 1.2 / 72  # a line of text, in inches
    for column in columns:
        ys = sorted(pos[n][1] for n in column)
        assert all(b - a >= row for a, b in itertools.pairwise(ys))
    assert all(0 <= x <= width and 0 <= y <= height for x, y in pos.values())
    assert {sides[n] for n in columns[0]} == {"left"} and {sides[n] for n in columns[1]} == {
        "right"
    }


@pytest.mark.parametrize("nary", ["collapse", "keep"])
def test_the_force_layout_leaves_no_label_overlapping(nary: str) -> None:
    graph = select(seed_store(), "all").entity_graph(nary=nary)  # type: ignore[arg-type]
    labels = {n: drawing._short(str(d["label"])) for n, d in graph.nodes(data=True)}
    pos, _ = drawing._force_layout(graph, labels)
    size = drawing._FONT_SIZE
    boxes = [
        (x, y, drawing._text_width(labels[n], size) / 72 + 0.15, size * 1.6 / 72)
        for n, (x, y) in pos.items()
    ]
    assert overlaps(boxes) == []


def test_svg_draws_the_glyphs() -> None:
    svg = b"".join(export(seed_store(), "report:fushun-2020-rule-of-law", "svg").chunks)
    text = svg.decode("utf-8")
    assert "<svg" in text and "<path" in text


def test_no_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    drawing.cjk_font.cache_clear()
    monkeypatch.setattr(drawing, "_covers", lambda path: False)
    try:
        with pytest.raises(drawing.DrawingError, match="apt-get install fonts-wqy-microhei"):
            export(seed_store(), CAMPAIGN_LAWS, "png")
    finally:
        drawing.cjk_font.cache_clear()


def test_too_large_to_draw() -> None:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(range(drawing.MAX_NODES + 1), type="Law", label="法")
    with pytest.raises(drawing.DrawingError, match="too many to draw"):
        drawing.draw(graph)
