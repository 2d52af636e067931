"""Links out of an HTML article: related-story blocks, hub links, links in the body's prose.

Three kinds of rows, in page order:
- `recommended`: each story of a block listing other stories. A block is recognised by
  its class or id (`related`, `recommended`, `read-more`, `more-from`...), by a heading
  (`Related stories`, `More from Politics`, `Read more`), or as a paragraph opening with
  such a label (`Read more: <a>...</a>`). A story is one link target: its title is the
  longest anchor text pointing there; a card's label elements give its `category`
  (`kicker`, `eyebrow`, `category`... classes) and `publisher` (`source`, `publisher`).
- `hub`: links of a "Follow ... coverage at ..." sentence, and hub URLs (as for text dumps).
- `inline`: the other links inside body paragraphs, titled by their anchor text.

Menus, footers, headers, forms, share / social / comment / author / tag / ad blocks
never give rows. URLs are made absolute against `<base href>` and the page URL.
Nothing here mutates the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from urllib.parse import urldefrag, urljoin

from lxml import etree
from lxml.html import HtmlElement

from transforms.html_container import (
    Container,
    find_container,
    has_class_word,
    is_inside,
    order_key,
)
from transforms.html_vocab import (
    CATEGORY_CLASSES,
    NOT_LINK_CLASSES,
    NOT_LINK_TAGS,
    PUBLISHER_CLASSES,
    RELATED_CLASSES,
    RELATED_HEADINGS,
)
from transforms.links import RELATED_LABEL, is_hub
from transforms.records import LinkType, RelatedLink

# A heading naming a section's stories: "More from Politics", "More in Business",
# "More stories from Jane Doe", "More on this story".
_MORE_FROM = re.compile(
    r"^more (?:stories |news |articles |coverage )?(?:from|in|on|about)\s+\S.{0,40}$",
    re.IGNORECASE,
)
# A sentence sending readers to a topic hub: "Follow AP's coverage of the war at ...".
_HUB_SENTENCE = re.compile(
    r"^(?:follow|find|read|see|get|track|keep up with|for more)\b.*\bcoverage\b",
    re.IGNORECASE,
)
# An anchor sending readers to a topic's page: "See more on Smart", "Read all about Mars".
_HUB_ANCHOR = re.compile(
    r"^(?:see|read|find|get|view|explore|browse) (?:more|all)(?: \w+)? (?:on|about|from|in|of)\b",
    re.IGNORECASE,
)
# A word of letters (titles need a few: "Best of 2023" or "Roadster - Coupe" is a tag).
_ALPHA_WORD = re.compile(r"[^\W\d_]+")
# Anchor texts that are controls, not story titles: "Read more", "See all", "More".
_NOT_TITLE = re.compile(
    r"^(?:read|see|view|show|load|more|all)(?: (?:more|all|less|stories|news))?\s*[»>›]?$",
    re.IGNORECASE,
)
# Link targets that leave no page: in-page anchors, scripts, mail, phone.
_NOT_PAGE = re.compile(r"^(?:#|javascript:|mailto:|tel:|sms:|data:)", re.IGNORECASE)
_LINKS = etree.XPath(".//a[@href]")
_LINKED_PARAGRAPHS = etree.XPath("//p[.//a[@href]]")
# Headings that may open a block of related stories (a label in a p / span / strong is
# either in a block found by its class, or a `Read more:` paragraph).
_HEADINGS = etree.XPath("//h2 | //h3 | //h4 | //h5 | //h6")
_SPACES = re.compile(r"\s+")
# Zero-width spaces and joiners, which templates put in headlines: dropped.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Any RELATED_CLASSES word in a lower-cased class or id.
_RELATED_WORD = re.compile("|".join(map(re.escape, RELATED_CLASSES)))
_MAX_HEADING_CHARS = 60
_MIN_TITLE_WORDS = 3
_MAX_LABEL_WORDS = 5
_BLOCK_BODY_SHARE = 0.2  # a block holding this share of the body is the article, not a list


def _text(el: HtmlElement) -> str:
    return _SPACES.sub(" ", el.text_content().translate(_ZERO_WIDTH)).strip()


def _base_url(tree: HtmlElement, url: str | None) -> str | None:
    """Where relative links point from: `<base href>` (itself relative to url), else url."""
    for base in tree.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(url, href) if url else href
    return url


def _absolute(href: str | None, base: str | None) -> str | None:
    if href is None:
        return None
    href = href.strip()
    if not href or _NOT_PAGE.match(href):
        return None
    return urljoin(base, href) if base else href


def _is_chrome(el: HtmlElement, stop: HtmlElement | None = None) -> bool:
    """True when el is in a menu, header, footer, form, or a share / author / tag block."""
    for node in (el, *el.iterancestors()):
        if node is stop:
            return False
        if node.tag in NOT_LINK_TAGS or has_class_word(node, NOT_LINK_CLASSES):
            return True
    return False


# ---- blocks of related stories ---------------------------------------------------------


def _is_heading_text(text: str) -> bool:
    folded = text.casefold().rstrip(" :»>›").strip()
    return folded in RELATED_HEADINGS or _MORE_FROM.match(folded) is not None


def _heading_blocks(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Blocks opened by a related-stories heading: the heading's nearest ancestor with links."""
    for el in _HEADINGS(tree):
        text = _text(el)
        if not text or len(text) > _MAX_HEADING_CHARS or not _is_heading_text(text):
            continue
        if el.tag == "a" or any(True for _ in el.iterancestors("a")):
            continue
        for node in el.iterancestors():
            if any(True for a in _LINKS(node) if not is_inside(a, el)):
                yield node
                break


