"""read_page on small synthetic full-page captures, one per class of site furniture.

Every capture here is written for the test (no corpus page is copied): an article
of plain prose wrapped in the furniture a scraper's innerText brings along.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from transforms.ids import article_id_for
from transforms.page_lines import line_features, line_own_features, page_lines
from transforms.page_model import shipped_model
from transforms.page_reader import doubtful_caption, read_page
from transforms.records import Article, Rejection

TITLE = "City council approves new budget for riverside parks after long debate"
PARAGRAPHS = [
    "The city council voted on Tuesday to approve a new budget for the riverside parks, "
    "ending a debate that had lasted for more than three months and divided the neighbourhoods "
    "along the water.",
    "Supporters of the plan said the money would pay for new paths, lighting and benches, and "
    "that the parks had been neglected for years while the rest of the city was rebuilt.",
    "Opponents argued that the budget should have gone to schools instead, and several of them "
    "told the council that they would keep raising the question at every meeting next year.",
    "The mayor said she was glad the vote was over and that work on the first park would begin "
    "in the spring, once the contracts have been signed and the river has gone down.",
    "Residents who spoke after the meeting said they were looking forward to walking along the "
    "river again, and that they hoped the new lights would make the paths safer at night.",
    "The council will meet again next month to discuss the timetable for the other parks, which "
    "are expected to be finished by the end of the following year if the weather allows it.",
]
BODY = "\n\n".join(PARAGRAPHS)

NAV = "\n".join(
    ["Skip to content", "Home", "News", "Local", "Sports", "Business", "Opinion", "Weather",
     "Obituaries", "Sign In", "Subscribe", "Search"]
)  # fmt: skip
COOKIES = (
    "We use cookies to improve your experience on our site and to show you relevant "
    "advertising. By continuing you accept our cookie policy.\nAccept all cookies\nManage "
    "preferences"
)
TEASERS = "\n".join(
    ["More from Local News", "Bridge repairs to close two lanes next week",
     "School board picks new superintendent", "Library extends weekend opening hours",
     "Holiday market returns to the old town square"]
)  # fmt: skip
FOOTER = "\n".join(
    ["About Us", "Contact Us", "Privacy Policy", "Terms of Use", "Careers",
     "© 2024 The Riverside Courier. All rights reserved."]
)  # fmt: skip


def capture(*parts: str) -> str:
    return "\n\n".join(parts)


def article_lines() -> str:
    return "\n\n".join(PARAGRAPHS)


def read(text: str) -> Article:
    result = read_page(text)
    assert isinstance(result, Article), result
    return result


def test_nav_menu_before_the_headline() -> None:
    article = read(capture(NAV, TITLE, "By Jane Doe", "March 4, 2024", article_lines(), FOOTER))
    assert article.title == TITLE
    assert article.body == BODY
    assert article.paragraph_count == len(PARAGRAPHS)
    assert article.word_count == len(BODY.split())
    assert article.authors == ["Jane Doe"]
    assert article.published_date == date(2024, 3, 4)
    assert article.published_date_source == "explicit"
    assert article.publisher == "The Riverside Courier"
    assert article.article_id == article_id_for("The Riverside Courier", TITLE)


@pytest.mark.parametrize(
    "headline_line",
    [f"Opinion {TITLE}", f"{TITLE} | Editorial", f"{TITLE} (video)"],
)
def test_a_label_printed_with_the_headline_is_not_the_title(headline_line: str) -> None:
    article = read(capture(NAV, headline_line, "By Jane Doe", article_lines(), FOOTER))
    assert article.title == TITLE
    assert article.body == BODY
    assert article.article_id == article_id_for("The Riverside Courier", TITLE)


def test_cookie_banner_at_the_top_is_not_body_and_not_a_rejection() -> None:
    article = read(capture(COOKIES, NAV, TITLE, "By Jane Doe", article_lines(), FOOTER))
    assert article.title == TITLE
    assert article.body == BODY
    assert "cookie" not in article.body.casefold()


def test_byline_and_date_lines_published_and_updated_kept_apart() -> None:
    article = read(
        capture(
            NAV,
            TITLE,
            "By Jane Doe and John Roe, Associated Press",
            "Published 3:12 PM ET Fri, 22 Dec 2023",
            "Updated 5:40 PM ET Fri, 22 Dec 2023",
            article_lines(),
            FOOTER,
        )
    )
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.published_at == datetime(2023, 12, 22, 15, 12)
    assert article.updated_at == datetime(2023, 12, 22, 17, 40)
    assert article.published_date == date(2023, 12, 22)
    assert article.body == BODY


def test_byline_and_date_sharing_one_line() -> None:
    article = read(capture(NAV, TITLE, "By Jane Doe | Nov 19, 2019, 10:31 pm CST", article_lines()))
    assert article.authors == ["Jane Doe"]
    assert article.published_at == datetime(2019, 11, 19, 22, 31)


def test_caption_with_credit_is_an_image_and_not_body() -> None:
    caption = "Council members listen to residents during the budget hearing on Tuesday."
    paragraphs = article_lines().split("\n\n")
    text = capture(
        NAV,
        TITLE,
        "By Jane Doe",
        "March 4, 2024",
        f"{caption} (AP Photo/Evan Vucci)",
        *paragraphs[:3],
        "The riverside path near the old mill, which is the first to be rebuilt.",
        "Jane Roe/Getty Images",
        *paragraphs[3:],
        FOOTER,
    )
    article = read(text)
    assert article.body == BODY
    assert [(i.caption, i.credit) for i in article.images] == [
        (caption, "AP Photo/Evan Vucci"),
        ("The riverside path near the old mill, which is the first to be rebuilt.",
         "Jane Roe/Getty Images"),
    ]  # fmt: skip
    assert article.images[0].photographer == "Evan Vucci"
    assert article.images[0].organization == "AP"
    assert article.images[1].photographer == "Jane Roe"
    assert article.images[1].organization == "Getty Images"


def test_underscore_rules_in_menus_are_furniture() -> None:
    menu = "\n".join(["___", "World", "Politics", "___", "Science", "Health", "___"])
    article = read(capture(menu, NAV, TITLE, "By Jane Doe", article_lines(), menu, FOOTER))
    assert article.title == TITLE
    assert article.body == BODY


def test_teaser_list_after_the_article_is_left_out() -> None:
    article = read(capture(NAV, TITLE, "By Jane Doe", article_lines(), TEASERS, FOOTER))
    assert article.body == BODY
    assert "superintendent" not in article.body


def test_the_articles_own_section_breaks_do_not_end_it() -> None:
    # a rule, a short all-caps subhead and another rule inside the article; the last
    # paragraph stands between the break and the page's furniture
    story = capture(
        *PARAGRAPHS[:4], "___", "WHAT COMES NEXT", PARAGRAPHS[4], "* * *", PARAGRAPHS[5]
    )
    article = read(capture(NAV, TITLE, "By Jane Doe", story, TEASERS, FOOTER))
    assert article.body.split("\n\n")[-1] == PARAGRAPHS[5]
    assert PARAGRAPHS[4] in article.body
    assert "___" not in article.body and "superintendent" not in article.body


def test_a_furniture_heading_is_not_a_section_break() -> None:
    extra = (
        "Readers who wrote to the paper this week said the river paths were too dark at "
        "night, and that the council should have acted on the lighting years ago."
    )
    related = capture("Related", extra)
    article = read(capture(NAV, TITLE, "By Jane Doe", article_lines(), related, FOOTER))
    assert "Readers who wrote" not in article.body


CONSENT_DIALOG = (
    "When you visit our website, we store cookies on your browser to collect information "
    "about your preferences and your device, and we use it to make the site work as you expect "
    "it to and to give you a more personalised experience.\n\n"
    "Under the privacy laws of some states, you have the right to opt out of the sale of your "
    "personal information to third parties; manage your cookie preferences below to do so, "
    "or read our cookie policy to learn more about how we use them.\n\n"
    "Manage cookie settings"
)


def test_a_consent_dialog_printed_inside_the_article_is_not_body() -> None:
    story = capture(*PARAGRAPHS[:3], CONSENT_DIALOG, *PARAGRAPHS[3:])
    article = read(capture(NAV, TITLE, "By Jane Doe", story, FOOTER))
    assert article.body == BODY


def test_an_affiliate_disclosure_by_the_article_is_not_body() -> None:
    disclosure = (
        "If you buy something through a link in this article, we may receive compensation. "
        "Our editors choose every product on their own."
    )
    article = read(capture(NAV, TITLE, "By Jane Doe", disclosure, article_lines(), FOOTER))
    assert article.body == BODY


@pytest.mark.parametrize(
    "furniture",
    [
        "Read more: How the council chose which parks to rebuild first, and what the residents "
        "think of it",
        "Related: Riverside residents say the new lights will make the paths safer at night",
        "Sign up for our newsletter to get the latest local news in your inbox every morning.",
    ],
)
def test_pointers_and_prompts_between_the_paragraphs_are_not_body(furniture: str) -> None:
    story = capture(*PARAGRAPHS[:3], furniture, *PARAGRAPHS[3:])
    article = read(capture(NAV, TITLE, "By Jane Doe", story, FOOTER))
    assert article.body == BODY


def test_a_disclaimer_above_a_photo_credit_is_not_its_caption() -> None:
    lead = "We may earn a commission from links on this page.\n\nCredit: Jo Roe"
    article = read(capture(NAV, TITLE, "By Jane Doe", lead, article_lines(), FOOTER))
    assert [(image.caption, image.credit) for image in article.images] == [("", "Jo Roe")]
    assert article.body == BODY


def test_an_article_about_cookies_keeps_its_paragraphs() -> None:
    reporting = [
        "Regulators said on Monday that websites must let users reject cookies as easily as "
        "they accept them, and gave the largest publishers three months to change their banners.",
        "The ruling follows complaints that many sites hid the option to refuse tracking cookies "
        "behind several menus while the button to accept them stood out on every page.",
        "Publishers said the change would cut their advertising income, while consumer groups "
        "welcomed it as the first real limit on how the industry uses cookies to follow readers.",
    ]
    title = "Regulators order websites to make rejecting cookies as easy as accepting them"
    article = read(capture(NAV, title, "By Jane Doe", *reporting, *PARAGRAPHS[:3], FOOTER))
    assert article.body == "\n\n".join([*reporting, *PARAGRAPHS[:3]])


def test_a_doubtful_caption_needs_more_credence_the_longer_it_is() -> None:
    """Leaving a caption in the body is one error whatever its length; dropping a
    paragraph costs the body every word of it."""
    params = shipped_model().params
    at_reference = params["not_body_threshold"]
    assert doubtful_caption(at_reference, 20, params)
    assert not doubtful_caption(at_reference * 0.99, 20, params)
    # a five-word line goes on half the credence, an eighty-word one needs twice as much
    assert doubtful_caption(at_reference * 0.51, 5, params)
    assert not doubtful_caption(at_reference * 1.9, 80, params)
    assert doubtful_caption(at_reference * 2.01, 80, params)
    assert not doubtful_caption(0.0, 1, params)


@pytest.mark.xfail(
    strict=True,
    reason="a caption printed without a credit, a cue or a player line by it is still read as "
    "body by the current trees (held-out: 63 truth captions left in bodies); issue 14 stays "
    "open on it",
)
def test_a_caption_without_a_credit_is_not_body() -> None:
    # a present-tense scene with names, a place and a date, standing by itself
    # between two paragraphs where the photo was; the learned caption pass does not
    # (yet) read it as an image, but it must not be a paragraph
    caption = "Workers lay new paving stones on the riverside path in Millbrook, March 2, 2024."
    story = capture(*PARAGRAPHS[:3], caption, *PARAGRAPHS[3:])
    article = read(capture(NAV, TITLE, "By Jane Doe", story, FOOTER))
    assert article.body == BODY
    assert all(image.caption != caption or image.credit is None for image in article.images)


@pytest.mark.parametrize(
    "text",
    [
        "[server]\nhost = 127.0.0.1\nport = 8080\nworkers = 4\n\n[log]\nlevel = info\n",
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
        "bin:x:2:2:bin:/bin:/usr/sbin/nologin\n",
        "2024-03-04 10:00:01 INFO worker started\n2024-03-04 10:00:02 WARN queue is slow\n"
        "2024-03-04 10:00:05 ERROR connection reset by peer\n",
        NAV + "\n" + TEASERS + "\n" + FOOTER,
        COOKIES,
        "",
    ],
    ids=["config", "passwd", "log", "links-and-headlines", "cookie-wall", "empty"],
)
def test_text_without_an_article_is_not_an_article(text: str) -> None:
    result = read_page(text)
    assert isinstance(result, Rejection)
    assert result.reason == "not_an_article"


def test_compiled_trees_score_as_the_walked_trees() -> None:
    from transforms.page_model import shipped_model

    model = shipped_model()
    assert model.context is not None and model.caption is not None
    for ensemble in (model.line, model.title, model.caption, model.context):
        for seed in range(50):
            x = [
                ((seed * 7919 + i * 104729) % 1000) / 20.0 - 5.0
                for i in range(len(ensemble.features))
            ]
            assert ensemble.log_odds(x) == pytest.approx(ensemble.log_odds_walked(x), abs=1e-9)


def test_a_short_article_is_found_at_the_lower_threshold() -> None:
    """No block clears the usual threshold, but one prose line of enough words clears the
    lower one: a brief (an event listing) is still an article; menu lines alone are not."""
    from transforms.page_lines import page_lines
    from transforms.page_reader import DEFAULT_PARAMS, article_lines

    lines = page_lines(
        "Home\nEvents\n" + "A free concert returns to the river park " * 2 + ".\nShare"
    )
    words = [1.0, 1.0, 16.0, 1.0]
    prose = [False, False, True, False]
    crossable = [False] * 4
    probs = [0.05, 0.05, 0.3, 0.05]
    assert article_lines(probs, words, prose, crossable, dict(DEFAULT_PARAMS), lines) == (
        (2, 3),
        [2],
    )
    probs = [0.05, 0.05, 0.1, 0.05]  # below the lower threshold too
    assert article_lines(probs, words, prose, crossable, dict(DEFAULT_PARAMS), lines) is None
    no_prose = [False] * 4
    probs = [0.05, 0.05, 0.3, 0.05]
    assert article_lines(probs, words, no_prose, crossable, dict(DEFAULT_PARAMS), lines) is None


def test_a_credit_glued_to_its_caption_is_split_and_kept_out_of_the_body() -> None:
    # innerText joins a figcaption's text and its credit element without a space
    caption = "Council members walk along the riverside path after the vote on Tuesday."
    story = capture(*PARAGRAPHS[:3], f"{caption}JONAS HALE", *PARAGRAPHS[3:])
    article = read(capture(NAV, TITLE, "By Jane Doe", "March 4, 2024", story, FOOTER))
    assert article.body == BODY
    assert [(i.caption, i.credit) for i in article.images] == [(caption, "JONAS HALE")]
    assert article.images[0].photographer == "JONAS HALE"  # as printed


def test_a_caption_printed_twice_is_one_image() -> None:
    caption = "Council members listen to residents during the budget hearing on Tuesday."
    lead = f"{caption} (Jane Roe/Getty Images)"
    story = capture(lead, lead, *PARAGRAPHS)
    article = read(capture(NAV, TITLE, "By Jane Doe", "March 4, 2024", story, FOOTER))
    assert article.body == BODY
    assert [(i.position, i.caption, i.credit) for i in article.images] == [
        (0, caption, "Jane Roe/Getty Images")
    ]


def test_a_share_line_shaped_like_a_credit_is_not_an_image() -> None:
    # "... via Email" has the shape of "Name via Agency"; it is the page's share widget
    story = capture(*PARAGRAPHS[:2], "Share Article via Email", *PARAGRAPHS[2:])
    article = read(capture(NAV, TITLE, "By Jane Doe", "March 4, 2024", story, FOOTER))
    assert article.body == BODY
    assert article.images == []


def test_a_brief_with_one_sentence_is_an_article() -> None:
    """A page whose only prose is one sentence (an event listing) makes no block; its
    body is that sentence, never a cookie banner's or a link's."""
    from transforms.page_lines import line_own_features, page_lines
    from transforms.page_reader import brief_lines

    sentence = (
        "The Harbour Quartet brings an evening of sea shanties and folk songs to the old mill, "
        "with tickets on sale at the door."
    )
    cookie = (
        "We use cookies to improve your experience on our site and to show you relevant "
        "advertising, as our privacy policy explains."
    )
    link = "Read the full programme of the festival and its concerts at https://example.org today."
    lines = page_lines("\n".join(["Events", cookie, "Buy Tickets", link, sentence, "Share"]))
    own = [line_own_features(line) for line in lines]
    probs = [0.01, 0.2, 0.05, 0.3, 0.07, 0.01]  # the banner and the link score higher
    assert brief_lines(probs, own) == ((4, 5), [4])
    assert brief_lines(probs[:4], own[:4]) is None  # no furniture-free prose line


def test_read_page_gives_a_one_sentence_listing_a_row() -> None:
    sentence = (
        "The Harbour Quartet brings an evening of sea shanties and folk songs to the old mill, "
        "with tickets on sale at the door."
    )
    text = "\n".join(
        ["Events", "Harbour Quartet live at the Old Mill", sentence, "Buy Tickets", "Share",
         "Venue", "The Old Mill", "Millbrook"]
    )  # fmt: skip
    article = read(text)
    assert article.body == sentence
    assert article.title == "Harbour Quartet live at the Old Mill"


@pytest.mark.parametrize("label", ["Credit...", "Credit:", "CREDIT:", "Image credit:"])
def test_a_credit_label_line_pairs_the_caption_above_with_the_credit_below(label: str) -> None:
    caption = "The riverside path near the old mill, which is the first to be rebuilt."
    story = capture(*PARAGRAPHS[:3], f"{caption}\n{label}\nIda Brandt", *PARAGRAPHS[3:])
    article = read(capture(NAV, TITLE, "By Jane Doe", "March 4, 2024", story, FOOTER))
    assert article.body == BODY
    assert [(i.caption, i.credit) for i in article.images] == [(caption, "Ida Brandt")]


def test_a_labelled_credit_may_hold_a_colon() -> None:
    from transforms.page_captions import caption_parts

    line = "Fossil shell of a river snail. Image credit: Doe et al., doi: 10.1000/x1."
    parts = caption_parts(line)
    assert parts is not None
    assert parts.caption == "Fossil shell of a river snail."
    assert parts.credit == "Doe et al., doi: 10.1000/x1."


def test_context_features_of_chosen_lines_equal_those_of_the_whole_page() -> None:
    from transforms.page_lines import CONTEXT_FEATURES, context_features

    lines = page_lines(capture(NAV, TITLE, article_lines(), FOOTER))
    own = [line_own_features(line) for line in lines]
    probs = [((i * 37) % 100) / 100 for i in range(len(lines))]
    rows = context_features(own, probs)
    assert len(rows) == len(lines) and all(len(r) == len(CONTEXT_FEATURES) for r in rows)
    picked = [3, 0, len(lines) - 1]
    assert context_features(own, probs, picked) == [rows[i] for i in picked]
    p = CONTEXT_FEATURES.index
    assert rows[0][p("p_prev")] == 0.0 and rows[1][p("p_prev")] == probs[0]
    assert rows[-1][p("score_mass_before")] == pytest.approx(1 - probs[-1] / sum(probs))


def test_the_second_stage_revises_only_lines_near_some_body_score() -> None:
    import dataclasses

    from transforms.page_model import shipped_model
    from transforms.page_reader import CONTEXT_SKIP_BELOW, CONTEXT_SKIP_SPAN, line_scores

    model = shipped_model()
    lines = page_lines(capture(NAV, TITLE, article_lines(), FOOTER, NAV, FOOTER))
    own = [line_own_features(line) for line in lines]
    features = line_features(lines, own)
    first = line_scores(dataclasses.replace(model, context=None), own, features)
    final = line_scores(model, own, features)
    assert len(final) == len(first)
    far = [
        i for i in range(len(lines))
        if max(first[max(0, i - CONTEXT_SKIP_SPAN) : i + CONTEXT_SKIP_SPAN + 1])
        < CONTEXT_SKIP_BELOW
    ]  # fmt: skip
    assert far, "the capture has lines deep in furniture"
    assert all(final[i] == first[i] for i in far)
    assert final != first  # the lines near the article were rescored


def test_a_line_the_caption_pass_doubts_is_neither_body_nor_an_image() -> None:
    """A stand-in caption ensemble scores the short line 0.1 (and the paragraphs 0):
    under the caption threshold, so no image, but over the not-body one, so out of the
    body; the paragraphs stay."""
    import dataclasses
    import math

    from transforms.page_model import Ensemble, shipped_model

    shipped = shipped_model()
    doubt = math.log(0.1 / 0.9)
    words = shipped.caption.features.index("words")
    caption = Ensemble(
        shipped.caption.features, doubt, (), lambda x: doubt if x[words] < 20 else -30.0
    )
    line = "Workers lay new paving stones on the riverside path in Millbrook, March 2, 2024."
    text = capture(NAV, TITLE, "By Jane Doe", capture(*PARAGRAPHS[:3], line, *PARAGRAPHS[3:]))
    params = {**shipped.params, "caption_threshold": 0.3}
    doubting = dataclasses.replace(shipped, caption=caption, params={**params,
                                   "not_body_threshold": 0.08})  # fmt: skip
    trusting = dataclasses.replace(shipped, caption=caption, params={**params,
                                   "not_body_threshold": 1.0})  # fmt: skip
    kept = read_page(text, trusting)
    dropped = read_page(text, doubting)
    assert isinstance(kept, Article) and isinstance(dropped, Article)
    assert line in kept.body.split("\n\n")
    assert dropped.body == BODY
    assert dropped.images == kept.images == []


@pytest.mark.parametrize(
    "furniture",
    [
        "Read more: Ten walks along the river this spring\nJo Roe/Getty Images",  # a promo card
        "Jane Doe, staff writer",  # a list's author line, shaped like a lone credit
        "By Jane Doe\nJo Roe/Getty Images",  # a byline above a credit
    ],
)
def test_page_furniture_shaped_like_a_figure_is_no_image_and_no_body(furniture: str) -> None:
    story = capture(*PARAGRAPHS[:2], furniture, *PARAGRAPHS[2:])
    article = read(capture(NAV, TITLE, "By Jane Doe", "March 4, 2024", story, FOOTER))
    assert article.body == BODY
    assert article.images == []


def test_an_all_caps_slash_credit_closing_a_caption_makes_an_image() -> None:
    caption = "Council members walk along the riverside path in 1981"
    story = capture(*PARAGRAPHS[:2], f"{caption} JONAS HALE/RIVERSIDE ARCHIVES", *PARAGRAPHS[2:])
    article = read(capture(NAV, TITLE, "By Jane Doe", "March 4, 2024", story, FOOTER))
    assert article.body == BODY
    assert [(i.caption, i.credit) for i in article.images] == [
        (caption, "JONAS HALE/RIVERSIDE ARCHIVES")
    ]
