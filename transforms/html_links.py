"""PLACEHOLDER (helper html-core): links out of the article, naive, so the HTML reader runs end
to end. Helper html-images owns this module; its version replaces this one at merge. Only the
signature is agreed: `article_links(tree, body, url) -> list[RelatedLink]`.

This stand-in reads one block shape: an element whose class names a related /
recommended block, each of its links with text a `recommended` row (title, URL).
It never mutates the tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urljoin

from lxml.html import HtmlElement

from transforms.records import RelatedLink

# Blocks of related or recommended stories, by their class.
_RELATED_BLOCKS = (
    "//*[contains(@class, 'related') or contains(@class, 'recommended')]"
    "[not(ancestor::*[contains(@class, 'related') or contains(@class, 'recommended')])]"
)


def article_links(tree: HtmlElement, body: Sequence[str], url: str | None) -> list[RelatedLink]:
    """`recommended` rows for the links of related blocks, in page order, positions 0.."""
    links: list[RelatedLink] = []
    for block in tree.xpath(_RELATED_BLOCKS):
        for anchor in block.iterfind(".//a[@href]"):
            title = " ".join(anchor.text_content().split())
            href = anchor.get("href", "").strip()
            if title and href and not href.startswith(("#", "javascript:", "mailto:")):
                target = urljoin(url, href) if url else href
                links.append(RelatedLink(len(links), "recommended", title=title, url=target))
    return links
