"""The month cubes' periodic task: fold the rows the database's triggers added into one per key (decision 0033)."""

from __future__ import annotations

from django.db import transaction

from danvan.core.tasks import task


@task()
def merge_month_cubes() -> int:
    """Fold every trigger-kept cube's new rows (``MonthCube.merge``), one transaction per cube; returns the number
    of rows folded."""
    from danvan.core.month_cube import cubes

    folded = 0
    for cube in cubes():
        if cube.merged_field is None:
            continue
        with transaction.atomic():
            folded += cube.merge()
    return folded
