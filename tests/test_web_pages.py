"""The web pages, without a browser: what each route serves on the seed report, content
negotiation on IRIs, the language, escaping, and that nothing refers to another host."""

from __future__ import annotations

import html as html_module
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from seed import SEED_REPORT, SEED_TEXT, seed_store_at

from lawgraph import ids, web
from lawgraph.api.app import create_app
from lawgraph.settings import Settings
from lawgraph.web.render import STATIC, TEMPLATES

FUSHUN = "210400"
DAI = ids.official(FUSHUN, "戴小梅")
DAI_PATH = "/id/" + DAI.removeprefix(ids.BASE)
REPORT_PATH = "/id/" + SEED_REPORT.removeprefix(ids.BASE)
ZH = {"Accept": "text/html", "Accept-Language": "zh-CN,zh;q=0.9"}
EN = {"Accept": "text/html", "Accept-Language": "en-GB,en;q=0.9"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("web-pages") / "store"
    seed_store_at(path)
    app = create_app(Settings(store=path, workers=1, seed=False))
    web.install(app)
    with TestClient(app) as test_client:
        yield test_client


def page(client: TestClient, url: str, headers: dict[str, str] = ZH, status: int = 200) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def visible(html: str) -> str:
    """The page's text, tags removed, runs of white space as one space."""
    html = re.sub(r"<script[^>]*>.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the editor ------------------------------------------------------------------------------------


def test_the_editor_loads_yasgui_from_this_host(client: TestClient) -> None:
    response = client.get("/", headers=ZH)
    html = response.text
    assert 'id="yasgui"' in html and 'data-endpoint="/sparql"' in html
    for src in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert src.startswith(("/", "#", "?")), src
    assert "/static/vendor/yasgui/yasgui.min.js" in html
    assert "default-src 'self'" in response.headers["content-security-policy"]
    examples = json.loads(re.search(r'id="examples">(.*?)</script>', html, re.S).group(1))
    assert any("CONSTRUCT" in e["query"] for e in examples)
    assert any(e["id"] == "canned-laws-by-campaign" for e in examples)
    assert all("PREFIX lg: <https://w3id.org/lawgraph/ns#>" in e["query"] for e in examples)


def test_static_and_vendored_files_are_served_with_their_licences(client: TestClient) -> None:
    for path, kind in [
        ("/static/vendor/yasgui/yasgui.min.js", "javascript"),
        ("/static/vendor/yasgui/yasgui.min.css", "css"),
        ("/static/vendor/cytoscape/cytoscape.min.js", "javascript"),
        ("/static/app.css", "css"),
        ("/static/graph.js", "javascript"),
    ]:
        response = client.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"], path
    for licence in ("yasgui/LICENSE", "yasgui/THIRD-PARTY-LICENSES.txt", "cytoscape/LICENSE"):
        assert "Permission is hereby granted" in (STATIC / "vendor" / licence).read_text()
    versions = (STATIC / "vendor" / "VERSIONS").read_text()
    assert "@zazuko/yasgui 4.6.2" in versions and "cytoscape 3.35.0" in versions
    assert client.get("/favicon.ico").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/static/../settings.py",
        "/static/%2e%2e/render.py",
        "/static/..%2f..%2fapi/app.py",
        "/static/vendor/../../templates/base.html",
        "/static//etc/passwd",
    ],
)
def test_no_route_reads_outside_the_static_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "from __future__" not in response.text and "<!doctype" not in response.text


def test_our_pages_and_scripts_name_no_other_host() -> None:
    """Outside the vendored files, every http(s) URL is an RDF namespace or lawgraph IRI (data,
    never fetched); the scripts fetch relative URLs only."""
    allowed = ("https://w3id.org/lawgraph/", "http://www.w3.org/")
    for folder in (TEMPLATES, STATIC):
        for path in folder.rglob("*"):
            if path.is_dir() or "vendor" in path.parts:
                continue
            for url in re.findall(r"https?://[^\s\"'<>)]+", path.read_text()):
                assert url.startswith(allowed), (path.name, url)
    for script in STATIC.glob("*.js"):
        for call in re.findall(r"fetch\(([^,)]+)", script.read_text()):
            assert "http" not in call, (script.name, call)


# --- language --------------------------------------------------------------------------------------


def test_the_language_follows_the_browser_with_a_switch(client: TestClient) -> None:
    assert "常用问题" in page(client, "/questions", ZH)
    english = page(client, "/questions", EN)
    assert "Canned questions" in english and '<html lang="en">' in english
    response = client.get("/questions?lang=zh", headers=EN)
    assert '<html lang="zh-CN">' in response.text
    assert response.cookies.get("lawgraph_lang") == "zh"
    # the cookie now wins over the browser's language
    assert '<html lang="zh-CN">' in client.get("/questions", headers=EN).text
    client.cookies.clear()
    assert "?lang=zh" in english  # the switch link


