"""Datelines that open the first body paragraph.

`KYIV, Ukraine (AP) — text`, `WASHINGTON, Sept. 5 (UPI) -- text`,
`LONDON/PARIS, Sept 5 (Reuters) - text`, `LOS ANGELES — text`, `Washington — text` (CBS).
The place is validated as a place (capitalised words, an all-caps city when no
agency tag backs it up), so that `Officials — who ...` never becomes a dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.dates import has_digit

_MAX_AGENCY_HEAD_CHARS = 80
_MAX_DASH_HEAD_CHARS = 70
# "<head> (<agency>) <dash> <rest>"; the head may be empty: "(Reuters) - text"
_AGENCY_FORM = re.compile(
    rf"^(?P<head>[^()]{{0,{_MAX_AGENCY_HEAD_CHARS}}}?)"
    r"\s*\((?P<agency>[A-Z][A-Za-z&./' -]{0,30})\)\s*"
    r"(?P<dash>—|–|--|-|:)?\s*(?P<rest>\S.*)$",
    re.DOTALL,
)
# "<head> <dash> <rest>" with a spaced em/en dash or double hyphen: "LOS ANGELES — text"
_DASH_FORM = re.compile(
    rf"^(?P<head>[^—–]{{2,{_MAX_DASH_HEAD_CHARS}}}?)\s+(?P<dash>—|–|--|-)\s+(?P<rest>\S.*)$",
    re.DOTALL,
)
# A date closing the head: ", Sept. 5", " Sept 5", ", 5 September", ", Sept. 5, 2025"
_HEAD_DATE = re.compile(
    r",?\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
    r"(?:,?\s+\d{4})?\s*$",
    re.IGNORECASE,
)
# Agencies seen in dateline tags.
_DATELINE_AGENCIES = frozenset(
    {"ap", "reuters", "upi", "afp", "cnn", "cbs news", "cbs", "cbs/ap", "ap/cbs", "nbc news",
     "abc news", "cnn business", "healthday news", "healthday", "xinhua", "efe", "dpa", "ians",
     "pti", "bloomberg", "the conversation", "ktla", "kabc", "ap photo", "usa today", "nexstar"}
)  # fmt: skip
_PLACE_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "del", "la", "le", "el", "al", "of", "upon", "sur", "am", "an",
     "der", "y", "on", "les", "des", "du", "di", "en", "and"}
)  # fmt: skip
_PLACE_PUNCT = frozenset(".'’-/&")
_MAX_PLACE_WORDS = 8
_MAX_MIXED_CASE_PLACE_WORDS = 3


@dataclass(slots=True, frozen=True)
class Dateline:
    """The place of a dateline (None when the tag has no place) and the paragraph without it."""

    place: str | None
    rest: str


def _place_words_ok(words: list[str]) -> bool:
    for word in words:
        if word.casefold() in _PLACE_PARTICLES:
            continue
        if not word[0].isupper() and not word[0].isdigit():
            return False
        if not all(ch.isalpha() or ch in _PLACE_PUNCT for ch in word):
            return False
    return True


def _valid_place(place: str, *, need_caps_city: bool) -> bool:
    """A place: city part capitalised (all caps when required), optional `, Region` parts."""
    if not place or any(ch.isdigit() for ch in place):
        return False
    words = place.replace(",", " ").split()
    if not 1 <= len(words) <= _MAX_PLACE_WORDS or not _place_words_ok(words):
        return False
    city = place.split(",", 1)[0]
    if not any(ch.isalpha() for ch in city):
        return False
    if need_caps_city:
        return city == city.upper() and sum(ch.isalpha() for ch in city) >= 2
    return True


def _strip_head_date(head: str) -> str:
    """The head without a closing date. Every _HEAD_DATE match holds a digit, and most heads
    have none: they skip the pattern, which is tried at every position of the head."""
    if has_digit(head):
        head = _HEAD_DATE.sub("", head)
    return head.strip(" ,")


def _may_have_agency_form(paragraph: str) -> bool:
    """False when _AGENCY_FORM cannot match: its "(" is the paragraph's first, after at most
    80 characters and then only whitespace (a find, instead of the lazy head's 80 tries)."""
    i = paragraph.find("(")
    return i != -1 and (
        i <= _MAX_AGENCY_HEAD_CHARS or paragraph[_MAX_AGENCY_HEAD_CHARS:i].isspace()
    )


def _may_have_dash_form(paragraph: str) -> bool:
    """False when _DASH_FORM cannot match: its dash stands between whitespace after at most 70
    characters, so either a spaced dash is among the first 74 characters or the 71st is
    whitespace (a longer run before the dash). Every whitespace character but " " is
    unprintable: an opening holding one is left to the pattern."""
    opening = paragraph[: _MAX_DASH_HEAD_CHARS + 4]
    if not opening.isprintable():
        return True
    return (
        " - " in opening
        or " — " in opening
        or " – " in opening
        or " -- " in opening
        or paragraph[_MAX_DASH_HEAD_CHARS : _MAX_DASH_HEAD_CHARS + 1].isspace()
    )


def parse_dateline(paragraph: str) -> Dateline | None:
    """Split a dateline off the start of a paragraph; None if it has none."""
    m = _AGENCY_FORM.match(paragraph) if _may_have_agency_form(paragraph) else None
    if m and (m["dash"] or m["agency"].casefold() in _DATELINE_AGENCIES):
        agency_ok = m["agency"].casefold() in _DATELINE_AGENCIES or len(m["agency"].split()) <= 2
        head = _strip_head_date(m["head"].strip())
        if agency_ok and (not head or _valid_place(head, need_caps_city=False)):
            if m["head"].strip() and not head and not _HEAD_DATE.search(m["head"]):
                return None
            return Dateline(head or None, m["rest"])
    m = _DASH_FORM.match(paragraph) if _may_have_dash_form(paragraph) else None
    if m:
        head = _strip_head_date(m["head"].strip())
        if _valid_place(head, need_caps_city=True):
            return Dateline(head, m["rest"])
        if m["dash"] in ("—", "–") and _mixed_case_place(head, m["rest"]):
            return Dateline(head, m["rest"])
    return None


def _mixed_case_place(head: str, rest: str) -> bool:
    """CBS-style `Washington — The ...`: a short capitalised place before a new sentence."""
    words = head.replace(",", " ").split()
    if not 1 <= len(words) <= _MAX_MIXED_CASE_PLACE_WORDS or "’s" in head or "'s" in head:
        return False
    if not _valid_place(head, need_caps_city=False):
        return False
    first = rest.lstrip("“\"‘'")
    return bool(first) and first[0].isupper()


def split_first_dateline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """The first paragraph's dateline place and the paragraphs without it (unchanged when
    it has none, or when the dateline is all there is of the paragraph)."""
    found = parse_dateline(paragraphs[0]) if paragraphs else None
    if found is None or not found.rest.strip():
        return None, paragraphs
    return found.place, [found.rest.strip(), *paragraphs[1:]]
