"""The scorer of docs/extraction.md §5, from Python and from the shell."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawgraph.extract.score import main, norm_key, score_doc, score_pairs

GOLD = {
    "doc_id": "t",
    "entities": [
        {"id": "O1", "type": "Official", "norm": "张三", "mentions": [{"text": "张三", "start": 10, "end": 12}]},
        {"id": "E1", "type": "Event", "norm": "座谈会", "mentions": [{"text": "座谈会", "start": 20, "end": 23}]},
        {"id": "C1", "type": "Campaign", "norm": "宪法宣传周(2024)", "implicit": True, "mentions": []},
        {"id": "Q1", "type": "Quantity", "norm": {"value": 300, "unit": "人", "qualifier": "over"},
         "mentions": [{"text": "300余人", "start": 30, "end": 35}]},
        {"id": "L1", "type": "Law", "norm": "中华人民共和国宪法", "mentions": [{"text": "宪法", "start": 40, "end": 42}]},
    ],
    "relations": [
        {"type": "holdsPosition", "subject": "O1", "title": "县长", "agency": "X县政府"},
        {"type": "chaired", "subject": "O1", "object": "E1"},
        {"type": "partOf", "subject": "E1", "object": "C1"},
        {"type": "quantity", "subject": "E1", "object": "Q1"},
    ],
}  # fmt: skip


def test_a_document_scores_perfectly_against_itself() -> None:
    s = score_doc(GOLD, GOLD)
    for level in ("span", "norm", "rel"):
        assert s.micro(level).f1 == 1.0
    assert "Event" not in s.levels["norm"]  # free-text norms are not compared
    assert s.counts("rel", "holdsPosition+agency").tp == 1


def test_predicted_entities_match_by_span_then_norm_then_overlap() -> None:
    pred = json.loads(json.dumps(GOLD))
    for e in pred["entities"]:
        e["id"] = "p" + e["id"]
    for r in pred["relations"]:
        r["subject"] = "p" + r["subject"]
        if "object" in r:
            r["object"] = "p" + r["object"]
    # the event is found with a longer span (overlap), the campaign is implicit (norm)
    pred["entities"][1]["mentions"] = [{"text": "x座谈会", "start": 19, "end": 23}]
    s = score_doc(pred, GOLD)
    assert s.counts("span", "Event").fp == 1 and s.counts("span", "Event").fn == 1
    assert s.micro("rel").f1 == 1.0


def test_quantities_compare_on_value_unit_qualifier() -> None:
    assert norm_key(
        "Quantity", {"value": 300, "unit": "人", "qualifier": "over", "counted": "a"}
    ) == (
        300.0,
        "人",
        "over",
    )
    assert norm_key("Agency", "“抚顺市 司法局”") == "抚顺市司法局"


def test_missing_and_extra_relations_count() -> None:
    pred = json.loads(json.dumps(GOLD))
    pred["relations"] = [
        {"type": "holdsPosition", "subject": "O1", "title": "县长", "agency": None},
        {"type": "attended", "subject": "O1", "object": "E1"},
    ]
    s = score_pairs([(pred, GOLD)])
    assert s.counts("rel", "holdsPosition").tp == 1
    assert s.counts("rel", "holdsPosition+agency").fp == 1
    assert s.counts("rel", "chaired").fn == 1
    assert s.counts("rel", "attended").fp == 1


def test_cli_and_python_m(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, [str(gold), str(gold), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rel"]["micro"]["f1"] == 1.0
    bad = CliRunner().invoke(main, [str(gold)])
    assert bad.exit_code == 2
    proc = subprocess.run(
        [sys.executable, "-m", "lawgraph.extract.score", str(gold), str(gold)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "micro" in proc.stdout


def test_cli_extracts_and_scores_a_folder(tmp_path: Path) -> None:
    genre = Path(__file__).resolve().parent / "data" / "genre"
    result = CliRunner().invoke(main, ["--reports", str(genre), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["norm"]["micro"]["f1"] > 0.9


@pytest.mark.parametrize("broken", ['{"entities": [', "[]", '{"entities": []}'])
def test_a_broken_annotation_is_named_not_a_traceback(tmp_path: Path, broken: str) -> None:
    (tmp_path / "a.txt").write_text("2020年12月4日，市司法局开展宪法宣传活动。", encoding="utf-8")
    (tmp_path / "a.json").write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(main, ["--reports", str(tmp_path)])
    assert result.exit_code == 1
    assert str(tmp_path / "a.json") in result.output and "Traceback" not in result.output
