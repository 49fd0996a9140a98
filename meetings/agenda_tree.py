"""Agenda numbering and comparison: pure functions over the flat list of an agenda's items.

Numbers follow the tree order: top-level items are 1, 2, 3 …, children of item 7 are 7.1,
7.2 …. An item's `label` overrides the number shown for it (the group's own "7c") and its
children build on the shown label (7c.1). An override never shifts the numbers of siblings.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from wsisportal import redline


@dataclass
class Node:
    item: object
    number: str
    depth: int
    children: list = field(default_factory=list)

    @property
    def label(self):
        return self.item.label or self.number


def build_tree(items):
    """Nodes of the top level, each with its numbered children, from items in any order."""
    by_parent = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    for siblings in by_parent.values():
        siblings.sort(key=lambda i: (i.position, i.pk or 0))
    return _nodes(by_parent, None, "", 0)


def _nodes(by_parent, parent_id, prefix, depth):
    nodes = []
    for index, item in enumerate(by_parent.get(parent_id, []), start=1):
        node = Node(item=item, number=f"{prefix}{index}", depth=depth)
        node.children = _nodes(by_parent, item.pk, f"{node.label}.", depth + 1)
        nodes.append(node)
    return nodes


def flatten(nodes):
    """Depth-first list of the nodes, as they are read top to bottom."""
    out = []
    for node in nodes:
        out.append(node)
        out.extend(flatten(node.children))
    return out


def redline_parts(items):
    """The items of one version as parts for wsisportal.redline, in reading order, matched
    across versions on their lineage (an item keeps it when a version is copied from another)."""
    parts = []
    for node in flatten(build_tree(items)):
        item = node.item
        text = "\n".join(
            t for t in (item.description, _("Presenter: %s") % item.presenter if item.presenter else "") if t
        )
        parts.append(redline.text_part(item.lineage, node.label, text, heading=item.title))
    return parts
