"""Dump text -> Article (with images and links) or Rejection. Pure: no I/O.

One pass over the lines classifies each one: header (title, publisher, title
again), meta (bylines, timestamps), captions with their credits, footer
(after `___`), recommendation cards (after a heading) and, for whatever is
left, body paragraphs. Two decisions need the whole picture and are taken
after the pass: whether the first paragraph is the summary (dek), and the
dateline of the first body paragraph.

Summary rule: the first paragraph is the dek when there is at least one more
paragraph, it has no dateline and no URL, it is at most 80 words, and one of:
a byline or timestamp line stands between it and the next paragraph; it does
not end like a sentence (AP deks carry no final period); most of its words
reappear in the next paragraph (a dek restating the lede); or a photo caption
stands between it and the next paragraph, no byline or timestamp came before
it (deks sit above the byline), and it holds no quotation or `said`/`told`
(an inline photo after a lede must not turn the lede into a dek).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Literal

from config.settings import DEFAULT_MAX_BYTES
from transforms.blocks import SEPARATOR, Line, split_lines
from transforms.bylines import (
    BY_PREFIX,
    MAX_BYLINE_LINE_WORDS,
    header_byline_names,
    is_affiliation_only,
)
from transforms.captions import (
    CAPTION_PREFIX,
    MAX_CREDIT_LINE_WORDS,
    CaptionParts,
    build_image,
    can_be_caption,
    cannot_end_credit,
    credit_line_strength,
    has_caption_cue,
    is_caption_start,
    split_bare_credit,
    split_paren_credit,
)
from transforms.credits import CreditStrength, clean_credit
from transforms.datelines import parse_dateline
from transforms.dates import Timestamp, article_date
from transforms.decode import (
    decode_text_spacing,
    gunzip_bounded,
    is_gzip,
    normalize_text_spacing,
)
from transforms.html_decode import is_html_document
from transforms.html_reader import read_html
from transforms.ids import article_id_for, same_text
from transforms.links import FoundLink, find_links
from transforms.meta import MetaLine, is_relative_age, parse_meta_line
from transforms.page_reader import read_page
from transforms.recommendations import (
    CardLine,
    is_category,
    is_rec_heading,
    looks_like_card_title,
    parse_cards,
)
from transforms.records import Article, Image, Rejection, RelatedLink
from transforms.refusals import COOKIE_HINTS, ERROR_TITLE, is_cookie_text
from transforms.vocab import (
    CHROME_LINES,
    IGNORECASE_ALIASES,
    PUBLISHERS,
    fold_hint,
    has_ignorecase_alias,
    hint_text,
    key,
)

Region = Literal["body", "footer", "recs"]
# A recommendations line: card text, a caption, links, furniture/meta to skip, prose that
# ends the section, or anything else (which closes the cards read so far).
RecLineKind = Literal["card", "caption", "links", "skip", "prose", "other"]
# The same, with the two kinds of line that end a recommendations section's cards first.
RecSectionLineKind = Literal["separator", "heading"] | RecLineKind
_REC_ADS = frozenset({"advertisement", "ad", "sponsored"})

_MAX_SUMMARY_WORDS = 80
# What tells a §1.1 dump from a whole page (plainly_portal): the body's first paragraph
# within the first lines (title, publisher, title again, byline, timestamps, caption),
# and no site menu above it (this many short lines in a row).
_PROSE_WORDS = 20
_MIN_HEADLINE_WORDS = 4
_MAX_HEADER_LINES = 6
_MENU_WORDS = 3
_MENU_RUN = 4
_PUBLISHER_WITHIN = 4  # lines: the publisher's name under the headline, or under a byline
_SUMMARY_OVERLAP = 0.6
_MAX_TITLE_WORDS = 60
_MAX_TITLE_CHARS = 400
_MAX_SENTENCE_TITLE_WORDS = 30  # a first line ending with a period and longer is a paragraph
_MAX_PUBLISHER_WORDS = 6
_MAX_PUBLISHER_CHARS = 60
_MIN_OVERLAP_WORD_LEN = 4
_DETAIL_QUOTE_CHARS = 60

# Contributor notes: "Associated Press writer Jane Doe in Kyiv contributed to this report."
_CONTRIBUTED = re.compile(
    r"\bcontributed(?: reporting)?(?: to (?:this|the) (?:report|story|article))\b"
    r"|\b(?:writers?|reporters?|correspondents?|journalists?|staff)\b.{0,200}\bcontributed\b",
    re.IGNORECASE,
)
# Reuters-style credits: "(Reporting by Jane Doe; Editing by John Roe)"
_REPORTING_BY = re.compile(
    r"^\(?\s*(?:(?:additional |further )?reporting|writing|editing|compiled|research)(?: by)?\b"
    r".{0,300}\bby\b.{0,300}\)?$",
    re.IGNORECASE,
)
_MAX_CONTRIBUTOR_WORDS = 60
# Furniture lines: gallery counters "1 of 5", copyright notices, "This story originally
# appeared in ...", Reuters "Our Standards: ...", CBS topic lists "In: ...", "Contributing: ..."
_FURNITURE = re.compile(
    r"^(?:\d{1,3} of \d{1,3}$|(?:copyright|©|\(c\))\s*(?:\d{4})?\b.{0,200}$"
    r"|.{0,200}\ball rights reserved\.?$"
    r"|this (?:story|article|content) (?:originally|first) (?:appeared|was published)\b"
    r"|our standards:|in:\s|contributing:\s)",
    re.IGNORECASE,
)
# How a _FURNITURE line can start (besides a digit or ending in "all rights reserved").
_FURNITURE_OPENINGS = ("copyright", "©", "(c)", "this ", "our standards:", "in:", "contributing:")
# Line openings that some test before "a paragraph" needs, in one anchored match: "___",
# a digit ("1 of 5", "3 min read"), a byline ("By ", "Story by:"), a caption ("FILE - ",
# "In this photo"), "(Reporting by ...", furniture ("Copyright", "This ", "In: ") and
# "Just now" / "Updated" / "Published". Each branch is the pattern it stands for or
# wider (IGNORECASE matches every letter that fold_hint lowers to ASCII).
SPECIAL_OPENING = re.compile(
    rf"_|\d|(?i:{BY_PREFIX.pattern})|{CAPTION_PREFIX.pattern}|(?i:{_REPORTING_BY.pattern})"
    rf"|(?i:{'|'.join(map(re.escape, _FURNITURE_OPENINGS))}|just now|updated|published)"
)
# How every SPECIAL_OPENING match begins, besides a digit or whitespace: the first three
# letters of each IGNORECASE branch as fold_hint writes them (BY_PREFIX; _REPORTING_BY;
# furniture openings, "just now", "updated", "published"), and the case-sensitive
# CAPTION_PREFIX openings, "_", "(" and "©" as printed.
_SPECIAL_FOLDED_OPENINGS = (
    "sto", "wri", "wor", "tex", "art", "by",
    "add", "fur", "rep", "edi", "com", "res",
    "cop", "thi", "our", "in:", "con", "jus", "upd", "pub",
)  # fmt: skip
_SPECIAL_PRINTED_OPENINGS = (
    "FIL", "In ", "Thi", "A ", "An ", "und", "han", "pho", "ima", "pic", "_", "(", "©"
)  # fmt: skip


def _spellings(folded: str) -> set[str]:
    """Every string that fold_hint turns into `folded` (ASCII): each letter in either case
    or as an IGNORECASE alias, which is what an IGNORECASE pattern of `folded` matches."""
    choices = [
        {c for c in (ch, ch.upper(), *IGNORECASE_ALIASES) if fold_hint(c) == ch} for ch in folded
    ]
    return {"".join(chars) for chars in product(*choices)}


# The same openings as printed, in every spelling: set look-ups of a line's first three,
# two and one characters find any of them (digits and whitespace aside).
_SPECIAL_HEADS = frozenset(
    {*_SPECIAL_PRINTED_OPENINGS}.union(*map(_spellings, _SPECIAL_FOLDED_OPENINGS))
)
# Last characters for which cannot_end_credit is True without looking further ("." also
# needs the line not to end in "Jr." or "Inc."): quotation marks, then sentence ends.
_QUOTE_OR_SENTENCE_ENDS = frozenset('"“”.!?:;')
_MIN_PROSE_WORDS = 12  # a period-ended line this long inside recommendations is prose
# An accessibility skip link, the first line of many whole-page captures: "Skip to content".
_SKIP_LINK = re.compile(r"skip (?:to|navigation)\b", re.I)
# A page's markup tag opening a text: "<body class=...>", "<div id=main>", "<script>".
_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|script|style|div|title)\b", re.I)
_COOKIE_HINT_BYTES = tuple(word.encode() for word in COOKIE_HINTS)
# Closing quotes and brackets that may follow a sentence's final punctuation.
_CLOSERS = "”\"’')]»"
_SENTENCE_END = frozenset(".!?…:")
# Quotations and attributions: a lede's marks, seldom a dek's.
_REPORTED_SPEECH = re.compile(r"[“”\"]|\b(?:said|told)\b", re.IGNORECASE)
# Words for the dek/lede overlap test.
_WORD = re.compile(r"[^\W_]+")
# Whitespace other than the space and the line break (every character str.isspace() accepts).
# normalize_text leaves none, except where it repairs mojibake ("â€¯" -> U+202F); a dump
# without any is "plain-spaced": a line's words are its spaces + 1, its key() its casefold.
ODD_WHITESPACE = re.compile(
    "[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
# Lines this short may be a recommendations heading or a PUBLISHERS / CHROME_LINES entry.
_MAX_VOCAB_LINE_CHARS = max(60, *(len(entry) for entry in PUBLISHERS | CHROME_LINES))


@dataclass(slots=True)
class Paragraph:
    text: str
    byline_or_time_after: bool = False  # a byline/timestamp line before the next paragraph
    caption_after: bool = False  # a photo caption before the next paragraph
    meta_before: bool = False  # a byline or timestamp line came earlier in the dump
    has_url: bool = False


def _quote(text: str) -> str:
    """A short quotation of input for rejection details."""
    if len(text) <= _DETAIL_QUOTE_CHARS:
        return repr(text)
    return repr(text[: _DETAIL_QUOTE_CHARS - 1] + "…")


def is_contributor_line(text: str) -> bool:
    """A note on who contributed, not article text."""
    hint = hint_text(text)
    if "contributed" not in hint and "by" not in hint:
        return False  # both patterns need one of these words
    if len(text.split()) > _MAX_CONTRIBUTOR_WORDS:
        return False
    return bool(("contributed" in hint and _CONTRIBUTED.search(text)) or _REPORTING_BY.match(text))


def _count_cookie_texts(texts: list[str], body: str) -> int:
    """How many texts are consent-wall wording; body is the texts joined by blank lines.

    Only texts holding a hint word need the full test. Without IGNORECASE aliases,
    fold_hint(text) is text.lower(), whose ASCII letters are exactly those of the
    UTF-8 bytes lowered (no other character lowers to ASCII); bytes are lowered and
    searched many times faster than a str with curly quotes. The texts hold no line
    breaks, so the blank lines before a hit count the text it is in.
    """
    if has_ignorecase_alias(body):
        return sum(1 for text in texts if is_cookie_text(text))
    folded = body.encode().lower()
    candidates: set[int] = set()
    for word in _COOKIE_HINT_BYTES:
        at = folded.find(word)
        while at != -1:
            candidates.add(folded.count(b"\n\n", 0, at))
            at = folded.find(word, at + 1)
    return sum(1 for i in candidates if is_cookie_text(texts[i]))


def is_chrome(text: str, *, plain_spaced: bool = False) -> bool:
    """Page furniture: `Advertisement`, `Share`, `3 min read`, `1 of 5`, copyright notices.

    plain_spaced=True: text is a line of a plain-spaced dump (see _is_vocabulary_key).
    """
    return (
        _is_vocabulary_key(text, CHROME_LINES, plain_spaced=plain_spaced)
        or is_relative_age(text)
        or (_may_be_furniture(text, hint_text(text)) and _FURNITURE.match(text) is not None)
    )


def _is_vocabulary_key(text: str, vocabulary: frozenset[str], *, plain_spaced: bool) -> bool:
    """key(text) in vocabulary, for a vocabulary of PUBLISHERS or CHROME_LINES entries.

    In a plain-spaced dump a line's key() is its casefold(), never shorter than the
    line: a longer line than any entry is refused without computing (and caching) it.
    """
    if plain_spaced and len(text) > _MAX_VOCAB_LINE_CHARS:
        return False
    return key(text) in vocabulary


def _may_be_furniture(text: str, hint: str) -> bool:
    """False when the line neither opens nor ends the way one of _FURNITURE's branches needs."""
    return (
        hint.startswith(_FURNITURE_OPENINGS)
        or "all rights reserved" in hint
        or text[:1].isdecimal()
    )


