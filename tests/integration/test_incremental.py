"""Incremental runs, in process: what is read, what is reloaded, what is quarantined, and
how every run accounts for every file (DATA-CONTRACT §1.2, §2 bookkeeping).

Reads are counted by wrapping flows.landing.read_bytes, the only place a dump
is read, so "skipped without reading" is observed, not inferred from counts.
"""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from config import settings
from flows import landing as landing_module
from flows.ingest import ingest_dumps
from flows.runtime import RunHooks
from flows.summary import RunSummary
from tests.helpers import SAMPLE_REL, content_snapshot, copy_landing, query
from transforms import parse_dump
from transforms.records import Article

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

NEWSETL = str(Path(sys.executable).with_name("newsetl"))
TEN_MIB = 10 * 1024 * 1024
RECAPTURE_OLD = "apnews/2025-09-04/apnews-st-louis-river-flooding.txt"
RECAPTURE_NEW = "apnews/2025-09-05/apnews-st-louis-river-flooding.txt"
COPY_REL = "misc/resaved/putin-legitimate-targets-copy.txt"
GZIP_BOMB = "misc/bad/gzip-bomb.txt.gz"
US_OPEN_GZ = "apnews/2025-09-06/apnews-us-open-womens-final.txt.gz"
SAMPLE_MTIME_NS = 1_757_050_000_000_000_000
# Bundled dumps over 2,200 bytes on disk (refused by stat under --max-bytes 2200).
OVER_2200 = {
    "apnews/2025-09-05/apnews-putin-legitimate-targets.txt": 5593,
    "apnews/2025-09-05/apnews-senate-spending-vote.txt": 2614,
    RECAPTURE_NEW: 2416,
    "apnews/2025-09-06/apnews-kyiv-drone-attack.txt": 3564,
    "cbsnews/2025-09-05/cbsnews-yosemite-wildfire.txt": 2337,
    "latimes/2025-09-05/latimes-seniors-covid-shots.txt": 2759,
    GZIP_BOMB: 12400,
    COPY_REL: 5593,
    "reuters/2025-09-05/reuters-boe-rates-poll.txt": 2217,
    "usatoday/2025-09-05/usatoday-hurricane-outlook.txt": 2401,
}
BUNDLED_BAD = {
    "misc/bad/binary-image.txt": ("binary", "not a text file: contains NUL bytes"),
    "misc/bad/cookie-wall.txt": (
        "not_an_article", "first line is 'We value your privacy': a cookie/consent wall"),
    "misc/bad/corrupt.txt.gz": (
        "decode_error",
        "corrupt gzip data: Error -3 while decompressing data: invalid code lengths set"),
    "misc/bad/empty.txt": ("empty", "the file is empty or holds only whitespace"),
    GZIP_BOMB: ("too_large", "gzip content exceeds the size limit of 10485760 bytes"),
    "misc/bad/html-error-page.txt": (
        "not_an_article", "an HTML error page: 'Page not found'"),
    "misc/bad/no-title.txt": ("no_title", "first line is a 42-word sentence, not a headline"),
    "misc/bad/recommendations-only.txt": (
        "not_an_article",
        "first line is 'Recommended for You': a recommendations block, not an article"),
    "misc/bad/whitespace-only.txt": ("empty", "the file is empty or holds only whitespace"),
}  # fmt: skip
RUN_COUNTS_SQL = (
    "select files_seen, files_loaded, files_unchanged, files_duplicate, files_quarantined, "
    "articles_upserted, status from etl_run where run_id = ?"
)


def run(landing: Path, db: Path, **kwargs: object) -> RunSummary:
    return ingest_dumps(landing=str(landing), db=str(db), **kwargs)


def counts(s: RunSummary) -> tuple[int, int, int, int, int, int]:
    """(seen, loaded, unchanged, duplicate, quarantined, articles upserted) of a run."""
    return (s.files_seen, s.files_loaded, s.files_unchanged, s.files_duplicate,
            s.files_quarantined, s.articles_upserted)  # fmt: skip


