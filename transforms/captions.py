"""Photo captions: telling a caption from a body paragraph, and cutting its credit off.

A caption is recognised by its credit (a parenthetical at the very end, a bare
`REUTERS/Name` / `Photo by Name/UPI` after the last sentence, or a credit on
the next line), or, without a credit, by an unmistakable opening (`FILE -`,
`In this photo ...`). A parenthetical that is not credit-shaped (`(R-Texas)`,
`(about $5 million)`) never makes a caption; a bare agency `(Reuters)` does only
when the text also reads like a caption (a dated scene, photo vocabulary).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.credits import CreditStrength, clean_credit, credit_strength, parse_credit
from transforms.dates import find_caption_date
from transforms.links import RELATED_LABEL
from transforms.page_vocab import NOT_CREDIT_OPENERS
from transforms.records import Image
from transforms.refusals import AFFILIATE_WORDING
from transforms.vocab import STOCK_LIBRARIES, hinted_search

# A parenthetical closing the line: "... 2025. ( Stepan Pugachev/Roscongress Foundation via AP)"
# (a period after it is tolerated: "... (AP Photo/Evan Vucci)." but then it must be strong)
_TRAILING_PAREN = re.compile(r"\(\s*(?P<credit>[^()]{1,160}?)\s*\)\s*(?P<period>\.?)\s*$")
# Places where a bare credit may start: after a sentence end and whitespace.
SENTENCE_GAP = re.compile(r"(?<=[.!?”\"’)])\s+(?=\S)")
# How a bare (unparenthesised) credit may begin: "REUTERS/", "Photo by", "UPI/", "Name/Org".
_BARE_CREDIT_START = re.compile(
    r"^(?:reuters|upi|afp|epa|(?:file |pool )?photo(?:graph)?s? by|[^\s/]+(?: [^\s/]+){0,4} ?/)",
    re.IGNORECASE,
)
_MAX_BARE_CREDIT_WORDS = 12
MAX_CREDIT_LINE_WORDS = _MAX_BARE_CREDIT_WORDS + 4  # a longer line is never a credit on its own
_MAX_CAPTION_WORDS = 150
# Captions that announce themselves: "FILE - ", "FILE – ", "FILE—", "FILE PHOTO:", "In this photo
# released by ...", "This image provided by ...", "An undated handout photo ..."
CAPTION_PREFIX = re.compile(
    r"^(?:FILE\s*(?:PHOTO\s*)?[-–—:]|FILE PHOTO\b"
    r"|In this (?:\w+ )?(?:photo|image|picture|frame|video|screen|still|combination|handout)"
    r"s?\b(?!-)"
    r"|This (?:\w+ )?(?:photo|image|picture|frame grab|video grab|still image|handout)(?: \w+)?"
    r" (?:provided|released|taken|made|shows|distributed|obtained|supplied)\b"
    r"|(?:An? )?(?:undated )?(?:handout )?(?:photo|image|picture) (?:provided|released) by\b)",
)
# Letters CAPTION_PREFIX (case-sensitive) can start with: FILE, In/This, An/A, undated,
# handout, photo/image/picture.
_CAPTION_PREFIX_FIRST = frozenset("FITAuhpi")
# File photo markers at the start of a caption.
_FILE_CAPTION = re.compile(r"^FILE\s*(?:PHOTO\s*)?[-–—:]|^FILE PHOTO\b", re.IGNORECASE)
# Handout markers inside a caption.
_HANDOUT_CAPTION = re.compile(
    r"\b(?:photo|image|picture|video|footage|frame|handout|still)s?\b[^.()]{0,60}?"
    r"\b(?:released|distributed|provided|issued|handed out)\s+by\b"
    r"|\bprovided by\b|\bhandout\b|\bcourtesy of\b",
    re.IGNORECASE,
)
# Words of which every _HANDOUT_CAPTION match holds one (for hinted_search).
_HANDOUT_HINTS = (
    "released", "distributed", "provided", "issued", "handed out", "handout", "courtesy"
)  # fmt: skip
# Vocabulary of pictures, seldom found in news prose.
_PHOTO_WORDS = re.compile(
    r"\b(?:photo(?:graph)?ed|pictured|poses?|posing|gestures?|looks on|from left|left to right"
    r"|seen here|file photo|attends?|waves?|arrives?)\b",
    re.IGNORECASE,
)
# The dated-scene formula of agency captions: "Friday, Sept. 5, 2025"
_WEEKDAY_DATE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+[a-z]{3,9}\.?\s+\d{1,2},\s+\d{4}",
    re.IGNORECASE,
)
# Line ends that credit_strength refuses (see cannot_end_credit).
_SENTENCE_ENDS = frozenset(".!?:;")
_QUOTE_ENDS = frozenset('"“”')

# Reported speech and quotations: body prose, rarely a caption.
_REPORTED_SPEECH = re.compile(
    r"[“”\"]|\b(?:said|says|told|according to|added|asked|wrote|stated)\b", re.IGNORECASE
)


@dataclass(slots=True, frozen=True)
class CaptionParts:
    """A caption's text and the credit as printed (None if it has none)."""

    caption: str
    credit: str | None


