"""Re-captures (contract §2): a dump replaces a stored article only when it is the same article.

Pairs of pages that share a (wrong) title get one article_id from the parser;
the loader keeps both when their bodies are different articles.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from bench.synthetic import synthetic_dump
from flows.landing import ParsedDump
from warehouse.load import BatchCounts, load_batch
from warehouse.recapture import same_article, sibling_id, stem

NOW = datetime(2025, 9, 6, 12, 0)
LATER = datetime(2025, 9, 7, 12, 0)
WAR = (
    "Russian forces struck the port overnight with drones and missiles, officials said. "
    "The governor said two people were wounded and a grain terminal caught fire. "
    "Ukraine's air force said it shot down most of the drones over the south."
)
STORM = (
    "The storm made landfall on Tuesday evening with winds of 120 miles per hour. "
    "Tens of thousands of homes lost power along the coast and roads were flooded. "
    "Forecasters said the rain would continue inland through the weekend."
)


def page(path: str, body: str, mtime_ns: int = 1_000, n: int = 1, images: int = 1) -> ParsedDump:
    """A parsed page whose parser-given id is the same for every `n` (a shared wrong title)."""
    dump = synthetic_dump(n, path=path, mtime_ns=mtime_ns, images=images, links=0)
    assert dump.article is not None
    dump.article.body = body
    dump.content_sha256 = f"{hash((path, body, mtime_ns)) & (2**64 - 1):064x}"
    return dump


def stored(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return con.execute(
        "select article_id, source_path, left(body, 20) from article order by source_path"
    ).fetchall()


def test_two_different_articles_with_one_id_are_both_kept(con: duckdb.DuckDBPyConnection) -> None:
    war, storm = page("a/war.txt", WAR), page("b/storm.txt", STORM)
    counts = load_batch(con, [war, storm], "run-1", NOW)
    assert counts == BatchCounts(loaded=2, articles_upserted=2, images=2)
    parsed_id = war.article.article_id  # type: ignore[union-attr]
    assert stored(con) == [
        (parsed_id, "a/war.txt", WAR[:20]),
        (sibling_id(parsed_id, STORM), "b/storm.txt", STORM[:20]),
    ]
    # each keeps its own photo, and source_file points at the id it is stored under
    images = con.execute("select article_id from image order by article_id").fetchall()
    assert images == [(parsed_id,), (sibling_id(parsed_id, STORM),)]
    files = con.execute("select path, article_id from source_file order by path").fetchall()
    assert files == [("a/war.txt", parsed_id), ("b/storm.txt", sibling_id(parsed_id, STORM))]


def test_a_different_article_in_a_later_run_does_not_replace_the_stored_one(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_batch(con, [page("a/war.txt", WAR)], "run-1", NOW)
    counts = load_batch(con, [page("b/storm.txt", STORM, mtime_ns=2_000)], "run-2", LATER)
    assert counts.articles_upserted == 1
    assert [row[1] for row in stored(con)] == ["a/war.txt", "b/storm.txt"]


def test_loading_the_same_pages_again_changes_nothing(con: duckdb.DuckDBPyConnection) -> None:
    batch = [page("a/war.txt", WAR), page("b/storm.txt", STORM)]
    load_batch(con, batch, "run-1", NOW)
    before = stored(con)
    again = load_batch(con, batch, "run-2", LATER)
    assert again == BatchCounts(unchanged=2)
    assert stored(con) == before


def test_an_edited_capture_replaces_the_article_it_is_a_capture_of(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load_batch(con, [page("a/war.txt", WAR), page("b/storm.txt", STORM)], "run-1", NOW)
    edited_storm = STORM.replace("120 miles per hour", "125 miles per hour") + " Updated."
    load_batch(con, [page("c/storm-later.txt", edited_storm, mtime_ns=5_000)], "run-2", LATER)
    rows = stored(con)
    assert [path for _, path, _ in rows] == ["a/war.txt", "c/storm-later.txt"]
    parsed_id = rows[0][0]
    assert rows[1][0] == sibling_id(parsed_id, STORM)  # the storm article's own id, kept
    edited_war = WAR + " The strikes continued into the morning."
    load_batch(con, [page("d/war-later.txt", edited_war, mtime_ns=6_000)], "run-3", LATER)
    assert [path for _, path, _ in stored(con)] == ["c/storm-later.txt", "d/war-later.txt"]


def test_a_path_read_again_stays_the_article_it_was(con: duckdb.DuckDBPyConnection) -> None:
    load_batch(con, [page("a/page.txt", WAR)], "run-1", NOW)
    load_batch(con, [page("a/page.txt", STORM, mtime_ns=2_000)], "run-2", LATER)
    assert stored(con) == [(stem(stored(con)[0][0]), "a/page.txt", STORM[:20])]


def test_same_article_is_half_the_shingles_either_way() -> None:
    assert same_article(WAR, WAR)
    assert same_article(WAR, WAR + " One more sentence at the end of it.")
    assert not same_article(WAR, STORM)
    assert not same_article(WAR, WAR + " " + STORM + " " + STORM)  # the stored text is a part
    assert same_article("", STORM)  # nothing to compare: the id decides


def test_two_dumps_under_one_generic_headline_stay_two_articles(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """Through the parser: the same headline and publisher, two different stories."""
    from flows.landing import SourceFile
    from transforms import Article, parse_dump

    dumps = []
    for n, body in enumerate((WAR, STORM)):
        data = f"Live updates\nAP News\n\n{body}\n".encode()
        article = parse_dump(data)
        assert isinstance(article, Article)
        source = SourceFile(f"live/{n}.txt", len(data), 1_000 + n)
        dumps.append(ParsedDump(source, f"{n:064x}", article=article))
    assert dumps[0].article.article_id == dumps[1].article.article_id  # type: ignore[union-attr]
    load_batch(con, dumps, "run-1", NOW)
    rows = con.execute("select source_path, title from article order by 1").fetchall()
    assert rows == [("live/0.txt", "Live updates"), ("live/1.txt", "Live updates")]
