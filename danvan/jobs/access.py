"""Who may see a job and download its result: the officer who started it, no one else."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from danvan.jobs.models import Job


def access_job(user: Any, job_id: uuid.UUID | str) -> Job:
    """The job if ``user`` started it; 404 otherwise (another's job is not even said to exist)."""
    try:
        return Job.objects.get(pk=job_id, owner_id=user.pk)
    except (Job.DoesNotExist, ValueError) as error:
        raise Http404 from error
