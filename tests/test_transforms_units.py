"""Unit tests of the parser's pieces: credits, bylines, datelines, timestamps, decoding, ids,
rejections, and the caption/body/summary/footer/recommendation decisions."""

from __future__ import annotations

import gzip
import zlib
from datetime import date, datetime

import pytest

from transforms import (
    Article,
    Rejection,
    article_id_for,
    credit_strength,
    decode_text,
    find_caption_date,
    find_links,
    gunzip_bounded,
    is_gzip,
    parse_byline,
    parse_credit,
    parse_dateline,
    parse_dump,
    parse_meta_line,
    parse_text,
    parse_timestamp,
    split_blocks,
)
from transforms.credits import CreditStrength


def article_of(text: str) -> Article:
    parsed = parse_text(text)
    assert isinstance(parsed, Article), parsed
    return parsed


# -- credits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credit", "photographer", "organization", "distributor", "is_file", "is_handout"),
    [
        ("AP Photo/Evan Vucci", "Evan Vucci", "AP", None, False, False),
        ("AP Photo/Evan Vucci, File", "Evan Vucci", "AP", None, True, False),
        (
            "Stepan Pugachev/Roscongress Foundation via AP",
            "Stepan Pugachev",
            "Roscongress Foundation",
            "AP",
            False,
            False,
        ),
        (
            "( Stepan Pugachev/Roscongress Foundation via AP)",
            "Stepan Pugachev",
            "Roscongress Foundation",
            "AP",
            False,
            False,
        ),
        (
            "Alexander Kazakov, Sputnik, Kremlin Pool Photo via AP",
            "Alexander Kazakov",
            "Sputnik, Kremlin Pool Photo",
            "AP",
            False,
            False,
        ),
        ("Photo by Jane Doe/Getty Images", "Jane Doe", "Getty Images", None, False, False),
        ("Reuters", None, "Reuters", None, False, False),
        ("(Reuters)", None, "Reuters", None, False, False),
        ("Jane Doe/Reuters", "Jane Doe", "Reuters", None, False, False),
        ("AP Photo", None, "AP", None, False, False),
        ("(AP Photo)", None, "AP", None, False, False),
        (
            "Ukrainian Presidential Press Office via AP",
            None,
            "Ukrainian Presidential Press Office",
            "AP",
            False,
            False,
        ),
        ("REUTERS/Evelyn Hockstein", "Evelyn Hockstein", "Reuters", None, False, False),
        ("REUTERS/Marco Bello/File Photo", "Marco Bello", "Reuters", None, True, False),
        ("UPI/Bonnie Cash", "Bonnie Cash", "UPI", None, False, False),
        ("Photo by Bonnie Cash/UPI", "Bonnie Cash", "UPI", None, False, False),
        ("File Photo by Jim Ruymen/UPI", "Jim Ruymen", "UPI", None, True, False),
        (
            "Allen J. Schaben / Los Angeles Times",
            "Allen J. Schaben",
            "Los Angeles Times",
            None,
            False,
            False,
        ),
        ("Jack Gruber, USA TODAY", "Jack Gruber", "USA TODAY", None, False, False),
        ("Kirby Lee-Imagn Images", "Kirby Lee", "Imagn Images", None, False, False),
        ("AFP via Getty Images", None, "AFP", "Getty Images", False, False),
        ("Jane Doe/AFP via Getty Images", "Jane Doe", "AFP", "Getty Images", False, False),
        ("Evan Vucci/Pool via AP", "Evan Vucci", "Pool", "AP", False, False),
        ("AP Photo/Jae C. Hong, Pool", "Jae C. Hong", "AP", None, False, False),
        ("AP Photo/File", None, "AP", None, True, False),
        ("Handout via REUTERS", None, None, "Reuters", False, True),
        ("Courtesy of the Smith family", None, "Smith family", None, False, True),
        ("EPA-EFE/Jane Doe", "Jane Doe", "EPA-EFE", None, False, False),
        ("Photo: Jane Doe/Reuters", "Jane Doe", "Reuters", None, False, False),
    ],
)
def test_parse_credit(
    credit: str,
    photographer: str | None,
    organization: str | None,
    distributor: str | None,
    is_file: bool,
    is_handout: bool,
) -> None:
    parts = parse_credit(credit)
    assert parts.photographer == photographer
    assert parts.organization == organization
    assert parts.distributor == distributor
    assert parts.is_file_photo is is_file
    assert parts.is_handout is is_handout


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("AP Photo/Evan Vucci", CreditStrength.STRONG),
        ("Jane Doe/Reuters", CreditStrength.STRONG),
        ("Ukrainian Presidential Press Office via AP", CreditStrength.STRONG),
        ("(Reuters)", CreditStrength.WEAK),
        ("(AP)", CreditStrength.WEAK),
        ("(R-Texas)", CreditStrength.NONE),
        ("(about $5 million)", CreditStrength.NONE),
        ("(and/or)", CreditStrength.NONE),
        ("(AC/DC)", CreditStrength.NONE),
        ("By Jane Doe, Associated Press", CreditStrength.NONE),
        ("(who declined to be named)", CreditStrength.NONE),
    ],
)
def test_credit_strength(text: str, strength: CreditStrength) -> None:
    assert credit_strength(text) is strength


