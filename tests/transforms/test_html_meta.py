"""page_meta on small invented pages, one case each, asserted field by field."""

from __future__ import annotations

import json
from datetime import date, datetime

import lxml.html
from lxml import etree

from transforms.html_meta import HtmlMeta, page_meta, parse_when, person_names, strip_site


def _page(head: str = "", body: str = "", ld: object | None = None) -> lxml.html.HtmlElement:
    """A parsed page with `head` markup, an optional JSON-LD block and `body` markup."""
    script = ""
    if ld is not None:
        script = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    html = f"<!doctype html><html><head>{head}{script}</head><body>{body}</body></html>"
    return lxml.html.document_fromstring(html.encode("utf-8"))


GRAPH_PAGE = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "@id": "https://news.example/#site", "name": "Example News"},
        {
            "@type": "Person",
            "@id": "https://news.example/#/person/1",
            "name": "Maria Lopez",
            "jobTitle": "Health Reporter",
        },
        {
            "@type": "NewsArticle",
            "headline": "Clinics stretch hours as flu season peaks",
            "datePublished": "2023-12-19T20:15:00-05:00",
            "dateModified": "2023-12-20T08:00:00-05:00",
            "author": [{"@id": "https://news.example/#/person/1"}],
            "publisher": {"@type": "Organization", "name": "Example News"},
            "description": "Waiting rooms are full across the county.",
            "mainEntityOfPage": "https://news.example/health/flu-clinics",
        },
    ],
}


def test_json_ld_graph_with_author_reference() -> None:
    meta = page_meta(
        _page(ld=GRAPH_PAGE, body="<h1>Clinics stretch hours as flu season peaks</h1>")
    )
    assert meta == HtmlMeta(
        title="Clinics stretch hours as flu season peaks",
        authors=("Maria Lopez",),
        published_at=datetime(2023, 12, 19, 20, 15),
        updated_at=datetime(2023, 12, 20, 8, 0),
        published_date=date(2023, 12, 19),
        publisher="Example News",
        url="https://news.example/health/flu-clinics",
        summary="Waiting rooms are full across the county.",
        page_type="newsarticle",
    )


def test_json_ld_list_and_authors_with_job_titles_by_and_organisations() -> None:
    ld = [
        {"@type": "BreadcrumbList", "itemListElement": []},
        {
            "@type": ["ReportageNewsArticle"],
            "headline": "Ferry service resumes after storm",
            "datePublished": "2023-11-02",
            "author": [
                {"@type": "Person", "name": "By Tom Reed, Staff Writer"},
                {"@type": "Person", "name": "Ana Silva and Ben Ode"},
                {"@type": "Organization", "name": "Harbor Gazette"},
                "https://harbor.example/authors/tom-reed",
            ],
        },
    ]
    meta = page_meta(_page(ld=ld, body="<h1>Ferry service resumes after storm</h1>"))
    assert meta.title == "Ferry service resumes after storm"
    assert meta.authors == ("Tom Reed", "Ana Silva", "Ben Ode")
    assert meta.published_at == datetime(2023, 11, 2)
    assert meta.updated_at is None
    assert meta.published_date == date(2023, 11, 2)
    assert meta.page_type == "reportagenewsarticle"


def test_visible_h1_wins_over_seo_title_with_site_suffix() -> None:
    head = (
        "<title>Rail strike: what commuters need to know | Daily Ledger</title>"
        '<meta property="og:title"'
        ' content="Rail strike: what commuters need to know - Daily Ledger">'
        '<meta property="og:site_name" content="Daily Ledger">'
    )
    body = (
        '<header><h1><img src="logo.png" alt="Daily Ledger"></h1></header>'
        "<article><h1>Rail strike: What commuters need to know this week</h1></article>"
    )
    meta = page_meta(_page(head, body))
    assert meta.title == "Rail strike: What commuters need to know this week"
    assert meta.publisher == "Daily Ledger"


