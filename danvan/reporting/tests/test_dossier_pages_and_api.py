"""Dossier pages and API: the import in two steps (upload, columns mapped and remembered) starting a background
job, the list with filters and the drill-down of a figure, the CCHC figures page, entered procedure figures (bad
input keeps what was typed, a stale version is 409); officers of other units get 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.jobs.models import Job
from danvan.reporting import dossier_services
from danvan.reporting.models import ImportMapping, ProcedureFigure
from danvan.reporting.tests.dossier_helpers import COLUMNS, HEADINGS, csv_file, make_dossiers, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_worker(monkeypatch):
    monkeypatch.setattr("danvan.jobs.services._enqueue", lambda job_id: None)


def _upload(name: str = "hs.csv", rows=None, headings=HEADINGS) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_file(rows or [row("HS-1"), row("HS-2")], headings=headings).getvalue())


def test_import_page_maps_columns_once_and_starts_a_job(client, cast):
    client.force_login(cast.carol)
    url = reverse("reporting:dossier_import")
    assert client.get(url).status_code == 200
    step1 = client.post(url, {"province": cast.dak_lak.pk, "file": _upload()})
    assert step1.status_code == 200
    form = step1.context["mapping_form"]
    assert form.initial["col_number"] == "Số hồ sơ" and not step1.context["remembered"]
    data = {
        "province": cast.dak_lak.pk,
        "upload": form.initial["upload"],
        "name": "hs.csv",
        **{f"col_{k}": v for k, v in COLUMNS.items()},
    }
    # A required field left without a column: the form comes back with the error by the field, nothing saved.
    missing = client.post(url, {**data, "col_received_on": ""})
    assert missing.status_code == 422
    assert missing.context["mapping_form"].errors["col_received_on"]
    assert not ImportMapping.objects.exists()
    done = client.post(url, data)
    assert done.status_code == 302
    job = Job.objects.get()
    assert done["Location"] == reverse("jobs:detail", args=[job.pk])
    assert ImportMapping.objects.get(province=cast.dak_lak).columns == COLUMNS
    # Next time, a file with the same headings gets the remembered mapping.
    again = client.post(url, {"province": cast.dak_lak.pk, "file": _upload()})
    assert again.context["remembered"] and again.context["mapping_form"].initial["version"] == 1


def test_import_page_refuses_other_files_and_other_officers(client, cast):
    client.force_login(cast.carol)
    url = reverse("reporting:dossier_import")
    wrong = client.post(url, {"province": cast.dak_lak.pk, "file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert wrong.status_code == 422 and wrong.context["upload"].errors["file"]
    forged = client.post(url, {"province": cast.dak_lak.pk, "upload": "reporting/dossier_uploads/999/x.csv"})
    assert forged.status_code == 404
    for who in (cast.alice, cast.erin):
        client.force_login(who)
        assert client.get(url).status_code == 404
    client.force_login(cast.frank)  # an officer in Hà Nội imports for Hà Nội only
    assert client.post(url, {"province": cast.dak_lak.pk, "file": _upload()}).status_code == 404


def test_list_filters_and_drill_down(client, cast):
    make_dossiers(cast.dong_xuan, 3, prefix="E")
    make_dossiers(cast.dong_xuan, 2, prefix="L", status="late", finished_on=dt.date(2026, 1, 12), channel="post")
    make_dossiers(cast.buon_ma_thuot, 4, prefix="B")
    client.force_login(cast.alice)
    url = reverse("reporting:dossier_list")
    page = client.get(url, {"year": 2026})
    assert page.status_code == 200 and page.context["page"].paginator.count == 5  # her commune only
    assert client.get(url, {"year": 2026, "status": "late"}).context["page"].paginator.count == 2
    assert client.get(url, {"year": 2026, "q": "L-1"}).context["page"].paginator.count == 1
    assert client.get(url, {"year": 2026, "q": "dang ky KHAI SINH"}).context["page"].paginator.count == 5  # folded
    drill = client.get(url, {"unit": cast.dong_xuan.pk, "year": 2026, "code": "cchc.resolved_late"})
    assert drill.context["page"].paginator.count == 2 and "quá hạn" in drill.content.decode()
    assert client.get(url, {"unit": cast.buon_ma_thuot.pk, "year": 2026}).status_code == 404
    client.force_login(cast.carol)
    assert client.get(url, {"unit": cast.dak_lak.pk, "year": 2026}).context["page"].paginator.count == 9
    figures = client.get(reverse("reporting:dossier_indicators", args=[cast.dak_lak.pk]), {"year": 2026})
    assert figures.status_code == 200
    text = figures.content.decode()
    assert "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn" in text and "77,8%" in text  # 7 of 9


def test_procedure_figures_page(client, cast):
    url = reverse("reporting:dossier_figures", args=[cast.dong_xuan.pk])
    client.force_login(cast.erin)
    viewer = client.get(url)
    assert viewer.status_code == 200 and not viewer.context["can_write"]
    assert client.post(url, {}).status_code == 404
    client.force_login(cast.alice)
    body = {"period_start": "01/01/2026", "period_end": "30/06/2026", "published": "120", "time_cut": "10",
            "days_cut": "25", "online_partial": "200", "online_full": "30", "note": "Theo QĐ công bố"}  # fmt: skip
    bad = client.post(url, body)
    assert bad.status_code == 422
    assert bad.context["form"].errors["online_partial"]
    assert 'value="Theo QĐ công bố"' in bad.content.decode()  # the form keeps what was typed
    assert client.post(url, {**body, "period_end": "01/12/2025"}).context["form"].errors["period_end"]
    assert client.post(url, {**body, "online_partial": "40"}).status_code == 302
    figure = ProcedureFigure.objects.get()
    assert (figure.published, figure.online_partial, figure.entered_by) == (120, 40, cast.alice)
    client.force_login(cast.bob)
    assert client.get(url).status_code == 404


def test_api_mapping_import_list_indicators_and_figures(client, cast):
    client.force_login(cast.carol)
    mapping_url = f"/api/v1/reporting/dossiers/mappings/{cast.dak_lak.pk}"
    assert client.get(mapping_url).json()["version"] is None
    incomplete = client.put(mapping_url, {"columns": {"number": "Số hồ sơ"}}, content_type="application/json")
    assert incomplete.status_code == 422 and "received_on" in incomplete.json()["fields"]
    saved = client.put(mapping_url, {"columns": COLUMNS}, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["version"] == 1
    stale = client.put(mapping_url, {"columns": COLUMNS, "version": 0}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"

    bad = client.post(
        "/api/v1/reporting/dossiers/import",
        {"province_id": cast.dak_lak.pk, "file": _upload(headings=["Mã", *HEADINGS[1:]])},
    )
    assert bad.status_code == 422 and bad.json()["code"] == "import_columns"
    assert [e["column"] for e in bad.json()["errors"]] == ["Số hồ sơ"]
    assert not Job.objects.exists()
    started = client.post("/api/v1/reporting/dossiers/import", {"province_id": cast.dak_lak.pk, "file": _upload()})
    assert started.status_code == 202 and started.json()["kind"] == "reporting.dossiers_import"

    dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file([row("A-1")]))
    listed = client.get(f"/api/v1/reporting/dossiers?unit={cast.dak_lak.pk}&year=2026&code=cchc.resolved_early")
    assert listed.status_code == 200 and listed.json()["count"] == 1
    assert listed.json()["items"][0]["unit_name"] == cast.dong_xuan.name
    assert client.get(f"/api/v1/reporting/dossiers?unit={cast.dak_lak.pk}&year=2026&code=nope").status_code == 422
    assert client.get("/api/v1/reporting/dossiers?year=2026&period=zz").status_code == 422
    figures = client.get(f"/api/v1/reporting/dossiers/units/{cast.dak_lak.pk}/indicators?year=2026").json()
    by_code = {i["code"]: i["value"] for i in figures["indicators"]}
    assert by_code["cchc.received_online"] == 1 and float(by_code["cchc.on_time_rate"]) == 100.0

    figure_url = f"/api/v1/reporting/dossiers/units/{cast.dak_lak.pk}/figures"
    body = {"period_start": "2026-01-01", "period_end": "2026-12-31", "published": 300, "online_full": 120}
    first = client.put(figure_url, body, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == 1
    again = client.put(figure_url, {**body, "version": 1, "online_full": 130}, content_type="application/json")
    assert again.json()["version"] == 2 and again.json()["online_full"] == 130
    assert client.put(figure_url, {**body, "version": 1}, content_type="application/json").status_code == 409
    backwards = client.put(figure_url, {**body, "period_end": "2025-01-01"}, content_type="application/json")
    assert backwards.status_code == 422
    assert len(client.get(figure_url).json()) == 1

    client.force_login(cast.alice)
    assert client.get(mapping_url).status_code == 404
    assert client.put(figure_url, body, content_type="application/json").status_code == 404
    assert client.get(f"/api/v1/reporting/dossiers/units/{cast.buon_ma_thuot.pk}/indicators").status_code == 404


def test_the_import_page_learns_the_provinces_own_words(client, cast):
    """A province whose export says "Nộp qua Zalo" for online filing and "Xong" for resolved teaches the page its
    words: remembered with the mapping, shown next time, and the rows read with them; a word given for two values
    is refused beside its field, nothing saved."""
    client.force_login(cast.carol)
    url = reverse("reporting:dossier_import")
    rows = [row("HS-1", channel="Nộp qua Zalo", status="Xong"), row("HS-2")]
    step1 = client.post(url, {"province": cast.dak_lak.pk, "file": _upload(rows=rows)})
    words = step1.context["words_form"]
    page = step1.content.decode()
    assert 'id="mapping-words"' in page and "truc tuyen" in str(words["channel_online"].help_text)
    data = {
        "province": cast.dak_lak.pk,
        "upload": step1.context["mapping_form"].initial["upload"],
        "name": "hs.csv",
        **{f"col_{k}": v for k, v in COLUMNS.items()},
    }
    twice = client.post(url, {**data, "words-channel_online": "Nộp qua Zalo", "words-channel_post": "nop qua zalo"})
    assert twice.status_code == 422
    assert 'id="id_words-channel_post-error"' in twice.content.decode()
    assert 'value="Nộp qua Zalo"' in twice.content.decode()  # what was typed is kept
    assert not ImportMapping.objects.exists()

    done = client.post(url, {**data, "words-channel_online": "Nộp qua Zalo", "words-status_resolved": "Xong, Hoàn tất"})
    assert done.status_code == 302
    mapping = ImportMapping.objects.get(province=cast.dak_lak)
    assert mapping.channel_values == {"nop qua zalo": "online"}
    assert mapping.status_values == {"xong": "resolved", "hoan tat": "resolved"}
    again = client.post(url, {"province": cast.dak_lak.pk, "file": _upload(rows=rows)})
    assert again.context["words_form"].initial["status_resolved"] == "xong, hoan tat"

    parsed = dossier_services.parse_rows(province=cast.dak_lak, file=csv_file(rows), mapping=mapping, name="hs.csv")
    first = next(d for d in parsed if d.number == "HS-1")
    assert first.channel == "online" and first.status == "early"  # resolved before its due date
