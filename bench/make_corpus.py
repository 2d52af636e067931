"""Generate a deterministic corpus of realistic raw news dumps for benchmarks.

Usage:  python bench/make_corpus.py N DIR [--seed S] [--bad-rate 0.01] [--dup-rate 0.01]

The same N, seed and rates always give the same paths with the same bytes, so
benchmark runs are comparable across machines and commits. Every file is
derived from its own seeded random stream, which lets the work be split over
processes without changing the output. Text comes from word and phrase pools
in corpus_words.py (no data files, no network); body sentences are drawn from a
pool built once per seed, because composing every sentence word by word would
make generation, not ingest, the bottleneck.

Layout: DIR/<publisher>/<yyyy-mm>/<dd>/<slug>-<n>.txt[.gz] (a few dozen files
per folder at most for any N, the date span grows with N).

This file is the entry point (command line, writing files, the process pool) and
the module importers use (`from make_corpus import generate_corpus`); the
generator's other parts are its sibling modules, and the names importers use
are re-exported here (`__all__`):

  corpus_shape.py   proportions of the corpus, CorpusStats, Config, Head, the plan
  corpus_words.py   the word and phrase pools (data)
  corpus_titles.py  pools built per seed, headlines, the head of each article
  corpus_text.py    the text of a dump: layout, bylines, timestamps, captions, body
  corpus_bytes.py   encodings and bad files
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

# bench/ holds scripts, not a package: put this file's folder on sys.path so that its
# sibling modules import also when it is loaded by path (tests/helpers.load_make_corpus,
# bench/rerun.py) rather than run as a script.
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from corpus_bytes import (  # noqa: E402
    article_bytes,
    bad_bytes,
    encode,
    oversized,
    recaptured_bytes,
)
from corpus_shape import (  # noqa: E402
    BAD_KIND_REASON,
    BAD_KINDS,
    CHUNK,
    ENCODING_WEIGHTS,
    ENCODINGS,
    MAX_GOOD_BYTES,
    MIN_GOOD_BYTES,
    OVERSIZED_BYTES,
    OVERSIZED_FILES,
    PUBLISHER_FOLDER,
    PUBLISHER_NAMES,
    PUBLISHER_WEIGHTS,
    PUBLISHERS,
    RECAPTURE_RATE,
    SERIAL_BELOW,
    START_DATE,
    Config,
    CorpusStats,
    Head,
    file_rng,
    plan_corpus,
)
from corpus_text import article_text, replaced, slugify  # noqa: E402
from corpus_titles import Pools, article_head, seeded_pools  # noqa: E402
from corpus_words import CATEGORIES, REC_HEADINGS, STRAIGHT_QUOTES  # noqa: E402

# What importers (the benchmarks, the tests) use, wherever in the generator it is defined.
__all__ = [
    "BAD_KINDS",
    "BAD_KIND_REASON",
    "CATEGORIES",
    "ENCODINGS",
    "ENCODING_WEIGHTS",
    "MAX_GOOD_BYTES",
    "MIN_GOOD_BYTES",
    "OVERSIZED_BYTES",
    "OVERSIZED_FILES",
    "PUBLISHERS",
    "PUBLISHER_FOLDER",
    "PUBLISHER_NAMES",
    "PUBLISHER_WEIGHTS",
    "RECAPTURE_RATE",
    "REC_HEADINGS",
    "STRAIGHT_QUOTES",
    "Config",
    "CorpusStats",
    "Head",
    "Pools",
    "article_bytes",
    "article_head",
    "article_text",
    "bad_bytes",
    "encode",
    "file_rng",
    "generate_corpus",
    "main",
    "oversized",
    "plan_corpus",
    "replaced",
    "seeded_pools",
    "slugify",
]


# ---------------------------------------------------------------------------
# Paths and writing


def rel_path(publisher: str, day: int, slug: str, index: int, encoding: str) -> str:
    d = START_DATE + timedelta(days=day)
    ext = ".txt.gz" if encoding == "gz" else ".txt"
    return f"{PUBLISHER_FOLDER[publisher]}/{d.year}-{d.month:02d}/{d.day:02d}/{slug}-{index}{ext}"


def render(cfg: Config, plan: list[tuple[str, int]], index: int) -> tuple[str, str, str, bytes]:
    """(relative path, manifest kind, encoding kind or "", bytes) of file `index`."""
    kind, src = plan[index]
    pools = seeded_pools(cfg.seed)
    if kind == "good":
        head, data = article_bytes(cfg, index)
        day = head.day
    elif kind == "duplicate":  # the source's bytes, saved again a few days later
        head, data = article_bytes(cfg, src)
        day = head.day + file_rng(cfg.seed, index).randint(0, 3)
    elif kind == "recapture":  # the source's story captured again days later, edited
        source, _ = article_head(cfg, src)
        own, rng = article_head(cfg, index)
        day = source.day + rng.randint(1, 10)
        head = Head(source.publisher, day, source.title, source.subject, own.encoding)
        data = recaptured_bytes(cfg, src, head)
    else:  # named like an article: the scraper thought it saved one
        head, rng = article_head(cfg, index)
        day = head.day
        data = bad_bytes(kind.removeprefix("bad:"), rng, pools, head)
        return rel_path(head.publisher, day, slugify(head.title), index, ""), kind, "", data
    path = rel_path(head.publisher, day, slugify(head.title), index, head.encoding)
    return path, kind, head.encoding, data


def write_range(
    root: Path, cfg: Config, plan: list[tuple[str, int]], indices: Iterable[int]
) -> CorpusStats:
    """Write files `indices`; returns their counts (merged by the caller)."""
    stats = CorpusStats()
    base = f"{root}{os.sep}"  # plain strings: pathlib joins cost as much as a write here
    made: set[str] = set()
    counts: Counter[str] = Counter()
    encodings: Counter[str] = Counter()
    for index in indices:
        path, kind, encoding, data = render(cfg, plan, index)
        folder = path.rpartition("/")[0]
        if folder not in made:
            os.makedirs(base + folder, exist_ok=True)
            made.add(folder)
        with open(base + path, "wb") as fh:
            fh.write(data)
        counts[kind] += 1
        if encoding:
            encodings[encoding] += 1
        stats.total_bytes += len(data)
        stats.manifest[path] = kind
    stats.files = sum(counts.values())
    stats.good = counts.pop("good", 0)
    stats.recaptures = counts.pop("recapture", 0)
    stats.duplicates = counts.pop("duplicate", 0)
    stats.bad = {k.removeprefix("bad:"): v for k, v in counts.items()}
    stats.encodings = dict(encodings)
    stats.gz = encodings["gz"]
    return stats


def merge(parts: Iterable[CorpusStats]) -> CorpusStats:
    total = CorpusStats()
    bad: Counter[str] = Counter()
    encodings: Counter[str] = Counter()
    for part in parts:
        total.files += part.files
        total.good += part.good
        total.recaptures += part.recaptures
        total.duplicates += part.duplicates
        total.gz += part.gz
        total.total_bytes += part.total_bytes
        bad.update(part.bad)
        encodings.update(part.encodings)
        total.manifest.update(part.manifest)
    total.bad = dict(sorted(bad.items()))
    total.encodings = {k: encodings[k] for k in ENCODINGS if encodings[k]}
    return total


# Per-process state of pool workers (set once by `init_worker`).
_WORKER: dict[str, object] = {}


def init_worker(root: Path, cfg: Config) -> None:
    _WORKER.update(root=root, cfg=cfg, plan=plan_corpus(cfg))


def write_chunk(bounds: tuple[int, int]) -> CorpusStats:
    root, cfg, plan = _WORKER["root"], _WORKER["cfg"], _WORKER["plan"]
    assert isinstance(root, Path) and isinstance(cfg, Config) and isinstance(plan, list)
    return write_range(root, cfg, plan, range(*bounds))


def default_workers(n: int) -> int:
    return 1 if n < SERIAL_BELOW else max(1, min(os.cpu_count() or 1, 8))


def generate_corpus(
    n: int,
    root: Path,
    seed: int = 0,
    bad_rate: float = 0.01,
    dup_rate: float = 0.01,
    *,
    recapture_rate: float = RECAPTURE_RATE,
    with_oversized: bool = False,
    workers: int | None = None,
    overwrite: bool = False,
) -> CorpusStats:
    """Write `n` dumps under `root`; the output depends only on the arguments before `*`
    (and `recapture_rate`, `with_oversized`), never on `workers`."""
    root = Path(root)
    if not overwrite and root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty (pass overwrite=True / --force)")
    root.mkdir(parents=True, exist_ok=True)
    cfg = Config(n, seed, bad_rate, dup_rate, recapture_rate, with_oversized)
    started = time.perf_counter()
    workers = default_workers(n) if workers is None else workers
    bounds = [(lo, min(lo + CHUNK, n)) for lo in range(0, n, CHUNK)]
    if workers <= 1 or "fork" not in get_all_start_methods():
        plan = plan_corpus(cfg)
        stats = merge(write_range(root, cfg, plan, range(lo, hi)) for lo, hi in bounds)
    else:
        with get_context("fork").Pool(workers, init_worker, (root, cfg)) as pool:
            stats = merge(pool.imap(write_chunk, bounds))
    stats.seconds = time.perf_counter() - started
    return stats


# ---------------------------------------------------------------------------
# Command line


def rate(text: str) -> float:
    value = float(text)
    if not 0 <= value < 0.5:
        raise argparse.ArgumentTypeError("a rate is a fraction between 0 and 0.5")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of files to write")
    parser.add_argument("dir", type=Path, help="folder to write into (must be empty)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bad-rate", type=rate, default=0.01, help="share of bad inputs")
    parser.add_argument(
        "--dup-rate", type=rate, default=0.01, help="share of byte-identical duplicates"
    )
    parser.add_argument(
        "--recapture-rate",
        type=rate,
        default=RECAPTURE_RATE,
        help="share of re-captures (same title and publisher, new body)",
    )
    parser.add_argument(
        "--with-oversized",
        action="store_true",
        help=f"add {OVERSIZED_FILES} files over the 10 MiB default limit",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes (default: all cores; output does not depend on it)",
    )
    parser.add_argument("--force", action="store_true", help="write into a non-empty folder")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stats = generate_corpus(
        args.n,
        args.dir,
        args.seed,
        args.bad_rate,
        args.dup_rate,
        recapture_rate=args.recapture_rate,
        with_oversized=args.with_oversized,
        workers=args.workers,
        overwrite=args.force,
    )
    print(f"{args.dir}: {stats.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
