"""Unit tests of the parser: decoding."""

from __future__ import annotations

import gzip
import zlib

import pytest

from transforms import (
    Article,
    Rejection,
    decode_text,
    gunzip_bounded,
    is_gzip,
    parse_dump,
)


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
