"""The HTML of roadmap cells and matrix rows, from the macros of jinja2/roadmap/cells.html.

The matrix repeats a cell six times a row; as Django `{% include %}`s that cost ~0.7 ms a cell
(`make bench`), as compiled Jinja2 macros a small fraction of it. Every view of a cell (matrix,
row page, in-place edit answers, the editor's conflict notice, the PDF) goes through here.
"""

from django.template import defaultfilters, engines
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from markupsafe import Markup

from jinja2 import pass_context
from wsisportal.jinja import as_django_prints, as_translate_printed, django_escape

from .cells import CELL_NAMES
from .models import related


def goal_label(number):
    return gettext("Goal %(n)s") % {"n": localize(number)}


def comments_label(count):
    return ngettext("%(n)s comment", "%(n)s comments", count) % {"n": count}


def _macros():
    """The compiled macro module (the template is compiled once; `_()` is resolved at call time, and
    each label translated once a module: the matrix asks for the same labels on every row)."""
    template = engines["jinja2"].env.get_template("roadmap/cells.html")
    return template.make_module(
        {
            "related": related,
            "goal_label": goal_label,
            "comments_label": comments_label,
            "gettext": _gettext_once(),
        }
    )


def _gettext_once():
    """The environment's `_()` (jinja2.ext's newstyle gettext: a safe translation, %-formatted) with
    each string translated once: gettext was a sixth of the matrix rows' time (`make bench`)."""
    translated = {}

    @pass_context
    def gettext_once(context, string, **variables):
        if string not in translated:
            text = gettext(string)
            translated[string] = Markup(text) if context.eval_ctx.autoescape else text
        return translated[string] % variables

    return gettext_once


def cell_body(row, cell):
    """A cell's content alone (the PDF, the conflict notice)."""
    return _macros().body(row, cell)


def cell(row, cell, *, can_edit, saved=False):
    """A cell as the matrix shows it: body, "Saved." after an edit, the Edit button for editors."""
    return _macros().cell(row, cell, can_edit, saved)


def matrix_rows(groups, *, can_edit, can_comment):
    """[(line, role, [row <tr> HTML, ...])] for the matrix table, from [(line, role, rows)]."""
    macros = _macros()
    return [
        (line, role, [macros.matrix_row(row, line.code, CELL_NAMES, can_edit, can_comment) for row in rows])
        for line, role, rows in groups
    ]


def cell_bodies(groups):
    """[(line, [[cell body HTML, ...] per row])] for the PDF table."""
    macros = _macros()
    return [(line, [[macros.body(row, name) for name in CELL_NAMES] for row in rows]) for line, rows in groups]


def matrix_table(context):
    """The matrix's filters, line tabs and table (jinja2/roadmap/matrix_table.html): the Django
    templates it replaced cost ~2 ms a page (`make bench`). `context` is what `views.drafts` gives it;
    the labels are translated here and printed as `{% translate %}` printed them."""
    labels = as_translate_printed(
        {
            "filters": gettext("Filters"),
            "on": gettext("on"),
            "filter": gettext("Filter"),
            "clear_filters": gettext("Clear the filters"),
            "action_lines": gettext("Action Lines"),
            "one_line_at_a_time": gettext(
                "This draft is shown one Action Line at a time; the exports hold every line."
            ),
            "not_saved": gettext(
                "Not saved: the server refused the change (perhaps a later draft was started, or your session "
                "ended). Your text is still in the form; copy it, then reload the page."
            ),
            "comments": gettext("Comments"),
            "action_line": gettext("Action Line"),
            "itu": gettext("ITU"),
            "lead": gettext("Lead"),
            "no_row": gettext("No row matches."),
        }
    )
    template = as_django_prints().get_template("roadmap/matrix_table.html")
    table = template.render(
        {**context, "labels": labels, "urlencode": defaultfilters.urlencode, "show_more": _show_more}
    )
    return mark_safe(table + "\n")  # the trailing newline Jinja drops and the Django template printed


def _show_more(n, code):
    """The "Show the other rows" link's text, as `{% blocktranslate count %}` printed it (the
    translation as it is, the values escaped)."""
    text = ngettext(
        "Show the other row of Action Line %(code)s", "Show the other %(n)s rows of Action Line %(code)s", n
    )
    return Markup(text % {"n": localize(n), "code": django_escape(code)})


def later_rows(code, rows):
    """A line's rows after its first ones, as the `<tbody>` the matrix puts where its link was."""
    return as_django_prints().get_template("roadmap/matrix_later_rows.html").module.later(code, rows)
