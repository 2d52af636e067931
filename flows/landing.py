"""The landing folder: finding dumps, reading them safely, and the records of that I/O.

This is the only module that reads dump files. It is plain Python (no
Prefect) so the run service, the parse processes, the bench and the tests share it.

Symbolic links: nothing outside the landing folder is read through one. A
link that leads out of the (resolved) landing folder is listed, never read,
and quarantined as `outside_landing`; a link to a file inside it is followed;
links to folders are not followed, so a loop cannot hang a walk. Reads open
every folder below the root and the file itself without following links, so
a file or folder replaced by a link after the listing is checked again too.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from transforms import parse_dump
from transforms.records import Article, Rejection
from warehouse.frames import ParsedFrames, frames_of

# Names a scraper uses while a file is still being written; they are picked
# up on a later run once renamed, instead of being quarantined half-written.
IN_PROGRESS_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", "~")

READ_ATTEMPTS = 3
READ_BACKOFF_S = 0.05

_Record = TypeVar("_Record", bound=type)


def compact_pickle(cls: _Record) -> _Record:
    """Pickle as (class, field values): every SourceFile of a run crosses to a parse process.

    The default for slotted dataclasses pickles a dict of field names per
    object; this is about a quarter cheaper.
    """
    names = [f.name for f in fields(cls)]
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@compact_pickle
@dataclass(slots=True, frozen=True)
class SourceFile:
    """A file in the landing folder, as discovered (no content yet)."""

    rel_path: str  # POSIX path relative to the landing root
    size: int
    mtime_ns: int


@dataclass(slots=True)
class ParsedDump:
    """The outcome of reading and parsing one file: exactly one of article/rejection."""

    source: SourceFile
    content_sha256: str | None  # None when the file was refused unread (too large, unreadable)
    article: Article | None = None
    rejection: Rejection | None = None


# What opening a path with O_NOFOLLOW gives when it meets a symbolic link:
# ELOOP (a file; EMLINK on FreeBSD) or ENOTDIR (a folder opened with O_DIRECTORY).
LINK_ERRNOS = frozenset({errno.ELOOP, errno.EMLINK, errno.ENOTDIR})
FILE_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO put in a dump's place must not block the open
)
FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
# Open path components one by one relative to the folder before (POSIX); elsewhere
# compare the path with its resolved form before opening it (not race-free).
OPEN_BY_COMPONENT = (
    hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY") and os.open in os.supports_dir_fd
)


def is_candidate(name: str) -> bool:
    """Hidden files (.DS_Store, editor swap files) and in-progress writes are not dumps."""
    return not name.startswith(".") and not name.endswith(IN_PROGRESS_SUFFIXES)


def inside_prefix(root: Path | str) -> str:
    """The resolved `root` with a trailing separator: what paths inside it start with."""
    real_root = os.path.realpath(root)
    return real_root if real_root.endswith(os.sep) else real_root + os.sep


def is_inside(real_path: str, prefix: str) -> bool:
    """`real_path` (resolved) is the folder of `prefix` or below it."""
    return (real_path + os.sep).startswith(prefix)


def iter_source_files(root: Path) -> Iterator[SourceFile]:
    """Walk `root` at any depth; folders reached through symbolic links are not entered.

    Ordinary files and folders cost no more than a directory listing and one
    stat per file; only links are resolved (see `link_listing`). Relative
    paths are built as strings ("a/b/" + name): Path objects per file cost
    ~3x the whole walk on a 100k-file folder.
    """
    prefix_inside = inside_prefix(root)
    stack: list[tuple[str, str]] = [(str(root), "")]  # (folder on disk, its relative prefix)
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if not is_candidate(name):
                    continue
                if entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{name}/"))
                    continue
                elif entry.is_symlink():
                    listed = link_listing(entry, prefix_inside)
                    if listed is None:
                        continue
                    st = listed
                else:  # sockets, FIFOs, devices
                    continue
                yield SourceFile(rel_path=prefix + name, size=st.st_size, mtime_ns=st.st_mtime_ns)


def link_listing(entry: os.DirEntry[str], prefix_inside: str) -> os.stat_result | None:
    """How a symbolic link is listed: the stat to list it with, or None to leave it out.

    A link that leads outside the landing folder is listed with its own
    stat, its target untouched, so the run quarantines it (`outside_landing`)
    and sees it again only when the link changes. A link to a regular file
    inside is listed with that file's stat (a change to the file is a change
    to the dump). Links to folders inside are not followed: what they lead
    to is listed under its own path. Dangling links and loops lead nowhere.
    """
    real = os.path.realpath(entry.path)
    if not is_inside(real, prefix_inside):
        return entry.stat(follow_symlinks=False)
    try:
        st = os.stat(real)
    except OSError:
        return None
    return st if stat.S_ISREG(st.st_mode) else None


def discover(root: Path, prescan: Prescan | None = None) -> list[SourceFile]:
    """All candidate files under `root`, sorted by path so runs are reproducible.

    `prescan`: a listing of the same folder started earlier; it is used once
    (a second run with the same object lists afresh).
    """
    if prescan is not None:
        listing = prescan.take(root)
        if listing is not None:
            return listing.result()  # (a failed listing raises here, as listing now would)
    return listing_of(root)


def listing_of(root: Path) -> list[SourceFile]:
    return sorted(iter_source_files(root), key=lambda f: f.rel_path)


class Prescan:
    """A listing of the landing folder made in a background thread, ahead of the run.

    `newsetl run` starts one first thing, so the folder is listed while the
    run imports Prefect and its temporary server boots (seconds in which the
    run has nothing else to do), and hands it to the flow. The run then covers
    the files present when it was started; files that arrive later wait for
    the next run, as they would during the walk itself.

    Slotted and without __dict__, so Prefect records it as `<Prescan>` among
    the flow's parameters instead of serialising the listing.
    """

    __slots__ = ("_guard", "_listing", "root")

    def __init__(self, root: Path) -> None:
        self.root = str(root.resolve())
        self._guard = threading.Lock()
        listing: Future[list[SourceFile]] = Future()
        self._listing: Future[list[SourceFile]] | None = listing
        threading.Thread(
            target=self._scan, args=(listing,), name="newsetl-prescan", daemon=True
        ).start()

    def _scan(self, listing: Future[list[SourceFile]]) -> None:
        try:
            listing.set_result(listing_of(Path(self.root)))
        except BaseException as exc:
            listing.set_exception(exc)

    def listing(self) -> list[SourceFile]:
        """Wait for the listing (and leave it to be taken)."""
        with self._guard:
            listing = self._listing
        if listing is None:
            raise RuntimeError("the prescanned listing was taken already")
        return listing.result()

    def take(self, root: Path) -> Future[list[SourceFile]] | None:
        """The listing, once, if it is of `root` (however spelled); else None."""
        if str(root.resolve()) != self.root:
            return None
        with self._guard:
            listing, self._listing = self._listing, None
        return listing


def open_below(root: Path, rel_path: str) -> int:
    """A read-only descriptor of the regular file root/rel_path, following no link below root.

    Each folder on the way is opened relative to the one before it, all with
    O_NOFOLLOW, so no link is followed even if one replaced a folder after
    the listing: OSError with an errno of LINK_ERRNOS instead.
    """
    parts = rel_path.split("/")
    if not OPEN_BY_COMPONENT:
        path = os.path.join(root, *parts)
        if os.path.realpath(path) != os.path.join(os.path.realpath(root), *parts):
            raise OSError(errno.ELOOP, "a symbolic link on the way", path)
        fd = os.open(path, FILE_FLAGS)
    else:
        folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)  # the root itself may be a link
        try:
            for part in parts[:-1]:
                inner = os.open(part, FOLDER_FLAGS, dir_fd=folder)
                os.close(folder)
                folder = inner
            fd = os.open(parts[-1], FILE_FLAGS, dir_fd=folder)
        finally:
            os.close(folder)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", rel_path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(root: Path, rel_path: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the file, retrying transient errors (NFS hiccups, EINTR).

    Bounded because the file may have grown since it was listed: a dump that
    is over the limit by then must not be read whole either. Opened with
    `open_below`: a link on the way raises OSError (see `read_dump`).
    """
    for attempt in range(1, READ_ATTEMPTS + 1):
        try:
            with open(open_below(root, rel_path), "rb") as fh:
                return fh.read(limit + 1)
        except OSError as exc:
            transient = exc.errno in {errno.EAGAIN, errno.EINTR, errno.EIO, errno.ESTALE}
            if not transient or attempt == READ_ATTEMPTS:
                raise
            time.sleep(READ_BACKOFF_S * attempt)
    raise AssertionError("unreachable")


