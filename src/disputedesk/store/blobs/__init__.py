"""Content-addressed blob store: every original file is kept once, under its SHA-256.

``base.py`` the interface and shared code, ``local.py`` a local folder, ``s3.py`` an S3 bucket
(boto3 is imported only when an S3 store is opened). The guarantees of each are in its module.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from .base import CHUNK, BlobStore, BlobStoreError, StoredBlob, local_path
from .local import LocalBlobStore
from .s3 import S3BlobStore

__all__ = [
    "CHUNK",
    "BlobStore",
    "BlobStoreError",
    "LocalBlobStore",
    "S3BlobStore",
    "StoredBlob",
    "local_path",
    "open_blob_store",
]


def open_blob_store(url: str) -> BlobStore:
    parsed = urlparse(url)
    if parsed.scheme in ("", "file"):
        return LocalBlobStore(Path(parsed.path if parsed.scheme else url))
    if parsed.scheme == "s3":
        return S3BlobStore(url)
    raise BlobStoreError(
        f"DISPUTEDESK_BLOB_STORE: unsupported blob store {url!r} (use file:///path or s3://bucket[/prefix])"
    )
