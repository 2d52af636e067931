"""bench/page_corpus.py: the pages the page model learns from are what a run reads."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from tests.helpers import REPO

sys.path.insert(0, str(REPO / "bench"))

from page_corpus import assign_folds, captions_left_in_body, load_pages, score_images


def _corpus(tmp_path: Path, texts: dict[str, tuple[str, str]]) -> Path:
    (tmp_path / "text").mkdir()
    truth = {}
    for pid, (site, text) in texts.items():
        (tmp_path / "text" / f"{pid}.txt").write_text(text, encoding="utf-8", newline="")
        truth[pid] = {"site": site, "title": "T", "body": "B"}
    (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    (tmp_path / "images.json").write_text("{}", encoding="utf-8")
    return tmp_path


def test_pages_are_normalised_as_the_product_reads_them(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Beyoncé teasing a trip.Beyoncé/Instagram")
    corpus = _corpus(tmp_path, {"a": ("s1", f"  Title  here \r\n{decomposed}\u200b\r\n")})
    (page,) = load_pages(corpus)
    assert page.text == "Title here\nBeyoncé teasing a trip.Beyoncé/Instagram"
    assert unicodedata.is_normalized("NFC", page.text)


def test_folds_keep_a_site_together_for_any_number_of_folds(tmp_path: Path) -> None:
    texts = {f"p{i}": (f"site{i % 7}", "text") for i in range(21)}
    pages = load_pages(_corpus(tmp_path, texts))
    assert assign_folds(pages, 5, salt="repeat 1") != assign_folds(pages, 5)
    for n, salt in ((4, ""), (5, ""), (5, "repeat 1")):
        folds = assign_folds(pages, n, salt)
        assert set(folds) == set(range(n))
        by_site: dict[str, set[int]] = {}
        for page, fold in zip(pages, folds, strict=True):
            by_site.setdefault(page.site, set()).add(fold)
        assert all(len(f) == 1 for f in by_site.values())


def test_a_caption_is_left_in_the_body_only_beyond_what_the_article_prints() -> None:
    entries = [
        {"caption": "Jo's banana sour cream pancakes.", "credit": "A/B", "in_capture": True},
        {"caption": "A harbour at dawn, seen from the pier.", "credit": None, "in_capture": True},
        {"caption": "Too short", "credit": None, "in_capture": True},
    ]
    article = "Get the full recipe for Jo's banana sour cream pancakes here."
    assert captions_left_in_body(entries, article, article) == 0
    kept_caption = f"Jo's banana sour cream pancakes.\n{article}"
    assert captions_left_in_body(entries, kept_caption, article) == 1
    both = f"{kept_caption}\nA harbour at dawn, seen from the pier.\nToo short"
    assert captions_left_in_body(entries, both, article) == 2
    # whole words only: a longer word that merely ends in the caption's first word is not it
    assert (
        captions_left_in_body(entries, f"MoJo's banana sour cream pancakes. {article}", article)
        == 0
    )
    score = score_images([("A harbour at dawn, seen from the pier", None)], entries, both, article)
    assert (score.matched, score.captions_in_body) == (1, 2)
