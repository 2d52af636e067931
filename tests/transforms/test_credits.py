"""Unit tests of the parser: credits."""

from __future__ import annotations

import pytest

from transforms import (
    credit_strength,
    parse_credit,
)
from transforms.credits import CreditStrength


@pytest.mark.parametrize(
    ("credit", "photographer", "organization", "distributor", "is_file", "is_handout"),
    [
        ("AP Photo/Evan Vucci", "Evan Vucci", "AP", None, False, False),
        ("AP Photo/Evan Vucci, File", "Evan Vucci", "AP", None, True, False),
        (
            "Stepan Pugachev/Roscongress Foundation via AP",
            "Stepan Pugachev",
            "Roscongress Foundation",
            "AP",
            False,
            False,
        ),
        (
            "( Stepan Pugachev/Roscongress Foundation via AP)",
            "Stepan Pugachev",
            "Roscongress Foundation",
            "AP",
            False,
            False,
        ),
        (
            "Alexander Kazakov, Sputnik, Kremlin Pool Photo via AP",
            "Alexander Kazakov",
            "Sputnik, Kremlin Pool Photo",
            "AP",
            False,
            False,
        ),
        ("Photo by Jane Doe/Getty Images", "Jane Doe", "Getty Images", None, False, False),
        ("Reuters", None, "Reuters", None, False, False),
        ("(Reuters)", None, "Reuters", None, False, False),
        ("Jane Doe/Reuters", "Jane Doe", "Reuters", None, False, False),
        ("AP Photo", None, "AP", None, False, False),
        ("(AP Photo)", None, "AP", None, False, False),
        (
            "Ukrainian Presidential Press Office via AP",
            None,
            "Ukrainian Presidential Press Office",
            "AP",
            False,
            False,
        ),
        ("REUTERS/Evelyn Hockstein", "Evelyn Hockstein", "Reuters", None, False, False),
        ("REUTERS/Marco Bello/File Photo", "Marco Bello", "Reuters", None, True, False),
        ("UPI/Bonnie Cash", "Bonnie Cash", "UPI", None, False, False),
        ("Photo by Bonnie Cash/UPI", "Bonnie Cash", "UPI", None, False, False),
        ("File Photo by Jim Ruymen/UPI", "Jim Ruymen", "UPI", None, True, False),
        (
            "Allen J. Schaben / Los Angeles Times",
            "Allen J. Schaben",
            "Los Angeles Times",
            None,
            False,
            False,
        ),
        ("Jack Gruber, USA TODAY", "Jack Gruber", "USA TODAY", None, False, False),
        ("Kirby Lee-Imagn Images", "Kirby Lee", "Imagn Images", None, False, False),
        ("AFP via Getty Images", None, "AFP", "Getty Images", False, False),
        ("Jane Doe/AFP via Getty Images", "Jane Doe", "AFP", "Getty Images", False, False),
        ("Evan Vucci/Pool via AP", "Evan Vucci", "Pool", "AP", False, False),
        ("AP Photo/Jae C. Hong, Pool", "Jae C. Hong", "AP", None, False, False),
        ("AP Photo/File", None, "AP", None, True, False),
        ("Handout via REUTERS", None, None, "Reuters", False, True),
        ("Courtesy of the Smith family", None, "Smith family", None, False, True),
        ("EPA-EFE/Jane Doe", "Jane Doe", "EPA-EFE", None, False, False),
        ("Photo: Jane Doe/Reuters", "Jane Doe", "Reuters", None, False, False),
    ],
)
def test_parse_credit(
    credit: str,
    photographer: str | None,
    organization: str | None,
    distributor: str | None,
    is_file: bool,
    is_handout: bool,
) -> None:
    parts = parse_credit(credit)
    assert parts.photographer == photographer
    assert parts.organization == organization
    assert parts.distributor == distributor
    assert parts.is_file_photo is is_file
    assert parts.is_handout is is_handout


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("AP Photo/Evan Vucci", CreditStrength.STRONG),
        ("Jane Doe/Reuters", CreditStrength.STRONG),
        ("Ukrainian Presidential Press Office via AP", CreditStrength.STRONG),
        ("(Reuters)", CreditStrength.WEAK),
        ("(AP)", CreditStrength.WEAK),
        ("(R-Texas)", CreditStrength.NONE),
        ("(about $5 million)", CreditStrength.NONE),
        ("(and/or)", CreditStrength.NONE),
        ("(AC/DC)", CreditStrength.NONE),
        ("By Jane Doe, Associated Press", CreditStrength.NONE),
        ("(who declined to be named)", CreditStrength.NONE),
    ],
)
def test_credit_strength(text: str, strength: CreditStrength) -> None:
    assert credit_strength(text) is strength