def is_plain_prose(text: str, below: str | None) -> bool:
    """An ordinary paragraph without links, `below` being the next line (None at the end).

    True only when every test of PortalReader.classify_line that comes before
    "a paragraph" certainly fails, as shown by cheap necessary conditions of each
    (noted below); any doubt returns False and the full classification runs.
    Most body lines are decided here with a few substring tests and one anchored
    match instead of a dozen parsers. Valid for lines of a plain-spaced dump (see
    ODD_WHITESPACE); the title and publisher comparison is left to the caller.
    Cheapest and most selective tests first: a typical paragraph ends with a
    period and holds no `/`. Helpers are spelled out where they would cost more
    in calls than in work (this runs for nearly every body line).
    """
    if "/" in text:
        return False  # a URL, a bare credit (`REUTERS/Name`)
    last = text[-1]
    if last == ".":
        # (only "r.", "c.", ")." or a run of spaces and periods can end these)
        if text[-2:-1] in "rc .)" and (
            text.endswith(("Jr.", "Inc.", ").")) or text.rstrip(" .").endswith(")")
        ):
            return False  # may end a credit (see cannot_end_credit), or a credit and a period
    elif last not in _QUOTE_OR_SENTENCE_ENDS:
        return False  # not cannot_end_credit(text): a parenthesised credit, a credit line
    if (
        below is not None
        and not _never_credit_line(below)
        and credit_line_strength(below) is not CreditStrength.NONE
    ):
        return False  # the credit of this line as a caption
    first = text[0]
    if (
        text[:3] in _SPECIAL_HEADS
        or text[:2] in _SPECIAL_HEADS
        or first in _SPECIAL_HEADS
        or first.isdecimal()
        or first.isspace()
    ) and SPECIAL_OPENING.match(text):  # (the match only after one of its openings)
        return False  # `___`, a byline, a caption opening, furniture, a relative age
    if len(text) <= _MAX_VOCAB_LINE_CHARS and _is_vocabulary_line(text):
        return False  # a recommendations heading, a PUBLISHERS or CHROME_LINES key
    if parse_meta_line(text) is not None:  # it rules most lines out by substring tests
        return False
    hint = fold_hint(text)
    if "www." in hint or "contributed" in hint or "all rights reserved" in hint:
        return False  # ("www." in casefold() implies "www." in fold_hint(): only ẘ differs)
    return not is_affiliation_only(text)


