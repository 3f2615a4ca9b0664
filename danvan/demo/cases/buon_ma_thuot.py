"""Phường Buôn Ma Thuột (24133): visits, petitions, and a complaint transferred to Đồng Xuân, each a short story."""

from __future__ import annotations

from danvan.cases.models import CaseKind, Channel
from danvan.cases.vault import DenouncerIdentity, DenouncerPerson
from danvan.demo.cases.steps import (
    Place,
    accept,
    classify,
    field_of,
    receive,
    resolve,
    thursday_days,
    visit,
    walk,
)
from danvan.reception.models import VisitOutcome
from danvan.reception.services import RaisedCaseIn


def _le_duan_compensation_group(bmt: Place) -> None:
    compensation = field_of("boi-thuong-gpmb")
    group = visit(
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
    start = thursday_days(bmt, 11)
    walk(
        bmt,
        group,
        [
            classify(days=start - 1),
            accept(start - 3, "41/TB-UBND"),
            ("verify", start - 10, "officer", {}),
            resolve(start - 40, "52/QĐ-UBND"),
            ("notify", start - 41, "officer", {}),
        ],
    )


def _business_registration_answered(bmt: Place) -> None:
    visit(
        bmt,
        weeks_ago=10,
        kind=CaseKind.RECOMMENDATION,
        summary="Hỏi thủ tục đăng ký kinh doanh hộ gia đình.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Nguyễn Thị Bích", "Tổ dân phố 2", False)],
        answer="Hướng dẫn thủ tục và nộp hồ sơ trực tuyến trên Cổng dịch vụ công.",
    )


def _dong_xuan_land_complaint_transferred(bmt: Place, dong_xuan: Place) -> None:
    moved = visit(
        bmt,
        weeks_ago=9,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại việc thu hồi đất rẫy tại xã Đồng Xuân (người khiếu nại cư trú tại phường).",
        people=[("Phạm Văn Quang", "Tổ dân phố 2", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT, field=field_of("dat-dai"), title="Khiếu nại thu hồi đất rẫy tại Đồng Xuân"
            )
        ],
    ).cases.get()
    start = thursday_days(bmt, 9)
    walk(
        bmt,
        moved,
        [
            classify(False, start - 1),
            ("transfer", start - 3, "officer", {"target_unit": dong_xuan.unit, "document_no": "60/UBND-TCD"}),
        ],
    )


def _fallen_tree_answered(bmt: Place) -> None:
    visit(
        bmt,
        days=56,
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh cây xanh gãy đổ trên vỉa hè.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Lê Hoàng Nam", "Tổ dân phố 1", False)],
        answer="Đã báo đội cây xanh đô thị xử lý.",
    )


def _alley_lights_recommendation(bmt: Place) -> None:
    recommendation = visit(
        bmt,
        weeks_ago=7,
        kind=CaseKind.RECOMMENDATION,
        summary="Kiến nghị lắp đèn chiếu sáng hẻm 24.",
        people=[("H'Mai Ayun", "Buôn Ako Dhông", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.RECOMMENDATION, field=field_of("xay-dung-do-thi"), title="Kiến nghị lắp đèn hẻm 24"
            )
        ],
    ).cases.get()
    start = thursday_days(bmt, 7)
    walk(
        bmt,
        recommendation,
        [classify(days=start - 1), accept(start - 2, "70/TB-UBND"), resolve(start - 20, "81/UBND")],
    )


def _residential_group_leader_denunciation(bmt: Place) -> None:
    denunciation = visit(
        bmt,
        weeks_ago=6,
        kind=CaseKind.DENUNCIATION,
        summary="Tố cáo tổ trưởng tổ dân phố ép hộ dân ký biên bản.",
        people=[("Y Nguê Byă", "Buôn Ako Dhông", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.DENUNCIATION,
                field=field_of("can-bo"),
                title="Tố cáo tổ trưởng tổ dân phố ép ký biên bản",
                subject_party="Tổ trưởng tổ dân phố 3",
            )
        ],
    ).cases.get()
    start = thursday_days(bmt, 6)
    walk(
        bmt,
        denunciation,
        [classify(days=start - 1), accept(start - 4, "07/QĐ-UBND"), ("verify", start - 5, "officer", {})],
    )


