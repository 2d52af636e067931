"""The article's block in a full-page capture: the run of lines the line model calls body.

Line scores alone leave holes (a short paragraph scored low) and strays (a teaser
paragraph in the footer scored high). The article is one stretch of the page, so
the reader takes the contiguous run of lines with the largest total evidence —
each line adding its probability above a threshold, weighted by its length — and
then keeps, inside that run, the lines scored as body.
"""

from __future__ import annotations

import math

# Weight of a line in the block search: longer lines carry more evidence.
_MIN_WEIGHT = 1.0


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
