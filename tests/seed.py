"""The bundled seed report, loaded once into an in-memory store for the tests that only read."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lawgraph.loader import load_paths
from lawgraph.store import EmbeddedStore
from lawgraph.vocab import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
SEED_FACTS = ROOT / "data" / "facts" / "fushun-2020-rule-of-law.yaml"
SEED_TEXT = ROOT / "data" / "reports" / "fushun-2020-rule-of-law.txt"
SEED_REPORT = "https://w3id.org/lawgraph/id/report/fushun-2020-rule-of-law"


@cache
def seed_store() -> EmbeddedStore:
    """An in-memory store holding the seed report (shared: do not write to it)."""
    store = EmbeddedStore()
    load_paths(store, [SEED_FACTS])
    return store


def seed_store_at(path: Path) -> Path:
    """An on-disk store at ``path`` holding the seed report (for tests that serve or write it)."""
    with EmbeddedStore(path) as store:
        load_paths(store, [SEED_FACTS])
    return path


def select(store: EmbeddedStore, query: str, **bindings: object) -> list[dict[str, str]]:
    """Rows of a SELECT as dicts of plain values (IRIs and literal lexical forms)."""
    result = store.query(query, prefixes=PREFIXES, **bindings)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [
        {n: row[n].value for n in names if row[n] is not None}
        for row in result  # type: ignore[union-attr]
    ]
