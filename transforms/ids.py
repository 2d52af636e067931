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
from urllib.parse import urlsplit, urlunsplit

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


# Query parameters that track a visit, never name a page: utm_*, click ids, share markers.
_TRACKING_PARAM = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|ocid|cmpid|share|smid|ref|src)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_URL_MARK = "\x1e"


def normalise_url(url: str) -> str | None:
    """The canonical URL reduced to what names the page, or None if it is no web address.

    Two captures of one page state their canonical URL with small differences: http or
    https, a `www.` host or not, upper-case host, a default port, a trailing slash, a
    `#fragment`, tracking parameters (`?utm_source=...`). None of those names another
    page, so the id is taken over a form without them; the path keeps its case (servers
    tell `/Story` from `/story`) and the other query parameters keep their order.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # an unbalanced IPv6 bracket, a port that is no number
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.removeprefix("www.")  # (hostname is lower-cased already)
    netloc = host if port is None or str(port) == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = parts.path.rstrip("/") or "/"
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and not _TRACKING_PARAM.match(pair.split("=", 1)[0])
    )
    return urlunsplit(("", netloc, path, query, ""))


def article_id_for_url(url: str) -> str | None:
    """First 32 hex chars of sha256 of the normalised canonical URL (None: not a web address).

    A leading RS byte, which normalise_for_id never leaves in a publisher (it is
    whitespace to str.split), keeps a URL id from ever equalling a publisher + title id.
    """
    normalised = normalise_url(url)
    if normalised is None:
        return None
    material = _URL_MARK + normalised
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:_ID_HEX_CHARS]
