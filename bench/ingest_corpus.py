"""The benchmark's corpora: generated once, cached by size, seed and generator version,
and temporarily 1 % changed for the re-run that must load exactly the changed files.

Part of the ingest benchmark (bench/ingest.py, the entry point). It exists so that
how a corpus is reused, and put back after the 1 %-changed re-run, sits apart from
what is measured on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ingest_common import ROOT

CHANGED_SHARE = 0.01
CHANGED_SENTENCE = b" Officials released more details on Thursday, according to a statement."

# ---------------------------------------------------------------------------
# The corpus, cached by size + seed + generator version


@dataclass(slots=True)
class Corpus:
    root: Path
    files: int
    bytes: int
    good: int
    recaptures: int
    duplicates: int
    bad_total: int
    generated_s: float | None  # None: reused from the cache
    manifest: dict[str, str] = field(repr=False)

    def expected_fresh(self) -> dict[str, int]:
        """What an ingest into an empty warehouse must end with (bench/README.md)."""
        return {
            "files_seen": self.files,
            "files_loaded": self.good + self.recaptures,
            "files_unchanged": 0,
            "files_duplicate": self.duplicates,
            "files_quarantined": self.bad_total,
            "article_rows": self.good,
        }

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("manifest")
        data["root"] = str(self.root)
        return data


def generator_files() -> list[Path]:
    """The corpus generator's source: bench/make_corpus.py and its corpus_*.py modules."""
    bench = ROOT / "bench"
    return [bench / "make_corpus.py", *sorted(bench.glob("corpus_*.py"))]


def generator_version() -> str:
    """A hash of every generator module, so that a change to any of them invalidates
    the cached corpora."""
    digest = hashlib.sha256()
    for path in generator_files():
        data = path.read_bytes()
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:16]


def corpus_for(workdir: Path, n: int, seed: int, regenerate: bool) -> Corpus:
    """Reuse a corpus made by the same generator, unless a crash left it modified."""
    from make_corpus import generate_corpus

    base = workdir / "corpora"
    root, meta, dirty = (
        base / f"n{n}-s{seed}",
        base / f"n{n}-s{seed}.json",
        dirty_marker(base, n, seed),
    )
    if not regenerate and meta.exists() and root.is_dir() and not dirty.exists():
        saved = json.loads(meta.read_text())
        if saved.get("generator") == generator_version():
            return Corpus(root=root, generated_s=None, **saved["stats"])
    shutil.rmtree(root, ignore_errors=True)
    dirty.unlink(missing_ok=True)
    stats = generate_corpus(n, root, seed=seed)
    saved_stats = {
        "files": stats.files,
        "bytes": stats.total_bytes,
        "good": stats.good,
        "recaptures": stats.recaptures,
        "duplicates": stats.duplicates,
        "bad_total": stats.bad_total,
        "manifest": stats.manifest,
    }
    meta.write_text(json.dumps({"generator": generator_version(), "stats": saved_stats}))
    return Corpus(root=root, generated_s=stats.seconds, **saved_stats)


def dirty_marker(base: Path, n: int, seed: int) -> Path:
    """Present while files of the cached corpus are modified (the 1% re-run)."""
    return base / f"n{n}-s{seed}.dirty"


@dataclass(slots=True)
class Original:
    path: Path
    data: bytes
    atime_ns: int
    mtime_ns: int


def changed_text(data: bytes) -> bytes:
    """The dump with a sentence added to its longest line (a body paragraph)."""
    lines = data.split(b"\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    line = lines[longest]
    cr = b"\r" if line.endswith(b"\r") else b""
    lines[longest] = line.removesuffix(b"\r") + CHANGED_SENTENCE + cr
    return b"\n".join(lines)


def files_to_change(corpus: Corpus) -> list[str]:
    """Every 100th good, uncompressed article (deterministic): 1% of the corpus."""
    good = sorted(p for p, kind in corpus.manifest.items() if kind == "good" and p.endswith(".txt"))
    count = max(1, round(corpus.files * CHANGED_SHARE))
    step = max(1, len(good) // count)
    return good[::step][:count]


@contextlib.contextmanager
def one_percent_changed(corpus: Corpus, marker: Path) -> Iterator[int]:
    """Rewrite 1% of the files with new text and a new mtime; put them back afterwards."""
    originals: list[Original] = []
    marker.write_text("files of this corpus are being modified by bench/ingest.py\n")
    try:
        now_ns = time.time_ns()
        for rel in files_to_change(corpus):
            path = corpus.root / rel
            st = path.stat()
            originals.append(Original(path, path.read_bytes(), st.st_atime_ns, st.st_mtime_ns))
            path.write_bytes(changed_text(originals[-1].data))
            os.utime(path, ns=(now_ns, now_ns + 1_000_000_000))
        yield len(originals)
    finally:
        for o in originals:
            o.path.write_bytes(o.data)
            os.utime(o.path, ns=(o.atime_ns, o.mtime_ns))
        marker.unlink(missing_ok=True)
