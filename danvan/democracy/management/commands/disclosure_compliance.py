"""Recompute the disclosures whose compliance may have changed today (a posting reaching its 30th day, a deadline
passing): the nightly sweep, healthchecks-style. Safe to run on several nodes: each disclosure's result is a pure
function of its rows and the rules."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from danvan.democracy.disclosure_services import disclosures_refresh
from danvan.democracy.models import Disclosure


class Command(BaseCommand):
    help = "Tính lại việc tuân thủ của các thông tin công khai đến hạn xem xét lại."

    def handle(self, *args: Any, **options: Any) -> None:
        count = disclosures_refresh(Disclosure.objects.all())
        self.stdout.write(f"Đã tính lại {count} thông tin công khai.")
