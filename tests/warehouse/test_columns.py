"""The column registry (warehouse/columns.py) against the migrated schema and the records."""

from __future__ import annotations

from dataclasses import fields

import duckdb

from bench.synthetic import synthetic_dump
from transforms.records import Article, Image, RelatedLink
from warehouse.arrow import ARTICLE_FRAME_SCHEMA, IMAGE_FRAME_SCHEMA, LINK_FRAME_SCHEMA
from warehouse.columns import ARTICLE, IMAGE, RELATED_LINK, TABLES, Source
from warehouse.frames import ARTICLE_ROW, frames_of

RECORDS = {ARTICLE.name: Article, IMAGE.name: Image, RELATED_LINK.name: RelatedLink}
CHILD_LISTS = {"images", "links"}  # Article's children: rows of their own tables


def schema_of(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_name = ? order by ordinal_position",
        [table],
    ).fetchall()


def test_registry_declares_every_migrated_column_with_its_type_in_order(
    con: duckdb.DuckDBPyConnection,
) -> None:
    for table in TABLES.values():
        assert schema_of(con, table.name) == [(c.name, c.type) for c in table.columns], table.name


def test_every_migrated_table_is_in_the_registry(con: duckdb.DuckDBPyConnection) -> None:
    migrated = {
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_type = 'BASE TABLE'"
        ).fetchall()
    }
    assert migrated - {"schema_version"} == set(TABLES)  # schema_version: the migrations' ledger


def test_parsed_columns_are_the_record_fields_of_the_same_name() -> None:
    for table_name, record in RECORDS.items():
        parsed = {c.name for c in TABLES[table_name].from_source(Source.PARSED)}
        assert parsed == {f.name for f in fields(record)} - CHILD_LISTS, table_name


def test_frames_carry_exactly_the_registry_columns_the_parse_fills() -> None:
    frames = frames_of([synthetic_dump(1, images=2, links=2)])
    for columns, schema, table in (
        (frames.articles, ARTICLE_FRAME_SCHEMA, ARTICLE),
        (frames.images, IMAGE_FRAME_SCHEMA, IMAGE),
        (frames.links, LINK_FRAME_SCHEMA, RELATED_LINK),
    ):
        filled = {c.name for c in table.columns if c.source is not Source.RUN}
        assert set(columns) - {ARTICLE_ROW} == filled, table.name
        assert list(columns) == schema.names
