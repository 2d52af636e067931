"""The parser's shortcuts must decide exactly what the full tests decide.

PortalReader.read_line takes most body lines as "plain prose" from a few
necessary conditions (transforms.parse.is_plain_prose) instead of running every
classifier. Here each line of many dumps and of generated lines is read both
ways, from the same reader state, and the outcomes are compared in full. The
facts about Unicode that the shortcuts rely on are checked over every code point.
"""

from __future__ import annotations

import copy
import re
import string
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.transforms.test_parser_properties import DUMP_LINES
from transforms import parse as parse_module
from transforms.blocks import Line, split_lines
from transforms.decode import decode_text, normalize_text
from transforms.vocab import IGNORECASE_ALIASES, fold_hint, has_ignorecase_alias

ROOT = Path(__file__).resolve().parents[2]
DUMPS = ROOT / "tests" / "fixtures" / "dumps"
ALL_CHARS = [chr(c) for c in range(sys.maxunicode + 1)]


def _outcome(reader: parse_module.PortalReader, consumed: int) -> tuple[object, ...]:
    return (
        consumed,
        reader.region,
        [(p.text, p.has_url, p.meta_before, p.byline_or_time_after, p.caption_after)
         for p in reader.paragraphs],
        reader.images,
        reader.links,
        reader.authors,
        reader.published,
        reader.updated,
        reader.saw_byline,
        reader.cards,
    )  # fmt: skip


def _states(lines: list[Line], plain_spaced: bool) -> Iterator[parse_module.PortalReader]:
    """Readers before a line: header window, deeper in the body, in the footer."""
    for paragraphs, region in ((0, "body"), (1, "body"), (2, "body"), (2, "footer")):
        reader = parse_module.PortalReader(lines, plain_spaced=plain_spaced)
        reader.publisher = "AP News"
        reader.paragraphs = [parse_module.Paragraph(f"p{n}") for n in range(paragraphs)]
        reader.region = region  # type: ignore[assignment]
        yield reader


def _assert_same_reading(lines: list[Line], plain_spaced: bool) -> int:
    """Read every line both ways; the number of lines the shortcut took."""
    taken = 0
    for i in range(1, len(lines)):
        for reader in _states(lines, plain_spaced):
            full = copy.deepcopy(reader)
            if reader.plain_spaced and reader.takes_plain_prose(i):
                taken += 1
            fast_outcome = _outcome(reader, reader.read_line(i))
            full_outcome = _outcome(full, full.classify_line(i))
            assert fast_outcome == full_outcome, lines[i].text
    return taken


def _dump_texts() -> Iterator[str]:
    for path in sorted(DUMPS.iterdir()):
        if path.suffix == ".txt":
            text = decode_text(path.read_bytes())
            if isinstance(text, str):
                yield text


def _plain_spaced(text: str) -> bool:
    return parse_module.ODD_WHITESPACE.search(text) is None


def test_fixture_lines_read_the_same_both_ways() -> None:
    taken = 0
    for text in _dump_texts():
        taken += _assert_same_reading(split_lines(text), _plain_spaced(text))
    assert taken > 100  # the shortcut is in use, not just never taken


# Pieces of body lines and of everything a body line could be mistaken for.
_PIECES = [
    *DUMP_LINES,
    "The council voted 7 to 2 on Tuesday to approve the plan, officials said.",
    "Shares rose 12% in early trading on Thursday, according to data released by the exchange.",
    "“We are ready,” she said.",
    "He visited www.example.org.",
    "Associated Press writer Jane Doe in Kyiv contributed to this report.",
    "Copyright 2025 The Associated Press. All rights reserved.",
    "This story originally appeared in The Conversation.",
    "In: Politics",
    "Reporting by Jane Doe; Editing by John Roe",
    "Jane Doe, Associated Press",
    "Jane Doe and John Roe",
    "Staff Writer",
    "Recommended for You",
    "___",
    "2h ago",
    "AP Photo/Evan Vucci",
    "Doe Jr.",
    "Acme Inc.",
    "September 5, 2025",
    "Sept. 5, 2025 at 9:14 a.m. EDT",
    "By",
    "Story by :",
    "Photo by Jane Doe/Getty Images",
    "via AP",
    "|",
    "•",
    "·",
    "(Reuters)",
    "1 of 5",
    "İn ſeptember the KELVIN ı",
    "By Jane Doe, John Roe, Mary Major and Richard Miles, Associated Press Writers.",
    "Published Wednesday, September 5, 2025 at 9:14 a.m. Eastern Daylight Time, at 9:14 a.m.",
    "Jane Doe, John Roe, Mary Major and Richard Miles, Associated Press.",
    "Associated Press Business Writer for The Associated Press, Senior Staff Correspondent.",
    "ẘww.",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6), min_size=2, max_size=6))
def test_generated_lines_read_the_same_both_ways(groups: list[list[str]]) -> None:
    body = "\n".join(" ".join(group) for group in groups)
    text = normalize_text("Title of the story\nAP News\n\n" + body)
    _assert_same_reading(split_lines(text), _plain_spaced(text))


def test_odd_whitespace_is_every_space_but_space_and_newline() -> None:
    spaces = {ch for ch in ALL_CHARS if ch.isspace()} - {" ", "\n"}
    pattern = parse_module.ODD_WHITESPACE
    assert {ch for ch in spaces if pattern.match(ch)} == spaces
    assert not pattern.search(" \n")


def test_unicode_facts_the_shortcuts_rely_on() -> None:
    for ch in ALL_CHARS:
        folded = ch.casefold()
        assert folded  # casefold never shortens text (vocabulary keys stay long)
        assert not any(c.isspace() for c in folded) or ch.isspace()
        assert not any(c.isspace() for c in unicodedata.normalize("NFC", ch)) or ch.isspace()
        assert len(fold_hint(ch)) == 1  # hits in a folded body are positions in the body
        if ("w" in folded or "." in folded) and folded != fold_hint(ch):
            assert ch == "\u1e98"  # ẘ folds to "w" + ring: no "www." comes from it
        if not ch.isascii() and any(c.isascii() for c in ch.lower()):
            assert ch in IGNORECASE_ALIASES  # lower() gives ASCII from ASCII only


def test_ignorecase_aliases_are_every_non_ascii_letter_an_ascii_pattern_matches() -> None:
    """has_ignorecase_alias spells the four out; they must be exactly these."""
    letters = [re.compile(c, re.IGNORECASE) for c in string.ascii_letters]
    found = {ch for ch in ALL_CHARS if not ch.isascii() and any(p.match(ch) for p in letters)}
    assert found == set(IGNORECASE_ALIASES)
    assert {ch for ch in ALL_CHARS if has_ignorecase_alias(ch)} == found


@pytest.mark.parametrize("first_letters", ["jfmasond"])
def test_month_lookahead_matches_exactly_the_month_initials(first_letters: str) -> None:
    cls = re.compile(f"[{first_letters}]", re.IGNORECASE)
    initials = [re.compile(letter, re.IGNORECASE) for letter in first_letters]
    for ch in ALL_CHARS:
        assert bool(cls.match(ch)) == any(p.match(ch) for p in initials), hex(ord(ch))
