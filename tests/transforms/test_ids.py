"""Unit tests of the parser: ids."""

from __future__ import annotations

from transforms import (
    Article,
    article_id_for,
    parse_dump,
)


def test_article_id_is_stable_across_typography() -> None:
    base = article_id_for("AP News", "Putin says troops would be 'legitimate targets' — again")
    assert len(base) == 32
    assert all(ch in "0123456789abcdef" for ch in base)
    assert (
        article_id_for("AP News", "Putin says troops would be ‘legitimate targets’ – again") == base
    )
    assert (
        article_id_for(
            "AP\u00a0News", "  Putin says  troops would be 'legitimate targets' — again "
        )
        == base
    )
    assert (
        article_id_for("ap news", "PUTIN SAYS TROOPS WOULD BE 'LEGITIMATE TARGETS' — AGAIN") == base
    )
    assert (
        article_id_for("AP News", "Putin says troops would be 'legitimate targets' — later") != base
    )
    assert article_id_for("UPI", "Putin says troops would be 'legitimate targets' — again") != base


def test_same_dump_with_other_bytes_gets_same_id() -> None:
    text = "Putin’s “red line”\u00a0warning\nAP News\n\nBody text of the story here.\n"
    straight = 'Putin\'s "red line" warning\r\nAP News\r\n\r\nBody text of the story here.\r\n'
    first = parse_dump(text.encode())
    second = parse_dump(straight.encode("cp1252"))
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.article_id == second.article_id
    assert first.title == "Putin’s “red line” warning"
