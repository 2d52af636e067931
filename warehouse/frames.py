"""A parsed batch in columns: transposed where it is parsed, loaded as Arrow tables.

A parse process turns its batch of parsed dumps into one tuple of values per
column (plus one small tuple per file) before handing it over: columns of
plain values cross processes and become Arrow arrays at C speed, where
records would be unpickled and transposed one object at a time on the one
process every batch passes through (warehouse/load.py).

Which columns a frame has, and where each value comes from, is read from the
column registry (warehouse/columns.py). Neither DuckDB nor pyarrow here:
parse processes import this module, and pyarrow alone would add ~90 MB to each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, NamedTuple, Protocol, get_args

from transforms.records import Article, DateSource, LinkType, Rejection
from warehouse.columns import ARTICLE, IMAGE, RELATED_LINK, Source, Table
from warehouse.timeutil import utc_naive_or_none

LINK_TYPES = frozenset(get_args(LinkType))
DATE_SOURCES = frozenset({None, *get_args(DateSource)})
ARTICLE_ROW = "article_row"  # ties a child row to its article's row in the same batch

Row = tuple[object, ...]
Columns = dict[str, Sequence[object]]
CaptureKey = tuple[int, str]  # (source_mtime_ns, source_path): of two captures the greater wins


class ListedFile(Protocol):
    """A file as the landing folder listed it (flows/landing.SourceFile is one)."""

    @property
    def rel_path(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def mtime_ns(self) -> int: ...


class ReadDump(Protocol):
    """One file read and parsed: exactly one of article / rejection (flows/landing.ParsedDump)."""

    @property
    def source(self) -> ListedFile: ...
    @property
    def content_sha256(self) -> str | None: ...
    @property
    def article(self) -> Article | None: ...
    @property
    def rejection(self) -> Rejection | None: ...


class Lineage(NamedTuple):
    """The values of the registry's Source.FILE columns for one dump, by column name."""

    source_path: str
    content_sha256: str | None
    source_mtime_ns: int


def frame_columns(table: Table) -> tuple[str, ...]:
    """A table's columns as a parse process fills them: parent link, parsed fields, lineage."""
    parent = [c.name for c in table.from_source(Source.PARENT)]
    link = [ARTICLE_ROW] if parent else []
    parsed = [c.name for c in table.from_source(Source.PARSED)]
    return (*link, *parent, *parsed, *(c.name for c in table.from_source(Source.FILE)))


def _getter(names: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """attrgetter that always returns a tuple, even of one name."""
    if len(names) == 1:
        get_one = attrgetter(names[0])
        return lambda obj: (get_one(obj),)
    return attrgetter(*names)


class RowBuilder:
    """Builds one table's frame rows from a record, its parent's row and id, and its lineage."""

    def __init__(self, table: Table) -> None:
        parsed = [c for c in table.columns if c.source is Source.PARSED]
        lineage = [c.name for c in table.from_source(Source.FILE)]
        unknown = set(lineage) - set(Lineage._fields)
        if unknown:
            raise TypeError(f"{table.name}: no lineage value for {sorted(unknown)}")
        self.columns = frame_columns(table)
        self.record = _getter([c.name for c in parsed])
        self.lineage = _getter(lineage)
        # Aware datetimes are stored as naive UTC (TIMESTAMP holds wall time in UTC).
        self.timestamps = [i for i, c in enumerate(parsed) if c.type == "TIMESTAMP"]

    def values(self, record: object) -> tuple[Any, ...]:
        values = self.record(record)
        if self.timestamps:
            values = list(values)
            for i in self.timestamps:
                values[i] = utc_naive_or_none(values[i])
        return tuple(values)


ARTICLE_ROWS = RowBuilder(ARTICLE)
IMAGE_ROWS = RowBuilder(IMAGE)
LINK_ROWS = RowBuilder(RELATED_LINK)
ARTICLE_COLUMNS = ARTICLE_ROWS.columns
IMAGE_COLUMNS = IMAGE_ROWS.columns
LINK_COLUMNS = LINK_ROWS.columns


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


def children(
    builder: RowBuilder, row: int, article_id: str, items: Iterable[object], lineage: Lineage
) -> Iterator[Row]:
    """The frame rows of an article's images or links."""
    tail = builder.lineage(lineage)
    return ((row, article_id, *builder.values(item), *tail) for item in items)


def frames_of(dumps: Sequence[ReadDump]) -> ParsedFrames:
    """The batch as ParsedFrames; the loader's rows, in the frames' column order."""
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
        lineage = Lineage(path, sha, source.mtime_ns)
        files.append(ParsedFile(*head, article_id, row, True))
        articles.append((*ARTICLE_ROWS.values(a), *ARTICLE_ROWS.lineage(lineage)))
        images.extend(children(IMAGE_ROWS, row, article_id, a.images, lineage))
        links.extend(children(LINK_ROWS, row, article_id, a.links, lineage))
    return ParsedFrames(
        files,
        columns_of(articles, ARTICLE_COLUMNS),
        columns_of(images, IMAGE_COLUMNS),
        columns_of(links, LINK_COLUMNS),
    )
