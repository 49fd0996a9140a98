from django.utils.functional import SimpleLazyObject

from wsisportal import __version__, access
from wsisportal.nav import Nav


def portal(request):
    """The base layout's navigation (wsisportal/nav.py, rendered where a page prints it) and the
    inbox's unread count (counted only where a template shows it: one small query)."""
    from inbox.services import unread_count

    user = request.user
    unread = SimpleLazyObject(lambda: unread_count(user) if user.is_authenticated else 0)
    return {
        "portal_version": __version__,
        "unread_count": unread,
        "nav": Nav(request, is_secretariat=access.is_secretariat(user), unread_count=unread),
    }
