"""Train the full-page reader's model and write transforms/page_model.json.

Needs scikit-learn, which is a training-time tool only (the shipped scorer is pure
Python): `pip install scikit-learn`.

    python bench/train_page_model.py            # 5-fold site-grouped CV, then fit all, write
    python bench/train_page_model.py --cv-only  # the held-out figures only
    python bench/train_page_model.py --cv-only --repeats 5  # and their spread over 5 other
                                                            # partitions of the sites

Steps:
1. every corpus page (normalised as a run reads it) -> lines -> features
   (transforms/page_lines.py), labelled body when most of a line's 4-token shingles are
   in the truth body;
2. a gradient-boosted line classifier, then a second stage that rescores each line from
   the first-stage scores around it (page_lines.context_features); both are fit on all
   pages, and inner site folds give every page scores from models that never saw its
   site, which is what the later stages learn from;
3. on those final scores, each training page's article block (transforms/page_body.py)
   gives the title candidates, labelled by equality with the truth title, and the
   caption candidates, labelled by the truth captions; each feeds its own classifier;
4. cross-validation: five folds of whole sites; for each fold, models fit on the other
   four are run through read_page on the held-out fold's pages and scored
   (bench/page_accuracy_direct.py prints the same figures field by field);
5. the final model is fit on every page and written as JSON trees.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from page_corpus import (
    Page,
    assign_folds,
    body_line_labels,
    caption_matches,
    load_pages,
    norm_title,
)

from transforms.page_body import best_block, kept_lines
from transforms.page_caption_features import (
    CAPTION_FEATURES,
    caption_candidates,
    caption_rows,
    glued_credit,
)
from transforms.page_captions import caption_parts
from transforms.page_lines import (
    CONTEXT_FEATURES,
    FEATURE_NAMES,
    OWN_FEATURES,
    PageLine,
    context_features,
    line_features,
    line_own_features,
    page_lines,
)
from transforms.page_model import MODEL_PATH, PageModel, model_from_dict
from transforms.page_title import TITLE_FEATURES, candidate_indices, title_features

PARAMS = {
    "block_threshold": 0.35,
    "keep_threshold": 0.45,
    "bridge_threshold": 0.2,
    "min_body_words": 40.0,
    "caption_threshold": 0.3,
    "not_body_threshold": 0.06,
    "not_body_length_power": 0.5,
}
# Every tree is fit on all the training pages, always with the same number of rounds
# (scikit-learn would otherwise hold out a random tenth of a large set to decide when to
# stop, which makes the model move with any change to the corpus).
_FIXED = {"early_stopping": False}
CAPTION_GBM = {
    "max_iter": 100,
    "max_leaf_nodes": 15,
    "learning_rate": 0.1,
    "min_samples_leaf": 10,
    **_FIXED,
}
LINE_GBM = {
    "max_iter": 120,
    "max_leaf_nodes": 15,
    "learning_rate": 0.1,
    "min_samples_leaf": 40,
    **_FIXED,
}
TITLE_GBM = {"max_iter": 80, "max_leaf_nodes": 8, "learning_rate": 0.1, "min_samples_leaf": 20,
             **_FIXED}  # fmt: skip
_WORDS = OWN_FEATURES.index("words")
INNER_FOLDS = 4  # site folds for the out-of-fold line scores the later stages learn from
USE_CONTEXT = True  # False: the first stage alone (to measure what the second adds)
CONTEXT_GBM = {"max_iter": 60, "max_leaf_nodes": 15, "learning_rate": 0.1, "min_samples_leaf": 40,
               **_FIXED}  # fmt: skip


@dataclass(slots=True)
class PageData:
    """A page's lines, features and labels, computed once."""

    page: Page
    lines: list[PageLine]
    own: list[list[float]]
    features: list[list[float]]
    labels: list[int]


