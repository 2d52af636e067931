"""caption_parts on caption lines written for the test: the credit forms of a capture."""

from __future__ import annotations

import pytest

from transforms.captions import CaptionParts
from transforms.page_captions import caps_slash_credit, caption_parts, tail_credit


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        # a plain strong credit as the last sentence, no slash, `by` or `via` in it
        ("Lanterns line the harbour wall before the festival. Courtesy of the Harbour Trust",
         "Lanterns line the harbour wall before the festival.", "Courtesy of the Harbour Trust"),
        # glued on without a space: the whole line is not one long credit
        ("Walkers cross the dunes at low tide near Millbrook.Getty Images",
         "Walkers cross the dunes at low tide near Millbrook.", "Getty Images"),
        # all capitals after a sentence
        ("Snow covers the valley road for the first time this winter. WEATHERDESK",
         "Snow covers the valley road for the first time this winter.", "WEATHERDESK"),
        ("Skaters circle the rink on Friday. IDA BRANDT/MILLBROOK GAZETTE",
         "Skaters circle the rink on Friday.", "IDA BRANDT/MILLBROOK GAZETTE"),
        # a name and its source joined by a slash, spaced or not, a closing period dropped
        ("A mitre saw makes the angled cuts easy. woodshop / Stockpix.",
         "A mitre saw makes the angled cuts easy.", "woodshop / Stockpix"),
        ("Ida Brandt says she lost a decade of memories in 2018. KMTV/YouTube",
         "Ida Brandt says she lost a decade of memories in 2018.", "KMTV/YouTube"),
        # a last sentence naming a stock library alone, its closing period dropped
        ("A coping saw suits a small curved cut like this one. Pexels.",
         "A coping saw suits a small curved cut like this one.", "Pexels"),
        ("Two kayaks rest on the shingle at dawn. Depositphotos",
         "Two kayaks rest on the shingle at dawn.", "Depositphotos"),
        # a separator printed between the caption and its credit
        ("The harbour master inspects the new pontoon before the season. | Jo Roe/AP",
         "The harbour master inspects the new pontoon before the season.", "Jo Roe/AP"),
    ],
)  # fmt: skip
def test_a_credit_closing_the_caption_is_split_off(text: str, caption: str, credit: str) -> None:
    assert caption_parts(text) == CaptionParts(caption, credit)


@pytest.mark.parametrize(
    "text",
    [
        "The council meets again at 7 p.m. ET",  # a time zone, not an all-caps credit
        "The furnace was replaced last year. HVAC",  # too short for an all-caps credit
        "MAYOR ANNOUNCES NEW PLAN. RESIDENTS REACT",  # an all-caps headline
        "The company was founded in 1990. It is based in Millbrook.",
        "The band opened with old favourites. Fans sang along.",
        "Voters. Courtesy of the Harbour Trust",  # too little caption before the credit
        # wire copy signs a paragraph off with its agency: not a photo credit
        "The ministry said the talks would resume next week. Reuters.",
        # a stock library named inside a longer last sentence is the text's
        "The photo was bought cheaply. It came from a library such as Pexels.",
    ],
)
def test_prose_is_not_split_into_caption_and_credit(text: str) -> None:
    assert tail_credit(text) is None


def test_a_whole_line_credit_is_still_a_lone_credit() -> None:
    assert caption_parts("Courtesy of the Harbour Trust") == CaptionParts(
        "", "Courtesy of the Harbour Trust"
    )


def test_an_all_caps_credit_with_a_slash_needs_no_sentence_end() -> None:
    text = "Ida Brandt and Jo Roe at the harbour dance in 1981 JONAS HALE/MILLBROOK ARCHIVES"
    assert caption_parts(text) == CaptionParts(
        "Ida Brandt and Jo Roe at the harbour dance in 1981", "JONAS HALE/MILLBROOK ARCHIVES"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose faster in the US than in the UK/EU",  # a short caps pair is the text's
        "The probe's camera was built at NASA/JPL",
        "IDA BRANDT/MILLBROOK GAZETTE",  # no caption before it
    ],
)
def test_short_caps_pairs_are_not_a_closing_credit(text: str) -> None:
    assert caps_slash_credit(text) is None


def test_a_credit_printed_twice_at_the_caption_end_is_cut_off_once() -> None:
    text = "Lanterns line the harbour wall. (Jane Doe / The Courier) (Jane Doe/The Courier)"
    assert caption_parts(text) == CaptionParts(
        "Lanterns line the harbour wall.", "Jane Doe/The Courier"
    )


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("Screenshot: Millbrook Games / Harbour Studio", "", "Millbrook Games / Harbour Studio"),
        ("Illustration: Jane Doe/The Courier", "", "Jane Doe/The Courier"),
        ("The route of the new ferry. Photo-illustration: Jo Roe", "The route of the new ferry.",
         "Jo Roe"),
        # a photographer label, glued on to the caption's last sentence
        ("Ida Brandt on the harbour wall.PHOTOGRAPHER: JO ROE. STYLIST: ANN LEE.",
         "Ida Brandt on the harbour wall.", "JO ROE. STYLIST: ANN LEE."),
        ("Photographer: Jo Roe", "", "Jo Roe"),
    ],
)  # fmt: skip
def test_figure_labels_other_than_photo_are_cut_off_the_credit(
    text: str, caption: str, credit: str
) -> None:
    assert caption_parts(text) == CaptionParts(caption, credit)
