"""Citizens' pages of grassroots democracy under /dan-chu/ (namespace ``democracy_public``): only what an officer
published; no sign-in."""

from danvan.democracy import (
    board_urls,
    consultation_urls,
    contact_urls,
    decision_urls,
    disclosure_urls,
    household_urls,
    meeting_urls,
    recommendation_urls,
    supervision_urls,
)

app_name = "democracy_public"
urlpatterns = [
    *household_urls.public_urlpatterns,
    *disclosure_urls.public_urlpatterns,
    *decision_urls.public_urlpatterns,
    *consultation_urls.public_urlpatterns,
    *meeting_urls.public_urlpatterns,
    *recommendation_urls.public_urlpatterns,
    *board_urls.public_urlpatterns,
    *supervision_urls.public_urlpatterns,
    *contact_urls.public_urlpatterns,
]
