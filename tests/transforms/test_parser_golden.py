"""Golden snapshot of the parser's complete output, so that refactoring and speed work
can prove they change nothing.

Unlike tests/transforms/test_fixture_corpus.py (an independent oracle written from the contract),
this snapshot records what the parser *does* today, field by field, for many more
inputs: every fixture dump, line-dropping and block-merging variants of the text
fixtures, and a corpus of dumps from bench/make_corpus.py. Any difference fails.

When an output change is intended, review the diff this test prints, then regenerate:

    NEWSETL_REGEN_GOLDEN=1 .venv/bin/pytest tests/transforms/test_parser_golden.py

The snapshot also stores a hash of every input; when bench/make_corpus.py (or a
fixture) changes, the test says so instead of reporting parser differences.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from transforms import Article, Rejection, parse_dump

ROOT = Path(__file__).resolve().parents[2]
DUMPS = ROOT / "tests" / "fixtures" / "dumps"
GOLDEN = ROOT / "tests" / "fixtures" / "golden" / "parser_golden.json.gz"
MAKE_CORPUS = ROOT / "bench" / "make_corpus.py"
REGEN = os.environ.get("NEWSETL_REGEN_GOLDEN") == "1"

CORPUS_SIZE = 300
CORPUS_SEED = 7
MAX_VARIANTS_PER_FIXTURE = 24  # line-dropping variants, spread evenly over the lines


def _load_make_corpus() -> ModuleType | None:
    """bench/ holds scripts, not a package; None when the generator is absent."""
    if "make_corpus" in sys.modules:
        return sys.modules["make_corpus"]
    if not MAKE_CORPUS.exists():
        return None
    spec = importlib.util.spec_from_file_location("make_corpus", MAKE_CORPUS)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


def _fixture_inputs() -> Iterator[tuple[str, bytes]]:
    for path in sorted(DUMPS.iterdir()):
        if path.is_file():
            yield f"fixture/{path.name}", path.read_bytes()


def _variants(name: str, text: str) -> Iterator[tuple[str, bytes]]:
    """Edits that move lines across the parser's decisions: drop one line, or join two blocks."""
    lines = text.split("\n")
    step = max(1, len(lines) // MAX_VARIANTS_PER_FIXTURE)
    for i in range(0, len(lines), step):
        if lines[i].strip():
            yield f"drop/{name}/{i}", "\n".join(lines[:i] + lines[i + 1 :]).encode()
    blanks = [i for i, line in enumerate(lines) if not line.strip()]
    for i in blanks[:: max(1, len(blanks) // 8)]:
        yield f"join/{name}/{i}", "\n".join(lines[:i] + lines[i + 1 :]).encode()


def _variant_inputs() -> Iterator[tuple[str, bytes]]:
    for path in sorted(DUMPS.glob("*.txt")):
        if "--" in path.name or path.name.startswith("bad-"):
            continue  # encoded copies repeat their source; bad inputs are covered as fixtures
        yield from _variants(path.name, path.read_text(encoding="utf-8"))


def _corpus_inputs(tmp: Path) -> Iterator[tuple[str, bytes]]:
    make_corpus = _load_make_corpus()
    if make_corpus is None:
        return
    make_corpus.generate_corpus(CORPUS_SIZE, tmp, seed=CORPUS_SEED, workers=1)
    for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
        yield f"corpus/{path.relative_to(tmp).as_posix()}", path.read_bytes()


def _plain(value: Any) -> Any:
    """JSON-ready values that keep date and datetime apart."""
    if isinstance(value, datetime):
        return f"datetime:{value.isoformat()}"
    if isinstance(value, date):
        return f"date:{value.isoformat()}"
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _record(result: Article | Rejection) -> dict[str, Any]:
    kind = "article" if isinstance(result, Article) else "rejection"
    return {"kind": kind, **_plain(dataclasses.asdict(result))}


def _snapshot(tmp: Path) -> dict[str, dict[str, Any]]:
    inputs = [*_fixture_inputs(), *_variant_inputs(), *_corpus_inputs(tmp)]
    return {
        name: {
            "input_sha256": hashlib.sha256(data).hexdigest(),
            "output": _record(parse_dump(data)),
        }
        for name, data in inputs
    }


def _write_golden(snapshot: dict[str, dict[str, Any]]) -> None:
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True)
    GOLDEN.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def _read_golden() -> dict[str, dict[str, Any]]:
    return json.loads(gzip.decompress(GOLDEN.read_bytes()).decode("utf-8"))


def _field_diffs(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    keys = sorted(set(expected) | set(actual))
    return [
        f"{k}: expected {expected.get(k)!r}, got {actual.get(k)!r}"
        for k in keys
        if expected.get(k) != actual.get(k)
    ]


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return _snapshot(tmp_path_factory.mktemp("golden-corpus"))


def test_golden_snapshot_covers_enough_inputs(snapshot: dict[str, dict[str, Any]]) -> None:
    kinds = {name.split("/", 1)[0] for name in snapshot}
    assert {"fixture", "drop", "join"} <= kinds
    if _load_make_corpus() is not None:
        assert sum(name.startswith("corpus/") for name in snapshot) >= CORPUS_SIZE
    articles = sum(entry["output"]["kind"] == "article" for entry in snapshot.values())
    assert articles >= len(snapshot) // 2


def test_parser_output_matches_golden(snapshot: dict[str, dict[str, Any]]) -> None:
    if REGEN:
        _write_golden(snapshot)
        pytest.skip(f"golden snapshot regenerated: {len(snapshot)} inputs")
    assert GOLDEN.exists(), "no golden snapshot: run with NEWSETL_REGEN_GOLDEN=1"
    golden = _read_golden()
    changed_inputs = sorted(
        name
        for name in set(golden) & set(snapshot)
        if golden[name]["input_sha256"] != snapshot[name]["input_sha256"]
    )
    assert sorted(set(golden) ^ set(snapshot)) == [] and changed_inputs == [], (
        "the inputs differ from the snapshot's (generator or fixtures changed): check the parser "
        "is unchanged on the old inputs, then regenerate with NEWSETL_REGEN_GOLDEN=1"
    )
    failures = [
        f"{name}:\n    " + "\n    ".join(diffs)
        for name in sorted(golden)
        if (diffs := _field_diffs(golden[name]["output"], snapshot[name]["output"]))
    ]
    assert not failures, f"{len(failures)} outputs changed:\n" + "\n".join(failures[:20])
