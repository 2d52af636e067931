"""warehouse/frames.py: a parsed batch in columns, as parse processes hand it to the loader."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from bench.synthetic import rejected_dump, sha_of, synthetic_dump
from flows.landing import ParsedDump
from flows.parallel import ParsedBatch
from tests.helpers import snapshot
from transforms.records import Image, RelatedLink
from warehouse.frames import (
    ARTICLE_COLUMNS,
    IMAGE_COLUMNS,
    LINK_COLUMNS,
    ParsedFile,
    frames_of,
)
from warehouse.load import (
    ARTICLE_FRAME_SCHEMA,
    BatchCounts,
    load_batch,
)
from warehouse.migrate import migrate

NOW = datetime(2025, 9, 6, 12, 0, 0)
REPO = Path(__file__).resolve().parents[2]


def mixed_batch() -> list[ParsedDump]:
    """Two articles (the second with one image, two links), a refusal and an invalid article."""
    invalid = synthetic_dump(3, path="b/invalid.txt", images=1, links=0)
    assert invalid.article is not None
    invalid.article.links.append(RelatedLink(position=0, link_type="sidebar"))  # type: ignore[arg-type]
    return [
        synthetic_dump(1, path="a/1.txt", images=0, links=0),
        rejected_dump("a/empty.txt"),
        synthetic_dump(2, path="a/2.txt", mtime_ns=2_000, images=1, links=2),
        invalid,
    ]


def test_files_say_what_the_loader_decides_on() -> None:
    batch = mixed_batch()
    frames = frames_of(batch)
    assert frames.files == [
        ParsedFile("a/1.txt", 36, 1_000, batch[0].content_sha256, "art-0000001", 0, True),
        ParsedFile(
            "a/empty.txt", 0, 1_000, sha_of(""), None, -1, False, "empty", "synthetic empty file"
        ),
        ParsedFile("a/2.txt", 36, 2_000, batch[2].content_sha256, "art-0000002", 1, True),
        ParsedFile(
            "b/invalid.txt", 36, 1_000, batch[3].content_sha256, "art-0000003", -1, True,
            "parse_error", "unknown link_type ['sidebar']",
        ),
    ]  # fmt: skip
    assert len(frames) == 4
    assert frames.files[2].capture_key == (2_000, "a/2.txt")


def test_columns_hold_the_loadable_articles_and_their_children_only() -> None:
    frames = frames_of(mixed_batch())
    assert tuple(frames.articles) == ARTICLE_COLUMNS == tuple(ARTICLE_FRAME_SCHEMA.names)
    assert tuple(frames.images) == IMAGE_COLUMNS
    assert tuple(frames.links) == LINK_COLUMNS
    assert frames.articles["article_id"] == ("art-0000001", "art-0000002")
    assert frames.articles["source_path"] == ("a/1.txt", "a/2.txt")
    assert frames.articles["source_mtime_ns"] == (1_000, 2_000)
    assert frames.images["article_row"] == (1,)
    assert frames.images["photo_date"] == (date(2025, 9, 3),)
    assert frames.links["article_row"] == (1, 1)
    assert frames.links["link_type"] == ("hub", "recommended")
    assert frames.links["source_path"] == ("a/2.txt", "a/2.txt")


def test_an_empty_batch_has_empty_columns() -> None:
    frames = frames_of([])
    assert frames.files == []
    assert frames.articles == dict.fromkeys(ARTICLE_COLUMNS, ())
    assert frames.links == dict.fromkeys(LINK_COLUMNS, ())


def test_frames_through_a_pickle_load_exactly_as_the_records(tmp_path: Path) -> None:
    """What a parse process sends (pickled frames) and what tests pass (records) agree."""
    batch = [synthetic_dump(n) for n in range(20)] + mixed_batch()
    twin = synthetic_dump(5, path="c/copy-of-5.txt")  # same bytes: a duplicate
    older = synthetic_dump(6, path="c/older-6.txt", mtime_ns=10, version=2)  # loses to 6
    newer = synthetic_dump(7, path="c/newer-7.txt", mtime_ns=9_000, version=1)
    batch += [twin, older, newer]
    snapshots = []
    for name, payload in (
        ("records", batch),
        ("frames", pickle.loads(pickle.dumps(frames_of(batch)))),
    ):
        with duckdb.connect(str(tmp_path / f"{name}.duckdb")) as con:
            migrate(con)
            counts = load_batch(con, payload, "run-1", NOW)
            snapshots.append(snapshot(con))
        assert counts == BatchCounts(
            loaded=24, duplicate=1, quarantined=2, articles_upserted=20, images=58,
            related_links=306,
        )  # fmt: skip
    assert snapshots[0] == snapshots[1]


def test_only_the_winning_capture_brings_its_children(con: duckdb.DuckDBPyConnection) -> None:
    first = synthetic_dump(9, path="x/first.txt", mtime_ns=1_000, images=2, links=1)
    second = synthetic_dump(9, path="x/second.txt", mtime_ns=5_000, images=1, links=3, version=1)
    counts = load_batch(con, frames_of([second, first]), "run-1", NOW)
    assert counts == BatchCounts(loaded=2, articles_upserted=1, images=1, related_links=3)
    assert con.execute("select distinct source_path from image").fetchall() == [("x/second.txt",)]
    assert con.execute(
        "select position, link_type, source_path, run_id from related_link order by position"
    ).fetchall() == [
        (0, "hub", "x/second.txt", "run-1"),
        (1, "recommended", "x/second.txt", "run-1"),
        (2, "recommended", "x/second.txt", "run-1"),
    ]
    assert con.execute("select loaded_at, run_id from article").fetchall() == [(NOW, "run-1")]


def test_a_parsed_batch_is_handed_over_once() -> None:
    batch = ParsedBatch(frames_of([synthetic_dump(1)]))
    frames = batch.take()
    assert frames.files[0].path == "dumps/0000001.txt"
    assert batch.frames is None
    with pytest.raises(RuntimeError, match="already taken"):
        batch.take()


@pytest.mark.slow
def test_parse_processes_import_neither_pyarrow_nor_duckdb_nor_prefect() -> None:
    """A parse process imports flows.landing only: pyarrow would add ~90 MB to each."""
    code = (
        "import sys, flows.landing; "
        "print(sorted(m for m in ('pyarrow', 'duckdb', 'prefect') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_image_with_every_field_keeps_its_values(con: duckdb.DuckDBPyConnection) -> None:
    dump = synthetic_dump(4, images=0, links=0)
    assert dump.article is not None
    dump.article.images.append(
        Image(
            position=0, caption="A caption", credit="Jane Roe/AP", photographer="Jane Roe",
            organization="AP", distributor=None, is_file_photo=True, is_handout=False,
            photo_date=date(2024, 2, 29),
        )
    )  # fmt: skip
    load_batch(con, pickle.loads(pickle.dumps(frames_of([dump]))), "run-1", NOW)
    assert con.execute(
        "select article_id, position, caption, credit, photographer, organization, distributor, "
        "is_file_photo, is_handout, photo_date, source_path, run_id from image"
    ).fetchall() == [
        ("art-0000004", 0, "A caption", "Jane Roe/AP", "Jane Roe", "AP", None, True, False,
         date(2024, 2, 29), "dumps/0000004.txt", "run-1"),
    ]  # fmt: skip
