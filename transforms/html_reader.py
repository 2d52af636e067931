"""Read an HTML dump (contract §1.4): the page parsed once, the same Article as a text capture.

The steps:

1. the bytes as UTF-8 (transforms/html_decode.py), parsed once by lxml with the
   encoding fixed;
2. the page's metadata: headline, authors, times, publisher, canonical URL, dek,
   page type (transforms/html_meta.py: page_meta);
3. the article's paragraphs (transforms/html_body.py: body_paragraphs);
4. what is not an article (below), refused with a reason;
5. photos and links out (transforms/html_figures.py: article_images,
   transforms/html_links.py: article_links), found from the tree and the body;
6. the Article: id from the canonical URL when the page states one (the same page
   saved twice keeps its id whatever its headline became), else from publisher and
   headline as for text; dateline off the first paragraph, as the text readers do.

Not an article (`not_an_article`, contract §1.2): an error page (its headline or
`<title>` is `404 Not Found`, `Access Denied`, ... and it declares no article); a page
that declares itself a listing (a JSON-LD / OpenGraph type of a collection, a search
result, a profile); a page with no article text, or with no paragraph of prose (a
section front of headlines, a search page, an empty app shell); a consent wall (most
paragraphs are cookie / privacy wording). No headline anywhere (no `<h1>`, metadata
headline or `<title>`) is `no_title`. A cookie banner, a paywall prompt or teasers on a
page that holds an article leave it an article.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml.etree import ElementDefaultClassLookup, ParserError
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction

from transforms.datelines import split_first_dateline
from transforms.dates import article_date
from transforms.decode import normalize_text
from transforms.headlines import clean_headline
from transforms.html_body import body_paragraphs
from transforms.html_container import find_container
from transforms.html_decode import html_utf8
from transforms.html_figures import article_images
from transforms.html_links import article_links
from transforms.html_meta import HtmlMeta, page_meta
from transforms.html_names import NamedElements
from transforms.html_vocab import ARTICLE_TYPES, LISTING_TYPES
from transforms.ids import article_id_for, article_id_for_url, normalise_url, same_text
from transforms.records import Article, Rejection
from transforms.refusals import ERROR_TITLE, is_cookie_text

# One parser for every page: UTF-8 fixed (html_utf8 hands it UTF-8), comments and
# processing instructions dropped (nothing reads them), no network, huge pages allowed.
_PARSER = lxml.html.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
)
# Every element an HtmlElement, chosen in C: lxml.html's own lookup is a Python call for
# every element proxy made (~3,000 a page here, trafilatura's walks and copies included:
# ~1 ms a page) only to give form fields their own classes, which nothing here uses.
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(
        element=HtmlElement,
        comment=HtmlComment,
        pi=HtmlProcessingInstruction,
        entity=HtmlEntity,
    )
)
# A paragraph of prose: at least this many words and a sentence end (as the text readers).
_PROSE_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]»]*$")  # "... said." / "... now?”" / "(AP).)"
# The site's name after the headline in a <title>: "Headline | Site", "Headline - Site".
_TITLE_SUFFIX = re.compile(r"\s+[|–—·:-]\s+[^|–—·]{1,60}$")
_MAX_SUFFIX_WORDS = 5
_DETAIL_QUOTE_CHARS = 60
_MAX_HEADER_PARAGRAPHS = 3  # headline, dek, headline again


def read_html(data: bytes) -> Article | Rejection:
    """The article of an HTML document (already gunzipped and within the size limit)."""
    tree = parse_document(data)
    if tree is None:
        return Rejection("not_an_article", "the HTML document holds no elements")
    meta = page_meta(tree)
    names = NamedElements.of(tree)  # class/id index, shared by the body and container readers
    paragraphs = [_clean(p) for p in body_paragraphs(tree, names, meta.ld_objects)]
    paragraphs = [p for p in paragraphs if p]
    publisher = _clean_or_none(meta.publisher)
    title = _clean_or_none(meta.title) or title_element_headline(tree, publisher)
    title = clean_headline(title) if title else title
    refused = not_an_article(tree, meta, title, paragraphs)
    if refused is not None:
        return refused
    if not title:
        return Rejection("no_title", "no headline: no <h1>, metadata headline or <title>")
    summary = _clean_or_none(meta.summary)
    paragraphs = _without_header(paragraphs, title, summary)
    if summary and paragraphs and _is_lede_excerpt(summary, paragraphs[0]):
        summary = None  # a description that only repeats the lede is no dek
    if not paragraphs:
        return Rejection("not_an_article", "no body paragraph left under the dek")
    container = find_container(tree, paragraphs, names)  # (paragraphs as the page prints them)
    dateline, paragraphs = split_first_dateline(paragraphs)
    images = article_images(tree, paragraphs, container, meta.ld_objects)
    url = canonical_url(meta.url)
    links = article_links(tree, paragraphs, url, container)
    # the date the page shows (html_meta decides), else the lead photo's
    published_date, source = article_date(meta.published_date, images)
    body = "\n\n".join(paragraphs)
    by_url = article_id_for_url(url) if url else None
    return Article(
        article_id=by_url or article_id_for(publisher, title),
        title=title,
        publisher=publisher,
        summary=summary,
        authors=[name for name in map(_clean, meta.authors) if name],
        dateline=dateline,
        published_at=meta.published_at,
        updated_at=meta.updated_at,
        published_date=published_date,
        published_date_source=source,
        body=body,
        paragraph_count=len(paragraphs),
        word_count=len(body.split()),
        images=images,
        links=links,
        url=url,
        source_format="html",
    )


# What no reader reads: style sheets, code scripts, inert templates. JSON scripts stay
# (`application/ld+json` metadata, `application/json` rich-text bodies).
_DEAD = etree.XPath("//style | //script[not(contains(@type, 'json'))] | //template")


def parse_document(data: bytes) -> HtmlElement | None:
    """The page's tree, parsed once (None when lxml finds no element at all).

    Style sheets, code scripts and templates are dropped here, their tails kept: a
    script inside a paragraph (an ad loader) would otherwise split the paragraph's text
    from the body the extractor returns, and every later walk and copy of the tree pays
    for them.
    """
    try:
        tree = lxml.html.document_fromstring(html_utf8(data), parser=_PARSER)
    except ParserError:  # "Document is empty"
        return None
    for el in _DEAD(tree):
        el.drop_tree()
    return tree


def canonical_url(url: str | None) -> str | None:
    """The canonical URL as the page states it, trimmed; None unless it is an absolute
    http(s) address (a relative or a `javascript:` one names no page by itself)."""
    if not url:
        return None
    url = url.strip()
    return url if normalise_url(url) is not None else None


def title_element_headline(tree: HtmlElement, publisher: str | None) -> str | None:
    """The headline from `<title>` when nothing better states it: the site's name after
    a separator dropped (`Headline | Site`), when it is the publisher or a few words."""
    element = tree.find(".//title")
    if element is None:
        return None
    text = _clean(element.text_content())
    suffix = _TITLE_SUFFIX.search(text)
    if suffix is not None and suffix.start() > 0:
        site = suffix.group().strip(" |–—·:-")
        if (publisher and same_text(site, publisher)) or len(site.split()) <= _MAX_SUFFIX_WORDS:
            text = text[: suffix.start()]
    return text or None


def not_an_article(
    tree: HtmlElement, meta: HtmlMeta, title: str | None, paragraphs: list[str]
) -> Rejection | None:
    """Why the page holds no article (the rules of the module docstring), or None."""
    declared = meta.page_type or ""
    if declared not in ARTICLE_TYPES:
        for headline in (title, _title_element_text(tree)):
            if headline and ERROR_TITLE.match(headline):
                return Rejection("not_an_article", f"an HTML error page: {_quote(headline)}")
    if declared in LISTING_TYPES:
        return Rejection("not_an_article", f"the page declares itself a {declared!r}, no article")
    if not paragraphs:
        return Rejection(
            "not_an_article", "no article text in the HTML (a section front, a search page?)"
        )
    cookie = sum(1 for p in paragraphs if is_cookie_text(p))
    if cookie and cookie * 2 >= len(paragraphs):
        return Rejection("not_an_article", "the page is a cookie/consent wall, no article")
    if not any(_is_prose(p) for p in paragraphs):
        return Rejection(
            "not_an_article",
            f"no paragraph of prose in {len(paragraphs)} text blocks (a section front or "
            "a list of links)",
        )
    return None


def _without_header(paragraphs: list[str], title: str, summary: str | None) -> list[str]:
    """The paragraphs without the headline and the dek printed above the body, which an
    extractor may take for its first lines."""
    start = 0
    while start < min(len(paragraphs), _MAX_HEADER_PARAGRAPHS) and (
        same_text(paragraphs[start], title) or (summary and same_text(paragraphs[start], summary))
    ):
        start += 1
    return paragraphs[start:]


def _title_element_text(tree: HtmlElement) -> str | None:
    element = tree.find(".//title")
    return _clean(element.text_content()) if element is not None else None


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= _PROSE_WORDS and _SENTENCE_END.search(paragraph) is not None


def _is_lede_excerpt(summary: str, lede: str) -> bool:
    """The description is the lede's opening (often cut with an ellipsis)."""
    head = summary.rstrip(" .…")
    return len(head) >= 20 and _clean(lede).startswith(head)


def _clean(text: str) -> str:
    """One line of normal text: the text readers' normal form, whitespace runs as one space."""
    return " ".join(normalize_text(text).split())


def _clean_or_none(text: str | None) -> str | None:
    return _clean(text) or None if text else None


def _quote(text: str) -> str:
    if len(text) <= _DETAIL_QUOTE_CHARS:
        return repr(text)
    return repr(text[: _DETAIL_QUOTE_CHARS - 1] + "…")
