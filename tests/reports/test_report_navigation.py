"""Report pages lead back to their meeting (breadcrumbs) and open with a table of contents."""

from tests.reports.factories import circulate, make_block, make_report, make_section


def test_report_page_has_breadcrumbs_and_contents(world, client):
    report = make_report(world.meeting, title="Report of the 14th meeting")
    first = make_section(report, "Opening of the meeting")
    make_block(report, first)
    second = make_section(report, "Roadmap")
    circulate(report)
    client.force_login(world.ms_delegate)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert f'href="/meetings/{world.meeting.pk}/"' in page and "14th meeting" in page
    toc = page.split('data-testid="report-toc"')[1].split("</nav>")[0]
    assert f'href="#block-{first.pk}">1. Opening of the meeting' in toc
    assert f'href="#block-{second.pk}">2. Roadmap' in toc
    assert f'id="block-{second.pk}"' in page  # the anchor the contents link to
