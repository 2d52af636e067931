"""What marks a dump as no article, whatever its format: error pages and consent walls.

Shared by the text readers (transforms/parse.py) and the HTML reader
(transforms/html_reader.py), so a `404 Not Found` headline or a cookie wall is
refused by the same words in a text capture and in a page's HTML (contract §1.2).
"""

from __future__ import annotations

import re

from transforms.vocab import hint_text

# Error pages by their headline or first line: "404 Not Found", "Access Denied",
# "Just a moment...", "Page not found | AP News", "Error".
ERROR_TITLE = re.compile(
    r"^(?:(?:error|http)\s*)?(?:[45]\d\d\b\s*[-:–|]?\s*)?"
    r"(?:page not found|not found|file not found|access denied|forbidden|bad gateway"
    r"|service (?:temporarily )?unavailable|internal server error|gateway time-?out|bad request"
    r"|unauthorized|too many requests|request blocked|just a moment|attention required"
    r"|are you a robot|error|something went wrong|page (?:is )?unavailable"
    r"|this page (?:isn['’]t|is not) available)"
    r"[.!?\s]*(?:[|:–—-].{0,60})?$"
    r"|^(?:(?:error|http)\s*)?[45]\d\d[.!]?$",
    re.IGNORECASE,
)
# Cookie / consent walls: "We use cookies to ...", "Manage cookie preferences",
# "We value your privacy", "personalised ads", "legitimate interest".
_COOKIE = re.compile(
    r"\bcookies?\b.{0,80}\b(?:accept|reject|manage|settings|preferences|policy|consent|use)\b"
    r"|\b(?:accept|reject|manage|use of|we use)\b.{0,40}\bcookies?\b"
    r"|\bwe value your privacy\b|\bprivacy (?:settings|preferences|choices|center|centre)\b"
    r"|\bbefore you continue\b|\bconsent to (?:the use|our use|cookies)\b"
    r"|\bpersonali[sz]ed (?:ads|advertising|content)\b|\blegitimate interest\b",
    re.IGNORECASE,
)
# Words of which every _COOKIE match holds one, as fold_hint writes them.
COOKIE_HINTS = (
    "cookie", "privacy", "consent to", "personali", "legitimate interest", "before you continue"
)  # fmt: skip
# The site speaking of itself ("our cookie policy", "this website uses cookies"), and, as a
# consent notice does, to its reader ("we store cookies on your browser", "you can opt
# out"). An affiliate disclosure is told by the first alone: a story on affiliate
# marketing addresses readers too.
_SITE_SELF_WORDS = r"we|our|us|this (?:web)?site|this (?:page|article)"
_SITE_SELF = re.compile(rf"\b(?:{_SITE_SELF_WORDS})\b", re.IGNORECASE)
_SITE_VOICE = re.compile(rf"\b(?:{_SITE_SELF_WORDS}|you|your)\b", re.IGNORECASE)
# The consent apparatus a control names: "Manage cookie settings", "Accept all cookies",
# "Cookie Policy" (not the "use" of "Cookie recipes to use up leftover candy").
_CONSENT_CONTROL = re.compile(
    r"\b(?:accept|reject|manage|settings|preferences|policy|consent|opt[- ]out)\b", re.IGNORECASE
)
_MAX_CONSENT_CONTROL_WORDS = 12
# The looser words of the casefold() test in is_cookie_text (casefold is not fold_hint).
_COOKIE_WORDS = ("cookie", "privacy", "consent", "personali", "legitimate interest", "continue")


def is_cookie_text(text: str) -> bool:
    """Consent-wall wording (substring test first: the regex is slow on long paragraphs)."""
    hint = hint_text(text)
    if not any(word in hint for word in COOKIE_HINTS):
        return False  # every _COOKIE match holds a hint word, so this never misses one
    folded = text.casefold()
    if not any(word in folded for word in _COOKIE_WORDS):
        return False
    return _COOKIE.search(text) is not None


# Commerce-link wording of an affiliate disclosure: "we may earn a commission", "we may
# receive compensation", "has affiliate relationships", "we earn from qualifying purchases"
# (shared with the figure disclaimers of transforms/captions.py).
AFFILIATE_WORDING = (
    r"(?:(?:earn|receive|get|make)s?\s+(?:a\s+|an\s+)?(?:small\s+)?(?:affiliate\s+)?"
    r"(?:commissions?|compensation)|affiliate\s+(?:links?|commissions?|relationships?"
    r"|partnerships?|programs?)|from\s+qualifying\s+purchases)"
)
_AFFILIATE = re.compile(rf"\b{AFFILIATE_WORDING}\b", re.IGNORECASE)
_AFFILIATE_HINTS = ("commission", "compensation", "affiliate", "qualifying purchases")


def is_affiliate_notice(text: str) -> bool:
    """A site's own affiliate disclosure: commerce-link wording in the site's voice
    (`If you buy through a link on our site, we may receive compensation`). Never body.

    A story on affiliate marketing speaks of others in the third person and stays.
    """
    folded = text.casefold()
    if not any(hint in folded for hint in _AFFILIATE_HINTS):
        return False
    return _AFFILIATE.search(text) is not None and _SITE_SELF.search(text) is not None


def is_consent_notice(text: str) -> bool:
    """A site's own consent notice or control: consent-wall wording in the site's voice, or
    a short line naming the consent apparatus. Never body.

    An article reporting on cookies ("regulators said users must be able to reject
    cookies as easily as accept them") speaks of the site and its reader in the third
    person, and a recipe subhead about baking them names no consent apparatus: both stay.
    """
    if not is_cookie_text(text):
        return False
    if _SITE_VOICE.search(text):
        return True
    return (
        len(text.split()) <= _MAX_CONSENT_CONTROL_WORDS
        and _CONSENT_CONTROL.search(text) is not None
    )
