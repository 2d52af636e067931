"""caption_parts on caption lines written for the test: the credit forms of a capture."""

from __future__ import annotations

import pytest

from transforms.captions import CaptionParts
from transforms.page_captions import caption_parts, tail_credit


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
    ],
)
def test_prose_is_not_split_into_caption_and_credit(text: str) -> None:
    assert tail_credit(text) is None


def test_a_whole_line_credit_is_still_a_lone_credit() -> None:
    assert caption_parts("Courtesy of the Harbour Trust") == CaptionParts(
        "", "Courtesy of the Harbour Trust"
    )
