"""The submissions pages: make a template (a failed form keeps its input, errors by the field), send it, the
dashboard, the commune submits, the province returns, the commune resubmits, approve, lock, downloads, ranking;
404 outside the subtree."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.reporting.models import RankingScheme, ReportTemplate, Submission
from danvan.reporting.tests.submission_fixtures import (
    NARRATIVE,
    install_fake_source,
    make_template,
    remove_fake_source,
    set_figures,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_source():
    install_fake_source()
    yield
    remove_fake_source()


def test_template_form_keeps_input_and_errors(client, cast):
    client.force_login(cast.carol)
    home = reverse("reporting:submission_home")
    assert client.get(home).status_code == 200
    bad = client.post(
        home,
        {
            "unit": cast.dak_lak.pk,
            "name": "Báo cáo 6 tháng",
            "period_kind": "half",
            "doc_format": "state",
            "sections": "",
        },
    )
    assert bad.status_code == 422
    assert "Báo cáo 6 tháng" in bad.content.decode()
    good = client.post(
        home,
        {
            "unit": cast.dak_lak.pk,
            "name": "Báo cáo 6 tháng",
            "period_kind": "half",
            "doc_format": "party",
            "sections": "Tiếp công dân | test.visits | Kết quả\nMô hình | entered.models",
        },
    )
    template = ReportTemplate.objects.get()
    assert good.status_code == 302 and template.sections[1]["codes"] == ["entered.models"]


def test_the_cycle_through_the_pages(client, cast):
    set_figures("22081", 137)
    template = make_template(cast.carol, cast.dak_lak)
    client.force_login(cast.carol)
    url = reverse("reporting:submission_template", args=[template.pk])
    sent = client.post(url, {"period": "2026-H1", "due_on": "2026-07-10"})
    assert sent.status_code == 302
    board = client.get(url, {"period": "2026-H1"})
    assert "Xã Đồng Xuân" in board.content.decode()
    submission = Submission.objects.get(template=template, unit=cast.dong_xuan)

    client.force_login(cast.alice)
    detail = reverse("reporting:submission_detail", args=[submission.pk])
    assert client.get(detail).status_code == 200
    save = reverse("reporting:submission_save", args=[submission.pk])
    missing = client.post(save, {"version": 1, "action": "submit", "results": "Tiếp 137 lượt."})
    assert missing.status_code == 422 and "Tiếp 137 lượt." in missing.content.decode()
    done = client.post(save, {"version": 1, "action": "submit", **NARRATIVE, "entered__entered.models": "2"})
    assert done.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "submitted" and submission.entered == {"entered.models": "2"}

    client.force_login(cast.carol)
    review = lambda action: reverse(f"reporting:submission_{action}", args=[submission.pk])  # noqa: E731
    assert client.post(review("return"), {"version": submission.version, "comment": ""}).status_code == 422
    client.post(review("return"), {"version": submission.version, "comment": "Bổ sung số liệu."})
    submission.refresh_from_db()
    assert submission.status == "returned"

    client.force_login(cast.alice)
    assert "Bổ sung số liệu." in client.get(detail).content.decode()
    client.post(save, {"version": submission.version, "action": "submit", **NARRATIVE})
    submission.refresh_from_db()
    assert submission.status == "submitted" and submission.times_submitted == 2

    client.force_login(cast.carol)
    client.post(review("approve"), {"version": submission.version})
    submission.refresh_from_db()
    client.post(review("lock"), {"version": submission.version})
    submission.refresh_from_db()
    assert submission.status == "locked"
    for fmt in ("docx", "xlsx"):
        got = client.get(reverse(f"reporting:submission_template_{fmt}", args=[template.pk]), {"period": "2026-H1"})
        assert got.status_code == 200 and got["Content-Disposition"].endswith(f'.{fmt}"')
        got = client.get(reverse(f"reporting:submission_{fmt}", args=[submission.pk]))
        assert got.status_code == 200
    pdf = client.get(reverse("reporting:submission_pdf", args=[submission.pk]))
    assert pdf.status_code == 302 and "/backoffice/jobs/" in pdf["Location"]

    client.force_login(cast.alice)
    locked = client.post(save, {"version": submission.version, "action": "save", **NARRATIVE})
    assert locked.status_code == 302
    assert "đã khoá" in client.get(locked["Location"]).content.decode()
    submission.refresh_from_db()
    assert submission.status == "locked"


def test_outside_the_subtree_is_404(client, cast):
    template = make_template(cast.carol, cast.dak_lak)
    client.force_login(cast.carol)
    client.post(reverse("reporting:submission_template", args=[template.pk]), {"period": "2026-H1"})
    submission = Submission.objects.get(template=template, unit=cast.dong_xuan)
    client.force_login(cast.frank)
    assert client.get(reverse("reporting:submission_detail", args=[submission.pk])).status_code == 404
    assert client.get(reverse("reporting:submission_template", args=[template.pk])).status_code == 404
    assert client.post(reverse("reporting:submission_approve", args=[submission.pk]), {}).status_code == 404
    client.force_login(cast.alice)
    assert client.post(reverse("reporting:submission_approve", args=[submission.pk]), {}).status_code == 404
    assert (
        client.post(reverse("reporting:submission_template", args=[template.pk]), {"period": "2026-H1"}).status_code
        == 404
    )


def test_ranking_pages(client, cast):
    set_figures("22081", 137, "81.0")
    client.force_login(cast.carol)
    url = reverse("reporting:submission_rankings")
    bad = client.post(
        url,
        {
            "unit": cast.dak_lak.pk,
            "year": 2026,
            "name": "Thi đua 2026",
            "criteria": "Đúng hạn | test.on_time_rate | 60 | 90",
        },
    )
    assert bad.status_code == 422 and "100" in bad.content.decode()
    good = client.post(
        url,
        {
            "unit": cast.dak_lak.pk,
            "year": 2026,
            "name": "Thi đua 2026",
            "criteria": "Đúng hạn | test.on_time_rate | 60 | 90\nTiếp dân | test.visits | 40 | 100",
        },
    )
    scheme = RankingScheme.objects.get()
    assert good.status_code == 302
    page = reverse("reporting:submission_ranking", args=[scheme.pk])
    assert client.post(page).status_code == 302
    body = client.get(page).content.decode()
    assert "Xã Đồng Xuân" in body and "trọng số 60" in body
    client.force_login(cast.alice)
    assert client.post(page).status_code == 404


def test_a_commune_sees_the_templates_sent_to_it_and_no_other_communes(client, cast):
    """templates_visible_to: a commune officer sees the templates sent to their commune (it has a submission) and
    those of their own subtree; another commune's template, or one not sent to them, is 404."""
    from danvan.reporting import access
    from danvan.reporting import submission_services as services

    province = make_template(cast.carol, cast.dak_lak)
    services.template_send(actor=cast.carol, template=province, period_code="2026-H1", units=[cast.dong_xuan])
    neighbour = make_template(cast.bob, cast.buon_ma_thuot, name="Báo cáo của phường")
    mine = make_template(cast.alice, cast.dong_xuan, name="Báo cáo của xã")
    assert set(access.templates_visible_to(cast.alice)) == {province, mine}
    assert set(access.templates_visible_to(cast.bob)) == {neighbour}

    client.force_login(cast.alice)
    page = client.get(reverse("reporting:submission_template", args=[province.pk]), {"period": "2026-H1"})
    assert page.status_code == 200 and "Xã Đồng Xuân" in page.content.decode()
    assert 'id="download-docx-state"' not in page.content.decode()  # the province's figures are not the commune's
    docx = reverse("reporting:submission_template_docx", args=[province.pk])
    assert client.get(docx, {"period": "2026-H1"}).status_code == 404
    assert client.get(reverse("reporting:submission_template", args=[neighbour.pk])).status_code == 404
    assert client.get(f"/api/v1/reporting/templates/{neighbour.pk}").status_code == 404
    assert province.name in client.get(reverse("reporting:submission_home")).content.decode()

    client.force_login(cast.bob)  # the province's template was not sent to Buôn Ma Thuột
    assert client.get(reverse("reporting:submission_template", args=[province.pk])).status_code == 404
    assert client.get(f"/api/v1/reporting/templates/{province.pk}").status_code == 404
    assert client.get(reverse("reporting:submission_template", args=[mine.pk])).status_code == 404

    services.template_send(actor=cast.carol, template=province, period_code="2026-H1", units=[cast.buon_ma_thuot])
    board = client.get(reverse("reporting:submission_template", args=[province.pk]), {"period": "2026-H1"})
    assert board.status_code == 200
    assert "Phường Buôn Ma Thuột" in board.content.decode() and "Xã Đồng Xuân" not in board.content.decode()
    api_board = client.get(f"/api/v1/reporting/templates/{province.pk}/dashboard", {"period": "2026-H1"}).json()
    assert [row["submission"]["unit_id"] for row in api_board["rows"]] == [cast.buon_ma_thuot.pk]


