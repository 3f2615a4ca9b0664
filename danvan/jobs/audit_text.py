"""The words of the background jobs' audit entries, registered with :mod:`danvan.core.audit_text`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register

register(verbs={"jobs.job.started": _("đã bắt đầu công việc nền")})
