"""What the graph of the bundled seed report says — the questions issue 2 asks of it."""

from __future__ import annotations

import re

from seed import SEED_REPORT, SEED_TEXT, seed_store, select

from lawgraph.loader import shacl_problems

TEXT = SEED_TEXT.read_text(encoding="utf-8")


def test_dai_xiaomei_holds_three_posts_each_tied_to_its_agency_with_its_sentence() -> None:
    rows = select(
        seed_store(),
        """
        SELECT ?title ?agency ?quote ?sentence ?start ?end WHERE {
          ?o a lg:Official ; rdfs:label "戴小梅"@zh .
          ?t lg:tenureOf ?o ; lg:title ?title ; lg:inAgency ?a ;
             lg:evidence [ lg:quote ?quote ; lg:sentence ?sentence ;
                           lg:charStart ?start ; lg:charEnd ?end ; lg:fromReport ?r ] .
          ?a a lg:Agency ; rdfs:label ?agency .
        }""",
    )
    posts = {r["title"]: r for r in rows}
    assert set(posts) == {"市委常委", "宣传部长", "守法普法协调小组组长"}
    assert (
        posts["市委常委"]["agency"] == "中共抚顺市委" or "抚顺市委" in posts["市委常委"]["agency"]
    )
    assert "宣传部" in posts["宣传部长"]["agency"]
    assert "守法普法协调小组" in posts["守法普法协调小组组长"]["agency"]
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert TEXT[start:end] == row["quote"]
        assert row["quote"] in row["sentence"]
        assert "戴小梅出席会议并做重要讲话" in row["sentence"]


def test_a_meeting_on_2019_12_09_with_the_sentence_that_dates_it() -> None:
    rows = select(
        seed_store(),
        """
        SELECT ?event ?label ?sentence WHERE {
          ?event a lg:Meeting ; rdfs:label ?label ; lg:date "2019-12-09"^^xsd:date ;
                 lg:evidence/lg:sentence ?sentence .
        }""",
    )
    assert rows, "no meeting dated 2019-12-09"
    assert any("2019年12月9日" in r["sentence"] for r in rows)
    assert all("守法普法协调小组" in r["label"] for r in rows)


def test_exactly_eleven_statutes_with_full_titles_and_ascii_iris() -> None:
    rows = select(
        seed_store(),
        'SELECT DISTINCT ?law ?title WHERE { ?law a lg:Law ; rdfs:label ?title . FILTER(LANG(?title) = "zh") }',
    )
    titles = sorted(r["title"] for r in rows)
    assert titles == sorted(
        "中华人民共和国" + short
        for short in [
            "宪法",
            "传染病防治法",
            "刑法",
            "治安管理处罚法",
            "突发事件应对法",
            "安全生产法",
            "国家安全法",
            "反恐怖主义法",
            "网络安全法",
            "反间谍法",
            "核安全法",
        ]
    )
    for row in rows:
        assert row["law"].isascii()
        assert re.fullmatch(r"https://w3id\.org/lawgraph/id/law/[a-z0-9-]+", row["law"])


def test_the_constitution_is_known_by_its_short_form_too() -> None:
    rows = select(
        seed_store(),
        'SELECT ?alt WHERE { ?law rdfs:label "中华人民共和国宪法"@zh ; skos:altLabel ?alt }',
    )
    assert "宪法" in {r["alt"] for r in rows}


def test_the_constitution_week_promoted_the_constitution_with_evidence() -> None:
    rows = select(
        seed_store(),
        """
        SELECT ?campaign ?sentence WHERE {
          ?c a lg:Campaign ; rdfs:label ?campaign ; lg:promotesLaw ?law .
          ?law rdfs:label "中华人民共和国宪法"@zh .
          ?p a lg:Promotion ; lg:promoter ?c ; lg:promotedLaw ?law ; lg:evidence/lg:sentence ?sentence .
          FILTER(CONTAINS(?campaign, "宪法宣传周"))
        }""",
    )
    assert rows
    assert any("宪法" in r["sentence"] for r in rows)


