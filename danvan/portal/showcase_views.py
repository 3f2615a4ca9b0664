"""The public showcase of recognized "Dân vận khéo" models and exemplars, so good practice spreads.

Only what an officer chose to publish is shown: an initiative appears when it is recognized (or maintained)
and marked public, with its name, kind, field, level, unit, year, recognition date, the summary the officer
wrote, and the photos of its registration and its progress reports. Nothing else: not the exemplar's ``honoree_name`` (personal
data of an individual), not the registration content, figures, funds or officers. For the same reason the
search matches the name, the unit and the body (the folded ``public_search_text`` column, in the database), never
the honoree's name, which only the officers' ``search_text`` holds: a search for a person's name must not reveal
which exemplar is theirs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from danvan.core.attachments import IMAGE_TYPES
from danvan.core.models import AdministrativeUnit, Attachment, UnitLevel, UnitTree
from danvan.core.pagination import ListPaginator
from danvan.core.params import positive_int
from danvan.core.selectors import unit_predecessors
from danvan.core.storage import stored_file_response
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms, vi_sorted_units
from danvan.initiatives.models import Field, Initiative, InitiativeStatus, ProgressUpdate

PAGE_SIZE = 20
SHOWN_STATUSES = (InitiativeStatus.RECOGNIZED, InitiativeStatus.MAINTAINED)
PHOTO_OBJECT_TYPE = "initiatives.progressupdate"
REGISTRATION_OBJECT_TYPE = "initiatives.initiative"
PHOTO_CONTENT_TYPES = tuple(sorted({detected.mime for detected in IMAGE_TYPES.values()}))
MAX_PHOTOS = 60


def public_initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.filter(is_public=True, status__in=SHOWN_STATUSES)


def access_public_initiative(initiative_id: int) -> Initiative:
    """A published recognized initiative, else ``Http404`` (hidden, not recognized or missing alike)."""
    initiative = public_initiatives().select_related("unit", "field").filter(pk=initiative_id).first()
    if initiative is None:
        raise Http404
    return initiative


def place_q(unit: AdministrativeUnit) -> Q:
    """Initiatives of ``unit``'s subtree, and of the legacy units it took over (made before 1/7/2025)."""
    return subtree_q([unit, *(link.predecessor for link in unit_predecessors(unit))])


def _int_param(request: HttpRequest, name: str) -> int | None:
    return positive_int(request.GET.get(name))


def _photo_q(initiative_ids: Iterable[int], update_ids: Iterable[int]) -> Q:
    """Image attachments of the registrations ``initiative_ids`` and of the progress reports ``update_ids``."""
    return Q(content_type__in=PHOTO_CONTENT_TYPES) & (
        Q(object_type=REGISTRATION_OBJECT_TYPE, object_id__in=[str(pk) for pk in initiative_ids])
        | Q(object_type=PHOTO_OBJECT_TYPE, object_id__in=[str(pk) for pk in update_ids])
    )


def photos_of(initiatives: Iterable[Initiative]) -> dict[int, list[Attachment]]:
    """The photos of each initiative, oldest first: the registration's photo, then its progress reports' (two
    queries for any number)."""
    ids = [initiative.pk for initiative in initiatives]
    photos: dict[int, list[Attachment]] = {}
    if not ids:
        return photos
    by_update = dict(ProgressUpdate.objects.filter(initiative__in=ids).values_list("pk", "initiative_id"))
    for attachment in Attachment.objects.filter(_photo_q(ids, by_update)).order_by("uploaded_at", "pk"):
        if attachment.object_type == REGISTRATION_OBJECT_TYPE:
            owner = int(attachment.object_id)
        else:
            owner = by_update[int(attachment.object_id)]
        photos.setdefault(owner, []).append(attachment)
    return photos


def showcase_list(request: HttpRequest) -> HttpResponse:
    """Published models and exemplars; search by name (any accents), filter by place, province and field."""
    q = (request.GET.get("q") or "")[:100]
    initiatives = public_initiatives().select_related("unit", "field", "organization")
    province = unit = None
    province_id, unit_id = _int_param(request, "province"), _int_param(request, "unit")
    if province_id is not None:
        province = AdministrativeUnit.objects.filter(pk=province_id, level=UnitLevel.PROVINCE).first()
        initiatives = initiatives.filter(place_q(province)) if province else initiatives.none()
    if unit_id is not None:
        unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
        initiatives = initiatives.filter(place_q(unit)) if unit else initiatives.none()
    field_code = (request.GET.get("field") or "")[:40]
    if field_code:
        initiatives = initiatives.filter(field__code=field_code)
    initiatives = initiatives.order_by("-recognized_on", "name", "pk")
    # In the database, on the folded public column (never ``search_text``, which holds the honoree's name).
    initiatives = initiatives.filter(matches_all_terms(q, "public_search_text"))
    page = ListPaginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    photos = photos_of(items)
    query = {"q": q, "province": province.pk if province else "", "unit": unit.pk if unit else "", "field": field_code}
    context: dict[str, Any] = {
        "q": q,
        "page": page,
        "cards": [(initiative, next(iter(photos.get(initiative.pk, [])), None)) for initiative in items],
        "provinces": vi_sorted_units(
            AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE)
        ),
        "fields": Field.objects.all(),
        "province": province,
        "unit": unit,
        "field_code": field_code,
        "query": urlencode({key: value for key, value in query.items() if value != ""}),
    }
    return render(request, "portal/showcase_list.html", context)


def showcase_detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access_public_initiative(initiative_id)
    photos = photos_of([initiative]).get(initiative.pk, [])[:MAX_PHOTOS]
    return render(request, "portal/showcase_detail.html", {"initiative": initiative, "photos": photos})


def showcase_photo(request: HttpRequest, initiative_id: int, attachment_id: int) -> FileResponse:
    """A photo of the registration or a progress report of a published initiative; anything else is ``Http404``."""
    initiative = access_public_initiative(initiative_id)
    update_ids = list(ProgressUpdate.objects.filter(initiative=initiative).values_list("pk", flat=True))
    attachment = Attachment.objects.filter(_photo_q([initiative.pk], update_ids), pk=attachment_id).first()
    if attachment is None:
        raise Http404
    try:
        response = stored_file_response(attachment.file, content_type=attachment.content_type)
    except FileNotFoundError as error:
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Short: an officer who hides the initiative should not see its photos served from caches for long.
    response["Cache-Control"] = "public, max-age=300"
    return response
