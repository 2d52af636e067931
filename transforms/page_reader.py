"""Read a full-page text capture (contract §1.3): the article inside the site's furniture.

The steps, each in its own module:

1. lines and their features (transforms/page_lines.py);
2. every line scored as body by the shipped trees (transforms/page_model.py), then
   rescored from the scores around it (page_lines.context_features);
3. the article's block: the best contiguous run of body lines (transforms/page_body.py);
4. the headline among the lines before it (transforms/page_title.py);
5. bylines, dates and the publisher around the headline (transforms/page_meta.py);
6. captions and their credits near the body, split by the shared caption and credit
   parsers, and kept out of the body (transforms/page_captions.py).

A text with no run of prose at all (a config file, a log, a list of links or
headlines, a cookie wall alone) is `not_an_article`; furniture on an article page
never is a reason to refuse it.
"""

from __future__ import annotations

from transforms.datelines import split_first_dateline
from transforms.dates import article_date
from transforms.furniture import is_furniture
from transforms.headlines import clean_headline
from transforms.ids import article_id_for
from transforms.page_body import best_block, bridge, is_rule, kept_lines
from transforms.page_caption_features import caption_candidates, caption_rows
from transforms.page_captions import find_captions
from transforms.page_lines import (
    OWN_FEATURES,
    PageLine,
    context_features,
    line_features,
    line_own_features,
    page_lines,
)
from transforms.page_meta import copyright_publisher, read_meta
from transforms.page_model import PageModel, shipped_model
from transforms.page_title import candidate_indices, title_features
from transforms.records import Article, Rejection
from transforms.refusals import is_consent_notice

_WORDS = OWN_FEATURES.index("words")
# A line whose first-stage score, and every score this many lines around it, is below
# this keeps its first-stage score (see line_scores).
CONTEXT_SKIP_BELOW = 0.2
CONTEXT_SKIP_SPAN = 3
_PROSE = OWN_FEATURES.index("prose")
_ENDS_SENTENCE = OWN_FEATURES.index("ends_sentence")
_FURNITURE = OWN_FEATURES.index("furniture_share")
_URL = OWN_FEATURES.index("url_or_email")
# Own features that make a line part of the page's apparatus, never an article's subhead.
_NOT_SUBHEAD = tuple(
    OWN_FEATURES.index(name) for name in ("chrome_line", "url_or_email", "byline", "timestamp")
)
# A subhead inside an article: at most this many words, no sentence end.
_MAX_SUBHEAD_WORDS = 8
# The line length at which a doubtful caption needs exactly `not_body_threshold`.
_DOUBT_REFERENCE_WORDS = 20.0
# Defaults for the reader's thresholds when a model does not carry its own.
DEFAULT_PARAMS = {
    "block_threshold": 0.5,
    "keep_threshold": 0.5,
    "bridge_threshold": 0.2,
    "min_body_words": 40.0,
    "short_threshold": 0.15,
    "min_short_words": 12.0,
    "not_body_threshold": 1.0,
    "not_body_length_power": 0.0,
    "caption_threshold": 0.5,
}
# A dek (summary) is a sentence-like line between the headline and the body.
_MIN_DEK_WORDS = 6


def doubtful_caption(score: float, words: float, params: dict[str, float]) -> bool:
    """A line the caption pass gives some credence to, though too little to make it an
    image: it is not kept as body either.

    A caption left in the body is one error whatever its length, while a paragraph
    dropped costs the body its words; so the credence needed grows with the line's
    length (`not_body_threshold` at _DOUBT_REFERENCE_WORDS words, scaled by the
    length's `not_body_length_power`).
    """
    scale = (max(words, 1.0) / _DOUBT_REFERENCE_WORDS) ** params["not_body_length_power"]
    return score >= params["not_body_threshold"] * scale


def read_page(text: str, model: PageModel | None = None) -> Article | Rejection:
    """The article of a full-page capture, or Rejection('not_an_article', why)."""
    model = model or shipped_model()
    params = {**DEFAULT_PARAMS, **model.params}
    lines = page_lines(text)
    if not lines:
        return Rejection("not_an_article", "no text")
    own = [line_own_features(line) for line in lines]
    if not any(row[_PROSE] for row in own):
        return Rejection("not_an_article", "no line of prose")
    features = line_features(lines, own)
    probs = line_scores(model, own, features)
    words = [row[_WORDS] for row in own]
    prose = [row[_PROSE] > 0 for row in own]
    crossable = [may_break_article(line, row) for line, row in zip(lines, own, strict=True)]
    found = article_lines(probs, words, prose, crossable, params, lines) or brief_lines(probs, own)
    if found is None:
        return Rejection("not_an_article", "no run of article lines")
    block, body = found
    title = pick_title(lines, own, probs, body, model)
    if title is None:
        return Rejection("no_title", "no headline candidate before the article")
    # A consent dialog's prose can sit inside the run of article lines (a modal printed
    # mid-page), and so can furniture (an ad slot, `READ MORE: ...`, an affiliate
    # disclosure, transforms/furniture.py); neither is ever the article's.
    body = [
        i
        for i in body
        if i != title and not is_consent_notice(lines[i].text) and not is_furniture(lines[i].text)
    ]
    meta = read_meta(lines, title, body[0] if body else block[0], {title})
    body = [i for i in body if i not in meta.meta_lines]
    learned = None
    if model.caption is not None:
        candidates = caption_candidates(own, probs, block)
        rows = caption_rows(lines, features, probs, block, candidates)
        learned = {i: model.caption.probability(x) for i, x in zip(candidates, rows, strict=True)}
    captions = find_captions(
        lines, own, probs, title, block, set(body), meta.meta_lines,
        learned, params["caption_threshold"],
    )  # fmt: skip
    scored = learned or {}
    body = [
        i
        for i in body
        if i not in captions.lines and not doubtful_caption(scored.get(i, 0.0), words[i], params)
    ]
    dek = pick_dek(lines, own, title, body, meta.meta_lines | captions.lines)
    paragraphs = [lines[i].text for i in body]
    dateline, paragraphs = split_first_dateline(paragraphs)
    if not paragraphs:
        return Rejection("not_an_article", "no body paragraph left")
    publisher = copyright_publisher(lines)
    title_text = clean_headline(lines[title].text)
    body_text = "\n\n".join(paragraphs)
    published_at = meta.published.value if meta.published else None
    updated_at = meta.updated.value if meta.updated else None
    # The date the page states: its published line, else (a page that only prints
    # "Updated ...") the updated line's date; published_at stays NULL then. A page that
    # states none gets the date of its lead photo's caption, as in the portal reader.
    stated = published_at or updated_at
    published_date, source = article_date(stated.date() if stated else None, captions.images)
    return Article(
        article_id=article_id_for(publisher, title_text),
        title=title_text,
        publisher=publisher,
        summary=dek,
        authors=meta.authors,
        dateline=dateline,
        published_at=published_at,
        updated_at=updated_at,
        published_date=published_date,
        published_date_source=source,
        body=body_text,
        paragraph_count=len(paragraphs),
        word_count=len(body_text.split()),
        images=captions.images,
        links=[],
    )


