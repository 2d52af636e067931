"""Photo captions in a full-page capture, found near the article and kept out of its body.

A capture prints a photo's caption as a line of its own, its credit either closing
that line (`... in Clinton, Michigan. Photograph: Jane Doe/AFP/Getty Images`,
`... (Image credit: Acme)`, `... (Jane Doe/CBC)`) or on the next line
(`Jane Doe/Getty Images`); a photo without caption text leaves the credit alone.
The credit shapes are those of transforms/captions.py and transforms/credits.py;
this module only adds the labelled form (`Photo:`, `Image credit:`) and decides,
from the line scores, whether the line above a lone credit is its caption or the
article's paragraph.

Many captions print no credit at all (a scene in a sentence, names, a place and a
date, right by the photo's position in the text). No shape tells them from a short
paragraph, so a small learned ensemble (trained in bench/train_page_model.py,
shipped in transforms/page_model.json) scores each short line near the article by
its own features, the body scores around it and whether a credit line or another
caption-like line stands next to it; a line it scores as a caption is one, credit
or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.captions import (
    CaptionParts,
    build_image,
    can_be_caption,
    credit_line_strength,
    has_caption_cue,
    split_bare_credit,
    split_paren_credit,
)
from transforms.credits import CreditStrength
from transforms.page_lines import FEATURE_NAMES, OWN_FEATURES, PageLine
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
_CREDIT = OWN_FEATURES.index("credit")
# The learned pass looks this far before the block (a lead photo above the body).
BEFORE_BLOCK = 8

CAPTION_FEATURES: tuple[str, ...] = (
    *FEATURE_NAMES,
    "p",
    "p_prev",
    "p_next",
    "credit_prev",
    "credit_next",
    "words_prev",
    "words_next",
    "caption_cue",
    "in_block",
)


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


def caption_candidates(own: list[list[float]], block: tuple[int, int]) -> list[int]:
    """Lines near the block short enough to be a caption, for the learned pass."""
    lo = max(0, block[0] - BEFORE_BLOCK)
    hi = min(len(own), block[1] + AFTER_BLOCK)
    return [
        i
        for i in range(lo, hi)
        if _MIN_CAPTION_WORDS <= own[i][_WORDS] <= _MAX_CAPTION_WORDS and not own[i][_CHROME]
    ]


def caption_rows(
    lines: list[PageLine],
    features: list[list[float]],
    probs: list[float],
    block: tuple[int, int],
    candidates: list[int],
) -> list[list[float]]:
    """One row per candidate line (order: CAPTION_FEATURES)."""
    n = len(lines)
    rows = []
    for i in candidates:
        prev = features[i - 1] if i > 0 else None
        nxt = features[i + 1] if i + 1 < n else None
        rows.append(
            [
                *features[i],
                probs[i],
                probs[i - 1] if prev else 0.0,
                probs[i + 1] if nxt else 0.0,
                prev[_CREDIT] if prev else 0.0,
                nxt[_CREDIT] if nxt else 0.0,
                prev[_WORDS] if prev else 0.0,
                nxt[_WORDS] if nxt else 0.0,
                float(has_caption_cue(lines[i].text)),
                float(block[0] <= i < block[1]),
            ]
        )
    return rows


def find_captions(
    lines: list[PageLine],
    own: list[list[float]],
    probs: list[float],
    title: int,
    block: tuple[int, int],
    body: set[int],
    skip: set[int],
    learned: dict[int, float] | None = None,
    threshold: float = 0.5,
) -> Captions:
    """Captions from the headline to just past the article's block, in page order.

    `skip`: lines already read as something else (the headline, bylines, dates).
    A credit alone on its line counts only inside the block: after it stand author
    bios and teasers, whose names look like credits. `learned`: the caption ensemble's
    probability per candidate line; one of `threshold` or more is a caption without a
    credit when no credit shape made it one.
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
        found.images.append(build_image(i, caption, parts.credit))
    for i, prob in (learned or {}).items():
        if prob < threshold or i == title or i in found.lines or i in skip:
            continue
        found.lines.add(i)
        found.images.append(build_image(i, lines[i].text, None))
    found.images.sort(key=lambda image: image.position)
    for position, image in enumerate(found.images):
        image.position = position
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
