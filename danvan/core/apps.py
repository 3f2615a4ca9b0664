from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        # Registers the receivers that drop the cached calendar when a notice changes.
        from danvan.core import workdays  # noqa: F401
