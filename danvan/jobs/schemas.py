from __future__ import annotations

import datetime as dt
import uuid

from django.urls import reverse
from ninja import Schema

from danvan.jobs.models import Job


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    label: str
    state: str
    progress: int
    total: int
    percent: int
    message: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    result_url: str | None
    page_url: str

    @staticmethod
    def resolve_result_url(obj: Job) -> str | None:
        return reverse("api:job_result", args=[obj.pk]) if obj.result_name else None

    @staticmethod
    def resolve_page_url(obj: Job) -> str:
        return reverse("jobs:detail", args=[obj.pk])
