"""The full-page reader's learned model: gradient-boosted trees shipped as data, scored here.

bench/train_page_model.py fits the trees with scikit-learn and writes them to
transforms/page_model.json; at run time nothing but this module's loops is needed
(no numpy, no scikit-learn). The file holds the ensembles — one scoring each line
as article body, one rescoring it from the scores around it, one ranking title
candidates, one scoring short lines near the article as photo captions — and the
thresholds the reader uses, all chosen by cross-validation over sites.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).with_name("page_model.json")


@dataclass(slots=True, frozen=True)
class Tree:
    """One regression tree as parallel node arrays; a node whose feature is -1 is a leaf."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def score(self, x: list[float]) -> float:
        """The leaf value x falls into (x[feature] <= threshold goes left)."""
        feature, threshold, left, right = self.feature, self.threshold, self.left, self.right
        node = 0
        f = feature[0]
        while f >= 0:
            node = left[node] if x[f] <= threshold[node] else right[node]
            f = feature[node]
        return self.value[node]


def _tree_source(tree: Tree, node: int, depth: int, out: list[str]) -> None:
    """Append `tree` below `node` as nested if/else statements adding its leaf to `t`."""
    pad = "    " * depth
    f = tree.feature[node]
    if f < 0:
        out.append(f"{pad}t += {tree.value[node]!r}")
        return
    out.append(f"{pad}if x{f} <= {tree.threshold[node]!r}:")
    _tree_source(tree, tree.left[node], depth + 1, out)
    out.append(f"{pad}else:")
    _tree_source(tree, tree.right[node], depth + 1, out)


def compile_trees(
    baseline: float, trees: tuple[Tree, ...], n_features: int
) -> Callable[[list[float]], float]:
    """The ensemble's margin as one generated Python function of nested comparisons.

    Generated from the trees (numbers only, nothing else is spliced in) and compiled
    once at load: the same sum as Tree.score over every tree, about four times faster
    than walking the node arrays, which keeps a page within its time budget. The
    feature vector is unpacked into locals first, so each comparison reads a local
    rather than indexing the list.
    """
    names = ", ".join(f"x{i}" for i in range(n_features))
    out = ["def margin(x):", f"    ({names},) = x", f"    t = {baseline!r}"]
    for tree in trees:
        _tree_source(tree, 0, 1, out)
    out.append("    return t")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(out), "<page_model trees>", "exec"), namespace)
    return namespace["margin"]


@dataclass(slots=True, frozen=True)
class Ensemble:
    """A boosted binary classifier: the log-odds are the baseline plus every tree's leaf."""

    features: tuple[str, ...]
    baseline: float
    trees: tuple[Tree, ...]
    margin: Callable[[list[float]], float] = field(compare=False, repr=False)

    def log_odds(self, x: list[float]) -> float:
        """The raw margin for one feature vector (the compiled trees)."""
        return self.margin(x)

    def log_odds_walked(self, x: list[float]) -> float:
        """The same margin by walking each tree's node arrays (the reference for tests)."""
        total = self.baseline
        for tree in self.trees:
            total += tree.score(x)
        return total

    def probability(self, x: list[float]) -> float:
        """The positive class's probability for one feature vector."""
        margin = self.log_odds(x)
        if margin < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-margin))


@dataclass(slots=True, frozen=True)
class PageModel:
    """Everything learned for the full-page reader."""

    line: Ensemble
    title: Ensemble
    params: dict[str, float] = field(default_factory=dict)
    caption: Ensemble | None = None  # None: captions only by their credit shapes
    context: Ensemble | None = None  # None: the line scores are the first stage's alone


def ensemble_from_dict(data: dict[str, Any]) -> Ensemble:
    """An Ensemble from its JSON form: {features, baseline, trees: [[f, t, l, r, v], ...]}."""
    trees = tuple(
        Tree(
            tuple(int(v) for v in f),
            tuple(float(v) for v in t),
            tuple(int(v) for v in lft),
            tuple(int(v) for v in rgt),
            tuple(float(v) for v in val),
        )
        for f, t, lft, rgt, val in data["trees"]
    )
    baseline = float(data["baseline"])
    features = tuple(data["features"])
    return Ensemble(features, baseline, trees, compile_trees(baseline, trees, len(features)))


def model_from_dict(data: dict[str, Any]) -> PageModel:
    """A PageModel from the JSON object bench/train_page_model.py writes."""
    return PageModel(
        line=ensemble_from_dict(data["line"]),
        title=ensemble_from_dict(data["title"]),
        params={k: float(v) for k, v in data.get("params", {}).items()},
        caption=ensemble_from_dict(data["caption"]) if data.get("caption") else None,
        context=ensemble_from_dict(data["context"]) if data.get("context") else None,
    )


@lru_cache(maxsize=1)
def shipped_model() -> PageModel:
    """The model shipped beside this module, loaded once per process."""
    return model_from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
