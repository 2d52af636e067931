"""Data for transforms/html_body.py: the words and limits its post-processing rules use.

Kept apart from the logic so a rule reads as a rule. The word lists are the
furniture any news site prints, never a string only one site prints; they were
written with the dev corpus in view, so bench/html_body_accuracy.py chooses them
again entry by entry on 4 site folds and scores the 5th (TAIL_NOTE_OPENINGS too;
NOTE_BLOCK_CLASSES is chosen as a whole rule). Entries that training preferred to
drop in most folds are left out ("join our", "thanks for reading", "some answers
were": the note-block and tail rules already take the pages they helped). The limits
were set once, not searched (a search over them is not worth it on 293 pages).
"""

from __future__ import annotations

# Elements that trafilatura's own cleaning deletes whole, subtree and all (each is in its
# settings.MANUALLY_CLEANED; a test checks it): handed to it as `prune_xpath`, they go
# before its many passes over the tree instead of after its first copies and searches.
# Menus, footers, icons and figures are over half of a news page's elements. The body is
# the same on every dev corpus page, about 2 ms sooner; only trafilatura's last resort
# (the raw page's text, when it finds nothing else) no longer holds menus. Not `form` (it
# keeps a form that holds most of the text), `head` and `script` (it reads JSON-LD there)
# or `math` (it keeps formulas).
TRAFILATURA_DISCARDS = (
    "aside", "footer", "svg", "nav", "button", "picture", "figure", "noscript", "label",
    "iframe", "video", "audio", "canvas", "map", "object", "embed", "menu", "link", "select",
    "input", "textarea",
)  # fmt: skip

# Lines that are page furniture when they are the whole paragraph (casefolded, trimmed of
# punctuation): ad slots, share bars, widget titles left between body paragraphs.
FURNITURE_LINES = frozenset({
    "advertisement", "advertisements", "ad", "sponsored", "sponsored content",
    "recommended", "recommended stories", "recommended for you", "related", "related articles",
    "related stories", "related content", "related coverage", "read more", "more", "see also",
    "also read", "also see", "trending", "popular", "most popular", "most read", "share",
    "share this", "share this article", "share this story", "comments", "comment",
    "story continues below", "story continues below advertisement", "article continues below",
    "continue reading", "continue reading below", "scroll to continue", "skip advertisement",
    "up next", "watch", "listen", "play", "more on this story", "more from", "you may also like",
    "don't miss", "newsletter", "sign up", "subscribe", "subscribe now", "top stories",
})  # fmt: skip

# How a furniture paragraph begins (casefolded): a pointer to another story or a prompt.
# Each must be followed by a separator (":", "|", "-", ">") or the end of the line.
FURNITURE_PREFIXES = (
    "related", "read more", "read also", "also read", "more", "see also", "recommended",
    "also", "watch", "listen", "click here", "sign up", "subscribe", "don't miss", "must read",
    "required reading", "trending", "up next", "editor's note", "related video",
    "related coverage", "related stories", "related articles", "follow us",
)  # fmt: skip

# Opening words of a prompt paragraph, whatever follows (casefolded).
PROMPT_OPENINGS = (
    "sign up for", "sign up to", "subscribe to", "click here to", "follow us on",
    "download the", "get the latest", "get our", "to read more", "for more stories",
    "©", "copyright ©", "all rights reserved",
)  # fmt: skip

# A byline or dateline paragraph is short: at most this many words.
MAX_BYLINE_WORDS = 10

# Captions: a body paragraph matching a caption element of the page is a caption when at
# least this share of its 4-token shingles are in the caption (and it has one at least).
CAPTION_OVERLAP = 0.8

# One block: the page's paragraphs found in trafilatura's single block replace it when
# they make up at least this share of its characters.
SPLIT_COVERAGE = 0.8

# The headline repeated in the body ends what comes before it when it comes before this
# share of the words.
HEADLINE_WITHIN_SHARE = 0.25

# JSON-LD articleBody replaces trafilatura's text when it is at least this many words and
# trafilatura's text holds less than this share of its shingles (trafilatura found another
# block), and the articleBody's own text is visible on the page (its opening is in the HTML).
LD_MIN_WORDS = 80
LD_DISAGREE = 0.5
# A rich-text document in the page's JSON data is read only when trafilatura's text is
# shorter than this (its paragraphs then replace it on the JSON-LD test above).
RICH_TEXT_BELOW_WORDS = 150

# Headings of teaser blocks after an article (casefolded openings); a short paragraph
# beginning so, after this share of the text, ends the body.
TEASER_HEADINGS = (
    "more from", "more stories", "more must-read", "more on", "more in", "more news",
    "more coverage", "read next", "read more", "what to read next", "related", "recommended",
    "you may also like", "you might also like", "also on", "most popular", "most read",
    "popular now", "trending", "top reads", "top stories", "latest news", "latest stories",
    "our coverage", "further reading", "deep dive", "explore more", "keep reading",
    "editors' picks", "editor's picks", "don't miss", "see also", "up next",
)  # fmt: skip
TEASER_AFTER_SHARE = 0.5
MAX_TEASER_HEADING_WORDS = 8

# Notes after an article (casefolded openings): republication, correction and edit notes,
# reference and credit lines, sign-up and contact prompts. Cut only from the end back.
TAIL_NOTE_OPENINGS = (
    "this story was originally published", "this story originally appeared",
    "this article originally appeared", "this post originally appeared", "originally published",
    "read the original article", "this article appeared in", "this story will appear",
    "this article was originally", "reprinted", "copyright", "more information:",
    "for more information", "image credit", "photo credit", "source:", "sources:",
    "thank you for subscribing", "want to keep up", "our journalism",
    "have a tip", "contact ", "follow ", "for more ", "click here", "read the latest",
    "this interview has been", "interviews have been", "reviews have been",
    "correction", "editor's note", "editor’s note", "disclosure", "we occasionally recommend",
    "the author or authors", "discuss this", "also available on", "get the", "get daily",
    "be the first", "install the", "download the", "sign up", "subscribe", "©",
)  # fmt: skip
# A tail note is at most this many words; one this short is a note when it holds an e-mail
# address, a handle or a sign-up / credit word.
MAX_TAIL_NOTE_WORDS = 80
MAX_SHORT_NOTE_WORDS = 30

# class / id words (lower case substrings) of note blocks around an article: author bios,
# newsletter sign-ups, boilerplate and disclaimer boxes. A paragraph repeating such a
# block's text (CAPTION_OVERLAP of its shingles) is dropped, unless the block holds more
# than NOTE_BLOCK_MAX_SHARE of the body's words (then it is the article's wrapper).
# ("subscribe" was tried and left out: paywalled pages wrap the article in such a block.)
NOTE_BLOCK_CLASSES = (
    "bio", "newsletter", "boilerplate", "disclaimer", "disclosure", "signup", "sign-up",
    "promo", "related", "recommend", "nutrition", "affiliate",
)  # fmt: skip
NOTE_BLOCK_MAX_SHARE = 0.3
