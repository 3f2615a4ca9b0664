"""The citizen feedback channel (phản ánh, kiến nghị): reports filed on the portal or through Open311, on the case
engine (decision 0024).

Each report is one ``cases.Case`` of kind ``feedback`` (so the petition figures count it) and one :class:`Report`
here, which carries what the channel adds: the category and its service level, the point on the map, the public
tracking code, the public answer, the citizen's rating and reopening, moderation. The report repeats the few case
columns its lists filter on (unit path, province, state, dates), so the public list, the map, Open311 and the
statistics read one table and never join the cases.

Personal data (name, phone, e-mail) lives on the report and is never shown publicly nor sent to Open311 clients;
officers see it as ``cases.access`` allows (``personal_data.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AdministrativeUnit, Attachment, Organization, OrgKind
from danvan.core.picklists import ActivePickList


def _in_english(vietnamese: str, english: str) -> str:
    """A pick-list row's words for the active language: its English column when the page is in English."""
    language = translation.get_language() or ""
    return english if english and language.split("-")[0] == "en" else vietnamese


class Category(ActivePickList):
    """What a citizen can report (an Open311 service): ``code`` is the ``service_code``."""

    name = models.CharField(_("tên"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    group = models.CharField(_("nhóm"), max_length=100)
    group_en = models.CharField(_("nhóm (tiếng Anh)"), max_length=100, blank=True)
    icon = models.CharField(_("biểu tượng"), max_length=40, blank=True, help_text=_("Tên biểu tượng hoặc emoji."))
    description = models.CharField(_("mô tả"), max_length=500, blank=True)
    keywords = models.CharField(_("từ khóa"), max_length=300, blank=True, help_text=_("Cách nhau bằng dấu phẩy."))
    answer_days = models.PositiveSmallIntegerField(_("thời hạn trả lời (ngày làm việc)"), default=10)
    allows_anonymous = models.BooleanField(_("cho phép phản ánh ẩn danh"), default=True)
    handler_kind = models.ForeignKey(
        OrgKind,
        verbose_name=_("cơ quan xử lý mặc định"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Loại cơ quan của xã, phường nhận phản ánh loại này."),
    )
    # The petitions' field the report's case is filed under (the case figures count it there).
    case_field = models.ForeignKey(
        "cases.Field", verbose_name=_("lĩnh vực đơn thư"), on_delete=models.PROTECT, related_name="+"
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta(ActivePickList.Meta):
        verbose_name = _("lĩnh vực phản ánh")
        verbose_name_plural = _("lĩnh vực phản ánh")

    @property
    def label(self) -> str:
        """The name in the page's language: the English name on an English page (when one is recorded)."""
        return _in_english(self.name, self.name_en)

    @property
    def group_label(self) -> str:
        """The group in the page's language, as :attr:`label`."""
        return _in_english(self.group, self.group_en)

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]


class ReportState(models.TextChoices):
    NEW = "new", _("Mới tiếp nhận")
    ACCEPTED = "accepted", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã hoàn thành")
    REFUSED = "refused", _("Không tiếp nhận")
    MERGED = "merged", _("Đã gộp vào phản ánh khác")


OPEN_STATES = frozenset({ReportState.NEW, ReportState.ACCEPTED})


class RefusalReason(models.TextChoices):
    SPAM = "spam", _("Tin rác, không có nội dung phản ánh")
    OUT_OF_SCOPE = "out_of_scope", _("Không thuộc phạm vi tiếp nhận")


class ReportChannel(models.TextChoices):
    WEB = "web", _("Cổng thông tin")
    OPEN311 = "open311", _("Ứng dụng (Open311)")
    API = "api", _("API danvan")
    OFFICER = "officer", _("Cán bộ nhập")


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Trễ hạn")


class Report(models.Model):
    """One citizen report, from filing to closing (its case is ``case``)."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="feedback_report")
    # The public tracking code ("PA-7K3M9Q2X") and the hash of the citizen's secret (the link to act on it).
    code = models.CharField(_("mã theo dõi"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    category = models.ForeignKey(Category, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    unit_path = models.CharField(max_length=120, editable=False)
    province_code = models.CharField(max_length=2, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    channel = models.CharField(_("kênh"), max_length=10, choices=ReportChannel.choices, default=ReportChannel.WEB)
    client_name = models.CharField(_("ứng dụng gửi"), max_length=100, blank=True)
    description = models.TextField(_("nội dung phản ánh"))
    address_text = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    # The map grid cell of the point (geo.py): nearby look-ups read a few cells through an index.
    grid_cell = models.BigIntegerField(null=True, blank=True, editable=False)
    # The citizen (never public).
    citizen_name = models.CharField(_("họ tên người phản ánh"), max_length=150, blank=True)
    citizen_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    citizen_email = models.EmailField(_("thư điện tử"), blank=True)
    is_anonymous = models.BooleanField(_("ẩn danh"), default=False)
    # Life cycle.
    state = models.CharField(_("trạng thái"), max_length=10, choices=ReportState.choices, default=ReportState.NEW)
    is_open = models.BooleanField(default=True, editable=False)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    due_on = models.DateField(_("hạn trả lời"))
    due_explanation = models.JSONField(default=list, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    answer_text = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by_name = models.CharField(_("cơ quan trả lời"), max_length=300, blank=True)
    timeliness = models.CharField(max_length=8, choices=Timeliness.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.CharField(
        _("lý do không tiếp nhận"), max_length=14, choices=RefusalReason.choices, blank=True
    )
    refusal_text = models.CharField(_("giải thích (công khai)"), max_length=500, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_reports", db_index=False
    )
    # Privacy: an officer may hide a report from the public (it shows as hidden), with a reason kept internal.
    is_hidden = models.BooleanField(_("ẩn khỏi trang công khai"), default=False)
    hidden_reason = models.CharField(_("lý do ẩn"), max_length=300, blank=True)
    # Set when the report's or the answer's text seems to hold a phone or ID number (moderation.py).
    has_personal_data_flag = models.BooleanField(default=False)
    # The citizen's rating of the answer, and reopening.
    rating = models.PositiveSmallIntegerField(_("mức hài lòng"), null=True, blank=True)
    rating_comment = models.CharField(_("nhận xét"), max_length=1000, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField(default=0)
    followers_count = models.PositiveIntegerField(default=0)
    search_text = models.CharField(max_length=600, editable=False, default="")
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Not stored: True on the report ``intake.report_submit`` returns for a repeated submission key.
    replayed = False

    class Meta:
        verbose_name = _("phản ánh")
        verbose_name_plural = _("phản ánh")
        ordering = ["-received_at", "-id"]
        indexes = [
            # The public list and map of a province or a commune, newest first.
            models.Index(
                fields=["unit_path", "received_at"],
                name="report_scope_received",
                opclasses=["text_pattern_ops", "timestamptz_ops"],
            ),
            # A province's reports by day received, with every column the figures count (``feedback.statistics``,
            # the reports' feedback source): their counts read this index alone, not the reports' wide rows.
            models.Index(
                fields=[
                    "province_code",
                    "received_at",
                    "unit_path",
                    "answered_at",
                    "timeliness",
                    "state",
                    "is_open",
                    "due_on",
                    "rating",
                ],
                name="report_place_counts",
            ),
            models.Index(fields=["received_at", "id"], name="report_received"),
            # The open reports of a province by due date: the reports' figures read "open past the due date today"
            # from the month cube but for the reports due this month (decision 0037), found here.
            models.Index(fields=["province_code", "due_on"], name="report_open_due", condition=Q(is_open=True)),
            # Nearby open reports of a category: a few grid cells.
            models.Index(fields=["grid_cell", "category", "is_open"], name="report_nearby"),
            models.Index(fields=["assignee", "is_open"], name="report_assignee_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="report_rating_1_5"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="report_point_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def open311_status(self) -> str:
        return "open" if self.is_open else "closed"


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Tiếp nhận phản ánh")
    ACCEPTED = "accepted", _("Đã tiếp nhận xử lý")
    REFUSED = "refused", _("Không tiếp nhận")
    MERGED = "merged", _("Gộp phản ánh trùng")
    TRANSFERRED = "transferred", _("Chuyển cơ quan có thẩm quyền")
    ASSIGNED = "assigned", _("Giao cán bộ xử lý")
    INFO_REQUESTED = "info_requested", _("Đề nghị bổ sung thông tin")
    INFO_ADDED = "info_added", _("Người dân bổ sung thông tin")
    ANSWERED = "answered", _("Trả lời")
    RATED = "rated", _("Người dân đánh giá")
    REOPENED = "reopened", _("Người dân mở lại")
    CLOSED = "closed", _("Hoàn thành")
    HIDDEN = "hidden", _("Ẩn khỏi trang công khai")
    SHOWN = "shown", _("Hiện lại trên trang công khai")
    MODERATED = "moderated", _("Biên tập nội dung")
    NOTE = "note", _("Ghi chú nội bộ")
    FOLLOWED = "followed", _("Người dân theo dõi")


class ReportEvent(models.Model):
    """One step of a report's timeline; ``is_public`` ones show on its public page."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    is_public = models.BooleanField(default=True)
    text = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    actor_name = models.CharField(max_length=300, blank=True)  # the body's name shown publicly, never the officer
    from_unit = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    to_unit = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["report", "at"], name="report_event_at")]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


class PhotoRole(models.TextChoices):
    REPORT = "report", _("Ảnh người dân gửi")
    ANSWER = "answer", _("Ảnh kết quả xử lý")
    INFO = "info", _("Ảnh bổ sung")


class ReportPhoto(models.Model):
    """A photo of a report (stored as a ``core.Attachment``: re-encoded, metadata stripped)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    attachment = models.ForeignKey(Attachment, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=8, choices=PhotoRole.choices, default=PhotoRole.REPORT)
    event = models.ForeignKey(ReportEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="photos")
    # Moderation hides a photo from the public; the file is kept so the decision can be reverted.
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.attachment_id}"


class Moderation(models.Model):
    """An officer's edit of a citizen's (or an answer's) public text; the original is kept for revert."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="moderations")
    field = models.CharField(max_length=20)  # "description", "answer_text", "photo"
    original = models.TextField(blank=True)
    replacement = models.TextField(blank=True)
    reason = models.CharField(max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    at = models.DateTimeField()
    reverted_at = models.DateTimeField(null=True, blank=True)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.field}"


class Follower(models.Model):
    """A citizen who follows a report (instead of filing a duplicate) and is told of its progress."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "email", "phone"], name="follower_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}"
