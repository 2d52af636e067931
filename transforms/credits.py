"""Photo credits: recognising them, and splitting one into who shot, who released, who distributed.

A credit is `[photographer] / [organization] [via distributor]` in a handful of
house styles (AP: `AP Photo/Evan Vucci`, `Name/Org via AP`; Reuters:
`REUTERS/Name`; UPI: `Photo by Name/UPI`, `UPI/Name`; LA Times: `Name / Los
Angeles Times`; USA TODAY: `Name, USA TODAY`, `Name-Imagn Images`; Getty:
`Photo by Name/Getty Images`, `AFP via Getty Images`). The order of person and
organisation is decided from vocabulary (known agencies, organisation words)
and the shape of a personal name, never from position alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from transforms.dates import has_digit_char
from transforms.vocab import AGENCIES, ORG_WORDS, fold_hint, hinted_search, key


class CreditStrength(IntEnum):
    """How sure we are that a string is a photo credit."""

    NONE = 0
    WEAK = 1  # a bare agency name: `(Reuters)`, `(AP)`; needs caption cues around it
    STRONG = 2  # unmistakable: `AP Photo/...`, `Name/Org`, `... via AP`, `Photo by ...`


@dataclass(slots=True, frozen=True)
class Credit:
    """A credit split into its parts (image table columns of the same names)."""

    photographer: str | None
    organization: str | None
    distributor: str | None
    is_file_photo: bool
    is_handout: bool


# Labels put in front of a credit: "Photo:", "Credit:", "Image credit:", "Photograph:"
_CREDIT_LABEL = re.compile(
    r"^(?:photo|image|picture|photograph|video)?\s*(?:credit)?s?\s*:\s*", re.IGNORECASE
)
# Trailing qualifiers that are not part of any name: ", File", "/File Photo", "; File",
# ", Pool" (but not "/Pool", which names the pool as the organisation)
_TRAILING_QUALIFIER = re.compile(
    r"(?:\s*[,/;]\s*(?P<q>file(?:\s+photo)?)|\s*[,;]\s*(?P<p>pool))\s*$", re.IGNORECASE
)
# Leading "Photo by", "Photos by", "File photo by", "Pool photo by", "Photograph by", "Video by"
_PHOTO_BY = re.compile(
    r"^(?:(?P<file>file)\s+|(?P<pool>pool)\s+)?(?:photo(?:graph)?s?|image|video|picture)\s+by\s+",
    re.IGNORECASE,
)
# Leading "Courtesy of", "Photo courtesy of", "Courtesy"
_COURTESY = re.compile(
    r"^(?:(?:photo|image|picture)\s+)?courtesy(?:\s+of)?\s+(?:the\s+)?", re.IGNORECASE
)
# "AP Photo", "UPI Photo", "AP Photos" as the organisation half of "AP Photo/Name"
_ORG_PHOTO = re.compile(r"^(?P<org>.+?)\s+photos?$", re.IGNORECASE)
# The last " via " of a credit: "X via AP", "AFP via Getty Images"
_VIA = re.compile(r"\s+via\s+", re.IGNORECASE)
# " for " between person and client: "Jane Doe for The Washington Post"
_FOR = re.compile(r"\s+for\s+", re.IGNORECASE)
# Handout markers anywhere in a credit.
_HANDOUT_CREDIT = re.compile(r"\bhandout\b|\bcourtesy\b|\bprovided by\b", re.IGNORECASE)
# Markers that make a credit strong on their own.
_STRONG_MARKERS = re.compile(
    r"\bap photos?\b|\bgetty images\b|\bimagn\b|\bshutterstock\b|\bhandout\b|\bpool photo\b"
    r"|\bepa-efe\b|\bafp\b|^photo(?:graph)?s? by\b|^(?:file|pool) photo by\b|\bcourtesy\b"
    r"|\bphoto illustration\b",
    re.IGNORECASE,
)
# Words of which every _STRONG_MARKERS match holds one (for hinted_search).
_STRONG_HINTS = (
    "photo", "getty images", "imagn", "shutterstock", "handout", "epa-efe", "afp", "courtesy"
)  # fmt: skip
# Name particles allowed in lower case inside a personal name.
_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den",
     "ter", "ten", "la", "le", "bin", "bint", "al", "el", "y", "e", "st.", "af"}
)  # fmt: skip
_NAME_PUNCT = frozenset(".'’-")
_NOT_IN_CREDITS = frozenset('"“”()')  # quotes and brackets: prose or a parenthetical
# Hyphen before a known organisation: "Kirby Lee-Imagn Images", "Jane Doe-USA TODAY Sports"
_HYPHEN_ORG = re.compile(r"^(?P<person>.+?)\s?-\s?(?P<org>[A-Z].*)$")
_SPACES = re.compile(r"\s+")
# A byline, which shares the "Name, Agency" shape with credits: "By Jane Doe, Associated Press"
_BYLINE_START = re.compile(r"^(?:(?:story|written|words|text|article)\s+)?by\b", re.IGNORECASE)
_MAX_AGENCY_CHARS = max(map(len, AGENCIES))


def _canonical_org(org: str) -> str:
    """House-style capitals are the same organisation: `REUTERS` is Reuters."""
    return "Reuters" if org == "REUTERS" else org


def is_known_agency(text: str) -> bool:
    """True for a news or photo agency name such as `Reuters` or `USA TODAY`."""
    return key(text) in AGENCIES


def looks_like_person(text: str) -> bool:
    """A personal name: 2-5 capitalised words or initials, no organisation vocabulary.

    One-word names are refused because single capitalised words in credits are
    nearly always organisations (`Sputnik`, `Xinhua`, `Reuters`).
    """
    tokens = text.split()
    if not 2 <= len(tokens) <= 6:
        return False
    words = 0
    for token in tokens:
        folded = token.casefold()
        if folded in ORG_WORDS:
            return False
        if folded in _PARTICLES:
            continue
        if token in ("and", "&"):
            continue
        if not token[0].isupper():
            return False
        if not token.isalpha() and not all(ch.isalpha() or ch in _NAME_PUNCT for ch in token):
            return False  # (str.isalpha first: most names have no punctuation)
        words += 1
    return words >= 2 and not is_known_agency(text)  # (the look-up last: most fail before)


def _looks_like_org(text: str) -> bool:
    if is_known_agency(text):
        return True
    return any(token.casefold() in ORG_WORDS for token in text.split())


def clean_credit(raw: str) -> str:
    """The credit as printed, without parentheses, labels or stray spaces."""
    text = raw.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    if "  " in text or not text.isprintable():  # (every whitespace but " " is unprintable)
        text = _SPACES.sub(" ", text)
    text = text.strip()
    return _CREDIT_LABEL.sub("", text, count=1).strip() if ":" in text[:20] else text


@lru_cache(maxsize=4096)
def credit_strength(raw: str) -> CreditStrength:
    """How strongly a string (with or without parentheses) reads as a photo credit.

    Guards against ordinary parentheticals at the end of a paragraph:
    `(R-Texas)`, `(about $5 million)`, `(AP)` inside a sentence. Cached: a
    photographer's credit recurs under every photo of theirs.
    """
    text = clean_credit(raw)
    if not text or len(text) > 140 or (text[-1] in ".!?:;" and not text.endswith(("Jr.", "Inc."))):
        return CreditStrength.NONE
    if not _NOT_IN_CREDITS.isdisjoint(text) or has_digit_char(text):
        return CreditStrength.NONE
    if len(text.split(None, 16)) > 16 or not text[0].isupper() or _BYLINE_START.match(text):
        return CreditStrength.NONE  # (more than 16 words, or not a name's opening)
    core = _strip_qualifiers(text)[0]
    hint = fold_hint(text)
    if hinted_search(_STRONG_MARKERS, _STRONG_HINTS, text, hint):
        return CreditStrength.STRONG
    # core is a part of text: without "via" in text's hint there is none in core
    via = _VIA.split(core) if "via" in hint else [core]
    if len(via) >= 2 and all(part.strip() and part.strip()[0].isupper() for part in via):
        return CreditStrength.STRONG
    if "/" in core:
        parts = [p.strip() for p in core.split("/")]
        if all(p and p[0].isupper() for p in parts) and any(
            is_known_agency(p) or looks_like_person(p) or _looks_like_org(p) for p in parts
        ):
            return CreditStrength.STRONG
        return CreditStrength.NONE
    if "," in core:
        chunks = [c.strip() for c in core.split(",")]
        if looks_like_person(chunks[0]) and _looks_like_org(", ".join(chunks[1:])):
            return CreditStrength.STRONG
    hyphen = _HYPHEN_ORG.match(core) if "-" in core else None
    if hyphen and looks_like_person(hyphen["person"]) and is_known_agency(hyphen["org"]):
        return CreditStrength.STRONG
    # clean_credit leaves single spaces only, so key(core) is core.casefold(), never shorter.
    if len(core) <= _MAX_AGENCY_CHARS and is_known_agency(core):
        return CreditStrength.WEAK
    return CreditStrength.NONE


def _strip_qualifiers(text: str) -> tuple[str, bool]:
    """Remove trailing `, File` / `, Pool` qualifiers; report whether `File` was among them."""
    is_file = False
    if not text.casefold().endswith(("file", "photo", "pool")):
        return text.strip(), is_file
    while True:
        m = _TRAILING_QUALIFIER.search(text)
        if not m or m.start() == 0:
            return text.strip(), is_file
        if m["q"]:
            is_file = True
        text = text[: m.start()]


def _split_person_org(main: str) -> tuple[str | None, str | None]:
    """(photographer, organization) from the part of a credit before `via`."""
    main = main.strip(" ,/")
    if not main:
        return None, None
    if "/" in main:
        left, _, right = (s.strip() for s in main.partition("/"))
        if key(left) in {"handout", "pool", "file"}:
            return None, _canonical_org(right) or None
        org_photo = _ORG_PHOTO.match(left)
        if org_photo and not looks_like_person(left):
            return _person_or_none(right), _canonical_org(org_photo["org"])
        if is_known_agency(left) and not is_known_agency(right):
            return _person_or_none(right), _canonical_org(left)
        if looks_like_person(left):
            return left, _canonical_org(right) if right else None
        if looks_like_person(right):
            return right, _canonical_org(left)
        return None, main
    org_photo = _ORG_PHOTO.match(main)
    if org_photo and is_known_agency(org_photo["org"]):
        return None, _canonical_org(org_photo["org"])
    for_split = _FOR.split(main, maxsplit=1)
    if len(for_split) == 2 and looks_like_person(for_split[0]):
        return for_split[0].strip(), for_split[1].strip()
    chunks = [c.strip() for c in main.split(",") if c.strip()]
    if len(chunks) >= 2 and looks_like_person(chunks[0]):
        return chunks[0], ", ".join(chunks[1:])
    hyphen = _HYPHEN_ORG.match(main)
    if hyphen and looks_like_person(hyphen["person"]) and _looks_like_org(hyphen["org"]):
        return hyphen["person"].strip(), hyphen["org"].strip()
    if key(main) in {"handout", "pool", "file"}:
        return None, None
    if looks_like_person(main) and not _looks_like_org(main):
        return main, None
    return None, _canonical_org(main)


def _person_or_none(text: str) -> str | None:
    """The photographer half of `AP Photo/Name`; None when it is empty or only a qualifier."""
    text = text.strip(" ,")
    if not text or key(text) in {"file", "pool", "handout", "file photo"}:
        return None
    return text


@lru_cache(maxsize=4096)
def parse_credit(credit: str) -> Credit:
    """Split a credit into photographer / organization / distributor and its flags.

    Cached (a Credit is frozen): the same credits close caption after caption.

    `AP Photo/Evan Vucci, File` -> Evan Vucci / AP / None, file photo;
    `Alexander Kazakov, Sputnik, Kremlin Pool Photo via AP` -> Alexander Kazakov /
    Sputnik, Kremlin Pool Photo / AP; `Ukrainian Presidential Press Office via AP`
    -> None / Ukrainian Presidential Press Office / AP.
    """
    text = clean_credit(credit)
    is_handout = bool(_HANDOUT_CREDIT.search(text))
    core, is_file = _strip_qualifiers(text)
    photo_by = _PHOTO_BY.match(core)
    if photo_by:
        is_file = is_file or bool(photo_by["file"])
        core = core[photo_by.end() :]
    elif core.casefold().startswith("file photo"):
        is_file = True
    courtesy = _COURTESY.match(core)
    if courtesy:
        core = core[courtesy.end() :]
    parts = _VIA.split(core)
    distributor: str | None = None
    if len(parts) >= 2:
        distributor = _strip_qualifiers(parts[-1])[0].strip() or None
        core = " via ".join(parts[:-1])
    core = _strip_qualifiers(core)[0]
    photographer, organization = _split_person_org(core)
    if distributor is not None:
        distributor = _canonical_org(distributor)
    return Credit(photographer, organization, distributor, is_file, is_handout)
