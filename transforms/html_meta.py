"""An HTML page's metadata: headline, authors, dates, publisher, canonical URL, dek, type.

Structured metadata is read first (JSON-LD article objects, also inside `@graph` arrays
and lists; OpenGraph and other `<meta>` tags; `itemprop`s; `<link rel=canonical>`;
`<time datetime>`), because it is cheap and usually right. Where it is often wrong it
is checked against the visible page:

- the title is the visible headline, the `<h1>` that agrees with the metadata titles,
  since `og:title` / `<title>` are SEO variants (a site suffix, other wording); a label
  printed in the `<h1>` before the headline (`Opinion | ...`) is dropped when the
  metadata or the `<h1>`'s own separators show where the headline starts;
- author fields hold job titles, `By`, organisation names, URLs and several names in
  one string, so every value goes through the project's byline parser;
- dates are kept as the wall-clock time printed, the ISO offset dropped (as
  transforms/dates.py does).

Pure: the tree is only read, never changed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from lxml.html import HtmlElement

from transforms.bylines import BY_PREFIX, byline_names, parse_byline
from transforms.credits import is_known_agency
from transforms.dates import parse_timestamp
from transforms.headlines import MIN_HEADLINE_WORDS, headline_part
from transforms.html_vocab import (
    ARTICLE_TYPES,
    AUTHOR_HREF_HINTS,
    BYLINE_CLASS_HINTS,
    DATE_CLASS_HINTS,
    DATE_META_HINTS,
    LISTING_TYPES,
    META_AUTHOR,
    META_PUBLISHED,
    META_PUBLISHER,
    META_SUMMARY,
    META_TITLE,
    META_TYPE,
    META_UPDATED,
    META_URL,
    ORGANISATION_WORDS,
    ORGANIZATION_TYPES,
    PAGE_TYPES,
    PRIMARY_ARTICLE_TYPES,
    TITLE_SEPARATORS,
)
from transforms.page_vocab import CREDENTIALS


@dataclass(slots=True, frozen=True)
class HtmlMeta:
    """What a page says about its article, beside the body."""

    title: str | None  # the visible headline
    authors: tuple[str, ...]  # people's names, in printed order
    published_at: datetime | None  # wall-clock time as printed (no offset applied)
    updated_at: datetime | None
    published_date: date | None  # the date readers see: published, or the update's when
    # the page shows only that
    publisher: str | None  # og:site_name, else the JSON-LD publisher
    url: str | None  # canonical
    summary: str | None  # the dek: JSON-LD / og / meta description
    page_type: str | None  # JSON-LD article @type or og:type, lower case
    # Every JSON-LD object of the page (see jsonld_objects), parsed once here and handed to
    # the body and figure readers, which read articleBody and image captions from them.
    ld_objects: tuple[dict, ...] = field(default=(), compare=False, repr=False)


# The tags page_meta reads in its one pass over the tree.
_TAGS = ("meta", "title", "h1", "link", "script", "time")
# Elements with an itemprop, `<meta>`s apart (read only when the rest gives no author,
# date or `<h1>`).
_ITEMPROPS = "//*[@itemprop and not(self::meta)]"
# UTF-8 read as Latin-1: a lead byte Â-ô followed by a continuation byte (`â\x80\x99` for ’).
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")
# "2023-12-20", "2023-12-20T10:15", "2023-12-20T10:15:30.000+05:00", "2023-12-20 10:15:30Z";
# the offset is read (to tell a UTC time) but never applied: the wall clock stays as printed.
_ISO = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
# "20231220", "20231220T1015" and "20231220T101530": compact ISO dates (not longer numbers)
_COMPACT = re.compile(
    r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T?(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?(?!\d)"
)
# Parts of a date or byline text: "Posted: Dec 22, 2023 | Last Updated: Jan 2, 2024",
# "CBC Arts · Posted: ...", "By Jane Doe • December 20, 2023"
_SEGMENTS = re.compile(r"\s*[|·•]\s*")
# Wrappers some sites leave around a JSON-LD block: HTML comments, CDATA markers.
_JSON_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
# A schema.org type written as a URL or with a prefix: "http://schema.org/NewsArticle".
_TYPE_PREFIX = re.compile(r"^(?:https?://schema\.org/|schema:)", re.IGNORECASE)
# `\w+` runs: the words titles are compared by.
_WORD = re.compile(r"\w+")
_MAX_HEADLINE_WORDS = 40
# An <h1> and a metadata title sharing this share of the longer one's words are one headline.
MIN_AGREEMENT = 0.5
# An <h1> that agrees with no metadata title is still the headline from this many words on
# (shorter ones are section names: `Football`, a site's name).
_MAX_H1 = 12
_MAX_TIMES = 12
_MAX_DATE_CHARS = 120
_MAX_DATE_CHILDREN = 8
_MAX_SHOWN = 24
# `<time>` elements, and elements whose class names a date (`article-date__time`,
# `published`, `post-date`), in page order.
_SHOWN_DATES = (
    ".//time | .//*[" + " or ".join(f"contains(@class, '{h}')" for h in DATE_CLASS_HINTS) + "]"
)
# A local rendering of a UTC time differs from it by whole half-hours, at most 14 hours.
_ZONE_STEP_MINUTES = 30
_MAX_ZONE_MINUTES = 14 * 60
# Published and updated this close may still fall on one day once read as printed.
_SAME_DAY = timedelta(hours=14)
_MAX_JSON_DEPTH = 6
# Elements that print the byline: a class naming it, or a link to the author's page.
_BYLINES = (
    ".//*["
    + " or ".join(f"contains(@class, '{h}')" for h in BYLINE_CLASS_HINTS)
    + " or @rel='author'] | .//a["
    + " or ".join(f"contains(@href, '{h}')" for h in AUTHOR_HREF_HINTS)
    + "]"
)
# The headline's block: this many levels above the `<h1>`, where the byline and the date
# are printed; searched before the whole page (faster, and clear of teaser cards).
HEADER_LEVELS = 3
_MAX_BYLINES = 12
_MAX_BYLINE_CHARS = 160


def page_meta(tree: HtmlElement) -> HtmlMeta:
    """The metadata of a parsed page (`lxml.html.document_fromstring`)."""
    found = _collect(tree)
    article = _main_article(found.ld_objects)
    index = _by_id(found.ld_objects)
    site = _publisher(article, found)
    url = _canonical_url(article, found)
    authors = _authors([_ld_authors(article, index), _meta_values(found, META_AUTHOR)])
    if (
        not authors
        or not found.h1s
        or not _first_when(
            [_ld_text(article, "datePublished"), *_meta_values(found, META_PUBLISHED)]
        )
    ):  # (only then: finding the itemprops costs a search of the whole tree)
        _collect_itemprops(tree, found)
        authors = authors or _authors([found.itemprop_authors])
    if not authors or all(_is_organisation(n, site, url) for n in authors):
        for region in _regions(tree, found):
            people = [n for n in _visible_byline(region) if not _is_organisation(n, site, url)]
            if people:
                authors = tuple(people)
                break
    published = _first_when([
        _ld_text(article, "datePublished"),
        _ld_text(article, "dateCreated"),
        *_meta_values(found, META_PUBLISHED),
        *found.itemprop_published,
    ])  # fmt: skip
    updated = _first_when([
        _ld_text(article, "dateModified"), *_meta_values(found, META_UPDATED),
        *found.itemprop_updated,
    ])  # fmt: skip
    shown: list[_When] = []
    need_page = published is None or (
        updated is not None and abs(published.value - updated.value) > _SAME_DAY
    )
    if need_page or _is_utc(published) or (updated is not None and _is_utc(updated)):
        # (only then: reading the visible dates costs a search of the headline's block, of
        # the whole tree when the date itself is in question)
        for region in _regions(tree, found, whole_page=need_page):
            if shown := _shown_whens(region):
                break
    renderings = _local_renderings(found, shown)
    published_at = _as_printed(published, renderings) or (shown[0].value if shown else None)
    updated_at = _as_printed(updated, renderings)
    return HtmlMeta(
        title=_headline(article, found, site, url),
        authors=authors,
        published_at=published_at,
        updated_at=updated_at,
        published_date=_shown_date(published_at, updated_at, shown),
        publisher=site,
        url=url,
        summary=_first_text([_ld_text(article, "description"), *_meta_values(found, META_SUMMARY)]),
        page_type=_page_type(article, found),
        ld_objects=tuple(found.ld_objects),
    )


# ---- one pass over the tree ----------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """The raw metadata of a page, as read from the tree."""

    meta: dict[str, list[str]]
    titles: list[str]
    h1s: list[str]
    h1_logos: list[bool]
    h1_elements: list[HtmlElement]
    canonical: str | None
    ld_objects: list[dict]
    itemprop_published: list[str]
    itemprop_updated: list[str]
    itemprop_authors: list[str]
    times: list[tuple[str | None, str]]
    date_metas: list[str]


def _collect(tree: HtmlElement) -> _Found:
    """Read the metadata elements (all but the itemprops of other elements) in one pass."""
    found = _Found({}, [], [], [], [], None, [], [], [], [], [], [])
    for el in tree.iter(_TAGS):
        tag = el.tag
        if tag == "meta":
            name = el.get("property") or el.get("name") or el.get("itemprop")
            content = el.get("content")
            if name and content and content.strip():
                name = name.strip().lower()
                found.meta.setdefault(name, []).append(repair(content))
                if any(hint in name for hint in DATE_META_HINTS):
                    found.date_metas.append(content)
        elif tag == "title":
            found.titles.append(_text(el))
        elif tag == "h1":
            if len(found.h1s) < _MAX_H1:
                found.h1s.append(_text(el))
                found.h1_logos.append(_is_logo(el))
                found.h1_elements.append(el)
        elif tag == "link":
            if found.canonical is None and "canonical" in el.get("rel", "").lower().split():
                found.canonical = (el.get("href") or "").strip() or None
        elif tag == "script":
            if _is_jsonld(el):
                found.ld_objects.extend(_json_objects(el.text or ""))
        elif tag == "time" and len(found.times) < _MAX_TIMES:
            found.times.append((el.get("datetime"), " ".join(el.text_content().split())))
    return found


def _collect_itemprops(tree: HtmlElement, found: _Found) -> None:
    """Read the itemprops of elements other than `<meta>` (which _collect reads)."""
    for el in tree.xpath(_ITEMPROPS):
        _read_itemprop(el.get("itemprop").strip().lower(), el, found)


def _read_itemprop(prop: str, el: HtmlElement, found: _Found) -> None:
    """Itemprops on visible elements: datePublished on `<time>`, author names, and the
    headline, which joins the `<h1>`s as a visible headline candidate."""
    if prop in ("datepublished", "datemodified"):
        value = el.get("datetime") or el.get("content") or _text(el)
        (found.itemprop_published if prop == "datepublished" else found.itemprop_updated).append(
            value
        )
    elif prop == "author" or prop == "creator":
        names = el.xpath(".//*[@itemprop='name']")
        text = _text(names[0]) if names else _text(el)
        if text:
            found.itemprop_authors.append(text)
    elif prop == "headline" and el.tag != "h1" and len(found.h1s) < _MAX_H1:
        found.h1s.append(_text(el))
        found.h1_logos.append(_is_logo(el))
        found.h1_elements.append(el)


def _regions(tree: HtmlElement, found: _Found, whole_page: bool = True) -> Iterator[HtmlElement]:
    """Where to look for the visible byline and date: the headline's block first (the
    block HEADER_LEVELS above the first `<h1>` that reads as a headline), then the page."""
    for text, logo, el in zip(found.h1s, found.h1_logos, found.h1_elements, strict=True):
        if not logo and len(text.split()) >= MIN_HEADLINE_WORDS:
            block = el
            for _ in range(HEADER_LEVELS):
                parent = block.getparent()
                if parent is None or parent.tag == "body":
                    break
                block = parent
            yield block
            break
    if whole_page:
        yield tree


def _is_logo(h1: HtmlElement) -> bool:
    """An `<h1>` holding the site's logo (an image or drawing), as many sites' headers do."""
    return any(True for _ in h1.iter("img", "svg", "picture"))  # (the HTML parser drops namespaces)


def _text(el: HtmlElement) -> str:
    """An element's text, whitespace collapsed, repaired if mis-decoded."""
    return repair(" ".join(el.text_content().split()))


