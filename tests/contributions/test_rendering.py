"""The register and the search print what they printed before their rows became values
(contributions/rows.py) and their partials Jinja2 (register rows, search listing) or written-out
fields (wsisportal/formfields.plain_field_html).

The reference renderer is the old templates, copied unchanged from main (22bb6ec) into
tests/contributions/reference/ (the includes they use under their own paths, so that the reference
stays what was printed then), rendered from what the old views gave them: model instances with
their prefetched relations, and `with_shown_titles`. One difference is by design: a document's
agenda items are now those of `access.visible_agenda_items` (the old prefetch showed a draft
agenda's items to every reader), so the reference prefetches them through the policy too, and
`test_a_draft_agendas_items_are_shown_only_to_who_may_see_it` states the difference.

The register's rows and the search page are compared byte for byte. The register's table is
compared with runs of white space made one space: crispy printed each filter field among blank
lines and indentation that a browser collapses, and the written-out fields print a line break there.
"""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.template import Context, Engine, engines
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from contributions import services
from contributions.forms import RegisterFilterForm
from contributions.models import CallForDocuments, DocumentFile, DocumentKind, DocumentTitle, Language, LateAdmission
from contributions.titles import with_shown_titles
from contributions.views import register as register_view
from meetings.models import Agenda, AgendaItem, AgendaStatus, Meeting
from tests.contributions.conftest import BEFORE, pdf_upload, submit
from tests.factories import make_organisation
from wsisportal import access

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
REFERENCE = Engine(
    dirs=[REFERENCE_DIR, TEMPLATES_DIR],
    libraries={
        "i18n": "django.templatetags.i18n",
        "tz": "django.templatetags.tz",
        "crispy_forms_tags": "crispy_forms.templatetags.crispy_forms_tags",
    },
)
TRICKY = 'O\'Brien & "Sons" <b>'  # quotes are where Django's escaping and markupsafe's differ
PERSONAS = ["anonymous", "ms_delegate", "sm_delegate", "secretariat"]


def _old_template(name):
    """An old template of tests/contributions/reference/ under its old path."""
    return REFERENCE.from_string((REFERENCE_DIR / name).read_text())


def _old_register_rows(user, meeting, query):
    """The old register's rows: model instances with four prefetches, through the old Jinja2 rows."""
    groups = [g for g in access.meeting_groups(meeting) if access.can_view_group_content(user, g)]
    form = RegisterFilterForm(query or None, groups=groups)
    documents = access.visible_documents(user).filter(meeting=meeting).select_related("group__parent", "late_admission")
    documents = documents.prefetch_related(
        Prefetch("files", queryset=DocumentFile.objects.only("document", "language", "size"), to_attr="files_list"),
        Prefetch("titles", to_attr="titles_list"),
        Prefetch("agenda_items", queryset=access.visible_agenda_items(user), to_attr="agenda_items_list"),
        Prefetch("source_organisations", to_attr="sources_list"),
    )
    page = Paginator(form.apply(documents), register_view.PER_PAGE).get_page(query.get("page"))
    rows = (
        engines["jinja2"]
        .env.from_string((REFERENCE_DIR / "register_rows.html").read_text())
        .render(
            documents=with_shown_titles(page.object_list, translation.get_language()),
            zone=meeting.time_zone,
            kinds={value: str(label) for value, label in DocumentKind.choices},
            languages={value: str(label) for value, label in Language.choices},
        )
    )
    return form, page, rows


def _old_register_table(user, meeting, query):
    form, page, rows = _old_register_rows(user, meeting, query)
    rest = {key: value for key, value in query.items() if key != "page"}
    calls = CallForDocuments.objects.filter(meeting=meeting).select_related("group").prefetch_related("addressees")
    context = {
        "meeting": meeting,
        "rows": mark_safe(rows),
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "page_query": urlencode(rest),
        "filter_form": form,
        "sort": query.get("sort", "symbol"),
        "calls": access.visible_calls_for_documents(user, calls),
    }
    return rows, _old_template("register_table.html").render(Context(context))


