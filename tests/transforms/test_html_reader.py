"""HTML dumps (contract §1.4) through the one entry point: detection by bytes, decoding, the
canonical URL as the id, what is quarantined, and the pages bundled in landing/html/.

Fixtures are pages written for newsetl (tests/fixtures/html/, landing/html/). Fields that
the HTML reader itself decides (routing, id, url, title fallback, dateline, counts,
quarantine) are asserted exactly; the landing pages' photos follow the contract.
"""

from __future__ import annotations

import codecs
import gzip
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import LANDING
from transforms import Article, Rejection, parse_dump
from transforms.html_decode import declared_charset, html_utf8, is_html_document
from transforms.ids import article_id_for, article_id_for_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
HTML_LANDING = LANDING / "html"
FERRY = HTML_LANDING / "harbor-herald-ferry-strike.html"
FERRY_URL = "https://www.harborherald.example/news/2025/09/05/ferry-crews-walk-out-overtime-talks/"

PARAGRAPHS = (
    "<p>The council voted 5-2 on Tuesday to extend the library's weekend hours at three "
    "branches, starting next month, after a year of requests from parents.</p>"
    "<p>The change costs about $140,000 a year, which a state grant will cover for the "
    "first two years, the library director said.</p>"
)


def page(head: str = "", body: str = PARAGRAPHS, doctype: str = "<!DOCTYPE html>") -> bytes:
    """A small HTML document of our own."""
    return (
        f"{doctype}\n<html><head><meta charset='utf-8'>{head}</head>"
        f"<body><h1>Library extends weekend hours</h1>{body}</body></html>"
    ).encode()


def article(data: bytes) -> Article:
    parsed = parse_dump(data)
    assert isinstance(parsed, Article), parsed
    return parsed


# ---- detection by bytes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body><p>x</p></body></html>",
        b"<!doctype html>\n<html lang=en>",
        b"  \r\n\t<html>",
        b"<HTML LANG='en'>",
        codecs.BOM_UTF8 + b"<!DOCTYPE html>",
        b"<!-- saved 2025-09-05 --><!-- by scraper -->\n<html>",
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML">',
        b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">',
        b"<head><title>t</title></head><body>x</body>",  # <html> left out, as HTML allows
        "<!doctype html><html>".encode("utf-16"),  # with its BOM
    ],
)
def test_an_html_document_is_recognised_by_its_bytes(data: bytes) -> None:
    assert is_html_document(data)


@pytest.mark.parametrize(
    "data",
    [
        b"Council approves budget\nRiverton Gazette\n\nThe council voted <b>5-2</b>.",
        b"How to write <html> by hand\nA title that names a tag",
        b"<div class='story'><p>A fragment, no document</p></div>",
        b"<header>Site</header>",
        b"<htmlfoo>",
        b"<!-- a comment and nothing else -->",
        gzip.compress(b"<!doctype html><html>"),  # parse_dump gunzips before it asks
        b"",
    ],
)
def test_text_and_fragments_are_not_html_documents(data: bytes) -> None:
    assert not is_html_document(data)


def test_the_same_page_reads_the_same_whatever_its_compression() -> None:
    data = FERRY.read_bytes()
    plain, packed = article(data), article(gzip.compress(data))
    assert packed == plain
    assert plain.source_format == "html"


def test_a_text_capture_quoting_markup_stays_text() -> None:
    parsed = article((FIXTURES / "text-quoting-markup.txt").read_bytes())
    assert parsed.source_format == "text"
    assert parsed.title == "How to make your web page readable on a phone"
    assert parsed.authors == ["Sam Ortega"]
    assert parsed.paragraph_count == 3
    assert '<meta name="viewport" content="width=device-width">' in parsed.body


def test_a_page_fragment_in_a_text_file_is_not_an_article() -> None:
    assert parse_dump((FIXTURES / "fragment.txt").read_bytes()) == Rejection(
        "not_an_article",
        "the text is HTML markup without a document start (<!doctype html>, <html>): "
        "a page fragment, not an article",
    )


# ---- decoding --------------------------------------------------------------------------


