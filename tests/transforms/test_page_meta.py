"""Bylines and dates around a full-page capture's headline (transforms/page_meta.py).

Every snippet is written for the test: a headline, the meta lines a site prints
around it (glued the way innerText glues inline elements), then a paragraph.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from transforms.page_lines import page_lines
from transforms.page_meta import Meta, clean_names, read_meta
from transforms.page_reader import read_page
from transforms.records import Article

HEADLINE = "Harbour ferry service to resume after winter repairs"
PARAGRAPH = (
    "The harbour ferry will start running again next week after three months of repairs "
    "to its engines and the landing stage, the operator said on Thursday."
)


def meta_of(*before: str, after: tuple[str, ...] = ()) -> Meta:
    """read_meta on `before` lines, the headline, `after` lines and a paragraph."""
    lines = page_lines("\n".join([*before, HEADLINE, *after, PARAGRAPH]))
    title = len(before)
    return read_meta(lines, title, len(lines) - 1, {title})


def published_day(meta: Meta) -> date | None:
    stamp = meta.published or meta.updated
    return stamp.value.date() if stamp else None


# ---- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("12-19-2023", date(2023, 12, 19)),  # month-day-year with hyphens
        ("19-12-2023", date(2023, 12, 19)),  # day first when the first number is no month
        ("03-04-24", date(2024, 3, 4)),  # two-digit year
        ("2023/12/20", date(2023, 12, 20)),  # year first
        ("2023.12.20 08:39", date(2023, 12, 20)),
        ("2023-12-22T10:00", date(2023, 12, 22)),
        ("Dec. 22, 2023", date(2023, 12, 22)),
        ("22 December 2023", date(2023, 12, 22)),
        ("Posted: Dec 20, 2023", date(2023, 12, 20)),
        ("Published Fri, Dec 22 20231:17 AM", date(2023, 12, 22)),  # year glued to the clock
        ("Published On 9 Oct 20239 Oct 2023", date(2023, 10, 9)),  # date printed twice
        ("Dec 18, 2023Dec 18, 2023", date(2023, 12, 18)),
        ("12-05-23FEATURE", date(2023, 12, 5)),  # numeric date glued to a label
        ("TRAVELDEC 19, 2023 9:00 AM", date(2023, 12, 19)),  # capitals section glued
    ],
)
def test_date_forms(line: str, day: date) -> None:
    assert published_day(meta_of(after=(line,))) == day


def test_last_updated_label_with_a_year_first_date() -> None:
    meta = meta_of(after=("Last updated: 2023/12/20 at 8:39 AM",))
    assert meta.published is None
    assert meta.updated is not None and meta.updated.value == datetime(2023, 12, 20, 8, 39)


def test_date_on_the_byline_line() -> None:
    meta = meta_of(after=("By Jane Doe | Dec 20, 2023, 4:45pm EST",))
    assert meta.authors == ["Jane Doe"]
    assert meta.published is not None and meta.published.value == datetime(2023, 12, 20, 16, 45)


def test_date_glued_to_the_byline_after_a_capital() -> None:
    meta = meta_of(after=("By Jane ODec. 18, 2023 9:00 am EST",))
    assert meta.authors == ["Jane O"]
    assert published_day(meta) == date(2023, 12, 18)


def test_date_then_by_names() -> None:
    meta = meta_of("posted on 2023-12-19 23:30 EST by Jane Doe")
    assert meta.authors == ["Jane Doe"]
    assert meta.published is not None and meta.published.value == datetime(2023, 12, 19, 23, 30)


def test_published_kept_apart_from_updated() -> None:
    meta = meta_of(
        after=("Updated: Dec. 23, 2023, 9:00 a.m.", "Published: Dec. 22, 2023, 7:00 p.m.")
    )
    assert meta.published is not None and meta.published.value == datetime(2023, 12, 22, 19, 0)
    assert meta.updated is not None and meta.updated.value == datetime(2023, 12, 23, 9, 0)


def test_the_date_next_to_the_byline_beats_a_closer_one() -> None:
    meta = meta_of(
        "By Jane Doe published 19 December 2023",
        "Comments",
        "Our verdict",
        after=("Release date Dec 8, 2023",),
    )
    assert published_day(meta) == date(2023, 12, 19)


def test_a_date_further_off_when_none_is_near() -> None:
    nav = [f"Section {n}" for n in range(20)]
    meta = meta_of("December 22, 2023 at 4:30 p.m. EST", *nav)
    assert published_day(meta) == date(2023, 12, 22)


@pytest.mark.parametrize(
    "signature",
    ["— Harbour Ferries (@harbourferries) December 8, 2023",
     "- Jo Roe (@jo_roe) Dec 8, 2023"],
)  # fmt: skip
def test_an_embedded_posts_signature_does_not_date_the_article(signature: str) -> None:
    meta = meta_of(after=("By Jane Doe", "Ferries are back, at last!", signature))
    assert published_day(meta) is None
    dated = meta_of(after=("By Jane Doe", "December 10, 2023", "Ferries are back!", signature))
    assert published_day(dated) == date(2023, 12, 10)


def test_a_relative_age_gives_no_date() -> None:
    assert published_day(meta_of(after=("Published", "2 days ago"))) is None


# ---- bylines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "authors"),
    [
        (("By Jane Doe | Staff Writer",), ["Jane Doe"]),
        (("Jane Doe, Reporter",), ["Jane Doe"]),
        (("Written by Jane Doe",), ["Jane Doe"]),
        (("Author: Jane Doe",), ["Jane Doe"]),
        (("As told to Jane Doe",), ["Jane Doe"]),
        (("By", "Jane Doe"), ["Jane Doe"]),
        (
            ("By Jane Doe  and John Roe  on December 21, 2023 at 3:53PM PST",),
            ["Jane Doe", "John Roe"],
        ),
        (("BY JANE DOE,\u00a0JOHN ROE,\u00a0+3 MORE",), ["JANE DOE", "JOHN ROE"]),
        (("By Jane Doe Dec 21, 2023", "By John Roe Dec 21, 2023"), ["Jane Doe", "John Roe"]),
        (("By Maria Wedell, Staff Writer",), ["Maria Wedell"]),  # not cut at a weekday
        (("By Ana Sunder, Contributing Writer",), ["Ana Sunder"]),
        (("By Jane Doe, one of the editors of a weekly newsletter on gardens.",), ["Jane Doe"]),
        (("By Jane Doe -", "December 1, 2023"), ["Jane Doe"]),
        (
            ("Jane Doe and John Roe in Lisbon", "Fri 22 Dec 2023 17.47 CET"),
            ["Jane Doe", "John Roe"],
        ),
    ],
)
def test_byline_forms(after: tuple[str, ...], authors: list[str]) -> None:
    assert meta_of(after=after).authors == authors


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("BY JANE DOESTAFF WRITER", ["JANE DOE"]),
        ("By Jane DoeCity Columnist", ["Jane Doe"]),
        ("BY JANE DOEDATA AND GRAPHICS JOURNALIST", ["JANE DOE"]),
        ("BY JANE DOELONG READ", ["JANE DOE"]),
        ("By Jane Doe3 min read", ["Jane Doe"]),
    ],
)
def test_glued_job_titles_and_labels_are_cut_off(line: str, authors: list[str]) -> None:
    assert meta_of(after=(line,)).authors == authors


def test_job_titles_are_not_names() -> None:
    meta = meta_of(after=("By Jane Doe, Chief Operating Officer and Head of Research",))
    assert meta.authors == ["Jane Doe"]


def test_credentials_are_dropped() -> None:
    assert meta_of(after=("By", "Jane Doe MS, RDN, LD")).authors == ["Jane Doe"]
    assert clean_names(["Anh Do"]) == ["Anh Do"]  # a surname, not a credential


def test_a_site_after_a_pipe_is_no_co_author() -> None:
    assert meta_of(after=("By JANE DOE | Harbour Daily",)).authors == ["JANE DOE"]


@pytest.mark.parametrize("label", ["Save Article", "Exclusive Details", "Holiday Gift Guide"])
def test_interface_labels_are_not_names(label: str) -> None:
    assert meta_of(after=(label, "Dec 22, 2023")).authors == []


def test_possessives_and_domains_are_not_names() -> None:
    assert clean_names(["Jane Doe’s"]) is None
    assert clean_names(["HARBOUR.net Studio"]) is None


def test_bare_names_before_the_headline_next_to_a_date() -> None:
    meta = meta_of("JANE DOE", "TRAVELDEC 19, 2023 9:00 AM")
    assert meta.authors == ["JANE DOE"]
    assert published_day(meta) == date(2023, 12, 19)


def test_bare_names_not_taken_across_the_headline() -> None:
    # a topic menu's last entry before the headline, the date after it
    assert meta_of("Topics", "Jane Doe", after=("Dec 22, 2023",)).authors == []


def test_names_in_a_caption_are_not_a_byline() -> None:
    meta = meta_of(after=("Jane Doe and John Roe in The Long Winter",))
    assert meta.authors == []


def test_byline_on_the_headline_line_picked() -> None:
    lines = page_lines("\n".join(["By Jane Doe • December 15, 2023 12:25 pm", PARAGRAPH]))
    meta = read_meta(lines, 0, 1, {0})
    assert meta.authors == ["Jane Doe"]
    assert published_day(meta) == date(2023, 12, 15)
    assert 0 not in meta.meta_lines


def test_a_page_without_a_date_line_takes_its_lead_caption_date() -> None:
    caption = "Workers repair the landing stage of the harbour ferry, Friday, Dec. 1, 2023."
    paragraphs = [
        f"Paragraph {n} of the story: the operator said that the work on the ferry had gone "
        "well, and that the crew had been trained again on the rebuilt engines this winter."
        for n in range(12)
    ]
    text = "\n\n".join(
        ["Home", "News", "Sign In", HEADLINE, "By Jane Doe", *paragraphs[:10],
         f"{caption} (AP Photo/Jane Roe)", *paragraphs[10:],
         "© 2024 Harbour Daily. All rights reserved."]
    )  # fmt: skip
    article = read_page(text)
    assert isinstance(article, Article)
    assert article.images and article.images[0].caption == caption
    assert article.published_at is None
    assert (article.published_date, article.published_date_source) == (date(2023, 12, 1), "caption")


def test_published_and_updated_glued_on_one_line() -> None:
    meta = meta_of(
        after=("Published Fri, Dec 22 20231:17 AM ESTUpdated Fri, Dec 22 202311:25 AM EST",)
    )
    assert meta.published is not None and meta.published.value == datetime(2023, 12, 22, 1, 17)
    assert meta.updated is not None and meta.updated.value == datetime(2023, 12, 22, 11, 25)


def test_a_label_after_contributors_dates_the_line() -> None:
    meta = meta_of(after=("By Jane DoeContributions from John Roe last updated 22 December 2023",))
    assert meta.authors == ["Jane Doe"]
    assert meta.updated is not None and meta.updated.value.date() == date(2023, 12, 22)


def test_a_date_inside_a_sentence_is_not_the_articles() -> None:
    sentence = "The new timetable takes effect on July 1, 2024, the operator said on Friday."
    assert published_day(meta_of(after=("By Jane Doe", sentence))) is None


def test_a_given_name_spelled_like_a_particle() -> None:
    assert meta_of(after=("ByVan Doe", "Published Dec 21, 2023")).authors == ["Van Doe"]
