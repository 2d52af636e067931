"""Score transforms.html_meta.page_meta on the dev corpus's html/: title, date, authors.

    .venv/bin/python bench/html_meta_accuracy.py [--details N] [--field title|date|authors]

Each page is parsed once with `lxml.html.document_fromstring` (not timed); page_meta is
timed alone on one core (median and p90 over pages, best of `--repeat` runs per page), in
CPU time of this process, so that other processes sharing the machine do not count.
Figures are per site fold (bench/page_corpus.py: assign_folds) and overall, with the
metrics of the corpus README (title exact after whitespace folding and casefolding,
`YYYY-MM-DD` date, sets of normalised author names). `--details N` lists up to N misses
per field with what was expected and what was read.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.page_corpus import CORPUS, FOLDS, assign_folds, authors_equal, load_pages, norm_title
from transforms.html_meta import HtmlMeta, page_meta

FIELDS = ("title", "date", "authors")


def field_ok(meta: HtmlMeta, truth: dict) -> dict[str, bool]:
    """Whether each scored field of `meta` equals the truth."""
    got_date = meta.published_date.isoformat() if meta.published_date else None
    return {
        "title": norm_title(meta.title) == norm_title(truth["title"]),
        "date": got_date == truth["date"],
        "authors": authors_equal(list(meta.authors), truth["authors"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", type=int, default=0, help="misses listed per field")
    parser.add_argument("--field", choices=FIELDS, help="list misses of this field only")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per page (best kept)")
    args = parser.parse_args()

    pages = load_pages()
    folds = assign_folds(pages)
    results = []
    timings = []
    for page, fold in zip(pages, folds, strict=True):
        raw = gzip.decompress((CORPUS / "html" / f"{page.page_id}.html.gz").read_bytes())
        tree = lxml.html.document_fromstring(raw)
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            start = time.process_time()
            meta = page_meta(tree)
            best = min(best, time.process_time() - start)
        timings.append(best * 1000)
        results.append((page, fold, meta, field_ok(meta, page.truth)))

    print(f"{'fold':>6} {'pages':>6} " + " ".join(f"{f:>8}" for f in FIELDS))
    for fold in [*range(FOLDS), None]:
        rows = [r for r in results if fold is None or r[1] == fold]
        shares = [sum(r[3][f] for r in rows) / len(rows) for f in FIELDS]
        name = "all" if fold is None else str(fold)
        print(f"{name:>6} {len(rows):>6} " + " ".join(f"{s:>8.3f}" for s in shares))
    no_title = sum(1 for r in results if not r[2].title)
    timings.sort()
    p90 = timings[int(0.9 * (len(timings) - 1))]
    print(f"pages without a title: {no_title}")
    print(f"page_meta ms/page (1 core): median {statistics.median(timings):.2f}, "
          f"p90 {p90:.2f}, max {timings[-1]:.2f}")  # fmt: skip

    if args.details:
        for field in [args.field] if args.field else FIELDS:
            misses = [r for r in results if not r[3][field]]
            print(f"\n== {field}: {len(misses)} misses")
            for page, fold, meta, _ in misses[: args.details]:
                want, got = {
                    "title": (page.truth["title"], meta.title),
                    "date": (page.truth["date"], (meta.published_at, meta.updated_at)),
                    "authors": (page.truth["authors"], list(meta.authors)),
                }[field]
                print(f"{page.page_id} [{fold}] {page.site}\n  want {want!r}\n  got  {got!r}")


if __name__ == "__main__":
    main()
