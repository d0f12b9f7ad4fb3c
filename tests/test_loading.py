"""Loading is all or nothing: bad facts or RDF files are refused with file:line messages and the
store is left byte-for-byte as it was; reloads replace; one writer at a time."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from seed import SEED_FACTS, SEED_REPORT, SEED_TEXT

from lawgraph import ids
from lawgraph.errors import FactsError, InputError, LoadBusy
from lawgraph.facts import read_facts
from lawgraph.loader import Failed, Loaded, load_each, load_file, load_paths
from lawgraph.rdf import report_quads
from lawgraph.store import EmbeddedStore
from lawgraph.vocab import LG

RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture
def disk_store(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "store")
    yield store
    store.close()


def dump(store: EmbeddedStore) -> bytes:
    return store.oxigraph.dump(format=ox.RdfFormat.N_QUADS) or b""


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a file; return the 1-based line of the first replacement."""
    source = path.read_text(encoding="utf-8")
    assert old in source, old
    line = source[: source.index(old)].count("\n") + 1
    path.write_text(source.replace(old, new, count), encoding="utf-8")
    return line


def first_line(path: Path, needle: str) -> tuple[int, str]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line
    raise AssertionError(needle)


# --- the facts file ----------------------------------------------------------------------------


def test_the_seed_facts_file_is_valid() -> None:
    facts = read_facts(SEED_FACTS)
    assert facts.report.id == "fushun-2020-rule-of-law"
    assert len(facts.model.officials) == 7
    assert len(facts.model.laws) == 11


def test_a_broken_span_is_refused_with_its_line(facts_copy: Path) -> None:
    number, line = first_line(facts_copy, "戴小梅]")
    start = line.split("[")[-1].split(",")[0]
    edit(facts_copy, f"[{start},", f"[{int(start) + 1},")
    with pytest.raises(FactsError) as err:
        read_facts(facts_copy)
    message = str(err.value)
    assert f"{facts_copy}:{number}:" in message
    assert "not '戴小梅'" in message


def test_an_unknown_field_is_refused_with_its_line(facts_copy: Path) -> None:
    number = edit(facts_copy, "  title:", "  titel: x\n  title:")
    with pytest.raises(FactsError) as err:
        read_facts(facts_copy)
    assert f"{facts_copy}:{number}: report.titel: unknown field" in str(err.value)


def test_a_wrong_type_is_refused_with_its_line(facts_copy: Path) -> None:
    number, _ = first_line(facts_copy, "value:")
    source = facts_copy.read_text(encoding="utf-8").splitlines()
    source[number - 1] = source[number - 1].replace("value:", "value: many #", 1)
    facts_copy.write_text("\n".join(source) + "\n", encoding="utf-8")
    with pytest.raises(FactsError) as err:
        read_facts(facts_copy)
    assert f"{facts_copy}:{number}: measures[0].value:" in str(err.value)


def test_a_dangling_reference_is_refused_with_its_line(facts_copy: Path) -> None:
    data = yaml.safe_load(facts_copy.read_text(encoding="utf-8"))
    official = data["posts"][0]["official"]
    number, _ = first_line(facts_copy, f"official: {official}")
    edit(facts_copy, f"official: {official}", "official: nobody-here")
    with pytest.raises(FactsError) as err:
        read_facts(facts_copy)
    assert f"{facts_copy}:{number}: posts[0].official: 'nobody-here' names no record" in str(
        err.value
    )


