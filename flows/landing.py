"""The landing folder: finding dumps and reading them safely.

This is the only module that reads dump files. It is plain Python (no
Prefect) so the flow's tasks, the benchmarks and the tests share it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

from transforms import parse_dump
from transforms.records import ParsedDump, Rejection, SourceFile
from warehouse.frames import ParsedFrames, frames_of

# Names a scraper uses while a file is still being written; they are picked
# up on a later run once renamed, instead of being quarantined half-written.
IN_PROGRESS_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", "~")

READ_ATTEMPTS = 3
READ_BACKOFF_S = 0.05


def is_candidate(name: str) -> bool:
    """Hidden files (.DS_Store, editor swap files) and in-progress writes are not dumps."""
    return not name.startswith(".") and not name.endswith(IN_PROGRESS_SUFFIXES)


def iter_source_files(root: Path) -> Iterator[SourceFile]:
    """Walk `root` at any depth; symlinked folders are not followed (no cycles).

    Relative paths are built as strings ("a/b/" + name): Path objects per
    file cost ~3x the whole walk on a 100k-file folder.
    """
    stack: list[tuple[str, str]] = [(str(root), "")]  # (folder on disk, its relative prefix)
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if not is_candidate(name):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{name}/"))
                elif entry.is_file():
                    st = entry.stat()
                    yield SourceFile(
                        rel_path=prefix + name, size=st.st_size, mtime_ns=st.st_mtime_ns
                    )


def discover(root: Path) -> list[SourceFile]:
    """All candidate files under `root`, sorted by path so runs are reproducible.

    Inside `prescanned(root)`, the first call takes the listing made there.
    """
    with _prescans_guard:
        pending = _prescans.pop(str(root.resolve()), None)
    if pending is not None:
        return pending.result()  # (a failed listing raises here, as listing now would)
    return _listing(root)


def _listing(root: Path) -> list[SourceFile]:
    return sorted(iter_source_files(root), key=lambda f: f.rel_path)


# Listings started ahead of the run that will use them: resolved root -> listing.
_prescans: dict[str, Future[list[SourceFile]]] = {}
_prescans_guard = threading.Lock()


@contextmanager
def prescanned(root: Path) -> Iterator[Future[list[SourceFile]]]:
    """List `root` in a background thread; the first discover(root) inside takes the listing.

    `newsetl run` wraps the run in it, so the folder is listed (~0.6 s for
    100k files) while the run imports Prefect and Prefect's temporary server
    boots (3.5-4 s in which the run has nothing else to do). The run then
    covers the files present when it was started; files that arrive later
    wait for the next run, as they would during the walk itself. A listing
    not taken by the end of the block is dropped.
    """
    key = str(root.resolve())
    listing: Future[list[SourceFile]] = Future()

    def scan() -> None:
        try:
            listing.set_result(_listing(Path(key)))
        except BaseException as exc:
            listing.set_exception(exc)

    with _prescans_guard:
        _prescans[key] = listing
    threading.Thread(target=scan, name="newsetl-prescan", daemon=True).start()
    try:
        yield listing
    finally:
        with _prescans_guard:
            if _prescans.get(key) is listing:
                del _prescans[key]


def read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a file, retrying transient errors (NFS hiccups, EINTR).

    Bounded because the file may have grown since it was listed: a dump that
    is over the limit by then must not be read whole either.
    """
    for attempt in range(1, READ_ATTEMPTS + 1):
        try:
            with path.open("rb") as fh:
                return fh.read(limit + 1)
        except OSError as exc:
            transient = exc.errno in {errno.EAGAIN, errno.EINTR, errno.EIO, errno.ESTALE}
            if not transient or attempt == READ_ATTEMPTS:
                raise
            time.sleep(READ_BACKOFF_S * attempt)
    raise AssertionError("unreachable")


def read_and_parse(root: Path, source: SourceFile, max_bytes: int) -> ParsedDump:
    """Read one dump and parse it; every failure becomes a Rejection, never an exception."""
    if source.size > max_bytes:
        return ParsedDump(
            source,
            content_sha256=None,
            rejection=Rejection(
                "too_large",
                f"{source.size:,} bytes is over the {max_bytes:,}-byte limit; "
                "not read (raise --max-bytes to accept it)",
            ),
        )
    try:
        raw = read_bytes(root / source.rel_path, max_bytes)
    except OSError as exc:
        return ParsedDump(
            source,
            content_sha256=None,
            rejection=Rejection("read_error", f"could not read the file: {exc.strerror or exc}"),
        )
    if len(raw) > max_bytes:
        return ParsedDump(
            source,
            content_sha256=None,
            rejection=Rejection(
                "too_large",
                f"grew past the {max_bytes:,}-byte limit after it was listed; not read whole",
            ),
        )
    sha = hashlib.sha256(raw).hexdigest()
    result = parse_dump(raw, max_bytes=max_bytes)  # gunzips .gz content within the limit
    if isinstance(result, Rejection):
        return ParsedDump(source, content_sha256=sha, rejection=result)
    return ParsedDump(source, content_sha256=sha, article=result)


def parse_files(root: Path, sources: Sequence[SourceFile], max_bytes: int) -> list[ParsedDump]:
    """Parse a batch; the unit of work a flow task (or a Dask worker) gets."""
    return [read_and_parse(root, source, max_bytes) for source in sources]


def parse_frames(root: Path, sources: Sequence[SourceFile], max_bytes: int) -> ParsedFrames:
    """Parse a batch into the loader's columns, where it is parsed (a parse process).

    Columns of plain values cross to the flow's process far cheaper than the
    records they come from (see warehouse/frames.py).
    """
    return frames_of(parse_files(root, sources, max_bytes))
