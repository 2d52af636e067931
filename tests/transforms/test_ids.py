"""Unit tests of the parser: ids."""

from __future__ import annotations

import pytest

from transforms import (
    Article,
    article_id_for,
    parse_dump,
)
from transforms.ids import article_id_for_url, normalise_url

STORY = "https://example.com/news/2025/09/05/story"


def test_article_id_is_stable_across_typography() -> None:
    base = article_id_for("AP News", "Putin says troops would be 'legitimate targets' — again")
    assert len(base) == 32
    assert all(ch in "0123456789abcdef" for ch in base)
    assert (
        article_id_for("AP News", "Putin says troops would be ‘legitimate targets’ – again") == base
    )
    assert (
        article_id_for(
            "AP\u00a0News", "  Putin says  troops would be 'legitimate targets' — again "
        )
        == base
    )
    assert (
        article_id_for("ap news", "PUTIN SAYS TROOPS WOULD BE 'LEGITIMATE TARGETS' — AGAIN") == base
    )
    assert (
        article_id_for("AP News", "Putin says troops would be 'legitimate targets' — later") != base
    )
    assert article_id_for("UPI", "Putin says troops would be 'legitimate targets' — again") != base


def test_same_dump_with_other_bytes_gets_same_id() -> None:
    text = "Putin’s “red line”\u00a0warning\nAP News\n\nBody text of the story here.\n"
    straight = 'Putin\'s "red line" warning\r\nAP News\r\n\r\nBody text of the story here.\r\n'
    first = parse_dump(text.encode())
    second = parse_dump(straight.encode("cp1252"))
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.article_id == second.article_id
    assert first.title == "Putin’s “red line” warning"


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.example.com/news/2025/09/05/story/",
        "http://example.com/news/2025/09/05/story",
        "https://EXAMPLE.com:443/news/2025/09/05/story#comments",
        "https://example.com/news/2025/09/05/story?utm_source=twitter&utm_medium=social",
        " https://example.com/news/2025/09/05/story?fbclid=abc ",
    ],
)
def test_one_page_one_url_id(variant: str) -> None:
    assert normalise_url(variant) == "//example.com/news/2025/09/05/story"
    assert article_id_for_url(variant) == article_id_for_url(STORY)


@pytest.mark.parametrize(
    "other",
    [
        "https://example.com/news/2025/09/05/Story",  # paths keep their case
        "https://example.com/news/2025/09/05/story?id=7",  # a parameter that names a page
        "https://example.com:8080/news/2025/09/05/story",
        "https://example.org/news/2025/09/05/story",
    ],
)
def test_other_pages_other_url_ids(other: str) -> None:
    assert article_id_for_url(other) != article_id_for_url(STORY)


@pytest.mark.parametrize(
    "not_web", ["/news/story", "javascript:void(0)", "ftp://x.org/a", "", "https://"]
)
def test_no_url_id_without_a_web_address(not_web: str) -> None:
    assert article_id_for_url(not_web) is None


def test_a_url_id_is_never_a_title_id() -> None:
    url = "https://example.com/a"
    assert article_id_for_url(url) != article_id_for(None, normalise_url(url) or "")
    assert len(article_id_for_url(url) or "") == 32
