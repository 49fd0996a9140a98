"""Report objects for the shared access matrix (tests/test_access_matrix.py)."""

from reports.models import ReportStatus
from tests.reports.factories import make_block, make_report, make_revision, make_section


def report_target(world, name):
    """`report_<kind>_<group>_<state>[_dgchaired]`; with `dgchaired` the Member State delegate is
    the Dedicated Group's current chair (the demo's Mr Al Mazyed)."""
    kind, group, state, *extra = name.removeprefix("report_").split("_")
    if extra == ["dgchaired"]:
        from tests.factories import make_appointment

        make_appointment(world.dg, world.ms_delegate, "chair")
    report = make_report(
        world.meeting,
        group=world.dg if group == "dg" else world.wg,
        kind="summary" if kind == "summary" else "report",
        title="DG-MARKER-7f3a report",
    )
    make_block(report, make_section(report, "Section"))
    if state == "circulated":
        report.status = ReportStatus.CIRCULATED
        report.save()
    elif state == "published":
        make_revision(report, world.chair, published=True)
    elif state == "annexed":  # annexed to an approved (unpublished) WG-WSIS report
        report.status = ReportStatus.CIRCULATED
        report.save()
        parent = make_report(world.meeting, title="WG report")
        report.annexed_to = parent
        report.save()
        make_revision(parent, world.chair, annexes=[report])
    return report
