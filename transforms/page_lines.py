"""Lines of a full-page text capture and the features a learned model scores them by.

A browser's innerText puts one block element a line, so article paragraphs, menu
entries, headlines and footer links each stand on their own line. What tells them
apart is what a line *is* (long, made of function words, closed by sentence
punctuation) and where it stands (among other prose lines, far from the page's
edges, not repeated elsewhere on the page). The features below say exactly that and
nothing about any particular site; bench/train_page_model.py learns how to weigh them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from transforms.bylines import may_be_byline, parse_byline
from transforms.captions import credit_line_strength, split_bare_credit, split_paren_credit
from transforms.credits import CreditStrength
from transforms.dates import has_digit, parse_timestamp
from transforms.page_vocab import AFTER_ARTICLE_HEADINGS, COMMON_WORDS, FURNITURE_WORDS
from transforms.vocab import CHROME_LINES, REC_HEADINGS

# Runs of word characters: the tokens of the body metric and of every share below.
WORD = re.compile(r"\w+")
# A sentence end followed by a space and more text: "... said. The", "? “We"
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]?\s+\S")
# A URL or an e-mail address anywhere in a line: "https://x.com/a", "www.x.com", "a@b.org"
_URL_OR_EMAIL = re.compile(r"https?://|www\.|\S@\S+\.\w")
# Characters that close a sentence, possibly followed by closing quotes or brackets.
_SENTENCE_END_CHARS = frozenset(".!?…")
_CLOSERS = "\"”’')]"

# Window half-widths over which context features are averaged.
WINDOWS: tuple[int, ...] = (2, 5, 15)
# A prose line: at least this many words, with function words and a sentence end.
_PROSE_MIN_WORDS = 15
_PROSE_MIN_COMMON = 0.25
_FAR = 50.0  # the distance given when there is no prose line on that side


@dataclass(slots=True)
class PageLine:
    """One non-empty line of the capture, and whether blank lines stand around it."""

    text: str
    blank_before: bool
    blank_after: bool
    raw: str  # stripped but with its inner spacing, which can separate a name from a site


def page_lines(text: str) -> list[PageLine]:
    """Non-empty, stripped lines in page order, with the blank lines around each noted."""
    lines: list[PageLine] = []
    blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = " ".join(raw.split())
        if not stripped:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        lines.append(PageLine(stripped, blank, False, raw.strip()))
        blank = False
    if lines:
        lines[-1].blank_after = True
    return lines


def ends_sentence(text: str) -> bool:
    """The line closes with sentence punctuation (`.`, `?`, `!`, `…`, then quotes/brackets)."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END_CHARS


def is_credit_line(text: str) -> bool:
    """A photo caption closed by a credit, or a credit standing alone on its line."""
    if len(text) > 600:
        return False
    if text.endswith(")") and split_paren_credit(text) is not None:
        return True
    if split_bare_credit(text) is not None:
        return True
    return credit_line_strength(text) is CreditStrength.STRONG


def is_byline(text: str) -> bool:
    """A `By Jane Doe` line (transforms/bylines.py decides what a byline is)."""
    return len(text) < 200 and may_be_byline(text) and bool(parse_byline(text))


# Names of the per-line features, in the order line_own_features returns them.
OWN_FEATURES: tuple[str, ...] = (
    "log_chars",
    "words",
    "common_share",
    "ends_sentence",
    "sentence_breaks",
    "comma_rate",
    "cap_share",
    "allcaps_share",
    "digit_share",
    "furniture_share",
    "blank_before",
    "blank_after",
    "chrome_line",
    "url_or_email",
    "byline",
    "timestamp",
    "credit",
    "starts_non_alnum",
    "ends_colon",
    "has_bar",
    "has_quote",
    "mean_word_len",
    "prose",
)
# The own features that are also averaged over each window.
_WINDOWED = ("log_chars", "common_share", "ends_sentence", "furniture_share", "prose", "words")
_WINDOWED_INDEX = tuple(OWN_FEATURES.index(name) for name in _WINDOWED)
_PROSE_INDEX = OWN_FEATURES.index("prose")
_WORDS_INDEX = OWN_FEATURES.index("words")

