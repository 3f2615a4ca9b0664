"""Pages of year-end community meetings and dialogues (Art. 32–33): officers' pages (``urlpatterns``, namespace ``democracy``) and public pages
(``public_urlpatterns``, namespace ``democracy_public``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
public_urlpatterns: list[URLPattern] = []
