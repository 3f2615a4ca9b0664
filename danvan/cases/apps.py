from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def record_sweep_baseline(sender: AppConfig, *, apps: Any = None, using: str = "default", **kwargs: Any) -> None:
    """After ``migrate`` on a new installation: the deadline sweep's baseline (``sweep.record_baseline``). Nothing
    on a database the cases are not migrated on (the read replica) or where they are not there (migrated back)."""
    from django.db import router

    from danvan.cases.sweep import record_baseline

    if not router.allow_migrate(using, "cases", model_name="deadlinesweep"):
        return
    if apps is not None:
        try:
            apps.get_model("cases", "DeadlineSweep")
        except LookupError:
            return
    record_baseline(using)


class CasesConfig(AppConfig):
    name = "danvan.cases"
    label = "cases"
    verbose_name = _("Giải quyết đơn thư")

    def ready(self) -> None:
        from danvan.cases import (  # noqa: F401
            audit_text,  # the words of its audit entries
            clock,  # forgets today's deadline clock when a rule or a calendar notice changes
            notices,  # registers the notice templates with core.documents
            todo,  # registers the cases' part of the dashboard's to-do list
        )

        post_migrate.connect(record_sweep_baseline, sender=self, dispatch_uid="cases.sweep_baseline")