def stored_counts(db: Path, s: RunSummary) -> tuple[object, ...]:
    [row] = query(db, RUN_COUNTS_SQL, [s.run_id])
    return row


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    """A copy of landing/ with the re-capture's mtimes in capture order."""
    root = copy_landing(tmp_path / "landing").resolve()
    os.utime(root / RECAPTURE_OLD, ns=(1_757_000_000_000_000_000,) * 2)
    os.utime(root / RECAPTURE_NEW, ns=(1_757_100_000_000_000_000,) * 2)
    os.utime(root / SAMPLE_REL, ns=(SAMPLE_MTIME_NS,) * 2)
    return root


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "w.duckdb"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, landing: Path) -> list[str]:
    """Paths (relative to the landing folder) read by the flow, in read order."""
    real = landing_module.read_bytes
    seen: list[str] = []

    def counting(root: Path, rel_path: str, limit: int) -> bytes:
        seen.append((root / rel_path).relative_to(landing).as_posix())
        return real(root, rel_path, limit)

    monkeypatch.setattr(landing_module, "read_bytes", counting)
    return seen


def all_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def quarantine_of(db: Path) -> dict[str, tuple[object, ...]]:
    rows = query(db, "select path, reason, detail, content_sha256 is null from quarantine")
    return {path: tuple(rest) for path, *rest in rows}


def parsed_article(path: Path) -> Article:
    article = parse_dump(path.read_bytes())
    assert isinstance(article, Article), article
    return article


# -- 1. the manifest: unchanged files are skipped unread ---------------------


def test_rerun_reads_only_files_whose_outcome_depends_on_the_limit(
    landing: Path, db: Path, reads: list[str]
) -> None:
    first = run(landing, db)
    assert sorted(reads) == all_files(landing)
    assert counts(first) == (26, 16, 0, 1, 9, 15)
    before = content_snapshot(db)
    reads.clear()
    again = run(landing, db)
    # The gzip bomb was refused after gunzip under --max-bytes: it is looked at
    # again (a raised limit must let it in); nothing else is opened.
    assert reads == [GZIP_BOMB]
    assert counts(again) == (26, 0, 26, 0, 0, 0)
    assert content_snapshot(db) == before


def test_touched_file_is_hashed_found_unchanged_and_not_reloaded(
    landing: Path, db: Path, reads: list[str]
) -> None:
    first = run(landing, db)
    [(loaded_at,)] = query(db, "select loaded_at from article where source_path = ?", [SAMPLE_REL])
    os.utime(landing / SAMPLE_REL, ns=(SAMPLE_MTIME_NS + 5_000_000_000,) * 2)
    reads.clear()
    touched = run(landing, db)
    assert sorted(reads) == sorted([GZIP_BOMB, SAMPLE_REL])
    assert counts(touched) == (26, 0, 26, 0, 0, 0)
    assert query(
        db, "select run_id, loaded_at from article where source_path = ?", [SAMPLE_REL]
    ) == [(first.run_id, loaded_at)]
    assert query(
        db,
        "select status, mtime_ns, run_id, last_seen_run_id from source_file where path = ?",
        [SAMPLE_REL],
    ) == [("loaded", SAMPLE_MTIME_NS + 5_000_000_000, first.run_id, touched.run_id)]
    reads.clear()
    run(landing, db)
    assert reads == [GZIP_BOMB]  # the new mtime is in the manifest now


def test_changed_file_is_read_and_reloaded(landing: Path, db: Path, reads: list[str]) -> None:
    run(landing, db)
    path = landing / "upi/2025-09-05/upi-pacific-northwest-heat.txt"
    reworded = b"normal for early September, forecasters said."
    path.write_bytes(path.read_bytes().replace(b"normal for early September.", reworded))
    reads.clear()
    s = run(landing, db)
    assert sorted(reads) == sorted([GZIP_BOMB, "upi/2025-09-05/upi-pacific-northwest-heat.txt"])
    assert counts(s) == (26, 1, 25, 0, 0, 1)
    [(body,)] = query(db, "select body from article where source_path = ?",
                      ["upi/2025-09-05/upi-pacific-northwest-heat.txt"])  # fmt: skip
    assert body.endswith("closer to normal for early September, forecasters said.")


def test_a_run_takes_the_listing_prescanned_when_it_was_started(landing: Path, db: Path) -> None:
    """`newsetl run` lists the folder while the server boots: a file that lands after
    that waits for the next run, which lists afresh (the listing is used once)."""
    late = landing / "late"
    late.mkdir()
    prescan = landing_module.Prescan(landing.parent / "." / landing.name)
    listed = prescan.listing()
    assert [f.rel_path for f in listed] == all_files(landing)
    shutil.copy(landing / SAMPLE_REL, late / "arrived-after-start.txt")
    first = run(landing, db, hooks=RunHooks(prescan=prescan))
    second = run(landing, db, hooks=RunHooks(prescan=prescan))
    assert first.files_seen == len(listed) == 26
    assert (second.files_seen, second.files_duplicate) == (27, 1)


