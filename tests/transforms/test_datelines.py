"""Unit tests of the parser: datelines."""

from __future__ import annotations

import pytest

from transforms import (
    parse_dateline,
)
from transforms.datelines import split_first_dateline


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("KYIV, Ukraine (AP) — The first paragraph.", "KYIV, Ukraine", "The first paragraph."),
        ("WASHINGTON (Reuters) - U.S. job growth slowed.", "WASHINGTON", "U.S. job growth slowed."),
        ("LOS ANGELES — A fire burned.", "LOS ANGELES", "A fire burned."),
        ("UNITED NATIONS (AP) — The council met.", "UNITED NATIONS", "The council met."),
        ("ST. LOUIS (AP) — The river rose.", "ST. LOUIS", "The river rose."),
        ("WASHINGTON, Sept 5 (Reuters) - Payrolls rose.", "WASHINGTON", "Payrolls rose."),
        ("LONDON/PARIS, Sept 5 (Reuters) - Talks ended.", "LONDON/PARIS", "Talks ended."),
        ("WASHINGTON, Sept. 5 (UPI) -- The Senate voted.", "WASHINGTON", "The Senate voted."),
        ("Sept. 5 (UPI) -- The Senate voted.", None, "The Senate voted."),
        (
            "PORT-AU-PRINCE, Haiti (AP) — Gangs attacked.",
            "PORT-AU-PRINCE, Haiti",
            "Gangs attacked.",
        ),
        ("Washington — The Supreme Court agreed.", "Washington", "The Supreme Court agreed."),
        ("ST. PAUL, Minn. (AP) — Lawmakers met.", "ST. PAUL, Minn.", "Lawmakers met."),
    ],
)
def test_parse_dateline(paragraph: str, place: str | None, rest: str) -> None:
    found = parse_dateline(paragraph)
    assert found is not None
    assert found.place == place
    assert found.rest == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "Russian President Vladimir Putin said Friday that troops would be targets.",
        "Officials — including the mayor — said the plan would work.",
        "Trump — who has long said otherwise — agreed.",
        "The agency (AP) said nothing.",
    ],
)
def test_no_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_the_first_paragraphs_dateline_is_split_off_and_the_rest_kept() -> None:

    assert split_first_dateline(["KYIV, Ukraine (AP) — Talks resumed.", "Second."]) == (
        "KYIV, Ukraine",
        ["Talks resumed.", "Second."],
    )
    plain = ["Talks resumed on Monday.", "Second."]
    assert split_first_dateline(plain) == (None, plain)
    assert split_first_dateline([]) == (None, [])
