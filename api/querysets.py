"""The rows of every API answer, each taken from the access policy's `visible_*` querysets
(wsisportal/access/), with what the serializers read fetched in a fixed number of queries.

Nothing here decides visibility: every filter on who may see what is the policy's. Related rows
that could belong to another group (a document's agenda items, an agenda item's documents, a
meeting's sessions) are prefetched through the policy's querysets too."""

from django.db.models import Prefetch, Q

from contributions.rows import FILE_COLUMNS, relations
from wsisportal import access


def groups():
    from meetings.models import Group

    # Every group's name, code and who it is open to are public (access.get_group_or_404).
    return Group.objects.select_related("parent").prefetch_related("mandate").order_by("pk")


def sessions(user):
    return access.visible_sessions(user).select_related("group", "meeting")


def meetings(user, *, detail=False):
    queryset = access.visible_meetings(user).select_related("group")
    if not detail:
        return queryset
    from meetings.models import Agenda, AgendaItem

    items = access.visible_agenda_items(user, AgendaItem.objects.all()).prefetch_related(
        Prefetch("documents", queryset=access.visible_documents(user).only("pk", "symbol"))
    )
    agendas = access.visible_agendas(user, Agenda.objects.all()).prefetch_related(Prefetch("items", queryset=items))
    return queryset.prefetch_related(
        Prefetch("sessions", queryset=sessions(user).order_by("date", "start_time", "pk")),
        Prefetch("agendas", queryset=agendas.order_by("version")),
    )


def documents(user):
    """Documents; list and detail views add their related rows with `with_document_relations`."""
    from contributions.models import Document

    return (
        access.visible_documents(user, Document.objects.all())
        .select_related("group", "parent")
        # The group's code and the parent's symbol are all an answer shows of them.
        .only(*(f.name for f in Document._meta.concrete_fields), "group__code", "parent__symbol")
    )


DOCUMENT_FILE_COLUMNS = FILE_COLUMNS


def with_document_relations(user, docs):
    """Give each of `docs` (rows of `documents()`) what an answer shows of its related rows, as
    plain lists (contributions/rows.py `relations`, which the register and the search read too):
    `api_files` (dicts of DOCUMENT_FILE_COLUMNS, in language order), `api_source_organisations`
    (short names, in the organisations' order) and `api_agenda_items` (ids of the agenda items the
    caller may see, in the agenda's order). Three queries for a whole page, and values rather than
    model instances: a page of 100 documents reads ~500 related rows."""
    files, sources, items = relations(user, [doc.pk for doc in docs])
    for doc in docs:
        doc.api_files, doc.api_source_organisations, doc.api_agenda_items = (
            files[doc.pk],
            sources[doc.pk],
            [item["pk"] for item in items[doc.pk]],
        )
    return docs


def calls_for_documents(user):
    return access.visible_calls_for_documents(user).select_related("group").prefetch_related("addressees")


def deadline_rules(meeting_groups):
    """The deadline rules of groups whose content the caller may see (the caller passes them)."""
    from contributions.models import DeadlineRule

    return DeadlineRule.objects.filter(group__in=meeting_groups)


def action_lines():
    from roadmap.models import ActionLine

    return ActionLine.objects.prefetch_related("sub_lines", "role_history").order_by("position")


def roadmap_drafts(user):
    return access.visible_roadmap_drafts(user).select_related("roadmap__group", "meeting")


def roadmap_rows(user):
    return access.visible_roadmap_rows(user).select_related("draft", "action_line", "sub_line")


def reports(user):
    """Reports the caller reads as themselves: a working copy they may read or an approved
    revision of their own. A report seen only as released into a parent's record is read there
    (the parent's approved PDF), never through its live working copy."""
    from reports.models import Report, ReportRevision

    revisions = access.visible_report_revisions(user, ReportRevision.objects.defer("snapshot"))
    drafts = access.visible_report_drafts(user)
    return (
        access.visible_reports(user, Report.objects.all())
        .filter(Q(pk__in=drafts.values("pk")) | Q(pk__in=revisions.values("report_id")))
        .select_related("group", "meeting")
        .prefetch_related(Prefetch("revisions", queryset=revisions.order_by("number"), to_attr="visible_revisions"))
    )


def readable_draft_ids(user, report_ids):
    return set(access.visible_report_drafts(user).filter(pk__in=report_ids).values_list("pk", flat=True))


def report_paragraphs(user, report):
    return access.visible_blocks(user).filter(report=report).select_related("delegation").order_by("position", "pk")


def action_items(user):
    return (
        access.visible_action_items(user)
        .select_related("report__meeting", "report__group", "closed_at_meeting")
        .prefetch_related("owners")
    )
