"""Word lists the parser recognises: agencies, publishers, job titles, card categories.

Kept in one module so that widening coverage for a new publisher is a data change,
not a code change. Every entry is casefolded; compare with `key(text)`.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Casefolded, whitespace-collapsed form used for all vocabulary look-ups."""
    return " ".join(text.split()).casefold()


# The only characters other than ASCII letters that re.IGNORECASE matches to an ASCII
# letter: İ and ı (i), ſ (s), the Kelvin sign K (k). Found by trying every code point.
IGNORECASE_ALIASES = "\u0130\u0131\u017f\u212a"
_ALIAS_TO_ASCII = str.maketrans(dict(zip(IGNORECASE_ALIASES, "iisk", strict=True)))


def has_ignorecase_alias(text: str) -> bool:
    """True when text holds a non-ASCII character that re.IGNORECASE equates with an ASCII one."""
    if text.isascii():
        return False
    # The four of IGNORECASE_ALIASES, one substring search each: ten times faster than
    # one character-class regex scan (test_parser_fast_path checks they are the same four).
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


def fold_hint(text: str) -> str:
    """Lower case in which every ASCII word that a re.IGNORECASE pattern finds is found by `in`.

    Lets a substring test rule a line out before a slower regex runs, without
    ever ruling out a line the regex would have matched.
    """
    if has_ignorecase_alias(text):
        text = text.translate(_ALIAS_TO_ASCII)
    return text.lower()


def hinted_search(
    pattern: re.Pattern[str], hints: tuple[str, ...], text: str, hint: str | None = None
) -> bool:
    """pattern.search(text), skipped when fold_hint(text) holds none of `hints`.

    For case-insensitive patterns with no literal for the regex engine to skip to
    (slow on long text): `hints` must hold a word of every possible match.
    `hint`: fold_hint(text), when the caller has it already.
    """
    if hint is None:
        hint = fold_hint(text)
    for word in hints:  # (a loop, not any() over a generator: cheaper for a few words)
        if word in hint:
            return pattern.search(text) is not None
    return False


# fold_hint, cached for short lines that several checks fold (the plain-prose shortcut
# folds each body paragraph once, uncached: they seldom recur).
hint_text = lru_cache(maxsize=8192)(fold_hint)


# News and photo agencies that appear in credits, bylines and datelines.
AGENCIES: frozenset[str] = frozenset(
    {
        "ap",
        "ap news",
        "associated press",
        "the associated press",
        "reuters",
        "thomson reuters",
        "upi",
        "united press international",
        "afp",
        "agence france-presse",
        "getty images",
        "getty",
        "usa today",
        "usa today network",
        "usa today sports",
        "imagn images",
        "imagn",
        "los angeles times",
        "the los angeles times",
        "cbs news",
        "cbs",
        "cnn",
        "nbc news",
        "abc news",
        "fox news",
        "epa",
        "epa-efe",
        "efe",
        "xinhua",
        "anadolu",
        "anadolu agency",
        "sputnik",
        "tass",
        "bloomberg",
        "bloomberg news",
        "kyodo",
        "kyodo news",
        "yonhap",
        "dpa",
        "ansa",
        "pa",
        "pa wire",
        "sipa",
        "nurphoto",
        "shutterstock",
        "alamy",
        "zuma press",
        "the new york times",
        "new york times",
        "the washington post",
        "washington post",
        "the wall street journal",
        "wall street journal",
        "npr",
        "politico",
        "the hill",
        "axios",
        "bbc",
        "bbc news",
        "al jazeera",
        "nasa",
    }
)

# Stock-photo libraries, which captions name as the credit closing their last sentence
# ("... on an angle. Jane Doe / Depositphotos."), besides the news agencies of
# AGENCIES. Casefolded.
STOCK_LIBRARIES: frozenset[str] = frozenset(
    {"depositphotos", "pixabay", "pexels", "unsplash", "istock", "istockphoto", "adobe stock",
     "dreamstime", "alamy", "shutterstock", "getty images", "getty"}
)  # fmt: skip

