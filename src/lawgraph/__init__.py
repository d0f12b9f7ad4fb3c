"""lawgraph: a knowledge graph of Chinese local governance and law, built from the reports local
governments publish, with every fact traceable to the sentence that states it."""

from lawgraph.errors import (
    FactsError,
    ForbiddenQuery,
    InputError,
    LawgraphError,
    LoadBusy,
    QueryError,
    QueryTimeout,
    StoreError,
)

__version__ = "0.1.0"

__all__ = [
    "FactsError",
    "ForbiddenQuery",
    "InputError",
    "LawgraphError",
    "LoadBusy",
    "QueryError",
    "QueryTimeout",
    "StoreError",
    "__version__",
]
