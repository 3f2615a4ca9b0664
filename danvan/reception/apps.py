from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "danvan.reception"
    label = "reception"
    verbose_name = _("Tiếp công dân")

    def ready(self) -> None:
        from danvan.reception import (  # noqa: F401
            audit_text,  # the words of its audit entries
            statistics,  # adds the visits to the unit statistics of cases.statistics
            todo,  # registers this week's reception sessions in the dashboard's to-do list
        )
