"""Loading a batch of parsed dumps: one transaction, set-based statements only.

Why one transaction per batch: an article lands together with its images and
links and with the source_file/quarantine rows of the whole batch, so a kill
at any moment leaves all of the batch or none of it, and re-running it is safe.

Decisions are made in Python against the warehouse state (read inside the same
transaction) plus the earlier items of the batch; the writes are then a fixed
handful of INSERT ... SELECT / DELETE ... IN (SELECT ...) statements over
registered Arrow tables, never one statement per row.

Which capture of an article wins is decided by (source_mtime_ns, source_path):
the greatest pair wins, whether it arrives first or last, in one batch or in
two, before or after a crash, so the final state does not depend on order.

Crash tests stop a load at the fault points of warehouse/faults.py
(article rows written / all written but not committed / committed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pyarrow as pa

from transforms.records import Article, Image, ParsedDump, RelatedLink
from warehouse.faults import fault_point
from warehouse.statements import statement
from warehouse.timeutil import utc_naive, utc_naive_or_none

LINK_TYPES = frozenset({"recommended", "hub", "inline"})
DATE_SOURCES = frozenset({None, "explicit", "caption"})

BATCH_KEYS_SCHEMA = pa.schema(
    [("path", pa.string()), ("content_sha256", pa.string()), ("article_id", pa.string())]
)
ARTICLE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("title", pa.string()),
        ("publisher", pa.string()),
        ("summary", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("dateline", pa.string()),
        ("published_at", pa.timestamp("us")),
        ("updated_at", pa.timestamp("us")),
        ("published_date", pa.date32()),
        ("published_date_source", pa.string()),
        ("body", pa.string()),
        ("paragraph_count", pa.int32()),
        ("word_count", pa.int32()),
        ("source_path", pa.string()),
        ("content_sha256", pa.string()),
        ("run_id", pa.string()),
        ("source_mtime_ns", pa.int64()),
        ("loaded_at", pa.timestamp("us")),
    ]
)
IMAGE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("position", pa.int32()),
        ("caption", pa.string()),
        ("credit", pa.string()),
        ("photographer", pa.string()),
        ("organization", pa.string()),
        ("distributor", pa.string()),
        ("is_file_photo", pa.bool_()),
        ("is_handout", pa.bool_()),
        ("photo_date", pa.date32()),
        ("source_path", pa.string()),
        ("run_id", pa.string()),
    ]
)
LINK_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("position", pa.int32()),
        ("link_type", pa.string()),
        ("title", pa.string()),
        ("publisher", pa.string()),
        ("category", pa.string()),
        ("url", pa.string()),
        ("source_path", pa.string()),
        ("run_id", pa.string()),
    ]
)
SOURCE_FILE_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("size", pa.int64()),
        ("content_sha256", pa.string()),
        ("first_seen_at", pa.timestamp("us")),
        ("last_seen_at", pa.timestamp("us")),
        ("status", pa.string()),
        ("article_id", pa.string()),
        ("run_id", pa.string()),
        ("mtime_ns", pa.int64()),
        ("last_seen_run_id", pa.string()),
    ]
)
QUARANTINE_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("content_sha256", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("run_id", pa.string()),
        ("quarantined_at", pa.timestamp("us")),
    ]
)
PATHS_SCHEMA = pa.schema([("path", pa.string())])
IDS_SCHEMA = pa.schema([("article_id", pa.string())])

Row = tuple[object, ...]
CaptureKey = tuple[int, str]  # (source_mtime_ns, source_path): greater wins


@dataclass(slots=True)
class BatchCounts:
    """Per-file outcomes (they add up to the batch size) and rows written."""

    loaded: int = 0
    unchanged: int = 0
    duplicate: int = 0
    quarantined: int = 0
    articles_upserted: int = 0
    images: int = 0
    related_links: int = 0

    @property
    def files(self) -> int:
        return self.loaded + self.unchanged + self.duplicate + self.quarantined


@dataclass(slots=True)
class FileState:
    """A source_file row as far as the decisions need it."""

    content_sha256: str | None
    status: str
    article_id: str | None
    run_id: str | None


@dataclass(slots=True)
class WarehouseState:
    """The part of the warehouse a batch's decisions depend on."""

    files: dict[str, FileState] = field(default_factory=dict)
    loaded_by_sha: dict[str, dict[str, str | None]] = field(default_factory=dict)
    captures: dict[str, CaptureKey] = field(default_factory=dict)