def repair(text: str) -> str:
    """Text decoded as Latin-1 although its bytes were UTF-8 (`itâ\\x80\\x99s`), decoded again.

    lxml reads bytes without a declared charset as Latin-1; every UTF-8 sequence then
    shows as a lead character followed by continuation characters, which no real text
    prints, so re-decoding is safe whenever all characters fit in one byte.
    """
    if text.isascii() or not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


# ---- JSON-LD ---------------------------------------------------------------------------------


def jsonld_objects(tree: HtmlElement) -> list[dict]:
    """Every object of the page's JSON-LD blocks, nested ones included, in page order
    (what page_meta reads; for a reader called without it)."""
    return [
        obj for el in tree.iter("script") if _is_jsonld(el) for obj in _json_objects(el.text or "")
    ]


def _is_jsonld(script: HtmlElement) -> bool:
    return (script.get("type") or "").strip().lower() == "application/ld+json"


def _json_objects(source: str) -> list[dict]:
    """Every object of one JSON-LD block, nested ones included, outermost first."""
    source = repair(source.strip())
    if source[:1] not in "{[" or source[-1:] not in "}]":  # (a wrapper: only then the regex)
        source = _JSON_WRAPPER.sub("", source)
    try:
        data = json.loads(source, strict=False)
    except ValueError:
        return []
    return list(_walk(data, 0))


