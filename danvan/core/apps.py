import contextlib
from pathlib import Path
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


def new_calendar_version(**kwargs: Any) -> None:
    """After ``migrate``: a migration may have changed legal rules or notices without the model signals (historical
    models send none to our receivers), so every process rebuilds the calendar and the rule table."""
    from danvan.core.workdays import invalidate_calendar_cache

    with contextlib.suppress(Exception):  # no cache table yet (its creation runs in the same signal): nothing to drop
        invalidate_calendar_cache()


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        from django.core.signals import got_request_exception

        from danvan.core import (
            month_cube,
            workdays,  # noqa: F401  (registers the receivers that drop the cached calendar)
        )
        from danvan.core.error_reporting import on_request_exception

        # Unhandled errors in pages go to the error-reporting hook (DANVAN_ERROR_HOOK), if any; the API's own
        # catch-all handler (danvan.api.on_unexpected) reports its errors itself.
        got_request_exception.connect(on_request_exception, dispatch_uid="danvan.error_reporting")
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="danvan.core.create_cache_table")
        # After the cache table exists (receivers run in the order connected), once per migrate.
        post_migrate.connect(new_calendar_version, sender=self, dispatch_uid="danvan.core.new_calendar_version")
        # Every app's month cubes kept by the database: their triggers checked after every migrate (decision 0033).
        post_migrate.connect(month_cube.keep_cubes, sender=self, dispatch_uid="danvan.core.keep_month_cubes")
        _prepare_development_dirs()


def _prepare_development_dirs() -> None:
    """In development and tests, make the directory static files are served from (WhiteNoise warns when it is
    missing). Settings do no file-system work at import; in production ``danvan collectstatic`` makes it."""
    from django.conf import settings

    if not (settings.DEBUG or settings.TESTING):
        return
    with contextlib.suppress(OSError):  # a read-only tree: WhiteNoise then only warns
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