@dataclass(slots=True)
class BatchPlan:
    """The rows a batch writes, final state per path (the last item for a path wins)."""

    counts: BatchCounts = field(default_factory=BatchCounts)
    source_files: dict[str, Row] = field(default_factory=dict)
    quarantine: dict[str, Row | None] = field(default_factory=dict)  # None: clear
    winners: dict[str, ParsedDump] = field(default_factory=dict)  # by article_id
    # Re-parse only: ids an older parser gave to bytes that now parse to another id.
    retired: set[str] = field(default_factory=set)


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


def capture_key(dump: ParsedDump) -> CaptureKey:
    return (dump.source.mtime_ns, dump.source.rel_path)


def table_of(rows: Sequence[Row], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    arrays = [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def batch_keys(parsed: Sequence[ParsedDump]) -> pa.Table:
    rows = [
        (d.source.rel_path, d.content_sha256, d.article.article_id if d.article else None)
        for d in parsed
    ]
    return table_of(rows, BATCH_KEYS_SCHEMA)


def read_state(con: duckdb.DuckDBPyConnection, parsed: Sequence[ParsedDump]) -> WarehouseState:
    """Three set-based reads: prior rows of the batch's paths, loaded twins, stored captures."""
    state = WarehouseState()
    con.register("batch_keys", batch_keys(parsed))
    try:
        for path, sha, status, article_id, run_id in con.execute(
            statement("load_prior_files")
        ).fetchall():
            state.files[path] = FileState(sha, status, article_id, run_id)
        for sha, path, article_id in con.execute(statement("load_loaded_by_sha")).fetchall():
            state.loaded_by_sha.setdefault(sha, {})[path] = article_id
        stored = con.execute(statement("load_stored_captures")).fetchall()
        for article_id, mtime_ns, path in stored:
            state.captures[article_id] = (-1 if mtime_ns is None else mtime_ns, path or "")
    finally:
        con.unregister("batch_keys")
    return state


@dataclass(slots=True)
class Planner:
    """Decides each file's outcome in batch order, updating `state` as it goes."""

    run_id: str
    now: datetime
    state: WarehouseState
    reparse: bool = False
    plan: BatchPlan = field(default_factory=BatchPlan)

    def record(
        self, dump: ParsedDump, status: str, article_id: str | None, by_run: str | None
    ) -> None:
        path, sha = dump.source.rel_path, dump.content_sha256
        self.plan.source_files[path] = (
            path, dump.source.size, sha, self.now, self.now, status, article_id, by_run,
            dump.source.mtime_ns, self.run_id,
        )  # fmt: skip
        self.state.files[path] = FileState(sha, status, article_id, by_run)

    def is_unchanged(self, before: FileState | None, dump: ParsedDump) -> bool:
        """Same bytes as last time keep their outcome, except a quarantined file that now parses.

        That exception is how a file refused under a lower --max-bytes (or by
        an older parser, with --full-refresh) gets loaded once it is acceptable.
        When re-parsing (--full-refresh), a loaded file is loaded again so its
        rows follow the current parser; if the current parser refuses bytes an
        older one accepted, the stored article stays (nothing is lost).
        """
        if before is None or dump.content_sha256 is None:
            return False
        if before.content_sha256 != dump.content_sha256:
            return False
        if dump.article is None:
            return True
        if before.status == "quarantined":
            return False
        return not (self.reparse and before.status == "loaded")

    def add(self, dump: ParsedDump) -> None:
        path, sha = dump.source.rel_path, dump.content_sha256
        counts, state = self.plan.counts, self.state
        before = state.files.get(path)
        if self.is_unchanged(before, dump):
            assert before is not None
            counts.unchanged += 1
            self.record(dump, before.status, before.article_id, before.run_id)
            return
        if before is not None and before.status == "loaded" and before.content_sha256:
            # The path no longer carries its old bytes, so it is no longer their loaded copy.
            state.loaded_by_sha.get(before.content_sha256, {}).pop(path, None)

        article, rejection = dump.article, dump.rejection
        invalid = None if rejection or article is None else invalid_article_detail(article)
        if rejection is not None or article is None or invalid is not None:
            reason = rejection.reason if rejection else "parse_error"
            detail = rejection.detail if rejection else (invalid or "no article and no rejection")
            counts.quarantined += 1
            self.record(dump, "quarantined", None, self.run_id)
            self.plan.quarantine[path] = (path, sha, reason, detail, self.run_id, self.now)
            return

        self.plan.quarantine[path] = None
        twins = {p: a for p, a in state.loaded_by_sha.get(sha or "", {}).items() if p != path}
        if sha is not None and twins:
            counts.duplicate += 1
            self.record(dump, "duplicate", twins[min(twins)], self.run_id)
            return

        counts.loaded += 1
        if (
            self.reparse
            and before is not None
            and before.status == "loaded"
            and before.content_sha256 == sha
            and before.article_id not in (None, article.article_id)
        ):
            self.plan.retired.add(before.article_id)
        self.record(dump, "loaded", article.article_id, self.run_id)
        if sha is not None:
            state.loaded_by_sha.setdefault(sha, {})[path] = article.article_id
        stored = state.captures.get(article.article_id)
        # The newer capture wins; a path read again replaces its own earlier reading
        # (those bytes are gone), whatever its mtime now says.
        if stored is None or stored[1] == path or capture_key(dump) >= stored:
            state.captures[article.article_id] = capture_key(dump)
            self.plan.winners[article.article_id] = dump


def plan_batch(
    parsed: Sequence[ParsedDump],
    run_id: str,
    now: datetime,
    state: WarehouseState,
    reparse: bool = False,
) -> BatchPlan:
    """Each file's outcome against the warehouse `state` and the earlier files of the batch."""
    planner = Planner(run_id, now, state, reparse)
    for dump in parsed:
        planner.add(dump)
    planner.plan.counts.articles_upserted = len(planner.plan.winners)
    return planner.plan


def article_row(dump: ParsedDump, run_id: str, now: datetime) -> Row:
    a = dump.article
    assert a is not None
    return (
        a.article_id, a.title, a.publisher, a.summary, list(a.authors), a.dateline,
        utc_naive_or_none(a.published_at), utc_naive_or_none(a.updated_at), a.published_date,
        a.published_date_source, a.body, a.paragraph_count, a.word_count,
        dump.source.rel_path, dump.content_sha256, run_id, dump.source.mtime_ns, now,
    )  # fmt: skip


def image_row(article_id: str, i: Image, path: str, run_id: str) -> Row:
    return (
        article_id, i.position, i.caption, i.credit, i.photographer, i.organization,
        i.distributor, i.is_file_photo, i.is_handout, i.photo_date, path, run_id,
    )  # fmt: skip


def link_row(article_id: str, k: RelatedLink, path: str, run_id: str) -> Row:
    return (
        article_id, k.position, k.link_type, k.title, k.publisher, k.category, k.url,
        path, run_id,
    )  # fmt: skip


def child_tables(winners: Sequence[ParsedDump], run_id: str) -> tuple[pa.Table, pa.Table]:
    images: list[Row] = []
    links: list[Row] = []
    for dump in winners:
        a = dump.article
        assert a is not None
        path = dump.source.rel_path
        images.extend(image_row(a.article_id, i, path, run_id) for i in a.images)
        links.extend(link_row(a.article_id, k, path, run_id) for k in a.links)
    return table_of(images, IMAGE_SCHEMA), table_of(links, LINK_SCHEMA)


def run_with(con: duckdb.DuckDBPyConnection, name: str, tables: dict[str, pa.Table]) -> None:
    """Execute sql/statements/<name>.sql with Arrow tables registered under their names."""
    for table_name, table in tables.items():
        con.register(table_name, table)
    try:
        con.execute(statement(name))
    finally:
        for table_name in tables:
            con.unregister(table_name)


def write_articles(
    con: duckdb.DuckDBPyConnection,
    plan: BatchPlan,
    run_id: str,
    now: datetime,
    stored_ids: frozenset[str],
) -> None:
    """Replace re-captured articles with their children; `stored_ids`: ids in the warehouse.

    Only ids already stored are deleted: a batch of new articles runs no
    DELETE at all (each one scans its whole table, ever longer as it grows).
    """
    winners = list(plan.winners.values())
    if not winners:
        return
    articles = table_of([article_row(d, run_id, now) for d in winners], ARTICLE_SCHEMA)
    images, links = child_tables(winners, run_id)
    replaced = [(article_id,) for article_id in plan.winners if article_id in stored_ids]
    if replaced:
        old = {"replaced_article": table_of(replaced, IDS_SCHEMA)}
        run_with(con, "load_delete_images", old)
        run_with(con, "load_delete_links", old)
        run_with(con, "load_delete_articles", old)
    run_with(con, "load_insert_articles", {"incoming_article": articles})
    fault_point("load:after_articles")
    if images.num_rows:
        run_with(con, "load_insert_images", {"incoming_image": images})
    if links.num_rows:
        run_with(con, "load_insert_links", {"incoming_link": links})
    plan.counts.images = images.num_rows
    plan.counts.related_links = links.num_rows


def write_bookkeeping(con: duckdb.DuckDBPyConnection, plan: BatchPlan) -> None:
    if plan.source_files:
        files = table_of(list(plan.source_files.values()), SOURCE_FILE_SCHEMA)
        run_with(con, "load_upsert_source_files", {"incoming_source_file": files})
    upserts = [row for row in plan.quarantine.values() if row is not None]
    if upserts:
        table = table_of(upserts, QUARANTINE_SCHEMA)
        run_with(con, "load_upsert_quarantine", {"incoming_quarantine": table})
    cleared = [(path,) for path, row in plan.quarantine.items() if row is None]
    if cleared:
        table = table_of(cleared, PATHS_SCHEMA)
        run_with(con, "load_clear_quarantine", {"incoming_cleared": table})


def load_batch(
    con: duckdb.DuckDBPyConnection,
    parsed: list[ParsedDump],
    run_id: str,
    now: datetime,
    reparse: bool = False,
) -> BatchCounts:
    """Write one batch in one transaction; re-running the same batch changes nothing.

    `reparse` (--full-refresh): files already loaded from the same bytes are
    loaded again, so a parser upgrade reaches the stored rows.
    """
    now = utc_naive(now)
    con.begin()
    try:
        state = read_state(con, parsed)
        stored_ids = frozenset(state.captures)  # before plan_batch adds this batch's
        plan = plan_batch(parsed, run_id, now, state, reparse)
        write_articles(con, plan, run_id, now, stored_ids)
        write_bookkeeping(con, plan)
        if plan.retired:
            retired = table_of([(i,) for i in sorted(plan.retired)], IDS_SCHEMA)
            run_with(con, "load_delete_retired_articles", {"retired_article": retired})
        fault_point("load:before_commit")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    fault_point("load:after_commit")
    return plan.counts
