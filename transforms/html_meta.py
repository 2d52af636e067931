"""PLACEHOLDER (helper html-core): the page's metadata, minimal, so the HTML reader runs end to
end. Helper html-meta owns this module; its version replaces this one at merge. Only the
signature and HtmlMeta are agreed: `page_meta(tree) -> HtmlMeta`.

What this stand-in reads: the first JSON-LD object whose @type names an article, then
OpenGraph / `<meta>` tags, `<link rel=canonical>` and the first `<h1>`.
It never mutates the tree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from lxml.html import HtmlElement

# JSON-LD types of an article (lowercased).
_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
     "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting"}
)  # fmt: skip


# JSON-LD types that describe something on the page, not the page.
_NOT_PAGE_TYPES = frozenset(
    {"website", "organization", "newsmediaorganization", "breadcrumblist", "person",
     "imageobject", "videoobject", "searchaction", "sitenavigationelement", "wpheader",
     "wpfooter"}
)  # fmt: skip


@dataclass(slots=True, frozen=True)
class HtmlMeta:
    """What the page says about itself (the agreed interface of issue 15)."""

    title: str | None = None  # the visible headline
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    updated_at: datetime | None = None
    published_date: date | None = None
    publisher: str | None = None
    url: str | None = None  # canonical
    summary: str | None = None  # dek
    page_type: str | None = None  # JSON-LD @type / og:type, lowercased


def page_meta(tree: HtmlElement) -> HtmlMeta:
    """The page's metadata: JSON-LD article first, then OpenGraph / meta, then the markup."""
    ld = _json_ld_article(tree)
    meta = _meta_tags(tree)
    headline = _first_text(tree, "//h1")
    published = _timestamp(ld.get("datePublished") or meta.get("article:published_time"))
    updated = _timestamp(ld.get("dateModified") or meta.get("article:modified_time"))
    page_type = _type_name(ld.get("@type")) or _page_type(tree) or meta.get("og:type")
    return HtmlMeta(
        title=headline or _text(ld.get("headline")) or meta.get("og:title"),
        authors=tuple(_names(ld.get("author"))),
        published_at=published,
        updated_at=updated,
        published_date=published.date() if published else None,
        publisher=_name(ld.get("publisher")) or meta.get("og:site_name"),
        url=_canonical(tree) or meta.get("og:url"),
        summary=_text(ld.get("description")) or meta.get("og:description")
        or meta.get("description"),
        page_type=page_type.lower() if page_type else None,
    )  # fmt: skip


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _json_ld_article(tree: HtmlElement) -> dict[str, Any]:
    for item in _json_ld_objects(tree):
        if (_type_name(item.get("@type")) or "").lower() in _ARTICLE_TYPES:
            return item
    return {}


def _page_type(tree: HtmlElement) -> str | None:
    """The @type of the first JSON-LD object that describes the page itself."""
    for item in _json_ld_objects(tree):
        name = _type_name(item.get("@type"))
        if name and name.lower() not in _NOT_PAGE_TYPES:
            return name
    return None


def _type_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return value if isinstance(value, str) else None


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in tree.iterfind(".//meta[@content]"):
        name = (tag.get("property") or tag.get("name") or "").strip().lower()
        content = " ".join(tag.get("content", "").split())
        if name and content and name not in found:
            found[name] = content
    return found


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return link.get("href").strip() or None
    return None


def _first_text(tree: HtmlElement, path: str) -> str | None:
    for element in tree.xpath(path):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return _text(value)


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [name for name in map(_name, items) if name]


def _timestamp(value: Any) -> datetime | None:
    """An ISO 8601 time as printed (wall clock): an offset is dropped, never applied."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=None)
    except ValueError:
        return None
