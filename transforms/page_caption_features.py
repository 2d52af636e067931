"""What the learned caption pass scores a short line near the article by.

A caption and a short paragraph can read alike; what tells them apart in a text
capture is mostly what stands around the line: a credit right after it (alone on
its line, often a bare name or agency repeated under every photo of the page, or a
`Credit:` label), a player's apparatus nearby (`1 of 12`, `01:14`, `Enlarge`,
`Image`), a credit glued to its end where innerText joined the caption and credit
elements (`... her shoes.JANE DOE`), and its shape against the paragraphs around it
(shorter, no continuation into the next line, present-tense scene phrasing, names
with their places in the picture, a date). Every feature is generic; the ensemble in
transforms/page_model.json weighs them (trained in bench/train_page_model.py by
cross-validation over sites).
"""

from __future__ import annotations

import math
import re

from transforms.captions import credit_line_strength, has_caption_cue
from transforms.dates import has_digit
from transforms.page_lines import FEATURE_NAMES, OWN_FEATURES, PageLine
from transforms.page_vocab import PHOTO_APPARATUS_LINES

# A credit glued to a caption's last sentence with no space, at the end of the line:
# "... and shoes.WHITNEY HAYES", "... in Brazil.Beyoncé/Instagram", "... rink.JOHN DOE/GLOBE"
# (a sentence end after a lowercase letter, digit or closer, then a capitalised run of at
# most nine words whose words are capitalised or joiners).
_GLUED_CREDIT = re.compile(
    r"(?<=[a-z0-9)\]”\"’'])[.!?][”\"’']?"
    r"(?P<credit>[A-Z][\w.’'&-]*"
    r"(?:(?: |/| / |; )(?:[A-Z0-9][\w.’'&+-]*|of|for|via|and|the|de|von|van)){0,8})$"
)
# A counter or a clip length printed by a gallery or a player: "1 of 12", "3/10", "01:14"
_COUNTER = re.compile(r"\d{1,3}\s*(?:of|/)\s*\d{1,3}|\d{1,2}:\d{2}(?::\d{2})?")
# Where a person stands in the picture: "Jane Doe, left,", "(second from right)", "(L-R)"
_PLACEMENT = re.compile(
    r"(?:,|\()\s*(?:(?:second|third|far) )?(?:from )?(?:left|right|center|centre|top|bottom|above"
    r"|below|front|back)\b|\b(?:L-R|l-r|from left|left to right|pictured)\b"
)
# A year or a full date in parentheses, or a closing ", 1993." of a picture's date
_DATED = re.compile(r"\(\s*(?:[A-Z][a-z]+\.? \d{1,2}, )?\d{4}\s*\)|, (?:19|20)\d{2}\.?$")
# Present participles and present-tense scene verbs of picture descriptions.
_SCENE_WORD = re.compile(
    r"\b\w+ing\b|\b(?:poses|stands|sits|walks|speaks|looks|holds|wears|waves)\b"
)
# A picture's subject in the present tense, as captions describe a scene: a capitalised
# name (its title and initials included), maybe an apposition, then a present verb:
# "Former U.S. President Jo Doe delivers remarks", "Jane Roe, left, smiles", "Jo Doe is
# spotted" (not "says", "tells" or "writes": the attribution of a quote in the body).
_PRESENT_SUBJECT = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){0,6}?[A-Z][\w.'’-]*(?:,[^,]{1,40},)?\s+"
    r"(?!(?:says|tells|writes|adds|notes|explains|argues|recalls|thinks|believes|knows)\b)"
    r"(?:is|are|[a-z]{2,}[^s\W]s)\b"
)
# Lines that wrap wholly in brackets: "(Rabbit Hole)", "[Rendering: Studio]"
_WRAPPED = re.compile(r"^[(\[][^()\[\]]+[)\]]\.?$")
# Punctuation stripped off an apparatus line before it is looked up: "Credit:", "Credit..."
_APPARATUS_TRAIL = ":.…,|"
_NEAR = 2  # how many lines away an apparatus line counts as next to the candidate
_BARE_AGENCY_WORDS = 4  # a weak (bare agency) credit is never longer than this

_WORDS = OWN_FEATURES.index("words")
_CREDIT = OWN_FEATURES.index("credit")
_ENDS_SENTENCE = OWN_FEATURES.index("ends_sentence")
_CHROME = OWN_FEATURES.index("chrome_line")
_COMMON = OWN_FEATURES.index("common_share")
_CAPS = OWN_FEATURES.index("cap_share")
# Candidate lines: short enough to be a caption, long enough to say something.
MIN_CANDIDATE_WORDS = 1
MAX_CANDIDATE_WORDS = 55
# A line the body model scores this surely is not a caption candidate.
SURE_BODY = 0.9
# The learned pass looks this far before the block (a lead photo above the body) and after.
BEFORE_BLOCK = 8
AFTER_BLOCK = 2

CAPTION_FEATURES: tuple[str, ...] = (
    *FEATURE_NAMES,
    "p",
    "p_prev",
    "p_next",
    "credit_prev",
    "credit_next",
    "words_prev",
    "words_next",
    "caption_cue",
    "in_block",
    "glued_credit",
    "credit_strength_next",
    "credit_strength_prev",
    "credit_strength_next2",
    "repeats_next",
    "short_next",
    "apparatus_near",
    "wrapped",
    "placement",
    "dated",
    "scene_share",
    "next_starts_lower",
    "prev_ends_sentence",
    "words_vs_neighbours",
    "from_block_start",
    "to_block_end",
    "common_next",
    "caps_next",
    "common_prev",
    "p_next2",
    "present_subject",
)


