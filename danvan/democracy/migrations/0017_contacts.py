"""Dialogues with staff, electoral areas and voter contacts (docs/democracy/contacts.md), and the rule of how
many dialogues with its staff a body's head holds a year."""

import datetime as dt


import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


RULE = {
    "code": "staff_dialogue.per_year_min",
    "valid_from": dt.date(2023, 7, 1),
    "name": "Người đứng đầu cơ quan, đơn vị đối thoại với cán bộ, công chức, viên chức, người lao động (tối thiểu)",
    "value": 1,
    "value_unit": "time_per_year",
    "day_kind": "none",
    "legal_basis": "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Chương IV",
    "confidence": "unsure",
    "note": "Ít nhất mỗi năm một lần; quản trị có thể sửa.",
    "verification": "Đối chiếu điều cụ thể của Chương IV Luật 10/2022/QH15 (đối thoại tại cơ quan, đơn vị) và "
    "sửa đổi năm 2024, Luật 97/2025.",
}


def seed(apps, schema_editor):
    LegalRule = apps.get_model("core", "LegalRule")
    fields = {key: value for key, value in RULE.items() if key not in ("code", "valid_from")}
    LegalRule.objects.update_or_create(
        code=RULE["code"], valid_from=RULE["valid_from"], defaults={**fields, "valid_to": None}
    )


def unseed(apps, schema_editor):
    LegalRule = apps.get_model("core", "LegalRule")
    LegalRule.objects.filter(code=RULE["code"], valid_from=RULE["valid_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_law_2026_calendar_and_rules"),
        ("democracy", "0016_supervision"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ElectoralArea",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("unit_path", models.CharField(db_index=True, editable=False, max_length=120)),
                ("province_code", models.CharField(editable=False, max_length=2)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "council_level",
                    models.CharField(
                        choices=[("commune", "HĐND cấp xã"), ("province", "HĐND cấp tỉnh")],
                        max_length=10,
                        verbose_name="cấp Hội đồng nhân dân",
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="số đơn vị bầu cử")),
                ("name", models.CharField(max_length=200, verbose_name="tên đơn vị bầu cử")),
                ("term", models.CharField(blank=True, max_length=20, verbose_name="nhiệm kỳ")),
                ("deputies", models.TextField(blank=True, verbose_name="đại biểu HĐND (mỗi dòng một người)")),
                ("submission_key", models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True)),
                ("submission_fingerprint", models.CharField(blank=True, default="", editable=False, max_length=64)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.administrativeunit",
                        verbose_name="đơn vị",
                    ),
                ),
                (
                    "units",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="core.administrativeunit", verbose_name="địa bàn"
                    ),
                ),
            ],
            options={
                "verbose_name": "đơn vị bầu cử",
                "verbose_name_plural": "đơn vị bầu cử",
            },
        ),
        migrations.CreateModel(
            name="StaffDialogue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("unit_path", models.CharField(db_index=True, editable=False, max_length=120)),
                ("province_code", models.CharField(editable=False, max_length=2)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveIntegerField(default=1)),
                ("year", models.PositiveSmallIntegerField(verbose_name="năm")),
                ("held_on", models.DateField(verbose_name="ngày đối thoại")),
                ("place", models.CharField(blank=True, max_length=300, verbose_name="địa điểm")),
                ("chaired_by", models.CharField(max_length=200, verbose_name="người đứng đầu chủ trì")),
                ("participants", models.PositiveIntegerField(verbose_name="số người tham dự")),
                ("topics", models.CharField(blank=True, max_length=500, verbose_name="nội dung đối thoại")),
                ("minutes", models.TextField(blank=True, verbose_name="biên bản, kết quả đối thoại")),
                ("submission_key", models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True)),
                ("submission_fingerprint", models.CharField(blank=True, default="", editable=False, max_length=64)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.organization",
                        verbose_name="cơ quan, đơn vị",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.administrativeunit",
                        verbose_name="đơn vị",
                    ),
                ),
            ],
            options={
                "verbose_name": "đối thoại với cán bộ, công chức",
                "verbose_name_plural": "đối thoại với cán bộ, công chức",
            },
        ),
        migrations.CreateModel(
            name="VoterContact",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("unit_path", models.CharField(db_index=True, editable=False, max_length=120)),
                ("province_code", models.CharField(editable=False, max_length=2)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveIntegerField(default=1)),
                ("session_name", models.CharField(max_length=200, verbose_name="kỳ họp")),
                ("session_on", models.DateField(blank=True, null=True, verbose_name="ngày khai mạc kỳ họp")),
                (
                    "timing",
                    models.CharField(
                        choices=[("before", "Trước kỳ họp"), ("after", "Sau kỳ họp")],
                        max_length=6,
                        verbose_name="thời điểm",
                    ),
                ),
                ("held_on", models.DateField(verbose_name="ngày tiếp xúc")),
                ("place", models.CharField(max_length=300, verbose_name="địa điểm")),
                (
                    "status",
                    models.CharField(
                        choices=[("scheduled", "Đã lên lịch"), ("held", "Đã tiếp xúc"), ("cancelled", "Đã hủy")],
                        default="scheduled",
                        max_length=10,
                        verbose_name="trạng thái",
                    ),
                ),
                ("deputies_present", models.TextField(blank=True, verbose_name="đại biểu dự (mỗi dòng một người)")),
                ("voters_attending", models.PositiveIntegerField(blank=True, null=True, verbose_name="số cử tri dự")),
                ("minutes", models.TextField(blank=True, verbose_name="tóm tắt buổi tiếp xúc")),
                ("cancel_reason", models.CharField(blank=True, max_length=300, verbose_name="lý do hủy")),
                ("submission_key", models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True)),
                ("submission_fingerprint", models.CharField(blank=True, default="", editable=False, max_length=64)),
                (
                    "area",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contacts",
                        to="democracy.electoralarea",
                        verbose_name="đơn vị bầu cử",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.administrativeunit",
                        verbose_name="đơn vị",
                    ),
                ),
            ],
            options={
                "verbose_name": "tiếp xúc cử tri",
                "verbose_name_plural": "tiếp xúc cử tri",
            },
        ),
        migrations.AddConstraint(
            model_name="electoralarea",
            constraint=models.UniqueConstraint(
                fields=("unit", "council_level", "number"), name="electoral_area_number_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="staffdialogue",
            index=models.Index(fields=["province_code", "unit_path", "held_on"], name="staff_dialogue_place_held"),
        ),
        migrations.AddIndex(
            model_name="staffdialogue",
            index=models.Index(fields=["organization", "year"], name="staff_dialogue_org_year"),
        ),
        migrations.AddIndex(
            model_name="votercontact",
            index=models.Index(fields=["province_code", "unit_path", "held_on"], name="voter_contact_place_held"),
        ),
        migrations.AddIndex(
            model_name="votercontact",
            index=models.Index(fields=["area", "held_on"], name="voter_contact_area_held"),
        ),
        migrations.RunPython(seed, unseed),
    ]
