"""bench/html_images_rules.py switches off rules that transforms/html_figures.py has."""

from __future__ import annotations

import transforms.html_figures as figures
from bench.html_images_rules import RULES


def test_every_rule_switch_names_a_rule_of_the_figure_reader() -> None:
    for name, switch_off in RULES.items():
        before = dict(vars(figures))
        with switch_off():
            changed = [key for key, value in vars(figures).items() if before.get(key) is not value]
            assert len(changed) == 1, name
        assert vars(figures) == before, name