def _construction_permit_complaint_guided(bmt: Place) -> None:
    guided = visit(
        bmt,
        weeks_ago=5,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại quyết định của Sở Xây dựng về cấp phép.",
        people=[("Đoàn Văn Hiếu", "Tổ dân phố 2", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT, field=field_of("xay-dung-do-thi"), title="Khiếu nại giấy phép xây dựng của Sở"
            )
        ],
    ).cases.get()
    start = thursday_days(bmt, 5)
    walk(
        bmt,
        guided,
        [
            classify(False, start - 1),
            ("guide", start - 2, "officer", {"note": "Hướng dẫn gửi Sở Xây dựng", "document_no": "77/HD-UBND"}),
        ],
    )


def _flooding_group_feedback(bmt: Place) -> None:
    group_feedback = visit(
        bmt,
        weeks_ago=4,
        kind=CaseKind.FEEDBACK,
        summary="Đoàn 6 hộ phản ánh ngập úng khi mưa lớn tại tổ dân phố 2.",
        persons=6,
        people=[("Vũ Văn Thành", "Tổ dân phố 2", True), ("Lâm Thị Hương", "Tổ dân phố 2", True)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.FEEDBACK, field=field_of("xay-dung-do-thi"), title="Phản ánh ngập úng tổ dân phố 2"
            )
        ],
    ).cases.get()
    start = thursday_days(bmt, 4)
    walk(
        bmt,
        group_feedback,
        [classify(days=start - 1), accept(start - 2, "88/TB-UBND"), ("verify", start - 4, "officer", {})],
    )


def _rubbish_schedule_answered(bmt: Place) -> None:
    visit(
        bmt,
        days=21,
        kind=CaseKind.FEEDBACK,
        summary="Hỏi lịch thu gom rác.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Nguyễn Văn Tín", "Tổ dân phố 1", False)],
        answer="Cung cấp lịch thu gom rác của tổ dân phố.",
    )


def _housing_certificate_complaint_classified(bmt: Place) -> None:
    classified = visit(
        bmt,
        weeks_ago=2,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại việc không được cấp giấy xác nhận tình trạng nhà ở.",
        people=[("Trần Minh Khoa", "Tổ dân phố 1", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT,
                field=field_of("tu-phap-ho-tich"),
                title="Khiếu nại từ chối xác nhận tình trạng nhà ở",
            )
        ],
    ).cases.get()
    walk(bmt, classified, [classify(days=thursday_days(bmt, 2) - 1)])


def _pavement_encroachment_feedback(bmt: Place) -> None:
    visit(
        bmt,
        days=7,
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh lấn chiếm vỉa hè kinh doanh.",
        people=[("Hồ Thị Thảo", "Tổ dân phố 2", False)],
        raised=[
            RaisedCaseIn(kind=CaseKind.FEEDBACK, field=field_of("an-ninh-trat-tu"), title="Phản ánh lấn chiếm vỉa hè")
        ],
    )


def _school_fees_answered(bmt: Place) -> None:
    visit(
        bmt,
        days=3,
        kind=CaseKind.RECOMMENDATION,
        summary="Hỏi chính sách hỗ trợ học phí.",
        outcome=VisitOutcome.ANSWERED,
        people=[("H'Yến Mlô", "Buôn Ako Dhông", False)],
        answer="Hướng dẫn hồ sơ miễn, giảm học phí tại trường.",
    )


def _sawmill_dust_feedback(bmt: Place) -> None:
    receive(
        bmt,
        days=3,
        kind=CaseKind.FEEDBACK,
        channel=Channel.WEB,
        field_code="moi-truong",
        title="Phản ánh khói bụi từ xưởng gỗ",
        summary="Xưởng gỗ hoạt động ban đêm gây khói bụi, tiếng ồn.",
        people=["Phan Văn Lộc"],
    )


def _duplicate_certificate_complaint(bmt: Place) -> None:
    receive(
        bmt,
        days=30,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="dat-dai",
        title="Khiếu nại việc cấp giấy chứng nhận trùng thửa",
        summary="Ông Y Khuê Niê khiếu nại việc cấp giấy chứng nhận cho người khác trên thửa đất của gia đình.",
        people=["Y Khuê Niê"],
    )


def _health_station_recommendation_late(bmt: Place) -> None:
    late = receive(
        bmt,
        days=50,
        kind=CaseKind.RECOMMENDATION,
        channel=Channel.HOTLINE,
        field_code="y-te-giao-duc",
        title="Kiến nghị sửa chữa trạm y tế phường",
        summary="Người dân kiến nghị sửa chữa mái trạm y tế bị dột.",
        people=["Đỗ Văn Khánh"],
    )
    walk(bmt, late, [classify(days=49), accept(47, "64/TB-UBND"), resolve(2, "99/UBND")])


