"""Unit tests of the parser: page furniture and header shapes."""

from __future__ import annotations

from datetime import datetime

from tests.helpers import article_of


def test_name_line_above_a_timestamp_is_a_byline() -> None:
    article = article_of(
        "Justice Department sues California\nCBS News\n\nJane Doe\n\n"
        "Updated on: September 5, 2025 / 10:02 AM EDT / CBS News\n\n"
        "Washington — The Justice Department sued California on Friday.\n\n"
        "The lawsuit says the map is unconstitutional.\n\n"
        "In: Redistricting; California\n\nMore from CBS News\n\n"
        "Card title number one\nCBS News\n"
    )
    assert article.authors == ["Jane Doe"]
    assert article.summary is None
    assert article.updated_at == datetime(2025, 9, 5, 10, 2)
    assert article.published_at is None
    assert article.published_date is None
    assert article.dateline == "Washington"
    assert article.body == (
        "The Justice Department sued California on Friday.\n\n"
        "The lawsuit says the map is unconstitutional."
    )
    assert [(x.title, x.publisher) for x in article.links] == [
        ("Card title number one", "CBS News")
    ]


def test_name_line_above_an_affiliation_and_furniture_lines() -> None:
    article = article_of(
        "Chiefs win opener\nUSA TODAY\n\nJane Doe\nUSA TODAY\n\n"
        "SAO PAULO — The Chiefs won.\n\nAdvertisement\n\n1 of 5\n\nThey play again Sunday.\n\n"
        "Contributing: John Roe\n\nCopyright 2025 USA TODAY. All rights reserved."
    )
    assert article.authors == ["Jane Doe"]
    assert article.body == "The Chiefs won.\n\nThey play again Sunday."


def test_prose_after_an_inline_related_module_is_body() -> None:
    article = article_of(
        "Stocks rally\nReuters\n\nRelated\n\nCard in the middle of a story\nReuters\n\n"
        "Stocks rallied on Friday as investors cheered the jobs data, sending the index higher.\n\n"
        "Bonds also gained."
    )
    assert article.paragraph_count == 2
    assert article.body.endswith("Bonds also gained.")
    assert [(x.link_type, x.title) for x in article.links] == [
        ("recommended", "Card in the middle of a story")
    ]


def test_short_caption_with_credit_below_is_not_a_byline() -> None:
    article = article_of(
        "Some title here\nAP News\n\nBy Jane Doe\n\nAssociated Press\n\n"
        "The first real paragraph of the story, which ends with a period.\n\n"
        "Vladimir Putin\nAP Photo/Evan Vucci\n\nThe second paragraph."
    )
    assert article.authors == ["Jane Doe"]
    assert [(i.caption, i.photographer) for i in article.images] == [
        ("Vladimir Putin", "Evan Vucci")
    ]
    assert article.paragraph_count == 2
