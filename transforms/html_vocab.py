"""Class-name and text vocabulary of the HTML figure and link readers, kept apart from logic.

Every entry is a lower-case substring looked for in an element's `class` and `id`
attributes (joined, lower-cased), or a casefolded text. Widening coverage for a new
house style is a data change here, never a code change in html_figures / html_links.
None of these names a site: they are the words page templates in general use.
"""

from __future__ import annotations

# Elements whose whole subtree is never article content for figures or links.
CHROME_TAGS: frozenset[str] = frozenset({"nav", "aside", "footer"})

# class/id substrings of blocks around the article that are not the article: lists of other
# stories, teasers, newsletter sign-ups, sidebars.
OFF_ARTICLE_CLASSES: tuple[str, ...] = (
    "related", "recommend", "teaser", "promo", "newsletter", "sidebar",
)  # fmt: skip

# class substrings of a caption element (outside or inside a figure).
CAPTION_CLASSES: tuple[str, ...] = ("caption", "cutline", "legend")
# itemprop values of a caption element.
CAPTION_ITEMPROPS: frozenset[str] = frozenset({"caption", "description"})

# class substrings of a credit element inside a photo unit.
CREDIT_CLASSES: tuple[str, ...] = (
    "credit", "byline", "source", "copyright", "photographer", "owner", "courtesy",
    "attribution",
)  # fmt: skip
# class substrings of a credit element standing alone next to an image (outside a figure):
# narrower than CREDIT_CLASSES, since `byline` or `source` outside a figure is the article's.
LONE_CREDIT_CLASSES: tuple[str, ...] = (
    "credit",
    "copyright",
    "photographer",
    "courtesy",
    "attribution",
)
# itemprop values of a credit element.
CREDIT_ITEMPROPS: frozenset[str] = frozenset({"copyrightholder", "credittext", "author"})
# Tags whose text is a credit inside a photo unit.
CREDIT_TAGS: frozenset[str] = frozenset({"cite"})

# Tags whose text is never caption text (scripts, controls, vector icons).
SKIP_TEXT_TAGS: frozenset[str] = frozenset(
    {"script", "style", "template", "button", "svg", "noscript", "select", "option", "iframe",
     "video", "audio", "object"}
)  # fmt: skip

# class substrings of figures that are not photos: pull quotes, embedded posts, players,
# author portraits, advertising.
NOT_PHOTO_CLASSES: tuple[str, ...] = (
    "quote", "tweet", "twitter", "instagram", "tiktok", "facebook", "social",
    "video", "player", "podcast", "audio", "author", "avatar", "advert", "sponsor",
)  # fmt: skip
# Tags inside a figure that make it an embedded post or a player, not a photo.
NOT_PHOTO_TAGS: frozenset[str] = frozenset({"blockquote", "iframe", "video", "audio", "table"})

# ---- links ---------------------------------------------------------------------------

# class/id substrings of a block listing other stories (its links are `recommended`).
RELATED_CLASSES: tuple[str, ...] = (
    "related", "recommend", "read-more", "readmore", "more-from", "morefrom", "more-stories",
    "also-read", "read-next", "readnext", "further-reading", "more-on",
)  # fmt: skip
# class/id substrings of blocks whose links are never related links.
NOT_LINK_CLASSES: tuple[str, ...] = (
    "share", "social", "comment", "author", "byline", "profile", "tag", "topic-list",
    "advert", "sponsor", "newsletter", "breadcrumb", "menu", "navbar", "subscribe", "login",
    "cookie", "consent", "paywall", "footer", "masthead",
)  # fmt: skip
# Tags whose links are page navigation, never related links.
NOT_LINK_TAGS: frozenset[str] = frozenset({"nav", "footer", "header", "form", "button"})
# class substrings of the label of a card that names its section.
CATEGORY_CLASSES: tuple[str, ...] = (
    "category", "kicker", "eyebrow", "section", "label", "rubric", "overline", "topic",
)  # fmt: skip
# class substrings of the label of a card that names its publisher.
PUBLISHER_CLASSES: tuple[str, ...] = ("publisher", "source", "brand", "site-name", "provider")

# Headings (whole text, casefolded, a trailing colon dropped) that open a list of related
# stories; "more from <section>" is matched by pattern in html_links.
RELATED_HEADINGS: frozenset[str] = frozenset(
    {
        "related", "related stories", "related articles", "related coverage", "related content",
        "related news", "related posts", "related links", "related reading", "recommended",
        "recommended for you", "recommended stories", "recommended articles",
        "recommended reading", "read more", "read next", "read also", "also read", "see also",
        "more stories", "more news", "more coverage", "more for you", "more to read",
        "you may also like", "you might also like", "further reading", "what to read next",
        "editor's picks", "editors' picks", "up next",
    }
)  # fmt: skip
