"""Automatic numbering of report blocks: a pure function of the tree order.

Top-level sections are numbered 1, 2, 3 …; a numbered block inside a numbered block gets its
parent's number, a dot and its rank among its numbered siblings (8, 8.4, 8.4.1). Unnumbered
blocks take no number and do not consume one; the children of an unnumbered block are
unnumbered too. Proposals and decisions also carry a report-wide running number of their
own (Proposal 1, 2 …; Decision 1, 2 …), whatever their paragraph number.
"""

from dataclasses import dataclass, field


@dataclass
class Node:
    """What numbering needs to know of a block."""

    id: int
    kind: str
    numbered: bool
    children: list = field(default_factory=list)


@dataclass
class Numbers:
    labels: dict = field(default_factory=dict)
    running: dict = field(default_factory=dict)


RUNNING_KINDS = ("proposal", "decision")


def number_tree(roots):
    """Return Numbers: `labels[id]` ("8.4.1" or ""), `running[id]` (the proposal/decision number)."""
    numbers = Numbers()
    counters = {kind: 0 for kind in RUNNING_KINDS}
    _number_level(roots, "", True, numbers, counters)
    return numbers


def _number_level(nodes, prefix, parent_numbered, numbers, counters):
    rank = 0
    for node in nodes:
        label = ""
        if node.numbered and parent_numbered:
            rank += 1
            label = f"{prefix}.{rank}" if prefix else str(rank)
        numbers.labels[node.id] = label
        if node.kind in counters:
            counters[node.kind] += 1
            numbers.running[node.id] = counters[node.kind]
        _number_level(node.children, label, bool(label), numbers, counters)
