"""Cross-validate the thresholds of transforms/html_meta.py over site folds.

    .venv/bin/python bench/tune_html_meta.py

The tuned values are MIN_AGREEMENT (how many of the longer title's words an `<h1>` must
share with a metadata title to be the same headline), MIN_HEADLINE_WORDS (how long an
`<h1>` agreeing with no metadata must be to count as the headline) and HEADER_LEVELS (how
far above the `<h1>` the byline and date are looked for). For each of the 5 site folds
(bench/page_corpus.py: assign_folds) the grid point with the best title + date + authors
score on the other four folds is chosen and scored on the held-out fold; the figures
printed under "held-out" are those, never the training fit. The shipped values are the
ones the whole corpus picks, printed last.
"""

from __future__ import annotations

import gzip
import itertools
import sys
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.html_meta_accuracy import FIELDS, field_ok
from bench.page_corpus import CORPUS, FOLDS, assign_folds, load_pages
from transforms import html_meta

GRID = {
    "MIN_AGREEMENT": (0.3, 0.5, 0.7),
    "MIN_HEADLINE_WORDS": (1, 3, 5),
    "HEADER_LEVELS": (2, 3, 5),
}


def main() -> None:
    pages = load_pages()
    folds = assign_folds(pages)
    trees = [
        lxml.html.document_fromstring(
            gzip.decompress((CORPUS / "html" / f"{p.page_id}.html.gz").read_bytes())
        )
        for p in pages
    ]
    shipped = {name: getattr(html_meta, name) for name in GRID}
    points = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    # per grid point, per page: (title, date, authors) right or not
    results: list[list[tuple[bool, ...]]] = []
    for point in points:
        for name, value in point.items():
            setattr(html_meta, name, value)
        results.append(
            [
                tuple(field_ok(html_meta.page_meta(tree), page.truth)[f] for f in FIELDS)
                for tree, page in zip(trees, pages, strict=True)
            ]
        )
    for name, value in shipped.items():
        setattr(html_meta, name, value)

    def score(i: int, keep: set[int]) -> float:
        rows = [r for r, fold in zip(results[i], folds, strict=True) if fold in keep]
        return sum(sum(r) for r in rows) / len(rows)

    print(
        f"{'fold':>5} {'pages':>6} "
        + " ".join(f"{f:>8}" for f in FIELDS)
        + "  chosen on the other folds"
    )
    held_out: list[tuple[bool, ...]] = []
    for fold in range(FOLDS):
        train = set(range(FOLDS)) - {fold}
        # (ties go to the shipped values: the grid is flat where the corpus cannot tell)
        best = max(range(len(points)), key=lambda i: (score(i, train), points[i] == shipped))
        rows = [r for r, f in zip(results[best], folds, strict=True) if f == fold]
        held_out.extend(rows)
        shares = [sum(r[k] for r in rows) / len(rows) for k in range(len(FIELDS))]
        print(
            f"{fold:>5} {len(rows):>6} "
            + " ".join(f"{s:>8.3f}" for s in shares)
            + f"  {points[best]}"
        )
    shares = [sum(r[k] for r in held_out) / len(held_out) for k in range(len(FIELDS))]
    print(f"{'held-out':>12} " + " ".join(f"{s:>8.3f}" for s in shares))
    everything = set(range(FOLDS))
    best = max(range(len(points)), key=lambda i: (score(i, everything), points[i] == shipped))
    print(f"chosen on all folds: {points[best]}; shipped: {shipped}")
    totals = sorted((score(i, everything), i) for i in range(len(points)))
    for label, (total, i) in (("worst", totals[0]), ("best", totals[-1])):
        print(f"  {label} grid point: mean of the three fields {total / len(FIELDS):.3f}"
              f" at {points[i]} (ties: the shipped point scores the same)")  # fmt: skip


if __name__ == "__main__":
    main()
