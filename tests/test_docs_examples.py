"""Every curl example of the README and ``docs/`` works as written, against a real server.

The examples are the ``curl`` commands of the ```` ```bash ```` blocks of ``README.md`` and
``docs/*.md`` that address ``http://127.0.0.1:8000``. Each runs in bash, as written but for the
server's address, against ``lawgraph serve`` on a copy of the seed store (admin routes on), from
a folder holding what the docs take for granted: the repository's ``data/`` and a ``query.rq``.
Its pipeline must succeed, and every response must have the status that the example's trailing
comment names (``# 400``), or a 2xx when it names none. Examples that write (``/admin/``) run
after those that read.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import ROOT, Server, start_lawgraph
from seed import seed_store_at

DOCUMENTED = "http://127.0.0.1:8000"
TOKEN = "docs-example-token-0123456789"
_BLOCK = re.compile(r"^```bash\n(.*?)^```", re.M | re.S)
_EXPECTED = re.compile(r"\s#\s*(\d{3})\b[^'\"]*$")
"""A trailing comment that starts with a status: ``# 400``, ``# 403: …``."""
_STATUS = re.compile(r"^status (\d{3})$", re.M)


def _commands(block: str) -> Iterator[str]:
    """The shell commands of a block: lines joined while a quote is open or a line ends in \\."""
    pending = ""
    for line in block.splitlines():
        pending = f"{pending}\n{line}" if pending else line
        if pending.endswith("\\"):
            continue
        try:
            shlex.split(pending, comments=True)
        except ValueError:  # a quote still open: the command goes on
            continue
        yield pending
        pending = ""


def examples() -> list[tuple[str, str]]:
    found = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for block in _BLOCK.findall(doc.read_text(encoding="utf-8")):
            for command in _commands(block):
                if command.lstrip().startswith("curl") and DOCUMENTED in command:
                    found.append((doc.relative_to(ROOT).as_posix(), command))
    return sorted(found, key=lambda example: "/admin/" in example[1])


EXAMPLES = examples()


def test_the_docs_have_an_example_for_every_route() -> None:
    paths = {
        path
        for _, command in EXAMPLES
        for path in re.findall(re.escape(DOCUMENTED) + r"(/[^\s'\"?]*)", command)
    }
    routes = [
        "/sparql",
        "/queries",
        r"/queries/[\w-]+(\.csv)?",
        "/export",
        r"/openapi\.json",
        "/id/.+",
        r"/questions/[\w-]+",
        "/admin/reports",
        "/admin/reports/.+",
    ]
    missing = [r for r in routes if not any(re.fullmatch(r, path) for path in paths)]
    assert missing == [], sorted(paths)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("docs-examples")
    store = seed_store_at(workdir / "store")
    started = start_lawgraph(
        workdir / "server",
        store=store,
        env={"LAWGRAPH_ADMIN_TOKEN": TOKEN, "LAWGRAPH_SEED": "false", "LAWGRAPH_WORKERS": "1"},
    )
    yield started
    started.stop()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the examples run: ``data/`` of the repository and a ``query.rq``."""
    path = tmp_path_factory.mktemp("docs-cwd")
    (path / "data").symlink_to(ROOT / "data")
    (path / "query.rq").write_text(
        "SELECT ?law WHERE { ?law a <https://w3id.org/lawgraph/ns#Law> }\n"
    )
    return path


@pytest.mark.parametrize(
    ("doc", "command"), EXAMPLES, ids=[f"{d}:{i}" for i, (d, _) in enumerate(EXAMPLES)]
)
def test_the_example_works_as_written(doc: str, command: str, server: Server, folder: Path) -> None:
    wanted = _EXPECTED.search(command)
    # curl's write-out goes to stderr, so that pipes and -o see the body alone
    script = (
        "set -o pipefail\n"
        "curl() { command curl -w '%{stderr}status %{http_code}\\n' \"$@\"; }\n"
        + command.replace(DOCUMENTED, server.base)
    )
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LAWGRAPH_ADMIN_TOKEN": TOKEN},
    )
    problem = f"{doc}: {command}\nstdout: {done.stdout[-2000:]}\nstderr: {done.stderr[-2000:]}"
    assert done.returncode == 0, problem
    statuses = [int(s) for s in _STATUS.findall(done.stderr)]
    assert statuses, problem
    if wanted:
        assert statuses == [int(wanted.group(1))], problem
    else:
        assert all(200 <= s < 300 for s in statuses), problem
