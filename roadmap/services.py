"""Actions on the roadmap that change several rows. Each runs in one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wsisportal.optimistic import claim

from .models import (
    ActionLineRole,
    CommentStatus,
    DraftStatus,
    Milestone,
    ResourceEstimate,
    RoadmapDraft,
    RoadmapRow,
    RowComment,
)


class RowRemovalRefused(Exception):
    """The row cannot be removed (members commented on it); nothing was changed."""


# ---------------------------------------------------------------------------------------------
# Drafts


@transaction.atomic
def start_next_draft(*, draft, user, now=None):
    """Start draft n+1 of the roadmap as a copy of `draft`.

    Side effects: creates the new draft (status draft, no meeting or symbol yet) and copies
    every row with its links, partners, stages and resource estimates (rows keep their key, so
    drafts compare row by row; comments stay on the draft they were made on); marks every
    earlier draft of the roadmap superseded, which freezes them.
    """
    roadmap = draft.roadmap
    RoadmapDraft.objects.select_for_update().filter(roadmap=roadmap).update(superseded=True)
    number = RoadmapDraft.objects.filter(roadmap=roadmap).aggregate(n=Max("number"))["n"] + 1
    new = RoadmapDraft.objects.create(
        roadmap=roadmap, number=number, status=DraftStatus.DRAFT, based_on=draft, created_by=user
    )
    for row in draft.rows.prefetch_related("strategic_goals", "resolutions", "partners", "milestones", "resources"):
        copy_row(row=row, draft=new)
    return new


def copy_row(*, row, draft):
    """Copy one row (with its links, stages and estimates) into `draft`. Called inside a transaction."""
    copy = RoadmapRow.objects.create(
        draft=draft,
        key=row.key,
        action_line_id=row.action_line_id,
        sub_line_id=row.sub_line_id,
        position=row.position,
        code=row.code,
        outcome=row.outcome,
        source=row.source,
        start=row.start,
        end=row.end,
        expected_results=row.expected_results,
        itu_role=row.itu_role,
        note=row.note,
    )
    copy.strategic_goals.set(row.strategic_goals.all())
    copy.resolutions.set(row.resolutions.all())
    copy.partners.set(row.partners.all())
    Milestone.objects.bulk_create(Milestone(row=copy, date=m.date, label=m.label) for m in row.milestones.all())
    ResourceEstimate.objects.bulk_create(
        ResourceEstimate(row=copy, year=r.year, source=r.source, staff_months=r.staff_months, amount=r.amount)
        for r in row.resources.all()
    )
    return copy


@transaction.atomic
def record_draft(*, draft, status, meeting, document_symbol):
    """Record the draft's status (e.g. agreed as a living document), the meeting it went to and
    its document symbol. Side effects: updates the draft; its rows are untouched."""
    draft.status = DraftStatus(status)
    draft.meeting = meeting
    draft.document_symbol = document_symbol.strip()
    draft.save(update_fields=["status", "meeting", "document_symbol"])
    return draft


# ---------------------------------------------------------------------------------------------
# Rows


@transaction.atomic
def update_row_cell(*, row, cell, data, expected_revision):
    """Write one framework cell of `row` from a form's cleaned `data`, if nobody saved the row
    since the editor opened it (`expected_revision`).

    Side effects: bumps the row's revision and writes the cell's fields, links, stages or
    estimates. Raises EditConflict (having written nothing) when the revision moved on, and
    PermissionDenied when a later draft was started meanwhile.
    """
    # Lock the draft row first: start_next_draft locks it too, so a save and the copy into the
    # next draft take turns, and an edit never lands only on a draft that has just been frozen.
    draft = RoadmapDraft.objects.select_for_update(no_key=True).get(pk=row.draft_id)
    if not draft.is_editable:
        raise PermissionDenied(_("A later draft has been started: this draft is the issued record and is frozen."))
    scalars = {name: data[name] for name in SCALAR_FIELDS.get(cell, [])}
    claim(
        row,
        field="revision",
        expected=expected_revision,
        message=_("Someone else changed this row after you opened it. Nothing was saved."),
        **scalars,
    )
    if cell == "links":
        row.strategic_goals.set(data["strategic_goals"])
        row.resolutions.set(data["resolutions"])
    elif cell == "partners":
        row.partners.set(data["partners"])
    elif cell == "timing":
        row.milestones.all().delete()
        Milestone.objects.bulk_create(Milestone(row=row, date=d, label=label) for d, label in data["milestones"])
    elif cell == "resources":
        replace_estimates(row=row, estimates=data["estimates"])
    return RoadmapRow.objects.get(pk=row.pk)


SCALAR_FIELDS = {
    "outcome": ["code", "outcome", "source"],
    "timing": ["start", "end"],
    "results": ["itu_role", "expected_results"],
}


def replace_estimates(*, row, estimates):
    """Replace the row's resource estimates by (year, source, staff_months, amount) tuples."""
    row.resources.all().delete()
    ResourceEstimate.objects.bulk_create(
        ResourceEstimate(row=row, year=year, source=source, staff_months=sm, amount=amount)
        for year, source, sm, amount in estimates
    )


@transaction.atomic
def add_row(*, draft, action_line, code, outcome, source="", sub_line=None):
    """Add a row at the end of its Action Line. Side effects: creates the row."""
    last = draft.rows.filter(action_line=action_line).aggregate(p=Max("position"))["p"]
    return RoadmapRow.objects.create(
        draft=draft,
        action_line=action_line,
        sub_line=sub_line,
        code=code,
        outcome=outcome,
        source=source,
        position=(last or 0) + 1,
    )


@transaction.atomic
def remove_row(*, row):
    """Remove a row from its (editable) draft. Side effects: deletes the row, its stages and
    estimates. A row members commented on is kept (the comments are part of the record)."""
    if row.comments.exists():
        raise RowRemovalRefused(_("Members commented on this row; it cannot be removed. Edit it instead."))
    row.milestones.all().delete()
    row.resources.all().delete()
    row.delete()


# ---------------------------------------------------------------------------------------------
# Comments


@transaction.atomic
def add_comment(*, row, author, text, now=None):
    """A member's comment on a row. Side effects: creates the comment, recording the
    organisation the author represents now."""
    return RowComment.objects.create(
        row=row,
        author=author,
        organisation=author.organisation,
        text=text.strip(),
        created_at=now or timezone.now(),
    )


@transaction.atomic
def answer_comment(*, comment, status, reply, user, now=None):
    """The secretariat marks a comment taken into account or not, with a reply.
    Side effects: updates the comment (status, reply, who answered and when)."""
    if status not in (CommentStatus.TAKEN, CommentStatus.NOT_TAKEN):
        raise ValueError(f"not an answer: {status!r}")
    comment.status = status
    comment.reply = reply.strip()
    comment.replied_by = user
    comment.replied_at = now or timezone.now()
    comment.save(update_fields=["status", "reply", "replied_by", "replied_at"])
    return comment


# ---------------------------------------------------------------------------------------------
# Action Lines


@transaction.atomic
def record_itu_role(*, action_line, role, valid_from, note="", user=None):
    """Record ITU's role in an Action Line from `valid_from` on. Earlier entries stay as they
    were: the history says what the role was at any date. Side effects: creates one entry."""
    return ActionLineRole.objects.create(
        action_line=action_line, role=role, valid_from=valid_from, note=note, recorded_by=user
    )
