"""Unit tests of the parser: summary."""

from __future__ import annotations

from datetime import date, datetime

from tests.helpers import article_of


def test_no_dek_means_no_summary() -> None:
    article = article_of(
        "Senate passes bill\nAP News\n\nSenate passes bill\n\n"
        "The measure passed 52-48 on Friday after a long debate in the chamber.\n\n"
        "Critics said it would hurt consumers, and vowed to challenge it."
    )
    assert article.summary is None
    assert article.paragraph_count == 2


def test_dek_without_final_period() -> None:
    article = article_of(
        "Senate passes bill\nAP News\n\nSenate passes bill\n\n"
        "The Senate approves a measure that sets up a legal fight with the states\n\n"
        "The measure passed 52-48 on Friday.\n\nCritics vowed to fight."
    )
    assert article.summary == (
        "The Senate approves a measure that sets up a legal fight with the states"
    )
    assert article.paragraph_count == 2


def test_dateline_paragraph_is_never_the_summary() -> None:
    article = article_of(
        "Senate passes bill\nAP News\n\n"
        "WASHINGTON (AP) — The Senate approved a measure on Friday\n\n"
        "By Jane Doe, Associated Press\n\n"
        "Critics vowed to fight."
    )
    assert article.summary is None
    assert article.dateline == "WASHINGTON"
    assert article.authors == ["Jane Doe"]
    assert article.body == "The Senate approved a measure on Friday\n\nCritics vowed to fight."


def test_dek_followed_by_byline_and_timestamps() -> None:
    article = article_of(
        "Senate passes bill\nAP News\n\n"
        "The measure passed. Critics vowed to fight.\n\n"
        "By JANE DOE and JOHN ROE\n\n"
        "Published 9:14 AM EDT, September 5, 2025\n"
        "Updated 10:02 AM EDT, September 5, 2025\n\n"
        "NEW YORK (AP) — The measure passed 52-48 on Friday.\n\n"
        "Critics said it would hurt consumers."
    )
    assert article.summary == "The measure passed. Critics vowed to fight."
    assert article.authors == ["JANE DOE", "JOHN ROE"]
    assert article.published_at == datetime(2025, 9, 5, 9, 14)
    assert article.updated_at == datetime(2025, 9, 5, 10, 2)
    assert (article.published_date, article.published_date_source) == (date(2025, 9, 5), "explicit")
    assert article.dateline == "NEW YORK"
    assert article.paragraph_count == 2


def test_lede_before_an_inline_photo_is_not_a_dek() -> None:
    article = article_of(
        "Senate passes bill\nReuters\n\n"
        "The measure passed 52-48 on Friday after a long debate, officials said.\n\n"
        "Senators vote in Washington, U.S., September 5, 2025. REUTERS/Jane Doe\n\n"
        "Critics said it would hurt consumers."
    )
    assert article.summary is None
    assert article.paragraph_count == 2
