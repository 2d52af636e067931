"""A headline without the labels a page prints around it.

Where the headline element sits beside a section label or a media tag, a capture (and
an `<h1>` with its kicker inside) joins them into one line: `Opinion The cartoons that
will get you to Christmas`, `Let kids be kids | Editorial`, `NASA beams a cat video to
Earth (video)`. The headline is the line without them. Shared by the page reader and
the HTML reader.
"""

from __future__ import annotations

import re

from transforms.vocab import HEADLINE_KICKERS, HEADLINE_MEDIA_TAGS

# Separators between a headline and the labels printed on its line: "Headline | Editorial",
# a breadcrumb "News / World News / Headline".
LABEL_SEPARATORS: tuple[str, ...] = (" | ", " / ")
# A reader's own status label before the headline: "Now reading: Headline"
_STATUS_LABEL = re.compile(
    r"^(?:now|currently|you are|you're) (?:reading|playing|watching)\s*:\s*", re.I
)
# A headline keeps at least this many words once a label is cut off.
MIN_HEADLINE_WORDS = 3
# A `|`-separated part of at most this many words beside a longer one is a label.
MAX_LABEL_PART_WORDS = 3
# A media tag closing the headline: "... from 19 million miles away (video)", "(PHOTOS)"
_MEDIA_TAG = re.compile(r"\s*[(\[](?P<tag>[A-Za-z ]{3,20})[)\]]$")
# A kicker glued before a headline that opens with a capital: "Opinion The cartoons ..."
# (not "Opinion: ..." or "Opinion polls ...": a colon marks a label the page wrote into
# its headline, a lowercase word a headline that opens with that noun).
_KICKER = re.compile(r"^(?P<kicker>[A-Za-z]+) (?=[A-Z“‘\"'0-9])")


def headline_part(text: str) -> str:
    """Among `|`- or ` / `-separated parts, one long part beside short ones: `Headline |
    Editorial`, `News / World / Headline`.

    Parts all short (`Harbour Ferry | Local News`) leave no part to call the headline.
    """
    for separator in LABEL_SEPARATORS:
        if separator not in text:
            continue
        parts = [p.strip() for p in text.split(separator)]
        longest = max(parts, key=lambda p: len(p.split()))
        if len(longest.split()) > MAX_LABEL_PART_WORDS and all(
            p is longest or len(p.split()) <= MAX_LABEL_PART_WORDS for p in parts
        ):
            return longest
    return text


def without_status_label(text: str) -> str:
    """The headline without a reader's status label before it: `Now reading: Headline`."""
    m = _STATUS_LABEL.match(text)
    if m is None or len(text[m.end() :].split()) < MIN_HEADLINE_WORDS:
        return text
    return text[m.end() :]


def without_media_tag(text: str) -> str:
    """The headline without a closing `(video)` / `[PHOTOS]` tag."""
    m = _MEDIA_TAG.search(text) if text.endswith((")", "]")) else None
    if m is None or m["tag"].strip().casefold() not in HEADLINE_MEDIA_TAGS:
        return text
    head = text[: m.start()].rstrip()
    return head if len(head.split()) >= MIN_HEADLINE_WORDS else text


def without_kicker(text: str) -> str:
    """The headline without a section kicker glued before it: `Opinion The cartoons ...`.

    Only in a sentence-case headline: in `Analysis Shows Rates Rise` every word is
    capitalised, and the first may be the headline's own.
    """
    m = _KICKER.match(text)
    if m is None or m["kicker"].casefold() not in HEADLINE_KICKERS:
        return text
    rest = text[m.end() :]
    words = rest.split()
    if len(words) < MIN_HEADLINE_WORDS or not any(w[:1].islower() for w in words[1:]):
        return text
    return rest


def clean_headline(text: str) -> str:
    """The headline without a `|` label part or breadcrumb, a status label, a closing media
    tag or a glued kicker."""
    return without_kicker(without_media_tag(without_status_label(headline_part(text))))
