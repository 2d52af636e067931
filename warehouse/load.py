"""Loading a batch of parsed dumps: one transaction, set-based statements only.

Why one transaction per batch: an article lands together with its images and
links and with the source_file/quarantine rows of the whole batch, so a kill
at any moment leaves all of the batch or none of it, and re-running it is safe.

Decisions are made in Python against the warehouse state (read inside the same
transaction) plus the earlier items of the batch; the writes are then a fixed
handful of INSERT ... SELECT / DELETE ... IN (SELECT ...) statements over
registered Arrow tables, never one statement per row. The rows come as
columns (warehouse/frames.py, built in the parse processes); the loader makes
each column an Arrow array, takes the winning captures' rows by position and
stamps the run on them in the INSERT.

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
import pyarrow.compute as pc

from warehouse.arrow import (
    ARTICLE_FRAME_SCHEMA,
    BATCH_KEYS_SCHEMA,
    IDS_SCHEMA,
    IMAGE_FRAME_SCHEMA,
    LINK_FRAME_SCHEMA,
    PATHS_SCHEMA,
    QUARANTINE_SCHEMA,
    SOURCE_FILE_SCHEMA,
    arrow_table,
    table_of,
)
from warehouse.faults import fault_point
from warehouse.frames import (
    CaptureKey,
    Columns,
    ParsedFile,
    ParsedFrames,
    ReadDump,
    Row,
    frames_of,
)
from warehouse.recapture import identity, stem
from warehouse.statements import statement
from warehouse.timeutil import utc_naive


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
    bodies: dict[str, str] = field(default_factory=dict)  # article_id -> its stored body
    families: dict[str, list[str]] = field(default_factory=dict)  # id stem -> known ids

    def known(self, article_id: str, capture: CaptureKey, body: str) -> None:
        """An article the warehouse (or this batch) holds under `article_id`."""
        self.captures[article_id] = capture
        self.bodies[article_id] = body
        family = self.families.setdefault(stem(article_id), [])
        if article_id not in family:
            # the parser's own id first: a new capture is compared with it first
            family.insert(0 if article_id == stem(article_id) else len(family), article_id)


@dataclass(slots=True)
class BatchPlan:
    """The rows a batch writes, final state per path (the last item for a path wins)."""

    counts: BatchCounts = field(default_factory=BatchCounts)
    source_files: dict[str, Row] = field(default_factory=dict)
    quarantine: dict[str, Row | None] = field(default_factory=dict)  # None: clear
    winners: dict[str, int] = field(default_factory=dict)  # article_id -> its article_row
    # Re-parse only: ids an older parser gave to bytes that now parse to another id.
    retired: set[str] = field(default_factory=set)
    # article_row -> the id it is stored under when it is not the parser's (recapture.py)
    renamed: dict[int, str] = field(default_factory=dict)


def batch_keys(files: Sequence[ParsedFile]) -> pa.Table:
    rows = [(f.path, f.content_sha256, f.article_id if f.article_row >= 0 else None) for f in files]
    return table_of(rows, BATCH_KEYS_SCHEMA)


def read_state(con: duckdb.DuckDBPyConnection, files: Sequence[ParsedFile]) -> WarehouseState:
    """Three set-based reads: prior rows of the batch's paths, loaded twins, stored captures."""
    state = WarehouseState()
    con.register("batch_keys", batch_keys(files))
    try:
        for path, sha, status, article_id, run_id in con.execute(
            statement("load_prior_files")
        ).fetchall():
            state.files[path] = FileState(sha, status, article_id, run_id)
        for sha, path, article_id in con.execute(statement("load_loaded_by_sha")).fetchall():
            state.loaded_by_sha.setdefault(sha, {})[path] = article_id
        stored = con.execute(statement("load_stored_captures")).fetchall()
        for article_id, mtime_ns, path, body in stored:
            state.known(article_id, (-1 if mtime_ns is None else mtime_ns, path or ""), body or "")
    finally:
        con.unregister("batch_keys")
    return state


