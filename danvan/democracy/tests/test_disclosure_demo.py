"""The demo register: every demo commune gets disclosures that are green, yellow and red on its board; loading
twice adds nothing."""

from __future__ import annotations

import pytest

from danvan.demo.democracy import disclosures
from danvan.demo.officers import load_officers, load_villages
from danvan.democracy.models import ComplianceStatus, Disclosure

pytestmark = pytest.mark.django_db


def test_demo_disclosures(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_villages()
    load_officers()
    created = disclosures.load("66")
    assert created == 4 * len(disclosures.RECORDS)
    at = Disclosure.objects.filter(unit=cast.dong_xuan)
    statuses = set(at.values_list("status", flat=True))
    assert statuses == {ComplianceStatus.OK, ComplianceStatus.PENDING, ComplianceStatus.VIOLATION}
    assert at.filter(is_taken_down=True).exists() and at.filter(is_too_short=True).exists()
    assert at.filter(is_late=True).exists()
    assert disclosures.load("66") == 0
    assert at.filter(document__isnull=False, is_published=True).exists()  # a decision to download on the portal
