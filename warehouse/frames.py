"""A parsed batch in columns: transposed where it is parsed, loaded as Arrow tables.

A parse process turns its batch of ParsedDump records into a few columns (one
tuple of values per contract column) plus one small tuple per file before
handing it over. Unpickling ~100 record objects per dump (a class call each)
and transposing them into columns used to take ~35% of the flow process's CPU
on a 100k-dump run, on the one process every batch passes through; columns of
plain values unpickle at C speed, and the loader makes each an Arrow array in
one call (warehouse/load.py).

Neither DuckDB nor pyarrow here: parse processes import this module, and
pyarrow alone would add ~90 MB to each of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from transforms.records import Article, ParsedDump
from warehouse.timeutil import utc_naive_or_none

LINK_TYPES = frozenset({"recommended", "hub", "inline"})
DATE_SOURCES = frozenset({None, "explicit", "caption"})

# The contract tables' columns that the parse gives, in the order frames_of
# fills them. The run's lineage columns (run_id, loaded_at) are added by the
# loader's INSERT; `article_row` ties a child to its article's row in the same
# batch (the loader keeps the children of the captures that win, then drops it).
ARTICLE_COLUMNS = (
    "article_id", "title", "publisher", "summary", "authors", "dateline", "published_at",
    "updated_at", "published_date", "published_date_source", "body", "paragraph_count",
    "word_count", "source_path", "content_sha256", "source_mtime_ns",
)  # fmt: skip
IMAGE_COLUMNS = (
    "article_row", "article_id", "position", "caption", "credit", "photographer",
    "organization", "distributor", "is_file_photo", "is_handout", "photo_date", "source_path",
)  # fmt: skip
LINK_COLUMNS = (
    "article_row", "article_id", "position", "link_type", "title", "publisher", "category",
    "url", "source_path",
)  # fmt: skip

Row = tuple[object, ...]
Columns = dict[str, Sequence[object]]
CaptureKey = tuple[int, str]  # (source_mtime_ns, source_path): of two captures the greater wins


class ParsedFile(NamedTuple):
    """One file of the batch, as far as the loader's decisions need it.

    `article_row` is the file's row in ParsedFrames.articles, or -1 when the
    file is to be quarantined for `reason` / `detail`. `parsed` says whether
    the parser returned an article at all (an invalid one is quarantined too,
    but is not "the same refusal as last time").
    """

    path: str
    size: int
    mtime_ns: int
    content_sha256: str | None
    article_id: str | None
    article_row: int
    parsed: bool
    reason: str | None = None
    detail: str | None = None

    @property
    def capture_key(self) -> CaptureKey:
        return (self.mtime_ns, self.path)


@dataclass(slots=True)
class ParsedFrames:
    """A parsed batch: every file in input order, and the rows of its loadable articles."""

    files: list[ParsedFile]
    articles: Columns  # ARTICLE_COLUMNS; row i is the file whose article_row is i
    images: Columns  # IMAGE_COLUMNS
    links: Columns  # LINK_COLUMNS

    def __len__(self) -> int:
        return len(self.files)


def columns_of(rows: Sequence[Row], names: Sequence[str]) -> Columns:
    """Row tuples transposed into one tuple of values per column name."""
    columns = zip(*rows, strict=True) if rows else [() for _ in names]
    return dict(zip(names, columns, strict=True))


def invalid_article_detail(article: Article) -> str | None:
    """Why the article would break a constraint: quarantined rather than failing the batch."""
    if not article.article_id or not article.title:
        return "parser returned an article without article_id or title"
    if article.published_date_source not in DATE_SOURCES:
        return f"unknown published_date_source {article.published_date_source!r}"
    image_positions = [image.position for image in article.images]
    if len(set(image_positions)) != len(image_positions) or min(image_positions, default=0) < 0:
        return f"image positions are not distinct and >= 0: {image_positions}"
    link_positions = [link.position for link in article.links]
    if len(set(link_positions)) != len(link_positions) or min(link_positions, default=0) < 0:
        return f"link positions are not distinct and >= 0: {link_positions}"
    bad_types = sorted({link.link_type for link in article.links} - LINK_TYPES)
    if bad_types:
        return f"unknown link_type {bad_types}"
    return None


def frames_of(dumps: Sequence[ParsedDump]) -> ParsedFrames:
    """The batch as ParsedFrames; the loader's rows, in the loader's column order."""
    files: list[ParsedFile] = []
    articles: list[Row] = []
    images: list[Row] = []
    links: list[Row] = []
    for dump in dumps:
        source, sha, a = dump.source, dump.content_sha256, dump.article
        path = source.rel_path
        head = (path, source.size, source.mtime_ns, sha)
        if dump.rejection is not None or a is None:
            rejection = dump.rejection
            reason = rejection.reason if rejection else "parse_error"
            detail = rejection.detail if rejection else "no article and no rejection"
            files.append(ParsedFile(*head, None, -1, a is not None, reason, detail))
            continue
        invalid = invalid_article_detail(a)
        if invalid is not None:
            files.append(ParsedFile(*head, a.article_id, -1, True, "parse_error", invalid))
            continue
        row = len(articles)
        article_id = a.article_id
        files.append(ParsedFile(*head, article_id, row, True))
        articles.append(
            (
                article_id, a.title, a.publisher, a.summary, a.authors, a.dateline,
                utc_naive_or_none(a.published_at), utc_naive_or_none(a.updated_at),
                a.published_date, a.published_date_source, a.body, a.paragraph_count,
                a.word_count, path, sha, source.mtime_ns,
            )
        )  # fmt: skip
        images.extend(
            (
                row, article_id, i.position, i.caption, i.credit, i.photographer,
                i.organization, i.distributor, i.is_file_photo, i.is_handout, i.photo_date, path,
            )
            for i in a.images
        )  # fmt: skip
        links.extend(
            (row, article_id, k.position, k.link_type, k.title, k.publisher, k.category, k.url,
             path)
            for k in a.links
        )  # fmt: skip
    return ParsedFrames(
        files,
        columns_of(articles, ARTICLE_COLUMNS),
        columns_of(images, IMAGE_COLUMNS),
        columns_of(links, LINK_COLUMNS),
    )