def related_blocks(tree: HtmlElement, container: Container) -> list[HtmlElement]:
    """Blocks listing other stories, outermost first, none inside another, in page order."""
    found: list[HtmlElement] = []
    limit = container.total * _BLOCK_BODY_SHARE
    candidates = container.named_matching(_RELATED_WORD)
    candidates.extend(_heading_blocks(tree))
    for el in candidates:
        if container.total and container.weight.get(el, 0) >= limit:
            continue  # the article's own wrapper, whatever its class says
        if el.tag in ("html", "body") or _is_chrome(el):
            continue
        if any(el is f or is_inside(el, f) for f in found):
            continue
        found = [f for f in found if not is_inside(f, el)]
        found.append(el)
    found.sort(key=order_key)
    return found


def _is_label(el: HtmlElement, stop: HtmlElement) -> bool:
    """True when el lies in a card's category or publisher label."""
    for node in (el, *el.iterancestors()):
        if node is stop:
            return False
        if has_class_word(node, CATEGORY_CLASSES) or has_class_word(node, PUBLISHER_CLASSES):
            return True
    return False


def _card_of(anchor: HtmlElement, block: HtmlElement, url: str, base: str | None) -> HtmlElement:
    """The largest element around an anchor, inside the block, linking to that URL only."""
    card = anchor
    for node in anchor.iterancestors():
        if node is block:
            break
        targets = {_absolute(a.get("href"), base) for a in _LINKS(node) if not _is_label(a, node)}
        targets.discard(None)
        if targets != {url}:
            break
        card = node
    return card


def _label(card: HtmlElement, words: Sequence[str], title: str) -> str | None:
    """The short text of a card element whose class holds one of `words`."""
    for el in card.iter(etree.Element):
        if el is card or not has_class_word(el, words):
            continue
        text = _text(el)
        if text and text != title and len(text.split()) <= _MAX_LABEL_WORDS:
            return text
    return None


def _without_labels(title: str, labels: tuple[str | None, ...]) -> str:
    """The title without the card labels an anchor wrapped with it ("Health The secret...")."""
    for label in labels:
        if not label:
            continue
        if title.startswith(label) and len(title) > len(label) + 1:
            title = title[len(label) :].lstrip(" :|-–—·")
        elif title.endswith(label) and len(title) > len(label) + 1:
            title = title[: -len(label)].rstrip(" :|-–—·")
    return title


