"""Bytes -> is this an HTML document, and in which encoding: what the HTML reader needs first.

Detection is by content, never by file name (contract §1.4): scrapers save pages as
`.html`, `.htm`, `.html.gz`, `.txt` or without any extension. A dump is an HTML
document when, after an optional byte-order mark, whitespace, comments and an XML
declaration, it opens with `<!doctype html`, `<html` or `<head` (HTML lets a
document leave its `<html>` tag out, and `document.documentElement.outerHTML` saves
start at `<html`). Nothing else counts: a text capture that merely holds a tag (an
article quoting `<div>`, a stray `<br>`) is text, and a bare fragment (`<div>...`)
is no document.

Encoding: a byte-order mark decides; else bytes that are valid UTF-8 are UTF-8
(a page's `<meta charset>` is wrong more often than non-ASCII bytes are valid UTF-8
by chance); else the charset the page declares, when Python knows it; else
Windows-1252 (what browsers read `iso-8859-1` and undeclared Western pages as).
The reader always hands lxml UTF-8 bytes with the encoding fixed, so libxml2 never
guesses (it reads undeclared bytes as Latin-1, which garbles every UTF-8 page
without a `<meta charset>`).
"""

from __future__ import annotations

import codecs
import re

from transforms.decode import GZIP_MAGIC

_SNIFF_BYTES = 4096  # a document's opening tag comes within this many bytes (comments aside)
_CHARSET_BYTES = 8192  # `<meta charset>` must come in the first 1024 bytes; allow for sloppiness

# The start of a document: leading whitespace, comments and an XML declaration, then
# `<!doctype html`, `<html` or `<head` as a whole tag name ("<!DOCTYPE html>", "<html lang=en>",
# "<!-- saved --> <HTML>"; not "<htmlfoo>", "<header>", "<div>").
_DOCUMENT_START = re.compile(
    rb"(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head)(?=[\s>/])",
    re.IGNORECASE | re.DOTALL,
)
# A declared charset: `<meta charset="utf-8">`, `<meta http-equiv="Content-Type"
# content="text/html; charset=ISO-8859-1">`, `<?xml version="1.0" encoding="...">`.
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
# Labels that the web reads as Windows-1252 (WHATWG Encoding: the "windows-1252" labels).
_WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819",
     "iso_8859-1", "ibm819", "x-cp1252", "windows-1252", "cp1252"}
)  # fmt: skip
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_html_document(data: bytes) -> bool:
    """The bytes (already gunzipped) are an HTML document, by the rule of the module docstring."""
    if data[:2] == GZIP_MAGIC:
        return False  # (parse_dump gunzips first; a gzip stream inside is binary)
    if data.startswith(_UTF16_BOMS):
        head = data[: _SNIFF_BYTES * 2].decode("utf-16", "replace").encode("utf-8")
    else:
        head = data[:_SNIFF_BYTES].removeprefix(codecs.BOM_UTF8)
    return _DOCUMENT_START.match(head) is not None


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset the page declares, or None (none, or unknown)."""
    found = _DECLARED_CHARSET.search(data[:_CHARSET_BYTES])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def html_utf8(data: bytes) -> bytes:
    """The document as UTF-8 bytes (no BOM), decoded by the rule of the module docstring.

    Never fails: undecodable bytes of a declared charset become U+FFFD, and cp1252
    reading falls back to Latin-1 for its five undefined bytes.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", "replace").encode("utf-8")
    if data.isascii():
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return data
    charset = declared_charset(data)
    if charset is not None and charset != "utf-8":
        return data.decode(charset, "replace").encode("utf-8")
    return data.decode("latin-1").translate(_LATIN1_TO_CP1252).encode("utf-8")


def _cp1252_table() -> dict[int, str]:
    """Latin-1 code points 0x80-0x9F -> the cp1252 characters of those bytes (five bytes
    cp1252 leaves undefined keep their Latin-1 meaning, so no byte fails)."""
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_LATIN1_TO_CP1252 = _cp1252_table()
