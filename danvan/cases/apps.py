from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
