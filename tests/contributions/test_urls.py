"""The URL design the register relies on: a file's URL is its document's URL and the language."""

import pytest
from django.urls import reverse

from contributions.models import Language


@pytest.mark.parametrize("language", Language.values)
@pytest.mark.parametrize("pk", [1, 987654321])
def test_a_files_url_is_its_documents_url_and_the_language(pk, language):
    document = reverse("contributions:document_detail", args=[pk])
    assert reverse("contributions:download", args=[pk, language]) == f"{document}{language}/"
