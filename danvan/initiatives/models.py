"""The "Dân vận khéo" registry: models and exemplars from registration to replication.

Sources: DOMAIN.md §3 (Bình Phước guidance 2020 for the kinds; MTTQ Thanh Khê 2026 for the
registration content; provincial rules such as Quảng Ninh QĐ 06/2021/QĐ-UBND for rubrics).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.effective import EffectiveDated
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.picklists import ActivePickList


class InitiativeKind(models.TextChoices):
    MODEL = "model", _("Mô hình")
    EXEMPLAR = "exemplar", _("Điển hình")


class HonoreeType(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class InitiativeLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")
    COMMUNE = "commune", _("Cấp xã")
    VILLAGE = "village", _("Cấp thôn, tổ dân phố")


class InitiativeStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    REGISTERED = "registered", _("Đã đăng ký")
    IMPLEMENTING = "implementing", _("Đang thực hiện")
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    EVALUATED = "evaluated", _("Đã chấm điểm")
    RECOGNIZED = "recognized", _("Được công nhận")
    NOT_RECOGNIZED = "not_recognized", _("Không được công nhận")
    MAINTAINED = "maintained", _("Duy trì")
    DISCONTINUED = "discontinued", _("Dừng thực hiện")


class Field(ActivePickList):
    """A field of mobilization work (the 4 standard ones; provinces may add others)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)

    class Meta(ActivePickList.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")


class Movement(models.Model):
    """A movement or plan an initiative answers to ("Năm dân vận khéo 2020")."""

    name = models.CharField(_("tên phong trào, kế hoạch"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    unit = models.ForeignKey(AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("phong trào, kế hoạch")
        verbose_name_plural = _("phong trào, kế hoạch")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


class Initiative(models.Model):
    """A registered model (collective practice) or exemplar (outstanding collective or individual)."""

    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=120, editable=False, db_index=True)
    province_code = models.CharField(max_length=2, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức đăng ký"), on_delete=models.PROTECT, related_name="initiatives"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=InitiativeKind.choices)
    honoree_type = models.CharField(_("tập thể / cá nhân"), max_length=12, choices=HonoreeType.choices, blank=True)
    honoree_name = models.CharField(_("tên tập thể, cá nhân điển hình"), max_length=200, blank=True)
    name = models.CharField(_("tên mô hình, điển hình"), max_length=300)
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("cấp"), max_length=10, choices=InitiativeLevel.choices)
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào, kế hoạch"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # Registration content.
    rationale = models.TextField(_("sự cần thiết"), blank=True)
    goals = models.TextField(_("mục tiêu, tiêu chí đo được"), blank=True)
    content_method = models.TextField(_("nội dung, cách làm"), blank=True)
    area_target = models.TextField(_("địa bàn, đối tượng"), blank=True)
    implementers = models.TextField(_("lực lượng thực hiện"), blank=True)
    timeline = models.TextField(_("thời gian thực hiện"), blank=True)
    outputs = models.TextField(_("sản phẩm, kết quả kiểm chứng được"), blank=True)
    sustainability = models.TextField(_("tính bền vững, khả năng nhân rộng"), blank=True)
    funds_total = models.PositiveBigIntegerField(_("tổng kinh phí (đồng)"), default=0, editable=False)
    # Lifecycle.
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=InitiativeStatus.choices, default=InitiativeStatus.DRAFT, db_index=True
    )
    registered_on = models.DateField(_("ngày đăng ký"), null=True, blank=True)
    # The unit's own assessment before the council scores it.
    self_assessment = models.TextField(_("kết quả đạt được so với mục tiêu"), blank=True)
    self_assessment_lessons = models.TextField(_("bài học kinh nghiệm, đề xuất"), blank=True)
    self_assessed_on = models.DateField(_("ngày tự đánh giá"), null=True, blank=True)
    recognized_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    recognized_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    origin = models.ForeignKey(
        "self",
        verbose_name=_("nhân rộng từ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replications",
    )
    is_public = models.BooleanField(_("công bố trên cổng thông tin"), default=False)
    public_summary = models.TextField(_("tóm tắt công bố"), blank=True)
    search_text = models.CharField(max_length=600, editable=False, default="")
    # What the public showcase searches: name, unit and body folded, never the exemplar's honoree (personal data).
    public_search_text = models.CharField(max_length=600, editable=False, default="")
    # Idempotent import: the natural key of a row of the officers' spreadsheet.
    import_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mô hình, điển hình")
        verbose_name_plural = _("mô hình, điển hình")
        ordering = ["-year", "name", "id"]
        indexes = [
            models.Index(fields=["unit_path", "year"], name="initiative_path_year"),
            models.Index(fields=["province_code", "year", "status"], name="initiative_province_year"),
            models.Index(fields=["province_code", "recognized_year"], name="initiative_province_recog"),
            models.Index(fields=["search_text"], name="initiative_search"),
            # Covers the list's usual filters with the search text, and (PostgreSQL) the default order's keys, so
            # the count and the page's keys (``core.pagination.page_rows``) are index-only scans: the page of a
            # common word (11,000 matches of a year and field) 22 -> 8 ms. SQLite ignores INCLUDE (its
            # covering rowid is the id; the list sorts the few matches' names from the rows).
            models.Index(
                fields=["year", "field", "search_text"], include=["name", "id"], name="initiative_year_field_page"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind="model") | ~Q(honoree_name=""), name="exemplar_names_its_honoree"),
        ]

    def __str__(self) -> str:
        return self.name


class Funding(models.Model):
    """A contribution to an initiative: "Ban CHQS hỗ trợ 7.000.000 đồng"."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="fundings")
    source = models.CharField(_("nguồn"), max_length=300)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kinh phí")
        verbose_name_plural = _("kinh phí")

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class ProgressUpdate(models.Model):
    """A report on what was done, with figures ("05 tuyến đường kiểu mẫu 500 m") and evidence attachments."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("ngày báo cáo"))
    text = models.TextField(_("nội dung"))
    figures = models.JSONField(_("số liệu"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.reported_on}: {self.text[:60]}"


class Transition(models.Model):
    """One step of an initiative's life: who did what, when and why (shown on its page)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=16, choices=InitiativeStatus.choices)
    to_status = models.CharField(max_length=16, choices=InitiativeStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class Rubric(models.Model):
    """A province's evaluation rubric for a year: criteria, maximum points, weights and the pass mark."""

    province = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    pass_mark = models.DecimalField(_("điểm đạt"), max_digits=6, decimal_places=2)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bộ tiêu chí chấm điểm")
        verbose_name_plural = _("bộ tiêu chí chấm điểm")
        constraints = [models.UniqueConstraint(fields=["province", "year"], name="rubric_one_per_province_year")]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(_("tiêu chí"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    weight = models.DecimalField(_("hệ số"), max_digits=4, decimal_places=2, default=1)
    expected_evidence = models.CharField(_("minh chứng cần có"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """The council's scoring of one initiative under a rubric; the result is the mean of members' totals."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evaluations")
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="evaluations")
    average = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "rubric"], name="evaluation_once_per_rubric")]

    def __str__(self) -> str:
        return f"{self.initiative} / {self.rubric}"


class Score(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(max_digits=6, decimal_places=2)
    comment = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "evaluator", "criterion"], name="score_once_per_member"),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class RecognitionAuthority(EffectiveDated):
    """Who may recognize what: initiatives of ``initiative_level`` are recognized at ``recognizer_level``."""

    initiative_level = models.CharField(max_length=10, choices=InitiativeLevel.choices)
    recognizer_level = models.PositiveSmallIntegerField(help_text="1 = tỉnh, 3 = xã")

    class Meta:
        verbose_name = _("thẩm quyền công nhận")
        verbose_name_plural = _("thẩm quyền công nhận")

    def __str__(self) -> str:
        return f"{self.initiative_level} → {self.recognizer_level}"


class RecognitionDecision(models.Model):
    """A decision recognizing (or not) a list of initiatives: number and symbol, date, signer."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("số"), max_length=20)
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    signed_on = models.DateField(_("ngày ký"))
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150)
    initiatives = models.ManyToManyField(Initiative, related_name="recognition_decisions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        constraints = [
            models.UniqueConstraint(fields=["organization", "number", "symbol", "signed_on"], name="decision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.symbol}"


class CommendationKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Giấy khen")
    MERIT = "merit", _("Bằng khen")


class Commendation(models.Model):
    """A Giấy khen / Bằng khen to a collective or an individual, by a body, with an amount if any."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="commendations")
    kind = models.CharField(_("hình thức"), max_length=12, choices=CommendationKind.choices)
    recipient_type = models.CharField(_("tập thể / cá nhân"), max_length=12, choices=HonoreeType.choices)
    recipient_name = models.CharField(_("người, tập thể được khen"), max_length=200)
    awarded_by = models.ForeignKey(
        Organization, verbose_name=_("cơ quan khen"), on_delete=models.PROTECT, related_name="+"
    )
    awarded_on = models.DateField(_("ngày khen"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-awarded_on", "id"]
        # A period's commendations found by their date, then their initiatives by id: SQLite otherwise walks every
        # initiative of the place to reach them (full scale: 273–390 ms → 22 ms a report, docs/reporting.md).
        indexes = [models.Index(fields=["awarded_on"], name="commendation_awarded")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.recipient_name}"
