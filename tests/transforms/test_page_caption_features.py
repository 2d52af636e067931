"""The learned caption pass's line features, on lines written for the test."""

from __future__ import annotations

import pytest

from transforms.page_caption_features import (
    CAPTION_FEATURES,
    caption_candidates,
    caption_rows,
    glued_credit,
    is_apparatus,
)
from transforms.page_lines import line_features, line_own_features, page_lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mara Quill wears a wool coat and leather boots.JONAS HALE",
         ("Mara Quill wears a wool coat and leather boots.", "JONAS HALE")),
        ("Skaters circle the rink in the old square on Friday.Ida Brandt/Millbrook Gazette",
         ("Skaters circle the rink in the old square on Friday.", "Ida Brandt/Millbrook Gazette")),
        ("The ferry leaves the harbour at dawn.Courtesy of the Harbour Trust",
         ("The ferry leaves the harbour at dawn.", "Courtesy of the Harbour Trust")),
    ],
)  # fmt: skip
def test_a_credit_glued_to_the_caption_is_split_off(text: str, expected: tuple) -> None:
    assert glued_credit(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Get the full experience.Choose your plan",  # lowercase words: an interface prompt
        "The vote was held on Tuesday. The council met again.",  # a space: two sentences
        "Prices rose 4.5 percent in March.",  # a decimal point, nothing glued
        "Read the story.",  # nothing after the sentence
        "Hello.World",  # one word before: not a caption
    ],
)
def test_prose_and_prompts_have_no_glued_credit(text: str) -> None:
    assert glued_credit(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 of 12", True),
        ("3/10", True),
        ("01:14", True),
        ("Credit:", True),
        ("Credit...", True),
        ("Image", True),
        ("Enlarge this image", True),
        ("hide caption", True),
        ("Jane Doe", False),
        ("The mayor spoke.", False),
        ("A very long line that is certainly no player label at all", False),
    ],
)
def test_player_and_gallery_lines_are_apparatus(text: str, expected: bool) -> None:
    assert is_apparatus(text) is expected


def test_candidates_are_the_short_lines_around_the_block_without_chrome() -> None:
    text = "\n".join(
        [
            "Advertisement",
            "Headline of the day",
            "One two three",
            "x " * 90,
            "Mara Quill",
            "Tail line",
        ]
    )
    lines = page_lines(text)
    own = [line_own_features(line) for line in lines]
    probs = [0.0, 0.1, 0.3, 0.9, 0.2, 0.95]
    # "Advertisement" is a chrome line, the 90-word line is too long for a caption, the
    # last line is surely body
    assert caption_candidates(own, probs, (2, 5)) == [1, 2, 4]


def test_caption_rows_carry_the_neighbourhood() -> None:
    text = "\n".join(
        [
            "The council met on Tuesday to debate the budget for the parks along the river, "
            "which had been delayed for months.",
            "Mara Quill, left, walks along the riverside path (2023)",
            "NASA",
            "Residents said the new lights would make the paths safer at night, and that they "
            "hoped the work would start in the spring.",
            "1 of 4",
            "Mara Quill, left, walks along the riverside path (2023)",
            "NASA",
        ]
    )
    lines = page_lines(text)
    own = [line_own_features(line) for line in lines]
    features = line_features(lines, own)
    probs = [0.9, 0.2, 0.1, 0.9, 0.0, 0.2, 0.1]
    rows = caption_rows(lines, features, probs, (0, 4), [1, 5])
    assert all(len(row) == len(CAPTION_FEATURES) for row in rows)
    first = dict(zip(CAPTION_FEATURES, rows[0], strict=True))
    assert first["p"] == 0.2
    assert first["p_prev"] == 0.9
    assert first["p_next"] == 0.1
    assert first["p_next2"] == 0.9
    assert first["in_block"] == 1.0
    assert first["placement"] == 1.0  # ", left,"
    assert first["dated"] == 1.0  # "(2023)"
    assert first["short_next"] == 1.0  # a bare name below
    assert first["repeats_next"] > 0.0  # ... printed under every photo
    assert first["credit_strength_next"] == 1.0  # a bare agency: a weak credit
    assert first["apparatus_near"] == 0.0
    assert first["next_starts_lower"] == 0.0
    assert first["prev_ends_sentence"] == 1.0
    assert first["scene_share"] > 0.0  # "walks"
    assert first["words_vs_neighbours"] < 0.0  # shorter than the paragraphs around it
    assert first["present_subject"] == 1.0  # "Mara Quill, left, walks"
    second = dict(zip(CAPTION_FEATURES, rows[1], strict=True))
    assert second["apparatus_near"] == 1.0  # "1 of 4" just above
    assert second["in_block"] == 0.0
    assert second["from_block_start"] == 5.0
    assert second["to_block_end"] == -2.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Former Mayor Jo Doe delivers remarks during a rally in Reno", True),
        ("Jane Roe, second from left, smiles at the crowd", True),
        ("Sam Poe is sworn in as the city's new fire chief", True),
        ("Ana Diaz wears a coat by a local designer", True),
        ("Jo Doe says the plan will cost more than expected", False),  # a quote's attribution
        ("Jo Doe writes about transport for the paper", False),
        ("The council voted on Tuesday to rebuild the bridge", False),  # past tense
        ("The company expects sales to grow next year", False),  # no named subject
        ("Before the vote, residents filled the hall", False),
    ],
)
def test_a_named_subject_in_the_present_tense_reads_as_a_caption(text: str, expected: bool) -> None:
    lines = page_lines(text)
    own = [line_own_features(line) for line in lines]
    rows = caption_rows(lines, line_features(lines, own), [0.5], (0, 1), [0])
    assert dict(zip(CAPTION_FEATURES, rows[0], strict=True))["present_subject"] == float(expected)
