"""Choosing a language: the header's switcher (cookie), the profile preference, Accept-Language;
URLs stay the same in every language, and Arabic pages are right to left."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

HOME = "/"


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_six_languages_of_the_union_are_offered(client, db):
    html = client.get(HOME).content.decode()
    switcher = html[html.index('data-testid="language-switcher"') :]
    for code in ("ar", "zh-hans", "en", "fr", "ru", "es"):
        assert f'data-testid="language-{code}"' in switcher
    assert [code for code, _name in settings.LANGUAGES] == ["ar", "zh-hans", "en", "fr", "ru", "es"]


def test_english_is_the_default_without_any_preference(client, db):
    assert html_tag(client.get(HOME)) == '<html lang="en" dir="ltr">'


def test_accept_language_chooses_the_language_on_a_first_visit(client, db):
    response = client.get(HOME, headers={"accept-language": "fr-CH,fr;q=0.9,en;q=0.5"})
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    assert response["Content-Language"] == "fr"


def test_accept_language_arabic_mirrors_the_page(client, db):
    response = client.get(HOME, headers={"accept-language": "ar"})
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    assert "vendor/bootstrap.rtl.min.css" in response.content.decode()


def test_switcher_sets_the_cookie_and_returns_to_the_same_url(client, world):
    page = reverse("meetings:group_detail", args=["WG-WSIS"])
    response = client.post(
        reverse("set_language"), {"language": "zh-hans"}, headers={"referer": f"http://testserver{page}"}
    )
    assert response["Location"].endswith(page)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    followed = client.get(page, headers={"accept-language": "fr"})
    assert html_tag(followed) == '<html lang="zh-hans" dir="ltr">'


def test_switcher_for_signed_in_user_is_remembered_in_the_profile(client, world):
    client.force_login(world.ms_delegate)
    client.post(reverse("set_language"), {"language": "ar", "next": HOME})
    world.ms_delegate.refresh_from_db()
    assert world.ms_delegate.language == "ar"


def test_profile_language_wins_over_cookie_and_accept_language(client, world):
    world.ms_delegate.language = "ru"
    world.ms_delegate.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.force_login(world.ms_delegate)
    response = client.get(HOME, headers={"accept-language": "fr"})
    assert html_tag(response) == '<html lang="ru" dir="ltr">'


def test_profile_page_offers_the_language_preference(client, world):
    client.force_login(world.ms_delegate)
    html = client.get(reverse("meetings:profile")).content.decode()
    assert 'data-testid="profile-language"' in html
    client.post(reverse("set_language"), {"language": "es", "next": reverse("meetings:profile")})
    world.ms_delegate.refresh_from_db()
    assert world.ms_delegate.language == "es"


def test_unknown_language_is_ignored(client, world):
    client.force_login(world.ms_delegate)
    client.post(reverse("set_language"), {"language": "xx", "next": HOME})
    world.ms_delegate.refresh_from_db()
    assert world.ms_delegate.language == ""


@pytest.mark.parametrize("code", ["ar", "zh-hans"])
def test_error_pages_follow_the_reader_language(client, db, code):
    response = client.get("/no-such-page/", headers={"accept-language": code})
    assert response.status_code == 404
    assert f'lang="{code}"' in html_tag(response)
