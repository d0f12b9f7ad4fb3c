"""The admin routes: absent unless ``admin_token`` is set; a bearer token; uploads go through
the loader (``file:line`` errors, SHACL, all or nothing, the request-size limit) and the
server's snapshot serves the change at once.

The app runs in-process (TestClient) over an on-disk embedded store, with real query workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import OXIGRAPH, start_oxigraph
from fastapi.testclient import TestClient
from seed import SEED_FACTS, SEED_REPORT, SEED_TEXT

from lawgraph.api.app import create_app
from lawgraph.settings import Settings

TOKEN = "s3cret-admin-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SEED_REPORT}> {{ ?s ?p ?o }} }}"


def client_for(store: Path, **settings: object) -> TestClient:
    return TestClient(create_app(Settings(store=store, workers=1, seed=False, **settings)))


@pytest.fixture
def admin(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(tmp_path / "store", admin_token=TOKEN, max_request_bytes=200_000) as client:
        yield client


def quads_in_report(client: TestClient) -> int:
    response = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    return int(response.text.split()[1])


def upload(
    client: TestClient,
    facts: bytes | None = None,
    text: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> object:
    files = {
        "facts": ("fushun.yaml", SEED_FACTS.read_bytes() if facts is None else facts),
        "text": ("fushun.txt", SEED_TEXT.read_bytes() if text is None else text),
    }
    return client.post("/admin/reports", files=files, headers=AUTH if headers is None else headers)


def assert_error(response: object, status: int, *needles: str) -> None:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["ok"] is False and body["status"] == status
    for needle in needles:
        assert needle in body["error"], body["error"]


def test_without_a_token_the_admin_routes_do_not_exist(tmp_path: Path) -> None:
    with client_for(tmp_path / "store") as client:
        assert_error(upload(client), 404)
        assert_error(client.delete("/admin/reports/fushun-2020-rule-of-law", headers=AUTH), 404)
        assert not [p for p in client.get("/openapi.json").json()["paths"] if "admin" in p]
        assert quads_in_report(client) == 0


def test_a_missing_or_wrong_token_is_refused(admin: TestClient) -> None:
    missing = upload(admin, headers={})
    assert_error(missing, 401, "Authorization: Bearer")
    assert missing.headers["www-authenticate"].startswith("Bearer")  # type: ignore[attr-defined]
    assert_error(upload(admin, headers={"Authorization": f"Basic {TOKEN}"}), 401)
    assert_error(upload(admin, headers={"Authorization": "Bearer " + TOKEN[:-1] + "x"}), 403)
    assert_error(admin.delete("/admin/reports/fushun-2020-rule-of-law"), 401)
    assert quads_in_report(admin) == 0
    assert "/admin/reports" in admin.get("/openapi.json").json()["paths"]


def test_upload_is_served_at_once_and_delete_removes_it(admin: TestClient) -> None:
    response = upload(admin)
    assert response.status_code == 201, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["ok"] is True and body["graph"] == SEED_REPORT and body["quads"] > 1000
    assert quads_in_report(admin) == body["quads"]  # no wait for refresh_interval
    assert admin.get("/reports").text.count("fushun-2020-rule-of-law") >= 1
    again = upload(admin)  # a report already there is replaced, not doubled
    assert again.status_code == 201 and quads_in_report(admin) == body["quads"]  # type: ignore[attr-defined]

    deleted = admin.delete("/admin/reports/fushun-2020-rule-of-law", headers=AUTH)
    assert deleted.status_code == 200, deleted.text
    assert quads_in_report(admin) == 0
    assert_error(admin.delete("/admin/reports/fushun-2020-rule-of-law", headers=AUTH), 404)
    assert_error(admin.delete("/admin/reports/Bad_ID!", headers=AUTH), 400, "report_id")


def test_a_bad_upload_names_the_problem_and_changes_nothing(admin: TestClient) -> None:
    assert upload(admin).status_code == 201  # type: ignore[attr-defined]
    before = quads_in_report(admin)
    seed = SEED_FACTS.read_text(encoding="utf-8")
    broken = seed.replace("  published: 2020-06\n", "  published: sometime\n")
    line = seed.splitlines().index("  published: 2020-06") + 1
    assert_error(upload(admin, broken.encode()), 400, f"fushun.yaml:{line}", "report.published")
    assert "lawgraph-upload" not in upload(admin, broken.encode()).text  # type: ignore[attr-defined]
    assert_error(upload(admin, text=b"another text"), 400, "report.sha256")
    assert_error(upload(admin, b"{ not: yaml: ["), 400, "fushun.yaml:1")
    assert_error(upload(admin, b"\xff\xfe"), 400, "fushun.yaml")
    too_big = upload(admin, text=b"x" * 300_000)
    assert_error(too_big, 413, "max_request_bytes")
    missing = admin.post("/admin/reports", files={"facts": ("a.yaml", b"x")}, headers=AUTH)
    assert_error(missing, 400, "text")
    assert quads_in_report(admin) == before


def test_on_a_remote_backend_writes_go_through_the_remote_writer(tmp_path: Path) -> None:
    if OXIGRAPH is None:
        pytest.skip("oxigraph server not installed (pip install oxigraph)")
    remote = start_oxigraph(tmp_path / "oxigraph")
    try:
        settings = Settings(
            endpoint=remote.query_url,
            gsp_endpoint=remote.gsp_url,
            remote_graphs_ttl=0,
            admin_token=TOKEN,
        )
        with TestClient(create_app(settings)) as client:
            response = upload(client)
            assert response.status_code == 201, response.text  # type: ignore[attr-defined]
            assert quads_in_report(client) == response.json()["quads"]  # type: ignore[attr-defined]
            assert_error(upload(client, text=b"not the text"), 400, "report.sha256")
            assert quads_in_report(client) == response.json()["quads"]  # type: ignore[attr-defined]
            deleted = client.delete("/admin/reports/fushun-2020-rule-of-law", headers=AUTH)
            assert deleted.status_code == 200, deleted.text
            assert quads_in_report(client) == 0
    finally:
        remote.stop()
