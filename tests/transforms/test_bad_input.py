"""Unit tests of the parser: bad input."""

from __future__ import annotations

import pytest

from transforms import (
    Rejection,
    parse_dump,
    parse_text,
)


@pytest.mark.parametrize(
    ("data", "reason", "detail"),
    [
        (b"", "empty", "the file is empty or holds only whitespace"),
        (b"\n  \n", "empty", "the file is empty or holds only whitespace"),
        (b"GIF89a\x01\x00\x01\x00\x00\xff\x00,", "binary", "not a text file: contains NUL bytes"),
        (
            b"Recommended for You\n\nCard one\nAP News\n",
            "not_an_article",
            "first line is 'Recommended for You': a recommendations block, not an article",
        ),
        (
            b"<!DOCTYPE html>\n<html><head><title>Error</title></head><body></body></html>",
            "not_an_article",
            "an HTML error page: 'Error'",
        ),
        (
            b"404 Not Found\nnginx\n",
            "not_an_article",
            "first line is '404 Not Found': an error page",
        ),
        (
            b"We value your privacy\n\nWe and our partners use cookies to store data.\n\nAccept",
            "not_an_article",
            "first line is 'We value your privacy': a cookie/consent wall",
        ),
        (
            b"Only a title\nAP News\n",
            "not_an_article",
            "no body paragraphs found under the title 'Only a title'",
        ),
        (
            b"AP News\n\nSome body text that goes on.\n",
            "no_title",
            "first line 'AP News' is a publisher name, the headline is missing",
        ),
        (
            "WASHINGTON (AP) — The Senate on Thursday confirmed a new agency head.\n\nMo.".encode(),
            "no_title",
            "first line 'WASHINGTON (AP) — The Senate on Thursday confirmed a new ag…' "
            "opens with a dateline: body text, not a headline",
        ),
        (b"___\n\nFollow us\n", "no_title", "first line is a footer separator"),
    ],
)
def test_bad_inputs(data: bytes, reason: str, detail: str) -> None:
    assert parse_dump(data) == Rejection(reason, detail)  # type: ignore[arg-type]


def test_cookie_wall_body() -> None:
    text = (
        "Before we go on\nExample\n\nWe use cookies and similar technologies to personalise "
        "ads.\n\nYou can manage your cookie preferences at any time."
    )
    assert parse_text(text) == Rejection("not_an_article", "the text is a cookie/consent wall")
