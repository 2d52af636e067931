"""Held-out check of the figure reader's hand-written rules, one rule switched off at a time.

    .venv/bin/python bench/html_images_rules.py [--body truth|reader]

The drop / split rules of transforms/html_figures.py were written after reading errors
on the dev corpus. A rule that generalises helps on site folds other than the one
whose pages suggested it. For each rule this prints, per site fold
(bench.page_corpus.assign_folds), what switching it OFF changes: predicted captions,
matched captions and right credits, given the truth body paragraphs or (`--body reader`)
the HTML reader's own, as `newsetl run` gives them (bench/html_images_accuracy.py's
cache). A rule whose gain comes from one fold only is fitted to a site, not general.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import transforms.html_figures as figures
from bench.html_images_accuracy import (
    DEFAULT_CACHE,
    READER_CACHE_NAME,
    paragraphs_of,
    parse_html,
    reader_bodies,
)
from bench.page_corpus import CORPUS, FOLDS, assign_folds, load_pages, score_images

_NEVER = re.compile(r"(?!x)x")  # matches nothing


class _Everything(str):
    """A text that holds every string (the JSON-LD 'printed on the page' test always true)."""

    def __contains__(self, item: object) -> bool:
        return True


@contextmanager
def patched(name: str, value: object) -> Iterator[None]:
    """figures.<name> replaced by value for the duration."""
    old = getattr(figures, name)
    setattr(figures, name, value)
    try:
        yield
    finally:
        setattr(figures, name, old)


RULES: dict[str, Callable[[], object]] = {
    "chart captions dropped": lambda: patched("_is_chart", lambda caption: False),
    "date labels dropped": lambda: patched("_DATE_LABEL", _NEVER),
    "bylines dropped": lambda: patched("_BYLINE", _NEVER),
    "furniture figures dropped (disclaimers, promotions, bylines)": lambda: patched(
        "is_furniture_figure", lambda caption, credit: False
    ),
    "dated lone credits dropped": lambda: patched("_YEAR_OR_TIME", _NEVER),
    "'X by Y' / courtesy captions are credits": lambda: patched("_COURTESY", _NEVER),
    "labelled credit in caption": lambda: patched("_labelled_credit", lambda caption: None),
    "last sentence 'Courtesy X' / 'Photo by X'": lambda: patched(
        "_credit_sentence", lambda caption: None
    ),
    "label glued to the caption's last word": lambda: patched("_GLUED_LABEL", _NEVER),
    "(c) / © caption is a credit": lambda: patched("_COPYRIGHT", _NEVER),
    "[Photo: X] closing a caption": lambda: patched("_BRACKET_CREDIT", _NEVER),
    "credit-named wrapper of a caption": lambda: patched("_wraps_parts", lambda el: False),
    "figures holding a table dropped": lambda: patched(
        "NOT_PHOTO_TAGS", figures.NOT_PHOTO_TAGS - {"table"}
    ),
    "itemprop=description opens no unit alone": lambda: patched(
        "FIGURE_ONLY_CAPTION_ITEMPROPS", frozenset()
    ),
    "a caption printed twice is read once": lambda: patched("unrepeated", lambda text: text),
    "JSON-LD captions only where printed": lambda: patched(
        "_printed_text", lambda tree: _Everything()
    ),
    "last sentence names an agency / library": lambda: patched(
        "_agency_sentence", lambda caption: None
    ),
}


def fold_counts(pages: list, trees: list, folds: list[int]) -> list[list[int]]:
    """[predicted, matched, credits right] per fold."""
    counts = [[0, 0, 0] for _ in range(FOLDS)]
    for page, (tree, body), fold in zip(pages, trees, folds, strict=True):
        images = figures.article_images(tree, body)
        score = score_images([(i.caption, i.credit) for i in images], page.images, "", "")
        row = counts[fold]
        row[0] += score.predicted
        row[1] += score.matched
        row[2] += score.credits_ok
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--body", choices=["truth", "reader"], default="truth")
    args = parser.parse_args()
    pages = load_pages()
    folds = assign_folds(pages)
    if args.body == "reader":
        bodies = reader_bodies(pages, DEFAULT_CACHE.with_name(READER_CACHE_NAME))
    else:
        bodies = {p.page_id: p.truth["body"] for p in pages}
    trees = [
        (
            parse_html(gzip.decompress((CORPUS / "html" / f"{p.page_id}.html.gz").read_bytes())),
            paragraphs_of(bodies[p.page_id], "\n\n"),
        )
        for p in pages
    ]
    base = fold_counts(pages, trees, folds)
    print("rule switched off: change per fold in (predicted, matched, credits right)")
    print(f"{'all rules on':42}" + "".join(f"  f{f} {tuple(base[f])!s:15}" for f in range(FOLDS)))
    for name, switch in RULES.items():
        with switch():
            off = fold_counts(pages, trees, folds)
        deltas = [tuple(o - b for o, b in zip(off[f], base[f], strict=True)) for f in range(FOLDS)]
        print(f"{name:42}" + "".join(f"  f{f} {d!s:15}" for f, d in enumerate(deltas)))


if __name__ == "__main__":
    main()
