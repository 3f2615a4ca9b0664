"""Demo data of the case engine for `danvan demo`: reception schedules, visits and cases at Xã Đồng Xuân (22081)
and Phường Buôn Ma Thuột (24133), dated relative to today.

Everything goes through the services (``reception.session_record`` / ``session_plan`` / ``visit_record``,
``services.case_receive`` / ``case_transition(on=…)``), so the data obey the same rules as real work: the
chairmen's weekly sessions of the last three months (Đồng Xuân missed one week; a deputy received once in Buôn Ma
Thuột), 25 visits (groups with their representatives, one refusal, answers on the spot) and about forty cases of
every kind and stage — some overdue or due soon once ``sweep_deadlines`` has run, some resolved on time, some
late, one transferred from Buôn Ma Thuột to Đồng Xuân, one anonymous denunciation, and one denunciation whose
denouncer only its handler ``dongxuan.canbo`` and the accepting chairman can read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.cases.models import Case, CaseKind, Channel, ComplexityCriterion, Field, Outcome, RefusalGround
from danvan.cases.services import PersonIn, TransitionInput, case_receive, case_transition
from danvan.cases.vault import DenouncerIdentity, DenouncerPerson
from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.reception.models import HostRole, ReceptionKind, Visit, VisitOutcome
from danvan.reception.services import RaisedCaseIn, VisitorIn, session_plan, session_record, visit_record

DONG_XUAN = "22081"
BUON_MA_THUOT = "24133"
WEEKS = 13
MISSED_WEEK = 5  # Đồng Xuân's chairman did not receive five weeks ago
DELEGATED_WEEK = 2  # Buôn Ma Thuột's chairman sent a deputy two weeks ago

RESOLVED_OUTCOME = {
    CaseKind.COMPLAINT: Outcome.PARTLY_RIGHT,
    CaseKind.DENUNCIATION: Outcome.FOUNDED,
    CaseKind.RECOMMENDATION: Outcome.ADDRESSED,
    CaseKind.FEEDBACK: Outcome.ADDRESSED,
}


@dataclass
class Place:
    """A commune of the demo, its desk officer and its chairman, and today's date."""

    unit: AdministrativeUnit
    officer: Officer
    chairman: Officer
    today: dt.date
    sessions: dict[int, Any] = field(default_factory=dict)

    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def thursday(self, weeks_ago: int) -> dt.date:
        """Thursday of the ISO week ``weeks_ago`` weeks before this one."""
        monday = self.today - dt.timedelta(days=self.today.weekday())
        return monday + dt.timedelta(days=3 - 7 * weeks_ago)


def _field(code: str) -> Field:
    return Field.objects.get(code=code)


# A step: (action, days ago, "officer" | "chairman", TransitionInput keyword arguments).
Step = tuple[str, int, str, dict[str, Any]]


def _classify(in_jurisdiction: bool = True, days: int = 0) -> Step:
    return ("classify", days, "officer", {"is_eligible": True, "in_jurisdiction": in_jurisdiction})


def _walk(place: Place, case: Case, steps: Sequence[Step]) -> Case:
    """Take ``steps`` in order; each is dated ``days`` ago and done by the desk officer or the chairman."""
    for action, days, who, data in steps:
        on = place.ago(days)
        actor = place.chairman if who == "chairman" else place.officer
        payload = dict(data)
        if action == "resolve":
            payload.setdefault("outcome", RESOLVED_OUTCOME[CaseKind(case.kind)])
            payload.setdefault("document_date", on)
        if action == "extend":
            payload.setdefault("criteria", list(ComplexityCriterion.objects.filter(kind=case.kind)[:1]))
        case = case_transition(actor=actor, case=case, action=action, data=TransitionInput(**payload), on=on)
    return case


def _accept(days: int, number: str) -> Step:
    return ("accept", days, "chairman", {"document_no": number})


def _resolve(days: int, number: str, **data: Any) -> Step:
    return ("resolve", days, "chairman", {"document_no": number, **data})


