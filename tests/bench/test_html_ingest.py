"""bench/html_ingest.py --copies: the copies it runs on are distinct dumps of the same pages."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from bench.html_ingest import make_copies
from tests.helpers import REPO
from transforms import parse_dump
from transforms.records import Article

LANDING_HTML = REPO / "landing" / "html"


def test_copies_are_distinct_gzipped_dumps_that_read_as_the_same_articles(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("harbor-herald-ferry-strike.html", "valley-times-cedar-ridge-fire.html.gz"):
        shutil.copy(LANDING_HTML / name, pages / name)
    (pages / "notes.txt").write_text("not a page")  # only HTML pages are copied

    target = make_copies(pages, 2, tmp_path / "copies")

    copies = sorted(p.relative_to(target).as_posix() for p in target.rglob("*.gz"))
    assert copies == [
        "copy-0/harbor-herald-ferry-strike.html.gz", "copy-0/valley-times-cedar-ridge-fire.html.gz",
        "copy-1/harbor-herald-ferry-strike.html.gz", "copy-1/valley-times-cedar-ridge-fire.html.gz",
    ]  # fmt: skip
    blobs = {(target / c).read_bytes() for c in copies}
    assert len(blobs) == 4  # no copy is byte-identical to another: none is a duplicate
    for name in ("harbor-herald-ferry-strike.html", "valley-times-cedar-ridge-fire.html.gz"):
        original = parse_dump((pages / name).read_bytes())
        assert isinstance(original, Article)
        for copy in ("copy-0", "copy-1"):
            gz_name = name if name.endswith(".gz") else name + ".gz"
            data = (target / copy / gz_name).read_bytes()
            assert gzip.decompress(data).endswith(f"<!-- bench copy {copy[-1]} -->\n".encode())
            assert parse_dump(data) == original
