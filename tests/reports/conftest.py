import pytest

from tests.reports.factories import make_block, make_report, make_section


@pytest.fixture
def wg_report(world):
    """A WG-WSIS report with one section, a numbered paragraph, a statement and an action item."""
    report = make_report(world.meeting, title="WG report", symbol="WG-WSIS-14/20")
    section = make_section(report, "ITU’s activities in WSIS implementation")
    make_block(report, section, body="<p>Document WG-WSIS-14/3 was presented.</p>")
    make_block(
        report,
        section,
        kind="statement",
        delegation=world.member_state,
        lead="Saudi Arabia stated",
        verbatim=True,
        body="<p>We support the roadmap.</p>",
    )
    make_block(
        report,
        section,
        kind="action",
        body="<p>The Secretariat shall report back.</p>",
        owners=[world.secretariat_unit],
        due_next_meeting=True,
    )
    return report


@pytest.fixture
def dg_report(world):
    report = make_report(world.meeting, group=world.dg, title="DG report DG-SECRET-MARKER-91b")
    section = make_section(report, "Conclusion")
    make_block(report, section, body="<p>DG-SECRET-MARKER-91b paragraph.</p>")
    return report


@pytest.fixture
def client_for(client):
    def _login(user):
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        return client

    return _login
