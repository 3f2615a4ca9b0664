"""Petitioners' and visitors' ID and phone numbers as each reader may see them (``core.masking``; issue 9 §2).

``access.sees_personal_data`` decides (officers and leaders of the unit: whole; viewers, of the unit or of a mass
organization: masked). Every page, API answer and export that shows people goes through here, so whole ID numbers
shown are audited in one place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from danvan.cases import access
from danvan.cases.reception import LogbookRow, LogbookRows
from danvan.core.masking import audit_shown, present
from danvan.core.models import AdministrativeUnit


@dataclasses.dataclass(frozen=True)
class ShownPerson:
    full_name: str
    address: str
    phone: str
    id_number: str
    is_representative: bool


def shown_people(user: Any, record: Any, people: Iterable[Any], *, where: str) -> list[ShownPerson]:
    """The people of ``record`` (a case or a visit), masked unless the reader may see them whole (then audited)."""
    whole = access.sees_personal_data(user, record.unit)
    shown = [
        ShownPerson(
            full_name=p.full_name,
            address=p.address,
            phone=present(getattr(p, "phone", ""), whole=whole),
            id_number=present(p.id_number, whole=whole),
            is_representative=p.is_representative,
        )
        for p in people
    ]
    if whole:
        audit_shown(
            actor=user, where=where, count=sum(bool(p.id_number) for p in shown), instance=record, unit=record.unit
        )
    return shown


class ShownLogbookRows:
    """A logbook (``reception.LogbookRows``) with its ID column masked for a reader who may not see it whole; the
    same lazy sequence for pages, the API and the XLSX export. A whole logbook shown is audited once."""

    def __init__(self, user: Any, rows: LogbookRows, unit: AdministrativeUnit | None, *, where: str) -> None:
        self._rows = rows
        self._whole = access.sees_personal_data_over(user, unit)
        self._user, self._unit, self._where = user, unit, where
        self._audited = False

    def _show(self, rows: Sequence[LogbookRow]) -> list[LogbookRow]:
        if self._whole:
            count = sum(bool(row.id_document) for row in rows)
            if count and not self._audited:
                self._audited = True
                audit_shown(
                    actor=self._user, where=self._where, count=count, instance=self._unit or self._user, unit=self._unit
                )
            return list(rows)
        return [dataclasses.replace(row, id_document=present(row.id_document, whole=False)) for row in rows]

    def count(self) -> int:
        return self._rows.count()

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: slice) -> list[LogbookRow]:
        return self._show(self._rows[index])

    def __iter__(self) -> Iterator[LogbookRow]:
        for row in self._rows:
            yield from self._show([row])
