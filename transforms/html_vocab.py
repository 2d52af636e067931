"""Names the HTML metadata reader looks for, kept as data apart from the logic.

Nothing here names a site: these are the structured-data (JSON-LD and microdata) types,
the `<meta>` names and properties and the `itemprop`s that publishing systems in general
print. Every entry is lower case; compare with the lowered attribute value.
"""

from __future__ import annotations

# schema.org @types that describe one article (the JSON-LD object whose fields are read).
ARTICLE_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "scholarlyarticle",
        "techarticle",
        "advertisercontentarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
        "review",
        "criticreview",
        "medicalwebpage",
        "videoobject",
        "podcastepisode",
        "recipe",
        "howto",
    }
)
# Article types preferred over the rest when a page holds several objects (a page's
# NewsArticle beside a VideoObject or Recipe embedded in it).
PRIMARY_ARTICLE_TYPES: frozenset[str] = frozenset(
    t for t in ARTICLE_TYPES if t.endswith("article") or t.endswith("posting")
)
# Types of the object that points at the article (`mainEntity`) or that only frames it.
PAGE_TYPES: frozenset[str] = frozenset(
    {"webpage", "itempage", "collectionpage", "aboutpage", "searchresultspage", "profilepage"}
)
# Page types that declare a list of other pages, never an article: a section front, search
# results, an author's profile. (`ItemList` and `Product` are not among them: article pages
# carry them for their teaser lists and reviewed products.)
LISTING_TYPES: frozenset[str] = frozenset({"collectionpage", "searchresultspage", "profilepage"})
# schema.org @types of an author that is not a person.
ORGANIZATION_TYPES: frozenset[str] = frozenset(
    {"organization", "newsmediaorganization", "corporation", "brand", "website"}
)

# <meta> names / properties, best first, for each field.
META_TITLE: tuple[str, ...] = ("og:title", "twitter:title", "title", "dc.title", "headline")
META_AUTHOR: tuple[str, ...] = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "citation_author",
    "twitter:creator",
)
META_PUBLISHED: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "article.published",
    "citation_publication_date",
    "og:published_time",
    "release_date",
)
META_UPDATED: tuple[str, ...] = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "article.updated",
)
META_PUBLISHER: tuple[str, ...] = ("og:site_name", "application-name", "twitter:site")
META_SUMMARY: tuple[str, ...] = ("og:description", "description", "twitter:description")
META_TYPE: tuple[str, ...] = ("og:type",)
META_URL: tuple[str, ...] = ("og:url", "twitter:url")

# Separators between a headline and the site or section printed beside it in <title> and
# og:title (`Headline | Site`, `Site - Headline`, `Headline — Section — Site`).
TITLE_SEPARATORS: tuple[str, ...] = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")

# Words in the <meta> names that carry a date (`published_at`, `sailthru.date`,
# `article:modified_time`): their values are searched for a local rendering of a UTC time.
DATE_META_HINTS: tuple[str, ...] = ("date", "time", "publish", "modified", "updated")
# Words in the class of an element that prints the article's date (`article-date`,
# `post__published`): read when a page has no `<time>` element, or to tell which date it shows.
DATE_CLASS_HINTS: tuple[str, ...] = ("date", "publish", "posted", "timestamp", "byline")
# Words in the class of an element that prints the byline (`article-byline`, `author-name`).
BYLINE_CLASS_HINTS: tuple[str, ...] = ("byline", "uthor")  # (author, Author)
# Pieces of the address of an author's page, which links in bylines point to.
AUTHOR_HREF_HINTS: tuple[str, ...] = ("/author", "/writer/", "/staff/", "/bios/")
# Words that make an author value a desk or a company, not a person (`TMZ Staff`).
ORGANISATION_WORDS: frozenset[str] = frozenset(
    {"staff", "team", "desk", "editors", "newsroom", "redazione", "redaccion", "company"}
)


# ---- figures, related links and the article container (html_figures, html_links,
# html_container) ----------------------------------------------------------------------------
# Every entry below is a lower-case substring looked for in an element's `class` and `id`
# attributes (joined, lower-cased), or a casefolded text. Widening coverage for a new house
# style is a data change here, never a code change in the readers.

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
# itemprop values that make a caption only inside a figure: outside one, `description` is
# the article's dek (`<p itemprop=description>` under the headline), not a photo's caption.
FIGURE_ONLY_CAPTION_ITEMPROPS: frozenset[str] = frozenset({"description"})

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
