"""SQLAlchemy access for other tools (BI, notebooks, pandas.read_sql); the loader never uses it.

Needs duckdb-engine; SQLAlchemy is pinned below 2.0.55 in pyproject.toml
because duckdb-engine 0.17 cannot reflect on newer releases. duckdb-engine
reflects neither primary keys nor list columns, so reflect() adds both from
DuckDB's own catalog.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from sqlalchemy import ARRAY, MetaData, PrimaryKeyConstraint, String, create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SAWarning
from sqlalchemy.types import NullType

from warehouse.statements import statement

# duckdb type name -> SQLAlchemy element type, for VARCHAR[] and friends
ELEMENT_TYPES = {"VARCHAR": String}


def engine(db_path: Path | str, read_only: bool = True) -> Engine:
    """An engine on the warehouse file; read-only unless asked, so it never blocks a run long."""
    return create_engine(f"duckdb:///{Path(db_path)}", connect_args={"read_only": read_only})


def add_primary_keys(conn: Connection, metadata: MetaData) -> None:
    for table_name, columns in conn.execute(text(statement("sa_primary_keys"))):
        table = metadata.tables.get(table_name)
        if table is not None and not table.primary_key.columns:
            table.append_constraint(PrimaryKeyConstraint(*columns))


def type_list_columns(conn: Connection, metadata: MetaData) -> None:
    for table_name, column_name, data_type in conn.execute(text(statement("sa_list_columns"))):
        table = metadata.tables.get(table_name)
        element = ELEMENT_TYPES.get(data_type.removesuffix("[]"))
        if table is None or element is None:
            continue
        column = table.columns.get(column_name)
        if column is not None and isinstance(column.type, NullType):
            column.type = ARRAY(element())


def reflect(db_path: Path | str) -> MetaData:
    """Tables and views of the warehouse as SQLAlchemy metadata (read-only connection)."""
    eng = engine(db_path, read_only=True)
    try:
        metadata = MetaData()
        with warnings.catch_warnings():
            # Both are repaired below or irrelevant (we create no secondary indexes).
            warnings.filterwarnings("ignore", "Did not recognize type", SAWarning)
            warnings.filterwarnings("ignore", "duckdb-engine doesn't yet support reflection")
            metadata.reflect(bind=eng, views=True)
        with eng.connect() as conn:
            add_primary_keys(conn, metadata)
            type_list_columns(conn, metadata)
        return metadata
    finally:
        eng.dispose()
