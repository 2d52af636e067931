"""Unit tests of the parser: each speed shortcut answers as what it replaces."""

from __future__ import annotations

import pytest

from transforms import (
    parse_timestamp,
)

_TIMESTAMP_PIECES = [
    "Published", "Updated", "Last updated", "9:14 AM", "10:02 a.m.", "9 p.m.", "noon",
    "EDT", "ET", "Eastern Daylight Time", "September 5, 2025", "Sept. 5th, 2025",
    "5th of Sept. 2025", "ſept. 5, 2025", "aprİl 5, 2025", "09/05/2025", "2025-09-05",
    "2025-09-05T09:14:00Zon", "Friday,", "at", "on the", "|", "/", "•", "said", "Officials",
    "FILE", "(AP Photo/Evan Vucci)", "2025abc", "at9:14", "١٢", "²", "a.m.on",
]  # fmt: skip


def _timestamp_lines() -> list[str]:
    pieces = _TIMESTAMP_PIECES
    lines = [" ".join((a, b)) for a in pieces for b in pieces]
    lines += [" ".join((a, b, c)) for a in pieces[:12] for b in pieces[10:20] for c in pieces]
    return lines


def test_date_word_prefilter_never_refuses_a_timestamp(monkeypatch: pytest.MonkeyPatch) -> None:
    from transforms import dates

    assert not dates.may_be_only_date_words("Officials said on September 5, 2025")
    assert dates.may_be_only_date_words("2025-09-05T09:14:00Zon")  # "Zon" touches a digit
    lines = _timestamp_lines()
    fast = [parse_timestamp(line) for line in lines]
    monkeypatch.setattr(dates, "may_be_only_date_words", lambda text: True)
    full = [parse_timestamp(line) for line in lines]
    assert fast == full
    assert sum(stamp is not None for stamp in full) > 100  # the lines do hold timestamps


def test_digit_and_year_tests_match_the_unicode_patterns() -> None:
    import re

    from transforms.dates import has_digit, has_year

    samples = ["", "abc", "in 2025", "“2025”", "1٢34", "٢٠٢٥", "²³⁴⁵", "12 34", "9/5/25", "ſ 2025"]
    for text in samples:
        assert has_digit(text) == bool(re.search(r"\d", text)), text
        assert has_year(text) == bool(re.search(r"\d{4}", text)), text


def test_segment_split_is_skipped_only_without_a_separator() -> None:
    from transforms.meta import SEGMENT_SEPARATOR, may_have_separator

    for text in ["AP Photo/Evan Vucci", "09/05/2025", "a / b", "a\t/b", "x | y", "x•y", "a·b",
                 "By Jane Doe", "/start", "end /"]:  # fmt: skip
        if not may_have_separator(text):
            assert len(SEGMENT_SEPARATOR.split(text)) == 1, text
    assert may_have_separator("a\t/b") and not may_have_separator("AP Photo/Evan Vucci")


def test_plain_spaced_flag_of_normalisation() -> None:
    from transforms.decode import CLEAN_TABLE, normalize_text_spacing
    from transforms.parse import ODD_WHITESPACE

    odd = "".join(ch for ch in map(chr, range(0x3001)) if ODD_WHITESPACE.match(ch))
    assert all(ord(ch) in CLEAN_TABLE or ch == "\r" for ch in odd)
    for text in ["a\u00a0b\tc\r\nd", "  x  \n\n y ", "caf\u00e9\u202fbar", "Itâ€™s â€¯ok", "plain"]:
        normalised, plain_spaced = normalize_text_spacing(text)
        if plain_spaced:
            assert ODD_WHITESPACE.search(normalised) is None, text
    assert normalize_text_spacing("Itâ€™s â€¯ok") == ("It’s \u202fok", False)


def test_clean_characters_shortcut_matches_the_table() -> None:
    from transforms.decode import CLEAN_TABLE, clean_characters

    # The isprintable() shortcut holds only while no table character is printable.
    assert [hex(c) for c in CLEAN_TABLE if chr(c).isprintable()] == []
    text = "A\u00a0B\u00a0C\n\nD\u2009E\u200bF\tG\ufeffH é “q”"
    assert clean_characters(text) == text.translate(CLEAN_TABLE)
    assert clean_characters("Only NBSP\u00a0here\nand “quotes”") == "Only NBSP here\nand “quotes”"
    plain = "No odd characters — “at all”.\n\nSecond block."
    assert clean_characters(plain) is plain


def test_special_opening_covers_every_opening_test() -> None:
    from transforms.parse import SPECIAL_OPENING

    for line in ["___", "1 of 5", "3 min read", "By Jane Doe", "STORY BY: Jane Doe",
                 "FILE - A man walks.", "In this photo released by X", "Copyright 2025 AP",
                 "(Reporting by Jane Doe; Editing by John Roe)", "This story first appeared",
                 "In: Politics", "Contributing: Jane Doe", "Just now", "Updated", "ıN: x",
                 "©2025 Acme"]:  # fmt: skip
        assert SPECIAL_OPENING.match(line), line
    for line in ["Byron Doe said.", "The council voted.", "Inflation rose.", "A photo shows it."]:
        assert SPECIAL_OPENING.match(line) is None, line


def test_is_affiliation_only_shortcuts_agree_with_peeling() -> None:
    """The first- and last-word tests only refuse lines that peeling would leave a name in."""
    from transforms.bylines import is_affiliation_only, peel_affiliation

    def peeled_away(line: str) -> bool:
        name, peeled = peel_affiliation(line.strip(" ,."))
        return peeled and not name

    for line in ["Associated Press", "The Associated Press", "AP Staff Writer", "Staff Writer,",
                 "For USA TODAY", "Los Angeles Times Staff Writer", "Jane Doe, Associated Press",
                 "Officials told the Associated Press", "the news.", "jane@example.com AP",
                 "https://apnews.com AP", "Reuters Jane", ", .", ""]:  # fmt: skip
        assert is_affiliation_only(line) == peeled_away(line), line
    assert is_affiliation_only("The Associated Press")
    assert not is_affiliation_only("Officials told the Associated Press")


def test_header_byline_names_is_both_header_tests() -> None:
    from transforms.bylines import header_byline_names, names_only, parse_bare_byline

    for line in ["Jane Doe, Associated Press", "Jane Doe and John Roe", "By JANE DOE",
                 "Staff Writer", "The council voted on Tuesday.", "Jane Doe"]:  # fmt: skip
        assert header_byline_names(line) == (parse_bare_byline(line), names_only(line)), line
    assert header_byline_names("Jane Doe, Associated Press") == (["Jane Doe"], None)
    assert header_byline_names("Jane Doe and John Roe") == (None, ["Jane Doe", "John Roe"])
    assert header_byline_names("By JANE DOE") == (["JANE DOE"], ["By JANE DOE"])  # bare wins
