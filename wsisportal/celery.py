"""The Celery application: `celery -A wsisportal worker` runs the tasks of every app (their
tasks.py). Configured from the CELERY_* settings; without CELERY_BROKER_URL every task runs at
once in the process that enqueued it (settings.py)."""

import os

from celery import Celery
from celery.signals import before_task_publish, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsisportal.settings")

app = Celery("wsisportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@before_task_publish.connect
def _carry_request_id(headers=None, **kwargs):
    """A task enqueued while a request is served logs under that request's id in the worker."""
    from wsisportal import logs

    if headers is not None:
        headers.setdefault("request_id", logs.current.get())


@task_prerun.connect
def _adopt_request_id(task=None, **kwargs):
    from wsisportal import logs

    logs.current.set(getattr(task.request, "request_id", None) or "-")
