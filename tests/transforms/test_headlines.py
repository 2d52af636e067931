"""clean_headline on headline lines written for the test: labels cut off, headlines kept."""

from __future__ import annotations

import pytest

from transforms.headlines import clean_headline


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # a section label in its own `|` part, before or after
        ("Harbour ferry fares rise for the first time in a decade | Editorial",
         "Harbour ferry fares rise for the first time in a decade"),
        ("Opinion | Why the harbour ferry should stay free",
         "Why the harbour ferry should stay free"),
        # a breadcrumb printed on the headline's line
        ("News / Local News / Harbour ferry fares rise for the first time in a decade",
         "Harbour ferry fares rise for the first time in a decade"),
        # a reader's status label
        ("Now reading: Why the harbour ferry should stay free",
         "Why the harbour ferry should stay free"),
        # a media tag closing the headline
        ("Drone films the harbour seals from 300 feet up (video)",
         "Drone films the harbour seals from 300 feet up"),
        ("Lantern parade lights up the old town [PHOTOS]", "Lantern parade lights up the old town"),
        # a kicker glued on before a sentence-case headline
        ("Opinion The ferry fare rise is a tax on the islands",
         "The ferry fare rise is a tax on the islands"),
        ("Analysis What the harbour vote means for the council",
         "What the harbour vote means for the council"),
    ],
)  # fmt: skip
def test_labels_around_the_headline_are_cut_off(text: str, headline: str) -> None:
    assert clean_headline(text) == headline


@pytest.mark.parametrize(
    "text",
    [
        "Opinion polls show a tight race in the harbour ward",  # the noun opens the headline
        "Analysis Shows Ferry Fares Rising Faster Than Wages",  # title case: may be its own
        "Opinion: The ferry fare rise is a tax on the islands",  # a label it writes itself
        "Health officials warn of a busy winter on the wards",  # not a kicker
        "Ferry (Video)",  # too little left
        "Inside the harbour: the long road back (2023)",  # a year, not a media tag
        "Harbour Ferry | Millbrook Gazette | Local News",  # no part long enough to stand out
        "AC/DC play the harbour stage for the first time",  # a slash inside a name
        "Now reading: Ferries",  # too little left
    ],
)
def test_headlines_without_such_labels_are_kept(text: str) -> None:
    assert clean_headline(text) == text
