import pytest
from django.db import DatabaseError, transaction

from danvan.core.models import AuditEntry, UnitKind
from danvan.core.services import unit_set_households, village_create


def test_village_creation_and_household_change_are_audited(cast):
    village = village_create(
        actor=cast.alice, commune=cast.dong_xuan, name="Thôn Một", kind=UnitKind.VILLAGE, households=10
    )
    unit_set_households(actor=cast.alice, unit=village, households=12)
    entries = list(AuditEntry.objects.filter(object_id=str(village.pk)).order_by("id"))
    assert [e.action for e in entries] == ["core.unit.created", "core.unit.households_changed"]
    assert entries[1].changes == {"households": [10, 12]}
    assert entries[1].actor == cast.alice and entries[1].unit_path == village.path


def test_audit_entries_cannot_be_changed_or_deleted(cast):
    village_create(actor=cast.alice, commune=cast.dong_xuan, name="Thôn Hai", kind=UnitKind.VILLAGE, households=1)
    entry = AuditEntry.objects.latest("id")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "core.unit.created"
