"""The `<tr>` of a row in the draft matrix, built in Python with `cell_html.CellRenderer`.

Rendering each of the 330 rows of a large draft through the template engine cost ~0.3 ms a row
(variable lookups, `{% url %}`, `{% csrf_token %}`, `{% blocktranslate %}` per row); here the
constants are computed once per page. The markup is the one the matrix template produced
(tests/roadmap/test_cell_html.py and the matrix tests pin it).
"""

from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from .cell_html import CellRenderer
from .models import related

_PK = 2147483646  # a placeholder primary key, replaced in the reversed URLs
REMOVE_FORM = "roadmap-row-remove"  # the id of the matrix page's form that the Remove buttons send


class MatrixRowRenderer:
    """One per page: `row(row, line_code)` gives the row's `<tr>…</tr>`."""

    def __init__(self, *, can_edit, can_comment):
        self.cells = CellRenderer(can_edit=can_edit)
        self.can_edit = can_edit
        self.can_comment = can_comment
        self.t = {
            "comment": gettext("Comment"),
            "remove": gettext("Remove"),
            "remove_confirm": gettext("Remove this row from the draft?"),
        }
        self._row_url = reverse("roadmap:row", args=[_PK])
        self._remove_url = reverse("roadmap:row_remove", args=[_PK])

    def row(self, row, line_code):
        pk = str(row.pk)
        tds = "".join(
            f'<td class="roadmap-cell roadmap-col-{name}" id="cell-{pk}-{name}">{html}</td>'
            for name, html in self.cells.cells(row)
        )
        return mark_safe(
            f'<tr id="row-{pk}" data-testid="row-{esc(line_code)}-{esc(row.code)}">\n'
            f"      {tds}\n"
            '      <td class="roadmap-col-comments">\n'
            "        \n"
            f"        {self._comments(row, pk)}\n"
            "        \n"
            f"        {self._remove(pk)}\n"
            "      </td>\n"
            "    </tr>"
        )

    def _comments(self, row, pk):
        comments = related(row, "comments")
        chips = "".join(
            f'<div class="roadmap-comment-chip small"><span class="badge roadmap-status-{esc(c.status)}" '
            f'title="{esc(c.get_status_display())}">{esc(_commenter(c))}</span> '
            f"{esc(truncatewords(c.text, 10))}</div>"
            for c in comments
        )
        if comments:
            n = len(comments)
            label = ngettext("%(n)s comment", "%(n)s comments", n) % {"n": n}
        else:
            label = self.t["comment"] if self.can_comment else ""
        url = esc(self._row_url.replace(str(_PK), pk))
        return f'{chips}\n        <a class="small" href="{url}#comments" data-testid="comments-link">{label}</a>'

    def _remove(self, pk):
        if not self.can_edit:
            return ""
        url = esc(self._remove_url.replace(str(_PK), pk))
        t = self.t
        # The button sends the page's one REMOVE_FORM (it carries the CSRF token), so the rows hold
        # nothing personal and can be cached for everyone who may edit (wsisportal/fragments.py).
        return (
            f'<button class="btn btn-link btn-sm p-0 mt-1 d-block text-danger" type="submit" form="{REMOVE_FORM}" '
            f'formaction="{url}" data-confirm="{t["remove_confirm"]}">{t["remove"]}</button>'
        )


def _commenter(comment):
    """`{{ c.organisation.short_name|default:c.author.username }}`."""
    return (comment.organisation.short_name if comment.organisation else "") or comment.author.username
