"""Stable article ids: the same article captured twice must get the same id.

Two captures of one page differ in typography more often than in words
(curly vs straight quotes, NBSP, en vs em dash, CRLF), so the id is taken over
a normal form that erases exactly those differences.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_ID_HEX_CHARS = 32
_FIELD_SEPARATOR = "\x1f"

# Single quotes and primes: ‘ ’ ‚ ‛ ′ ` ´
_SINGLE_QUOTES = re.compile("[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]")
# Double quotes and double primes: “ ” „ ‟ ″ « »
_DOUBLE_QUOTES = re.compile("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]")
# Hyphens and dashes: ‐ ‑ ‒ – — ― − ﹘ ﹣ －
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
# Zero-width characters and BOM.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


@lru_cache(maxsize=4096)
def normalise_for_id(text: str | None) -> str:
    """NFKC, casefold, straight quotes, one dash, single spaces, trimmed.

    Cached: every line near the title's length is compared with the title.
    """
    if not text:
        return ""
    if text.isascii():  # NFKC keeps ASCII, and "`" is the only ASCII quote, dash or zero-width
        return " ".join(text.replace("`", "'").lower().split())
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SINGLE_QUOTES.sub("'", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    text = _DASHES.sub("-", text)
    text = text.casefold()
    return " ".join(text.split())  # (whitespace runs as one space, ends trimmed)


def same_text(a: str, b: str) -> bool:
    """Equal up to the typography that normalise_for_id erases (cheap length test first)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > max(8, len(a) // 10):
        return False
    return normalise_for_id(a) == normalise_for_id(b)


def article_id_for(publisher: str | None, title: str) -> str:
    """First 32 hex chars of sha256(normalised publisher + US + normalised title)."""
    material = normalise_for_id(publisher) + _FIELD_SEPARATOR + normalise_for_id(title)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:_ID_HEX_CHARS]
