"""Automatic numbering: a pure function of the tree, tested at its boundaries."""

import pytest

from reports.numbering import Node, number_tree


def tree(spec):
    """spec: list of (id, kind, numbered, children-spec)."""
    return [Node(i, kind, numbered, tree(children)) for i, kind, numbered, children in spec]


P, S = "paragraph", "section"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # sections 1, 2 and their paragraphs 1.1, 1.2, 2.1
        (
            [(1, S, True, [(2, P, True, []), (3, P, True, [])]), (4, S, True, [(5, P, True, [])])],
            {1: "1", 2: "1.1", 3: "1.2", 4: "2", 5: "2.1"},
        ),
        # an unnumbered paragraph takes no number and does not consume one
        ([(1, S, True, [(2, P, True, []), (3, P, False, []), (4, P, True, [])])], {2: "1.1", 3: "", 4: "1.2"}),
        # three levels: 8.4.1
        (
            [(8, S, True, [(81, P, True, []), (84, P, True, [(841, P, True, []), (842, P, True, [])])])],
            {84: "1.2", 841: "1.2.1", 842: "1.2.2"},
        ),
        # an unnumbered section does not consume a section number; its children are unnumbered
        ([(1, S, False, [(2, P, True, [])]), (3, S, True, [(4, P, True, [])])], {1: "", 2: "", 3: "1", 4: "1.1"}),
        # children of an unnumbered paragraph are unnumbered
        ([(1, S, True, [(2, P, False, [(3, P, True, [])])])], {2: "", 3: ""}),
    ],
)
def test_number_tree_labels(spec, expected):
    labels = number_tree(tree(spec)).labels
    assert {k: labels[k] for k in expected} == expected


def test_number_tree_running_numbers_of_proposals_and_decisions_are_report_wide():
    spec = [
        (1, S, True, [(2, "proposal", False, []), (3, "decision", True, []), (4, "proposal", False, [])]),
        (5, S, True, [(6, "proposal", True, [])]),
    ]
    numbers = number_tree(tree(spec))
    assert numbers.running == {2: 1, 3: 1, 4: 2, 6: 3}
    assert numbers.labels[3] == "1.1" and numbers.labels[6] == "2.1"


def test_number_tree_reordering_renumbers():
    first = number_tree(tree([(1, S, True, [(2, P, True, []), (3, P, True, [])])])).labels
    swapped = number_tree(tree([(1, S, True, [(3, P, True, []), (2, P, True, [])])])).labels
    assert (first[2], first[3]) == ("1.1", "1.2")
    assert (swapped[2], swapped[3]) == ("1.2", "1.1")
