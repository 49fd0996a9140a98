"""ETag / If-None-Match: a mirror that polls an unchanged list or object gets a 304; any change,
and any other caller, gets another tag."""

from django.test import Client

from tests.api.conftest import add_documents, token_client


def test_an_unchanged_list_answers_304_with_no_body(api_world):
    client = token_client(api_world.ms_delegate)
    first = client.get("/api/v1/documents/")
    etag = first["ETag"]
    again = client.get("/api/v1/documents/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    add_documents(api_world, 1)
    changed = client.get("/api/v1/documents/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert len(changed.json()["results"]) == len(first.json()["results"]) + 1


def test_an_unchanged_object_answers_304(api_world):
    client = token_client(api_world.ms_delegate)
    url = f"/api/v1/meetings/{api_world.meeting.pk}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=f'W/"x", {etag}').status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something else"').status_code == 200


def test_callers_who_see_different_rows_get_different_tags(api_world):
    ms = token_client(api_world.ms_delegate).get("/api/v1/documents/")
    sm = token_client(api_world.sm_delegate).get("/api/v1/documents/")
    assert ms["ETag"] != sm["ETag"]
    refused = token_client(api_world.sm_delegate).get("/api/v1/documents/", HTTP_IF_NONE_MATCH=ms["ETag"])
    assert refused.status_code == 200 and api_world.dg_doc.symbol not in refused.content.decode()
    assert "Authorization" in ms["Vary"] and ms["Cache-Control"] == "private, no-cache"


def test_errors_carry_no_etag(api_world):
    response = Client().get("/api/v1/documents/987654/")
    assert response.status_code == 404 and not response.has_header("ETag")
