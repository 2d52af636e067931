"""Photo captions and credits of an HTML article: one Image per photo, in page order.

A photo unit is an innermost `<figure>`, a caption element outside any figure
(`<figcaption>`, `itemprop=caption`, a `caption` / `cutline` / `legend` class; not
`itemprop=description` alone, which outside a figure is the article's dek), or a
credit element standing next to an image. A unit counts when it lies in the article
(its container, or between the headline and the last body paragraph) and not in a
block around it (navigation, aside, footer, related stories, promos, sidebars).

Inside a unit, credit elements (`credit`, `byline`, `source`... classes, `<cite>`,
`itemprop=copyrightHolder`) give the credit and the rest is the caption; without one,
the credit is cut off the caption where it is printed there (`(AP Photo/X)`,
`Photo: X`, a last sentence `X/Getty Images` or `x / Depositphotos.`), with the shared
parsers of text dumps, so file-photo / handout / photo-date flags are set the same way.
A caption printed twice in one unit (one copy per screen size) is read once. A page
without any unit falls back on its JSON-LD image captions, those the page prints.

Not photos: pull quotes and embedded posts, video players, author portraits, player
controls (`Enlarge`, `1 / 12`, `hide caption`), affiliate disclaimers, duplicates.
Nothing here mutates the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from transforms.captions import (
    SENTENCE_GAP,
    build_image,
    credit_line_strength,
    credit_source,
    is_furniture_figure,
    is_stock_library,
    split_bare_credit,
    split_paren_credit,
)
from transforms.credits import CreditStrength, clean_credit, is_known_agency
from transforms.html_container import (
    Container,
    class_words,
    find_container,
    has_class_word,
    order_key,
)
from transforms.html_meta import jsonld_objects
from transforms.html_vocab import (
    CAPTION_CLASSES,
    CAPTION_ITEMPROPS,
    CREDIT_CLASSES,
    CREDIT_ITEMPROPS,
    CREDIT_TAGS,
    FIGURE_ONLY_CAPTION_ITEMPROPS,
    LONE_CREDIT_CLASSES,
    NOT_PHOTO_CLASSES,
    NOT_PHOTO_TAGS,
    SKIP_TEXT_TAGS,
)
from transforms.records import Image

# Inline tags: their text joins the text around it without a space.
_INLINE_TAGS = frozenset(
    {"a", "em", "i", "b", "strong", "span", "small", "sup", "sub", "abbr", "time", "u", "mark",
     "font", "q", "s", "bdi", "bdo", "data"}
)  # fmt: skip
# Player controls printed in figures: "Enlarge this image", "hide caption", "1 / 12",
# "Image 3 of 12", "toggle caption", "Expand", "Open gallery".
_CONTROL = re.compile(
    r"^\s*(?:(?:hide|show|toggle|close) caption|enlarge(?: this image)?|expand(?: image)?"
    r"|(?:open|view|see) (?:the )?(?:full )?(?:gallery|image|photo)s?|zoom|close|caption"
    r"|(?:image|photo|slide)?\s*\d+\s*(?:/|of)\s*\d+|\d+ (?:images|photos)|gallery|image"
    r"|advertisement)\s*$",
    re.IGNORECASE,
)
# Labels around caption text: "Image caption, ...", "Caption: ...".
_CAPTION_LABEL = re.compile(r"^(?:image |photo )?caption\s*[,:]\s*", re.IGNORECASE)
# A credit label left alone at the end of a caption once its credit element is taken out:
# "... on Friday. Photo:" / "Credit:" / "Image source,".
_DANGLING_LABEL = re.compile(
    r"\s*(?:photo(?:graph)?|image|picture|credit|image source|source)s?\s*[:,]?\s*$",
    re.IGNORECASE,
)
# Leading credit labels clean_credit does not know: "Image source, X", "Source: X".
_CREDIT_PREFIX = re.compile(
    r"^(?:©|\(c\)\s)?\s*(?:(?:(?:image|photo) )?source\s*[:,]|credit\s*(?:\.\.\.|…)"
    r"|(?:photographer|screenshot|screen ?grab|(?:photo[ -])?illustration|graphic|artwork"
    r"|rendering)s?\s*:)?\s*",
    re.IGNORECASE,
)
# A labelled credit inside a caption: "... on Friday. Photo: Jane Doe/AP", "Credit...X",
# "Screenshot: X"; the label opens the text or follows a space.
_LABELLED_CREDIT = re.compile(
    r"(?:^|(?<=[\s.!?”\"’)]))(?:photo(?:graph)?|image|picture|credit|screenshot|screen ?grab"
    r"|(?:photo[ -])?illustration|source)s?(?: credits?)?\s*(?::|\.\.\.|…)\s*(?P<credit>\S.*)$",
    re.IGNORECASE,
)
# The same label glued in lower case to the caption's last word, where inline elements
# were printed without a space: "... a young manimage: Jane Doe".
_GLUED_LABEL = re.compile(r"(?<=[a-z])(?:photo(?:graph)?|image|credit)s?:\s*(?P<credit>\S.*)$")
# A labelled credit in square brackets closing a caption: "... in Maine. [Photo: Jane Doe/AP]"
_BRACKET_CREDIT = re.compile(
    r"\[\s*(?P<credit>(?:photo(?:graph)?|image|picture|credit|illustration)s?(?: credits?)?"
    r"\s*:[^\[\]]{2,160})\]$",
    re.IGNORECASE,
)
# A copyright sign opening a caption: the whole caption is a credit ("(c) Agency/Name").
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s)", re.IGNORECASE)
# A credit standing alone: "Courtesy X", "Photo courtesy of X", "Illustration by X for Y",
# "Photo by X on Unsplash".
_COURTESY = re.compile(
    r"^(?:(?:photo(?:graph)?s? |image |picture )?courtesy\b"
    r"|(?:photo(?:graph)?|illustration|image|picture|artwork|video)s? by\s+\S)",
    re.IGNORECASE,
)
# A video player's duration closing its caption: "... 01:14", "2:03:11".
_DURATION = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?$")
# A token holding a digit: charts and tables print rows of them ("9,859", "M3", "8C/10C").
_DIGIT_TOKEN = re.compile(r"\S*\d\S*")
_MIN_CHART_NUMBERS = 4
_CHART_NUMBER_SHARE = 0.25
# An author byline printed like a caption: "By Jane Doe, John Roe".
_BYLINE = re.compile(r"^By\s+[A-Z]")
# Page dates printed in caption or credit slots: "Posted: Dec 22, 2023", "updated Sep 4".
# (also glued to the date: "updatedSep 4, 2023")
_DATE_LABEL = re.compile(r"^(?i:posted|updated|published)(?:\b|(?=[A-Z]))")
# A clock time or a full date ("7:35 PM", "Dec 21, 2023"): a credit-only unit holding one
# is a byline or a date line (a year alone is not: "TAS2023/Getty Images", "© 2023 X").
_YEAR_OR_TIME = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},"
    r" \d{4}\b",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
# The last sentence gap of a caption, spaced or glued where inline elements were printed
# without a space: "... at dawn. Getty Images", "... occasion.Getty Images".
_LAST_GAP = re.compile(r"(?:(?<=[.!?”\"’)])\s+(?=\S)|(?<=[a-z][.!?])(?=[A-Z]))(?=[^.!?]*\.?$)")
_WORD = re.compile(r"\w+")
# The page's text outside scripts, styles, templates and noscript fallbacks.
_VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::template"
    " or ancestor::noscript)]"
)
_KIND_TAGS = frozenset({"figcaption", *CREDIT_TAGS})
# Any caption or credit word in a class / id string: "caption", "credit", "byline"...
_KIND_WORDS = re.compile("|".join(map(re.escape, (*CAPTION_CLASSES, *CREDIT_CLASSES))))
# Figures and caption / credit elements by tag or itemprop (those by class come from
# Container.named()).
_TAGGED = etree.XPath("//figure | //figcaption | //cite | //*[@itemprop]")

_MAX_CREDIT_WORDS = 16
_MAX_AGENCY_SENTENCE_CHARS = 80
_MIN_REPEAT_WORDS = 3  # a caption's opening printed again at its end is a second copy
_MAX_CAPTION_WORDS = 200


# ---- element kinds ---------------------------------------------------------------------


def _tag(el: HtmlElement) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def element_kind(el: HtmlElement) -> str | None:
    """`caption`, `credit` or None: what a caption or credit element of a photo unit is.

    An itemprop says it outright. A class naming both (`caption-credit__credit`,
    `caption__credit`, `caption-credit__caption`) is what its last part names: template
    class names go from the block to the part. A class beats the tag
    (`<figcaption class=credit>`).
    """
    prop = el.get("itemprop")
    if prop is not None:
        prop = prop.lower()
        if prop in CREDIT_ITEMPROPS:
            return "credit"
        if prop in CAPTION_ITEMPROPS:
            return "caption"
    return _named_kind(el)


def _named_kind(el: HtmlElement) -> str | None:
    """`caption`, `credit` or None by the element's class, id and tag alone."""
    names = class_words(el)
    if names:
        words = _KIND_WORDS.findall(names)
        if words:
            return "caption" if words[-1] in CAPTION_CLASSES else "credit"
    tag = _tag(el)
    if tag in CREDIT_TAGS:
        return "credit"
    if tag == "figcaption":
        return "caption"
    return None


