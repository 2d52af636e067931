"""How a run's files are cut into batches and when parse processes start: by file count,
and by parse work, so that a few hundred HTML pages spread over the cores too."""

from __future__ import annotations

import pytest

from config import settings
from flows.landing import SourceFile
from flows.parallel import parse_processes, total_work
from flows.service import parse_work, work_batches

KB = 1024


def files(*sizes: int, name: str = "page.html") -> list[SourceFile]:
    return [SourceFile(f"{i:04d}-{name}", size, 0) for i, size in enumerate(sizes)]


def test_gzip_files_weigh_more_than_their_size() -> None:
    assert parse_work(SourceFile("a.txt", 6 * KB, 0)) == 6 * KB
    assert parse_work(SourceFile("b.html", 300 * KB, 0)) == 300 * KB
    assert parse_work(SourceFile("c.html.gz", 70 * KB, 0)) == 70 * KB * settings.GZIP_INFLATION


def test_text_dumps_keep_batches_of_batch_size_files() -> None:
    todo = files(*[6 * KB] * 4500, name="dump.txt")
    assert [len(b) for b in work_batches(todo, 2000)] == [2000, 2000, 500]


def test_big_pages_end_a_batch_before_batch_size() -> None:
    todo = files(*[300 * KB] * 200)
    batches = list(work_batches(todo, 2000, max_work=3000 * KB))
    assert [len(b) for b in batches] == [10] * 20
    assert [s for b in batches for s in b] == todo  # in order, none lost


def test_a_file_over_the_work_limit_is_a_batch_of_its_own() -> None:
    todo = files(10 * KB, 50_000 * KB, 10 * KB)
    assert [len(b) for b in work_batches(todo, 2000, max_work=1000 * KB)] == [1, 1, 1]


@pytest.mark.parametrize(
    ("to_parse", "work", "expected"),
    [
        (300, 300 * 70 * KB * settings.GZIP_INFLATION, 2),  # the dev corpus's html/: processes
        (300, 300 * 6 * KB, 0),  # 300 text dumps: in the flow's process
        (settings.AUTO_PROCESSES_MIN_FILES, 0, 2),
    ],
)
def test_parse_work_starts_processes(
    to_parse: int, work: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("flows.parallel.cpu_count", lambda: 2)
    assert parse_processes(0, to_parse, work) == expected


def test_total_work() -> None:
    assert total_work(files(1, 2, 3)) == 6
