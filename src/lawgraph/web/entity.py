"""An entity's page: its names, classes, properties, relations, the n-ary facts about it (posts,
participations, law promotions, counts) each with the report sentences that state it, and its
neighbours as a small graph. Also its RDF description, for ``Accept: text/turtle`` and the like.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field

from fastapi import FastAPI

from lawgraph.ids import NS
from lawgraph.sparql import Answer, Job
from lawgraph.web import i18n
from lawgraph.web.data import (
    Lit,
    Node,
    Value,
    add_class,
    distinct,
    integer,
    iri_term,
    rows,
    text,
    value_of,
)
from lawgraph.web.terms import FACT_TYPES, RDF_TYPE, RDFS_LABEL, SKOS, local_path, term_label

HIDDEN_OUT = (
    "lg:evidence",
    "lg:fullText",
    "lg:mentions",
    "lg:participation",
    "lg:promotesLaw",
    "schema:attendee",
    "schema:organizer",
    "org:memberOf",
)
"""Outgoing properties a page does not list: evidence (shown with each fact), the report text,
and shortcut triples that repeat the n-ary facts."""
HIDDEN_IN = (
    "lg:evidence",
    "lg:participation",
    "schema:attendee",
    "schema:organizer",
    "org:memberOf",
)
NAME_PROPERTIES = (RDFS_LABEL, SKOS + "prefLabel", SKOS + "altLabel", SKOS + "hiddenLabel")
MAX_RELATIONS = 2000
MAX_SHOWN = 60
"""Most values shown for one property (the rest are counted)."""


@dataclass
class Evidence:
    """Where a report states something: the quoted words within their sentence."""

    report: Node
    quote: str
    start: int
    end: int
    sentence: str
    sentence_start: int

    def parts(self) -> tuple[str, str, str]:
        """The sentence as (before, the quoted words, after)."""
        s = self.sentence
        a, b = self.start - self.sentence_start, self.end - self.sentence_start
        if not (0 <= a <= b <= len(s) and s[a:b] == self.quote):
            found = s.find(self.quote) if self.quote else -1
            if found < 0:
                return s, "", ""
            a, b = found, found + len(self.quote)
        return s[:a], s[a:b], s[b:]

    @property
    def anchor(self) -> str:
        """The link to the words in the report's page (on this app)."""
        return f"{local_path(self.report.iri)}#c{self.start}"


@dataclass
class Fact:
    """An n-ary fact node (lg:Tenure, lg:Participation, lg:Promotion, lg:Measure)."""

    node: Node
    type: str
    props: dict[str, list[Value]] = field(default_factory=lambda: defaultdict(list))
    evidence: list[Evidence] = field(default_factory=list)

    def one(self, local: str) -> Value | None:
        values = self.props.get(NS + local)
        return values[0] if values else None

    def parts(self, lang: str) -> list[Value | str]:
        """The fact as a short statement: text and nodes (which a template links)."""
        t = self.type
        if t == "Tenure":
            return _join(
                self.one("tenureOf"), " — ", self.one("title"), " · ", self.one("inAgency")
            )
        if t == "Participation":
            role = self.one("role")
            role_text = term_label(role.iri, lang) if isinstance(role, Node) else ""
            return _join(self.one("participant"), f" {role_text} ", self.one("inEvent"))
        if t == "Promotion":
            verb = i18n.translate("fact.promotes", lang)
            return _join(self.one("promoter"), f" {verb} ", self.one("promotedLaw"))
        if t == "Measure":
            return self._measure(lang)
        return [self.node]

    def _measure(self, lang: str) -> list[Value | str]:
        value, unit = self.one("value"), self.one("unit")
        marker, counted = self.one("marker"), self.one("counted")
        amount = f"{_text(value)}{_text(unit)}"
        if isinstance(marker, Lit):
            amount = written(_text(value), marker.value, _text(unit))
        return _join(self.one("measureOf"), " · ", _text(counted), " ", amount)

    @property
    def first_start(self) -> int:
        return min((e.start for e in self.evidence), default=0)