def is_caption_element(el: HtmlElement) -> bool:
    """A caption element: `<figcaption>`, `itemprop=caption`, a caption / cutline class."""
    return element_kind(el) == "caption"


def is_credit_element(el: HtmlElement) -> bool:
    """A credit element inside a photo unit (class, itemprop or `<cite>`)."""
    return element_kind(el) == "credit"


def _is_lone_credit(el: HtmlElement) -> bool:
    """A credit element outside any figure, beside an image."""
    if element_kind(el) != "credit":
        return False
    prop = el.get("itemprop")
    if not (
        (prop is not None and prop.lower() == "copyrightholder")
        or has_class_word(el, LONE_CREDIT_CLASSES)
    ):
        return False
    parent = el.getparent()
    if parent is None:
        return False
    return any(True for _ in parent.iter("img", "picture"))


def _is_not_photo(unit: HtmlElement, container: Container) -> bool:
    """Pull quotes, embedded posts, players and author portraits, by tag or class."""
    if any(True for _ in unit.iter(*NOT_PHOTO_TAGS)):
        return True
    for node in (unit, *unit.iterancestors()):
        if node is container.element:
            break
        if has_class_word(node, NOT_PHOTO_CLASSES):
            return True
    return False


# ---- units -----------------------------------------------------------------------------