# -- bylines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By JANE DOE and JOHN ROE", ["JANE DOE", "JOHN ROE"]),
        ("By Jane Doe, Associated Press", ["Jane Doe"]),
        ("Story by Jane Doe", ["Jane Doe"]),
        ("By JANE DOE Associated Press", ["JANE DOE"]),
        ("By Ann Lee, Bo Park and Cy Young", ["Ann Lee", "Bo Park", "Cy Young"]),
        ("By Ann Lee, Bo Park, and Cy Young", ["Ann Lee", "Bo Park", "Cy Young"]),
        ("By JOSH BOAK AP Business Writer", ["JOSH BOAK"]),
        ("By Jane Doe and John Roe, USA TODAY", ["Jane Doe", "John Roe"]),
        ("By Jane Doe Los Angeles Times Staff Writer", ["Jane Doe"]),
        ("By Jane Doe for The Associated Press", ["Jane Doe"]),
        ("By The Associated Press", []),
        ("By Reuters", []),
        ("BY MARÍA JOSÉ GARCÍA-LÓPEZ", ["MARÍA JOSÉ GARCÍA-LÓPEZ"]),
    ],
)
def test_parse_byline(line: str, names: list[str]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, prices had doubled.",
        "By contrast, the Senate version is narrower.",
        "Byron Allen spoke first.",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_byline_with_age_and_reading_time() -> None:
    meta = parse_meta_line("Story by Jane Doe • 2mo • 3 min read")
    assert meta is not None
    assert meta.authors == ["Jane Doe"]
    assert meta.timestamps == []


def test_cbs_style_updated_line_with_publisher() -> None:
    meta = parse_meta_line("Updated on: September 5, 2025 / 10:02 AM EDT / CBS News")
    assert meta is not None
    assert [(t.kind, t.value) for t in meta.timestamps] == [
        ("updated", datetime(2025, 9, 5, 10, 2))
    ]


def test_byline_and_timestamps_on_one_line() -> None:
    meta = parse_meta_line(
        "By Jane Doe | Published 9:14 a.m. ET Sept. 6, 2025 | Updated 10:02 a.m. ET Sept. 6, 2025"
    )
    assert meta is not None
    assert meta.authors == ["Jane Doe"]
    assert [(t.kind, t.value) for t in meta.timestamps] == [
        ("published", datetime(2025, 9, 6, 9, 14)),
        ("updated", datetime(2025, 9, 6, 10, 2)),
    ]


# -- datelines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("KYIV, Ukraine (AP) — The first paragraph.", "KYIV, Ukraine", "The first paragraph."),
        ("WASHINGTON (Reuters) - U.S. job growth slowed.", "WASHINGTON", "U.S. job growth slowed."),
        ("LOS ANGELES — A fire burned.", "LOS ANGELES", "A fire burned."),
        ("UNITED NATIONS (AP) — The council met.", "UNITED NATIONS", "The council met."),
        ("ST. LOUIS (AP) — The river rose.", "ST. LOUIS", "The river rose."),
        ("WASHINGTON, Sept 5 (Reuters) - Payrolls rose.", "WASHINGTON", "Payrolls rose."),
        ("LONDON/PARIS, Sept 5 (Reuters) - Talks ended.", "LONDON/PARIS", "Talks ended."),
        ("WASHINGTON, Sept. 5 (UPI) -- The Senate voted.", "WASHINGTON", "The Senate voted."),
        ("Sept. 5 (UPI) -- The Senate voted.", None, "The Senate voted."),
        (
            "PORT-AU-PRINCE, Haiti (AP) — Gangs attacked.",
            "PORT-AU-PRINCE, Haiti",
            "Gangs attacked.",
        ),
        ("Washington — The Supreme Court agreed.", "Washington", "The Supreme Court agreed."),
        ("ST. PAUL, Minn. (AP) — Lawmakers met.", "ST. PAUL, Minn.", "Lawmakers met."),
    ],
)
def test_parse_dateline(paragraph: str, place: str | None, rest: str) -> None:
    found = parse_dateline(paragraph)
    assert found is not None
    assert found.place == place
    assert found.rest == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "Russian President Vladimir Putin said Friday that troops would be targets.",
        "Officials — including the mayor — said the plan would work.",
        "Trump — who has long said otherwise — agreed.",
        "The agency (AP) said nothing.",
    ],
)
def test_no_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


