"""Community decisions (dân bàn và quyết định, Luật 10/2022 Art. 15–22; NĐ 59/2023 Art. 3–5).

A ``CommunityDecision`` is one matter put to the households of one village or of several villages of a commune
(commune-wide). What the law says about each of the six matters (threshold, forms allowed, who recognizes the
result, when it takes effect) is data: ``DecisionMatter`` rows and ``MatterForm`` rows (effective-dated), and the
legal numbers are ``core.LegalRule`` rows. Households vote once each: a ``Ballot`` per household (paper or
online, one tally), or, at a meeting, a counted show of hands per village (``MeetingVillageCount``) with the
households present recorded one by one (``MeetingAttendance``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.effective import EffectiveDated
from danvan.core.models import AdministrativeUnit
from danvan.core.picklists import ActivePickList
from danvan.democracy.models.base import CommuneRecord
from danvan.democracy.models.households import Household


class ThresholdComparison(models.TextChoices):
    AT_LEAST = "at_least", _("từ … trở lên (≥)")
    ABOVE = "above", _("quá … (>)")


class Recognizer(models.TextChoices):
    NONE = "", _("Không cần công nhận")
    PEOPLES_COMMITTEE = "peoples_committee", _("UBND cấp xã")
    FATHERLAND_FRONT = "fatherland_front", _("Ủy ban MTTQ cấp xã")


class EffectRule(models.TextChoices):
    VOTE_DAY = "vote_day", _("Từ ngày biểu quyết")
    SET_BY_COMMUNE = "set_by_commune", _("Từ ngày UBND cấp xã quyết định")
    RECOGNITION = "recognition", _("Từ ngày được công nhận")


class DecisionMatter(ActivePickList):
    """One of the six matters the community discusses and decides (Art. 15): its threshold (a ``LegalRule``
    code and how it compares), whether papers must reach households ahead (matters 1–3), who recognizes the
    result (matters 3–4: the commune UBND; 5: the commune MTTQ) and when it takes effect (Art. 21)."""

    name = models.CharField(_("nội dung"), max_length=300)
    threshold_rule = models.CharField(_("mã quy định tỷ lệ thông qua"), max_length=80)
    threshold_comparison = models.CharField(
        _("cách so sánh"), max_length=10, choices=ThresholdComparison.choices, default=ThresholdComparison.ABOVE
    )
    documents_ahead = models.BooleanField(_("phải gửi tài liệu trước cho hộ"), default=False)
    recognizer = models.CharField(_("cơ quan công nhận"), max_length=30, choices=Recognizer.choices, blank=True)
    effect_village = models.CharField(_("hiệu lực – phạm vi thôn"), max_length=20, choices=EffectRule.choices)
    effect_commune = models.CharField(_("hiệu lực – phạm vi toàn xã"), max_length=20, choices=EffectRule.choices)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    class Meta(ActivePickList.Meta):
        verbose_name = _("nội dung Nhân dân bàn và quyết định")
        verbose_name_plural = _("nội dung Nhân dân bàn và quyết định")


class DecisionForm(models.TextChoices):
    MEETING = "meeting", _("Hội nghị (biểu quyết tại cuộc họp)")
    BALLOT = "ballot", _("Phát phiếu lấy ý kiến hộ gia đình")
    ONLINE = "online", _("Biểu quyết trực tuyến")


class MatterForm(EffectiveDated):
    """A form allowed for a matter (Art. 17; NĐ 59 Art. 3–5), in force for a period. ``fallback_only``: allowed
    only after a meeting lacked the households to reach the threshold (Art. 19.1.b, matters 3–5);
    ``needs_consent``: only after more than half of all households agreed to vote this way (online, NĐ 59 Art. 5)."""

    matter = models.ForeignKey(DecisionMatter, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(_("hình thức"), max_length=10, choices=DecisionForm.choices)
    fallback_only = models.BooleanField(_("chỉ khi hội nghị không đủ số hộ"), default=False)
    needs_consent = models.BooleanField(_("cần quá nửa số hộ đồng ý hình thức này"), default=False)

    class Meta:
        verbose_name = _("hình thức được dùng")
        verbose_name_plural = _("hình thức được dùng")
        constraints = [models.UniqueConstraint(fields=["matter", "form", "valid_from"], name="matter_form_unique_from")]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.form}"


class DecisionScope(models.TextChoices):
    VILLAGE = "village", _("Một thôn, tổ dân phố")
    COMMUNE = "commune", _("Toàn xã (nhiều thôn, tổ dân phố)")


class DecisionOrigin(models.TextChoices):
    COMMUNE = "commune", _("UBND cấp xã đề xuất")
    CITIZENS = "citizens", _("Công dân đề xuất (từ 10 % tổng số hộ)")
    FRONT = "front", _("Ban công tác Mặt trận đưa ra (đề xuất dưới 10 % tổng số hộ)")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ANNOUNCED = "announced", _("Đã thông báo, đang lấy ý kiến")
    CLOSED = "closed", _("Đã kiểm phiếu")
    SUBMITTED = "submitted", _("Đã gửi biên bản về xã")
    RECOGNIZED = "recognized", _("Đã được công nhận")
    REFUSED = "refused", _("Không được công nhận")


class DecisionResult(models.TextChoices):
    PENDING = "", _("Chưa có kết quả")
    PASSED = "passed", _("Thông qua")
    FAILED = "failed", _("Không thông qua")


class CommunityDecision(CommuneRecord):
    """A matter put to the households (``unit`` is the commune; ``villages`` are the communities that decide:
    one for a village matter, several for a commune-wide one). The counts are over the register as it stood on
    ``register_on`` (the day voting opens), never over those who came."""

    number = models.CharField(_("số"), max_length=40)
    title = models.CharField(_("tên nội dung"), max_length=300)
    content = models.TextField(_("nội dung đưa ra lấy ý kiến"), blank=True)
    matter = models.ForeignKey(DecisionMatter, verbose_name=_("nội dung"), on_delete=models.PROTECT)
    scope = models.CharField(_("phạm vi"), max_length=10, choices=DecisionScope.choices)
    villages = models.ManyToManyField(AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), related_name="+")
    origin = models.CharField(_("nguồn đề xuất"), max_length=10, choices=DecisionOrigin.choices)
    proposal_households = models.PositiveIntegerField(_("số hộ đề xuất"), null=True, blank=True)
    proposal_collected_on = models.DateField(_("ngày thu thập đề xuất"), null=True, blank=True)
    form = models.CharField(_("hình thức"), max_length=10, choices=DecisionForm.choices)
    went_to_ballot = models.BooleanField(_("chuyển sang phát phiếu do hội nghị không đủ số hộ"), default=False)
    documents_sent_on = models.DateField(_("ngày gửi tài liệu cho hộ"), null=True, blank=True)
    notice_on = models.DateField(_("ngày thông báo"), null=True, blank=True)
    register_on = models.DateField(_("ngày chốt danh sách hộ (ngày biểu quyết)"), null=True, blank=True)
    team = models.JSONField(_("tổ kiểm phiếu / tổ phát phiếu"), default=list, blank=True)
    team_leader = models.CharField(_("tổ trưởng (đại diện Ban công tác Mặt trận)"), max_length=200, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=DecisionStatus.choices, default="draft")
    closed_on = models.DateField(_("ngày kiểm phiếu"), null=True, blank=True)
    result = models.CharField(_("kết quả"), max_length=8, choices=DecisionResult.choices, blank=True, default="")
    result_text = models.TextField(_("kết quả (giải thích)"), blank=True)
    households_total = models.PositiveIntegerField(_("tổng số hộ"), default=0)
    households_voted = models.PositiveIntegerField(_("số hộ tham gia"), default=0)
    households_agreed = models.PositiveIntegerField(_("số hộ đồng ý"), default=0)
    head_name = models.CharField(_("trưởng thôn, tổ trưởng tổ dân phố"), max_length=200, blank=True)
    front_head_name = models.CharField(_("trưởng Ban công tác Mặt trận"), max_length=200, blank=True)
    witnesses = models.JSONField(_("hai đại diện hộ chứng kiến"), default=list, blank=True)
    submission_due_on = models.DateField(_("hạn gửi biên bản"), null=True, blank=True, db_index=True)
    submitted_on = models.DateField(_("ngày gửi biên bản"), null=True, blank=True)
    recognition_due_on = models.DateField(_("hạn công nhận"), null=True, blank=True, db_index=True)
    recognized_on = models.DateField(_("ngày công nhận / trả lời"), null=True, blank=True)
    recognized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recognition_document = models.CharField(_("số văn bản công nhận / trả lời"), max_length=60, blank=True)
    refusal_reasons = models.TextField(_("lý do không công nhận"), blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    is_published = models.BooleanField(_("công khai kết quả trên cổng"), default=False)
    # The overdue sweep tells once: the day it told of a late submission, of a late recognition
    submission_overdue_told_on = models.DateField(_("đã báo quá hạn gửi biên bản"), null=True, blank=True)
    recognition_overdue_told_on = models.DateField(_("đã báo quá hạn công nhận"), null=True, blank=True)
    search_text = models.CharField(max_length=600, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("nội dung bàn và quyết định")
        verbose_name_plural = _("nội dung bàn và quyết định")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="decision_number_unique")]
        indexes = [models.Index(fields=["province_code", "unit_path"], name="decision_place")]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"


class OnlineConsent(models.Model):
    """A household representative's agreement to decide this matter online (NĐ 59 Art. 5): the online vote opens
    only when more than half of all households agreed."""

    decision = models.ForeignKey(CommunityDecision, on_delete=models.CASCADE, related_name="online_consents")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="online_consent_once_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.household_id}"


class BallotChoice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    OTHER = "other", _("Ý kiến khác")


class BallotChannel(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy (tổ phát phiếu nhập)")
    ONLINE = "online", _("Trực tuyến")


class Ballot(models.Model):
    """One household's ballot: at most one per household and decision (the database refuses a second), paper
    and online in the same table so that one tally counts them both. ``village`` is where the household lived on
    the decision's register day. ``receipt`` is what the household checks on the portal ("counted"), never
    its choice."""

    decision = models.ForeignKey(CommunityDecision, on_delete=models.CASCADE, related_name="ballots")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("ý kiến"), max_length=10, choices=BallotChoice.choices)
    other_text = models.CharField(_("ý kiến khác"), max_length=500, blank=True)
    channel = models.CharField(_("cách gửi"), max_length=10, choices=BallotChannel.choices)
    cast_on = models.DateField(_("ngày bỏ phiếu"))
    receipt = models.CharField(_("mã biên nhận"), max_length=16, unique=True)
    corrections = models.PositiveSmallIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The officer's Idempotency-Key (or the page's hidden key), hashed: the same key again answers with this ballot.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # A database default too: ballots written in bulk outside the ORM (an import, the benchmarks) need not name it.
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", db_default="", editable=False)

    class Meta:
        verbose_name = _("phiếu lấy ý kiến")
        verbose_name_plural = _("phiếu lấy ý kiến")
        constraints = [models.UniqueConstraint(fields=["decision", "household"], name="ballot_once_per_household")]
        indexes = [models.Index(fields=["decision", "village", "choice"], name="ballot_tally")]

    def __str__(self) -> str:
        return self.receipt


class DecisionMeeting(models.Model):
    """A meeting of one village (or one cluster of a village of ≥ 200 households) that discusses and votes:
    invited by Form 01 ≥ 2 days ahead, households present recorded one by one, procedural choices passed by more
    than half of those PRESENT (NĐ 59 Art. 3)."""

    decision = models.ForeignKey(CommunityDecision, on_delete=models.CASCADE, related_name="meetings")
    village = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    cluster = models.CharField(_("cụm (nếu họp theo cụm)"), max_length=100, blank=True)
    notice_on = models.DateField(_("ngày gửi giấy mời (Mẫu 01)"))
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    chair_name = models.CharField(_("chủ trì"), max_length=200, blank=True)
    secretary_name = models.CharField(_("thư ký"), max_length=200, blank=True)
    present = models.ManyToManyField(Household, through="MeetingAttendance", related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội nghị bàn và quyết định")
        verbose_name_plural = _("hội nghị bàn và quyết định")
        constraints = [
            models.UniqueConstraint(fields=["decision", "village", "cluster"], name="decision_meeting_unique")
        ]

    def __str__(self) -> str:
        return f"{self.village_id} {self.cluster} ({self.held_on:%d/%m/%Y})".strip()


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(DecisionMeeting, on_delete=models.CASCADE, related_name="attendance")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "household"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.household_id}"


class ProceduralSubject(models.TextChoices):
    SECRETARY = "secretary", _("Cử thư ký")
    TEAM = "team", _("Tổ kiểm phiếu (3–5 người)")
    OPTIONS = "options", _("Các phương án đưa ra biểu quyết")


class ProceduralVote(models.Model):
    """A procedural choice at a meeting, passed with more than half of the households present."""

    meeting = models.ForeignKey(DecisionMeeting, on_delete=models.CASCADE, related_name="procedural_votes")
    subject = models.CharField(_("nội dung"), max_length=10, choices=ProceduralSubject.choices)
    proposal = models.CharField(_("đề nghị"), max_length=500)
    agreed = models.PositiveIntegerField(_("số hộ đồng ý"))
    present = models.PositiveIntegerField(_("số hộ có mặt"))
    passed = models.BooleanField(_("thông qua"))
    result_text = models.CharField(_("kết quả"), max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "subject"], name="procedural_vote_once")]

    def __str__(self) -> str:
        return f"{self.subject}: {self.result_text}"


class MeetingVillageCount(models.Model):
    """The decision's count at a meeting (hands raised), by households: ``agreed + disagreed + other`` never
    exceeds those present."""

    meeting = models.OneToOneField(DecisionMeeting, on_delete=models.CASCADE, related_name="count")
    agreed = models.PositiveIntegerField(_("số hộ đồng ý"))
    disagreed = models.PositiveIntegerField(_("số hộ không đồng ý"), default=0)
    other = models.PositiveIntegerField(_("ý kiến khác"), default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(agreed__gte=0), name="meeting_count_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.agreed}/{self.disagreed}/{self.other}"
