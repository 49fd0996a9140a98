"""A file chosen on a form that comes back (an error in another field, the preview before the
symbol is allocated) is kept, so the user does not have to choose it again.

The file, already checked, is stored under a random name in `kept/`; the form carries a signed
token that names it, the user who sent it, its display name and content type. Only that user can
use the token, only for KEPT_HOURS; a file that is never used is removed by the
`sweep_upload_temp` command (sweep_kept) after that time. Files only through Django storage.
"""

import datetime
import logging
import uuid

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from . import uploads

logger = logging.getLogger(__name__)

SALT = "contributions.kept-upload"
KEPT_HOURS = 12
PREFIX = "kept/"


def keep(upload, *, user, name, content_type):
    """Store `upload` for a later request of `user`; returns the token. Raises StorageFailed."""
    stored = f"{PREFIX}{uuid.uuid4().hex}"
    try:
        stored = default_storage.save(stored, upload)
    except OSError as exc:
        uploads.delete_stored([stored])
        raise uploads.StorageFailed(str(exc)) from exc
    return signing.dumps({"s": stored, "u": user.pk, "n": name, "t": content_type}, salt=SALT, compress=True)


def restore(token, *, user):
    """(File, display name, content type) of a kept file, or None if the token is not valid,
    not this user's, too old, or its file is gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=datetime.timedelta(hours=KEPT_HOURS))
    except signing.BadSignature:
        return None
    if data.get("u") != user.pk or not str(data.get("s", "")).startswith(PREFIX):
        return None
    if not default_storage.exists(data["s"]):
        return None
    kept = File(default_storage.open(data["s"], "rb"), name=data["n"])
    kept.stored_name = data["s"]
    return kept, data["n"], data["t"]


def discard(kept_file):
    """Remove a kept file once it has been used (stored again as the document's file)."""
    name = getattr(kept_file, "stored_name", None)
    if name:
        kept_file.close()
        uploads.delete_stored([name])


def sweep_kept(*, older_than=datetime.timedelta(hours=KEPT_HOURS), now=None):
    """Remove kept files older than their tokens can be: returns how many."""
    cutoff = (now or timezone.now()) - older_than
    try:
        _dirs, files = default_storage.listdir(PREFIX)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in files:
        path = PREFIX + name
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return removed
