"""The web pages' routes:

* ``/`` — the SPARQL editor (YASGUI) on ``/sparql``, with examples;
* ``/questions`` and ``/questions/{name}`` — the canned questions, a form for each;
* ``/reports`` — the reports in the store;
* ``/docs`` — the OpenAPI document (``/openapi.json``) in Swagger UI;
* ``/id/{path}`` — every lawgraph IRI (``https://w3id.org/lawgraph/id/{path}``) dereferenced:
  HTML for a browser (a report's page for a report), Turtle / JSON-LD / N-Triples / RDF/XML by
  content negotiation (or ``?format=``).

HTML routes answer errors with a friendly page in the reader's language, never a traceback.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from starlette.responses import Response

from lawgraph.api.errors import error_response, status_of
from lawgraph.api.params import param_items
from lawgraph.api.queries import catalog_of, quality
from lawgraph.catalog import BadParameter, UnknownQuery
from lawgraph.errors import LawgraphError
from lawgraph.ids import NS
from lawgraph.web import questions as q
from lawgraph.web.data import rows, text
from lawgraph.web.entity import describe, fetch_entity, neighbour_graph
from lawgraph.web.examples import editor_examples
from lawgraph.web.render import error_page, language, render
from lawgraph.web.report import fact_start, fetch_report, highlighted
from lawgraph.web.terms import COLOURS, FACT_TYPES, KINDS, iri_of_path, term_label

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)

RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml",
}
FORMAT_NAMES = {
    "html": "html",
    "ttl": "turtle",
    "turtle": "turtle",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "nt": "ntriples",
    "ntriples": "ntriples",
    "rdf": "rdfxml",
    "rdfxml": "rdfxml",
}


def wants(accept: str | None, format_param: str | None) -> str | None:
    """``html`` or an RDF format name for ``/id/…``; None when nothing offered is acceptable.

    >>> wants("text/html,application/xhtml+xml,*/*;q=0.8", None)
    'html'
    >>> wants("text/turtle", None), wants("application/ld+json", None), wants(None, "ttl")
    ('turtle', 'jsonld', 'turtle')
    """
    if format_param:
        return FORMAT_NAMES.get(format_param.strip().lower())
    if not accept or not accept.strip():
        return "html"
    offers = {"text/html": "html", "application/xhtml+xml": "html", **RDF_TYPES}
    best, best_q = None, 0.0
    for media, name in offers.items():  # ties go to the first offered: HTML
        qv = quality(accept, media)
        if qv > best_q:
            best, best_q = name, qv
    return best


async def _guarded(request: Request, coroutine) -> Response:  # type: ignore[no-untyped-def]
    """Run a page handler; lawgraph's errors become the friendly error page."""
    try:
        return await coroutine  # type: ignore[no-any-return]
    except LawgraphError as exc:
        status = status_of(exc)
        if status >= 500:
            log.warning("page %s failed: %s", request.url.path, exc)
        return error_page(request, status, None if status >= 500 else str(exc))
    except Exception:  # a bug: logged, and the reader gets a page, not a traceback
        log.exception("page %s failed", request.url.path)
        return error_page(request, 500)


# --- the editor -----------------------------------------------------------------------------------


@router.get("/")
async def editor(request: Request) -> Response:
    lang = language(request)
    examples = editor_examples(catalog_of(request.app))
    return render(request, "editor.html", examples=examples, ui_lang=lang)


# --- canned questions ----------------------------------------------------------------------------


@router.get("/questions")
async def question_list(request: Request) -> Response:
    return render(request, "questions.html", queries=list(catalog_of(request.app)))


@router.get("/questions/{name}")
async def question(name: str, request: Request) -> Response:
    return await _guarded(request, _question(name, request))


