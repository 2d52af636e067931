"""bench/accuracy.py on the development corpus: the real `newsetl run`, scored against floors.

The floors (bench/accuracy_floors.json) sit a little under today's figures, so a change
that makes the parser worse on real pages fails the build. The corpus lives beside the
repository (../shared/corpora/news-pages-dev), as it does for developers and CI.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import REPO

CORPUS = REPO.parent / "shared" / "corpora" / "news-pages-dev"
FLOORS = REPO / "bench" / "accuracy_floors.json"

pytestmark = pytest.mark.slow  # runs newsetl run over 293 pages


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no development corpus at {CORPUS}")
def test_dev_corpus_text_captures_stay_above_their_floors(tmp_path) -> None:
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "accuracy.py"), str(CORPUS), "--format", "text",
         "--floors", str(FLOORS), "--json", str(figures)],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    text = json.loads(figures.read_text())["text"]
    assert text["pages"] == 293
    assert text["without_row"] <= 6  # at most the pages whose capture does not hold the article


@pytest.mark.skipif(not (CORPUS / "html").is_dir(), reason=f"no development corpus at {CORPUS}")
def test_dev_corpus_html_pages_stay_above_their_floors(tmp_path) -> None:
    """The html/ half: every page an HTML dump (`.html.gz`), read by the HTML reader."""
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "accuracy.py"), str(CORPUS), "--format", "html",
         "--floors", str(FLOORS), "--json", str(figures)],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    html = json.loads(figures.read_text())["html"]
    assert html["pages"] == 293
    assert html["without_row"] == 0  # every page of the corpus holds an article in its HTML
