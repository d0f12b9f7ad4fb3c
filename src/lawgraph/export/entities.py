"""RDF → networkx: a ``MultiDiGraph`` of entities, not of triples.

:class:`EntityGraphBuilder` reads triples (or quads: graph names are ignored, repeats across
report graphs are merged) in one pass and builds:

- a node per entity (official, agency, law, document, event, meeting, campaign, place, division,
  report), keyed by its IRI, whose literals become attributes: ``type``, ``label`` (in the chosen
  language, falling back to the other), ``label_zh``, ``label_en``, ``pinyin``, ``aliases``, dates
  and every other literal under its predicate's local name; ``start`` / ``end`` (full xsd:dates)
  place it on a timeline; ``evidence_count`` counts the report passages that state it;
- an edge per object property between two entities, keyed by ``relation`` (the property's local
  name) and labelled with the property's zh / en labels from the ontology;
- n-ary facts either kept as nodes (``nary="keep"``) or collapsed (``nary="collapse"``, the
  default): a tenure becomes official —tenure→ agency (with its ``title``), a participation
  participant —chaired / attended / spoke / organised…→ event (with the event's date as
  ``start``), a promotion promoter —promotes law→ law, each with the fact's IRI (``fact``), its
  ``evidence_count`` and the first ``quote``; a measure becomes a line of its subject's
  ``measures`` attribute.

Concepts of the controlled vocabularies (agency kind, event kind, role, qualifier) become
attributes (en label, and ``…_zh``), evidence nodes become counts and quotes, and schema.org
mirrors of lawgraph's own relations are left out. Every attribute value is a scalar (str, int,
float or bool): several values are joined with ``;``, so any networkx writer accepts the graph.
"""

from __future__ import annotations

import calendar
import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

import networkx as nx
import pyoxigraph as ox

from lawgraph.export import vocabulary as v

Nary = Literal["collapse", "keep"]
Lang = Literal["zh", "en"]
Value = str | int | float | bool

