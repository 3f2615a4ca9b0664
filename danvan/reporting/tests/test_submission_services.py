"""Templates and submissions: send, submit, return with comment, resubmit, approve, lock; frozen figures and their
diff; refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from danvan.core.errors import ConflictError, DomainError
from danvan.reporting import submission_services as services
from danvan.reporting.models import ReviewComment, Submission, SubmissionStatus
from danvan.reporting.tests.submission_fixtures import (
    NARRATIVE,
    install_fake_source,
    make_template,
    remove_fake_source,
    set_figures,
)


@pytest.fixture(autouse=True)
def fake_source():
    install_fake_source()
    yield
    remove_fake_source()


@pytest.fixture
def sent(cast):
    template = make_template(cast.carol, cast.dak_lak)
    result = services.template_send(
        actor=cast.carol, template=template, period_code="2026-H1", due_on=dt.date(2026, 6, 20)
    )
    return template, result


def own(cast, template) -> Submission:
    return Submission.objects.select_related("template", "unit", "reviewer_unit").get(
        template=template, unit=cast.dong_xuan
    )


@pytest.mark.django_db  # report types are rows
def test_period_codes():
    assert services.period_of("2026-H1").end == dt.date(2026, 6, 30)
    assert services.period_of("2026-Q3").start == dt.date(2026, 7, 1)
    assert services.period_of("2026-Q3").end == dt.date(2026, 9, 30)
    assert services.period_of("2026-M02").end == dt.date(2026, 2, 28)
    assert services.period_of("2026-9M").end == dt.date(2026, 9, 30)
    assert services.period_of("2026").start == dt.date(2026, 1, 1)
    assert services.period_of("2021-2025").end == dt.date(2025, 12, 31)
    with pytest.raises(DomainError):
        services.period_of("2026-H3")
    with pytest.raises(DomainError):
        services.period_of("2025-2021")
    # The shared report codes (reporting/periods.py): two dates, either case, a report type's cut-off.
    assert services.period_of("2026-01-01..2026-06-30").code == "2026-H1"
    assert services.period_of("2026-h1").code == "2026-H1"
    custom = services.period_of("2026-01-01..2026-02-15")
    assert custom.kind == "D" and services.period_kind_of("2026-01-01..2026-02-15") == ""
    assert services.period_kind_of("2026-Q1") == "quarter" and services.period_kind_of("2021-2025") == "term"
    cut = services.period_of("2026-H1", report_type="state-half")
    assert (cut.start, cut.end) == (dt.date(2025, 12, 15), dt.date(2026, 6, 14))
    with pytest.raises(DomainError) as refused:
        services.period_of("2026-05-01..2026-04-01")
    assert refused.value.code == "invalid_period" and refused.value.status == 422


def test_send_needs_a_period_of_the_templates_kind(cast):
    template = make_template(cast.carol, cast.dak_lak)  # a 6-month template
    for code in ("2026-Q1", "2026", "2026-01-01..2026-02-15"):
        with pytest.raises(DomainError) as refused:
            services.template_send(actor=cast.carol, template=template, period_code=code)
        assert refused.value.code == "period_kind" and refused.value.status == 422
        assert "6 tháng" in str(refused.value.message) and set(refused.value.fields or {}) == {"period"}
    assert not Submission.objects.filter(template=template).exists()
    # Two dates that are exactly a half-year are that half-year.
    sent = services.template_send(actor=cast.carol, template=template, period_code="2026-07-01..2026-12-31")
    assert sent.created > 2 and {s.period_code for s in sent.submissions} == {"2026-H2"}


def test_send_reaches_every_commune_once(cast, sent):
    template, result = sent
    assert result.created > 2
    units = {s.unit_id for s in result.submissions}
    assert cast.dong_xuan.pk in units and cast.buon_ma_thuot.pk in units
    assert cast.ba_dinh.pk not in units
    again = services.template_send(actor=cast.carol, template=template, period_code="2026-H1")
    assert again.created == 0 and again.existing == result.created
    from danvan.notifications.models import Notification

    assert Notification.objects.filter(recipient=cast.alice, kind="reporting.submission.sent").count() == 1


def test_template_needs_sections_and_a_sender(cast):
    with pytest.raises(DomainError) as refused:
        services.template_create(
            actor=cast.carol, unit=cast.dak_lak, name="", period_kind="half", doc_format="state", sections=[]
        )
    assert refused.value.fields
    with pytest.raises(Http404):
        make_template(cast.frank, cast.dak_lak)  # Hà Nội officer
    with pytest.raises(Http404):
        make_template(cast.erin, cast.dong_xuan)  # a viewer


def test_full_cycle_submit_return_resubmit_approve_lock(cast, sent):
    template, _ = sent
    set_figures("22081", 137)
    submission = own(cast, template)
    assert submission.status == SubmissionStatus.DRAFT

    submission = services.submission_submit(
        actor=cast.alice,
        submission=submission,
        version=submission.version,
        narrative=NARRATIVE,
        entered={"entered.models": "3"},
    )
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.figures == {"test.visits": "137", "test.on_time_rate": "77.8"}
    assert submission.entered == {"entered.models": "3"}

    submission = services.submission_return(
        actor=cast.carol, submission=submission, version=submission.version, comment="Bổ sung số liệu đối thoại."
    )
    assert submission.status == SubmissionStatus.RETURNED
    assert ReviewComment.objects.get(submission=submission).action == "return"

    set_figures("22081", 140)
    submission = services.submission_submit(
        actor=cast.alice,
        submission=submission,
        version=submission.version,
        narrative={**NARRATIVE, "results": "Tiếp 140 lượt công dân; tổ chức 2 cuộc đối thoại."},
    )
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.times_submitted == 2
    assert submission.figures["test.visits"] == "140"

    submission = services.submission_approve(actor=cast.carol, submission=submission, version=submission.version)
    assert submission.status == SubmissionStatus.APPROVED
    submission = services.submission_lock(actor=cast.carol, submission=submission, version=submission.version)
    assert submission.status == SubmissionStatus.LOCKED

    # After the lock: no edit, no return, no comment.
    with pytest.raises(ConflictError) as refused:
        services.submission_update(
            actor=cast.alice, submission=submission, version=submission.version, narrative=NARRATIVE
        )
    assert refused.value.code == "locked"
    with pytest.raises(ConflictError):
        services.submission_return(actor=cast.carol, submission=submission, version=submission.version, comment="x")
    with pytest.raises(ConflictError):
        services.submission_comment(actor=cast.carol, submission=submission, text="x")

    from danvan.core.models import AuditEntry

    actions = set(AuditEntry.objects.filter(object_id=str(submission.pk)).values_list("action", flat=True))
    assert {
        "reporting.submission.submitted",
        "reporting.submission.returned",
        "reporting.submission.resubmitted",
        "reporting.submission.approved",
        "reporting.submission.locked",
    } <= actions


def test_frozen_figures_and_diff(cast, sent):
    template, _ = sent
    set_figures("22081", 184, "70.0")
    submission = services.submission_submit(
        actor=cast.alice, submission=own(cast, template), version=1, narrative=NARRATIVE
    )
    assert services.figure_diff(submission) == []
    set_figures("22081", 190, "70.0")  # records changed after the submission
    submission.refresh_from_db()
    assert submission.figures["test.visits"] == "184"
    diff = services.figure_diff(submission)
    assert [(d.code, d.frozen, d.now) for d in diff] == [("test.visits", "184", "190")]


def test_submit_needs_the_whole_narrative(cast, sent):
    template, _ = sent
    with pytest.raises(DomainError) as refused:
        services.submission_submit(
            actor=cast.alice, submission=own(cast, template), version=1, narrative={"results": "Có"}
        )
    assert set(refused.value.fields or {}) == {"limitations", "next_tasks"}
    assert own(cast, template).status == SubmissionStatus.DRAFT


def test_stale_version_is_409(cast, sent):
    template, _ = sent
    submission = own(cast, template)
    services.submission_update(actor=cast.alice, submission=submission, version=1, narrative=NARRATIVE)
    with pytest.raises(ConflictError) as refused:
        services.submission_update(actor=cast.alice, submission=own(cast, template), version=1, narrative=NARRATIVE)
    assert refused.value.code == "stale" and refused.value.status == 409


def test_entered_figures_are_checked(cast, sent):
    template, _ = sent
    with pytest.raises(DomainError) as refused:
        services.submission_update(
            actor=cast.alice,
            submission=own(cast, template),
            version=1,
            entered={"entered.models": "ba", "nope": "1"},
        )
    assert set(refused.value.fields or {}) == {"entered.models", "nope"}
    saved = services.submission_update(
        actor=cast.alice, submission=own(cast, template), version=1, entered={"entered.models": "1.234,5"}
    )
    assert saved.entered == {"entered.models": "1234.5"}


def test_no_edit_while_submitted(cast, sent):
    template, _ = sent
    submission = services.submission_submit(
        actor=cast.alice, submission=own(cast, template), version=1, narrative=NARRATIVE
    )
    with pytest.raises(ConflictError) as refused:
        services.submission_update(actor=cast.alice, submission=submission, version=submission.version, narrative={})
    assert refused.value.code == "not_editable"


def test_outside_subtree_is_404(cast, sent):
    template, _ = sent
    submission = services.submission_submit(
        actor=cast.alice, submission=own(cast, template), version=1, narrative=NARRATIVE
    )
    from danvan.reporting import access

    with pytest.raises(Http404):
        access.access_submission(cast.frank, submission.pk)  # Hà Nội
    with pytest.raises(Http404):
        access.access_submission(cast.bob, submission.pk)  # another commune of the province
    with pytest.raises(Http404):
        access.access_submission(cast.alice, submission.pk, need="review")  # the unit does not review itself
    with pytest.raises(Http404):
        services.submission_approve(actor=cast.frank, submission=submission, version=submission.version)
    with pytest.raises(Http404):
        services.submission_submit(actor=cast.bob, submission=submission, version=submission.version)
    assert access.access_submission(cast.carol, submission.pk, need="review") == submission
    assert access.access_submission(cast.erin, submission.pk) == submission  # a viewer reads


def test_return_needs_a_comment_and_a_submission(cast, sent):
    template, _ = sent
    submission = own(cast, template)
    with pytest.raises(ConflictError):
        services.submission_return(actor=cast.carol, submission=submission, version=1, comment="Sửa")
    submission = services.submission_submit(actor=cast.alice, submission=submission, version=1, narrative=NARRATIVE)
    with pytest.raises(DomainError) as refused:
        services.submission_return(actor=cast.carol, submission=submission, version=submission.version, comment=" ")
    assert refused.value.code == "comment"
    with pytest.raises(ConflictError):
        services.submission_lock(actor=cast.carol, submission=submission, version=submission.version)


def test_dashboard_counts_late_and_returned(cast, sent):
    template, result = sent
    submission = services.submission_submit(
        actor=cast.alice, submission=own(cast, template), version=1, narrative=NARRATIVE
    )
    services.submission_return(actor=cast.carol, submission=submission, version=submission.version, comment="Sửa")
    board = services.dashboard(template, "2026-H1", today=dt.date(2026, 7, 1))
    assert board.counts["returned"] == 1
    assert board.counts["draft"] == result.created - 1
    assert board.counts["late"] == result.created  # nothing approved by 20/06 and the returned one is late too
    early = services.dashboard(template, "2026-H1", today=dt.date(2026, 6, 1))
    assert early.counts["late"] == 1  # only the one submitted (today) after its 20/06 deadline


def test_todo_items(cast, sent):
    from danvan.core.todo import todo_for
    from danvan.reporting import submission_todo  # noqa: F401

    template, _ = sent
    alice = {item.key: item for item in todo_for(cast.alice)}
    assert alice["reports_to_submit"].count == 1
    services.submission_submit(actor=cast.alice, submission=own(cast, template), version=1, narrative=NARRATIVE)
    cast.alice.__dict__.pop("_danvan_scopes", None)
    assert "reports_to_submit" not in {item.key for item in todo_for(cast.alice)}
    carol = {item.key: item for item in todo_for(cast.carol)}
    assert carol["reports_to_review"].count == 1


def test_entered_figures_contradicting_the_computed_ones_need_a_reason(cast):
    """The rule of the standalone entered figures: a value that differs from the computed figure of the same code
    (or of the one it is checked against) is refused with both numbers until confirmed with a reason."""
    from danvan.core.models import AuditEntry
    from danvan.reporting.models import PeriodKind
    from danvan.reporting.tests import golden

    set_figures("22081", 137)
    golden.make_visits([cast.dong_xuan], 2026, 5)
    template = services.template_create(
        actor=cast.carol,
        unit=cast.dak_lak,
        name="Báo cáo đối chiếu",
        period_kind=PeriodKind.HALF,
        doc_format="state",
        sections=[{"title": "Tiếp công dân", "codes": ["test.visits", "reception.visits_reported", "entered.models"]}],
    )
    services.template_send(actor=cast.carol, template=template, period_code="2026-H1", units=[cast.dong_xuan])
    submission = own(cast, template)
    agreeing = {"test.visits": "137", "reception.visits_reported": "5", "entered.models": "3"}
    saved = services.submission_update(actor=cast.alice, submission=submission, version=1, entered=agreeing)
    assert saved.entered == agreeing

    contradicting = {"test.visits": "150", "reception.visits_reported": "7", "entered.models": "3"}
    for confirm, note in ((False, ""), (True, "  "), (False, "Sổ tiếp chưa đủ.")):
        with pytest.raises(DomainError) as refused:
            services.submission_update(
                actor=cast.alice,
                submission=own(cast, template),
                version=2,
                entered=contradicting,
                confirm=confirm,
                note=note,
            )
        assert refused.value.code == "contradiction" and refused.value.status == 409
        assert set(refused.value.fields or {}) == {"test.visits", "reception.visits_reported"}
        said = (refused.value.fields or {})["test.visits"][0]
        assert "150" in said and "137" in said
    assert own(cast, template).entered == agreeing

    saved = services.submission_update(
        actor=cast.alice,
        submission=own(cast, template),
        version=2,
        entered=contradicting,
        confirm=True,
        note="Sổ tiếp chưa nhập đủ các buổi tiếp ở thôn.",
    )
    assert saved.entered == contradicting
    confirmed = saved.narrative[services.CONFIRMED]
    assert confirmed["test.visits"] == {
        "value": "150",
        "computed": "137",
        "note": "Sổ tiếp chưa nhập đủ các buổi tiếp ở thôn.",
    }
    entry = AuditEntry.objects.filter(action="reporting.submission.updated", object_id=str(saved.pk)).latest("pk")
    assert "contradictions" in entry.changes
    # The same confirmed values need no second confirmation; the submission is made with them.
    done = services.submission_submit(
        actor=cast.alice, submission=own(cast, template), version=saved.version, narrative=NARRATIVE
    )
    assert (
        done.status == SubmissionStatus.SUBMITTED
        and done.narrative[services.CONFIRMED]["test.visits"]["value"] == "150"
    )


def test_a_submission_checks_its_entered_figures_again_when_submitted(cast):
    set_figures("22081", 137)
    from danvan.reporting.models import PeriodKind

    template = services.template_create(
        actor=cast.carol,
        unit=cast.dak_lak,
        name="Báo cáo đối chiếu",
        period_kind=PeriodKind.HALF,
        doc_format="state",
        sections=[{"title": "Tiếp công dân", "codes": ["test.visits"]}],
    )
    services.template_send(actor=cast.carol, template=template, period_code="2026-H1", units=[cast.dong_xuan])
    saved = services.submission_update(
        actor=cast.alice, submission=own(cast, template), version=1, entered={"test.visits": "137"}
    )
    set_figures("22081", 140)  # records added since the figures were saved
    with pytest.raises(DomainError) as refused:
        services.submission_submit(actor=cast.alice, submission=saved, version=saved.version, narrative=NARRATIVE)
    assert refused.value.code == "contradiction"
    assert own(cast, template).status == SubmissionStatus.DRAFT
