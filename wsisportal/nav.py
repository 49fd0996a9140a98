"""The main navigation of every page, rendered in Jinja2 (jinja2/includes/nav.html).

It was three Django templates (twelve `{% url %}`, fifteen `{% translate %}`, the language list):
a millisecond and a half on every page, a fifth of a light page's time. Here what is the same on
every page is computed once a process (the URLs, for the script prefix they were reversed under;
the languages) or once a language (the labels), and the template prints the rest. Rendered only
where a page prints `{{ nav }}` (templates/base.html)."""

import functools

from django.conf import settings
from django.template.backends.utils import csrf_input
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from wsisportal.jinja import as_django_prints, as_translate_printed

URL_NAMES = {
    "home": "meetings:home",
    "my_work": "my_work",
    "search": "contributions:search",
    "reports": "reports:report_list",
    "roadmap": "roadmap:index",
    "admin": "admin:index",
    "site_search": "search",
    "set_language": "set_language",
    "inbox": "inbox:inbox",
    "profile": "meetings:profile",
    "logout": "logout",
    "login": "login",
}


@functools.cache
def _urls(script_prefix, urlconf):
    return {key: reverse(name) for key, name in URL_NAMES.items()}


@functools.cache
def _languages(languages):
    infos = (translation.get_language_info(code) for code, _name in languages)
    return tuple({"code": i["code"], "name_local": i["name_local"], "bidi": i["bidi"]} for i in infos)


@functools.cache
def _labels(language):
    with translation.override(language):
        return as_translate_printed(
            {
                "main_navigation": gettext("Main navigation"),
                "portal": gettext("WSIS Portal"),
                "toggle": gettext("Toggle navigation"),
                "groups": gettext("Groups & meetings"),
                "my_work": gettext("My work"),
                "documents": gettext("Documents"),
                "reports": gettext("Reports"),
                "roadmap": gettext("Roadmap"),
                "administration": gettext("Administration"),
                "search": gettext("Search"),
                "language": gettext("Language"),
                "inbox": gettext("Inbox"),
                "unread": gettext("unread"),
                "log_out": gettext("Log out"),
                "log_in": gettext("Log in"),
            }
        )


class Nav:
    """`{{ nav }}` in a template: the navigation for `request`, rendered when first printed."""

    def __init__(self, request, *, is_secretariat, unread_count):
        self.request, self.is_secretariat, self.unread_count = request, is_secretariat, unread_count

    @cached_property
    def html(self):
        request, current = self.request, translation.get_language()
        languages = _languages(tuple(settings.LANGUAGES))
        user = request.user
        context = {
            "urls": _urls(get_script_prefix(), settings.ROOT_URLCONF),
            "labels": _labels(current),
            "languages": languages,
            "current": current,
            "current_name": next((i["name_local"] for i in languages if i["code"] == current), ""),
            "signed_in": user.is_authenticated,
            "user": user,
            "is_secretariat": self.is_secretariat,
            "unread_count": self.unread_count,
            # One token for both forms, as `{% csrf_token %}` printed one a page.
            "csrf_input": csrf_input(request),
        }
        return mark_safe(as_django_prints().get_template("includes/nav.html").render(context))

    def __html__(self):
        return self.html

    def __str__(self):
        return self.html
