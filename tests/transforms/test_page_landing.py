"""The full-page captures bundled in landing/pages/ (written for newsetl, not copied from a
site), read through the one entry point every dump takes, field by field."""

from __future__ import annotations

from datetime import date, datetime

from tests.helpers import LANDING
from transforms import Article, Rejection, parse_dump

PAGES = LANDING / "pages"


def parsed(name: str) -> Article:
    article = parse_dump((PAGES / name).read_bytes())
    assert isinstance(article, Article), article
    return article


def test_local_paper_page_behind_a_cookie_banner_and_a_menu() -> None:
    a = parsed("riverton-gazette-council-budget.txt")
    assert a.title == "Council approves $48 million budget after late deal on library hours"
    assert a.publisher == "Riverton Gazette"  # from the copyright line
    assert a.summary == (
        "Members split over police overtime, but a compromise kept two branches open on Sundays."
    )
    assert a.authors == ["Maria Okafor", "Dev Patel"]
    assert a.dateline is None
    assert (a.published_at, a.updated_at) == (
        datetime(2024, 11, 19, 22, 31),
        datetime(2024, 11, 20, 8, 5),
    )
    assert (a.published_date, a.published_date_source) == (date(2024, 11, 19), "explicit")
    paragraphs = a.body.split("\n\n")
    assert len(paragraphs) == a.paragraph_count == 6
    assert paragraphs[0].startswith("The Riverton City Council approved a $48 million")
    assert paragraphs[-1].endswith("“shows what this council can do when it listens.”")
    for furniture in ("Advertisement", "Read more", "Tags", "Most Read", "cookies", "©"):
        assert furniture not in a.body
    assert a.word_count == len(a.body.split())
    [image] = a.images
    assert image.caption == (
        "Council members listen to public comment before the budget vote at City Hall on Tuesday."
    )
    assert image.credit == "Photo by Dan Whitley/Riverton Gazette"
    assert (image.photographer, image.organization, image.distributor) == (
        "Dan Whitley",
        "Riverton Gazette",
        None,
    )
    assert (image.is_file_photo, image.is_handout, image.photo_date) == (False, False, None)
    assert (a.source_format, a.url) == ("text", None)


def test_wire_story_on_a_site_with_its_own_section_breaks() -> None:
    a = parsed("coastline-daily-storm-surge.txt")
    assert a.title == "Storm surge floods barrier islands as tropical storm stalls off the coast"
    assert a.publisher == "Coastline Daily"
    assert a.authors == []  # an agency byline names no person
    assert a.dateline == "MIAMI"
    assert (a.published_date, a.published_date_source) == (date(2023, 12, 22), "explicit")
    paragraphs = a.body.split("\n\n")
    assert paragraphs[0].startswith("A slow-moving tropical storm pushed seawater")
    # the story's own `___` breaks do not end it: the last paragraph comes after the second
    assert paragraphs[-1].startswith("Utilities reported about 40,000 customers")
    for furniture in ("contributed to this report", "Copyright", "Most Popular", "Sponsored"):
        assert furniture not in a.body
    [image] = a.images
    assert image.caption == (
        "FILE - Waves crash over a sea wall as a storm approaches the coast, Aug. 30, 2023."
    )
    assert image.credit == "AP Photo/Rebecca Blackwell, File"
    assert (image.photographer, image.organization, image.distributor) == (
        "Rebecca Blackwell",
        "AP",
        None,
    )
    assert (image.is_file_photo, image.photo_date) == (True, date(2023, 8, 30))


def test_a_section_front_is_not_an_article() -> None:
    result = parse_dump((PAGES / "riverton-gazette-news-front.txt").read_bytes())
    assert isinstance(result, Rejection)
    assert result.reason == "not_an_article"
