"""``lawgraph query``: the questions listed, one run as a table, JSON or CSV; bad input → exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from seed import seed_store_at

from lawgraph.catalog_command import query

DAI = "https://w3id.org/lawgraph/id/official/daixiaomei-69c28891"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store_at(tmp_path_factory.mktemp("cli") / "store")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(query, [str(a) for a in args], catch_exceptions=False)


def test_without_a_name_it_lists_the_questions_and_their_parameters() -> None:
    result = invoke()
    assert result.exit_code == 0, result.output
    for name in ["laws-by-campaign", "official-posts", "search", "campaign-measures"]:
        assert f"\n{name}\n" in f"\n{result.output}"
    assert "--official (iri of lg:Official; optional)" in result.output
    assert "--text (string; required)" in result.output
    assert "宣传某部法律的活动" in result.output
    listed = json.loads(invoke("--format", "json").output)
    assert {q["name"] for q in listed} >= {"events", "evidence", "co-attendance"}


def test_a_question_as_a_table(store_path: Path) -> None:
    result = invoke("search", "--text", "daixiaomei", "--store", store_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["entity", "label", "score", "types", "matched", "reports"]
    assert DAI in lines[2] and "戴小梅" in lines[2]
    assert lines[-1] == "(rows 1–1 of 1)"


def test_a_question_as_json_and_csv_with_paging(store_path: Path) -> None:
    result = invoke(
        "official-posts", f"--official={DAI}", "--store", store_path, "--format", "json"
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["total"] == 3 and body["next"] is None
    assert [r["title"] for r in body["rows"]] == ["市委常委", "宣传部长", "守法普法协调小组组长"]
    assert body["params"] == {"official": DAI}
    page = json.loads(
        invoke(
            "law-mentions",
            "--limit",
            "2",
            "--offset",
            "2",
            "--store",
            store_path,
            "--format",
            "json",
        ).output
    )
    assert (len(page["rows"]), page["total"], page["offset"], page["next"]) == (2, 11, 2, 4)
    csv = invoke("law-mentions", "--limit", "2", "--format", "csv", "--store", store_path).output
    assert csv.splitlines()[0] == "law,lawLabel,city,cityLabel,year,mentions,reports"
    assert ",中华人民共和国宪法,https://w3id.org/lawgraph/id/place/210400,抚顺市,2020,3,1" in csv
    table = invoke("law-mentions", "--limit", "2", "--store", store_path).output
    assert table.splitlines()[-1] == "(rows 1–2 of 11; next page: --offset 2)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "--txt", "x"], "txt: unknown parameter of search (known: text, type)"),
        (["search"], "text: required"),
        (["search", "--text"], "text: no value given"),
        (["search", "--text", "a", "--text", "b"], "text: given twice"),
        (["search", "daixiaomei"], "unexpected argument 'daixiaomei'"),
        (["events", "--from", "2019-12-32"], "from: '2019-12-32' is not a date"),
        (["events", "--agency", "抚顺市司法局"], "agency: '抚顺市司法局' is not an absolute IRI"),
        (["law-mentions", "--year", "2020年"], "year: '2020年' is not a year"),
        (["law-mentions", "--limit", "0"], "limit: 0 is out of range"),
        (["law-mentions", "--offset", "-3"], "offset: -3 is negative"),
        (["nope"], "no canned query named 'nope'"),
        (
            ["official-posts", "--official", "https://example.org/x"],
            "official: <https://example.org/x> is not a lg:Official",
        ),
    ],
)
def test_bad_input_exits_1_naming_the_parameter(
    store_path: Path, args: list[str], message: str
) -> None:
    result = invoke(*args, "--store", store_path)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_no_store_and_malformed_query_files_are_reported(tmp_path: Path) -> None:
    missing = invoke("search", "--text", "x", "--store", tmp_path / "nowhere")
    assert missing.exit_code == 1 and "no store at" in missing.output
    assert not (tmp_path / "nowhere").exists()
    bad = tmp_path / "queries"
    bad.mkdir()
    (bad / "oops.rq").write_text(
        "#+ name: oops\n#+ summary: nope\nSELECT ?x WHERE { ?x ?y ?z }\n", encoding="utf-8"
    )
    result = invoke("--queries", bad)
    assert result.exit_code == 1
    assert f"{bad / 'oops.rq'}:2: summary:" in result.output
