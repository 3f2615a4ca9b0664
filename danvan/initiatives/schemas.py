"""API schemas of the registry."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from danvan.core.fields import PersonName, Text, Title
from danvan.core.filters import ListFilter
from danvan.core.formatting import choice_label
from danvan.core.numbers import VietnameseDecimal, VietnameseInt
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.schemas import UnitRef
from danvan.initiatives.models import (
    Funding,
    HonoreeType,
    Initiative,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
    ProgressUpdate,
    Transition,
)


class InitiativeFilter(ListFilter):
    """The filters of the registry's list, declared once for the page, the XLSX export and the API (core.filters):
    ``filters.apply_filters(qs, **InitiativeFilter.from_params(request.GET).values())``."""

    q: str | None = Field(None, max_length=200, description="Tìm không dấu trong tên, đơn vị, tổ chức.")
    field: str | None = Field(None, max_length=40, description="Lĩnh vực: mã số (id) hoặc mã (economy, …).")
    level: InitiativeLevel | None = None
    kind: InitiativeKind | None = None
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    status: InitiativeStatus | None = None
    organization: int | None = Field(None, ge=1)
    unit: int | None = Field(None, ge=1, description="Cây con của đơn vị này.")
    recognized_year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)


class InitiativeListFilter(InitiativeFilter):
    """The API list's filters and its order."""

    sort: str | None = Field(None, pattern=r"^-?(name|year|registered_on|recognized_on|funds_total)$")


class FundingIn(Schema):
    source: str = Field(..., min_length=1, max_length=300)
    amount: VietnameseInt = Field(
        ..., ge=0, description="Số tiền (đồng), số nguyên không âm: 15000000 hoặc “15.000.000”."
    )
    note: str = Field("", max_length=300)


class FundingOut(FundingIn):
    """A funding line as stored."""


class InitiativeIn(Schema):
    unit_id: int = Field(..., ge=1)
    organization_id: int = Field(..., ge=1)
    kind: InitiativeKind
    name: Title
    field: str = Field(..., max_length=40, description="Mã lĩnh vực (xem /initiatives/fields).")
    level: InitiativeLevel
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    honoree_type: HonoreeType | None = None
    honoree_name: str = Field("", max_length=200)
    movement_id: int | None = Field(None, ge=1)
    rationale: Text = ""
    goals: Text = ""
    content_method: Text = ""
    area_target: Text = ""
    implementers: Text = ""
    timeline: Text = ""
    outputs: Text = ""
    sustainability: Text = ""
    fundings: list[FundingIn] = Field([], max_length=100)


class InitiativeOut(Schema):
    id: int
    name: str
    kind: str
    level: str
    year: int
    status: str
    status_label: str
    field: str = Field(..., alias="field.code")
    field_name: str = Field(..., alias="field.name")
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    organization_id: int
    organization_name: str = Field(..., alias="organization.name")
    funds_total: int
    registered_on: dt.date | None
    recognized_on: dt.date | None
    origin_id: int | None
    is_public: bool
    version: int

    @staticmethod
    def resolve_status_label(obj: Initiative) -> str:
        return choice_label(InitiativeStatus, obj.status)


class TransitionOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str | None
    reason: str
    at: dt.datetime

    @staticmethod
    def resolve_actor(obj: Transition) -> str | None:
        return str(obj.actor) if obj.actor_id else None


class ProgressOut(Schema):
    id: int
    reported_on: dt.date
    text: str
    figures: list


class InitiativeDetailOut(InitiativeOut):
    honoree_type: str
    honoree_name: str
    rationale: str
    goals: str
    content_method: str
    area_target: str
    implementers: str
    timeline: str
    outputs: str
    sustainability: str
    fundings: list[FundingOut]
    transitions: list[TransitionOut]
    updates: list[ProgressOut]
    allowed_actions: list[str]
    replications: list[int]

    @staticmethod
    def resolve_fundings(obj: Initiative) -> list[Funding]:
        return list(obj.fundings.all())

    @staticmethod
    def resolve_transitions(obj: Initiative) -> list[Transition]:
        return list(obj.transitions.all())

    @staticmethod
    def resolve_updates(obj: Initiative) -> list[ProgressUpdate]:
        return list(obj.updates.all())

    @staticmethod
    def resolve_replications(obj: Initiative) -> list[int]:
        return [r.pk for r in obj.replications.all()]

    @staticmethod
    def resolve_allowed_actions(obj: Initiative, context: dict) -> list[str]:
        from danvan.initiatives.selectors import allowed_steps

        return [step.action for step in allowed_steps(context["request"].user, obj)]


class TransitionIn(Schema):
    action: str = Field(..., max_length=20)
    reason: str = Field("", max_length=2000)
    expected_version: int | None = Field(None, ge=1, description="Phiên bản đã đọc; nếu đã đổi → 409.")


class ScoresIn(Schema):
    points: dict[int, VietnameseDecimal] = Field(..., description="Mã tiêu chí → điểm (8.5 hoặc “8,5”).")


class EvaluationOut(Schema):
    average: Decimal | None
    passed: bool | None
    members: int


class DecisionIn(Schema):
    organization_id: int = Field(..., ge=1)
    number: str = Field(..., min_length=1, max_length=20)
    symbol: str = Field(..., min_length=1, max_length=40)
    signed_on: dt.date
    signer_name: PersonName
    signer_title: str = Field("", max_length=150)
    initiatives: dict[int, int] = Field(..., description="Mã hồ sơ → phiên bản đã đọc.")


class DecisionOut(Schema):
    id: int
    number: str
    symbol: str
    signed_on: dt.date
    signer_name: str
    initiative_ids: list[int]


class FieldOut(Schema):
    code: str
    name: str


# --- Statistics -------------------------------------------------------------------------------------------------------


class StatisticsFilter(Schema):
    unit: int
    year: int | None = None
    half: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class PeriodOut(Schema):
    start: dt.date
    end: dt.date
    label: str


class FiguresOut(Schema):
    registered: int
    maintained: int
    recognized: int
    commended_collectives: int
    commended_individuals: int
    commendation_amount: int
    replicated: int
    funds_total: int


class ChangeOut(Schema):
    """Change from the period before, in percent (one decimal); null when the period before had none."""

    registered: float | None
    maintained: float | None
    recognized: float | None
    commended_collectives: float | None
    commended_individuals: float | None
    commendation_amount: float | None
    replicated: float | None
    funds_total: float | None


class BreakdownRowOut(Schema):
    key: str
    label: str
    registered: int
    registered_previous: int
    recognized: int
    recognized_previous: int
    funds_total: int
    change: float | None


class BreakdownsOut(Schema):
    level: list[BreakdownRowOut]
    field: list[BreakdownRowOut]
    kind: list[BreakdownRowOut]
    status: list[BreakdownRowOut]
    organization_kind: list[BreakdownRowOut]


class StatisticsOut(Schema):
    unit: UnitRef
    period: PeriodOut
    previous_period: PeriodOut
    current: FiguresOut
    previous: FiguresOut
    change: ChangeOut
    breakdowns: BreakdownsOut


# --- Import and export ------------------------------------------------------------------------------------------------


class ImportOut(Schema):
    created: int = Field(description="Số mô hình, điển hình mới được tạo.")
    skipped: int = Field(description="Số dòng bỏ qua vì đã có (nhập lại cùng tệp).")


class ImportErrorItem(Schema):
    row: int = Field(description="Số dòng trong Excel (dòng tiêu đề là 1).")
    column: str = Field(description="Tên cột.")
    message: str


class ImportErrorOut(Schema):
    code: str
    message: str
    errors: list[ImportErrorItem]
