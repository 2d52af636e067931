"""Reading the landing folder without Prefect: the prescanned listing, and reads bounded by
the size limit whatever the file does meanwhile."""

from __future__ import annotations

import tracemalloc
import zlib
from pathlib import Path

import pytest

from flows import landing as landing_module
from flows.landing import SourceFile, read_and_parse
from tests.helpers import SAMPLE_REL, copy_landing


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    """The bundled landing folder (26 files), copied."""
    return copy_landing(tmp_path / "landing")


def test_a_listing_of_another_folder_is_not_taken(landing: Path, tmp_path: Path) -> None:
    prescan = landing_module.Prescan(landing)
    prescan.listing()
    (landing / "late.txt").write_bytes((landing / SAMPLE_REL).read_bytes())
    other = tmp_path / "other"
    other.mkdir()
    assert landing_module.discover(other, prescan) == []
    assert len(landing_module.discover(landing)) == 27


def test_a_prescan_that_fails_fails_the_run_that_takes_it(tmp_path: Path) -> None:
    missing = tmp_path / "not-there"
    prescan = landing_module.Prescan(missing)
    with pytest.raises(FileNotFoundError):
        landing_module.discover(missing, prescan)
    missing.mkdir()
    assert landing_module.discover(missing, prescan) == []  # listed afresh: used once


def test_gzip_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 20)
    bomb = b"".join(packer.compress(chunk) for _ in range(256)) + packer.flush()  # 256 MiB
    (tmp_path / "bomb.txt.gz").write_bytes(bomb)
    source = SourceFile("bomb.txt.gz", len(bomb), 1)
    tracemalloc.start()
    try:
        dump = read_and_parse(tmp_path, source, 1 << 20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert dump.rejection is not None
    assert (dump.rejection.reason, dump.rejection.detail) == (
        "too_large", "gzip content exceeds the size limit of 1048576 bytes")  # fmt: skip
    assert len(bomb) < 300_000 and peak < 4 << 20  # never more than a few MiB in memory


def test_file_grown_past_the_limit_after_listing_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "growing.txt").write_bytes(b"x" * 50_000)
    got: list[int] = []
    real = landing_module.read_bytes

    def measured(root: Path, rel_path: str, limit: int) -> bytes:
        data = real(root, rel_path, limit)
        got.append(len(data))
        return data

    monkeypatch.setattr(landing_module, "read_bytes", measured)
    dump = read_and_parse(tmp_path, SourceFile("growing.txt", 900, 1), 1000)
    assert got == [1001]
    assert dump.content_sha256 is None and dump.rejection is not None
    assert (dump.rejection.reason, dump.rejection.detail) == (
        "too_large",
        "grew past the 1,000-byte limit after it was listed; not read whole",
    )
