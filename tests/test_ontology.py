"""The code, the queries and the shapes use only terms the ontology defines, and the ontology
labels and defines every local term in Chinese and English."""

from __future__ import annotations

import re
from pathlib import Path

import rdflib
from seed import SEED_REPORT, seed_store

from lawgraph.ids import NS
from lawgraph.vocab import LG_TERMS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = rdflib.Graph().parse(ROOT / "ontology" / "lawgraph.ttl")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
DEFINED = {str(s)[len(NS) :] for s in ONTOLOGY.subjects() if str(s).startswith(NS) and str(s) != NS}
DECLARED = {str(s) for s in ONTOLOGY.subjects(rdflib.RDF.type, None)}


def test_the_vocabulary_module_matches_the_ontology() -> None:
    assert set(LG_TERMS) == DEFINED


def test_every_local_term_has_zh_and_en_labels_and_definitions() -> None:
    for term in DEFINED:
        node = rdflib.URIRef(NS + term)
        for prop in (rdflib.RDFS.label, SKOS.definition):
            langs = {o.language for o in ONTOLOGY.objects(node, prop)}
            assert {"zh", "en"} <= langs, f"lg:{term} lacks {prop} in zh or en"


def test_every_local_class_and_property_refines_a_standard_term() -> None:
    for term in DEFINED:
        node = rdflib.URIRef(NS + term)
        kinds = set(ONTOLOGY.objects(node, rdflib.RDF.type))
        if rdflib.OWL.Class in kinds:
            parents = set(ONTOLOGY.objects(node, rdflib.RDFS.subClassOf))
            assert parents, f"lg:{term} is a class with no superclass"


def _lg_terms_in(text: str, pattern: str) -> set[str]:
    return set(re.findall(pattern, text))


def test_the_code_uses_only_defined_terms() -> None:
    used: set[str] = set()
    for path in (ROOT / "src").rglob("*.py"):
        used |= _lg_terms_in(path.read_text(encoding="utf-8"), r"\bLG\.([A-Za-z]\w*)")
        used |= _lg_terms_in(path.read_text(encoding="utf-8"), r"\blg:([A-Za-z]\w*)")
    for path in [*(ROOT / "queries").glob("*.rq"), ROOT / "ontology" / "shapes.ttl"]:
        used |= _lg_terms_in(path.read_text(encoding="utf-8"), r"\blg:([A-Za-z]\w*)")
    assert used, "found no term at all: the scan is broken"
    assert used - DEFINED == set()


def test_the_loaded_graph_uses_only_declared_terms() -> None:
    predicates, classes = set(), set()
    for quad in seed_store().quads(SEED_REPORT):
        predicates.add(quad.predicate.value)
        if quad.predicate.value == str(rdflib.RDF.type):
            classes.add(quad.object.value)
    undeclared = {
        t for t in predicates | classes if t not in DECLARED and t != str(rdflib.RDF.type)
    }
    assert undeclared == set()
