"""Unit tests of transforms.html_body: trafilatura's body and each measured repair.

Every page here is invented. Where a repair is what makes the page right, the test
also checks that the page comes out wrong without that repair, so it tests the rule
and not trafilatura.
"""

from __future__ import annotations

import json

import lxml.html
import pytest
import trafilatura
from trafilatura.settings import MANUALLY_CLEANED

from transforms import html_body_vocab
from transforms.furniture import is_furniture
from transforms.html_body import (
    RULES,
    body_paragraphs,
    extracted_paragraphs,
    is_byline_or_dateline,
    is_tail_note,
    jsonld_article_body,
    repaired_paragraphs,
    without_tail_notes,
)
from transforms.html_meta import jsonld_objects

STORY = [
    "The city council voted on Tuesday to rebuild the old stone bridge over the Miller River,"
    " ending a dispute that had run for more than a decade.",
    "Engineers said the bridge, built in 1887, could no longer carry buses, and that repairs"
    " would cost almost as much as a new span.",
    "Residents who had fought to keep the bridge were given a promise that the new design"
    " would reuse the original granite blocks.",
    "Work is expected to begin in the spring and to take about two years, during which a"
    " temporary footbridge will stay open.",
]
HEADLINE = "Council votes to rebuild bridge"
CAPTION = "The old bridge over the Miller River at dusk."


