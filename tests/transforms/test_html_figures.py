"""Photo captions and credits from HTML: figure layouts of several kinds, field by field.

Every page here is invented: a headline, three body paragraphs (the `body` the reader
is given) and the figures under test.
"""

from __future__ import annotations

import json
from datetime import date

import lxml.html
import pytest

from transforms.html_container import find_container
from transforms.html_figures import article_images, split_caption, unrepeated
from transforms.records import Image

BODY = [
    "The city council voted on Tuesday to approve a new budget for the coming year, "
    "ending weeks of debate over how to pay for road repairs and school buildings.",
    "Council members said the plan would raise property taxes by a small amount while "
    "keeping library hours and bus routes unchanged for most neighbourhoods.",
    "The mayor is expected to sign the budget next week, according to her office, after "
    "a final review by the city's finance department and its lawyers.",
]


def page(*figures: str, before: str = "", after: str = "") -> lxml.html.HtmlElement:
    """An article page with `figures` between the body paragraphs."""
    slots = [*figures, *[""] * len(BODY)]
    middle = "".join(f"<p>{text}</p>{slots[i]}" for i, text in enumerate(BODY))
    html = (
        "<html><head><title>Budget</title></head><body>"
        "<nav><a href='/'>Home</a><figure><img src='logo.png'><figcaption>Our logo in "
        "the menu bar</figcaption></figure></nav>"
        f"<main><h1>Council approves the budget</h1>{before}"
        f"<article><div class='article-body'>{middle}</div></article>{after}</main>"
        "<footer><p>Copyright The Example Times</p></footer></body></html>"
    )
    return lxml.html.document_fromstring(html)


def only(tree: lxml.html.HtmlElement) -> Image:
    images = article_images(tree, BODY)
    assert len(images) == 1, images
    return images[0]


def test_credit_in_parentheses_inside_the_caption() -> None:
    image = only(
        page(
            "<figure><img src='a.jpg'><figcaption>Mayor Jane Roe speaks at City Hall on "
            "Tuesday, Dec. 19, 2023. (AP Photo/Evan Vucci, File)</figcaption></figure>"
        )
    )
    assert image.position == 0
    assert image.caption == "Mayor Jane Roe speaks at City Hall on Tuesday, Dec. 19, 2023."
    assert image.credit == "AP Photo/Evan Vucci, File"
    assert image.photographer == "Evan Vucci"
    assert image.organization == "AP"
    assert image.distributor is None
    assert image.is_file_photo is True
    assert image.is_handout is False
    assert image.photo_date == date(2023, 12, 19)


def test_credit_in_its_own_element() -> None:
    image = only(
        page(
            "<figure><img src='a.jpg'><figcaption><span class='caption-text'>Council "
            "members listen to residents during the hearing.</span>"
            "<span class='caption__credit'>Allen J. Schaben / Los Angeles Times</span>"
            "</figcaption></figure>"
        )
    )
    assert image.caption == "Council members listen to residents during the hearing."
    assert image.credit == "Allen J. Schaben / Los Angeles Times"
    assert image.photographer == "Allen J. Schaben"
    assert image.organization == "Los Angeles Times"
    assert image.distributor is None
    assert (image.is_file_photo, image.is_handout, image.photo_date) == (False, False, None)


def test_credit_element_with_a_label_and_itemprop() -> None:
    image = only(
        page(
            "<figure><img src='a.jpg'><figcaption><p itemprop='caption'>Residents queue "
            "outside the meeting.</p><p itemprop='copyrightHolder'>Photograph: Jane Doe/"
            "Reuters</p></figcaption></figure>"
        )
    )
    assert image.caption == "Residents queue outside the meeting."
    assert image.credit == "Jane Doe/Reuters"
    assert image.photographer == "Jane Doe"
    assert image.organization == "Reuters"


def test_credit_in_two_elements_and_a_nested_label() -> None:
    tree = page(
        "<figure><img src='a.jpg'><figcaption>The harbour at dusk.<span class='credit-name'>"
        "Jane Doe</span><span class='credit-org'>AP</span></figcaption></figure>",
        "<figure><img src='b.jpg'><figcaption><span class='caption-text'>The new pier."
        "</span><span class='credit'>(Image credit: © Example Studio / John Roe)</span>"
        "</figcaption></figure>",
    )
    images = article_images(tree, BODY)
    assert [(i.caption, i.credit) for i in images] == [
        ("The harbour at dusk.", "Jane Doe AP"),
        ("The new pier.", "Example Studio / John Roe"),
    ]
    assert (images[1].photographer, images[1].organization) == ("John Roe", "Example Studio")


