"""Objects the shared access matrix (tests/test_access_matrix.py) checks for the roadmap."""

import datetime

from roadmap.models import RowComment
from tests.roadmap.factories import make_action_line, make_draft, make_roadmap, make_row


def roadmap_target(world, name):
    line = make_action_line("C5", "Building confidence and security in the use of ICTs")
    if name == "action_line":
        return line
    group = world.dg if name.startswith("dg_") else world.wg
    draft = make_draft(make_roadmap(group, title="DG-MARKER-7f3a roadmap"), 3, superseded=name.startswith("superseded"))
    row = make_row(draft, line, "A", "DG-MARKER-7f3a outcome")
    if name.endswith("_draft"):
        return draft
    if name.endswith("_row"):
        return row
    return RowComment.objects.create(
        row=row, author=world.ms_delegate, text="x", created_at=datetime.datetime(2009, 2, 11, tzinfo=datetime.UTC)
    )
