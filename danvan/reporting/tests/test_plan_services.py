"""Plans through the services: numbers as printed, assignees by kind of body or named organization expanded to the
organizations of the plan's subtree, officers told of their tasks, progress with evidence, 409 on a stale version,
404 for another province's officer, and the overdue sweep telling each body once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import Organization, UnitLevel, UnitTree
from danvan.core.subtree import subtree_q
from danvan.notifications.models import Notification
from danvan.reporting import access
from danvan.reporting import plan_services as services
from danvan.reporting.models import AssigneeLevel, PlanStatus, TaskProgress, TaskTarget
from danvan.reporting.plan_selectors import due_soon_targets, implementation_table, overdue_targets
from danvan.reporting.tests.plan_fixtures import kind, org, province_plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    return dt.date(2026, 3, 2)


def commune_committees(cast):
    return Organization.objects.filter(
        subtree_q(cast.dak_lak, "unit__", field="path"),
        kind__code="peoples_committee",
        unit__level=UnitLevel.COMMUNE,
        unit__tree=UnitTree.CURRENT,
        is_active=True,
    )


def test_a_plan_number_is_kept_as_printed_and_bad_dates_are_refused(cast):
    base = {
        "actor": cast.carol,
        "unit": cast.dak_lak,
        "issuer": org(cast.dak_lak, "mobilization_board"),
        "issued_on": dt.date(2026, 1, 15),
        "title": "Kế hoạch",
    }
    plan = services.plan_create(
        **base, number="Số: 394-KH/BDVTU", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31)
    )
    assert plan.number == "394-KH/BDVTU" and plan.status == PlanStatus.DRAFT
    with pytest.raises(DomainError) as ends_first:
        services.plan_create(
            **base, number="395-KH/BDVTU", period_start=dt.date(2026, 6, 1), period_end=dt.date(2026, 1, 1)
        )
    assert ends_first.value.code == "period_ends_before_start" and "period_end" in (ends_first.value.fields or {})
    with pytest.raises(DomainError) as bad_number:
        services.plan_create(
            **base, number="kế hoạch", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 2, 1)
        )
    assert bad_number.value.code == "invalid_number"
    with pytest.raises(DomainError) as twin:
        services.plan_create(
            **base, number="394-KH/BDVTU", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 2, 1)
        )
    assert twin.value.code == "duplicate_number"
    with pytest.raises(DomainError) as other_issuer:
        services.plan_create(
            **{**base, "issuer": org(cast.dong_xuan)},
            number="396-KH/BDVTU",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 2, 1),
        )
    assert other_issuer.value.code == "issuer_other_unit"


def test_a_creation_repeated_with_its_key_returns_the_first_plan(cast):
    values = {
        "actor": cast.carol,
        "unit": cast.dak_lak,
        "issuer": org(cast.dak_lak, "mobilization_board"),
        "number": "394-KH/BDVTU",
        "issued_on": dt.date(2026, 1, 15),
        "period_start": dt.date(2026, 1, 1),
        "period_end": dt.date(2026, 12, 31),
        "title": "Kế hoạch",
    }
    first = services.plan_create(**values, submission_key="k1", submission_fingerprint="f")
    again = services.plan_create(**values, submission_key="k1", submission_fingerprint="f")
    assert first.pk == again.pk


def test_issuing_expands_kinds_of_bodies_to_the_organizations_of_the_subtree_and_tells_their_officers(cast):
    plan = province_plan(cast)
    first, second = plan.tasks.order_by("number")
    assert [first.number, second.number] == [1, 2]
    expected = set(commune_committees(cast).values_list("pk", flat=True))
    assert len(expected) > 50  # every commune of Đắk Lắk
    assert set(first.targets.values_list("organization_id", flat=True)) == expected
    assert list(second.targets.values_list("organization_id", flat=True)) == [org(cast.dong_xuan, "party_committee").pk]
    assert not first.targets.filter(organization__unit__path__startswith="C/01/").exists()
    # alice (UBND Đồng Xuân) and bob (UBND Buôn Ma Thuột) are told; frank (Hà Nội) is not
    told = Notification.objects.filter(kind=services.KIND_ASSIGNED)
    assert told.filter(recipient=cast.alice).count() == 1
    assert "394-KH/BDVTU" in told.get(recipient=cast.alice).message
    assert told.filter(recipient=cast.bob).exists() and not told.filter(recipient=cast.frank).exists()
    with pytest.raises(ConflictError):
        services.plan_issue(actor=cast.carol, plan=plan, expected_version=plan.version)


def test_a_task_added_after_issue_is_expanded_at_once_and_named_units_narrow_a_kind(cast):
    plan = province_plan(cast)
    task = services.task_add(
        actor=cast.carol,
        plan=plan,
        text="Báo cáo sơ kết",
        deadline=dt.date(2026, 7, 10),
        assignees=[
            services.AssigneeSpec(org_kind=kind("fatherland_front"), unit=cast.dong_xuan, level=AssigneeLevel.UNIT),
            services.AssigneeSpec(organization=org(cast.dong_xuan, "fatherland_front")),  # the same body twice
        ],
    )
    assert task.number == 3
    assert list(task.targets.values_list("organization_id", flat=True)) == [org(cast.dong_xuan, "fatherland_front").pk]


def test_assignees_outside_the_plan_are_refused(cast):
    plan = province_plan(cast, issue=False)
    with pytest.raises(DomainError) as outside:
        services.task_add(
            actor=cast.carol,
            plan=plan,
            text="Nhiệm vụ",
            deadline=dt.date(2026, 5, 1),
            assignees=[services.AssigneeSpec(organization=org(cast.ba_dinh))],
        )
    assert outside.value.code == "assignee_outside_plan"
    with pytest.raises(DomainError) as nobody:
        services.task_add(actor=cast.carol, plan=plan, text="Nhiệm vụ", deadline=dt.date(2026, 5, 1), assignees=[])
    assert nobody.value.code == "assignees_required"
    with pytest.raises(DomainError) as early:
        services.task_add(
            actor=cast.carol,
            plan=plan,
            text="Nhiệm vụ",
            deadline=dt.date(2025, 5, 1),
            assignees=[services.AssigneeSpec(org_kind=kind("peoples_committee"))],
        )
    assert early.value.code == "deadline_before_plan"


def test_progress_with_evidence_moves_the_percentage_and_a_stale_version_is_409(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    plan = province_plan(cast)
    target = TaskTarget.objects.get(task__plan=plan, task__number=1, organization=org(cast.dong_xuan))
    mine = access.access_target(cast.alice, target.pk, for_report=True)
    report = services.progress_report(
        actor=cast.alice,
        target=mine,
        percent=60,
        text="Đã tổ chức 2 buổi đối thoại",
        evidence=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
        expected_version=1,
    )
    target.refresh_from_db()
    assert (
        target.percent == 60
        and target.version == 2
        and report.evidence is not None
        and report.evidence.original_name.endswith(".pdf")
    )
    with pytest.raises(ConflictError) as stale:
        services.progress_report(actor=cast.alice, target=target, percent=100, text="Xong", expected_version=1)
    assert stale.value.code == "stale"
    done = services.progress_report(actor=cast.alice, target=target, percent=100, text="Xong", expected_version=2)
    target.refresh_from_db()
    assert done.percent == 100 and target.completed_on is not None
    with pytest.raises(DomainError) as too_much:
        services.progress_report(actor=cast.alice, target=target, percent=120, text="?", expected_version=3)
    assert too_much.value.code == "invalid_percent"
    assert TaskProgress.objects.filter(target=target).count() == 2


def test_other_units_get_404(cast):
    plan = province_plan(cast)
    alice_target = TaskTarget.objects.get(task__plan=plan, task__number=1, organization=org(cast.dong_xuan))
    # another province's officer sees nothing of the plan
    for call in (
        lambda: access.access_plan(cast.frank, plan.pk),
        lambda: access.access_target(cast.frank, alice_target.pk),
        lambda: access.access_task(cast.frank, alice_target.task_id),
    ):
        with pytest.raises(Http404):
            call()
    # a sibling commune reads the plan (it has its own task) but does not report for Đồng Xuân, nor edits the plan
    assert access.access_plan(cast.bob, plan.pk) == plan
    with pytest.raises(Http404):
        access.access_target(cast.bob, alice_target.pk, for_report=True)
    with pytest.raises(Http404):
        access.access_plan(cast.alice, plan.pk, for_write=True)
    # a draft is not shown to the communes yet
    draft = province_plan(cast, issue=False, number="395-KH/BDVTU")
    with pytest.raises(Http404):
        access.access_plan(cast.alice, draft.pk)
    assert access.access_plan(cast.carol, draft.pk, for_write=True) == draft


def test_plan_edits_with_a_stale_version_are_409(cast):
    plan = province_plan(cast)
    updated = services.plan_update(actor=cast.carol, plan=plan, expected_version=plan.version, title="Mới")
    with pytest.raises(ConflictError) as stale:
        services.plan_update(actor=cast.carol, plan=plan, expected_version=plan.version, title="Cũ")
    assert stale.value.code == "stale" and updated.title == "Mới"
    task = plan.tasks.get(number=1)
    services.task_update(actor=cast.carol, task=task, expected_version=1, deadline=dt.date(2026, 7, 31))
    with pytest.raises(ConflictError):
        services.task_update(actor=cast.carol, task=task, expected_version=1, text="x")
    closed = services.plan_close(actor=cast.carol, plan=updated, expected_version=updated.version)
    with pytest.raises(ConflictError) as after_close:
        services.plan_update(actor=cast.carol, plan=closed, expected_version=closed.version, title="x")
    assert after_close.value.code == "plan_closed"


def test_the_overdue_sweep_tells_each_body_once_and_the_table_marks_it(cast, time_machine):
    plan = province_plan(cast, deadline=dt.date(2026, 3, 31))
    target = TaskTarget.objects.get(task__plan=plan, task__number=1, organization=org(cast.dong_xuan))
    time_machine.move_to(dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC), tick=False)
    assert services.sweep_overdue().newly_overdue == 0
    time_machine.move_to(dt.datetime(2026, 4, 6, 9, 0, tzinfo=dt.UTC), tick=False)
    services.progress_report(
        actor=cast.bob,
        target=TaskTarget.objects.get(task__plan=plan, task__number=1, organization=org(cast.buon_ma_thuot)),
        percent=100,
        text="Xong",
    )
    first = services.sweep_overdue()
    assert first.newly_overdue == commune_committees(cast).count() - 1  # Buôn Ma Thuột finished
    told = Notification.objects.filter(kind=services.KIND_OVERDUE)
    assert told.filter(recipient=cast.alice).count() == 1 and not told.filter(recipient=cast.bob).exists()
    assert services.sweep_overdue().newly_overdue == 0
    assert told.filter(recipient=cast.alice).count() == 1
    scope = access.report_scope(cast.alice)
    assert list(overdue_targets(scope, dt.date(2026, 4, 6))) == [target]
    table = implementation_table(plan, dt.date(2026, 4, 6))
    row = table.rows[0]
    cells = {cell.target.organization_id: cell for cell in row.cells if cell}
    assert cells[org(cast.dong_xuan).pk].overdue and cells[org(cast.dong_xuan).pk].days_overdue == 4
    assert not cells[org(cast.buon_ma_thuot).pk].overdue and row.done == 1
    assert row.overdue == row.total - 1
    # seen from Đồng Xuân: only its own organizations
    mine = implementation_table(plan, dt.date(2026, 4, 6), within=access.report_scope(cast.alice))
    assert {c.target_org_id for c in mine.columns} == {
        org(cast.dong_xuan).pk,
        org(cast.dong_xuan, "party_committee").pk,
    }


def test_the_sweep_is_a_periodic_task_and_the_audit_entries_read_in_vietnamese(cast):
    from danvan.core import audit_text
    from danvan.core.models import AuditEntry
    from danvan.jobs import schedule
    from danvan.reporting import jobs  # noqa: F401  (found by autodiscovery in every process)

    assert "reporting.plan_overdue" in schedule.PERIODIC
    plan = province_plan(cast)
    entry = AuditEntry.objects.filter(action="reporting.plan.issued", object_id=str(plan.pk)).get()
    assert "trạng thái: Dự thảo → Đang thực hiện" in audit_text.audit_details(entry)


def test_a_deadline_on_a_day_off_runs_to_the_next_working_day(cast, time_machine):
    """Civil Code 2015 Art. 148(5): a task due on Thursday 30/4/2026 (Reunification Day; 1/5 and the weekend off
    too) is due at the end of Monday 4/5 — not overdue, nor told, on Monday; one working day overdue on Tuesday."""
    plan = province_plan(cast, deadline=dt.date(2026, 4, 30))
    target = TaskTarget.objects.get(task__plan=plan, task__number=1, organization=org(cast.dong_xuan))
    scope = access.report_scope(cast.alice)
    monday, tuesday = dt.date(2026, 5, 4), dt.date(2026, 5, 5)
    time_machine.move_to(dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC), tick=False)
    assert services.sweep_overdue().newly_overdue == 0
    assert not services.is_overdue(target, monday) and not overdue_targets(scope, monday).exists()
    assert target in due_soon_targets(scope, monday)  # still due: listed as due soon, not dropped from both lists
    time_machine.move_to(dt.datetime(2026, 5, 5, 9, 0, tzinfo=dt.UTC), tick=False)
    assert services.sweep_overdue().newly_overdue == commune_committees(cast).count()
    assert services.is_overdue(target, tuesday) and list(overdue_targets(scope, tuesday)) == [target]
    cells = {cell.target.organization_id: cell for cell in implementation_table(plan, tuesday).rows[0].cells if cell}
    assert cells[org(cast.dong_xuan).pk].overdue and cells[org(cast.dong_xuan).pk].days_overdue == 1
