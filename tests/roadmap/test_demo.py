"""The demo roadmap: third and fourth drafts, the C5 outcome of section 8, loaded idempotently."""

import pytest
from django.apps import apps

import meetings.demo
import roadmap.demo
from roadmap.compare import compare_drafts, summary
from roadmap.models import ActionLine, RoadmapDraft, load_for_matrix


@pytest.fixture
def demo(db):
    meetings.demo.load()
    roadmap.demo.load()


def _counts():
    return {m.__name__: m.objects.count() for m in apps.get_app_config("roadmap").get_models()}


def test_demo_loads_twice_with_the_same_rows(demo):
    first = _counts()
    ids = sorted(RoadmapDraft.objects.values_list("rows__pk", "rows__resources__pk", "rows__milestones__pk"))
    roadmap.demo.load()
    assert _counts() == first
    assert sorted(RoadmapDraft.objects.values_list("rows__pk", "rows__resources__pk", "rows__milestones__pk")) == ids
    assert first["ActionLine"] == 11 and first["SubLine"] == 8 and first["RoadmapDraft"] == 2


def test_demo_third_draft_holds_section_8(demo):
    third = RoadmapDraft.objects.get(number=3)
    assert (third.document_symbol, third.meeting.number, third.status) == ("WG-WSIS-14/3", 14, "living")
    c5 = [r.code for r in third.rows.filter(action_line__code="C5")]
    assert c5 == ["A", "A1", "A2", "A3"]
    a = third.rows.get(action_line__code="C5", code="A")
    assert a.outcome.startswith("Promote cooperation among the governments at the United Nations")
    assert "Child Online Protection" in a.comments.get().text and a.comments.get().status == "taken"
    demo_rows = third.rows.filter(action_line__code__in=["C2", "C6"])
    assert demo_rows.exists() and all(r.note.startswith("Demo content") for r in demo_rows)


def test_demo_roles_per_action_line_with_c6_history(demo):
    import datetime

    roles = {line.code: line.role_on(datetime.date(2009, 2, 11)).role for line in ActionLine.objects.all()}
    assert roles["C2"] == roles["C5"] == "facilitator"
    assert roles["C6"] == "temporary_facilitator"
    assert {roles[c] for c in ["C1", "C3", "C4", "C7", "C11"]} == {"co_facilitator"}
    assert ActionLine.objects.get(code="C6").role_on(datetime.date(2008, 1, 1)).role == "partner"
    assert [s.name for s in ActionLine.objects.get(code="C7").sub_lines.all()][0] == "E-government"


def test_demo_fourth_draft_compares_with_changes(demo):
    third, fourth = RoadmapDraft.objects.get(number=3), RoadmapDraft.objects.get(number=4)
    counts = summary(compare_drafts(load_for_matrix(third.rows.all()), load_for_matrix(fourth.rows.all())))
    assert (counts["added"], counts["removed"], counts["changed"]) == (1, 1, 2)
    assert fourth.based_on == third and third.superseded and not fourth.superseded
