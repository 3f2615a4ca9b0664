"""The audit trail read as sentences: "Nguyễn Thị An đã tiếp nhận đơn 22081-2026-00023 lúc 10:12 03/12/2026".

Core knows no other app, so each app registers its words here from its ``AppConfig.ready()``: the verb of each
action code ("cases.case.accept" → "đã thụ lý đơn"), the labels of the fields its entries record ("due_on" →
"hạn giải quyết") and the labels of coded values ("status" "accepted" → "Đã thụ lý"). An action nobody registered
still reads as a sentence, from the last part of its code ("…created" → "đã tạo") or, failing that, the code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.formatting import format_date
from danvan.core.models import AuditEntry

Label = str | Promise

VERBS: dict[str, Label] = {
    "core.unit.created": gettext_lazy("đã thêm đơn vị"),
    "core.unit.households_changed": gettext_lazy("đã cập nhật số hộ của"),
    "core.organization.created": gettext_lazy("đã thêm tổ chức"),
    "core.attachment.created": gettext_lazy("đã đính kèm tệp"),
    "core.document_template.replaced": gettext_lazy("đã thay mẫu văn bản"),
    "core.document_template.reset": gettext_lazy("đã khôi phục mẫu văn bản mặc định"),
    "core.legal_rule.created": gettext_lazy("đã thêm quy định"),
    "core.legal_rule.changed": gettext_lazy("đã sửa quy định"),
    "core.legal_rule.deleted": gettext_lazy("đã xóa quy định"),
    "core.calendar_notice.created": gettext_lazy("đã thêm thông báo lịch nghỉ"),
    "core.calendar_notice.changed": gettext_lazy("đã sửa thông báo lịch nghỉ"),
    "core.calendar_notice.deleted": gettext_lazy("đã xóa thông báo lịch nghỉ"),
}
# By the last part of the code, for actions no app registered.
GENERIC_VERBS: dict[str, Label] = {
    "created": gettext_lazy("đã tạo"),
    "added": gettext_lazy("đã thêm"),
    "updated": gettext_lazy("đã sửa"),
    "changed": gettext_lazy("đã sửa"),
    "deleted": gettext_lazy("đã xóa"),
    "revoked": gettext_lazy("đã thu hồi"),
    "granted": gettext_lazy("đã cấp"),
    "enabled": gettext_lazy("đã bật"),
    "disabled": gettext_lazy("đã tắt"),
    "read": gettext_lazy("đã xem"),
    "generated": gettext_lazy("đã lập văn bản cho"),
}
FIELDS: dict[str, Label] = {
    "status": gettext_lazy("trạng thái"),
    "note": gettext_lazy("ghi chú"),
    "name": gettext_lazy("tên"),
    "households": gettext_lazy("số hộ"),
    "document_no": gettext_lazy("số văn bản"),
    "reason": gettext_lazy("lý do"),
    "kind": gettext_lazy("loại"),
    "files": gettext_lazy("số tệp"),
}
# (field, stored value) → label, for coded values ("status", "accepted").
VALUES: dict[tuple[str, str], Label] = {}
# Words that hold only for the actions under a prefix ("democracy.meeting."): an app whose "due_on" or "kind" means
# something else than another app's registers them there, so neither changes the other's sentences.
SCOPED_FIELDS: dict[str, dict[str, Label]] = {}
SCOPED_VALUES: dict[str, dict[tuple[str, str], Label]] = {}
# Fields whose value is a list (of ids, of names), not an [old, new] pair.
LISTS: set[str] = {"initiatives", "criteria"}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


def register(
    *,
    verbs: Mapping[str, Label] | None = None,
    fields: Mapping[str, Label] | None = None,
    values: Mapping[str, Mapping[str, Label]] | None = None,
    lists: set[str] | None = None,
    prefix: str | tuple[str, ...] = "",
) -> None:
    """Add an app's words: ``verbs`` by action code, ``fields`` by name, ``values`` by field then stored value;
    ``lists`` names the fields that hold a list rather than an [old, new] pair.

    Field and value labels are shared by every app unless ``prefix`` (an action-code prefix such as
    ``"democracy.meeting."``, or several) scopes them to the actions under it. A shared label that another app already gave a
    different wording is refused: it would silently change that app's sentences (register it under a prefix)."""
    VERBS.update(verbs or {})
    LISTS.update(lists or set())
    value_labels = {
        (field, str(value)): label for field, labels in (values or {}).items() for value, label in labels.items()
    }
    if prefix:
        for scope in (prefix,) if isinstance(prefix, str) else prefix:
            SCOPED_FIELDS.setdefault(scope, {}).update(fields or {})
            SCOPED_VALUES.setdefault(scope, {}).update(value_labels)
        return
    _refuse_clashes(FIELDS, dict(fields or {}))
    _refuse_clashes(VALUES, value_labels)
    FIELDS.update(fields or {})
    VALUES.update(value_labels)


