"""Bylines: `By JANE DOE and JOHN ROE`, `By Jane Doe, Associated Press`, `Story by Jane Doe`.

Agency names and job titles ride along in bylines (`AP Business Writer`,
`Los Angeles Times Staff Writer`, `USA TODAY`); they are peeled off the end of
each name chunk so that only people remain, in printed order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.credits import is_known_agency, looks_like_person
from transforms.vocab import AGENCIES, GIVEN_NAME_PARTICLES, JOB_QUALIFIERS, JOB_WORDS, key

# "By ", "BY ", "Story by ", "Written by ", "Words by ", "Text by ", "Article by ", "By: "
BY_PREFIX = re.compile(r"^(?:(?:story|written|words|text|article)\s+)?by\s*:?\s+", re.IGNORECASE)
# Letters BY_PREFIX can start with: story, written, words, text, article, by, in either case,
# and "ſ", which re.IGNORECASE matches to "s".
_BY_PREFIX_FIRST = frozenset("sStTwWaAbB\u017f")
# Separators between names: commas, semicolons, "and", "&", pipes
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|\||&|\band\b)\s*", re.IGNORECASE)
# Connectors left dangling once an agency is peeled off: "Jane Doe for The Associated Press"
_CONNECTORS = frozenset({"for", "of", "at", "with", "from", "the", "-", "—", "–", "|"})
_MAX_BYLINE_WORDS = 24
# Longer lines give no names to parse_bare_byline or names_only (byline_names refuses more
# than _MAX_BYLINE_WORDS after a `By` prefix, which is at most 3 words: "Story by :").
MAX_BYLINE_LINE_WORDS = _MAX_BYLINE_WORDS + 3
_MAX_AGENCY_TOKENS = 4
# Every word peel_affiliation can remove, as `_is_peelable` writes it: a token outside
# this set ends the peeling at once (most lines), so the agency look-ups can be skipped.
_AFFIL_STRIP = ",.:"
_PEELABLE_WORDS = frozenset(
    word.strip(_AFFIL_STRIP)
    for phrase in (*AGENCIES, *JOB_WORDS, *JOB_QUALIFIERS, *_CONNECTORS)
    for word in phrase.split()
)


def _is_peelable(token: str) -> bool:
    """A word that peel_affiliation can remove (an agency's, a job title's, a connector)."""
    return token.casefold().strip(_AFFIL_STRIP) in _PEELABLE_WORDS


@dataclass(slots=True, frozen=True)
class Byline:
    """Names found in a byline, and whether agency/job vocabulary was present."""

    names: list[str]
    had_affiliation: bool


def peel_affiliation(chunk: str) -> tuple[str, bool]:
    """Drop trailing agency names and job titles from one name chunk."""
    tokens = [t for t in chunk.split() if "@" not in t and "://" not in t]
    if tokens and not _is_peelable(tokens[-1]):
        return " ".join(tokens), False
    peeled = False
    saw_job = False
    while tokens:
        last = tokens[-1].casefold().strip(",.:")
        if last in JOB_WORDS:
            saw_job = True
        elif (saw_job and last in JOB_QUALIFIERS) or (peeled and last in _CONNECTORS):
            pass
        else:
            n = _agency_suffix_length(tokens)
            if n == 0:
                break
            del tokens[-n:]
            peeled = True
            continue
        tokens.pop()
        peeled = True
    return " ".join(tokens), peeled


def _agency_suffix_length(tokens: list[str]) -> int:
    """How many trailing tokens form a known agency name (0 if none)."""
    for n in range(min(_MAX_AGENCY_TOKENS, len(tokens)), 0, -1):
        if key(" ".join(tokens[-n:])).strip(",.") in AGENCIES:
            return n
    return 0


def byline_names(text: str) -> Byline | None:
    """Split byline text (prefix already removed) into names; None if a chunk is not a name.

    Chunks that are only an affiliation (`Associated Press`) are skipped; a chunk
    that is neither a name nor an affiliation means this is not a byline, unless
    names were already found (then the rest is trailing prose like `in Kyiv`).
    """
    if len(text.split(None, _MAX_BYLINE_WORDS)) > _MAX_BYLINE_WORDS:  # more words than that
        return None
    names: list[str] = []
    had_affiliation = False
    for raw_chunk in _name_chunks(text):
        chunk = raw_chunk.strip(" .")
        if not chunk:
            continue
        name, peeled = peel_affiliation(chunk)
        had_affiliation = had_affiliation or peeled
        if not name:
            continue
        if _is_byline_name(name):
            names.append(name)
        elif names:
            break
        else:
            return None
    return Byline(names, had_affiliation)


def _is_byline_name(name: str) -> bool:
    """looks_like_person, with a capitalised first word taken as a given name even when it
    is spelled like a surname particle (GIVEN_NAME_PARTICLES: `Van Sias`, `Al Griffin`):
    credits count particles out of a name's words, which refuses such two-word names."""
    if looks_like_person(name):
        return True
    first, _, rest = name.partition(" ")
    return (
        bool(rest)
        and first.istitle()
        and first.casefold() in GIVEN_NAME_PARTICLES
        and looks_like_person(f"Name {rest}")
        and not is_known_agency(name)
    )