def _schedule(place: Place, chairman_name: str, position: str, *, missed: int | None, delegated: int | None) -> None:
    """Weekly periodic sessions of the chairman for the last three months and the next two weeks."""
    for weeks_ago in range(WEEKS, -3, -1):
        day = place.thursday(weeks_ago)
        if weeks_ago == missed:
            continue
        common: dict[str, Any] = {
            "actor": place.officer,
            "unit": place.unit,
            "kind": ReceptionKind.PERIODIC,
            "host_role": HostRole.COMMUNE_CHAIRMAN,
            "host_name": chairman_name,
            "host_position": position,
            "held_on": day,
            "starts_at": dt.time(7, 30),
            "ends_at": dt.time(11, 0),
            "location": f"Trụ sở UBND {place.unit.name}",
        }
        if day <= place.today:
            delegate = "Phó Chủ tịch UBND phụ trách tiếp công dân" if weeks_ago == delegated else ""
            place.sessions[weeks_ago] = session_record(**common, delegate_name=delegate)
        else:
            place.sessions[weeks_ago] = session_plan(**common)


def _visit(
    place: Place,
    *,
    weeks_ago: int | None = None,
    days: int | None = None,
    kind: str,
    summary: str,
    outcome: str = VisitOutcome.CASES,
    people: Sequence[tuple[str, str, bool]] = (),
    persons: int = 1,
    raised: Sequence[RaisedCaseIn] = (),
    answer: str = "",
    refusal_code: str | None = None,
    handled_by: str = "",
) -> Visit:
    """A visit at the chairman's session ``weeks_ago`` weeks back, or at the desk ``days`` ago."""
    session = place.sessions.get(weeks_ago) if weeks_ago is not None else None
    visited_on = place.thursday(weeks_ago) if weeks_ago is not None else place.ago(days or 0)
    return visit_record(
        actor=place.officer,
        unit=place.unit,
        visited_on=visited_on,
        kind=kind,
        summary=summary,
        outcome=outcome,
        persons=persons,
        visitors=[VisitorIn(name, address, is_representative=rep) for name, address, rep in people],
        session=session,
        already_handled_by=handled_by,
        refusal_ground=RefusalGround.objects.get(code=refusal_code) if refusal_code else None,
        answer=answer,
        raised=raised,
    )


def _case(
    place: Place,
    *,
    days: int,
    kind: str,
    channel: str,
    field_code: str,
    title: str,
    summary: str,
    people: Sequence[str] = (),
    denouncer: DenouncerIdentity | None = None,
    is_anonymous: bool = False,
    is_discipline: bool = False,
    subject_party: str = "",
) -> Case:
    return case_receive(
        actor=place.officer,
        unit=place.unit,
        kind=kind,
        channel=channel,
        field=_field(field_code),
        title=title,
        summary=summary,
        received_on=place.ago(days),
        people=[PersonIn(name, f"{place.unit.name}") for name in people],
        denouncer=denouncer,
        is_anonymous=is_anonymous,
        is_discipline=is_discipline,
        subject_party=subject_party,
    )


def _thursday_days(place: Place, weeks_ago: int) -> int:
    return (place.today - place.thursday(weeks_ago)).days