# -- timestamps and caption dates -----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "value"),
    [
        ("Published 9:14 AM EDT, September 5, 2025", "published", datetime(2025, 9, 5, 9, 14)),
        ("Updated 10:02 AM EDT, September 5, 2025", "updated", datetime(2025, 9, 5, 10, 2)),
        ("September 5, 2025 at 9:14 a.m. EDT", "published", datetime(2025, 9, 5, 9, 14)),
        ("09/05/2025 09:14 AM", "published", datetime(2025, 9, 5, 9, 14)),
        ("Updated September 5, 2025 at 10:02 a.m. EDT", "updated", datetime(2025, 9, 5, 10, 2)),
        ("Sept. 5, 2025, 9:14 AM ET", "published", datetime(2025, 9, 5, 9, 14)),
        ("Published 12:15 PM EDT, September 5, 2025", "published", datetime(2025, 9, 5, 12, 15)),
        ("Updated 12:05 AM EDT, September 6, 2025", "updated", datetime(2025, 9, 6, 0, 5)),
        ("Fri, September 5, 2025 at 9:14 PM EDT", "published", datetime(2025, 9, 5, 21, 14)),
        ("Published: 2025-09-05T09:14:00Z", "published", datetime(2025, 9, 5, 9, 14)),
        ("Last updated 5 September 2025 14:30 BST", "updated", datetime(2025, 9, 5, 14, 30)),
        ("Published September 5, 2025", "published", datetime(2025, 9, 5, 0, 0)),
    ],
)
def test_parse_timestamp(line: str, kind: str, value: datetime) -> None:
    stamp = parse_timestamp(line)
    assert stamp is not None
    assert (stamp.kind, stamp.value) == (kind, value)


@pytest.mark.parametrize(
    "line",
    [
        "UPI Almanac for Sunday, Sept. 7, 2025",
        "Russia launched its full-scale invasion of Ukraine on Feb. 24, 2022.",
        "The vote was 52-46 at 9:14 a.m.",
        "Published reports say 12 people died.",
    ],
)
def test_not_a_timestamp(line: str) -> None:
    assert parse_timestamp(line) is None


@pytest.mark.parametrize(
    ("caption", "value"),
    [
        ("Putin speaks in Vladivostok, Russia, Friday, Sept. 5, 2025.", date(2025, 9, 5)),
        ("Putin speaks on Sept. 5, 2025, in Vladivostok.", date(2025, 9, 5)),
        ("Putin speaks, Sep 5, 2025.", date(2025, 9, 5)),
        ("Putin speaks on September 5, 2025.", date(2025, 9, 5)),
        ("Putin speaks on 5 September 2025.", date(2025, 9, 5)),
        ("FILE - Biden speaks, Wednesday, Jan. 3, 2024, in Washington.", date(2024, 1, 3)),
        ("WASHINGTON, DC - SEPTEMBER 05: Trump speaks on September 05, 2025.", date(2025, 9, 5)),
        ("Putin speaks on Friday, Sept. 5.", None),
        ("Putin speaks in Vladivostok.", None),
    ],
)
def test_find_caption_date(caption: str, value: date | None) -> None:
    assert find_caption_date(caption) == value


# -- decoding -------------------------------------------------------------------------------


def test_decode_strips_bom_and_normalises_line_ends() -> None:
    assert decode_text(b"\xef\xbb\xbfTitle\r\nAP News\r\rBody") == "Title\nAP News\n\nBody"