def _is_vocabulary_line(text: str) -> bool:
    """A recommendations heading, or a line whose key() is a publisher or page furniture."""
    folded = key(text)
    return folded in PUBLISHERS or folded in CHROME_LINES or is_rec_heading(text)


def _never_credit_line(text: str) -> bool:
    """credit_line_strength(text) is NONE, decided cheaply for a plain-spaced line."""
    return cannot_end_credit(text) or text.count(" ") >= MAX_CREDIT_LINE_WORDS


def _ends_like_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _overlap(first: str, second: str) -> float:
    """Share of the first paragraph's longer words that reappear in the second."""
    words = {w.casefold() for w in _WORD.findall(first) if len(w) >= _MIN_OVERLAP_WORD_LEN}
    if not words:
        return 0.0
    others = {w.casefold() for w in _WORD.findall(second)}
    return len(words & others) / len(words)


def _is_summary(first: Paragraph, second: Paragraph) -> bool:
    """The dek rule of the module docstring."""
    if first.has_url or len(first.text.split()) > _MAX_SUMMARY_WORDS:
        return False
    if parse_dateline(first.text) is not None:
        return False
    if first.byline_or_time_after or not _ends_like_sentence(first.text):
        return True
    if _overlap(first.text, second.text) >= _SUMMARY_OVERLAP:
        return True
    return (
        first.caption_after
        and not first.meta_before
        and _REPORTED_SPEECH.search(first.text) is None
    )