def read_dump(root: Path, rel_path: str, limit: int) -> bytes | Rejection:
    """The bytes of a dump (at most `limit` + 1), or why they were not read.

    A link met on the way, listed as one or put there since, is checked where
    it leads at the moment of reading: a file inside the landing folder is
    read, anything outside is not.
    """
    try:
        return read_bytes(root, rel_path, limit)
    except OSError as exc:
        if exc.errno not in LINK_ERRNOS:
            return unreadable(exc)
        refused = exc
    prefix_inside = inside_prefix(root)
    real = os.path.realpath(os.path.join(root, *rel_path.split("/")))
    if not is_inside(real, prefix_inside):
        return Rejection(
            "outside_landing", f"a link to {real}, outside the landing folder; not read"
        )
    target = Path(os.path.relpath(real, prefix_inside)).as_posix()
    if target == rel_path:  # no link after all: a loop, or a file where a folder was
        return unreadable(refused)
    try:
        return read_bytes(Path(prefix_inside), target, limit)
    except OSError as exc:
        return unreadable(exc)


def unreadable(exc: OSError) -> Rejection:
    return Rejection("read_error", f"could not read the file: {exc.strerror or exc}")


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
    raw = read_dump(root, source.rel_path, max_bytes)
    if isinstance(raw, Rejection):
        return ParsedDump(source, content_sha256=None, rejection=raw)
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
