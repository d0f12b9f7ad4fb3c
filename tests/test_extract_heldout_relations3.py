"""Rules added after scoring the third held-out round (tests/data/heldout3): relations, each
pinned on short sentences of its own."""

from __future__ import annotations

from lawgraph.extract import extract
from lawgraph.extract.model import Entity, Extraction


def name(ent: Entity) -> str:
    return ent.mentions[0].surface if ent.mentions else str(ent.norm)


def rels(x: Extraction, type_: str) -> set[tuple[str, str]]:
    return {(name(r.subject), name(r.object)) for r in x.relations if r.type == type_ and r.object}


def test_reports_to_a_meeting_are_speaking() -> None:
    x = extract(
        "3月2日，某县召开普法责任制述职评议会。县委副书记张明出席会议，县公安局等6家单位依次述职。"
        "县公安局副局长李强介绍了该局开展以案释法的做法；县司法局局长王芳围绕普法工作谈了下一步打算。"
    )
    assert rels(x, "spokeAt") == {
        ("李强", "普法责任制述职评议会"),
        ("王芳", "普法责任制述职评议会"),
    }
    # the report in a later clause is the units', not the official's who attended
    assert rels(x, "attended") == {("张明", "普法责任制述职评议会")}
