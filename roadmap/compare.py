"""Compare two drafts of a roadmap row by row: rows added, removed, and cells changed.

Rows are matched by their key, which a row keeps when a draft is started from another.
"""

from dataclasses import dataclass

from wsisportal import redline

from .cells import CELL_NAMES, LABELS, cell_texts


@dataclass
class RowChange:
    status: str  # "added", "removed", "changed", "same"
    old: object  # the row in the earlier draft, or None
    new: object  # the row in the later draft, or None
    cells: list  # [(name, label, old text, new text, changed)]

    @property
    def row(self):
        return self.new or self.old

    @property
    def changed_count(self):
        return sum(1 for cell in self.cells if cell[4])


def compare_drafts(old_rows, new_rows):
    """RowChanges in the later draft's order, removed rows placed after their Action Line's rows."""
    old_by_key = {row.key: row for row in old_rows}
    new_keys = {row.key for row in new_rows}
    changes = [_change(old_by_key.get(row.key), row) for row in new_rows]
    changes += [_change(row, None) for row in old_rows if row.key not in new_keys]
    changes.sort(key=lambda c: (c.row.action_line.position, c.status == "removed", c.row.position, c.row.code))
    return changes


def _change(old, new):
    old_texts = cell_texts(old) if old else dict.fromkeys(CELL_NAMES, "")
    new_texts = cell_texts(new) if new else dict.fromkeys(CELL_NAMES, "")
    cells = [(n, LABELS[n], old_texts[n], new_texts[n], old_texts[n] != new_texts[n]) for n in CELL_NAMES]
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    else:
        status = "changed" if any(c[4] for c in cells) else "same"
    return RowChange(status, old, new, cells)


def summary(changes):
    counts = {"added": 0, "removed": 0, "changed": 0, "same": 0}
    for change in changes:
        counts[change.status] += 1
    counts["cells"] = sum(c.changed_count for c in changes if c.status == "changed")
    return counts


def redline_changes(changes):
    """The RowChanges as the portal's one redline (templates/includes/redline.html): each row
    labelled by its Action Line and code, its changed cells word-marked."""
    return [
        redline.fields_change(
            c.status, f"{c.row.action_line.code} {c.row.code}", [(n, label, o, w) for n, label, o, w, _x in c.cells]
        )
        for c in changes
    ]