# --- canned questions -----------------------------------------------------------------------------


def test_the_questions_page_lists_every_question(client: TestClient) -> None:
    html = page(client, "/questions", EN)
    for name in ("laws-by-campaign", "official-posts", "search", "evidence", "events"):
        assert f'href="/questions/{name}"' in html


def test_a_form_has_a_widget_per_parameter_type(client: TestClient) -> None:
    events = page(client, "/questions/events", EN)
    assert re.search(r'<input type="date" id="f-from" name="from"', events)
    assert re.search(r'<input type="date" id="f-to" name="to"', events)
    assert 'data-search-type="lg:Agency"' in events and 'name="agency.label"' in events
    assert 'role="combobox"' in events and 'aria-controls="f-agency-list"' in events
    laws = page(client, "/questions/laws-by-campaign", EN)
    assert 'inputmode="numeric" pattern="[0-9]{4}"' in laws
    roles = page(client, "/questions/event-participants", EN)
    assert '<select id="f-role" name="role">' in roles and '<option value="chaired"' in roles
    search = page(client, "/questions/search", EN)
    assert '<select id="f-type" name="type">' in search and 'value="lg:Official"' in search
    assert "(required)" in search
    for html in (events, laws, roles, search):
        assert re.search(r'<label for="f-', html)  # every input is labelled


