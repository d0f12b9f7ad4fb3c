"""Rendering pages: one Jinja2 environment (autoescaped), the request's language, and the
friendly HTML error page."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse

from lawgraph import __version__
from lawgraph.web import i18n
from lawgraph.web.terms import COLOURS, local_path, shorten, term_label

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SECURITY_HEADERS = {
    # Everything the pages load comes from this app: the browser refuses anything else.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@cache
def environment() -> Environment:
    """The template environment: autoescaping on for every template."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["local"] = local_path
    env.filters["shorten"] = shorten
    env.filters["capfirst"] = lambda s: s[:1].upper() + s[1:]
    env.globals["colours"] = COLOURS
    env.globals["version"] = __version__
    return env


def language(request: Request) -> str:
    """The interface language of a request (see :mod:`lawgraph.web.i18n`)."""
    return i18n.pick_language(
        request.query_params.get("lang"),
        request.cookies.get(i18n.COOKIE),
        request.headers.get("accept-language"),
    )


def switch_url(request: Request, lang: str) -> str:
    """This page's URL in the other language."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    items.append(("lang", "en" if lang == "zh" else "zh"))
    return f"{request.url.path}?{urlencode(items)}"


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` in the request's language, with the security headers; a ``lang``
    parameter is remembered in a cookie."""
    lang = language(request)

    def t(key: str, **values: object) -> str:
        return i18n.translate(key, lang, **values)

    def term(iri: str) -> str:
        return term_label(iri, lang)

    html = (
        environment()
        .get_template(template)
        .render(
            request=request,
            lang=lang,
            t=t,
            term=term,
            switch_url=switch_url(request, lang),
            path=request.url.path,
            **context,
        )
    )
    headers = dict(SECURITY_HEADERS)
    headers["Vary"] = "Accept, Accept-Language, Cookie"
    headers["Content-Language"] = "zh-CN" if lang == "zh" else "en"
    response = HTMLResponse(html, status_code=status, headers=headers)
    chosen = request.query_params.get("lang")
    if chosen in i18n.LANGUAGES:
        response.set_cookie(
            i18n.COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax", httponly=True
        )
    return response


def error_page(request: Request, status: int, message: str | None = None) -> HTMLResponse:
    """The friendly error page: what happened, in the request's language, and a way back."""
    lang = language(request)
    if status == 404:
        title = i18n.translate("error.notfound", lang)
        text = message or i18n.translate("error.notfound.text", lang)
    elif status == 503:
        title = i18n.translate("error.title", lang)
        text = i18n.translate("error.busy", lang)
    else:
        title = i18n.translate("error.title", lang)
        text = message or title
    return render(
        request, "error.html", status=status, title=title, message=text, status_code=status
    )
