"""The session record: entries saved as they are typed, filed, and corrected with a trace."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions.services import admit_requested_in_session

from .models import EntryKind, RecordCorrection, RecordEntry
from .services import bump, locked

FIELDS = ["kind", "delegation", "text", "lead", "verbatim", "owners_note", "due_date", "due_next_meeting", "document"]
TITLE_MAX = 300  # a report section's title (reports.Block.title)
IN_SESSION_REASON = "requested by the group in session"


@transaction.atomic
def save_entry(*, sitting, key, by, data, owners=(), now=None):
    """Save what has been typed so far into the entry with this form's `key` (created on the
    first save, on the item now under discussion). Side effects: one RecordEntry row."""
    now = now or timezone.now()
    entry = RecordEntry.objects.select_for_update().filter(key=key).first()
    if entry is not None and (entry.sitting_id != sitting.pk or entry.filed_at is not None):
        raise ValidationError(_("This entry has been filed already; correct it from the record."))
    if entry is None:
        if sitting.current_item_id is None:
            raise ValidationError(_("No item is under discussion."))
        entry = RecordEntry(sitting=sitting, item_id=sitting.current_item_id, key=key, created_by=by, created_at=now)
    for field in FIELDS:
        setattr(entry, field, data.get(field, getattr(entry, field)))
    entry.updated_at = now
    _check_shape(entry, complete=False)
    entry.save()
    entry.owners.set(owners)
    return entry


@transaction.atomic
def file_entry(*, sitting, key, by, data, owners=(), now=None):
    """Save and file the entry: from now on it is in the record everyone following sees. A
    document requested in session is admitted late in the same step (reason, who, when).
    Side effects: the entry, maybe a LateAdmission and its audit entry; the sitting's version."""
    now = now or timezone.now()
    sitting = locked(sitting)
    entry = save_entry(sitting=sitting, key=key, by=by, data=data, owners=owners, now=now)
    _check_shape(entry, complete=True)
    entry.filed_at = now
    entry.save(update_fields=["filed_at"])
    if entry.kind == EntryKind.DOCUMENT:
        admit_requested_in_session(document=entry.document, by=by, reason=_in_session_reason(entry), now=now)
    bump(sitting)
    return entry


@transaction.atomic
def correct_entry(*, entry, by, data, owners=None, now=None):
    """Correct a filed entry. Side effects: a RecordCorrection holding the previous values, who
    and when; the entry; the sitting's version."""
    now = now or timezone.now()
    sitting = locked(entry.sitting)
    entry = RecordEntry.objects.select_for_update().get(pk=entry.pk)
    previous = snapshot(entry)
    for field in FIELDS:
        if field != "kind":
            setattr(entry, field, data.get(field, getattr(entry, field)))
    entry.updated_at = now
    _check_shape(entry, complete=True)
    entry.save()
    if owners is not None:
        entry.owners.set(owners)
    if snapshot(entry) == previous:
        return entry
    RecordCorrection.objects.create(entry=entry, previous=previous, corrected_by=by, corrected_at=now)
    bump(sitting)
    return entry


def snapshot(entry):
    """The values a correction trace keeps (JSON)."""
    return {
        "text": entry.text,
        "delegation": entry.delegation_id,
        "lead": entry.lead,
        "verbatim": entry.verbatim,
        "owners": sorted(entry.owners.values_list("pk", flat=True)) if entry.pk else [],
        "owners_note": entry.owners_note,
        "due_date": entry.due_date.isoformat() if entry.due_date else None,
        "due_next_meeting": entry.due_next_meeting,
        "document": entry.document_id,
    }


def _check_shape(entry, *, complete):
    if entry.due_date and entry.due_next_meeting:
        raise ValidationError(_("An action item is due by a date or at the next meeting, not both."))
    if entry.kind == EntryKind.DOCUMENT and entry.document_id is None and complete:
        raise ValidationError(_("Name the document the group requested."))
    if complete and entry.kind == EntryKind.STATEMENT and entry.delegation_id is None:
        raise ValidationError(_("A statement is attributed to a delegation."))
    if complete and entry.kind != EntryKind.DOCUMENT and not entry.text.strip():
        raise ValidationError(_("The entry is empty."))
    if complete and entry.kind == EntryKind.SECTION and ("\n" in entry.text.strip() or len(entry.text) > TITLE_MAX):
        raise ValidationError(_("A section's title is one line of at most %(n)s characters.") % {"n": TITLE_MAX})
    if entry.document_id and entry.document.meeting_id != entry.sitting.session.meeting_id:
        raise ValidationError(_("The document is not one of this meeting's."))


def _in_session_reason(entry):
    return f"{IN_SESSION_REASON} ({entry.sitting.session})"
