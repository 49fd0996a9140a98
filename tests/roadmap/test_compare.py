"""Comparing two drafts: rows added, removed, and cells changed."""

from django.urls import reverse

from roadmap import services
from roadmap.compare import compare_drafts, summary
from roadmap.models import load_for_matrix
from tests.roadmap.factories import make_row


def _compare(old, new):
    return compare_drafts(load_for_matrix(old.rows.all()), load_for_matrix(new.rows.all()))


def test_compare_finds_added_removed_and_changed_cells(rw):
    new = services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)
    a1 = new.rows.get(code="A1")
    services.update_row_cell(
        row=a1, cell="results", data={"itu_role": "partner", "expected_results": "CHANGED-X"}, expected_revision=0
    )
    services.remove_row(row=new.rows.get(code="A"))
    make_row(new, rw.c5, "A4", "Child Online Protection", position=9)

    changes = _compare(rw.draft, new)
    by_code = {c.row.code: c for c in changes}
    assert {code: c.status for code, c in by_code.items()} == {"A": "removed", "A1": "changed", "A4": "added"}
    changed = [(name, old, new_) for name, _label, old, new_, flag in by_code["A1"].cells if flag]
    assert changed == [("results", "", "[Partner] CHANGED-X")]
    assert summary(changes) == {"added": 1, "removed": 1, "changed": 1, "same": 0, "cells": 1}


def test_compare_of_a_fresh_copy_shows_no_change(rw):
    new = services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)
    assert {c.status for c in _compare(rw.draft, new)} == {"same"}


def test_compare_page_highlights_the_changed_cell(rw, client):
    new = services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)
    services.update_row_cell(
        row=new.rows.get(code="A"),
        cell="outcome",
        expected_revision=0,
        data={"code": "A", "outcome": "REWORDED-OUTCOME", "source": ""},
    )
    client.force_login(rw.world.sm_delegate)
    html = client.get(reverse("roadmap:draft_compare", args=[new.pk])).content.decode()
    assert 'data-testid="changed-outcome"' in html
    # The shared redline: the old words deleted, the new inserted, in the one changed row.
    assert "<ins>REWORDED-OUTCOME</ins>" in html and "<del>Promote cooperation among the governments" in html
    assert html.count('data-testid="change-changed"') == 1 and "1 changed" in html
