"""Deadline states and the sweep on the real calendar: states around weekends, 24/11 and Tết 2027, telling each
handler once (again after an extension or a reassignment), re-applying a newly added day off and an edited rule,
and two sweeps running at once."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from danvan.cases.clock import clock_for
from danvan.cases.models import Case, ComplexityCriterion, DeadlineNotice, DeadlineState, DeadlineSweep
from danvan.cases.services import PersonIn, TransitionInput, case_assign, case_receive, case_transition
from danvan.cases.sweep import calendar_notices, changed_days, deadline_list_path, record_baseline, run_sweep, sweep
from danvan.cases.tests.conftest import wait_for_lock
from danvan.core.models import AuditEntry, CalendarNotice, LegalRule, NoticeKind
from danvan.notifications.models import Notification

S = DeadlineState
TODAY = dt.date(2026, 11, 20)  # Friday; Tuesday 24/11/2026 is a day off (Ngày Văn hóa Việt Nam)


def receive(cast, land, received_on: dt.date, *, assignee=None, title: str = "Khiếu nại thu hồi đất") -> Case:
    return case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="complaint",
        channel="in_person",
        field=land,
        title=title,
        summary=f"{title}, nhận ngày {received_on:%d/%m/%Y}.",
        received_on=received_on,
        people=[PersonIn("Đinh Văn Quý", id_number="066080004321")],
        assignee=assignee,
    )


def state_of(case: Case, day: dt.date) -> str:
    """The case's deadline state as the list would show it on ``day``."""
    case.refresh_from_db(fields=["is_open", "due_on"])
    return clock_for(day).state_of(case.due_on) if case.is_open else S.NONE


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received_on", "due_on", "state"),
    [
        # 7 working days to accept a complaint (NĐ 155/2026, from 01/07/2026); due soon = within 3 working days.
        (dt.date(2026, 11, 2), dt.date(2026, 11, 11), S.OVERDUE),
        (dt.date(2026, 11, 10), dt.date(2026, 11, 19), S.OVERDUE),  # due yesterday
        (dt.date(2026, 11, 11), dt.date(2026, 11, 20), S.DUE_SOON),  # due today is not yet late
        (dt.date(2026, 11, 16), dt.date(2026, 11, 26), S.DUE_SOON),  # Mon 23, (Tue 24 off), Wed 25, Thu 26
        (dt.date(2026, 11, 17), dt.date(2026, 11, 27), S.ON_TRACK),  # 4 working days ahead
    ],
)
def test_states_around_a_weekend_and_the_24_november_day_off(cast, land, received_on, due_on, state):
    case = receive(cast, land, received_on)
    assert case.due_on == due_on
    assert state_of(case, TODAY) == state
    assert case.deadline_state == state  # the property: today is 20/11/2026 in these tests
    assert Case.objects.filter(clock_for(TODAY).q(state)).get() == case


@pytest.mark.django_db
def test_tet_2027_turns_a_due_date_nine_days_away_into_due_soon(cast, land, time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 27, 9, 0, tzinfo=dt.UTC), tick=False)
    case = receive(cast, land, dt.date(2027, 1, 27))
    # Thu 28, Fri 29, Mon 1, Tue 2, Wed 3, then Tết (Thu 4 – Wed 10 February), Thu 11, Fri 12.
    assert case.due_on == dt.date(2027, 2, 12)
    assert any("Tết Nguyên Đán" in line for line in case.due_explanation)
    assert state_of(case, dt.date(2027, 2, 1)) == S.ON_TRACK  # Monday: 3 working days reach Thursday 11/02 only
    assert state_of(case, dt.date(2027, 2, 3)) == S.DUE_SOON  # Wednesday: Tết leaves two working days before 12/02
    assert state_of(case, dt.date(2027, 2, 13)) == S.OVERDUE


@pytest.mark.django_db
def test_closed_and_undated_cases_are_none(cast, land):
    case = receive(cast, land, dt.date(2026, 11, 2))
    assert state_of(case, TODAY) == S.OVERDUE
    case = case_transition(actor=cast.alice, case=case, action="withdraw", data=TransitionInput(note="Rút đơn"))
    assert not case.is_open and case.due_on is None
    assert state_of(case, TODAY) == S.NONE and case.deadline_state == S.NONE
    assert not Case.objects.filter(clock_for(TODAY).q(S.OVERDUE)).exists()
    assert sweep(TODAY).newly_overdue == 0
    assert not DeadlineNotice.objects.exists()