def glued_credit(text: str) -> tuple[str, str] | None:
    """(caption, credit) when a credit is glued to the caption's last sentence, else None."""
    if len(text) > 1000 or not text[-1:].isalnum():
        return None
    m = _GLUED_CREDIT.search(text)
    if m is None or len(text[: m.start("credit")].split()) < 2:
        return None
    return text[: m.start("credit")], m["credit"]


def is_apparatus(text: str) -> bool:
    """A photo or video player's own line: a label, a credit label, a counter, a length."""
    if len(text) > 24:
        return False
    return (
        text.casefold().rstrip(_APPARATUS_TRAIL).strip() in PHOTO_APPARATUS_LINES
        or _COUNTER.fullmatch(text) is not None
    )


def caption_candidates(
    own: list[list[float]], probs: list[float], block: tuple[int, int]
) -> list[int]:
    """Lines near the block short enough to be a caption, for the learned pass.

    Lines the body model is sure of are left out: the caption ensemble almost never
    overrules it there, and skipping them keeps the pass within the page's time budget.
    """
    lo = max(0, block[0] - BEFORE_BLOCK)
    hi = min(len(own), block[1] + AFTER_BLOCK)
    return [
        i
        for i in range(lo, hi)
        if MIN_CANDIDATE_WORDS <= own[i][_WORDS] <= MAX_CANDIDATE_WORDS
        and not own[i][_CHROME]
        and probs[i] < SURE_BODY
    ]


def _short_name(row: list[float] | None) -> float:
    """1 when a line is a short unpunctuated one (1-5 words): a bare name or agency."""
    return float(row is not None and 1 <= row[_WORDS] <= 5 and not row[_ENDS_SENTENCE])


def _near_apparatus(lines: list[PageLine]) -> list[float]:
    """1 for every line within _NEAR lines of a photo or video player's own line."""
    near = [0.0] * len(lines)
    for j, line in enumerate(lines):
        if is_apparatus(line.text):
            for i in range(max(0, j - _NEAR), min(len(lines), j + _NEAR + 1)):
                near[i] = 1.0
    return near


def caption_rows(
    lines: list[PageLine],
    features: list[list[float]],
    probs: list[float],
    block: tuple[int, int],
    candidates: list[int],
) -> list[list[float]]:
    """One row per candidate line (order: CAPTION_FEATURES)."""
    n = len(lines)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    near_apparatus = _near_apparatus(lines)
    strengths: dict[int, float] = {}  # credit strength per line index, each computed once

    def strength(j: int) -> float:
        """A bare agency (`AP`) is a weak credit; longer lines take the line's credit shape."""
        if not 0 <= j < n:
            return 0.0
        if j not in strengths:
            if features[j][_WORDS] <= _BARE_AGENCY_WORDS:
                strengths[j] = float(credit_line_strength(lines[j].text))
            else:
                strengths[j] = 2.0 * features[j][_CREDIT]
        return strengths[j]

    rows = []
    for i in candidates:
        text = lines[i].text
        prev = features[i - 1] if i > 0 else None
        nxt = features[i + 1] if i + 1 < n else None
        next_text = lines[i + 1].text if nxt else ""
        words = features[i][_WORDS]
        neighbours = [row[_WORDS] for row in (prev, nxt) if row is not None]
        mean_neighbours = sum(neighbours) / len(neighbours) if neighbours else words
        row = features[i].copy()
        row += (
            probs[i],
            probs[i - 1] if prev else 0.0,
            probs[i + 1] if nxt else 0.0,
            prev[_CREDIT] if prev else 0.0,
            nxt[_CREDIT] if nxt else 0.0,
            prev[_WORDS] if prev else 0.0,
            nxt[_WORDS] if nxt else 0.0,
            float(has_caption_cue(text)),
            float(block[0] <= i < block[1]),
            float(glued_credit(text) is not None),
            strength(i + 1),
            strength(i - 1),
            strength(i + 2),
            math.log(counts[next_text]) if nxt else 0.0,
            _short_name(nxt),
            near_apparatus[i],
            float(text[0] in "([" and _WRAPPED.match(text) is not None),
            float(_PLACEMENT.search(text) is not None),
            float(has_digit(text) and _DATED.search(text) is not None),
            len(_SCENE_WORD.findall(text)) / words if words else 0.0,
            float(next_text[:1].islower()),
            prev[_ENDS_SENTENCE] if prev else 1.0,
            math.log((1.0 + words) / (1.0 + mean_neighbours)),
            float(min(20, max(-20, i - block[0]))),
            float(min(20, max(-20, block[1] - 1 - i))),
            nxt[_COMMON] if nxt else 0.0,
            nxt[_CAPS] if nxt else 0.0,
            prev[_COMMON] if prev else 0.0,
            probs[i + 2] if i + 2 < n else 0.0,
            float(_PRESENT_SUBJECT.match(text) is not None),
        )
        rows.append(row)
    return rows
