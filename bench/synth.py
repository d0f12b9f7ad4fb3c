"""Synthetic lawgraph data at any scale: deterministic, seeded, shaped like real reports.

Each synthetic report is a short text in the genre (meetings with dated sessions, officials with
title chains, campaigns promoting laws, counts with 余 / 近) and its facts file, with every span
computed from the text, so the data goes through the same validation and loader as real reports.
Cities, laws and divisions come from the bundled gazetteers; officials and agencies are drawn from
per-city pools so that co-attendance and co-organisation networks have repeated ties.

    python bench/synth.py --triples 100000 --out /tmp/synth            # facts files + texts
    python bench/synth.py --triples 100000 --format nquads --out x.nq  # the loader's quads

The 10M-triple set is made on the fly by the benchmarks (``iter_reports``), never committed.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import yaml

from lawgraph.facts import Facts, FactsModel
from lawgraph.gazetteer import divisions, laws
from lawgraph.rdf import report_quads

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国海波宁春雪梅兰凤洁琳颖佳林斌宇浩凯鑫晨文博志新东亮成"
AGENCIES = [
    ("市委", "party", None),
    ("市政府", "government", None),
    ("市人大常委会", "congress", None),
    ("市政协", "cppcc", None),
    ("市委宣传部", "party", "市委"),
    ("市委政法委", "party", "市委"),
    ("市委依法治市办", "coordination", "市委"),
    ("市司法局", "government", "市政府"),
    ("市教育局", "government", "市政府"),
    ("市公安局", "government", "市政府"),
    ("市中级人民法院", "court", None),
    ("市人民检察院", "procuratorate", None),
    ("市普法办", "coordination", "市司法局"),
    ("市委党校", "institution", "市委"),
]
POSTS = [
    ("市委书记", "市委"),
    ("市长", "市政府"),
    ("副市长", "市政府"),
    ("市委常委", "市委"),
    ("宣传部长", "市委宣传部"),
    ("市委政法委书记", "市委政法委"),
    ("市人大常委会副主任", "市人大常委会"),
    ("市政协副主席", "市政协"),
    ("市司法局局长", "市司法局"),
    ("市中级人民法院院长", "市中级人民法院"),
    ("市人民检察院检察长", "市人民检察院"),
    ("市教育局局长", "市教育局"),
]
_AGENCY_KIND = {name: (kind, parent) for name, kind, parent in AGENCIES}
CAMPAIGNS = [
    "宪法宣传周",
    "全民国家安全教育日",
    "民法典宣传月",
    "法治宣传教育月",
    "青少年法治宣传周",
]
MEETINGS = [
    "全市普法工作会议",
    "依法治市工作推进会",
    "法治政府建设工作会议",
    "全市领导干部法治报告会",
]
COUNTS = [
    ("举办各类法治宣传活动", "场次"),
    ("发放宣传资料", "份"),
    ("接受群众咨询", "人次"),
    ("悬挂条幅", "条"),
]
ROLES = [("主持会议", "chaired"), ("出席会议", "attended"), ("作重要讲话", "spoke")]


@dataclass
class City:
    name: str
    officials: list[tuple[str, int]]  # (name, post index)


@dataclass
class Writer:
    """Appends text and remembers the span of each piece."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def put(self, text: str) -> list[object]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return [start, self.length, text]

    def text(self) -> str:
        return "".join(self.parts)


def _cities(rng: random.Random) -> list[City]:
    prefectures = [
        d
        for d in divisions().by_code.values()
        if d.level == "prefecture" and d.name.endswith("市") and divisions().resolve(d.name) is d
    ]
    prefectures.sort(key=lambda d: d.code)
    cities = []
    for d in prefectures:
        people = []
        for i, _ in enumerate(POSTS):
            for _ in range(2):
                people.append((rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=2)), i))
        unique = {name: post for name, post in people}
        cities.append(City(d.name, sorted(unique.items())))
    return cities


def _laws() -> list[str]:
    return sorted(
        law.title
        for law in laws().by_title.values()
        if law.category in ("宪法", "法律")
        and law.status == "current"
        and laws().resolve(law.title) is law
    )[:150]