@pytest.mark.django_db
def test_second_sweep_changes_nothing_and_notifies_no_one(cast, land, ivan, mailoutbox):
    receive(cast, land, dt.date(2026, 11, 2))
    receive(cast, land, dt.date(2026, 11, 16))
    receive(cast, land, dt.date(2026, 11, 17), assignee=ivan)
    finished = DeadlineSweep.objects.filter(finished_at__isnull=False).count()  # the installation's baseline
    first = sweep(TODAY)
    assert (first.recomputed, first.newly_overdue, first.newly_due_soon) == (0, 1, 1)
    assert first.notifications == 2 and len(mailoutbox) == 2
    audit_entries = AuditEntry.objects.filter(action="cases.deadlines.swept").count()
    record = run_sweep(TODAY).record
    assert (record.recomputed, record.newly_overdue, record.newly_due_soon, record.notifications) == (0, 0, 0, 0)
    assert Notification.objects.count() == 2 and len(mailoutbox) == 2
    assert AuditEntry.objects.filter(action="cases.deadlines.swept").count() == audit_entries
    assert DeadlineSweep.objects.filter(finished_at__isnull=False).count() == finished + 2


@pytest.mark.django_db
def test_one_notification_and_one_email_per_handler_per_state_change(cast, land, ivan, mailoutbox):
    for received_on in (dt.date(2026, 11, 2), dt.date(2026, 11, 10)):
        receive(cast, land, received_on)  # alice: two overdue
    receive(cast, land, dt.date(2026, 11, 16))  # alice: one due soon
    ivans = receive(cast, land, dt.date(2026, 11, 11), assignee=ivan)  # ivan: one due soon (today)
    later = receive(cast, land, dt.date(2026, 11, 17), assignee=ivan)  # ivan: on track until Monday
    sweep(TODAY)
    messages = sorted(Notification.objects.values_list("recipient__username", "kind", "message"))
    assert messages == [
        ("alice", "deadline_due_soon", "Bạn có 1 hồ sơ sắp đến hạn."),
        ("alice", "deadline_overdue", "Bạn có 2 hồ sơ quá hạn."),
        ("ivan", "deadline_due_soon", "Bạn có 1 hồ sơ sắp đến hạn."),
    ]
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("alice@example.vn", "[danvan] Bạn có 1 hồ sơ sắp đến hạn."),
        ("alice@example.vn", "[danvan] Bạn có 2 hồ sơ quá hạn."),
        ("ivan@example.vn", "[danvan] Bạn có 1 hồ sơ sắp đến hạn."),
    ]
    overdue_mail = next(m for m in mailoutbox if "quá hạn" in m.subject)
    assert deadline_list_path("overdue", cast.alice.pk) in overdue_mail.body
    assert deadline_list_path("overdue", cast.alice.pk).endswith(f"?deadline=overdue&assignee={cast.alice.pk}")
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    # Monday: ivan's case due today is now late and his other one due soon; alice's states did not change.
    sweep(dt.date(2026, 11, 23))
    assert state_of(ivans, dt.date(2026, 11, 23)) == S.OVERDUE and state_of(later, dt.date(2026, 11, 23)) == S.DUE_SOON
    new = sorted(Notification.objects.filter(recipient=ivan).values_list("message", flat=True))
    assert new == ["Bạn có 1 hồ sơ quá hạn.", "Bạn có 1 hồ sơ sắp đến hạn.", "Bạn có 1 hồ sơ sắp đến hạn."]
    assert Notification.objects.filter(recipient=cast.alice).count() == 2
    assert len(mailoutbox) == 5


@pytest.mark.django_db
def test_an_officer_without_email_is_notified_in_app_only(cast, land, mailoutbox):
    cast.alice.email = ""
    cast.alice.save(update_fields=["email"])
    receive(cast, land, dt.date(2026, 11, 2))
    assert sweep(TODAY).notifications == 1
    assert Notification.objects.get().emailed_at is None
    assert mailoutbox == []


