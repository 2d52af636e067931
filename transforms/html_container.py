"""Where the article sits in an HTML page, found from its body paragraphs.

The figure and link readers both need the article's container, the page span from the
headline to the last body paragraph, and a test for blocks around the article (menus,
story lists, sidebars). Finding the container from the body text, not from class
names, works on templates never seen: the block elements whose text is mostly body
shingles are located, and the container is the deepest element holding nearly all of
their text (widened to an enclosing `<article>` / `articleBody` element).

Nothing here mutates the tree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from transforms.html_names import NamedElements
from transforms.html_vocab import CHROME_TAGS, OFF_ARTICLE_CLASSES

# Word runs, the tokens of the shingle comparison (as the corpus metric).
_WORD = re.compile(r"\w+")
# Block elements whose own text may be a body paragraph: a div only with text of its own.
# (a string-length test in C passes over menus' one-word items without a Python call)
_BLOCKS = etree.XPath(
    "(//p | //li | //h2 | //h3 | //h4 | //h5 | //h6 | //blockquote | //pre | //dd | //td"
    " | //div[text()[normalize-space()]])[string-length() > 12]"
)
_BODY_SHARE = 0.8  # a block is body text when this share of its shingles is in the body
_CONTAINER_SHARE = 0.85  # the container holds this share of the body blocks' text
_OFF_ARTICLE_MAX_SHARE = 0.2  # a block holding this share of the body is never off-article
_MIN_BLOCK_TOKENS = 4
# schema.org types of an article element ("http://schema.org/NewsArticle").
_ARTICLE_TYPE = re.compile(r"schema\.org/\w*(?:Article|Posting|Report)\b")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingle_set(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    """The 4-token shingles of a token list (a list of 1-3 tokens is one shingle)."""
    if len(tokens) < 4:
        return {tuple(tokens)} if tokens else set()
    return set(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))


def order_key(el: HtmlElement) -> tuple[int, ...]:
    """The element's place in page order: its child index at every level from the root.

    Sorting by it is document order; computed for the few elements compared, which is
    cheaper than numbering every element of a page.
    """
    path = []
    node = el
    parent = node.getparent()
    while parent is not None:
        path.append(parent.index(node))
        node, parent = parent, parent.getparent()
    path.reverse()
    return tuple(path)


def class_words(el: HtmlElement) -> str:
    """The element's class and id, lower-cased, for vocabulary substring tests."""
    cls = el.get("class")
    ident = el.get("id")
    if cls is None and ident is None:
        return ""
    return f"{cls or ''} {ident or ''}".lower()


@lru_cache(maxsize=64)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex finding any of `words` (a vocabulary tuple of html_vocab)."""
    return re.compile("|".join(map(re.escape, words)))


def has_class_word(el: HtmlElement, words: tuple[str, ...]) -> bool:
    """True when the element's class or id holds one of `words` (substrings)."""
    cls = el.get("class")
    ident = el.get("id")
    if cls is None and ident is None:
        return False
    return _words_pattern(words).search(f"{cls or ''} {ident or ''}".lower()) is not None


@dataclass(slots=True)
class Container:
    """The article's place in the page.

    `element`: the container (None when no body paragraph was found in the page);
    `paragraphs`: the block elements holding body text, in page order;
    `weight`: body tokens held by each ancestor of those blocks (for the share tests);
    `start` / `end`: the order keys of the headline and the last body paragraph.
    """

    element: HtmlElement | None
    paragraphs: list[HtmlElement] = field(default_factory=list)
    weight: dict[HtmlElement, int] = field(default_factory=dict)
    total: int = 0
    start: tuple[int, ...] = ()
    end: tuple[int, ...] = ()
    tree: HtmlElement | None = None
    names: NamedElements | None = None  # the page's class/id index, built when first asked

    def named_matching(self, pattern: re.Pattern[str]) -> list[HtmlElement]:
        """Elements whose lower-cased class or id `pattern` finds in (see
        NamedElements.matching): the index is shared by the figure and link readers."""
        if self.names is None:
            self.names = NamedElements.of(self.tree)
        return self.names.matching(pattern)

    def holds(self, el: HtmlElement) -> bool:
        """True when `el` lies inside the container or between headline and body end."""
        if self.element is not None and (el is self.element or is_inside(el, self.element)):
            return True
        return bool(self.end) and self.start <= order_key(el) <= self.end

    def is_off_article(self, el: HtmlElement) -> bool:
        """True when `el` is under navigation, an aside, a footer or a story-list block.

        A block holding a fifth of the body is the article's own wrapper, whatever its
        class says (templates name page layouts `has-sidebar`, `promo-layout`).
        """
        limit = self.total * _OFF_ARTICLE_MAX_SHARE
        for node in _self_and_ancestors(el):
            tag = node.tag
            if tag in CHROME_TAGS or has_class_word(node, OFF_ARTICLE_CLASSES):
                if self.total and self.weight.get(node, 0) >= limit:
                    continue
                return True
        return False


