"""The benchmark corpus generator: deterministic, realistic, right proportions."""

from __future__ import annotations

import ast
import gzip
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import load_make_corpus

BENCH = Path(__file__).resolve().parents[2] / "bench"


mc = load_make_corpus()
Corpus = tuple[Any, dict[str, bytes]]  # (CorpusStats, relative path -> bytes)

# A byline or timestamp line: "By JANE DOE", "Story by ...", "Published 9:14 AM EDT, ...",
# "September 5, 2025 at 9:14 a.m. EDT", "09/05/2025 09:14 AM"
HEADER_LINE = re.compile(r"^(By |Story by |Published |Updated |[A-Z][a-z]+ \d|\d\d/\d\d/\d{4} )")
# Where the generator puts a dump: "apnews/2024-03/07/some-title-12.txt(.gz)"
CORPUS_PATH = re.compile(r"^[a-z]+/\d{4}-\d\d/\d\d/[a-z0-9-]+-\d+\.txt(\.gz)?$")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def plain(path: str, data: bytes) -> bytes:
    return gzip.decompress(data) if path.endswith(".gz") else data


def text_of(path: str, data: bytes) -> str:
    raw = plain(path, data)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def head_of(text: str) -> tuple[str, str]:
    """(publisher, title) as the article id is built from them (case and quotes folded)."""
    lines = [line.strip() for line in text.splitlines()]
    i = next(k for k, line in enumerate(lines) if line)
    return lines[i + 1], mc.replaced(lines[i].lower(), mc.STRAIGHT_QUOTES)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("corpus2000")
    stats = mc.generate_corpus(2000, root, seed=0)
    return stats, tree(root)


def by_kind(stats: Any, files: dict[str, bytes], *kinds: str) -> dict[str, bytes]:
    return {p: files[p] for p, k in stats.manifest.items() if k in kinds}


