"""Single-core parser throughput: dumps/s and MB/s of transforms.parse_dump on bytes in memory.

Usage:  python bench/parse_speed.py [--sample-reps 2000] [--fixture-reps 50] [--corpus 2000]
                                    [--corpus-reps 3] [--pages DIR] [--pages-reps 3]
                                    [--html DIR] [--html-reps 1] [--html-only]

Five workloads: the real sample (tests/fixtures/dumps/apnews-putin-legitimate-targets.txt)
parsed repeatedly, every fixture dump, a generated corpus (bench/make_corpus.py,
seed 0, written to a temporary folder; `--corpus 0` skips it), and real whole-page
captures (`--pages DIR`, by default the development corpus's text/ beside the
repository; skipped when it is not there), and HTML pages (`--html DIR`, by default the
corpus's html/: the `.html.gz` files as read from disk, so gunzip is timed too), with
the HTML read split into its stages (lxml parse, page_meta, body_paragraphs,
find_container, article_images, article_links, the rest; the container found once
and handed to both, as read_html does). File reads are done
before timing, so the figures are parse time only: CPU time per dump (fastest pass
of the repetitions, and the median) and dumps/s on one core.

The parser caches a few results by line text (vocabulary keys, recommendation
lines, credit strength and parts, caption dates), which also hit across dumps when the
same dump is parsed again. `--cold` empties those caches before every dump:
the worst case, as if no line had ever been seen before.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from transforms import parse_dump  # noqa: E402

SAMPLE = ROOT / "tests" / "fixtures" / "dumps" / "apnews-putin-legitimate-targets.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "dumps"
DEV_PAGES = ROOT.parent / "shared" / "corpora" / "news-pages-dev" / "text"
DEV_HTML = DEV_PAGES.parent / "html"


def transforms_caches() -> list[functools._lru_cache_wrapper]:
    """Every lru_cache in the transforms modules."""
    return [
        obj
        for name, module in sys.modules.items()
        if name.startswith("transforms.")
        for obj in vars(module).values()
        if isinstance(obj, functools._lru_cache_wrapper)
    ]


def measure(name: str, dumps: list[bytes], reps: int, *, cold: bool) -> None:
    """Parse every dump `reps` times and print the rate.

    CPU time of this process (time.process_time), not wall time: the machine is
    shared, and CPU seconds do not stretch when other work takes the cores. Each
    pass over the dumps is timed on its own and the fastest pass is reported
    (the least disturbed), next to the median.
    """
    for data in dumps:  # warm up (regex compilation, imports) outside the timing
        parse_dump(data)
    caches = transforms_caches() if cold else []
    passes: list[float] = []
    for _ in range(reps):
        gc.collect()
        seconds = 0.0
        for data in dumps:
            for cache in caches:
                cache.cache_clear()
            started = time.process_time()
            parse_dump(data)
            seconds += time.process_time() - started
        passes.append(seconds)
    best, median = min(passes), sorted(passes)[len(passes) // 2]
    count = len(dumps)
    megabytes = sum(len(d) for d in dumps) / 1e6
    print(
        f"{name:<28} {count:>6} dumps x {reps:<5} CPU {1e3 * best / count:6.3f} ms/dump "
        f"(median {1e3 * median / count:.3f})  {count / best:7.0f} dumps/s per core  "
        f"{megabytes / best:6.2f} MB/s"
    )


def measure_html_stages(pages: list[bytes]) -> None:
    """CPU ms per page of each stage of the HTML read, one pass (the modules' own timing)."""
    from transforms.decode import gunzip_bounded, is_gzip
    from transforms.html_body import body_paragraphs
    from transforms.html_container import find_container
    from transforms.html_figures import article_images
    from transforms.html_links import article_links
    from transforms.html_meta import page_meta
    from transforms.html_reader import parse_document

    stages = dict.fromkeys(("gunzip", "lxml parse", "page_meta", "body_paragraphs",
                            "find_container", "images", "links", "whole parse_dump"),
                           0.0)  # fmt: skip
    for data in pages:
        clock = time.process_time()
        raw = gunzip_bounded(data, 1 << 30) if is_gzip(data) else data
        assert isinstance(raw, bytes)
        stages["gunzip"] -= clock - (clock := time.process_time())
        tree = parse_document(raw)
        stages["lxml parse"] -= clock - (clock := time.process_time())
        if tree is None:
            continue
        meta = page_meta(tree)
        stages["page_meta"] -= clock - (clock := time.process_time())
        body = body_paragraphs(tree)
        stages["body_paragraphs"] -= clock - (clock := time.process_time())
        container = find_container(tree, body)  # found once and shared, as read_html does
        stages["find_container"] -= clock - (clock := time.process_time())
        article_images(tree, body, container)
        stages["images"] -= clock - (clock := time.process_time())
        article_links(tree, body, meta.url, container)
        stages["links"] -= clock - (clock := time.process_time())
        parse_dump(data)
        stages["whole parse_dump"] -= clock - (clock := time.process_time())
    parts = sum(v for k, v in stages.items() if k != "whole parse_dump")
    stages["rest (reader, ids, ...)"] = max(0.0, stages["whole parse_dump"] - parts)
    print("  HTML stages, CPU ms per page: " + ", ".join(
        f"{name} {1e3 * seconds / len(pages):.2f}" for name, seconds in stages.items()
    ))  # fmt: skip


def corpus_dumps(n: int) -> list[bytes]:
    from make_corpus import generate_corpus

    with tempfile.TemporaryDirectory() as tmp:
        generate_corpus(n, Path(tmp), seed=0, workers=1)
        return [p.read_bytes() for p in sorted(Path(tmp).rglob("*")) if p.is_file()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample-reps", type=int, default=2000)
    parser.add_argument("--fixture-reps", type=int, default=50)
    parser.add_argument("--corpus", type=int, default=2000, help="generated dumps (0: skip)")
    parser.add_argument("--corpus-reps", type=int, default=3, help="passes over the corpus")
    parser.add_argument("--pages", type=Path, default=DEV_PAGES, help="whole-page captures")
    parser.add_argument("--pages-reps", type=int, default=3, help="passes over the pages")
    parser.add_argument("--html", type=Path, default=DEV_HTML, help="HTML pages (.html.gz ok)")
    parser.add_argument("--html-reps", type=int, default=1, help="passes over the HTML pages")
    parser.add_argument("--html-only", action="store_true", help="only the HTML workload")
    parser.add_argument("--cold", action="store_true", help="empty the caches before each dump")
    args = parser.parse_args()
    gc.collect()
    if args.html_only:
        return measure_html(args.html, args.html_reps, cold=args.cold)
    measure("sample (5.6 KB)", [SAMPLE.read_bytes()], args.sample_reps, cold=args.cold)
    fixtures = [p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.is_file()]
    measure(f"fixtures ({len(fixtures)} files)", fixtures, args.fixture_reps, cold=args.cold)
    if args.corpus > 0:
        corpus = corpus_dumps(args.corpus)
        measure(f"generated corpus ({args.corpus})", corpus, args.corpus_reps, cold=args.cold)
    if args.pages.is_dir():
        pages = [p.read_bytes() for p in sorted(args.pages.iterdir()) if p.is_file()]
        measure(f"page captures ({len(pages)})", pages, args.pages_reps, cold=args.cold)
    return measure_html(args.html, args.html_reps, cold=args.cold)


def measure_html(folder: Path, reps: int, *, cold: bool) -> int:
    if folder.is_dir():
        pages = [p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()]
        measure(f"HTML pages ({len(pages)})", pages, reps, cold=cold)
        measure_html_stages(pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
