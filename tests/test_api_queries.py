"""``/queries``: the canned questions over HTTP, on the bundled seed report (Fushun, 2020).

The app is built as lawgraph wires it (``create_app(settings)`` then ``queries.install(app)``)
over an on-disk embedded store holding the seed, and driven through the TestClient (the backend's
worker processes run for real).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from seed import SEED_REPORT, seed_store_at

from lawgraph.api import queries
from lawgraph.api.app import create_app
from lawgraph.settings import Settings

PRC = "中华人民共和国"
ROW_CAP = 50


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store_at(tmp_path_factory.mktemp("queries-api") / "store")


@pytest.fixture(scope="module")
def client(seed_dir: Path) -> Iterator[TestClient]:
    settings = Settings(store=seed_dir, workers=1, seed=False, row_cap=ROW_CAP)
    app = create_app(settings)
    queries.install(app)
    with TestClient(app) as test_client:
        yield test_client


def get(client: TestClient, url: str, **params: str) -> dict[str, Any]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def find(client: TestClient, label: str, kind: str) -> str:
    rows = get(client, "/queries/search", text=label, type=f"lg:{kind}")["rows"]
    exact = [r["entity"] for r in rows if r["label"] == label]
    assert len(exact) == 1, rows
    return exact[0]


def quad_count(client: TestClient) -> int:
    response = client.get(
        "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


# --- listing ---------------------------------------------------------------------------------------


def test_the_list_names_every_question_with_summaries_and_typed_parameters(
    client: TestClient,
) -> None:
    body = get(client, "/queries")
    by_name = {q["name"]: q for q in body["queries"]}
    assert body["count"] == len(by_name) >= 12
    assert {"laws-by-campaign", "search", "evidence", "events", "official-posts"} <= set(by_name)
    laws = by_name["laws-by-campaign"]
    assert laws["summary"]["zh"].startswith("各活动宣传了哪些法律")
    assert laws["summary"]["en"].startswith("Laws promoted by each campaign")
    assert {p["name"]: p["type"] for p in laws["params"]} == {"campaign": "iri", "year": "year"}
    assert laws["params"][0]["class"] == ["lg:Campaign"]
    assert laws["url"].endswith("/queries/laws-by-campaign")
    events = {p["name"]: p for p in by_name["events"]["params"]}
    assert events["from"]["type"] == "date" and events["to"]["type"] == "date"
    assert by_name["evidence"]["params"][0]["required"] is True


# --- real rows ---------------------------------------------------------------------------------------


def test_the_2019_constitution_week_promoted_the_constitution(client: TestClient) -> None:
    week = find(client, "宪法宣传周(2019)", "Campaign")
    body = get(client, "/queries/laws-by-campaign", campaign=week)
    assert [r["lawLabel"] for r in body["rows"]] == [PRC + "宪法"]
    assert body["rows"][0]["campaign"] == week
    assert body["rows"][0]["reports"] == SEED_REPORT
    assert body["total"] == 1 and body["next"] is None
    assert body["columns"][:5] == ["campaign", "campaignLabel", "year", "law", "lawLabel"]


def test_the_15_april_campaign_promoted_the_security_laws(client: TestClient) -> None:
    day = find(client, "全民国家安全教育日(2020)", "Campaign")
    body = get(client, "/queries/laws-by-campaign", campaign=day)
    laws = {r["lawLabel"] for r in body["rows"]}
    assert {
        PRC + s for s in ["国家安全法", "反恐怖主义法", "网络安全法", "反间谍法", "核安全法"]
    } <= laws
    assert body["total"] == len(body["rows"]) == 6  # and the constitution


def test_prefixed_names_and_pinyin_find_the_same_entity(client: TestClient) -> None:
    dai = find(client, "戴小梅", "Official")
    assert get(client, "/queries/search", text="daixiaomei")["rows"][0]["entity"] == dai
    assert get(client, "/queries/search", text="Dai Xiao-Mei")["rows"][0]["entity"] == dai
    posts = get(client, "/queries/official-posts", official=dai)["rows"]
    assert {p["title"] for p in posts} == {"市委常委", "宣传部长", "守法普法协调小组组长"}
    prefixed = dai.replace("https://w3id.org/lawgraph/id/", "id:")
    assert get(client, "/queries/official-posts", official=prefixed)["total"] == 3


def test_dates_filter_events(client: TestClient) -> None:
    every = get(client, "/queries/events", limit="50")
    december = get(client, "/queries/events", **{"from": "2019-12-01", "to": "2019-12-31"})
    assert 0 < december["total"] < every["total"]
    # dated to the day in December, or only to a period that overlaps it (2019, 2019-12)
    assert all(r["date"].startswith("2019-12") or r["date"] == "2019" for r in december["rows"])


# --- pagination -----------------------------------------------------------------------------------


def test_pages_add_up_to_the_true_total(client: TestClient) -> None:
    whole = get(client, "/queries/laws-by-campaign", limit=str(ROW_CAP))
    total = whole["total"]
    assert total == len(whole["rows"]) > 10
    seen: list[dict[str, Any]] = []
    url: str | None = "/queries/laws-by-campaign?limit=4"
    pages = 0
    while url:
        body = client.get(url).json()
        assert body["total"] == total and body["limit"] == 4
        seen += body["rows"]
        url = body["next"]
        pages += 1
        if url:
            assert url.startswith("http://testserver/queries/laws-by-campaign?")
            assert "limit=4" in url
    assert pages == -(-total // 4)
    assert seen == whole["rows"]


def test_a_page_past_the_end_is_empty_with_the_total(client: TestClient) -> None:
    body = get(client, "/queries/laws-by-campaign", limit="5", offset="500")
    assert body["rows"] == [] and body["total"] > 10 and body["next"] is None
    assert body["previous"].endswith("offset=495")


def test_the_row_cap_bounds_the_page_size(client: TestClient) -> None:
    assert get(client, "/queries/laws-by-campaign")["limit"] == ROW_CAP  # default: min(100, cap)
    response = client.get("/queries/laws-by-campaign", params={"limit": str(ROW_CAP + 1)})
    assert response.status_code == 400
    assert response.json()["error"].startswith("limit:")


# --- CSV ---------------------------------------------------------------------------------------------


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/queries/laws-by-campaign", {"Accept": "text/csv"}),
        ("/queries/laws-by-campaign.csv", {}),
        ("/queries/laws-by-campaign?format=csv", {"Accept": "application/json"}),
        ("/queries/laws-by-campaign", {"Accept": "text/csv;q=0.9, application/json;q=0.5"}),
    ],
)
def test_csv_by_accept_suffix_or_format(
    client: TestClient, url: str, headers: dict[str, str]
) -> None:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = _csv(response.text)
    assert int(response.headers["x-lawgraph-total"]) == len(rows) > 10
    assert list(rows[0]) == get(client, "/queries/laws-by-campaign")["columns"]
    assert any(r["lawLabel"] == PRC + "宪法" for r in rows)


def test_csv_pages_link_to_the_next(client: TestClient) -> None:
    response = client.get("/queries/laws-by-campaign.csv", params={"limit": "3"})
    assert len(_csv(response.text)) == 3
    assert 'rel="next"' in response.headers["link"] and "offset=3" in response.headers["link"]


def test_json_is_the_default_and_unacceptable_types_get_406(client: TestClient) -> None:
    assert client.get("/queries/search?text=qqqq", headers={"Accept": "*/*"}).json()["rows"] == []
    response = client.get("/queries/search?text=qqqq", headers={"Accept": "application/xml"})
    assert response.status_code == 406 and response.json()["status"] == 406


# --- errors ----------------------------------------------------------------------------------------


def test_an_unknown_query_is_404(client: TestClient) -> None:
    for url in ("/queries/no-such-question", "/queries/no-such-question.csv"):
        response = client.get(url)
        assert response.status_code == 404
        body = response.json()
        assert body["ok"] is False and body["status"] == 404
        assert "no-such-question" in body["error"]


@pytest.mark.parametrize(
    ("name", "params", "named"),
    [
        ("search", {"text": "x", "colour": "red"}, "colour"),
        ("search", {}, "text"),  # required
        ("laws-by-campaign", {"year": "20x9"}, "year"),
        ("laws-by-campaign", {"year": "2019-01"}, "year"),
        ("events", {"from": "2019-13-01"}, "from"),
        ("events", {"to": "yesterday"}, "to"),
        ("event-participants", {"role": "danced"}, "role"),
        ("official-posts", {"official": "戴小梅"}, "official"),  # a name is not an IRI
        ("official-posts", {"official": "https://e.org/a>b"}, "official"),
        ("official-posts", {"official": "https://e.org/a b"}, "official"),
        ("official-posts", {"official": "nope:x"}, "official"),
        ("laws-by-campaign", {"campaign": "https://w3id.org/lawgraph/id/law/x"}, "campaign"),
        ("laws-by-campaign", {"limit": "0"}, "limit"),
        ("laws-by-campaign", {"limit": "ten"}, "limit"),
        ("laws-by-campaign", {"offset": "-1"}, "offset"),
        ("laws-by-campaign", {"format": "xml"}, "format"),
    ],
)
def test_unknown_or_ill_typed_parameters_are_400_naming_them(
    client: TestClient, name: str, params: dict[str, str], named: str
) -> None:
    response = client.get(f"/queries/{name}", params=params)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body == {"ok": False, "error": body["error"], "errors": [body["error"]], "status": 400}
    assert body["error"].startswith(f"{named}:")


def test_a_parameter_given_twice_is_400(client: TestClient) -> None:
    response = client.get("/queries/search?text=a&text=b")
    assert response.status_code == 400 and response.json()["error"].startswith("text:")


# --- injection ----------------------------------------------------------------------------------------

INJECTIONS = [
    '"',
    "'",
    '" } DROP ALL #',
    'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    "} DROP ALL",
    "a\nb\r\nc",
    ">",
    "<https://evil.example/>",
    "\\",
    "\\u0022 } DROP ALL",
    '宪法" . ?s ?p ?o } #',
    "%22%7D",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injected_text_is_a_plain_string(client: TestClient, text: str) -> None:
    before = quad_count(client)
    response = client.get("/queries/search", params={"text": text})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["params"]["text"] == text.strip()
    assert body["rows"] == []  # no label contains these characters
    assert quad_count(client) == before


def test_escaped_text_still_matches(client: TestClient) -> None:
    rows = get(client, "/queries/search", text="宪法宣传周")["rows"]
    assert any(r["label"] == "宪法宣传周(2019)" for r in rows)
    spaced = get(client, "/queries/search", text="社会治理 法治先行")["rows"]
    assert spaced, "a space in the text is kept, and ignored by the match"


@pytest.mark.parametrize(
    "value",
    [
        "https://w3id.org/lawgraph/id/x> } DROP ALL #",
        'https://w3id.org/lawgraph/id/x"',
        "https://w3id.org/lawgraph/id/x\n}",
        "https://w3id.org/lawgraph/id/{x}",
        "lg:Official> . ?s ?p ?o",
    ],
)
def test_injected_iris_are_refused(client: TestClient, value: str) -> None:
    before = quad_count(client)
    response = client.get("/queries/search", params={"text": "抚顺", "type": value})
    assert response.status_code == 400
    assert response.json()["error"].startswith("type:")
    assert quad_count(client) == before


# --- OpenAPI -------------------------------------------------------------------------------------


def test_every_question_is_an_openapi_operation_with_typed_parameters(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    listed = get(client, "/queries")["queries"]
    for q in listed:
        op = doc["paths"][f"/queries/{q['name']}"]["get"]
        names = [p["name"] for p in op["parameters"]]
        assert names == [p["name"] for p in q["params"]] + ["limit", "offset", "format"]
        assert op["summary"].startswith(q["summary"]["en"])
        assert op["operationId"] == "query_" + q["name"].replace("-", "_")
        assert set(op["responses"]) >= {"200", "400"}
    events = {p["name"]: p for p in doc["paths"]["/queries/events"]["get"]["parameters"]}
    assert events["from"]["schema"] == {"type": "string", "format": "date"}
    assert events["limit"]["schema"]["maximum"] == ROW_CAP
    laws = {p["name"]: p for p in doc["paths"]["/queries/laws-by-campaign"]["get"]["parameters"]}
    assert laws["year"]["schema"]["pattern"] == "^[0-9]{4}$"
    assert "lg:Campaign" in laws["campaign"]["description"]
    roles = doc["paths"]["/queries/event-participants"]["get"]["parameters"][1]
    assert "chaired" in roles["schema"]["enum"]
    search = doc["paths"]["/queries/search"]["get"]["parameters"][0]
    assert search["required"] is True
    assert "LawgraphError" in doc["components"]["schemas"]
    assert "/queries/{name}" not in doc["paths"]
    assert client.get("/docs").status_code == 200


def test_install_is_idempotent(seed_dir: Path) -> None:
    app = create_app(Settings(store=seed_dir, workers=1, seed=False))
    queries.install(app)
    routes = len(app.routes)
    queries.install(app)
    assert len(app.routes) == routes
    assert (
        sum(p.startswith("/queries") for p in app.openapi()["paths"]) == len(app.state.catalog) + 1
    )