def test_utf8_without_a_declaration_is_read_as_utf8() -> None:
    data = page(body="<p>Renée Okonkwo said the café — on Elm Street — opens “soon.”</p>" * 3)
    assert "<meta charset" in data.decode()
    undeclared = data.replace(b"<meta charset='utf-8'>", b"")
    assert html_utf8(undeclared) == undeclared
    assert "Renée Okonkwo said the café — on Elm Street — opens “soon.”" in article(undeclared).body


def test_a_declared_legacy_charset_is_honoured() -> None:
    html = "<!doctype html><meta charset=windows-1252><p>Renée’s café — “open”</p>"
    assert declared_charset(html.encode("cp1252")) == "cp1252"
    assert html_utf8(html.encode("cp1252")).decode() == html


def test_utf8_bytes_win_over_a_wrong_latin1_declaration() -> None:
    html = "<!doctype html><meta charset=iso-8859-1><p>Renée’s café</p>"
    assert html_utf8(html.encode()).decode() == html


def test_undeclared_non_utf8_bytes_are_read_as_windows_1252() -> None:
    html = "<!doctype html><p>Renée’s café — “open”</p>"
    assert html_utf8(html.encode("cp1252")).decode() == html


def test_bom_decides() -> None:
    html = "<!doctype html><meta charset=windows-1252><p>Renée</p>"
    assert html_utf8(codecs.BOM_UTF8 + html.encode()).decode() == html
    assert html_utf8(html.encode("utf-16")).decode() == html


def test_the_windows_1252_landing_page_without_extension() -> None:
    path = HTML_LANDING / "lakeside-courier-school-vote"
    assert path.suffix == "" and b"charset=windows-1252" in path.read_bytes()
    a = article(path.read_bytes())
    assert a.title == "Voters approve new middle school on second try"
    assert (
        "“We listened, we cut the price, and we explained it better,” said school board "
        "chair Renée Okonkwo" in a.body
    )
    assert a.url == "http://lakesidecourier.example/2025/09/05/voters-approve-middle-school.html"
    assert a.article_id == article_id_for_url(a.url)


# ---- the id: the canonical URL ---------------------------------------------------------


def test_the_canonical_url_is_the_id_and_the_url() -> None:
    a = article(FERRY.read_bytes())
    assert a.url == FERRY_URL
    assert a.article_id == article_id_for_url(FERRY_URL)
    assert a.article_id != article_id_for(a.publisher, a.title)


def test_a_new_headline_under_the_same_canonical_url_keeps_the_id() -> None:
    data = FERRY.read_bytes()
    retitled = data.replace(
        b'<h1 class="headline">Ferry crews walk out as talks on overtime collapse</h1>',
        b'<h1 class="headline">Ferry strike cancels island sailings</h1>',
    )
    moved = data.replace(
        b'href="https://www.harborherald.example', b'href="http://harborherald.example'
    )
    assert retitled != data and moved != data
    a, b, c = article(data), article(retitled), article(moved)
    assert b.title == "Ferry strike cancels island sailings"
    assert a.article_id == b.article_id == c.article_id


def test_without_a_canonical_url_the_id_is_publisher_and_title() -> None:
    a = article((FIXTURES / "article-no-canonical.htm").read_bytes())
    assert a.url is None
    assert a.title == "Library extends weekend hours at three branches"  # <title>, site dropped
    assert a.publisher == "Northfield Gazette"
    assert a.article_id == article_id_for("Northfield Gazette", a.title)


def test_a_relative_canonical_url_is_no_id() -> None:
    a = article(page(head="<link rel='canonical' href='/2025/09/library-hours'>"))
    assert a.url is None
    assert a.article_id == article_id_for(None, "Library extends weekend hours")


# ---- what the reader decides -----------------------------------------------------------


def test_headline_dek_and_dateline_are_not_body() -> None:
    a = article(FERRY.read_bytes())
    assert a.title == "Ferry crews walk out as talks on overtime collapse"
    assert a.summary == (
        "Weekend sailings to the islands are cancelled after the deckhands' union rejected "
        "a final offer on overtime pay."
    )
    assert a.dateline == "PORT ELLIS"
    paragraphs = a.body.split("\n\n")
    assert paragraphs[0].startswith("Ferry crews walked off the job before dawn Friday")
    assert paragraphs[-1].endswith("could cost them a large share of their autumn trade.")
    assert a.paragraph_count == len(paragraphs) == 6
    assert a.word_count == len(a.body.split())
    assert "Advertisement" not in a.body and "Related" not in paragraphs


