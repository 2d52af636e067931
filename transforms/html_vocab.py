"""Names the HTML metadata reader looks for, kept as data apart from the logic.

Nothing here names a site: these are the schema.org types, the `<meta>` names and
properties and the `itemprop`s that publishing systems in general print. Every entry is
lower case; compare with the lowered attribute value.
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
