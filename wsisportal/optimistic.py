"""The one optimistic lock of the portal: agendas, roadmap rows and reports carry a counter that
every edit moves on by one, in a single conditional UPDATE. An editor sends the number they saw;
if someone saved in between, the UPDATE matches no row, nothing is written, and the editor gets
EditConflict with the object as it now is, to show theirs beside the stored one.

(django-concurrency was considered: it versions through `Model.save()`, while these edits are
single conditional UPDATEs of a few fields, which this helper expresses in a few lines.)
"""

from django.db.models import F


class EditConflict(Exception):
    """The object changed since the editor read it; nothing was written. `current` is the object
    re-read from the database."""

    def __init__(self, message, current=None):
        super().__init__(message)
        self.current = current


def claim(obj, *, field, expected, message, queryset=None, **updates):
    """Move `obj`'s counter `field` from `expected` to `expected + 1` and write `updates` with it,
    in one UPDATE of the rows of `queryset` (default: all of the model's) with obj's pk.

    Side effects: the row; `obj.<field>` set to the new number. Raises EditConflict (with the
    row re-read) when the counter has moved on or `queryset` excludes the row."""
    queryset = queryset if queryset is not None else type(obj)._default_manager.all()
    updated = queryset.filter(pk=obj.pk, **{field: expected}).update(**{field: F(field) + 1}, **updates)
    if not updated:
        raise EditConflict(message, current=type(obj)._default_manager.filter(pk=obj.pk).first())
    setattr(obj, field, expected + 1)
    return obj


def bump(obj, *, field, **updates):
    """Move `obj`'s counter on by one whatever it was, writing `updates` with it: for a change
    made by the workflow (publishing, say) that every editor still holding the old number must
    see as a conflict. Side effects: the row; `obj` re-read."""
    type(obj)._default_manager.filter(pk=obj.pk).update(**{field: F(field) + 1}, **updates)
    obj.refresh_from_db()
    return obj