def _self_and_ancestors(el: HtmlElement):
    yield el
    yield from el.iterancestors()


def is_inside(el: HtmlElement, ancestor: HtmlElement) -> bool:
    """True when `ancestor` is one of el's ancestors (el itself is not inside itself)."""
    return any(node is ancestor for node in el.iterancestors())


def body_blocks(tree: HtmlElement, body: Sequence[str]) -> list[tuple[HtmlElement, int]]:
    """Block elements whose text is mostly body, with their token counts, in page order."""
    body_shingles: set[tuple[str, ...]] = set()
    for paragraph in body:
        body_shingles |= shingle_set(_tokens(paragraph))
    if not body_shingles:
        return []
    blocks = []
    words = _WORD.findall
    for el in _BLOCKS(tree):
        tokens = words(el.text_content().casefold())  # (_tokens, inlined in this hot loop)
        n = len(tokens)
        if n < _MIN_BLOCK_TOKENS:
            continue
        # (most blocks are not body: three probe shingles, first, middle and last, rule
        # them out before the full set; two must hit, so one of the ends)
        first = tuple(tokens[:4]) in body_shingles
        last = tuple(tokens[n - 4 :]) in body_shingles
        if not (first or last):
            continue
        if not (first and last):
            middle = (n - 4) // 2
            if tuple(tokens[middle : middle + 4]) not in body_shingles:
                continue
        own = shingle_set(tokens)
        hits = len(own & body_shingles)
        if hits >= _BODY_SHARE * len(own):
            blocks.append((el, len(tokens)))
    return blocks


def _widened(el: HtmlElement) -> HtmlElement:
    """The nearest enclosing `<article>` / articleBody / microdata Article element, or el."""
    for node in _self_and_ancestors(el):
        if node.tag == "article" or node.get("itemprop") == "articleBody":
            return node
        itemtype = node.get("itemtype")
        if itemtype and _ARTICLE_TYPE.search(itemtype):
            return node
    return el


def find_container(
    tree: HtmlElement, body: Sequence[str], names: NamedElements | None = None
) -> Container:
    """The article's container, body blocks, and span in the page (see Container).

    The figure and link readers both need it: the HTML reader finds it once and hands it
    to both; either finds it itself when called alone. `names` is the page's class/id
    index when the caller has built it already.
    """
    return _container(tree, tuple(body), names)


def _container(tree: HtmlElement, body: Sequence[str], names: NamedElements | None) -> Container:
    blocks = body_blocks(tree, body)
    if not blocks:
        return Container(None, tree=tree, names=names)
    block_set = {el for el, _ in blocks}
    inner = [(el, n) for el, n in blocks if not any(a in block_set for a in el.iterancestors())]
    weight: dict[HtmlElement, int] = {}
    depth: dict[HtmlElement, int] = {}
    total = 0
    for el, n in inner:
        total += n
        chain = [el, *el.iterancestors()]
        for level, node in enumerate(reversed(chain)):
            weight[node] = weight.get(node, 0) + n
            depth[node] = level
    best = None
    for el, _ in inner:  # the deepest element over the share: walk up from each block
        for node in _self_and_ancestors(el):
            if weight[node] >= _CONTAINER_SHARE * total:
                if best is None or depth[node] > depth[best]:
                    best = node
                break
    container = _widened(best) if best is not None else None
    paragraphs = [el for el, _ in inner]
    first = order_key(paragraphs[0])
    start = first
    for h1 in tree.iter("h1"):
        key = order_key(h1)
        if key < first:
            start = key
    return Container(
        container,
        paragraphs,
        weight,
        total,
        start=start,
        end=order_key(paragraphs[-1]),
        tree=tree,
        names=names,
    )
