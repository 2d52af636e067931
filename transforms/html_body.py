"""The article's body paragraphs from an HTML page: trafilatura, then measured repairs.

trafilatura (fast mode: no readability / jusText fallbacks, which cost twice the
time and scored lower on the dev corpus) finds the article block. What it gets
wrong in ways that can be measured is then repaired, each repair a small rule
that only removes or replaces, never invents text:

- *one block*: where trafilatura falls back to joining the whole text into one
  string (too little visible text, e.g. a paywall hiding the rest), the page's own
  paragraphs found in that string are taken instead;
- *JSON-LD articleBody*: when the page's structured data carries a long article
  body and trafilatura's text holds little of it, trafilatura chose another block
  (a teaser list, a table of contents), and the structured body is taken instead;
- *teasers*: a "More stories" / "Read next" heading in the last half of the text
  and the teaser list after it;
- *headline*: the visible headline repeated as the first paragraph;
- *captions*: paragraphs that repeat a caption element of the page (captions
  and credits become image rows elsewhere; the dev corpus's truth keeps a few such
  paragraphs, so this costs 0.0005 of body F1 there and stays by contract);
- *furniture*: ad slots, "Related:" / "Read more" pointers, sign-up prompts,
  copyright lines, bylines and datelines left between or after paragraphs.

The words and limits are data in transforms/html_body_vocab.py;
bench/html_body_accuracy.py measures every rule with site-grouped folds.

Paywalled text that a page keeps in `display:none` blocks is already read by
trafilatura 2.3 (showing such blocks again before extraction was measured and
made no page better).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from transforms import html_body_vocab as vocab

# Every repair, by name; body_paragraphs applies all of them unless told otherwise.
RULES = frozenset({"split", "jsonld", "teasers", "headline", "captions", "furniture", "bylines"})

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
# A paragraph that is only punctuation / symbols: "|", "…", "•", "[…]".
_NO_WORD = re.compile(r"^\W*$")
# Leading and trailing punctuation around a furniture line: "READ MORE »", "— Advertisement —".
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
# A byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "By Dec 19, 2023".
_BYLINE = re.compile(r"^by\s+\S", re.IGNORECASE)
# A dateline paragraph: "Published Dec 19, 2023", "Updated: 12/19/2023 10:02 AM EST",
# "December 19, 2023", "Posted on 19 December 2023".
_DATELINE = re.compile(
    r"^(?:(?:first\s+)?(?:published|updated|posted|last\s+updated|modified)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|(?:\d{1,2}\s+)?[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r",?\s+\d{4}|\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4})"
    r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,5})?)?\W*$",
    re.IGNORECASE,
)
# Elements that hold a caption (the same kinds the images reader reads).
_CAPTION_XPATH = etree.XPath(
    "//figcaption | //*[@itemprop='caption'] | //figure//*[contains(@class, 'caption')]"
)
_LD_XPATH = etree.XPath("//script[@type='application/ld+json']")
_H1_XPATH = etree.XPath("//h1")
_TITLE_META_XPATH = etree.XPath(
    "//meta[@property='og:title']/@content | //meta[@name='twitter:title']/@content | //title"
)


def body_paragraphs(tree: HtmlElement) -> list[str]:
    """The article's body paragraphs in page order, without captions, bylines or teasers.

    `tree` is a parsed page (`lxml.html.document_fromstring`); it is not changed
    (trafilatura works on its own copy of it, about 2 ms of the time).
    """
    return repaired_paragraphs(extracted_paragraphs(tree), tree)


def repaired_paragraphs(
    paragraphs: list[str], tree: HtmlElement, rules: Iterable[str] = RULES
) -> list[str]:
    """trafilatura's paragraphs after the repairs named in `rules` (all by default; the
    bench turns them off one by one to measure each)."""
    rules = frozenset(rules)
    return text_repaired(page_repaired(paragraphs, tree, rules), rules)


def page_repaired(paragraphs: list[str], tree: HtmlElement, rules: frozenset[str]) -> list[str]:
    """The repairs that read the page: one block split, JSON-LD, headline, captions."""
    if "split" in rules:
        paragraphs = _split_blob(paragraphs, tree)
    if "jsonld" in rules:
        paragraphs = _prefer_jsonld(paragraphs, tree)
    if "headline" in rules:
        paragraphs = _without_headline(paragraphs, tree)
    if "captions" in rules:
        paragraphs = _without_captions(paragraphs, tree)
    return paragraphs


def text_repaired(paragraphs: list[str], rules: frozenset[str]) -> list[str]:
    """The repairs that read only the paragraphs: teaser blocks, furniture, bylines."""
    if "teasers" in rules:
        paragraphs = _before_teasers(paragraphs)
    if "furniture" in rules:
        paragraphs = [p for p in paragraphs if not is_furniture(p)]
    if "bylines" in rules:
        paragraphs = [p for p in paragraphs if not is_byline_or_dateline(p)]
    return paragraphs


# ---- trafilatura -----------------------------------------------------------------------


def extracted_paragraphs(tree: HtmlElement) -> list[str]:
    """trafilatura's body, one string per block (paragraph, heading, list item, quote).

    trafilatura copies the tree it is given before cleaning it (2.x), so the caller's
    tree stays as it was. Tables are left out: on the dev corpus they were schedules,
    nutrition facts and spec sheets more often than article text (body F1 +0.002, no
    site fold worse).
    """
    document = trafilatura.bare_extraction(
        tree, fast=True, include_comments=False, with_metadata=False, include_tables=False,
        include_images=False, include_links=False, deduplicate=False,
    )  # fmt: skip
    if document is None or document.body is None:
        return []
    return [text for text in _block_texts(document.body) if not _NO_WORD.match(text)]


def _block_texts(body: etree._Element) -> Iterator[str]:
    """The text of each block of trafilatura's output tree, whitespace-folded."""
    for block in body:
        items = block.iter("item") if block.tag == "list" else (block,)
        for item in items:
            yield _fold(" ".join(item.itertext()))


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


