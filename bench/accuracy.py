"""Accuracy of newsetl on a corpus folder with ground truth: the real `newsetl run`, scored.

Usage:  python bench/accuracy.py CORPUS [--format text|html|both] [--details N]
                                         [--json OUT] [--floors FILE] [--keep DIR]

CORPUS holds `truth.json` (and optionally `images.json`) plus the pages in
`text/` and/or `html/` (the layout of ../shared/corpora/news-pages-dev, whose
README defines the metrics). For each format the script runs `newsetl run
CORPUS/<format> --db <temporary warehouse>` as a user would, reads the
`article`, `image`, `source_file` and `quarantine` tables, and prints:

  body      precision / recall / F1 of 4-token shingles (corpus P and R are means
            over all pages; a page without an article row counts 0 and 0)
  title     exact after whitespace folding and casefolding
  date      published_date as YYYY-MM-DD
  authors   equal as sets of normalised names
  images    caption precision / recall against images.json (for text: the entries
            that are in the capture), credit exact on matched captions, and the
            truth captions left inside the body
  no row    pages without an article row, and why (quarantined with a reason, or
            replaced by another page's article)

`--details N` lists the N worst pages by body F1 with what went wrong;
`--floors FILE` (JSON: {"text": {"body_f1": 0.9, ...}, ...}) exits 1 when a
figure falls below its floor, which is how CI guards against regressions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb

sys.path[:0] = [str(Path(__file__).resolve().parent)]

from page_corpus import (  # noqa: E402
    PageResult,
    authors_equal,
    body_pr,
    corpus_figures,
    norm_title,
)

FORMATS = ("text", "html")


def page_id_of(path: str) -> str:
    """`text/0a1b….txt` or `0a1b….html.gz` -> `0a1b…`."""
    return Path(path).name.split(".", 1)[0]


def run_newsetl(landing: Path, db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`newsetl run` as a user types it, with its own Prefect home and no server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    script = Path(sys.executable).with_name("newsetl")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "newsetl.cli"]
    return subprocess.run(
        [*command, "run", str(landing), "--db", str(db), "--quiet"],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )


def warehouse_rows(db: Path) -> dict[str, Any]:
    """What the scoring needs from the warehouse, keyed by page id."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = {}
        for path, aid, title, authors, day, body in con.execute(
            "select source_path, article_id, title, authors, published_date, body from article"
        ).fetchall():
            articles[page_id_of(path)] = {
                "article_id": aid, "title": title, "authors": authors or [],
                "date": day.isoformat() if day else None, "body": body or "",
            }  # fmt: skip
        images: dict[str, list[tuple[str, str | None]]] = {}
        for aid, caption, credit in con.execute(
            "select article_id, caption, credit from image order by article_id, position"
        ).fetchall():
            images.setdefault(aid, []).append((caption or "", credit))
        files = {
            page_id_of(path): (status, aid)
            for path, status, aid in con.execute(
                "select path, status, article_id from source_file"
            ).fetchall()
        }
        quarantined = {
            page_id_of(path): f"{reason}: {detail}"
            for path, reason, detail in con.execute(
                "select path, reason, detail from quarantine"
            ).fetchall()
        }
    finally:
        con.close()
    return {"articles": articles, "images": images, "files": files, "quarantine": quarantined}


