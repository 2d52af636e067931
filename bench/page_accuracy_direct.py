"""Score transforms.page_reader.read_page on the news-pages-dev captures, field by field.

    python bench/page_accuracy_direct.py            # held-out: 5 site folds, each scored by a
                                                    # model fit on the other four (needs
                                                    # scikit-learn: pip install scikit-learn)
    python bench/page_accuracy_direct.py --shipped  # the shipped model on every page (a
                                                    # TRAINING fit: not a generalisation figure)

Prints per fold and overall: body P/R/F1 (the corpus README's metric), title, date and
authors accuracy, image caption precision/recall against images.json entries in the
capture, credit exactness on matched captions, captions left in the body, pages
without output and why, and the parse time per page.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from page_corpus import (
    FOLDS,
    Page,
    PageResult,
    assign_folds,
    authors_equal,
    body_pr,
    corpus_figures,
    load_pages,
    norm_title,
)

from transforms.page_model import PageModel, shipped_model
from transforms.page_reader import read_page
from transforms.records import Article


def score_page(page: Page, fold: int, model: PageModel) -> PageResult:
    """read_page on one capture, scored against the truth and the in-capture images."""
    score = PageResult(page.page_id, fold=fold)
    t0 = time.perf_counter()
    result = read_page(page.text, model)
    score.seconds = time.perf_counter() - t0
    truth = page.truth
    entries = [e for e in page.images if e["in_capture"]]
    if not isinstance(result, Article):
        score.missing = f"{result.reason}: {result.detail}"
        score.captions_truth = len(entries)
        return score
    score.title = result.title
    score.body_p, score.body_r = body_pr(result.body, truth["body"])
    score.title_ok = norm_title(result.title) == norm_title(truth["title"])
    got_date = result.published_date.isoformat() if result.published_date else None
    score.date_ok = got_date == truth["date"]
    score.authors_ok = authors_equal(result.authors, truth["authors"])
    pairs = [(image.caption, image.credit) for image in result.images]
    score.add_images(pairs, entries, result.body, truth["body"])
    return score


def cross_validate(data: list, salt: str = "") -> list[PageResult]:
    """Held-out scores: each fold read by a model fit on the other four folds' sites.

    `salt`: another partition of the sites into folds (bench/page_corpus.assign_folds).
    """
    from train_page_model import fold_models

    folds = assign_folds([d.page for d in data], salt=salt)
    scores = []
    for k in range(FOLDS):
        t0 = time.time()
        model = fold_models(data, folds, k)
        for d, f in zip(data, folds, strict=True):
            if f == k:
                scores.append(score_page(d.page, k, model))
        print(f"fold {k} trained and scored in {time.time() - t0:.0f}s", flush=True)
    return scores


def summary(scores: list[PageResult]) -> dict[str, float]:
    """The corpus figures of a set of page scores, and the read time per page."""
    n = len(scores) or 1
    return {**corpus_figures(scores), "ms_per_page": 1000 * sum(s.seconds for s in scores) / n}


def summary_line(label: str, scores: list[PageResult]) -> str:
    m = summary(scores)
    return (
        f"{label:8} pages={len(scores):3} body P={m['body_p']:.3f} R={m['body_r']:.3f}"
        f" F1={m['body_f1']:.3f} title={m['title']:.3f} date={m['date']:.3f}"
        f" authors={m['authors']:.3f} capP={m['caption_p']:.3f} capR={m['caption_r']:.3f}"
        f" credit={m['credit_exact']:.3f} cap_in_body={m['captions_in_body']}"
        f" no_output={m['without_row']} ms/page={m['ms_per_page']:.1f}"
    )


def print_report(scores: list[PageResult]) -> None:
    for k in sorted({s.fold for s in scores}):
        print(summary_line(f"fold {k}", [s for s in scores if s.fold == k]))
    print(summary_line("overall", scores))
    reasons = Counter(s.missing for s in scores if s.missing)
    for reason, count in reasons.most_common():
        print(f"  no output ({count}): {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shipped", action="store_true", help="the shipped model (training fit)")
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    pages = load_pages()
    if args.pages:
        pages = pages[: args.pages]
    if args.shipped:
        model = shipped_model()
        folds = assign_folds(pages)
        print("shipped model, fit on every page: a TRAINING fit, not held-out")
        print_report([score_page(p, f, model) for p, f in zip(pages, folds, strict=True)])
        return
    from train_page_model import prepare

    print_report(cross_validate(prepare(pages)))


if __name__ == "__main__":
    main()
