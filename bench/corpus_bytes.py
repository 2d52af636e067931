"""The bytes of one generated file: text encoded as a scraper saved it, or a bad file.

Part of the corpus generator (bench/make_corpus.py, the entry point). It exists
so that encodings (UTF-8, BOM, CRLF, cp1252, Latin-1, gzip) and the files that
are not articles (DATA-CONTRACT §1.2) sit apart from the article text.
"""

from __future__ import annotations

import gzip
import random
from datetime import timedelta

from corpus_shape import MAX_GOOD_BYTES, OVERSIZED_BYTES, START_DATE, Config, Head
from corpus_text import (
    article_text,
    body_paragraphs,
    byline,
    recommendations,
    replaced,
    target_size,
    timestamp_lines,
)
from corpus_titles import Pools, article_head, make_title, person, seeded_pools
from corpus_words import BINARY_MAGIC, COOKIE_SITES, HTML_ERRORS, LATIN1_SAFE, WHITESPACE_ONLY

# ---------------------------------------------------------------------------
# Encoding and bad files


def encode(text: str, encoding: str) -> bytes:
    """The bytes a scraper would have saved for `text` in the given encoding kind."""
    if encoding == "utf8":
        return text.encode("utf-8")
    if encoding == "utf8_bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "cp1252":
        return text.encode("cp1252")
    if encoding == "latin1":
        return replaced(text, LATIN1_SAFE).encode("latin-1")
    if encoding == "gz":
        return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)
    raise ValueError(f"unknown encoding kind {encoding!r}")


def plain_size(data: bytes, encoding: str) -> int:
    return len(gzip.decompress(data)) if encoding == "gz" else len(data)


RECAPTURE_NOTE = "\n\nThis story has been updated."


def article_bytes(cfg: Config, index: int) -> tuple[Head, bytes]:
    """Bytes of the good article at `index` (also what its duplicates copy)."""
    head, rng = article_head(cfg, index)
    return head, fitted_bytes(rng, seeded_pools(cfg.seed), head)


def recaptured_bytes(cfg: Config, source_index: int, head: Head) -> bytes:
    """The article at `source_index` captured again under `head` (its own day and
    encoding): the same story with a line added at its end, so a re-capture (contract
    §2: the same article, maybe edited) and not a byte-identical duplicate."""
    source, rng = article_head(cfg, source_index)
    text = article_text(rng, seeded_pools(cfg.seed), source) + RECAPTURE_NOTE
    return fitted(text, head.encoding)


def fitted_bytes(rng: random.Random, pools: Pools, head: Head) -> bytes:
    """The article encoded (see fitted)."""
    return fitted(article_text(rng, pools, head), head.encoding)


def fitted(text: str, encoding: str) -> bytes:
    """Encode the text; in the rare case multi-byte characters push it over the
    size range, drop trailing blocks until it fits."""
    data = encode(text, encoding)
    while plain_size(data, encoding) > MAX_GOOD_BYTES:
        text = text[: text.rindex("\n\n", 0, len(text) - 1)]
        data = encode(text, encoding)
    return data


def bad_bytes(kind: str, rng: random.Random, pools: Pools, head: Head) -> bytes:
    """A file that is not an article, of one of the contract §1.2 kinds."""
    if kind == "empty":  # zero bytes, or only whitespace
        if rng.random() < 0.6:
            return b""
        return "".join(rng.choices(WHITESPACE_ONLY, k=rng.randint(1, 12))).encode("utf-8")
    if kind == "binary":
        return rng.choice(BINARY_MAGIC) + rng.randbytes(rng.randint(2000, 40000))
    if kind == "no_title":
        return headless(rng, pools, head).encode("utf-8")
    if kind == "recommendations_only":
        return (recommendations(rng, pools, min_cards=5) or "").encode("utf-8")
    if kind == "cookie_wall":
        return cookie_wall(rng).encode("utf-8")
    if kind == "html_error":
        return html_error(rng).encode("utf-8")
    if kind == "oversized":
        return oversized(rng, pools).encode("utf-8")
    raise ValueError(f"unknown bad kind {kind!r}")


def headless(rng: random.Random, pools: Pools, head: Head) -> str:
    """A capture that missed the headline: it opens on the publisher line, or on the
    byline / timestamps above the body."""
    if rng.random() < 0.5:
        return article_text(rng, pools, head).split("\n", 1)[1]
    day = START_DATE + timedelta(days=head.day)
    meta = [b for b in (byline(rng, head.publisher),) if b]
    meta += timestamp_lines(rng, head.publisher, day)
    meta = meta or [f"By {person(rng)}"]
    return "\n\n".join(meta + body_paragraphs(rng, pools, head, day, target_size(rng)))


def cookie_wall(rng: random.Random) -> str:
    site = rng.choice(COOKIE_SITES)
    partners = rng.randint(120, 1600)
    return (
        "We value your privacy\n\n"
        f"We and our {partners:,} partners store and/or access information on a device, such as "
        "cookies, and process personal data, such as unique identifiers and standard information "
        "sent by a device for personalised advertising and content, advertising and content "
        "measurement, audience research and services development.\n\n"
        f"With your permission {site} and our partners may use precise geolocation data and "
        "identification through device scanning. You may click to consent to our and our "
        "partners’ processing as described above. Alternatively you may access more detailed "
        "information and change your preferences before consenting or to refuse consenting.\n\n"
        "Accept all\nReject all\nManage privacy settings\n"
    )


def html_error(rng: random.Random) -> str:
    title, heading, message = rng.choice(HTML_ERRORS)
    ref = rng.getrandbits(48)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<h1>{heading}</h1>\n<p>{message}</p>\n"
        f"<p>Reference #{ref:012x}</p>\n<hr><address>nginx</address>\n</body>\n</html>\n"
    )


def oversized(rng: random.Random, pools: Pools) -> str:
    """An article-looking dump just over the default size limit (a runaway capture)."""
    title, _ = make_title(rng)
    chunk = "\n\n".join(rng.choices(pools.sentences, k=200))
    reps = OVERSIZED_BYTES // len(chunk.encode("utf-8")) + 1
    return f"{title}\nAP News\n\n" + "\n\n".join([chunk] * reps)
