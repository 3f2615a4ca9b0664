from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """After ``migrate``: the table of a database cache (``DANVAN_CACHE_URL=db://``, the production default).

    ``createcachetable`` does nothing when the table exists or no cache is kept in the database.
    """
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        # Registers the receivers that drop the cached calendar when a notice changes.
        from danvan.core import workdays  # noqa: F401

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="danvan.core.create_cache_table")
