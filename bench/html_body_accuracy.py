"""Score transforms.html_body.body_paragraphs on the news-pages-dev html/ pages.

    python bench/html_body_accuracy.py              # table: baselines, shipped, held-out folds
    python bench/html_body_accuracy.py --details 20 # and the 20 worst pages
    python bench/html_body_accuracy.py --no-cv      # without the held-out choice (quick)

Prints body P / R / F1 (the corpus README's metric: 4-token shingles, a page without
output counting 0) overall and per site fold for plain trafilatura (the README's
reference call, `bare_extraction(html, with_metadata=True)`, and the fast call
body_paragraphs starts from) and for body_paragraphs; pages with empty output; truth
captions (4 words or more) left in the body; median / p90 milliseconds per page.

Cross-validation. The repairs and their word lists were written with the corpus in
view, so the `held-out` rows choose them again per fold: for each of the 5 site folds,
on the other four only, a word-list entry is dropped when the training score is
higher without it, then a whole repair when the training score is higher without it;
the fold is scored with what is left. The per-fold F1 of that choice is the
generalisation figure; `shipped` is every page with the shipped data (a training fit
for anything chosen by looking).

Parsing. The pages are parsed as the HTML reader parses them
(`transforms.html_reader.parse_document`: the bytes decoded as UTF-8 or the declared
charset, comments dropped), so the figures are the pipeline's body before the reader's
own header and dateline trims. `--parse utf8` parses with a plain
`HTMLParser(encoding="utf-8")`, `--parse guess` lets lxml guess the encoding.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import lxml.html
import page_corpus
import trafilatura
from page_corpus import (
    CORPUS,
    FOLDS,
    Page,
    assign_folds,
    body_pr,
    captions_left_in_body,
    f1,
    load_pages,
)

from transforms import html_body, html_body_vocab
from transforms.html_reader import parse_document

# The cross-validation scores the same truth bodies thousands of times: keep their shingles.
page_corpus.shingles = functools.lru_cache(maxsize=8192)(page_corpus.shingles)

# The word lists the cross-validation prunes entry by entry.
WORD_LISTS = (
    "FURNITURE_LINES", "FURNITURE_PREFIXES", "PROMPT_OPENINGS", "TEASER_HEADINGS",
    "TAIL_NOTE_OPENINGS",
)  # fmt: skip


@dataclass(slots=True)
class Loaded:
    """One corpus page, parsed, with trafilatura's fast paragraphs cached."""

    page: Page
    fold: int
    tree: lxml.html.HtmlElement
    extracted: list[str]
    page_fixed: list[str]  # extracted, after the repairs that read the page (all of them)


def parse(raw: bytes, how: str) -> lxml.html.HtmlElement:
    """The page's tree: as the HTML reader parses it (`reader`), as UTF-8, or as lxml
    guesses the encoding."""
    if how == "reader":
        tree = parse_document(raw)
        return tree if tree is not None else lxml.html.fromstring("<html></html>")
    if how == "utf8":
        return lxml.html.document_fromstring(raw, parser=lxml.html.HTMLParser(encoding="utf-8"))
    return lxml.html.document_fromstring(raw)


