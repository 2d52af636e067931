"""The page's class and id values, joined once, for vocabulary searches over every element.

Readers ask "which elements have a class or id holding one of these words?" for several
vocabularies (note blocks, caption and credit elements, related-link blocks). A test per
element costs a Python call each; one regex scan over all the values joined costs a C pass.
The HTML reader builds the index once per page and hands it to every reader that asks.

Nothing here mutates the tree.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from lxml import etree
from lxml.html import HtmlElement


class NamedElements:
    """The page's elements that have a class or id, with those values joined lower-cased.

    Values are class values then id values (each in page order), joined by newlines: a
    vocabulary word never holds a newline, so no match runs from one value into the next.
    """

    __slots__ = ("_names", "_owners", "_starts")

    def __init__(self, owners: list[HtmlElement], values: list[str]) -> None:
        names = "\n".join(values).lower()
        if len(names) != sum(map(len, values)) + max(len(values) - 1, 0):
            # lower-casing changed a length ("İ"): keep only the values it did not
            kept = [i for i, v in enumerate(values) if len(v.lower()) == len(v)]
            owners, values = [owners[i] for i in kept], [values[i] for i in kept]
            names = "\n".join(values).lower()
        self._owners = owners
        self._names = names
        # where each value starts in names: C-level sums of (length + separator)
        self._starts = list(accumulate(map((1).__add__, map(len, values)), initial=0))

    @classmethod
    def of(cls, tree: HtmlElement | None) -> NamedElements:
        """The index of a page (empty for None).

        One walk over the elements reading both attributes: cheaper than `//@class` and
        `//@id` (two XPath walks and a string object per value that must be asked for its
        element).
        """
        class_els: list[HtmlElement] = []
        classes: list[str] = []
        id_els: list[HtmlElement] = []
        ids: list[str] = []
        if tree is not None:
            for el in tree.iter(etree.Element):
                value = el.get("class")
                if value is not None:
                    class_els.append(el)
                    classes.append(value)
                ident = el.get("id")
                if ident is not None:
                    id_els.append(el)
                    ids.append(ident)
        return cls(class_els + id_els, classes + ids)

    def matching(self, pattern: re.Pattern[str]) -> list[HtmlElement]:
        """Elements whose lower-cased class or id `pattern` finds in (classes first, then
        ids; each in page order; an element once per run of its matches).

        `pattern` must not match a newline (vocabulary words never do).
        """
        # One search per value found, resumed at the next value: a class string holding a
        # word several times ("caption caption-text") costs one lookup, not one per match.
        found: list[HtmlElement] = []
        owners, starts, names, search = self._owners, self._starts, self._names, pattern.search
        m = search(names)
        while m is not None:
            index = bisect_right(starts, m.start()) - 1
            el = owners[index]
            if not found or el is not found[-1]:
                found.append(el)
            if index + 1 >= len(owners):
                break
            m = search(names, starts[index + 1])
        return found