def test_times_are_kept_as_printed_and_the_date_is_explicit() -> None:
    a = article(FERRY.read_bytes())
    assert a.published_at == datetime(2025, 9, 5, 7, 45)  # the -07:00 offset dropped
    assert a.updated_at == datetime(2025, 9, 5, 11, 20)
    assert (a.published_date, a.published_date_source) == (date(2025, 9, 5), "explicit")


def test_landing_page_photos_with_credits() -> None:
    a = article(FERRY.read_bytes())
    assert [(i.position, i.credit, i.photographer, i.organization, i.distributor)
            for i in a.images] == [
        (0, "Maya Chen/Harbor Herald", "Maya Chen", "Harbor Herald", None),
        (1, "Photo by Jordan Pike/Island Press Service via Harbor Herald", "Jordan Pike",
         "Island Press Service", "Harbor Herald"),
    ]  # fmt: skip
    assert a.images[0].caption.startswith("Passengers wait at the Pier 3 terminal")
    assert a.images[0].photo_date == date(2025, 9, 5)


def test_the_gzip_landing_page() -> None:
    path = HTML_LANDING / "valley-times-cedar-ridge-fire.html.gz"
    a = article(path.read_bytes())
    assert a.source_format == "html"
    assert a.url == "https://valleytimes.example/local/wildfire-evacuations-lifted"
    assert a.title == (
        "Evacuation orders lifted for 4,000 residents as crews gain ground on Cedar Ridge fire"
    )
    assert a.publisher == "Valley Times"
    assert a.body.startswith("Fire officials lifted evacuation orders for about 4,000 residents")
    assert [(i.credit, i.photographer, i.organization, i.is_handout) for i in a.images] == [
        ("AP Photo/Noah Berger", "Noah Berger", "AP", False),
        ("Courtesy of Cedar County Sheriff's Office", None, "Cedar County Sheriff's Office", True),
    ]


# ---- not articles ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("error-404.html", "an HTML error page: '404 - Page Not Found | Northfield Gazette'"),
        ("consent-wall.html", "the page is a cookie/consent wall, no article"),
        ("search-page.html", "the page declares itself a 'searchresultspage', no article"),
        ("section-front.html", "no paragraph of prose in "),  # (+ how many text blocks)
    ],
)  # fmt: skip
def test_pages_without_an_article_are_quarantined(name: str, detail: str) -> None:
    refused = parse_dump((FIXTURES / name).read_bytes())
    assert isinstance(refused, Rejection) and refused.reason == "not_an_article"
    assert refused.detail == detail or (detail.endswith(" ") and refused.detail.startswith(detail))


def test_the_bundled_section_front_and_error_page() -> None:
    front = parse_dump((HTML_LANDING / "harbor-herald-sports-front.html").read_bytes())
    assert front == Rejection(
        "not_an_article", "the page declares itself a 'collectionpage', no article"
    )
    error = parse_dump((LANDING / "misc/bad/html-error-page.txt").read_bytes())
    assert error == Rejection("not_an_article", "an HTML error page: 'Page not found'")


def test_an_empty_document_is_not_an_article() -> None:
    assert parse_dump(b"<!DOCTYPE html><html><body> </body></html>") == Rejection(
        "not_an_article", "no article text in the HTML (a section front, a search page?)"
    )
    assert parse_dump(b"<!DOCTYPE html>") == Rejection(
        "not_an_article", "the HTML document holds no elements"
    )


def test_no_headline_anywhere_is_no_title() -> None:
    data = page(body=PARAGRAPHS).replace(b"<h1>Library extends weekend hours</h1>", b"")
    assert parse_dump(data) == Rejection(
        "no_title", "no headline: no <h1>, metadata headline or <title>"
    )


def test_an_article_that_says_error_is_still_an_article() -> None:
    data = page(head="<title>Error | Gazette</title><script type='application/ld+json'>"
                     '{"@type": "NewsArticle", "headline": "Error"}</script>')  # fmt: skip
    assert article(data).title == "Library extends weekend hours"


def test_a_cookie_banner_on_an_article_leaves_it_an_article() -> None:
    banner = "<div><p>We use cookies to improve your experience. Manage your settings.</p></div>"
    a = article(page(body=banner + PARAGRAPHS))
    assert a.paragraph_count >= 2


