"""The admin (the secretariat's back office): which models it may change."""

from .groups import is_secretariat


def visible_for_admin(user, queryset):
    """The admin is the secretariat's back office: every row to them, none to anyone else."""
    return queryset if is_secretariat(user) else queryset.none()


# ---------------------------------------------------------------------------------------------
# The admin (the secretariat's back office)
#
# The official record comes into being only through the portal's services, which allocate
# symbols, check deadlines, keep the optimistic locks, freeze approved revisions with their
# checksum and write the audit log. The admin may read it, never add, change or delete it.
# Working copies with a workflow of their own (reports, documents, agendas, roadmap drafts)
# are likewise changed only on their pages. Reference data is the secretariat's to keep.
# The "Secretariat" permission group holds exactly these rights (data migration
# meetings/0005_secretariat_admin_rights; a test keeps the two equal).

READ_ONLY = ("view",)
FULL = ("view", "add", "change", "delete")

ADMIN_RIGHTS = {
    # the official record
    "reports.reportrevision": READ_ONLY,
    "contributions.symbolcounter": READ_ONLY,
    "contributions.auditentry": READ_ONLY,
    "contributions.lateadmission": READ_ONLY,
    "contributions.documentfile": READ_ONLY,
    "contributions.documenttitle": READ_ONLY,  # set on the document's edit page
    "meetings.timeplanadoption": READ_ONLY,
    "meetings.feedtoken": READ_ONLY,  # only its user resets it, on the profile page
    # working copies changed through their own pages and services
    "reports.report": READ_ONLY,
    "reports.block": READ_ONLY,
    "reports.blockcomment": READ_ONLY,
    "contributions.document": READ_ONLY,
    "meetings.agenda": READ_ONLY,
    "meetings.agendaitem": READ_ONLY,
    "roadmap.roadmapdraft": READ_ONLY,
    "roadmap.roadmaprow": READ_ONLY,
    "roadmap.milestone": READ_ONLY,
    "roadmap.resourceestimate": READ_ONLY,
    "roadmap.rowcomment": READ_ONLY,
    "roadmap.actionlinerole": READ_ONLY,
    # the meeting in session: changed only through the floor's services (live version, trace)
    "floor.sitting": READ_ONLY,
    "floor.speakerrequest": READ_ONLY,
    "floor.recordentry": READ_ONLY,  # corrected on the record's page, with its trace
    "floor.recordcorrection": READ_ONLY,
    "floor.draftlink": READ_ONLY,
    # reference data
    "meetings.organisation": FULL,
    "meetings.user": FULL,
    "meetings.resolution": FULL,
    "meetings.group": FULL,
    "meetings.appointment": FULL,
    "meetings.meeting": FULL,
    "meetings.session": FULL,
    "meetings.participant": FULL,
    "meetings.externalevent": FULL,
    "meetings.workinglistissue": FULL,
    "contributions.deadlinerule": FULL,
    "contributions.callfordocuments": FULL,
    "contributions.subscription": FULL,
    "roadmap.actionline": FULL,
    "roadmap.subline": FULL,
    "roadmap.strategicgoal": FULL,
    "roadmap.partner": FULL,
    "roadmap.roadmap": FULL,
}


def can_administer(user, model, action):
    """May `user` do `action` ("view", "add", "change", "delete") on `model` in the admin?
    Secretariat staff holding the permission, and only what ADMIN_RIGHTS allows at all (a
    superuser included): deny by default for a model the table does not name."""
    opts = model._meta
    if action not in ADMIN_RIGHTS.get(opts.label_lower, ()):
        return False
    return is_secretariat(user) and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
