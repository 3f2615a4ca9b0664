"""Pages to import the registry from the officers' XLSX list, download the empty template, export a list."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.uploads import limit_upload_size
from danvan.core.xlsx import XLSX_CONTENT_TYPE, xlsx_response
from danvan.initiatives import access, jobs, xlsx
from danvan.initiatives.filters import visible_filtered

TEMPLATE_FILENAME = "mau-danh-sach-mo-hinh-dien-hinh.xlsx"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách (.xlsx)"),
        error_messages={"required": _("Hãy chọn tệp Excel cần nhập.")},
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx (tải mẫu ở trên)."))
        return upload


def export_filename() -> str:
    return f"mo-hinh-dien-hinh-{timezone.localdate():%Y%m%d}.xlsx"


@login_required
@limit_upload_size
@require_http_methods(["GET", "POST"])
def initiative_import(request: HttpRequest) -> HttpResponse:
    """Upload a filled list: the full error table, or how many records were created and skipped."""
    if not access.can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result: xlsx.ImportResult | None = None
    failure: xlsx.InvalidImport | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if jobs.import_is_large(upload):
            job = jobs.import_job_start(owner=request.user, file=upload, name=upload.name)
            return redirect("jobs:detail", job_id=job.pk)
        try:
            result = xlsx.import_initiatives(actor=request.user, file=upload)
        except xlsx.InvalidImport as error:
            failure = error
        except DomainError as error:
            apply_errors(form, error, summary=True)
    status = 422 if failure is not None or (request.method == "POST" and form.errors) else 200
    return render(
        request,
        "initiatives/import.html",
        {"form": form, "result": result, "failure": failure, "columns": xlsx.COLUMNS},
        status=status,
    )


@login_required
@require_GET
def initiative_import_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(xlsx.build_template(), TEMPLATE_FILENAME)


@login_required
@require_GET
def initiative_export(request: HttpRequest) -> HttpResponse:
    """The list page's filters (same GET parameters) over what the officer may see, as XLSX."""
    queryset = visible_filtered(request.user, request.GET)
    if jobs.export_is_large(queryset.count()):
        job = jobs.export_job_start(owner=request.user, query=request.GET.urlencode(), filename=export_filename())
        return redirect("jobs:detail", job_id=job.pk)  # a progress bar, then the file
    return xlsx_response(xlsx.export_initiatives(queryset), export_filename())