async def _question(name: str, request: Request) -> Response:
    app = request.app
    try:
        query = catalog_of(app).get(name)
    except UnknownQuery:
        return error_page(request, 404)
    lang = language(request)
    raw = dict(param_items(request.scope["query_string"], "URL query string"))
    fields = q.build_form(query, raw, lang)
    submitted = any(k in raw for k in ("run", *(p.name for p in query.params)))
    run = submitted or not any(p.required for p in query.params)
    result = None
    problem = ""
    status = 200
    if run:
        params = await q.resolve(app, fields, lang)
        if not any(f.error for f in fields):
            try:
                result = await q.answer(
                    app,
                    query,
                    params,
                    limit=raw.get("limit"),
                    offset=raw.get("offset"),
                    lang=lang,
                    page_path=request.url.path,
                    extra={"lang": raw.get("lang", "")},
                )
            except BadParameter as exc:
                status = 400
                target = next((f for f in fields if f.name == exc.param), None)
                if target is not None and submitted:
                    target.error = exc.problem
                elif submitted:
                    problem = str(exc)
                else:
                    status = 200  # a required parameter not given yet: just the form
        else:
            status = 400
    await q.fill_displays(app, fields)
    limit = int(raw["limit"]) if raw.get("limit", "").isdigit() else q.DEFAULT_PAGE
    return render(
        request,
        "question.html",
        status=status,
        query=query,
        fields=fields,
        result=result,
        problem=problem,
        limit=limit,
        page_sizes=q.page_sizes(limit),
        kind_labels={k: term_label(NS + k, lang) for k in KINDS},
    )


# --- reports ---------------------------------------------------------------------------------------


@router.get("/reports")
async def report_list(request: Request) -> Response:
    return await _guarded(request, _report_list(request))


async def _report_list(request: Request) -> Response:
    found = await rows(
        request.app,
        """
SELECT ?report ?label ?published (COUNT(DISTINCT ?entity) AS ?entities) WHERE {
  ?report a lg:Report .
  OPTIONAL { ?report rdfs:label ?label FILTER(LANG(?label) = "zh") }
  OPTIONAL { ?report lg:published ?published }
  OPTIONAL { ?report lg:mentions ?entity }
}
GROUP BY ?report ?label ?published
ORDER BY DESC(STR(?published)) ?report
LIMIT 1000""",
    )
    reports = [
        {
            "iri": text(r["report"]),
            "label": text(r["label"]),
            "published": text(r["published"]),
            "entities": text(r["entities"]),
        }
        for r in found
    ]
    return render(request, "reports.html", reports=reports)


# --- dereferencing IRIs ----------------------------------------------------------------------------


@router.get("/id/{path:path}")
async def dereference(path: str, request: Request) -> Response:
    iri = iri_of_path(path)
    fmt = wants(request.headers.get("accept"), request.query_params.get("format"))
    if iri is None:
        if fmt in (None, "html"):
            return error_page(request, 404)
        return error_response(404, f"no lawgraph IRI is served at /id/{path}")
    if fmt is None:
        offered = ", ".join(["text/html", *RDF_TYPES])
        return error_response(406, f"no acceptable format; /id/ offers {offered}")
    if fmt != "html":
        answer = await describe(request.app, iri, fmt)
        if answer.rows == 0:
            return error_response(404, f"the graph says nothing about <{iri}>")
        headers = {
            "Vary": "Accept",
            "Link": f'<{request.url.path}>; rel="alternate"; type="text/html"',
            "X-Lawgraph-Truncated": "true" if answer.truncated else "false",
        }
        return Response(answer.body, media_type=answer.content_type, headers=headers)
    return await _guarded(request, _entity_page(iri, path, request))


async def _entity_page(iri: str, path: str, request: Request) -> Response:
    lang = language(request)
    if path.startswith("report/") and path.count("/") == 1:
        report = await fetch_report(request.app, iri)
        if report is not None:
            return render(
                request,
                "report.html",
                report=report,
                text_html=highlighted(report, lang),
                fact_start=fact_start,
                fact_types=FACT_TYPES,
                kinds=[k for k in COLOURS if k not in ("Literal", "Other", "Report", "Meeting")],
            )
    view = await fetch_entity(request.app, iri)
    if view is None:
        return error_page(request, 404)
    return render(
        request,
        "entity.html",
        view=view,
        graph=neighbour_graph(view, lang),
        rdf_links=[("Turtle", "ttl"), ("JSON-LD", "jsonld"), ("N-Triples", "nt")],
    )


@router.get("/docs")
async def api_docs(request: Request) -> Response:
    """The OpenAPI document in Swagger UI, served from ``static/`` like every other page (FastAPI's
    own page loads it from a CDN, which the Content-Security-Policy blocks)."""
    return render(request, "docs.html")


@router.get("/favicon.ico")
async def favicon() -> Response:
    from lawgraph.web.render import STATIC

    return Response((STATIC / "favicon.svg").read_bytes(), media_type="image/svg+xml")
