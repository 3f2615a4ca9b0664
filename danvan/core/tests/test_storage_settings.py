"""Storage and cache settings from the environment: chosen without opening a connection, refused when incomplete."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

import pytest

from danvan.settings import cache_from_url

PRINT_SETTINGS = (
    "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'danvan.settings'; "
    "from django.conf import settings; "
    "print(json.dumps({'storage': settings.STORAGES['default'], 'caches': settings.CACHES}))"
)


def settings_with(**variables: str) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("DANVAN_")}
    env.update(DANVAN_DEBUG="1", DANVAN_TESTING="0", DANVAN_VAR_DIR=tempfile.mkdtemp(prefix="danvan-settings-"))
    env.update(variables)
    return subprocess.run([sys.executable, "-c", PRINT_SETTINGS], env=env, capture_output=True, text=True, check=False)


def test_s3_storage_is_built_from_the_environment_and_keys_may_come_from_files(tmp_path):
    secret = tmp_path / "s3-secret"
    secret.write_text("s3cr3t-from-a-file\n", encoding="utf-8")
    # An endpoint nobody listens on: building the settings opens no connection.
    result = settings_with(
        DANVAN_STORAGE="s3",
        DANVAN_S3_BUCKET="danvan-files",
        DANVAN_S3_ENDPOINT_URL="http://127.0.0.1:9",
        DANVAN_S3_ACCESS_KEY_ID="key-id",
        DANVAN_S3_SECRET_ACCESS_KEY_FILE=str(secret),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    storage = values["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["access_key"], options["secret_key"]) == (
        "danvan-files",
        "http://127.0.0.1:9",
        "key-id",
        "s3cr3t-from-a-file",
    )
    assert (options["file_overwrite"], options["default_acl"], options["addressing_style"]) == (False, None, "path")
    # Outside a test run the cache is the database's, shared by every node.
    assert values["caches"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"DANVAN_STORAGE": "s3"}, "DANVAN_S3_BUCKET"),
        ({"DANVAN_STORAGE": "ftp"}, "DANVAN_STORAGE"),
        ({"DANVAN_CACHE_URL": "memcached://127.0.0.1"}, "DANVAN_CACHE_URL"),
    ],
)
def test_incomplete_or_unknown_settings_are_refused(variables, message):
    result = settings_with(**variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_cache_urls():
    assert cache_from_url("db://")["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert cache_from_url("db://")["LOCATION"] == "danvan_cache"
    assert cache_from_url("locmem://")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert cache_from_url("file:///var/cache/danvan") == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/var/cache/danvan",
    }
    assert cache_from_url("redis://10.0.0.5:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://10.0.0.5:6379/1",
    }
