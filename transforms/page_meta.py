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
from functools import lru_cache

from transforms.bylines import (
    BY_PREFIX,
    may_be_byline,
    names_only,
    parse_bare_byline,
    parse_byline,
)
from transforms.dates import Timestamp, find_caption_date, parse_timestamp
from transforms.page_lines import PageLine, is_credit_line
from transforms.page_vocab import (
    CREDENTIALS,
    FURNITURE_WORDS,
    GLUED_TITLE_OPENERS,
    NOT_NAME_WORDS,
)

# Separators inside a meta line: pipes, bullets, middots, spaced dashes, and runs of
# two or more spaces or a no-break space (innerText's gap between two inline elements).
# "By Jane Doe | Dec 20, 2023", "Jane Doe • 5 min read", "Jane Doe - January 24, 2020"
# Also before a timestamp label inside the line: "Published Dec 22 ... Updated Dec 22 ...".
_SEGMENT_SPLIT = re.compile(
    r"\s*[|•·/]\s*(?!\d)|\s+[-–—]\s+|\s{2,}|\u00a0\s*"
    r"|\s+(?=(?:Published|Updated|Posted|PUBLISHED|UPDATED|POSTED)\b)"
)
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# The same in capitals: "DEC", "SEPT.", "NOVEMBER"
_CAPS_MONTH_WORD = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?"
# Where innerText glued two elements together, a space goes back in: "ByJane Doe",
# "Jane DoeDec. 21, 2023", "Jane ODec. 18", "AGENCYDec 22", "F1Dec 19" (a month after a
# letter or digit), "GEARDEC 19, 2023" (a capitals section name before a capitals month),
# "JANE DOEPUBLISHED: DEC 22", "Jane DoeContributions from", "DEC 20, 20236:46 PM" (a
# year glued to a clock), "9 Oct 20239 Oct 2023" (a year glued to the date printed again),
# "12-05-23PREMIUM" (a numeric date glued to a label), "Agency5 days ago",
# "JANE DOE3 MINUTE READ" (a name glued to an age or a reading time).
_GLUE = re.compile(
    rf"(?<=^By)(?=[A-Z])|(?<=[A-Za-z0-9])(?={_MONTH_WORD}\s*\d)"
    rf"|(?<=[A-Z]{{2}})(?={_CAPS_MONTH_WORD}\s+\d)"
    r"|(?<=[A-Z])(?=(?:PUBLISHED|UPDATED)\b)"
    r"|(?<=[A-Za-z])(?=(?:Published|Updated|Posted|Contributions|Last updated)\b)"
    r"|(?<=\b\d{4})(?=\d{1,2}:\d\d)"
    rf"|(?<=\b\d{{4}})(?=\d{{1,2}}\s+{_MONTH_WORD}\s)"
    r"|(?<=\d[-/]\d\d)(?=[A-Z][A-Za-z])"
    r"|(?<=[A-Za-z])(?=\d+\s*(?i:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)\b)"
)
# A job title or reading-time label glued to a byline's last name (GLUED_TITLE_OPENERS):
# "Jane DoeStaff Writer", "Jane DoeCity Columnist", "JANE DOESTAFF WRITER",
# "JANE DOEDATA AND GRAPHICS JOURNALIST", "JANE DOELONG READ".
_GLUED_TITLE = re.compile(
    r"(?<=[a-z])(?=(?:"
    + "|".join(r"\s+".join(map(re.escape, w.title().split())) for w in GLUED_TITLE_OPENERS)
    + r")\b)|(?<=[A-Z]{2})(?=(?:"
    + "|".join(r"\s+".join(map(re.escape, w.upper().split())) for w in GLUED_TITLE_OPENERS)
    + r")\b)"
)
# What ends the names of a byline segment: a date, a label, a reading time, a handle.
# "By Jane Doe Dec 20, 2023", "By Jane Doe published 19 December 2023", "Jane Doe 2 months",
# "Jane Doe@janedoe", "By Jane Doe Contributions from John Roe", "Jane Doe in New York"
# "Jane Doe, one of the authors of ..." (a bio after a comma), "By Jane Doe -" (a dash
# before a date on the next line)
_NAMES_END = re.compile(
    rf"\s(?={_MONTH_WORD}\s+\d|\d{{1,2}}(?:/|-\d\d?-\d\d|\s+{_MONTH_WORD})|\d{{4}}[-/]\d\d?[-/]\d"
    r"|(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,)"
    r"|\s(?:(?:last\s+)?(?:published|updated|posted)|contributions\s+from|on)\b.*"
    r"|\s\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b.*"
    r"|@.*|\s+in\s+[A-Z].*|,\s+(?!and\b)(?-i:[a-z]).*|[\s/\-–—|]+$",
    re.IGNORECASE,
)
# A word no name is written with: a possessive ("Jane Doe’s", a headline's subject) or a
# domain ("Site.com", "NEWS.net": the site crediting itself).
_NOT_NAME_TOKEN = re.compile(r"[’']s$|\.[a-z]{2,}$")
# Openings that stand for `By`: "As told to Jane Doe" (a first-person piece),
# "Author: Jane Doe", "Authors: Jane Doe and John Roe"
_BY_LIKE = re.compile(r"^(?:as\s+told\s+to\s+|authors?\s*:\s*)", re.IGNORECASE)
# "<Kind> by Jane Doe": "Review by Jane Doe", "News by Jane Doe", "Analysis by Jane Doe"
# (but not a photo credit: "Photo by Jane Doe").
_KIND_BY = re.compile(
    r"^(?!(?:photos?|images?|video|illustrations?|graphics?|pictures?)\b)[A-Z][a-z]+\s+by\s+"
)
# A date then "by Name" in one segment: "Dec 19, 2023 by Jane Doe", "posted on ... by Jane Doe"
_DATE_THEN_BY = re.compile(r"^(?P<date>.*\d.*?)\s+by\s+(?P<names>[A-Z].*)$")
# A timestamp label inside a segment: "By Jane Doe Contributions from John Roe last updated
# 22 December 2023" (after other words that _NAMES_END stopped at first)
_LABEL_AT = re.compile(r"\b(?:last\s+)?(?:published|updated|posted)\b", re.IGNORECASE)
# A numeric date then a word in one segment: "12-05-23 PREMIUM", "2023/12/20 News"
_DATE_THEN_WORD = re.compile(r"^(?P<date>\d[\d/.-]{5,9})\s+[^\W\d]")
# A line that is only the word "By" (the names follow on the next line): "By", "By:", "By —"
_BY_ALONE = re.compile(r"^by\s*[:—–-]?$", re.IGNORECASE)
# A segment that opens with two or more all-capital words before ordinary ones:
# "JANE DOE Springfield Gazette" -> "JANE DOE".
_CAPS_NAME = re.compile(r"^(?P<name>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)+)\s+[A-Z][a-z]")
# Separator marks (not gaps) inside a meta line: "|", "•", "·", "/"
_MARKS = re.compile(r"[|•·/]")
# An embedded post's signature line, dated when the post was, not the article:
# "— Jane Doe (@janedoe) December 8, 2023", "- Harbour FC (@harbourfc) Nov 21, 2023"
_EMBED_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{0,80}\(@\w{1,30}\)\s*" + _MONTH_WORD + r"\s*\d")
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
# Where none of those holds a date, lines this far from the headline are read for one
# (strict timestamps only).
META_WIDE = 30
# Bare names (no `By`) are taken this close after the headline, or when a date line is
# at most BARE_DATE_SPAN lines after them (or on the line before).
BARE_NAMES_AFTER = 4
BARE_DATE_SPAN = 2
# A date at most this many lines from the byline is the byline's.
BYLINE_DATE_SPAN = 2
# Lines of more words than this are not read by the loose date pass (loose_timestamp).
LOOSE_MAX_WORDS = 12
# Lines longer than this are not searched for a repeated ending (print_once).
_MAX_REPEAT_CHARS = 160
_MIN_REPEAT_CHARS = 6


