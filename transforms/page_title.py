"""The headline of a full-page capture: candidate lines before the article's block, ranked.

The headline is rarely the first line but nearly always a line shortly before the
body: after the menus, before or after the byline and date, and it shares words with
the opening paragraphs. Each candidate is described by those facts (nearness,
shape, word overlap with the body, bylines and dates around it, how often the page
repeats it) and a learned ensemble (transforms/page_model.py) picks the best.
"""

from __future__ import annotations

import math
import re

from transforms.bylines import may_be_byline
from transforms.dates import MONTH_NAMES, find_caption_date
from transforms.page_captions import caption_parts
from transforms.page_lines import OWN_FEATURES, WORD, PageLine
from transforms.page_vocab import COMMON_WORDS
from transforms.refusals import is_cookie_text

# How far before the body's first line a headline is looked for, and how far into it.
LOOK_BACK = 60
LOOK_INTO = 5
_MAX_TITLE_WORDS = 40
_MAX_TITLE_CHARS = 320
# Lines of the body compared with a candidate for shared words.
_OPENING_LINES = 5
_NEAR = 4  # lines around a candidate searched for bylines and dates
# A posting verb before a date: "Posted on Dec 23, 2023", "Published: ...", "Updated ..."
_POSTED = re.compile(r"\b(?:posted|published|updated)\b", re.IGNORECASE)
# What a printed date is made of: whole month names or their abbreviations (not the
# start of "Mayor" or "Decision"; glued to a year is fine: "2023December"), digits,
# and the punctuation between them
_DATE_CHARS = re.compile(
    rf"(?<![a-z])(?:{'|'.join(MONTH_NAMES)})(?![a-z])\.?|\d+|[\s,./:-]", re.IGNORECASE
)
# A copyright notice's closing words, in any case: "All rights reserved", "ALL RIGHTS RESERVED"
_RIGHTS_RESERVED = re.compile(r"\ball rights reserved\b", re.IGNORECASE)
# A consent notice is a sentence or two; a shorter line about cookies may be a headline
# ("Cookie recipes to use up leftover candy").
_MIN_NOTICE_WORDS = 10
# A line this much made of them is a date line (`December 18, 2023December 18, 2023`).
_DATE_LINE_SHARE = 0.6

_OWN = {name: i for i, name in enumerate(OWN_FEATURES)}
_OWN_USED = (
    "log_chars", "words", "common_share", "ends_sentence", "cap_share", "allcaps_share",
    "digit_share", "furniture_share", "blank_before", "blank_after", "chrome_line",
    "ends_colon", "has_bar", "starts_non_alnum", "has_quote", "credit", "url_or_email",
)  # fmt: skip

TITLE_FEATURES: tuple[str, ...] = (
    *_OWN_USED,
    "offset",
    "rank_before",
    "line_prob",
    "overlap_opening",
    "overlap_body",
    "opening_overlap_of_line",
    "log_repeats",
    "contained_in_others",
    "meta_after",
    "meta_before",
    "next_words",
    "length_rank",
    "first_candidate",
    "holds_other",
)


def is_candidate(own: list[float], line: PageLine) -> bool:
    """A line that may be a headline: 2-40 words, not a byline, date, caption, chrome line
    or notice."""
    words = own[_OWN["words"]]
    return (
        2 <= words <= _MAX_TITLE_WORDS
        and len(line.text) <= _MAX_TITLE_CHARS
        and not own[_OWN["byline"]]
        and not own[_OWN["timestamp"]]
        and not own[_OWN["chrome_line"]]
        and not (own[_OWN["credit"]] and _credited_caption(line.text))
        and not (own[_OWN["digit_share"]] and _dated_byline(line.text))
        and not _notice(line.text)
    )


def _notice(text: str) -> bool:
    """The site's copyright or consent notice (`© 2023 X. All rights reserved`, `We use
    cookies to ...`), which a page may print before the article when its body is short."""
    return (
        text.startswith(("©", "(c) ", "(C) ", "Copyright "))
        or _RIGHTS_RESERVED.search(text) is not None
        or (len(text.split()) >= _MIN_NOTICE_WORDS and is_cookie_text(text))
    )


