"""API schemas of the officers' app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from ninja import Schema

from danvan.core.models import Attachment

# --- Attachments ------------------------------------------------------------------------------------------------------


class AttachmentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    sha256: str
    unit_id: int | None
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj: Attachment, context: dict[str, Any]) -> str:
        request = context.get("request")
        match = getattr(request, "resolver_match", None)
        namespace = match.namespace if match is not None and match.namespace else "api"
        return reverse(f"{namespace}:attachment_download", kwargs={"attachment_id": obj.pk})
