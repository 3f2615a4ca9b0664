from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    """The officers' shared back office above the kernel: dashboard, unit and organization pages, the calendar
    tool, the audit trail, attachments, and the unit-level access rules the domain apps ask."""

    name = "danvan.office"
    label = "office"
    verbose_name = _("Văn phòng")