def test_decode_cp1252_curly_quotes() -> None:
    assert decode_text(b"He said \x93no\x94 \x96 twice\x85") == "He said “no” – twice…"


def test_decode_latin1_and_cp1252_undefined_bytes() -> None:
    assert decode_text(b"Caf\xe9 in S\xe3o Paulo") == "Café in São Paulo"
    assert decode_text(b"Caf\xe9 \x81x") == "Café x"  # 0x81 is undefined in cp1252


def test_decode_spaces_and_invisible_characters() -> None:
    raw = "A\u00a0B\u2009C\u200bD\ufeffE  F\tG \n".encode()
    assert decode_text(raw) == "A B CDE F G"


def test_decode_repairs_utf8_read_as_cp1252() -> None:
    assert decode_text("Ukraine’s".encode().decode("cp1252").encode()) == "Ukraine’s"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \r\n\t \n", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 10, "binary"),
        (bytes(range(128, 256)) * 4, "binary"),
    ],
)
def test_decode_rejections(data: bytes, reason: str) -> None:
    result = decode_text(data)
    assert isinstance(result, Rejection)
    assert result.reason == reason


def test_gunzip_round_trip_and_multi_member() -> None:
    payload = b"Title\nAP News\n\nBody text.\n"
    assert is_gzip(gzip.compress(payload))
    assert not is_gzip(payload)
    assert gunzip_bounded(gzip.compress(payload), 1000) == payload
    assert gunzip_bounded(gzip.compress(b"ab") + gzip.compress(b"cd"), 1000) == b"abcd"


def test_gunzip_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    result = gunzip_bounded(bomb, 1_000_000)
    assert isinstance(result, Rejection)
    assert result.reason == "too_large"
    assert gunzip_bounded(gzip.compress(b"x" * 1000), 1000) == b"x" * 1000


@pytest.mark.parametrize(
    "data",
    [
        b"\x1f\x8b\x08\x00garbage-after-header-that-is-not-deflate",
        gzip.compress(b"some text that is long enough to truncate" * 10)[:-30],
        b"\x1f\x8b",
    ],
)
def test_gunzip_corrupt_or_truncated(data: bytes) -> None:
    result = gunzip_bounded(data, 1_000_000)
    assert isinstance(result, Rejection)
    assert result.reason == "decode_error"


def test_parse_dump_reads_gzip_and_refuses_bombs() -> None:
    text = "Title here\nAP News\n\nWASHINGTON (AP) — Body text of the story.\n"
    parsed = parse_dump(gzip.compress(text.encode()))
    assert isinstance(parsed, Article)
    assert parsed.dateline == "WASHINGTON"
    bomb = parse_dump(gzip.compress(b"a" * 2_000_000), max_bytes=1_000_000)
    assert bomb == Rejection("too_large", "gzip content exceeds the size limit of 1000000 bytes")
    corrupt = parse_dump(b"\x1f\x8b\x08\x00" + zlib.compress(b"x")[2:])
    assert isinstance(corrupt, Rejection)
    assert corrupt.reason == "decode_error"


# -- ids ------------------------------------------------------------------------------------


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


# -- bad input ------------------------------------------------------------------------------


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
            "the text is HTML markup, not a captured article",
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


# -- captions versus body -------------------------------------------------------------------


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


# -- summary --------------------------------------------------------------------------------


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


# -- footer, links, recommendations ---------------------------------------------------------


def test_footer_contributors_hub_and_inline_links() -> None:
    article = article_of(
        "River rises\nAP News\n\n"
        "ST. LOUIS (AP) — The river rose. Read the forecast at https://weather.gov/lsx today.\n\n"
        "The crest is expected Sunday.\n\n"
        "___\n\n"
        "Associated Press writer Jane Doe in Kansas City contributed to this report.\n\n"
        "Follow AP’s coverage of the U.S. Open at https://apnews.com/hub/us-open-tennis\n\n"
        "The National Weather Service posts forecasts for the St. Louis area at https://www.weather.gov/lsx\n\n"
        "The Associated Press receives support from private foundations."
    )
    assert article.body == (
        "The river rose. Read the forecast at https://weather.gov/lsx today.\n\n"
        "The crest is expected Sunday."
    )
    assert [(x.position, x.link_type, x.title, x.url) for x in article.links] == [
        (0, "inline", "Read the forecast", "https://weather.gov/lsx"),
        (
            1,
            "hub",
            "Follow AP’s coverage of the U.S. Open",
            "https://apnews.com/hub/us-open-tennis",
        ),
        (
            2,
            "inline",
            "The National Weather Service posts forecasts for the St. Louis area",
            "https://www.weather.gov/lsx",
        ),
    ]
    assert all(x.publisher is None and x.category is None for x in article.links)


