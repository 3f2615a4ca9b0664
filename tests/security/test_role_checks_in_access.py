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
# demo data and its command (the memberships it seeds), the Django admin's column list, migrations and tests.
EXEMPT = (
    "access.py",
    "workflow.py",
    "models.py",
    "demo.py",
    "admin.py",
)


def _exempt(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return path.name in EXEMPT or "migrations" in parts or "tests" in parts


def offending_lines() -> list[str]:
    found = []
    for path in sorted((ROOT / "danvan").rglob("*.py")):
        if _exempt(path):
            continue
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
