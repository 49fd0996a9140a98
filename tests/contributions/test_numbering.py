"""Symbols: the formatter, the allocator, revisions, never reused, and concurrency on PostgreSQL."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from contributions import numbering, services
from contributions.models import Document, SymbolCounter
from tests.contributions.conftest import pdf_upload, submit


@pytest.mark.parametrize(
    ("series", "number", "suffix", "suffix_number", "expected"),
    [
        ("WG-WSIS-14", 5, "", None, "WG-WSIS-14/5"),
        ("WG-WSIS-14", 3, "Rev", 1, "WG-WSIS-14/3(Rev.1)"),
        ("WG-WSIS-14", 3, "Add", 2, "WG-WSIS-14/3(Add.2)"),
        ("WG-WSIS-14", 9, "Corr", 1, "WG-WSIS-14/9(Corr.1)"),
    ],
)
def test_format_symbol(series, number, suffix, suffix_number, expected):
    assert numbering.format_symbol(series, number, suffix, suffix_number) == expected


def test_dedicated_group_shares_the_parent_series(world):
    assert numbering.series_for(world.dg, world.meeting) == "WG-WSIS-14"


def test_symbols_follow_each_other_across_the_group_and_its_dedicated_group(world):
    first = submit(world, world.ms_delegate, world.wg, "one")
    second = submit(world, world.ms_delegate, world.dg, "two")
    assert [first.symbol, second.symbol] == ["WG-WSIS-14/1", "WG-WSIS-14/2"]


def test_withdrawn_number_is_never_reused(world):
    first = submit(world, world.ms_delegate, world.wg, "one")
    services.withdraw_document(document=first, by=world.secretariat, reason="duplicate")
    second = submit(world, world.ms_delegate, world.wg, "two")
    first.refresh_from_db()
    assert first.symbol == "WG-WSIS-14/1" and first.is_withdrawn
    assert second.symbol == "WG-WSIS-14/2"


def test_revisions_keep_the_parent_number(world):
    parent = submit(world, world.secretariat, world.wg, "Draft Roadmap")
    rev1 = submit(world, world.secretariat, world.wg, "Draft Roadmap", parent=parent, suffix="Rev")
    rev2 = submit(world, world.secretariat, world.wg, "Draft Roadmap", parent=parent, suffix="Rev")
    add1 = submit(world, world.secretariat, world.wg, "Annex", parent=parent, suffix="Add")
    nxt = submit(world, world.secretariat, world.wg, "Next")
    assert [rev1.symbol, rev2.symbol, add1.symbol] == [
        "WG-WSIS-14/1(Rev.1)",
        "WG-WSIS-14/1(Rev.2)",
        "WG-WSIS-14/1(Add.1)",
    ]
    assert nxt.symbol == "WG-WSIS-14/2"


def test_unique_constraint_refuses_a_duplicate_symbol(world):
    doc = submit(world, world.ms_delegate, world.wg)
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(
            meeting=doc.meeting, group=doc.group, series=doc.series, number=doc.number, symbol="WG-WSIS-14/1 bis",
            title="x", kind="contribution", submitted_by=doc.submitted_by, available_at=doc.available_at,
        )  # fmt: skip


def test_reserve_number_never_moves_the_counter_back(db):
    with transaction.atomic():
        numbering.reserve_number("X-1", 9)
        numbering.reserve_number("X-1", 4)
        assert numbering.allocate_number("X-1") == 10
    assert SymbolCounter.objects.get(series="X-1").last_number == 10


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_get_twenty_gap_free_symbols():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises all writers, so it cannot show row locking.")
    from tests.factories import World

    world = World()
    start = threading.Barrier(20)
    symbols, errors = [], []

    def one(i):
        try:
            start.wait()
            symbols.append(submit(world, world.ms_delegate, world.wg, f"concurrent {i}").symbol)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(symbols, key=lambda s: int(s.rsplit("/", 1)[1])) == [f"WG-WSIS-14/{n}" for n in range(1, 21)]
    assert Document.objects.count() == 20


def test_pdf_upload_helper_is_a_pdf():
    assert pdf_upload().read().startswith(b"%PDF-")