# -- 2. duplicates and new captures -----------------------------------------


def test_copy_under_another_name_in_a_later_run_is_a_duplicate(
    landing: Path, db: Path, reads: list[str]
) -> None:
    run(landing, db)
    [(article_id,)] = query(db, "select article_id from article where source_path = ?",
                            [SAMPLE_REL])  # fmt: skip
    (landing / "later").mkdir()
    shutil.copy(landing / SAMPLE_REL, landing / "later/putin-again.txt.bak")
    before = content_snapshot(db)
    reads.clear()
    s = run(landing, db)
    assert sorted(reads) == sorted([GZIP_BOMB, "later/putin-again.txt.bak"])
    assert counts(s) == (27, 0, 26, 1, 0, 0)
    assert query(db, "select status, article_id from source_file where path = ?",
                 ["later/putin-again.txt.bak"]) == [("duplicate", article_id)]  # fmt: skip
    after = content_snapshot(db)
    for table in ("article", "image", "related_link", "quarantine"):
        assert after[table] == before[table], table


def new_capture(sample: bytes) -> bytes:
    """The sample captured again: a reworded paragraph and caption, a photo and cards gone."""
    text = sample.decode("utf-8")
    text = text.replace(
        "He said that security guarantees would be needed for both Russia and Ukraine.",
        "He said security guarantees would be needed for Russia and Ukraine alike.",
    )
    text = text.replace("Vladimir Putin gestures as he speaks", "Vladimir Putin speaks")
    last_photo = text.index("Russian President Vladimir Putin delivers his speech")
    text = text[:last_photo] + text[text.index("Recommended for You") :]
    text = text[: text.index("UPI Almanac for Sunday")]
    return text.encode("utf-8")


@pytest.mark.parametrize("where", ["same path", "new path"])
def test_new_capture_replaces_article_images_and_links_together(
    landing: Path, db: Path, where: str
) -> None:
    first = run(landing, db)
    [(article_id, old_images, old_links)] = query(
        db,
        "select a.article_id, (select count(*) from image i where i.article_id = a.article_id), "
        "(select count(*) from related_link k where k.article_id = a.article_id) "
        "from article a where source_path = ?",
        [SAMPLE_REL],
    )
    assert (old_images, old_links) == (3, 16)
    rel = SAMPLE_REL if where == "same path" else "apnews/2025-09-07/putin-recaptured.txt"
    target = landing / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(new_capture((landing / SAMPLE_REL).read_bytes()))
    os.utime(target, ns=(SAMPLE_MTIME_NS + 86_400_000_000_000,) * 2)
    expected = parsed_article(target)
    assert expected.article_id == article_id
    assert (len(expected.images), len(expected.links)) == (2, 6)

    second = run(landing, db)
    assert (second.files_loaded, second.articles_upserted) == (1, 1)
    assert (second.images, second.related_links) == (2, 6)
    [(body, source_path, run_id)] = query(
        db, "select body, source_path, run_id from article where article_id = ?", [article_id]
    )
    assert (body, source_path, run_id) == (expected.body, rel, second.run_id)
    assert "for Russia and Ukraine alike" in body and first.run_id != second.run_id
    images = query(
        db,
        "select position, caption, credit, photographer, organization, distributor, "
        "is_file_photo, is_handout, photo_date, source_path, run_id from image "
        "where article_id = ? order by position",
        [article_id],
    )
    assert images == [
        (i.position, i.caption, i.credit, i.photographer, i.organization, i.distributor,
         i.is_file_photo, i.is_handout, i.photo_date, rel, second.run_id)
        for i in expected.images
    ]  # fmt: skip
    assert images[0][1].startswith("In this photo released by the Roscongress Foundation, "
                                   "Russian President Vladimir Putin speaks")  # fmt: skip
    links = query(
        db,
        "select position, link_type, title, publisher, category, url, source_path, run_id "
        "from related_link where article_id = ? order by position",
        [article_id],
    )
    assert links == [
        (k.position, k.link_type, k.title, k.publisher, k.category, k.url, rel, second.run_id)
        for k in expected.links
    ]  # fmt: skip


