from wsisportal import __version__, access


def portal(request):
    """Booleans the base layout needs to fit the navigation to the persona."""
    return {
        "portal_version": __version__,
        "nav_is_secretariat": access.is_secretariat(request.user),
    }
