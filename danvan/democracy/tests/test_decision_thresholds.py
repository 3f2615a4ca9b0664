"""Thresholds exactly, with integers and fractions, over ALL households (Art. 21), and their explanations."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.models import LegalRule
from danvan.democracy.decision_tally import Threshold, threshold_from_rule

TWO_THIRDS = Threshold(Fraction(2, 3), "at_least", "2/3")
HALF = Threshold(Fraction(1, 2), "above", "50 %")


@pytest.mark.parametrize(
    ("agreed", "total", "passes"),
    [
        (80, 120, True),
        (79, 120, False),
        (82, 120, True),
        (2, 3, True),
        (1, 3, False),
        (0, 0, False),
        (67, 100, True),
        (66, 100, False),
    ],
)
def test_two_thirds_at_least(agreed, total, passes):
    assert TWO_THIRDS.passes(agreed, total) is passes


@pytest.mark.parametrize(
    ("agreed", "total", "passes"),
    [(61, 120, True), (60, 120, False), (51, 101, True), (50, 101, False), (1, 1, True), (0, 1, False)],
)
def test_more_than_half(agreed, total, passes):
    assert HALF.passes(agreed, total) is passes


def test_explanations_say_the_count_the_share_and_the_needed_households():
    assert TWO_THIRDS.explain(82, 120) == "82/120 hộ đồng ý = 68,3 % ≥ 2/3 (80 hộ): thông qua"
    assert TWO_THIRDS.explain(79, 120) == "79/120 hộ đồng ý = 65,8 % < 2/3 (80 hộ): không thông qua"
    assert HALF.explain(61, 120) == "61/120 hộ đồng ý = 50,8 % > 50 % (61 hộ): thông qua"
    assert HALF.explain(60, 120) == "60/120 hộ đồng ý = 50,0 % ≤ 50 % (61 hộ): không thông qua"


@pytest.mark.django_db
def test_thresholds_are_read_from_the_rules_table_exactly():
    on = dt.date(2026, 6, 1)
    thirds = LegalRule.objects.in_force(on).get(code="community_decision.matters_1_2_min_share")
    above = LegalRule.objects.in_force(on).get(code="community_decision.matters_3_6_share_above")
    assert threshold_from_rule(thirds, "at_least").share == Fraction(2, 3)
    assert threshold_from_rule(above, "above").share == Fraction(1, 2)


@given(total=st.integers(min_value=1, max_value=100_000), agreed=st.integers(min_value=0, max_value=100_000))
def test_needed_is_the_exact_integer_edge(total, agreed):
    agreed = min(agreed, total)
    assert TWO_THIRDS.passes(agreed, total) is (3 * agreed >= 2 * total)
    assert HALF.passes(agreed, total) is (2 * agreed > total)
    for rule in (TWO_THIRDS, HALF):
        needed = rule.needed(total)
        assert rule.passes(needed, total) if needed <= total else True
        assert not rule.passes(needed - 1, total)
