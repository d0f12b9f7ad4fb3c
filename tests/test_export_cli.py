"""``lawgraph export`` as a user runs it: files written, exit codes, one-line errors."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from seed import seed_store_at

from lawgraph.export.command import export


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store_at(tmp_path_factory.mktemp("export") / "store")


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(export, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_format_from_the_file_name(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.gexf"
    code, _, err = run("--store", store, "-o", out)
    assert code == 0, err
    assert "69 nodes" in err and str(out) in err
    graph = nx.read_gexf(out, version="1.3")
    assert sum(d["type"] == "Official" for _, d in graph.nodes(data=True)) == 7
    assert not list(tmp_path.glob(".*.part"))  # written whole, then renamed


def test_a_report_to_standard_output(store: Path) -> None:
    code, out, err = run("--store", store, "--scope", "report:fushun-2020-rule-of-law", "-f", "ttl")
    assert code == 0, err
    assert "@prefix lg: <https://w3id.org/lawgraph/ns#>" in out and '"戴小梅"@zh' in out


def test_construct_query_file_to_a_picture(store: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    query = tmp_path / "laws.rq"
    query.write_text(
        "CONSTRUCT { ?c lg:promotesLaw ?l } WHERE { ?c a lg:Campaign ; lg:promotesLaw ?l }"
    )
    out = tmp_path / "laws.svg"
    code, _, err = run("--store", store, "-s", f"construct:{query}", "-o", out)
    assert code == 0, err
    assert out.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--scope", "everything", "-f", "gexf"], "unknown scope 'everything'"),
        (["--scope", "report:nowhere", "-f", "gexf"], "no report 'nowhere' in the store"),
        (["-s", "construct:CONSTRUCT {", "-f", "gexf"], "construct: bad query"),
        (["-s", "construct:SELECT * { ?s ?p ?o }", "-f", "gexf"], "this is SELECT"),
        (["-f", "xlsx"], "unknown export format 'xlsx'"),
        (["-o", "out.xlsx"], "cannot tell the format from the extension"),
        (["-o", "out.csv"], "name it FILE.nodes.csv or FILE.edges.csv"),
        ([], "give --format"),
        (["-s", "query:nonesuch", "-f", "gexf"], "no canned query named 'nonesuch'"),
    ],
)
def test_bad_input_exits_1_with_a_message(
    store: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    code, out, err = run("--store", store, *[a.replace("out.", f"{tmp_path}/out.") for a in args])
    assert code == 1
    assert message in err and "Traceback" not in err + out
    assert not list(tmp_path.iterdir())


def test_no_store(tmp_path: Path) -> None:
    code, _, err = run("--store", tmp_path / "none", "-o", tmp_path / "x.gexf")
    assert code == 1 and "no store at" in err