@dataclass(slots=True)
class Unit:
    """A photo unit: its element, and credit elements printed beside it (outside figures)."""

    element: HtmlElement
    credits: list[HtmlElement] = field(default_factory=list)


def _candidates(tree: HtmlElement, container: Container) -> list[HtmlElement]:
    """Figures, and caption / credit elements by tag, class or itemprop, in page order."""
    found = [
        el for el in _TAGGED(tree)
        if el.tag == "figure" or element_kind(el) is not None
    ]  # fmt: skip
    seen = set(found)
    for el in container.named_matching(_KIND_WORDS):
        if el not in seen and element_kind(el) is not None:
            found.append(el)
            seen.add(el)
    found.sort(key=order_key)
    return found


def photo_units(tree: HtmlElement, container: Container) -> list[Unit]:
    """The article's photo units in page order (see the module docstring)."""
    units: dict[HtmlElement, Unit] = {}  # (insertion order is page order: XPath gives it)
    taken: set[HtmlElement] = set()
    for el in _candidates(tree, container):
        if el in taken:
            continue
        if el.tag == "figure":
            if any(True for _ in el.iterdescendants("figure")):
                continue
        elif not _is_unit_candidate(el) or any(a in taken for a in el.iterancestors()):
            continue
        unit = Unit(el)
        if el.tag != "figure" and is_caption_element(el):
            unit.credits = _sibling_credits(el)
            for credit in unit.credits:
                units.pop(credit, None)  # a credit printed before its caption
                taken.add(credit)
        units[el] = unit
        taken.add(el)
    return [
        u for u in units.values()
        if container.holds(u.element) and not container.is_off_article(u.element)
        and not _is_not_photo(u.element, container)
    ]  # fmt: skip


