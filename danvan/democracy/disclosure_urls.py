"""Pages of disclosures (dân biết, Art. 11–14): officers' pages (``urlpatterns``, namespace ``democracy``) and public pages
(``public_urlpatterns``, namespace ``democracy_public``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
public_urlpatterns: list[URLPattern] = []
