"""A report's draft preview PDF, built in the background (jobs/): its key, and the builder.

The draft reads as its reader may see it (document.build_document with `reader`): an annex of a
group they may not see is a placeholder, and the list of documents titles and links only what they
may read. So the key names the document itself as that reader gets it — the report and its edit
counter, the print language and a SHA-256 of the whole document dict (every block, annex, cited
document's title and link, the list of participants, an action item's status) —, not the reader:
readers who see the same draft share one build, and readers who see different ones never do. The
builder rebuilds the document for the reader who asked and renders it only if it still has that
digest, so the file shown under a key is always exactly the document the key names.
"""

import hashlib
import json

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.utils import translation

from jobs import services as job_services
from wsisportal import access

from .document import build_document
from .services import render_report_pdf

KIND = "report-draft-pdf"


class DraftNotBuilt(Exception):
    """The draft can no longer be built as it was asked for (the job fails; asking again decides anew)."""


def reader_document(report, reader, language):
    """The working copy as `reader` sees it, its fixed texts in `language` (the print language)."""
    with translation.override(language):
        return build_document(report, reader=reader)


def document_digest(document):
    """SHA-256 of everything the PDF shows (the document dict is plain JSON by construction)."""
    text = json.dumps(document, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def job_key(report, document, language):
    """The draft PDF as a job key: report, edit counter (`lock_version`, bumped by every edit of its
    cover, blocks or annexes), print language, and the digest of the reader's document — which
    covers what no edit counter of this report sees: an annexed report's own edits and whether the
    reader may see it, the cited documents the reader may see, attendance, a closed action item."""
    return f"{KIND}:{report.pk}:{report.lock_version}:{language}:{document_digest(document)[:32]}"


def request(report, reader):
    """The job of `report`'s draft PDF as `reader` sees it (callers check access first)."""
    language = report.print_language
    key = job_key(report, reader_document(report, reader, language), language)
    return job_services.request_job(
        kind=KIND,
        key=key,
        # The reader who asked: the builder rebuilds their view, which the key's digest pins down.
        params={"report": report.pk, "reader": reader.pk, "language": language, "key": key},
        filename=f"draft-report-{report.pk}.pdf",
        content_type="application/pdf",
    )


def build_job(params, progress):
    """The jobs/ builder (params: report, reader, language, key). The reader must still see the
    draft, and the document rebuilt for them must be the one the key names; otherwise it fails
    and builds nothing (the next request computes its own key and asks again)."""
    reader = get_user_model().objects.filter(pk=params["reader"], is_active=True).first()
    try:
        if reader is None:
            raise Http404
        report = access.get_report_for_draft_view_or_404(reader, params["report"])
    except Http404:
        raise DraftNotBuilt(f"Reader {params['reader']} may no longer see report {params['report']}'s draft") from None
    document = reader_document(report, reader, params["language"])
    if job_key(report, document, params["language"]) != params["key"]:
        raise DraftNotBuilt(f"Report {report.pk}'s draft changed after it was asked for: ask again")
    progress(30)  # the document is read; WeasyPrint lays out the rest
    return render_report_pdf(document, draft=True)