def _dated_byline(text: str) -> bool:
    """A byline or a date line the meta readers miss: a byline run together with the date
    (`By Jane Doe • December 15, 2023 12:25 pm`), a section glued to the posting date
    (`Work & Money·Posted on Dec 23, 2023`), a date printed twice.
    """
    if find_caption_date(text) is None:
        return False
    return (
        may_be_byline(text)
        or _POSTED.search(text) is not None
        or _date_share(text) > _DATE_LINE_SHARE
    )


def _date_share(text: str) -> float:
    """How much of the line (by characters) dates and their punctuation make up."""
    return 1 - len(_DATE_CHARS.sub("", text)) / len(text) if text else 0.0


def _credited_caption(text: str) -> bool:
    """A photo caption closed by its credit (`... in Torrance. (Jane Doe / Times)`)."""
    parts = caption_parts(text)
    return parts is not None and bool(parts.caption) and bool(parts.credit)


def candidate_indices(own: list[list[float]], lines: list[PageLine], start: int) -> list[int]:
    """Lines from LOOK_BACK before the body's start to LOOK_INTO into it that may be headlines."""
    lo = max(0, start - LOOK_BACK)
    hi = min(len(lines), start + LOOK_INTO)
    return [i for i in range(lo, hi) if is_candidate(own[i], lines[i])]


def _content_words(text: str) -> set[str]:
    """Casefolded words of a line that are not function words."""
    return {w for w in (t.casefold() for t in WORD.findall(text)) if w not in COMMON_WORDS}


def title_features(
    lines: list[PageLine],
    own: list[list[float]],
    probs: list[float],
    body: list[int],
    candidates: list[int],
) -> list[list[float]]:
    """One feature vector per candidate (order: TITLE_FEATURES)."""
    start = body[0] if body else len(lines)
    opening = set().union(*(_content_words(lines[i].text) for i in body[:_OPENING_LINES]))
    whole = set().union(opening, *(_content_words(lines[i].text) for i in body[_OPENING_LINES:]))
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    lengths = sorted((len(lines[i].text) for i in candidates), reverse=True)
    long_texts = [lines[i].text for i in candidates if len(lines[i].text) >= 20]
    rows = []
    n_before = sum(1 for i in candidates if i < start)
    for k, i in enumerate(candidates):
        text = lines[i].text
        words = _content_words(text)
        overlap_opening = len(words & opening) / len(words) if words else 0.0
        overlap_body = len(words & whole) / len(words) if words else 0.0
        of_line = len(words & opening) / (len(opening) or 1)
        contained = (
            sum(1 for j, other in enumerate(lines) if j != i and text in other.text)
            if len(text) >= 20
            else 0
        )
        # the line is another candidate behind a prefix ("News / World / <headline>")
        holds = any(len(other) < len(text) and text.endswith(other) for other in long_texts)
        near_after = range(i + 1, min(len(lines), i + 1 + _NEAR))
        near_before = range(max(0, i - _NEAR), i)
        rows.append(
            [
                *(own[i][_OWN[name]] for name in _OWN_USED),
                float(i - start),
                float(n_before - k) if i < start else float(-1 - (k - n_before)),
                probs[i],
                overlap_opening,
                overlap_body,
                of_line,
                math.log(counts[text]),
                float(min(contained, 5)),
                float(any(_is_meta(own[j]) for j in near_after)),
                float(any(_is_meta(own[j]) for j in near_before)),
                own[i + 1][_OWN["words"]] if i + 1 < len(lines) else 0.0,
                float(lengths.index(len(text))),
                float(k == 0),
                float(holds),
            ]
        )
    return rows


def _is_meta(own: list[float]) -> bool:
    """A byline or a timestamp line."""
    return bool(own[_OWN["byline"]] or own[_OWN["timestamp"]])
