"""The cases' periodic tasks and background jobs (registered with ``danvan.jobs``)."""

from __future__ import annotations

from django.conf import settings

from danvan.cases.tasks import sweep_deadlines
from danvan.jobs import schedule

schedule.register("cases.sweep_deadlines", lambda: settings.SCHEDULE_SWEEP_SECONDS, sweep_deadlines)
