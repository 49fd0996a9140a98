"""Plain make_* factories for the roadmap tests."""

import datetime
import itertools
from decimal import Decimal

from roadmap.models import (
    ActionLine,
    ActionLineRole,
    Partner,
    ResourceEstimate,
    Roadmap,
    RoadmapDraft,
    RoadmapRow,
    StrategicGoal,
)

_seq = itertools.count(1)


def make_action_line(code=None, name=None, role="facilitator", valid_from=datetime.date(2006, 2, 24), **extra):
    n = next(_seq)
    line = ActionLine.objects.create(
        code=code or f"C{n}", position=extra.pop("position", n), name=name or f"Action Line {n}", **extra
    )
    if role:
        ActionLineRole.objects.create(action_line=line, role=role, valid_from=valid_from)
    return line


def make_roadmap(group, title="Roadmap for ITU's activities in the implementation of WSIS up to 2015", **extra):
    return Roadmap.objects.create(group=group, title=title, **extra)


def make_draft(roadmap, number=3, meeting=None, symbol="", **extra):
    return RoadmapDraft.objects.create(roadmap=roadmap, number=number, meeting=meeting, document_symbol=symbol, **extra)


def make_row(draft, action_line, code="A", outcome=None, position=None, **extra):
    n = next(_seq)
    return RoadmapRow.objects.create(
        draft=draft,
        action_line=action_line,
        code=code,
        outcome=outcome or f"Outcome {n}",
        position=position if position is not None else n,
        **extra,
    )


def estimate(row, year, source, amount=None, staff_months=None):
    return ResourceEstimate.objects.create(
        row=row,
        year=year,
        source=source,
        amount=amount,
        staff_months=Decimal(str(staff_months)) if staff_months is not None else None,
    )


def make_partner(short_name, name=None):
    return Partner.objects.create(short_name=short_name, name=name or short_name)


def make_goal(number, short_title=None):
    return StrategicGoal.objects.create(number=number, short_title=short_title or f"Goal {number}")
