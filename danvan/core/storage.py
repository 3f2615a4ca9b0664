"""Reading stored files for a response: streamed from the local disk or an S3-compatible store alike.

Which store holds the files is a setting (``DANVAN_STORAGE``; docs/decisions/0016-object-storage-and-caches.md). Code never opens a stored file
by path: it goes through the storage. For downloads, :func:`open_stream` gives a file-like object read block by
block: django-storages' own ``S3File`` would first copy the whole object to a temporary file (or memory) before the
first byte is sent, so on S3 the object's body is read straight from the GET response instead. The caller checks
access first and sets its own headers; :func:`stored_file_response` builds the ``FileResponse``.
"""

from __future__ import annotations

import posixpath
from typing import IO, Any

from django.core.files.storage import Storage, default_storage, storages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse

# Bytes read from the store per chunk sent (Django's default, 4 KiB, makes many small reads of a network stream).
BLOCK_SIZE = 64 * 1024


def _backend(storage: Storage) -> Storage:
    """The storage itself, not ``default_storage``'s lazy wrapper (whose type says nothing about the backend)."""
    return storages["default"] if storage is default_storage else storage


def _is_s3(storage: Storage) -> bool:
    return type(storage).__module__.startswith("storages.backends.s3")


def open_stream(file: FieldFile | str, storage: Storage | None = None) -> tuple[IO[bytes], int | None]:
    """The stored file ``file`` (a ``FieldFile``, or a name in ``storage``) opened for reading, and its size.

    Raises ``FileNotFoundError`` when the store has no such file.
    """
    if isinstance(file, FieldFile):
        storage, name = file.storage, str(file.name)
    else:
        storage, name = storage or default_storage, file
    storage = _backend(storage)
    if _is_s3(storage):
        return _s3_stream(storage, name)
    stream = storage.open(name, "rb")
    return stream, None


def _s3_stream(storage: Any, name: str) -> tuple[IO[bytes], int | None]:
    from botocore.exceptions import ClientError
    from storages.utils import clean_name

    key = storage._normalize_name(clean_name(name))
    try:
        response = storage.bucket.Object(key).get()
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in {"NoSuchKey", "404", "NotFound"}:
            raise FileNotFoundError(name) from error
        raise
    return response["Body"], int(response["ContentLength"])


def stored_file_response(
    file: FieldFile | str,
    *,
    content_type: str,
    filename: str = "",
    as_attachment: bool = False,
    storage: Storage | None = None,
) -> FileResponse:
    """A ``FileResponse`` streaming ``file`` with its length; ``FileNotFoundError`` when it is not stored.

    Without ``filename`` the stored name's last part is given (as the local disk's file object would), so the
    headers are the same whichever store holds the file.
    """
    stream, size = open_stream(file, storage)
    name = filename or posixpath.basename(str(file.name if isinstance(file, FieldFile) else file))
    response = FileResponse(stream, as_attachment=as_attachment, filename=name, content_type=content_type)
    response.block_size = BLOCK_SIZE
    if size is not None:
        response["Content-Length"] = str(size)
    return response
