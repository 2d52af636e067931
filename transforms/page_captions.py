"""Photo captions in a full-page capture, found near the article and kept out of its body.

A capture prints a photo's caption as a line of its own, its credit either closing
that line (`... in Clinton, Michigan. Photograph: Jane Doe/AFP/Getty Images`,
`... (Image credit: Acme)`, `... (Jane Doe/CBC)`) or on the next line
(`Jane Doe/Getty Images`); a photo without caption text leaves the credit alone.
The credit shapes are those of transforms/captions.py and transforms/credits.py;
this module only adds the labelled form (`Photo:`, `Image credit:`) and decides,
from the line scores, whether the line above a lone credit is its caption or the
article's paragraph.

Two layouts are read by their shape alone: a credit label on a line of its own
(`Credit:`, `Credit...`) between the caption and the credit, and a credit glued to
the caption with no space (`... her shoes.JANE DOE`, split by
transforms/page_caption_features.py: glued_credit) once the caption is found. A
caption printed twice (galleries, sticky players) is one image, and a share or
navigation line shaped like a credit (`Share Article via Email`) is none.

Many captions print no credit at all (a scene in a sentence, names, a place and a
date, right by the photo's position in the text). No shape tells them from a short
paragraph, so a small learned ensemble (trained in bench/train_page_model.py,
shipped in transforms/page_model.json) scores each short line near the article by
its own features, the body scores around it and what stands next to it
(transforms/page_caption_features.py); a line it scores as a caption is one, credit
or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.captions import (
    MAX_CREDIT_LINE_WORDS,
    SENTENCE_GAP,
    CaptionParts,
    build_image,
    can_be_caption,
    cannot_end_credit,
    credit_line_strength,
    credit_source,
    is_disclaimer,
    is_furniture_figure,
    is_stock_library,
    split_bare_credit,
    split_paren_credit,
)
from transforms.credits import CreditStrength, clean_credit
from transforms.page_caption_features import glued_credit
from transforms.page_lines import OWN_FEATURES, PageLine
from transforms.page_vocab import NOT_CREDIT_OPENERS
from transforms.records import Image

# A labelled credit closing a line, or making it up, possibly in parentheses:
# "... Michigan. Photograph: Jane Doe/AFP", "(Image credit: Acme)", "Credit: Amazon",
# "Photo: Jane Doe", "Image: Studio", "Photo credit: J. Doe",
# "Image credit: Doe et al., doi: 10.1000/x1" (the credit may hold a colon of its own),
# "Screenshot: Studio", "Illustration: Jane Doe/The Times" (the labels of the HTML reader's
# figures, transforms/html_figures.py), "... jewelry.PHOTOGRAPHER: JO DOE."
_LABELLED_CREDIT = re.compile(
    r"^(?P<caption>.*?)[\s(]*\b(?:(?:image|photo|photograph|photographer|picture|video|screenshot"
    r"|screen ?grab|(?:photo[ -])?illustration)s?\s*(?:credits?)?"
    r"|credits?)\s*:\s*(?P<credit>[^()]{1,120}?)\s*\)?\s*$",
    re.IGNORECASE,
)
# A credit label standing alone on its line, the credit on the next: "Credit:", "Credit...",
# "CREDIT:", "Image credit:", "Photo credit …"
_CREDIT_LABEL_LINE = re.compile(
    r"(?:(?:image|photo|photograph|picture)\s+)?credits?\s*(?::|\.{2,}|…)?", re.IGNORECASE
)
# A credit closing a caption's last sentence, shaped so that no paragraph ends so:
# all capitals ("... of the new year. WEATHERBELL", "... home. COURTESY PHOTO"), or
# names joined by a slash ("... on an angle. forestpath / Depositphotos.",
# "... in Oct. 2018. WAFB/YouTube", "...in Brazil.Beyoncé/Instagram").
_CAPS_TAIL = re.compile(r"[A-Z][A-Z0-9.&'’-]+(?:[ /]+[A-Z0-9][A-Z0-9.&'’-]*){0,5}")
# An all-caps credit with a slash closing a caption that ends no sentence before it:
# "... at the English Disco in 1973 RICHARD CREAMER/MICHAEL OCHS ARCHIVES/GETTY IMAGES"
_CAPS_SLASH_TAIL = re.compile(
    r"(?<=[a-z0-9,;)”’\"]) (?=[A-Z][A-Z.'’&-]+(?: [A-Z][A-Z.'’&-]*)*"
    r"(?: ?/ ?[A-Z][A-Z.'’&-]*(?: [A-Z][A-Z.'’&-]*)*)+$)"
)
_SLASH_TAIL = re.compile(
    r"[\w.'’-]+(?: [\w.'’-]+){0,3} / [A-Z][\w.'’-]*(?: [\w.'’-]+){0,3}\.?"
    r"|[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,2}(?:/[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,2})+"
)
_MAX_TAIL_CREDIT_WORDS = 8
# A last sentence naming only a stock library is never longer than this
# ("Depositphotos.", "forestpath / Depositphotos.", "Jane Doe / Pexels").
_MAX_SOURCE_TAIL_WORDS = 5
# Separators a capture prints between a caption and its credit: "... decades. | Jo Doe/AP"
_CREDIT_SEPARATORS = "|¦"
# An all-caps tail shorter than this is a time zone or an acronym ("p.m. ET", "HVAC").
_MIN_CAPS_TAIL_LETTERS = 5
# ... and one with a slash but no sentence end before it, shorter than this (`NASA/JPL`).
_MIN_CAPS_SLASH_LETTERS = 10
_MIN_HEAD_WORDS = 3
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
            return _credit_printed_twice(found)
        if text.startswith("(") and credit_line_strength(text) is CreditStrength.STRONG:
            return CaptionParts("", text.strip("() ."))
    found = split_bare_credit(text) or tail_credit(text)
    if found is not None:
        return found
    if credit_line_strength(text) is CreditStrength.STRONG:
        return CaptionParts("", text)
    return None


def _credit_printed_twice(parts: CaptionParts) -> CaptionParts:
    """The parts without a second copy of the credit closing the caption as well.

    A figure may print its credit in the caption and again in a credit element, which a
    capture joins: `... celebration. (Jane Doe / The Times) (Jane Doe/The Times)`.
    """
    inner = split_paren_credit(parts.caption)
    if inner is not None and _credit_key(inner.credit) == _credit_key(parts.credit):
        return CaptionParts(inner.caption, parts.credit)
    return parts


def _credit_key(credit: str | None) -> str:
    """A credit without spaces or case: `Jane Doe / X` and `jane doe/X` are one credit."""
    return "".join((credit or "").split()).casefold()


def tail_credit(text: str) -> CaptionParts | None:
    """`caption. Credit` -> parts, when the last sentence is a credit by its shape.

    The shared splitter wants a `/`, `by` or `via` in the credit; a capture also closes
    captions with a plain credit (`Courtesy of Jane Doe`, `Getty Images`), an all-caps
    one, a `Name / Source` pair, a last sentence naming a stock library (`... like this.
    Depositphotos.`), or glues it on (`...occasion.Getty Images`), maybe after a separator
    (`... decades. | Jane Doe/AP`); an all-caps credit with a slash needs no sentence end
    before it (`... in 1973 JO DOE/GETTY IMAGES`).
    """
    breaks = [m.end() for m in SENTENCE_GAP.finditer(text)]
    glued = glued_credit(text)
    if glued is not None:
        breaks.append(len(glued[0]))
    for at in sorted(breaks):
        head, tail = text[:at].rstrip(), text[at:].lstrip(_CREDIT_SEPARATORS).strip()
        if len(tail.split()) > _MAX_TAIL_CREDIT_WORDS or len(head.split()) < _MIN_HEAD_WORDS:
            continue
        if head.isupper():  # an all-caps headline split at a sentence end
            continue
        if (
            credit_line_strength(tail.rstrip(".")) is CreditStrength.STRONG
            or (
                _CAPS_TAIL.fullmatch(tail)
                and sum(c.isupper() for c in tail) >= _MIN_CAPS_TAIL_LETTERS
            )
            or _SLASH_TAIL.fullmatch(tail)
            or _stock_sentence(tail)
        ):
            return CaptionParts(head, clean_credit(tail.rstrip(".")))
    return caps_slash_credit(text) if "/" in text else None


def _stock_sentence(tail: str) -> bool:
    """A short last sentence naming a stock library: a credit. (A news agency alone is
    not: wire copy signs off a paragraph with `... officials said. AFP`.)"""
    return (
        len(tail.split()) <= _MAX_SOURCE_TAIL_WORDS
        and SENTENCE_GAP.search(tail) is None
        and is_stock_library(credit_source(tail))
    )


def caps_slash_credit(text: str) -> CaptionParts | None:
    """`caption CREDIT/AGENCY` -> parts: an all-caps credit with a slash needs no sentence end.

    Shorter caps runs are the text's own (`the US and the UK/EU`, `NASA/JPL`).
    """
    m = _CAPS_SLASH_TAIL.search(text)
    if m is None:
        return None
    head, tail = text[: m.start()], text[m.end() :]
    if (
        sum(c.isupper() for c in tail) < _MIN_CAPS_SLASH_LETTERS
        or len(head.split()) < _MIN_HEAD_WORDS
    ):
        return None
    return CaptionParts(head, clean_credit(tail))


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
        if _CREDIT_LABEL_LINE.fullmatch(lines[i].text):
            _read_labelled_figure(lines, own, i, title, skip, found)
            continue
        parts = caption_parts(lines[i].text)
        if parts is None or (not parts.caption and (i >= block[1] or _interface_line(parts))):
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
        glued = glued_credit(lines[i].text)
        caption, credit = glued if glued is not None else (lines[i].text, None)
        found.images.append(build_image(i, caption, credit))
    # Furniture printed in a figure's place (a consent notice, `[Related: ...]`, a byline,
    # `Download PDF` under a line) is no photo; its lines stay out of the body all the same.
    images = [im for im in found.images if not is_furniture_figure(im.caption, im.credit)]
    found.images = distinct_images(images)
    for position, image in enumerate(found.images):
        image.position = position
    return found


def _read_labelled_figure(
    lines: list[PageLine],
    own: list[list[float]],
    i: int,
    title: int,
    skip: set[int],
    found: Captions,
) -> None:
    """A figure printed as caption, a `Credit:` label line, then the credit on its own line.

    The label makes the lines around it a figure's, whatever their shapes: the line
    above is the caption when it is caption-sized and not the headline or a meta line,
    the line below is the credit when it is credit-sized (a paragraph after a bare
    label is the article going on). The label line itself is never body.
    """
    found.lines.add(i)
    j, k = i - 1, i + 1
    caption = ""
    if (
        j >= 0 and j != title and j not in skip and j not in found.lines
        and _MIN_CAPTION_WORDS <= own[j][_WORDS] <= _MAX_CAPTION_WORDS and not own[j][_CHROME]
    ):  # fmt: skip
        caption = lines[j].text
    credit = None
    if (
        k < len(lines) and k not in skip and own[k][_WORDS] <= MAX_CREDIT_LINE_WORDS
        and not own[k][_CHROME] and not cannot_end_credit(lines[k].text)
    ):  # fmt: skip
        credit = clean_credit(lines[k].text)
    if not caption and not credit:
        return
    if caption:
        found.lines.add(j)
    if credit:
        found.lines.add(k)
    found.images.append(build_image(j if caption else i, caption, credit))


def _interface_line(parts: CaptionParts) -> bool:
    """A lone 'credit' that is a page's interface line (`Share via Email`, `Home / News`)."""
    first = (parts.credit or "").split(maxsplit=1)[:1]
    return bool(first) and first[0].casefold() in NOT_CREDIT_OPENERS


def distinct_images(images: list[Image]) -> list[Image]:
    """The images in page order, a caption printed again with the same credit kept once.

    Galleries and sticky players print a figure's caption twice or more; it is one photo.
    """
    seen: set[tuple[str, str | None]] = set()
    kept = []
    for image in sorted(images, key=lambda image: image.position):
        key = (image.caption, image.credit)
        if key not in seen:
            seen.add(key)
            kept.append(image)
    return kept


def _may_caption_above(
    text: str, own: list[float], prob: float, in_body: bool, blank_between: bool
) -> bool:
    """The line above a lone credit is its caption, not a paragraph of the article nor a
    disclaimer printed there (the credit is then a photo's without caption)."""
    if not _MIN_CAPTION_WORDS <= own[_WORDS] <= _MAX_CAPTION_WORDS or own[_CHROME]:
        return False
    if is_disclaimer(text):
        return False
    if in_body and prob >= _BODY_SURE and own[_WORDS] > _SHORT_CAPTION_WORDS:
        return False
    return can_be_caption(text, credit_in_next_block=blank_between)
