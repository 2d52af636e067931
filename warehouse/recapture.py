"""The re-capture rule (DATA-CONTRACT.md §2): a dump replaces a stored article only when
it is the same article.

Article ids come from publisher and title. A wrong title (a site's navigation
taken for the headline, a generic "Live updates") can give two different
articles one id; the loader then compares their bodies. Two texts are the same
article unless less than half of one body's 4-word shingles occur in the other.
A different article keeps the id's stem and gets a suffix of its own
(`<id>~<8 hex digits of its body>`); later captures of it find it among the
stem's family and replace it as usual.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

# Word tokens, as the contract's shingles count them: runs of \w.
_WORD = re.compile(r"\w+")
FAMILY_SEPARATOR = "~"
MIN_SHARED = 0.5  # of either body's shingles, for two bodies to be one article


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """The 4-word shingles of `text` (casefolded); a text of 1-3 words is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) < 4:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(zip(words, words[1:], words[2:], words[3:], strict=False))


def same_article(stored_body: str, new_body: str) -> bool:
    """Is `new_body` a capture of the article whose body is `stored_body` (maybe edited)?"""
    if stored_body == new_body:
        return True
    stored, new = shingles(stored_body), shingles(new_body)
    if not stored or not new:
        return True  # nothing to tell them apart by: the id decides
    shared = len(stored & new)
    return shared >= MIN_SHARED * len(stored) and shared >= MIN_SHARED * len(new)


def stem(article_id: str) -> str:
    """The parser's id an article id was made from (itself, unless it carries a suffix)."""
    return article_id.split(FAMILY_SEPARATOR, 1)[0]


def sibling_id(article_id: str, body: str) -> str:
    """The id of a different article that the parser gave `article_id`."""
    digest = hashlib.sha256(" ".join(_WORD.findall(body.casefold())).encode("utf-8"))
    return f"{stem(article_id)}{FAMILY_SEPARATOR}{digest.hexdigest()[:8]}"


def identity(article_id: str, body: str, family: Iterable[tuple[str, str]]) -> str:
    """The id `body` is stored under: the family member it is a capture of, else a new one.

    `family`: (id, body) of the articles already known under the same stem,
    the parser's own id first.
    """
    members = list(family)
    for known_id, known_body in members:
        if same_article(known_body, body):
            return known_id
    if article_id not in {known_id for known_id, _ in members}:
        return article_id
    return sibling_id(article_id, body)
