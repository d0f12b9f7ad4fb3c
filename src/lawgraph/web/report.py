"""A report's page: its text with every extracted mention highlighted by kind (each linking to its
entity), the words that state a fact underlined, and the list of facts drawn from it.

The text is cut at every span boundary; each piece is shown as the innermost mention covering
it (so nested mentions such as 市委党校 within 市委党校礼堂 both stay reachable) and marked when a
fact's words cover it. Pieces are escaped as they are assembled (markupsafe).
"""

from __future__ import annotations

import asyncio
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from fastapi import FastAPI
from markupsafe import Markup, escape

from lawgraph.ids import NS
from lawgraph.web.data import (
    Lit,
    Node,
    add_class,
    distinct,
    integer,
    iri_term,
    rows,
    text,
    value_of,
)
from lawgraph.web.entity import FACT_VALUES, Fact, read_facts_rows
from lawgraph.web.terms import FACT_TYPES, local_path, term_label

MENTION_KINDS = (
    "Official",
    "Agency",
    "Law",
    "Campaign",
    "Event",
    "Division",
    "Place",
    "Document",
    "Measure",
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    node: Node
    kind: str

    @property
    def is_fact(self) -> bool:
        return self.kind in FACT_TYPES and self.kind != "Measure"


@dataclass
class ReportView:
    node: Node
    text: str
    published: str
    issuer: Node | None
    source_url: str
    place: Node | None
    spans: list[Span]
    facts: dict[str, list[Fact]]
    mentioned: dict[str, list[Node]] = field(default_factory=dict)


async def fetch_report(app: FastAPI, iri: str) -> ReportView | None:
    """What the page of report ``iri`` shows, or None if it is not a report in the store."""
    r = iri_term(iri)
    about, spans, fact_rows = await asyncio.gather(
        rows(
            app,
            f"""
SELECT ?label ?text ?published ?issuer ?issuerLabel ?source ?place ?placeLabel WHERE {{
  {r} a lg:Report ; lg:fullText ?text .
  OPTIONAL {{ {r} rdfs:label ?label FILTER(LANG(?label) = "zh") }}
  OPTIONAL {{ {r} lg:published ?published }}
  OPTIONAL {{ {r} lg:sourceUrl ?source }}
  OPTIONAL {{ {r} lg:issuer ?issuer OPTIONAL {{ ?issuer rdfs:label ?issuerLabel
              FILTER(LANG(?issuerLabel) = "zh") }} }}
  OPTIONAL {{ {r} lg:jurisdiction ?place OPTIONAL {{ ?place rdfs:label ?placeLabel }} }}
}} LIMIT 1""",
        ),
        rows(
            app,
            f"""
SELECT DISTINCT ?node ?type ?start ?end ?label WHERE {{
  ?ev lg:fromReport {r} ; lg:charStart ?start ; lg:charEnd ?end .
  ?node lg:evidence ?ev ; a ?type .
  OPTIONAL {{ ?node rdfs:label ?label FILTER(LANG(?label) = "zh") }}
}}""",
        ),
        rows(
            app,
            f"""
SELECT DISTINCT ?fact ?factType ?p ?o ?oLabel ?oType WHERE {{
  ?fact lg:evidence/lg:fromReport {r} ; a ?factType . {FACT_VALUES}
  ?fact ?p ?o .
  FILTER(?p NOT IN (rdf:type, lg:evidence))
  OPTIONAL {{ ?o rdfs:label ?oLabel FILTER(LANG(?oLabel) = "zh") }}
  OPTIONAL {{ ?o a ?oType }}
}}""",
        ),
    )
    if not about:
        return None
    a = about[0]
    nodes: dict[str, Node] = {}
    me = Node(iri, text(a["label"]), {NS + "Report"})
    issuer = value_of(a["issuer"], a["issuerLabel"], nodes) if a["issuer"] is not None else None
    place = value_of(a["place"], a["placeLabel"], nodes) if a["place"] is not None else None
    by_span: dict[tuple[int, int, str], Node] = {}
    for row in spans:
        node = value_of(row["node"], row["label"], nodes)
        if not isinstance(node, Node):
            continue
        add_class(nodes, node.iri, row["type"])
        by_span[(integer(row["start"]), integer(row["end"]), node.iri)] = node
    span_list = sorted(
        (Span(s, e, n, n.kind) for (s, e, _), n in by_span.items() if n.kind != "Other"),
        key=lambda sp: (sp.start, -sp.end),
    )
    facts = read_facts_rows(fact_rows, nodes)
    starts: dict[str, list[int]] = defaultdict(list)
    for sp in span_list:
        starts[sp.node.iri].append(sp.start)
    grouped: dict[str, list[Fact]] = {}
    for t in FACT_TYPES:
        chosen = [f for f in facts.values() if f.type == t]
        for f in chosen:
            for vs in f.props.values():
                vs[:] = distinct(vs)
        chosen.sort(key=lambda f: min(starts.get(f.node.iri, [0])))
        if chosen:
            grouped[t] = chosen
    mentioned: dict[str, list[Node]] = defaultdict(list)
    for n in sorted({sp.node.iri: sp.node for sp in span_list}.values(), key=lambda n: n.name):
        if n.kind in MENTION_KINDS and n.kind != "Measure":
            mentioned[n.kind].append(n)
    published = a["published"]
    return ReportView(
        node=me,
        text=text(a["text"]),
        published=text(published),
        issuer=issuer if isinstance(issuer, Node) else None,
        source_url=text(a["source"]),
        place=place if isinstance(place, Node) else None,
        spans=span_list,
        facts=grouped,
        mentioned={k: mentioned[k] for k in MENTION_KINDS if k in mentioned},
    )


def fact_start(view: ReportView, fact: Fact) -> int | None:
    """Where the first words stating ``fact`` start in the report."""
    found = [sp.start for sp in view.spans if sp.node.iri == fact.node.iri]
    return min(found) if found else None


def highlighted(view: ReportView, lang: str) -> Markup:
    """The report text as HTML: mentions linked and coloured by kind, fact words underlined,
    an anchor ``c{start}`` where each span starts."""
    t = view.text
    spans = [sp for sp in view.spans if 0 <= sp.start < sp.end <= len(t)]
    cuts = sorted({0, len(t), *(sp.start for sp in spans), *(sp.end for sp in spans)})
    anchors = {sp.start for sp in spans}
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = t[a:b]
        covering = [sp for sp in spans if sp.start <= a and b <= sp.end]
        mentions = [sp for sp in covering if not sp.is_fact]
        fact_kinds = sorted({sp.kind for sp in covering if sp.is_fact})
        anchor = Markup(' id="c{}"').format(a) if a in anchors else Markup("")
        classes = " ".join(f"f-{k}" for k in fact_kinds)
        if mentions:
            inner = min(mentions, key=lambda sp: (sp.end - sp.start, sp.start))
            kind = "Event" if inner.kind == "Meeting" else inner.kind
            title = f"{term_label(NS + inner.kind, lang)}: {inner.node.name}"
            out.append(
                Markup('<a{} class="m k-{}{}" href="{}" title="{}">{}</a>').format(
                    anchor,
                    kind,
                    " fact " + classes if classes else "",
                    local_path(inner.node.iri),
                    title,
                    piece,
                )
            )
        elif fact_kinds:
            out.append(Markup('<span{} class="fact {}">{}</span>').format(anchor, classes, piece))
        elif anchor:
            out.append(Markup("<span{}>{}</span>").format(anchor, piece))
        else:
            out.append(str(escape(piece)))
    return Markup("".join(out))


__all__ = ["Lit", "ReportView", "fact_start", "fetch_report", "highlighted"]