def _old_search_body(user, text):
    from contributions.forms import SearchForm
    from contributions.views.search import REGISTERS_SHOWN

    form = SearchForm({"q": text} if text is not None else None)
    results = []
    if form.is_valid() and form.cleaned_data["q"]:
        found = (
            access.visible_documents(user)
            .search(form.cleaned_data["q"])
            .select_related("meeting__group", "group", "late_admission")
            .prefetch_related("files", "source_organisations", "titles")
            .order_by("-available_at", "pk")[:50]
        )
        results = with_shown_titles(found, translation.get_language())
    meetings = Meeting.objects.filter(group_id__in=access.visible_group_ids(user))
    meetings = meetings.select_related("group__parent").order_by("-start_date", "-pk")[:REGISTERS_SHOWN]
    return _old_template("search_body.html").render(Context({"form": form, "results": results, "meetings": meetings}))


def _spaced(html):
    return re.sub(r"\s+", " ", html)


def _sign_in(client, world, persona):
    user = world.personas[persona]
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return user


@pytest.fixture
def register_world(world):
    """WG-WSIS and Dedicated Group documents of every kind of line: a revision, one admitted late,
    one withdrawn, French versions and titles, a title that needs escaping, sources and agenda items
    (one on a draft agenda), file sizes of every unit, and a call for documents."""
    adopted = Agenda.objects.create(meeting=world.meeting, version=1, status=AgendaStatus.CIRCULATED)
    draft = Agenda.objects.create(meeting=world.meeting, version=2, status=AgendaStatus.DRAFT)
    item = AgendaItem.objects.create(agenda=adopted, title="WSIS implementation and follow-up in the regions " * 2)
    labelled = AgendaItem.objects.create(agenda=adopted, title="Roadmap", label="7c", position=1)
    drafted = AgendaItem.objects.create(agenda=draft, title="A draft item")
    apostrophe = make_organisation(name="Côte d'Ivoire", short_name="Côte d'Ivoire")
    docs = [
        submit(world, world.ms_delegate, world.wg, f"Views {TRICKY}", sources=[world.member_state, apostrophe]),
        submit(world, world.sm_delegate, world.wg, "Sector views on the roadmap"),
        submit(world, world.ms_delegate, world.dg, "Dedicated Group confidential views"),
        submit(world, world.secretariat, world.wg, "Draft agenda", kind="agenda"),
        submit(world, world.secretariat, world.dg, "Dedicated Group report", kind="report"),
    ]
    docs[0].agenda_items.add(item, labelled)
    docs[2].agenda_items.add(drafted, labelled)
    services.add_language_file(document=docs[0], language="F", upload=pdf_upload(), name="f.pdf",
                               content_type="application/pdf", by=world.secretariat)  # fmt: skip
    DocumentFile.objects.filter(document=docs[0], language="E").update(size=1536)
    DocumentFile.objects.filter(document=docs[0], language="F").update(size=5_500_000)
    DocumentFile.objects.filter(document=docs[1]).update(size=3 << 30)
    DocumentTitle.objects.create(document=docs[1], language="F", title="Vues sur la feuille de route")
    LateAdmission.objects.create(document=docs[3], deadline=BEFORE, reason=f"asked {TRICKY}",
                                 granted_by=world.secretariat, granted_at=BEFORE)  # fmt: skip
    services.withdraw_document(document=docs[4], by=world.secretariat, reason="duplicate")
    services.submit_document(
        meeting=world.meeting, group=world.wg, submitted_by=world.ms_delegate, title="Revised views",
        kind=DocumentKind.CONTRIBUTION, files=[("E", pdf_upload(), "r.pdf", "application/pdf")],
        sources=[world.member_state], now=BEFORE, parent=docs[0], suffix="Rev",
    )  # fmt: skip
    call = CallForDocuments.objects.create(
        meeting=world.meeting, group=world.wg, title=f"Call {TRICKY}", text="Please.", due_at=BEFORE
    )
    call.addressees.add(world.member_state, world.sector_member)
    return world