def make_report(
    index: int, seed: int, cities: list[City], law_titles: list[str]
) -> tuple[dict[str, object], str]:
    """One synthetic report: its facts (as the YAML mapping) and its text."""
    rng = random.Random(f"{seed}-{index}")
    city = cities[index % len(cities)]
    year = 2015 + rng.randrange(10)
    short = city.name.removesuffix("市")
    w = Writer()
    w.put(f"{city.name}{year}年法治宣传教育工作总结\n\n")
    agencies: dict[str, dict[str, object]] = {}

    def agency(short_name: str, span: list[object]) -> str:
        full = city.name + short_name.removeprefix("市")
        key = f"a{len(agencies)}" if full not in agencies else str(agencies[full]["key"])
        if full not in agencies:
            kind, parent = _AGENCY_KIND.get(short_name, ("government", None))
            agencies[full] = {
                "key": key,
                "name": full,
                "kind": kind,
                "mentions": [span],
                "_parent": parent,
            }
        else:
            agencies[full]["mentions"].append(span)  # type: ignore[union-attr]
        return key

    officials: dict[str, dict[str, object]] = {}
    posts: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    campaigns: list[dict[str, object]] = []
    participations: list[dict[str, object]] = []
    promotions: list[dict[str, object]] = []
    measures: list[dict[str, object]] = []
    laws_used: dict[str, dict[str, object]] = {}

    for n_meeting in range(rng.randint(3, 6)):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        meeting = rng.choice(MEETINGS)
        w.put(f"{n_meeting + 1}、")
        date_span = w.put(f"{year}年{month}月{day}日")
        w.put("，")
        org_short = rng.choice(["市委依法治市办", "市司法局", "市普法办", "市委宣传部"])
        org_key = agency(org_short, w.put(org_short))
        w.put("召开")
        ev_span = w.put(meeting)
        w.put("。")
        ev_key = f"e{len(events)}"
        events.append(
            {
                "key": ev_key,
                "name": f"{city.name}{meeting}",
                "kind": "meeting",
                "date": f"{year}-{month:02d}-{day:02d}",
                "organizers": [org_key],
                "mentions": [ev_span],
                "evidence": [date_span],
            }
        )
        for who, post_index in rng.sample(city.officials, rng.randint(2, 4)):
            title, post_agency = POSTS[post_index]
            t_span = w.put(title)
            n_span = w.put(who)
            verb, role = rng.choice(ROLES)
            r_span = w.put(verb)
            w.put("；")
            o_key = next(
                (str(o["key"]) for o in officials.values() if o["name"] == who),
                f"o{len(officials)}",
            )
            if who not in officials:
                officials[who] = {"key": o_key, "name": who, "mentions": [n_span]}
            else:
                officials[who]["mentions"].append(n_span)  # type: ignore[union-attr]
            a_key = agency(post_agency, t_span)
            posts.append({"official": o_key, "title": title, "agency": a_key, "evidence": [t_span]})
            participations.append(
                {"event": ev_key, "participant": o_key, "role": role, "evidence": [r_span]}
            )
        w.put("会议部署了全年普法依法治理工作。\n")

    for n_campaign, name in enumerate(rng.sample(CAMPAIGNS, rng.randint(2, 4))):
        w.put("开展“")
        c_span = w.put(name)
        w.put("”活动，深入宣传")
        c_key = f"c{n_campaign}"
        for title in rng.sample(law_titles, rng.randint(2, 5)):
            surface = title.removeprefix("中华人民共和国")
            l_span = w.put(surface)
            w.put("、")
            key = str(laws_used[title]["key"]) if title in laws_used else f"l{len(laws_used)}"
            if title not in laws_used:
                laws_used[title] = {"key": key, "title": title, "mentions": [l_span]}
            else:
                laws_used[title]["mentions"].append(l_span)  # type: ignore[union-attr]
            promotions.append({"by": c_key, "law": key, "evidence": [l_span]})
        w.put("等法律法规。")
        campaigns.append({"key": c_key, "name": name, "year": str(year), "mentions": [c_span]})
        for counted, unit in rng.sample(COUNTS, 2):
            value = rng.randint(1, 900) * rng.choice([1, 10, 100])
            qualifier, marker = rng.choice([("exact", None), ("over", "余"), ("approx", "近")])
            text = f"{counted}{'近' if marker == '近' else ''}{value}{'余' if marker == '余' else ''}{unit}"
            span = w.put(text)
            w.put("，")
            m = {
                "of": c_key,
                "value": value,
                "unit": unit,
                "qualifier": qualifier,
                "counted": counted,
                "evidence": [span],
            }
            if marker:
                m["marker"] = marker
            measures.append(m)
        w.put("受教育群众众多。\n")
    w.put(f"\n来源：{short}市司法局\n")

    by_short = {str(a["name"]).removeprefix(city.name): str(a["key"]) for a in agencies.values()}
    agency_list = []
    for a in agencies.values():
        parent = a.pop("_parent")
        if parent and str(parent).removeprefix("市") in by_short:
            a["parent"] = by_short[str(parent).removeprefix("市")]
        agency_list.append(a)
    text = w.text()
    facts: dict[str, object] = {
        "format": "lawgraph-facts/1",
        "report": {
            "id": f"synth-{seed}-{index:06d}",
            "title": f"{city.name}{year}年法治宣传教育工作总结",
            "text": f"../reports/synth-{seed}-{index:06d}.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "place": city.name,
            "published": str(year),
            "curated_by": "bench/synth.py",
        },
        "agencies": agency_list,
        "officials": list(officials.values()),
        "posts": posts,
        "laws": list(laws_used.values()),
        "campaigns": campaigns,
        "events": events,
        "participations": participations,
        "promotions": promotions,
        "measures": measures,
    }
    return facts, text


