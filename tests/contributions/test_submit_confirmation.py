"""The submit form's confirmation names the symbol submitting will allocate (peeked, not taken)."""

import html
import re

import pytest
from django.urls import reverse

from contributions.models import Document, SymbolCounter
from tests.contributions.test_submit import post_submit


def _confirm_text(client, world):
    page = client.get(reverse("contributions:submit", args=[world.meeting.pk])).content.decode()
    return html.unescape(re.search(r'data-confirm="([^"]*)"', page)[1])


@pytest.mark.usefixtures("world_ahead")
def test_dialog_names_the_symbol_that_submitting_then_allocates(client, world):
    client.force_login(world.ms_delegate)
    assert _confirm_text(client, world).startswith("Submitting allocates the symbol WG-WSIS-14/1 ")
    assert not SymbolCounter.objects.filter(last_number__gt=0).exists()  # peeking allocates nothing
    assert _confirm_text(client, world).startswith("Submitting allocates the symbol WG-WSIS-14/1 ")
    post_submit(client, world, world.wg)
    assert Document.objects.get().symbol == "WG-WSIS-14/1"
    text = _confirm_text(client, world)
    assert text.startswith("Submitting allocates the symbol WG-WSIS-14/2 ")
    assert "WG-WSIS: " in text and "never reused" in text
