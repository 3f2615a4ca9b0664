"""The public showcase: only published recognized initiatives, searchable, with their photos and nothing personal."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from danvan.core.attachments import attachment_store
from danvan.core.models import AdministrativeUnit, Attachment, Organization, UnitTree
from danvan.initiatives.models import (
    Field,
    HonoreeType,
    Initiative,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
)
from danvan.initiatives.services import initiative_publish, initiative_register, progress_add

YEAR = 2026
HONOREE = "Nguyễn Văn Hiếu"


@pytest.fixture(autouse=True)
def media(settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


def png(color: str = "red") -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(output, format="PNG")
    return SimpleUploadedFile("anh.png", output.getvalue(), content_type="image/png")


def register(officer, unit, name: str, field: str, **extra) -> Initiative:
    return initiative_register(
        actor=officer,
        unit=unit,
        organization=Organization.objects.get(unit=unit, kind__code="peoples_committee"),
        kind=extra.pop("kind", InitiativeKind.MODEL),
        name=name,
        field=Field.objects.get(code=field),
        level=InitiativeLevel.COMMUNE,
        year=YEAR,
        **extra,
    )


def recognized(initiative: Initiative) -> Initiative:
    """The scoring and the decision are tested elsewhere; here the initiative is simply recognized."""
    Initiative.objects.filter(pk=initiative.pk).update(
        status=InitiativeStatus.RECOGNIZED, recognized_on=dt.date(2026, 11, 2), recognized_year=YEAR
    )
    return Initiative.objects.get(pk=initiative.pk)


@pytest.fixture
def showcase(cast):
    """A published model in Đắk Lắk with a photo, a published exemplar (an individual) in Hà Nội, a recognized
    but unpublished model with a photo, and a draft wrongly flagged public."""
    road = recognized(register(cast.alice, cast.dong_xuan, "Tuyến đường hoa kiểu mẫu", "culture_society"))
    road = initiative_publish(
        actor=cast.alice,
        initiative=road,
        is_public=True,
        public_summary="05 tuyến đường hoa dài 500 m do nhân dân tự làm.",
    )
    road_update = progress_add(
        actor=cast.alice, initiative=road, reported_on=dt.date(2026, 10, 1), text="Trồng hoa", files=[png()]
    )
    farmer = recognized(
        register(
            cast.frank,
            cast.ba_dinh,
            "Điển hình làm kinh tế giỏi",
            "economy",
            kind=InitiativeKind.EXEMPLAR,
            honoree_type=HonoreeType.INDIVIDUAL,
            honoree_name=HONOREE,
        )
    )
    farmer = initiative_publish(
        actor=cast.frank,
        initiative=farmer,
        is_public=True,
        public_summary="Một hội viên nông dân giúp 12 hộ thoát nghèo.",
    )
    hidden = recognized(register(cast.bob, cast.buon_ma_thuot, "Tuyến đường hoa ven sông", "culture_society"))
    hidden_update = progress_add(
        actor=cast.bob, initiative=hidden, reported_on=dt.date(2026, 10, 1), text="Ảnh", files=[png("blue")]
    )
    draft = register(cast.alice, cast.dong_xuan, "Tuyến đường hoa dự thảo", "culture_society")
    Initiative.objects.filter(pk=draft.pk).update(is_public=True, public_summary="Chưa được công nhận.")
    return {
        "road": road,
        "farmer": farmer,
        "hidden": hidden,
        "draft": draft,
        "road_photo": Attachment.objects.get(object_type="initiatives.progressupdate", object_id=str(road_update.pk)),
        "hidden_photo": Attachment.objects.get(
            object_type="initiatives.progressupdate", object_id=str(hidden_update.pk)
        ),
    }


def names(response) -> list[str]:
    return [initiative.name for initiative, _photo in response.context["cards"]]


def test_list_shows_only_published_recognized_initiatives(client, showcase, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:showcase"))
    assert response.status_code == 200
    assert sorted(names(response)) == ["Tuyến đường hoa kiểu mẫu", "Điển hình làm kinh tế giỏi"]
    html = response.content.decode()
    assert "05 tuyến đường hoa dài 500 m" in html
    photo_url = reverse("portal:showcase_photo", args=[showcase["road"].pk, showcase["road_photo"].pk])
    assert photo_url in html
    assert HONOREE not in html and "ven sông" not in html and "dự thảo" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "duong hoa"}, ["Tuyến đường hoa kiểu mẫu"]),
        ({"q": "ĐỒNG XUÂN"}, ["Tuyến đường hoa kiểu mẫu"]),
        ({"q": "kinh te gioi"}, ["Điển hình làm kinh tế giỏi"]),
        # The honoree's name is in the stored search text but must not find (and so identify) the exemplar.
        ({"q": "nguyen van hieu"}, []),
        ({"q": "hieu"}, []),
        ({"province": "dak_lak"}, ["Tuyến đường hoa kiểu mẫu"]),
        ({"province": "ha_noi"}, ["Điển hình làm kinh tế giỏi"]),
        ({"province": "ha_noi", "q": "duong hoa"}, []),
        ({"unit": "dong_xuan"}, ["Tuyến đường hoa kiểu mẫu"]),
        ({"unit": "buon_ma_thuot"}, []),
        ({"field": "economy"}, ["Điển hình làm kinh tế giỏi"]),
        ({"field": "culture_society", "province": "dak_lak"}, ["Tuyến đường hoa kiểu mẫu"]),
        ({"province": "999999"}, []),
    ],
)
def test_search_and_filters(client, cast, showcase, params, expected):
    places = {
        "dak_lak": cast.dak_lak.pk,
        "ha_noi": AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code="01").pk,
        "dong_xuan": cast.dong_xuan.pk,
        "buon_ma_thuot": cast.buon_ma_thuot.pk,
    }
    query = {key: places.get(value, value) for key, value in params.items()}
    response = client.get(reverse("portal:showcase"), query)
    assert response.status_code == 200
    assert sorted(names(response)) == expected


def test_search_filters_in_the_database_and_reads_one_page(client, showcase, django_assert_max_num_queries):
    """The search is a condition on the folded public column: the page query is limited to one page of rows
    (its keys with LIMIT, then those rows by key: core.pagination.page_rows), whatever the number of matches, and
    the honoree's name is not in that column."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    road = showcase["road"]
    assert "duong hoa" in road.public_search_text and "hieu" not in road.public_search_text
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(8):
        response = client.get(reverse("portal:showcase"), {"q": "duong hoa"})
    assert names(response) == ["Tuyến đường hoa kiểu mẫu"]
    listing = [q["sql"] for q in captured.captured_queries if "public_search_text" in q["sql"]]
    assert listing and all(
        "LIMIT" in sql or "COUNT" in sql or '"initiatives_initiative"."id" IN (' in sql for sql in listing
    )