def prepare(pages: list[Page]) -> list[PageData]:
    """Features and body labels of every page."""
    out = []
    for page in pages:
        lines = page_lines(page.text)
        own = [line_own_features(line) for line in lines]
        features = line_features(lines, own)
        labels = body_line_labels([line.text for line in lines], page.truth["body"])
        out.append(PageData(page, lines, own, features, labels))
    return out


def export_ensemble(clf: HistGradientBoostingClassifier, names: tuple[str, ...]) -> dict:
    """A fitted binary HistGradientBoostingClassifier as {features, baseline, trees}."""
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        leaves = nodes["is_leaf"]
        feature = [
            -1 if leaf else int(f) for f, leaf in zip(nodes["feature_idx"], leaves, strict=True)
        ]
        trees.append(
            [
                feature,
                [round(float(t), 6) for t in nodes["num_threshold"]],
                [int(v) for v in nodes["left"]],
                [int(v) for v in nodes["right"]],
                [round(float(v), 6) for v in nodes["value"]],
            ]
        )
    return {"features": list(names), "baseline": float(np.ravel(clf._baseline_prediction)[0]),
            "trees": trees}  # fmt: skip


def fit_line(data: list[PageData]) -> HistGradientBoostingClassifier:
    X = np.array([row for d in data for row in d.features], dtype=float)
    y = np.array([label for d in data for label in d.labels])
    return HistGradientBoostingClassifier(random_state=0, **LINE_GBM).fit(X, y)


def title_rows(d: PageData, probs: list[float]) -> tuple[list[list[float]], list[int]]:
    """Title candidate features and labels for one page, the block placed by `probs`."""
    words = [row[_WORDS] for row in d.own]
    block = best_block(probs, words, PARAMS["block_threshold"])
    if block is None:
        return [], []
    body = kept_lines(probs, block, PARAMS["keep_threshold"])
    start = body[0] if body else block[0]
    candidates = candidate_indices(d.own, d.lines, start)
    truth = norm_title(d.page.truth["title"])
    rows = title_features(d.lines, d.own, probs, body, candidates)
    return rows, [int(norm_title(d.lines[i].text) == truth) for i in candidates]


def caption_label(text: str, truth: list[str]) -> int:
    """1 when the line (its credit split off) is one of the page's truth captions."""
    parts = caption_parts(text)
    glued = glued_credit(text)
    caption = parts.caption if parts is not None and parts.caption else text
    if glued is not None and (parts is None or not parts.caption):
        caption = glued[0]
    return int(any(caption_matches(caption, t) for t in truth))


def caption_training_rows(d: PageData, probs: list[float]) -> tuple[list[list[float]], list[int]]:
    """Caption candidate features and labels for one page, the block placed by `probs`."""
    words = [row[_WORDS] for row in d.own]
    block = best_block(probs, words, PARAMS["block_threshold"])
    if block is None:
        return [], []
    candidates = caption_candidates(d.own, probs, block)
    truth = [e["caption"] for e in d.page.images if e["caption"] and e["in_capture"]]
    rows = caption_rows(d.lines, d.features, probs, block, candidates)
    return rows, [caption_label(d.lines[i].text, truth) for i in candidates]


def _fit(X: list[list[float]], y: list[int], params: dict) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(random_state=0, **params).fit(
        np.array(X, dtype=float), np.array(y)
    )


def _scores(clf: HistGradientBoostingClassifier, X: list[list[float]]) -> list[float]:
    return list(clf.predict_proba(np.array(X, dtype=float))[:, 1]) if X else []


def _context_rows(data: list[PageData], first: list[list[float]]) -> list[list[list[float]]]:
    return [context_features(d.own, p) for d, p in zip(data, first, strict=True)]


def fit_context(
    data: list[PageData], rows: list[list[list[float]]]
) -> HistGradientBoostingClassifier:
    """The second stage, from first-stage scores of lines their model did not see."""
    X = [r for page in rows for r in page]
    y = [label for d in data for label in d.labels]
    return _fit(X, y, CONTEXT_GBM)


