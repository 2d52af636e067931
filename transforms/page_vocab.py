"""Word lists the full-page reader scores lines with, kept as data apart from the logic.

Nothing here names a site: the lists are the generic vocabulary of prose (function
words) and of web-page furniture (menus, account prompts, consent banners, sharing
and footer links) that any news site prints. Every entry is casefolded.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block of text, as a set."""
    return frozenset(text.split())


# Function words: a line of prose is made of these for about a third of its words,
# a menu or a headline list for far less. English first (the corpus is English), then
# the commonest of a few other Latin-script languages so that their prose is not
# mistaken for furniture.
COMMON_WORDS: frozenset[str] = _words(
    """
    a about after again against all also an and any are as at be because been before
    being between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours said says say told according
    one two three first last year years new people time just like many much even still
    may might must us who's it's that's there's don't didn't can't won't isn't
    el la los las de del que en y por con para una un es se lo al como su sus
    il di che e per non sono della delle nel nella gli le da ha ma anche
    der die das und ist nicht mit den dem ein eine zu von auf sich auch
    le les des et est pas dans pour une qui sur au aux avec ce
    """
)

# Words of site furniture: navigation, account and subscription prompts, consent
# banners, sharing widgets, footers. A line made mostly of these is not article text.
FURNITURE_WORDS: frozenset[str] = _words(
    """
    privacy policy cookie cookies consent preferences settings accept reject manage
    subscribe subscribed subscription subscriptions subscriber newsletter newsletters
    sign signin signup login logout log register account profile password
    menu search home sections section navigation skip toggle close open expand
    share shares shared sharing facebook twitter instagram youtube linkedin pinterest
    reddit whatsapp tiktok flipboard telegram rss feed feeds email print copy link
    advertisement advertise advertising ad ads adchoices sponsored sponsor promoted
    terms conditions copyright rights reserved contact careers jobs sitemap faq faqs
    help support feedback accessibility disclaimer masthead imprint legal
    podcast podcasts app apps download trending popular latest recommended related
    topics tags tagged comments comment replies reply follow followers watch video videos
    photos gallery galleries click here continue reading learn view more back top
    previous next page loading javascript browser enable ©
    """
)

# Whole lines (casefolded) that only ever head site furniture blocks that follow an
# article: its end is near when one of these appears after prose.
AFTER_ARTICLE_HEADINGS: frozenset[str] = frozenset(
    {
        "related",
        "related stories",
        "related articles",
        "related content",
        "related topics",
        "related posts",
        "related coverage",
        "more from",
        "more stories",
        "more news",
        "most read",
        "most popular",
        "most viewed",
        "popular",
        "trending",
        "trending now",
        "recommended",
        "recommended for you",
        "recommended stories",
        "read more",
        "read next",
        "up next",
        "you may also like",
        "you might also like",
        "top stories",
        "latest news",
        "latest stories",
        "comments",
        "tags",
        "tags:",
        "topics",
        "about the author",
        "share this article",
        "more in",
        "further reading",
        "sponsored content",
        "advertisement",
    }
)

# Words that open a job title or a reading-time label, for where innerText glued one to the
# end of a byline's last name ("Jane DoeStaff Writer", "JANE DOEDATA AND GRAPHICS
# JOURNALIST", "JANE DOELONG READ"): the names end where one of these starts.
GLUED_TITLE_OPENERS: tuple[str, ...] = (
    "staff",
    "senior",
    "contributing",
    "contributor",
    "correspondent",
    "reporter",
    "writer",
    "editor",
    "columnist",
    "city",
    "data",
    "chief",
    "deputy",
    "associate",
    "special",
    "long read",
    "minute read",
    "min read",
)

# Words that never stand in a person's name as printed in a byline: job titles that the
# shared byline parser does not peel ("Chief Technology Officer"), interface labels that
# read like two capitalised words ("Save Article", "Exclusive Details"), and section
# names printed beside a byline ("Arts", "Lists").
NOT_NAME_WORDS: frozenset[str] = _words(
    """
    officer president director founder executive manager ceo cto cfo coo chairman chairwoman
    save saved article articles exclusive details bookmark listen gift share print
    arts news sports opinion business politics world lifestyle culture entertainment
    lists list guide guides review reviews deals shopping podcast newsletter
    """
)

# Professional credentials printed after a name ("Jane Doe MS, RDN, LD", "Jane Doe, PhD");
# the corpus convention and the contract keep the person's name without them.
CREDENTIALS: frozenset[str] = _words(
    """
    ms ma mba md phd ph.d dr rn rd rdn ld ldn mph msc bsc np cpt cscs do dvm jd esq cdn
    cdces facc fnp lcsw lmft psyd cfa cfp cpa
    """
)

# Whole lines (casefolded, trailing `:` `.` `…` dropped) that a photo or video player prints
# next to a picture: its label, its credit label, its controls. A line near one of these
# is likelier a caption than a paragraph.
PHOTO_APPARATUS_LINES: frozenset[str] = frozenset(
    {
        "image",
        "images",
        "photo",
        "photos",
        "picture",
        "video",
        "credit",
        "credits",
        "image credit",
        "image credits",
        "photo credit",
        "photo credits",
        "image source",
        "source",
        "enlarge",
        "enlarge this image",
        "expand",
        "hide caption",
        "toggle caption",
        "show caption",
        "caption",
        "view gallery",
        "open gallery",
        "see gallery",
        "play",
        "play video",
        "watch",
        "watch video",
        "pause",
        "replay",
        "fullscreen",
        "full screen",
        "zoom",
    }
)

# First words (casefolded) of interface lines that the credit shapes can mistake for a
# photo credit: `Share Article via Email`, `Home / News / Cars`, `Follow Jane Doe/X`,
# `Download PDF`, `GET THE MAG`, `PLAY/PAUSE BUTTON`.
NOT_CREDIT_OPENERS: frozenset[str] = _words(
    """
    share follow subscribe sign home menu search login log email print copy read skip
    click view more next previous back sections download get play pause listen buy shop
    watch
    """
)
