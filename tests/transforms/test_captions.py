"""Unit tests of the parser: captions versus body."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import article_of
from transforms.captions import is_furniture_figure


def test_parenthesis_that_is_not_a_credit_stays_in_body() -> None:
    article = article_of(
        "Senate passes bill\nAP News\n\n"
        "The bill passed 52-48 on Friday, said Sen. John Doe (R-Texas).\n\n"
        "It will cost taxpayers a modest sum (about $5 million).\n\n"
        "The report was first published by the wire (AP) on Friday.\n\n"
        "Critics said it would hurt consumers (AP)."
    )
    assert article.images == []
    assert article.paragraph_count == 4
    assert article.body.split("\n\n")[0].endswith("(R-Texas).")


def test_credit_on_its_own_line_same_block_and_next_block() -> None:
    article = article_of(
        "Fire spreads\nLos Angeles Times\n\n"
        "LOS ANGELES — A fast-moving wildfire forced thousands to flee their homes on Friday.\n\n"
        "Firefighters battle the blaze near Lake Hughes.\n"
        "Allen J. Schaben / Los Angeles Times\n\n"
        "Crews struggled to contain the flames overnight, officials said.\n\n"
        "A resident watches the smoke rise above the hills on Friday.\n\n"
        "Jane Doe/Reuters\n\n"
        "The fire was 10% contained by Saturday, officials said."
    )
    assert [(i.caption, i.credit) for i in article.images] == [
        ("Firefighters battle the blaze near Lake Hughes.", "Allen J. Schaben / Los Angeles Times"),
        ("A resident watches the smoke rise above the hills on Friday.", "Jane Doe/Reuters"),
    ]
    assert article.paragraph_count == 3
    assert article.summary is None
    assert article.dateline == "LOS ANGELES"
    assert "Reuters" not in article.body


def test_bare_reuters_credit_and_credit_less_file_caption() -> None:
    article = article_of(
        "Jobs report\nReuters\n\n"
        "People wait in line at a job fair in Miami, Florida, U.S., September 5, 2025. "
        "REUTERS/Marco Bello/File Photo\n\n"
        "WASHINGTON, Sept 5 (Reuters) - Job growth slowed sharply in August.\n\n"
        "FILE - A hiring sign hangs in a window in Arlington, Virginia, Aug. 29, 2025.\n\n"
        "Economists had expected a bigger gain."
    )
    first, second = article.images
    assert first.caption == (
        "People wait in line at a job fair in Miami, Florida, U.S., September 5, 2025."
    )
    assert (first.credit, first.photographer, first.organization) == (
        "REUTERS/Marco Bello/File Photo",
        "Marco Bello",
        "Reuters",
    )
    assert first.is_file_photo is True
    assert (second.credit, second.is_file_photo, second.photo_date) == (
        None,
        True,
        date(2025, 8, 29),
    )
    assert article.dateline == "WASHINGTON"
    assert article.published_date == date(2025, 9, 5)
    assert article.published_date_source == "caption"
    assert (
        article.body
        == "Job growth slowed sharply in August.\n\nEconomists had expected a bigger gain."
    )


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("This website uses cookies to enhance your experience on our site.", "Learn More"),
        ("We may earn a commission from links on this page.", "Jane Doe"),
        ("If you click on links we provide, we may receive compensation.", "JO ROE"),
        ("[Related: How to sharpen a chisel]", None),
        ("MORE: Watch the final live tonight", None),
        ("Read more: Ten walks along the river", "Jo Roe/Getty Images"),
        ("Fact checked by Jane Doe", None),
        ("By Jane Doe", None),
        ("", "Jane Doe, staff writer"),
        ("", "Jo Roe, Contributing Editor"),
        ("A version of this story appeared in the spring issue.", "Download PDF"),
        ("This story is from the winter issue.", "GET THE MAG"),
        ("", "PLAY/PAUSE BUTTON"),
    ],
)  # fmt: skip
def test_page_furniture_in_a_figures_place_is_no_photo(caption: str, credit: str | None) -> None:
    assert is_furniture_figure(caption, credit)


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Commissioner Jane Doe speaks at the harbour on Tuesday.", "Jo Roe/Getty Images"),
        ("The European commission building in the rain.", "Jo Roe/AP"),
        ("Flood victims queue to claim compensation at the town hall.", "Jo Roe/AP"),
        ("A sign reads 'More rain expected' by the bridge.", None),
        ("Bystanders watch the parade from the bridge.", "Getty Images"),
        ("A marcher holds a sign up outside the town hall.", "Jo Roe/AP"),
        ("", "Getty Images"),
        ("", "Photo by Jane Doe"),
        ("Jane Doe, left, and Jo Roe at the launch.", "Courtesy of the Harbour Trust"),
    ],
)  # fmt: skip
def test_a_photo_caption_is_not_furniture(caption: str, credit: str | None) -> None:
    assert not is_furniture_figure(caption, credit)
