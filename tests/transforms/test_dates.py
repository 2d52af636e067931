"""Unit tests of the parser: timestamps and caption dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from transforms import (
    find_caption_date,
    parse_timestamp,
)
from transforms.dates import article_date
from transforms.records import Image


@pytest.mark.parametrize(
    ("line", "kind", "value"),
    [
        ("Published 9:14 AM EDT, September 5, 2025", "published", datetime(2025, 9, 5, 9, 14)),
        ("Updated 10:02 AM EDT, September 5, 2025", "updated", datetime(2025, 9, 5, 10, 2)),
        ("September 5, 2025 at 9:14 a.m. EDT", "published", datetime(2025, 9, 5, 9, 14)),
        ("09/05/2025 09:14 AM", "published", datetime(2025, 9, 5, 9, 14)),
        ("Updated September 5, 2025 at 10:02 a.m. EDT", "updated", datetime(2025, 9, 5, 10, 2)),
        ("Sept. 5, 2025, 9:14 AM ET", "published", datetime(2025, 9, 5, 9, 14)),
        ("Published 12:15 PM EDT, September 5, 2025", "published", datetime(2025, 9, 5, 12, 15)),
        ("Updated 12:05 AM EDT, September 6, 2025", "updated", datetime(2025, 9, 6, 0, 5)),
        ("Fri, September 5, 2025 at 9:14 PM EDT", "published", datetime(2025, 9, 5, 21, 14)),
        ("Published: 2025-09-05T09:14:00Z", "published", datetime(2025, 9, 5, 9, 14)),
        ("Last updated 5 September 2025 14:30 BST", "updated", datetime(2025, 9, 5, 14, 30)),
        ("Published September 5, 2025", "published", datetime(2025, 9, 5, 0, 0)),
    ],
)
def test_parse_timestamp(line: str, kind: str, value: datetime) -> None:
    stamp = parse_timestamp(line)
    assert stamp is not None
    assert (stamp.kind, stamp.value) == (kind, value)


@pytest.mark.parametrize(
    "line",
    [
        "UPI Almanac for Sunday, Sept. 7, 2025",
        "Russia launched its full-scale invasion of Ukraine on Feb. 24, 2022.",
        "The vote was 52-46 at 9:14 a.m.",
        "Published reports say 12 people died.",
    ],
)
def test_not_a_timestamp(line: str) -> None:
    assert parse_timestamp(line) is None


@pytest.mark.parametrize(
    ("caption", "value"),
    [
        ("Putin speaks in Vladivostok, Russia, Friday, Sept. 5, 2025.", date(2025, 9, 5)),
        ("Putin speaks on Sept. 5, 2025, in Vladivostok.", date(2025, 9, 5)),
        ("Putin speaks, Sep 5, 2025.", date(2025, 9, 5)),
        ("Putin speaks on September 5, 2025.", date(2025, 9, 5)),
        ("Putin speaks on 5 September 2025.", date(2025, 9, 5)),
        ("FILE - Biden speaks, Wednesday, Jan. 3, 2024, in Washington.", date(2024, 1, 3)),
        ("WASHINGTON, DC - SEPTEMBER 05: Trump speaks on September 05, 2025.", date(2025, 9, 5)),
        ("Putin speaks on Friday, Sept. 5.", None),
        ("Putin speaks in Vladivostok.", None),
    ],
)
def test_find_caption_date(caption: str, value: date | None) -> None:
    assert find_caption_date(caption) == value


def test_the_article_date_is_the_stated_one_else_the_lead_captions() -> None:

    lead = Image(0, "Crews on Monday.", photo_date=date(2025, 9, 1))
    later = Image(1, "Later.", photo_date=date(2025, 9, 3))
    undated = Image(0, "No date here.")
    assert article_date(date(2025, 9, 5), [lead]) == (date(2025, 9, 5), "explicit")
    assert article_date(None, [lead, later]) == (date(2025, 9, 1), "caption")
    assert article_date(None, [undated, later]) == (None, None)  # only the lead photo counts
    assert article_date(None, []) == (None, None)
