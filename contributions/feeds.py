"""Atom feed of a meeting's documents, for logged-in users, filtered by access."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wsisportal import access

from .models import Document

FEED_SIZE = 100


def meeting_feed(request, meeting_pk):
    meeting = access.get_meeting_for_view_or_404(request.user, meeting_pk)
    documents = (
        Document.objects.visible_to(request.user)
        .filter(meeting=meeting)
        .select_related("group")
        .prefetch_related("source_organisations")
        .order_by("-available_at", "-pk")[:FEED_SIZE]
    )
    feed = Atom1Feed(
        title=_("Documents of %(meeting)s") % {"meeting": meeting},
        link=request.build_absolute_uri(reverse("contributions:register", args=[meeting.pk])),
        description="",
        language="en",
        feed_url=request.build_absolute_uri(),
    )
    for doc in documents:
        feed.add_item(
            title=f"{doc.symbol}: {doc.title}",
            link=request.build_absolute_uri(reverse("contributions:document_detail", args=[doc.pk])),
            description=doc.summary,
            pubdate=doc.available_at,
            unique_id=f"urn:wsis-portal:document:{doc.symbol}",
            author_name=doc.sources_display,
            categories=[doc.group.code],
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")
