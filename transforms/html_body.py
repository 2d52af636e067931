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
- *rich text*: when trafilatura found almost no text and the page's JSON data holds
  the article as a rich-text document tree (script-rendered pages), its paragraphs;
- *teasers*: a "More stories" / "Read next" heading in the last half of the text
  and the teaser list after it;
- *headline*: the visible headline repeated as the first paragraph;
- *captions*: paragraphs that repeat a caption element of the page (captions
  and credits become image rows elsewhere; the dev corpus's truth keeps a few such
  paragraphs, so this costs 0.0005 of body F1 there and stays by contract);
- *furniture*: ad slots, "Related:" / "Read more" pointers, sign-up prompts,
  copyright lines, bylines and datelines left between or after paragraphs;
- *note blocks*: paragraphs repeating a block the page names as an author bio, a
  newsletter sign-up, a boilerplate / disclaimer / promo box (class or id words);
- *tail notes*: from the end back, the notes after an article: the author's bio or
  contact line ("Jane Doe is a reporter…", "… can be reached at"), "X contributed to
  this report", republication, correction and edit notes, sign-up prompts.

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
from collections.abc import Iterable, Iterator, Sequence

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from transforms import html_body_vocab as vocab
from transforms.furniture import is_furniture
from transforms.html_meta import jsonld_objects
from transforms.html_names import NamedElements

# Every repair, by name; body_paragraphs applies all of them unless told otherwise.
RULES = frozenset({
    "split", "jsonld", "richtext", "teasers", "headline", "captions", "furniture", "bylines",
    "tail", "blocks",
})  # fmt: skip

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
# A paragraph that is only punctuation / symbols: "|", "…", "•", "[…]", "_____" (a rule).
_NO_WORD = re.compile(r"^[\W_]*$")
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
# A note about a person after the article, opening on their name (one to five capitalised
# words, maybe after a dash or bullet, not a pronoun) and what they are or do: "Jane Doe is a
# reporter for…", "—Staff writer Jo Roe can be reached at…", "Brett is curious about…",
# "Reuters' Al Poe contributed to this report.", "Kim Lee writes about health."
_PERSON_NOTE = re.compile(
    r"^[—–•-]?\s*(?!(?i:he|she|it|this|that|there|they|we|i|you)\b)"
    r"(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*\s+"
    r"(?:(?:is|was|has\s+been)\s+(?:a|an|the|curious|currently|also)\s"
    r"|writes\s+about|covers\s|can\s+be\s+reached|may\s+be\s+reached|contributed)"
)
# An e-mail address or a social handle in a note: "jdoe@example.com", "@jdoe".
_CONTACT = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,}")
# Words of a sign-up or credit note ("contributed to this report", "newsletter", "inbox").
_NOTE_WORDS = re.compile(r"\b(?:contributed|newsletters?|inbox|subscrib\w*)\b", re.IGNORECASE)
# Elements that hold a caption (the same kinds the images reader reads).
_CAPTION_XPATH = etree.XPath(
    "//figcaption | //*[@itemprop='caption'] | //figure//*[contains(@class, 'caption')]"
)
# A class or id naming a note block (vocab.NOTE_BLOCK_CLASSES): "author-bio", "post-boilerplate".
_NOTE_BLOCK_NAME = re.compile("|".join(map(re.escape, vocab.NOTE_BLOCK_CLASSES)))
# What trafilatura would delete anyway, for it to delete first: "//aside|//footer|…".
_DISCARDS = "|".join(f"//{tag}" for tag in vocab.TRAFILATURA_DISCARDS)
# HTML markup inside a JSON string, raw or escaped: "<p>", "&lt;p&gt;", "&amp;lt;!-- wp:".
_MARKUP = re.compile(r"<(?:/?[a-z][a-z0-9]*[\s>/]|!--)|&(?:amp;)*lt;", re.IGNORECASE)
_H1_XPATH = etree.XPath("//h1")
_TITLE_META_XPATH = etree.XPath(
    "//meta[@property='og:title']/@content | //meta[@name='twitter:title']/@content | //title"
)


def body_paragraphs(
    tree: HtmlElement,
    names: NamedElements | None = None,
    ld_objects: Sequence[dict] | None = None,
) -> list[str]:
    """The article's body paragraphs in page order, without captions, bylines or teasers.

    `tree` is a parsed page (`lxml.html.document_fromstring`); it is not changed
    (trafilatura works on its own copy of it, about 2 ms of the time). `names` (the
    page's class/id index) and `ld_objects` (its JSON-LD objects, HtmlMeta.ld_objects)
    are passed when the caller has them already.
    """
    return repaired_paragraphs(extracted_paragraphs(tree), tree, names=names, ld_objects=ld_objects)


