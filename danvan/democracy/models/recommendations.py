"""One tracker for every recommendation (kiến nghị) until it is answered (docs/decisions/0023).

A :class:`Recommendation` is a question or recommendation raised at an event — a year-end village meeting, a
dialogue, a voter contact, a People's Inspection Board session, a Community Investment Supervision Board session, a
Fatherland Front supervision or social-criticism session, a reception visit — that a competent body must answer.
The event is any record, through a content type (``event``); ``source`` says which kind of event it is, and with
it which legal rule sets the answer deadline (``recommendation.answer_days.<source>``; 15 days for the boards,
Luật 10/2022/QH15 Art. 40.1.c and 45.2.c).

``unit`` is the commune (or village) where it was raised, so the raising side's officers see it; the addressed
body is ``addressee_org`` (a unit's organization), and ``addressee_path`` (that organization's unit path) lets the
answering side's officers — a province, say — see it too. ``addressee`` keeps the kind of body for items recorded
before the body was named. A transfer moves it to another body with a reason (:class:`RecommendationTransfer`).

Who raised it: ``raiser_kind`` (citizens, an organization, a board) with ``raiser_org`` when an organization
raised it and ``raised_by`` as the minutes name them. A citizen's name is personal data: it is shown to officers
of the unit only, never on the public portal (the same care as a petitioner's).

Its life: open → answered (``answer``, ``answered_on``, ``answered_by_org``, optional document) → assessed by the
raiser (``assessment``): satisfied closes it; not satisfied either closes it or re-raises it as a new
recommendation linked by ``reraised_from``. The text bands (``band_0``…``band_3``, ``core.similarity``) find the
same matter raised at two events.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Attachment, Organization
from danvan.democracy.models.base import CommuneRecord


class RecommendationKind(models.TextChoices):
    QUESTION = "question", _("Câu hỏi")
    RECOMMENDATION = "recommendation", _("Kiến nghị, đề xuất")


class RecommendationSource(models.TextChoices):
    """The kind of event a recommendation was raised at; each has its own answer-deadline rule."""

    YEAR_END_MEETING = "year_end_meeting", _("Hội nghị thôn, tổ dân phố hằng năm")
    DIALOGUE = "dialogue", _("Đối thoại của UBND xã với Nhân dân")
    STAFF_DIALOGUE = "staff_dialogue", _("Đối thoại của người đứng đầu với cán bộ, công chức")
    VOTER_CONTACT = "voter_contact", _("Tiếp xúc cử tri")
    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân")
    INVESTMENT_BOARD = "investment_board", _("Ban Giám sát đầu tư của cộng đồng")
    SUPERVISION = "supervision", _("Giám sát của Mặt trận Tổ quốc")
    SOCIAL_CRITICISM = "social_criticism", _("Phản biện xã hội")
    RECEPTION = "reception", _("Tiếp công dân")


# Raised in public settings: shown, with their answers, on the commune's public page.
PUBLIC_SOURCES = frozenset(
    {RecommendationSource.YEAR_END_MEETING, RecommendationSource.DIALOGUE, RecommendationSource.VOTER_CONTACT}
)


class RaiserKind(models.TextChoices):
    CITIZENS = "citizens", _("Cử tri, Nhân dân")
    ORGANIZATION = "organization", _("Cơ quan, tổ chức")
    BOARD = "board", _("Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng")


class RecommendationField(models.TextChoices):
    """The field (lĩnh vực) a recommendation is about, for statistics and routing."""

    LAND = "land", _("Đất đai, quy hoạch, bồi thường")
    INFRASTRUCTURE = "infrastructure", _("Giao thông, hạ tầng, xây dựng")
    ENVIRONMENT = "environment", _("Môi trường, vệ sinh")
    SOCIAL_POLICY = "social_policy", _("Chính sách xã hội, an sinh")
    HEALTH_EDUCATION = "health_education", _("Y tế, giáo dục, văn hóa")
    SECURITY = "security", _("An ninh, trật tự")
    ECONOMY = "economy", _("Kinh tế, nông nghiệp")
    ADMINISTRATION = "administration", _("Thủ tục hành chính, cán bộ")
    OTHER = "other", _("Lĩnh vực khác")


class Addressee(models.TextChoices):
    """The kind of body a recommendation is addressed to (the one that must answer)."""

    PEOPLES_COMMITTEE = "peoples_committee", _("UBND xã")
    FATHERLAND_FRONT = "fatherland_front", _("Ủy ban MTTQ xã")
    PEOPLES_COUNCIL = "peoples_council", _("HĐND xã")
    VILLAGE = "village", _("Thôn, tổ dân phố")
    HIGHER_LEVEL = "higher_level", _("Cơ quan cấp trên")
    OTHER = "other", _("Cơ quan, tổ chức khác")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Chờ trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã kết thúc")
    RERAISED = "reraised", _("Đã kiến nghị lại")


class Assessment(models.TextChoices):
    SATISFIED = "satisfied", _("Hài lòng với trả lời")
    UNSATISFIED = "unsatisfied", _("Chưa hài lòng với trả lời")


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def open(self) -> RecommendationQuerySet:
        return self.filter(answered_on__isnull=True)

    def waiting(self) -> RecommendationQuerySet:
        """Still to answer: open (not answered, not closed, not re-raised)."""
        return self.filter(status=RecommendationStatus.OPEN)

    def due_soon(self, today: dt.date, limit: dt.date) -> RecommendationQuerySet:
        return self.filter(status=RecommendationStatus.OPEN, due_on__gte=today, due_on__lte=limit)

    def overdue(self, today: dt.date) -> RecommendationQuerySet:
        return self.filter(answered_on__isnull=True, due_on__lt=today)

    def for_event(self, event: models.Model) -> RecommendationQuerySet:
        return self.filter(event_type=ContentType.objects.get_for_model(event), event_id=event.pk)

    def public(self) -> RecommendationQuerySet:
        return self.filter(source__in=PUBLIC_SOURCES, public_hidden=False)


class Recommendation(CommuneRecord):
    """A question or recommendation raised at ``event`` that ``addressee_org`` must answer by ``due_on``."""

    event_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    event_id = models.PositiveBigIntegerField()
    event = GenericForeignKey("event_type", "event_id")
    source = models.CharField(_("nguồn"), max_length=20, choices=RecommendationSource.choices)
    kind = models.CharField(_("loại"), max_length=16, choices=RecommendationKind.choices)
    field = models.CharField(
        _("lĩnh vực"), max_length=20, choices=RecommendationField.choices, default=RecommendationField.OTHER
    )
    raiser_kind = models.CharField(
        _("bên kiến nghị"), max_length=12, choices=RaiserKind.choices, default=RaiserKind.CITIZENS
    )
    raiser_org = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức kiến nghị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    raised_by = models.CharField(_("người nêu"), max_length=200)
    raised_on = models.DateField(_("ngày nêu"))
    content = models.TextField(_("nội dung"))
    addressee = models.CharField(_("cơ quan trả lời"), max_length=20, choices=Addressee.choices)
    addressee_note = models.CharField(_("ghi rõ cơ quan"), max_length=200, blank=True)
    addressee_org = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan có thẩm quyền trả lời"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    addressee_path = models.CharField(max_length=120, blank=True, default="", editable=False)
    due_rule = models.CharField(_("quy định về hạn trả lời"), max_length=80, blank=True)
    due_on = models.DateField(_("hạn trả lời"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by_org = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan trả lời"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answer_document = models.ForeignKey(
        Attachment, verbose_name=_("văn bản trả lời"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessment = models.CharField(_("đánh giá trả lời"), max_length=12, choices=Assessment.choices, blank=True)
    assessment_reason = models.TextField(_("lý do"), blank=True)
    assessed_on = models.DateField(_("ngày đánh giá"), null=True, blank=True)
    reraised_from = models.ForeignKey(
        "self",
        verbose_name=_("kiến nghị lại từ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reraises",
    )
    public_hidden = models.BooleanField(_("ẩn trên cổng công khai"), default=False)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("trùng với kiến nghị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    # The folded content (no diacritics, đ→d, lower case) for the searches of the inbox and the lists.
    search_text = models.TextField(blank=True, default="", editable=False)
    band_0 = models.IntegerField(default=0, editable=False)
    band_1 = models.IntegerField(default=0, editable=False)
    band_2 = models.IntegerField(default=0, editable=False)
    band_3 = models.IntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        indexes = [
            models.Index(fields=["event_type", "event_id"], name="raised_item_event"),
            # The place's items and every column the statistics count (``recommendation_figures``): the figures of
            # a province read this index alone, not ~60,000 rows scattered over the table (replaces
            # ``raised_item_place_raised``, its first three columns: no index added to the writes).
            models.Index(
                fields=[
                    "province_code",
                    "unit_path",
                    "raised_on",
                    "answered_on",
                    "due_on",
                    "source",
                    "addressee",
                    "kind",
                    "assessment",
                    "reraised_from",
                ],
                name="recommendation_place_counts",
            ),
            models.Index(fields=["addressee_org", "status", "due_on"], name="recommendation_inbox"),
            models.Index(fields=["addressee_path", "raised_on"], name="recommendation_addressed"),
            models.Index(fields=["status", "due_on"], name="recommendation_due"),
            # The unanswered items by due date: the few the month cube cannot tell overdue today from not
            # (``recommendation_figures._overdue_now``: due from the day before this month to yesterday).
            models.Index(
                fields=["province_code", "due_on", "unit_path", "raised_on", "reraised_from"],
                name="recommendation_unanswered_due",
                condition=Q(answered_on__isnull=True),
            ),
            models.Index(fields=["band_0"], name="recommendation_band_0"),
            models.Index(fields=["band_1"], name="recommendation_band_1"),
            models.Index(fields=["band_2"], name="recommendation_band_2"),
            models.Index(fields=["band_3"], name="recommendation_band_3"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=models.F("raised_on")),
                name="raised_item_answered_after_raised",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.raised_by}: {self.content[:80]}"

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None

    @property
    def is_public_setting(self) -> bool:
        return self.source in PUBLIC_SOURCES

    def is_overdue(self, today: dt.date) -> bool:
        return self.answered_on is None and self.due_on is not None and self.due_on < today

    def answered_on_time(self) -> bool | None:
        """True when answered by the due date, False when late, None while open or without a due date."""
        if self.answered_on is None or self.due_on is None:
            return None
        return self.answered_on <= self.due_on


class RecommendationTransfer(models.Model):
    """A recommendation moved from one body to another, with the reason (each transfer kept)."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="transfers")
    from_org = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    to_org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do chuyển"))
    transferred_on = models.DateField(_("ngày chuyển"))
    due_on_before = models.DateField(null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chuyển kiến nghị")
        verbose_name_plural = _("chuyển kiến nghị")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.recommendation_id}: {self.from_org_id} → {self.to_org_id}"


class RecommendationNotice(models.Model):
    """What an addressed body was last told of a recommendation's deadline: one row per item, written by the
    recommendation sweep (``recommendation_sweep``).

    An item is told again when its state ("due_soon", "overdue") or its body differs from this row (transferred to
    another body); the row goes when the item is answered or back before the "due soon" window, so an item whose
    deadline moved is told again when it comes due again. The row lives apart from the wide recommendation row
    (eighteen indexes): a first sweep over a backlog of 460,000 late items writes 460,000 narrow rows and leaves the
    recommendations alone.
    """

    recommendation = models.OneToOneField(Recommendation, primary_key=True, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", db_index=False)
    state = models.CharField(max_length=10)
    due_on = models.DateField()
    told_on = models.DateField()

    class Meta:
        verbose_name = _("thông báo hạn trả lời kiến nghị")
        verbose_name_plural = _("thông báo hạn trả lời kiến nghị")

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.state} {self.due_on}"
