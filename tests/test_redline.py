"""wsisportal/redline.py: parts matched by key, words marked inside a changed part, markup safe."""

import pytest

from wsisportal import redline
from wsisportal.redline import Part


def _statuses(old, new):
    return [(c.status, c.label, c.old_label) for c in redline.compare(old, new)]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        # nothing changed
        ([Part(1, "1", "<p>a</p>")], [Part(1, "1", "<p>a</p>")], [("same", "1", "1")]),
        # added at the end, removed from the start (the rest renumbered)
        ([Part(1, "1", "<p>a</p>"), Part(2, "2", "<p>b</p>")], [Part(2, "1", "<p>b</p>"), Part(3, "2", "<p>c</p>")],
         [("removed", "1", "1"), ("moved", "1", "2"), ("added", "2", "2")]),
        # changed text under the same number
        ([Part(1, "1", "<p>a</p>")], [Part(1, "1", "<p>b</p>")], [("changed", "1", "1")]),
        # a heading change alone is a change
        ([Part(1, "1", "<p>a</p>", "T")], [Part(1, "1", "<p>a</p>", "U")], [("changed", "1", "1")]),
        # two parts swapped: each one renumbered, no add or remove
        ([Part(1, "1", "<p>a</p>"), Part(2, "2", "<p>b</p>")], [Part(2, "1", "<p>b</p>"), Part(1, "2", "<p>a</p>")],
         [("moved", "1", "2"), ("moved", "2", "1")]),
        # everything new
        ([], [Part(1, "1", "<p>a</p>")], [("added", "1", "1")]),
    ],
)  # fmt: skip
def test_compare_matches_parts_by_key(old, new, expected):
    assert _statuses(old, new) == expected


def test_inline_marks_words_and_keeps_the_newer_structure():
    html = redline.inline(
        "<p>The group <strong>noted</strong> the report.</p>",
        "<p>The group <strong>approved</strong> the report.</p><ul><li>new</li></ul>",
    )
    assert html == (
        "<p>The group <strong><del>noted</del><ins>approved</ins></strong> the report.</p>"
        "<ul><li><ins>new</ins></li></ul>"
    )


def test_inline_never_lets_markup_through():
    html = redline.inline("<p>a</p>", '<p>a <img src=x onerror="alert(1)">&lt;script&gt;<script>alert(2)</script></p>')
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_text_parts_are_escaped():
    (change,) = redline.compare([], [redline.text_part("k", "7c", "<b>Opening</b>\nline", heading="A & B")])
    assert change.html == '<ins class="redline-block">&lt;b&gt;Opening&lt;/b&gt;<br>line</ins>'
    assert change.heading == "<ins>A &amp; B</ins>"


def test_fields_change_lists_only_changed_fields():
    change = redline.fields_change(
        "changed", "C1 A", [("a", "Outcome", "old words", "new words"), ("b", "Timing", "x", "x")]
    )
    assert 'data-testid="changed-a"' in change.html and "changed-b" not in change.html
    assert "<del>old</del><ins>new</ins> words" in change.html


def test_summary_counts_every_status():
    changes = redline.compare([Part(1, "1", "a"), Part(2, "2", "b")], [Part(1, "1", "a2"), Part(3, "2", "c")])
    counts = redline.summary(changes)
    assert (counts["changed"], counts["added"], counts["removed"], counts["same"], counts["total"]) == (1, 1, 1, 0, 3)