def _not_a_title(title: str) -> str | None:
    """Why the first line cannot be a headline, or None if it can."""
    if SEPARATOR.match(title):
        return "first line is a footer separator"
    if not any(ch.isalpha() for ch in title):
        return f"first line {_quote(title)} has no letters"
    words = len(title.split())
    if words > _MAX_TITLE_WORDS or len(title) > _MAX_TITLE_CHARS:
        return f"first line is a {words}-word paragraph, not a headline"
    if words > _MAX_SENTENCE_TITLE_WORDS and _ends_like_sentence(title):
        return f"first line is a {words}-word sentence, not a headline"
    if parse_dateline(title) is not None:
        return f"first line {_quote(title)} opens with a dateline: body text, not a headline"
    if key(title) in PUBLISHERS:
        return f"first line {_quote(title)} is a publisher name, the headline is missing"
    if find_links(title) and len(title.split()) <= 2:
        return f"first line {_quote(title)} is a URL"
    if parse_meta_line(title) is not None:
        return f"first line {_quote(title)} is a byline or timestamp"
    if split_paren_credit(title) or credit_line_strength(title) is CreditStrength.STRONG:
        return f"first line {_quote(title)} is a photo caption or credit"
    return None


def _is_markup(text: str) -> bool:
    """The text opens with a markup tag: a fragment of a page's HTML (a whole document never
    gets here: parse_dump gives it to the HTML reader). A text that merely holds a tag
    further down (an article quoting `<div>`) is text."""
    return text.startswith("<") and _MARKUP.match(text) is not None


def _not_a_page(lines: list[Line]) -> Rejection | None:
    """Any dump whose first line is a recommendations heading or an error is no article."""
    title = lines[0].text
    if is_rec_heading(title):
        return Rejection(
            "not_an_article",
            f"first line is {_quote(title)}: a recommendations block, not an article",
        )
    if ERROR_TITLE.match(title):
        return Rejection("not_an_article", f"first line is {_quote(title)}: an error page")
    return None


def _precheck(lines: list[Line]) -> Rejection | None:
    """Reject a portal-shaped dump that is plainly not an article before parsing it.

    A cookie banner or a first line that cannot be a headline refuses only a dump
    of the portal's shape: on a whole page they are furniture above the article.
    """
    title = lines[0].text
    if is_cookie_text(title):
        return Rejection("not_an_article", f"first line is {_quote(title)}: a cookie/consent wall")
    reason = _not_a_title(title)
    if reason is not None:
        return Rejection("no_title", reason)
    return None


