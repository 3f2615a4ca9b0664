"""The logbook as each reader may see it: ID numbers masked for a reader who may not see them whole
(``core.masking``; issue 9 §2), whole ones audited once. People of a single visit are shown through
``cases.personal_data.shown_people``, shared with petitions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

from danvan.core.masking import audit_shown, present
from danvan.core.models import AdministrativeUnit
from danvan.reception import access
from danvan.reception.selectors import LogbookRow, LogbookRows


class ShownLogbookRows:
    """A logbook (``selectors.LogbookRows``) with its ID column masked for a reader who may not see it whole; the
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
