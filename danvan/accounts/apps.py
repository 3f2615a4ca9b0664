from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = _("Cán bộ và phân quyền")

    def ready(self) -> None:
        from danvan.accounts import audit_text  # noqa: F401  (the words of its audit entries)