def test_a_parser_failure_is_a_parse_error_never_an_exception(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import transforms.html_reader as reader

    def broken(*args: object) -> list[str]:
        raise RuntimeError("boom")

    monkeypatch.setattr(reader, "body_paragraphs", broken)
    assert parse_dump(FERRY.read_bytes()) == Rejection(
        "parse_error", "parser failed: RuntimeError: boom"
    )


# ---- properties ------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["the", "council", "voted", "Tuesday", "“budget”", "café", "5-2", "said", "<b>", "&amp;",
     "Reuters", "Photo", "—", "cookies", "404", "Not", "Found", "\u00a0", "\u200b"]
)  # fmt: skip
_TEXTS = st.lists(_WORDS, min_size=0, max_size=30).map(" ".join)
_BLOCKS = st.sampled_from(["p", "div", "h1", "h2", "figcaption", "li", "span", "script"])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(_BLOCKS, _TEXTS), max_size=12),
    st.sampled_from(
        ["", "<title>A page | Site</title>", "<link rel=canonical href='https://x.example/a'>"]
    ),
)
def test_any_html_document_gives_a_well_formed_article_or_a_rejection(
    blocks: list[tuple[str, str]], head: str
) -> None:
    body = "".join(f"<{tag}>{text}.</{tag}>" for tag, text in blocks)
    page = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    parsed = parse_dump(page.encode())
    if isinstance(parsed, Rejection):
        assert parsed.reason in {"not_an_article", "no_title"}, parsed
        return
    assert parsed.source_format == "html"
    assert parsed.title and parsed.title == " ".join(parsed.title.split())
    assert re.fullmatch(r"[0-9a-f]{32}", parsed.article_id)
    paragraphs = parsed.body.split("\n\n")
    assert parsed.paragraph_count == len(paragraphs) >= 1
    assert all(p and p == " ".join(p.split()) and "\u200b" not in p for p in paragraphs)
    assert parsed.word_count == len(parsed.body.split())
    assert [i.position for i in parsed.images] == list(range(len(parsed.images)))
    assert [link.position for link in parsed.links] == list(range(len(parsed.links)))


def test_metadata_text_takes_the_text_readers_normal_form() -> None:
    data = page().replace(
        b"<h1>Library extends weekend hours</h1>",
        "<h1>  Library\u200b extends\u00a0weekend\n hours </h1>".encode(),
    )
    assert article(data).title == "Library extends weekend hours"


# ---- what the parse leaves out -----------------------------------------------------------


def test_inline_scripts_and_styles_inside_a_paragraph_do_not_break_its_links() -> None:
    """Scripts and styles are dropped at parse (their tails kept), so a paragraph holding
    an ad-loader script still matches the body and its link is an inline link."""
    body = (
        "<p>The council voted 5-2 on Tuesday to extend the library's weekend hours at three "
        "branches<script>window.ads=window.ads||[];ads.push({slot:'mid-article-1'});</script>, "
        "starting next month, as <a href='https://example.org/requests'>parents asked</a>"
        "<style>.x{color:red}</style> for a year.</p>"
        "<p>The change costs about $140,000 a year, which a state grant will cover for the "
        "first two years, the library director said.</p>"
    )
    parsed = article(page(body=body))
    assert parsed.body.split("\n\n")[0] == (
        "The council voted 5-2 on Tuesday to extend the library's weekend hours at three "
        "branches, starting next month, as parents asked for a year."
    )
    assert [(link.link_type, link.title, link.url) for link in parsed.links] == [
        ("inline", "parents asked", "https://example.org/requests")
    ]


def test_json_scripts_survive_the_parse_for_the_metadata() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Library extends weekend hours", "datePublished": "2025-03-04T09:30:00"}'
        "</script>"
    )
    assert article(page(head=head)).published_at == datetime(2025, 3, 4, 9, 30)


# ---- headline ----------------------------------------------------------------------------


def test_a_media_tag_closing_the_headline_is_not_the_title() -> None:
    data = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><article>"
        f"<h1>Drone films the harbour seals from above (video)</h1>{PARAGRAPHS}</article>"
        "</body></html>"
    ).encode()
    assert article(data).title == "Drone films the harbour seals from above"