class PortalReader:
    """The single pass over a dump's lines; collects everything an Article needs."""

    def __init__(self, lines: list[Line], *, plain_spaced: bool = False) -> None:
        self.lines = lines
        self.plain_spaced = plain_spaced  # no odd whitespace: is_plain_prose may decide lines
        self.title = lines[0].text
        self.publisher: str | None = None
        self.authors: list[str] = []
        self.published: Timestamp | None = None
        self.updated: Timestamp | None = None
        self.images: list[Image] = []
        self.links: list[RelatedLink] = []
        self.paragraphs: list[Paragraph] = []
        self.cards: list[CardLine] = []
        self.region: Region = "body"
        self.region_before_recs: Region = "body"
        self.saw_byline = False  # a byline without names ("By The Associated Press") counts

    def read(self) -> None:
        i = self._read_header()
        count = len(self.lines)
        read_line = self.read_line
        while i < count:
            i += read_line(i)
        self._flush_cards()

    # -- header ---------------------------------------------------------------------------

    def _is_publisher(self, line: Line) -> bool:
        """The line under the title names the publisher: short, not a sentence, not meta."""
        text = line.text
        if key(text) in PUBLISHERS:
            return True
        max_words = _MAX_PUBLISHER_WORDS if not line.starts_block else _MAX_PUBLISHER_WORDS - 2
        if len(text.split()) > max_words or len(text) > _MAX_PUBLISHER_CHARS:
            return False
        if text[-1] in ".!?:;," or not (text[0].isupper() or text[0].isdigit()):
            return False
        if same_text(text, self.title) or is_rec_heading(text) or is_chrome(text):
            return False
        if find_links(text) or parse_meta_line(text) is not None:
            return False
        return credit_line_strength(text) is CreditStrength.NONE

    def _read_header(self) -> int:
        """Title, publisher, and a title repeated before the publisher; index of the next line."""
        lines = self.lines
        if len(lines) > 1 and self._is_publisher(lines[1]):
            self.publisher = lines[1].text
            return 2
        if len(lines) > 2 and same_text(lines[1].text, self.title) and self._is_publisher(lines[2]):
            self.publisher = lines[2].text
            return 3
        return 1

    def _read_header_byline(self, i: int) -> int:
        """Bylines without `By` that only appear above the body; lines consumed (0 if none).

        `Jane Doe, Associated Press`; or a line of names only (`Jane Doe`) directly
        above an affiliation (`USA TODAY`) or a timestamp line, and not above a credit.
        """
        text = self.lines[i].text
        bare_names, names = header_byline_names(text)
        if bare_names:
            self._add_authors(bare_names)
            return 1
        if not names or i + 1 >= len(self.lines):
            return 0
        below = self.lines[i + 1].text
        if is_affiliation_only(below):
            self._add_authors(names)
            return 2
        if credit_line_strength(below) is CreditStrength.NONE:
            meta = parse_meta_line(below)
            if meta is not None and meta.timestamps and meta.authors is None:
                self._add_authors(names)
                return 1
        return 0

    # -- one line -------------------------------------------------------------------------

    def read_line(self, i: int) -> int:
        """Read line i (and maybe its credit line); number of lines consumed."""
        region = self.region
        if region == "recs":
            return self._read_rec_section_line(i)
        if self.plain_spaced and self.takes_plain_prose(i):
            if region == "body":
                text = self.lines[i].text
                self.paragraphs.append(Paragraph(text, meta_before=self._meta_seen()))
            return 1
        return self.classify_line(i)

    def takes_plain_prose(self, i: int) -> bool:
        """is_plain_prose for line i, when neither the title, the publisher nor a header byline."""
        text = self.lines[i].text
        below = self.lines[i + 1].text if i + 1 < len(self.lines) else None
        if not is_plain_prose(text, below):
            return False
        if same_text(text, self.title) or text == self.publisher:
            return False
        # _read_header_byline may take it (plain-spaced: words = spaces + 1): when it finds
        # no names (the dek and the lede, mostly), it takes nothing.
        return not (
            self._header_byline_possible()
            and text.count(" ") < MAX_BYLINE_LINE_WORDS
            and any(header_byline_names(text))
        )

    def _header_byline_possible(self) -> bool:
        """Bylines without `By` are looked for above the second paragraph only."""
        return len(self.paragraphs) <= 1 and self.region == "body"

    def _meta_seen(self) -> bool:
        return bool(self.authors or self.published or self.updated or self.saw_byline)

    def classify_line(self, i: int) -> int:
        """Classify line i (and maybe its credit line) by every test in turn; lines consumed."""
        text = self.lines[i].text
        if text[0] == "_" and SEPARATOR.match(text):
            self._flush_cards()
            self.region = "footer"
            return 1
        if is_rec_heading(text):
            self._flush_cards()
            if self.region != "recs":
                self.region_before_recs = self.region
            self.region = "recs"
            return 1
        if self.region == "recs":
            return self._read_rec_line(i)
        if same_text(text, self.title) or text == self.publisher:
            return 1
        plain_spaced = self.plain_spaced
        agency = _is_vocabulary_key(text, PUBLISHERS, plain_spaced=plain_spaced)
        if agency or is_affiliation_only(text):
            return 1  # a bare agency or job title line ("Associated Press", "Staff Writer")
        meta = parse_meta_line(text)
        if meta is not None:
            self._take_meta(meta)
            self._mark_meta()
            return 1
        if self._header_byline_possible():
            consumed = self._read_header_byline(i)
            if consumed:
                self._mark_meta()
                return consumed
        consumed = self._read_caption(i)
        if consumed:
            self._mark_meta(caption=True)
            return consumed
        if is_contributor_line(text) or is_chrome(text, plain_spaced=plain_spaced):
            return 1
        links = find_links(text)
        self._add_links(links)
        if self.region == "footer" or (links and all(x.link_type == "hub" for x in links)):
            return 1
        self.paragraphs.append(Paragraph(text, has_url=bool(links), meta_before=self._meta_seen()))
        return 1

    def _read_caption(self, i: int) -> int:
        """A caption at line i (its credit possibly on line i+1); lines consumed, 0 if none."""
        text = self.lines[i].text
        parts = split_paren_credit(text) or split_bare_credit(text)
        if parts is not None:
            self._add_image(parts.caption, parts.credit)
            return 1
        credit_below = self._credit_below(i)
        if credit_below is not None:
            self._add_image(text, credit_below)
            return 2
        if credit_line_strength(text) is CreditStrength.STRONG:
            self._add_image("", clean_credit(text))
            return 1
        if is_caption_start(text):
            self._add_image(text, None)
            return 1
        return 0

    def _credit_below(self, i: int) -> str | None:
        """The credit on line i+1 when it closes line i as a caption.

        A bare agency (`Reuters`) only counts in the same block and under text
        that reads like a caption; an unmistakable credit counts across a blank line.
        """
        if i + 1 >= len(self.lines):
            return None
        below = self.lines[i + 1]
        if self.plain_spaced and _never_credit_line(below.text):
            return None  # (the common case, decided without a cache look-up)
        strength = credit_line_strength(below.text)
        if strength is CreditStrength.NONE:
            return None
        text = self.lines[i].text
        if not can_be_caption(text, credit_in_next_block=below.starts_block):
            return None
        if strength is CreditStrength.WEAK and (below.starts_block or not has_caption_cue(text)):
            return None
        return clean_credit(below.text)

    def _read_rec_section_line(self, i: int) -> int:
        """classify_line(i) in the recommendations section, from one cached look-up.

        Most of these lines are cards or furniture: decided here without the calls.
        """
        line = self.lines[i]
        kind, found = rec_section_line_kind(line.text)
        if kind == "card":
            self.cards.append(CardLine(line.text, line.starts_block))
            return 1
        if kind == "skip":
            return 1
        if kind == "separator" or kind == "heading":
            return self.classify_line(i)
        return self._take_rec_line(i, kind, found)

    def _read_rec_line(self, i: int) -> int:
        """A line inside the recommendations section: a card line unless clearly something else."""
        kind, found = rec_line_kind(self.lines[i].text)
        return self._take_rec_line(i, kind, found)

    def _take_rec_line(
        self, i: int, kind: RecLineKind, found: CaptionParts | tuple[FoundLink, ...] | None
    ) -> int:
        """Act on line i of the recommendations section, of the kind rec_line_kind found."""
        line = self.lines[i]
        if kind == "card":
            self.cards.append(CardLine(line.text, line.starts_block))
            return 1
        if kind == "skip":
            return 1
        self._flush_cards()
        if kind == "caption":
            caption = found if isinstance(found, CaptionParts) else CaptionParts(line.text, None)
            self._add_image(caption.caption, caption.credit)
        elif kind == "links":
            self._add_links(found)
        elif kind == "prose":
            # Prose after a heading: the heading was an inline module and the text goes on.
            self.region = self.region_before_recs
            return self.read_line(i)
        return 1

    # -- collecting -----------------------------------------------------------------------

    def _mark_meta(self, *, caption: bool = False) -> None:
        if self.paragraphs:
            if caption:
                self.paragraphs[-1].caption_after = True
            else:
                self.paragraphs[-1].byline_or_time_after = True

    def _add_authors(self, names: list[str]) -> None:
        known = {key(name) for name in self.authors}
        for name in names:
            if key(name) not in known:
                self.authors.append(name)
                known.add(key(name))

    def _take_meta(self, meta: MetaLine) -> None:
        self.saw_byline = self.saw_byline or meta.authors is not None
        if meta.authors:
            self._add_authors(meta.authors)
        for stamp in meta.timestamps:
            if stamp.kind == "published" and self.published is None:
                self.published = stamp
            elif stamp.kind == "updated" and self.updated is None:
                self.updated = stamp

    def _add_image(self, caption: str, credit: str | None) -> None:
        self.images.append(build_image(len(self.images), caption, credit))

    def _add_links(self, links: Iterable[FoundLink]) -> None:
        for link in links:
            self.links.append(
                RelatedLink(len(self.links), link.link_type, title=link.title, url=link.url)
            )

    def _flush_cards(self) -> None:
        for card in parse_cards(self.cards):
            self.links.append(
                RelatedLink(
                    len(self.links),
                    "recommended",
                    title=card.title,
                    publisher=card.publisher,
                    category=card.category,
                )
            )
        self.cards = []

    # -- result ---------------------------------------------------------------------------

    def _word_count(self, body: str, paragraphs: int) -> int:
        """len(body.split()); in a plain-spaced dump each paragraph has its spaces + 1 words."""
        if self.plain_spaced:
            return body.count(" ") + paragraphs
        return len(body.split())

    def article(self) -> Article | Rejection:
        paragraphs = list(self.paragraphs)
        summary: str | None = None
        if len(paragraphs) >= 2 and _is_summary(paragraphs[0], paragraphs[1]):
            summary = paragraphs.pop(0).text
        texts = [p.text for p in paragraphs]
        dateline: str | None = None
        if texts:
            found = parse_dateline(texts[0])
            if found is not None:
                dateline = found.place
                texts[0] = found.rest
        if not texts:
            return Rejection(
                "not_an_article", f"no body paragraphs found under the title {_quote(self.title)}"
            )
        body = "\n\n".join(texts)
        cookie_hits = _count_cookie_texts(texts, body)
        if cookie_hits and cookie_hits * 2 >= len(texts):
            return Rejection("not_an_article", "the text is a cookie/consent wall")
        published_at = self.published.value if self.published else None
        published_date, source = article_date(
            published_at.date() if published_at else None, self.images
        )
        return Article(
            article_id=article_id_for(self.publisher, self.title),
            title=self.title,
            publisher=self.publisher,
            summary=summary,
            authors=self.authors,
            dateline=dateline,
            published_at=published_at,
            updated_at=self.updated.value if self.updated else None,
            published_date=published_date,
            published_date_source=source,
            body=body,
            paragraph_count=len(texts),
            word_count=self._word_count(body, len(texts)),
            images=self.images,
            links=self.links,
        )