def _walk(value: object, depth: int) -> Iterator[dict]:
    """Dicts inside a JSON value (lists, `@graph`, nested properties), depth-first."""
    if depth > _MAX_JSON_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for item in value.values():
            if isinstance(item, (dict, list)):
                yield from _walk(item, depth + 1)


def _types(obj: dict) -> list[str]:
    """The object's @types, lower case, without a vocabulary URL prefix."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [_TYPE_PREFIX.sub("", v).lower() for v in values if isinstance(v, str)]


def _main_article(objects: list[dict]) -> dict | None:
    """The page's article object: a news/blog article type first, any article type next,
    one with a headline before one without."""
    best: dict | None = None
    best_rank = 0
    for obj in objects:
        types = _types(obj)
        if not any(t in ARTICLE_TYPES for t in types):
            continue
        rank = 1 + any(t in PRIMARY_ARTICLE_TYPES for t in types) * 2 + ("headline" in obj)
        if rank > best_rank:
            best, best_rank = obj, rank
    return best


def _by_id(objects: list[dict]) -> dict[str, dict]:
    """Objects by their `@id`, for resolving references (`"author": {"@id": ...}`)."""
    index: dict[str, dict] = {}
    for obj in objects:
        key = obj.get("@id")
        if isinstance(key, str) and len(obj) > 1:
            index.setdefault(key, obj)
    return index


def _ld_text(obj: dict | None, field: str) -> str | None:
    """A string field of a JSON-LD object (the first of a list, a dict's `name`)."""
    if obj is None:
        return None
    value = obj.get(field)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    if "&" in value:
        value = html.unescape(value)
    return value.strip() or None


def _page_type(article: dict | None, found: _Found) -> str | None:
    """The JSON-LD article type, else a JSON-LD listing type, else og:type, else a page type."""
    if article is not None:
        types = [t for t in _types(article) if t in ARTICLE_TYPES]
        if types:
            return types[0]
    for obj in found.ld_objects:  # a declared listing outranks og:type's generic "website"
        for t in _types(obj):
            if t in LISTING_TYPES:
                return t
    og = _meta_values(found, META_TYPE)
    if og:
        return og[0].strip().lower()
    for obj in found.ld_objects:
        for t in _types(obj):
            if t in PAGE_TYPES:
                return t
    return None


# ---- <meta> --------------------------------------------------------------------------------


def _meta_values(found: _Found, names: tuple[str, ...]) -> list[str]:
    """The contents of the named <meta> tags, in the order of `names`."""
    out: list[str] = []
    for name in names:
        out.extend(found.meta.get(name, ()))
    return out


def _first_text(values: list[str | None]) -> str | None:
    """The first non-empty value, whitespace collapsed."""
    for value in values:
        if value:
            text = " ".join(repair(value).split())
            if text:
                return text
    return None


def _publisher(article: dict | None, found: _Found) -> str | None:
    """The site's name: og:site_name and its kin first, then the JSON-LD publisher."""
    named = [v for v in _meta_values(found, META_PUBLISHER) if not v.startswith("@")]
    return _first_text([*named[:1], _ld_text(article, "publisher")])


def _canonical_url(article: dict | None, found: _Found) -> str | None:
    """`<link rel=canonical>`, else og:url, else the JSON-LD url / mainEntityOfPage."""
    candidates = [found.canonical, *_meta_values(found, META_URL)]
    candidates += [_ld_text(article, "url"), _ld_text(article, "mainEntityOfPage")]
    for value in candidates:
        if value and value.startswith(("http://", "https://")):
            return value.strip()
    return None


# ---- dates ---------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class _When:
    """A printed point in time: its wall-clock value, and the UTC offset printed with it
    (minutes east; None when none was printed)."""

    value: datetime
    offset: int | None
    has_time: bool


def parse_when(text: str) -> datetime | None:
    """A metadata date as its wall-clock time: ISO (offset dropped, never applied), compact
    ISO, or a date printed in words (transforms/dates.py)."""
    when = _parse_when(text)
    return when.value if when is not None else None


def _parse_when(text: str) -> _When | None:
    """parse_when, keeping the printed offset."""
    m = _ISO.match(text) or _COMPACT.match(text)
    if m is not None:
        groups = m.groupdict()
        try:
            value = datetime(
                int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0),
                int(groups.get("S") or 0),
            )  # fmt: skip
        except ValueError:
            return None
        return _When(value, _offset_minutes(groups.get("tz")), m["H"] is not None)
    stamp = parse_timestamp(" ".join(text.split()))
    return _When(stamp.value, None, stamp.has_time) if stamp is not None else None


