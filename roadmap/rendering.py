"""The HTML of roadmap cells and matrix rows, from the macros of jinja2/roadmap/cells.html.

The matrix repeats a cell six times a row; as Django `{% include %}`s that cost ~0.7 ms a cell
(`make bench`), as compiled Jinja2 macros a small fraction of it. Every view of a cell (matrix,
row page, in-place edit answers, the editor's conflict notice, the PDF) goes through here.
"""

from django.template import engines
from django.utils.formats import localize
from django.utils.translation import gettext, ngettext

from .cells import CELL_NAMES
from .models import related


def goal_label(number):
    return gettext("Goal %(n)s") % {"n": localize(number)}


def comments_label(count):
    return ngettext("%(n)s comment", "%(n)s comments", count) % {"n": count}


def _macros():
    """The compiled macro module (the template is compiled once; `_()` is resolved at call time)."""
    template = engines["jinja2"].env.get_template("roadmap/cells.html")
    return template.make_module({"related": related, "goal_label": goal_label, "comments_label": comments_label})


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
