"""The demo loads real-looking registers and consultations, and loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.demo.democracy import consultations, households
from danvan.demo.officers import load_villages
from danvan.democracy.household_selectors import household_count_on
from danvan.democracy.models import Consultation, ConsultationStatus


@pytest.mark.django_db
def test_demo_registers_match_the_village_numbers(cast):
    load_villages()
    added = households.load("66")
    assert added > 1000
    assert households.load("66") == 0
    for village in AdministrativeUnit.objects.filter(parent=cast.dong_xuan, level=UnitLevel.VILLAGE):
        assert household_count_on(village, timezone.localdate()) == village.households
    assert consultations.load("66") == 3
    assert consultations.load("66") == 0
    statuses = set(Consultation.objects.values_list("status", flat=True))
    assert statuses == {ConsultationStatus.DRAFT, ConsultationStatus.OPEN, ConsultationStatus.DECIDED}
    assert Consultation.objects.get(status=ConsultationStatus.DECIDED).against_majority
    assert Consultation.objects.get(status=ConsultationStatus.OPEN).draft is not None