# Publisher names printed under titles (header and recommendation cards).
PUBLISHERS: frozenset[str] = AGENCIES | frozenset(
    {
        "ap news",
        "los angeles times",
        "usa today",
        "cbs news",
        "nbc news",
        "abc news",
        "cnn",
        "fox news",
        "newsweek",
        "the independent",
        "the guardian",
        "yahoo news",
        "huffpost",
        "business insider",
        "cnbc",
        "forbes",
        "time",
        "the atlantic",
        "sky news",
        "daily mail",
        "people",
        "variety",
        "deadline",
        "the daily beast",
        "espn",
        "sporting news",
        "chicago tribune",
        "new york post",
        "miami herald",
        "the telegraph",
        "financial times",
        "the economist",
        "marketwatch",
        "thestreet",
        "investopedia",
        "the verge",
        "wired",
        "vox",
        "slate",
        "salon",
        "the conversation",
    }
)

# Tokens that mark a name as an organisation rather than a person.
ORG_WORDS: frozenset[str] = frozenset(
    {
        "images",
        "image",
        "press",
        "photo",
        "photos",
        "pool",
        "news",
        "times",
        "today",
        "agency",
        "office",
        "ministry",
        "service",
        "services",
        "foundation",
        "network",
        "handout",
        "government",
        "department",
        "police",
        "army",
        "forces",
        "military",
        "museum",
        "university",
        "studios",
        "studio",
        "pictures",
        "television",
        "tv",
        "media",
        "group",
        "council",
        "committee",
        "administration",
        "house",
        "center",
        "centre",
        "institute",
        "association",
        "company",
        "corp",
        "corporation",
        "inc",
        "inc.",
        "ltd",
        "llc",
        "archive",
        "archives",
        "library",
        "collection",
        "courtesy",
        "navy",
        "guard",
        "command",
        "embassy",
        "presidency",
        "kremlin",
        "sports",
        "entertainment",
        "records",
        "films",
        "channel",
        "post",
        "journal",
        "herald",
        "tribune",
        "gazette",
        "wire",
        "staff",
        "reuters",
        "afp",
        "ap",
        "upi",
        "epa",
        "efe",
        "epa-efe",
        "getty",
        "shutterstock",
        "imagn",
        "sputnik",
        "xinhua",
        "tass",
        "nasa",
        "family",
        "the",
    }
)

# Surname particles that also stand as given names at the start of a name ("Van Sias",
# "Al Griffin", "Del Shannon"): there they count as a name's word.
GIVEN_NAME_PARTICLES: frozenset[str] = frozenset({"van", "al", "del"})

# Byline job titles ("Associated Press Writer", "Staff Writer").
JOB_WORDS: frozenset[str] = frozenset(
    {
        "writer",
        "writers",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "editor",
        "editors",
        "contributor",
        "contributors",
        "columnist",
        "columnists",
        "producer",
        "producers",
        "photographer",
        "photographers",
        "analyst",
        "critic",
        "intern",
        "staff",
    }
)

# Words that qualify a job title ("AP Business Writer", "Senior Correspondent").
JOB_QUALIFIERS: frozenset[str] = frozenset(
    {
        "senior",
        "chief",
        "staff",
        "special",
        "contributing",
        "national",
        "international",
        "foreign",
        "global",
        "political",
        "politics",
        "business",
        "economics",
        "science",
        "medical",
        "health",
        "sports",
        "entertainment",
        "technology",
        "tech",
        "legal",
        "diplomatic",
        "investigative",
        "data",
        "travel",
        "food",
        "climate",
        "environment",
        "environmental",
        "education",
        "religion",
        "courts",
        "congressional",
        "white",
        "house",
        "world",
        "news",
        "associate",
        "managing",
        "deputy",
        "assistant",
        "digital",
        "breaking",
        "general",
        "assignment",
        "film",
        "music",
        "television",
        "tv",
        "video",
        "audio",
        "opinion",
        "money",
        "personal",
        "finance",
        "markets",
        "energy",
        "immigration",
        "security",
        "defense",
        "military",
        "labor",
        "retail",
        "autos",
        "aviation",
        "transportation",
        "public",
        "the",
    }
)

