"""Facts → quads: pure functions, no store.

:func:`build_report` turns one validated facts file into the triples of its report's named graph
(:class:`ReportGraph`, which gives them as quads or as N-Quads text):
the report with its provenance, each entity with its labels, each fact as an n-ary node (tenure,
participation, promotion, measure) with shortcut triples for easy questions, and for every fact
its evidence — the report, the character span, the quoted words and the sentence around them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from lawgraph import ids
from lawgraph.facts import Facts, Span
from lawgraph.gazetteer import Division, divisions, laws
from lawgraph.vocab import LG, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

_SENTENCE_END = "。！？；!?;\n"
_AGENCY_KIND = {
    "party": LG.Party,
    "government": LG.Government,
    "congress": LG.Congress,
    "cppcc": LG.Cppcc,
    "court": LG.Court,
    "procuratorate": LG.Procuratorate,
    "coordination": LG.Coordination,
    "institution": LG.Institution,
    "university": LG.University,
    "school": LG.School,
    "enterprise": LG.Enterprise,
    "team": LG.Team,
    "other": LG.OtherAgency,
}
_EVENT_KIND = {
    "meeting": LG.MeetingKind,
    "lecture": LG.Lecture,
    "publicity": LG.Publicity,
    "training": LG.Training,
    "ceremony": LG.Ceremony,
    "other": LG.OtherEvent,
}
_ROLE = {
    "chaired": LG.Chaired,
    "attended": LG.Attended,
    "spoke": LG.Spoke,
    "organised": LG.Organised,
    "co-organised": LG.CoOrganised,
    "hosted": LG.Hosted,
}
_QUALIFIER = {"exact": LG.Exact, "over": LG.Over, "approx": LG.Approx, "under": LG.Under}
_PINYIN_TAG = "zh-latn-pinyin"


def date_literal(value: str) -> ox.Literal:
    """A date with the precision given: xsd:gYear, xsd:gYearMonth or xsd:date."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return ox.Literal(value, datatype=datatype)


def decimal_literal(value: float) -> ox.Literal:
    text = format(Decimal(repr(value)).normalize(), "f")
    return ox.Literal(text, datatype=XSD.decimal)


def sentence_ends(text: str) -> list[int]:
    """The offsets of the characters that end a sentence: 。！？；(and ASCII !?;) and line breaks."""
    return [i for i, c in enumerate(text) if c in _SENTENCE_END]


def sentence_bounds(
    text: str, start: int, end: int, ends: Sequence[int] | None = None
) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from after the previous 。！？；or line break to
    the next one (included), trimmed of white space. ``ends`` is ``sentence_ends(text)``, for a
    caller that asks about many spans of one text."""
    ends = sentence_ends(text) if ends is None else ends
    before = bisect_left(ends, start)
    left = ends[before - 1] + 1 if before else 0
    after = bisect_left(ends, max(end - 1, start))
    right = ends[after] + 1 if after < len(ends) else len(text)
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, max(right, end)


Term = ox.NamedNode | ox.Literal
Triple = tuple[ox.NamedNode, ox.NamedNode, Term]


@dataclass(frozen=True)
class ReportGraph:
    """The triples of one report's named graph, distinct, in the order they were made."""

    iri: str
    triples: list[Triple]

    def quads(self) -> list[ox.Quad]:
        graph = ox.NamedNode(self.iri)
        return [ox.Quad(s, p, o, graph) for s, p, o in self.triples]

    def nquads(self) -> str:
        """The quads as N-Quads (terms written by pyoxigraph), one line each."""
        graph = f"<{self.iri}> .\n"
        return "".join(f"{s} {p} {o} {graph}" for s, p, o in self.triples)


