"""One filter for templates owned by other apps (the agenda) that list documents: it keeps only
what the viewer may see. The decision is access.visible_group_ids; nothing is decided here."""

from django import template

from wsisportal import access

register = template.Library()


@register.filter
def visible_to_request(documents, request):
    """Documents (a related manager or iterable) the request's user may see; the visible group
    ids are computed once per request."""
    ids = getattr(request, "_contributions_visible_group_ids", None)
    if ids is None:
        ids = access.visible_group_ids(request.user)
        request._contributions_visible_group_ids = ids
    # A prefetched queryset is iterated as is: calling .all() on it again would drop the
    # prefetch cache and run one query per agenda item.
    is_evaluated = getattr(documents, "_result_cache", None) is not None
    items = documents.all() if hasattr(documents, "all") and not is_evaluated else documents
    return [doc for doc in items if doc.group_id in ids]