def paragraphs_html(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def page(article: str, head: str = "") -> lxml.html.HtmlElement:
    """A news page: navigation, the article (headline first), a footer."""
    return lxml.html.document_fromstring(
        f"<html><head><title>{HEADLINE}</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{HEADLINE}</h1>{article}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def without(tree: lxml.html.HtmlElement, rule: str) -> list[str]:
    return repaired_paragraphs(extracted_paragraphs(tree), tree, RULES - {rule})


def test_plain_article_gives_its_paragraphs_without_the_headline() -> None:
    tree = page(paragraphs_html(STORY))
    assert body_paragraphs(tree) == STORY
    assert without(tree, "headline") == [HEADLINE, *STORY]


def test_text_above_the_headline_is_cut() -> None:
    # A note box above the headline; the <h1> is the headline as the <title> repeats it. (An
    # affiliate disclosure would go as furniture: this note is only the headline rule's.)
    note = "<div class='note'><p>Our picks are based on many hours of testing and research by"
    note += " the editors, who spent the summer on the bridges of the county.</p></div>"
    tree = lxml.html.document_fromstring(
        f"<html><head><title>{HEADLINE} | City Herald</title></head><body><article>{note}"
        f"<h1>{HEADLINE}</h1>{paragraphs_html(STORY + STORY)}</article></body></html>"
    )
    assert body_paragraphs(tree) == STORY + STORY
    assert without(tree, "headline")[1] == HEADLINE


def test_a_section_h1_inside_the_text_cuts_nothing() -> None:
    # An <h1> the title does not repeat (a section name) is not where the article starts.
    article = paragraphs_html(STORY[:1]) + "<h1>Transport</h1>" + paragraphs_html(STORY[1:] * 2)
    tree = page(article)
    assert body_paragraphs(tree)[0] == STORY[0]


def test_tree_is_not_changed() -> None:
    tree = page(paragraphs_html(STORY) + "<p>Advertisement</p>")
    before = lxml.html.tostring(tree)
    body_paragraphs(tree)
    assert lxml.html.tostring(tree) == before


def test_what_trafilatura_is_told_to_prune_first_it_deletes_anyway() -> None:
    # The pruning is for speed only: every pruned tag is one its own cleaning deletes whole.
    assert set(html_body_vocab.TRAFILATURA_DISCARDS) <= set(MANUALLY_CLEANED)


def test_pruning_first_gives_the_body_trafilatura_gives_alone() -> None:
    furniture = (
        "<aside><p>Most read: a long list of other stories people clicked on today</p></aside>"
        "<figure><img src='a.jpg'><figcaption>A crane lifts a beam.</figcaption></figure>"
        "<p>The vote was close.<button>Share</button> It passed by one vote,"
        " <label>Note</label>after a long night of debate over the cost of the work.</p>"
        "<noscript>Please turn on JavaScript</noscript><svg><path d='M0 0'/></svg>"
        "<iframe src='/ad'></iframe><video src='v.mp4'></video>"
    )
    tree = page(paragraphs_html(STORY[:2]) + furniture + paragraphs_html(STORY[2:]))
    alone = trafilatura.bare_extraction(
        lxml.html.tostring(tree, encoding="unicode"), fast=True, with_metadata=False,
        include_tables=False, include_images=False, include_links=False, include_comments=False,
    )  # fmt: skip
    assert alone is not None and alone.text
    assert extracted_paragraphs(tree) == alone.text.split("\n")
    # text after a pruned element (its tail) stays in the paragraph
    assert (
        "The vote was close. It passed by one vote, after a long night of debate over the cost"
        " of the work." in body_paragraphs(tree)
    )


def test_teaser_list_after_the_article_is_cut() -> None:
    teasers = "<h3>Read next</h3><p>Mayor opens a new library branch downtown</p>"
    teasers += "<p>School board delays its vote on the budget</p>"
    tree = page(paragraphs_html(STORY) + teasers)
    assert body_paragraphs(tree) == STORY
    assert without(tree, "teasers")[-3:] == [
        "Read next",
        "Mayor opens a new library branch downtown",
        "School board delays its vote on the budget",
    ]


def test_a_teaser_heading_early_in_the_text_is_a_subhead() -> None:
    # "More on" in the first half of the text is a section heading, not a teaser block.
    article = (
        paragraphs_html(STORY[:1]) + "<h2>More on the design</h2>" + paragraphs_html(STORY[1:])
    )
    tree = page(article)
    assert body_paragraphs(tree) == [STORY[0], "More on the design", *STORY[1:]]


def test_caption_repeated_as_a_paragraph_is_dropped() -> None:
    figure = f"<figure><img src='bridge.jpg'><figcaption>{CAPTION}</figcaption></figure>"
    tree = page(
        paragraphs_html(STORY[:1]) + figure + f"<p>{CAPTION}</p>" + paragraphs_html(STORY[1:])
    )
    assert body_paragraphs(tree) == STORY
    assert CAPTION in without(tree, "captions")


@pytest.mark.parametrize(
    "figure",
    [
        f"<div class='photo'><img src='b.jpg'><p class='caption'>{CAPTION}</p></div>",
        f"<figure><img src='b.jpg'><div><p class='photo-caption'>{CAPTION} Photo: Jane Roe"
        "</p></div></figure>",
    ],
)
def test_caption_inside_the_article_is_not_body(figure: str) -> None:
    tree = page(paragraphs_html(STORY[:1]) + figure + paragraphs_html(STORY[1:]))
    assert body_paragraphs(tree) == STORY


def test_tables_are_left_out() -> None:
    table = "<table><tr><th>Phase</th><th>Dates</th></tr><tr><td>Demolition</td>"
    table += "<td>March to May</td></tr><tr><td>New span</td><td>June to next May</td></tr></table>"
    tree = page(paragraphs_html(STORY[:2]) + table + paragraphs_html(STORY[2:]))
    assert body_paragraphs(tree) == STORY


def test_jsonld_article_body_replaces_a_teaser_block() -> None:
    body = "\n".join(STORY + STORY)  # long enough to be trusted (>= 80 words)
    head = "<script type='application/ld+json'>"
    head += json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                        "headline": HEADLINE, "articleBody": body}) + "</script>"  # fmt: skip
    teasers = "".join(
        f"<p>Teaser headline number {i} about something else in the city today and more</p>"
        for i in range(12)
    )
    tree = lxml.html.document_fromstring(
        f"<html><head>{head}</head><body><h1>{HEADLINE}</h1>"
        f"<div class='teasers'>{teasers}</div></body></html>"
    )
    assert jsonld_article_body(jsonld_objects(tree)) == body
    assert body_paragraphs(tree) == STORY + STORY
    assert without(tree, "jsonld")[0].startswith("Teaser headline number 0")


def teaser_page(ld_block: str) -> lxml.html.HtmlElement:
    """A page that prints only teasers, its article in a JSON-LD block written as given."""
    teasers = "".join(
        f"<p>Teaser headline number {i} about something else in the city today and more</p>"
        for i in range(12)
    )
    return lxml.html.document_fromstring(
        f"<html><head><script type='application/ld+json'>{ld_block}</script></head><body>"
        f"<h1>{HEADLINE}</h1><div class='teasers'>{teasers}</div></body></html>"
    )


def test_jsonld_with_raw_control_characters_in_its_strings_is_still_read() -> None:
    # a raw tab and raw line breaks inside the string: strict JSON refuses them, browsers
    # and the metadata reader do not
    body = "\n".join(STORY + STORY).replace("bridge, built", "bridge,\tbuilt")
    tree = teaser_page('{"@type": "NewsArticle", "articleBody": "' + body + '"}')
    assert jsonld_article_body(jsonld_objects(tree)) == body
    assert body_paragraphs(tree)[0] == STORY[0]