@pytest.mark.django_db
def test_an_smtp_failure_is_logged_and_the_sweep_completes(cast, land, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    receive(cast, land, dt.date(2026, 11, 2))
    report = run_sweep(TODAY)
    assert report.record.notifications == 1 and report.record.finished_at is not None
    assert (report.emails_sent, report.email_failures) == (0, 1)
    assert "deadline e-mail to officer" in caplog.text and "alice@example.vn" not in caplog.text
    assert sweep(TODAY).notifications == 0  # claimed: the next hour does not repeat it


@pytest.mark.django_db
def test_a_case_put_back_on_track_is_told_again_when_due_soon(cast, land, grace, mailoutbox):
    case = receive(cast, land, dt.date(2026, 11, 16))
    case = case_transition(
        actor=cast.alice, case=case, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=True)
    )
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="12/TB-UBND"))
    assert case.due_on == dt.date(2026, 12, 21) and case.assignee == cast.alice
    sweep(dt.date(2026, 12, 18))
    assert state_of(case, dt.date(2026, 12, 18)) == S.DUE_SOON and len(mailoutbox) == 1
    criterion = ComplexityCriterion.objects.filter(kind="complaint")[0]
    case = case_transition(
        actor=grace,
        case=case,
        action="extend",
        data=TransitionInput(note="Phức tạp", document_no="15/QĐ-UBND", criteria=[criterion]),
    )
    assert case.due_on == dt.date(2027, 1, 4)
    assert state_of(case, dt.date(2026, 12, 18)) == S.ON_TRACK  # at once, not at the next sweep
    assert sweep(dt.date(2026, 12, 18)).notifications == 0
    sweep(dt.date(2026, 12, 30))  # Thu 31/12, (Fri 01/01 off), Mon 04/01: the new due date is told
    assert state_of(case, dt.date(2026, 12, 30)) == S.DUE_SOON and len(mailoutbox) == 2
    assert DeadlineNotice.objects.get(case=case).due_on == dt.date(2027, 1, 4)


@pytest.mark.django_db
def test_a_case_handed_to_another_officer_is_told_to_them(cast, land, grace, ivan, mailoutbox):
    case = receive(cast, land, dt.date(2026, 11, 2))
    assert sweep(TODAY).notifications == 1
    case_assign(actor=grace, case=case, assignee=ivan)
    record = sweep(TODAY)
    assert (record.newly_overdue, record.notifications) == (1, 1)
    told = Notification.objects.filter(recipient=ivan, kind__startswith="deadline_")
    assert list(told.values_list("kind", flat=True)) == ["deadline_overdue"]
    assert [m.to[0] for m in mailoutbox] == ["alice@example.vn", "ivan@example.vn"]
    assert sweep(TODAY).notifications == 0


@pytest.mark.django_db
def test_a_day_off_added_later_moves_open_cases_on_the_next_sweep_but_not_closed_ones(cast, land):
    open_case = receive(cast, land, dt.date(2026, 11, 17))
    closed = receive(cast, land, dt.date(2026, 11, 17), title="Khiếu nại đã rút")
    closed = case_transition(actor=cast.alice, case=closed, action="withdraw", data=TransitionInput(note="Rút"))
    # A closed case imported with the deadline it was judged by keeps it.
    Case.objects.filter(pk=closed.pk).update(
        due_step="intake", due_from=dt.date(2026, 11, 17), due_on=dt.date(2026, 11, 27), due_plan=open_case.due_plan
    )
    sweep(TODAY)
    assert open_case.due_on == dt.date(2026, 11, 27)
    CalendarNotice.objects.create(
        date=dt.date(2026, 11, 25), kind=NoticeKind.DAY_OFF, title="Nghỉ theo thông báo", legal_basis="Thông báo 1/TB"
    )
    record = sweep(TODAY)
    assert record.recomputed == 1
    open_case.refresh_from_db()
    assert open_case.due_on == dt.date(2026, 11, 30)  # Wednesday 25 no longer counts: Monday 30/11
    assert any("Nghỉ theo thông báo" in line for line in open_case.due_explanation)
    closed.refresh_from_db()
    assert closed.due_on == dt.date(2026, 11, 27)
    assert sweep(TODAY).recomputed == 0


