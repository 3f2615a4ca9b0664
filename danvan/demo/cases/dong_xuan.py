"""Xã Đồng Xuân (22081): the chairman's sessions' visits, petitions by post, web and hotline, each a short story."""

from __future__ import annotations

from danvan.cases.models import CaseKind, Channel, Outcome
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


def _land_group_complaint_and_denunciation(dx: Place) -> None:
    land = field_of("dat-dai")
    # A group of seven households: a complaint together, and one of them denounces the cadastral officer.
    group = visit(
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
                field=field_of("can-bo"),
                title="Tố cáo cán bộ địa chính xã nhận tiền điều chỉnh ranh giới",
                subject_party="Cán bộ địa chính xã",
                petitioners=(2,),
            ),
        ],
    )
    start = thursday_days(dx, 9)
    complaint, denunciation = group.cases.order_by("id")
    walk(
        dx,
        complaint,
        [
            classify(days=start - 1),
            accept(start - 3, "12/TB-UBND"),
            ("extend", start - 20, "chairman", {"note": "Nhiều hộ, nhiều thời kỳ", "document_no": "15/QĐ-UBND"}),
            ("verify", start - 21, "officer", {}),
            resolve(start - 40, "20/QĐ-UBND", outcome=Outcome.PARTLY_RIGHT),
            ("notify", start - 41, "officer", {}),
            ("close", start - 42, "officer", {}),
        ],
    )
    # The handler is the desk officer who received it; the chairman accepts: they alone may read the denouncer.
    walk(
        dx,
        denunciation,
        [classify(days=start - 1), accept(start - 5, "03/QĐ-UBND"), ("verify", start - 6, "officer", {})],
    )


def _refused_threatening_visitor(dx: Place) -> None:
    visit(
        dx,
        weeks_ago=7,
        kind=CaseKind.COMPLAINT,
        summary="Công dân lớn tiếng, đe dọa cán bộ tiếp dân, không chấp hành nội quy.",
        outcome=VisitOutcome.REFUSED,
        people=[("Hồ Văn Bảy", "Khu phố Long Bình", False)],
        refusal_code="tcd-de-doa-xuc-pham",
    )


def _land_certificate_question_answered(dx: Place) -> None:
    visit(
        dx,
        days=42,
        kind=CaseKind.FEEDBACK,
        summary="Hỏi thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Lý Văn Tám", "Khu phố Long Hòa", False)],
        answer="Hướng dẫn nộp hồ sơ tại Bộ phận một cửa, thời hạn giải quyết 10 ngày làm việc.",
    )


def _job_support_complaint_resolved(dx: Place) -> None:
    compensation = field_of("boi-thuong-gpmb")
    single = visit(
        dx,
        days=35,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại việc không được hỗ trợ chuyển đổi nghề khi thu hồi đất nông nghiệp.",
        people=[("Mai Văn Chín", "Thôn Tân Hòa", False)],
        raised=[RaisedCaseIn(kind=CaseKind.COMPLAINT, field=compensation, title="Khiếu nại hỗ trợ chuyển đổi nghề")],
    ).cases.get()
    walk(
        dx,
        single,
        [
            classify(days=34),
            accept(30, "18/TB-UBND"),
            ("verify", 25, "officer", {}),
            resolve(10, "31/QĐ-UBND"),
            ("notify", 9, "officer", {}),
        ],
    )


def _wasteland_recommendation_guided_elsewhere(dx: Place) -> None:
    land = field_of("dat-dai")
    guided = visit(
        dx,
        weeks_ago=4,
        kind=CaseKind.RECOMMENDATION,
        summary="Kiến nghị xem xét cấp giấy chứng nhận cho đất khai hoang trước năm 1993.",
        people=[("Võ Thị Mười", "Thôn Phú Sơn", False)],
        raised=[
            RaisedCaseIn(kind=CaseKind.RECOMMENDATION, field=land, title="Kiến nghị cấp giấy chứng nhận đất khai hoang")
        ],
    ).cases.get()
    start = thursday_days(dx, 4)
    walk(
        dx,
        guided,
        [
            classify(False, start - 1),
            (
                "guide",
                start - 3,
                "officer",
                {"note": "Hướng dẫn gửi Văn phòng đăng ký đất đai", "document_no": "21/HD-UBND"},
            ),
        ],
    )


