"""The rows of a meeting's document register, with their URLs built in Python.

`{% url %}` costs ~50 µs a call here; a register of 100 documents with two language files each
made 300 calls a page (16 ms of its ~45 ms of template time, measured on the `make bench`
dataset). Each URL pattern is reversed once per page with placeholder arguments, which are then
replaced per row; an argument that is not a plain token falls back to `reverse()`.
"""

import re

from django.urls import reverse

_PK = 2147483646
_TOKEN = "zzlanguagezz"
_PLAIN = re.compile(r"^[A-Za-z0-9_-]+$")


def register_rows(documents):
    """[(document, its page URL, [(file, download URL), ...])] in the given order."""
    detail = reverse("contributions:document_detail", args=[_PK])
    download = reverse("contributions:download", args=[_PK, _TOKEN])
    rows = []
    for doc in documents:
        pk = str(doc.pk)
        files = [(f, _download_url(download, pk, doc.pk, f.language)) for f in doc.files.all()]
        rows.append((doc, detail.replace(str(_PK), pk), files))
    return rows


def _download_url(pattern, pk, doc_pk, language):
    if not _PLAIN.match(language):
        return reverse("contributions:download", args=[doc_pk, language])
    return pattern.replace(str(_PK), pk).replace(_TOKEN, language)