def repaired_paragraphs(
    paragraphs: list[str],
    tree: HtmlElement,
    rules: Iterable[str] = RULES,
    names: NamedElements | None = None,
    ld_objects: Sequence[dict] | None = None,
) -> list[str]:
    """trafilatura's paragraphs after the repairs named in `rules` (all by default; the
    bench turns them off one by one to measure each)."""
    rules = frozenset(rules)
    return text_repaired(page_repaired(paragraphs, tree, rules, names, ld_objects), rules)


def page_repaired(
    paragraphs: list[str],
    tree: HtmlElement,
    rules: frozenset[str],
    names: NamedElements | None = None,
    ld_objects: Sequence[dict] | None = None,
) -> list[str]:
    """The repairs that read the page: one block split, JSON-LD, headline, captions."""
    if "split" in rules:
        paragraphs = _split_blob(paragraphs, tree)
    if "jsonld" in rules:
        objects = jsonld_objects(tree) if ld_objects is None else ld_objects
        paragraphs = _prefer_jsonld(paragraphs, objects)
    if "richtext" in rules:
        paragraphs = _prefer_rich_text(paragraphs, tree)
    if "headline" in rules:
        paragraphs = _without_headline(paragraphs, tree)
    if "captions" in rules:
        paragraphs = _without_captions(paragraphs, tree)
    if "blocks" in rules:
        paragraphs = _without_note_blocks(paragraphs, names or NamedElements.of(tree))
    return paragraphs


def text_repaired(paragraphs: list[str], rules: frozenset[str]) -> list[str]:
    """The repairs that read only the paragraphs: teaser blocks, furniture, bylines."""
    if "teasers" in rules:
        paragraphs = _before_teasers(paragraphs)
    if "furniture" in rules:
        paragraphs = [p for p in paragraphs if not is_furniture(p)]
    if "bylines" in rules:
        paragraphs = [p for p in paragraphs if not is_byline_or_dateline(p)]
    if "tail" in rules:
        paragraphs = without_tail_notes(paragraphs)
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
        include_images=False, include_links=False, deduplicate=False, prune_xpath=_DISCARDS,
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


def _prefer_jsonld(paragraphs: list[str], ld_objects: Sequence[dict]) -> list[str]:
    """The JSON-LD articleBody's paragraphs where trafilatura's text holds little of it."""
    body = jsonld_article_body(ld_objects)
    if body is None or _holds_most_of(paragraphs, body):
        return paragraphs
    return [p for p in (_fold(line) for line in body.splitlines()) if p]


def jsonld_article_body(ld_objects: Sequence[dict]) -> str | None:
    """The longest `articleBody` string of the page's JSON-LD objects, or None.

    A body that holds markup (a CMS's block source, `<p>` tags, escaped or not) is not
    the article's text and is left out.
    """
    found = [
        body
        for body in (obj.get("articleBody") for obj in ld_objects)
        if isinstance(body, str) and not _MARKUP.search(body)
    ]
    return max(found, key=len) if found else None


def _holds_most_of(paragraphs: list[str], text: str) -> bool:
    """Whether `text` is too short to trust (vocab.LD_MIN_WORDS), or the paragraphs hold
    vocab.LD_DISAGREE of its shingles already: either way it should not replace them."""
    if len(_WORD.findall(text)) < vocab.LD_MIN_WORDS:
        return True
    wanted = _shingles(text)
    got = _shingles(" ".join(paragraphs))
    return sum((wanted & got).values()) >= vocab.LD_DISAGREE * sum(wanted.values())


# ---- a rich-text document in the page's JSON -------------------------------------------


def _prefer_rich_text(paragraphs: list[str], tree: HtmlElement) -> list[str]:
    """The paragraphs of a rich-text document in the page's JSON data where trafilatura
    found almost no text.

    Script-rendered pages (Next.js and the like) ship the article as a JSON document
    tree, `{"type": "paragraph", "content": [{"type": "text", "value": "..."}]}` (the
    shape of ProseMirror / Contentful rich text), and may print only its opening in the
    HTML. When trafilatura's text is shorter than vocab.RICH_TEXT_BELOW_WORDS, the
    document's paragraphs replace it if they are long and trafilatura holds little of
    them (the JSON-LD test). Pages with enough visible text skip the JSON parse.
    """
    if sum(_word_count(p) for p in paragraphs) >= vocab.RICH_TEXT_BELOW_WORDS:
        return paragraphs
    found: list[str] = []
    for script in _JSON_XPATH(tree):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        document = [text for text in map(_fold, _rich_text_paragraphs(data)) if text]
        if len(document) > len(found):
            found = document
    if _holds_most_of(paragraphs, "\n".join(found)):
        return paragraphs
    return found


