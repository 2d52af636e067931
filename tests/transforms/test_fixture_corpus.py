"""The fixture corpus: every dump in tests/fixtures/dumps/ must parse to its expected JSON.

The expected files were written from DATA-CONTRACT.md alone, never from parser
output (tests/fixtures/README.md), so they are an independent oracle. Besides
the parser comparison, the oracle is checked against itself and against the
dump bytes, so a typo in an expected file shows up as a corpus failure rather
than as a parser bug.
"""

from __future__ import annotations

import codecs
import gzip
import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from transforms.records import Article, Rejection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DUMPS = FIXTURES / "dumps"
EXPECTED = FIXTURES / "expected"
MIN_FIXTURES = 30
SIZE_LIMIT = 10 * 1000 * 1000  # contract: "files over the size limit" (10 MB)

ARTICLE_FIELDS = (
    "title",
    "publisher",
    "summary",
    "authors",
    "dateline",
    "published_at",
    "updated_at",
    "published_date",
    "published_date_source",
    "body_paragraphs",
    "paragraph_count",
    "word_count",
)
IMAGE_FIELDS = (
    "position",
    "caption",
    "credit",
    "photographer",
    "organization",
    "distributor",
    "is_file_photo",
    "is_handout",
    "photo_date",
)
LINK_FIELDS = ("position", "link_type", "title", "publisher", "category", "url")

# Every variant of DATA-CONTRACT.md §1.1/§1.2 the corpus must show at least once.
REQUIRED_TAGS = frozenset(
    {
        "publisher:ap",
        "publisher:reuters",
        "publisher:upi",
        "publisher:latimes",
        "publisher:usatoday",
        "publisher:cbs",
        # bylines
        "byline:by-and",  # By JANE DOE and JOHN ROE
        "byline:by-comma-org",  # By Jane Doe, Associated Press
        "byline:story-by",  # Story by Jane Doe
        "byline:by-upper-org",  # By JANE DOE Associated Press
        "byline:multi",  # By A, B and C
        "byline:multi-oxford",  # By A, B, and C
        "byline:plain",  # By Jane Doe
        "byline:none",
        # datelines
        "dateline:ap-country",  # KYIV, Ukraine (AP) —
        "dateline:ap-city",  # WASHINGTON (AP) —
        "dateline:ap-dotted",  # ST. LOUIS (AP) —
        "dateline:reuters",  # WASHINGTON (Reuters) -
        "dateline:bare",  # LOS ANGELES —
        "dateline:none",
        # timestamps: which lines, and how they are written
        "ts:published-only",
        "ts:published-updated",
        "ts:updated-only",
        "ts:none",
        "tsfmt:ap",  # Published 9:14 AM EDT, September 5, 2025
        "tsfmt:at",  # September 5, 2025 at 9:14 a.m. EDT
        "tsfmt:numeric",  # 09/05/2025 09:14 AM
        "date:explicit",
        "date:caption",
        "date:null",
        # photo credits and captions
        "credit:ap-photo",  # (AP Photo/Evan Vucci)
        "credit:ap-photo-file",  # (AP Photo/Evan Vucci, File)
        "credit:via",  # (Stepan Pugachev/Roscongress Foundation via AP)
        "credit:via-multi-org",  # (Alexander Kazakov, Sputnik, Kremlin Pool Photo via AP)
        "credit:photo-by",  # (Photo by Jane Doe/Getty Images)
        "credit:reuters",  # (Reuters)
        "credit:own-line",  # Jane Doe/Reuters on the line after the caption
        "credit:ap-bare",  # (AP Photo)
        "credit:stray-space",  # ( Name/Org via AP)
        "credit:org-only-via",  # (Ukrainian Presidential Press Office via AP)
        "credit:spaced-slash",  # (Carolyn Pierce / Los Angeles Times)
        "caption:file-prefix",
        "caption:no-date",
        "caption:before-body",
        "caption:inside-body",
        "caption:after-body",
        "caption:after-footer",
        "caption:none",
        "handout:released-by",
        "handout:provided-by",
        "handout:word",
        # body and footer
        "body:paren-not-credit",  # ... (R-Texas).
        "body:paren-at-end",  # ... (about $5 million)
        "body:url-inline",
        "footer:contributor",
        "footer:hub",
        "footer:inline-url",
        "footer:note",
        "footer:none",
        # recommendations
        "recs:recommended-for-you",
        "recs:more-for-you",
        "recs:related",
        "recs:read-more",
        "recs:none",
        "recs:style-A",  # category line glued to the next card's title (as in the sample)
        "recs:style-B",  # cards separated by blank lines
        "cat:news",
        "cat:sports",
        "cat:entertainment",
        "cat:money",
        "cat:lifestyle",
        "cat:video",
        "cat:none",
        "card:with-again",
        "card:without-again",
        "summary:missing",
        "title-again:missing",
        # encodings and shapes
        "enc:utf8",
        "enc:bom",
        "enc:crlf",
        "enc:cp1252",
        "enc:latin1",
        "enc:gzip",
        "enc:nbsp",
        "quotes:curly",
        "quotes:straight-only",
        "shape:leading-blank",
        "shape:trailing-space",
        "shape:extra-blank-lines",
        "shape:no-final-newline",
        # bad input (§1.2)
        "bad:empty",
        "bad:whitespace",
        "bad:binary",
        "bad:no-title",
        "bad:recs-only",
        "bad:cookie-wall",
        "bad:html-error",
        "bad:gzip-corrupt",
        "bad:too-large",
    }
)
# Tags that describe a fixture but are not variants to cover.
INFORMATIONAL_TAGS = frozenset({"enc:derived", "real-sample", "recapture"})


