"""The citizen's pages: the form, the confirmation with the secret link shown once, the public page, the citizen's
own page and its actions, the list, the pickers; bad input keeps what was typed and says what is wrong."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from danvan.core import proof_of_work
from danvan.core.phones import phone_message
from danvan.feedback.models import EventKind, Follower, Report, ReportPhoto, ReportState
from danvan.feedback.tests.helpers_public import answer, ask_info, file_report, jpeg

NEW = reverse("feedback_public:new")


@pytest.fixture(autouse=True)
def small_puzzle(settings):
    settings.PROOF_OF_WORK_MAX_NUMBER = 300


def form_data(client, unit, **extra):
    page = client.get(NEW)
    assert page.status_code == 200
    data = {
        "category": "flooding",
        "description": "Đường ngập sâu 40 cm sau mưa",
        "unit_code": unit.code,
        "latitude": str(unit.latitude),
        "longitude": str(unit.longitude),
        "address_text": "Thôn 3",
        "citizen_name": "Trần Thị B",
        "citizen_phone": "0912000111",
        "citizen_email": "b@example.vn",
        "altcha": proof_of_work.solve(page.context["challenge"]),
        "submission_key": page.context["form"].initial["submission_key"],
    }
    data.update(extra)
    return data


def submit(client, unit, **extra):
    return client.post(NEW, form_data(client, unit, **extra))


def test_the_form_page_shows_categories_by_group(client, cast):
    page = client.get(NEW)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hạ tầng giao thông" in html and "🌊" in html and 'id="pow-challenge"' in html
    assert 'name="photos"' in html and "leaflet.js" in html


def test_the_english_form_page_names_categories_and_groups_in_english(client, cast, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(NEW).content.decode()
    assert "Flooding and drainage" in html and "Transport infrastructure" in html
    assert "Ngập úng, thoát nước" not in html and "Hạ tầng giao thông" not in html


def test_file_a_report_with_a_photo_then_see_the_secret_once(client, cast):
    data = form_data(client, cast.dong_xuan)
    data["photos"] = [jpeg("a.jpg", exif_gps=True)]
    response = client.post(NEW, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report = Report.objects.get()
    assert response["Location"] == reverse("feedback_public:sent", args=[report.code])
    sent = client.get(response["Location"])
    html = sent.content.decode()
    assert report.code in html and "/k/" in html
    again = client.get(response["Location"]).content.decode()
    assert "/k/" not in again  # shown once
    photo = ReportPhoto.objects.get(report=report)
    stored = Image.open(photo.attachment.file)
    assert not stored.getexif()  # EXIF (GPS, camera, comment) stripped
    public = client.get(reverse("feedback_public:detail", args=[report.code])).content.decode()
    assert "Trần Thị B" not in public and "0912000111" not in public and "b@example.vn" not in public
    assert "Đường ngập sâu" in public and reverse("feedback_public:photo", args=[report.code, photo.pk]) in public
    served = client.get(reverse("feedback_public:photo", args=[report.code, photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"


def test_photos_chosen_before_a_refusal_are_kept_for_the_next_try(client, cast):
    """A browser never fills a file input again: the photos of a refused report are offered again, ticked, and sent
    with the next try (one unticked, one added); a forged token adds nothing."""
    data = form_data(client, cast.dong_xuan, description="")
    data["photos"] = [jpeg("cong.jpg"), jpeg("ho.jpg")]
    refused = client.post(NEW, data)
    assert refused.status_code == 422 and not Report.objects.exists()
    html = refused.content.decode()
    tokens = re.findall(r'name="photos-kept" value="([^"]+)"', html)
    assert len(tokens) == 2 and "cong.jpg" in html and "ho.jpg" in html
    data = form_data(client, cast.dong_xuan)
    data["photos-kept"] = [tokens[0], "forged"]
    data["photos"] = [jpeg("moi.jpg")]
    sent = client.post(NEW, data)
    assert sent.status_code == 302, sent.content.decode()[:3000]
    photos = ReportPhoto.objects.filter(report=Report.objects.get()).select_related("attachment")
    assert sorted(p.attachment.original_name for p in photos) == ["cong.jpg", "moi.jpg"]


def test_a_replayed_form_makes_one_report(client, cast):
    data = form_data(client, cast.dong_xuan)
    first = client.post(NEW, data)
    second = client.post(NEW, data)
    assert first.status_code == second.status_code == 302
    assert Report.objects.count() == 1 and first["Location"] == second["Location"]


def test_without_proof_of_work_nothing_is_filed(client, cast):
    response = submit(client, cast.dong_xuan, altcha="")
    assert response.status_code == 422 and not Report.objects.exists()
    assert "Đường ngập sâu 40 cm sau mưa" in response.content.decode()  # input kept


def test_a_used_proof_of_work_is_refused(client, cast):
    data = form_data(client, cast.dong_xuan)
    client.post(NEW, data)
    data["submission_key"] = "another-key"
    response = client.post(NEW, data)
    assert response.status_code == 422 and Report.objects.count() == 1
    assert "đã được dùng" in response.content.decode()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"latitude": "35.0", "longitude": "139.0"}, "ngoài lãnh thổ Việt Nam"),
        ({"unit_code": "24133"}, "không thuộc"),
        ({"latitude": "", "longitude": "", "unit_code": "", "address_text": ""}, "đánh dấu vị trí"),
        ({"latitude": "12.5", "longitude": ""}, "cả vĩ độ và kinh độ"),
    ],
)
def test_bad_locations_are_refused_by_the_field(client, cast, extra, message):
    response = submit(client, cast.dong_xuan, **extra)
    assert response.status_code == 422 and not Report.objects.exists()
    assert message in response.content.decode()


def test_a_phone_that_is_not_a_number_is_refused_beside_its_field_as_typed(client, cast):
    response = submit(client, cast.dong_xuan, citizen_phone="15.000.000")
    assert response.status_code == 422 and not Report.objects.exists()
    assert response.context["form"].errors["citizen_phone"] == [phone_message()]
    assert 'value="15.000.000"' in response.content.decode()
    assert submit(client, cast.dong_xuan, citizen_phone="+84 912 000 111").status_code == 302
    assert Report.objects.get().citizen_phone == "0912000111"


def test_a_non_image_or_oversized_file_is_refused(client, cast, settings):
    data = form_data(client, cast.dong_xuan)
    data["photos"] = [SimpleUploadedFile("x.jpg", b"%PDF-1.4 not an image", "image/jpeg")]
    response = client.post(NEW, data)
    assert response.status_code == 422 and not Report.objects.exists()
    settings.ATTACHMENT_MAX_BYTES = 100
    data = form_data(client, cast.dong_xuan)
    data["photos"] = [jpeg()]
    response = client.post(NEW, data)
    assert response.status_code == 422 and "quá lớn" in response.content.decode()
    assert not Report.objects.exists()


def test_a_flood_from_one_ip_is_stopped(client, cast):
    from danvan.core.models import LegalRule

    LegalRule.objects.filter(code="feedback.rate_ip_per_hour").update(value=2)
    for _ in range(2):
        assert submit(client, cast.dong_xuan, submission_key="").status_code == 302
    response = submit(client, cast.dong_xuan, submission_key="")
    assert response.status_code == 429 and Report.objects.count() == 2


def test_too_many_reports_from_one_phone(client, cast):
    from danvan.core.models import LegalRule

    LegalRule.objects.filter(code="feedback.rate_phone_per_day").update(value=1)
    assert submit(client, cast.dong_xuan, submission_key="").status_code == 302
    response = submit(client, cast.dong_xuan, submission_key="")
    assert response.status_code == 422 and Report.objects.count() == 1
    assert "quá nhiều" in response.content.decode()


def test_anonymous_only_where_the_category_allows(client, cast):
    response = submit(
        client, cast.dong_xuan, category="social_policy", is_anonymous="on", citizen_name="", citizen_phone=""
    )
    assert response.status_code == 422 and not Report.objects.exists()
    assert submit(client, cast.dong_xuan, is_anonymous="on").status_code == 302
    report = Report.objects.get()
    assert report.is_anonymous and report.citizen_phone == ""


def test_an_old_commune_code_files_at_todays_commune(client, cast):
    from danvan.core.models import UnitSuccession

    legacy = UnitSuccession.objects.filter(successor=cast.dong_xuan).select_related("predecessor").first().predecessor  # type: ignore[union-attr]
    assert submit(client, cast.dong_xuan, unit_code=legacy.code).status_code == 302
    assert Report.objects.get().unit_id == cast.dong_xuan.pk


def test_the_commune_search_folds_and_shows_old_names(client, cast):
    html = client.get(reverse("feedback_public:commune_search"), {"q": "dong xuan"}).content.decode()
    assert 'data-code="22081"' in html
    assert client.get(reverse("feedback_public:commune_search"), {"q": "x"}).status_code == 200


def test_nearby_fragment_offers_to_follow(client, cast):
    report, _ = file_report(cast.dong_xuan, offset=(0.001, 0))
    html = client.get(
        reverse("feedback_public:nearby"),
        {"category": "flooding", "lat": cast.dong_xuan.latitude, "lng": cast.dong_xuan.longitude},
    ).content.decode()
    assert report.code in html and reverse("feedback_public:follow", args=[report.code]) in html
    response = client.post(reverse("feedback_public:follow", args=[report.code]), {"phone": "0909000111"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.followers_count == 1 and Follower.objects.filter(report=report, phone="0909000111").exists()
    empty = client.get(reverse("feedback_public:nearby"), {"category": "flooding", "lat": "x"})
    assert empty.status_code == 200 and report.code not in empty.content.decode()


def test_a_hidden_report_shows_only_that_it_is_hidden(client, cast):
    report, _ = file_report(cast.dong_xuan, description="Nhà ông Nguyễn Văn C số 5")
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    html = client.get(reverse("feedback_public:detail", args=[report.code])).content.decode()
    assert "ẩn vì lý do riêng tư" in html and "Nguyễn Văn C" not in html
    listing = client.get(reverse("feedback_public:list")).content.decode()
    assert report.code in listing and "Nguyễn Văn C" not in listing


def test_the_timeline_shows_public_events_only(client, cast):
    from danvan.feedback.models import ReportEvent

    report, _ = file_report(cast.dong_xuan)
    ReportEvent.objects.create(
        report=report, kind=EventKind.NOTE, text="Ghi chú nội bộ XYZ", is_public=False, at=timezone.now()
    )
    ReportEvent.objects.create(
        report=report, kind=EventKind.ACCEPTED, actor_name="UBND xã Đồng Xuân", at=timezone.now()
    )
    html = client.get(reverse("feedback_public:detail", args=[report.code])).content.decode()
    assert "Ghi chú nội bộ XYZ" not in html and "Đã tiếp nhận xử lý" in html and "UBND xã Đồng Xuân" in html


def citizen_url(report, secret):
    return reverse("feedback_public:citizen", args=[report.code, secret])


def test_the_citizen_rates_through_the_secret_link(client, cast):
    report, secret = file_report(cast.dong_xuan)
    assert client.get(citizen_url(report, "wrong")).status_code == 404
    page = client.get(citizen_url(report, secret))
    assert page.status_code == 200 and 'id="rate-form"' not in page.content.decode()
    refused = client.post(citizen_url(report, secret), {"action": "rate", "rating": "5"})
    assert refused.status_code == 422 and "sau khi cơ quan đã trả lời" in refused.content.decode()
    answer(report)
    page = client.get(citizen_url(report, secret)).content.decode()
    assert 'id="rate-form"' in page and 'id="reopen-form"' in page and "Đã khơi thông cống." in page
    done = client.post(citizen_url(report, secret), {"action": "rate", "rating": "5", "comment": "Tốt"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.CLOSED and report.rating == 5


def test_the_citizen_reopens_within_the_window_only(client, cast):
    report, secret = file_report(cast.dong_xuan)
    answer(report, when=timezone.now() - dt.timedelta(days=40))
    refused = client.post(citizen_url(report, secret), {"action": "reopen", "reason": "Vẫn ngập"})
    assert refused.status_code == 422
    report.refresh_from_db()
    assert report.state == ReportState.ANSWERED
    other, other_secret = file_report(cast.dong_xuan)
    answer(other)
    assert client.post(citizen_url(other, other_secret), {"action": "reopen", "reason": "Vẫn ngập"}).status_code == 302
    other.refresh_from_db()
    assert other.state == ReportState.ACCEPTED and other.reopened_count == 1


def test_the_citizen_adds_information_when_asked(client, cast):
    report, secret = file_report(cast.dong_xuan)
    ask_info(report)
    page = client.get(citizen_url(report, secret)).content.decode()
    assert 'value="info"' in page
    response = client.post(
        citizen_url(report, secret), {"action": "info", "text": "Ngập từ 3 ngày", "photos": [jpeg()]}
    )
    assert response.status_code == 302
    assert report.events.filter(kind=EventKind.INFO_ADDED).count() == 1 and report.photos.count() == 1


def test_the_list_filters(client, cast):
    flood, _ = file_report(cast.dong_xuan)
    waste, _ = file_report(cast.ba_dinh, category="waste", description="Rác ùn ứ")
    answer(waste)
    url = reverse("feedback_public:list")
    assert flood.code in client.get(url).content.decode()
    html = client.get(url, {"status": "open"}).content.decode()
    assert flood.code in html and waste.code not in html
    html = client.get(url, {"category": "waste"}).content.decode()
    assert waste.code in html and flood.code not in html
    html = client.get(url, {"province": cast.ba_dinh.province_code}).content.decode()
    assert waste.code in html and flood.code not in html
    html = client.get(url, {"unit": "22081", "period": "30"}).content.decode()
    assert flood.code in html and waste.code not in html
    assert client.get(url, {"page": "999"}).status_code == 200


def test_lookup_by_code(client, cast):
    report, _ = file_report(cast.dong_xuan)
    response = client.get(reverse("feedback_public:lookup"), {"code": report.code.lower()})
    assert response["Location"] == reverse("feedback_public:detail", args=[report.code])
    assert client.get(reverse("feedback_public:lookup"), {"code": "PA-NOPE"}).status_code == 302


def test_the_portal_home_links_to_the_channel(client, cast):
    assert reverse("feedback_public:new") in client.get("/").content.decode()


def test_unknown_codes_and_photos_are_404(client, cast):
    report, _ = file_report(cast.dong_xuan)
    assert client.get(reverse("feedback_public:detail", args=["PA-XXXXXXXX"])).status_code == 404
    assert client.get(reverse("feedback_public:photo", args=[report.code, 987654])).status_code == 404
    assert client.post(reverse("feedback_public:follow", args=["PA-XXXXXXXX"]), {}).status_code == 404


_ = io


def test_every_citizen_page_has_unique_ids_and_labels_that_point_at_inputs(client, cast):
    from danvan.core.tests.test_page_ids import problems

    report, secret = file_report(cast.dong_xuan)
    answer(report)
    open_one, open_secret = file_report(cast.dong_xuan, offset=(0.001, 0))
    ask_info(open_one)
    urls = [
        NEW,
        reverse("feedback_public:list"),
        reverse("feedback_public:detail", args=[report.code]),
        reverse("feedback_public:detail", args=[open_one.code]),
        citizen_url(report, secret),
        citizen_url(open_one, open_secret),
        reverse("feedback_public:sent", args=[report.code]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert problems(response.content.decode()) == [], url
    bad = client.post(NEW, {"category": "flooding"})
    assert bad.status_code == 422 and problems(bad.content.decode()) == []


def test_refused_forms_keep_ids_and_labels_consistent(client, cast):
    from danvan.core.tests.test_page_ids import problems

    report, secret = file_report(cast.dong_xuan)
    answer(report)
    for data in ({"action": "rate"}, {"action": "rate", "rating": "9"}, {"action": "reopen", "reason": ""}):
        response = client.post(citizen_url(report, secret), data)
        assert response.status_code == 422 and problems(response.content.decode()) == [], data
    response = submit(client, cast.dong_xuan, unit_code="99999", latitude="", longitude="")
    assert response.status_code == 422 and "Không tìm thấy xã, phường" in response.content.decode()
    assert problems(response.content.decode()) == []


def test_moderated_photos_and_hidden_reports_are_not_served(client, cast):
    report, _ = file_report(cast.dong_xuan, photos=[jpeg("a.jpg"), jpeg("b.jpg")])
    first, second = report.photos.order_by("pk")
    ReportPhoto.objects.filter(pk=first.pk).update(is_hidden=True)
    html = client.get(reverse("feedback_public:detail", args=[report.code])).content.decode()
    assert reverse("feedback_public:photo", args=[report.code, first.pk]) not in html
    assert client.get(reverse("feedback_public:photo", args=[report.code, first.pk])).status_code == 404
    assert client.get(reverse("feedback_public:photo", args=[report.code, second.pk])).status_code == 200
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    assert client.get(reverse("feedback_public:photo", args=[report.code, second.pk])).status_code == 404
    features = client.get("/api/v1/feedback/public/reports").json()["features"]
    assert report.code not in [f["properties"]["code"] for f in features]


def test_a_merged_report_links_to_the_one_it_joined(client, cast):
    target, _ = file_report(cast.dong_xuan)
    merged, _ = file_report(cast.dong_xuan, offset=(0.0005, 0))
    Report.objects.filter(pk=merged.pk).update(state=ReportState.MERGED, is_open=False, merged_into=target)
    html = client.get(reverse("feedback_public:detail", args=[merged.code])).content.decode()
    assert reverse("feedback_public:detail", args=[target.code]) in html and "Đã gộp" in html


def test_a_stale_citizen_form_is_refused_409(client, cast):
    report, secret = file_report(cast.dong_xuan)
    answer(report)
    response = client.post(citizen_url(report, secret), {"action": "rate", "rating": "5", "version": "999"})
    assert response.status_code == 409 and "vừa được cập nhật" in response.content.decode()
    report.refresh_from_db()
    assert report.rating is None


def not_an_image():
    return SimpleUploadedFile("x.jpg", b"%PDF-1.4 not an image", "image/jpeg")


def test_every_problem_is_shown_at_once_beside_its_field(client, cast):
    # The form's own fault (no category) and the service's (a pin abroad, a PDF named .jpg): all on the first answer.
    data = form_data(client, cast.dong_xuan, category="", latitude="35.0", longitude="139.0")
    data["photos"] = [not_an_image()]
    response = client.post(NEW, data)
    assert response.status_code == 422 and not Report.objects.exists()
    errors = response.context["form"].errors
    assert {"category", "latitude", "photos"} <= set(errors)
    assert "ngoài lãnh thổ Việt Nam" in str(errors["latitude"]) and "không đọc được" in str(errors["photos"])
    assert "Đường ngập sâu 40 cm sau mưa" in response.content.decode()  # input kept
    # A form without fault of its own: the service names every field at fault in one refusal.
    data = form_data(client, cast.dong_xuan, latitude="35.0", longitude="139.0", citizen_phone="")
    data["photos"] = [not_an_image()]
    errors = client.post(NEW, data).context["form"].errors
    assert {"latitude", "photos"} <= set(errors)
