"""Dates and times as printed: timestamp lines and the date inside a photo caption.

Times are kept as wall-clock values exactly as printed (the timezone
abbreviation is dropped, nothing is converted), because the dump rarely says
which zone "ET" meant in a way worth trusting, and analysts want what the page said.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Literal

from dateutil import parser as dateutil_parser

from transforms.records import DateSource, Image
from transforms.vocab import fold_hint, hint_text

TimestampKind = Literal["published", "updated"]

_MONTHS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# A month name, full or abbreviated, with optional period: "September", "Sept.", "Sep", "SEPT".
MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june", "july", "august", "september"),
    *("october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug"),
    *("sept", "sep", "oct", "nov", "dec"),
)
_MONTH = rf"(?P<mon>{'|'.join(MONTH_NAMES)})\.?"
# "September 5, 2025", "Sept. 5, 2025", "Sep 5 2025", "SEPTEMBER 05, 2025", "Sept. 5th, 2025"
# (the lookahead only skips the month alternation where no month name can start: the
# class matches exactly the characters that the months' first letters match)
_MDY = re.compile(
    rf"\b(?=[jfmasond]){_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# "5 September 2025", "5th of Sept. 2025", "05 Sep, 2025"
_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# Every _MONTH alternative starts with one of these (a cheap test before _MDY/_DMY).
_MONTH_PREFIXES = tuple(_MONTHS)
# Any of _MONTH_PREFIXES, in one search.
_MONTH_PREFIX = re.compile("|".join(_MONTH_PREFIXES))
# Four digits in a row: no named date without a year. Spelled out, not `\d{4}`: the
# counted repeat is set up at every position tried, which makes the search twice as slow.
_YEAR = re.compile(r"\d\d\d\d")
# The same for ASCII text, several times faster (\d tests each character's Unicode category;
# a leading character set lets the engine skip to the first ASCII digit).
_ASCII_YEAR = re.compile(r"[0-9][0-9][0-9][0-9]")
# "09/05/2025", "9/5/25", "09-05-2025", "09-05-25" (US month/day order unless the first
# number cannot be a month); one separator throughout, so "9/5-25" is not a date.
_NUMERIC = re.compile(
    r"(?<![\d/-])(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})(?![\d/-])"
)
# Year first with slashes or dots: "2025/09/05", "2025.9.5"
_YMD = re.compile(
    r"(?<![\d/.])(?P<year>\d{4})(?P<sep>[/.])(?P<mon>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d/.])"
)
# "2025-09-05", "2025-09-05T09:14:00Z", "2025-09-05 09:14:00+02:00"
_ISO = re.compile(
    r"(?<!\d)(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?(?!\d)"
)
# "9:14 AM", "09:14", "10:02 a.m.", "9:14:30pm", "9 a.m.", "9AM"
_TIME = re.compile(
    r"(?<![\d:])(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?(?![\d:])",
    re.IGNORECASE,
)
# "noon" / "midnight" in place of a clock time.
_NAMED_TIME = re.compile(r"\b(?P<name>noon|midnight)\b", re.IGNORECASE)
# Leading label: "Published", "Updated on:", "Last updated", "Originally published at", "Posted"
_LABEL = re.compile(
    r"^(?P<label>(?:last\s+|first\s+|originally\s+)?(?:published|updated|posted|modified)"
    r"|publication\s+date|date)\b\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
# Words allowed around the date and time of a timestamp line.
_FILLER_WORDS = frozenset(
    {
        "at",
        "on",
        "the",
        "of",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "eastern",
        "central",
        "mountain",
        "pacific",
        "time",
        "daylight",
        "standard",
        "t",
        "z",
    }
)
# Letters-only words (tokens) in the leftover of a timestamp line.
_WORD = re.compile(r"[^\W\d_]+")
# Timezone abbreviations: "EDT", "ET", "UTC", "GMT", "CEST".
_TZ_ABBREV = re.compile(r"^[A-Z]{1,2}[SD]?T$|^UTC$|^GMT$|^[A-Z]{2,5}$")
_DIGIT = re.compile(r"\d")
# Words that may stand in a timestamp line without a label: filler, month names and
# the words inside a date or clock match ("of", ordinals, "a.m.", "noon").
_TIMESTAMP_WORDS = _FILLER_WORDS | frozenset(
    {
        *MONTH_NAMES,
        *("of", "st", "nd", "rd", "th", "a", "p", "m", "am", "pm", "noon", "midnight"),
    }
)
_MAX_TIMESTAMP_CHARS = 120
# Sentinel defaults: a component equal in both parses was written in the text.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 0, 0)


@dataclass(slots=True, frozen=True)
class Timestamp:
    """A labelled (or unlabelled = published) point in time from a meta line."""

    kind: TimestampKind
    value: datetime
    has_time: bool


@dataclass(slots=True, frozen=True)
class _DateHit:
    value: date
    start: int
    end: int
    clock: time | None = None  # ISO strings carry their own time


def has_year(text: str) -> bool:
    """Four digits in a row (_YEAR), with the faster ASCII pattern when it gives the same answer."""
    if text.isascii():
        return _has_ascii_digit(text) and _ASCII_YEAR.search(text) is not None
    return _YEAR.search(text) is not None


def has_digit(text: str) -> bool:
    """A decimal digit (`\\d`), with the faster ASCII pattern when it gives the same answer."""
    if text.isascii():
        return _has_ascii_digit(text)
    return _DIGIT.search(text) is not None


def _has_ascii_digit(text: str) -> bool:
    """[0-9] occurs in text: ten substring searches, several times faster than a regex scan
    (written out: a generator over the ten digits would cost more than the searches)."""
    return (
        "0" in text or "1" in text or "2" in text or "3" in text or "4" in text
        or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text
    )  # fmt: skip


def _month_number(name: str) -> int:
    return _MONTHS[name[:3].casefold()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _named_date_hits(text: str) -> tuple[_DateHit, ...]:
    """All month-name dates with a year, in text order.

    Cached: a caption is searched up to three times (caption cue, photo date, timestamp).
    """
    if not has_year(text):
        return ()
    hint = hint_text(text)
    if _MONTH_PREFIX.search(hint) is None:
        return ()
    hits: list[_DateHit] = []
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            value = _safe_date(int(m["year"]), _month_number(m["mon"]), int(m["day"]))
            if value is not None:
                hits.append(_DateHit(value, m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return tuple(hits)


def find_caption_date(text: str) -> date | None:
    """The first full date (with a year) written in a caption, e.g. `Friday, Sept. 5, 2025`."""
    hits = _named_date_hits(text)
    return hits[0].value if hits else None


def _first_date(text: str) -> _DateHit | None:
    """The date of a timestamp phrase, in any of the printed forms."""
    m = _ISO.search(text) if "-" in text else None
    if m:
        value = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
        if value is not None:
            clock = None
            if m["hour"] is not None:
                clock = _safe_time(int(m["hour"]), int(m["minute"]), int(m["second"] or 0), None)
            return _DateHit(value, m.start(), m.end(), clock)
    hits = _named_date_hits(text)
    if hits:
        return hits[0]
    m = _YMD.search(text) if "/" in text or "." in text else None
    if m:
        value = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
        if value is not None:
            return _DateHit(value, m.start(), m.end())
    m = _NUMERIC.search(text) if "/" in text or "-" in text else None
    if m:
        a, b = int(m["a"]), int(m["b"])
        year = int(m["year"])
        year = year + 2000 if year < 100 else year
        month, day = (a, b) if a <= 12 else (b, a)
        value = _safe_date(year, month, day)
        if value is not None:
            return _DateHit(value, m.start(), m.end())
    return None


def _safe_time(hour: int, minute: int, second: int, ampm: str | None) -> time | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.casefold() == "p" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        return None


def _find_clock(text: str) -> tuple[time, int, int] | None:
    """The clock time in text (needs minutes or am/pm to count as a time)."""
    for m in _TIME.finditer(text):
        if m["minute"] is None and m["ampm"] is None:
            continue
        clock = _safe_time(int(m["hour"]), int(m["minute"] or 0), int(m["second"] or 0), m["ampm"])
        if clock is not None:
            return clock, m.start(), m.end()
        return None
    m = _NAMED_TIME.search(text)
    if m:
        return (time(12) if m["name"].casefold() == "noon" else time(0)), m.start(), m.end()
    return None


def has_digit_char(text: str) -> bool:
    """any(ch.isdigit() for ch in text); in ASCII text only 0-9 are digits."""
    if text.isascii():
        return _has_ascii_digit(text)
    return any(map(str.isdigit, text))  # (a generator expression resumes once per character)


def _only_filler(leftover: str) -> bool:
    """True when what remains beside the date and time is weekdays, tz names and separators."""
    if has_digit_char(leftover):
        return False
    for word in _WORD.findall(leftover):
        if word.casefold() in _FILLER_WORDS:
            continue
        if _TZ_ABBREV.match(word):
            continue
        return False
    return True


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def parse_clock_only(text: str) -> time | None:
    """A segment holding only a time (`10:02 AM EDT`), as printed after a date segment."""
    found = _find_clock(text)
    if found is None:
        return None
    clock, start, end = found
    return clock if _only_filler(_blank(text, start, end)) else None


def _dateutil_fallback(text: str) -> datetime | None:
    """dateutil for labelled lines my grammar misses; only if year, month and day were written."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = dateutil_parser.parse(text, default=_DEFAULT_A, ignoretz=True)
            b = dateutil_parser.parse(text, default=_DEFAULT_B, ignoretz=True)
    except (ValueError, OverflowError, TypeError, dateutil_parser.ParserError):
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    return a


