"""A canned question's page: a form generated from its typed parameters, and its answer as a
table (with CSV download) and, when the answer is a network, a graph.

Widgets by parameter type: ``iri`` with a class → an entity picker (search over Chinese names,
short names and pinyin through the ``search`` question); the ``type`` parameter of ``search`` → a
choice of classes; ``string`` with choices → a select; ``date`` → a date picker; ``year`` and
``integer`` → numeric inputs. A picker sends the IRI it chose; a name typed without choosing is
looked up (an exact match, else the single match) so the form also works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI

from lawgraph.api.queries import run_page
from lawgraph.catalog import BadParameter, CannedQuery, Page, Param, check_iri, expand_iri
from lawgraph.ids import NS
from lawgraph.web import i18n
from lawgraph.web.terms import KINDS, shorten, term_label

LABEL_SUFFIX = ".label"
"""A picker's visible text field is ``{param}.label``; the IRI goes in ``{param}``."""
PAGE_SIZES = (20, 50, 100, 500)
DEFAULT_PAGE = 50
SEARCHABLE = (
    "Official",
    "Agency",
    "Law",
    "Campaign",
    "Event",
    "Meeting",
    "Division",
    "Place",
    "Document",
)


@dataclass
class FormField:
    """One input of a question's form."""

    param: Param
    widget: str
    value: str = ""
    display: str = ""
    error: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    search_type: str = ""

    @property
    def name(self) -> str:
        return self.param.name


def widget_of(query: CannedQuery, p: Param) -> str:
    """The input a parameter gets: entity, class, select, date, year, integer or text."""
    if p.type == "iri":
        return "class" if query.name == "search" and p.name == "type" else "entity"
    if p.type == "string":
        return "select" if p.choices else "text"
    return p.type


def build_form(query: CannedQuery, raw: Mapping[str, str], lang: str) -> list[FormField]:
    """The form's fields, filled with the request's values."""
    fields = []
    for p in query.params:
        w = widget_of(query, p)
        f = FormField(p, w, raw.get(p.name, "") or "", raw.get(p.name + LABEL_SUFFIX, "") or "")
        if w == "select":
            f.options = [(c, c) for c in p.choices]
        elif w == "class":
            f.options = [(f"lg:{k}", term_label(NS + k, lang)) for k in SEARCHABLE]
        elif w == "entity" and len(p.classes) == 1:
            f.search_type = shorten(p.classes[0])
        fields.append(f)
    return fields


async def resolve(app: FastAPI, fields: list[FormField], lang: str) -> dict[str, str]:
    """The raw parameters to run the question with: each picker's IRI, or the entity its typed
    name finds. Sets ``error`` on a field whose name finds nothing (or too much)."""
    from lawgraph.api.queries import catalog_of

    params: dict[str, str] = {}
    search = catalog_of(app).get("search")
    for f in fields:
        value = f.value.strip()
        typed = f.display.strip()
        if f.widget != "entity" or value or not typed:
            if value:
                params[f.name] = value
            continue
        if check_iri(expand_iri(typed)) is None:  # an IRI typed by hand
            params[f.name] = typed
            f.value = typed
            continue
        wanted = {"text": typed} | ({"type": f.search_type} if f.search_type else {})
        page = await run_page(app, search, wanted, limit=5)
        records = page.records()
        exact = [r for r in records if r.get("score") == 0]
        chosen = exact[0] if len(exact) == 1 else (records[0] if len(records) == 1 else None)
        if chosen is None:
            f.error = i18n.translate("question.notfound", lang, text=typed)
            continue
        f.value = str(chosen["entity"])
        f.display = str(chosen["label"])
        params[f.name] = f.value
    return params


async def fill_displays(app: FastAPI, fields: list[FormField]) -> None:
    """Give each picker holding an IRI the entity's label (for the visible field)."""
    from lawgraph.web.data import iri_term, rows, text

    for f in fields:
        if f.widget != "entity" or not f.value or f.display:
            continue
        try:
            term = iri_term(expand_iri(f.value))
        except ValueError:
            f.display = f.value
            continue
        found = await rows(
            app,
            f'SELECT ?l WHERE {{ {term} rdfs:label ?l FILTER(LANG(?l) = "zh") }} LIMIT 1',
        )
        f.display = text(found[0]["l"]) if found else f.value


@dataclass
class Answer:
    """A question's answer as a page shows it."""

    page: Page
    records: list[dict[str, Any]]
    shown: list[str]
    "the columns shown (``xLabel`` columns fold into the link of ``x``)"
    graph: dict[str, list[dict[str, Any]]] | None
    csv_url: str
    json_url: str
    next_url: str | None
    previous_url: str | None


def shown_columns(columns: tuple[str, ...]) -> list[str]:
    """Columns to show: a ``…Label`` column is folded into its entity column (and ``label`` into
    ``entity``).

    >>> shown_columns(("law", "lawLabel", "year"))
    ['law', 'year']
    >>> shown_columns(("entity", "label", "score"))
    ['entity', 'score']
    """
    return [
        c
        for c in columns
        if not (c.endswith("Label") and c[: -len("Label")] in columns)
        and not (c == "label" and "entity" in columns)
    ]


async def answer(
    app: FastAPI,
    query: CannedQuery,
    params: dict[str, str],
    *,
    limit: str | None,
    offset: str | None,
    lang: str,
    page_path: str,
    extra: Mapping[str, str],
) -> Answer:
    """Run one page of ``query`` and shape it for the page.

    :raises BadParameter: as :func:`lawgraph.api.queries.run_page`.
    """
    from lawgraph.web.graph import answer_graph

    page = await run_page(app, query, params, limit=limit or DEFAULT_PAGE, offset=offset)
    records = page.records()
    base = [(k, v) for k, v in params.items()]
    data_query = urlencode(base)
    csv_url = f"/queries/{query.name}.csv?" + urlencode([*base, ("limit", str(_csv_limit(app)))])
    json_url = f"/queries/{query.name}?{data_query}"
    keep = [*base, *((k, v) for k, v in extra.items() if v)]

    def at(offset_value: int | None) -> str | None:
        if offset_value is None:
            return None
        items = [*keep, ("limit", str(page.limit)), ("offset", str(offset_value))]
        return f"{page_path}?{urlencode(items)}"

    previous = max(page.offset - page.limit, 0) if page.offset > 0 else None
    return Answer(
        page=page,
        records=records,
        shown=shown_columns(page.columns),
        graph=answer_graph(page.columns, records, lang),
        csv_url=csv_url,
        json_url=json_url,
        next_url=at(page.next_offset),
        previous_url=at(previous),
    )


def _csv_limit(app: FastAPI) -> int:
    from lawgraph.api.queries import max_limit

    return max_limit(app.state.settings)


def page_sizes(current: int) -> list[int]:
    return sorted({*PAGE_SIZES, current})


def kinds() -> tuple[str, ...]:
    return KINDS


__all__ = ["BadParameter", "FormField", "answer", "build_form", "fill_displays", "resolve"]
