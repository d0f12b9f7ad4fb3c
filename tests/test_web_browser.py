"""The web pages in a real browser: Debian's Chromium driven by Playwright (no `playwright
install`), against the app serving the seed report from a real server process on 127.0.0.1.

Every test records the browser's console errors and every request it makes, and asserts that
there are none of the first and that all of the second went to the app. Screenshots of each
page, at desktop and phone width, go to ``$LAWGRAPH_SHOTS`` (default ``/tmp/lawgraph-shots``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from backends import free_port
from seed import seed_store_at

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(os.environ.get("LAWGRAPH_SHOTS", "/tmp/lawgraph-shots"))
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PRC = "中华人民共和国"

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - the test extras install it
    sync_playwright = None  # type: ignore[assignment]

if sync_playwright is None or not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(
            "browser tests need playwright (pip) and chromium (Debian) on CI", pytrace=False
        )
    pytest.skip("playwright or /usr/bin/chromium missing", allow_module_level=True)

SERVER = """
import sys
import uvicorn
from lawgraph import web
from lawgraph.api.app import create_app
from lawgraph.settings import Settings

app = create_app(Settings(store=sys.argv[1], workers=1, seed=False))
web.install(app)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app (with the web pages) over the seed, in its own process; stopped by its PID."""

    work = tmp_path_factory.mktemp("web-browser")
    store = work / "store"
    seed_store_at(store)
    port = free_port()
    log = (work / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(store), str(port)], stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/questions", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((work / "server.log").read_text())
            time.sleep(0.2)
        yield base
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@dataclass
class Session:
    """A browser context at one size, recording console errors and requests."""

    page: Page
    base: str
    size: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.wait_for_timeout(150)
        self.page.screenshot(path=str(SHOTS / f"{name}-{self.size}.png"), full_page=True)

    def fits(self) -> None:
        """Nothing is wider than the screen (the page does not scroll sideways)."""
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{self.page.url} is {overflow}px wider than the screen"

    def check(self) -> None:
        assert self.errors == [], self.errors
        app = urlsplit(self.base).netloc
        elsewhere = [u for u in self.requests if urlsplit(u).netloc not in (app, "")]
        assert elsewhere == [], elsewhere
        assert self.requests, "no request was recorded"


@pytest.fixture
def open_session(browser: Browser, server: str) -> Iterator[Callable[..., Session]]:
    sessions: list[Session] = []
    contexts = []

    def make(size: str = "desktop", locale: str = "zh-CN") -> Session:
        context = browser.new_context(
            viewport=DESKTOP if size == "desktop" else PHONE, locale=locale
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        s = Session(page, server, size)
        page.on("console", lambda m: m.type == "error" and s.errors.append(m.text))
        page.on("pageerror", lambda e: s.errors.append(f"uncaught: {e}"))
        page.on("requestfailed", lambda r: s.errors.append(f"failed: {r.url}"))
        page.on("request", lambda r: s.requests.append(r.url))
        sessions.append(s)
        return s

    yield make
    for context in contexts:
        context.close()
    for s in sessions:
        s.check()


# --- the editor ----------------------------------------------------------------------------------


def test_a_query_run_in_the_editor_shows_its_rows_and_a_graph(
    open_session: Callable[..., Session],
) -> None:
    s = open_session("desktop", "zh-CN")
    s.go("/")
    page = s.page
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr")
    rows = page.locator(".yasr table tbody tr")
    assert rows.count() == 16
    assert PRC + "宪法" in page.locator(".yasr table").inner_text()
    s.shot("editor")
    # a CONSTRUCT example, shown as a graph
    page.click("button.example[data-example=organisers]")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr .select_graph:not(.disabled)")
    page.click(".yasr .select_graph")
    graph = page.wait_for_selector("#yasr-graph[data-nodes]")
    assert int(graph.get_attribute("data-nodes") or 0) > 5
    assert int(graph.get_attribute("data-edges") or 0) > 5
    s.shot("editor-graph")

    phone = open_session("phone", "en-US")
    phone.go("/")
    phone.page.click(".yasqe_queryButton")
    phone.page.wait_for_selector(".yasr table tbody tr")
    assert "SPARQL query editor" in phone.page.inner_text("h1")
    phone.shot("editor")
    phone.fits()


# --- a canned question ------------------------------------------------------------------------------


def test_a_canned_question_form_filled_by_keyboard_shows_table_and_graph(
    open_session: Callable[..., Session],
) -> None:
    s = open_session("desktop", "zh-CN")
    s.go("/questions/laws-by-campaign")
    page = s.page
    field = page.locator("#f-campaign")
    field.focus()
    field.press_sequentially("quanmin", delay=20)  # pinyin finds 全民国家安全教育日
    page.wait_for_selector("#f-campaign-list [role=option]")
    assert "全民国家安全教育日(2020)" in page.inner_text("#f-campaign-list")
    field.press("ArrowDown")
    s.shot("question-picker")
    assert field.get_attribute("aria-activedescendant") == "f-campaign-opt-0"
    field.press("Enter")
    assert field.input_value() == "全民国家安全教育日(2020)"
    assert (
        page.locator("input[name=campaign]")
        .input_value()
        .startswith("https://w3id.org/lawgraph/id/campaign/")
    )
    with page.expect_navigation():
        field.press("Enter")  # the list is closed: Enter submits
    page.wait_for_selector("table.answer tbody tr")
    laws = page.locator("table.answer tbody").inner_text()
    for short in ["宪法", "国家安全法", "反恐怖主义法", "网络安全法", "反间谍法", "核安全法"]:
        assert PRC + short in laws
    assert page.locator("table.answer tbody tr").count() == 6
    graph = page.wait_for_selector("#answer-graph[data-nodes]")
    assert graph.get_attribute("data-nodes") == "7" and graph.get_attribute("data-edges") == "6"
    assert (
        page.locator("a[download]")
        .get_attribute("href")
        .startswith(  # type: ignore[union-attr]
            "/queries/laws-by-campaign.csv?campaign="
        )
    )
    s.shot("question")

    phone = open_session("phone", "en-US")
    phone.go(page.url.removeprefix(s.base))
    phone.page.wait_for_selector("#answer-graph[data-nodes]")
    phone.shot("question")
    phone.fits()


# --- an entity and its report -----------------------------------------------------------------------


def test_dai_xiaomeis_page_shows_her_posts_and_the_highlighted_sentence(
    open_session: Callable[..., Session],
) -> None:
    s = open_session("desktop", "zh-CN")
    s.go("/questions/search?text=戴小梅")
    page = s.page
    with page.expect_navigation():
        page.click("table.answer a:text('戴小梅')")
    page.wait_for_selector("#neighbours[data-nodes]")
    assert page.inner_text("h1") == "戴小梅"
    statements = page.locator(".facts .statement").all_inner_texts()
    for title, agency in [("市委常委", "抚顺市委"), ("宣传部长", "抚顺市委宣传部")]:
        assert any(f"{title} · {agency}" in st for st in statements), statements
    marks = page.locator("blockquote.evidence mark").all_inner_texts()
    assert {"市委常委", "宣传部长", "守法普法协调小组组长", "戴小梅"} <= set(marks)
    sentence = page.locator("blockquote.evidence p").first.inner_text()
    assert sentence == "市委常委、宣传部长、守法普法协调小组组长戴小梅出席会议并做重要讲话。"
    assert int(page.get_attribute("#neighbours", "data-nodes") or 0) >= 5
    s.shot("official")
    # the sentence's report link opens the report at the words
    with page.expect_navigation():
        page.locator("blockquote.evidence footer a").first.click()
    assert "#c" in page.url
    target = page.evaluate(
        "document.querySelector(':target') && document.querySelector(':target').textContent"
    )
    assert target == "市委常委"
    highlighted = page.locator(".report-text a.m")
    assert highlighted.count() > 100
    assert page.locator(".report-text a.m.k-Official", has_text="戴小梅").count() == 1
    s.go("/id/report/fushun-2020-rule-of-law")
    s.shot("report")

    phone = open_session("phone", "en-US")
    for path, name in [
        ("/id/official/daixiaomei-69c28891", "official"),
        ("/id/report/fushun-2020-rule-of-law", "report"),
        ("/questions", "questions"),
    ]:
        phone.go(path)
        phone.fits()
        phone.shot(name)


def test_the_language_switch_and_keyboard_navigation(open_session: Callable[..., Session]) -> None:
    s = open_session("phone", "zh-CN")
    s.go("/questions/events")
    page = s.page
    assert page.inner_text("h1").startswith("某机构")
    with page.expect_navigation():
        page.click("a.lang-switch")
    assert page.inner_text("h1").startswith("Events of an agency")
    s.go("/questions")
    assert "Canned questions" in page.inner_text("h1")  # remembered
    s.go("/questions/events")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    page.focus("#f-agency")
    page.keyboard.press("Tab")  # past the hidden IRI field, to the next picker
    assert page.evaluate("document.activeElement.id") == "f-place"
    s.fits()


# --- the API's documentation ---------------------------------------------------------------------


def test_the_api_docs_page_shows_every_route_from_the_app_alone(
    open_session: Callable[..., Session],
) -> None:
    # /docs was FastAPI's page, which loads Swagger UI from a CDN: the Content-Security-Policy
    # blocked it (and its inline script), and the page stayed blank
    s = open_session()
    s.go("/docs")
    s.page.locator(".opblock").first.wait_for()
    paths = s.page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/sparql", "/queries", "/export"} <= {p.replace("\u200b", "") for p in paths}, paths
    s.shot("docs")