def test_jsonld_article_body_holding_markup_is_not_the_text() -> None:
    # a CMS's block source, escaped: taking it would print tags and comments as paragraphs
    source = "".join(f"&lt;!-- wp:paragraph --&gt;&lt;p&gt;{text}&lt;/p&gt;" for text in STORY * 2)
    tree = teaser_page(json.dumps({"@type": "NewsArticle", "articleBody": source}))
    assert jsonld_article_body(jsonld_objects(tree)) is None
    assert body_paragraphs(tree)[0].startswith("Teaser headline number 0")


def test_jsonld_article_body_that_agrees_leaves_trafilatura_alone() -> None:
    body = " ".join(STORY + STORY)  # one string: taking it would lose the paragraphs
    head = "<script type='application/ld+json'>"
    head += json.dumps({"@type": "Article", "articleBody": body}) + "</script>"
    tree = page(paragraphs_html(STORY + STORY), head)
    assert body_paragraphs(tree) == STORY + STORY


def test_hidden_paywall_text_is_read() -> None:
    hidden = "".join(
        f"<div class='subscriber-only' style='display:none'><p>{text}</p></div>"
        for text in STORY[1:]
    )
    tree = lxml.html.document_fromstring(
        f"<html><head><title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1>"
        f"<article><p>{STORY[0]}</p>{hidden}</article></body></html>"
    )
    assert body_paragraphs(tree) == STORY
    assert without(tree, "split") == [" ".join(STORY)]


def test_furniture_bylines_and_datelines_between_paragraphs_are_dropped() -> None:
    article = (
        "<p>By Jane Roe</p><p>Published Dec 19, 2023</p>"
        + paragraphs_html(STORY[:1])
        + "<p>Advertisement</p><p>RELATED: Inspections find cracks in three spans</p>"
        + paragraphs_html(STORY[1:])
        + "<p>Sign up for our morning newsletter to get the news first.</p>"
        + "<p>© 2023 City Herald. All rights reserved.</p>"
    )
    tree = page(article)
    assert body_paragraphs(tree) == STORY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Advertisement", True),
        ("— ADVERTISEMENT —", True),
        ("READ MORE: Inspections find cracks in three spans", True),
        ("Related | Inspections find cracks", True),
        ("Sign up for our newsletter.", True),
        ("© 2023 City Herald", True),
        ("Also: Inspections find cracks in three spans", True),
        ("We may earn a commission from links on this page.", True),
        ("Related topics were discussed at length by the council on Tuesday.", False),
        ("More than 200 residents attended the meeting.", False),
        ("Watching the river rise, she said, was frightening.", False),
    ],
)
def test_is_furniture(text: str, expected: bool) -> None:
    assert is_furniture(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Roe", True),
        ("By Jane Roe and John Doe, City Herald", True),
        ("Published Dec 19, 2023", True),
        ("Updated: 12/19/2023 10:02 AM EST", True),
        ("December 19, 2023", True),
        ("By the end of the year the bridge will be closed to all traffic for good.", False),
        ("The vote was held on December 19, 2023.", False),
    ],
)
def test_is_byline_or_dateline(text: str, expected: bool) -> None:
    assert is_byline_or_dateline(text) is expected


def test_page_without_text_gives_no_paragraphs() -> None:
    tree = lxml.html.document_fromstring("<html><head><title>x</title></head><body></body></html>")
    assert body_paragraphs(tree) == []


# ---- notes after the article: the tail rule ---------------------------------------------

BIO = (
    "Jane Doe is a reporter for the City Herald who covers transport and city hall. Email:"
    " jdoe@cityherald.example."
)
TAIL_NOTES = [
    "—Staff writer Jo Roe can be reached at jo.roe@cityherald.example.",
    "Reuters' Al Poe contributed to this report.",
    "This story was originally published December 22, 2023, 12:20 PM.",
    "Want to keep up with breaking news? Subscribe to our email newsletter.",
    "Copyright 2024 City Herald Media Inc. All rights reserved.",
]


def test_author_bio_and_notes_after_the_article_are_cut() -> None:
    tree = page(paragraphs_html([*STORY, BIO, *TAIL_NOTES]))
    assert body_paragraphs(tree) == STORY
    assert without(tree, "tail") == [*STORY, BIO, *TAIL_NOTES]


