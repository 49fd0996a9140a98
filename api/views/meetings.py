"""Groups, meetings (with sessions, agendas and document deadlines), calls for documents."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from contributions import deadlines
from wsisportal import access

from .. import filters, querysets, serializers
from .base import ApiView, ListView


class GroupRecordContext:
    def get_serializer_context(self):
        # The group page shows a group's record to whoever may see its schedule (access.meetings).
        ids = access.visible_schedule_group_ids(self.request.user)
        return {**super().get_serializer_context(), "record_group_ids": ids}


@extend_schema(tags=["groups"], summary=_("Groups"))
class GroupList(GroupRecordContext, ListView):
    serializer_class = serializers.GroupSerializer

    def get_queryset(self):
        return querysets.groups()


@extend_schema(tags=["groups"], summary=_("A group, by its code"))
class GroupDetail(GroupRecordContext, ApiView):
    serializer_class = serializers.GroupSerializer
    not_found_message = _("No such group.")

    def get(self, request, code):
        return Response(self.get_serializer(self.one(querysets.groups(), code=code)).data)


@extend_schema(tags=["meetings"], summary=_("Meetings"), parameters=[filters.MeetingFilters])
class MeetingList(ListView):
    serializer_class = serializers.MeetingSerializer
    params = filters.MeetingFilters
    apply_params = staticmethod(filters.apply_meeting_filters)

    def get_queryset(self):
        return querysets.meetings(self.request.user)


def meeting_deadlines(user, meeting):
    """The document deadline of each rule of the meeting's groups whose content the caller sees,
    from the sessions the caller sees (those of the same groups)."""
    groups = [g for g in access.meeting_groups(meeting) if access.can_view_group_content(user, g)]
    sessions = list(meeting.sessions.all())
    found = []
    for rule in querysets.deadline_rules(groups):
        group = next(g for g in groups if g.pk == rule.group_id)
        deadline = deadlines.deadline_for(rule=rule, meeting=meeting, group=group, sessions=sessions)
        found.append({"group": group.code, "kind": rule.kind, "due_at": deadline.at, "basis": deadline.basis})
    return sorted(found, key=lambda d: (d["due_at"], d["group"], d["kind"]))


@extend_schema(tags=["meetings"], summary=_("A meeting, with its sessions, agendas and document deadlines"))
class MeetingDetail(ApiView):
    serializer_class = serializers.MeetingDetailSerializer
    not_found_message = _("No such meeting.")

    def get(self, request, pk):
        meeting = self.one(querysets.meetings(request.user, detail=True), pk=pk)
        meeting.api_deadlines = meeting_deadlines(request.user, meeting)
        return Response(self.get_serializer(meeting).data)


@extend_schema(tags=["documents"], summary=_("Calls for documents"), parameters=[filters.CallFilters])
class CallList(ListView):
    serializer_class = serializers.CallForDocumentsSerializer
    params = filters.CallFilters
    apply_params = staticmethod(filters.apply_call_filters)

    def get_queryset(self):
        return querysets.calls_for_documents(self.request.user)


@extend_schema(tags=["documents"], summary=_("A call for documents"))
class CallDetail(ApiView):
    serializer_class = serializers.CallForDocumentsSerializer
    not_found_message = _("No such call for documents.")

    def get(self, request, pk):
        return Response(self.get_serializer(self.one(querysets.calls_for_documents(request.user), pk=pk)).data)
