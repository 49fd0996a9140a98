"""Every API list answers exactly the rows of the policy's `visible_*` querysets, for every
persona; what a caller may not see answers like what does not exist."""

import pytest
from django.test import Client

from api import querysets
from tests.api.conftest import token_client
from wsisportal import access

LISTS = {
    "/api/v1/meetings/": lambda user: access.visible_meetings(user),
    "/api/v1/documents/": lambda user: access.visible_documents(user),
    "/api/v1/calls-for-documents/": lambda user: access.visible_calls_for_documents(user),
    "/api/v1/roadmap-drafts/": lambda user: access.visible_roadmap_drafts(user),
    "/api/v1/roadmap-rows/": lambda user: access.visible_roadmap_rows(user),
    "/api/v1/reports/": lambda user: querysets.reports(user),
    "/api/v1/action-items/": lambda user: querysets.action_items(user),
}
PERSONAS = ["anonymous", "sm_delegate", "ms_delegate", "secretariat", "chair"]


def client_for(world, persona):
    return Client() if persona == "anonymous" else token_client(getattr(world, persona))


def ids_of(client, url):
    ids, page = [], url
    while page:
        body = client.get(page).json()
        ids += [row["id"] for row in body["results"]]
        page = body["next"]
    return ids


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", sorted(LISTS))
def test_every_list_holds_exactly_the_policy_rows(api_world, persona, url):
    user = getattr(api_world, persona)
    expected = sorted(LISTS[url](user).values_list("pk", flat=True).distinct())
    assert sorted(ids_of(client_for(api_world, persona), url + "?page_size=1")) == expected


def test_the_world_holds_rows_on_both_sides(api_world):
    """Without this, the parity test above could pass on empty lists."""
    w = api_world
    assert w.dg_doc.pk in ids_of(token_client(w.ms_delegate), "/api/v1/documents/")
    assert w.dg_doc.pk not in ids_of(token_client(w.sm_delegate), "/api/v1/documents/")
    assert w.dg_action.pk in ids_of(token_client(w.ms_delegate), "/api/v1/action-items/")
    assert w.dg_row.pk not in ids_of(token_client(w.sm_delegate), "/api/v1/roadmap-rows/")
    assert ids_of(Client(), "/api/v1/documents/") == []
    assert ids_of(Client(), "/api/v1/reports/") == [w.wg_report.pk]  # published: the public subset


def hidden_and_missing(world):
    return [
        (f"/api/v1/documents/{world.dg_doc.pk}/", "/api/v1/documents/987654/"),
        (f"/api/v1/documents/{world.dg_doc.symbol}/", "/api/v1/documents/WG-WSIS-99/9/"),
        (f"/api/v1/documents/{world.dg_doc.pk}/files/E/", "/api/v1/documents/987654/files/E/"),
        (f"/api/v1/calls-for-documents/{world.dg_call.pk}/", "/api/v1/calls-for-documents/987654/"),
        (f"/api/v1/roadmap-drafts/{world.dg_draft.pk}/", "/api/v1/roadmap-drafts/987654/"),
        (f"/api/v1/roadmap-rows/{world.dg_row.pk}/", "/api/v1/roadmap-rows/987654/"),
        (f"/api/v1/reports/{world.dg_report.pk}/", "/api/v1/reports/987654/"),
    ]


@pytest.mark.parametrize("persona", ["anonymous", "sm_delegate"])
def test_hidden_objects_answer_exactly_like_missing_ones(api_world, persona):
    client = client_for(api_world, persona)
    for hidden, missing in hidden_and_missing(api_world):
        a, b = client.get(hidden), client.get(missing)
        assert (a.status_code, a.content) == (b.status_code, b.content), hidden
        assert a.status_code == 404 and a.json()["code"] == "not_found"
        assert b"secret" not in a.content


def test_a_member_state_reads_the_dedicated_group_through_the_same_urls(api_world):
    client = token_client(api_world.ms_delegate)
    for hidden, _missing in hidden_and_missing(api_world):
        response = client.get(hidden)
        assert response.status_code == 200, hidden


def test_a_document_by_symbol_is_the_document_by_id(api_world):
    client = token_client(api_world.sm_delegate)
    doc = api_world.wg_doc
    by_symbol = client.get(f"/api/v1/documents/{doc.symbol}/").json()
    assert by_symbol == client.get(f"/api/v1/documents/{doc.pk}/").json()
    assert by_symbol["symbol"] == doc.symbol and by_symbol["files"][0]["sha256"] == doc.files.get().sha256


def test_a_file_downloads_with_a_token_and_matches_its_checksum(api_world):
    import hashlib

    client = token_client(api_world.ms_delegate)
    listed = client.get(f"/api/v1/documents/{api_world.dg_doc.pk}/").json()["files"][0]
    response = client.get(listed["download_url"])
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == listed["sha256"] and len(data) == listed["size"]
    assert response["ETag"] == f'"{listed["sha256"]}"'


