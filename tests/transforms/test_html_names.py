"""Unit tests of transforms.html_names: the page's class/id index and its searches."""

from __future__ import annotations

import re

import lxml.html

from transforms.html_names import NamedElements

PAGE = lxml.html.document_fromstring(
    "<html><body>"
    "<div class='Author-Bio' id='bio-1'><p>Jo Roe writes about transport.</p></div>"
    "<p class='lede'>The council voted.</p>"
    "<div id='newsletter-box'><p>Sign up</p></div>"
    "<span class='caption caption-text'>A bridge.</span>"
    "<div class='bio'>x</div><div class='xbio'>y</div>"
    "</body></html>"
)


def tags_and_names(elements: list[lxml.html.HtmlElement]) -> list[str]:
    return [f"{el.tag}.{el.get('class') or ''}#{el.get('id') or ''}" for el in elements]


def test_classes_then_ids_each_in_page_order_lower_cased() -> None:
    names = NamedElements.of(PAGE)
    found = names.matching(re.compile("bio"))
    # the bio div matches by class and again by id: listed in both runs
    assert tags_and_names(found) == [
        "div.Author-Bio#bio-1", "div.bio#", "div.xbio#", "div.Author-Bio#bio-1",
    ]  # fmt: skip


def test_an_element_is_listed_once_for_several_matches_in_one_value() -> None:
    found = NamedElements.of(PAGE).matching(re.compile("caption"))
    assert tags_and_names(found) == ["span.caption caption-text#"]


def test_an_id_is_found_like_a_class() -> None:
    assert tags_and_names(NamedElements.of(PAGE).matching(re.compile("newsletter"))) == [
        "div.#newsletter-box"
    ]


def test_a_value_that_lower_casing_lengthens_is_left_out_not_misplaced() -> None:
    # "İ" lower-cases to two characters: positions after it would point at the wrong element
    page = lxml.html.document_fromstring(
        "<div class='İstanbul-news'>a</div><div class='note'>b</div><div id='notes'>c</div>"
    )
    assert tags_and_names(NamedElements.of(page).matching(re.compile("note"))) == [
        "div.note#", "div.#notes",
    ]  # fmt: skip


def test_no_page_no_elements() -> None:
    assert NamedElements.of(None).matching(re.compile("bio")) == []