@pytest.fixture(scope="module")
def seed7(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """200 dumps from seed 7, written serially (the reference the other runs must equal)."""
    root = tmp_path_factory.mktemp("seed7")
    return mc.generate_corpus(200, root, seed=7, workers=1), tree(root)


def test_same_seed_gives_identical_tree(tmp_path: Path, seed7: Corpus) -> None:
    first, a = seed7
    second = mc.generate_corpus(200, tmp_path, seed=7, workers=1)
    assert len(a) == 200
    assert tree(tmp_path) == a
    assert first.manifest == second.manifest
    assert first.total_bytes == second.total_bytes == sum(len(d) for d in a.values())


def test_different_seed_gives_different_tree(tmp_path: Path, seed7: Corpus) -> None:
    _, a = seed7
    mc.generate_corpus(200, tmp_path, seed=8)
    b = tree(tmp_path)
    assert len(b) == 200
    assert set(a).isdisjoint(b)
    assert not set(a.values()) & set(b.values()) - {b""}


def test_output_does_not_depend_on_worker_count(tmp_path: Path, seed7: Corpus) -> None:
    serial, files = seed7
    parallel = mc.generate_corpus(200, tmp_path, seed=7, workers=2)
    assert tree(tmp_path) == files
    assert serial.manifest == parallel.manifest
    assert (serial.good, serial.bad, serial.encodings) == (
        parallel.good,
        parallel.bad,
        parallel.encodings,
    )


def test_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x")
    with pytest.raises(FileExistsError):
        mc.generate_corpus(10, tmp_path)


def test_stats_add_up_and_match_the_files(corpus: Corpus) -> None:
    stats, files = corpus
    assert stats.files == len(files) == len(stats.manifest) == 2000
    assert stats.files == stats.good + stats.recaptures + stats.duplicates + stats.bad_total
    assert (stats.good, stats.recaptures, stats.duplicates, stats.bad_total) == (1950, 10, 20, 20)
    assert stats.total_bytes == sum(len(d) for d in files.values())
    assert stats.gz == sum(p.endswith(".gz") for p in files) == stats.encodings["gz"]
    assert sum(stats.encodings.values()) == stats.good + stats.recaptures + stats.duplicates


def test_proportions_of_bad_and_duplicates(corpus: Corpus) -> None:
    stats, files = corpus
    bad = by_kind(stats, files, *(f"bad:{k}" for k in mc.BAD_KINDS))
    dups = by_kind(stats, files, "duplicate")
    assert 0.005 <= len(bad) / 2000 <= 0.02
    assert 0.005 <= len(dups) / 2000 <= 0.02
    assert set(stats.bad) == set(mc.BAD_KINDS)
    assert stats.bad_by_reason == {"binary": 4, "empty": 4, "no_title": 3, "not_an_article": 9}


def test_bad_files_are_what_they_claim(corpus: Corpus) -> None:
    stats, files = corpus
    for path, kind in stats.manifest.items():
        data = files[path]
        if kind == "bad:empty":
            assert not data.decode("utf-8").strip()
        elif kind == "bad:binary":
            assert b"\x00" in data
        elif kind == "bad:no_title":
            first = data.decode("utf-8").split("\n")[0]
            assert first in mc.PUBLISHER_NAMES or HEADER_LINE.match(first), first
        elif kind == "bad:html_error":
            assert data.startswith(b"<!DOCTYPE html>")
        elif kind == "bad:cookie_wall":
            assert data.startswith(b"We value your privacy\n")
        elif kind == "bad:recommendations_only":
            assert data.decode("utf-8").split("\n")[0] in mc.REC_HEADINGS


def test_duplicates_are_byte_identical_copies_under_other_names(
    corpus: Corpus,
) -> None:
    stats, files = corpus
    good = by_kind(stats, files, "good")
    good_bytes = set(good.values())
    for path, data in by_kind(stats, files, "duplicate").items():
        assert data in good_bytes
        assert path not in good


def test_article_ids_collide_only_for_recaptures(corpus: Corpus) -> None:
    stats, files = corpus
    good = by_kind(stats, files, "good")
    ids = Counter(head_of(text_of(p, d)) for p, d in good.items())
    assert len(ids) == len(good) == 1950
    good_bytes = set(good.values())
    recaptures = by_kind(stats, files, "recapture")
    assert len(recaptures) == 10
    for path, data in recaptures.items():
        assert head_of(text_of(path, data)) in ids
        assert data not in good_bytes


def test_article_sizes_are_those_of_real_pages(corpus: Corpus) -> None:
    stats, files = corpus
    sizes = [
        len(plain(p, d)) for p, d in by_kind(stats, files, "good", "recapture", "duplicate").items()
    ]
    assert min(sizes) >= 3000
    assert max(sizes) <= 15000
    assert 0.6 <= sum(4000 <= s <= 8000 for s in sizes) / len(sizes) <= 0.9


def test_every_encoding_kind_is_on_disk(corpus: Corpus) -> None:
    stats, files = corpus
    assert set(stats.encodings) == set(mc.ENCODINGS)
    articles = by_kind(stats, files, "good", "recapture", "duplicate")
    kinds: Counter[str] = Counter()
    for path, data in articles.items():
        raw = plain(path, data)
        if path.endswith(".gz"):
            kinds["gz"] += 1
        elif raw.startswith(b"\xef\xbb\xbf"):
            kinds["utf8_bom"] += 1
        elif b"\r\n" in raw:
            kinds["crlf"] += 1
        else:
            try:
                raw.decode("utf-8")
                kinds["utf8"] += 1
            except UnicodeDecodeError:
                # cp1252 puts curly quotes and dashes in 0x80-0x9F; Latin-1 text has none
                kinds["cp1252" if re.search(rb"[\x80-\x9f]", raw) else "latin1"] += 1
    assert dict(kinds) == stats.encodings


# One pattern per layout variant of DATA-CONTRACT §1.1 the corpus must exercise.
VARIANTS = {
    "byline upper with and": r"(?m)^By [^a-z\n]+ and [^a-z\n]+$",
    "byline comma Associated Press": r"(?m)^By [^,\n]+, Associated Press$",
    "byline Story by": r"(?m)^Story by [A-Z]",
    "byline upper Associated Press": r"(?m)^By [^a-z\n]+ Associated Press$",
    "dateline AP": r"(?m)^[A-Z][A-Z .]+, [A-Z][a-z]+ \(AP\) — [A-Z]",
    "dateline Reuters": r"(?m)^[A-Z][A-Z .]+ \(Reuters\) - [A-Z]",
    "dateline plain": r"(?m)^[A-Z][A-Z .]+ — [A-Z]",
    "timestamp published": r"(?m)^Published \d{1,2}:\d\d [AP]M E[DS]T, [A-Z][a-z]+ \d{1,2}, \d{4}$",
    "timestamp updated": r"(?m)^Updated \d{1,2}:\d\d [AP]M E[DS]T, [A-Z][a-z]+ \d{1,2}, \d{4}$",
    "timestamp at a.m.": r"(?m)^[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d\d [ap]\.m\. E[DS]T$",
    "timestamp numeric": r"(?m)^\d\d/\d\d/\d{4} \d\d:\d\d [AP]M$",
    "credit AP Photo/name": r"\(AP Photo/[^),]+\)$",
    "credit file": r"\(AP Photo/[^)]+, File\)$",
    "credit via AP": r"\([^,()]+/[^()]+ via AP\)$",
    "credit pool via AP": r"\([^,()]+, [^()]+ Pool Photo via AP\)$",
    "credit Getty": r"\(Photo by [^()]+/Getty Images\)$",
    "credit Reuters": r"\d{4}\. \(Reuters\)$",
    "credit own line": r"(?m)\.\n[A-Z][^\n/]+/Reuters$",
    "credit AP Photo": r"\(AP Photo\)$",
    "credit stray space": r"\( [A-Z][^()]+\)$",
    "file photo": r"(?m)^FILE - ",
    "handout released by": r"(?m)^In this photo released by ",
    "handout provided by": r"(?m)^In this handout photo provided by ",
    "footer": r"(?m)^___$",
    "contributor": r"(?m)^Associated Press writers? .+ contributed",
    "hub link": r"(?m)^Follow the AP[’']s coverage of .+ at https://apnews\.com/hub/\S+$",
    "inline url": r"https://www\.\S+",
    "heading Recommended for You": r"(?m)^Recommended for You$",
    "heading More for You": r"(?m)^More for You$",
    "heading Related": r"(?m)^Related$",
    "heading Read more": r"(?m)^Read more$",
    "curly quotes": "“",
    "straight quotes": '"',
    "non-breaking space": "\u00a0",
}


@pytest.fixture(scope="module")
def article_texts(corpus: Corpus) -> str:
    stats, files = corpus
    texts = [text_of(p, d) for p, d in by_kind(stats, files, "good", "recapture").items()]
    # every caption/credit pattern above is anchored at a line end
    return "\n\n".join(t.replace("\r\n", "\n") for t in texts)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_corpus_exercises_every_layout_variant(name: str, article_texts: str) -> None:
    assert re.search(VARIANTS[name], article_texts, re.MULTILINE), name


def test_every_publisher_and_category_appears(corpus: Corpus) -> None:
    stats, files = corpus
    texts = [text_of(p, d) for p, d in by_kind(stats, files, "good").items()]
    assert {head_of(t)[0] for t in texts} == set(mc.PUBLISHER_NAMES)
    joined = "\n".join(texts)
    for category in mc.CATEGORIES:
        assert re.search(rf"(?m)^{category}\n", joined), category


def test_files_are_spread_over_small_dated_folders(corpus: Corpus) -> None:
    _, files = corpus
    assert all(CORPUS_PATH.match(p) for p in files)
    per_folder = Counter(p.rsplit("/", 1)[0] for p in files)
    assert max(per_folder.values()) <= 300
    assert {p.split("/", 1)[0] for p in files} == set(mc.PUBLISHER_FOLDER.values())


def test_oversized_files_only_on_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert mc.OVERSIZED_BYTES > 10 * 1024 * 1024  # newsetl's default limit
    # spare the disk 20 MB per run: patched where `oversized` reads it (corpus_bytes.py)
    monkeypatch.setattr(sys.modules[mc.oversized.__module__], "OVERSIZED_BYTES", 300_000)
    stats = mc.generate_corpus(60, tmp_path / "with", seed=1, with_oversized=True)
    big = [p for p, k in stats.manifest.items() if k == "bad:oversized"]
    assert len(big) == mc.OVERSIZED_FILES == stats.bad["oversized"] == 2
    assert all((tmp_path / "with" / p).stat().st_size > 300_000 for p in big)
    assert stats.bad_by_reason["too_large"] == 2
    plain = mc.generate_corpus(60, tmp_path / "without", seed=1)
    assert "oversized" not in plain.bad
    assert max(len(d) for d in tree(tmp_path / "without").values()) <= 15000


def test_command_line_prints_one_summary_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert mc.main(["100", str(tmp_path / "c"), "--seed", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert re.search(
        r": 100 files, \d+\.\d MB in \d+\.\d s \(good 98, recaptures 0, duplicates 1, ", out[0]
    )


def bench_imports(path: Path) -> set[Path]:
    """The bench/ modules a bench script imports (bench/ holds scripts, not a package)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return {BENCH / f"{name}.py" for name in names if (BENCH / f"{name}.py").exists()}


def test_cached_corpora_are_keyed_by_every_generator_module() -> None:
    """bench/ingest.py reuses a cached corpus while the generator version (a hash of the
    generator's files) is unchanged: every module make_corpus.py uses must be hashed."""
    import ingest_corpus  # importable: loading make_corpus put bench/ on sys.path

    used: set[Path] = set()
    todo = [BENCH / "make_corpus.py"]
    while todo:
        path = todo.pop()
        if path not in used:
            used.add(path)
            todo += bench_imports(path)
    assert len(used) > 1
    assert used <= set(ingest_corpus.generator_files())