def test_the_fifteen_april_campaign_promoted_five_security_laws() -> None:
    rows = select(
        seed_store(),
        """
        SELECT ?law WHERE {
          ?c a lg:Campaign ; rdfs:label ?campaign ; lg:promotesLaw/rdfs:label ?law .
          FILTER(CONTAINS(?campaign, "国家安全教育日"))
        }""",
    )
    laws = {r["law"] for r in rows}
    for short in ["国家安全法", "反恐怖主义法", "网络安全法", "反间谍法", "核安全法"]:
        assert "中华人民共和国" + short in laws


def test_268_sessions_attached_to_the_2019_constitution_week() -> None:
    rows = select(
        seed_store(),
        """
        SELECT ?what ?year ?quote ?sentence WHERE {
          ?m a lg:Measure ; lg:value ?v ; lg:unit "场次"@zh ; lg:measureOf ?what ;
             lg:qualifier lg:Exact ; lg:evidence [ lg:quote ?quote ; lg:sentence ?sentence ] .
          FILTER(?v = 268)
          ?what rdfs:label ?label .
          OPTIONAL { ?what lg:year ?year }
          OPTIONAL { ?what lg:date ?date }
          FILTER(CONTAINS(?label, "宪法宣传周"))
        }""",
    )
    assert rows, "no 268 场次 measure on the constitution week"
    assert "268场次" in rows[0]["quote"]
    assert rows[0].get("year", "2019").startswith("2019") or "2019" in rows[0]["sentence"]


def test_counts_keep_value_unit_and_qualifier() -> None:
    rows = select(
        seed_store(),
        "SELECT ?v ?unit ?q WHERE { ?m a lg:Measure ; lg:value ?v ; lg:unit ?unit ; lg:qualifier ?q }",
    )
    measures = {(float(r["v"]), r["unit"], r["q"].rsplit("#", 1)[1]) for r in rows}
    assert (65000.0, "份", "Exact") in measures
    assert (300000.0, "人", "Approx") in measures
    assert (1788.0, "条", "Exact") in measures
    assert (1780000.0, "人次", "Exact") in measures
    assert (1000.0, "条", "Over") in measures


def test_seven_officials_each_keyed_with_a_place() -> None:
    rows = select(
        seed_store(),
        "SELECT ?name ?place WHERE { ?o a lg:Official ; rdfs:label ?name ; lg:jurisdiction/rdfs:label ?place }",
    )
    assert {r["name"] for r in rows} == {
        "戴小梅",
        "来鹤",
        "张连波",
        "徐海静",
        "姜群大",
        "周焕杰",
        "王文晶",
    }


def test_abbreviated_agencies_are_expanded_with_the_report_place() -> None:
    rows = select(
        seed_store(),
        "SELECT ?name ?alt WHERE { ?a a lg:Agency ; rdfs:label ?name . OPTIONAL { ?a skos:altLabel ?alt } }",
    )
    names = {r["name"] for r in rows}
    alts = {(r["name"], r.get("alt")) for r in rows}
    assert "抚顺市司法局" in names and ("抚顺市司法局", "市司法局") in alts
    assert "抚顺市中级人民法院" in names and ("抚顺市中级人民法院", "抚顺中院") in alts


def test_every_entity_is_traced_to_the_report() -> None:
    rows = select(
        seed_store(),
        """
        SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
          VALUES ?type { lg:Official lg:Agency lg:Law lg:Document lg:Event lg:Campaign }
          ?e a ?type .
          FILTER NOT EXISTS { ?e lg:evidence/lg:fromReport ?r }
        } GROUP BY ?type""",
    )
    assert rows == []


def test_every_loaded_triple_passes_the_shapes() -> None:
    quads = list(seed_store().quads(SEED_REPORT))
    assert len(quads) > 500
    assert shacl_problems(quads) == []


def test_the_shapes_catch_a_broken_graph() -> None:
    quads = [
        q
        for q in seed_store().quads(SEED_REPORT)
        if not (q.predicate.value.endswith("#inAgency"))  # every tenure loses its agency
    ]
    problems = shacl_problems(quads)
    assert problems and all("inAgency" in p for p in problems)