# Affiliate and commerce disclaimers, sign-up and consent prompts printed in a figure's place:
# "We may earn a commission from links on this page.", "Sign up for our newsletter"
# (not a commission or a sign held up in a photo: "The European Commission building")
_DISCLAIMER = re.compile(
    rf"\b(?:{AFFILIATE_WORDING}|sign up (?:for|to|now|today)|subscribe|cookies"
    r"|all rights reserved)\b",
    re.IGNORECASE,
)
# An author's or checker's byline in a caption's place: "By Jane Doe", "Fact checked by Jo Roe"
_BYLINE_CAPTION = re.compile(
    r"^(?:(?:fact[- ]checked|medically reviewed|reviewed|written|edited|reported) )?by\s+[A-Z]",
    re.IGNORECASE,
)
_MAX_BYLINE_WORDS = 8
# A writer's role closing a name, which makes it a byline and not a photo credit:
# "Jane Doe, staff writer", "Jo Roe, Contributing Editor"
_AUTHOR_ROLE = re.compile(
    r",\s*(?:(?:staff|senior|contributing|guest|freelance)\s+)?"
    r"(?:writer|editor|reporter|contributor|correspondent)s?\.?$",
    re.IGNORECASE,
)
# A credit's first word, looked up among the interface openers: "Download" in "Download PDF"
_OPENER = re.compile(r"[\w'’]+")


def is_disclaimer(text: str) -> bool:
    """An affiliate or commerce disclaimer, a sign-up or consent prompt: never a caption.

    Printed above a photo's credit, it leaves the photo a credit without caption; a
    promotion or a byline there makes the pair furniture (is_furniture_figure).
    """
    return _DISCLAIMER.search(text) is not None


def is_furniture_figure(caption: str, credit: str | None) -> bool:
    """A caption / credit pair that is the page's furniture printed where a photo's would be:
    a consent or affiliate notice, a promotion (`[Related: ...]`), an author's byline, or
    an interface line in the credit's place (`Download PDF`). No photo has such a caption.
    """
    if caption and (
        is_disclaimer(caption)
        or RELATED_LABEL.match(caption.lstrip("[("))
        or (_BYLINE_CAPTION.match(caption) and len(caption.split()) <= _MAX_BYLINE_WORDS)
    ):
        return True
    if not credit:
        return False
    opener = _OPENER.match(credit)
    return bool(
        (opener and opener[0].casefold() in NOT_CREDIT_OPENERS)
        or _AUTHOR_ROLE.search(credit)
        or is_disclaimer(credit)
    )


def has_caption_cue(text: str) -> bool:
    """Text that reads like a caption: a known opening, a full date, or picture vocabulary."""
    return bool(
        CAPTION_PREFIX.match(text)
        or _WEEKDAY_DATE.search(text)
        or _PHOTO_WORDS.search(text)
        or find_caption_date(text)
    )


