"""The editor's safety nets, without a browser: the import map allowed by the CSP's hash, the
conflict page (theirs, yours, nothing lost), presence of other editors."""

import base64
import hashlib
import html
import re

import pytest
from django.core.cache import cache as django_cache
from django.urls import reverse

from reports import presence
from reports.models import Block
from tests.factories import make_user


def _post_block(client, block, body, lock):
    prefix = f"b{block.pk}"
    data = {f"{prefix}-lock_version": lock, f"{prefix}-numbered": "on", f"{prefix}-title": "", f"{prefix}-body": body}
    return client.post(reverse("reports:block_edit", args=[block.pk]), data)


def test_editor_page_import_map_is_allowed_by_its_hash_and_nothing_else_inline(world, wg_report, client_for):
    response = client_for(world.secretariat).get(reverse("reports:report_edit", args=[wg_report.pk]))
    page = response.content.decode()
    (import_map,) = re.findall(r'<script type="importmap">(.*?)</script>', page, re.S)
    digest = base64.b64encode(hashlib.sha256(import_map.encode()).digest()).decode()
    policy = response["Content-Security-Policy"]
    assert f"'sha256-{digest}'" in policy and "unsafe-inline" not in policy
    assert '"django-prose-editor/editor":"/static/django_prose_editor/editor.js"' in import_map
    inline = [s for s in re.findall(r"<script([^>]*)>", page) if "src=" not in s]
    assert inline == [' type="importmap"']
    assert "data-django-prose-editor-configurable" in page  # the rich-text fields


def test_stale_paragraph_save_shows_theirs_and_yours_and_keeps_the_text(world, wg_report, client_for):
    block = wg_report.blocks.get(kind="paragraph")
    seen = wg_report.lock_version
    client = client_for(world.secretariat)
    assert _post_block(client, block, "<p>THEIRS noted</p>", seen).status_code == 302
    response = _post_block(client, block, "<p>YOURS welcomed<script>x</script></p>", seen)
    page = response.content.decode()
    assert response.status_code == 409
    assert Block.objects.get(pk=block.pk).body == "<p>THEIRS noted</p>"  # nothing written
    theirs = re.search(r'data-testid="conflict-theirs">(.*?)</div>', page, re.S)[1]
    yours = re.search(r'data-testid="conflict-yours">(.*?)</div>', page, re.S)[1]
    assert "<p>THEIRS noted</p>" in theirs and "<p>YOURS welcomed</p>" in yours  # sanitised
    assert "<del>THEIRS</del>" in page and "<ins>YOURS</ins>" in page
    textarea = re.search(rf'<textarea name="b{block.pk}-body"[^>]*>(.*?)</textarea>', page, re.S)[1]
    assert "YOURS welcomed" in html.unescape(textarea)  # the typed text, in the editor again
    fresh_lock = re.search(rf'name="b{block.pk}-lock_version" value="(\d+)"', page)[1]
    assert int(fresh_lock) == seen + 1
    assert _post_block(client, block, html.unescape(textarea), fresh_lock).status_code == 302  # "save mine"
    assert Block.objects.get(pk=block.pk).body == "<p>YOURS welcomed</p>"


def test_stale_cover_save_keeps_the_typed_summary(world, wg_report, client_for):
    client = client_for(world.secretariat)
    base = {"cover-title": "WG report", "cover-original_language": "en", "cover-lock_version": wg_report.lock_version}
    url = reverse("reports:report_cover", args=[wg_report.pk])
    assert client.post(url, {**base, "cover-summary": "<p>THEIR summary</p>"}).status_code == 302
    response = client.post(url, {**base, "cover-summary": "<p>MY-SUMMARY-17 typed</p>"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "MY-SUMMARY-17 typed" in html.unescape(page) and 'data-testid="conflict"' in page
    wg_report.refresh_from_db()
    assert wg_report.summary == "<p>THEIR summary</p>"


@pytest.mark.parametrize(
    "beats, asker, expected",
    [
        ([], ("B", 1), {"block": [], "report": []}),
        ([("A", 1, 0)], ("B", 1), {"block": ["A"], "report": []}),
        ([("A", 1, 0), ("C", 2, 0)], ("B", 1), {"block": ["A"], "report": ["C"]}),
        ([("A", 1, -presence.EXPIRES + 1)], ("B", 1), {"block": ["A"], "report": []}),  # 29 s ago: still there
        ([("A", 1, -presence.EXPIRES)], ("B", 1), {"block": [], "report": []}),  # 30 s ago: gone
        ([("B", 2, 0)], ("B", 1), {"block": [], "report": []}),  # never yourself
    ],
)  # fmt: skip
def test_presence_names_the_others_while_they_beat(world, beats, asker, expected):
    django_cache.clear()
    users = {name: make_user(world.secretariat_unit, f"presence-{name}", first_name=name) for name in "ABC"}
    now = 1_000_000.0
    for name, block, ago in beats:
        presence.beat(report_id=7, block_id=block, user=users[name], now=now + ago)
    name, block = asker
    assert presence.current(report_id=7, block_id=block, user=users[name], now=now) == expected


def test_presence_endpoint_answers_the_secretariat_only(world, wg_report, client_for):
    block = wg_report.blocks.get(kind="paragraph")
    other = make_user(world.secretariat_unit, "sec-other", first_name="Other", last_name="Editor")
    presence.beat(report_id=wg_report.pk, block_id=block.pk, user=other)
    url = reverse("reports:block_presence", args=[block.pk])
    page = client_for(world.secretariat).post(url).content.decode()
    assert "Also editing this paragraph: Other Editor" in page
    assert client_for(world.ms_delegate).post(url).status_code == 404


def test_what_the_rich_text_editor_writes_survives_the_sanitiser_without_styles():
    from reports.sanitise import clean_html

    tiptap = (
        '<table style="min-width: 50px"><colgroup><col style="min-width: 25px"></colgroup><tbody><tr>'
        '<th colspan="1" rowspan="1"><p>a</p></th></tr><tr><td colspan="1" rowspan="1"><p>1</p></td></tr></tbody>'
        '</table><ul><li><p>point</p></li></ul><p><a target="_blank" rel="nofollow" href="https://itu.int">ITU</a>'
        '<a href="javascript:alert(1)">x</a></p>'
    )
    assert clean_html(tiptap) == (
        '<table><tbody><tr><th colspan="1" rowspan="1"><p>a</p></th></tr><tr><td colspan="1" rowspan="1"><p>1</p>'
        "</td></tr></tbody></table><ul><li><p>point</p></li></ul>"
        '<p><a href="https://itu.int" rel="noopener noreferrer">ITU</a><a rel="noopener noreferrer">x</a></p>'
    )