def _refuse_clashes(known: Mapping[Any, Label], new: Mapping[Any, Label]) -> None:
    clashes = sorted(str(key) for key, label in new.items() if key in known and str(known[key]) != str(label))
    if clashes:
        raise ValueError(f"audit words registered twice with different labels (use prefix=…): {clashes}")


def _scoped(action: str) -> list[str]:
    """The prefixes that apply to ``action``, the longest first."""
    return sorted((prefix for prefix in SCOPED_FIELDS if action.startswith(prefix)), key=len, reverse=True)


def _verb(action: str) -> str:
    if action in VERBS:
        return str(VERBS[action])
    last = action.rsplit(".", 1)[-1]
    if last in GENERIC_VERBS:
        return str(GENERIC_VERBS[last])
    return _("đã thực hiện “%(action)s” với") % {"action": action}


def _value(field: str, value: Any, scopes: tuple[str, ...] = ()) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(field, item, scopes) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{_field(key, scopes)}: {_value(str(key), item, scopes)}" for key, item in value.items())
    text = str(value)
    for prefix in scopes:
        if (field, text) in SCOPED_VALUES[prefix]:
            return str(SCOPED_VALUES[prefix][(field, text)])
    if (field, text) in VALUES:
        return str(VALUES[(field, text)])
    if _ISO_DATE.match(text):
        return format_date(dt.date.fromisoformat(text))
    if _ISO_DATETIME.match(text):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%H:%M %d/%m/%Y")
    return text


def _field(name: Any, scopes: tuple[str, ...] = ()) -> str:
    for prefix in scopes:
        if str(name) in SCOPED_FIELDS[prefix]:
            return str(SCOPED_FIELDS[prefix][str(name)])
    return str(FIELDS.get(str(name), str(name)))


def audit_actor(entry: AuditEntry) -> str:
    actor = entry.actor
    if actor is None:
        return _("Hệ thống")
    return str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor)


def audit_sentence(entry: AuditEntry) -> str:
    """ "Nguyễn Thị An đã tiếp nhận đơn 22081-2026-00023 lúc 10:12 03/12/2026"."""
    at = timezone.localtime(entry.at).strftime("%H:%M %d/%m/%Y")
    subject = f" {entry.object_repr}" if entry.object_repr else ""
    return _("%(actor)s %(verb)s%(subject)s lúc %(at)s") % {
        "actor": audit_actor(entry),
        "verb": _verb(entry.action),
        "subject": subject,
        "at": at,
    }


def audit_details(entry: AuditEntry) -> list[str]:
    """What changed, one phrase per field: "trạng thái: Đã tiếp nhận → Đã thụ lý", "hạn giải quyết: 04/01/2027"."""
    details = []
    scopes = tuple(_scoped(entry.action))
    for name, change in (entry.changes or {}).items():
        is_pair = isinstance(change, list) and len(change) == 2 and name not in LISTS
        if is_pair and not isinstance(change[0], (list, dict)):
            text = f"{_value(name, change[0], scopes)} → {_value(name, change[1], scopes)}"
        else:
            text = _value(name, change, scopes)
        details.append(f"{_field(name, scopes)}: {text}")
    return details