@lru_cache(maxsize=4096)
def rec_line_kind(text: str) -> tuple[RecLineKind, CaptionParts | tuple[FoundLink, ...] | None]:
    """What a line under a recommendations heading is, with the caption parts or links found.

    Depends on the text alone, so it is cached: publisher names, categories and
    card titles recur within a dump and across dumps.
    """
    parts = split_paren_credit(text) or split_bare_credit(text)
    if parts is not None or is_caption_start(text):
        return "caption", parts
    links = find_links(text)
    if links:
        return "links", tuple(links)
    if key(text) in _REC_ADS or is_relative_age(text):
        return "skip", None
    if not is_category(text) and parse_meta_line(text) is not None:
        return "skip", None
    if len(text.split()) >= _MIN_PROSE_WORDS and text.rstrip(_CLOSERS).endswith("."):
        return "prose", None
    if not looks_like_card_title(text):
        return "other", None
    return "card", None


@lru_cache(maxsize=4096)
def rec_section_line_kind(
    text: str,
) -> tuple[RecSectionLineKind, CaptionParts | tuple[FoundLink, ...] | None]:
    """What classify_line finds a line of the recommendations section to be: a footer
    separator, another heading, or else rec_line_kind(text). Cached like rec_line_kind."""
    if text[0] == "_" and SEPARATOR.match(text):
        return "separator", None
    if is_rec_heading(text):
        return "heading", None
    return rec_line_kind(text)


