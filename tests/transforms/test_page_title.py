"""Headline candidates of a full-page capture, on lines written for the test."""

from __future__ import annotations

import pytest

from transforms.page_lines import line_own_features, page_lines
from transforms.page_title import TITLE_FEATURES, candidate_indices, is_candidate, title_features


def _candidate(text: str) -> bool:
    line = page_lines(text)[0]
    return is_candidate(line_own_features(line), line)


@pytest.mark.parametrize(
    "text",
    [
        "By Ida Brandt • December 15, 2023 12:25 pm",  # a byline run into the date
        "By Ida Brandt - The Millbrook Gazette - Thursday, December 21, 2023",
        "Work & Money·Posted on Dec 23, 2023",  # a section glued to the posting date
        "December 18, 2023December 18, 2023",  # a date printed twice
        # a photo caption closed by its credit
        "People walk by the lights along the river path. (Ida Brandt / Millbrook Gazette)",
        # the site's notices
        "© 2024 Millbrook Media LLC. All rights reserved (About Us).",
        "Copyright 2024 The Millbrook Gazette",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    ],
)
def test_bylines_dates_and_credited_captions_are_not_headlines(text: str) -> None:
    assert not _candidate(text)


@pytest.mark.parametrize(
    "text",
    [
        "City council approves new budget for riverside parks",
        "What happened on December 7, 1941, and why it still matters",
        "Stocks rally on Dec. 20, 2023 as the central bank signals cuts",
        "Mayor marches on Dec. 5, 2023",  # "Mayor" and "marches" are not month names
        "By the numbers: how the riverside parks budget was spent",
        "Ten Christmas cookies to bake this weekend",  # cookies, but no consent notice
        "Cookie recipes to use up leftover candy",
        "Copyrights of old songs expire in the new year",
    ],
)
def test_headlines_with_dates_or_a_leading_by_stay_candidates(text: str) -> None:
    assert _candidate(text)


def test_a_line_holding_another_candidate_behind_a_prefix_is_marked() -> None:
    title = "City council approves new budget for riverside parks"
    body = "The city council voted on Tuesday to approve a new budget for the riverside parks."
    lines = page_lines(f"News / Local / {title}\n{title}\n{body}\n{body}")
    own = [line_own_features(line) for line in lines]
    candidates = candidate_indices(own, lines, 2)
    assert candidates[:2] == [0, 1]
    rows = title_features(lines, own, [0.1, 0.1, 0.9, 0.9], [2, 3], candidates)
    holds = TITLE_FEATURES.index("holds_other")
    assert [row[holds] for row in rows[:2]] == [1.0, 0.0]
