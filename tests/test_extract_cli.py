"""``lawgraph extract`` as a user meets it: files in, files out, clear errors, re-runs that keep a
person's corrections."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from lawgraph.extract.command import extract
from lawgraph.facts import read_facts

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "reports" / "fushun-2020-rule-of-law.txt"
GENRE = ROOT / "tests" / "data" / "genre"


def run(*args: str) -> Result:
    return CliRunner().invoke(extract, list(args))


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    report = tmp_path / "reports" / "fushun-2020-rule-of-law.txt"
    report.parent.mkdir()
    shutil.copy(SEED, report)
    return report


def test_writes_a_facts_file_the_loader_accepts(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts"
    result = run(str(seed), "--date", "2020-06", "-o", str(out))
    assert result.exit_code == 0, result.output
    facts = read_facts(out / "fushun-2020-rule-of-law.yaml")
    assert facts.report.place == "抚顺市"
    assert facts.report.published == "2020-06"
    assert facts.report.curated_by.startswith("lawgraph extract")
    assert {law.title for law in facts.model.laws} >= {"中华人民共和国宪法", "中华人民共和国刑法"}
    assert {o.name for o in facts.model.officials} >= {"戴小梅", "来鹤", "王文晶"}
    assert len(facts.model.measures) == 17
    assert any(p.title == "宣传部长" for p in facts.model.posts)


def test_same_report_same_bytes(seed: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run(str(seed), "--date", "2020-06", "-o", str(a)).exit_code == 0
    assert run(str(seed), "--date", "2020-06", "-o", str(b)).exit_code == 0
    name = "fushun-2020-rule-of-law.yaml"
    assert (a / name).read_bytes() == (b / name).read_bytes()
    for fmt in ("mentions-json",):
        assert run(str(seed), "--format", fmt, "-o", str(a)).exit_code == 0
        assert run(str(seed), "--format", fmt, "-o", str(b)).exit_code == 0
        name = "fushun-2020-rule-of-law.json"
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_mentions_json_quotes_the_text(seed: Path, tmp_path: Path) -> None:
    result = run(str(seed), "--format", "mentions-json", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "fushun-2020-rule-of-law.json").read_text(encoding="utf-8"))
    text = seed.read_text(encoding="utf-8")
    assert data["doc_year"] == 2020
    for e in data["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert {r["type"] for r in data["relations"]} >= {"holdsPosition", "date", "quantity"}


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "gb18030", "gbk"], ids=["bom", "utf16", "gb18030", "gbk"]
)
def test_a_report_in_another_encoding_gives_the_same_facts(
    seed: Path, tmp_path: Path, encoding: str
) -> None:
    """Notepad's UTF-8 with a byte-order mark, UTF-16, and the GBK / GB18030 of many Chinese
    government pages: the same entities, relations and offsets as the UTF-8 file, and a facts
    file (its sha256 of the file's own bytes) that the loader takes."""
    other = tmp_path / "other" / seed.name
    other.parent.mkdir()
    other.write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
    for report in (seed, other):
        out = report.parent / "out"
        result = run(str(report), "--format", "mentions-json", "-o", str(out))
        assert result.exit_code == 0, result.output
        result = run(str(report), "--date", "2020-06", "-o", str(out))
        assert result.exit_code == 0, result.output
    mentions = [
        json.loads((r.parent / "out" / "fushun-2020-rule-of-law.json").read_bytes())
        for r in (seed, other)
    ]
    assert mentions[0] == mentions[1] and len(mentions[0]["entities"]) > 50
    facts = read_facts(other.parent / "out" / "fushun-2020-rule-of-law.yaml")
    assert facts.text == seed.read_text(encoding="utf-8")
    assert len(facts.model.measures) == 17


def test_full_width_digits_are_read_as_ascii_ones(seed: Path, tmp_path: Path) -> None:
    """２０２０年６月 finds what 2020年6月 finds, at the same offsets, quoting the text's own
    characters; its facts file passes the loader's check of every quote."""
    wide = tmp_path / "wide" / seed.name
    wide.parent.mkdir()
    text = seed.read_text(encoding="utf-8")
    wide.write_text(text.translate(str.maketrans("0123456789", "０１２３４５６７８９")), "utf-8")
    found = []
    for report in (seed, wide):
        out = report.parent / "out"
        assert run(str(report), "--format", "mentions-json", "-o", str(out)).exit_code == 0
        assert run(str(report), "-o", str(out)).exit_code == 0
        found.append(json.loads((out / "fushun-2020-rule-of-law.json").read_bytes()))
    assert found[0]["doc_year"] == found[1]["doc_year"] == 2020
    wide_text = wide.read_text(encoding="utf-8")
    for e0, e1 in zip(found[0]["entities"], found[1]["entities"], strict=True):
        assert e0["norm"] == e1["norm"]
        for m0, m1 in zip(e0["mentions"], e1["mentions"], strict=True):
            assert (m0["start"], m0["end"]) == (m1["start"], m1["end"])
            assert m1["text"] == wide_text[m1["start"] : m1["end"]]
    assert found[0]["relations"] == found[1]["relations"]
    facts = [read_facts(r.parent / "out" / "fushun-2020-rule-of-law.yaml") for r in (seed, wide)]
    measures = [[(m.of, m.value, m.unit, m.counted) for m in f.model.measures] for f in facts]
    assert measures[0] == measures[1] and len(measures[1]) == 17


def test_several_reports_one_file_each(tmp_path: Path) -> None:
    reports = sorted(GENRE.glob("*.txt"))[:3]
    result = run(*map(str, reports), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    for report in reports:
        read_facts(tmp_path / f"{report.stem}.yaml")


def test_place_and_date_from_options_when_the_text_has_none(tmp_path: Path) -> None:
    report = tmp_path / "notice.txt"
    report.write_text(
        "12月4日，县司法局在人民广场举办宪法宣传活动，发放宣传资料500余份。\n", encoding="utf-8"
    )
    assert run(str(report), "-o", str(tmp_path)).exit_code == 1  # no place stated, none given
    result = run(str(report), "--place", "灵川县", "--date", "2021-12", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    facts = read_facts(tmp_path / "notice.yaml")
    assert facts.report.place == "灵川县"
    assert facts.report.published == "2021-12"
    assert facts.model.agencies[0].name == "灵川县司法局"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--place", "火星市"], "not an administrative division"),
        (["--place", "朝阳区"], "ambiguous"),
        (["--date", "2020-13"], "not a date"),
    ],
)
def test_bad_options_are_bad_input(seed: Path, args: list[str], words: str) -> None:
    result = run(str(seed), *args)
    assert result.exit_code == 1
    assert words in result.output
    assert "Traceback" not in result.output


def test_unreadable_reports_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run(str(missing))
    assert result.exit_code == 1 and str(missing) in result.output
    damaged = tmp_path / "damaged.txt"  # UTF-8 with one byte lost: refused, not read as GB18030
    damaged.write_bytes("法治宣传".encode()[:-1] + "教育".encode())
    result = run(str(damaged))
    assert result.exit_code == 1 and str(damaged) in result.output
    assert "not UTF-8 text (byte 9: invalid continuation byte)" in result.output
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\xff\xfe\x80\x81")
    result = run(str(binary))
    assert result.exit_code == 1 and "neither UTF-8 (byte 1" in result.output
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = run(str(empty))
    assert result.exit_code == 1 and "empty" in result.output
    assert run(str(tmp_path)).exit_code == 1  # a folder


def test_a_defect_of_the_rules_names_the_report(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report the rules cannot handle (a pattern made of its text failed once: re.error) is a
    one-line error naming the report, no traceback, and nothing written for it."""
    import re

    from lawgraph.extract import command

    def failing(text: str, **options: object) -> None:
        raise re.error("unbalanced parenthesis at position 18")

    monkeypatch.setattr(command, "run_extract", failing)
    out = tmp_path / "out"
    result = run(str(seed), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert str(seed) in result.output and "unbalanced parenthesis" in result.output
    assert "Traceback" not in result.output and not list(out.glob("*"))


def test_usage_errors_exit_2(seed: Path) -> None:
    assert run().exit_code == 2
    assert run(str(seed), "--format", "xml").exit_code == 2
    assert run(str(seed), str(seed), "--merge", str(seed)).exit_code == 2


def test_noise_only_page_yields_nothing(tmp_path: Path) -> None:
    report = tmp_path / "noise.txt"
    report.write_text(
        "会议现场(1)\n会议现场(2)\n分享\n投诉\n首页\n免责声明：本文仅代表作者观点。\n",
        encoding="utf-8",
    )
    result = run(str(report), "--format", "mentions-json", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "noise.json").read_text(encoding="utf-8"))
    assert data["entities"] == [] and data["relations"] == []


def test_merge_keeps_a_persons_corrections(seed: Path, tmp_path: Path) -> None:
    facts_dir = tmp_path / "facts"
    assert run(str(seed), "--date", "2020-06", "-o", str(facts_dir)).exit_code == 0
    path = facts_dir / "fushun-2020-rule-of-law.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # the person renames an agency, retitles a post, drops a measure, adds a place
    court = next(a for a in data["agencies"] if a["name"] == "抚顺市中级人民法院")
    court["name"] = "辽宁省抚顺市中级人民法院"
    data["posts"][0]["title"] = "抚顺市委常委"
    dropped = data["measures"].pop()
    text = seed.read_text(encoding="utf-8")
    start = text.index("沈阳工学院")
    data["places"].append(
        {
            "key": "syit-campus",
            "name": "沈阳工学院",
            "kind": "school",
            "mentions": [[start, start + 5, "沈阳工学院"]],
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run(str(seed), "--date", "2020-06", "--merge", str(path))
    assert result.exit_code == 0, result.output
    merged = read_facts(path).model
    assert "辽宁省抚顺市中级人民法院" in {a.name for a in merged.agencies}
    assert "抚顺市中级人民法院" not in {a.name for a in merged.agencies}
    assert merged.posts[0].title == "抚顺市委常委"
    assert any(p.key == "syit-campus" for p in merged.places)
    # the rule documented in docs/extraction.md: what the extractor finds comes back
    assert any(m.evidence[0].start == dropped["evidence"][0][0] for m in merged.measures)
    # a re-run on its own output changes nothing
    before = path.read_bytes()
    assert run(str(seed), "--date", "2020-06", "--merge", str(path)).exit_code == 0
    assert path.read_bytes() == before


def test_a_district_whose_name_other_cities_share_is_the_place(tmp_path: Path) -> None:
    """朝阳区 is a district of Beijing and of Changchun: the text's 长春市朝阳区 tells which, and
    the facts file is written without --place."""
    report = tmp_path / "chaoyang.txt"
    report.write_text(
        "朝阳区举行宪法宣誓仪式\n发布时间：2022-12-05\n"
        "12月4日，长春市朝阳区人大常委会举行宪法宣誓仪式，区司法局组织开展宪法宣传活动。"
        "朝阳区各街道同步开展宪法进社区活动。\n",
        encoding="utf-8",
    )
    result = run(str(report), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert read_facts(tmp_path / "out" / "chaoyang.yaml").report.place == "吉林省长春市朝阳区"


def test_the_extraction_benchmark_runs_on_this_code() -> None:
    """bench/bench_extract.py drives the extractor's own API: one round prints its figures."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_extract.py"), "--rounds", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "throughput (cpu, one core): median" in done.stdout


def test_every_annotated_report_gives_a_facts_file_the_loader_takes(tmp_path: Path) -> None:
    """Every report of every annotated set, extracted, loads through the SHACL gate (a
    district's place written by its full name once failed the shapes at load time)."""
    from lawgraph.loader import load_paths
    from lawgraph.store import EmbeddedStore

    reports = sorted((ROOT / "tests" / "data").glob("*/*.txt"))
    out = tmp_path / "facts"
    result = run(*map(str, reports), "--date", "2023-06", "-o", str(out))
    assert result.exit_code == 0, result.output
    with EmbeddedStore(tmp_path / "store") as store:
        loaded = load_paths(store, [out])
    assert len(loaded) == len(reports) >= 50