def may_be_timestamp(text: str) -> bool:
    """False only when parse_timestamp(text) is certainly None: every date form it reads
    holds four digits in a row (ISO, month names), a slash (`9/5/25`) or a hyphen (`9-5-25`)."""
    return len(text) <= _MAX_TIMESTAMP_CHARS and ("/" in text or "-" in text or has_year(text))


def may_be_only_date_words(text: str) -> bool:
    """False only when _only_filler certainly fails on what the date and time leave of text.

    Most lines with a year are prose or captions, refused here at their first
    ordinary word without running the date patterns. Every word those patterns
    remove is in _TIMESTAMP_WORDS, and only a word touching a digit can be cut
    by a match (`2025-09-05Zon`), so such words are not judged.
    """
    for m in _WORD.finditer(text):
        word = m.group()
        if word.casefold() in _TIMESTAMP_WORDS or _TZ_ABBREV.match(word):
            continue
        if not word.isascii() and fold_hint(word) in _TIMESTAMP_WORDS:
            continue  # a month written with an IGNORECASE alias (`ſept`)
        start, end = m.span()
        if text[start - 1 : start].isdigit() or text[end : end + 1].isdigit():
            continue
        return False
    return True


def parse_timestamp(text: str) -> Timestamp | None:
    """A whole line or segment that is only a (labelled) date and time; None otherwise.

    `Published 9:14 AM EDT, September 5, 2025`, `Updated 10:02 AM EDT, September 5, 2025`,
    `September 5, 2025 at 9:14 a.m. EDT`, `09/05/2025 09:14 AM`, `Sept. 5, 2025, 9:14 AM ET`.
    Unlabelled lines count as published.
    """
    if len(text) > _MAX_TIMESTAMP_CHARS or not has_digit(text):
        return None
    label_match = _LABEL.match(text)
    kind: TimestampKind = "published"
    rest = text
    if label_match:
        label = label_match["label"].casefold()
        if "updat" in label or "modif" in label:
            kind = "updated"
        rest = text[label_match.end() :]
    elif not may_be_only_date_words(text):
        return None
    hit = _first_date(rest)
    if hit is None:
        return None
    leftover = _blank(rest, hit.start, hit.end)
    clock = hit.clock
    if clock is None:
        found = _find_clock(leftover)
        if found is not None:
            clock, start, end = found
            leftover = _blank(leftover, start, end)
    if not _only_filler(leftover):
        if label_match is None:
            return None
        fallback = _dateutil_fallback(rest)
        if fallback is None:
            return None
        return Timestamp(kind, fallback, True)
    value = datetime.combine(hit.value, clock or time(0))
    return Timestamp(kind, value, clock is not None)


def article_date(stated: date | None, images: list[Image]) -> tuple[date | None, DateSource | None]:
    """`published_date` and `published_date_source`, the rule every reader shares: the date
    the page states, else the date written in its lead photo's caption (contract §2)."""
    if stated is not None:
        return stated, "explicit"
    if images and images[0].photo_date is not None:
        return images[0].photo_date, "caption"
    return None, None
