"""Benchmark settings: production-like (DEBUG off) plus the bare comparison views."""

import os

os.environ.setdefault("DANVAN_DEBUG", "0")
os.environ.setdefault("DANVAN_SECRET_KEY", "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DANVAN_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DANVAN_VAULT_KEYS", "Pl5IO1AZuwZjdXP2G5oISES4dr43BiJ3Yj1przo2VC8=")  # a fixed bench key (Fernet)

from danvan.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
AXES_ENABLED = False