def test_a_question_without_required_parameters_answers_at_once(client: TestClient) -> None:
    html = page(client, "/questions/laws-by-campaign", ZH)
    assert '<table class="answer">' in html and "中华人民共和国宪法" in html
    assert 'href="/queries/laws-by-campaign.csv?limit=' in html
    graph = json.loads(re.search(r'class="graph-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    kinds = {n["data"]["kind"] for n in graph["nodes"]}
    assert kinds == {"Campaign", "Law"} and len(graph["edges"]) > 10


def test_a_name_typed_in_a_picker_is_looked_up(client: TestClient) -> None:
    html = page(client, "/questions/official-posts?run=1&official=&official.label=戴小梅", ZH)
    text = visible(html)
    assert "共 3 行" in text
    for title in ("市委常委", "宣传部长", "守法普法协调小组组长"):
        assert title in text
    assert f'name="official" value="{DAI}"' in html
    by_pinyin = page(client, "/questions/official-posts?run=1&official.label=daixiaomei", ZH)
    assert "共 3 行" in visible(by_pinyin)


def test_an_unknown_name_is_shown_beside_its_field(client: TestClient) -> None:
    html = page(client, "/questions/official-posts?run=1&official.label=无此人", EN, 400)
    assert 'class="field-error"' in html and "无此人" in html
    bad = page(client, "/questions/laws-by-campaign?run=1&year=19x9", EN, 400)
    assert re.search(r'id="f-year-error" class="field-error"[^>]*>[^<]*is not a year', bad)


def test_values_are_escaped_in_pages(client: TestClient) -> None:
    evil = '<script>alert("x")</script>'
    html = page(client, f"/questions/search?run=1&text={evil}", EN)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    html = page(client, f"/questions/official-posts?run=1&official.label={evil}", EN, 400)
    assert "<script>alert" not in html


def test_question_pages_page(client: TestClient) -> None:
    html = page(client, "/questions/laws-by-campaign?limit=5", EN)
    assert "16 rows; showing 1–5" in visible(html)
    assert re.search(r'rel="next" href="/questions/laws-by-campaign\?[^"]*offset=5"', html)
    second = page(client, "/questions/laws-by-campaign?limit=5&offset=5", EN)
    assert "showing 6–10" in visible(second) and 'rel="prev"' in second


def test_an_unknown_question_is_a_friendly_404(client: TestClient) -> None:
    html = page(client, "/questions/nope", EN, 404)
    assert "Page not found" in html and "Traceback" not in html


# --- entity pages ---------------------------------------------------------------------------------


def test_dai_xiaomeis_page_shows_her_posts_with_their_source_sentences(client: TestClient) -> None:
    html = page(client, DAI_PATH, ZH)
    text = visible(html)
    assert '<h1 lang="zh">戴小梅</h1>' in html
    assert "daixiaomei" in text
    for title, agency in [("市委常委", "抚顺市委"), ("宣传部长", "抚顺市委宣传部")]:
        assert f"戴小梅 — {title} · {agency}" in text
    assert "<mark>宣传部长</mark>" in html and "<mark>守法普法协调小组组长</mark>" in html
    unmarked = html.replace("<mark>", "").replace("</mark>", "")
    assert "市委常委、宣传部长、守法普法协调小组组长戴小梅出席会议并做重要讲话。" in unmarked
    assert f'href="{REPORT_PATH}#c' in html
    assert "讲话" in text  # her participation
    graph = json.loads(re.search(r'class="graph-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert {n["data"]["label"] for n in graph["nodes"]} >= {"戴小梅", "抚顺市委宣传部"}


def test_iris_dereference_by_content_negotiation(client: TestClient) -> None:
    turtle = client.get(DAI_PATH, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    triples = [q.triple for q in ox.parse(turtle.content, ox.RdfFormat.TURTLE)]
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert ox.Triple(ox.NamedNode(DAI), label, ox.Literal("戴小梅", language="zh")) in triples
    titles = {t.object.value for t in triples if t.predicate.value.endswith("#title")}
    assert titles == {"市委常委", "宣传部长", "守法普法协调小组组长"}
    quotes = {t.object.value for t in triples if t.predicate.value.endswith("#quote")}
    assert "宣传部长" in quotes
    jsonld = client.get(DAI_PATH, headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert len(list(ox.parse(jsonld.content, ox.RdfFormat.JSON_LD))) == len(triples)
    by_format = client.get(DAI_PATH + "?format=nt", headers=ZH)
    assert by_format.headers["content-type"].startswith("application/n-triples")
    browser = client.get(DAI_PATH, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.headers["content-type"].startswith("text/html")
    assert client.get(DAI_PATH, headers={"Accept": "image/png"}).status_code == 406


def test_fact_nodes_and_places_dereference_too(client: TestClient) -> None:
    html = page(client, "/id/place/210400", EN)
    assert "抚顺市" in html
    tenure = ids.relation("tenure", DAI, "宣传部长", ids.agency(FUSHUN, "抚顺市委宣传部"))
    html = page(client, "/id/" + tenure.removeprefix(ids.BASE), EN)
    assert "<mark>宣传部长</mark>" in html and "戴小梅" in visible(html)


@pytest.mark.parametrize(
    "path",
    [
        "/id/official/nobody-00000000",
        "/id/official/x%3E%20%7D%20DROP%20ALL",
        "/id/official/%22%3E%3Cscript%3E",
        "/id/..%2f..%2fetc/passwd",
        "/id/official",
        "/id/a/b/c/d/e/f/g/h",
    ],
)
def test_unknown_or_malformed_iris_are_friendly_404s(client: TestClient, path: str) -> None:
    response = client.get(path, headers=EN)
    assert response.status_code == 404
    assert "Page not found" in response.text and "<script>" not in response.text.split("<body")[1]
    rdf = client.get(path, headers={"Accept": "text/turtle"})
    assert rdf.status_code == 404 and rdf.json()["status"] == 404


# --- the report page --------------------------------------------------------------------------------


def test_the_report_page_highlights_mentions_by_kind_and_lists_its_facts(
    client: TestClient,
) -> None:
    html = page(client, REPORT_PATH, EN)
    assert "全面依法治市工作推进会议(抚顺强化法治引领)" in html
    body = html.split('class="report-text"', 1)[1].split("</div>", 1)[0]
    kinds = set(re.findall(r'class="m k-(\w+)', body))
    assert {"Official", "Agency", "Law", "Campaign", "Event", "Measure"} <= kinds
    assert re.search(
        rf'<a id="c\d+" class="m k-Official[^"]*" href="{DAI_PATH}"[^>]*>戴小梅</a>', body
    )
    assert 'class="fact f-Tenure' in body or "fact f-Tenure" in body
    assert "Facts drawn from this report" in html
    text = visible(html)
    assert "戴小梅 — 宣传部长 · 抚顺市委宣传部" in text
    anchors = set(re.findall(r'href="#c(\d+)"', html))
    ids_in_text = set(re.findall(r'id="c(\d+)"', body))
    assert anchors and anchors <= ids_in_text
    # the whole text is there, in order, once the markup is removed
    plain = html_module.unescape(re.sub(r"<[^>]+>", "", body.split(">", 1)[1]))
    assert plain == SEED_TEXT.read_text(encoding="utf-8")


def test_the_reports_page_links_each_report(client: TestClient) -> None:
    html = page(client, "/reports", EN)
    assert f'href="{REPORT_PATH}"' in html


def test_pages_are_not_in_the_api_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not any(p.startswith(("/id/", "/questions")) or p == "/" for p in paths)


def test_templates_autoescape() -> None:
    from lawgraph.web.render import environment

    assert environment().from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_the_vendor_script_pins_its_versions() -> None:
    script = (Path(__file__).resolve().parents[1] / "scripts" / "vendor-web").read_text()
    assert "YASGUI_VERSION=4.6.2" in script and "CYTOSCAPE_VERSION=3.35.0" in script
