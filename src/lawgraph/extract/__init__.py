"""The extractor: report text in, entities and relations out (issue 7).

Rules and gazetteers, no model: each kind of thing has its own recogniser module (``laws``,
``officials``, ``agencies``, ``places``, ``campaigns``, ``events``, ``quantities``, ``dates``), the
longest span wins where they overlap (``spans``), ``pipeline`` groups mentions into entities with
normalised values, ``relations`` ties them together, and the writers turn the result into a facts
file (``factsfile``, ``merge``) or the interchange JSON (``interchange``) that ``score`` compares
with a person's annotation. ``command`` is the ``lawgraph extract`` CLI.
"""

from lawgraph.extract.interchange import to_dict
from lawgraph.extract.model import Entity, Extraction, Mention, Relation
from lawgraph.extract.pipeline import extract

__all__ = ["Entity", "Extraction", "Mention", "Relation", "extract", "to_dict"]
