"""Related, hub and inline links from HTML: the common block shapes, row by row.

Every page here is invented. The body paragraphs are what the reader is given.
"""

from __future__ import annotations

import lxml.html

from transforms.html_links import article_links
from transforms.records import RelatedLink

URL = "https://news.example.com/2023/12/22/city/council-budget"
BODY = [
    "The city council voted on Tuesday to approve a new budget for the coming year, "
    "ending weeks of debate over how to pay for road repairs and school buildings.",
    "Council members said the plan would raise property taxes by a small amount while "
    "keeping library hours and bus routes unchanged for most neighbourhoods.",
    "The mayor is expected to sign the budget next week, according to her office, after "
    "a final review by the city's finance department and its lawyers.",
]
CHROME = (
    "<header><nav><a href='/'>Home</a><a href='/politics'>Politics and government news</a>"
    "<a href='/sport'>Sport results and fixtures today</a></nav></header>"
)
FOOTER = (
    "<footer><ul><li><a href='/about'>About the Example Times newsroom</a></li>"
    "<li><a href='/privacy'>Read our privacy policy here</a></li></ul></footer>"
)


def links_of(
    article: str, *, head: str = "", after: str = "", body: list[str] = BODY
) -> list[RelatedLink]:
    """article_links of a page whose article element holds `article` (body included)."""
    html = (
        f"<html><head>{head}<title>Budget</title></head><body>{CHROME}<main>"
        f"<h1>Council approves the budget</h1><article>{article}</article>{after}</main>"
        f"{FOOTER}</body></html>"
    )
    return article_links(lxml.html.document_fromstring(html), body, URL)


def body_html(extra: str = "") -> str:
    return "".join(f"<p>{text}</p>" for text in BODY) + extra


def test_aside_related_list() -> None:
    rows = links_of(
        body_html(
            "<aside class='related-links'><h3>Related</h3><ul>"
            "<li><a href='/2023/12/20/city/road-repairs'>Road repairs to start in spring</a></li>"
            "<li><a href='https://other.example.org/schools'>Schools ask for more money</a></li>"
            "</ul></aside>"
        )
    )
    assert rows == [
        RelatedLink(0, "recommended", "Road repairs to start in spring", None, None,
                    "https://news.example.com/2023/12/20/city/road-repairs"),
        RelatedLink(1, "recommended", "Schools ask for more money", None, None,
                    "https://other.example.org/schools"),
    ]  # fmt: skip


def test_read_more_paragraph() -> None:
    rows = links_of(
        body_html(
            "<p>Read more: <a href='/2023/12/01/city/taxes'>Why property taxes rose this "
            "year</a></p>"
        )
    )
    assert rows == [
        RelatedLink(0, "recommended", "Why property taxes rose this year", None, None,
                    "https://news.example.com/2023/12/01/city/taxes"),
    ]  # fmt: skip


def test_a_watch_label_inside_the_anchor_is_not_in_the_title() -> None:
    rows = links_of(
        body_html(
            "<p><a href='/2023/12/01/city/vote-live'>WATCH: The council votes on the budget</a></p>"
        )
    )
    assert rows == [
        RelatedLink(0, "recommended", "The council votes on the budget", None, None,
                    "https://news.example.com/2023/12/01/city/vote-live"),
    ]  # fmt: skip


def test_more_from_card_grid_with_labels() -> None:
    cards = "".join(
        f"<div class='card'><a href='/politics/{slug}'><img src='{slug}.jpg'></a>"
        f"<span class='card__kicker'>{kicker}</span><a href='/politics/{slug}'><h3>{title}"
        f"</h3></a><span class='card__source'>{source}</span></div>"
        for slug, kicker, title, source in [
            ("senate", "Congress", "Senate passes the spending bill", "Example Wire"),
            ("governor", "Elections", "Governor race tightens in final week", "Example Times"),
        ]
    )
    rows = links_of(body_html(), after=f"<section><h2>More from Politics</h2>{cards}</section>")
    assert rows == [
        RelatedLink(0, "recommended", "Senate passes the spending bill", "Example Wire",
                    "Congress", "https://news.example.com/politics/senate"),
        RelatedLink(1, "recommended", "Governor race tightens in final week", "Example Times",
                    "Elections", "https://news.example.com/politics/governor"),
    ]  # fmt: skip


