"""Consent wording: a wall's, a site's own notice, and reporting about cookies."""

from __future__ import annotations

import pytest

from transforms.refusals import is_affiliate_notice, is_consent_notice, is_cookie_text


@pytest.mark.parametrize(
    "text",
    [
        "We use cookies to improve your experience on our site. By continuing you accept them.",
        "When you visit our website, we store cookies on your browser to collect information "
        "about your preferences and your device, and we use it to make the site work.",
        "Manage cookie settings",
        "Accept all cookies",
        "Privacy Policy | Cookie Settings | Terms of Use",
    ],
)
def test_a_sites_own_consent_notice_or_control(text: str) -> None:
    assert is_consent_notice(text)


@pytest.mark.parametrize(
    "text",
    [
        # reporting: consent-wall words, but the site and its reader in the third person
        "Regulators said on Monday that websites must let users reject cookies as easily as "
        "they accept them, and gave the largest publishers three months to change their banners.",
        "The ruling follows complaints that many sites hid the option to refuse tracking cookies "
        "behind several menus while the button to accept them stood out on every page.",
        # a recipe subhead: consent words ("use"), but no consent apparatus
        "Cookie recipes to use up leftover candy",
        # no consent wording at all
        "Bake the cookies for twelve minutes, until your kitchen smells of butter and sugar.",
        "Our reporters spent a week on the river with the crews who clear the weirs.",
    ],
)
def test_not_a_consent_notice(text: str) -> None:
    assert not is_consent_notice(text)


def test_reporting_is_cookie_wording_all_the_same() -> None:
    """Why the voice test is needed: the wall detector alone would take the article's line."""
    assert is_cookie_text(
        "Regulators said on Monday that websites must let users reject cookies as easily as "
        "they accept them, and gave the largest publishers three months to change their banners."
    )


@pytest.mark.parametrize(
    "text",
    [
        "If you buy something through a link on our site, we may receive compensation.",
        "We may earn a commission when you shop through the links on this page.",
        "The Courier has affiliate relationships, so we may get a share of the sale.",
        "As an Amazon Associate we earn from qualifying purchases.",
    ],
)
def test_a_sites_own_affiliate_disclosure(text: str) -> None:
    assert is_affiliate_notice(text)


@pytest.mark.parametrize(
    "text",
    [
        # reporting on affiliate marketing, in the third person
        "Influencers earn a commission when their followers buy through the links they post.",
        "Retailers cut the affiliate commissions they pay to review sites last year.",
        # a commission that is no affiliate's
        "We asked the European Commission whether the rules would change.",
        "The artist said our city had offered her a commission for the new bridge mural.",
    ],
)
def test_not_an_affiliate_disclosure(text: str) -> None:
    assert not is_affiliate_notice(text)