def _sibling_credits(el: HtmlElement) -> list[HtmlElement]:
    """Credit elements right before or after a caption element outside a figure."""
    found = []
    for sibling in (el.getprevious(), el.getnext()):
        if sibling is not None and is_credit_element(sibling):
            found.append(sibling)
    return found


def _is_lone_caption(el: HtmlElement) -> bool:
    """A caption element that opens a unit outside any figure: `<figcaption>`,
    `itemprop=caption` or a caption class; `itemprop=description` alone is not one there
    (pages print the article's dek with it)."""
    prop = el.get("itemprop")
    if prop is not None and prop.lower() in FIGURE_ONLY_CAPTION_ITEMPROPS:
        return _named_kind(el) == "caption"
    return is_caption_element(el)


def _is_unit_candidate(el: HtmlElement) -> bool:
    """A caption element or a lone credit element outside every figure."""
    if not (_is_lone_caption(el) or _is_lone_credit(el)):
        return False
    return not any(_tag(a) == "figure" for a in el.iterancestors())


# ---- text ------------------------------------------------------------------------------


def _pieces(el: HtmlElement, credits: list[str], *, root: bool) -> Iterator[str]:
    """The unit's caption text pieces; credit elements' text goes to `credits` instead."""
    tag = _tag(el)
    if not tag or tag in SKIP_TEXT_TAGS:
        return
    if not root and is_credit_element(el) and not _wraps_parts(el):
        credits.append(_normalise(el.text_content()))
        return
    inline = tag in _INLINE_TAGS
    if not inline:
        yield " "
    if el.text and not _CONTROL.match(el.text):
        yield el.text
    for child in el:
        yield from _pieces(child, credits, root=False)
        if child.tail and not _CONTROL.match(child.tail):
            yield child.tail
    if not inline:
        yield " "


def _wraps_parts(el: HtmlElement) -> bool:
    """A `credit`/`source` element holding a caption element is a wrapper of caption and
    credit (`image__source-wrapper` around a figcaption and a credit), not a credit."""
    return any(element_kind(d) == "caption" for d in el.iterdescendants() if isinstance(d.tag, str))


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def unit_text(unit: Unit) -> tuple[str, list[str]]:
    """(caption text, credit texts) of a unit; a lone credit element is all credit."""
    el = unit.element
    credits: list[str] = []
    if is_credit_element(el):
        return "", [_normalise(el.text_content())]
    caption = unrepeated(_normalise("".join(_pieces(el, credits, root=True))))
    credits.extend(_normalise(c.text_content()) for c in unit.credits)
    return caption, [c for c in credits if c]


