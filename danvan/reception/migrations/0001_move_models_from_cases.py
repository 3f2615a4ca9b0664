"""Reception becomes its own app (decision 0013): its models move here from ``cases`` with their data.

Only Django's picture of the models moves (``SeparateDatabaseAndState``): the tables keep their names
(``cases_receptionsession``, ``cases_visit``, ``cases_visitperson``, set as ``db_table``), their rows, indexes,
sequences and foreign keys, on SQLite and PostgreSQL alike; nothing is copied or locked. The content types move to
the new app label, so the permissions attached to them (and anything naming them) follow. ``cases.0013`` then drops
the models from ``cases``' picture and points ``Case.visit`` here.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("receptionsession", "visit", "visitperson")


def _move_content_types(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        moving = ContentType.objects.using(db).filter(app_label=old, model=model)
        if not moving.exists():
            continue  # a database made after the move: post_migrate creates the new one
        # A content type made for the new label in between has no row of its own: the old one, with its
        # permissions, takes its place.
        ContentType.objects.using(db).filter(app_label=new, model=model).delete()
        moving.update(app_label=new)


def forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, "cases", "reception")


def backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, "reception", "cases")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0012_submission_fingerprint"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_law_2026_calendar_and_rules"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ReceptionSession',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('unit_path', models.CharField(db_index=True, editable=False, max_length=120)),
                        ('kind', models.CharField(choices=[('regular', 'Thường xuyên'), ('periodic', 'Định kỳ'), ('unscheduled', 'Đột xuất')], max_length=12, verbose_name='hình thức tiếp')),
                        ('host_role', models.CharField(choices=[('commune_chairman', 'Chủ tịch UBND cấp xã'), ('province_chairman', 'Chủ tịch UBND cấp tỉnh'), ('agency_head', 'Thủ trưởng cơ quan hành chính'), ('desk', 'Bộ phận tiếp công dân thường xuyên')], max_length=20, verbose_name='người chủ trì')),
                        ('host_name', models.CharField(max_length=150, verbose_name='họ tên người tiếp')),
                        ('host_position', models.CharField(blank=True, max_length=150, verbose_name='chức vụ')),
                        ('held_on', models.DateField(verbose_name='ngày tiếp')),
                        ('starts_at', models.TimeField(blank=True, null=True, verbose_name='từ')),
                        ('ends_at', models.TimeField(blank=True, null=True, verbose_name='đến')),
                        ('location', models.CharField(blank=True, max_length=300, verbose_name='địa điểm')),
                        ('status', models.CharField(choices=[('planned', 'Theo lịch'), ('held', 'Đã tiếp'), ('cancelled', 'Hủy')], max_length=10, verbose_name='trạng thái')),
                        ('delegate_name', models.CharField(blank=True, max_length=150, verbose_name='người được ủy quyền tiếp thay')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.organization', verbose_name='cơ quan')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.administrativeunit', verbose_name='đơn vị')),
                    ],
                    options={
                        'verbose_name': 'buổi tiếp công dân',
                        'verbose_name_plural': 'lịch tiếp công dân',
                        'db_table': 'cases_receptionsession',
                        'ordering': ['-held_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Visit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('unit_path', models.CharField(editable=False, max_length=120)),
                        ('visited_on', models.DateField(verbose_name='ngày tiếp')),
                        ('persons', models.PositiveIntegerField(default=1, verbose_name='số người')),
                        ('is_group', models.BooleanField(default=False, editable=False, verbose_name='đoàn đông người')),
                        ('kind', models.CharField(choices=[('complaint', 'Khiếu nại'), ('denunciation', 'Tố cáo'), ('recommendation', 'Kiến nghị'), ('feedback', 'Phản ánh')], max_length=20, verbose_name='loại nội dung')),
                        ('is_confidential', models.BooleanField(default=False, verbose_name='giữ bí mật người tố cáo')),
                        ('visitor_name', models.CharField(blank=True, max_length=150, verbose_name='họ tên')),
                        ('visitor_address', models.CharField(blank=True, max_length=300, verbose_name='địa chỉ')),
                        ('visitor_id_document', models.CharField(blank=True, max_length=60, verbose_name='giấy tờ tùy thân')),
                        ('summary', models.TextField(verbose_name='tóm tắt nội dung')),
                        ('already_handled_by', models.CharField(blank=True, max_length=300, verbose_name='cơ quan đã giải quyết')),
                        ('is_refused', models.BooleanField(default=False, verbose_name='từ chối tiếp')),
                        ('answered_on_spot', models.BooleanField(default=False, verbose_name='đã trả lời tại chỗ')),
                        ('answer', models.TextField(blank=True, verbose_name='nội dung trả lời, hướng dẫn')),
                        ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                        ('submission_key', models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True)),
                        ('submission_fingerprint', models.CharField(blank=True, default='', editable=False, max_length=64)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('received_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('refusal_ground', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='cases.refusalground', verbose_name='lý do từ chối')),
                        ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='reception.receptionsession', verbose_name='buổi tiếp')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.administrativeunit', verbose_name='đơn vị')),
                    ],
                    options={
                        'verbose_name': 'lượt tiếp công dân',
                        'verbose_name_plural': 'sổ tiếp công dân',
                        'db_table': 'cases_visit',
                        'ordering': ['-visited_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='VisitPerson',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('full_name', models.CharField(max_length=150, verbose_name='họ tên')),
                        ('address', models.CharField(blank=True, max_length=300, verbose_name='địa chỉ')),
                        ('id_number', models.CharField(blank=True, max_length=30, verbose_name='số giấy tờ tùy thân')),
                        ('is_representative', models.BooleanField(default=False, verbose_name='người đại diện')),
                        ('visit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='people', to='reception.visit')),
                    ],
                    options={
                        'db_table': 'cases_visitperson',
                        'ordering': ['-is_representative', 'id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='receptionsession',
                    index=models.Index(fields=['unit_path', 'held_on'], name='session_scope_day'),
                ),
                migrations.AddIndex(
                    model_name='visit',
                    index=models.Index(fields=['unit_path', 'visited_on'], name='visit_scope_day'),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