@dataclass(slots=True)
class Planner:
    """Decides each file's outcome in batch order, updating `state` as it goes."""

    run_id: str
    now: datetime
    state: WarehouseState
    bodies: Sequence[object]  # the batch's article bodies, by article_row
    reparse: bool = False
    plan: BatchPlan = field(default_factory=BatchPlan)

    def record(
        self, file: ParsedFile, status: str, article_id: str | None, by_run: str | None
    ) -> None:
        path, sha = file.path, file.content_sha256
        self.plan.source_files[path] = (
            path, file.size, sha, self.now, self.now, status, article_id, by_run,
            file.mtime_ns, self.run_id,
        )  # fmt: skip
        self.state.files[path] = FileState(sha, status, article_id, by_run)

    def is_unchanged(self, before: FileState | None, file: ParsedFile) -> bool:
        """Same bytes as last time keep their outcome, except a quarantined file that now parses.

        That exception is how a file refused under a lower --max-bytes (or by
        an older parser, with --full-refresh) gets loaded once it is acceptable.
        When re-parsing (--full-refresh), a loaded file is loaded again so its
        rows follow the current parser; if the current parser refuses bytes an
        older one accepted, the stored article stays (nothing is lost).
        """
        if before is None or file.content_sha256 is None:
            return False
        if before.content_sha256 != file.content_sha256:
            return False
        if not file.parsed:
            return True
        if before.status == "quarantined":
            return False
        return not (self.reparse and before.status == "loaded")

    def add(self, file: ParsedFile) -> None:
        path, sha = file.path, file.content_sha256
        counts, state = self.plan.counts, self.state
        before = state.files.get(path)
        if self.is_unchanged(before, file):
            assert before is not None
            counts.unchanged += 1
            self.record(file, before.status, before.article_id, before.run_id)
            return
        if before is not None and before.status == "loaded" and before.content_sha256:
            # The path no longer carries its old bytes, so it is no longer their loaded copy.
            state.loaded_by_sha.get(before.content_sha256, {}).pop(path, None)

        if file.article_row < 0:
            counts.quarantined += 1
            self.record(file, "quarantined", None, self.run_id)
            self.plan.quarantine[path] = (
                path, sha, file.reason, file.detail, self.run_id, self.now,
            )  # fmt: skip
            return

        article_id = self.stored_id(file)
        self.plan.quarantine[path] = None
        twins = {p: a for p, a in state.loaded_by_sha.get(sha or "", {}).items() if p != path}
        if sha is not None and twins:
            counts.duplicate += 1
            self.record(file, "duplicate", twins[min(twins)], self.run_id)
            return

        counts.loaded += 1
        if (
            self.reparse
            and before is not None
            and before.status == "loaded"
            and before.content_sha256 == sha
            and before.article_id not in (None, article_id)
        ):
            self.plan.retired.add(before.article_id)
        self.record(file, "loaded", article_id, self.run_id)
        if sha is not None:
            state.loaded_by_sha.setdefault(sha, {})[path] = article_id
        stored = state.captures.get(article_id)
        # The newer capture wins; a path read again replaces its own earlier reading
        # (those bytes are gone), whatever its mtime now says.
        if stored is None or stored[1] == path or file.capture_key >= stored:
            state.known(article_id, file.capture_key, str(self.bodies[file.article_row]))
            self.plan.winners[article_id] = file.article_row

    def stored_id(self, file: ParsedFile) -> str:
        """The id the file's article is stored under: the parser's, unless that id holds a
        different article (contract §2, re-captures), whose sibling it then becomes."""
        parsed = file.article_id
        assert parsed is not None
        family = self.state.families.get(stem(parsed), [])
        for article_id in family:  # a path read again stays the article it was
            if self.state.captures[article_id][1] == file.path:
                return self.renamed(file, article_id)
        body = str(self.bodies[file.article_row])
        members = [(article_id, self.state.bodies[article_id]) for article_id in family]
        return self.renamed(file, identity(parsed, body, members))

    def renamed(self, file: ParsedFile, article_id: str) -> str:
        if article_id != file.article_id:
            self.plan.renamed[file.article_row] = article_id
        return article_id


