"""Grassroots democracy's periodic tasks and background jobs (registered with ``danvan.jobs``), one section per
part."""

from __future__ import annotations

from django.conf import settings

# --- Disclosures ---
from danvan.democracy.disclosure_tasks import refresh_disclosure_compliance
from danvan.jobs import schedule

schedule.register(
    "democracy.disclosure_compliance", lambda: settings.SCHEDULE_SWEEP_SECONDS, refresh_disclosure_compliance
)

# --- Community decisions ---
from danvan.democracy.decision_tasks import notify_overdue_decision_clocks  # noqa: E402

schedule.register(
    "democracy.decision_overdue_clocks", lambda: settings.SCHEDULE_SWEEP_SECONDS, notify_overdue_decision_clocks
)

# --- Recommendations (one tracker) ---
from danvan.democracy.recommendation_tasks import sweep_recommendation_deadlines  # noqa: E402

schedule.register(
    "democracy.recommendation_deadlines", lambda: settings.SCHEDULE_SWEEP_SECONDS, sweep_recommendation_deadlines
)
