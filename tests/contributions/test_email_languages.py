"""Notification e-mails go out in each recipient's profile language, with the document's title in that
language when it has one, and an absolute link (PORTAL_URL). The notice is written in the submission's
transaction (inbox.notices.document_available); its e-mail leaves after the commit."""

from django.core import mail
from django.utils import translation

from contributions.models import DocumentTitle, Subscription
from inbox import notices
from tests.contributions.conftest import submit
from tests.factories import make_user


def test_each_subscriber_reads_the_notice_in_their_language(world, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_URL = "https://wsis.example.org"
    french = make_user(world.member_state, "fr-reader", language="fr")
    arabic = make_user(world.member_state, "ar-reader", language="ar")
    english = make_user(world.member_state, "en-reader")
    for user in (french, arabic, english):
        Subscription.objects.create(user=user, group=world.wg)

    doc = submit(world, world.ms_delegate, world.wg, "Roadmap of the Action Lines")
    mail.outbox.clear()
    # A title in French given later: a notice written now (a revision's, say) carries it.
    DocumentTitle.objects.create(document=doc, language="F", title="Feuille de route des grandes orientations")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notices.document_available(document=doc)
    assert callbacks

    by_reader = {message.to[0]: message for message in mail.outbox}
    assert set(by_reader) == {french.email, arabic.email, english.email}
    with translation.override("fr"):
        new_fr = translation.gettext("New document %(symbol)s") % {"symbol": doc.symbol}
    with translation.override("ar"):
        new_ar = translation.gettext("New document %(symbol)s") % {"symbol": doc.symbol}
    assert new_fr != new_ar != f"New document {doc.symbol}"

    assert by_reader[french.email].subject == f"{new_fr}: Feuille de route des grandes orientations"
    assert by_reader[arabic.email].subject == f"{new_ar}: Roadmap of the Action Lines"
    assert by_reader[english.email].subject == f"New document {doc.symbol}: Roadmap of the Action Lines"
    link = f"https://wsis.example.org/documents/{doc.pk}/"
    assert all(link in message.body for message in mail.outbox)
    assert "Dear" in by_reader[english.email].body and "Dear" not in by_reader[french.email].body