def _offset_minutes(tz: str | None) -> int | None:
    """`Z` -> 0, `+05:30` -> 330, `-0500` -> -300; None when no offset was printed."""
    if not tz:
        return None
    if tz == "Z":
        return 0
    digits = tz[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    return -minutes if tz[0] == "-" else minutes


def _first_when(values: list[str | None]) -> _When | None:
    """The first value that reads as a date (and time)."""
    for value in values:
        if value:
            parsed = _parse_when(value)
            if parsed is not None:
                return parsed
    return None


def _shown_whens(tree: HtmlElement) -> list[_When]:  # (tree: the page or a block of it)
    """The dates the page shows, in page order: `<time>` elements and elements whose class
    names a date, read from their text as the reader sees it (`Updated Dec. 26, 2023`;
    `Posted: ... | Last Updated: ...` part by part), else from a `datetime` attribute."""
    out: list[_When] = []
    for el in tree.xpath(_SHOWN_DATES)[:_MAX_SHOWN]:
        if len(el) > _MAX_DATE_CHILDREN:
            continue
        text = el.text_content()
        whens = []
        if len(text) <= _MAX_DATE_CHARS:
            parts = _SEGMENTS.split(" ".join(text.split()))
            whens = [w for part in parts if part and (w := _parse_when(part)) is not None]
        if not whens and el.get("datetime"):
            when = _parse_when(el.get("datetime"))
            whens = [when] if when is not None else []
        out.extend(whens)
    return out


def _is_utc(when: _When) -> bool:
    """A time printed in UTC (`Z`, `+00:00`), which may not be the date readers see."""
    return when.offset == 0 and when.has_time


def _local_renderings(found: _Found, shown: list[_When]) -> list[_When]:
    """Times the page also prints in a local zone (or with no zone): date metas, visible
    `<time>`s and dated elements, date itemprops."""
    out = [w for w in shown if w.has_time and w.offset != 0]
    values = [*found.date_metas, *found.itemprop_published, *found.itemprop_updated]
    for attr, text in found.times:
        values.extend(v for v in (attr, text) if v)
    for value in values:
        when = _parse_when(value)
        if when is not None and when.has_time and when.offset != 0:
            out.append(when)
    return out


def _as_printed(when: _When | None, renderings: list[_When]) -> datetime | None:
    """The wall-clock time of `when`; a UTC time (`Z`, `+00:00`) is replaced by the page's
    own local rendering of the same instant when it prints one (`...T01:00Z` beside
    `Dec 19, 2023, 8:00 PM EST`), since the local date is the one readers see."""
    if when is None:
        return None
    if when.offset != 0 or not when.has_time:
        return when.value
    base = when.value.replace(second=0, microsecond=0)
    for other in renderings:
        minutes = (other.value.replace(second=0, microsecond=0) - base).total_seconds() / 60
        if minutes and abs(minutes) <= _MAX_ZONE_MINUTES and minutes % _ZONE_STEP_MINUTES == 0:
            return other.value
    return when.value


def _shown_date(
    published: datetime | None, updated: datetime | None, shown: list[_When]
) -> date | None:
    """The article's date: the published one, unless the page's `<time>`s show the update's
    date and not the first publication's (the date readers see is the update's)."""
    stated = published or updated
    if published is not None and updated is not None and published.date() != updated.date():
        days = {w.value.date() for w in shown}
        if updated.date() in days and published.date() not in days:
            return updated.date()
    return stated.date() if stated is not None else None


# ---- authors -------------------------------------------------------------------------------


def _authors(sources: list[list[str]]) -> tuple[str, ...]:
    """Authors' names from the first source that names a person (the JSON-LD article's
    authors, the author <meta> tags, the `itemprop=author` elements)."""
    for raw in sources:
        names: list[str] = []
        for value in raw:
            for name in person_names(value):
                if name.casefold() not in {n.casefold() for n in names}:
                    names.append(name)
        if names:
            return tuple(names)
    return ()


def _ld_authors(article: dict | None, index: dict[str, dict]) -> list[str]:
    """The raw author strings of a JSON-LD article; organisations left out."""
    if article is None:
        return []
    value = article.get("author") or article.get("creator")
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, dict) and set(item) <= {"@id", "@type"} and "@id" in item:
            item = index.get(item["@id"], item)
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            if any(t in ORGANIZATION_TYPES for t in _types(item)):
                continue
            name = item.get("name")
            if isinstance(name, list):
                out.extend(n for n in name if isinstance(n, str))
            elif isinstance(name, str):
                out.append(name)
    return out


