"""The approved PDF as it is in storage now, checked against the SHA-256 recorded at approval.

The verify page and the API's download read the stored bytes through `check_stored_pdf`; the web
download's signed ticket (wsisportal/signed_files.py) carries the checksum and its server makes the
same comparison. A file that is missing or whose bytes differ from the record is never served as
the approved one. A revision whose PDF is still being rendered (no file and no checksum yet) is
PENDING: nothing is wrong, nothing is read.
"""

import hashlib
import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)

OK, MISSING, ALTERED, PENDING = "ok", "missing", "altered", "pending"


@dataclass(frozen=True)
class StoredPdf:
    state: str
    content: bytes = b""
    computed: str = ""

    @property
    def matches(self):
        return self.state == OK


def check_stored_pdf(revision):
    """Read the revision's stored PDF and recompute its SHA-256. Side effect: logs an error when
    the file is missing or altered (the record no longer has its document)."""
    if not revision.pdf_ready:
        return StoredPdf(PENDING)
    try:
        with revision.pdf.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError, ValueError) as exc:  # ValueError: no file name recorded
        logger.error("Approved PDF of %s rev. %s cannot be read: %s", revision.report_id, revision.number, exc)
        return StoredPdf(MISSING)
    computed = hashlib.sha256(content).hexdigest()
    if computed != revision.sha256:
        logger.error("Approved PDF of %s rev. %s does not match its checksum", revision.report_id, revision.number)
        return StoredPdf(ALTERED, computed=computed)
    return StoredPdf(OK, content=content, computed=computed)