def block_links(block: HtmlElement, base: str | None) -> list[tuple[HtmlElement, RelatedLink]]:
    """The stories of a related block: one row per target, titled by its longest anchor."""
    titles: dict[str, tuple[HtmlElement, str]] = {}
    for anchor in _LINKS(block):
        url = _absolute(anchor.get("href"), base)
        if url is None or _is_label(anchor, block) or _is_chrome(anchor, stop=block):
            continue
        title = RELATED_LABEL.sub("", _text(anchor), count=1).strip()
        if len(_ALPHA_WORD.findall(title)) < _MIN_TITLE_WORDS or _NOT_TITLE.match(title):
            title = ""
        kept = titles.get(url)
        if kept is None or len(title) > len(kept[1]):
            titles[url] = (kept[0] if kept else anchor, title) if title else (anchor, "")
    rows = []
    for url, (anchor, title) in titles.items():
        if not title:
            continue
        card = _card_of(anchor, block, url, base)
        category = _label(card, CATEGORY_CLASSES, title)
        publisher = _label(card, PUBLISHER_CLASSES, title)
        title = _without_labels(title, (category, publisher))
        kind: LinkType = "hub" if _HUB_ANCHOR.match(title) else "recommended"
        rows.append((
            anchor,
            RelatedLink(
                position=0, link_type=kind, title=title, url=url,
                publisher=publisher, category=category,
            ),
        ))  # fmt: skip
    return rows


# ---- links in the body's paragraphs -----------------------------------------------------


def _title_before(paragraph: HtmlElement, anchor: HtmlElement) -> str:
    """The paragraph's text before an anchor ("Follow AP's coverage of the war at")."""
    pieces = []
    for piece in paragraph.itertext():
        if piece is anchor.text or (anchor.text and piece == anchor.text):
            break
        pieces.append(piece)
    return _SPACES.sub(" ", "".join(pieces)).strip().rstrip(" :-–—").removesuffix(" at").strip()


def paragraph_links(
    paragraph: HtmlElement, base: str | None
) -> list[tuple[HtmlElement, RelatedLink]]:
    """Links of a body paragraph: recommended after a `Read more:` label, hub, or inline."""
    text = _text(paragraph)
    labelled = RELATED_LABEL.match(text) is not None
    hub_sentence = _HUB_SENTENCE.match(text) is not None
    rows = []
    for anchor in _LINKS(paragraph):
        url = _absolute(anchor.get("href"), base)
        title = _text(anchor)
        if labelled:
            title = RELATED_LABEL.sub("", title, count=1).strip()
        if url is None or not title:
            continue
        kind: LinkType = "recommended" if labelled else "inline"
        if hub_sentence or is_hub(title, url) or _HUB_ANCHOR.match(title):
            kind = "hub"
            if title.startswith(("http", "www.")) or "/" in title:
                title = _title_before(paragraph, anchor) or title
        rows.append((anchor, RelatedLink(position=0, link_type=kind, title=title, url=url)))
    return rows


def _label_paragraphs(tree: HtmlElement, container: Container) -> Iterator[HtmlElement]:
    """`Read more: ...` and `Follow ... coverage at` paragraphs of the article that are not
    body paragraphs (body readers often drop them), holding a link."""
    body = set(container.paragraphs)
    for p in _LINKED_PARAGRAPHS(tree):
        if p in body:
            continue
        text = _text(p)
        if (RELATED_LABEL.match(text) or _HUB_SENTENCE.match(text)) and container.holds(p):
            yield p


# ---- the entry point -------------------------------------------------------------------


def article_links(
    tree: HtmlElement, body: Sequence[str], url: str | None, container: Container | None = None
) -> list[RelatedLink]:
    """The article's related, hub and inline links in page order; positions 0.. .

    `container` is find_container(tree, body) when the caller has it already.
    """
    container = container or find_container(tree, body)
    base = _base_url(tree, url)
    page = urldefrag(urljoin(base, url))[0] if url and base else url
    found: list[tuple[HtmlElement, RelatedLink]] = []
    blocks = related_blocks(tree, container)
    for paragraph in [*container.paragraphs, *_label_paragraphs(tree, container)]:
        if _is_chrome(paragraph, stop=container.element) or any(
            is_inside(paragraph, b) for b in blocks
        ):
            continue
        found.extend(paragraph_links(paragraph, base))
    for block in blocks:
        found.extend(block_links(block, base))
    found.sort(key=lambda pair: order_key(pair[0]))
    rows: list[RelatedLink] = []
    seen: set[str] = set()
    for _, link in found:
        target = urldefrag(link.url or "")[0]
        if not target or target == page or target in seen:
            continue
        seen.add(target)
        link.position = len(rows)
        rows.append(link)
    return rows
