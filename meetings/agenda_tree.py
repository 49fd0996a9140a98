"""Agenda numbering and comparison: pure functions over the flat list of an agenda's items.

Numbers follow the tree order: top-level items are 1, 2, 3 …, children of item 7 are 7.1,
7.2 …. An item's `label` overrides the number shown for it (the group's own "7c") and its
children build on the shown label (7c.1). An override never shifts the numbers of siblings.
"""

from dataclasses import dataclass, field


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


FIELDS = ("title", "description", "presenter")


def compare_versions(old_items, new_items):
    """What changed between two versions, matched on each item's lineage.

    Returns rows (kind, old_node, new_node, changed field names) in the new version's order,
    then the removed items: kind is "added", "removed", "changed", "moved" or "same"."""
    old = {n.item.lineage: n for n in flatten(build_tree(old_items))}
    rows = []
    for node in flatten(build_tree(new_items)):
        before = old.pop(node.item.lineage, None)
        if before is None:
            rows.append(("added", None, node, []))
            continue
        changed = [f for f in FIELDS if getattr(before.item, f) != getattr(node.item, f)]
        if changed:
            rows.append(("changed", before, node, changed))
        elif before.label != node.label:
            rows.append(("moved", before, node, []))
        else:
            rows.append(("same", before, node, []))
    rows.extend(("removed", n, None, []) for n in old.values())
    return rows
