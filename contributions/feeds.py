"""Atom feed of a meeting's documents, for logged-in users, filtered by access. Stored text goes
through text_rules.printable(): XML cannot carry control characters, and one would make the
feed a server error for everyone."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wsisportal import access
from wsisportal.text_rules import printable

FEED_SIZE = 100


def meeting_feed(request, meeting_pk):
    meeting = access.get_meeting_for_view_or_404(request.user, meeting_pk)
    documents = (
        access.visible_documents(request.user)
        .filter(meeting=meeting)
        .select_related("group")
        .prefetch_related("source_organisations")
        .order_by("-available_at", "-pk")[:FEED_SIZE]
    )
    feed = Atom1Feed(
        title=printable(_("Documents of %(meeting)s") % {"meeting": meeting}),
        link=request.build_absolute_uri(reverse("contributions:register", args=[meeting.pk])),
        description="",
        language="en",
        feed_url=request.build_absolute_uri(),
    )
    for doc in documents:
        feed.add_item(
            title=printable(f"{doc.symbol}: {doc.title}"),
            link=request.build_absolute_uri(reverse("contributions:document_detail", args=[doc.pk])),
            description=printable(doc.summary),
            pubdate=doc.available_at,
            unique_id=printable(f"urn:wsis-portal:document:{doc.symbol}"),
            author_name=printable(doc.sources_display),
            categories=[printable(doc.group.code)],
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")
