"""Atom feeds of documents, filtered by access: a meeting's, for signed-in users, and the same
with a private token in the URL for feed readers, which cannot sign in (wsisportal/feed_tokens.py),
plus a private feed of every document the token's user may see. Valid Atom (RFC 4287): the feed
has an author, every entry an id, a title, a link and `updated` (the latest of its availability and
withdrawal). Stored text goes through text_rules.printable(): XML cannot carry control characters,
and one would make the feed a server error for everyone."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wsisportal import access, feed_tokens
from wsisportal.text_rules import printable

FEED_SIZE = 100


def _documents(user, meeting=None):
    documents = access.visible_documents(user)
    if meeting is not None:
        documents = documents.filter(meeting=meeting)
    return (
        documents.select_related("group")
        .prefetch_related("source_organisations")
        .order_by("-available_at", "-pk")[:FEED_SIZE]
    )


def _feed_response(request, *, title, link, documents):
    feed = Atom1Feed(
        title=printable(title),
        link=request.build_absolute_uri(link),
        description="",
        language="en",
        feed_url=request.build_absolute_uri(),
        author_name=_("WSIS Portal"),
        feed_guid=f"urn:wsis-portal:feed:{request.path}",
    )
    for doc in documents:
        feed.add_item(
            title=printable(f"{doc.symbol}: {doc.title}"),
            link=request.build_absolute_uri(reverse("contributions:document_detail", args=[doc.pk])),
            description=printable(doc.summary),
            pubdate=doc.available_at,
            updateddate=max(filter(None, [doc.available_at, doc.withdrawn_at])),
            unique_id=printable(f"urn:wsis-portal:document:{doc.symbol}"),
            author_name=printable(doc.sources_display),
            categories=[printable(doc.group.code)],
        )
    response = HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    return response


def _meeting_feed(request, user, meeting_pk):
    meeting = access.get_meeting_for_view_or_404(user, meeting_pk)
    return _feed_response(
        request,
        title=_("Documents of %(meeting)s") % {"meeting": meeting},
        link=reverse("contributions:register", args=[meeting.pk]),
        documents=_documents(user, meeting),
    )


def meeting_feed(request, meeting_pk):
    return _meeting_feed(request, request.user, meeting_pk)


@login_not_required
def private_meeting_feed(request, token, meeting_pk):
    return _meeting_feed(request, feed_tokens.user_for_token_or_404(token), meeting_pk)


@login_not_required
def private_documents_feed(request, token):
    user = feed_tokens.user_for_token_or_404(token)
    return _feed_response(
        request,
        title=_("Documents you may read on the WSIS Portal"),
        link=reverse("meetings:home"),
        documents=_documents(user),
    )
