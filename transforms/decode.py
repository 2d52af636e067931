"""Bytes -> clean text: gzip, encoding detection, whitespace normalisation.

Dumps come from scrapers on many machines: UTF-8 with or without BOM,
Windows-1252 or Latin-1 bytes, CRLF line ends, NBSPs, zero-width characters and
gzip. Everything downstream works on one normal form, produced here.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib

from transforms.records import Rejection

GZIP_MAGIC = b"\x1f\x8b"
_READ_CHUNK = 64 * 1024

# C0 control bytes that never occur in text (all but TAB, LF, VT, FF, CR), plus DEL;
# used to spot binary files cheaply.
_CONTROL_BYTES = bytes([b for b in range(0x20) if b not in b"\t\n\v\f\r"]) + b"\x7f"
_BINARY_CONTROL_RATIO = 0.02
# Share of bytes >= 0x80 above which non-UTF-8 data is taken for binary: real
# cp1252/Latin-1 prose has a few percent at most.
_BINARY_HIGH_RATIO = 0.3
_HIGH_BYTES = bytes(range(0x80, 0x100))

# cp1252 maps 0x80-0x9F to printable characters except five undefined bytes,
# which keep their Latin-1 meaning: a per-byte table never fails to decode.
_CP1252_HIGH: dict[int, str] = {}
for _byte in range(0x80, 0xA0):
    try:
        _CP1252_HIGH[_byte] = bytes([_byte]).decode("cp1252")
    except UnicodeDecodeError:
        _CP1252_HIGH[_byte] = chr(_byte)

# Lone surrogates left by "surrogateescape": one per byte that was not UTF-8.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")

# One str.translate table: space characters that are not U+0020 (tab, NBSP, en/em/thin
# spaces, narrow NBSP, ideographic) become a space; zero-width and invisible formatting
# characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, bidi marks) and control
# characters other than LF are dropped; line/paragraph separators become line breaks.
_ODD_SPACES = [0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]
_INVISIBLE = [*range(0x200B, 0x200E), 0x2060, 0xFEFF, 0xAD, 0x200E, 0x200F,
              *range(0x202A, 0x202F), *range(0x2066, 0x206A)]  # fmt: skip
_CONTROLS = [c for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c not in (0x0A, 0x0D)]
_LINE_BREAKS = {0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n\n"}
CLEAN_TABLE: dict[int, str | None] = {
    **dict.fromkeys(_CONTROLS),
    **dict.fromkeys(_INVISIBLE),
    **dict.fromkeys(_ODD_SPACES, " "),
    **_LINE_BREAKS,
}
# Any character of the table above (most dumps have none: skip the slow translate).
_NEEDS_CLEANING = re.compile("[" + "".join(re.escape(chr(c)) for c in CLEAN_TABLE) + "]")
# Runs of spaces inside a line.
_SPACE_RUN = re.compile(" {2,}")
# A line break with a space after it ("\n ") or before it (" \n"). The search skips from one
# "\n" to the next (they are rare) and looks one character either side: several times
# faster than `in` for both pairs, which stops at every space.
_EDGE_SPACE = re.compile(r"\n(?: |(?<= \n))")
# Typical UTF-8-read-as-cp1252 pairs ("â€™", "Ã©", "Â ").
_MOJIBAKE = re.compile(
    "[ÂÃâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def is_gzip(data: bytes) -> bool:
    """True when the bytes start with the gzip magic number."""
    return data[:2] == GZIP_MAGIC


def gunzip_bounded(data: bytes, max_bytes: int) -> bytes | Rejection:
    """Decompress gzip (all members) without ever holding more than max_bytes + 1 of output.

    A gzip bomb must be refused after reading at most the limit, so output is
    pulled with `max_length` instead of decompressing everything first. It is
    pulled in _READ_CHUNK pieces, joined once at the end: one call for up to the
    whole limit grows (and copies) its output buffer again and again, which made
    refusing a bomb half as slow again.
    """
    chunks: list[bytes] = []
    size = 0
    pending = data
    try:
        while True:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            while True:
                limit = min(_READ_CHUNK, max_bytes - size + 1)
                chunk = inflater.decompress(pending, limit)
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    return Rejection(
                        "too_large", f"gzip content exceeds the size limit of {max_bytes} bytes"
                    )
                if inflater.eof:
                    break
                pending = inflater.unconsumed_tail
                if not pending and len(chunk) < limit:  # (a full chunk may have more pending)
                    return Rejection("decode_error", "gzip stream is truncated")
            pending = inflater.unused_data
            if not is_gzip(pending):
                return b"".join(chunks)  # trailing padding or garbage after the last member
    except zlib.error as exc:
        return Rejection("decode_error", f"corrupt gzip data: {exc}")


def _bytes_to_str(data: bytes) -> str | Rejection:
    """Strict UTF-8 first; bytes that are not UTF-8 are read as cp1252 (Latin-1 where undefined)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return Rejection("decode_error", f"invalid UTF-16 text: {exc.reason}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high / len(data) > _BINARY_HIGH_RATIO:
        return Rejection(
            "binary", f"not a text file: {high} of {len(data)} bytes are neither ASCII nor UTF-8"
        )
    mixed = data.decode("utf-8", "surrogateescape")
    return _ESCAPED_BYTE.sub(lambda m: _single_byte_char(ord(m.group()) - 0xDC00), mixed)


def _single_byte_char(byte: int) -> str:
    """The cp1252 reading of one byte, Latin-1 for the bytes cp1252 leaves undefined."""
    return _CP1252_HIGH.get(byte, chr(byte))


def _looks_binary(data: bytes) -> str | None:
    """A reason string when the bytes are not text (NUL bytes or many control bytes)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in data:
        return "contains NUL bytes"
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls and controls / len(sample) > _BINARY_CONTROL_RATIO:
        return f"{controls} control bytes in the first {len(sample)} bytes"
    return None


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as cp1252 and saved again ("â€™" -> "’"), when it round-trips."""
    if "Â" not in text and "Ã" not in text and "â" not in text:
        return text
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def clean_characters(text: str) -> str:
    """text.translate(CLEAN_TABLE), faster: one replace per distinct character found.

    (str.translate walks every character through a dict; a dump holds a few odd ones,
    most dumps no others than NBSPs. str.isprintable, false for every character of
    the table, scans twice as fast as the pattern and settles those dumps.)
    """
    if "\xa0" in text:
        text = text.replace("\xa0", " ")  # the one most dumps hold
    if text.replace("\n", " ").isprintable():  # (same length: faster than deleting the breaks)
        return text  # every character of CLEAN_TABLE is unprintable (U+00A0 included)
    for char in set(_NEEDS_CLEANING.findall(text)):
        text = text.replace(char, CLEAN_TABLE[ord(char)] or "")
    return text


def normalize_text(text: str) -> str:
    """One normal form: LF line ends, plain spaces, no invisible characters, NFC, trimmed lines.

    Idempotent, so parse_text can apply it to text that decode_text already cleaned.
    """
    return normalize_text_spacing(text)[0]


def normalize_text_spacing(text: str) -> tuple[str, bool]:
    """normalize_text(text), and True when the result certainly holds no whitespace other
    than spaces and line breaks (False: it may, look).

    CLEAN_TABLE turns every other whitespace character into one of those two, and
    NFC makes no whitespace of other characters; only a mojibake repair can bring
    some back ("â€¯" -> U+202F). Saves the parser a scan of the whole text.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = clean_characters(text)
    cleaned = text
    text = _repair_mojibake(text)
    plain_spaced = text is cleaned
    text = unicodedata.normalize("NFC", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if _has_edge_spaces(text):
        text = "\n".join([line.strip(" ") for line in text.split("\n")])
    return text.strip(), plain_spaced


def _has_edge_spaces(text: str) -> bool:
    """Some line starts or ends with a space (else stripping every line changes nothing)."""
    return text.startswith(" ") or text.endswith(" ") or _EDGE_SPACE.search(text) is not None


def decode_text(data: bytes) -> str | Rejection:
    """Decode a dump's bytes into normalised text, or say why they are not text."""
    decoded = decode_text_spacing(data)
    return decoded if isinstance(decoded, Rejection) else decoded[0]


def decode_text_spacing(data: bytes) -> tuple[str, bool] | Rejection:
    """decode_text(data), with normalize_text_spacing's plain-spaced flag."""
    if not data.strip():
        return Rejection("empty", "the file is empty or holds only whitespace")
    binary = _looks_binary(data)
    if binary is not None:
        return Rejection("binary", f"not a text file: {binary}")
    raw = _bytes_to_str(data)
    if isinstance(raw, Rejection):
        return raw
    text, plain_spaced = normalize_text_spacing(raw)
    if not text.strip():
        return Rejection("empty", "the file holds no visible text")
    return text, plain_spaced