class _Builder:
    """Collects the triples of one report's graph."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.report_id = facts.report.id
        self.graph = ox.NamedNode(ids.report(self.report_id))
        self.triples: dict[Triple, None] = {}
        self.iri: dict[str, ox.NamedNode] = {}
        self._divisions: dict[str, ox.NamedNode] = {}
        self._evidence: dict[tuple[int, int, str], ox.NamedNode] = {}
        self._sentence_ends = sentence_ends(facts.text)
        self.home = self._division(facts.report.place)

    # helpers --------------------------------------------------------------------------------

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.triples[s, p, o] = None

    def zh(self, s: ox.NamedNode, p: ox.NamedNode, text: str) -> None:
        self.add(s, p, ox.Literal(text, language="zh"))

    def _division(self, name: str | None) -> Division:
        if name is None:
            return self.home
        found = divisions().resolve(name)
        assert found is not None, "read_facts resolved every place"
        return found

    def division_node(self, division: Division) -> ox.NamedNode:
        if division.code in self._divisions:
            return self._divisions[division.code]
        node = self._divisions[division.code] = ox.NamedNode(ids.division(division.code))
        self.add(node, RDF.type, LG.Division)
        self.zh(node, RDFS.label, division.name)
        if division.full_name != division.name:
            self.zh(node, SKOS.altLabel, division.full_name)
        self.add(node, LG.divisionCode, ox.Literal(division.code))
        self.add(node, LG.divisionLevel, ox.Literal(division.level))
        parent = divisions().parent(division)
        if parent is not None:
            self.add(node, LG.within, self.division_node(parent))
        return node

    def evidence(self, node: ox.NamedNode, span: Span) -> ox.NamedNode:
        key = (span.start, span.end, span.quote)
        ev = self._evidence.get(key)
        if ev is not None:  # a passage that is evidence of more than one fact: made once
            self.add(node, LG.evidence, ev)
            return ev
        ev = self._evidence[key] = ox.NamedNode(ids.evidence(self.report_id, span.start, span.end))
        text = self.facts.text
        left, right = sentence_bounds(text, span.start, span.end, self._sentence_ends)
        self.add(node, LG.evidence, ev)
        self.add(ev, RDF.type, LG.Evidence)
        self.add(ev, LG.fromReport, self.graph)
        self.add(ev, LG.quote, ox.Literal(span.quote))
        self.add(ev, LG.charStart, ox.Literal(span.start))
        self.add(ev, LG.charEnd, ox.Literal(span.end))
        self.add(ev, LG.sentence, ox.Literal(text[left:right]))
        self.add(ev, LG.sentenceStart, ox.Literal(left))
        return ev

    def entity(
        self, key: str, iri: str, cls: ox.NamedNode, name: str, mentions: list[Span]
    ) -> ox.NamedNode:
        node = ox.NamedNode(iri)
        self.iri[key] = node
        self.add(node, RDF.type, cls)
        self.zh(node, RDFS.label, name)
        self.zh(node, SKOS.prefLabel, name)
        self.add(node, SKOS.hiddenLabel, ox.Literal(ids.pinyin(name), language=_PINYIN_TAG))
        self.add(self.graph, LG.mentions, node)
        for span in mentions:
            if span.quote != name:
                self.zh(node, SKOS.altLabel, span.quote)
            self.evidence(node, span)
        return node

    # sections -------------------------------------------------------------------------------

    def build(self) -> ReportGraph:
        m = self.facts.model
        self.report()
        for place in m.places:
            if place.kind == "division":
                # named by its name, full name or code; labelled by the gazetteer's name, as a
                # division is wherever the report names it (a second label fails the shapes)
                division = self._division(place.name)
                iri = ids.division(division.code)
                node = self.entity(place.key, iri, LG.Division, division.name, place.mentions)
                self.division_node(division)
            else:
                iri = ids.place(self.home.code, place.name)
                node = self.entity(place.key, iri, LG.Place, place.name, place.mentions)
                self.add(node, LG.within, self.division_node(self.home))
        for place in m.places:
            if place.within is not None:
                self.add(self.iri[place.key], LG.within, self.iri[place.within])
        for agency in m.agencies:
            division = self._division(agency.place)
            node = self.entity(
                agency.key,
                ids.agency(division.code, agency.name),
                LG.Agency,
                agency.name,
                agency.mentions,
            )
            self.add(node, LG.agencyKind, _AGENCY_KIND[agency.kind])
            self.add(node, LG.jurisdiction, self.division_node(division))
        for agency in m.agencies:
            if agency.parent is not None:
                self.add(self.iri[agency.key], LG.subOrganizationOf, self.iri[agency.parent])
        for official in m.officials:
            division = self._division(official.place)
            node = self.entity(
                official.key,
                ids.official(division.code, official.name),
                LG.Official,
                official.name,
                official.mentions,
            )
            self.add(node, LG.jurisdiction, self.division_node(division))
        for law in m.laws:
            node = self.entity(law.key, ids.law(law.title), LG.Law, law.title, law.mentions)
            entry = laws().resolve(law.title)
            category = law.category or (entry.category if entry else None)
            if category:
                self.zh(node, LG.lawCategory, category)
            if entry and entry.short_title and entry.short_title != law.title:
                self.zh(node, SKOS.altLabel, entry.short_title)
        for doc in m.documents:
            self.entity(
                doc.key,
                ids.document(self.home.code, doc.title),
                LG.Document,
                doc.title,
                doc.mentions,
            )
        for doc in m.documents:
            if doc.issuer is not None:
                self.add(self.iri[doc.key], LG.issuer, self.iri[doc.issuer])
        self.campaigns()
        self.events()
        self.relations()
        if m.report.issuer is not None:
            self.add(self.graph, LG.issuer, self.iri[m.report.issuer])
        return ReportGraph(self.graph.value, list(self.triples))

    def report(self) -> None:
        r = self.facts.report
        g = self.graph
        self.add(g, RDF.type, LG.Report)
        self.zh(g, RDFS.label, r.title)
        self.add(g, LG.published, date_literal(r.published))
        self.add(g, LG.jurisdiction, self.division_node(self.home))
        self.add(g, LG.sha256, ox.Literal(r.sha256))
        self.add(g, LG.curatedBy, ox.Literal(r.curated_by))
        self.add(g, LG.fullText, ox.Literal(self.facts.text))
        if r.source_url:
            self.add(g, LG.sourceUrl, ox.Literal(r.source_url, datatype=XSD.anyURI))
            self.add(g, PROV.hadPrimarySource, ox.NamedNode(r.source_url))

    def campaigns(self) -> None:
        for c in self.facts.model.campaigns:
            division = self._division(c.place)
            label = f"{c.name}({c.year})" if c.year else c.name
            node = self.entity(
                c.key, ids.campaign(division.code, c.name, c.year), LG.Campaign, label, c.mentions
            )
            if label != c.name:
                self.zh(node, SKOS.altLabel, c.name)
            self.add(node, LG.jurisdiction, self.division_node(division))
            if c.year:
                self.add(node, LG.year, date_literal(c.year[:4]))
            for span in c.evidence:
                self.evidence(node, span)
        for c in self.facts.model.campaigns:
            node = self.iri[c.key]
            if c.parent is not None:
                self.add(node, LG.partOfCampaign, self.iri[c.parent])
            for org in c.organizers:
                self.add(node, LG.organizer, self.iri[org])

    def events(self) -> None:
        for e in self.facts.model.events:
            division = self._division(e.place)
            cls = LG.Meeting if e.kind == "meeting" else LG.Event
            node = self.entity(
                e.key, ids.event(division.code, e.name, e.date), cls, e.name, e.mentions
            )
            if cls != LG.Event:
                self.add(node, RDF.type, LG.Event)
            self.add(node, LG.eventKind, _EVENT_KIND[e.kind])
            self.add(node, LG.jurisdiction, self.division_node(division))
            if e.date:
                first, _, last = e.date.partition("/")
                self.add(node, LG.date, date_literal(first))
                if last:
                    self.add(node, LG.endDate, date_literal(last))
            for span in e.evidence:
                self.evidence(node, span)
        for e in self.facts.model.events:
            node = self.iri[e.key]
            for c in e.campaigns:
                self.add(node, LG.partOfCampaign, self.iri[c])
            for org in e.organizers:
                self.add(node, LG.organizer, self.iri[org])
                self.add(node, SCHEMA.organizer, self.iri[org])
            if e.venue is not None:
                self.add(node, LG.venue, self.iri[e.venue])
            if e.parent is not None:
                self.add(node, LG.subEventOf, self.iri[e.parent])

    def relations(self) -> None:
        m = self.facts.model
        for post in m.posts:
            official, agency = self.iri[post.official], self.iri[post.agency]
            node = ox.NamedNode(ids.relation("tenure", official.value, post.title, agency.value))
            self.add(node, RDF.type, LG.Tenure)
            self.add(node, LG.tenureOf, official)
            self.add(node, LG.inAgency, agency)
            self.zh(node, LG.title, post.title)
            self.add(official, ORG.memberOf, agency)
            for span in post.evidence:
                self.evidence(node, span)
        for p in m.participations:
            event, who = self.iri[p.event], self.iri[p.participant]
            node = ox.NamedNode(ids.relation("participation", event.value, who.value, p.role))
            self.add(node, RDF.type, LG.Participation)
            self.add(node, LG.inEvent, event)
            self.add(node, LG.participant, who)
            self.add(node, LG.role, _ROLE[p.role])
            self.add(event, LG.participation, node)
            if p.role in ("chaired", "attended", "spoke"):
                self.add(event, SCHEMA.attendee, who)
            else:
                self.add(event, LG.organizer, who)
                self.add(event, SCHEMA.organizer, who)
            for span in p.evidence:
                self.evidence(node, span)
        for promo in m.promotions:
            by, law = self.iri[promo.by], self.iri[promo.law]
            node = ox.NamedNode(ids.relation("promotion", by.value, law.value))
            self.add(node, RDF.type, LG.Promotion)
            self.add(node, LG.promoter, by)
            self.add(node, LG.promotedLaw, law)
            self.add(by, LG.promotesLaw, law)
            for span in promo.evidence:
                self.evidence(node, span)
        for measure in m.measures:
            first = measure.evidence[0]
            node = ox.NamedNode(ids.measure(self.report_id, first.start, first.end))
            self.add(node, RDF.type, LG.Measure)
            self.add(node, LG.measureOf, self.iri[measure.of])
            self.add(node, LG.value, decimal_literal(measure.value))
            self.zh(node, LG.unit, measure.unit)
            self.add(node, LG.qualifier, _QUALIFIER[measure.qualifier])
            if measure.marker:
                self.zh(node, LG.marker, measure.marker)
            self.zh(node, LG.counted, measure.counted)
            if measure.period:
                first, _, last = measure.period.partition("/")
                self.add(node, LG.period, date_literal(first))
                if last:
                    self.add(node, LG.endDate, date_literal(last))
            for span in measure.evidence:
                self.evidence(node, span)


def build_report(facts: Facts) -> ReportGraph:
    """The triples of one report's named graph (its IRI is the report's), with the search keys
    of its labels."""
    report = _Builder(facts).build()
    return ReportGraph(report.iri, report.triples + search_key_triples(report.triples))


def report_quads(facts: Facts) -> list[ox.Quad]:
    """The quads of one report's named graph (its IRI is the report's)."""
    return build_report(facts).quads()


_LABELS = frozenset({RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel})
# what search ignores: white space (Unicode White_Space, as SPARQL's regex \s), - _ · ・
_IGNORED = re.compile(
    "[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000_·・-]"
)


def search_key(label: str) -> str:
    """A label as search compares it: what it ignores removed, then lower-cased — the value of
    ``LCASE(REPLACE(STR(?label), "[\\s\\-_·・]", ""))`` in SPARQL."""
    return _IGNORED.sub("", label).lower()


def search_key_triples(triples: Iterable[Triple]) -> list[Triple]:
    """``lg:searchKey`` triples for the labels among ``triples`` (rdfs:label, skos:prefLabel,
    skos:altLabel, skos:hiddenLabel): one per distinct key of a subject. The search query starts
    from these plain strings."""
    keys: dict[Triple, None] = {}
    for s, p, o in triples:
        if p in _LABELS and isinstance(o, ox.Literal):
            key = search_key(o.value)
            if key:
                keys[s, LG.searchKey, ox.Literal(key)] = None
    return list(keys)


_LABEL_VALUES = " ".join(sorted(str(p) for p in _LABELS))
_KEY_OF_LABEL = 'LCASE(REPLACE(STR(?label), "[\\\\s\\\\-_·・]", ""))'
HAS_REPORTS = f"ASK {{ GRAPH ?g {{ ?report a {LG.Report} }} }}"
HAS_SEARCH_KEYS = f"ASK {{ GRAPH ?g {{ ?s {LG.searchKey} ?key }} }}"


def search_keys_update(graphs: Sequence[str] | None = None) -> str:
    """A SPARQL update adding the ``lg:searchKey`` of every label of ``graphs`` (default: every
    named graph) — the keys :func:`search_key_triples` makes, for graphs that lack them; keys
    already there are left as they are."""
    where = f"VALUES ?g {{ {' '.join(f'<{g}>' for g in graphs)} }}\n" if graphs is not None else ""
    return (
        f"INSERT {{ GRAPH ?g {{ ?s {LG.searchKey} ?key }} }} WHERE {{\n{where}"
        f"VALUES ?p {{ {_LABEL_VALUES} }}\nGRAPH ?g {{ ?s ?p ?label }}\nFILTER(isLiteral(?label))\n"
        f"BIND({_KEY_OF_LABEL} AS ?key)\nFILTER(STRLEN(?key) > 0)\n}}"
    )


def report_graph(facts: Facts) -> str:
    """The IRI of the report's named graph."""
    return ids.report(facts.report.id)


_SLUG_FILE = re.compile(r"[^A-Za-z0-9._-]+")


def source_graph(file_name: str) -> str:
    """The named graph an RDF file loads into when it names none: one per file name."""
    return f"{ids.BASE}source/{_SLUG_FILE.sub('-', file_name).strip('-') or 'file'}"