def score_format(corpus: Path, fmt: str, scratch: Path) -> dict[str, Any]:
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    images_path = corpus / "images.json"
    images = json.loads(images_path.read_text(encoding="utf-8")) if images_path.exists() else {}
    db = scratch / f"{fmt}.duckdb"
    run = run_newsetl(corpus / fmt, db, scratch / f"prefect-{fmt}")
    if run.returncode != 0:
        raise SystemExit(f"newsetl run failed on {corpus / fmt}:\n{run.stderr[-3000:]}")
    rows = warehouse_rows(db)
    results = []
    for page_id, t in sorted(truth.items()):
        result = PageResult(page_id)
        results.append(result)
        entries = [e for e in images.get(page_id, []) if fmt != "text" or e.get("in_capture", True)]
        article = rows["articles"].get(page_id)
        if article is None:
            status, other = rows["files"].get(page_id, ("missing", None))
            if page_id in rows["quarantine"]:
                result.missing = "quarantined " + rows["quarantine"][page_id]
            elif status == "duplicate":
                result.missing = "duplicate of another page's bytes"
            elif status == "loaded":
                result.missing = f"replaced by another page with the same article_id {other}"
            else:
                result.missing = f"not loaded ({status})"
            result.captions_truth = len(entries)
            continue
        result.title = article["title"]
        result.body_p, result.body_r = body_pr(article["body"], t["body"])
        result.title_ok = norm_title(article["title"]) == norm_title(t["title"])
        result.date_ok = article["date"] == t.get("date")
        result.authors_ok = authors_equal(article["authors"], t.get("authors") or [])
        predicted = rows["images"].get(article["article_id"], [])
        result.add_images(predicted, entries, article["body"], t["body"])
    return summarise(results)


def summarise(results: list[PageResult]) -> dict[str, Any]:
    missing = Counter((r.missing or "").split(":")[0] for r in results if r.missing)
    return {
        "pages": len(results),
        **corpus_figures(results),
        "without_row_why": dict(missing),
        "pages_detail": results,
    }


def print_format(fmt: str, s: dict[str, Any], details: int) -> None:
    print(f"== {fmt}/: {s['pages']} pages ==")
    print(f"body      P {s['body_p']:.3f}  R {s['body_r']:.3f}  F1 {s['body_f1']:.3f}")
    print(f"title {s['title']:.3f}   date {s['date']:.3f}   authors {s['authors']:.3f}")
    print(
        f"images    caption P {s['caption_p']:.3f}  R {s['caption_r']:.3f}  "
        f"credit exact {s['credit_exact']:.3f}  truth captions left in body "
        f"{s['captions_in_body']}"
    )
    print(f"no row    {s['without_row']} {s['without_row_why']}")
    if details:
        worst = sorted(s["pages_detail"], key=lambda r: (r.body_f1, r.page_id))[:details]
        print(f"-- the {len(worst)} worst pages by body F1 --")
        for r in worst:
            what = r.missing or (
                f"F1 {r.body_f1:.2f} (P {r.body_p:.2f} R {r.body_r:.2f}); "
                f"title {'ok' if r.title_ok else repr((r.title or '')[:60])}; "
                f"date {'ok' if r.date_ok else 'wrong'}; "
                f"authors {'ok' if r.authors_ok else 'wrong'}"
            )
            print(f"  {r.page_id}  {what}")


def below_floors(fmt: str, s: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    failed = []
    for name, floor in floors.get(fmt, {}).items():
        value = s[name]
        higher_is_better = name not in {"without_row", "captions_in_body"}
        if (value < floor) if higher_is_better else (value > floor):
            failed.append(f"{fmt} {name} {value:.3f} {'<' if higher_is_better else '>'} {floor}")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder with truth.json and text/ and/or html/")
    parser.add_argument("--format", choices=(*FORMATS, "both"), default="both")
    parser.add_argument("--details", type=int, default=0, help="list the N worst pages")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--floors", type=Path, help="JSON floors; exit 1 below any")
    parser.add_argument("--keep", type=Path, help="keep the warehouses in this folder")
    args = parser.parse_args(argv)
    formats = [f for f in FORMATS if args.format in (f, "both") and (args.corpus / f).is_dir()]
    if not formats:
        parser.error(f"{args.corpus} has no text/ or html/ folder")
    floors = json.loads(args.floors.read_text()) if args.floors else {}
    figures: dict[str, Any] = {}
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="newsetl-accuracy-") as tmp:
        scratch = args.keep or Path(tmp)
        scratch.mkdir(parents=True, exist_ok=True)
        for fmt in formats:
            summary = score_format(args.corpus, fmt, scratch)
            print_format(fmt, summary, args.details)
            failed += below_floors(fmt, summary, floors)
            summary.pop("pages_detail")
            figures[fmt] = summary
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    for line in failed:
        print(f"BELOW FLOOR: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
