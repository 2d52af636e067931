"""The text of one generated dump: page layout, bylines, timestamps, captions, body.

Part of the corpus generator (bench/make_corpus.py, the entry point). It exists
because laying out a realistic page in every variant of DATA-CONTRACT §1.1 is
the largest part of the generator.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from corpus_shape import AP_SYNDICATORS, START_DATE, Head
from corpus_titles import Pools, cap, make_object, make_tail, person, place_name
from corpus_words import (
    AP_MONTHS,
    CAPTION_ACTIONS,
    CAPTION_GROUPS,
    CATEGORY_DRAW,
    HANDOUT_ORGS,
    HUB_TOPICS,
    LINK_DOMAINS,
    LINK_PATHS,
    MONTHS,
    OCCUPATIONS,
    OUTCOMES,
    PLACES,
    POOL_AGENCIES,
    REC_HEADING_WEIGHTS,
    REC_HEADINGS,
    ROLES,
    SLUG_SEPARATORS,
    STRAIGHT_QUOTES,
    URL_SENTENCES,
    WEEKDAYS,
)

# ---------------------------------------------------------------------------
# Article text


def target_size(rng: random.Random) -> int:
    """Characters to aim for: mostly 4-8 KB, a tail up to ~14 KB, a few near 3 KB."""
    r = rng.random()
    if r < 0.72:
        return rng.randint(4200, 7800)
    if r < 0.84:
        return rng.randint(3300, 4200)
    return 8000 + int(5600 * rng.random() ** 2)


def is_dst(d: date) -> bool:
    return date(d.year, 3, 10) <= d < date(d.year, 11, 3)


def ap_date(d: date) -> str:
    """`Sept. 5, 2025`, the AP style used in captions."""
    return f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}"


def clock12(t: datetime) -> tuple[int, str]:
    return (t.hour % 12 or 12), ("AM" if t.hour < 12 else "PM")


def timestamp_lines(rng: random.Random, publisher: str, day: date) -> list[str]:
    """Published/updated lines in one of the four printed forms, or none."""
    if rng.random() < 0.18:
        return []
    tz = "EDT" if is_dst(day) else "EST"
    published = datetime(day.year, day.month, day.day, rng.randint(0, 19), rng.randint(0, 59))
    form = {"Los Angeles Times": 2, "UPI": 3}.get(publisher, 1)
    if publisher == "Reuters" and rng.random() < 0.4:
        form = 2
    h, ampm = clock12(published)
    if form == 2:
        meridiem = "a.m." if ampm == "AM" else "p.m."
        return [
            f"{MONTHS[day.month - 1]} {day.day}, {day.year} at {h}:{published.minute:02d} "
            f"{meridiem} {tz}"
        ]
    if form == 3:
        return [f"{day.month:02d}/{day.day:02d}/{day.year} {h:02d}:{published.minute:02d} {ampm}"]
    updated = published + timedelta(minutes=rng.randint(5, 240))
    uh, uampm = clock12(updated)
    pub_line = (
        f"Published {h}:{published.minute:02d} {ampm} {tz}, "
        f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    )
    upd_line = (
        f"Updated {uh}:{updated.minute:02d} {uampm} {tz}, "
        f"{MONTHS[updated.month - 1]} {updated.day}, {updated.year}"
    )
    r = rng.random()
    if r < 0.4:
        return [pub_line, upd_line]
    if r < 0.7:
        return [upd_line]
    return [pub_line]


def byline(rng: random.Random, publisher: str) -> str | None:
    """One of the four byline forms of contract §1.1, or None."""
    if rng.random() < 0.22:
        return None
    names = [person(rng)] + ([person(rng)] if rng.random() < 0.25 else [])
    joined = " and ".join(names)
    if publisher in ("Reuters", "UPI"):
        return f"By {joined}" if rng.random() < 0.6 else f"Story by {names[0]}"
    r = rng.random()
    if r < 0.35:
        return f"By {joined.upper()}".replace(" AND ", " and ")
    if r < 0.55:
        return f"By {names[0]}, Associated Press"
    if r < 0.8:
        return f"Story by {names[0]}"
    return f"By {names[0].upper()} Associated Press"


def dateline_prefix(rng: random.Random, publisher: str) -> str:
    """`KYIV, Ukraine (AP) — `, `WASHINGTON (Reuters) - `, `LOS ANGELES — ` or nothing."""
    if rng.random() < 0.3:
        return ""
    city, region = rng.choice(PLACES)
    where = f"{city}, {region}" if region else city
    if publisher == "Reuters":
        return f"{where} (Reuters) - "
    if publisher == "AP News" or (publisher in AP_SYNDICATORS and rng.random() < 0.5):
        return f"{where} (AP) — "
    return f"{where} — "


def photo_credit(rng: random.Random, publisher: str, handout: bool, file_photo: bool) -> str:
    """A credit as printed, without parentheses."""
    if handout:
        org = rng.choice(HANDOUT_ORGS)
        return f"{person(rng)}/{org} via AP" if rng.random() < 0.5 else f"{org} via AP"
    if publisher == "Reuters":
        return "Reuters" if rng.random() < 0.5 else f"{person(rng)}/Reuters"
    r = rng.random() if publisher == "AP News" else rng.random() * 1.25
    if r < 0.6:
        return f"AP Photo/{person(rng)}" + (", File" if file_photo else "")
    if r < 0.7:
        return "AP Photo"
    if r < 0.8:
        agency = rng.choice(POOL_AGENCIES)
        return f"{person(rng)}, {agency}, Kremlin Pool Photo via AP"
    if r < 1.0:
        return f"Photo by {person(rng)}/Getty Images"
    if r < 1.12:
        return f"{person(rng)}/Reuters"
    return "Reuters"


def caption(rng: random.Random, publisher: str, day: date) -> str:
    """A caption closed by its credit, in parentheses or on its own line."""
    r = rng.random()
    file_photo, handout = r < 0.12, 0.12 <= r < 0.24
    if rng.random() < 0.75:
        who = f"{cap(rng.choice(ROLES))} {person(rng)}" if rng.random() < 0.5 else person(rng)
        what = f"{who} {rng.choice(CAPTION_ACTIONS)}"
    else:
        what = rng.choice(CAPTION_GROUPS)
    shot = day - timedelta(days=rng.randint(200, 2000) if file_photo else rng.randint(0, 1))
    place = place_name(rng.choice(PLACES))
    if rng.random() < 0.8:
        text = f"{what} in {place}, {WEEKDAYS[shot.weekday()]}, {ap_date(shot)}."
    else:
        text = f"{what} in {place}."
    if file_photo:
        text = f"FILE - {text}"
    elif handout:
        org = rng.choice(HANDOUT_ORGS)
        text = (
            f"In this photo released by the {org}, {text}"
            if rng.random() < 0.5
            else f"In this handout photo provided by {org}, {text}"
        )
    credit = photo_credit(rng, publisher, handout, file_photo)
    if credit.endswith("/Reuters") and rng.random() < 0.8:
        return f"{text}\n{credit}"
    if rng.random() < 0.05:
        return f"{text} ( {credit})"
    return f"{text} ({credit})"


def footer_lines(rng: random.Random, publisher: str) -> list[str]:
    """Lines after `___`: contributors, hub links, other links; empty when no footer."""
    if publisher == "Reuters":
        if rng.random() < 0.3:
            return [
                f"Reporting by {person(rng)} in {rng.choice(PLACES)[0].title()}; "
                f"Editing by {person(rng)}"
            ]
        return []
    if rng.random() > (0.65 if publisher == "AP News" else 0.25):
        return []
    lines = []
    if rng.random() < 0.6:
        if rng.random() < 0.5:
            lines.append(
                f"Associated Press writer {person(rng)} in "
                f"{place_name(rng.choice(PLACES))} contributed to this report."
            )
        else:
            first, second = rng.choice(PLACES)[0].title(), rng.choice(PLACES)[0].title()
            lines.append(
                f"Associated Press writers {person(rng)} in {first} and "
                f"{person(rng)} in {second} contributed."
            )
    if rng.random() < 0.6:
        topic, slug = rng.choice(HUB_TOPICS)
        lines.append(f"Follow the AP’s coverage of {topic} at https://apnews.com/hub/{slug}")
    if rng.random() < 0.2:
        lines.append(
            f"Read more of AP’s coverage: https://apnews.com/article/{rng.getrandbits(64):016x}"
        )
    return lines or [
        f"This story has been corrected to show that {person(rng)} is a {rng.choice(OCCUPATIONS)}."
    ]


def recommendations(rng: random.Random, pools: Pools, min_cards: int = 0) -> str | None:
    """A heading and 3-15 cards laid out like the sample (category line runs into the next card)."""
    if min_cards == 0 and rng.random() < 0.15:
        return None
    heading = rng.choices(REC_HEADINGS, REC_HEADING_WEIGHTS)[0]
    count = rng.randint(max(3, min_cards), 15)
    repeat = rng.random()  # < 0.7 always, < 0.85 never, else per card
    with_category = rng.random()  # < 0.75 always, < 0.9 never, else per card
    cards = rng.choices(pools.cards, k=count)
    categories = rng.choices(CATEGORY_DRAW, k=count)
    parts: list[str] = []
    for (title, publisher), category in zip(cards, categories, strict=True):
        card = f"{title}\n{publisher}"
        if repeat < 0.7 or (repeat >= 0.85 and rng.random() < 0.5):
            card += f"\n\n{title}"
        if with_category < 0.75 or (with_category >= 0.9 and rng.random() < 0.5):
            card += f"\n\n{category}\n"
        else:
            card += "\n\n"
        parts.append(card)
    return f"{heading}\n\n" + "".join(parts).rstrip("\n")


def body_paragraphs(
    rng: random.Random, pools: Pools, head: Head, day: date, budget: int
) -> list[str]:
    """Lead paragraph (with dateline) plus pool paragraphs until `budget` characters."""
    lead = (
        f"{dateline_prefix(rng, head.publisher)}{head.subject} said {WEEKDAYS[day.weekday()]} "
        f"that the {make_object(rng)} {rng.choice(OUTCOMES)}{make_tail(rng)}."
    )
    paras = [lead]
    size = len(lead)
    # One bulk draw (a few paragraphs too many), then keep what the budget needs.
    drawn = rng.choices(pools.paragraphs, k=max(budget, 0) // pools.paragraph_chars + 6)
    for para in drawn:
        if size >= budget and len(paras) >= 3:
            break
        paras.append(para)
        size += len(para) + 2
    while size < budget or len(paras) < 3:  # an unlucky draw of short paragraphs
        para = rng.choice(pools.paragraphs)
        paras.append(para)
        size += len(para) + 2
    if rng.random() < 0.08:
        template = rng.choice(URL_SENTENCES)
        slug = slugify(make_object(rng))
        url_line = template.format(
            DOM=rng.choice(LINK_DOMAINS),
            LP=rng.choice(LINK_PATHS),
            SLUG=slug,
            D=rng.choice(WEEKDAYS),
        )
        paras.insert(rng.randint(1, len(paras) - 1), url_line)
    return paras


def article_text(rng: random.Random, pools: Pools, head: Head) -> str:
    """A whole dump in the layout of contract §1.1, sized to a realistic page."""
    day = START_DATE + timedelta(days=head.day)
    title, publisher = head.title, head.publisher
    top = [f"{title}\n{publisher}"]
    if rng.random() < 0.85:
        top.append(title)
    if rng.random() < 0.8:
        dek = (
            f"{head.subject} {rng.choice(('says', 'said', 'warns', 'argues'))} the "
            f"{make_object(rng)} {rng.choice(OUTCOMES)}"
        )
        top.append(dek + ("." if rng.random() < 0.4 else ""))
    n_captions = rng.choices((0, 1, 2, 3, 4, 5), (0.12, 0.3, 0.25, 0.17, 0.1, 0.06))[0]
    captions = [caption(rng, publisher, day) for _ in range(n_captions)]
    where = [rng.choices(("before", "inside", "after"), (0.5, 0.3, 0.2))[0] for _ in captions]
    lead_caps = [c for c, w in zip(captions, where, strict=True) if w == "before"]
    header = [b for b in (byline(rng, publisher),) if b]
    stamps = timestamp_lines(rng, publisher, day)
    if stamps:
        header += ["\n".join(stamps)] if rng.random() < 0.5 else stamps
    top += header + lead_caps if rng.random() < 0.5 else lead_caps + header
    bottom: list[str] = []
    footer = footer_lines(rng, publisher)
    if footer:
        bottom += ["___", *footer]
    bottom += [c for c, w in zip(captions, where, strict=True) if w == "after"]
    recs = recommendations(rng, pools)
    if recs:
        bottom.append(recs)
    inside = [c for c, w in zip(captions, where, strict=True) if w == "inside"]
    fixed = sum(len(b) + 2 for b in top + bottom + inside)
    paras = body_paragraphs(rng, pools, head, day, target_size(rng) - fixed)
    for c in inside:
        paras.insert(rng.randint(1, len(paras)), c)
    blocks = top + paras + bottom
    for i in rng.sample(range(len(blocks) - 1), len(blocks) // 10):
        blocks[i] += "\n"  # two blank lines instead of one, as after the sample's lead caption
    text = "\n\n".join(blocks) + ("\n" if rng.random() < 0.5 else "")
    if rng.random() < 0.2:
        text = replaced(text, STRAIGHT_QUOTES)
    return text


def replaced(text: str, pairs: Iterable[tuple[str, str]]) -> str:
    """Character substitution; chained str.replace is ~50x faster than str.translate here."""
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def slugify(text: str) -> str:
    slug = SLUG_SEPARATORS.sub("-", text.lower()).strip("-")[:60].rstrip("-")
    return slug or "page"
