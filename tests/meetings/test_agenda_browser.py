"""In Chromium: the secretariat builds a nested agenda without a page reload, reorders it,
the chair adopts it, and the adopted agenda cannot be edited in place."""

import datetime

import pytest
from playwright.sync_api import expect

from meetings.models import Agenda
from tests.browser import login, screenshot
from tests.factories import World, make_session

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_world(transactional_db):
    world = World()
    world.meeting.title = "14th meeting of the Council Working Group on WSIS"
    world.meeting.venue = "ITU Headquarters, Geneva"
    world.meeting.save()
    make_session(world.meeting, start=datetime.time(9, 30), end=datetime.time(12, 30), title="Opening and agenda")
    make_session(
        world.meeting,
        group=world.dg,
        date=datetime.date(2009, 2, 12),
        start=datetime.time(9, 0),
        title="Dedicated Group",
    )
    Agenda.objects.create(meeting=world.meeting)
    return world


def add_item(page, title, presenter="", under=None):
    if under:
        row(page, under).get_by_test_id("add-under").click()
    page.fill("#id_new-title", title)
    page.fill("#id_new-presenter", presenter)
    page.click("[data-testid=add-item]")
    expect(page.locator("[data-testid=editor-title]", has_text=title)).to_be_visible()


def row(page, title):
    """The editor row of one item (not of the items nested under it)."""
    return page.locator(".agenda-row", has=page.get_by_test_id("editor-title").get_by_text(title, exact=True))


def editor_numbers(page):
    rows = page.locator("[data-testid=editor-item] > .agenda-row")
    return [
        (r.locator("[data-testid=editor-number]").inner_text(), r.locator("[data-testid=editor-title]").inner_text())
        for r in rows.all()
    ]


def test_secretariat_builds_reorders_and_chair_adopts(browser_world, live_server, page):
    agenda = Agenda.objects.get(meeting=browser_world.meeting)
    login(page, live_server, "sec")
    page.goto(f"{live_server.url}/meetings/{browser_world.meeting.pk}/")
    screenshot(page, "meetings-meeting-page")
    page.goto(f"{live_server.url}/agendas/{agenda.pk}/edit/")
    page.evaluate("window.__noReload = true")  # survives only if the page never reloads

    add_item(page, "Opening of the meeting", "Chairman")
    add_item(page, "Information reports")
    add_item(page, "Adoption of the agenda", "Chairman")
    add_item(page, "Report of the Dedicated Group", "Chairman of the Dedicated Group", under="Information reports")
    add_item(page, "ITU-D activities", "BDT", under="Information reports")
    assert editor_numbers(page) == [
        ("1", "Opening of the meeting"),
        ("2", "Information reports"),
        ("2.1", "Report of the Dedicated Group"),
        ("2.2", "ITU-D activities"),
        ("3", "Adoption of the agenda"),
    ]

    # Reorder: "Adoption of the agenda" up to second place; ITU-D activities before the DG report.
    row(page, "Adoption of the agenda").get_by_test_id("move-up").click()
    expect(page.locator("[data-testid=editor-number]").nth(1)).to_have_text("2")
    expect(page.locator("[data-testid=editor-title]").nth(1)).to_have_text("Adoption of the agenda")
    row(page, "ITU-D activities").get_by_test_id("move-up").click()
    expect(page.locator("[data-testid=editor-title]").nth(3)).to_have_text("ITU-D activities")

    # Label override and an in-place edit.
    row(page, "Report of the Dedicated Group").get_by_test_id("edit-item").click()
    page.fill("[data-testid=edit-form] [name=label]", "3c")
    page.click("[data-testid=save-item]")
    expect(page.locator("[data-testid=editor-number]", has_text="3c")).to_be_visible()
    assert editor_numbers(page) == [
        ("1", "Opening of the meeting"),
        ("2", "Adoption of the agenda"),
        ("3", "Information reports"),
        ("3.1", "ITU-D activities"),
        ("3c", "Report of the Dedicated Group"),
    ]
    assert page.evaluate("window.__noReload") is True
    screenshot(page, "meetings-agenda-editor")

    page.click("[data-testid=preview-agenda]")
    page.click("[data-testid=circulate]")
    expect(page.locator("[data-testid=agenda-status]")).to_have_text("Circulated")

    page.context.clear_cookies()
    login(page, live_server, "chairperson")
    page.goto(f"{live_server.url}/agendas/{agenda.pk}/")
    page.check("input[name=adopted_as][value=drafted]")
    expect(page.locator("input[name=adopted_on]")).to_have_value(str(agenda.meeting.start_date))  # not today
    page.fill("input[name=adopted_on]", "2009-02-11")
    page.click("input[name=adopt], button[name=adopt]")
    expect(page.get_by_test_id("confirm-text")).to_contain_text("This version is then frozen for good")
    page.get_by_test_id("confirm-ok").click()
    record = page.locator("[data-testid=adoption-record]")
    expect(record).to_contain_text("Adopted as drafted")
    expect(record).to_contain_text("11 February 2009")
    expect(page.locator("[data-testid=edit-agenda]")).to_have_count(0)
    screenshot(page, "meetings-agenda-adopted")

    page.context.clear_cookies()
    login(page, live_server, "sec")
    response = page.goto(f"{live_server.url}/agendas/{agenda.pk}/edit/")
    assert response.status == 403
    agenda.refresh_from_db()
    assert (agenda.status, agenda.adopted_as, agenda.adopted_on_behalf_of_chair) == ("adopted", "drafted", False)