def _disaster_fund_denunciation(bmt: Place) -> None:
    receive(
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


def _meritorious_benefits_complaint_closed(bmt: Place) -> None:
    closed = receive(
        bmt,
        days=90,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="chinh-sach-xa-hoi",
        title="Khiếu nại chế độ người có công",
        summary="Bà H'Ruh Knul khiếu nại việc chưa được hưởng chế độ thân nhân liệt sĩ.",
        people=["H'Ruh Knul"],
    )
    walk(
        bmt,
        closed,
        [
            classify(days=88),
            accept(85, "50/TB-UBND"),
            ("verify", 80, "officer", {}),
            resolve(60, "58/QĐ-UBND"),
            ("notify", 59, "officer", {}),
            ("close", 58, "officer", {}),
        ],
    )


def _open_drain_feedback_in_work(bmt: Place) -> None:
    working = receive(
        bmt,
        days=9,
        kind=CaseKind.FEEDBACK,
        channel=Channel.WEB,
        field_code="xay-dung-do-thi",
        title="Phản ánh nắp cống hở",
        summary="Nắp cống trên đường Phan Chu Trinh bị vỡ.",
        people=["Lê Thị Hồng"],
    )
    walk(bmt, working, [classify(days=8), accept(7, "93/TB-UBND"), ("verify", 6, "officer", {})])


def _street_renaming_shelved(bmt: Place) -> None:
    shelved = receive(
        bmt,
        days=18,
        kind=CaseKind.RECOMMENDATION,
        channel=Channel.POST,
        field_code="khac",
        title="Kiến nghị đổi tên đường",
        summary="Kiến nghị đổi tên một đoạn đường trong tổ dân phố 2.",
        people=["Trần Quốc Việt"],
    )
    walk(
        bmt,
        shelved,
        [("file", 16, "officer", {"note": "Không thuộc nội dung xử lý đơn; đã ghi nhận vào đề xuất chung"})],
    )


def _market_land_complaint_suspended(bmt: Place) -> None:
    suspended = receive(
        bmt,
        days=100,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="dat-dai",
        title="Khiếu nại việc thu hồi đất làm chợ",
        summary="Khiếu nại việc thu hồi đất làm chợ Buôn Ma Thuột; chờ kết quả giám định.",
        people=["Nguyễn Thành Long"],
    )
    walk(
        bmt,
        suspended,
        [
            classify(days=98),
            accept(95, "45/TB-UBND"),
            ("suspend", 80, "chairman", {"note": "Chờ kết quả giám định của Tòa án", "document_no": "48/QĐ-UBND"}),
        ],
    )


def _tender_splitting_denunciation_extended(bmt: Place) -> None:
    complex_case = receive(
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
    walk(
        bmt,
        complex_case,
        [
            classify(days=63),
            accept(60, "09/QĐ-UBND"),
            ("verify", 55, "officer", {}),
            ("extend", 30, "chairman", {"note": "Phải xác minh ở nhiều nơi", "document_no": "12/QĐ-UBND"}),
        ],
    )


def load_buon_ma_thuot(bmt: Place, dong_xuan: Place) -> None:
    """Every story of Buôn Ma Thuột, in the order that numbers its visits and cases."""
    _le_duan_compensation_group(bmt)
    _business_registration_answered(bmt)
    _dong_xuan_land_complaint_transferred(bmt, dong_xuan)
    _fallen_tree_answered(bmt)
    _alley_lights_recommendation(bmt)
    _residential_group_leader_denunciation(bmt)
    _construction_permit_complaint_guided(bmt)
    _flooding_group_feedback(bmt)
    _rubbish_schedule_answered(bmt)
    _housing_certificate_complaint_classified(bmt)
    _pavement_encroachment_feedback(bmt)
    _school_fees_answered(bmt)
    _sawmill_dust_feedback(bmt)
    _duplicate_certificate_complaint(bmt)
    _health_station_recommendation_late(bmt)
    _disaster_fund_denunciation(bmt)
    _meritorious_benefits_complaint_closed(bmt)
    _open_drain_feedback_in_work(bmt)
    _street_renaming_shelved(bmt)
    _market_land_complaint_suspended(bmt)
    _tender_splitting_denunciation_extended(bmt)