QUERIES = [{}, {"sort": "-title"}, {"sort": "available", "kind": "contribution"}, {"q": "views", "group": "DG-IPP"},
           {"language": "F"}, {"language": "Q"}, {"kind": "nonsense", "sort": "-symbol"}]  # fmt: skip


def _assert_register_same(client, user, meeting, query):
    response = client.get(reverse("contributions:register", args=[meeting.pk]), query)
    assert response.status_code == 200
    page = response.content.decode()
    rows, table = _old_register_table(user, meeting, query)
    assert rows in page  # byte for byte
    assert _spaced(table) in _spaced(page)
    return page


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("query", QUERIES)
def test_register_is_what_the_old_templates_printed(client, register_world, persona, query):
    world = register_world
    user = _sign_in(client, world, persona)
    if not user.is_authenticated:
        response = client.get(reverse("contributions:register", args=[world.meeting.pk]), query)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    page = _assert_register_same(client, user, world.meeting, query)
    shows_dg = persona != "sm_delegate"
    if not query:
        assert ("Dedicated Group confidential views" in page) == shows_dg
        assert "Views O&#39;Brien &amp; &#34;Sons&#34; &lt;b&gt;" in page  # markupsafe's escaping, as before
        assert "1.5\xa0KB" in page and "5.2\xa0MB" in page


@pytest.mark.parametrize("persona", ["ms_delegate", "secretariat"])
def test_register_pages_are_what_the_old_templates_printed(client, register_world, persona, monkeypatch):
    monkeypatch.setattr(register_view, "PER_PAGE", 2)
    user = _sign_in(client, register_world, persona)
    for query in [{}, {"page": "2"}, {"page": "3", "sort": "-symbol"}, {"page": "99"}, {"page": "x", "kind": "agenda"}]:
        page = _assert_register_same(client, user, register_world.meeting, query)
        assert 'data-testid="register-pages"' in page or query.get("kind")


@pytest.mark.parametrize("persona", ["ms_delegate", "secretariat"])
def test_french_register_is_what_the_old_templates_printed(client, register_world, persona):
    user = register_world.personas[persona]
    user.language = "fr"
    user.save(update_fields=["language"])
    _sign_in(client, register_world, persona)
    with translation.override("fr"):
        for query in [{}, {"language": "Q"}]:
            page = _assert_register_same(client, user, register_world.meeting, query)
    assert "Vues sur la feuille de route" in page


SEARCHES = [None, "views", "Dedicated", "14/", "nothing-matches", TRICKY]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("text", SEARCHES)
def test_search_is_what_the_old_templates_printed(client, register_world, persona, text):
    user = _sign_in(client, register_world, persona)
    response = client.get(reverse("contributions:search"), {"q": text} if text is not None else {})
    if not user.is_authenticated:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    page = response.content.decode()
    assert _old_search_body(user, text) in page  # byte for byte
    if text == "Dedicated":
        assert ("Dedicated Group confidential views" in page) == (persona != "sm_delegate")


def test_french_search_is_what_the_old_templates_printed(client, register_world):
    user = register_world.ms_delegate
    user.language = "fr"
    user.save(update_fields=["language"])
    _sign_in(client, register_world, "ms_delegate")
    with translation.override("fr"):
        for text in ["views", "roadmap"]:
            page = client.get(reverse("contributions:search"), {"q": text}).content.decode()
            assert _old_search_body(user, text) in page
    assert "Vues sur la feuille de route" in page


@pytest.mark.parametrize(("persona", "shown"), [("ms_delegate", False), ("chair", True), ("secretariat", True)])
def test_a_draft_agendas_items_are_shown_only_to_who_may_see_it(client, register_world, persona, shown):
    """The rows' agenda items come from access.visible_agenda_items: a draft agenda is the
    secretariat's and the group's officers' (the old register showed its items to every reader)."""
    _sign_in(client, register_world, persona)
    page = client.get(reverse("contributions:register", args=[register_world.meeting.pk])).content.decode()
    assert "Dedicated Group confidential views" in page
    assert ("A draft item" in page) is shown
