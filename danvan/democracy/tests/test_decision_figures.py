"""The decisions' figure group and to-do entries, and the recognition clock shown overdue."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.core.periods import Period
from danvan.core.todo import todo_for
from danvan.democracy import decision_selectors
from danvan.democracy import decision_services as services
from danvan.democracy.decision_figures import compute
from danvan.democracy.figures import Place
from danvan.democracy.models import CommunityDecision
from danvan.democracy.tests.decision_fixtures import announced_decision, household_ids, village_with_households, vote


def test_figures_and_overdue_submission(cast):
    village = village_with_households(cast.dong_xuan, "Thôn Đông", 6)
    decision = announced_decision(cast.alice, cast.dong_xuan, [village])
    vote(cast.alice, decision, household_ids(village)[:4], "agree")
    long_ago = timezone.localdate() - dt.timedelta(days=3)
    services.decision_close(actor=cast.alice, decision=decision, closed_on=long_ago, witnesses=["X", "Y"])
    # the 5-working-day clock ran out: move the count back in time as a past record would be
    CommunityDecision.objects.filter(pk=decision.pk).update(submission_due_on=long_ago)
    listed = decision_selectors.decision_list(cast.alice, overdue=True)
    assert [d.pk for d in listed] == [decision.pk] and listed[0].submission_overdue  # type: ignore[attr-defined]
    todo = {item.key: item.count for item in todo_for(cast.alice)}
    assert todo["decisions_overdue"] == 1
    year = Period(dt.date(long_ago.year, 1, 1), dt.date(long_ago.year, 12, 31))
    figures = compute(Place((cast.dong_xuan.path,), (cast.dong_xuan.province_code,)), year)
    assert figures["held"] == 1 and figures["passed"] == 1 and figures["by_matter.1"] == 1
    assert figures["by_form.ballot"] == 1 and figures["recognized"] == 0
    elsewhere = compute(Place((cast.buon_ma_thuot.path,), (cast.buon_ma_thuot.province_code,)), year)
    assert elsewhere["held"] == 0
