"""Access to core records that needs no officer: units are public data, anyone may read them.

What an officer may do with units, villages, the audit trail and attachments is asked of ``danvan.office.access``
(the kernel knows no officer, no role). A missing unit is ``Http404``.
"""

from __future__ import annotations

from django.http import Http404

from danvan.core.models import AdministrativeUnit


def access_unit(unit_id: int) -> AdministrativeUnit:
    """Any unit, for reading (units are public)."""
    unit = AdministrativeUnit.objects.select_related("parent").filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit
