"""A page of documents as plain rows, for the register and the search results: dicts from
`values()`, each with what its line shows of its related rows, read for the whole page in a fixed
number of queries. Model instances with four prefetches built ~500 objects a register page and
cost more than half of its time (`make bench`); the API's document list reads the same related rows
(`relations`, api/querysets.py).

Nothing here decides visibility: the callers pass querysets taken from the access policy
(`access.visible_documents`), and a document's agenda items are those of
`access.visible_agenda_items`."""

from collections import defaultdict

from django.db.models import OuterRef, Subquery
from django.utils import translation

from api.links import links_for
from meetings.models import AgendaItem
from wsisportal import access

from .models import Document, DocumentFile, DocumentStatus, DocumentTitle, Language
from .titles import letter_for, shown_title

# What a page or an API answer shows of a document's language versions.
FILE_COLUMNS = ("document_id", "language", "size", "sha256", "content_type", "uploaded_at")

# What a row shows of the document itself (the register's and the search's lines).
ROW_COLUMNS = (
    "pk",
    "symbol",
    "title",
    "title_language",
    "kind",
    "status",
    "available_at",
    "group_id",
    "meeting_id",
    "late_admission__reason",  # never empty (LateAdmission's constraint): set iff admitted late
)


def relations(user, ids, file_columns=FILE_COLUMNS, agenda_items=True):
    """The related rows of the documents `ids`, as {document id: list}: files (dicts of
    `file_columns`, in language order), sources (short names, in the organisations' order) and
    agenda items the user may see (dicts of pk, label and title, in the agenda's order; none
    read without `agenda_items`). Three queries, or two."""
    files, sources, items = defaultdict(list), defaultdict(list), defaultdict(list)
    if ids:
        in_order = DocumentFile.objects.filter(document_id__in=ids).order_by("document_id", "language")
        for row in in_order.values(*file_columns):
            files[row["document_id"]].append(row)
        through = Document.source_organisations.through.objects.filter(document_id__in=ids)
        for doc_id, short_name in through.order_by("organisation__name").values_list(
            "document_id", "organisation__short_name"
        ):
            sources[doc_id].append(short_name)
        visible_items = access.visible_agenda_items(user) if agenda_items else AgendaItem.objects.none()
        # A document's items are its meeting's: ordered within their agenda, not by the default ordering,
        # which joins the meeting and its group to sort agendas of different meetings.
        in_agenda_order = visible_items.filter(documents__in=ids).order_by("-agenda__version", "parent_id", "position")
        for doc_id, pk, label, title in in_agenda_order.values_list("documents", "pk", "label", "title"):
            items[doc_id].append({"pk": pk, "label": label, "title": title})
    return files, sources, items


def document_rows(request, documents, agenda_items=True):
    """`documents` (a queryset from the policy, its page sliced) as a list of dicts of ROW_COLUMNS
    with `url` (the document's page), `files` (language and size), `sources`, `agenda_items` (as
    `relations` gives them; empty without `agenda_items`, for a page that does not show them),
    `shown_title` (the title for the active language, contributions/titles.py), `group_code`,
    `restricted` (its group is narrower than its parent: the Dedicated Group), `is_withdrawn` and
    `late_reason`. Four queries, or three."""
    letter = letter_for(translation.get_language())
    # The title in the reader's language, if the document has one (one per language: a constraint).
    translated = DocumentTitle.objects.filter(document=OuterRef("pk"), language=letter).values("title")[:1]
    rows = list(documents.annotate(translated_title=Subquery(translated)).values(*ROW_COLUMNS, "translated_title"))
    ids = [row["pk"] for row in rows]
    files, sources, items = relations(request.user, ids, ("document_id", "language", "size"), agenda_items)
    links = links_for(request)
    names = {value: str(label) for value, label in Language.choices}
    groups = access.groups_by_id()
    for row in rows:
        pk, group = row["pk"], groups[row["group_id"]]
        row.update(
            url=links.path("contributions:document_detail", pk),
            files=files[pk],
            sources=sources[pk],
            agenda_items=items[pk],
            shown_title=shown_title(row["title"], row["title_language"], row.pop("translated_title"), letter, names),
            group_code=group.code,
            restricted=group.is_restricted,
            is_withdrawn=row["status"] == DocumentStatus.WITHDRAWN,
            late_reason=row.pop("late_admission__reason"),
        )
    return rows
