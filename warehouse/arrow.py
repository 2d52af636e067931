"""Arrow schemas derived from the column registry, and the row/column to Arrow conversions.

A frame's columns become Arrow arrays in one call each; a column has the same
Arrow type wherever it appears, the one its DuckDB type in warehouse/columns.py maps to.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas  # noqa: F401  (pyarrow imports it at its first Table; here it loads with the rest)
import pyarrow as pa

from warehouse.columns import ARTICLE, IMAGE, QUARANTINE, RELATED_LINK, SOURCE_FILE, Table
from warehouse.frames import ARTICLE_ROW, Columns, Row, columns_of, frame_columns

ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "VARCHAR[]": pa.list_(pa.string()),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}


def arrow_schema(table: Table, names: Sequence[str] | None = None) -> pa.Schema:
    """The Arrow schema of `table`'s columns (all, or `names` in that order)."""
    wanted = names if names is not None else table.names
    return pa.schema([(name, ARROW_TYPES[table.named(name).type]) for name in wanted])


def frame_schema(table: Table) -> pa.Schema:
    """The schema of a parsed frame of `table` (warehouse/frames.py: frame_columns)."""
    fields = []
    for name in frame_columns(table):
        kind = pa.int32() if name == ARTICLE_ROW else ARROW_TYPES[table.named(name).type]
        fields.append((name, kind))
    return pa.schema(fields)


ARTICLE_FRAME_SCHEMA = frame_schema(ARTICLE)
IMAGE_FRAME_SCHEMA = frame_schema(IMAGE)
LINK_FRAME_SCHEMA = frame_schema(RELATED_LINK)
SOURCE_FILE_SCHEMA = arrow_schema(SOURCE_FILE)
QUARANTINE_SCHEMA = arrow_schema(QUARANTINE)
BATCH_KEYS_SCHEMA = arrow_schema(SOURCE_FILE, ("path", "content_sha256", "article_id"))
PATHS_SCHEMA = arrow_schema(SOURCE_FILE, ("path",))
IDS_SCHEMA = arrow_schema(ARTICLE, ("article_id",))


def table_of(rows: Sequence[Row], schema: pa.Schema) -> pa.Table:
    """Row tuples as an Arrow table of `schema`."""
    return arrow_table(columns_of(rows, schema.names), schema)


def arrow_table(columns: Columns, schema: pa.Schema) -> pa.Table:
    """Columns of plain values as an Arrow table of `schema` (one conversion per column)."""
    arrays = [pa.array(columns[f.name], type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)
