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
from datetime import datetime, time

from transforms.bylines import BY_PREFIX, names_only, parse_bare_byline, parse_byline
from transforms.dates import Timestamp, find_caption_date, parse_timestamp
from transforms.page_lines import PageLine, is_credit_line
from transforms.page_vocab import FURNITURE_WORDS

# Separators inside a meta line: pipes, bullets, middots, spaced dashes, and runs of
# two or more spaces or a no-break space (innerText's gap between two inline elements).
# "By Jane Doe | Dec 20, 2023", "Jane Doe • 5 min read", "Jane Doe - January 24, 2020"
_SEGMENT_SPLIT = re.compile(r"\s*[|•·/]\s*(?!\d)|\s+[-–—]\s+|\s{2,}|\u00a0\s*")
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# Where innerText glued two elements together, a space goes back in: "ByJane Doe",
# "Jane DoeDec. 21, 2023", "JANE DOEPUBLISHED: DEC 22", "Jane DoeContributions from",
# "DEC 20, 20236:46 PM" (a year glued to a clock).
_GLUE = re.compile(
    rf"(?<=^By)(?=[A-Z])|(?<=[a-z])(?={_MONTH_WORD}\s*\d)|(?<=[A-Z])(?=(?:PUBLISHED|UPDATED)\b)"
    r"|(?<=[a-z])(?=(?:Published|Updated|Posted|Contributions|Last updated)\b)"
    r"|(?<=\b\d{4})(?=\d{1,2}:\d\d)"
)
# What ends the names of a byline segment: a date, a label, a reading time, a handle.
# "By Jane Doe Dec 20, 2023", "By Jane Doe published 19 December 2023", "Jane Doe 2 months",
# "Jane Doe@janedoe", "By Jane Doe Contributions from John Roe", "Jane Doe in New York"
_NAMES_END = re.compile(
    rf"\s(?={_MONTH_WORD}\s+\d|\d{{1,2}}(?:/|\s+{_MONTH_WORD})|\d{{4}}-\d\d-\d\d"
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,)"
    r"|\s(?:(?:last\s+)?(?:published|updated|posted)|contributions\s+from|on)\b.*"
    r"|\s\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b.*"
    r"|@.*|\s+in\s+[A-Z].*|[\s/]+$",
    re.IGNORECASE,
)
# "<Kind> by Jane Doe": "Review by Jane Doe", "News by Jane Doe", "Analysis by Jane Doe"
# (but not a photo credit: "Photo by Jane Doe").
_KIND_BY = re.compile(
    r"^(?!(?:photos?|images?|video|illustrations?|graphics?|pictures?)\b)[A-Z][a-z]+\s+by\s+"
)
# A date then "by Name" in one segment: "Dec 19, 2023 by Jane Doe", "posted on ... by Jane Doe"
_DATE_THEN_BY = re.compile(r"^(?P<date>.*\d.*?)\s+by\s+(?P<names>[A-Z].*)$")
# A line that is only the word "By" (the names follow on the next line): "By", "By:", "By —"
_BY_ALONE = re.compile(r"^by\s*[:—–-]?$", re.IGNORECASE)
# A segment that opens with two or more all-capital words before ordinary ones:
# "JANE DOE Springfield Gazette" -> "JANE DOE".
_CAPS_NAME = re.compile(r"^(?P<name>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)+)\s+[A-Z][a-z]")
# Where a month name starts: "Dec", "December", "DEC."
_MONTH_AT = re.compile(_MONTH_WORD + r"\s*\d", re.IGNORECASE)
# A copyright notice: "© 2023 The Daily Planet. All rights reserved", "Copyright 2023 Planet Inc."
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<name>[^.|©]+?)\s*(?:[.,|]|all rights reserved|$)",
    re.IGNORECASE,
)
_MAX_PUBLISHER_WORDS = 6
# Lines around the headline searched for bylines and dates.
META_BEFORE = 8
META_AFTER = 10
# Bare names (no `By`) are taken only this close after the headline.
BARE_NAMES_AFTER = 4


@dataclass(slots=True)
class Meta:
    """What the lines around the headline say about the article."""

    authors: list[str]
    published: Timestamp | None
    updated: Timestamp | None
    meta_lines: set[int]


def unglue(text: str) -> str:
    """Put back the spaces innerText loses between inline elements (see _GLUE)."""
    return _GLUE.sub(" ", text)


