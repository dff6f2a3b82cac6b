"""The S3 blob store: reading blobs, the small metadata objects (the ledger anchor), housekeeping
(removing interrupted uploads), on top of the connection and the uploads."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, BinaryIO

from ..base import BlobStoreError
from .connection import READ_CHUNK, _is_sha256, _md5_b64
from .upload import S3Upload


class S3BlobStore(S3Upload):
    """Blobs in an S3 bucket: ``s3://BUCKET[/prefix]``; see the package docstring for guarantees."""

    # -- reading --------------------------------------------------------------------------
    def exists(self, sha256: str) -> bool:
        key = self.key(sha256)
        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) in ("NoSuchKey", "404"):
                return False
            raise self._error(exc, f"blob {sha256}") from exc
        return True

    def open(self, sha256: str) -> BinaryIO:
        key = self.key(sha256)
        try:
            r = self.client.get_object(Bucket=self.bucket, Key=key)
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) in ("NoSuchKey", "404"):
                raise BlobStoreError(f"blob {sha256} is missing from {self.url}") from exc
            raise self._error(exc, f"blob {sha256}") from exc
        raw = _BodyReader(r["Body"], self, sha256)
        return io.BufferedReader(raw, READ_CHUNK)  # type: ignore[return-value]

    def size(self, sha256: str) -> int:
        key = self.key(sha256)
        try:
            return int(self.client.head_object(Bucket=self.bucket, Key=key)["ContentLength"])
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) in ("NoSuchKey", "404"):
                raise BlobStoreError(f"blob {sha256} is missing from {self.url}") from exc
            raise self._error(exc, f"blob {sha256}") from exc

    def iter_hashes(self) -> Iterator[str]:
        base = f"{self.prefix}sha256/"
        paginator = self.client.get_paginator("list_objects_v2")
        try:
            pages = paginator.paginate(
                Bucket=self.bucket, Prefix=base, PaginationConfig={"PageSize": self.list_page_size}
            )
            for page in pages:
                for obj in page.get("Contents", []):
                    name = obj["Key"].rsplit("/", 1)[-1]
                    if _is_sha256(name):
                        yield name
        except BlobStoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) == "NoSuchBucket":
                return
            raise self._error(exc, "listing the blobs") from exc

    def list_meta(self) -> list[str]:
        base = f"{self.prefix}meta/"
        names: list[str] = []
        try:
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=base):
                names.extend(obj["Key"][len(base) :] for obj in page.get("Contents", []))
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) == "NoSuchBucket":
                return []
            raise self._error(exc, "listing the metadata objects") from exc
        return sorted(names)

    # -- small metadata objects (the ledger anchor) ------------------------------------------
    def write_meta(self, name: str, data: bytes) -> None:
        """Replace a small named object; a PutObject is atomic, so readers see old or new, never half."""
        self._ensure()
        key = self._meta_key(name)
        try:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentMD5=_md5_b64(data))
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, f"metadata {name}") from exc

    def read_meta(self, name: str) -> bytes | None:
        key = self._meta_key(name)
        try:
            r = self.client.get_object(Bucket=self.bucket, Key=key)
            return bytes(r["Body"].read())
        except Exception as exc:  # noqa: BLE001 - mapped
            if self._code(exc) in ("NoSuchKey", "404", "NoSuchBucket"):
                return None
            raise self._error(exc, f"metadata {name}") from exc

    # -- housekeeping ---------------------------------------------------------------------
    def sweep_temporary(self, older_than: timedelta = timedelta(days=1), *, now: datetime | None = None) -> int:
        """Remove what killed uploads left under ``tmp/`` (never anything under a hash name).

        Returns how many incomplete multipart uploads and temporary objects were removed. Only
        those started before ``now - older_than`` are touched, so running uploads are spared.
        """
        if now is None:
            now = datetime.now(UTC)
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        cutoff = now - older_than
        base = f"{self.prefix}tmp/"
        removed = 0
        try:
            for page in self.client.get_paginator("list_multipart_uploads").paginate(Bucket=self.bucket, Prefix=base):
                for up in page.get("Uploads", []):
                    if up["Initiated"] < cutoff:
                        self.client.abort_multipart_upload(Bucket=self.bucket, Key=up["Key"], UploadId=up["UploadId"])
                        removed += 1
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=base):
                for obj in page.get("Contents", []):
                    if obj["LastModified"] < cutoff:
                        self.client.delete_object(Bucket=self.bucket, Key=obj["Key"])
                        removed += 1
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, "cleaning temporary uploads") from exc
        return removed


class _BodyReader(io.RawIOBase):
    """A streaming response body as a raw binary stream; read errors become BlobStoreError."""

    def __init__(self, body: Any, store: S3BlobStore, sha256: str) -> None:
        self._body = body
        self._store = store
        self._sha = sha256

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        try:
            data = self._body.read(len(b))
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._store._error(exc, f"blob {self._sha}: reading failed") from exc
        n = len(data)
        b[:n] = data
        return n

    def close(self) -> None:
        if not self.closed:
            try:
                self._body.close()
            finally:
                super().close()
