"""``danvan rebuild_month_cube [--province CODE …] [--check]``

Counts every month cube (``core.month_cube``: the dossiers, the petitions and the recommendations by month) again
from its records, in one transaction per cube that first holds the cube's writers off (the dossier imports' mapping
rows; the petitions' or recommendations' table in share mode on PostgreSQL) — the repair after records were written
around the services or the triggers. ``--check`` changes nothing: it compares each cube with its records and fails
(exit status 1) naming the differing rows when one is off.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from danvan.core.month_cube import cubes


class Command(BaseCommand):
    help = "Tính lại bảng số liệu theo tháng (hồ sơ thủ tục hành chính, đơn thư, kiến nghị) từ các bản ghi; --check chỉ so sánh."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province", action="append", default=[], help="Chỉ tỉnh có mã này (mã hai chữ số; có thể lặp lại)"
        )
        parser.add_argument("--check", action="store_true", help="Chỉ so sánh với các bản ghi, không sửa")

    def handle(self, *args: Any, **options: Any) -> None:
        provinces = options["province"] or None
        off = 0
        for cube in cubes():
            if options["check"]:
                differences = cube.differences(provinces=provinces)
                off += len(differences)
                for row in differences[:20]:
                    self.stdout.write(f"{cube.name}: {' '.join(str(value) for value in row)}")
                self.stdout.write(f"{cube.name}: {len(differences)} dòng lệch so với bản ghi")
                continue
            with transaction.atomic():
                if cube.hold_writers is not None:
                    cube.hold_writers(provinces)
                cube.rebuild(provinces=provinces)
            self.stdout.write(f"{cube.name}: đã tính lại ({cube.size()} dòng)")
        if off:
            raise CommandError(f"Bảng số liệu theo tháng lệch {off} dòng so với bản ghi; chạy lại không có --check.")
