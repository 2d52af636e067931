"""Meta lines: bylines and timestamps, alone or several on one line.

Pages print them in many combinations: `Published 9:14 AM EDT, September 5, 2025`,
`Story by Jane Doe • 2mo • 3 min read`, `Updated on: September 5, 2025 / 10:02 AM EDT /
CBS News`, `By Jane Doe | Published ... | Updated ...`. A line is a meta line when
every segment is a byline, a timestamp, a bare time, a publisher name or a
relative age; otherwise it is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from transforms.bylines import is_affiliation_only, may_be_byline, parse_byline
from transforms.dates import (
    Timestamp,
    has_digit,
    may_be_timestamp,
    parse_clock_only,
    parse_timestamp,
)
from transforms.vocab import PUBLISHERS, hint_text, key

# Segment separators: " | ", " • ", " · ", " / " (spaced slash only: "09/05/2025" stays whole)
SEGMENT_SEPARATOR = re.compile(r"\s+[|•·/]\s+|\s*[|•·]\s*(?=\S)")
# Relative ages and reading times: "2h", "3 hours ago", "2mo", "5 min read", "Just now"
_SEPARATOR_CHARS = "|•·/"
_RELATIVE = re.compile(
    r"^(?:\d+\s*(?:s|m|h|d|w|mo|y|sec|secs|mins?|minutes?|hrs?|hours?|days?|weeks?|months?"
    r"|years?)(?:\s+ago)?|\d+\s*(?:-\s*)?min(?:ute)?s?\s+read|just now|updated|published)$",
    re.IGNORECASE,
)
_RELATIVE_LETTERS = frozenset("jJuUpP")  # first letters of "just now", "updated", "published"
_MAX_META_CHARS = 240
# Every meta line has a digit (a date) or the word "by" (a byline); two searches, since
# one alternation of both is several times slower.
_BY_WORD = re.compile(r"\bby\b", re.IGNORECASE)


@dataclass(slots=True)
class MetaLine:
    """What a meta line says: authors (None when it has no byline) and timestamps."""

    authors: list[str] | None = None
    timestamps: list[Timestamp] = field(default_factory=list)


def is_relative_age(text: str) -> bool:
    """`2h ago`, `3 min read` and the like: page furniture, not text."""
    stripped = text.strip()
    first = stripped[:1]
    if not (first.isdecimal() or first in _RELATIVE_LETTERS):
        return False
    return _RELATIVE.match(stripped) is not None


def _has_meta_hint(text: str) -> bool:
    if has_digit(text):
        return True
    return "by" in hint_text(text) and _BY_WORD.search(text) is not None


def may_be_meta_line(text: str) -> bool:
    """False only when parse_meta_line(text) is certainly None; a few substring tests.

    Without a separator the line is one segment, so it must be a timestamp or a byline.
    """
    if len(text) > _MAX_META_CHARS:
        return False
    if "|" in text or "•" in text or "·" in text or "/" in text:  # _SEPARATOR_CHARS
        return True
    return may_be_timestamp(text) or may_be_byline(text)


def parse_meta_line(text: str) -> MetaLine | None:
    """A byline and/or timestamp line, or None if any part of it is ordinary text."""
    if not may_be_meta_line(text) or not _has_meta_hint(text):
        return None  # most lines that reach here, refused by substring tests
    segments = _segments(text)
    if len(segments) >= 2:
        combined = _parse_segments(segments)
        if combined is not None:
            return combined
    whole = parse_timestamp(text)
    if whole is not None:
        return MetaLine(timestamps=[whole])
    authors = parse_byline(text)
    if authors is not None:
        return MetaLine(authors=authors)
    return None


def _segments(text: str) -> list[str]:
    """The non-empty parts between separators (the split only runs when a separator can occur)."""
    if not may_have_separator(text):
        stripped = text.strip()
        return [stripped] if stripped else []
    return [s.strip() for s in SEGMENT_SEPARATOR.split(text) if s.strip()]


def may_have_separator(text: str) -> bool:
    """False when SEGMENT_SEPARATOR cannot match: no `|•·`, and no `/` after whitespace
    (a credit's `AP Photo/Name` or a date's `09/05` is not a separator)."""
    if "|" in text or "•" in text or "·" in text:
        return True
    if "/" not in text:
        return False
    return any(part[-1:].isspace() for part in text.split("/")[:-1])


def _parse_segments(segments: list[str]) -> MetaLine | None:
    meta = MetaLine()
    meaningful = False
    for segment in segments:
        stamp = parse_timestamp(segment)
        if stamp is not None:
            meta.timestamps.append(stamp)
            meaningful = True
            continue
        clock = parse_clock_only(segment)
        if clock is not None and meta.timestamps and not meta.timestamps[-1].has_time:
            last = meta.timestamps[-1]
            meta.timestamps[-1] = Timestamp(
                last.kind, datetime.combine(last.value.date(), clock), True
            )
            continue
        authors = parse_byline(segment)
        if authors is not None:
            meta.authors = (meta.authors or []) + authors
            meaningful = True
            continue
        if is_relative_age(segment) or key(segment) in PUBLISHERS or is_affiliation_only(segment):
            continue
        return None
    return meta if meaningful else None
