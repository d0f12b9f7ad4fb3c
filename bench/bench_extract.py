"""Extraction throughput: characters of report text per second, end to end, on one core.

The corpus is the seed report and the genre reports of ``tests/data/genre/`` (real-size reports of
600–3000 characters, page noise included), run ``--rounds`` times. Each report goes through the
whole extractor — page noise, recognisers, longest-span resolution, entities, relations — and is
written out in memory in both formats: the interchange JSON (``interchange.dumps``) and the facts
file (``factsfile.build`` + ``factsfile.dump``). Gazetteers are loaded once before the clock starts
(printed apart as the cold start).

    .venv/bin/python bench/bench_extract.py [--rounds 20] [--format both|json|facts|none]

Wall-clock figures suffer when other processes share the cores; the CPU-time figure (this
single-threaded process's own time) is the one-core throughput. Prints figures; asserts nothing;
not a timed test. The peak memory printed is this process's high-water mark (VmHWM).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))  # bench/: helpers of the benchmarks
from memory import mib, peak  # noqa: E402


def corpus() -> list[Path]:
    paths = [ROOT / "data" / "reports" / "fushun-2020-rule-of-law.txt"]
    paths += sorted((ROOT / "tests" / "data" / "genre").glob("*.txt"))
    return [p for p in paths if p.exists()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--format", choices=["both", "json", "facts", "none"], default="both")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from lawgraph.extract import extract, factsfile, interchange
    from lawgraph.gazetteer import divisions, laws

    laws()
    divisions()
    paths = corpus()
    texts = [(p, p.read_text(encoding="utf-8")) for p in paths]
    extract(texts[0][1])  # compiles the patterns, fills the caches
    cold = time.perf_counter() - t0

    out = Path(os.devnull)
    place = divisions().resolve("抚顺市")

    def one(path: Path, text: str) -> None:
        x = extract(text, doc_id=path.stem)
        if args.format in ("both", "json"):
            interchange.dumps(x)
        if args.format in ("both", "facts"):
            data = factsfile.build(x, path, out, x.place or place, "2020")
            factsfile.dump(data)

    chars = sum(len(t) for _, t in texts)
    rates = []
    cpu_rates = []
    gc.collect()
    for _ in range(args.rounds):
        start = time.perf_counter()
        cpu = time.process_time()
        for path, text in texts:
            one(path, text)
        rates.append(chars / (time.perf_counter() - start))
        cpu_rates.append(chars / max(time.process_time() - cpu, 1e-9))
    print(
        f"corpus: {len(texts)} reports, {chars:,} characters, {args.rounds} rounds, output {args.format}"
    )
    print(f"cold start (gazetteers, patterns, first report): {cold * 1000:.0f} ms")
    print(
        f"throughput (wall): median {statistics.median(rates):,.0f} chars/s  "
        f"best {max(rates):,.0f}  worst {min(rates):,.0f}"
    )
    print(
        f"throughput (cpu, one core): median {statistics.median(cpu_rates):,.0f} chars/s  "
        f"best {max(cpu_rates):,.0f}  worst {min(cpu_rates):,.0f}"
    )
    print(
        f"load average while running: {os.getloadavg()[0]:.2f} (other processes slow the wall clock)"
    )
    print(
        f"per report: {chars / len(texts) / statistics.median(cpu_rates) * 1000:.2f} ms of cpu on average"
    )
    print(f"peak memory (this process: gazetteers, patterns, one report at a time): {mib(peak())}")


if __name__ == "__main__":
    main()