def dump_paths() -> list[Path]:
    """Every dump file, sorted by name so test ids are stable."""
    return sorted(p for p in DUMPS.iterdir() if p.is_file())


def stem_of(path: Path) -> str:
    """Fixture name: the dump's file name without `.txt.gz` or `.txt`."""
    return path.name.removesuffix(".gz").removesuffix(".txt")


def load_expected(stem: str) -> dict[str, Any]:
    """The hand-written oracle of one fixture."""
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


def all_expected() -> dict[str, dict[str, Any]]:
    """Every expected file by stem."""
    return {p.stem: load_expected(p.stem) for p in sorted(EXPECTED.glob("*.json"))}


def decoded(data: bytes) -> str:
    """The test's own minimal reading of a good dump, for checking the oracle against it.

    Deliberately independent of transforms/: gunzip, drop a BOM, UTF-8 else
    Windows-1252 (a superset of the Latin-1 text used here), CRLF -> LF.
    """
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    return text.replace("\r\n", "\n")


def dump_text(data: bytes) -> str:
    """The decoded dump with NBSP -> space, as the expected texts are normalised."""
    return decoded(data).replace("\u00a0", " ")


def as_plain(value: object) -> object:
    """Timestamps as `YYYY-MM-DD HH:MM:SS`, dates as `YYYY-MM-DD`, else unchanged."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value


def paragraphs_of(body: str) -> list[str]:
    """The body split back into the paragraphs it was joined from."""
    return body.split("\n\n") if body else []


def field_mismatch(where: str, expected: object, actual: object) -> list[str]:
    """One message if the values differ, else none."""
    if expected == actual:
        return []
    return [f"{where}: expected {expected!r}, got {actual!r}"]


def paragraph_mismatches(expected: list[str], actual: list[str]) -> list[str]:
    """Per-paragraph differences, so a shifted or merged paragraph is easy to spot."""
    problems = field_mismatch("article.paragraph_count(body)", len(expected), len(actual))
    for index in range(max(len(expected), len(actual))):
        want = expected[index] if index < len(expected) else None
        got = actual[index] if index < len(actual) else None
        problems += field_mismatch(f"article.body_paragraphs[{index}]", want, got)
    return problems


def article_mismatches(expected: dict[str, Any], article: Article) -> list[str]:
    """Differences in the `article` row."""
    problems: list[str] = []
    if not isinstance(article.article_id, str) or not article.article_id:
        problems.append(f"article.article_id: expected non-empty text, got {article.article_id!r}")
    for name in ARTICLE_FIELDS:
        want = expected[name]
        if name == "body_paragraphs":
            problems += paragraph_mismatches(want, paragraphs_of(article.body))
        elif name == "authors":
            got = list(article.authors)
            if [a.casefold() for a in want] != [a.casefold() for a in got]:
                problems += field_mismatch("article.authors (case-insensitive)", want, got)
        else:
            problems += field_mismatch(f"article.{name}", want, as_plain(getattr(article, name)))
    return problems


def row_mismatches(
    table: str, fields: tuple[str, ...], expected: list[dict[str, Any]], actual: list[object]
) -> list[str]:
    """Differences in a child table, row by row in position order."""
    problems = field_mismatch(f"{table}.row_count", len(expected), len(actual))
    for index in range(max(len(expected), len(actual))):
        if index >= len(actual):
            problems.append(f"{table}[{index}]: expected row {expected[index]!r}, got none")
        elif index >= len(expected):
            problems.append(f"{table}[{index}]: unexpected row {actual[index]!r}")
        else:
            for name in fields:
                got = as_plain(getattr(actual[index], name))
                problems += field_mismatch(f"{table}[{index}].{name}", expected[index][name], got)
    return problems


def result_mismatches(expected: dict[str, Any], result: object) -> list[str]:
    """Every difference between the oracle and what parse_dump returned."""
    if "quarantine" in expected:
        want = expected["quarantine"]["reason"]
        if isinstance(result, Rejection):
            return field_mismatch("quarantine.reason", want, result.reason)
        title = getattr(result, "title", None)
        return [f"quarantine.reason: expected {want!r}, got {type(result).__name__} {title!r}"]
    if not isinstance(result, Article):
        return [f"article: expected an Article, got {result!r}"]
    return (
        article_mismatches(expected["article"], result)
        + row_mismatches("image", IMAGE_FIELDS, expected["image"], result.images)
        + row_mismatches("related_link", LINK_FIELDS, expected["related_link"], result.links)
    )


def parse(data: bytes) -> object:
    """parse_dump, imported late so the corpus collects before the parser exists."""
    from transforms import parse_dump

    return parse_dump(data)


@pytest.mark.parametrize("dump", dump_paths(), ids=lambda p: p.name)
def test_fixture_parses_as_expected(dump: Path) -> None:
    expected = load_expected(stem_of(dump))
    problems = result_mismatches(expected, parse(dump.read_bytes()))
    if problems:
        lines = "\n".join(f"  {dump.name} {p}" for p in problems)
        pytest.fail(f"{dump.name}: {len(problems)} mismatch(es)\n{lines}", pytrace=False)


def test_every_dump_has_an_expected_file_and_vice_versa() -> None:
    dumps = [stem_of(p) for p in dump_paths()]
    assert all(p.name.endswith((".txt", ".txt.gz")) for p in dump_paths())
    assert len(dumps) == len(set(dumps)), "two dumps share a stem"
    expected = {p.stem for p in EXPECTED.glob("*.json")}
    assert sorted(set(dumps) - expected) == [], "dumps without an expected file"
    assert sorted(expected - set(dumps)) == [], "expected files without a dump"
    assert len(dumps) >= MIN_FIXTURES


def oracle_problems(stem: str, expected: dict[str, Any]) -> list[str]:
    """Internal inconsistencies of one expected file (rules of DATA-CONTRACT.md §2)."""
    if "quarantine" in expected:
        return [] if set(expected) == {"tags", "quarantine"} else [f"{stem}: extra keys"]
    art, images, links = expected["article"], expected["image"], expected["related_link"]
    problems: list[str] = []
    body = "\n\n".join(art["body_paragraphs"])
    if set(art) != set(ARTICLE_FIELDS):
        problems.append(f"{stem}: article keys {sorted(set(art) ^ set(ARTICLE_FIELDS))}")
    if art["paragraph_count"] != len(art["body_paragraphs"]) or art["word_count"] != len(
        body.split()
    ):
        problems.append(f"{stem}: paragraph_count/word_count disagree with body_paragraphs")
    for stamp in (art["published_at"], art["updated_at"]):
        if stamp is not None and as_plain(datetime.fromisoformat(stamp)) != stamp:
            problems.append(f"{stem}: timestamp {stamp!r} not YYYY-MM-DD HH:MM:SS")
    if art["published_at"]:
        rule = (art["published_at"][:10], "explicit")
    elif images and images[0]["photo_date"]:
        rule = (images[0]["photo_date"], "caption")
    else:
        rule = (None, None)
    if (art["published_date"], art["published_date_source"]) != rule:
        problems.append(f"{stem}: published_date does not follow the contract rule {rule}")
    tables = (("image", images, IMAGE_FIELDS), ("related_link", links, LINK_FIELDS))
    for table, rows, fields in tables:
        if [r["position"] for r in rows] != list(range(len(rows))):
            problems.append(f"{stem}: {table} positions are not 0..n-1")
        problems += [f"{stem}: {table} keys" for r in rows if set(r) != set(fields)]
    for link in links:
        card = link["link_type"] == "recommended"
        if card != (link["url"] is None) or (not card and link["publisher"] is not None):
            problems.append(f"{stem}: related_link[{link['position']}] url/publisher vs type")
    return problems


def test_expected_files_are_consistent() -> None:
    problems = [p for stem, exp in all_expected().items() for p in oracle_problems(stem, exp)]
    assert problems == []


def texts_missing_from_dump(expected: dict[str, Any], text: str) -> list[str]:
    """Expected strings that do not occur verbatim in the (normalised) dump text."""
    art = expected["article"]
    wanted = [art["title"], art["publisher"], *art["body_paragraphs"]]
    wanted += [v for v in (art["summary"], art["dateline"]) if v is not None]
    wanted += [r[k] for r in expected["image"] for k in ("caption", "credit") if r[k]]
    wanted += [r[k] for r in expected["related_link"] for k in LINK_FIELDS[2:] if r[k]]
    missing = [w for w in wanted if w not in text]
    folded = text.casefold()
    return missing + [a for a in art["authors"] if a.casefold() not in folded]


def test_expected_texts_occur_in_their_dump() -> None:
    problems = {}
    for dump in dump_paths():
        expected = load_expected(stem_of(dump))
        if "article" in expected:
            missing = texts_missing_from_dump(expected, dump_text(dump.read_bytes()))
            if missing:
                problems[dump.name] = missing
    assert problems == {}


def is_cp1252_only(data: bytes) -> bool:
    """Not UTF-8, and uses the 0x80-0x9F range where Windows-1252 differs from Latin-1."""
    return not is_utf8(data) and any(0x80 <= b <= 0x9F for b in data)


def is_latin1_only(data: bytes) -> bool:
    """Not UTF-8, and avoids 0x80-0x9F (so Latin-1 and Windows-1252 agree)."""
    return not is_utf8(data) and not any(0x80 <= b <= 0x9F for b in data)


def is_utf8(data: bytes) -> bool:
    """Whether the bytes decode as UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def fails_to_gunzip(data: bytes) -> bool:
    """Whether gzip data is corrupt."""
    try:
        gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return True
    return False