def read_facts_rows(rows: list[dict[str, object]], nodes: dict[str, Node]) -> dict[str, Fact]:
    """The n-ary facts (tenures, participations, …) of ``?fact ?factType ?p ?o ?oLabel ?oType``
    rows, by IRI; every node met is recorded in ``nodes``."""
    facts: dict[str, Fact] = {}
    for r in rows:
        firi = text(r["fact"])
        fnode = nodes.setdefault(firi, Node(firi))
        ftype = text(r["factType"])[len(NS) :]
        fnode.classes.add(NS + ftype)
        fact = facts.setdefault(firi, Fact(fnode, ftype))
        v = value_of(r["o"], r["oLabel"], nodes)
        if isinstance(v, Node):
            add_class(nodes, v.iri, r["oType"])
        fact.props[text(r["p"])].append(v)
    return facts


def written(value: str, marker: str, unit: str) -> str:
    """A count as a report writes it, with its qualifier where it goes.

    >>> written("8600", "近…余", "人次"), written("300", "约", "人"), written("1000", "余", "条")
    ('近8600余人次', '约300人', '1000余条')
    """
    if "…" in marker:
        before, _, after = marker.partition("…")
        return f"{before}{value}{after}{unit}"
    if marker in ("近", "约", "不足"):
        return f"{marker}{value}{unit}"
    return f"{value}{marker}{unit}"


def _text(value: Value | None) -> str:
    if value is None:
        return ""
    return value.value if isinstance(value, Lit) else value.name


def _join(*items: Value | str | None) -> list[Value | str]:
    out: list[Value | str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, Lit):
            item = item.value
        if isinstance(item, str) and out and isinstance(out[-1], str):
            out[-1] += item
        elif item != "":
            out.append(item)
    return out


@dataclass
class Relation:
    """The values of one property, outgoing (``inverse=False``) or incoming."""

    property: str
    inverse: bool
    values: list[Value]
    more: int = 0


@dataclass
class EntityView:
    """Everything an entity page shows."""

    node: Node
    labels: list[str]
    alt_labels: list[str]
    pinyin: list[str]
    english: list[str]
    properties: list[Relation]
    incoming: list[Relation]
    facts: dict[str, list[Fact]]
    mentions: list[Evidence]
    own_fact: Fact | None = None

    @property
    def is_report(self) -> bool:
        return self.node.kind == "Report"


def _evidence(row: dict[str, object], nodes: dict[str, Node]) -> Evidence:
    report = value_of(row["report"], row.get("reportLabel"), nodes)
    assert isinstance(report, Node)
    report.classes.add(NS + "Report")
    return Evidence(
        report,
        text(row["quote"]),
        integer(row["start"]),
        integer(row["end"]),
        text(row["sentence"]),
        integer(row["sentenceStart"]),
    )


_EVIDENCE_FIELDS = """
  ?node lg:evidence ?ev .
  ?ev lg:quote ?quote ; lg:charStart ?start ; lg:charEnd ?end ; lg:sentence ?sentence ;
      lg:sentenceStart ?sentenceStart ; lg:fromReport ?report .
  OPTIONAL { ?report rdfs:label ?reportLabel FILTER(LANG(?reportLabel) = "zh") }
"""
FACT_VALUES = "VALUES ?factType { " + " ".join(f"lg:{t}" for t in FACT_TYPES) + " }"