def test_send_for_a_period_of_another_kind_shows_the_error_beside_the_field(client, cast):
    template = make_template(cast.carol, cast.dak_lak)
    client.force_login(cast.carol)
    url = reverse("reporting:submission_template", args=[template.pk])
    refused = client.post(url, {"period": "2026-Q1", "due_on": ""})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "Mẫu báo cáo này dùng cho kỳ 6 tháng" in html and 'value="2026-Q1"' in html
    beside = html.split('id="id_period-error"', 1)
    assert len(beside) == 2 and "Mẫu báo cáo này dùng cho kỳ 6 tháng" in beside[1].split("</small>", 1)[0]
    assert not Submission.objects.filter(template=template).exists()


def test_a_contradicting_entered_figure_asks_for_a_reason_on_the_page(client, cast):
    from danvan.reporting import submission_services as services
    from danvan.reporting.tests import golden

    golden.make_visits([cast.dong_xuan], 2026, 5)
    template = services.template_create(
        actor=cast.carol,
        unit=cast.dak_lak,
        name="Báo cáo đối chiếu",
        period_kind="half",
        doc_format="state",
        sections=[{"title": "Tiếp công dân", "codes": ["reception.visits_reported"]}],
    )
    services.template_send(actor=cast.carol, template=template, period_code="2026-H1", units=[cast.dong_xuan])
    submission = Submission.objects.get(template=template)
    client.force_login(cast.alice)
    save = reverse("reporting:submission_save", args=[submission.pk])
    field = "entered__reception.visits_reported"
    refused = client.post(save, {"version": 1, "action": "save", **NARRATIVE, field: "7"})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "khác số liệu tính từ hồ sơ" in html and 'name="confirm"' in html and 'name="note"' in html
    done = client.post(
        save, {"version": 1, "action": "save", **NARRATIVE, field: "7", "confirm": "on", "note": "Sổ chưa đủ."}
    )
    assert done.status_code == 302
    submission.refresh_from_db()
    assert submission.entered == {"reception.visits_reported": "7"}
    assert submission.narrative[services.CONFIRMED]["reception.visits_reported"]["note"] == "Sổ chưa đủ."
    client.force_login(cast.carol)  # the reviewer sees what was confirmed and why
    page = client.get(reverse("reporting:submission_detail", args=[submission.pk])).content.decode()
    assert 'id="confirmed"' in page and "reception.visits_reported: 7" in page and "Sổ chưa đủ." in page
