"""``GET /export?scope=all`` in every streamable format: time to the first and last byte, and
how much the server's peak memory grows, beside the size of the file.

A store of ``--triples`` synthetic quads (``bench/synth.py``) is served by ``lawgraph serve
--workers 1`` on 127.0.0.1, a fresh server per format (so each format's peak is its own). After
a small warm-up export, the whole store is downloaded once in the format, read as it arrives;
``VmHWM`` (peak resident set) of the front, the zygote and the worker is read before and after.

    .venv/bin/python bench/bench_export_http.py [--triples 200000] [--formats nquads,graphml]

Prints a table; asserts nothing (``tests/test_memory_bounded.py`` checks the N-Quads case).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests"), str(ROOT / "src")]
import synth  # noqa: E402
from backends import Server, descendants, start_lawgraph  # noqa: E402
from memory import peak  # noqa: E402

from lawgraph.store import EmbeddedStore  # noqa: E402

FORMATS = "nquads,trig,jsonld,turtle,graphml,gexf,cytoscape,node-link,csv,csv-edges,dot"
WARM_UP = "construct:CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"


def _peaks(server: Server) -> list[int]:
    """VmHWM of the front, the zygote (the front's child) and the worker (the zygote's)."""
    below = descendants(server.pid)
    zygote = [p for p in below if _parent(p) == server.pid]
    return [peak(pid) for pid in [server.pid, *zygote, *(p for p in below if p not in zygote)]]


def _parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def measure(store: Path, fmt: str, work: Path) -> str:
    """One format on a fresh server: a row of the table."""
    server = start_lawgraph(
        work / fmt, store=store, args=["--no-seed", "--workers", "1"], ready_seconds=300
    )
    try:
        warm = httpx.get(f"{server.base}/export", params={"scope": WARM_UP, "format": "nq"})
        warm.raise_for_status()
        before = _peaks(server)
        size = 0
        start = time.monotonic()
        first = None
        url = f"{server.base}/export?scope=all&format={fmt}"
        with httpx.stream("GET", url, timeout=600) as response:
            response.raise_for_status()
            for chunk in response.iter_raw():
                first = first or time.monotonic() - start
                size += len(chunk)
        total = time.monotonic() - start
        after = _peaks(server)
    finally:
        server.stop()
    grown = " / ".join(f"{(a - b) / 2**20:.1f}" for a, b in zip(after, before, strict=True))
    return (
        f"| {fmt} | {size / 2**20:.1f} MiB | {first or total:.2f} s | {total:.2f} s | {grown} MiB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=200_000)
    parser.add_argument("--formats", default=FORMATS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-export-http-") as tmp:
        work = Path(tmp)
        with EmbeddedStore(work / "store") as store:
            store.oxigraph.bulk_extend(synth.iter_quads(args.triples))
            store.oxigraph.flush()
        print(f"`/export?scope=all`, {args.triples:,} quads, one worker, a fresh server each\n")
        print("| format | body | first byte | whole | `VmHWM` growth: front / zygote / worker |")
        print("| --- | --- | --- | --- | --- |")
        for fmt in args.formats.split(","):
            print(measure(work / "store", fmt, work), flush=True)


if __name__ == "__main__":
    main()
