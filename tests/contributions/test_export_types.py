"""Register exports as spreadsheets and archivers read them: "Available since" a typed date-time
cell in the meeting's zone (named in the header), ZIP members dated by their document's
availability (openpyxl and zipfile read them back)."""

import datetime
import io
import struct
import zipfile

from django.urls import reverse
from openpyxl import load_workbook

from tests.contributions.conftest import BEFORE, submit
from tests.pdf_checks import assert_archival, words


def test_xlsx_available_since_is_a_datetime_cell_in_the_meeting_zone(client, world):
    submit(world, world.ms_delegate, world.wg, "Typed cells")
    client.force_login(world.ms_delegate)
    data = client.get(reverse("contributions:register_xlsx", args=[world.meeting.pk])).content
    sheet = load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[1]]
    column = header.index("Available since (Europe/Zurich)")
    cell = sheet[2][column]
    assert cell.is_date and cell.data_type == "d"
    assert cell.value == datetime.datetime(2009, 2, 1, 12, 0)  # BEFORE, Geneva wall-clock time
    assert "yy" in cell.number_format and "h" in cell.number_format


def test_csv_available_since_is_the_local_time_its_header_names(client, world):
    submit(world, world.ms_delegate, world.wg, "Local time")
    client.force_login(world.ms_delegate)
    lines = client.get(reverse("contributions:register_csv", args=[world.meeting.pk])).content.decode("utf-8-sig")
    header, row = lines.splitlines()[:2]
    assert "Available since (Europe/Zurich)" in header
    assert ",2009-02-01 12:00:00," in row


def _ut_mtime(extra):
    """The Info-ZIP extended timestamp (0x5455) of a member's extra field, or None."""
    while len(extra) >= 4:
        tag, size = struct.unpack("<HH", extra[:4])
        if tag == 0x5455:
            return struct.unpack("<l", extra[5:9])[0]
        extra = extra[4 + size :]
    return None


def test_zip_members_carry_their_documents_availability_time(client, world):
    submit(world, world.ms_delegate, world.wg, "Dated member")
    later = BEFORE + datetime.timedelta(days=2, hours=3, minutes=4, seconds=6)
    submit(world, world.ms_delegate, world.wg, "Later member", now=later)
    client.force_login(world.ms_delegate)
    response = client.get(reverse("contributions:meeting_pack", args=[world.meeting.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    dates = {info.filename: info.date_time for info in archive.infolist()[1:]}  # after the contents cover
    assert dates == {"WG-WSIS-14-1-E.pdf": (2009, 2, 1, 12, 0, 0), "WG-WSIS-14-2-E.pdf": (2009, 2, 3, 15, 4, 6)}
    stamps = {info.filename: _ut_mtime(info.extra) for info in archive.infolist()}
    assert stamps["WG-WSIS-14-2-E.pdf"] == int(later.timestamp())
    assert archive.testzip() is None


def test_pack_opens_with_an_archival_contents_cover_of_what_the_reader_may_see(client, world):
    submit(world, world.ms_delegate, world.wg, "Open contribution")
    submit(world, world.ms_delegate, world.dg, "Dedicated Group contribution")
    client.force_login(world.sm_delegate)
    response = client.get(reverse("contributions:meeting_pack", args=[world.meeting.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    first = archive.infolist()[0]
    assert first.filename == "WG-WSIS-14-contents.pdf"
    assert [i.filename for i in archive.infolist()[1:]] == ["WG-WSIS-14-1-E.pdf"]
    cover = archive.read(first)
    assert_archival(cover, title="Documents of WG-WSIS 14th meeting")
    text = " ".join(w for _p, _x, _y, w in words(cover))
    assert "WG-WSIS-14/1 Open contribution" in text and "Available since (Europe/Zurich)" in text
    assert "2009-02-01 12:00" in text
    assert "Dedicated Group contribution" not in text and "WG-WSIS-14/2" not in text