def _dong_xuan(place: Place) -> None:
    dx = place
    land, compensation = _field("dat-dai"), _field("boi-thuong-gpmb")
    # A group of seven households: a complaint together, and one of them denounces the cadastral officer.
    group = _visit(
        dx,
        weeks_ago=9,
        kind=CaseKind.COMPLAINT,
        summary="Đoàn 7 hộ thôn Phú Sơn khiếu nại quyết định thu hồi đất làm đường liên xã; một người tố cáo cán "
        "bộ địa chính nhận tiền để điều chỉnh ranh giới thửa đất.",
        persons=7,
        people=[
            ("Nguyễn Văn Hùng", "Thôn Phú Sơn, xã Đồng Xuân", True),
            ("Trần Thị Hoa", "Thôn Phú Sơn, xã Đồng Xuân", True),
            ("Lê Thị Mật", "Thôn Phú Sơn, xã Đồng Xuân", False),
            ("Phạm Văn Tư", "Thôn Phú Sơn, xã Đồng Xuân", False),
            ("Đỗ Thị Năm", "Thôn Phú Sơn, xã Đồng Xuân", False),
        ],
        handled_by="UBND xã Đồng Xuân đã trả lời bằng văn bản (2025)",
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT,
                field=land,
                title="Khiếu nại Quyết định thu hồi đất làm đường liên xã, thôn Phú Sơn",
                subject_party="Quyết định số 45/QĐ-UBND",
            ),
            RaisedCaseIn(
                kind=CaseKind.DENUNCIATION,
                field=_field("can-bo"),
                title="Tố cáo cán bộ địa chính xã nhận tiền điều chỉnh ranh giới",
                subject_party="Cán bộ địa chính xã",
                petitioners=(2,),
            ),
        ],
    )
    start = _thursday_days(dx, 9)
    complaint, denunciation = group.cases.order_by("id")
    _walk(
        dx,
        complaint,
        [
            _classify(days=start - 1),
            _accept(start - 3, "12/TB-UBND"),
            ("extend", start - 20, "chairman", {"note": "Nhiều hộ, nhiều thời kỳ", "document_no": "15/QĐ-UBND"}),
            ("verify", start - 21, "officer", {}),
            _resolve(start - 40, "20/QĐ-UBND", outcome=Outcome.PARTLY_RIGHT),
            ("notify", start - 41, "officer", {}),
            ("close", start - 42, "officer", {}),
        ],
    )
    # The handler is the desk officer who received it; the chairman accepts: they alone may read the denouncer.
    _walk(
        dx,
        denunciation,
        [_classify(days=start - 1), _accept(start - 5, "03/QĐ-UBND"), ("verify", start - 6, "officer", {})],
    )
    _visit(
        dx,
        weeks_ago=7,
        kind=CaseKind.COMPLAINT,
        summary="Công dân lớn tiếng, đe dọa cán bộ tiếp dân, không chấp hành nội quy.",
        outcome=VisitOutcome.REFUSED,
        people=[("Hồ Văn Bảy", "Khu phố Long Bình", False)],
        refusal_code="tcd-de-doa-xuc-pham",
    )
    _visit(
        dx,
        days=42,
        kind=CaseKind.FEEDBACK,
        summary="Hỏi thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Lý Văn Tám", "Khu phố Long Hòa", False)],
        answer="Hướng dẫn nộp hồ sơ tại Bộ phận một cửa, thời hạn giải quyết 10 ngày làm việc.",
    )
    single = _visit(
        dx,
        days=35,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại việc không được hỗ trợ chuyển đổi nghề khi thu hồi đất nông nghiệp.",
        people=[("Mai Văn Chín", "Thôn Tân Hòa", False)],
        raised=[RaisedCaseIn(kind=CaseKind.COMPLAINT, field=compensation, title="Khiếu nại hỗ trợ chuyển đổi nghề")],
    ).cases.get()
    _walk(
        dx,
        single,
        [
            _classify(days=34),
            _accept(30, "18/TB-UBND"),
            ("verify", 25, "officer", {}),
            _resolve(10, "31/QĐ-UBND"),
            ("notify", 9, "officer", {}),
        ],
    )
    guided = _visit(
        dx,
        weeks_ago=4,
        kind=CaseKind.RECOMMENDATION,
        summary="Kiến nghị xem xét cấp giấy chứng nhận cho đất khai hoang trước năm 1993.",
        people=[("Võ Thị Mười", "Thôn Phú Sơn", False)],
        raised=[
            RaisedCaseIn(kind=CaseKind.RECOMMENDATION, field=land, title="Kiến nghị cấp giấy chứng nhận đất khai hoang")
        ],
    ).cases.get()
    start = _thursday_days(dx, 4)
    _walk(
        dx,
        guided,
        [
            _classify(False, start - 1),
            (
                "guide",
                start - 3,
                "officer",
                {"note": "Hướng dẫn gửi Văn phòng đăng ký đất đai", "document_no": "21/HD-UBND"},
            ),
        ],
    )
    _visit(
        dx,
        days=21,
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh đèn chiếu sáng khu phố Long Bình hỏng nhiều ngày.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Phan Thị Hạnh", "Khu phố Long Bình", False)],
        answer="Đã báo tổ quản lý điện chiếu sáng xử lý trong tuần.",
    )
    pollution = _visit(
        dx,
        weeks_ago=2,
        kind=CaseKind.FEEDBACK,
        summary="Đoàn 5 hộ phản ánh cơ sở chế biến mủ cao su xả nước thải ra suối.",
        persons=5,
        people=[("Nguyễn Thị Liên", "Thôn Tân Hòa", True), ("Trương Văn Lực", "Thôn Tân Hòa", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.FEEDBACK, field=_field("moi-truong"), title="Phản ánh ô nhiễm nước suối thôn Tân Hòa"
            )
        ],
    ).cases.get()
    start = _thursday_days(dx, 2)
    _walk(
        dx,
        pollution,
        [_classify(days=start - 1), _accept(start - 2, "25/TB-UBND"), ("verify", start - 3, "officer", {})],
    )
    _visit(
        dx,
        weeks_ago=1,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại việc chậm chi trả tiền bồi thường cây trồng.",
        people=[("Đặng Văn Lợi", "Khu phố Long Hòa", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT, field=compensation, title="Khiếu nại chậm chi trả bồi thường cây trồng"
            )
        ],
    )
    _visit(
        dx,
        days=3,
        kind=CaseKind.RECOMMENDATION,
        summary="Hỏi chế độ trợ cấp cho người cao tuổi.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Bùi Văn Một", "Thôn Phú Sơn", False)],
        answer="Giải thích điều kiện hưởng trợ cấp và hướng dẫn lập hồ sơ.",
    )
    _visit(
        dx,
        days=2,
        kind=CaseKind.DENUNCIATION,
        summary="Tố cáo trưởng thôn thu tiền đóng góp không có trong nghị quyết của thôn.",
        people=[("Trần Văn Kiên", "Thôn Tân Hòa", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.DENUNCIATION,
                field=_field("tai-chinh-ngan-sach"),
                title="Tố cáo trưởng thôn thu tiền đóng góp trái quy định",
                subject_party="Trưởng thôn Tân Hòa",
            )
        ],
    )
    late = _visit(
        dx,
        weeks_ago=12,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng.",
        people=[("Huỳnh Văn Tài", "Khu phố Long Bình", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT, field=_field("xay-dung-do-thi"), title="Khiếu nại quyết định xử phạt xây dựng"
            )
        ],
    ).cases.get()
    start = _thursday_days(dx, 12)
    _walk(
        dx,
        late,
        [
            _classify(days=start - 1),
            _accept(start - 4, "08/TB-UBND"),
            ("verify", start - 10, "officer", {}),
            _resolve(start - 45, "19/QĐ-UBND", outcome=Outcome.WRONG),
            ("notify", start - 46, "officer", {}),
            ("close", start - 47, "officer", {}),
        ],
    )
    filed = _visit(
        dx,
        weeks_ago=8,
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh tiếng ồn quán karaoke (đã được giải quyết trước đó).",
        people=[("Lê Văn Năm", "Khu phố Long Hòa", False)],
        raised=[
            RaisedCaseIn(kind=CaseKind.FEEDBACK, field=_field("an-ninh-trat-tu"), title="Phản ánh tiếng ồn karaoke")
        ],
    ).cases.get()
    _walk(dx, filed, [("file", _thursday_days(dx, 8) - 2, "officer", {"note": "Nội dung đã được Công an xã xử lý"})])
    withdrawn = _visit(
        dx,
        weeks_ago=10,
        kind=CaseKind.COMPLAINT,
        summary="Hai hộ khiếu nại việc xác định ranh giới đất.",
        persons=2,
        people=[("Cao Văn Sơn", "Thôn Phú Sơn", False), ("Cao Thị Thủy", "Thôn Phú Sơn", False)],
        raised=[RaisedCaseIn(kind=CaseKind.COMPLAINT, field=land, title="Khiếu nại xác định ranh giới đất")],
    ).cases.get()
    _walk(dx, withdrawn, [("withdraw", _thursday_days(dx, 10) - 10, "officer", {"note": "Các hộ đã tự hòa giải"})])

    # Petitions by post, on the web portal and the hotline.
    anonymous = _case(
        dx,
        days=20,
        kind=CaseKind.DENUNCIATION,
        channel=Channel.POST,
        field_code="tham-nhung",
        title="Thư không ký tên tố cáo sai phạm trong xét hộ nghèo",
        summary="Thư nặc danh tố cáo việc đưa người thân cán bộ thôn vào danh sách hộ nghèo, kèm danh sách cụ thể.",
        is_anonymous=True,
        subject_party="Ban xét duyệt hộ nghèo thôn Tân Hòa",
    )
    _walk(
        dx,
        anonymous,
        [
            _classify(days=19),
            ("review", 17, "chairman", {"note": "Nội dung rõ, có danh sách: kiểm tra theo chức năng quản lý"}),
        ],
    )
    _case(
        dx,
        days=45,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="chinh-sach-xa-hoi",
        title="Khiếu nại việc cắt trợ cấp bảo trợ xã hội",
        summary="Bà Nguyễn Thị Sáu khiếu nại việc bị cắt trợ cấp bảo trợ xã hội từ tháng trước.",
        people=["Nguyễn Thị Sáu"],
    )
    _case(
        dx,
        days=4,
        kind=CaseKind.RECOMMENDATION,
        channel=Channel.WEB,
        field_code="xay-dung-do-thi",
        title="Kiến nghị làm gờ giảm tốc trước trường tiểu học",
        summary="Phụ huynh kiến nghị làm gờ giảm tốc trên đường trước Trường tiểu học La Hai.",
        people=["Phạm Thị Thu"],
    )
    _case(
        dx,
        days=1,
        kind=CaseKind.FEEDBACK,
        channel=Channel.HOTLINE,
        field_code="moi-truong",
        title="Phản ánh rác thải tồn đọng chợ La Hai",
        summary="Người dân gọi đường dây nóng phản ánh rác thải tồn đọng sau chợ.",
        people=["Lê Văn Hòa"],
    )
    pending = _case(
        dx,
        days=25,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="dat-dai",
        title="Khiếu nại việc từ chối đăng ký biến động đất đai",
        summary="Ông Trần Văn Lâm khiếu nại văn bản từ chối đăng ký biến động.",
        people=["Trần Văn Lâm"],
    )
    _walk(dx, pending, [_classify(days=24), _accept(22, "27/TB-UBND"), ("verify", 20, "officer", {})])
    founded = _case(
        dx,
        days=40,
        kind=CaseKind.DENUNCIATION,
        channel=Channel.WEB,
        field_code="can-bo",
        title="Tố cáo cán bộ văn phòng gây phiền hà khi chứng thực",
        summary="Tố cáo cán bộ yêu cầu nộp thêm tiền ngoài lệ phí khi chứng thực hợp đồng.",
        denouncer=DenouncerIdentity(people=(DenouncerPerson("Vũ Thị Hằng", "Khu phố Long Hòa", "0912345678"),)),
        subject_party="Cán bộ Văn phòng UBND xã",
    )
    _walk(
        dx,
        founded,
        [
            _classify(days=39),
            _accept(36, "05/QĐ-UBND"),
            ("verify", 30, "officer", {}),
            _resolve(5, "33/KL-UBND"),
            ("notify", 4, "officer", {}),
        ],
    )
    addressed = _case(
        dx,
        days=60,
        kind=CaseKind.RECOMMENDATION,
        channel=Channel.POST,
        field_code="y-te-giao-duc",
        title="Kiến nghị bố trí thêm bàn ghế lớp mẫu giáo thôn Phú Sơn",
        summary="Hội phụ huynh kiến nghị bố trí thêm bàn ghế cho điểm lẻ mẫu giáo.",
        people=["Đinh Thị Nga"],
    )
    _walk(
        dx,
        addressed,
        [
            _classify(days=58),
            _accept(55, "09/TB-UBND"),
            _resolve(30, "40/UBND-VX"),
            ("notify", 29, "officer", {}),
            ("close", 28, "officer", {}),
        ],
    )
    _case(
        dx,
        days=10,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="can-bo",
        title="Khiếu nại quyết định kỷ luật khiển trách",
        summary="Công chức địa chính khiếu nại quyết định kỷ luật khiển trách.",
        people=["Trần Văn Cường"],
        is_discipline=True,
    )
    quick = _case(
        dx,
        days=12,
        kind=CaseKind.FEEDBACK,
        channel=Channel.WEB,
        field_code="xay-dung-do-thi",
        title="Phản ánh ổ gà trên đường Trần Phú",
        summary="Ổ gà lớn gây nguy hiểm trên đường Trần Phú đoạn qua khu phố Long Bình.",
        people=["Ngô Văn Phát"],
    )
    _walk(dx, quick, [_classify(days=11), _accept(10, "30/TB-UBND"), _resolve(6, "45/UBND-KT")])
    electricity = _case(
        dx,
        days=33,
        kind=CaseKind.FEEDBACK,
        channel=Channel.HOTLINE,
        field_code="khac",
        title="Phản ánh mất điện kéo dài",
        summary="Mất điện kéo dài nhiều giờ tại khu phố Long Hòa.",
        people=["Trịnh Văn Hải"],
    )
    _walk(
        dx,
        electricity,
        [
            _classify(False, 32),
            ("transfer", 30, "officer", {"target_body": "Điện lực Đồng Xuân", "document_no": "36/UBND"}),
        ],
    )
    social = _case(
        dx,
        days=16,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="chinh-sach-xa-hoi",
        title="Khiếu nại việc xét hộ cận nghèo",
        summary="Hộ ông Lương Văn Tuấn khiếu nại kết quả bình xét hộ cận nghèo.",
        people=["Lương Văn Tuấn"],
    )
    _walk(dx, social, [_classify(days=15), _accept(12, "34/TB-UBND")])


