"""Our loader (warehouse.load.load_batch) against dlt, on the same parsed rows.

Part of the ingest benchmark (bench/ingest.py, the entry point). It exists so that
the comparison with dlt, the only part of the bench that needs dlt and pyarrow
(imported when it runs), sits in one place.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest_common import BATCH, rate

from flows.landing import ParsedDump

BENCH_RUN_ID = "bench"

# ---------------------------------------------------------------------------
# Our loader vs dlt, on the same parsed rows


def batches_of(items: Sequence[ParsedDump], size: int = BATCH) -> Iterator[Sequence[ParsedDump]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_ours(parsed: Sequence[ParsedDump], db: Path) -> dict[str, Any]:
    """load_batch over batches of 2000 into a fresh file, one connection (the loader alone)."""
    from warehouse.db import open_writer
    from warehouse.load import load_batch

    now = datetime.now(UTC).replace(tzinfo=None)
    rows = bookkeeping = 0
    started = time.perf_counter()
    with open_writer(db) as con:
        for batch in batches_of(parsed):
            counts = load_batch(con, list(batch), BENCH_RUN_ID, now)
            rows += counts.articles_upserted + counts.images + counts.related_links
            bookkeeping += counts.files
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "bookkeeping_rows": bookkeeping,
        "seconds": seconds,
        "rows_s": rate(rows, seconds),
    }


def arrow_batches(parsed: Sequence[ParsedDump]) -> Iterator[tuple[str, Any]]:
    """(table name, Arrow table) per batch: the rows our loader writes, same columns."""
    import pyarrow as pa

    from warehouse.arrow import (
        ARTICLE_FRAME_SCHEMA,
        IMAGE_FRAME_SCHEMA,
        LINK_FRAME_SCHEMA,
        arrow_table,
    )
    from warehouse.frames import frames_of

    now = datetime.now(UTC).replace(tzinfo=None)

    def stamped(columns: Any, schema: pa.Schema, **lineage: object) -> pa.Table:
        table = arrow_table(columns, schema)
        if "article_row" in table.column_names:
            table = table.drop_columns(["article_row"])
        for name, value in lineage.items():
            table = table.append_column(name, pa.array([value] * table.num_rows))
        return table

    for batch in batches_of(parsed):
        frames = frames_of(batch)
        yield (
            "article",
            stamped(frames.articles, ARTICLE_FRAME_SCHEMA, run_id=BENCH_RUN_ID, loaded_at=now),
        )
        yield "image", stamped(frames.images, IMAGE_FRAME_SCHEMA, run_id=BENCH_RUN_ID)
        yield "related_link", stamped(frames.links, LINK_FRAME_SCHEMA, run_id=BENCH_RUN_ID)


def load_dlt(parsed: Sequence[ParsedDump], db: Path, dlt_dir: Path) -> dict[str, Any]:
    """The same rows through a dlt pipeline (Arrow tables, append) into a fresh DuckDB file."""
    os.environ["DLT_DATA_DIR"] = str(dlt_dir / "data")
    import dlt

    rows = 0

    def tables() -> Iterator[Any]:
        nonlocal rows
        for name, table in arrow_batches(parsed):
            rows += table.num_rows
            if table.num_rows:
                yield dlt.mark.with_table_name(table, name)

    started = time.perf_counter()
    pipeline = dlt.pipeline(
        pipeline_name="newsetl_bench",
        destination=dlt.destinations.duckdb(str(db)),
        dataset_name="news",
        pipelines_dir=str(dlt_dir / "pipelines"),
    )
    pipeline.run(dlt.resource(tables, name="news", write_disposition="append"))
    seconds = time.perf_counter() - started
    return {"rows": rows, "seconds": seconds, "rows_s": rate(rows, seconds)}


def dlt_available() -> str | None:
    """None when dlt can be imported, else why not."""
    try:
        import dlt  # noqa: F401
    except ImportError as exc:
        return f"dlt is not installed ({exc}); pip install -e '.[bench]'"
    return None


def compare_with_dlt(parsed: Sequence[ParsedDump], scratch: Path) -> dict[str, Any]:
    missing = dlt_available()
    if missing:
        return {"skipped": missing}
    gc.collect()
    gc.freeze()  # the parsed dumps held for both loaders stay out of GC scans
    try:
        ours = load_ours(parsed, scratch / "ours-load.duckdb")
        theirs = load_dlt(parsed, scratch / "dlt-load.duckdb", scratch / "dlt")
    finally:
        gc.unfreeze()
    return {
        "ours": ours,
        "dlt": theirs,
        "ratio": rate(ours["rows_s"], theirs["rows_s"]),
        "note": "ours: load_batch (dedup, upsert, bookkeeping) in batches of 2000; "
        "dlt: append of the same Arrow tables in one pipeline.run",
    }
