"""Role checks live only in each app's ``access.py`` (ARCHITECTURE.md, issue 9 §2): elsewhere code asks an access
function a question by name (``access.can_assign``, ``access.sees_personal_data`` …) and never compares roles, ranks
or superuser flags itself. This test reads the source like an import linter and names every line that does."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Role primitives: comparing a role, asking for a scope or a rank, or the superuser flag.
PRIMITIVES = re.compile(
    r"\bhas_role_at\(|\bscope_for\(|\bROLE_RANK\b|\bis_superuser\b|\brole__in\b"
    r"|\.role\s*(?:==|!=|>=|<=|>|<|in\b|not in\b)"
    r"|(?<!min_role=)\bRole\.(?:VIEWER|OFFICER|LEADER|UNIT_ADMIN|SYSTEM_ADMIN)\b"
)
TEMPLATE_PRIMITIVES = re.compile(r"\bis_superuser\b|\.role\s*(?:==|!=)|\brole\s*==|ROLE_RANK")

# Where roles are data, not checks: the transition tables (a step's least role), the models defining them, the
# Django admin's column list, migrations and tests — and the demo package (``danvan/demo``: the memberships it seeds).
EXEMPT = (
    "access.py",
    "workflow.py",
    "models.py",
    "admin.py",
)
EXEMPT_PACKAGES = ("demo",)


def _exempt(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return (
        path.name in EXEMPT
        or "migrations" in parts
        or "tests" in parts
        or (len(parts) > 2 and parts[1] in EXEMPT_PACKAGES)
    )


def scanned_files() -> list[Path]:
    return [path for path in sorted((ROOT / "danvan").rglob("*.py")) if not _exempt(path)]


def offending_lines() -> list[str]:
    found = []
    for path in scanned_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if code.lstrip().startswith(("from ", "import ")):
                continue
            if PRIMITIVES.search(code):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if TEMPLATE_PRIMITIVES.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_role_checks_live_only_in_access_modules():
    offending = offending_lines()
    assert not offending, "role checks outside access.py (add an access function):\n" + "\n".join(offending)


def test_the_linter_sees_a_role_check():
    assert PRIMITIVES.search("if has_role_at(user, unit, Role.OFFICER):")
    assert PRIMITIVES.search("ok = m.role == Role.LEADER")
    assert PRIMITIVES.search("if request.user.is_superuser:")
    assert not PRIMITIVES.search("case = access_case(user, pk, min_role=Role.OFFICER)")
    assert not PRIMITIVES.search("if access.can_assign(user, case):")


def test_the_linter_reads_every_app_and_the_back_office():
    """Each app's code is read, the back office's (``danvan.office``: pages, API, menu) included; only each app's
    ``access.py`` and the data files above are left out."""
    scanned = {path.relative_to(ROOT).as_posix() for path in scanned_files()}
    for name in (
        "danvan/office/views.py",
        "danvan/office/api.py",
        "danvan/office/attachment_api.py",
        "danvan/office/calendar_views.py",
        "danvan/office/templatetags/navigation.py",
    ):
        assert name in scanned
    assert "danvan/office/access.py" not in scanned
    apps = {path.parent.name for path in (ROOT / "danvan").glob("*/apps.py")} - set(EXEMPT_PACKAGES)
    assert {"core", "accounts", "office", "cases", "initiatives", "portal"} <= apps
    for app in apps:
        assert any(name.startswith(f"danvan/{app}/") for name in scanned), app


def test_the_office_access_module_holds_its_role_checks():
    """The unit-level rules the back office and the domain apps ask are checks on roles, kept in office/access.py."""
    source = (ROOT / "danvan/office/access.py").read_text(encoding="utf-8")
    assert PRIMITIVES.search(source)
