from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_registry(sender: AppConfig, *, apps: Any = None, using: str = "default", **kwargs: Any) -> None:
    """After ``migrate``: a registry row for every computed indicator code that has none (a source registered
    after the seed migrations), so it shows in the registry, the reports and the dashboard at once. Nothing when
    the registry's table is not there (migrated back to zero) or not on that database."""
    from django.db import router

    from danvan.reporting.indicator_services import sync_indicators

    if not router.allow_migrate(using, "reporting", model_name="indicator"):
        return  # a database the registry is not migrated on (the read replica)
    if apps is not None:
        try:
            apps.get_model("reporting", "Indicator")
        except LookupError:
            return
    sync_indicators(using=using)


def keep_month_cubes(sender: AppConfig, *, apps: Any = None, using: str = "default", **kwargs: Any) -> None:
    """After ``migrate`` (and a test database's flush): every cube the database keeps has its triggers as its
    definition says — put back and the cube counted afresh when they are missing or differ (a first migrate, a
    changed cube or records model; SQLite drops a table's triggers when a migration rebuilds the table) — and a cube
    of a table left empty is empty (a flush deletes the records and the cube in any order on SQLite, so the
    triggers may have left rows behind). A cube whose table is gone (migrated back) leaves no trigger behind.
    Decision 0033."""
    from django.db import connections, router, transaction

    from danvan.reporting.month_cube import cubes

    if using != "default" or not router.allow_migrate(using, "reporting", model_name="casemonth"):
        return
    tables = set(connections[using].introspection.table_names())
    for cube in cubes():
        if cube.merged_field is None or cube.records._meta.db_table not in tables:
            continue
        if cube.cube._meta.db_table not in tables:
            with transaction.atomic(using=using), connections[using].cursor() as cursor:
                for statement in cube.drop_trigger_sql():
                    cursor.execute(statement)
            continue
        if not cube.triggers_current():
            # The triggers first (a short lock of the records' table), then the recount with writers held off
            # (readers go on): rows the triggers added in between are deleted and counted again with the rest.
            with transaction.atomic(using=using):
                cube.install_triggers()
            with transaction.atomic(using=using):
                if cube.hold_writers is not None:
                    cube.hold_writers(None)
                cube.rebuild()
        elif not cube.records._default_manager.exists():
            with transaction.atomic(using=using):
                cube.cube._default_manager.all().delete()


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = _("Kế hoạch, chỉ tiêu và báo cáo")

    def ready(self) -> None:
        from danvan.reporting import (  # noqa: F401
            indicator_sources,  # registers every computed indicator
            submission_todo,  # the submissions' to-do entries
        )

        post_migrate.connect(sync_registry, sender=self, dispatch_uid="reporting.sync_indicators")
        post_migrate.connect(keep_month_cubes, sender=self, dispatch_uid="reporting.keep_month_cubes")