# ---- one block for the whole text ------------------------------------------------------


def _split_blob(paragraphs: list[str], tree: HtmlElement) -> list[str]:
    """The page's own paragraphs where trafilatura gave the whole text as one block.

    When too little visible text is left (a paywall hiding the rest), trafilatura falls
    back to joining every paragraph of the page into one string, headline included. The
    page's `<p>` elements found in that string, in page order, are the paragraphs again.
    """
    if len(paragraphs) != 1:
        return paragraphs
    blob = paragraphs[0]
    found = [text for text in (_fold(p.text_content()) for p in _P_XPATH(tree)) if text]
    found = [text for text in found if text in blob]
    if len(found) < 2 or sum(map(len, found)) < vocab.SPLIT_COVERAGE * len(blob):
        return paragraphs
    return found


_P_XPATH = etree.XPath("//body//p")


# ---- JSON-LD articleBody ---------------------------------------------------------------


def _prefer_jsonld(paragraphs: list[str], tree: HtmlElement) -> list[str]:
    """The JSON-LD articleBody's paragraphs where trafilatura's text holds little of it."""
    body = jsonld_article_body(tree)
    if body is None or len(_WORD.findall(body)) < vocab.LD_MIN_WORDS:
        return paragraphs
    ld = _shingles(body)
    got = _shingles(" ".join(paragraphs))
    if sum((ld & got).values()) >= vocab.LD_DISAGREE * sum(ld.values()):
        return paragraphs
    return [p for p in (_fold(line) for line in body.splitlines()) if p]


def jsonld_article_body(tree: HtmlElement) -> str | None:
    """The longest `articleBody` string in the page's JSON-LD blocks, or None."""
    found: list[str] = []
    for script in _LD_XPATH(tree):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        found.extend(_article_bodies(data))
    return max(found, key=len) if found else None