FEATURE_NAMES: tuple[str, ...] = (
    *OWN_FEATURES,
    "rel_position",
    "log_repeats",
    "dist_prose_before",
    "dist_prose_after",
    "prose_mass_before",
    "after_heading_before",
    "dist_best_prose",
    *(f"w{width}_{name}" for width in WINDOWS for name in _WINDOWED),
)


def line_own_features(line: PageLine) -> list[float]:
    """What a line is, from its own text (see OWN_FEATURES for the order)."""
    text = line.text
    tokens = WORD.findall(text)
    n = len(tokens)
    common = furniture = caps = allcaps = letters = 0
    for token in tokens:  # one pass: this runs for every line of every page
        folded = token.casefold()
        if folded in COMMON_WORDS:
            common += 1
        if folded in FURNITURE_WORDS:
            furniture += 1
        if token[0].isupper():
            caps += 1
            if len(token) > 1 and token.isupper():
                allcaps += 1
        letters += len(token)
    share = 1.0 / n if n else 0.0
    digits = sum(map(str.isdigit, text)) / len(text) if has_digit(text) else 0.0
    key = text.casefold().rstrip(":")
    end = ends_sentence(text)
    prose = n >= _PROSE_MIN_WORDS and common * share >= _PROSE_MIN_COMMON and end
    maybe_date = len(text) <= 120 and digits > 0
    return [
        math.log(1 + len(text)),
        float(min(n, 200)),
        common * share,
        float(end),
        float(len(_SENTENCE_BREAK.findall(text))) if n > 5 else 0.0,
        text.count(",") / n if n else 0.0,
        caps * share,
        allcaps * share,
        digits,
        furniture * share,
        float(line.blank_before),
        float(line.blank_after),
        float(key in CHROME_LINES or key in REC_HEADINGS or key in AFTER_ARTICLE_HEADINGS),
        float(_URL_OR_EMAIL.search(text) is not None),
        float(is_byline(text)),
        float(maybe_date and parse_timestamp(text) is not None),
        float(is_credit_line(text)),
        float(not text[0].isalnum()),
        float(text.endswith(":")),
        float("|" in text),
        float(any(ch in text for ch in '"“”')),
        letters * share,
        float(prose),
    ]


def _distances_to_prose(prose: list[bool]) -> tuple[list[float], list[float]]:
    """For each line, how many lines back and ahead the nearest prose line stands."""
    n = len(prose)
    before = [_FAR] * n
    after = [_FAR] * n
    last = None
    for i in range(n):
        if last is not None:
            before[i] = min(_FAR, float(i - last))
        if prose[i]:
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        if last is not None:
            after[i] = min(_FAR, float(last - i))
        if prose[i]:
            last = i
    return before, after


def _window_means(column: list[float], width: int) -> list[float]:
    """Mean of column over lines i-width..i+width (clipped at the page's edges)."""
    prefix = [0.0]
    total = 0.0
    for value in column:
        total += value
        prefix.append(total)
    n = len(column)
    if n <= 2 * width + 1:  # every window clipped on both sides
        return [
            (prefix[min(n, i + width + 1)] - prefix[max(0, i - width)])
            / (min(n, i + width + 1) - max(0, i - width))
            for i in range(n)
        ]
    span = 2 * width + 1
    head = [prefix[i + width + 1] / (i + width + 1) for i in range(width)]
    middle = [(prefix[i + span] - prefix[i]) / span for i in range(n - span + 1)]
    tail = [(total - prefix[i - width]) / (n - i + width) for i in range(n - width, n)]
    return head + middle + tail


def _best_prose_centre(prose_words: list[float]) -> int:
    """The line at the centre of the densest run of prose (the article's likely middle)."""
    smoothed = _window_means(prose_words, 15)
    return max(range(len(smoothed)), key=smoothed.__getitem__) if smoothed else 0


