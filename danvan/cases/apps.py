from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "danvan.cases"
    label = "cases"
    verbose_name = _("Tiếp công dân, giải quyết đơn thư")

    def ready(self) -> None:
        from danvan.cases import notices  # noqa: F401 - registers the notice templates with core.documents
