"""The ``lawgraph`` command as a user runs it: a real process, real files, exit codes 0/1/2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
from seed import SEED_FACTS

from lawgraph.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
LAWGRAPH = Path(sys.executable).parent / "lawgraph"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LAWGRAPH), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_load_then_query_then_stats(tmp_path: Path) -> None:
    store = tmp_path / "store"
    loaded = run("load", ROOT / "data" / "facts", "--store", store)
    assert loaded.returncode == 0, loaded.stderr
    assert "[1/1]" in loaded.stderr and "fushun-2020-rule-of-law.yaml" in loaded.stderr

    table = run(
        "sparql",
        'SELECT ?title WHERE { ?t lg:tenureOf/rdfs:label "戴小梅"@zh ; lg:title ?title } ORDER BY ?title',
        "--store",
        store,
    )
    assert table.returncode == 0, table.stderr
    assert "守法普法协调小组组长" in table.stdout and "(3 rows)" in table.stdout

    as_csv = run(
        "sparql",
        "SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { ?l a lg:Law }",
        "--store",
        store,
        "--format",
        "csv",
    )
    assert as_csv.stdout.splitlines() == ["n", "11"]

    stats = run("stats", "--store", store, "--json")
    numbers = json.loads(stats.stdout)
    assert numbers["entities"]["Official"] == 7
    assert numbers["entities"]["Law"] == 11
    assert numbers["entities"]["Report"] == 1
    assert numbers["graphs"] == 1


def test_query_files_run_too(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run("load", SEED_FACTS, "--store", store)
    query = tmp_path / "q.rq"
    query.write_text('ASK { ?o rdfs:label "来鹤"@zh }', encoding="utf-8")
    assert run("sparql", query, "--store", store).stdout == "true\n"


def test_validate_reports_every_problem_with_file_and_line(tmp_path: Path) -> None:
    ok = run("validate", SEED_FACTS)
    assert ok.returncode == 0 and ok.stdout.strip().endswith(": ok")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: lawgraph-facts/1\nreport:\n  id: X\n  colour: red\n", encoding="utf-8")
    result = run("validate", bad)
    assert result.returncode == 1
    assert f"{bad}:3: report.id:" in result.stderr
    assert f"{bad}:4: report.colour: unknown field" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_input_exits_1_with_a_message_and_loads_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = run("load", bad, "--store", store)
    assert result.returncode == 1
    assert "broken.ttl" in result.stderr and "Traceback" not in result.stderr
    stats = json.loads(run("stats", "--store", store, "--json").stdout)
    assert stats["quads"] == 0


def test_a_bad_query_exits_1_with_the_parser_message(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "s").close()  # an empty store: `sparql` refuses a missing one
    result = run("sparql", "SELEKT * WHERE {}", "--store", tmp_path / "s")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: bad query:")


def test_keep_going_loads_the_good_files_and_reports_the_bad(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text('<https://e.org/a> <https://e.org/p> "1" .\n', encoding="utf-8")
    (tmp_path / "b.ttl").write_text("not turtle at all\n", encoding="utf-8")
    store = tmp_path / "store"
    result = run("load", tmp_path / "a.ttl", tmp_path / "b.ttl", "--store", store, "--keep-going")
    assert result.returncode == 1
    assert "1 file(s) failed" in result.stderr and "b.ttl" in result.stderr
    assert json.loads(run("stats", "--store", store, "--json").stdout)["quads"] == 1


def test_usage_errors_exit_2() -> None:
    assert run("load").returncode == 2
    assert run("no-such-command").returncode == 2


def test_load_into_a_remote_endpoint(tmp_path: Path) -> None:
    from backends import start_oxigraph

    server = start_oxigraph(tmp_path / "oxigraph")
    try:
        env = {
            **os.environ,
            "LAWGRAPH_UPDATE_ENDPOINT": server.update_url or "",
            "LAWGRAPH_GSP_ENDPOINT": server.gsp_url or "",
        }
        loaded = subprocess.run(
            [str(LAWGRAPH), "load", str(SEED_FACTS), "--endpoint", server.query_url],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert loaded.returncode == 0, loaded.stderr
        count = httpx.get(
            server.query_url,
            params={
                "query": "SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { GRAPH ?g { ?l a <https://w3id.org/lawgraph/ns#Law> } }"
            },
            headers={"Accept": "application/sparql-results+json"},
        ).json()
        assert count["results"]["bindings"][0]["n"]["value"] == "11"
        # a bad file is refused before anything is sent
        bad = tmp_path / "bad.ttl"
        bad.write_text("<a> <b> .\n", encoding="utf-8")
        refused = subprocess.run(
            [str(LAWGRAPH), "load", str(bad), "--endpoint", server.query_url],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert refused.returncode == 1 and "bad.ttl" in refused.stderr
    finally:
        server.stop()
