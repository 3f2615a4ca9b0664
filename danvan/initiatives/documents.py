"""The registry's official documents: the recognition decision and the list of commendations, as DOCX.

The layout lives in editable templates (``document_templates/*.docx``, built by ``build.py`` to NĐ 30/2020's
Phụ lục I; an administrator may upload replacements, see :mod:`danvan.core.documents.templates`). This module only
builds the context, in Vietnamese formats whatever the page's language: dates dd/mm/yyyy, "ngày 05 tháng 02
năm 2026" on the place-date line (NĐ 30: day below 10 and months 1–2 with a leading zero), numbers below 10
with a leading zero ("Số: 05/QĐ-UBND"), money "7.000.000 đồng".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.documents.formats import dated_parts, document_number
from danvan.core.documents.templates import DocumentTemplate, render_docx, template_register
from danvan.core.formatting import format_date, format_number
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.text import fold
from danvan.initiatives.models import (
    Commendation,
    HonoreeType,
    Initiative,
    InitiativeKind,
    RecognitionDecision,
    Rubric,
)

FOLDER = Path(__file__).resolve().parent / "document_templates"

RECOGNITION_DECISION = template_register(
    DocumentTemplate(
        name="recognition_decision",
        title=_("Quyết định công nhận mô hình, điển hình “Dân vận khéo”"),
        default_path=FOLDER / "recognition_decision.docx",
    )
)
COMMENDATION_LIST = template_register(
    DocumentTemplate(
        name="commendation_list",
        title=_("Danh sách tập thể, cá nhân được khen thưởng"),
        default_path=FOLDER / "commendation_list.docx",
    )
)

# Bodies whose documents carry their governing body's name above their own (NĐ 30: "tên cơ quan chủ quản").
PARENT_KIND = {"mobilization_board": "party_committee", "steering_committee": "party_committee"}
# Bodies whose head signs "for" the body: the decision speaks as "CHỦ TỊCH ỦY BAN NHÂN DÂN …".
HEAD_TITLE = {"peoples_committee": "Chủ tịch"}


def money(amount: int) -> str:
    return f"{format_number(amount)} đồng" if amount else ""


def _issuer(organization: Organization) -> dict[str, str]:
    parent_kind = PARENT_KIND.get(organization.kind.code)
    parent = (
        Organization.objects.filter(unit_id=organization.unit_id, kind__code=parent_kind, is_active=True).first()
        if parent_kind
        else None
    )
    head = HEAD_TITLE.get(organization.kind.code)
    return {
        "issuer": organization.name,
        "issuer_parent": parent.name if parent else "",
        "authority": f"{head} {organization.name}" if head else organization.name,
    }


def _place(unit: AdministrativeUnit) -> str:
    return unit.short_name or unit.name


def _initiative_label(initiative: Initiative) -> str:
    if initiative.kind == InitiativeKind.EXEMPLAR and initiative.honoree_name not in initiative.name:
        return f"{initiative.name} ({initiative.honoree_name})"
    return initiative.name


def decision_context(decision: RecognitionDecision) -> dict[str, Any]:
    """What the decision template shows; the initiatives in the order of their units, then names."""
    initiatives = sorted(
        decision.initiatives.select_related("unit", "field"),
        key=lambda i: (i.unit_path, i.name, i.pk),
    )
    years = Counter(i.year for i in initiatives)
    year = years.most_common(1)[0][0] if years else decision.signed_on.year
    bases = (
        Rubric.objects.filter(province__code__in={i.province_code for i in initiatives}, year=year)
        .exclude(legal_basis="")
        .values_list("legal_basis", flat=True)
        .distinct()
    )
    return {
        **_issuer(decision.organization),
        # The place-date line is the signing date's; the registry year ("năm 2026") is the initiatives'.
        **dated_parts(decision.signed_on),
        "registry_year": str(year),
        "number": document_number(decision.number),
        "symbol": decision.symbol,
        "place": _place(decision.unit),
        "signed_on": format_date(decision.signed_on),
        "signer_name": decision.signer_name,
        "signer_title": decision.signer_title,
        "legal_bases": sorted(bases),
        "count": f"{len(initiatives):02d}",
        "items": [
            {
                "position": str(position),
                "name": _initiative_label(initiative),
                "unit": initiative.unit.name,
                "field": initiative.field.name,
                "level": initiative.get_level_display(),
                "kind": initiative.get_kind_display(),
            }
            for position, initiative in enumerate(initiatives, start=1)
        ],
    }


def decision_docx(decision: RecognitionDecision) -> bytes:
    """The recognition decision with its list of initiatives, as a DOCX from the (editable) template."""
    return render_docx(RECOGNITION_DECISION.name, decision_context(decision))


def decision_filename(decision: RecognitionDecision, extension: str = "docx") -> str:
    """An ASCII file name ("quyet-dinh-05-qd-bcd-20260205.docx") that every browser and mail client keeps."""
    symbol = re.sub(r"[^a-z0-9]+", "-", fold(decision.symbol)).strip("-")
    return f"quyet-dinh-{document_number(decision.number)}-{symbol}-{decision.signed_on:%Y%m%d}.{extension}"


def commendation_list_context(
    commendations: Iterable[Commendation],
    *,
    title: str,
    subtitle: str = "",
    organization: Organization | None = None,
    on: dt.date | None = None,
) -> dict[str, Any]:
    rows = list(commendations)
    on = on or timezone.localdate()
    issuer = _issuer(organization) if organization else {"issuer": "", "issuer_parent": "", "authority": ""}
    return {
        **issuer,
        **dated_parts(on),
        "place": _place(organization.unit) if organization else "",
        "title": title,
        "subtitle": subtitle,
        "collectives": f"{sum(1 for c in rows if c.recipient_type == HonoreeType.COLLECTIVE):02d}",
        "individuals": f"{sum(1 for c in rows if c.recipient_type == HonoreeType.INDIVIDUAL):02d}",
        "total_amount": money(sum(c.amount for c in rows)) or "0 đồng",
        "items": [
            {
                "position": str(position),
                "recipient_name": commendation.recipient_name,
                "recipient_type": commendation.get_recipient_type_display(),
                "initiative": commendation.initiative.name,
                "kind": commendation.get_kind_display(),
                "awarded_by": commendation.awarded_by.name,
                "decision_number": commendation.decision_number,
                "awarded_on": format_date(commendation.awarded_on),
                "amount": money(commendation.amount),
            }
            for position, commendation in enumerate(rows, start=1)
        ],
    }


def commendation_list_docx(
    commendations: Iterable[Commendation],
    *,
    title: str,
    subtitle: str = "",
    organization: Organization | None = None,
    on: dt.date | None = None,
) -> bytes:
    """The list of Giấy khen / Bằng khen with recipients, bodies, dates and amounts, as a DOCX.

    ``commendations`` should come with ``initiative`` and ``awarded_by`` selected (one query).
    """
    context = commendation_list_context(commendations, title=title, subtitle=subtitle, organization=organization, on=on)
    return render_docx(COMMENDATION_LIST.name, context)
