"""Generate petitions for the case benchmarks: N open cases (default 1,000,000) over the real unit tree.

``generate(total)`` inserts, in one transaction with big batches (``executemany`` on SQLite, ``COPY`` on
PostgreSQL):

- ``total`` open cases (received, classified, accepted, verifying, suspended, resolved) and ``total × CLOSED_SHARE``
  finished ones (notified, closed, transferred, guided, filed, withdrawn, terminated) over the communes of every
  province (a few at province level, and before 01/07/2025 some at the legacy communes they succeeded);
- realistic texts: per field, a title, an opening, two or three facts and a request, each with fill-ins (names,
  plots, decision numbers, amounts, villages), so 3-word shingles, and hence MinHash bands, are spread; a few texts
  are near copies of others (the same petition re-sent with a date or a figure changed);
- due dates computed with ``deadlines.compute`` for each (start, plan), cached, as the services would have stored
  them; nobody has been told of any yet (the first sweep has the whole backlog to tell);
- petitioners for part of the cases and denouncers (sealed once per person) for most denunciations, person keys
  with ``vault.person_key``; a visit for part of the cases received in person, plus visits answered on the spot;
- one handler per commune (two at province level) as assignees.

Text bands are computed once per text of a pool (``duplicates.text_bands`` costs ~0.15 ms), the pool being a
tenth of the cases (computed on every CPU): a text is used about ten times across the country.

By hand: ``DANVAN_BENCH_CASES=100000 python bench/cases_generator.py`` generates into the configured database.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import os
import random
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import scaled  # noqa: E402

TOTAL = scaled("DANVAN_BENCH_CASES", 1000000)
CLOSED_SHARE = float(os.environ.get("DANVAN_BENCH_CLOSED_SHARE", "0.1"))
BATCH = 5000
PROBE_PROVINCE = "66"  # Tỉnh Đắk Lắk (merged with Phú Yên in 2025: legacy communes count too)
PROBES_KEPT = 3000
LEGACY_END = dt.date(2025, 6, 30)
FIRST_DAY = dt.date(2024, 1, 1)

# --- Names and places ----------------------------------------------------------------------------------------------

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Mai",
    "Trịnh",
    "Hà",
    "Lương",
    "Y",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Thu", "Kim", "Công", "Đình", "Bảo"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiền",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Nhung",
    "Phúc",
    "Phương",
    "Quân",
    "Quý",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Thủy",
    "Tiến",
    "Trang",
    "Trung",
    "Tú",
    "Tuấn",
    "Vân",
    "Việt",
    "Xuân",
    "Yến",
    "Lộc",
    "Mật",
    "Đào",
    "Bảy",
    "Sáu",
]
VILLAGE_KINDS = ["thôn", "tổ dân phố", "buôn", "bản", "xóm", "ấp", "khu phố"]
VILLAGE_NAMES = [
    "Phú Hòa",
    "Tân Lập",
    "Đồng Tâm",
    "Thống Nhất",
    "Hòa Bình",
    "Ea Kmar",
    "Na Hang",
    "Bình Minh",
    "Quyết Thắng",
    "Trung Sơn",
    "An Phú",
    "Tân Tiến",
    "Vĩnh Lộc",
    "Phước Thành",
    "Kon Tum Kơ Pơng",
]
POSITIONS = [
    "cán bộ địa chính xã",
    "trưởng thôn",
    "phó chủ tịch Ủy ban nhân dân xã",
    "kế toán xã",
    "trưởng công an xã",
    "cán bộ văn hóa – xã hội",
    "hiệu trưởng trường tiểu học",
    "trạm trưởng trạm y tế",
    "cán bộ tư pháp – hộ tịch",
    "giám đốc hợp tác xã",
]
COMPANIES = [
    "Xây dựng Thành Công",
    "Bê tông Miền Trung",
    "Chăn nuôi Đại Phát",
    "Vật liệu Hưng Thịnh",
    "Môi trường Xanh",
]
PROJECTS = [
    "đường giao thông liên thôn",
    "khu dân cư mới phía Đông",
    "mở rộng quốc lộ",
    "hồ chứa nước thủy lợi",
    "trường mầm non trung tâm",
    "cụm công nghiệp",
    "khu tái định cư",
]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def village(rng: random.Random) -> str:
    return f"{rng.choice(VILLAGE_KINDS)} {rng.choice(VILLAGE_NAMES)}" + (
        f" {rng.randint(1, 12)}" if rng.random() < 0.5 else ""
    )


def a_date(rng: random.Random, first: int = 2015, last: int = 2026) -> str:
    return f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(first, last)}"


def fill(rng: random.Random, places: list[str]) -> dict[str, Any]:
    return {
        "name": person_name(rng),
        "other": person_name(rng),
        "official": person_name(rng),
        "position": rng.choice(POSITIONS),
        "village": village(rng),
        "place": rng.choice(places),
        "plot": rng.randint(1, 980),
        "sheet": rng.randint(1, 64),
        "area": rng.randint(40, 3200),
        "decision": f"{rng.randint(1, 999)}/QĐ-UBND",
        "date": a_date(rng),
        "year": rng.randint(1976, 2015),
        "amount": rng.randint(12, 950),
        "people": rng.randint(3, 40),
        "company": f"Công ty TNHH {rng.choice(COMPANIES)}",
        "project": rng.choice(PROJECTS),
        "months": rng.randint(2, 30),
        "households": rng.randint(4, 60),
    }


# --- Templates: per field, the kinds that use it and the parts of a letter ---------------------------------------

TEMPLATES: dict[str, dict[str, Any]] = {
    "dat-dai": {
        "kinds": [("complaint", 0.6), ("recommendation", 0.25), ("feedback", 0.15)],
        "titles": [
            "Khiếu nại Quyết định số {decision} về thu hồi thửa đất số {plot}",
            "Đề nghị cấp giấy chứng nhận quyền sử dụng đất thửa số {plot} tờ bản đồ {sheet}",
            "Tranh chấp ranh giới thửa đất với hộ ông {other} tại {village}",
        ],
        "subjects": ["Quyết định số {decision}", "Ủy ban nhân dân {place}", "hộ ông {other}"],
        "facts": [
            "Gia đình tôi sử dụng ổn định thửa đất số {plot}, tờ bản đồ số {sheet}, diện tích {area} mét vuông tại {village} từ năm {year}, không tranh chấp.",
            "Ngày {date}, Ủy ban nhân dân {place} ban hành Quyết định số {decision} thu hồi {area} mét vuông đất của gia đình tôi.",
            "Hộ ông {other} xây tường rào lấn sang đất nhà tôi khoảng {people} mét vuông, đã hòa giải ở thôn nhưng không thành.",
            "Hồ sơ đề nghị cấp giấy chứng nhận nộp từ ngày {date} đến nay đã {months} tháng vẫn chưa có kết quả.",
            "Bản đồ địa chính đo đạc năm {year} ghi sai diện tích và loại đất của thửa số {plot}.",
            "Cán bộ địa chính {place} yêu cầu bổ sung giấy tờ nhiều lần nhưng không hướng dẫn bằng văn bản.",
        ],
    },
    "boi-thuong-gpmb": {
        "kinds": [("complaint", 0.7), ("recommendation", 0.3)],
        "titles": [
            "Khiếu nại phương án bồi thường dự án {project}",
            "Đề nghị xem xét lại giá bồi thường đất nông nghiệp dự án {project}",
            "Khiếu nại việc không bố trí tái định cư khi thu hồi đất làm {project}",
        ],
        "subjects": ["Phương án bồi thường dự án {project}", "Quyết định số {decision}", "Hội đồng bồi thường {place}"],
        "facts": [
            "Dự án {project} thu hồi {area} mét vuông đất ở và đất vườn của gia đình tôi tại {village}.",
            "Gia đình tôi chỉ được bồi thường {amount} triệu đồng, thấp hơn nhiều so với giá thị trường tại địa phương.",
            "Phương án bồi thường phê duyệt theo Quyết định số {decision} ngày {date} không tính tài sản, cây trồng trên đất.",
            "Gia đình tôi có {people} nhân khẩu nhưng không được bố trí lô đất tái định cư nào.",
            "Các hộ liền kề được hỗ trợ chuyển đổi nghề nghiệp còn gia đình tôi thì không.",
            "Đơn vị thi công đã san lấp mặt bằng khi chưa chi trả tiền bồi thường cho {households} hộ dân.",
        ],
    },
    "chinh-sach-xa-hoi": {
        "kinds": [("recommendation", 0.6), ("complaint", 0.25), ("feedback", 0.15)],
        "titles": [
            "Đề nghị xem xét chế độ người có công cho ông {other}",
            "Kiến nghị về việc cắt trợ cấp xã hội hằng tháng",
            "Đề nghị đưa hộ gia đình vào danh sách hộ nghèo năm {year}",
        ],
        "subjects": ["Phòng Lao động – Thương binh và Xã hội", "Ủy ban nhân dân {place}", "danh sách hộ nghèo {place}"],
        "facts": [
            "Bố tôi là ông {other}, tham gia kháng chiến từ năm {year}, đã nộp hồ sơ đề nghị hưởng chế độ từ ngày {date}.",
            "Từ tháng {months}, mẹ tôi bị cắt trợ cấp xã hội {amount} nghìn đồng mỗi tháng mà không được thông báo lý do.",
            "Gia đình tôi có {people} người, thu nhập bình quân thấp, nhà ở tạm bợ tại {village}.",
            "Cuộc họp bình xét ở thôn ngày {date} không công khai kết quả cho người dân.",
            "Hồ sơ đã qua {months} tháng vẫn chưa được chuyển lên cấp trên xem xét.",
        ],
    },
    "xay-dung-do-thi": {
        "kinds": [("feedback", 0.55), ("recommendation", 0.25), ("complaint", 0.2)],
        "titles": [
            "Phản ánh công trình xây dựng không phép tại {village}",
            "Phản ánh lấn chiếm vỉa hè, lòng đường tại {village}",
            "Khiếu nại Quyết định số {decision} xử phạt vi phạm hành chính về xây dựng",
        ],
        "subjects": ["hộ ông {other}", "{company}", "Quyết định số {decision}"],
        "facts": [
            "Hộ ông {other} đang xây dựng nhà {people} tầng không có giấy phép, lấn sang lối đi chung.",
            "{company} thi công vào ban đêm, vật liệu tràn ra đường gây mất an toàn giao thông.",
            "Người dân đã báo với tổ dân phố từ ngày {date} nhưng tình trạng vẫn tiếp diễn.",
            "Công trình gây nứt tường nhà tôi, thiệt hại ước tính {amount} triệu đồng.",
            "Quyết định số {decision} xử phạt gia đình tôi {amount} triệu đồng là không đúng thực tế.",
        ],
    },
    "moi-truong": {
        "kinds": [("feedback", 0.7), ("recommendation", 0.2), ("denunciation", 0.1)],
        "titles": [
            "Phản ánh ô nhiễm môi trường do {company} gây ra",
            "Phản ánh trại chăn nuôi xả thải tại {village}",
            "Phản ánh khai thác cát trái phép trên sông đoạn qua {village}",
        ],
        "subjects": ["{company}", "hộ ông {other}", "bãi tập kết cát {village}"],
        "facts": [
            "{company} xả nước thải chưa qua xử lý ra mương thoát nước chung, gây mùi hôi thối kéo dài.",
            "Trại chăn nuôi của hộ ông {other} có khoảng {households} con heo, chất thải chảy ra ruộng lúa.",
            "Khói bụi ảnh hưởng sức khỏe của {households} hộ dân xung quanh, nhiều cháu nhỏ bị viêm họng.",
            "Ghe hút cát hoạt động cả ngày đêm làm sạt lở {area} mét bờ sông, đe dọa nhà cửa.",
            "Người dân đã phản ánh với chính quyền {place} từ ngày {date} nhưng chưa được xử lý dứt điểm.",
        ],
    },
    "tu-phap-ho-tich": {
        "kinds": [("recommendation", 0.5), ("complaint", 0.3), ("feedback", 0.2)],
        "titles": [
            "Đề nghị cải chính hộ tịch cho {name}",
            "Khiếu nại việc từ chối đăng ký khai sinh quá hạn",
            "Phản ánh thái độ phục vụ tại bộ phận một cửa {place}",
        ],
        "subjects": ["Bộ phận một cửa {place}", "công chức tư pháp – hộ tịch", "Ủy ban nhân dân {place}"],
        "facts": [
            "Giấy khai sinh của tôi ghi sai năm sinh là {year}, ảnh hưởng đến hồ sơ hưởng chế độ.",
            "Ngày {date} tôi nộp hồ sơ đăng ký khai sinh cho cháu nhưng bị từ chối không rõ lý do.",
            "Công chức tiếp nhận yêu cầu nộp thêm phí {amount} nghìn đồng không có biên lai.",
            "Hồ sơ chứng thực hợp đồng chuyển nhượng bị trả lại {people} lần.",
        ],
    },
    "tai-chinh-ngan-sach": {
        "kinds": [("denunciation", 0.4), ("feedback", 0.35), ("recommendation", 0.25)],
        "titles": [
            "Phản ánh việc thu các khoản đóng góp tại {village}",
            "Tố cáo sai phạm trong quản lý quỹ của {village}",
            "Kiến nghị công khai thu chi ngân sách xã năm {year}",
        ],
        "subjects": ["ông {official}, {position}", "Ban quản lý {village}", "Ủy ban nhân dân {place}"],
        "facts": [
            "Thôn thu mỗi hộ {amount} nghìn đồng làm đường nhưng không công khai thu chi.",
            "Ông {official}, {position}, giữ quỹ {amount} triệu đồng của thôn từ năm {year} không quyết toán.",
            "Người dân đề nghị công khai các khoản chi tiêu từ ngày {date} nhưng không được trả lời.",
            "Có {households} hộ bị ép đóng góp dù thuộc diện hộ nghèo.",
        ],
    },
    "y-te-giao-duc": {
        "kinds": [("feedback", 0.6), ("recommendation", 0.3), ("complaint", 0.1)],
        "titles": [
            "Phản ánh lạm thu đầu năm học tại trường {village}",
            "Phản ánh trạm y tế {place} thiếu thuốc bảo hiểm",
            "Kiến nghị sửa chữa phòng học xuống cấp tại {village}",
        ],
        "subjects": ["Trường tiểu học {village}", "Trạm y tế {place}", "Ban giám hiệu"],
        "facts": [
            "Đầu năm học, nhà trường thu mỗi học sinh {amount} nghìn đồng các khoản ngoài quy định.",
            "Trạm y tế thường xuyên hết thuốc, người bệnh có thẻ bảo hiểm phải tự mua {months} tháng nay.",
            "Phòng học xây từ năm {year} đã nứt, dột, mùa mưa {people} học sinh phải học nhờ.",
            "Phụ huynh đã kiến nghị tại cuộc họp ngày {date} nhưng chưa được giải quyết.",
        ],
    },
    "can-bo": {
        "kinds": [("denunciation", 0.75), ("feedback", 0.25)],
        "titles": [
            "Tố cáo ông {official}, {position}, có hành vi sách nhiễu",
            "Phản ánh tư cách đạo đức của ông {official}",
            "Tố cáo cán bộ {place} vi phạm quy định về đạo đức công vụ",
        ],
        "subjects": ["ông {official}, {position}", "ông {official}", "bà {official}"],
        "facts": [
            "Ông {official}, {position}, gây khó khăn, đòi {amount} triệu đồng khi người dân làm thủ tục.",
            "Ông {official} thường xuyên uống rượu trong giờ làm việc, có lời lẽ xúc phạm người dân ngày {date}.",
            "Ông {official} sử dụng xe công vào việc riêng, nhiều người dân ở {village} chứng kiến.",
            "Ông {official} bố trí người nhà vào làm việc tại {place} không qua xét tuyển.",
        ],
    },
    "tham-nhung": {
        "kinds": [("denunciation", 0.9), ("feedback", 0.1)],
        "titles": [
            "Tố cáo sai phạm trong thi công dự án {project}",
            "Tố cáo ông {official}, {position}, nhận tiền hợp thức hóa đất",
            "Tố cáo việc lập khống danh sách nhận hỗ trợ tại {village}",
        ],
        "subjects": ["ông {official}, {position}", "{company}", "Ban quản lý dự án {project}"],
        "facts": [
            "Ông {official}, {position}, nhận {amount} triệu đồng để hợp thức hóa {area} mét vuông đất lấn chiếm.",
            "{company} thi công dự án {project} sai thiết kế, bê tông mỏng hơn quy định, nghiệm thu ngày {date}.",
            "Danh sách nhận hỗ trợ có {people} người không có thật, tiền hỗ trợ bị chiếm đoạt.",
            "Hồ sơ thanh toán công trình ghi khống {amount} triệu đồng khối lượng.",
        ],
    },
    "an-ninh-trat-tu": {
        "kinds": [("feedback", 0.7), ("recommendation", 0.2), ("denunciation", 0.1)],
        "titles": [
            "Phản ánh tụ tập gây rối trật tự tại {village}",
            "Phản ánh tình trạng cho vay nặng lãi tại {village}",
            "Phản ánh đua xe trái phép trên tuyến đường qua {village}",
        ],
        "subjects": ["nhóm thanh niên {village}", "ông {other}", "Công an {place}"],
        "facts": [
            "Nhóm khoảng {people} thanh niên thường tụ tập hát karaoke đến khuya, gây mất trật tự.",
            "Ông {other} cho vay với lãi suất {amount} phần nghìn mỗi ngày, đe dọa người vay.",
            "Tình trạng kéo dài {months} tháng, người dân đã báo công an xã ngày {date}.",
            "Nhiều vụ trộm cắp tài sản xảy ra ở {village} nhưng chưa được xử lý.",
        ],
    },
    "khac": {
        "kinds": [("feedback", 0.5), ("recommendation", 0.5)],
        "titles": [
            "Kiến nghị sửa chữa tuyến đường {village}",
            "Phản ánh mất điện kéo dài tại {village}",
            "Kiến nghị lắp đặt đèn chiếu sáng tại {village}",
        ],
        "subjects": ["Ủy ban nhân dân {place}", "Điện lực {place}", "Ban quản lý {village}"],
        "facts": [
            "Tuyến đường dài {area} mét xuống cấp nghiêm trọng, mùa mưa {households} hộ đi lại khó khăn.",
            "Khu dân cư bị mất điện nhiều lần trong {months} tháng qua, không được báo trước.",
            "Người dân sẵn sàng đóng góp {amount} nghìn đồng mỗi hộ nếu được hỗ trợ vật tư.",
            "Kiến nghị đã gửi tại buổi tiếp xúc cử tri ngày {date} nhưng chưa có trả lời.",
        ],
    },
}
OPENINGS = [
    "Kính gửi Ủy ban nhân dân {place}.",
    "Kính gửi Chủ tịch Ủy ban nhân dân {place}.",
    "Tôi tên là {name}, trú tại {village}, {place}.",
    "Chúng tôi gồm {people} hộ dân {village}, {place}, cùng làm đơn này.",
    "Tôi là {name}, sinh năm {year}, hiện cư trú tại {village}.",
]
REQUESTS = [
    "Đề nghị cơ quan có thẩm quyền xem xét, giải quyết dứt điểm để bảo đảm quyền lợi hợp pháp của gia đình tôi.",
    "Kính đề nghị kiểm tra, xác minh và xử lý nghiêm theo quy định của pháp luật.",
    "Rất mong được quan tâm giải quyết và trả lời bằng văn bản.",
    "Đề nghị tổ chức đối thoại với người dân và công khai kết quả xử lý.",
    "Tôi cam đoan nội dung trình bày là đúng sự thật và chịu trách nhiệm trước pháp luật.",
]
FILLERS = ["thì", "là", "mà", "cũng", "đã", "rất", "vẫn", "nay", "nữa", "ạ", "hiện", "thật sự", "vì vậy", "lại"]
EDITS = [("Ngày ", "Hôm "), (" mét vuông", " m2"), ("Ủy ban nhân dân", "UBND"), ("gia đình tôi", "nhà tôi")]


def weighted(rng: random.Random, choices: list[tuple[Any, float]]) -> Any:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


@dataclass(frozen=True)
class Text:
    kind: str
    field_code: str
    title: str
    summary: str
    subject: str
    bands: tuple[int, ...]
    folded: str  # title, subject and summary folded, for search_text


def small_edit(rng: random.Random, text: str) -> str:
    """The same letter re-sent: one phrase or one number changed."""
    for old, new in rng.sample(EDITS, len(EDITS)):
        if old in text:
            return text.replace(old, new, 1)
    words = text.split()
    index = rng.randrange(len(words))
    words[index] = str(rng.randint(2, 99)) if not words[index].isdigit() else str(int(words[index]) + 1)
    return " ".join(words)


def make_text(rng: random.Random, places: list[str]) -> tuple[str, str, str, str, str]:
    code = rng.choice(list(TEMPLATES))
    template = TEMPLATES[code]
    values = fill(rng, places)
    facts = rng.sample(template["facts"], min(len(template["facts"]), rng.randint(2, 3)))
    parts = [rng.choice(OPENINGS), *facts, rng.choice(REQUESTS)]
    if rng.random() < 0.5:
        parts.insert(1, rng.choice(OPENINGS))
    summary = " ".join(part.format(**values) for part in parts)
    title = rng.choice(template["titles"]).format(**values)
    subject = rng.choice(template["subjects"]).format(**values)
    return weighted(rng, template["kinds"]), code, title, summary, subject


def vary(rng: random.Random, text: str) -> str:
    """People write differently: particles and connectives scattered through the template (spreads the shingles)."""
    words = []
    for word in text.split():
        words.append(word)
        if rng.random() < 0.22:
            words.append(rng.choice(FILLERS))
    return " ".join(words)


def _analyse(parts: tuple[str, str, str]) -> tuple[tuple[int, ...], str]:
    from danvan.cases.duplicates import case_text, text_bands
    from danvan.core.text import fold

    title, summary, subject = parts
    return text_bands(case_text(title, summary)), f"{fold(title)} {fold(subject)} {fold(summary)}"


def text_pool(size: int, rng: random.Random, places: list[str]) -> list[Text]:
    """``size`` letters; bands and folded text computed on every CPU (forked workers share the set-up Django)."""
    import multiprocessing

    raw: list[tuple[str, str, str, str, str]] = []
    for _ in range(size):
        if raw and rng.random() < 0.04:
            kind, code, title, summary, subject = rng.choice(raw[-2000:])
            summary = small_edit(rng, summary)
        else:
            kind, code, title, summary, subject = make_text(rng, places)
            summary = vary(rng, summary)
        raw.append((kind, code, title, summary, subject))
    parts = [(title, summary, subject) for _kind, _code, title, summary, subject in raw]
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as workers:
        analysed = workers.map(_analyse, parts, chunksize=1000)
    return [
        Text(kind, code, title, summary, subject, bands, folded)
        for (kind, code, title, summary, subject), (bands, folded) in zip(raw, analysed, strict=True)
    ]


@dataclass(frozen=True)
class Person:
    full_name: str
    address: str
    phone: str
    id_number: str
    key: str
    folded: str


def person_pool(size: int, rng: random.Random, places: list[str]) -> list[Person]:
    from danvan.cases import vault
    from danvan.core.text import fold

    people = []
    for _ in range(size):
        name = person_name(rng)
        id_number = f"0{rng.randint(1, 96):02d}{rng.randint(0, 1)}{rng.randint(40, 99)}{rng.randint(0, 999999):06d}"
        if rng.random() < 0.2:
            id_number = ""
        address = f"{village(rng)}, {rng.choice(places)}"
        phone = f"09{rng.randint(0, 99999999):08d}"
        people.append(Person(name, address, phone, id_number, vault.person_key(name, id_number), fold(name)))
    return people


# --- Generation ----------------------------------------------------------------------------------------------------


@dataclass
class Generated:
    seconds: float = 0.0
    pool_seconds: float = 0.0
    open_cases: int = 0
    closed_cases: int = 0
    people: int = 0
    denouncers: int = 0
    visits: int = 0
    officers: int = 0
    texts: int = 0
    probes: list[dict[str, Any]] = field(default_factory=list)
    fields: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


class Writer:
    """Rows of one table, flushed in batches with COPY (PostgreSQL) or executemany (SQLite)."""

    def __init__(self, model: Any, *, with_id: bool = True) -> None:
        self.table = model._meta.db_table
        self.columns = [f.column for f in model._meta.concrete_fields if with_id or f.column != "id"]
        self.json_columns = [f.column for f in model._meta.concrete_fields if f.get_internal_type() == "JSONField"]
        self.pick = operator.itemgetter(*self.columns)
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, values: dict[str, Any]) -> None:
        for column in self.json_columns:
            if not isinstance(values[column], str):
                # The text Django's JSONField writes (ASCII escapes): SQLite compares JSON as text, and
                # ``refresh_due_dates`` finds a group of cases by its stored plan and explanation.
                values[column] = json.dumps(values[column])
        self.rows.append(self.pick(values))
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        from django.db import connection

        if not self.rows:
            return
        columns = ", ".join(self.columns)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(self.columns))
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {self.table} ({columns}) VALUES ({placeholders})", self.rows)
        self.count += len(self.rows)
        self.rows.clear()


def _defaults(model: Any, **overrides: Any) -> dict[str, Any]:
    values = {f.column: f.get_default() for f in model._meta.concrete_fields}
    values.update(overrides)
    return values


def _officers(units: Sequence[Mapping[str, Any]], now: dt.datetime) -> dict[int, list[int]]:
    """One handler per commune, two at province level (bulk inserted: no password, e-mail for the sweep)."""
    from danvan.accounts.models import Officer

    start = (Officer.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    rows, handlers = [], {}
    pk = start
    for unit in units:
        ids = []
        for n in range(2 if unit["level"] == 1 else 1):
            rows.append(
                Officer(
                    id=pk,
                    username=f"handler-{unit['tree']}-{unit['code']}-{n}",
                    full_name=f"Cán bộ {unit['name']}",
                    email=f"handler{pk}@example.vn",
                    password="!",
                    is_active=True,
                    date_joined=now,
                )
            )
            ids.append(pk)
            pk += 1
        handlers[unit["id"]] = ids
    Officer.objects.bulk_create(rows, batch_size=2000)
    return handlers


def generate(
    total: int = TOTAL, *, seed: int = 2026, closed_share: float = CLOSED_SHARE, province: str | None = None
) -> Generated:
    """Insert ``total`` open cases and ``total × closed_share`` finished ones; return counts and probe material.
    ``province`` (a province code): only its current units and the legacy communes they succeeded."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from danvan.accounts.models import Officer
    from danvan.cases import deadlines, vault
    from danvan.cases.models import Case, CasePerson, CaseSequence, Denouncer, Field
    from danvan.core.models import AdministrativeUnit, UnitSuccession, UnitTree
    from danvan.core.rules import RuleTable
    from danvan.core.workdays import WorkCalendar
    from danvan.reception.models import Visit

    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    result = Generated()
    started = time.perf_counter()

    units = list(
        AdministrativeUnit.objects.filter(level__in=(1, 3)).values(
            "id", "code", "tree", "level", "name", "short_name", "path", "province_code"
        )
    )
    current = [
        u for u in units if u["tree"] == UnitTree.CURRENT and (province is None or u["province_code"] == province)
    ]
    communes = [u for u in current if u["level"] == 3]
    provinces = [u for u in current if u["level"] == 1]
    by_id = {u["id"]: u for u in units}
    successor_of = dict(
        UnitSuccession.objects.filter(is_primary=True, predecessor__level=3, successor__level=3).values_list(
            "predecessor_id", "successor_id"
        )
    )
    current_ids = {u["id"] for u in current}
    legacy = [by_id[pk] for pk, successor in successor_of.items() if pk in by_id and successor in current_ids]
    places = [u["name"] for u in communes]
    fields = dict(Field.objects.values_list("code", "id"))
    result.fields = list(fields.values())

    pool_started = time.perf_counter()
    texts = text_pool(max(2000, min(total // 10, 100_000)), rng, places)
    people = person_pool(max(1000, min(total // 8, 150_000)), rng, places)
    result.pool_seconds = time.perf_counter() - pool_started
    result.texts = len(texts)
    result.words = sorted({word for t in texts[:3000] for word in t.folded.split() if len(word) > 4})[:400]
    sealed: dict[int, bytes] = {}

    handlers = _officers(current, now)
    result.officers = sum(len(ids) for ids in handlers.values())
    for unit in legacy:  # a legacy commune's old petitions are handled by its successor's officer
        handlers[unit["id"]] = handlers[successor_of[unit["id"]]]
    calendar = WorkCalendar.load(years=range(FIRST_DAY.year, today.year + 2))
    rules = RuleTable.load()
    computed: dict[tuple[Any, ...], Any] = {}

    def due(step: str, start: dt.date, plan_rules: tuple[str, ...]) -> Any:
        key = (step, start, plan_rules)
        if key not in computed:
            computed[key] = deadlines.compute(
                deadlines.DuePlan(step, start, plan_rules), calendar=calendar, rules=rules
            )
        return computed[key]

    plan_texts: dict[int, tuple[str, str]] = {}

    def plan_json(computed_due: Any) -> str:
        return _json_of(computed_due)[0]

    def explanation_json(computed_due: Any) -> str:
        return _json_of(computed_due)[1]

    def _json_of(computed_due: Any) -> tuple[str, str]:
        key = id(computed_due)
        if key not in plan_texts:
            plan_texts[key] = (
                json.dumps(computed_due.plan.as_json()),
                json.dumps(computed_due.explanation),  # as Django writes it (see ``Rows.add``)
            )
        return plan_texts[key]

    def intake(kind: str, received_on: dt.date, round_: int | None, multi_place: bool, visit: bool) -> Any:
        if kind == "complaint":
            options = ["complaint.accept_second" if round_ == 2 else "complaint.accept"]
        elif kind == "denunciation":
            options = ["denunciation.initial_handling_multi_place" if multi_place else "denunciation.initial_handling"]
        else:
            options = ["feedback.forward"]
        if visit:
            options.append("reception.reply")
        return min((due("intake", received_on, (code,)) for code in options), key=lambda c: c.due_on)

    def resolution_rules(kind: str, round_: int | None, discipline: bool, complex_: bool, remote: bool, ext: int):
        if kind == "complaint":
            if discipline:
                code = "complaint.discipline_resolve_complex" if complex_ else "complaint.discipline_resolve"
            else:
                base = "complaint.resolve_second" if round_ == 2 else "complaint.resolve_first"
                code = base + ("_remote" if remote else "") + ("_complex" if complex_ else "")
            return (code,)
        if kind == "denunciation":
            return ("denunciation.resolve", *("denunciation.extension",) * ext)
        return ("feedback.resolve",)

    start_id = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    visit_id = (Visit.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    cases, persons, denouncers, visits = (
        Writer(Case),
        Writer(CasePerson, with_id=False),
        Writer(Denouncer, with_id=False),
        Writer(Visit),
    )
    case_defaults = _defaults(Case, created_at=now, updated_at=now, version=1, submission_key=None)
    person_defaults = _defaults(CasePerson)
    denouncer_defaults = _defaults(Denouncer, created_at=now, updated_at=now)
    visit_defaults = _defaults(Visit, created_at=now, session_id=None, received_by_id=None, submission_key=None)
    sequences: dict[tuple[int, int], int] = {}
    open_weights = [
        ("received", 0.2),
        ("classified", 0.18),
        ("accepted", 0.2),
        ("verifying", 0.27),
        ("suspended", 0.03),
        ("resolved", 0.12),
    ]
    closed_weights = [
        ("closed", 0.42),
        ("notified", 0.15),
        ("transferred", 0.15),
        ("guided", 0.12),
        ("filed", 0.08),
        ("withdrawn", 0.06),
        ("terminated", 0.02),
    ]
    channels = [("in_person", 0.3), ("post", 0.35), ("hotline", 0.1), ("web", 0.17), ("api", 0.03), ("transfer", 0.05)]
    outcomes = {
        "complaint": ["right", "partly_right", "wrong", "wrong"],
        "denunciation": ["founded", "partly_founded", "unfounded", "unfounded"],
        "recommendation": ["addressed", "addressed", "not_addressed"],
        "feedback": ["addressed", "addressed", "not_addressed"],
    }
    closed_total = round(total * closed_share)
    span_days = (today - FIRST_DAY).days

    sqlite = connection.vendor == "sqlite"
    if sqlite:
        # A bulk load into a new file: no write-ahead copy of every page (what COPY gains on PostgreSQL).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            cache_size = int(cursor.fetchone()[0])  # the connection's own, set back at the end
            cursor.execute("PRAGMA cache_size = -1000000")
            cursor.execute("PRAGMA journal_mode = MEMORY")
            cursor.execute("PRAGMA synchronous = OFF")

    with transaction.atomic():
        for n in range(total + closed_total):
            pk = start_id + n
            is_open = n < total
            text = rng.choice(texts)
            kind = text.kind
            status = weighted(rng, open_weights if is_open else closed_weights)
            # Dates: intake cases are recent (with a backlog), resolution cases were accepted in the last months.
            if status in ("received", "classified"):
                age = rng.randint(0, 14) if rng.random() < 0.75 else rng.randint(15, 420)
                received_on = today - dt.timedelta(days=age)
                accepted_on = None
            elif is_open:
                accepted_on = today - dt.timedelta(
                    days=rng.randint(0, 70) if rng.random() < 0.8 else rng.randint(71, 400)
                )
                received_on = accepted_on - dt.timedelta(days=rng.randint(1, 14))
                if kind not in ("complaint", "denunciation") and rng.random() < 0.5:
                    accepted_on = None  # recommendations and feedback are mostly answered without formal acceptance
            else:
                received_on = FIRST_DAY + dt.timedelta(days=rng.randint(0, max(0, span_days - 40)))
                accepted_on = (
                    received_on + dt.timedelta(days=rng.randint(1, 14))
                    if status in ("closed", "notified", "terminated", "withdrawn")
                    else None
                )
            if received_on <= LEGACY_END and legacy and rng.random() < 0.2:
                unit = rng.choice(legacy)
            elif rng.random() < 0.04:
                unit = rng.choice(provinces)
            else:
                unit = rng.choice(communes)
            round_ = (2 if rng.random() < 0.08 else 1) if kind == "complaint" else None
            discipline = kind == "complaint" and rng.random() < 0.03
            is_complex = rng.random() < 0.12
            remote = rng.random() < 0.05
            multi_place = kind == "denunciation" and rng.random() < 0.1
            channel = weighted(rng, channels)
            anonymous = kind == "denunciation" and rng.random() < 0.12
            this_visit = None
            if channel == "in_person" and rng.random() < 0.6:
                this_visit = visit_id
                visit_id += 1
                persons_count = (
                    1 if rng.random() < 0.85 else rng.randint(2, 4) if rng.random() < 0.6 else rng.randint(5, 30)
                )
                visits.add(
                    {
                        **visit_defaults,
                        "id": this_visit,
                        "unit_id": unit["id"],
                        "unit_path": unit["path"],
                        "visited_on": received_on,
                        "persons": persons_count,
                        "is_group": persons_count >= 5,
                        "kind": kind,
                        "is_confidential": kind == "denunciation",
                        "summary": text.title,
                    }
                )
            else:
                persons_count = 1 if rng.random() < 0.9 else rng.randint(2, 12)
            year = received_on.year
            seq_key = (unit["id"], year)
            sequences[seq_key] = sequences.get(seq_key, 0) + 1
            prefix = unit["code"] if unit["tree"] == UnitTree.CURRENT else f"L{unit['code']}"
            code = f"{prefix}-{year}-{sequences[seq_key]:05d}"

            intake_due = intake(kind, received_on, round_, multi_place, this_visit is not None)
            values = dict(case_defaults)
            values.update(
                id=pk,
                code=code,
                unit_id=unit["id"],
                unit_path=unit["path"],
                province_code=unit["province_code"],
                kind=kind,
                complaint_round=round_,
                is_discipline=discipline,
                channel=channel,
                field_id=fields[text.field_code],
                title=text.title,
                summary=text.summary,
                subject_party=text.subject,
                received_on=received_on,
                event_known_on=received_on - dt.timedelta(days=rng.randint(3, 80)) if kind == "complaint" else None,
                visit_id=this_visit,
                assignee_id=rng.choice(handlers[unit["id"]]),
                status=status,
                is_open=is_open,
                persons_count=persons_count,
                is_anonymous=anonymous,
                is_remote_area=remote,
                is_multi_place=multi_place,
                is_complex=is_complex,
                is_multi_party=persons_count >= 5,
                is_protracted=round_ == 2,
                text_band_0=text.bands[0],
                text_band_1=text.bands[1],
                text_band_2=text.bands[2],
                text_band_3=text.bands[3],
            )
            values["received_by_id"] = values["assignee_id"]
            if status != "received":
                eligible = status not in ("filed",) or rng.random() < 0.3
                values["is_eligible"] = eligible
                values["in_jurisdiction"] = status != "transferred"
            plan = None
            if status in ("received", "classified"):
                plan = intake_due
            else:
                closed_on = accepted_on or received_on + dt.timedelta(days=rng.randint(1, 12))
                values["intake_closed_on"] = closed_on
                values["intake_timeliness"] = "on_time" if closed_on <= intake_due.due_on else "late"
                if accepted_on is not None:
                    values["accepted_on"] = accepted_on
                    values["accepted_by_id"] = values["assignee_id"]
                extensions = rng.choice([0, 0, 1, 2]) if kind == "denunciation" and is_complex else 0
                values["extension_count"] = extensions
                resolution = due(
                    "resolution",
                    accepted_on or closed_on,
                    resolution_rules(kind, round_, discipline, is_complex, remote, extensions),
                )
                if status in ("accepted", "verifying", "suspended"):
                    plan = resolution
                    if status == "suspended":
                        values["suspended_on"] = today - dt.timedelta(days=rng.randint(0, 30))
                elif status in ("resolved", "notified", "closed"):
                    start = accepted_on or closed_on
                    resolved_on = min(today, start + dt.timedelta(days=rng.randint(5, 75)))
                    values.update(
                        resolved_on=resolved_on,
                        decision_date=resolved_on,
                        decision_number=f"{rng.randint(1, 999)}/QĐ-UBND",
                        outcome=rng.choice(outcomes[kind]),
                        resolution_timeliness="on_time" if resolved_on <= resolution.due_on else "late",
                    )
                    if status in ("notified", "closed"):
                        values["notified_on"] = min(today, resolved_on + dt.timedelta(days=rng.randint(0, 10)))
                    if status == "closed":
                        values["closed_on"] = values["notified_on"]
                elif status == "transferred":
                    values["transferred_to_body"] = "Ủy ban nhân dân cấp tỉnh"
                    values["intake_document_no"] = f"{rng.randint(1, 999)}/CV-UBND"
                elif status in ("withdrawn", "terminated"):
                    values["closed_on"] = min(today, (accepted_on or closed_on) + dt.timedelta(days=rng.randint(3, 40)))
            if plan is not None:
                values.update(
                    due_step=plan.plan.step,
                    due_from=plan.plan.start,
                    due_on=plan.due_on,
                    due_plan=plan_json(plan),
                    due_explanation=explanation_json(plan),
                )
            names = ""
            person = rng.choice(people) if rng.random() < 0.75 else None
            if kind == "denunciation":
                if person is not None and not anonymous:
                    index = id(person)
                    if index not in sealed:
                        identity = vault.DenouncerIdentity(
                            people=(
                                vault.DenouncerPerson(
                                    person.full_name, person.address, person.phone, "", person.id_number
                                ),
                            )
                        )
                        sealed[index] = vault.seal(identity)
                    denouncers.add(
                        {
                            **denouncer_defaults,
                            "case_id": pk,
                            "ciphertext": sealed[index],
                            "person_key": person.key,
                            "people_count": 1,
                        }
                    )
            elif person is not None:
                names = person.folded
                persons.add(
                    {
                        **person_defaults,
                        "case_id": pk,
                        "full_name": person.full_name,
                        "address": person.address,
                        "phone": person.phone,
                        "id_number": person.id_number,
                        "is_representative": persons_count >= 5,
                        "person_key": person.key,
                    }
                )
            values["search_text"] = f"{code.lower()} {names} {text.folded}"[:600]
            cases.add(values)
            if unit["province_code"] == PROBE_PROVINCE and len(result.probes) < PROBES_KEPT and rng.random() < 0.2:
                result.probes.append(
                    {
                        "case_id": pk,
                        "title": text.title,
                        "summary": text.summary,
                        "subject": text.subject,
                        "person_key": person.key if person is not None else "",
                    }
                )
        # Standalone visits: answered on the spot, or refused.
        for _ in range(total // 20):
            unit = rng.choice(communes)
            persons_count = 1 if rng.random() < 0.9 else rng.randint(2, 12)
            text = rng.choice(texts)
            visits.add(
                {
                    **visit_defaults,
                    "id": visit_id,
                    "unit_id": unit["id"],
                    "unit_path": unit["path"],
                    "visited_on": today - dt.timedelta(days=rng.randint(0, span_days)),
                    "persons": persons_count,
                    "is_group": persons_count >= 5,
                    "kind": text.kind,
                    "summary": text.title,
                    "answered_on_spot": True,
                    "is_refused": rng.random() < 0.03,
                    "visitor_name": "" if text.kind == "denunciation" else person_name(rng),
                }
            )
            visit_id += 1
        for writer in (visits, cases, persons, denouncers):
            writer.flush()
        CaseSequence.objects.bulk_create(
            [
                CaseSequence(unit_id=unit_id, year=year, last=last)
                for (unit_id, year), last in sequences.items()
                if unit_id in current_ids
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Case, CasePerson, Denouncer, Visit, Officer]):
                cursor.execute(sql)
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute(f"PRAGMA cache_size = {cache_size}")
    with connection.cursor() as cursor:
        # What autovacuum does on a live server after a bulk load: statistics and the visibility map.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    result.seconds = time.perf_counter() - started
    result.open_cases = total
    result.closed_cases = closed_total
    result.people = persons.count
    result.denouncers = denouncers.count
    result.visits = visits.count
    return result


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    generated = generate(TOTAL)
    print(
        f"generated {generated.open_cases:,} open + {generated.closed_cases:,} finished cases, "
        f"{generated.people:,} petitioners, {generated.denouncers:,} denouncers, {generated.visits:,} visits, "
        f"{generated.officers:,} handlers from {generated.texts:,} texts in {generated.seconds:.1f} s "
        f"(text and person pools {generated.pool_seconds:.1f} s)"
    )


if __name__ == "__main__":
    main()