def test_drag_and_drop_reorders_and_a_stale_editor_is_told(browser_world, live_server, page):
    agenda = Agenda.objects.get(meeting=browser_world.meeting)
    login(page, live_server, "sec")
    page.goto(f"{live_server.url}/agendas/{agenda.pk}/edit/")
    for title in ["Alpha", "Bravo", "Charlie"]:
        add_item(page, title)
    assert page.locator("ol.agenda-tree[data-sortable]").count() >= 1
    handle = row(page, "Charlie").locator(".drag-handle").bounding_box()
    target = row(page, "Alpha").bounding_box()
    page.mouse.move(handle["x"] + 4, handle["y"] + 6)
    page.mouse.down()
    page.mouse.move(target["x"] + 20, target["y"] + target["height"] / 2, steps=15)
    page.mouse.move(target["x"] + 20, target["y"] + 4, steps=5)
    page.mouse.up()
    expect(page.get_by_test_id("editor-title").first).to_have_text("Charlie")
    expect(page.locator("#agenda-editor")).to_have_attribute("data-revision", "4")
    assert [i.title for i in agenda.items.order_by("position")] == ["Charlie", "Alpha", "Bravo"]

    # Someone else saves meanwhile: this editor's next change is refused and the current version shown.
    from meetings import services

    services.add_agenda_item(agenda=Agenda.objects.get(pk=agenda.pk), revision=4, title="Added elsewhere")
    row(page, "Bravo").get_by_test_id("move-up").click()
    expect(page.get_by_test_id("conflict")).to_contain_text("Someone else changed this agenda")
    expect(page.get_by_test_id("editor-title").last).to_have_text("Added elsewhere")
    assert [i.title for i in agenda.items.order_by("position")] == ["Charlie", "Alpha", "Bravo", "Added elsewhere"]


def test_proposal_form_lists_clashes_as_dates_change(browser_world, live_server, page):
    from meetings.models import ExternalEvent

    ExternalEvent.objects.create(
        name="ICANN GAC meeting",
        place="Sydney",
        start_date=datetime.date(2009, 6, 21),
        end_date=datetime.date(2009, 6, 26),
    )
    login(page, live_server, "sec")
    page.goto(f"{live_server.url}/groups/WG-WSIS/meetings/propose/")
    expect(page.get_by_test_id("clashes")).to_contain_text("Enter the first and last day")
    page.fill("#id_start_date", "2009-06-22")
    page.fill("#id_end_date", "2009-06-24")
    page.locator("#id_end_date").dispatch_event("change")
    expect(page.get_by_test_id("clash-list")).to_contain_text("ICANN GAC meeting, Sydney")
    page.fill("#id_start_date", "2009-06-29")
    page.fill("#id_end_date", "2009-06-30")
    page.locator("#id_end_date").dispatch_event("change")
    expect(page.get_by_test_id("clashes")).to_contain_text("No clash")
    screenshot(page, "meetings-next-meeting-clashes")
