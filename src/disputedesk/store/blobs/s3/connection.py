"""The client and the bucket of an S3 blob store: settings, key layout (``PREFIX/sha256/ab/cd/<hash>``,
``PREFIX/meta/<name>``, ``PREFIX/tmp/``), and a server's error codes as the reason a person reads."""

from __future__ import annotations

import base64
import hashlib
import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlparse

from ..base import BlobStore, BlobStoreError

PART_SIZE = 16 * 1024 * 1024
# S3 refuses a single CopyObject larger than 5 GiB; above this, copy in UploadPartCopy ranges.
COPY_LIMIT = 5 * 1024**3
COPY_PART_SIZE = 512 * 1024 * 1024
MIN_PART_SIZE = 5 * 1024 * 1024  # S3's smallest part (except the last one)
MAX_PARTS = 10_000  # S3's most parts in one multipart upload: 16 MiB parts -> files up to 156 GiB
READ_CHUNK = 1024 * 1024
SMALL_BUFFER = 1024 * 1024  # files up to this size never touch a part-sized buffer
_HEX = frozenset("0123456789abcdef")

# Error codes a server answers with, turned into the reason a person reads.
_REASONS = {
    "AccessDenied": "access denied (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket policy)",
    "InvalidAccessKeyId": "access denied: the access key (AWS_ACCESS_KEY_ID) is not known to the object store",
    "SignatureDoesNotMatch": "access denied: the secret key (AWS_SECRET_ACCESS_KEY) is wrong",
    "NoSuchBucket": "the bucket does not exist",
    "BadDigest": "the object store received different bytes than were sent (Content-MD5 mismatch)",
    "InvalidDigest": "the object store refused the Content-MD5 of the upload",
    "EntityTooLarge": "the object store refused an object this large",
    "QuotaExceeded": "the object store's quota is exhausted",
    "XMinioStorageFull": "the object store is out of space",
    "InsufficientStorage": "the object store is out of space",
    "SlowDown": "the object store asks to slow down (still overloaded after retries)",
    "ServiceUnavailable": "the object store is unavailable",
    "InternalError": "the object store had an internal error",
}


def _is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in _HEX for c in value)


def _md5_b64(data: bytes | memoryview) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()  # noqa: S324 - transport check, as S3 defines it