def test_find_links_trims_trailing_punctuation() -> None:
    (link,) = find_links("More details: https://example.com/report).")
    assert (link.link_type, link.title, link.url) == (
        "inline",
        "More details",
        "https://example.com/report",
    )


def test_cards_without_categories_or_repeated_titles() -> None:
    article = article_of(
        "Title\nAP News\n\nBody text of the story.\n\nMore for You\n\n"
        "First card title about something\nAP News\n\n"
        "Second card title about another thing\nUSA TODAY\nSports\n"
        "Third card title\nCBS News\n\nThird card title\n"
    )
    assert [(x.title, x.publisher, x.category) for x in article.links] == [
        ("First card title about something", "AP News", None),
        ("Second card title about another thing", "USA TODAY", "Sports"),
        ("Third card title", "CBS News", None),
    ]
    assert [x.position for x in article.links] == [0, 1, 2]
    assert all(x.link_type == "recommended" and x.url is None for x in article.links)


def test_category_first_cards() -> None:
    article = article_of(
        "Title\nAP News\n\nBody text of the story.\n\nRelated\n\n"
        "Video\nFirst card title\nReuters\n\nMoney\nSecond card title\nUPI\n"
    )
    assert [(x.title, x.publisher, x.category) for x in article.links] == [
        ("First card title", "Reuters", "Video"),
        ("Second card title", "UPI", "Money"),
    ]


def test_split_blocks() -> None:
    assert split_blocks("a\nb\n\n\nc\n \nd\ne") == [["a", "b"], ["c"], ["d", "e"]]


# -- page furniture and header shapes -------------------------------------------------------


def test_name_line_above_a_timestamp_is_a_byline() -> None:
    article = article_of(
        "Justice Department sues California\nCBS News\n\nJane Doe\n\n"
        "Updated on: September 5, 2025 / 10:02 AM EDT / CBS News\n\n"
        "Washington — The Justice Department sued California on Friday.\n\n"
        "The lawsuit says the map is unconstitutional.\n\n"
        "In: Redistricting; California\n\nMore from CBS News\n\n"
        "Card title number one\nCBS News\n"
    )
    assert article.authors == ["Jane Doe"]
    assert article.summary is None
    assert article.updated_at == datetime(2025, 9, 5, 10, 2)
    assert article.published_at is None
    assert article.published_date is None
    assert article.dateline == "Washington"
    assert article.body == (
        "The Justice Department sued California on Friday.\n\n"
        "The lawsuit says the map is unconstitutional."
    )
    assert [(x.title, x.publisher) for x in article.links] == [
        ("Card title number one", "CBS News")
    ]


def test_name_line_above_an_affiliation_and_furniture_lines() -> None:
    article = article_of(
        "Chiefs win opener\nUSA TODAY\n\nJane Doe\nUSA TODAY\n\n"
        "SAO PAULO — The Chiefs won.\n\nAdvertisement\n\n1 of 5\n\nThey play again Sunday.\n\n"
        "Contributing: John Roe\n\nCopyright 2025 USA TODAY. All rights reserved."
    )
    assert article.authors == ["Jane Doe"]
    assert article.body == "The Chiefs won.\n\nThey play again Sunday."


def test_prose_after_an_inline_related_module_is_body() -> None:
    article = article_of(
        "Stocks rally\nReuters\n\nRelated\n\nCard in the middle of a story\nReuters\n\n"
        "Stocks rallied on Friday as investors cheered the jobs data, sending the index higher.\n\n"
        "Bonds also gained."
    )
    assert article.paragraph_count == 2
    assert article.body.endswith("Bonds also gained.")
    assert [(x.link_type, x.title) for x in article.links] == [
        ("recommended", "Card in the middle of a story")
    ]


