"""A file the portal builds in the background (a roadmap PDF, …): one row per thing built.

`key` names exactly what the file shows (the object, its version, the language): asking twice
for the same thing finds the same row, and a change to the object gives a new key. The row holds
no access decision: the view that asks for a job checks the policy on the object first, every time,
and only then shows the job's progress or hands over its file.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=200, unique=True)
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("file"), upload_to="jobs/", blank=True, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    filename = models.CharField(_("download name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        constraints = [
            models.CheckConstraint(
                name="job_done_has_file",
                condition=~models.Q(status="done") | (~models.Q(file="") & ~models.Q(sha256="")),
            ),
        ]

    def __str__(self):
        return self.key

    @property
    def is_done(self):
        return self.status == JobStatus.DONE