def test_the_working_copy_only_to_its_readers(api_world):
    """The WG report is approved and published (status approved): a Sector Member reads the
    revision, not the working copy; the circulated DG report's text reaches the Member State."""
    w = api_world
    sm = token_client(w.sm_delegate).get(f"/api/v1/reports/{w.wg_report.pk}/").json()
    assert sm["working_copy"] is None and sm["paragraphs"] == []
    assert [r["sha256"] for r in sm["revisions"]] == [w.wg_report.revisions.get().sha256]
    ms = token_client(w.ms_delegate).get(f"/api/v1/reports/{w.dg_report.pk}/").json()
    assert ms["working_copy"]["status"] == "circulated"
    assert any("Dedicated Group secret action" in p["body"] for p in ms["paragraphs"])


def test_anonymous_callers_get_the_public_subset(api_world):
    client = Client()
    meetings = client.get("/api/v1/meetings/").json()["results"]
    assert [m["group"] for m in meetings] == ["WG-WSIS"]
    detail = client.get(f"/api/v1/meetings/{api_world.meeting.pk}/").json()
    assert {s["group"] for s in detail["sessions"]} == {"WG-WSIS"}  # the DG sitting is not public
    assert detail["deadlines"] == []
    assert client.get("/api/v1/roadmap-rows/").json()["results"] == []
    assert client.get("/api/v1/action-lines/").json()["code"] == "not_authenticated"


def test_a_meeting_shows_the_deadlines_of_the_groups_you_see(api_world):
    ms = token_client(api_world.ms_delegate).get(f"/api/v1/meetings/{api_world.meeting.pk}/").json()
    assert ms["deadlines"] == [
        {
            "group": "DG-IPP",
            "kind": "contribution",
            "due_at": "2009-02-11T08:00:00Z",
            "basis": "24 hours before the start",
        }
    ]
    sm = token_client(api_world.sm_delegate).get(f"/api/v1/meetings/{api_world.meeting.pk}/").json()
    assert sm["deadlines"] == [] and {s["group"] for s in sm["sessions"]} == {"WG-WSIS"}


def test_times_are_utc_with_a_zone(api_world):
    doc = token_client(api_world.ms_delegate).get(f"/api/v1/documents/{api_world.wg_doc.pk}/").json()
    assert doc["available_at"] == "2009-02-01T11:00:00Z"  # 12:00 in Geneva


def test_filters_narrow_the_policy_rows(api_world):
    w = api_world
    client = token_client(w.ms_delegate)

    def ids(query):
        return sorted(r["id"] for r in client.get("/api/v1/documents/?" + query).json()["results"])

    assert ids("group=DG-IPP") == [w.dg_doc.pk]
    assert ids(f"meeting={w.meeting.pk}&kind=contribution") == sorted([w.dg_doc.pk, w.wg_doc.pk])
    assert ids("language=F") == []
    assert ids(f"symbol={w.wg_doc.symbol}") == [w.wg_doc.pk]
    assert ids("available_after=2009-02-02") == [] and len(ids("available_before=2009-02-02")) == 2
    assert ids("changed_since=2009-02-02T00:00:00Z") == []
    assert len(ids("changed_since=2009-01-31")) == 2
    bad = client.get("/api/v1/documents/?changed_since=yesterday").json()
    assert bad["code"] == "invalid" and "changed_since" in bad["errors"]


def test_cursor_pages_walk_every_row_once(api_world):
    from tests.api.conftest import add_documents

    add_documents(api_world, 4)
    client = token_client(api_world.ms_delegate)
    walked = ids_of(client, "/api/v1/documents/?page_size=2")
    assert len(walked) == len(set(walked)) == 6


def test_a_restricted_groups_record_only_to_those_its_page_shows_it_to(api_world):
    """Its code, name and audience are public; its mandate and terms of reference are not."""
    api_world.dg.terms_of_reference = "Dedicated Group secret terms"
    api_world.dg.save()
    for client in (Client(), token_client(api_world.sm_delegate)):
        listed = {g["code"]: g for g in client.get("/api/v1/groups/").json()["results"]}
        assert listed["DG-IPP"]["open_to"] == ["member_state"]
        assert listed["DG-IPP"]["terms_of_reference"] is None and listed["DG-IPP"]["mandate"] is None
        assert b"secret" not in client.get("/api/v1/groups/DG-IPP/").content
        assert listed["WG-WSIS"]["mandate"] == []
    ms = token_client(api_world.ms_delegate).get("/api/v1/groups/DG-IPP/").json()
    assert ms["terms_of_reference"] == "Dedicated Group secret terms"
