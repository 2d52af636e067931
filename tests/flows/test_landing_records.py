"""The landing folder's records cross to parse processes cheaply and come back equal."""

from __future__ import annotations

from datetime import date, datetime


def test_source_files_pickle_compactly_and_records_come_back_equal() -> None:
    """The flow sends every SourceFile to a parse process: no field names per object."""
    import pickle

    from flows.landing import ParsedDump, SourceFile
    from transforms.records import Article, Image, RelatedLink

    article = Article(
        article_id="a1", title="T", publisher="AP News", summary=None, authors=["A B"],
        dateline="KYIV, Ukraine", published_at=datetime(2025, 9, 5, 14, 3), updated_at=None,
        published_date=date(2025, 9, 5), published_date_source="explicit", body="Body.",
        paragraph_count=1, word_count=1,
        images=[Image(0, "Caption.", credit="(AP Photo/X Y)", photographer="X Y")],
        links=[RelatedLink(0, "hub", title="Hub", url="https://apnews.com/hub/x")],
    )  # fmt: skip
    dump = ParsedDump(SourceFile("a/b.txt", 10, 20), "ab" * 32, article=article)
    assert pickle.loads(pickle.dumps(dump)) == dump
    data = pickle.dumps([SourceFile("a/b.txt", 10, 20), SourceFile("a/c.txt", 11, 21)])
    assert pickle.loads(data) == [SourceFile("a/b.txt", 10, 20), SourceFile("a/c.txt", 11, 21)]
    for field_name in (b"rel_path", b"size", b"mtime_ns"):
        assert field_name not in data
