"""The news-pages-dev corpus for the full-page reader: pages, site folds, labels, metrics.

Shared by bench/train_page_model.py (which learns from it) and
bench/page_accuracy_direct.py (which scores read_page on it). The metrics are those
of the corpus README: 4-token shingles of `\\w+` tokens for the body (corpus P and R
as means over pages, a page without output counting 0), exact casefolded title,
`YYYY-MM-DD` date, sets of normalised author names; image captions matched to
images.json entries that are in the capture.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from transforms.decode import normalize_text

# The development corpus, beside the repository (../shared/ as laid out for developers and CI).
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "news-pages-dev"
FOLDS = 5
_WORD = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W+")


@dataclass(slots=True)
class Page:
    """One corpus page: its capture and its truth."""

    page_id: str
    text: str
    truth: dict
    images: list[dict]

    @property
    def site(self) -> str:
        return self.truth["site"]


def load_pages(corpus: Path = CORPUS) -> list[Page]:
    """Every page of the corpus, sorted by id, its text as the product hands it to the
    page reader (transforms/decode.py: NFC, plain spaces, trimmed lines), so that the
    model learns from and is scored on what it reads in a run.
    """
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    images = json.loads((corpus / "images.json").read_text(encoding="utf-8"))
    return [
        Page(pid, normalize_text((corpus / "text" / f"{pid}.txt").read_text(encoding="utf-8")),
             truth[pid], images.get(pid, []))
        for pid in sorted(truth)
    ]  # fmt: skip


def assign_folds(pages: list[Page], folds: int = FOLDS, salt: str = "") -> list[int]:
    """Fold per page, grouped by site (both pages of a site in one fold), balanced.

    `salt` gives another partition of the same sites (for repeated cross-validation).
    """
    sites = sorted(
        {p.site for p in pages}, key=lambda s: hashlib.sha256((salt + s).encode()).hexdigest()
    )
    fold = {site: i % folds for i, site in enumerate(sites)}
    return [fold[p.site] for p in pages]


# ---- the body metric -------------------------------------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-token shingles (a text of 1-3 tokens is one shingle)."""
    tokens = _WORD.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def body_pr(predicted: str | None, truth: str) -> tuple[float, float]:
    """Per-page (precision, recall); no output or no token counts (0, 0)."""
    pred = shingles(predicted or "")
    if not pred:
        return 0.0, 0.0
    true = shingles(truth)
    matched = sum((pred & true).values())
    extra = sum(pred.values()) - matched
    missed = sum(true.values()) - matched
    if extra == 0 and missed == 0:
        return 1.0, 1.0
    p = matched / (matched + extra) if matched + extra else 0.0
    r = matched / (matched + missed) if matched + missed else 0.0
    return p, r


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ---- the other fields ------------------------------------------------------------------