@pytest.mark.django_db
def test_a_day_off_moves_a_case_whatever_form_its_stored_explanation_has(cast, land):
    """A row whose explanation was written with its Vietnamese letters unescaped (an import, another writer) moves
    like the others: the recomputation does not find the rows by the explanation's text."""
    written_by_django = receive(cast, land, dt.date(2026, 11, 17))
    written_otherwise = receive(cast, land, dt.date(2026, 11, 17), title="Khiếu nại nhập từ sổ cũ")
    sweep(TODAY)
    unescaped = json.dumps(written_otherwise.due_explanation, ensure_ascii=False)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET due_explanation = %s WHERE id = %s", [unescaped, written_otherwise.pk])
    CalendarNotice.objects.create(
        date=dt.date(2026, 11, 25), kind=NoticeKind.DAY_OFF, title="Nghỉ theo thông báo", legal_basis="Thông báo 1/TB"
    )
    assert sweep(TODAY).recomputed == 2
    for case in (written_by_django, written_otherwise):
        case.refresh_from_db()
        assert case.due_on == dt.date(2026, 11, 30)
        assert any("Nghỉ theo thông báo" in line for line in case.due_explanation)
    assert sweep(TODAY).recomputed == 0


@pytest.mark.django_db
def test_a_new_installation_s_baseline_spares_the_first_sweep_a_recomputation_of_every_case(cast, land):
    """``migrate`` on a database without sweeps or open cases records the calendar and rules in force: the first
    sweep then compares with it, recomputing only around what changed since, not every open case."""
    from django.core.management.sql import emit_post_migrate_signal

    DeadlineSweep.objects.all().delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    baseline = DeadlineSweep.objects.get()
    assert baseline.finished_at and baseline.calendar_notices == calendar_notices()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert DeadlineSweep.objects.count() == 1  # once
    untouched = receive(cast, land, dt.date(2026, 11, 2))  # due 11/11
    around = receive(cast, land, dt.date(2026, 11, 17), title="Khiếu nại thứ hai")
    # A due date no calendar explains (its window still short of 25/11): only a full recomputation would move it.
    Case.objects.filter(pk=untouched.pk).update(due_on=dt.date(2026, 11, 20))
    assert sweep(TODAY).recomputed == 0
    CalendarNotice.objects.create(
        date=dt.date(2026, 11, 25), kind=NoticeKind.DAY_OFF, title="Nghỉ theo thông báo", legal_basis="Thông báo 1/TB"
    )
    assert sweep(TODAY).recomputed == 1  # the case whose window holds the new day off
    around.refresh_from_db()
    untouched.refresh_from_db()
    assert (around.due_on, untouched.due_on) == (dt.date(2026, 11, 30), dt.date(2026, 11, 20))


@pytest.mark.django_db
def test_no_baseline_over_open_cases_or_an_earlier_sweep(cast, land):
    DeadlineSweep.objects.all().delete()
    case = receive(cast, land, dt.date(2026, 11, 17))
    assert record_baseline() is None  # open cases computed with who knows which calendar: the first sweep reads all
    Case.objects.filter(pk=case.pk).update(due_on=dt.date(2026, 12, 31))
    assert sweep(TODAY).recomputed == 1
    Case.objects.filter(pk=case.pk).update(is_open=False)
    assert record_baseline() is None and DeadlineSweep.objects.count() == 1


def test_changed_days_are_the_days_whose_notice_was_added_removed_or_edited():
    before = {"2026-11-24": ["working_day", "Ngày Văn hóa", "NQ"], "2026-12-31": ["day_off", "Nghỉ", "TB 1"]}
    now = {"2026-11-24": ["working_day", "Ngày Văn hóa", "NQ"], "2026-12-31": ["day_off", "Nghỉ bù", "TB 1"]}
    assert changed_days(before, now) == {dt.date(2026, 12, 31)}  # edited
    assert changed_days(before, {**before, "2026-12-10": ["day_off", "Nghỉ", "TB 2"]}) == {dt.date(2026, 12, 10)}
    assert changed_days(before, {"2026-12-31": before["2026-12-31"]}) == {dt.date(2026, 11, 24)}  # removed
    # A notice of a new latest year makes that year's package days official: every explanation naming them changes.
    assert changed_days(before, {**before, "2027-02-05": ["day_off", "Tết", "TB 3"]}) is None
    assert changed_days({}, before) is None


