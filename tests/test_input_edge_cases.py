"""Bad input from outside — facts files, the command line, the canned-query and export routes:
each is refused with a message naming the file, line and field (or the parameter), never a
traceback, and the store is left as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from fastapi.testclient import TestClient
from seed import SEED_FACTS, seed_store_at

from lawgraph.api.app import create_app
from lawgraph.catalog import BadParameter, load_catalog, plan
from lawgraph.errors import FactsError
from lawgraph.facts import read_facts
from lawgraph.loader import load_file
from lawgraph.settings import Settings
from lawgraph.store import EmbeddedStore


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in a file; return the 1-based line where it was."""
    source = path.read_text(encoding="utf-8")
    assert old in source, old
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return source[: source.index(old)].count("\n") + 1


# (old text, new text, the field the message names, words of the message)
BAD_VALUES = {
    # yaml-rs stops reading at a NUL: the measures after it were dropped without a word
    "nul-drops-the-rest": ("\nmeasures:", "\n\x00measures:", "", "U+0000 is not allowed"),
    "del-character": ("curated_by: hand", "curated_by: ha\x7fnd", "", "U+007F is not allowed"),
    "escape-character": ("curated_by: hand", "curated_by: ha\x1bnd", "", "U+001B"),
    "february-30th": ("date: 2019-12-09", "date: 2019-02-30", ".date", "is not a date"),
    "period-april-31st": (
        "period: 2020/2020-05",
        "period: 2020-04-31/2020-05",
        ".period",
        "not a date",
    ),
    "full-width-digits": (
        "published: 2020-06",
        "published: ２０２０-06",
        "published",
        "not a date",
    ),
    "value-infinite": ("value: 400", "value: .inf", ".value", "finite number"),
    "value-overflows": ("value: 400", "value: 1e400", ".value", "finite number"),
    "value-absurd": ("value: 400", "value: 100000000000000000000", ".value", "less than or"),
    "value-boolean": ("value: 400", "value: true", ".value", "valid number"),
    "value-text": ("value: 400", "value: '400'", ".value", "valid number"),
    "campaign-year-month": ("year: 2019", "year: 2019-12", ".year", "[0-9]{4}"),
    "source-url-not-an-iri": (
        "curated_by: hand",
        "curated_by: hand\n  source_url: https://example.org/a>b",
        "report.source_url",
        "is not a valid IRI",
    ),
    "source-url-bad-host": (
        "curated_by: hand",
        "curated_by: hand\n  source_url: http://[::1",
        "report.source_url",
        "is not a valid IRI",
    ),
    "agency-part-of-itself": (
        "    kind: party\n    mentions: [[977, 979, 市委]]",
        "    kind: party\n    parent: fushun-xcb\n    mentions: [[977, 979, 市委]]",
        "agencies[0].parent",
        "'fushun-swei' would be part of itself: fushun-swei → fushun-xcb → fushun-swei",
    ),
    "text-path-with-nul": (
        'text: "../reports/fushun-2020-rule-of-law.txt"',
        'text: "../reports/a\\0b.txt"',
        "report.text",
        "cannot read",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_a_bad_value_is_refused_with_its_line_and_field(facts_copy: Path, case: str) -> None:
    old, new, field, words = BAD_VALUES[case]
    line = edit(facts_copy, old, new)
    with pytest.raises(FactsError) as err:
        read_facts(facts_copy)
    problem = err.value.problems[0]
    assert problem.line in (line, line + 1), err.value  # the key's line or the value's
    assert field in problem.field and words in problem.message, err.value


def test_a_text_that_is_no_regular_file_is_refused_at_once(facts_copy: Path) -> None:
    fifo = facts_copy.parent.parent / "reports" / "pipe.txt"
    os.mkfifo(fifo)  # opened for reading, it waits for a writer; /dev/zero would never end
    line = edit(facts_copy, 'reports/fushun-2020-rule-of-law.txt"', 'reports/pipe.txt"')
    errors: list[FactsError] = []

    def read() -> None:
        try:
            read_facts(facts_copy)
        except FactsError as exc:
            errors.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading the facts file waited on the FIFO"
    [problem] = errors[0].problems
    assert problem.line == line and problem.field == "report.text"
    assert "not a regular file" in problem.message


def test_a_long_loop_of_parents_is_named_once(facts_copy: Path) -> None:
    data = yaml.load(facts_copy.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    mention = data["agencies"][0]["mentions"]
    data["agencies"] += [
        {
            "key": f"loop-{i}",
            "name": f"抚顺市委第{i}组",
            "parent": f"loop-{(i + 1) % 500}",
            "mentions": mention,
        }
        for i in range(500)
    ]  # the check walked every chain anew for each record: cubic, 48 s for 3,000
    facts_copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FactsError) as err:
        read_facts(facts_copy)
    [problem] = err.value.problems
    assert problem.field == f"agencies[{len(data['agencies']) - 500}].parent"
    assert problem.message.endswith(
        "loop-0 → loop-1 → loop-2 → loop-3 → loop-4 → loop-5 → … → loop-0"
    )


def test_a_second_document_is_named_where_it_starts(facts_copy: Path) -> None:
    source = facts_copy.read_text(encoding="utf-8")
    facts_copy.write_text(f"{source}---\nformat: lawgraph-facts/1\n", encoding="utf-8")
    with pytest.raises(FactsError) as err:
        read_facts(facts_copy)  # was "a facts file is a YAML mapping", at line 1
    [problem] = err.value.problems
    assert problem.line == source.count("\n") + 1
    assert "expected a single document in the stream, but found another" in problem.message


def test_an_alias_bomb_is_refused(facts_copy: Path) -> None:
    # yaml-rs stops at a million alias replays; the file then went to PyYAML, which builds it
    # (10^8 items: out of memory once they reach a list the schema walks)
    bomb = "x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"x{i + 1}: &a{i + 1} [{', '.join([f'*a{i}'] * 10)}]\n" for i in range(7)
    )
    edit(facts_copy, "format: lawgraph-facts/1\n", f"format: lawgraph-facts/1\n{bomb}")
    with pytest.raises(FactsError, match="its aliases expand too far"):
        read_facts(facts_copy)


def test_a_nul_in_a_facts_file_loads_nothing(facts_copy: Path, tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        load_file(store, SEED_FACTS)
        before = store.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
        edit(facts_copy, "\nmeasures:", "\n\x00measures:")
        with pytest.raises(FactsError, match="U\\+0000"):
            load_file(store, facts_copy)
        assert store.oxigraph.dump(format=ox.RdfFormat.N_QUADS) == before


def test_real_days_of_the_calendar_still_load(facts_copy: Path) -> None:
    edit(facts_copy, "date: 2019-12-09", "date: 2020-02-29")  # a leap day
    edit(facts_copy, "value: 400", "value: 6.5e4")
    facts = read_facts(facts_copy)
    assert "2020-02-29" in {e.date for e in facts.model.events}
    assert 65000 in {m.value for m in facts.model.measures}


def test_a_year_parameter_takes_ascii_digits_only() -> None:
    # Python's \\d matches any script's digits: ２０１９ was bound as an ill-formed xsd:gYear
    with pytest.raises(BadParameter) as err:
        plan(load_catalog().get("laws-by-campaign"), {"year": "２０１９"})
    assert err.value.param == "year"


# --- the command line ---------------------------------------------------------------------------

LAWGRAPH = Path(sys.executable).parent / "lawgraph"


def lawgraph(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LAWGRAPH), *map(str, args)], capture_output=True, text=True, timeout=120
    )


