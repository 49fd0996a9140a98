"""Agenda: numbering, the editor's optimistic lock, adoption, freezing, amendment and diff."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.agenda_tree import build_tree, flatten, redline_parts
from meetings.models import Agenda, AgendaItem
from tests.meetings.conftest import make_agenda, make_item
from wsisportal import redline
from wsisportal.optimistic import EditConflict


def numbers(agenda):
    return [(n.label, n.item.title) for n in flatten(build_tree(list(agenda.items.all())))]


@pytest.mark.django_db
def test_numbering_nested_with_label_override(world):
    agenda = make_agenda(world.meeting)
    for t in ["A", "B", "C"]:
        make_item(agenda, t)
    seven = make_item(agenda, "Seven")
    make_item(agenda, "Seven-one", parent=seven)
    make_item(agenda, "Seven-c", parent=seven, label="7c")
    sub = make_item(agenda, "Under 7c")
    sub.parent = AgendaItem.objects.get(title="Seven-c")
    sub.save()
    assert numbers(agenda) == [
        ("1", "A"),
        ("2", "B"),
        ("3", "C"),
        ("4", "Seven"),
        ("4.1", "Seven-one"),
        ("7c", "Seven-c"),
        ("7c.1", "Under 7c"),
    ]


@pytest.mark.django_db
def test_concurrent_edit_second_save_refused_nothing_lost(world, client_for):
    agenda = make_agenda(world.meeting)
    item = make_item(agenda, "Original title")
    seen = agenda.revision  # both editors loaded the agenda at this revision
    client = client_for(world.secretariat)
    first = client.post(
        reverse("meetings:agenda_item_edit", args=[item.pk]),
        {"revision": seen, "title": "First editor's title", "presenter": "", "label": "", "description": ""},
        HTTP_HX_REQUEST="true",
    )
    assert first.status_code == 200
    second = client.post(
        reverse("meetings:agenda_item_edit", args=[item.pk]),
        {"revision": seen, "title": "Second editor's title", "presenter": "", "label": "", "description": "Mine"},
        HTTP_HX_REQUEST="true",
    )
    html = second.content.decode()
    assert second.status_code == 409
    assert "Someone else changed this agenda" in html
    assert "First editor&#x27;s title" in html  # the current version is shown
    assert "Second editor&#x27;s title" in html  # the refused input is given back
    item.refresh_from_db()
    assert item.title == "First editor's title"
    assert Agenda.objects.get(pk=agenda.pk).revision == seen + 1


@pytest.mark.django_db
def test_concurrent_add_refused_keeps_other_editors_item(world, client_for):
    agenda = make_agenda(world.meeting)
    client = client_for(world.secretariat)
    url = reverse("meetings:agenda_item_add", args=[agenda.pk])
    data = {"new-revision": 0, "new-title": "Item from editor one", "new-parent": ""}
    assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 200
    data = {"new-revision": 0, "new-title": "Item from editor two", "new-parent": ""}
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert list(agenda.items.values_list("title", flat=True)) == ["Item from editor one"]


@pytest.mark.django_db
def test_service_stale_revision_raises_conflict(world):
    agenda = make_agenda(world.meeting)
    services.add_agenda_item(agenda=agenda, revision=0, title="One")
    with pytest.raises(EditConflict):
        services.add_agenda_item(agenda=Agenda.objects.get(pk=agenda.pk), revision=0, title="Two")
    assert agenda.items.count() == 1


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        ("up", [("1", "B"), ("2", "A"), ("3", "C")]),
        ("down", [("1", "A"), ("2", "C"), ("3", "B")]),
        ("in", [("1", "A"), ("1.1", "B"), ("2", "C")]),
    ],
)
@pytest.mark.django_db
def test_move_item(world, direction, expected):
    agenda = make_agenda(world.meeting)
    make_item(agenda, "A")
    b = make_item(agenda, "B")
    make_item(agenda, "C")
    services.move_agenda_item(item=b, revision=0, direction=direction)
    assert numbers(agenda) == expected


@pytest.mark.django_db
def test_move_out_and_reorder(world):
    agenda = make_agenda(world.meeting)
    a = make_item(agenda, "A")
    b = make_item(agenda, "B", parent=a)
    c = make_item(agenda, "C")
    services.move_agenda_item(item=AgendaItem.objects.get(pk=b.pk), revision=0, direction="out")
    assert numbers(agenda) == [("1", "A"), ("2", "B"), ("3", "C")]
    services.reorder_agenda(
        agenda=Agenda.objects.get(pk=agenda.pk), revision=1, order=[(c.pk, None), (a.pk, c.pk), (b.pk, None)]
    )
    assert numbers(agenda) == [("1", "C"), ("1.1", "A"), ("2", "B")]


@pytest.mark.django_db
def test_reorder_rejects_incomplete_order(world):
    agenda = make_agenda(world.meeting)
    a = make_item(agenda, "A")
    make_item(agenda, "B")
    with pytest.raises(ValueError):
        services.reorder_agenda(agenda=agenda, revision=0, order=[(a.pk, None)])


@pytest.mark.parametrize(
    ("persona", "on_behalf"),
    [("chair", False), ("secretariat", True)],
)
@pytest.mark.django_db
def test_adoption_records_who_and_on_behalf(world, client_for, persona, on_behalf):
    agenda = make_agenda(world.meeting, status="circulated")
    make_item(agenda, "Opening")
    client_for(world.personas[persona]).post(
        reverse("meetings:agenda_adopt", args=[agenda.pk]),
        {"revision": agenda.revision, "adopted_as": "drafted", "adopted_on": "2009-02-11"},
    )
    agenda.refresh_from_db()
    assert agenda.status == "adopted" and agenda.adopted_as == "drafted"
    assert agenda.adopted_on == datetime.date(2009, 2, 11)
    assert agenda.adopted_by == world.personas[persona]
    assert agenda.adopted_on_behalf_of_chair is on_behalf


@pytest.mark.parametrize("persona", ["ms_delegate", "sm_delegate", "former_vice_chair"])
@pytest.mark.django_db
def test_adoption_refused_for_non_officers(world, client_for, persona):
    agenda = make_agenda(world.meeting, status="circulated")
    response = client_for(world.personas[persona]).post(
        reverse("meetings:agenda_adopt", args=[agenda.pk]),
        {"revision": agenda.revision, "adopted_as": "drafted", "adopted_on": "2009-02-11"},
    )
    assert response.status_code == 403
    agenda.refresh_from_db()
    assert agenda.status == "circulated"


@pytest.mark.django_db
def test_adopted_agenda_is_frozen(world, client_for):
    agenda = make_agenda(world.meeting, status="adopted")
    item = make_item(agenda, "Frozen title")
    client = client_for(world.secretariat)
    assert client.get(reverse("meetings:agenda_editor", args=[agenda.pk])).status_code == 403
    response = client.post(
        reverse("meetings:agenda_item_edit", args=[item.pk]),
        {"revision": agenda.revision, "title": "Changed", "presenter": "", "label": "", "description": ""},
    )
    assert response.status_code == 403
    with pytest.raises(services.AgendaFrozen):
        services.add_agenda_item(agenda=agenda, revision=agenda.revision, title="Late")
    item.refresh_from_db()
    assert item.title == "Frozen title"
    html = client.get(reverse("meetings:agenda_detail", args=[agenda.pk])).content.decode()
    assert "Adopted as drafted" in html and "11 February 2009" in html
    assert reverse("meetings:agenda_editor", args=[agenda.pk]) not in html


@pytest.mark.django_db
def test_amend_creates_next_version_and_diff_shows_changes(world, client_for):
    agenda = make_agenda(world.meeting, status="adopted")
    make_item(agenda, "Opening")
    make_item(agenda, "Other business")
    client = client_for(world.secretariat)
    client.post(reverse("meetings:agenda_amend", args=[agenda.pk]))
    v2 = Agenda.objects.get(meeting=world.meeting, version=2)
    assert v2.status == "draft" and list(v2.items.values_list("title", flat=True)) == ["Opening", "Other business"]
    opening = v2.items.get(title="Opening")
    services.update_agenda_item(
        item=opening, revision=0, title="Opening of the meeting", description="", presenter="", label=""
    )
    services.add_agenda_item(agenda=Agenda.objects.get(pk=v2.pk), revision=1, title="Dates of next meeting")
    changes = redline.compare(redline_parts(agenda.items.all()), redline_parts(v2.items.all()))
    assert [(c.status, c.label) for c in changes] == [("changed", "1"), ("same", "2"), ("added", "3")]
    assert changes[0].heading == "Opening <ins>of the meeting</ins>"
    html = client.get(reverse("meetings:agenda_changes", args=[v2.pk])).content.decode()
    assert "What changed from version 1 to version 2" in html
    assert html.count('data-testid="change-added"') == 1 and html.count('data-testid="change-changed"') == 1
    assert "<ins>Dates of next meeting</ins>" in html and "Other business" not in html  # unchanged: not listed


@pytest.mark.django_db
def test_draft_agenda_hidden_from_delegates_until_circulated(world, client_for):
    agenda = make_agenda(world.meeting)
    make_item(agenda, "DRAFT-ITEM-MARKER")
    client = client_for(world.ms_delegate)
    assert client.get(reverse("meetings:agenda_detail", args=[agenda.pk])).status_code == 404
    services.circulate_agenda(agenda=agenda, revision=0)
    assert "DRAFT-ITEM-MARKER" in client.get(reverse("meetings:agenda_detail", args=[agenda.pk])).content.decode()
