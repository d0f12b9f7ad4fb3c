"""The server's in-memory snapshot (``executor._snapshot``) holds exactly the disk store's quads
and graphs, whatever their shape, in the layout ``executor.memory_copy`` gives it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from seed import seed_store_at

from lawgraph.executor import _snapshot, memory_copy
from lawgraph.store import EmbeddedStore

EX = "https://example.org/"


def test_the_snapshot_holds_every_quad_and_graph_of_the_store(tmp_path: Path) -> None:
    path = seed_store_at(tmp_path / "store")
    odd = [
        # the default graph, a blank node subject, a triple term, an empty named graph
        ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("x")),
        ox.Quad(ox.BlankNode("b1"), ox.NamedNode(EX + "p"), ox.NamedNode(EX + "a")),
        ox.Quad(
            ox.NamedNode(EX + "b"),
            ox.NamedNode(EX + "q"),
            ox.Triple(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("x")),
            ox.NamedNode(EX + "g"),
        ),
    ]
    with EmbeddedStore(path) as store:
        store.oxigraph.extend(odd)
        store.oxigraph.add_graph(ox.NamedNode(EX + "empty"))
        quads = set(store.oxigraph.quads_for_pattern(None, None, None, None))
        graphs = set(store.oxigraph.named_graphs())
    assert len(quads) > 1000 and set(odd) <= quads

    snapshot, _token, _graphs, size = _snapshot(str(path))
    assert set(snapshot.quads_for_pattern(None, None, None, None)) == quads
    assert size == len(quads)
    assert set(snapshot.named_graphs()) == graphs


def test_memory_copy_adds_the_quads_predicate_by_predicate_in_subject_order() -> None:
    source = ox.Store()
    p, q = ox.NamedNode(EX + "p"), ox.NamedNode(EX + "q")
    subjects = [ox.NamedNode(EX + name) for name in ("c", "a", "b")]
    source.extend(ox.Quad(s, pred, ox.Literal("v")) for s in subjects for pred in (q, p))
    copy = memory_copy(source)
    assert set(copy) == set(source)
    # a predicate's quads in subject order (the store walks them from the first or the last
    # added), where the source has them in the order they came: c, a, b
    names = [
        quad.subject.value[len(EX) :] for quad in source.quads_for_pattern(None, p, None, None)
    ]
    assert names not in (["a", "b", "c"], ["c", "b", "a"])
    names = [quad.subject.value[len(EX) :] for quad in copy.quads_for_pattern(None, p, None, None)]
    assert names in (["a", "b", "c"], ["c", "b", "a"])
