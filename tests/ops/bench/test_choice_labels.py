"""The label properties `make bench` led to (register and matrix rows) say exactly what Django's
get_FOO_display() says, in every language and for every choice."""

import pytest
from django.utils import translation

from contributions.models import Document, DocumentFile, DocumentKind, Language
from roadmap.models import RoadmapRow, RowRole

CASES = (
    [(Document(kind=k), "kind_label", "get_kind_display") for k in DocumentKind.values]
    + [(DocumentFile(language=code), "language_label", "get_language_display") for code in Language.values]
    + [(RoadmapRow(itu_role=r), "itu_role_label", "get_itu_role_display") for r in [*RowRole.values, ""]]
)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize(("obj", "label", "display"), CASES)
def test_label_property_equals_get_display(obj, label, display, language):
    with translation.override(language):
        assert str(getattr(obj, label)) == str(getattr(obj, display)())