# Section labels a page prints right before a headline, which a capture glues on:
# "Opinion The cartoons that ...". Casefolded. (Only labels that do not open a headline
# as its own noun in sentence case: "Health officials warn" keeps its first word.)
HEADLINE_KICKERS: frozenset[str] = frozenset(
    {"opinion", "analysis", "editorial", "commentary", "perspective", "explainer",
     "sponsored", "advertorial"}
)  # fmt: skip
# Media tags closing a headline: "... from 19 million miles away (video)". Casefolded.
HEADLINE_MEDIA_TAGS: frozenset[str] = frozenset(
    {"video", "videos", "photo", "photos", "gallery", "photo gallery", "watch", "audio",
     "podcast", "listen", "interactive", "graphic", "graphics", "map", "live"}
)  # fmt: skip

# Recommendation card categories (the line under a card).
CATEGORIES: frozenset[str] = frozenset(
    {
        "news",
        "sports",
        "sport",
        "entertainment",
        "money",
        "lifestyle",
        "video",
        "videos",
        "health",
        "travel",
        "weather",
        "politics",
        "world",
        "us",
        "u.s.",
        "business",
        "finance",
        "technology",
        "tech",
        "science",
        "opinion",
        "autos",
        "food",
        "crime",
        "local",
        "shopping",
        "markets",
        "movies",
        "tv",
        "music",
        "celebrity",
        "style",
        "wellness",
        "fitness",
        "culture",
        "education",
        "climate",
        "nation",
        "national",
        "international",
        "world news",
        "us news",
        "real estate",
        "personal finance",
        "u.s. news",
        "justice",
        "environment",
        "space",
        "outdoors",
        "pets",
        "parenting",
        "relationships",
        "cars",
        "gaming",
        "football",
        "soccer",
        "baseball",
        "basketball",
        "tennis",
        "golf",
        "nfl",
        "nba",
        "mlb",
        "nhl",
        "college football",
        "olympics",
        "economy",
        "elections",
        "immigration",
        "military",
        "religion",
        "arts",
        "books",
        "television",
        "food & drink",
        "home & garden",
    }
)

# Headings that open a recommendations block (whole line, case-insensitive).
REC_HEADINGS: frozenset[str] = frozenset(
    {
        "recommended for you",
        "recommended",
        "recommended stories",
        "recommended articles",
        "recommended reading",
        "more for you",
        "related",
        "related stories",
        "related articles",
        "related coverage",
        "related content",
        "related news",
        "read more",
        "read next",
        "more stories",
        "more news",
        "you may also like",
        "you might also like",
        "up next",
    }
)

# Page furniture lines that are never article text.
CHROME_LINES: frozenset[str] = frozenset(
    {
        "advertisement",
        "ad",
        "sponsored",
        "story continues below advertisement",
        "article continues below advertisement",
        "article continues after advertisement",
        "continue reading",
        "listen to this article",
        "share",
        "share this article",
        "copy link",
        "link copied",
        "skip to main content",
        "show comments",
        "comments",
        "print",
        "email",
        "facebook",
        "twitter",
        "linkedin",
        "whatsapp",
        "reddit",
        "flipboard",
        "pinterest",
        "add topic",
        "follow",
        "sign up",
        "subscribe",
        "save",
        "gift article",
        "view comments",
        "view gallery",
        "enlarge",
        "enlarge this image",
        "toggle caption",
        "hide caption",
        "photo",
        "video",
        "audio",
    }
)
