"""Forms for signing in and for the officer's own security settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Officer
from danvan.core.text import PASSWORD_MAX

# The same message for an unknown user, a wrong password and a disabled account,
# so that the login form does not tell which usernames exist.
INVALID_LOGIN = _("Tên đăng nhập hoặc mật khẩu không đúng.")


class LoginForm(AuthenticationForm):
    error_messages = {"invalid_login": INVALID_LOGIN, "inactive": INVALID_LOGIN}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        # A password is hashed with Argon2 as sent: a bounded length keeps a huge one from costing the server.
        password = self.fields["password"]
        assert isinstance(password, forms.CharField)
        password.max_length = PASSWORD_MAX
        password.validators.append(MaxLengthValidator(PASSWORD_MAX))

    def clean_username(self) -> str:
        # Usernames are stored in lower case; folding here also makes the lockout
        # count "Alice" and "alice" as the same account.
        return str(self.cleaned_data["username"]).strip().lower()


class OtpCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Mã xác thực (6 chữ số)"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": _("Nhập đúng 6 chữ số từ ứng dụng xác thực.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": r"\d{6}"}),
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, officer: Officer, *args: Any, **kwargs: Any) -> None:
        self.officer = officer
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        old_password = str(self.cleaned_data["old_password"])
        if not self.officer.check_password(old_password):
            raise ValidationError(_("Mật khẩu hiện tại không đúng."), code="password_incorrect")
        return old_password

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean() or {}
        password1, password2 = cleaned_data.get("new_password1"), cleaned_data.get("new_password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("new_password2", _("Hai mật khẩu mới không khớp nhau."))
            else:
                try:
                    validate_password(password1, self.officer)
                except ValidationError as error:
                    self.add_error("new_password1", error)
        return cleaned_data


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên mã truy cập"),
        max_length=100,
        help_text=_("Để nhớ mã dùng cho việc gì, ví dụ “Đồng bộ báo cáo xã”."),
    )
