"""Helpers of the public part's tests: file a report, bring it to a state an officer would (direct updates)."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from danvan.feedback.intake import ReportIn, report_submit
from danvan.feedback.models import EventKind, Report, ReportEvent, ReportState


def file_report(unit, *, category="flooding", offset=(0.0, 0.0), description="Đường ngập sâu", **extra):
    submitted = report_submit(
        ReportIn(
            category_code=category,
            description=description,
            latitude=float(unit.latitude) + offset[0],
            longitude=float(unit.longitude) + offset[1],
            citizen_name="Nguyễn Văn A",
            citizen_phone="0912345678",
            citizen_email="a@example.vn",
            **extra,
        )
    )
    return submitted.report, submitted.secret


def answer(report: Report, *, when: dt.datetime | None = None, text: str = "Đã khơi thông cống.") -> Report:
    when = when or timezone.now()
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.ANSWERED, is_open=False, answered_at=when, answer_text=text, answered_by_name="UBND xã"
    )
    ReportEvent.objects.create(report=report, kind=EventKind.ANSWERED, text=text, actor_name="UBND xã", at=when)
    report.refresh_from_db()
    return report


def ask_info(report: Report, text: str = "Xin gửi thêm ảnh.") -> None:
    ReportEvent.objects.create(report=report, kind=EventKind.INFO_REQUESTED, text=text, at=timezone.now())


def jpeg(name: str = "anh.jpg", *, exif_gps: bool = False) -> SimpleUploadedFile:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    buffer = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "EvilCam"  # Make
        exif[0x8825] = {1: "N", 2: (21.0, 1.0, 0.0)}  # GPS IFD
        exif[0x9286] = "<script>alert(1)</script>" * 20  # UserComment
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")