def iter_reports(seed: int = 7) -> Iterator[tuple[dict[str, object], str]]:
    """Synthetic reports without end, deterministic for a seed."""
    rng = random.Random(seed)
    cities = _cities(rng)
    law_titles = _laws()
    index = 0
    while True:
        yield make_report(index, seed, cities, law_titles)
        index += 1


def as_facts(facts: dict[str, object], text: str) -> Facts:
    """A synthetic report as the loader sees it (validated by the facts model)."""
    return Facts(path=Path("synth.yaml"), model=FactsModel.model_validate(facts), text=text)


def iter_quads(triples: int, seed: int = 7) -> Iterator[ox.Quad]:
    """The loader's own quads for synthetic reports, until about ``triples`` quads."""
    made = 0
    for facts, text in iter_reports(seed):
        quads = report_quads(as_facts(facts, text))
        yield from quads
        made += len(quads)
        if made >= triples:
            return


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: the same text, 4x faster


def write_facts(
    out: Path, triples: int, seed: int = 7, nquads: IO[bytes] | None = None
) -> list[Path]:
    """Write facts files and texts under ``out`` (facts/, reports/) until about ``triples`` quads,
    and the same reports' quads as N-Quads to ``nquads`` if given."""
    (out / "facts").mkdir(parents=True, exist_ok=True)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    made = 0
    for facts, text in iter_reports(seed):
        report = facts["report"]
        assert isinstance(report, dict)
        (out / "reports" / Path(str(report["text"])).name).write_text(text, encoding="utf-8")
        path = out / "facts" / f"{report['id']}.yaml"
        path.write_text(
            yaml.dump(facts, Dumper=_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        written.append(path)
        quads = report_quads(as_facts(facts, text))
        if nquads is not None:
            ox.serialize(quads, nquads, ox.RdfFormat.N_QUADS)
        made += len(quads)
        if made >= triples:
            return written
    raise AssertionError("unreachable: iter_reports never ends")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, default=10_000, help="about how many quads to make")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=["facts", "nquads"], default="facts")
    parser.add_argument("--out", type=Path, required=True, help="folder (facts) or file (nquads)")
    args = parser.parse_args(argv)
    if args.format == "facts":
        files = write_facts(args.out, args.triples, args.seed)
        print(f"{len(files)} facts files in {args.out}/facts", file=sys.stderr)
    else:
        with args.out.open("wb") as f:
            ox.serialize(iter_quads(args.triples, args.seed), f, ox.RdfFormat.N_QUADS)
        print(f"quads written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
