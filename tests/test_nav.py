"""The navigation prints what it printed before it became Jinja2 (jinja2/includes/nav.html, wsisportal/nav.py).

The reference is the three old Django templates, moved unchanged to tests/reference/includes/ (nav.html,
nav_links.html, language_switcher.html), rendered as the base layout rendered them. Compared byte
for byte (the CSRF token aside: a new mask on every rendering) for every persona and in every
language, with an organisation name carrying the characters on which Django's escaping and
markupsafe's differ, and with and without unread notices."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Engine
from django.urls import reverse
from django.utils import timezone, translation

from inbox.models import Notification, NotificationKind
from tests.factories import PERSONAS
from wsisportal import access

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
REFERENCE = Engine(dirs=[REFERENCE_DIR], libraries={"i18n": "django.templatetags.i18n"})
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
TRICKY = 'O\'Brien & "Sons" <b>'


def _normalised(html):
    return TOKEN.sub('name="csrfmiddlewaretoken" value="TOKEN"', html)


def _old_nav(user, unread):
    context = Context(
        {"user": user, "nav_is_secretariat": access.is_secretariat(user), "unread_count": unread, "csrf_token": "x"}
    )
    return _normalised(REFERENCE.get_template("includes/nav.html").render(context))


def _unread(user):
    return Notification.objects.filter(recipient=user, read_at=None).count() if user.is_authenticated else 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_nav_is_what_the_old_templates_printed(client, world, persona):
    user = world.personas[persona]
    if user.is_authenticated:
        client.force_login(user)
        now = timezone.now()
        Notification.objects.create(
            recipient=user, kind=NotificationKind.DOCUMENT, group=world.wg, subject="s", url="/", created_at=now
        )
    page = _normalised(client.get(reverse("meetings:home")).content.decode())
    old = _old_nav(user, _unread(user))
    assert old in page  # byte for byte
    assert ('data-testid="nav-admin"' in page) == access.is_secretariat(user)
    assert ('data-testid="unread-count">1<' in page) == user.is_authenticated


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_nav_is_what_the_old_templates_printed_in_every_language(client, world, language):
    user = world.ms_delegate
    user.language = language
    user.save(update_fields=["language"])
    user.organisation.short_name = TRICKY
    user.organisation.save(update_fields=["short_name"])
    client.force_login(user)
    page = _normalised(client.get(reverse("meetings:home")).content.decode())
    with translation.override(language):
        old = _old_nav(user, 0)
    assert old in page
    assert "O&#x27;Brien &amp; &quot;Sons&quot; &lt;b&gt;" in page
    assert f'aria-current="true" data-testid="language-{language}"' in page