def test_section_label_before_the_headline_is_dropped() -> None:
    head = '<meta property="og:title" content="Why the city budget fell short">'
    body = "<h1><span>Opinion</span> Why the city budget fell short</h1>"
    assert page_meta(_page(head, body)).title == "Why the city budget fell short"
    piped = "<h1>Politics | Council approves new transit plan</h1>"
    assert page_meta(_page("", piped)).title == "Council approves new transit plan"


def test_one_word_section_h1_loses_to_the_h1_that_agrees_with_metadata() -> None:
    head = '<meta property="og:title" content="Ten quiet beaches worth the drive">'
    body = "<h1>Travel</h1><h1>Ten quiet beaches worth the drive</h1>"
    assert page_meta(_page(head, body)).title == "Ten quiet beaches worth the drive"


def test_h1_reworded_from_metadata_is_still_the_headline() -> None:
    ld = {"@type": "NewsArticle", "headline": "Town votes on new library funding"}
    body = "<h1>Voters back library tax in close count</h1>"
    assert page_meta(_page(ld=ld, body=body)).title == "Voters back library tax in close count"


def test_date_modified_is_updated_not_published() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Bridge repairs finish early",
        "datePublished": "2023-12-01T09:00:00+01:00",
        "dateModified": "2023-12-03T10:30:00+01:00",
    }
    body = "<h1>Bridge repairs finish early</h1><time>Published 1 December 2023</time>"
    meta = page_meta(_page(ld=ld, body=body))
    assert meta.published_at == datetime(2023, 12, 1, 9, 0)
    assert meta.updated_at == datetime(2023, 12, 3, 10, 30)
    assert meta.published_date == date(2023, 12, 1)


def test_page_showing_only_the_update_date_is_dated_by_it() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "The best winter boots, tested",
        "datePublished": "2021-10-04T09:00:00-04:00",
        "dateModified": "2023-12-14T09:00:00-05:00",
    }
    body = (
        "<h1>The best winter boots, tested</h1>"
        '<div class="post-date">Updated on December 14, 2023</div>'
    )
    meta = page_meta(_page(ld=ld, body=body))
    assert meta.published_at == datetime(2021, 10, 4, 9, 0)
    assert meta.published_date == date(2023, 12, 14)


def test_iso_offset_is_dropped_not_applied() -> None:
    head = '<meta property="article:published_time" content="2023-12-22T22:05:00-08:00">'
    meta = page_meta(_page(head, "<h1>Late game ends in overtime win</h1>"))
    assert meta.published_at == datetime(2023, 12, 22, 22, 5)
    assert meta.published_date == date(2023, 12, 22)
    assert parse_when("2023-12-22T22:05:09.123+05:30") == datetime(2023, 12, 22, 22, 5, 9)
    assert parse_when("20231222") == datetime(2023, 12, 22)
    assert parse_when("not a date") is None


def test_utc_time_gives_way_to_the_local_time_the_page_prints() -> None:
    head = '<meta property="article:published_time" content="2023-12-23T03:22:07Z">'
    body = (
        "<h1>Snow closes mountain passes</h1>"
        '<time datetime="2023-12-22T22:22:07-05:00">Dec 22, 2023, 10:22 PM EST</time>'
    )
    meta = page_meta(_page(head, body))
    assert meta.published_at == datetime(2023, 12, 22, 22, 22, 7)
    assert meta.published_date == date(2023, 12, 22)


def test_no_metadata_at_all_reads_the_visible_page() -> None:
    body = (
        "<nav><a href='/'>Home</a></nav>"
        "<h1>Students rally for longer library hours</h1>"
        '<p class="byline">By Jane Roe and John Doe</p>'
        '<span class="article-date">December 12, 2023</span>'
        "<p>Hundreds gathered on the quad.</p>"
    )
    meta = page_meta(_page("", body))
    assert meta.title == "Students rally for longer library hours"
    assert meta.authors == ("Jane Roe", "John Doe")
    assert meta.published_at == datetime(2023, 12, 12)
    assert meta.published_date == date(2023, 12, 12)
    assert meta.updated_at is None
    assert meta.publisher is None
    assert meta.url is None
    assert meta.summary is None
    assert meta.page_type is None


