"""PLACEHOLDER (helper html-core): the article's photos, naive, so the HTML reader runs end to
end. Helper html-images owns this module; its version replaces this one at merge. Only the
signature is agreed: `article_images(tree, body) -> list[Image]`.

This stand-in takes every `<figure>` with a `<figcaption>` outside `<nav>`, `<aside>`,
`<header>` and `<footer>`, in page order: a credit element inside the caption (a class
or itemprop naming a credit) gives the credit, the rest is the caption; without one,
build_image's caller gets the caption text whole and no credit. It never mutates the tree.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.html import HtmlElement

from transforms.captions import build_image, split_bare_credit, split_paren_credit
from transforms.credits import clean_credit
from transforms.records import Image

# A figure in page furniture, not in the article.
_OUTSIDE_ARTICLE = "ancestor::nav or ancestor::aside or ancestor::footer or ancestor::header"
# Credit elements inside a caption: class or itemprop naming a credit.
_CREDIT = (
    ".//*[contains(@class, 'credit') or contains(@class, 'copyright') "
    "or @itemprop='copyrightHolder' or @itemprop='creditText']"
)


def article_images(tree: HtmlElement, body: Sequence[str]) -> list[Image]:
    """Captioned figures in page order, positions 0.. (body is unused by this stand-in)."""
    images: list[Image] = []
    for figure in tree.xpath(f"//figure[figcaption][not({_OUTSIDE_ARTICLE})]"):
        caption_element = figure.find("figcaption")
        credit_elements = caption_element.xpath(_CREDIT)
        credit = clean_credit(" ".join(e.text_content() for e in credit_elements)) or None
        caption = _text_without(caption_element, credit_elements)
        if credit is None:
            parts = split_paren_credit(caption) or split_bare_credit(caption)
            if parts is not None:
                caption, credit = parts.caption, parts.credit
        if caption or credit:
            images.append(build_image(len(images), caption, credit))
    return images


def _text_without(element: HtmlElement, skipped: list[HtmlElement]) -> str:
    """The element's text, whitespace folded, leaving out the text of `skipped` descendants."""
    skip = set(skipped)
    pieces: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node in skip:
            if node.tail:
                pieces.append(node.tail)
            return
        if isinstance(node.tag, str) and node.text:
            pieces.append(node.text)
        for child in node:
            walk(child)
        if node is not element and node.tail:
            pieces.append(node.tail)

    walk(element)
    return " ".join(" ".join(pieces).split())