def test_short_caption_with_credit_below_is_not_a_byline() -> None:
    article = article_of(
        "Some title here\nAP News\n\nBy Jane Doe\n\nAssociated Press\n\n"
        "The first real paragraph of the story, which ends with a period.\n\n"
        "Vladimir Putin\nAP Photo/Evan Vucci\n\nThe second paragraph."
    )
    assert article.authors == ["Jane Doe"]
    assert [(i.caption, i.photographer) for i in article.images] == [
        ("Vladimir Putin", "Evan Vucci")
    ]
    assert article.paragraph_count == 2


# -- shortcuts of the speed work: each must give the answer of what it replaces ---------------

_TIMESTAMP_PIECES = [
    "Published", "Updated", "Last updated", "9:14 AM", "10:02 a.m.", "9 p.m.", "noon",
    "EDT", "ET", "Eastern Daylight Time", "September 5, 2025", "Sept. 5th, 2025",
    "5th of Sept. 2025", "ſept. 5, 2025", "aprİl 5, 2025", "09/05/2025", "2025-09-05",
    "2025-09-05T09:14:00Zon", "Friday,", "at", "on the", "|", "/", "•", "said", "Officials",
    "FILE", "(AP Photo/Evan Vucci)", "2025abc", "at9:14", "١٢", "²", "a.m.on",
]  # fmt: skip


def _timestamp_lines() -> list[str]:
    pieces = _TIMESTAMP_PIECES
    lines = [" ".join((a, b)) for a in pieces for b in pieces]
    lines += [" ".join((a, b, c)) for a in pieces[:12] for b in pieces[10:20] for c in pieces]
    return lines


def test_date_word_prefilter_never_refuses_a_timestamp(monkeypatch: pytest.MonkeyPatch) -> None:
    from transforms import dates

    assert not dates._may_be_only_date_words("Officials said on September 5, 2025")
    assert dates._may_be_only_date_words("2025-09-05T09:14:00Zon")  # "Zon" touches a digit
    lines = _timestamp_lines()
    fast = [parse_timestamp(line) for line in lines]
    monkeypatch.setattr(dates, "_may_be_only_date_words", lambda text: True)
    full = [parse_timestamp(line) for line in lines]
    assert fast == full
    assert sum(stamp is not None for stamp in full) > 100  # the lines do hold timestamps


def test_digit_and_year_tests_match_the_unicode_patterns() -> None:
    import re

    from transforms.dates import has_digit, has_year

    samples = ["", "abc", "in 2025", "“2025”", "1٢34", "٢٠٢٥", "²³⁴⁵", "12 34", "9/5/25", "ſ 2025"]
    for text in samples:
        assert has_digit(text) == bool(re.search(r"\d", text)), text
        assert has_year(text) == bool(re.search(r"\d{4}", text)), text


def test_segment_split_is_skipped_only_without_a_separator() -> None:
    from transforms.meta import _SEGMENT_SEPARATOR, _may_have_separator

    for text in ["AP Photo/Evan Vucci", "09/05/2025", "a / b", "a\t/b", "x | y", "x•y", "a·b",
                 "By Jane Doe", "/start", "end /"]:  # fmt: skip
        if not _may_have_separator(text):
            assert len(_SEGMENT_SEPARATOR.split(text)) == 1, text
    assert _may_have_separator("a\t/b") and not _may_have_separator("AP Photo/Evan Vucci")


def test_plain_spaced_flag_of_normalisation() -> None:
    from transforms.decode import _CLEAN_TABLE, normalize_text_spacing
    from transforms.parse import _ODD_WHITESPACE

    odd = "".join(ch for ch in map(chr, range(0x3001)) if _ODD_WHITESPACE.match(ch))
    assert all(ord(ch) in _CLEAN_TABLE or ch == "\r" for ch in odd)
    for text in ["a\u00a0b\tc\r\nd", "  x  \n\n y ", "caf\u00e9\u202fbar", "Itâ€™s â€¯ok", "plain"]:
        normalised, plain_spaced = normalize_text_spacing(text)
        if plain_spaced:
            assert _ODD_WHITESPACE.search(normalised) is None, text
    assert normalize_text_spacing("Itâ€™s â€¯ok") == ("It’s \u202fok", False)


