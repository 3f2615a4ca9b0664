"""Personal data in a report's texts and on the officer's pages.

``find_personal_data`` spots what looks like a phone number or an ID number (9-digit CMND, 12-digit CCCD) in a
text a citizen or an officer wrote for the public; moderation flags the report (``has_personal_data_flag``) so an
officer edits it out. ``citizen_contact`` is the citizen's contact as an officer's page shows it: whole for the
unit's officers, masked for viewers (``cases.access.sees_personal_data``, ``core.masking``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from danvan.core.masking import present
from danvan.feedback import access
from danvan.feedback.models import Report

# Digits possibly grouped by spaces, dots or dashes ("0912 345 678", "0912.345.678", "+84 912 345 678").
_NUMBER = re.compile(r"(?<![\w])\+?\d(?:[\s.\-]?\d){7,13}(?![\w])")
_PHONE = re.compile(r"^(?:\+?84|0)(?:[235789]\d{8}|2\d{9})$")
_ID = re.compile(r"^\d{9}$|^\d{12}$")


@dataclass(frozen=True)
class Found:
    kind: str  # "phone" or "id_number"
    text: str  # as written


def find_personal_data(text: str | None) -> list[Found]:
    """The phone numbers and 9/12-digit ID numbers in ``text``."""
    found: list[Found] = []
    for match in _NUMBER.finditer(text or ""):
        raw = match.group(0)
        digits = re.sub(r"[\s.\-]", "", raw)
        if _PHONE.match(digits):
            found.append(Found("phone", raw))
        elif _ID.match(digits.lstrip("+")):
            found.append(Found("id_number", raw))
    return found


def has_personal_data(*texts: str | None) -> bool:
    return any(find_personal_data(text) for text in texts)


@dataclass(frozen=True)
class CitizenContact:
    name: str
    phone: str
    email: str
    whole: bool


def citizen_contact(user: Any, report: Report) -> CitizenContact:
    """The citizen's name and contact for ``user``: phone and e-mail masked unless they see personal data."""
    whole = access.sees_citizen_data(user, report)
    return CitizenContact(
        name=report.citizen_name,
        phone=present(report.citizen_phone, whole=whole) if report.citizen_phone else "",
        email=present(report.citizen_email, whole=whole) if report.citizen_email else "",
        whole=whole,
    )