def test_opengraph_only() -> None:
    head = (
        '<meta property="og:title" content="Harvest festival draws record crowd | Valley Post">'
        '<meta property="og:site_name" content="Valley Post">'
        '<meta property="og:type" content="article">'
        '<meta property="og:url" content="https://valleypost.example/harvest-festival">'
        '<meta property="og:description" content="Organisers counted 12,000 visitors.">'
        '<meta name="author" content="Sam Hill">'
    )
    meta = page_meta(_page(head, "<p>No headline element here.</p>"))
    assert meta.title == "Harvest festival draws record crowd"
    assert meta.authors == ("Sam Hill",)
    assert meta.publisher == "Valley Post"
    assert meta.url == "https://valleypost.example/harvest-festival"
    assert meta.summary == "Organisers counted 12,000 visitors."
    assert meta.page_type == "article"
    assert meta.published_at is None and meta.published_date is None


def test_canonical_link_is_the_url_before_og_url() -> None:
    head = (
        '<link rel="canonical" href="https://paper.example/a/123">'
        '<meta property="og:url" content="https://paper.example/a/123?utm=share">'
    )
    assert (
        page_meta(_page(head, "<h1>Mayor signs budget</h1>")).url == "https://paper.example/a/123"
    )


def test_site_named_author_gives_way_to_the_visible_byline() -> None:
    head = (
        '<meta name="author" content="The Harbor Gazette">'
        '<link rel="canonical" href="https://www.theharborgazette.example/story">'
    )
    body = '<h1>Dock workers vote to strike</h1><span class="author-name">Lee Park</span>'
    assert page_meta(_page(head, body)).authors == ("Lee Park",)


def test_utf8_read_as_latin1_is_repaired() -> None:
    html = "<html><head></head><body><h1>It\u2019s a \u201cnew\u201d era</h1></body></html>"
    tree = lxml.html.document_fromstring(html.encode("utf-8").decode("latin-1"))
    assert page_meta(tree).title == "It\u2019s a \u201cnew\u201d era"


def test_broken_json_ld_is_skipped_and_entities_are_decoded() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<script type="application/ld+json"><!--{"@type": "BlogPosting",'
        ' "headline": "Q&amp;A: the mayor on housing"}--></script>'
    )
    meta = page_meta(_page(head, ""))
    assert meta.title == "Q&A: the mayor on housing"
    assert meta.page_type == "blogposting"


def test_the_tree_is_not_changed() -> None:
    tree = _page(ld=GRAPH_PAGE, body="<h1>Opinion | Clinics stretch hours as flu season peaks</h1>")
    before = etree.tostring(tree)
    page_meta(tree)
    assert etree.tostring(tree) == before


def test_person_names_and_strip_site() -> None:
    assert person_names("By JANE DOE and JOHN ROE") == ["JANE DOE", "JOHN ROE"]
    assert person_names("https://example.com/staff/jane") == []
    assert person_names("@janedoe") == []
    assert strip_site("Headline here | Valley Post", "Valley Post", None) == "Headline here"
    assert strip_site("ValleyPost - Headline here", None, "https://valleypost.example/x") == (
        "Headline here"
    )


def test_credentials_after_a_name_are_dropped() -> None:
    ld = {"@type": "Article", "headline": "Five snacks for long drives",
          "author": {"@type": "Person", "name": "Dana Lee MS, RD"}}  # fmt: skip
    assert page_meta(_page(ld=ld)).authors == ("Dana Lee",)
    assert person_names("ANH DO") == ["ANH DO"]


def test_empty_page_gives_an_empty_record() -> None:
    meta = page_meta(lxml.html.document_fromstring(b"<html><body><p>x</p></body></html>"))
    assert meta == HtmlMeta(None, (), None, None, None, None, None, None, None)


def test_section_h1_matching_a_part_of_the_seo_title_is_not_the_headline() -> None:
    head = '<meta property="og:title" content="Ten facts about the new season | Backstage | TVNet">'
    body = "<h1>Backstage</h1><h1>Ten facts about the new season</h1>"
    assert page_meta(_page(head, body)).title == "Ten facts about the new season"