# What each byte-level tag promises about a dump's (gunzipped, for enc:*) bytes.
BYTE_CLAIMS: dict[str, Callable[[bytes], bool]] = {
    "enc:bom": lambda d: d.startswith(codecs.BOM_UTF8),
    "enc:crlf": lambda d: b"\r\n" in d and b"\n" not in d.replace(b"\r\n", b""),
    "enc:cp1252": is_cp1252_only,
    "enc:latin1": is_latin1_only,
    "enc:utf8": lambda d: is_utf8(d) and not d.startswith(codecs.BOM_UTF8) and b"\r" not in d,
    "enc:nbsp": lambda d: "\u00a0" in decoded(d),
    "bad:empty": lambda d: d == b"",
    "bad:whitespace": lambda d: d != b"" and d.strip() == b"",
    "bad:binary": lambda d: b"\x00" in d,
}
RAW_CLAIMS: dict[str, Callable[[bytes], bool]] = {
    "enc:gzip": lambda d: d[:2] == b"\x1f\x8b" and not fails_to_gunzip(d),
    "bad:gzip-corrupt": lambda d: d[:2] == b"\x1f\x8b" and fails_to_gunzip(d),
    "bad:too-large": lambda d: len(gzip.decompress(d)) > SIZE_LIMIT,
}


