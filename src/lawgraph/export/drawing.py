"""Pictures of an entity graph (PNG or SVG) with readable Chinese labels and a legend by type.

Layout: a graph whose edges all join different entity types across at most four types (campaign →
law, official → event, agency → agency kinds …) is drawn in columns, one per type, ordered to
cross few edges, with labels beside the nodes; any other graph by a force layout whose labels are
then pushed apart until none overlaps. Nodes are coloured by type (see :mod:`style`), edges by
relation, and two legends name both.

Needs matplotlib and a CJK font: WenQuanYi Micro Hei (Debian ``fonts-wqy-microhei``) or
another that fontconfig or matplotlib can find; without one, :class:`DrawingError` says what to
install rather than drawing empty boxes.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from collections import Counter, defaultdict
from functools import cache
from typing import Any

import networkx as nx

from lawgraph.errors import LawgraphError
from lawgraph.export import style
from lawgraph.export.values import edges

MAX_NODES = 2000
"""The most nodes a drawing shows; beyond that, export GEXF and draw it in Gephi."""
MAX_COLUMN = 60
"""The most nodes in one column of a column layout (taller ones are laid out by springs)."""
MAX_LABELS = 150
"""The most node labels drawn (the best-connected nodes are labelled first)."""
CJK_FONTS = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)
_PROBE = "法治宣传"
_RELATION_COLORS = (
    "#555555",
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
)
_FONT_SIZE = 10.0
_DPI = 120


class DrawingError(LawgraphError):
    """A picture cannot be drawn here (no matplotlib, no CJK font) or is too large to read."""


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise DrawingError(
            "drawing needs matplotlib: install it (pip install matplotlib) or choose another "
            "format (graphml, gexf …)"
        ) from None
    return matplotlib


def _covers(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(c)) for c in _PROBE)


@cache
def cjk_font() -> str:
    """The file of a font that has Chinese glyphs (matplotlib's font list, then fontconfig).

    :raises DrawingError: none is installed.
    """
    _matplotlib()
    from matplotlib import font_manager

    for family in CJK_FONTS:
        try:
            path = font_manager.findfont(
                font_manager.FontProperties(family=family), fallback_to_default=False
            )
        except ValueError:
            continue
        if _covers(path):
            return str(path)
    fc_match = shutil.which("fc-match")
    if fc_match:
        for pattern in (*CJK_FONTS, ":lang=zh-cn"):
            try:
                found = subprocess.run(
                    [fc_match, "-f", "%{file}", pattern],
                    capture_output=True,
                    text=True,
                    timeout=10,
                    check=False,
                ).stdout.strip()
            except (OSError, subprocess.SubprocessError):
                break
            if found and _covers(found):
                return found
    raise DrawingError(
        "no font with Chinese characters found for drawing: install one (Debian: "
        "apt-get install fonts-wqy-microhei) or choose another format (graphml, gexf, svg from dot …)"
    )


def _text_width(label: str, size: float) -> float:
    """Approximate width of a label in points (CJK characters are one em wide)."""
    return sum(size if ord(c) > 0x2E80 else 0.6 * size for c in label)


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


# --- layouts -------------------------------------------------------------------------------------


def _columns(graph: nx.MultiDiGraph) -> list[list[str]] | None:
    """Nodes in columns by type, if every edge joins two types and there are 2–4 of them."""
    types = {n: str(d.get("type", "")) for n, d in graph.nodes(data=True)}
    kinds = sorted(set(types.values()))
    if not 2 <= len(kinds) <= 4 or graph.number_of_edges() == 0:
        return None
    if max(Counter(types.values()).values()) > MAX_COLUMN:
        return None
    if any(types[u] == types[w] for u, w in graph.edges()):
        return None
    flow: Counter[str] = Counter()
    for u, w in graph.edges():
        flow[types[u]] += 1
        flow[types[w]] -= 1
    order = sorted(kinds, key=lambda k: (-flow[k], k))
    columns = [
        sorted((n for n in graph if types[n] == k), key=lambda n: _label(graph, n)) for k in order
    ]
    simple = nx.Graph(graph.to_undirected(as_view=True))
    for _ in range(6):  # barycentre sweeps, both ways
        for i in (*range(1, len(columns)), *range(len(columns) - 2, -1, -1)):
            rank = {n: j for col in columns for j, n in enumerate(col)}
            own = set(columns[i])
            centre = {}
            for n in columns[i]:
                near = [rank[m] for m in simple[n] if m not in own]
                centre[n] = sum(near) / len(near) if near else rank[n]
            columns[i].sort(key=lambda n: (centre[n], _label(graph, n)))
    return columns


def _column_layout(
    graph: nx.MultiDiGraph, columns: list[list[str]], labels: dict[str, str]
) -> tuple[dict[str, tuple[float, float]], tuple[float, float], dict[str, str]]:
    """Positions in inches, the figure size, and where each label goes (left / right)."""
    row = _FONT_SIZE * 2.4 / 72
    widths = [
        max((_text_width(labels.get(n, ""), _FONT_SIZE) for n in col), default=0.0) / 72
        for col in columns
    ]
    gap = 2.6
    height = max(len(c) for c in columns) * row
    pos: dict[str, tuple[float, float]] = {}
    sides: dict[str, str] = {}
    x = widths[0] + 0.3
    for i, col in enumerate(columns):
        offset = (height - len(col) * row) / 2
        for j, n in enumerate(col):
            pos[n] = (x, height - offset - (j + 0.5) * row)
            sides[n] = "left" if i == 0 else "right"
        if i + 1 < len(columns):
            x += gap + (widths[i] if i > 0 else 0.0)
    width = x + widths[-1] + 0.3
    return pos, (width, height), sides


def _force_layout(
    graph: nx.MultiDiGraph, labels: dict[str, str]
) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """Positions in inches and the drawing's size: each connected component laid out by
    springs, scaled so that edges are about as long as labels are wide, its labels pushed apart
    until none overlaps; then the components packed in rows, largest first."""
    simple = nx.Graph(graph.to_undirected(as_view=True))
    height = _FONT_SIZE * 1.7 / 72
    boxes = {
        n: (
            (_text_width(labels[n], _FONT_SIZE) / 72 + 0.16, height)
            if n in labels
            else (0.12, 0.12)
        )
        for n in simple
    }
    parts = []
    for component in sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c))):
        parts.append(_component_layout(simple.subgraph(component), boxes))
    total = sum(w * h for _, (w, h) in parts)
    row_limit = max(6.0, math.sqrt(total) * 1.4, max(w for _, (w, _) in parts))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = width = 0.0
    for layout, (w, h) in parts:
        if x > 0 and x + w > row_limit:
            x, y, row_height = 0.0, y + row_height + 0.3, 0.0
        for n, (px, py) in layout.items():
            pos[n] = (x + px, y + py)
        x += w + 0.3
        row_height = max(row_height, h)
        width = max(width, x - 0.3)
    height_total = y + row_height
    margin = 0.25
    pos = {n: (px + margin, height_total - py + margin) for n, (px, py) in pos.items()}
    return pos, (width + 2 * margin, height_total + 2 * margin)


def _component_layout(
    component: nx.Graph, boxes: dict[str, tuple[float, float]]
) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """One connected component: positions from its top-left corner, and its size (inches)."""
    import numpy as np

    nodes = sorted(component)
    n = len(nodes)
    if n == 1:
        raw = np.zeros((1, 2))
    else:
        layout = nx.spring_layout(component, seed=7, iterations=200, method="force")
        raw = np.array([layout[v] for v in nodes], dtype=float)
        index = {v: i for i, v in enumerate(nodes)}
        lengths = [float(np.hypot(*(raw[index[u]] - raw[index[w]]))) for u, w in component.edges()]
        typical = sorted(lengths)[len(lengths) // 2] or 1.0
        wide = float(np.mean([boxes[v][0] for v in nodes]))
        raw *= max(1.2, 0.9 * wide) / typical
    size = np.array([boxes[v] for v in nodes], dtype=float)
    _separate(raw, size)
    low = (raw - size / 2).min(axis=0)
    high = (raw + size / 2).max(axis=0)
    placed = {
        v: (float(raw[i, 0] - low[0]), float(raw[i, 1] - low[1])) for i, v in enumerate(nodes)
    }
    return placed, (float(high[0] - low[0]), float(high[1] - low[1]))


def _separate(pos: Any, size: Any) -> None:
    """Push apart boxes (centres ``pos``, sizes ``size``, both n×2 arrays, changed in place)
    until none overlaps: each overlapping pair moves along the axis where it overlaps least, and
    a crowd that will not settle is spread out a little and tried again."""
    import numpy as np

    if len(pos) < 2:
        return
    upper = np.triu(np.ones((len(pos), len(pos)), dtype=bool), 1)
    for _ in range(30):
        for _ in range(150):
            delta = pos[None, :, :] - pos[:, None, :]
            overlap = (size[:, None, :] + size[None, :, :]) / 2 - np.abs(delta)
            hit = upper & (overlap[:, :, 0] > 0) & (overlap[:, :, 1] > 0)
            if not hit.any():
                return
            i, j = np.nonzero(hit)
            axis = (overlap[i, j, 1] < overlap[i, j, 0]).astype(int)  # 1: push vertically
            amount = overlap[i, j, axis] / 2 + 0.02
            along = delta[i, j, axis]
            sign = np.where(along > 0, 1.0, -1.0)
            sign[along == 0] = np.where((i + j) % 2 == 0, 1.0, -1.0)[along == 0]
            move = np.zeros_like(pos)
            np.add.at(move, (i, axis), -sign * amount)
            np.add.at(move, (j, axis), sign * amount)
            pos += move * 0.8
        centre = pos.mean(axis=0)
        pos[:] = centre + (pos - centre) * 1.15


def _relation_name(data: dict[str, Any], key: str) -> str:
    """A relation for the legend: both labels when it has zh and en."""
    zh, en = str(data.get("label_zh", "")), str(data.get("label_en", ""))
    if zh and en and zh != en:
        return f"{zh} {en}"
    return str(data.get("label") or data.get("relation") or key)


def _tint(colour: str, keep: float = 0.22) -> tuple[float, float, float]:
    """A light tint of a colour (``keep`` of it, the rest white)."""
    code = colour.lstrip("#")
    rgb = [int(code[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return (1 - keep + keep * rgb[0], 1 - keep + keep * rgb[1], 1 - keep + keep * rgb[2])


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label", node))


# --- drawing ---------------------------------------------------------------------------------------


def draw(
    graph: nx.MultiDiGraph, *, fmt: str = "png", lang: str = "zh", title: str | None = None
) -> bytes:
    """The graph drawn as PNG or SVG bytes.

    :raises DrawingError: matplotlib or a CJK font is missing, or the graph is too large.
    """
    if fmt not in ("png", "svg"):
        raise ValueError(f"fmt must be png or svg, not {fmt!r}")
    n = graph.number_of_nodes()
    if n > MAX_NODES:
        raise DrawingError(
            f"{n} nodes are too many to draw legibly (at most {MAX_NODES}): narrow the scope "
            "(report:…, construct:…, query:…) or export gexf and lay it out in Gephi"
        )
    _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.lines import Line2D

    font = FontProperties(fname=cjk_font(), size=_FONT_SIZE)
    small = FontProperties(fname=cjk_font(), size=_FONT_SIZE - 1)
    big = FontProperties(fname=cjk_font(), size=_FONT_SIZE + 3)
    degree = dict(graph.degree())
    labelled = set(sorted(graph, key=lambda v: (-degree[v], v))[:MAX_LABELS])
    labels = {v: _short(_label(graph, v)) for v in labelled}

    columns = _columns(graph) if n else None
    if columns is not None:
        pos, (width, height), sides = _column_layout(graph, columns, labels)
    elif n:
        pos, (width, height) = _force_layout(graph, labels)
        sides = {}
    else:
        pos, (width, height), sides = {}, (4.0, 2.0), {}

    relations = Counter(str(d.get("label") or d.get("relation") or k) for *_, k, d in edges(graph))
    names = {
        str(d.get("label") or d.get("relation") or k): _relation_name(d, k)
        for *_, k, d in edges(graph)
    }
    relation_color = {
        r: _RELATION_COLORS[i % len(_RELATION_COLORS)]
        for i, (r, _) in enumerate(relations.most_common())
    }
    types = Counter(str(d.get("type", "")) for _, d in graph.nodes(data=True))

    legend_rows = len(types) + len(relations)
    margin_top = 0.7 if title or graph.graph.get("name") else 0.3
    legend_w = 2.6
    fig_w = max(width + legend_w, 6.0)
    fig_h = max(height + margin_top, 0.32 * legend_rows + 1.2, 3.0)
    dpi = min(_DPI, 16000 / max(fig_w, fig_h))  # keep within what image viewers open
    fig = Figure(figsize=(fig_w, fig_h), dpi=dpi)
    canvas = FigureCanvasAgg(fig) if fmt == "png" else FigureCanvasSVG(fig)
    ax = fig.add_axes((0.0, 0.0, width / fig_w, height / fig_h))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()

    pairs: dict[tuple[str, str, str], float] = defaultdict(float)
    for u, w, k, d in edges(graph):
        weight = d.get("weight", 1)
        weight = weight if isinstance(weight, int | float) and weight > 0 else 1
        pairs[(u, w, str(d.get("label") or d.get("relation") or k))] += weight
    segments = [(pos[u], pos[w]) for u, w, _ in pairs]
    colours = [relation_color[r] for *_, r in pairs]
    widths = [0.8 + 0.6 * math.log2(max(c, 1)) for c in pairs.values()]
    arrows = columns is None and not graph.graph.get("pairs") and len(pairs) <= 600
    if arrows:
        for (u, w, r), count in pairs.items():
            ax.annotate(
                "",
                xy=pos[w],
                xytext=pos[u],
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": relation_color[r],
                    "lw": 0.8 + 0.6 * math.log2(max(count, 1)),
                    "alpha": 0.6,
                    "shrinkA": 5,
                    "shrinkB": 5,
                    "mutation_scale": 8,
                },
            )
    else:
        ax.add_collection(LineCollection(segments, colors=colours, linewidths=widths, alpha=0.55))

    for kind in types:
        members = [v for v in graph if str(graph.nodes[v].get("type", "")) == kind]
        ax.scatter(
            [pos[v][0] for v in members],
            [pos[v][1] for v in members],
            s=[40 + 14 * min(degree[v], 20) for v in members],
            c=style.color(kind),
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
        )
    for v, text in labels.items():
        x, y = pos[v]
        side = sides.get(v)
        if side == "left":
            ax.text(x - 0.14, y, text, fontproperties=font, ha="right", va="center", zorder=4)
        elif side == "right":
            ax.text(x + 0.14, y, text, fontproperties=font, ha="left", va="center", zorder=4)
        else:
            kind = str(graph.nodes[v].get("type", ""))
            ax.text(
                x,
                y,
                text,
                fontproperties=font,
                ha="center",
                va="center",
                zorder=4,
                bbox={
                    "boxstyle": "round,pad=0.2",
                    "fc": _tint(style.color(kind)),
                    "ec": style.color(kind),
                    "lw": 0.8,
                    "alpha": 0.9,
                },
            )

    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=style.color(k),
               label=f"{style.type_label(k, lang)} {k} ({c})")
        for k, c in sorted(types.items(), key=lambda kc: (-kc[1], kc[0]))
    ]  # fmt: skip
    handles += [
        Line2D([], [], color=relation_color[r], linewidth=2, label=f"{names[r]} ({c})")
        for r, c in relations.most_common(12)
    ]
    if handles:
        fig.legend(
            handles=handles,
            loc="upper right",
            prop=small,
            frameon=False,
            title="图例 Legend",
            title_fontproperties=font,
        )
    heading = title or str(graph.graph.get("title") or graph.graph.get("name", ""))
    if heading:
        note = f"  ({len(labelled)}/{n} labelled)" if len(labelled) < n else ""
        fig.text(0.01, 1 - 0.3 / fig_h, heading + note, fontproperties=big, va="center")
    out = io.BytesIO()
    canvas.print_figure(out, format=fmt, dpi=dpi, facecolor="white")
    return out.getvalue()
