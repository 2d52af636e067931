"""Text -> lines with their block structure (blocks are separated by blank lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A footer separator: three or more underscores, alone on a line ("___", "_____").
SEPARATOR = re.compile(r"^_{3,}$")


@dataclass(slots=True)
class Line:
    """One non-empty line, with the block it belongs to.

    Not frozen: a frozen dataclass is three times slower to create, and every line is one.
    """

    text: str
    block: int
    starts_block: bool


def split_lines(text: str) -> list[Line]:
    """Non-empty lines in order, each knowing its block number and whether it opens the block."""
    lines: list[Line] = []
    block = 0
    previous_blank = True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            if not previous_blank:
                block += 1
            previous_blank = True
            continue
        lines.append(Line(stripped, block, previous_blank))
        previous_blank = False
    return lines
