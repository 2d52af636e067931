"""Contract §3: the real sample dump parses to exactly these values, field by field."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from transforms import Article, article_id_for, parse_dump

REPO = Path(__file__).resolve().parents[2]
SAMPLE_NAME = "apnews-putin-legitimate-targets.txt"
SAMPLE_SHA256 = "93e9c6ec3ea904c3f4874c14790c5af6147f888b142951bae9af6fc6ed16814a"


def sample_bytes() -> bytes:
    """The real sample's bytes, from the bundled landing folder (or the fixture copy).

    Checked by hash, so no edited stand-in can make these tests pass.
    """
    candidates = (
        *sorted(REPO.glob(f"landing/**/{SAMPLE_NAME}")),
        REPO / "tests" / "fixtures" / "dumps" / SAMPLE_NAME,
    )
    for path in candidates:
        if path.is_file():
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() == SAMPLE_SHA256:
                return data
    raise FileNotFoundError(f"the real sample {SAMPLE_NAME} is not in the repo")


TITLE = (
    "Putin says foreign troops deployed to Ukraine before any peace deal would be "
    "'legitimate targets'"
)
KAZAKOV = "Alexander Kazakov, Sputnik, Kremlin Pool Photo via AP"
CARDS = [
    (
        "Japan's prime minister resigns after his party suffered a historic defeat in a "
        "summer election",
        "AP News",
    ),
    ("On This Day: Brazil declares independence from Portugal", "UPI"),
    ("Several of Trump's immigration policies have faced lawsuits, court rulings", "AP News"),
    (
        "Aryna Sabalenka wins the US Open again after vowing to no longer lose control of her "
        "emotions",
        "AP News",
    ),
    (
        "Jayden Maiava leads USC offense to rout of Clay Helton's Georgia Southern team",
        "Los Angeles Times",
    ),
    ("UPI Almanac for Sunday, Sept. 7, 2025", "UPI"),
    (
        "Vaccine chaos: Even some vulnerable seniors can't get COVID shots amid spiking cases",
        "Los Angeles Times",
    ),
    (
        "'Never seen anything like it' — what Trump's favorite phrase says about his presidency",
        "AP News",
    ),
    ("No. 6 Oregon routs Oklahoma State 69-3 for Cowboys' biggest loss under Gundy", "AP News"),
    (
        "Kyle Konrardy's late 54-yard field goal gives No. 16 Iowa State 16-13 win over Hawkeyes",
        "AP News",
    ),
    ("'Life is Strange' to be adapted as Prime Video series", "UPI"),
    (
        "Maryland leaders tell Trump they don't need the National Guard to curb gun violence",
        "AP News",
    ),
    ("Northwestern University president resigns amid funding fight with feds", "UPI"),
    (
        "LA judge who threatened to shoot people in his courtroom admonished by state panel",
        "Los Angeles Times",
    ),
    ("Jim Jarmusch, Ben Safdie take top honors at Venice Film Festival", "UPI"),
]


@pytest.fixture(scope="module")
def article() -> Article:
    parsed = parse_dump(sample_bytes())
    assert isinstance(parsed, Article), parsed
    return parsed


def test_article_header_fields(article: Article) -> None:
    assert article.title == TITLE
    assert article.publisher == "AP News"
    assert article.article_id == article_id_for("AP News", TITLE)
    assert len(article.article_id) == 32
    assert article.summary is not None
    assert article.summary.startswith(
        "Russian President Vladimir Putin says that any foreign troops"
    )
    assert article.summary.endswith("will be considered “legitimate targets” by Moscow's forces")
    assert article.authors == []
    assert article.dateline is None


def test_article_dates_come_from_the_lead_caption(article: Article) -> None:
    assert article.published_at is None
    assert article.updated_at is None
    assert article.published_date == date(2025, 9, 5)
    assert article.published_date_source == "caption"


def test_article_body(article: Article) -> None:
    paragraphs = article.body.split("\n\n")
    assert article.paragraph_count == 8
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("Russian President Vladimir Putin said Friday")
    assert paragraphs[0] == (
        "Russian President Vladimir Putin said Friday that any foreign troops deployed to "
        "Ukraine before a peace agreement has been signed would be considered “legitimate "
        "targets” by Moscow's forces."
    )
    assert paragraphs[-1].endswith("as part of a peacekeeping force “unacceptable.”")
    assert paragraphs[3].endswith("its 3½-year full-scale invasion of its neighbor.")
    assert article.word_count == len(article.body.split()) == 266
    for leaked in ("AP Photo", "Roscongress", "Recommended for You", "___", "https://"):
        assert leaked not in article.body


def test_image_position_0_is_the_handout(article: Article) -> None:
    assert len(article.images) == 3
    image = article.images[0]
    assert image.position == 0
    assert image.caption == (
        "In this photo released by the Roscongress Foundation, Russian President Vladimir "
        "Putin gestures as he speaks at the plenary session of the Eastern Economic Forum in "
        "Vladivostok, Russia, Friday, Sept. 5, 2025."
    )
    assert image.credit == "Stepan Pugachev/Roscongress Foundation via AP"
    assert image.photographer == "Stepan Pugachev"
    assert image.organization == "Roscongress Foundation"
    assert image.distributor == "AP"
    assert image.is_handout is True
    assert image.is_file_photo is False
    assert image.photo_date == date(2025, 9, 5)


@pytest.mark.parametrize("position", [1, 2])
def test_images_after_the_footer(article: Article, position: int) -> None:
    image = article.images[position]
    assert image.position == position
    assert image.credit == KAZAKOV
    assert image.photographer == "Alexander Kazakov"
    assert image.organization == "Sputnik, Kremlin Pool Photo"
    assert image.distributor == "AP"
    assert image.is_handout is False
    assert image.is_file_photo is False
    assert image.photo_date == date(2025, 9, 5)
    assert not image.caption.endswith(")")


def test_image_captions_1_and_2(article: Article) -> None:
    assert article.images[1].caption.startswith("From left: TV anchor Maria Rybakova")
    assert article.images[2].caption == (
        "Russian President Vladimir Putin delivers his speech at the plenary session of the "
        "Eastern Economic Forum in Vladivostok, Russia, Friday, Sept. 5, 2025."
    )


def test_hub_link_is_position_0(article: Article) -> None:
    assert len(article.links) == 16
    hub = article.links[0]
    assert hub.position == 0
    assert hub.link_type == "hub"
    assert hub.title == "Follow the AP’s coverage of the war"
    assert hub.url == "https://apnews.com/hub/russia-ukraine"
    assert hub.publisher is None
    assert hub.category is None


def test_recommended_cards_in_page_order(article: Article) -> None:
    cards = article.links[1:]
    assert [link.position for link in article.links] == list(range(16))
    assert [(c.title, c.publisher) for c in cards] == CARDS
    assert all(c.link_type == "recommended" for c in cards)
    assert all(c.category == "News" for c in cards)
    assert all(c.url is None for c in cards)


def test_first_and_last_card(article: Article) -> None:
    first, last = article.links[1], article.links[15]
    assert first.title.startswith("Japan's prime minister resigns")
    assert (first.publisher, first.category) == ("AP News", "News")
    assert last.title == "Jim Jarmusch, Ben Safdie take top honors at Venice Film Festival"
    assert (last.publisher, last.category) == ("UPI", "News")
