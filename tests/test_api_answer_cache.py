"""The answer cache of ``/queries`` (``lawgraph.api.cache``), on real data.

Through the app (TestClient over an on-disk store holding the seed, real worker processes): a
repeated question is a hit with the same body; ``lawgraph load`` of a second report (Anshan,
``tests/data``) changes the answer; the byte bound holds. And on the cache itself: an answer
computed while the store's version changed is never kept, so an old generation is never served.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from seed import seed_store_at
from starlette.responses import Response
from test_catalog_two_reports import ANSHAN_FACTS, XIANFA

from lawgraph.api import queries
from lawgraph.api.app import create_app
from lawgraph.api.cache import HEADER, AnswerCache
from lawgraph.cli import main as cli
from lawgraph.settings import Settings

CACHE_BYTES = 3000


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store_at(tmp_path_factory.mktemp("answer-cache") / "store")


@pytest.fixture(scope="module")
def client(store_dir: Path) -> Iterator[TestClient]:
    settings = Settings(
        store=store_dir, workers=1, seed=False, refresh_interval=0.2, answer_cache_bytes=CACHE_BYTES
    )
    app = create_app(settings)
    queries.install(app)
    with TestClient(app) as test_client:
        yield test_client


def cities(client: TestClient) -> tuple[str, list[str], bytes]:
    """``campaigns-by-law`` for the constitution: (cache header, the cities, the body)."""
    response = client.get("/queries/campaigns-by-law", params={"law": XIANFA})
    assert response.status_code == 200, response.text
    return (
        response.headers[HEADER],
        sorted({r["cityLabel"] for r in response.json()["rows"]}),
        response.content,
    )


def test_a_repeated_question_is_a_hit_with_the_same_body(client: TestClient) -> None:
    first = client.get("/queries/search", params={"text": "宪法", "limit": "3"})
    again = client.get("/queries/search", params={"text": "宪法", "limit": "3"})
    assert first.status_code == again.status_code == 200
    assert (first.headers[HEADER], again.headers[HEADER]) == ("miss", "hit")
    assert again.content == first.content and first.json()["rows"]
    for name in ("content-type", "x-lawgraph-total", "link", "vary"):
        assert again.headers[name] == first.headers[name]
    cors = client.get(
        "/queries/search",
        params={"text": "宪法", "limit": "3"},
        headers={"Origin": "https://a.example"},
    )
    assert cors.headers[HEADER] == "hit"
    assert HEADER in cors.headers["access-control-expose-headers"]
    csv = client.get("/queries/search.csv", params={"text": "宪法", "limit": "3"})
    assert csv.headers[HEADER] == "miss"  # another format, another entry
    assert csv.headers["content-type"].startswith("text/csv")
    csv_again = client.get("/queries/search.csv", params={"text": "宪法", "limit": "3"})
    assert csv_again.headers[HEADER] == "hit"
    assert csv_again.content == csv.content
    assert csv_again.headers["content-disposition"] == csv.headers["content-disposition"]
    bad = client.get("/queries/search", params={"text": "宪法", "limit": "0"})
    assert bad.status_code == 400 and HEADER not in bad.headers  # errors are not kept
    assert client.get("/queries/search", params={"text": "宪法", "limit": "0"}).status_code == 400


def test_the_cache_stays_within_its_byte_bound(client: TestClient) -> None:
    answers: AnswerCache = client.app.state.answers  # type: ignore[attr-defined]
    assert answers.max_bytes == CACHE_BYTES
    for offset in range(12):
        response = client.get("/queries/events", params={"limit": "2", "offset": str(offset)})
        assert response.status_code == 200
        assert 0 < answers.bytes <= CACHE_BYTES
    assert len(answers) < 12  # some were dropped, the oldest first
    oldest = client.get("/queries/events", params={"limit": "2", "offset": "0"})
    newest = client.get("/queries/events", params={"limit": "2", "offset": "11"})
    assert (oldest.headers[HEADER], newest.headers[HEADER]) == ("miss", "hit")
    big = client.get("/queries/events", params={"limit": "50"})  # larger than the whole bound
    assert len(big.content) > CACHE_BYTES
    assert client.get("/queries/events", params={"limit": "50"}).headers[HEADER] == "miss"
    assert answers.bytes <= CACHE_BYTES


def test_a_load_of_a_second_report_changes_the_answer(client: TestClient, store_dir: Path) -> None:
    cities(client)
    state, before, old_body = cities(client)
    assert (state, before) == ("hit", ["抚顺市"])
    result = CliRunner().invoke(cli, ["load", str(ANSHAN_FACTS), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    deadline = time.monotonic() + 60
    while True:  # the kept answer is dropped once the server switches to the new snapshot
        assert time.monotonic() < deadline, "the old answer was still served after 60 s"
        _, after, new_body = cities(client)
        if after != before:
            break
        time.sleep(0.1)
    assert after == ["抚顺市", "鞍山市"]
    assert new_body != old_body
    assert cities(client) == ("hit", after, new_body)


def make_response(body: bytes) -> Response:
    return Response(body, media_type="text/plain")


def test_an_answer_made_while_the_version_changed_is_not_kept() -> None:
    version = ["g1"]
    cache = AnswerCache(lambda: version[0], max_entries=10, max_bytes=10_000)

    async def during_a_load() -> Response:
        version[0] = "g2"  # the server switched snapshots while this answer was computed
        return make_response(b"made across g1 and g2")

    async def fresh() -> Response:
        return make_response(b"g2 answer")

    async def scenario() -> list[tuple[str, bytes]]:
        out = []
        for make in (during_a_load, fresh, fresh):
            response = await cache.serve("q", make)
            out.append((response.headers[HEADER], bytes(response.body)))
        return out

    assert asyncio.run(scenario()) == [
        ("miss", b"made across g1 and g2"),
        ("miss", b"g2 answer"),
        ("hit", b"g2 answer"),
    ]
    version[0] = "g3"
    assert asyncio.run(cache.serve("q", fresh)).headers[HEADER] == "miss"
    assert len(cache) == 1


def test_without_a_version_answers_are_kept_only_with_a_ttl() -> None:
    async def answer() -> Response:
        return make_response(b"remote answer")

    off = AnswerCache(lambda: None, max_entries=10, max_bytes=10_000)
    assert [asyncio.run(off.serve("q", answer)).headers[HEADER] for _ in range(2)] == ["off"] * 2
    ttl = AnswerCache(lambda: None, max_entries=10, max_bytes=10_000, remote_ttl=0.3)
    states = [asyncio.run(ttl.serve("q", answer)).headers[HEADER] for _ in range(2)]
    time.sleep(0.4)
    states.append(asyncio.run(ttl.serve("q", answer)).headers[HEADER])
    assert states == ["miss", "hit", "miss"]
    disabled = AnswerCache(lambda: "g1", max_entries=0, max_bytes=10_000)
    assert asyncio.run(disabled.serve("q", answer)).headers[HEADER] == "off"


def test_the_paging_links_of_a_kept_answer_are_those_of_the_request(client: TestClient) -> None:
    """Answers are kept under the request as sent (path, query string, Accept, Host, …), so a
    hit needs no parsing; the links of the page must still be the asker's own."""
    links = []
    for host in ("a.example", "b.example", "a.example"):
        response = client.get("/queries/events", params={"limit": "1"}, headers={"Host": host})
        assert response.status_code == 200
        links.append((response.headers[HEADER], response.json()["next"]))
    assert [state for state, _ in links] == ["miss", "miss", "hit"]
    assert [link.split("/")[2] for _, link in links] == ["a.example", "b.example", "a.example"]
    head = client.head("/queries/events", params={"limit": "1"}, headers={"Host": "a.example"})
    assert head.status_code == 200 and head.headers[HEADER] == "hit" and head.content == b""
    spelled = client.get("/queries/events?limit=%31", headers={"Host": "a.example"})
    assert spelled.headers[HEADER] == "miss"  # another spelling of the same page
    assert (
        spelled.content
        == client.get("/queries/events?limit=1", headers={"Host": "a.example"}).content
    )