@dataclass(slots=True)
class Meta:
    """What the lines around the headline say about the article."""

    authors: list[str]
    published: Timestamp | None
    updated: Timestamp | None
    meta_lines: set[int]


@lru_cache(maxsize=4096)
def unglue(text: str) -> str:
    """Put back the spaces innerText loses between inline elements (see _GLUE), and print
    once what the capture printed twice in a row (see print_once).

    Cached: the lines near the headline are read by several passes.
    """
    return print_once(_GLUE.sub(" ", text))


def print_once(text: str) -> str:
    """`text` without its ending printed twice in a row (a date in two elements, one of
    them hidden by a stylesheet the capture did not apply): `Dec 18, 2023 Dec 18, 2023`,
    `Published On 9 Oct 2023 9 Oct 2023`. Only endings of MIN_REPEAT_CHARS or more."""
    n = len(text)
    if n > _MAX_REPEAT_CHARS or n < 2 * _MIN_REPEAT_CHARS:
        return text
    tail = text[-_MIN_REPEAT_CHARS:]
    if text.count(tail) < 2:  # (most lines: their last characters occur once)
        return text
    for size in range(_MIN_REPEAT_CHARS, n // 2 + 1):
        before = text[: n - size].rstrip()
        if before.endswith(text[n - size :]):
            return before
    return text


def segments(line: PageLine) -> list[str]:
    """The parts of a line between separators, then the whole line, unglued."""
    raw = unglue(line.raw)
    parts = [p.strip(" ,") for p in _SEGMENT_SPLIT.split(raw)]
    whole = unglue(line.text)
    return [*(p for p in parts if p and p != whole), whole]


def segment_names(segment: str, *, bare_ok: bool, place_ok: bool = False) -> list[str] | None:
    """Author names of a byline segment; `bare_ok` also takes names without `By`, and
    `place_ok` bare names followed by a place (`Jane Doe in Kyiv`, next to a date line)."""
    m = _DATE_THEN_BY.match(segment)
    if m and parse_timestamp(m["date"].strip(" ,")) is not None:
        segment = "By " + m["names"]
    kind = _KIND_BY.match(segment) or _BY_LIKE.match(segment)
    if kind:
        segment = "By " + segment[kind.end() :]
    glued = _GLUED_TITLE.search(segment)
    if glued:
        segment = segment[: glued.start()]
    end = _NAMES_END.search(segment)
    head = (segment[: end.start()] if end else segment).strip(" ,")
    if BY_PREFIX.match(head):
        return clean_names(parse_byline(head) or [])
    if not bare_ok or (not place_ok and end and end.group().lstrip().casefold().startswith("in ")):
        return None  # "Jane Doe and John Roe in Film X" is a caption
    caps = _CAPS_NAME.match(head)
    if caps:
        head = caps["name"]
    if not FURNITURE_WORDS.isdisjoint(w.casefold() for w in head.split()):
        return None
    return clean_names(parse_bare_byline(head) or names_only(head) or [])


def clean_names(names: list[str]) -> list[str] | None:
    """Names without trailing credentials (`MS`, `Ph.D.`), and none that holds a word no
    person's name holds (NOT_NAME_WORDS: `Chief Technology Officer`, `Save Article`)."""
    kept = []
    for name in names:
        tokens = name.split()
        while len(tokens) > 2 and _is_credential(tokens[-1], name):
            tokens.pop()
        if NOT_NAME_WORDS.isdisjoint(t.casefold() for t in tokens) and not any(
            _NOT_NAME_TOKEN.search(t) for t in tokens
        ):
            kept.append(" ".join(tokens))
    return kept or None


def _is_credential(token: str, name: str) -> bool:
    """A credential as printed after a name: capitals in a name that is not all capitals
    (`Jane Doe MS`, not the surname in `Anh Do` or `ANH DO`), or dotted (`Ph.D.`)."""
    if token.strip(".,").casefold() not in CREDENTIALS:
        return False
    return "." in token or (token.isupper() and not name.isupper())


def segment_timestamp(segment: str) -> Timestamp | None:
    """A timestamp segment, or the date after a byline's names or a label in one segment."""
    found = parse_timestamp(segment)
    if found is not None:
        return found
    m = _DATE_THEN_BY.match(segment) or _DATE_THEN_WORD.match(segment)
    if m:
        found = parse_timestamp(m["date"].strip(" ,"))
        if found is not None:
            return found
    m = _NAMES_END.search(segment)
    if m:
        found = parse_timestamp(segment[m.start() :].strip(" ,|-"))
    m = _LABEL_AT.search(segment, m.start() + 1) if m and found is None else None
    return parse_timestamp(segment[m.start() :]) if m else found


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
    """Authors and timestamps from the lines near the headline (or before the body).

    The headline itself is read too (only for `By` bylines and dates), for when the
    headline picked is in fact the byline line. A date next to the byline is the
    article's own (a teaser's or a product's date further off is not); else the date
    closest to the headline.
    """
    anchor = title if title is not None else body_start
    lo = max(0, anchor - META_BEFORE)
    hi = min(len(lines), max(anchor + META_AFTER, body_start + 2))
    order = [
        i
        for i in sorted(range(lo, hi), key=lambda i: (i < anchor, abs(i - anchor)))
        if i == title or i not in skip
    ]
    stamps = line_stamps(lines, order, title)
    if not stamps:  # the headline picked may be a teaser's: look further for a date line
        wide = range(max(0, anchor - META_WIDE), min(len(lines), anchor + META_WIDE + 1))
        far = sorted((i for i in wide if i not in skip), key=lambda i: abs(i - anchor))
        stamps = line_stamps(lines, far, title, loose=False)
    date_lines = {i for i, _ in stamps}
    authors, byline_lines = find_authors(lines, order, anchor, body_start, title, date_lines)
    byline_at = min(byline_lines, key=lambda i: abs(i - anchor)) if byline_lines else None
    meta = Meta(authors, None, None, byline_lines - {title} if title is not None else byline_lines)
    meta.published = pick_stamp(stamps, "published", byline_at)
    meta.updated = pick_stamp(stamps, "updated", byline_at)
    meta.meta_lines |= date_lines - {title}
    return meta


def line_stamps(
    lines: list[PageLine], order: list[int], title: int | None, *, loose: bool = True
) -> list[tuple[int, Timestamp]]:
    """(line, timestamp) of every dated line in `order`: the strict parse of the segments,
    else (none found, and `loose`) the loose month-name dates of short lines but the
    headline (a date inside a sentence is what the story tells of, not when it was out).
    An embedded post's signature (`— Jo Roe (@joroe) December 8, 2023`) dates the post."""
    for strict in (True, False) if loose else (True,):
        found = []
        for i in order:
            text = lines[i].text
            if len(text) > 160 or (
                not strict and (i == title or len(text.split()) > LOOSE_MAX_WORDS)
            ):
                continue
            if text[:1] in "—–-" and _EMBED_SIGNATURE.match(text):
                continue
            for seg in segments(lines[i]) if strict else [unglue(lines[i].text)]:
                stamp = segment_timestamp(seg) if strict else loose_timestamp(seg)
                if stamp is not None:
                    found.append((i, stamp))
        if found:
            return found
    return []


def pick_stamp(
    stamps: list[tuple[int, Timestamp]], kind: str, byline_at: int | None
) -> Timestamp | None:
    """The `kind` timestamp nearest the byline (within BYLINE_DATE_SPAN lines), else the
    first in reading order of the search (closest to the headline)."""
    of_kind = [(i, stamp) for i, stamp in stamps if stamp.kind == kind]
    if not of_kind:
        return None
    if byline_at is not None:
        near = [(abs(i - byline_at), n) for n, (i, _) in enumerate(of_kind)]
        best = min(near)
        if best[0] <= BYLINE_DATE_SPAN:
            return of_kind[best[1]][1]
    return of_kind[0][1]


def find_authors(
    lines: list[PageLine],
    order: list[int],
    anchor: int,
    body_start: int,
    title: int | None,
    date_lines: set[int],
) -> tuple[list[str], set[int]]:
    """The byline's names and the lines they came from: `By` bylines first (with a
    co-author's `By` line next to one), bare names only if none."""
    title_text = lines[title].text if title is not None else None
    for pass_no in (0, 1):
        for i in order:
            if pass_no == 1 and (i == title or lines[i].text == title_text):
                continue
            dated = pass_no == 1 and next_to_date(i, anchor, date_lines)
            bare_ok = dated or (
                pass_no == 1 and anchor < i <= anchor + BARE_NAMES_AFTER and i < body_start
            )
            names = _line_names(lines, i, bare_ok=bare_ok, place_ok=dated)
            if names:
                return co_bylines(lines, i, names)
    return [], set()


def next_to_date(i: int, anchor: int, date_lines: set[int]) -> bool:
    """Line i is next to a date line on the same side of the headline (`Jane Doe` above
    `Dec 19, 2023`, or on the same line as the date): names there are a byline even
    without `By` (names just after the headline are, anyway)."""
    for j in range(i - 1, i + BARE_DATE_SPAN + 1):
        if j in date_lines and j != anchor and not min(i, j) < anchor < max(i, j):
            return True
    return False


def co_bylines(lines: list[PageLine], i: int, names: list[str]) -> tuple[list[str], set[int]]:
    """`names` of line i with those of a `By` line right before or after it (each author
    on a byline line of their own)."""
    found = {i}
    before: list[str] = []
    after: list[str] = []
    for j, into in ((i - 1, before), (i + 1, after)):
        if 0 <= j < len(lines) and may_be_byline(lines[j].text):
            more = _line_names(lines, j, bare_ok=False)
            if more:
                into.extend(n for n in more if n not in names)
                found.add(j)
    return [*before, *names, *after], found


def _line_names(
    lines: list[PageLine], i: int, *, bare_ok: bool, place_ok: bool = False
) -> list[str] | None:
    """Names of line i as a byline; a lone `By` line takes the next line's names.

    When a gap split the names apart (`By Jane Doe  and John Roe`, no-break spaces after
    commas), the whole line's names are taken if they hold the first segment's and more;
    not across a mark (`By JANE DOE | Site Name`: the site is not a co-author).
    """
    if _BY_ALONE.match(lines[i].text) and i + 1 < len(lines):
        for seg in segments(lines[i + 1]):
            names = segment_names("By " + seg, bare_ok=False)
            if names:
                return names
        return None
    if len(lines[i].text) > 200 or is_credit_line(lines[i].text):
        return None
    parts = segments(lines[i])
    for seg in parts:
        names = segment_names(seg, bare_ok=bare_ok, place_ok=place_ok)
        if names:
            if seg is not parts[-1] and not _MARKS.search(lines[i].raw):
                whole = segment_names(parts[-1], bare_ok=bare_ok, place_ok=place_ok)
                if whole and len(whole) > len(names) and set(names) <= set(whole):
                    return whole
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
