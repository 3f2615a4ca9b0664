"""The dossier import: columns mapped once per province and remembered, all-or-nothing with named errors, XLSX and
CSV, re-import updates, the background job with progress."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from danvan.core.errors import ConflictError, DomainError
from danvan.jobs.models import Job, JobState
from danvan.jobs.services import job_run
from danvan.reporting import access, dossier_jobs, dossier_services
from danvan.reporting.models import Dossier, ImportMapping
from danvan.reporting.tests.dossier_helpers import COLUMNS, HEADINGS, csv_file, row, xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(cast):
    return dossier_services.mapping_save(actor=cast.carol, province=cast.dak_lak, columns=COLUMNS)


def test_columns_are_guessed_from_labels_and_aliases_then_remembered(cast):
    guessed = dossier_services.guess_columns(HEADINGS)
    assert guessed == COLUMNS
    renamed = ["A" if h == "Số hồ sơ" else h for h in HEADINGS]
    assert "number" not in dossier_services.guess_columns(renamed)
    dossier_services.mapping_save(actor=cast.carol, province=cast.dak_lak, columns={**COLUMNS, "number": "A"})
    saved = dossier_services.mapping_for(cast.dak_lak)
    assert dossier_services.guess_columns(renamed, saved.columns)["number"] == "A"
    assert saved.updated_by == cast.carol and saved.version == 1


def test_a_mapping_without_a_required_column_is_refused_by_name(cast):
    columns = {k: v for k, v in COLUMNS.items() if k != "received_on"}
    with pytest.raises(DomainError) as caught:
        dossier_services.mapping_save(actor=cast.carol, province=cast.dak_lak, columns=columns)
    assert "Ngày tiếp nhận" in str(caught.value.message)
    assert caught.value.fields is not None and "received_on" in caught.value.fields
    assert not ImportMapping.objects.exists()


def test_a_stale_mapping_version_is_a_conflict(cast, mapped):
    dossier_services.mapping_save(actor=cast.carol, province=cast.dak_lak, columns=COLUMNS, version=1)
    with pytest.raises(ConflictError):
        dossier_services.mapping_save(actor=cast.carol, province=cast.dak_lak, columns=COLUMNS, version=1)


def test_csv_import_derives_status_from_the_dates(cast, mapped):
    rows = [
        row("HS-1", finished="09/01/2026"),  # early
        row("HS-2", finished="10/01/2026", channel="Trực tiếp"),  # on time
        row("HS-3", finished="12/01/2026", channel="Dịch vụ bưu chính"),  # late
        row("HS-4", finished="", status="Đang giải quyết"),
        row("HS-5", unit="Phường Buôn Ma Thuột", finished="06/01/2026", status="Rút hồ sơ"),
        row("HS-6", unit="66", finished="2026-01-07", status="Trả lại"),
    ]
    result = dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file(rows))
    assert (result.created, result.updated) == (6, 0)
    by_number = {d.number: d for d in Dossier.objects.all()}
    assert [by_number[f"HS-{i}"].status for i in range(1, 7)] == [
        "early",
        "on_time",
        "late",
        "in_progress",
        "withdrawn",
        "returned",
    ]
    assert by_number["HS-2"].channel == "in_person" and by_number["HS-3"].channel == "post"
    assert by_number["HS-5"].unit == cast.buon_ma_thuot
    assert by_number["HS-6"].unit == cast.dak_lak and by_number["HS-6"].level == "province"
    assert by_number["HS-1"].unit_path == cast.dong_xuan.path and by_number["HS-1"].province_code == "66"
    assert by_number["HS-6"].finished_on == dt.date(2026, 1, 7)
    assert by_number["HS-1"].search_text == "hs-1 1.001 dang ky khai sinh"


def test_xlsx_with_date_cells_and_semicolon_csv(cast, mapped):
    rows = [["X-1", "22081", "1.001", "Khai sinh", dt.datetime(2026, 2, 1, 8, 30), "Trực tuyến",
             dt.date(2026, 2, 5), dt.date(2026, 2, 5), "Đã giải quyết"]]  # fmt: skip
    dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=xlsx_file(rows))
    dossier = Dossier.objects.get(number="X-1")
    assert (dossier.received_on, dossier.status) == (dt.date(2026, 2, 1), "on_time")
    dossier_services.dossiers_import(
        actor=cast.carol, province=cast.dak_lak, file=csv_file([row("S-1")], delimiter=";")
    )
    assert Dossier.objects.filter(number="S-1").exists()


def test_reimport_updates_the_dossiers_already_there(cast, mapped):
    dossier_services.dossiers_import(
        actor=cast.carol, province=cast.dak_lak, file=csv_file([row("HS-1", finished="", status="Đang xử lý")])
    )
    result = dossier_services.dossiers_import(
        actor=cast.carol, province=cast.dak_lak, file=csv_file([row("HS-1", finished="11/01/2026"), row("HS-2")])
    )
    assert (result.created, result.updated) == (1, 1)
    assert Dossier.objects.get(number="HS-1").status == "late"
    assert Dossier.objects.count() == 2


def test_columns_that_do_not_match_are_named_and_nothing_is_stored(cast, mapped):
    headings = ["Số HS", *HEADINGS[1:4], "Ngày nhận", *HEADINGS[5:]]
    rows = [["HS-1", *row("HS-1")[1:]]]
    with pytest.raises(dossier_services.InvalidImport) as caught:
        dossier_services.dossiers_import(
            actor=cast.carol, province=cast.dak_lak, file=csv_file(rows, headings=headings)
        )
    error = caught.value
    assert error.code == "import_columns"
    assert "«Số hồ sơ»" in str(error.message) and "«Ngày nhận hồ sơ»" in str(error.message)
    assert {e.column for e in error.errors} == {"Số hồ sơ", "Ngày nhận hồ sơ"}
    assert not Dossier.objects.exists()


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_stored(cast, mapped):
    rows = [
        row("HS-1"),
        row("HS-2", received="31/02/2026"),
        row("HS-3", unit="Xã Không Có"),
        row("HS-4", channel="Fax"),
        row("HS-5", status="Không rõ"),
        row("HS-1"),
        row("HS-7", received="10/01/2026", finished="09/01/2026", due="12/01/2026"),
        row("HS-8", finished=""),
        row("HS-9", unit="00004"),  # Ba Đình, Hà Nội: not in the province
    ]
    with pytest.raises(dossier_services.InvalidImport) as caught:
        dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file(rows))
    found = {(e.row, e.column) for e in caught.value.errors}
    assert len(found) == len(caught.value.errors)  # one error per problem, none twice
    assert found == {
        (3, "Ngày nhận hồ sơ"),
        (4, "Cơ quan tiếp nhận"),
        (5, "Kênh nộp"),
        (6, "Trạng thái"),
        (7, "Số hồ sơ"),
        (8, "Ngày có kết quả"),
        (9, "Ngày có kết quả"),
        (10, "Cơ quan tiếp nhận"),
    }
    assert not Dossier.objects.exists()


def test_an_unreadable_file_and_an_empty_one_are_refused(cast, mapped):
    import io

    with pytest.raises(dossier_services.InvalidImport) as caught:
        dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=io.BytesIO(b"PK\x03\x04junk"))
    assert caught.value.code == "import_unreadable"
    with pytest.raises(dossier_services.InvalidImport) as caught:
        dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file([]))
    assert caught.value.code == "import_empty"


def test_an_import_without_a_mapping_is_refused(cast):
    with pytest.raises(DomainError) as caught:
        dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file([row("HS-1")]))
    assert caught.value.code == "mapping_missing"


def test_only_an_officer_of_the_province_imports(cast):
    assert access.dossier_province_for_import(cast.carol, cast.dak_lak.pk) == cast.dak_lak
    for who in (cast.alice, cast.frank, cast.erin):
        with pytest.raises(Http404):
            access.dossier_province_for_import(who, cast.dak_lak.pk)
    with pytest.raises(Http404):
        access.dossier_province_for_import(cast.carol, cast.dong_xuan.pk)  # a commune is not a province


def test_the_background_job_imports_with_progress(cast, mapped, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("danvan.jobs.services._enqueue", lambda job_id: None)
    source = dossier_jobs.keep_upload(owner=cast.carol, file=csv_file([row(f"J-{i}") for i in range(30)]), name="a.csv")
    job = dossier_jobs.import_job_start(owner=cast.carol, province=cast.dak_lak, source=source, name="a.csv")
    job_run(str(job.pk))
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert job.progress == job.total == 60
    assert "30" in job.message
    assert Dossier.objects.count() == 30


def test_a_failed_job_names_the_columns_and_stores_nothing(cast, mapped, monkeypatch):
    monkeypatch.setattr("danvan.jobs.services._enqueue", lambda job_id: None)
    bad = csv_file([row("J-1")], headings=["Mã", *HEADINGS[1:]])
    source = dossier_jobs.keep_upload(owner=cast.carol, file=bad, name="b.csv")
    job = dossier_jobs.import_job_start(owner=cast.carol, province=cast.dak_lak, source=source, name="b.csv")
    job_run(str(job.pk))
    job = Job.objects.get(pk=job.pk)
    assert job.state == JobState.FAILED
    assert "«Số hồ sơ»" in job.message
    assert not Dossier.objects.exists()


def test_progress_rises_to_the_end_without_claiming_done_early(cast, mapped):
    reported: list[tuple[int, int]] = []
    rows = [row(f"P-{i}") for i in range(10_001)]
    result = dossier_services.dossiers_import(
        actor=cast.carol, province=cast.dak_lak, file=csv_file(rows), progress=lambda d, t: reported.append((d, t))
    )
    assert result.created == 10_001
    assert reported[-1] == (20_002, 20_002)
    assert all(done < total for done, total in reported[:-1])  # never 100 % before the last batch is written
    fractions = [done / total for done, total in reported]
    assert fractions == sorted(fractions)
