"""Moderation keeps the original for revert; the personal-data flag follows the texts; duplicate suggestions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry
from danvan.feedback import triage
from danvan.feedback.duplicates import duplicate_suggestions
from danvan.feedback.intake import ReportIn, report_submit
from danvan.feedback.models import EventKind, Report, ReportEvent, ReportPhoto
from danvan.feedback.moderation import flag_personal_data, moderation_revert, report_moderate
from danvan.feedback.personal_data import find_personal_data, has_personal_data


def submit(description: str = "Rác ùn ứ ở đầu ngõ", **extra) -> Report:
    data = {"category_code": "waste", "description": description, "unit_code": "22081", **extra}
    return report_submit(ReportIn(**data)).report


@pytest.mark.parametrize(
    "text,kind",
    [
        ("gọi 0912345678 nhé", "phone"),
        ("số 0912 345 678", "phone"),
        ("số 0912.345.678", "phone"),
        ("+84 912 345 678", "phone"),
        ("CCCD 001203004567", "id_number"),
        ("CMND 123456789", "id_number"),
    ],
)
def test_personal_data_is_found(text, kind):
    assert [f.kind for f in find_personal_data(text)] == [kind]


@pytest.mark.parametrize("text", ["Đường số 12, tổ 3", "năm 2025", "cách 250 m", "mã PA-7K3M9Q2X", ""])
def test_ordinary_numbers_are_not_personal_data(text):
    assert not has_personal_data(text)


def test_moderate_description_keeps_the_original_and_revert_restores_it(cast):
    report = submit("Ông Tư 0987654321 đổ rác ra đường")
    flag_personal_data(report)
    assert Report.objects.get(pk=report.pk).has_personal_data_flag
    item = report_moderate(
        actor=cast.alice,
        report=report,
        field="description",
        replacement="Có người đổ rác ra đường",
        reason="Có số điện thoại",
        expected_version=report.version,
    )
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.description == "Có người đổ rác ra đường" and not fresh.has_personal_data_flag
    assert "0987654321" not in fresh.search_text
    assert item.original == "Ông Tư 0987654321 đổ rác ra đường"
    assert ReportEvent.objects.filter(report=report, kind=EventKind.MODERATED, is_public=True).exists()
    moderation_revert(actor=cast.alice, moderation=item)
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.description == item.original and fresh.has_personal_data_flag
    assert AuditEntry.objects.filter(action="feedback.report.moderation_reverted").exists()
    with pytest.raises(DomainError) as error:
        moderation_revert(actor=cast.alice, moderation=item)
    assert error.value.code == "already_reverted"


def test_an_older_moderation_cannot_be_reverted_over_a_newer_one(cast):
    report = submit()
    first = report_moderate(actor=cast.alice, report=report, field="description", replacement="A", reason="r")
    report_moderate(actor=cast.alice, report=report, field="description", replacement="B", reason="r")
    with pytest.raises(DomainError) as error:
        moderation_revert(actor=cast.alice, moderation=first)
    assert error.value.code == "moderation_superseded" and error.value.status == 409


def test_moderate_refusals(cast):
    report = submit()
    with pytest.raises(DomainError) as error:
        report_moderate(actor=cast.alice, report=report, field="citizen_phone", replacement="x", reason="r")
    assert error.value.code == "invalid_field"
    with pytest.raises(DomainError) as error:
        report_moderate(actor=cast.alice, report=report, field="answer_text", replacement="x", reason="r")
    assert error.value.code == "no_answer"
    with pytest.raises(DomainError) as error:
        report_moderate(actor=cast.alice, report=report, field="description", replacement="x", reason="")
    assert error.value.fields and "reason" in error.value.fields
    for outsider in (cast.erin, cast.bob):
        with pytest.raises(DomainError) as error:
            report_moderate(actor=outsider, report=report, field="description", replacement="x", reason="r")
        assert error.value.status == 403
    with pytest.raises(DomainError) as error:
        report_moderate(
            actor=cast.alice,
            report=report,
            field="description",
            replacement="x",
            reason="r",
            expected_version=report.version + 1,
        )
    assert error.value.code == "stale"


def test_moderate_an_answer(cast):
    report = submit()
    triage.report_answer(actor=cast.carol, report=report, text="Liên hệ 0905123456")
    assert Report.objects.get(pk=report.pk).has_personal_data_flag
    report_moderate(actor=cast.alice, report=report, field="answer_text", replacement="Liên hệ UBND xã", reason="r")
    assert not Report.objects.get(pk=report.pk).has_personal_data_flag


def _png() -> SimpleUploadedFile:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(buffer, format="PNG")
    return SimpleUploadedFile("a.png", buffer.getvalue(), content_type="image/png")


def test_hide_a_photo_and_show_it_again(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    report = report_submit(
        ReportIn(category_code="waste", description="Rác", unit_code="22081", photos=[_png()])
    ).report
    photo = ReportPhoto.objects.get(report=report)
    item = report_moderate(actor=cast.alice, report=report, field="photo", photo=photo, reason="Lộ mặt người")
    assert ReportPhoto.objects.get(pk=photo.pk).is_hidden
    with pytest.raises(DomainError) as error:
        report_moderate(actor=cast.alice, report=report, field="photo", photo=photo.pk, reason="again")
    assert error.value.code == "photo_already_hidden"
    moderation_revert(actor=cast.alice, moderation=item)
    assert not ReportPhoto.objects.get(pk=photo.pk).is_hidden
    with pytest.raises(DomainError) as error:
        report_moderate(actor=cast.alice, report=report, field="photo", photo=987654, reason="r")
    assert error.value.code == "unknown_photo"


def test_duplicates_by_distance_and_text(cast):
    unit = cast.dong_xuan
    lat, lng = float(unit.latitude), float(unit.longitude)

    def at(description: str, dlat: float = 0.0, category: str = "waste") -> Report:
        return report_submit(
            ReportIn(
                category_code=category, description=description, latitude=lat + dlat, longitude=lng, unit_code="22081"
            )
        ).report

    report = at("Bãi rác tự phát cạnh cầu tràn thôn 2")
    near_alike = at("Bãi rác tự phát cạnh cầu tràn gây mùi", 0.0005)  # about 55 m
    near_other = at("Xe chở đất làm rơi vãi", 0.001)  # about 110 m, another text
    far = at("Bãi rác tự phát cạnh cầu tràn thôn 2", 0.01)  # about 1,1 km
    other_category = at("Bãi rác tự phát cạnh cầu tràn thôn 2", 0.0, "flooding")
    closed = at("Bãi rác tự phát cạnh cầu tràn thôn 2", 0.0002)
    triage.report_refuse(actor=cast.alice, report=closed, reason="spam", text="x")
    found = [s.report.pk for s in duplicate_suggestions(report)]
    assert found[:2] == [near_alike.pk, near_other.pk]
    assert far.pk not in found and other_category.pk not in found and closed.pk not in found
