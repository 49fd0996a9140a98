"""Official document symbols: a pure formatter and an allocator that runs inside the submitting
transaction. The unique constraints on Document are the guarantee; the locked counter row
makes concurrent submissions wait for each other instead of failing, and numbers are never
reused (a withdrawn document keeps its symbol, and the counter only goes up)."""

from django.db.models import Max

from .models import SymbolCounter


def series_for(group, meeting):
    """The series a meeting's documents are numbered in: the group's symbol prefix and the
    meeting number (`WG-WSIS-14`). The Dedicated Group shares its parent's series."""
    return f"{group.symbol_prefix or group.code}-{meeting.number}"


def format_symbol(series, number, suffix="", suffix_number=None):
    """`WG-WSIS-14/5`, or `WG-WSIS-14/3(Rev.1)` for a revision, addendum or corrigendum."""
    symbol = f"{series}/{number}"
    if suffix:
        symbol += f"({suffix}.{suffix_number})"
    return symbol


def next_number(series):
    """The number the next allocation would give now (for a preview: read, nothing locked or kept)."""
    last = SymbolCounter.objects.filter(series=series).values_list("last_number", flat=True).first()
    return (last or 0) + 1


def allocate_number(series):
    """The next number of the series. Must run inside transaction.atomic(): the counter row is
    locked (SELECT ... FOR UPDATE) until the submitting transaction ends."""
    SymbolCounter.objects.get_or_create(series=series)
    counter = SymbolCounter.objects.select_for_update().get(series=series)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def reserve_number(series, number):
    """Register a number given outside the allocator (the demo's documents carry the numbers of
    the real meeting): the counter never goes back, so the next allocation is above it."""
    SymbolCounter.objects.get_or_create(series=series)
    counter = SymbolCounter.objects.select_for_update().get(series=series)
    if counter.last_number < number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])


def allocate_suffix_number(parent, suffix):
    """The next Rev./Add./Corr. number under a parent. The parent row is locked so two
    revisions submitted at once wait for each other."""
    type(parent).objects.select_for_update().filter(pk=parent.pk).first()
    last = parent.children.filter(suffix=suffix).aggregate(m=Max("suffix_number"))["m"] or 0
    return last + 1
