from danvan.cases.tests.conftest import committed_audit_cleanup, grace, ivan, land  # noqa: F401
