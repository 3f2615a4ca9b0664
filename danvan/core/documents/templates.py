"""Official documents from editable DOCX templates: registry, replacement by administrators, rendering.

Each app registers its templates (a name, a Vietnamese title and the shipped default file). A system
administrator may upload a replacement, stored through Django's default storage at
``document_templates/<name>.docx``; it wins over the shipped default until it is reset. Offices adapt the
layout this way, e.g. Party bodies (Ban Dân vận) use the Party format rather than NĐ 30/2020's (DOMAIN.md §8).

Templates are docxtpl (Jinja) documents rendered in Jinja's sandbox with XML escaping, so neither an
uploaded template nor a value typed by an officer ("Hội Nông dân & Đoàn Thanh niên") can run code or break
the document.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from danvan.core.attachments import DOCX, validate_upload
from danvan.core.audit import current_ip
from danvan.core.downloads import file_response
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry

STORAGE_FOLDER = "document_templates"
DOCX_CONTENT_TYPE = DOCX.mime


@dataclass(frozen=True)
class DocumentTemplate:
    """A named template: ``default_path`` is the file shipped with the code (built by the app's script)."""

    name: str
    title: str | Promise
    default_path: Path

    @property
    def storage_name(self) -> str:
        return f"{STORAGE_FOLDER}/{self.name}.docx"

    @property
    def is_replaced(self) -> bool:
        return bool(default_storage.exists(self.storage_name))

    def open(self) -> IO[bytes]:
        """The administrator's replacement if there is one, else the shipped default."""
        if self.is_replaced:
            return default_storage.open(self.storage_name, "rb")
        return self.default_path.open("rb")


TEMPLATES: dict[str, DocumentTemplate] = {}


def template_register(template: DocumentTemplate) -> DocumentTemplate:
    """Make ``template`` known (for rendering and for the administrators' page); registering twice is harmless."""
    TEMPLATES[template.name] = template
    return template


def template_get(name: str) -> DocumentTemplate:
    try:
        return TEMPLATES[name]
    except KeyError:
        raise DomainError("unknown_template", _("Không có mẫu văn bản này."), status=404) from None


def _jinja_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True)


def docx_response(content: bytes, filename: str) -> HttpResponse:
    """A rendered DOCX as a download named ``filename``."""
    return file_response(content, DOCX_CONTENT_TYPE, filename)


def render_docx(template_name: str, context: Mapping[str, Any]) -> bytes:
    """The document made from template ``template_name`` (replacement or default) filled with ``context``."""
    template = template_get(template_name)
    with template.open() as source:
        document = DocxTemplate(io.BytesIO(source.read()))
    document.render(dict(context), jinja_env=_jinja_env(), autoescape=True)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _check_renders(content: bytes) -> None:
    """Refuse a template Jinja cannot parse (an unclosed ``{% for %}``) before it replaces a working one."""
    try:
        document = DocxTemplate(io.BytesIO(content))
        document.render({}, jinja_env=_jinja_env(), autoescape=True)
    except Exception as error:  # docxtpl and Jinja raise many kinds of error on a broken template
        raise DomainError(
            "invalid_template",
            _("Mẫu không dùng được: %(error)s. Hãy kiểm tra các thẻ {{ … }} và {%% … %%} trong tệp.")
            % {"error": error},
        ) from error


@dataclass(frozen=True)
class TemplateStatus:
    template: DocumentTemplate
    is_replaced: bool
    replaced_at: Any


def templates_status() -> list[TemplateStatus]:
    """Every registered template with whether an administrator replaced it, and when."""
    rows = []
    for template in sorted(TEMPLATES.values(), key=lambda t: t.name):
        replaced = template.is_replaced
        modified = default_storage.get_modified_time(template.storage_name) if replaced else None
        rows.append(TemplateStatus(template=template, is_replaced=replaced, replaced_at=modified))
    return rows


def _audit(actor: Any, action: str, template: DocumentTemplate, changes: dict[str, Any]) -> None:
    """An audit entry for a template, which is a file rather than a row (``audit_log`` wants a model)."""
    AuditEntry.objects.create(
        actor_id=actor.pk if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type="core.documenttemplate",
        object_id=template.name,
        object_repr=str(template.title)[:300],
        changes=changes,
        ip_address=current_ip.get(),
    )


def template_replace(*, actor: Any, template: DocumentTemplate, upload: File[bytes]) -> None:
    """Store ``upload`` as the replacement of ``template``: it must be a DOCX (checked on its bytes) that renders."""
    detected = validate_upload(upload)
    if detected is not DOCX:
        raise DomainError(
            "template_not_docx", _("Mẫu văn bản phải là tệp Word (.docx)."), fields={"file": [_("Không phải DOCX.")]}
        )
    upload.seek(0)
    content = upload.read()
    _check_renders(content)
    if default_storage.exists(template.storage_name):
        default_storage.delete(template.storage_name)
    default_storage.save(template.storage_name, ContentFile(content))
    _audit(
        actor,
        "core.document_template.replaced",
        template,
        {"size": len(content), "original_name": str(upload.name or "")[:255]},
    )


def template_reset(*, actor: Any, template: DocumentTemplate) -> None:
    """Go back to the shipped default of ``template``."""
    if not default_storage.exists(template.storage_name):
        return
    default_storage.delete(template.storage_name)
    _audit(actor, "core.document_template.reset", template, {})