def unrepeated(text: str) -> str:
    """The text without a closing copy of its own opening words.

    Templates print a caption twice, one copy per screen size, so the unit's text reads
    `A Photograph: X A` or `A A`: the longest run of words (three or more) that opens the
    text and closes it again, without overlapping, is dropped at the end.
    """
    words = text.split()
    n = len(words)
    if n < 2 * _MIN_REPEAT_WORDS or words[0] not in words[n // 2 :]:
        return text
    for size in range(n // 2, _MIN_REPEAT_WORDS - 1, -1):
        if words[:size] == words[n - size :]:
            return " ".join(words[: n - size])
    return text


def _clean_credit_text(text: str) -> str:
    # (labels may nest: "(Image credit: © Name)")
    credit = clean_credit(_CREDIT_PREFIX.sub("", clean_credit(text), count=1))
    return credit.strip(" ,;|")


def _joined_credits(credits: list[str]) -> str | None:
    """One credit string from a unit's credit elements (distinct, in order)."""
    seen: list[str] = []
    for raw in credits:
        credit = _clean_credit_text(raw)
        if credit and not _CONTROL.match(credit) and credit not in seen:
            seen.append(credit)
    return " ".join(seen) or None


def _labelled_credit(caption: str) -> tuple[str, str] | None:
    """`... Photo: Jane Doe` -> (caption, credit); the credit must be short."""
    if ":" not in caption and "…" not in caption and "..." not in caption:
        return None
    for m in (*_LABELLED_CREDIT.finditer(caption), *_GLUED_LABEL.finditer(caption)):
        credit = m["credit"].strip()
        if len(credit.split()) <= _MAX_CREDIT_WORDS:
            return caption[: m.start()].rstrip(), credit
    return None


def _credit_sentence(caption: str) -> tuple[str, str] | None:
    """`... at dawn. Photograph courtesy of X.` -> (caption, credit): a last sentence that
    is a credit by its opening (`Courtesy`, `Photo by`, `Illustration by`)."""
    for gap in SENTENCE_GAP.finditer(caption):
        tail = caption[gap.end() :].strip()
        if len(tail.split()) <= _MAX_CREDIT_WORDS and _COURTESY.match(tail):
            return caption[: gap.start()].rstrip(), tail
    return None


def _agency_sentence(caption: str) -> tuple[str, str] | None:
    """`... at dawn. Getty Images` / `... on an angle. Jane Doe / Depositphotos.` ->
    (caption, credit): a short last sentence whose last `/` part names an agency or a stock
    library (the credit parser wants capitals and no closing period: captions print
    `jane / Depositphotos.`); glued to the sentence before (`occasion.Getty Images`) too.
    """
    m = _LAST_GAP.search(caption, max(len(caption) - _MAX_AGENCY_SENTENCE_CHARS, 0))
    if m is None or m.start() == 0:
        return None
    tail = caption[m.end() :].strip()
    last = credit_source(tail)
    if is_stock_library(last) or is_known_agency(last):
        return caption[: m.start()].rstrip(), tail
    return None


def split_caption(caption: str, credit: str | None) -> tuple[str, str | None]:
    """Cut a printed credit off the caption (kept as the credit when no element gave one)."""
    caption = _CAPTION_LABEL.sub("", caption, count=1)
    if caption.startswith(":"):  # a label the control filter took ("Image" + ": Studio")
        credit = credit or _clean_credit_text(caption[1:]) or None
        caption = ""
    if credit:
        caption = _DANGLING_LABEL.sub("", caption) if caption.endswith((":", ",")) else caption
    if not caption:
        return "", credit
    if not credit and _COPYRIGHT.match(caption) and len(caption.split()) <= _MAX_CREDIT_WORDS:
        return "", _clean_credit_text(caption)
    # A credit printed in the caption is cut off even when an element gave one (which
    # stays the credit: sites print the same credit twice, in two styles).
    parts = split_paren_credit(caption)
    if parts is not None:
        return parts.caption, credit or parts.credit
    bracket = _BRACKET_CREDIT.search(caption) if caption.endswith("]") else None
    if bracket is not None and bracket.start() > 0:  # ("[Photo: X]" alone stays the caption)
        return caption[: bracket.start()].rstrip(), credit or _clean_credit_text(bracket["credit"])
    labelled = _labelled_credit(caption)
    if labelled is not None:
        return labelled[0], credit or _clean_credit_text(labelled[1])
    # (a bare credit may close with a period: "... at dawn. Photograph by Jane Doe.")
    parts = split_bare_credit(caption) or split_bare_credit(caption.removesuffix("."))
    if parts is not None:
        return parts.caption, credit or parts.credit
    sentence = _credit_sentence(caption) or _agency_sentence(caption)
    if sentence is not None:
        return sentence[0], credit or sentence[1]
    if credit:
        return caption, credit
    whole = _clean_credit_text(caption)
    if len(whole.split()) <= _MAX_CREDIT_WORDS and (
        credit_line_strength(whole) is CreditStrength.STRONG or _COURTESY.match(whole)
    ):
        return "", whole
    return caption, None


def _is_dropped(caption: str, credit: str | None) -> bool:
    """Units that are no photo caption: empty, a player, a disclaimer, a huge block."""
    if not caption and not credit:
        return True
    if is_furniture_figure(caption, credit):  # a disclaimer, a promotion, a byline
        return True
    if caption and _DURATION.search(caption):
        return True
    if _BYLINE.match(caption) and len(caption.split()) <= _MAX_CREDIT_WORDS:
        return True
    if _is_chart(caption):
        return True
    if _DATE_LABEL.match(caption or credit or ""):
        return True
    if not caption and credit and _YEAR_OR_TIME.search(credit):
        return True
    if credit and len(credit.split()) > _MAX_CREDIT_WORDS + 4:
        return True  # a whole teaser or header in a "credit" element
    return len(caption.split()) > _MAX_CAPTION_WORDS


def _token_key(text: str) -> str:
    """Text as its casefolded word tokens: captions printed twice differ in little else."""
    return " ".join(_WORD.findall(text.casefold()))


def _is_chart(caption: str) -> bool:
    """A chart's or table's text: numbers make a quarter of its words or more."""
    numbers = len(_DIGIT_TOKEN.findall(caption))
    return numbers >= _MIN_CHART_NUMBERS and numbers >= _CHART_NUMBER_SHARE * len(caption.split())


# ---- JSON-LD ---------------------------------------------------------------------------


def jsonld_captions(ld_objects: Sequence[dict]) -> list[str]:
    """Captions of the images of the page's JSON-LD article objects, for pages that print
    none."""
    captions: list[str] = []
    for obj in _outermost(ld_objects):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and k.endswith("Article") for k in kinds):
            continue
        images = obj.get("image")
        for image in images if isinstance(images, list) else [images]:
            if isinstance(image, dict) and isinstance(image.get("caption"), str):
                text = _normalise(image["caption"])
                if text and text not in captions:
                    captions.append(text)
    return captions


def _outermost(ld_objects: Sequence[dict]) -> list[dict]:
    """The objects that are no property value of another (a block's own objects and its
    `@graph` members): an Article nested in another object is a related story, whose
    image is no photo of this one."""
    nested = {
        id(item)
        for obj in ld_objects
        for key, value in obj.items()
        if key != "@graph"
        for item in (value if isinstance(value, list) else (value,))
        if isinstance(item, dict)
    }
    return [obj for obj in ld_objects if id(obj) not in nested]


# ---- the entry point -------------------------------------------------------------------


def images_in(tree: HtmlElement, container: Container) -> list[Image]:
    """The Image rows of a page whose container is already found."""
    if container.element is None:
        return []
    images: list[Image] = []
    seen: set[tuple[str, str | None]] = set()  # a caption (or a lone credit) once
    for unit in photo_units(tree, container):
        text, credits = unit_text(unit)
        caption, credit = split_caption(text, _joined_credits(credits))
        key = (_token_key(caption), None) if caption else ("", _token_key(credit or ""))
        if _is_dropped(caption, credit) or key in seen:
            continue
        seen.add(key)
        images.append(build_image(len(images), caption, credit))
    return images


def article_images(
    tree: HtmlElement,
    body: Sequence[str],
    container: Container | None = None,
    ld_objects: Sequence[dict] | None = None,
) -> list[Image]:
    """Every photo of the article, caption without credit, credit split; positions 0.. .

    `container` (find_container(tree, body)) and `ld_objects` (the page's JSON-LD objects,
    HtmlMeta.ld_objects) are passed when the caller has them already.
    """
    container = container or find_container(tree, body)
    images = images_in(tree, container)
    if not images and container.element is not None:
        captions = jsonld_captions(jsonld_objects(tree) if ld_objects is None else ld_objects)
        printed = _printed_text(tree) if captions else ""
        for caption in captions:
            text, credit = split_caption(caption, None)
            if f" {_token_key(caption)} " in printed and not _is_dropped(text, credit):
                images.append(build_image(len(images), text, credit))
    return images


def _printed_text(tree: HtmlElement) -> str:
    """The page's visible text as word tokens (scripts, styles and templates left out).

    A JSON-LD caption counts only where the page prints it: metadata captions the reader
    never sees ("Shop the sale", a list of names) are no photo caption of the article.
    """
    return " " + _token_key(" ".join(_VISIBLE_TEXT(tree))) + " "


__all__ = ["article_images", "images_in", "jsonld_captions", "split_caption", "unrepeated"]
