from django.utils.functional import SimpleLazyObject

from wsisportal import __version__, access


def portal(request):
    """Booleans the base layout needs to fit the navigation to the persona, and the inbox's
    unread count (counted only where a template shows it: one small query)."""
    from inbox.services import unread_count

    user = request.user
    return {
        "portal_version": __version__,
        "nav_is_secretariat": access.is_secretariat(user),
        "unread_count": SimpleLazyObject(lambda: unread_count(user) if user.is_authenticated else 0),
    }