_INTEGER_TYPES = frozenset(
    v.XSD + t
    for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger", "byte")
)
_FLOAT_TYPES = frozenset(v.XSD + t for t in ("decimal", "double", "float"))
_BOOLEAN = v.XSD + "boolean"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_QUOTE = v.lg("quote")
_CHAR_START = v.lg("charStart")
_END_DATE = v.lg("endDate")
_TITLE = v.lg("title")
_TENURE_LABELS = v.Labels(zh="任职", en="tenure")


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: building allocates millions of small objects and no
    cycles, and collections scanning them would cost 15–20 % of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def node_id(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """The id of a node: an IRI as is, a blank node as ``_:id``."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


def literal_value(term: ox.Literal) -> Value:
    """A literal as a Python scalar: integers, decimals and booleans typed, the rest as text."""
    if term.language:
        return term.value
    datatype = term.datatype.value
    try:
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
    except ValueError:
        return term.value
    if datatype == _BOOLEAN:
        return term.value in ("true", "1")
    return term.value


def start_date(value: str) -> str | None:
    """The first day of a date given to any precision (``2019`` → ``2019-01-01``).

    >>> start_date("2019-12")
    '2019-12-01'
    """
    m = _DATE.match(value)
    if m is None:
        return None
    return f"{m[1]}-{m[2] or '01'}-{m[3] or '01'}"


def end_date(value: str) -> str | None:
    """The last day of a date given to any precision (``2019-02`` → ``2019-02-28``).

    >>> end_date("2020")
    '2020-12-31'
    """
    m = _DATE.match(value)
    if m is None:
        return None
    year, month = int(m[1]), int(m[2] or 12)
    day = m[3] or str(calendar.monthrange(year, month)[1])
    return f"{m[1]}-{month:02d}-{day}"


def flatten(values: set[Value]) -> Value:
    """One scalar for a set of values: the value itself, or the values sorted and joined by ``;``."""
    if len(values) == 1:
        return next(iter(values))
    return ";".join(sorted(str(x) for x in values))


def _number(value: Value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class EntityGraphBuilder:
    """Collects triples, then :meth:`build` makes the entity graph.

    :param nary: ``"collapse"`` n-ary facts into edges (measures into attributes), or ``"keep"``
        them as nodes.
    :param lang: the language of the ``label`` attributes (``zh`` or ``en``; each falls back to
        the other).
    """

    def __init__(self, *, nary: Nary = "collapse", lang: Lang = "zh") -> None:
        if nary not in ("collapse", "keep"):
            raise ValueError(f"nary must be 'collapse' or 'keep', not {nary!r}")
        if lang not in ("zh", "en"):
            raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
        self.nary = nary
        self.lang = lang
        self.types: dict[str, set[str]] = {}
        self.attrs: dict[str, dict[str, set[Value]]] = {}
        self.links: set[tuple[str, str, str]] = set()
        self.evidence_of: dict[str, set[str]] = {}
        self.quotes: dict[str, tuple[int, str]] = {}
        self._starts: dict[str, int] = {}
        self._keys: dict[tuple[str, str | None], str | None] = {}

    # --- reading -----------------------------------------------------------------------------

    def _literal_key(self, predicate: str, lang: str | None) -> str | None:
        """The attribute a literal of ``predicate`` (in ``lang``) goes to; None: left out."""
        key = (predicate, lang)
        if key not in self._keys:
            self._keys[key] = _literal_key(predicate, lang)
        return self._keys[key]

    def add(self, statements: Iterable[ox.Triple | ox.Quad]) -> EntityGraphBuilder:
        """Read triples or quads (one pass; can be called several times)."""
        with _no_gc():
            self._add(statements)
        return self

    def _add(self, statements: Iterable[ox.Triple | ox.Quad]) -> None:
        types, attrs, links = self.types, self.attrs, self.links
        evidence_of, literal_key = self.evidence_of, self._literal_key
        named, literal = ox.NamedNode, ox.Literal
        rdf_type, evidence_link = v.RDF_TYPE, v.EVIDENCE_LINK
        details, mirrors, inverses = v.EVIDENCE_DETAILS, v.MIRRORS, v.INVERSES
        for st in statements:
            s, o = st.subject, st.object
            p = st.predicate.value
            sid = s.value if type(s) is named else node_id(s)
            if type(o) is literal:
                if p in details:
                    self._evidence_detail(sid, p, o)
                    continue
                lang = o.language
                key = literal_key(p, lang)
                if key is None:
                    continue
                value = o.value if lang else literal_value(o)
                node = attrs.get(sid)
                if node is None:
                    node = attrs[sid] = {}
                found = node.get(key)
                if found is None:
                    node[key] = {value}
                else:
                    found.add(value)
                continue
            oid = o.value if type(o) is named else node_id(o)
            if p == rdf_type:
                found = types.get(sid)
                if found is None:
                    types[sid] = {oid}
                else:
                    found.add(oid)
            elif p == evidence_link:
                found = evidence_of.get(sid)
                if found is None:
                    evidence_of[sid] = {oid}
                else:
                    found.add(oid)
            elif p in details or p in mirrors or p in inverses:
                continue
            else:
                links.add((sid, p, oid))

    def _evidence_detail(self, evidence: str, predicate: str, term: ox.Literal) -> None:
        if predicate == _QUOTE:
            start = self._starts.get(evidence, 1 << 62)
            self.quotes[evidence] = (start, term.value)
        elif predicate == _CHAR_START:
            try:
                start = int(term.value)
            except ValueError:
                return
            self._starts[evidence] = start
            if evidence in self.quotes:
                self.quotes[evidence] = (start, self.quotes[evidence][1])

    # --- building ------------------------------------------------------------------------------

    def build(self, name: str = "lawgraph") -> nx.MultiDiGraph:
        """The entity graph of everything read so far."""
        with _no_gc():
            return _Build(self, name).graph


def _literal_key(predicate: str, lang: str | None) -> str | None:
    if predicate in v.SKIPPED_LITERALS:
        return None
    if predicate == v.RDFS_LABEL:
        if lang is None:
            return "label_plain"
        if lang == "zh" or (lang.startswith("zh-") and "latn" not in lang.lower()):
            return "label_zh"
        if lang == "en" or lang.startswith("en-"):
            return "label_en"
        return "label_" + lang.replace("-", "_").lower()
    if predicate == v.SKOS_ALT:
        return "aliases"
    if predicate == v.SKOS_HIDDEN:
        return "pinyin" if lang and "latn" in lang.lower() else "hidden_labels"
    return v.local_name(predicate)


class _Build:
    """One run of :meth:`EntityGraphBuilder.build`."""

    def __init__(self, b: EntityGraphBuilder, name: str) -> None:
        self.b = b
        self.collapse = b.nary == "collapse"
        self.graph = nx.MultiDiGraph(name=name, nary=b.nary, lang=b.lang)
        concepts = set(v.concepts())
        evidence: set[str] = set()
        self.nary_kind: dict[str, str] = {}
        for node, types in b.types.items():
            if types & v.CONCEPT_TYPES:
                concepts.add(node)
            if v.EVIDENCE in types:
                evidence.add(node)
            for kind in v.NARY_TYPES:
                if kind in types:
                    self.nary_kind[node] = kind
                    break
        for found in b.evidence_of.values():
            evidence |= found
        self.concepts = concepts
        self.evidence = evidence
        self.extra: dict[str, dict[str, set[Value]]] = {}
        self.collapsed: set[str] = set()
        self.covered: set[tuple[str, str]] = set()
        self.facts: list[tuple[str, str, str, dict[str, Value]]] = []
        self.measures: dict[str, list[str]] = {}
        self.out: dict[str, dict[str, list[str]]] = {}
        links = sorted(b.links)
        for s, p, o in links:
            if s in self.nary_kind:
                self.out.setdefault(s, {}).setdefault(p, []).append(o)
        if self.collapse:
            self._collapse()
        edges = self._plain_edges(links)
        self._add_nodes(edges)
        self._add_edges(edges)

    # --- n-ary facts -----------------------------------------------------------------------

    def _collapse(self) -> None:
        for node in sorted(self.nary_kind):
            kind = self.nary_kind[node]
            out = self.out.get(node, {})
            if kind == v.MEASURE:
                subjects = out.get(v.MEASURE_OF)
                if subjects:
                    text = self._measure_text(node)
                    for subject in subjects:
                        self.measures.setdefault(subject, []).append(text)
                    self.collapsed.add(node)
                continue
            source_p, target_p = v.NARY_ENDS[kind]
            sources, targets = out.get(source_p), out.get(target_p)
            if not sources or not targets:
                continue
            self.collapsed.add(node)
            relation, labels, role = self._relation(kind, out)
            attrs: dict[str, Value] = {"relation": relation, "fact": node}
            attrs.update(self._labels(labels))
            if role is not None:
                attrs["role"] = role
            for key, values in self.b.attrs.get(node, {}).items():
                attrs[key] = flatten(values)
            attrs.update(self._evidence(node))
            for source in sources:
                for target in targets:
                    self.facts.append((source, target, relation, dict(attrs)))
                    self.covered.add((source, target) if source < target else (target, source))

    def _relation(self, kind: str, out: dict[str, list[str]]) -> tuple[str, v.Labels, str | None]:
        if kind == v.TENURE:
            return "tenure", _TENURE_LABELS, None
        if kind == v.PROMOTION:
            return "promotesLaw", v.labels(v.lg("promotesLaw")), None
        roles = out.get(v.ROLE)
        if roles:
            labels = v.labels(roles[0])
            return labels.en, labels, labels.en
        return "participant", v.labels(v.PARTICIPATION), None

    def _measure_text(self, node: str) -> str:
        a = self.b.attrs.get(node, {})

        def one(key: str) -> str:
            values = a.get(key)
            return str(flatten(values)) if values else ""

        value = _number(flatten(a["value"])) if a.get("value") else "?"
        marker = one("marker")
        before, _, after = marker.partition("…") if "…" in marker else ("", "", marker)
        if marker in ("近", "约", "不足"):
            before, after = marker, ""
        text = f"{one('counted')}：{before}{value}{after}{one('unit')}"
        period = one("period")
        return f"{text}（{period}）" if period else text

    def _evidence(self, node: str, *, quote: bool = True) -> dict[str, Value]:
        """``evidence_count`` and (for facts) the first ``quote`` of the evidence."""
        found = self.b.evidence_of.get(node)
        if not found:
            return {"evidence_count": 0}
        out: dict[str, Value] = {"evidence_count": len(found)}
        if quote:
            quotes = [self.b.quotes[e] for e in found if e in self.b.quotes]
            if quotes:
                out["quote"] = min(quotes)[1]
        return out

    def _labels(self, labels: v.Labels) -> dict[str, Value]:
        first = labels.zh if self.b.lang == "zh" else labels.en
        return {"label": first, "label_zh": labels.zh, "label_en": labels.en}

    # --- plain edges ------------------------------------------------------------------------------

    def _plain_edges(self, links: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        edges: list[tuple[str, str, str]] = []
        skip = self.collapsed | self.evidence | self.concepts
        for s, p, o in links:
            if s in skip or o in self.evidence:
                continue
            if p in v.CONCEPT_LINKS or o in self.concepts:
                labels = v.labels(o)
                name = v.local_name(p)
                node = self.extra.setdefault(s, {})
                node.setdefault(name, set()).add(labels.en)
                node.setdefault(name + "_zh", set()).add(labels.zh)
                continue
            if p in v.VALUE_LINKS:
                self.extra.setdefault(s, {}).setdefault(v.local_name(p), set()).add(o)
                continue
            if self.collapse and p in v.SHORTCUTS and (min(s, o), max(s, o)) in self.covered:
                continue
            if o in self.collapsed:
                continue
            edges.append((s, p, o))
        return edges

    # --- nodes ----------------------------------------------------------------------------------

    def _add_nodes(self, edges: list[tuple[str, str, str]]) -> None:
        b = self.b
        skip = self.collapsed | self.evidence | self.concepts
        nodes = {n for n in (*b.types, *b.attrs, *b.evidence_of) if n not in skip}
        for s, _, o in edges:
            nodes.add(s)
            nodes.add(o)
        for s, t, _, _ in self.facts:
            nodes.add(s)
            nodes.add(t)
        self.starts: dict[str, str] = {}
        for node in sorted(nodes):
            self.graph.add_node(node, **self._node_attrs(node))

    def _node_attrs(self, node: str) -> dict[str, Any]:
        b = self.b
        types = b.types.get(node, set())
        raw = dict(b.attrs.get(node, {}))
        for key, values in self.extra.get(node, {}).items():
            raw.setdefault(key, set()).update(values)
        attrs: dict[str, Any] = {"type": _type_name(types)}
        label = self._node_label(node, types, raw)
        attrs["label"] = label
        for key in sorted(raw):
            attrs[key] = flatten(raw[key])
        if node in self.measures:
            attrs["measures"] = "；".join(sorted(self.measures[node]))
        attrs.update(self._evidence(node, quote=False))
        start = self._start(raw)
        if start:
            attrs["start"] = start
            self.starts[node] = start
        ends = [e for x in raw.get(v.local_name(_END_DATE), ()) if (e := end_date(str(x)))]
        if ends:
            attrs["end"] = max(ends)
        return attrs

    def _node_label(self, node: str, types: set[str], raw: dict[str, set[Value]]) -> str:
        lang, other = ("label_zh", "label_en") if self.b.lang == "zh" else ("label_en", "label_zh")
        for key in (lang, other, "label_plain"):
            if raw.get(key):
                return str(flatten(raw[key]))
        for key in raw:
            if key.startswith("label_") and raw[key]:
                return str(flatten(raw[key]))
        kind = self.nary_kind.get(node)
        if kind == v.TENURE and raw.get(v.local_name(_TITLE)):
            return str(flatten(raw[v.local_name(_TITLE)]))
        if kind == v.MEASURE:
            return self._measure_text(node)
        if kind == v.PARTICIPATION and self.out.get(node, {}).get(v.ROLE):
            labels = v.labels(self.out[node][v.ROLE][0])
            return labels.zh if self.b.lang == "zh" else labels.en
        if kind is not None:
            labels = v.labels(kind)
            return labels.zh if self.b.lang == "zh" else labels.en
        if raw.get("pinyin"):
            return str(flatten(raw["pinyin"]))
        return v.local_name(node)

    @staticmethod
    def _start(raw: dict[str, set[Value]]) -> str | None:
        for predicate in v.DATE_PREDICATES:
            values = raw.get(v.local_name(predicate))
            if values:
                starts = [s for x in values if (s := start_date(str(x)))]
                if starts:
                    return min(starts)
        return None

    # --- edges -----------------------------------------------------------------------------------

    def _add_edges(self, edges: list[tuple[str, str, str]]) -> None:
        for s, p, o in edges:
            labels = v.labels(p)
            attrs: dict[str, Value] = {"relation": v.local_name(p), "predicate": p}
            attrs.update(self._labels(labels))
            self._add_edge(s, o, attrs)
        for source, target, _, attrs in self.facts:
            dated = source if attrs["relation"] == "promotesLaw" else target
            start = self.starts.get(dated)
            if start and attrs["relation"] != "tenure":
                attrs["start"] = start
            self._add_edge(source, target, attrs)

    def _add_edge(self, source: str, target: str, attrs: dict[str, Value]) -> None:
        g = self.graph
        key = str(attrs["relation"])
        if g.has_edge(source, target, key):
            n = 2
            while g.has_edge(source, target, f"{key}#{n}"):
                n += 1
            key = f"{key}#{n}"
        g.add_edge(source, target, key=key, **attrs)


def _type_name(types: set[str]) -> str:
    for kind in (*v.ENTITY_TYPES, *v.NARY_TYPES):
        if kind in types:
            return v.local_name(kind)
    if types:
        return v.local_name(min(types))
    return "Resource"


def entity_graph(
    statements: Iterable[ox.Triple | ox.Quad],
    *,
    nary: Nary = "collapse",
    lang: Lang = "zh",
    name: str = "lawgraph",
) -> nx.MultiDiGraph:
    """The entity graph of some triples or quads (see the module's description)."""
    return EntityGraphBuilder(nary=nary, lang=lang).add(statements).build(name)