def norm_title(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def norm_name(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def authors_equal(predicted: list[str], truth: list[str]) -> bool:
    a = {norm_name(n) for n in predicted} - {""}
    b = {norm_name(n) for n in truth} - {""}
    return a == b


def norm_caption(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").casefold()))


def caption_matches(predicted: str, truth: str) -> bool:
    """One caption text matches another: equal tokens, or most 4-shingles shared."""
    a, b = norm_caption(predicted), norm_caption(truth)
    if not a or not b:
        return False
    if a == b:
        return True
    sa, sb = shingles(a), shingles(b)
    common = sum((sa & sb).values())
    return common >= 0.8 * max(sum(sa.values()), sum(sb.values()))


def image_truth_key(entry: dict) -> str:
    """What an images.json entry is matched by: its caption, or its credit when it has none."""
    return entry["caption"] or entry.get("credit") or ""


def credit_equal(predicted: str | None, entry: dict) -> bool:
    """Credit exact: equal after whitespace folding and casefolding, or an alternative the
    entry lists (`credit_alt`); no credit is right where the entry has none."""
    got = norm_title(predicted)
    alt = entry.get("credit_alt")
    wanted = [entry.get("credit"), *(alt if isinstance(alt, list) else [alt])]
    return any(got == norm_title(w) for w in wanted if w is not None) or (
        entry.get("credit") is None and not got
    )


@dataclass(slots=True)
class ImageScore:
    """One page's images against its images.json entries."""

    predicted: int = 0
    truth: int = 0
    matched: int = 0
    credits_ok: int = 0
    captions_in_body: int = 0


def captions_left_in_body(entries: list[dict], body: str, truth_body: str) -> int:
    """Truth captions of four words or more that `body` prints more often than the truth's
    body does.

    The article's own text may print a caption's words (`Get the full recipe for Jo's
    banana pancakes here.` under a photo captioned `Jo's banana pancakes.`); those
    occurrences are the article's, not a caption left behind.
    """
    folded, folded_truth = f" {norm_caption(body)} ", f" {norm_caption(truth_body)} "
    count = 0
    for entry in entries:
        caption = norm_caption(entry["caption"])
        if len(caption.split()) >= 4:
            count += folded.count(f" {caption} ") > folded_truth.count(f" {caption} ")
    return count


def score_images(
    predicted: list[tuple[str, str | None]], entries: list[dict], body: str, truth_body: str
) -> ImageScore:
    """Greedy one-to-one matching in page order of (caption, credit) pairs to `entries`.

    A predicted image matches an entry when their captions match (a credit standing in
    for an empty caption on either side), or when the entry has no caption and the
    credits are equal. Captions left in the body: captions_left_in_body.
    """
    score = ImageScore(predicted=len(predicted), truth=len(entries))
    used: set[int] = set()
    for caption, credit in predicted:
        key = caption or credit or ""
        for j, entry in enumerate(entries):
            if j in used or not (
                caption_matches(key, image_truth_key(entry))
                or (not entry["caption"] and credit and credit_equal(credit, entry))
            ):
                continue
            used.add(j)
            score.matched += 1
            score.credits_ok += credit_equal(credit, entry)
            break
    score.captions_in_body = captions_left_in_body(entries, body, truth_body)
    return score


@dataclass(slots=True)
class PageResult:
    """One page's outcome: its article (if any) scored against the truth.

    Filled by bench/accuracy.py from a real run's warehouse and by
    bench/page_accuracy_direct.py from read_page; corpus_figures sums them alike.
    """

    page_id: str
    body_p: float = 0.0
    body_r: float = 0.0
    title_ok: bool = False
    date_ok: bool = False
    authors_ok: bool = False
    missing: str | None = None  # why the page has no article row
    title: str | None = None
    captions_predicted: int = 0
    captions_truth: int = 0
    captions_matched: int = 0
    credits_ok: int = 0
    captions_in_body: int = 0
    notes: list[str] = field(default_factory=list)
    fold: int = 0
    seconds: float = 0.0  # time to read the page, where the caller measured it

    @property
    def body_f1(self) -> float:
        return f1(self.body_p, self.body_r)

    def add_images(
        self,
        predicted: list[tuple[str, str | None]],
        entries: list[dict],
        body: str,
        truth_body: str,
    ) -> None:
        """The page's caption and credit counts (score_images)."""
        counts = score_images(predicted, entries, body, truth_body)
        self.captions_predicted, self.captions_truth = counts.predicted, counts.truth
        self.captions_matched, self.credits_ok = counts.matched, counts.credits_ok
        self.captions_in_body = counts.captions_in_body


def corpus_figures(results: list[PageResult]) -> dict[str, float]:
    """A corpus's figures: body P/R (mean over pages) and their F1, title, date and authors
    accuracy, caption P/R summed over pages, credit exact over matched captions, truth
    captions left in bodies, and pages without an article row."""
    n = len(results) or 1
    p = sum(r.body_p for r in results) / n
    r_ = sum(r.body_r for r in results) / n
    predicted = sum(r.captions_predicted for r in results)
    truth = sum(r.captions_truth for r in results)
    matched = sum(r.captions_matched for r in results)
    return {
        "body_p": p,
        "body_r": r_,
        "body_f1": f1(p, r_),
        "title": sum(r.title_ok for r in results) / n,
        "date": sum(r.date_ok for r in results) / n,
        "authors": sum(r.authors_ok for r in results) / n,
        "caption_p": matched / predicted if predicted else 0.0,
        "caption_r": matched / truth if truth else 0.0,
        "credit_exact": sum(r.credits_ok for r in results) / matched if matched else 0.0,
        "captions_in_body": sum(r.captions_in_body for r in results),
        "without_row": sum(1 for r in results if r.missing),
    }


# ---- line labels -----------------------------------------------------------------------


def body_line_labels(lines: list[str], truth_body: str) -> list[int]:
    """1 for each capture line whose shingles are mostly in the truth body.

    Lines of 1-3 tokens count when their token run occurs in the body.
    """
    true = shingles(truth_body)
    tokens_text = " " + " ".join(_WORD.findall(truth_body)) + " "
    labels = []
    for line in lines:
        tokens = _WORD.findall(line)
        if not tokens:
            labels.append(0)
        elif len(tokens) < 4:
            labels.append(int(f" {' '.join(tokens)} " in tokens_text))
        else:
            sh = shingles(line)
            hit = sum((sh & true).values())
            labels.append(int(hit >= 0.5 * sum(sh.values())))
    return labels
