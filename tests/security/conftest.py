"""The security tests' cast, beyond the shared one (conftest.py at the root): the leader of Xã Đồng Xuân's People's
Committee (grace, the competent body for denunciations there), a second officer of it (ivan), the leader and an
officer of the commune's Fatherland Front (front_leader, front_officer) and a Front viewer (front_viewer)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_officer, organization
from danvan.accounts.models import Role
from danvan.accounts.services import membership_grant
from danvan.cases.models import Field

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def land(db) -> Field:
    return Field.objects.get(code="dat-dai")


@pytest.fixture
def grace(cast):
    return make_officer("grace", "Võ Thị Giang", "22081", Role.LEADER)


@pytest.fixture
def ivan(cast):
    return make_officer("ivan", "Bùi Văn Ích", "22081", Role.OFFICER)


def _front(username: str, full_name: str, role: str):
    officer = make_officer(username, full_name)
    membership_grant(actor=None, officer=officer, organization=organization("22081", "fatherland_front"), role=role)
    return officer


@pytest.fixture
def front_leader(cast):
    return _front("front_leader", "Chủ tịch Mặt trận", Role.LEADER)


@pytest.fixture
def front_officer(cast):
    return _front("front_officer", "Cán bộ Mặt trận", Role.OFFICER)


@pytest.fixture
def front_viewer(cast):
    return _front("front_viewer", "Người xem Mặt trận", Role.VIEWER)