def _buon_ma_thuot(place: Place, dong_xuan: Place) -> None:
    bmt = place
    compensation = _field("boi-thuong-gpmb")
    group = _visit(
        bmt,
        weeks_ago=11,
        kind=CaseKind.COMPLAINT,
        summary="Đoàn 12 hộ tổ dân phố 1 khiếu nại phương án bồi thường dự án mở rộng đường Lê Duẩn.",
        persons=12,
        people=[
            ("Y Bhăm Êban", "Tổ dân phố 1, phường Buôn Ma Thuột", True),
            ("Nguyễn Văn Đức", "Tổ dân phố 1, phường Buôn Ma Thuột", True),
            ("H'Linh Niê", "Tổ dân phố 1, phường Buôn Ma Thuột", True),
            ("Trần Thị Lan", "Tổ dân phố 1, phường Buôn Ma Thuột", False),
        ],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT,
                field=compensation,
                title="Khiếu nại phương án bồi thường dự án mở rộng đường Lê Duẩn",
            )
        ],
    ).cases.get()
    start = _thursday_days(bmt, 11)
    _walk(
        bmt,
        group,
        [
            _classify(days=start - 1),
            _accept(start - 3, "41/TB-UBND"),
            ("verify", start - 10, "officer", {}),
            _resolve(start - 40, "52/QĐ-UBND"),
            ("notify", start - 41, "officer", {}),
        ],
    )
    _visit(
        bmt,
        weeks_ago=10,
        kind=CaseKind.RECOMMENDATION,
        summary="Hỏi thủ tục đăng ký kinh doanh hộ gia đình.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Nguyễn Thị Bích", "Tổ dân phố 2", False)],
        answer="Hướng dẫn thủ tục và nộp hồ sơ trực tuyến trên Cổng dịch vụ công.",
    )
    moved = _visit(
        bmt,
        weeks_ago=9,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại việc thu hồi đất rẫy tại xã Đồng Xuân (người khiếu nại cư trú tại phường).",
        people=[("Phạm Văn Quang", "Tổ dân phố 2", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT, field=_field("dat-dai"), title="Khiếu nại thu hồi đất rẫy tại Đồng Xuân"
            )
        ],
    ).cases.get()
    start = _thursday_days(bmt, 9)
    _walk(
        bmt,
        moved,
        [
            _classify(False, start - 1),
            ("transfer", start - 3, "officer", {"target_unit": dong_xuan.unit, "document_no": "60/UBND-TCD"}),
        ],
    )
    _visit(
        bmt,
        days=56,
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh cây xanh gãy đổ trên vỉa hè.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Lê Hoàng Nam", "Tổ dân phố 1", False)],
        answer="Đã báo đội cây xanh đô thị xử lý.",
    )
    recommendation = _visit(
        bmt,
        weeks_ago=7,
        kind=CaseKind.RECOMMENDATION,
        summary="Kiến nghị lắp đèn chiếu sáng hẻm 24.",
        people=[("H'Mai Ayun", "Buôn Ako Dhông", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.RECOMMENDATION, field=_field("xay-dung-do-thi"), title="Kiến nghị lắp đèn hẻm 24"
            )
        ],
    ).cases.get()
    start = _thursday_days(bmt, 7)
    _walk(
        bmt,
        recommendation,
        [_classify(days=start - 1), _accept(start - 2, "70/TB-UBND"), _resolve(start - 20, "81/UBND")],
    )
    denunciation = _visit(
        bmt,
        weeks_ago=6,
        kind=CaseKind.DENUNCIATION,
        summary="Tố cáo tổ trưởng tổ dân phố ép hộ dân ký biên bản.",
        people=[("Y Nguê Byă", "Buôn Ako Dhông", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.DENUNCIATION,
                field=_field("can-bo"),
                title="Tố cáo tổ trưởng tổ dân phố ép ký biên bản",
                subject_party="Tổ trưởng tổ dân phố 3",
            )
        ],
    ).cases.get()
    start = _thursday_days(bmt, 6)
    _walk(
        bmt,
        denunciation,
        [_classify(days=start - 1), _accept(start - 4, "07/QĐ-UBND"), ("verify", start - 5, "officer", {})],
    )
    guided = _visit(
        bmt,
        weeks_ago=5,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại quyết định của Sở Xây dựng về cấp phép.",
        people=[("Đoàn Văn Hiếu", "Tổ dân phố 2", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT, field=_field("xay-dung-do-thi"), title="Khiếu nại giấy phép xây dựng của Sở"
            )
        ],
    ).cases.get()
    start = _thursday_days(bmt, 5)
    _walk(
        bmt,
        guided,
        [
            _classify(False, start - 1),
            ("guide", start - 2, "officer", {"note": "Hướng dẫn gửi Sở Xây dựng", "document_no": "77/HD-UBND"}),
        ],
    )
    group_feedback = _visit(
        bmt,
        weeks_ago=4,
        kind=CaseKind.FEEDBACK,
        summary="Đoàn 6 hộ phản ánh ngập úng khi mưa lớn tại tổ dân phố 2.",
        persons=6,
        people=[("Vũ Văn Thành", "Tổ dân phố 2", True), ("Lâm Thị Hương", "Tổ dân phố 2", True)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.FEEDBACK, field=_field("xay-dung-do-thi"), title="Phản ánh ngập úng tổ dân phố 2"
            )
        ],
    ).cases.get()
    start = _thursday_days(bmt, 4)
    _walk(
        bmt,
        group_feedback,
        [_classify(days=start - 1), _accept(start - 2, "88/TB-UBND"), ("verify", start - 4, "officer", {})],
    )
    _visit(
        bmt,
        days=21,
        kind=CaseKind.FEEDBACK,
        summary="Hỏi lịch thu gom rác.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Nguyễn Văn Tín", "Tổ dân phố 1", False)],
        answer="Cung cấp lịch thu gom rác của tổ dân phố.",
    )
    classified = _visit(
        bmt,
        weeks_ago=2,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại việc không được cấp giấy xác nhận tình trạng nhà ở.",
        people=[("Trần Minh Khoa", "Tổ dân phố 1", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT,
                field=_field("tu-phap-ho-tich"),
                title="Khiếu nại từ chối xác nhận tình trạng nhà ở",
            )
        ],
    ).cases.get()
    _walk(bmt, classified, [_classify(days=_thursday_days(bmt, 2) - 1)])
    _visit(
        bmt,
        days=7,
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh lấn chiếm vỉa hè kinh doanh.",
        people=[("Hồ Thị Thảo", "Tổ dân phố 2", False)],
        raised=[
            RaisedCaseIn(kind=CaseKind.FEEDBACK, field=_field("an-ninh-trat-tu"), title="Phản ánh lấn chiếm vỉa hè")
        ],
    )
    _visit(
        bmt,
        days=3,
        kind=CaseKind.RECOMMENDATION,
        summary="Hỏi chính sách hỗ trợ học phí.",
        outcome=VisitOutcome.ANSWERED,
        people=[("H'Yến Mlô", "Buôn Ako Dhông", False)],
        answer="Hướng dẫn hồ sơ miễn, giảm học phí tại trường.",
    )

    _case(
        bmt,
        days=3,
        kind=CaseKind.FEEDBACK,
        channel=Channel.WEB,
        field_code="moi-truong",
        title="Phản ánh khói bụi từ xưởng gỗ",
        summary="Xưởng gỗ hoạt động ban đêm gây khói bụi, tiếng ồn.",
        people=["Phan Văn Lộc"],
    )
    _case(
        bmt,
        days=30,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="dat-dai",
        title="Khiếu nại việc cấp giấy chứng nhận trùng thửa",
        summary="Ông Y Khuê Niê khiếu nại việc cấp giấy chứng nhận cho người khác trên thửa đất của gia đình.",
        people=["Y Khuê Niê"],
    )
    late = _case(
        bmt,
        days=50,
        kind=CaseKind.RECOMMENDATION,
        channel=Channel.HOTLINE,
        field_code="y-te-giao-duc",
        title="Kiến nghị sửa chữa trạm y tế phường",
        summary="Người dân kiến nghị sửa chữa mái trạm y tế bị dột.",
        people=["Đỗ Văn Khánh"],
    )
    _walk(bmt, late, [_classify(days=49), _accept(47, "64/TB-UBND"), _resolve(2, "99/UBND")])
    _case(
        bmt,
        days=15,
        kind=CaseKind.DENUNCIATION,
        channel=Channel.POST,
        field_code="tham-nhung",
        title="Tố cáo sai phạm trong thu quỹ phòng chống thiên tai",
        summary="Tố cáo việc thu quỹ phòng chống thiên tai cao hơn mức quy định.",
        denouncer=DenouncerIdentity(people=(DenouncerPerson("Nguyễn Văn Ba", "Tổ dân phố 1"),)),
        subject_party="Tổ dân phố 1",
    )
    closed = _case(
        bmt,
        days=90,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="chinh-sach-xa-hoi",
        title="Khiếu nại chế độ người có công",
        summary="Bà H'Ruh Knul khiếu nại việc chưa được hưởng chế độ thân nhân liệt sĩ.",
        people=["H'Ruh Knul"],
    )
    _walk(
        bmt,
        closed,
        [
            _classify(days=88),
            _accept(85, "50/TB-UBND"),
            ("verify", 80, "officer", {}),
            _resolve(60, "58/QĐ-UBND"),
            ("notify", 59, "officer", {}),
            ("close", 58, "officer", {}),
        ],
    )
    working = _case(
        bmt,
        days=9,
        kind=CaseKind.FEEDBACK,
        channel=Channel.WEB,
        field_code="xay-dung-do-thi",
        title="Phản ánh nắp cống hở",
        summary="Nắp cống trên đường Phan Chu Trinh bị vỡ.",
        people=["Lê Thị Hồng"],
    )
    _walk(bmt, working, [_classify(days=8), _accept(7, "93/TB-UBND"), ("verify", 6, "officer", {})])
    shelved = _case(
        bmt,
        days=18,
        kind=CaseKind.RECOMMENDATION,
        channel=Channel.POST,
        field_code="khac",
        title="Kiến nghị đổi tên đường",
        summary="Kiến nghị đổi tên một đoạn đường trong tổ dân phố 2.",
        people=["Trần Quốc Việt"],
    )
    _walk(
        bmt,
        shelved,
        [("file", 16, "officer", {"note": "Không thuộc nội dung xử lý đơn; đã ghi nhận vào đề xuất chung"})],
    )
    suspended = _case(
        bmt,
        days=100,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="dat-dai",
        title="Khiếu nại việc thu hồi đất làm chợ",
        summary="Khiếu nại việc thu hồi đất làm chợ Buôn Ma Thuột; chờ kết quả giám định.",
        people=["Nguyễn Thành Long"],
    )
    _walk(
        bmt,
        suspended,
        [
            _classify(days=98),
            _accept(95, "45/TB-UBND"),
            ("suspend", 80, "chairman", {"note": "Chờ kết quả giám định của Tòa án", "document_no": "48/QĐ-UBND"}),
        ],
    )
    complex_case = _case(
        bmt,
        days=65,
        kind=CaseKind.DENUNCIATION,
        channel=Channel.WEB,
        field_code="tham-nhung",
        title="Tố cáo sai phạm trong đấu thầu sửa chữa nhà văn hóa",
        summary="Tố cáo việc chia nhỏ gói thầu sửa chữa nhà văn hóa tổ dân phố để chỉ định thầu.",
        denouncer=DenouncerIdentity(people=(DenouncerPerson("Phạm Thị Xuân", "Tổ dân phố 2"),)),
        subject_party="Ban quản lý dự án phường",
    )
    _walk(
        bmt,
        complex_case,
        [
            _classify(days=63),
            _accept(60, "09/QĐ-UBND"),
            ("verify", 55, "officer", {}),
            ("extend", 30, "chairman", {"note": "Phải xác minh ở nhiều nơi", "document_no": "12/QĐ-UBND"}),
        ],
    )