def corpus_figures(prs: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Corpus P, R (means over pages) and F1 of the means."""
    p = sum(x for x, _ in prs) / len(prs)
    r = sum(y for _, y in prs) / len(prs)
    return p, r, f1(p, r)


def timed(fn: Callable[..., object], *args: object, **kwargs: object) -> tuple[object, float]:
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, (time.perf_counter() - start) * 1000


def baseline_texts(loaded: list[Loaded], **options: object) -> tuple[list[str], list[float]]:
    """trafilatura's text for every page, with the time each took."""
    texts, times = [], []
    for item in loaded:
        document, ms = timed(trafilatura.bare_extraction, item.tree, **options)
        texts.append(document.text if document is not None else "")
        times.append(ms)
    return texts, times


def scores(loaded: list[Loaded], texts: list[str]) -> list[tuple[float, float]]:
    return [
        body_pr(text, item.page.truth["body"]) for item, text in zip(loaded, texts, strict=True)
    ]


def repaired(loaded: list[Loaded], rules: frozenset[str]) -> list[str]:
    return [
        "\n".join(html_body.repaired_paragraphs(item.extracted, item.tree, rules))
        for item in loaded
    ]


def training_f1(loaded: list[Loaded], rules: frozenset[str]) -> float:
    return corpus_figures(scores(loaded, repaired(loaded, rules)))[2]


def text_f1(loaded: list[Loaded]) -> float:
    """F1 with every repair, re-running only those that read the paragraphs alone (the
    ones using the word lists)."""
    texts = [
        "\n".join(html_body.text_repaired(item.page_fixed, html_body.RULES)) for item in loaded
    ]
    return corpus_figures(scores(loaded, texts))[2]


def choose(train: list[Loaded]) -> tuple[frozenset[str], dict[str, object], list[str]]:
    """Rules and word lists chosen on `train` only; returns them and what was dropped."""
    rules = frozenset(html_body.RULES)
    dropped: list[str] = []
    lists = {name: getattr(html_body_vocab, name) for name in WORD_LISTS}
    best = text_f1(train)
    for name in WORD_LISTS:
        for entry in sorted(lists[name]):
            current = lists[name]
            setattr(html_body_vocab, name, type(current)(e for e in current if e != entry))
            score = text_f1(train)
            if score > best:
                best, lists[name] = score, getattr(html_body_vocab, name)
                dropped.append(f"{name}:{entry!r}")
            else:
                setattr(html_body_vocab, name, current)
    best = training_f1(train, rules)
    for rule in sorted(html_body.RULES):
        score = training_f1(train, rules - {rule})
        if score > best:
            best, rules = score, rules - {rule}
            dropped.append(f"rule:{rule}")
    return rules, lists, dropped


def held_out(loaded: list[Loaded]) -> tuple[list[tuple[float, float]], list[list[str]]]:
    """Per-page (P, R) with each fold scored by choices made on the other folds."""
    original = {name: getattr(html_body_vocab, name) for name in WORD_LISTS}
    prs: list[tuple[float, float]] = [(0.0, 0.0)] * len(loaded)
    drops = []
    for fold in range(FOLDS):
        train = [item for item in loaded if item.fold != fold]
        rules, lists, dropped = choose(train)
        drops.append(dropped)
        for name, value in lists.items():
            setattr(html_body_vocab, name, value)
        for index, item in enumerate(loaded):
            if item.fold == fold:
                text = "\n".join(html_body.repaired_paragraphs(item.extracted, item.tree, rules))
                prs[index] = body_pr(text, item.page.truth["body"])
        for name, value in original.items():
            setattr(html_body_vocab, name, value)
    return prs, drops


def captions_in_body(loaded: list[Loaded], texts: list[str]) -> int:
    """Truth captions left in the bodies (bench/page_corpus.captions_left_in_body)."""
    return sum(
        captions_left_in_body(item.page.images, text, item.page.truth["body"])
        for item, text in zip(loaded, texts, strict=True)
    )


def row(name: str, loaded: list[Loaded], prs: list[tuple[float, float]],
        texts: list[str] | None, times: list[float] | None) -> str:  # fmt: skip
    p, r, f = corpus_figures(prs)
    folds = []
    for fold in range(FOLDS):
        sub = [x for x, item in zip(prs, loaded, strict=True) if item.fold == fold]
        folds.append(f"{corpus_figures(sub)[2]:.3f}")
    empty = (
        sum(1 for x in prs if x == (0.0, 0.0))
        if texts is None
        else sum(1 for t in texts if not t.strip())
    )
    caps = "" if texts is None else str(captions_in_body(loaded, texts))
    ms = (
        ""
        if not times
        else (f"{statistics.median(times):5.1f} {sorted(times)[int(0.9 * len(times))]:5.1f}")
    )
    return (f"{name:34s} {p:.3f} {r:.3f} {f:.3f}  {'  '.join(folds)}  {empty:5d} {caps:>5s}"
            f"  {ms}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", type=int, default=0, help="show the N worst pages")
    parser.add_argument(
        "--parse", choices=("reader", "utf8", "guess"), default="reader",
        help="parse as the HTML reader does (default), as plain UTF-8, or as lxml guesses",
    )  # fmt: skip
    parser.add_argument("--no-cv", action="store_true", help="skip the held-out choice")
    args = parser.parse_args()

    pages = load_pages()
    folds = assign_folds(pages)
    loaded = []
    for page, fold in zip(pages, folds, strict=True):
        raw = gzip.decompress((CORPUS / "html" / f"{page.page_id}.html.gz").read_bytes())
        tree = parse(raw, args.parse)
        extracted = html_body.extracted_paragraphs(tree)
        page_fixed = html_body.page_repaired(extracted, tree, html_body.RULES)
        loaded.append(Loaded(page, fold, tree, extracted, page_fixed))

    header = (f"{'system':34s} P     R     F1     " + "  ".join(f"f{k}   " for k in range(FOLDS))
              + "  empty  caps  ms med p90")  # fmt: skip
    print(f"{len(loaded)} pages, parse: {args.parse}; "
          "fN = F1 on fold N's pages; caps = truth captions left in the body")  # fmt: skip
    print(header, flush=True)
    texts, times = baseline_texts(loaded, with_metadata=True)
    print(
        row("trafilatura bare_extraction", loaded, scores(loaded, texts), texts, times), flush=True
    )
    texts, times = baseline_texts(loaded, fast=True, include_comments=False)
    print(
        row("trafilatura fast, no comments", loaded, scores(loaded, texts), texts, times),
        flush=True,
    )

    ours, times = [], []
    for item in loaded:
        paragraphs, ms = timed(html_body.body_paragraphs, item.tree)
        ours.append("\n".join(paragraphs))
        times.append(ms)
    ours_prs = scores(loaded, ours)
    print(row("body_paragraphs (shipped data)", loaded, ours_prs, ours, times), flush=True)
    for rule in sorted(html_body.RULES):
        texts = repaired(loaded, html_body.RULES - {rule})
        print(row(f"  without {rule}", loaded, scores(loaded, texts), texts, None), flush=True)
    if not args.no_cv:
        prs, drops = held_out(loaded)
        print(row("body_paragraphs held-out choice", loaded, prs, None, None), flush=True)
        for fold, dropped in enumerate(drops):
            print(f"  fold {fold} training dropped: {', '.join(dropped) or 'nothing'}")

    if args.details:
        print(f"\nworst {args.details} pages (body_paragraphs, shipped data):")
        ranked = sorted(zip(ours_prs, loaded, ours, strict=True), key=lambda x: f1(*x[0]))
        for (p, r), item, text in ranked[: args.details]:
            first = text.split("\n", 1)[0][:70]
            print(f"  P={p:.2f} R={r:.2f} {item.page.page_id} {item.page.site:32s} {first!r}")


if __name__ == "__main__":
    main()
