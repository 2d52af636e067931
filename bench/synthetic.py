"""Synthetic parsed dumps for the loader's tests and its benchmark (no parser, no files).

`python bench/synthetic.py [--articles N] [--batch B] [--reopen]` loads N
synthetic articles (3 images, 16 links each) into a fresh warehouse, then
re-captures all of them, and prints rows/s and the manifest read/touch times.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from flows.landing import ParsedDump, SourceFile
from transforms.records import Article, Image, Rejection, RelatedLink

PUBLISHERS = ("AP News", "Reuters", "UPI", "The Guardian")
CATEGORIES = ("News", "Sports", "Entertainment", "Money", None)
ORGANIZATIONS = (("AP", None), ("Roscongress Foundation", "AP"), ("Getty Images", None))


def sha_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def synthetic_images(n: int, count: int) -> list[Image]:
    return [
        Image(
            position=i,
            caption=f"Caption {i} of article {n}",
            credit=f"Photographer {i}/{ORGANIZATIONS[i % 3][0]}",
            photographer=f"Photographer {i}",
            organization=ORGANIZATIONS[i % 3][0],
            distributor=ORGANIZATIONS[i % 3][1],
            is_file_photo=i == 2,
            is_handout=i == 1,
            photo_date=date(2025, 9, 1 + n % 28),
        )
        for i in range(count)
    ]


def synthetic_links(n: int, count: int) -> list[RelatedLink]:
    """A hub link first, then recommendation cards, like the contract's sample."""
    hub = RelatedLink(0, "hub", "Follow the coverage", url="https://example.org/hub")
    cards = [
        RelatedLink(
            position=k,
            link_type="recommended",
            title=f"Recommended story {(n + k) % 500}",
            publisher=PUBLISHERS[(n + k) % len(PUBLISHERS)],
            category=CATEGORIES[k % len(CATEGORIES)],
        )
        for k in range(1, count)
    ]
    return [hub, *cards][:count]


def synthetic_article(n: int, images: int = 3, links: int = 16, version: int = 0) -> Article:
    """Article number `n`; a different `version` is a re-capture (same id, other text)."""
    body = "\n\n".join(f"Paragraph {p} of article {n}, version {version}." for p in range(5))
    return Article(
        article_id=f"art-{n:07d}",
        title=f"Headline number {n}",
        publisher=PUBLISHERS[n % len(PUBLISHERS)],
        summary=f"Summary of article {n}" if n % 5 else None,
        authors=[f"Author {n % 97}"] if n % 3 else [],
        dateline="KYIV, Ukraine" if n % 2 else None,
        published_at=datetime(2025, 9, 1 + n % 28, 9, 14) if n % 4 == 0 else None,
        updated_at=None,
        published_date=date(2025, 9, 1 + n % 28),
        published_date_source="explicit" if n % 4 == 0 else "caption",
        body=body,
        paragraph_count=5,
        word_count=len(body.split()),
        images=synthetic_images(n, images),
        links=synthetic_links(n, links),
    )


def synthetic_dump(
    n: int,
    path: str | None = None,
    mtime_ns: int = 1_000,
    images: int = 3,
    links: int = 16,
    version: int = 0,
) -> ParsedDump:
    """A parsed dump whose bytes (hence sha) depend on the article number and version."""
    text = f"article {n} version {version} images {images} links {links}"
    return ParsedDump(
        source=SourceFile(path or f"dumps/{n:07d}.txt", len(text), mtime_ns),
        content_sha256=sha_of(text),
        article=synthetic_article(n, images, links, version),
    )


def rejected_dump(
    path: str, reason: str = "empty", content: str = "", mtime_ns: int = 1_000
) -> ParsedDump:
    return ParsedDump(
        source=SourceFile(path, len(content), mtime_ns),
        content_sha256=sha_of(content),
        rejection=Rejection(reason, f"synthetic {reason} file"),  # type: ignore[arg-type]
    )


def load_all(db: Path, dumps: list[ParsedDump], batch: int, run_id: str, reopen: bool) -> int:
    """Load `dumps` in batches; rows written. `reopen`: one connection per batch, as the flow."""
    from warehouse.db import open_writer
    from warehouse.load import load_batch

    now = datetime.now(UTC).replace(tzinfo=None)
    rows = 0
    batches = [dumps[start : start + batch] for start in range(0, len(dumps), batch)]
    with contextlib.ExitStack() as stack:
        con = None if reopen else stack.enter_context(open_writer(db))
        for part in batches:
            with contextlib.ExitStack() as per_batch:
                target = con or per_batch.enter_context(open_writer(db))
                counts = load_batch(target, part, run_id, now)
            rows += counts.articles_upserted + counts.images + counts.related_links + counts.files
    return rows


def benchmark(articles: int, batch: int, db: Path, reopen: bool) -> dict[str, float]:
    """Figures for the report: load and re-capture rows/s, skip-unchanged and touch seconds."""
    from warehouse.db import open_writer
    from warehouse.manifest import split_unchanged, touch_unchanged

    dumps = [synthetic_dump(n) for n in range(articles)]
    started = time.perf_counter()
    rows = load_all(db, dumps, batch, "bench", reopen)
    load_s = time.perf_counter() - started
    recaptures = [synthetic_dump(n, mtime_ns=2_000, version=1) for n in range(articles)]
    started = time.perf_counter()
    load_all(db, recaptures, batch, "bench-recapture", reopen)
    recapture_s = time.perf_counter() - started
    found = [d.source for d in recaptures]
    del dumps, recaptures  # as in a run: unchanged files are found before anything is parsed
    gc.collect()
    with open_writer(db) as con:
        started = time.perf_counter()
        _, unchanged = split_unchanged(con, found)
        split_s = time.perf_counter() - started
        started = time.perf_counter()
        touch_unchanged(con, unchanged, "bench-touch", datetime.now(UTC))
        touch_s = time.perf_counter() - started
    return {
        "articles": articles,
        "rows": rows,
        "load_s": load_s,
        "load_rows_per_s": rows / load_s,
        "articles_per_s": articles / load_s,
        "recapture_s": recapture_s,
        "recapture_rows_per_s": rows / recapture_s,
        "unchanged_files": len(unchanged),
        "split_unchanged_s": split_s,
        "touch_unchanged_s": touch_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--reopen", action="store_true", help="open the file per batch")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        figures = benchmark(args.articles, args.batch, db, args.reopen)
    for name, value in figures.items():
        print(f"{name:>18}: {value:,.3f}" if isinstance(value, float) else f"{name:>18}: {value:,}")


if __name__ == "__main__":
    main()
