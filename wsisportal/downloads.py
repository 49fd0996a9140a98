"""Handing a stored file to a reader the policy has already allowed.

On local disk the portal streams the file (FileResponse reads it in chunks). In object storage
(S3, MinIO, Ceph) it redirects to a presigned URL of the store that expires after
SIGNED_URL_SECONDS and names the download and its type: a 200 MB document or a meeting pack then
travels from the store to the reader without holding an application worker for minutes (the
meeting morning, hundreds of delegates at once), and the URL is a bearer ticket exactly like the
portal's own signed /files/ URLs (wsisportal/signed_files.py): given only after the access check,
never cached (private, no-store), useless after it expires. Approved report PDFs keep going through
signed_files on every store, because that server re-checks the recorded checksum before it sends
a byte; a presigned URL could not.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

from . import environment


def stored_file_response(
    name, *, filename, content_type, as_attachment=True, etag=None, max_age=3600, storage=default_storage
):
    """The response that delivers the stored file `name` as `filename`. A streamed answer may be
    kept `max_age` seconds by the reader's browser (private: never by a shared cache)."""
    if environment.is_object_storage(storage):
        disposition = content_disposition_header(as_attachment, filename)
        url = storage.url(
            name, parameters={"ResponseContentDisposition": disposition, "ResponseContentType": content_type}
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"  # the ticket expires; never keep it
        return response
    response = FileResponse(
        storage.open(name, "rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"private, max-age={max_age}"
    if etag:
        response["ETag"] = etag
    return response
