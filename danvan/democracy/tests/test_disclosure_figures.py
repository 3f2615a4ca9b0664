"""The disclosure figures for a unit subtree and period: counted in one query, records of a legacy commune count
for its successor (through the place's paths), and the other province is not counted."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.models import UnitSuccession
from danvan.core.periods import Period
from danvan.core.selectors import statistics_paths
from danvan.democracy import disclosure_services as services
from danvan.democracy.disclosure_figures import GROUP
from danvan.democracy.figures import Place, groups
from danvan.democracy.models import Disclosure, DisclosureForm, DisclosureItem

pytestmark = pytest.mark.django_db


def _make(cast, unit, number, start, end=None, issued=dt.date(2026, 3, 2)):
    return services.disclosure_create(
        actor=None,
        unit=unit,
        item=DisclosureItem.objects.get(number=number),
        title=f"Thông tin {number}",
        issued_on=issued,
        channels=[
            services.ChannelLine(
                form=DisclosureForm.objects.get(code="posting"), started_on=start, ended_on=end, place="Trụ sở"
            )
        ],
    )


def test_figures(cast, django_assert_num_queries):
    assert GROUP in groups()
    _make(cast, cast.dong_xuan, 3, dt.date(2026, 3, 3), dt.date(2026, 4, 15))
    _make(cast, cast.dong_xuan, 3, dt.date(2026, 3, 20), dt.date(2026, 4, 30))  # late
    _make(cast, cast.buon_ma_thuot, 1, dt.date(2026, 3, 3))
    _make(cast, cast.ba_dinh, 1, dt.date(2026, 3, 3))  # another province
    # A record of the legacy commune Đồng Xuân succeeded counts for Đồng Xuân.
    link = UnitSuccession.objects.filter(successor=cast.dong_xuan, is_primary=True).first()
    assert link is not None
    legacy = link.predecessor
    moved = _make(cast, cast.dong_xuan, 2, dt.date(2026, 3, 3), dt.date(2026, 4, 15))
    Disclosure.objects.filter(pk=moved.pk).update(
        unit=legacy, unit_path=legacy.path, province_code=legacy.province_code
    )
    place = Place(*statistics_paths(cast.dong_xuan))
    with django_assert_num_queries(1):
        figures = GROUP.compute(place, Period.year(2026))
    assert figures["count"] == 3
    assert figures["violations.late"] == 1 and figures["on_time"] == 2
    assert figures["violations.no_portal"] == 3
    province = GROUP.compute(Place(*statistics_paths(cast.dak_lak)), Period.year(2026))
    assert province["count"] == 4  # Đồng Xuân's three (one through its legacy commune) and Buôn Ma Thuột's
    assert GROUP.compute(place, Period.year(2025))["count"] == 0
