"""Photo captions and credits read from the dev corpus's html/, against images.json.

    .venv/bin/python bench/html_images_accuracy.py [--body truth|trafilatura|reader|both]
        [--details N] [--cache PATH]

For every page, `transforms.html_figures.article_images` is given the article's body
paragraphs: the truth body split on blank lines (what a perfect body reader gives),
trafilatura's `bare_extraction(...).text` split on newlines (what a real one gives;
cached in --cache since trafilatura costs more than everything measured here), or the
HTML reader's own body (`reader`: the paragraphs of the article `read_html` returns,
on the tree `transforms.html_reader.parse_document` parses, as `newsetl run` does;
cached beside --cache). `both` is truth and trafilatura. Scored
with `bench.page_corpus.score_images` against ALL images.json entries (not only those in
the capture), aggregated as bench/accuracy.py does: caption P = matched / predicted and
R = matched / truth summed over pages, credit exact = right credits / matched captions.
Printed per site fold (bench.page_corpus.assign_folds) and overall, with the truth
captions of 4+ words that the body given still holds, and the median time of
find_container (once, as read_html does) + article_images + article_links per page on
one core (CPU time of this process, the fastest of 3 runs: the machine may be shared).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.page_corpus import CORPUS, FOLDS, assign_folds, load_pages, score_images
from transforms.html_container import find_container
from transforms.html_figures import article_images
from transforms.html_links import article_links
from transforms.html_reader import parse_document

REPEATS = 3
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "newsetl-trafilatura-bodies.json"
READER_CACHE_NAME = "newsetl-reader-bodies.json"  # beside --cache


def trafilatura_bodies(pages: list, cache: Path) -> dict[str, str]:
    """trafilatura's body text per page id, computed once and kept in `cache`."""
    if cache.exists():
        bodies = json.loads(cache.read_text(encoding="utf-8"))
        if all(p.page_id in bodies for p in pages):
            return bodies
    from trafilatura import bare_extraction

    bodies = {}
    for page in pages:
        html = gzip.decompress((CORPUS / "html" / f"{page.page_id}.html.gz").read_bytes())
        doc = bare_extraction(html.decode("utf-8", "replace"), with_metadata=False)
        bodies[page.page_id] = (doc.text if doc is not None else "") or ""
    cache.write_text(json.dumps(bodies), encoding="utf-8")
    return bodies


def reader_bodies(pages: list, cache: Path) -> dict[str, str]:
    """The HTML reader's body per page id (paragraphs joined by blank lines), kept in
    `cache`: what `newsetl run` hands the figure reader (a page read_html rejects gets "")."""
    if cache.exists():
        bodies = json.loads(cache.read_text(encoding="utf-8"))
        if all(p.page_id in bodies for p in pages):
            return bodies
    from transforms.html_reader import read_html
    from transforms.records import Article

    bodies = {}
    for page in pages:
        article = read_html(page_bytes(page))
        bodies[page.page_id] = article.body if isinstance(article, Article) else ""
    cache.write_text(json.dumps(bodies), encoding="utf-8")
    return bodies


def page_bytes(page) -> bytes:
    return gzip.decompress((CORPUS / "html" / f"{page.page_id}.html.gz").read_bytes())


def parse_html(raw: bytes):
    """The page parsed as the HTML reader parses it (its decoding, its parser options)."""
    return parse_document(raw)


def _parse_time(raw: bytes) -> float:
    start = time.process_time()
    parse_html(raw)
    return time.process_time() - start


def paragraphs_of(text: str, sep: str) -> list[str]:
    return [p.strip() for p in text.split(sep) if p.strip()]


