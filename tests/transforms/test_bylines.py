"""Unit tests of the parser: bylines."""

from __future__ import annotations

from datetime import datetime

import pytest

from transforms import (
    parse_byline,
    parse_meta_line,
)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By JANE DOE and JOHN ROE", ["JANE DOE", "JOHN ROE"]),
        ("By Jane Doe, Associated Press", ["Jane Doe"]),
        ("Story by Jane Doe", ["Jane Doe"]),
        ("By JANE DOE Associated Press", ["JANE DOE"]),
        ("By Ann Lee, Bo Park and Cy Young", ["Ann Lee", "Bo Park", "Cy Young"]),
        ("By Ann Lee, Bo Park, and Cy Young", ["Ann Lee", "Bo Park", "Cy Young"]),
        ("By JOSH BOAK AP Business Writer", ["JOSH BOAK"]),
        ("By Jane Doe and John Roe, USA TODAY", ["Jane Doe", "John Roe"]),
        ("By Jane Doe Los Angeles Times Staff Writer", ["Jane Doe"]),
        ("By Jane Doe for The Associated Press", ["Jane Doe"]),
        ("By The Associated Press", []),
        ("By Reuters", []),
        ("BY MARÍA JOSÉ GARCÍA-LÓPEZ", ["MARÍA JOSÉ GARCÍA-LÓPEZ"]),
    ],
)
def test_parse_byline(line: str, names: list[str]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, prices had doubled.",
        "By contrast, the Senate version is narrower.",
        "Byron Allen spoke first.",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_byline_with_age_and_reading_time() -> None:
    meta = parse_meta_line("Story by Jane Doe • 2mo • 3 min read")
    assert meta is not None
    assert meta.authors == ["Jane Doe"]
    assert meta.timestamps == []


def test_cbs_style_updated_line_with_publisher() -> None:
    meta = parse_meta_line("Updated on: September 5, 2025 / 10:02 AM EDT / CBS News")
    assert meta is not None
    assert [(t.kind, t.value) for t in meta.timestamps] == [
        ("updated", datetime(2025, 9, 5, 10, 2))
    ]


def test_byline_and_timestamps_on_one_line() -> None:
    meta = parse_meta_line(
        "By Jane Doe | Published 9:14 a.m. ET Sept. 6, 2025 | Updated 10:02 a.m. ET Sept. 6, 2025"
    )
    assert meta is not None
    assert meta.authors == ["Jane Doe"]
    assert [(t.kind, t.value) for t in meta.timestamps] == [
        ("published", datetime(2025, 9, 6, 9, 14)),
        ("updated", datetime(2025, 9, 6, 10, 2)),
    ]