def test_a_source_wrapper_is_not_a_credit() -> None:
    image = only(
        page(
            "<figure><img src='a.jpg'><div class='image__source-wrapper'><figcaption>Actors "
            "arrive at the gala. (Photo by Jane Doe/Getty Images)</figcaption><div "
            "class='image__credit'>Jane Doe via Getty Images</div></div></figure>"
        )
    )
    assert image.caption == "Actors arrive at the gala."
    assert image.credit == "Jane Doe via Getty Images"
    assert (image.photographer, image.organization, image.distributor) == (
        "Jane Doe",
        None,
        "Getty Images",
    )


def test_via_distributor_and_handout() -> None:
    image = only(
        page(
            "<figure><img src='a.jpg'><figcaption>This image provided by the city shows "
            "the repaired bridge.<cite>City of Springfield via AP</cite></figcaption></figure>"
        )
    )
    assert image.caption == "This image provided by the city shows the repaired bridge."
    assert image.credit == "City of Springfield via AP"
    assert image.photographer is None
    assert image.organization == "City of Springfield"
    assert image.distributor == "AP"
    assert image.is_handout is True
    assert image.is_file_photo is False


def test_photo_label_at_the_end_of_the_caption() -> None:
    image = only(
        page(
            "<figure><img src='a.jpg'><figcaption>Crowds gather in the square before the "
            "vote. Photo: John Smith/Getty Images</figcaption></figure>"
        )
    )
    assert image.caption == "Crowds gather in the square before the vote."
    assert image.credit == "John Smith/Getty Images"
    assert image.photographer == "John Smith"
    assert image.organization == "Getty Images"


def test_caption_without_credit() -> None:
    image = only(
        page("<figure><img src='a.jpg'><figcaption>The old mill in winter.</figcaption></figure>")
    )
    assert image.caption == "The old mill in winter."
    assert image.credit is None
    assert (image.photographer, image.organization, image.distributor) == (None, None, None)
    assert (image.is_file_photo, image.is_handout) == (False, False)


def test_credit_only_figure() -> None:
    image = only(
        page(
            "<figure><img src='a.jpg'><figcaption><span class='image-credit'>Getty Images"
            "</span></figcaption></figure>"
        )
    )
    assert image.caption == ""
    assert image.credit == "Getty Images"
    assert image.photographer is None
    assert image.organization == "Getty Images"


def test_figures_in_related_blocks_and_chrome_are_skipped() -> None:
    tree = page(
        "<figure><img src='a.jpg'><figcaption>The council chamber.</figcaption></figure>",
        after=(
            "<aside><figure><img src='b.jpg'><figcaption>A sidebar photo</figcaption>"
            "</figure></aside>"
            "<div class='related-stories'><figure><img src='c.jpg'><figcaption>Another "
            "story's photo (AP Photo/John Doe)</figcaption></figure></div>"
        ),
    )
    assert [i.caption for i in article_images(tree, BODY)] == ["The council chamber."]


def test_not_photos_are_dropped() -> None:
    tree = page(
        "<figure class='pullquote'><blockquote>We will fix every road.</blockquote>"
        "<figcaption>Jane Roe, mayor</figcaption></figure>",
        "<figure><iframe src='https://video.example.com/1'></iframe><figcaption>Watch the "
        "vote</figcaption></figure>",
        "<figure><img src='v.jpg'><figcaption>The vote in 90 seconds 01:30</figcaption></figure>",
    )
    assert article_images(tree, BODY) == []


def test_page_furniture_in_a_figure_is_dropped_by_the_shared_rule() -> None:
    # the same test as the text reader's (transforms.captions.is_furniture_figure)
    tree = page(
        "<figure><img src='a.jpg'><figcaption>Read more: Ten walks along the river"
        "</figcaption></figure>",
        "<figure><img src='b.jpg'><figcaption><span class='credit'>Jane Doe, staff writer"
        "</span></figcaption></figure>",
    )
    assert article_images(tree, BODY) == []


def test_player_controls_and_duplicates() -> None:
    tree = page(
        "<figure><img src='a.jpg'><figcaption><span>1 / 12</span> The new bus depot. "
        "<button>Enlarge</button><span class='credit'>Jane Doe/Reuters</span>"
        "<a href='#'>hide caption</a></figcaption></figure>",
        "<figure><img src='a.jpg'><figcaption>The new bus depot. <span class='credit'>"
        "Jane Doe/Reuters</span></figcaption></figure>",
    )
    images = article_images(tree, BODY)
    assert [(i.position, i.caption, i.credit) for i in images] == [
        (0, "The new bus depot.", "Jane Doe/Reuters")
    ]


