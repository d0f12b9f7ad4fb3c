"""Scoring a prediction in the interchange format against a person's annotation (§5 of
docs/extraction.md, after /work/shared/extraction-format.md).

* span: exact ``(type, start, end)`` over all mentions (strict NER);
* norm: the ``(type, norm)`` set per document, whitespace and quotes ignored, Quantity compared
  on value, unit and qualifier, Event left out (its norm is free text);
* rel: predicted entities are matched to annotated ones by an identical span of the same type,
  then by equal norm, then by an overlapping span of the same type; then relation tuples are
  compared: holdsPosition as ``(official, title)`` and ``(official, title, agency)`` (reported as
  ``holdsPosition`` and ``holdsPosition+agency``), quantity as ``(subject, value, unit)``, the
  others as ``(subject, object)``.

Precision, recall and F1 per type, and micro totals over all types.

From the shell::

    python -m lawgraph.extract.score PRED.json GOLD.json      # or two folders of such files
    python -m lawgraph.extract.score --reports tests/data/genre   # extract NAME.txt, score vs NAME.json
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

LEVELS = ("span", "norm", "rel")
_IGNORED = re.compile(r"[\s“”\"'‘’「」『』]")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, pred: set[Any], gold: set[Any]) -> None:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Score:
    """Counts per level (span, norm, rel) and per type."""

    levels: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {level: {} for level in LEVELS}
    )

    def counts(self, level: str, type_: str) -> Counts:
        return self.levels[level].setdefault(type_, Counts())

    def micro(self, level: str) -> Counts:
        total = Counts()
        for c in self.levels[level].values():
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
        return total

    def f1(self, level: str, type_: str | None = None) -> float:
        if type_ is None:
            return self.micro(level).f1
        return self.levels[level].get(type_, Counts()).f1

    def as_dict(self) -> dict[str, Any]:
        return {
            level: {
                "micro": self.micro(level).as_dict(),
                "types": {t: c.as_dict() for t, c in sorted(self.levels[level].items())},
            }
            for level in LEVELS
        }

    def table(self) -> str:
        lines = []
        for level in LEVELS:
            lines.append(f"{level:<6} {'type':<22} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn")
            rows = sorted(self.levels[level].items())
            rows.append(("micro", self.micro(level)))
            for t, c in rows:
                lines.append(
                    f"{'':<6} {t:<22} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"
                    f"  {c.tp}/{c.fp}/{c.fn}"
                )
        return "\n".join(lines)


def norm_key(type_: str, norm: Any) -> Any:
    """What two norms are compared on."""
    if type_ == "Quantity":
        if not isinstance(norm, dict):
            return None
        try:
            value = float(norm.get("value"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            value = None
        return (value, norm.get("unit"), norm.get("qualifier") or "exact")
    if isinstance(norm, str):
        return _IGNORED.sub("", norm)
    return json.dumps(norm, ensure_ascii=False, sort_keys=True)


def _mentions(e: dict[str, Any]) -> list[tuple[int, int]]:
    return [(m["start"], m["end"]) for m in e.get("mentions") or []]


def score_doc(pred: dict[str, Any], gold: dict[str, Any], into: Score | None = None) -> Score:
    """Add one document's comparison to ``into`` (a new Score if None) and return it."""
    score = into if into is not None else Score()
    p_ents = [e for e in pred.get("entities") or [] if not e.get("implicit")]
    g_ents = [e for e in gold.get("entities") or [] if not e.get("implicit")]
    types = {e["type"] for e in p_ents} | {e["type"] for e in g_ents}
    for t in types:
        ps = {(t, s, e) for x in p_ents if x["type"] == t for s, e in _mentions(x)}
        gs = {(t, s, e) for x in g_ents if x["type"] == t for s, e in _mentions(x)}
        score.counts("span", t).add(ps, gs)
        if t != "Event":
            pn = {(t, norm_key(t, x.get("norm"))) for x in p_ents if x["type"] == t}
            gn = {(t, norm_key(t, x.get("norm"))) for x in g_ents if x["type"] == t}
            score.counts("norm", t).add(pn, gn)

    mapping = _match(pred.get("entities") or [], gold.get("entities") or [])
    g_by_id = {e["id"]: e for e in gold.get("entities") or []}
    p_by_id = {e["id"]: e for e in pred.get("entities") or []}
    p_rels = _tuples(pred.get("relations") or [], p_by_id, lambda i: mapping.get(i, f"pred:{i}"))
    g_rels = _tuples(gold.get("relations") or [], g_by_id, lambda i: i)
    for t in set(p_rels) | set(g_rels):
        score.counts("rel", t).add(p_rels.get(t, set()), g_rels.get(t, set()))
    return score