def _place(code: str, officers: dict[str, Officer], prefix: str, today: dt.date) -> Place:
    return Place(
        unit=AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=code),
        officer=officers[f"{prefix}.canbo"],
        chairman=officers[f"{prefix}.chutich"],
        today=today,
    )


@transaction.atomic
def load_demo(officers: dict[str, Officer]) -> None:
    """Reception schedules, visits and cases at Xã Đồng Xuân and Phường Buôn Ma Thuột, dated from today.

    ``officers`` maps the demo usernames (``dongxuan.canbo``, ``dongxuan.chutich``, ``bmt.canbo``,
    ``bmt.chutich``) to their officers. Does nothing when cases already exist. Run ``sweep_deadlines`` afterwards
    to mark the overdue and due-soon cases.
    """
    if Case.objects.exists() or Visit.objects.exists():
        return
    today = timezone.localdate()
    dong_xuan = _place(DONG_XUAN, officers, "dongxuan", today)
    buon_ma_thuot = _place(BUON_MA_THUOT, officers, "bmt", today)
    _schedule(dong_xuan, "Đặng Văn Hùng", "Chủ tịch UBND xã", missed=MISSED_WEEK, delegated=None)
    _schedule(buon_ma_thuot, "H'Hương Mlô", "Chủ tịch UBND phường", missed=None, delegated=DELEGATED_WEEK)
    _dong_xuan(dong_xuan)
    _buon_ma_thuot(buon_ma_thuot, dong_xuan)
