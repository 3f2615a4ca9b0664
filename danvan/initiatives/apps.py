from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "danvan.initiatives"
    label = "initiatives"
    verbose_name = _("Mô hình, điển hình “Dân vận khéo”")

    def ready(self) -> None:
        from danvan.initiatives import (
            audit_text,  # noqa: F401  (the words of its audit entries)
            todo,  # noqa: F401 - registers its part of the dashboard's to-do list
        )
