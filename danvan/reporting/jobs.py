"""The reporting app's periodic tasks and background jobs (registered with ``danvan.jobs``, found by its
``autodiscover_modules("jobs")`` in every process), one section per part."""

from __future__ import annotations

from django.conf import settings

from danvan.jobs import schedule

# --- Plans ---
from danvan.reporting import plan_audit_text, plan_todo  # noqa: F401  (audit words, to-do entries of plans)
from danvan.reporting.plan_tasks import sweep_plan_overdue

schedule.register("reporting.plan_overdue", lambda: settings.SCHEDULE_SWEEP_SECONDS, sweep_plan_overdue)

# --- Dossiers ---
from danvan.reporting import dossier_jobs  # noqa: E402,F401  (the dossier import)

# --- Month cubes ---
from danvan.reporting.cube_tasks import merge_month_cubes  # noqa: E402

schedule.register("reporting.merge_month_cubes", lambda: settings.SCHEDULE_CUBE_MERGE_SECONDS, merge_month_cubes)