class S3Connection(BlobStore):
    """The client and the bucket of an S3 blob store, its key layout, and its errors as reasons."""

    def __init__(
        self,
        url: str,
        *,
        endpoint: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        region: str | None = None,
        part_size: int = PART_SIZE,
        copy_limit: int = COPY_LIMIT,
        copy_part_size: int = COPY_PART_SIZE,
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
        max_attempts: int = 3,
        list_page_size: int = 1000,
        upload_threads: int = 4,
        parallel_puts: int = 16,
    ) -> None:
        parsed = urlparse(url)
        if parsed.scheme != "s3" or not parsed.netloc:
            raise BlobStoreError(f"DISPUTEDESK_BLOB_STORE: {url!r} is not an s3://BUCKET[/prefix] address")
        if part_size < MIN_PART_SIZE or copy_part_size < MIN_PART_SIZE:
            raise BlobStoreError(f"S3 parts must be at least {MIN_PART_SIZE} bytes (S3's minimum part size)")
        self.bucket = parsed.netloc
        prefix = parsed.path.strip("/")
        self.prefix = f"{prefix}/" if prefix else ""
        self.url = f"s3://{self.bucket}/{prefix}".rstrip("/")
        self.endpoint = endpoint or os.environ.get("DISPUTEDESK_S3_ENDPOINT") or None
        self.region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        self.part_size = part_size
        self.copy_limit = copy_limit
        self.copy_part_size = copy_part_size
        self.list_page_size = list_page_size
        self.upload_threads = max(1, upload_threads)
        # Small files are one round trip each (plus the HEAD that finds a duplicate): many at once.
        self.parallel_puts = max(1, parallel_puts)
        # Files above SMALL_BUFFER: two at a time, each with a part-sized buffer kept for reuse.
        self._large_slots = threading.BoundedSemaphore(2)
        self._part_buffers: list[memoryview] = []
        self._conditional = True  # PutObject with If-None-Match (S3 since 2024, SeaweedFS, MinIO)
        self._ready = False
        self._local = threading.local()
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

        import boto3
        from botocore.config import Config

        config = Config(
            region_name=self.region,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retries={"max_attempts": max_attempts, "mode": "standard"},
            # Path-style addressing works with every S3-compatible server (no wildcard DNS needed).
            s3={"addressing_style": "path" if self.endpoint else "auto"},
            # Checksums only where S3 requires them: we send Content-MD5 ourselves, and several
            # S3-compatible servers reject the newer trailing-checksum (aws-chunked) encoding.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            # One connection per thread that may talk at once (parallel files and their parts).
            max_pool_connections=max(10, self.parallel_puts + self.upload_threads),
        )
        session = boto3.session.Session(
            aws_access_key_id=access_key or None,
            aws_secret_access_key=secret_key or None,
            region_name=self.region,
        )
        self.client: Any = session.client("s3", endpoint_url=self.endpoint, config=config)

    # -- layout ---------------------------------------------------------------------------
    def key(self, sha256: str) -> str:
        if not _is_sha256(sha256):
            raise BlobStoreError(f"not a SHA-256 hex digest: {sha256!r}")
        return f"{self.prefix}sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"

    def _tmp_key(self) -> str:
        return f"{self.prefix}tmp/{uuid.uuid4().hex}.part"

    def _meta_key(self, name: str) -> str:
        if not name or "/" in name or name in (".", ".."):
            raise BlobStoreError(f"metadata name {name!r} is not a plain file name")
        return f"{self.prefix}meta/{name}"

    def _where(self) -> str:
        return f"bucket {self.bucket!r}" + (f" at {self.endpoint}" if self.endpoint else "")

    # -- errors ---------------------------------------------------------------------------
    def _error(self, exc: BaseException, what: str) -> BlobStoreError:
        """Name the file/bucket and the reason; never a bare botocore traceback."""
        from botocore.exceptions import (
            ClientError,
            ConnectionClosedError,
            EndpointConnectionError,
            NoCredentialsError,
            ReadTimeoutError,
        )

        if isinstance(exc, ClientError):
            err = exc.response.get("Error", {})
            code = str(err.get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            reason = _REASONS.get(code)
            if reason is None and status == 403:
                reason = _REASONS["AccessDenied"]
            if reason is None:
                reason = f"{code or status}: {err.get('Message') or 'refused by the object store'}"
            return BlobStoreError(f"{what}: {reason} ({self._where()})")
        if isinstance(exc, EndpointConnectionError):
            return BlobStoreError(
                f"{what}: object store unreachable at {self.endpoint or 'the AWS endpoint'} "
                f"(bucket {self.bucket!r}); check DISPUTEDESK_S3_ENDPOINT"
            )
        if isinstance(exc, NoCredentialsError):
            return BlobStoreError(
                f"{what}: no credentials for {self._where()}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
            )
        if isinstance(exc, ReadTimeoutError | ConnectionClosedError):
            return BlobStoreError(f"{what}: the connection to {self._where()} failed: {exc}")
        return BlobStoreError(f"{what}: {exc} ({self._where()})")

    @staticmethod
    def _code(exc: BaseException) -> str:
        from botocore.exceptions import ClientError

        if isinstance(exc, ClientError):
            code = str(exc.response.get("Error", {}).get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status == 404 and code in ("", "404", "NotFound"):
                return "NoSuchKey"
            return code or str(status)
        return ""

    # -- the bucket -----------------------------------------------------------------------
    def _ensure(self) -> None:
        """Create the bucket when it is missing (once per process)."""
        if self._ready:
            return
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except Exception as exc:  # noqa: BLE001 - mapped below
            code = self._code(exc)
            if code not in ("NoSuchKey", "NoSuchBucket", "404"):
                raise self._error(exc, f"bucket {self.bucket!r} cannot be reached") from exc
            try:
                args: dict[str, Any] = {"Bucket": self.bucket}
                if self.region != "us-east-1":
                    args["CreateBucketConfiguration"] = {"LocationConstraint": self.region}
                self.client.create_bucket(**args)
            except Exception as exc2:  # noqa: BLE001 - mapped below
                if self._code(exc2) not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                    raise self._error(exc2, f"bucket {self.bucket!r} is missing and cannot be created") from exc2
        self._ready = True

    def check_writable(self) -> None:
        self._ensure()
        probe = f"{self.prefix}tmp/.probe-{uuid.uuid4().hex}"
        try:
            self.client.put_object(Bucket=self.bucket, Key=probe, Body=b"", ContentMD5=_md5_b64(b""))
            self.client.delete_object(Bucket=self.bucket, Key=probe)
        except Exception as exc:  # noqa: BLE001 - mapped
            raise self._error(exc, f"bucket {self.bucket!r} is not writable") from exc
