"""Unit tests of the parser: footer, links, recommendations."""

from __future__ import annotations

from tests.helpers import article_of
from transforms import (
    find_links,
    split_lines,
)


def test_footer_contributors_hub_and_inline_links() -> None:
    article = article_of(
        "River rises\nAP News\n\n"
        "ST. LOUIS (AP) — The river rose. Read the forecast at https://weather.gov/lsx today.\n\n"
        "The crest is expected Sunday.\n\n"
        "___\n\n"
        "Associated Press writer Jane Doe in Kansas City contributed to this report.\n\n"
        "Follow AP’s coverage of the U.S. Open at https://apnews.com/hub/us-open-tennis\n\n"
        "The National Weather Service posts forecasts for the St. Louis area at https://www.weather.gov/lsx\n\n"
        "The Associated Press receives support from private foundations."
    )
    assert article.body == (
        "The river rose. Read the forecast at https://weather.gov/lsx today.\n\n"
        "The crest is expected Sunday."
    )
    assert [(x.position, x.link_type, x.title, x.url) for x in article.links] == [
        (0, "inline", "Read the forecast", "https://weather.gov/lsx"),
        (
            1,
            "hub",
            "Follow AP’s coverage of the U.S. Open",
            "https://apnews.com/hub/us-open-tennis",
        ),
        (
            2,
            "inline",
            "The National Weather Service posts forecasts for the St. Louis area",
            "https://www.weather.gov/lsx",
        ),
    ]
    assert all(x.publisher is None and x.category is None for x in article.links)


def test_find_links_trims_trailing_punctuation() -> None:
    (link,) = find_links("More details: https://example.com/report).")
    assert (link.link_type, link.title, link.url) == (
        "inline",
        "More details",
        "https://example.com/report",
    )


def test_cards_without_categories_or_repeated_titles() -> None:
    article = article_of(
        "Title\nAP News\n\nBody text of the story.\n\nMore for You\n\n"
        "First card title about something\nAP News\n\n"
        "Second card title about another thing\nUSA TODAY\nSports\n"
        "Third card title\nCBS News\n\nThird card title\n"
    )
    assert [(x.title, x.publisher, x.category) for x in article.links] == [
        ("First card title about something", "AP News", None),
        ("Second card title about another thing", "USA TODAY", "Sports"),
        ("Third card title", "CBS News", None),
    ]
    assert [x.position for x in article.links] == [0, 1, 2]
    assert all(x.link_type == "recommended" and x.url is None for x in article.links)


def test_category_first_cards() -> None:
    article = article_of(
        "Title\nAP News\n\nBody text of the story.\n\nRelated\n\n"
        "Video\nFirst card title\nReuters\n\nMoney\nSecond card title\nUPI\n"
    )
    assert [(x.title, x.publisher, x.category) for x in article.links] == [
        ("First card title", "Reuters", "Video"),
        ("Second card title", "UPI", "Money"),
    ]


def test_split_lines_numbers_blocks_separated_by_blank_lines() -> None:
    lines = split_lines("a\nb\n\n\nc\n \nd\ne")
    assert [(line.text, line.block, line.starts_block) for line in lines] == [
        ("a", 0, True), ("b", 0, False), ("c", 1, True), ("d", 2, True), ("e", 2, False),
    ]  # fmt: skip