def _name_chunks(text: str) -> list[str]:
    """_NAME_SEPARATOR.split(text); a line without any separator's character or `and`
    (most lines asked) is one chunk, without the slow scan for `\band\b`."""
    if (
        "," not in text
        and ";" not in text
        and "|" not in text
        and "&" not in text
        and "and" not in text.lower()  # (no other character lowers to "a", "n" or "d")
    ):
        return [text]
    return _NAME_SEPARATOR.split(text)


def may_be_byline(line: str) -> bool:
    """False only when parse_byline(line) is certainly None (it needs the `By` opening).

    The first-letter test spares most lines the match.
    """
    return line[:1] in _BY_PREFIX_FIRST and BY_PREFIX.match(line) is not None


def parse_byline(line: str) -> list[str] | None:
    """Author names of a `By ...` line in printed order; [] for `By The Associated Press`.

    Returns None when the line is not a byline (`By the end of the year, ...`).
    """
    m = BY_PREFIX.match(line)
    if not m:
        return None
    found = byline_names(line[m.end() :])
    return None if found is None else found.names


def parse_bare_byline(line: str) -> list[str] | None:
    """Names of a header line without `By` but with an affiliation: `Jane Doe, Associated Press`."""
    return header_byline_names(line)[0]


def header_byline_names(line: str) -> tuple[list[str] | None, list[str] | None]:
    """(parse_bare_byline(line), names_only(line)), splitting the line into names once."""
    found = byline_names(line)
    if BY_PREFIX.match(line):
        bare = parse_byline(line)
    elif found is None or not found.names or not found.had_affiliation:
        bare = None
    else:
        bare = found.names
    return bare, _names_only(line, found)


def _stays(token: str) -> bool:
    """A word (not "") that peel_affiliation keeps: not dropped as an address or URL, and
    not one that it can peel."""
    return bool(token) and "@" not in token and "://" not in token and not _is_peelable(token)


def is_affiliation_only(line: str) -> bool:
    """A line that is only an agency and/or job title: `Associated Press`, `Staff Writer`.

    Every word must be peeled: when the last or the first one stays, a name remains, and
    the line is refused without splitting and peeling it (prose ending in `the news.`).
    """
    stripped = line.strip(" ,.")
    if _stays(stripped.rsplit(None, 1)[-1] if stripped else ""):
        return False
    if _stays(stripped.split(None, 1)[0] if stripped else ""):
        return False
    name, peeled = peel_affiliation(stripped)
    return peeled and not name


def names_only(line: str) -> list[str] | None:
    """Names of a line made only of personal names (`Jane Doe and John Roe`), else None."""
    return _names_only(line, byline_names(line))


def _names_only(line: str, found: Byline | None) -> list[str] | None:
    """names_only(line), given byline_names(line)."""
    if found is None or not found.names or found.had_affiliation:
        return None
    if len(line.split()) > 4 * len(found.names) + 1:
        return None
    return found.names
