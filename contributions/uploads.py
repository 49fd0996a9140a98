"""Safe uploads: the type is decided by the file's content, the size by settings, and the
original filename is only ever displayed. Files are read and written in chunks.

Where uploads live on their way in: a body part larger than FILE_UPLOAD_MAX_MEMORY_SIZE streams to
a Django temporary file (`tmpXXXXXXXX.upload.pdf`) in FILE_UPLOAD_TEMP_DIR, a directory of the
portal's own, removed when the request ends. A worker killed mid-request cannot remove it:
`sweep_stale_temp_files` (the `sweep_upload_temp` command) does, later.
"""

import codecs
import hashlib
import logging
import os
import re
import unicodedata
import uuid
import zipfile

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# content type -> (extension, label)
ALLOWED_TYPES = {
    "application/pdf": (".pdf", "PDF"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx", "Word (DOCX)"),
    "application/msword": (".doc", "Word 97-2003 (DOC)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx", "Excel (XLSX)"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx", "PowerPoint (PPTX)"),
    "application/vnd.oasis.opendocument.text": (".odt", "OpenDocument text (ODT)"),
    "text/plain": (".txt", _("plain text (TXT)")),
}
# Office Open XML files are zip archives; libmagic sometimes names only the container.
OOXML_PARTS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
SNIFF_BYTES = 8192
CHUNK = 64 * 1024
# A full disk is not cleared in seconds: clients are told to come back in five minutes.
STORAGE_RETRY_AFTER_SECONDS = 300
# The names Django gives its upload temporary files: tempfile's `tmp` + 8 random characters,
# `.upload`, then the extension of the name the client sent, if any.
TEMP_UPLOAD_NAME = re.compile(r"^tmp[a-z0-9_]{8}\.upload(\.[^.]*)?$")


class StorageFailed(Exception):
    """The store refused a file (disk full, read-only, unreachable). Whatever part of the file was
    written has been removed again."""


def allowed_labels():
    return ", ".join(label for _ext, label in ALLOWED_TYPES.values())


def check_filename(name):
    """The name is kept for display only, but a name that could be a path is refused outright."""
    if not name or "/" in name or "\\" in name or "\x00" in name or name in {".", ".."}:
        raise ValidationError(_("The file name must not contain path separators."), code="path")
    if "\ufffd" in name:
        raise ValidationError(_("The file name is not valid UTF-8 text; please rename the file."), code="encoding")
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co"} for ch in name):
        raise ValidationError(
            _("The file name contains control or invisible characters; please rename the file."), code="encoding"
        )
    if len(name) > 200:
        raise ValidationError(_("The file name is longer than 200 characters."), code="long")
    return unicodedata.normalize("NFC", name)


def check_size(size):
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.MAX_UPLOAD_SIZE)},
            code="too_large",
        )


def sniff_content_type(upload):
    """The content type libmagic reads from the first bytes (and the zip directory for OOXML)."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    mime = magic.from_buffer(head, mime=True)
    if mime in {"application/zip", "application/octet-stream"} and head.startswith(b"PK"):
        mime = _ooxml_type(upload) or mime
    if mime == "text/plain" and not _is_utf8_text(upload):
        mime = "application/octet-stream"
    return mime


def _ooxml_type(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for prefix, mime in OOXML_PARTS.items():
        if any(n.startswith(prefix) for n in names):
            return mime
    return None


def _is_utf8_text(upload):
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


def check_upload(upload):
    """Validate an UploadedFile; return (clean display name, content type). Raises ValidationError."""
    name = check_filename(upload.name)
    check_size(upload.size)
    mime = sniff_content_type(upload)
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("This file's content is not an accepted type (found %(found)s). Accepted: %(allowed)s.")
            % {"found": mime, "allowed": allowed_labels()},
            code="type",
        )
    return name, mime


def claimed_type(name):
    """The accepted content type the file's extension claims (".pdf": PDF), or None."""
    ext = os.path.splitext(name)[1].lower()
    return next((mime for mime, (known, _label) in ALLOWED_TYPES.items() if known == ext), None)


def misnamed(name, mime):
    """The type the name claims when the content is another accepted type ("x.pdf" holding plain
    text), else None: such a file is stored only once the user agrees to the detected type."""
    claimed = claimed_type(name)
    return claimed if claimed is not None and claimed != mime else None


def type_label(mime):
    return str(ALLOWED_TYPES[mime][1]) if mime in ALLOWED_TYPES else mime


def renamed_for(name, mime):
    """The display name with the extension of the detected type: "notes.pdf" holding text -> "notes.txt"."""
    return os.path.splitext(name)[0] + ALLOWED_TYPES[mime][0]


def sha256_of(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def store(upload, content_type):
    """Save under a random name (never the user's) and return the storage name. Chunked:
    Django storage copies the file chunk by chunk (or moves the temporary file).

    A failed save can leave a partial file under the name (FileSystemStorage writes in place):
    it is removed here, and the failure raised as StorageFailed."""
    ext = ALLOWED_TYPES[content_type][0]
    name = f"documents/{uuid.uuid4().hex}{ext}"  # random: no other file can have this name
    try:
        return default_storage.save(name, upload)
    except OSError as exc:
        logger.error("Storing an upload as %s failed: %s", name, exc)
        delete_stored([name])
        raise StorageFailed(str(exc)) from exc
    except BaseException:
        delete_stored([name])
        raise


def delete_stored(names):
    """Delete each stored file that exists; a failure to delete one is logged, not raised, so that
    the others are still removed and the error that called for the clean-up is the one reported."""
    for name in names:
        try:
            default_storage.delete(name)
        except OSError as exc:
            logger.error("Could not remove the stored file %s: %s", name, exc)


def ensure_temp_dir():
    """Create FILE_UPLOAD_TEMP_DIR (owner only) if it is missing; return its path or None."""
    directory = settings.FILE_UPLOAD_TEMP_DIR
    if directory:
        os.makedirs(directory, mode=0o700, exist_ok=True)
    return directory


class OwnTempDirUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for large uploads, but its directory is created when missing (a fresh
    machine, a cleaned /tmp), so no start-up step has to come first."""

    def new_file(self, *args, **kwargs):
        ensure_temp_dir()
        super().new_file(*args, **kwargs)


def sweep_stale_temp_files(*, directory, older_than, limit, now=None):
    """Remove upload temporary files in `directory` not written to for `older_than` (a timedelta),
    at most `limit` of them, oldest first. Only regular files named as Django names them are
    touched: no other file, no directory, no symbolic link.

    Side effects: the files removed. Returns (number removed, bytes freed, whether more remain)."""
    cutoff = (now or timezone.now()).timestamp() - older_than.total_seconds()
    stale = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if not TEMP_UPLOAD_NAME.match(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            info = entry.stat(follow_symlinks=False)
            if info.st_mtime < cutoff:
                stale.append((info.st_mtime, entry.path, info.st_size))
    stale.sort()
    removed = freed = 0
    for _mtime, path, size in stale[:limit]:
        try:
            os.remove(path)
        except FileNotFoundError:  # its request ended meanwhile and removed it
            continue
        removed, freed = removed + 1, freed + size
    return removed, freed, len(stale) > limit


def download_name(symbol, language, content_type):
    """`WG-WSIS-14/5` in English PDF -> `WG-WSIS-14-5-E.pdf`; `(Rev.1)` -> `-Rev.1`."""
    base = re.sub(r"[^A-Za-z0-9.]+", "-", symbol).strip("-")
    return f"{base}-{language}{ALLOWED_TYPES.get(content_type, ('.bin',))[0]}"
