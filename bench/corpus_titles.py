"""Per-seed text pools, headlines and the identity (head) of each generated article.

Part of the corpus generator (bench/make_corpus.py, the entry point). It exists
so that what every dump shares and is drawn first (pools of sentences,
paragraphs and recommendation cards built once per seed; the headline, publisher,
day and encoding of file `index`) sits apart from the layout of the page body
(corpus_text.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from corpus_shape import (
    CARD_POOL,
    ENCODING_WEIGHTS,
    ENCODINGS,
    PARAGRAPH_POOL,
    PUBLISHER_NAMES,
    PUBLISHER_WEIGHTS,
    SENTENCE_POOL,
    Config,
    Head,
    file_rng,
)
from corpus_words import (
    ADJECTIVES,
    BEATS,
    CASUALTIES,
    DISASTERS,
    EVENTS,
    FIRST,
    GROUPS,
    HITS,
    ISSUES,
    LAST,
    MONTHS,
    NOUNS,
    OCCUPATIONS,
    ORDINALS,
    ORGS,
    PLACES,
    QUOTES,
    ROLES,
    SENTENCE_TEMPLATES,
    SHORT_QUOTES,
    SPORTS_TAILS,
    STATES,
    TEAMS,
    VERBS,
    WEEKDAYS,
)

# ---------------------------------------------------------------------------
# Pools that depend on the seed (built once per process and seed)


@dataclass(frozen=True, slots=True)
class Pools:
    """Text drawn whole per dump: picking finished paragraphs is what keeps generation fast."""

    sentences: tuple[str, ...]
    paragraphs: tuple[str, ...]  # 1-3 sentences each
    paragraph_chars: int  # mean length of a paragraph
    cards: tuple[tuple[str, str], ...]  # (title, publisher) of recommendation cards


@lru_cache(maxsize=4)
def seeded_pools(seed: int) -> Pools:
    rng = random.Random(f"pools/{seed}")
    sentences = tuple(
        fill_sentence(rng, rng.choice(SENTENCE_TEMPLATES)) for _ in range(SENTENCE_POOL)
    )
    sizes = rng.choices((1, 2, 3), (0.35, 0.5, 0.15), k=PARAGRAPH_POOL)
    paragraphs = tuple(" ".join(rng.choices(sentences, k=k)) for k in sizes)
    cards = tuple(
        (make_title(rng)[0], rng.choices(PUBLISHER_NAMES, PUBLISHER_WEIGHTS)[0])
        for _ in range(CARD_POOL)
    )
    mean = sum(map(len, paragraphs)) // len(paragraphs)
    return Pools(sentences, paragraphs, mean, cards)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def place_name(place: tuple[str, str]) -> str:
    """`("KYIV", "Ukraine")` -> `Kyiv, Ukraine` as written in running text."""
    city, region = place
    return f"{city.title()}, {region}" if region else city.title()


def fill_sentence(rng: random.Random, template: str) -> str:
    org = rng.choice(ORGS)
    group = rng.choice(GROUPS)
    team = rng.choice(TEAMS)
    votes = rng.randint(20, 90)
    return fill(
        template,
        P=person(rng),
        L=rng.choice(LAST),
        O=org,
        O_=cap(org),
        G=group,
        G_=cap(group),
        C=place_name(rng.choice(PLACES)),
        ST=rng.choice(STATES),
        D=rng.choice(WEEKDAYS),
        M=rng.choice(MONTHS),
        T=f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        Q=rng.choice(QUOTES),
        SQ=rng.choice(SHORT_QUOTES),
        E=rng.choice(EVENTS),
        I=rng.choice(ISSUES),
        N=rng.randint(2, 12),
        N2=rng.randint(20, 900),
        N3=rng.randint(10, 40),
        N4=f"{rng.randint(1, 90) * 100:,}",
        PCT=rng.randint(3, 78),
        V1=votes + rng.randint(1, 20),
        V2=votes,
        DEG=rng.randint(95, 118),
        TEAM_=cap(team),
        AGE=rng.randint(19, 88),
        YEAR=rng.randint(1998, 2023),
        OCC=rng.choice(OCCUPATIONS),
        ORD=rng.choice(ORDINALS),
    )


def fill(template: str, **slots: object) -> str:
    """Format, then drop the doubled period after an abbreviation (`Fla..`)."""
    return template.format(**slots).replace("..", ".")


# ---------------------------------------------------------------------------
# Titles


def make_subject(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return person(rng)
    if r < 0.65:
        return f"{rng.choice(ROLES)} {rng.choice(LAST)}"
    if r < 0.8:
        return rng.choice(ORGS)
    return f"{rng.choice(STATES)} {rng.choice(GROUPS)}"


def make_object(rng: random.Random) -> str:
    return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"


def make_tail(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:
        return ""
    if r < 0.45:
        return f" after {rng.choice(EVENTS)}"
    if r < 0.65:
        return f" amid {rng.choice(ISSUES)}"
    if r < 0.8:
        return f" in {place_name(rng.choice(PLACES))}"
    if r < 0.9:
        return f" ahead of {rng.choice(EVENTS)}"
    return f" despite {rng.choice(ISSUES)}"


def make_title(rng: random.Random) -> tuple[str, str]:
    """A headline and the subject the lead paragraph can reuse."""
    r = rng.random()
    subject = make_subject(rng)
    if r < 0.55:
        title = f"{subject} {rng.choice(VERBS)} {make_object(rng)}{make_tail(rng)}"
    elif r < 0.67:
        rank = f"No. {rng.randint(1, 25)} " if rng.random() < 0.6 else ""
        win, lose = rng.randint(14, 70), rng.randint(0, 13)
        tail = rng.choice(SPORTS_TAILS) if rng.random() < 0.5 else f"behind {person(rng)}"
        subject = rng.choice(TEAMS)
        title = cap(f"{rank}{subject} {rng.choice(BEATS)} {rng.choice(TEAMS)} {win}-{lose} {tail}")
    elif r < 0.77:
        place = place_name(rng.choice(PLACES))
        title = (
            f"{rng.randint(2, 60)} {rng.choice(CASUALTIES)} as {rng.choice(DISASTERS)} "
            f"{rng.choice(HITS)} {place}{make_tail(rng) or ', officials say'}"
        )
        subject = f"Officials in {place}"
    elif r < 0.9:
        q = rng.choice(SHORT_QUOTES)
        q = f"‘{q}’" if rng.random() < 0.6 else f"'{q}'"
        title = f"{subject} calls {make_object(rng)} {q}{make_tail(rng)}"
    else:
        title = f"What to know as {subject} {rng.choice(VERBS)} {make_object(rng)}"
    return cap(title), cap(subject)


def article_head(cfg: Config, index: int) -> tuple[Head, random.Random]:
    """The identity of file `index`, and its stream positioned for the rest."""
    rng = file_rng(cfg.seed, index)
    publisher = rng.choices(PUBLISHER_NAMES, PUBLISHER_WEIGHTS)[0]
    day = rng.randrange(cfg.span_days)
    title, subject = make_title(rng)
    encoding = rng.choices(ENCODINGS, ENCODING_WEIGHTS)[0]
    return Head(publisher, day, title, subject, encoding), rng