def test_detail_shows_what_the_officer_published(client, showcase):
    road = showcase["road"]
    response = client.get(reverse("portal:showcase_detail", args=[road.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tuyến đường hoa kiểu mẫu" in html and "05 tuyến đường hoa dài 500 m" in html
    assert "Văn hóa – xã hội" in html and "Xã Đồng Xuân" in html and "02/11/2026" in html
    assert reverse("portal:showcase_photo", args=[road.pk, showcase["road_photo"].pk]) in html
    # Progress text is not published, only its photos.
    assert "Trồng hoa" not in html


def test_detail_never_shows_the_honoree_name(client, showcase):
    response = client.get(reverse("portal:showcase_detail", args=[showcase["farmer"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Một hội viên nông dân giúp 12 hộ thoát nghèo." in html
    assert HONOREE not in html


@pytest.mark.parametrize("which", ["hidden", "draft"])
def test_detail_404_when_not_public(client, showcase, which):
    assert client.get(reverse("portal:showcase_detail", args=[showcase[which].pk])).status_code == 404


def test_hiding_an_initiative_removes_it(client, cast, showcase):
    initiative_publish(actor=cast.alice, initiative=showcase["road"], is_public=False, public_summary="")
    assert client.get(reverse("portal:showcase_detail", args=[showcase["road"].pk])).status_code == 404
    url = reverse("portal:showcase_photo", args=[showcase["road"].pk, showcase["road_photo"].pk])
    assert client.get(url).status_code == 404


def test_photo_served_only_for_public_initiatives(client, showcase):
    road, hidden = showcase["road"], showcase["hidden"]
    response = client.get(reverse("portal:showcase_photo", args=[road.pk, showcase["road_photo"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    # Another initiative's photo through a public initiative's address, or through its own: refused.
    assert client.get(reverse("portal:showcase_photo", args=[road.pk, showcase["hidden_photo"].pk])).status_code == 404
    assert (
        client.get(reverse("portal:showcase_photo", args=[hidden.pk, showcase["hidden_photo"].pk])).status_code == 404
    )


def test_photo_view_refuses_documents_and_unrelated_attachments(client, cast, showcase):
    road = showcase["road"]
    document = Attachment.objects.create(
        file="attachments/x.pdf",
        original_name="ho-so.pdf",
        content_type="application/pdf",
        extension=".pdf",
        size=10,
        sha256="0" * 64,
        unit=cast.dong_xuan,
        object_type="initiatives.progressupdate",
        object_id=showcase["road_photo"].object_id,
    )
    other = Attachment.objects.create(
        file="attachments/y.png",
        original_name="giay-to.png",
        content_type="image/png",
        extension=".png",
        size=10,
        sha256="1" * 64,
        unit=cast.dong_xuan,
    )
    for attachment in (document, other):
        assert client.get(reverse("portal:showcase_photo", args=[road.pk, attachment.pk])).status_code == 404


def test_portal_links_to_the_showcase(client, showcase):
    html = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:showcase") in html


def test_the_registration_photo_shows_on_the_showcase(client, cast, showcase):
    farmer, hidden = showcase["farmer"], showcase["hidden"]
    photo = attachment_store(
        actor=cast.frank,
        upload=png("green"),
        unit=cast.ba_dinh,
        object_type="initiatives.initiative",
        object_id=farmer.pk,
    )
    hidden_photo = attachment_store(
        actor=cast.bob,
        upload=png("red"),
        unit=cast.buon_ma_thuot,
        object_type="initiatives.initiative",
        object_id=hidden.pk,
    )
    url = reverse("portal:showcase_photo", args=[farmer.pk, photo.pk])
    cards = dict(client.get(reverse("portal:showcase")).context["cards"])
    assert cards[farmer] == photo
    assert url in client.get(reverse("portal:showcase_detail", args=[farmer.pk])).content.decode()
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    # Not through another initiative's address, nor for an unpublished one.
    assert client.get(reverse("portal:showcase_photo", args=[showcase["road"].pk, photo.pk])).status_code == 404
    assert client.get(reverse("portal:showcase_photo", args=[hidden.pk, hidden_photo.pk])).status_code == 404
