"""Page furniture printed between an article's paragraphs, in any reader.

Ad slots (`Advertisement`), pointers to other stories (`READ MORE: ...`, `Related | ...`),
prompts (`Sign up for our newsletter`), share bars, copyright lines and the site's own
affiliate disclosure: a paragraph of one of these is never the article's. The word lists
live in transforms/html_body_vocab.py, where bench/html_body_accuracy.py prunes them by
cross-validation over sites.
"""

from __future__ import annotations

import re

from transforms import html_body_vocab as vocab
from transforms.refusals import is_affiliate_notice

# Leading and trailing punctuation around a furniture line: "READ MORE »", "— Advertisement —".
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
# What may follow a furniture prefix: a separator ("Related: ...", "More | ...") or nothing.
_PREFIX_SEPARATORS = ":|>»-–—"


def is_furniture(paragraph: str) -> bool:
    """Whether a paragraph is page furniture: an ad slot, a pointer to another story, a
    prompt to sign up or share, a copyright line, the site's affiliate disclosure."""
    if is_affiliate_notice(paragraph):
        return True
    folded = paragraph.casefold()
    bare = _EDGE_PUNCT.sub("", folded)
    if bare in vocab.FURNITURE_LINES:
        return True
    if folded.startswith(vocab.PROMPT_OPENINGS):
        return True
    for prefix in vocab.FURNITURE_PREFIXES:
        if folded.startswith(prefix):
            rest = folded[len(prefix) :].lstrip()
            if not rest or rest[0] in _PREFIX_SEPARATORS:
                return True
    return False