def _is_organisation(name: str, site: str | None, url: str | None) -> bool:
    """An author value naming the publisher or a desk rather than a person: the site's own
    name (`Harbor Herald` on harborherald.example, `Valley.news`) or a desk of it
    (`Herald Sports`), a news agency, or a name with a desk word (`Gossip Staff`)."""
    words = _words(name)
    return (
        _names_site(name, site, url)
        or is_known_agency(name)
        or any(w in ORGANISATION_WORDS for w in words)
        or bool(site and words and _starts_with(words, _words(site)))
    )


def _starts_with(words: list[str], site_words: list[str]) -> bool:
    """The name is the site's name, or begins with it (`CBC Arts` on CBC)."""
    return bool(site_words) and words[: len(site_words)] == site_words


def _visible_byline(tree: HtmlElement) -> list[str]:
    """Names in the first element marked as a byline or author (by class or `rel=author`)
    that reads as one: `By Jane Doe`, `Jane Doe and John Roe`, `By Jane Doe | Dec 20`."""
    marked = tree.xpath(_BYLINES)[:_MAX_BYLINES]
    containers = {id(a) for el in marked for a in el.iterancestors()}
    for el in marked:
        if id(el) in containers:
            continue  # (the innermost ones: a container adds the affiliation beside the name)
        # (the pieces spaced apart: `<span>By</span><a>Jane Doe</a>` reads `By Jane Doe`)
        text = " ".join(el.itertext())
        if len(text) > _MAX_BYLINE_CHARS:
            continue
        for part in _SEGMENTS.split(" ".join(text.split())):
            part = part.strip(" -–—:,")
            if not part:
                continue
            names = parse_byline(part) if BY_PREFIX.match(part) else None
            if names is None and not BY_PREFIX.match(part):
                found = byline_names(part)
                names = found.names if found is not None else None
            if names:
                return names
    return []


