"""Register exports (CSV, XLSX) and the meeting pack (ZIP, built as a background job). Each lists only what the
requester may see: the same access.visible_documents() queryset as the register page. Every spreadsheet cell goes
through wsisportal/spreadsheet_cells.py: printable, and never a formula.

"Available since" is a date-time cell in the meeting's zone, which its header names (a spreadsheet
date has no zone); the CSV writes the same local time as `YYYY-MM-DD HH:MM:SS`. Each ZIP member
carries its document's availability time: the DOS date in the meeting's zone, and the exact UTC
second in the Info-ZIP extended-timestamp field that unzip and archive tools read. The pack opens
with a contents cover, a PDF/A like every issued PDF, dated when the pack was made."""

import csv
import hashlib
import io
import struct
import tempfile
import zipfile

from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobs import services as job_services
from jobs.views import job_response
from wsisportal import access, spreadsheet_cells
from wsisportal.pdf import render_pdf

from . import uploads
from .models import Language

CHUNK = 64 * 1024
SPOOL_BYTES = 8 * 1024 * 1024  # a pack larger than this is written to a temporary file, not memory
PACK_ORDER = ("number", "suffix", "suffix_number")


def _documents(request, meeting_pk):
    meeting = access.get_meeting_for_view_or_404(request.user, meeting_pk)
    docs = access.visible_documents(request.user).filter(meeting=meeting).for_register()
    return meeting, docs.order_by(*PACK_ORDER)


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


def _member(name, moment, meeting):
    """A stored ZIP member dated `moment`: local DOS time plus the UTC extended timestamp."""
    info = zipfile.ZipInfo(name, date_time=_local(moment, meeting).timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.extra = struct.pack("<HHBl", 0x5455, 5, 1, int(moment.timestamp()))
    return info


def _write_zip(out, members, meeting):
    """Write into the binary file `out` a ZIP of `members`: (name, moment, open) triples, `open()`
    giving a readable binary file, copied in chunks."""
    with zipfile.ZipFile(out, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for name, moment, open_member in members:
            with (
                archive.open(_member(name, moment, meeting), mode="w", force_zip64=True) as entry,
                open_member() as src,
            ):
                while chunk := src.read(CHUNK):
                    entry.write(chunk)


def _stored(name):
    return lambda: default_storage.open(name)


def pack_contents(meeting, documents, *, language=""):
    """What the meeting pack shows, as plain values: one row per document (what the cover lists)
    and its members (download name, availability, stored file, checksum). With `language`, the
    pack of that language version only. The pack's job key is made of exactly this."""
    rows = []
    for doc in documents:
        files = [f for f in doc.files.all() if not language or f.language == language]
        rows.append(
            {
                "symbol": doc.symbol,
                "title": doc.title,
                "source": doc.sources_display,
                "available": doc.available_at,
                "languages": language or " ".join(doc.languages),
                "files": [
                    (uploads.download_name(doc.symbol, f.language, f.content_type), f.file.name, f.sha256)
                    for f in files
                ],
            }
        )
    return rows


def pack_cover_pdf(meeting, rows, *, now, language=""):
    """The pack's contents as a PDF/A cover (wsisportal/pdf.py): each document with its symbol,
    title, source and availability in the meeting's zone."""
    context = {
        "meeting": meeting,
        "rows": [{**row, "available": _local(row["available"], meeting)} for row in rows],
        "generated": _local(now, meeting),
        "language": Language(language).label if language else "",
    }
    return render_pdf("pdf/meeting_pack_cover.html", context)


def pack_job_key(meeting, rows, *, language, ui_language):
    """The pack as a job key (jobs/): the meeting as the cover names it, every row and member, the
    language version and the language of the cover. Readers who may see the same documents share
    one build; a new, replaced or withdrawn document, or any change the cover shows, is a new pack."""
    shown = (
        meeting.pk, str(meeting), meeting.group.name, meeting.venue, str(meeting.start_date), str(meeting.end_date),
        meeting.time_zone, [{**row, "available": row["available"].isoformat()} for row in rows],
    )  # fmt: skip
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:32]
    return f"meeting-pack:{meeting.pk}:{language or '-'}:{ui_language}:{digest}"


def build_pack_job(params, progress):
    """The jobs/ builder of a meeting pack (params: meeting, documents — the ids the requesting
    view took from the policy —, language, ui_language): a ZIP of stored members, written to a
    temporary file (spilled to disk beyond a few megabytes, so a large pack never sits in memory)."""
    from meetings.models import Meeting

    from .models import Document, DocumentStatus

    meeting = Meeting.objects.select_related("group").get(pk=params["meeting"])
    documents = Document.objects.filter(pk__in=params["documents"]).for_register().order_by(*PACK_ORDER)
    documents = documents.exclude(status=DocumentStatus.WITHDRAWN)  # withdrawn since it was asked for
    rows = pack_contents(meeting, documents, language=params["language"])
    now = timezone.now()
    with translation.override(params["ui_language"]):
        cover = pack_cover_pdf(meeting, rows, now=now, language=params["language"])
    progress(20)
    members = [(f"{_slug(meeting)}-contents.pdf", now, lambda: io.BytesIO(cover))]
    members += [(name, row["available"], _stored(stored)) for row in rows for name, stored, _sha in row["files"]]
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    _write_zip(out, members, meeting)
    progress(90)
    out.seek(0)
    return out


def meeting_pack(request, meeting_pk):
    """Every file of the documents the requester may read, or with `?language=F` only the French
    versions (and only the documents that have one), as one ZIP built in the background (jobs/):
    readers who may see the same documents share one build, handed over from storage."""
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
    rows = pack_contents(meeting, included, language=language)
    ui_language = translation.get_language()
    job = job_services.request_job(
        kind="meeting-pack",
        key=pack_job_key(meeting, rows, language=language, ui_language=ui_language),
        params={
            "meeting": meeting.pk,
            "documents": [doc.pk for doc in included],
            "language": language,
            "ui_language": ui_language,
        },  # fmt: skip
        filename=f"{_slug(meeting)}-pack-{language}.zip" if language else f"{_slug(meeting)}-pack.zip",
        content_type="application/zip",
    )
    title = _("Meeting pack of the %(meeting)s") % {"meeting": meeting}
    back = reverse("contributions:register", args=[meeting.pk])
    return job_response(request, job, title=title, back_url=back, as_attachment=True)