@pytest.mark.django_db
def test_a_changed_notice_reads_only_the_cases_around_its_day_and_a_changed_rule_every_case(cast, land):
    around = receive(cast, land, dt.date(2026, 11, 17))  # due 27/11: 25/11 lies in its window
    before = receive(cast, land, dt.date(2026, 11, 17), title="Khiếu nại thứ hai")
    sweep(TODAY)
    # A stored due date that no longer matches its plan shows what the sweep reads: one ending on 20/11 is not
    # around 25/11, so the notice's sweep leaves it; a rule's change reads every open case and sets it right.
    Case.objects.filter(pk=before.pk).update(due_on=dt.date(2026, 11, 20))
    CalendarNotice.objects.create(
        date=dt.date(2026, 11, 25), kind=NoticeKind.DAY_OFF, title="Nghỉ theo thông báo", legal_basis="Thông báo 1/TB"
    )
    assert sweep(TODAY).recomputed == 1
    around.refresh_from_db()
    before.refresh_from_db()
    assert (around.due_on, before.due_on) == (dt.date(2026, 11, 30), dt.date(2026, 11, 20))
    rule = LegalRule.objects.filter(code="complaint.accept").order_by("-valid_from")[0]
    rule.save()  # saved unchanged: its row's time changes the signature
    assert sweep(TODAY).recomputed == 1
    before.refresh_from_db()
    assert before.due_on == dt.date(2026, 11, 30)


@pytest.mark.django_db
def test_editing_a_future_rule_row_leaves_earlier_cases_alone(cast, land):
    case = receive(cast, land, dt.date(2026, 11, 17))
    sweep(TODAY)
    base = LegalRule.objects.filter(code="complaint.accept").order_by("-valid_from")[0]
    future = LegalRule.objects.create(
        code="complaint.accept",
        name=base.name,
        value=5,
        value_unit="day",
        day_kind="working",
        legal_basis="Dự thảo sửa đổi",
        valid_from=dt.date(2027, 1, 1),
    )
    assert sweep(TODAY).recomputed == 0
    future.value = 3
    future.save()
    assert sweep(TODAY).recomputed == 0
    case.refresh_from_db()
    assert case.due_on == dt.date(2026, 11, 27)
    # The row in force on the receipt date does move it.
    base.value = 8
    base.save()
    assert sweep(TODAY).recomputed == 1
    case.refresh_from_db()
    assert case.due_on == dt.date(2026, 11, 30)


@pytest.mark.django_db
def test_command_prints_counts_in_vietnamese(cast, land, capsys):
    receive(cast, land, dt.date(2026, 11, 16))  # due 26/11: overdue on 27/11
    call_command("sweep_deadlines", "--today", "2026-11-27")
    out = capsys.readouterr().out
    assert "mới quá hạn 1" in out and "thông báo 1" in out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.django_db
def test_the_claim_reads_the_notices_once_whatever_their_statistics_say():
    """As the recommendations' claim (``db_router.joined_without_nested_loops``): never a scan of the notices per
    due case, which an empty table's statistics would choose and which reads the rows the claim inserts."""
    from danvan.cases.sweep import CLAIM_SQL
    from danvan.core.db_router import joined_without_nested_loops

    tables = {"notice": DeadlineNotice._meta.db_table, "case": Case._meta.db_table}
    params: dict[str, dt.date | int] = {"today": dt.date(2026, 12, 7), "limit": dt.date(2026, 12, 11), "sweep": 1}
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables['notice']}")
        with joined_without_nested_loops():
            cursor.execute("EXPLAIN " + CLAIM_SQL.format(**tables), params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Nested Loop" not in plan and "Anti Join" in plan, plan


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sweeps_at_once_notify_each_handler_once(committed_audit_cleanup, cast, land, ivan, mailoutbox):
    for received_on in (dt.date(2026, 11, 2), dt.date(2026, 11, 16)):
        receive(cast, land, received_on)
        receive(cast, land, received_on, assignee=ivan)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            with connection.execute_wrapper(wait_for_lock):
                sweep(TODAY)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Notification.objects.count() == 4
    assert sorted(Notification.objects.values_list("recipient__username", "kind")) == [
        ("alice", "deadline_due_soon"),
        ("alice", "deadline_overdue"),
        ("ivan", "deadline_due_soon"),
        ("ivan", "deadline_overdue"),
    ]
    assert len(mailoutbox) == 4
    assert sum(DeadlineSweep.objects.values_list("notifications", flat=True)) == 4
