__version__ = "0.1.0"

# The Celery app is loaded with Django, so that @shared_task binds to it (wsisportal/celery.py).
from .celery import app as celery_app  # noqa: E402

__all__ = ["celery_app"]