def plan_batch(
    frames: ParsedFrames,
    run_id: str,
    now: datetime,
    state: WarehouseState,
    reparse: bool = False,
) -> BatchPlan:
    """Each file's outcome against the warehouse `state` and the earlier files of the batch."""
    files = frames.files
    planner = Planner(run_id, now, state, frames.articles["body"], reparse)
    for file in files:
        planner.add(file)
    planner.plan.counts.articles_upserted = len(planner.plan.winners)
    return planner.plan


def children_of(children: pa.Table, article_rows: pa.Array) -> pa.Table:
    """The image or link rows of the given articles (by article_row), in batch order."""
    return children.filter(pc.is_in(children["article_row"], value_set=article_rows))


def run_with(
    con: duckdb.DuckDBPyConnection,
    name: str,
    tables: dict[str, pa.Table],
    parameters: dict[str, object] | None = None,
) -> None:
    """Execute sql/statements/<name>.sql with Arrow tables registered under their names."""
    for table_name, table in tables.items():
        con.register(table_name, table)
    try:
        con.execute(statement(name), parameters)
    finally:
        for table_name in tables:
            con.unregister(table_name)


def with_ids(frames: ParsedFrames, renamed: dict[int, str]) -> ParsedFrames:
    """The frames with the renamed articles' rows (and their children's) under their new ids."""
    ids = list(frames.articles["article_id"])
    for row, article_id in renamed.items():
        ids[row] = article_id

    def children(columns: Columns) -> Columns:
        rows, parents = columns["article_row"], columns["article_id"]
        moved = [renamed.get(row, parent) for row, parent in zip(rows, parents, strict=True)]
        return {**columns, "article_id": moved}

    articles = {**frames.articles, "article_id": ids}
    return ParsedFrames(frames.files, articles, children(frames.images), children(frames.links))


def write_articles(
    con: duckdb.DuckDBPyConnection,
    frames: ParsedFrames,
    plan: BatchPlan,
    lineage: dict[str, object],
    stored_ids: frozenset[str],
) -> None:
    """Replace re-captured articles with their children; `stored_ids`: ids in the warehouse.

    Only ids already stored are deleted: a batch of new articles runs no
    DELETE at all (each one scans its whole table, ever longer as it grows).
    `lineage`: the run_id (and loaded_at) the inserts stamp on every row.
    """
    if not plan.winners:
        return
    if plan.renamed:
        frames = with_ids(frames, plan.renamed)
    rows = pa.array(plan.winners.values(), pa.int32())
    images = children_of(arrow_table(frames.images, IMAGE_FRAME_SCHEMA), rows)
    links = children_of(arrow_table(frames.links, LINK_FRAME_SCHEMA), rows)
    replaced = [(article_id,) for article_id in plan.winners if article_id in stored_ids]
    if replaced:
        old = {"replaced_article": table_of(replaced, IDS_SCHEMA)}
        run_with(con, "load_delete_images", old)
        run_with(con, "load_delete_links", old)
        run_with(con, "load_delete_articles", old)
    articles = {"incoming_article": arrow_table(frames.articles, ARTICLE_FRAME_SCHEMA).take(rows)}
    run_with(con, "load_insert_articles", articles, lineage)
    fault_point("load:after_articles")
    run_id = {"run_id": lineage["run_id"]}
    if images.num_rows:
        run_with(con, "load_insert_images", {"incoming_image": images}, run_id)
    if links.num_rows:
        run_with(con, "load_insert_links", {"incoming_link": links}, run_id)
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
    batch: ParsedFrames | Sequence[ReadDump],
    run_id: str,
    now: datetime,
    reparse: bool = False,
) -> BatchCounts:
    """Write one batch in one transaction; re-running the same batch changes nothing.

    `batch` comes as ParsedFrames from a parse process, or as parsed dumps
    (converted here). `reparse` (--full-refresh): files already loaded
    from the same bytes are loaded again, so a parser upgrade reaches the stored rows.
    """
    frames = batch if isinstance(batch, ParsedFrames) else frames_of(batch)
    now = utc_naive(now)
    con.begin()
    try:
        state = read_state(con, frames.files)
        stored_ids = frozenset(state.captures)  # before plan_batch adds this batch's
        plan = plan_batch(frames, run_id, now, state, reparse)
        write_articles(con, frames, plan, {"run_id": run_id, "loaded_at": now}, stored_ids)
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
