"""Train the full-page reader's model and write transforms/page_model.json.

Needs scikit-learn, which is a training-time tool only (the shipped scorer is pure
Python): `pip install scikit-learn`.

    python bench/train_page_model.py            # 5-fold site-grouped CV, then fit all, write
    python bench/train_page_model.py --cv-only  # the held-out figures only

Steps:
1. every corpus page -> lines -> features (transforms/page_lines.py), labelled body
   when most of a line's 4-token shingles are in the truth body;
2. a gradient-boosted line classifier; its in-sample scores place each training
   page's article block (transforms/page_body.py) and so the title candidates, which
   are labelled by equality with the truth title and fed to a second classifier;
3. cross-validation: five folds of whole sites; for each fold, models fit on the other
   four are run through read_page on the held-out fold's pages and scored
   (bench/page_accuracy_direct.py prints the same figures field by field);
4. the final model is fit on every page and written as JSON trees.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from page_corpus import Page, body_line_labels, caption_matches, load_pages, norm_title

from transforms.page_body import best_block, kept_lines
from transforms.page_caption_features import (
    CAPTION_FEATURES,
    caption_candidates,
    caption_rows,
    glued_credit,
)
from transforms.page_captions import caption_parts
from transforms.page_lines import (
    FEATURE_NAMES,
    OWN_FEATURES,
    PageLine,
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
}
CAPTION_GBM = {"max_iter": 100, "max_leaf_nodes": 15, "learning_rate": 0.1, "min_samples_leaf": 10}
LINE_GBM = {"max_iter": 120, "max_leaf_nodes": 15, "learning_rate": 0.1, "min_samples_leaf": 40}
TITLE_GBM = {"max_iter": 80, "max_leaf_nodes": 8, "learning_rate": 0.1, "min_samples_leaf": 20}
_WORDS = OWN_FEATURES.index("words")


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


def train(data: list[PageData]) -> dict:
    """Fit both ensembles on `data`; the model as the JSON-ready dict."""
    line = fit_line(data)
    X_title, y_title, X_caption, y_caption = [], [], [], []
    for d in data:
        probs = list(line.predict_proba(np.array(d.features, dtype=float))[:, 1])
        rows, labels = title_rows(d, probs)
        X_title += rows
        y_title += labels
        rows, labels = caption_training_rows(d, probs)
        X_caption += rows
        y_caption += labels
    caption = HistGradientBoostingClassifier(random_state=0, **CAPTION_GBM).fit(
        np.array(X_caption, dtype=float), np.array(y_caption)
    )
    title = HistGradientBoostingClassifier(random_state=0, **TITLE_GBM).fit(
        np.array(X_title, dtype=float), np.array(y_title)
    )
    return {
        "line": export_ensemble(line, FEATURE_NAMES),
        "title": export_ensemble(title, TITLE_FEATURES),
        "caption": export_ensemble(caption, CAPTION_FEATURES),
        "params": PARAMS,
    }


def fold_models(data: list[PageData], folds: list[int], k: int) -> PageModel:
    """The model fit on every fold but k."""
    return model_from_dict(train([d for d, f in zip(data, folds, strict=True) if f != k]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="print held-out figures only")
    parser.add_argument("--no-cv", action="store_true", help="fit on all pages and write only")
    args = parser.parse_args()
    from page_accuracy_direct import cross_validate, print_report

    t0 = time.time()
    pages = load_pages()
    data = prepare(pages)
    print(f"{len(pages)} pages prepared in {time.time() - t0:.1f}s", flush=True)
    if not args.no_cv:
        print_report(cross_validate(data))
    if args.cv_only:
        return
    model = train(data)
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