def _article_bodies(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "articleBody" and isinstance(value, str):
                yield value
            else:
                yield from _article_bodies(value)
    elif isinstance(data, list):
        for value in data:
            yield from _article_bodies(value)


# ---- teaser blocks -------------------------------------------------------------------


def _before_teasers(paragraphs: list[str]) -> list[str]:
    """Cut the paragraphs from a teaser-block heading on ("More stories", "Read next"),
    when it comes in the last part of the text."""
    total = sum(_word_count(p) for p in paragraphs)
    seen = 0
    for index, paragraph in enumerate(paragraphs):
        words = _word_count(paragraph)
        if (
            seen >= vocab.TEASER_AFTER_SHARE * total
            and words <= vocab.MAX_TEASER_HEADING_WORDS
            and paragraph.casefold().startswith(vocab.TEASER_HEADINGS)
        ):
            return paragraphs[:index]
        seen += words
    return paragraphs


# ---- headline, captions, furniture -----------------------------------------------------


def _without_headline(paragraphs: list[str], tree: HtmlElement) -> list[str]:
    """Drop the visible headline repeated in the body, and what comes before it when that
    is a small part of the text.

    trafilatura may start the body above the headline: a disclosure box, a kicker, a
    newsletter prompt. The headline found among the opening paragraphs (before
    `vocab.HEADLINE_WITHIN_SHARE` of the words) marks where the article starts; the
    headline is an `<h1>` that the page's title (`<title>`, og:title) repeats, as pages
    also use `<h1>` for section names and subheads. An `<h1>` or title is otherwise only
    dropped as the very first paragraph.
    """
    if not paragraphs:
        return paragraphs
    h1s = {_key(h.text_content()) for h in _H1_XPATH(tree)} - {""}
    titles = {_key(v if isinstance(v, str) else v.text_content()) for v in _TITLE_META_XPATH(tree)}
    headlines = {h1 for h1 in h1s if any(h1 in title for title in titles)}
    total = sum(_word_count(p) for p in paragraphs)
    seen = 0
    start = 0
    for index, paragraph in enumerate(paragraphs):
        if seen > vocab.HEADLINE_WITHIN_SHARE * total:
            break
        if _key(paragraph) in headlines:
            start = index + 1
        seen += _word_count(paragraph)
    if start < len(paragraphs) and _key(paragraphs[start]) in titles | h1s:
        start += 1
    return paragraphs[start:]


def _without_captions(paragraphs: list[str], tree: HtmlElement) -> list[str]:
    """Drop paragraphs that repeat the text of a caption element of the page: most of
    their 4-word shingles are caption shingles."""
    caption_shingles: set[tuple[str, ...]] = set()
    for node in _CAPTION_XPATH(tree):
        caption_shingles.update(_shingles(node.text_content()))
    if not caption_shingles:
        return paragraphs
    kept = []
    for paragraph in paragraphs:
        own = _shingles(paragraph)
        size = sum(own.values())
        inside = sum(n for shingle, n in own.items() if shingle in caption_shingles)
        if size and inside >= vocab.CAPTION_OVERLAP * size:
            continue
        kept.append(paragraph)
    return kept


def is_furniture(paragraph: str) -> bool:
    """Whether a paragraph is page furniture: an ad slot, a pointer to another story, a
    prompt to sign up or share, a copyright line."""
    folded = paragraph.casefold()
    bare = _EDGE_PUNCT.sub("", folded)
    if bare in vocab.FURNITURE_LINES:
        return True
    if folded.startswith(vocab.PROMPT_OPENINGS):
        return True
    for prefix in vocab.FURNITURE_PREFIXES:
        if folded.startswith(prefix):
            rest = folded[len(prefix) :].lstrip()
            if not rest or rest[0] in ":|>»-–—":
                return True
    return False


def is_byline_or_dateline(paragraph: str) -> bool:
    """Whether a short paragraph is a byline ("By Jane Doe") or a date line."""
    if len(_WORD.findall(paragraph)) > vocab.MAX_BYLINE_WORDS:
        return False
    return bool(_BYLINE.match(paragraph) or _DATELINE.match(paragraph.strip()))


# ---- text helpers ----------------------------------------------------------------------


def _word_count(text: str) -> int:
    """Words as whitespace runs: cheap, and close enough for shares of a text."""
    return len(text.split())


def _key(text: str) -> str:
    """Text compared loosely: casefolded words only."""
    return " ".join(_WORD.findall(text.casefold()))


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-word shingles (the body metric's unit; short texts are one)."""
    words = _WORD.findall(text)
    if len(words) < 4:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + 4]) for i in range(len(words) - 3))
