from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Holds the ``demo`` management command; no models, nothing done at start-up."""

    name = "danvan.demo"
    label = "demo"
    verbose_name = _("Dữ liệu mẫu")
