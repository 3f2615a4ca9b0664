"""Benchmark: attachment upload and download throughput, local disk vs an S3 server (SeaweedFS), in one run.

Run under ``scripts/with-seaweedfs.sh`` (``make bench`` does), which starts the S3 server and exports DANVAN_S3_*.
In one process, on one migrated database, the same files go through the real code paths with each store:
upload = ``attachment_store`` (content check, photo re-encoding, SHA-256, storage save, row, audit);
download = ``stored_file_response`` (what the download views return) read to the end.
Prints MB/s for each, the ratio S3/local, and the peak Python memory while a large file is downloaded (streaming:
far below the file's size). BENCH_STORAGE_MB scales the data (default 96 MB of documents per store).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import prepare_database, record, scaled  # noqa: E402

MB = 1024 * 1024
TOTAL_MB = scaled("BENCH_STORAGE_MB", 96)


def pdf(size: int, seed: int) -> bytes:
    head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
    body = (seed.to_bytes(4, "big") * (size // 4 + 1))[: size - len(head) - len(tail)]
    return head + body + tail


def photo(seed: int) -> bytes:
    from PIL import Image

    image = Image.effect_noise((1600, 1200), 40 + seed).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def files() -> list[tuple[str, bytes]]:
    large = [(f"ho-so-lon-{i}.pdf", pdf(8 * MB, i)) for i in range(max(1, TOTAL_MB // 16))]
    small = [(f"ho-so-{i}.pdf", pdf(MB, 1000 + i)) for i in range(max(1, TOTAL_MB // 2))]
    photos = [(f"anh-{i}.jpg", photo(i)) for i in range(10)]
    return large + small + photos


def measure(kind: str, storage: dict[str, Any], data: list[tuple[str, bytes]]) -> dict[str, float]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from danvan.core.attachments import attachment_store
    from danvan.core.storage import stored_file_response

    with override_settings(
        STORAGES={"default": storage, "staticfiles": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    ):
        started = time.perf_counter()
        stored = [
            attachment_store(actor=None, upload=SimpleUploadedFile(name, content), unit=None) for name, content in data
        ]
        upload_seconds = time.perf_counter() - started
        uploaded = sum(len(content) for _, content in data) / MB

        started = time.perf_counter()
        downloaded = 0
        for attachment in stored:
            response = stored_file_response(attachment.file, content_type=attachment.content_type)
            downloaded += sum(len(chunk) for chunk in response.streaming_content)  # type: ignore[arg-type]
            response.close()
        download_seconds = time.perf_counter() - started

        largest = max(stored, key=lambda a: a.size)
        tracemalloc.start()
        response = stored_file_response(largest.file, content_type=largest.content_type)
        streamed = sum(len(chunk) for chunk in response.streaming_content)  # type: ignore[union-attr,misc]
        assert streamed == largest.size, "the download lost bytes"
        response.close()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {
        "upload_mb_s": uploaded / upload_seconds,
        "download_mb_s": downloaded / MB / download_seconds,
        "files": len(stored),
        "mb": uploaded,
        "peak_mb": peak / MB,
        "largest_mb": largest.size / MB,
    }


def main() -> None:
    if not os.environ.get("DANVAN_S3_ENDPOINT_URL"):
        sys.exit("storage_bench: run under scripts/with-seaweedfs.sh (no DANVAN_S3_ENDPOINT_URL)")
    var = tempfile.mkdtemp(prefix="danvan-storage-bench-")
    os.environ["DANVAN_VAR_DIR"] = var
    os.environ["DANVAN_STORAGE"] = "local"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    prepare_database({**os.environ}, units=False)
    import django

    django.setup()
    from django.conf import settings

    local = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": f"{var}/media"}}
    s3 = settings.S3_STORAGE
    assert s3 is not None
    s3 = {**s3, "OPTIONS": {**s3["OPTIONS"], "location": f"bench-{os.getpid()}"}}
    data = files()
    print(
        f"storage bench: {len(data)} files, {sum(len(c) for _, c in data) / MB:.0f} MB per store "
        f"(8 MB and 1 MB PDFs, 10 photos re-encoded), database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )
    results = {"local": measure("local", local, data), "s3": measure("s3", s3, data)}
    for kind, result in results.items():
        print(
            f"  {kind:5}  upload {result['upload_mb_s']:7.1f} MB/s   download {result['download_mb_s']:7.1f} MB/s   "
            f"peak memory streaming a {result['largest_mb']:.0f} MB file: {result['peak_mb']:.2f} MB"
        )
    print(
        f"  ratio S3/local: upload {results['s3']['upload_mb_s'] / results['local']['upload_mb_s']:.2f}, "
        f"download {results['s3']['download_mb_s'] / results['local']['download_mb_s']:.2f}"
    )
    from django.db import connection

    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    for way in ("upload", "download"):
        record(
            f"attachment {way} S3/local",
            engine=engine,
            ours=results["s3"][f"{way}_mb_s"],
            reference=results["local"][f"{way}_mb_s"],
            unit="MB/s",
        )


if __name__ == "__main__":
    main()
