"""Property tests: the parser never raises, its output is self-consistent, and the sample's
re-encodings (CRLF, BOM, cp1252, NBSP, gzip) parse to the identical Article.

Examples per property come from a Hypothesis profile: `ci` (default, 1,000) or
`thorough` (10,000), chosen with the environment variable HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.transforms.test_parse_sample import sample_bytes
from transforms import Article, Rejection, gunzip_bounded, parse_dump, parse_text

settings.register_profile(
    "ci", max_examples=1_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
PROFILE = settings.get_profile(_PROFILE if _PROFILE in ("ci", "thorough") else "ci")

REASONS = {"empty", "binary", "no_title", "not_an_article", "too_large", "decode_error"}
HEX32 = re.compile(r"^[0-9a-f]{32}$")

# Lines of the kinds real dumps are made of, to drive the parser through all its branches.
DUMP_LINES = [
    "Putin says foreign troops would be 'legitimate targets'",
    "AP News",
    "Reuters",
    "UPI",
    "Los Angeles Times",
    "By JANE DOE and JOHN ROE",
    "By Jane Doe, Associated Press",
    "Story by Jane Doe • 2h • 3 min read",
    "Published 9:14 AM EDT, September 5, 2025",
    "Updated 10:02 AM EDT, September 5, 2025",
    "09/05/2025 09:14 AM",
    "Updated on: September 5, 2025 / 10:02 AM EDT / CBS News",
    "KYIV, Ukraine (AP) — Russian drones struck the capital overnight.",
    "WASHINGTON, Sept 5 (Reuters) - Job growth slowed.",
    "LOS ANGELES — A fire burned.",
    "Sept. 5 (UPI) -- The Senate voted.",
    "Putin gestures in Vladivostok, Russia, Friday, Sept. 5, 2025. (AP Photo/Evan Vucci, File)",
    "In this photo released by the Kremlin, Putin speaks. ( Stepan Pugachev/Roscongress via AP)",
    "People wait in line in Miami, September 5, 2025. REUTERS/Marco Bello/File Photo",
    "FILE - President Biden speaks, Jan. 3, 2024.",
    "Jane Doe/Reuters",
    "(AP Photo)",
    "Getty Images",
    "The bill passed, said Sen. John Doe (R-Texas).",
    "It cost a modest sum (about $5 million).",
    "Read the report at https://example.com/report.",
    "Follow the AP’s coverage of the war at https://apnews.com/hub/russia-ukraine",
    "Associated Press writer Jane Doe in Kyiv contributed to this report.",
    "(Reporting by Jane Doe; Editing by John Roe)",
    "___",
    "Recommended for You",
    "More for You",
    "Related",
    "Read more",
    "News",
    "Sports",
    "Video",
    "Advertisement",
    "1 of 5",
    "404 Not Found",
    "We value your privacy",
    "<html><body>",
    "",
    "",
]


def check_article(article: Article) -> None:
    """Invariants every Article must satisfy, whatever the input."""
    assert article.title and article.title == article.title.strip()
    assert HEX32.match(article.article_id)
    paragraphs = article.body.split("\n\n")
    assert article.paragraph_count == len(paragraphs) >= 1
    assert all(p.strip() == p and p for p in paragraphs)
    assert article.word_count == len(article.body.split())
    assert [image.position for image in article.images] == list(range(len(article.images)))
    assert [link.position for link in article.links] == list(range(len(article.links)))
    for link in article.links:
        assert link.link_type in ("recommended", "hub", "inline")
        assert (link.url is None) == (link.link_type == "recommended")
    if article.published_at is not None:
        assert article.published_date == article.published_at.date()
        assert article.published_date_source == "explicit"
    elif article.published_date is not None:
        assert article.published_date_source == "caption"
        assert article.published_date == article.images[0].photo_date
    else:
        assert article.published_date_source is None


def check_result(result: Article | Rejection) -> None:
    if isinstance(result, Article):
        check_article(result)
    else:
        assert isinstance(result, Rejection)
        assert result.detail
        assert result.reason in REASONS | {"parse_error"}


@PROFILE
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    result = parse_text(text)
    check_result(result)
    assert not (isinstance(result, Rejection) and result.reason == "parse_error"), result


@PROFILE
@given(st.binary())
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = parse_dump(data)
    check_result(result)
    assert not (isinstance(result, Rejection) and result.reason == "parse_error"), result


@PROFILE
@given(
    st.lists(
        st.one_of(st.sampled_from(DUMP_LINES), st.text(max_size=80)),
        min_size=1,
        max_size=40,
    )
)
def test_dump_shaped_text_never_raises(lines: list[str]) -> None:
    result = parse_text("\n".join(lines))
    check_result(result)
    assert not (isinstance(result, Rejection) and result.reason == "parse_error"), result


SAMPLE = sample_bytes()
SAMPLE_ARTICLE = parse_dump(SAMPLE)


@PROFILE
@given(
    crlf=st.booleans(),
    bom=st.booleans(),
    cp1252=st.booleans(),
    nbsp_every=st.integers(min_value=0, max_value=40),
    trailing_spaces=st.booleans(),
    gzipped=st.booleans(),
)
def test_sample_reencodings_parse_identically(
    crlf: bool, bom: bool, cp1252: bool, nbsp_every: int, trailing_spaces: bool, gzipped: bool
) -> None:
    text = SAMPLE.decode("utf-8")
    if nbsp_every:
        parts = text.split(" ")
        text = "".join(
            part + ("\u00a0" if i % nbsp_every == 0 else " ") for i, part in enumerate(parts[:-1])
        )
        text += parts[-1]
    if trailing_spaces:
        text = text.replace("\n", " \t\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("cp1252" if cp1252 else "utf-8")
    if bom and not cp1252:
        data = codecs.BOM_UTF8 + data
    if gzipped:
        packed = gzip.compress(data)
        assert parse_dump(packed) == SAMPLE_ARTICLE
        unpacked = gunzip_bounded(packed, 10 * 1024 * 1024)
        assert unpacked == data
    assert parse_dump(data) == SAMPLE_ARTICLE


def test_sample_article_is_valid() -> None:
    assert isinstance(SAMPLE_ARTICLE, Article)
    check_article(SAMPLE_ARTICLE)