def test_label_inside_the_anchor_is_not_in_the_title() -> None:
    rows = links_of(
        body_html(),
        after=(
            "<div class='related-articles'><a href='/health/sleep'><span class='label'>Health"
            "</span><span>The secret of a good night\u200b's sleep</span></a></div>"
        ),
    )
    assert rows == [
        RelatedLink(0, "recommended", "The secret of a good night's sleep", None, "Health",
                    "https://news.example.com/health/sleep"),
    ]  # fmt: skip


def test_topic_links_in_a_related_block() -> None:
    rows = links_of(
        body_html(),
        after=(
            "<div class='related-topics-block'><h2>Related</h2>"
            "<a href='/topic/budgets'>See more on city budgets</a>"
            "<a href='/best-of-2023'>Best of 2023</a>"
            "<a href='/2023/12/01/city/roads'>Related: Road repairs to start in spring</a></div>"
        ),
    )
    assert rows == [
        RelatedLink(0, "hub", "See more on city budgets", None, None,
                    "https://news.example.com/topic/budgets"),
        RelatedLink(1, "recommended", "Road repairs to start in spring", None, None,
                    "https://news.example.com/2023/12/01/city/roads"),
    ]  # fmt: skip


def test_inline_links_in_paragraphs() -> None:
    body = [
        f"{BODY[0]} The full budget document runs to 300 pages.",
        BODY[1],
        f"{BODY[2]} See the notes below.",
    ]
    article = (
        f"<p>{BODY[0]} The <a href='https://data.example.org/budget.pdf'>full budget "
        f"document</a> runs to 300 pages.</p><p>{BODY[1]}</p>"
        f"<p>{BODY[2]} See <a href='#notes'>the notes</a> below.</p>"
    )
    rows = links_of(article, body=body)
    assert rows == [
        RelatedLink(0, "inline", "full budget document", None, None,
                    "https://data.example.org/budget.pdf"),
    ]  # fmt: skip


def test_hub_link() -> None:
    rows = links_of(
        body_html(
            "<p>Follow our coverage of the city budget at <a href='https://news.example.com"
            "/hub/city-budget'>https://news.example.com/hub/city-budget</a>.</p>"
        )
    )
    assert rows == [
        RelatedLink(0, "hub", "Follow our coverage of the city budget", None, None,
                    "https://news.example.com/hub/city-budget"),
    ]  # fmt: skip


def test_navigation_footer_share_author_and_tags_give_nothing() -> None:
    article = (
        "<div class='byline'>By <a href='/staff/jane-doe'>Jane Doe, City Hall reporter</a></div>"
        "<div class='share-bar'><a href='https://facebook.example/sharer?u=x'>Share on "
        "Facebook now</a><a href='mailto:?subject=Budget'>Email this story to a friend</a></div>"
        + body_html()
        + "<div class='tags'><a href='/tag/budget'>City budget news</a>"
        "<a href='/tag/taxes'>Property taxes and rates</a></div>"
        "<div class='comments'><a href='/comments/1'>Read all 45 comments here</a></div>"
    )
    assert links_of(article) == []


def test_base_href_and_duplicates() -> None:
    rows = links_of(
        body_html(
            "<div class='related'><a href='city/roads'><img src='r.jpg'></a>"
            "<a href='city/roads'>Road repairs to start in spring</a>"
            "<a href='city/roads#comments'>Road repairs to start in spring</a></div>"
        ),
        head="<base href='https://static.example.com/news/'>",
    )
    assert rows == [
        RelatedLink(0, "recommended", "Road repairs to start in spring", None, None,
                    "https://static.example.com/news/city/roads"),
    ]  # fmt: skip


def test_order_across_kinds() -> None:
    article = (
        f"<p>{BODY[0]} Officials cited <a href='/report'>an audit of the roads</a>.</p>"
        f"<p>{BODY[1]}</p><p>{BODY[2]}</p>"
    )
    rows = links_of(
        article,
        body=[f"{BODY[0]} Officials cited an audit of the roads.", *BODY[1:]],
        after="<div class='more-stories'><h2>More stories</h2><a href='/x'>Bus fares to "
        "stay the same next year</a></div>",
    )
    assert [(r.position, r.link_type, r.title) for r in rows] == [
        (0, "inline", "an audit of the roads"),
        (1, "recommended", "Bus fares to stay the same next year"),
    ]
