"""Recommendation cards after a `Recommended for You` / `More for You` / `Related` heading.

A card is: title, publisher, the title again (optional), a category (optional).
Block boundaries are not trusted: in real dumps the category line shares a
block with the *next* card's title, so cards are read as a line sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.ids import same_text
from transforms.vocab import CATEGORIES, PUBLISHERS, REC_HEADINGS, key

# "More from AP News", "More From Reuters", "More stories from UPI"
_MORE_FROM = re.compile(r"^more (?:stories |news |articles )?from\s+\S.{0,40}$", re.IGNORECASE)
_MAX_HEADING_CHARS = 60
_MAX_PUBLISHER_WORDS = 7
_MAX_CROSS_BLOCK_PUBLISHER_WORDS = 4
_MAX_PUBLISHER_CHARS = 60
_MAX_CARD_TITLE_WORDS = 40


@dataclass(slots=True)
class Card:
    """One recommendation card (becomes a `recommended` related_link)."""

    title: str
    publisher: str | None = None
    category: str | None = None


@dataclass(slots=True)
class CardLine:
    """A line of the recommendations section and whether a blank line preceded it.

    Not frozen (like blocks.Line): a frozen dataclass is three times slower to create,
    and every line of a recommendations section is one.
    """

    text: str
    starts_block: bool


def is_rec_heading(line: str) -> bool:
    """A line that opens a recommendations block."""
    if len(line) > _MAX_HEADING_CHARS:
        return False
    return _is_short_rec_heading(line)


@lru_cache(maxsize=4096)
def _is_short_rec_heading(line: str) -> bool:
    """is_rec_heading for a line short enough to be one; cached, since every line of a
    recommendations section is tested and card titles, publishers and categories recur."""
    folded = key(line).rstrip(":")
    return folded in REC_HEADINGS or _MORE_FROM.match(folded) is not None


def is_category(line: str) -> bool:
    """A card category line: `News`, `Sports`, `Entertainment`, `Money`, `Lifestyle`, `Video`..."""
    return key(line) in CATEGORIES


def looks_like_card_title(line: str) -> bool:
    """Card titles are headlines: not paragraphs of prose."""
    return len(line.split()) <= _MAX_CARD_TITLE_WORDS


def _looks_like_publisher(line: CardLine, title: str) -> bool:
    """The line under a card title names its publisher.

    In the same block as the title any short, non-sentence line qualifies; across
    a blank line only a known publisher name or a very short line under a
    headline-length title does (otherwise a card without a publisher would
    swallow the next card's title).
    """
    text = line.text
    if is_category(text) or same_text(text, title):
        return False
    if key(text) in PUBLISHERS:
        return True
    words = len(text.split())
    if line.starts_block and (words > _MAX_CROSS_BLOCK_PUBLISHER_WORDS or len(title.split()) < 5):
        return False
    return (
        len(text.split()) <= _MAX_PUBLISHER_WORDS
        and len(text) <= _MAX_PUBLISHER_CHARS
        and text[-1] not in ".!?:;,"
        and (text[0].isupper() or text[0].isdigit())
    )


def parse_cards(lines: list[CardLine]) -> list[Card]:
    """Cards in page order from the lines after a heading (headings in between are skipped).

    Categories normally close a card. If the section *starts* with a category,
    the layout puts categories above titles, and each one opens the next card.
    """
    cards: list[Card] = []
    content = [line for line in lines if not is_rec_heading(line.text)]
    category_first = bool(content) and is_category(content[0].text)
    pending_category: str | None = None
    i = 0
    n = len(content)
    while i < n:
        text = content[i].text
        if is_category(text):
            if category_first:
                pending_category = text
            elif cards and cards[-1].category is None:
                cards[-1].category = text
            i += 1
            continue
        card = Card(title=text, category=pending_category)
        pending_category = None
        i = _read_card_tail(content, i + 1, card, closing_category=not category_first)
        cards.append(card)
    return cards


def _read_card_tail(lines: list[CardLine], i: int, card: Card, *, closing_category: bool) -> int:
    """Fill publisher (and closing category) of a card whose title was just read; next index."""
    n = len(lines)
    if i < n and _looks_like_publisher(lines[i], card.title):
        card.publisher = lines[i].text
        i += 1
    if i < n and same_text(lines[i].text, card.title):
        i += 1
        if card.publisher is None and i < n and _looks_like_publisher(lines[i], card.title):
            card.publisher = lines[i].text
            i += 1
    if closing_category and i < n and is_category(lines[i].text):
        card.category = lines[i].text
        i += 1
    return i