def _street_lights_answered(dx: Place) -> None:
    visit(
        dx,
        days=21,
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh đèn chiếu sáng khu phố Long Bình hỏng nhiều ngày.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Phan Thị Hạnh", "Khu phố Long Bình", False)],
        answer="Đã báo tổ quản lý điện chiếu sáng xử lý trong tuần.",
    )


def _river_pollution_group_being_verified(dx: Place) -> None:
    pollution = visit(
        dx,
        weeks_ago=2,
        kind=CaseKind.FEEDBACK,
        summary="Đoàn 5 hộ phản ánh cơ sở chế biến mủ cao su xả nước thải ra suối.",
        persons=5,
        people=[("Nguyễn Thị Liên", "Thôn Tân Hòa", True), ("Trương Văn Lực", "Thôn Tân Hòa", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.FEEDBACK, field=field_of("moi-truong"), title="Phản ánh ô nhiễm nước suối thôn Tân Hòa"
            )
        ],
    ).cases.get()
    start = thursday_days(dx, 2)
    walk(
        dx,
        pollution,
        [classify(days=start - 1), accept(start - 2, "25/TB-UBND"), ("verify", start - 3, "officer", {})],
    )


def _crop_compensation_complaint_received(dx: Place) -> None:
    compensation = field_of("boi-thuong-gpmb")
    visit(
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


def _elderly_allowance_answered(dx: Place) -> None:
    visit(
        dx,
        days=3,
        kind=CaseKind.RECOMMENDATION,
        summary="Hỏi chế độ trợ cấp cho người cao tuổi.",
        outcome=VisitOutcome.ANSWERED,
        people=[("Bùi Văn Một", "Thôn Phú Sơn", False)],
        answer="Giải thích điều kiện hưởng trợ cấp và hướng dẫn lập hồ sơ.",
    )


def _village_chief_denunciation_received(dx: Place) -> None:
    visit(
        dx,
        days=2,
        kind=CaseKind.DENUNCIATION,
        summary="Tố cáo trưởng thôn thu tiền đóng góp không có trong nghị quyết của thôn.",
        people=[("Trần Văn Kiên", "Thôn Tân Hòa", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.DENUNCIATION,
                field=field_of("tai-chinh-ngan-sach"),
                title="Tố cáo trưởng thôn thu tiền đóng góp trái quy định",
                subject_party="Trưởng thôn Tân Hòa",
            )
        ],
    )


def _building_fine_complaint_resolved_late(dx: Place) -> None:
    late = visit(
        dx,
        weeks_ago=12,
        kind=CaseKind.COMPLAINT,
        summary="Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng.",
        people=[("Huỳnh Văn Tài", "Khu phố Long Bình", False)],
        raised=[
            RaisedCaseIn(
                kind=CaseKind.COMPLAINT,
                field=field_of("xay-dung-do-thi"),
                title="Khiếu nại quyết định xử phạt xây dựng",
            )
        ],
    ).cases.get()
    start = thursday_days(dx, 12)
    walk(
        dx,
        late,
        [
            classify(days=start - 1),
            accept(start - 4, "08/TB-UBND"),
            ("verify", start - 10, "officer", {}),
            resolve(start - 45, "19/QĐ-UBND", outcome=Outcome.WRONG),
            ("notify", start - 46, "officer", {}),
            ("close", start - 47, "officer", {}),
        ],
    )


def _karaoke_noise_filed(dx: Place) -> None:
    filed = visit(
        dx,
        weeks_ago=8,
        kind=CaseKind.FEEDBACK,
        summary="Phản ánh tiếng ồn quán karaoke (đã được giải quyết trước đó).",
        people=[("Lê Văn Năm", "Khu phố Long Hòa", False)],
        raised=[
            RaisedCaseIn(kind=CaseKind.FEEDBACK, field=field_of("an-ninh-trat-tu"), title="Phản ánh tiếng ồn karaoke")
        ],
    ).cases.get()
    walk(dx, filed, [("file", thursday_days(dx, 8) - 2, "officer", {"note": "Nội dung đã được Công an xã xử lý"})])


def _boundary_complaint_withdrawn(dx: Place) -> None:
    land = field_of("dat-dai")
    withdrawn = visit(
        dx,
        weeks_ago=10,
        kind=CaseKind.COMPLAINT,
        summary="Hai hộ khiếu nại việc xác định ranh giới đất.",
        persons=2,
        people=[("Cao Văn Sơn", "Thôn Phú Sơn", False), ("Cao Thị Thủy", "Thôn Phú Sơn", False)],
        raised=[RaisedCaseIn(kind=CaseKind.COMPLAINT, field=land, title="Khiếu nại xác định ranh giới đất")],
    ).cases.get()
    walk(dx, withdrawn, [("withdraw", thursday_days(dx, 10) - 10, "officer", {"note": "Các hộ đã tự hòa giải"})])


def _anonymous_poverty_list_denunciation(dx: Place) -> None:
    # Petitions by post, on the web portal and the hotline.
    anonymous = receive(
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
    walk(
        dx,
        anonymous,
        [
            classify(days=19),
            ("review", 17, "chairman", {"note": "Nội dung rõ, có danh sách: kiểm tra theo chức năng quản lý"}),
        ],
    )


def _welfare_cut_complaint_by_post(dx: Place) -> None:
    receive(
        dx,
        days=45,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="chinh-sach-xa-hoi",
        title="Khiếu nại việc cắt trợ cấp bảo trợ xã hội",
        summary="Bà Nguyễn Thị Sáu khiếu nại việc bị cắt trợ cấp bảo trợ xã hội từ tháng trước.",
        people=["Nguyễn Thị Sáu"],
    )


def _speed_bump_recommendation_on_the_web(dx: Place) -> None:
    receive(
        dx,
        days=4,
        kind=CaseKind.RECOMMENDATION,
        channel=Channel.WEB,
        field_code="xay-dung-do-thi",
        title="Kiến nghị làm gờ giảm tốc trước trường tiểu học",
        summary="Phụ huynh kiến nghị làm gờ giảm tốc trên đường trước Trường tiểu học La Hai.",
        people=["Phạm Thị Thu"],
    )


def _market_rubbish_on_the_hotline(dx: Place) -> None:
    receive(
        dx,
        days=1,
        kind=CaseKind.FEEDBACK,
        channel=Channel.HOTLINE,
        field_code="moi-truong",
        title="Phản ánh rác thải tồn đọng chợ La Hai",
        summary="Người dân gọi đường dây nóng phản ánh rác thải tồn đọng sau chợ.",
        people=["Lê Văn Hòa"],
    )


def _land_registration_complaint_being_verified(dx: Place) -> None:
    pending = receive(
        dx,
        days=25,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="dat-dai",
        title="Khiếu nại việc từ chối đăng ký biến động đất đai",
        summary="Ông Trần Văn Lâm khiếu nại văn bản từ chối đăng ký biến động.",
        people=["Trần Văn Lâm"],
    )
    walk(dx, pending, [classify(days=24), accept(22, "27/TB-UBND"), ("verify", 20, "officer", {})])


def _notary_fees_denunciation_founded(dx: Place) -> None:
    founded = receive(
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
    walk(
        dx,
        founded,
        [
            classify(days=39),
            accept(36, "05/QĐ-UBND"),
            ("verify", 30, "officer", {}),
            resolve(5, "33/KL-UBND"),
            ("notify", 4, "officer", {}),
        ],
    )


def _kindergarten_recommendation_closed(dx: Place) -> None:
    addressed = receive(
        dx,
        days=60,
        kind=CaseKind.RECOMMENDATION,
        channel=Channel.POST,
        field_code="y-te-giao-duc",
        title="Kiến nghị bố trí thêm bàn ghế lớp mẫu giáo thôn Phú Sơn",
        summary="Hội phụ huynh kiến nghị bố trí thêm bàn ghế cho điểm lẻ mẫu giáo.",
        people=["Đinh Thị Nga"],
    )
    walk(
        dx,
        addressed,
        [
            classify(days=58),
            accept(55, "09/TB-UBND"),
            resolve(30, "40/UBND-VX"),
            ("notify", 29, "officer", {}),
            ("close", 28, "officer", {}),
        ],
    )


def _discipline_complaint(dx: Place) -> None:
    receive(
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


def _pothole_resolved_quickly(dx: Place) -> None:
    quick = receive(
        dx,
        days=12,
        kind=CaseKind.FEEDBACK,
        channel=Channel.WEB,
        field_code="xay-dung-do-thi",
        title="Phản ánh ổ gà trên đường Trần Phú",
        summary="Ổ gà lớn gây nguy hiểm trên đường Trần Phú đoạn qua khu phố Long Bình.",
        people=["Ngô Văn Phát"],
    )
    walk(dx, quick, [classify(days=11), accept(10, "30/TB-UBND"), resolve(6, "45/UBND-KT")])


def _power_cut_transferred(dx: Place) -> None:
    electricity = receive(
        dx,
        days=33,
        kind=CaseKind.FEEDBACK,
        channel=Channel.HOTLINE,
        field_code="khac",
        title="Phản ánh mất điện kéo dài",
        summary="Mất điện kéo dài nhiều giờ tại khu phố Long Hòa.",
        people=["Trịnh Văn Hải"],
    )
    walk(
        dx,
        electricity,
        [
            classify(False, 32),
            ("transfer", 30, "officer", {"target_body": "Điện lực Đồng Xuân", "document_no": "36/UBND"}),
        ],
    )


def _near_poor_complaint_accepted(dx: Place) -> None:
    social = receive(
        dx,
        days=16,
        kind=CaseKind.COMPLAINT,
        channel=Channel.POST,
        field_code="chinh-sach-xa-hoi",
        title="Khiếu nại việc xét hộ cận nghèo",
        summary="Hộ ông Lương Văn Tuấn khiếu nại kết quả bình xét hộ cận nghèo.",
        people=["Lương Văn Tuấn"],
    )
    walk(dx, social, [classify(days=15), accept(12, "34/TB-UBND")])


def load_dong_xuan(dx: Place) -> None:
    """Every story of Đồng Xuân, in the order that numbers its visits and cases."""
    _land_group_complaint_and_denunciation(dx)
    _refused_threatening_visitor(dx)
    _land_certificate_question_answered(dx)
    _job_support_complaint_resolved(dx)
    _wasteland_recommendation_guided_elsewhere(dx)
    _street_lights_answered(dx)
    _river_pollution_group_being_verified(dx)
    _crop_compensation_complaint_received(dx)
    _elderly_allowance_answered(dx)
    _village_chief_denunciation_received(dx)
    _building_fine_complaint_resolved_late(dx)
    _karaoke_noise_filed(dx)
    _boundary_complaint_withdrawn(dx)
    _anonymous_poverty_list_denunciation(dx)
    _welfare_cut_complaint_by_post(dx)
    _speed_bump_recommendation_on_the_web(dx)
    _market_rubbish_on_the_hotline(dx)
    _land_registration_complaint_being_verified(dx)
    _notary_fees_denunciation_founded(dx)
    _kindergarten_recommendation_closed(dx)
    _discipline_complaint(dx)
    _pothole_resolved_quickly(dx)
    _power_cut_transferred(dx)
    _near_poor_complaint_accepted(dx)
