"""Fuzzing the facts parser and the loader (hypothesis).

Random mutations of the seed facts file (fields dropped, duplicated or retyped, spans shifted,
random YAML, random bytes, truncated text) must either load as a report or fail with a
FactsError / InputError whose message starts ``file:line:`` (or ``file:``), never with another
exception, and a failure must leave the store exactly as it was.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seed import SEED_FACTS, SEED_TEXT

from lawgraph.errors import FactsError, InputError
from lawgraph.facts import _Loader, read_facts
from lawgraph.loader import load_file
from lawgraph.rdf import report_graph, report_quads
from lawgraph.store import EmbeddedStore

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SOURCE = SEED_FACTS.read_text(encoding="utf-8")
DATA = yaml.load(SOURCE, Loader=_Loader)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """A folder laid out like data/: facts/ beside reports/ (the facts file's text path)."""
    root = Path(tempfile.mkdtemp(prefix="lawgraph-fuzz-"))
    (root / "facts").mkdir()
    (root / "reports").mkdir()
    shutil.copy(SEED_TEXT, root / "reports" / SEED_TEXT.name)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def base() -> list[ox.Quad]:
    """The store every example starts from: the seed report, plus one other graph."""
    other = ox.NamedNode("https://example.org/fuzz/other")
    quads = report_quads(read_facts(SEED_FACTS))
    quads.append(ox.Quad(other, other, ox.Literal("untouched"), other))
    return quads


def _dump(store: EmbeddedStore) -> set[str]:
    return {str(q) for q in store.quads()}


def _try_load(path: Path, base: list[ox.Quad]) -> str:
    """Load ``path`` into a fresh store holding ``base``; check the outcome; name it."""
    store = EmbeddedStore(memory=ox.Store())
    store.oxigraph.extend(base)
    before = _dump(store)
    try:
        loaded = load_file(store, path)
    except (FactsError, InputError) as exc:
        message = str(exc)
        assert message.startswith(f"{path}:"), message
        first = message.split("\n", 1)[0][len(str(path)) + 1 :]
        head = first.split(":", 1)[0]
        assert first.startswith(" ") or head.isdigit(), message
        if isinstance(exc, FactsError):
            assert exc.problems
            for problem in exc.problems:
                assert problem.file == str(path)
                assert problem.line is None or problem.line >= 1
        assert _dump(store) == before, "a failed load changed the store"
        return type(exc).__name__
    # loaded: the report graph is exactly what the loader makes, the other graphs untouched
    facts = read_facts(path)
    graph = report_graph(facts)
    assert loaded.graphs == [graph]
    assert {str(q) for q in store.quads(graph)} == {str(q) for q in report_quads(facts)}
    others = {q for q in before if f"<{graph}>" not in q.rsplit(" ", 1)[-1]}
    assert others <= _dump(store)
    return "loaded"


def _write(workdir: Path, content: str | bytes) -> Path:
    path = workdir / "facts" / "fuzz.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside the document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*prefix, i)
            yield from _paths(value, (*prefix, i))


def _spans(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, list) and len(node) == 3 and all(isinstance(x, int) for x in node[:2]):
        yield prefix
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _spans(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _spans(value, (*prefix, i))


PATHS = list(_paths(DATA))
SPANS = list(_spans(DATA))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["", "2020-13", "2021/2020", "0", "-1", "x" * 200, "抚顺市", "../../x"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=8,
)


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The seed facts document with 1 to 4 structural mutations, dumped as YAML."""
    doc = copy.deepcopy(DATA)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["drop", "duplicate", "retype", "shift"]))
        if kind == "shift":
            path = draw(st.sampled_from(SPANS))
            try:
                span = _parent(doc, path)[path[-1]]
            except (KeyError, IndexError, TypeError):
                continue
            if isinstance(span, list) and len(span) == 3:
                delta = draw(st.integers(-5, 5).filter(bool))
                which = draw(st.sampled_from([0, 1, "both"]))
                for i in (0, 1) if which == "both" else (which,):
                    if isinstance(span[i], int):
                        span[i] += delta
            continue
        path = draw(st.sampled_from(PATHS))
        try:
            parent = _parent(doc, path)
            value = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
        if kind == "drop":
            del parent[path[-1]]
        elif kind == "duplicate":
            if isinstance(parent, list):
                parent.insert(path[-1], copy.deepcopy(value))
            else:
                parent[path[-1]] = [value, copy.deepcopy(value)]
        else:
            parent[path[-1]] = draw(VALUES)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def test_structural_mutations(workdir: Path, base: list[ox.Quad]) -> None:
    # the unmutated seed loads, through the same check
    assert _try_load(_write(workdir, SOURCE), base) == "loaded"
    outcomes: Counter[str] = Counter()

    @SETTINGS
    @given(content=mutated())
    def check(content: str) -> None:
        outcomes[_try_load(_write(workdir, content), base)] += 1

    check()
    print(f"\nfuzz structural: {sum(outcomes.values())} inputs tried: {dict(outcomes)}")


@st.composite
def text_mutations(draw: st.DrawFn) -> bytes:
    """The seed file's text truncated, with lines dropped/duplicated, or random bytes spliced."""
    raw = SOURCE.encode("utf-8")
    kind = draw(st.sampled_from(["truncate", "bytes", "lines", "replace"]))
    if kind == "truncate":
        return raw[: draw(st.integers(0, len(raw) - 1))]
    if kind == "bytes":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.binary(min_size=1, max_size=20)) + raw[at:]
    if kind == "lines":
        lines = SOURCE.splitlines(keepends=True)
        i = draw(st.integers(0, len(lines) - 1))
        if draw(st.booleans()):
            del lines[i]
        else:
            lines.insert(i, lines[draw(st.integers(0, len(lines) - 1))])
        return "".join(lines).encode("utf-8")
    at = draw(st.integers(0, len(SOURCE) - 1))
    chunk = draw(st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@` \n\t0x")), max_size=6))
    return (SOURCE[:at] + chunk + SOURCE[at + len(chunk) :]).encode("utf-8")


def test_text_mutations(workdir: Path, base: list[ox.Quad]) -> None:
    outcomes: Counter[str] = Counter()

    @SETTINGS
    @given(content=text_mutations())
    def check(content: bytes) -> None:
        outcomes[_try_load(_write(workdir, content), base)] += 1

    check()
    print(f"\nfuzz text/bytes: {sum(outcomes.values())} inputs tried: {dict(outcomes)}")


def test_random_documents(workdir: Path, base: list[ox.Quad]) -> None:
    outcomes: Counter[str] = Counter()

    @SETTINGS
    @given(
        content=st.one_of(
            VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
            st.binary(max_size=200),
            st.text(max_size=200),
        )
    )
    def check(content: str | bytes) -> None:
        outcomes[_try_load(_write(workdir, content), base)] += 1

    check()
    print(f"\nfuzz random YAML/bytes: {sum(outcomes.values())} inputs tried: {dict(outcomes)}")
