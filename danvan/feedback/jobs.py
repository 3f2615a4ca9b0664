"""The feedback channel's periodic task: flush the citizen notices a lost task left behind (``messages.py``)."""

from __future__ import annotations

from django.conf import settings

from danvan.feedback.messages import flush_notices
from danvan.jobs import schedule

schedule.register("feedback.flush_notices", lambda: settings.SCHEDULE_OUTBOX_SECONDS, flush_notices)
