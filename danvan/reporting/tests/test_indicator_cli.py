"""``danvan report``: the figures with comparisons as JSON; DOCX and XLSX on a template (by id or name); every
refusal — a document format without ``--template``, an unknown template, unit or report type, a bad period, no
LibreOffice for a PDF — is a ``CommandError`` with a Vietnamese message."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from danvan.reporting.tests import golden

pytestmark = pytest.mark.django_db


def test_report_json(cast, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)
    golden.make_visits([cast.dong_xuan], 2021, golden.VISITS_2021)
    golden.make_visits([cast.dong_xuan], 2022, golden.VISITS_2022)
    out = io.StringIO()
    call_command("report", "--unit", "22081", "--period", "2022", "--format", "json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["unit"]["code"] == "22081" and body["period"]["label"] == "Năm 2022"
    visits = next(figure for figure in body["figures"] if figure["code"] == "reception.visits")
    assert visits["value"] == 137 and visits["change_previous"] == golden.VISITS_SENTENCE
    assert len(body["figures"]) > 100
    out = io.StringIO()
    call_command("report", "--unit", "66", "--period", "2022-H1", "--codes", "reception.visits", stdout=out)
    assert [f["code"] for f in json.loads(out.getvalue())["figures"]] == ["reception.visits"]


def test_report_errors(cast):
    with pytest.raises(CommandError, match="trước khi bắt đầu"):
        call_command("report", "--unit", "22081", "--period", "2026-05-01..2026-04-01")
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("report", "--unit", "99999", "--period", "2026")


def _template(cast):
    from danvan.reporting.submission_services import template_create

    return template_create(
        actor=cast.carol,
        unit=cast.dak_lak,
        name="Báo cáo kết quả công tác dân vận 6 tháng",
        period_kind="half",
        doc_format="state",
        sections=[{"title": "Tiếp công dân", "codes": ["reception.visits"]}],
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "docx"], r"Định dạng docx cần mẫu báo cáo: thêm --template"),
        (["--format", "xlsx"], r"Định dạng xlsx cần mẫu báo cáo"),
        (["--format", "pdf"], r"Định dạng pdf cần mẫu báo cáo"),
        (["--format", "docx", "--template", "Không có mẫu này"], r"Không có mẫu báo cáo “Không có mẫu này”"),
        (["--format", "xlsx", "--template", "987654"], r"Không có mẫu báo cáo “987654”"),
        (["--unit", "99999", "--format", "docx", "--template", "TEMPLATE"], r"Không có đơn vị mã 99999"),
        (["--unit", "99998", "--legacy"], r"Không có đơn vị mã 99998 trong hệ thống đơn vị cũ"),
        (["--period", "2026-H3", "--format", "docx", "--template", "TEMPLATE"], r"--period: Mã kỳ không hợp lệ"),
        (["--period", "2026-M13"], r"--period: Tháng không hợp lệ"),
        (["--report-type", "no-such-type"], r"--report-type: Không có loại báo cáo “no-such-type”"),
    ],
)
def test_report_refusals_are_clear_command_errors(cast, arguments, message):
    """Each refusal is a CommandError with a Vietnamese message (call_command raises it; the command line prints it
    without a traceback)."""
    template = _template(cast)
    arguments = [str(template.pk) if argument == "TEMPLATE" else argument for argument in arguments]
    base = {"--unit": "66", "--period": "2026-H1"}
    for option in ("--unit", "--period"):
        if option not in arguments:
            arguments = [option, base[option], *arguments]
    with pytest.raises(CommandError, match=message):
        call_command("report", *arguments)


def test_report_documents_by_id_or_name(cast, tmp_path):
    template = _template(cast)
    docx = tmp_path / "bao-cao.docx"
    call_command(
        "report",
        "--unit",
        "66",
        "--period",
        "2026-H1",
        "--template",
        str(template.pk),
        "--format",
        "docx",
        "--output",
        str(docx),
        stdout=io.StringIO(),
    )
    assert docx.read_bytes()[:2] == b"PK"
    xlsx = tmp_path / "phu-luc.xlsx"
    call_command(
        "report",
        "--unit",
        "66",
        "--period",
        "2026-01-01..2026-06-30",
        "--template",
        template.name,
        "--format",
        "xlsx",
        "--output",
        str(xlsx),
        stdout=io.StringIO(),
    )
    assert xlsx.read_bytes()[:2] == b"PK"


def test_report_pdf_without_libreoffice(cast, monkeypatch):
    import shutil

    template = _template(cast)
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    with pytest.raises(CommandError, match="Không tạo được PDF: máy chưa cài LibreOffice"):
        call_command("report", "--unit", "66", "--period", "2026-H1", "--template", str(template.pk), "--format", "pdf")


def test_report_errors_print_no_traceback(cast, monkeypatch):
    """Through the command line: the message on standard error, exit status 1, no traceback."""
    from django.db import connections

    from danvan.reporting.management.commands.report import Command

    monkeypatch.setattr(connections, "close_all", lambda: None)  # run_from_argv closes them; the test keeps its own
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        Command(stderr=stderr).run_from_argv(
            ["danvan", "report", "--unit", "66", "--period", "2026", "--format", "docx"]
        )
    assert exited.value.code == 1
    assert "CommandError: Định dạng docx cần mẫu báo cáo" in stderr.getvalue()
    assert "Traceback" not in stderr.getvalue()
