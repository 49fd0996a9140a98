"""Register exports (CSV, XLSX) and the streamed meeting pack (ZIP). Each lists only what the
requester may see: the same access.visible_documents() queryset as the register page. Every spreadsheet cell goes
through wsisportal/spreadsheet_cells.py: printable, and never a formula.

"Available since" is a date-time cell in the meeting's zone, which its header names (a spreadsheet
date has no zone); the CSV writes the same local time as `YYYY-MM-DD HH:MM:SS`. Each ZIP member
carries its document's availability time: the DOS date in the meeting's zone, and the exact UTC
second in the Info-ZIP extended-timestamp field that unzip and archive tools read. The pack opens
with a contents cover, a PDF/A like every issued PDF, dated when the pack was made."""

import csv
import io
import struct
import zipfile

from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from wsisportal import access, spreadsheet_cells
from wsisportal.pdf import render_pdf

from . import uploads
from .models import Language

CHUNK = 64 * 1024


def _documents(request, meeting_pk):
    meeting = access.get_meeting_for_view_or_404(request.user, meeting_pk)
    docs = access.visible_documents(request.user).filter(meeting=meeting).for_register()
    return meeting, docs.order_by("number", "suffix", "suffix_number")


def _local(moment, meeting):
    """`moment` as the meeting's wall-clock time, to the second, without zone (for cells)."""
    return moment.astimezone(meeting.zone).replace(tzinfo=None, microsecond=0)


def _rows(meeting, documents):
    available = _("Available since (%(zone)s)") % {"zone": meeting.time_zone}
    yield [_("Symbol"), _("Title"), _("For"), _("Kind"), _("Source"), _("Agenda items"), _("Languages"),
           available, _("Status"), _("Deadline")]  # fmt: skip
    for doc in documents:
        late = getattr(doc, "late_admission", None)
        yield [
            doc.symbol,
            doc.title,
            doc.group.code,
            doc.get_kind_display(),
            doc.sources_display,
            "; ".join(item.label or item.title for item in doc.agenda_items.all()),
            " ".join(doc.languages),
            _local(doc.available_at, meeting),
            doc.get_status_display(),
            _("admitted late: %s") % late.reason if late else _("on time"),
        ]


def _slug(meeting):
    return f"{meeting.group.symbol_prefix or meeting.group.code}-{meeting.number}"


def register_csv(request, meeting_pk):
    meeting, documents = _documents(request, meeting_pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_slug(meeting)}-documents.csv"'
    response.write("\ufeff")  # Excel reads the BOM as UTF-8
    writer = csv.writer(response)
    for row in _rows(meeting, documents):
        writer.writerow(spreadsheet_cells.csv_row(row))
    return response


def register_xlsx(request, meeting_pk):
    from openpyxl import Workbook

    meeting, documents = _documents(request, meeting_pk)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Documents"))
    for row in _rows(meeting, documents):
        sheet.append(spreadsheet_cells.xlsx_row(sheet, row))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_slug(meeting)}-documents.xlsx"'
    return response


class _Pipe:
    """A write-only, unseekable sink: zipfile writes into it, the generator drains it."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        """Nothing to flush: `drain()` hands the written parts to the response."""

    def drain(self):
        data, self.parts = b"".join(self.parts), []
        return data


def _member(name, moment, meeting):
    """A stored ZIP member dated `moment`: local DOS time plus the UTC extended timestamp."""
    info = zipfile.ZipInfo(name, date_time=_local(moment, meeting).timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.extra = struct.pack("<HHBl", 0x5455, 5, 1, int(moment.timestamp()))
    return info


def _zip_stream(members, meeting):
    """`members`: (name, moment, open) triples, `open()` giving a readable binary file."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for name, moment, open_member in members:
            with (
                archive.open(_member(name, moment, meeting), mode="w", force_zip64=True) as entry,
                open_member() as src,
            ):
                while chunk := src.read(CHUNK):
                    entry.write(chunk)
                    yield pipe.drain()
            yield pipe.drain()
    yield pipe.drain()


def _stored(docfile):
    return lambda: default_storage.open(docfile.file.name)


def pack_cover_pdf(meeting, documents, *, now, language=""):
    """The pack's contents as a PDF/A cover (wsisportal/pdf.py): each document with its symbol,
    title, source and availability in the meeting's zone; with `language`, the pack of that
    language version only."""
    rows = [
        {"doc": doc, "available": _local(doc.available_at, meeting), "languages": language or " ".join(doc.languages)}
        for doc in documents
    ]
    context = {
        "meeting": meeting,
        "rows": rows,
        "generated": _local(now, meeting),
        "language": Language(language).label if language else "",
    }
    return render_pdf("pdf/meeting_pack_cover.html", context)


def meeting_pack(request, meeting_pk):
    """Every file of the documents the requester may read, or with `?language=F` only the French
    versions (and only the documents that have one)."""
    meeting, documents = _documents(request, meeting_pk)
    language = request.GET.get("language", "")
    if language and language not in Language.values:
        letters = ", ".join(sorted(Language.values))
        return HttpResponseBadRequest(
            _("Unknown language version “%(language)s”: use one of %(letters)s.")
            % {"language": language, "letters": letters},
            content_type="text/plain; charset=utf-8",
        )
    if language:
        documents = documents.with_language(language)
    included = [doc for doc in documents if not doc.is_withdrawn]
    now = timezone.now()
    cover = pack_cover_pdf(meeting, included, now=now, language=language)
    members = [(f"{_slug(meeting)}-contents.pdf", now, lambda: io.BytesIO(cover))]
    members += [
        (uploads.download_name(doc.symbol, f.language, f.content_type), doc.available_at, _stored(f))
        for doc in included
        for f in doc.files.all()
        if not language or f.language == language
    ]
    name = f"{_slug(meeting)}-pack-{language}.zip" if language else f"{_slug(meeting)}-pack.zip"
    response = StreamingHttpResponse(_zip_stream(members, meeting), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
