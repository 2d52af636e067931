"""Photo captions in a full-page capture, found near the article and kept out of its body.

A capture prints a photo's caption as a line of its own, its credit either closing
that line (`... in Clinton, Michigan. Photograph: Jane Doe/AFP/Getty Images`,
`... (Image credit: Acme)`, `... (Jane Doe/CBC)`) or on the next line
(`Jane Doe/Getty Images`); a photo without caption text leaves the credit alone.
The credit shapes are those of transforms/captions.py and transforms/credits.py;
this module only adds the labelled form (`Photo:`, `Image credit:`) and decides,
from the line scores, whether the line above a lone credit is its caption or the
article's paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.captions import (
    CaptionParts,
    build_image,
    can_be_caption,
    credit_line_strength,
    split_bare_credit,
    split_paren_credit,
)
from transforms.credits import CreditStrength
from transforms.page_lines import OWN_FEATURES, PageLine
from transforms.records import Image

# A labelled credit closing a line, or making it up, possibly in parentheses:
# "... Michigan. Photograph: Jane Doe/AFP", "(Image credit: Acme)", "Credit: Amazon",
# "Photo: Jane Doe", "Image: Studio", "Photo credit: J. Doe"
_LABELLED_CREDIT = re.compile(
    r"^(?P<caption>.*?)[\s(]*\b(?:(?:image|photo|photograph|picture|video)s?\s*(?:credits?)?"
    r"|credits?)\s*:\s*(?P<credit>[^():]{1,120}?)\s*\)?\s*$",
    re.IGNORECASE,
)
_MAX_CAPTION_WORDS = 80
# A line above a lone credit scored at least this surely as body stays body.
_BODY_SURE = 0.8
# ... unless it is short: article paragraphs are seldom this short, captions usually are.
_SHORT_CAPTION_WORDS = 30
# How far around the article captions are looked for.
BEFORE_TITLE = 3
AFTER_BLOCK = 2
_WORDS = OWN_FEATURES.index("words")
_CHROME = OWN_FEATURES.index("chrome_line")
_MIN_CAPTION_WORDS = 3


@dataclass(slots=True)
class Captions:
    """The article's photo captions, and the capture lines they were read from."""

    images: list[Image] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)


def labelled_credit(text: str) -> CaptionParts | None:
    """`caption Photo: credit` -> parts (caption may be empty); None without such a label."""
    if ":" not in text:
        return None
    m = _LABELLED_CREDIT.match(text)
    if not m:
        return None
    credit = m["credit"].strip()
    if not credit or not credit[0].isalnum():
        return None
    return CaptionParts(m["caption"].strip(), credit)


def caption_parts(text: str) -> CaptionParts | None:
    """A caption line's text and credit, or a lone credit (empty caption); None otherwise."""
    if len(text) > 1000:
        return None
    found = labelled_credit(text)
    if found is not None:
        return found
    if text.endswith((")", ").")):
        found = split_paren_credit(text)
        if found is not None:
            return found
        if text.startswith("(") and credit_line_strength(text) is CreditStrength.STRONG:
            return CaptionParts("", text.strip("() ."))
    found = split_bare_credit(text)
    if found is not None:
        return found
    if credit_line_strength(text) is CreditStrength.STRONG:
        return CaptionParts("", text)
    return None


def find_captions(
    lines: list[PageLine],
    own: list[list[float]],
    probs: list[float],
    title: int,
    block: tuple[int, int],
    body: set[int],
    skip: set[int],
) -> Captions:
    """Captions from the headline to just past the article's block, in page order.

    `skip`: lines already read as something else (the headline, bylines, dates).
    A credit alone on its line counts only inside the block: after it stand author
    bios and teasers, whose names look like credits.
    """
    found = Captions()
    lo = max(0, min(title, block[0]) - BEFORE_TITLE)
    hi = min(len(lines), block[1] + AFTER_BLOCK)
    for i in range(lo, hi):
        if i == title or i in found.lines or i in skip:
            continue
        parts = caption_parts(lines[i].text)
        if parts is None or (not parts.caption and i >= block[1]):
            continue
        caption = parts.caption
        found.lines.add(i)
        j = i - 1
        if not caption and j >= lo and j != title and j not in found.lines and j not in skip:
            above = lines[j].text
            if _may_caption_above(above, own[j], probs[j], j in body, lines[j].blank_after):
                caption = above
                found.lines.add(j)
        found.images.append(build_image(len(found.images), caption, parts.credit))
    return found


def _may_caption_above(
    text: str, own: list[float], prob: float, in_body: bool, blank_between: bool
) -> bool:
    """The line above a lone credit is its caption, not a paragraph of the article."""
    if not _MIN_CAPTION_WORDS <= own[_WORDS] <= _MAX_CAPTION_WORDS or own[_CHROME]:
        return False
    if in_body and prob >= _BODY_SURE and own[_WORDS] > _SHORT_CAPTION_WORDS:
        return False
    return can_be_caption(text, credit_in_next_block=blank_between)
