"""load_batch: outcomes per file, idempotence, re-captures, duplicates, quarantine, atomicity."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, date, datetime, timedelta, timezone

import duckdb
import pytest

from bench.synthetic import rejected_dump, sha_of, synthetic_dump
from flows.landing import ParsedDump
from tests.helpers import CONTRACT_TABLES, snapshot
from transforms.records import Image, Rejection
from warehouse import load
from warehouse.load import BatchCounts, load_batch
from warehouse.migrate import migrate

NOW = datetime(2025, 9, 6, 12, 0, 0)
LATER = datetime(2025, 9, 7, 8, 30, 0)


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    return con.execute(sql).fetchall()


def test_first_batch_counts_and_rows(con: duckdb.DuckDBPyConnection) -> None:
    batch = [synthetic_dump(n) for n in range(3)] + [rejected_dump("bad/empty.txt")]
    counts = load_batch(con, batch, "run-1", NOW)
    assert counts == BatchCounts(
        loaded=3, unchanged=0, duplicate=0, quarantined=1,
        articles_upserted=3, images=9, related_links=48,
    )  # fmt: skip
    assert rows(con, "select count(*) from article") == [(3,)]
    assert rows(con, "select count(*) from image") == [(9,)]
    assert rows(con, "select count(*) from related_link") == [(48,)]
    assert rows(
        con,
        "select article_id, title, publisher, authors, published_at, published_date, "
        "published_date_source, paragraph_count, source_path, content_sha256, run_id, "
        "source_mtime_ns, loaded_at from article where article_id = 'art-0000001'",
    ) == [
        (
            "art-0000001", "Headline number 1", "Reuters", ["Author 1"], None, date(2025, 9, 2),
            "caption", 5, "dumps/0000001.txt", batch[1].content_sha256, "run-1", 1000, NOW,
        )
    ]  # fmt: skip
    assert rows(
        con,
        "select position, credit, organization, distributor, is_file_photo, is_handout, "
        "source_path, run_id from image where article_id = 'art-0000000' order by position",
    ) == [
        (0, "Photographer 0/AP", "AP", None, False, False, "dumps/0000000.txt", "run-1"),
        (1, "Photographer 1/Roscongress Foundation", "Roscongress Foundation", "AP", False, True,
         "dumps/0000000.txt", "run-1"),
        (2, "Photographer 2/Getty Images", "Getty Images", None, True, False,
         "dumps/0000000.txt", "run-1"),
    ]  # fmt: skip
    assert rows(
        con,
        "select path, size, status, article_id, run_id, first_seen_at, last_seen_at, mtime_ns, "
        "last_seen_run_id from source_file order by path",
    ) == [
        ("bad/empty.txt", 0, "quarantined", None, "run-1", NOW, NOW, 1000, "run-1"),
        ("dumps/0000000.txt", 37, "loaded", "art-0000000", "run-1", NOW, NOW, 1000, "run-1"),
        ("dumps/0000001.txt", 37, "loaded", "art-0000001", "run-1", NOW, NOW, 1000, "run-1"),
        ("dumps/0000002.txt", 37, "loaded", "art-0000002", "run-1", NOW, NOW, 1000, "run-1"),
    ]
    assert rows(con, "select * from quarantine") == [
        ("bad/empty.txt", sha_of(""), "empty", "synthetic empty file", "run-1", NOW)
    ]


def test_same_batch_twice_leaves_identical_tables(con: duckdb.DuckDBPyConnection) -> None:
    batch = [synthetic_dump(n) for n in range(5)] + [rejected_dump("x/empty.txt")]
    load_batch(con, batch, "run-1", NOW)
    before = snapshot(con)
    again = load_batch(con, batch, "run-1", NOW)
    assert again == BatchCounts(unchanged=6)
    assert snapshot(con) == before


def test_rerun_by_a_later_run_only_records_the_sighting(con: duckdb.DuckDBPyConnection) -> None:
    batch = [synthetic_dump(n) for n in range(2)] + [rejected_dump("x/empty.txt")]
    load_batch(con, batch, "run-1", NOW)
    before = snapshot(con)
    assert load_batch(con, batch, "run-2", LATER) == BatchCounts(unchanged=3)
    after = snapshot(con)
    for table in ("article", "image", "related_link", "quarantine"):
        assert after[table] == before[table]
    assert rows(
        con, "select status, run_id, first_seen_at, last_seen_at, last_seen_run_id "
        "from source_file order by path"
    ) == [
        ("loaded", "run-1", NOW, LATER, "run-2"),
        ("loaded", "run-1", NOW, LATER, "run-2"),
        ("quarantined", "run-1", NOW, LATER, "run-2"),
    ]  # fmt: skip


def test_touched_mtime_with_same_bytes_is_unchanged(con: duckdb.DuckDBPyConnection) -> None:
    load_batch(con, [synthetic_dump(1, mtime_ns=1_000)], "run-1", NOW)
    counts = load_batch(con, [synthetic_dump(1, mtime_ns=5_000)], "run-2", LATER)
    assert counts == BatchCounts(unchanged=1)
    assert rows(con, "select mtime_ns, run_id, last_seen_run_id from source_file") == [
        (5_000, "run-1", "run-2")
    ]
    assert rows(con, "select source_mtime_ns, run_id from article") == [(1_000, "run-1")]


def reparsed(dump: ParsedDump, article_n: int, images: int, links: int) -> ParsedDump:
    """The same bytes as `dump` as a newer parser reads them: another article, same sha."""
    article = synthetic_dump(article_n, images=images, links=links, version=3).article
    return dataclasses.replace(dump, article=article)


def test_reparse_reloads_same_bytes_only_when_asked(con: duckdb.DuckDBPyConnection) -> None:
    first = synthetic_dump(4, path="a/4.txt")
    load_batch(con, [first], "run-1", NOW)
    upgraded = reparsed(first, 4, images=1, links=2)  # same id, new body and children
    assert load_batch(con, [upgraded], "run-2", LATER) == BatchCounts(unchanged=1)
    assert rows(con, "select body like '%version 0.', run_id from article") == [(True, "run-1")]

    counts = load_batch(con, [upgraded], "run-3", LATER, reparse=True)
    assert counts == BatchCounts(loaded=1, articles_upserted=1, images=1, related_links=2)
    assert rows(con, "select article_id, body like '%version 3.', run_id from article") == [
        ("art-0000004", True, "run-3")
    ]
    assert rows(con, "select count(*), min(run_id) from image") == [(1, "run-3")]
    assert rows(con, "select count(*), min(run_id) from related_link") == [(2, "run-3")]
    assert rows(con, "select path, status, article_id, run_id from source_file") == [
        ("a/4.txt", "loaded", "art-0000004", "run-3")
    ]


def test_reparse_that_changes_the_id_retires_the_old_article(
    con: duckdb.DuckDBPyConnection,
) -> None:
    first = synthetic_dump(5, path="a/5.txt")
    kept = synthetic_dump(6, path="a/6.txt")
    elsewhere = synthetic_dump(6, path="b/6-again.txt", mtime_ns=2_000, version=2)
    load_batch(con, [first, kept, elsewhere], "run-1", NOW)
    # The newer parser reads a/5.txt as article 8 and a/6.txt as article 9.
    # Article 5 goes; article 6 stays, stored from its newer capture b/6-again.txt.
    counts = load_batch(
        con, [reparsed(first, 8, 2, 3), reparsed(kept, 9, 1, 1)], "run-2", LATER, reparse=True
    )
    assert counts == BatchCounts(loaded=2, articles_upserted=2, images=3, related_links=4)
    assert rows(con, "select article_id, source_path from article order by 1") == [
        ("art-0000006", "b/6-again.txt"),
        ("art-0000008", "a/5.txt"),
        ("art-0000009", "a/6.txt"),
    ]
    assert rows(con, "select article_id, count(*) from image group by 1 order by 1") == [
        ("art-0000006", 3), ("art-0000008", 2), ("art-0000009", 1)
    ]  # fmt: skip
    assert rows(con, "select count(*) from related_link where article_id = 'art-0000005'") == [(0,)]


def test_reparse_keeps_the_article_when_the_new_parser_refuses_the_bytes(
    con: duckdb.DuckDBPyConnection,
) -> None:
    first = synthetic_dump(3, path="a/3.txt")
    load_batch(con, [first], "run-1", NOW)
    refused = dataclasses.replace(first, article=None, rejection=Rejection("no_title", "x"))
    assert load_batch(con, [refused], "run-2", LATER, reparse=True) == BatchCounts(unchanged=1)
    assert rows(con, "select article_id, run_id from article") == [("art-0000003", "run-1")]
    assert rows(con, "select count(*) from quarantine") == [(0,)]


@pytest.mark.parametrize("same_path", [True, False])
def test_recapture_replaces_article_and_all_children(
    con: duckdb.DuckDBPyConnection, same_path: bool
) -> None:
    load_batch(con, [synthetic_dump(7, path="a/7.txt", mtime_ns=1_000)], "run-1", NOW)
    new_path = "a/7.txt" if same_path else "b/7-again.txt"
    newer = synthetic_dump(7, path=new_path, mtime_ns=2_000, images=1, links=2, version=1)
    counts = load_batch(con, [newer], "run-2", LATER)
    assert counts == BatchCounts(loaded=1, articles_upserted=1, images=1, related_links=2)
    assert rows(con, "select count(*) from article") == [(1,)]
    assert rows(con, "select article_id, position, source_path, run_id from image") == [
        ("art-0000007", 0, new_path, "run-2")
    ]
    assert rows(con, "select position, link_type, run_id from related_link order by 1") == [
        (0, "hub", "run-2"),
        (1, "recommended", "run-2"),
    ]
    assert rows(
        con, "select body like '%version 1.', source_path, content_sha256 from article"
    ) == [(True, new_path, newer.content_sha256)]


def test_older_capture_does_not_overwrite_newer(con: duckdb.DuckDBPyConnection) -> None:
    newer = synthetic_dump(3, path="b/new.txt", mtime_ns=2_000, images=1, version=1)
    older = synthetic_dump(3, path="a/old.txt", mtime_ns=1_000, images=3, version=0)
    load_batch(con, [newer], "run-1", NOW)
    counts = load_batch(con, [older], "run-2", LATER)
    assert counts == BatchCounts(loaded=1, articles_upserted=0, images=0, related_links=0)
    assert rows(con, "select source_path, source_mtime_ns, run_id from article") == [
        ("b/new.txt", 2_000, "run-1")
    ]
    assert rows(con, "select count(*) from image") == [(1,)]
    assert rows(con, "select path, status, article_id from source_file order by path") == [
        ("a/old.txt", "loaded", "art-0000003"),
        ("b/new.txt", "loaded", "art-0000003"),
    ]


def test_final_state_does_not_depend_on_order_or_batching() -> None:
    captures = [
        synthetic_dump(5, path="c/1.txt", mtime_ns=1_000, images=3, version=0),
        synthetic_dump(5, path="c/2.txt", mtime_ns=3_000, images=1, version=2),
        synthetic_dump(5, path="c/3.txt", mtime_ns=2_000, images=2, version=1),
        synthetic_dump(6, path="c/4.txt", mtime_ns=1_000),
    ]
    connection = duckdb.connect()
    migrate(connection)
    results = set()
    for order, split in itertools.product(itertools.permutations(captures), (1, 3)):
        for table in CONTRACT_TABLES:
            connection.execute(f"delete from {table}")
        for start in range(0, len(order), split):
            load_batch(connection, list(order[start : start + split]), "run", NOW)
        state = snapshot(connection)
        results.add(repr((state["article"], state["image"], state["related_link"])))
    assert len(results) == 1
    assert "c/2.txt" in results.pop()


def test_greatest_capture_wins_within_one_batch(con: duckdb.DuckDBPyConnection) -> None:
    batch = [
        synthetic_dump(2, path="z/late.txt", mtime_ns=9_000, images=2, version=1),
        synthetic_dump(2, path="a/early.txt", mtime_ns=1_000, images=3, version=0),
    ]
    counts = load_batch(con, batch, "run-1", NOW)
    assert counts == BatchCounts(loaded=2, articles_upserted=1, images=2, related_links=16)
    assert rows(con, "select source_path from article") == [("z/late.txt",)]


def test_identical_bytes_at_another_path_are_a_duplicate(con: duckdb.DuckDBPyConnection) -> None:
    first = synthetic_dump(4, path="a/4.txt")
    twin = synthetic_dump(4, path="b/4-copy.txt")
    assert load_batch(con, [first, twin], "run-1", NOW) == BatchCounts(
        loaded=1, duplicate=1, articles_upserted=1, images=3, related_links=16
    )
    third = synthetic_dump(4, path="c/4-copy.txt")
    assert load_batch(con, [third], "run-2", LATER) == BatchCounts(duplicate=1)
    assert rows(con, "select path, status, article_id, run_id from source_file order by 1") == [
        ("a/4.txt", "loaded", "art-0000004", "run-1"),
        ("b/4-copy.txt", "duplicate", "art-0000004", "run-1"),
        ("c/4-copy.txt", "duplicate", "art-0000004", "run-2"),
    ]
    assert rows(con, "select source_path, run_id from article") == [("a/4.txt", "run-1")]


def test_bytes_no_longer_loaded_elsewhere_are_not_a_duplicate(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_batch(con, [synthetic_dump(4, path="a/4.txt")], "run-1", NOW)
    changed = synthetic_dump(4, path="a/4.txt", mtime_ns=2_000, version=1)
    copy_of_old = synthetic_dump(4, path="b/old-copy.txt", mtime_ns=500)
    counts = load_batch(con, [changed, copy_of_old], "run-2", LATER)
    assert counts == BatchCounts(loaded=2, articles_upserted=1, images=3, related_links=16)
    assert rows(con, "select path, status from source_file order by 1") == [
        ("a/4.txt", "loaded"),
        ("b/old-copy.txt", "loaded"),
    ]
    assert rows(con, "select source_path from article") == [("a/4.txt",)]


def test_several_empty_files_are_each_quarantined(con: duckdb.DuckDBPyConnection) -> None:
    batch = [rejected_dump(f"e/{i}.txt") for i in range(3)]
    assert load_batch(con, batch, "run-1", NOW) == BatchCounts(quarantined=3)
    assert rows(con, "select path, reason from quarantine order by 1") == [
        ("e/0.txt", "empty"),
        ("e/1.txt", "empty"),
        ("e/2.txt", "empty"),
    ]
    assert rows(con, "select distinct status from source_file") == [("quarantined",)]


def test_unread_files_without_hash_are_quarantined_each_time(
    con: duckdb.DuckDBPyConnection,
) -> None:
    huge = rejected_dump("big.txt", reason="too_large")
    huge.content_sha256 = None
    assert load_batch(con, [huge], "run-1", NOW) == BatchCounts(quarantined=1)
    assert load_batch(con, [huge], "run-2", LATER) == BatchCounts(quarantined=1)
    assert rows(con, "select path, content_sha256, reason, run_id from quarantine") == [
        ("big.txt", None, "too_large", "run-2")
    ]


def test_quarantined_path_that_now_loads_leaves_quarantine(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_batch(con, [rejected_dump("a/9.txt", reason="no_title", content="junk")], "r1", NOW)
    assert rows(con, "select count(*) from quarantine") == [(1,)]
    fixed = synthetic_dump(9, path="a/9.txt", mtime_ns=2_000)
    assert load_batch(con, [fixed], "r2", LATER) == BatchCounts(
        loaded=1, articles_upserted=1, images=3, related_links=16
    )
    assert rows(con, "select count(*) from quarantine") == [(0,)]
    assert rows(con, "select status, article_id, first_seen_at, run_id from source_file") == [
        ("loaded", "art-0000009", NOW, "r2")
    ]


def test_loaded_path_that_turns_bad_keeps_its_article(con: duckdb.DuckDBPyConnection) -> None:
    load_batch(con, [synthetic_dump(8, path="a/8.txt")], "r1", NOW)
    broken = rejected_dump("a/8.txt", reason="binary", content="\x00\x01", mtime_ns=2_000)
    assert load_batch(con, [broken], "r2", LATER) == BatchCounts(quarantined=1)
    assert rows(con, "select article_id, source_path from article") == [("art-0000008", "a/8.txt")]
    assert rows(con, "select status, article_id from source_file") == [("quarantined", None)]
    assert rows(con, "select path, reason, run_id from quarantine") == [("a/8.txt", "binary", "r2")]


def test_duplicate_of_a_previously_quarantined_path_clears_it(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_batch(con, [synthetic_dump(1, path="a/1.txt")], "r1", NOW)
    load_batch(con, [rejected_dump("b/1.txt", content="x")], "r1", NOW)
    counts = load_batch(con, [synthetic_dump(1, path="b/1.txt", mtime_ns=2_000)], "r2", LATER)
    assert counts == BatchCounts(duplicate=1)
    assert rows(con, "select count(*) from quarantine") == [(0,)]


def test_article_breaking_a_constraint_is_quarantined_not_fatal(
    con: duckdb.DuckDBPyConnection,
) -> None:
    bad = synthetic_dump(1, path="p/dup-positions.txt")
    assert bad.article is not None
    bad.article.images.append(Image(position=0, caption="same position again"))
    counts = load_batch(con, [bad, synthetic_dump(2)], "r1", NOW)
    assert counts == BatchCounts(
        loaded=1, quarantined=1, articles_upserted=1, images=3, related_links=16
    )
    assert rows(con, "select path, reason, detail from quarantine") == [
        ("p/dup-positions.txt", "parse_error",
         "image positions are not distinct and >= 0: [0, 1, 2, 0]")
    ]  # fmt: skip


def test_aware_timestamps_are_stored_as_utc(con: duckdb.DuckDBPyConnection) -> None:
    dump = synthetic_dump(1)
    assert dump.article is not None
    edt = timezone(timedelta(hours=-4))
    dump.article.published_at = datetime(2025, 9, 5, 9, 14, tzinfo=edt)
    load_batch(con, [dump], "r1", datetime(2025, 9, 6, 14, 0, tzinfo=UTC))
    assert rows(con, "select published_at, loaded_at from article") == [
        (datetime(2025, 9, 5, 13, 14), datetime(2025, 9, 6, 14, 0))
    ]


@pytest.mark.parametrize("point", ["load:after_articles", "load:before_commit"])
def test_failure_inside_the_batch_rolls_everything_back(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    load_batch(con, [synthetic_dump(1, path="a/1.txt"), rejected_dump("q.txt")], "r1", NOW)
    before = snapshot(con)

    def explode(name: str) -> None:
        if name == point:
            raise RuntimeError(f"injected at {name}")

    monkeypatch.setattr(load, "fault_point", explode)
    batch: list[ParsedDump] = [
        synthetic_dump(1, path="a/1.txt", mtime_ns=2_000, images=1, version=1),
        synthetic_dump(2, path="a/2.txt"),
        synthetic_dump(3, path="q.txt", mtime_ns=2_000),
        rejected_dump("new-bad.txt", content="?"),
    ]
    with pytest.raises(RuntimeError, match=f"injected at {point}"):
        load_batch(con, batch, "r2", LATER)
    assert snapshot(con) == before
    monkeypatch.undo()
    assert load_batch(con, batch, "r2", LATER) == BatchCounts(
        loaded=3, quarantined=1, articles_upserted=3, images=7, related_links=48
    )


def test_empty_batch_writes_nothing(con: duckdb.DuckDBPyConnection) -> None:
    assert load_batch(con, [], "r1", NOW) == BatchCounts()
    assert all(not table_rows for table_rows in snapshot(con).values())
