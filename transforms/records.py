"""What the parser returns: an Article (with its Images and RelatedLinks) or a Rejection.

Field names are the column names of DATA-CONTRACT.md §2, so a reader goes from
a column to the code that fills it by name; warehouse/columns.py declares
which columns come from these fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

RejectReason = Literal[
    "empty",
    "binary",
    "no_title",
    "not_an_article",
    "too_large",
    "decode_error",
    "parse_error",
    "read_error",
    "outside_landing",  # reached through a symbolic link that leaves the landing folder
]
LinkType = Literal["recommended", "hub", "inline"]
DateSource = Literal["explicit", "caption"]
SourceFormat = Literal["text", "html"]


@dataclass(slots=True)
class Image:
    """One photo caption (table `image`)."""

    position: int
    caption: str
    credit: str | None = None
    photographer: str | None = None
    organization: str | None = None
    distributor: str | None = None
    is_file_photo: bool = False
    is_handout: bool = False
    photo_date: date | None = None


@dataclass(slots=True)
class RelatedLink:
    """One link out of the article (table `related_link`)."""

    position: int
    link_type: LinkType
    title: str | None = None
    publisher: str | None = None
    category: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Article:
    """One parsed article (table `article`) with its children.

    Lineage columns (source_path, content_sha256, run_id) are not parser
    output: the loader adds them from the `SourceFile` the text came from.
    """

    article_id: str
    title: str
    publisher: str | None
    summary: str | None
    authors: list[str]
    dateline: str | None
    published_at: datetime | None
    updated_at: datetime | None
    published_date: date | None
    published_date_source: DateSource | None
    body: str
    paragraph_count: int
    word_count: int
    images: list[Image] = field(default_factory=list)
    links: list[RelatedLink] = field(default_factory=list)
    url: str | None = None  # the canonical URL the dump states (HTML), else None
    source_format: SourceFormat = "text"


@dataclass(slots=True, frozen=True)
class Rejection:
    """Why a dump is not an article; becomes a `quarantine` row."""

    reason: RejectReason
    detail: str