def test_older_capture_arriving_later_does_not_replace_the_newer(landing: Path, db: Path) -> None:
    run(landing, db)
    before = content_snapshot(db)
    older = landing / "archive/putin-older.txt"
    older.parent.mkdir()
    older.write_bytes(new_capture((landing / SAMPLE_REL).read_bytes()))
    os.utime(older, ns=(SAMPLE_MTIME_NS - 86_400_000_000_000,) * 2)
    s = run(landing, db)
    assert counts(s) == (27, 1, 26, 0, 0, 0)
    after = content_snapshot(db)
    for table in ("article", "image", "related_link"):
        assert after[table] == before[table], table
    assert query(db, "select status from source_file where path = 'archive/putin-older.txt'") == [
        ("loaded",)
    ]


# -- 3. quarantine -------------------------------------------------------------


def test_every_bad_input_is_quarantined_with_reason_and_detail(
    landing: Path, db: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    oversized = landing / "misc/bad/oversized.txt"
    with oversized.open("wb") as fh:  # sparse: 10 MiB + 1 byte of zeros on disk
        fh.truncate(TEN_MIB + 1)
    at_limit = landing / "misc/bad/at-the-limit.txt"
    with at_limit.open("wb") as fh:  # exactly the limit: read and judged on its bytes
        fh.truncate(TEN_MIB)
    vanishing = "upi/2025-09-05/upi-pacific-northwest-heat.txt"
    saved = (landing / vanishing).read_bytes()
    saved_ns = (landing / vanishing).stat().st_mtime_ns
    counting = landing_module.read_bytes

    def deleted_after_discovery(root: Path, rel_path: str, limit: int) -> bytes:
        if (root / rel_path).relative_to(landing).as_posix() == vanishing:
            (root / rel_path).unlink()
        return counting(root, rel_path, limit)

    monkeypatch.setattr(landing_module, "read_bytes", deleted_after_discovery)
    first = run(landing, db)
    assert "misc/bad/oversized.txt" not in reads
    assert "misc/bad/at-the-limit.txt" in reads
    assert quarantine_of(db) == {
        **{path: (reason, detail, False) for path, (reason, detail) in BUNDLED_BAD.items()},
        "misc/bad/oversized.txt": (
            "too_large",
            "10,485,761 bytes is over the 10,485,760-byte limit; not read "
            "(raise --max-bytes to accept it)",
            True,
        ),
        "misc/bad/at-the-limit.txt": ("binary", "not a text file: contains NUL bytes", False),
        vanishing: ("read_error", "could not read the file: No such file or directory", True),
    }
    assert counts(first) == (28, 15, 0, 1, 12, 14)
    assert stored_counts(db, first) == (28, 15, 0, 1, 12, 14, "completed")

    # The vanished file comes back exactly as it was (same size and mtime, as
    # `mv` back would leave it): it was never read, so it is read now and loads.
    monkeypatch.setattr(landing_module, "read_bytes", counting)
    (landing / vanishing).write_bytes(saved)
    os.utime(landing / vanishing, ns=(saved_ns, saved_ns))
    reads.clear()
    second = run(landing, db)
    assert sorted(reads) == sorted([GZIP_BOMB, vanishing])
    assert counts(second) == (28, 1, 26, 0, 1, 1)  # the oversized file is refused again
    assert vanishing not in quarantine_of(db)
    assert query(db, "select status from source_file where path = ?", [vanishing]) == [("loaded",)]
    assert "misc/bad/oversized.txt" not in reads


def test_limit_default_is_ten_mib() -> None:
    assert settings.DEFAULT_MAX_BYTES == TEN_MIB
    assert inspect.signature(ingest_dumps.fn).parameters["max_bytes"].default == TEN_MIB


def test_files_refused_under_a_low_limit_load_once_it_is_raised(
    landing: Path, db: Path, reads: list[str], tmp_path: Path
) -> None:
    low = run(landing, db, max_bytes=2200)
    assert not set(reads) & set(OVER_2200)  # refused by stat, never opened
    refused = {
        path: (
            "too_large",
            f"{size:,} bytes is over the 2,200-byte limit; not read "
            "(raise --max-bytes to accept it)",
            True,
        )
        for path, size in OVER_2200.items()
    }
    # a .gz under the limit on disk but over it once inflated
    refused[US_OPEN_GZ] = ("too_large", "gzip content exceeds the size limit of 2200 bytes", False)
    expected = {
        **{path: (reason, detail, False) for path, (reason, detail) in BUNDLED_BAD.items()},
        **refused,
    }
    assert quarantine_of(db) == expected
    assert counts(low) == (26, 7, 0, 0, 19, 7)

    reads.clear()
    raised = run(landing, db)
    assert sorted(reads) == sorted([*OVER_2200, US_OPEN_GZ])
    assert counts(raised) == (26, 9, 15, 1, 1, 9)
    assert quarantine_of(db) == {
        path: (reason, detail, False) for path, (reason, detail) in BUNDLED_BAD.items()
    }
    one_shot = tmp_path / "one-shot.duckdb"
    run(landing, one_shot)
    assert content_snapshot(db) == content_snapshot(one_shot)


def test_cli_option_and_environment_set_the_limit(
    landing: Path, tmp_path: Path, prefect_server: str
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
    env.update(PREFECT_API_URL=prefect_server, PREFECT_SERVER_ANALYTICS_ENABLED="false")
    by_option = subprocess.run(
        [NEWSETL, "run", str(landing), "--db", str(tmp_path / "opt.duckdb"), "-q",
         "--max-bytes", "2200"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert by_option.returncode == 0, by_option.stderr
    by_env = subprocess.run(
        [NEWSETL, "run", str(landing), "--db", str(tmp_path / "env.duckdb"), "-q"],
        env={**env, "NEWSETL_MAX_BYTES": "2200"}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert by_env.returncode == 0, by_env.stderr
    too_large = "select path from quarantine where reason = 'too_large' order by 1"
    expected = sorted([(p,) for p in [*OVER_2200, US_OPEN_GZ]])
    assert query(tmp_path / "opt.duckdb", too_large) == expected
    assert query(tmp_path / "env.duckdb", too_large) == expected


# -- 4. run accounting ---------------------------------------------------------


def test_every_run_accounts_for_every_file(landing: Path, db: Path) -> None:
    runs = [run(landing, db), run(landing, db)]
    # A later delivery: a copy, a new article, a fixed empty file, a touched
    # file, a new bad file, and a file that disappeared.
    sample = (landing / SAMPLE_REL).read_text(encoding="utf-8")
    (landing / "misc/new").mkdir()
    shutil.copy(landing / "latimes/2025-09-05/latimes-judge-admonished.txt",
                landing / "misc/new/judge-copy.txt")  # fmt: skip
    (landing / "misc/new/another.txt").write_text(
        sample.replace("Putin says", "Putin warns"), encoding="utf-8")  # fmt: skip
    (landing / "misc/bad/empty.txt").write_text(
        sample.replace("Putin says", "Putin repeats"), encoding="utf-8")  # fmt: skip
    os.utime(landing / "upi/2025-09-05/upi-pacific-northwest-heat.txt",
             ns=(SAMPLE_MTIME_NS,) * 2)  # fmt: skip
    (landing / "misc/bad/new-binary.txt").write_bytes(bytes(range(256)) * 4)
    (landing / "reuters/2025-09-05/reuters-boe-rates-poll.txt").unlink()
    runs.append(run(landing, db))
    runs.append(run(landing, db, full_refresh=True))

    assert [counts(s) for s in runs] == [
        (26, 16, 0, 1, 9, 15),
        (26, 0, 26, 0, 0, 0),
        (28, 2, 24, 1, 1, 2),
        (28, 17, 11, 0, 0, 16),  # full refresh: loaded files re-parsed and re-loaded
    ]
    stored = query(
        db,
        "select run_id, files_seen, files_loaded + files_unchanged + files_duplicate "
        "+ files_quarantined, status from etl_run order by started_at",
    )
    assert stored == [(s.run_id, s.files_seen, s.files_seen, "completed") for s in runs]
    for s in runs:
        assert stored_counts(db, s) == (*counts(s), "completed")
    assert query(db, "select count(*) from article") == [(17,)]
    assert query(db, "select status, count(*) from source_file group by 1 order by 1") == [
        ("duplicate", 2), ("loaded", 18), ("quarantined", 9)
    ]  # fmt: skip