def refused(done: subprocess.CompletedProcess[str], code: int, words: str) -> None:
    """Exit ``code`` with a message saying ``words`` and no traceback."""
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and words in done.stderr, done.stderr


def test_python_m_lawgraph_is_the_command(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "lawgraph", "stats", "--store", tmp_path / "none"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    refused(done, 1, "no store at")  # was: No module named lawgraph.__main__


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store_at(tmp_path_factory.mktemp("input-edge-cases") / "store")


def test_a_graph_that_is_no_iri_is_a_usage_error(tmp_path: Path) -> None:
    rdf = tmp_path / "x.nt"
    rdf.write_text("<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n")
    for graph in ("http://example.org/a>b", "not-absolute"):
        done = lawgraph("load", rdf, "--graph", graph, "--store", tmp_path / "store")
        refused(done, 2, "is not an absolute IRI")  # was a ValueError traceback
    assert not (tmp_path / "store").exists()  # refused before the store is opened


def test_validate_judges_rdf_files_as_load_does(tmp_path: Path) -> None:
    relative = tmp_path / "relative.ttl"  # load resolves it against the file's URL
    relative.write_text("<s> <http://example.org/p> <o> .\n")
    blank = tmp_path / "blank.trig"  # load refuses a graph named by a blank node
    blank.write_text("_:g { <http://example.org/s> <http://example.org/p> 1 }\n")
    assert lawgraph("validate", relative).returncode == 0  # it said: No scheme found
    assert lawgraph("load", relative, "--store", tmp_path / "store").returncode == 0
    refused(lawgraph("validate", blank), 1, "a graph named by a blank node")  # it said: ok
    refused(lawgraph("load", blank, "--store", tmp_path / "store"), 1, "named by a blank node")


@pytest.mark.parametrize("command", [("stats",), ("sparql", "ASK {}")])
def test_a_reading_command_never_makes_a_store(tmp_path: Path, command: tuple[str, ...]) -> None:
    missing = tmp_path / "typo"
    refused(lawgraph(*command, "--store", missing), 1, f"no store at {missing}")
    assert not missing.exists()  # `stats` made an empty store there and printed zeros


def test_a_service_that_fails_is_one_line(seeded: Path) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    refused(lawgraph("sparql", query, "--store", seeded), 1, "the query failed")


def test_query_files_saved_with_a_byte_order_mark_run(seeded: Path, tmp_path: Path) -> None:
    ask, construct = tmp_path / "ask.rq", tmp_path / "network.rq"
    ask.write_text("\ufeffASK { ?s a lg:Report }", encoding="utf-8")
    construct.write_text("\ufeffCONSTRUCT WHERE { ?s a lg:Report }", encoding="utf-8")
    done = lawgraph("sparql", ask, "--store", seeded)
    assert done.returncode == 0 and done.stdout == "true\n", done.stderr  # was a syntax error
    done = lawgraph("export", "-s", f"construct:{construct}", "-f", "nquads", "--store", seeded)
    assert done.returncode == 0 and "#Report>" in done.stdout, done.stderr
    ask.write_bytes(b"\xffASK {}")
    refused(lawgraph("sparql", ask, "--store", seeded), 1, f"{ask}: cannot read")  # a traceback


def test_an_export_to_a_folder_it_cannot_write_is_one_line(seeded: Path) -> None:
    done = lawgraph("export", "-o", "/proc/lawgraph-edge-case.gexf", "--store", seeded)
    refused(done, 1, "/proc/lawgraph-edge-case.gexf: cannot write")


def test_an_export_refuses_a_canned_parameter_given_twice(seeded: Path) -> None:
    scope = "query:laws-by-campaign?year=2019&year=2020"
    done = lawgraph("export", "-s", scope, "-f", "gexf", "--store", seeded)
    refused(done, 1, "year: given more than once")  # the last one was used silently


def test_the_export_route_refuses_a_parameter_given_twice(seeded: Path) -> None:
    app = create_app(Settings(store=seeded, workers=1, seed=False))
    with TestClient(app) as client:
        response = client.get("/export?scope=report:nope&scope=all&format=trig")
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "scope: given more than once"


def test_extract_writes_facts_that_load_from_odd_reports(tmp_path: Path) -> None:
    # A report that states a day the calendar lacks, and one with control characters in its
    # title line: the drafts failed their own check (or hid a NUL in a comment line)
    (tmp_path / "typo.txt").write_text(
        "2019年2月30日，抚顺市司法局召开全市普法工作会议。会议宣传了宪法。", encoding="utf-8"
    )
    (tmp_path / "controls.txt").write_text(
        "\x00抚顺\x7f市委\r召开会议\x85。\n抚顺市司法局召开全市普法工作会议。", encoding="utf-8"
    )
    out = tmp_path / "facts"
    files = (tmp_path / "typo.txt", tmp_path / "controls.txt")
    done = lawgraph("extract", *files, "--place", "抚顺市", "--date", "2020", "-o", out)
    assert done.returncode == 0, done.stderr
    typo = read_facts(out / "typo.yaml")
    assert [e.date for e in typo.model.events] == [None]  # the impossible day is left out
    assert read_facts(out / "controls.yaml").text.startswith("\x00抚顺\x7f市委\r")