def run(
    pages: list, bodies: dict[str, list[str]], body_text: dict[str, str], details: int, label: str
) -> None:
    folds = assign_folds(pages)
    per_fold = {f: [0, 0, 0, 0, 0] for f in range(FOLDS)}
    times: list[float] = []
    parse_times: list[float] = []
    link_counts: list[int] = []
    worst = []
    for page, fold in zip(pages, folds, strict=True):
        raw = gzip.decompress((CORPUS / "html" / f"{page.page_id}.html.gz").read_bytes())
        tree = parse_html(raw)
        body = bodies[page.page_id]
        best = float("inf")
        for _ in range(REPEATS):  # the fastest of a few runs: the machine is shared
            start = time.process_time()
            container = find_container(tree, body)  # once for both, as read_html does
            images = article_images(tree, body, container)
            links = article_links(tree, body, page.truth.get("url"), container)
            best = min(best, time.process_time() - start)
        times.append(best)
        parse_times.append(min(_parse_time(raw) for _ in range(REPEATS)))
        link_counts.append(len(links))
        predicted = [(i.caption, i.credit) for i in images]
        score = score_images(predicted, page.images, body_text[page.page_id], page.truth["body"])
        row = per_fold[fold]
        row[0] += score.predicted
        row[1] += score.truth
        row[2] += score.matched
        row[3] += score.credits_ok
        row[4] += score.captions_in_body
        errors = (
            (score.predicted - score.matched)
            + (score.truth - score.matched)
            + (score.matched - score.credits_ok)
        )
        if errors:
            worst.append((errors, page, predicted))
    print(f"== body: {label}")
    print("fold  pred  truth  match  caption P  caption R  credit exact  captions in body")
    total = [0, 0, 0, 0, 0]
    for fold, row in per_fold.items():
        total = [a + b for a, b in zip(total, row, strict=True)]
        _print_row(str(fold), row)
    _print_row("all", total)
    times.sort()
    print(
        "time find_container + article_images + article_links: median"
        f" {statistics.median(times) * 1000:.2f} ms"
        f"  p90 {times[int(len(times) * 0.9)] * 1000:.2f} ms  max {times[-1] * 1000:.1f} ms"
    )
    print(
        f"  for scale, lxml parsing the same pages: median"
        f" {statistics.median(parse_times) * 1000:.2f} ms (ours / parse"
        f" {statistics.median(times) / statistics.median(parse_times):.2f})"
    )
    counts = sorted(link_counts)
    print(
        f"links per page: median {statistics.median(counts)}"
        f"  p90 {counts[int(len(counts) * 0.9)]}  max {counts[-1]}"
        f"  pages without {sum(1 for c in counts if c == 0)}"
    )
    worst.sort(key=lambda w: -w[0])
    for errors, page, predicted in worst[:details]:
        print(f"\n-- {page.page_id} {page.truth.get('url')}  ({errors} errors)")
        for caption, credit in predicted:
            print(f"   got   {caption[:90]!r} | {credit!r}")
        for entry in page.images:
            print(f"   truth {entry['caption'][:90]!r} | {entry['credit']!r}")


def _print_row(name: str, row: list[int]) -> None:
    pred, truth, matched, credits, in_body = row
    p = matched / pred if pred else 0.0
    r = matched / truth if truth else 0.0
    c = credits / matched if matched else 0.0
    print(
        f"{name:>4}  {pred:4d}  {truth:5d}  {matched:5d}  {p:9.3f}  {r:9.3f}  {c:12.3f}"
        f"  {in_body:16d}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--body", choices=["truth", "trafilatura", "reader", "both"], default="both"
    )
    parser.add_argument("--details", type=int, default=0, help="print the N worst pages")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    pages = load_pages()
    if args.body in ("truth", "both"):
        bodies = {p.page_id: paragraphs_of(p.truth["body"], "\n\n") for p in pages}
        texts = {p.page_id: p.truth["body"] for p in pages}
        run(pages, bodies, texts, args.details, "truth body, split on blank lines")
    if args.body in ("trafilatura", "both"):
        raw = trafilatura_bodies(pages, args.cache)
        bodies = {pid: paragraphs_of(text, "\n") for pid, text in raw.items()}
        run(pages, bodies, raw, args.details, "trafilatura bare_extraction(...).text paragraphs")
    if args.body == "reader":
        raw = reader_bodies(pages, args.cache.with_name(READER_CACHE_NAME))
        bodies = {pid: paragraphs_of(text, "\n\n") for pid, text in raw.items()}
        run(pages, bodies, raw, args.details, "the HTML reader's body (read_html)")


if __name__ == "__main__":
    main()