def out_of_fold_scores(data: list[PageData]) -> tuple[list[list[float]], list[list[float]]]:
    """Each page's first-stage and final line scores from models that did not see its site.

    The second stage learns from first-stage scores of unseen pages, and the title and
    caption ensembles from final scores of unseen pages, rather than from in-sample
    scores, which are surer than any the shipped model gives a page of a new site.
    """
    folds = assign_folds([d.page for d in data], INNER_FOLDS)
    first: list[list[float]] = [[] for _ in data]
    for k in range(INNER_FOLDS):
        line = fit_line([d for d, f in zip(data, folds, strict=True) if f != k])
        for i, (d, f) in enumerate(zip(data, folds, strict=True)):
            if f == k:
                first[i] = _scores(line, d.features)
    if not USE_CONTEXT:
        return first, first
    rows = _context_rows(data, first)
    final: list[list[float]] = [[] for _ in data]
    for k in range(INNER_FOLDS):
        train_idx = [i for i, f in enumerate(folds) if f != k]
        context = fit_context([data[i] for i in train_idx], [rows[i] for i in train_idx])
        for i, f in enumerate(folds):
            if f == k:
                final[i] = _scores(context, rows[i])
    return first, final


def train(data: list[PageData]) -> dict:
    """Fit every ensemble on `data`; the model as the JSON-ready dict."""
    line = fit_line(data)
    first, final = out_of_fold_scores(data)
    X_title, y_title, X_caption, y_caption = [], [], [], []
    for d, probs in zip(data, final, strict=True):
        rows, labels = title_rows(d, probs)
        X_title += rows
        y_title += labels
        rows, labels = caption_training_rows(d, probs)
        X_caption += rows
        y_caption += labels
    model = {
        "line": export_ensemble(line, FEATURE_NAMES),
        "title": export_ensemble(_fit(X_title, y_title, TITLE_GBM), TITLE_FEATURES),
        "caption": export_ensemble(_fit(X_caption, y_caption, CAPTION_GBM), CAPTION_FEATURES),
        "params": PARAMS,
    }
    if USE_CONTEXT:
        context = fit_context(data, _context_rows(data, first))
        model["context"] = export_ensemble(context, CONTEXT_FEATURES)
    return model


def fold_models(data: list[PageData], folds: list[int], k: int) -> PageModel:
    """The model fit on every fold but k."""
    return model_from_dict(train([d for d, f in zip(data, folds, strict=True) if f != k]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="print held-out figures only")
    parser.add_argument("--no-cv", action="store_true", help="fit on all pages and write only")
    parser.add_argument(
        "--repeats", type=int, default=0, metavar="N",
        help="also cross-validate on N other partitions of the sites into folds and print "
        "the spread of each figure (how much of a difference is the luck of the folds)",
    )  # fmt: skip
    args = parser.parse_args()
    from page_accuracy_direct import cross_validate, print_report, summary, summary_line

    t0 = time.time()
    pages = load_pages()
    data = prepare(pages)
    print(f"{len(pages)} pages prepared in {time.time() - t0:.1f}s", flush=True)
    if not args.no_cv:
        print_report(cross_validate(data))
    if args.repeats:
        runs = []
        for r in range(1, args.repeats + 1):
            with contextlib.redirect_stdout(io.StringIO()):
                scores = cross_validate(data, salt=f"repeat {r}")
            print(summary_line(f"part. {r}", scores), flush=True)
            runs.append(summary(scores))
        print("spread over the partitions (min / mean / max):")
        for name in runs[0]:
            values = [run[name] for run in runs]
            print(f"  {name:16} {min(values):8.3f} {sum(values) / len(values):8.3f} "
                  f"{max(values):8.3f}")  # fmt: skip
    if args.cv_only:
        return
    model = train(data)
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
