"""Before the symbol is allocated the delegate sees what the submission will become; the chosen
file is kept when the form comes back (the preview, an error elsewhere); agenda items are offered
by number in agenda order."""

import datetime
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from contributions import kept_uploads
from contributions.models import Document, SymbolCounter
from tests.contributions.conftest import pdf_upload, submit
from tests.factories import make_user
from tests.meetings.conftest import make_agenda, make_item

pytestmark = pytest.mark.usefixtures("world_ahead")


def post(client, world, **data):
    fields = {"group": world.wg.pk, "kind": "contribution", "title": "Views of Saudi Arabia", "language": "E"}
    return client.post(reverse("contributions:submit", args=[world.meeting.pk]), {**fields, **data})


def kept_token(page):
    return re.search(r'name="kept_file" value="([^"]+)"', page).group(1)


def test_preview_shows_what_it_will_become_and_allocates_nothing(client, world):
    submit(world, world.secretariat, world.wg, "An earlier document", now=timezone.now())  # takes /1
    client.force_login(world.ms_delegate)
    content = pdf_upload("views.pdf").read()
    page = post(client, world, preview="Preview", file=pdf_upload("views.pdf")).content.decode()
    assert 'data-testid="preview-symbol">WG-WSIS-14/2<' in page
    assert "Working Group on WSIS (WG-WSIS)" in page and "English" in page and "“views.pdf” — PDF" in page
    assert "No deadline rule applies." in page
    assert 'name="submit"' in page  # now the submit button is offered
    assert Document.objects.count() == 1 and SymbolCounter.objects.get().last_number == 1

    post(client, world, submit="Submit", kept_file=kept_token(page))
    doc = Document.objects.get(symbol="WG-WSIS-14/2")
    assert doc.files.get().sha256 == hashlib.sha256(content).hexdigest()
    assert doc.files.get().original_filename == "views.pdf"


def test_first_form_offers_preview_only(client, world):
    client.force_login(world.ms_delegate)
    page = client.get(reverse("contributions:submit", args=[world.meeting.pk])).content.decode()
    assert 'name="preview"' in page and 'name="submit"' not in page


def test_the_file_is_kept_when_another_field_has_an_error(client, world):
    client.force_login(world.ms_delegate)
    page = post(client, world, title="", file=pdf_upload("kept.pdf")).content.decode()
    assert "This field is required." in page and "Kept from your last try: “kept.pdf”" in page
    post(client, world, title="Now with a title", kept_file=kept_token(page))
    doc = Document.objects.get()
    assert (doc.title, doc.files.get().original_filename) == ("Now with a title", "kept.pdf")


def test_another_users_kept_file_is_not_taken(client, world):
    client.force_login(world.ms_delegate)
    token = kept_token(post(client, world, title="", file=pdf_upload("mine.pdf")).content.decode())
    client.force_login(make_user(world.member_state, "ms2"))
    page = post(client, world, kept_file=token).content.decode()
    assert "This field is required." in page and not Document.objects.exists()


def test_a_forged_token_is_not_taken(client, world):
    client.force_login(world.ms_delegate)
    page = post(client, world, kept_file="kept/../../documents/x.pdf").content.decode()
    assert "This field is required." in page and not Document.objects.exists()


def test_kept_files_are_swept_after_their_time(world, settings):
    upload = pdf_upload("old.pdf")
    kept_uploads.keep(upload, user=world.ms_delegate, name="old.pdf", content_type="application/pdf")
    assert kept_uploads.sweep_kept(now=timezone.now()) == 0
    later = timezone.now() + datetime.timedelta(hours=kept_uploads.KEPT_HOURS, seconds=1)
    assert kept_uploads.sweep_kept(now=later) == 1
    assert not list((settings.MEDIA_ROOT / "kept").iterdir())


def test_agenda_items_are_offered_by_number_in_agenda_order(client, world):
    old = make_agenda(world.meeting, status="adopted")
    make_item(old, "Old version item")
    agenda = make_agenda(world.meeting, status="circulated", version=2)
    make_item(agenda, "Opening of the meeting", position=0)
    roadmap = make_item(agenda, "Roadmap", position=2)
    make_item(agenda, "Adoption of the agenda", position=1)
    make_item(agenda, "Third draft", parent=roadmap, position=0)
    make_item(agenda, "Comments", parent=roadmap, position=1, label="3c")
    client.force_login(world.ms_delegate)
    page = client.get(reverse("contributions:submit", args=[world.meeting.pk])).content.decode()
    options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', page.split('name="agenda_items"')[1])
    assert options[:5] == ["1 Opening of the meeting", "2 Adoption of the agenda", "3 Roadmap", "3.1 Third draft",
                           "3c Comments"]  # fmt: skip
    assert "Old version item" not in page


def test_draft_agenda_items_are_not_offered_to_a_delegate(client, world):
    make_item(make_agenda(world.meeting), "Draft item not yet circulated")
    client.force_login(world.ms_delegate)
    page = client.get(reverse("contributions:submit", args=[world.meeting.pk])).content.decode()
    assert "Draft item not yet circulated" not in page