def person_names(raw: str) -> list[str]:
    """The people named in one author value: `By` dropped, job titles and agencies peeled
    off, several names split apart; URLs, handles and organisations give nothing."""
    text = " ".join(repair(raw).split())
    if text.startswith(","):
        return []  # an affiliation with its name left out: `, The Daily Journal`
    text = text.strip(" ,;|")
    if "&" in text:
        text = html.unescape(text)
    if not text or "://" in text or text.startswith(("@", "www.")):
        return []
    if BY_PREFIX.match(text):
        return [_without_credentials(n) for n in parse_byline(text) or []]
    found = byline_names(text)
    if found is not None:
        return [_without_credentials(n) for n in found.names]
    if is_known_agency(text) or len(text.split()) > 5:
        return []
    return [text]


def _without_credentials(name: str) -> str:
    """A name without the degrees printed after it (`Jane Doe MS, RD`): a credential of
    CREDENTIALS in capitals (in a name not all capitals) or dotted (`Ph.D.`)."""
    tokens = name.split()
    while len(tokens) > 2:
        last = tokens[-1]
        if last.strip(".,").casefold() not in CREDENTIALS:
            break
        if "." not in last and not (last.isupper() and not name.isupper()):
            break
        tokens.pop()
    return " ".join(tokens)