def _queries(e: str) -> dict[str, str]:
    hidden_out = ", ".join(HIDDEN_OUT)
    hidden_in = ", ".join(HIDDEN_IN)
    return {
        "out": f"""
SELECT DISTINCT ?p ?o ?oLabel ?oType WHERE {{
  {e} ?p ?o .
  FILTER(?p NOT IN ({hidden_out}))
  OPTIONAL {{ ?o rdfs:label ?oLabel FILTER(LANG(?oLabel) = "zh") }}
  OPTIONAL {{ ?o a ?oType }}
}} LIMIT {MAX_RELATIONS}""",
        "in": f"""
SELECT DISTINCT ?s ?p ?sLabel ?sType WHERE {{
  ?s ?p {e} .
  FILTER(?p NOT IN ({hidden_in}))
  OPTIONAL {{ ?s rdfs:label ?sLabel FILTER(LANG(?sLabel) = "zh") }}
  OPTIONAL {{ ?s a ?sType }}
}} LIMIT {MAX_RELATIONS}""",
        "facts": f"""
SELECT DISTINCT ?fact ?factType ?p ?o ?oLabel ?oType WHERE {{
  ?fact ?link {e} ; a ?factType . {FACT_VALUES}
  ?fact ?p ?o .
  FILTER(?p NOT IN (rdf:type, lg:evidence))
  OPTIONAL {{ ?o rdfs:label ?oLabel FILTER(LANG(?oLabel) = "zh") }}
  OPTIONAL {{ ?o a ?oType }}
}} LIMIT {MAX_RELATIONS}""",
        "evidence": f"""
SELECT DISTINCT ?node ?quote ?start ?end ?sentence ?sentenceStart ?report ?reportLabel WHERE {{
  {{ BIND({e} AS ?node) }} UNION {{ ?node ?link {e} ; a ?factType . {FACT_VALUES} }}
  {_EVIDENCE_FIELDS}
}} ORDER BY ?report ?start LIMIT {MAX_RELATIONS}""",
    }


async def fetch_entity(app: FastAPI, iri: str) -> EntityView | None:
    """What the page of ``iri`` shows, or None when the graph says nothing about it."""
    e = iri_term(iri)
    queries = _queries(e)
    out, incoming, fact_rows, evidence_rows = await asyncio.gather(
        *(rows(app, queries[k]) for k in ("out", "in", "facts", "evidence"))
    )
    if not out and not incoming:
        return None
    nodes: dict[str, Node] = {}
    me = nodes.setdefault(iri, Node(iri))
    names: dict[str, list[Lit]] = defaultdict(list)
    props: dict[str, list[Value]] = defaultdict(list)
    for r in out:
        p = text(r["p"])
        if p == RDF_TYPE:
            me.classes.add(text(r["o"]))
            continue
        v = value_of(r["o"], r["oLabel"], nodes)
        if isinstance(v, Node):
            add_class(nodes, v.iri, r["oType"])
        if p in NAME_PROPERTIES and isinstance(v, Lit):
            names[p].append(v)
        else:
            props[p].append(v)
    for lit in names[RDFS_LABEL]:
        if lit.language == "zh" and not me.label:
            me.label = lit.value
    inverse: dict[str, list[Value]] = defaultdict(list)
    for r in incoming:
        s = value_of(r["s"], r["sLabel"], nodes)
        if not isinstance(s, Node):
            continue
        add_class(nodes, s.iri, r["sType"])
        inverse[text(r["p"])].append(s)
    facts = read_facts_rows(fact_rows, nodes)
    mentions: list[Evidence] = []
    own: list[Evidence] = []
    for r in evidence_rows:
        ev = _evidence(r, nodes)
        holder = text(r["node"])
        if holder in facts:
            facts[holder].evidence.append(ev)
        elif holder == iri:
            own.append(ev)
    me_type = me.kind
    own_fact = None
    if me_type in FACT_TYPES:  # the page of a fact itself
        own_fact = Fact(me, me_type, props, own)
    else:
        mentions = own
    by_type: dict[str, list[Fact]] = {}
    for t in FACT_TYPES:
        chosen = [f for f in facts.values() if f.type == t]
        chosen.sort(key=lambda f: (f.evidence[0].report.iri if f.evidence else "", f.first_start))
        if chosen:
            by_type[t] = chosen
    for f in facts.values():
        for vs in f.props.values():
            vs[:] = distinct(vs)
    return EntityView(
        node=me,
        labels=[v.value for v in distinct(names[RDFS_LABEL]) if isinstance(v, Lit)],
        alt_labels=sorted({v.value for v in names[SKOS + "altLabel"]} - {me.label}),
        pinyin=sorted({v.value for v in names[SKOS + "hiddenLabel"]}),
        english=[v.value for v in names[RDFS_LABEL] if v.language == "en"],
        properties=_relations(props, inverse=False),
        incoming=_relations(
            {
                p: [v for v in vs if not (isinstance(v, Node) and v.iri in facts)]
                for p, vs in inverse.items()
            },
            inverse=True,
        ),
        facts=by_type,
        mentions=mentions,
        own_fact=own_fact,
    )