def _skip_leading_chrome(lines: list[Line]) -> list[Line]:
    """Drop page furniture above the headline (`Skip to main content`, `Advertisement`)."""
    start = 0
    while start < len(lines) - 1 and is_chrome(lines[start].text):
        start += 1
    return lines[start:]


def plainly_portal(lines: list[Line]) -> bool:
    """The dump plainly has the syndication-portal layout (contract §1.1), or lacks only a
    line of it: such dumps take the portal reader, exact on that layout and fast; every
    other capture (a whole page of any site, contract §1.3) takes the full-page reader.

    Plainly §1.1: a headline, then the headline again or a known publisher's name
    within a few lines (maybe under a byline); or a dump that opens with its body; or
    a headline with body prose right below a short header and no site menu above it.
    Missing its headline: a publisher's name first and no menu below it, or a byline
    or timestamp first with body prose right below.
    """
    if len(lines) < 2:
        return False
    title = lines[0].text
    if _SKIP_LINK.match(title):
        return False
    if _is_prose(title):
        return True  # the body comes first: §1.1 without its headline
    headline = _not_a_title(title) is None
    repeated = same_text(lines[1].text, title)
    below = lines[2].text if repeated and len(lines) > 2 else lines[1].text
    if headline and key(below) in PUBLISHERS:
        return True  # the publisher right under the headline (or under it again)
    long_headline = headline and len(title.split()) >= _MIN_HEADLINE_WORDS
    if long_headline and repeated:
        return True
    if long_headline and any(key(line.text) in PUBLISHERS for line in lines[1:_PUBLISHER_WITHIN]):
        return True  # the publisher under a byline
    if long_headline:
        return _prose_below_short_header(lines)
    if key(title) in PUBLISHERS:  # the publisher's name where the headline should be
        return not _has_menu(lines[: _MAX_HEADER_LINES + 1])
    if parse_meta_line(title) is not None:  # a byline or a timestamp where it should be
        return _prose_below_short_header(lines)
    return False


