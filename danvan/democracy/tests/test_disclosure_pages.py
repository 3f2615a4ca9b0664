"""The disclosure pages: register, entry with its errors beside the fields, detail with the computation shown,
boards, quarterly list and documents; the public portal (only what is published, folded search, downloads); and
an officer of another commune getting 404 everywhere."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from danvan.democracy import disclosure_services as services
from danvan.democracy.models import Disclosure, DisclosureForm, DisclosureItem

pytestmark = pytest.mark.django_db


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("phuong-an.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")


@pytest.fixture
def disclosure(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    return services.disclosure_create(
        actor=cast.alice,
        unit=cast.dong_xuan,
        item=DisclosureItem.objects.get(number=3),
        title="Phương án bồi thường, hỗ trợ dự án Đường liên xã Đồng Xuân",
        document_number="15/QĐ-UBND",
        issued_on=today - dt.timedelta(days=1),
        channels=[
            services.ChannelLine(
                form=DisclosureForm.objects.get(code="posting"), started_on=today, place="Trụ sở UBND xã"
            ),
        ],
        publish=True,
        upload=_pdf(),
    )


def test_register_detail_and_board(client, cast, disclosure):
    client.force_login(cast.alice)
    assert disclosure.title in client.get(reverse("democracy:disclosure_list") + "?q=duong lien xa").content.decode()
    page = client.get(reverse("democracy:disclosure_detail", args=[disclosure.pk])).content.decode()
    assert "ngày liên tục" in page and "Điều 11–14" in page
    board = client.get(reverse("democracy:disclosure_board", args=[cast.dong_xuan.pk])).content.decode()
    assert disclosure.title in board and "board-yellow" in board
    assert client.get(reverse("democracy:disclosure_board", args=[cast.dak_lak.pk])).status_code == 404
    client.force_login(cast.carol)  # a leader of the province
    province = client.get(reverse("democracy:disclosure_board", args=[cast.dak_lak.pk]))
    assert province.status_code == 200 and cast.dong_xuan.name in province.content.decode()
    client.force_login(cast.alice)
    assert client.get(reverse("democracy:disclosure_document", args=[disclosure.pk])).status_code == 200


def test_province_board_linked_only_to_officers_who_may_read_it(client, cast, disclosure):
    """A commune officer's register and board did link the province's board, which answers them 404."""
    province_board = reverse("democracy:disclosure_board", args=[cast.dak_lak.pk])
    pages = (reverse("democracy:disclosure_list"), reverse("democracy:disclosure_board", args=[cast.dong_xuan.pk]))
    client.force_login(cast.alice)
    for url in pages:
        assert f'href="{province_board}"' not in client.get(url).content.decode(), url
    client.force_login(cast.carol)  # a leader of the province
    assert f'href="{province_board}"' in client.get(pages[1]).content.decode()


def test_province_officers_register_links_the_province_board_and_no_commune_lists(client, cast):
    """The register took a province officer's province for their commune and linked its quarterly list and DOCX
    documents, which answer 404 for a province."""
    client.force_login(cast.carol)  # a leader of the province
    page = client.get(reverse("democracy:disclosure_list")).content.decode()
    assert f'href="{reverse("democracy:disclosure_board", args=[cast.dak_lak.pk])}"' in page
    for name in ("disclosure_quarterly", "disclosure_plan_docx", "disclosure_report_docx"):
        assert reverse(f"democracy:{name}", args=[cast.dak_lak.pk]) not in page, name


def test_entry_form_keeps_input_and_shows_posting_29_days_beside_its_field(client, cast):
    client.force_login(cast.alice)
    page = client.get(reverse("democracy:disclosure_create"))
    assert page.status_code == 200
    response = client.post(
        reverse("democracy:disclosure_create"),
        {
            "unit": cast.dong_xuan.pk,
            "item": DisclosureItem.objects.get(number=3).pk,
            "title": "Kế hoạch sử dụng đất năm 2026",
            "issued_on": "02/03/2026",
            "submission_key": "abc",
            "c1_form": DisclosureForm.objects.get(code="posting").pk,
            "c1_place": "Nhà văn hóa thôn 1",
            "c1_started_on": "03/03/2026",
            "c1_ended_on": "31/03/2026",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "mới được 29 ngày" in body and "Kế hoạch sử dụng đất năm 2026" in body
    assert 'class="message message-error"' in body
    assert not Disclosure.objects.exists()


def test_add_and_end_channel_pages(client, cast, disclosure):
    client.force_login(cast.alice)
    url = reverse("democracy:disclosure_channel_add", args=[disclosure.pk])
    response = client.post(
        url,
        {
            "form": DisclosureForm.objects.get(code="loudspeaker").pk,
            "started_on": timezone.localdate().strftime("%d/%m/%Y"),
            "version": disclosure.version,
        },
    )
    assert response.status_code == 302
    channel = disclosure.channels.get(form__code="posting")
    end = reverse("democracy:disclosure_channel_end", args=[disclosure.pk, channel.pk])
    refused = client.post(end, {"ended_on": timezone.localdate().strftime("%d/%m/%Y"), "version": 2})
    assert refused.status_code == 422 and "lý do" in refused.content.decode()


def test_documents_are_docx(client, cast, disclosure):
    client.force_login(cast.alice)
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    for name, query in (
        ("disclosure_quarterly_docx", f"?year={today.year}&quarter={quarter}"),
        ("disclosure_plan_docx", f"?year={today.year + 1}"),
        ("disclosure_report_docx", f"?year={today.year}"),
    ):
        response = client.get(reverse(f"democracy:{name}", args=[cast.dong_xuan.pk]) + query)
        assert response.status_code == 200, name
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        tables = "\n".join(
            c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells
        )
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in tables
        if name == "disclosure_quarterly_docx":
            assert "Đường liên xã" in tables and "Trụ sở UBND xã" in tables
        if name == "disclosure_report_docx":
            assert "Hội đồng nhân dân" in text
    page = client.get(
        reverse("democracy:disclosure_quarterly", args=[cast.dong_xuan.pk]) + f"?year={today.year}&quarter={quarter}"
    )
    assert disclosure.title in page.content.decode()


def test_public_portal_shows_only_published_with_folded_search(client, cast, disclosure):
    hidden = services.disclosure_create(
        actor=cast.alice,
        unit=cast.dong_xuan,
        item=DisclosureItem.objects.get(number=1),
        title="Bản nháp nội bộ",
        issued_on=timezone.localdate(),
    )
    url = reverse("democracy_public:disclosure_list", args=[cast.dong_xuan.pk])
    body = client.get(url + "?q=boi thuong duong").content.decode()
    assert disclosure.title in body and hidden.title not in body
    assert hidden.title not in client.get(url).content.decode()
    assert client.get(reverse("democracy_public:disclosure_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("democracy_public:disclosure_detail", args=[disclosure.pk])).status_code == 200
    download = client.get(reverse("democracy_public:disclosure_document", args=[disclosure.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    today = timezone.localdate()
    quarterly = client.get(
        reverse(
            "democracy_public:disclosure_quarterly", args=[cast.dong_xuan.pk, today.year, (today.month - 1) // 3 + 1]
        )
    )
    assert disclosure.title in quarterly.content.decode()


def test_officer_of_another_commune_gets_404_everywhere(client, cast, disclosure):
    client.force_login(cast.bob)
    channel = disclosure.channels.get()
    for name, args in (
        ("disclosure_detail", [disclosure.pk]),
        ("disclosure_edit", [disclosure.pk]),
        ("disclosure_document", [disclosure.pk]),
        ("disclosure_board", [cast.dong_xuan.pk]),
        ("disclosure_quarterly", [cast.dong_xuan.pk]),
        ("disclosure_quarterly_docx", [cast.dong_xuan.pk]),
        ("disclosure_plan_docx", [cast.dong_xuan.pk]),
        ("disclosure_report_docx", [cast.dong_xuan.pk]),
    ):
        assert client.get(reverse(f"democracy:{name}", args=args)).status_code == 404, name
    for name, args in (
        ("disclosure_channel_add", [disclosure.pk]),
        ("disclosure_channel_end", [disclosure.pk, channel.pk]),
        ("disclosure_publish", [disclosure.pk]),
        ("disclosure_edit", [disclosure.pk]),
    ):
        assert client.post(reverse(f"democracy:{name}", args=args), {"version": 1}).status_code == 404, name
    disclosure.refresh_from_db()
    assert disclosure.version == 1 and disclosure.is_published
    # Frank (another province) neither sees the register nor the province board.
    client.force_login(cast.frank)
    assert client.get(reverse("democracy:disclosure_board", args=[cast.dak_lak.pk])).status_code == 404
    assert disclosure.title not in client.get(reverse("democracy:disclosure_list")).content.decode()


def test_public_search_is_rate_limited(client, cast, disclosure, monkeypatch):
    from danvan.democracy import disclosure_views

    monkeypatch.setattr(disclosure_views, "PUBLIC_SEARCH_LIMIT", 2)
    url = reverse("democracy_public:disclosure_list", args=[cast.dong_xuan.pk]) + "?q=duong"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(reverse("democracy_public:disclosure_list", args=[cast.dong_xuan.pk])).status_code == 200