def split_paren_credit(text: str) -> CaptionParts | None:
    """`caption (credit)` -> parts, when the closing parenthetical is credit-shaped."""
    if not text.rstrip(" .").endswith(")"):
        return None
    m = _TRAILING_PAREN.search(text)
    if not m:
        return None
    caption = text[: m.start()].rstrip()
    strength = credit_strength(m["credit"])
    if strength is CreditStrength.NONE or not caption:
        return None
    if strength is CreditStrength.WEAK and (m["period"] or not has_caption_cue(caption)):
        return None
    return CaptionParts(caption, clean_credit(m["credit"]))


def split_bare_credit(text: str) -> CaptionParts | None:
    """`... 2025. REUTERS/Evelyn Hockstein` -> parts: an unbracketed credit after a sentence."""
    if "/" not in text and " by " not in text and " via " not in text:
        return None
    for gap in SENTENCE_GAP.finditer(text):
        tail = text[gap.end() :].strip()
        if len(tail.split()) > _MAX_BARE_CREDIT_WORDS:
            continue
        if not _BARE_CREDIT_START.match(tail):
            continue
        if credit_strength(tail) is CreditStrength.STRONG:
            return CaptionParts(text[: gap.start()].rstrip(), clean_credit(tail))
    return None


@lru_cache(maxsize=4096)
def credit_line_strength(text: str) -> CreditStrength:
    """How strongly a whole line (parenthesised or not) is a credit on its own."""
    if len(text.split()) > MAX_CREDIT_LINE_WORDS:
        return CreditStrength.NONE
    return credit_strength(text)


def credit_source(text: str) -> str:
    """The last `/` part of a credit, without a closing period: the agency or library.

    Captions print credits the credit parser refuses: one word with a closing period
    (`... like this. Depositphotos.`), a lowercase handle before the slash
    (`forestpath / Depositphotos.`).
    """
    return text.rstrip(".").rsplit("/", 1)[-1].strip()


def is_stock_library(name: str) -> bool:
    """True for a stock-photo library (`Depositphotos`, `Pexels`), any case."""
    return name.casefold() in STOCK_LIBRARIES


def cannot_end_credit(text: str) -> bool:
    """True when the last character of a stripped line rules out a credit ending the line.

    Then credit_line_strength(text) is NONE and split_bare_credit(text) is None:
    credit_strength refuses text ending in sentence punctuation (`Jr.`, `Inc.`
    aside) or holding a quotation mark, and clean_credit keeps the last character
    unless the line ends with `)`.
    """
    last = text[-1]
    if last in _QUOTE_ENDS:
        return True
    return last in _SENTENCE_ENDS and not text.endswith(("Jr.", "Inc."))


def is_caption_start(text: str) -> bool:
    """A credit-less line that can only be a caption (`FILE - ...`, `In this photo ...`)."""
    if text[:1] not in _CAPTION_PREFIX_FIRST:
        return False
    return bool(CAPTION_PREFIX.match(text)) and len(text.split()) <= _MAX_CAPTION_WORDS


def can_be_caption(text: str, *, credit_in_next_block: bool) -> bool:
    """A line that may carry the credit printed below it.

    When a blank line separates them, the credit may instead belong to a photo
    without caption text; then the line must read like a caption, or at least
    not like reported prose (quotes, `said`).
    """
    if not 0 < len(text.split()) <= _MAX_CAPTION_WORDS or text.endswith(":"):
        return False
    if credit_line_strength(text) is not CreditStrength.NONE:
        return False
    if not credit_in_next_block or has_caption_cue(text):
        return True
    return _REPORTED_SPEECH.search(text) is None


def build_image(position: int, caption: str, credit: str | None) -> Image:
    """An image row from caption text and the printed credit."""
    is_file = bool(_FILE_CAPTION.match(caption))
    is_handout = hinted_search(_HANDOUT_CAPTION, _HANDOUT_HINTS, caption)
    image = Image(position=position, caption=caption, credit=credit or None)
    if credit:
        parts = parse_credit(credit)
        image.photographer = parts.photographer
        image.organization = parts.organization
        image.distributor = parts.distributor
        is_file = is_file or parts.is_file_photo
        is_handout = is_handout or parts.is_handout
    image.is_file_photo = is_file
    image.is_handout = is_handout
    image.photo_date = find_caption_date(caption)
    return image