def _is_prose(text: str) -> bool:
    """A paragraph of running text: long, and ending as a sentence ends."""
    return len(text.split()) >= _PROSE_WORDS and text.rstrip(_CLOSERS)[-1:] in ".!?"


def _prose_below_short_header(lines: list[Line]) -> bool:
    """Body prose within the first few lines, and no run of menu-like lines above it."""
    head = lines[: _MAX_HEADER_LINES + 1]
    first_prose = next((i for i, line in enumerate(head) if _is_prose(line.text)), None)
    if first_prose is None:
        return False
    return not _has_menu(head[:first_prose])


def _has_menu(lines: list[Line]) -> bool:
    """A site menu among `lines`: _MENU_RUN short lines in a row, none a sentence."""
    run = 0
    for line in lines:
        short = len(line.text.split()) <= _MENU_WORDS and line.text[-1] not in ".!?"
        run = run + 1 if short else 0
        if run >= _MENU_RUN:
            return True
    return False


def _parse_normalised(text: str, *, plain_spaced: bool = False) -> Article | Rejection:
    """Parse normalize_text output; plain_spaced=True: it is known to hold no ODD_WHITESPACE."""
    plain_spaced = plain_spaced or ODD_WHITESPACE.search(text) is None
    lines = _skip_leading_chrome(split_lines(text))
    if not lines:
        return Rejection("empty", "the text holds no visible lines")
    if _is_markup(text):
        return Rejection(
            "not_an_article",
            "the text is HTML markup without a document start (<!doctype html>, <html>): "
            "a page fragment, not an article",
        )
    refused = _not_a_page(lines)
    if refused is not None:
        return refused
    if not plainly_portal(lines):
        page = read_page(text)
        if isinstance(page, Article):
            return page
        # No article in the page: where the portal reader refuses it too, its reason
        # is the more precise one (a cookie wall, a first line that is a credit).
        portal = _read_portal(lines, plain_spaced)
        return portal if isinstance(portal, Rejection) else page
    return _read_portal(lines, plain_spaced)


def _read_portal(lines: list[Line], plain_spaced: bool) -> Article | Rejection:
    rejection = _precheck(lines)
    if rejection is not None:
        return rejection
    reader = PortalReader(lines, plain_spaced=plain_spaced)
    reader.read()
    return reader.article()


def _parse_error(exc: Exception) -> Rejection:
    return Rejection("parse_error", f"parser failed: {type(exc).__name__}: {exc}"[:500])


def parse_text(text: str) -> Article | Rejection:
    """Parse one dump's text. Never raises: a parser bug becomes Rejection('parse_error')."""
    try:
        normalised, plain_spaced = normalize_text_spacing(text)
        if not normalised.strip():
            return Rejection("empty", "the text is empty or holds only whitespace")
        return _parse_normalised(normalised, plain_spaced=plain_spaced)
    except Exception as exc:
        return _parse_error(exc)


def parse_dump(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Article | Rejection:
    """Decode (gunzipping if needed, up to max_bytes) and parse one dump. Never raises.

    An HTML document (by its bytes, whatever the file's name: transforms/html_decode.py)
    takes the HTML reader; everything else is text and takes the text readers.
    """
    try:
        if is_gzip(data):
            unpacked = gunzip_bounded(data, max_bytes)
            if isinstance(unpacked, Rejection):
                return unpacked
            data = unpacked
        if len(data) > max_bytes:
            return Rejection("too_large", f"{len(data)} bytes exceeds the limit of {max_bytes}")
        if is_html_document(data):
            return read_html(data)
        decoded = decode_text_spacing(data)
        if isinstance(decoded, Rejection):
            return decoded
        text, plain_spaced = decoded
        return _parse_normalised(text, plain_spaced=plain_spaced)
    except Exception as exc:
        return _parse_error(exc)
