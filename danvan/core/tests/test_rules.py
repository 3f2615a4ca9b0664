"""The legal rules table: effective dates (complaint.accept changes on 01/07/2026), deadlines, missing rules."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core import workdays
from danvan.core.errors import DomainError
from danvan.core.models import DayKind, LegalRule
from danvan.core.rules import RuleTable, deadline_for_rule, known_rule_codes, rule_in_force, rules_in_force

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_calendar():
    workdays.invalidate_calendar_cache()
    yield
    workdays.invalidate_calendar_cache()


IN_FORCE_CASES = [
    # code, on, value, day kind
    ("complaint.accept", D(2012, 7, 1), 10, DayKind.WORKING),
    ("complaint.accept", D(2026, 6, 30), 10, DayKind.WORKING),
    ("complaint.accept", D(2026, 7, 1), 7, DayKind.WORKING),
    ("complaint.accept", D(2030, 1, 1), 7, DayKind.WORKING),
    ("complaint.resolve_first", D(2026, 7, 1), 30, DayKind.CALENDAR),
    ("complaint.resolve_second_remote_complex", D(2026, 1, 1), 70, DayKind.CALENDAR),
    ("complaint.file_limit", D(2026, 1, 1), 90, DayKind.CALENDAR),
    ("denunciation.initial_handling", D(2026, 1, 1), 7, DayKind.WORKING),
    ("denunciation.initial_handling_multi_place", D(2026, 1, 1), 10, DayKind.WORKING),
    ("denunciation.max_extensions_especially_complex", D(2026, 1, 1), 2, DayKind.NONE),
    ("reception.reply", D(2026, 1, 1), 10, DayKind.WORKING),
    ("reception.district_chairman_min", D(2025, 6, 30), 2, DayKind.NONE),
    ("feedback.forward", D(2026, 1, 1), 5, DayKind.WORKING),
    ("consultation.open_min", D(2026, 1, 1), 20, DayKind.CALENDAR),
]


@pytest.mark.parametrize(("code", "on", "value", "day_kind"), IN_FORCE_CASES)
def test_rule_in_force(code, on, value, day_kind):
    rule = rule_in_force(code, on)
    assert (rule.value, rule.day_kind) == (value, day_kind)
    assert rule.legal_basis


@pytest.mark.parametrize(
    ("code", "on"),
    [
        ("complaint.accept", D(2012, 6, 30)),  # before the Law on Complaints took effect
        ("reception.district_chairman_min", D(2025, 7, 1)),  # district tier abolished
        ("complaint.suspension_notice", D(2026, 6, 30)),  # only from 01/07/2026
        ("no.such_rule", D(2026, 1, 1)),
    ],
)
def test_missing_rule_is_a_clear_domain_error(code, on):
    with pytest.raises(DomainError) as error:
        rule_in_force(code, on)
    assert error.value.code == "rule_missing"
    assert code in str(error.value.message)
    assert on.strftime("%d/%m/%Y") in str(error.value.message)
    with pytest.raises(DomainError):
        RuleTable.load().in_force(code, on)


def test_complaint_acceptance_changes_on_1_july_2026():
    before = deadline_for_rule("complaint.accept", D(2026, 6, 30))
    after = deadline_for_rule("complaint.accept", D(2026, 7, 1))
    assert (before.value, before.due_on) == (10, D(2026, 7, 14))
    assert (after.value, after.due_on) == (7, D(2026, 7, 10))
    assert "Thông tư 07/2013/TT-TTCP" in before.legal_basis
    assert "155/2026" in after.legal_basis
    assert before.explanation[0].startswith("Quy định: Thụ lý khiếu nại lần đầu – 10 ngày làm việc (Luật Khiếu nại")
    assert not any("Mức kiểm chứng" in line or "Nguồn thứ cấp" in line for line in after.explanation)
    assert after.explanation[-1] == "Hạn: 10/07/2026 (Thứ Sáu)."


def test_calendar_day_rule_over_tet_2026_is_moved_and_keeps_the_day_kind_doubt_for_administrators():
    deadline = deadline_for_rule("complaint.resolve_first", D(2026, 1, 17))
    assert deadline.due_on == D(2026, 2, 23)
    assert not any("[unsure]" in line or "Chưa xác định" in line for line in deadline.explanation)
    rule = rule_in_force("complaint.resolve_first", D(2026, 1, 17))
    assert "Chưa xác định là ngày làm việc hay ngày lịch" in rule.verification


def test_rule_that_is_not_a_time_limit_gives_no_deadline():
    with pytest.raises(DomainError) as error:
        deadline_for_rule("reception.commune_chairman_min", D(2026, 1, 1))
    assert error.value.code == "rule_not_deadline"


def test_every_known_code_is_seeded_and_every_seeded_code_is_known():
    assert set(LegalRule.objects.values_list("code", flat=True)) == set(known_rule_codes())
    assert len(known_rule_codes()) == len(set(known_rule_codes()))


def test_seeded_rules_carry_basis_and_confidence():
    for rule in LegalRule.objects.all():
        assert rule.legal_basis, rule.code
        assert rule.confidence in {"read", "2nd", "unsure"}, rule.code
        assert rule.valid_to is None or rule.valid_to >= rule.valid_from


def test_rule_table_agrees_with_the_database(django_assert_num_queries):
    with django_assert_num_queries(1):
        table = RuleTable.load()
    for on in (D(2019, 1, 1), D(2025, 6, 30), D(2026, 6, 30), D(2026, 7, 1)):
        for rule in rules_in_force(on):
            assert table.in_force(rule.code, on) == rule


def test_rules_in_force_for_deadlines_only():
    codes = set(rules_in_force(D(2026, 7, 1), deadlines_only=True).values_list("code", flat=True))
    assert {"complaint.accept", "denunciation.resolve", "complaint.suspension_notice"} <= codes
    assert "reception.group_min_size" not in codes
    assert "reception.district_chairman_min" not in set(rules_in_force(D(2026, 7, 1)).values_list("code", flat=True))


def test_a_corrected_rule_applies_without_a_release():
    LegalRule.objects.filter(code="denunciation.forward").update(value=3)
    assert deadline_for_rule("denunciation.forward", D(2026, 3, 9)).due_on == D(2026, 3, 12)


def test_the_shared_rule_table_is_read_once_and_follows_a_saved_rule(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    on = D(2026, 7, 1)
    rule = rule_in_force("feedback.forward", on)
    RuleTable.current()  # built (the calendar version and the rows)
    with django_assert_num_queries(0):  # then from memory: the intake deadline of each report and case reads none
        assert RuleTable.current().in_force("feedback.forward", on) == rule
    with django_capture_on_commit_callbacks(execute=True):
        rule.value += 2
        rule.save()  # the administrator's correction: this thread sees it at once, every process after the commit
    assert RuleTable.current().in_force("feedback.forward", on).value == rule.value
    workdays.CALENDAR_VERSION.forget_local()  # as another process's next request
    assert RuleTable.current().in_force("feedback.forward", on).value == rule.value