def _match(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, str]:
    """Predicted entity id → annotated entity id: same span, then same norm, then overlap."""
    out: dict[str, str] = {}
    spans: dict[tuple[str, int, int], str] = {}
    norms: dict[tuple[str, Any], str] = {}
    for g in gold:
        for s, e in _mentions(g):
            spans.setdefault((g["type"], s, e), g["id"])
        norms.setdefault((g["type"], norm_key(g["type"], g.get("norm"))), g["id"])
    for p in pred:
        for s, e in _mentions(p):
            if (p["type"], s, e) in spans:
                out[p["id"]] = spans[(p["type"], s, e)]
                break
    for p in pred:
        if p["id"] in out:
            continue
        k = (p["type"], norm_key(p["type"], p.get("norm")))
        if k in norms and p["type"] != "Quantity":
            out[p["id"]] = norms[k]
    for p in pred:
        if p["id"] in out:
            continue
        for s, e in _mentions(p):
            hit = next(
                (
                    g["id"]
                    for g in gold
                    if g["type"] == p["type"] and any(s < ge and gs < e for gs, ge in _mentions(g))
                ),
                None,
            )
            if hit is not None:
                out[p["id"]] = hit
                break
    return out


def _tuples(
    relations: Iterable[dict[str, Any]], ents: dict[str, dict[str, Any]], ident: Any
) -> dict[str, set[tuple[Any, ...]]]:
    out: dict[str, set[tuple[Any, ...]]] = {}
    for r in relations:
        t = r.get("type")
        subj = ident(r.get("subject"))
        if t == "holdsPosition":
            title = norm_key("Official", r.get("title") or "")
            agency = norm_key("Agency", r.get("agency") or "")
            out.setdefault(t, set()).add((subj, title))
            out.setdefault("holdsPosition+agency", set()).add((subj, title, agency))
        elif t == "quantity":
            q = ents.get(r.get("object"), {})
            key = norm_key("Quantity", q.get("norm"))
            value, unit = (key[0], key[1]) if key else (None, None)
            out.setdefault(t, set()).add((subj, value, unit))
        else:
            out.setdefault(t, set()).add((subj, ident(r.get("object"))))
    return out


def score_pairs(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> Score:
    """Micro-averaged score over several (prediction, annotation) documents."""
    score = Score()
    for pred, gold in pairs:
        score_doc(pred, gold, score)
    return score


def score_reports(folder: Path) -> tuple[Score, dict[str, Score]]:
    """Extract every ``NAME.txt`` of ``folder`` that has a ``NAME.json`` annotation and score it.

    Returns the micro score over all and the score of each document.
    """
    from lawgraph.extract.command import read_report
    from lawgraph.extract.interchange import to_dict
    from lawgraph.extract.pipeline import extract

    total = Score()
    each: dict[str, Score] = {}
    for gold_path in sorted(folder.glob("*.json")):
        text_path = gold_path.with_suffix(".txt")
        if not text_path.exists():
            continue
        gold = _load(gold_path)
        text = read_report(text_path)
        pred = to_dict(extract(text, doc_id=gold_path.stem))
        each[gold_path.stem] = score_doc(pred, gold)
        score_doc(pred, gold, total)
    return total, each


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{path}: cannot read as JSON: {exc}") from None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), list) for k in ("entities", "relations")
    ):
        raise click.ClickException(
            f"{path}: not an extraction (expected a JSON object with entities and relations)"
        )
    return data


@click.command("score")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--reports",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of NAME.txt reports with NAME.json annotations: extract and score them.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def main(paths: tuple[Path, ...], reports: Path | None, as_json: bool) -> None:
    """Score PRED against GOLD (two interchange JSON files, or two folders of them)."""
    if reports is not None:
        score, _ = score_reports(reports)
    else:
        if len(paths) != 2:
            raise click.UsageError("give PRED and GOLD (files or folders), or --reports FOLDER")
        pred, gold = paths
        if pred.is_dir() != gold.is_dir():
            raise click.UsageError("PRED and GOLD must both be files or both be folders")
        if pred.is_dir():
            pairs = []
            for g in sorted(gold.glob("*.json")):
                p = pred / g.name
                if not p.exists():
                    raise click.ClickException(f"{p}: no prediction for {g}")
                pairs.append((_load(p), _load(g)))
            score = score_pairs(pairs)
        else:
            score = score_pairs([(_load(pred), _load(gold))])
    if as_json:
        click.echo(json.dumps(score.as_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(score.table())


if __name__ == "__main__":  # python -m lawgraph.extract.score
    sys.exit(main())