def test_not_yaml_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: lawgraph-facts/1\nreport: [unclosed\n", encoding="utf-8")
    with pytest.raises(FactsError) as err:
        read_facts(bad)
    assert str(err.value).startswith(f"{bad}:3: not valid YAML")


def test_a_changed_text_is_caught_by_its_digest(facts_copy: Path) -> None:
    text = facts_copy.parent.parent / "reports" / SEED_TEXT.name
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(FactsError, match=r"report\.sha256: does not match"):
        read_facts(facts_copy)


def test_an_ambiguous_place_is_refused_with_candidates(facts_copy: Path) -> None:
    edit(facts_copy, "place: 抚顺市", "place: 朝阳区")
    with pytest.raises(FactsError, match="'朝阳区' is ambiguous: write one of"):
        read_facts(facts_copy)


def test_a_law_missing_from_the_gazetteer_is_refused(facts_copy: Path) -> None:
    edit(facts_copy, "title: 中华人民共和国核安全法", "title: 中华人民共和国不存在法")
    with pytest.raises(FactsError, match="not in the law gazetteer"):
        read_facts(facts_copy)


# --- the store is left as it was --------------------------------------------------------------

BREAKAGES = {
    "broken span": ("戴小梅]", "戴小妹]"),
    "unknown field": ("format: lawgraph-facts/1", "format: lawgraph-facts/1\nextra: 1"),
    "wrong type": ("value:", "value: lots #"),
    "dangling reference": ("  - by: ", "  - by: no-such-key #"),
    "not yaml": ("format:", "format: [\n"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_bad_facts_file_leaves_the_store_byte_for_byte(
    breakage: str, facts_copy: Path, disk_store: EmbeddedStore
) -> None:
    load_file(disk_store, facts_copy)
    before = dump(disk_store)
    old, new = BREAKAGES[breakage]
    edit(facts_copy, old, new)
    with pytest.raises(InputError):
        load_file(disk_store, facts_copy)
    assert dump(disk_store) == before


@pytest.mark.parametrize("name", ["抚顺市", "辽宁省抚顺市", "210400"])
def test_a_division_place_is_labelled_by_the_gazetteer_however_named(
    name: str, facts_copy: Path, disk_store: EmbeddedStore
) -> None:
    """The facts format lets a division place be named by its name, full name or code (as
    `lawgraph extract` writes 吉林省长春市朝阳区 for a district whose name others share); its node
    keeps the one Chinese label the shapes require."""
    start = SEED_TEXT.read_text(encoding="utf-8").index("抚顺市")
    edit(
        facts_copy,
        "places:\n",
        f"places:\n  - {{key: city, name: '{name}', kind: division, "
        f"mentions: [[{start}, {start + 3}, 抚顺市]]}}\n",
    )
    load_file(disk_store, facts_copy)
    city = ox.NamedNode(ids.division("210400"))
    labels = [q.object.value for q in disk_store.oxigraph.quads_for_pattern(city, RDFS_LABEL, None)]
    assert set(labels) == {"抚顺市"}


def test_reloading_a_report_replaces_its_graph(facts_copy: Path, disk_store: EmbeddedStore) -> None:
    load_file(disk_store, facts_copy)
    before = dump(disk_store)
    load_file(disk_store, facts_copy)
    assert dump(disk_store) == before
    # an edit that removes a fact: the reload drops it
    data = yaml.safe_load(facts_copy.read_text(encoding="utf-8"))
    removed = data["measures"].pop()
    facts_copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_file(disk_store, facts_copy)
    after = dump(disk_store)
    assert len(after) < len(before)
    span = (
        removed["evidence"][0] if isinstance(removed["evidence"][0], list) else removed["evidence"]
    )
    iri = ids.measure("fushun-2020-rule-of-law", span[0], span[1])
    assert iri.encode() in before
    assert iri.encode() not in after
    assert disk_store.graphs() == [SEED_REPORT]


def test_the_store_survives_a_reopen(facts_copy: Path, tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "s") as store:
        load_file(store, facts_copy)
        before = dump(store)
    with EmbeddedStore(tmp_path / "s") as store:
        assert dump(store) == before


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "s"), pytest.raises(LoadBusy, match="in use by lawgraph pid"):
        EmbeddedStore(tmp_path / "s", lock_wait=0.2)


# --- RDF files ---------------------------------------------------------------------------------

TURTLE = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/law/1> rdfs:label "民法典"@zh .
<https://example.org/law/2> rdfs:label "刑法"@zh .
"""
NQUADS = """<https://example.org/a> <https://example.org/p> "1" <https://example.org/g1> .
<https://example.org/b> <https://example.org/p> "2" <https://example.org/g2> .
<https://example.org/c> <https://example.org/p> "3" .
"""


def test_rdf_files_load_into_their_own_graphs(tmp_path: Path, disk_store: EmbeddedStore) -> None:
    (tmp_path / "catalogue.ttl").write_text(TURTLE, encoding="utf-8")
    (tmp_path / "dump.nq").write_text(NQUADS, encoding="utf-8")
    loaded = load_paths(disk_store, [tmp_path / "catalogue.ttl", tmp_path / "dump.nq"])
    assert loaded[0].graphs == ["https://w3id.org/lawgraph/id/source/catalogue.ttl"]
    assert loaded[0].quads == 2
    assert loaded[1].graphs == [
        "https://example.org/g1",
        "https://example.org/g2",
        "https://w3id.org/lawgraph/id/source/dump.nq",
    ]
    # the 5 quads of the files, and the search keys of the two labels
    keys = disk_store.oxigraph.quads_for_pattern(None, LG.searchKey, None, None)
    assert sorted((q.subject.value, q.object.value) for q in keys) == [
        ("https://example.org/law/1", "民法典"),
        ("https://example.org/law/2", "刑法"),
    ]
    assert len(disk_store) == 7
    # reloading replaces
    load_paths(disk_store, [tmp_path / "catalogue.ttl"])
    assert len(disk_store) == 7


def test_a_bad_rdf_file_names_its_line_and_writes_nothing(
    tmp_path: Path, disk_store: EmbeddedStore
) -> None:
    good = tmp_path / "good.ttl"
    good.write_text(TURTLE, encoding="utf-8")
    load_paths(disk_store, [good])
    before = dump(disk_store)
    good.write_text(
        TURTLE + '<https://example.org/x> rdfs:label "unterminated .\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"good\.ttl: .*line 4"):
        load_paths(disk_store, [good])
    assert dump(disk_store) == before


def test_large_files_are_streamed_and_a_killed_stream_is_rolled_back(tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    big.write_text(
        "".join(
            f'<https://example.org/s{i}> <https://example.org/p> "{i}" .\n' for i in range(500)
        ),
        encoding="utf-8",
    )
    with EmbeddedStore(tmp_path / "s", transaction_limit=100) as store:
        graphs, count = store.load_rdf(big, "https://example.org/big")
        assert (graphs, count) == (["https://example.org/big"], 500)
        assert len(store) == 500
        assert not (tmp_path / "s" / "incomplete.json").exists()
    # A load killed half-way leaves its marker; the next writer rolls the graph back.
    (tmp_path / "s" / "incomplete.json").write_text(json.dumps(["https://example.org/big"]))
    with EmbeddedStore(tmp_path / "s") as store:
        assert len(store) == 0
        assert store.graphs() == []


def test_readers_share_the_store_and_writers_wait_for_them(
    facts_copy: Path, tmp_path: Path
) -> None:
    with EmbeddedStore(tmp_path / "s") as store:
        load_file(store, facts_copy)
        quads = len(store)
    with (
        EmbeddedStore(tmp_path / "s", read_only=True) as one,
        EmbeddedStore(tmp_path / "s", read_only=True, lock_wait=0.2) as two,
    ):
        assert one.read_only and two.read_only
        assert len(one) == len(two) == quads
        with pytest.raises(LoadBusy):
            EmbeddedStore(tmp_path / "s", lock_wait=0.2)
    with EmbeddedStore(tmp_path / "s", lock_wait=0.2) as writer:
        assert not writer.read_only and len(writer) == quads
        with pytest.raises(LoadBusy):
            EmbeddedStore(tmp_path / "s", read_only=True, lock_wait=0.2)


def test_a_reader_of_a_store_with_a_killed_load_rolls_it_back_first(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "s") as store:
        store.replace_graph("https://example.org/g", [])
    (tmp_path / "s" / "incomplete.json").write_text(json.dumps(["https://example.org/g"]))
    with EmbeddedStore(tmp_path / "s", read_only=True) as store:
        assert not store.read_only
        assert store.graphs() == []
    assert not (tmp_path / "s" / "incomplete.json").exists()


# --- batches -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Seven synthetic reports (bench/synth.py); the fourth is edited to fail the SHACL shapes:
    a copy of an event with another kind mints the same IRI, which gets two lg:eventKind."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import synth

    files = synth.write_facts(tmp_path_factory.mktemp("synth"), 7 * 1300, seed=11)[:7]
    assert len(files) == 7
    data = yaml.safe_load(files[3].read_text(encoding="utf-8"))
    data["events"].append({**data["events"][0], "key": "twin", "kind": "lecture"})
    files[3].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return files


def report_graphs(files: list[Path]) -> list[str]:
    return [
        ids.report(yaml.safe_load(f.read_text(encoding="utf-8"))["report"]["id"]) for f in files
    ]


def test_a_batch_refuses_its_bad_report_alone(synthetic: list[Path], tmp_path: Path) -> None:
    """With --keep-going, a batch writes every good report and refuses the bad one with its own
    SHACL message; the store then holds what loading the good files one by one gives."""
    graphs = report_graphs(synthetic)
    with EmbeddedStore(tmp_path / "batch") as store:
        outcomes = list(load_each(store, synthetic, batch=5, keep_going=True))
        batched = dump(store)
        assert store.graphs() == sorted(graphs[:3] + graphs[4:])
    assert [isinstance(o, Failed) for o in outcomes] == [False] * 3 + [True] + [False] * 3
    message = str(outcomes[3].error)  # type: ignore[union-attr]
    assert f"{synthetic[3]}: the report graph fails the SHACL shapes" in message
    assert "eventKind: more than 1 values (maxCount)" in message
    with EmbeddedStore(tmp_path / "single") as store:
        for path in synthetic[:3] + synthetic[4:]:
            load_file(store, path)
        assert sorted(batched.splitlines()) == sorted(dump(store).splitlines())


def test_a_batch_stops_at_its_bad_report(synthetic: list[Path], tmp_path: Path) -> None:
    """Without --keep-going, the reports before the bad one are written, none after it."""
    graphs = report_graphs(synthetic)
    with EmbeddedStore(tmp_path / "s") as store:
        with pytest.raises(InputError, match="fails the SHACL shapes"):
            load_paths(store, synthetic, batch=64)
        assert store.graphs() == sorted(graphs[:3])
        # a reload of a batch whose reports are all present goes through one transaction
        loaded = load_paths(store, synthetic[:3], batch=64)
        assert [g for item in loaded for g in item.graphs] == graphs[:3]
        assert store.graphs() == sorted(graphs[:3])


@pytest.fixture(scope="module")
def synthetic_10k(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The synthetic 10k-triple set (bench/synth.py), about nine reports."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import synth

    return synth.write_facts(tmp_path_factory.mktemp("synth10k"), 10_000, seed=7)


@pytest.mark.parametrize("on_disk", [False, True])
def test_worker_processes_write_exactly_the_quads_the_facts_make(
    synthetic_10k: list[Path], tmp_path: Path, on_disk: bool
) -> None:
    """Facts files prepared in worker processes (read, built, checked and sent as N-Quads) and
    here give one store: exactly the quads ``report_quads`` makes for each facts file, new or
    reloaded (the N-Quads then parsed back into one transaction)."""
    files = [SEED_FACTS, *synthetic_10k]
    expected = ox.Store()
    expected.extend(q for f in files for q in report_quads(read_facts(f)))
    want = sorted(str(q) for q in expected)
    for workers in (0, 2):
        with EmbeddedStore(tmp_path / f"w{workers}" if on_disk else None) as store:
            for _ in range(2):  # the second load replaces every graph
                outcomes = list(load_each(store, files, batch=4, workers=workers))
                assert [o.quads for o in outcomes] == [  # type: ignore[union-attr]
                    len(report_quads(read_facts(f))) for f in files
                ]
                assert sorted(str(q) for q in store.quads()) == want


def test_worker_processes_refuse_bad_files_with_the_same_messages(
    synthetic: list[Path], facts_copy: Path
) -> None:
    """A facts file that fails validation or the shapes in a worker process is refused with the
    message it gets here, and the good files around it are written all the same."""
    text = facts_copy.read_text(encoding="utf-8")
    facts_copy.write_text(text.replace("published:", "published: [", 1), encoding="utf-8")
    files = [*synthetic, facts_copy]
    outcomes = {}
    for workers in (0, 2):
        with EmbeddedStore() as store:
            outcomes[workers] = [
                (o.path, str(o.error) if isinstance(o, Failed) else o.quads)
                for o in load_each(store, files, batch=3, keep_going=True, workers=workers)
            ]
            graphs = store.graphs()
        assert graphs == sorted(report_graphs(synthetic[:3] + synthetic[4:]))
    assert outcomes[0] == outcomes[2]
    assert [isinstance(o[1], str) for o in outcomes[2]] == [False] * 3 + [True] + [False] * 3 + [
        True
    ]
    assert f"{facts_copy}:" in outcomes[2][-1][1]


def test_a_killed_loads_spool_folder_is_removed_by_the_next(
    synthetic_10k: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers leave each report's N-Quads in a spool folder until they are written; a load
    killed meanwhile leaves its folder, which the next load removes (its process is gone)."""
    import subprocess
    import tempfile

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f"lawgraph-load-{dead.pid}-x"
    stale.mkdir()
    (stale / "a.nq").write_bytes(b"")
    alive = tmp_path / f"lawgraph-load-{os.getpid()}-y"
    alive.mkdir()
    with EmbeddedStore() as store:
        assert all(isinstance(o, Loaded) for o in load_each(store, synthetic_10k, workers=2))
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name]


def test_without_a_spool_folder_the_files_are_prepared_here(
    synthetic_10k: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A temporary folder that cannot hold the workers' spool folder does not stop a load: the
    loading process reads, builds and checks the files itself."""
    import tempfile

    missing = tmp_path / "no-such-folder"
    monkeypatch.setattr(tempfile, "tempdir", str(missing))
    with EmbeddedStore() as store:
        outcomes = list(load_each(store, synthetic_10k, workers=2))
        assert all(isinstance(o, Loaded) for o in outcomes)
        assert len(store.graphs()) == len(synthetic_10k)
    assert not missing.exists()
