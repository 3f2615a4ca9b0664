"""The household register: add, edit, move, leave; the village number in step; the register as of a day; the XLSX
import all-or-nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.http import Http404

from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AuditEntry
from danvan.democracy import access
from danvan.democracy.household_selectors import household_count_on, households_on
from danvan.democracy.household_services import household_add, household_leave, household_move, household_update
from danvan.democracy.household_xlsx import InvalidImport, build_template, import_households, rows_to_xlsx
from danvan.democracy.models import Household, Residence

D1 = dt.date(2025, 1, 10)
D2 = dt.date(2025, 6, 1)
D3 = dt.date(2025, 9, 1)


def _add(cast, village, code, name="Nguyễn Văn A", on=D1):
    return household_add(actor=cast.alice, village=village, code=code, representative_name=name, moved_in_on=on)


@pytest.mark.django_db
def test_add_keeps_the_village_number_in_step_and_refuses_a_household_in_two_villages(cast, villages):
    phu_xuan, dong_hoa, _long_binh = villages
    _add(cast, phu_xuan, "PX-001")
    _add(cast, phu_xuan, "PX-002")
    phu_xuan.refresh_from_db()
    assert phu_xuan.households == 2
    with pytest.raises(DomainError) as refused:
        _add(cast, dong_hoa, "PX-001", name="Nguyễn Văn A")
    assert refused.value.code == "household_exists"
    assert "Thôn Phú Xuân" in str(refused.value.message)
    assert "một thôn, tổ dân phố" in str(refused.value.message)
    dong_hoa.refresh_from_db()
    assert dong_hoa.households in (None, 0)
    assert Household.objects.filter(code="PX-001").count() == 1
    assert AuditEntry.objects.filter(action="core.unit.households_changed", object_id=str(phu_xuan.pk)).count() == 2


@pytest.mark.django_db
def test_a_move_is_dated_and_the_register_on_a_day_counts_it_once(cast, villages):
    phu_xuan, dong_hoa, _ = villages
    household = _add(cast, phu_xuan, "PX-001")
    _add(cast, phu_xuan, "PX-002")
    household_move(actor=cast.alice, household=household, village=dong_hoa, moved_on=D2, expected_version=1)
    assert household_count_on(phu_xuan, D2 - dt.timedelta(days=1)) == 2
    assert household_count_on(phu_xuan, D2) == 1
    assert household_count_on(dong_hoa, D2) == 1
    assert household_count_on(cast.dong_xuan, D2) == 2
    assert household_count_on(cast.dong_xuan, D1 - dt.timedelta(days=1)) == 0
    assert {r.household.code for r in households_on([phu_xuan, dong_hoa], D2)} == {"PX-001", "PX-002"}
    phu_xuan.refresh_from_db()
    dong_hoa.refresh_from_db()
    assert (phu_xuan.households, dong_hoa.households) == (1, 1)
    with pytest.raises(DomainError) as same:
        household_move(actor=cast.alice, household=household, village=dong_hoa, moved_on=D3)
    assert same.value.code == "same_village"


@pytest.mark.django_db
def test_a_move_before_the_last_one_or_to_another_commune_is_refused(cast, villages, other_village):
    phu_xuan, dong_hoa, _ = villages
    household = _add(cast, phu_xuan, "PX-001")
    with pytest.raises(DomainError) as early:
        household_move(actor=cast.alice, household=household, village=dong_hoa, moved_on=D1)
    assert early.value.code == "invalid_date"
    with pytest.raises(DomainError) as elsewhere:
        household_move(actor=cast.alice, household=household, village=other_village, moved_on=D2)
    assert elsewhere.value.code == "invalid_village"
    assert Residence.objects.filter(household=household).count() == 1


@pytest.mark.django_db
def test_leave_keeps_history_and_stale_versions_are_refused(cast, villages):
    phu_xuan = villages[0]
    household = _add(cast, phu_xuan, "PX-001")
    household_update(actor=cast.alice, household=household, representative_name="Trần Thị B", expected_version=1)
    with pytest.raises(ConflictError) as stale:
        household_update(actor=cast.alice, household=household, representative_name="Lê C", expected_version=1)
    assert stale.value.code == "stale"
    household_leave(actor=cast.alice, household=household, left_on=D3, expected_version=2)
    assert household_count_on(phu_xuan, D3 - dt.timedelta(days=1)) == 1
    assert household_count_on(phu_xuan, D3) == 0
    phu_xuan.refresh_from_db()
    assert phu_xuan.households == 0
    with pytest.raises(ConflictError):
        household_move(actor=cast.alice, household=household, village=villages[1], moved_on=dt.date(2025, 10, 1))


@pytest.mark.django_db
def test_an_officer_of_another_commune_gets_404(cast, villages):
    household = _add(cast, villages[0], "PX-001")
    assert access.access_household(cast.alice, household.pk, for_write=True) == household
    with pytest.raises(Http404):
        access.access_household(cast.bob, household.pk)
    with pytest.raises(Http404):
        access.access_village_for_write(cast.bob, villages[0].pk)


@pytest.mark.django_db
def test_import_is_all_or_nothing_with_errors_per_row(cast, villages):
    _add(cast, villages[1], "DH-001")
    content = rows_to_xlsx(
        [
            [1, "PX-001", "Nguyễn Văn An", "thon phu xuan", "0912345678", "Xóm 1", "15/03/2024"],
            [2, "PX-002", "", "Thôn Phú Xuân", "", "", ""],
            [3, "PX-001", "Lê Văn Cường", "Thôn Phú Xuân", "", "", ""],
            [4, "PX-004", "Phạm Thị Dung", "Thôn Không Có", "", "", ""],
            [5, "DH-001", "Nguyễn Văn A", "Thôn Phú Xuân", "", "", ""],
            [6, "PX-006", "Hồ Văn E", "Thôn Phú Xuân", "", "", "31/02/2024"],
        ]
    )
    with pytest.raises(InvalidImport) as refused:
        import_households(actor=cast.alice, commune=cast.dong_xuan, file=io.BytesIO(content))
    errors = {(e.row, e.column) for e in refused.value.errors}
    assert errors == {
        (3, "Chủ hộ / đại diện hộ"),
        (4, "Mã hộ"),
        (5, "Thôn, tổ dân phố"),
        (6, "Mã hộ"),
        (7, "Ở từ ngày (dd/mm/yyyy)"),
    }
    assert any("một thôn" in e.message for e in refused.value.errors)
    assert Household.objects.count() == 1


@pytest.mark.django_db
def test_import_writes_every_row_and_a_second_import_skips_them(cast, villages):
    rows = [
        [n, f"PX-{n:03}", f"Chủ hộ {n}", "Thôn Phú Xuân" if n % 2 else "Thôn Đồng Hòa", "", "", "01/01/2025"]
        for n in range(1, 11)
    ]
    result = import_households(actor=cast.alice, commune=cast.dong_xuan, file=io.BytesIO(rows_to_xlsx(rows)))
    assert (result.created, result.skipped) == (10, 0)
    again = import_households(actor=cast.alice, commune=cast.dong_xuan, file=io.BytesIO(rows_to_xlsx(rows)))
    assert (again.created, again.skipped) == (0, 10)
    villages[0].refresh_from_db()
    villages[1].refresh_from_db()
    assert (villages[0].households, villages[1].households) == (5, 5)
    assert household_count_on(cast.dong_xuan, dt.date(2025, 1, 1)) == 10
    assert Household.objects.get(code="PX-003").search_text == "px-003 chu ho 3"


@pytest.mark.django_db
def test_the_template_has_the_header(cast):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(build_template())).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["STT", "Mã hộ", "Chủ hộ / đại diện hộ"]
