"""Petitioners' and visitors' ID and phone numbers as each reader may see them (``core.masking``; issue 9 §2).

``access.sees_personal_data`` decides (officers and leaders of the unit: whole; viewers, of the unit or of a mass
organization: masked). Every page, API answer and export that shows people goes through here, so whole ID numbers
shown are audited in one place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from danvan.cases import access
from danvan.core.masking import audit_shown, present


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