# ---- the headline --------------------------------------------------------------------------


def _headline(article: dict | None, found: _Found, site: str | None, url: str | None) -> str | None:
    """The visible headline.

    The `<h1>` that agrees best with the metadata titles; when none agrees, the first
    `<h1>` that reads as a headline (metadata titles are often another wording of it);
    when there is none, the first metadata title without its site affix.
    """
    metadata = [
        _ld_text(article, "headline"),
        *_meta_values(found, META_TITLE),
        *found.titles[:1],
    ]
    titles = [strip_site(" ".join(repair(t).split()), site, url) for t in metadata if t]
    titles = [t for t in titles if t]
    h1s = [
        h
        for h, logo in zip(found.h1s, found.h1_logos, strict=True)
        if h and not logo and len(h.split()) <= _MAX_HEADLINE_WORDS
    ]
    best, agreement = None, 0.0
    for h1 in h1s:
        score = max((_agreement(h1, t) for t in titles), default=0.0)
        if score > agreement:
            best, agreement = h1, score
    if best is not None and agreement >= MIN_AGREEMENT:
        return _without_label(best, titles)
    for h1 in h1s:
        if len(h1.split()) >= MIN_HEADLINE_WORDS and not _names_site(h1, site, url):
            return _without_label(h1, titles)
    return titles[0] if titles else (h1s[0] if h1s else None)


def _words(text: str) -> list[str]:
    """The words of a text, casefolded (`\\w+` runs)."""
    return _WORD.findall(text.casefold())


def _agreement(h1: str, title: str) -> float:
    """How far an `<h1>` and a metadata title are the same headline: the words they share
    over the words of the longer one (a one-word section name inside a long title does
    not agree with it)."""
    a = set(_words(h1))
    best = 0.0
    for part in _title_parts(title):
        b = set(_words(part))
        if a and b:
            best = max(best, len(a & b) / max(len(a), len(b)))
    return best


def _title_parts(title: str) -> list[str]:
    """The title, and each of its separated parts long enough to be a headline (`Headline -
    Guide - Site`; a one-word part is a site or section name, which a section `<h1>` would
    match in full)."""
    parts = [title]
    for sep in TITLE_SEPARATORS:
        if sep in title:
            parts.extend(p for p in title.split(sep) if len(p.split()) >= MIN_HEADLINE_WORDS)
    return parts


def _without_label(h1: str, titles: list[str]) -> str:
    """The `<h1>` without a section label printed before (or after) the headline.

    `Opinion | Headline`, `Politics Headline`: a metadata title that the `<h1>` ends
    with marks where the headline starts; otherwise, among `|`-separated parts, one
    long part beside short ones is the headline.
    """
    folded = h1.casefold()
    for title in titles:
        t = title.casefold()
        if t == folded:
            return h1
        if folded.endswith(t) and len(t.split()) >= 3:
            h1 = h1[len(h1) - len(t) :].strip()
            break
    return headline_part(h1)


def strip_site(title: str, site: str | None, url: str | None) -> str:
    """A metadata title without the site name printed before or after it (`Headline |
    Site`, `Site - Headline`): an end part naming the site (og:site_name or the URL's
    host) is dropped."""
    for sep in TITLE_SEPARATORS:
        if sep not in title:
            continue
        parts = title.split(sep)
        while len(parts) > 1 and _names_site(parts[-1], site, url):
            parts.pop()
        while len(parts) > 1 and _names_site(parts[0], site, url):
            parts.pop(0)
        title = sep.join(parts)
    return title.strip()


def _names_site(part: str, site: str | None, url: str | None) -> bool:
    """The title part is the site's name: equal to og:site_name, or its letters are in
    the host of the page's URL (`The Harbor Herald` ~ `harborherald.example`)."""
    letters = "".join(_words(part))
    if not letters:
        return False
    if site and letters == "".join(_words(site)):
        return True
    if url:
        host = url.split("://", 1)[-1].split("/", 1)[0].casefold().replace("-", "")
        return len(letters) >= 3 and letters in host.replace(".", "")
    return False