def test_a_person_described_inside_the_article_stays() -> None:
    # The same shape of sentence before the article's last paragraph is the story.
    inside = "Jane Doe is a teacher at the school beside the bridge and walks across it daily."
    tree = page(paragraphs_html([STORY[0], inside, *STORY[1:]]))
    assert body_paragraphs(tree) == [STORY[0], inside, *STORY[1:]]


def test_without_tail_notes_keeps_one_paragraph() -> None:
    assert without_tail_notes([BIO, TAIL_NOTES[0]]) == [BIO]
    assert without_tail_notes([STORY[0], BIO, STORY[1]]) == [STORY[0], BIO, STORY[1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BIO, True),
        ("Brett is curious about emerging technologies and uncrewed aircraft.", True),
        ("Kim Lee writes about health and science for the Herald.", True),
        ("• Vaughn Roe can be reached at vroe@example.com.", True),
        ("Associated Press researcher Randy Poe in New York contributed.", True),
        ("Read the original article on Parents.", True),
        ("Correction: December 20, 2023:", True),
        ("Get all the latest news, reviews and exclusives, direct to your inbox.", True),
        ("Follow Deputy Editor Nick Roe on Instagram at @nickroe.", True),
        ("He was later bailed pending an appeal.", False),
        ("Morrison was struck around 7:10 p.m. by a vehicle.", False),
        ("There is no such thing as too much pinball.", False),
        ("Lynch is survived by her husband and the couple's daughter.", False),
        ("The complete rankings can be viewed online.", False),
        (STORY[0], False),
        ("Jane Doe is a reporter. " + "She has written about the city for years. " * 10, False),
    ],
)
def test_is_tail_note(text: str, expected: bool) -> None:
    assert is_tail_note(text) is expected


# ---- note blocks named by their class: the blocks rule -----------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "<div class='writer-bio'><p>{}</p></div>",
        "<p class='disclosure'>{}</p>",
        "<div class='inline-promo'><p>{}</p></div>",
        "<div id='post-boilerplate'><p>{}</p></div>",
    ],
)
def test_paragraph_of_a_note_block_is_dropped(block: str) -> None:
    note = "Our morning briefing brings the day's five most important stories in one email."
    tree = page(paragraphs_html(STORY[:2]) + block.format(note) + paragraphs_html(STORY[2:]))
    assert body_paragraphs(tree) == STORY
    assert note in without(tree, "blocks")


def test_an_article_wrapper_named_like_a_note_block_is_kept() -> None:
    # A block holding most of the body is the article's wrapper, whatever its class says.
    tree = page(f"<div class='story has-newsletter-promo'>{paragraphs_html(STORY)}</div>")
    assert body_paragraphs(tree) == STORY


# ---- a rich-text document in the page's JSON: the richtext rule -------------------------


def rich_text_page(visible: str, document: dict) -> lxml.html.HtmlElement:
    data = json.dumps({"props": {"pageProps": {"story": {"body": document}}}})
    return page(visible, head=f"<script type='application/json' id='data'>{data}</script>")


def rich_paragraph(*texts: str) -> dict:
    return {"type": "paragraph", "content": [{"type": "text", "value": t} for t in texts]}


def test_rich_text_document_replaces_a_page_that_prints_only_its_opening() -> None:
    linked = {"type": "link", "data": {"href": "/bridge"}, "content": [
        {"type": "text", "value": "the old stone bridge"}
    ]}  # fmt: skip
    document = {"type": "document", "content": [
        {"type": "inline-newsletter", "content": []},
        {"type": "paragraph", "content": [
            {"type": "text", "value": "The city council voted on Tuesday to rebuild "}, linked,
            {"type": "text", "value": STORY[0].split("stone bridge", 1)[1]},
        ]},
        *(rich_paragraph(text) for text in STORY[1:] * 2),
    ]}  # fmt: skip
    tree = rich_text_page("<p>Subscribe to keep reading this story about the bridge.</p>", document)
    assert body_paragraphs(tree) == [STORY[0], *STORY[1:] * 2]
    assert "richtext" in RULES
    # (without the rule: only the page's little visible text)
    assert not any(STORY[1] in p for p in without(tree, "richtext"))


def test_rich_text_document_is_not_read_when_the_page_prints_the_article() -> None:
    other = [rich_paragraph(f"Another story, paragraph {n}, " + "words " * 20) for n in range(9)]
    tree = rich_text_page(paragraphs_html(STORY * 2), {"type": "document", "content": other})
    assert body_paragraphs(tree) == STORY * 2
