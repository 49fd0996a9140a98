"""A document's row, written out in DocumentSerializer.to_representation for speed, is byte for byte
what its declared DRF fields answer (through ApiModelSerializer's loop and through DRF's own), for every document
each persona sees: a revision with its parent, a withdrawn document, documents with several files,
sources and agenda items among them."""

import datetime
import json

import pytest
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.request import Request

from api import querysets
from api.serializers import ApiModelSerializer, DocumentSerializer
from contributions.models import CallForDocuments, Document, DocumentStatus, Suffix
from meetings.models import User
from tests.demo_snapshot import load_demo

PERSONAS = [None, "sm-delegate", "ms-delegate", "dg-chair", "secretariat"]


@pytest.fixture
def demo(db):
    load_demo()
    first, second, third = Document.objects.filter(parent=None).order_by("pk")[:3]
    Document.objects.filter(pk=second.pk).update(
        parent=first, suffix=Suffix.REV, suffix_number=1, symbol=f"{first.symbol}(Rev.1)"
    )
    Document.objects.filter(pk=third.pk).update(
        status=DocumentStatus.WITHDRAWN,
        withdrawn_at=datetime.datetime(2009, 2, 12, 8, 30, tzinfo=datetime.UTC),
        withdrawn_reason="Replaced",
    )
    call = CallForDocuments.objects.create(
        meeting=first.meeting,
        group=first.group,
        title="Call",
        due_at=datetime.datetime(2009, 2, 1, tzinfo=datetime.UTC),
    )
    Document.objects.filter(pk=first.pk).update(call=call)


def rows_for(username):
    from django.contrib.auth.models import AnonymousUser

    user = User.objects.get(username=username) if username else AnonymousUser()
    request = Request(RequestFactory().get("/api/v1/documents/"))
    request.user = user
    docs = querysets.with_document_relations(user, list(querysets.documents(user).order_by("pk")))
    return docs, DocumentSerializer(context={"request": request})


@pytest.mark.parametrize("username", PERSONAS)
def test_a_row_is_what_the_declared_fields_answer(demo, username):
    docs, serializer = rows_for(username)
    assert docs or username is None
    for doc in docs:
        written = json.dumps(serializer.to_representation(doc))
        declared = json.dumps(ApiModelSerializer.to_representation(serializer, doc))
        drf = json.dumps(serializers.ModelSerializer.to_representation(serializer, doc))  # DRF's own loop
        assert written == declared == drf, doc.symbol


def test_the_rows_compared_hold_every_shape(demo):
    docs, serializer = rows_for("secretariat")
    rows = [serializer.to_representation(doc) for doc in docs]
    assert any(row["parent"] for row in rows)
    assert any(row["withdrawn_at"] and row["withdrawn_reason"] for row in rows)
    assert any(row["call"] for row in rows) and any(row["call"] is None for row in rows)
    assert any(len(row["files"]) > 1 for row in rows)
    assert any(row["source_organisations"] for row in rows)
    assert any(row["agenda_items"] for row in rows)
    assert any(row["suffix_number"] is None for row in rows)
