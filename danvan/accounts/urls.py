from django.contrib.auth import views as auth_views
from django.urls import path

from danvan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("security/", views.security, name="security"),
    path("two-factor/setup/", views.twofactor_setup, name="twofactor_setup"),
    path("two-factor/verify/", views.twofactor_verify, name="twofactor_verify"),
    path("two-factor/disable/", views.twofactor_disable_view, name="twofactor_disable"),
    path("password/", views.password_change, name="password"),
    path("tokens/create/", views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