def test_caption_element_outside_a_figure_takes_the_credit_beside_it() -> None:
    tree = page(
        before=(
            "<div class='lead-image'><img src='lead.jpg'><div class='image__caption'>The "
            "mayor arrives at City Hall.</div><div class='image__credit'>John Roe/Example "
            "Times</div></div>"
        ),
    )
    image = only(tree)
    assert image.caption == "The mayor arrives at City Hall."
    assert image.credit == "John Roe/Example Times"
    assert image.photographer == "John Roe"
    assert image.organization == "Example Times"


def test_page_order_and_positions() -> None:
    tree = page(
        "<figure><img src='a.jpg'><figcaption>First photo of the hearing.</figcaption></figure>",
        "<figure><img src='b.jpg'><figcaption>Second photo, outside. (Reuters/Jane Doe)"
        "</figcaption></figure>",
        before=(
            "<figure><img src='l.jpg'><figcaption>Lead photo of the council.</figcaption></figure>"
        ),
    )
    images = article_images(tree, BODY)
    assert [(i.position, i.caption, i.credit) for i in images] == [
        (0, "Lead photo of the council.", None),
        (1, "First photo of the hearing.", None),
        (2, "Second photo, outside.", "Reuters/Jane Doe"),
    ]
    assert (images[2].photographer, images[2].organization) == ("Jane Doe", "Reuters")


def test_no_body_found_gives_no_images() -> None:
    tree = page("<figure><img src='a.jpg'><figcaption>The old mill.</figcaption></figure>")
    assert article_images(tree, ["Nothing of this text is on the page at all, not a word."]) == []


def test_the_tree_is_not_mutated() -> None:
    tree = page(
        "<figure><img src='a.jpg'><figcaption>Mayor Jane Roe. <span class='credit'>Jane Doe/"
        "Reuters</span></figcaption></figure>"
    )
    before = lxml.html.tostring(tree)
    article_images(tree, BODY)
    assert lxml.html.tostring(tree) == before


def test_container_found_from_the_body() -> None:
    tree = page()
    container = find_container(tree, BODY)
    assert container.element is not None and container.element.tag == "article"
    assert [p.tag for p in container.paragraphs] == ["p", "p", "p"]


@pytest.mark.parametrize(
    ("text", "credit", "expected"),
    [
        ("Image caption, The bridge at dawn.", None, ("The bridge at dawn.", None)),
        ("Screenshot: Example Games", None, ("", "Example Games")),
        ("Kimberly White/Getty Images", None, ("", "Kimberly White/Getty Images")),
        ("Courtesy of the Smith family", None, ("", "Courtesy of the Smith family")),
        ("Smoke rises over the hills. Credit...Jane Doe/The Example Times", None,
         ("Smoke rises over the hills.", "Jane Doe/The Example Times")),
        ("The bridge at dawn. Photo:", "Jane Doe", ("The bridge at dawn.", "Jane Doe")),
        ("A quiet street (in 1998)", None, ("A quiet street (in 1998)", None)),
        ("Illustration by Jane Doe for Example Magazine", None,
         ("", "Illustration by Jane Doe for Example Magazine")),
        (": Example Studio", None, ("", "Example Studio")),
        ("A boy on the beachimage: Jane Doe", None, ("A boy on the beach", "Jane Doe")),
        ("The lounge at night. Photograph courtesy of Example Bar.", None,
         ("The lounge at night.", "Photograph courtesy of Example Bar.")),
        ("(c) EXAMPLE/AGENCY", None, ("", "EXAMPLE/AGENCY")),
        ("SOURCE: EXAMPLE DATA", None, ("", "EXAMPLE DATA")),
        ("Snow on the hills. [Photo: Jane Doe/Example Press]", None,
         ("Snow on the hills.", "Jane Doe/Example Press")),
        ("[Rendering: Example Studio]", None, ("[Rendering: Example Studio]", None)),
        ("Saws cut wood on an angle. jdoe / Depositphotos.", None,
         ("Saws cut wood on an angle.", "jdoe / Depositphotos.")),
        ("A scroll saw makes these cuts. Beauty of Example / Pixabay", None,
         ("A scroll saw makes these cuts.", "Beauty of Example / Pixabay")),
        ("Fans mark the solstice at the stones.Getty Images", None,
         ("Fans mark the solstice at the stones.", "Getty Images")),
        ("The sign reads Getty Images.", None, ("The sign reads Getty Images.", None)),
        ("He said so. Reuters reported it.", None, ("He said so. Reuters reported it.", None)),
        ("A winter scene. Illustration by Jane Doe / Example News", "Jane Doe / Example News",
         ("A winter scene.", "Jane Doe / Example News")),
    ],
)  # fmt: skip
def test_split_caption(text: str, credit: str | None, expected: tuple[str, str | None]) -> None:
    assert split_caption(text, credit) == expected