def test_clean_characters_shortcut_matches_the_table() -> None:
    from transforms.decode import _CLEAN_TABLE, _clean_characters

    # The isprintable() shortcut holds only while no table character is printable.
    assert [hex(c) for c in _CLEAN_TABLE if chr(c).isprintable()] == []
    text = "A\u00a0B\u00a0C\n\nD\u2009E\u200bF\tG\ufeffH é “q”"
    assert _clean_characters(text) == text.translate(_CLEAN_TABLE)
    assert _clean_characters("Only NBSP\u00a0here\nand “quotes”") == "Only NBSP here\nand “quotes”"
    plain = "No odd characters — “at all”.\n\nSecond block."
    assert _clean_characters(plain) is plain


def test_special_opening_covers_every_opening_test() -> None:
    from transforms.parse import _SPECIAL_OPENING

    for line in ["___", "1 of 5", "3 min read", "By Jane Doe", "STORY BY: Jane Doe",
                 "FILE - A man walks.", "In this photo released by X", "Copyright 2025 AP",
                 "(Reporting by Jane Doe; Editing by John Roe)", "This story first appeared",
                 "In: Politics", "Contributing: Jane Doe", "Just now", "Updated", "ıN: x",
                 "©2025 Acme"]:  # fmt: skip
        assert _SPECIAL_OPENING.match(line), line
    for line in ["Byron Doe said.", "The council voted.", "Inflation rose.", "A photo shows it."]:
        assert _SPECIAL_OPENING.match(line) is None, line


def test_is_affiliation_only_shortcuts_agree_with_peeling() -> None:
    """The first- and last-word tests only refuse lines that peeling would leave a name in."""
    from transforms.bylines import _peel_affiliation, is_affiliation_only

    def peeled_away(line: str) -> bool:
        name, peeled = _peel_affiliation(line.strip(" ,."))
        return peeled and not name

    for line in ["Associated Press", "The Associated Press", "AP Staff Writer", "Staff Writer,",
                 "For USA TODAY", "Los Angeles Times Staff Writer", "Jane Doe, Associated Press",
                 "Officials told the Associated Press", "the news.", "jane@example.com AP",
                 "https://apnews.com AP", "Reuters Jane", ", .", ""]:  # fmt: skip
        assert is_affiliation_only(line) == peeled_away(line), line
    assert is_affiliation_only("The Associated Press")
    assert not is_affiliation_only("Officials told the Associated Press")


def test_header_byline_names_is_both_header_tests() -> None:
    from transforms.bylines import header_byline_names, names_only, parse_bare_byline

    for line in ["Jane Doe, Associated Press", "Jane Doe and John Roe", "By JANE DOE",
                 "Staff Writer", "The council voted on Tuesday.", "Jane Doe"]:  # fmt: skip
        assert header_byline_names(line) == (parse_bare_byline(line), names_only(line)), line
    assert header_byline_names("Jane Doe, Associated Press") == (["Jane Doe"], None)
    assert header_byline_names("Jane Doe and John Roe") == (None, ["Jane Doe", "John Roe"])
    assert header_byline_names("By JANE DOE") == (["JANE DOE"], ["By JANE DOE"])  # bare wins


def test_source_files_pickle_compactly_and_records_come_back_equal() -> None:
    """The flow sends every SourceFile to a parse process: no field names per object."""
    import pickle

    from flows.landing import ParsedDump, SourceFile
    from transforms.records import Article, Image, RelatedLink

    article = Article(
        article_id="a1", title="T", publisher="AP News", summary=None, authors=["A B"],
        dateline="KYIV, Ukraine", published_at=datetime(2025, 9, 5, 14, 3), updated_at=None,
        published_date=date(2025, 9, 5), published_date_source="explicit", body="Body.",
        paragraph_count=1, word_count=1,
        images=[Image(0, "Caption.", credit="(AP Photo/X Y)", photographer="X Y")],
        links=[RelatedLink(0, "hub", title="Hub", url="https://apnews.com/hub/x")],
    )  # fmt: skip
    dump = ParsedDump(SourceFile("a/b.txt", 10, 20), "ab" * 32, article=article)
    assert pickle.loads(pickle.dumps(dump)) == dump
    data = pickle.dumps([SourceFile("a/b.txt", 10, 20), SourceFile("a/c.txt", 11, 21)])
    assert pickle.loads(data) == [SourceFile("a/b.txt", 10, 20), SourceFile("a/c.txt", 11, 21)]
    for field_name in (b"rel_path", b"size", b"mtime_ns"):
        assert field_name not in data
