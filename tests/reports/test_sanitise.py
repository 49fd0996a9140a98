"""Rich text is sanitised on the way in; symbols are found and linked; direction detected."""

import pytest

from reports.sanitise import clean_html, find_symbols, link_symbols, text_direction


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>ok<script>alert(1)</script></p>", "<p>ok</p>"),
        ('<p onclick="x()">a</p>', "<p>a</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="https://itu.int">x</a>', '<a href="https://itu.int" rel="noopener noreferrer">x</a>'),
        ("<ul><li><strong>b</strong> <em>i</em></li></ul>", "<ul><li><strong>b</strong> <em>i</em></li></ul>"),
        (
            '<table><tr><td colspan="2" style="color:red">c</td></tr></table>',
            '<table><tbody><tr><td colspan="2">c</td></tr></tbody></table>',
        ),
        ('<img src="x" onerror="y()"><iframe src="z"></iframe>', ""),
        ('<p style="font-size:90px">big</p>', "<p>big</p>"),
    ],
)
def test_clean_html_keeps_only_the_whitelist(dirty, clean):
    assert clean_html(dirty) == clean


def test_find_symbols_in_order_without_repeats():
    text = "<p>The agenda (WG-WSIS-14/2) and WG-WSIS-14/5, again WG-WSIS-14/2; Doc. 6 is no symbol.</p>"
    assert find_symbols(text) == ["WG-WSIS-14/2", "WG-WSIS-14/5"]


def test_link_symbols_links_known_symbols_and_not_inside_links():
    html = '<p>See WG-WSIS-14/5 and <a href="/x">WG-WSIS-14/5</a> and WG-WSIS-14/99.</p>'
    linked = link_symbols(html, {"WG-WSIS-14/5": "/documents/5/"})
    assert linked.count('href="/documents/5/"') == 1
    assert '<a href="/x">WG-WSIS-14/5</a>' in linked
    assert '<span class="r-symbol">WG-WSIS-14/99</span>' in linked


@pytest.mark.parametrize(
    ("text", "direction"),
    [("<p>تقرير الاجتماع</p>", "rtl"), ("<p>Доклад</p>", "ltr"), ("<p>14 — Report</p>", "ltr"), ("", "ltr")],
)
def test_text_direction(text, direction):
    assert text_direction(text) == direction