def false_claims(path: Path, tags: list[str]) -> list[str]:
    """Byte-level tags of one dump that its bytes do not bear out."""
    raw = path.read_bytes()
    data = gzip.decompress(raw) if "enc:gzip" in tags else raw
    wrong = [t for t in tags if t in BYTE_CLAIMS and not BYTE_CLAIMS[t](data)]
    return wrong + [t for t in tags if t in RAW_CLAIMS and not RAW_CLAIMS[t](raw)]


def test_byte_level_tags_match_the_bytes() -> None:
    problems = {}
    for dump in dump_paths():
        wrong = false_claims(dump, load_expected(stem_of(dump))["tags"])
        if wrong:
            problems[dump.name] = wrong
    assert problems == {}


def test_encoded_variants_match_their_utf8_source() -> None:
    """`<source>--<variant>` must read as the same text and expect the same output."""
    variants = [p for p in dump_paths() if "--" in p.name]
    assert len(variants) >= 8
    for variant in variants:
        source = DUMPS / f"{stem_of(variant).split('--')[0]}.txt"
        assert dump_text(variant.read_bytes()) == dump_text(source.read_bytes()), variant.name
        expected, original = load_expected(stem_of(variant)), load_expected(stem_of(source))
        expected.pop("tags")
        original.pop("tags")
        assert expected == original, variant.name


def tag_counts() -> Counter[str]:
    """How many fixtures carry each tag."""
    return Counter(tag for exp in all_expected().values() for tag in exp["tags"])


def test_every_required_variant_is_covered() -> None:
    counts = tag_counts()
    print("\nfixtures per variant tag:")
    for tag in sorted(REQUIRED_TAGS | counts.keys()):
        print(f"  {counts[tag]:3d}  {tag}")
    assert sorted(REQUIRED_TAGS - counts.keys()) == []
    assert sorted(counts.keys() - REQUIRED_TAGS - INFORMATIONAL_TAGS) == [], "unknown tags"


def test_same_title_and_publisher_share_one_article_id() -> None:
    """Re-captures and encoded copies of one article must land on the same row."""
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for dump in dump_paths():
        expected = load_expected(stem_of(dump))
        result = parse(dump.read_bytes())
        if "article" in expected and isinstance(result, Article):
            key = (expected["article"]["publisher"].casefold(), expected["article"]["title"])
            ids[key].add(result.article_id)
    assert {key: len(found) for key, found in ids.items() if len(found) != 1} == {}
    all_ids = [next(iter(found)) for found in ids.values()]
    assert len(all_ids) == len(set(all_ids)), "two different articles share an article_id"
    assert len(ids) >= 20
