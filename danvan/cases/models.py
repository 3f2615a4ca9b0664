"""Petitions: one case engine for complaints, denunciations, recommendations and feedback. Citizen reception (the
schedule and the visits at the desk, Luật Tiếp công dân, DOMAIN.md §4) is the ``reception`` app, above this one: a
visit opens cases here (decision 0013).

Sources: DOMAIN.md §5 (Luật Khiếu nại 02/2011/QH13, NĐ 124/2020;
Luật Tố cáo 25/2018/QH14, NĐ 31/2019; NĐ 20/2008 on feedback). Legal numbers live in ``core.LegalRule``; the
pick-lists the law enumerates (grounds for refusal, criteria of a complex case, fields) are rows here, with their
legal basis and validity, so an administrator corrects them without a release.

The denouncer's identity never lives on a ``Case``: it is in :class:`Denouncer`, encrypted (see ``vault.py``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# DeadlineState is defined beside the clock that computes it (clock.py imports no model of this app, so the two
# modules no longer import each other); forms and filters keep importing it from here.
from danvan.cases.clock import DeadlineState as DeadlineState
from danvan.cases.clock import current_clock
from danvan.core.effective import EffectiveDated
from danvan.core.models import AdministrativeUnit
from danvan.core.picklists import ActivePickList, PickList


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    FEEDBACK = "feedback", _("Phản ánh")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    POST = "post", _("Qua bưu chính")
    HOTLINE = "hotline", _("Đường dây nóng")
    WEB = "web", _("Cổng thông tin")
    API = "api", _("Qua API")
    TRANSFER = "transfer", _("Cơ quan khác chuyển đến")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    CLASSIFIED = "classified", _("Đã phân loại")
    ACCEPTED = "accepted", _("Đã thụ lý")
    VERIFYING = "verifying", _("Đang xác minh")
    SUSPENDED = "suspended", _("Tạm đình chỉ")
    RESOLVED = "resolved", _("Đã giải quyết")
    NOTIFIED = "notified", _("Đã thông báo kết quả")
    CLOSED = "closed", _("Đã kết thúc")
    TRANSFERRED = "transferred", _("Đã chuyển đơn")
    GUIDED = "guided", _("Đã hướng dẫn")
    FILED = "filed", _("Lưu đơn")
    WITHDRAWN = "withdrawn", _("Rút đơn")
    TERMINATED = "terminated", _("Đình chỉ")


# Petitions whose handling ends by a stop (the date is ``closed_on``): ``statistics.STOP_STATUSES``.
STOP_STATUSES = (CaseStatus.WITHDRAWN, CaseStatus.TERMINATED)


# The columns the petitions' figures read (``cases.statistics``), but the province and the day received: the
# covering indexes of their counts (``case_place_counts``) and of this month's states (``case_due_counts``).
COUNTED_COLUMNS = (
    "unit_path",
    "resolved_on",
    "status",
    "intake_closed_on",
    "closed_on",
    "accepted_on",
    "handled_as_management",
    "resolution_timeliness",
    "intake_timeliness",
    "kind",
    "due_step",
    "due_on",
    "suspended_on",
)
STATE_COLUMNS = ("received_on", *(column for column in COUNTED_COLUMNS if column not in ("due_on", "kind")))


@deconstructible(path="danvan.cases.models.LatestEventOn")
class LatestEventOn(models.Func):
    """The latest date at which a petition's figures may change their state: received, accepted, intake closed,
    resolved, closed (a stopped petition's only) and suspended (a suspended one's only) — the event months the
    reports' month cube keeps (``reporting.sources_cases.CUBE``). Its constants are written out, not bound, so that
    SQLite uses the index over it (``case_latest_event``): SQLite matches an indexed expression only when the query
    repeats it literally. NULL dates count as none (SQLite's ``max()`` would give NULL: a floor date stands in)."""

    output_field = models.DateField()

    def __init__(self) -> None:
        fields = ("received_on", "accepted_on", "intake_closed_on", "resolved_on", "closed_on", "suspended_on")
        super().__init__(*(models.F(name) for name in (*fields, "status")))

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        received, accepted, intake, resolved, closed, suspended, status = (
            compiler.compile(expression)[0] for expression in self.get_source_expressions()
        )
        stops = ", ".join(f"'{value}'" for value in STOP_STATUSES)
        closed = f"CASE WHEN {status} IN ({stops}) THEN {closed} END"
        suspended = f"CASE WHEN {status} = '{CaseStatus.SUSPENDED.value}' THEN {suspended} END"
        dates = (received, accepted, intake, resolved, closed, suspended)
        if connection.vendor == "postgresql":
            return f"GREATEST({', '.join(dates)})", []
        floored = ", ".join(f"COALESCE({date}, '0001-01-01')" for date in dates)
        return f"MAX({floored})", []


OPEN_STATUSES = frozenset(
    {
        CaseStatus.RECEIVED,
        CaseStatus.CLASSIFIED,
        CaseStatus.ACCEPTED,
        CaseStatus.VERIFYING,
        CaseStatus.SUSPENDED,
        CaseStatus.RESOLVED,
    }
)
INTAKE_STATUSES = frozenset({CaseStatus.RECEIVED, CaseStatus.CLASSIFIED})
RESOLUTION_STATUSES = frozenset({CaseStatus.ACCEPTED, CaseStatus.VERIFYING})


class Outcome(models.TextChoices):
    # Complaints (Luật Khiếu nại Art. 31): the decision or act complained about was right, partly, wrong.
    RIGHT = "right", _("Khiếu nại đúng")
    PARTLY_RIGHT = "partly_right", _("Khiếu nại đúng một phần")
    WRONG = "wrong", _("Khiếu nại sai")
    # Denunciations (Luật Tố cáo Art. 35).
    FOUNDED = "founded", _("Tố cáo đúng")
    PARTLY_FOUNDED = "partly_founded", _("Tố cáo đúng một phần")
    UNFOUNDED = "unfounded", _("Tố cáo sai")
    # Recommendations and feedback.
    ADDRESSED = "addressed", _("Đã xử lý, trả lời")
    NOT_ADDRESSED = "not_addressed", _("Không có cơ sở xử lý")


OUTCOMES_BY_KIND: dict[str, tuple[str, ...]] = {
    CaseKind.COMPLAINT: (Outcome.RIGHT, Outcome.PARTLY_RIGHT, Outcome.WRONG),
    CaseKind.DENUNCIATION: (Outcome.FOUNDED, Outcome.PARTLY_FOUNDED, Outcome.UNFOUNDED),
    CaseKind.RECOMMENDATION: (Outcome.ADDRESSED, Outcome.NOT_ADDRESSED),
    CaseKind.FEEDBACK: (Outcome.ADDRESSED, Outcome.NOT_ADDRESSED),
}


class DeadlineStep(models.TextChoices):
    INTAKE = "intake", _("Xử lý đơn (thụ lý, chuyển, hướng dẫn)")
    RESOLUTION = "resolution", _("Giải quyết")


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Trễ hạn")


class LinkKind(models.TextChoices):
    DUPLICATE = "duplicate", _("Trùng lặp")
    SECOND_ROUND = "second_round", _("Khiếu nại lần hai")
    TRANSFER = "transfer", _("Chuyển đơn")


class Field(ActivePickList):
    """A field a petition concerns (đất đai, bồi thường giải phóng mặt bằng, chính sách xã hội…)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)

    class Meta(ActivePickList.Meta):
        verbose_name = _("lĩnh vực đơn thư")
        verbose_name_plural = _("lĩnh vực đơn thư")


class GroundScope(models.TextChoices):
    RECEPTION = "reception", _("Từ chối tiếp công dân")
    COMPLAINT = "complaint", _("Không thụ lý khiếu nại")
    DENUNCIATION = "denunciation", _("Không thụ lý tố cáo")
    ANY = "any", _("Mọi loại đơn")


class RefusalGround(EffectiveDated, PickList):
    """A legal ground for refusing to receive a citizen or to accept a petition (a pick-list the law enumerates)."""

    scope = models.CharField(_("áp dụng cho"), max_length=20, choices=GroundScope.choices)
    text = models.CharField(_("nội dung"), max_length=400)
    verification = models.CharField(_("ghi chú kiểm chứng (chỉ quản trị hệ thống thấy)"), max_length=300, blank=True)

    label_field = "text"

    class Meta:
        verbose_name = _("căn cứ từ chối")
        verbose_name_plural = _("căn cứ từ chối")
        ordering = ["scope", "sort_order", "code"]


class ComplexityCriterion(EffectiveDated, PickList):
    """One legal criterion of a "complex" case (NĐ 31/2019 Art. 3 for denunciations; 7 for complaints from 2026)."""

    kind = models.CharField(_("loại đơn"), max_length=20, choices=CaseKind.choices)
    text = models.CharField(_("tiêu chí"), max_length=400)
    verification = models.CharField(_("ghi chú kiểm chứng (chỉ quản trị hệ thống thấy)"), max_length=300, blank=True)

    label_field = "text"

    class Meta:
        verbose_name = _("tiêu chí vụ việc phức tạp")
        verbose_name_plural = _("tiêu chí vụ việc phức tạp")
        ordering = ["kind", "sort_order", "code"]


class Case(models.Model):
    """A petition (đơn) of any kind, from receipt to closing, with its running deadline.

    ``due_on`` is the deadline of the current step (intake or resolution), computed from the rules in force on
    ``due_from`` and stored, indexed, with ``due_explanation``; ``due_plan`` records how (rule codes, extensions,
    paused days) so a holiday added later is re-applied. Whether it is overdue or due soon is computed from
    ``due_on`` and today (``clock.py``), never stored.
    """

    # Foreign keys nobody filters cases by (received_by, accepted_by, refusal_ground, transferred_to_unit) carry no
    # index: the case rows are wide, and each index makes every update of one dearer. For the same reason the
    # folded ``search_text`` has no trigram index: searches run inside the officer's units (migration 0007).
    code = models.CharField(_("mã hồ sơ"), max_length=32, unique=True)
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, editable=False)
    province_code = models.CharField(max_length=2, editable=False)
    kind = models.CharField(_("loại đơn"), max_length=20, choices=CaseKind.choices)
    complaint_round = models.PositiveSmallIntegerField(_("lần khiếu nại"), null=True, blank=True)
    is_discipline = models.BooleanField(_("khiếu nại quyết định kỷ luật cán bộ, công chức"), default=False)
    channel = models.CharField(_("nguồn đơn"), max_length=12, choices=Channel.choices)
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("trích yếu"), max_length=300)
    summary = models.TextField(_("nội dung"))
    subject_party = models.CharField(_("quyết định, hành vi, người bị khiếu nại, tố cáo"), max_length=300, blank=True)
    received_on = models.DateField(_("ngày nhận đơn"))
    event_known_on = models.DateField(_("ngày biết quyết định, hành vi"), null=True, blank=True)
    is_late_filing = models.BooleanField(_("quá thời hiệu"), default=False)
    late_filing_reason = models.TextField(_("lý do quá thời hiệu"), blank=True)
    # The visit at the desk that raised this petition (the reception app, above this one: decision 0013).
    visit = models.ForeignKey("reception.Visit", null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # case_assignee_open (assignee, is_open) serves every look-up by handler
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=CaseStatus.choices)
    is_open = models.BooleanField(default=True, editable=False)
    persons_count = models.PositiveIntegerField(_("số người"), default=1)
    is_anonymous = models.BooleanField(_("tố cáo nặc danh, mạo danh"), default=False)
    is_remote_area = models.BooleanField(_("vùng sâu, vùng xa, đi lại khó khăn"), default=False)
    is_multi_place = models.BooleanField(_("phải kiểm tra, xác minh ở nhiều nơi"), default=False)
    is_complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    is_multi_party = models.BooleanField(_("đông người"), default=False)
    is_protracted = models.BooleanField(_("kéo dài"), default=False)
    complexity_criteria = models.ManyToManyField(ComplexityCriterion, blank=True, related_name="+")
    # Classification (phân loại, xử lý đơn).
    is_eligible = models.BooleanField(_("đủ điều kiện xử lý"), null=True, blank=True)
    in_jurisdiction = models.BooleanField(_("thuộc thẩm quyền"), null=True, blank=True)
    refusal_ground = models.ForeignKey(
        RefusalGround,
        verbose_name=_("căn cứ không thụ lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,
    )
    handled_as_management = models.BooleanField(_("xử lý theo chức năng quản lý (Điều 25 Luật Tố cáo)"), default=False)
    # Intake outcome.
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định thụ lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    transferred_to_unit = models.ForeignKey(
        AdministrativeUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    transferred_to_body = models.CharField(_("cơ quan nhận đơn chuyển"), max_length=300, blank=True)
    intake_document_no = models.CharField(_("số văn bản thụ lý, chuyển, hướng dẫn"), max_length=60, blank=True)
    intake_closed_on = models.DateField(_("ngày xử lý đơn"), null=True, blank=True)
    intake_timeliness = models.CharField(max_length=8, choices=Timeliness.choices, blank=True)
    # Resolution.
    extension_count = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    suspended_on = models.DateField(_("ngày tạm đình chỉ"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định, văn bản giải quyết"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=Outcome.choices, blank=True)
    resolution_summary = models.TextField(_("nội dung kết quả giải quyết"), blank=True)
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    resolution_timeliness = models.CharField(max_length=8, choices=Timeliness.choices, blank=True)
    notified_on = models.DateField(_("ngày thông báo"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    # The running deadline.
    due_step = models.CharField(max_length=12, choices=DeadlineStep.choices, blank=True)
    due_from = models.DateField(null=True, blank=True)
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    due_plan = models.JSONField(default=list, blank=True)
    due_explanation = models.JSONField(default=list, blank=True)
    # Duplicate detection: MinHash bands of the folded text (see duplicates.py); person keys are on the people.
    text_band_0 = models.IntegerField(default=0, editable=False)
    text_band_1 = models.IntegerField(default=0, editable=False)
    text_band_2 = models.IntegerField(default=0, editable=False)
    text_band_3 = models.IntegerField(default=0, editable=False)
    search_text = models.CharField(max_length=600, editable=False, default="")
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # What the request with that key sent (core.idempotency): the same key with another body is refused.
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Not stored: True on the case ``services.case_receive`` returns for a repeated submission key.
    replayed = False

    class Meta:
        verbose_name = _("vụ việc, đơn thư")
        verbose_name_plural = _("vụ việc, đơn thư")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit_path", "received_on"], name="case_scope_received"),
            models.Index(fields=["received_on", "id"], name="case_received"),
            # Today's states of the reports read from the petitions only this month's (``sources_cases``): those
            # with an event on or after the month's first day, or a deadline in the month's bucket — the second
            # with every column the states read (``case_place_counts``'), so SQLite reads that index alone: the
            # petitions due this month are many (deadlines fall in the coming weeks).
            models.Index(models.F("province_code"), LatestEventOn(), name="case_latest_event"),
            models.Index(fields=["province_code", "due_on", *STATE_COLUMNS], name="case_due_counts"),
            # The sweep's question (open cases with a handler, due by a date), answered from the index alone. The
            # handler in the condition keeps list queries (which never ask for it) off this index: SQLite would
            # otherwise walk every case due this week in the country for one commune's.
            models.Index(
                fields=["due_on", "assignee", "id"],
                name="case_due_open",
                condition=Q(is_open=True, assignee__isnull=False),
            ),
            # The recomputation of due dates (deadlines.refresh_due_dates): the window of a changed day (started
            # before it, due from it on: the dates read from the index) and each group's UPDATE (one start and due
            # date). The start leads, so no list or count query takes it for a due-date index (the sweep's claim
            # must keep case_due_open, which holds the handler).
            models.Index(fields=["due_from", "due_on"], name="case_due_window_open", condition=Q(is_open=True)),
            # The list's usual question: my units' overdue complaints of a field, newest first, and how many. It
            # covers every column the list filters on and sorts by, so the sort keys of the matches are read from
            # the index alone, one unit-path range per scope prefix (``pagination.sorted_slice``). On PostgreSQL
            # with ``text_pattern_ops``, so ``unit_path LIKE 'prefix%'`` uses it under any collation.
            models.Index(
                fields=["unit_path", "kind", "due_on", "is_open", "field", "received_on"],
                name="case_list_scope",
                opclasses=["text_pattern_ops", "text_pattern_ops", "date_ops", "bool_ops", "int8_ops", "date_ops"],
            ),
            models.Index(fields=["assignee", "is_open"], name="case_assignee_open"),
            # The petitions' figures (``cases.statistics``, the reports' petitions source): every column their
            # counts read, so a province's count reads this index alone (PostgreSQL's index-only scan, SQLite's
            # covering index) instead of the cases' wide rows.
            models.Index(fields=["province_code", "received_on", *COUNTED_COLUMNS], name="case_place_counts"),
            models.Index(fields=["text_band_0"], name="case_band_0"),
            models.Index(fields=["text_band_1"], name="case_band_1"),
            models.Index(fields=["text_band_2"], name="case_band_2"),
            models.Index(fields=["text_band_3"], name="case_band_3"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_date__isnull=True) | Q(decision_date__gte=models.F("received_on")),
                name="case_decision_after_receipt",
            ),
            models.CheckConstraint(
                condition=~Q(kind="complaint") | Q(complaint_round__in=[1, 2]),
                name="case_complaint_round",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def deadline_state(self) -> str:
        """Overdue, due soon, on track or none, as of today (see ``clock.py``)."""
        return current_clock().state_of(self.due_on) if self.is_open else DeadlineState.NONE

    @property
    def is_overdue(self) -> bool:
        return self.deadline_state == DeadlineState.OVERDUE


class CasePerson(models.Model):
    """A petitioner of a (non-denunciation) case; with many, their representatives sign for them (Luật Tiếp công dân Art. 30)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField(_("họ tên"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    id_number = models.CharField(_("số giấy tờ tùy thân"), max_length=30, blank=True)
    is_representative = models.BooleanField(_("người đại diện"), default=False)
    person_key = models.CharField(max_length=64, editable=False, db_index=True)

    class Meta:
        ordering = ["-is_representative", "id"]

    def __str__(self) -> str:
        return self.full_name


class Denouncer(models.Model):
    """The vault row of a denunciation: the denouncer's identity, encrypted with the vault keys (MultiFernet).

    ``person_key`` is a keyed hash (HMAC) of the first person's identity (the contact), so duplicate detection can
    match "same denouncer" without decrypting or revealing anything; the co-signers' keys are ``CosignerKey`` rows.
    ``__str__`` never shows the identity (logs, admin, audit).
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="denouncer")
    ciphertext = models.BinaryField(editable=False)
    person_key = models.CharField(max_length=64, editable=False, db_index=True)
    people_count = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("người tố cáo (bảo mật)")
        verbose_name_plural = _("người tố cáo (bảo mật)")

    def __str__(self) -> str:
        return f"denouncer of case #{self.case_id}"

    def __repr__(self) -> str:
        return f"<Denouncer case={self.case_id}>"


class CosignerKey(models.Model):
    """The person key of a co-signer of a denunciation (the second person on and after): duplicates match them too."""

    denouncer = models.ForeignKey(Denouncer, on_delete=models.CASCADE, related_name="cosigner_keys")
    person_key = models.CharField(max_length=64, editable=False, db_index=True)

    def __str__(self) -> str:
        return f"co-signer key of denouncer #{self.denouncer_id}"


class DenouncerScan(models.Model):
    """A handwriting scan or ID copy of a denouncer, encrypted (name, type and bytes) like the vault row."""

    denouncer = models.ForeignKey(Denouncer, on_delete=models.CASCADE, related_name="scans")
    ciphertext = models.BinaryField(editable=False)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"scan #{self.pk}"

    def __repr__(self) -> str:
        return f"<DenouncerScan {self.pk}>"


class CaseTransition(models.Model):
    """One step of a case: who did what, when, on which document; the shared history of linked cases."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=12, choices=CaseStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("ghi chú"), blank=True)
    document_no = models.CharField(_("số văn bản"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class CaseLink(models.Model):
    """Two cases that belong together: a duplicate, the second complaint after the first, a transfer."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out")
    other = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("loại liên kết"), max_length=12, choices=LinkKind.choices)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "other", "kind"], name="case_link_unique"),
            models.CheckConstraint(condition=~Q(case=models.F("other")), name="case_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.other_id}"


class DuplicateDismissal(models.Model):
    """An officer's "not a duplicate" for a suggested pair, so the pair is not suggested again."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "other"], name="duplicate_dismissal_unique")]

    def __str__(self) -> str:
        return f"{self.case_id} ≠ {self.other_id}"


class CaseSequence(models.Model):
    """The last case number given by a unit in a year (codes like ``22081-2026-00012``)."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="case_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


class DeadlineSweep(models.Model):
    """One run of ``sweep_deadlines``: what it changed and told, and the calendar and rules it saw."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rules_signature = models.CharField(max_length=64, blank=True)  # of the legal rules (sweep.rules_signature)
    # The calendar notices it saw, {"yyyy-mm-dd": [kind, title, legal basis]}: the next sweep recomputes only the
    # cases around the days whose notice changed (sweep.changed_days).
    calendar_notices = models.JSONField(default=dict, blank=True)
    recomputed = models.PositiveIntegerField(default=0)
    newly_due_soon = models.PositiveIntegerField(default=0)
    newly_overdue = models.PositiveIntegerField(default=0)
    notifications = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"sweep {self.started_at:%d/%m/%Y %H:%M}"


class DeadlineNotice(models.Model):
    """What a case's handler was last told of its deadline: one row per case, written by ``sweep_deadlines``.

    A case is told again when its state or its handler differs from this row (handed to a new officer); the row
    goes when the case is back on track, closed or suspended, so an extended case is told again when late again.
    ``due_on`` is the due date the handler was told of. The row lives apart from the wide case row: a first sweep
    over a backlog of 700,000 late cases writes 700,000 of these narrow rows and leaves the cases alone.
    """

    case = models.OneToOneField(Case, primary_key=True, on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False)
    state = models.CharField(max_length=10, choices=DeadlineState.choices)
    due_on = models.DateField()
    sweep = models.ForeignKey(DeadlineSweep, on_delete=models.PROTECT, related_name="notices")

    def __str__(self) -> str:
        return f"{self.case_id} {self.state} {self.due_on}"