def line_features(lines: list[PageLine], own: list[list[float]]) -> list[list[float]]:
    """One feature vector per line (order: FEATURE_NAMES): the line and its surroundings.

    `own`: line_own_features of every line, which the reader needs again for titles.
    """
    n = len(lines)
    if n == 0:
        return []
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    prose = [row[_PROSE_INDEX] > 0 for row in own]
    before, after = _distances_to_prose(prose)
    prose_words = [row[_WORDS_INDEX] if p else 0.0 for row, p in zip(own, prose, strict=True)]
    total_prose = sum(prose_words) or 1.0
    centre = _best_prose_centre(prose_words)
    heading_seen = 0.0
    seen_prose = False
    windowed = [
        _window_means([row[j] for row in own], width) for width in WINDOWS for j in _WINDOWED_INDEX
    ]
    features = []
    mass = 0.0
    for i, line in enumerate(lines):
        row = own[i]
        key = line.text.casefold().rstrip(":")
        if seen_prose and key in AFTER_ARTICLE_HEADINGS:
            heading_seen = 1.0
        seen_prose = seen_prose or prose[i]
        features.append(
            [
                *row,
                i / n,
                math.log(counts[line.text]),
                before[i],
                after[i],
                mass / total_prose,
                heading_seen,
                min(_FAR * 2, abs(i - centre)) * (1.0 if i >= centre else -1.0),
                *(column[i] for column in windowed),
            ]
        )
        mass += prose_words[i]
    return features


# The second look at a page: each line's first-stage body score beside the scores
# around it. A line of a run of body lines is body even when it reads thin (a subhead,
# a one-line paragraph); a lone sure line amid furniture is often a teaser.
CONTEXT_WINDOWS: tuple[int, ...] = (1, 3, 8, 20)
_SURE = 0.9
CONTEXT_FEATURES: tuple[str, ...] = (
    "p",
    "p_prev",
    "p_next",
    "p_prev2",
    "p_next2",
    *(f"pw{width}_mean" for width in CONTEXT_WINDOWS),
    *(f"pw{width}_max" for width in CONTEXT_WINDOWS[:2]),
    "dist_sure_before",
    "dist_sure_after",
    "score_mass_before",
    "words",
    "prose",
    "ends_sentence",
    "blank_before",
    "blank_after",
    "chrome_line",
    "furniture_share",
)
_CONTEXT_OWN = tuple(
    OWN_FEATURES.index(name)
    for name in ("words", "prose", "ends_sentence", "blank_before", "blank_after",
                 "chrome_line", "furniture_share")
)  # fmt: skip


def _window_max(column: list[float], width: int) -> list[float]:
    """Max of column over lines i-width..i+width (clipped at the page's edges)."""
    n = len(column)
    return [max(column[max(0, i - width) : i + width + 1]) for i in range(n)]


def context_features(
    own: list[list[float]], probs: list[float], indices: Iterable[int] | None = None
) -> list[list[float]]:
    """One vector per line (order: CONTEXT_FEATURES) from the first-stage body scores;
    with `indices`, for those lines only, in that order."""
    n = len(probs)
    if n == 0:
        return []
    means = [_window_means(probs, width) for width in CONTEXT_WINDOWS]
    maxes = [_window_max(probs, width) for width in CONTEXT_WINDOWS[:2]]
    sure = [p >= _SURE for p in probs]
    before, after = _distances_to_prose(sure)
    mass = [0.0]
    for p in probs:
        mass.append(mass[-1] + p)
    total = mass[-1] or 1.0
    rows = []
    for i in range(n) if indices is None else indices:
        row = own[i]
        rows.append(
            [
                probs[i],
                probs[i - 1] if i > 0 else 0.0,
                probs[i + 1] if i + 1 < n else 0.0,
                probs[i - 2] if i > 1 else 0.0,
                probs[i + 2] if i + 2 < n else 0.0,
                *(column[i] for column in means),
                *(column[i] for column in maxes),
                before[i],
                after[i],
                mass[i] / total,
                *(row[j] for j in _CONTEXT_OWN),
            ]
        )
    return rows
