"""Fixtures shared by the democracy tests: villages of Xã Đồng Xuân (alice's commune) and of Phường Buôn Ma Thuột
(bob's, another commune of the same province)."""

from __future__ import annotations

import pytest

from danvan.cases.tests.conftest import committed_audit_cleanup  # noqa: F401  (transactional tests: audit rows)
from danvan.core.models import UnitKind
from danvan.core.services import village_create


@pytest.fixture
def villages(cast):
    """Three villages of Xã Đồng Xuân."""
    return [
        village_create(actor=cast.alice, commune=cast.dong_xuan, name=name, kind=UnitKind.VILLAGE, households=None)
        for name in ("Thôn Phú Xuân", "Thôn Đồng Hòa", "Thôn Long Bình")
    ]


@pytest.fixture
def other_village(cast):
    """A residential group of Phường Buôn Ma Thuột (bob's commune)."""
    from conftest import unit

    return village_create(
        actor=cast.bob, commune=unit("24133"), name="Tổ dân phố 1", kind=UnitKind.RESIDENTIAL_GROUP, households=None
    )