def test_a_dek_with_itemprop_description_is_no_caption() -> None:
    """Outside a figure `itemprop=description` is the article's dek; inside one it is the
    photo's caption, and a caption class still makes an element a caption."""
    images = article_images(
        page(
            "<figure itemscope itemtype='http://schema.org/ImageObject'><img src='a.jpg'>"
            "<p itemprop='description'>Council members at the vote.</p>"
            "<span class='credit'>Jane Doe/Example Press</span></figure>",
            "<div><img src='b.jpg'><p class='photo-caption' itemprop='description'>The "
            "mayor's office on Tuesday.</p></div>",
            before="<p itemprop='description'>The city will repair roads next year, the "
            "council says.</p>",
        ),
        BODY,
    )
    assert [(i.position, i.caption, i.credit) for i in images] == [
        (0, "Council members at the vote.", "Jane Doe/Example Press"),
        (1, "The mayor's office on Tuesday.", None),
    ]
    assert images[0].photographer == "Jane Doe"
    assert images[0].organization == "Example Press"


def test_a_caption_printed_twice_in_one_figure_is_read_once() -> None:
    """Templates print the caption once per screen size, around the credit or not."""
    images = article_images(
        page(
            "<figure><img src='a.jpg'><figcaption><span class='hide-on-mobile'>Council "
            "members vote on the budget. Photograph: Jane Doe/Example Press</span>"
            "<details><summary>Council members vote on the budget.</summary></details>"
            "</figcaption></figure>",
            "<figure><img src='b.jpg'><figcaption><span>Illustration: John Roe/Example "
            "Times</span> <span>Illustration: John Roe/Example Times</span></figcaption>"
            "</figure>",
        ),
        BODY,
    )
    assert [(i.position, i.caption, i.credit) for i in images] == [
        (0, "Council members vote on the budget.", "Jane Doe/Example Press"),
        (1, "", "John Roe/Example Times"),
    ]
    assert images[0].photographer == "Jane Doe"
    assert images[1].photographer == "John Roe"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A B C A B C", "A B C"),
        ("Smoke over the hills. Photo: Jane Doe Smoke over the hills.",
         "Smoke over the hills. Photo: Jane Doe"),
        ("The end of the end", "The end of the end"),  # two words repeat: not a copy
        ("Jane at work, with Jane at work", "Jane at work, with Jane at work"),  # (work, != work)
        ("", ""),
    ],
)  # fmt: skip
def test_unrepeated(text: str, expected: str) -> None:
    assert unrepeated(text) == expected


def _with_jsonld(tree: lxml.html.HtmlElement, caption: str) -> lxml.html.HtmlElement:
    script = lxml.html.fragment_fromstring(
        '<script type="application/ld+json">{"@type": "NewsArticle", "image": '
        f'[{{"@type": "ImageObject", "caption": "{caption}"}}]}}</script>'
    )
    tree.find("head").append(script)
    return tree


def test_jsonld_captions_count_only_where_the_page_prints_them() -> None:
    """Without any photo unit, a JSON-LD image caption the page prints gives a row (with
    its credit split off); one that only the metadata holds gives none."""
    printed = _with_jsonld(
        page(
            "<div class='photo'><img src='a.jpg'><p>The council chamber on Tuesday. "
            "(Jane Doe/Example Press)</p></div>"
        ),
        "The council chamber on Tuesday. (Jane Doe/Example Press)",
    )
    images = article_images(printed, BODY)
    assert [(i.position, i.caption, i.credit) for i in images] == [
        (0, "The council chamber on Tuesday.", "Jane Doe/Example Press")
    ]
    assert images[0].photographer == "Jane Doe"
    assert images[0].organization == "Example Press"
    unseen = _with_jsonld(page(), "Shop the winter sale now")
    assert article_images(unseen, BODY) == []


def test_an_article_nested_in_the_metadata_lends_no_caption() -> None:
    """A related story nested in the page's JSON-LD (hasPart, relatedLink) has an image of
    its own, which is no photo of this article even where the page prints its caption."""
    tree = page(after="<p>Read next: Harbor ferry fares rise in spring</p>")
    related = {
        "@type": "NewsArticle",
        "headline": "Harbor ferry fares rise",
        "image": {"@type": "ImageObject", "caption": "Harbor ferry fares rise in spring"},
    }
    data = {"@type": "WebPage", "hasPart": [related]}
    script = lxml.html.fragment_fromstring(
        f'<script type="application/ld+json">{json.dumps(data)}</script>'
    )
    tree.find("head").append(script)
    assert article_images(tree, BODY) == []
    # (the same object at the top of the block is the page's own article)
    tree.find("head").remove(script)
    own = lxml.html.fragment_fromstring(
        f'<script type="application/ld+json">{json.dumps(related)}</script>'
    )
    tree.find("head").append(own)
    assert [i.caption for i in article_images(tree, BODY)] == ["Harbor ferry fares rise in spring"]
