"""Shared test fixtures: the real unit tree (loaded once per database) and a cast of officers.

The cast, in Tỉnh Đắk Lắk (66) and Thành phố Hà Nội (01):
  alice   officer       UBND Xã Đồng Xuân (22081, formed by merging La Hai and others)
  bob     officer       UBND Phường Buôn Ma Thuột (24133), a sibling commune in the same province
  carol   leader        UBND Tỉnh Đắk Lắk (the parent of both communes)
  dave    unit_admin    UBND Xã Đồng Xuân
  erin    viewer        UBND Xã Đồng Xuân
  frank   officer       UBND Phường Ba Đình, Hà Nội (another province)
  root    system_admin  (superuser)
Every password is PASSWORD.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.accounts.models import Officer, Role
from danvan.accounts.services import membership_grant, officer_create
from danvan.core.models import AdministrativeUnit, Organization, UnitTree
from tests import dbtemplates

PASSWORD = "Dv-test-passw0rd!"


# Argon2 with Django's default cost takes ~0.1 s and 100 MB per hash; the cast alone hashes seven passwords per
# test. Tests store passwords with MD5 unless marked ``argon2`` (the tests that check what production stores).
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hasher(request, settings):
    if request.node.get_closest_marker("argon2") is None:
        settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS + list(settings.PASSWORD_HASHERS)


@pytest.fixture(autouse=True)
def no_random_counter_purge(monkeypatch):
    """A count purges the expired counters about once in a thousand (``core.counters``): never in tests, so that a
    test counting a request's statements does not fail one run in a few hundred. ``purge_expired`` has its own."""
    from danvan.core import counters

    monkeypatch.setattr(counters, "PURGE_ONE_IN", 10**12)


@pytest.fixture(autouse=True)
def check_compiled_queries(settings):
    """Every reuse of a statistics query compiled once (``core.compiled``) is checked against a fresh build."""
    settings.DANVAN_CHECK_COMPILED = True


@pytest.fixture(autouse=True)
def fresh_shared_caches(settings):
    """Each test starts as a fresh process would: nothing built in memory, an empty cache when it is in memory
    (a test's rows are rolled back, and what was built from them must not reach the next test)."""
    from django.core.cache import caches

    from danvan.core.shared_cache import forget_all_local

    forget_all_local()
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        caches["default"].clear()


# --- The test database: migrated once per engine in one `make test` (tests/dbtemplates.py, decision 0028) ---------


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Before pytest-django creates the test database: have it start from the engine's template, if saved."""
    import os

    from django.db import connections

    creation: Any = connections["default"].creation  # its _create_test_db is wrapped
    template = dbtemplates.engine_template(creation.connection.vendor)
    if not template or not os.path.exists(template):
        yield
        return
    create = creation._create_test_db

    def create_from_template(verbosity, autoclobber, keepdb=False):
        name = create(verbosity, autoclobber, keepdb)
        if not keepdb:  # a kept database (--reuse-db) is migrated already
            dbtemplates.restore_template(creation.connection, name, template)
        return name

    creation._create_test_db = create_from_template
    try:
        yield
    finally:
        creation._create_test_db = create
        dbtemplates.release()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    import os

    from django.db import connection

    from danvan.core.unit_loader import load_units

    dbtemplates.release()  # Django's own connection holds the in-memory database from here on
    template = dbtemplates.engine_template(connection.vendor)
    with django_db_blocker.unblock():
        if template and not os.path.exists(template):  # not prepared by scripts/test.sh: the first run saves it
            dbtemplates.save_template(connection, template)
        load_units()
        with_units = dbtemplates.template_path(dbtemplates.SQLITE_WITH_UNITS)
        if with_units and connection.vendor == "sqlite" and not os.path.exists(with_units):
            dbtemplates.save_template(connection, with_units)


def unit(code: str, tree: str = UnitTree.CURRENT) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(tree=tree, code=code)


def organization(unit_code: str, kind: str = "peoples_committee") -> Organization:
    return Organization.objects.get(unit__tree=UnitTree.CURRENT, unit__code=unit_code, kind__code=kind)


@dataclass
class Cast:
    alice: Officer
    bob: Officer
    carol: Officer
    dave: Officer
    erin: Officer
    frank: Officer
    root: Officer
    dong_xuan: AdministrativeUnit
    buon_ma_thuot: AdministrativeUnit
    dak_lak: AdministrativeUnit
    ba_dinh: AdministrativeUnit


def make_officer(username: str, full_name: str, unit_code: str | None = None, role: str = Role.OFFICER) -> Officer:
    officer = officer_create(
        actor=None,
        username=username,
        full_name=full_name,
        password=PASSWORD,
        email=f"{username}@example.vn",
        check_password=False,
    )
    if unit_code:
        membership_grant(actor=None, officer=officer, organization=organization(unit_code), role=role)
    return officer


def ensure_units() -> None:
    """Reload the tree if a transactional test flushed it (``transaction=True`` empties every table)."""
    if not AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code="22081").exists():
        from danvan.core.unit_loader import load_units

        load_units()


@pytest.fixture
def cast(db) -> Cast:
    ensure_units()
    root = make_officer("root", "Quản trị Hệ thống")
    root.is_superuser = root.is_staff = True
    root.save(update_fields=["is_superuser", "is_staff"])
    return Cast(
        alice=make_officer("alice", "Nguyễn Thị An", "22081", Role.OFFICER),
        bob=make_officer("bob", "Trần Văn Bình", "24133", Role.OFFICER),
        carol=make_officer("carol", "Lê Thị Cúc", "66", Role.LEADER),
        dave=make_officer("dave", "Phạm Văn Dũng", "22081", Role.UNIT_ADMIN),
        erin=make_officer("erin", "Hoàng Thị Én", "22081", Role.VIEWER),
        frank=make_officer("frank", "Đỗ Văn Phúc", "00004", Role.OFFICER),
        root=root,
        dong_xuan=unit("22081"),
        buon_ma_thuot=unit("24133"),
        dak_lak=unit("66"),
        ba_dinh=unit("00004"),
    )


@pytest.fixture
def client(client):
    """``force_login`` gives administrators a session verified with a TOTP device, as a real sign-in would."""
    from tests.signin import verify_second_factor

    force_login = client.force_login

    def force_login_verified(user, backend=None):
        force_login(user, backend)
        verify_second_factor(client, user)

    client.force_login = force_login_verified
    return client


# --- Storage: the local disk, and a real S3 server -----------------------------------------------------------


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.s3)])
def storage_kind(request, settings, tmp_path) -> Iterator[str]:
    """Run the test once with files on the local disk and once on the S3 server of ``scripts/with-seaweedfs.sh``.

    Each S3 run gets its own key prefix in the bucket, emptied afterwards. Without a server (``DANVAN_S3_*``
    unset) the S3 run is skipped; ``make test`` starts one for the PostgreSQL run.
    """
    if request.param == "local":
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
        yield "local"
        return
    s3 = settings.S3_STORAGE
    if s3 is None or not s3["OPTIONS"].get("endpoint_url"):
        pytest.skip("no S3 server: run under scripts/with-seaweedfs.sh")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.STORAGES = {**settings.STORAGES, "default": {**s3, "OPTIONS": {**s3["OPTIONS"], "location": prefix}}}
    from django.core.files.storage import default_storage

    yield "s3"
    default_storage.bucket.objects.filter(Prefix=f"{prefix}/").delete()  # type: ignore[attr-defined]