def _rich_text_paragraphs(data: object) -> Iterator[str]:
    """The text of every paragraph node of rich-text document trees in `data`."""
    if isinstance(data, dict):
        if data.get("type", data.get("nodeType")) == "paragraph":
            yield "".join(_rich_text_values(data.get("content")))
            return
        for value in data.values():
            yield from _rich_text_paragraphs(value)
    elif isinstance(data, list):
        for value in data:
            yield from _rich_text_paragraphs(value)


def _rich_text_values(data: object) -> Iterator[str]:
    """The text values under a paragraph node, in order (links and marks included)."""
    if isinstance(data, dict):
        value = data.get("value")
        if isinstance(value, str) and data.get("type", data.get("nodeType")) == "text":
            yield value
        yield from _rich_text_values(data.get("content"))
    elif isinstance(data, list):
        for value in data:
            yield from _rich_text_values(value)


_JSON_XPATH = etree.XPath("//script[@type='application/json']")


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
        caption_shingles.update(_shingle_list(node.text_content()))
    if not caption_shingles:
        return paragraphs
    return [p for p in paragraphs if not _mostly_in(p, caption_shingles)]


def _without_note_blocks(paragraphs: list[str], names: NamedElements) -> list[str]:
    """Drop paragraphs that repeat the text of a block the page names as a note around
    the article: an author bio, a newsletter sign-up, a boilerplate or disclaimer box
    (class or id words in vocab.NOTE_BLOCK_CLASSES).

    A block holding more than vocab.NOTE_BLOCK_MAX_SHARE of the text is the article's
    own wrapper, whatever its class says (`body.single-post has-newsletter`).
    """
    blocks = note_blocks(names)
    if not blocks:
        return paragraphs
    limit = vocab.NOTE_BLOCK_MAX_SHARE * sum(_word_count(p) for p in paragraphs)
    note_shingles: set[tuple[str, ...]] = set()
    for node in blocks:
        text = node.text_content()
        if _word_count(text) <= limit:
            note_shingles.update(_shingle_list(text))
    if not note_shingles:
        return paragraphs
    return [p for p in paragraphs if not _mostly_in(p, note_shingles)]


def note_blocks(names: NamedElements) -> list[HtmlElement]:
    """Elements whose class or id names a note block (classes first, then ids)."""
    return names.matching(_NOTE_BLOCK_NAME)


def _mostly_in(paragraph: str, shingles: set[tuple[str, ...]]) -> bool:
    """Whether vocab.CAPTION_OVERLAP of the paragraph's shingles (counted with repeats) are in
    `shingles`."""
    own = _shingle_list(paragraph)
    inside = sum(map(shingles.__contains__, own))
    return bool(own) and inside >= vocab.CAPTION_OVERLAP * len(own)


def is_byline_or_dateline(paragraph: str) -> bool:
    """Whether a short paragraph is a byline ("By Jane Doe") or a date line."""
    if len(_WORD.findall(paragraph)) > vocab.MAX_BYLINE_WORDS:
        return False
    return bool(_BYLINE.match(paragraph) or _DATELINE.match(paragraph.strip()))


def without_tail_notes(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the notes that follow an article: the last paragraphs, from
    the end back, while each is a note (see is_tail_note); at least one paragraph stays.

    Only the end is cut: the same words inside the article ("Smith is a teacher") are the
    story, after its last paragraph they are the page's note about its author.
    """
    end = len(paragraphs)
    while end > 1 and is_tail_note(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]


def is_tail_note(paragraph: str) -> bool:
    """Whether a paragraph reads as a note after an article: an author's bio or contact
    line, a credit for reporting, a sign-up prompt, a republication or correction note."""
    words = _word_count(paragraph)
    if words > vocab.MAX_TAIL_NOTE_WORDS:
        return False
    if paragraph.casefold().startswith(vocab.TAIL_NOTE_OPENINGS):
        return True
    if _PERSON_NOTE.match(paragraph):
        return True
    if words <= vocab.MAX_SHORT_NOTE_WORDS:
        return bool(_CONTACT.search(paragraph) or _NOTE_WORDS.search(paragraph))
    return False


# ---- text helpers ----------------------------------------------------------------------


def _word_count(text: str) -> int:
    """Words as whitespace runs: cheap, and close enough for shares of a text."""
    return len(text.split())


def _key(text: str) -> str:
    """Text compared loosely: casefolded words only."""
    return " ".join(_WORD.findall(text.casefold()))


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-word shingles (the body metric's unit; short texts are one)."""
    return Counter(_shingle_list(text))


def _shingle_list(text: str) -> list[tuple[str, ...]]:
    """The 4-word shingles in text order, repeats kept (a text of 1-3 words is one)."""
    words = _WORD.findall(text)
    if len(words) < 4:
        return [tuple(words)] if words else []
    return list(zip(words, words[1:], words[2:], words[3:], strict=False))
