"""Pages of community decisions (dân bàn và quyết định, Art. 15–22): officers' pages (``urlpatterns``, namespace ``democracy``) and public pages
(``public_urlpatterns``, namespace ``democracy_public``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
public_urlpatterns: list[URLPattern] = []
