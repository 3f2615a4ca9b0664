"""The deadline state is computed from ``due_on`` (clock.py); what each handler was told moves to DeadlineNotice.

The stored ``deadline_state`` made every sweep rewrite wide case rows (a first sweep over a million-case backlog:
217 s on PostgreSQL). What the handlers were already told is carried over, so nobody is told twice.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def carry_over_notices(apps, schema_editor):
    """Each open case whose handler was told of its state keeps that as its notice (stamped by one sweep record)."""
    Case = apps.get_model("cases", "Case")
    DeadlineNotice = apps.get_model("cases", "DeadlineNotice")
    DeadlineSweep = apps.get_model("cases", "DeadlineSweep")
    told = Case.objects.filter(
        is_open=True,
        due_on__isnull=False,
        assignee__isnull=False,
        deadline_notified_state__in=["overdue", "due_soon"],
    ).values_list("pk", "assignee_id", "deadline_notified_state", "due_on")
    if not told.exists():
        return
    record = DeadlineSweep.objects.create(finished_at=timezone.now())
    batch = []
    for case_id, assignee_id, state, due_on in told.iterator(chunk_size=5000):
        batch.append(DeadlineNotice(case_id=case_id, assignee_id=assignee_id, state=state, due_on=due_on, sweep=record))
        if len(batch) == 5000:
            DeadlineNotice.objects.bulk_create(batch)
            batch = []
    DeadlineNotice.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_list_index_and_fewer_fk_indexes"),
        ("core", "0004_seed_calendar_and_rules"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DeadlineNotice",
            fields=[
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="cases.case",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("none", "Không tính hạn"),
                            ("on_track", "Trong hạn"),
                            ("due_soon", "Sắp đến hạn"),
                            ("overdue", "Quá hạn"),
                        ],
                        max_length=10,
                    ),
                ),
                ("due_on", models.DateField()),
                (
                    "assignee",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "sweep",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="notices", to="cases.deadlinesweep"
                    ),
                ),
            ],
        ),
        migrations.RenameField(model_name="deadlinesweep", old_name="marked_due_soon", new_name="newly_due_soon"),
        migrations.RenameField(model_name="deadlinesweep", old_name="marked_overdue", new_name="newly_overdue"),
        migrations.RunPython(carry_over_notices, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="case", name="case_due_open"),
        migrations.RemoveIndex(model_name="case", name="case_deadline_state"),
        migrations.RemoveIndex(model_name="case", name="case_list_state_kind"),
        migrations.RemoveField(model_name="case", name="deadline_notified_state"),
        migrations.RemoveField(model_name="case", name="deadline_state"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("is_open", True)), fields=["due_on", "assignee", "id"], name="case_due_open"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("is_open", True)),
                fields=["kind", "unit_path", "due_on"],
                name="case_list_kind_due",
                opclasses=["text_pattern_ops", "text_pattern_ops", "date_ops"],
            ),
        ),
    ]
