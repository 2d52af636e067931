"""Bylines, dates and the publisher's name around a full-page capture's headline.

Sites print the byline and the timestamps as short lines next to the headline,
often sharing one line (`By Jane Doe | Dec 20, 2023, 4:45pm EST`,
`Jane Doe - January 24, 2020`, `By Jane Doe, Contributor, Site |`). Such a line is
cut into segments at its separators; each segment goes to the shared field parsers
(transforms/bylines.py, transforms/dates.py), so a byline or a date reads the
same here as in every other reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.bylines import BY_PREFIX, names_only, parse_bare_byline, parse_byline
from transforms.dates import Timestamp, parse_timestamp
from transforms.page_lines import PageLine

# Separators inside a meta line: pipes, bullets, middots, spaced dashes, and runs of
# two or more spaces (innerText's gap between two inline elements).
# "By Jane Doe | Dec 20, 2023", "Jane Doe • 5 min read", "Jane Doe - January 24, 2020"
_SEGMENT_SPLIT = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+|\s{2,}|\u00a0\s*")
# Where a date starts inside a byline segment: a month name or a number with a slash or
# four digits. "By Charlie Hall Dec 20, 2023" -> cut before "Dec".
_DATE_START = re.compile(
    r"\s(?=(?:(?:Updated|Published|Posted|Last updated|on)\s+)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d"
    r"|\d{1,2}(?:/|\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))|\d{4}-\d\d-\d\d"
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,))"
)
# A copyright notice: "© 2023 The Daily Planet. All rights reserved", "Copyright 2023 Planet Inc."
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<name>[^.|©]+?)\s*(?:[.,|]|all rights reserved|$)",
    re.IGNORECASE,
)
_MAX_PUBLISHER_WORDS = 6
# Lines around the headline searched for bylines and dates.
META_BEFORE = 4
META_AFTER = 10


@dataclass(slots=True)
class Meta:
    """What the lines around the headline say about the article."""

    authors: list[str]
    published: Timestamp | None
    updated: Timestamp | None
    meta_lines: set[int]


def segments(line: PageLine) -> list[str]:
    """The parts of a line between separators, the whole line first."""
    parts = [p.strip(" ,") for p in _SEGMENT_SPLIT.split(line.raw)]
    return [line.text, *(p for p in parts if p and p != line.text)]


def segment_names(segment: str, *, bare_ok: bool) -> list[str] | None:
    """Author names of a byline segment; `bare_ok` also takes names without `By`."""
    m = _DATE_START.search(segment)
    head = segment[: m.start()] if m else segment
    if BY_PREFIX.match(head):
        return parse_byline(head) or None
    if not bare_ok:
        return None
    return parse_bare_byline(head) or names_only(head)


def segment_timestamp(segment: str) -> Timestamp | None:
    """A timestamp segment, or the timestamp after a byline's names in one segment."""
    found = parse_timestamp(segment)
    if found is not None:
        return found
    m = _DATE_START.search(segment)
    return parse_timestamp(segment[m.end() :].strip()) if m else None


def read_meta(lines: list[PageLine], title: int | None, body_start: int, skip: set[int]) -> Meta:
    """Authors and timestamps from the lines near the headline (or before the body)."""
    anchor = title if title is not None else body_start
    lo = max(0, anchor - META_BEFORE)
    hi = min(len(lines), max(anchor + META_AFTER, body_start + 2))
    order = sorted(range(lo, hi), key=lambda i: (i < anchor, abs(i - anchor)))
    meta = Meta([], None, None, set())
    for i in order:
        if i == title or i in skip:
            continue
        used = False
        for seg in segments(lines[i]):
            bare_ok = anchor < i < body_start and i - anchor <= META_BEFORE
            names = None if meta.authors else segment_names(seg, bare_ok=bare_ok)
            if names:
                meta.authors = names
                used = True
            stamp = segment_timestamp(seg) if len(seg) <= 160 else None
            if stamp is not None:
                used = True
                if stamp.kind == "updated" and meta.updated is None:
                    meta.updated = stamp
                elif stamp.kind == "published" and meta.published is None:
                    meta.published = stamp
        if used:
            meta.meta_lines.add(i)
    return meta


def copyright_publisher(lines: list[PageLine]) -> str | None:
    """The owner named by the page's last copyright notice, when it reads as a name."""
    for line in reversed(lines):
        text = line.text
        if "©" not in text and "opyright" not in text:
            continue
        m = _COPYRIGHT.match(text)
        if not m:
            continue
        name = m["name"].strip(" ,-–")
        if 0 < len(name.split()) <= _MAX_PUBLISHER_WORDS and name[:1].isupper():
            return name
    return None
