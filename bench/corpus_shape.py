"""The shape of a generated corpus: its proportions, what decides its bytes, and the plan.

Part of the corpus generator (bench/make_corpus.py, the entry point). It exists so
that the numbers a benchmark checks a load against (shares of publishers,
encodings and bad kinds; CorpusStats) and the plan of which file index is which
kind of file sit apart from the text generation; every other corpus_*.py module
builds on it.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

# ---------------------------------------------------------------------------
# Shape of the corpus

RECAPTURE_RATE = 0.005
START_DATE = date(2024, 1, 1)
FILES_PER_DAY = 150  # the date span grows with N so folders stay small (~50 files)
MIN_SPAN_DAYS = 365
MIN_GOOD_BYTES = 3000
MAX_GOOD_BYTES = 15000
OVERSIZED_BYTES = 10 * 1024 * 1024 + 64 * 1024  # just over newsetl's default 10 MiB limit
OVERSIZED_FILES = 2
SERIAL_BELOW = 4000  # smaller corpora are not worth a process pool
CHUNK = 1000
# Sizes of the per-seed pools: large enough that bodies do not visibly repeat, small
# enough to build in ~0.2 s (every process builds them once).
SENTENCE_POOL = 8000
PARAGRAPH_POOL = 12000
CARD_POOL = 2000

BAD_KINDS = ("empty", "binary", "no_title", "recommendations_only", "cookie_wall", "html_error")
# Quarantine reason (DATA-CONTRACT §2) each bad kind is expected to get.
BAD_KIND_REASON = {
    "empty": "empty",
    "binary": "binary",
    "no_title": "no_title",
    "recommendations_only": "not_an_article",
    "cookie_wall": "not_an_article",
    "html_error": "not_an_article",
    "oversized": "too_large",
}

# publisher as printed, folder name, share of the corpus
PUBLISHERS = (
    ("AP News", "apnews", 0.34),
    ("Reuters", "reuters", 0.15),
    ("UPI", "upi", 0.12),
    ("Los Angeles Times", "latimes", 0.13),
    ("USA TODAY", "usatoday", 0.14),
    ("CBS News", "cbsnews", 0.12),
)
PUBLISHER_NAMES = tuple(p[0] for p in PUBLISHERS)
PUBLISHER_WEIGHTS = tuple(p[2] for p in PUBLISHERS)
PUBLISHER_FOLDER = {p[0]: p[1] for p in PUBLISHERS}
AP_SYNDICATORS = ("AP News", "USA TODAY", "Los Angeles Times", "CBS News")

ENCODINGS = ("utf8", "utf8_bom", "crlf", "cp1252", "latin1", "gz")
ENCODING_WEIGHTS = (0.87, 0.04, 0.04, 0.025, 0.01, 0.015)


# ---------------------------------------------------------------------------
# Results


@dataclass(slots=True)
class CorpusStats:
    """What a generated corpus holds, so a benchmark can check what was loaded."""

    files: int = 0
    good: int = 0  # distinct articles (one article_id each)
    recaptures: int = 0  # same title + publisher as a good one, other body
    duplicates: int = 0  # byte-identical copies of a good one under another name
    bad: dict[str, int] = field(default_factory=dict)  # bad kind -> files
    encodings: dict[str, int] = field(default_factory=dict)  # over article files
    gz: int = 0
    total_bytes: int = 0
    seconds: float = 0.0
    # relative POSIX path -> "good", "recapture", "duplicate" or "bad:<kind>"
    manifest: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def bad_total(self) -> int:
        return sum(self.bad.values())

    @property
    def bad_by_reason(self) -> dict[str, int]:
        """Bad files per expected quarantine reason code."""
        reasons: Counter[str] = Counter()
        for kind, count in self.bad.items():
            reasons[BAD_KIND_REASON[kind]] += count
        return dict(sorted(reasons.items()))

    def summary(self) -> str:
        bad = "".join(f", {k} {v}" for k, v in sorted(self.bad.items()))
        return (
            f"{self.files} files, {self.total_bytes / 1e6:.1f} MB in {self.seconds:.1f} s "
            f"(good {self.good}, recaptures {self.recaptures}, duplicates {self.duplicates}, "
            f"gz {self.gz}, bad {self.bad_total}{bad})"
        )


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that decides the corpus bytes; workers rebuild the plan from it."""

    n: int
    seed: int
    bad_rate: float
    dup_rate: float
    recapture_rate: float
    with_oversized: bool

    @property
    def span_days(self) -> int:
        return max(MIN_SPAN_DAYS, self.n // FILES_PER_DAY)


@dataclass(frozen=True, slots=True)
class Head:
    """The identity of an article: what a re-capture or a duplicate shares with it."""

    publisher: str
    day: int  # days after START_DATE
    title: str
    subject: str
    encoding: str


# ---------------------------------------------------------------------------
# Plan: which index is which kind of file


def plan_corpus(cfg: Config) -> list[tuple[str, int]]:
    """(kind, source index) per file; source is -1 unless the file copies another."""
    rng = random.Random(f"plan/{cfg.seed}")
    n_bad = round(cfg.n * cfg.bad_rate)
    n_dup = round(cfg.n * cfg.dup_rate)
    n_recap = round(cfg.n * cfg.recapture_rate)
    n_over = OVERSIZED_FILES if cfg.with_oversized else 0
    special = n_bad + n_over + n_dup + n_recap
    if special >= cfg.n:
        raise ValueError(f"rates leave no good dumps for n={cfg.n}")
    chosen = rng.sample(range(cfg.n), special)
    plan: list[tuple[str, int]] = [("good", -1)] * cfg.n
    bad_idx = chosen[:n_bad]
    for k, i in enumerate(bad_idx):
        plan[i] = (f"bad:{BAD_KINDS[k % len(BAD_KINDS)]}", -1)
    for i in chosen[n_bad : n_bad + n_over]:
        plan[i] = ("bad:oversized", -1)
    copies = chosen[n_bad + n_over :]
    for i in copies:
        plan[i] = ("copy", -1)
    good = [i for i, (kind, _) in enumerate(plan) if kind == "good"]
    for k, i in enumerate(copies):
        plan[i] = ("duplicate" if k < n_dup else "recapture", rng.choice(good))
    return plan


def file_rng(seed: int, index: int) -> random.Random:
    """One stream per file, so any file can be rebuilt alone (by a worker or a copy)."""
    return random.Random(f"{seed}/{index}")
