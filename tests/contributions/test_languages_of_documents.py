"""Documents in the languages of the Union: the title a reader is shown (contributions/titles.py),
the register filtered by language version, and the meeting pack of one language."""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from contributions import services
from contributions.models import Document, DocumentTitle
from contributions.titles import title_for
from tests.contributions.conftest import pdf_upload, submit


def titled(world, original="E", **titles):
    doc = submit(world, world.ms_delegate, world.wg, "Roadmap of the Action Lines")
    Document.objects.filter(pk=doc.pk).update(title_language=original)
    for letter, text in titles.items():
        DocumentTitle.objects.create(document=doc, language=letter, title=text)
    return Document.objects.get(pk=doc.pk)


@pytest.mark.parametrize(
    ("original", "titles", "reader", "shown", "lang", "translated"),
    [
        ("E", {"F": "Feuille de route"}, "fr", "Feuille de route", "fr", True),
        ("E", {"F": "Feuille de route"}, "en", "Roadmap of the Action Lines", "en", True),
        ("E", {"F": "Feuille de route"}, "zh-hans", "Roadmap of the Action Lines", "en", False),
        ("E", {"C": "路线图"}, "zh-hans", "路线图", "zh-hans", True),
        ("F", {}, "fr", "Roadmap of the Action Lines", "fr", True),
        ("F", {}, "ar", "Roadmap of the Action Lines", "fr", False),
        ("E", {"A": "خارطة الطريق"}, "ar", "خارطة الطريق", "ar", True),
        ("E", {}, "xx", "Roadmap of the Action Lines", "en", True),  # unknown languages read English
    ],
)
def test_title_for_the_readers_language(world, original, titles, reader, shown, lang, translated):
    title = title_for(titled(world, original, **titles), reader)
    assert (title.text, title.lang, title.translated) == (shown, lang, translated)


def register_page(client, world, reader, **query):
    client.cookies["django_language"] = reader
    return client.get(reverse("contributions:register", args=[world.meeting.pk]), query).content.decode()


def test_register_shows_the_readers_title_or_the_original_marked(client, world):
    titled(world, "E", F="Feuille de route des grandes orientations")
    client.force_login(world.ms_delegate)

    french = register_page(client, world, "fr")
    assert '<span lang="fr" dir="auto" data-testid="document-title">Feuille de route des grandes orientations' in french
    assert 'data-testid="title-language"' not in french

    chinese = register_page(client, world, "zh-hans")
    assert '<span lang="en" dir="auto" data-testid="document-title">Roadmap of the Action Lines</span>' in chinese
    assert re.search(r'data-testid="title-language" title="[^"]+">英文</span>', chinese)


def add_file(world, doc, language):
    services.add_language_file(
        document=doc,
        language=language,
        upload=pdf_upload(text=f"{doc.title} {language}"),
        name=f"{language}.pdf",
        content_type="application/pdf",
        by=world.secretariat,
    )


@pytest.fixture
def versions(world):
    """Three documents: one in English only, one with a French version, one withdrawn with one."""
    english = submit(world, world.ms_delegate, world.wg, "English only")
    both = submit(world, world.ms_delegate, world.wg, "With a French version")
    add_file(world, both, "F")
    gone = submit(world, world.ms_delegate, world.wg, "Withdrawn")
    add_file(world, gone, "F")
    services.withdraw_document(document=gone, by=world.secretariat, reason="Replaced")
    return english, both, gone


def test_register_filtered_to_the_french_versions(client, world, versions):
    english, both, gone = versions
    client.force_login(world.ms_delegate)
    page = register_page(client, world, "en", language="F")
    assert both.symbol in page and gone.symbol in page and english.symbol not in page
    pack = reverse("contributions:meeting_pack", args=[world.meeting.pk]) + "?language=F"
    assert f'href="{pack}" data-testid="pack-link">Meeting pack, French versions (ZIP)' in page

    everything = register_page(client, world, "en")
    assert english.symbol in everything
    pack = reverse("contributions:meeting_pack", args=[world.meeting.pk])
    assert f'href="{pack}" data-testid="pack-link">Meeting pack (ZIP)' in everything


def test_register_with_an_unknown_language_says_so_and_lists_everything(client, world, versions):
    english, both, _gone = versions
    client.force_login(world.ms_delegate)
    page = register_page(client, world, "en", language="Q")
    assert "Select a valid choice" in page
    assert english.symbol in page and both.symbol in page


def pack_members(client, world, **query):
    response = client.get(reverse("contributions:meeting_pack", args=[world.meeting.pk]), query)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return response, archive


def test_meeting_pack_of_the_french_versions(client, world, versions):
    english, both, _gone = versions
    client.force_login(world.ms_delegate)
    response, archive = pack_members(client, world, language="F")
    assert archive.namelist() == ["WG-WSIS-14-contents.pdf", "WG-WSIS-14-2-F.pdf"]
    assert archive.read("WG-WSIS-14-2-F.pdf") == both.files.get(language="F").file.open("rb").read()
    assert response["Content-Disposition"] == 'attachment; filename="WG-WSIS-14-pack-F.zip"'

    _response, archive = pack_members(client, world)
    assert archive.namelist() == [
        "WG-WSIS-14-contents.pdf", "WG-WSIS-14-1-E.pdf", "WG-WSIS-14-2-E.pdf", "WG-WSIS-14-2-F.pdf",
    ]  # fmt: skip


def test_meeting_pack_cover_names_the_language(client, world, versions):
    from pypdf import PdfReader

    client.force_login(world.ms_delegate)
    _response, archive = pack_members(client, world, language="F")
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(archive.read("WG-WSIS-14-contents.pdf"))).pages
    )
    assert "the French versions" in text and "WG-WSIS-14/2" in text and "WG-WSIS-14/1" not in text


def test_meeting_pack_with_an_unknown_language_is_refused_with_a_reason(client, world, versions):
    client.force_login(world.ms_delegate)
    response = client.get(reverse("contributions:meeting_pack", args=[world.meeting.pk]), {"language": "Q"})
    assert response.status_code == 400
    assert response.content.decode() == "Unknown language version “Q”: use one of A, C, E, F, R, S."


def test_register_query_count_does_not_grow_with_translated_titles(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.ms_delegate)
    titled(world, "E", F="Un")
    url = reverse("contributions:register", args=[world.meeting.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(5):
        titled(world, "E", F=f"Titre {i}", S=f"Título {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)
