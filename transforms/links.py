"""Links out of the article: hub lines (`Follow ... coverage at URL`) and inline URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.records import LinkType

# A line that opens with a related-reading label: "Read more: ", "Related: ", "See also - ",
# "READ MORE |", "Watch: " (a promotion, whether of a link, a card or a figure)
RELATED_LABEL = re.compile(
    r"^\s*(?:read more|read also|also read|related|see also|more|recommended|read next"
    r"|further reading|watch|listen)\s*[:|\-–—»>]",
    re.IGNORECASE,
)
# http(s) URLs, "www." hosts, and bare hosts with a path ("apnews.com/hub/x")
_URL = re.compile(
    r"\bhttps?://[^\s<>\"“”]+|\bwww\.[^\s<>\"“”]+"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|news|io|co|us|uk)/[^\s<>\"“”]*",
    re.IGNORECASE,
)
# Punctuation that ends a sentence rather than a URL.
_URL_TRAILING = ".,;:!?’'”\"»>"
# A possible sentence end: terminator, optional closing quote, space, then a capital or quote.
_SENTENCE_BREAK = re.compile(r"(?P<word>\S*)(?P<end>[.!?])[”\"’')\]]?\s+(?=[“\"‘'(\[]?[A-Z0-9])")
# Abbreviations whose period does not end a sentence ("St. Louis", "Sen. Doe", "Sept. 5").
_ABBREVIATIONS = frozenset(
    {"st", "sen", "rep", "gov", "dr", "mr", "mrs", "ms", "jr", "sr", "gen", "col", "lt", "sgt",
     "capt", "cmdr", "adm", "prof", "rev", "no", "mt", "ft", "inc", "co", "corp", "ltd", "vs",
     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "calif", "fla", "ill", "mass", "mich", "minn", "tenn", "tex", "wash", "ariz", "colo",
     "conn", "ga", "ky", "la", "md", "mo", "nev", "okla", "ore", "pa", "va", "wis", "ala"}
)  # fmt: skip
# What is trimmed off the end of link text: " at", ":", " -", " —", " here", "(" ...
_TITLE_TAIL = re.compile(r"(?:\s+(?:at|on|via|here)|\s*[:\-–—,(|•]|\s+)+$", re.IGNORECASE)
# Hub lines: "Follow the AP’s coverage of the war", "Find more AP coverage of ...", "More on ..."
_HUB_TEXT = re.compile(
    r"^(?:follow|find|read|see|get|track|keep up with|for more)\b.*\bcoverage\b", re.IGNORECASE
)


@dataclass(slots=True, frozen=True)
class FoundLink:
    """A URL with the text that introduces it (no position yet)."""

    link_type: LinkType
    title: str | None
    url: str


def has_url(text: str) -> bool:
    """True when the text holds a URL."""
    return ("/" in text or "www." in text.casefold()) and _URL.search(text) is not None


def _clean_url(url: str) -> str:
    url = url.rstrip(_URL_TRAILING)
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(_URL_TRAILING)
    return url


def _last_sentence_start(text: str) -> int:
    """Index where the last sentence of text begins; abbreviations and initials do not end one."""
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        word = m["word"].lstrip("“\"‘'([")
        if m["end"] == "." and (word.casefold() in _ABBREVIATIONS or len(word) == 1 or "." in word):
            continue
        start = m.end()
    return start


def _title_before(text: str) -> str | None:
    """The sentence fragment before a URL, without a trailing `at`, `:` or dash."""
    start = _last_sentence_start(text)
    title = _TITLE_TAIL.sub("", text[start:]).strip()
    return title or None


def is_hub(title: str | None, url: str) -> bool:
    """A "Follow ... coverage at URL" line, or any link to an AP-style /hub/ page."""
    return "/hub/" in url.casefold() or (title is not None and _HUB_TEXT.match(title) is not None)


def find_links(text: str) -> list[FoundLink]:
    """Every URL in a line, typed hub or inline, titled by the text before it."""
    links: list[FoundLink] = []
    if "/" not in text and ("." not in text or "www." not in text.casefold()):
        return links  # (casefold() never makes a "." out of another character)
    previous_end = 0
    for m in _URL.finditer(text):
        url = _clean_url(m.group())
        if not url:
            continue
        title = _title_before(text[previous_end : m.start()])
        if title is None and previous_end == 0 and m.start() == 0:
            after = text[m.end() :].strip(" .:-—–")
            title = after or None
        previous_end = m.end()
        kind: LinkType = "hub" if is_hub(title, url) else "inline"
        links.append(FoundLink(kind, title, url))
    return links