def _relations(props: dict[str, list[Value]], *, inverse: bool) -> list[Relation]:
    out = []
    for p in sorted(props, key=lambda p: (not p.startswith(NS), p)):
        values = distinct(props[p])
        if not values:
            continue
        values.sort(key=lambda v: (0, v.kind, v.name) if isinstance(v, Node) else (1, "", v.value))
        out.append(Relation(p, inverse, values[:MAX_SHOWN], max(0, len(values) - MAX_SHOWN)))
    return out


# --- the neighbours graph ----------------------------------------------------------------------

_FACT_EDGES = {
    "Tenure": ("tenureOf", "inAgency", "title"),
    "Participation": ("participant", "inEvent", "role"),
    "Promotion": ("promoter", "promotedLaw", None),
}
MAX_NEIGHBOURS = 40


def neighbour_graph(view: EntityView, lang: str) -> dict[str, list[dict[str, object]]]:
    """Cytoscape elements: the entity, the entities its facts and relations reach, and one edge
    per fact (labelled with the post or role) or relation (labelled with the property)."""
    from lawgraph.web.graph import GraphBuilder

    g = GraphBuilder(center=view.node.iri)
    g.node(view.node)
    for facts in view.facts.values():
        for fact in facts:
            ends = _FACT_EDGES.get(fact.type)
            if ends is None:
                continue
            source, target = fact.one(ends[0]), fact.one(ends[1])
            if not isinstance(source, Node) or not isinstance(target, Node):
                continue
            label_value = fact.one(ends[2]) if ends[2] else None
            if isinstance(label_value, Node):
                label = term_label(label_value.iri, lang)
            elif isinstance(label_value, Lit):
                label = label_value.value
            else:
                label = i18n.translate("fact.promotes", lang)
            if len(g.nodes) < MAX_NEIGHBOURS or {source.iri, target.iri} <= g.nodes.keys():
                g.edge(source, target, label)
    for relations in (view.properties, view.incoming):
        for rel in relations:
            for v in rel.values:
                if not isinstance(v, Node) or v.kind in ("Concept", "Evidence", "Other"):
                    continue
                if len(g.nodes) >= MAX_NEIGHBOURS and v.iri not in g.nodes:
                    continue
                label = term_label(rel.property, lang)
                if rel.inverse:
                    g.edge(v, view.node, label)
                else:
                    g.edge(view.node, v, label)
    return g.elements()


# --- RDF --------------------------------------------------------------------------------------------


def describe_query(iri: str) -> str:
    """A CONSTRUCT of what the graph says about ``iri``: its triples, the triples pointing at it,
    and the n-ary facts about it and the evidence of both (their own triples)."""
    e = iri_term(iri)
    return f"""
CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ BIND({e} AS ?s) ?s ?p ?o }}
  UNION {{ ?s ?p {e} BIND({e} AS ?o) }}
  UNION {{ ?s ?link {e} ; a ?factType . {FACT_VALUES} ?s ?p ?o }}
  UNION {{ {e} lg:evidence ?s . ?s ?p ?o }}
  UNION {{ ?fact ?link {e} ; a ?factType ; lg:evidence ?s . {FACT_VALUES} ?s ?p ?o }}
}}"""


async def describe(app: FastAPI, iri: str, fmt: str) -> Answer:
    """The RDF description of ``iri`` in ``fmt`` (``turtle``, ``jsonld``, ``ntriples``,
    ``rdfxml``), through the backend (its row cap applies and is reported)."""
    from lawgraph.web.data import PROLOGUE

    settings = app.state.settings
    job = Job(query=PROLOGUE + describe_query(iri), formats=(None, None, fmt), cap=settings.row_cap)
    return await app.state.backend.run(job)  # type: ignore[no-any-return]
