"""The article's block in a full-page capture: the run of lines the line model calls body.

Line scores alone leave holes (a short paragraph scored low) and strays (a teaser
paragraph in the footer scored high). The article is one stretch of the page, so
the reader takes the contiguous run of lines with the largest total evidence —
each line adding its probability above a threshold, weighted by its length — and
then keeps, inside that run, the lines scored as body.

An article may break itself up: a rule line (`___`, `* * *`) or a short subhead
between two runs of its prose. The trees score the prose after such a break lower
(it looks like the start of something else), so the block may stop at the break.
`bridge` carries the body over such breaks: a prose line reached from the body
across nothing but rule lines and short subheads is body when its score clears a
lower threshold than the one for ordinary lines. A heading that announces the
page's furniture (`Related`, `Comments`) is never a break to bridge.
"""

from __future__ import annotations

import math
import re

# A rule line: nothing but punctuation, underscores or symbols ("___", "* * *", "———", "•")
RULE_LINE = re.compile(r"[\W_]+")
# The most lines a bridge may cross between two runs of prose (a rule, a subhead, a rule).
MAX_BRIDGE_LINES = 3
# Weight of a line in the block search: longer lines carry more evidence.
_MIN_WEIGHT = 1.0


def is_rule(text: str) -> bool:
    """A line that draws a rule (`___`, `* * *`): a section break, never a paragraph."""
    return RULE_LINE.fullmatch(text) is not None


def line_weight(words: float) -> float:
    """How much a line of `words` words counts in the block search."""
    return max(_MIN_WEIGHT, math.log2(1.0 + words))


def best_block(probs: list[float], words: list[float], threshold: float) -> tuple[int, int] | None:
    """(start, end) of the contiguous run maximising Σ (p - threshold)·weight; None if none gains.

    end is exclusive. Kadane's maximum-sum subarray, one pass.
    """
    best = 0.0
    best_span: tuple[int, int] | None = None
    running = 0.0
    start = 0
    for i, (p, n) in enumerate(zip(probs, words, strict=True)):
        if running <= 0.0:
            running = 0.0
            start = i
        running += (p - threshold) * line_weight(n)
        if running > best:
            best = running
            best_span = (start, i + 1)
    return best_span


def kept_lines(probs: list[float], block: tuple[int, int], keep: float) -> list[int]:
    """Indices of the lines inside the block whose probability reaches `keep`."""
    start, end = block
    return [i for i in range(start, end) if probs[i] >= keep]


def bridge(
    probs: list[float],
    block: tuple[int, int],
    body: list[int],
    prose: list[bool],
    crossable: list[bool],
    threshold: float,
) -> tuple[tuple[int, int], list[int]]:
    """The block and its body lines, carried across the article's own section breaks.

    `prose`: the line is sentence-like prose; `crossable`: the line may sit inside an
    article between its runs of prose (a rule line or a short subhead, never a heading
    of site furniture). From each body line, up to MAX_BRIDGE_LINES crossable lines
    are skipped; a prose line right after them scoring `threshold` or more is body
    too, and the search goes on from it.
    """
    if not body:
        return block, body
    kept = set(body)
    end = block[1]
    n = len(probs)
    queue = list(body)
    for i in queue:  # grows as bridged lines are found
        j = i + 1
        while j < n and j - i <= MAX_BRIDGE_LINES and crossable[j] and j not in kept:
            j += 1
        if j > i + 1 and j < n and j not in kept and prose[j] and probs[j] >= threshold:
            kept.add(j)
            queue.append(j)
            end = max(end, j + 1)
    return (block[0], end), sorted(kept)