def segments(line: PageLine) -> list[str]:
    """The parts of a line between separators, then the whole line, unglued."""
    raw = unglue(line.raw)
    parts = [p.strip(" ,") for p in _SEGMENT_SPLIT.split(raw)]
    whole = unglue(line.text)
    return [*(p for p in parts if p and p != whole), whole]


def segment_names(segment: str, *, bare_ok: bool) -> list[str] | None:
    """Author names of a byline segment; `bare_ok` also takes names without `By`."""
    m = _DATE_THEN_BY.match(segment)
    if m and parse_timestamp(m["date"].strip(" ,")) is not None:
        segment = "By " + m["names"]
    kind = _KIND_BY.match(segment)
    if kind:
        segment = "By " + segment[kind.end() :]
    end = _NAMES_END.search(segment)
    head = (segment[: end.start()] if end else segment).strip(" ,")
    if BY_PREFIX.match(head):
        return parse_byline(head) or None
    if not bare_ok:
        return None
    caps = _CAPS_NAME.match(head)
    if caps:
        head = caps["name"]
    if not FURNITURE_WORDS.isdisjoint(w.casefold() for w in head.split()):
        return None
    return parse_bare_byline(head) or names_only(head)


def segment_timestamp(segment: str) -> Timestamp | None:
    """A timestamp segment, or the date after a byline's names or a label in one segment."""
    found = parse_timestamp(segment)
    if found is not None:
        return found
    m = _NAMES_END.search(segment)
    return parse_timestamp(segment[m.start() :].strip()) if m else None


def loose_timestamp(text: str) -> Timestamp | None:
    """The first month-name date written in a short meta line, dated as it is labelled.

    For lines the strict parser refuses because something else shares them
    (`GEAR DEC 19, 2023 9:00 AM`, `May 8, 2023 Share link`).
    """
    value = find_caption_date(text)
    if value is None:
        return None
    folded = text.casefold()
    m = _MONTH_AT.search(text)
    before = folded[: m.start()] if m else folded
    kind = "updated" if ("updat" in before or "modif" in before) else "published"
    return Timestamp(kind, datetime.combine(value, time(0)), False)


def read_meta(lines: list[PageLine], title: int | None, body_start: int, skip: set[int]) -> Meta:
    """Authors and timestamps from the lines near the headline (or before the body)."""
    anchor = title if title is not None else body_start
    lo = max(0, anchor - META_BEFORE)
    hi = min(len(lines), max(anchor + META_AFTER, body_start + 2))
    order = sorted(range(lo, hi), key=lambda i: (i < anchor, abs(i - anchor)))
    meta = Meta([], None, None, set())
    for pass_no in (0, 1):  # bylines with `By` first, bare names only if none
        for i in order:
            if i in skip or i == title or meta.authors:
                continue
            bare_ok = pass_no == 1 and anchor < i <= anchor + BARE_NAMES_AFTER and i < body_start
            names = _line_names(lines, i, bare_ok=bare_ok)
            if names:
                meta.authors = names
                meta.meta_lines.add(i)
    for strict in (True, False):
        for i in order:
            if i in skip or i == title or len(lines[i].text) > 160:
                continue
            for seg in segments(lines[i]) if strict else [unglue(lines[i].text)]:
                stamp = segment_timestamp(seg) if strict else loose_timestamp(seg)
                if stamp is None:
                    continue
                meta.meta_lines.add(i)
                if stamp.kind == "updated" and meta.updated is None:
                    meta.updated = stamp
                elif stamp.kind == "published" and meta.published is None:
                    meta.published = stamp
        if meta.published or meta.updated:
            break
    return meta


def _line_names(lines: list[PageLine], i: int, *, bare_ok: bool) -> list[str] | None:
    """Names of line i as a byline; a lone `By` line takes the next line's names."""
    if _BY_ALONE.match(lines[i].text) and i + 1 < len(lines):
        for seg in segments(lines[i + 1]):
            names = segment_names("By " + seg, bare_ok=False)
            if names:
                return names
        return None
    if len(lines[i].text) > 200 or is_credit_line(lines[i].text):
        return None
    for seg in segments(lines[i]):
        names = segment_names(seg, bare_ok=bare_ok)
        if names:
            return names
    return None


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
