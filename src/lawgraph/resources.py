"""Where lawgraph finds its bundled files: the ontology, the canned queries and the data.

They live at the top of the project (``ontology/``, ``queries/``, ``data/``). A checkout or an
editable install finds them beside ``src/``; any other install names the folder with
``LAWGRAPH_HOME``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def home() -> Path:
    """The folder that holds ``ontology/``, ``queries/`` and ``data/``."""
    env = os.environ.get("LAWGRAPH_HOME")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2])
    for candidate in candidates:
        if (candidate / "ontology" / "lawgraph.ttl").is_file():
            return candidate
    raise FileNotFoundError(
        "cannot find lawgraph's ontology/, queries/ and data/ folders: "
        "set LAWGRAPH_HOME to the folder that holds them"
    )


def ontology_path() -> Path:
    return home() / "ontology" / "lawgraph.ttl"


def shapes_path() -> Path:
    return home() / "ontology" / "shapes.ttl"


def queries_dir() -> Path:
    return home() / "queries"


def data_dir() -> Path:
    return home() / "data"