def line_scores(
    model: PageModel, own: list[list[float]], features: list[list[float]]
) -> list[float]:
    """Each line's probability of being article body: its own reading, then (when the
    model has the second stage) the same score revised from the scores around it.

    Lines deep in furniture (every score within CONTEXT_SKIP_SPAN lines below
    CONTEXT_SKIP_BELOW: menus, footers) keep the first reading; the second stage would
    only confirm it, and skipping them keeps a page within its time budget.
    """
    probs = [model.line.probability(x) for x in features]
    if model.context is None:
        return probs
    n = len(probs)
    near = [p >= CONTEXT_SKIP_BELOW for p in probs]
    revise = [
        i for i in range(n)
        if any(near[max(0, i - CONTEXT_SKIP_SPAN) : i + CONTEXT_SKIP_SPAN + 1])
    ]  # fmt: skip
    revised = probs.copy()
    for i, row in zip(revise, context_features(own, probs, revise), strict=True):
        revised[i] = model.context.probability(row)
    return revised


def article_lines(
    probs: list[float],
    words: list[float],
    prose: list[bool],
    crossable: list[bool],
    params: dict[str, float],
    lines: list[PageLine],
) -> tuple[tuple[int, int], list[int]] | None:
    """The article's block and its body lines, or None when the page holds no article.

    A page whose lines make no block of enough text at the usual threshold may still
    carry a short article (an event listing, a brief): a second search at a lower
    threshold accepts a shorter one, as long as it holds prose.
    """
    for threshold, min_words in (
        (params["block_threshold"], params["min_body_words"]),
        (params["short_threshold"], params["min_short_words"]),
    ):
        block = best_block(probs, words, threshold)
        if block is None:
            continue
        body = kept_lines(probs, block, min(threshold, params["keep_threshold"]))
        block, body = bridge(probs, block, body, prose, crossable, params["bridge_threshold"])
        body = [i for i in body if not is_rule(lines[i].text)]  # a rule is never a paragraph
        if sum(words[i] for i in body) >= min_words and any(prose[i] for i in body):
            return block, body
    return None


def brief_lines(
    probs: list[float], own: list[list[float]]
) -> tuple[tuple[int, int], list[int]] | None:
    """The one paragraph of a brief (an event listing, a notice), when no block was found.

    A page whose only article text is a sentence or two makes no block, yet it is an
    article, not a page without one: its body is the prose line the model scores
    highest among those that hold no furniture word (a consent banner, a sign-up
    prompt) and no link. None when the page has no such line.
    """
    best = None
    for i, row in enumerate(own):
        if not row[_PROSE] or row[_FURNITURE] or row[_URL]:
            continue
        if best is None or probs[i] > probs[best]:
            best = i
    return None if best is None else ((best, best + 1), [best])


def may_break_article(line: PageLine, own: list[float]) -> bool:
    """A line an article may print between two runs of its prose: a rule or a short subhead.

    A rule line has no word at all (`___`, `* * *`); a subhead is short and ends no
    sentence. Menu entries, bylines, dates and links are the page's, never the article's.
    """
    if is_rule(line.text):
        return True
    words = own[_WORDS]
    return (
        words <= _MAX_SUBHEAD_WORDS
        and not own[_ENDS_SENTENCE]
        and not any(own[k] for k in _NOT_SUBHEAD)
    )


def pick_title(
    lines: list[PageLine],
    own: list[list[float]],
    probs: list[float],
    body: list[int],
    model: PageModel,
) -> int | None:
    """Index of the headline: the candidate the title ensemble scores highest."""
    start = body[0] if body else len(lines)
    candidates = candidate_indices(own, lines, start)
    if not candidates:
        return None
    rows = title_features(lines, own, probs, body, candidates)
    scores = [model.title.log_odds(x) for x in rows]
    return candidates[max(range(len(scores)), key=scores.__getitem__)]


def pick_dek(
    lines: list[PageLine], own: list[list[float]], title: int, body: list[int], skip: set[int]
) -> str | None:
    """The summary: the first sentence-like line between the headline and the body."""
    end = body[0] if body else title + 1
    for i in range(title + 1, min(end, title + 4)):
        if i in skip:
            continue
        if own[i][_WORDS] >= _MIN_DEK_WORDS and lines[i].text[-1:] not in ":|":
            return lines[i].text
    return None
